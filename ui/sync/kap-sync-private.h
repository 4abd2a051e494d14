/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-conflict-resolver.h"
#include "kap-sync-pages.h"
#include "kap-sync-session.h"

G_BEGIN_DECLS

/* The instance structures of ui/sync/, here so that the widget tests can
 * reach the widgets on screen (as kap-records-private.h does). Nothing
 * outside ui/ and tests/ui/ includes this header. */

struct _KapProfilesPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "first-run", "chooser" */
  AdwWindowTitle  *title;
  GtkButton       *cancel_button;
  /* first run */
  AdwStatusPage   *form_page;
  AdwEntryRow     *name_row;
  AdwEntryRow     *code_row;
  AdwComboRow     *role_row;
  AdwEntryRow     *station_row;
  GtkLabel        *form_error;
  GtkButton       *create_button;
  GtkButton       *form_back_button;
  /* chooser */
  GtkListBox      *profile_list;

  KapStore        *store;
  GSettings       *settings;
  GPtrArray       *profiles;           /* KapProfile, as listed */
};

struct _KapReviewPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "list", "empty" */
  GtkListView     *list_view;
  AdwWindowTitle  *title;

  KapStore        *store;
  KapFormRegistry *forms;
  KapRecordList   *records;            /* status final */
};

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
  AdwActionRow    *pulled_row;
  AdwActionRow    *merged_row;
  AdwActionRow    *conflicts_row;
  AdwActionRow    *rejected_row;
  AdwActionRow    *errors_row;
  AdwActionRow    *not_taken_row;
  AdwPreferencesGroup *problems_group;  /* what is still to resolve, with the reasons */
  GPtrArray       *problem_rows;       /* GtkWidget, in problems_group */
  GtkButton       *conflicts_button;
  GtkButton       *again_button;

  KapStore        *store;
  KapFormRegistry *forms;
  GSettings       *settings;
  char            *station;
  KapSyncSession  *session;            /* while a run goes on */
  GCancellable    *cancellable;
  KapSyncSummary  *summary;            /* of the last run, or NULL */
  GError          *error;              /* of the last run, or NULL */
  guint64          done;
  guint64          total;
  double           max_fraction;       /* the furthest the bar went in the last run */
  guint            wait_source;        /* ticks wait_label while a run goes on */
};

/* One clash on the conflicts page: the three sides and the choice. */
typedef struct
{
  KapMergeClash   *clash;              /* owned by the conflict's merge result */
  GtkToggleButton *buttons[3];         /* base, ours, theirs */
  GtkToggleButton *edited_button;      /* shown once a value was typed */
  GtkWidget       *edit_button;        /* a GtkMenuButton, text fields only, else NULL */
  JsonNode        *edited;             /* the typed value, or NULL */
} KapClashChoice;

typedef struct
{
  KapConflict     *conflict;
  GPtrArray       *choices;            /* KapClashChoice */
  GtkButton       *apply_button;
} KapConflictView;

struct _KapConflictsPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "list", "empty" */
  GtkBox          *conflicts_box;
  AdwPreferencesGroup *rejected_group;
  GtkLabel        *error_label;

  KapStore        *store;
  KapFormRegistry *forms;
  char            *officer;
  char            *station;
  GPtrArray       *views;              /* KapConflictView */
  GPtrArray       *rejected_rows;      /* GtkWidget, in rejected_group */
};

/* kap-sync-values.c: a clash's value and its field as a person reads them. */
char       *kap_sync_value_to_text      (KapForm        *form,
                                         const char     *path,
                                         JsonNode       *value) G_GNUC_WARN_UNUSED_RESULT;
/* "Notes", or "Family Members · Item 2 · Name" for a member of a repeat
 * item; @document (nullable) is where the item's number is looked up. */
char       *kap_sync_path_label         (KapForm        *form,
                                         const char     *path,
                                         JsonObject     *document) G_GNUC_WARN_UNUSED_RESULT;
/* The form field of a clash path, or NULL (whole items, the document). */
KapFormField *kap_sync_path_field       (KapForm        *form,
                                         const char     *path);
/* What to do about a record the server refused for @reason. */
const char *kap_sync_rejection_advice   (const char     *reason);

/* Sync error → what the supervisor reads on the page. */
char       *kap_sync_error_text         (const GError   *error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
