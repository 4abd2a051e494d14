/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-profiles-page.h"

G_BEGIN_DECLS

/* The instance structure, here so that the widget tests can reach the
 * widgets on screen. Nothing outside ui/ and tests/ui/ includes this
 * header. */

struct _KapProfilesPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "first-run", "chooser" */
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

G_END_DECLS
