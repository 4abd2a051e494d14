/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli"

#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <glib/gi18n.h>

#include "kap-cli.h"

/* kapija-cli: entry point, global options and the command table. The
 * commands live in one file per group (documents, changes, transfer,
 * check); opening the store and mapping errors to exit codes is in
 * kap-cli-store.c. */

static const KapCliCommand commands[] = {
  {
    "init", NULL,
    N_("Create the store"),
    N_("Creates the store file (and its folder) at the store path. If a store "
       "already exists there, it is opened to make sure it is a valid Kapija "
       "store and left as it is."),
    kap_cli_init,
  },
  {
    "profile", N_("CODE NAME"),
    N_("Add a profile of this laptop"),
    N_("Saves the profile of an officer (or, with --supervisor, a supervisor) "
       "who will use this laptop: CODE goes into the records they capture, NAME "
       "is how the app shows the profile. A profile with the same CODE is "
       "replaced. Profiles stay on this laptop."),
    kap_cli_profile,
  },
  {
    "put", N_("[FILE|-]"),
    N_("Create or update a document from JSON"),
    N_("Reads one JSON document from FILE, or from standard input when FILE is "
       "“-” or missing. Without “_rev” the document is created (its “_id” is "
       "generated from its “type” when it has none); with “_rev” it becomes the "
       "next revision of that revision, which must be the current one.\n"
       "Prints {\"id\":…,\"rev\":…} on one line."),
    kap_cli_put,
  },
  {
    "get", N_("ID"),
    N_("Print a document as canonical JSON"),
    N_("Prints the current revision of document ID, or the revision given with "
       "--rev, as canonical JSON on one line."),
    kap_cli_get,
  },
  {
    "delete", N_("ID REV"),
    N_("Delete a document"),
    N_("Writes a deletion (tombstone) revision of document ID on top of REV, "
       "which must be the current revision. Only a supervisor deletes: the "
       "laptop's supervisor profile, or the one given with --as. "
       "Prints {\"id\":…,\"rev\":…} on one line."),
    kap_cli_delete,
  },
  {
    "list", NULL,
    N_("List the documents that are not deleted"),
    N_("Prints one line per document that is not deleted, ordered by id: id, "
       "revision and type separated by tabs, or a JSON object with --json."),
    kap_cli_list,
  },
  {
    "changes", NULL,
    N_("Print the changes feed"),
    N_("Prints one JSON object per changed document, in the order of the local "
       "sequence: {\"seq\":…,\"id\":…,\"rev\":…,\"deleted\":true,\"leaves\":[…]} "
       "(“deleted” only when the current revision is a deletion), then "
       "{\"last_seq\":…}. Pass that number to --since to continue later."),
    kap_cli_changes,
  },
  {
    "export", N_("[FILE|-]"),
    N_("Write every revision leaf as JSON lines"),
    N_("Writes one JSON object per leaf of every document's revision tree, "
       "deleted and conflicting leaves included, each with “_id”, “_rev”, "
       "“_revisions” and its body, in the order of the changes feed. Writes to "
       "FILE (replaced only once the export is complete), or to standard output "
       "when FILE is “-” or missing."),
    kap_cli_export,
  },
  {
    "import", N_("[FILE|-]"),
    N_("Read documents from JSON lines"),
    N_("Reads one JSON document per line from FILE, or from standard input when "
       "FILE is “-” or missing; blank lines are skipped. Documents with "
       "“_revisions” are added with their history as they are (importing the "
       "same file twice changes nothing), the others are written as local edits. "
       "Each batch is written in one transaction: on a bad line nothing of its "
       "batch is written, the batches before it stay."),
    kap_cli_import,
  },
  {
    "check", NULL,
    N_("Check the store for damage"),
    N_("Runs SQLite’s integrity check and verifies the store’s own invariants. "
       "Exits with status 6 when problems are found."),
    kap_cli_check,
  },
  {
    "sync", N_("URL"),
    N_("Synchronise the store with the national server"),
    N_("Runs a supervisor’s sync with the database of the station given with "
       "--station on the server at URL: pushes and pulls records, merges what "
       "merges cleanly, then updates the forms and code lists from the reference "
       "database. The password is read from KAPIJA_PASSWORD or asked for on the "
       "terminal, never given on the command line. Prints the pushed, pulled, "
       "merged, conflicting, rejected and failed counts; exits with 7 when "
       "conflicts are left for a supervisor."),
    kap_cli_sync,
  },
  {
    "server-setup", N_("URL"),
    N_("Set up the national server’s databases and accounts"),
    N_("Creates on the CouchDB server at URL what Kapija needs: a database per "
       "station of --stations (CSV: code,name), the reference database with the "
       "shipped forms, the access rules and validation of each, and the accounts "
       "of --users (CSV: name,role,station,password; role is officer or "
       "supervisor; an empty password is generated and printed once). Running it "
       "again changes nothing. The administrator’s name and password are read "
       "from KAPIJA_ADMIN_USER and KAPIJA_ADMIN_PASSWORD or asked for on the "
       "terminal."),
    kap_cli_server_setup,
  },
};

static gboolean opt_version;

static const GOptionEntry main_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version, N_("Print the version and exit"), NULL },
  { NULL }
};

static const KapCliCommand *
find_command (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      if (g_strcmp0 (commands[i].name, name) == 0)
        return &commands[i];
    }

  return NULL;
}

static char *
main_description (void)
{
  GString *str = g_string_new (NULL);

  g_string_append_printf (str, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    g_string_append_printf (str, "  %-12s %s\n", commands[i].name, _(commands[i].summary));
  g_string_append_printf (str, "  %-12s %s\n", "help", _("Show the help of a command"));

  g_string_append_printf (str, "\n%s\n", _("Run “kapija-cli COMMAND --help” for the options of a command."));
  g_string_append_printf (str, "%s\n",
                          _("The store is the file given with --store, else the file named by the "
                            "KAPIJA_STORE environment variable, else the default store of the user."));

  g_string_append_printf (str, "\n%s\n", _("Exit status:"));
  g_string_append_printf (str, "  0  %s\n", _("success"));
  g_string_append_printf (str, "  1  %s\n", _("usage error"));
  g_string_append_printf (str, "  2  %s\n", _("bad input (malformed JSON, invalid document)"));
  g_string_append_printf (str, "  3  %s\n", _("not found (unknown document or revision)"));
  g_string_append_printf (str, "  4  %s\n", _("conflict (the revision is not the current one)"));
  g_string_append_printf (str, "  5  %s\n",
                          _("store problem (missing, not a Kapija store, damaged, newer version, "
                            "locked, read-only, disk full)"));
  g_string_append_printf (str, "  6  %s\n", _("check found problems"));
  g_string_append_printf (str, "  7  %s\n", _("sync left conflicts for a supervisor"));
  g_string_append_printf (str, "  8  %s\n", _("the server refused the user name or password"));
  g_string_append_printf (str, "  9  %s\n", _("the server did not answer"));
  g_string_append_printf (str, "  10 %s",
                          _("other sync errors (access refused, server error, unreadable reply, "
                            "no database, records rejected by the server)"));
  g_string_append_printf (str, "\n  11 %s",
                          _("not permitted (only a supervisor deletes or syncs; no such profile on this laptop)"));

  return g_string_free (str, FALSE);
}

static GOptionContext *
main_context_new (void)
{
  GOptionContext *context;
  g_autofree char *description = main_description ();

  context = g_option_context_new (_("COMMAND [ARGUMENT…]"));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _("Work with a Kapija store without the graphical interface."));
  g_option_context_set_description (context, description);
  g_option_context_add_main_entries (context, kap_cli_store_option_entries (), GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, main_entries, GETTEXT_PACKAGE);
  /* Stop at the command name, so that its options are left to the
   * command's own context. */
  g_option_context_set_strict_posix (context, TRUE);

  return context;
}

int
kap_cli_usage_error (const KapCliCommand *command,
                     const char          *format,
                     ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  kap_cli_message ("%s", message);
  if (command != NULL)
    /* Translators: %s is a command name such as “put”. */
    g_printerr (_("Try “kapija-cli %s --help” for more information.\n"), command->name);
  else
    g_printerr ("%s\n", _("Try “kapija-cli --help” for more information."));

  return KAP_CLI_EXIT_USAGE;
}

gboolean
kap_cli_command_parse (const KapCliCommand   *command,
                       const GOptionEntry    *entries,
                       int                   *argc,
                       char                ***argv,
                       int                    min_args,
                       int                    max_args)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *prgname = g_strdup_printf ("kapija-cli %s", command->name);
  int n_args;

  /* The usage line of --help reads “kapija-cli put [OPTION…] [FILE|-]”. */
  g_set_prgname (prgname);

  context = g_option_context_new (command->parameter_string ? _(command->parameter_string) : NULL);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_set_summary (context, _(command->summary));
  if (command->description != NULL)
    g_option_context_set_description (context, _(command->description));
  if (entries != NULL)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, kap_cli_store_option_entries (), GETTEXT_PACKAGE);

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      kap_cli_usage_error (command, "%s", error->message);
      return FALSE;
    }

  n_args = *argc - 1;
  if (n_args < min_args)
    {
      kap_cli_usage_error (command, "%s", _("Missing argument"));
      return FALSE;
    }
  if (n_args > max_args)
    {
      /* Translators: %s is an argument the user typed. */
      kap_cli_usage_error (command, _("Unexpected argument “%s”"), (*argv)[max_args + 1]);
      return FALSE;
    }

  return TRUE;
}

static int
run_help (int    argc,
          char **argv)
{
  const KapCliCommand *command;
  char *help_argv[] = { NULL, (char *) "--help", NULL };

  if (argc < 2)
    {
      g_autoptr(GOptionContext) context = main_context_new ();
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      kap_cli_print ("%s", help);
      return KAP_CLI_EXIT_OK;
    }

  command = find_command (argv[1]);
  if (command == NULL)
    /* Translators: %s is what the user typed as a command name. */
    return kap_cli_usage_error (NULL, _("Unknown command “%s”"), argv[1]);

  /* Parsing --help prints the command's help and exits with status 0. */
  help_argv[0] = (char *) command->name;
  return command->run (command, 2, help_argv);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const KapCliCommand *command;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_set_prgname ("kapija-cli");

  context = main_context_new ();
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return kap_cli_usage_error (NULL, "%s", error->message);

  if (opt_version)
    {
      kap_cli_print ("kapija-cli %s\n", PACKAGE_VERSION);
      return KAP_CLI_EXIT_OK;
    }

  if (argc < 2)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);

      g_printerr ("%s", help);
      return KAP_CLI_EXIT_USAGE;
    }

  if (g_strcmp0 (argv[1], "help") == 0)
    return run_help (argc - 1, argv + 1);

  command = find_command (argv[1]);
  if (command == NULL)
    return kap_cli_usage_error (NULL, _("Unknown command “%s”"), argv[1]);

  return command->run (command, argc - 1, argv + 1);
}
