/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-choice-field.h"
#include "kap-form-view-private.h"

/* Answering from the keyboard (issue 8, point 9): at the counter the
 * officer listens to the interpreter and keeps the hands on the keys.
 * With a question focused, Y or N answers a yes/no question, 1–9 picks
 * the n-th answer of a choice (toggles it, for several), and the focus
 * moves on to the next question, so a screening is a run of keys. */

/* The first letter of @text, folded for comparison. */
static gunichar
initial (const char *text)
{
  if (text == NULL || *text == '\0')
    return 0;

  return g_unichar_tolower (g_utf8_get_char (text));
}

int
kap_form_view_yes_no_key (guint       keyval,
                          const char *yes,
                          const char *no)
{
  gunichar key = g_unichar_tolower (gdk_keyval_to_unicode (keyval));
  gunichar yes_initial = initial (yes);
  gunichar no_initial = initial (no);

  if (key == 0)
    return -1;
  if (key == 'y')
    return 0;
  if (key == 'n')
    return 1;

  /* A key that would mean two things means nothing. */
  if (yes_initial == 0 || no_initial == 0 || yes_initial == no_initial ||
      yes_initial == 'n' || no_initial == 'y')
    return -1;
  if (key == yes_initial)
    return 0;
  if (key == no_initial)
    return 1;

  return -1;
}

static int
digit_for_key (guint keyval)
{
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    return (int) (keyval - GDK_KEY_1);
  if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    return (int) (keyval - GDK_KEY_KP_1);

  return -1;
}

gboolean
kap_form_view_row_is_question (KapFormView *self,
                               KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  return !self->read_only && edit_row != NULL && !KAP_FIELD_ROW_GET_CLASS (row)->asks_nothing &&
         kap_field_row_get_relevant (row) && gtk_widget_get_visible (edit_row) &&
         gtk_widget_is_drawable (edit_row);
}

KapFieldRow *
kap_form_view_get_focus_row (KapFormView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  if (focus == NULL || !gtk_widget_is_ancestor (focus, GTK_WIDGET (self)))
    return NULL;

  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);
      GtkWidget *widget = kap_field_row_get_widget (row);

      if (widget != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
        return row;
    }

  return NULL;
}

gboolean
kap_form_view_focus_next (KapFormView *self,
                          KapFieldRow *after)
{
  gboolean found = FALSE;

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), FALSE);

  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);

      if (!found)
        found = row == after;
      else if (kap_form_view_row_is_question (self, row) && kap_field_row_grab_focus (row))
        return TRUE;
    }

  return FALSE;
}

gboolean
kap_form_view_answer_key (KapFormView     *self,
                          guint            keyval,
                          GdkModifierType  state)
{
  KapFieldRow *row;
  KapChoiceField *choice;
  GtkRoot *root;
  int index = -1;

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), FALSE);

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || self->read_only)
    return FALSE;

  row = kap_form_view_get_focus_row (self);
  if (row == NULL || !KAP_IS_CHOICE_FIELD (row))
    return FALSE;

  /* An open list (a combo row's popover) takes its own keys. */
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (gtk_widget_get_ancestor (gtk_root_get_focus (root), GTK_TYPE_POPOVER) != NULL)
    return FALSE;

  choice = KAP_CHOICE_FIELD (row);
  if (kap_form_field_get_field_type (kap_field_row_get_field (row)) == KAP_FIELD_BOOLEAN)
    index = kap_form_view_yes_no_key (keyval, _("Yes"), _("No"));
  if (index < 0)
    index = digit_for_key (keyval);
  if (index < 0 || !kap_choice_field_pick (choice, (guint) index))
    return FALSE;

  /* Several answers may be chosen: stay for the next one. The next
   * question is looked for after the answer, so one it revealed counts. */
  if (kap_choice_field_is_single (choice))
    kap_form_view_focus_next (self, row);

  return TRUE;
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                KapFormView           *self)
{
  return kap_form_view_answer_key (self, keyval, state);
}

void
kap_form_view_setup_keys (KapFormView *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  /* Bubbling: a text entry that has the focus keeps its letters and
   * digits; only keys nothing below took come here. */
  g_signal_connect (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), keys);
}
