/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-review-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-record-row.h"
#include "kap-review-page.h"

/* The review list: every final record, newest change first, over its own
 * KapRecordList (filtered in core, as the main list), so that reviewing
 * does not disturb the officer's search and filters. */

struct _KapReviewPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "list", "empty" */
  GtkListView     *list_view;
  AdwWindowTitle  *title;

  KapStore        *store;
  KapFormRegistry *forms;
  KapRecordList   *records;            /* status final */
};

G_DEFINE_FINAL_TYPE (KapReviewPage, kap_review_page, ADW_TYPE_BIN)

enum {
  OPEN_RECORD,
  MARK_REVIEWED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

static void
update_state (KapReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_autofree char *subtitle = NULL;

  /* Translators: under the title of the review list. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record to review",
                                           "%u records to review", n), n);
  adw_window_title_set_subtitle (self->title, subtitle);
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
}

static void
mark_clicked_cb (GtkButton     *button,
                 KapReviewPage *self)
{
  GtkWidget *row = g_object_get_data (G_OBJECT (button), "kap-row");
  KapRecordSummary *summary = kap_record_row_get_summary (KAP_RECORD_ROW (row));

  if (summary != NULL)
    g_signal_emit (self, signals [MARK_REVIEWED], 0, kap_record_summary_get_id (summary));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          KapReviewPage            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *row = kap_record_row_new (self->forms);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Mark Reviewed"));

  gtk_widget_set_hexpand (row, TRUE);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "kap-row", row);
  g_signal_connect (button, "clicked", G_CALLBACK (mark_clicked_cb), self);
  gtk_box_append (GTK_BOX (box), row);
  gtk_box_append (GTK_BOX (box), button);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         KapReviewPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);
  KapRecordSummary *summary = gtk_list_item_get_item (item);
  GtkWidget *button = gtk_widget_get_last_child (box);
  g_autofree char *label = NULL;

  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_widget_get_first_child (box)), summary);

  /* Each button says whose record it marks, for a screen reader. */
  label = g_strdup_printf (_("Mark “%s” as reviewed"), kap_record_summary_get_title (summary));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           KapReviewPage            *self)
{
  GtkWidget *box = gtk_list_item_get_child (item);

  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_widget_get_first_child (box)), NULL);
}

static void
activate_cb (KapReviewPage *self,
             guint          position)
{
  g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->records), position);

  if (summary != NULL)
    g_signal_emit (self, signals [OPEN_RECORD], 0, kap_record_summary_get_id (summary));
}

static void
kap_review_page_dispose (GObject *object)
{
  KapReviewPage *self = (KapReviewPage *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->records);
  g_clear_object (&self->forms);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_review_page_parent_class)->dispose (object);
}

static void
kap_review_page_class_init (KapReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_review_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/sync/kap-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, title);
  gtk_widget_class_bind_template_callback (widget_class, setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);

  signals [OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [MARK_REVIEWED] =
    g_signal_new ("mark-reviewed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kap_review_page_init (KapReviewPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_review_page_new (KapContext  *context,
                     GError     **error)
{
  KapStore *store = kap_context_get_store (context);
  KapFormRegistry *forms = kap_context_get_forms (context);
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
  g_autoptr(KapRecordList) records = NULL;
  GtkSelectionModel *selection;
  KapReviewPage *self;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);

  records = kap_record_list_new (store, error);
  if (records == NULL)
    return NULL;

  filter.status = KAP_RECORD_STATUS_FINAL;
  kap_record_list_set_filter (records, &filter);

  self = g_object_new (KAP_TYPE_REVIEW_PAGE, NULL);
  self->store = g_object_ref (store);
  self->forms = g_object_ref (forms);
  self->records = g_steal_pointer (&records);

  selection = GTK_SELECTION_MODEL (gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->records))));
  gtk_list_view_set_model (self->list_view, selection);
  g_object_unref (selection);

  g_signal_connect_object (self->records, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  update_state (self);

  return GTK_WIDGET (self);
}

KapRecordList *
kap_review_page_get_list (KapReviewPage *self)
{
  g_return_val_if_fail (KAP_IS_REVIEW_PAGE (self), NULL);

  return self->records;
}

const char *
kap_review_page_get_visible_name (KapReviewPage *self)
{
  g_return_val_if_fail (KAP_IS_REVIEW_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}
