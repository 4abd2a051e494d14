/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-conflicts-page.h"
#include "kap-records-common.h"
#include "kap-review-page.h"
#include "kap-sync-page.h"
#include "kap-window-private.h"

/* What the window's actions do. Every button, menu item and shortcut
 * goes through one of these: Sync Now is win.sync wherever it is. */

/* The records: registering a person, a new record, search, back. */

/* Presents @dialog, one of the window's own dialogs: @slot, where the
 * window keeps it, goes back to NULL when it closes, and its two signals
 * reach the window. */
static void
present_dialog (KapWindow  *self,
                gpointer    dialog,
                gpointer   *slot,
                const char *signal_a,
                GCallback   callback_a,
                const char *signal_b,
                GCallback   callback_b)
{
  *slot = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), slot);
  g_signal_connect_object (dialog, signal_a, callback_a, self, G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, signal_b, callback_b, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* What every supervisor's page asks first: FALSE unless a supervisor is
 * signed in and the store is open; then writes what the editor holds. */
static gboolean
begin_supervisor_page (KapWindow *self)
{
  if (!kap_window_can_supervise (self) || kap_context_get_store (self->context) == NULL)
    return FALSE;

  kap_window_save_editor (self);
  return TRUE;
}

static void
new_person_open_cb (KapWindow          *self,
                    const char         *id,
                    KapNewPersonDialog *dialog)
{
  kap_window_open_record (self, id, FALSE);
}

static void
new_person_registered_cb (KapWindow          *self,
                          const char         *id,
                          KapNewPersonDialog *dialog)
{
  /* Straight into the person form, for the rest of the details. */
  kap_window_open_record (self, id, TRUE);
}

static void
register_person_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  KapRecordAuthor author;

  if (kap_context_get_store (self->context) == NULL || kap_context_get_person_index (self->context) == NULL)
    return;

  if (self->new_person_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->new_person_dialog));
      return;
    }

  kap_window_get_author (self, &author);
  present_dialog (self,
                  kap_new_person_dialog_new (GTK_WINDOW (self), kap_context_get_store (self->context),
                                             kap_context_get_forms (self->context),
                                             kap_context_get_person_index (self->context), &author),
                  (gpointer *) &self->new_person_dialog,
                  "open-person", G_CALLBACK (new_person_open_cb),
                  "person-registered", G_CALLBACK (new_person_registered_cb));
}

static void
person_chosen_cb (KapWindow        *self,
                  const char       *person_id,
                  KapPersonChooser *chooser)
{
  kap_window_create_record (self, g_object_get_data (G_OBJECT (chooser), "kap-form-id"), person_id);
}

static void
chooser_register_cb (KapWindow        *self,
                     KapPersonChooser *chooser)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.register-person", NULL);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  const char *form_id = g_variant_get_string (parameter, NULL);
  const char *person_id;
  g_autofree char *title = NULL;
  KapPersonChooser *chooser;

  if (kap_context_get_store (self->context) == NULL)
    return;

  /* The person on screen is the one the new record is about. */
  person_id = kap_record_pane_get_person_id (self->record_pane);
  if (person_id != NULL)
    {
      kap_window_create_record (self, form_id, person_id);
      return;
    }

  if (self->person_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_chooser));

  /* Translators: the title of the dialog that asks whom a new record is
   * about; %s is the record type, e.g. “Screening”. */
  title = g_strdup_printf (_("New %s: Choose Person"), kap_records_type_label (form_id));
  chooser = kap_person_chooser_new (GTK_WINDOW (self), kap_context_get_store (self->context),
                                    kap_context_get_forms (self->context), title);
  g_object_set_data_full (G_OBJECT (chooser), "kap-form-id", g_strdup (form_id), g_free);
  present_dialog (self, chooser, (gpointer *) &self->person_chooser,
                  "person-chosen", G_CALLBACK (person_chosen_cb),
                  "register-person", G_CALLBACK (chooser_register_cb));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  kap_records_page_focus_search (self->records_page);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* The supervisor's pages (the sync issue, points 7-9). Each action is
 * refused here too, not only by being disabled: a shortcut or a stale
 * menu must not open them to an officer. */

static void
page_open_record_cb (KapWindow  *self,
                     const char *id)
{
  kap_window_set_mode (self, NULL);
  kap_window_open_record (self, id, FALSE);
}

static void
mark_reviewed (KapWindow  *self,
               const char *id)
{
  g_autoptr(GError) error = NULL;

  if (!kap_window_mark_reviewed (self, id, &error))
    kap_window_show_toast_for_error (self, _("The record could not be marked reviewed"), error);
  else
    kap_window_show_toast (self, _("Marked reviewed"));
}

static void
mark_reviewed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  mark_reviewed (KAP_WINDOW (widget), g_variant_get_string (parameter, NULL));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (!begin_supervisor_page (self))
    return;

  if (self->review_page == NULL)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *page = kap_review_page_new (self->context, &error);

      if (page == NULL)
        {
          kap_window_show_toast_for_error (self, _("The review list could not be opened"), error);
          return;
        }
      self->review_page = page;
      g_signal_connect_object (page, "open-record", G_CALLBACK (page_open_record_cb), self, G_CONNECT_SWAPPED);
      kap_window_add_mode_page (self, page, "review");
    }

  kap_window_set_mode (self, "review");
}

static void
sync_finished_cb (KapWindow   *self,
                  KapSyncPage *page)
{
  kap_sync_banner_sync_finished (self->banner);
}

/* Sync Now (the header bar's button, the main menu's item, the banner's
 * button): writes what the editor holds, hides the banner and shows the
 * sync page, which asks for the password; the run starts from there
 * (its Start Sync button). A run that is going on is shown as it is. */
static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (!begin_supervisor_page (self))
    return;

  kap_sync_banner_dismiss (self->banner);

  if (self->sync_page == NULL)
    {
      self->sync_page = kap_sync_page_new (self->context);
      g_signal_connect_object (self->sync_page, "finished", G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
      kap_window_add_mode_page (self, self->sync_page, "sync");
    }

  if (!kap_sync_page_is_running (KAP_SYNC_PAGE (self->sync_page)))
    kap_sync_page_reset (KAP_SYNC_PAGE (self->sync_page));
  kap_window_set_mode (self, "sync");
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  KapRecordAuthor author;

  if (!begin_supervisor_page (self))
    return;

  if (self->conflicts_page == NULL)
    {
      self->conflicts_page = kap_conflicts_page_new (self->context);
      g_signal_connect_object (self->conflicts_page, "open-record",
                               G_CALLBACK (page_open_record_cb), self, G_CONNECT_SWAPPED);
      kap_window_add_mode_page (self, self->conflicts_page, "conflicts");
    }

  kap_window_get_author (self, &author);
  kap_conflicts_page_reload (KAP_CONFLICTS_PAGE (self->conflicts_page), &author);
  kap_window_set_mode (self, "conflicts");
}

static void
show_records_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  /* A running sync goes on in the background; its page shows the result
   * when opened again. */
  kap_window_set_mode (self, NULL);
}

static void
switch_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (kap_context_get_store (self->context) == NULL)
    return;

  kap_window_save_editor (self);
  self->mode = "profiles";
  kap_window_show_profiles (self);
}

void
kap_window_update_actions (KapWindow *self)
{
  gboolean supervise = kap_window_can_supervise (self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", supervise);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review", supervise);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.conflicts", supervise);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-reviewed", supervise);
}

void
kap_window_class_install_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.register-person", NULL, register_person_action);
  gtk_widget_class_install_action (widget_class, "win.new-record", "s", new_record_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.switch-profile", NULL, switch_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-records", NULL, show_records_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.mark-reviewed", "s", mark_reviewed_action);
  kap_window_class_install_referrals (widget_class);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.register-person", NULL);
  /* Escape leaves the supervisor's pages (a popover or the search entry
   * takes it first when they have the focus). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.show-records", NULL);
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
