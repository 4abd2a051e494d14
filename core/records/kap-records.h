/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form-registry.h"
#include "kap-profiles.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* The records service: every operation on a record that the app and
 * kapija-cli share, with the role rules of DESIGN.md checked here (one
 * place for the GUI and the CLI, and where audit and permission hooks go).
 * Widgets call these and show the result. Each write goes through the
 * store's one write path (core/store/kap-store-write.c). */

#define KAP_RECORDS_ERROR (kap_records_error_quark ())
GQuark kap_records_error_quark (void);

typedef enum
{
  KAP_RECORDS_ERROR_NOT_SIGNED_IN,  /* the operation needs a profile */
  KAP_RECORDS_ERROR_NOT_PERMITTED,  /* the profile's role may not do it */
  KAP_RECORDS_ERROR_UNKNOWN_FORM,   /* the form is not installed */
  KAP_RECORDS_ERROR_INCOMPLETE,     /* answers missing or wrong (the issues say which) */
  KAP_RECORDS_ERROR_WRONG_STATUS,   /* e.g. reviewing a draft, moving a draft's stage */
  KAP_RECORDS_ERROR_STAGE,          /* the case cannot move to that stage from where it is */
  KAP_RECORDS_ERROR_NO_CONSENT,     /* a referral without the person's consent for its service */
} KapRecordsError;

/* What a profile may be asked to do. Capturing (creating, saving,
 * finalizing a record, moving an AVR case on) is for every profile;
 * reviewing, syncing, resolving conflicts, deleting and changing the
 * laptop's station are a supervisor's (DESIGN.md "Who uses it"; the server's validate_doc_update
 * refuses review and deletion by anyone else). */
typedef enum
{
  KAP_RECORDS_ACTION_CAPTURE,
  KAP_RECORDS_ACTION_REVIEW,
  KAP_RECORDS_ACTION_SYNC,
  KAP_RECORDS_ACTION_RESOLVE,
  KAP_RECORDS_ACTION_DELETE,
  KAP_RECORDS_ACTION_SET_STATION,   /* which station the laptop writes into every record */
} KapRecordsAction;

/* Whether @profile (NULL: nobody signed in) may do @action; FALSE with
 * KAP_RECORDS_ERROR_NOT_SIGNED_IN or _NOT_PERMITTED otherwise. Capturing
 * needs no profile: a window made without one writes the placeholder
 * author (ui/kap-window.c). */
gboolean      kap_records_check          (const KapProfile       *profile,
                                          KapRecordsAction        action,
                                          GError                **error);

/* A new draft of the latest version of @form_id, written to @store: about
 * @person_id if not NULL, starting from what the person's earlier
 * records say (kap-carry.h: a screening from the person's age and sex, a
 * return interest from the citizenships, date of birth and the latest
 * screening's categories…), so the officer only confirms it. */
KapDocument  *kap_records_create_draft   (KapStore               *store,
                                          KapFormRegistry        *forms,
                                          const KapRecordAuthor  *author,
                                          const char             *form_id,
                                          const char             *person_id,
                                          GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* Saves a draft's answers: runs the calculations, stamps it and writes
 * @record's next revision (its _rev is updated). On a write error the
 * record keeps the answers, so a later save can try again. */
gboolean      kap_records_save           (KapStore               *store,
                                          KapDocument            *record,
                                          KapForm                *form,
                                          const KapRecordAuthor  *author,
                                          GError                **error);

/* Makes a saved draft final. When answers are missing or wrong, returns
 * FALSE with KAP_RECORDS_ERROR_INCOMPLETE and the KapFormIssue list in
 * @issues (if not NULL), the record still a draft; a referral without the
 * person's consent for its service is refused with _NO_CONSENT, whatever
 * its form says; when the write fails, the record's body is restored to
 * what it was. */
gboolean      kap_records_finalize       (KapStore               *store,
                                          KapDocument            *record,
                                          KapForm                *form,
                                          const KapRecordAuthor  *author,
                                          GPtrArray             **issues,
                                          GError                **error);

/* Whether a final return interest can move on (DOMAIN.md §2.2): a case
 * that has ended goes nowhere, a draft is at its first stage. */
gboolean      kap_records_can_move_stage (KapDocument            *record,
                                          KapForm                *form);

/* Moves a final return interest to @stage since @date, with @note: a new
 * revision that stays final. Refused, with the record as it was, when
 * the move is not allowed (KAP_RECORDS_ERROR_STAGE or _WRONG_STATUS), the
 * stage's answers are wrong (_INCOMPLETE, the issue's message) or the
 * write fails (the store's error). */
gboolean      kap_records_move_stage     (KapStore               *store,
                                          KapDocument            *record,
                                          KapForm                *form,
                                          const KapRecordAuthor  *author,
                                          const char             *stage,
                                          const char             *date,
                                          const char             *note,
                                          GError                **error);

/* A supervisor's review of the final record @id: it becomes reviewed. */
gboolean      kap_records_review         (KapStore               *store,
                                          const KapProfile       *profile,
                                          const KapRecordAuthor  *author,
                                          const char             *id,
                                          GError                **error);

/* A supervisor's deletion of revision @rev of @id; returns the
 * tombstone's revision. */
char         *kap_records_delete         (KapStore               *store,
                                          const KapProfile       *profile,
                                          const char             *id,
                                          const char             *rev,
                                          GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* Throws a draft away (DESIGN.md: a draft that should never have been
 * started). Its author (@author's officer code is the record's
 * created_by) or a supervisor (@profile) may discard it; anybody else is
 * refused with KAP_RECORDS_ERROR_NOT_PERMITTED. A final or reviewed
 * record is never discarded (KAP_RECORDS_ERROR_WRONG_STATUS): only a
 * supervisor deletes it (kap_records_delete()). Writes a tombstone on
 * revision @rev of @id and returns its revision. */
char         *kap_records_discard        (KapStore               *store,
                                          const KapProfile       *profile,
                                          const KapRecordAuthor  *author,
                                          const char             *id,
                                          const char             *rev,
                                          GError                **error) G_GNUC_WARN_UNUSED_RESULT;

/* Undoes kap_records_discard(): @draft (the record as it was, with any
 * revision) comes back as a draft on top of the tombstone @tombstone_rev,
 * with the same id and answers; its _rev is updated. Refused
 * (KAP_RECORDS_ERROR_WRONG_STATUS) for anything but a draft. */
gboolean      kap_records_restore_draft  (KapStore               *store,
                                          KapDocument            *draft,
                                          const char             *tombstone_rev,
                                          GError                **error);

G_END_DECLS
