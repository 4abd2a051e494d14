/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form-view.h"

G_BEGIN_DECLS

/* Shows on each answer a draft carried from an earlier record where it
 * came from (kap-carry.h), and follows the view's changes: the caption
 * goes as soon as the officer changes the answer. */
void kap_carry_captions_attach (KapFormView *view);

G_END_DECLS
