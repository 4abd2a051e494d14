/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-window"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-window-private.h"

/* The error page: the store could not be opened, what happened and what
 * to do next. */

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

void
kap_window_show_error (KapWindow    *self,
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
