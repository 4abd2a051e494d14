/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "kap-value.h"

G_BEGIN_DECLS

/* The expression language of data-driven forms (a field's `relevant`,
 * `constraint`, `calculate`, `default` and `read_only`). It is small and
 * safe: no loops, no assignment, no access to anything but the answers.
 *
 *   literals     15  2.5  'text'  "text"  true  false  null
 *   fields       age_years  travelling_with  and `.` for the field's own
 *                value (in its constraint)
 *   operators    or < and < not < = != < <= > >= < + - < * div / mod
 *                < unary -, and parentheses; `/` is a synonym of `div`
 *   functions    selected(field, 'CODE')  count-selected(x)  age(date)
 *                today()  if(cond, a, b)  date('YYYY-MM-DD')
 *                coalesce(a, b, …)  string-length(s)  concat(a, b, …)
 *                min(…)  max(…)  int(x)  days-between(d1, d2)
 *                regex(s, 'pattern')  list(a, b, …)
 *
 * Names are [A-Za-z_][A-Za-z0-9_]*, and may hold a "-" followed by a
 * letter (count-selected): so write spaces around a minus between two
 * names ("a - b"; "a-b" is one name). The words and, or, not, div, mod,
 * true, false and null are reserved. Strings have no escapes; a string
 * that holds a single quote is written in double quotes.
 *
 * Types and null: arithmetic needs numbers (a date plus or minus a number
 * of days is a date, a date minus a date a number of days); anything with
 * null gives null, and so do a division by zero and an invalid date.
 * Comparisons need operands of the same type (lists cannot be compared:
 * use selected() and count-selected()) and are false when an operand is
 * null, except the null tests "x = null" and "x != null" (written with
 * the literal null). Comparisons cannot be chained. and, or and not treat
 * null as false and always give true or false. Strings order by code
 * point; numbers compare exactly.
 *
 * Functions: selected(f, 'CODE') is true when the select_multiple field f
 * holds CODE (or the select_one field f is CODE); its first argument must
 * be a field name, its second a string literal; selected(null, …) is false.
 * count-selected(x) counts a list's items (a select_one counts 0 or 1,
 * null counts 0). age(d) is the whole years from d to today, counting a
 * 29 February birthday on 1 March in common years; a date after today
 * gives null. if() evaluates only the branch it takes. coalesce() gives
 * its first argument that is not null. string-length() counts characters
 * (null has 0). concat() joins texts, numbers, dates and booleans (null
 * is ""). min() and max() take numbers or dates; any null gives null.
 * int(x) truncates a number toward zero or reads a number from a string
 * (null if it holds none). days-between(d1, d2) is d2 − d1 in days.
 * regex(s, 'pattern') is true when the GRegex pattern (a literal,
 * compiled once when parsing) matches anywhere in s; anchor it with ^ and
 * $ to match all of s; null is false. list(a, b, …) is the list of its
 * text arguments that are neither null nor empty, in order: how a form
 * computes a select_multiple answer, list(if(c, 'UAC', null), …).
 *
 * An expression is parsed once into a tree, checked against the form's
 * field types once at load, then evaluated as often as answers change.
 * A parsed expression is immutable, so it may be shared between threads. */

#define KAP_EXPR_ERROR (kap_expr_error_quark ())

typedef enum
{
  KAP_EXPR_ERROR_SYNTAX,            /* includes invalid date and regex literals */
  KAP_EXPR_ERROR_UNKNOWN_FUNCTION,
  KAP_EXPR_ERROR_ARITY,             /* wrong number of arguments */
  KAP_EXPR_ERROR_TYPE,              /* found when parsing (literal or field name needed) or by kap_expr_check() */
  KAP_EXPR_ERROR_UNKNOWN_FIELD,     /* found by kap_expr_check() */
  KAP_EXPR_ERROR_TOO_DEEP,          /* nested deeper than KAP_EXPR_MAX_DEPTH */
} KapExprError;

GQuark kap_expr_error_quark (void);

/* Forms come from a server: an expression nested deeper than this (by
 * parentheses, function calls, operators or a chain of them) is refused,
 * so parsing and evaluating can never exhaust the stack. A prefix operator
 * and a parenthesis right after it, as in "-(x + 1)" or "not (a or b)",
 * are one level, so the canonical text of every expression that parses
 * parses again. */
#define KAP_EXPR_MAX_DEPTH 64

typedef struct _KapExpr KapExpr;

#define KAP_TYPE_EXPR (kap_expr_get_type ())
GType               kap_expr_get_type    (void) G_GNUC_CONST;

/* Looks up the type of the field called name ("." is the field whose
 * constraint is being checked). Returns FALSE if there is no such field.
 * A select_one field is KAP_VALUE_STRING, a select_multiple field
 * KAP_VALUE_LIST, integer and decimal fields KAP_VALUE_NUMBER. */
typedef gboolean  (*KapExprTypeLookup)  (const char   *name,
                                         KapValueType *type,
                                         gpointer      user_data);

/* Returns the current answer of the field called name ("." for the field
 * itself), transfer full; NULL or the null value for a missing answer. */
typedef KapValue *(*KapExprValueLookup) (const char   *name,
                                         gpointer      user_data);

typedef struct
{
  KapExprValueLookup  lookup;      /* NULL: every field is null */
  gpointer            user_data;
  const GDate        *today;       /* NULL: today's local date */
} KapExprContext;

/* Errors are in KAP_EXPR_ERROR, with a translated message that starts
 * with the 1-based column (in characters) and says what was expected.
 * Messages quote only the expression text, never an answer. */
KapExpr            *kap_expr_parse       (const char           *text,
                                          GError              **error) G_GNUC_WARN_UNUSED_RESULT;

KapExpr            *kap_expr_ref         (KapExpr              *self);
void                kap_expr_unref       (KapExpr              *self);

/* The static check at form load: every field exists, every operator and
 * function gets the types it needs. On success result_type (if not NULL)
 * is the type of the result; KAP_VALUE_NULL means the result is always
 * null or its type cannot be known (an expression made of null literals). */
gboolean            kap_expr_check       (KapExpr              *self,
                                          KapExprTypeLookup     lookup,
                                          gpointer              user_data,
                                          KapValueType         *result_type,
                                          GError              **error);

/* The names of the fields the expression reads, each once, in order of
 * first appearance; "." is not listed (see kap_expr_uses_self()). For the
 * form engine's dependency graph. */
const char * const *kap_expr_get_fields  (KapExpr              *self);
gboolean            kap_expr_uses_self   (KapExpr              *self);

/* Pure: no side effects and no run-time errors; a type mismatch the check
 * would have refused gives null. Never returns NULL. */
KapValue           *kap_expr_evaluate    (KapExpr              *self,
                                          const KapExprContext *context) G_GNUC_WARN_UNUSED_RESULT;

/* The canonical text: single spaces around operators, ", " between
 * arguments, "div" for "/", single quotes where possible, only the
 * parentheses that are needed. Parsing it again gives the same tree, and
 * so the same text. */
char               *kap_expr_to_string   (KapExpr              *self) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapExpr, kap_expr_unref)

G_END_DECLS
