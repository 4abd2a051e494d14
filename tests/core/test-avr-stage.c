/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-avr-stage.h"

static void
test_forward_path (void)
{
  const char *path[] = { "EOI", "COUNSELLING", "ELIGIBILITY", "APPLIED", "DOCS", "MED_CLEAR",
                         "CLEARED", "BOOKED", "DEPARTED", "ARRIVED", "REINTEGRATION",
                         "MONITORING", "CLOSED" };

  g_assert_true (kap_avr_stage_can_move (NULL, "EOI"));
  g_assert_false (kap_avr_stage_can_move (NULL, "COUNSELLING"));

  for (guint i = 0; i + 1 < G_N_ELEMENTS (path); i++)
    {
      g_assert_true (kap_avr_stage_can_move (path[i], path[i + 1]));
      g_assert_true (kap_avr_stage_can_move (path[i], path[i]));
      /* No going back, and no skipping ahead except past medical clearance
       * and to closing once the person has arrived. */
      g_assert_false (kap_avr_stage_can_move (path[i + 1], path[i]));
      if (i + 2 < G_N_ELEMENTS (path) && !g_str_equal (path[i], "DOCS") &&
          !g_str_equal (path[i + 2], "CLOSED"))
        g_assert_false (kap_avr_stage_can_move (path[i], path[i + 2]));
    }

  g_assert_true (kap_avr_stage_can_move ("DOCS", "CLEARED"));
}

static void
test_exits (void)
{
  /* Withdrawal is possible until departure, not after. */
  g_assert_true (kap_avr_stage_can_move ("BOOKED", "WITHDRAWN"));
  g_assert_false (kap_avr_stage_can_move ("DEPARTED", "WITHDRAWN"));
  g_assert_true (kap_avr_stage_can_move ("ELIGIBILITY", "INELIGIBLE"));
  g_assert_false (kap_avr_stage_can_move ("EOI", "INELIGIBLE"));
  g_assert_true (kap_avr_stage_can_move ("COUNSELLING", "REFERRED_PROTECTION"));
  g_assert_true (kap_avr_stage_can_move ("WHEREABOUTS_UNKNOWN", "COUNSELLING"));

  /* Final stages stay final. */
  g_assert_true (kap_avr_stage_is_final ("WITHDRAWN"));
  g_assert_false (kap_avr_stage_can_move ("WITHDRAWN", "COUNSELLING"));
  g_assert_false (kap_avr_stage_can_move ("CLOSED", "EOI"));
  g_assert_false (kap_avr_stage_is_final ("BOOKED"));

  g_assert_false (kap_avr_stage_can_move ("EOI", "LANDED"));
  g_assert_false (kap_avr_stage_can_move ("NOWHERE", "EOI"));
}

static void
test_next (void)
{
  g_auto(GStrv) next = kap_avr_stage_next ("ELIGIBILITY");
  g_auto(GStrv) closed = kap_avr_stage_next ("CLOSED");
  g_auto(GStrv) fresh = kap_avr_stage_next (NULL);
  g_autofree char *text = g_strjoinv (" ", next);

  g_assert_cmpstr (text, ==, "ELIGIBILITY APPLIED WITHDRAWN INELIGIBLE WHEREABOUTS_UNKNOWN REFERRED_PROTECTION");
  g_assert_cmpuint (g_strv_length (closed), ==, 1);
  g_assert_cmpstr (fresh[0], ==, "EOI");
  g_assert_null (fresh[1]);
  g_assert_cmpuint (g_strv_length ((char **) kap_avr_stage_all ()), ==, 17);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/avr-stage/forward", test_forward_path);
  g_test_add_func ("/avr-stage/exits", test_exits);
  g_test_add_func ("/avr-stage/next", test_next);

  return g_test_run ();
}
