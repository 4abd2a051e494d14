/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

/* Which kind of row shows @field of @form: a subclass of KapFieldRow, or
 * G_TYPE_INVALID for groups and repeats (the form view lays those out). */
GType        kap_field_factory_get_kind (KapForm      *form,
                                         KapFormField *field);

/* The row for @field, whose answer is in @item of @repeat (the item at
 * @index) or else in @answers. Read-only, every answer is shown as text;
 * @store (may be NULL) names the persons of "person" fields. */
KapFieldRow *kap_field_factory_new_row  (KapForm      *form,
                                         KapFormField *field,
                                         JsonObject   *answers,
                                         KapFormField *repeat,
                                         JsonObject   *item,
                                         guint         index,
                                         gboolean      read_only,
                                         KapStore     *store) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
