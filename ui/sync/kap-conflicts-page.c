/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-conflicts-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"
#include "kap-conflicts-page.h"
#include "kap-sync-values.h"
#include "kap-sync-rejections.h"

/* The conflict queue: per document, per clashing field, the base, this
 * laptop and the server side by side; the supervisor picks one (or types
 * a value for a text field) and applies. Below, the records the server
 * refused, with its reason and what to do. */

/* One clash on the conflicts page: the three sides and the choice. */
typedef struct
{
  KapMergeClash   *clash;              /* owned by the conflict's merge result */
  GtkToggleButton *buttons[3];         /* base, ours, theirs */
  GtkToggleButton *edited_button;      /* shown once a value was typed */
  GtkWidget       *edit_button;        /* a GtkMenuButton, text fields only, else NULL */
  JsonNode        *edited;             /* the typed value, or NULL */
} KapClashChoice;

typedef struct
{
  KapConflict     *conflict;
  GPtrArray       *choices;            /* KapClashChoice */
  GtkWidget       *group;              /* AdwPreferencesGroup */
  GtkButton       *apply_button;
} KapConflictView;

struct _KapConflictsPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "list", "empty" */
  GtkBox          *conflicts_box;
  AdwPreferencesGroup *rejected_group;
  GtkLabel        *error_label;

  char            *officer;
  char            *station;
  KapContext      *context;        /* the store, the forms, who resolves (the resolver checks it) */
  GPtrArray       *views;              /* KapConflictView */
  GPtrArray       *rejected_rows;      /* GtkWidget, in rejected_group */
};

G_DEFINE_FINAL_TYPE (KapConflictsPage, kap_conflicts_page, ADW_TYPE_BIN)

enum {
  OPEN_RECORD,
  RESOLVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

enum { SIDE_BASE, SIDE_OURS, SIDE_THEIRS };

static void
clash_choice_free (gpointer data)
{
  KapClashChoice *choice = data;

  g_clear_pointer (&choice->edited, json_node_unref);
  g_free (choice);
}

static void
conflict_view_free (gpointer data)
{
  KapConflictView *view = data;

  g_clear_pointer (&view->conflict, kap_conflict_free);
  g_clear_pointer (&view->choices, g_ptr_array_unref);
  g_free (view);
}

static JsonNode *
side_value (KapClashChoice *choice,
            int             side)
{
  switch (side)
    {
    case SIDE_BASE:
      return choice->clash->base;
    case SIDE_OURS:
      return choice->clash->ours;
    case SIDE_THEIRS:
    default:
      return choice->clash->theirs;
    }
}

static gboolean
choice_is_made (KapClashChoice *choice)
{
  for (guint i = 0; i < 3; i++)
    if (choice->buttons[i] != NULL && gtk_toggle_button_get_active (choice->buttons[i]))
      return TRUE;

  return choice->edited != NULL && gtk_toggle_button_get_active (choice->edited_button);
}

static void
update_apply (KapConflictsPage *self)
{
  for (guint i = 0; self->views != NULL && i < self->views->len; i++)
    {
      KapConflictView *view = g_ptr_array_index (self->views, i);
      gboolean complete = TRUE;

      for (guint j = 0; j < view->choices->len && complete; j++)
        complete = choice_is_made (g_ptr_array_index (view->choices, j));

      gtk_widget_set_sensitive (GTK_WIDGET (view->apply_button), complete);
    }
}

static void
apply_clicked_cb (GtkButton        *button,
                  KapConflictsPage *self)
{
  KapConflictView *view = g_object_get_data (G_OBJECT (button), "kap-view");
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;

  for (guint i = 0; i < view->choices->len; i++)
    {
      KapClashChoice *choice = g_ptr_array_index (view->choices, i);
      JsonNode *value = NULL;
      gboolean made = FALSE;

      for (guint side = 0; side < 3; side++)
        if (choice->buttons[side] != NULL && gtk_toggle_button_get_active (choice->buttons[side]))
          {
            value = side_value (choice, side);
            made = TRUE;
          }
      if (!made && choice->edited != NULL && gtk_toggle_button_get_active (choice->edited_button))
        {
          value = choice->edited;
          made = TRUE;
        }

      if (!made)
        return;

      /* An absent value (removed, never answered, deleted) is a JSON null
       * to the resolver. */
      json_object_set_member (choices, choice->clash->path,
                              value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
    }

  author.officer = self->officer;
  author.station = self->station;
  author.device = kap_store_get_device_id (kap_context_get_store (self->context));

  if (!kap_conflict_resolver_apply (kap_context_get_store (self->context),
                                    kap_context_get_profile (self->context),
                                    view->conflict, choices, &author, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      return;
    }

  g_signal_emit (self, signals [RESOLVED], 0, view->conflict->id);
  /* The same author applies the next choice: NULL keeps it. */
  kap_conflicts_page_reload (self, NULL);
}

static void
open_clicked_cb (GtkButton        *button,
                 KapConflictsPage *self)
{
  g_signal_emit (self, signals [OPEN_RECORD], 0, g_object_get_data (G_OBJECT (button), "kap-id"));
}

static void
toggled_cb (GtkToggleButton  *button,
            KapConflictsPage *self)
{
  update_apply (self);
}

static void
edit_activate_cb (GtkEntry         *entry,
                  KapConflictsPage *self)
{
  KapClashChoice *choice = g_object_get_data (G_OBJECT (entry), "kap-choice");
  GtkWidget *menu_button = g_object_get_data (G_OBJECT (entry), "kap-menu-button");
  GtkWidget *value_label = g_object_get_data (G_OBJECT (choice->edited_button), "kap-value");
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry))));
  g_autofree char *accessible = NULL;

  g_clear_pointer (&choice->edited, json_node_unref);
  if (text[0] == '\0')
    choice->edited = json_node_new (JSON_NODE_NULL);
  else
    {
      choice->edited = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (choice->edited, text);
    }

  gtk_label_set_text (GTK_LABEL (value_label), text[0] != '\0' ? text : _("Not answered"));
  /* Translators: the accessible name of the typed value's button. */
  accessible = g_strdup_printf (_("Typed: %s"), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->edited_button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  gtk_widget_set_visible (GTK_WIDGET (choice->edited_button), TRUE);
  gtk_toggle_button_set_active (choice->edited_button, TRUE);
  gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  update_apply (self);
}

static GtkToggleButton *
side_button_new (const char *side,
                 const char *value)
{
  GtkWidget *button = gtk_toggle_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *side_label = gtk_label_new (side);
  GtkWidget *value_label = gtk_label_new (value);
  g_autofree char *accessible = NULL;

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

  /* Translators: a choice's accessible name: the side, then the value,
   * e.g. “Server: Yes”. */
  accessible = g_strdup_printf (_("%s: %s"), side, value);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

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

  for (int side = SIDE_OURS; side <= SIDE_THEIRS; side++)
    {
      JsonNode *value = side_value (choice, side);
      gboolean deleted = value == NULL || JSON_NODE_HOLDS_NULL (value);
      g_autofree char *text = NULL;
      const char *where;

      if (deleted)
        where = side == SIDE_OURS ? _("Deleted on this laptop") : _("Deleted on the server");
      else
        where = side == SIDE_OURS ? _("Changed on this laptop") : _("Changed on the server");

      if (deleted)
        text = g_strdup (where);
      else
        {
          g_autofree char *summary = kap_sync_value_to_text (form, clash->path, value);

          text = g_strdup_printf ("%s\n%s", where, summary);
        }

      choice->buttons[side] = side_button_new (deleted ? _("Keep Deletion") : _("Keep Changes"), text);
      if (side != SIDE_OURS)
        gtk_toggle_button_set_group (choice->buttons[side], choice->buttons[SIDE_OURS]);
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

static GtkWidget *
clash_row_new (KapConflictsPage *self,
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

  for (int side = 0; side < 3; side++)
    {
      g_autofree char *text = kap_sync_value_to_text (form, clash->path, side_value (choice, side));

      choice->buttons[side] = side_button_new (_(sides[side]), text);
      if (side > 0)
        gtk_toggle_button_set_group (choice->buttons[side], choice->buttons[0]);
      g_signal_connect (choice->buttons[side], "toggled", G_CALLBACK (toggled_cb), self);
      gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (choice->buttons[side]));
    }

  choice->edited_button = side_button_new (_("Typed"), "");
  gtk_toggle_button_set_group (choice->edited_button, choice->buttons[0]);
  gtk_widget_set_visible (GTK_WIDGET (choice->edited_button), FALSE);
  g_signal_connect (choice->edited_button, "toggled", G_CALLBACK (toggled_cb), self);
  gtk_box_append (GTK_BOX (buttons), GTK_WIDGET (choice->edited_button));

  /* Only free text can be typed in here; anything else is one of the
   * sides, or edited in the record afterwards. */
  field = kap_sync_path_field (form, clash->path);
  if (field != NULL && kap_form_field_get_field_type (field) == KAP_FIELD_TEXT)
    {
      GtkWidget *menu_button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *entry = gtk_entry_new ();
      JsonNode *ours = clash->ours;

      gtk_menu_button_set_label (GTK_MENU_BUTTON (menu_button), _("_Edit…"));
      gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (menu_button), TRUE);
      gtk_widget_set_valign (menu_button, GTK_ALIGN_CENTER);
      if (ours != NULL && JSON_NODE_HOLDS_VALUE (ours) && json_node_get_value_type (ours) == G_TYPE_STRING)
        gtk_editable_set_text (GTK_EDITABLE (entry), json_node_get_string (ours));
      gtk_entry_set_activates_default (GTK_ENTRY (entry), FALSE);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 32);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      g_object_set_data (G_OBJECT (entry), "kap-choice", choice);
      g_object_set_data (G_OBJECT (entry), "kap-menu-button", menu_button);
      g_signal_connect (entry, "activate", G_CALLBACK (edit_activate_cb), self);
      gtk_popover_set_child (GTK_POPOVER (popover), entry);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (menu_button), popover);
      choice->edit_button = menu_button;
      gtk_box_append (GTK_BOX (line), menu_button);
      g_object_set_data (G_OBJECT (menu_button), "kap-entry", entry);
    }

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

static char *
record_title (KapConflictsPage *self,
              KapDocument      *document,
              const char       *type)
{
  const char *person_id = document != NULL ? kap_record_get_person_id (document) : NULL;
  g_autoptr(KapDocument) person = NULL;
  const char *name = NULL;

  if (g_strcmp0 (type, "person") == 0)
    person = document != NULL ? g_object_ref (document) : NULL;
  else if (person_id != NULL)
    person = kap_store_get (kap_context_get_store (self->context), person_id, NULL,
                            KAP_STORE_GET_NONE, NULL);

  if (person != NULL)
    name = json_object_get_string_member_with_default (kap_document_get_body (person), "name_stated", NULL);

  if (name == NULL || name[0] == '\0')
    return g_strdup (kap_records_type_label (type));

  /* Translators: a record's type and the person's name, “Screening · Arben Krasniqi”. */
  return g_strdup_printf (_("%s · %s"), kap_records_type_label (type), name);
}

static void
add_conflict (KapConflictsPage *self,
              KapConflict      *conflict)
{
  KapConflictView *view = g_new0 (KapConflictView, 1);
  KapForm *form = kap_form_registry_lookup (kap_context_get_forms (self->context), conflict->form_key);
  /* A tombstone keeps only the type: the live side names the person. */
  KapDocument *shown = conflict->ours != NULL && !kap_document_get_deleted (conflict->ours)
                       ? conflict->ours : conflict->theirs;
  GPtrArray *clashes = kap_merge_result_get_clashes (conflict->merge);
  GtkWidget *group = adw_preferences_group_new ();
  GtkWidget *suffix = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open Record"));
  const char *type = shown != NULL ? kap_document_get_doc_type (shown) : NULL;
  g_autofree char *title = record_title (self, shown, type);
  g_autofree char *description = NULL;

  view->conflict = kap_conflict_copy (conflict);
  view->choices = g_ptr_array_new_with_free_func (clash_choice_free);
  clashes = kap_merge_result_get_clashes (view->conflict->merge);

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  if (clashes->len == 1 && ((KapMergeClash *) g_ptr_array_index (clashes, 0))->path[0] == '\0')
    description = g_strdup (_("Deleted on one side while it was changed on the other: keep the "
                              "deletion or the changes."));
  else
    description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                "Changed here and on the server: choose what to keep for %u answer.",
                                                "Changed here and on the server: choose what to keep for %u answers.",
                                                clashes->len),
                                   clashes->len);
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), description);

  g_object_set_data_full (G_OBJECT (open), "kap-id", g_strdup (conflict->id), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), self);
  view->apply_button = GTK_BUTTON (gtk_button_new_with_mnemonic (_("_Apply")));
  gtk_widget_add_css_class (GTK_WIDGET (view->apply_button), "suggested-action");
  g_object_set_data (G_OBJECT (view->apply_button), "kap-view", view);
  g_signal_connect (view->apply_button, "clicked", G_CALLBACK (apply_clicked_cb), self);
  gtk_widget_set_sensitive (GTK_WIDGET (view->apply_button), FALSE);
  gtk_widget_set_valign (suffix, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (suffix), open);
  gtk_box_append (GTK_BOX (suffix), GTK_WIDGET (view->apply_button));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (group), suffix);

  for (guint i = 0; i < clashes->len; i++)
    {
      KapClashChoice *choice = g_new0 (KapClashChoice, 1);

      choice->clash = g_ptr_array_index (clashes, i);
      g_ptr_array_add (view->choices, choice);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 clash_row_new (self, form, view->conflict, choice));
    }

  view->group = group;
  g_ptr_array_add (self->views, view);
  gtk_box_append (self->conflicts_box, group);
}

static void
add_rejected (KapConflictsPage *self,
              const char       *id,
              JsonObject       *entry)
{
  const char *reason = json_object_get_string_member_with_default (entry, "reason", "");
  g_autoptr(KapDocument) document = kap_store_get (kap_context_get_store (self->context), id, NULL,
                                                   KAP_STORE_GET_DELETED, NULL);
  g_autofree char *title = record_title (self, document, document ? kap_document_get_doc_type (document) : NULL);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *open = gtk_button_new_with_mnemonic (_("_Open"));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  /* Translators: the server's reason for refusing a record, then what to do. */
  subtitle = g_strdup_printf (_("Server: “%s”\n%s"), reason, kap_sync_rejection_advice (reason));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("action-unavailable-symbolic"));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (open), "kap-id", g_strdup (id), g_free);
  g_signal_connect (open, "clicked", G_CALLBACK (open_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), open);

  adw_preferences_group_add (self->rejected_group, row);
  g_ptr_array_add (self->rejected_rows, row);
}

void
kap_conflicts_page_reload (KapConflictsPage      *self,
                           const KapRecordAuthor *author)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) rejected = NULL;
  GtkWidget *child;

  g_return_if_fail (KAP_IS_CONFLICTS_PAGE (self));

  if (author != NULL)
    {
      /* Copy before freeing: @author may point at the very strings this
       * page keeps. */
      char *officer = g_strdup (author->officer);
      char *station = g_strdup (author->station);

      g_free (self->officer);
      self->officer = officer;
      g_free (self->station);
      self->station = station;
    }

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->conflicts_box))) != NULL)
    gtk_box_remove (self->conflicts_box, child);
  g_ptr_array_set_size (self->views, 0);
  for (guint i = 0; i < self->rejected_rows->len; i++)
    adw_preferences_group_remove (self->rejected_group, g_ptr_array_index (self->rejected_rows, i));
  g_ptr_array_set_size (self->rejected_rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);

  conflicts = kap_conflict_resolver_list (kap_context_get_store (self->context),
                                          kap_context_get_forms (self->context), &error);
  if (conflicts == NULL)
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      g_clear_error (&error);
    }
  for (guint i = 0; conflicts != NULL && i < conflicts->len; i++)
    add_conflict (self, g_ptr_array_index (conflicts, i));

  rejected = kap_sync_rejections_get_all (kap_context_get_store (self->context), &error);
  if (rejected != NULL)
    {
      JsonObjectIter iter;
      const char *id;
      JsonNode *node;

      json_object_iter_init (&iter, rejected);
      while (json_object_iter_next (&iter, &id, &node))
        if (JSON_NODE_HOLDS_OBJECT (node))
          add_rejected (self, id, json_node_get_object (node));
    }
  else
    g_debug ("Rejections could not be read: %s", error->message);

  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_box), self->views->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), self->rejected_rows->len > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->views->len > 0 || self->rejected_rows->len > 0 ||
                                    gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? "list" : "empty");
}

static void
kap_conflicts_page_dispose (GObject *object)
{
  KapConflictsPage *self = (KapConflictsPage *)object;

  /* The buttons point into the views: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->rejected_rows, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kap_conflicts_page_parent_class)->dispose (object);
}

static void
kap_conflicts_page_finalize (GObject *object)
{
  KapConflictsPage *self = (KapConflictsPage *)object;

  g_free (self->officer);
  g_free (self->station);

  G_OBJECT_CLASS (kap_conflicts_page_parent_class)->finalize (object);
}

static void
kap_conflicts_page_class_init (KapConflictsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_conflicts_page_dispose;
  object_class->finalize = kap_conflicts_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/sync/kap-conflicts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapConflictsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KapConflictsPage, conflicts_box);
  gtk_widget_class_bind_template_child (widget_class, KapConflictsPage, rejected_group);
  gtk_widget_class_bind_template_child (widget_class, KapConflictsPage, error_label);

  signals [OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [RESOLVED] =
    g_signal_new ("resolved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kap_conflicts_page_init (KapConflictsPage *self)
{
  self->views = g_ptr_array_new_with_free_func (conflict_view_free);
  self->rejected_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_conflicts_page_new (KapContext *context)
{
  KapStore *store = kap_context_get_store (context);
  KapFormRegistry *forms = kap_context_get_forms (context);
  KapConflictsPage *self;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);

  self = g_object_new (KAP_TYPE_CONFLICTS_PAGE, NULL);
  self->context = g_object_ref (context);

  return GTK_WIDGET (self);
}

const char *
kap_conflicts_page_get_visible_name (KapConflictsPage *self)
{
  g_return_val_if_fail (KAP_IS_CONFLICTS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

KapRecordAuthor
kap_conflicts_page_get_author (KapConflictsPage *self)
{
  KapRecordAuthor author = { NULL, };

  g_return_val_if_fail (KAP_IS_CONFLICTS_PAGE (self), author);

  author.officer = self->officer;
  author.station = self->station;
  if (self->context != NULL)
    author.device = kap_store_get_device_id (kap_context_get_store (self->context));

  return author;
}

const char *
kap_conflicts_page_get_error_text (KapConflictsPage *self)
{
  g_return_val_if_fail (KAP_IS_CONFLICTS_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? gtk_label_get_text (self->error_label) : NULL;
}

guint
kap_conflicts_page_get_n_conflicts (KapConflictsPage *self)
{
  g_return_val_if_fail (KAP_IS_CONFLICTS_PAGE (self), 0);

  return self->views->len;
}

static KapConflictView *
get_view (KapConflictsPage *self,
          guint             index)
{
  g_return_val_if_fail (KAP_IS_CONFLICTS_PAGE (self), NULL);
  g_return_val_if_fail (index < self->views->len, NULL);

  return g_ptr_array_index (self->views, index);
}

const KapConflict *
kap_conflicts_page_get_conflict (KapConflictsPage *self,
                                 guint             index)
{
  KapConflictView *view = get_view (self, index);

  return view != NULL ? view->conflict : NULL;
}

GtkWidget *
kap_conflicts_page_get_group (KapConflictsPage *self,
                              guint             index)
{
  KapConflictView *view = get_view (self, index);

  return view != NULL ? view->group : NULL;
}

GtkWidget *
kap_conflicts_page_get_clash_row (KapConflictsPage *self,
                                  guint             index,
                                  const char       *path)
{
  KapConflictView *view = get_view (self, index);

  g_return_val_if_fail (path != NULL, NULL);

  for (guint i = 0; view != NULL && i < view->choices->len; i++)
    {
      KapClashChoice *choice = g_ptr_array_index (view->choices, i);

      /* Every row has the server's side. */
      if (g_str_equal (choice->clash->path, path))
        return gtk_widget_get_ancestor (GTK_WIDGET (choice->buttons[SIDE_THEIRS]), GTK_TYPE_LIST_BOX_ROW);
    }

  return NULL;
}
