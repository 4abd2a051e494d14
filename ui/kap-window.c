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
 * page in kap-window-error.c, which record is shown in
 * kap-window-records.c, what the actions do (and the dialogs they open)
 * in kap-window-actions.c. */

G_DEFINE_FINAL_TYPE (KapWindow, kap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_CONTEXT,
  PROP_ERROR,
  PROP_RECORDS,
  PROP_ASK_PROFILE,
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

  if (kap_context_get_store (self->context) == NULL || self->records == NULL)
    {
      /* A caller bug rather than something an officer did, but the window
       * should still say something useful instead of an empty page. */
      if (kap_context_get_store (self->context) == NULL)
        g_warning ("KapWindow created without a store or an error");
      error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING,
                                   _("No records file was opened."));
      kap_window_show_error (self, error);
      return;
    }

  /* Nobody works before saying who they are; the supervisor's pages
   * cover the records while they are open. */
  if (self->ask_profile && kap_context_get_profile (self->context) == NULL)
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

/* The context's profile is the one truth: whoever changes it (the
 * profiles page, a test, the app), the window follows. */
static void
profile_changed_cb (KapWindow  *self,
                    GParamSpec *pspec,
                    KapContext *context)
{
  /* The open editor writes as its author: reopen it as the new one. */
  if (kap_record_pane_get_editor (self->record_pane) != NULL)
    kap_window_show_record (self, kap_record_pane_get_shown_id (self->record_pane), FALSE);

  kap_window_update_profile_ui (self);
  if (g_strcmp0 (self->mode, "profiles") == 0)
    self->mode = NULL;
  kap_window_update_state (self);
}

const KapProfile *
kap_window_get_profile (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return kap_context_get_profile (self->context);
}

void
kap_window_set_profile (KapWindow        *self,
                        const KapProfile *profile)
{
  g_return_if_fail (KAP_IS_WINDOW (self));

  /* What the editor holds is written by the one who typed it. */
  kap_window_save_editor (self);
  kap_context_set_profile (self->context, profile);
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

  kap_window_save_editor (self);

  return GTK_WINDOW_CLASS (kap_window_parent_class)->close_request (window);
}

static void
kap_window_constructed (GObject *object)
{
  KapWindow *self = (KapWindow *)object;
  KapStore *store;

  G_OBJECT_CLASS (kap_window_parent_class)->constructed (object);

  if (self->context == NULL)
    self->context = kap_context_new (NULL, NULL, NULL);
  store = kap_context_get_store (self->context);

  if (store != NULL && self->error == NULL && self->records == NULL)
    self->records = kap_record_list_new (store, &self->error);

  if (store != NULL)
    kap_sync_banner_set_store (self->banner, store);
  kap_window_setup_records (self);

  g_signal_connect_object (self->context, "notify::profile",
                           G_CALLBACK (profile_changed_cb), self, G_CONNECT_SWAPPED);

  kap_window_update_profile_ui (self);
  kap_window_update_state (self);

  /* Arrows move in the list at once, and typing there searches. */
  if (self->records != NULL && (kap_context_get_profile (self->context) != NULL || !self->ask_profile))
    kap_records_page_focus_list (self->records_page);
}

static void
kap_window_dispose (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  /* A window destroyed without a close request (the app quitting, a
   * test) still writes what the editor holds, while the context and the
   * handlers that follow the editor's saves are alive: the editor's own
   * last-chance save in its dispose would come after them. */
  if (self->context != NULL)
    kap_window_save_editor (self);

  if (self->new_person_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->new_person_dialog));
  if (self->person_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_chooser));

  self->banner = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_WINDOW);

  self->profiles_page = NULL;
  self->review_page = NULL;
  self->sync_page = NULL;
  self->conflicts_page = NULL;

  g_clear_object (&self->records);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (kap_window_parent_class)->dispose (object);
}

static void
kap_window_finalize (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  g_clear_error (&self->error);

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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_RECORDS:
      g_value_set_object (value, self->records);
      break;

    case PROP_ASK_PROFILE:
      g_value_set_boolean (value, self->ask_profile);
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
    case PROP_CONTEXT:
      self->context = g_value_dup_object (value);
      break;

    case PROP_ERROR:
      self->error = g_value_dup_boxed (value);
      break;

    case PROP_RECORDS:
      self->records = g_value_dup_object (value);
      break;

    case PROP_ASK_PROFILE:
      self->ask_profile = g_value_get_boolean (value);
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

  properties [PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         KAP_TYPE_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RECORDS] =
    g_param_spec_object ("records", NULL, NULL,
                         KAP_TYPE_RECORD_LIST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ASK_PROFILE] =
    g_param_spec_boolean ("ask-profile", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

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
  kap_window_class_bind_records (widget_class);
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
                KapContext     *context,
                const GError   *error)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (KAP_IS_CONTEXT (context), NULL);

  return g_object_new (KAP_TYPE_WINDOW,
                       "application", application,
                       "context", context,
                       "error", error,
                       NULL);
}

KapContext *
kap_window_get_context (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->context;
}

KapStore *
kap_window_get_store (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return kap_context_get_store (self->context);
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

  kap_context_get_author (self->context, author);
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
