/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-review-page.h"

G_BEGIN_DECLS

/* The instance structure, here so that the widget tests can reach the
 * widgets on screen. Nothing outside ui/ and tests/ui/ includes this
 * header. */

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

G_END_DECLS
