/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the form tests (and the autosave child and the
 * screenshot program): they drive the field widgets the way an officer
 * does, by emitting the widgets' own signals. Header-only on purpose:
 * each program includes it once. */

#include <string.h>

#include <glib/gstdio.h>

#include "kap-code-picker-private.h"
#include "kap-ui-test.h"
#include "kap-form-registry.h"
#include "kap-form-view-private.h"
#include "kap-record-editor-private.h"

static inline void
form_test_iterate (void)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static inline gboolean
form_test_timeout_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* A signal handler that sets the gboolean its data points to. */
static inline void
form_test_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* Runs the main loop until *@flag is TRUE or @seconds pass. */
static inline gboolean
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

static inline void
form_test_sleep_ms (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, form_test_timeout_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

static inline GtkWindow *
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

static inline void
form_test_destroy (GtkWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  gtk_window_destroy (window);
  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

/* What a click does to a toggle button. (gtk_widget_activate() on a
 * button clicks it only after a moment, for the visual feedback.) */
static inline void
form_test_click_toggle (GtkToggleButton *button)
{
  gtk_toggle_button_set_active (button, !gtk_toggle_button_get_active (button));
}

static inline void
form_test_click (GtkWidget *button)
{
  g_signal_emit_by_name (button, "clicked");
  form_test_iterate ();
}

static inline GtkWidget *
form_test_find_button (GtkWidget  *root,
                       const char *label)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (child)), label) == 0)
        return child;
      if ((found = form_test_find_button (child, label)) != NULL)
        return found;
    }

  return NULL;
}

/* Clicks the button labelled @label (“_Update”) of a message dialog,
 * which answers and closes it, and waits until the dialog is gone.
 * (adw_message_dialog_response() answers without closing.) */
static inline void
form_test_click_dialog_button (GtkWindow  *dialog,
                               const char *label)
{
  GtkWidget *button = form_test_find_button (GTK_WIDGET (dialog), label);
  GtkWidget *widget = GTK_WIDGET (dialog);

  if (button == NULL)
    g_error ("No button “%s” in the dialog", label);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *) &widget);
  g_signal_emit_by_name (button, "clicked");
  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static inline KapFieldRow *
form_test_row (KapFormView *view,
               const char  *path)
{
  KapFieldRow *row = kap_form_view_lookup (view, path);

  if (row == NULL)
    g_error ("No field row for %s", path);

  return row;
}

static inline void
form_test_set_text (KapFormView *view,
                    const char  *path,
                    const char  *text)
{
  KapFieldRow *row = form_test_row (view, path);

  if (row->buffer != NULL)
    gtk_text_buffer_set_text (row->buffer, text, -1);
  else
    {
      g_assert_nonnull (row->entry);
      g_assert_true (gtk_widget_get_visible (row->entry));
      gtk_editable_set_text (GTK_EDITABLE (row->entry), text);
    }
}

/* A Yes/No question: clicks the button as the officer would. */
static inline void
form_test_set_bool (KapFormView *view,
                    const char  *path,
                    gboolean     value)
{
  KapFieldRow *row = form_test_row (view, path);

  g_assert_nonnull (row->toggles);
  g_assert_true (gtk_widget_get_visible (row->edit_row));
  form_test_click_toggle (g_ptr_array_index (row->toggles, value ? 0 : 1));
}

static inline guint
form_test_code_index (KapFieldRow *row,
                      const char  *code)
{
  for (guint i = 0; i < row->choice_values->len; i++)
    if (g_str_equal (g_ptr_array_index (row->choice_values, i), code))
      return i;

  g_error ("%s is not offered for %s", code, kap_form_field_get_name (row->field));
  return 0;
}

/* One of a list: linked buttons or a combo row, whichever is shown. */
static inline void
form_test_choose (KapFormView *view,
                  const char  *path,
                  const char  *code)
{
  KapFieldRow *row = form_test_row (view, path);
  guint index = form_test_code_index (row, code);

  g_assert_true (gtk_widget_get_visible (row->edit_row));
  if (row->toggles != NULL)
    form_test_click_toggle (g_ptr_array_index (row->toggles, index));
  else
    {
      g_assert_nonnull (row->combo);
      adw_combo_row_set_selected (row->combo, index + 1);
    }
}

static inline void
form_test_check (KapFormView *view,
                 const char  *path,
                 const char  *code)
{
  KapFieldRow *row = form_test_row (view, path);
  guint index = form_test_code_index (row, code);

  g_assert_nonnull (row->checks);
  gtk_check_button_set_active (g_ptr_array_index (row->checks, index),
                               !gtk_check_button_get_active (g_ptr_array_index (row->checks, index)));
}

/* Opens the picker's popover, types @query, waits for the results and
 * presses Enter, which picks the best match; returns its code. */
static inline const char *
form_test_pick_in (KapCodePicker *picker,
                   const char    *query)
{
  const char *code;
  gboolean searched = FALSE;
  gulong handler;

  /* A list left open (a multiple choice stays open after a pick) is
   * closed first: Enter on the row would toggle it shut. */
  gtk_popover_popdown (picker->popover);
  while (gtk_widget_get_visible (GTK_WIDGET (picker->popover)))
    g_main_context_iteration (NULL, TRUE);

  /* Enter on the row opens the list, which empties the search; the
   * button it activates reacts a moment later, after showing that it is
   * pressed (a timer, which wakes the loop). */
  gtk_widget_activate (GTK_WIDGET (picker));
  while (!gtk_widget_get_visible (GTK_WIDGET (picker->popover)))
    g_main_context_iteration (NULL, TRUE);

  /* GtkSearchEntry waits a moment before "search-changed"; the picker
   * fills its results in its own handler, which runs before this one. */
  handler = g_signal_connect_swapped (picker->search_entry, "search-changed",
                                      G_CALLBACK (form_test_flag_cb), &searched);
  gtk_editable_set_text (GTK_EDITABLE (picker->search_entry), query);
  while (!searched)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (picker->search_entry, handler);
  if (gtk_list_box_get_row_at_index (picker->results, 0) == NULL)
    g_error ("No results for “%s”", query);

  code = kap_code_picker_result_get_code (gtk_list_box_get_row_at_index (picker->results, 0));
  g_signal_emit_by_name (picker->search_entry, "activate");
  form_test_iterate ();

  return code;
}

static inline void
form_test_pick (KapFormView *view,
                const char  *path,
                const char  *query,
                const char  *expected_code)
{
  KapFieldRow *row = form_test_row (view, path);
  const char *code;

  g_assert_nonnull (row->picker);
  code = form_test_pick_in (KAP_CODE_PICKER (row->picker), query);
  g_assert_cmpstr (code, ==, expected_code);

  if (KAP_CODE_PICKER (row->picker)->multiple)
    gtk_popover_popdown (KAP_CODE_PICKER (row->picker)->popover);
}


/* Fills a screening of a 15-year-old boy travelling alone, the way the
 * officer goes through it, up to @steps answers (G_MAXUINT: all). */
static inline guint
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
