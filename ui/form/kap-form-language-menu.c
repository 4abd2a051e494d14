/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-language-menu"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-language-menu.h"

struct _KapFormLanguageMenu
{
  AdwBin          parent_instance;

  GtkMenuButton  *button;
  AdwButtonContent *content;
  GSimpleAction  *choose;     /* "form-language.choose", the tag chosen */

  KapFormView    *view;       /* weak */
  GtkWidget      *last_focus; /* weak: where the officer was in the view */
  gulong          focus_id;   /* on the root's "notify::focus-widget" */
  /* What the last view showed: a view built again for the same form
   * (the editor's, after Finalize) keeps the language. */
  char           *form_key;
  char           *language;
  double          scroll;     /* the view's scroll when a language was chosen */
};

G_DEFINE_FINAL_TYPE (KapFormLanguageMenu, kap_form_language_menu, ADW_TYPE_BIN)

/* The view's language as a tag of its form: its NULL is the UI's. */
static const char *
shown_language (KapFormLanguageMenu *self)
{
  const char *language = kap_form_view_get_language (self->view);

  return language ? language : kap_form_get_ui_language (kap_form_view_get_form (self->view));
}

static void
sync_state (KapFormLanguageMenu *self)
{
  const char *language;
  const char *name;

  if (self->view == NULL)
    return;

  language = shown_language (self);
  name = kap_language_get_native_name (language);
  g_simple_action_set_state (self->choose, g_variant_new_string (language));
  /* The language shown beside the icon, so that the officer sees at a
   * glance that the form is not in their own. */
  adw_button_content_set_label (self->content, name ? name : language);
}

static void
view_language_cb (KapFormLanguageMenu *self)
{
  g_free (self->language);
  self->language = g_strdup (kap_form_view_get_language (self->view));
  sync_state (self);
}

static void
root_focus_cb (GtkWindow           *window,
               GParamSpec          *pspec,
               KapFormLanguageMenu *self)
{
  GtkWidget *focus = gtk_window_get_focus (window);

  if (self->view != NULL && focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->view)))
    g_set_weak_pointer (&self->last_focus, focus);
}

static gboolean
restore_focus_cb (gpointer user_data)
{
  KapFormLanguageMenu *self = user_data;

  if (self->last_focus != NULL && gtk_widget_get_mapped (self->last_focus))
    {
      GtkWidget *viewport = gtk_widget_get_ancestor (self->last_focus, GTK_TYPE_VIEWPORT);
      gboolean scroll_to_focus = viewport != NULL && gtk_viewport_get_scroll_to_focus (GTK_VIEWPORT (viewport));

      /* The officer's place stays as it was: without this the viewport
       * would scroll (animated) to show the whole row of the question
       * given back its focus. */
      if (scroll_to_focus)
        gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), FALSE);
      gtk_widget_grab_focus (self->last_focus);
      if (scroll_to_focus)
        gtk_viewport_set_scroll_to_focus (GTK_VIEWPORT (viewport), TRUE);
    }
  if (self->view != NULL)
    {
      GtkWidget *viewport = gtk_widget_get_ancestor (GTK_WIDGET (self->view), GTK_TYPE_VIEWPORT);

      /* Relabelling changes rows' heights for a moment, and the closing
       * menu moves the focus: the view is put back where the officer had
       * it, as the same questions are there in another language. */
      if (viewport != NULL)
        gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport)), self->scroll);
    }

  return G_SOURCE_REMOVE;
}

static void
choose_cb (GSimpleAction       *action,
           GVariant            *parameter,
           KapFormLanguageMenu *self)
{
  GtkWidget *viewport;

  if (self->view == NULL)
    return;

  viewport = gtk_widget_get_ancestor (GTK_WIDGET (self->view), GTK_TYPE_VIEWPORT);
  self->scroll = viewport != NULL ? gtk_adjustment_get_value (gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport))) : 0;
  kap_form_view_set_language (self->view, g_variant_get_string (parameter, NULL));
  /* Back to the question the officer was at, once the menu has closed
   * (closing gives the focus to the menu button). */
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, restore_focus_cb, g_object_ref (self), g_object_unref);
}

static void
kap_form_language_menu_root (GtkWidget *widget)
{
  KapFormLanguageMenu *self = KAP_FORM_LANGUAGE_MENU (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (kap_form_language_menu_parent_class)->root (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    self->focus_id = g_signal_connect (root, "notify::focus-widget", G_CALLBACK (root_focus_cb), self);
}

static void
kap_form_language_menu_unroot (GtkWidget *widget)
{
  KapFormLanguageMenu *self = KAP_FORM_LANGUAGE_MENU (widget);

  g_clear_signal_handler (&self->focus_id, gtk_widget_get_root (widget));
  g_clear_weak_pointer (&self->last_focus);

  GTK_WIDGET_CLASS (kap_form_language_menu_parent_class)->unroot (widget);
}

static void
kap_form_language_menu_dispose (GObject *object)
{
  KapFormLanguageMenu *self = KAP_FORM_LANGUAGE_MENU (object);

  kap_form_language_menu_set_view (self, NULL);
  g_clear_object (&self->choose);
  g_clear_pointer (&self->form_key, g_free);
  g_clear_pointer (&self->language, g_free);

  G_OBJECT_CLASS (kap_form_language_menu_parent_class)->dispose (object);
}

static void
kap_form_language_menu_class_init (KapFormLanguageMenuClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_form_language_menu_dispose;
  widget_class->root = kap_form_language_menu_root;
  widget_class->unroot = kap_form_language_menu_unroot;
}

static void
kap_form_language_menu_init (KapFormLanguageMenu *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  self->content = ADW_BUTTON_CONTENT (adw_button_content_new ());
  adw_button_content_set_icon_name (self->content, "preferences-desktop-locale-symbolic");
  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_child (self->button, GTK_WIDGET (self->content));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Form Language"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Form Language"),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  _("The language of the form’s questions, for the person being interviewed"),
                                  -1);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->button));

  self->choose = g_simple_action_new_stateful ("choose", G_VARIANT_TYPE_STRING, g_variant_new_string (""));
  g_signal_connect (self->choose, "activate", G_CALLBACK (choose_cb), self);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (self->choose));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "form-language", G_ACTION_GROUP (group));

  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
kap_form_language_menu_new (void)
{
  return g_object_new (KAP_TYPE_FORM_LANGUAGE_MENU, NULL);
}

void
kap_form_language_menu_set_view (KapFormLanguageMenu *self,
                                 KapFormView         *view)
{
  g_autoptr(GMenu) menu = NULL;
  g_auto(GStrv) languages = NULL;

  g_return_if_fail (KAP_IS_FORM_LANGUAGE_MENU (self));
  g_return_if_fail (!view || KAP_IS_FORM_VIEW (view));

  if (self->view == view)
    return;

  if (self->view != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->view, self);
      g_object_remove_weak_pointer (G_OBJECT (self->view), (gpointer *) &self->view);
    }
  self->view = view;
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  if (view == NULL)
    return;

  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &self->view);
  if (g_strcmp0 (self->form_key, kap_form_get_key (kap_form_view_get_form (view))) == 0 &&
      self->language != NULL)
    kap_form_view_set_language (view, self->language);
  g_free (self->form_key);
  self->form_key = g_strdup (kap_form_get_key (kap_form_view_get_form (view)));
  view_language_cb (self);
  g_signal_connect_swapped (view, "notify::language", G_CALLBACK (view_language_cb), self);

  menu = g_menu_new ();
  languages = kap_form_get_languages (kap_form_view_get_form (view));
  for (guint i = 0; languages[i] != NULL; i++)
    {
      const char *name = kap_language_get_native_name (languages[i]);
      g_autoptr(GMenuItem) item = g_menu_item_new (name ? name : languages[i], NULL);

      g_menu_item_set_action_and_target_value (item, "form-language.choose", g_variant_new_string (languages[i]));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->button, G_MENU_MODEL (menu));

  gtk_widget_set_visible (GTK_WIDGET (self), g_strv_length (languages) > 1);
}

GtkMenuButton *
kap_form_language_menu_get_button (KapFormLanguageMenu *self)
{
  g_return_val_if_fail (KAP_IS_FORM_LANGUAGE_MENU (self), NULL);

  return self->button;
}
