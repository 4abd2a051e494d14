/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "form-test-util"

#include "config.h"

#include "form-test-util.h"

void
form_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

gboolean
form_test_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A signal handler that sets the gboolean its data points to. */
static void
form_test_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

gboolean
form_test_wait_for (gboolean *flag,
                    guint     seconds)
{
  gboolean timed_out = FALSE;
  guint id = g_timeout_add_seconds (seconds, form_test_timeout_cb, &timed_out);

  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (id);

  return *flag;
}

void
form_test_sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, form_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

GtkWindow *
form_test_show (GtkWidget *child,
                int        width,
                int        height)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));

  /* The X server's MapNotify wakes the loop; a window that never maps is
   * the test's timeout. */
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);

  form_test_iterate ();

  return GTK_WINDOW (window);
}

void
form_test_destroy (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_window_destroy (window);
  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

void
form_test_click_toggle (GtkToggleButton *button)
{
  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

void
form_test_click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  form_test_iterate ();
}

void
form_test_click_dialog_button (GtkWindow  *dialog,
                               const char *label)
{
  GtkWidget *button = kap_ui_test_find_button (GTK_WIDGET (dialog), label);
  GtkWidget *widget = GTK_WIDGET (dialog);

  if (button == NULL)
    g_error ("No button “%s” in the dialog", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  g_signal_emit_by_name (button, "clicked");
  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

KapFieldRow *
form_test_row (KapFormView *view,
               const char  *path)
{
  KapFieldRow *row = kap_form_view_lookup (view, path);

  if (row == NULL)
    g_error ("No field row for %s", path);

  return row;
}

GtkWidget *
form_test_entry (KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  return ADW_IS_ENTRY_ROW (edit_row) ? edit_row : NULL;
}

GtkTextBuffer *
form_test_buffer (KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);
  GtkWidget *view = edit_row ? kap_ui_test_find (edit_row, GTK_TYPE_TEXT_VIEW) : NULL;

  return view ? gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)) : NULL;
}

GtkCalendar *
form_test_calendar (KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  /* In the popover of the row's calendar button, a child of the button. */
  return edit_row ? GTK_CALENDAR (kap_ui_test_find (edit_row, GTK_TYPE_CALENDAR)) : NULL;
}

/* Kept alive for the test's whole run: tests hold on to what they get. */
static GPtrArray *
keep (GPtrArray *array)
{
  static GPtrArray *kept;

  if (kept == NULL)
    kept = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_ptr_array_add (kept, array);

  return array;
}

GPtrArray *
form_test_toggles (KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  if (edit_row == NULL || ADW_IS_ENTRY_ROW (edit_row))
    return keep (g_ptr_array_new ());

  return keep (kap_ui_test_find_all (edit_row, GTK_TYPE_TOGGLE_BUTTON));
}

GPtrArray *
form_test_checks (KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  if (edit_row == NULL)
    return keep (g_ptr_array_new ());

  return keep (kap_ui_test_find_all (edit_row, GTK_TYPE_CHECK_BUTTON));
}

GtkWidget *
form_test_person_clear (KapFieldRow *row)
{
  return kap_ui_test_find_tooltip (kap_field_row_get_edit_row (row), GTK_TYPE_BUTTON, "Remove the Person");
}

GtkLabel *
form_test_message_label (KapFieldRow *row)
{
  return GTK_LABEL (gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (kap_field_row_get_message_row (row))));
}

GPtrArray *
form_test_codes (KapFieldRow *row)
{
  g_assert_true (KAP_IS_CHOICE_FIELD (row));

  return kap_choice_field_get_codes (KAP_CHOICE_FIELD (row));
}

void
form_test_set_text (KapFormView *view,
                    const char  *path,
                    const char  *text)
{
  KapFieldRow *row = form_test_row (view, path);
  GtkTextBuffer *buffer = form_test_buffer (row);

  if (buffer != NULL)
    gtk_text_buffer_set_text (buffer, text, -1);
  else
    {
      g_assert_nonnull (form_test_entry (row));
      g_assert_true (gtk_widget_get_visible (kap_field_row_get_edit_row (row)));
      gtk_editable_set_text (GTK_EDITABLE (form_test_entry (row)), text);
    }
}

void
form_test_set_bool (KapFormView *view,
                    const char  *path,
                    gboolean     value)
{
  KapFieldRow *row = form_test_row (view, path);
  GPtrArray *toggles = form_test_toggles (row);

  g_assert_cmpuint (toggles->len, ==, 2);
  g_assert_true (gtk_widget_get_visible (kap_field_row_get_edit_row (row)));
  form_test_click_toggle (g_ptr_array_index (toggles, value ? 0 : 1));
}

guint
form_test_code_index (KapFieldRow *row,
                      const char  *code)
{
  GPtrArray *codes = form_test_codes (row);

  for (guint i = 0; i < codes->len; i++)
    if (g_str_equal (g_ptr_array_index (codes, i), code))
      return i;

  g_error ("%s is not offered for %s", code, kap_form_field_get_name (kap_field_row_get_field (row)));
  return 0;
}

void
form_test_choose (KapFormView *view,
                  const char  *path,
                  const char  *code)
{
  KapFieldRow *row = form_test_row (view, path);
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);
  guint index = form_test_code_index (row, code);
  GPtrArray *toggles = form_test_toggles (row);

  g_assert_true (gtk_widget_get_visible (edit_row));
  if (toggles->len > 0)
    form_test_click_toggle (g_ptr_array_index (toggles, index));
  else
    {
      g_assert_true (ADW_IS_COMBO_ROW (edit_row));
      adw_combo_row_set_selected (ADW_COMBO_ROW (edit_row), index + 1);
    }
}

void
form_test_check (KapFormView *view,
                 const char  *path,
                 const char  *code)
{
  KapFieldRow *row = form_test_row (view, path);
  guint index = form_test_code_index (row, code);
  GPtrArray *checks = form_test_checks (row);

  g_assert_cmpuint (index, <, checks->len);
  gtk_check_button_set_active (g_ptr_array_index (checks, index),
                               !gtk_check_button_get_active (g_ptr_array_index (checks, index)));
}

GtkPopover *
form_test_picker_popover (KapCodePicker *picker)
{
  /* A child of the row's menu button. */
  return GTK_POPOVER (kap_ui_test_find (GTK_WIDGET (picker), GTK_TYPE_POPOVER));
}

GtkListBox *
form_test_picker_results (KapCodePicker *picker)
{
  return GTK_LIST_BOX (kap_ui_test_find (GTK_WIDGET (form_test_picker_popover (picker)), GTK_TYPE_LIST_BOX));
}

const char *
form_test_pick_in (KapCodePicker *picker,
                   const char    *query)
{
  GtkWidget *popover = GTK_WIDGET (form_test_picker_popover (picker));
  GtkWidget *search_entry = kap_ui_test_find (popover, GTK_TYPE_SEARCH_ENTRY);
  GtkListBox *results = form_test_picker_results (picker);
  const char *code;
  gboolean searched = FALSE;
  gulong handler;

  /* A list left open (a multiple choice stays open after a pick) is
   * closed first: Enter on the row would toggle it shut. */
  gtk_popover_popdown (GTK_POPOVER (popover));
  while (gtk_widget_get_visible (popover))
    g_main_context_iteration (NULL, TRUE);

  /* Enter on the row opens the list, which empties the search; the
   * button it activates reacts a moment later, after showing that it is
   * pressed (a timer, which wakes the loop). */
  gtk_widget_activate (GTK_WIDGET (picker));
  while (!gtk_widget_get_visible (popover))
    g_main_context_iteration (NULL, TRUE);

  /* GtkSearchEntry waits a moment before "search-changed"; the picker
   * fills its results in its own handler, which runs before this one. */
  handler = g_signal_connect_swapped (search_entry, "search-changed",
                                      G_CALLBACK (form_test_flag_cb), &searched);
  gtk_editable_set_text (GTK_EDITABLE (search_entry), query);
  while (!searched)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (search_entry, handler);
  if (gtk_list_box_get_row_at_index (results, 0) == NULL)
    g_error ("No results for “%s”", query);

  code = kap_code_picker_result_get_code (gtk_list_box_get_row_at_index (results, 0));
  g_signal_emit_by_name (search_entry, "activate");
  form_test_iterate ();

  return code;
}

void
form_test_pick (KapFormView *view,
                const char  *path,
                const char  *query,
                const char  *expected_code)
{
  KapFieldRow *row = form_test_row (view, path);
  GtkWidget *picker = kap_field_row_get_edit_row (row);
  const char *code;

  g_assert_true (KAP_IS_CODE_PICKER (picker));
  code = form_test_pick_in (KAP_CODE_PICKER (picker), query);
  g_assert_cmpstr (code, ==, expected_code);

  if (kap_code_picker_get_multiple (KAP_CODE_PICKER (picker)))
    gtk_popover_popdown (form_test_picker_popover (KAP_CODE_PICKER (picker)));
}

guint
form_test_fill_screening (KapFormView *view,
                          guint        steps)
{
  guint done = 0;

#define STEP(stmt) G_STMT_START { if (done >= steps) return done; stmt; done++; } G_STMT_END
  STEP (form_test_set_bool (view, "interpreter_used", FALSE));
  STEP (form_test_pick (view, "interview_language", "arabic", "ara"));
  STEP (form_test_choose (view, "interviewer_gender", "F"));
  STEP (form_test_set_bool (view, "consent_given", TRUE));
  STEP (form_test_choose (view, "consent_giver", "self"));
  STEP (form_test_check (view, "consent_scope", "screening"));
  STEP (form_test_check (view, "consent_scope", "referral"));
  STEP (form_test_set_text (view, "age_years", "15"));
  STEP (form_test_choose (view, "age_source", "stated"));
  STEP (form_test_choose (view, "sex", "M"));
  STEP (form_test_choose (view, "travelling_with", "alone"));
  STEP (form_test_set_bool (view, "asylum_intention", TRUE));
  STEP (form_test_set_bool (view, "no_documents", TRUE));
  STEP (form_test_set_bool (view, "child_in_school", TRUE));
  STEP (form_test_set_bool (view, "child_working", FALSE));
  STEP (form_test_set_bool (view, "immediate_medical_need", FALSE));
  STEP (form_test_set_bool (view, "sleep_problems", TRUE));
  STEP (form_test_set_bool (view, "thb_debt", TRUE));
  STEP (form_test_set_text (view, "notes", "Wants to join his uncle."));
#undef STEP

  return done;
}

static gboolean
form_test_tick_cb (GtkWidget     *widget,
                   GdkFrameClock *clock,
                   gpointer       user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

void
form_test_wait_frames (GtkWidget *widget)
{
  guint ticks = 0;
  guint id = gtk_widget_add_tick_callback (widget, form_test_tick_cb, &ticks, NULL);

  while (ticks < 3)
    g_main_context_iteration (NULL, TRUE);
  gtk_widget_remove_tick_callback (widget, id);
  form_test_iterate ();
}
