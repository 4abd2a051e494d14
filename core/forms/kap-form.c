/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-private.h"
#include "kap-json.h"

/* KapForm: the object and its loading from a form's JSON (fields, choices,
 * texts, expressions). The texts and accessors are in kap-form-query.c,
 * the static checks and the order of calculations that loading runs in
 * kap-form-check.c, the evaluation of a record in kap-form-eval.c. */

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

/* Next to the table it reads; the other accessors are in kap-form-query.c. */
KapValueType
kap_form_field_get_value_type (KapFormField *field)
{
  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (field_types[i].type == field->type)
      return field_types[i].value_type;

  g_return_val_if_reached (KAP_VALUE_NULL);
}

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
  "updated_at", "updated_by", "person_id", "screening_id",
  "carried", NULL
};

gboolean
kap_form_name_is_reserved (const char *name)
{
  return name != NULL && g_strv_contains (reserved, name);
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

gboolean
kap_form_set_error (GError     **error,
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
    return kap_form_set_error (error, self, field_name, _("“%s” must be an expression in a string"), member);
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
    return kap_form_set_error (error, self, NULL, _("every field must be a JSON object"));

  object = json_node_get_object (node);
  if (!get_string_member (object, "name", &name) || !name_is_valid (name))
    return kap_form_set_error (error, self, NULL,
                               _("a field has no valid “name” (letters, digits and “_”, not a reserved word)"));

  if (g_hash_table_contains (self->by_name, name))
    return kap_form_set_error (error, self, name, _("the name is used by another field"));

  if (kap_form_name_is_reserved (name) || g_str_equal (name, "item_id"))
    return kap_form_set_error (error, self, name, _("the name is reserved for the record’s own information"));

  field = g_new0 (KapFormField, 1);
  field->form = self;
  field->parent = parent;
  field->name = g_strdup (name);
  g_ptr_array_add (into, field);
  g_hash_table_insert (self->by_name, field->name, field);

  if (!get_string_member (object, "type", &type) || type == NULL)
    return kap_form_set_error (error, self, name, _("“type” is missing"));

  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (g_str_equal (field_types[i].name, type))
      {
        field->type = field_types[i].type;
        known_type = TRUE;
      }
  if (!known_type)
    return kap_form_set_error (error, self, name, _("unknown type “%s”"), type);

  if (!get_texts_member (object, "label", &field->label) ||
      !get_texts_member (object, "hint", &field->hint) ||
      !get_texts_member (object, "constraint_message", &field->constraint_message))
    return kap_form_set_error (error, self, name,
                               _("labels, hints and messages must be texts per language"));

  if (field->label == NULL && field->type != KAP_FIELD_GROUP)
    return kap_form_set_error (error, self, name, _("“label” is missing"));

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
    return kap_form_set_error (error, self, name, _("“choices”, “appearance” and “merge” must be strings"));

  field->choice_list = g_strdup (choices);
  field->appearance = g_strdup (appearance);

  if (field->type == KAP_FIELD_SELECT_ONE || field->type == KAP_FIELD_SELECT_MULTIPLE)
    {
      if (choices == NULL)
        return kap_form_set_error (error, self, name, _("a choice field needs “choices”"));
      if (choices[0] != '@' && !g_hash_table_contains (self->choices, choices))
        return kap_form_set_error (error, self, name, _("there is no choice list “%s”"), choices);
      if (choices[0] == '@' && !g_str_equal (choices, "@countries") && !g_str_equal (choices, "@languages"))
        return kap_form_set_error (error, self, name, _("there is no code list “%s”"), choices);
    }
  else if (choices != NULL)
    return kap_form_set_error (error, self, name, _("only choice fields have “choices”"));

  if (merge != NULL)
    {
      if (!g_str_equal (merge, "set") || field->type != KAP_FIELD_SELECT_MULTIPLE)
        return kap_form_set_error (error, self, name, _("“merge”: “set” is for select_multiple fields only"));
      field->merge_set = TRUE;
    }

  if (field->type == KAP_FIELD_GROUP || field->type == KAP_FIELD_REPEAT)
    {
      JsonNode *children = json_object_get_member (object, "fields");

      if (field->calculate || field->constraint || field->default_value)
        return kap_form_set_error (error, self, name, _("a group or repeat cannot have a calculation, constraint or default"));
      if (children == NULL || !JSON_NODE_HOLDS_ARRAY (children) ||
          json_array_get_length (json_node_get_array (children)) == 0)
        return kap_form_set_error (error, self, name, _("a group or repeat needs “fields”"));

      field->children = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);
      return load_fields (self, json_node_get_array (children), field, field->children, error);
    }

  if (json_object_has_member (object, "fields"))
    return kap_form_set_error (error, self, name, _("only groups and repeats have “fields”"));

  if (field->type == KAP_FIELD_NOTE && (field->calculate || field->required || field->required_expr))
    return kap_form_set_error (error, self, name, _("a note holds no answer"));

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
    return kap_form_set_error (error, self, NULL, _("“choices” must map list names to lists"));

  json_object_iter_init (&iter, json_node_get_object (node));
  while (json_object_iter_next (&iter, &list, &items))
    {
      g_autoptr(GPtrArray) choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      if (!JSON_NODE_HOLDS_ARRAY (items) || json_array_get_length (json_node_get_array (items)) == 0)
        return kap_form_set_error (error, self, NULL, _("choice list “%s” must be a non-empty list"), list);

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
              return kap_form_set_error (error, self, NULL,
                                         _("choice list “%s”: every choice needs a “value” without spaces and a “label”"),
                                         list);
            }

          if (g_hash_table_contains (seen, value))
            {
              json_object_unref (label);
              return kap_form_set_error (error, self, NULL, _("choice list “%s” has “%s” twice"), list, value);
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
      kap_form_set_error (error, self, NULL, _("“record_type” is missing"));
      return NULL;
    }
  self->record_type = g_strdup (record_type);

  if (!get_texts_member (object, "title", &self->title) || self->title == NULL)
    {
      kap_form_set_error (error, self, NULL, _("“title” is missing"));
      return NULL;
    }

  if (!load_choices (self, object, error))
    return NULL;

  fields = json_object_get_member (object, "fields");
  if (fields == NULL || !JSON_NODE_HOLDS_ARRAY (fields) ||
      json_array_get_length (json_node_get_array (fields)) == 0)
    {
      kap_form_set_error (error, self, NULL, _("“fields” must be a non-empty list"));
      return NULL;
    }

  if (!load_fields (self, json_node_get_array (fields), NULL, self->fields, error) ||
      !kap_form_check_field_expressions (self, self->fields, error) ||
      !kap_form_order_calculations (self, self->fields, state, error))
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
