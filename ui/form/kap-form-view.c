/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-view"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-field-factory.h"
#include "kap-form-text.h"
#include "kap-form-view-private.h"

/* A repeat: its group and one expander row per item. */
typedef struct
{
  KapFormView  *view;
  KapFormField *field;
  GtkWidget    *group;
  GtkWidget    *add_button;
  GPtrArray    *expanders;       /* AdwExpanderRow */
  GPtrArray    *remove_buttons;  /* GtkButton */
} Repeat;

G_DEFINE_FINAL_TYPE (KapFormView, kap_form_view, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_LANGUAGE,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties [N_PROPS];
static guint signals [N_SIGNALS];

static void build_fields (KapFormView  *self,
                          KapFormField *parent,
                          GtkWidget   **group,
                          KapFormField *group_field);
static void rebuild_repeat (Repeat *repeat);

static void
repeat_free (Repeat *repeat)
{
  g_ptr_array_unref (repeat->expanders);
  g_ptr_array_unref (repeat->remove_buttons);
  g_free (repeat);
}

static Repeat *
find_repeat (KapFormView  *self,
             KapFormField *field,
             const char   *name)
{
  for (guint i = 0; i < self->repeats->len; i++)
    {
      Repeat *repeat = g_ptr_array_index (self->repeats, i);

      if (repeat->field == field || (name != NULL && g_str_equal (kap_form_field_get_name (repeat->field), name)))
        return repeat;
    }

  return NULL;
}

static GtkWidget *
add_section (KapFormView  *self,
             const char   *title,
             KapFormField *field)
{
  GtkWidget *group = adw_preferences_group_new ();
  Section section = { group, field, NULL };

  if (title != NULL)
    adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), title);
  gtk_box_append (GTK_BOX (self->box), group);
  g_array_append_val (self->sections, section);

  return group;
}

static void
update_all (KapFormView *self)
{
  kap_form_apply_calculations (self->form, self->answers, self->today);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);
      gboolean visible = section->field == NULL ||
                         kap_form_field_is_relevant (self->form, section->field, self->answers, NULL, self->today);

      gtk_widget_set_visible (section->group, visible);
    }

  for (guint i = 0; i < self->rows->len; i++)
    kap_field_row_update (g_ptr_array_index (self->rows, i), self->today, self->show_missing);
}

/* A repeat item's title: its number and the first text answered in it
 * (“2 · Милица Јовановић”), so items can be told apart when closed. */
static void
update_item_titles (Repeat *repeat)
{
  JsonNode *node = json_object_get_member (repeat->view->answers, kap_form_field_get_name (repeat->field));
  JsonArray *items = node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;

  for (guint i = 0; i < repeat->expanders->len; i++)
    {
      JsonObject *item = items && i < json_array_get_length (items) ? json_array_get_object_element (items, i) : NULL;
      const char *text = NULL;
      g_autofree char *title = NULL;

      for (guint c = 0; item != NULL && text == NULL && c < kap_form_field_get_n_children (repeat->field); c++)
        {
          KapFormField *child = kap_form_field_get_child (repeat->field, c);
          const char *name = kap_form_field_get_name (child);

          if (kap_form_field_get_field_type (child) == KAP_FIELD_TEXT &&
              g_strcmp0 (kap_form_field_get_appearance (child), "person") != 0 &&
              json_object_has_member (item, name) &&
              JSON_NODE_HOLDS_VALUE (json_object_get_member (item, name)))
            text = json_object_get_string_member (item, name);
        }

      if (text != NULL)
        /* Translators: the title of an item of a list in a form (a family
         * member): its number and name, e.g. “2 · Arben Krasniqi”. */
        title = g_strdup_printf (_("%u · %s"), i + 1, text);
      else
        /* Translators: the title of an item of a list in a form that has
         * no name yet; %u is its number. */
        title = g_strdup_printf (_("%u · New Entry"), i + 1);

      adw_preferences_row_set_title (g_ptr_array_index (repeat->expanders, i), title);
    }
}

static void
row_changed_cb (KapFieldRow *row,
                KapFormView *self)
{
  KapFormField *field = kap_field_row_get_repeat (row);
  Repeat *repeat = field ? find_repeat (self, field, NULL) : NULL;

  if (repeat != NULL)
    update_item_titles (repeat);

  /* Rows that appear above (relevance) do not move what was answered. */
  kap_form_view_keep_anchor (self, kap_field_row_get_widget (row));
  update_all (self);
  g_signal_emit (self, signals [CHANGED], 0);
}

/* A row for @field in @container, at @position among the rows (-1: the
 * end). */
static void
add_row (KapFormView  *self,
         KapFormField *field,
         GtkWidget    *container,
         KapFormField *repeat,
         JsonObject   *item,
         guint         index,
         int           position)
{
  KapFieldRow *row = kap_field_factory_new_row (self->form, field, self->answers, repeat, item, index,
                                                self->read_only, self->store);

  g_signal_connect (row, "changed", G_CALLBACK (row_changed_cb), self);
  kap_field_row_set_language (row, self->language);
  kap_field_row_set_can_pick (row, self->pick_person != NULL);
  kap_field_row_add_to (row, container);
  g_ptr_array_insert (self->rows, position, row);
}

static JsonArray *
repeat_items (KapFormView  *self,
              KapFormField *field,
              gboolean      create)
{
  const char *name = kap_form_field_get_name (field);
  JsonNode *node = json_object_get_member (self->answers, name);

  if ((node == NULL || !JSON_NODE_HOLDS_ARRAY (node)) && create)
    {
      json_object_set_array_member (self->answers, name, json_array_new ());
      node = json_object_get_member (self->answers, name);
    }

  return node && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static void
add_clicked_cb (GtkButton *button,
                Repeat    *repeat)
{
  KapFormView *self = repeat->view;
  JsonArray *items = repeat_items (self, repeat->field, TRUE);
  guint n;

  json_array_add_object_element (items, kap_form_repeat_item_new ());
  rebuild_repeat (repeat);
  n = repeat->expanders->len;
  update_all (self);
  g_signal_emit (self, signals [CHANGED], 0);

  /* Take the officer to the new item's first field. */
  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);

      if (kap_field_row_get_repeat (row) == repeat->field && kap_field_row_get_index (row) == n - 1 &&
          kap_field_row_grab_focus (row))
        break;
    }
}

static void
remove_clicked_cb (GtkButton *button,
                   Repeat    *repeat)
{
  KapFormView *self = repeat->view;
  JsonArray *items = repeat_items (self, repeat->field, FALSE);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "kap-index"));

  if (items == NULL || index >= json_array_get_length (items))
    return;

  json_array_remove_element (items, index);
  if (json_array_get_length (items) == 0)
    json_object_remove_member (self->answers, kap_form_field_get_name (repeat->field));

  rebuild_repeat (repeat);
  update_all (self);
  g_signal_emit (self, signals [CHANGED], 0);
  gtk_widget_grab_focus (repeat->add_button ? repeat->add_button : repeat->group);
}

static void
rebuild_repeat (Repeat *repeat)
{
  KapFormView *self = repeat->view;
  JsonArray *items = repeat_items (self, repeat->field, FALSE);
  guint n = items ? json_array_get_length (items) : 0;

  /* Items are few (a family); rebuilding them all keeps indexes simple. */
  for (guint i = self->rows->len; i > 0; i--)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i - 1);

      if (kap_field_row_get_repeat (row) == repeat->field)
        g_ptr_array_remove_index (self->rows, i - 1);
    }
  for (guint i = 0; i < repeat->expanders->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (repeat->group), g_ptr_array_index (repeat->expanders, i));
  g_ptr_array_set_size (repeat->expanders, 0);
  g_ptr_array_set_size (repeat->remove_buttons, 0);

  for (guint i = 0; i < n; i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      GtkWidget *expander;
      guint position = self->rows->len;

      if (item == NULL)
        continue;

      expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (repeat->group), expander);
      g_ptr_array_add (repeat->expanders, expander);

      if (!self->read_only)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *label = NULL;

          /* Translators: the button that removes item %u of a list in a
           * form, e.g. a family member. */
          label = g_strdup_printf (_("Remove Entry %u"), i + 1);
          gtk_widget_set_tooltip_text (remove, label);
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, label,
                                          -1);
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          g_object_set_data (G_OBJECT (remove), "kap-index", GUINT_TO_POINTER (i));
          g_signal_connect (remove, "clicked", G_CALLBACK (remove_clicked_cb), repeat);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), remove);
          g_ptr_array_add (repeat->remove_buttons, remove);
        }

      for (guint c = 0; c < kap_form_field_get_n_children (repeat->field); c++)
        add_row (self, kap_form_field_get_child (repeat->field, c), expander, repeat->field, item, i,
                 (int) position++);
    }

  update_item_titles (repeat);
}

static void
build_repeat (KapFormView  *self,
              KapFormField *field)
{
  Repeat *repeat = g_new0 (Repeat, 1);

  repeat->view = self;
  repeat->field = field;
  repeat->expanders = g_ptr_array_new ();
  repeat->remove_buttons = g_ptr_array_new ();
  repeat->group = add_section (self, kap_form_field_get_label (field, NULL), field);
  g_ptr_array_add (self->repeats, repeat);

  if (!self->read_only)
    {
      GtkWidget *button = gtk_button_new ();
      GtkWidget *content = adw_button_content_new ();

      adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
      adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("_Add"));
      adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
      gtk_button_set_child (GTK_BUTTON (button), content);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Add"),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, kap_form_field_get_label (field, NULL),
                                      -1);
      adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (repeat->group), button);
      g_signal_connect (button, "clicked", G_CALLBACK (add_clicked_cb), repeat);
      repeat->add_button = button;
    }

  rebuild_repeat (repeat);

  if (self->read_only && repeat->expanders->len == 0)
    adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (repeat->group), _("None"));
}

static void
build_field (KapFormView  *self,
             KapFormField *field,
             GtkWidget   **group,
             KapFormField *group_field)
{
  switch (kap_form_field_get_field_type (field))
    {
    case KAP_FIELD_GROUP:
      {
        GtkWidget *inner = add_section (self, kap_form_field_get_label (field, NULL), field);

        build_fields (self, field, &inner, field);
        /* What follows the group at this level goes into a new group. */
        *group = NULL;
      }
      break;

    case KAP_FIELD_REPEAT:
      build_repeat (self, field);
      *group = NULL;
      break;

    case KAP_FIELD_TEXT:
    case KAP_FIELD_INTEGER:
    case KAP_FIELD_DECIMAL:
    case KAP_FIELD_DATE:
    case KAP_FIELD_SELECT_ONE:
    case KAP_FIELD_SELECT_MULTIPLE:
    case KAP_FIELD_BOOLEAN:
    case KAP_FIELD_NOTE:
    default:
      if (*group == NULL)
        *group = add_section (self, NULL, group_field);
      add_row (self, field, *group, NULL, NULL, 0, -1);
      break;
    }
}

static void
build_fields (KapFormView  *self,
              KapFormField *parent,
              GtkWidget   **group,
              KapFormField *group_field)
{
  guint n = parent ? kap_form_field_get_n_children (parent) : kap_form_get_n_fields (self->form);

  for (guint i = 0; i < n; i++)
    {
      KapFormField *field = parent ? kap_form_field_get_child (parent, i) : kap_form_get_field (self->form, i);

      build_field (self, field, group, group_field);
    }
}

static void
kap_form_view_dispose (GObject *object)
{
  KapFormView *self = (KapFormView *)object;

  kap_form_view_drop_anchor (self);

  if (self->person_picker != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->person_picker), (gpointer *) &self->person_picker);
      gtk_window_destroy (self->person_picker);
      self->person_picker = NULL;
    }

  /* Rows point into widgets: drop them before the widgets go. */
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  if (self->rest_rows != NULL)
    g_ptr_array_set_size (self->rest_rows, 0);

  G_OBJECT_CLASS (kap_form_view_parent_class)->dispose (object);
}

static void
kap_form_view_finalize (GObject *object)
{
  KapFormView *self = (KapFormView *)object;

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->repeats, g_ptr_array_unref);
  g_clear_pointer (&self->rest_rows, g_ptr_array_unref);
  g_clear_pointer (&self->answers, json_object_unref);
  g_clear_pointer (&self->today, g_date_free);
  g_clear_pointer (&self->language, g_free);
  g_clear_object (&self->form);
  g_clear_object (&self->store);
  g_clear_object (&self->forms);

  G_OBJECT_CLASS (kap_form_view_parent_class)->finalize (object);
}

static void
kap_form_view_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  KapFormView *self = KAP_FORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      g_value_set_string (value, self->language);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_form_view_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  KapFormView *self = KAP_FORM_VIEW (object);

  switch (prop_id)
    {
    case PROP_LANGUAGE:
      kap_form_view_set_language (self, g_value_get_string (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_form_view_class_init (KapFormViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kap_form_view_dispose;
  object_class->finalize = kap_form_view_finalize;
  object_class->get_property = kap_form_view_get_property;
  object_class->set_property = kap_form_view_set_property;

  properties [PROP_LANGUAGE] =
    g_param_spec_string ("language", NULL, NULL, NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals [CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "form.pick-person", "s", kap_form_view_pick_person);

  gtk_widget_class_set_css_name (widget_class, "kap-form-view");
}

static void
kap_form_view_init (KapFormView *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  adw_bin_set_child (ADW_BIN (self), self->box);
  self->rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->sections = g_array_new (FALSE, FALSE, sizeof (Section));
  self->repeats = g_ptr_array_new_with_free_func ((GDestroyNotify) repeat_free);
  self->rest_rows = g_ptr_array_new_with_free_func (g_object_unref);
  kap_form_view_setup_keys (self);
}

GtkWidget *
kap_form_view_new (KapForm    *form,
                   JsonObject *answers,
                   gboolean    read_only)
{
  KapFormView *self;
  GtkWidget *group = NULL;

  g_return_val_if_fail (KAP_IS_FORM (form), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  self = g_object_new (KAP_TYPE_FORM_VIEW, NULL);
  self->form = g_object_ref (form);
  self->answers = json_object_ref (answers);
  self->read_only = read_only;

  build_fields (self, NULL, &group, NULL);
  if (!read_only)
    kap_form_view_add_rest_buttons (self);
  update_all (self);

  return GTK_WIDGET (self);
}

KapForm *
kap_form_view_get_form (KapFormView *self)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), NULL);

  return self->form;
}

JsonObject *
kap_form_view_get_answers (KapFormView *self)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), NULL);

  return self->answers;
}

gboolean
kap_form_view_get_read_only (KapFormView *self)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), FALSE);

  return self->read_only;
}

void
kap_form_view_set_show_missing (KapFormView *self,
                                gboolean     show_missing)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));

  self->show_missing = !!show_missing;
  /* Finalize's list of what is missing takes the officer's eye to the top:
   * the last answer's place on screen is no longer what matters. */
  if (self->show_missing)
    kap_form_view_drop_anchor (self);
  update_all (self);
}

void
kap_form_view_set_allowed_choices (KapFormView        *self,
                                   const char         *name,
                                   const char * const *codes)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);

      if (g_strcmp0 (kap_form_field_get_name (kap_field_row_get_field (row)), name) == 0)
        kap_field_row_set_allowed (row, codes);
    }
}

void
kap_form_view_set_store (KapFormView     *self,
                         KapStore        *store,
                         KapFormRegistry *forms)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));
  g_return_if_fail (!store || KAP_IS_STORE (store));
  g_return_if_fail (!forms || KAP_IS_FORM_REGISTRY (forms));

  g_set_object (&self->store, store);
  g_set_object (&self->forms, forms);

  for (guint i = 0; i < self->rows->len; i++)
    kap_field_row_set_store (g_ptr_array_index (self->rows, i), store);
}

void
kap_form_view_set_today (KapFormView *self,
                         const GDate *today)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));

  g_clear_pointer (&self->today, g_date_free);
  if (today != NULL)
    {
      self->today = g_date_new ();
      *self->today = *today;
    }
  update_all (self);
}

KapFieldRow *
kap_form_view_lookup (KapFormView *self,
                      const char  *path)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      KapFieldRow *row = g_ptr_array_index (self->rows, i);
      g_autofree char *row_path = kap_field_row_get_path (row);

      if (g_strcmp0 (row_path, path) == 0)
        return row;
    }

  return NULL;
}

GtkWidget *
kap_form_view_get_row (KapFormView *self,
                       const char  *path)
{
  KapFieldRow *row = kap_form_view_lookup (self, path);

  return row ? kap_field_row_get_widget (row) : NULL;
}

gboolean
kap_form_view_focus_path (KapFormView *self,
                          const char  *path)
{
  KapFieldRow *row = kap_form_view_lookup (self, path);
  KapFormField *field = row ? kap_field_row_get_repeat (row) : NULL;
  Repeat *repeat = field ? find_repeat (self, field, NULL) : NULL;
  guint index = row ? kap_field_row_get_index (row) : 0;

  if (row == NULL || !kap_field_row_get_relevant (row))
    return FALSE;

  if (repeat != NULL && index < repeat->expanders->len &&
      !adw_expander_row_get_expanded (g_ptr_array_index (repeat->expanders, index)))
    {
      /* Opened just now, the item has no place yet to scroll to: the
       * viewport's own scrolling follows the focus there. */
      adw_expander_row_set_expanded (g_ptr_array_index (repeat->expanders, index), TRUE);
      return kap_field_row_grab_focus (row);
    }

  /* In the middle, where the eye looks, not at the bottom edge. */
  return kap_form_view_focus_middle (self, row);
}

GtkWidget *
kap_form_view_get_group (KapFormView *self,
                         const char  *name)
{
  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);

      if (section->field != NULL && g_strcmp0 (kap_form_field_get_name (section->field), name) == 0)
        return section->group;
    }

  return NULL;
}

void
kap_form_view_set_language (KapFormView *self,
                            const char  *language)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));

  if (g_strcmp0 (language, kap_form_get_ui_language (self->form)) == 0)
    language = NULL;
  if (g_strcmp0 (self->language, language) == 0)
    return;

  g_free (self->language);
  self->language = g_strdup (language);

  for (guint i = 0; i < self->sections->len; i++)
    {
      Section *section = &g_array_index (self->sections, Section, i);
      const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (section->group));

      /* A group's or repeat's title; the untitled rest of a group after
       * a group inside it stays untitled. */
      if (section->field == NULL || title == NULL || title[0] == '\0')
        continue;

      title = kap_form_field_get_label (section->field, language);
      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (section->group), title);
      kap_form_text_set_directions (section->group);
      kap_form_text_mark_fallback (section->group, title, language,
                                   !kap_form_field_has_language (section->field, language));
    }

  for (guint i = 0; i < self->rows->len; i++)
    kap_field_row_set_language (g_ptr_array_index (self->rows, i), language);

  /* The messages under the rows (constraints) in the new language. */
  update_all (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_LANGUAGE]);
}

const char *
kap_form_view_get_language (KapFormView *self)
{
  g_return_val_if_fail (KAP_IS_FORM_VIEW (self), NULL);

  return self->language;
}

void
kap_form_view_reload (KapFormView *self)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (self));

  for (guint i = 0; i < self->repeats->len; i++)
    rebuild_repeat (g_ptr_array_index (self->repeats, i));

  for (guint i = 0; i < self->rows->len; i++)
    kap_field_row_reload (g_ptr_array_index (self->rows, i));

  update_all (self);
}

GtkWidget *
kap_form_view_get_add_button (KapFormView *self,
                              const char  *name)
{
  Repeat *repeat = find_repeat (self, NULL, name);

  return repeat ? repeat->add_button : NULL;
}

GtkWidget *
kap_form_view_get_remove_button (KapFormView *self,
                                 const char  *name,
                                 guint        index)
{
  Repeat *repeat = find_repeat (self, NULL, name);

  if (repeat == NULL || index >= repeat->remove_buttons->len)
    return NULL;

  return g_ptr_array_index (repeat->remove_buttons, index);
}
