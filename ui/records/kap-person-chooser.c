/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-person-chooser"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-person-picker.h"
#include "kap-records-common.h"
#include "kap-person-chooser.h"
#include "kap-record-row.h"
#include "kap-style.h"

struct _KapPersonChooser
{
  AdwWindow          parent_instance;

  /* Template widgets */
  GtkSearchEntry    *search_entry;
  GtkStack          *stack;
  GtkListView       *list_view;
  GtkButton         *register_button;

  /* Owned references */
  KapFormRegistry   *forms;
  KapRecordList     *records;
  GtkSingleSelection *selection;
};

G_DEFINE_FINAL_TYPE (KapPersonChooser, kap_person_chooser, ADW_TYPE_WINDOW)

enum {
  PERSON_CHOSEN,
  REGISTER_PERSON,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_filter (KapPersonChooser *self)
{
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  filter.type = "person";
  filter.text = text[0] != '\0' ? text : NULL;
  kap_record_list_set_filter (self->records, &filter);

  gtk_stack_set_visible_child_name (self->stack,
                                    g_list_model_get_n_items (G_LIST_MODEL (self->records)) > 0 ? "list" : "empty");
}

static void
choose (KapPersonChooser *self,
        guint             position)
{
  g_autoptr(KapRecordSummary) summary = NULL;
  g_autofree char *id = NULL;

  summary = g_list_model_get_item (G_LIST_MODEL (self->records), position);
  if (summary == NULL)
    return;

  id = g_strdup (kap_record_summary_get_id (summary));
  g_signal_emit (self, signals [PERSON_CHOSEN], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
search_changed_cb (KapPersonChooser *self)
{
  update_filter (self);
}

static void
search_activate_cb (KapPersonChooser *self)
{
  /* Enter in the search takes the best (first) person, as in GNOME's
   * other pickers. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->records)) > 0)
    choose (self, 0);
}

static void
stop_search_cb (KapPersonChooser *self)
{
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
list_activate_cb (KapPersonChooser *self,
                  guint             position)
{
  choose (self, position);
}

static void
register_clicked_cb (KapPersonChooser *self)
{
  g_signal_emit (self, signals [REGISTER_PERSON], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KapPersonChooser         *self)
{
  gtk_list_item_set_child (item, kap_record_row_new (self->forms));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KapPersonChooser         *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
kap_person_chooser_dispose (GObject *object)
{
  KapPersonChooser *self = (KapPersonChooser *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_PERSON_CHOOSER);

  g_clear_object (&self->selection);
  g_clear_object (&self->records);
  g_clear_object (&self->forms);

  G_OBJECT_CLASS (kap_person_chooser_parent_class)->dispose (object);
}

static void
kap_person_chooser_class_init (KapPersonChooserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_person_chooser_dispose;

  signals [PERSON_CHOSEN] =
    g_signal_new ("person-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [REGISTER_PERSON] =
    g_signal_new ("register-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/records/kap-person-chooser.ui");
  gtk_widget_class_bind_template_child (widget_class, KapPersonChooser, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KapPersonChooser, stack);
  gtk_widget_class_bind_template_child (widget_class, KapPersonChooser, list_view);
  gtk_widget_class_bind_template_child (widget_class, KapPersonChooser, register_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
kap_person_chooser_init (KapPersonChooser *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

KapPersonChooser *
kap_person_chooser_new (GtkWindow       *parent,
                        KapStore        *store,
                        KapFormRegistry *forms,
                        const char      *title)
{
  g_autoptr(GtkListItemFactory) factory = NULL;
  g_autoptr(GError) error = NULL;
  KapPersonChooser *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);

  self = g_object_new (KAP_TYPE_PERSON_CHOOSER,
                       "transient-for", parent,
                       "title", title,
                       NULL);
  self->forms = g_object_ref (forms);

  self->records = kap_record_list_new (store, &error);
  if (self->records == NULL)
    {
      g_warning ("Could not list the persons: %s", error->message);
      return self;
    }

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->records)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  update_filter (self);

  return self;
}

void
kap_person_chooser_set_can_register (KapPersonChooser *self,
                                     gboolean          can_register)
{
  g_return_if_fail (KAP_IS_PERSON_CHOOSER (self));

  gtk_widget_set_visible (GTK_WIDGET (self->register_button), can_register);
}

typedef struct
{
  KapPersonPickedFunc  callback;
  gpointer             user_data;
  GDestroyNotify       destroy;
} Pick;

static void
pick_chosen_cb (KapPersonChooser *chooser,
                const char       *person_id,
                Pick             *pick)
{
  pick->callback (person_id, pick->user_data);
}

static void
pick_free (gpointer  data,
           GClosure *closure)
{
  Pick *pick = data;

  if (pick->destroy != NULL)
    pick->destroy (pick->user_data);
  g_free (pick);
}

GtkWindow *
kap_person_chooser_pick (GtkWindow           *parent,
                         KapStore            *store,
                         KapFormRegistry     *forms,
                         const char          *title,
                         KapPersonPickedFunc  callback,
                         gpointer             user_data,
                         GDestroyNotify       destroy)
{
  KapPersonChooser *chooser = kap_person_chooser_new (parent, store, forms, title);
  Pick *pick = g_new0 (Pick, 1);

  pick->callback = callback;
  pick->user_data = user_data;
  pick->destroy = destroy;

  /* A family member is someone already registered: registering takes the
   * main window, which a form cannot leave halfway. */
  kap_person_chooser_set_can_register (chooser, FALSE);
  /* The data goes with the handler, when the chooser is finalized. */
  g_signal_connect_data (chooser, "person-chosen", G_CALLBACK (pick_chosen_cb), pick, pick_free, 0);
  gtk_window_present (GTK_WINDOW (chooser));

  return GTK_WINDOW (chooser);
}
