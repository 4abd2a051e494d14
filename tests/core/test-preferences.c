/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-preferences.h"

/* What the Preferences window may set (core/kap-preferences.h); the
 * window's test (tests/ui/test-preferences.c) writes the settings. */

static void
test_server_url (void)
{
  const char *good[] = {
    "https://kapija.example.gov.rs", "http://127.0.0.1:5984", "HTTPS://Kapija.example.gov.rs/couch/",
    "",
  };
  const char *bad[] = {
    "kapija.example.gov.rs", "ftp://kapija.example.gov.rs", "https://", "http:///path",
    "not a url", "https://officer:secret@kapija.example.gov.rs", "javascript:alert(1)",
  };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (kap_preferences_check_server_url (good[i], NULL));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (kap_preferences_check_server_url (bad[i], &error));
      g_assert_error (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_SERVER_URL);
      /* The message says what an address looks like, never echoes a password. */
      g_assert_null (strstr (error->message, "secret"));
    }
}

static void
test_station (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (kap_preferences_check_station ("RS-PRE", NULL));
  g_assert_true (kap_preferences_check_station ("mk-tab2", NULL));
  g_assert_false (kap_preferences_check_station ("", &error));
  g_assert_error (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_STATION);
  g_clear_error (&error);
  g_assert_false (kap_preferences_check_station ("RS PRE", NULL));
  g_assert_false (kap_preferences_check_station ("РС-ПРЕ", NULL));
  g_assert_false (kap_preferences_check_station ("RS-PRESEVO-CENTRE-2", NULL));
}

static void
test_station_role (void)
{
  g_autoptr(KapContext) context = kap_context_new (NULL, NULL, NULL);
  KapProfile officer = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  g_autoptr(GError) error = NULL;

  /* Nobody and an officer may not move the laptop to another station,
   * whatever they type; the role is checked before the code. */
  g_assert_false (kap_preferences_can_set_station (context, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  kap_context_set_profile (context, &officer);
  g_assert_false (kap_preferences_set_station (context, "bad code", &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  /* A supervisor may; this context has no settings to write into. */
  kap_context_set_profile (context, &supervisor);
  g_assert_true (kap_preferences_can_set_station (context, NULL));
  g_assert_false (kap_preferences_set_station (context, "bad code", &error));
  g_assert_error (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_STATION);
  g_clear_error (&error);
  g_assert_false (kap_preferences_set_station (context, "RS-PRE", &error));
  g_assert_error (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_NO_SETTINGS);
  g_clear_error (&error);

  g_assert_false (kap_preferences_set_server_url (context, "ftp://x", &error));
  g_assert_error (error, KAP_PREFERENCES_ERROR, KAP_PREFERENCES_ERROR_SERVER_URL);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/preferences/server-url", test_server_url);
  g_test_add_func ("/preferences/station", test_station);
  g_test_add_func ("/preferences/station-role", test_station_role);

  return g_test_run ();
}
