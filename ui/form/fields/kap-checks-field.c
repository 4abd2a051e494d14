/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-checks-field"

#include "config.h"

#include "kap-checks-field.h"

struct _KapChecksField
{
  KapChoiceField  parent_instance;

  GPtrArray      *checks;  /* GtkCheckButton, one per code */
};

G_DEFINE_FINAL_TYPE (KapChecksField, kap_checks_field, KAP_TYPE_CHOICE_FIELD)

static void
update_subtitle (KapFieldRow *row)
{
  g_autofree char *text = kap_field_row_format_answer (kap_field_row_get_form (row), kap_field_row_get_field (row),
                                                       kap_field_row_get_answer (row));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (kap_field_row_get_edit_row (row)), text ? text : "");
}

static void
toggled_cb (GtkCheckButton *check,
            KapChecksField *self)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;

  if (kap_field_row_is_loading (row))
    return;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (codes, i));

  chosen = g_strv_builder_end (builder);
  if (chosen[0] != NULL)
    {
      g_autoptr(KapValue) value = kap_value_new_list ((const char * const *) chosen);

      kap_field_row_set_answer (row, kap_value_to_json (value));
    }
  else
    kap_field_row_set_answer (row, NULL);

  update_subtitle (row);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
kap_checks_field_build (KapFieldRow *row)
{
  KapChecksField *self = KAP_CHECKS_FIELD (row);
  KapChoiceField *choice = KAP_CHOICE_FIELD (row);
  KapFormField *field = kap_field_row_get_field (row);
  GtkWidget *expander = adw_expander_row_new ();
  GPtrArray *codes;

  kap_choice_field_set_codes (choice, kap_choice_field_list_codes (kap_field_row_get_form (row), field));
  codes = kap_choice_field_get_codes (choice);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), kap_form_field_get_label (field, NULL));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  gtk_widget_add_css_class (expander, "kap-checks");

  for (guint i = 0; i < codes->len; i++)
    {
      GtkWidget *check_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *label = kap_choice_field_label (choice, g_ptr_array_index (codes, i));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (check_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check_row), label);
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
      adw_action_row_add_prefix (ADW_ACTION_ROW (check_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (check_row), check);
      /* One stop per choice when tabbing: the check box, not the row too. */
      gtk_widget_set_focusable (check_row, FALSE);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), check_row);
      g_ptr_array_add (self->checks, check);
      g_signal_connect_object (check, "toggled", G_CALLBACK (toggled_cb), self, 0);
    }

  /* The expander row itself takes no focus (its header row inside does):
   * focus goes to the first check box, so that the question can be
   * reached and answered from the keyboard. */
  kap_field_row_set_focus_widget (row, self->checks->len > 0 ? g_ptr_array_index (self->checks, 0) : expander);

  return expander;
}

static void
kap_checks_field_load (KapFieldRow *row)
{
  KapChecksField *self = KAP_CHECKS_FIELD (row);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));
  JsonNode *answer = kap_field_row_get_answer (row);
  g_autoptr(KapValue) value = NULL;
  const char * const *chosen = NULL;

  if (answer != NULL)
    value = kap_value_new_from_json (answer, KAP_VALUE_LIST);
  if (value != NULL)
    chosen = kap_value_get_list (value);

  for (guint i = 0; i < self->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (self->checks, i),
                                 chosen != NULL && g_strv_contains (chosen, g_ptr_array_index (codes, i)));

  update_subtitle (row);
}

/* Each choice's row in the form language. */
static void
kap_checks_field_relabel (KapFieldRow *row)
{
  KapChecksField *self = KAP_CHECKS_FIELD (row);
  GPtrArray *codes = kap_choice_field_get_codes (KAP_CHOICE_FIELD (self));

  for (guint i = 0; i < self->checks->len; i++)
    {
      GtkWidget *check = g_ptr_array_index (self->checks, i);
      GtkWidget *check_row = gtk_widget_get_ancestor (check, ADW_TYPE_ACTION_ROW);
      const char *label = kap_choice_field_label (KAP_CHOICE_FIELD (self), g_ptr_array_index (codes, i));

      if (check_row != NULL)
        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check_row), label);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                      -1);
    }

  KAP_FIELD_ROW_CLASS (kap_checks_field_parent_class)->relabel (row);
}

static void
kap_checks_field_finalize (GObject *object)
{
  KapChecksField *self = (KapChecksField *)object;

  g_clear_pointer (&self->checks, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_checks_field_parent_class)->finalize (object);
}

static void
kap_checks_field_class_init (KapChecksFieldClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  object_class->finalize = kap_checks_field_finalize;
  row_class->build = kap_checks_field_build;
  row_class->load = kap_checks_field_load;
  row_class->relabel = kap_checks_field_relabel;
}

static void
kap_checks_field_init (KapChecksField *self)
{
  self->checks = g_ptr_array_new ();
}
