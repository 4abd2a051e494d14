/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-multiline-field"

#include "config.h"

#include "kap-multiline-field.h"

struct _KapMultilineField
{
  KapFieldRow    parent_instance;

  GtkTextBuffer *buffer;
};

G_DEFINE_FINAL_TYPE (KapMultilineField, kap_multiline_field, KAP_TYPE_FIELD_ROW)

static void
buffer_changed_cb (GtkTextBuffer     *buffer,
                   KapMultilineField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *stripped = NULL;
  JsonNode *node = NULL;

  if (kap_field_row_is_loading (row))
    return;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  stripped = g_strstrip (g_strdup (text));
  /* Blank text is no answer; otherwise keep the text as typed. */
  if (stripped[0] != '\0')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
kap_multiline_field_build (KapFieldRow *row)
{
  KapMultilineField *self = KAP_MULTILINE_FIELD (row);
  GtkWidget *prefs_row = adw_preferences_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *title = gtk_label_new (kap_form_field_get_label (kap_field_row_get_field (row), NULL));
  GtkWidget *frame = gtk_frame_new (NULL);
  GtkWidget *view = gtk_text_view_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (prefs_row), FALSE);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "kap-row-title");
  g_object_bind_property (prefs_row, "title", title, "label", G_BINDING_DEFAULT);

  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 8);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 8);
  gtk_widget_set_size_request (view, -1, 96);
  gtk_frame_set_child (GTK_FRAME (frame), view);
  gtk_widget_add_css_class (frame, "kap-multiline");
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, title, NULL,
                                  -1);

  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), frame);
  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (prefs_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (prefs_row), FALSE);
  gtk_widget_set_focusable (prefs_row, FALSE);

  self->buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  kap_field_row_set_focus_widget (row, view);
  g_signal_connect_object (self->buffer, "changed", G_CALLBACK (buffer_changed_cb), self, 0);

  return prefs_row;
}

static void
kap_multiline_field_load (KapFieldRow *row)
{
  KapMultilineField *self = KAP_MULTILINE_FIELD (row);
  JsonNode *answer = kap_field_row_get_answer (row);
  g_autofree char *text = NULL;

  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer))
    {
      g_autoptr(KapValue) value = kap_value_new_from_json (answer, kap_form_field_get_value_type (kap_field_row_get_field (row)));

      if (value != NULL)
        text = kap_value_to_string (value);
    }

  gtk_text_buffer_set_text (self->buffer, text ? text : "", -1);
}

static void
kap_multiline_field_class_init (KapMultilineFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  row_class->build = kap_multiline_field_build;
  row_class->load = kap_multiline_field_load;
  row_class->hint_below = TRUE;
}

static void
kap_multiline_field_init (KapMultilineField *self)
{
}
