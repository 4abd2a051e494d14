/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-sync-names.h"

static void
test_station_database_name (void)
{
  g_autofree char *name = kap_sync_station_database_name ("RS-PRE");
  g_autofree char *under = kap_sync_station_database_name ("BA_Usk1");
  g_autofree char *role = kap_sync_station_role ("RS-PRE");

  g_assert_cmpstr (name, ==, "kapija-st-rs-pre");
  g_assert_cmpstr (under, ==, "kapija-st-ba_usk1");
  g_assert_cmpstr (role, ==, "station:RS-PRE");
}

static void
test_station_code_invalid (void)
{
  const char *bad[] = { NULL, "", "R", "1RS", "RS PRE", "RS/PRE", "ŠID", "ABCDEFGHIJKLMNOPQ" };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *name = kap_sync_station_database_name (bad[i]);
      g_autofree char *role = kap_sync_station_role (bad[i]);

      g_assert_false (kap_sync_station_code_is_valid (bad[i]));
      g_assert_null (name);
      g_assert_null (role);
    }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sync/names/station-database", test_station_database_name);
  g_test_add_func ("/sync/names/invalid-codes", test_station_code_invalid);

  return g_test_run ();
}
