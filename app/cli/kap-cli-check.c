/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-check"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-cli.h"

/* `kapija-cli check`: SQLite's integrity check and the store's invariants. */

int
kap_cli_check (const KapCliCommand  *command,
               int                   argc,
               char                **argv)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint count;
  int exit_code;

  if (!kap_cli_command_parse (command, NULL, &argc, &argv, 0, 0))
    return KAP_CLI_EXIT_USAGE;

  store = kap_cli_store_open (KAP_STORE_OPEN_READ_ONLY, &exit_code);
  if (store == NULL)
    return exit_code;

  if (!kap_store_check (store, &error))
    {
      if (!g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT))
        return kap_cli_report_error (error);

      /* The problems are the result of the command, so they go to standard
       * output; they name documents by id only. The message starts with
       * “The store has problems:” and lists one problem per line. */
      {
        g_auto(GStrv) lines = g_strsplit (g_strchomp (error->message), "\n", -1);

        for (guint i = 0; lines[i] != NULL; i++)
          {
            g_autofree char *line = kap_cli_escape (lines[i]);

            kap_cli_print ("%s\n", line);
          }
      }
      kap_cli_message ("%s", _("check found problems"));
      return KAP_CLI_EXIT_CHECK_FAILED;
    }

  count = kap_store_count (store, NULL, &error);
  if (error != NULL)
    return kap_cli_report_error (error);

  kap_cli_print (ngettext ("Store is healthy: %u document\n",
                           "Store is healthy: %u documents\n", count),
                 count);

  return KAP_CLI_EXIT_OK;
}
