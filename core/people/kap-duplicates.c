/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-duplicates"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include "kap-duplicates-private.h"

/* The person index: every person's name keys, date of birth, age and
 * nationality, kept in step with the store, and its word postings. The
 * scoring of a query against it (and the match results) is in
 * kap-duplicates-match.c. */

G_DEFINE_FINAL_TYPE (KapPersonIndex, kap_person_index, G_TYPE_OBJECT)

/* Dates. */

/* "YYYY-MM-DD", optionally followed by a time: the Julian day, or 0. */
guint32
kap_duplicates_parse_date (const char *text)
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

int
kap_duplicates_year_of (guint32 julian)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, julian);

  return g_date_get_year (&date);
}

int
kap_duplicates_today_year (void)
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

  person->dob = kap_duplicates_parse_date (fields->date_of_birth);
  if (person->dob != 0)
    person->birth_year = kap_duplicates_year_of (person->dob);
  else if (fields->age_estimated >= 0)
    {
      guint32 when = kap_duplicates_parse_date (fields->age_date);

      person->birth_year = (when != 0 ? kap_duplicates_year_of (when) : kap_duplicates_today_year ()) - fields->age_estimated;
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
