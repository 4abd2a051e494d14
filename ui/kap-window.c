/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"
#include "kap-style.h"
#include "kap-window-private.h"

/* The main window: which page is on screen (the records, the empty or
 * error page, a supervisor's page) and toasts. The records list is a
 * KapRecordsPage, the record shown a KapRecordPane, the offer to sync a
 * KapSyncBanner; the profile gate is in kap-window-profile.c, the error
 * page in kap-window-error.c, what the actions do in
 * kap-window-actions.c. */

G_DEFINE_FINAL_TYPE (KapWindow, kap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ERROR,
  PROP_FORMS,
  PROP_PERSON_INDEX,
  PROP_RECORDS,
  PROP_OFFICER_CODE,
  PROP_STATION_CODE,
  PROP_SETTINGS,
  PROP_ASK_PROFILE,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

void
kap_window_show_toast (KapWindow  *self,
                       const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

void
kap_window_show_toast_for_error (KapWindow    *self,
                                 const char   *title,
                                 const GError *error)
{
  g_autofree char *text = NULL;

  /* Translators: a short failure, then core's message. */
  text = g_strdup_printf (_("%s: %s"), title, error->message);
  kap_window_show_toast (self, text);
}

void
kap_window_update_state (KapWindow *self)
{
  g_autoptr(GError) error = NULL;

  if (self->error != NULL)
    {
      kap_window_show_error (self, self->error);
      return;
    }

  if (self->store == NULL || self->records == NULL)
    {
      /* A caller bug rather than something an officer did, but the window
       * should still say something useful instead of an empty page. */
      if (self->store == NULL)
        g_warning ("KapWindow created without a store or an error");
      error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING,
                                   _("No records file was opened."));
      kap_window_show_error (self, error);
      return;
    }

  /* Nobody works before saying who they are; the supervisor's pages
   * cover the records while they are open. */
  if (self->ask_profile && self->profile == NULL)
    {
      kap_window_show_profiles (self);
      return;
    }

  if (self->mode != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->mode);
      return;
    }

  if (kap_record_list_get_n_total (self->records) == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "main");
  kap_records_page_update (self->records_page);
}

/* The record pane, as the window's own code and kap_window_mark_reviewed()
 * call it. */

static void
save_editor (KapWindow *self)
{
  kap_record_pane_save (self->record_pane);
}

void
kap_window_save_editor (KapWindow *self)
{
  save_editor (self);
}

static gboolean
show_record (KapWindow  *self,
             const char *id,
             gboolean    edit)
{
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;
  gboolean shown;

  kap_window_get_author (self, &author);
  shown = kap_record_pane_show (self->record_pane, id, edit, &author, &error);
  if (!shown)
    kap_window_show_toast_for_error (self, _("The record could not be opened"), error);

  g_free (self->shown_id);
  self->shown_id = g_strdup (kap_record_pane_get_shown_id (self->record_pane));
  self->editor = kap_record_pane_get_editor (self->record_pane);

  return shown;
}

gboolean
kap_window_show_record (KapWindow  *self,
                        const char *id,
                        gboolean    edit)
{
  return show_record (self, id, edit);
}

static void
show_content_pane (KapWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
record_selected_cb (KapWindow      *self,
                    const char     *id,
                    KapRecordsPage *page)
{
  if (g_strcmp0 (id, self->shown_id) == 0)
    return;

  show_record (self, id, FALSE);
}

static void
record_activated_cb (KapWindow      *self,
                     const char     *id,
                     KapRecordsPage *page)
{
  if (g_strcmp0 (id, self->shown_id) != 0 && !show_record (self, id, FALSE))
    return;

  kap_records_page_select (self->records_page, self->shown_id);
  show_content_pane (self);
  kap_record_pane_focus (self->record_pane);
}

static void
records_changed_cb (KapWindow *self)
{
  kap_window_update_state (self);

  if (self->shown_id != NULL &&
      kap_records_page_get_selected (self->records_page) == GTK_INVALID_LIST_POSITION)
    kap_records_page_select (self->records_page, self->shown_id);
}

static void
pane_open_record_cb (KapWindow     *self,
                     const char    *id,
                     gboolean       edit,
                     KapRecordPane *pane)
{
  kap_window_open_record (self, id, edit);
}

static void
pane_new_record_cb (KapWindow     *self,
                    const char    *form_id,
                    const char    *person_id,
                    KapRecordPane *pane)
{
  kap_window_create_record (self, form_id, person_id);
}

/* The mode pages: profiles and the supervisor's pages, shown in place of
 * the records. */

void
kap_window_add_mode_page (KapWindow  *self,
                          GtkWidget  *page,
                          const char *name)
{
  gtk_stack_add_named (self->stack, page, name);
}

void
kap_window_set_mode (KapWindow  *self,
                     const char *mode)
{
  self->mode = mode;
  kap_window_update_state (self);
}

const KapProfile *
kap_window_get_profile (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->profile;
}

void
kap_window_set_profile (KapWindow        *self,
                        const KapProfile *profile)
{
  g_return_if_fail (KAP_IS_WINDOW (self));

  save_editor (self);

  g_clear_pointer (&self->profile, kap_profile_free);
  if (profile != NULL)
    self->profile = kap_profile_copy (profile);

  /* The author of every record from now on. */
  g_free (self->officer);
  self->officer = profile != NULL ? g_strdup (profile->code) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OFFICER_CODE]);

  /* The open editor writes as its author: reopen it as the new one. */
  if (self->editor != NULL && self->shown_id != NULL)
    show_record (self, self->shown_id, FALSE);

  kap_window_update_profile_ui (self);
  if (g_strcmp0 (self->mode, "profiles") == 0)
    self->mode = NULL;
  kap_window_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

gboolean
kap_window_mark_reviewed (KapWindow   *self,
                          const char  *id,
                          GError     **error)
{
  KapRecordAuthor author;

  g_return_val_if_fail (KAP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!kap_records_check (self->profile, KAP_RECORDS_ACTION_REVIEW, error))
    return FALSE;

  /* A change pending in the editor is written first, so that the review
   * goes on top of it rather than conflicting with it. */
  save_editor (self);

  kap_window_get_author (self, &author);
  if (!kap_records_review (self->store, self->profile, &author, id, error))
    return FALSE;

  /* The editor on screen holds the revision before the review. */
  if (g_strcmp0 (self->shown_id, id) == 0 && self->editor != NULL)
    show_record (self, id, FALSE);

  return TRUE;
}

void
kap_window_network_changed (KapWindow *self,
                            gboolean   available)
{
  g_return_if_fail (KAP_IS_WINDOW (self));

  kap_sync_banner_network_changed (self->banner, available);
}

static gboolean
kap_window_close_request (GtkWindow *window)
{
  KapWindow *self = KAP_WINDOW (window);

  save_editor (self);

  return GTK_WINDOW_CLASS (kap_window_parent_class)->close_request (window);
}

static void
kap_window_constructed (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  G_OBJECT_CLASS (kap_window_parent_class)->constructed (object);

  if (self->forms == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->forms = kap_form_registry_new ();
      if (!kap_form_registry_load_builtin (self->forms, &error))
        g_warning ("The shipped forms did not load: %s", error->message);
    }

  if (self->store != NULL && self->error == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->records == NULL)
        self->records = kap_record_list_new (self->store, &error);
      if (self->records != NULL && self->person_index == NULL)
        {
          self->person_index = kap_person_index_load (self->store, &error);
          if (self->person_index != NULL)
            kap_records_follow_persons (self->person_index, self->store);
        }

      if (error != NULL)
        self->error = g_steal_pointer (&error);
    }

  if (self->store != NULL)
    {
      kap_record_pane_set_store (self->record_pane, self->store, self->forms);
      kap_sync_banner_set_store (self->banner, self->store);
    }

  if (self->records != NULL)
    {
      kap_records_page_set_records (self->records_page, self->records, self->forms);
      /* After the page's selection model, so that it has dropped or kept
       * the selection by the time this one looks. */
      g_signal_connect_object (self->records, "items-changed",
                               G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
    }

  if (self->settings != NULL)
    g_settings_bind (self->settings, "station-code", self, "station-code", G_SETTINGS_BIND_GET);

  kap_window_update_profile_ui (self);
  kap_window_update_state (self);

  /* Arrows move in the list at once, and typing there searches. */
  if (self->records != NULL && (self->profile != NULL || !self->ask_profile))
    kap_records_page_focus_list (self->records_page);
}

static void
kap_window_dispose (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  if (self->new_person_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->new_person_dialog));
  if (self->person_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_chooser));

  self->editor = NULL;
  self->banner = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_WINDOW);

  self->profiles_page = NULL;
  self->review_page = NULL;
  self->sync_page = NULL;
  self->conflicts_page = NULL;

  g_clear_object (&self->settings);
  g_clear_object (&self->records);
  g_clear_object (&self->person_index);
  g_clear_object (&self->forms);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_window_parent_class)->dispose (object);
}

static void
kap_window_finalize (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  g_clear_error (&self->error);
  g_clear_pointer (&self->profile, kap_profile_free);
  g_free (self->officer);
  g_free (self->station);
  g_free (self->shown_id);

  G_OBJECT_CLASS (kap_window_parent_class)->finalize (object);
}

static void
kap_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KapWindow *self = KAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_FORMS:
      g_value_set_object (value, self->forms);
      break;

    case PROP_PERSON_INDEX:
      g_value_set_object (value, self->person_index);
      break;

    case PROP_RECORDS:
      g_value_set_object (value, self->records);
      break;

    case PROP_OFFICER_CODE:
      g_value_set_string (value, self->officer);
      break;

    case PROP_STATION_CODE:
      g_value_set_string (value, self->station);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ASK_PROFILE:
      g_value_set_boolean (value, self->ask_profile);
      break;

    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KapWindow *self = KAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ERROR:
      self->error = g_value_dup_boxed (value);
      break;

    case PROP_FORMS:
      self->forms = g_value_dup_object (value);
      break;

    case PROP_PERSON_INDEX:
      self->person_index = g_value_dup_object (value);
      break;

    case PROP_RECORDS:
      self->records = g_value_dup_object (value);
      break;

    case PROP_OFFICER_CODE:
      if (g_strcmp0 (self->officer, g_value_get_string (value)) != 0)
        {
          g_free (self->officer);
          self->officer = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_STATION_CODE:
      if (g_strcmp0 (self->station, g_value_get_string (value)) != 0)
        {
          g_free (self->station);
          self->station = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ASK_PROFILE:
      self->ask_profile = g_value_get_boolean (value);
      break;

    case PROP_PROFILE:
      kap_window_set_profile (self, g_value_get_boxed (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_window_class_init (KapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kap_window_constructed;
  object_class->dispose = kap_window_dispose;
  object_class->finalize = kap_window_finalize;
  object_class->get_property = kap_window_get_property;
  object_class->set_property = kap_window_set_property;

  window_class->close_request = kap_window_close_request;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KAP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FORMS] =
    g_param_spec_object ("forms", NULL, NULL,
                         KAP_TYPE_FORM_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PERSON_INDEX] =
    g_param_spec_object ("person-index", NULL, NULL,
                         KAP_TYPE_PERSON_INDEX,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RECORDS] =
    g_param_spec_object ("records", NULL, NULL,
                         KAP_TYPE_RECORD_LIST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OFFICER_CODE] =
    g_param_spec_string ("officer-code", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STATION_CODE] =
    g_param_spec_string ("station-code", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));


  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ASK_PROFILE] =
    g_param_spec_boolean ("ask-profile", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROFILE] =
    g_param_spec_boxed ("profile", NULL, NULL,
                        KAP_TYPE_PROFILE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (KAP_TYPE_RECORDS_PAGE);
  g_type_ensure (KAP_TYPE_RECORD_PANE);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/kap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KapWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, records_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, record_pane);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_profile_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_sync_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, error_page);
  gtk_widget_class_bind_template_callback (widget_class, record_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_open_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_new_record_cb);

  kap_window_class_install_actions (widget_class);
}

static void
kap_window_init (KapWindow *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->banner = KAP_SYNC_BANNER (kap_sync_banner_new ());
  kap_records_page_set_banner (self->records_page, GTK_WIDGET (self->banner));
}

KapWindow *
kap_window_new (GtkApplication *application,
                KapStore       *store,
                const GError   *error)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!store || KAP_IS_STORE (store), NULL);

  return g_object_new (KAP_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "error", error,
                       NULL);
}

KapStore *
kap_window_get_store (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->store;
}

const GError *
kap_window_get_error (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->error;
}

void
kap_window_get_author (KapWindow       *self,
                       KapRecordAuthor *author)
{
  g_return_if_fail (KAP_IS_WINDOW (self));
  g_return_if_fail (author != NULL);

  /* The officer is the signed-in profile's code. A window made without
   * asking for a profile (the widget tests) writes the placeholder
   * "officer": created_by must never be empty, and never a name. */
  author->officer = self->officer != NULL && self->officer[0] != '\0' ? self->officer : "officer";
  author->station = self->station != NULL && self->station[0] != '\0' ? self->station : NULL;
  author->device = self->store != NULL ? kap_store_get_device_id (self->store) : NULL;
}

void
kap_window_open_record (KapWindow  *self,
                        const char *id,
                        gboolean    edit)
{
  g_return_if_fail (KAP_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (!show_record (self, id, edit))
    return;

  kap_window_update_state (self);
  kap_records_page_select (self->records_page, id);
  show_content_pane (self);
}

const char *
kap_window_get_visible_page_name (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
kap_window_get_page (KapWindow  *self,
                     const char *name)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return gtk_stack_get_child_by_name (self->stack, name);
}

GtkWidget *
kap_window_get_records_page (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->records_page);
}

GtkWidget *
kap_window_get_record_pane (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->record_pane);
}

GtkWidget *
kap_window_get_sync_banner (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->banner);
}

GtkWindow *
kap_window_get_new_person_dialog (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->new_person_dialog != NULL ? GTK_WINDOW (self->new_person_dialog) : NULL;
}

GtkWindow *
kap_window_get_person_chooser (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->person_chooser != NULL ? GTK_WINDOW (self->person_chooser) : NULL;
}
