/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-duplicates.h"
#include "kap-form-registry.h"
#include "kap-record-list.h"
#include "kap-records-private.h"
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

  /* Owned references */
  KapStore             *store;
  GError               *error;
  KapFormRegistry      *forms;
  KapPersonIndex       *person_index;
  KapRecordList        *records;
  GtkSingleSelection   *selection;
  char                 *officer;
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

G_END_DECLS
