/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-code-picker"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-code-picker.h"

/* At most this many matches are listed: a few keystrokes narrow any
 * search down, and a short list stays quick with 7,000 languages. */
#define MAX_RESULTS 50

struct _KapCodePicker
{
  AdwActionRow     parent_instance;

  KapCodeList     *list;
  gboolean         multiple;
  char            *code;
  GPtrArray       *codes;

  GtkMenuButton   *button;
  GtkPopover      *popover;
  GtkSearchEntry  *search_entry;
  GtkListBox      *results;
  GtkLabel        *placeholder;
};

G_DEFINE_FINAL_TYPE (KapCodePicker, kap_code_picker, ADW_TYPE_ACTION_ROW)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static const char *
entry_name (const KapCode *entry)
{
  return entry->localized_name ? entry->localized_name : entry->name;
}

static const char *
name_of (KapCodePicker *self,
         const char    *code)
{
  const KapCode *entry = kap_code_list_lookup (self->list, code);

  return entry ? entry_name (entry) : code;
}

static gboolean
is_chosen (KapCodePicker *self,
           const char    *code)
{
  if (!self->multiple)
    return g_strcmp0 (self->code, code) == 0;

  for (guint i = 0; i < self->codes->len; i++)
    if (g_str_equal (g_ptr_array_index (self->codes, i), code))
      return TRUE;

  return FALSE;
}

static void
update_subtitle (KapCodePicker *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  if (!self->multiple)
    {
      if (self->code != NULL)
        g_string_append (text, name_of (self, self->code));
    }
  else
    {
      for (guint i = 0; i < self->codes->len; i++)
        {
          if (i > 0)
            g_string_append (text, _(", "));
          g_string_append (text, name_of (self, g_ptr_array_index (self->codes, i)));
        }
    }

  if (text->len == 0)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), _("Not answered"));
      gtk_widget_add_css_class (GTK_WIDGET (self), "kap-not-answered");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (self), text->str);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "kap-not-answered");
    }
}

const char *
kap_code_picker_result_get_code (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "kap-code");
}

static GtkWidget *
result_row_new (KapCodePicker *self,
                const KapCode *entry)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *name = gtk_label_new (entry_name (entry));
  GtkWidget *code = gtk_label_new (entry->code);
  GtkWidget *check = gtk_image_new_from_icon_name ("object-select-symbolic");

  gtk_label_set_xalign (GTK_LABEL (name), 0.0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (name, TRUE);
  gtk_widget_add_css_class (code, "dim-label");
  gtk_widget_add_css_class (code, "caption");
  gtk_widget_set_opacity (check, is_chosen (self, entry->code) ? 1.0 : 0.0);
  gtk_box_append (GTK_BOX (box), check);
  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), code);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_widget_set_margin_start (box, 6);
  gtk_widget_set_margin_end (box, 6);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  g_object_set_data_full (G_OBJECT (row), "kap-code", g_strdup (entry->code), g_free);
  g_object_set_data (G_OBJECT (row), "kap-check", check);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, entry_name (entry),
                                  -1);

  return row;
}

static void
clear_results (KapCodePicker *self)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child of the list too. */
  while ((row = gtk_list_box_get_row_at_index (self->results, 0)) != NULL)
    gtk_list_box_remove (self->results, GTK_WIDGET (row));
}

static void
fill_results (KapCodePicker *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  g_autoptr(GPtrArray) matches = NULL;

  clear_results (self);

  if (query == NULL || query[0] == '\0')
    {
      /* Without a query, list what is chosen so that it can be unticked. */
      matches = g_ptr_array_new ();
      if (self->multiple)
        {
          for (guint i = 0; i < self->codes->len; i++)
            {
              const KapCode *entry = kap_code_list_lookup (self->list, g_ptr_array_index (self->codes, i));

              if (entry != NULL)
                g_ptr_array_add (matches, (gpointer) entry);
            }
        }
      else if (self->code != NULL && kap_code_list_lookup (self->list, self->code) != NULL)
        g_ptr_array_add (matches, (gpointer) kap_code_list_lookup (self->list, self->code));

      gtk_label_set_text (self->placeholder, _("Type a name or a code"));
    }
  else
    {
      matches = kap_code_list_search (self->list, query, MAX_RESULTS);
      gtk_label_set_text (self->placeholder, _("Nothing matches"));
    }

  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->results, result_row_new (self, g_ptr_array_index (matches, i)));
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   KapCodePicker  *self)
{
  fill_results (self);
}

static void
pick (KapCodePicker *self,
      const char    *code)
{
  if (!self->multiple)
    {
      g_free (self->code);
      self->code = g_strdup (code);
      gtk_popover_popdown (self->popover);
    }
  else
    {
      gboolean removed = FALSE;

      for (guint i = 0; i < self->codes->len; i++)
        if (g_str_equal (g_ptr_array_index (self->codes, i), code))
          {
            g_ptr_array_remove_index (self->codes, i);
            removed = TRUE;
            break;
          }
      if (!removed)
        g_ptr_array_add (self->codes, g_strdup (code));
    }

  update_subtitle (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

static void
row_activated_cb (GtkListBox    *box,
                  GtkListBoxRow *row,
                  KapCodePicker *self)
{
  const char *code = kap_code_picker_result_get_code (row);
  GtkWidget *check = g_object_get_data (G_OBJECT (row), "kap-check");

  pick (self, code);
  gtk_widget_set_opacity (check, is_chosen (self, code) ? 1.0 : 0.0);
}

/* Enter in the search entry picks the best match. */
static void
search_activate_cb (GtkSearchEntry *entry,
                    KapCodePicker  *self)
{
  GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->results, 0);

  if (first != NULL)
    row_activated_cb (self->results, first, self);
}

static void
stop_search_cb (GtkSearchEntry *entry,
                KapCodePicker  *self)
{
  gtk_popover_popdown (self->popover);
}

static void
popover_show_cb (GtkPopover    *popover,
                 KapCodePicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  fill_results (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
kap_code_picker_finalize (GObject *object)
{
  KapCodePicker *self = (KapCodePicker *)object;

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->codes, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_code_picker_parent_class)->finalize (object);
}

static void
kap_code_picker_class_init (KapCodePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_code_picker_finalize;

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kap_code_picker_init (KapCodePicker *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  self->codes = g_ptr_array_new_with_free_func (g_free);

  self->search_entry = GTK_SEARCH_ENTRY (gtk_search_entry_new ());
  g_object_set (self->search_entry, "placeholder-text", _("Search by name or code"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Search by name or code"),
                                  -1);

  self->results = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->results, GTK_SELECTION_NONE);
  gtk_list_box_set_activate_on_single_click (self->results, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->results), "navigation-sidebar");
  self->placeholder = GTK_LABEL (gtk_label_new (NULL));
  gtk_widget_add_css_class (GTK_WIDGET (self->placeholder), "dim-label");
  gtk_widget_set_margin_top (GTK_WIDGET (self->placeholder), 18);
  gtk_widget_set_margin_bottom (GTK_WIDGET (self->placeholder), 18);
  gtk_list_box_set_placeholder (self->results, GTK_WIDGET (self->placeholder));

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 280);
  gtk_widget_set_size_request (scrolled, 320, -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (self->results));

  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->search_entry));
  gtk_box_append (GTK_BOX (box), scrolled);

  self->popover = GTK_POPOVER (gtk_popover_new ());
  gtk_popover_set_child (self->popover, box);

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_icon_name (self->button, "pan-down-symbolic");
  gtk_menu_button_set_popover (self->button, GTK_WIDGET (self->popover));
  gtk_widget_set_valign (GTK_WIDGET (self->button), GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (GTK_WIDGET (self->button), "flat");
  /* The row is the one keyboard stop; Enter or Space on it opens the list. */
  gtk_widget_set_focusable (GTK_WIDGET (self->button), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->button), _("Choose"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (self), GTK_WIDGET (self->button));

  g_signal_connect (self->search_entry, "search-changed", G_CALLBACK (search_changed_cb), self);
  g_signal_connect (self->search_entry, "activate", G_CALLBACK (search_activate_cb), self);
  g_signal_connect (self->search_entry, "stop-search", G_CALLBACK (stop_search_cb), self);
  g_signal_connect (self->results, "row-activated", G_CALLBACK (row_activated_cb), self);
  g_signal_connect (self->popover, "show", G_CALLBACK (popover_show_cb), self);
}

GtkWidget *
kap_code_picker_new (KapCodeList *list,
                     gboolean     multiple)
{
  KapCodePicker *self;

  g_return_val_if_fail (list != NULL, NULL);

  self = g_object_new (KAP_TYPE_CODE_PICKER, NULL);
  self->list = list;
  self->multiple = multiple;
  update_subtitle (self);

  return GTK_WIDGET (self);
}

const char *
kap_code_picker_get_code (KapCodePicker *self)
{
  g_return_val_if_fail (KAP_IS_CODE_PICKER (self), NULL);

  if (self->multiple)
    return self->codes->len > 0 ? g_ptr_array_index (self->codes, 0) : NULL;

  return self->code;
}

void
kap_code_picker_set_code (KapCodePicker *self,
                          const char    *code)
{
  g_return_if_fail (KAP_IS_CODE_PICKER (self));

  if (self->multiple)
    {
      const char *codes[] = { code, NULL };

      kap_code_picker_set_codes (self, code ? codes : NULL);
      return;
    }

  if (g_strcmp0 (self->code, code) == 0)
    return;

  g_free (self->code);
  self->code = g_strdup (code);
  update_subtitle (self);
}

char **
kap_code_picker_get_codes (KapCodePicker *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_return_val_if_fail (KAP_IS_CODE_PICKER (self), NULL);

  if (!self->multiple)
    {
      if (self->code != NULL)
        g_strv_builder_add (builder, self->code);
    }
  else
    for (guint i = 0; i < self->codes->len; i++)
      g_strv_builder_add (builder, g_ptr_array_index (self->codes, i));

  return g_strv_builder_end (builder);
}

void
kap_code_picker_set_codes (KapCodePicker      *self,
                           const char * const *codes)
{
  g_return_if_fail (KAP_IS_CODE_PICKER (self));

  if (!self->multiple)
    {
      kap_code_picker_set_code (self, codes ? codes[0] : NULL);
      return;
    }

  g_ptr_array_set_size (self->codes, 0);
  for (guint i = 0; codes != NULL && codes[i] != NULL; i++)
    g_ptr_array_add (self->codes, g_strdup (codes[i]));
  update_subtitle (self);
}

gboolean
kap_code_picker_get_multiple (KapCodePicker *self)
{
  g_return_val_if_fail (KAP_IS_CODE_PICKER (self), FALSE);

  return self->multiple;
}
