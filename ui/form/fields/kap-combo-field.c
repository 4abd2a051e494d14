/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-combo-field"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-combo-field.h"

struct _KapComboField
{
  KapChoiceField  parent_instance;

  GtkStringList  *model;
};

G_DEFINE_FINAL_TYPE (KapComboField, kap_combo_field, KAP_TYPE_CHOICE_FIELD)

static void
selected_cb (AdwComboRow   *combo,
             GParamSpec    *pspec,
             KapComboField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));
  guint selected = adw_combo_row_get_selected (combo);
  JsonNode *node = NULL;

  if (kap_field_row_is_loading (row))
    return;

  /* Item 0 is “Not answered”. */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= codes->len)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_ptr_array_index (codes, selected - 1));
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static void
fill (KapComboField *self)
{
  KapChoiceField *choice = KAP_CHOICE_FIELD (self);
  GPtrArray *codes = kap_choice_field_get_codes (choice);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (labels, (gpointer) _("Not answered"));
  for (guint i = 0; i < codes->len; i++)
    g_ptr_array_add (labels, (gpointer) kap_choice_field_label (choice, g_ptr_array_index (codes, i)));
  g_ptr_array_add (labels, NULL);

  gtk_string_list_splice (self->model, 0, n, (const char * const *) labels->pdata);
}

static void
kap_combo_field_load (KapFieldRow *row)
{
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (row));
  JsonNode *answer = kap_field_row_get_answer (row);
  guint selected = 0;

  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer) &&
      json_node_get_value_type (answer) == G_TYPE_STRING)
    {
      const char *code = json_node_get_string (answer);

      for (guint i = 0; i < codes->len; i++)
        if (g_str_equal (code, g_ptr_array_index (codes, i)))
          selected = i + 1;
    }

  adw_combo_row_set_selected (ADW_COMBO_ROW (kap_field_row_get_edit_row (row)), selected);
}

static GtkWidget *
kap_combo_field_build (KapFieldRow *row)
{
  KapComboField *self = KAP_COMBO_FIELD (row);
  KapFormField *field = kap_field_row_get_field (row);
  GtkWidget *combo = adw_combo_row_new ();
  const char *hint = kap_field_row_get_hint (row);

  kap_choice_field_set_codes (KAP_CHOICE_FIELD (self), kap_choice_field_list_codes (kap_field_row_get_form (row), field));

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), kap_form_field_get_label (field, NULL));
  if (hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), hint);
  self->model = gtk_string_list_new (NULL);
  fill (self);
  adw_combo_row_set_model (ADW_COMBO_ROW (combo), G_LIST_MODEL (self->model));
  g_object_unref (self->model);
  kap_field_row_set_focus_widget (row, combo);
  g_signal_connect_object (combo, "notify::selected", G_CALLBACK (selected_cb), self, 0);

  return combo;
}

static void
kap_combo_field_allowed_changed (KapFieldRow *row)
{
  KapComboField *self = KAP_COMBO_FIELD (row);
  const char * const *allowed = kap_field_row_get_allowed (row);
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *offered = g_ptr_array_new_with_free_func (g_free);
  JsonNode *answer = kap_field_row_get_answer (row);
  const char *current = NULL;

  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer) &&
      json_node_get_value_type (answer) == G_TYPE_STRING)
    current = json_node_get_string (answer);

  /* The offered codes keep the form's order; the current answer stays on
   * offer even when it is no longer allowed, so that nothing is lost. */
  all = kap_choice_field_list_codes (kap_field_row_get_form (row), kap_field_row_get_field (row));
  for (guint i = 0; i < all->len; i++)
    {
      const char *code = g_ptr_array_index (all, i);

      if (allowed == NULL || g_strv_contains (allowed, code) || g_strcmp0 (code, current) == 0)
        g_ptr_array_add (offered, g_strdup (code));
    }

  kap_choice_field_set_codes (KAP_CHOICE_FIELD (self), offered);
  fill (self);
  kap_combo_field_load (row);
}

/* The choices in the form language, the answer still chosen. */
static void
kap_combo_field_relabel (KapFieldRow *row)
{
  GtkWidget *combo = kap_field_row_get_edit_row (row);

  if (combo != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), kap_field_row_get_hint (row));
      fill (KAP_COMBO_FIELD (row));
      kap_combo_field_load (row);
    }

  KAP_FIELD_ROW_CLASS (kap_combo_field_parent_class)->relabel (row);
}

static void
kap_combo_field_class_init (KapComboFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  row_class->build = kap_combo_field_build;
  row_class->load = kap_combo_field_load;
  row_class->allowed_changed = kap_combo_field_allowed_changed;
  row_class->relabel = kap_combo_field_relabel;
}

static void
kap_combo_field_init (KapComboField *self)
{
}
