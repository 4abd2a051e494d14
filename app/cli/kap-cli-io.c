/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-io"

#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kap-canonical-json.h"
#include "kap-cli.h"

/* Input and output of kapija-cli: files or the standard streams, and
 * parsing JSON into documents with error messages that never quote the
 * document (it may hold personal data). */

/* Standard output gets raw UTF-8: g_print() would convert to the locale's
 * character set and mangle JSON in a C locale. */
void
kap_cli_print (const char *format,
               ...)
{
  g_autofree char *text = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);

  fputs (text, stdout);
}

static gboolean
is_terminal_control (gunichar c)
{
  /* C0, DEL and C1: cursor moves, colours, title changes, "erase line";
   * and Unicode's bidi controls (U+061C, U+200E, U+200F, U+202A–U+202E,
   * U+2066–U+2069), which reorder what follows them on the line. */
  return c < 0x20 || (c >= 0x7F && c <= 0x9F) ||
         c == 0x061C || c == 0x200E || c == 0x200F ||
         (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

char *
kap_cli_escape (const char *text)
{
  GString *out;
  const char *p;

  if (text == NULL)
    return g_strdup ("");

  out = g_string_sized_new (strlen (text));
  for (p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          /* Not UTF-8: the byte, visibly. */
          g_string_append_printf (out, "\\x%02x", (guchar) *p);
          p++;
          continue;
        }

      switch (c)
        {
        case '\\':  g_string_append (out, "\\\\"); break;
        case '\n':  g_string_append (out, "\\n"); break;
        case '\r':  g_string_append (out, "\\r"); break;
        case '\t':  g_string_append (out, "\\t"); break;
        default:
          if (c < 0x80 && is_terminal_control (c))
            g_string_append_printf (out, "\\x%02x", c);
          else if (is_terminal_control (c))
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_len (out, p, g_utf8_next_char (p) - p);
          break;
        }
      p = g_utf8_next_char (p);
    }

  return g_string_free (out, FALSE);
}

char *
kap_cli_object_to_line (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return kap_canonical_json_node (node);
}

void
kap_cli_print_json_object (JsonObject *object)
{
  g_autofree char *line = kap_cli_object_to_line (object);

  kap_cli_print ("%s\n", line);
}

static gboolean
is_stdio (const char *path)
{
  return path == NULL || g_strcmp0 (path, "-") == 0;
}

static void set_error_from_errno (GError     **error,
                                 int          saved_errno,
                                 const char  *format,
                                 ...) G_GNUC_PRINTF (3, 4);

static void
set_error_from_errno (GError     **error,
                      int          saved_errno,
                      const char  *format,
                      ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
               "%s: %s", what, g_strerror (saved_errno));
}

char *
kap_cli_read_input (const char  *path,
                    gsize       *length,
                    GError     **error)
{
  GString *buffer;
  char chunk[8192];
  size_t n;

  if (!is_stdio (path))
    {
      char *contents = NULL;

      if (!g_file_get_contents (path, &contents, length, error))
        return NULL;
      return contents;
    }

  buffer = g_string_new (NULL);
  while ((n = fread (chunk, 1, sizeof chunk, stdin)) > 0)
    g_string_append_len (buffer, chunk, n);

  if (ferror (stdin))
    {
      int saved_errno = errno;

      g_string_free (buffer, TRUE);
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   _("Cannot read standard input: %s"), g_strerror (saved_errno));
      return NULL;
    }

  *length = buffer->len;
  return g_string_free (buffer, FALSE);
}

FILE *
kap_cli_open_input (const char  *path,
                    GError     **error)
{
  FILE *input;

  if (is_stdio (path))
    return stdin;

  input = g_fopen (path, "rb");
  if (input == NULL)
    {
      int saved_errno = errno;

      /* Translators: %s is a file name. */
      set_error_from_errno (error, saved_errno, _("Cannot open %s"), path);
    }

  return input;
}

void
kap_cli_close_input (FILE *input)
{
  if (input != NULL && input != stdin)
    fclose (input);
}

/* An output file is written under a temporary name beside it and renamed
 * over FILE only once it is complete, so a failed export never leaves a
 * truncated file that looks like a good one. */
struct _KapCliOutput
{
  FILE *file;
  char *path;
  char *tmp_path;
};

KapCliOutput *
kap_cli_output_open (const char  *path,
                     GError     **error)
{
  g_autoptr(KapCliOutput) output = g_new0 (KapCliOutput, 1);
  int fd;

  if (is_stdio (path))
    {
      output->file = stdout;
      return g_steal_pointer (&output);
    }

  output->path = g_strdup (path);
  output->tmp_path = g_strdup_printf ("%s.XXXXXX", path);

  /* g_mkstemp() makes the file readable by its owner only, which suits an
   * export full of personal data. */
  fd = g_mkstemp (output->tmp_path);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&output->tmp_path, g_free);
      set_error_from_errno (error, saved_errno, _("Cannot create %s"), path);
      return NULL;
    }

  output->file = fdopen (fd, "wb");
  if (output->file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      set_error_from_errno (error, saved_errno, _("Cannot create %s"), path);
      return NULL;
    }

  return g_steal_pointer (&output);
}

gboolean
kap_cli_output_write_line (KapCliOutput  *output,
                           const char    *line,
                           GError       **error)
{
  if (fputs (line, output->file) < 0 || fputc ('\n', output->file) == EOF)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno, _("Cannot write to %s"),
                            output->path ? output->path : _("standard output"));
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_cli_output_commit (KapCliOutput  *output,
                       GError       **error)
{
  const char *name = output->path ? output->path : _("standard output");
  FILE *file;

  if (fflush (output->file) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno, _("Cannot write to %s"), name);
      return FALSE;
    }

  if (output->file == stdout)
    return TRUE;

  /* The file must be on disk before it replaces the old one. */
  if (fsync (fileno (output->file)) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno, _("Cannot write to %s"), name);
      return FALSE;
    }

  file = g_steal_pointer (&output->file);
  if (fclose (file) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno, _("Cannot write to %s"), name);
      return FALSE;
    }

  if (g_rename (output->tmp_path, output->path) != 0)
    {
      int saved_errno = errno;

      set_error_from_errno (error, saved_errno, _("Cannot write to %s"), name);
      return FALSE;
    }

  g_clear_pointer (&output->tmp_path, g_free);
  return TRUE;
}

void
kap_cli_output_free (KapCliOutput *output)
{
  if (output == NULL)
    return;

  if (output->file != NULL && output->file != stdout)
    fclose (output->file);

  /* Not committed: remove the partial file. */
  if (output->tmp_path != NULL)
    g_unlink (output->tmp_path);

  g_free (output->tmp_path);
  g_free (output->path);
  g_free (output);
}
