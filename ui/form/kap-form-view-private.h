/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Inside the form view only: its parts, shared by kap-form-view.c (the
 * layout, relevance, repeats) and kap-form-view-person.c (choosing a
 * person for a "person" field). */

#include "kap-field-row.h"
#include "kap-form-view.h"

G_BEGIN_DECLS

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
};

/* The "form.pick-person" action: opens the person picker for the field
 * at the path given. */
void kap_form_view_pick_person (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter);

G_END_DECLS
