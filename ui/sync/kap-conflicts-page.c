/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-conflicts-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"
#include "kap-conflicts-page-private.h"
#include "kap-sync-values.h"
#include "kap-sync-rejections.h"

/* The conflict queue: per document, per clashing field, the base, this
 * laptop and the server side by side; the supervisor picks one (or
 * enters another value, kap-conflicts-page-clash.c) and applies. Above,
 * the resolutions applied here that no sync has taken to the server yet,
 * each with Undo; below, the records the server refused, with its reason
 * and what to do. */

typedef struct
{
  KapConflict     *conflict;
  GPtrArray       *choices;            /* KapClashChoice */
  GtkWidget       *group;              /* AdwPreferencesGroup */
  GtkButton       *apply_button;
} KapConflictView;

/* A resolution applied on this page, undoable until a sync pushes it. */
typedef struct
{
  KapResolutionUndo *undo;
  GtkWidget         *row;              /* in resolved_group */
} KapResolved;

struct _KapConflictsPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "list", "empty" */
  GtkBox          *conflicts_box;
  AdwPreferencesGroup *resolved_group;
  AdwPreferencesGroup *rejected_group;
  GtkLabel        *error_label;

  char            *officer;
  char            *station;
  KapContext      *context;        /* the store, the forms, who resolves (the resolver checks it) */
  GPtrArray       *views;              /* KapConflictView */
  GPtrArray       *resolved;           /* KapResolved, newest first */
  GPtrArray       *rejected_rows;      /* GtkWidget, in rejected_group */
  GtkSizeGroup    *other_size;
};

G_DEFINE_FINAL_TYPE (KapConflictsPage, kap_conflicts_page, ADW_TYPE_BIN)

enum {
  OPEN_RECORD,
  RESOLVED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
conflict_view_free (gpointer data)
{
  KapConflictView *view = data;

  g_clear_pointer (&view->conflict, kap_conflict_free);
  g_clear_pointer (&view->choices, g_ptr_array_unref);
  g_free (view);
}

static void
resolved_free (gpointer data)
{
  KapResolved *resolved = data;

  g_clear_pointer (&resolved->undo, kap_resolution_undo_free);
  g_free (resolved);
}

static void
update_apply (KapConflictsPage *self)
{
  for (guint i = 0; self->views != NULL && i < self->views->len; i++)
    {
      KapConflictView *view = g_ptr_array_index (self->views, i);
      gboolean complete = TRUE;

      for (guint j = 0; j < view->choices->len && complete; j++)
        {
          JsonNode *value;

          complete = kap_clash_choice_get (g_ptr_array_index (view->choices, j), &value);
        }

      gtk_widget_set_sensitive (GTK_WIDGET (view->apply_button), complete);
    }
}

void
kap_conflicts_page_choice_changed (KapConflictsPage *self)
{
  update_apply (self);
}

KapContext *
kap_conflicts_page_get_context (KapConflictsPage *self)
{
  return self->context;
}

GtkSizeGroup *
kap_conflicts_page_get_other_size (KapConflictsPage *self)
{
  return self->other_size;
}

static void
show_error (KapConflictsPage *self,
            const GError     *error)
{
  gtk_label_set_text (self->error_label, error->message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
update_stack (KapConflictsPage *self)
{
  gboolean resolved = self->resolved->len > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->resolved_group), resolved);
  if (resolved)
    {
      g_autofree char *description = NULL;

      /* What Apply did, and no more: the resolution is on this laptop;
       * only a sync takes it to the server. */
      description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                  "%u conflict was resolved on this laptop. The resolution goes to the server at the next sync; until then it can be undone.",
                                                  "%u conflicts were resolved on this laptop. The resolutions go to the server at the next sync; until then they can be undone.",
                                                  self->resolved->len),
                                     self->resolved->len);
      adw_preferences_group_set_description (self->resolved_group, description);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_box), self->views->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->rejected_group), self->rejected_rows->len > 0);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->views->len > 0 || self->rejected_rows->len > 0 || resolved ||
                                    gtk_widget_get_visible (GTK_WIDGET (self->error_label)) ? "list" : "empty");
}

static void
remove_resolved (KapConflictsPage *self,
                 guint             index)
{
  KapResolved *resolved = g_ptr_array_index (self->resolved, index);

  adw_preferences_group_remove (self->resolved_group, resolved->row);
  g_ptr_array_remove_index (self->resolved, index);
}

/* A sync pushed a resolution (or the record changed since): its undo is
 * gone. */
static void
prune_resolved (KapConflictsPage *self)
{
  KapStore *store = kap_context_get_store (self->context);

  for (guint i = self->resolved->len; i > 0; i--)
    {
      KapResolved *resolved = g_ptr_array_index (self->resolved, i - 1);

      if (!kap_conflict_resolver_can_undo (store, resolved->undo))
        remove_resolved (self, i - 1);
    }
}

static void
documents_changed_cb (KapStore           *store,
                      const char * const *ids,
                      KapConflictsPage   *self)
{
  guint before = self->resolved->len;

  prune_resolved (self);
  if (self->resolved->len != before)
    update_stack (self);
}

static void
undo_clicked_cb (GtkButton        *button,
                 KapConflictsPage *self)
{
  KapResolutionUndo *clicked = g_object_get_data (G_OBJECT (button), "kap-undo");
  g_autoptr(KapResolutionUndo) undo = NULL;
  g_autoptr(GError) error = NULL;

  /* Taken off the list first: the undo's own write emits
   * "documents-changed", which prunes the list. */
  for (guint i = 0; i < self->resolved->len && undo == NULL; i++)
    {
      KapResolved *resolved = g_ptr_array_index (self->resolved, i);

      if (resolved->undo == clicked)
        {
          undo = g_steal_pointer (&resolved->undo);
          remove_resolved (self, i);
        }
    }
  if (undo == NULL)
    return;

  if (!kap_conflict_resolver_undo (kap_context_get_store (self->context),
                                   kap_context_get_profile (self->context), undo, &error))
    {
      kap_conflicts_page_reload (self, NULL);
      show_error (self, error);
      update_stack (self);
      return;
    }

  kap_conflicts_page_reload (self, NULL);
}

static char *record_title (KapConflictsPage *self,
                           KapDocument      *document,
                           const char       *type);

static void
add_resolved (KapConflictsPage  *self,
              KapConflict       *conflict,
              KapResolutionUndo *undo)
{
  KapResolved *resolved = g_new0 (KapResolved, 1);
  KapDocument *shown = !kap_document_get_deleted (conflict->ours) ? conflict->ours : conflict->theirs;
  g_autofree char *title = record_title (self, shown, kap_document_get_doc_type (shown));
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Undo"));
  g_autofree char *accessible = NULL;

  resolved->undo = undo;
  resolved->row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (resolved->row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (resolved->row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (resolved->row), _("Resolved here, not synced yet"));
  adw_action_row_add_prefix (ADW_ACTION_ROW (resolved->row), gtk_image_new_from_icon_name ("emblem-ok-symbolic"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  /* Translators: the accessible name of Undo, with the record's title. */
  accessible = g_strdup_printf (_("Undo the resolution of “%s”"), title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_object_set_data (G_OBJECT (button), "kap-undo", undo);
  g_signal_connect (button, "clicked", G_CALLBACK (undo_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (resolved->row), button);

  adw_preferences_group_add (self->resolved_group, resolved->row);
  g_ptr_array_insert (self->resolved, 0, resolved);
}

static void
apply_clicked_cb (GtkButton        *button,
                  KapConflictsPage *self)
{
  KapConflictView *view = g_object_get_data (G_OBJECT (button), "kap-view");
  g_autoptr(JsonObject) choices = json_object_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(KapConflict) conflict = NULL;
  KapResolutionUndo *undo = NULL;
  KapRecordAuthor author;

  for (guint i = 0; i < view->choices->len; i++)
    {
      KapClashChoice *choice = g_ptr_array_index (view->choices, i);
      JsonNode *value = NULL;

      if (!kap_clash_choice_get (choice, &value))
        return;

      /* An absent value (removed, never answered, deleted) is a JSON null
       * to the resolver. */
      json_object_set_member (choices, choice->clash->path,
                              value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
    }

  author.officer = self->officer;
  author.station = self->station;
  author.device = kap_store_get_device_id (kap_context_get_store (self->context));

  if (!kap_conflict_resolver_apply_undoable (kap_context_get_store (self->context),
                                             kap_context_get_profile (self->context),
                                             view->conflict, choices, &author, &undo, &error))
    {
      show_error (self, error);
      return;
    }

  /* The reload below frees the view. */
  conflict = kap_conflict_copy (view->conflict);
  if (undo != NULL)
    add_resolved (self, conflict, undo);
  g_signal_emit (self, signals [RESOLVED], 0, conflict->id);
  /* The same author applies the next choice: NULL keeps it. */
  kap_conflicts_page_reload (self, NULL);
}

static void
open_clicked_cb (GtkButton        *button,
                 KapConflictsPage *self)
{
  g_signal_emit (self, signals [OPEN_RECORD], 0, g_object_get_data (G_OBJECT (button), "kap-id"));
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
  view->choices = g_ptr_array_new_with_free_func (kap_clash_choice_free);
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
                                 kap_conflicts_page_clash_row_new (self, form, view->conflict, choice));
    }

  view->group = group;
  g_ptr_array_add (self->views, view);
  gtk_box_append (self->conflicts_box, group);
}

/* A choice made before a reload (another conflict applied or undone),
 * made again on the same conflict if its sides are still the same. */
typedef struct
{
  char     *key;        /* id, ours and theirs revisions, path */
  int       side;       /* KAP_CLASH_*, or -1 for the other value */
  JsonNode *other;
} KeptChoice;

static void
kept_choice_free (gpointer data)
{
  KeptChoice *kept = data;

  g_free (kept->key);
  g_clear_pointer (&kept->other, json_node_unref);
  g_free (kept);
}

static char *
choice_key (KapConflict    *conflict,
            KapClashChoice *choice)
{
  return g_strjoin ("\n", conflict->id, kap_document_get_rev (conflict->ours),
                    kap_document_get_rev (conflict->theirs), choice->clash->path, NULL);
}

static GHashTable *
keep_choices (KapConflictsPage *self)
{
  GHashTable *kept = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, kept_choice_free);

  for (guint i = 0; i < self->views->len; i++)
    {
      KapConflictView *view = g_ptr_array_index (self->views, i);

      for (guint j = 0; j < view->choices->len; j++)
        {
          KapClashChoice *choice = g_ptr_array_index (view->choices, j);
          KeptChoice *entry = g_new0 (KeptChoice, 1);

          entry->side = -2;
          for (int side = 0; side < 3; side++)
            if (choice->buttons[side] != NULL && gtk_toggle_button_get_active (choice->buttons[side]))
              entry->side = side;
          if (entry->side == -2 && choice->other != NULL && gtk_toggle_button_get_active (choice->other_button))
            {
              entry->side = -1;
              entry->other = json_node_copy (choice->other);
            }
          if (entry->side == -2)
            {
              kept_choice_free (entry);
              continue;
            }
          entry->key = choice_key (view->conflict, choice);
          g_hash_table_replace (kept, entry->key, entry);
        }
    }

  return kept;
}

static void
restore_choices (KapConflictsPage *self,
                 KapConflictView  *view,
                 GHashTable       *kept)
{
  KapForm *form = kap_form_registry_lookup (kap_context_get_forms (self->context), view->conflict->form_key);

  for (guint j = 0; j < view->choices->len; j++)
    {
      KapClashChoice *choice = g_ptr_array_index (view->choices, j);
      g_autofree char *key = choice_key (view->conflict, choice);
      KeptChoice *entry = g_hash_table_lookup (kept, key);

      if (entry == NULL)
        continue;
      if (entry->side >= 0 && choice->buttons[entry->side] != NULL)
        gtk_toggle_button_set_active (choice->buttons[entry->side], TRUE);
      else if (entry->side == -1)
        kap_clash_choice_set_other (choice, form, entry->other);
    }
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
  g_autoptr(GHashTable) kept = NULL;
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

  kept = keep_choices (self);
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
    {
      add_conflict (self, g_ptr_array_index (conflicts, i));
      restore_choices (self, g_ptr_array_index (self->views, self->views->len - 1), kept);
    }
  update_apply (self);

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

  prune_resolved (self);
  update_stack (self);
}

static void
kap_conflicts_page_dispose (GObject *object)
{
  KapConflictsPage *self = (KapConflictsPage *)object;

  /* The buttons point into the views: they go first. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  g_clear_pointer (&self->views, g_ptr_array_unref);
  g_clear_pointer (&self->resolved, g_ptr_array_unref);
  g_clear_pointer (&self->rejected_rows, g_ptr_array_unref);
  g_clear_object (&self->other_size);
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
  gtk_widget_class_bind_template_child (widget_class, KapConflictsPage, resolved_group);
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
  self->resolved = g_ptr_array_new_with_free_func (resolved_free);
  self->rejected_rows = g_ptr_array_new ();
  self->other_size = gtk_size_group_new (GTK_SIZE_GROUP_HORIZONTAL);
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
  g_signal_connect_object (store, "documents-changed", G_CALLBACK (documents_changed_cb), self, 0);

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
        return gtk_widget_get_ancestor (GTK_WIDGET (choice->buttons[KAP_CLASH_THEIRS]), GTK_TYPE_LIST_BOX_ROW);
    }

  return NULL;
}
