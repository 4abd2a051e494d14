/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record-badges"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-avr-stage.h"
#include "kap-record-badges.h"

struct _KapRecordBadges
{
  GtkWidget  parent_instance;

  GtkBox    *box;
};

G_DEFINE_FINAL_TYPE (KapRecordBadges, kap_record_badges, GTK_TYPE_WIDGET)

static void
clear (KapRecordBadges *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->box))) != NULL)
    gtk_box_remove (self->box, child);
}

/* A badge shows a code (“UAC”); its tooltip says what the code means, in
 * the UI's language, and a screen reader reads @accessible (the tooltip
 * when NULL). */
static void
add_badge (KapRecordBadges *self,
           const char      *text,
           const char      *description,
           const char      *accessible,
           const char      *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "kap-badge");
  gtk_widget_add_css_class (label, css_class);
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (description != NULL)
    {
      gtk_widget_set_tooltip_text (label, description);
      gtk_accessible_update_property (GTK_ACCESSIBLE (label),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible ? accessible : description,
                                      -1);
    }
  gtk_box_append (self->box, label);
}

static const char *
label_for (KapForm    *form,
           const char *field_name,
           const char *code)
{
  KapFormField *field = form ? kap_form_lookup_field (form, field_name) : NULL;

  return field ? kap_form_field_get_choice_label (field, code, NULL) : NULL;
}

static void
kap_record_badges_dispose (GObject *object)
{
  KapRecordBadges *self = KAP_RECORD_BADGES (object);

  g_clear_pointer ((GtkWidget **) &self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (kap_record_badges_parent_class)->dispose (object);
}

static void
kap_record_badges_class_init (KapRecordBadgesClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_record_badges_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "kap-record-badges");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
kap_record_badges_init (KapRecordBadges *self)
{
  /* One line: a screening rarely has more than five categories, and the
   * header gives the badges a line of their own. */
  self->box = GTK_BOX (gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6));
  gtk_widget_set_halign (GTK_WIDGET (self->box), GTK_ALIGN_START);
  gtk_widget_set_parent (GTK_WIDGET (self->box), GTK_WIDGET (self));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Priority, categories and stage"),
                                  -1);
}

GtkWidget *
kap_record_badges_new (void)
{
  return g_object_new (KAP_TYPE_RECORD_BADGES, NULL);
}

static void
fill (KapRecordBadges    *self,
      KapForm            *form,
      const char         *priority,
      const char * const *categories,
      const char         *stage)
{
  clear (self);

  if (priority != NULL && priority[0] != '\0')
    {
      const char *css = "kap-priority-other";
      const char *label = label_for (form, "priority", priority);
      g_autofree char *description = NULL;

      if (g_str_equal (priority, "P1"))
        css = "kap-priority-p1";
      else if (g_str_equal (priority, "P2"))
        css = "kap-priority-p2";
      else if (g_str_equal (priority, "P3"))
        css = "kap-priority-p3";

      /* Translators: what a screen reader says for the priority badge,
       * e.g. “Priority: P1 · Immediate (same day)”. */
      description = g_strdup_printf (_("Priority: %s"), label ? label : priority);
      add_badge (self, priority, description, NULL, css);
    }

  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    {
      const char *label = label_for (form, "vuln_cat", categories[i]);
      g_autofree char *accessible = NULL;

      /* Translators: what a screen reader says for the badge of a
       * vulnerability category, e.g. “Category: Unaccompanied or
       * separated child”; the badge itself shows its code (“UAC”). */
      accessible = g_strdup_printf (_("Category: %s"), label ? label : categories[i]);
      add_badge (self, categories[i], label ? label : categories[i], accessible, "kap-category");
    }

  /* A return case's stage, by its label: its code (“MED_CLEAR”) means
   * nothing to a reader. */
  if (stage != NULL && stage[0] != '\0')
    {
      const char *label = label_for (form, "stage", stage);
      g_autofree char *description = NULL;

      /* Translators: what a screen reader says for the badge that shows
       * the stage of a return case, e.g. “Stage: Counselling”. */
      description = g_strdup_printf (_("Stage: %s"), label ? label : stage);
      add_badge (self, label ? label : stage, description, NULL,
                 kap_avr_stage_is_final (stage) || g_str_equal (stage, "WHEREABOUTS_UNKNOWN")
                 ? "kap-stage-ended" : "kap-stage");
    }

  gtk_widget_set_visible (GTK_WIDGET (self), gtk_widget_get_first_child (GTK_WIDGET (self->box)) != NULL);
}

void
kap_record_badges_set_answers (KapRecordBadges *self,
                               KapForm         *form,
                               JsonObject      *answers)
{
  const char *priority = NULL;
  const char *stage = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) categories = NULL;
  JsonNode *node;

  g_return_if_fail (KAP_IS_RECORD_BADGES (self));

  node = answers ? json_object_get_member (answers, "priority") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    priority = json_node_get_string (node);

  node = answers ? json_object_get_member (answers, "vuln_cat") : NULL;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *element = json_array_get_element (array, i);

          if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
            g_strv_builder_add (builder, json_node_get_string (element));
        }
    }

  categories = g_strv_builder_end (builder);

  node = answers ? json_object_get_member (answers, "stage") : NULL;
  if (form != NULL && kap_form_lookup_field (form, "stage") != NULL &&
      node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    stage = json_node_get_string (node);

  fill (self, form, priority, (const char * const *) categories, stage);
}

void
kap_record_badges_set (KapRecordBadges    *self,
                       KapForm            *form,
                       const char         *priority,
                       const char * const *categories)
{
  g_return_if_fail (KAP_IS_RECORD_BADGES (self));

  fill (self, form, priority, categories, NULL);
}

char *
kap_record_badges_to_string (KapRecordBadges *self)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (KAP_IS_RECORD_BADGES (self), NULL);

  for (GtkWidget *label = gtk_widget_get_first_child (GTK_WIDGET (self->box));
       label != NULL;
       label = gtk_widget_get_next_sibling (label))
    {
      if (text->len > 0)
        g_string_append_c (text, ' ');
      g_string_append (text, gtk_label_get_text (GTK_LABEL (label)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

GtkWidget *
kap_record_badges_get_badge (KapRecordBadges *self,
                             guint            position)
{
  GtkWidget *child;

  g_return_val_if_fail (KAP_IS_RECORD_BADGES (self), NULL);

  child = gtk_widget_get_first_child (GTK_WIDGET (self->box));
  for (guint i = 0; child != NULL && i < position; i++)
    child = gtk_widget_get_next_sibling (child);

  return child;
}
