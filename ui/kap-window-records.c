/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-record-editor.h"
#include "kap-window-private.h"

/* The records page and the record pane of the window: which record is
 * shown (selected in the list, opened from a page, created), what follows
 * the editor's finalize and discard, and the supervisor's review of the
 * record shown. */

static void follow_editor (KapWindow *self);

void
kap_window_save_editor (KapWindow *self)
{
  kap_record_pane_save (self->record_pane);
}

gboolean
kap_window_show_record (KapWindow  *self,
                        const char *id,
                        gboolean    edit)
{
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;
  gboolean shown;

  kap_window_get_author (self, &author);
  shown = kap_record_pane_show (self->record_pane, id, edit, &author, &error);
  if (!shown)
    kap_window_show_toast_for_error (self, _("The record could not be opened"), error);
  else
    follow_editor (self);

  return shown;
}

static void
show_content_pane (KapWindow *self)
{
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

static void
record_selected_cb (KapWindow      *self,
                    const char     *id,
                    KapRecordsPage *page)
{
  if (g_strcmp0 (id, kap_record_pane_get_shown_id (self->record_pane)) == 0)
    return;

  kap_window_show_record (self, id, FALSE);
}

static void
record_activated_cb (KapWindow      *self,
                     const char     *id,
                     KapRecordsPage *page)
{
  if (g_strcmp0 (id, kap_record_pane_get_shown_id (self->record_pane)) != 0 &&
      !kap_window_show_record (self, id, FALSE))
    return;

  kap_records_page_select (self->records_page, kap_record_pane_get_shown_id (self->record_pane));
  show_content_pane (self);
  kap_record_pane_focus (self->record_pane);
}

static void
records_changed_cb (KapWindow *self)
{
  kap_window_update_state (self);

  const char *shown_id = kap_record_pane_get_shown_id (self->record_pane);

  if (shown_id != NULL &&
      kap_records_page_get_selected (self->records_page) == GTK_INVALID_LIST_POSITION)
    kap_records_page_select (self->records_page, shown_id);
}

static void
pane_open_record_cb (KapWindow     *self,
                     const char    *id,
                     gboolean       edit,
                     KapRecordPane *pane)
{
  kap_window_open_record (self, id, edit);
}

static void
pane_new_record_cb (KapWindow     *self,
                    const char    *form_id,
                    const char    *person_id,
                    KapRecordPane *pane)
{
  kap_window_create_record (self, form_id, person_id);
}

/* A new record's form opens in the language set for the person's texts
 * ("consent-language"), if the form has it; the editor's Form Language
 * menu changes it from there. */
static void
open_in_consent_language (KapWindow *self)
{
  GSettings *settings = kap_context_get_settings (self->context);
  GtkWidget *editor = kap_record_pane_get_editor (self->record_pane);
  KapFormView *view = KAP_IS_RECORD_EDITOR (editor) ? kap_record_editor_get_view (KAP_RECORD_EDITOR (editor)) : NULL;
  g_autofree char *language = settings ? g_settings_get_string (settings, "consent-language") : NULL;
  g_auto(GStrv) languages = NULL;

  if (view == NULL || language == NULL || language[0] == '\0')
    return;

  languages = kap_form_get_languages (kap_form_view_get_form (view));
  if (g_strv_contains ((const char * const *) languages, language))
    kap_form_view_set_language (view, language);
}

void
kap_window_create_record (KapWindow  *self,
                          const char *form_id,
                          const char *person_id)
{
  g_autoptr(KapDocument) record = NULL;
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;

  /* A referral comes from one of the person's screenings. */
  if (g_strcmp0 (form_id, "referral") == 0 && person_id != NULL)
    {
      kap_window_start_referral (self, person_id);
      return;
    }

  kap_window_get_author (self, &author);
  record = kap_records_create_draft (kap_context_get_store (self->context), kap_context_get_forms (self->context),
                                     &author, form_id, person_id, &error);
  if (record == NULL)
    {
      kap_window_show_toast_for_error (self, _("The record could not be created"), error);
      return;
    }

  kap_window_open_record (self, kap_document_get_id (record), TRUE);
  open_in_consent_language (self);
}

/* A discarded draft, kept until its toast goes so that Undo can bring it
 * back. */
typedef struct
{
  KapWindow   *window;     /* weak */
  KapDocument *draft;
  char        *tombstone;
} Discarded;

static void
discarded_free (gpointer data)
{
  Discarded *discarded = data;

  g_clear_weak_pointer (&discarded->window);
  g_clear_object (&discarded->draft);
  g_free (discarded->tombstone);
  g_free (discarded);
}

static void
undo_discard_cb (AdwToast  *toast,
                 Discarded *discarded)
{
  KapWindow *self = discarded->window;
  g_autoptr(GError) error = NULL;

  if (self == NULL)
    return;

  if (!kap_records_restore_draft (kap_context_get_store (self->context), discarded->draft,
                                  discarded->tombstone, &error))
    {
      kap_window_show_toast_for_error (self, _("The draft could not be restored"), error);
      return;
    }

  kap_window_open_record (self, kap_document_get_id (discarded->draft), TRUE);
}

static void
editor_discard_cb (KapRecordEditor *editor,
                   KapWindow       *self)
{
  g_autoptr(KapDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *tombstone = NULL;
  g_autofree char *title = NULL;
  KapRecordAuthor author;
  const char *person_id;
  Discarded *discarded;
  AdwToast *toast;

  /* A copy: the editor and its record go with the pane's next record. */
  draft = kap_document_new (kap_document_get_id (kap_record_editor_get_record (editor)),
                            kap_document_get_body (kap_record_editor_get_record (editor)));
  kap_document_set_rev (draft, kap_document_get_rev (kap_record_editor_get_record (editor)));
  title = g_strdup (kap_record_editor_get_title (editor));

  kap_window_get_author (self, &author);
  tombstone = kap_records_discard (kap_context_get_store (self->context), kap_context_get_profile (self->context),
                                   &author, kap_document_get_id (draft), kap_document_get_rev (draft), &error);
  if (tombstone == NULL)
    {
      kap_window_show_toast_for_error (self, _("The draft could not be discarded"), error);
      return;
    }

  /* Back to the person the draft was about, or to nothing. */
  person_id = kap_record_get_person_id (draft);
  if (person_id != NULL && kap_window_show_record (self, person_id, FALSE))
    kap_records_page_select (self->records_page, person_id);
  else
    kap_record_pane_clear (self->record_pane);
  kap_window_update_state (self);

  discarded = g_new0 (Discarded, 1);
  g_set_weak_pointer (&discarded->window, self);
  discarded->draft = g_steal_pointer (&draft);
  discarded->tombstone = g_steal_pointer (&tombstone);

  /* Translators: a toast after a draft was thrown away; %s is its title,
   * e.g. “Vulnerability screening · Ardit Krasniqi”. */
  toast = adw_toast_new_format (_("Draft “%s” discarded"), title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  g_signal_connect_data (toast, "button-clicked", G_CALLBACK (undo_discard_cb), discarded,
                         (GClosureNotify) (void (*) (void)) discarded_free, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* A name the person record holds, or NULL. */
static const char *
name_member (JsonObject *body,
             const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    return NULL;

  return json_node_get_string (node);
}

/* A person just registered: the officer goes on from the person's page
 * (a screening, a referral), not from a read-only form. */
static void
editor_finalized_cb (KapRecordEditor *editor,
                     KapWindow       *self)
{
  KapDocument *record = kap_record_editor_get_record (editor);
  g_autofree char *id = NULL;
  g_autofree char *name = NULL;
  JsonObject *body;

  if (g_strcmp0 (kap_document_get_doc_type (record), "person") != 0)
    return;

  /* Copied: showing the person's page disposes of the editor. */
  id = g_strdup (kap_document_get_id (record));
  body = kap_document_get_body (record);
  name = g_strdup (name_member (body, "name_original") ? name_member (body, "name_original")
                                                       : name_member (body, "name_stated"));

  if (!kap_window_show_record (self, id, FALSE))
    return;
  kap_records_page_select (self->records_page, id);

  if (name != NULL)
    {
      g_autofree char *text = NULL;

      /* Translators: a toast after a person record was finalized; %s is
       * the person's name. */
      text = g_strdup_printf (_("%s registered"), name);
      kap_window_show_toast (self, text);
    }
  else
    kap_window_show_toast (self, _("Person registered"));
}

/* Each record shown gets a new editor. */
static void
follow_editor (KapWindow *self)
{
  GtkWidget *editor = kap_record_pane_get_editor (self->record_pane);

  if (editor == NULL || g_object_get_data (G_OBJECT (editor), "kap-window-follows") != NULL)
    return;

  g_object_set_data (G_OBJECT (editor), "kap-window-follows", GINT_TO_POINTER (TRUE));
  g_signal_connect_object (editor, "finalized", G_CALLBACK (editor_finalized_cb), self, 0);
  g_signal_connect_object (editor, "discard-requested", G_CALLBACK (editor_discard_cb), self, 0);
}

void
kap_window_setup_records (KapWindow *self)
{
  KapStore *store = kap_context_get_store (self->context);
  KapFormRegistry *forms = kap_context_get_forms (self->context);

  if (store != NULL)
    kap_record_pane_set_store (self->record_pane, store, forms);

  if (self->records != NULL)
    {
      kap_records_page_set_records (self->records_page, self->records, forms);
      /* After the page's selection model, so that it has dropped or kept
       * the selection by the time this one looks. */
      g_signal_connect_object (self->records, "items-changed",
                               G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);
    }
}

void
kap_window_class_bind_records (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, record_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, record_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_open_record_cb);
  gtk_widget_class_bind_template_callback (widget_class, pane_new_record_cb);
}

gboolean
kap_window_mark_reviewed (KapWindow   *self,
                          const char  *id,
                          GError     **error)
{
  KapRecordAuthor author;

  g_return_val_if_fail (KAP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!kap_context_check (self->context, KAP_RECORDS_ACTION_REVIEW, error))
    return FALSE;

  /* A change pending in the editor is written first, so that the review
   * goes on top of it rather than conflicting with it. */
  kap_window_save_editor (self);

  kap_window_get_author (self, &author);
  if (!kap_records_review (kap_context_get_store (self->context), kap_context_get_profile (self->context),
                           &author, id, error))
    return FALSE;

  /* The editor on screen holds the revision before the review. */
  if (g_strcmp0 (kap_record_pane_get_shown_id (self->record_pane), id) == 0 &&
      kap_record_pane_get_editor (self->record_pane) != NULL)
    kap_window_show_record (self, id, FALSE);

  return TRUE;
}

void
kap_window_open_record (KapWindow  *self,
                        const char *id,
                        gboolean    edit)
{
  g_return_if_fail (KAP_IS_WINDOW (self));
  g_return_if_fail (id != NULL);

  if (!kap_window_show_record (self, id, edit))
    return;

  kap_window_update_state (self);
  kap_records_page_select (self->records_page, id);
  show_content_pane (self);
}

GtkWidget *
kap_window_get_records_page (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->records_page);
}

GtkWidget *
kap_window_get_record_pane (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->record_pane);
}

GtkWidget *
kap_window_get_sync_banner (KapWindow *self)
{
  g_return_val_if_fail (KAP_IS_WINDOW (self), NULL);

  return GTK_WIDGET (self->banner);
}
