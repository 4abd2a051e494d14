/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-conflicts-page"

#include "config.h"

#include "kap-sync-rejections.h"
#include "sync-test-util.h"

#define REV_BASE   "1-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
#define REV_LAPTOP "2-cccccccccccccccccccccccccccccccc"
#define REV_SERVER "2-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);

  return json_object_ref (json_node_get_object (json_parser_get_root (parser)));
}

static KapDocument *
revision (const char *id,
          const char *json,
          const char *rev,
          const char *parent)
{
  g_autoptr(JsonObject) body = parse_object (json);
  KapDocument *document = kap_document_new (id, body);
  const char *ancestry[] = { rev, parent, NULL };

  kap_document_set_rev (document, rev);
  kap_document_set_ancestry (document, ancestry);

  return document;
}

#define COMMON "\"type\": \"screening\", \"form\": \"screening@1\", \"status\": \"draft\", " \
               "\"station\": \"RS-PRE\", \"device\": \"d1\", \"created_by\": \"OFF-003\", " \
               "\"created_at\": \"2026-11-20T09:30:00Z\", \"interpreter_used\": true, "

/* A real clash: a base both sides had (marked as the merge base, as a
 * sync marks it), then two branches that changed the same answers. */
static char *
make_clash (KapStore *store)
{
  g_autofree char *id = kap_document_generate_id ("screening");
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-20T09:30:00Z\", "
                                    "\"interpreter_id\": \"Ayşe Yılmaz\", \"sex\": \"UNK\", "
                                    "\"age_years\": 30}",
                                    REV_BASE, NULL));
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_no_error (error);
  g_assert_true (kap_store_mark_base (store, id, REV_BASE, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-21T10:00:00Z\", "
                                    "\"interpreter_id\": \"Ayşe Yılmaz-Demir\", \"sex\": \"F\", "
                                    "\"asylum_intention\": true, \"age_years\": 31}",
                                    REV_LAPTOP, REV_BASE));
  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-021\", \"updated_at\": \"2026-11-21T11:00:00Z\", "
                                    "\"interpreter_id\": \"Ayşe Demir\", \"sex\": \"M\", "
                                    "\"asylum_intention\": false, \"age_years\": 32, \"no_documents\": true}",
                                    REV_SERVER, REV_BASE));
  g_assert_true (kap_store_insert_revisions (store, batch, &error));
  g_assert_no_error (error);

  return g_steal_pointer (&id);
}

/* One clashing answer on the page, as the supervisor sees it: its row,
 * the sides as buttons (base, this laptop, server; a whole record
 * deleted on one side has no base: NULL), the other value's button and
 * the "_Other Value…" menu button of an answer the form edits (else
 * NULL), with the form's row for the field in its popover. */
typedef struct
{
  GtkWidget       *row;
  GtkToggleButton *buttons[3];
  GtkToggleButton *edited_button;
  GtkWidget       *edit_button;
} Clash;

static Clash
find_clash (KapConflictsPage *page,
            guint             index,
            const char       *path)
{
  g_autoptr(GPtrArray) toggles = NULL;
  Clash clash = { NULL, };
  guint side = path[0] == '\0' ? 1 : 0;

  clash.row = kap_conflicts_page_get_clash_row (page, index, path);
  g_assert_nonnull (clash.row);
  toggles = kap_ui_test_find_all (clash.row, GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < toggles->len; i++)
    {
      GtkWidget *toggle = g_ptr_array_index (toggles, i);

      /* A menu button's own toggle is not a side, nor is what its
       * popover holds (the form's own row for the field). */
      if (GTK_IS_MENU_BUTTON (gtk_widget_get_parent (toggle)) ||
          gtk_widget_get_ancestor (toggle, GTK_TYPE_POPOVER) != NULL)
        continue;
      if (side < 3)
        clash.buttons[side++] = GTK_TOGGLE_BUTTON (toggle);
      else
        clash.edited_button = GTK_TOGGLE_BUTTON (toggle);
    }
  g_assert_cmpuint (side, ==, 3);
  clash.edit_button = kap_ui_test_find (clash.row, GTK_TYPE_MENU_BUTTON);

  return clash;
}

/* The field's label, first in the row. */
static const char *
clash_field_label (Clash *clash)
{
  return gtk_label_get_text (GTK_LABEL (kap_ui_test_find (clash->row, GTK_TYPE_LABEL)));
}

/* A side's value, under the side's name. */
static const char *
button_value (GtkToggleButton *button)
{
  g_autoptr(GPtrArray) labels = kap_ui_test_find_all (GTK_WIDGET (button), GTK_TYPE_LABEL);

  g_assert_cmpuint (labels->len, ==, 2);
  return gtk_label_get_text (g_ptr_array_index (labels, 1));
}

/* The rows of conflict @index, one per clashing answer (not the rows of
 * the form in the "Other Value…" popovers). */
static GPtrArray *
clash_rows (KapConflictsPage *page,
            guint             index)
{
  GPtrArray *rows = kap_ui_test_find_all (kap_conflicts_page_get_group (page, index), GTK_TYPE_LIST_BOX_ROW);

  for (guint i = rows->len; i > 0; i--)
    if (gtk_widget_get_ancestor (g_ptr_array_index (rows, i - 1), GTK_TYPE_POPOVER) != NULL)
      g_ptr_array_remove_index (rows, i - 1);
  return rows;
}

/* How many answers clash in conflict @index: one row each. */
static guint
n_clashes (KapConflictsPage *page,
           guint             index)
{
  g_autoptr(GPtrArray) rows = clash_rows (page, index);

  return rows->len;
}

static GtkWidget *
apply_button (KapConflictsPage *page,
              guint             index)
{
  GtkWidget *button = kap_ui_test_find_button (kap_conflicts_page_get_group (page, index), "_Apply");

  g_assert_nonnull (button);
  return button;
}

/* Enters @text in the form's row for the field in the "_Other Value…"
 * popover, as a person types it; returns whether "_Use This Value"
 * takes it (the form finds nothing wrong) and, if so, uses it. */
static gboolean
other_value (Clash      *clash,
             const char *text)
{
  GtkWidget *popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (clash->edit_button)));
  GtkWidget *entry = kap_ui_test_find (popover, ADW_TYPE_ENTRY_ROW);
  GtkWidget *use = kap_ui_test_find_button (popover, "_Use This Value");

  g_assert_nonnull (entry);
  g_assert_nonnull (use);
  gtk_menu_button_popup (GTK_MENU_BUTTON (clash->edit_button));
  sync_type (entry, text);
  sync_spin ();
  if (!gtk_widget_get_sensitive (use))
    return FALSE;
  sync_click (use);
  g_assert_false (gtk_widget_get_visible (popover));
  return TRUE;
}

static void
test_conflicts_apply (SyncFixture   *fixture,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) leaves = NULL;
  g_autoptr(KapDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  Clash sex, asylum, interpreter;
  KapConflictsPage *page;
  const KapConflict *conflict;
  gboolean laptop_is_ours;
  JsonObject *body;
  guint live = 0;
  KapWindow *window;

  id = make_clash (fixture->store);

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();
  g_assert_cmpstr (kap_window_get_visible_page_name (window), ==, "conflicts");

  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "list");
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 1);
  conflict = kap_conflicts_page_get_conflict (page, 0);
  g_assert_cmpstr (conflict->id, ==, id);
  laptop_is_ours = g_str_equal (kap_document_get_rev (conflict->ours), REV_LAPTOP);
  g_assert_true (laptop_is_ours || g_str_equal (kap_document_get_rev (conflict->theirs), REV_LAPTOP));

  /* The asylum question was answered differently on each side, and the
   * age changed on both (31 against 32): clashes as well; no_documents
   * only on the server side: merged, no row. */
  g_assert_cmpuint (n_clashes (page, 0), ==, 4);

  /* The form's labels and human values, not JSON. */
  sex = find_clash (page, 0, "sex");
  g_assert_cmpstr (clash_field_label (&sex), ==, "Sex");
  g_assert_cmpstr (button_value (sex.buttons[0]), ==, "Not stated");
  g_assert_cmpstr (button_value (sex.buttons[1]), ==, laptop_is_ours ? "Female" : "Male");
  g_assert_cmpstr (button_value (sex.buttons[2]), ==, laptop_is_ours ? "Male" : "Female");
  /* A choice field offers its other choices. */
  g_assert_nonnull (sex.edit_button);

  asylum = find_clash (page, 0, "asylum_intention");
  g_assert_cmpstr (clash_field_label (&asylum), ==, "Does the person want to seek asylum?");
  g_assert_cmpstr (button_value (asylum.buttons[0]), ==, "Not answered");
  g_assert_cmpstr (button_value (asylum.buttons[laptop_is_ours ? 1 : 2]), ==, "Yes");
  g_assert_cmpstr (button_value (asylum.buttons[laptop_is_ours ? 2 : 1]), ==, "No");

  interpreter = find_clash (page, 0, "interpreter_id");
  g_assert_cmpstr (clash_field_label (&interpreter), ==, "Interpreter");
  g_assert_cmpstr (button_value (interpreter.buttons[0]), ==, "Ayşe Yılmaz");
  g_assert_nonnull (interpreter.edit_button);

  /* Nothing chosen yet: Apply waits. */
  g_assert_false (gtk_widget_get_sensitive (apply_button (page, 0)));

  /* Server for the sex, this laptop for the asylum question, the base for
   * the age, and a typed value for the interpreter. */
  gtk_toggle_button_set_active (sex.buttons[laptop_is_ours ? 2 : 1], TRUE);
  gtk_toggle_button_set_active (asylum.buttons[laptop_is_ours ? 1 : 2], TRUE);
  gtk_toggle_button_set_active (find_clash (page, 0, "age_years").buttons[0], TRUE);
  g_assert_false (gtk_widget_get_sensitive (apply_button (page, 0)));
  other_value (&interpreter, "Ayşe Yılmaz Demir");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (interpreter.edited_button)));
  g_assert_true (gtk_toggle_button_get_active (interpreter.edited_button));
  g_assert_true (gtk_widget_get_sensitive (apply_button (page, 0)));

  sync_click (apply_button (page, 0));

  /* One live leaf, with the choices, signed by the supervisor. */
  leaves = kap_store_get_leaves (fixture->store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < leaves->len; i++)
    if (!((KapLeaf *) g_ptr_array_index (leaves, i))->deleted)
      live++;
  g_assert_cmpuint (live, ==, 1);

  merged = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  body = kap_document_get_body (merged);
  g_assert_cmpstr (json_object_get_string_member (body, "sex"), ==, "M");
  g_assert_true (json_object_get_boolean_member (body, "asylum_intention"));
  g_assert_cmpint (json_object_get_int_member (body, "age_years"), ==, 30);
  g_assert_cmpstr (json_object_get_string_member (body, "interpreter_id"), ==, "Ayşe Yılmaz Demir");
  g_assert_true (json_object_get_boolean_member (body, "no_documents"));
  g_assert_cmpstr (json_object_get_string_member (body, "updated_by"), ==, "OFF-017");

  /* The queue is empty now; the resolution waits for a sync, with Undo. */
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 0);
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "list");
  g_assert_nonnull (kap_ui_test_find_button (GTK_WIDGET (page), "_Undo"));

  sync_window_destroy (window);
}

/* Every Apply signs the resolution with the signed-in supervisor and
 * keeps that author, byte for byte, for the next one: reloading the
 * queue after an Apply once copied the page's own strings after freeing
 * them. Two conflicts, applied one after the other. */
static void
test_conflicts_apply_author (SyncFixture   *fixture,
                             gconstpointer  data)
{
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  const char *ids[2];
  KapConflictsPage *page;
  KapWindow *window;

  first = make_clash (fixture->store);
  second = make_clash (fixture->store);
  ids[0] = first;
  ids[1] = second;
  g_settings_set_string (fixture->settings, "station-code", "MK-TAB");

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();
  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 2);
  g_assert_cmpstr (kap_conflicts_page_get_author (page).officer, ==, "OFF-017");
  g_assert_cmpstr (kap_conflicts_page_get_author (page).station, ==, "MK-TAB");

  for (guint n = 0; n < 2; n++)
    {
      g_autoptr(KapDocument) resolved = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup (kap_conflicts_page_get_conflict (page, 0)->id);
      g_autoptr(GPtrArray) rows = clash_rows (page, 0);

      g_assert_true (g_strcmp0 (id, ids[0]) == 0 || g_strcmp0 (id, ids[1]) == 0);
      /* This laptop's side of every answer: the second button of each row. */
      for (guint i = 0; i < rows->len; i++)
        {
          g_autoptr(GPtrArray) sides = kap_ui_test_find_all (g_ptr_array_index (rows, i), GTK_TYPE_TOGGLE_BUTTON);

          gtk_toggle_button_set_active (g_ptr_array_index (sides, 1), TRUE);
        }
      sync_click (apply_button (page, 0));
      g_assert_null (kap_conflicts_page_get_error_text (page));

      resolved = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (resolved), "updated_by"), ==, "OFF-017");
      g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (resolved), "station"), ==, "RS-PRE");

      /* The author kept for the next Apply. */
      g_assert_cmpstr (kap_conflicts_page_get_author (page).officer, ==, "OFF-017");
      g_assert_cmpstr (kap_conflicts_page_get_author (page).station, ==, "MK-TAB");
      g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 1 - n);
    }
  /* Both wait for the next sync, each with its Undo. */
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "list");
  {
    g_autoptr(GPtrArray) undo = kap_ui_test_find_all (GTK_WIDGET (kap_ui_test_find_group (GTK_WIDGET (page),
                                                                                          "Resolved on This Laptop")),
                                                      ADW_TYPE_ACTION_ROW);

    g_assert_cmpuint (undo->len, ==, 2);
  }

  sync_window_destroy (window);
}

/* Deleted on the server while this laptop changed the record: the page
 * shows the whole record's clash as “Deleted on the server” against the
 * changed version's answers, and Keep Deletion deletes the record. */
static void
test_conflicts_deletion (SyncFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(KapDocument) deleted = NULL;
  g_autoptr(KapDocument) read = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = kap_document_generate_id ("screening");
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  Clash whole;
  KapConflictsPage *page;
  const KapConflict *conflict;
  KapWindow *window;
  const char *kept, *gone;

  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-20T09:30:00Z\", "
                                    "\"interpreter_id\": \"Ayşe Yılmaz\", \"sex\": \"UNK\"}",
                                    REV_BASE, NULL));
  g_assert_true (kap_store_insert_revisions (fixture->store, batch, &error));
  g_assert_no_error (error);
  g_assert_true (kap_store_mark_base (fixture->store, id, REV_BASE, &error));
  g_assert_no_error (error);

  g_ptr_array_set_size (batch, 0);
  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-21T10:00:00Z\", "
                                    "\"interpreter_id\": \"Ayşe Yılmaz\", \"sex\": \"F\", "
                                    "\"person_id\": \"person:0190a1b2-0000-7000-8000-00000000beef\", "
                                    "\"carried\": {\"sex\": {\"from\": \"registration-marker\"}}}",
                                    REV_LAPTOP, REV_BASE));
  deleted = revision (id, "{\"type\": \"screening\"}", REV_SERVER, REV_BASE);
  kap_document_set_deleted (deleted, TRUE);
  g_ptr_array_add (batch, g_object_ref (deleted));
  g_assert_true (kap_store_insert_revisions (fixture->store, batch, &error));
  g_assert_no_error (error);

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();

  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "list");
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 1);
  conflict = kap_conflicts_page_get_conflict (page, 0);
  g_assert_cmpstr (conflict->id, ==, id);
  g_assert_cmpuint (n_clashes (page, 0), ==, 1);

  /* One choice for the whole record: no base, the deletion and the
   * changed version's answers in the form's words. */
  whole = find_clash (page, 0, "");
  g_assert_null (whole.buttons[0]);
  g_assert_null (whole.edit_button);
  {
    g_assert_cmpstr (clash_field_label (&whole), ==, "The whole record");
  }
  if (kap_document_get_deleted (conflict->ours))
    {
      gone = button_value (whole.buttons[1]);
      kept = button_value (whole.buttons[2]);
      g_assert_cmpstr (gone, ==, "Deleted on this laptop");
    }
  else
    {
      kept = button_value (whole.buttons[1]);
      gone = button_value (whole.buttons[2]);
      g_assert_cmpstr (gone, ==, "Deleted on the server");
    }
  g_assert_true (g_str_has_prefix (kept, "Changed on "));
  g_assert_nonnull (strstr (kept, "Sex: Female"));
  g_assert_nonnull (strstr (kept, "Interpreter: Ayşe Yılmaz"));
  /* Metadata says nothing about the person. */
  g_assert_null (strstr (kept, "OFF-003"));
  g_assert_null (strstr (kept, "{"));
  /* Nor do the link to the person and the notes of carried answers. */
  g_assert_null (strstr (kept, "beef"));
  g_assert_null (strstr (kept, "registration-marker"));

  g_assert_false (gtk_widget_get_sensitive (apply_button (page, 0)));
  {
    GtkToggleButton *keep_deletion = kap_document_get_deleted (conflict->ours)
                                     ? whole.buttons[1] : whole.buttons[2];
    const char *side = gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (
                                           gtk_button_get_child (GTK_BUTTON (keep_deletion)))));

    g_assert_cmpstr (side, ==, "Keep Deletion");
    gtk_toggle_button_set_active (keep_deletion, TRUE);
  }
  g_assert_true (gtk_widget_get_sensitive (apply_button (page, 0)));
  sync_click (apply_button (page, 0));

  /* The record is gone and the queue is empty. */
  read = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_assert_null (read);
  g_clear_error (&error);
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 0);
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "empty");
  {
    g_autoptr(GPtrArray) conflicted = kap_store_get_conflicted (fixture->store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (conflicted->len, ==, 0);
  }

  sync_window_destroy (window);
}

static void
test_conflicts_rejected (SyncFixture   *fixture,
                         gconstpointer  data)
{
  g_autoptr(JsonObject) rejected = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *station_id = NULL;
  g_autofree char *large_id = NULL;
  g_autofree char *json = NULL;
  g_autoptr(GPtrArray) rejected_rows = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapConflictsPage *page;
  KapWindow *window;

  station_id = sync_put_record (fixture->store, "person", "person@1", "final", "Милица Јовановић");
  large_id = sync_put_record (fixture->store, "person", "person@1", "final", "Arben Krasniqi");
  json = g_strdup_printf ("{\"%s\": {\"rev\": \"1-x\", \"reason\": \"wrong station for this database\"},"
                          " \"%s\": {\"rev\": \"1-y\", \"reason\": \"the document is too large\"}}",
                          station_id, large_id);
  rejected = parse_object (json);
  g_assert_true (kap_sync_rejections_update (fixture->store, rejected, NULL, &error));
  g_assert_no_error (error);

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL);
  sync_spin ();
  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "list");
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 0);
  rejected_rows = kap_ui_test_find_all (GTK_WIDGET (kap_ui_test_find_group (GTK_WIDGET (page), "Rejected by the Server")),
                                        ADW_TYPE_ACTION_ROW);
  g_assert_cmpuint (rejected_rows->len, ==, 2);

  for (guint i = 0; i < rejected_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (rejected_rows, i);
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
      const char *subtitle = adw_action_row_get_subtitle (row);

      if (g_str_has_suffix (title, "Милица Јовановић"))
        {
          g_assert_nonnull (strstr (subtitle, "wrong station for this database"));
          g_assert_nonnull (strstr (subtitle, "Ask the server administrator"));
        }
      else
        {
          g_assert_true (g_str_has_suffix (title, "Arben Krasniqi"));
          g_assert_nonnull (strstr (subtitle, "the document is too large"));
          g_assert_nonnull (strstr (subtitle, "Correct the record and sync again"));
        }
    }

  sync_window_destroy (window);
}

static void
test_value_labels (SyncFixture   *fixture,
                   gconstpointer  data)
{
  KapForm *form = kap_form_registry_lookup (fixture->forms, "return_interest@1");
  g_autoptr(JsonObject) body = parse_object ("{\"family_members\": [{\"item_id\": \"01\", \"member_name\": \"A\"},"
                                             " {\"item_id\": \"02\", \"member_name\": \"B\"}]}");
  g_autoptr(JsonNode) yes = json_from_string ("true", NULL);
  g_autofree char *label = NULL;
  g_autofree char *item = NULL;
  g_autofree char *whole = NULL;
  g_autofree char *value = NULL;
  g_autofree char *deleted = NULL;
  g_autofree char *absent = NULL;

  g_assert_nonnull (form);
  label = kap_sync_path_label (form, "family_members[item 02].member_name", body);
  g_assert_cmpstr (label, ==, "Family members returning together · Item 2 · Name");
  item = kap_sync_path_label (form, "family_members[item 01]", body);
  g_assert_cmpstr (item, ==, "Family members returning together · Item 1");
  whole = kap_sync_path_label (form, "", body);
  g_assert_cmpstr (whole, ==, "The whole record");

  value = kap_sync_value_to_text (kap_form_registry_lookup (fixture->forms, "screening@1"), "asylum_intention", yes);
  g_assert_cmpstr (value, ==, "Yes");
  deleted = kap_sync_value_to_text (form, "", NULL);
  g_assert_cmpstr (deleted, ==, "Deleted");
  absent = kap_sync_value_to_text (form, "family_members[item 01].member_name", NULL);
  g_assert_cmpstr (absent, ==, "Not answered");
}

/* The two sides share no version this laptop keeps: the base is said to
 * be unknown, not "not answered", and cannot be chosen. */
static void
test_conflicts_unknown_base (SyncFixture   *fixture,
                             gconstpointer  data)
{
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *id = kap_document_generate_id ("screening");
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapConflictsPage *page;
  KapWindow *window;
  Clash sex;

  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-003\", \"updated_at\": \"2026-11-21T10:00:00Z\", "
                                    "\"sex\": \"F\"}",
                                    "1-cccccccccccccccccccccccccccccccc", NULL));
  g_ptr_array_add (batch, revision (id,
                                    "{" COMMON "\"updated_by\": \"OFF-021\", \"updated_at\": \"2026-11-21T11:00:00Z\", "
                                    "\"sex\": \"M\"}",
                                    "1-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb", NULL));
  g_assert_true (kap_store_insert_revisions (fixture->store, batch, &error));
  g_assert_no_error (error);

  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();
  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 1);
  g_assert_null (kap_conflicts_page_get_conflict (page, 0)->base);

  sex = find_clash (page, 0, "sex");
  g_assert_cmpstr (button_value (sex.buttons[0]), ==, "Not known (the common version is not on this laptop)");
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (sex.buttons[0])));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (sex.buttons[1])));

  sync_window_destroy (window);
}

/* "Other Value…" uses the form's own row: a number is checked as the
 * form checks it (not a number, or out of its range, is not taken), and
 * a choice field picks from its choices; both are written. */
static void
test_conflicts_other_value (SyncFixture   *fixture,
                            gconstpointer  data)
{
  g_autoptr(KapDocument) merged = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapConflictsPage *page;
  KapWindow *window;
  Clash age, sex;
  GtkWidget *popover, *use;
  g_autoptr(GPtrArray) choices = NULL;
  GtkToggleButton *not_stated = NULL;

  id = make_clash (fixture->store);
  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();
  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));

  age = find_clash (page, 0, "age_years");
  g_assert_nonnull (age.edit_button);
  g_assert_false (other_value (&age, "thirty"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (age.edited_button)));
  g_assert_false (other_value (&age, "-4"));
  g_assert_true (other_value (&age, "33"));
  g_assert_true (gtk_toggle_button_get_active (age.edited_button));
  g_assert_cmpstr (button_value (age.edited_button), ==, "33");

  /* The sex from its choices: “Not stated”, in the popover's row. */
  sex = find_clash (page, 0, "sex");
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (sex.edit_button)));
  gtk_menu_button_popup (GTK_MENU_BUTTON (sex.edit_button));
  choices = kap_ui_test_find_all (popover, GTK_TYPE_TOGGLE_BUTTON);
  for (guint i = 0; i < choices->len; i++)
    {
      GtkWidget *label = kap_ui_test_find (g_ptr_array_index (choices, i), GTK_TYPE_LABEL);
      const char *text = label != NULL ? gtk_label_get_text (GTK_LABEL (label))
                                       : gtk_button_get_label (g_ptr_array_index (choices, i));

      if (g_strcmp0 (text, "Not stated") == 0)
        not_stated = g_ptr_array_index (choices, i);
    }
  g_assert_nonnull (not_stated);
  gtk_toggle_button_set_active (not_stated, TRUE);
  use = kap_ui_test_find_button (popover, "_Use This Value");
  sync_click (use);
  g_assert_cmpstr (button_value (sex.edited_button), ==, "Not stated");

  gtk_toggle_button_set_active (find_clash (page, 0, "asylum_intention").buttons[1], TRUE);
  gtk_toggle_button_set_active (find_clash (page, 0, "interpreter_id").buttons[2], TRUE);
  sync_click (apply_button (page, 0));
  g_assert_null (kap_conflicts_page_get_error_text (page));

  merged = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_object_get_int_member (kap_document_get_body (merged), "age_years"), ==, 33);
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (merged), "sex"), ==, "UNK");

  sync_window_destroy (window);
}

static guint
live_leaves (KapStore   *store,
             const char *id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leaves = kap_store_get_leaves (store, id, &error);
  guint live = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < leaves->len; i++)
    live += !((KapLeaf *) g_ptr_array_index (leaves, i))->deleted;
  return live;
}

static void
choose_ours (KapConflictsPage *page)
{
  g_autoptr(GPtrArray) rows = clash_rows (page, 0);

  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr(GPtrArray) sides = kap_ui_test_find_all (g_ptr_array_index (rows, i), GTK_TYPE_TOGGLE_BUTTON);

      gtk_toggle_button_set_active (g_ptr_array_index (sides, 1), TRUE);
    }
}

/* After Apply the page says what happened (resolved here, to the server
 * at the next sync) and offers Undo, which brings the conflict back as it
 * was; once a sync has pushed the resolution, Undo is gone. */
static void
test_conflicts_undo (SyncFixture   *fixture,
                     gconstpointer  data)
{
  g_autofree char *id = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapConflictsPage *page;
  AdwPreferencesGroup *resolved;
  const char *description;
  KapWindow *window;
  char *before_notes[2] = { NULL, NULL };

  id = make_clash (fixture->store);
  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();
  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  before_notes[0] = g_strdup (button_value (find_clash (page, 0, "sex").buttons[1]));
  before_notes[1] = g_strdup (button_value (find_clash (page, 0, "sex").buttons[2]));

  choose_ours (page);
  sync_click (apply_button (page, 0));
  g_assert_cmpuint (live_leaves (fixture->store, id), ==, 1);
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 0);

  /* What Apply did, without claiming a sync. */
  resolved = kap_ui_test_find_group (GTK_WIDGET (page), "Resolved on This Laptop");
  g_assert_nonnull (resolved);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (resolved)));
  description = adw_preferences_group_get_description (resolved);
  g_assert_nonnull (strstr (description, "resolved on this laptop"));
  g_assert_nonnull (strstr (description, "at the next sync"));
  g_assert_null (strstr (description, "synced"));
  g_assert_null (strstr (description, "accepted"));

  /* Undo: the conflict is back, with the same sides. */
  sync_click (kap_ui_test_find_button (GTK_WIDGET (page), "_Undo"));
  g_assert_null (kap_conflicts_page_get_error_text (page));
  g_assert_cmpuint (live_leaves (fixture->store, id), ==, 2);
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 1);
  g_assert_cmpstr (kap_conflicts_page_get_conflict (page, 0)->id, ==, id);
  g_assert_cmpuint (n_clashes (page, 0), ==, 4);
  g_assert_cmpstr (button_value (find_clash (page, 0, "sex").buttons[1]), ==, before_notes[0]);
  g_assert_cmpstr (button_value (find_clash (page, 0, "sex").buttons[2]), ==, before_notes[1]);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (resolved)));
  g_assert_null (kap_ui_test_find_button (GTK_WIDGET (page), "_Undo"));

  /* Applied again, then a sync pushes every leaf: no Undo any more. */
  choose_ours (page);
  sync_click (apply_button (page, 0));
  g_assert_nonnull (kap_ui_test_find_button (GTK_WIDGET (page), "_Undo"));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) leaves = kap_store_get_leaves (fixture->store, id, &error);
    g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
    g_autoptr(GStrvBuilder) revs = g_strv_builder_new ();
    g_auto(GStrv) id_list = NULL, rev_list = NULL;

    g_assert_no_error (error);
    for (guint i = 0; i < leaves->len; i++)
      {
        g_strv_builder_add (ids, id);
        g_strv_builder_add (revs, ((KapLeaf *) g_ptr_array_index (leaves, i))->rev);
      }
    id_list = g_strv_builder_end (ids);
    rev_list = g_strv_builder_end (revs);
    g_assert_true (kap_store_mark_pushed (fixture->store, (const char * const *) id_list,
                                          (const char * const *) rev_list, NULL, &error));
    g_assert_no_error (error);
  }
  sync_spin ();
  g_assert_null (kap_ui_test_find_button (GTK_WIDGET (page), "_Undo"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (resolved)));
  g_assert_cmpstr (kap_conflicts_page_get_visible_name (page), ==, "empty");

  g_free (before_notes[0]);
  g_free (before_notes[1]);
  sync_window_destroy (window);
}

/* Applying one conflict (or undoing one) reloads the queue: the choices
 * already made in the others stay made. */
static void
test_conflicts_keep_choices (SyncFixture   *fixture,
                             gconstpointer  data)
{
  g_autofree char *first = NULL, *second = NULL;
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  g_autofree char *kept_id = NULL;
  KapConflictsPage *page;
  KapWindow *window;
  Clash sex, age;

  first = make_clash (fixture->store);
  second = make_clash (fixture->store);
  window = sync_window_new (fixture);
  kap_window_set_profile (window, &supervisor);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.conflicts", NULL));
  sync_spin ();
  page = KAP_CONFLICTS_PAGE (kap_window_get_page (window, "conflicts"));
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 2);

  /* Half of the second one decided: the server's sex, another age. */
  kept_id = g_strdup (kap_conflicts_page_get_conflict (page, 1)->id);
  sex = find_clash (page, 1, "sex");
  gtk_toggle_button_set_active (sex.buttons[2], TRUE);
  age = find_clash (page, 1, "age_years");
  g_assert_true (other_value (&age, "35"));

  choose_ours (page);
  sync_click (apply_button (page, 0));
  g_assert_cmpuint (kap_conflicts_page_get_n_conflicts (page), ==, 1);
  g_assert_cmpstr (kap_conflicts_page_get_conflict (page, 0)->id, ==, kept_id);
  sex = find_clash (page, 0, "sex");
  g_assert_true (gtk_toggle_button_get_active (sex.buttons[2]));
  age = find_clash (page, 0, "age_years");
  g_assert_true (gtk_toggle_button_get_active (age.edited_button));
  g_assert_cmpstr (button_value (age.edited_button), ==, "35");
  g_assert_false (gtk_widget_get_sensitive (apply_button (page, 0)));

  sync_window_destroy (window);
}

int
main (int   argc,
      char *argv[])
{
  if (!sync_test_init (&argc, &argv))
    return g_test_run ();

  g_test_add ("/conflicts/apply", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_apply, sync_fixture_tear_down);
  g_test_add ("/conflicts/apply-author", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_apply_author, sync_fixture_tear_down);
  g_test_add ("/conflicts/deletion", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_deletion, sync_fixture_tear_down);
  g_test_add ("/conflicts/unknown-base", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_unknown_base, sync_fixture_tear_down);
  g_test_add ("/conflicts/other-value", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_other_value, sync_fixture_tear_down);
  g_test_add ("/conflicts/undo", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_undo, sync_fixture_tear_down);
  g_test_add ("/conflicts/keep-choices", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_keep_choices, sync_fixture_tear_down);
  g_test_add ("/conflicts/rejected", SyncFixture, NULL,
              sync_fixture_set_up, test_conflicts_rejected, sync_fixture_tear_down);
  g_test_add ("/conflicts/value-labels", SyncFixture, NULL,
              sync_fixture_set_up, test_value_labels, sync_fixture_tear_down);

  return g_test_run ();
}
