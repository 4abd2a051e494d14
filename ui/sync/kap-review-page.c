/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-review-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-view.h"
#include "kap-record-row.h"
#include "kap-records-common.h"
#include "kap-records-review.h"
#include "kap-review-page.h"

/* The review list: every final record, newest change first, over its own
 * KapRecordList (filtered in core, as the main list), so that reviewing
 * does not disturb the officer's search and filters. The record chosen
 * in the list is shown read-only beside it; Mark Reviewed acts on that
 * record, "Mark All Shown" on every record the list shows, and a toast
 * offers to undo either (kap-records-review.h). */

struct _KapReviewPage
{
  AdwBin           parent_instance;

  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;              /* "list", "empty" */
  GtkListView     *list_view;
  AdwWindowTitle  *title;
  GtkMenuButton   *priority_button;
  GtkStack        *record_stack;       /* "none", "record" */
  AdwStatusPage   *none_page;
  AdwStatusPage   *empty_page;
  GtkLabel        *record_title;
  GtkScrolledWindow *record_scroll;

  KapContext      *context;
  KapRecordList   *records;            /* status final, of the priority chosen */
  GtkSingleSelection *selection;
  char            *priority;           /* "P1", "P2", "P3" or "" (all) */

  char            *shown_id;           /* the record on the end side, or NULL */
  GtkWidget       *form_view;          /* its read-only form view */
  AdwMessageDialog *dialog;            /* the "Mark all" question, while open */
  GPtrArray       *undo_marks;         /* KapReviewMark of the last marking, while its toast is up */
  AdwToast        *undo_toast;
};

G_DEFINE_FINAL_TYPE (KapReviewPage, kap_review_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PRIORITY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The same words as the records list's priority filter. */
static const struct
{
  const char *code;
  const char *label;
} priorities[] = {
  { "", NC_("priority", "All Priorities") },
  { "P1", NC_("priority", "P1 · Immediate") },
  { "P2", NC_("priority", "P2 · Within 72 Hours") },
  { "P3", NC_("priority", "P3 · Standard") },
};

static const char *
priority_label (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    if (g_strcmp0 (priorities[i].code, code) == 0)
      return g_dpgettext2 (GETTEXT_PACKAGE, "priority", priorities[i].label);

  return g_dpgettext2 (GETTEXT_PACKAGE, "priority", priorities[0].label);
}

static void
update_actions (KapReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.mark", self->shown_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.open", self->shown_id != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.mark-all", n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.undo", self->undo_marks != NULL);
}

static void
clear_record (KapReviewPage *self)
{
  g_clear_pointer (&self->shown_id, g_free);
  gtk_scrolled_window_set_child (self->record_scroll, NULL);
  self->form_view = NULL;
  gtk_stack_set_visible_child_name (self->record_stack, "none");
}

/* Shows @id read-only on the end side: the form's own view, as an
 * officer would see the final record. */
static void
show_record (KapReviewPage    *self,
             KapRecordSummary *summary)
{
  KapStore *store = kap_context_get_store (self->context);
  KapFormRegistry *forms = kap_context_get_forms (self->context);
  const char *id = kap_record_summary_get_id (summary);
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = kap_record_summary_get_title (summary);
  const char *type = kap_record_summary_get_doc_type (summary);
  g_autofree char *title = NULL;
  GtkWidget *clamp;
  KapForm *form;

  document = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, &error);
  form = document != NULL ? kap_form_registry_lookup (forms, kap_record_get_form_key (document)) : NULL;
  if (form == NULL)
    {
      clear_record (self);
      adw_status_page_set_description (self->none_page,
                                       document == NULL ? error->message
                                                        : _("This record's form is not installed on this laptop."));
      return;
    }

  g_free (self->shown_id);
  self->shown_id = g_strdup (id);

  if (name == NULL || name[0] == '\0')
    title = g_strdup (kap_records_type_label (type));
  else
    /* Translators: a record's type and the person's name, “Screening · Arben Krasniqi”. */
    title = g_strdup_printf (_("%s · %s"), kap_records_type_label (type), name);
  gtk_label_set_text (self->record_title, title);

  self->form_view = kap_form_view_new (form, kap_document_get_body (document), TRUE);
  kap_form_view_set_store (KAP_FORM_VIEW (self->form_view), store, forms);
  clamp = adw_clamp_new ();
  adw_clamp_set_maximum_size (ADW_CLAMP (clamp), 720);
  gtk_widget_set_margin_top (clamp, 12);
  gtk_widget_set_margin_bottom (clamp, 24);
  gtk_widget_set_margin_start (clamp, 12);
  gtk_widget_set_margin_end (clamp, 12);
  adw_clamp_set_child (ADW_CLAMP (clamp), self->form_view);
  gtk_scrolled_window_set_child (self->record_scroll, clamp);
  gtk_stack_set_visible_child_name (self->record_stack, "record");
}

static void
selection_changed_cb (KapReviewPage *self)
{
  KapRecordSummary *summary = gtk_single_selection_get_selected_item (self->selection);

  adw_status_page_set_description (self->none_page, NULL);
  if (summary == NULL)
    clear_record (self);
  else
    show_record (self, summary);
  update_actions (self);
}

static void
update_state (KapReviewPage *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  gboolean filtered = self->priority != NULL && self->priority[0] != '\0';
  g_autofree char *subtitle = NULL;

  /* Translators: under the title of the review list. */
  subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record to review",
                                           "%u records to review", n), n);
  adw_window_title_set_subtitle (self->title, subtitle);
  adw_status_page_set_description (self->empty_page,
                                   filtered ? _("No record of this priority waits for review.")
                                            : _("Records appear here once an officer finalizes them."));
  gtk_stack_set_visible_child_name (self->stack, n > 0 ? "list" : "empty");
  update_actions (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          KapReviewPage            *self)
{
  gtk_list_item_set_child (item, kap_record_row_new (kap_context_get_forms (self->context)));
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         KapReviewPage            *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)), gtk_list_item_get_item (item));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *item,
           KapReviewPage            *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
set_priority (KapReviewPage *self,
              const char    *priority)
{
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;

  if (g_strcmp0 (self->priority, priority) == 0)
    return;

  g_free (self->priority);
  self->priority = g_strdup (priority != NULL ? priority : "");
  gtk_menu_button_set_label (self->priority_button, priority_label (self->priority));

  filter.status = KAP_RECORD_STATUS_FINAL;
  filter.priority = self->priority[0] != '\0' ? self->priority : NULL;
  kap_record_list_set_filter (self->records, &filter);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PRIORITY]);
}

/* Marking and its undo */

static void
undo_dismissed_cb (AdwToast      *toast,
                   KapReviewPage *self)
{
  if (self->undo_toast != toast)
    return;

  self->undo_toast = NULL;
  g_clear_pointer (&self->undo_marks, g_ptr_array_unref);
  update_actions (self);
}

static void
show_error (KapReviewPage *self,
            const char    *title,
            const GError  *error)
{
  g_autofree char *text = NULL;

  /* Translators: a short failure, then core's message. */
  text = g_strdup_printf (_("%s: %s"), title, error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

/* Marks @ids reviewed and offers to undo it. */
static void
mark (KapReviewPage      *self,
      const char * const *ids)
{
  g_autoptr(GPtrArray) marks = NULL;
  g_autoptr(GPtrArray) partial = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  KapRecordAuthor author;
  AdwToast *toast;

  kap_context_get_author (self->context, &author);
  marks = kap_records_review_all (kap_context_get_store (self->context), kap_context_get_profile (self->context),
                                  &author, ids, &partial, &error);
  if (marks == NULL)
    {
      show_error (self, _("The records could not be marked reviewed"), error);
      /* What was marked before the failure can still be undone. */
      if (partial == NULL || partial->len == 0)
        return;
      marks = g_steal_pointer (&partial);
    }

  if (self->undo_toast != NULL)
    {
      AdwToast *previous = self->undo_toast;

      self->undo_toast = NULL;
      adw_toast_dismiss (previous);
    }
  g_clear_pointer (&self->undo_marks, g_ptr_array_unref);

  if (marks->len == 1)
    text = g_strdup (_("Marked reviewed"));
  else
    /* Translators: a toast after “Mark All Shown as Reviewed”. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record marked reviewed",
                                         "%u records marked reviewed", marks->len),
                            marks->len);

  toast = adw_toast_new (text);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "review.undo");
  adw_toast_set_timeout (toast, 10);
  g_signal_connect_object (toast, "dismissed", G_CALLBACK (undo_dismissed_cb), self, 0);
  self->undo_marks = g_steal_pointer (&marks);
  self->undo_toast = toast;
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  update_actions (self);
}

static void
mark_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapReviewPage *self = KAP_REVIEW_PAGE (widget);
  g_autofree char *id = g_strdup (self->shown_id);
  const char *ids[] = { id, NULL };

  if (id != NULL)
    mark (self, ids);
}

static void
mark_all_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      KapReviewPage    *self)
{
  g_auto(GStrv) ids = g_object_steal_data (G_OBJECT (dialog), "kap-ids");

  self->dialog = NULL;
  if (g_strcmp0 (response, "mark") == 0 && ids != NULL)
    mark (self, (const char * const *) ids);
}

/* Asks first, with the count: many records at once is easy to do by
 * mistake. What is marked is what the list showed when asked. */
static void
mark_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KapReviewPage *self = KAP_REVIEW_PAGE (widget);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->records));
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (n == 0 || self->dialog != NULL)
    return;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->records), i);

      g_strv_builder_add (builder, kap_record_summary_get_id (summary));
    }

  /* Translators: the question before marking every record shown. */
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Mark %u record as reviewed?",
                                          "Mark %u records as reviewed?", n), n);
  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)), heading,
                                   _("They leave this list. Right after, you can still undo it."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "mark", _("_Mark Reviewed"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mark", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mark");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "kap-ids", g_strv_builder_end (builder), (GDestroyNotify) g_strfreev);
  g_signal_connect_object (dialog, "response", G_CALLBACK (mark_all_response_cb), self, 0);
  self->dialog = ADW_MESSAGE_DIALOG (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapReviewPage *self = KAP_REVIEW_PAGE (widget);
  g_autoptr(GPtrArray) marks = g_steal_pointer (&self->undo_marks);
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;
  guint undone = 0;

  /* The toast's button dismisses the toast itself (dismissing it again
   * here would run libadwaita's hide animation twice). */
  self->undo_toast = NULL;
  update_actions (self);
  if (marks == NULL)
    return;

  kap_context_get_author (self->context, &author);
  if (!kap_records_unreview_all (kap_context_get_store (self->context), kap_context_get_profile (self->context),
                                 &author, marks, &undone, &error))
    show_error (self, _("The review could not be undone"), error);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapReviewPage *self = KAP_REVIEW_PAGE (widget);
  g_autofree char *id = g_strdup (self->shown_id);

  if (id != NULL)
    g_signal_emit (self, signals [OPEN_RECORD], 0, id);
}

/* GObject */

static void
kap_review_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KapReviewPage *self = KAP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_PRIORITY:
      g_value_set_string (value, self->priority);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_review_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KapReviewPage *self = KAP_REVIEW_PAGE (object);

  switch (prop_id)
    {
    case PROP_PRIORITY:
      /* Before the list exists (construction), only remembered. */
      if (self->records == NULL)
        {
          g_free (self->priority);
          self->priority = g_value_dup_string (value);
        }
      else
        set_priority (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_review_page_dispose (GObject *object)
{
  KapReviewPage *self = (KapReviewPage *)object;

  if (self->dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->dialog));
  self->dialog = NULL;
  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->selection);
  g_clear_object (&self->records);
  g_clear_object (&self->context);
  g_clear_pointer (&self->undo_marks, g_ptr_array_unref);
  self->undo_toast = NULL;
  self->form_view = NULL;

  G_OBJECT_CLASS (kap_review_page_parent_class)->dispose (object);
}

static void
kap_review_page_finalize (GObject *object)
{
  KapReviewPage *self = (KapReviewPage *)object;

  g_free (self->priority);
  g_free (self->shown_id);

  G_OBJECT_CLASS (kap_review_page_parent_class)->finalize (object);
}

static void
kap_review_page_class_init (KapReviewPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = kap_review_page_get_property;
  object_class->set_property = kap_review_page_set_property;
  object_class->dispose = kap_review_page_dispose;
  object_class->finalize = kap_review_page_finalize;

  properties [PROP_PRIORITY] =
    g_param_spec_string ("priority", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/sync/kap-review-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, title);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, priority_button);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, record_stack);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, record_title);
  gtk_widget_class_bind_template_child (widget_class, KapReviewPage, record_scroll);
  gtk_widget_class_bind_template_callback (widget_class, setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, unbind_cb);

  gtk_widget_class_install_action (widget_class, "review.mark", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "review.mark-all", NULL, mark_all_action);
  gtk_widget_class_install_action (widget_class, "review.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "review.open", NULL, open_action);
  gtk_widget_class_install_property_action (widget_class, "review.priority", "priority");

  signals [OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
}

static void
kap_review_page_init (KapReviewPage *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  self->priority = g_strdup ("");
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (g_dpgettext2 (GETTEXT_PACKAGE, "priority", priorities[i].label), NULL);

      g_menu_item_set_action_and_target_value (item, "review.priority", g_variant_new_string (priorities[i].code));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->priority_button, G_MENU_MODEL (menu));
  gtk_menu_button_set_label (self->priority_button, priority_label (self->priority));
}

GtkWidget *
kap_review_page_new (KapContext  *context,
                     GError     **error)
{
  KapStore *store = kap_context_get_store (context);
  KapFormRegistry *forms = kap_context_get_forms (context);
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
  g_autoptr(KapRecordList) records = NULL;
  KapReviewPage *self;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);

  records = kap_record_list_new (store, error);
  if (records == NULL)
    return NULL;

  filter.status = KAP_RECORD_STATUS_FINAL;
  kap_record_list_set_filter (records, &filter);

  self = g_object_new (KAP_TYPE_REVIEW_PAGE, NULL);
  self->context = g_object_ref (context);
  self->records = g_steal_pointer (&records);

  /* The first record is shown at once; when the shown one is marked and
   * leaves the list, the next one takes its place. */
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->records)));
  gtk_single_selection_set_autoselect (self->selection, TRUE);
  gtk_single_selection_set_can_unselect (self->selection, FALSE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect_object (self->records, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_state (self);
  selection_changed_cb (self);

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

const char *
kap_review_page_get_shown_id (KapReviewPage *self)
{
  g_return_val_if_fail (KAP_IS_REVIEW_PAGE (self), NULL);

  return self->shown_id;
}

GtkWidget *
kap_review_page_get_form_view (KapReviewPage *self)
{
  g_return_val_if_fail (KAP_IS_REVIEW_PAGE (self), NULL);

  return self->form_view;
}

AdwMessageDialog *
kap_review_page_get_dialog (KapReviewPage *self)
{
  g_return_val_if_fail (KAP_IS_REVIEW_PAGE (self), NULL);

  return self->dialog;
}
