/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-conflicts-page.h"
#include "kap-field-row.h"

G_BEGIN_DECLS

/* Shared by the files of the conflicts page: kap-conflicts-page.c (the
 * queue, Apply and Undo) and kap-conflicts-page-clash.c (one clash's
 * row: the sides and "Other value…"). */

enum { KAP_CLASH_BASE, KAP_CLASH_OURS, KAP_CLASH_THEIRS };

/* One clash on the conflicts page: the three sides and the choice. */
typedef struct
{
  KapMergeClash   *clash;              /* owned by the conflict's merge result */
  gboolean         base_known;         /* the common version is on this laptop */
  GtkToggleButton *buttons[3];         /* base, ours, theirs; the base NULL for a deletion */
  GtkToggleButton *other_button;       /* shown once another value was chosen */
  GtkWidget       *other_menu;         /* "Other value…", a GtkMenuButton, or NULL */
  GtkWidget       *use_button;         /* in its popover */
  KapFieldRow     *field_row;          /* the form's own row for the field, in the popover */
  JsonObject      *answers;            /* what field_row edits: a copy of the merged record */
  JsonNode        *other;              /* the other value chosen, or NULL */
} KapClashChoice;

void        kap_clash_choice_free              (gpointer          data);
/* Whether a choice is made, and its value (borrowed; NULL: absent). */
gboolean    kap_clash_choice_get               (KapClashChoice   *choice,
                                                JsonNode        **value);
/* Chooses @value (NULL: absent) as the other value. */
void        kap_clash_choice_set_other         (KapClashChoice   *choice,
                                                KapForm          *form,
                                                JsonNode         *value);
/* The row of @choice: the sides as toggle buttons and, for a field the
 * form can edit here, "Other value…". */
GtkWidget  *kap_conflicts_page_clash_row_new   (KapConflictsPage *self,
                                                KapForm          *form,
                                                KapConflict      *conflict,
                                                KapClashChoice   *choice);
/* The context the page was made with. */
KapContext *kap_conflicts_page_get_context     (KapConflictsPage *self);
/* Every row's "Other value…" button and the empty space of rows without
 * one share a width, so that the sides line up from row to row. */
GtkSizeGroup *kap_conflicts_page_get_other_size (KapConflictsPage *self);
/* A choice changed: Apply follows. */
void        kap_conflicts_page_choice_changed  (KapConflictsPage *self);

G_END_DECLS
