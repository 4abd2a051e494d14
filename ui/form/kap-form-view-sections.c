/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-choice-field.h"
#include "kap-form-view-private.h"

/* The sections of the form (its groups): how many of their questions are
 * answered, for the outline to jump by (kap-form-outline.c), and "No to
 * the Rest", which answers No to the optional yes/no questions of a
 * section not answered yet: most answers of a screening are No, and saying it once
 * per section is faster than once per question. */

static Section *
get_section (KapFormView *self,
             guint        index)
{
  return index < self->sections->len ? &g_array_index (self->sections, Section, index) : NULL;
}

static gboolean
in_section (KapFieldRow *row,
            Section     *section)
{
  GtkWidget *widget = kap_field_row_get_widget (row);

  return widget != NULL && gtk_widget_is_ancestor (widget, section->group);
}

static gboolean
is_yes_no (KapFieldRow *row)
{
  return KAP_IS_CHOICE_FIELD (row) &&
         kap_form_field_get_field_type (kap_field_row_get_field (row)) == KAP_FIELD_BOOLEAN;
}

/* An optional yes/no question of @section, outside its repeats' items
 * (those are about one family member each). Required ones are left to
 * the officer: they are the gates of the interview (consent, asylum,
 * an immediate medical need), where a No said wholesale would stop the
 * screening or hide a need. */
static gboolean
is_rest_candidate (KapFormView *self,
                   KapFieldRow *row,
                   Section     *section)
{
  return is_yes_no (row) && kap_field_row_get_repeat (row) == NULL && in_section (row, section) &&
         !kap_form_field_is_required (self->form, kap_field_row_get_field (row), self->answers, NULL, self->today);
}

guint
kap_form_view_get_n_sections (KapFormView *self)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), 0);

  return self->sections->len;
}

const char *
kap_form_view_get_section_title (KapFormView *self,
                                 guint        index)
{
  Section *section = get_section (self, index);

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), NULL);

  if (section == NULL || !gtk_widget_get_visible (section->group))
    return NULL;

  return adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (section->group));
}

guint
kap_form_view_count_section (KapFormView *self,
                             guint        index,
                             guint       *answered)
{
  Section *section = get_section (self, index);
  guint questions = 0, done = 0;

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), 0);

  for (guint i = 0; section != NULL && i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);

      if (!in_section (row, section) || !kap_field_row_get_relevant (row) ||
          kap_field_row_get_edit_row (row) == NULL || KAP_FIELD_ROW_GET_CLASS (row)->asks_nothing)
        continue;

      questions++;
      if (kap_field_row_get_answer (row) != NULL)
        done++;
    }

  if (answered != NULL)
    *answered = done;
  return questions;
}

gboolean
kap_form_view_focus_section (KapFormView *self,
                             guint        index)
{
  Section *section = get_section (self, index);
  KapFieldRow *first = NULL;

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), FALSE);

  if (section == NULL || !gtk_widget_get_visible (section->group))
    return FALSE;

  /* The first question still open: that is where the work is. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);

      if (!in_section (row, section) || !kap_form_view_row_is_question (self, row))
        continue;
      if (kap_field_row_get_answer (row) == NULL)
        return kap_form_view_focus_middle (self, row);
      if (first == NULL)
        first = row;
    }

  if (first != NULL)
    return kap_form_view_focus_middle (self, first);

  return gtk_widget_grab_focus (section->group);
}

static void
undo_clicked_cb (AdwToast    *toast,
                 KapFormView *self)
{
  kap_form_view_undo_rest (self);
}

/* What the officer sees: how many were answered, with Undo. */
static void
show_rest_toast (KapFormView *self,
                 guint        count)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (overlay == NULL)
    return;

  /* Translators: shown after “No to the Rest”; %u is how many questions
   * were answered No. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Answered No to %u question",
                                        "Answered No to %u questions", count),
                           count);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self, 0);
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), toast);
}

guint
kap_form_view_answer_rest_no (KapFormView *self,
                              guint        index)
{
  Section *section = get_section (self, index);
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), 0);

  if (section == NULL || self->read_only)
    return 0;

  /* Chosen before answering: an answer can reveal questions, which the
   * officer has not seen yet and so did not answer No to. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);

      if (is_rest_candidate (self, row, section) && kap_form_view_row_is_question (self, row) &&
          kap_field_row_get_answer (row) == NULL)
        g_ptr_array_add (targets, g_object_ref (row));
    }

  g_ptr_array_set_size (self->rest_rows, 0);
  for (guint i = 0; i < targets->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (targets, i);

      /* An earlier No may have hidden it. */
      if (kap_field_row_get_relevant (row) && kap_choice_field_pick (KAP_CHOICE_FIELD (row), 1))
        g_ptr_array_add (self->rest_rows, g_object_ref (row));
    }

  if (self->rest_rows->len > 0)
    show_rest_toast (self, self->rest_rows->len);

  return self->rest_rows->len;
}

gboolean
kap_form_view_undo_rest (KapFormView *self)
{
  g_autoptr(GPtrArray) rows = NULL;

  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), FALSE);

  if (self->rest_rows->len == 0)
    return FALSE;

  /* Taken: emitting "changed" below may start another batch. */
  rows = g_steal_pointer (&self->rest_rows);
  self->rest_rows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Only what is still the No it was given: an answer changed since
   * then is the officer's. */
  for (guint i = 0; i < rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (rows, i);
      JsonNode *answer = kap_field_row_get_answer (row);

      if (!g_ptr_array_find (self->rows, row, NULL) || answer == NULL || !JSON_NODE_HOLDS_VALUE (answer) ||
          json_node_get_value_type (answer) != G_TYPE_BOOLEAN || json_node_get_boolean (answer))
        continue;

      kap_field_row_set_answer (row, NULL);
      kap_field_row_reload (row);
      kap_field_row_emit_changed (row);
    }

  return TRUE;
}

static void
rest_clicked_cb (GtkButton   *button,
                 KapFormView *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    if (get_section (self, i)->rest_button == GTK_WIDGET (button))
      kap_form_view_answer_rest_no (self, i);
}

void
kap_form_view_add_rest_buttons (KapFormView *self)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = get_section (self, i);
      AdwPreferencesGroup *group = ADW_PREFERENCES_GROUP (section->group);
      guint candidates = 0;
      GtkWidget *button;

      /* A repeat's header holds its Add button; a section of one
       * question is answered as fast with N. */
      if (adw_preferences_group_get_header_suffix (group) != NULL ||
          adw_preferences_group_get_title (group) == NULL)
        continue;

      for (guint r = 0; r < self->rows->len; r++)
        if (is_rest_candidate (self, g_ptr_array_index (self->rows, r), section))
          candidates++;
      if (candidates < 2)
        continue;

      button = gtk_button_new_with_mnemonic (_("No to the _Rest"));
      gtk_widget_set_tooltip_text (button, _("Answer No to every optional yes/no question of this "
                                             "section that has no answer yet"));
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, adw_preferences_group_get_title (group),
                                      -1);
      g_signal_connect (button, "clicked", G_CALLBACK (rest_clicked_cb), self);
      adw_preferences_group_set_header_suffix (group, button);
      section->rest_button = button;
    }
}
