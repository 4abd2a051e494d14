/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-server-csv"

#include "config.h"

#include <string.h>

#include "kap-server-csv.h"
#include "kap-server-setup.h"
#include "kap-fuzz.h"

/* The CSV reader of kapija-cli server-setup (sync/kap-server-csv.c): any
 * text gives rows (with line numbers that only grow) or an input error;
 * the rows, written back with every field quoted, read back the same. */

static char *
write_rows (GPtrArray *rows)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    {
      char **fields = g_ptr_array_index (rows, i);

      for (guint j = 0; fields[j] != NULL; j++)
        {
          if (j > 0)
            g_string_append_c (out, ',');
          g_string_append_c (out, '"');
          for (const char *p = fields[j]; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      g_string_append_c (out, '\n');
    }

  return g_string_free (out, FALSE);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = kap_fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autofree char *written = NULL;

  rows = kap_server_csv_parse (text, &lines, &error);
  if (rows == NULL)
    {
      g_assert_true (g_error_matches (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT));
      return 0;
    }

  g_assert_cmpuint (lines->len, ==, rows->len);
  for (guint i = 0; i < lines->len; i++)
    {
      g_assert_cmpuint (g_array_index (lines, guint, i), >=, 1);
      if (i > 0)
        g_assert_cmpuint (g_array_index (lines, guint, i), >, g_array_index (lines, guint, i - 1));
      g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), >=, 1);
    }

  written = write_rows (rows);
  again = kap_server_csv_parse (written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (again->len, ==, rows->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_true (g_strv_equal (g_ptr_array_index (rows, i), g_ptr_array_index (again, i)));

  return 0;
}
