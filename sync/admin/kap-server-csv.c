/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-server-csv"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kap-server-csv.h"
#include "kap-server-error.h"

static gboolean
row_is_blank (GPtrArray *fields)
{
  return fields->len == 1 && *(const char *) g_ptr_array_index (fields, 0) == '\0';
}

GPtrArray *
kap_server_csv_parse (const char  *text,
                      GArray     **line_numbers,
                      GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *p = text;
  guint line = 1;

  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                   "%s", _("The file is not UTF-8 text"));
      return NULL;
    }

  /* A byte order mark, as spreadsheets write it, is not part of the first field. */
  if (g_str_has_prefix (p, "\xef\xbb\xbf"))
    p += 3;

  while (*p != '\0')
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      guint row_line = line;
      gboolean end_of_row = FALSE;

      if (*p == '#')
        {
          while (*p != '\0' && *p != '\n')
            p++;
          if (*p == '\n')
            {
              p++;
              line++;
            }
          continue;
        }

      while (!end_of_row)
        {
          GString *field = g_string_new (NULL);

          while (*p == ' ' || *p == '\t')
            p++;

          if (*p == '"')
            {
              p++;
              for (;;)
                {
                  if (*p == '\0')
                    {
                      g_string_free (field, TRUE);
                      /* Translators: %u is a line number of a CSV file. */
                      g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                                   _("Line %u: a quoted field does not end"), row_line);
                      return NULL;
                    }
                  if (*p == '"' && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                    }
                  else if (*p == '"')
                    {
                      p++;
                      break;
                    }
                  else
                    {
                      if (*p == '\n')
                        line++;
                      g_string_append_c (field, *p++);
                    }
                }
              while (*p == ' ' || *p == '\t' || *p == '\r')
                p++;
              if (*p != ',' && *p != '\n' && *p != '\0')
                {
                  g_string_free (field, TRUE);
                  g_set_error (error, KAP_SERVER_SETUP_ERROR, KAP_SERVER_SETUP_ERROR_INPUT,
                               _("Line %u: text after a quoted field"), row_line);
                  return NULL;
                }
            }
          else
            {
              while (*p != ',' && *p != '\n' && *p != '\0')
                g_string_append_c (field, *p++);
              /* Trailing blanks and the '\r' of Windows line ends. */
              while (field->len > 0 && strchr (" \t\r", field->str[field->len - 1]) != NULL)
                g_string_truncate (field, field->len - 1);
            }

          g_ptr_array_add (fields, g_string_free (field, FALSE));

          if (*p == ',')
            p++;
          else
            {
              end_of_row = TRUE;
              if (*p == '\n')
                {
                  p++;
                  line++;
                }
            }
        }

      if (row_is_blank (fields))
        continue;

      g_ptr_array_add (fields, NULL);
      g_ptr_array_add (rows, g_ptr_array_steal (fields, NULL));
      g_array_append_val (lines, row_line);
    }

  if (line_numbers != NULL)
    *line_numbers = g_steal_pointer (&lines);

  return g_steal_pointer (&rows);
}
