/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-records-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"
#include "kap-records-page-private.h"

/* The records page's menus: the filter menu and the legend that says what
 * each sync icon of the list means. */

/* The choices of the filter menu: one submenu per dimension, whose label
 * says what is chosen (“Type: Screenings”), so the menu stays short. */
typedef struct
{
  const char *value;
  const char *context;
  const char *label;
} FilterChoice;

typedef struct
{
  const char         *action;
  const char         *label;
  const FilterChoice *choices;
} FilterDimension;

static const FilterChoice type_choices[] = {
  { "", "record type", NC_("record type", "All") },
  { "person", NULL, N_("Persons") },
  { "screening", NULL, N_("Screenings") },
  { "return_interest", NULL, N_("Return Interests") },
  { "referral", NULL, N_("Referrals") },
  { "interpreter_session", NULL, N_("Interpreter Sessions") },
  { NULL }
};

static const FilterChoice status_choices[] = {
  { "", "record status", NC_("record status", "Any") },
  { "draft", "record status", NC_("record status", "Drafts") },
  { "final", "record status", NC_("record status", "Final") },
  { "reviewed", "record status", NC_("record status", "Reviewed") },
  { NULL }
};

static const FilterChoice priority_choices[] = {
  { "", "priority", NC_("priority", "Any") },
  { "P1", "priority", NC_("priority", "P1 · Immediate") },
  { "P2", "priority", NC_("priority", "P2 · Within 72 Hours") },
  { "P3", "priority", NC_("priority", "P3 · Standard") },
  { NULL }
};

static const FilterChoice sync_choices[] = {
  { "", "sync state", NC_("sync state", "Any") },
  { "pending", "sync state", NC_("sync state", "Not Synced Yet") },
  { "sent", "sync state", NC_("sync state", "Synced") },
  { "conflict", "sync state", NC_("sync state", "Conflicts") },
  { "rejected", "sync state", NC_("sync state", "Rejected") },
  { NULL }
};

static const FilterDimension filter_dimensions[] = {
  { "filter.type", N_("Type"), type_choices },
  { "filter.status", N_("Status"), status_choices },
  { "filter.priority", N_("Priority"), priority_choices },
  { "filter.sync", N_("Sync"), sync_choices },
};

static const char *
choice_label (const FilterChoice *choices,
              const char         *value)
{
  for (guint i = 0; choices[i].value != NULL; i++)
    {
      if (g_strcmp0 (choices[i].value, value != NULL ? value : "") != 0)
        continue;

      if (choices[i].context != NULL)
        return g_dpgettext2 (GETTEXT_PACKAGE, choices[i].context, choices[i].label);

      return _(choices[i].label);
    }

  return value;
}

gboolean
kap_records_page_filter_is_active (KapRecordsPage *self)
{
  return (self->filter_type != NULL && self->filter_type[0] != '\0') ||
         (self->filter_status != NULL && self->filter_status[0] != '\0') ||
         (self->filter_priority != NULL && self->filter_priority[0] != '\0') ||
         (self->filter_sync != NULL && self->filter_sync[0] != '\0');
}

void
kap_records_page_rebuild_filter_menu (KapRecordsPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) dimensions = g_menu_new ();
  g_autoptr(GMenu) view = g_menu_new ();
  g_autoptr(GMenu) clear = g_menu_new ();
  const char *values[] = { self->filter_type, self->filter_status,
                           self->filter_priority, self->filter_sync };

  for (guint i = 0; i < G_N_ELEMENTS (filter_dimensions); i++)
    {
      const FilterDimension *dimension = &filter_dimensions[i];
      g_autoptr(GMenu) submenu = g_menu_new ();
      g_autofree char *label = NULL;

      for (guint j = 0; dimension->choices[j].value != NULL; j++)
        {
          g_autoptr(GMenuItem) item = NULL;

          item = g_menu_item_new (choice_label (dimension->choices, dimension->choices[j].value), NULL);
          g_menu_item_set_action_and_target (item, dimension->action, "s", dimension->choices[j].value);
          g_menu_append_item (submenu, item);
        }

      /* Translators: an entry of the filter menu: the filter's name and
       * what is chosen, e.g. “Type: Screenings”. */
      label = g_strdup_printf (_("%s: %s"), _(dimension->label),
                               choice_label (dimension->choices, values[i]));
      g_menu_append_submenu (dimensions, label, G_MENU_MODEL (submenu));
    }

  g_menu_append (view, _("_Group by Person"), "view.group-by-person");
  g_menu_append (clear, _("_Clear Filters"), "records.clear-filters");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (dimensions));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (view));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clear));

  gtk_menu_button_set_menu_model (self->filter_button, G_MENU_MODEL (menu));
}


void
kap_records_page_fill_sync_legend (KapRecordsPage *self)
{
  static const KapSyncState states[] = {
    KAP_SYNC_STATE_PENDING, KAP_SYNC_STATE_SENT,
    KAP_SYNC_STATE_CONFLICT, KAP_SYNC_STATE_REJECTED,
  };

  /* One line per state, the icon as the list shows it, its name and what
   * it asks of the officer. */
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
      GtkWidget *icon = gtk_image_new_from_icon_name (kap_records_sync_icon (states[i]));
      GtkWidget *name = gtk_label_new (kap_records_sync_label (states[i]));
      GtkWidget *description = gtk_label_new (kap_records_sync_description (states[i]));

      kap_records_style_sync_icon (GTK_IMAGE (icon), states[i]);
      gtk_widget_set_valign (icon, GTK_ALIGN_START);
      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      kap_records_sync_label (states[i]), -1);

      gtk_label_set_xalign (GTK_LABEL (name), 0);
      gtk_widget_add_css_class (name, "heading");
      gtk_label_set_xalign (GTK_LABEL (description), 0);
      gtk_label_set_wrap (GTK_LABEL (description), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (description), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_max_width_chars (GTK_LABEL (description), 36);
      gtk_label_set_width_chars (GTK_LABEL (description), 28);
      gtk_widget_add_css_class (description, "caption");

      gtk_box_append (GTK_BOX (texts), name);
      gtk_box_append (GTK_BOX (texts), description);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), texts);
      gtk_box_append (self->legend_box, line);
    }
}
