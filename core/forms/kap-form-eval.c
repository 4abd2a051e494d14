/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-eval"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-form-private.h"
#include "kap-uuid.h"

/* What a form says about some answers: relevance, requirement,
 * calculations and validation. All of it is pure evaluation of the
 * expressions checked at load; nothing here can fail. */

typedef struct
{
  KapForm      *form;
  JsonObject   *answers;
  JsonObject   *item;     /* the repeat item, or NULL */
  KapFormField *self;     /* the field "." stands for */
} Scope;

static JsonNode *
answer_node (Scope        *scope,
             KapFormField *field)
{
  JsonObject *holder = kap_form_field_get_repeat (field) ? scope->item : scope->answers;

  if (holder == NULL)
    return NULL;

  return json_object_get_member (holder, field->name);
}

static KapValue *
answer_value (Scope        *scope,
              KapFormField *field)
{
  JsonNode *node = answer_node (scope, field);
  KapValue *value;

  if (node == NULL)
    return kap_value_new_null ();

  /* An answer of the wrong type (from an older form, or typed by hand in
   * an import) reads as missing; validation reports it. */
  value = kap_value_new_from_json (node, kap_form_field_get_value_type (field));
  return value ? value : kap_value_new_null ();
}

static KapValue *
lookup_value (const char *name,
              gpointer    user_data)
{
  Scope *scope = user_data;
  KapFormField *field;

  field = g_str_equal (name, ".") ? scope->self : kap_form_lookup_field (scope->form, name);
  if (field == NULL)
    return kap_value_new_null ();

  return answer_value (scope, field);
}

static KapValue *
evaluate (Scope       *scope,
          KapExpr     *expr,
          const GDate *today)
{
  KapExprContext context = { lookup_value, scope, today };

  return kap_expr_evaluate (expr, &context);
}

static gboolean
evaluate_flag (Scope       *scope,
               KapExpr     *expr,
               gboolean     fixed,
               const GDate *today)
{
  g_autoptr(KapValue) value = NULL;

  if (expr == NULL)
    return fixed;

  value = evaluate (scope, expr, today);
  return kap_value_get_boolean (value);
}

gboolean
kap_form_field_is_relevant (KapForm      *self,
                            KapFormField *field,
                            JsonObject   *answers,
                            JsonObject   *item,
                            const GDate  *today)
{
  g_return_val_if_fail (KAP_IS_FORM (self), FALSE);

  for (KapFormField *f = field; f; f = f->parent)
    {
      Scope scope = { self, answers, item, f };

      if (f->relevant && !evaluate_flag (&scope, f->relevant, TRUE, today))
        return FALSE;
    }

  return TRUE;
}

gboolean
kap_form_field_is_required (KapForm      *self,
                            KapFormField *field,
                            JsonObject   *answers,
                            JsonObject   *item,
                            const GDate  *today)
{
  Scope scope = { self, answers, item, field };

  g_return_val_if_fail (KAP_IS_FORM (self), FALSE);

  return evaluate_flag (&scope, field->required_expr, field->required, today);
}

gboolean
kap_form_field_is_read_only (KapForm      *self,
                             KapFormField *field,
                             JsonObject   *answers,
                             JsonObject   *item,
                             const GDate  *today)
{
  Scope scope = { self, answers, item, field };

  g_return_val_if_fail (KAP_IS_FORM (self), FALSE);

  /* Calculated answers are the form's, not the officer's. */
  return field->calculate != NULL ||
         evaluate_flag (&scope, field->read_only_expr, field->read_only, today);
}

static gboolean
value_is_empty (KapValue *value)
{
  switch (kap_value_get_value_type (value))
    {
    case KAP_VALUE_NULL:
      return TRUE;
    case KAP_VALUE_STRING:
      for (const char *p = kap_value_get_string (value); *p; p++)
        if (!g_ascii_isspace (*p))
          return FALSE;
      return TRUE;
    case KAP_VALUE_LIST:
      return kap_value_get_list (value)[0] == NULL;
    default:
      return FALSE;
    }
}

static gboolean
choice_exists (KapForm      *self,
               KapFormField *field,
               const char   *value)
{
  GPtrArray *choices = kap_form_get_choices (self, field->choice_list);

  /* Code lists (@countries, @languages) are checked by the UI's pickers
   * against iso-codes; here any code-shaped value passes. */
  if (choices == NULL)
    return value != NULL && *value != '\0' && strchr (value, ' ') == NULL;

  for (guint i = 0; i < choices->len; i++)
    if (g_strcmp0 (((KapChoice *) g_ptr_array_index (choices, i))->value, value) == 0)
      return TRUE;

  return FALSE;
}

static char *
type_problem (KapForm      *self,
              KapFormField *field,
              JsonNode     *node,
              KapValue     *value)
{
  if (value == NULL)
    {
      switch (field->type)
        {
        case KAP_FIELD_INTEGER:
        case KAP_FIELD_DECIMAL:
          return g_strdup (_("Enter a number."));
        case KAP_FIELD_DATE:
          return g_strdup (_("Enter a date as year-month-day, for example 2025-03-01."));
        case KAP_FIELD_BOOLEAN:
          return g_strdup (_("Answer yes or no."));
        default:
          return g_strdup (_("This answer is not of the right kind."));
        }
    }

  if (field->type == KAP_FIELD_INTEGER)
    {
      double number = kap_value_get_number (value);

      if (number != (double) (gint64) number)
        return g_strdup (_("Enter a whole number."));
    }

  if (field->type == KAP_FIELD_SELECT_ONE && !choice_exists (self, field, kap_value_get_string (value)))
    return g_strdup (_("Choose one of the offered answers."));

  if (field->type == KAP_FIELD_SELECT_MULTIPLE)
    {
      const char * const *items = kap_value_get_list (value);

      for (guint i = 0; items[i]; i++)
        if (!choice_exists (self, field, items[i]))
          return g_strdup (_("Choose among the offered answers."));
    }

  return NULL;
}

char *
kap_form_field_check (KapForm      *self,
                      KapFormField *field,
                      JsonObject   *answers,
                      JsonObject   *item,
                      const char   *language,
                      const GDate  *today)
{
  Scope scope = { self, answers, item, field };
  g_autoptr(KapValue) value = NULL;
  JsonNode *node;
  char *problem;

  g_return_val_if_fail (KAP_IS_FORM (self), NULL);

  if (field->type == KAP_FIELD_NOTE || field->type == KAP_FIELD_GROUP ||
      field->type == KAP_FIELD_REPEAT)
    return NULL;

  if (!kap_form_field_is_relevant (self, field, answers, item, today))
    return NULL;

  node = answer_node (&scope, field);
  value = node ? kap_value_new_from_json (node, kap_form_field_get_value_type (field))
               : kap_value_new_null ();

  if (value != NULL && value_is_empty (value))
    {
      if (kap_form_field_is_required (self, field, answers, item, today))
        return g_strdup (_("This answer is required."));
      return NULL;
    }

  if ((problem = type_problem (self, field, node, value)) != NULL)
    return problem;

  if (field->constraint != NULL && !evaluate_flag (&scope, field->constraint, TRUE, today))
    {
      const char *message = kap_form_pick_text (field->constraint_message, language);

      return g_strdup (message ? message : _("This answer is not allowed here."));
    }

  return NULL;
}

/* Walks every field with its holder: the answers, or each repeat item. */
typedef void (*FieldVisitor) (KapForm      *self,
                              KapFormField *field,
                              JsonObject   *answers,
                              JsonObject   *item,
                              const char   *path,
                              gpointer      user_data);

static void
walk_fields (KapForm      *self,
             GPtrArray    *fields,
             JsonObject   *answers,
             JsonObject   *item,
             const char   *prefix,
             FieldVisitor  visit,
             gpointer      user_data)
{
  for (guint i = 0; i < fields->len; i++)
    {
      KapFormField *field = g_ptr_array_index (fields, i);
      g_autofree char *path = prefix ? g_strconcat (prefix, ".", field->name, NULL)
                                     : g_strdup (field->name);

      visit (self, field, answers, item, path, user_data);

      if (field->type == KAP_FIELD_GROUP)
        walk_fields (self, field->children, answers, item, prefix, visit, user_data);
      else if (field->type == KAP_FIELD_REPEAT)
        {
          JsonObject *holder = item ? item : answers;
          JsonNode *node = json_object_get_member (holder, field->name);

          if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
            continue;

          for (guint n = 0; n < json_array_get_length (json_node_get_array (node)); n++)
            {
              JsonNode *element = json_array_get_element (json_node_get_array (node), n);
              g_autofree char *item_path = g_strdup_printf ("%s[%u]", path, n + 1);

              if (JSON_NODE_HOLDS_OBJECT (element))
                walk_fields (self, field->children, answers, json_node_get_object (element),
                             item_path, visit, user_data);
            }
        }
    }
}

typedef struct
{
  const char  *language;
  const GDate *today;
  GPtrArray   *issues;
} ValidateData;

static void
validate_field (KapForm      *self,
                KapFormField *field,
                JsonObject   *answers,
                JsonObject   *item,
                const char   *path,
                gpointer      user_data)
{
  ValidateData *data = user_data;
  g_autofree char *message = kap_form_field_check (self, field, answers, item,
                                                   data->language, data->today);
  KapFormIssue *issue;

  if (message == NULL)
    return;

  issue = g_new0 (KapFormIssue, 1);
  issue->path = g_strdup (path);
  issue->field = g_strdup (field->name);
  issue->label = g_strdup (kap_form_field_get_label (field, data->language));
  issue->message = g_steal_pointer (&message);
  g_ptr_array_add (data->issues, issue);
}

GPtrArray *
kap_form_validate (KapForm     *self,
                   JsonObject  *answers,
                   const char  *language,
                   const GDate *today)
{
  ValidateData data = { language, today, NULL };

  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  g_return_val_if_fail (answers != NULL, NULL);

  data.issues = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_form_issue_free);
  walk_fields (self, self->fields, answers, NULL, NULL, validate_field, &data);

  return data.issues;
}

static void
default_field (KapForm      *self,
               KapFormField *field,
               JsonObject   *answers,
               JsonObject   *item,
               const char   *path,
               gpointer      user_data)
{
  Scope scope = { self, answers, item, field };
  JsonObject *holder = item ? item : answers;
  g_autoptr(KapValue) value = NULL;

  if (field->default_value == NULL || json_object_has_member (holder, field->name))
    return;

  value = evaluate (&scope, field->default_value, user_data);
  if (!kap_value_is_null (value))
    json_object_set_member (holder, field->name, kap_value_to_json (value));
}

void
kap_form_apply_defaults (KapForm     *self,
                         JsonObject  *answers,
                         const GDate *today)
{
  g_return_if_fail (KAP_IS_FORM (self));

  walk_fields (self, self->fields, answers, NULL, NULL, default_field, (gpointer) today);
}

static gboolean
calculate_in (KapForm      *self,
              KapFormField *field,
              JsonObject   *answers,
              JsonObject   *item,
              const GDate  *today)
{
  Scope scope = { self, answers, item, field };
  JsonObject *holder = item ? item : answers;
  g_autoptr(KapValue) old = answer_value (&scope, field);
  g_autoptr(KapValue) value = NULL;

  if (kap_form_field_is_relevant (self, field, answers, item, today))
    value = evaluate (&scope, field->calculate, today);
  else
    value = kap_value_new_null ();

  if (kap_value_equal (old, value) && (json_object_has_member (holder, field->name) ||
                                       kap_value_is_null (value)))
    return FALSE;

  /* A missing answer is absent, never stored as null. */
  if (kap_value_is_null (value))
    json_object_remove_member (holder, field->name);
  else
    json_object_set_member (holder, field->name, kap_value_to_json (value));

  return TRUE;
}

gboolean
kap_form_apply_calculations (KapForm     *self,
                             JsonObject  *answers,
                             const GDate *today)
{
  gboolean changed = FALSE;

  g_return_val_if_fail (KAP_IS_FORM (self), FALSE);

  for (guint i = 0; i < self->calculation_order->len; i++)
    {
      KapFormField *field = g_ptr_array_index (self->calculation_order, i);
      KapFormField *repeat = kap_form_field_get_repeat (field);
      JsonNode *items;

      if (repeat == NULL)
        {
          changed |= calculate_in (self, field, answers, NULL, today);
          continue;
        }

      /* Repeats nested in repeats keep their answers in the outer item;
       * forms of this project nest one level, which is what is handled. */
      items = json_object_get_member (answers, repeat->name);
      if (items == NULL || !JSON_NODE_HOLDS_ARRAY (items))
        continue;

      for (guint n = 0; n < json_array_get_length (json_node_get_array (items)); n++)
        {
          JsonNode *element = json_array_get_element (json_node_get_array (items), n);

          if (JSON_NODE_HOLDS_OBJECT (element))
            changed |= calculate_in (self, field, answers, json_node_get_object (element), today);
        }
    }

  return changed;
}

static void
prune_field (KapForm      *self,
             KapFormField *field,
             JsonObject   *answers,
             JsonObject   *item,
             const char   *path,
             gpointer      user_data)
{
  JsonObject *holder = item ? item : answers;

  if (field->type == KAP_FIELD_GROUP || !json_object_has_member (holder, field->name))
    return;

  if (!kap_form_field_is_relevant (self, field, answers, item, user_data))
    json_object_remove_member (holder, field->name);
}

void
kap_form_prune (KapForm     *self,
                JsonObject  *answers,
                const GDate *today)
{
  g_return_if_fail (KAP_IS_FORM (self));

  walk_fields (self, self->fields, answers, NULL, NULL, prune_field, (gpointer) today);
}

JsonObject *
kap_form_repeat_item_new (void)
{
  g_autofree char *id = kap_uuid_v7_new ();
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "item_id", id);
  return item;
}
