/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form-registry.h"
#include "kap-form-view.h"
#include "kap-person-picker.h"
#include "kap-record.h"
#include "kap-stage-dialog.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_RECORD_EDITOR (kap_record_editor_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordEditor, kap_record_editor, KAP, RECORD_EDITOR, AdwBin)

/* Edits one record with the form it was captured with (its "form"
 * member, looked up in @forms). A draft is saved to the store on every
 * change (within a second, and at once by save_now()); "Finalize"
 * validates it and lists what is missing or wrong, each item taking the
 * officer to its field. A final or reviewed record is shown read-only,
 * with its computed categories and priority as badges. A final return
 * interest shows its stage as a badge, and “Update Stage…” moves the case
 * on (a new revision that stays final, kap_record_set_stage()).
 *
 * Properties: "record" (KapDocument, the latest saved revision), "title"
 * (e.g. “Screening · Милица Јовановић”), "saved" (FALSE while a change
 * waits to be written). Signal: "finalized". */
GtkWidget   *kap_record_editor_new          (KapStore              *store,
                                             KapFormRegistry       *forms,
                                             KapDocument           *record,
                                             const KapRecordAuthor *author);
KapDocument *kap_record_editor_get_record   (KapRecordEditor       *self);
const char  *kap_record_editor_get_title    (KapRecordEditor       *self);
gboolean     kap_record_editor_get_saved    (KapRecordEditor       *self);
/* Writes a pending change now (the window calls it before it closes or
 * shows another record). Errors are shown in the editor and returned. */
gboolean     kap_record_editor_save_now     (KapRecordEditor       *self,
                                             GError               **error);
/* How the form's "person" fields (a family member) choose a person
 * (kap-person-picker.h); the window passes kap_person_chooser_pick(). */
void         kap_record_editor_set_person_picker (KapRecordEditor  *self,
                                                  KapPersonPickerFunc func);
/* TRUE for a final or reviewed record, shown read-only. */
gboolean     kap_record_editor_get_read_only (KapRecordEditor      *self);
/* What the “Finalize” button and Ctrl+Enter do: saves, validates, and
 * either makes the record final (emitting "finalized") or lists what is
 * missing or wrong. Returns whether the record is final now. */
gboolean     kap_record_editor_finalize_record (KapRecordEditor    *self,
                                                GError            **error);
/* The form view of the answers; NULL when the record's form is not on
 * this laptop (the editor then says so). */
KapFormView *kap_record_editor_get_view     (KapRecordEditor       *self);
/* The “Update Stage…” dialog while it is open (editor.update-stage opens
 * it), else NULL. */
KapStageDialog *kap_record_editor_get_stage_dialog (KapRecordEditor *self);
/* Adds @footer under the form, scrolled with it (a screening's suggested
 * referrals); it stays there when the form is shown again. */
void         kap_record_editor_add_footer   (KapRecordEditor       *self,
                                             GtkWidget             *footer);

G_END_DECLS
