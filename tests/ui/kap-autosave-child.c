/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-autosave-child"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "form-test-util.h"

/* The program test-autosave-crash kills: it shows a record editor for a
 * new screening on the test's display, fills the first STEPS answers by
 * driving the widgets, and then
 *   ack     prints "ack ID" once the editor reports the answers saved;
 *   typed   prints "typed" at once, before the editor's own timer has
 *           saved anything, then "saved ID" when that timer has written
 *           the draft (the test kills it at that line).
 * Then it waits to be killed. It never calls save_now(): what it proves
 * is that autosave alone keeps the answers. No time limit here: a hang
 * is the test's timeout.
 *
 * Usage: kap-autosave-child STORE STEPS ack|typed */

/* Saved: nothing waits to be written, and the draft is in the store. */
static void
wait_saved (KapRecordEditor *editor)
{
  while (!kap_record_editor_get_saved (editor) ||
         kap_document_get_rev (kap_record_editor_get_record (editor)) == NULL)
    g_main_context_iteration (NULL, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapFormRegistry) forms = NULL;
  g_autoptr(KapDocument) record = NULL;
  g_autoptr(GMainLoop) loop = NULL;
  KapRecordAuthor author = { "OFF-07", "RS-PRE", NULL };
  KapRecordEditor *editor;
  guint steps;

  if (argc != 4)
    {
      fprintf (stderr, "Usage: %s STORE STEPS ack|typed\n", argv[0]);
      return 2;
    }

  gtk_init ();
  adw_init ();

  store = kap_store_open (argv[1], KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  forms = kap_form_registry_new ();
  kap_form_registry_load_builtin (forms, &error);
  g_assert_no_error (error);
  author.device = kap_store_get_device_id (store);

  record = kap_record_new (kap_form_registry_get_latest (forms, "screening"), &author, NULL);
  editor = KAP_RECORD_EDITOR (kap_record_editor_new (store, forms, record, &author));
  form_test_show (GTK_WIDGET (editor), 800, 900);

  steps = (guint) g_ascii_strtoull (argv[2], NULL, 10);
  form_test_fill_screening (kap_record_editor_get_view (editor), steps);

  if (g_str_equal (argv[3], "ack"))
    {
      wait_saved (editor);
      printf ("ack %s\n", kap_document_get_id (kap_record_editor_get_record (editor)));
    }
  else
    {
      printf ("typed\n");
      fflush (stdout);
      wait_saved (editor);
      printf ("saved %s\n", kap_document_get_id (kap_record_editor_get_record (editor)));
    }
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_main_loop_run (loop);

  return 0;
}
