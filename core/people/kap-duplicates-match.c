/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-duplicates"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-duplicates-private.h"

/* The duplicate check: each indexed person scored against a query by
 * name, date of birth or age and nationality, and the match results it
 * returns. */

/* A word of the index must be at least this close to a query word for its
 * persons to be scored at all. Sound, not a guess: kap_name_combine()
 * averages word contributions, a pair contributes at most its similarity
 * and pairs below 0.90 lose three times their distance to 0.90, so a name
 * can only reach KAP_NAME_SIMILAR (0.88) if one of its word pairs scores at
 * least 0.895. Everything below is skipped without losing a match. */
#define CANDIDATE_WORD_SIMILARITY 0.89

/* Same words, any order, any script: kap_name_combine() gives exactly 1. */
#define NAME_SAME_SCORE 0.9999

/* An estimated age is usually given as a round number and misjudged by a
 * year or two either way. */
#define AGE_TOLERANCE_YEARS 2

G_DEFINE_BOXED_TYPE (KapPersonMatch, kap_person_match, kap_person_match_copy, kap_person_match_free)

/* Match results. */

KapPersonMatch *
kap_person_match_copy (const KapPersonMatch *match)
{
  KapPersonMatch *copy;

  g_return_val_if_fail (match != NULL, NULL);

  copy = g_new0 (KapPersonMatch, 1);
  *copy = *match;
  copy->id = g_strdup (match->id);
  copy->matched_name = g_strdup (match->matched_name);

  return copy;
}

void
kap_person_match_free (KapPersonMatch *match)
{
  if (match == NULL)
    return;

  g_free (match->id);
  g_free (match->matched_name);
  g_free (match);
}

char *
kap_person_match_describe (const KapPersonMatch *match)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *text = g_string_new (NULL);

  g_return_val_if_fail (match != NULL, NULL);

  if (match->reasons & KAP_PERSON_MATCH_NAME_SAME)
    g_ptr_array_add (parts, match->matched_name != NULL
                     /* Translators: the start of a duplicate warning; %s is the other record's name */
                     ? g_strdup_printf (_("Same name (%s)"), match->matched_name)
                     : g_strdup (_("Same name")));
  else if (match->reasons & KAP_PERSON_MATCH_NAME_SIMILAR)
    g_ptr_array_add (parts, match->matched_name != NULL
                     /* Translators: the start of a duplicate warning; %s is the other record's name */
                     ? g_strdup_printf (_("Similar name (%s)"), match->matched_name)
                     : g_strdup (_("Similar name")));

  /* The other parts continue the sentence, so they start in lower case. */
  if (match->reasons & KAP_PERSON_MATCH_DOB_SAME)
    /* Translators: continues “Similar name (Arben Krasniqi), same date of birth” */
    g_ptr_array_add (parts, g_strdup (_("same date of birth")));
  else if (match->reasons & KAP_PERSON_MATCH_DOB_WITHIN_YEAR)
    /* Translators: continues “Similar name (Arben Krasniqi), born within a year” */
    g_ptr_array_add (parts, g_strdup (_("born within a year")));
  else if (match->reasons & KAP_PERSON_MATCH_AGE_BAND_SAME)
    /* Translators: continues “Similar name (Arben Krasniqi), similar age”;
     * the age was estimated and is within two years */
    g_ptr_array_add (parts, g_strdup (_("similar age")));

  if (match->reasons & KAP_PERSON_MATCH_NATIONALITY_SAME)
    /* Translators: continues “Similar name (Arben Krasniqi), same nationality” */
    g_ptr_array_add (parts, g_strdup (_("same nationality")));

  for (guint i = 0; i < parts->len; i++)
    {
      if (i > 0)
        /* Translators: separates the parts of a duplicate warning */
        g_string_append (text, C_("list separator", ", "));
      g_string_append (text, g_ptr_array_index (parts, i));
    }

  return g_string_free (text, FALSE);
}

/* Matching. */

typedef struct
{
  char    *text;
  char    *skeleton;
  guint    len;
} QueryWord;

typedef struct
{
  guint   words[KAP_NAME_MAX_WORDS];   /* indices into the query words */
  guint   n_words;
} QueryName;

/* The name score of one query name against one indexed name, from the
 * precomputed word similarities. */
static double
score_names (const QueryName *query_name,
             const guint     *query_lengths,
             const NameKey   *name_key,
             GPtrArray       *words,
             const float     *sims,
             guint            n_vocabulary)
{
  double matrix[KAP_NAME_MAX_WORDS * KAP_NAME_MAX_WORDS];
  guint len_a[KAP_NAME_MAX_WORDS];
  guint len_b[KAP_NAME_MAX_WORDS];

  if (query_name->n_words == 0 || name_key->n_words == 0)
    return 0.0;

  for (guint i = 0; i < query_name->n_words; i++)
    {
      len_a[i] = query_lengths[query_name->words[i]];
      for (guint j = 0; j < name_key->n_words; j++)
        matrix[i * name_key->n_words + j] =
          sims[(gsize) query_name->words[i] * n_vocabulary + name_key->words[j]];
    }
  for (guint j = 0; j < name_key->n_words; j++)
    len_b[j] = ((Word *) g_ptr_array_index (words, name_key->words[j]))->len;

  return kap_name_combine (matrix, query_name->n_words, len_a, name_key->n_words, len_b);
}

static int
compare_matches (gconstpointer a,
                 gconstpointer b)
{
  const KapPersonMatch *ma = *(KapPersonMatch * const *) a;
  const KapPersonMatch *mb = *(KapPersonMatch * const *) b;

  if (ma->score != mb->score)
    return ma->score > mb->score ? -1 : 1;
  if (ma->name_score != mb->name_score)
    return ma->name_score > mb->name_score ? -1 : 1;
  return strcmp (ma->id, mb->id);
}

GPtrArray *
kap_person_index_find_matches (KapPersonIndex       *self,
                               const KapPersonQuery *query,
                               guint                 max)
{
  GPtrArray *matches;
  QueryWord qwords[N_NAMES * KAP_NAME_MAX_WORDS];
  guint qlengths[N_NAMES * KAP_NAME_MAX_WORDS];
  QueryName qnames[N_NAMES];
  guint n_qwords = 0;
  guint32 query_dob;
  int query_year = 0;
  char query_nationality[4] = { 0 };
  g_autofree float *sims = NULL;
  g_autofree guint8 *seen = NULL;
  g_autoptr(GArray) candidates = NULL;
  guint n_vocabulary;

  g_return_val_if_fail (KAP_IS_PERSON_INDEX (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  matches = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_person_match_free);

  /* The query's names as words, each distinct word once. */
  for (guint k = 0; k < N_NAMES; k++)
    {
      const char *name = k == NAME_STATED ? query->name_stated : query->name_original;
      g_autofree char *copy = NULL;
      char *words[KAP_NAME_MAX_WORDS];
      guint lengths[KAP_NAME_MAX_WORDS];
      guint n;

      copy = kap_name_key (name);
      n = kap_name_split_key (copy, words, lengths);
      qnames[k].n_words = n;
      for (guint i = 0; i < n; i++)
        {
          guint w;

          for (w = 0; w < n_qwords; w++)
            if (strcmp (qwords[w].text, words[i]) == 0)
              break;
          if (w == n_qwords)
            {
              qwords[w].text = g_strdup (words[i]);
              qwords[w].skeleton = kap_name_skeleton (words[i]);
              qwords[w].len = lengths[i];
              qlengths[w] = lengths[i];
              n_qwords++;
            }
          qnames[k].words[i] = w;
        }
    }

  query_dob = kap_duplicates_parse_date (query->date_of_birth);
  if (query_dob != 0)
    query_year = kap_duplicates_year_of (query_dob);
  else if (query->age_estimated >= 0)
    {
      guint32 when = kap_duplicates_parse_date (query->age_date);

      query_year = (when != 0 ? kap_duplicates_year_of (when) : kap_duplicates_today_year ()) - query->age_estimated;
    }
  if (query->nationality != NULL && strlen (query->nationality) == 3)
    for (guint i = 0; i < 3; i++)
      query_nationality[i] = g_ascii_toupper (query->nationality[i]);

  if (n_qwords == 0)
    goto out;

  g_rw_lock_reader_lock (&self->lock);

  /* Every query word against every distinct word of the index: a few tens
   * of thousands of Jaro-Winkler comparisons of short words, far fewer
   * than comparing against every person, and no candidate is lost to a
   * heuristic prefilter. Only words close enough to matter (see
   * CANDIDATE_WORD_SIMILARITY) open their postings. */
  n_vocabulary = self->words->len;
  sims = g_new (float, (gsize) n_qwords * MAX (n_vocabulary, 1));
  seen = g_malloc0 (MAX (self->persons->len, 1));
  candidates = g_array_new (FALSE, FALSE, sizeof (guint32));

  for (guint v = 0; v < n_vocabulary; v++)
    {
      const Word *word = g_ptr_array_index (self->words, v);
      gboolean close = FALSE;

      for (guint q = 0; q < n_qwords; q++)
        {
          double s = kap_name_word_similarity_full (qwords[q].text, qwords[q].len, qwords[q].skeleton,
                                                    word->text, word->len, word->skeleton);

          sims[(gsize) q * n_vocabulary + v] = s;
          close |= s >= CANDIDATE_WORD_SIMILARITY;
        }

      if (!close)
        continue;

      for (guint p = 0; p < word->postings->len; p++)
        {
          guint32 slot = g_array_index (word->postings, guint32, p);

          if (!seen[slot] && g_ptr_array_index (self->persons, slot) != NULL)
            {
              seen[slot] = 1;
              g_array_append_val (candidates, slot);
            }
        }
    }

  for (guint c = 0; c < candidates->len; c++)
    {
      const Person *person = g_ptr_array_index (self->persons, g_array_index (candidates, guint32, c));
      KapPersonMatchReasons reasons = 0;
      double name_score = 0.0;
      const char *matched_name = NULL;
      double dob_part;
      double nationality_part;
      KapPersonMatch *match;

      if (query->exclude_id != NULL && strcmp (query->exclude_id, person->id) == 0)
        continue;

      for (guint a = 0; a < N_NAMES; a++)
        for (guint b = 0; b < N_NAMES; b++)
          {
            double s = score_names (&qnames[a], qlengths, &person->keys[b],
                                    self->words, sims, n_vocabulary);

            if (s > name_score)
              {
                name_score = s;
                matched_name = person->names[b];
              }
          }

      if (name_score >= NAME_SAME_SCORE)
        reasons |= KAP_PERSON_MATCH_NAME_SAME;
      else if (name_score >= KAP_NAME_SIMILAR)
        reasons |= KAP_PERSON_MATCH_NAME_SIMILAR;
      else
        continue;

      /* Birth: an exact date on both sides says the most; an estimated age
       * on either side only narrows the year. Dates known on both sides and
       * far apart count against the match. */
      if (query_dob != 0 && person->dob != 0)
        {
          guint32 gap = query_dob > person->dob ? query_dob - person->dob : person->dob - query_dob;

          if (gap == 0)
            {
              reasons |= KAP_PERSON_MATCH_DOB_SAME;
              dob_part = 1.0;
            }
          else if (gap <= 366)
            {
              reasons |= KAP_PERSON_MATCH_DOB_WITHIN_YEAR;
              dob_part = 0.6;
            }
          else
            dob_part = 0.0;
        }
      else if (query_year != 0 && person->birth_year != 0)
        {
          if (ABS (query_year - person->birth_year) <= AGE_TOLERANCE_YEARS)
            {
              reasons |= KAP_PERSON_MATCH_AGE_BAND_SAME;
              dob_part = 0.5;
            }
          else
            dob_part = 0.0;
        }
      else
        dob_part = 0.3;

      if (query_nationality[0] != '\0' && person->nationality[0] != '\0')
        {
          if (strcmp (query_nationality, person->nationality) == 0)
            {
              reasons |= KAP_PERSON_MATCH_NATIONALITY_SAME;
              nationality_part = 1.0;
            }
          else
            nationality_part = 0.0;
        }
      else
        nationality_part = 0.4;

      /* A similar name alone is too weak (common names repeat); it needs
       * one more sign. The same name is worth showing on its own. */
      if (!(reasons & KAP_PERSON_MATCH_NAME_SAME) &&
          !(reasons & (KAP_PERSON_MATCH_DOB_SAME | KAP_PERSON_MATCH_DOB_WITHIN_YEAR |
                       KAP_PERSON_MATCH_AGE_BAND_SAME | KAP_PERSON_MATCH_NATIONALITY_SAME)))
        continue;

      match = g_new0 (KapPersonMatch, 1);
      match->id = g_strdup (person->id);
      match->name_score = name_score;
      /* The name weighs most; birth next, since it separates namesakes;
       * nationality least, since most people at one station share a few. */
      match->score = 0.6 * name_score + 0.25 * dob_part + 0.15 * nationality_part;
      match->reasons = reasons;
      match->matched_name = g_strdup (matched_name);
      g_ptr_array_add (matches, match);
    }

  g_rw_lock_reader_unlock (&self->lock);

  g_ptr_array_sort (matches, compare_matches);
  if (max > 0 && matches->len > max)
    g_ptr_array_set_size (matches, max);

out:
  for (guint w = 0; w < n_qwords; w++)
    {
      g_free (qwords[w].text);
      g_free (qwords[w].skeleton);
    }
  return matches;
}
