/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-document.h"
#include "kap-form.h"

G_BEGIN_DECLS

/* Records: documents captured with a form (DESIGN.md, Documents). Besides
 * the form's answers a record's body holds these members, which no form
 * field may use as a name:
 *
 *   type        person, screening, return_interest, referral, interpreter_session
 *   form        the key of the form it was captured with ("screening@1")
 *   status      draft → final → reviewed
 *   station     the station code of the laptop
 *   device      the laptop's id in this store
 *   created_at, updated_at   UTC, "2025-03-15T09:30:00Z"
 *   created_by, updated_by   the officer's code
 *   person_id   the person a screening, return interest, referral or
 *               interpreter session is about
 *   screening_id  the screening a referral comes from
 *   carried     where the answers a draft started with came from
 *               (kap-carry.h)
 */

#define KAP_RECORD_STATUS_DRAFT    "draft"
#define KAP_RECORD_STATUS_FINAL    "final"
#define KAP_RECORD_STATUS_REVIEWED "reviewed"

/* Who is writing, on which laptop. Until profiles and sign-in exist
 * (sync issue), the app fills it from its settings. */
typedef struct
{
  const char *officer;    /* the officer's code, never a name */
  const char *station;    /* e.g. "RS-PRE" */
  const char *device;     /* kap_store_get_device_id () */
} KapRecordAuthor;

/* TRUE for the members above: form fields cannot be called so. */
gboolean      kap_record_member_is_reserved (const char            *name);

/* A new draft of the form's record type, with its defaults and
 * calculations applied; @today NULL is the real date. */
KapDocument  *kap_record_new                (KapForm               *form,
                                             const KapRecordAuthor *author,
                                             const GDate           *today) G_GNUC_WARN_UNUSED_RESULT;
/* Before each save of a draft: runs the calculations and stamps
 * updated_at and updated_by. */
void          kap_record_update             (KapDocument           *record,
                                             KapForm               *form,
                                             const KapRecordAuthor *author,
                                             const GDate           *today);
/* Validates the record with its form. With no issue the record becomes
 * final: answers that are not relevant are removed (minimisation) and the
 * status is set; returns an empty array. Otherwise returns the issues
 * (KapFormIssue) and leaves the record a draft. */
GPtrArray    *kap_record_finalize           (KapDocument           *record,
                                             KapForm               *form,
                                             const KapRecordAuthor *author,
                                             const char            *language,
                                             const GDate           *today) G_GNUC_WARN_UNUSED_RESULT;

/* A supervisor's review of a final record: the status becomes reviewed
 * and updated_at/updated_by are stamped. Returns FALSE (and changes
 * nothing) when the record is not final. Whether @author may review is
 * the caller's to check (kap_role_can_supervise). */
gboolean      kap_record_review             (KapDocument           *record,
                                             const KapRecordAuthor *author);

/* Records the next step of an assisted voluntary return case on a
 * return interest: its "stage" becomes @stage since @date ("2025-03-15"),
 * with @note, the short reason an exit (withdrawn, not eligible, referred
 * for protection) needs; NULL or "" removes the note. The status stays as
 * it is: a final record stays final, since moving the case on does not
 * reopen the interview. Returns FALSE, changing nothing, when the record
 * is not a return interest, @date is not a date or the move is not
 * allowed from the record's stage (kap_avr_stage_can_move). The caller
 * stamps the change with kap_record_update(). */
gboolean      kap_record_set_stage          (KapDocument           *record,
                                             const char            *stage,
                                             const char            *date,
                                             const char            *note);

const char   *kap_record_get_status         (KapDocument           *record);
const char   *kap_record_get_form_key       (KapDocument           *record);
const char   *kap_record_get_person_id      (KapDocument           *record);
void          kap_record_set_person_id      (KapDocument           *record,
                                             const char            *person_id);

/* "2025-03-15T09:30:00Z" for now. */
char         *kap_record_timestamp_now      (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
