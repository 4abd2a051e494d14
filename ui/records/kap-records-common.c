/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-records-common"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"

typedef struct
{
  const char *type;
  const char *label;
  const char *icon;
} TypeInfo;

static const TypeInfo type_infos[] = {
  { "person", N_("Person"), "avatar-default-symbolic" },
  { "screening", N_("Screening"), "x-office-document-symbolic" },
  { "return_interest", N_("Return Interest"), "go-home-symbolic" },
  { "referral", N_("Referral"), "mail-forward-symbolic" },
  { "interpreter_session", N_("Interpreter Session"), "preferences-desktop-locale-symbolic" },
};

const char *
kap_records_type_label (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_infos); i++)
    if (g_strcmp0 (type, type_infos[i].type) == 0)
      return _(type_infos[i].label);

  return C_("record type", "Record");
}

const char *
kap_records_type_icon (const char *type)
{
  for (guint i = 0; i < G_N_ELEMENTS (type_infos); i++)
    if (g_strcmp0 (type, type_infos[i].type) == 0)
      return type_infos[i].icon;

  return "x-office-document-symbolic";
}

const char *
kap_records_status_label (const char *status)
{
  if (g_strcmp0 (status, KAP_RECORD_STATUS_DRAFT) == 0)
    return C_("record status", "Draft");
  if (g_strcmp0 (status, KAP_RECORD_STATUS_FINAL) == 0)
    return C_("record status", "Final");
  if (g_strcmp0 (status, KAP_RECORD_STATUS_REVIEWED) == 0)
    return C_("record status", "Reviewed");

  return status != NULL ? status : "";
}

const char *
kap_records_sync_label (KapSyncState state)
{
  switch (state)
    {
    case KAP_SYNC_STATE_PENDING:
      return C_("sync state", "Not synced yet");
    case KAP_SYNC_STATE_SENT:
      return C_("sync state", "Synced");
    case KAP_SYNC_STATE_CONFLICT:
      return C_("sync state", "Conflict");
    case KAP_SYNC_STATE_REJECTED:
      return C_("sync state", "Rejected by the server");
    default:
      return "";
    }
}

const char *
kap_records_sync_icon (KapSyncState state)
{
  switch (state)
    {
    case KAP_SYNC_STATE_PENDING:
      return "emblem-synchronizing-symbolic";
    case KAP_SYNC_STATE_SENT:
      return "emblem-ok-symbolic";
    case KAP_SYNC_STATE_CONFLICT:
      return "dialog-warning-symbolic";
    case KAP_SYNC_STATE_REJECTED:
      return "action-unavailable-symbolic";
    default:
      return NULL;
    }
}

const char *
kap_records_sync_description (KapSyncState state)
{
  switch (state)
    {
    case KAP_SYNC_STATE_PENDING:
      return _("Saved on this laptop only. The next sync sends it to the server.");
    case KAP_SYNC_STATE_SENT:
      return _("On the server as it is here. Nothing to do.");
    case KAP_SYNC_STATE_CONFLICT:
      return _("Changed here and elsewhere at the same time. A supervisor chooses what stays.");
    case KAP_SYNC_STATE_REJECTED:
      return _("The server refused the last change. A supervisor sees why on the sync page.");
    default:
      return "";
    }
}

void
kap_records_style_sync_icon (GtkImage     *image,
                             KapSyncState  state)
{
  GtkWidget *widget = GTK_WIDGET (image);
  g_autofree char *tooltip = NULL;

  gtk_image_set_from_icon_name (image, kap_records_sync_icon (state));
  gtk_widget_add_css_class (widget, "kap-sync-icon");
  gtk_widget_remove_css_class (widget, "conflict");
  gtk_widget_remove_css_class (widget, "rejected");

  /* Pending and sent are the normal course of things and stay quiet;
   * a conflict or a refusal needs a supervisor and stands out. */
  if (state == KAP_SYNC_STATE_CONFLICT)
    gtk_widget_add_css_class (widget, "conflict");
  else if (state == KAP_SYNC_STATE_REJECTED)
    gtk_widget_add_css_class (widget, "rejected");
  if (state == KAP_SYNC_STATE_CONFLICT || state == KAP_SYNC_STATE_REJECTED)
    gtk_widget_remove_css_class (widget, "dim-label");
  else
    gtk_widget_add_css_class (widget, "dim-label");

  /* Translators: the tooltip of a record's sync icon: the state, then
   * what it means (“Synced: On the server as it is here. …”). */
  tooltip = g_strdup_printf (_("%s: %s"), kap_records_sync_label (state),
                             kap_records_sync_description (state));
  gtk_widget_set_tooltip_text (widget, tooltip);
}

void
kap_records_append_part (GString    *text,
                         const char *part,
                         gboolean    together)
{
  const char *separator;

  if (part == NULL || part[0] == '\0')
    return;

  if (text->len > 0)
    {
      /* Translators: separates the parts of a record's description in the
       * list, e.g. “Screening · Draft · Today at 09:30”. */
      separator = _(" · ");
      if (separator[0] == ' ')
        {
          g_string_append (text, "\u00a0");
          separator++;
        }
      g_string_append (text, separator);
    }

  g_string_append (text, "\u2068");
  for (const char *p = part; *p != '\0'; p++)
    {
      if (together && *p == ' ')
        g_string_append (text, "\u00a0");
      else
        g_string_append_c (text, *p);
    }
  g_string_append (text, "\u2069");
}

static const char *
choice_label (KapFormRegistry *forms,
              const char      *form_id,
              const char      *field_name,
              const char      *value)
{
  KapFormField *field;
  KapForm *form;

  if (forms == NULL || value == NULL)
    return NULL;

  form = kap_form_registry_get_latest (forms, form_id);
  if (form == NULL)
    return NULL;

  field = kap_form_lookup_field (form, field_name);
  if (field == NULL)
    return NULL;

  return kap_form_field_get_choice_label (field, value, NULL);
}

char *
kap_records_stage_label (KapFormRegistry *forms,
                         const char      *stage)
{
  const char *label;

  if (stage == NULL)
    return NULL;

  label = choice_label (forms, "return_interest", "stage", stage);

  return g_strdup (label != NULL ? label : stage);
}

char *
kap_records_category_labels (KapFormRegistry    *forms,
                             const char * const *categories)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      const char *label;

      if (categories[i][0] == '\0')
        continue;

      label = choice_label (forms, "screening", "vuln_cat", categories[i]);
      if (text->len > 0)
        /* Translators: separates the categories of a screening. */
        g_string_append (text, _(", "));
      g_string_append (text, label != NULL ? label : categories[i]);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

char *
kap_records_format_time (const char *timestamp,
                         GDateTime  *now)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  g_autofree char *clock = NULL;
  GTimeSpan age;

  if (timestamp == NULL)
    return g_strdup ("");

  utc = g_date_time_new_from_iso8601 (timestamp, NULL);
  if (utc == NULL)
    return g_strdup (timestamp);

  local = g_date_time_to_local (utc);
  local_now = now != NULL ? g_date_time_to_local (now) : g_date_time_new_now_local ();
  age = g_date_time_difference (local_now, local);

  /* A laptop clock that was behind when the record was written gives a
   * small negative age: still “just now”. */
  if (age < G_TIME_SPAN_MINUTE)
    return g_strdup (_("Just now"));

  if (age < G_TIME_SPAN_HOUR)
    {
      int minutes = (int) (age / G_TIME_SPAN_MINUTE);

      /* Translators: how long ago a record changed. */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d minute ago", "%d minutes ago", minutes),
                              minutes);
    }

  /* Translators: a time of day, see the GDateTime format codes. */
  clock = g_date_time_format (local, _("%H:%M"));
  yesterday = g_date_time_add_days (local_now, -1);

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (local_now))
    /* Translators: %s is a time of day. */
    return g_strdup_printf (_("Today at %s"), clock);

  if (g_date_time_get_year (local) == g_date_time_get_year (yesterday) &&
      g_date_time_get_day_of_year (local) == g_date_time_get_day_of_year (yesterday))
    /* Translators: %s is a time of day. */
    return g_strdup_printf (_("Yesterday at %s"), clock);

  if (g_date_time_get_year (local) == g_date_time_get_year (local_now))
    /* Translators: a date in this year, see the GDateTime format codes. */
    return g_date_time_format (local, _("%-d %B"));

  /* Translators: a date, see the GDateTime format codes. */
  return g_date_time_format (local, _("%-d %B %Y"));
}

void
kap_records_set_priority_badge (GtkLabel   *label,
                                const char *priority)
{
  static const char *classes[] = { "p1", "p2", "p3" };

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (label), classes[i]);

  if (priority == NULL || priority[0] == '\0')
    {
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      return;
    }

  gtk_label_set_text (label, priority);
  gtk_widget_add_css_class (GTK_WIDGET (label), "kap-badge");
  if (g_str_equal (priority, "P1"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "p1");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), _("Priority 1: immediate, the same day"));
    }
  else if (g_str_equal (priority, "P2"))
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "p2");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), _("Priority 2: within about 72 hours"));
    }
  else
    {
      gtk_widget_add_css_class (GTK_WIDGET (label), "p3");
      gtk_widget_set_tooltip_text (GTK_WIDGET (label), _("Priority 3: standard"));
    }
  /* Read out as what it means, not as “P1”. */
  gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_widget_get_tooltip_text (GTK_WIDGET (label)),
                                  -1);
  gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
}

void
kap_records_follow_persons (KapPersonIndex *index,
                            KapStore       *store)
{
  kap_person_index_follow (index, store);
}
