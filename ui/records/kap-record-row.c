/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records-common.h"
#include "kap-record-row.h"
#include "kap-style.h"

struct _KapRecordRow
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkImage         *type_icon;
  GtkLabel         *title_label;
  GtkLabel         *subtitle_label;
  GtkLabel         *priority_label;
  GtkImage         *sync_icon;

  /* Owned references */
  KapFormRegistry  *forms;
  KapRecordSummary *summary;
};

G_DEFINE_FINAL_TYPE (KapRecordRow, kap_record_row, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
append_part (GString    *text,
             const char *part)
{
  if (part == NULL || part[0] == '\0')
    return;

  if (text->len > 0)
    /* Translators: separates the parts of a record's description in the
     * list, e.g. “Screening · Draft · Today at 09:30”. */
    g_string_append (text, _(" · "));
  g_string_append (text, part);
}

static void
kap_record_row_update (KapRecordRow *self)
{
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *stage = NULL;
  g_autofree char *when = NULL;
  g_autofree char *accessible = NULL;
  KapRecordSummary *summary = self->summary;
  const char *type;
  const char *title;
  const char *original;
  KapSyncState state;

  if (summary == NULL)
    return;

  type = kap_record_summary_get_doc_type (summary);
  title = kap_record_summary_get_title (summary);
  original = kap_record_summary_get_title_original (summary);

  if (title == NULL || title[0] == '\0')
    {
      /* A person with no name yet, or a record about nobody in particular. */
      if (original != NULL && original[0] != '\0')
        title = original;
      else if (g_strcmp0 (type, "person") == 0)
        title = _("Unnamed Person");
      else
        title = _("No Person");
    }

  gtk_label_set_text (self->title_label, title);

  if (original != NULL && g_strcmp0 (original, title) != 0)
    append_part (subtitle, original);

  append_part (subtitle, kap_records_type_label (type));

  stage = kap_records_stage_label (self->forms, kap_record_summary_get_stage (summary));
  if (stage != NULL)
    append_part (subtitle, stage);
  else
    append_part (subtitle, kap_records_status_label (kap_record_summary_get_status (summary)));

  when = kap_records_format_time (kap_record_summary_get_updated_at (summary), NULL);
  append_part (subtitle, when);

  gtk_label_set_text (self->subtitle_label, subtitle->str);

  gtk_image_set_from_icon_name (self->type_icon, kap_records_type_icon (type));
  kap_records_set_priority_badge (self->priority_label, kap_record_summary_get_priority (summary));

  state = kap_record_summary_get_sync_state (summary);
  gtk_image_set_from_icon_name (self->sync_icon, kap_records_sync_icon (state));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->sync_icon), kap_records_sync_label (state));
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_icon), "conflict");
  gtk_widget_remove_css_class (GTK_WIDGET (self->sync_icon), "rejected");
  /* Pending and sent are the normal course of things and stay quiet;
   * a conflict or a refusal needs a supervisor and stands out. */
  if (state == KAP_SYNC_STATE_CONFLICT)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_icon), "conflict");
  else if (state == KAP_SYNC_STATE_REJECTED)
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_icon), "rejected");
  if (state == KAP_SYNC_STATE_CONFLICT || state == KAP_SYNC_STATE_REJECTED)
    gtk_widget_remove_css_class (GTK_WIDGET (self->sync_icon), "dim-label");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->sync_icon), "dim-label");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kap_records_sync_label (state),
                                  -1);

  /* A screen reader reads the row as one sentence, priority and sync state
   * included, which are otherwise only colours and icons. */
  accessible = g_strdup_printf ("%s, %s%s%s, %s", title, subtitle->str,
                                kap_record_summary_get_priority (summary) ? ", " : "",
                                kap_record_summary_get_priority (summary) ? kap_record_summary_get_priority (summary) : "",
                                kap_records_sync_label (state));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);
}

static void
kap_record_row_dispose (GObject *object)
{
  KapRecordRow *self = (KapRecordRow *)object;
  GtkWidget *child;

  gtk_widget_dispose_template (GTK_WIDGET (self), KAP_TYPE_RECORD_ROW);

  /* GTK 4.8 unparents only the template children that have an id. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  g_clear_object (&self->summary);
  g_clear_object (&self->forms);

  G_OBJECT_CLASS (kap_record_row_parent_class)->dispose (object);
}

static void
kap_record_row_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  KapRecordRow *self = KAP_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      g_value_set_object (value, self->summary);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_record_row_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  KapRecordRow *self = KAP_RECORD_ROW (object);

  switch (prop_id)
    {
    case PROP_SUMMARY:
      kap_record_row_set_summary (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_record_row_class_init (KapRecordRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_record_row_dispose;
  object_class->get_property = kap_record_row_get_property;
  object_class->set_property = kap_record_row_set_property;

  properties [PROP_SUMMARY] =
    g_param_spec_object ("summary", NULL, NULL,
                         KAP_TYPE_RECORD_SUMMARY,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE_PATH "/ui/records/kap-record-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KapRecordRow, type_icon);
  gtk_widget_class_bind_template_child (widget_class, KapRecordRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, KapRecordRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, KapRecordRow, priority_label);
  gtk_widget_class_bind_template_child (widget_class, KapRecordRow, sync_icon);
  gtk_widget_class_set_css_name (widget_class, "kaprecordrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kap_record_row_init (KapRecordRow *self)
{
  kap_style_ensure ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kap_record_row_new (KapFormRegistry *forms)
{
  KapRecordRow *self;

  g_return_val_if_fail (!forms || KAP_IS_FORM_REGISTRY (forms), NULL);

  self = g_object_new (KAP_TYPE_RECORD_ROW, NULL);
  g_set_object (&self->forms, forms);

  return GTK_WIDGET (self);
}

KapRecordSummary *
kap_record_row_get_summary (KapRecordRow *self)
{
  g_return_val_if_fail (KAP_IS_RECORD_ROW (self), NULL);

  return self->summary;
}

void
kap_record_row_set_summary (KapRecordRow     *self,
                            KapRecordSummary *summary)
{
  g_return_if_fail (KAP_IS_RECORD_ROW (self));
  g_return_if_fail (!summary || KAP_IS_RECORD_SUMMARY (summary));

  if (!g_set_object (&self->summary, summary))
    return;

  kap_record_row_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_SUMMARY]);
}
