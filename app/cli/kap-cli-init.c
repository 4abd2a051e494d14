/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-init"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kap-cli.h"

/* `kapija-cli init`: the only command that creates a store. */

int
kap_cli_init (const KapCliCommand  *command,
              int                   argc,
              char                **argv)
{
  g_autoptr(KapStore) store = NULL;
  g_autofree char *shown_path = NULL;
  const char *path;
  GStatBuf st;
  gboolean existed;
  int exit_code;

  if (!kap_cli_command_parse (command, NULL, &argc, &argv, 0, 0))
    return KAP_CLI_EXIT_USAGE;

  path = kap_cli_store_path ();

  /* An empty file is what an interrupted first start leaves behind; the
   * store fills it in, so it counts as a new store. */
  existed = g_stat (path, &st) == 0 && st.st_size > 0;

  /* Opening proves that an existing file is a Kapija store (a foreign file
   * is refused, never overwritten) and migrates an older store forward. */
  store = kap_cli_store_open (KAP_STORE_OPEN_CREATE, &exit_code);
  if (store == NULL)
    return exit_code;

  shown_path = kap_cli_escape (kap_store_get_path (store));
  if (existed)
    /* Translators: %s is the path of the store file. */
    kap_cli_print (_("A store already exists at %s and is a valid Kapija store.\n"), shown_path);
  else
    /* Translators: %s is the path of the store file. */
    kap_cli_print (_("Created a store at %s\n"), shown_path);

  return KAP_CLI_EXIT_OK;
}
