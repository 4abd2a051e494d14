/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <math.h>
#include <string.h>

#include "kap-expr-private.h"
#include "kap-value.h"

/* The form fields the expressions below may use, with their types as the
 * form engine reports them: select_one fields are strings, select_multiple
 * fields lists. */
static const struct
{
  const char   *name;
  KapValueType  type;
} field_types[] = {
  { "age_years", KAP_VALUE_NUMBER },
  { "travelling_with", KAP_VALUE_STRING },
  { "vuln_cat", KAP_VALUE_LIST },
  { "sex", KAP_VALUE_STRING },
  { "birth_date", KAP_VALUE_DATE },
  { "arrival_date", KAP_VALUE_DATE },
  { "consent", KAP_VALUE_BOOLEAN },
  { "suicidal", KAP_VALUE_BOOLEAN },
  { "full_name", KAP_VALUE_STRING },
  { "weeks_pregnant", KAP_VALUE_NUMBER },
  { "missing_number", KAP_VALUE_NUMBER },
  { "missing_text", KAP_VALUE_STRING },
  { "missing_list", KAP_VALUE_LIST },
  { "missing_date", KAP_VALUE_DATE },
  { "missing_bool", KAP_VALUE_BOOLEAN },
  { "empty_list", KAP_VALUE_LIST },
  { "a", KAP_VALUE_BOOLEAN },
  { "b", KAP_VALUE_BOOLEAN },
  { "c", KAP_VALUE_BOOLEAN },
  { "x", KAP_VALUE_NUMBER },
};

typedef struct
{
  GHashTable *answers;       /* name → KapValue */
  GDate      *today;
  guint       lookups;       /* how often the evaluator asked for a value */
  GPtrArray  *looked_up;     /* which names */
} Answers;

static gboolean
type_lookup (const char   *name,
             KapValueType *type,
             gpointer      user_data)
{
  gboolean with_self = GPOINTER_TO_INT (user_data);

  /* In a constraint, "." is the constrained field: here a number. */
  if (strcmp (name, ".") == 0)
    {
      *type = KAP_VALUE_NUMBER;
      return with_self;
    }

  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    if (strcmp (field_types[i].name, name) == 0)
      {
        *type = field_types[i].type;
        return TRUE;
      }

  return FALSE;
}

static KapValue *
value_lookup (const char *name,
              gpointer    user_data)
{
  Answers *answers = user_data;
  KapValue *value = g_hash_table_lookup (answers->answers, name);

  answers->lookups++;
  g_ptr_array_add (answers->looked_up, g_strdup (name));

  return value != NULL ? kap_value_ref (value) : NULL;
}

static GDate *
date_from_iso (const char *text)
{
  g_autoptr(KapValue) value = kap_value_new_date_from_iso (text);
  GDate *date = g_date_new ();

  g_assert_nonnull (value);
  g_assert_true (kap_value_get_date (value, date));

  return date;
}

static void
answers_set (Answers    *answers,
             const char *name,
             KapValue   *value)
{
  g_hash_table_replace (answers->answers, g_strdup (name), value);
}

/* A 15-year-old travelling alone, screened on 15 March 2025 (synthetic). */
static Answers *
answers_new (void)
{
  Answers *answers = g_new0 (Answers, 1);
  const char *cats[] = { "UAC", "DIS", NULL };

  answers->answers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            (GDestroyNotify) kap_value_unref);
  answers->today = date_from_iso ("2025-03-15");
  answers->looked_up = g_ptr_array_new_with_free_func (g_free);

  answers_set (answers, "age_years", kap_value_new_number (15));
  answers_set (answers, "travelling_with", kap_value_new_string ("alone"));
  answers_set (answers, "vuln_cat", kap_value_new_list (cats));
  answers_set (answers, "sex", kap_value_new_string ("F"));
  answers_set (answers, "birth_date", kap_value_new_date_from_iso ("2010-03-15"));
  answers_set (answers, "arrival_date", kap_value_new_date_from_iso ("2025-03-01"));
  answers_set (answers, "consent", kap_value_new_boolean (TRUE));
  answers_set (answers, "suicidal", kap_value_new_boolean (FALSE));
  answers_set (answers, "full_name", kap_value_new_string ("Arben Krasniqi"));
  answers_set (answers, "empty_list", kap_value_new_list (NULL));
  answers_set (answers, "a", kap_value_new_boolean (TRUE));
  answers_set (answers, "b", kap_value_new_boolean (FALSE));
  answers_set (answers, "c", kap_value_new_boolean (TRUE));
  answers_set (answers, "x", kap_value_new_number (4));
  /* The missing_* fields are deliberately absent: missing answers. */
  answers_set (answers, "missing_bool", kap_value_new_null ());

  return answers;
}

static void
answers_free (Answers *answers)
{
  g_hash_table_unref (answers->answers);
  g_date_free (answers->today);
  g_ptr_array_unref (answers->looked_up);
  g_free (answers);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Answers, answers_free)

static char *
describe (KapValue *value)
{
  g_autofree char *text = kap_value_to_string (value);

  return g_strdup_printf ("%s:%s", kap_value_type_to_string (kap_value_get_value_type (value)), text);
}

static KapExpr *
parse_and_check (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = kap_expr_parse (text, &error);

  if (expr == NULL)
    g_error ("“%s” did not parse: %s", text, error->message);
  if (!kap_expr_check (expr, type_lookup, GINT_TO_POINTER (TRUE), NULL, &error))
    g_error ("“%s” did not check: %s", text, error->message);

  return g_steal_pointer (&expr);
}

static char *
evaluate_with (const char *text,
               Answers    *answers)
{
  g_autoptr(KapExpr) expr = parse_and_check (text);
  KapExprContext context = { value_lookup, answers, answers->today };
  g_autoptr(KapValue) value = kap_expr_evaluate (expr, &context);

  g_assert_nonnull (value);

  return describe (value);
}

/* Compares "<text> → <kind>:<value>" so that a failure names the rule. */
static void
assert_eval_with (const char *text,
                  Answers    *answers,
                  const char *expected)
{
  g_autofree char *got = evaluate_with (text, answers);
  g_autofree char *got_line = g_strdup_printf ("%s → %s", text, got);
  g_autofree char *expected_line = g_strdup_printf ("%s → %s", text, expected);

  g_assert_cmpstr (got_line, ==, expected_line);
}

static void
assert_eval (const char *text,
             const char *expected)
{
  g_autoptr(Answers) answers = answers_new ();

  assert_eval_with (text, answers, expected);
}

static void
assert_parse_error (const char *text,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = kap_expr_parse (text, &error);

  g_assert_null (expr);
  g_assert_error (error, KAP_EXPR_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
}

static void
assert_check_error (const char *text,
                    int         code,
                    const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = kap_expr_parse (text, &error);
  KapValueType type = KAP_VALUE_LIST;

  g_assert_no_error (error);
  g_assert_nonnull (expr);
  g_assert_false (kap_expr_check (expr, type_lookup, GINT_TO_POINTER (TRUE), &type, &error));
  g_assert_error (error, KAP_EXPR_ERROR, code);
  g_assert_cmpstr (error->message, ==, message);
  /* A failed check leaves the result type alone. */
  g_assert_cmpint (type, ==, KAP_VALUE_LIST);
}

static char *
canonical (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = kap_expr_parse (text, &error);

  g_assert_no_error (error);

  return kap_expr_to_string (expr);
}

static void
assert_round_trip (const char *text)
{
  g_autofree char *once = canonical (text);
  g_autofree char *twice = canonical (once);

  g_assert_cmpstr (twice, ==, once);
}

/* Literals */

static void
test_literals (void)
{
  assert_eval ("15", "number:15");
  assert_eval ("007", "number:7");
  assert_eval ("2.5", "number:2.5");
  assert_eval (".5", "number:0.5");
  assert_eval ("0.1", "number:0.1");
  assert_eval ("9007199254740992", "number:9007199254740992");
  assert_eval ("'alone'", "string:alone");
  assert_eval ("\"it's\"", "string:it's");
  assert_eval ("''", "string:");
  assert_eval ("'Милица Јовановић'", "string:Милица Јовановић");
  assert_eval ("true", "boolean:true");
  assert_eval ("false", "boolean:false");
  assert_eval ("null", "null:");
  assert_eval ("  \t15\n", "number:15");
}

/* Operators */

static void
test_arithmetic (void)
{
  assert_eval ("1 + 2", "number:3");
  assert_eval ("5 - 7", "number:-2");
  assert_eval ("6 * 7", "number:42");
  assert_eval ("7 div 2", "number:3.5");
  assert_eval ("7 / 2", "number:3.5");
  assert_eval ("7 mod 3", "number:1");
  assert_eval ("-7 mod 3", "number:-1");
  assert_eval ("7.5 mod 2", "number:1.5");
  assert_eval ("-x", "number:-4");
  assert_eval ("- -x", "number:4");
  assert_eval ("-0", "number:0");
  assert_eval ("0.1 + 0.2", "number:0.30000000000000004");

  /* Precedence and associativity. */
  assert_eval ("1 + 2 * 3", "number:7");
  assert_eval ("(1 + 2) * 3", "number:9");
  assert_eval ("10 - 4 - 3", "number:3");
  assert_eval ("10 - (4 - 3)", "number:9");
  assert_eval ("24 div 4 div 2", "number:3");
  assert_eval ("2 * 3 mod 4", "number:2");
  assert_eval ("2 * (3 mod 4)", "number:6");
  assert_eval ("-2 * 3", "number:-6");
  assert_eval ("-(2 + 3) * 2", "number:-10");
  assert_eval ("1 - -1", "number:2");

  /* A minus right after a name and before a digit is still a minus. */
  assert_eval ("age_years-1", "number:14");
  assert_eval ("age_years - x", "number:11");
  assert_eval ("age_years + 1", "number:16");

  /* Null in, null out; no run-time errors. */
  assert_eval ("missing_number + 1", "null:");
  assert_eval ("1 - missing_number", "null:");
  assert_eval ("missing_number * 0", "null:");
  assert_eval ("-missing_number", "null:");
  assert_eval ("null + 1", "null:");
  assert_eval ("1 div 0", "null:");
  assert_eval ("1 / (x - 4)", "null:");
  assert_eval ("5 mod 0", "null:");

  /* Overflow is null, not infinity. */
  {
    g_autoptr(GString) big = g_string_new (NULL);
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < 300; i++)
      g_string_append_c (big, '9');
    g_string_printf (text, "%s * %s", big->str, big->str);
    assert_eval (text->str, "null:");
  }

  /* Dates count days. */
  assert_eval ("date('2025-03-01') + 30", "date:2025-03-31");
  assert_eval ("30 + date('2025-03-01')", "date:2025-03-31");
  assert_eval ("date('2025-03-01') - 1", "date:2025-02-28");
  assert_eval ("date('2024-03-01') - 1", "date:2024-02-29");
  assert_eval ("date('2025-03-01') - date('2025-01-01')", "number:59");
  assert_eval ("date('9999-12-31') + 1", "null:");
  assert_eval ("date('0001-01-01') - 1", "null:");
  assert_eval ("missing_date + 1", "null:");
}

static void
test_comparison (void)
{
  assert_eval ("15 = 15", "boolean:true");
  assert_eval ("15 = 15.0", "boolean:true");
  assert_eval ("15 != 15", "boolean:false");
  assert_eval ("15 != 16", "boolean:true");
  assert_eval ("15 < 16", "boolean:true");
  assert_eval ("16 < 16", "boolean:false");
  assert_eval ("16 <= 16", "boolean:true");
  assert_eval ("17 <= 16", "boolean:false");
  assert_eval ("17 > 16", "boolean:true");
  assert_eval ("16 > 16", "boolean:false");
  assert_eval ("16 >= 16", "boolean:true");
  assert_eval ("15 >= 16", "boolean:false");
  assert_eval ("0.1 + 0.2 = 0.3", "boolean:false");

  assert_eval ("'alone' = 'alone'", "boolean:true");
  assert_eval ("'alone' != \"alone\"", "boolean:false");
  assert_eval ("'a' < 'b'", "boolean:true");
  assert_eval ("'B' < 'a'", "boolean:true");            /* code point order */
  assert_eval ("'Ayşe' > 'Ayse'", "boolean:true");
  assert_eval ("date('2025-01-01') < today()", "boolean:true");
  assert_eval ("date('2025-03-15') = today()", "boolean:true");
  assert_eval ("date('2025-03-15') >= today()", "boolean:true");
  assert_eval ("true = true", "boolean:true");
  assert_eval ("true != false", "boolean:true");
  assert_eval ("consent = true", "boolean:true");

  /* Comparisons bind looser than arithmetic. */
  assert_eval ("1 + 2 = 3", "boolean:true");
  assert_eval ("2 * 3 > 5", "boolean:true");
  assert_eval ("(1 = 1) = true", "boolean:true");

  /* Null: only "= null" and "!= null" see it. */
  assert_eval ("missing_number = null", "boolean:true");
  assert_eval ("null = missing_number", "boolean:true");
  assert_eval ("missing_number != null", "boolean:false");
  assert_eval ("age_years = null", "boolean:false");
  assert_eval ("age_years != null", "boolean:true");
  assert_eval ("missing_list = null", "boolean:true");
  assert_eval ("null = null", "boolean:true");
  assert_eval ("null != null", "boolean:false");
  assert_eval ("missing_number = 5", "boolean:false");
  assert_eval ("missing_number != 5", "boolean:false");
  assert_eval ("missing_number < 5", "boolean:false");
  assert_eval ("missing_number <= 5", "boolean:false");
  assert_eval ("missing_number > 5", "boolean:false");
  assert_eval ("missing_number >= 5", "boolean:false");
  assert_eval ("5 > missing_number", "boolean:false");
  assert_eval ("missing_number = missing_number", "boolean:false");
  assert_eval ("missing_text = ''", "boolean:false");
  assert_eval ("not (missing_number = 5)", "boolean:true");
}

static void
test_logic (void)
{
  g_autoptr(Answers) answers = answers_new ();

  assert_eval ("true and true", "boolean:true");
  assert_eval ("true and false", "boolean:false");
  assert_eval ("false or true", "boolean:true");
  assert_eval ("false or false", "boolean:false");
  assert_eval ("not true", "boolean:false");
  assert_eval ("not false", "boolean:true");
  assert_eval ("not not true", "boolean:true");
  assert_eval ("a and b or c", "boolean:true");
  assert_eval ("a and (b or c)", "boolean:true");
  assert_eval ("b and (a or c)", "boolean:false");

  /* and binds tighter than or, not tighter than and, comparisons tighter
   * than not. */
  assert_eval ("true or false and false", "boolean:true");
  assert_eval ("(true or false) and false", "boolean:false");
  assert_eval ("not true or true", "boolean:true");
  assert_eval ("not (true or true)", "boolean:false");
  assert_eval ("not false and false", "boolean:false");
  assert_eval ("not age_years = 15", "boolean:false");
  assert_eval ("not age_years = 16", "boolean:true");
  assert_eval ("not(b)", "boolean:true");
  assert_eval ("2 * 3 > 5 and 1 < 2 or false", "boolean:true");

  /* Null counts as false. */
  assert_eval ("missing_bool or true", "boolean:true");
  assert_eval ("missing_bool and true", "boolean:false");
  assert_eval ("not missing_bool", "boolean:true");
  assert_eval ("null or null", "boolean:false");

  /* Short-circuit: the right side is not even looked up. */
  answers->lookups = 0;
  assert_eval_with ("b and consent", answers, "boolean:false");
  g_assert_cmpuint (answers->lookups, ==, 1);
  answers->lookups = 0;
  assert_eval_with ("a or consent", answers, "boolean:true");
  g_assert_cmpuint (answers->lookups, ==, 1);
  answers->lookups = 0;
  assert_eval_with ("b or b or a or consent", answers, "boolean:true");
  g_assert_cmpuint (answers->lookups, ==, 3);
}

/* Functions */

static void
test_selected (void)
{
  g_autoptr(Answers) answers = answers_new ();

  assert_eval ("selected(vuln_cat, 'UAC')", "boolean:true");
  assert_eval ("selected(vuln_cat, 'DIS')", "boolean:true");
  assert_eval ("selected(vuln_cat, 'THB')", "boolean:false");
  assert_eval ("selected(vuln_cat, 'uac')", "boolean:false");
  assert_eval ("selected(vuln_cat, '')", "boolean:false");
  assert_eval ("selected(empty_list, 'UAC')", "boolean:false");
  assert_eval ("selected(missing_list, 'UAC')", "boolean:false");
  /* A select_one answer is selected when it is that code. */
  assert_eval ("selected(sex, 'F')", "boolean:true");
  assert_eval ("selected(sex, 'M')", "boolean:false");
  assert_eval ("selected(missing_text, 'M')", "boolean:false");
  assert_eval ("not selected(vuln_cat, 'THB')", "boolean:true");

  assert_eval ("count-selected(vuln_cat)", "number:2");
  assert_eval ("count-selected(empty_list)", "number:0");
  assert_eval ("count-selected(missing_list)", "number:0");
  assert_eval ("count-selected(sex)", "number:1");
  assert_eval ("count-selected(missing_text)", "number:0");
  answers_set (answers, "sex", kap_value_new_string (""));
  assert_eval_with ("count-selected(sex)", answers, "number:0");
}

static void
test_age (void)
{
  g_autoptr(Answers) answers = answers_new ();

  /* Born 2010-03-15: 15 on the birthday, 14 the day before. */
  assert_eval_with ("age(birth_date)", answers, "number:15");
  g_date_subtract_days (answers->today, 1);
  assert_eval_with ("age(birth_date)", answers, "number:14");
  g_date_set_dmy (answers->today, 15, 3, 2026);
  assert_eval_with ("age(birth_date)", answers, "number:16");
  g_date_set_dmy (answers->today, 31, 12, 2025);
  assert_eval_with ("age(birth_date)", answers, "number:15");

  /* Born on a leap day: the birthday is 1 March in common years. */
  answers_set (answers, "birth_date", kap_value_new_date_from_iso ("2008-02-29"));
  g_date_set_dmy (answers->today, 28, 2, 2025);
  assert_eval_with ("age(birth_date)", answers, "number:16");
  g_date_set_dmy (answers->today, 1, 3, 2025);
  assert_eval_with ("age(birth_date)", answers, "number:17");
  g_date_set_dmy (answers->today, 28, 2, 2024);
  assert_eval_with ("age(birth_date)", answers, "number:15");
  g_date_set_dmy (answers->today, 29, 2, 2024);
  assert_eval_with ("age(birth_date)", answers, "number:16");
  g_date_set_dmy (answers->today, 29, 2, 2008);
  assert_eval_with ("age(birth_date)", answers, "number:0");

  /* Null and the future give null. */
  assert_eval ("age(missing_date)", "null:");
  assert_eval ("age(date('2025-03-16'))", "null:");
  assert_eval ("age(today())", "number:0");
  assert_eval ("age(null)", "null:");
}

static void
test_today (void)
{
  g_autoptr(KapExpr) expr = parse_and_check ("today()");
  g_autoptr(GDateTime) before = g_date_time_new_now_local ();
  g_autoptr(KapValue) value = kap_expr_evaluate (expr, NULL);
  g_autoptr(GDateTime) after = g_date_time_new_now_local ();
  g_autofree char *got = kap_value_to_string (value);
  g_autofree char *day_before = g_date_time_format (before, "%Y-%m-%d");
  g_autofree char *day_after = g_date_time_format (after, "%Y-%m-%d");

  /* Without a context, today() is the local date (midnight may pass). */
  g_assert_cmpint (kap_value_get_value_type (value), ==, KAP_VALUE_DATE);
  g_assert_true (g_strcmp0 (got, day_before) == 0 || g_strcmp0 (got, day_after) == 0);

  assert_eval ("today()", "date:2025-03-15");
  assert_eval ("today() + 30", "date:2025-04-14");
}

static void
test_if (void)
{
  g_autoptr(Answers) answers = answers_new ();

  assert_eval ("if(true, 'a', 'b')", "string:a");
  assert_eval ("if(false, 'a', 'b')", "string:b");
  assert_eval ("if(missing_bool, 1, 2)", "number:2");
  assert_eval ("if(age_years < 18, 'minor', 'adult')", "string:minor");
  assert_eval ("if(true, 1, null)", "number:1");
  assert_eval ("if(false, 1, null)", "null:");
  assert_eval ("if(true, if(false, 1, 2), 3)", "number:2");

  /* Only the branch taken is evaluated. */
  answers->lookups = 0;
  assert_eval_with ("if(true, 1, age_years)", answers, "number:1");
  g_assert_cmpuint (answers->lookups, ==, 0);
  assert_eval_with ("if(false, x, age_years)", answers, "number:15");
  g_assert_cmpuint (answers->lookups, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (answers->looked_up, 0), ==, "age_years");
}

static void
test_date (void)
{
  g_autoptr(Answers) answers = answers_new ();

  assert_eval ("date('2025-03-01')", "date:2025-03-01");
  assert_eval ("date('2024-02-29')", "date:2024-02-29");
  assert_eval ("date('0001-01-01')", "date:0001-01-01");
  assert_eval ("date('9999-12-31')", "date:9999-12-31");
  assert_eval ("date(full_name)", "null:");
  assert_eval ("date(missing_text)", "null:");
  answers_set (answers, "full_name", kap_value_new_string ("2023-02-29"));
  assert_eval_with ("date(full_name)", answers, "null:");
  answers_set (answers, "full_name", kap_value_new_string ("2023-02-28"));
  assert_eval_with ("date(full_name)", answers, "date:2023-02-28");
  assert_eval ("date(concat('2025-', '03-', '01'))", "date:2025-03-01");
}

static void
test_coalesce (void)
{
  assert_eval ("coalesce(missing_number, 5)", "number:5");
  assert_eval ("coalesce(age_years, 5)", "number:15");
  assert_eval ("coalesce(missing_number, null)", "null:");
  assert_eval ("coalesce(missing_number, missing_number, 3)", "number:3");
  assert_eval ("coalesce(missing_text, travelling_with)", "string:alone");
  assert_eval ("coalesce(missing_date, arrival_date)", "date:2025-03-01");
}

static void
test_list (void)
{
  assert_eval ("list('UAC', 'THB')", "list:UAC THB");
  assert_eval ("list(if(age_years < 18 and travelling_with = 'alone', 'UAC', null), "
               "if(suicidal, 'MHC', null), if(sex = 'F', 'WAR', ''))", "list:UAC WAR");
  assert_eval ("list(null, missing_text)", "list:");
  assert_eval ("count-selected(list(if(a, 'A', null), if(b, 'B', null), if(c, 'C', null)))", "number:2");
  assert_check_error ("list(1)", KAP_EXPR_ERROR_TYPE, "Column 6: argument 1 of “list” must be text, not a number");
}

static void
test_string_functions (void)
{
  assert_eval ("string-length('abc')", "number:3");
  assert_eval ("string-length('')", "number:0");
  assert_eval ("string-length('Милица')", "number:6");
  assert_eval ("string-length('أحمد الحسن')", "number:10");
  assert_eval ("string-length(missing_text)", "number:0");
  assert_eval ("string-length(full_name) > 3", "boolean:true");

  assert_eval ("concat('a', 1, true, date('2025-03-01'), missing_text)", "string:a1true2025-03-01");
  assert_eval ("concat(2.5)", "string:2.5");
  assert_eval ("concat('Ayşe', ' ', 'Yılmaz')", "string:Ayşe Yılmaz");
  assert_eval ("concat(age_years, ' years')", "string:15 years");
  assert_eval ("concat(null)", "string:");
  assert_eval ("concat(7 div 2)", "string:3.5");

  assert_eval ("regex(full_name, '^[A-Z]')", "boolean:true");
  assert_eval ("regex('abc', 'b')", "boolean:true");
  assert_eval ("regex('abc', '^b')", "boolean:false");
  assert_eval ("regex('abc', '^abc$')", "boolean:true");
  assert_eval ("regex('Милица', '^\\p{Cyrillic}+$')", "boolean:true");
  assert_eval ("regex('Arben', '^\\p{Cyrillic}+$')", "boolean:false");
  assert_eval ("regex(missing_text, '.*')", "boolean:false");
  assert_eval ("regex('', '^$')", "boolean:true");
}

static void
test_numeric_functions (void)
{
  assert_eval ("min(3, 1, 2)", "number:1");
  assert_eval ("max(3, 1, 2)", "number:3");
  assert_eval ("min(5)", "number:5");
  assert_eval ("max(-1, -2)", "number:-1");
  assert_eval ("min(missing_number, 1)", "null:");
  assert_eval ("max(1, missing_number)", "null:");
  assert_eval ("max(arrival_date, date('2025-01-01'))", "date:2025-03-01");
  assert_eval ("min(arrival_date, date('2025-01-01'))", "date:2025-01-01");

  assert_eval ("int(3.7)", "number:3");
  assert_eval ("int(-3.7)", "number:-3");
  assert_eval ("int(15)", "number:15");
  assert_eval ("int(7 div 2)", "number:3");
  assert_eval ("int('42')", "number:42");
  assert_eval ("int(' 42 ')", "number:42");
  assert_eval ("int('-4.9')", "number:-4");
  assert_eval ("int('.5')", "number:0");
  assert_eval ("int('abc')", "null:");
  assert_eval ("int('')", "null:");
  assert_eval ("int('0x1A')", "null:");
  assert_eval ("int('inf')", "null:");
  assert_eval ("int('1e5')", "null:");
  assert_eval ("int('4.2.1')", "null:");
  assert_eval ("int(missing_number)", "null:");

  assert_eval ("days-between(date('2024-02-28'), date('2024-03-01'))", "number:2");
  assert_eval ("days-between(date('2024-03-01'), date('2024-02-28'))", "number:-2");
  assert_eval ("days-between(arrival_date, today())", "number:14");
  assert_eval ("days-between(missing_date, today())", "null:");
  assert_eval ("days-between(today(), missing_date)", "null:");
}

/* Errors */

static void
test_syntax_errors (void)
{
  assert_parse_error ("(age_years + 1", KAP_EXPR_ERROR_SYNTAX,
                      "Column 15: expected “)” to close the “(” at column 1");
  assert_parse_error ("(1 + (2 * 3)", KAP_EXPR_ERROR_SYNTAX,
                      "Column 13: expected “)” to close the “(” at column 1");
  assert_parse_error ("age_years +", KAP_EXPR_ERROR_SYNTAX,
                      "Column 12: expected a value after “+”");
  assert_parse_error ("age_years < 18 and", KAP_EXPR_ERROR_SYNTAX,
                      "Column 19: expected a value after “and”");
  assert_parse_error ("not", KAP_EXPR_ERROR_SYNTAX,
                      "Column 4: expected a value after “not”");
  assert_parse_error ("age_years # 2", KAP_EXPR_ERROR_SYNTAX,
                      "Column 11: unexpected character “#”");
  assert_parse_error ("1 ! 2", KAP_EXPR_ERROR_SYNTAX,
                      "Column 3: unexpected character “!”");
  assert_parse_error ("full_name = 'Arben", KAP_EXPR_ERROR_SYNTAX,
                      "Column 13: the string that starts here is not closed; expected a closing '");
  assert_parse_error ("full_name = \"Arben'", KAP_EXPR_ERROR_SYNTAX,
                      "Column 13: the string that starts here is not closed; expected a closing \"");
  assert_parse_error ("selected(vuln_cat, 'UAC'", KAP_EXPR_ERROR_SYNTAX,
                      "Column 25: expected “)” after the arguments of “selected”");
  assert_parse_error ("selected(vuln_cat 'UAC')", KAP_EXPR_ERROR_SYNTAX,
                      "Column 19: expected “)” after the arguments of “selected”");
  assert_parse_error ("selected(vuln_cat, )", KAP_EXPR_ERROR_SYNTAX,
                      "Column 20: expected a value after “,”, not “)”");
  assert_parse_error ("", KAP_EXPR_ERROR_SYNTAX, "Column 1: the expression is empty");
  assert_parse_error ("   ", KAP_EXPR_ERROR_SYNTAX, "Column 4: the expression is empty");
  assert_parse_error (")", KAP_EXPR_ERROR_SYNTAX, "Column 1: expected a value, not “)”");
  assert_parse_error ("1 + * 2", KAP_EXPR_ERROR_SYNTAX,
                      "Column 5: expected a value after “+”, not “*”");
  assert_parse_error ("1 = = 2", KAP_EXPR_ERROR_SYNTAX,
                      "Column 5: expected a value after “=”, not “=”");
  assert_parse_error ("age_years 15", KAP_EXPR_ERROR_SYNTAX,
                      "Column 11: expected an operator or the end of the expression, not “15”");
  assert_parse_error ("(1))", KAP_EXPR_ERROR_SYNTAX,
                      "Column 4: expected an operator or the end of the expression, not “)”");
  assert_parse_error ("1 < x < 5", KAP_EXPR_ERROR_SYNTAX,
                      "Column 7: comparisons cannot be chained; join them with “and”");
  assert_parse_error ("true()", KAP_EXPR_ERROR_SYNTAX,
                      "Column 5: expected an operator or the end of the expression, not “(”");
  assert_parse_error ("..", KAP_EXPR_ERROR_SYNTAX,
                      "Column 2: expected an operator or the end of the expression, not “.”");
  /* Columns count characters, not bytes. */
  assert_parse_error ("'Милица' = full_name #", KAP_EXPR_ERROR_SYNTAX,
                      "Column 22: unexpected character “#”");
  assert_parse_error ("full_name = 'Милица' №", KAP_EXPR_ERROR_SYNTAX,
                      "Column 22: unexpected character “№”");
  assert_parse_error ("1 + \xff", KAP_EXPR_ERROR_SYNTAX,
                      "Column 5: the expression is not valid UTF-8 text");

  /* Literals are validated when parsing. */
  assert_parse_error ("date('2025-02-30')", KAP_EXPR_ERROR_SYNTAX,
                      "Column 6: expected a date written as YYYY-MM-DD");
  assert_parse_error ("date('1.3.2025')", KAP_EXPR_ERROR_SYNTAX,
                      "Column 6: expected a date written as YYYY-MM-DD");
  assert_parse_error ("date('0000-01-01')", KAP_EXPR_ERROR_SYNTAX,
                      "Column 6: expected a date written as YYYY-MM-DD");
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(KapExpr) expr = kap_expr_parse ("regex(full_name, '(')", &error);

    g_assert_null (expr);
    g_assert_error (error, KAP_EXPR_ERROR, KAP_EXPR_ERROR_SYNTAX);
    g_assert_true (g_str_has_prefix (error->message,
                                     "Column 18: the pattern is not a valid regular expression: "));
  }
}

static void
test_function_errors (void)
{
  assert_parse_error ("foo(1)", KAP_EXPR_ERROR_UNKNOWN_FUNCTION,
                      "Column 1: unknown function “foo”");
  assert_parse_error ("1 + count_selected(vuln_cat)", KAP_EXPR_ERROR_UNKNOWN_FUNCTION,
                      "Column 5: unknown function “count_selected”");
  assert_parse_error ("age ()", KAP_EXPR_ERROR_ARITY,
                      "Column 1: “age” takes 1 argument, not 0");
  assert_parse_error ("selected(vuln_cat)", KAP_EXPR_ERROR_ARITY,
                      "Column 1: “selected” takes 2 arguments, not 1");
  assert_parse_error ("x + if(true, 1)", KAP_EXPR_ERROR_ARITY,
                      "Column 5: “if” takes 3 arguments, not 2");
  assert_parse_error ("today(1)", KAP_EXPR_ERROR_ARITY,
                      "Column 1: “today” takes 0 arguments, not 1");
  assert_parse_error ("coalesce(1)", KAP_EXPR_ERROR_ARITY,
                      "Column 1: “coalesce” takes at least 2 arguments, not 1");
  assert_parse_error ("concat()", KAP_EXPR_ERROR_ARITY,
                      "Column 1: “concat” takes at least 1 argument, not 0");
  assert_parse_error ("days-between(today())", KAP_EXPR_ERROR_ARITY,
                      "Column 1: “days-between” takes 2 arguments, not 1");

  /* What must be a field name or a literal is known when parsing. */
  assert_parse_error ("selected('UAC', 'UAC')", KAP_EXPR_ERROR_TYPE,
                      "Column 10: argument 1 of “selected” must be a field name");
  assert_parse_error ("selected(vuln_cat, sex)", KAP_EXPR_ERROR_TYPE,
                      "Column 20: argument 2 of “selected” must be text in quotes");
  assert_parse_error ("selected(vuln_cat, 1)", KAP_EXPR_ERROR_TYPE,
                      "Column 20: argument 2 of “selected” must be text in quotes");
  assert_parse_error ("regex('abc', full_name)", KAP_EXPR_ERROR_TYPE,
                      "Column 14: argument 2 of “regex” must be text in quotes");
}

static void
test_type_errors (void)
{
  assert_check_error ("age(sex)", KAP_EXPR_ERROR_TYPE,
                      "Column 5: argument 1 of “age” must be a date, not text");
  assert_check_error ("'a' + 1", KAP_EXPR_ERROR_TYPE,
                      "Column 5: “+” cannot combine text and a number");
  assert_check_error ("1 div 'a'", KAP_EXPR_ERROR_TYPE,
                      "Column 3: “div” cannot combine a number and text");
  assert_check_error ("arrival_date * 2", KAP_EXPR_ERROR_TYPE,
                      "Column 14: “*” cannot combine a date and a number");
  assert_check_error ("'a' + null", KAP_EXPR_ERROR_TYPE,
                      "Column 5: “+” cannot combine text and null");
  assert_check_error ("1 - arrival_date", KAP_EXPR_ERROR_TYPE,
                      "Column 3: “-” cannot combine a number and a date");
  assert_check_error ("-'a'", KAP_EXPR_ERROR_TYPE,
                      "Column 1: “-” needs a number, not text");
  assert_check_error ("age_years = 'fifteen'", KAP_EXPR_ERROR_TYPE,
                      "Column 11: cannot compare a number with text");
  assert_check_error ("arrival_date > 5", KAP_EXPR_ERROR_TYPE,
                      "Column 14: cannot compare a date with a number");
  assert_check_error ("vuln_cat = 'UAC'", KAP_EXPR_ERROR_TYPE,
                      "Column 10: a list of choices cannot be compared; use selected() or count-selected()");
  assert_check_error ("true < false", KAP_EXPR_ERROR_TYPE,
                      "Column 6: “<” needs numbers, text or dates, not true or false");
  assert_check_error ("age_years and true", KAP_EXPR_ERROR_TYPE,
                      "Column 1: “and” needs true or false, not a number");
  assert_check_error ("true or 'x'", KAP_EXPR_ERROR_TYPE,
                      "Column 9: “or” needs true or false, not text");
  assert_check_error ("not full_name", KAP_EXPR_ERROR_TYPE,
                      "Column 5: “not” needs true or false, not text");
  assert_check_error ("if(age_years, 1, 2)", KAP_EXPR_ERROR_TYPE,
                      "Column 4: argument 1 of “if” must be true or false, not a number");
  assert_check_error ("if(true, 1, 'x')", KAP_EXPR_ERROR_TYPE,
                      "Column 13: “if” cannot give both a number and text");
  assert_check_error ("coalesce(null, age_years, sex)", KAP_EXPR_ERROR_TYPE,
                      "Column 27: “coalesce” cannot give both a number and text");
  assert_check_error ("min(1, today())", KAP_EXPR_ERROR_TYPE,
                      "Column 8: “min” cannot give both a number and a date");
  assert_check_error ("max('a')", KAP_EXPR_ERROR_TYPE,
                      "Column 5: argument 1 of “max” must be a number or a date, not text");
  assert_check_error ("selected(age_years, 'X')", KAP_EXPR_ERROR_TYPE,
                      "Column 10: argument 1 of “selected” must be a select_one or select_multiple field, not a number");
  assert_check_error ("count-selected(age_years)", KAP_EXPR_ERROR_TYPE,
                      "Column 16: argument 1 of “count-selected” must be a list of choices, not a number");
  assert_check_error ("days-between(birth_date, 5)", KAP_EXPR_ERROR_TYPE,
                      "Column 26: argument 2 of “days-between” must be a date, not a number");
  assert_check_error ("string-length(age_years)", KAP_EXPR_ERROR_TYPE,
                      "Column 15: argument 1 of “string-length” must be text, not a number");
  assert_check_error ("concat('x', vuln_cat)", KAP_EXPR_ERROR_TYPE,
                      "Column 13: argument 2 of “concat” must be text, a number, a date or true or false, not a list of choices");
  assert_check_error ("date(5)", KAP_EXPR_ERROR_TYPE,
                      "Column 6: argument 1 of “date” must be text, not a number");
  assert_check_error ("int(today())", KAP_EXPR_ERROR_TYPE,
                      "Column 5: argument 1 of “int” must be a number or text, not a date");
  assert_check_error ("regex(age_years, 'x')", KAP_EXPR_ERROR_TYPE,
                      "Column 7: argument 1 of “regex” must be text, not a number");
  /* The error is found inside nested calls too. */
  assert_check_error ("if(true, age(sex) > 1, false)", KAP_EXPR_ERROR_TYPE,
                      "Column 14: argument 1 of “age” must be a date, not text");
}

static void
test_unknown_field (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = NULL;

  assert_check_error ("weight > 3", KAP_EXPR_ERROR_UNKNOWN_FIELD,
                      "Column 1: there is no field “weight”");
  assert_check_error ("age_years < 18 and travelling-with = 'alone'", KAP_EXPR_ERROR_UNKNOWN_FIELD,
                      "Column 20: there is no field “travelling-with”");
  assert_check_error ("selected(vuln_kat, 'UAC')", KAP_EXPR_ERROR_UNKNOWN_FIELD,
                      "Column 10: there is no field “vuln_kat”");
  /* A function name without parentheses is a field name. */
  assert_check_error ("today > arrival_date", KAP_EXPR_ERROR_UNKNOWN_FIELD,
                      "Column 1: there is no field “today”");

  /* "." only where the lookup knows it: in a field's own rules. */
  expr = kap_expr_parse (". >= 0 and . <= 120", &error);
  g_assert_no_error (error);
  g_assert_false (kap_expr_check (expr, type_lookup, GINT_TO_POINTER (FALSE), NULL, &error));
  g_assert_error (error, KAP_EXPR_ERROR, KAP_EXPR_ERROR_UNKNOWN_FIELD);
  g_assert_cmpstr (error->message, ==,
                   "Column 1: “.” stands for a field’s own value and can only be used in that field’s rules");
  g_clear_error (&error);
  g_assert_true (kap_expr_check (expr, type_lookup, GINT_TO_POINTER (TRUE), NULL, &error));
  g_assert_no_error (error);

  /* No lookup at all: every field is unknown. */
  g_assert_false (kap_expr_check (expr, NULL, NULL, NULL, &error));
  g_assert_error (error, KAP_EXPR_ERROR, KAP_EXPR_ERROR_UNKNOWN_FIELD);
}

static void
test_result_types (void)
{
  static const struct
  {
    const char   *text;
    KapValueType  type;
  } cases[] = {
    { "age_years < 18", KAP_VALUE_BOOLEAN },
    { "not consent", KAP_VALUE_BOOLEAN },
    { "if(true, 'P1', 'P2')", KAP_VALUE_STRING },
    { "if(true, null, 'P2')", KAP_VALUE_STRING },
    { "if(true, null, null)", KAP_VALUE_NULL },
    { "null", KAP_VALUE_NULL },
    { "age_years + 1", KAP_VALUE_NUMBER },
    { "-age_years", KAP_VALUE_NUMBER },
    { "today() + 1", KAP_VALUE_DATE },
    { "1 + today()", KAP_VALUE_DATE },
    { "today() - 1", KAP_VALUE_DATE },
    { "today() - birth_date", KAP_VALUE_NUMBER },
    { "null + 1", KAP_VALUE_NULL },
    { "null * 2", KAP_VALUE_NUMBER },
    { "coalesce(null, age_years)", KAP_VALUE_NUMBER },
    { "coalesce(missing_list, vuln_cat)", KAP_VALUE_LIST },
    { "concat(age_years, 'x')", KAP_VALUE_STRING },
    { "min(arrival_date, today())", KAP_VALUE_DATE },
    { "max(1, 2)", KAP_VALUE_NUMBER },
    { "date('2025-01-01')", KAP_VALUE_DATE },
    { "selected(vuln_cat, 'UAC')", KAP_VALUE_BOOLEAN },
    { "regex(full_name, 'x')", KAP_VALUE_BOOLEAN },
    { "count-selected(vuln_cat)", KAP_VALUE_NUMBER },
    { "string-length(sex)", KAP_VALUE_NUMBER },
    { "int('4')", KAP_VALUE_NUMBER },
    { "age(birth_date)", KAP_VALUE_NUMBER },
    { "days-between(birth_date, today())", KAP_VALUE_NUMBER },
    { "vuln_cat", KAP_VALUE_LIST },
    { ". >= 0 and . <= 120", KAP_VALUE_BOOLEAN },
    { "missing_number = null", KAP_VALUE_BOOLEAN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KapExpr) expr = kap_expr_parse (cases[i].text, &error);
      KapValueType type = KAP_VALUE_LIST + 1;

      g_assert_no_error (error);
      g_assert_true (kap_expr_check (expr, type_lookup, GINT_TO_POINTER (TRUE), &type, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (kap_value_type_to_string (type), ==, kap_value_type_to_string (cases[i].type));
    }
}

/* Depth */

static char *
nested (const char *open,
        const char *middle,
        const char *close,
        guint       levels)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < levels; i++)
    g_string_append (s, open);
  g_string_append (s, middle);
  for (guint i = 0; i < levels; i++)
    g_string_append (s, close);

  return g_string_free (s, FALSE);
}

static void
assert_too_deep (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) expr = kap_expr_parse (text, &error);

  g_assert_null (expr);
  g_assert_error (error, KAP_EXPR_ERROR, KAP_EXPR_ERROR_TOO_DEEP);
  g_assert_true (g_str_has_prefix (error->message, "Column "));
  g_assert_nonnull (strstr (error->message, "nested too deeply (more than 64 levels)"));
}

static void
test_depth (void)
{
  g_autofree char *parens_ok = nested ("(", "1", ")", 64);
  g_autofree char *parens_deep = nested ("(", "1", ")", 65);
  g_autofree char *parens_hostile = nested ("(", "1", ")", 100000);
  g_autofree char *ifs_ok = nested ("if(true, ", "7", ", 0)", 64);
  g_autofree char *ifs_deep = nested ("if(true, ", "7", ", 0)", 65);
  g_autofree char *nots_ok = nested ("not ", "true", "", 64);
  g_autofree char *nots_deep = nested ("not ", "true", "", 65);
  g_autofree char *minus_hostile = nested ("-", "1", "", 100000);
  g_autoptr(GString) sum_ok = g_string_new ("1");
  g_autoptr(GString) sum_deep = g_string_new ("1");
  g_autoptr(GString) long_or = g_string_new ("false");

  assert_eval (parens_ok, "number:1");
  assert_too_deep (parens_deep);
  assert_too_deep (parens_hostile);
  assert_eval (ifs_ok, "number:7");
  assert_too_deep (ifs_deep);
  assert_eval (nots_ok, "boolean:true");
  assert_too_deep (nots_deep);
  assert_too_deep (minus_hostile);

  /* A chain of binary operators is a deep tree too. */
  for (guint i = 0; i < 64; i++)
    g_string_append (sum_ok, " + 1");
  for (guint i = 0; i < 65; i++)
    g_string_append (sum_deep, " + 1");
  assert_eval (sum_ok->str, "number:65");
  assert_too_deep (sum_deep->str);

  /* but a long chain of "or" stays flat: one node. */
  for (guint i = 0; i < 1000; i++)
    g_string_append (long_or, " or false");
  g_string_append (long_or, " or true");
  assert_eval (long_or->str, "boolean:true");
}

/* Printing */

static void
test_to_string (void)
{
  static const struct
  {
    const char *text;
    const char *canonical;
  } cases[] = {
    { "age_years<18 and travelling_with='alone'", "age_years < 18 and travelling_with = 'alone'" },
    { "(1+2)*3", "(1 + 2) * 3" },
    { "1+(2*3)", "1 + 2 * 3" },
    { "10 - (4 - 3)", "10 - (4 - 3)" },
    { "(10 - 4) - 3", "10 - 4 - 3" },
    { "24 div (4 div 2)", "24 div (4 div 2)" },
    { "7 / 2", "7 div 2" },
    { "7 mod 2", "7 mod 2" },
    { "not(a = b)", "not a = b" },
    { "not (a and b)", "not (a and b)" },
    { "not not a", "not not a" },
    { "(a or b) or c", "a or b or c" },
    { "a or (b or c)", "a or b or c" },
    { "a and (b or c)", "a and (b or c)" },
    { "(a and b) or c", "a and b or c" },
    { "- -x", "-(-x)" },
    { "-(x + 1)", "-(x + 1)" },
    { "x - -1", "x - -1" },
    { "2 * -x", "2 * -x" },
    { "(-x) * 2", "-x * 2" },
    { "(x = 1) = true", "(x = 1) = true" },
    { "true = (x = 1)", "true = (x = 1)" },
    { "\"it's\"", "\"it's\"" },
    { "\"abc\"", "'abc'" },
    { "1.50", "1.5" },
    { "007", "7" },
    { ".5", "0.5" },
    { "0.1", "0.1" },
    { "  null  ", "null" },
    { "TRUE", "TRUE" },                 /* a field name: keywords are lower case */
    { "count-selected( vuln_cat )>0", "count-selected(vuln_cat) > 0" },
    { ".>=0", ". >= 0" },
    { "today( )", "today()" },
    { "if(selected(vuln_cat,'UAC'),'P1',\"P3\")", "if(selected(vuln_cat, 'UAC'), 'P1', 'P3')" },
    { "concat('a',\"b\" , 'c')", "concat('a', 'b', 'c')" },
    { "x != 1 or x <= 2 or x >= 3 or x < 4 or x > 5", "x != 1 or x <= 2 or x >= 3 or x < 4 or x > 5" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *printed = canonical (cases[i].text);

      g_assert_cmpstr (printed, ==, cases[i].canonical);
      assert_round_trip (cases[i].text);
    }
}

static const char * const screening_rules[] = {
  "age_years < 18 and travelling_with = 'alone'",
  "if(selected(vuln_cat, 'UAC') or selected(vuln_cat, 'THB'), 'P1', if(count-selected(vuln_cat) > 0, 'P2', 'P3'))",
  "age(birth_date) < 18 and travelling_with != 'family'",
  "sex = 'F' and age_years >= 12 and age_years <= 55",
  "age_years >= 60",
  "selected(vuln_cat, 'MHC') and suicidal = true or selected(vuln_cat, 'UAC') and travelling_with = 'alone'",
  ". >= 0 and . <= 120",
  "coalesce(age_years, age(birth_date))",
  "days-between(arrival_date, today()) <= 3",
  "today() + if(selected(vuln_cat, 'UAC'), 1, 30)",
  "regex(full_name, '^[^0-9]+$') and string-length(full_name) <= 100",
  "concat(count-selected(vuln_cat), ' categories, priority ', if(selected(vuln_cat, 'UAC'), 'P1', 'P2'))",
  "-(age_years - 18) * 2 div 4 mod 3 + 1",
};

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (screening_rules); i++)
    {
      g_autoptr(KapExpr) expr = parse_and_check (screening_rules[i]);
      g_autofree char *printed = kap_expr_to_string (expr);
      g_autoptr(Answers) answers = answers_new ();
      g_autofree char *original_value = evaluate_with (screening_rules[i], answers);
      g_autofree char *printed_value = evaluate_with (printed, answers);

      assert_round_trip (screening_rules[i]);
      /* The printed form means the same. */
      g_assert_cmpstr (printed_value, ==, original_value);
    }
}

/* The same tree, whatever the columns: node by node. */
static void
assert_same_tree (const KapExprNode *a,
                  const KapExprNode *b)
{
  g_assert_cmpint (a->kind, ==, b->kind);
  g_assert_cmpuint (a->depth, ==, b->depth);
  g_assert_cmpstr (a->name, ==, b->name);
  g_assert_true (a->function == b->function);
  g_assert_true ((a->value == NULL) == (b->value == NULL));
  if (a->value != NULL)
    g_assert_true (kap_value_equal (a->value, b->value));
  g_assert_cmpuint (a->n_children, ==, b->n_children);
  for (guint i = 0; i < a->n_children; i++)
    assert_same_tree (a->children[i], b->children[i]);
}

/* @text parses, and so does its canonical text, to the same tree; the
 * canonical text of that is the same again. Returns the tree's depth. */
static guint
assert_tree_round_trip (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapExpr) parsed = kap_expr_parse (text, &error);
  g_autoptr(KapExpr) again = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *reprinted = NULL;

  if (parsed == NULL)
    g_error ("Refused “%s”: %s", text, error->message);
  printed = kap_expr_to_string (parsed);
  again = kap_expr_parse (printed, &error);
  if (again == NULL)
    g_error ("Refused the canonical text “%s” of “%s”: %s", printed, text, error->message);
  assert_same_tree (kap_expr_get_root (parsed), kap_expr_get_root (again));
  reprinted = kap_expr_to_string (again);
  g_assert_cmpstr (reprinted, ==, printed);

  return kap_expr_get_root (parsed)->depth;
}

/* Trees within the depth limit whose canonical text once nested deeper
 * than the parser allowed: it counted "-(" and "not (" as two levels, and
 * the printer writes "-(-x)". */
static void
test_round_trip_deep (void)
{
  g_autofree char *minus_33 = nested ("-", "x", "", 33);
  g_autofree char *minus_64 = nested ("-", "1", "", 64);
  g_autofree char *minus_65 = nested ("-", "1", "", 65);
  g_autofree char *minus_paren_64 = nested ("-(", "x + 1", ")", 63);
  g_autofree char *not_and = nested ("not (a and ", "b", ")", 32);
  g_autofree char *mixed = nested ("-((not ", "x", ") = y)", 21);
  g_autofree char *calls = nested ("if(a, -(", "x", "), 0)", 32);

  g_assert_cmpuint (assert_tree_round_trip (minus_33), ==, 33);
  g_assert_cmpuint (assert_tree_round_trip (minus_64), ==, 64);
  g_assert_cmpuint (assert_tree_round_trip (minus_paren_64), ==, 64);
  g_assert_cmpuint (assert_tree_round_trip (not_and), ==, 64);
  g_assert_cmpuint (assert_tree_round_trip (mixed), ==, 63);
  g_assert_cmpuint (assert_tree_round_trip (calls), ==, 64);

  /* The limit is still the limit. */
  assert_too_deep (minus_65);
}

/* Random expressions for the round trip, written with a parenthesis
 * around every operand of an operator, so that the parser reads the tree
 * they were made as. A tree is a spine @depth nodes deep (unless
 * @on_spine is FALSE: then it may stop early) with shallow side branches:
 * deep trees of a bounded size. */
typedef struct
{
  GString    *out;
  /* The operator of the chain ("and", "or") whose operand comes next: an
   * operand that is the same chain would merge into it, a level less. */
  const char *chain;
} Generator;

static void generate (Generator *gen,
                      guint      depth,
                      gboolean   on_spine);

static void
generate_operand (Generator *gen,
                  guint      depth,
                  gboolean   on_spine)
{
  g_string_append_c (gen->out, '(');
  generate (gen, depth, on_spine);
  g_string_append_c (gen->out, ')');
}

/* The operands of a call or an operator: @n of them, one (at random) on
 * the spine with @depth, the others shallow. */
static void
generate_operands (Generator  *gen,
                   guint       n,
                   guint       depth,
                   gboolean    on_spine,
                   gboolean    parenthesize,
                   const char *separator,
                   const char *chain)
{
  guint which = g_test_rand_int_range (0, n);

  for (guint i = 0; i < n; i++)
    {
      guint side = (guint) g_test_rand_int_range (0, (gint32) MIN (depth, 2) + 1);

      if (i > 0)
        g_string_append (gen->out, separator);
      gen->chain = chain;
      if (parenthesize)
        generate_operand (gen, i == which ? depth : side, i == which && on_spine);
      else
        generate (gen, i == which ? depth : side, i == which && on_spine);
    }
}

static void
generate (Generator *gen,
          guint      depth,
          gboolean   on_spine)
{
  static const char * const leaves[] = {
    "0", "7", "2.5", "0.1", ".000001", "123456789.125", "1000000000000000000000",
    "'alone'", "\"it's\"", "''", "'Милица Јовановић'", "true", "false", "null",
    "a", "x", "age_years", "days-left", ".", "today()",
  };
  static const char * const binary[] = {
    "+", "-", "*", "div", "/", "mod", "=", "!=", "<", "<=", ">", ">=",
  };
  static const char * const calls[] = {
    "coalesce", "concat", "min", "max", "list", "if", "days-between",
    "int", "string-length", "count-selected", "age", "regex", "selected", "date",
  };
  GString *out = gen->out;
  const char *chain = gen->chain;
  guint below = depth - 1;

  gen->chain = NULL;

  if (depth == 0 || (!on_spine && g_test_rand_int_range (0, 4) == 0))
    {
      g_string_append (out, leaves[g_test_rand_int_range (0, G_N_ELEMENTS (leaves))]);
      return;
    }

  /* "- -x" and "not not a" end the spine: only at its bottom. */
  switch (g_test_rand_int_range (on_spine && depth > 2 ? 1 : 0, 7))
    {
    case 0:
      {
        /* A minus takes no "not" without parentheses. */
        gboolean minus = g_test_rand_bit ();

        g_string_append (out, minus ? "- " : "not ");
        if (depth > 1 && g_test_rand_bit ())
          g_string_append (out, minus || g_test_rand_bit () ? "- " : "not ");
        generate (gen, 0, FALSE);
      }
      break;
    case 1:
    case 2:
      g_string_append (out, g_test_rand_bit () ? "-" : "not ");
      generate_operand (gen, below, on_spine);
      break;
    case 3:
      {
        g_autofree char *op = g_strdup_printf (" %s ", binary[g_test_rand_int_range (0, G_N_ELEMENTS (binary))]);

        generate_operands (gen, 2, below, on_spine, TRUE, op, NULL);
      }
      break;
    case 4:
      {
        const char *op = chain != NULL ? (g_str_equal (chain, " and ") ? " or " : " and ")
                                       : (g_test_rand_bit () ? " and " : " or ");

        generate_operands (gen, g_test_rand_int_range (2, 5), below, on_spine, TRUE, op, op);
      }
      break;
    case 5:
    case 6:
    default:
      {
        /* The last two take no expression: they would end the spine. */
        guint n_calls = on_spine && depth > 1 ? G_N_ELEMENTS (calls) - 2 : G_N_ELEMENTS (calls);
        const char *name = calls[g_test_rand_int_range (0, n_calls)];

        g_string_append_printf (out, "%s(", name);
        /* Their arguments are a field and literals: one level. */
        if (strcmp (name, "selected") == 0)
          g_string_append (out, "vuln_cat, 'UAC'");
        else if (strcmp (name, "date") == 0)
          g_string_append (out, "'2024-02-29'");
        else if (strcmp (name, "regex") == 0)
          {
            generate (gen, below, on_spine);
            g_string_append (out, ", '^[a-z]+$'");
          }
        else if (strcmp (name, "if") == 0)
          generate_operands (gen, 3, below, on_spine, FALSE, ", ", NULL);
        else if (strcmp (name, "days-between") == 0)
          generate_operands (gen, 2, below, on_spine, FALSE, ", ", NULL);
        else if (g_str_equal (name, "int") || g_str_equal (name, "string-length") ||
                 g_str_equal (name, "count-selected") || g_str_equal (name, "age"))
          generate (gen, below, on_spine);
        else
          /* coalesce() takes two or more. */
          generate_operands (gen, g_test_rand_int_range (2, 5), below, on_spine, FALSE, ", ", NULL);
        g_string_append_c (out, ')');
      }
      break;
    }
}

/* The property behind kap_expr_to_string(): for every tree the parser
 * accepts, the canonical text parses again, to the same tree. */
static void
test_round_trip_random (void)
{
  guint n_trees = 3000;
  guint n_deepest = 0;

  for (guint i = 0; i < n_trees; i++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      Generator gen = { text, NULL };
      /* A third of the trees as deep as allowed. */
      guint depth = g_test_rand_int_range (0, 3) == 0 ? KAP_EXPR_MAX_DEPTH
                                                      : (guint) g_test_rand_int_range (1, KAP_EXPR_MAX_DEPTH + 1);

      generate (&gen, depth, TRUE);

      /* The text nests no deeper than its tree: the parser takes it. */
      if (assert_tree_round_trip (text->str) == KAP_EXPR_MAX_DEPTH)
        n_deepest++;
    }

  g_test_message ("%u trees, %u as deep as allowed", n_trees, n_deepest);
  g_assert_cmpuint (n_deepest, >, n_trees / 5);
}

/* Fields */

static void
assert_fields (const char         *text,
               const char * const *expected,
               gboolean            uses_self)
{
  g_autoptr(KapExpr) expr = parse_and_check (text);
  const char * const *fields = kap_expr_get_fields (expr);

  g_assert_nonnull (fields);
  g_assert_cmpstrv (fields, expected);
  g_assert_cmpint (kap_expr_uses_self (expr), ==, uses_self);
}

static void
test_fields (void)
{
  const char *none[] = { NULL };
  const char *three[] = { "vuln_cat", "age_years", "birth_date", NULL };
  const char *one[] = { "age_years", NULL };
  const char *calls[] = { "arrival_date", "full_name", NULL };

  assert_fields ("selected(vuln_cat, 'UAC') and age_years < 18 or age(birth_date) < 18 and age_years > 0 and count-selected(vuln_cat) > 1",
                 three, FALSE);
  assert_fields ("1 + 2", none, FALSE);
  assert_fields ("today() = date('2025-03-15')", none, FALSE);
  assert_fields (". > age_years", one, TRUE);
  assert_fields (". >= 0", none, TRUE);
  /* Only what a function reads, not its name or literal arguments. */
  assert_fields ("if(days-between(arrival_date, today()) > 3, concat(full_name, 'x'), full_name)", calls, FALSE);
}

/* Realistic screening rules (DOMAIN.md §1.3) */

static void
test_screening (void)
{
  g_autoptr(Answers) answers = answers_new ();
  const char *priority = screening_rules[1];
  const char *uac_thb[] = { "THB", "GBV", NULL };
  const char *dis[] = { "DIS", NULL };
  const char *mhc[] = { "MHC", NULL };

  /* A 15-year-old travelling alone is an unaccompanied child. */
  assert_eval_with ("age_years < 18 and travelling_with = 'alone'", answers, "boolean:true");
  assert_eval_with ("age(birth_date) < 18 and travelling_with = 'alone'", answers, "boolean:true");
  answers_set (answers, "travelling_with", kap_value_new_string ("family"));
  assert_eval_with ("age_years < 18 and travelling_with = 'alone'", answers, "boolean:false");
  answers_set (answers, "travelling_with", kap_value_new_string ("alone"));
  answers_set (answers, "age_years", kap_value_new_number (19));
  assert_eval_with ("age_years < 18 and travelling_with = 'alone'", answers, "boolean:false");
  /* Age not yet asked: the rule does not fire. */
  g_hash_table_remove (answers->answers, "age_years");
  assert_eval_with ("age_years < 18 and travelling_with = 'alone'", answers, "boolean:false");
  assert_eval_with ("coalesce(age_years, age(birth_date))", answers, "number:15");

  /* Priority from categories. */
  assert_eval_with (priority, answers, "string:P1");               /* UAC, DIS */
  answers_set (answers, "vuln_cat", kap_value_new_list (uac_thb));
  assert_eval_with (priority, answers, "string:P1");
  answers_set (answers, "vuln_cat", kap_value_new_list (dis));
  assert_eval_with (priority, answers, "string:P2");
  answers_set (answers, "vuln_cat", kap_value_new_list (NULL));
  assert_eval_with (priority, answers, "string:P3");
  g_hash_table_remove (answers->answers, "vuln_cat");
  assert_eval_with (priority, answers, "string:P3");

  /* Suicidal risk makes an MHC case P1. */
  answers_set (answers, "vuln_cat", kap_value_new_list (mhc));
  assert_eval_with ("if(selected(vuln_cat, 'MHC') and suicidal = true, 'P1', 'P2')", answers, "string:P2");
  answers_set (answers, "suicidal", kap_value_new_boolean (TRUE));
  assert_eval_with ("if(selected(vuln_cat, 'MHC') and suicidal = true, 'P1', 'P2')", answers, "string:P1");

  /* The pregnancy questions are relevant for women and girls 12 to 55. */
  answers_set (answers, "age_years", kap_value_new_number (15));
  assert_eval_with ("sex = 'F' and age_years >= 12 and age_years <= 55", answers, "boolean:true");
  answers_set (answers, "sex", kap_value_new_string ("M"));
  assert_eval_with ("sex = 'F' and age_years >= 12 and age_years <= 55", answers, "boolean:false");

  /* Older person. */
  assert_eval_with ("age_years >= 60", answers, "boolean:false");
  answers_set (answers, "age_years", kap_value_new_number (72));
  assert_eval_with ("age_years >= 60", answers, "boolean:true");

  /* A constraint on the field's own value. */
  answers_set (answers, ".", kap_value_new_number (15));
  assert_eval_with (". >= 0 and . <= 120", answers, "boolean:true");
  answers_set (answers, ".", kap_value_new_number (130));
  assert_eval_with (". >= 0 and . <= 120", answers, "boolean:false");

  /* Re-screening date: next day for children alone, else a month. */
  answers_set (answers, "vuln_cat", kap_value_new_list ((const char *[]) { "UAC", NULL }));
  assert_eval_with ("today() + if(selected(vuln_cat, 'UAC'), 1, 30)", answers, "date:2025-03-16");
  assert_eval_with ("days-between(arrival_date, today()) <= 3", answers, "boolean:false");
}

/* Robustness and values */

static void
test_evaluate_unchecked (void)
{
  g_autoptr(Answers) answers = answers_new ();
  KapExprContext context = { value_lookup, answers, answers->today };
  static const char * const texts[] = {
    "'a' + 1", "-'a'", "selected(age_years, 'X')", "age(sex)", "vuln_cat < 3",
    "count-selected(age_years)", "string-length(age_years)", "days-between(sex, 1)",
    "min(1, today())", "int(today())", "regex(age_years, 'x')", "date(5)", "true < false",
    "nobody + 1",
  };
  static const char * const expected[] = {
    "null:", "null:", "boolean:false", "null:", "boolean:false",
    "number:0", "number:0", "null:",
    "null:", "null:", "boolean:false", "null:", "boolean:false",
    "null:",
  };

  G_STATIC_ASSERT (G_N_ELEMENTS (texts) == G_N_ELEMENTS (expected));

  /* Without a check, a type mismatch is null (or false), never a crash. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(KapExpr) expr = kap_expr_parse (texts[i], &error);
      g_autoptr(KapValue) value = NULL;
      g_autofree char *got = NULL;

      g_assert_no_error (error);
      value = kap_expr_evaluate (expr, &context);
      got = describe (value);
      g_assert_cmpstr (got, ==, expected[i]);
    }

  /* An answer of an unexpected kind from the lookup is no crash either. */
  answers_set (answers, "age_years", kap_value_new_string ("fifteen"));
  assert_eval_with ("age_years < 18", answers, "boolean:false");
  assert_eval_with ("age_years + 1", answers, "null:");

  /* No context or no lookup: every field is null. */
  {
    g_autoptr(KapExpr) expr = parse_and_check ("age_years = null and count-selected(vuln_cat) = 0");
    KapExprContext empty = { NULL, NULL, NULL };
    g_autoptr(KapValue) v1 = kap_expr_evaluate (expr, NULL);
    g_autoptr(KapValue) v2 = kap_expr_evaluate (expr, &empty);

    g_assert_true (kap_value_get_boolean (v1));
    g_assert_true (kap_value_get_boolean (v2));
  }
}

static void
test_values (void)
{
  g_autoptr(KapValue) nan = kap_value_new_number (NAN);
  g_autoptr(KapValue) inf = kap_value_new_number (INFINITY);
  g_autoptr(KapValue) negative_zero = kap_value_new_number (-0.0);
  g_autoptr(KapValue) null_string = kap_value_new_string (NULL);
  g_autoptr(KapValue) list = kap_value_new_list ((const char *[]) { "UAC", "THB", NULL });
  g_autoptr(KapValue) same_list = kap_value_new_list ((const char *[]) { "UAC", "THB", NULL });
  g_autoptr(KapValue) other_list = kap_value_new_list ((const char *[]) { "THB", "UAC", NULL });
  g_autoptr(KapValue) date = kap_value_new_date_from_iso ("2025-03-01");
  g_autoptr(KapValue) number = kap_value_new_number (15);
  g_autoptr(KapValue) decimal = kap_value_new_number (2.5);
  g_autoptr(KapValue) big = kap_value_new_number (1e20);
  g_autoptr(KapValue) tiny = kap_value_new_number (1e-7);
  g_autofree char *list_text = kap_value_to_string (list);
  g_autofree char *zero_text = kap_value_to_string (negative_zero);
  g_autofree char *big_text = kap_value_to_string (big);
  g_autofree char *tiny_text = kap_value_to_string (tiny);
  GDate gdate;

  g_assert_true (kap_value_is_null (nan));
  g_assert_true (kap_value_is_null (inf));
  g_assert_true (kap_value_is_null (null_string));
  g_assert_cmpstr (zero_text, ==, "0");
  g_assert_cmpstr (big_text, ==, "100000000000000000000");
  g_assert_cmpstr (tiny_text, ==, "0.0000001");
  g_assert_cmpstr (list_text, ==, "UAC THB");
  g_assert_true (kap_value_equal (list, same_list));
  g_assert_false (kap_value_equal (list, other_list));
  g_assert_false (kap_value_equal (number, decimal));
  g_assert_true (kap_value_equal (nan, inf));            /* both null */
  g_assert_cmpstrv (kap_value_get_list (list), ((const char *[]) { "UAC", "THB", NULL }));
  g_assert_null (kap_value_get_list (number));
  g_assert_null (kap_value_get_string (number));
  g_assert_cmpfloat (kap_value_get_number (date), ==, 0);
  g_assert_false (kap_value_get_boolean (number));
  g_assert_true (kap_value_get_date (date, &gdate));
  g_assert_cmpint (g_date_get_day (&gdate), ==, 1);
  g_assert_cmpint (g_date_get_month (&gdate), ==, G_DATE_MARCH);
  g_assert_cmpint (g_date_get_year (&gdate), ==, 2025);
  g_assert_false (kap_value_get_date (number, &gdate));

  g_assert_null (kap_value_new_date_from_iso ("2025-2-01"));
  g_assert_null (kap_value_new_date_from_iso ("2025-02-30"));
  g_assert_null (kap_value_new_date_from_iso ("2025-13-01"));
  g_assert_null (kap_value_new_date_from_iso ("2025-00-10"));
  g_assert_null (kap_value_new_date_from_iso ("0000-01-01"));
  g_assert_null (kap_value_new_date_from_iso ("2025-03-01T00:00"));
  g_assert_null (kap_value_new_date_from_iso ("+025-03-01"));
  g_assert_null (kap_value_new_date_from_iso (NULL));
  g_assert_true (G_TYPE_IS_BOXED (KAP_TYPE_VALUE));
  g_assert_true (G_TYPE_IS_BOXED (KAP_TYPE_EXPR));

  /* JSON, as answers are stored in records. */
  {
    g_autoptr(JsonNode) n = kap_value_to_json (number);
    g_autoptr(JsonNode) d = kap_value_to_json (decimal);
    g_autoptr(JsonNode) l = kap_value_to_json (list);
    g_autoptr(JsonNode) t = kap_value_to_json (date);
    g_autoptr(JsonNode) z = kap_value_to_json (nan);
    g_autoptr(KapValue) n2 = kap_value_new_from_json (n, KAP_VALUE_NUMBER);
    g_autoptr(KapValue) d2 = kap_value_new_from_json (d, KAP_VALUE_NUMBER);
    g_autoptr(KapValue) l2 = kap_value_new_from_json (l, KAP_VALUE_LIST);
    g_autoptr(KapValue) t2 = kap_value_new_from_json (t, KAP_VALUE_DATE);
    g_autoptr(KapValue) z2 = kap_value_new_from_json (z, KAP_VALUE_DATE);
    g_autoptr(KapValue) missing = kap_value_new_from_json (NULL, KAP_VALUE_STRING);
    g_autoptr(KapValue) wrong = kap_value_new_from_json (n, KAP_VALUE_STRING);
    g_autoptr(KapValue) bad_date = NULL;
    g_autoptr(JsonNode) bad_date_node = json_from_string ("\"2025-02-30\"", NULL);
    g_autoptr(JsonNode) mixed_list = json_from_string ("[\"UAC\", 1]", NULL);
    g_autoptr(KapValue) mixed = kap_value_new_from_json (mixed_list, KAP_VALUE_LIST);
    g_autofree char *n_json = json_to_string (n, FALSE);
    g_autofree char *l_json = json_to_string (l, FALSE);
    g_autofree char *t_json = json_to_string (t, FALSE);

    g_assert_cmpstr (n_json, ==, "15");
    g_assert_cmpstr (l_json, ==, "[\"UAC\",\"THB\"]");
    g_assert_cmpstr (t_json, ==, "\"2025-03-01\"");
    g_assert_true (JSON_NODE_HOLDS_NULL (z));
    g_assert_true (kap_value_equal (n2, number));
    g_assert_true (kap_value_equal (d2, decimal));
    g_assert_true (kap_value_equal (l2, list));
    g_assert_true (kap_value_equal (t2, date));
    g_assert_true (kap_value_is_null (z2));
    g_assert_true (kap_value_is_null (missing));
    g_assert_null (wrong);
    bad_date = kap_value_new_from_json (bad_date_node, KAP_VALUE_DATE);
    g_assert_null (bad_date);
    g_assert_null (mixed);
  }
}

static void
test_refcount (void)
{
  KapExpr *expr = parse_and_check ("age_years < 18");
  KapExpr *copy = g_boxed_copy (KAP_TYPE_EXPR, expr);
  KapValue *value = kap_value_new_string ("Ayşe Yılmaz");
  KapValue *value_copy = g_boxed_copy (KAP_TYPE_VALUE, value);
  g_autofree char *printed = NULL;

  g_assert_true (copy == expr);
  g_assert_true (value_copy == value);
  kap_expr_unref (expr);
  kap_value_unref (value);
  printed = kap_expr_to_string (copy);
  g_assert_cmpstr (printed, ==, "age_years < 18");
  g_assert_cmpstr (kap_value_get_string (value_copy), ==, "Ayşe Yılmaz");
  g_boxed_free (KAP_TYPE_EXPR, copy);
  kap_value_unref (value_copy);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/expr/literals", test_literals);
  g_test_add_func ("/expr/operators/arithmetic", test_arithmetic);
  g_test_add_func ("/expr/operators/comparison", test_comparison);
  g_test_add_func ("/expr/operators/logic", test_logic);
  g_test_add_func ("/expr/functions/selected", test_selected);
  g_test_add_func ("/expr/functions/age", test_age);
  g_test_add_func ("/expr/functions/today", test_today);
  g_test_add_func ("/expr/functions/if", test_if);
  g_test_add_func ("/expr/functions/date", test_date);
  g_test_add_func ("/expr/functions/coalesce", test_coalesce);
  g_test_add_func ("/expr/functions/string", test_string_functions);
  g_test_add_func ("/expr/functions/list", test_list);
  g_test_add_func ("/expr/functions/numeric", test_numeric_functions);
  g_test_add_func ("/expr/errors/syntax", test_syntax_errors);
  g_test_add_func ("/expr/errors/function", test_function_errors);
  g_test_add_func ("/expr/errors/type", test_type_errors);
  g_test_add_func ("/expr/errors/unknown-field", test_unknown_field);
  g_test_add_func ("/expr/check/result-types", test_result_types);
  g_test_add_func ("/expr/depth", test_depth);
  g_test_add_func ("/expr/to-string/canonical", test_to_string);
  g_test_add_func ("/expr/to-string/round-trip", test_round_trip);
  g_test_add_func ("/expr/to-string/round-trip-deep", test_round_trip_deep);
  g_test_add_func ("/expr/to-string/round-trip-random", test_round_trip_random);
  g_test_add_func ("/expr/fields", test_fields);
  g_test_add_func ("/expr/screening", test_screening);
  g_test_add_func ("/expr/evaluate/unchecked", test_evaluate_unchecked);
  g_test_add_func ("/expr/value", test_values);
  g_test_add_func ("/expr/refcount", test_refcount);

  return g_test_run ();
}
