/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-sync-page.h"
#include "kap-sync-session.h"

G_BEGIN_DECLS

/* The instance structure, here so that the widget tests can reach the
 * widgets on screen. Nothing outside ui/ and tests/ui/ includes this
 * header. */

struct _KapSyncPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "form", "progress", "summary" */
  AdwEntryRow     *url_row;
  AdwEntryRow     *user_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel        *form_error;
  GtkButton       *start_button;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  GtkLabel        *wait_label;         /* what a long wait is for, and how long */
  GtkButton       *cancel_button;
  AdwStatusPage   *summary_page;
  AdwActionRow    *pushed_row;
  AdwActionRow    *conflicts_row;
  AdwActionRow    *rejected_row;
  AdwActionRow    *errors_row;
  AdwActionRow    *not_taken_row;
  GtkLabel        *pushed_count;       /* the numbers of the rows above */
  GtkLabel        *pulled_count;
  GtkLabel        *merged_count;
  GtkLabel        *conflicts_count;
  GtkLabel        *rejected_count;
  GtkLabel        *errors_count;
  GtkLabel        *not_taken_count;
  AdwPreferencesGroup *problems_group;  /* what is still to resolve, with the reasons */
  GPtrArray       *problem_rows;       /* GtkWidget, in problems_group */
  GtkButton       *conflicts_button;
  GtkButton       *again_button;

  KapStore        *store;
  KapFormRegistry *forms;
  GSettings       *settings;
  KapContext      *context;      /* the station, when a run starts */
  KapSyncSession  *session;            /* while a run goes on */
  GCancellable    *cancellable;
  KapSyncSummary  *summary;            /* of the last run, or NULL */
  GError          *error;              /* of the last run, or NULL */
  guint64          done;
  guint64          total;
  double           max_fraction;       /* the furthest the bar went in the last run */
  guint            wait_source;        /* ticks wait_label while a run goes on */
};

G_END_DECLS
