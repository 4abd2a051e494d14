/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-expr-eval"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "kap-expr-private.h"

/* The evaluator walks the tree the parser built. It never fails: the
 * static check refuses type mismatches at form load, and whatever slips
 * through (an answer of an unexpected kind, a division by zero, a bad
 * date) becomes null, so a broken rule hides a question rather than
 * crashing an officer's session. */

struct _KapExprEval
{
  const KapExprContext *context;
  guint32               today;      /* 0 until first needed */
};

#define T(t) KAP_EXPR_TYPE_BIT (KAP_VALUE_##t)

static KapValue *evaluate (const KapExprNode *node,
                           KapExprEval       *eval);

static KapValue *
evaluate_arg (const KapExprNode *node,
              KapExprEval       *eval,
              guint              index)
{
  return evaluate (node->children[index], eval);
}

static guint32
eval_get_today (KapExprEval *eval)
{
  if (eval->today != 0)
    return eval->today;

  if (eval->context != NULL && eval->context->today != NULL && g_date_valid (eval->context->today))
    eval->today = g_date_get_julian (eval->context->today);
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autoptr(GDate) date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (now),
                                              (GDateMonth) g_date_time_get_month (now),
                                              (GDateYear) g_date_time_get_year (now));

      eval->today = g_date_get_julian (date);
    }

  return eval->today;
}

static gboolean
is_true (KapValue *value)
{
  return kap_value_get_boolean (value);
}

/* Functions */

static KapValue *
fn_selected (const KapExprNode *node,
             KapExprEval       *eval)
{
  g_autoptr(KapValue) subject = evaluate_arg (node, eval, 0);
  g_autoptr(KapValue) code = evaluate_arg (node, eval, 1);
  const char *wanted = kap_value_get_string (code);
  const char * const *items;

  if (wanted == NULL)
    return kap_value_new_boolean (FALSE);

  switch (kap_value_get_value_type (subject))
    {
    case KAP_VALUE_LIST:
      items = kap_value_get_list (subject);
      return kap_value_new_boolean (g_strv_contains (items, wanted));
    case KAP_VALUE_STRING:
      return kap_value_new_boolean (strcmp (kap_value_get_string (subject), wanted) == 0);
    default:
      return kap_value_new_boolean (FALSE);
    }
}

static KapValue *
fn_count_selected (const KapExprNode *node,
                   KapExprEval       *eval)
{
  g_autoptr(KapValue) subject = evaluate_arg (node, eval, 0);

  switch (kap_value_get_value_type (subject))
    {
    case KAP_VALUE_LIST:
      return kap_value_new_number (g_strv_length ((char **) kap_value_get_list (subject)));
    case KAP_VALUE_STRING:
      return kap_value_new_number (kap_value_get_string (subject)[0] != '\0' ? 1 : 0);
    default:
      return kap_value_new_number (0);
    }
}

static KapValue *
fn_age (const KapExprNode *node,
        KapExprEval       *eval)
{
  g_autoptr(KapValue) birth = evaluate_arg (node, eval, 0);
  GDate from, to;
  int years;

  if (!kap_value_get_date (birth, &from))
    return kap_value_new_null ();

  g_date_clear (&to, 1);
  g_date_set_julian (&to, eval_get_today (eval));
  if (g_date_compare (&from, &to) > 0)
    return kap_value_new_null ();

  /* Count the birthday as reached only when today's month and day are at
   * or past it: someone born on 29 February is a year older on 1 March
   * of a common year, the usual reading of age-of-majority rules. */
  years = g_date_get_year (&to) - g_date_get_year (&from);
  if (g_date_get_month (&to) < g_date_get_month (&from) ||
      (g_date_get_month (&to) == g_date_get_month (&from) &&
       g_date_get_day (&to) < g_date_get_day (&from)))
    years--;

  return kap_value_new_number (years);
}

static KapValue *
fn_today (const KapExprNode *node,
          KapExprEval       *eval)
{
  return kap_value_new_date_julian (eval_get_today (eval));
}

static KapValue *
fn_if (const KapExprNode *node,
       KapExprEval       *eval)
{
  g_autoptr(KapValue) condition = evaluate_arg (node, eval, 0);

  return evaluate_arg (node, eval, is_true (condition) ? 1 : 2);
}

static KapValue *
fn_date (const KapExprNode *node,
         KapExprEval       *eval)
{
  g_autoptr(KapValue) text = evaluate_arg (node, eval, 0);
  KapValue *date;

  if (kap_value_get_value_type (text) == KAP_VALUE_DATE)
    return g_steal_pointer (&text);

  date = kap_value_new_date_from_iso (kap_value_get_string (text));

  return date != NULL ? date : kap_value_new_null ();
}

static KapValue *
fn_coalesce (const KapExprNode *node,
             KapExprEval       *eval)
{
  for (guint i = 0; i < node->n_children; i++)
    {
      g_autoptr(KapValue) value = evaluate_arg (node, eval, i);

      if (!kap_value_is_null (value))
        return g_steal_pointer (&value);
    }

  return kap_value_new_null ();
}

static KapValue *
fn_string_length (const KapExprNode *node,
                  KapExprEval       *eval)
{
  g_autoptr(KapValue) text = evaluate_arg (node, eval, 0);
  const char *s = kap_value_get_string (text);

  return kap_value_new_number (s != NULL ? g_utf8_strlen (s, -1) : 0);
}

static KapValue *
fn_concat (const KapExprNode *node,
           KapExprEval       *eval)
{
  g_autoptr(GString) result = g_string_new (NULL);

  for (guint i = 0; i < node->n_children; i++)
    {
      g_autoptr(KapValue) value = evaluate_arg (node, eval, i);
      g_autofree char *text = kap_value_to_string (value);

      g_string_append (result, text);
    }

  return kap_value_new_string (result->str);
}

static KapValue *
min_max (const KapExprNode *node,
         KapExprEval       *eval,
         int                sign)
{
  g_autoptr(KapValue) best = NULL;

  for (guint i = 0; i < node->n_children; i++)
    {
      g_autoptr(KapValue) value = evaluate_arg (node, eval, i);
      KapValueType type = kap_value_get_value_type (value);
      double a, b;

      if (type != KAP_VALUE_NUMBER && type != KAP_VALUE_DATE)
        return kap_value_new_null ();

      if (best == NULL)
        {
          best = g_steal_pointer (&value);
          continue;
        }

      if (kap_value_get_value_type (best) != type)
        return kap_value_new_null ();

      if (type == KAP_VALUE_NUMBER)
        {
          a = kap_value_get_number (value);
          b = kap_value_get_number (best);
        }
      else
        {
          a = kap_value_get_julian (value);
          b = kap_value_get_julian (best);
        }

      if ((sign < 0 && a < b) || (sign > 0 && a > b))
        {
          g_clear_pointer (&best, kap_value_unref);
          best = g_steal_pointer (&value);
        }
    }

  return best != NULL ? g_steal_pointer (&best) : kap_value_new_null ();
}

static KapValue *
fn_min (const KapExprNode *node,
        KapExprEval       *eval)
{
  return min_max (node, eval, -1);
}

static KapValue *
fn_max (const KapExprNode *node,
        KapExprEval       *eval)
{
  return min_max (node, eval, 1);
}

static KapValue *
fn_int (const KapExprNode *node,
        KapExprEval       *eval)
{
  g_autoptr(KapValue) value = evaluate_arg (node, eval, 0);

  switch (kap_value_get_value_type (value))
    {
    case KAP_VALUE_NUMBER:
      return kap_value_new_number (trunc (kap_value_get_number (value)));

    case KAP_VALUE_STRING:
      {
        g_autofree char *text = g_strstrip (g_strdup (kap_value_get_string (value)));
        const char *p = text;
        char *end = NULL;
        double number;

        /* Only plain decimal numbers: g_ascii_strtod() would also take
         * "inf", "0x1A" and exponents, which no answer should mean. */
        if (*p == '-' || *p == '+')
          p++;
        if (!g_ascii_isdigit (*p) && !(*p == '.' && g_ascii_isdigit (p[1])))
          return kap_value_new_null ();
        for (; *p != '\0'; p++)
          if (!g_ascii_isdigit (*p) && *p != '.')
            return kap_value_new_null ();

        number = g_ascii_strtod (text, &end);
        if (end == NULL || *end != '\0')
          return kap_value_new_null ();

        return kap_value_new_number (trunc (number));
      }

    default:
      return kap_value_new_null ();
    }
}

static KapValue *
fn_days_between (const KapExprNode *node,
                 KapExprEval       *eval)
{
  g_autoptr(KapValue) from = evaluate_arg (node, eval, 0);
  g_autoptr(KapValue) to = evaluate_arg (node, eval, 1);

  if (kap_value_get_value_type (from) != KAP_VALUE_DATE ||
      kap_value_get_value_type (to) != KAP_VALUE_DATE)
    return kap_value_new_null ();

  return kap_value_new_number ((double) kap_value_get_julian (to) -
                               (double) kap_value_get_julian (from));
}

static KapValue *
fn_list (const KapExprNode *node,
         KapExprEval       *eval)
{
  g_autoptr(GStrvBuilder) items = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  /* Forms compute select_multiple answers with it, e.g. the vulnerability
   * categories: list(if(child_alone, 'UAC', null), …). */
  for (guint i = 0; i < node->n_children; i++)
    {
      g_autoptr(KapValue) value = evaluate_arg (node, eval, i);
      const char *text = kap_value_get_string (value);

      if (text != NULL && *text != '\0')
        g_strv_builder_add (items, text);
    }

  strv = g_strv_builder_end (items);
  return kap_value_new_list ((const char * const *) strv);
}

static KapValue *
fn_regex (const KapExprNode *node,
          KapExprEval       *eval)
{
  g_autoptr(KapValue) text = evaluate_arg (node, eval, 0);
  const char *s = kap_value_get_string (text);

  if (s == NULL || node->regex == NULL)
    return kap_value_new_boolean (FALSE);

  return kap_value_new_boolean (g_regex_match (node->regex, s, 0, NULL));
}

/* The function table: adding a function is adding a row here. Argument
 * types are checked by kap_expr_check(); "field" and "literal" demands
 * already when parsing. */
static const KapExprFunction functions[] = {
  { "age", 1, 1,
    { { T (DATE), 0, N_("a date") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_NUMBER, 0, fn_age },
  { "coalesce", 2, G_MAXUINT,
    { { KAP_EXPR_TYPES_ANY, 0, NULL } }, 1,
    KAP_EXPR_RESULT_UNIFY, KAP_VALUE_NULL, 0, fn_coalesce },
  { "concat", 1, G_MAXUINT,
    { { KAP_EXPR_TYPES_SCALAR, 0, N_("text, a number, a date or true or false") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_STRING, 0, fn_concat },
  { "count-selected", 1, 1,
    { { T (LIST) | T (STRING), 0, N_("a list of choices") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_NUMBER, 0, fn_count_selected },
  { "date", 1, 1,
    { { T (STRING), 0, N_("text") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_DATE, 0, fn_date },
  { "days-between", 2, 2,
    { { T (DATE), 0, N_("a date") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_NUMBER, 0, fn_days_between },
  { "if", 3, 3,
    { { T (BOOLEAN), 0, N_("true or false") },
      { KAP_EXPR_TYPES_ANY, 0, NULL } }, 2,
    KAP_EXPR_RESULT_UNIFY, KAP_VALUE_NULL, 1, fn_if },
  { "int", 1, 1,
    { { T (NUMBER) | T (STRING), 0, N_("a number or text") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_NUMBER, 0, fn_int },
  { "list", 1, G_MAXUINT,
    { { T (STRING), 0, N_("text") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_LIST, 0, fn_list },
  { "max", 1, G_MAXUINT,
    { { T (NUMBER) | T (DATE), 0, N_("a number or a date") } }, 1,
    KAP_EXPR_RESULT_UNIFY, KAP_VALUE_NULL, 0, fn_max },
  { "min", 1, G_MAXUINT,
    { { T (NUMBER) | T (DATE), 0, N_("a number or a date") } }, 1,
    KAP_EXPR_RESULT_UNIFY, KAP_VALUE_NULL, 0, fn_min },
  { "regex", 2, 2,
    { { T (STRING), 0, N_("text") },
      { T (STRING), KAP_EXPR_ARG_LITERAL, N_("text") } }, 2,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_BOOLEAN, 0, fn_regex },
  { "selected", 2, 2,
    { { T (LIST) | T (STRING), KAP_EXPR_ARG_FIELD, N_("a select_one or select_multiple field") },
      { T (STRING), KAP_EXPR_ARG_LITERAL, N_("text") } }, 2,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_BOOLEAN, 0, fn_selected },
  { "string-length", 1, 1,
    { { T (STRING), 0, N_("text") } }, 1,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_NUMBER, 0, fn_string_length },
  { "today", 0, 0,
    { { 0 } }, 0,
    KAP_EXPR_RESULT_FIXED, KAP_VALUE_DATE, 0, fn_today },
};

const KapExprFunction *
kap_expr_function_lookup (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (functions); i++)
    if (strcmp (functions[i].name, name) == 0)
      return &functions[i];

  return NULL;
}

const KapExprArg *
kap_expr_function_get_arg (const KapExprFunction *function,
                           guint                  index)
{
  if (function->n_arg_specs == 0)
    return NULL;

  return &function->args[MIN (index, function->n_arg_specs - 1)];
}

/* Operators */

static gboolean
is_null_literal (const KapExprNode *node)
{
  return node->kind == KAP_EXPR_NODE_LITERAL && kap_value_is_null (node->value);
}

static KapValue *
evaluate_comparison (const KapExprNode *node,
                     KapExprEval       *eval)
{
  g_autoptr(KapValue) left = NULL;
  g_autoptr(KapValue) right = NULL;
  KapValueType type;
  int cmp;

  /* "x = null" and "x != null" test for a missing answer; every other
   * comparison with a null operand is false. */
  if ((node->kind == KAP_EXPR_NODE_EQ || node->kind == KAP_EXPR_NODE_NE) &&
      (is_null_literal (node->children[0]) || is_null_literal (node->children[1])))
    {
      const KapExprNode *other = is_null_literal (node->children[0]) ? node->children[1] : node->children[0];
      g_autoptr(KapValue) value = evaluate (other, eval);
      gboolean missing = kap_value_is_null (value);

      return kap_value_new_boolean (node->kind == KAP_EXPR_NODE_EQ ? missing : !missing);
    }

  left = evaluate (node->children[0], eval);
  right = evaluate (node->children[1], eval);
  type = kap_value_get_value_type (left);

  if (type == KAP_VALUE_NULL || type != kap_value_get_value_type (right))
    return kap_value_new_boolean (FALSE);

  switch (type)
    {
    case KAP_VALUE_NUMBER:
      {
        double a = kap_value_get_number (left), b = kap_value_get_number (right);

        cmp = a < b ? -1 : a > b ? 1 : 0;
      }
      break;
    case KAP_VALUE_DATE:
      {
        guint32 a = kap_value_get_julian (left), b = kap_value_get_julian (right);

        cmp = a < b ? -1 : a > b ? 1 : 0;
      }
      break;
    case KAP_VALUE_STRING:
      /* Byte order of UTF-8 is code point order: the same on every
       * laptop, whatever its locale. */
      cmp = strcmp (kap_value_get_string (left), kap_value_get_string (right));
      break;
    case KAP_VALUE_BOOLEAN:
      if (node->kind != KAP_EXPR_NODE_EQ && node->kind != KAP_EXPR_NODE_NE)
        return kap_value_new_boolean (FALSE);
      cmp = kap_value_get_boolean (left) == kap_value_get_boolean (right) ? 0 : 1;
      break;
    case KAP_VALUE_LIST:
    default:
      return kap_value_new_boolean (FALSE);
    }

  switch (node->kind)
    {
    case KAP_EXPR_NODE_EQ:
      return kap_value_new_boolean (cmp == 0);
    case KAP_EXPR_NODE_NE:
      return kap_value_new_boolean (cmp != 0);
    case KAP_EXPR_NODE_LT:
      return kap_value_new_boolean (cmp < 0);
    case KAP_EXPR_NODE_LE:
      return kap_value_new_boolean (cmp <= 0);
    case KAP_EXPR_NODE_GT:
      return kap_value_new_boolean (cmp > 0);
    case KAP_EXPR_NODE_GE:
      return kap_value_new_boolean (cmp >= 0);
    default:
      g_assert_not_reached ();
    }
}

static KapValue *
evaluate_arithmetic (const KapExprNode *node,
                     KapExprEval       *eval)
{
  g_autoptr(KapValue) left = evaluate (node->children[0], eval);
  g_autoptr(KapValue) right = evaluate (node->children[1], eval);
  KapValueType lt = kap_value_get_value_type (left);
  KapValueType rt = kap_value_get_value_type (right);
  double a, b;

  /* Date arithmetic counts days: a date plus or minus a number is a date,
   * a date minus a date is a number. */
  if (node->kind == KAP_EXPR_NODE_ADD && lt == KAP_VALUE_DATE && rt == KAP_VALUE_NUMBER)
    return kap_value_new_date_julian ((guint32) CLAMP (kap_value_get_julian (left) + trunc (kap_value_get_number (right)), 0, G_MAXUINT32));
  if (node->kind == KAP_EXPR_NODE_ADD && lt == KAP_VALUE_NUMBER && rt == KAP_VALUE_DATE)
    return kap_value_new_date_julian ((guint32) CLAMP (kap_value_get_julian (right) + trunc (kap_value_get_number (left)), 0, G_MAXUINT32));
  if (node->kind == KAP_EXPR_NODE_SUB && lt == KAP_VALUE_DATE && rt == KAP_VALUE_NUMBER)
    return kap_value_new_date_julian ((guint32) CLAMP (kap_value_get_julian (left) - trunc (kap_value_get_number (right)), 0, G_MAXUINT32));
  if (node->kind == KAP_EXPR_NODE_SUB && lt == KAP_VALUE_DATE && rt == KAP_VALUE_DATE)
    return kap_value_new_number ((double) kap_value_get_julian (left) - (double) kap_value_get_julian (right));

  if (lt != KAP_VALUE_NUMBER || rt != KAP_VALUE_NUMBER)
    return kap_value_new_null ();

  a = kap_value_get_number (left);
  b = kap_value_get_number (right);

  switch (node->kind)
    {
    case KAP_EXPR_NODE_ADD:
      return kap_value_new_number (a + b);
    case KAP_EXPR_NODE_SUB:
      return kap_value_new_number (a - b);
    case KAP_EXPR_NODE_MUL:
      return kap_value_new_number (a * b);
    case KAP_EXPR_NODE_DIV:
      return b == 0 ? kap_value_new_null () : kap_value_new_number (a / b);
    case KAP_EXPR_NODE_MOD:
      /* XPath's mod: the remainder of a truncating division, with the
       * sign of the dividend. */
      return b == 0 ? kap_value_new_null () : kap_value_new_number (fmod (a, b));
    default:
      g_assert_not_reached ();
    }
}

static KapValue *
evaluate (const KapExprNode *node,
          KapExprEval       *eval)
{
  switch (node->kind)
    {
    case KAP_EXPR_NODE_LITERAL:
      return kap_value_ref (node->value);

    case KAP_EXPR_NODE_FIELD:
      {
        KapValue *value = NULL;

        if (eval->context != NULL && eval->context->lookup != NULL)
          value = eval->context->lookup (node->name, eval->context->user_data);

        return value != NULL ? value : kap_value_new_null ();
      }

    case KAP_EXPR_NODE_OR:
    case KAP_EXPR_NODE_AND:
      {
        /* Short-circuit: "or" stops at the first true, "and" at the
         * first false (null counts as false). */
        gboolean stop_at = node->kind == KAP_EXPR_NODE_OR;

        for (guint i = 0; i < node->n_children; i++)
          {
            g_autoptr(KapValue) value = evaluate (node->children[i], eval);

            if (is_true (value) == stop_at)
              return kap_value_new_boolean (stop_at);
          }

        return kap_value_new_boolean (!stop_at);
      }

    case KAP_EXPR_NODE_NOT:
      {
        g_autoptr(KapValue) value = evaluate (node->children[0], eval);

        return kap_value_new_boolean (!is_true (value));
      }

    case KAP_EXPR_NODE_EQ:
    case KAP_EXPR_NODE_NE:
    case KAP_EXPR_NODE_LT:
    case KAP_EXPR_NODE_LE:
    case KAP_EXPR_NODE_GT:
    case KAP_EXPR_NODE_GE:
      return evaluate_comparison (node, eval);

    case KAP_EXPR_NODE_ADD:
    case KAP_EXPR_NODE_SUB:
    case KAP_EXPR_NODE_MUL:
    case KAP_EXPR_NODE_DIV:
    case KAP_EXPR_NODE_MOD:
      return evaluate_arithmetic (node, eval);

    case KAP_EXPR_NODE_NEG:
      {
        g_autoptr(KapValue) value = evaluate (node->children[0], eval);

        if (kap_value_get_value_type (value) != KAP_VALUE_NUMBER)
          return kap_value_new_null ();

        return kap_value_new_number (-kap_value_get_number (value));
      }

    case KAP_EXPR_NODE_CALL:
      return node->function->evaluate (node, eval);

    default:
      g_assert_not_reached ();
    }
}

KapValue *
kap_expr_node_evaluate (const KapExprNode    *node,
                        const KapExprContext *context)
{
  KapExprEval eval = { context, 0 };

  return evaluate (node, &eval);
}
