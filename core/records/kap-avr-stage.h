/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The stages of an assisted voluntary return case (DOMAIN.md §2.2) and
 * the moves between them that a counsellor may record. The form holds
 * the stage as a select_one; this table says which changes are allowed
 * when a record is saved, and the UI offers only those. */

/* Every stage code, in case order then the exits; NULL-terminated. */
const char * const *kap_avr_stage_all              (void);
gboolean            kap_avr_stage_is_valid         (const char *stage);
/* Closed, withdrawn, not eligible, referred for protection. */
gboolean            kap_avr_stage_is_final         (const char *stage);
/* Whether a case may move from @from to @to (staying is always allowed;
 * @from NULL is a new case, which starts at EOI). */
gboolean            kap_avr_stage_can_move         (const char *from,
                                                    const char *to);
/* The stages a case at @from may move to, @from itself first. */
char              **kap_avr_stage_next             (const char *from) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
