/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-duplicates.h"
#include "kap-form-registry.h"
#include "kap-record-list.h"
#include "kap-records-private.h"
#include "kap-conflicts-page.h"
#include "kap-profiles-page.h"
#include "kap-review-page.h"
#include "kap-sync-page.h"
#include "kap-window.h"

G_BEGIN_DECLS

/* The instance structure lives here rather than in kap-window.c so that the
 * widget tests can reach the template children and assert on what is
 * really on screen, not on a copy of the logic. Nothing outside ui/ and
 * tests/ui/ includes this header. */
struct _KapWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  AdwLeaflet           *leaflet;
  AdwHeaderBar         *header_bar;
  AdwWindowTitle       *list_title;
  GtkMenuButton        *new_menu_button;
  GtkMenuButton        *primary_menu_button;
  GtkSearchEntry       *search_entry;
  GtkMenuButton        *filter_button;
  GtkStack             *list_stack;
  GtkListView          *list_view;
  AdwStatusPage        *no_results_page;
  AdwHeaderBar         *content_header_bar;
  AdwWindowTitle       *content_title;
  GtkButton            *back_button;
  GtkStack             *content_stack;
  AdwStatusPage        *none_page;
  AdwBin               *person_bin;
  AdwBin               *editor_bin;
  AdwStatusPage        *empty_page;
  GtkButton            *empty_register_button;
  GtkMenuButton        *empty_menu_button;
  AdwStatusPage        *error_page;
  GtkMenuButton        *error_menu_button;

  /* Made in code */
  KapPersonPage        *person_page;
  GtkWidget            *editor;               /* a KapRecordEditor, or NULL */
  KapNewPersonDialog   *new_person_dialog;    /* weak, while it is open */
  KapPersonChooser     *person_chooser;       /* weak, while it is open */
  GtkRevealer          *banner;               /* the offer to sync on a new network */
  GtkLabel             *banner_label;
  GtkMenuButton        *profile_buttons[2];   /* on the list and on the empty page */
  GtkButton            *sync_buttons[2];
  KapProfilesPage      *profiles_page;        /* made when first needed */
  KapReviewPage        *review_page;
  KapSyncPage          *sync_page;
  KapConflictsPage     *conflicts_page;

  /* Owned references */
  KapStore             *store;
  GError               *error;
  KapFormRegistry      *forms;
  KapPersonIndex       *person_index;
  KapRecordList        *records;
  GtkSingleSelection   *selection;
  char                 *officer;
  GSettings            *settings;             /* may be NULL (widget tests) */
  KapProfile           *profile;              /* who is signed in, or NULL */
  gboolean              ask_profile;          /* no work before a profile is chosen */
  const char           *mode;                 /* NULL (the records) or a page of ui/sync */
  KapRecordList        *pending;              /* records not synced yet, for the banner */
  gboolean              network_available;
  char                 *station;
  char                 *filter_type;
  char                 *filter_status;
  char                 *filter_priority;
  char                 *filter_sync;
  char                 *shown_id;             /* the record in the end pane */
  char                 *shown_type;
  gboolean              selecting;            /* the window moves the selection itself */
};

/* The author of records written in this window (see KapRecordAuthor). The
 * strings belong to the window. */
void  kap_window_get_author   (KapWindow       *self,
                               KapRecordAuthor *author);
/* Shows the record @id in the end pane: a person's page, or the record
 * editor (for a person too when @edit). */
void  kap_window_open_record  (KapWindow       *self,
                               const char      *id,
                               gboolean         edit);

/* Whether the signed-in profile may sync, review and resolve. */
gboolean kap_window_can_supervise   (KapWindow       *self);
/* A supervisor marks the final record @id reviewed; refused (FALSE, with
 * @error) for an officer, and for a record that is not final. */
gboolean kap_window_mark_reviewed   (KapWindow       *self,
                                     const char      *id,
                                     GError         **error);
/* What the GNetworkMonitor reports: on a change to available, offers a
 * sync to a supervisor when records are waiting. */
void     kap_window_network_changed (KapWindow       *self,
                                     gboolean         available);

G_END_DECLS
