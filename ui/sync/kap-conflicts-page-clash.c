/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-conflicts-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-conflicts-page-private.h"
#include "kap-field-factory.h"
#include "kap-sync-values.h"

/* One clash's row on the conflicts page: the base, this laptop and the
 * server side by side, and "Other value…", where the supervisor enters
 * a value with the form's own row for the field (an entry for text, a
 * number entry, the choices of a choice field), checked as the form
 * checks it. */

void
kap_clash_choice_free (gpointer data)
{
  KapClashChoice *choice = data;

  g_clear_object (&choice->field_row);
  g_clear_pointer (&choice->answers, json_object_unref);
  g_clear_pointer (&choice->other, json_node_unref);
  g_free (choice);
}

static JsonNode *
side_value (KapClashChoice *choice,
            int             side)
{
  switch (side)
    {
    case KAP_CLASH_BASE:
      return choice->clash->base;
    case KAP_CLASH_OURS:
      return choice->clash->ours;
    case KAP_CLASH_THEIRS:
    default:
      return choice->clash->theirs;
    }
}

gboolean
kap_clash_choice_get (KapClashChoice  *choice,
                      JsonNode       **value)
{
  for (int side = 0; side < 3; side++)
    if (choice->buttons[side] != NULL && gtk_toggle_button_get_active (choice->buttons[side]))
      {
        *value = side_value (choice, side);
        return TRUE;
      }

  if (choice->other != NULL && choice->other_button != NULL &&
      gtk_toggle_button_get_active (choice->other_button))
    {
      *value = choice->other;
      return TRUE;
    }

  *value = NULL;
  return FALSE;
}

static void
toggled_cb (GtkToggleButton  *button,
            KapConflictsPage *self)
{
  kap_conflicts_page_choice_changed (self);
}

static void
set_button_value (GtkToggleButton *button,
                  const char      *side,
                  const char      *value)
{
  GtkWidget *value_label = g_object_get_data (G_OBJECT (button), "kap-value");
  g_autofree char *accessible = NULL;

  gtk_label_set_text (GTK_LABEL (value_label), value);
  /* Translators: a choice's accessible name: the side, then the value,
   * e.g. “Server: Yes”. */
  accessible = g_strdup_printf (_("%s: %s"), side, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
}

static GtkToggleButton *
side_button_new (const char *side,
                 const char *value)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *side_label = gtk_label_new (side);
  GtkWidget *value_label = gtk_label_new (value);

  gtk_label_set_xalign (GTK_LABEL (side_label), 0.0);
  gtk_widget_add_css_class (side_label, "kap-clash-side");
  gtk_label_set_xalign (GTK_LABEL (value_label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (value_label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (value_label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_max_width_chars (GTK_LABEL (value_label), 28);
  gtk_box_append (GTK_BOX (box), side_label);
  gtk_box_append (GTK_BOX (box), value_label);
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_set_hexpand (button, TRUE);
  gtk_widget_add_css_class (button, "kap-clash-choice");
  g_object_set_data (G_OBJECT (button), "kap-value", value_label);
  set_button_value (GTK_TOGGLE_BUTTON (button), side, value);

  return GTK_TOGGLE_BUTTON (button);
}

/* Deleted on one side, changed on the other: two choices, the deletion
 * or the changed version (whose answers are listed, so the supervisor
 * sees what a deletion would remove). There is no base to go back to. */
static GtkWidget *
deletion_row_new (KapConflictsPage *self,
                  KapForm          *form,
                  KapClashChoice   *choice)
{
  KapMergeClash *clash = choice->clash;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title;
  g_autofree char *label = kap_sync_path_label (form, clash->path, NULL);

  title = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_widget_add_css_class (title, "kap-clash-field");
  gtk_box_append (GTK_BOX (box), title);

  for (int side = KAP_CLASH_OURS; side <= KAP_CLASH_THEIRS; side++)
    {
      JsonNode *value = side_value (choice, side);
      gboolean deleted = value == NULL || JSON_NODE_HOLDS_NULL (value);
      g_autofree char *text = NULL;
      const char *where;

      if (deleted)
        where = side == KAP_CLASH_OURS ? _("Deleted on this laptop") : _("Deleted on the server");
      else
        where = side == KAP_CLASH_OURS ? _("Changed on this laptop") : _("Changed on the server");

      if (deleted)
        text = g_strdup (where);
      else
        {
          g_autofree char *summary = kap_sync_value_to_text (form, clash->path, value);

          text = g_strdup_printf ("%s\n%s", where, summary);
        }

      choice->buttons[side] = side_button_new (deleted ? _("Keep Deletion") : _("Keep Changes"), text);
      if (side != KAP_CLASH_OURS)
        gtk_toggle_button_set_group (choice->buttons[side], choice->buttons[KAP_CLASH_OURS]);
      g_signal_connect (choice->buttons[side], "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (choice->buttons[side]));
    }

  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_widget_set_hexpand (buttons, TRUE);
  gtk_box_append (GTK_BOX (box), buttons);
  gtk_widget_add_css_class (box, "kap-clash-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}

/* Whether the supervisor can enter another value for @field here: an
 * answer the form's rows edit, stored under its own name (not inside a
 * repeat item), and not calculated. */
static gboolean
can_enter_other (KapForm      *form,
                 KapFormField *field,
                 const char   *path)
{
  if (field == NULL || strchr (path, '[') != NULL || strchr (path, '.') != NULL ||
      kap_form_field_has_calculate (field))
    return FALSE;

  switch (kap_form_field_get_field_type (field))
    {
    case KAP_FIELD_TEXT:
    case KAP_FIELD_INTEGER:
    case KAP_FIELD_DECIMAL:
    case KAP_FIELD_DATE:
    case KAP_FIELD_SELECT_ONE:
    case KAP_FIELD_SELECT_MULTIPLE:
      return kap_field_factory_get_kind (form, field) != G_TYPE_INVALID;
    case KAP_FIELD_BOOLEAN:
    case KAP_FIELD_NOTE:
    case KAP_FIELD_GROUP:
    case KAP_FIELD_REPEAT:
    default:
      return FALSE;
    }
}

/* The value entered is used once the form finds nothing wrong with it. */
static void
other_changed_cb (KapFieldRow    *row,
                  KapClashChoice *choice)
{
  kap_field_row_update (row, NULL, TRUE);
  gtk_widget_set_sensitive (choice->use_button, kap_field_row_get_message (row) == NULL);
}

static void
use_clicked_cb (GtkButton        *button,
                KapConflictsPage *self)
{
  KapClashChoice *choice = g_object_get_data (G_OBJECT (button), "kap-choice");
  KapForm *form = kap_field_row_get_form (choice->field_row);
  JsonNode *answer = json_object_get_member (choice->answers, choice->clash->path);

  kap_field_row_update (choice->field_row, NULL, TRUE);
  if (kap_field_row_get_message (choice->field_row) != NULL)
    return;

  kap_clash_choice_set_other (choice, form, answer);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (choice->other_menu));
  kap_conflicts_page_choice_changed (self);
}

void
kap_clash_choice_set_other (KapClashChoice *choice,
                            KapForm        *form,
                            JsonNode       *value)
{
  g_autofree char *text = NULL;

  if (choice->other_button == NULL)
    return;

  g_clear_pointer (&choice->other, json_node_unref);
  choice->other = value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL);

  text = kap_sync_value_to_text (form, choice->clash->path, choice->other);
  set_button_value (choice->other_button, _("Other Value"), text);
  gtk_widget_set_visible (GTK_WIDGET (choice->other_button), TRUE);
  gtk_toggle_button_set_active (choice->other_button, TRUE);
}

static void
add_other_menu (KapConflictsPage *self,
                KapForm          *form,
                KapConflict      *conflict,
                KapFormField     *field,
                KapClashChoice   *choice,
                GtkWidget        *line)
{
  JsonObject *merged = kap_merge_result_get_body (conflict->merge);
  GtkWidget *menu_button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *group = adw_preferences_group_new ();
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  /* The form's row edits a copy of the merged record, so that its
   * checks (relevance, constraints that read other answers) see the
   * record the resolution makes; it starts from this laptop's value. */
  json_node_set_object (node, merged != NULL ? merged : kap_document_get_body (conflict->ours));
  copy = json_node_copy (node);
  choice->answers = json_object_ref (json_node_get_object (copy));
  if (choice->clash->ours != NULL && !JSON_NODE_HOLDS_NULL (choice->clash->ours))
    json_object_set_member (choice->answers, choice->clash->path, json_node_copy (choice->clash->ours));
  else
    json_object_remove_member (choice->answers, choice->clash->path);

  choice->field_row = kap_field_factory_new_row (form, field, choice->answers, NULL, NULL, 0, FALSE,
                                                 kap_context_get_store (kap_conflicts_page_get_context (self)));
  g_signal_connect (choice->field_row, "changed", G_CALLBACK (other_changed_cb), choice);
  kap_field_row_add_to (choice->field_row, group);
  kap_field_row_update (choice->field_row, NULL, TRUE);
  gtk_widget_set_size_request (group, 360, -1);
  gtk_box_append (GTK_BOX (box), group);

  choice->use_button = gtk_button_new_with_mnemonic (_("_Use This Value"));
  gtk_widget_add_css_class (choice->use_button, "suggested-action");
  gtk_widget_set_halign (choice->use_button, GTK_ALIGN_END);
  gtk_widget_set_sensitive (choice->use_button, kap_field_row_get_message (choice->field_row) == NULL);
  g_object_set_data (G_OBJECT (choice->use_button), "kap-choice", choice);
  g_signal_connect (choice->use_button, "clicked", G_CALLBACK (use_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), choice->use_button);

  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_popover_set_child (GTK_POPOVER (popover), box);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
  gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("_Other Value…"));
  gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (menu_button), TRUE);
  gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
  choice->other_menu = menu_button;
  gtk_box_append (GTK_BOX (line), menu_button);
}

GtkWidget *
kap_conflicts_page_clash_row_new (KapConflictsPage *self,
                                  KapForm          *form,
                                  KapConflict      *conflict,
                                  KapClashChoice   *choice)
{
  static const char *sides[3] = { N_("Base"), N_("This Laptop"), N_("Server") };
  KapMergeClash *clash = choice->clash;
  GtkWidget *row, *box, *line, *buttons;
  GtkWidget *title;
  KapFormField *field;
  g_autofree char *label = NULL;

  /* Before any widget is made: a deletion has its own row, and floating
   * widgets made for nothing would leak. */
  if (clash->path[0] == '\0')
    return deletion_row_new (self, form, choice);

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  buttons = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

  label = kap_sync_path_label (form, clash->path,
                               conflict->ours != NULL ? kap_document_get_body (conflict->ours) : NULL);
  title = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (title), 0.0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_add_css_class (title, "kap-clash-field");
  gtk_box_append (GTK_BOX (box), title);

  choice->base_known = conflict->base != NULL;
  for (int side = 0; side < 3; side++)
    {
      g_autofree char *text = NULL;

      /* Without the common version, "not answered" would be a guess:
       * nobody knows what it said, so it cannot be chosen either. */
      if (side == KAP_CLASH_BASE && !choice->base_known)
        text = g_strdup (_("Not known (the common version is not on this laptop)"));
      else
        text = kap_sync_value_to_text (form, clash->path, side_value (choice, side));

      choice->buttons[side] = side_button_new (_(sides[side]), text);
      if (side > 0)
        gtk_toggle_button_set_group (choice->buttons[side], choice->buttons[0]);
      g_signal_connect (choice->buttons[side], "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (choice->buttons[side]));
    }
  gtk_widget_set_sensitive (GTK_WIDGET (choice->buttons[KAP_CLASH_BASE]), choice->base_known);

  choice->other_button = side_button_new (_("Other Value"), "");
  gtk_toggle_button_set_group (choice->other_button, choice->buttons[0]);
  gtk_widget_set_visible (GTK_WIDGET (choice->other_button), FALSE);
  g_signal_connect (choice->other_button, "toggled", G_CALLBACK (toggled_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (choice->other_button));

  field = kap_sync_path_field (form, clash->path);
  if (can_enter_other (form, field, clash->path))
    add_other_menu (self, form, conflict, field, choice, line);
  else
    gtk_box_append (GTK_BOX (line), gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 0));
  gtk_size_group_add_widget (kap_conflicts_page_get_other_size (self), gtk_widget_get_last_child (line));

  /* The sides share the width equally, so that they line up from one
   * field to the next. */
  gtk_box_set_homogeneous (GTK_BOX (buttons), TRUE);
  gtk_widget_set_hexpand (buttons, TRUE);
  gtk_box_prepend (GTK_BOX (line), buttons);
  gtk_box_append (GTK_BOX (box), line);
  gtk_widget_add_css_class (box, "kap-clash-row");
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_widget_set_focusable (row, FALSE);

  return row;
}
