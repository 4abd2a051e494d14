/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-new-person-dialog.h"
#include "kap-person-chooser.h"
#include "kap-person-page.h"
#include "kap-record-row.h"

G_BEGIN_DECLS

/* The instance structures of ui/records/, here so that the widget tests
 * can reach the widgets on screen (the window's own go through
 * kap-window.h). Nothing outside ui/ and tests/ui/ includes this header. */

struct _KapRecordRow
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkImage         *type_icon;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *priority_label;
  GtkImage         *sync_icon;

  /* Owned references */
  KapFormRegistry  *forms;
  KapRecordSummary *summary;
};

struct _KapPersonPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *name_label;
  GtkLabel          *original_label;
  GtkLabel          *status_label;
  GtkButton         *edit_button;
  AdwActionRow      *sex_row;
  AdwActionRow      *age_row;
  AdwActionRow      *nationality_row;
  AdwActionRow      *languages_row;
  GtkListBox        *screenings_list;
  GtkListBox        *return_list;
  GtkListBox        *referrals_list;
  GtkListBox        *sessions_list;
  GtkButton         *new_screening_button;
  GtkButton         *new_return_button;

  /* Owned references */
  KapStore          *store;
  KapFormRegistry   *forms;
  KapRecordList     *records;
  char              *person_id;
  char              *title;
};

struct _KapNewPersonDialog
{
  AdwWindow              parent_instance;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkStack              *stack;
  GtkButton             *cancel_button;
  GtkButton             *back_button;
  GtkButton             *continue_button;
  AdwPreferencesGroup   *details_group;
  AdwEntryRow           *name_row;
  AdwEntryRow           *original_row;
  GtkSwitch             *dob_known_switch;
  AdwEntryRow           *dob_row;
  AdwActionRow          *age_row;
  GtkSpinButton         *age_spin;
  GtkListBox            *matches_list;
  GtkLabel              *matches_label;
  GtkButton             *register_new_button;

  /* Added in code: it comes from ui/form/. */
  GtkWidget             *nationality_picker;

  /* Owned references */
  KapStore              *store;
  KapFormRegistry       *forms;
  KapPersonIndex        *index;
  char                  *officer;
  char                  *station;
};

struct _KapPersonChooser
{
  AdwWindow          parent_instance;

  /* Template widgets */
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  GtkListView       *list_view;
  GtkButton         *register_button;

  /* Owned references */
  KapFormRegistry   *forms;
  KapRecordList     *records;
  GtkSingleSelection *selection;
};

G_END_DECLS
