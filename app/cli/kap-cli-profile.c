/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-profile"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-cli.h"
#include "kap-profiles.h"

/* `kapija-cli profile CODE NAME [--supervisor]`: prepares a laptop's
 * profiles before it goes to the field (the app asks on first start
 * otherwise). A profile with the same code is replaced. */

static gboolean opt_supervisor;

static const GOptionEntry profile_entries[] = {
  { "supervisor", 0, 0, G_OPTION_ARG_NONE, &opt_supervisor,
    N_("The profile may sync, review and resolve conflicts"), NULL },
  { NULL }
};

int
kap_cli_profile (const KapCliCommand  *command,
                 int                   argc,
                 char                **argv)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GError) error = NULL;
  KapProfile profile = { 0 };
  g_autofree char *code = NULL;
  int exit_code;

  if (!kap_cli_command_parse (command, profile_entries, &argc, &argv, 2, 2))
    return KAP_CLI_EXIT_USAGE;

  store = kap_cli_store_open (KAP_STORE_OPEN_NONE, &exit_code);
  if (store == NULL)
    return exit_code;

  profile.code = argv[1];
  profile.display_name = argv[2];
  profile.role = opt_supervisor ? KAP_ROLE_SUPERVISOR : KAP_ROLE_OFFICER;

  if (!kap_profiles_save (store, &profile, &error))
    return kap_cli_report_error (error);

  code = kap_cli_escape (profile.code);
  /* Translators: %s is an officer code such as OFF-017. */
  kap_cli_print (opt_supervisor ? _("Supervisor profile %s saved\n") : _("Officer profile %s saved\n"),
                 code);

  return KAP_CLI_EXIT_OK;
}
