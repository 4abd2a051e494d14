/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-codes.h"
#include "kap-field-row.h"
#include "kap-form-text.h"

/* The texts a field row shows, beside kap-field-row.c: an answer as text
 * for people, and the form's texts again in another form language. */

static const char *
code_name (const char *list_name,
           const char *code)
{
  KapCodeList *list = NULL;
  const KapCode *entry;

  if (g_strcmp0 (list_name, "@countries") == 0)
    list = kap_code_list_countries (NULL);
  else if (g_strcmp0 (list_name, "@languages") == 0)
    list = kap_code_list_languages (NULL);

  if (list == NULL || (entry = kap_code_list_lookup (list, code)) == NULL)
    return code;

  return entry->localized_name ? entry->localized_name : entry->name;
}

static const char *
choice_label (KapFormField *field,
              const char   *code)
{
  const char *list = kap_form_field_get_choice_list (field);
  const char *label;

  if (list != NULL && list[0] == '@')
    return code_name (list, code);

  label = kap_form_field_get_choice_label (field, code, NULL);
  return label ? label : code;
}

char *
kap_field_row_format_answer (KapForm      *form,
                             KapFormField *field,
                             JsonNode     *node)
{
  g_autoptr(KapValue) value = NULL;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  value = kap_value_new_from_json (node, kap_form_field_get_value_type (field));
  if (value == NULL || kap_value_is_null (value))
    return NULL;

  switch (kap_form_field_get_field_type (field))
    {
    case KAP_FIELD_BOOLEAN:
      return g_strdup (kap_value_get_boolean (value) ? _("Yes") : _("No"));

    case KAP_FIELD_SELECT_ONE:
      return g_strdup (choice_label (field, kap_value_get_string (value)));

    case KAP_FIELD_SELECT_MULTIPLE:
      {
        const char * const *codes = kap_value_get_list (value);
        g_autoptr(GString) text = g_string_new (NULL);

        for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
          {
            if (i > 0)
              /* Translators: separates the chosen answers of a question
               * with several answers, e.g. “Seeing, Hearing”. */
              g_string_append (text, _(", "));
            g_string_append (text, choice_label (field, codes[i]));
          }

        return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
      }

    /* Dates as YYYY-MM-DD: the one way no officer, whatever their
     * locale, reads wrong (3/4 is March or April). */
    case KAP_FIELD_DATE:
    case KAP_FIELD_TEXT:
    case KAP_FIELD_INTEGER:
    case KAP_FIELD_DECIMAL:
    case KAP_FIELD_NOTE:
    case KAP_FIELD_GROUP:
    case KAP_FIELD_REPEAT:
    default:
      return kap_value_to_string (value);
    }
}

void
kap_field_row_real_relabel (KapFieldRow *self)
{
  KapFormField *field = kap_field_row_get_field (self);
  const char *language = kap_field_row_get_language (self);
  const char *label = kap_form_field_get_label (field, language);
  gboolean fell_back = !kap_form_field_has_language (field, language);
  GtkWidget *rows[] = { kap_field_row_get_edit_row (self), kap_field_row_get_display_row (self) };
  g_autofree char *title = kap_field_row_title (self);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      GtkWidget *row = rows[i];

      if (row == NULL)
        continue;

      /* The edit row's title carries the required mark; the display
       * row's never does. */
      if (ADW_IS_PREFERENCES_ROW (row))
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), i == 0 ? title : label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      kap_form_text_set_directions (row);
      kap_form_text_mark_fallback (row, i == 0 ? title : label, language, fell_back);
    }
}
