/* SPDX-License-Identifier: GPL-3.0-or-later */

/* How long the form renderer takes for the screening (about 70 fields):
 * building the view, and one change with everything it recomputes. The
 * officer opens forms all day; the targets are 100 ms to build and 20 ms
 * for a change. Needs a display (xvfb-run -a). Run on demand:
 *
 *   xvfb-run -a _build/tests/bench/bench-form [--rounds N]
 *
 * or through `meson test --benchmark` (form-quick). It prints the
 * figures, and exits 1 if a median misses its target. */

#define G_LOG_DOMAIN "bench-form"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "form-test-util.h"

#define BUILD_TARGET_USEC (100 * 1000)
#define CHANGE_TARGET_USEC (20 * 1000)

static int
compare_int64 (const void *a,
               const void *b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

static void
report (const char *what,
        gint64     *usec,
        guint       n,
        gint64      target)
{
  qsort (usec, n, sizeof *usec, compare_int64);
  printf ("%-28s median %7.2f ms  min %7.2f ms  max %7.2f ms  (target %.0f ms, %u rounds)\n",
          what, usec[n / 2] / 1e3, usec[0] / 1e3, usec[n - 1] / 1e3, target / 1e3, n);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapFormRegistry) registry = NULL;
  g_autofree gint64 *build = NULL;
  g_autofree gint64 *change = NULL;
  gint rounds = 20;
  GOptionEntry entries[] = {
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "How often to build the form (20)", "N" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- time the screening form");
  KapForm *form;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || rounds < 1)
    {
      fprintf (stderr, "%s\n", error != NULL ? error->message : "--rounds must be at least 1");
      return 2;
    }

  gtk_disable_setlocale ();
  if (!gtk_init_check ())
    {
      fprintf (stderr, "No display: run it under xvfb-run -a\n");
      return 2;
    }
  adw_init ();

  registry = kap_form_registry_new ();
  kap_form_registry_load_builtin (registry, &error);
  g_assert_no_error (error);
  form = kap_form_registry_lookup (registry, "screening@1");
  g_assert_nonnull (form);

  /* The code lists load once, with the first form; that is not timed. */
  g_assert_nonnull (kap_code_list_languages (NULL));
  g_assert_nonnull (kap_code_list_countries (NULL));

  build = g_new (gint64, rounds);
  change = g_new (gint64, rounds);
  for (gint i = 0; i < rounds; i++)
    {
      g_autoptr(JsonObject) answers = json_object_new ();
      GtkWidget *view;
      gint64 start;

      start = g_get_monotonic_time ();
      view = kap_form_view_new (form, answers, FALSE);
      build[i] = g_get_monotonic_time () - start;
      g_object_ref_sink (view);

      start = g_get_monotonic_time ();
      form_test_set_text (KAP_FORM_VIEW (view), "age_years", i % 2 ? "15" : "34");
      change[i] = g_get_monotonic_time () - start;

      g_object_unref (view);
    }

  report ("build the screening form", build, rounds, BUILD_TARGET_USEC);
  report ("one change (age)", change, rounds, CHANGE_TARGET_USEC);

  return build[rounds / 2] < BUILD_TARGET_USEC && change[rounds / 2] < CHANGE_TARGET_USEC ? 0 : 1;
}
