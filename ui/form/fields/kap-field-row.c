/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-row"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-field-row.h"
#include "kap-form-text.h"
#include "kap-json.h"

typedef struct
{
  KapForm      *form;
  KapFormField *field;
  JsonObject   *answers;       /* the whole record body */
  JsonObject   *item;          /* the repeat item, or NULL */
  JsonObject   *target;        /* where the answer lives: item or answers */
  KapFormField *repeat;        /* the enclosing repeat, or NULL */
  guint         index;         /* the item's position in the repeat */
  KapStore     *store;         /* for "person" fields; may be NULL */
  gboolean      can_pick;      /* "person": the view has a person picker */

  GtkWidget    *edit_row;      /* NULL when the field is never editable */
  GtkWidget    *display_row;   /* the answer as text */
  GtkWidget    *message_row;   /* NULL for a note */
  GtkLabel     *message_label;
  GtkWidget    *focus_widget;  /* the first control of the edit row */
  char         *hint;
  char         *language;      /* of the form's texts; NULL: the UI's */

  char        **allowed;       /* select_one: the codes allowed now */
  char         *parse_error;   /* text that is not a number or date */
  char         *message;       /* the message shown, or NULL */
  gboolean      loading;       /* setting widgets, not the officer */
  gboolean      read_only;     /* the whole view is read-only */
  gboolean      relevant;
  gboolean      required;
} KapFieldRowPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (KapFieldRow, kap_field_row, G_TYPE_OBJECT)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals [N_SIGNALS];

char *
kap_field_row_title (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  const char *label = kap_form_field_get_label (priv->field, priv->language);

  if (priv->required && !priv->read_only)
    /* Translators: the label of a question that must be answered; the
     * asterisk is the usual visible mark of a required field. */
    return g_strdup_printf (_("%s *"), label);

  return g_strdup (label);
}

JsonNode *
kap_field_row_get_answer (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  const char *name = kap_form_field_get_name (priv->field);

  if (!json_object_has_member (priv->target, name))
    return NULL;

  return json_object_get_member (priv->target, name);
}

void
kap_field_row_set_answer (KapFieldRow *self,
                          JsonNode    *node)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  const char *name = kap_form_field_get_name (priv->field);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      g_clear_pointer (&node, json_node_unref);
      json_object_remove_member (priv->target, name);
    }
  else
    {
      /* Typed text never holds the reader's markers (kap-json.h), or it
       * would be written out as something else. */
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        {
          g_autofree char *owned = NULL;
          const char *safe = kap_json_string_sanitize (json_node_get_string (node), &owned);

          if (owned != NULL)
            json_node_set_string (node, safe);
        }
      json_object_set_member (priv->target, name, node);
    }
}

void
kap_field_row_emit_changed (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  if (!priv->loading)
    g_signal_emit (self, signals [CHANGED], 0);
}

static void
update_display (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  g_autofree char *text = NULL;

  if (priv->display_row == NULL || !ADW_IS_ACTION_ROW (priv->display_row))
    return;

  text = KAP_FIELD_ROW_GET_CLASS (self)->describe (self);
  if (text == NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (priv->display_row), _("Not answered"));
      gtk_widget_add_css_class (priv->display_row, "kap-not-answered");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (priv->display_row), text);
      gtk_widget_remove_css_class (priv->display_row, "kap-not-answered");
    }
}

static void
load_widgets (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  KapFieldRowClass *klass = KAP_FIELD_ROW_GET_CLASS (self);

  if (priv->edit_row == NULL || klass->load == NULL)
    return;

  priv->loading = TRUE;
  klass->load (self);
  priv->loading = FALSE;
}

static void
set_message (KapFieldRow *self,
             const char  *message)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  GtkWidget *accessible = priv->focus_widget ? priv->focus_widget : priv->edit_row;
  gboolean hint_below = KAP_FIELD_ROW_GET_CLASS (self)->hint_below && priv->edit_row != NULL;
  const char *shown = message ? message : (hint_below ? priv->hint : NULL);

  if (g_strcmp0 (priv->message, message) == 0 &&
      gtk_widget_get_visible (priv->message_row) == (shown != NULL && priv->relevant))
    return;

  g_free (priv->message);
  priv->message = g_strdup (message);

  gtk_label_set_text (priv->message_label, shown ? shown : "");
  kap_form_text_set_directions (GTK_WIDGET (priv->message_label));
  gtk_widget_set_visible (priv->message_row, shown != NULL && priv->relevant);
  /* No separator between a row and its own message. */
  if (priv->edit_row != NULL)
    {
      if (shown != NULL)
        gtk_widget_add_css_class (priv->edit_row, "kap-has-message");
      else
        gtk_widget_remove_css_class (priv->edit_row, "kap-has-message");
    }
  if (message != NULL)
    {
      gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (priv->message_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (priv->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (priv->message_label), "dim-label");
    }

  if (priv->edit_row != NULL)
    {
      if (message != NULL)
        gtk_widget_add_css_class (priv->edit_row, "error");
      else
        gtk_widget_remove_css_class (priv->edit_row, "error");
    }

  if (accessible != NULL)
    {
      gtk_accessible_update_state (GTK_ACCESSIBLE (accessible),
                                   GTK_ACCESSIBLE_STATE_INVALID,
                                   message ? GTK_ACCESSIBLE_INVALID_TRUE : GTK_ACCESSIBLE_INVALID_FALSE,
                                   -1);
      if (shown != NULL)
        gtk_accessible_update_property (GTK_ACCESSIBLE (accessible),
                                        GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, shown,
                                        -1);
      else
        gtk_accessible_reset_property (GTK_ACCESSIBLE (accessible),
                                       GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

static void
set_required (KapFieldRow *self,
              gboolean     required)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  g_autofree char *title = NULL;

  if (priv->edit_row == NULL)
    return;

  priv->required = required;
  title = kap_field_row_title (self);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (priv->edit_row), title);

  if (required)
    gtk_widget_add_css_class (priv->edit_row, "kap-required");
  else
    gtk_widget_remove_css_class (priv->edit_row, "kap-required");

  gtk_accessible_update_property (GTK_ACCESSIBLE (priv->edit_row),
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, required,
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kap_form_field_get_label (priv->field, priv->language),
                                  -1);
  if (priv->focus_widget != NULL && priv->focus_widget != priv->edit_row)
    gtk_accessible_update_property (GTK_ACCESSIBLE (priv->focus_widget),
                                    GTK_ACCESSIBLE_PROPERTY_REQUIRED, required,
                                    -1);
}

static GtkWidget *
kap_field_row_real_build_display (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kap_form_field_get_label (priv->field, NULL));
  gtk_widget_add_css_class (row, "property");
  gtk_widget_add_css_class (row, "kap-display-row");
  /* A stop for Tab, so that calculated answers can be read out too. */
  gtk_widget_set_focusable (row, TRUE);

  return row;
}

static char *
kap_field_row_real_describe (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  return kap_field_row_format_answer (priv->form, priv->field, kap_field_row_get_answer (self));
}

static void
kap_field_row_real_update (KapFieldRow *self,
                           const GDate *today,
                           gboolean     show_missing)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  gboolean required, read_only;
  g_autofree char *message = NULL;
  JsonNode *answer;

  if (!priv->relevant)
    {
      if (priv->edit_row != NULL)
        gtk_widget_set_visible (priv->edit_row, FALSE);
      gtk_widget_set_visible (priv->display_row, FALSE);
      gtk_widget_set_visible (priv->message_row, FALSE);
      return;
    }

  required = kap_form_field_is_required (priv->form, priv->field, priv->answers, priv->item, today);
  read_only = priv->read_only || priv->edit_row == NULL ||
              kap_form_field_is_read_only (priv->form, priv->field, priv->answers, priv->item, today);

  if (priv->edit_row != NULL)
    {
      gtk_widget_set_visible (priv->edit_row, !read_only);
      if (required != priv->required)
        set_required (self, required);
    }
  gtk_widget_set_visible (priv->display_row, read_only);
  if (read_only)
    update_display (self);

  /* A calculation may have changed the answer behind a widget that a
   * dynamic read-only expression hides; keep them in step. */
  if (read_only && priv->edit_row != NULL)
    load_widgets (self);

  answer = kap_field_row_get_answer (self);
  if (priv->parse_error != NULL && !read_only)
    message = g_strdup (priv->parse_error);
  else if (!read_only && (show_missing || (answer != NULL && !JSON_NODE_HOLDS_NULL (answer))))
    message = kap_form_field_check (priv->form, priv->field, priv->answers, priv->item, priv->language, today);

  set_message (self, message);
}

static void
kap_field_row_finalize (GObject *object)
{
  KapFieldRow *self = (KapFieldRow *)object;
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_clear_object (&priv->form);
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->answers, json_object_unref);
  g_clear_pointer (&priv->item, json_object_unref);
  g_clear_pointer (&priv->allowed, g_strfreev);
  g_free (priv->hint);
  g_free (priv->language);
  g_free (priv->parse_error);
  g_free (priv->message);

  G_OBJECT_CLASS (kap_field_row_parent_class)->finalize (object);
}

static void
kap_field_row_class_init (KapFieldRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kap_field_row_finalize;

  klass->build_display = kap_field_row_real_build_display;
  klass->describe = kap_field_row_real_describe;
  klass->update = kap_field_row_real_update;
  klass->relabel = kap_field_row_real_relabel;

  /**
   * KapFieldRow::changed:
   *
   * The officer changed the answer (not emitted while loading).
   */
  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
kap_field_row_init (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  priv->relevant = TRUE;
}

void
kap_field_row_construct (KapFieldRow  *self,
                         KapForm      *form,
                         KapFormField *field,
                         JsonObject   *answers,
                         KapFormField *repeat,
                         JsonObject   *item,
                         guint         index,
                         gboolean      read_only,
                         KapStore     *store)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  KapFieldRowClass *klass = KAP_FIELD_ROW_GET_CLASS (self);
  GtkWidget *label;

  g_return_if_fail (KAP_IS_FIELD_ROW (self));
  g_return_if_fail (priv->form == NULL);

  priv->form = g_object_ref (form);
  priv->field = field;
  priv->answers = json_object_ref (answers);
  priv->item = item ? json_object_ref (item) : NULL;
  priv->target = item ? item : answers;
  priv->repeat = repeat;
  priv->index = index;
  priv->read_only = read_only;
  g_set_object (&priv->store, store);
  priv->hint = g_strdup (kap_form_field_get_hint (field, NULL));

  /* Calculated fields are never typed in; read-only ones only when the
   * expression says so, so they get both rows. */
  if (!read_only && !kap_form_field_has_calculate (field) && klass->build != NULL)
    priv->edit_row = klass->build (self);

  priv->display_row = klass->build_display (self);
  if (priv->edit_row != NULL)
    gtk_widget_set_visible (priv->display_row, FALSE);

  if (klass->asks_nothing)
    return;

  /* The line under the row: the hint of an entry (entry rows have no
   * subtitle), or what is wrong with the answer. */
  label = gtk_label_new (NULL);
  priv->message_label = GTK_LABEL (label);
  gtk_label_set_wrap (priv->message_label, TRUE);
  gtk_label_set_wrap_mode (priv->message_label, PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (priv->message_label, 0.0);
  gtk_widget_set_halign (label, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (label, "caption");
  /* A preferences row, or the group would put it outside its list. */
  priv->message_row = adw_preferences_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (priv->message_row), label);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (priv->message_row), FALSE);
  gtk_widget_set_sensitive (priv->message_row, FALSE);
  gtk_widget_add_css_class (priv->message_row, "kap-message-row");
  gtk_widget_set_visible (priv->message_row, FALSE);

  load_widgets (self);
  update_display (self);
}

static void
add_one (GtkWidget *container,
         GtkWidget *widget)
{
  if (widget == NULL)
    return;

  if (ADW_IS_PREFERENCES_GROUP (container))
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), widget);
  else if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), widget);
  else
    g_return_if_reached ();
}

static void
remove_one (GtkWidget *container,
            GtkWidget *widget)
{
  if (widget == NULL)
    return;

  if (ADW_IS_PREFERENCES_GROUP (container))
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (container), widget);
  else if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_remove (ADW_EXPANDER_ROW (container), widget);
}

void
kap_field_row_add_to (KapFieldRow *self,
                      GtkWidget   *container)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  add_one (container, priv->edit_row);
  add_one (container, priv->display_row);
  add_one (container, priv->message_row);
}

void
kap_field_row_remove_from (KapFieldRow *self,
                           GtkWidget   *container)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  remove_one (container, priv->edit_row);
  remove_one (container, priv->display_row);
  remove_one (container, priv->message_row);
}

void
kap_field_row_update (KapFieldRow *self,
                      const GDate *today,
                      gboolean     show_missing)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  priv->relevant = kap_form_field_is_relevant (priv->form, priv->field, priv->answers, priv->item, today);
  KAP_FIELD_ROW_GET_CLASS (self)->update (self, today, show_missing);
}

void
kap_field_row_set_allowed (KapFieldRow        *self,
                           const char * const *codes)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  KapFieldRowClass *klass = KAP_FIELD_ROW_GET_CLASS (self);

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  g_clear_pointer (&priv->allowed, g_strfreev);
  priv->allowed = codes ? g_strdupv ((char **) codes) : NULL;

  if (priv->edit_row != NULL && klass->allowed_changed != NULL)
    {
      priv->loading = TRUE;
      klass->allowed_changed (self);
      priv->loading = FALSE;
    }
}

const char * const *
kap_field_row_get_allowed (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  return (const char * const *) priv->allowed;
}

void
kap_field_row_set_store (KapFieldRow *self,
                         KapStore    *store)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  KapFieldRowClass *klass = KAP_FIELD_ROW_GET_CLASS (self);

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  g_set_object (&priv->store, store);
  if (klass->store_changed != NULL)
    klass->store_changed (self);
}

KapStore *
kap_field_row_get_store (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  return priv->store;
}

void
kap_field_row_set_can_pick (KapFieldRow *self,
                            gboolean     can_pick)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);
  KapFieldRowClass *klass = KAP_FIELD_ROW_GET_CLASS (self);

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  priv->can_pick = !!can_pick;
  if (klass->store_changed != NULL)
    klass->store_changed (self);
}

gboolean
kap_field_row_get_can_pick (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  return priv->can_pick;
}

void
kap_field_row_reload (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  g_clear_pointer (&priv->parse_error, g_free);
  load_widgets (self);
}

void
kap_field_row_refresh (KapFieldRow *self)
{
  load_widgets (self);
  update_display (self);
}

gboolean
kap_field_row_grab_focus (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_return_val_if_fail (KAP_IS_FIELD_ROW (self), FALSE);

  if (priv->edit_row == NULL || !gtk_widget_get_visible (priv->edit_row))
    return FALSE;

  if (priv->focus_widget != NULL && gtk_widget_grab_focus (priv->focus_widget))
    return TRUE;

  return gtk_widget_grab_focus (priv->edit_row);
}

char *
kap_field_row_get_path (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_return_val_if_fail (KAP_IS_FIELD_ROW (self), NULL);

  if (priv->repeat != NULL)
    return g_strdup_printf ("%s[%u].%s", kap_form_field_get_name (priv->repeat), priv->index + 1,
                            kap_form_field_get_name (priv->field));

  return g_strdup (kap_form_field_get_name (priv->field));
}

#define GETTER(type, name, member)                                        \
  type                                                                    \
  kap_field_row_get_##name (KapFieldRow *self)                            \
  {                                                                       \
    KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self); \
                                                                          \
    g_return_val_if_fail (KAP_IS_FIELD_ROW (self), (type) 0);             \
                                                                          \
    return priv->member;                                                  \
  }

GETTER (KapForm *, form, form)
GETTER (KapFormField *, field, field)
GETTER (KapFormField *, repeat, repeat)
GETTER (guint, index, index)
GETTER (JsonObject *, item, item)
GETTER (gboolean, relevant, relevant)
GETTER (GtkWidget *, edit_row, edit_row)
GETTER (GtkWidget *, display_row, display_row)
GETTER (GtkWidget *, message_row, message_row)
GETTER (const char *, message, message)
GETTER (const char *, parse_error, parse_error)
GETTER (const char *, hint, hint)
GETTER (const char *, language, language)

#undef GETTER

GtkWidget *
kap_field_row_get_widget (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_return_val_if_fail (KAP_IS_FIELD_ROW (self), NULL);

  if (priv->edit_row != NULL && gtk_widget_get_visible (priv->edit_row))
    return priv->edit_row;

  return priv->display_row;
}

gboolean
kap_field_row_is_loading (KapFieldRow *self)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  return priv->loading;
}

void
kap_field_row_set_loading (KapFieldRow *self,
                           gboolean     loading)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  priv->loading = !!loading;
}

void
kap_field_row_set_parse_error (KapFieldRow *self,
                               const char  *message)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_free (priv->parse_error);
  priv->parse_error = g_strdup (message);
}

void
kap_field_row_set_focus_widget (KapFieldRow *self,
                                GtkWidget   *widget)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  priv->focus_widget = widget;
}

void
kap_field_row_set_language (KapFieldRow *self,
                            const char  *language)
{
  KapFieldRowPrivate *priv = kap_field_row_get_instance_private (self);

  g_return_if_fail (KAP_IS_FIELD_ROW (self));

  if (g_strcmp0 (priv->language, language) == 0)
    return;

  g_free (priv->language);
  priv->language = g_strdup (language);
  g_free (priv->hint);
  priv->hint = g_strdup (kap_form_field_get_hint (priv->field, language));
  /* Not a message any row shows: the next update writes the line under
   * the row again, in the new language. */
  g_free (priv->message);
  priv->message = g_strdup ("");

  priv->loading = TRUE;
  KAP_FIELD_ROW_GET_CLASS (self)->relabel (self);
  priv->loading = FALSE;
}
