/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-pane"

#include "config.h"

#include "kap-person-chooser.h"
#include "kap-record-editor.h"
#include "kap-record-pane.h"
#include "kap-records-common.h"
#include "kap-style.h"
#include "kap-suggestions-group.h"

struct _KapRecordPane
{
  AdwBin           parent_instance;

  /* Template widgets */
  AdwHeaderBar    *header_bar;
  AdwWindowTitle  *title;
  GtkButton       *back_button;
  GtkStack        *stack;
  AdwStatusPage   *none_page;
  AdwBin          *person_bin;
  AdwBin          *editor_bin;

  /* Made in code */
  KapPersonPage   *person_page;
  GtkWidget       *editor;             /* a KapRecordEditor, or NULL */

  /* Owned references */
  KapStore        *store;
  KapFormRegistry *forms;
  char            *shown_id;
  char            *shown_type;
  gboolean         folded;
};

G_DEFINE_FINAL_TYPE (KapRecordPane, kap_record_pane, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  OPEN_RECORD,
  NEW_RECORD,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The person page and the editor show the name as their own heading, so
 * the header bar above them stays quiet, as in GNOME Contacts; only the
 * type says what kind of record is open. */
static void
update_title (KapRecordPane *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  if (g_strcmp0 (page, "person") == 0)
    adw_window_title_set_title (self->title, kap_records_type_label ("person"));
  else if (g_strcmp0 (page, "editor") == 0 && self->shown_type != NULL)
    adw_window_title_set_title (self->title, kap_records_type_label (self->shown_type));
  else
    adw_window_title_set_title (self->title, NULL);
}

void
kap_record_pane_save (KapRecordPane *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (KAP_IS_RECORD_PANE (self));

  /* The editor shows its own error; what matters here is only that a
   * pending change is written before the editor goes away. */
  if (self->editor != NULL &&
      !kap_record_editor_save_now (KAP_RECORD_EDITOR (self->editor), &error))
    g_debug ("A pending change could not be saved: %s", error->message);
}

static void
clear_editor (KapRecordPane *self)
{
  kap_record_pane_save (self);
  self->editor = NULL;
  adw_bin_set_child (self->editor_bin, NULL);
}

static void
person_page_open_record_cb (KapRecordPane *self,
                            const char    *id,
                            KapPersonPage *page)
{
  g_signal_emit (self, signals[OPEN_RECORD], 0, id, FALSE);
}

static void
person_page_edit_record_cb (KapRecordPane *self,
                            const char    *id,
                            KapPersonPage *page)
{
  g_signal_emit (self, signals[OPEN_RECORD], 0, id, TRUE);
}

static void
person_page_new_record_cb (KapRecordPane *self,
                           const char    *form_id,
                           KapPersonPage *page)
{
  g_signal_emit (self, signals[NEW_RECORD], 0, form_id, kap_person_page_get_person_id (page));
}

static void
ensure_person_page (KapRecordPane *self)
{
  if (self->person_page != NULL)
    return;

  self->person_page = KAP_PERSON_PAGE (kap_person_page_new (self->store, self->forms));
  g_signal_connect_object (self->person_page, "open-record",
                           G_CALLBACK (person_page_open_record_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_page, "edit-record",
                           G_CALLBACK (person_page_edit_record_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_page, "new-record",
                           G_CALLBACK (person_page_new_record_cb), self, G_CONNECT_SWAPPED);
  adw_bin_set_child (self->person_bin, GTK_WIDGET (self->person_page));
}

static void
editor_record_cb (KapSuggestionsGroup *group,
                  GParamSpec          *pspec,
                  KapRecordEditor     *editor)
{
  kap_suggestions_group_set_screening (group, kap_record_editor_get_record (editor));
}

/* A screening's suggested referrals, under its form: they follow the
 * answers as the editor saves them. */
static void
add_suggestions (KapRecordPane   *self,
                 KapRecordEditor *editor)
{
  GtkWidget *group = kap_suggestions_group_new (self->store, self->forms);

  kap_suggestions_group_set_screening (KAP_SUGGESTIONS_GROUP (group), kap_record_editor_get_record (editor));
  g_signal_connect_object (editor, "notify::record", G_CALLBACK (editor_record_cb), group, G_CONNECT_SWAPPED);
  kap_record_editor_add_footer (editor, group);
}

gboolean
kap_record_pane_show (KapRecordPane         *self,
                      const char            *id,
                      gboolean               edit,
                      const KapRecordAuthor *author,
                      GError               **error)
{
  g_autoptr(KapDocument) document = NULL;
  char *shown_id;

  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (author != NULL, FALSE);

  /* Written before anything else is read, so a screening just edited shows
   * its new state on the person page. */
  kap_record_pane_save (self);

  document = kap_store_get (self->store, id, NULL, KAP_STORE_GET_NONE, error);
  if (document == NULL)
    return FALSE;

  if (g_strcmp0 (kap_document_get_doc_type (document), "person") == 0 && !edit)
    {
      clear_editor (self);
      ensure_person_page (self);
      kap_person_page_set_person_id (self->person_page, id);
      gtk_stack_set_visible_child_name (self->stack, "person");
    }
  else
    {
      GtkWidget *editor;

      editor = kap_record_editor_new (self->store, self->forms, document, author);
      /* "person" fields (family members) choose with the person chooser. */
      kap_record_editor_set_person_picker (KAP_RECORD_EDITOR (editor), kap_person_chooser_pick);
      if (g_strcmp0 (kap_document_get_doc_type (document), "screening") == 0)
        add_suggestions (self, KAP_RECORD_EDITOR (editor));
      clear_editor (self);
      self->editor = editor;
      adw_bin_set_child (self->editor_bin, editor);
      gtk_stack_set_visible_child_name (self->stack, "editor");
    }

  /* @id may be shown_id itself (showing the record again): copied first. */
  shown_id = g_strdup (id);
  g_free (self->shown_id);
  self->shown_id = shown_id;
  g_free (self->shown_type);
  self->shown_type = g_strdup (kap_document_get_doc_type (document));
  update_title (self);

  return TRUE;
}

void
kap_record_pane_clear (KapRecordPane *self)
{
  g_return_if_fail (KAP_IS_RECORD_PANE (self));

  clear_editor (self);
  g_clear_pointer (&self->shown_id, g_free);
  g_clear_pointer (&self->shown_type, g_free);
  gtk_stack_set_visible_child_name (self->stack, "none");
  update_title (self);
}

static void
kap_record_pane_dispose (GObject *object)
{
  KapRecordPane *self = (KapRecordPane *)object;

  self->editor = NULL;
  self->person_page = NULL;

  g_clear_object (&self->forms);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_record_pane_parent_class)->dispose (object);
}

static void
kap_record_pane_finalize (GObject *object)
{
  KapRecordPane *self = (KapRecordPane *)object;

  g_free (self->shown_id);
  g_free (self->shown_type);

  G_OBJECT_CLASS (kap_record_pane_parent_class)->finalize (object);
}

static void
kap_record_pane_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KapRecordPane *self = KAP_RECORD_PANE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_record_pane_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KapRecordPane *self = KAP_RECORD_PANE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_record_pane_class_init (KapRecordPaneClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_record_pane_dispose;
  object_class->finalize = kap_record_pane_finalize;
  object_class->get_property = kap_record_pane_get_property;
  object_class->set_property = kap_record_pane_set_property;

  properties [PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [OPEN_RECORD] =
    g_signal_new ("open-record",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_BOOLEAN);
  signals [NEW_RECORD] =
    g_signal_new ("new-record",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/records/kap-record-pane.ui");
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, title);
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, back_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, stack);
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, none_page);
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, person_bin);
  gtk_widget_class_bind_template_child (widget_class, KapRecordPane, editor_bin);
}

static void
kap_record_pane_init (KapRecordPane *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_record_pane_new (void)
{
  return g_object_new (KAP_TYPE_RECORD_PANE, NULL);
}

void
kap_record_pane_set_store (KapRecordPane   *self,
                           KapStore        *store,
                           KapFormRegistry *forms)
{
  g_return_if_fail (KAP_IS_RECORD_PANE (self));
  g_return_if_fail (KAP_IS_STORE (store));
  g_return_if_fail (KAP_IS_FORM_REGISTRY (forms));

  g_set_object (&self->store, store);
  g_set_object (&self->forms, forms);
}

const char *
kap_record_pane_get_shown_id (KapRecordPane *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), NULL);

  return self->shown_id;
}

const char *
kap_record_pane_get_visible_name (KapRecordPane *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkWidget *
kap_record_pane_get_editor (KapRecordPane *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), NULL);

  return self->editor;
}

KapPersonPage *
kap_record_pane_get_person_page (KapRecordPane *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), NULL);

  return self->person_page;
}

const char *
kap_record_pane_get_person_id (KapRecordPane *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "person") != 0 ||
      self->person_page == NULL)
    return NULL;

  return kap_person_page_get_person_id (self->person_page);
}

const char *
kap_record_pane_get_title (KapRecordPane *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_PANE (self), NULL);

  return adw_window_title_get_title (self->title);
}

void
kap_record_pane_focus (KapRecordPane *self)
{
  g_return_if_fail (KAP_IS_RECORD_PANE (self));

  gtk_widget_child_focus (GTK_WIDGET (self->stack), GTK_DIR_TAB_FORWARD);
}
