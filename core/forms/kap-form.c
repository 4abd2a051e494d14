/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-private.h"
#include "kap-json.h"

G_DEFINE_QUARK (kap-form-error-quark, kap_form_error)

G_DEFINE_BOXED_TYPE (KapFormIssue, kap_form_issue, kap_form_issue_copy, kap_form_issue_free)

G_DEFINE_FINAL_TYPE (KapForm, kap_form, G_TYPE_OBJECT)

static const struct {
  const char   *name;
  KapFieldType  type;
  KapValueType  value_type;
} field_types[] = {
  { "text",            KAP_FIELD_TEXT,            KAP_VALUE_STRING },
  { "integer",         KAP_FIELD_INTEGER,         KAP_VALUE_NUMBER },
  { "decimal",         KAP_FIELD_DECIMAL,         KAP_VALUE_NUMBER },
  { "date",            KAP_FIELD_DATE,            KAP_VALUE_DATE },
  { "select_one",      KAP_FIELD_SELECT_ONE,      KAP_VALUE_STRING },
  { "select_multiple", KAP_FIELD_SELECT_MULTIPLE, KAP_VALUE_LIST },
  { "boolean",         KAP_FIELD_BOOLEAN,         KAP_VALUE_BOOLEAN },
  { "note",            KAP_FIELD_NOTE,            KAP_VALUE_NULL },
  { "group",           KAP_FIELD_GROUP,           KAP_VALUE_NULL },
  { "repeat",          KAP_FIELD_REPEAT,          KAP_VALUE_NULL },
};

KapFormIssue *
kap_form_issue_copy (const KapFormIssue *issue)
{
  KapFormIssue *copy = g_new0 (KapFormIssue, 1);

  copy->path = g_strdup (issue->path);
  copy->field = g_strdup (issue->field);
  copy->label = g_strdup (issue->label);
  copy->message = g_strdup (issue->message);
  return copy;
}

void
kap_form_issue_free (KapFormIssue *issue)
{
  if (issue == NULL)
    return;

  g_free (issue->path);
  g_free (issue->field);
  g_free (issue->label);
  g_free (issue->message);
  g_free (issue);
}

static void
choice_free (KapChoice *choice)
{
  g_free (choice->value);
  g_clear_pointer (&choice->label, json_object_unref);
  g_free (choice);
}

static void
field_free (KapFormField *field)
{
  g_free (field->name);
  g_free (field->choice_list);
  g_free (field->appearance);
  g_clear_pointer (&field->label, json_object_unref);
  g_clear_pointer (&field->hint, json_object_unref);
  g_clear_pointer (&field->constraint_message, json_object_unref);
  g_clear_pointer (&field->relevant, kap_expr_unref);
  g_clear_pointer (&field->constraint, kap_expr_unref);
  g_clear_pointer (&field->calculate, kap_expr_unref);
  g_clear_pointer (&field->default_value, kap_expr_unref);
  g_clear_pointer (&field->required_expr, kap_expr_unref);
  g_clear_pointer (&field->read_only_expr, kap_expr_unref);
  g_clear_pointer (&field->children, g_ptr_array_unref);
  g_free (field);
}

static void
kap_form_finalize (GObject *object)
{
  KapForm *self = (KapForm *)object;

  g_clear_pointer (&self->form_id, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->record_type, g_free);
  g_clear_pointer (&self->title, json_object_unref);
  g_clear_pointer (&self->fields, g_ptr_array_unref);
  g_clear_pointer (&self->by_name, g_hash_table_unref);
  g_clear_pointer (&self->choices, g_hash_table_unref);
  g_clear_pointer (&self->calculation_order, g_ptr_array_unref);

  G_OBJECT_CLASS (kap_form_parent_class)->finalize (object);
}

static void
kap_form_class_init (KapFormClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kap_form_finalize;
}

static void
kap_form_init (KapForm *self)
{
  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
  self->by_name = g_hash_table_new (g_str_hash, g_str_equal);
  self->choices = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_ptr_array_unref);
  self->calculation_order = g_ptr_array_new ();
}


/* The members of a record's own information (core/records/kap-record.h
 * lists them): the form describes the answers beside them. */
static const char * const reserved[] = {
  "type", "form", "status", "station", "device", "created_at", "created_by",
  "updated_at", "updated_by", "person_id", "screening_id", NULL
};

gboolean
kap_form_name_is_reserved (const char *name)
{
  return name != NULL && g_strv_contains (reserved, name);
}

/* Texts in several languages */

static char *
normalize_language (const char *language)
{
  GString *out = g_string_new (NULL);

  /* "sr_RS.UTF-8@latin" → "sr-Latn"; "pt_BR" → "pt"; "C" stays. */
  for (const char *p = language; *p && *p != '_' && *p != '.' && *p != '@'; p++)
    g_string_append_c (out, *p);

  if (strstr (language, "@latin") != NULL)
    g_string_append (out, "-Latn");

  return g_string_free (out, FALSE);
}

static const char *
text_for (JsonObject *texts,
          const char *language)
{
  JsonNode *node;

  if (texts == NULL || language == NULL)
    return NULL;

  node = json_object_get_member (texts, language);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

const char *
kap_form_pick_text (JsonObject *texts,
                    const char *language)
{
  const char * const *languages;
  const char *single[] = { language, NULL };
  const char *text;

  if (texts == NULL)
    return NULL;

  languages = language ? single : g_get_language_names ();

  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *normalized = normalize_language (languages[i]);
      g_autofree char *base = g_strndup (normalized, strcspn (normalized, "-"));

      if ((text = text_for (texts, languages[i])) ||
          (text = text_for (texts, normalized)) ||
          (text = text_for (texts, base)))
        return text;
    }

  if ((text = text_for (texts, "en")))
    return text;

  /* Any language rather than nothing. */
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, texts);
    while (json_object_iter_next (&iter, &name, &node))
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
  }

  return NULL;
}

/* Accessors */

const char *
kap_form_get_form_id (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return self->form_id;
}

guint
kap_form_get_version (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), 0);
  return self->version;
}

const char *
kap_form_get_key (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return self->key;
}

const char *
kap_form_get_record_type (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return self->record_type;
}

const char *
kap_form_get_title (KapForm    *self,
                    const char *language)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return kap_form_pick_text (self->title, language);
}

guint
kap_form_get_n_fields (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), 0);
  return self->fields->len;
}

KapFormField *
kap_form_get_field (KapForm *self,
                    guint    position)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  g_return_val_if_fail (position < self->fields->len, NULL);
  return g_ptr_array_index (self->fields, position);
}

KapFormField *
kap_form_lookup_field (KapForm    *self,
                       const char *name)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return name ? g_hash_table_lookup (self->by_name, name) : NULL;
}

GPtrArray *
kap_form_get_choices (KapForm    *self,
                      const char *list)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return list ? g_hash_table_lookup (self->choices, list) : NULL;
}

const char *
kap_form_field_get_name (KapFormField *field)
{
  return field->name;
}

KapFieldType
kap_form_field_get_field_type (KapFormField *field)
{
  return field->type;
}

KapValueType
kap_form_field_get_value_type (KapFormField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (field_types[i].type == field->type)
      return field_types[i].value_type;

  g_return_val_if_reached (KAP_VALUE_NULL);
}

const char *
kap_form_field_get_label (KapFormField *field,
                          const char   *language)
{
  const char *label = kap_form_pick_text (field->label, language);

  return label ? label : field->name;
}

const char *
kap_form_field_get_hint (KapFormField *field,
                         const char   *language)
{
  return kap_form_pick_text (field->hint, language);
}

const char *
kap_form_field_get_choice_list (KapFormField *field)
{
  return field->choice_list;
}

const char *
kap_form_field_get_appearance (KapFormField *field)
{
  return field->appearance;
}

gboolean
kap_form_field_get_merge_as_set (KapFormField *field)
{
  return field->merge_set;
}

gboolean
kap_form_field_has_calculate (KapFormField *field)
{
  return field->calculate != NULL;
}

KapFormField *
kap_form_field_get_parent (KapFormField *field)
{
  return field->parent;
}

guint
kap_form_field_get_n_children (KapFormField *field)
{
  return field->children ? field->children->len : 0;
}

KapFormField *
kap_form_field_get_child (KapFormField *field,
                          guint         position)
{
  g_return_val_if_fail (field->children != NULL && position < field->children->len, NULL);
  return g_ptr_array_index (field->children, position);
}

const char *
kap_form_field_get_choice_label (KapFormField *field,
                                 const char   *value,
                                 const char   *language)
{
  GPtrArray *choices = field->choice_list ? kap_form_get_choices (field->form, field->choice_list) : NULL;

  for (guint i = 0; choices && i < choices->len; i++)
    {
      KapChoice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (choice->value, value) == 0)
        return kap_form_pick_text (choice->label, language);
    }

  return NULL;
}

KapFormField *
kap_form_field_get_repeat (KapFormField *field)
{
  for (KapFormField *up = field->parent; up; up = up->parent)
    if (up->type == KAP_FIELD_REPEAT)
      return up;

  return NULL;
}

/* Loading */

static gboolean
get_string_member (JsonObject  *object,
                   const char  *name,
                   const char **value)
{
  JsonNode *node = json_object_get_member (object, name);

  *value = NULL;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_VALUE (node) || json_node_get_value_type (node) != G_TYPE_STRING)
    return FALSE;

  *value = json_node_get_string (node);
  return TRUE;
}

static gboolean
get_texts_member (JsonObject  *object,
                  const char  *name,
                  JsonObject **texts)
{
  JsonNode *node = json_object_get_member (object, name);
  JsonObjectIter iter;
  const char *language;
  JsonNode *text;

  *texts = NULL;
  if (node == NULL)
    return TRUE;

  /* A plain string is English. */
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    {
      *texts = json_object_new ();
      json_object_set_string_member (*texts, "en", json_node_get_string (node));
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return FALSE;

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &language, &text))
    if (!JSON_NODE_HOLDS_VALUE (text) || json_node_get_value_type (text) != G_TYPE_STRING)
      return FALSE;

  *texts = json_object_ref (json_node_get_object (node));
  return TRUE;
}

static gboolean
form_error (GError     **error,
            KapForm     *self,
            const char  *field,
            const char  *format,
            ...) G_GNUC_PRINTF (4, 5);

static gboolean
form_error (GError     **error,
            KapForm     *self,
            const char  *field,
            const char  *format,
            ...)
{
  g_autofree char *what = NULL;
  va_list args;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  if (field != NULL)
    g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID,
                 /* Translators: “Form “screening@1”, field “age”: <what is wrong>” */
                 _("Form “%s”, field “%s”: %s"),
                 self->key ? self->key : "?", field, what);
  else
    g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID,
                 /* Translators: “Form “screening@1”: <what is wrong>” */
                 _("Form “%s”: %s"), self->key ? self->key : "?", what);

  return FALSE;
}

static gboolean
name_is_valid (const char *name)
{
  if (name == NULL || !(g_ascii_isalpha (name[0]) || name[0] == '_'))
    return FALSE;

  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  /* Words of the expression language cannot name fields. */
  return !g_str_equal (name, "and") && !g_str_equal (name, "or") &&
         !g_str_equal (name, "not") && !g_str_equal (name, "div") &&
         !g_str_equal (name, "mod") && !g_str_equal (name, "true") &&
         !g_str_equal (name, "false") && !g_str_equal (name, "null");
}

static gboolean
parse_expression (KapForm     *self,
                  JsonObject  *object,
                  const char  *field_name,
                  const char  *member,
                  KapExpr    **expr,
                  GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  const char *text;

  if (!get_string_member (object, member, &text))
    return form_error (error, self, field_name, _("“%s” must be an expression in a string"), member);
  if (text == NULL)
    return TRUE;

  *expr = kap_expr_parse (text, &local_error);
  if (*expr == NULL)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_EXPRESSION,
                   /* Translators: “Form “screening@1”, field “age”, relevant: Column 3: …” */
                   _("Form “%s”, field “%s”, %s: %s"),
                   self->key, field_name, member, local_error->message);
      return FALSE;
    }

  return TRUE;
}

/* "required": true, or an expression. */
static gboolean
parse_flag (KapForm     *self,
            JsonObject  *object,
            const char  *field_name,
            const char  *member,
            gboolean    *flag,
            KapExpr    **expr,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, member);

  *flag = FALSE;
  if (node == NULL)
    return TRUE;

  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_BOOLEAN)
    {
      *flag = json_node_get_boolean (node);
      return TRUE;
    }

  return parse_expression (self, object, field_name, member, expr, error);
}

static gboolean load_fields (KapForm       *self,
                             JsonArray     *array,
                             KapFormField  *parent,
                             GPtrArray     *into,
                             GError       **error);

static gboolean
load_field (KapForm       *self,
            JsonNode      *node,
            KapFormField  *parent,
            GPtrArray     *into,
            GError       **error)
{
  KapFormField *field;
  JsonObject *object;
  const char *name = NULL, *type = NULL, *choices = NULL, *appearance = NULL, *merge = NULL;
  gboolean known_type = FALSE;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    return form_error (error, self, NULL, _("every field must be a JSON object"));

  object = json_node_get_object (node);
  if (!get_string_member (object, "name", &name) || !name_is_valid (name))
    return form_error (error, self, NULL,
                       _("a field has no valid “name” (letters, digits and “_”, not a reserved word)"));

  if (g_hash_table_contains (self->by_name, name))
    return form_error (error, self, name, _("the name is used by another field"));

  if (kap_form_name_is_reserved (name) || g_str_equal (name, "item_id"))
    return form_error (error, self, name, _("the name is reserved for the record’s own information"));

  field = g_new0 (KapFormField, 1);
  field->form = self;
  field->parent = parent;
  field->name = g_strdup (name);
  g_ptr_array_add (into, field);
  g_hash_table_insert (self->by_name, field->name, field);

  if (!get_string_member (object, "type", &type) || type == NULL)
    return form_error (error, self, name, _("“type” is missing"));

  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (g_str_equal (field_types[i].name, type))
      {
        field->type = field_types[i].type;
        known_type = TRUE;
      }
  if (!known_type)
    return form_error (error, self, name, _("unknown type “%s”"), type);

  if (!get_texts_member (object, "label", &field->label) ||
      !get_texts_member (object, "hint", &field->hint) ||
      !get_texts_member (object, "constraint_message", &field->constraint_message))
    return form_error (error, self, name,
                       _("labels, hints and messages must be texts per language"));

  if (field->label == NULL && field->type != KAP_FIELD_GROUP)
    return form_error (error, self, name, _("“label” is missing"));

  if (!parse_expression (self, object, name, "relevant", &field->relevant, error) ||
      !parse_expression (self, object, name, "constraint", &field->constraint, error) ||
      !parse_expression (self, object, name, "calculate", &field->calculate, error) ||
      !parse_expression (self, object, name, "default", &field->default_value, error) ||
      !parse_flag (self, object, name, "required", &field->required, &field->required_expr, error) ||
      !parse_flag (self, object, name, "read_only", &field->read_only, &field->read_only_expr, error))
    return FALSE;

  if (!get_string_member (object, "choices", &choices) ||
      !get_string_member (object, "appearance", &appearance) ||
      !get_string_member (object, "merge", &merge))
    return form_error (error, self, name, _("“choices”, “appearance” and “merge” must be strings"));

  field->choice_list = g_strdup (choices);
  field->appearance = g_strdup (appearance);

  if (field->type == KAP_FIELD_SELECT_ONE || field->type == KAP_FIELD_SELECT_MULTIPLE)
    {
      if (choices == NULL)
        return form_error (error, self, name, _("a choice field needs “choices”"));
      if (choices[0] != '@' && !g_hash_table_contains (self->choices, choices))
        return form_error (error, self, name, _("there is no choice list “%s”"), choices);
      if (choices[0] == '@' && !g_str_equal (choices, "@countries") && !g_str_equal (choices, "@languages"))
        return form_error (error, self, name, _("there is no code list “%s”"), choices);
    }
  else if (choices != NULL)
    return form_error (error, self, name, _("only choice fields have “choices”"));

  if (merge != NULL)
    {
      if (!g_str_equal (merge, "set") || field->type != KAP_FIELD_SELECT_MULTIPLE)
        return form_error (error, self, name, _("“merge”: “set” is for select_multiple fields only"));
      field->merge_set = TRUE;
    }

  if (field->type == KAP_FIELD_GROUP || field->type == KAP_FIELD_REPEAT)
    {
      JsonNode *children = json_object_get_member (object, "fields");

      if (field->calculate || field->constraint || field->default_value)
        return form_error (error, self, name, _("a group or repeat cannot have a calculation, constraint or default"));
      if (children == NULL || !JSON_NODE_HOLDS_ARRAY (children) ||
          json_array_get_length (json_node_get_array (children)) == 0)
        return form_error (error, self, name, _("a group or repeat needs “fields”"));

      field->children = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
      return load_fields (self, json_node_get_array (children), field, field->children, error);
    }

  if (json_object_has_member (object, "fields"))
    return form_error (error, self, name, _("only groups and repeats have “fields”"));

  if (field->type == KAP_FIELD_NOTE && (field->calculate || field->required || field->required_expr))
    return form_error (error, self, name, _("a note holds no answer"));

  return TRUE;
}

static gboolean
load_fields (KapForm       *self,
             JsonArray     *array,
             KapFormField  *parent,
             GPtrArray     *into,
             GError       **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    if (!load_field (self, json_array_get_element (array, i), parent, into, error))
      return FALSE;

  return TRUE;
}

static gboolean
load_choices (KapForm     *self,
              JsonObject  *object,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "choices");
  JsonObjectIter iter;
  const char *list;
  JsonNode *items;

  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    return form_error (error, self, NULL, _("“choices” must map list names to lists"));

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &list, &items))
    {
      g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      if (!JSON_NODE_HOLDS_ARRAY (items) || json_array_get_length (json_node_get_array (items)) == 0)
        return form_error (error, self, NULL, _("choice list “%s” must be a non-empty list"), list);

      for (guint i = 0; i < json_array_get_length (json_node_get_array (items)); i++)
        {
          JsonNode *item = json_array_get_element (json_node_get_array (items), i);
          KapChoice *choice;
          const char *value = NULL;
          JsonObject *label = NULL;

          if (!JSON_NODE_HOLDS_OBJECT (item) ||
              !get_string_member (json_node_get_object (item), "value", &value) || value == NULL ||
              *value == '\0' || strchr (value, ' ') != NULL ||
              !get_texts_member (json_node_get_object (item), "label", &label) || label == NULL)
            {
              g_clear_pointer (&label, json_object_unref);
              return form_error (error, self, NULL,
                                 _("choice list “%s”: every choice needs a “value” without spaces and a “label”"),
                                 list);
            }

          if (g_hash_table_contains (seen, value))
            {
              json_object_unref (label);
              return form_error (error, self, NULL, _("choice list “%s” has “%s” twice"), list, value);
            }

          choice = g_new0 (KapChoice, 1);
          choice->value = g_strdup (value);
          choice->label = label;
          g_ptr_array_add (choices, choice);
          g_hash_table_add (seen, choice->value);
        }

      g_hash_table_insert (self->choices, g_strdup (list), g_steal_pointer (&choices));
    }

  return TRUE;
}

/* Static checks of the expressions against the fields' types. */

typedef struct
{
  KapForm      *form;
  KapFormField *self;
} CheckScope;

static gboolean
lookup_type (const char   *name,
             KapValueType *type,
             gpointer      user_data)
{
  CheckScope *scope = user_data;
  KapFormField *field;

  field = g_str_equal (name, ".") ? scope->self : kap_form_lookup_field (scope->form, name);
  if (field == NULL || field->type == KAP_FIELD_GROUP || field->type == KAP_FIELD_REPEAT ||
      field->type == KAP_FIELD_NOTE)
    return FALSE;

  /* A field inside a repeat has one answer per item: only expressions of
   * the same repeat can read it. */
  if (kap_form_field_get_repeat (field) != NULL &&
      kap_form_field_get_repeat (field) != kap_form_field_get_repeat (scope->self))
    return FALSE;

  *type = kap_form_field_get_value_type (field);
  return TRUE;
}

static gboolean
check_expression (KapForm       *self,
                  KapFormField  *field,
                  KapExpr       *expr,
                  const char    *member,
                  KapValueType   wanted,
                  GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  CheckScope scope = { self, field };
  KapValueType type = KAP_VALUE_NULL;

  if (expr == NULL)
    return TRUE;

  if (!kap_expr_check (expr, lookup_type, &scope, &type, &local_error))
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_EXPRESSION,
                   _("Form “%s”, field “%s”, %s: %s"),
                   self->key, field->name, member, local_error->message);
      return FALSE;
    }

  /* A calculation of an integer may give a number; a select_one one a
   * string; null is fine anywhere. */
  if (type != KAP_VALUE_NULL && wanted != KAP_VALUE_NULL && type != wanted)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_EXPRESSION,
                   /* Translators: “… field “age”, calculate: gives a string where a number is needed” */
                   _("Form “%s”, field “%s”, %s: gives a %s where a %s is needed"),
                   self->key, field->name, member,
                   kap_value_type_to_string (type), kap_value_type_to_string (wanted));
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_field_expressions (KapForm       *self,
                         GPtrArray     *fields,
                         GError       **error)
{
  for (guint i = 0; i < fields->len; i++)
    {
      KapFormField *field = g_ptr_array_index (fields, i);
      KapValueType answer = kap_form_field_get_value_type (field);

      if (field->constraint && field->type == KAP_FIELD_NOTE)
        return form_error (error, self, field->name, _("a note holds no answer to constrain"));

      if (!check_expression (self, field, field->relevant, "relevant", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->constraint, "constraint", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->required_expr, "required", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->read_only_expr, "read_only", KAP_VALUE_BOOLEAN, error) ||
          !check_expression (self, field, field->calculate, "calculate", answer, error) ||
          !check_expression (self, field, field->default_value, "default", answer, error))
        return FALSE;

      if (field->children && !check_field_expressions (self, field->children, error))
        return FALSE;
    }

  return TRUE;
}

/* Calculations in dependency order; a cycle is an error at load. */

enum { UNSEEN = 0, VISITING, DONE };

static gboolean
order_calculation (KapForm       *self,
                   KapFormField  *field,
                   GHashTable    *state,
                   GError       **error)
{
  const char * const *uses;
  int mark = GPOINTER_TO_INT (g_hash_table_lookup (state, field));

  if (mark == DONE)
    return TRUE;
  if (mark == VISITING)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_CYCLE,
                   /* Translators: “Form “screening@1”: the calculation of “priority” depends on itself” */
                   _("Form “%s”: the calculation of “%s” depends on itself"),
                   self->key, field->name);
      return FALSE;
    }

  g_hash_table_insert (state, field, GINT_TO_POINTER (VISITING));

  uses = kap_expr_get_fields (field->calculate);
  for (guint i = 0; uses && uses[i]; i++)
    {
      KapFormField *used = kap_form_lookup_field (self, uses[i]);

      if (used != NULL && used->calculate != NULL &&
          !order_calculation (self, used, state, error))
        return FALSE;
    }

  g_hash_table_insert (state, field, GINT_TO_POINTER (DONE));
  g_ptr_array_add (self->calculation_order, field);
  return TRUE;
}

static gboolean
order_calculations (KapForm    *self,
                    GPtrArray  *fields,
                    GHashTable *state,
                    GError    **error)
{
  for (guint i = 0; i < fields->len; i++)
    {
      KapFormField *field = g_ptr_array_index (fields, i);

      if (field->calculate && !order_calculation (self, field, state, error))
        return FALSE;
      if (field->children && !order_calculations (self, field->children, state, error))
        return FALSE;
    }

  return TRUE;
}

KapForm *
kap_form_new_from_object (JsonObject  *object,
                          GError     **error)
{
  g_autoptr(KapForm) self = g_object_new (KAP_TYPE_FORM, NULL);
  g_autoptr(GHashTable) state = g_hash_table_new (NULL, NULL);
  const char *form_id = NULL, *record_type = NULL;
  JsonNode *version, *fields;

  g_return_val_if_fail (object != NULL, NULL);

  if (!get_string_member (object, "form_id", &form_id) || !name_is_valid (form_id))
    {
      g_set_error_literal (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID,
                           _("A form needs a “form_id” made of letters, digits and “_”"));
      return NULL;
    }

  version = json_object_get_member (object, "version");
  if (version == NULL || !JSON_NODE_HOLDS_VALUE (version) ||
      json_node_get_value_type (version) != G_TYPE_INT64 ||
      json_node_get_int (version) < 1 || json_node_get_int (version) > G_MAXINT32)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID,
                   /* Translators: %s is a form id such as “screening”. */
                   _("Form “%s” needs a whole “version” number from 1"), form_id);
      return NULL;
    }

  self->form_id = g_strdup (form_id);
  self->version = (guint) json_node_get_int (version);
  self->key = g_strdup_printf ("%s@%u", self->form_id, self->version);

  if (!get_string_member (object, "record_type", &record_type) || !name_is_valid (record_type))
    {
      form_error (error, self, NULL, _("“record_type” is missing"));
      return NULL;
    }
  self->record_type = g_strdup (record_type);

  if (!get_texts_member (object, "title", &self->title) || self->title == NULL)
    {
      form_error (error, self, NULL, _("“title” is missing"));
      return NULL;
    }

  if (!load_choices (self, object, error))
    return NULL;

  fields = json_object_get_member (object, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields) ||
      json_array_get_length (json_node_get_array (fields)) == 0)
    {
      form_error (error, self, NULL, _("“fields” must be a non-empty list"));
      return NULL;
    }

  if (!load_fields (self, json_node_get_array (fields), NULL, self->fields, error) ||
      !check_field_expressions (self, self->fields, error) ||
      !order_calculations (self, self->fields, state, error))
    return NULL;

  return g_steal_pointer (&self);
}

KapForm *
kap_form_new_from_json (const char  *json,
                        gssize       length,
                        GError     **error)
{
  /* A form arrives from the national server's reference database too:
   * read it as strictly as any other input. A real form is a few hundred
   * kilobytes and nests a dozen levels. */
  const KapJsonLimits limits = { .max_bytes = 16 * 1024 * 1024, .max_depth = 128 };
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;

  g_return_val_if_fail (json != NULL, NULL);

  root = kap_json_parse (json, length, &limits, &local_error);
  if (root == NULL)
    {
      g_set_error (error, KAP_FORM_ERROR, KAP_FORM_ERROR_MALFORMED,
                   _("The form definition is not valid JSON: %s"), local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      g_set_error_literal (error, KAP_FORM_ERROR, KAP_FORM_ERROR_INVALID,
                           _("A form definition must be a JSON object"));
      return NULL;
    }

  return kap_form_new_from_object (json_node_get_object (root), error);
}
