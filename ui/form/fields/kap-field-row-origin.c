/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-row"

/* KapFieldRow: the caption that says where a carried answer came from
 * (“From the registration”). Apart from kap-field-row.c, which is near
 * its size limit; it needs only the row's public accessors. */

#include "config.h"

#include "kap-field-row.h"

/* The caption lives in the row's object data: it is an addition to any
 * kind of row, made only when an answer was carried. */
#define ORIGIN_LABEL "kap-field-row-origin"

static GtkWidget *
new_caption (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_label_set_justify (GTK_LABEL (label), GTK_JUSTIFY_RIGHT);
  gtk_label_set_xalign (GTK_LABEL (label), 1.0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_add_css_class (label, "kap-origin");

  return label;
}

void
kap_field_row_set_origin (KapFieldRow *self,
                          const char  *caption)
{
  GtkWidget *edit_row;
  GtkWidget *label;

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  edit_row = kap_field_row_get_edit_row (self);
  label = g_object_get_data (G_OBJECT (self), ORIGIN_LABEL);
  if (label == NULL)
    {
      if (caption == NULL || edit_row == NULL)
        return;

      label = new_caption ();
      if (ADW_IS_ACTION_ROW (edit_row))
        adw_action_row_add_suffix (ADW_ACTION_ROW (edit_row), label);
      else if (ADW_IS_ENTRY_ROW (edit_row))
        adw_entry_row_add_suffix (ADW_ENTRY_ROW (edit_row), label);
      else if (ADW_IS_EXPANDER_ROW (edit_row))
        adw_expander_row_add_action (ADW_EXPANDER_ROW (edit_row), label);
      else
        {
          /* A kind without a place for suffixes says it on hover. */
          g_object_unref (g_object_ref_sink (label));
          gtk_widget_set_tooltip_text (edit_row, caption);
          return;
        }
      /* Owned by the edit row, which lives as long as this row. */
      g_object_set_data (G_OBJECT (self), ORIGIN_LABEL, label);
    }

  gtk_label_set_text (GTK_LABEL (label), caption ? caption : "");
  gtk_widget_set_visible (label, caption != NULL);
}

const char *
kap_field_row_get_origin (KapFieldRow *self)
{
  GtkWidget *label;

  g_return_val_if_fail (KAP_IS_FIELD_ROW (self), NULL);

  label = g_object_get_data (G_OBJECT (self), ORIGIN_LABEL);
  if (label == NULL || !gtk_widget_get_visible (label))
    return NULL;

  return gtk_label_get_text (GTK_LABEL (label));
}
