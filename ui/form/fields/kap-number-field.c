/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-number-field"

#include "config.h"

#include <locale.h>

#include <glib/gi18n-lib.h>

#include "kap-number-field.h"

struct _KapNumberField
{
  KapEntryField parent_instance;
};

G_DEFINE_FINAL_TYPE (KapNumberField, kap_number_field, KAP_TYPE_ENTRY_FIELD)

static gboolean
is_integer (KapFieldRow *row)
{
  return kap_form_field_get_field_type (kap_field_row_get_field (row)) == KAP_FIELD_INTEGER;
}

static gboolean
parse_number (const char *text,
              gboolean    integer,
              double     *number)
{
  g_autofree char *copy = g_strdup (text);
  struct lconv *conv = localeconv ();
  char *end = NULL;

  if (conv->decimal_point != NULL && conv->decimal_point[0] != '\0' &&
      !g_str_equal (conv->decimal_point, "."))
    g_strdelimit (copy, conv->decimal_point, '.');
  /* Arabic-Indic digits would need mapping; g_ascii_strtod takes ASCII. */
  *number = g_ascii_strtod (copy, &end);
  if (end == copy || *end != '\0')
    return FALSE;
  if (integer && *number != (double) (gint64) *number)
    return FALSE;

  return TRUE;
}

static JsonNode *
kap_number_field_parse (KapEntryField  *entry,
                        const char     *text,
                        char          **error)
{
  gboolean integer = is_integer (KAP_FIELD_ROW (entry));
  g_autoptr(KapValue) value = NULL;
  double number;

  if (!parse_number (text, integer, &number))
    {
      if (integer)
        *error = g_strdup (_("Enter a whole number, for example 15."));
      else
        *error = g_strdup (_("Enter a number, for example 2.5."));
      return NULL;
    }

  value = kap_value_new_number (number);
  return kap_value_to_json (value);
}

static GtkWidget *
kap_number_field_build (KapFieldRow *row)
{
  GtkWidget *entry = KAP_FIELD_ROW_CLASS (kap_number_field_parent_class)->build (row);

  g_object_set (entry, "input-purpose",
                is_integer (row) ? GTK_INPUT_PURPOSE_DIGITS : GTK_INPUT_PURPOSE_NUMBER,
                NULL);

  return entry;
}

static void
kap_number_field_class_init (KapNumberFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);
  KapEntryFieldClass *entry_class = KAP_ENTRY_FIELD_CLASS (klass);

  row_class->build = kap_number_field_build;
  entry_class->parse = kap_number_field_parse;
}

static void
kap_number_field_init (KapNumberField *self)
{
}
