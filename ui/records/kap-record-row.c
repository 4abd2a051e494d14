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

/* How far a record under its person is indented: about the width of the
 * type icon, so the record's icon sits under the person's name. */
#define NESTED_INDENT 24

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
  gboolean nested;

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

  stage = kap_records_stage_label (self->forms, kap_record_summary_get_stage (summary));
  when = kap_records_format_time (kap_record_summary_get_updated_at (summary), NULL);
  nested = kap_record_summary_get_nested (summary);

  if (nested)
    {
      /* Under its person, whose name is on the row above: the record says
       * what it is, and the name is not repeated. */
      gtk_label_set_text (self->title_label, kap_records_type_label (type));
      if (stage != NULL)
        kap_records_append_part (subtitle, stage, TRUE);
      else
        kap_records_append_part (subtitle, kap_records_status_label (kap_record_summary_get_status (summary)), TRUE);
      /* Indented on the start side, whichever the writing direction. */
      gtk_widget_set_margin_start (GTK_WIDGET (self), NESTED_INDENT);
      gtk_widget_add_css_class (GTK_WIDGET (self), "nested");
    }
  else
    {
      gtk_label_set_text (self->title_label, title);
      if (original != NULL && g_strcmp0 (original, title) != 0)
        kap_records_append_part (subtitle, original, FALSE);
      kap_records_append_part (subtitle, kap_records_type_label (type), TRUE);
      if (stage != NULL)
        kap_records_append_part (subtitle, stage, TRUE);
      else
        kap_records_append_part (subtitle, kap_records_status_label (kap_record_summary_get_status (summary)), TRUE);
      gtk_widget_set_margin_start (GTK_WIDGET (self), 0);
      gtk_widget_remove_css_class (GTK_WIDGET (self), "nested");
    }
  kap_records_append_part (subtitle, when, TRUE);

  gtk_label_set_text (self->subtitle_label, subtitle->str);

  gtk_image_set_from_icon_name (self->type_icon, kap_records_type_icon (type));
  kap_records_set_priority_badge (self->priority_label, kap_record_summary_get_priority (summary));

  state = kap_record_summary_get_sync_state (summary);
  kap_records_style_sync_icon (self->sync_icon, state);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->sync_icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kap_records_sync_label (state),
                                  -1);

  /* A screen reader reads the row as one sentence, priority and sync state
   * included, which are otherwise only colours and icons. */
  accessible = g_strdup_printf ("%s%s\u2068%s\u2069, %s%s%s, %s",
                                nested ? kap_records_type_label (type) : "",
                                nested ? ", " : "",
                                title, subtitle->str,
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
