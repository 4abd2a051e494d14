/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-record-editor.h"
#include "kap-records-common.h"
#include "kap-style.h"
#include "kap-window-private.h"

G_DEFINE_FINAL_TYPE (KapWindow, kap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ERROR,
  PROP_FORMS,
  PROP_PERSON_INDEX,
  PROP_RECORDS,
  PROP_OFFICER_CODE,
  PROP_STATION_CODE,
  PROP_FILTER_TYPE,
  PROP_FILTER_STATUS,
  PROP_FILTER_PRIORITY,
  PROP_FILTER_SYNC,
  PROP_SETTINGS,
  PROP_ASK_PROFILE,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

/* The choices of the filter menu: one submenu per dimension, whose label
 * says what is chosen (“Type: Screenings”), so the menu stays short. */
typedef struct
{
  const char *value;
  const char *context;
  const char *label;
} FilterChoice;

typedef struct
{
  const char         *action;
  const char         *label;
  const FilterChoice *choices;
} FilterDimension;

static const FilterChoice type_choices[] = {
  { "", "record type", NC_("record type", "All") },
  { "person", NULL, N_("Persons") },
  { "screening", NULL, N_("Screenings") },
  { "return_interest", NULL, N_("Return Interests") },
  { "referral", NULL, N_("Referrals") },
  { "interpreter_session", NULL, N_("Interpreter Sessions") },
  { NULL }
};

static const FilterChoice status_choices[] = {
  { "", "record status", NC_("record status", "Any") },
  { "draft", "record status", NC_("record status", "Drafts") },
  { "final", "record status", NC_("record status", "Final") },
  { "reviewed", "record status", NC_("record status", "Reviewed") },
  { NULL }
};

static const FilterChoice priority_choices[] = {
  { "", "priority", NC_("priority", "Any") },
  { "P1", "priority", NC_("priority", "P1 · Immediate") },
  { "P2", "priority", NC_("priority", "P2 · Within 72 Hours") },
  { "P3", "priority", NC_("priority", "P3 · Standard") },
  { NULL }
};

static const FilterChoice sync_choices[] = {
  { "", "sync state", NC_("sync state", "Any") },
  { "pending", "sync state", NC_("sync state", "Not Synced Yet") },
  { "sent", "sync state", NC_("sync state", "Synced") },
  { "conflict", "sync state", NC_("sync state", "Conflicts") },
  { "rejected", "sync state", NC_("sync state", "Rejected") },
  { NULL }
};

static const FilterDimension filter_dimensions[] = {
  { "filter.type", N_("Type"), type_choices },
  { "filter.status", N_("Status"), status_choices },
  { "filter.priority", N_("Priority"), priority_choices },
  { "filter.sync", N_("Sync"), sync_choices },
};

static const char *
choice_label (const FilterChoice *choices,
              const char         *value)
{
  for (guint i = 0; choices[i].value != NULL; i++)
    {
      if (g_strcmp0 (choices[i].value, value != NULL ? value : "") != 0)
        continue;

      if (choices[i].context != NULL)
        return g_dpgettext2 (GETTEXT_PACKAGE, choices[i].context, choices[i].label);

      return _(choices[i].label);
    }

  return value;
}

/* What an officer can do about each way opening the store can fail. The
 * message of the error comes from core and says what happened (sometimes
 * with a first hint); this adds what matters next on a laptop in the
 * field: whether the records are safe, and whom to ask. */
static const char *
advice_for_error (const GError *error)
{
  if (error->domain == KAP_STORE_ERROR)
    {
      switch ((KapStoreError) error->code)
        {
        case KAP_STORE_ERROR_NEWER_SCHEMA:
          return _("Your records are safe and nothing was changed. "
                   "Ask your supervisor for the latest version of Kapija.");

        case KAP_STORE_ERROR_LOCKED:
          return _("Your records are safe. If no other Kapija window is open, "
                   "restart the laptop, then start Kapija again.");

        case KAP_STORE_ERROR_DISK_FULL:
          return _("Your records are safe. Once there is free space, "
                   "start Kapija again.");

        case KAP_STORE_ERROR_CORRUPT:
        case KAP_STORE_ERROR_NOT_A_STORE:
          return _("Do not delete or move any files: the records may still "
                   "be recoverable. Contact your supervisor or technical "
                   "support.");

        case KAP_STORE_ERROR_MISSING:
        case KAP_STORE_ERROR_READ_ONLY:
        case KAP_STORE_ERROR_NOT_FOUND:
        case KAP_STORE_ERROR_CONFLICT:
        case KAP_STORE_ERROR_INVALID:
        case KAP_STORE_ERROR_ENGINE:
        default:
          break;
        }
    }

  return _("Your records have not been changed. "
           "Contact your supervisor or technical support.");
}

/* Error messages follow the GLib convention of no final full stop; on a
 * page of prose, the message reads as the first sentence. */
static char *
error_message_as_sentence (const char *message)
{
  if (g_str_has_suffix (message, ".") ||
      g_str_has_suffix (message, "!") ||
      g_str_has_suffix (message, "?") ||
      g_str_has_suffix (message, "…"))
    return g_strdup (message);

  /* Translators: an error message shown as a sentence on the error page;
   * %s is the message, which has no full stop of its own. */
  return g_strdup_printf (_("%s."), message);
}

static void
show_error (KapWindow    *self,
            const GError *error)
{
  g_autofree char *sentence = NULL;
  g_autofree char *message = NULL;
  g_autofree char *advice = NULL;
  g_autofree char *description = NULL;

  /* The status page reads its description as Pango markup, and an error
   * message may quote a path or a value with “<” or “&” in it. */
  sentence = error_message_as_sentence (error->message);
  message = g_markup_escape_text (sentence, -1);
  advice = g_markup_escape_text (advice_for_error (error), -1);
  description = g_strdup_printf ("%s\n\n%s", message, advice);

  adw_status_page_set_description (self->error_page, description);
  gtk_stack_set_visible_child_name (self->stack, "error");
}

static void
show_toast_for_error (KapWindow    *self,
                      const char   *title,
                      const GError *error)
{
  g_autofree char *text = NULL;

  /* Translators: a short failure, then core's message. */
  text = g_strdup_printf (_("%s: %s"), title, error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

static gboolean
filter_is_active (KapWindow *self)
{
  return (self->filter_type != NULL && self->filter_type[0] != '\0') ||
         (self->filter_status != NULL && self->filter_status[0] != '\0') ||
         (self->filter_priority != NULL && self->filter_priority[0] != '\0') ||
         (self->filter_sync != NULL && self->filter_sync[0] != '\0');
}

static void show_profiles (KapWindow *self);

static void
kap_window_update_state (KapWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  guint n_total;
  guint n_items;

  if (self->error != NULL)
    {
      show_error (self, self->error);
      return;
    }

  if (self->store == NULL || self->records == NULL)
    {
      /* A caller bug rather than something an officer did, but the window
       * should still say something useful instead of an empty page. */
      if (self->store == NULL)
        g_warning ("KapWindow created without a store or an error");
      error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING,
                                   _("No records file was opened."));
      show_error (self, error);
      return;
    }

  /* Nobody works before saying who they are; the supervisor's pages
   * cover the records while they are open. */
  if (self->ask_profile && self->profile == NULL)
    {
      show_profiles (self);
      return;
    }

  if (self->mode != NULL)
    {
      gtk_stack_set_visible_child_name (self->stack, self->mode);
      return;
    }

  n_total = kap_record_list_get_n_total (self->records);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->records));

  if (n_total == 0)
    {
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }

  gtk_stack_set_visible_child_name (self->stack, "main");
  gtk_stack_set_visible_child_name (self->list_stack, n_items > 0 ? "list" : "no-results");

  if (n_items == n_total)
    /* Translators: under the title of the records list. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u record on this laptop",
                                             "%u records on this laptop", n_total),
                                n_total);
  else
    /* Translators: under the title of the records list while searching or
     * filtering: “12 of 340 records”. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u record",
                                             "%u of %u records", n_total),
                                n_items, n_total);
  adw_window_title_set_subtitle (self->list_title, subtitle);
}

static void
rebuild_filter_menu (KapWindow *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) dimensions = g_menu_new ();
  g_autoptr(GMenu) clear = g_menu_new ();
  const char *values[] = { self->filter_type, self->filter_status,
                           self->filter_priority, self->filter_sync };

  for (guint i = 0; i < G_N_ELEMENTS (filter_dimensions); i++)
    {
      const FilterDimension *dimension = &filter_dimensions[i];
      g_autoptr(GMenu) submenu = g_menu_new ();
      g_autofree char *label = NULL;

      for (guint j = 0; dimension->choices[j].value != NULL; j++)
        {
          g_autoptr(GMenuItem) item = NULL;

          item = g_menu_item_new (choice_label (dimension->choices, dimension->choices[j].value), NULL);
          g_menu_item_set_action_and_target (item, dimension->action, "s", dimension->choices[j].value);
          g_menu_append_item (submenu, item);
        }

      /* Translators: an entry of the filter menu: the filter's name and
       * what is chosen, e.g. “Type: Screenings”. */
      label = g_strdup_printf (_("%s: %s"), _(dimension->label),
                               choice_label (dimension->choices, values[i]));
      g_menu_append_submenu (dimensions, label, G_MENU_MODEL (submenu));
    }

  g_menu_append (clear, _("_Clear Filters"), "win.clear-filters");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (dimensions));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (clear));

  gtk_menu_button_set_menu_model (self->filter_button, G_MENU_MODEL (menu));
}

static void
apply_filter (KapWindow *self)
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

  if (filter_is_active (self))
    gtk_widget_add_css_class (GTK_WIDGET (self->filter_button), "kap-filter-active");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->filter_button), "kap-filter-active");

  rebuild_filter_menu (self);
  kap_window_update_state (self);

  /* Arrows move in the list at once, and typing there searches. */
  if (self->records != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

/* Selects the row of @id if it is among the first rows (where a record
 * lands after a change: the list is newest first), without reopening it. */
static void
select_in_list (KapWindow  *self,
                const char *id)
{
  GListModel *model = G_LIST_MODEL (self->records);
  guint n_items = g_list_model_get_n_items (model);
  guint position = GTK_INVALID_LIST_POSITION;

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

/* The person page and the editor show the name as their own heading, so
 * the header bar above them stays quiet, as in GNOME Contacts; only the
 * type says what kind of record is open. */
static void
update_content_title (KapWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->content_stack);

  if (g_strcmp0 (page, "person") == 0)
    adw_window_title_set_title (self->content_title, kap_records_type_label ("person"));
  else if (g_strcmp0 (page, "editor") == 0 && self->shown_type != NULL)
    adw_window_title_set_title (self->content_title, kap_records_type_label (self->shown_type));
  else
    adw_window_title_set_title (self->content_title, NULL);
}

static void
save_editor (KapWindow *self)
{
  g_autoptr(GError) error = NULL;

  /* The editor shows its own error; what matters here is only that a
   * pending change is written before the editor goes away. */
  if (self->editor != NULL &&
      !kap_record_editor_save_now (KAP_RECORD_EDITOR (self->editor), &error))
    g_debug ("A pending change could not be saved: %s", error->message);
}

static void
clear_editor (KapWindow *self)
{
  save_editor (self);
  self->editor = NULL;
  adw_bin_set_child (self->editor_bin, NULL);
}

static void create_record (KapWindow  *self,
                           const char *form_id,
                           const char *person_id);

static void
person_page_open_record_cb (KapWindow     *self,
                            const char    *id,
                            KapPersonPage *page)
{
  kap_window_open_record (self, id, FALSE);
}

static void
person_page_edit_record_cb (KapWindow     *self,
                            const char    *id,
                            KapPersonPage *page)
{
  kap_window_open_record (self, id, TRUE);
}

static void
person_page_new_record_cb (KapWindow     *self,
                           const char    *form_id,
                           KapPersonPage *page)
{
  create_record (self, form_id, kap_person_page_get_person_id (page));
}

static void
ensure_person_page (KapWindow *self)
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

static gboolean
show_record (KapWindow  *self,
             const char *id,
             gboolean    edit)
{
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;

  /* Written before anything else is read, so a screening just edited shows
   * its new state on the person page. */
  save_editor (self);

  document = kap_store_get (self->store, id, NULL, KAP_STORE_GET_NONE, &error);
  if (document == NULL)
    {
      show_toast_for_error (self, _("The record could not be opened"), error);
      return FALSE;
    }

  if (g_strcmp0 (kap_document_get_doc_type (document), "person") == 0 && !edit)
    {
      clear_editor (self);
      ensure_person_page (self);
      kap_person_page_set_person_id (self->person_page, id);
      gtk_stack_set_visible_child_name (self->content_stack, "person");
    }
  else
    {
      KapRecordAuthor author;
      GtkWidget *editor;

      kap_window_get_author (self, &author);
      editor = kap_record_editor_new (self->store, self->forms, document, &author);
      kap_record_editor_set_person_picker (KAP_RECORD_EDITOR (editor), kap_person_chooser_pick);
      clear_editor (self);
      self->editor = editor;
      adw_bin_set_child (self->editor_bin, editor);
      gtk_stack_set_visible_child_name (self->content_stack, "editor");
    }

  g_free (self->shown_id);
  self->shown_id = g_strdup (id);
  g_free (self->shown_type);
  self->shown_type = g_strdup (kap_document_get_doc_type (document));
  update_content_title (self);

  return TRUE;
}

static void
selection_changed_cb (KapWindow *self)
{
  KapRecordSummary *summary;

  if (self->selecting)
    return;

  /* A list that refilters drops the selection for a moment; the page on
   * the end pane stays as it is. */
  summary = gtk_single_selection_get_selected_item (self->selection);
  if (summary == NULL)
    return;

  if (g_strcmp0 (kap_record_summary_get_id (summary), self->shown_id) == 0)
    return;

  show_record (self, kap_record_summary_get_id (summary), FALSE);
}

static void
records_changed_cb (KapWindow *self)
{
  kap_window_update_state (self);

  if (self->shown_id != NULL &&
      gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    select_in_list (self, self->shown_id);
}

static void
show_content_pane (KapWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
list_activate_cb (KapWindow *self,
                  guint      position)
{
  g_autoptr(KapRecordSummary) summary = NULL;

  summary = g_list_model_get_item (G_LIST_MODEL (self->records), position);
  if (summary == NULL)
    return;

  if (g_strcmp0 (kap_record_summary_get_id (summary), self->shown_id) != 0 &&
      !show_record (self, kap_record_summary_get_id (summary), FALSE))
    return;

  select_in_list (self, self->shown_id);
  show_content_pane (self);
  gtk_widget_child_focus (GTK_WIDGET (self->content_stack), GTK_DIR_TAB_FORWARD);
}

static void
search_changed_cb (KapWindow *self)
{
  apply_filter (self);
}

static void
stop_search_cb (KapWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
search_activate_cb (KapWindow *self)
{
  GListModel *model = G_LIST_MODEL (self->records);
  guint n_items = g_list_model_get_n_items (model);

  if (n_items == 0)
    return;

  /* Enter in the search opens the person the name belongs to (the
   * newest one, if several match), where all their records are; the first
   * record when the results hold no person. */
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

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              KapWindow                *self)
{
  gtk_list_item_set_child (item, kap_record_row_new (self->forms));
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             KapWindow                *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)),
                              gtk_list_item_get_item (item));
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               KapWindow                *self)
{
  kap_record_row_set_summary (KAP_RECORD_ROW (gtk_list_item_get_child (item)), NULL);
}

static void
create_record (KapWindow  *self,
               const char *form_id,
               const char *person_id)
{
  g_autoptr(KapDocument) record = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;

  kap_window_get_author (self, &author);
  record = kap_records_create_draft (self->store, self->forms, &author, form_id, person_id, &error);
  if (record == NULL)
    {
      show_toast_for_error (self, _("The record could not be created"), error);
      return;
    }

  kap_window_open_record (self, kap_document_get_id (record), TRUE);
}

static void
new_person_open_cb (KapWindow          *self,
                    const char         *id,
                    KapNewPersonDialog *dialog)
{
  kap_window_open_record (self, id, FALSE);
}

static void
new_person_registered_cb (KapWindow          *self,
                          const char         *id,
                          KapNewPersonDialog *dialog)
{
  /* Straight into the person form, for the rest of the details. */
  kap_window_open_record (self, id, TRUE);
}

static void
register_person_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  KapRecordAuthor author;

  if (self->store == NULL || self->person_index == NULL)
    return;

  if (self->new_person_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->new_person_dialog));
      return;
    }

  kap_window_get_author (self, &author);
  self->new_person_dialog = kap_new_person_dialog_new (GTK_WINDOW (self), self->store,
                                                       self->forms, self->person_index,
                                                       &author);
  g_object_add_weak_pointer (G_OBJECT (self->new_person_dialog),
                             (gpointer *) &self->new_person_dialog);
  g_signal_connect_object (self->new_person_dialog, "open-person",
                           G_CALLBACK (new_person_open_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->new_person_dialog, "person-registered",
                           G_CALLBACK (new_person_registered_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->new_person_dialog));
}

static void
person_chosen_cb (KapWindow        *self,
                  const char       *person_id,
                  KapPersonChooser *chooser)
{
  create_record (self, g_object_get_data (G_OBJECT (chooser), "kap-form-id"), person_id);
}

static void
chooser_register_cb (KapWindow        *self,
                     KapPersonChooser *chooser)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.register-person", NULL);
}

static void
new_record_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  const char *form_id = g_variant_get_string (parameter, NULL);
  g_autofree char *title = NULL;

  if (self->store == NULL)
    return;

  /* The person on screen is the one the new record is about. */
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->content_stack), "person") == 0 &&
      self->person_page != NULL &&
      kap_person_page_get_person_id (self->person_page) != NULL)
    {
      create_record (self, form_id, kap_person_page_get_person_id (self->person_page));
      return;
    }

  if (self->person_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_chooser));

  /* Translators: the title of the dialog that asks whom a new record is
   * about; %s is the record type, e.g. “Screening”. */
  title = g_strdup_printf (_("New %s: Choose Person"), kap_records_type_label (form_id));
  self->person_chooser = kap_person_chooser_new (GTK_WINDOW (self), self->store, self->forms, title);
  g_object_add_weak_pointer (G_OBJECT (self->person_chooser), (gpointer *) &self->person_chooser);
  g_object_set_data_full (G_OBJECT (self->person_chooser), "kap-form-id", g_strdup (form_id), g_free);
  g_signal_connect_object (self->person_chooser, "person-chosen",
                           G_CALLBACK (person_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->person_chooser, "register-person",
                           G_CALLBACK (chooser_register_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self->person_chooser));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "main") != 0)
    return;

  adw_leaflet_set_visible_child_name (self->leaflet, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  g_object_set (self,
                "filter-type", "",
                "filter-status", "",
                "filter-priority", "",
                "filter-sync", "",
                NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  apply_filter (self);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Profiles and the supervisor's pages (the sync issue, points 7-9). */

gboolean
kap_window_can_supervise (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), FALSE);

  return self->profile != NULL && kap_role_can_supervise (self->profile->role);
}

static void
add_mode_page (KapWindow  *self,
               GtkWidget  *page,
               const char *name)
{
  gtk_stack_add_named (self->stack, page, name);
}

static void
set_mode (KapWindow  *self,
          const char *mode)
{
  self->mode = mode;
  kap_window_update_state (self);
}

static void
profile_chosen_cb (KapWindow        *self,
                   const KapProfile *profile,
                   KapProfilesPage  *page)
{
  kap_window_set_profile (self, profile);
  self->mode = NULL;
  kap_window_update_state (self);

  if (self->records != NULL && kap_record_list_get_n_total (self->records) > 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
profiles_cancelled_cb (KapWindow       *self,
                       KapProfilesPage *page)
{
  set_mode (self, NULL);
}

static void
show_profiles (KapWindow *self)
{
  if (self->store == NULL)
    return;

  if (self->profiles_page == NULL)
    {
      self->profiles_page = KAP_PROFILES_PAGE (kap_profiles_page_new (self->store, self->settings));
      g_signal_connect_object (self->profiles_page, "profile-chosen",
                               G_CALLBACK (profile_chosen_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->profiles_page, "cancelled",
                               G_CALLBACK (profiles_cancelled_cb), self, G_CONNECT_SWAPPED);
      add_mode_page (self, GTK_WIDGET (self->profiles_page), "profiles");
    }

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "profiles") != 0)
    kap_profiles_page_reload (self->profiles_page, self->profile != NULL);
  gtk_stack_set_visible_child_name (self->stack, "profiles");
}

static void
page_open_record_cb (KapWindow  *self,
                     const char *id)
{
  set_mode (self, NULL);
  kap_window_open_record (self, id, FALSE);
}

static void
show_toast (KapWindow  *self,
            const char *text)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (text));
}

gboolean
kap_window_mark_reviewed (KapWindow   *self,
                          const char  *id,
                          GError     **error)
{
  g_autoptr(KapDocument) document = NULL;
  g_autofree char *rev = NULL;
  KapRecordAuthor author;

  g_return_val_if_fail (KAP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!kap_window_can_supervise (self))
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PERMISSION_DENIED,
                           _("Only a supervisor can review records"));
      return FALSE;
    }

  /* A change pending in the editor is written first, so that the review
   * goes on top of it rather than conflicting with it. */
  save_editor (self);

  document = kap_store_get (self->store, id, NULL, KAP_STORE_GET_NONE, error);
  if (document == NULL)
    return FALSE;

  kap_window_get_author (self, &author);
  if (!kap_record_review (document, &author))
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                           _("Only a finalized record can be marked reviewed"));
      return FALSE;
    }

  rev = kap_store_put (self->store, document, error);
  if (rev == NULL)
    return FALSE;

  /* The editor on screen holds the revision before the review. */
  if (g_strcmp0 (self->shown_id, id) == 0 && self->editor != NULL)
    show_record (self, id, FALSE);

  return TRUE;
}

static void
review_mark_cb (KapWindow     *self,
                const char    *id,
                KapReviewPage *page)
{
  g_autoptr(GError) error = NULL;

  if (!kap_window_mark_reviewed (self, id, &error))
    show_toast_for_error (self, _("The record could not be marked reviewed"), error);
  else
    show_toast (self, _("Marked reviewed"));
}

static void
mark_reviewed_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!kap_window_mark_reviewed (self, g_variant_get_string (parameter, NULL), &error))
    show_toast_for_error (self, _("The record could not be marked reviewed"), error);
  else
    show_toast (self, _("Marked reviewed"));
}

static void
review_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  /* Refused here too, not only by the disabled action: a shortcut or a
   * stale menu must not open the supervisor's pages to an officer. */
  if (!kap_window_can_supervise (self) || self->store == NULL)
    return;

  save_editor (self);

  if (self->review_page == NULL)
    {
      g_autoptr(GError) error = NULL;
      GtkWidget *page = kap_review_page_new (self->store, self->forms, &error);

      if (page == NULL)
        {
          show_toast_for_error (self, _("The review list could not be opened"), error);
          return;
        }
      self->review_page = KAP_REVIEW_PAGE (page);
      g_signal_connect_object (page, "open-record", G_CALLBACK (page_open_record_cb), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (page, "mark-reviewed", G_CALLBACK (review_mark_cb), self, G_CONNECT_SWAPPED);
      add_mode_page (self, page, "review");
    }

  set_mode (self, "review");
}

static void
sync_finished_cb (KapWindow   *self,
                  KapSyncPage *page)
{
  if (self->pending != NULL && g_list_model_get_n_items (G_LIST_MODEL (self->pending)) == 0)
    gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (!kap_window_can_supervise (self) || self->store == NULL)
    return;

  save_editor (self);
  gtk_revealer_set_reveal_child (self->banner, FALSE);

  if (self->sync_page == NULL)
    {
      self->sync_page = KAP_SYNC_PAGE (kap_sync_page_new (self->store, self->forms, self->settings));
      g_signal_connect_object (self->sync_page, "finished", G_CALLBACK (sync_finished_cb), self, G_CONNECT_SWAPPED);
      add_mode_page (self, GTK_WIDGET (self->sync_page), "sync");
    }

  kap_sync_page_set_station (self->sync_page, self->station);
  if (!kap_sync_page_is_running (self->sync_page))
    kap_sync_page_reset (self->sync_page);
  set_mode (self, "sync");
}

static void
conflicts_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);
  KapRecordAuthor author;

  if (!kap_window_can_supervise (self) || self->store == NULL)
    return;

  save_editor (self);

  if (self->conflicts_page == NULL)
    {
      self->conflicts_page = KAP_CONFLICTS_PAGE (kap_conflicts_page_new (self->store, self->forms));
      g_signal_connect_object (self->conflicts_page, "open-record",
                               G_CALLBACK (page_open_record_cb), self, G_CONNECT_SWAPPED);
      add_mode_page (self, GTK_WIDGET (self->conflicts_page), "conflicts");
    }

  kap_window_get_author (self, &author);
  kap_conflicts_page_reload (self->conflicts_page, &author);
  set_mode (self, "conflicts");
}

static void
show_records_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  /* A running sync goes on in the background; its page shows the result
   * when opened again. */
  set_mode (self, NULL);
}

static void
switch_profile_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  if (self->store == NULL)
    return;

  save_editor (self);
  self->mode = "profiles";
  show_profiles (self);
}

static void
dismiss_banner_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  KapWindow *self = KAP_WINDOW (widget);

  gtk_revealer_set_reveal_child (self->banner, FALSE);
}

static void
update_profile_ui (KapWindow *self)
{
  gboolean supervise = kap_window_can_supervise (self);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autofree char *heading = NULL;
  g_autofree char *tooltip = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", supervise);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.review", supervise);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.conflicts", supervise);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.mark-reviewed", supervise);

  if (!supervise)
    {
      gtk_revealer_set_reveal_child (self->banner, FALSE);
      if (self->mode != NULL && g_strcmp0 (self->mode, "profiles") != 0)
        self->mode = NULL;
    }

  g_menu_append (section, _("_Switch Profile…"), "win.switch-profile");
  if (self->profile != NULL)
    {
      /* Translators: the heading of the profile menu: name, officer code
       * and role, “Milica Jovanović · OFF-017 · Supervisor”. */
      heading = g_strdup_printf (_("%s · %s · %s"), self->profile->display_name, self->profile->code,
                                 self->profile->role == KAP_ROLE_SUPERVISOR ? C_("role", "Supervisor")
                                                                            : C_("role", "Officer"));
      /* Translators: the tooltip of the profile button. */
      tooltip = g_strdup_printf (_("Signed in as %s"), self->profile->display_name);
    }
  g_menu_append_section (menu, heading, G_MENU_MODEL (section));

  for (guint i = 0; i < G_N_ELEMENTS (self->profile_buttons); i++)
    {
      GtkMenuButton *button = self->profile_buttons[i];
      AdwAvatar *avatar;

      if (button == NULL)
        continue;

      avatar = ADW_AVATAR (gtk_menu_button_get_child (button));
      adw_avatar_set_text (avatar, self->profile ? self->profile->display_name : NULL);
      gtk_menu_button_set_menu_model (button, G_MENU_MODEL (menu));
      gtk_widget_set_tooltip_text (GTK_WIDGET (button), tooltip ? tooltip : _("Profile"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      tooltip ? tooltip : _("Profile"), -1);
      gtk_widget_set_visible (GTK_WIDGET (button), self->profile != NULL);
      gtk_widget_set_visible (GTK_WIDGET (self->sync_buttons[i]), supervise);
    }
}

const KapProfile *
kap_window_get_profile (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->profile;
}

void
kap_window_set_profile (KapWindow        *self,
                        const KapProfile *profile)
{
  g_return_if_fail (KAP_IS_WINDOW (self));

  save_editor (self);

  g_clear_pointer (&self->profile, kap_profile_free);
  if (profile != NULL)
    self->profile = kap_profile_copy (profile);

  /* The author of every record from now on. */
  g_free (self->officer);
  self->officer = profile != NULL ? g_strdup (profile->code) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_OFFICER_CODE]);

  /* The open editor writes as its author: reopen it as the new one. */
  if (self->editor != NULL && self->shown_id != NULL)
    show_record (self, self->shown_id, FALSE);

  update_profile_ui (self);
  if (g_strcmp0 (self->mode, "profiles") == 0)
    self->mode = NULL;
  kap_window_update_state (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

void
kap_window_network_changed (KapWindow *self,
                            gboolean   available)
{
  gboolean was_available;
  guint n;
  g_autofree char *text = NULL;

  g_return_if_fail (KAP_IS_WINDOW (self));

  was_available = self->network_available;
  self->network_available = available;

  if (!available)
    {
      gtk_revealer_set_reveal_child (self->banner, FALSE);
      return;
    }

  if (was_available || !kap_window_can_supervise (self) || self->store == NULL)
    return;

  if (self->pending == NULL)
    {
      KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
      g_autoptr(GError) error = NULL;

      self->pending = kap_record_list_new (self->store, &error);
      if (self->pending == NULL)
        {
          g_debug ("The records waiting to be synced could not be counted: %s", error->message);
          return;
        }
      filter.sync_state = KAP_SYNC_STATE_PENDING;
      kap_record_list_set_filter (self->pending, &filter);
    }

  n = g_list_model_get_n_items (G_LIST_MODEL (self->pending));
  if (n == 0)
    return;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u record is waiting to be synced",
                                       "%u records are waiting to be synced", n), n);
  gtk_label_set_text (self->banner_label, text);
  gtk_revealer_set_reveal_child (self->banner, TRUE);
}

static void
network_changed_cb (GNetworkMonitor *monitor,
                    gboolean         available,
                    KapWindow       *self)
{
  kap_window_network_changed (self, available);
}

static GtkWidget *
banner_new (KapWindow *self)
{
  GtkWidget *revealer = gtk_revealer_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *label = gtk_label_new (NULL);
  GtkWidget *button = gtk_button_new_with_mnemonic (_("_Sync Now"));
  GtkWidget *close = gtk_button_new_from_icon_name ("window-close-symbolic");

  gtk_widget_add_css_class (box, "kap-banner");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "win.sync");
  gtk_widget_add_css_class (button, "suggested-action");
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (close), "win.dismiss-banner");
  gtk_widget_add_css_class (close, "flat");
  gtk_widget_set_valign (close, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (close, _("Dismiss"));
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), button);
  gtk_box_append (GTK_BOX (box), close);
  gtk_revealer_set_child (GTK_REVEALER (revealer), box);
  gtk_revealer_set_transition_type (GTK_REVEALER (revealer), GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);

  self->banner_label = GTK_LABEL (label);

  return revealer;
}

/* The profile button (an avatar) and the Sync Now button, on the header
 * bar of the records list and on the one of the empty page. */
static void
add_header_buttons (KapWindow    *self,
                    AdwHeaderBar *header,
                    guint         index)
{
  GtkWidget *profile = gtk_menu_button_new ();
  GtkWidget *sync = gtk_button_new_from_icon_name ("emblem-synchronizing-symbolic");

  gtk_menu_button_set_child (GTK_MENU_BUTTON (profile), adw_avatar_new (24, NULL, TRUE));
  gtk_widget_add_css_class (profile, "flat");
  gtk_widget_add_css_class (profile, "image-button");
  gtk_widget_set_visible (profile, FALSE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (sync), "win.sync");
  gtk_widget_set_tooltip_text (sync, _("Sync Now"));
  gtk_widget_set_visible (sync, FALSE);

  adw_header_bar_pack_end (header, profile);
  adw_header_bar_pack_end (header, sync);
  self->profile_buttons[index] = GTK_MENU_BUTTON (profile);
  self->sync_buttons[index] = GTK_BUTTON (sync);
}

static void
setup_sync_ui (KapWindow *self)
{
  GtkWidget *empty_header;
  GNetworkMonitor *monitor = g_network_monitor_get_default ();

  /* The banner sits under the header bar of the records list, where
   * libadwaita's own banner would be. */
  self->banner = GTK_REVEALER (banner_new (self));
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->header_bar))),
                              GTK_WIDGET (self->banner), GTK_WIDGET (self->header_bar));

  add_header_buttons (self, self->header_bar, 0);
  empty_header = gtk_widget_get_ancestor (GTK_WIDGET (self->empty_menu_button), ADW_TYPE_HEADER_BAR);
  if (empty_header != NULL)
    add_header_buttons (self, ADW_HEADER_BAR (empty_header), 1);

  if (self->settings != NULL)
    g_settings_bind (self->settings, "station-code", self, "station-code", G_SETTINGS_BIND_GET);

  self->network_available = g_network_monitor_get_network_available (monitor);
  g_signal_connect_object (monitor, "network-changed", G_CALLBACK (network_changed_cb), self, 0);

  update_profile_ui (self);
}

static gboolean
kap_window_close_request (GtkWindow *window)
{
  KapWindow *self = KAP_WINDOW (window);

  save_editor (self);

  return GTK_WINDOW_CLASS (kap_window_parent_class)->close_request (window);
}

static void
kap_window_constructed (GObject *object)
{
  KapWindow *self = (KapWindow *)object;
  g_autoptr(GtkListItemFactory) factory = NULL;

  G_OBJECT_CLASS (kap_window_parent_class)->constructed (object);

  if (self->forms == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->forms = kap_form_registry_new ();
      if (!kap_form_registry_load_builtin (self->forms, &error))
        g_warning ("The shipped forms did not load: %s", error->message);
    }

  if (self->store != NULL && self->error == NULL)
    {
      g_autoptr(GError) error = NULL;

      if (self->records == NULL)
        self->records = kap_record_list_new (self->store, &error);
      if (self->records != NULL && self->person_index == NULL)
        {
          self->person_index = kap_person_index_load (self->store, &error);
          if (self->person_index != NULL)
            kap_records_follow_persons (self->person_index, self->store);
        }

      if (error != NULL)
        self->error = g_steal_pointer (&error);
    }

  if (self->records != NULL)
    {
      self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->records)));
      gtk_single_selection_set_autoselect (self->selection, FALSE);
      gtk_single_selection_set_can_unselect (self->selection, TRUE);
      gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
      g_signal_connect_object (self->selection, "notify::selected-item",
                               G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
      /* After the selection model's own handler, so that it has dropped
       * or kept the selection by the time this one looks. */
      g_signal_connect_object (self->records, "items-changed",
                               G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);

      factory = gtk_signal_list_item_factory_new ();
      g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
      g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), self);
      g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), self);
      gtk_list_view_set_factory (self->list_view, factory);
      gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

      /* Typing in the list searches. */
      gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->list_view));
    }

  setup_sync_ui (self);
  rebuild_filter_menu (self);
  kap_window_update_state (self);

  /* Arrows move in the list at once, and typing there searches. */
  if (self->records != NULL && self->profile != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
  else if (self->records != NULL && !self->ask_profile)
    gtk_widget_grab_focus (GTK_WIDGET (self->list_view));
}

static void
kap_window_dispose (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  if (self->new_person_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->new_person_dialog));
  if (self->person_chooser != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_chooser));

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);

  self->editor = NULL;
  self->person_page = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_WINDOW);

  self->profiles_page = NULL;
  self->review_page = NULL;
  self->sync_page = NULL;
  self->conflicts_page = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->pending);
  g_clear_object (&self->settings);
  g_clear_object (&self->records);
  g_clear_object (&self->person_index);
  g_clear_object (&self->forms);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_window_parent_class)->dispose (object);
}

static void
kap_window_finalize (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  g_clear_error (&self->error);
  g_clear_pointer (&self->profile, kap_profile_free);
  g_free (self->officer);
  g_free (self->station);
  g_free (self->filter_type);
  g_free (self->filter_status);
  g_free (self->filter_priority);
  g_free (self->filter_sync);
  g_free (self->shown_id);
  g_free (self->shown_type);

  G_OBJECT_CLASS (kap_window_parent_class)->finalize (object);
}

static char **
filter_field (KapWindow *self,
              guint      prop_id)
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
kap_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  KapWindow *self = KAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ERROR:
      g_value_set_boxed (value, self->error);
      break;

    case PROP_FORMS:
      g_value_set_object (value, self->forms);
      break;

    case PROP_PERSON_INDEX:
      g_value_set_object (value, self->person_index);
      break;

    case PROP_RECORDS:
      g_value_set_object (value, self->records);
      break;

    case PROP_OFFICER_CODE:
      g_value_set_string (value, self->officer);
      break;

    case PROP_STATION_CODE:
      g_value_set_string (value, self->station);
      break;

    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_ASK_PROFILE:
      g_value_set_boolean (value, self->ask_profile);
      break;

    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
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
kap_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  KapWindow *self = KAP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_ERROR:
      self->error = g_value_dup_boxed (value);
      break;

    case PROP_FORMS:
      self->forms = g_value_dup_object (value);
      break;

    case PROP_PERSON_INDEX:
      self->person_index = g_value_dup_object (value);
      break;

    case PROP_RECORDS:
      self->records = g_value_dup_object (value);
      break;

    case PROP_OFFICER_CODE:
      if (g_strcmp0 (self->officer, g_value_get_string (value)) != 0)
        {
          g_free (self->officer);
          self->officer = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_STATION_CODE:
      if (g_strcmp0 (self->station, g_value_get_string (value)) != 0)
        {
          g_free (self->station);
          self->station = g_value_dup_string (value);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_ASK_PROFILE:
      self->ask_profile = g_value_get_boolean (value);
      break;

    case PROP_PROFILE:
      kap_window_set_profile (self, g_value_get_boxed (value));
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
kap_window_class_init (KapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = kap_window_constructed;
  object_class->dispose = kap_window_dispose;
  object_class->finalize = kap_window_finalize;
  object_class->get_property = kap_window_get_property;
  object_class->set_property = kap_window_set_property;

  window_class->close_request = kap_window_close_request;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KAP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_FORMS] =
    g_param_spec_object ("forms", NULL, NULL,
                         KAP_TYPE_FORM_REGISTRY,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PERSON_INDEX] =
    g_param_spec_object ("person-index", NULL, NULL,
                         KAP_TYPE_PERSON_INDEX,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_RECORDS] =
    g_param_spec_object ("records", NULL, NULL,
                         KAP_TYPE_RECORD_LIST,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_OFFICER_CODE] =
    g_param_spec_string ("officer-code", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties [PROP_STATION_CODE] =
    g_param_spec_string ("station-code", NULL, NULL, NULL,
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

  properties [PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ASK_PROFILE] =
    g_param_spec_boolean ("ask-profile", NULL, NULL, FALSE,
                          (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_PROFILE] =
    g_param_spec_boxed ("profile", NULL, NULL,
                        KAP_TYPE_PROFILE,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/kap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KapWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, list_title);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, new_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, filter_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, list_view);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, content_header_bar);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, none_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, person_bin);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, editor_bin);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_register_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, error_menu_button);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, list_activate_cb);

  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.register-person", NULL, register_person_action);
  gtk_widget_class_install_action (widget_class, "win.new-record", "s", new_record_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_install_action (widget_class, "win.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "win.switch-profile", NULL, switch_profile_action);
  gtk_widget_class_install_action (widget_class, "win.show-records", NULL, show_records_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.review", NULL, review_action);
  gtk_widget_class_install_action (widget_class, "win.conflicts", NULL, conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.mark-reviewed", "s", mark_reviewed_action);
  gtk_widget_class_install_action (widget_class, "win.dismiss-banner", NULL, dismiss_banner_action);
  gtk_widget_class_install_property_action (widget_class, "filter.type", "filter-type");
  gtk_widget_class_install_property_action (widget_class, "filter.status", "filter-status");
  gtk_widget_class_install_property_action (widget_class, "filter.priority", "filter-priority");
  gtk_widget_class_install_property_action (widget_class, "filter.sync", "filter-sync");

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.register-person", NULL);
  /* Escape leaves the supervisor's pages (a popover or the search entry
   * takes it first when they have the focus). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.show-records", NULL);
}

static void
kap_window_init (KapWindow *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

KapWindow *
kap_window_new (GtkApplication *application,
                KapStore       *store,
                const GError   *error)
{
  g_return_val_if_fail (!application || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (!store || KAP_IS_STORE (store), NULL);

  return g_object_new (KAP_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "error", error,
                       NULL);
}

KapStore *
kap_window_get_store (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->store;
}

const GError *
kap_window_get_error (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return self->error;
}

void
kap_window_get_author (KapWindow       *self,
                       KapRecordAuthor *author)
{
  g_return_if_fail (KAP_IS_WINDOW (self));
  g_return_if_fail (author != NULL);

  /* The officer is the signed-in profile's code. A window made without
   * asking for a profile (the widget tests) writes the placeholder
   * "officer": created_by must never be empty, and never a name. */
  author->officer = self->officer != NULL && self->officer[0] != '\0' ? self->officer : "officer";
  author->station = self->station != NULL && self->station[0] != '\0' ? self->station : NULL;
  author->device = self->store != NULL ? kap_store_get_device_id (self->store) : NULL;
}

void
kap_window_open_record (KapWindow  *self,
                        const char *id,
                        gboolean    edit)
{
  g_return_if_fail (KAP_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (!show_record (self, id, edit))
    return;

  kap_window_update_state (self);
  select_in_list (self, id);
  show_content_pane (self);
}
