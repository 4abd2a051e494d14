/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-choice"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-code-picker.h"
#include "kap-field-row-private.h"

/* Fields answered by choosing: yes/no, one of a list, several of a list,
 * and countries or languages from the long code lists. */

#define TOGGLE_MAX_CHOICES   4
#define TOGGLE_MAX_LABEL     20
#define TOGGLE_MAX_TOTAL     34

static const char *
choice_label (KapFormField *field,
              const char   *code)
{
  const char *label = kap_form_field_get_choice_label (field, code, NULL);

  return label ? label : code;
}

static GPtrArray *
choice_codes (KapFieldRow *row)
{
  const char *list = kap_form_field_get_choice_list (row->field);
  GPtrArray *choices = list ? kap_form_get_choices (row->form, list) : NULL;
  GPtrArray *codes = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      KapChoice *choice = g_ptr_array_index (choices, i);

      g_ptr_array_add (codes, g_strdup (choice->value));
    }

  return codes;
}

/* Two to four short choices fit on the row as linked buttons, where the
 * officer sees them all at once and picks with one click or Space. */
static gboolean
fits_toggles (KapFieldRow *row,
              GPtrArray   *codes)
{
  gsize total = 0;

  if (codes->len < 2 || codes->len > TOGGLE_MAX_CHOICES)
    return FALSE;

  for (guint i = 0; i < codes->len; i++)
    {
      gsize length = g_utf8_strlen (choice_label (row->field, g_ptr_array_index (codes, i)), -1);

      if (length > TOGGLE_MAX_LABEL)
        return FALSE;
      total += length;
    }

  return total <= TOGGLE_MAX_TOTAL;
}

/* Toggles */

static void
toggle_toggled_cb (GtkToggleButton *button,
                   KapFieldRow     *row)
{
  KapFieldType type = kap_form_field_get_field_type (row->field);
  JsonNode *node = NULL;
  guint chosen = G_MAXUINT;

  if (row->loading)
    return;

  /* Linked buttons behave as radio buttons, except that pressing the
   * chosen one again clears the answer (“not answered”). */
  row->loading = TRUE;
  for (guint i = 0; i < row->toggles->len; i++)
    {
      GtkToggleButton *other = g_ptr_array_index (row->toggles, i);

      if (other == button && gtk_toggle_button_get_active (button))
        chosen = i;
      else if (other != button)
        gtk_toggle_button_set_active (other, FALSE);
    }
  row->loading = FALSE;

  if (chosen != G_MAXUINT)
    {
      node = json_node_new (JSON_NODE_VALUE);
      if (type == KAP_FIELD_BOOLEAN)
        json_node_set_boolean (node, chosen == 0);
      else
        json_node_set_string (node, g_ptr_array_index (row->choice_values, chosen));
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
build_toggles (KapFieldRow *row,
               const char  *labels[],
               guint        n_labels)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0);
  const char *label = kap_form_field_get_label (row->field, NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), label);
  if (row->hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (action_row), row->hint);
  gtk_widget_add_css_class (box, "linked");
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                  -1);

  row->toggles = g_ptr_array_new ();
  for (guint i = 0; i < n_labels; i++)
    {
      GtkWidget *button = gtk_toggle_button_new_with_label (labels[i]);
      g_autofree char *accessible = NULL;

      /* Translators: what a screen reader says for one answer button of a
       * question: “Is an interpreter helping?: Yes”. */
      accessible = g_strdup_printf (_("%s: %s"), label, labels[i]);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      gtk_widget_add_css_class (button, "kap-choice");
      gtk_box_append (GTK_BOX (box), button);
      g_ptr_array_add (row->toggles, button);
      g_signal_connect (button, "toggled", G_CALLBACK (toggle_toggled_cb), row);
    }

  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (action_row), FALSE);
  gtk_widget_set_focusable (action_row, FALSE);
  row->focus_widget = g_ptr_array_index (row->toggles, 0);

  return action_row;
}

static void
load_toggles (KapFieldRow *row)
{
  JsonNode *answer = kap_field_row_get_answer (row);
  KapFieldType type = kap_form_field_get_field_type (row->field);

  for (guint i = 0; i < row->toggles->len; i++)
    {
      gboolean active = FALSE;

      if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer))
        {
          if (type == KAP_FIELD_BOOLEAN)
            active = json_node_get_value_type (answer) == G_TYPE_BOOLEAN &&
                     json_node_get_boolean (answer) == (i == 0);
          else
            active = json_node_get_value_type (answer) == G_TYPE_STRING &&
                     g_strcmp0 (json_node_get_string (answer), g_ptr_array_index (row->choice_values, i)) == 0;
        }

      gtk_toggle_button_set_active (g_ptr_array_index (row->toggles, i), active);
    }
}

/* Combo */

static void
combo_selected_cb (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   KapFieldRow *row)
{
  guint selected = adw_combo_row_get_selected (combo);
  JsonNode *node = NULL;

  if (row->loading)
    return;

  /* Item 0 is “Not answered”. */
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0 && selected <= row->choice_values->len)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, g_ptr_array_index (row->choice_values, selected - 1));
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static void
fill_combo (KapFieldRow *row)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (row->combo_model));
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();

  g_ptr_array_add (labels, (gpointer) _("Not answered"));
  for (guint i = 0; i < row->choice_values->len; i++)
    g_ptr_array_add (labels, (gpointer) choice_label (row->field, g_ptr_array_index (row->choice_values, i)));
  g_ptr_array_add (labels, NULL);

  gtk_string_list_splice (row->combo_model, 0, n, (const char * const *) labels->pdata);
}

static void
load_combo (KapFieldRow *row)
{
  JsonNode *answer = kap_field_row_get_answer (row);
  guint selected = 0;

  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer) &&
      json_node_get_value_type (answer) == G_TYPE_STRING)
    {
      const char *code = json_node_get_string (answer);

      for (guint i = 0; i < row->choice_values->len; i++)
        if (g_str_equal (code, g_ptr_array_index (row->choice_values, i)))
          selected = i + 1;
    }

  adw_combo_row_set_selected (row->combo, selected);
}

static GtkWidget *
build_combo (KapFieldRow *row)
{
  GtkWidget *combo = adw_combo_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (combo), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (combo), kap_form_field_get_label (row->field, NULL));
  if (row->hint != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (combo), row->hint);
  row->combo = ADW_COMBO_ROW (combo);
  row->combo_model = gtk_string_list_new (NULL);
  fill_combo (row);
  adw_combo_row_set_model (row->combo, G_LIST_MODEL (row->combo_model));
  g_object_unref (row->combo_model);
  row->focus_widget = combo;
  g_signal_connect (combo, "notify::selected", G_CALLBACK (combo_selected_cb), row);

  return combo;
}

void
kap_field_choice_set_allowed (KapFieldRow *row)
{
  g_autoptr(GPtrArray) all = NULL;
  JsonNode *answer;
  const char *current = NULL;

  if (row->combo == NULL)
    return;

  answer = kap_field_row_get_answer (row);
  if (answer != NULL && JSON_NODE_HOLDS_VALUE (answer) &&
      json_node_get_value_type (answer) == G_TYPE_STRING)
    current = json_node_get_string (answer);

  /* The offered codes keep the form's order; the current answer stays on
   * offer even when it is no longer allowed, so that nothing is lost. */
  all = choice_codes (row);
  g_ptr_array_set_size (row->choice_values, 0);
  for (guint i = 0; i < all->len; i++)
    {
      const char *code = g_ptr_array_index (all, i);

      if (row->allowed == NULL || g_strv_contains ((const char * const *) row->allowed, code) ||
          g_strcmp0 (code, current) == 0)
        g_ptr_array_add (row->choice_values, g_strdup (code));
    }

  fill_combo (row);
  load_combo (row);
}

/* Checks */

static void
update_checks_subtitle (KapFieldRow *row)
{
  g_autofree char *text = kap_field_row_format_answer (row->form, row->field, kap_field_row_get_answer (row));

  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row->edit_row), text ? text : "");
}

static void
check_toggled_cb (GtkCheckButton *check,
                  KapFieldRow    *row)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) codes = NULL;
  g_autoptr(KapValue) value = NULL;

  if (row->loading)
    return;

  for (guint i = 0; i < row->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (row->checks, i)))
      g_strv_builder_add (builder, g_ptr_array_index (row->choice_values, i));

  codes = g_strv_builder_end (builder);
  if (codes[0] != NULL)
    {
      value = kap_value_new_list ((const char * const *) codes);
      kap_field_row_set_answer (row, kap_value_to_json (value));
    }
  else
    kap_field_row_set_answer (row, NULL);

  update_checks_subtitle (row);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
build_checks (KapFieldRow *row)
{
  GtkWidget *expander = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), kap_form_field_get_label (row->field, NULL));
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
  gtk_widget_add_css_class (expander, "kap-checks");

  row->checks = g_ptr_array_new ();
  for (guint i = 0; i < row->choice_values->len; i++)
    {
      GtkWidget *check_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      const char *label = choice_label (row->field, g_ptr_array_index (row->choice_values, i));

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
      g_ptr_array_add (row->checks, check);
      g_signal_connect (check, "toggled", G_CALLBACK (check_toggled_cb), row);
    }

  row->focus_widget = expander;

  return expander;
}

static void
load_checks (KapFieldRow *row)
{
  JsonNode *answer = kap_field_row_get_answer (row);
  g_autoptr(KapValue) value = NULL;
  const char * const *codes = NULL;

  if (answer != NULL)
    value = kap_value_new_from_json (answer, KAP_VALUE_LIST);
  if (value != NULL)
    codes = kap_value_get_list (value);

  for (guint i = 0; i < row->checks->len; i++)
    gtk_check_button_set_active (g_ptr_array_index (row->checks, i),
                                 codes != NULL && g_strv_contains (codes, g_ptr_array_index (row->choice_values, i)));

  update_checks_subtitle (row);
}

/* Code pickers */

static void
picker_changed_cb (KapCodePicker *picker,
                   KapFieldRow   *row)
{
  JsonNode *node = NULL;

  if (row->loading)
    return;

  if (kap_form_field_get_field_type (row->field) == KAP_FIELD_SELECT_MULTIPLE)
    {
      g_auto(GStrv) codes = kap_code_picker_get_codes (picker);

      if (codes != NULL && codes[0] != NULL)
        {
          g_autoptr(KapValue) value = kap_value_new_list ((const char * const *) codes);

          node = kap_value_to_json (value);
        }
    }
  else if (kap_code_picker_get_code (picker) != NULL)
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, kap_code_picker_get_code (picker));
    }

  kap_field_row_set_answer (row, node);
  kap_field_row_emit_changed (row);
}

static GtkWidget *
build_picker (KapFieldRow *row,
              const char  *list_name)
{
  g_autoptr(GError) error = NULL;
  gboolean multiple = kap_form_field_get_field_type (row->field) == KAP_FIELD_SELECT_MULTIPLE;
  KapCodeList *list;
  GtkWidget *picker;

  if (g_str_equal (list_name, "@countries"))
    list = kap_code_list_countries (&error);
  else
    list = kap_code_list_languages (&error);

  if (list == NULL)
    {
      /* Without iso-codes the answer can still be typed as a code. */
      g_warning ("Code list %s is not available: %s", list_name, error->message);
      return NULL;
    }

  picker = kap_code_picker_new (list, multiple);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (picker), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (picker), kap_form_field_get_label (row->field, NULL));
  row->picker = picker;
  row->focus_widget = picker;
  g_signal_connect (picker, "changed", G_CALLBACK (picker_changed_cb), row);

  return picker;
}

static void
load_picker (KapFieldRow *row)
{
  JsonNode *answer = kap_field_row_get_answer (row);

  if (kap_form_field_get_field_type (row->field) == KAP_FIELD_SELECT_MULTIPLE)
    {
      g_autoptr(KapValue) value = answer ? kap_value_new_from_json (answer, KAP_VALUE_LIST) : NULL;

      kap_code_picker_set_codes (KAP_CODE_PICKER (row->picker), value ? kap_value_get_list (value) : NULL);
    }
  else
    kap_code_picker_set_code (KAP_CODE_PICKER (row->picker),
                              answer && JSON_NODE_HOLDS_VALUE (answer) &&
                              json_node_get_value_type (answer) == G_TYPE_STRING
                              ? json_node_get_string (answer) : NULL);
}

GtkWidget *
kap_field_choice_build (KapFieldRow *row)
{
  KapFieldType type = kap_form_field_get_field_type (row->field);
  const char *list = kap_form_field_get_choice_list (row->field);

  if (type == KAP_FIELD_BOOLEAN)
    {
      const char *labels[] = { _("Yes"), _("No") };

      return build_toggles (row, labels, G_N_ELEMENTS (labels));
    }

  if (list != NULL && list[0] == '@')
    return build_picker (row, list);

  row->choice_values = choice_codes (row);

  if (type == KAP_FIELD_SELECT_MULTIPLE)
    return build_checks (row);

  if (fits_toggles (row, row->choice_values))
    {
      g_autofree const char **labels = g_new0 (const char *, row->choice_values->len);

      for (guint i = 0; i < row->choice_values->len; i++)
        labels[i] = choice_label (row->field, g_ptr_array_index (row->choice_values, i));

      return build_toggles (row, labels, row->choice_values->len);
    }

  return build_combo (row);
}

void
kap_field_choice_load (KapFieldRow *row)
{
  if (row->toggles != NULL)
    load_toggles (row);
  else if (row->combo != NULL)
    load_combo (row);
  else if (row->checks != NULL)
    load_checks (row);
  else if (row->picker != NULL)
    load_picker (row);
}
