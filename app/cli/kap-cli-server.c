/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-server"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-cli.h"
#include "kap-server-setup.h"

/* `kapija-cli server-setup`: the national server's databases, access
 * rules, validation and accounts (sync/kap-server-setup.h), with a server
 * administrator's credentials from the environment or the terminal. */

static char *opt_stations;
static char *opt_users;
static gboolean opt_reset_passwords;

static const GOptionEntry server_setup_entries[] = {
  { "stations", 0, 0, G_OPTION_ARG_FILENAME, &opt_stations,
    N_("CSV of the stations: code,name"), N_("FILE") },
  { "users", 0, 0, G_OPTION_ARG_FILENAME, &opt_users,
    N_("CSV of the accounts: name,role,station,password"), N_("FILE") },
  { "reset-passwords", 0, 0, G_OPTION_ARG_NONE, &opt_reset_passwords,
    N_("Also set the passwords of accounts that exist already"), NULL },
  { NULL }
};

static gboolean
load_list (KapServerSetup  *setup,
           const char      *path,
           gboolean       (*load) (KapServerSetup *, const char *, GError **),
           GError         **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &text, NULL, error))
    return FALSE;

  if (!load (setup, text, &local_error))
    {
      /* Translators: the first %s is a file name, the second what is wrong in it. */
      g_set_error (error, local_error->domain, local_error->code, _("%s: %s"), path, local_error->message);
      return FALSE;
    }

  return TRUE;
}

int
kap_cli_server_setup (const KapCliCommand  *command,
                      int                   argc,
                      char                **argv)
{
  g_autoptr(KapCouchClient) client = NULL;
  g_autoptr(KapServerSetup) setup = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *admin = NULL;
  char *password = NULL;
  GPtrArray *changes, *passwords;
  const char *url;
  gboolean ok;
  int exit_code;

  if (!kap_cli_command_parse (command, server_setup_entries, &argc, &argv, 1, 1))
    return KAP_CLI_EXIT_USAGE;

  url = argv[1];
  if (!kap_cli_check_server_url (command, url, &exit_code))
    return exit_code;

  client = kap_couch_client_new (url, 60);
  setup = kap_server_setup_new (client);
  kap_server_setup_set_reset_passwords (setup, opt_reset_passwords);

  /* The lists first: a mistake in them is found before anything is asked
   * or changed. */
  if ((opt_stations != NULL && !load_list (setup, opt_stations, kap_server_setup_load_stations, &error)) ||
      (opt_users != NULL && !load_list (setup, opt_users, kap_server_setup_load_users, &error)))
    {
      kap_cli_message ("%s", error->message);
      return KAP_CLI_EXIT_BAD_INPUT;
    }

  admin = kap_cli_read_secret ("KAPIJA_ADMIN_USER", _("Administrator name: "), FALSE);
  if (admin == NULL || *admin == '\0')
    return kap_cli_usage_error (command, "%s",
                                _("No administrator name: set KAPIJA_ADMIN_USER or run in a terminal"));
  password = kap_cli_read_secret ("KAPIJA_ADMIN_PASSWORD", _("Administrator password: "), TRUE);
  if (password == NULL)
    return kap_cli_usage_error (command, "%s",
                                _("No administrator password: set KAPIJA_ADMIN_PASSWORD or run in a terminal"));

  kap_couch_client_set_credentials (client, admin, password);
  kap_cli_forget_secret (password);

  ok = kap_server_setup_run (setup, NULL, &error);

  /* What was done is reported even when a later step failed. */
  changes = kap_server_setup_get_changes (setup);
  for (guint i = 0; i < changes->len; i++)
    {
      /* They name stations and accounts from the CSV files. */
      g_autofree char *change = kap_cli_escape (g_ptr_array_index (changes, i));

      kap_cli_print ("%s\n", change);
    }

  passwords = kap_server_setup_get_passwords (setup);
  if (passwords->len > 0)
    {
      kap_cli_print ("\n%s\n", _("Generated passwords (shown only now; hand them over safely):"));
      for (guint i = 0; i < passwords->len; i++)
        {
          KapServerPassword *entry = g_ptr_array_index (passwords, i);
          g_autofree char *name = kap_cli_escape (entry->name);

          /* The password as it is: made by Kapija, and it must be exact. */
          kap_cli_print ("%s\t%s\n", name, entry->password);
        }
    }

  if (!ok)
    {
      kap_cli_message ("%s", error->message);
      return kap_cli_exit_code_for_sync_error (error);
    }

  if (changes->len == 0)
    kap_cli_print ("%s\n", _("The server is already set up; nothing was changed."));

  return KAP_CLI_EXIT_OK;
}
