/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-document.h"

G_BEGIN_DECLS

/* Only the store gives an id to a document that was created without one. */
void kap_document_set_id (KapDocument *self,
                          const char  *id);

G_END_DECLS
