/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-expr"

#include "config.h"

#include <string.h>

#include "kap-expr.h"
#include "kap-fuzz.h"

/* The expression language (core/kap-expr*.c): whatever parses prints a
 * canonical text that parses again to the same text, checks the same and
 * evaluates to the same value; nothing crashes, warns or overflows the
 * stack on the way. */

static const struct
{
  const char   *name;
  KapValueType  type;
  const char   *answer;   /* the JSON of the answer; NULL: missing */
} fields[] = {
  { ".", KAP_VALUE_NUMBER, "16" },
  { "age_years", KAP_VALUE_NUMBER, "15" },
  { "weeks_pregnant", KAP_VALUE_NUMBER, "-2.5" },
  { "x", KAP_VALUE_NUMBER, "9007199254740993" },
  { "missing_number", KAP_VALUE_NUMBER, NULL },
  { "full_name", KAP_VALUE_STRING, "\"Милица Јовановић\"" },
  { "sex", KAP_VALUE_STRING, "\"F\"" },
  { "travelling_with", KAP_VALUE_STRING, "\"\"" },
  { "missing_text", KAP_VALUE_STRING, NULL },
  { "vuln_cat", KAP_VALUE_LIST, "[\"UAC\",\"DIS\"]" },
  { "empty_list", KAP_VALUE_LIST, "[]" },
  { "missing_list", KAP_VALUE_LIST, NULL },
  { "birth_date", KAP_VALUE_DATE, "\"2008-02-29\"" },
  { "arrival_date", KAP_VALUE_DATE, "\"2024-03-15\"" },
  { "missing_date", KAP_VALUE_DATE, NULL },
  { "consent", KAP_VALUE_BOOLEAN, "true" },
  { "a", KAP_VALUE_BOOLEAN, "false" },
  { "missing_bool", KAP_VALUE_BOOLEAN, "null" },
};

static gboolean
type_lookup (const char   *name,
             KapValueType *type,
             gpointer      user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      if (strcmp (fields[i].name, name) == 0)
        {
          *type = fields[i].type;
          return TRUE;
        }
    }

  return FALSE;
}

static KapValue *
value_lookup (const char *name,
              gpointer    user_data)
{
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autoptr(JsonNode) node = NULL;

      if (strcmp (fields[i].name, name) != 0)
        continue;
      if (fields[i].answer == NULL)
        return NULL;

      node = json_from_string (fields[i].answer, NULL);
      g_assert_nonnull (node);
      return kap_value_new_from_json (node, fields[i].type);
    }

  /* A name the check would refuse: the evaluator sees a missing answer. */
  return NULL;
}

typedef struct
{
  gboolean      checked;
  KapValueType  type;
  KapValue     *value;
} Outcome;

static Outcome
outcome_of (KapExpr *expr)
{
  KapExprContext context = { value_lookup, NULL, kap_fuzz_today () };
  g_autoptr(GError) error = NULL;
  Outcome outcome = { FALSE, KAP_VALUE_NULL, NULL };

  outcome.checked = kap_expr_check (expr, type_lookup, NULL, &outcome.type, &error);
  g_assert_true (outcome.checked == (error == NULL));
  if (error != NULL)
    g_assert_true (error->domain == KAP_EXPR_ERROR && error->message != NULL);

  /* Evaluation must be safe whether or not the check passed. */
  outcome.value = kap_expr_evaluate (expr, &context);
  g_assert_nonnull (outcome.value);

  /* A checked expression gives a value of the type the check said, or null. */
  if (outcome.checked && !kap_value_is_null (outcome.value) && outcome.type != KAP_VALUE_NULL)
    g_assert_cmpint (kap_value_get_value_type (outcome.value), ==, outcome.type);

  return outcome;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = kap_fuzz_strndup (data, size);
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = NULL;
  g_autoptr(KapExpr) again = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *reprinted = NULL;
  Outcome first, second;

  expr = kap_expr_parse (text, &error);
  if (expr == NULL)
    {
      g_assert_true (error != NULL && error->domain == KAP_EXPR_ERROR);
      return 0;
    }
  g_assert_no_error (error);
  g_assert_nonnull (kap_expr_get_fields (expr));

  printed = kap_expr_to_string (expr);
  g_assert_true (g_utf8_validate (printed, -1, NULL));

  again = kap_expr_parse (printed, &error);
  g_assert_no_error (error);
  reprinted = kap_expr_to_string (again);
  g_assert_cmpstr (printed, ==, reprinted);
  g_assert_true (kap_expr_uses_self (expr) == kap_expr_uses_self (again));

  first = outcome_of (expr);
  second = outcome_of (again);
  g_assert_true (first.checked == second.checked);
  g_assert_cmpint (first.type, ==, second.type);
  g_assert_true (kap_value_equal (first.value, second.value));

  kap_value_unref (first.value);
  kap_value_unref (second.value);

  return 0;
}
