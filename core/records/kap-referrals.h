/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form-registry.h"
#include "kap-record.h"
#include "kap-referral-consent.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* Referrals from a screening (DOMAIN.md §1.4): a screening suggests
 * services ("suggested_services", calculated from its categories), and
 * the officer refers the person to each with the person's consent for
 * that service. What a new referral starts from and which suggestion
 * already has a referral are decided here, so that the screening's editor,
 * the person page and the + menu agree. */

/* The urgency of a referral from its screening's priority: "P1" →
 * "immediate", "P2" → "priority", "P3" → "standard"; NULL for anything
 * else (the officer chooses). */
const char  *kap_referrals_urgency_for_priority (const char            *priority);

/* A new referral draft of the latest referral form, written to @store
 * through the records service and pre-filled: about @person_id, from
 * @screening_id (may be NULL; when given, the person is the screening's
 * and @person_id may be NULL), to @service (may be NULL), with the urgency
 * of the screening's priority. Consent is never pre-filled: it is the
 * person's to give. */
KapDocument *kap_referrals_create_draft         (KapStore              *store,
                                                 KapFormRegistry       *forms,
                                                 const KapRecordAuthor *author,
                                                 const char            *person_id,
                                                 const char            *screening_id,
                                                 const char            *service,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* One referral about a person, as the suggestions show it. */
typedef struct
{
  char *id;
  char *service;        /* e.g. "CPG", or NULL when not chosen yet */
  char *screening_id;   /* or NULL */
  char *status;         /* draft, final, reviewed */
  char *sent_date;      /* "2025-03-15", or NULL */
  char *updated_at;
} KapReferral;

void         kap_referral_free                  (KapReferral           *referral);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapReferral, kap_referral_free)

/* Every referral about @person_id (KapReferral), newest change first,
 * found through the person index of the store's summaries. */
GPtrArray   *kap_referrals_list_for_person      (KapStore              *store,
                                                 const char            *person_id,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* The ids of @person_id's screenings, newest change first. */
GPtrArray   *kap_referrals_list_screenings      (KapStore              *store,
                                                 const char            *person_id,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* One suggestion of a screening and the referral made from it. */
typedef struct
{
  char        *service;    /* the suggested service's code */
  KapReferral *referral;   /* the newest referral from this screening to it, or NULL: still open */
} KapReferralSuggestion;

void         kap_referral_suggestion_free       (KapReferralSuggestion *suggestion);

/* For @screening (a record, saved or as the editor holds it), each
 * suggested service in the order the screening lists them, with its
 * referral or none (KapReferralSuggestion). A final referral wins over a
 * draft to the same service; among equals, the newest. Empty for a
 * record that is not a screening or suggests nothing. */
GPtrArray   *kap_referrals_list_suggestions     (KapStore              *store,
                                                 KapDocument           *screening,
                                                 GError               **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
