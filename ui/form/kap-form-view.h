/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-field-row.h"
#include "kap-form.h"
#include "kap-form-registry.h"
#include "kap-person-picker.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_FORM_VIEW (kap_form_view_get_type ())
G_DECLARE_FINAL_TYPE (KapFormView, kap_form_view, KAP, FORM_VIEW, AdwBin)

/* The fields of a form as preferences groups, one row per field, editing
 * @answers in place (a record's body: answers are stored flat by name).
 * After every change it runs the calculations and shows or hides fields
 * by relevance, updates required marks and the messages under the rows,
 * then emits "changed". Read-only, every answer is shown as text. */
GtkWidget  *kap_form_view_new                 (KapForm            *form,
                                               JsonObject         *answers,
                                               gboolean            read_only);
KapForm    *kap_form_view_get_form            (KapFormView        *self);
JsonObject *kap_form_view_get_answers         (KapFormView        *self);
gboolean    kap_form_view_get_read_only       (KapFormView        *self);
/* After a failed finalize: also mark required answers that are missing. */
void        kap_form_view_set_show_missing    (KapFormView        *self,
                                               gboolean            show_missing);
/* Offer only @codes (NULL: all) for the select_one field @name; the
 * current answer stays on offer so that nothing is lost. */
void        kap_form_view_set_allowed_choices (KapFormView        *self,
                                               const char         *name,
                                               const char * const *codes);
/* The store whose persons "person" fields (a family member's record)
 * show by name and choose from, with the person picker that ui/records
 * lends (kap-person-picker.h); @forms is for the picker's rows. Without a
 * store those fields show the record id and cannot be changed. */
void        kap_form_view_set_store           (KapFormView        *self,
                                               KapStore           *store,
                                               KapFormRegistry    *forms);
/* How "person" fields choose a person (kap-person-picker.h); NULL (the
 * default): they show the person and cannot change them. */
void        kap_form_view_set_person_picker   (KapFormView        *self,
                                               KapPersonPickerFunc func);
/* The date "today()" means in expressions; NULL (the default) is the real
 * date. For tests and screenshots. */
void        kap_form_view_set_today           (KapFormView        *self,
                                               const GDate        *today);
/* Moves the keyboard focus to the field at @path ("age_years",
 * "family_members[1].member_name"), opening its repeat item and scrolling
 * it into view. FALSE when the field is not shown. */
gboolean    kap_form_view_focus_path          (KapFormView        *self,
                                               const char         *path);
/* The row that shows the field at @path, or NULL. */
GtkWidget  *kap_form_view_get_row             (KapFormView        *self,
                                               const char         *path);
/* The field row at @path, or NULL (for tests, which drive its widgets). */
KapFieldRow *kap_form_view_lookup            (KapFormView        *self,
                                               const char         *path);
/* The preferences group that shows the group or repeat field @name. */
GtkWidget  *kap_form_view_get_group           (KapFormView        *self,
                                               const char         *name);
/* The "Add" button of a repeat, and the "Remove" button of its item
 * @index (from 0). */
GtkWidget  *kap_form_view_get_add_button      (KapFormView        *self,
                                               const char         *repeat);
GtkWidget  *kap_form_view_get_remove_button   (KapFormView        *self,
                                               const char         *repeat,
                                               guint               index);
/* The person picker a "person" field opened, while it is open. */
GtkWindow  *kap_form_view_get_person_picker   (KapFormView        *self);
/* Shows the form's texts (labels, hints, choices, constraint messages)
 * in @language, one of kap_form_get_languages(), in place: the answers,
 * the focus and the widgets stay. NULL, or the form's text language that
 * the UI's languages pick, is the UI's. A text without @language shows in
 * the UI's language, marked so. Property: "language". */
void        kap_form_view_set_language        (KapFormView        *self,
                                               const char         *language);
const char *kap_form_view_get_language        (KapFormView        *self);
/* Re-reads every answer into the widgets (after the answers were changed
 * from outside) and re-evaluates the form. */
void        kap_form_view_reload              (KapFormView        *self);

/* Answering from the keyboard (kap-form-view-keys.c): what a key
 * pressed in the view does with the question that has the focus. Y or N
 * (or the initials of Yes and No in the officer's language, when they are
 * not ambiguous) answer a yes/no question; 1–9 choose the n-th answer of
 * a single choice or toggle it in a multiple one. After a single answer
 * the focus moves to the next question shown. FALSE when the key does
 * nothing here (it then goes on as usual). */
gboolean    kap_form_view_answer_key          (KapFormView        *self,
                                               guint               keyval,
                                               GdkModifierType     state);
/* Which answer of a yes/no question @keyval gives: 0 (Yes), 1 (No) or
 * -1. Y and N always; the initials of @yes and @no (the words in the
 * officer's language: “P”/“J” for Po/Jo) too, unless they clash with each
 * other or with Y/N, which would make a key mean two things. */
int         kap_form_view_yes_no_key          (guint               keyval,
                                               const char         *yes,
                                               const char         *no);
/* Moves the focus to the first question shown after @after. */
gboolean    kap_form_view_focus_next          (KapFormView        *self,
                                               KapFieldRow        *after);

/* The sections (kap-form-view-sections.c): one per group of the form, in
 * order, including those hidden by relevance. The title is NULL for a
 * section that is hidden or has none. */
guint       kap_form_view_get_n_sections      (KapFormView        *self);
const char *kap_form_view_get_section_title   (KapFormView        *self,
                                               guint               index);
/* How many questions section @index asks now, and how many of them have
 * an answer. */
guint       kap_form_view_count_section       (KapFormView        *self,
                                               guint               index,
                                               guint              *answered);
/* Focuses the section's first question without an answer (else its
 * first question) in the middle of the view. */
gboolean    kap_form_view_focus_section       (KapFormView        *self,
                                               guint               index);
/* "No to the Rest": answers No to every optional yes/no question of
 * section @index that is shown and has no answer (an answer is never
 * overwritten; required questions are the officer's to answer), shows
 * a toast with Undo when the view is in an AdwToastOverlay, and returns
 * how many were answered. */
guint       kap_form_view_answer_rest_no      (KapFormView        *self,
                                               guint               index);
/* Takes the last "No to the Rest" back (answers changed since are kept). */
gboolean    kap_form_view_undo_rest           (KapFormView        *self);

G_END_DECLS
