/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-outline"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-outline.h"

struct _KapFormOutline
{
  GtkPopover   parent_instance;

  GtkListBox  *list;
  KapFormView *view;  /* weak */
};

G_DEFINE_FINAL_TYPE (KapFormOutline, kap_form_outline, GTK_TYPE_POPOVER)

static void
refill (KapFormOutline *self)
{
  GtkWidget *child;
  guint n = self->view ? kap_form_view_get_n_sections (self->view) : 0;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL)
    gtk_list_box_remove (self->list, child);

  for (guint i = 0; i < n; i++)
    {
      const char *title = kap_form_view_get_section_title (self->view, i);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      guint questions, answered = 0;

      if (title == NULL)
        continue;

      questions = kap_form_view_count_section (self->view, i, &answered);
      /* Translators: in the list of a form's sections: how many of the
       * section's questions have an answer, e.g. “3 of 7 answered”. */
      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u answered", "%u of %u answered",
                                               questions),
                                  answered, questions);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (questions > 0 && answered == questions)
        adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("object-select-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data (G_OBJECT (row), "kap-section", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->list, row);
    }
}

static void
row_activated_cb (GtkListBox     *list,
                  GtkListBoxRow  *row,
                  KapFormOutline *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "kap-section"));
  KapFormView *view = self->view;

  gtk_popover_popdown (GTK_POPOVER (self));
  if (view != NULL)
    kap_form_view_focus_section (view, index);
}

static void
kap_form_outline_show (GtkWidget *widget)
{
  refill (KAP_FORM_OUTLINE (widget));

  GTK_WIDGET_CLASS (kap_form_outline_parent_class)->show (widget);
}

static void
kap_form_outline_map (GtkWidget *widget)
{
  KapFormOutline *self = KAP_FORM_OUTLINE (widget);
  GtkListBoxRow *first;

  GTK_WIDGET_CLASS (kap_form_outline_parent_class)->map (widget);

  /* The keyboard is in the list at once: arrows and Enter jump. */
  first = gtk_list_box_get_row_at_index (self->list, 0);
  if (first != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (first));
}

static void
kap_form_outline_dispose (GObject *object)
{
  KapFormOutline *self = KAP_FORM_OUTLINE (object);

  g_clear_weak_pointer (&self->view);

  G_OBJECT_CLASS (kap_form_outline_parent_class)->dispose (object);
}

static void
kap_form_outline_class_init (KapFormOutlineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_form_outline_dispose;
  widget_class->show = kap_form_outline_show;
  widget_class->map = kap_form_outline_map;
}

static void
kap_form_outline_init (KapFormOutline *self)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->list, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "boxed-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Sections"),
                                  -1);
  g_signal_connect (self->list, "row-activated", G_CALLBACK (row_activated_cb), self);

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 480);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->list));
  gtk_widget_set_size_request (scrolled, 300, -1);
  gtk_popover_set_child (GTK_POPOVER (self), scrolled);
}

GtkWidget *
kap_form_outline_new (void)
{
  return g_object_new (KAP_TYPE_FORM_OUTLINE, NULL);
}

void
kap_form_outline_set_view (KapFormOutline *self,
                           KapFormView    *view)
{
  g_return_if_fail (KAP_IS_FORM_OUTLINE (self));
  g_return_if_fail (!view || KAP_IS_FORM_VIEW (view));

  g_set_weak_pointer (&self->view, view);
}

GtkListBox *
kap_form_outline_get_list (KapFormOutline *self)
{
  g_return_val_if_fail (KAP_IS_FORM_OUTLINE (self), NULL);

  return self->list;
}
