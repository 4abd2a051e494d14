/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-toggles-field"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-toggles-field.h"

#define TOGGLE_MAX_CHOICES   4
#define TOGGLE_MAX_LABEL     20
#define TOGGLE_MAX_TOTAL     34

struct _KapTogglesField
{
  KapChoiceField  parent_instance;

  GPtrArray      *buttons;  /* GtkToggleButton, one per answer */
};

G_DEFINE_FINAL_TYPE (KapTogglesField, kap_toggles_field, KAP_TYPE_CHOICE_FIELD)

static gboolean
is_boolean (KapFieldRow *row)
{
  return kap_form_field_get_field_type (kap_field_row_get_field (row)) == KAP_FIELD_BOOLEAN;
}

gboolean
kap_toggles_field_fit (KapForm      *form,
                       KapFormField *field)
{
  g_autoptr(GPtrArray) codes = NULL;
  gsize total = 0;

  if (kap_form_field_get_field_type (field) == KAP_FIELD_BOOLEAN)
    return TRUE;

  codes = kap_choice_field_list_codes (form, field);
  if (codes->len < 2 || codes->len > TOGGLE_MAX_CHOICES)
    return FALSE;

  for (guint i = 0; i < codes->len; i++)
    {
      const char *code = g_ptr_array_index (codes, i);
      const char *label = kap_form_field_get_choice_label (field, code, NULL);
      gsize length = g_utf8_strlen (label ? label : code, -1);

      if (length > TOGGLE_MAX_LABEL)
        return FALSE;
      total += length;
    }

  return total <= TOGGLE_MAX_TOTAL;
}

static void
toggled_cb (GtkToggleButton *button,
            KapTogglesField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));
  JsonNode *node = NULL;
  guint chosen = G_MAXUINT;

  if (kap_field_row_is_loading (row))
    return;

  /* Linked buttons behave as radio buttons, except that pressing the
   * chosen one again clears the answer (“not answered”). */
  kap_field_row_set_loading (row, TRUE);
  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkToggleButton *other = g_ptr_array_index (self->buttons, i);

      if (other == button && gtk_toggle_button_get_active (button))
        chosen = i;
      else if (other != button)
        gtk_toggle_button_set_active (other, FALSE);
    }
  kap_field_row_set_loading (row, FALSE);

  if (chosen != G_MAXUINT)
    {
      node = json_node_new (JSON_NODE_VALUE);
      if (is_boolean (row))
        json_node_set_boolean (node, chosen == 0);
      else
        json_node_set_string (node, g_ptr_array_index (codes, chosen));
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
kap_toggles_field_build (KapFieldRow *row)
{
  KapTogglesField *self = KAP_TOGGLES_FIELD (row);
  KapChoiceField *choice = KAP_CHOICE_FIELD (row);
  KapFormField *field = kap_field_row_get_field (row);
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *label = kap_form_field_get_label (field, NULL);
  const char *hint = kap_field_row_get_hint (row);
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GPtrArray *codes;

  if (is_boolean (row))
    {
      g_ptr_array_add (labels, (gpointer) _("Yes"));
      g_ptr_array_add (labels, (gpointer) _("No"));
    }
  else
    {
      kap_choice_field_set_codes (choice, kap_choice_field_list_codes (kap_field_row_get_form (row), field));
      codes = kap_choice_field_get_codes (choice);
      for (guint i = 0; i < codes->len; i++)
        g_ptr_array_add (labels, (gpointer) kap_choice_field_label (choice, g_ptr_array_index (codes, i)));
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), label);
  if (hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), hint);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  for (guint i = 0; i < labels->len; i++)
    {
      const char *text = g_ptr_array_index (labels, i);
      GtkWidget *button = gtk_toggle_button_new_with_label (text);
      g_autofree char *accessible = NULL;

      /* Translators: what a screen reader says for one answer button of a
       * question: “Is an interpreter helping?: Yes”. */
      accessible = g_strdup_printf (_("%s: %s"), label, text);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_widget_add_css_class (button, "kap-choice");
      gtk_box_append (GTK_BOX (box), button);
      g_ptr_array_add (self->buttons, button);
      g_signal_connect_object (button, "toggled", G_CALLBACK (toggled_cb), self, 0);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), FALSE);
  gtk_widget_set_focusable (action_row, FALSE);
  kap_field_row_set_focus_widget (row, g_ptr_array_index (self->buttons, 0));

  return action_row;
}

static void
kap_toggles_field_load (KapFieldRow *row)
{
  KapTogglesField *self = KAP_TOGGLES_FIELD (row);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));
  JsonNode *answer = kap_field_row_get_answer (row);
  gboolean boolean = is_boolean (row);

  for (guint i = 0; i < self->buttons->len; i++)
    {
      gboolean active = FALSE;

      if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer))
        {
          if (boolean)
            active = json_node_get_value_type (answer) == G_TYPE_BOOLEAN &&
                     json_node_get_boolean (answer) == (i == 0);
          else
            active = json_node_get_value_type (answer) == G_TYPE_STRING &&
                     g_strcmp0 (json_node_get_string (answer), g_ptr_array_index (codes, i)) == 0;
        }

      gtk_toggle_button_set_active (g_ptr_array_index (self->buttons, i), active);
    }
}

/* The buttons' answers and the question in the form language; Yes and No
 * are the app's own words and stay in the UI's. */
static void
kap_toggles_field_relabel (KapFieldRow *row)
{
  KapTogglesField *self = KAP_TOGGLES_FIELD (row);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));
  const char *label = kap_form_field_get_label (kap_field_row_get_field (row), kap_field_row_get_language (row));
  GtkWidget *action_row = kap_field_row_get_edit_row (row);

  if (action_row != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), kap_field_row_get_hint (row));

  for (guint i = 0; i < self->buttons->len; i++)
    {
      GtkButton *button = g_ptr_array_index (self->buttons, i);
      g_autofree char *accessible = NULL;

      if (!is_boolean (row))
        gtk_button_set_label (button, kap_choice_field_label (KAP_CHOICE_FIELD (self), g_ptr_array_index (codes, i)));
      accessible = g_strdup_printf (_("%s: %s"), label, gtk_button_get_label (button));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
    }

  KAP_FIELD_ROW_CLASS (kap_toggles_field_parent_class)->relabel (row);
}

static void
kap_toggles_field_finalize (GObject *object)
{
  KapTogglesField *self = (KapTogglesField *)object;

  g_clear_pointer (&self->buttons, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_toggles_field_parent_class)->finalize (object);
}

static void
kap_toggles_field_class_init (KapTogglesFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  object_class->finalize = kap_toggles_field_finalize;
  row_class->build = kap_toggles_field_build;
  row_class->load = kap_toggles_field_load;
  row_class->relabel = kap_toggles_field_relabel;
}

static void
kap_toggles_field_init (KapTogglesField *self)
{
  self->buttons = g_ptr_array_new ();
}
