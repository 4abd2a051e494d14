/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-window-private.h"

/* The profile gate: nobody works before saying who they are (the
 * profiles page), and the header bars show who is signed in. */

gboolean
kap_window_can_supervise (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), FALSE);

  return kap_context_check (self->context, KAP_RECORDS_ACTION_SYNC, NULL);
}

static void
profile_chosen_cb (KapWindow        *self,
                   const KapProfile *profile,
                   KapProfilesPage  *page)
{
  kap_window_set_profile (self, profile);
  self->mode = NULL;
  kap_window_update_state (self);

  if (self->records != NULL && kap_record_list_get_n_total (self->records) > 0)
    kap_records_page_focus_list (self->records_page);
}

static void
profiles_cancelled_cb (KapWindow       *self,
                       KapProfilesPage *page)
{
  kap_window_set_mode (self, NULL);
}

void
kap_window_show_profiles (KapWindow *self)
{
  if (kap_context_get_store (self->context) == NULL)
    return;

  if (self->profiles_page == NULL)
    {
      self->profiles_page = KAP_PROFILES_PAGE (kap_profiles_page_new (self->context));
      g_signal_connect_object (self->profiles_page, "profile-chosen",
                               G_CALLBACK (profile_chosen_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->profiles_page, "cancelled",
                               G_CALLBACK (profiles_cancelled_cb), self, G_CONNECT_SWAPPED);
      kap_window_add_mode_page (self, GTK_WIDGET (self->profiles_page), "profiles");
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "profiles") != 0)
    kap_profiles_page_reload (self->profiles_page, kap_context_get_profile (self->context) != NULL);
  gtk_stack_set_visible_child_name (self->stack, "profiles");
}

/* The profile button (an avatar with the profile menu) and Sync Now, on
 * the header bars of the records list and of the empty page. */
static void
update_header_buttons (GtkMenuButton *button,
                       GtkWidget     *sync,
                       GMenuModel    *menu,
                       const char    *name,
                       const char    *tooltip,
                       gboolean       signed_in,
                       gboolean       supervise)
{
  AdwAvatar *avatar = ADW_AVATAR (gtk_menu_button_get_child (button));

  adw_avatar_set_text (avatar, name);
  gtk_menu_button_set_menu_model (button, menu);
  gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip ? tooltip : _("Profile"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip ? tooltip : _("Profile"), -1);
  gtk_widget_set_visible (GTK_WIDGET (button), signed_in);
  gtk_widget_set_visible (sync, supervise);
}

void
kap_window_update_profile_ui (KapWindow *self)
{
  gboolean supervise = kap_window_can_supervise (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *heading = NULL;
  g_autofree char *tooltip = NULL;
  const KapProfile *profile = kap_context_get_profile (self->context);
  const char *name = profile != NULL ? profile->display_name : NULL;

  kap_window_update_actions (self);
  kap_sync_banner_set_can_sync (self->banner, supervise);

  if (!supervise && self->mode != NULL && g_strcmp0 (self->mode, "profiles") != 0)
    self->mode = NULL;

  g_menu_append (section, _("_Switch Profile…"), "win.switch-profile");
  if (profile != NULL)
    {
      /* Translators: the heading of the profile menu: name, officer code
       * and role, “Milica Jovanović · OFF-017 · Supervisor”. */
      heading = g_strdup_printf (_("%s · %s · %s"), profile->display_name, profile->code,
                                 profile->role == KAP_ROLE_SUPERVISOR ? C_("role", "Supervisor")
                                                                            : C_("role", "Officer"));
      /* Translators: the tooltip of the profile button. */
      tooltip = g_strdup_printf (_("Signed in as %s"), profile->display_name);
    }
  g_menu_append_section (menu, heading, G_MENU_MODEL (section));

  update_header_buttons (kap_records_page_get_profile_button (self->records_page),
                         kap_records_page_get_sync_button (self->records_page),
                         G_MENU_MODEL (menu), name, tooltip, profile != NULL, supervise);
  update_header_buttons (self->empty_profile_button, self->empty_sync_button,
                         G_MENU_MODEL (menu), name, tooltip, profile != NULL, supervise);
}
