/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-name-search"

#include "config.h"

#include <string.h>

#include "kap-name-key-private.h"
#include "kap-name-search.h"

/* How one word typed meets one word of a name, from the best: the same
 * word; the start of it (more of it typed scores higher); a spelling
 * variant, scored by its similarity; a piece inside it. A variant ranks
 * above a piece because "petrovich" is the same person as "petrovic",
 * while "ovic" is half the region. */
#define SCORE_SAME           1.0
#define SCORE_PREFIX_BASE    0.80
#define SCORE_PREFIX_SPAN    0.15
#define SCORE_VARIANT_BASE   0.30
#define SCORE_VARIANT_SPAN   0.45
#define SCORE_INSIDE         0.50
/* Shorter words are only looked for as words or starts of words: "ana"
 * inside or near every other name would find half the list. */
#define INSIDE_MIN_LETTERS   3
#define VARIANT_MIN_LETTERS  4

struct _KapNameSearch
{
  char       *key;
  char       *buf;       /* a copy of the key, cut into the words */
  char       *words[KAP_NAME_MAX_WORDS];
  guint       lengths[KAP_NAME_MAX_WORDS];
  char       *skeletons[KAP_NAME_MAX_WORDS];
  guint       n_words;
  GHashTable *memo;      /* name word → double[n_words] */
  GString    *scratch;
  GArray     *by_id;     /* double[n_words] per word id of words_seen; -1: not yet */
  KapNameWords *words_seen;
};

KapNameSearch *
kap_name_search_new (const char *text)
{
  KapNameSearch *self;
  g_autofree char *key = kap_name_key (text);

  if (key[0] == '\0')
    return NULL;

  self = g_new0 (KapNameSearch, 1);
  self->buf = g_strdup (key);
  self->key = g_steal_pointer (&key);
  self->n_words = kap_name_split_key (self->buf, self->words, self->lengths);
  for (guint i = 0; i < self->n_words; i++)
    self->skeletons[i] = kap_name_skeleton (self->words[i]);
  self->memo = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->scratch = g_string_new (NULL);

  return self;
}

void
kap_name_search_free (KapNameSearch *self)
{
  if (self == NULL)
    return;

  g_free (self->buf);
  for (guint i = 0; i < self->n_words; i++)
    g_free (self->skeletons[i]);
  g_hash_table_unref (self->memo);
  g_string_free (self->scratch, TRUE);
  g_clear_pointer (&self->by_id, g_array_unref);
  g_free (self->key);
  g_free (self);
}

static double
word_score (KapNameSearch *self,
            guint          i,
            const char    *word,
            guint          len,
            const char    *skeleton)
{
  const char *typed = self->words[i];
  guint typed_len = self->lengths[i];

  if (typed_len == len && memcmp (typed, word, len) == 0)
    return SCORE_SAME;

  if (typed_len < len && memcmp (typed, word, typed_len) == 0)
    return SCORE_PREFIX_BASE + SCORE_PREFIX_SPAN * typed_len / len;

  if (typed_len >= VARIANT_MIN_LETTERS && len >= VARIANT_MIN_LETTERS)
    {
      double similarity = kap_name_word_similarity_full (typed, typed_len, self->skeletons[i],
                                                         word, len, skeleton);

      if (similarity >= KAP_NAME_SEARCH_SIMILAR)
        return SCORE_VARIANT_BASE + SCORE_VARIANT_SPAN * similarity;
    }

  if (typed_len >= INSIDE_MIN_LETTERS && strstr (word, typed) != NULL)
    return SCORE_INSIDE;

  return 0.0;
}

/* The scores of every word typed against @word, computed once per word
 * of the names met (names repeat: families, common first names). */
static const double *
word_scores (KapNameSearch *self,
             const char    *word,
             guint          len)
{
  double *scores = g_hash_table_lookup (self->memo, word);
  g_autofree char *skeleton = NULL;

  if (scores != NULL)
    return scores;

  skeleton = kap_name_skeleton (word);
  scores = g_new (double, self->n_words);
  for (guint i = 0; i < self->n_words; i++)
    scores[i] = word_score (self, i, word, len, skeleton);
  g_hash_table_insert (self->memo, g_strndup (word, len), scores);

  return scores;
}

/* A line of a name (one script) from the scores of each of its @n words
 * against the words typed: every word typed must meet one of them. */
static double
combine (KapNameSearch       *self,
         const double * const *scores,
         guint                n)
{
  double best[KAP_NAME_MAX_WORDS] = { 0 };
  gboolean in_order = n == self->n_words;
  double total = 0.0;

  if (n == 0)
    return 0.0;

  for (guint w = 0; w < n; w++)
    for (guint i = 0; i < self->n_words; i++)
      best[i] = MAX (best[i], scores[w][i]);

  for (guint i = 0; i < self->n_words; i++)
    {
      if (best[i] <= 0.0)
        return 0.0;
      total += best[i];
      /* The same word in the same place (only equal words score SAME). */
      if (i >= n || scores[i][i] < SCORE_SAME)
        in_order = FALSE;
    }

  /* The whole name as typed comes first of all. */
  if (in_order)
    return 1.0;

  /* A name with more words than were typed is a less certain match
   * ("Milica" alone finds every Milica); never quite the whole name. */
  return MIN (0.99, total / self->n_words * (0.9 + 0.1 * MIN (self->n_words, n) / n));
}

static double
line_score (KapNameSearch *self,
            const char    *line,
            gsize          line_len)
{
  char *words[KAP_NAME_MAX_WORDS];
  guint lengths[KAP_NAME_MAX_WORDS];
  const double *scores[KAP_NAME_MAX_WORDS];
  guint n;

  g_string_truncate (self->scratch, 0);
  g_string_append_len (self->scratch, line, line_len);
  n = kap_name_split_key (self->scratch->str, words, lengths);

  for (guint w = 0; w < n; w++)
    scores[w] = word_scores (self, words[w], lengths[w]);

  return combine (self, scores, n);
}

double
kap_name_search_score (KapNameSearch *self,
                       const char    *name_key)
{
  double score = 0.0;
  const char *line;

  g_return_val_if_fail (self != NULL, 0.0);

  if (name_key == NULL)
    return 0.0;

  /* The stated name and the name in the original script are one line
   * each; the better one counts. */
  line = name_key;
  while (*line != '\0')
    {
      const char *end = strchr (line, '\n');
      gsize len = end != NULL ? (gsize) (end - line) : strlen (line);

      score = MAX (score, line_score (self, line, len));
      if (end == NULL)
        break;
      line = end + 1;
    }

  return score;
}

/* KapNameWords */

struct _KapNameWords
{
  GHashTable *ids;      /* word → id + 1 */
  GPtrArray  *words;    /* id → word */
};

KapNameWords *
kap_name_words_new (void)
{
  KapNameWords *self = g_new0 (KapNameWords, 1);

  self->ids = g_hash_table_new (g_str_hash, g_str_equal);
  self->words = g_ptr_array_new_with_free_func (g_free);

  return self;
}

void
kap_name_words_free (KapNameWords *self)
{
  if (self == NULL)
    return;

  g_hash_table_unref (self->ids);
  g_ptr_array_unref (self->words);
  g_free (self);
}

static guint32
intern (KapNameWords *self,
        const char   *word)
{
  gpointer found = g_hash_table_lookup (self->ids, word);
  char *copy;

  if (found != NULL)
    return GPOINTER_TO_UINT (found) - 1;

  copy = g_strdup (word);
  g_ptr_array_add (self->words, copy);
  g_hash_table_insert (self->ids, copy, GUINT_TO_POINTER (self->words->len));

  return self->words->len - 1;
}

guint32 *
kap_name_words_intern (KapNameWords *self,
                       const char   *name_key)
{
  g_autoptr(GArray) ids = NULL;
  g_auto(GStrv) lines = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  if (name_key == NULL || name_key[0] == '\0')
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  lines = g_strsplit (name_key, "\n", -1);
  for (guint l = 0; lines[l] != NULL; l++)
    {
      char *words[KAP_NAME_MAX_WORDS];
      guint lengths[KAP_NAME_MAX_WORDS];
      guint n = kap_name_split_key (lines[l], words, lengths);
      const guint32 line = KAP_NAME_WORDS_LINE;

      if (n == 0)
        continue;
      if (ids->len > 0)
        g_array_append_val (ids, line);
      for (guint w = 0; w < n; w++)
        {
          guint32 id = intern (self, words[w]);

          g_array_append_val (ids, id);
        }
    }

  if (ids->len == 0)
    return NULL;

  {
    const guint32 end = KAP_NAME_WORDS_END;

    g_array_append_val (ids, end);
  }

  return (guint32 *) g_array_free (g_steal_pointer (&ids), FALSE);
}

/* The scores of the words typed against the word @id of @words, computed
 * once per search (a dictionary's word is met by many records). */
static const double *
id_scores (KapNameSearch *self,
           KapNameWords  *words,
           guint32        id)
{
  double *scores;

  if (self->by_id == NULL || self->by_id->len < (id + 1) * self->n_words)
    {
      guint old = self->by_id != NULL ? self->by_id->len : 0;

      if (self->by_id == NULL)
        self->by_id = g_array_new (FALSE, FALSE, sizeof (double));
      g_array_set_size (self->by_id, words->words->len * self->n_words);
      /* Not computed yet: below any score. */
      for (guint i = old; i < self->by_id->len; i++)
        g_array_index (self->by_id, double, i) = -1.0;
    }

  scores = &g_array_index (self->by_id, double, id * self->n_words);
  if (scores[0] < 0.0)
    {
      const char *word = g_ptr_array_index (words->words, id);
      g_autofree char *skeleton = kap_name_skeleton (word);
      guint len = strlen (word);

      for (guint i = 0; i < self->n_words; i++)
        scores[i] = word_score (self, i, word, len, skeleton);
    }

  return scores;
}

double
kap_name_search_score_words (KapNameSearch  *self,
                             KapNameWords   *words,
                             const guint32  *ids)
{
  const double *scores[KAP_NAME_MAX_WORDS];
  double score = 0.0;
  guint n = 0;

  if (ids == NULL)
    return 0.0;

  /* One search scores against one dictionary. */
  if (G_UNLIKELY (self->words_seen != words))
    {
      g_return_val_if_fail (self->words_seen == NULL && words != NULL, 0.0);
      self->words_seen = words;
    }

  for (const guint32 *id = ids; ; id++)
    {
      if (*id == KAP_NAME_WORDS_LINE || *id == KAP_NAME_WORDS_END)
        {
          score = MAX (score, combine (self, scores, n));
          n = 0;
          if (*id == KAP_NAME_WORDS_END)
            break;
          continue;
        }
      if (n < KAP_NAME_MAX_WORDS)
        scores[n++] = id_scores (self, words, *id);
    }

  return score;
}
