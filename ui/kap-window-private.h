/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

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
  AdwHeaderBar         *header_bar;
  GtkMenuButton        *primary_menu_button;
  GtkStack             *stack;
  AdwStatusPage        *empty_page;
  AdwStatusPage        *records_page;
  AdwStatusPage        *error_page;

  /* Owned references */
  KapStore             *store;
  GError               *error;
};

G_END_DECLS
