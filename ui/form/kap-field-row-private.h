/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "kap-form.h"
#include "kap-store.h"

G_BEGIN_DECLS

typedef struct _KapFieldRow KapFieldRow;

/* How the view learns that the officer changed an answer. */
typedef void (*KapFieldRowChanged) (KapFieldRow *row,
                                    gpointer     user_data);

/* One field of a form on screen: the widget the officer edits (or, for a
 * calculated or read-only field, a row that shows the answer as text) and
 * the line under it for the hint or what is wrong. The answer lives in
 * @answers (or in @item inside a repeat); the row writes it there. */
struct _KapFieldRow
{
  KapForm            *form;
  KapFormField       *field;
  JsonObject         *answers;       /* the whole record body */
  JsonObject         *item;          /* the repeat item, or NULL */
  JsonObject         *target;        /* where the answer lives: item or answers */
  KapFormField       *repeat;        /* the enclosing repeat, or NULL */
  guint               index;         /* the item's position in the repeat */

  KapFieldRowChanged  changed;
  gpointer            changed_data;
  KapStore           *store;         /* for "person" fields; not owned, may be NULL */
  gboolean            can_pick;      /* "person": the view has a person picker */

  GtkWidget          *edit_row;      /* NULL when the field is never editable */
  GtkWidget          *display_row;   /* AdwActionRow showing the answer */
  GtkWidget          *message_row;
  GtkLabel           *message_label;
  GtkWidget          *focus_widget;  /* the first control of the edit row */
  char               *hint;

  /* Kind-specific widgets. */
  GtkWidget          *entry;         /* AdwEntryRow */
  GtkTextBuffer      *buffer;        /* multiline text */
  GtkCalendar        *calendar;
  GtkWidget          *date_button;
  GPtrArray          *choice_values; /* char*, the codes offered */
  GPtrArray          *toggles;       /* GtkToggleButton, one per code */
  GPtrArray          *checks;        /* GtkCheckButton, one per code */
  AdwComboRow        *combo;
  GtkStringList      *combo_model;
  GtkWidget          *picker;        /* KapCodePicker */
  GtkWidget          *person_clear;  /* "person": the button that removes the person */
  char              **allowed;       /* select_one: the codes allowed now */

  char               *parse_error;   /* text that is not a number or date */
  char               *message;       /* the message shown, or NULL */
  gboolean            loading;       /* setting widgets, not the officer */
  gboolean            read_only;     /* the whole view is read-only */
  gboolean            relevant;
  gboolean            required;
};

KapFieldRow *kap_field_row_new            (KapForm            *form,
                                           KapFormField       *field,
                                           JsonObject         *answers,
                                           KapFormField       *repeat,
                                           JsonObject         *item,
                                           guint               index,
                                           gboolean            read_only,
                                           KapStore           *store,
                                           KapFieldRowChanged  changed,
                                           gpointer            changed_data);
void         kap_field_row_free           (KapFieldRow        *row);
/* Adds the row's widgets to a preferences group or an expander row. */
void         kap_field_row_add_to         (KapFieldRow        *row,
                                           GtkWidget          *container);
void         kap_field_row_remove_from    (KapFieldRow        *row,
                                           GtkWidget          *container);
/* Re-evaluates relevance, required, read-only, the shown answer and the
 * message; @show_missing also reports required answers still missing. */
void         kap_field_row_update         (KapFieldRow        *row,
                                           const GDate        *today,
                                           gboolean            show_missing);
/* Only these codes may be chosen (select_one); NULL: every choice. */
void         kap_field_row_set_allowed    (KapFieldRow        *row,
                                           const char * const *codes);
gboolean     kap_field_row_grab_focus     (KapFieldRow        *row);
/* "family_members[2].member_name" (items count from 1, as
 * kap_form_validate() writes paths) or "age_years". */
char        *kap_field_row_get_path       (KapFieldRow        *row) G_GNUC_WARN_UNUSED_RESULT;
/* The answer as text for people: choice labels, Yes/No, names of codes. */
char        *kap_field_row_format_answer  (KapForm            *form,
                                           KapFormField       *field,
                                           JsonNode           *node) G_GNUC_WARN_UNUSED_RESULT;
/* The row the field's widgets are in (for scrolling to it). */
GtkWidget   *kap_field_row_get_widget     (KapFieldRow        *row);

/* Used by the kinds of field (kap-field-entry.c, kap-field-choice.c). */
void         kap_field_row_set_answer     (KapFieldRow        *row,
                                           JsonNode           *node);
JsonNode    *kap_field_row_get_answer     (KapFieldRow        *row);
void         kap_field_row_emit_changed   (KapFieldRow        *row);
char        *kap_field_row_title          (KapFieldRow        *row) G_GNUC_WARN_UNUSED_RESULT;

GtkWidget   *kap_field_entry_build        (KapFieldRow        *row);
void         kap_field_entry_load         (KapFieldRow        *row);
GtkWidget   *kap_field_choice_build       (KapFieldRow        *row);
void         kap_field_choice_load        (KapFieldRow        *row);
void         kap_field_choice_set_allowed (KapFieldRow        *row);
/* Text fields with appearance "person" (kap-person-picker.h). */
gboolean     kap_field_is_person          (KapFormField       *field);
GtkWidget   *kap_field_person_build       (KapFieldRow        *row);
void         kap_field_person_load        (KapFieldRow        *row);
/* Sets (or with NULL removes) the person, as choosing them does. */
void         kap_field_person_set         (KapFieldRow        *row,
                                           const char         *person_id);
/* Reads the answer into the widgets again (after it changed from
 * outside), dropping text that did not parse. */
void         kap_field_row_reload         (KapFieldRow        *row);
/* Shows the person by name again (the store changed, or was set). */
void         kap_field_row_set_store      (KapFieldRow        *row,
                                           KapStore           *store);
/* Whether a "person" field can choose a person (the view has a picker). */
void         kap_field_row_set_can_pick   (KapFieldRow        *row,
                                           gboolean            can_pick);

G_END_DECLS
