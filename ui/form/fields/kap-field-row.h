/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form.h"
#include "kap-store.h"

G_BEGIN_DECLS

#define KAP_TYPE_FIELD_ROW (kap_field_row_get_type ())
G_DECLARE_DERIVABLE_TYPE (KapFieldRow, kap_field_row, KAP, FIELD_ROW, GObject)

/* One field of a form on screen: the row the officer edits (or, for a
 * calculated or read-only field, a row that shows the answer as text)
 * and the line under it for the hint or what is wrong. The answer lives
 * in the record's answers (or in the repeat item); the row writes it
 * there and emits "changed". Each kind of field is a subclass (one file
 * each in this folder); kap-field-factory.c says which kind a field is. */
struct _KapFieldRowClass
{
  GObjectClass parent_class;

  /* The row the officer edits; it sets the widget that takes the focus
   * with kap_field_row_set_focus_widget(). Called once, only when the
   * field can be edited; NULL (or a NULL result): the answer is shown as
   * text only. */
  GtkWidget *(*build)           (KapFieldRow *self);
  /* The row that shows the answer read-only (default: an AdwActionRow
   * whose subtitle is describe()). */
  GtkWidget *(*build_display)   (KapFieldRow *self);
  /* Puts the answer into the edit row's widgets; called with
   * kap_field_row_is_loading() TRUE, so the widgets' own signals write
   * nothing back. */
  void       (*load)            (KapFieldRow *self);
  /* The answer as people read it, or NULL when there is none (default:
   * kap_field_row_format_answer()). */
  char      *(*describe)        (KapFieldRow *self);
  /* Re-evaluates relevance, required, read-only, the shown answer and
   * the message (default: all of that; a note has only relevance). */
  void       (*update)          (KapFieldRow *self,
                                 const GDate *today,
                                 gboolean     show_missing);
  /* The codes allowed changed (kap_field_row_set_allowed()). */
  void       (*allowed_changed) (KapFieldRow *self);
  /* The store or whether a person can be picked changed. */
  void       (*store_changed)   (KapFieldRow *self);
  /* The form language changed (kap_field_row_set_language()): the
   * field's texts into the widgets, with kap_field_row_is_loading() TRUE
   * and the answer kept. Kinds with texts of their own (choices) set them
   * and chain up last: the default sets the titles, marks texts that fell
   * back to the UI's language and lays each label out in its text's
   * direction (kap-form-text.h). */
  void       (*relabel)         (KapFieldRow *self);

  /* The hint is the line under the edit row (entry rows have no
   * subtitle); otherwise the kind shows it itself. */
  gboolean   hint_below;
  /* The field asks nothing (a note): it has no line for messages. */
  gboolean   asks_nothing;

  gpointer   padding[8];
};

/* For the form view. */
void          kap_field_row_add_to           (KapFieldRow        *self,
                                              GtkWidget          *container);
void          kap_field_row_remove_from      (KapFieldRow        *self,
                                              GtkWidget          *container);
void          kap_field_row_update           (KapFieldRow        *self,
                                              const GDate        *today,
                                              gboolean            show_missing);
/* Only these codes may be chosen (select_one); NULL: every choice. */
void          kap_field_row_set_allowed      (KapFieldRow        *self,
                                              const char * const *codes);
const char * const *kap_field_row_get_allowed (KapFieldRow       *self);
gboolean      kap_field_row_grab_focus       (KapFieldRow        *self);
/* Reads the answer into the widgets again (after it changed from
 * outside), dropping text that did not parse. */
void          kap_field_row_reload           (KapFieldRow        *self);
/* The store whose persons "person" fields show by name (not owned). */
void          kap_field_row_set_store        (KapFieldRow        *self,
                                              KapStore           *store);
KapStore     *kap_field_row_get_store        (KapFieldRow        *self);
/* Whether a "person" field can choose a person (the view has a picker). */
void          kap_field_row_set_can_pick     (KapFieldRow        *self,
                                              gboolean            can_pick);
gboolean      kap_field_row_get_can_pick     (KapFieldRow        *self);

/* The language of the form's texts on the row (a tag of the form's,
 * "ar"); NULL, the default: the UI's languages. */
void          kap_field_row_set_language     (KapFieldRow        *self,
                                              const char         *language);
const char   *kap_field_row_get_language     (KapFieldRow        *self);

/* What the row is. */
KapForm      *kap_field_row_get_form         (KapFieldRow        *self);
KapFormField *kap_field_row_get_field        (KapFieldRow        *self);
/* The enclosing repeat and the item's position in it, or NULL. */
KapFormField *kap_field_row_get_repeat       (KapFieldRow        *self);
guint         kap_field_row_get_index        (KapFieldRow        *self);
/* The repeat item the answer is in, or NULL: the record's answers. */
JsonObject   *kap_field_row_get_item         (KapFieldRow        *self);
/* "family_members[2].member_name" (items count from 1, as
 * kap_form_validate() writes paths) or "age_years". */
char         *kap_field_row_get_path         (KapFieldRow        *self) G_GNUC_WARN_UNUSED_RESULT;
gboolean      kap_field_row_get_relevant     (KapFieldRow        *self);

/* What is on screen. The edit row is NULL when the field is never
 * editable; the display row (the answer as text) is NULL when it always
 * is; kap_field_row_get_widget() is the one shown now. */
GtkWidget    *kap_field_row_get_edit_row     (KapFieldRow        *self);
GtkWidget    *kap_field_row_get_display_row  (KapFieldRow        *self);
GtkWidget    *kap_field_row_get_widget       (KapFieldRow        *self);
/* The row under it with the hint or what is wrong (a GtkLabel child);
 * NULL for a note. */
GtkWidget    *kap_field_row_get_message_row  (KapFieldRow        *self);
/* What is wrong with the answer now, or NULL. */
const char   *kap_field_row_get_message      (KapFieldRow        *self);

/* The answer as text for people: choice labels, Yes/No, names of codes. */
char         *kap_field_row_format_answer    (KapForm            *form,
                                              KapFormField       *field,
                                              JsonNode           *node) G_GNUC_WARN_UNUSED_RESULT;

/* For the kinds of field. */
JsonNode     *kap_field_row_get_answer       (KapFieldRow        *self);
/* Takes @node (NULL removes the answer). */
void          kap_field_row_set_answer       (KapFieldRow        *self,
                                              JsonNode           *node);
/* Emits "changed", unless the row is loading its widgets. */
void          kap_field_row_emit_changed     (KapFieldRow        *self);
gboolean      kap_field_row_is_loading       (KapFieldRow        *self);
void          kap_field_row_set_loading      (KapFieldRow        *self,
                                              gboolean            loading);
/* Text that is not a number or a date: shown instead of the form's own
 * message until the officer types something that parses. */
void          kap_field_row_set_parse_error  (KapFieldRow        *self,
                                              const char         *message);
const char   *kap_field_row_get_parse_error  (KapFieldRow        *self);
const char   *kap_field_row_get_hint         (KapFieldRow        *self);
/* The widgets and the shown answer again, for kinds whose display
 * depends on more than the answer (a person's name in the store). */
void          kap_field_row_refresh          (KapFieldRow        *self);
void          kap_field_row_set_focus_widget (KapFieldRow        *self,
                                              GtkWidget          *widget);
/* The field's label, with the mark of a required answer when it is one. */
char         *kap_field_row_title            (KapFieldRow        *self) G_GNUC_WARN_UNUSED_RESULT;

/* Where a carried answer came from (“From the registration”), shown as a
 * small caption on the edit row; NULL hides it (kap-carry.h in core/
 * says which answers were carried and whether they still are). */
void          kap_field_row_set_origin       (KapFieldRow        *self,
                                              const char         *caption);
/* The caption shown now, or NULL. */
const char   *kap_field_row_get_origin       (KapFieldRow        *self);

/* For the factory (kap-field-factory.c): builds the widgets of a row
 * just made with g_object_new(). */
void          kap_field_row_construct        (KapFieldRow        *self,
                                              KapForm            *form,
                                              KapFormField       *field,
                                              JsonObject         *answers,
                                              KapFormField       *repeat,
                                              JsonObject         *item,
                                              guint               index,
                                              gboolean            read_only,
                                              KapStore           *store);

/* kap-field-row-relabel.c: the default relabel. */
void          kap_field_row_real_relabel     (KapFieldRow        *self);

G_END_DECLS
