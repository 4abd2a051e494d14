/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-conflict-resolver.h"
#include "kap-conflicts-page.h"

G_BEGIN_DECLS

/* The instance structure, here so that the widget tests can reach the
 * widgets on screen. Nothing outside ui/ and tests/ui/ includes this
 * header. */

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
  KapContext      *context;        /* who resolves (the resolver checks it) */
  GPtrArray       *views;              /* KapConflictView */
  GPtrArray       *rejected_rows;      /* GtkWidget, in rejected_group */
};

G_END_DECLS
