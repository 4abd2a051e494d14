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

static gboolean
has_button_label (GtkWidget     *widget,
                  gconstpointer  data)
{
  GtkWidget *child;

  if (GTK_IS_MENU_BUTTON (widget))
    return g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), data) == 0;
  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  /* A button with an icon says it through its AdwButtonContent. */
  child = gtk_button_get_child (GTK_BUTTON (widget));
  if (ADW_IS_BUTTON_CONTENT (child))
    return g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (child)), data) == 0;
  return g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

GtkWidget *
kap_ui_test_find_button (GtkWidget  *root,
                         const char *label)
{
  return find (root, GTK_TYPE_WIDGET, has_button_label, label);
}

static gboolean
has_row_title (GtkWidget     *widget,
               gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

GtkWidget *
kap_ui_test_find_row (GtkWidget  *root,
                      const char *title)
{
  return find (root, ADW_TYPE_PREFERENCES_ROW, has_row_title, title);
}

static gboolean
has_group_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return g_strcmp0 (adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (widget)), data) == 0;
}

AdwPreferencesGroup *
kap_ui_test_find_group (GtkWidget  *root,
                        const char *title)
{
  return ADW_PREFERENCES_GROUP (find (root, ADW_TYPE_PREFERENCES_GROUP, has_group_title, title));
}

static gboolean
has_role (GtkWidget     *widget,
          gconstpointer  data)
{
  return (int) gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GPOINTER_TO_INT (data);
}

GtkWidget *
kap_ui_test_find_role (GtkWidget         *root,
                       GType              type,
                       GtkAccessibleRole  role)
{
  return find (root, type, has_role, GINT_TO_POINTER (role));
}

GListModel *
kap_ui_test_list_items (GtkWidget *root)
{
  GtkWidget *list = find (root, GTK_TYPE_LIST_VIEW, NULL, NULL);

  g_assert_nonnull (list);
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (list)));
}

static void
find_all (GtkWidget *root,
          GType      type,
          GPtrArray *found)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    g_ptr_array_add (found, root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    find_all (child, type, found);
}

GPtrArray *
kap_ui_test_find_all (GtkWidget *root,
                      GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  find_all (root, type, found);

  return found;
}

static void
filled_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!kap_person_index_fill_finish (KAP_PERSON_INDEX (source), result, &error))
    g_error ("The person index did not fill: %s", error->message);
  *(gboolean *) user_data = TRUE;
}

KapContext *
kap_ui_test_context_new (KapStore        *store,
                         KapFormRegistry *forms,
                         GSettings       *settings)
{
  g_autoptr(KapContext) context = kap_context_new (store, forms, settings);
  gboolean filled = FALSE;

  if (store == NULL)
    return g_steal_pointer (&context);

  /* As the app does: the index follows the store and reads the persons
   * already in it in a worker; the test goes on once it has them all. */
  kap_person_index_fill_async (kap_context_get_person_index (context), store, NULL, filled_cb, &filled);
  while (!filled)
    g_main_context_iteration (NULL, TRUE);

  return g_steal_pointer (&context);
}

char *
kap_ui_test_put_json (KapStore   *store,
                      const char *json)
{
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;

  document = kap_document_new_from_json (json, -1, &error);
  g_assert_no_error (error);
  rev = kap_store_put (store, document, &error);
  g_assert_no_error (error);

  return g_strdup (kap_document_get_id (document));
}

KapWindow *
kap_ui_test_window_new (KapStore     *store,
                        const GError *error)
{
  g_autoptr(KapContext) context = kap_ui_test_context_new (store, NULL, NULL);

  return kap_window_new (NULL, context, error);
}
