/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-store"

#include "config.h"

#include <stdarg.h>
#include <glib/gi18n.h>

#include "kap-cli.h"
#include "kap-json.h"
#include "kap-records.h"

/* Which store the commands work on, opening it, and turning errors into
 * messages and exit codes (the table is in kap-cli.h). */

static char *opt_store;

static const GOptionEntry store_entries[] = {
  { "store", 's', 0, G_OPTION_ARG_FILENAME, &opt_store,
    N_("The store file (default: $KAPIJA_STORE, else the user’s default store)"), N_("PATH") },
  { NULL }
};

const GOptionEntry *
kap_cli_store_option_entries (void)
{
  return store_entries;
}

const char *
kap_cli_store_path (void)
{
  static char *default_path;
  const char *env;

  if (opt_store != NULL && *opt_store != '\0')
    return opt_store;

  env = g_getenv ("KAPIJA_STORE");
  if (env != NULL && *env != '\0')
    return env;

  if (default_path == NULL)
    default_path = kap_store_default_path ();

  return default_path;
}

void
kap_cli_message (const char *format,
                 ...)
{
  g_autofree char *message = NULL;
  g_autofree char *shown = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* Messages quote ids, paths and a server's reasons: escaped whole. */
  shown = kap_cli_escape (message);
  g_printerr ("kapija-cli: %s\n", shown);
}

gboolean
kap_cli_context_sign_in (KapContext  *context,
                         const char  *user,
                         gboolean     fall_back,
                         GError     **error)
{
  g_autoptr(GPtrArray) profiles = kap_profiles_list (kap_context_get_store (context), error);
  const KapProfile *chosen = NULL;
  guint supervisors = 0;

  if (profiles == NULL)
    return FALSE;

  for (guint i = 0; i < profiles->len; i++)
    {
      const KapProfile *profile = g_ptr_array_index (profiles, i);

      if (g_strcmp0 (profile->code, user) == 0)
        {
          chosen = profile;
          break;
        }
      if (kap_role_can_supervise (profile->role) && supervisors++ == 0)
        chosen = profile;
    }
  if (chosen != NULL && g_strcmp0 (chosen->code, user) != 0 && (!fall_back || supervisors > 1))
    chosen = NULL;
  if (chosen != NULL)
    kap_context_set_profile (context, chosen);

  return TRUE;
}

int
kap_cli_exit_code_for_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, KAP_CLI_EXIT_STORE);

  if (error->domain == KAP_STORE_ERROR)
    {
      switch ((KapStoreError) error->code)
        {
        case KAP_STORE_ERROR_NOT_FOUND:
          return KAP_CLI_EXIT_NOT_FOUND;

        case KAP_STORE_ERROR_CONFLICT:
          return KAP_CLI_EXIT_CONFLICT;

        case KAP_STORE_ERROR_INVALID:
          return KAP_CLI_EXIT_BAD_INPUT;

        case KAP_STORE_ERROR_MISSING:
        case KAP_STORE_ERROR_NOT_A_STORE:
        case KAP_STORE_ERROR_CORRUPT:
        case KAP_STORE_ERROR_NEWER_SCHEMA:
        case KAP_STORE_ERROR_LOCKED:
        case KAP_STORE_ERROR_DISK_FULL:
        case KAP_STORE_ERROR_READ_ONLY:
        case KAP_STORE_ERROR_ENGINE:
        case KAP_STORE_ERROR_UNREADABLE:
        default:
          return KAP_CLI_EXIT_STORE;
        }
    }

  /* The records service's role rules (core/records/kap-records.h). */
  if (error->domain == KAP_RECORDS_ERROR &&
      (error->code == KAP_RECORDS_ERROR_NOT_SIGNED_IN || error->code == KAP_RECORDS_ERROR_NOT_PERMITTED))
    return KAP_CLI_EXIT_NOT_PERMITTED;

  /* Malformed or invalid documents, and input files that cannot be read
   * (or output files that cannot be written): the user's input is at fault,
   * not the store. */
  if (error->domain == KAP_DOCUMENT_ERROR ||
      error->domain == KAP_JSON_ERROR ||
      error->domain == JSON_PARSER_ERROR ||
      error->domain == G_FILE_ERROR ||
      error->domain == G_IO_ERROR ||
      error->domain == G_CONVERT_ERROR)
    return KAP_CLI_EXIT_BAD_INPUT;

  return KAP_CLI_EXIT_STORE;
}

int
kap_cli_report_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, KAP_CLI_EXIT_STORE);

  if (g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING))
    /* Translators: %s is the path of the store file. */
    kap_cli_message (_("no store at %s; run “kapija-cli init” first"), kap_cli_store_path ());
  else
    kap_cli_message ("%s", error->message);

  return kap_cli_exit_code_for_error (error);
}

KapStore *
kap_cli_store_open (KapStoreOpenFlags  flags,
                    int               *exit_code)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (exit_code != NULL, NULL);

  g_debug ("Opening the store at %s", kap_cli_store_path ());

  store = kap_store_open (kap_cli_store_path (), flags, &error);
  if (store == NULL)
    {
      *exit_code = kap_cli_report_error (error);
      return NULL;
    }

  *exit_code = KAP_CLI_EXIT_OK;
  return g_steal_pointer (&store);
}

KapContext *
kap_cli_context_open (KapStoreOpenFlags  flags,
                      int               *exit_code)
{
  g_autoptr(KapStore) store = kap_cli_store_open (flags, exit_code);

  if (store == NULL)
    return NULL;

  return kap_context_new (store, NULL, NULL);
}
