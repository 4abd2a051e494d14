/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-sync-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-json.h"
#include "kap-sync-error.h"
#include "kap-sync-page.h"
#include "kap-sync-values.h"

/* The sync page: form → progress → summary. The server address and the
 * user name are remembered in GSettings; the password is read from its
 * entry when the run starts, the entry is cleared at once, and from then
 * on only the session holds it, in memory, until the run ends. */

/* A request shorter than this is no wait worth telling. */
#define WAIT_SHOWN_AFTER_SECONDS 2

struct _KapSyncPage
{
  AdwBin           parent_instance;

  GtkStack        *stack;              /* "form", "progress", "summary" */
  AdwEntryRow     *url_row;
  AdwEntryRow     *user_row;
  AdwPasswordEntryRow *password_row;
  GtkLabel        *form_error;
  GtkProgressBar  *progress_bar;
  GtkLabel        *progress_label;
  GtkLabel        *wait_label;         /* what a long wait is for, and how long */
  GtkButton       *cancel_button;
  AdwStatusPage   *summary_page;
  GtkLabel        *pushed_count;       /* the summary's numbers */
  GtkLabel        *pulled_count;
  GtkLabel        *merged_count;
  GtkLabel        *conflicts_count;
  GtkLabel        *rejected_count;
  GtkLabel        *errors_count;
  GtkLabel        *not_taken_count;
  AdwPreferencesGroup *problems_group;  /* what is still to resolve, with the reasons */
  GPtrArray       *problem_rows;       /* GtkWidget, in problems_group */
  GtkButton       *conflicts_button;

  GSettings       *settings;
  KapContext      *context;      /* the store, forms, profile and station of a run */
  KapSyncSession  *session;            /* while a run goes on */
  GCancellable    *cancellable;
  KapSyncSummary  *summary;            /* of the last run, or NULL */
  GError          *error;              /* of the last run, or NULL */
  guint64          done;
  guint64          total;
  guint            wait_source;        /* ticks wait_label while a run goes on */
};

G_DEFINE_FINAL_TYPE (KapSyncPage, kap_sync_page, ADW_TYPE_BIN)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

char *
kap_sync_error_text (const GError *error)
{
  const char *advice = NULL;

  if (error->domain == KAP_SYNC_ERROR)
    {
      switch ((KapSyncError) error->code)
        {
        case KAP_SYNC_ERROR_UNREACHABLE:
          advice = _("Check that the laptop is online and that the server address is right, then try again.");
          break;
        case KAP_SYNC_ERROR_AUTH:
          advice = _("Check the user name and the password, then try again.");
          break;
        case KAP_SYNC_ERROR_FORBIDDEN:
        case KAP_SYNC_ERROR_NO_DATABASE:
          advice = _("Ask the server administrator to give this account access to the station’s records.");
          break;
        case KAP_SYNC_ERROR_SERVER:
        case KAP_SYNC_ERROR_MALFORMED:
          advice = _("The server has a problem. Try again later; if it persists, tell the server administrator.");
          break;
        case KAP_SYNC_ERROR_TOO_LARGE:
          advice = _("A record is larger than the server accepts. Tell the server administrator.");
          break;
        /* Their messages say what to do already. A lockout in particular
         * must not read as a wrong password. */
        case KAP_SYNC_ERROR_REPLY_TOO_LARGE:
        case KAP_SYNC_ERROR_HEADERS_TOO_LARGE:
        case KAP_SYNC_ERROR_STALLED:
        case KAP_SYNC_ERROR_DEADLINE:
        case KAP_SYNC_ERROR_REDIRECT:
        case KAP_SYNC_ERROR_LOCKED_OUT:
        case KAP_SYNC_ERROR_CANCELLED:
        default:
          break;
        }
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_CANCELLED))
    return g_strdup (_("The sync was cancelled. What was sent or received before stays; "
                       "the next sync goes on from there."));

  if (advice == NULL)
    return g_strdup (error->message);

  /* Translators: an error message (a sentence or two), then what to do
   * about it. */
  return g_strdup_printf (_("%s %s"), error->message, advice);
}

static void
set_count (GtkLabel *label,
           guint     count)
{
  g_autofree char *text = g_strdup_printf ("%u", count);

  gtk_label_set_text (label, text);
}

static void
show_form_error (KapSyncPage *self,
                 const char  *message)
{
  gtk_label_set_text (self->form_error, message);
  gtk_widget_set_visible (GTK_WIDGET (self->form_error), message != NULL && message[0] != '\0');
}

static void
update_progress (KapSyncPage *self)
{
  g_autofree char *text = NULL;
  double fraction = 0.0;

  if (self->total > 0)
    fraction = CLAMP ((double) self->done / (double) self->total, 0.0, 1.0);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);

  if (self->total == 0)
    text = g_strdup (_("Counting the records to sync…"));
  else
    /* Translators: on the sync progress bar, “12 of 340 records”. */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u record", "%u of %u records",
                                         (gulong) MIN (self->total, G_MAXUINT)),
                            (guint) MIN (self->done, G_MAXUINT), (guint) MIN (self->total, G_MAXUINT));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static const char *
wait_text (KapCouchRequestKind kind)
{
  switch (kind)
    {
    case KAP_COUCH_REQUEST_SIGN_IN:
      return _("Waiting for the server to sign you in…");
    case KAP_COUCH_REQUEST_DATABASE:
      return _("Waiting for the server to open the station’s records…");
    case KAP_COUCH_REQUEST_CHANGES:
      return _("Waiting for the server to send changes…");
    case KAP_COUCH_REQUEST_REVS_DIFF:
      return _("Waiting for the server to compare records…");
    case KAP_COUCH_REQUEST_BULK_DOCS:
      return _("Waiting for the server to store the records sent…");
    case KAP_COUCH_REQUEST_FETCH:
      return _("Waiting for the server to send records…");
    case KAP_COUCH_REQUEST_CHECKPOINT:
      return _("Waiting for the server to note how far the sync got…");
    case KAP_COUCH_REQUEST_OTHER:
    default:
      return _("Waiting for the server…");
    }
}

/* What the run waits for, once a request takes long: a supervisor
 * facing a slow server sees that it is the server, and what it is at. */
static void
update_wait (KapSyncPage *self)
{
  g_autofree char *text = NULL;
  KapCouchRequestKind kind = KAP_COUCH_REQUEST_OTHER;
  gint64 since = 0;
  gint64 seconds;

  if (self->session == NULL || !kap_sync_session_get_waiting (self->session, &kind, &since))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->wait_label), FALSE);
      return;
    }

  seconds = (g_get_monotonic_time () - since) / G_USEC_PER_SEC;
  if (seconds < WAIT_SHOWN_AFTER_SECONDS)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->wait_label), FALSE);
      return;
    }

  /* Translators: what the sync waits for, then for how many seconds:
   * “Waiting for the server to send changes… (12 s)”. */
  text = g_strdup_printf (_("%s (%u s)"), wait_text (kind), (guint) MIN (seconds, G_MAXUINT));
  gtk_label_set_text (self->wait_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->wait_label), TRUE);
}

static gboolean
wait_tick_cb (gpointer user_data)
{
  update_wait (user_data);
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  KapSyncPage *page;
  KapSyncSession *session;
  guint64 done;
  guint64 total;
} ProgressUpdate;

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  g_object_unref (update->page);
  g_object_unref (update->session);
  g_free (update);
}

static gboolean
apply_progress (gpointer data)
{
  ProgressUpdate *update = data;
  KapSyncPage *self = update->page;

  /* A late report of a run that is over changes nothing. */
  if (self->session == update->session)
    {
      self->done = update->done;
      self->total = update->total;
      update_progress (self);
    }

  return G_SOURCE_REMOVE;
}

/* "progress" may come from the session's worker thread: the widgets are
 * touched only in the main thread. */
static void
progress_cb (KapSyncSession *session,
             guint64         done,
             guint64         total,
             KapSyncPage    *self)
{
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->page = g_object_ref (self);
  update->session = g_object_ref (session);
  update->done = done;
  update->total = total;
  g_main_context_invoke_full (NULL, G_PRIORITY_DEFAULT, apply_progress, update, progress_update_free);
}

/* Every outstanding refusal and revision not taken, with its reason: the
 * supervisor sees them after every run until they are resolved. */
static void
show_problems (KapSyncPage *self,
               GPtrArray   *problems)
{
  for (guint i = 0; i < self->problem_rows->len; i++)
    adw_preferences_group_remove (self->problems_group, g_ptr_array_index (self->problem_rows, i));
  g_ptr_array_set_size (self->problem_rows, 0);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    {
      KapSyncProblem *problem = g_ptr_array_index (problems, i);
      g_autofree char *title = kap_json_string_for_display (problem->id);
      g_autofree char *reason = kap_json_string_for_display (problem->reason);
      g_autoptr(GDateTime) since = problem->first_seen > 0
                                   ? g_date_time_new_from_unix_local (problem->first_seen) : NULL;
      g_autofree char *since_text = since != NULL ? g_date_time_format (since, "%x %X") : NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row = adw_action_row_new ();

      if (problem->kind == KAP_SYNC_PROBLEM_REJECTED)
        /* Translators: the server's reason for refusing a record, then what to do. */
        subtitle = g_strdup_printf (_("Refused by the server: “%s”\n%s"), reason,
                                    kap_sync_rejection_advice (reason));
      else
        /* Translators: why a record from the server could not be stored on this laptop. */
        subtitle = g_strdup_printf (_("Not taken from the server: %s\nAsked for again at every sync; "
                                      "if it stays, tell the server administrator."), reason);
      if (since_text != NULL)
        {
          /* Translators: %s is a date and time. */
          g_autofree char *with_time = g_strdup_printf (_("%s\nSince %s"), subtitle, since_text);

          g_free (subtitle);
          subtitle = g_steal_pointer (&with_time);
        }

      /* The server's words are no markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row),
                                 gtk_image_new_from_icon_name (problem->kind == KAP_SYNC_PROBLEM_REJECTED
                                                               ? "action-unavailable-symbolic"
                                                               : "dialog-error-symbolic"));
      adw_preferences_group_add (self->problems_group, row);
      g_ptr_array_add (self->problem_rows, row);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->problems_group), self->problem_rows->len > 0);
}

static void add_step (GString    *steps,
                      const char *format,
                      ...) G_GNUC_PRINTF (2, 3);

/* One line of what to do. */
static void
add_step (GString    *steps,
          const char *format,
          ...)
{
  va_list args;

  if (steps->len > 0)
    g_string_append_c (steps, '\n');
  va_start (args, format);
  g_string_append_vprintf (steps, format, args);
  va_end (args);
}

static void
show_summary (KapSyncPage *self)
{
  const KapSyncSummary *summary = self->summary;
  g_autoptr(GString) steps = g_string_new (NULL);
  gboolean problems;

  set_count (self->pushed_count, summary->replication.pushed);
  set_count (self->pulled_count, summary->replication.pulled);
  set_count (self->merged_count, summary->merged);
  set_count (self->conflicts_count, summary->conflicts);
  set_count (self->rejected_count, summary->replication.rejected);
  set_count (self->errors_count, summary->replication.errors);
  set_count (self->not_taken_count, summary->replication.not_taken);
  show_problems (self, summary->replication.problems);

  problems = summary->conflicts > 0 || summary->replication.rejected > 0 || summary->replication.errors > 0 ||
             summary->replication.not_taken > 0;

  if (summary->conflicts > 0)
    add_step (steps, g_dngettext (GETTEXT_PACKAGE,
                                  "%u record was changed both here and on the server in the same answers: choose what to keep in Conflicts.",
                                  "%u records were changed both here and on the server in the same answers: choose what to keep in Conflicts.",
                                  summary->conflicts),
              summary->conflicts);
  if (summary->replication.rejected > 0)
    add_step (steps, g_dngettext (GETTEXT_PACKAGE,
                                  "The server refused %u record; Conflicts lists it with the reason.",
                                  "The server refused %u records; Conflicts lists them with the reasons.",
                                  summary->replication.rejected),
              summary->replication.rejected);
  if (summary->replication.errors > 0)
    add_step (steps, "%s", _("Some records could not be sent this time. They stay on this laptop; sync again later."));
  if (summary->replication.not_taken > 0)
    add_step (steps, g_dngettext (GETTEXT_PACKAGE,
                                  "%u record from the server could not be stored on this laptop; it is listed below with the reason.",
                                  "%u records from the server could not be stored on this laptop; they are listed below with the reasons.",
                                  summary->replication.not_taken),
              summary->replication.not_taken);
  if (!problems)
    g_string_append (steps, _("This laptop and the server have the same records now."));

  adw_status_page_set_title (self->summary_page, problems ? _("Sync Finished with Items to Check") : _("Sync Complete"));
  adw_status_page_set_icon_name (self->summary_page, problems ? "dialog-warning-symbolic" : "emblem-ok-symbolic");
  adw_status_page_set_description (self->summary_page, steps->str);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button),
                          summary->conflicts > 0 || summary->replication.rejected > 0);

  gtk_stack_set_visible_child_name (self->stack, "summary");
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KapSyncPage) self = user_data;
  g_autoptr(GError) error = NULL;
  KapSyncSummary *summary;

  summary = kap_sync_session_run_finish (KAP_SYNC_SESSION (source), result, &error);

  /* The session holds the password: it goes with the run. */
  g_clear_object (&self->session);
  g_clear_handle_id (&self->wait_source, g_source_remove);
  update_wait (self);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->summary, kap_sync_summary_free);
  g_clear_error (&self->error);

  if (summary == NULL)
    {
      g_autofree char *text = kap_sync_error_text (error);

      g_debug ("The sync failed: %s", error->message);
      self->error = g_steal_pointer (&error);
      gtk_stack_set_visible_child_name (self->stack, "form");
      show_form_error (self, text);
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
    }
  else
    {
      self->summary = summary;
      show_summary (self);
    }

  g_signal_emit (self, signals [FINISHED], 0);
}

gboolean
kap_sync_page_start (KapSyncPage *self)
{
  g_autofree char *url = NULL;
  g_autofree char *user = NULL;
  g_autofree char *password = NULL;
  const char *station;

  g_return_val_if_fail (KAP_IS_SYNC_PAGE (self), FALSE);

  if (self->session != NULL)
    return FALSE;

  url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->url_row))));
  user = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->user_row))));
  password = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->password_row)));

  station = kap_context_get_station (self->context);
  if (station == NULL || station[0] == '\0')
    {
      show_form_error (self, _("This laptop has no station code. Create a profile on a first run, "
                               "or ask your supervisor to set it."));
      return FALSE;
    }
  if (!g_str_has_prefix (url, "https://") && !g_str_has_prefix (url, "http://"))
    {
      show_form_error (self, _("Enter the server address, starting with “https://”."));
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return FALSE;
    }
  if (user[0] == '\0')
    {
      show_form_error (self, _("Enter your user name on the server."));
      gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
      return FALSE;
    }
  if (password[0] == '\0')
    {
      show_form_error (self, _("Enter your password on the server."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return FALSE;
    }

  /* The address and the name are remembered; the password never is. */
  if (self->settings != NULL)
    {
      g_settings_set_string (self->settings, "server-url", url);
      g_settings_set_string (self->settings, "server-user", user);
    }

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_form_error (self, NULL);
  g_clear_error (&self->error);
  g_clear_pointer (&self->summary, kap_sync_summary_free);

  self->session = kap_sync_session_new (kap_context_get_store (self->context),
                                        kap_context_get_forms (self->context),
                                        kap_context_get_profile (self->context),
                                        url, station, user, password);
  memset (password, 0, strlen (password));
  self->cancellable = g_cancellable_new ();
  self->done = 0;
  self->total = 0;
  update_progress (self);
  g_signal_connect_object (self->session, "progress", G_CALLBACK (progress_cb), self, 0);
  update_wait (self);
  self->wait_source = g_timeout_add_seconds (1, wait_tick_cb, self);

  gtk_label_set_text (self->progress_label, url);
  gtk_stack_set_visible_child_name (self->stack, "progress");
  gtk_widget_grab_focus (GTK_WIDGET (self->cancel_button));

  kap_sync_session_run_async (self->session, self->cancellable, run_done_cb, g_object_ref (self));

  return TRUE;
}

gboolean
kap_sync_page_is_running (KapSyncPage *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_PAGE (self), FALSE);

  return self->session != NULL;
}

static void
start_clicked_cb (KapSyncPage *self)
{
  kap_sync_page_start (self);
}

static void
cancel_clicked_cb (KapSyncPage *self)
{
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

void
kap_sync_page_reset (KapSyncPage *self)
{
  g_return_if_fail (KAP_IS_SYNC_PAGE (self));

  if (self->session != NULL)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->password_row), "");
  show_form_error (self, NULL);
  gtk_stack_set_visible_child_name (self->stack, "form");

  /* Straight to what is still missing. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->url_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
  else if (gtk_editable_get_text (GTK_EDITABLE (self->user_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->user_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
again_clicked_cb (KapSyncPage *self)
{
  kap_sync_page_reset (self);
}

static void
kap_sync_page_dispose (GObject *object)
{
  KapSyncPage *self = (KapSyncPage *)object;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);

  g_clear_handle_id (&self->wait_source, g_source_remove);
  g_clear_object (&self->session);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kap_sync_page_parent_class)->dispose (object);
}

static void
kap_sync_page_finalize (GObject *object)
{
  KapSyncPage *self = (KapSyncPage *)object;

  g_clear_pointer (&self->problem_rows, g_ptr_array_unref);
  g_clear_pointer (&self->summary, kap_sync_summary_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (kap_sync_page_parent_class)->finalize (object);
}

static void
kap_sync_page_class_init (KapSyncPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_sync_page_dispose;
  object_class->finalize = kap_sync_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/sync/kap-sync-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, stack);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, url_row);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, user_row);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, form_error);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, wait_label);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, summary_page);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, pushed_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, pulled_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, merged_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, conflicts_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, rejected_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, errors_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, not_taken_count);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, problems_group);
  gtk_widget_class_bind_template_child (widget_class, KapSyncPage, conflicts_button);
  gtk_widget_class_bind_template_callback (widget_class, start_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, cancel_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, again_clicked_cb);

  signals [FINISHED] =
    g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
kap_sync_page_init (KapSyncPage *self)
{
  self->problem_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_sync_page_new (KapContext *context)
{
  KapSyncPage *self;
  GSettings *settings;

  g_return_val_if_fail (KAP_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (kap_context_get_store (context) != NULL, NULL);

  self = g_object_new (KAP_TYPE_SYNC_PAGE, NULL);
  self->context = g_object_ref (context);
  settings = kap_context_get_settings (context);
  self->settings = settings ? g_object_ref (settings) : NULL;

  if (self->settings != NULL)
    {
      g_autofree char *url = g_settings_get_string (settings, "server-url");
      g_autofree char *user = g_settings_get_string (settings, "server-user");

      gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), user);
    }

  return GTK_WIDGET (self);
}


const char *
kap_sync_page_get_visible_name (KapSyncPage *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_PAGE (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

const GError *
kap_sync_page_get_error (KapSyncPage *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_PAGE (self), NULL);

  return self->error;
}

const KapSyncSummary *
kap_sync_page_get_summary (KapSyncPage *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_PAGE (self), NULL);

  return self->summary;
}

const char *
kap_sync_page_get_error_text (KapSyncPage *self)
{
  g_return_val_if_fail (KAP_IS_SYNC_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->form_error)) ? gtk_label_get_text (self->form_error) : NULL;
}
