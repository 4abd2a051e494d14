/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-view"

#include "config.h"

#include "kap-entry-field.h"
#include "kap-person-field.h"
#include "kap-form-view-private.h"

/* Choosing a person for a "person" field. The picker is a window of its
 * own: by the time it answers, the rows may have been rebuilt, so it
 * finds its field again by path, and the view may be gone. */
typedef struct
{
  GWeakRef  view;
  char     *path;
} PersonPick;

static void
person_pick_free (gpointer data)
{
  PersonPick *pick = data;

  g_weak_ref_clear (&pick->view);
  g_free (pick->path);
  g_free (pick);
}

/* Picking a person also fills in their name where the same item asks for
 * it ("member_name" beside "member_person_id"), unless it is answered:
 * what the officer typed stays. */
static void
fill_person_name (KapFormView *self,
                  KapFieldRow *person_row,
                  const char  *person_id)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);
      KapFormField *field = kap_field_row_get_field (row);
      const char *name = kap_form_field_get_name (field);
      g_autofree char *text = NULL;
      JsonNode *node;

      if (row == person_row || kap_field_row_get_item (row) != kap_field_row_get_item (person_row) ||
          !KAP_IS_ENTRY_FIELD (row) || kap_field_row_get_edit_row (row) == NULL ||
          kap_form_field_get_field_type (field) != KAP_FIELD_TEXT ||
          !(g_str_equal (name, "name") || g_str_has_suffix (name, "_name")) ||
          kap_field_row_get_answer (row) != NULL)
        continue;

      text = kap_person_picker_get_name (self->store, person_id);
      if (text == NULL)
        return;

      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, text);
      kap_field_row_set_answer (row, node);
      kap_field_row_reload (row);
      return;
    }
}

static void
person_picked_cb (const char *person_id,
                  gpointer    user_data)
{
  PersonPick *pick = user_data;
  g_autoptr(KapFormView) self = g_weak_ref_get (&pick->view);
  KapFieldRow *row;

  if (self == NULL || self->read_only)
    return;

  row = kap_form_view_lookup (self, pick->path);
  if (!KAP_IS_PERSON_FIELD (row) || kap_field_row_get_edit_row (row) == NULL)
    return;

  fill_person_name (self, row, person_id);
  kap_person_field_set (KAP_PERSON_FIELD (row), person_id);
  gtk_widget_grab_focus (kap_field_row_get_edit_row (row));
}

void
kap_form_view_pick_person (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  KapFormView *self = KAP_FORM_VIEW (widget);
  KapPersonPickerFunc func = self->pick_person;
  const char *path = g_variant_get_string (parameter, NULL);
  KapFieldRow *row = kap_form_view_lookup (self, path);
  GtkRoot *root = gtk_widget_get_root (widget);
  PersonPick *pick;

  if (func == NULL || self->store == NULL || self->read_only || !KAP_IS_PERSON_FIELD (row))
    return;

  if (self->person_picker != NULL)
    gtk_window_destroy (self->person_picker);

  pick = g_new0 (PersonPick, 1);
  g_weak_ref_init (&pick->view, self);
  pick->path = g_strdup (path);

  self->person_picker = func (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->store, self->forms,
                              kap_form_field_get_label (kap_field_row_get_field (row), NULL),
                              person_picked_cb, pick, person_pick_free);
  if (self->person_picker != NULL)
    g_object_add_weak_pointer (G_OBJECT (self->person_picker), (gpointer *) &self->person_picker);
}

void
kap_form_view_set_person_picker (KapFormView         *self,
                                 KapPersonPickerFunc  func)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));

  self->pick_person = func;

  for (guint i = 0; i < self->rows->len; i++)
    kap_field_row_set_can_pick (g_ptr_array_index (self->rows, i), func != NULL);
}

GtkWindow *
kap_form_view_get_person_picker (KapFormView *self)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), NULL);

  return self->person_picker;
}
