/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-records-page.h"

G_BEGIN_DECLS

/* The records page's insides, shared by the page (kap-records-page.c)
 * and its menus (kap-records-page-menus.c). */

struct _KapRecordsPage
{
  AdwBin              parent_instance;

  /* Template widgets */
  AdwHeaderBar       *header_bar;
  AdwWindowTitle     *list_title;
  GtkMenuButton      *new_menu_button;
  GtkMenuButton      *primary_menu_button;
  GtkMenuButton      *profile_button;
  GtkButton          *sync_button;
  GtkSearchEntry     *search_entry;
  GtkMenuButton      *filter_button;
  GtkMenuButton      *legend_button;
  GtkBox             *legend_box;
  GtkStack           *list_stack;
  GtkListView        *list_view;
  AdwStatusPage      *no_results_page;

  /* Owned references */
  KapRecordList      *records;
  KapFormRegistry    *forms;
  GtkSingleSelection *selection;
  GMenuModel         *primary_menu;
  char               *filter_type;
  char               *filter_status;
  char               *filter_priority;
  char               *filter_sync;
  gboolean            folded;
  gboolean            group_by_person;
  gboolean            selecting;      /* the page moves the selection itself */
};

/* kap-records-page-menus.c: the filter menu, with what is chosen in each
 * submenu's label, and the legend of the sync icons. */
gboolean kap_records_page_filter_is_active   (KapRecordsPage *self);
void     kap_records_page_rebuild_filter_menu (KapRecordsPage *self);
void     kap_records_page_fill_sync_legend   (KapRecordsPage *self);

G_END_DECLS
