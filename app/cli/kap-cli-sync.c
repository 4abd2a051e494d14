/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-sync"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "kap-cli.h"
#include "kap-json.h"
#include "kap-reference.h"
#include "kap-sync-names.h"
#include "kap-sync-session.h"

/* `kapija-cli sync`: the supervisor's sync run without the window (the
 * same KapSyncSession the app runs), then the pull of the reference
 * database. Also the things server-setup shares with it: secrets from
 * the environment or the terminal (never from the command line) and the
 * exit code of a sync error. */

/* Secrets */

/* Reads one line from the terminal (not standard input, which may be a
 * pipe of something else), without echo when @secret. NULL when there is
 * no terminal. */
static char *
read_from_terminal (const char *prompt,
                    gboolean    secret)
{
  struct termios saved, quiet;
  gboolean restore = FALSE;
  GString *line = g_string_new (NULL);
  gboolean ok = FALSE;
  int fd;

  fd = g_open ("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }

  if (secret && tcgetattr (fd, &saved) == 0)
    {
      quiet = saved;
      quiet.c_lflag &= ~(ECHO | ECHONL);
      quiet.c_lflag |= ICANON;
      restore = tcsetattr (fd, TCSAFLUSH, &quiet) == 0;
    }

  if (write (fd, prompt, strlen (prompt)) < 0)
    g_debug ("Could not write the prompt: %s", g_strerror (errno));

  for (;;)
    {
      char c;
      ssize_t n = read (fd, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      if (c == '\n' || c == '\r')
        {
          ok = TRUE;
          break;
        }
      g_string_append_c (line, c);
    }

  if (restore)
    {
      tcsetattr (fd, TCSAFLUSH, &saved);
      /* The newline the user typed was not echoed. */
      if (write (fd, "\n", 1) < 0)
        g_debug ("Could not end the prompt: %s", g_strerror (errno));
    }
  close (fd);

  if (!ok && line->len == 0)
    {
      g_string_free (line, TRUE);
      return NULL;
    }

  return g_string_free (line, FALSE);
}

char *
kap_cli_read_secret (const char *variable,
                     const char *prompt,
                     gboolean    secret)
{
  const char *value = g_getenv (variable);

  if (value != NULL && *value != '\0')
    return g_strdup (value);

  return read_from_terminal (prompt, secret);
}

void
kap_cli_forget_secret (char *secret)
{
  if (secret != NULL)
    memset (secret, 0, strlen (secret));
  g_free (secret);
}

gboolean
kap_cli_check_server_url (const KapCliCommand *command,
                          const char          *url,
                          int                 *exit_code)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_HAS_PASSWORD, NULL);

  if (uri == NULL ||
      (g_strcmp0 (g_uri_get_scheme (uri), "http") != 0 &&
       g_strcmp0 (g_uri_get_scheme (uri), "https") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      /* Translators: %s is what the user gave as the server's address. */
      *exit_code = kap_cli_usage_error (command, _("“%s” is not a server address (http:// or https://)"), url);
      return FALSE;
    }

  /* A password on the command line ends up in the shell's history and in
   * every process listing: refuse it rather than use it. */
  if (g_uri_get_user (uri) != NULL || g_uri_get_password (uri) != NULL)
    {
      *exit_code = kap_cli_usage_error (command, "%s",
                                        _("Do not put a user name or password in the server address; "
                                          "they are asked for, or read from the environment"));
      return FALSE;
    }

  return TRUE;
}

int
kap_cli_exit_code_for_sync_error (const GError *error)
{
  if (error->domain == KAP_RECORDS_ERROR)
    return kap_cli_exit_code_for_error (error);

  if (error->domain == KAP_SYNC_ERROR)
    {
      switch ((KapSyncError) error->code)
        {
        /* The lockout keeps the exit code of authentication problems;
         * its message says to wait rather than to check the password. */
        case KAP_SYNC_ERROR_AUTH:
        case KAP_SYNC_ERROR_LOCKED_OUT:
          return KAP_CLI_EXIT_AUTH;

        /* A server that stopped answering, or answers too slowly to
         * finish, is not reached as far as the sync goes. */
        case KAP_SYNC_ERROR_UNREACHABLE:
        case KAP_SYNC_ERROR_STALLED:
        case KAP_SYNC_ERROR_DEADLINE:
          return KAP_CLI_EXIT_UNREACHABLE;

        case KAP_SYNC_ERROR_REPLY_TOO_LARGE:
        case KAP_SYNC_ERROR_HEADERS_TOO_LARGE:
        case KAP_SYNC_ERROR_REDIRECT:
        case KAP_SYNC_ERROR_FORBIDDEN:
        case KAP_SYNC_ERROR_SERVER:
        case KAP_SYNC_ERROR_MALFORMED:
        case KAP_SYNC_ERROR_TOO_LARGE:
        case KAP_SYNC_ERROR_CANCELLED:
        case KAP_SYNC_ERROR_NO_DATABASE:
        default:
          return KAP_CLI_EXIT_SYNC_FAILED;
        }
    }

  if (error->domain == KAP_STORE_ERROR)
    return KAP_CLI_EXIT_STORE;

  return KAP_CLI_EXIT_SYNC_FAILED;
}

/* sync */

static char *opt_station;
static char *opt_user;

static const GOptionEntry sync_entries[] = {
  { "station", 0, 0, G_OPTION_ARG_STRING, &opt_station,
    N_("The station whose database is synchronised (required)"), N_("CODE") },
  { "user", 'u', 0, G_OPTION_ARG_STRING, &opt_user,
    N_("The user name on the server (default: $KAPIJA_USER, else asked for)"), N_("NAME") },
  { NULL }
};

static void
progress_cb (KapSyncSession *session,
             guint64         done,
             guint64         total,
             gpointer        user_data)
{
  g_autofree char *done_text = g_strdup_printf ("%" G_GUINT64_FORMAT, done);
  g_autofree char *total_text = g_strdup_printf ("%" G_GUINT64_FORMAT, total);

  /* Translators: progress of a sync; the two %s are numbers of documents. */
  g_printerr (_("Synchronising: %s of %s documents\n"), done_text, total_text);
}

/* A server's text on one line of the summary (a reason with a line break
 * could otherwise pass for another line of it), what the JSON reader held
 * escaped shown as U+FFFD. */
static char *
one_line (const char *text)
{
  g_autofree char *shown = kap_json_string_for_display (text != NULL ? text : "");

  return kap_cli_escape (shown);
}

static char *
format_time (gint64 seconds)
{
  g_autoptr(GDateTime) time = seconds > 0 ? g_date_time_new_from_unix_local (seconds) : NULL;

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

/* Every outstanding refusal and revision not taken, one line each, with
 * the reason: reported at every run until it is resolved. */
static void
print_problems (const KapReplicationSummary *summary)
{
  for (guint i = 0; summary->problems != NULL && i < summary->problems->len; i++)
    {
      KapSyncProblem *problem = g_ptr_array_index (summary->problems, i);
      g_autofree char *id = one_line (problem->id);
      g_autofree char *rev = one_line (problem->rev);
      g_autofree char *reason = one_line (problem->reason);
      g_autofree char *first = format_time (problem->first_seen);

      if (problem->kind == KAP_SYNC_PROBLEM_REJECTED)
        /* Translators: a record the server refused: its id, its revision, the
         * server's reason and since when (a date and time). */
        kap_cli_print (_("Refused by the server: %s (revision %s): %s (since %s)\n"),
                       id, rev, reason, first);
      else
        /* Translators: a revision of the server this laptop cannot store: the
         * record's id, the revision, why, and since when (a date and time). */
        kap_cli_print (_("Record not taken: %s (revision %s): %s (since %s)\n"),
                       id, rev, reason, first);
    }
}

int
kap_cli_sync (const KapCliCommand  *command,
              int                   argc,
              char                **argv)
{
  g_autoptr(KapContext) context = NULL;
  g_autoptr(KapStore) reference_store = NULL;
  g_autoptr(KapSyncSession) session = NULL;
  KapFormRegistry *forms;
  KapStore *store;
  g_autoptr(KapSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *user = NULL;
  char *password = NULL;
  const char *url;
  int exit_code;

  if (!kap_cli_command_parse (command, sync_entries, &argc, &argv, 1, 1))
    return KAP_CLI_EXIT_USAGE;

  url = argv[1];
  if (!kap_cli_check_server_url (command, url, &exit_code))
    return exit_code;

  if (opt_station == NULL)
    return kap_cli_usage_error (command, "%s", _("Missing --station CODE"));
  if (!kap_sync_station_code_is_valid (opt_station))
    /* Translators: %s is what was given as a station code. */
    return kap_cli_usage_error (command, _("“%s” is not a station code"), opt_station);

  context = kap_cli_context_open (KAP_STORE_OPEN_NONE, &exit_code);
  if (context == NULL)
    return exit_code;
  store = kap_context_get_store (context);
  forms = kap_context_get_forms (context);

  /* Forms pulled by an earlier sync are in the store already: records
   * captured with them must merge with their own form. */
  reference_store = kap_reference_open_store (store, TRUE, &error);
  if (reference_store == NULL || kap_reference_load_forms (reference_store, forms, NULL, &error) < 0)
    return kap_cli_report_error (error);

  user = g_strdup (opt_user);
  if (user == NULL)
    user = kap_cli_read_secret ("KAPIJA_USER", _("User name: "), FALSE);
  if (user == NULL || *user == '\0')
    return kap_cli_usage_error (command, "%s",
                                _("No user name: give --user, set KAPIJA_USER, or run in a terminal"));

  /* Only a supervisor syncs: said before the password is asked for (the
   * session checks it again). */
  if (!kap_cli_context_sign_in (context, user, TRUE, &error) ||
      !kap_context_check (context, KAP_RECORDS_ACTION_SYNC, &error))
    {
      kap_cli_message ("%s", error->message);
      return kap_cli_exit_code_for_sync_error (error);
    }

  password = kap_cli_read_secret ("KAPIJA_PASSWORD", _("Password: "), TRUE);
  if (password == NULL)
    return kap_cli_usage_error (command, "%s",
                                _("No password: set KAPIJA_PASSWORD or run in a terminal"));

  session = kap_sync_session_new (store, forms, kap_context_get_profile (context),
                                  url, opt_station, user, password);
  if (isatty (STDERR_FILENO))
    g_signal_connect (session, "progress", G_CALLBACK (progress_cb), NULL);

  summary = kap_sync_session_run (session, NULL, &error);
  if (summary == NULL)
    {
      kap_cli_forget_secret (password);
      kap_cli_message ("%s", error->message);
      return kap_cli_exit_code_for_sync_error (error);
    }

  kap_cli_forget_secret (password);

  kap_cli_print (_("Pushed: %u\n"), summary->replication.pushed);
  kap_cli_print (_("Pulled: %u\n"), summary->replication.pulled);
  kap_cli_print (_("Merged: %u\n"), summary->merged);
  kap_cli_print (_("Conflicts left: %u\n"), summary->conflicts);
  kap_cli_print (_("Rejected: %u\n"), summary->replication.rejected);
  kap_cli_print (_("Errors: %u\n"), summary->replication.errors);
  /* Translators: forms, code lists, services… from the national server. */
  kap_cli_print (_("Reference documents pulled: %u\n"), summary->reference);
  /* Translators: revisions of the server this laptop could not store. */
  kap_cli_print (_("Not taken from the server: %u\n"), summary->replication.not_taken);
  print_problems (&summary->replication);

  if (summary->reference_failed)
    {
      kap_cli_message ("%s", _("The forms and code lists could not be updated; the records were synchronised."));
      return KAP_CLI_EXIT_SYNC_FAILED;
    }

  /* Outstanding refusals and revisions not taken fail every run until
   * they are resolved, not only the run that met them. */
  if (summary->replication.rejected > 0 || summary->replication.errors > 0 ||
      summary->replication.not_taken > 0)
    return KAP_CLI_EXIT_SYNC_FAILED;
  if (summary->conflicts > 0)
    return KAP_CLI_EXIT_SYNC_CONFLICTS;

  return KAP_CLI_EXIT_OK;
}
