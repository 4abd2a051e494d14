/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-profiles-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-profiles-page.h"

struct _KapProfilesPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "first-run", "chooser" */
  GtkButton       *cancel_button;
  /* first run */
  AdwStatusPage   *form_page;
  AdwEntryRow     *name_row;
  AdwEntryRow     *code_row;
  AdwComboRow     *role_row;
  AdwEntryRow     *station_row;
  GtkLabel        *form_error;
  GtkButton       *form_back_button;
  /* chooser */
  GtkListBox      *profile_list;

  KapStore        *store;
  GSettings       *settings;
  GPtrArray       *profiles;           /* KapProfile, as listed */
};

G_DEFINE_FINAL_TYPE (KapProfilesPage, kap_profiles_page, ADW_TYPE_BIN)

enum {
  PROFILE_CHOSEN,
  CANCELLED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *
role_label (KapRole role)
{
  return role == KAP_ROLE_SUPERVISOR ? C_("role", "Supervisor") : C_("role", "Officer");
}

static void
show_form (KapProfilesPage *self,
           gboolean         first_run)
{
  gboolean has_station = FALSE;

  if (first_run)
    {
      adw_status_page_set_title (self->form_page, _("Welcome to Kapija"));
      adw_status_page_set_description (self->form_page,
                                       _("Create a profile for the person using this laptop. "
                                         "Records you capture carry your officer code, never your name."));
    }
  else
    {
      adw_status_page_set_title (self->form_page, _("New Profile"));
      adw_status_page_set_description (self->form_page,
                                       _("Records captured with this profile carry its officer code."));
    }

  if (self->settings != NULL)
    {
      g_autofree char *station = g_settings_get_string (self->settings, "station-code");

      has_station = station[0] != '\0';
      if (has_station)
        gtk_editable_set_text (GTK_EDITABLE (self->station_row), station);
    }

  /* The station belongs to the laptop: asked on the first run only. */
  gtk_widget_set_visible (GTK_WIDGET (self->station_row),
                          self->settings != NULL && (first_run || !has_station));
  gtk_widget_set_visible (GTK_WIDGET (self->form_back_button), !first_run);
  gtk_label_set_text (self->form_error, "");
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), FALSE);
  gtk_stack_set_visible_child_name (self->stack, "first-run");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
choose (KapProfilesPage  *self,
        const KapProfile *profile)
{
  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-profile", profile->code);

  g_signal_emit (self, signals [PROFILE_CHOSEN], 0, profile);
}

static void
row_activated_cb (KapProfilesPage *self,
                  GtkListBoxRow   *row,
                  GtkListBox      *list)
{
  int index = gtk_list_box_row_get_index (row);

  if (index < 0)
    return;

  if ((guint) index >= self->profiles->len)
    {
      show_form (self, FALSE);
      return;
    }

  choose (self, g_ptr_array_index (self->profiles, index));
}

static GtkWidget *
profile_row_new (const KapProfile *profile,
                 gboolean          last_used)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *avatar = adw_avatar_new (32, profile->display_name, TRUE);
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), profile->display_name);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (last_used)
    /* Translators: under a profile's name: its officer code, its role. */
    subtitle = g_strdup_printf (_("%s · %s · Last used"), profile->code, role_label (profile->role));
  else
    subtitle = g_strdup_printf (_("%s · %s"), profile->code, role_label (profile->role));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), avatar);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  return row;
}

void
kap_profiles_page_reload (KapProfilesPage *self,
                          gboolean         can_cancel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *last = NULL;
  GtkWidget *child;
  GtkWidget *add_row;

  g_return_if_fail (KAP_IS_PROFILES_PAGE (self));

  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), can_cancel);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->profile_list))) != NULL)
    gtk_list_box_remove (self->profile_list, child);

  profiles = kap_profiles_list (self->store, &error);
  if (profiles == NULL)
    {
      /* A damaged profiles document: the form still lets someone in, and
       * saving is refused with the same message rather than overwriting. */
      g_debug ("Profiles could not be read: %s", error->message);
      profiles = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_profile_free);
    }

  if (self->settings != NULL)
    last = g_settings_get_string (self->settings, "last-profile");

  /* The last used profile first, so Enter continues as that person. */
  for (guint i = 0; last != NULL && i < profiles->len; i++)
    {
      KapProfile *profile = g_ptr_array_index (profiles, i);

      if (g_strcmp0 (profile->code, last) == 0 && i > 0)
        {
          gpointer item = g_ptr_array_steal_index (profiles, i);

          g_ptr_array_insert (profiles, 0, item);
          break;
        }
    }

  g_clear_pointer (&self->profiles, g_ptr_array_unref);
  self->profiles = g_steal_pointer (&profiles);

  if (self->profiles->len == 0)
    {
      show_form (self, TRUE);
      return;
    }

  for (guint i = 0; i < self->profiles->len; i++)
    {
      KapProfile *profile = g_ptr_array_index (self->profiles, i);

      gtk_list_box_append (self->profile_list,
                           profile_row_new (profile, i == 0 && g_strcmp0 (profile->code, last) == 0));
    }

  add_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (add_row), _("_Add Profile…"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (add_row), TRUE);
  adw_action_row_add_prefix (ADW_ACTION_ROW (add_row), gtk_image_new_from_icon_name ("list-add-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (add_row), TRUE);
  gtk_list_box_append (self->profile_list, add_row);

  gtk_stack_set_visible_child_name (self->stack, "chooser");
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->profile_list, 0)));
}

static void
form_error (KapProfilesPage *self,
            const char      *message,
            GtkWidget       *focus)
{
  gtk_label_set_text (self->form_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->form_error),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, message, -1);
  if (focus != NULL)
    gtk_widget_grab_focus (focus);
}

static void
create_clicked_cb (KapProfilesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *code = NULL;
  g_autofree char *station = NULL;
  KapProfile profile;

  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->code_row))));
  station = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->station_row))));

  if (name[0] == '\0')
    {
      form_error (self, _("Enter the name shown for this profile."), GTK_WIDGET (self->name_row));
      return;
    }
  if (code[0] == '\0')
    {
      form_error (self, _("Enter your officer code, for example “OFF-017”."), GTK_WIDGET (self->code_row));
      return;
    }
  if (gtk_widget_get_visible (GTK_WIDGET (self->station_row)) && station[0] == '\0')
    {
      form_error (self, _("Enter the code of this laptop’s station, for example “RS-PRE”."),
                  GTK_WIDGET (self->station_row));
      return;
    }

  /* Anyone may create a supervisor for now; when passwords arrive, making
   * a supervisor profile will need a supervisor's password here. */
  profile.code = code;
  profile.display_name = name;
  profile.role = adw_combo_row_get_selected (self->role_row) == 1 ? KAP_ROLE_SUPERVISOR : KAP_ROLE_OFFICER;

  if (!kap_profiles_save (self->store, &profile, &error))
    {
      form_error (self, error->message, GTK_WIDGET (self->code_row));
      return;
    }

  if (self->settings != NULL && gtk_widget_get_visible (GTK_WIDGET (self->station_row)))
    g_settings_set_string (self->settings, "station-code", station);

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
  gtk_editable_set_text (GTK_EDITABLE (self->code_row), "");
  adw_combo_row_set_selected (self->role_row, 0);

  choose (self, &profile);
}

static void
form_back_clicked_cb (KapProfilesPage *self)
{
  kap_profiles_page_reload (self, gtk_widget_get_visible (GTK_WIDGET (self->cancel_button)));
}

static void
cancel_clicked_cb (KapProfilesPage *self)
{
  g_signal_emit (self, signals [CANCELLED], 0);
}

static void
kap_profiles_page_dispose (GObject *object)
{
  KapProfilesPage *self = (KapProfilesPage *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);
  g_clear_pointer (&self->profiles, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_profiles_page_parent_class)->dispose (object);
}

static void
kap_profiles_page_class_init (KapProfilesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_profiles_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/sync/kap-profiles-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, form_page);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, name_row);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, code_row);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, role_row);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, station_row);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, form_error);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, form_back_button);
  gtk_widget_class_bind_template_child (widget_class, KapProfilesPage, profile_list);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, form_back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  signals [PROFILE_CHOSEN] =
    g_signal_new ("profile-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1,
                  KAP_TYPE_PROFILE | G_SIGNAL_TYPE_STATIC_SCOPE);
  signals [CANCELLED] =
    g_signal_new ("cancelled", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kap_profiles_page_init (KapProfilesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_profiles_page_new (KapContext *context)
{
  KapProfilesPage *self;
  GSettings *settings;

  g_return_val_if_fail (KAP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kap_context_get_store (context) != NULL, NULL);

  self = g_object_new (KAP_TYPE_PROFILES_PAGE, NULL);
  self->store = g_object_ref (kap_context_get_store (context));
  settings = kap_context_get_settings (context);
  self->settings = settings ? g_object_ref (settings) : NULL;

  return GTK_WIDGET (self);
}

const char *
kap_profiles_page_get_visible_name (KapProfilesPage *self)
{
  g_return_val_if_fail (KAP_IS_PROFILES_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GPtrArray *
kap_profiles_page_get_profiles (KapProfilesPage *self)
{
  g_return_val_if_fail (KAP_IS_PROFILES_PAGE (self), NULL);

  return self->profiles;
}

const char *
kap_profiles_page_get_error_text (KapProfilesPage *self)
{
  g_return_val_if_fail (KAP_IS_PROFILES_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->form_error)) ? gtk_label_get_text (self->form_error) : NULL;
}
