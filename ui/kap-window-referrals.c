/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"
#include "kap-referrals.h"
#include "kap-window-private.h"

/* Referrals from the window: win.refer (a screening's suggestion, the
 * person page's Refer…), the + menu's Referral… (through win.new-record,
 * which asks for the person, then here for the screening), and
 * win.open-record (a suggestion's referral). What a new referral starts
 * from is core's (kap_referrals_create_draft()). */

/* Opens a new referral of @person_id from @screening_id to @service
 * (each may be NULL) in the editor. */
static void
refer (KapWindow  *self,
       const char *person_id,
       const char *screening_id,
       const char *service)
{
  g_autoptr(KapDocument) record = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;

  /* The screening's last answers are written before the referral reads
   * its priority. */
  kap_window_save_editor (self);

  kap_window_get_author (self, &author);
  record = kap_referrals_create_draft (kap_context_get_store (self->context), kap_context_get_forms (self->context),
                                       &author, person_id, screening_id, service, &error);
  if (record == NULL)
    {
      kap_window_show_toast_for_error (self, _("The referral could not be created"), error);
      return;
    }

  kap_window_open_record (self, kap_document_get_id (record), TRUE);
}

static const char *
nonempty (const char *text)
{
  return text != NULL && text[0] != '\0' ? text : NULL;
}

static void
refer_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  const char *person_id, *screening_id, *service;

  if (kap_context_get_store (self->context) == NULL)
    return;

  g_variant_get (parameter, "(&s&s&s)", &person_id, &screening_id, &service);
  if (nonempty (person_id) == NULL && nonempty (screening_id) == NULL)
    return;

  refer (self, nonempty (person_id), nonempty (screening_id), nonempty (service));
}

static void
open_record_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  kap_window_open_record (KAP_WINDOW (widget), g_variant_get_string (parameter, NULL), FALSE);
}

static void
screening_chosen_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KapWindow        *self)
{
  const char *person_id = g_object_get_data (G_OBJECT (dialog), "kap-person-id");

  if (g_strcmp0 (response, "cancel") == 0)
    return;

  /* "none": a referral that comes from no screening. */
  refer (self, person_id, g_strcmp0 (response, "none") == 0 ? NULL : response, NULL);
}

/* “Final · Today at 09:30 · P1” */
static char *
describe_screening (KapStore   *store,
                    const char *id)
{
  g_autoptr(KapDocument) screening = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, NULL);
  g_autofree char *when = NULL;
  const char *priority;
  JsonObject *body;

  if (screening == NULL)
    return g_strdup (kap_records_type_label ("screening"));

  body = kap_document_get_body (screening);
  when = kap_records_format_time (json_object_get_string_member_with_default (body, "updated_at", NULL), NULL);
  priority = json_object_get_string_member_with_default (body, "priority", NULL);

  /* Translators: a screening to refer from: its status (Draft, Final),
   * when it was last changed, and its priority (P1). */
  return priority != NULL ? g_strdup_printf (_("%s · %s · %s"), kap_records_status_label (kap_record_get_status (screening)),
                                             when, priority)
                          : g_strdup_printf (_("%s · %s"), kap_records_status_label (kap_record_get_status (screening)),
                                             when);
}

void
kap_window_start_referral (KapWindow  *self,
                           const char *person_id)
{
  KapStore *store = kap_context_get_store (self->context);
  g_autoptr(GPtrArray) screenings = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (KAP_IS_WINDOW (self));
  g_return_if_fail (person_id != NULL);

  kap_window_save_editor (self);
  screenings = kap_referrals_list_screenings (store, person_id, &error);
  if (screenings == NULL)
    {
      kap_window_show_toast_for_error (self, _("The referral could not be created"), error);
      return;
    }

  if (screenings->len <= 1)
    {
      refer (self, person_id, screenings->len == 1 ? g_ptr_array_index (screenings, 0) : NULL, NULL);
      return;
    }

  /* Several screenings: the referral records which one it follows, and
   * takes its urgency from it. Newest first, as the person page lists them. */
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Refer from Which Screening?"),
                                                       _("The referral takes its urgency from the screening.")));
  /* Stacked, the responses show last added first: the newest screening
   * comes on top, where the focus (and so Enter) starts. */
  adw_message_dialog_add_response (dialog, "cancel", _("_Cancel"));
  adw_message_dialog_add_response (dialog, "none", _("_No Screening"));
  for (guint i = screenings->len; i > 0; i--)
    {
      g_autofree char *label = describe_screening (store, g_ptr_array_index (screenings, i - 1));

      adw_message_dialog_add_response (dialog, g_ptr_array_index (screenings, i - 1), label);
    }
  adw_message_dialog_set_response_appearance (dialog, g_ptr_array_index (screenings, 0), ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, g_ptr_array_index (screenings, 0));
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kap-person-id", g_strdup (person_id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (screening_chosen_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kap_window_class_install_referrals (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.refer", "(sss)", refer_action);
  gtk_widget_class_install_action (widget_class, "win.open-record", "s", open_record_action);
}
