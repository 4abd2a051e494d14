/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-text"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form.h"
#include "kap-form-text.h"

static GtkTextDirection
direction_of (const char *text)
{
  PangoDirection direction;

  /* Deprecated in Pango, with no replacement: still the one call that
   * gives a text's base direction by Unicode's rules. */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  direction = pango_find_base_dir (text, -1);
  G_GNUC_END_IGNORE_DEPRECATIONS

  switch (direction)
    {
    case PANGO_DIRECTION_RTL:
    case PANGO_DIRECTION_TTB_RTL:
    case PANGO_DIRECTION_WEAK_RTL:
      return GTK_TEXT_DIR_RTL;

    case PANGO_DIRECTION_LTR:
    case PANGO_DIRECTION_TTB_LTR:
    case PANGO_DIRECTION_WEAK_LTR:
      return GTK_TEXT_DIR_LTR;

    case PANGO_DIRECTION_NEUTRAL:
    default:
      return GTK_TEXT_DIR_NONE;
    }
}

void
kap_form_text_set_directions (GtkWidget *widget)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_LABEL (widget))
    {
      GtkTextDirection direction = direction_of (gtk_label_get_text (GTK_LABEL (widget)));

      /* Only where the text differs from the session: a label's own
       * direction flips its alignment (xalign 0 is the right edge in
       * right-to-left) and Pango's paragraph alignment with it. */
      if (direction == gtk_widget_get_default_direction ())
        direction = GTK_TEXT_DIR_NONE;
      gtk_widget_set_direction (widget, direction);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kap_form_text_set_directions (child);
}

void
kap_form_text_mark_fallback (GtkWidget  *widget,
                             const char *text,
                             const char *language,
                             gboolean    fell_back)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (text == NULL)
    return;

  if (GTK_IS_LABEL (widget))
    {
      if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) != 0)
        return;

      if (fell_back && language != NULL)
        {
          const char *name = kap_language_get_native_name (language);
          g_autofree char *tooltip = NULL;

          /* Translators: the tooltip of a form's text that has no
           * translation into the language chosen for the form (%s, in
           * its own name, e.g. “العربية”), so it is shown in the app's
           * language instead. */
          tooltip = g_strdup_printf (_("Not available in %s: shown in the app’s language"),
                                     name ? name : language);
          gtk_widget_set_tooltip_text (widget, tooltip);
          gtk_widget_add_css_class (widget, "kap-language-fallback");
        }
      else if (gtk_widget_has_css_class (widget, "kap-language-fallback"))
        {
          gtk_widget_set_tooltip_text (widget, NULL);
          gtk_widget_remove_css_class (widget, "kap-language-fallback");
        }
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    kap_form_text_mark_fallback (child, text, language, fell_back);
}
