/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-counter"

#include "config.h"

#include "kap-ui-test.h"

#include "form-test-util.h"
#include "kap-form-outline.h"
#include "kap-record-pane.h"
#include "kap-records.h"
#include "kap-person-page.h"

/* Speed at the counter (issue 8, points 9 and 10): answering with the
 * keyboard, No to the Rest, the section outline, where the view scrolls,
 * discarding a draft and what follows finalizing a person. */

static const char counter_form[] =
  "{ \"type\": \"form\", \"form_id\": \"counter\", \"version\": 1, \"record_type\": \"screening\","
  "  \"title\": { \"en\": \"Counter\" },"
  "  \"fields\": ["
  "    { \"name\": \"first\", \"type\": \"group\", \"label\": { \"en\": \"First\" }, \"fields\": ["
  "      { \"name\": \"q1\", \"type\": \"boolean\", \"label\": { \"en\": \"One?\" } },"
  "      { \"name\": \"q2\", \"type\": \"boolean\", \"relevant\": \"q1\", \"label\": { \"en\": \"Two?\" } },"
  "      { \"name\": \"q3\", \"type\": \"boolean\", \"label\": { \"en\": \"Three?\" } },"
  "      { \"name\": \"q4\", \"type\": \"boolean\", \"label\": { \"en\": \"Four?\" } },"
  "      { \"name\": \"gate\", \"type\": \"boolean\", \"required\": true, \"label\": { \"en\": \"Gate?\" } },"
  "      { \"name\": \"name\", \"type\": \"text\", \"label\": { \"en\": \"Name\" } }"
  "    ] },"
  "    { \"name\": \"second\", \"type\": \"group\", \"label\": { \"en\": \"Second\" }, \"fields\": ["
  "      { \"name\": \"short\", \"type\": \"select_one\", \"choices\": \"short\", \"label\": { \"en\": \"Short\" } },"
  "      { \"name\": \"long\", \"type\": \"select_one\", \"choices\": \"long\", \"label\": { \"en\": \"Long\" } },"
  "      { \"name\": \"several\", \"type\": \"select_multiple\", \"choices\": \"long\", \"label\": { \"en\": \"Several\" } },"
  "      { \"name\": \"last\", \"type\": \"boolean\", \"label\": { \"en\": \"Last?\" } }"
  "    ] }"
  "  ],"
  "  \"choices\": {"
  "    \"short\": [ { \"value\": \"a\", \"label\": { \"en\": \"One\" } }, { \"value\": \"b\", \"label\": { \"en\": \"Two\" } },"
  "                 { \"value\": \"c\", \"label\": { \"en\": \"Three\" } } ],"
  "    \"long\": [ { \"value\": \"x1\", \"label\": { \"en\": \"A rather long first answer\" } },"
  "                { \"value\": \"x2\", \"label\": { \"en\": \"Second\" } },"
  "                { \"value\": \"x3\", \"label\": { \"en\": \"Third\" } },"
  "                { \"value\": \"x4\", \"label\": { \"en\": \"Fourth\" } },"
  "                { \"value\": \"x5\", \"label\": { \"en\": \"Fifth\" } } ]"
  "  } }";

static KapFormRegistry *registry;

static KapForm *
counter_form_new (void)
{
  g_autoptr(GError) error = NULL;
  KapForm *form = kap_form_new_from_json (counter_form, -1, &error);

  g_assert_no_error (error);
  return form;
}

/* @view in a scrolled viewport, as the editor holds it. */
static GtkWindow *
show_scrolled (GtkWidget *view,
               int        width,
               int        height)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *viewport = gtk_viewport_new (NULL, NULL);

  gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
  gtk_viewport_set_child (GTK_VIEWPORT (viewport), view);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), viewport);
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);

  return form_test_show (scrolled, width, height);
}

static KapFieldRow *
focus_row (KapFormView *view)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (GTK_WIDGET (view)));
  const char *paths[] = { "q1", "q2", "q3", "q4", "gate", "name", "short", "long", "several", "last" };

  for (guint i = 0; focus != NULL && i < G_N_ELEMENTS (paths); i++)
    {
      KapFieldRow *row = kap_form_view_lookup (view, paths[i]);
      GtkWidget *widget = row ? kap_field_row_get_widget (row) : NULL;

      if (widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        return row;
    }

  return NULL;
}

static const char *
focus_path (KapFormView *view)
{
  KapFieldRow *row = focus_row (view);

  return row ? kap_form_field_get_name (kap_field_row_get_field (row)) : NULL;
}

static void
assert_bool (JsonObject *answers,
             const char *name,
             gboolean    value)
{
  g_assert_true (json_object_has_member (answers, name));
  g_assert_cmpint (json_object_get_boolean_member (answers, name), ==, value);
}

/* Y/N answer a yes/no question and move on, to a question the answer
 * revealed too; digits choose the n-th answer and move on, or toggle it
 * in a multiple choice and stay; keys with Ctrl and keys in a text entry
 * are left alone. */
static void
test_keys (void)
{
  g_autoptr(KapForm) form = counter_form_new ();
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view = KAP_FORM_VIEW (kap_form_view_new (form, answers, FALSE));
  GtkWindow *window = show_scrolled (GTK_WIDGET (view), 600, 700);
  JsonArray *several;

  g_assert_true (kap_form_view_focus_path (view, "q1"));
  g_assert_cmpstr (focus_path (view), ==, "q1");
  g_assert_false (kap_form_view_answer_key (view, GDK_KEY_y, GDK_CONTROL_MASK));
  g_assert_false (json_object_has_member (answers, "q1"));

  /* Q2 appears with the Yes to q1, and is where the focus goes. */
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_y, 0));
  assert_bool (answers, "q1", TRUE);
  g_assert_cmpstr (focus_path (view), ==, "q2");
  g_assert_true (gtk_toggle_button_get_active (g_ptr_array_index (form_test_toggles (form_test_row (view, "q2")), 0)) == FALSE);

  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_N, GDK_SHIFT_MASK));
  assert_bool (answers, "q2", FALSE);
  g_assert_true (gtk_toggle_button_get_active (g_ptr_array_index (form_test_toggles (form_test_row (view, "q2")), 1)));
  g_assert_cmpstr (focus_path (view), ==, "q3");

  /* A digit on a yes/no question: 1 is Yes, 2 is No; other keys nothing. */
  g_assert_false (kap_form_view_answer_key (view, GDK_KEY_3, 0));
  g_assert_false (kap_form_view_answer_key (view, GDK_KEY_x, 0));
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_2, 0));
  assert_bool (answers, "q3", FALSE);
  g_assert_cmpstr (focus_path (view), ==, "q4");
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_y, 0));
  g_assert_cmpstr (focus_path (view), ==, "gate");
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_n, 0));
  g_assert_cmpstr (focus_path (view), ==, "name");

  /* A text entry types its letters. */
  g_assert_false (kap_form_view_answer_key (view, GDK_KEY_y, 0));
  g_assert_false (json_object_has_member (answers, "name"));

  g_assert_true (kap_form_view_focus_path (view, "short"));
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_2, 0));
  g_assert_cmpstr (json_object_get_string_member (answers, "short"), ==, "b");
  g_assert_cmpstr (focus_path (view), ==, "long");
  g_assert_false (kap_form_view_answer_key (view, GDK_KEY_6, 0));
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_KP_5, 0));
  g_assert_cmpstr (json_object_get_string_member (answers, "long"), ==, "x5");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (kap_field_row_get_edit_row (form_test_row (view, "long")))),
                    ==, 5);
  g_assert_cmpstr (focus_path (view), ==, "several");

  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_1, 0));
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_3, 0));
  g_assert_true (kap_form_view_answer_key (view, GDK_KEY_1, 0));
  several = json_object_get_array_member (answers, "several");
  g_assert_cmpuint (json_array_get_length (several), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (several, 0), ==, "x3");
  g_assert_true (gtk_check_button_get_active (g_ptr_array_index (form_test_checks (form_test_row (view, "several")), 2)));
  g_assert_cmpstr (focus_path (view), ==, "several");

  form_test_destroy (window);
}

/* Y and N always; the initials of Yes and No in the officer's language
 * only where they cannot be mistaken. */
static void
test_yes_no_keys (void)
{
  /* Albanian: Po/Jo. */
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_p, "Po", "Jo"), ==, 0);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_J, "Po", "Jo"), ==, 1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_y, "Po", "Jo"), ==, 0);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_n, "Po", "Jo"), ==, 1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_x, "Po", "Jo"), ==, -1);
  /* Turkish and Serbian in both scripts. */
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_e, "Evet", "Hayır"), ==, 0);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_h, "Evet", "Hayır"), ==, 1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_Cyrillic_de, "Да", "Не"), ==, 0);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_Cyrillic_EN, "Да", "Не"), ==, 1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_d, "Da", "Ne"), ==, 0);
  /* Ambiguous: the same initial, or Yes starting with N. */
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_o, "Oui", "Oh non"), ==, -1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_l, "Naam", "La"), ==, -1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_n, "Naam", "La"), ==, 1);
  g_assert_cmpint (kap_form_view_yes_no_key (GDK_KEY_1, "Po", "Jo"), ==, -1);
}

/* No to the Rest answers only what has no answer, only in its section,
 * and Undo takes back exactly that. */
static void
test_no_to_rest (void)
{
  g_autoptr(KapForm) form = counter_form_new ();
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view = KAP_FORM_VIEW (kap_form_view_new (form, answers, FALSE));
  GtkWindow *window = show_scrolled (GTK_WIDGET (view), 600, 700);
  GtkWidget *group = kap_form_view_get_group (view, "first");
  GtkWidget *button;
  guint answered = 0;

  form_test_set_bool (view, "q3", TRUE);
  /* The second section has one yes/no question: no button there. */
  g_assert_null (kap_ui_test_find_button (kap_form_view_get_group (view, "second"), "No to the _Rest"));
  button = kap_ui_test_find_button (group, "No to the _Rest");
  g_assert_nonnull (button);
  form_test_click (button);

  /* q2 is hidden (q1 had no answer, now No): never answered; a required
   * question neither. */
  assert_bool (answers, "q1", FALSE);
  g_assert_false (json_object_has_member (answers, "q2"));
  assert_bool (answers, "q3", TRUE);
  assert_bool (answers, "q4", FALSE);
  g_assert_false (json_object_has_member (answers, "gate"));
  g_assert_false (json_object_has_member (answers, "last"));
  g_assert_cmpuint (kap_form_view_count_section (view, 0, &answered), ==, 5);
  g_assert_cmpuint (answered, ==, 3);

  /* An answer changed since is the officer's and stays. */
  form_test_set_bool (view, "q4", TRUE);
  g_assert_true (kap_form_view_undo_rest (view));
  g_assert_false (json_object_has_member (answers, "q1"));
  assert_bool (answers, "q3", TRUE);
  assert_bool (answers, "q4", TRUE);
  g_assert_false (gtk_toggle_button_get_active (g_ptr_array_index (form_test_toggles (form_test_row (view, "q1")), 1)));
  g_assert_false (kap_form_view_undo_rest (view));

  form_test_destroy (window);
}

typedef struct
{
  char            *dir;
  KapStore        *store;
  KapRecordAuthor  author;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-counter-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  fixture->author.officer = "officer";
  fixture->author.station = "RS-PRE";
  fixture->author.device = kap_store_get_device_id (fixture->store);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_clear_object (&fixture->store);
  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
}

static KapRecordEditor *
new_screening_editor (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapDocument) draft = NULL;

  draft = kap_records_create_draft (fixture->store, registry, &fixture->author, "screening", NULL, &error);
  g_assert_no_error (error);

  return KAP_RECORD_EDITOR (kap_record_editor_new (fixture->store, registry, draft, &fixture->author));
}

/* The middle of @widget as a fraction of the viewport's height. */
static double
place_in_view (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  return (bounds.origin.y + bounds.size.height / 2) / gtk_widget_get_height (scrolled);
}

/* A question reached from Finalize's list ends in the middle third of
 * the view, not at its bottom edge. */
static void
test_finalize_list_middle (Fixture       *fixture,
                           gconstpointer  user_data)
{
  KapRecordEditor *editor = new_screening_editor (fixture);
  GtkWindow *window = form_test_show (GTK_WIDGET (editor), 900, 700);
  g_autoptr(GPtrArray) groups = NULL;
  GtkWidget *summary = NULL;
  GtkWidget *row;
  double place;

  form_test_set_bool (kap_record_editor_get_view (editor), "interpreter_used", FALSE);
  g_assert_false (kap_record_editor_finalize_record (editor, NULL));
  form_test_wait_frames (GTK_WIDGET (window));
  groups = kap_ui_test_find_all (GTK_WIDGET (editor), ADW_TYPE_PREFERENCES_GROUP);
  for (guint i = 0; i < groups->len; i++)
    if (gtk_widget_has_css_class (g_ptr_array_index (groups, i), "kap-summary"))
      summary = g_ptr_array_index (groups, i);
  g_assert_nonnull (summary);
  g_assert_true (gtk_widget_get_visible (summary));
  row = kap_ui_test_find_row (summary, "Immediate medical need?");
  g_assert_nonnull (row);
  /* Far below: the list is at the top. */
  g_assert_cmpfloat (place_in_view (kap_form_view_get_row (kap_record_editor_get_view (editor),
                                                           "immediate_medical_need")), >, 1.0);
  g_assert_true (gtk_widget_activate (row));
  form_test_wait_frames (GTK_WIDGET (window));

  place = place_in_view (kap_form_view_get_row (kap_record_editor_get_view (editor), "immediate_medical_need"));
  g_assert_cmpfloat (place, >, 1.0 / 3);
  g_assert_cmpfloat (place, <, 2.0 / 3);

  form_test_destroy (window);
}

/* The outline lists the sections with their counts, opens with Ctrl+J's
 * action, and a section chosen takes the focus to its first open
 * question. */
static void
test_outline (Fixture       *fixture,
              gconstpointer  user_data)
{
  KapRecordEditor *editor = new_screening_editor (fixture);
  GtkWindow *window = form_test_show (GTK_WIDGET (editor), 900, 700);
  KapFormView *view = kap_record_editor_get_view (editor);
  GtkMenuButton *button;
  GtkPopover *popover;
  GtkListBox *list;
  GtkWidget *health;

  form_test_set_bool (view, "immediate_medical_need", FALSE);
  button = GTK_MENU_BUTTON (kap_ui_test_find_tooltip (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON, "Sections (Ctrl+J)"));
  g_assert_nonnull (button);
  /* Xvfb has no window manager: an autohiding popover's grab can fail
   * there and close it at once, which says nothing about the outline. */
  gtk_popover_set_autohide (gtk_menu_button_get_popover (button), FALSE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.outline", NULL));
  popover = gtk_menu_button_get_popover (button);
  g_assert_true (KAP_IS_FORM_OUTLINE (popover));
  form_test_wait_frames (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  list = kap_form_outline_get_list (KAP_FORM_OUTLINE (popover));
  health = kap_ui_test_find_row (GTK_WIDGET (list), "Health");
  g_assert_nonnull (health);
  /* No sex answered yet: the health section asks three questions. */
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (health)), ==, "1 of 3 answered");
  /* The child section is hidden until the age says it is a child. */
  g_assert_null (kap_ui_test_find_row (GTK_WIDGET (list), "Child"));

  g_assert_true (gtk_widget_activate (health));
  form_test_wait_frames (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (window));
    GtkWidget *chronic = kap_form_view_get_row (view, "chronic_condition");

    g_assert_nonnull (focus);
    g_assert_true (gtk_widget_is_ancestor (focus, chronic));
  }

  form_test_destroy (window);
}

static const char anchor_form[] =
  "{ \"type\": \"form\", \"form_id\": \"anchor\", \"version\": 1, \"record_type\": \"screening\","
  "  \"title\": { \"en\": \"Anchor\" },"
  "  \"fields\": ["
  "    { \"name\": \"f1\", \"type\": \"text\", \"label\": { \"en\": \"F1\" } },"
  "    { \"name\": \"f2\", \"type\": \"text\", \"label\": { \"en\": \"F2\" } },"
  "    { \"name\": \"f3\", \"type\": \"text\", \"label\": { \"en\": \"F3\" } },"
  "    { \"name\": \"f4\", \"type\": \"text\", \"label\": { \"en\": \"F4\" } },"
  "    { \"name\": \"f5\", \"type\": \"text\", \"label\": { \"en\": \"F5\" } },"
  "    { \"name\": \"f6\", \"type\": \"text\", \"label\": { \"en\": \"F6\" } },"
  "    { \"name\": \"above\", \"type\": \"text\", \"relevant\": \"trigger\", \"label\": { \"en\": \"Above\" } },"
  "    { \"name\": \"above2\", \"type\": \"text\", \"relevant\": \"trigger\", \"label\": { \"en\": \"Above too\" } },"
  "    { \"name\": \"trigger\", \"type\": \"boolean\", \"label\": { \"en\": \"Trigger?\" } },"
  "    { \"name\": \"g1\", \"type\": \"text\", \"label\": { \"en\": \"G1\" } },"
  "    { \"name\": \"g2\", \"type\": \"text\", \"label\": { \"en\": \"G2\" } },"
  "    { \"name\": \"g3\", \"type\": \"text\", \"label\": { \"en\": \"G3\" } },"
  "    { \"name\": \"g4\", \"type\": \"text\", \"label\": { \"en\": \"G4\" } },"
  "    { \"name\": \"g5\", \"type\": \"text\", \"label\": { \"en\": \"G5\" } },"
  "    { \"name\": \"g6\", \"type\": \"text\", \"label\": { \"en\": \"G6\" } }"
  "  ] }";

static double
y_in_scrolled (GtkWidget *widget)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (widget, scrolled, &bounds));
  return bounds.origin.y;
}

/* Rows that appear above the row answered do not move it on screen. */
static void
test_anchor (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapForm) form = kap_form_new_from_json (anchor_form, -1, &error);
  g_autoptr(JsonObject) answers = json_object_new ();
  KapFormView *view;
  GtkWindow *window;
  GtkWidget *trigger, *above;
  GtkAdjustment *adjustment;
  double before, after;

  g_assert_no_error (error);
  view = KAP_FORM_VIEW (kap_form_view_new (form, answers, FALSE));
  window = show_scrolled (GTK_WIDGET (view), 600, 400);
  form_test_wait_frames (GTK_WIDGET (window));
  trigger = kap_form_view_get_row (view, "trigger");
  above = kap_form_view_get_row (view, "above");
  g_assert_false (gtk_widget_get_visible (above));

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (gtk_widget_get_ancestor (trigger, GTK_TYPE_VIEWPORT)));
  gtk_adjustment_set_value (adjustment, 300);
  form_test_wait_frames (GTK_WIDGET (window));
  before = y_in_scrolled (trigger);
  g_assert_cmpfloat (before, >, 0);
  g_assert_cmpfloat (before, <, 400);

  form_test_click_toggle (g_ptr_array_index (form_test_toggles (form_test_row (view, "trigger")), 0));
  form_test_wait_frames (GTK_WIDGET (window));
  g_assert_true (kap_field_row_get_relevant (form_test_row (view, "above")));
  above = kap_form_view_get_row (view, "above");
  g_assert_true (gtk_widget_get_visible (above));
  g_assert_cmpint (gtk_widget_get_height (above), >, 0);
  after = y_in_scrolled (trigger);
  g_assert_cmpfloat (fabs (after - before), <, 1.0);

  /* And when they go again. */
  form_test_click_toggle (g_ptr_array_index (form_test_toggles (form_test_row (view, "trigger")), 0));
  form_test_wait_frames (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_visible (above));
  g_assert_cmpfloat (fabs (y_in_scrolled (trigger) - before), <, 1.0);

  form_test_destroy (window);
}

static gboolean
window_mapped (gpointer window)
{
  return gtk_widget_get_mapped (window);
}

static void
wait_until (gboolean (*condition) (gpointer),
            gpointer   data)
{
  while (!condition (data))
    g_main_context_iteration (NULL, TRUE);
  form_test_iterate ();
}

static KapWindow *
show_window (Fixture *fixture)
{
  KapWindow *window = kap_ui_test_window_new (fixture->store, NULL);

  gtk_window_present (GTK_WINDOW (window));
  wait_until (window_mapped, window);
  return window;
}

static KapRecordPane *
pane_of (KapWindow *window)
{
  return KAP_RECORD_PANE (kap_window_get_record_pane (window));
}

static GtkWindow *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item))
        return GTK_WINDOW (item);
    }

  return NULL;
}

static gboolean
has_label (gpointer data)
{
  const char **what = data;

  return kap_ui_test_find_label (GTK_WIDGET (what[0]), what[1]) != NULL;
}

/* Discard Draft asks, naming the record; the draft is gone, the person's
 * page is back, and Undo in the toast brings the same draft back. */
static void
test_discard (Fixture       *fixture,
              gconstpointer  user_data)
{
  g_autoptr(KapDocument) person = NULL, draft = NULL, gone = NULL, back = NULL;
  g_autoptr(GError) error = NULL;
  KapWindow *window;
  KapRecordEditor *editor;
  GtkWindow *dialog;
  g_autofree char *id = NULL;
  const char *toast[2];

  person = kap_records_create_draft (fixture->store, registry, &fixture->author, "person", NULL, &error);
  g_assert_no_error (error);
  json_object_set_string_member (kap_document_get_body (person), "name_stated", "Ardit Krasniqi");
  json_object_set_string_member (kap_document_get_body (person), "status", "final");
  g_free (kap_store_put (fixture->store, person, &error));
  g_assert_no_error (error);
  draft = kap_records_create_draft (fixture->store, registry, &fixture->author, "screening",
                                    kap_document_get_id (person), &error);
  g_assert_no_error (error);
  id = g_strdup (kap_document_get_id (draft));

  window = show_window (fixture);
  kap_window_open_record (window, id, TRUE);
  editor = KAP_RECORD_EDITOR (kap_record_pane_get_editor (pane_of (window)));
  g_assert_nonnull (editor);
  form_test_set_bool (kap_record_editor_get_view (editor), "consent_given", TRUE);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.discard", NULL));
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Ardit Krasniqi"));
  form_test_click_dialog_button (dialog, "_Discard");

  gone = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_null (gone);
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (kap_record_pane_get_visible_name (pane_of (window)), ==, "person");

  toast[0] = (const char *) window;
  toast[1] = "Draft “Vulnerability screening · Ardit Krasniqi” discarded";
  wait_until (has_label, toast);
  form_test_click (kap_ui_test_find_button (GTK_WIDGET (window), "_Undo"));

  back = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (kap_record_get_status (back), ==, "draft");
  g_assert_true (json_object_get_boolean_member (kap_document_get_body (back), "consent_given"));
  g_assert_cmpstr (kap_record_pane_get_visible_name (pane_of (window)), ==, "editor");
  g_assert_cmpstr (kap_record_pane_get_shown_id (pane_of (window)), ==, id);

  gtk_window_destroy (GTK_WINDOW (window));
  form_test_iterate ();
}

/* Finalizing a person record returns to the person's page with a toast. */
static void
test_finalize_person (Fixture       *fixture,
                      gconstpointer  user_data)
{
  g_autoptr(KapDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  KapWindow *window;
  KapRecordEditor *editor;
  KapFormView *view;
  g_autofree char *id = NULL;
  const char *toast[2];

  draft = kap_records_create_draft (fixture->store, registry, &fixture->author, "person", NULL, &error);
  g_assert_no_error (error);
  id = g_strdup (kap_document_get_id (draft));

  window = show_window (fixture);
  kap_window_open_record (window, id, TRUE);
  editor = KAP_RECORD_EDITOR (kap_record_pane_get_editor (pane_of (window)));
  view = kap_record_editor_get_view (editor);
  {
    JsonObject *answers = kap_form_view_get_answers (view);
    g_autoptr(JsonArray) languages = json_array_new ();

    json_object_set_string_member (answers, "sex", "F");
    json_object_set_boolean_member (answers, "dob_known", FALSE);
    json_object_set_int_member (answers, "age_estimated", 30);
    json_object_set_string_member (answers, "age_source", "estimated");
    json_object_set_string_member (answers, "nationality", "AF");
    json_array_add_string_element (languages, "prs");
    json_object_set_array_member (answers, "languages", json_array_ref (languages));
    kap_form_view_reload (view);
  }
  form_test_set_text (view, "name_stated", "Fatima Rahimi");
  g_assert_true (kap_record_editor_finalize_record (editor, NULL));

  g_assert_cmpstr (kap_record_pane_get_visible_name (pane_of (window)), ==, "person");
  g_assert_cmpstr (kap_record_pane_get_person_id (pane_of (window)), ==, id);
  toast[0] = (const char *) window;
  toast[1] = "Fatima Rahimi registered";
  wait_until (has_label, toast);

  gtk_window_destroy (GTK_WINDOW (window));
  form_test_iterate ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  if (!kap_ui_test_init (&argc, &argv, "/counter/display"))
    return g_test_run ();

  registry = kap_form_registry_new ();
  kap_form_registry_load_builtin (registry, &error);
  g_assert_no_error (error);

  g_test_add_func ("/counter/keys", test_keys);
  g_test_add_func ("/counter/yes-no-keys", test_yes_no_keys);
  g_test_add_func ("/counter/no-to-rest", test_no_to_rest);
  g_test_add_func ("/counter/anchor", test_anchor);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/counter/finalize-list-middle", test_finalize_list_middle);
  ADD ("/counter/outline", test_outline);
  ADD ("/counter/discard", test_discard);
  ADD ("/counter/finalize-person", test_finalize_person);
#undef ADD

  ret = g_test_run ();
  g_object_unref (registry);

  return ret;
}
