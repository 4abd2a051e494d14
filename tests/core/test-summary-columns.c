/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-name-key.h"
#include "kap-summary-columns.h"
#include "kap-test-store-fixture.h"

/* The extractor table of core/records/kap-summary-columns.c: which
 * columns a list shows of a record, taken from its body. */

static void
test_screening (void)
{
  g_autoptr(JsonObject) body = test_object (
    "{\"type\":\"screening\",\"status\":\"final\",\"priority\":\"P1\","
    "\"vuln_cat\":[\"UAC\",7,\"THB\"],\"person_id\":\"person:1\","
    "\"updated_at\":\"2025-03-15T09:30:00Z\",\"consent_given\":true}");
  KapSummaryValues values;

  kap_summary_values_extract (body, &values);
  g_assert_cmpstr (values.values[KAP_SUMMARY_STATUS], ==, "final");
  g_assert_cmpstr (values.values[KAP_SUMMARY_PRIORITY], ==, "P1");
  /* Only codes, in order; anything else in the list is not one. */
  g_assert_cmpstr (values.values[KAP_SUMMARY_CATEGORIES], ==, "UAC THB");
  g_assert_cmpstr (values.values[KAP_SUMMARY_PERSON_ID], ==, "person:1");
  g_assert_cmpstr (values.values[KAP_SUMMARY_UPDATED_AT], ==, "2025-03-15T09:30:00Z");
  g_assert_null (values.values[KAP_SUMMARY_STAGE]);
  g_assert_null (values.values[KAP_SUMMARY_TITLE]);
  g_assert_null (values.values[KAP_SUMMARY_NAME_KEY]);
  kap_summary_values_clear (&values);
  for (guint i = 0; i < KAP_SUMMARY_N_COLUMNS; i++)
    g_assert_null (values.values[i]);
}

static void
test_person (void)
{
  g_autoptr(JsonObject) body = test_object (
    "{\"type\":\"person\",\"status\":\"draft\",\"name_stated\":\"Milica Jovanovic\","
    "\"name_original\":\"Милица Јовановић\"}");
  g_autofree char *key_stated = kap_name_key ("Milica Jovanovic");
  g_autofree char *key_original = kap_name_key ("Милица Јовановић");
  g_autofree char *keys = g_strjoin ("\n", key_stated, key_original, NULL);
  KapSummaryValues values;

  kap_summary_values_extract (body, &values);
  g_assert_cmpstr (values.values[KAP_SUMMARY_TITLE], ==, "Milica Jovanovic");
  g_assert_cmpstr (values.values[KAP_SUMMARY_TITLE_ORIGINAL], ==, "Милица Јовановић");
  /* Both spellings are searchable. */
  g_assert_cmpstr (values.values[KAP_SUMMARY_NAME_KEY], ==, keys);
  kap_summary_values_clear (&values);
}

static void
test_return_interest_and_odd_bodies (void)
{
  g_autoptr(JsonObject) avr = test_object ("{\"type\":\"return_interest\",\"stage\":\"BOOKED\",\"priority\":3}");
  g_autoptr(JsonObject) empty = test_object ("{\"vuln_cat\":[]}");
  KapSummaryValues values;

  kap_summary_values_extract (avr, &values);
  g_assert_cmpstr (values.values[KAP_SUMMARY_STAGE], ==, "BOOKED");
  /* Not a string: not shown. */
  g_assert_null (values.values[KAP_SUMMARY_PRIORITY]);
  kap_summary_values_clear (&values);

  kap_summary_values_extract (empty, &values);
  for (guint i = 0; i < KAP_SUMMARY_N_COLUMNS; i++)
    g_assert_null (values.values[i]);

  /* A body that cannot be read shows nothing. */
  kap_summary_values_extract (NULL, &values);
  for (guint i = 0; i < KAP_SUMMARY_N_COLUMNS; i++)
    g_assert_null (values.values[i]);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/summary-columns/screening", test_screening);
  g_test_add_func ("/summary-columns/person", test_person);
  g_test_add_func ("/summary-columns/return-interest-and-odd-bodies", test_return_interest_and_odd_bodies);

  return g_test_run ();
}
