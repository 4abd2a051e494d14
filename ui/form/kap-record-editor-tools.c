/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-editor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-outline.h"
#include "kap-record-editor-private.h"

/* Only public editor API is used here, so that the editor's insides stay
 * in kap-record-editor.c. Discarding itself is the window's
 * (ui/kap-window-records.c): it knows who is signed in, which the records
 * service checks (kap_records_discard()), and it shows the toast with
 * Undo. */

static GtkMenuButton *
outline_button (KapRecordEditor *self)
{
  return GTK_MENU_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), KAP_TYPE_RECORD_EDITOR,
                                                         "outline_button"));
}

static gboolean
is_draft (KapRecordEditor *self)
{
  return kap_record_editor_get_view (self) != NULL && !kap_record_editor_get_read_only (self) &&
         g_strcmp0 (kap_record_get_status (kap_record_editor_get_record (self)), KAP_RECORD_STATUS_DRAFT) == 0;
}

/* A form of one or no titled section (the person form) has nothing to
 * jump between. */
static gboolean
has_sections (KapFormView *view)
{
  guint titled = 0;

  for (guint i = 0; view != NULL && i < kap_form_view_get_n_sections (view); i++)
    if (kap_form_view_get_section_title (view, i) != NULL)
      titled++;

  return titled > 1;
}

static void
outline_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KapRecordEditor *self = KAP_RECORD_EDITOR (widget);

  if (has_sections (kap_record_editor_get_view (self)))
    gtk_menu_button_popup (outline_button (self));
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     KapRecordEditor  *self)
{
  if (g_strcmp0 (response, "discard") == 0 && is_draft (self))
    g_signal_emit_by_name (self, "discard-requested");
}

static void
discard_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  KapRecordEditor *self = KAP_RECORD_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (!is_draft (self))
    return;

  /* What is discarded is what was saved: nothing waits to be written
   * onto a record that is gone. */
  if (!kap_record_editor_save_now (self, NULL))
    return;

  /* Translators: the question before a draft is discarded; %s is the
   * record's title, e.g. “Vulnerability screening · Ardit Krasniqi”. */
  body = g_strdup_printf (_("The draft “%s” and its answers will be removed from this laptop. "
                            "You can undo this for a few seconds."),
                          kap_record_editor_get_title (self));
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Discard Draft?"), body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

void
kap_record_editor_class_add_tools (GtkWidgetClass *widget_class)
{
  /* Asked by Discard Draft once the officer confirmed; whoever shows the
   * editor discards the record (ui/kap-window-records.c). */
  g_signal_new ("discard-requested",
                G_TYPE_FROM_CLASS (widget_class),
                G_SIGNAL_RUN_LAST,
                0, NULL, NULL, NULL,
                G_TYPE_NONE, 0);

  gtk_widget_class_bind_template_child_full (widget_class, "outline_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "menu_button", FALSE, 0);
  gtk_widget_class_install_action (widget_class, "editor.outline", NULL, outline_action);
  gtk_widget_class_install_action (widget_class, "editor.discard", NULL, discard_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK, "editor.outline", NULL);
}

void
kap_record_editor_update_tools (KapRecordEditor *self)
{
  KapFormView *view = kap_record_editor_get_view (self);
  GtkMenuButton *button = outline_button (self);
  GtkPopover *popover = gtk_menu_button_get_popover (button);

  if (!KAP_IS_FORM_OUTLINE (popover))
    {
      popover = GTK_POPOVER (kap_form_outline_new ());
      gtk_menu_button_set_popover (button, GTK_WIDGET (popover));
    }
  kap_form_outline_set_view (KAP_FORM_OUTLINE (popover), view);

  gtk_widget_set_visible (GTK_WIDGET (button), has_sections (view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.outline", has_sections (view));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.discard", is_draft (self));
  /* Its one item is for drafts. */
  gtk_widget_set_visible (GTK_WIDGET (gtk_widget_get_template_child (GTK_WIDGET (self), KAP_TYPE_RECORD_EDITOR,
                                                                    "menu_button")),
                          is_draft (self));
}
