/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-cli-changes"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-cli.h"

/* `kapija-cli changes`: the changes feed as JSON lines. */

/* The feed is read in pages so that a large store is never held in memory
 * at once. */
#define PAGE_SIZE 1000

static void
print_change (const KapChange *change)
{
  g_autoptr(JsonObject) line = json_object_new ();
  JsonArray *leaves = json_array_new ();

  json_object_set_int_member (line, "seq", change->seq);
  json_object_set_string_member (line, "id", change->id);
  json_object_set_string_member (line, "rev", change->rev);
  if (change->deleted)
    json_object_set_boolean_member (line, "deleted", TRUE);
  for (guint i = 0; change->leaves != NULL && change->leaves[i] != NULL; i++)
    json_array_add_string_element (leaves, change->leaves[i]);
  json_object_set_array_member (line, "leaves", leaves);

  kap_cli_print_json_object (line);
}

int
kap_cli_changes (const KapCliCommand  *command,
                 int                   argc,
                 char                **argv)
{
  static gint64 opt_since;
  static int opt_limit;
  static const GOptionEntry entries[] = {
    { "since", 0, 0, G_OPTION_ARG_INT64, &opt_since, N_("Only changes after sequence SEQ"), N_("SEQ") },
    { "limit", 'n', 0, G_OPTION_ARG_INT, &opt_limit, N_("At most N changes"), N_("N") },
    { NULL }
  };
  g_autoptr(KapStore) store = NULL;
  g_autoptr(JsonObject) last = json_object_new ();
  gint64 last_seq;
  guint remaining;
  int exit_code;

  if (!kap_cli_command_parse (command, entries, &argc, &argv, 0, 0))
    return KAP_CLI_EXIT_USAGE;

  if (opt_since < 0)
    return kap_cli_usage_error (command, "%s", _("--since must not be negative"));
  if (opt_limit < 0)
    return kap_cli_usage_error (command, "%s", _("--limit must not be negative"));

  store = kap_cli_store_open (KAP_STORE_OPEN_READ_ONLY, &exit_code);
  if (store == NULL)
    return exit_code;

  /* Resuming with --since LAST_SEQ continues right after the last line. */
  last_seq = opt_since;
  remaining = opt_limit > 0 ? (guint) opt_limit : G_MAXUINT;

  while (remaining > 0)
    {
      g_autoptr(GPtrArray) changes = NULL;
      g_autoptr(GError) error = NULL;
      guint page = MIN (remaining, PAGE_SIZE);

      changes = kap_store_changes (store, last_seq, page, &error);
      if (changes == NULL)
        return kap_cli_report_error (error);

      for (guint i = 0; i < changes->len; i++)
        {
          const KapChange *change = g_ptr_array_index (changes, i);

          print_change (change);
          last_seq = change->seq;
        }

      if (opt_limit > 0)
        remaining -= changes->len;
      if (changes->len < page)
        break;
    }

  json_object_set_int_member (last, "last_seq", last_seq);
  kap_cli_print_json_object (last);

  return KAP_CLI_EXIT_OK;
}
