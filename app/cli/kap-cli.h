/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the files of kapija-cli, the headless tool.
 *
 * Exit codes (also listed in `kapija-cli --help`):
 *   0  success
 *   1  usage error (unknown command or option, wrong arguments)
 *   2  bad input (malformed JSON, invalid document, unreadable input file)
 *   3  not found (unknown document id or revision)
 *   4  conflict (the edit is based on a stale revision)
 *   5  store problem (missing store, not a Kapija store, corrupt, newer
 *      schema, locked, read-only, disk full, any other SQLite failure)
 *   6  `check` found problems in the store
 *   7  `sync` left conflicts for a supervisor
 *   8  the server refused the user name or password
 *   9  the server did not answer
 *  10  other sync or server errors (forbidden, server errors, malformed
 *      replies, no database, records the server rejected)
 */

#include <stdio.h>

#include "kap-context.h"
#include "kap-store.h"

G_BEGIN_DECLS

typedef enum
{
  KAP_CLI_EXIT_OK           = 0,
  KAP_CLI_EXIT_USAGE        = 1,
  KAP_CLI_EXIT_BAD_INPUT    = 2,
  KAP_CLI_EXIT_NOT_FOUND    = 3,
  KAP_CLI_EXIT_CONFLICT     = 4,
  KAP_CLI_EXIT_STORE        = 5,
  KAP_CLI_EXIT_CHECK_FAILED = 6,
  KAP_CLI_EXIT_SYNC_CONFLICTS = 7,
  KAP_CLI_EXIT_AUTH         = 8,
  KAP_CLI_EXIT_UNREACHABLE  = 9,
  KAP_CLI_EXIT_SYNC_FAILED  = 10,
  KAP_CLI_EXIT_NOT_PERMITTED = 11,  /* the laptop's profile may not do it */
} KapCliExit;

typedef struct _KapCliCommand KapCliCommand;

/* A command runs with argv[0] set to its name; it parses its own options
 * with kap_cli_command_parse() and returns a KapCliExit code. */
typedef int (*KapCliRunFunc) (const KapCliCommand  *command,
                              int                   argc,
                              char                **argv);

struct _KapCliCommand
{
  const char    *name;
  const char    *parameter_string;  /* N_(), after "[OPTION…]" in the usage line */
  const char    *summary;           /* N_(), one line, also in `kapija-cli --help` */
  const char    *description;       /* N_() or NULL, shown after the options */
  KapCliRunFunc  run;
};

/* kap-cli.c */
gboolean     kap_cli_command_parse        (const KapCliCommand  *command,
                                           const GOptionEntry   *entries,
                                           int                  *argc,
                                           char               ***argv,
                                           int                   min_args,
                                           int                   max_args);
int          kap_cli_usage_error          (const KapCliCommand  *command,
                                           const char           *format,
                                           ...) G_GNUC_PRINTF (2, 3);

/* kap-cli-store.c */
const GOptionEntry *kap_cli_store_option_entries (void);
const char  *kap_cli_store_path           (void);
KapStore    *kap_cli_store_open           (KapStoreOpenFlags     flags,
                                           int                  *exit_code);
/* The command's one context (core/kap-context.h): the store opened as
 * above and the shipped forms. */
KapContext  *kap_cli_context_open         (KapStoreOpenFlags     flags,
                                           int                  *exit_code);
/* Signs the laptop's profile in to @context: the one whose code is @code,
 * else, with @fall_back, the laptop's one supervisor profile; none, and
 * nobody is signed in (the records service refuses what needs a role).
 * FALSE only when the profiles cannot be read. */
gboolean     kap_cli_context_sign_in      (KapContext           *context,
                                           const char           *code,
                                           gboolean              fall_back,
                                           GError              **error);
int          kap_cli_exit_code_for_error  (const GError         *error);
int          kap_cli_report_error         (const GError         *error);
void         kap_cli_message              (const char           *format,
                                           ...) G_GNUC_PRINTF (1, 2);

/* kap-cli-io.c */
void         kap_cli_print                (const char           *format,
                                           ...) G_GNUC_PRINTF (1, 2);
/* Text that came from documents, a server or any other outside source,
 * for people to read (not JSON output): control characters (C0, DEL, C1)
 * and bidi controls as visible escapes (\x1b, \n, \u202e), a backslash
 * doubled, bytes that are not UTF-8 as \xNN. Every printing site passes
 * such text through it; kap_cli_message() does for its whole message. */
char        *kap_cli_escape               (const char           *text) G_GNUC_WARN_UNUSED_RESULT;
void         kap_cli_print_json_object    (JsonObject           *object);
char        *kap_cli_object_to_line       (JsonObject           *object) G_GNUC_WARN_UNUSED_RESULT;
char        *kap_cli_read_input           (const char           *path,
                                           gsize                *length,
                                           GError              **error) G_GNUC_WARN_UNUSED_RESULT;
FILE        *kap_cli_open_input           (const char           *path,
                                           GError              **error);
void         kap_cli_close_input          (FILE                 *input);

typedef struct _KapCliOutput KapCliOutput;
KapCliOutput *kap_cli_output_open         (const char           *path,
                                           GError              **error);
gboolean     kap_cli_output_write_line    (KapCliOutput         *output,
                                           const char           *line,
                                           GError              **error);
gboolean     kap_cli_output_commit        (KapCliOutput         *output,
                                           GError              **error);
void         kap_cli_output_free          (KapCliOutput         *output);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCliOutput, kap_cli_output_free)

/* kap-cli-sync.c: secrets come from @variable or the terminal (no echo
 * when @secret), never from the command line; NULL when neither has one. */
char        *kap_cli_read_secret          (const char           *variable,
                                           const char           *prompt,
                                           gboolean              secret) G_GNUC_WARN_UNUSED_RESULT;
void         kap_cli_forget_secret        (char                 *secret);
gboolean     kap_cli_check_server_url     (const KapCliCommand  *command,
                                           const char           *url,
                                           int                  *exit_code);
int          kap_cli_exit_code_for_sync_error (const GError     *error);

/* One run function per command, each in the file of its group. */
int          kap_cli_init                 (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_profile              (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_put                  (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_delete               (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_get                  (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_list                 (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_changes              (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_export               (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_import               (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_check                (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_sync                 (const KapCliCommand *command, int argc, char **argv);
int          kap_cli_server_setup         (const KapCliCommand *command, int argc, char **argv);

G_END_DECLS
