/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row-private.h"
#include "kap-form-view.h"

G_BEGIN_DECLS

/* The field row at @path, for tests that drive its widgets. */
KapFieldRow *kap_form_view_lookup        (KapFormView  *self,
                                          const char   *path);
/* The preferences group that shows the group or repeat field @name. */
GtkWidget   *kap_form_view_get_group     (KapFormView  *self,
                                          const char   *name);
/* The "Add" button of a repeat, and the "Remove" button of its item
 * @index (from 0). */
GtkWidget   *kap_form_view_get_add_button    (KapFormView *self,
                                              const char  *repeat);
GtkWidget   *kap_form_view_get_remove_button (KapFormView *self,
                                              const char  *repeat,
                                              guint        index);

/* The person picker a "person" field opened, while it is open. */
GtkWindow   *kap_form_view_get_person_picker (KapFormView *self);

G_END_DECLS
