/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-documents"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-cli.h"
#include "kap-records.h"

/* Single documents: put, get, delete, and the list of live documents. */

static void
print_id_rev (const char *id,
              const char *rev)
{
  g_autoptr(JsonObject) result = json_object_new ();

  json_object_set_string_member (result, "id", id);
  json_object_set_string_member (result, "rev", rev);
  kap_cli_print_json_object (result);
}

int
kap_cli_put (const KapCliCommand  *command,
             int                   argc,
             char                **argv)
{
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *rev = NULL;
  gsize length = 0;
  int exit_code;

  if (!kap_cli_command_parse (command, NULL, &argc, &argv, 0, 1))
    return KAP_CLI_EXIT_USAGE;

  /* Read the input before opening the store, so that the store is not held
   * open while a user types a document on standard input. */
  text = kap_cli_read_input (argc > 1 ? argv[1] : NULL, &length, &error);
  if (text == NULL)
    return kap_cli_report_error (error);

  document = kap_document_new_from_json (text, length, &error);
  if (document == NULL)
    return kap_cli_report_error (error);

  store = kap_cli_store_open (KAP_STORE_OPEN_NONE, &exit_code);
  if (store == NULL)
    return exit_code;

  rev = kap_store_put (store, document, &error);
  if (rev == NULL)
    return kap_cli_report_error (error);

  print_id_rev (kap_document_get_id (document), rev);

  return KAP_CLI_EXIT_OK;
}

int
kap_cli_delete (const KapCliCommand  *command,
                int                   argc,
                char                **argv)
{
  static char *opt_as;
  static const GOptionEntry entries[] = {
    { "as", 0, 0, G_OPTION_ARG_STRING, &opt_as,
      N_("The profile that deletes (default: the laptop's one supervisor profile)"), N_("CODE") },
    { NULL }
  };
  g_autoptr(KapContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  int exit_code;

  if (!kap_cli_command_parse (command, entries, &argc, &argv, 2, 2))
    return KAP_CLI_EXIT_USAGE;

  context = kap_cli_context_open (KAP_STORE_OPEN_NONE, &exit_code);
  if (context == NULL)
    return exit_code;

  /* Only a supervisor deletes: the records service checks the profile.
   * A code given with --as is that profile or nobody, never another. */
  if (!kap_cli_context_sign_in (context, opt_as, opt_as == NULL, &error))
    return kap_cli_report_error (error);
  rev = kap_records_delete (kap_context_get_store (context), kap_context_get_profile (context),
                            argv[1], argv[2], &error);
  if (rev == NULL)
    return kap_cli_report_error (error);

  print_id_rev (argv[1], rev);

  return KAP_CLI_EXIT_OK;
}

int
kap_cli_get (const KapCliCommand  *command,
             int                   argc,
             char                **argv)
{
  static char *opt_rev;
  static gboolean opt_revs;
  static gboolean opt_conflicts;
  static gboolean opt_deleted;
  static const GOptionEntry entries[] = {
    { "rev", 'r', 0, G_OPTION_ARG_STRING, &opt_rev, N_("Print revision REV instead of the current one"), N_("REV") },
    { "revs", 0, 0, G_OPTION_ARG_NONE, &opt_revs, N_("Include the revision history (“_revisions”)"), NULL },
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &opt_conflicts, N_("Include the conflicting revisions (“_conflicts”)"), NULL },
    { "deleted", 0, 0, G_OPTION_ARG_NONE, &opt_deleted, N_("Print the document even if it is deleted"), NULL },
    { NULL }
  };
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  KapStoreGetFlags flags = KAP_STORE_GET_NONE;
  int exit_code;

  if (!kap_cli_command_parse (command, entries, &argc, &argv, 1, 1))
    return KAP_CLI_EXIT_USAGE;

  if (opt_revs)
    flags |= KAP_STORE_GET_ANCESTRY;
  if (opt_conflicts)
    flags |= KAP_STORE_GET_CONFLICTS;
  if (opt_deleted)
    flags |= KAP_STORE_GET_DELETED;

  store = kap_cli_store_open (KAP_STORE_OPEN_READ_ONLY, &exit_code);
  if (store == NULL)
    return exit_code;

  document = kap_store_get (store, argv[1], opt_rev, flags, &error);
  if (document == NULL)
    return kap_cli_report_error (error);

  json = kap_document_to_json (document);
  kap_cli_print ("%s\n", json);

  return KAP_CLI_EXIT_OK;
}

int
kap_cli_list (const KapCliCommand  *command,
              int                   argc,
              char                **argv)
{
  static char *opt_type;
  static gboolean opt_json;
  static const GOptionEntry entries[] = {
    { "type", 't', 0, G_OPTION_ARG_STRING, &opt_type, N_("Only documents of type TYPE"), N_("TYPE") },
    { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print a JSON object per line"), NULL },
    { NULL }
  };
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(GError) error = NULL;
  guint n_items;
  int exit_code;

  if (!kap_cli_command_parse (command, entries, &argc, &argv, 0, 0))
    return KAP_CLI_EXIT_USAGE;

  store = kap_cli_store_open (KAP_STORE_OPEN_READ_ONLY, &exit_code);
  if (store == NULL)
    return exit_code;

  documents = kap_store_list (store, opt_type, &error);
  if (documents == NULL)
    return kap_cli_report_error (error);

  n_items = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(KapDocument) document = g_list_model_get_item (documents, i);
      const char *type = kap_document_get_doc_type (document);

      if (opt_json)
        {
          g_autoptr(JsonObject) line = json_object_new ();

          json_object_set_string_member (line, "id", kap_document_get_id (document));
          json_object_set_string_member (line, "rev", kap_document_get_rev (document));
          if (type != NULL)
            json_object_set_string_member (line, "type", type);
          else
            json_object_set_null_member (line, "type");
          kap_cli_print_json_object (line);
        }
      else
        {
          /* An id from a server may hold anything: a tab would shift the
           * columns, an escape sequence rewrite the terminal. */
          g_autofree char *id = kap_cli_escape (kap_document_get_id (document));
          g_autofree char *rev = kap_cli_escape (kap_document_get_rev (document));
          g_autofree char *type_text = kap_cli_escape (type);

          kap_cli_print ("%s\t%s\t%s\n", id, rev, type_text);
        }
    }

  /* The list leaves out what cannot be read rather than hide everything
   * behind one damaged record; say so, and where to look. */
  {
    guint stored = kap_store_count (store, opt_type, &error);

    if (error != NULL)
      return kap_cli_report_error (error);
    if (stored > n_items)
      {
        g_printerr (ngettext ("kapija-cli: %u document could not be read and is not listed; "
                              "run “kapija-cli check”\n",
                              "kapija-cli: %u documents could not be read and are not listed; "
                              "run “kapija-cli check”\n", stored - n_items),
                    stored - n_items);
        return KAP_CLI_EXIT_STORE;
      }
  }

  return KAP_CLI_EXIT_OK;
}
