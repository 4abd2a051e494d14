/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-record-editor-private.h"

/* The list of what needs attention when Finalize is refused: one row per
 * answer missing or wrong, each going to its question. Kept apart from
 * the editor's saving and finalizing, which only say when to show it. */

void
kap_record_editor_clear_attention (AdwPreferencesGroup *group,
                                   GPtrArray           *rows)
{
  for (guint i = 0; i < rows->len; i++)
    adw_preferences_group_remove (group, g_ptr_array_index (rows, i));
  g_ptr_array_set_size (rows, 0);
  gtk_widget_set_visible (GTK_WIDGET (group), FALSE);
}

static void
summary_row_activated_cb (AdwActionRow *row,
                          KapFormView  *view)
{
  const char *path = g_object_get_data (G_OBJECT (row), "kap-path");

  kap_form_view_focus_path (view, path);
}

void
kap_record_editor_show_attention (AdwPreferencesGroup *group,
                                  GPtrArray           *rows,
                                  KapFormView         *view,
                                  GPtrArray           *issues)
{
  g_autofree char *title = NULL;

  kap_record_editor_clear_attention (group, rows);

  /* Translators: the title of the list of problems found when the officer
   * tries to finalize a record. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Answer Needs Attention",
                                        "%u Answers Need Attention", issues->len),
                           issues->len);
  adw_preferences_group_set_title (group, title);
  adw_preferences_group_set_description (group,
                                         _("The record is still a draft. Choose an item to go to its question."));

  for (guint i = 0; i < issues->len; i++)
    {
      KapFormIssue *issue = g_ptr_array_index (issues, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("go-next-symbolic");
      GtkWidget *warning = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), issue->label);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), issue->message);
      gtk_widget_add_css_class (warning, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), warning);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), icon);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "kap-path", g_strdup (issue->path), g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (summary_row_activated_cb), view, 0);
      adw_preferences_group_add (group, row);
      g_ptr_array_add (rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (group), TRUE);
}
