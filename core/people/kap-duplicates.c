/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-duplicates"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-duplicates.h"
#include "kap-name-key-private.h"

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

typedef struct
{
  char   *text;
  char   *skeleton;
  guint   len;
  GArray *postings;    /* guint32 person slots, ascending; may hold removed slots */
} Word;

typedef struct
{
  char    *key;
  guint32  words[KAP_NAME_MAX_WORDS];
  guint    n_words;
} NameKey;

enum { NAME_STATED, NAME_ORIGINAL, N_NAMES };

typedef struct
{
  char     *id;
  char     *names[N_NAMES];
  NameKey   keys[N_NAMES];
  guint32   dob;               /* Julian day; 0: unknown */
  int       birth_year;        /* from the date of birth or the estimated age; 0: unknown */
  gboolean  year_estimated;
  char      nationality[4];    /* alpha-3, upper case; "" unknown */
} Person;

struct _KapPersonIndex
{
  GObject      parent_instance;

  GRWLock      lock;
  GPtrArray   *persons;        /* Person slots; NULL where removed */
  GHashTable  *by_id;          /* id → slot + 1 */
  GPtrArray   *words;          /* Word by word id */
  GHashTable  *word_ids;       /* text → word id + 1 */
  guint        n_removed;
};

G_DEFINE_FINAL_TYPE (KapPersonIndex, kap_person_index, G_TYPE_OBJECT)

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

/* Dates. */

/* "YYYY-MM-DD", optionally followed by a time: the Julian day, or 0. */
static guint32
parse_date (const char *text)
{
  int year, month, day;
  char tail;
  GDate date;

  if (text == NULL || strlen (text) < 10 ||
      sscanf (text, "%4d-%2d-%2d%c", &year, &month, &day, &tail) < 3 ||
      text[4] != '-' || text[7] != '-' ||
      (text[10] != '\0' && text[10] != 'T' && text[10] != ' '))
    return 0;

  if (!g_date_valid_dmy (day, month, year))
    return 0;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);

  return g_date_get_julian (&date);
}

static int
year_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_get_year (&date);
}

static int
today_year (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_get_year (now);
}

/* Index maintenance; callers hold the write lock. */

static void
word_free (gpointer data)
{
  Word *word = data;

  g_free (word->text);
  g_free (word->skeleton);
  g_array_unref (word->postings);
  g_free (word);
}

static void
person_free (gpointer data)
{
  Person *person = data;

  if (person == NULL)
    return;

  g_free (person->id);
  for (guint i = 0; i < N_NAMES; i++)
    {
      g_free (person->names[i]);
      g_free (person->keys[i].key);
    }
  g_free (person);
}

static guint32
intern_word (KapPersonIndex *self,
             const char     *text,
             guint           len)
{
  gpointer value;
  Word *word;

  if (g_hash_table_lookup_extended (self->word_ids, text, NULL, &value))
    return GPOINTER_TO_UINT (value) - 1;

  word = g_new0 (Word, 1);
  word->text = g_strdup (text);
  word->skeleton = kap_name_skeleton (text);
  word->len = len;
  word->postings = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_ptr_array_add (self->words, word);
  g_hash_table_insert (self->word_ids, word->text, GUINT_TO_POINTER (self->words->len));

  return self->words->len - 1;
}

static void
fill_name_key (KapPersonIndex *self,
               NameKey        *name_key,
               const char     *name)
{
  g_autofree char *copy = NULL;
  char *words[KAP_NAME_MAX_WORDS];
  guint lengths[KAP_NAME_MAX_WORDS];

  name_key->key = kap_name_key (name);
  copy = g_strdup (name_key->key);
  name_key->n_words = kap_name_split_key (copy, words, lengths);
  for (guint i = 0; i < name_key->n_words; i++)
    name_key->words[i] = intern_word (self, words[i], lengths[i]);
}

static void
post_person (KapPersonIndex *self,
             guint32         slot)
{
  Person *person = g_ptr_array_index (self->persons, slot);

  for (guint k = 0; k < N_NAMES; k++)
    for (guint i = 0; i < person->keys[k].n_words; i++)
      {
        Word *word = g_ptr_array_index (self->words, person->keys[k].words[i]);

        /* A word in both names, or twice in one, is posted once. */
        if (word->postings->len > 0 &&
            g_array_index (word->postings, guint32, word->postings->len - 1) == slot)
          continue;
        g_array_append_val (word->postings, slot);
      }
}

/* Renumbers the slots once removals have left more holes than persons,
 * so postings do not fill up with dead entries. */
static void
compact (KapPersonIndex *self)
{
  GPtrArray *live = g_ptr_array_new_full (self->persons->len - self->n_removed, person_free);

  for (guint i = 0; i < self->persons->len; i++)
    {
      Person *person = g_ptr_array_index (self->persons, i);

      if (person != NULL)
        {
          g_ptr_array_index (self->persons, i) = NULL;
          g_ptr_array_add (live, person);
        }
    }
  g_ptr_array_unref (self->persons);
  self->persons = live;
  self->n_removed = 0;

  g_hash_table_remove_all (self->by_id);
  for (guint i = 0; i < self->words->len; i++)
    g_array_set_size (((Word *) g_ptr_array_index (self->words, i))->postings, 0);
  for (guint32 slot = 0; slot < self->persons->len; slot++)
    {
      Person *person = g_ptr_array_index (self->persons, slot);

      g_hash_table_insert (self->by_id, person->id, GUINT_TO_POINTER (slot + 1));
      post_person (self, slot);
    }
}

static gboolean
remove_locked (KapPersonIndex *self,
               const char     *id)
{
  guint slot = GPOINTER_TO_UINT (g_hash_table_lookup (self->by_id, id));

  if (slot == 0)
    return FALSE;

  g_hash_table_remove (self->by_id, id);
  person_free (g_ptr_array_index (self->persons, slot - 1));
  g_ptr_array_index (self->persons, slot - 1) = NULL;
  self->n_removed++;

  if (self->n_removed > 1024 && self->n_removed > self->persons->len / 2)
    compact (self);

  return TRUE;
}

static void
add_locked (KapPersonIndex       *self,
            const char           *id,
            const KapPersonQuery *fields)
{
  Person *person;
  guint32 slot;

  remove_locked (self, id);

  person = g_new0 (Person, 1);
  person->id = g_strdup (id);
  person->names[NAME_STATED] = g_strdup (fields->name_stated);
  person->names[NAME_ORIGINAL] = g_strdup (fields->name_original);
  for (guint k = 0; k < N_NAMES; k++)
    fill_name_key (self, &person->keys[k], person->names[k]);

  person->dob = parse_date (fields->date_of_birth);
  if (person->dob != 0)
    person->birth_year = year_of (person->dob);
  else if (fields->age_estimated >= 0)
    {
      guint32 when = parse_date (fields->age_date);

      person->birth_year = (when != 0 ? year_of (when) : today_year ()) - fields->age_estimated;
      person->year_estimated = TRUE;
    }

  if (fields->nationality != NULL && strlen (fields->nationality) == 3)
    for (guint i = 0; i < 3; i++)
      person->nationality[i] = g_ascii_toupper (fields->nationality[i]);

  slot = self->persons->len;
  g_ptr_array_add (self->persons, person);
  g_hash_table_insert (self->by_id, person->id, GUINT_TO_POINTER (slot + 1));
  post_person (self, slot);
}

/* GObject. */

static void
kap_person_index_finalize (GObject *object)
{
  KapPersonIndex *self = (KapPersonIndex *) object;

  g_clear_pointer (&self->persons, g_ptr_array_unref);
  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->word_ids, g_hash_table_unref);
  g_clear_pointer (&self->words, g_ptr_array_unref);
  g_rw_lock_clear (&self->lock);

  G_OBJECT_CLASS (kap_person_index_parent_class)->finalize (object);
}

static void
kap_person_index_class_init (KapPersonIndexClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_person_index_finalize;
}

static void
kap_person_index_init (KapPersonIndex *self)
{
  g_rw_lock_init (&self->lock);
  self->persons = g_ptr_array_new_with_free_func (person_free);
  self->by_id = g_hash_table_new (g_str_hash, g_str_equal);
  self->words = g_ptr_array_new_with_free_func (word_free);
  self->word_ids = g_hash_table_new (g_str_hash, g_str_equal);
}

/* Public API. */

KapPersonIndex *
kap_person_index_new (void)
{
  return g_object_new (KAP_TYPE_PERSON_INDEX, NULL);
}

void
kap_person_index_add (KapPersonIndex       *self,
                      const char           *id,
                      const KapPersonQuery *person)
{
  g_return_if_fail (KAP_IS_PERSON_INDEX (self));
  g_return_if_fail (id != NULL);
  g_return_if_fail (person != NULL);

  g_rw_lock_writer_lock (&self->lock);
  add_locked (self, id, person);
  g_rw_lock_writer_unlock (&self->lock);
}

gboolean
kap_person_index_remove (KapPersonIndex *self,
                         const char     *id)
{
  gboolean removed;

  g_return_val_if_fail (KAP_IS_PERSON_INDEX (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  g_rw_lock_writer_lock (&self->lock);
  removed = remove_locked (self, id);
  g_rw_lock_writer_unlock (&self->lock);

  return removed;
}

guint
kap_person_index_get_n_persons (KapPersonIndex *self)
{
  guint n;

  g_return_val_if_fail (KAP_IS_PERSON_INDEX (self), 0);

  g_rw_lock_reader_lock (&self->lock);
  n = g_hash_table_size (self->by_id);
  g_rw_lock_reader_unlock (&self->lock);

  return n;
}

static const char *
body_string (JsonObject *body,
             const char *member)
{
  JsonNode *node = json_object_get_member (body, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static int
body_age (JsonObject *body)
{
  JsonNode *node = json_object_get_member (body, "age_estimated");
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return -1;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    return CLAMP (json_node_get_int (node), -1, 150);
  if (type == G_TYPE_DOUBLE)
    return CLAMP ((int) json_node_get_double (node), -1, 150);

  return -1;
}

gboolean
kap_person_index_add_document (KapPersonIndex *self,
                               KapDocument    *document)
{
  KapPersonQuery fields = KAP_PERSON_QUERY_INIT;
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_PERSON_INDEX (self), FALSE);
  g_return_val_if_fail (KAP_IS_DOCUMENT (document), FALSE);

  if (g_strcmp0 (kap_document_get_doc_type (document), "person") != 0 ||
      kap_document_get_id (document) == NULL)
    return FALSE;

  if (kap_document_get_deleted (document))
    {
      kap_person_index_remove (self, kap_document_get_id (document));
      return TRUE;
    }

  body = kap_document_get_body (document);
  fields.name_stated = body_string (body, "name_stated");
  fields.name_original = body_string (body, "name_original");
  fields.date_of_birth = body_string (body, "date_of_birth");
  fields.age_estimated = body_age (body);
  fields.age_date = body_string (body, "created_at");
  fields.nationality = body_string (body, "nationality");

  kap_person_index_add (self, kap_document_get_id (document), &fields);

  return TRUE;
}

static gboolean
index_has (KapPersonIndex *self,
           const char     *id)
{
  gboolean has;

  g_rw_lock_reader_lock (&self->lock);
  has = g_hash_table_contains (self->by_id, id);
  g_rw_lock_reader_unlock (&self->lock);

  return has;
}

/* Adds every live person of @store; with @keep_known, a person the index
 * already has is left as it is (it came from a newer change). */
static gboolean
fill (KapPersonIndex  *self,
      KapStore        *store,
      gboolean         keep_known,
      GError         **error)
{
  g_autoptr(GListModel) documents = NULL;
  guint n;

  documents = kap_store_list (store, "person", error);
  if (documents == NULL)
    return FALSE;

  n = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KapDocument) document = g_list_model_get_item (documents, i);

      if (!keep_known || !index_has (self, kap_document_get_id (document)))
        kap_person_index_add_document (self, document);
    }

  g_debug ("Indexed %u persons, %u distinct name words",
           kap_person_index_get_n_persons (self), self->words->len);

  return TRUE;
}

KapPersonIndex *
kap_person_index_load (KapStore  *store,
                       GError   **error)
{
  g_autoptr(KapPersonIndex) self = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = kap_person_index_new ();
  if (!fill (self, store, FALSE, error))
    return NULL;

  return g_steal_pointer (&self);
}

static void
fill_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (fill (source_object, task_data, TRUE, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

void
kap_person_index_fill_async (KapPersonIndex      *self,
                             KapStore            *store,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (KAP_IS_PERSON_INDEX (self));
  g_return_if_fail (KAP_IS_STORE (store));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, kap_person_index_fill_async);
  g_task_set_task_data (task, g_object_ref (store), g_object_unref);
  g_task_run_in_thread (task, fill_thread);
}

gboolean
kap_person_index_fill_finish (KapPersonIndex  *self,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
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

  query_dob = parse_date (query->date_of_birth);
  if (query_dob != 0)
    query_year = year_of (query_dob);
  else if (query->age_estimated >= 0)
    {
      guint32 when = parse_date (query->age_date);

      query_year = (when != 0 ? year_of (when) : today_year ()) - query->age_estimated;
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

static void
persons_changed_cb (KapStore           *store,
                    const char * const *ids,
                    KapPersonIndex     *index)
{
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      if (!g_str_has_prefix (ids[i], "person:"))
        continue;

      document = kap_store_get (store, ids[i], NULL, KAP_STORE_GET_NONE, &error);
      if (document != NULL)
        kap_person_index_add_document (index, document);
      else if (g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND))
        kap_person_index_remove (index, ids[i]);
      else
        /* Only the id and the reason: never a name. */
        g_warning ("Could not index a changed person: %s", error->message);
    }
}

void
kap_person_index_follow (KapPersonIndex *self,
                         KapStore       *store)
{
  g_return_if_fail (KAP_IS_PERSON_INDEX (self));
  g_return_if_fail (KAP_IS_STORE (store));

  /* The store emits this in the thread that opened it (kap-store-write.c). */
  g_signal_connect_object (store, "documents-changed",
                           G_CALLBACK (persons_changed_cb), self, 0);
}
