/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-transfer"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "kap-cli.h"

/* `kapija-cli export` and `import`: JSON lines, one line per leaf of every
 * revision tree, with the ancestry and the attachments, so that conflicts,
 * deletions and what another client attached survive a round trip and
 * importing the same file again changes nothing. */

#define EXPORT_PAGE_SIZE 500

/* A leaf whose stored text is damaged is left out and counted in
 * @unreadable, so that one damaged record does not keep the others from
 * being saved. */
static gboolean
export_document (KapStore      *store,
                 const char    *id,
                 KapCliOutput  *output,
                 guint         *n_leaves,
                 GPtrArray     *unreadable,
                 GError       **error)
{
  g_autoptr(GPtrArray) leaves = NULL;

  leaves = kap_store_get_leaves (store, id, error);
  if (leaves == NULL)
    return FALSE;

  for (guint i = 0; i < leaves->len; i++)
    {
      const KapLeaf *leaf = g_ptr_array_index (leaves, i);
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) local_error = NULL;
      g_autofree char *line = NULL;

      /* Leaves always keep their body, so this finds every one of them;
       * and their attachments, which go into the line as they came. */
      document = kap_store_get (store, id, leaf->rev,
                                KAP_STORE_GET_ANCESTRY | KAP_STORE_GET_DELETED |
                                KAP_STORE_GET_ATTACHMENTS,
                                &local_error);
      if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_UNREADABLE))
        {
          g_ptr_array_add (unreadable, g_strdup (id));
          g_clear_error (&local_error);
          continue;
        }
      if (document == NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      line = kap_document_to_json (document);
      if (!kap_cli_output_write_line (output, line, error))
        return FALSE;

      (*n_leaves)++;
    }

  return TRUE;
}

int
kap_cli_export (const KapCliCommand  *command,
                int                   argc,
                char                **argv)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapCliOutput) output = NULL;
  g_autoptr(GPtrArray) unreadable = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *path;
  guint n_documents = 0;
  guint n_leaves = 0;
  gint64 since = 0;
  int exit_code;

  if (!kap_cli_command_parse (command, NULL, &argc, &argv, 0, 1))
    return KAP_CLI_EXIT_USAGE;

  path = argc > 1 ? argv[1] : NULL;

  store = kap_cli_store_open (KAP_STORE_OPEN_READ_ONLY, &exit_code);
  if (store == NULL)
    return exit_code;

  output = kap_cli_output_open (path, &error);
  if (output == NULL)
    return kap_cli_report_error (error);

  for (;;)
    {
      g_autoptr(GPtrArray) changes = NULL;

      changes = kap_store_changes (store, since, EXPORT_PAGE_SIZE, &error);
      if (changes == NULL)
        return kap_cli_report_error (error);

      for (guint i = 0; i < changes->len; i++)
        {
          const KapChange *change = g_ptr_array_index (changes, i);

          if (!export_document (store, change->id, output, &n_leaves, unreadable, &error))
            return kap_cli_report_error (error);

          n_documents++;
          since = change->seq;
        }

      if (changes->len < EXPORT_PAGE_SIZE)
        break;
    }

  if (!kap_cli_output_commit (output, &error))
    return kap_cli_report_error (error);

  /* Standard output carries the export itself; say nothing there. */
  if (path != NULL && g_strcmp0 (path, "-") != 0)
    {
      /* Translators: the first %u counts revisions, the second documents. */
      g_autofree char *leaves_text = g_strdup_printf (ngettext ("%u revision", "%u revisions", n_leaves), n_leaves);

      kap_cli_print (ngettext ("Exported %s of %u document\n",
                               "Exported %s of %u documents\n", n_documents),
                     leaves_text, n_documents);
    }

  if (unreadable->len > 0)
    {
      for (guint i = 0; i < unreadable->len; i++)
        g_printerr (_("kapija-cli: not exported, its stored text is damaged: %s\n"),
                          (const char *) g_ptr_array_index (unreadable, i));
      g_printerr (ngettext ("kapija-cli: %u revision could not be read and is not in the "
                                  "export; run “kapija-cli check”\n",
                                  "kapija-cli: %u revisions could not be read and are not in the "
                                  "export; run “kapija-cli check”\n", unreadable->len),
                        unreadable->len);
      return KAP_CLI_EXIT_STORE;
    }

  return KAP_CLI_EXIT_OK;
}

typedef struct
{
  KapStore  *store;
  GPtrArray *documents;   /* KapDocument */
  GArray    *lines;       /* guint: the input line of each document */
  guint      n_imported;
} ImportState;

static void
report_line_error (guint         line,
                   const GError *error)
{
  /* Translators: %u is a line number of the input, %s the reason. */
  kap_cli_message (_("line %u: %s"), line, error->message);
}

static gboolean
import_flush (ImportState  *state,
              int          *exit_code)
{
  g_autoptr(GError) error = NULL;
  guint failed_index = G_MAXUINT;

  if (state->documents->len == 0)
    return TRUE;

  if (!kap_store_import (state->store, state->documents, &failed_index, &error))
    {
      if (failed_index < state->lines->len)
        {
          report_line_error (g_array_index (state->lines, guint, failed_index), error);
          *exit_code = kap_cli_exit_code_for_error (error);
        }
      else
        {
          *exit_code = kap_cli_report_error (error);
        }
      return FALSE;
    }

  state->n_imported += state->documents->len;
  g_ptr_array_set_size (state->documents, 0);
  g_array_set_size (state->lines, 0);

  return TRUE;
}

static gboolean
is_blank (const char *line)
{
  for (const char *p = line; *p != '\0'; p++)
    {
      if (!g_ascii_isspace (*p))
        return FALSE;
    }

  return TRUE;
}

static int
import_lines (ImportState *state,
              FILE        *input,
              guint        batch_size)
{
  g_autofree char *buffer = NULL;
  size_t capacity = 0;
  ssize_t length;
  guint line_number = 0;
  int exit_code = KAP_CLI_EXIT_OK;

  while ((length = getline (&buffer, &capacity, input)) >= 0)
    {
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) error = NULL;

      line_number++;

      while (length > 0 && (buffer[length - 1] == '\n' || buffer[length - 1] == '\r'))
        buffer[--length] = '\0';

      if (!g_utf8_validate (buffer, length, NULL))
        {
          g_set_error_literal (&error, KAP_DOCUMENT_ERROR, KAP_DOCUMENT_ERROR_MALFORMED,
                               _("not valid UTF-8"));
          report_line_error (line_number, error);
          return KAP_CLI_EXIT_BAD_INPUT;
        }

      if (is_blank (buffer))
        continue;

      document = kap_document_new_from_json (buffer, length, &error);
      if (document == NULL)
        {
          /* The batch read so far is dropped unwritten. */
          report_line_error (line_number, error);
          return kap_cli_exit_code_for_error (error);
        }

      g_ptr_array_add (state->documents, g_steal_pointer (&document));
      g_array_append_val (state->lines, line_number);

      if (state->documents->len >= batch_size && !import_flush (state, &exit_code))
        return exit_code;
    }

  if (ferror (input))
    {
      kap_cli_message ("%s", _("Cannot read the input"));
      return KAP_CLI_EXIT_BAD_INPUT;
    }

  if (!import_flush (state, &exit_code))
    return exit_code;

  return KAP_CLI_EXIT_OK;
}

int
kap_cli_import (const KapCliCommand  *command,
                int                   argc,
                char                **argv)
{
  static int opt_batch = 1000;
  static const GOptionEntry entries[] = {
    { "batch", 'b', 0, G_OPTION_ARG_INT, &opt_batch, N_("Write N documents per transaction (default: 1000)"), N_("N") },
    { NULL }
  };
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GError) error = NULL;
  ImportState state = { 0 };
  FILE *input;
  int exit_code;

  if (!kap_cli_command_parse (command, entries, &argc, &argv, 0, 1))
    return KAP_CLI_EXIT_USAGE;

  if (opt_batch < 1)
    return kap_cli_usage_error (command, "%s", _("--batch must be at least 1"));

  input = kap_cli_open_input (argc > 1 ? argv[1] : NULL, &error);
  if (input == NULL)
    return kap_cli_report_error (error);

  store = kap_cli_store_open (KAP_STORE_OPEN_NONE, &exit_code);
  if (store == NULL)
    {
      kap_cli_close_input (input);
      return exit_code;
    }

  documents = g_ptr_array_new_with_free_func (g_object_unref);
  lines = g_array_new (FALSE, FALSE, sizeof (guint));
  state.store = store;
  state.documents = documents;
  state.lines = lines;

  exit_code = import_lines (&state, input, (guint) opt_batch);
  kap_cli_close_input (input);

  if (exit_code != KAP_CLI_EXIT_OK)
    {
      kap_cli_message (ngettext ("%u document from earlier batches was imported",
                                 "%u documents from earlier batches were imported",
                                 state.n_imported),
                       state.n_imported);
      return exit_code;
    }

  kap_cli_print (ngettext ("Imported %u document\n", "Imported %u documents\n", state.n_imported),
                 state.n_imported);

  return KAP_CLI_EXIT_OK;
}
