/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-autosave-crash"

#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>

#include "kap-record.h"
#include "kap-store.h"

/* Kill the app in the middle of a form and the answers are there when it
 * opens again. kap-autosave-child fills a screening through the widgets
 * under the same display; it is killed with SIGKILL (no clean-up, no
 * last save) at different points, and the store is opened again. */

typedef struct
{
  guint        steps;      /* answers given before the kill */
  const char  *mode;       /* "ack": killed right after the editor said
                            * saved; "typed": killed when the editor's
                            * own timer wrote the draft, which the child
                            * reports on its stdout */
} Case;

static const Case cases[] = {
  { 1, "ack" },
  { 4, "ack" },
  { 8, "ack" },
  { 12, "typed" },
  { 19, "ack" },
  { 19, "typed" },
};

static char *child_path;

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }

  g_remove (path);
}

static gboolean
array_contains (JsonArray  *array,
                const char *value)
{
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    if (g_strcmp0 (json_array_get_string_element (array, i), value) == 0)
      return TRUE;

  return FALSE;
}

/* The answers the child gives, in its order (form_test_fill_screening). */
static void
check_answers (JsonObject *body,
               guint       steps)
{
  g_assert_cmpstr (json_object_get_string_member (body, "status"), ==, "draft");
  g_assert_cmpstr (json_object_get_string_member (body, "form"), ==, "screening@1");

  if (steps >= 1)
    g_assert_false (json_object_get_boolean_member (body, "interpreter_used"));
  if (steps >= 2)
    g_assert_cmpstr (json_object_get_string_member (body, "interview_language"), ==, "ara");
  if (steps >= 3)
    g_assert_cmpstr (json_object_get_string_member (body, "interviewer_gender"), ==, "F");
  if (steps >= 4)
    g_assert_true (json_object_get_boolean_member (body, "consent_given"));
  if (steps >= 7)
    g_assert_true (array_contains (json_object_get_array_member (body, "consent_scope"), "referral"));
  if (steps >= 8)
    g_assert_cmpint (json_object_get_int_member (body, "age_years"), ==, 15);
  else
    g_assert_false (json_object_has_member (body, "age_years"));
  if (steps >= 11)
    g_assert_cmpstr (json_object_get_string_member (body, "travelling_with"), ==, "alone");
  if (steps >= 12)
    {
      g_assert_true (json_object_get_boolean_member (body, "asylum_intention"));
      /* The calculations were saved with the answers. */
      g_assert_cmpstr (json_object_get_string_member (body, "priority"), ==, "P1");
      g_assert_true (array_contains (json_object_get_array_member (body, "vuln_cat"), "UAC"));
    }
  if (steps >= 19)
    g_assert_cmpstr (json_object_get_string_member (body, "notes"), ==, "Wants to join his uncle.");
}

static void
test_crash (gconstpointer user_data)
{
  const Case *c = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autoptr(GDataInputStream) output = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(GListModel) screenings = NULL;
  g_autoptr(KapDocument) record = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  g_autofree char *steps = g_strdup_printf ("%u", c->steps);
  g_autofree char *line = NULL;

  dir = g_dir_make_tmp ("kap-test-autosave-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "kapija.db", NULL);

  child = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                            child_path, path, steps, c->mode, NULL);
  g_assert_no_error (error);

  output = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
  line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    g_error ("The child ended before it answered");

  if (g_str_equal (c->mode, "ack"))
    g_assert_true (g_str_has_prefix (line, "ack screening:"));
  else
    {
      /* The answers were typed; nothing says they are saved yet. Kill it
       * as soon as the autosave timer has written them. */
      g_assert_cmpstr (line, ==, "typed");
      g_free (line);
      line = g_data_input_stream_read_line_utf8 (output, NULL, NULL, &error);
      g_assert_no_error (error);
      if (line == NULL)
        g_error ("The child ended before its autosave");
      g_assert_true (g_str_has_prefix (line, "saved screening:"));
    }

  g_subprocess_send_signal (child, SIGKILL);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

  store = kap_store_open (path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (kap_store_check (store, &error));
  g_assert_no_error (error);

  screenings = kap_store_list (store, "screening", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (screenings), ==, 1);
  record = g_list_model_get_item (screenings, 0);
  g_assert_cmpstr (strchr (line, ' ') + 1, ==, kap_document_get_id (record));

  check_answers (kap_document_get_body (record), c->steps);

  g_clear_object (&screenings);
  g_clear_object (&record);
  g_assert_finalize_object (g_steal_pointer (&store));
  remove_tree (dir);
}

static void
test_no_display (void)
{
  g_test_fail_printf ("No display (DISPLAY=\"%s\"). The ui suite needs one: "
                      "run it as `xvfb-run -a meson test --suite ui`.",
                      g_getenv ("DISPLAY") ? g_getenv ("DISPLAY") : "");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  /* The child draws on the same display; without one it could not run. */
  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_test_add_func ("/autosave/display", test_no_display);
      return g_test_run ();
    }

  dir = g_path_get_dirname (argv[0]);
  child_path = g_build_filename (dir, "kap-autosave-child", NULL);
  g_assert_true (g_file_test (child_path, G_FILE_TEST_IS_EXECUTABLE));

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("/autosave/crash/%s-after-%u", cases[i].mode, cases[i].steps);

      g_test_add_data_func (name, &cases[i], test_crash);
    }

  ret = g_test_run ();
  g_free (child_path);

  return ret;
}
