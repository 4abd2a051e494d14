/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-person-field"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-person-field.h"
#include "kap-person-picker.h"

struct _KapPersonField
{
  KapFieldRow  parent_instance;

  GtkWidget   *clear;    /* the button that removes the person */
  GtkWidget   *chevron;  /* shown when a person can be picked */
};

G_DEFINE_FINAL_TYPE (KapPersonField, kap_person_field, KAP_TYPE_FIELD_ROW)

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
  return kap_field_row_get_can_pick (row) && kap_field_row_get_store (row) != NULL;
}

static void
activated_cb (AdwActionRow   *action_row,
              KapPersonField *self)
{
  g_autofree char *path = NULL;

  if (!can_pick (KAP_FIELD_ROW (self)))
    return;

  path = kap_field_row_get_path (KAP_FIELD_ROW (self));
  gtk_widget_activate_action (GTK_WIDGET (action_row), "form.pick-person", "s", path);
}

static void
clear_clicked_cb (GtkButton      *button,
                  KapPersonField *self)
{
  kap_person_field_set (self, NULL);
  gtk_widget_grab_focus (kap_field_row_get_edit_row (KAP_FIELD_ROW (self)));
}

static GtkWidget *
kap_person_field_build (KapFieldRow *row)
{
  KapPersonField *self = KAP_PERSON_FIELD (row);
  GtkWidget *action_row = adw_action_row_new ();
  const char *hint = kap_field_row_get_hint (row);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (action_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (action_row),
                                 kap_form_field_get_label (kap_field_row_get_field (row), NULL));
  /* The person reads first, as the answers of entry rows do
   * (style.css). */
  gtk_widget_add_css_class (action_row, "kap-person-row");

  self->clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
  gtk_widget_set_valign (self->clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (self->clear, "flat");
  gtk_widget_set_tooltip_text (self->clear, _("Remove the Person"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->clear),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Remove the Person"),
                                  -1);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), self->clear);
  self->chevron = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (self->chevron, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (action_row), self->chevron);

  /* Entry rows show the hint under them; this row's subtitle is the
   * person, so the hint is its tooltip. */
  if (hint != NULL)
    gtk_widget_set_tooltip_text (action_row, hint);

  kap_field_row_set_focus_widget (row, action_row);
  g_signal_connect_object (action_row, "activated", G_CALLBACK (activated_cb), self, 0);
  g_signal_connect_object (self->clear, "clicked", G_CALLBACK (clear_clicked_cb), self, 0);

  return action_row;
}

static void
kap_person_field_load (KapFieldRow *row)
{
  KapPersonField *self = KAP_PERSON_FIELD (row);
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);
  const char *id = answer_id (row);
  g_autofree char *name = NULL;
  const char *subtitle;
  gboolean pick = can_pick (row);

  if (id != NULL)
    name = kap_person_picker_describe (kap_field_row_get_store (row), id);

  if (id == NULL)
    subtitle = _("Not chosen yet");
  else if (name != NULL)
    subtitle = name;
  else
    subtitle = _("A person not found on this laptop");

  adw_action_row_set_subtitle (ADW_ACTION_ROW (edit_row), subtitle);
  if (id == NULL)
    gtk_widget_add_css_class (edit_row, "kap-not-answered");
  else
    gtk_widget_remove_css_class (edit_row, "kap-not-answered");

  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (edit_row), pick);
  gtk_widget_set_visible (self->chevron, pick);
  gtk_widget_set_visible (self->clear, id != NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (edit_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, subtitle,
                                  -1);
}

/* A person by name, not by record id. */
static char *
kap_person_field_describe (KapFieldRow *row)
{
  g_autofree char *text = KAP_FIELD_ROW_CLASS (kap_person_field_parent_class)->describe (row);
  KapStore *store = kap_field_row_get_store (row);
  char *name;

  if (text == NULL || store == NULL)
    return g_steal_pointer (&text);

  name = kap_person_picker_describe (store, text);

  return name ? name : g_strdup (_("A person not found on this laptop"));
}

static void
kap_person_field_store_changed (KapFieldRow *row)
{
  kap_field_row_refresh (row);
}

/* The hint is the row's tooltip (see build). */
static void
kap_person_field_relabel (KapFieldRow *row)
{
  GtkWidget *action_row = kap_field_row_get_edit_row (row);

  if (action_row != NULL)
    gtk_widget_set_tooltip_text (action_row, kap_field_row_get_hint (row));

  KAP_FIELD_ROW_CLASS (kap_person_field_parent_class)->relabel (row);
}

static void
kap_person_field_class_init (KapPersonFieldClass *klass)
{
  KapFieldRowClass *row_class = KAP_FIELD_ROW_CLASS (klass);

  row_class->build = kap_person_field_build;
  row_class->load = kap_person_field_load;
  row_class->describe = kap_person_field_describe;
  row_class->store_changed = kap_person_field_store_changed;
  row_class->relabel = kap_person_field_relabel;
}

static void
kap_person_field_init (KapPersonField *self)
{
}

void
kap_person_field_set (KapPersonField *self,
                      const char     *person_id)
{
  KapFieldRow *row = KAP_FIELD_ROW (self);
  JsonNode *node = NULL;

  g_return_if_fail (KAP_IS_PERSON_FIELD (self));

  if (person_id != NULL && person_id[0] != '\0')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, person_id);
    }

  kap_field_row_set_answer (row, node);
  if (kap_field_row_get_edit_row (row) != NULL)
    {
      kap_field_row_set_loading (row, TRUE);
      kap_person_field_load (row);
      kap_field_row_set_loading (row, FALSE);
    }
  kap_field_row_emit_changed (row);
}
