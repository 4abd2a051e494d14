/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-new-person-dialog"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-carry.h"
#include "kap-code-picker.h"
#include "kap-codes.h"
#include "kap-date-button.h"
#include "kap-field-factory.h"
#include "kap-records-common.h"
#include "kap-new-person-dialog.h"
#include "kap-style.h"

struct _KapNewPersonDialog
{
  AdwWindow              parent_instance;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkStack              *stack;
  GtkButton             *cancel_button;
  GtkButton             *back_button;
  GtkButton             *continue_button;
  AdwPreferencesGroup   *details_group;
  AdwEntryRow           *name_row;
  AdwEntryRow           *original_row;
  GtkSwitch             *dob_known_switch;
  AdwEntryRow           *dob_row;
  AdwEntryRow           *age_row;
  GtkListBox            *matches_list;
  GtkLabel              *matches_label;
  GtkButton             *register_new_button;

  /* Added in code: they come from ui/form/. */
  GtkWidget             *nationality_picker;
  GPtrArray             *field_rows;   /* KapFieldRow: the person form's sex and age source */
  JsonObject            *answers;      /* what those rows answer */

  /* Owned references */
  KapStore              *store;
  KapFormRegistry       *forms;
  KapPersonIndex        *index;
  char                  *officer;
  char                  *station;
};

G_DEFINE_FINAL_TYPE (KapNewPersonDialog, kap_new_person_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN_PERSON,
  PERSON_REGISTERED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

/* The typed date of birth as "YYYY-MM-DD", or NULL when it is not a real
 * date between 1900 and today. */
static char *
parse_date_of_birth (const char *text)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  unsigned int year, month, day;
  char rest;
  GDate date;
  GDate today;

  if (text == NULL || sscanf (text, "%4u-%2u-%2u%c", &year, &month, &day, &rest) != 3)
    return NULL;

  if (year < 1900 || !g_date_valid_dmy (day, month, year))
    return NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  if (g_date_compare (&date, &today) > 0)
    return NULL;

  return g_strdup_printf ("%04u-%02u-%02u", year, month, day);
}

static char *
stripped_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

/* The typed estimated age in years (0 to 120), or -1 when there is none
 * or it is not one. */
static int
estimated_age (KapNewPersonDialog *self)
{
  g_autofree char *text = stripped_text (self->age_row);
  guint64 age;

  if (text[0] == '\0' || !g_ascii_string_to_unsigned (text, 10, 0, 120, &age, NULL))
    return -1;

  return (int) age;
}

static void
mark_wrong (AdwEntryRow *row,
            gboolean     wrong)
{
  if (wrong)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");

  gtk_accessible_update_state (GTK_ACCESSIBLE (row),
                               GTK_ACCESSIBLE_STATE_INVALID,
                               wrong ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                               -1);
}

static const char *
nationality (KapNewPersonDialog *self)
{
  if (self->nationality_picker == NULL)
    return NULL;

  return kap_code_picker_get_code (KAP_CODE_PICKER (self->nationality_picker));
}

static gboolean
details_are_complete (KapNewPersonDialog *self)
{
  g_autofree char *name = stripped_text (self->name_row);

  if (name[0] == '\0')
    return FALSE;

  if (gtk_switch_get_active (self->dob_known_switch))
    {
      g_autofree char *text = stripped_text (self->dob_row);
      g_autofree char *date = parse_date_of_birth (text);

      return date != NULL;
    }
  else
    {
      g_autofree char *age_text = stripped_text (self->age_row);

      /* No age is fine (the person form asks again); a wrong one is not. */
      return age_text[0] == '\0' || estimated_age (self) >= 0;
    }
}

static void
details_changed_cb (KapNewPersonDialog *self)
{
  g_autofree char *text = stripped_text (self->dob_row);
  g_autofree char *date = parse_date_of_birth (text);
  g_autofree char *age_text = stripped_text (self->age_row);

  mark_wrong (self->dob_row, text[0] != '\0' && date == NULL);
  mark_wrong (self->age_row, age_text[0] != '\0' && estimated_age (self) < 0);

  gtk_widget_set_sensitive (GTK_WIDGET (self->continue_button), details_are_complete (self));
}

static void
register_person (KapNewPersonDialog *self)
{
  g_autoptr(KapDocument) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = stripped_text (self->name_row);
  g_autofree char *original = stripped_text (self->original_row);
  g_autofree char *rev = NULL;
  g_autofree char *id = NULL;
  KapRecordAuthor author;
  JsonObject *body;
  KapForm *form;

  author.officer = self->officer;
  author.station = self->station;
  author.device = kap_store_get_device_id (self->store);

  form = kap_form_registry_get_latest (self->forms, "person");
  g_return_if_fail (form != NULL);

  person = kap_record_new (form, &author, NULL);
  body = kap_document_get_body (person);

  /* The answers go into the person form's own fields, so the editor that
   * opens next shows them and asks only for the rest. */
  if (name[0] != '\0')
    json_object_set_string_member (body, "name_stated", name);
  if (original[0] != '\0')
    json_object_set_string_member (body, "name_original", original);

  if (gtk_switch_get_active (self->dob_known_switch))
    {
      g_autofree char *dob_text = stripped_text (self->dob_row);
      g_autofree char *date = parse_date_of_birth (dob_text);

      json_object_set_boolean_member (body, "dob_known", TRUE);
      if (date != NULL)
        json_object_set_string_member (body, "date_of_birth", date);
    }
  else
    {
      json_object_set_boolean_member (body, "dob_known", FALSE);
      if (estimated_age (self) >= 0)
        json_object_set_int_member (body, "age_estimated", estimated_age (self));
    }

  if (nationality (self) != NULL)
    json_object_set_string_member (body, "nationality", nationality (self));

  for (guint i = 0; i < self->field_rows->len; i++)
    {
      KapFormField *field = kap_field_row_get_field (g_ptr_array_index (self->field_rows, i));
      JsonNode *answer = json_object_get_member (self->answers, kap_form_field_get_name (field));

      if (answer != NULL)
        json_object_set_member (body, kap_form_field_get_name (field), json_node_copy (answer));
    }

  kap_record_update (person, form, &author, NULL);

  /* Asked once: the person form, and the screening after it, show that
   * these answers come from here (kap-carry.h). */
  {
    static const char * const carried[] = { "date_of_birth", "age_estimated", "age_source", "sex" };

    for (guint i = 0; i < G_N_ELEMENTS (carried); i++)
      kap_carry_note (body, carried[i], KAP_CARRY_FROM_REGISTRATION, NULL, NULL);
  }

  rev = kap_store_put (self->store, person, &error);
  if (rev == NULL)
    {
      AdwMessageDialog *dialog;

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("The Person Could Not Be Saved"),
                                                           error->message));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  id = g_strdup (kap_document_get_id (person));
  g_signal_emit (self, signals [PERSON_REGISTERED], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static void
open_clicked_cb (GtkButton          *button,
                 KapNewPersonDialog *self)
{
  g_autofree char *id = g_strdup (g_object_get_data (G_OBJECT (button), "kap-person-id"));

  g_signal_emit (self, signals [OPEN_PERSON], 0, id);
  gtk_window_close (GTK_WINDOW (self));
}

static GtkWidget *
make_match_row (KapNewPersonDialog   *self,
                const KapPersonMatch *match)
{
  g_autoptr(KapDocument) person = NULL;
  g_autoptr(GString) details = g_string_new (NULL);
  g_autofree char *reasons = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const char *name = NULL;
  const char *original = NULL;
  GtkWidget *row;
  GtkWidget *button;

  person = kap_store_get (self->store, match->id, NULL, KAP_STORE_GET_NONE, NULL);
  if (person != NULL)
    {
      JsonObject *body = kap_document_get_body (person);

      const char *date_of_birth = json_object_get_string_member_with_default (body, "date_of_birth", NULL);
      const char *country = json_object_get_string_member_with_default (body, "nationality", NULL);
      KapCodeList *countries = kap_code_list_countries (NULL);

      name = json_object_get_string_member_with_default (body, "name_stated", NULL);
      original = json_object_get_string_member_with_default (body, "name_original", NULL);

      /* What the officer can ask the person to tell the two apart. */
      if (date_of_birth != NULL)
        /* Translators: %s is a date of birth, YYYY-MM-DD. */
        g_string_append_printf (details, _("Born %s"), date_of_birth);
      else if (json_object_has_member (body, "age_estimated"))
        /* Translators: %d is an estimated age in years. */
        g_string_append_printf (details, _("About %d years old"),
                                (int) json_object_get_int_member (body, "age_estimated"));

      if (country != NULL)
        {
          const KapCode *code = countries != NULL ? kap_code_list_lookup (countries, country) : NULL;

          if (details->len > 0)
            g_string_append (details, _(" · "));
          g_string_append (details, code != NULL ? code->localized_name : country);
        }
    }

  if (name != NULL && original != NULL && g_strcmp0 (name, original) != 0)
    /* Translators: a person's name, then the name in its original script. */
    title = g_strdup_printf (_("%s (%s)"), name, original);
  else if (name != NULL || original != NULL)
    title = g_strdup (name != NULL ? name : original);
  else
    title = g_strdup (match->matched_name != NULL ? match->matched_name : _("Unnamed Person"));

  reasons = kap_person_match_describe (match);
  if (details->len > 0)
    subtitle = g_strdup_printf ("%s\n%s", reasons, details->str);
  else
    subtitle = g_strdup (reasons);

  row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
  gtk_widget_add_css_class (row, "kap-match-row");

  button = gtk_button_new_with_mnemonic (_("_Open"));
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data_full (G_OBJECT (button), "kap-person-id", g_strdup (match->id), g_free);
  /* Translators: %s is a person's name; read by screen readers. */
  {
    g_autofree char *label = g_strdup_printf (_("Open %s"), title);

    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                    -1);
  }
  g_signal_connect (button, "clicked", G_CALLBACK (open_clicked_cb), self);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), button);

  return row;
}

static void
show_page (KapNewPersonDialog *self,
           const char         *name)
{
  gboolean matches = g_str_equal (name, "matches");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), matches);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !matches);
  gtk_widget_set_visible (GTK_WIDGET (self->continue_button), !matches);
  adw_window_title_set_title (self->window_title,
                              matches ? _("Possible Matches") : _("Register Person"));
}

static void
continue_clicked_cb (KapNewPersonDialog *self)
{
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *name = NULL;
  g_autofree char *original = NULL;
  g_autofree char *dob_text = NULL;
  g_autofree char *date = NULL;
  g_autofree char *description = NULL;
  GtkListBoxRow *row;

  if (!details_are_complete (self))
    return;

  name = stripped_text (self->name_row);
  original = stripped_text (self->original_row);
  query.name_stated = name[0] != '\0' ? name : NULL;
  query.name_original = original[0] != '\0' ? original : NULL;
  query.nationality = nationality (self);

  if (gtk_switch_get_active (self->dob_known_switch))
    {
      dob_text = stripped_text (self->dob_row);
      date = parse_date_of_birth (dob_text);
      query.date_of_birth = date;
    }
  else if (estimated_age (self) >= 0)
    query.age_estimated = estimated_age (self);

  matches = kap_person_index_find_matches (self->index, &query, 10);

  if (matches->len == 0)
    {
      register_person (self);
      return;
    }

  while ((row = gtk_list_box_get_row_at_index (self->matches_list, 0)) != NULL)
    gtk_list_box_remove (self->matches_list, GTK_WIDGET (row));

  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->matches_list, make_match_row (self, g_ptr_array_index (matches, i)));

  description = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "This person may already be registered on this laptop. "
                                              "Open the record to continue with it, or register a new person "
                                              "if this is someone else.",
                                              "%u persons on this laptop may be the same person, best match first. "
                                              "Open a record to continue with it, or register a new person "
                                              "if this is someone else.",
                                              matches->len),
                                 matches->len);
  gtk_label_set_text (self->matches_label, description);

  show_page (self, "matches");
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->matches_list, 0)));
}

static void
back_clicked_cb (KapNewPersonDialog *self)
{
  show_page (self, "details");
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
register_new_clicked_cb (KapNewPersonDialog *self)
{
  register_person (self);
}

/* What Ctrl+Enter does: the details go on to the duplicate check, as
 * “Register”. On the matches page it does nothing: whether this is
 * someone already registered is the officer's choice, never a key's. */
static void
submit_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KapNewPersonDialog *self = KAP_NEW_PERSON_DIALOG (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "details") == 0)
    continue_clicked_cb (self);
}

static void
day_selected_cb (GtkCalendar        *calendar,
                 KapNewPersonDialog *self)
{
  kap_date_button_pick (calendar, GTK_EDITABLE (self->dob_row));
}

/* The person form's own questions, so that their labels, choices and
 * translations are the form's: how the age was found out, and the sex. */
static void
add_person_fields (KapNewPersonDialog *self)
{
  static const char * const names[] = { "age_source", "sex" };
  KapForm *form = kap_form_registry_get_latest (self->forms, "person");

  for (guint i = 0; form != NULL && i < G_N_ELEMENTS (names); i++)
    {
      KapFormField *field = kap_form_lookup_field (form, names[i]);
      KapFieldRow *row;

      if (field == NULL)
        continue;

      row = kap_field_factory_new_row (form, field, self->answers, NULL, NULL, 0, FALSE, NULL);
      kap_field_row_add_to (row, GTK_WIDGET (self->details_group));
      g_ptr_array_add (self->field_rows, row);
    }
}

static void
add_nationality (KapNewPersonDialog *self)
{
  g_autoptr(GError) error = NULL;
  KapCodeList *countries = kap_code_list_countries (&error);

  if (countries == NULL)
    {
      /* Without iso-codes the check still works on names and ages. */
      g_warning ("No country list for the nationality: %s", error->message);
      return;
    }

  self->nationality_picker = kap_code_picker_new (countries, FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->nationality_picker), _("Na_tionality"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->nationality_picker), TRUE);
  adw_preferences_group_add (self->details_group, self->nationality_picker);
}

static void
kap_new_person_dialog_dispose (GObject *object)
{
  KapNewPersonDialog *self = (KapNewPersonDialog *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_NEW_PERSON_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->forms);
  g_clear_object (&self->index);
  g_clear_pointer (&self->field_rows, g_ptr_array_unref);
  g_clear_pointer (&self->answers, json_object_unref);

  G_OBJECT_CLASS (kap_new_person_dialog_parent_class)->dispose (object);
}

static void
kap_new_person_dialog_finalize (GObject *object)
{
  KapNewPersonDialog *self = (KapNewPersonDialog *)object;

  g_free (self->officer);
  g_free (self->station);

  G_OBJECT_CLASS (kap_new_person_dialog_parent_class)->finalize (object);
}

static void
kap_new_person_dialog_class_init (KapNewPersonDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_new_person_dialog_dispose;
  object_class->finalize = kap_new_person_dialog_finalize;

  signals [OPEN_PERSON] =
    g_signal_new ("open-person", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [PERSON_REGISTERED] =
    g_signal_new ("person-registered", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/records/kap-new-person-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, back_button);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, continue_button);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, details_group);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, original_row);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, dob_known_switch);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, dob_row);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, age_row);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, matches_list);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, matches_label);
  gtk_widget_class_bind_template_child (widget_class, KapNewPersonDialog, register_new_button);
  gtk_widget_class_bind_template_callback (widget_class, details_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_new_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  /* Ctrl+Enter registers from any row, as it finalizes in the editor. */
  gtk_widget_class_install_action (widget_class, "dialog.submit", NULL, submit_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "dialog.submit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "dialog.submit", NULL);
}

static void
kap_new_person_dialog_init (KapNewPersonDialog *self)
{
  GtkCalendar *calendar;

  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->field_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->answers = json_object_new ();

  /* The same calendar as the person form's date of birth. */
  calendar = kap_date_button_add (self->dob_row);
  g_signal_connect_object (calendar, "day-selected", G_CALLBACK (day_selected_cb), self, 0);

  /* The row itself takes no focus (its text does), so the window's
   * "focus-widget" would not reach it. */
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

KapNewPersonDialog *
kap_new_person_dialog_new (GtkWindow             *parent,
                           KapStore              *store,
                           KapFormRegistry       *forms,
                           KapPersonIndex        *index,
                           const KapRecordAuthor *author)
{
  KapNewPersonDialog *self;

  g_return_val_if_fail (!parent || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);
  g_return_val_if_fail (KAP_IS_PERSON_INDEX (index), NULL);
  g_return_val_if_fail (author != NULL, NULL);

  self = g_object_new (KAP_TYPE_NEW_PERSON_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  self->forms = g_object_ref (forms);
  self->index = g_object_ref (index);
  self->officer = g_strdup (author->officer);
  self->station = g_strdup (author->station);

  /* After the template's rows, in the order of the person form. */
  add_person_fields (self);
  add_nationality (self);

  return self;
}

const char *
kap_new_person_dialog_get_visible_name (KapNewPersonDialog *self)
{
  g_return_val_if_fail (KAP_IS_NEW_PERSON_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

GtkListBox *
kap_new_person_dialog_get_matches (KapNewPersonDialog *self)
{
  g_return_val_if_fail (KAP_IS_NEW_PERSON_DIALOG (self), NULL);

  return self->matches_list;
}
