/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-window-private.h"

G_DEFINE_FINAL_TYPE (KapWindow, kap_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ERROR,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

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
show_records (KapWindow *self,
              guint      n_records)
{
  g_autofree char *title = NULL;

  /* Translators: the title of the main window when records are stored;
   * %u is how many. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u Record on This Laptop",
                                        "%u Records on This Laptop", n_records),
                           n_records);

  adw_status_page_set_title (self->records_page, title);
  gtk_stack_set_visible_child_name (self->stack, "records");
}

static void
kap_window_update_state (KapWindow *self)
{
  g_autoptr(GError) error = NULL;
  guint n_records;

  if (self->error != NULL)
    {
      show_error (self, self->error);
      return;
    }

  if (self->store == NULL)
    {
      /* A caller bug rather than something an officer did, but the window
       * should still say something useful instead of an empty page. */
      g_warning ("KapWindow created without a store or an error");
      error = g_error_new_literal (KAP_STORE_ERROR, KAP_STORE_ERROR_MISSING,
                                   _("No records file was opened."));
      show_error (self, error);
      return;
    }

  n_records = kap_store_count (self->store, NULL, &error);

  if (error != NULL)
    show_error (self, error);
  else if (n_records == 0)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  else
    show_records (self, n_records);
}

static void
kap_window_constructed (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  G_OBJECT_CLASS (kap_window_parent_class)->constructed (object);

  kap_window_update_state (self);
}

static void
kap_window_dispose (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_WINDOW);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (kap_window_parent_class)->dispose (object);
}

static void
kap_window_finalize (GObject *object)
{
  KapWindow *self = (KapWindow *)object;

  g_clear_error (&self->error);

  G_OBJECT_CLASS (kap_window_parent_class)->finalize (object);
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

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_window_class_init (KapWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kap_window_constructed;
  object_class->dispose = kap_window_dispose;
  object_class->finalize = kap_window_finalize;
  object_class->get_property = kap_window_get_property;
  object_class->set_property = kap_window_set_property;

  properties [PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         KAP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties [PROP_ERROR] =
    g_param_spec_boxed ("error", NULL, NULL,
                        G_TYPE_ERROR,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/kap-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KapWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, primary_menu_button);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, records_page);
  gtk_widget_class_bind_template_child (widget_class, KapWindow, error_page);
}

static void
kap_window_init (KapWindow *self)
{
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
