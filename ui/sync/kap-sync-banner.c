/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-banner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-record-list.h"
#include "kap-style.h"
#include "kap-sync-banner.h"

struct _KapSyncBanner
{
  AdwBin         parent_instance;

  /* Template widgets */
  GtkRevealer   *revealer;
  GtkLabel      *label;

  /* Owned references */
  KapStore      *store;
  KapRecordList *pending;            /* records not synced yet, made when needed */
  gboolean       can_sync;
  gboolean       network_available;
};

G_DEFINE_FINAL_TYPE (KapSyncBanner, kap_sync_banner, ADW_TYPE_BIN)

void
kap_sync_banner_network_changed (KapSyncBanner *self,
                                 gboolean       available)
{
  gboolean was_available;
  guint n;
  g_autofree char *text = NULL;

  g_return_if_fail (KAP_IS_SYNC_BANNER (self));

  was_available = self->network_available;
  self->network_available = available;

  if (!available)
    {
      gtk_revealer_set_reveal_child (self->revealer, FALSE);
      return;
    }

  if (was_available || !self->can_sync || self->store == NULL)
    return;

  if (self->pending == NULL)
    {
      KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
      g_autoptr(GError) error = NULL;

      self->pending = kap_record_list_new (self->store, &error);
      if (self->pending == NULL)
        {
          g_debug ("The records waiting to be synced could not be counted: %s", error->message);
          return;
        }
      filter.sync_state = KAP_SYNC_STATE_PENDING;
      kap_record_list_set_filter (self->pending, &filter);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  if (n == 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u record is waiting to be synced",
                                       "%u records are waiting to be synced", n), n);
  gtk_label_set_text (self->label, text);
  gtk_revealer_set_reveal_child (self->revealer, TRUE);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    KapSyncBanner   *self)
{
  kap_sync_banner_network_changed (self, available);
}

static void
dismiss_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  kap_sync_banner_dismiss (KAP_SYNC_BANNER (widget));
}

static void
kap_sync_banner_dispose (GObject *object)
{
  KapSyncBanner *self = (KapSyncBanner *)object;

  g_clear_object (&self->pending);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_sync_banner_parent_class)->dispose (object);
}

static void
kap_sync_banner_class_init (KapSyncBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_sync_banner_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/sync/kap-sync-banner.ui");
  gtk_widget_class_bind_template_child (widget_class, KapSyncBanner, revealer);
  gtk_widget_class_bind_template_child (widget_class, KapSyncBanner, label);

  gtk_widget_class_install_action (widget_class, "banner.dismiss", NULL, dismiss_action);
}

static void
kap_sync_banner_init (KapSyncBanner *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_sync_banner_new (void)
{
  return g_object_new (KAP_TYPE_SYNC_BANNER, NULL);
}

void
kap_sync_banner_set_store (KapSyncBanner *self,
                           KapStore      *store)
{
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  g_return_if_fail (KAP_IS_SYNC_BANNER (self));
  g_return_if_fail (KAP_IS_STORE (store));
  g_return_if_fail (self->store == NULL);

  self->store = g_object_ref (store);
  self->network_available = g_network_monitor_get_network_available (monitor);
  g_signal_connect_object (monitor, "network-changed", G_CALLBACK (network_changed_cb), self, 0);
}

void
kap_sync_banner_set_can_sync (KapSyncBanner *self,
                              gboolean       can_sync)
{
  g_return_if_fail (KAP_IS_SYNC_BANNER (self));

  self->can_sync = can_sync;
  if (!can_sync)
    gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

void
kap_sync_banner_dismiss (KapSyncBanner *self)
{
  g_return_if_fail (KAP_IS_SYNC_BANNER (self));

  gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

void
kap_sync_banner_sync_finished (KapSyncBanner *self)
{
  g_return_if_fail (KAP_IS_SYNC_BANNER (self));

  if (self->pending != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0)
    gtk_revealer_set_reveal_child (self->revealer, FALSE);
}

gboolean
kap_sync_banner_get_revealed (KapSyncBanner *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_BANNER (self), FALSE);

  return gtk_revealer_get_reveal_child (self->revealer);
}

const char *
kap_sync_banner_get_text (KapSyncBanner *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_BANNER (self), NULL);

  return gtk_label_get_text (self->label);
}
