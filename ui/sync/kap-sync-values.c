/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-values"

#include "config.h"

#include <stdio.h>

#include <glib/gi18n-lib.h>

#include "kap-codes.h"
#include "kap-sync-values.h"

/* How a clash reads on the conflicts page: the form's labels, choice
 * labels, Yes/No and dates, never raw JSON. Paths come from kap-merge.h:
 * "notes", "address.city", "family[item 0193…].name", "family[item 0193…]",
 * "" for the whole record. */

/* Splits one step "family[item 0193…]" into its name and item id. */
static char *
step_name (const char  *step,
           char       **item_id)
{
  const char *open = strstr (step, "[item ");

  if (item_id != NULL)
    *item_id = NULL;

  if (open == NULL || !g_str_has_suffix (step, "]"))
    return g_strdup (step);

  if (item_id != NULL)
    *item_id = g_strndup (open + strlen ("[item "), strlen (open) - strlen ("[item ") - 1);

  return g_strndup (step, open - step);
}

KapFormField *
kap_sync_path_field (KapForm    *form,
                     const char *path)
{
  g_auto(GStrv) steps = NULL;
  g_autofree char *item_id = NULL;
  g_autofree char *name = NULL;
  guint n;

  if (form == NULL || path == NULL || path[0] == '\0')
    return NULL;

  steps = g_strsplit (path, ".", -1);
  n = g_strv_length (steps);
  name = step_name (steps[n - 1], &item_id);

  /* A whole repeat item is no single field. */
  if (item_id != NULL)
    return NULL;

  return kap_form_lookup_field (form, name);
}

static const char *
field_label (KapForm    *form,
             const char *name)
{
  KapFormField *field = form != NULL ? kap_form_lookup_field (form, name) : NULL;

  return field != NULL ? kap_form_field_get_label (field, NULL) : name;
}

/* The 1-based position of the item in the array @name of @object. */
static int
item_number (JsonObject *object,
             const char *name,
             const char *item_id)
{
  JsonNode *member = object != NULL ? json_object_get_member (object, name) : NULL;
  JsonArray *array;

  if (member == NULL || !JSON_NODE_HOLDS_ARRAY (member))
    return 0;

  array = json_node_get_array (member);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_OBJECT (element) &&
          g_strcmp0 (json_object_get_string_member_with_default (json_node_get_object (element), "item_id", NULL),
                     item_id) == 0)
        return (int) i + 1;
    }

  return 0;
}

char *
kap_sync_path_label (KapForm    *form,
                     const char *path,
                     JsonObject *document)
{
  g_autoptr(GString) label = g_string_new (NULL);
  g_auto(GStrv) steps = NULL;
  JsonObject *object = document;

  if (path == NULL || path[0] == '\0')
    return g_strdup (_("The whole record"));

  steps = g_strsplit (path, ".", -1);
  for (guint i = 0; steps[i] != NULL; i++)
    {
      g_autofree char *item_id = NULL;
      g_autofree char *name = step_name (steps[i], &item_id);

      if (label->len > 0)
        g_string_append (label, " · ");
      g_string_append (label, field_label (form, name));

      if (item_id != NULL)
        {
          int number = item_number (object, name, item_id);
          JsonObject *next = NULL;

          if (number > 0)
            {
              JsonArray *array = json_object_get_array_member (object, name);

              next = json_node_get_object (json_array_get_element (array, (guint) number - 1));
              g_string_append (label, " · ");
              /* Translators: a repeat item in a field's path, “Item 2”. */
              g_string_append_printf (label, _("Item %d"), number);
            }
          else
            {
              g_string_append (label, " · ");
              g_string_append (label, _("New Item"));
            }
          object = next;
        }
      else if (object != NULL)
        {
          JsonNode *member = json_object_get_member (object, name);

          object = member != NULL && JSON_NODE_HOLDS_OBJECT (member) ? json_node_get_object (member) : NULL;
        }
    }

  return g_string_free (g_steal_pointer (&label), FALSE);
}

static char *
date_text (const char *text)
{
  g_autoptr(GDateTime) date = NULL;
  int y, m, d;

  if (text == NULL || sscanf (text, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (text);

  date = g_date_time_new_utc (y, m, d, 0, 0, 0);
  if (date == NULL)
    return g_strdup (text);

  /* Translators: a date answer, see strftime (3): “15 March 2025”. */
  return g_date_time_format (date, _("%-d %B %Y"));
}

static char *
code_text (KapFormField *field,
           const char   *code)
{
  const char *list = kap_form_field_get_choice_list (field);
  const char *label;
  KapCodeList *codes = NULL;
  const KapCode *entry;

  if (g_strcmp0 (list, "@countries") == 0)
    codes = kap_code_list_countries (NULL);
  else if (g_strcmp0 (list, "@languages") == 0)
    codes = kap_code_list_languages (NULL);

  if (codes != NULL)
    {
      entry = kap_code_list_lookup (codes, code);
      if (entry != NULL)
        return g_strdup (entry->localized_name ? entry->localized_name : entry->name);
      return g_strdup (code);
    }

  label = kap_form_field_get_choice_label (field, code, NULL);

  return g_strdup (label != NULL ? label : code);
}

static char *
scalar_text (KapFormField *field,
             JsonNode     *value)
{
  GType type = json_node_get_value_type (value);

  if (type == G_TYPE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("Yes") : _("No"));

  if (type == G_TYPE_INT64)
    return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (value));

  if (type == G_TYPE_DOUBLE)
    {
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%g", json_node_get_double (value)));
    }

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);

      if (field == NULL)
        return g_strdup (text);

      switch (kap_form_field_get_field_type (field))
        {
        case KAP_FIELD_DATE:
          return date_text (text);
        case KAP_FIELD_SELECT_ONE:
        case KAP_FIELD_SELECT_MULTIPLE:
          return code_text (field, text);
        case KAP_FIELD_TEXT:
        case KAP_FIELD_INTEGER:
        case KAP_FIELD_DECIMAL:
        case KAP_FIELD_BOOLEAN:
        case KAP_FIELD_NOTE:
        case KAP_FIELD_GROUP:
        case KAP_FIELD_REPEAT:
        default:
          return g_strdup (text);
        }
    }

  return g_strdup ("");
}

static char *
value_text (KapForm      *form,
            KapFormField *field,
            JsonNode     *value)
{
  if (value == NULL || JSON_NODE_HOLDS_NULL (value))
    return g_strdup (_("Not answered"));

  if (JSON_NODE_HOLDS_VALUE (value))
    return scalar_text (field, value);

  if (JSON_NODE_HOLDS_ARRAY (value))
    {
      JsonArray *array = json_node_get_array (value);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (parts, value_text (form, field, json_array_get_element (array, i)));
      g_ptr_array_add (parts, NULL);

      if (parts->len == 1)
        return g_strdup (_("None"));

      /* Translators: the separator of a list of chosen answers. */
      return g_strjoinv (_(", "), (char **) parts->pdata);
    }

  if (JSON_NODE_HOLDS_OBJECT (value))
    {
      /* A whole repeat item: its answers, labelled. */
      JsonObject *object = json_node_get_object (value);
      g_autoptr(GString) text = g_string_new (NULL);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, object);
      while (json_object_iter_next (&iter, &name, &member))
        {
          KapFormField *child = form != NULL ? kap_form_lookup_field (form, name) : NULL;
          g_autofree char *part = NULL;

          if (g_str_equal (name, "item_id") || name[0] == '_')
            continue;

          part = value_text (form, child, member);
          if (text->len > 0)
            g_string_append (text, "\n");
          g_string_append_printf (text, "%s: %s", child ? kap_form_field_get_label (child, NULL) : name, part);
        }

      if (text->len == 0)
        g_string_append (text, _("An empty item"));

      return g_string_free (g_steal_pointer (&text), FALSE);
    }

  return g_strdup ("");
}

/* The answers of a whole version of a record, one “Label: value” a
 * line, so that a deletion can be weighed against what it would remove.
 * The record's own information (the form's reserved names: metadata, the
 * links to a person and a screening, the notes of carried answers) is
 * left out: it is no answer. */
static char *
record_summary (KapForm    *form,
                JsonObject *body)
{
  g_autoptr(GString) text = g_string_new (NULL);
  JsonObjectIter iter;
  const char *name;
  JsonNode *member;
  guint shown = 0, hidden = 0;

  json_object_iter_init (&iter, body);
  while (json_object_iter_next (&iter, &name, &member))
    {
      g_autofree char *label = NULL;
      g_autofree char *value = NULL;

      if (name[0] == '_' || kap_form_name_is_reserved (name) || g_str_equal (name, "item_id") || JSON_NODE_HOLDS_NULL (member))
        continue;
      /* Long records: the first answers say which record it is; the rest
       * are counted. */
      if (shown == 8)
        {
          hidden++;
          continue;
        }

      label = kap_sync_path_label (form, name, body);
      value = value_text (form, kap_sync_path_field (form, name), member);
      if (text->len > 0)
        g_string_append_c (text, '\n');
      g_string_append_printf (text, "%s: %s", label, value);
      shown++;
    }

  if (hidden > 0)
    {
      g_string_append_c (text, '\n');
      g_string_append_printf (text,
                              /* Translators: after the first answers of a record. */
                              g_dngettext (GETTEXT_PACKAGE, "… and %u more answer", "… and %u more answers",
                                           hidden),
                              hidden);
    }

  if (text->len == 0)
    g_string_append (text, _("No answers"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
kap_sync_value_to_text (KapForm    *form,
                        const char *path,
                        JsonNode   *value)
{
  if (path != NULL && path[0] == '\0')
    {
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        return g_strdup (_("Deleted"));
      if (JSON_NODE_HOLDS_OBJECT (value))
        return record_summary (form, json_node_get_object (value));
      return g_strdup ("");
    }

  return value_text (form, kap_sync_path_field (form, path), value);
}

const char *
kap_sync_rejection_advice (const char *reason)
{
  g_autofree char *lower = g_utf8_strdown (reason != NULL ? reason : "", -1);
  static const char *rights[] = { "station", "supervisor", "authorship", "author", "permission",
                                  "not allowed", "forbidden", "unknown type", "role", NULL };

  /* A refusal about who may write what cannot be fixed in the record:
   * the server's accounts or its rules must change. */
  for (guint i = 0; rights[i] != NULL; i++)
    if (strstr (lower, rights[i]) != NULL)
      return _("Ask the server administrator to check this account’s station and role, then sync again.");

  return _("Correct the record and sync again.");
}
