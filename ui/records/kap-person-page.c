/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-person-page"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-codes.h"
#include "kap-records-common.h"
#include "kap-person-page.h"
#include "kap-referrals.h"
#include "kap-style.h"
#include "kap-suggestions-group.h"

struct _KapPersonPage
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *name_label;
  GtkLabel          *original_label;
  GtkLabel          *status_label;
  GtkButton         *edit_button;
  AdwActionRow      *sex_row;
  AdwActionRow      *age_row;
  AdwActionRow      *nationality_row;
  AdwActionRow      *languages_row;
  GtkListBox        *screenings_list;
  GtkListBox        *return_list;
  GtkListBox        *referrals_list;
  GtkListBox        *sessions_list;
  GtkButton         *new_screening_button;
  GtkButton         *new_return_button;
  KapSuggestionsGroup *suggestions_group;
  GtkButton         *refer_button;

  /* Owned references */
  KapStore          *store;
  KapFormRegistry   *forms;
  KapRecordList     *records;
  char              *person_id;
  char              *title;
};

G_DEFINE_FINAL_TYPE (KapPersonPage, kap_person_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_PERSON_ID,
  PROP_TITLE,
  N_PROPS
};

enum {
  OPEN_RECORD,
  EDIT_RECORD,
  NEW_RECORD,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static const char *
string_member (JsonObject *body,
               const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static gboolean
number_member (JsonObject *body,
               const char *name,
               gint64     *number)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_INT64:
      *number = json_node_get_int (node);
      return TRUE;
    case G_TYPE_DOUBLE:
      *number = (gint64) json_node_get_double (node);
      return TRUE;
    default:
      return FALSE;
    }
}

static void
set_row_value (AdwActionRow *row,
               const char   *value)
{
  GtkLabel *label = g_object_get_data (G_OBJECT (row), "kap-value-label");

  if (label == NULL)
    {
      label = GTK_LABEL (gtk_label_new (NULL));
      /* One line: the values are short, and a long list of languages
       * ends in an ellipsis with the whole list in the tooltip. */
      gtk_label_set_ellipsize (label, PANGO_ELLIPSIZE_END);
      gtk_label_set_xalign (label, 1.0);
      gtk_widget_set_hexpand (GTK_WIDGET (label), TRUE);
      adw_action_row_add_suffix (row, GTK_WIDGET (label));
      g_object_set_data (G_OBJECT (row), "kap-value-label", label);
    }

  if (value == NULL || value[0] == '\0')
    {
      gtk_label_set_text (label, _("Not recorded"));
      gtk_widget_add_css_class (GTK_WIDGET (label), "dim-label");
    }
  else
    {
      gtk_label_set_text (label, value);
      gtk_widget_remove_css_class (GTK_WIDGET (label), "dim-label");
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), value);

  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, gtk_label_get_text (label),
                                  -1);
}

static char *
code_name (KapCodeList *list,
           const char  *code)
{
  const KapCode *entry = list != NULL ? kap_code_list_lookup (list, code) : NULL;

  if (entry == NULL)
    return g_strdup (code);

  return g_strdup (entry->localized_name != NULL ? entry->localized_name : entry->name);
}

static char *
format_age (JsonObject *body)
{
  const char *date_of_birth = string_member (body, "date_of_birth");
  const char *source = string_member (body, "age_source");
  g_autoptr(GString) text = g_string_new (NULL);
  gint64 years;

  if (number_member (body, "age_years", &years) ||
      number_member (body, "age_estimated", &years))
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", (int) years),
                            (int) years);

  if (date_of_birth != NULL)
    {
      if (text->len > 0)
        g_string_append (text, _(" · "));
      /* Translators: %s is a date of birth, YYYY-MM-DD. */
      g_string_append_printf (text, _("born %s"), date_of_birth);
    }
  else if (g_strcmp0 (source, "estimated") == 0 && text->len > 0)
    /* Translators: after an age that the officer estimated. */
    g_string_append (text, _(" (estimated)"));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
kap_person_page_set_title (KapPersonPage *self,
                           const char    *title)
{
  if (g_strcmp0 (self->title, title) == 0)
    return;

  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_TITLE]);
}

static void
load_details (KapPersonPage *self)
{
  g_autoptr(KapDocument) person = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) languages = g_string_new (NULL);
  g_autofree char *age = NULL;
  g_autofree char *nationality = NULL;
  g_autofree char *registered = NULL;
  g_autofree char *status = NULL;
  const char *name;
  const char *original;
  const char *sex_label = NULL;
  JsonObject *body;
  JsonNode *node;
  KapForm *form;

  person = kap_store_get (self->store, self->person_id, NULL, KAP_STORE_GET_NONE, &error);
  if (person == NULL)
    {
      /* Deleted in the meantime, e.g. by a sync: say so rather than show
       * the details of before. */
      gtk_label_set_text (self->name_label, _("Person Not Found"));
      gtk_widget_set_visible (GTK_WIDGET (self->original_label), FALSE);
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), FALSE);
      kap_person_page_set_title (self, _("Person Not Found"));
      return;
    }

  gtk_widget_set_sensitive (GTK_WIDGET (self->edit_button), TRUE);
  body = kap_document_get_body (person);

  name = string_member (body, "name_stated");
  original = string_member (body, "name_original");
  if (name == NULL || name[0] == '\0')
    name = (original != NULL && original[0] != '\0') ? original : _("Unnamed Person");

  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->original_label, original != NULL ? original : "");
  gtk_widget_set_visible (GTK_WIDGET (self->original_label),
                          original != NULL && original[0] != '\0' && g_strcmp0 (original, name) != 0);
  kap_person_page_set_title (self, name);

  registered = kap_records_format_time (string_member (body, "created_at"), NULL);
  /* Translators: under a person's name: the record's status (Draft,
   * Final) and when the person was registered (“Today at 09:30”). */
  status = g_strdup_printf (_("%s · Registered %s"),
                            kap_records_status_label (string_member (body, "status")),
                            registered);
  gtk_label_set_text (self->status_label, status);

  form = kap_form_registry_lookup (self->forms, kap_record_get_form_key (person));
  if (form == NULL)
    form = kap_form_registry_get_latest (self->forms, "person");
  if (form != NULL && kap_form_lookup_field (form, "sex") != NULL && string_member (body, "sex") != NULL)
    sex_label = kap_form_field_get_choice_label (kap_form_lookup_field (form, "sex"),
                                                 string_member (body, "sex"), NULL);
  set_row_value (self->sex_row, sex_label != NULL ? sex_label : string_member (body, "sex"));

  age = format_age (body);
  set_row_value (self->age_row, age);

  if (string_member (body, "nationality") != NULL)
    nationality = code_name (kap_code_list_countries (NULL), string_member (body, "nationality"));
  set_row_value (self->nationality_row, nationality);

  node = json_object_get_member (body, "languages");
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          g_autofree char *language = NULL;
          const char *code = json_array_get_string_element (array, i);

          if (code == NULL)
            continue;

          language = code_name (kap_code_list_languages (NULL), code);
          if (languages->len > 0)
            g_string_append (languages, _(", "));
          g_string_append (languages, language);
        }
    }
  set_row_value (self->languages_row, languages->str);
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* A referral's service as the form names it, or NULL. */
static const char *
service_label (KapPersonPage *self,
               const char    *service)
{
  KapForm *form = kap_form_registry_get_latest (self->forms, "referral");
  KapFormField *field = form != NULL ? kap_form_lookup_field (form, "service") : NULL;

  return field != NULL && service != NULL ? kap_form_field_get_choice_label (field, service, NULL) : NULL;
}

static GtkWidget *
make_record_row (KapPersonPage    *self,
                 KapRecordSummary *summary,
                 GHashTable       *services)
{
  g_autofree char *when = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *stage = NULL;
  const char *type = kap_record_summary_get_doc_type (summary);
  const char *status = kap_records_status_label (kap_record_summary_get_status (summary));
  const char *service = g_strcmp0 (type, "referral") == 0
                        ? service_label (self, g_hash_table_lookup (services, kap_record_summary_get_id (summary)))
                        : NULL;
  GtkWidget *row;
  GtkWidget *chevron;

  when = kap_records_format_time (kap_record_summary_get_updated_at (summary), NULL);

  if (g_strcmp0 (type, "screening") == 0)
    {
      g_autofree char *categories = kap_records_category_labels (self->forms,
                                                                 kap_record_summary_get_categories (summary));

      /* Translators: a screening in the person page; %s says when. */
      title = g_strdup_printf (_("Screening · %s"), when);
      if (categories[0] != '\0')
        subtitle = g_strdup_printf ("%s · %s", status, categories);
      else
        subtitle = g_strdup_printf ("%s · %s", status, _("No categories"));
    }
  else if (g_strcmp0 (type, "return_interest") == 0)
    {
      stage = kap_records_stage_label (self->forms, kap_record_summary_get_stage (summary));
      title = g_strdup (stage != NULL ? stage : kap_records_type_label (type));
      subtitle = g_strdup_printf ("%s · %s", status, when);
    }
  else if (service != NULL)
    {
      /* A referral says where to: the service. */
      title = g_strdup (service);
      subtitle = g_strdup_printf ("%s · %s", status, when);
    }
  else
    {
      title = g_strdup (kap_records_type_label (type));
      subtitle = g_strdup_printf ("%s · %s", status, when);
    }

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "kap-record-id",
                          g_strdup (kap_record_summary_get_id (summary)), g_free);

  if (kap_record_summary_get_priority (summary) != NULL)
    {
      GtkWidget *badge = gtk_label_new (NULL);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      kap_records_set_priority_badge (GTK_LABEL (badge), kap_record_summary_get_priority (summary));
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  /* GTK picks go-next-symbolic-rtl by itself in a right-to-left locale. */
  chevron = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_widget_set_valign (chevron, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), chevron);

  return row;
}

GtkListBox *
kap_person_page_get_list (KapPersonPage *self,
                          const char    *type)
{
  g_return_val_if_fail (KAP_IS_PERSON_PAGE (self), NULL);

  if (g_strcmp0 (type, "screening") == 0)
    return self->screenings_list;
  if (g_strcmp0 (type, "return_interest") == 0)
    return self->return_list;
  if (g_strcmp0 (type, "referral") == 0)
    return self->referrals_list;
  if (g_strcmp0 (type, "interpreter_session") == 0)
    return self->sessions_list;

  return NULL;
}

/* The suggestions of the person's latest screening, and what Refer…
 * starts from: that screening, so a referral records where it came
 * from. */
static void
load_referrals (KapPersonPage *self,
                const char    *latest_screening)
{
  g_autoptr(KapDocument) screening = NULL;

  if (latest_screening != NULL)
    screening = kap_store_get (self->store, latest_screening, NULL, KAP_STORE_GET_NONE, NULL);
  kap_suggestions_group_set_screening (self->suggestions_group, screening);

  /* The target first: win.refer takes one, and a button without it
   * would warn. */
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->refer_button), "(sss)",
                                    self->person_id != NULL ? self->person_id : "",
                                    latest_screening != NULL ? latest_screening : "", "");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->refer_button), "win.refer");
}

static GHashTable *
referral_services (KapPersonPage *self)
{
  GHashTable *services = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GPtrArray) referrals = NULL;
  g_autoptr(GError) error = NULL;

  referrals = kap_referrals_list_for_person (self->store, self->person_id, &error);
  if (referrals == NULL)
    g_debug ("The person’s referrals could not be read: %s", error->message);

  for (guint i = 0; referrals != NULL && i < referrals->len; i++)
    {
      KapReferral *referral = g_ptr_array_index (referrals, i);

      if (referral->service != NULL)
        g_hash_table_insert (services, g_strdup (referral->id), g_strdup (referral->service));
    }

  return services;
}

static void
load_sections (KapPersonPage *self)
{
  GListModel *model = G_LIST_MODEL (self->records);
  g_autoptr(GHashTable) services = NULL;
  g_autofree char *latest_screening = NULL;
  guint n_items;

  clear_list (self->screenings_list);
  clear_list (self->return_list);
  clear_list (self->referrals_list);
  clear_list (self->sessions_list);

  if (self->person_id == NULL || self->records == NULL)
    {
      load_referrals (self, NULL);
      return;
    }

  services = referral_services (self);

  /* A person has a handful of records, and the list has only theirs. */
  n_items = g_list_model_get_n_items (model);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (model, i);
      GtkListBox *list = kap_person_page_get_list (self, kap_record_summary_get_doc_type (summary));

      if (list == NULL || g_strcmp0 (kap_record_summary_get_id (summary), self->person_id) == 0)
        continue;

      /* Newest first: the first screening is the latest. */
      if (latest_screening == NULL && list == self->screenings_list)
        latest_screening = g_strdup (kap_record_summary_get_id (summary));
      gtk_list_box_append (list, make_record_row (self, summary, services));
    }

  load_referrals (self, latest_screening);
}

static void
records_changed_cb (KapPersonPage *self,
                    guint          position,
                    guint          removed,
                    guint          added,
                    GListModel    *model)
{
  if (self->person_id == NULL)
    return;

  /* The person's own record is in the list too, so an edit of the name
   * arrives here as well. */
  load_details (self);
  load_sections (self);
}

static void
edit_clicked_cb (KapPersonPage *self)
{
  if (self->person_id != NULL)
    g_signal_emit (self, signals [EDIT_RECORD], 0, self->person_id);
}

static void
new_screening_clicked_cb (KapPersonPage *self)
{
  g_signal_emit (self, signals [NEW_RECORD], 0, "screening");
}

static void
new_return_clicked_cb (KapPersonPage *self)
{
  g_signal_emit (self, signals [NEW_RECORD], 0, "return_interest");
}

static void
row_activated_cb (KapPersonPage *self,
                  GtkListBoxRow *row,
                  GtkListBox    *list)
{
  const char *id = g_object_get_data (G_OBJECT (row), "kap-record-id");

  if (id != NULL)
    g_signal_emit (self, signals [OPEN_RECORD], 0, id);
}

static GtkWidget *
make_placeholder (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");

  return label;
}

static void
kap_person_page_dispose (GObject *object)
{
  KapPersonPage *self = (KapPersonPage *)object;

  if (self->records != NULL)
    g_signal_handlers_disconnect_by_func (self->records, records_changed_cb, self);

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_PERSON_PAGE);

  g_clear_object (&self->records);
  g_clear_object (&self->store);
  g_clear_object (&self->forms);

  G_OBJECT_CLASS (kap_person_page_parent_class)->dispose (object);
}

static void
kap_person_page_finalize (GObject *object)
{
  KapPersonPage *self = (KapPersonPage *)object;

  g_free (self->person_id);
  g_free (self->title);

  G_OBJECT_CLASS (kap_person_page_parent_class)->finalize (object);
}

static void
kap_person_page_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  KapPersonPage *self = KAP_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_PERSON_ID:
      g_value_set_string (value, self->person_id);
      break;

    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_person_page_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  KapPersonPage *self = KAP_PERSON_PAGE (object);

  switch (prop_id)
    {
    case PROP_PERSON_ID:
      kap_person_page_set_person_id (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_person_page_class_init (KapPersonPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_person_page_dispose;
  object_class->finalize = kap_person_page_finalize;
  object_class->get_property = kap_person_page_get_property;
  object_class->set_property = kap_person_page_set_property;

  properties [PROP_PERSON_ID] =
    g_param_spec_string ("person-id", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties [PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [EDIT_RECORD] =
    g_signal_new ("edit-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals [NEW_RECORD] =
    g_signal_new ("new-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (KAP_TYPE_SUGGESTIONS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/records/kap-person-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, original_label);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, status_label);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, sex_row);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, age_row);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, nationality_row);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, languages_row);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, screenings_list);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, return_list);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, referrals_list);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, sessions_list);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, new_screening_button);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, new_return_button);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, suggestions_group);
  gtk_widget_class_bind_template_child (widget_class, KapPersonPage, refer_button);
  gtk_widget_class_bind_template_callback (widget_class, edit_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_screening_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_return_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
kap_person_page_init (KapPersonPage *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->screenings_list, make_placeholder (_("No screenings yet")));
  gtk_list_box_set_placeholder (self->return_list, make_placeholder (_("No interest in return recorded")));
  gtk_list_box_set_placeholder (self->referrals_list, make_placeholder (_("No referrals yet")));
  gtk_list_box_set_placeholder (self->sessions_list, make_placeholder (_("No interpreter sessions yet")));
}

GtkWidget *
kap_person_page_new (KapStore        *store,
                     KapFormRegistry *forms)
{
  KapPersonPage *self;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);

  self = g_object_new (KAP_TYPE_PERSON_PAGE, NULL);
  self->store = g_object_ref (store);
  self->forms = g_object_ref (forms);
  kap_suggestions_group_set_store (self->suggestions_group, store, forms);

  return GTK_WIDGET (self);
}

const char *
kap_person_page_get_person_id (KapPersonPage *self)
{
  g_return_val_if_fail (KAP_IS_PERSON_PAGE (self), NULL);

  return self->person_id;
}

void
kap_person_page_set_person_id (KapPersonPage *self,
                               const char    *person_id)
{
  g_return_if_fail (KAP_IS_PERSON_PAGE (self));
  g_return_if_fail (self->store != NULL);

  if (g_strcmp0 (self->person_id, person_id) == 0)
    return;

  g_free (self->person_id);
  self->person_id = g_strdup (person_id);

  if (self->records != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->records, records_changed_cb, self);
      g_clear_object (&self->records);
    }

  if (person_id != NULL)
    {
      g_autoptr(GError) error = NULL;

      /* Only this person and their records, through the person index:
       * opening a person never reads the summaries of the whole store. The
       * list follows the store's changes by itself. */
      self->records = kap_record_list_new_for_person (self->store, person_id, &error);
      if (self->records == NULL)
        g_warning ("Could not list the person’s records: %s", error->message);
      else
        g_signal_connect_object (self->records, "items-changed",
                                 G_CALLBACK (records_changed_cb), self, G_CONNECT_SWAPPED);

      load_details (self);
    }

  load_sections (self);

  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PERSON_ID]);
}

const char *
kap_person_page_get_title (KapPersonPage *self)
{
  g_return_val_if_fail (KAP_IS_PERSON_PAGE (self), NULL);

  return self->title;
}

const char *
kap_person_page_get_original_name (KapPersonPage *self)
{
  g_return_val_if_fail (KAP_IS_PERSON_PAGE (self), NULL);

  return gtk_widget_get_visible (GTK_WIDGET (self->original_label)) ? gtk_label_get_text (self->original_label) : NULL;
}

KapRecordList *
kap_person_page_get_records (KapPersonPage *self)
{
  g_return_val_if_fail (KAP_IS_PERSON_PAGE (self), NULL);

  return self->records;
}
