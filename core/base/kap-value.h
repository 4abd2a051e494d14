/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* The kinds of value a form answer or an expression can have. A
 * select_one answer is a string (the choice's code), a select_multiple
 * answer a list of strings; integer and decimal answers are numbers. */
typedef enum
{
  KAP_VALUE_NULL,
  KAP_VALUE_BOOLEAN,
  KAP_VALUE_NUMBER,
  KAP_VALUE_STRING,
  KAP_VALUE_DATE,
  KAP_VALUE_LIST,
} KapValueType;

/* An immutable, reference-counted value. Numbers are doubles, so integers
 * up to 2^53 are exact; they are never NaN or infinite (such a result
 * becomes null). Dates are calendar days without a time or time zone.
 * A missing answer is the null value, never a NULL pointer. */
typedef struct _KapValue KapValue;

#define KAP_TYPE_VALUE (kap_value_get_type ())
GType                kap_value_get_type        (void) G_GNUC_CONST;

KapValue            *kap_value_new_null        (void) G_GNUC_WARN_UNUSED_RESULT;
KapValue            *kap_value_new_boolean     (gboolean            value) G_GNUC_WARN_UNUSED_RESULT;
/* NaN and infinities give the null value; -0 becomes 0. */
KapValue            *kap_value_new_number      (double              value) G_GNUC_WARN_UNUSED_RESULT;
/* A NULL string gives the null value. */
KapValue            *kap_value_new_string      (const char         *value) G_GNUC_WARN_UNUSED_RESULT;
/* An invalid (or NULL) date gives the null value. */
KapValue            *kap_value_new_date        (const GDate        *date) G_GNUC_WARN_UNUSED_RESULT;
/* Julian day number as GDate counts it (1 January of year 1 is day 1). */
KapValue            *kap_value_new_date_julian (guint32             julian) G_GNUC_WARN_UNUSED_RESULT;
/* Strictly "YYYY-MM-DD"; returns NULL (not the null value) when text is
 * not a valid date, so callers can tell bad data from a missing answer. */
KapValue            *kap_value_new_date_from_iso (const char       *text) G_GNUC_WARN_UNUSED_RESULT;
/* The choice codes of a select_multiple answer; NULL gives an empty list. */
KapValue            *kap_value_new_list        (const char * const *items) G_GNUC_WARN_UNUSED_RESULT;

KapValue            *kap_value_ref             (KapValue           *self);
void                 kap_value_unref           (KapValue           *self);

KapValueType         kap_value_get_value_type  (const KapValue     *self);
gboolean             kap_value_is_null         (const KapValue     *self);
/* TRUE only for the boolean true: null and every other kind are FALSE. */
gboolean             kap_value_get_boolean     (const KapValue     *self);
/* 0 when the value is not a number. */
double               kap_value_get_number      (const KapValue     *self);
/* NULL when the value is not a string. */
const char          *kap_value_get_string      (const KapValue     *self);
/* FALSE (and date left untouched) when the value is not a date. */
gboolean             kap_value_get_date        (const KapValue     *self,
                                                GDate              *date);
/* 0 when the value is not a date. */
guint32              kap_value_get_julian      (const KapValue     *self);
/* NULL when the value is not a list. */
const char * const  *kap_value_get_list        (const KapValue     *self);

/* Same kind and same content; lists compare item by item, in order. */
gboolean             kap_value_equal           (const KapValue     *a,
                                                const KapValue     *b);

/* The text form: "" for null, "true"/"false", numbers without exponent and
 * with no more digits than needed to read them back ("15", "1.5"), dates
 * as "YYYY-MM-DD", list items joined by single spaces (as ODK does). */
char                *kap_value_to_string       (const KapValue     *self) G_GNUC_WARN_UNUSED_RESULT;
/* The text form of a number, as kap_value_to_string() writes it. */
char                *kap_value_format_number   (double              number) G_GNUC_WARN_UNUSED_RESULT;

/* "null", "boolean", "number", "string", "date" or "list" (not translated;
 * for debugging and for form definitions). */
const char          *kap_value_type_to_string  (KapValueType        type);

/* Answers as stored in a record's JSON body. A JSON null or a NULL node is
 * the null value; a date is a "YYYY-MM-DD" string; a list is an array of
 * strings. Returns NULL when the node does not hold a value of that type. */
KapValue            *kap_value_new_from_json   (JsonNode           *node,
                                                KapValueType        type) G_GNUC_WARN_UNUSED_RESULT;
JsonNode            *kap_value_to_json         (const KapValue     *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapValue, kap_value_unref)

G_END_DECLS
