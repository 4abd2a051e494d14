/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-stage-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-avr-stage.h"
#include "kap-date-button.h"
#include "kap-stage-dialog.h"
#include "kap-value.h"

struct _KapStageDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *stage_row;
  AdwEntryRow      *date_row;
  GtkCalendar      *calendar;
  AdwEntryRow      *note_row;
  GtkLabel         *message_label;

  KapForm          *form;
  KapFormField     *note_field;
  char             *current;       /* the case's stage now, or NULL */
  char             *current_date;  /* since when, or NULL */
  char             *current_note;
  char            **stages;        /* the codes offered, current first */
  GDate             today;

  /* The answers as last checked. */
  char             *date;
  char             *note;
  gboolean          needs_note;
};

G_DEFINE_FINAL_TYPE (KapStageDialog, kap_stage_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char *
stage_label (KapStageDialog *self,
             const char     *code)
{
  KapFormField *field = kap_form_lookup_field (self->form, "stage");
  const char *label = field ? kap_form_field_get_choice_label (field, code, NULL) : NULL;

  return label ? label : code;
}

static const char *
field_label (KapStageDialog *self,
             const char     *name,
             const char     *fallback)
{
  KapFormField *field = kap_form_lookup_field (self->form, name);

  return field ? kap_form_field_get_label (field, NULL) : fallback;
}

static const char *
selected_stage (KapStageDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->stage_row);

  if (self->stages == NULL || selected >= g_strv_length (self->stages))
    return NULL;

  return self->stages[selected];
}

/* Whether the form asks a reason for @stage: its own relevance and
 * required expressions decide, so the dialog asks what the form asks. */
static gboolean
stage_needs_note (KapStageDialog *self,
                  const char     *stage)
{
  g_autoptr(JsonObject) answers = json_object_new ();

  if (self->note_field == NULL || stage == NULL)
    return FALSE;

  json_object_set_string_member (answers, "stage", stage);

  return kap_form_field_is_relevant (self->form, self->note_field, answers, NULL, &self->today) &&
         kap_form_field_is_required (self->form, self->note_field, answers, NULL, &self->today);
}

static void
show_message (KapStageDialog *self,
              const char     *text,
              gboolean        error)
{
  gtk_label_set_text (self->message_label, text ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);

  if (error)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->date_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->date_row), "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (self->date_row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->date_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Checks the answers and enables "update" when they make an allowed
 * change; says what is wrong with the date, or what the reason is for. */
static void
update (KapStageDialog *self)
{
  const char *stage = selected_stage (self);
  g_autofree char *date = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->date_row))));
  g_autofree char *note = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->note_row))));
  g_autoptr(KapValue) value = kap_value_new_date_from_iso (date);
  g_autofree char *error = NULL;
  gboolean valid = stage != NULL && kap_avr_stage_can_move (self->current, stage);
  GDate day;

  self->needs_note = stage_needs_note (self, stage);
  gtk_widget_set_visible (GTK_WIDGET (self->note_row), self->needs_note);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->note_row),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, self->needs_note,
                                  -1);

  if (value == NULL || !kap_value_get_date (value, &day))
    error = g_strdup (_("Enter a date as YYYY-MM-DD, for example 2025-03-15, or pick one from the calendar."));
  else if (g_date_compare (&day, &self->today) > 0)
    error = g_strdup (_("The date cannot be in the future."));
  else if (self->current_date != NULL && g_strcmp0 (stage, self->current) != 0 &&
           g_strcmp0 (date, self->current_date) < 0)
    /* Translators: the case is at a stage since a date (YYYY-MM-DD); a
     * new stage cannot start before it. */
    error = g_strdup_printf (_("The case is at “%s” since %s: the new stage cannot start earlier."),
                             stage_label (self, self->current), self->current_date);

  if (error != NULL)
    {
      valid = FALSE;
      show_message (self, error, TRUE);
    }
  else if (self->needs_note)
    {
      KapFormField *note_field = self->note_field;

      show_message (self, kap_form_field_get_hint (note_field, NULL), FALSE);
      if (note[0] == '\0')
        valid = FALSE;
    }
  else
    show_message (self, NULL, FALSE);

  g_free (self->date);
  self->date = g_steal_pointer (&date);
  g_free (self->note);
  self->note = self->needs_note && note[0] != '\0' ? g_steal_pointer (&note) : NULL;

  /* Nothing would change. */
  if (valid && g_strcmp0 (stage, self->current) == 0 && g_strcmp0 (self->date, self->current_date) == 0 &&
      g_strcmp0 (self->note, self->current_note) == 0)
    valid = FALSE;

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "update", valid);
}

static void
changed_cb (KapStageDialog *self)
{
  update (self);
}

static void
day_selected_cb (GtkCalendar    *calendar,
                 KapStageDialog *self)
{
  kap_date_button_pick (calendar, GTK_EDITABLE (self->date_row));
}

static void
kap_stage_dialog_dispose (GObject *object)
{
  KapStageDialog *self = KAP_STAGE_DIALOG (object);

  if (self->calendar != NULL)
    g_signal_handlers_disconnect_by_data (self->calendar, self);
  self->calendar = NULL;

  G_OBJECT_CLASS (kap_stage_dialog_parent_class)->dispose (object);
}

static void
kap_stage_dialog_finalize (GObject *object)
{
  KapStageDialog *self = KAP_STAGE_DIALOG (object);

  g_clear_object (&self->form);
  g_free (self->current);
  g_free (self->current_date);
  g_free (self->current_note);
  g_strfreev (self->stages);
  g_free (self->date);
  g_free (self->note);

  G_OBJECT_CLASS (kap_stage_dialog_parent_class)->finalize (object);
}

static void
kap_stage_dialog_class_init (KapStageDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kap_stage_dialog_dispose;
  object_class->finalize = kap_stage_dialog_finalize;
}

static void
kap_stage_dialog_init (KapStageDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *label = gtk_label_new (NULL);

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");

  self->stage_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->stage_row), FALSE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->stage_row));

  self->date_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->date_row), FALSE);
  adw_entry_row_set_activates_default (self->date_row, TRUE);
  self->calendar = kap_date_button_add (self->date_row);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->date_row));

  self->note_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->note_row), FALSE);
  adw_entry_row_set_activates_default (self->note_row, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->note_row), "kap-required");
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->note_row));

  self->message_label = GTK_LABEL (label);
  gtk_label_set_wrap (self->message_label, TRUE);
  gtk_label_set_wrap_mode (self->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (self->message_label, 0.0);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_margin_start (label, 6);
  gtk_widget_set_margin_end (label, 6);

  gtk_box_append (GTK_BOX (box), list);
  gtk_box_append (GTK_BOX (box), label);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    /* Translators: the button that records the new
                                     * stage of a return case. */
                                    "update", C_("stage", "_Update"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "update", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "update");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");
}

static const char *
answer (JsonObject *answers,
        const char *name)
{
  JsonNode *node = json_object_get_member (answers, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    return NULL;

  return json_node_get_string (node);
}

KapStageDialog *
kap_stage_dialog_new (GtkWindow   *parent,
                      KapForm     *form,
                      JsonObject  *answers,
                      const GDate *today)
{
  g_autofree char *note_title = NULL;
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autofree char *body = NULL;
  g_autofree char *iso = NULL;
  KapStageDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KAP_IS_FORM (form), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  self = g_object_new (KAP_TYPE_STAGE_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", _("Update Stage"),
                       NULL);
  self->form = g_object_ref (form);
  self->note_field = kap_form_lookup_field (form, "stage_note");
  self->current = kap_avr_stage_is_valid (answer (answers, "stage")) ? g_strdup (answer (answers, "stage")) : NULL;
  self->current_date = g_strdup (answer (answers, "stage_date"));
  self->current_note = g_strdup (answer (answers, "stage_note"));
  self->stages = kap_avr_stage_next (self->current);

  if (today != NULL && g_date_valid (today))
    self->today = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      g_date_clear (&self->today, 1);
      g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                      g_date_time_get_month (now), g_date_time_get_year (now));
    }

  if (self->current != NULL && self->current_date != NULL)
    /* Translators: in the dialog that moves a return case on: its stage
     * (“Counselling”) and since when (YYYY-MM-DD). */
    body = g_strdup_printf (_("The case is at “%s” since %s. Choose where it stands now."),
                            stage_label (self, self->current), self->current_date);
  else if (self->current != NULL)
    body = g_strdup_printf (_("The case is at “%s”. Choose where it stands now."),
                            stage_label (self, self->current));
  else
    body = g_strdup (_("Choose where the case stands now."));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  for (guint i = 0; self->stages[i] != NULL; i++)
    {
      if (g_strcmp0 (self->stages[i], self->current) == 0)
        {
          /* Translators: the case's stage now, offered to correct its
           * date or reason; %s is the stage, e.g. “Counselling”. */
          g_autofree char *label = g_strdup_printf (_("%s (no change)"), stage_label (self, self->stages[i]));

          gtk_string_list_append (labels, label);
        }
      else
        gtk_string_list_append (labels, stage_label (self, self->stages[i]));
    }
  adw_combo_row_set_model (self->stage_row, G_LIST_MODEL (labels));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->stage_row), field_label (self, "stage", _("Stage")));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), field_label (self, "stage_date", _("Since")));
  /* The reason is asked only when it is required. */
  note_title = g_strdup_printf (_("%s *"), field_label (self, "stage_note", _("Reason")));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->note_row), note_title);
  /* A stage kept: its reason is corrected rather than typed again. */
  gtk_editable_set_text (GTK_EDITABLE (self->note_row), self->current_note ? self->current_note : "");
  /* The step after the current stage is what a counsellor records most. */
  adw_combo_row_set_selected (self->stage_row, self->current != NULL && self->stages[0] && self->stages[1] ? 1 : 0);

  iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&self->today),
                         g_date_get_month (&self->today), g_date_get_day (&self->today));
  gtk_editable_set_text (GTK_EDITABLE (self->date_row), iso);
  {
    g_autoptr(GDateTime) when = g_date_time_new_local (g_date_get_year (&self->today),
                                                       g_date_get_month (&self->today),
                                                       g_date_get_day (&self->today), 12, 0, 0);

    gtk_calendar_select_day (self->calendar, when);
  }

  g_signal_connect_swapped (self->stage_row, "notify::selected", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->date_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect_swapped (self->note_row, "changed", G_CALLBACK (changed_cb), self);
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (day_selected_cb), self);

  update (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->stage_row));

  return self;
}

const char *
kap_stage_dialog_get_stage (KapStageDialog *self)
{
  g_return_val_if_fail (KAP_IS_STAGE_DIALOG (self), NULL);

  return selected_stage (self);
}

const char *
kap_stage_dialog_get_date (KapStageDialog *self)
{
  g_return_val_if_fail (KAP_IS_STAGE_DIALOG (self), NULL);

  return self->date;
}

const char *
kap_stage_dialog_get_note (KapStageDialog *self)
{
  g_return_val_if_fail (KAP_IS_STAGE_DIALOG (self), NULL);

  return self->note;
}

const char * const *
kap_stage_dialog_get_stages (KapStageDialog *self)
{
  g_return_val_if_fail (KAP_IS_STAGE_DIALOG (self), NULL);

  return (const char * const *) self->stages;
}
