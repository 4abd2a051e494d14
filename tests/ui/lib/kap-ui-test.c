/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-ui-test"

#include "config.h"

#include <string.h>

#include "kap-ui-test.h"

static void
kap_ui_test_no_display (void)
{
  g_test_fail_printf ("GTK could not open a display (DISPLAY=\"%s\", WAYLAND_DISPLAY=\"%s\"). "
                      "The ui suite needs one: run it as `xvfb-run -a meson test --suite ui`.",
                      g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "",
                      g_getenv ("WAYLAND_DISPLAY") ? g_getenv ("WAYLAND_DISPLAY") : "");
}

gboolean
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

void
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

typedef gboolean (*Match) (GtkWidget  *widget,
                           gconstpointer data);

static GtkWidget *
find (GtkWidget     *root,
      GType          type,
      Match          match,
      gconstpointer  data)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type) && (match == NULL || match (root, data)))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find (child, type, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

GtkWidget *
kap_ui_test_find (GtkWidget *root,
                  GType      type)
{
  return find (root, type, NULL, NULL);
}

static gboolean
has_action (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_ACTIONABLE (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

GtkWidget *
kap_ui_test_find_action (GtkWidget  *root,
                         GType       type,
                         const char *action_name)
{
  return find (root, type, has_action, action_name);
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

GtkWidget *
kap_ui_test_find_tooltip (GtkWidget  *root,
                          GType       type,
                          const char *tooltip)
{
  return find (root, type, has_tooltip, tooltip);
}

static gboolean
has_text (GtkWidget     *widget,
          gconstpointer  data)
{
  return strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

GtkLabel *
kap_ui_test_find_label (GtkWidget  *root,
                        const char *text)
{
  return GTK_LABEL (find (root, GTK_TYPE_LABEL, has_text, text));
}
