/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-carry"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-carry.h"
#include "kap-record-list.h"

#define CARRIED "carried"

typedef enum
{
  FROM_PERSON,        /* the person record */
  FROM_SCREENING,     /* the person's latest screening */
  FROM_INTERPRETED,   /* the latest screening or return interest that used an interpreter */
} Source;

/* Which answer of a new record comes from which answers of an earlier
 * one. A select_multiple answer takes every value of its sources (a
 * person's nationality and other citizenships); any other answer the
 * first source that has one. */
typedef struct
{
  const char *record_type;
  const char *field;
  Source      source;
  const char *from[3];
} Rule;

static const Rule rules[] = {
  { "screening",           "age_years",       FROM_PERSON,      { "age_years" } },
  { "screening",           "age_source",      FROM_PERSON,      { "age_source" } },
  { "screening",           "sex",             FROM_PERSON,      { "sex" } },
  { "return_interest",     "citizenships",    FROM_PERSON,      { "nationality", "other_citizenships" } },
  { "return_interest",     "date_of_birth",   FROM_PERSON,      { "date_of_birth" } },
  { "return_interest",     "vulnerabilities", FROM_SCREENING,   { "vuln_cat" } },
  { "interpreter_session", "interpreter_id",  FROM_INTERPRETED, { "interpreter_id" } },
  { "interpreter_session", "language",        FROM_INTERPRETED, { "interview_language", "preferred_language" } },
  { "interpreter_session", "mode",            FROM_INTERPRETED, { "interpreter_mode" } },
};

void
kap_carry_free (KapCarry *carry)
{
  if (carry == NULL)
    return;

  g_free (carry->field);
  g_clear_pointer (&carry->value, json_node_unref);
  g_free (carry->source_type);
  g_free (carry->source_id);
  g_free (carry->source_date);
  g_free (carry);
}

static gboolean
is_answer (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (node))
    return json_array_get_length (json_node_get_array (node)) > 0;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return json_node_get_string (node)[0] != '\0';

  return JSON_NODE_HOLDS_VALUE (node);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* "2026-12-03" of a record's created_at, or NULL. */
static char *
day_of (KapDocument *record)
{
  const char *created = string_member (kap_document_get_body (record), "created_at");

  if (created == NULL || strlen (created) < 10)
    return NULL;

  return g_strndup (created, 10);
}

/* The person's newest screening (or, for @source FROM_INTERPRETED, the
 * newest screening or return interest that used an interpreter). Screenings
 * and return interests are few per person, so reading each is cheap. */
static KapDocument *
latest_of_person (KapStore    *store,
                  const char  *person_id,
                  Source       source,
                  GError     **error)
{
  g_autoptr(KapRecordList) list = NULL;
  g_autoptr(KapDocument) best = NULL;
  const char *best_created = NULL;

  list = kap_record_list_new_for_person (store, person_id, error);
  if (list == NULL)
    return NULL;

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (list)); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);
      const char *type = kap_record_summary_get_doc_type (summary);
      g_autoptr(KapDocument) record = NULL;
      JsonObject *body;
      JsonNode *used;
      const char *created;

      if (g_strcmp0 (type, "screening") != 0 &&
          (source != FROM_INTERPRETED || g_strcmp0 (type, "return_interest") != 0))
        continue;

      record = kap_store_get (store, kap_record_summary_get_id (summary), NULL, KAP_STORE_GET_NONE, NULL);
      if (record == NULL)
        continue;

      body = kap_document_get_body (record);
      if (source == FROM_INTERPRETED)
        {
          used = json_object_get_member (body, "interpreter_used");
          if (used == NULL || !JSON_NODE_HOLDS_VALUE (used) ||
              json_node_get_value_type (used) != G_TYPE_BOOLEAN || !json_node_get_boolean (used))
            continue;
        }

      /* ISO timestamps in UTC order as text. */
      created = string_member (body, "created_at");
      if (best == NULL || g_strcmp0 (created, best_created) > 0)
        {
          g_set_object (&best, record);
          best_created = created;
        }
    }

  return g_steal_pointer (&best);
}

/* The value @rule takes from @source, or NULL. */
static JsonNode *
value_from (const Rule   *rule,
            KapFormField *field,
            JsonObject   *source)
{
  g_autoptr(JsonArray) values = NULL;
  JsonNode *node;

  if (kap_form_field_get_field_type (field) != KAP_FIELD_SELECT_MULTIPLE)
    {
      for (guint i = 0; i < G_N_ELEMENTS (rule->from) && rule->from[i] != NULL; i++)
        {
          node = json_object_get_member (source, rule->from[i]);
          if (is_answer (node))
            return json_node_copy (node);
        }
      return NULL;
    }

  values = json_array_new ();
  for (guint i = 0; i < G_N_ELEMENTS (rule->from) && rule->from[i] != NULL; i++)
    {
      g_autoptr(JsonArray) one = NULL;

      node = json_object_get_member (source, rule->from[i]);
      if (!is_answer (node))
        continue;

      if (JSON_NODE_HOLDS_ARRAY (node))
        one = json_array_ref (json_node_get_array (node));
      else
        {
          one = json_array_new ();
          json_array_add_element (one, json_node_copy (node));
        }

      for (guint n = 0; n < json_array_get_length (one); n++)
        {
          const char *code = json_array_get_string_element (one, n);
          gboolean seen = FALSE;

          for (guint k = 0; code != NULL && k < json_array_get_length (values); k++)
            seen |= g_strcmp0 (json_array_get_string_element (values, k), code) == 0;
          if (code != NULL && !seen)
            json_array_add_string_element (values, code);
        }
    }

  if (json_array_get_length (values) == 0)
    return NULL;

  node = json_node_new (JSON_NODE_ARRAY);
  json_node_set_array (node, values);
  return node;
}

GPtrArray *
kap_carry_find (KapStore    *store,
                KapForm     *form,
                const char  *person_id,
                GError     **error)
{
  g_autoptr(GPtrArray) carries = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_carry_free);
  KapDocument *sources[FROM_INTERPRETED + 1] = { NULL, NULL, NULL };
  gboolean looked[FROM_INTERPRETED + 1] = { FALSE, FALSE, FALSE };
  const char *type;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM (form), NULL);

  if (person_id == NULL)
    return g_steal_pointer (&carries);

  type = kap_form_get_record_type (form);
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      const Rule *rule = &rules[i];
      KapFormField *field;
      KapCarry *carry;
      JsonNode *value;

      if (g_strcmp0 (rule->record_type, type) != 0 ||
          (field = kap_form_lookup_field (form, rule->field)) == NULL)
        continue;

      if (!looked[rule->source])
        {
          g_autoptr(GError) local_error = NULL;

          looked[rule->source] = TRUE;
          if (rule->source == FROM_PERSON)
            sources[rule->source] = kap_store_get (store, person_id, NULL, KAP_STORE_GET_NONE, &local_error);
          else
            sources[rule->source] = latest_of_person (store, person_id, rule->source, &local_error);

          /* Without the person there is no record to create; without an
           * earlier screening there is simply nothing to carry. */
          if (local_error != NULL && rule->source == FROM_PERSON)
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
                g_clear_object (&sources[s]);
              return NULL;
            }
        }

      if (sources[rule->source] == NULL)
        continue;

      value = value_from (rule, field, kap_document_get_body (sources[rule->source]));
      if (value == NULL)
        continue;

      carry = g_new0 (KapCarry, 1);
      carry->field = g_strdup (rule->field);
      carry->value = value;
      carry->source_type = g_strdup (kap_document_get_doc_type (sources[rule->source]));
      carry->source_id = g_strdup (kap_document_get_id (sources[rule->source]));
      carry->source_date = day_of (sources[rule->source]);
      g_ptr_array_add (carries, carry);
    }

  for (guint s = 0; s < G_N_ELEMENTS (sources); s++)
    g_clear_object (&sources[s]);

  return g_steal_pointer (&carries);
}

static JsonObject *
notes_of (JsonObject *body,
          gboolean    create)
{
  JsonNode *node = json_object_get_member (body, CARRIED);

  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    return json_node_get_object (node);

  if (!create)
    return NULL;

  json_object_set_object_member (body, CARRIED, json_object_new ());
  return json_object_get_object_member (body, CARRIED);
}

static void
note (JsonObject *body,
      const char *field,
      JsonNode   *value,
      const char *source_type,
      const char *source_id,
      const char *source_date)
{
  JsonObject *entry = json_object_new ();

  json_object_set_string_member (entry, "from", source_type);
  if (source_id != NULL)
    json_object_set_string_member (entry, "id", source_id);
  if (source_date != NULL)
    json_object_set_string_member (entry, "date", source_date);
  json_object_set_member (entry, "value", json_node_copy (value));

  json_object_set_object_member (notes_of (body, TRUE), field, entry);
}

void
kap_carry_apply (JsonObject *body,
                 GPtrArray  *carries)
{
  g_return_if_fail (body != NULL);
  g_return_if_fail (carries != NULL);

  for (guint i = 0; i < carries->len; i++)
    {
      KapCarry *carry = g_ptr_array_index (carries, i);

      json_object_set_member (body, carry->field, json_node_copy (carry->value));
      note (body, carry->field, carry->value, carry->source_type, carry->source_id, carry->source_date);
    }
}

void
kap_carry_note (JsonObject *body,
                const char *field,
                const char *source_type,
                const char *source_id,
                const char *source_date)
{
  JsonNode *value;

  g_return_if_fail (body != NULL);
  g_return_if_fail (field != NULL && source_type != NULL);

  value = json_object_get_member (body, field);
  if (is_answer (value))
    note (body, field, value, source_type, source_id, source_date);
}

/* Numbers compare by value: a number field may write 34 back as 34.0. */
static gboolean
same_answer (JsonNode *a,
             JsonNode *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  if (JSON_NODE_HOLDS_VALUE (a) && JSON_NODE_HOLDS_VALUE (b))
    {
      GType ta = json_node_get_value_type (a);
      GType tb = json_node_get_value_type (b);

      if ((ta == G_TYPE_INT64 || ta == G_TYPE_DOUBLE) && (tb == G_TYPE_INT64 || tb == G_TYPE_DOUBLE))
        return json_node_get_double (a) == json_node_get_double (b);
    }

  return json_node_equal (a, b);
}

static JsonObject *
still_carried (JsonObject *body,
               const char *field)
{
  JsonObject *notes;
  JsonNode *entry;

  g_return_val_if_fail (body != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  notes = notes_of (body, FALSE);
  entry = notes ? json_object_get_member (notes, field) : NULL;
  if (entry == NULL || !JSON_NODE_HOLDS_OBJECT (entry))
    return NULL;

  if (!same_answer (json_object_get_member (json_node_get_object (entry), "value"),
                    json_object_get_member (body, field)))
    return NULL;

  return json_node_get_object (entry);
}

const char *
kap_carry_get_source (JsonObject *body,
                      const char *field)
{
  return string_member (still_carried (body, field), "from");
}

/* "3 Dec", with the year when it is not this year's. */
static char *
format_day (const char *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GDateTime) when = NULL;
  int year, month, day;

  if (date == NULL || sscanf (date, "%4d-%2d-%2d", &year, &month, &day) != 3)
    return NULL;

  when = g_date_time_new_local (year, month, day, 12, 0, 0);
  if (when == NULL)
    return NULL;

  /* Translators: a day in the caption “From the screening of %s”: strftime
   * format of the day and month (3 Dec); the next is with the year. */
  if (year == g_date_time_get_year (now))
    return g_date_time_format (when, _("%-d %b"));

  /* Translators: see “%-d %b”; a day with its year (3 Dec 2025). */
  return g_date_time_format (when, _("%-d %b %Y"));
}

char *
kap_carry_describe (JsonObject *body,
                    const char *field)
{
  JsonObject *entry = still_carried (body, field);
  const char *from = string_member (entry, "from");
  g_autofree char *day = NULL;

  if (from == NULL)
    return NULL;

  if (g_str_equal (from, KAP_CARRY_FROM_REGISTRATION) || g_str_equal (from, "person"))
    return g_strdup (_("From the registration"));

  day = format_day (string_member (entry, "date"));
  if (g_str_equal (from, "screening"))
    /* Translators: under an answer taken from an earlier record; %s is its day, e.g. “3 Dec”. */
    return day ? g_strdup_printf (_("From the screening of %s"), day) : g_strdup (_("From the screening"));
  if (g_str_equal (from, "return_interest"))
    /* Translators: under an answer taken from an earlier record; %s is its day, e.g. “3 Dec”. */
    return day ? g_strdup_printf (_("From the return interest of %s"), day) : g_strdup (_("From the return interest"));

  return g_strdup (_("From an earlier record"));
}

char **
kap_carry_list_fields (JsonObject *body)
{
  JsonObject *notes;
  g_autoptr(GList) names = NULL;
  GStrvBuilder *builder;
  char **fields;

  g_return_val_if_fail (body != NULL, NULL);

  notes = notes_of (body, FALSE);
  if (notes == NULL || json_object_get_size (notes) == 0)
    return NULL;

  builder = g_strv_builder_new ();
  names = json_object_get_members (notes);
  for (GList *l = names; l != NULL; l = l->next)
    g_strv_builder_add (builder, l->data);
  fields = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  return fields;
}

void
kap_carry_forget (JsonObject *body)
{
  g_return_if_fail (body != NULL);

  json_object_remove_member (body, CARRIED);
}
