/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-list"

#include "config.h"

#include <string.h>

#include "kap-name-key.h"
#include "kap-name-search.h"
#include "kap-record-list.h"
#include "kap-record-list-private.h"
#include "kap-store-private.h"

/* One record as the list keeps it: a few short strings, no body. */
typedef struct
{
  char     *id;
  char     *type;
  char     *status;
  char     *priority;
  char     *stage;
  char    **categories;
  char     *person_id;
  char     *title;
  char     *title_original;
  char     *name_key;
  guint32  *name_words; /* name_key as word ids of the list's dictionary; lists only, not summaries */
  gpointer  person;     /* the Row of person_id, valid while person_generation is the list's */
  guint     person_generation;
  char     *updated_at;
  gboolean  conflicted;
  gboolean  sent;       /* the winner is on the server (sent, or came from it) */
  gboolean  rejected;   /* the server refused the winner */
} Row;

struct _KapRecordSummary
{
  GObject  parent_instance;

  Row      row;
  char    *person_title;
  char    *person_title_original;
  gboolean nested;
};

struct _KapRecordList
{
  GObject     parent_instance;

  KapStore   *store;
  gulong      changed_handler;
  GHashTable *rows;       /* id → Row, every live record */
  KapNameWords *words;    /* every word of the rows' names, so a search scores each once */
  guint       generation; /* changes whenever a row is freed: cached Row pointers are stale */
  GPtrArray  *sorted;     /* the same rows, newest change first */
  GPtrArray  *visible;    /* the rows of sorted that pass the filter, in the order shown */
  GArray     *nested;     /* gboolean per visible row: shown under its person */
  gboolean    group_by_person;

  /* The filter, with the search text turned into a name key once. */
  char       *type;
  char       *status;
  char       *priority;
  int         sync_state;
  char       *text;
  KapNameSearch *search;  /* the text as names to look for, or NULL */
  gboolean    text_is_id; /* the text may be (the start of) an id: it has the ':' after the type */
  char       *person_id;

  /* A list of one person's records keeps only those (person pages). */
  char       *scope_person;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE (KapRecordSummary, kap_record_summary, G_TYPE_OBJECT)
G_DEFINE_FINAL_TYPE_WITH_CODE (KapRecordList, kap_record_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

G_DEFINE_ENUM_TYPE (KapSyncState, kap_sync_state,
                    G_DEFINE_ENUM_VALUE (KAP_SYNC_STATE_PENDING, "pending"),
                    G_DEFINE_ENUM_VALUE (KAP_SYNC_STATE_SENT, "sent"),
                    G_DEFINE_ENUM_VALUE (KAP_SYNC_STATE_CONFLICT, "conflict"),
                    G_DEFINE_ENUM_VALUE (KAP_SYNC_STATE_REJECTED, "rejected"))

const char *
kap_sync_state_to_string (KapSyncState state)
{
  switch (state)
    {
    case KAP_SYNC_STATE_PENDING:  return "pending";
    case KAP_SYNC_STATE_SENT:     return "sent";
    case KAP_SYNC_STATE_CONFLICT: return "conflict";
    case KAP_SYNC_STATE_REJECTED: return "rejected";
    default:                      g_return_val_if_reached (NULL);
    }
}

static void
row_clear (Row *row)
{
  g_clear_pointer (&row->id, g_free);
  g_clear_pointer (&row->type, g_free);
  g_clear_pointer (&row->status, g_free);
  g_clear_pointer (&row->priority, g_free);
  g_clear_pointer (&row->stage, g_free);
  g_clear_pointer (&row->categories, g_strfreev);
  g_clear_pointer (&row->person_id, g_free);
  g_clear_pointer (&row->title, g_free);
  g_clear_pointer (&row->title_original, g_free);
  g_clear_pointer (&row->name_key, g_free);
  g_clear_pointer (&row->name_words, g_free);
  g_clear_pointer (&row->updated_at, g_free);
}

static void
row_free (Row *row)
{
  row_clear (row);
  g_free (row);
}

static void
row_copy (Row       *to,
          const Row *from)
{
  to->id = g_strdup (from->id);
  to->type = g_strdup (from->type);
  to->status = g_strdup (from->status);
  to->priority = g_strdup (from->priority);
  to->stage = g_strdup (from->stage);
  to->categories = g_strdupv (from->categories);
  to->person_id = g_strdup (from->person_id);
  to->title = g_strdup (from->title);
  to->title_original = g_strdup (from->title_original);
  to->name_key = g_strdup (from->name_key);
  to->updated_at = g_strdup (from->updated_at);
  to->conflicted = from->conflicted;
  to->sent = from->sent;
  to->rejected = from->rejected;
}

static KapSyncState
row_sync_state (const Row *row)
{
  /* A document with two live leaves is a conflict whoever made them; a
   * refusal needs the supervisor before anything else. */
  if (row->conflicted)
    return KAP_SYNC_STATE_CONFLICT;
  if (row->rejected)
    return KAP_SYNC_STATE_REJECTED;
  return row->sent ? KAP_SYNC_STATE_SENT : KAP_SYNC_STATE_PENDING;
}

/* KapRecordSummary */

enum {
  PROP_0,
  PROP_ID,
  PROP_DOC_TYPE,
  PROP_TITLE,
  PROP_TITLE_ORIGINAL,
  PROP_STATUS,
  PROP_PRIORITY,
  PROP_STAGE,
  PROP_UPDATED_AT,
  PROP_SYNC_STATE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kap_record_summary_finalize (GObject *object)
{
  KapRecordSummary *self = (KapRecordSummary *)object;

  row_clear (&self->row);
  g_clear_pointer (&self->person_title, g_free);
  g_clear_pointer (&self->person_title_original, g_free);

  G_OBJECT_CLASS (kap_record_summary_parent_class)->finalize (object);
}

static void
kap_record_summary_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KapRecordSummary *self = KAP_RECORD_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_ID:             g_value_set_string (value, self->row.id); break;
    case PROP_DOC_TYPE:       g_value_set_string (value, self->row.type); break;
    case PROP_TITLE:          g_value_set_string (value, kap_record_summary_get_title (self)); break;
    case PROP_TITLE_ORIGINAL: g_value_set_string (value, kap_record_summary_get_title_original (self)); break;
    case PROP_STATUS:         g_value_set_string (value, self->row.status); break;
    case PROP_PRIORITY:       g_value_set_string (value, self->row.priority); break;
    case PROP_STAGE:          g_value_set_string (value, self->row.stage); break;
    case PROP_UPDATED_AT:     g_value_set_string (value, self->row.updated_at); break;
    case PROP_SYNC_STATE:     g_value_set_enum (value, row_sync_state (&self->row)); break;
    default:                  G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_record_summary_class_init (KapRecordSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = kap_record_summary_finalize;
  object_class->get_property = kap_record_summary_get_property;

  properties [PROP_ID] = g_param_spec_string ("id", NULL, NULL, NULL, flags);
  properties [PROP_DOC_TYPE] = g_param_spec_string ("doc-type", NULL, NULL, NULL, flags);
  properties [PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, flags);
  properties [PROP_TITLE_ORIGINAL] = g_param_spec_string ("title-original", NULL, NULL, NULL, flags);
  properties [PROP_STATUS] = g_param_spec_string ("status", NULL, NULL, NULL, flags);
  properties [PROP_PRIORITY] = g_param_spec_string ("priority", NULL, NULL, NULL, flags);
  properties [PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL, flags);
  properties [PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, flags);
  properties [PROP_SYNC_STATE] = g_param_spec_enum ("sync-state", NULL, NULL, KAP_TYPE_SYNC_STATE,
                                                    KAP_SYNC_STATE_PENDING, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kap_record_summary_init (KapRecordSummary *self)
{
}

const char *
kap_record_summary_get_id (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.id;
}

const char *
kap_record_summary_get_doc_type (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.type;
}

const char *
kap_record_summary_get_title (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);

  if (self->row.title != NULL)
    return self->row.title;
  return self->person_title ? self->person_title : "";
}

const char *
kap_record_summary_get_title_original (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);

  return self->row.title ? self->row.title_original : self->person_title_original;
}

const char *
kap_record_summary_get_status (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.status;
}

const char *
kap_record_summary_get_priority (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.priority;
}

const char * const *
kap_record_summary_get_categories (KapRecordSummary *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.categories ? (const char * const *) self->row.categories : none;
}

const char *
kap_record_summary_get_stage (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.stage;
}

const char *
kap_record_summary_get_person_id (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.person_id;
}

const char *
kap_record_summary_get_updated_at (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), NULL);
  return self->row.updated_at;
}

KapSyncState
kap_record_summary_get_sync_state (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), KAP_SYNC_STATE_PENDING);
  return row_sync_state (&self->row);
}

gboolean
kap_record_summary_get_nested (KapRecordSummary *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_SUMMARY (self), FALSE);
  return self->nested;
}

/* KapRecordList */

static KapRecordSummary *
summary_new (KapRecordList *self,
             const Row     *row,
             gboolean       nested)
{
  KapRecordSummary *summary = g_object_new (KAP_TYPE_RECORD_SUMMARY, NULL);
  const Row *person = row->person_id ? g_hash_table_lookup (self->rows, row->person_id) : NULL;

  row_copy (&summary->row, row);
  summary->nested = nested;
  if (person != NULL)
    {
      summary->person_title = g_strdup (person->title);
      summary->person_title_original = g_strdup (person->title_original);
    }

  return summary;
}

static GType
kap_record_list_get_item_type (GListModel *model)
{
  return KAP_TYPE_RECORD_SUMMARY;
}

static guint
kap_record_list_get_n_items (GListModel *model)
{
  return KAP_RECORD_LIST (model)->visible->len;
}

static gpointer
kap_record_list_get_item (GListModel *model,
                          guint       position)
{
  KapRecordList *self = KAP_RECORD_LIST (model);

  if (position >= self->visible->len)
    return NULL;

  return summary_new (self, g_ptr_array_index (self->visible, position),
                      g_array_index (self->nested, gboolean, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = kap_record_list_get_item_type;
  iface->get_n_items = kap_record_list_get_n_items;
  iface->get_item = kap_record_list_get_item;
}

static Row *
row_from_summary (const KapSummaryRow *summary)
{
  Row *row = g_new0 (Row, 1);
  const char *categories = summary->values[KAP_SUMMARY_CATEGORIES];

  row->id = g_strdup (summary->id);
  row->type = g_strdup (summary->type);
  row->status = g_strdup (summary->values[KAP_SUMMARY_STATUS]);
  row->priority = g_strdup (summary->values[KAP_SUMMARY_PRIORITY]);
  row->stage = g_strdup (summary->values[KAP_SUMMARY_STAGE]);
  row->categories = categories ? g_strsplit (categories, " ", -1) : NULL;
  row->person_id = g_strdup (summary->values[KAP_SUMMARY_PERSON_ID]);
  row->title = g_strdup (summary->values[KAP_SUMMARY_TITLE]);
  row->title_original = g_strdup (summary->values[KAP_SUMMARY_TITLE_ORIGINAL]);
  row->name_key = g_strdup (summary->values[KAP_SUMMARY_NAME_KEY]);
  row->updated_at = g_strdup (summary->values[KAP_SUMMARY_UPDATED_AT]);
  row->conflicted = summary->conflicted;
  row->sent = summary->sent || summary->origin == KAP_REVISION_ORIGIN_REMOTE;
  row->rejected = summary->rejected;

  return row;
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  const Row *row_a = *(const Row * const *) a;
  const Row *row_b = *(const Row * const *) b;
  int cmp;

  /* Newest change first; ISO timestamps sort as text. Ids (uuid v7, so
   * creation order) break ties, so the order is stable. */
  cmp = g_strcmp0 (row_b->updated_at, row_a->updated_at);
  return cmp != 0 ? cmp : g_strcmp0 (row_b->id, row_a->id);
}

/* How well @row matches the search text, in (0, 1]; 0 when it does not.
 * An id typed (or its start, from "type:" on) is the record itself; a
 * name typed never matches ids ("per" is not every person). */
static double
row_text_score (KapRecordList *self,
                Row           *row)
{
  const Row *person;
  double score;

  if (self->text == NULL)
    return 1.0;

  if (self->text_is_id && g_str_has_prefix (row->id, self->text))
    return 1.0;

  if (self->search == NULL)
    return 0.0;

  score = kap_name_search_score_words (self->search, self->words, row->name_words);

  /* A screening is found by its person's name. The person's row is
   * looked up once per change of the list, not on every keystroke. */
  if (row->person_id != NULL && row->person_generation != self->generation)
    {
      row->person = g_hash_table_lookup (self->rows, row->person_id);
      row->person_generation = self->generation;
    }
  person = row->person_id != NULL ? row->person : NULL;
  if (person != NULL)
    score = MAX (score, kap_name_search_score_words (self->search, self->words, person->name_words));

  return score;
}

static gboolean
row_matches (KapRecordList *self,
             const Row     *row)
{
  if (self->type && g_strcmp0 (row->type, self->type) != 0)
    return FALSE;
  if (self->status && g_strcmp0 (row->status, self->status) != 0)
    return FALSE;
  if (self->priority && g_strcmp0 (row->priority, self->priority) != 0)
    return FALSE;
  if (self->sync_state >= 0 && (int) row_sync_state (row) != self->sync_state)
    return FALSE;
  if (self->person_id && g_strcmp0 (row->person_id, self->person_id) != 0 &&
      g_strcmp0 (row->id, self->person_id) != 0)
    return FALSE;

  return TRUE;
}

/* Filtering keeps the order of self->sorted, so it is one pass over the
 * rows and never a sort: 100,000 records filter in a few milliseconds.
 * Only a search (best matches first) or grouping sorts what passed. */
static void
refilter (KapRecordList *self)
{
  guint removed = self->visible->len;
  g_autoptr(GArray) entries = NULL;

  g_ptr_array_set_size (self->visible, 0);
  g_array_set_size (self->nested, 0);

  entries = g_array_new (FALSE, FALSE, sizeof (KapRecordListEntry));
  for (guint i = 0; i < self->sorted->len; i++)
    {
      Row *row = g_ptr_array_index (self->sorted, i);
      KapRecordListEntry entry = { .row = row, .index = i, .group = row->id };

      if (!row_matches (self, row))
        continue;
      entry.score = row_text_score (self, row);
      if (entry.score <= 0.0)
        continue;
      if (self->group_by_person)
        {
          entry.head = g_strcmp0 (row->type, "person") == 0;
          /* A record about a person who is no longer on this laptop
           * stands alone. */
          if (!entry.head && row->person_id != NULL && g_hash_table_contains (self->rows, row->person_id))
            entry.group = row->person_id;
        }
      g_array_append_val (entries, entry);
    }

  if (self->text != NULL || self->group_by_person)
    kap_record_list_order (entries, self->group_by_person);

  for (guint i = 0; i < entries->len; i++)
    {
      KapRecordListEntry *entry = &g_array_index (entries, KapRecordListEntry, i);

      g_ptr_array_add (self->visible, entry->row);
      g_array_append_val (self->nested, entry->nested);
    }

  if (removed > 0 || self->visible->len > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, removed, self->visible->len);
}

static void
sorted_remove (KapRecordList *self,
               const char    *id)
{
  Row *row = g_hash_table_lookup (self->rows, id);

  /* Rows may point at the one freed here. */
  self->generation++;

  if (row != NULL)
    g_ptr_array_remove (self->sorted, row);
  g_hash_table_remove (self->rows, id);
}

static void
sorted_insert (KapRecordList *self,
               Row           *row)
{
  guint low = 0, high = self->sorted->len;

  /* Binary search for the place of the row in the order. */
  while (low < high)
    {
      guint mid = low + (high - low) / 2;

      if (compare_rows (&self->sorted->pdata[mid], &row) <= 0)
        low = mid + 1;
      else
        high = mid;
    }

  g_ptr_array_insert (self->sorted, low, row);
}

static void
add_row_cb (const KapSummaryRow *summary,
            gpointer             user_data)
{
  KapRecordList *self = user_data;
  Row *row = row_from_summary (summary);

  row->name_words = kap_name_words_intern (self->words, row->name_key);
  g_hash_table_replace (self->rows, row->id, row);
  g_ptr_array_add (self->sorted, row);
}

static void
insert_row_cb (const KapSummaryRow *summary,
               gpointer             user_data)
{
  KapRecordList *self = user_data;
  Row *row = row_from_summary (summary);

  if (self->scope_person != NULL && g_strcmp0 (row->person_id, self->scope_person) != 0 &&
      g_strcmp0 (row->id, self->scope_person) != 0)
    {
      row_free (row);
      return;
    }

  row->name_words = kap_name_words_intern (self->words, row->name_key);
  /* A person arriving after their records: those look again. */
  self->generation++;
  g_hash_table_replace (self->rows, row->id, row);
  sorted_insert (self, row);
}

static void
documents_changed_cb (KapRecordList      *self,
                      const char * const *ids,
                      KapStore           *store)
{
  /* The store emits this in the thread that opened it, the one using the
   * list, even when a sync wrote from a worker (kap-store-write.c). */
  for (guint i = 0; ids[i]; i++)
    {
      g_autoptr(GError) error = NULL;

      /* Deleted now, or never listed: gone unless the store has it live. */
      sorted_remove (self, ids[i]);
      if (!kap_store_foreach_summary (store, ids[i], insert_row_cb, self, &error))
        g_warning ("Could not refresh a record of the list: %s", error->message);
    }

  refilter (self);
}

static void
kap_record_list_dispose (GObject *object)
{
  KapRecordList *self = (KapRecordList *)object;

  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_record_list_parent_class)->dispose (object);
}

static void
kap_record_list_finalize (GObject *object)
{
  KapRecordList *self = (KapRecordList *)object;

  g_clear_pointer (&self->visible, g_ptr_array_unref);
  g_clear_pointer (&self->nested, g_array_unref);
  g_clear_pointer (&self->sorted, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_hash_table_unref);
  g_clear_pointer (&self->words, kap_name_words_free);
  g_free (self->type);
  g_free (self->status);
  g_free (self->priority);
  g_free (self->text);
  g_clear_pointer (&self->search, kap_name_search_free);
  g_free (self->person_id);
  g_free (self->scope_person);

  G_OBJECT_CLASS (kap_record_list_parent_class)->finalize (object);
}

static void
kap_record_list_class_init (KapRecordListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kap_record_list_dispose;
  object_class->finalize = kap_record_list_finalize;
}

static void
kap_record_list_init (KapRecordList *self)
{
  self->rows = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) row_free);
  self->words = kap_name_words_new ();
  /* Rows start with generation 0: nothing cached yet. */
  self->generation = 1;
  self->sorted = g_ptr_array_new ();
  self->visible = g_ptr_array_new ();
  self->nested = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->sync_state = -1;
}

KapRecordList *
kap_record_list_new (KapStore  *store,
                     GError   **error)
{
  g_autoptr(KapRecordList) self = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);

  self = g_object_new (KAP_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);

  if (!kap_store_foreach_summary (store, NULL, add_row_cb, self, error))
    return NULL;
  g_ptr_array_sort (self->sorted, compare_rows);

  self->changed_handler = g_signal_connect_object (store, "documents-changed",
                                                   G_CALLBACK (documents_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  refilter (self);

  return g_steal_pointer (&self);
}

KapRecordList *
kap_record_list_new_for_person (KapStore    *store,
                                const char  *person_id,
                                GError     **error)
{
  g_autoptr(KapRecordList) self = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  self = g_object_new (KAP_TYPE_RECORD_LIST, NULL);
  self->store = g_object_ref (store);
  self->scope_person = g_strdup (person_id);

  if (!kap_store_foreach_summary_of_person (store, person_id, add_row_cb, self, error))
    return NULL;
  g_ptr_array_sort (self->sorted, compare_rows);

  self->changed_handler = g_signal_connect_object (store, "documents-changed",
                                                   G_CALLBACK (documents_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  refilter (self);

  return g_steal_pointer (&self);
}

static void
replace (char       **field,
         const char  *value)
{
  g_free (*field);
  *field = (value && *value) ? g_strdup (value) : NULL;
}

void
kap_record_list_set_filter (KapRecordList         *self,
                            const KapRecordFilter *filter)
{
  g_autofree char *text = NULL;

  g_return_if_fail (KAP_IS_RECORD_LIST (self));
  g_return_if_fail (filter != NULL);

  replace (&self->type, filter->type);
  replace (&self->status, filter->status);
  replace (&self->priority, filter->priority);
  replace (&self->person_id, filter->person_id);
  self->sync_state = filter->sync_state;

  text = filter->text ? g_strstrip (g_strdup (filter->text)) : NULL;
  replace (&self->text, text);
  g_clear_pointer (&self->search, kap_name_search_free);
  self->text_is_id = self->text != NULL && strchr (self->text, ':') != NULL;
  if (self->text != NULL)
    self->search = kap_name_search_new (self->text);

  refilter (self);
}

void
kap_record_list_set_group_by_person (KapRecordList *self,
                                     gboolean       group_by_person)
{
  g_return_if_fail (KAP_IS_RECORD_LIST (self));

  group_by_person = !!group_by_person;
  if (self->group_by_person == group_by_person)
    return;

  self->group_by_person = group_by_person;
  refilter (self);
}

gboolean
kap_record_list_get_group_by_person (KapRecordList *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_LIST (self), FALSE);

  return self->group_by_person;
}

guint
kap_record_list_get_n_total (KapRecordList *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_LIST (self), 0);

  return g_hash_table_size (self->rows);
}

KapRecordSummary *
kap_record_list_lookup (KapRecordList *self,
                        const char    *id)
{
  const Row *row;

  g_return_val_if_fail (KAP_IS_RECORD_LIST (self), NULL);

  row = id ? g_hash_table_lookup (self->rows, id) : NULL;
  return row ? summary_new (self, row, FALSE) : NULL;
}
