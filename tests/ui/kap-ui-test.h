/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What every widget test starts and ends with. */

#include <adwaita.h>
#include <glib/gstdio.h>

static void
kap_ui_test_no_display (void)
{
  g_test_fail_printf ("GTK could not open a display (DISPLAY=\"%s\", WAYLAND_DISPLAY=\"%s\"). "
                      "The ui suite needs one: run it as `xvfb-run -a meson test --suite ui`.",
                      g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "",
                      g_getenv ("WAYLAND_DISPLAY") ? g_getenv ("WAYLAND_DISPLAY") : "");
}

/* g_test_init () and GTK with libadwaita. gtk_test_init () would abort
 * without a display, and skipping would let CI pass without ever drawing
 * a window: without a display this registers one failing test, @path,
 * and returns FALSE; the caller then just runs the tests.
 *
 * No G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and
 * libadwaita 1.2 then trips over the missing GSettings schemas of the
 * desktop. Each store lives in its own g_dir_make_tmp () folder instead. */
static inline gboolean
kap_ui_test_init (int         *argc,
                  char      ***argv,
                  const char  *path)
{
  g_test_init (argc, argv, NULL);
  gtk_disable_setlocale ();

  if (!gtk_init_check ())
    {
      g_test_add_func (path, kap_ui_test_no_display);
      return FALSE;
    }

  adw_init ();
  return TRUE;
}

/* Removes a test's temporary folder and everything in it. */
static inline void
kap_ui_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      kap_ui_test_remove_tree (child);
    }

  g_remove (path);
}
