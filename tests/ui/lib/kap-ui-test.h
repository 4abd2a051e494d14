/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What every widget test starts and ends with. */

#include <adwaita.h>
#include <glib/gstdio.h>

#include "kap-context.h"
#include "kap-window.h"

/* g_test_init () and GTK with libadwaita. gtk_test_init () would abort
 * without a display, and skipping would let CI pass without ever drawing
 * a window: without a display this registers one failing test, @path,
 * and returns FALSE; the caller then just runs the tests.
 *
 * No G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and
 * libadwaita 1.2 then trips over the missing GSettings schemas of the
 * desktop. Each store lives in its own g_dir_make_tmp () folder instead. */
gboolean kap_ui_test_init (int         *argc,
                           char      ***argv,
                           const char  *path);

/* Removes a test's temporary folder and everything in it. */
void kap_ui_test_remove_tree (const char *path);

/* Finding widgets as a person finds them: by what they are, what they
 * do and what they say, not by the widget's own fields. Each searches
 * @root and everything under it, depth first, and returns the first
 * match or NULL. */
GtkWidget *kap_ui_test_find (GtkWidget  *root,
                             GType       type);
/* A GtkActionable of @type whose action is @action_name. */
GtkWidget *kap_ui_test_find_action (GtkWidget  *root,
                                    GType       type,
                                    const char *action_name);
/* A widget of @type whose tooltip is @tooltip. */
GtkWidget *kap_ui_test_find_tooltip (GtkWidget  *root,
                                     GType       type,
                                     const char *tooltip);
/* A GtkLabel whose text contains @text. */
GtkLabel  *kap_ui_test_find_label (GtkWidget  *root,
                                   const char *text);
/* A button or menu button whose label is @label, mnemonic included
 * ("_Cancel"). */
GtkWidget *kap_ui_test_find_button (GtkWidget  *root,
                                    const char *label);
/* An AdwPreferencesRow (entry, combo, action row) whose title is @title,
 * mnemonic included ("_Password"). */
GtkWidget *kap_ui_test_find_row    (GtkWidget  *root,
                                    const char *title);
/* An AdwPreferencesGroup whose title is @title. */
AdwPreferencesGroup *kap_ui_test_find_group (GtkWidget  *root,
                                             const char *title);
/* A widget of @type with the accessible role @role (a status line). */
GtkWidget *kap_ui_test_find_role   (GtkWidget         *root,
                                    GType              type,
                                    GtkAccessibleRole  role);
/* What the first GtkListView under @root lists now (a search's results). */
GListModel *kap_ui_test_list_items (GtkWidget *root);
/* Every widget of @type under @root (and @root), in the order on screen
 * for widgets laid out in a row or a column. */
GPtrArray *kap_ui_test_find_all (GtkWidget  *root,
                                 GType       type);

/* The one context of a test's window, as the app makes it (@store and
 * @forms may be NULL: no store, the shipped forms), with the person
 * index of the duplicate check filled from @store. */
KapContext *kap_ui_test_context_new (KapStore        *store,
                                     KapFormRegistry *forms,
                                     GSettings       *settings) G_GNUC_WARN_UNUSED_RESULT;
/* Writes the record @json (a whole body, "type" included) to @store and
 * returns its id. */
char       *kap_ui_test_put_json    (KapStore        *store,
                                     const char      *json) G_GNUC_WARN_UNUSED_RESULT;
/* kap_window_new() with such a context of @store. */
KapWindow  *kap_ui_test_window_new  (KapStore        *store,
                                     const GError    *error) G_GNUC_WARN_UNUSED_RESULT;
