/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Shared by the widget tests of ui/sync/ (profiles, review, sync page,
 * conflicts page): a fresh store and settings per test, a window on the
 * display, and waiting for the main loop. */

#include <glib/gstdio.h>

#include "kap-conflicts-page.h"
#include "kap-profiles-page.h"
#include "kap-review-page.h"
#include "kap-sync-page.h"
#include "kap-sync-values.h"
#include "kap-ui-test.h"
#include "kap-record-pane.h"
#include "kap-sync-banner.h"
#include "kap-window.h"

typedef struct
{
  char            *dir;
  KapStore        *store;
  KapFormRegistry *forms;
  GSettings       *settings;
} SyncFixture;

/* The memory backend keeps values for the whole process: every test
 * starts from the schema's defaults. */
void sync_settings_reset (GSettings *settings);

void sync_fixture_set_up (SyncFixture   *fixture,
                          gconstpointer  data);

void sync_fixture_tear_down (SyncFixture   *fixture,
                             gconstpointer  data);

gboolean sync_timeout_cb (gpointer user_data);

void sync_spin (void);

void sync_wait_mapped (GtkWidget *widget);

KapWindow *sync_window_new (SyncFixture *fixture);

void sync_window_destroy (KapWindow *window);

void sync_save_profile (KapStore   *store,
                        const char *code,
                        const char *name,
                        KapRole     role);

void sync_type (gpointer    editable,
                const char *text);

void sync_click (gpointer button);

/* What a person finds on a page, asserted to be there: the row titled
 * @title (“_Password”), the button labelled @label (“_Start Sync”). */
GtkWidget *sync_row (gpointer    root,
                     const char *title);
GtkWidget *sync_button (gpointer    root,
                        const char *label);
/* The profiles page's list of profiles (the chooser). */
GtkListBox *sync_profile_list (KapProfilesPage *page);

/* A finished record of @type written by an officer, about no person. */
char *sync_put_record (KapStore   *store,
                       const char *type,
                       const char *form,
                       const char *status,
                       const char *name);

/* The same start-up as the other widget tests (kap-ui-test.h). */
gboolean sync_test_init (int    *argc,
                         char ***argv);

/* The window's offer to sync (its KapSyncBanner). */
KapSyncBanner   *sync_banner (KapWindow *window);
/* The profile button (the avatar) on the header bar of the window's page
 * @page ("main", "empty"). */
GtkMenuButton   *sync_profile_button (KapWindow  *window,
                                      const char *page);
/* Who the window writes records as. */
KapRecordAuthor  sync_author (KapWindow *window);
