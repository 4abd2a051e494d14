/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-person"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-field-row-private.h"
#include "kap-person-picker.h"

/* Text fields with appearance "person": the answer is a person record's
 * id, shown by the person's name; choosing opens the person picker the
 * view was given (kap-person-picker.h) through its "form.pick-person"
 * action. */

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node)[0] != '\0' ? json_node_get_string (node) : NULL;
}

static KapDocument *
get_person (KapStore   *store,
            const char *person_id)
{
  g_autoptr(KapDocument) person = NULL;

  if (store == NULL || person_id == NULL)
    return NULL;

  person = kap_store_get (store, person_id, NULL, KAP_STORE_GET_NONE, NULL);
  if (person == NULL || g_strcmp0 (kap_document_get_doc_type (person), "person") != 0)
    return NULL;

  return g_steal_pointer (&person);
}

char *
kap_person_picker_describe (KapStore   *store,
                            const char *person_id)
{
  g_autoptr(KapDocument) person = get_person (store, person_id);
  const char *stated, *original;

  if (person == NULL)
    return NULL;

  stated = string_member (kap_document_get_body (person), "name_stated");
  original = string_member (kap_document_get_body (person), "name_original");

  if (stated != NULL && original != NULL && g_strcmp0 (stated, original) != 0)
    /* Translators: a person's name as stated (in Latin script) and in
     * their own script, e.g. “Ahmad Al-Hassan · أحمد الحسن”. */
    return g_strdup_printf (_("%s · %s"), stated, original);
  if (stated != NULL || original != NULL)
    return g_strdup (stated ? stated : original);

  return g_strdup (_("Unnamed Person"));
}

char *
kap_person_picker_get_name (KapStore   *store,
                            const char *person_id)
{
  g_autoptr(KapDocument) person = get_person (store, person_id);
  const char *name;

  if (person == NULL)
    return NULL;

  name = string_member (kap_document_get_body (person), "name_stated");
  if (name == NULL)
    name = string_member (kap_document_get_body (person), "name_original");

  return g_strdup (name);
}

gboolean
kap_field_is_person (KapFormField *field)
{
  return kap_form_field_get_field_type (field) == KAP_FIELD_TEXT &&
         g_strcmp0 (kap_form_field_get_appearance (field), "person") == 0;
}

static const char *
answer_id (KapFieldRow *row)
{
  JsonNode *node = kap_field_row_get_answer (row);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node)[0] != '\0' ? json_node_get_string (node) : NULL;
}

static gboolean
can_pick (KapFieldRow *row)
{
  return row->can_pick && row->store != NULL;
}

static void
activated_cb (AdwActionRow *action_row,
              KapFieldRow  *row)
{
  g_autofree char *path = NULL;

  if (!can_pick (row))
    return;

  path = kap_field_row_get_path (row);
  gtk_widget_activate_action (row->edit_row, "form.pick-person", "s", path);
}

static void
clear_clicked_cb (GtkButton   *button,
                  KapFieldRow *row)
{
  kap_field_person_set (row, NULL);
  gtk_widget_grab_focus (row->edit_row);
}

GtkWidget *
kap_field_person_build (KapFieldRow *row)
{
  GtkWidget *action_row = adw_action_row_new ();
  GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  GtkWidget *chevron = gtk_image_new_from_icon_name ("go-next-symbolic");

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row), kap_form_field_get_label (row->field, NULL));
  /* The person reads first, as the answers of entry rows do
   * (style.css). */
  gtk_widget_add_css_class (action_row, "kap-person-row");

  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "flat");
  gtk_widget_set_tooltip_text (clear, _("Remove the Person"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (clear),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the Person"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), clear);
  gtk_widget_set_valign (chevron, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), chevron);
  g_object_set_data (G_OBJECT (action_row), "kap-chevron", chevron);

  /* Entry rows show the hint under them; this row's subtitle is the
   * person, so the hint is its tooltip. */
  if (row->hint != NULL)
    gtk_widget_set_tooltip_text (action_row, row->hint);

  row->person_clear = clear;
  row->focus_widget = action_row;
  g_signal_connect (action_row, "activated", G_CALLBACK (activated_cb), row);
  g_signal_connect (clear, "clicked", G_CALLBACK (clear_clicked_cb), row);

  return action_row;
}

void
kap_field_person_load (KapFieldRow *row)
{
  const char *id = answer_id (row);
  g_autofree char *name = NULL;
  const char *subtitle;
  gboolean pick = can_pick (row);

  if (row->edit_row == NULL)
    return;

  if (id != NULL)
    name = kap_person_picker_describe (row->store, id);

  if (id == NULL)
    subtitle = _("Not chosen yet");
  else if (name != NULL)
    subtitle = name;
  else
    subtitle = _("A person not found on this laptop");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->edit_row), subtitle);
  if (id == NULL)
    gtk_widget_add_css_class (row->edit_row, "kap-not-answered");
  else
    gtk_widget_remove_css_class (row->edit_row, "kap-not-answered");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->edit_row), pick);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (row->edit_row), "kap-chevron"), pick);
  gtk_widget_set_visible (row->person_clear, id != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->edit_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
}

void
kap_field_person_set (KapFieldRow *row,
                      const char  *person_id)
{
  JsonNode *node = NULL;

  if (person_id != NULL && person_id[0] != '\0')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, person_id);
    }

  kap_field_row_set_answer (row, node);
  row->loading = TRUE;
  kap_field_person_load (row);
  row->loading = FALSE;
  kap_field_row_emit_changed (row);
}
