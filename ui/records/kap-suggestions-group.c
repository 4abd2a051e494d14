/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-suggestions-group"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-referrals.h"
#include "kap-suggestions-group.h"

struct _KapSuggestionsGroup
{
  AdwPreferencesGroup  parent_instance;

  /* Made in code: one AdwActionRow per suggestion */
  GPtrArray           *rows;

  /* Owned references */
  KapStore            *store;
  KapFormRegistry     *forms;
  KapDocument         *screening;
};

G_DEFINE_FINAL_TYPE (KapSuggestionsGroup, kap_suggestions_group, ADW_TYPE_PREFERENCES_GROUP)

/* The service's name as the referral form says it, in the officer's
 * language. */
static const char *
service_label (KapSuggestionsGroup *self,
               const char          *service)
{
  KapForm *form = kap_form_registry_get_latest (self->forms, "referral");
  KapFormField *field = form != NULL ? kap_form_lookup_field (form, "service") : NULL;
  const char *label = field != NULL ? kap_form_field_get_choice_label (field, service, NULL) : NULL;

  return label != NULL ? label : service;
}

/* “Referred on 4 December” for a final referral, else that it is under way. */
static char *
describe (const KapReferral *referral)
{
  g_autoptr(GDateTime) date = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *day = NULL;
  int year, month, mday;

  if (g_strcmp0 (referral->status, KAP_RECORD_STATUS_DRAFT) == 0)
    return g_strdup (_("Referral in progress · Draft"));

  if (referral->sent_date != NULL &&
      sscanf (referral->sent_date, "%4d-%2d-%2d", &year, &month, &mday) == 3)
    date = g_date_time_new_utc (year, month, mday, 0, 0, 0);
  if (date == NULL)
    return g_strdup (_("Referred"));

  now = g_date_time_new_now_utc ();
  if (g_date_time_get_year (date) == g_date_time_get_year (now))
    /* Translators: a day and month, as in “Referred on 4 December”
     * (g_date_time_format(); %-d is the day without padding). */
    day = g_date_time_format (date, _("%-d %B"));
  else
    /* Translators: a date, see the GDateTime format codes. */
    day = g_date_time_format (date, _("%-d %B %Y"));
  /* Translators: %s is a day and month, e.g. “4 December”. */
  return g_strdup_printf (_("Referred on %s"), day);
}

static GtkWidget *
make_row (KapSuggestionsGroup         *self,
          const KapReferralSuggestion *suggestion)
{
  const char *label = service_label (self, suggestion->service);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button;
  g_autofree char *tooltip = NULL;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  g_object_set_data_full (G_OBJECT (row), "kap-service", g_strdup (suggestion->service), g_free);

  if (suggestion->referral != NULL)
    {
      g_autofree char *subtitle = describe (suggestion->referral);
      GtkWidget *icon = gtk_image_new_from_icon_name (g_strcmp0 (suggestion->referral->status,
                                                                 KAP_RECORD_STATUS_DRAFT) == 0
                                                      ? "document-edit-symbolic" : "emblem-ok-symbolic");

      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (g_strcmp0 (suggestion->referral->status, KAP_RECORD_STATUS_DRAFT) != 0)
        gtk_widget_add_css_class (icon, "success");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

      button = gtk_button_new_with_mnemonic (_("_Open"));
      /* Translators: %s is a service, e.g. “Legal aid”. */
      tooltip = g_strdup_printf (_("Open the referral to %s"), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.open-record");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", suggestion->referral->id);
      gtk_widget_add_css_class (button, "flat");
    }
  else
    {
      const char *person_id = kap_record_get_person_id (self->screening);
      GtkWidget *icon = gtk_image_new_from_icon_name ("mail-forward-symbolic");

      /* Every row has an icon, so that the names line up. */
      gtk_widget_add_css_class (icon, "dim-label");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not referred yet"));
      button = gtk_button_new_with_mnemonic (_("_Refer…"));
      /* Translators: %s is a service, e.g. “Legal aid”. */
      tooltip = g_strdup_printf (_("Refer the person to %s, with their consent"), label);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.refer");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "(sss)", person_id ? person_id : "",
                                        kap_document_get_id (self->screening), suggestion->service);
    }

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
clear_rows (KapSuggestionsGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
refresh (KapSuggestionsGroup *self)
{
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;

  clear_rows (self);

  if (self->screening != NULL && self->store != NULL)
    {
      suggestions = kap_referrals_list_suggestions (self->store, self->screening, &error);
      if (suggestions == NULL)
        g_debug ("The suggested referrals could not be listed: %s", error->message);
    }

  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (suggestions, i));

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

static void
documents_changed_cb (KapSuggestionsGroup *self,
                      const char * const  *ids,
                      KapStore            *store)
{
  /* A referral made, finalized or synced, or the screening's own save. */
  refresh (self);
}

static void
kap_suggestions_group_dispose (GObject *object)
{
  KapSuggestionsGroup *self = (KapSuggestionsGroup *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_func (self->store, documents_changed_cb, self);

  g_clear_object (&self->screening);
  g_clear_object (&self->store);
  g_clear_object (&self->forms);

  G_OBJECT_CLASS (kap_suggestions_group_parent_class)->dispose (object);
}

static void
kap_suggestions_group_finalize (GObject *object)
{
  KapSuggestionsGroup *self = (KapSuggestionsGroup *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_suggestions_group_parent_class)->finalize (object);
}

static void
kap_suggestions_group_class_init (KapSuggestionsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_suggestions_group_dispose;
  object_class->finalize = kap_suggestions_group_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE_PATH "/ui/records/kap-suggestions-group.ui");
}

static void
kap_suggestions_group_init (KapSuggestionsGroup *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_ptr_array_new ();
}

GtkWidget *
kap_suggestions_group_new (KapStore        *store,
                           KapFormRegistry *forms)
{
  KapSuggestionsGroup *self = g_object_new (KAP_TYPE_SUGGESTIONS_GROUP, NULL);

  kap_suggestions_group_set_store (self, store, forms);

  return GTK_WIDGET (self);
}

void
kap_suggestions_group_set_store (KapSuggestionsGroup *self,
                                 KapStore            *store,
                                 KapFormRegistry     *forms)
{
  g_return_if_fail (KAP_IS_SUGGESTIONS_GROUP (self));
  g_return_if_fail (KAP_IS_STORE (store));
  g_return_if_fail (KAP_IS_FORM_REGISTRY (forms));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->forms = g_object_ref (forms);
  g_signal_connect_object (store, "documents-changed", G_CALLBACK (documents_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

void
kap_suggestions_group_set_screening (KapSuggestionsGroup *self,
                                     KapDocument         *screening)
{
  g_return_if_fail (KAP_IS_SUGGESTIONS_GROUP (self));
  g_return_if_fail (screening == NULL || KAP_IS_DOCUMENT (screening));

  g_set_object (&self->screening, screening);
  refresh (self);
}

AdwActionRow *
kap_suggestions_group_get_row (KapSuggestionsGroup *self,
                               const char          *service)
{
  g_return_val_if_fail (KAP_IS_SUGGESTIONS_GROUP (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      GObject *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (g_object_get_data (row, "kap-service"), service) == 0)
        return ADW_ACTION_ROW (row);
    }

  return NULL;
}
