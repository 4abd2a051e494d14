/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kapija"

#include "config.h"

#include <glib/gi18n.h>

#include "kap-application.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KapApplication) app = NULL;
  const char *localedir = g_getenv ("KAPIJA_LOCALEDIR");

  /* Run from the build folder (build-aux/setup-and-run.sh, `meson devenv`,
   * the tests), the catalogues are in the build's po/ tree, not yet in
   * LOCALEDIR: without this the app's own screens stay in English while
   * the forms, which carry their texts, are translated. */
  if (localedir == NULL || localedir[0] == '\0')
    localedir = LOCALEDIR;
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = kap_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
