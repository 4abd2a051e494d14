/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the form view only: its parts, shared by kap-form-view.c (the
 * layout, relevance, repeats), kap-form-view-person.c (choosing a
 * person for a "person" field), kap-form-view-keys.c (answering from the
 * keyboard), kap-form-view-sections.c (the sections: counts, jumping,
 * "No to the Rest") and kap-form-view-scroll.c (where the view scrolls). */

#include "kap-field-row.h"
#include "kap-form-view.h"

G_BEGIN_DECLS

/* One preferences group on the page and the group or repeat field whose
 * relevance shows or hides it (NULL: always shown). */
typedef struct
{
  GtkWidget    *group;
  KapFormField *field;
  GtkWidget    *rest_button;  /* "No to the Rest", or NULL */
} Section;

struct _KapFormView
{
  AdwBin        parent_instance;

  GtkWidget    *box;
  KapForm      *form;
  JsonObject   *answers;
  gboolean      read_only;
  gboolean      show_missing;
  GDate        *today;
  char         *language;   /* of the form's texts; NULL: the UI's */
  KapStore     *store;      /* for "person" fields */
  KapFormRegistry *forms;
  KapPersonPickerFunc pick_person; /* how "person" fields choose, or NULL */
  GtkWindow    *person_picker;  /* weak, while it is open */

  GPtrArray    *rows;       /* KapFieldRow, in form order */
  GArray       *sections;   /* Section */
  GPtrArray    *repeats;    /* Repeat */

  GPtrArray    *rest_rows;  /* KapFieldRow answered by the last "No to the Rest" */

  /* The row that must stay where it is on screen while rows appear or
   * disappear above it (kap-form-view-scroll.c). */
  GtkWidget    *anchor;
  double        anchor_y;
  double        anchor_value;  /* the scroll when it was taken */
  GdkFrameClock *anchor_clock;
  gulong        anchor_handler;
};

/* The "form.pick-person" action: opens the person picker for the field
 * at the path given. */
void kap_form_view_pick_person (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);

/* kap-form-view-keys.c */
void         kap_form_view_setup_keys     (KapFormView *self);
/* The field row that holds the keyboard focus, or NULL. */
KapFieldRow *kap_form_view_get_focus_row  (KapFormView *self);
/* Whether @row asks the officer something that can be answered now. */
gboolean     kap_form_view_row_is_question (KapFormView *self,
                                            KapFieldRow *row);

/* kap-form-view-sections.c */
void         kap_form_view_add_rest_buttons (KapFormView *self);

/* kap-form-view-scroll.c */
/* Keeps @widget where it is on screen through the next layout. */
void         kap_form_view_keep_anchor    (KapFormView *self,
                                           GtkWidget   *widget);
void         kap_form_view_drop_anchor    (KapFormView *self);
/* Focuses @row and scrolls it to the middle of the view. */
gboolean     kap_form_view_focus_middle   (KapFormView *self,
                                           KapFieldRow *row);

G_END_DECLS
