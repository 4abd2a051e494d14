/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-uuid.h"

static void
test_format (void)
{
  g_autofree char *uuid = kap_uuid_v7_new ();

  g_assert_true (kap_uuid_is_valid (uuid));
  g_assert_cmpint (uuid[14], ==, '7');                       /* version */
  g_assert_nonnull (strchr ("89ab", uuid[19]));              /* variant 10xx */
}

static void
test_time (void)
{
  gint64 before = g_get_real_time () / 1000;
  g_autofree char *uuid = kap_uuid_v7_new ();
  gint64 after = g_get_real_time () / 1000;

  g_assert_cmpint (kap_uuid_v7_get_time (uuid), >=, before);
  /* The counter may push a burst of ids a few milliseconds ahead. */
  g_assert_cmpint (kap_uuid_v7_get_time (uuid), <=, after + 5);
}

static void
test_monotonic_and_unique (void)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *previous = NULL;

  /* Far more ids than one millisecond's counter allows. */
  for (guint i = 0; i < 20000; i++)
    {
      char *uuid = kap_uuid_v7_new ();

      if (previous != NULL)
        g_assert_cmpstr (previous, <, uuid);
      g_assert_false (g_hash_table_contains (seen, uuid));
      g_hash_table_add (seen, uuid);
      g_free (previous);
      previous = g_strdup (uuid);
    }
}

static void
test_invalid (void)
{
  g_assert_false (kap_uuid_is_valid (NULL));
  g_assert_false (kap_uuid_is_valid (""));
  g_assert_false (kap_uuid_is_valid ("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5"));
  g_assert_false (kap_uuid_is_valid ("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5G"));
  g_assert_false (kap_uuid_is_valid ("0193A1B2-C3D4-7E5F-8A9B-0C1D2E3F4A5B"));
  g_assert_false (kap_uuid_is_valid ("0193a1b2xc3d4-7e5f-8a9b-0c1d2e3f4a5b"));
  g_assert_true (kap_uuid_is_valid ("0193a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/uuid/format", test_format);
  g_test_add_func ("/uuid/time", test_time);
  g_test_add_func ("/uuid/monotonic-unique", test_monotonic_and_unique);
  g_test_add_func ("/uuid/invalid", test_invalid);

  return g_test_run ();
}
