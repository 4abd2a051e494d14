/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "kap-expr.h"
#include "kap-value.h"

G_BEGIN_DECLS

/* Data-driven forms (DESIGN.md, Forms). A form is a JSON document:
 *
 *   { "type": "form", "form_id": "screening", "version": 1,
 *     "record_type": "screening",
 *     "title": { "en": "Vulnerability screening", "sq": "…", … },
 *     "fields": [ FIELD, … ],
 *     "choices": { "LIST": [ { "value": "UAC", "label": { "en": "…" } }, … ] } }
 *
 *   FIELD: { "name": "age_years", "type": "integer",
 *            "label": {…}, "hint": {…},
 *            "required": true or "EXPR", "read_only": true or "EXPR",
 *            "relevant": "EXPR", "constraint": "EXPR",
 *            "constraint_message": {…}, "calculate": "EXPR", "default": "EXPR",
 *            "choices": "LIST" or "@countries" or "@languages",
 *            "merge": "set" (select_multiple: merged as a set union on sync),
 *            "appearance": "multiline" …, "fields": [ FIELD, … ] (group, repeat) }
 *
 * Types: text, integer, decimal, date, select_one, select_multiple,
 * boolean, note, group, repeat. Field names are unique in the whole form;
 * answers are stored flat in the record by name, except that a repeat
 * holds an array of objects, one per item, with its fields' answers.
 * Inside a repeat item an expression sees the item's own fields first,
 * then the rest of the form.
 *
 * Everything is checked when the form loads: structure, choice lists,
 * every expression (syntax, fields, types) and cycles between calculated
 * fields, so nothing can go wrong while an officer types. */

#define KAP_FORM_ERROR (kap_form_error_quark ())

typedef enum
{
  KAP_FORM_ERROR_MALFORMED,     /* not JSON */
  KAP_FORM_ERROR_INVALID,       /* wrong structure */
  KAP_FORM_ERROR_EXPRESSION,    /* an expression does not parse or check */
  KAP_FORM_ERROR_CYCLE,         /* calculations that depend on each other */
} KapFormError;

GQuark kap_form_error_quark (void);

typedef enum
{
  KAP_FIELD_TEXT,
  KAP_FIELD_INTEGER,
  KAP_FIELD_DECIMAL,
  KAP_FIELD_DATE,
  KAP_FIELD_SELECT_ONE,
  KAP_FIELD_SELECT_MULTIPLE,
  KAP_FIELD_BOOLEAN,
  KAP_FIELD_NOTE,
  KAP_FIELD_GROUP,
  KAP_FIELD_REPEAT,
} KapFieldType;

typedef struct _KapFormField KapFormField;

typedef struct
{
  char       *value;
  JsonObject *label;    /* per language */
} KapChoice;

/* One problem found by kap_form_validate(). */
typedef struct
{
  char *path;       /* "age_years", or "family_members[2].relationship" */
  char *field;      /* the field's name */
  char *label;      /* the field's label in the chosen language */
  char *message;    /* what is wrong, in the chosen language */
} KapFormIssue;

#define KAP_TYPE_FORM_ISSUE (kap_form_issue_get_type ())
GType         kap_form_issue_get_type (void) G_GNUC_CONST;
KapFormIssue *kap_form_issue_copy     (const KapFormIssue *issue);
void          kap_form_issue_free     (KapFormIssue       *issue);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapFormIssue, kap_form_issue_free)

#define KAP_TYPE_FORM (kap_form_get_type ())
G_DECLARE_FINAL_TYPE (KapForm, kap_form, KAP, FORM, GObject)

KapForm       *kap_form_new_from_json        (const char    *json,
                                              gssize         length,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;
KapForm       *kap_form_new_from_object      (JsonObject    *object,
                                              GError       **error) G_GNUC_WARN_UNUSED_RESULT;

const char    *kap_form_get_form_id          (KapForm       *self);
guint          kap_form_get_version          (KapForm       *self);
/* "screening@1": what a record keeps in its "form" member. */
const char    *kap_form_get_key              (KapForm       *self);
const char    *kap_form_get_record_type      (KapForm       *self);
const char    *kap_form_get_title            (KapForm       *self,
                                              const char    *language);
/* The fields at the top level, in order. */
guint          kap_form_get_n_fields         (KapForm       *self);
KapFormField  *kap_form_get_field            (KapForm       *self,
                                              guint          position);
KapFormField  *kap_form_lookup_field         (KapForm       *self,
                                              const char    *name);
/* A choice list by name; NULL for unknown lists and for the code lists
 * ("@countries", "@languages"), which the UI takes from kap-codes. */
GPtrArray     *kap_form_get_choices          (KapForm       *self,
                                              const char    *list);

const char    *kap_form_field_get_name       (KapFormField  *field);
KapFieldType   kap_form_field_get_field_type (KapFormField  *field);
/* The type of the field's answer: KAP_VALUE_NULL for note, group, repeat. */
KapValueType   kap_form_field_get_value_type (KapFormField  *field);
const char    *kap_form_field_get_label      (KapFormField  *field,
                                              const char    *language);
/* NULL when the field has no hint. */
const char    *kap_form_field_get_hint       (KapFormField  *field,
                                              const char    *language);
const char    *kap_form_field_get_choice_list (KapFormField *field);
const char    *kap_form_field_get_appearance (KapFormField  *field);
gboolean       kap_form_field_get_merge_as_set (KapFormField *field);
gboolean       kap_form_field_has_calculate  (KapFormField  *field);
/* The enclosing group or repeat, or NULL at the top level. */
KapFormField  *kap_form_field_get_parent     (KapFormField  *field);
guint          kap_form_field_get_n_children (KapFormField  *field);
KapFormField  *kap_form_field_get_child      (KapFormField  *field,
                                              guint          position);
/* The label of one choice of the field's list, or NULL. */
const char    *kap_form_field_get_choice_label (KapFormField *field,
                                                const char   *value,
                                                const char   *language);

/* The state of a field for some answers. @item is the repeat item the
 * field is in (NULL outside repeats); @today NULL means the real date.
 * A field is relevant only when its groups are relevant too. */
gboolean       kap_form_field_is_relevant    (KapForm       *self,
                                              KapFormField  *field,
                                              JsonObject    *answers,
                                              JsonObject    *item,
                                              const GDate   *today);
gboolean       kap_form_field_is_required    (KapForm       *self,
                                              KapFormField  *field,
                                              JsonObject    *answers,
                                              JsonObject    *item,
                                              const GDate   *today);
gboolean       kap_form_field_is_read_only   (KapForm       *self,
                                              KapFormField  *field,
                                              JsonObject    *answers,
                                              JsonObject    *item,
                                              const GDate   *today);
/* What is wrong with the field's current answer (required but missing,
 * not of its type or choices, or against its constraint), in @language;
 * NULL when nothing is. Non-relevant fields are never wrong. */
char          *kap_form_field_check          (KapForm       *self,
                                              KapFormField  *field,
                                              JsonObject    *answers,
                                              JsonObject    *item,
                                              const char    *language,
                                              const GDate   *today) G_GNUC_WARN_UNUSED_RESULT;

/* A new, empty item of a repeat, with its "item_id" (a uuid v7): the
 * identity by which the sync's three-way merge matches the items of two
 * edited copies (core/docs/kap-merge.h). No field may be called item_id. */
JsonObject    *kap_form_repeat_item_new      (void) G_GNUC_WARN_UNUSED_RESULT;

/* Sets the default of every field that has one and no answer yet. */
void           kap_form_apply_defaults       (KapForm       *self,
                                              JsonObject    *answers,
                                              const GDate   *today);
/* Evaluates the calculations in dependency order (those in repeats once
 * per item) and stores their results; a calculation that is not relevant
 * has its answer removed. Returns TRUE if any answer changed. */
gboolean       kap_form_apply_calculations   (KapForm       *self,
                                              JsonObject    *answers,
                                              const GDate   *today);
/* Removes the answers of fields that are not relevant: what the officer
 * answered before changing an earlier answer is not kept (minimisation). */
void           kap_form_prune                (KapForm       *self,
                                              JsonObject    *answers,
                                              const GDate   *today);
/* Every problem of the answers, as KapFormIssue, in form order. */
GPtrArray     *kap_form_validate             (KapForm       *self,
                                              JsonObject    *answers,
                                              const char    *language,
                                              const GDate   *today) G_GNUC_WARN_UNUSED_RESULT;

/* Picks a text from {"en": …, "sr-Latn": …} for @language (NULL: the UI's
 * languages), falling back to the base language, then the UI's languages,
 * then English, then any. */
const char    *kap_form_pick_text            (JsonObject    *texts,
                                              const char    *language);
/* Whether @texts has a text in @language itself (or its base language),
 * that is, kap_form_pick_text() would not fall back. */
gboolean       kap_form_has_text             (JsonObject    *texts,
                                              const char    *language);

/* The languages of the form's texts (title, labels, hints, choices,
 * constraint messages) as their tags ("en", "sr-Latn", "ar"): English and
 * the region's languages first, then those of the people at the counter,
 * then any other by tag. The person-facing texts (consent) carry more
 * languages than the rest. */
GStrv          kap_form_get_languages        (KapForm       *self) G_GNUC_WARN_UNUSED_RESULT;
/* The one of those languages that the UI's languages pick, or "en". */
const char    *kap_form_get_ui_language      (KapForm       *self);
/* Whether every text @field has (label, hint, constraint message, its
 * choices' labels) is in @language; FALSE when one would fall back.
 * NULL (the UI's languages) is always TRUE. */
gboolean       kap_form_field_has_language   (KapFormField  *field,
                                              const char    *language);
/* A language's name in itself ("العربية" for "ar", "Srpski" for
 * "sr-Latn"), or NULL when it is not one forms are known to carry. */
const char    *kap_language_get_native_name  (const char    *tag);

/* TRUE for the names of a record's own members (type, form, status, …;
 * kap_record_member_is_reserved()): no field may be called so. */
gboolean       kap_form_name_is_reserved     (const char    *name);

G_END_DECLS
