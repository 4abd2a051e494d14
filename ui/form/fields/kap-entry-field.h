/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

#define KAP_TYPE_ENTRY_FIELD (kap_entry_field_get_type ())
G_DECLARE_DERIVABLE_TYPE (KapEntryField, kap_entry_field, KAP, ENTRY_FIELD, KapFieldRow)

/* Answers typed on one line (an AdwEntryRow, the edit row): text as it
 * is; subclasses read numbers and dates out of the text. */
struct _KapEntryFieldClass
{
  KapFieldRowClass parent_class;

  /* The answer in @text (stripped, not empty), or NULL with @error set
   * to what the officer should type instead. Default: the text. */
  JsonNode *(*parse) (KapEntryField *self,
                      const char    *text,
                      char         **error);

  gpointer padding[4];
};

G_END_DECLS
