/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Helpers shared by the form tests (and the autosave child and the
 * screenshot program): they drive the field widgets the way an officer
 * does, by emitting the widgets' own signals. Header-only on purpose:
 * each program includes it once. */

#include <string.h>

#include <glib/gstdio.h>

#include "kap-choice-field.h"
#include "kap-code-picker.h"
#include "kap-person-field.h"
#include "kap-ui-test.h"
#include "kap-form-registry.h"
#include "kap-form-view.h"
#include "kap-record-editor.h"

void form_test_iterate (void);

gboolean form_test_timeout_cb (gpointer user_data);

/* Runs the main loop until *@flag is TRUE or @seconds pass. */
gboolean form_test_wait_for (gboolean *flag,
                             guint     seconds);

void form_test_sleep_ms (guint ms);
/* Waits until @widget's window has drawn three more frames: whatever
 * was changed before is laid out and painted. */
void form_test_wait_frames (GtkWidget *widget);

GtkWindow *form_test_show (GtkWidget *child,
                           int        width,
                           int        height);

void form_test_destroy (GtkWindow *window);

/* What a click does to a toggle button. (gtk_widget_activate() on a
 * button clicks it only after a moment, for the visual feedback.) */
void form_test_click_toggle (GtkToggleButton *button);

void form_test_click (GtkWidget *button);

/* Clicks the button labelled @label (“_Update”) of a message dialog,
 * which answers and closes it, and waits until the dialog is gone.
 * (adw_message_dialog_response() answers without closing.) */
void form_test_click_dialog_button (GtkWindow  *dialog,
                                    const char *label);

KapFieldRow *form_test_row (KapFormView *view,
                            const char  *path);

/* A field row's widgets, found in its edit row the way a person finds
 * them: the entry (an AdwEntryRow, the edit row itself), the text view's
 * buffer of a multiline answer, the calendar of a date, the answer
 * buttons (Yes/No or a short list, in order), the check boxes of a
 * multiple choice, a person's "Remove the Person" button. */
GtkWidget     *form_test_entry (KapFieldRow *row);
GtkTextBuffer *form_test_buffer (KapFieldRow *row);
GtkCalendar   *form_test_calendar (KapFieldRow *row);
GPtrArray     *form_test_toggles (KapFieldRow *row);
GPtrArray     *form_test_checks (KapFieldRow *row);
GtkWidget     *form_test_person_clear (KapFieldRow *row);
/* The line under the row (the hint or what is wrong). */
GtkLabel      *form_test_message_label (KapFieldRow *row);
/* The codes a choice offers, in order. */
GPtrArray     *form_test_codes (KapFieldRow *row);

void form_test_set_text (KapFormView *view,
                         const char  *path,
                         const char  *text);

/* A Yes/No question: clicks the button as the officer would. */
void form_test_set_bool (KapFormView *view,
                         const char  *path,
                         gboolean     value);

guint form_test_code_index (KapFieldRow *row,
                            const char  *code);

/* One of a list: linked buttons or a combo row, whichever is shown. */
void form_test_choose (KapFormView *view,
                       const char  *path,
                       const char  *code);

void form_test_check (KapFormView *view,
                      const char  *path,
                      const char  *code);

/* The code picker's popover, and the list of results in it. */
GtkPopover *form_test_picker_popover (KapCodePicker *picker);
GtkListBox *form_test_picker_results (KapCodePicker *picker);

/* Opens the picker's popover, types @query, waits for the results and
 * presses Enter, which picks the best match; returns its code. */
const char *form_test_pick_in (KapCodePicker *picker,
                               const char    *query);

void form_test_pick (KapFormView *view,
                     const char  *path,
                     const char  *query,
                     const char  *expected_code);

/* Fills a screening of a 15-year-old boy travelling alone, the way the
 * officer goes through it, up to @steps answers (G_MAXUINT: all). */
guint form_test_fill_screening (KapFormView *view,
                                guint        steps);
