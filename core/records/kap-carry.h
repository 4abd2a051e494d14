/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* Asking each fact once (issue 8): a new record about a person starts
 * from what earlier records of that person already say, and remembers
 * where each such answer came from, so that the form can say so until the
 * officer changes it.
 *
 *   screening            age, how the age was found out and sex, from
 *                        the person
 *   return interest      citizenships and date of birth from the person,
 *                        vulnerabilities from the latest screening
 *   interpreter session  interpreter, language and mode from the latest
 *                        screening or return interest of the person
 *                        that used an interpreter
 *
 * The origins are kept in the record's reserved member "carried": for
 * each carried answer the kind of record it came from, that record's id
 * and day, and the value carried. The value tells whether the answer is
 * still the carried one; the member goes when the record is finalized
 * (kap_records_finalize()), since it holds copies of answers. */

typedef struct
{
  char     *field;        /* the answer in the new record */
  JsonNode *value;        /* what it starts as */
  char     *source_type;  /* KAP_CARRY_FROM_REGISTRATION, "person", "screening", "return_interest" */
  char     *source_id;    /* the record it comes from, or NULL */
  char     *source_date;  /* the day that record was made, "2026-12-03", or NULL */
} KapCarry;

/* The new-person dialog, which writes the person's first answers. */
#define KAP_CARRY_FROM_REGISTRATION "registration"

void       kap_carry_free           (KapCarry    *carry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCarry, kap_carry_free)

/* What a new record of @form about @person_id starts from, as KapCarry
 * items in the form's order of rules; empty when nothing is known (or
 * @person_id is NULL). NULL with @error when the person cannot be read. */
GPtrArray *kap_carry_find           (KapStore    *store,
                                     KapForm     *form,
                                     const char  *person_id,
                                     GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* Sets each carried answer in @body and notes where it came from. */
void       kap_carry_apply          (JsonObject  *body,
                                     GPtrArray   *carries);

/* Notes that the current answer @field of @body came from a record of
 * @source_type (@source_id and @source_date may be NULL). Nothing is
 * noted when @body has no such answer. */
void       kap_carry_note           (JsonObject  *body,
                                     const char  *field,
                                     const char  *source_type,
                                     const char  *source_id,
                                     const char  *source_date);

/* The kind of record the answer @field came from, or NULL when it was
 * not carried or the officer has changed it since. */
const char *kap_carry_get_source    (JsonObject  *body,
                                     const char  *field);

/* The caption the form shows under a carried answer: “From the
 * registration”, “From the screening of 3 Dec”; NULL as for
 * kap_carry_get_source(). */
char       *kap_carry_describe      (JsonObject  *body,
                                     const char  *field) G_GNUC_WARN_UNUSED_RESULT;

/* The names of the answers of @body noted as carried (changed or not),
 * NULL-terminated, or NULL when there are none. */
char      **kap_carry_list_fields   (JsonObject  *body) G_GNUC_WARN_UNUSED_RESULT;

/* Removes the notes (when the record becomes final). */
void        kap_carry_forget        (JsonObject  *body);

G_END_DECLS
