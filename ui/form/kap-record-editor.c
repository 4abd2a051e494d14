/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-avr-stage.h"
#include "kap-carry-captions.h"
#include "kap-form-language-menu.h"
#include "kap-records.h"
#include "kap-record-badges.h"
#include "kap-record-editor.h"
#include "kap-record-editor-private.h"
#include "kap-style.h"

/* Changes are written this long after the last one. */
#define KAP_RECORD_EDITOR_SAVE_DELAY_MS 400

struct _KapRecordEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *title_label;
  KapRecordBadges   *badges;
  GtkLabel          *status_label;
  GtkButton         *finalize_button;
  GtkButton         *stage_button;
  KapFormLanguageMenu *language_menu;
  GtkScrolledWindow *scrolled;
  GtkBox            *content;
  AdwPreferencesGroup *summary_group;

  KapFormView       *view;
  KapPersonPickerFunc pick_person;   /* for the view's "person" fields */
  KapStageDialog    *stage_dialog;   /* weak, while it is open */
  GPtrArray         *summary_rows;   /* AdwActionRow, one per issue */

  KapStore          *store;
  KapFormRegistry   *forms;
  KapForm           *form;
  KapDocument       *record;
  char              *officer;
  char              *station;
  char              *device;
  char              *title;
  char              *error_message;  /* why the last save failed */

  guint              save_source;
  gboolean           dirty;
  gboolean           read_only;
};

/* How long after the last change a draft is written (DESIGN.md: within a
 * second of any change). */

G_DEFINE_FINAL_TYPE (KapRecordEditor, kap_record_editor, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_RECORD,
  PROP_TITLE,
  PROP_SAVED,
  N_PROPS
};

enum {
  FINALIZED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void
get_author (KapRecordEditor *self,
            KapRecordAuthor *author)
{
  author->officer = self->officer;
  author->station = self->station;
  author->device = self->device;
}

static gboolean
status_is_final (const char *status)
{
  return g_strcmp0 (status, KAP_RECORD_STATUS_FINAL) == 0 ||
         g_strcmp0 (status, KAP_RECORD_STATUS_REVIEWED) == 0;
}

static void
set_status (KapRecordEditor *self,
            const char      *text,
            gboolean         error)
{
  gtk_label_set_text (self->status_label, text);

  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "dim-label");
    }
}

static void
show_saved_status (KapRecordEditor *self)
{
  const char *status = kap_record_get_status (self->record);

  if (self->form == NULL)
    {
      set_status (self, _("Not opened"), FALSE);
      return;
    }

  if (g_strcmp0 (status, KAP_RECORD_STATUS_REVIEWED) == 0)
    set_status (self, _("Reviewed · Saved"), FALSE);
  else if (status_is_final (status))
    set_status (self, _("Final · Saved"), FALSE);
  else if (kap_document_get_rev (self->record) == NULL)
    set_status (self, _("Draft · Answers are saved as you type"), FALSE);
  else
    set_status (self, _("Draft · Saved"), FALSE);
}

static const char *
string_member (JsonObject *object,
               const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;

  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
      json_node_get_string (node)[0] != '\0')
    return json_node_get_string (node);

  return NULL;
}

/* The title names the person the record is about: names are what
 * officers recognise, in the script the person writes them in. */
static void
update_title (KapRecordEditor *self)
{
  JsonObject *body = kap_document_get_body (self->record);
  g_autoptr(KapDocument) person = NULL;
  JsonObject *person_body = NULL;
  const char *name = NULL;
  const char *form_title = self->form ? kap_form_get_title (self->form, NULL) : _("Record");
  g_autofree char *title = NULL;
  g_autofree char *label = NULL;

  if (g_strcmp0 (kap_document_get_doc_type (self->record), "person") == 0)
    person_body = body;
  else if (kap_record_get_person_id (self->record) != NULL)
    {
      person = kap_store_get (self->store, kap_record_get_person_id (self->record), NULL,
                              KAP_STORE_GET_NONE, NULL);
      if (person != NULL)
        person_body = kap_document_get_body (person);
    }

  name = string_member (person_body, "name_original");
  if (name == NULL)
    name = string_member (person_body, "name_stated");

  if (name != NULL)
    {
      g_autofree char *isolated = g_strconcat ("\u2068", name, "\u2069", NULL);

      /* Translators: the title of a record: the form's title and the
       * person's name, e.g. “Vulnerability screening · Милица Јовановић”. */
      title = g_strdup_printf (_("%s · %s"), form_title, name);
      /* On screen the name is isolated (FIRST STRONG ISOLATE … POP
       * DIRECTIONAL ISOLATE): an Arabic name after a Cyrillic title
       * would otherwise pull the separator into its own order. */
      label = g_strdup_printf (_("%s · %s"), form_title, isolated);
    }
  else
    title = g_strdup (form_title);

  gtk_label_set_text (self->title_label, label != NULL ? label : title);
  if (g_strcmp0 (title, self->title) != 0)
    {
      g_free (self->title);
      self->title = g_steal_pointer (&title);
      g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
    }
}

static void
update_badges (KapRecordEditor *self)
{
  kap_record_badges_set_answers (self->badges, self->form, kap_document_get_body (self->record));
}

static gboolean
is_return_interest (KapRecordEditor *self)
{
  return self->form != NULL &&
         g_strcmp0 (kap_form_get_record_type (self->form), "return_interest") == 0 &&
         kap_form_lookup_field (self->form, "stage") != NULL;
}

/* A final case moves on with “Update Stage…” (DOMAIN.md §2.2), never by
 * reopening it; a case that was never final is at its first stage. */
static gboolean
can_update_stage (KapRecordEditor *self)
{
  return kap_records_can_move_stage (self->record, self->form);
}

static void
update_allowed_stages (KapRecordEditor *self)
{
  g_auto(GStrv) next = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->stage_button), can_update_stage (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.update-stage", can_update_stage (self));

  if (self->read_only || !is_return_interest (self))
    return;

  next = kap_avr_stage_next (NULL);
  kap_form_view_set_allowed_choices (self->view, "stage", (const char * const *) next);
}

static void view_changed_cb (KapFormView     *view,
                             KapRecordEditor *self);

static void
build_view (KapRecordEditor *self)
{
  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      gtk_box_remove (self->content, GTK_WIDGET (self->view));
      self->view = NULL;
    }

  if (self->form == NULL)
    {
      /* Captured with a form version this Kapija does not know (synced
       * from a laptop with a newer one): show nothing rather than guess,
       * and never write it. */
      GtkWidget *page = adw_status_page_new ();
      g_autofree char *description = NULL;

      /* Translators: %s is a form and its version, e.g. “screening@2”. */
      description = g_strdup_printf (_("It was captured with the form “%s”, which this version of Kapija "
                                       "does not have. Nothing was changed. Update Kapija to open it."),
                                     kap_record_get_form_key (self->record));
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (page), "software-update-available-symbolic");
      adw_status_page_set_title (ADW_STATUS_PAGE (page), _("This Record Needs a Newer Kapija"));
      adw_status_page_set_description (ADW_STATUS_PAGE (page), description);
      gtk_box_append (self->content, page);
      self->read_only = TRUE;
      gtk_widget_set_visible (GTK_WIDGET (self->finalize_button), FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.finalize", FALSE);
      kap_record_editor_update_tools (self);
      return;
    }

  self->read_only = status_is_final (kap_record_get_status (self->record));
  self->view = KAP_FORM_VIEW (kap_form_view_new (self->form, kap_document_get_body (self->record),
                                                 self->read_only));
  kap_form_view_set_store (self->view, self->store, self->forms);
  kap_form_view_set_person_picker (self->view, self->pick_person);
  gtk_box_insert_child_after (self->content, GTK_WIDGET (self->view), GTK_WIDGET (self->summary_group));
  g_signal_connect (self->view, "changed", G_CALLBACK (view_changed_cb), self);
  kap_carry_captions_attach (self->view);
  kap_form_language_menu_set_view (self->language_menu, self->view);

  gtk_widget_set_visible (GTK_WIDGET (self->finalize_button), !self->read_only);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.finalize", !self->read_only);
  update_allowed_stages (self);
  update_badges (self);
  show_saved_status (self);
  kap_record_editor_update_tools (self);
}

static gboolean
save (KapRecordEditor  *self,
      GError          **error)
{
  g_autoptr(GError) local_error = NULL;
  KapRecordAuthor author;

  g_clear_handle_id (&self->save_source, g_source_remove);

  if (!self->dirty || self->form == NULL)
    return TRUE;

  get_author (self, &author);
  if (!kap_records_save (self->store, self->record, self->form, &author, &local_error))
    {
      g_autofree char *status = NULL;

      /* The answers stay on screen and in the record: the next change or
       * save_now() tries again. */
      g_free (self->error_message);
      if (g_error_matches (local_error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT))
        self->error_message = g_strdup (_("this record was changed elsewhere (by a sync or another window). "
                                          "Your answers are still here; copy what you need and reopen the record"));
      else
        self->error_message = g_strdup (local_error->message);

      /* Translators: the editor's status line when a draft could not be
       * written; %s says why. */
      status = g_strdup_printf (_("Not saved: %s"), self->error_message);
      set_status (self, status, TRUE);
      g_debug ("Saving a record failed: %s", local_error->message);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  g_clear_pointer (&self->error_message, g_free);
  self->dirty = FALSE;
  show_saved_status (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVED]);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RECORD]);

  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  KapRecordEditor *self = user_data;

  self->save_source = 0;
  save (self, NULL);

  return G_SOURCE_REMOVE;
}

static void
view_changed_cb (KapFormView     *view,
                 KapRecordEditor *self)
{
  gboolean was_dirty = self->dirty;

  self->dirty = TRUE;
  update_badges (self);
  if (self->error_message == NULL)
    set_status (self, _("Saving…"), FALSE);

  g_clear_handle_id (&self->save_source, g_source_remove);
  self->save_source = g_timeout_add (KAP_RECORD_EDITOR_SAVE_DELAY_MS, save_timeout_cb, self);

  if (!was_dirty)
    g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SAVED]);

  if (g_strcmp0 (kap_document_get_doc_type (self->record), "person") == 0)
    update_title (self);
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                KapRecordEditor         *self)
{
  save (self, NULL);
}

static void
clear_summary (KapRecordEditor *self)
{
  kap_record_editor_clear_attention (self->summary_group, self->summary_rows);
}

static void
show_summary (KapRecordEditor *self,
              GPtrArray       *issues)
{
  kap_record_editor_show_attention (self->summary_group, self->summary_rows, self->view, issues);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled), 0);
  if (self->summary_rows->len > 0)
    gtk_widget_grab_focus (g_ptr_array_index (self->summary_rows, 0));
}

static gboolean
finalize_record (KapRecordEditor  *self,
                 GError          **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) local_error = NULL;
  KapRecordAuthor author;

  if (self->form == NULL)
    return FALSE;
  if (self->read_only)
    return TRUE;

  if (!save (self, error))
    return FALSE;

  get_author (self, &author);
  if (!kap_records_finalize (self->store, self->record, self->form, &author, &issues, &local_error))
    {
      g_autofree char *status = NULL;

      if (issues != NULL)
        {
          kap_form_view_set_show_missing (self->view, TRUE);
          show_summary (self, issues);
          set_status (self, _("Draft · Saved · Not finalized yet"), FALSE);
          return FALSE;
        }

      /* Translators: the editor's status line when finalizing was
       * refused (e.g. no consent); the draft itself was saved just
       * before. %s says why. */
      status = g_strdup_printf (_("Saved as a draft, not finalized: %s"), local_error->message);
      set_status (self, status, TRUE);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  clear_summary (self);
  build_view (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RECORD]);
  g_signal_emit (self, signals [FINALIZED], 0);

  return TRUE;
}

/* Moves a final return interest to @stage (kap_records_move_stage());
 * refused, with the record as it was, when the move is not allowed or the
 * stage's answers are incomplete. */
static gboolean
update_stage (KapRecordEditor *self,
              const char      *stage,
              const char      *date,
              const char      *note)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *status = NULL;
  KapRecordAuthor author;

  get_author (self, &author);
  if (!kap_records_move_stage (self->store, self->record, self->form, &author,
                               stage, date, note, &error))
    {
      if (g_error_matches (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CONFLICT))
        status = g_strdup_printf (_("Not saved: %s"),
                                  _("this record was changed elsewhere (by a sync or another window). "
                                    "Reopen the record and update the stage again"));
      else
        status = g_strdup_printf (_("Not saved: %s"), error->message);
      set_status (self, status, TRUE);
      g_debug ("Updating the stage failed: %s", error->message);
      return FALSE;
    }

  build_view (self);
  set_status (self, _("Final · Stage updated"), FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_RECORD]);

  return TRUE;
}

static void
stage_response_cb (KapStageDialog  *dialog,
                   const char      *response,
                   KapRecordEditor *self)
{
  /* The dialog closes itself after any response. */
  if (self->stage_dialog == dialog)
    {
      g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &self->stage_dialog);
      self->stage_dialog = NULL;
    }

  if (g_strcmp0 (response, "update") == 0)
    update_stage (self, kap_stage_dialog_get_stage (dialog), kap_stage_dialog_get_date (dialog),
                  kap_stage_dialog_get_note (dialog));

  /* Back where the officer was, unless the case has ended. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->stage_button)))
    gtk_widget_grab_focus (GTK_WIDGET (self->stage_button));
}

static void
update_stage_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KapRecordEditor *self = KAP_RECORD_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (!can_update_stage (self))
    return;

  if (self->stage_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->stage_dialog));

  self->stage_dialog = kap_stage_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, self->form,
                                             kap_document_get_body (self->record), NULL);
  g_object_add_weak_pointer (G_OBJECT (self->stage_dialog), (gpointer *) &self->stage_dialog);
  g_signal_connect_object (self->stage_dialog, "response", G_CALLBACK (stage_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (self->stage_dialog));
}

static void
finalize_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  finalize_record (KAP_RECORD_EDITOR (widget), NULL);
}

static void
kap_record_editor_dispose (GObject *object)
{
  KapRecordEditor *self = (KapRecordEditor *)object;

  /* Whatever is still waiting is written now: typing is never lost. */
  if (self->dirty && self->store != NULL)
    save (self, NULL);
  g_clear_handle_id (&self->save_source, g_source_remove);

  if (self->view != NULL)
    g_signal_handlers_disconnect_by_data (self->view, self);
  self->view = NULL;

  if (self->stage_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->stage_dialog));

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_RECORD_EDITOR);

  g_clear_object (&self->record);
  g_clear_object (&self->form);
  g_clear_object (&self->forms);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_record_editor_parent_class)->dispose (object);
}

static void
kap_record_editor_finalize (GObject *object)
{
  KapRecordEditor *self = (KapRecordEditor *)object;

  g_clear_pointer (&self->summary_rows, g_ptr_array_unref);
  g_free (self->officer);
  g_free (self->station);
  g_free (self->device);
  g_free (self->title);
  g_free (self->error_message);

  G_OBJECT_CLASS (kap_record_editor_parent_class)->finalize (object);
}

static void
kap_record_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  KapRecordEditor *self = KAP_RECORD_EDITOR (object);

  switch (prop_id)
    {
    case PROP_RECORD:
      g_value_set_object (value, self->record);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_SAVED:
      g_value_set_boolean (value, kap_record_editor_get_saved (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_record_editor_class_init (KapRecordEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_record_editor_dispose;
  object_class->finalize = kap_record_editor_finalize;
  object_class->get_property = kap_record_editor_get_property;

  properties [PROP_RECORD] =
    g_param_spec_object ("record", NULL, NULL,
                         KAP_TYPE_DOCUMENT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_SAVED] =
    g_param_spec_boolean ("saved", NULL, NULL, TRUE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [FINALIZED] =
    g_signal_new ("finalized",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  g_type_ensure (KAP_TYPE_RECORD_BADGES);
  g_type_ensure (KAP_TYPE_FORM_LANGUAGE_MENU);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/kap-record-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, title_label);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, badges);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, finalize_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, stage_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, language_menu);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, scrolled);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, content);
  gtk_widget_class_bind_template_child (widget_class, KapRecordEditor, summary_group);

  gtk_widget_class_install_action (widget_class, "editor.finalize", NULL, finalize_action);
  gtk_widget_class_install_action (widget_class, "editor.update-stage", NULL, update_stage_action);
  kap_record_editor_class_add_tools (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.finalize", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "editor.finalize", NULL);

  gtk_widget_class_set_css_name (widget_class, "kap-record-editor");
}

static void
kap_record_editor_init (KapRecordEditor *self)
{
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));
  kap_style_ensure ();

  self->summary_rows = g_ptr_array_new ();

  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), focus);
}

GtkWidget *
kap_record_editor_new (KapStore              *store,
                       KapFormRegistry       *forms,
                       KapDocument           *record,
                       const KapRecordAuthor *author)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordEditor *self;
  KapForm *form;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);
  g_return_val_if_fail (KAP_IS_DOCUMENT (record), NULL);
  g_return_val_if_fail (author != NULL, NULL);

  /* Records are always shown with the form they were captured with. */
  form = kap_form_registry_lookup (forms, kap_record_get_form_key (record));

  self = g_object_new (KAP_TYPE_RECORD_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->forms = g_object_ref (forms);
  self->form = form ? g_object_ref (form) : NULL;
  self->officer = g_strdup (author->officer);
  self->station = g_strdup (author->station);
  self->device = g_strdup (author->device);

  /* Our own copy: the caller's document (say, an item of a list) does not
   * change under it while the officer types. */
  object = kap_document_to_object (record);
  self->record = kap_document_new_from_object (object, &error);
  g_assert_no_error (error);

  build_view (self);
  update_title (self);

  return GTK_WIDGET (self);
}

KapDocument *
kap_record_editor_get_record (KapRecordEditor *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), NULL);

  return self->record;
}

const char *
kap_record_editor_get_title (KapRecordEditor *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), NULL);

  return self->title;
}

gboolean
kap_record_editor_get_saved (KapRecordEditor *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), FALSE);

  return !self->dirty;
}

gboolean
kap_record_editor_save_now (KapRecordEditor  *self,
                            GError          **error)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), FALSE);

  return save (self, error);
}

KapFormView *
kap_record_editor_get_view (KapRecordEditor *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), NULL);

  return self->view;
}

void
kap_record_editor_set_person_picker (KapRecordEditor     *self,
                                     KapPersonPickerFunc  func)
{
  g_return_if_fail (KAP_IS_RECORD_EDITOR (self));

  self->pick_person = func;
  if (self->view != NULL)
    kap_form_view_set_person_picker (self->view, func);
}

gboolean
kap_record_editor_get_read_only (KapRecordEditor *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), FALSE);

  return self->read_only;
}

gboolean
kap_record_editor_finalize_record (KapRecordEditor  *self,
                                   GError          **error)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), FALSE);

  return finalize_record (self, error);
}

KapStageDialog *
kap_record_editor_get_stage_dialog (KapRecordEditor *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_EDITOR (self), NULL);

  return self->stage_dialog;
}

void
kap_record_editor_add_footer (KapRecordEditor *self,
                              GtkWidget       *footer)
{
  g_return_if_fail (KAP_IS_RECORD_EDITOR (self));
  gtk_box_append (self->content, footer);
}
