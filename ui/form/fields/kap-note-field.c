/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-note-field"

#include "config.h"

#include "kap-note-field.h"

struct _KapNoteField
{
  KapFieldRow parent_instance;
};

G_DEFINE_FINAL_TYPE (KapNoteField, kap_note_field, KAP_TYPE_FIELD_ROW)

/* A wrapped label, not a question. (An icon beside it would put the
 * label in a horizontal box, whose height-for-width GTK 4.8 gets wrong by
 * a pixel for wrapped labels.) */
static GtkWidget *
kap_note_field_build_display (KapFieldRow *row)
{
  KapFormField *field = kap_field_row_get_field (row);
  GtkWidget *label = gtk_label_new (kap_form_field_get_label (field, NULL));
  GtkWidget *display = adw_preferences_row_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (label, "kap-note");

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (display), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (display), FALSE);
  /* GtkListBox moves the keyboard focus past insensitive rows only: a
   * row that just refuses focus would end Tab at the group. */
  gtk_widget_set_sensitive (display, FALSE);

  return display;
}

static void
kap_note_field_update (KapFieldRow *row,
                       const GDate *today,
                       gboolean     show_missing)
{
  gtk_widget_set_visible (kap_field_row_get_display_row (row), kap_field_row_get_relevant (row));
}

/* A note is its label: the text itself in the form language. */
static void
kap_note_field_relabel (KapFieldRow *row)
{
  GtkWidget *display = kap_field_row_get_display_row (row);
  GtkWidget *label = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (display));

  gtk_label_set_text (GTK_LABEL (label),
                      kap_form_field_get_label (kap_field_row_get_field (row), kap_field_row_get_language (row)));

  KAP_FIELD_ROW_CLASS (kap_note_field_parent_class)->relabel (row);
}

static void
kap_note_field_class_init (KapNoteFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  row_class->build_display = kap_note_field_build_display;
  row_class->update = kap_note_field_update;
  row_class->relabel = kap_note_field_relabel;
  row_class->asks_nothing = TRUE;
}

static void
kap_note_field_init (KapNoteField *self)
{
}
