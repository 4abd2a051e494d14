/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-records-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-number-format.h"
#include "kap-record-row.h"
#include "kap-records-page-private.h"
#include "kap-style.h"

G_DEFINE_FINAL_TYPE (KapRecordsPage, kap_records_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_FOLDED,
  PROP_PRIMARY_MENU,
  PROP_GROUP_BY_PERSON,
  PROP_FILTER_TYPE,
  PROP_FILTER_STATUS,
  PROP_FILTER_PRIORITY,
  PROP_FILTER_SYNC,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

enum {
  RECORD_SELECTED,
  RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

void
kap_records_page_update (KapRecordsPage *self)
{
  g_autofree char *subtitle = NULL;
  g_autofree char *total = NULL;
  g_autofree char *shown = NULL;
  guint n_total;
  guint n_items;

  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));

  if (self->records == NULL)
    return;

  n_total = kap_record_list_get_n_total (self->records);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->records));

  gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "no-results");

  /* Counts with the language's digit grouping: “1.234” in Serbian. */
  total = kap_format_count (n_total, NULL);
  shown = kap_format_count (n_items, NULL);
  if (n_items == n_total && self->folded)
    /* Translators: under the title of the records list on a narrow
     * window, where “on this laptop” does not fit; %s is a number written
     * with the language's digit grouping (“1.234”). */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record", "%s records", n_total),
                                total);
  else if (n_items == n_total)
    /* Translators: under the title of the records list; %s is a number
     * written with the language's digit grouping (“1.234”). */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s record on this laptop",
                                             "%s records on this laptop", n_total),
                                total);
  else
    /* Translators: under the title of the records list while searching or
     * filtering: “12 of 1.340 records”; numbers with the language's digit
     * grouping. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s of %s record",
                                             "%s of %s records", n_total),
                                shown, total);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
apply_filter (KapRecordsPage *self)
{
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
  g_autofree char *text = NULL;
  static const char *sync_names[] = { "pending", "sent", "conflict", "rejected" };

  if (self->records == NULL)
    return;

  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))));

  filter.type = self->filter_type && self->filter_type[0] ? self->filter_type : NULL;
  filter.status = self->filter_status && self->filter_status[0] ? self->filter_status : NULL;
  filter.priority = self->filter_priority && self->filter_priority[0] ? self->filter_priority : NULL;
  filter.text = text[0] != '\0' ? text : NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sync_names); i++)
    if (g_strcmp0 (self->filter_sync, sync_names[i]) == 0)
      filter.sync_state = (int) i + KAP_SYNC_STATE_PENDING;

  kap_record_list_set_filter (self->records, &filter);

  if (kap_records_page_filter_is_active (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "kap-filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "kap-filter-active");

  kap_records_page_rebuild_filter_menu (self);
  kap_records_page_update (self);

  /* Arrows move in the list at once, and typing there searches. */
  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
selection_changed_cb (KapRecordsPage *self)
{
  KapRecordSummary *summary;

  if (self->selecting)
    return;

  /* A list that refilters drops the selection for a moment; the page on
   * the end pane stays as it is. */
  summary = gtk_single_selection_get_selected_item (self->selection);
  if (summary == NULL)
    return;

  g_signal_emit (self, signals[RECORD_SELECTED], 0, kap_record_summary_get_id (summary));
}

static void
list_activate_cb (KapRecordsPage *self,
                  guint           position)
{
  g_autoptr(KapRecordSummary) summary = NULL;

  summary = g_list_model_get_item (G_LIST_MODEL (self->records), position);
  if (summary == NULL)
    return;

  g_signal_emit (self, signals[RECORD_ACTIVATED], 0, kap_record_summary_get_id (summary));
}

static void
search_changed_cb (KapRecordsPage *self)
{
  apply_filter (self);
}

static void
stop_search_cb (KapRecordsPage *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activate_cb (KapRecordsPage *self)
{
  GListModel *model = G_LIST_MODEL (self->records);
  guint n_items = g_list_model_get_n_items (model);

  if (n_items == 0)
    return;

  /* Enter in the search opens the person the name belongs to (the best
   * match, the newest among equal ones), where all their records are; the
   * first record when the results hold no person. */
  for (guint i = 0; i < MIN (n_items, 200); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (kap_record_summary_get_doc_type (summary), "person") == 0)
        {
          list_activate_cb (self, i);
          return;
        }
    }

  list_activate_cb (self, 0);
}

/* On a narrow window the list fills it and the record is a page of its
 * own: one click or tap on a row opens it, as on a phone, where a wide
 * window only selects (the record is beside the list already) and opens
 * with a double click or Enter. */
static void
row_released_cb (GtkGestureClick *gesture,
                 int              n_press,
                 double           x,
                 double           y,
                 GtkListItem     *item)
{
  GtkWidget *row = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (gesture));
  KapRecordsPage *self = KAP_RECORDS_PAGE (gtk_widget_get_ancestor (row, KAP_TYPE_RECORDS_PAGE));
  guint position = gtk_list_item_get_position (item);

  if (self == NULL || !self->folded || n_press != 1 || position == GTK_INVALID_LIST_POSITION)
    return;

  /* A release outside the row (the pointer slid off) is no click. */
  if (!gtk_widget_contains (row, x, y))
    return;

  list_activate_cb (self, position);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KapRecordsPage           *self)
{
  GtkWidget *row = kap_record_row_new (self->forms);
  GtkGesture *click = gtk_gesture_click_new ();

  /* Any button of a mouse, and touch; the list's own gesture still
   * selects the row on the press. */
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_PRIMARY);
  g_signal_connect_object (click, "released", G_CALLBACK (row_released_cb), item, 0);
  gtk_widget_add_controller (row, GTK_EVENT_CONTROLLER (click));
  gtk_list_item_set_child (item, row);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KapRecordsPage           *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KapRecordsPage           *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KapRecordsPage *self = KAP_RECORDS_PAGE (widget);

  g_object_set (self,
                "filter-type", "",
                "filter-status", "",
                "filter-priority", "",
                "filter-sync", "",
                NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_filter (self);
}

static char **
filter_field (KapRecordsPage *self,
              guint           prop_id)
{
  switch (prop_id)
    {
    case PROP_FILTER_TYPE:
      return &self->filter_type;
    case PROP_FILTER_STATUS:
      return &self->filter_status;
    case PROP_FILTER_PRIORITY:
      return &self->filter_priority;
    case PROP_FILTER_SYNC:
      return &self->filter_sync;
    default:
      g_assert_not_reached ();
    }
}

static void
kap_records_page_dispose (GObject *object)
{
  KapRecordsPage *self = (KapRecordsPage *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);


  g_clear_object (&self->selection);
  g_clear_object (&self->records);
  g_clear_object (&self->forms);
  g_clear_object (&self->primary_menu);

  G_OBJECT_CLASS (kap_records_page_parent_class)->dispose (object);
}

static void
kap_records_page_finalize (GObject *object)
{
  KapRecordsPage *self = (KapRecordsPage *)object;

  g_free (self->filter_type);
  g_free (self->filter_status);
  g_free (self->filter_priority);
  g_free (self->filter_sync);

  G_OBJECT_CLASS (kap_records_page_parent_class)->finalize (object);
}

static void
kap_records_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KapRecordsPage *self = KAP_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    case PROP_PRIMARY_MENU:
      g_value_set_object (value, self->primary_menu);
      break;

    case PROP_GROUP_BY_PERSON:
      g_value_set_boolean (value, self->group_by_person);
      break;

    case PROP_FILTER_TYPE:
    case PROP_FILTER_STATUS:
    case PROP_FILTER_PRIORITY:
    case PROP_FILTER_SYNC:
      g_value_set_string (value, *filter_field (self, prop_id) ? *filter_field (self, prop_id) : "");
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_records_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KapRecordsPage *self = KAP_RECORDS_PAGE (object);

  switch (prop_id)
    {
    case PROP_FOLDED:
      if (self->folded != g_value_get_boolean (value))
        {
          self->folded = g_value_get_boolean (value);
          /* The count's shorter form fits a narrow header. */
          kap_records_page_update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_PRIMARY_MENU:
      if (g_set_object (&self->primary_menu, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    case PROP_GROUP_BY_PERSON:
      if (self->group_by_person != g_value_get_boolean (value))
        {
          self->group_by_person = g_value_get_boolean (value);
          if (self->records != NULL)
            kap_record_list_set_group_by_person (self->records, self->group_by_person);
          kap_records_page_update (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_FILTER_TYPE:
    case PROP_FILTER_STATUS:
    case PROP_FILTER_PRIORITY:
    case PROP_FILTER_SYNC:
      {
        char **field = filter_field (self, prop_id);

        if (g_strcmp0 (*field ? *field : "", g_value_get_string (value) ? g_value_get_string (value) : "") == 0)
          break;

        g_free (*field);
        *field = g_value_dup_string (value);
        apply_filter (self);
        g_object_notify_by_pspec (object, pspec);
      }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_records_page_class_init (KapRecordsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_records_page_dispose;
  object_class->finalize = kap_records_page_finalize;
  object_class->get_property = kap_records_page_get_property;
  object_class->set_property = kap_records_page_set_property;

  properties [PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_PRIMARY_MENU] =
    g_param_spec_object ("primary-menu", NULL, NULL,
                         G_TYPE_MENU_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /* On by default: at a crowded counter the officer looks for a person,
   * and a person once with their records under them reads faster than
   * the same name on every row. */
  properties [PROP_GROUP_BY_PERSON] =
    g_param_spec_boolean ("group-by-person", NULL, NULL, TRUE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILTER_TYPE] =
    g_param_spec_string ("filter-type", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILTER_STATUS] =
    g_param_spec_string ("filter-status", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILTER_PRIORITY] =
    g_param_spec_string ("filter-priority", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_FILTER_SYNC] =
    g_param_spec_string ("filter-sync", NULL, NULL, "",
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [RECORD_SELECTED] =
    g_signal_new ("record-selected",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [RECORD_ACTIVATED] =
    g_signal_new ("record-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/records/kap-records-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, list_title);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, new_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, profile_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, sync_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, legend_button);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, legend_box);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, KapRecordsPage, no_results_page);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "records.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_property_action (widget_class, "filter.type", "filter-type");
  gtk_widget_class_install_property_action (widget_class, "filter.status", "filter-status");
  gtk_widget_class_install_property_action (widget_class, "filter.priority", "filter-priority");
  gtk_widget_class_install_property_action (widget_class, "filter.sync", "filter-sync");
  gtk_widget_class_install_property_action (widget_class, "view.group-by-person", "group-by-person");
}

static void
kap_records_page_init (KapRecordsPage *self)
{
  self->group_by_person = TRUE;

  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
  kap_records_page_rebuild_filter_menu (self);
  kap_records_page_fill_sync_legend (self);
}

GtkWidget *
kap_records_page_new (void)
{
  return g_object_new (KAP_TYPE_RECORDS_PAGE, NULL);
}

void
kap_records_page_set_records (KapRecordsPage  *self,
                              KapRecordList   *records,
                              KapFormRegistry *forms)
{
  g_autoptr(GtkListItemFactory) factory = NULL;

  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));
  g_return_if_fail (KAP_IS_RECORD_LIST (records));
  g_return_if_fail (KAP_IS_FORM_REGISTRY (forms));
  g_return_if_fail (self->records == NULL);

  self->records = g_object_ref (records);
  self->forms = g_object_ref (forms);
  kap_record_list_set_group_by_person (self->records, self->group_by_person);

  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->records)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  /* Typing in the list searches. */
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));

  kap_records_page_update (self);
}

KapRecordList *
kap_records_page_get_records (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), NULL);

  return self->records;
}

void
kap_records_page_set_banner (KapRecordsPage *self,
                             GtkWidget      *banner)
{
  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (banner));

  /* Under the header bar, where libadwaita's own banner would be. */
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->header_bar))),
                              banner, GTK_WIDGET (self->header_bar));
}

void
kap_records_page_select (KapRecordsPage *self,
                         const char     *id)
{
  GListModel *model;
  guint n_items;
  guint position = GTK_INVALID_LIST_POSITION;

  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));

  if (self->records == NULL)
    return;

  model = G_LIST_MODEL (self->records);
  n_items = g_list_model_get_n_items (model);

  /* Only among the first rows: that is where a record lands after a
   * change (the list is newest first). */
  for (guint i = 0; id != NULL && i < MIN (n_items, 500); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (model, i);

      if (g_strcmp0 (kap_record_summary_get_id (summary), id) == 0)
        {
          position = i;
          break;
        }
    }

  if (gtk_single_selection_get_selected (self->selection) == position)
    return;

  self->selecting = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->selecting = FALSE;
}

void
kap_records_page_select_position (KapRecordsPage *self,
                                  guint           position)
{
  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));
  g_return_if_fail (self->selection != NULL);

  gtk_single_selection_set_selected (self->selection, position);
}

void
kap_records_page_activate_position (KapRecordsPage *self,
                                    guint           position)
{
  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));

  g_signal_emit_by_name (self->list_view, "activate", position);
}

const char *
kap_records_page_get_selected_id (KapRecordsPage *self)
{
  KapRecordSummary *summary;

  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), NULL);

  if (self->selection == NULL)
    return NULL;

  summary = gtk_single_selection_get_selected_item (self->selection);

  return summary != NULL ? kap_record_summary_get_id (summary) : NULL;
}

guint
kap_records_page_get_selected (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), GTK_INVALID_LIST_POSITION);

  if (self->selection == NULL)
    return GTK_INVALID_LIST_POSITION;

  return gtk_single_selection_get_selected (self->selection);
}

void
kap_records_page_set_search_text (KapRecordsPage *self,
                                  const char     *text)
{
  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
}

void
kap_records_page_focus_search (KapRecordsPage *self)
{
  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

void
kap_records_page_focus_list (KapRecordsPage *self)
{
  g_return_if_fail (KAP_IS_RECORDS_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

const char *
kap_records_page_get_visible_list (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->list_stack);
}

const char *
kap_records_page_get_subtitle (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), NULL);

  return adw_window_title_get_subtitle (self->list_title);
}

gboolean
kap_records_page_get_filter_active (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), FALSE);

  return gtk_widget_has_css_class (GTK_WIDGET (self->filter_button), "kap-filter-active");
}

GtkMenuButton *
kap_records_page_get_profile_button (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), NULL);

  return self->profile_button;
}

GtkWidget *
kap_records_page_get_sync_button (KapRecordsPage *self)
{
  g_return_val_if_fail (KAP_IS_RECORDS_PAGE (self), NULL);

  return GTK_WIDGET (self->sync_button);
}
