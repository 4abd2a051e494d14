/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-demo"

#include "config.h"

#include <stdio.h>

#include "kap-sync-rejections.h"
#include "sync-test-util.h"

/* Shows the window on one of the pages of ui/sync, for the screenshots
 * (build-aux/screenshots-sync.sh). Synthetic people only.
 *
 * Usage: kap-sync-demo STORE profiles|review|conflicts|records
 *        kap-sync-demo STORE sync URL USER PASSWORD
 * Prints "ready" once the page shows what it should. */

static KapProfile supervisor = { (char *) "OFF-017", (char *) "Milica Jovanović", KAP_ROLE_SUPERVISOR };

static char *
put (KapStore   *store,
     const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) document = kap_document_new_from_json (json, -1, &error);
  g_autofree char *rev = NULL;

  g_assert_no_error (error);
  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (document));
}

#define META "\"station\": \"RS-PRE\", \"created_by\": \"OFF-003\", \"updated_by\": \"OFF-003\", " \
             "\"created_at\": \"2026-11-27T09:30:00Z\", \"updated_at\": \"2026-11-27T09:30:00Z\""

static char *
put_person (KapStore   *store,
            const char *name,
            const char *status)
{
  g_autofree char *json = g_strdup_printf ("{\"type\": \"person\", \"form\": \"person@1\", \"status\": \"%s\", "
                                           "\"name_stated\": \"%s\", " META "}", status, name);

  return put (store, json);
}

static void
put_about (KapStore   *store,
           const char *type,
           const char *person,
           const char *status,
           const char *extra)
{
  g_autofree char *json = g_strdup_printf ("{\"type\": \"%s\", \"form\": \"%s@1\", \"status\": \"%s\", "
                                           "\"person_id\": \"%s\", %s" META "}",
                                           type, type, status, person, extra ? extra : "");

  g_free (put (store, json));
}

static void
fill_records (KapStore *store)
{
  const char *names[] = { "Arben Krasniqi", "Милица Јовановић", "أحمد الحسن", "Ayşe Yılmaz", "Dragan Petrović", NULL };

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *person = put_person (store, names[i], "final");

      put_about (store, "screening", person, i % 2 == 0 ? "final" : "draft",
                 i == 0 ? "\"priority\": \"P1\", \"age_years\": 34, \"sex\": \"M\", " : NULL);
      if (i == 2)
        put_about (store, "referral", person, "final", NULL);
    }
}

static KapDocument *
revision (const char *id,
          const char *json,
          const char *rev,
          const char *parent)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  const char *ancestry[] = { rev, parent, NULL };
  KapDocument *document;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  document = kap_document_new (id, json_node_get_object (json_parser_get_root (parser)));
  kap_document_set_rev (document, rev);
  kap_document_set_ancestry (document, ancestry);

  return document;
}

/* Two more conflicts for the screenshot: one whose common version is
 * not kept here (its base is "not known"), and one that the demo
 * resolves, to show it waiting for the next sync with Undo. Returns the
 * latter's id. */
static char *
fill_more_conflicts (KapStore   *store,
                     const char *person)
{
  g_autofree char *unknown = kap_document_generate_id ("screening");
  g_autofree char *resolved = kap_document_generate_id ("screening");
  g_autofree char *common = g_strdup_printf ("\"type\": \"screening\", \"form\": \"screening@1\", \"status\": \"final\", "
                                             "\"person_id\": \"%s\", \"station\": \"RS-PRE\", \"device\": \"d1\", "
                                             "\"created_by\": \"OFF-003\", \"created_at\": \"2026-11-22T09:30:00Z\", ", person);
  g_autofree char *a = g_strdup_printf ("{%s\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-22T10:00:00Z\", \"age_years\": 27}", common);
  g_autofree char *b = g_strdup_printf ("{%s\"updated_by\": \"OFF-021\", \"updated_at\": \"2026-11-22T11:00:00Z\", \"age_years\": 28}", common);
  g_autofree char *base = g_strdup_printf ("{%s\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-23T09:30:00Z\", \"sex\": \"UNK\"}", common);
  g_autofree char *c = g_strdup_printf ("{%s\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-23T10:00:00Z\", \"sex\": \"F\"}", common);
  g_autofree char *d = g_strdup_printf ("{%s\"updated_by\": \"OFF-021\", \"updated_at\": \"2026-11-23T11:00:00Z\", \"sex\": \"M\"}", common);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  /* No common version: two histories that share nothing kept here. */
  g_ptr_array_add (batch, revision (unknown, a, "1-cccccccccccccccccccccccccccccccc", NULL));
  g_ptr_array_add (batch, revision (unknown, b, "1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL));
  g_ptr_array_add (batch, revision (resolved, base, "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL));
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_true (kap_store_mark_base (store, resolved, "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &error));
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, revision (resolved, c, "2-cccccccccccccccccccccccccccccccc", "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  g_ptr_array_add (batch, revision (resolved, d, "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&resolved);
}

static char *
fill_conflicts (KapStore *store)
{
  g_autofree char *person = put_person (store, "Arben Krasniqi", "final");
  g_autofree char *other = put_person (store, "Ayşe Yılmaz", "final");
  g_autofree char *id = kap_document_generate_id ("screening");
  g_autofree char *common = g_strdup_printf ("\"type\": \"screening\", \"form\": \"screening@1\", \"status\": \"final\", "
                                             "\"person_id\": \"%s\", \"station\": \"RS-PRE\", \"device\": \"d1\", "
                                             "\"created_by\": \"OFF-003\", \"created_at\": \"2026-11-20T09:30:00Z\", "
                                             "\"interpreter_used\": true, ", person);
  g_autofree char *base = g_strdup_printf ("{%s\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-20T09:30:00Z\", "
                                           "\"interpreter_id\": \"Ayşe Yılmaz\", \"sex\": \"UNK\", \"age_years\": 30, "
                                           "\"interview_language\": \"sqi\"}", common);
  g_autofree char *laptop = g_strdup_printf ("{%s\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-21T10:00:00Z\", "
                                             "\"interpreter_id\": \"Ayşe Yılmaz-Demir\", \"sex\": \"F\", \"age_years\": 31, "
                                             "\"asylum_intention\": true, \"interview_language\": \"srp\"}", common);
  g_autofree char *server = g_strdup_printf ("{%s\"updated_by\": \"OFF-021\", \"updated_at\": \"2026-11-21T11:00:00Z\", "
                                             "\"interpreter_id\": \"Ayşe Demir\", \"sex\": \"M\", \"age_years\": 32, "
                                             "\"asylum_intention\": false, \"interview_language\": \"arb\"}", common);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) rejected = json_object_new ();
  JsonObject *entry = json_object_new ();

  g_ptr_array_add (batch, revision (id, base, "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL));
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_true (kap_store_mark_base (store, id, "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", &error));
  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, revision (id, laptop, "2-cccccccccccccccccccccccccccccccc", "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  g_ptr_array_add (batch, revision (id, server, "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"));
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_no_error (error);

  json_object_set_string_member (entry, "rev", "1-x");
  json_object_set_string_member (entry, "reason", "Only a supervisor may mark a record reviewed");
  json_object_set_object_member (rejected, other, entry);
  g_assert_true (kap_sync_rejections_update (store, rejected, NULL, &error));

  return fill_more_conflicts (store, other);
}

static void
sync_finished_cb (KapSyncPage *page)
{
  printf ("ready\n");
  fflush (stdout);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapFormRegistry) forms = NULL;
  g_autoptr(KapContext) context = NULL;
  g_autofree char *to_resolve = NULL;
  const char *state;
  KapWindow *window;

  if (argc < 3 || (g_str_equal (argv[2], "sync") && argc < 6))
    {
      fprintf (stderr, "Usage: %s STORE profiles|review|conflicts|records|sync [URL USER PASSWORD]\n", argv[0]);
      return 2;
    }
  state = argv[2];

  gtk_init ();
  adw_init ();

  store = kap_store_open (argv[1], KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  forms = kap_form_registry_new ();
  g_assert_true (kap_form_registry_load_builtin (forms, &error));
  settings = g_settings_new (APP_ID);
  g_settings_set_string (settings, "station-code", "RS-PRE");

  sync_save_profile (store, "OFF-003", "Arben Krasniqi", KAP_ROLE_OFFICER);
  sync_save_profile (store, "OFF-017", "Milica Jovanović", KAP_ROLE_SUPERVISOR);
  sync_save_profile (store, "OFF-021", "أحمد الحسن", KAP_ROLE_OFFICER);
  g_settings_set_string (settings, "last-profile", "OFF-017");

  if (g_str_equal (state, "conflicts"))
    to_resolve = fill_conflicts (store);
  else if (!g_str_equal (state, "profiles"))
    fill_records (store);

  context = kap_context_new (store, forms, settings);
  window = g_object_new (KAP_TYPE_WINDOW, "context", context, "ask-profile", TRUE, NULL);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));

  if (!g_str_equal (state, "profiles"))
    kap_window_set_profile (window, &supervisor);

  if (g_str_equal (state, "review"))
    gtk_widget_activate_action (GTK_WIDGET (window), "win.review", NULL);
  else if (g_str_equal (state, "records"))
    {
      kap_window_network_changed (window, FALSE);
      kap_window_network_changed (window, TRUE);
    }
  else if (g_str_equal (state, "conflicts"))
    {
      KapConflictsPage *page;
      g_autoptr(GPtrArray) sex = NULL;
      g_autoptr(GPtrArray) asylum = NULL;

      gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL);
      page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
      /* One resolved already (this laptop's sides), waiting for a sync. */
      for (guint i = 0; i < kap_conflicts_page_get_n_conflicts (page); i++)
        if (g_str_equal (kap_conflicts_page_get_conflict (page, i)->id, to_resolve))
          {
            g_autoptr(GPtrArray) sides = kap_ui_test_find_all (kap_conflicts_page_get_clash_row (page, i, "sex"),
                                                               GTK_TYPE_TOGGLE_BUTTON);

            gtk_toggle_button_set_active (g_ptr_array_index (sides, 1), TRUE);
            g_signal_emit_by_name (kap_ui_test_find_button (kap_conflicts_page_get_group (page, i), "_Apply"),
                                   "clicked");
            break;
          }
      /* Half decided, as a supervisor in the middle of it: the server's
       * sex, this laptop's asylum answer (the sides are base, this
       * laptop, server). */
      sex = kap_ui_test_find_all (kap_conflicts_page_get_clash_row (page, 0, "sex"), GTK_TYPE_TOGGLE_BUTTON);
      asylum = kap_ui_test_find_all (kap_conflicts_page_get_clash_row (page, 0, "asylum_intention"),
                                     GTK_TYPE_TOGGLE_BUTTON);
      gtk_toggle_button_set_active (g_ptr_array_index (sex, 2), TRUE);
      gtk_toggle_button_set_active (g_ptr_array_index (asylum, 1), TRUE);
    }
  else if (g_str_equal (state, "sync"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "win.sync", NULL);
      sync_type (sync_row (kap_window_get_page (window, "sync"), "Server _Address"), argv[3]);
      sync_type (sync_row (kap_window_get_page (window, "sync"), "_User Name"), argv[4]);
      sync_type (sync_row (kap_window_get_page (window, "sync"), "_Password"), argv[5]);
      g_signal_connect (KAP_SYNC_PAGE (kap_window_get_page (window, "sync")), "finished", G_CALLBACK (sync_finished_cb), NULL);
      kap_sync_page_start (KAP_SYNC_PAGE (kap_window_get_page (window, "sync")));
    }

  if (!g_str_equal (state, "sync"))
    {
      sync_wait_mapped (GTK_WIDGET (window));
      printf ("ready\n");
      fflush (stdout);
    }

  while (TRUE)
    g_main_context_iteration (NULL, TRUE);

  return 0;
}
