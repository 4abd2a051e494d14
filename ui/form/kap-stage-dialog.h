/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form.h"

G_BEGIN_DECLS

#define KAP_TYPE_STAGE_DIALOG (kap_stage_dialog_get_type ())
G_DECLARE_FINAL_TYPE (KapStageDialog, kap_stage_dialog, KAP, STAGE_DIALOG, AdwMessageDialog)

/* Asks for the next stage of an assisted voluntary return case whose
 * answers are @answers (its "stage", "stage_date" and "stage_note"): only
 * the stages the case may move to (kap_avr_stage_next), labelled with the
 * choices of @form's "stage" field, the date since when (today unless
 * changed) and, for the exits the form asks a reason for, a short reason.
 * The "update" response is enabled only when the answers make a change
 * that is allowed; "cancel" closes it. @today NULL is the real date. */
KapStageDialog *kap_stage_dialog_new        (GtkWindow      *parent,
                                             KapForm        *form,
                                             JsonObject     *answers,
                                             const GDate    *today);
/* The answers, valid while "update" is enabled. */
const char     *kap_stage_dialog_get_stage  (KapStageDialog *self);
/* "2025-03-15" */
const char     *kap_stage_dialog_get_date   (KapStageDialog *self);
/* The reason, or NULL when the stage needs none. */
const char     *kap_stage_dialog_get_note   (KapStageDialog *self);
/* The codes of the stages offered, in the order of the stage row (the
 * current stage first, when there is one). */
const char * const *kap_stage_dialog_get_stages (KapStageDialog *self);

G_END_DECLS
