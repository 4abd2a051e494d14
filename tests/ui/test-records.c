/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-records"

#include "config.h"

#include "kap-ui-test.h"
#include "kap-ui-pointer.h"
#include "form-test-util.h"

#include <glib/gstdio.h>

#include "kap-record-editor.h"
#include "kap-record-pane.h"
#include "kap-records-page.h"
#include "kap-person-chooser.h"
#include "kap-person-page.h"
#include "kap-record-row.h"
#include "kap-window.h"

/* The records list, its search and filters, the person page and what
 * selecting a row shows, on a store of synthetic persons in Latin,
 * Cyrillic and Arabic script with their screenings. */

typedef struct
{
  char      *dir;
  KapStore  *store;
  KapWindow *window;

  char      *milica;        /* "Milica Jovanović" / "Милица Јовановић" */
  char      *arben;         /* "Arben Krasniqi", Latin only */
  char      *ahmed;         /* "أحمد الحسن", Arabic script as stated */
  char      *dragan;        /* "Драган Петровић", Cyrillic only */
  char      *milica_screening;
  char      *arben_screening;
  char      *ahmed_screening;
  guint      n_records;
} Fixture;

static KapRecordsPage *
records_page (Fixture *fixture)
{
  return KAP_RECORDS_PAGE (kap_window_get_records_page (fixture->window));
}

static KapRecordPane *
record_pane (Fixture *fixture)
{
  return KAP_RECORD_PANE (kap_window_get_record_pane (fixture->window));
}


/* Puts a record with an updated_at @minutes after a fixed moment, so that
 * the list's order (newest first) is known. */
static char *
put_record (Fixture    *fixture,
            const char *type,
            int         minutes,
            const char *json_members)
{
  g_autoptr(KapDocument) document = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) base = g_date_time_new_utc (2025, 3, 15, 8, 0, 0);
  g_autoptr(GDateTime) when = g_date_time_add_minutes (base, minutes);
  g_autofree char *stamp = g_date_time_format (when, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *json = NULL;
  g_autofree char *rev = NULL;

  json = g_strdup_printf ("{\"type\": \"%s\", \"form\": \"%s@1\", \"status\": \"final\", "
                          "\"station\": \"RS-PRE\", \"created_at\": \"%s\", \"updated_at\": \"%s\"%s%s}",
                          type, type, stamp, stamp,
                          json_members[0] != '\0' ? ", " : "", json_members);
  document = kap_document_new_from_json (json, -1, &error);
  g_assert_no_error (error);

  rev = kap_store_put (fixture->store, document, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rev);
  fixture->n_records++;

  return g_strdup (kap_document_get_id (document));
}

static char *
put_screening (Fixture    *fixture,
               int         minutes,
               const char *person_id,
               const char *priority,
               const char *categories)
{
  g_autofree char *members = NULL;

  members = g_strdup_printf ("\"person_id\": \"%s\", \"priority\": \"%s\", \"vuln_cat\": %s",
                             person_id, priority, categories);

  return put_record (fixture, "screening", minutes, members);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  fixture->dir = g_dir_make_tmp ("kap-test-records-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture->dir, "kapija.db", NULL);
  fixture->store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  fixture->milica = put_record (fixture, "person", 1,
                                "\"name_stated\": \"Milica Jovanović\", "
                                "\"name_original\": \"Милица Јовановић\", \"sex\": \"F\", "
                                "\"dob_known\": true, \"date_of_birth\": \"1987-04-12\", "
                                "\"age_years\": 37, \"nationality\": \"SRB\", \"languages\": [\"srp\"]");
  fixture->arben = put_record (fixture, "person", 2,
                               "\"name_stated\": \"Arben Krasniqi\", \"sex\": \"M\", "
                               "\"dob_known\": false, \"age_estimated\": 34, \"age_years\": 34, "
                               "\"nationality\": \"XKX\"");
  fixture->ahmed = put_record (fixture, "person", 3,
                               "\"name_stated\": \"أحمد الحسن\", \"sex\": \"M\", "
                               "\"age_years\": 16, \"nationality\": \"SYR\", \"languages\": [\"ara\"]");
  fixture->dragan = put_record (fixture, "person", 4,
                                "\"name_stated\": \"Драган Петровић\", \"sex\": \"M\", "
                                "\"age_years\": 57, \"nationality\": \"SRB\"");
  fixture->milica_screening = put_screening (fixture, 10, fixture->milica, "P1", "[\"GBV\", \"WAR\"]");
  fixture->arben_screening = put_screening (fixture, 11, fixture->arben, "P3", "[]");
  fixture->ahmed_screening = put_screening (fixture, 12, fixture->ahmed, "P1", "[\"UAC\"]");
  g_free (put_screening (fixture, 13, fixture->dragan, "P2", "[\"SMC\", \"OLD\"]"));
}

static void
destroy_window (KapWindow *window)
{
  GtkWidget *widget = GTK_WIDGET (window);

  g_object_add_weak_pointer (G_OBJECT (widget), (gpointer *)&widget);
  gtk_window_destroy (GTK_WINDOW (window));

  while (widget != NULL)
    g_main_context_iteration (NULL, TRUE);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  if (fixture->window != NULL)
    destroy_window (fixture->window);

  /* The window and everything in it must have let go of the store. */
  g_assert_finalize_object (fixture->store);

  kap_ui_test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->milica);
  g_free (fixture->arben);
  g_free (fixture->ahmed);
  g_free (fixture->dragan);
  g_free (fixture->milica_screening);
  g_free (fixture->arben_screening);
  g_free (fixture->ahmed_screening);
}

static gboolean
timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *fixture, gconstpointer data);

/* Runs the main loop until @condition holds, for at most 5 seconds. */
static void
wait_for (Fixture       *fixture,
          Condition      condition,
          gconstpointer  data,
          const char    *what)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  timeout_id = g_timeout_add_seconds (5, timeout_cb, &timed_out);
  while (!condition (fixture, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (timed_out)
    g_error ("Timed out waiting for %s", what);
  g_source_remove (timeout_id);

  /* Let the frame that shows it be laid out. */
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

static gboolean
window_mapped (Fixture       *fixture,
               gconstpointer  data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture->window));
}

static void
show_window (Fixture *fixture)
{
  fixture->window = kap_ui_test_window_new (fixture->store, NULL);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for (fixture, window_mapped, NULL, "the window to be mapped");
}

static guint
n_items (Fixture *fixture)
{
  return g_list_model_get_n_items (G_LIST_MODEL (kap_records_page_get_records (records_page (fixture))));
}

static gboolean
n_items_is (Fixture       *fixture,
            gconstpointer  data)
{
  return n_items (fixture) == GPOINTER_TO_UINT (data);
}

/* The rows the list view really draws. */
static void
collect_rows (GtkWidget *root,
              GPtrArray *rows)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (KAP_IS_RECORD_ROW (child))
        {
          if (gtk_widget_get_mapped (child) && kap_record_row_get_summary (KAP_RECORD_ROW (child)) != NULL)
            g_ptr_array_add (rows, child);
        }
      else
        collect_rows (child, rows);
    }
}

static KapRecordRow *
find_row (Fixture    *fixture,
          const char *id)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (records_page (fixture)), rows);
  for (guint i = 0; i < rows->len; i++)
    {
      KapRecordRow *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (kap_record_summary_get_id (kap_record_row_get_summary (row)), id) == 0)
        return row;
    }

  return NULL;
}

/* A record row's labels, in the order on screen: the title (the name as
 * stated), the subtitle (type, original-script name), the priority badge. */
static GtkLabel *
row_label (KapRecordRow *row,
           guint         index)
{
  g_autoptr(GPtrArray) labels = kap_ui_test_find_all (GTK_WIDGET (row), GTK_TYPE_LABEL);

  g_assert_cmpuint (labels->len, ==, 3);
  return g_ptr_array_index (labels, index);
}

static guint
position_of (Fixture    *fixture,
             const char *id)
{
  for (guint i = 0; i < n_items (fixture); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (kap_records_page_get_records (records_page (fixture))), i);

      if (g_strcmp0 (kap_record_summary_get_id (summary), id) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static gboolean
rows_drawn (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (records_page (fixture)), rows);
  return rows->len == GPOINTER_TO_UINT (data);
}

static gboolean
rows_drawn_at_least (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  collect_rows (GTK_WIDGET (records_page (fixture)), rows);
  return rows->len >= GPOINTER_TO_UINT (data);
}

static void
test_records_list_shows_all (Fixture       *fixture,
                             gconstpointer  user_data)
{
  KapRecordRow *row;

  show_window (fixture);

  g_assert_cmpstr (kap_window_get_visible_page_name (fixture->window), ==, "main");
  g_assert_cmpstr (kap_records_page_get_visible_list (records_page (fixture)), ==, "list");
  g_assert_cmpuint (n_items (fixture), ==, fixture->n_records);
  wait_for (fixture, rows_drawn, GUINT_TO_POINTER (fixture->n_records), "every row to be drawn");

  /* Grouped by person, the groups newest change first: Milica's group
   * (her screening at minute 10) is last, her screening under her. */
  g_assert_cmpuint (position_of (fixture, fixture->milica), ==, fixture->n_records - 2);
  g_assert_cmpuint (position_of (fixture, fixture->milica_screening), ==, fixture->n_records - 1);
  g_assert_cmpuint (position_of (fixture, fixture->dragan), ==, 0);
  row = find_row (fixture, fixture->milica_screening);
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 0)), ==, "Screening");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "nested"));
  g_assert_cmpint (gtk_widget_get_margin_start (GTK_WIDGET (row)), >, 0);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_row (fixture, fixture->milica)), "nested"));

  /* Every record on its own, newest first, from the filter menu. */
  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "view.group-by-person", NULL);
  g_assert_cmpuint (position_of (fixture, fixture->milica), ==, fixture->n_records - 1);
  wait_for (fixture, rows_drawn, GUINT_TO_POINTER (fixture->n_records), "every row to be drawn again");

  /* Each script as it was typed, and the original-script name beside the
   * name as stated. */
  row = find_row (fixture, fixture->milica);
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 0)), ==, "Milica Jovanović");
  g_assert_nonnull (strstr (gtk_label_get_text (row_label (row, 1)), "Милица Јовановић"));
  g_assert_nonnull (strstr (gtk_label_get_text (row_label (row, 1)), "Person"));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (row_label (row, 2))));

  row = find_row (fixture, fixture->ahmed);
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 0)), ==, "أحمد الحسن");
  row = find_row (fixture, fixture->dragan);
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 0)), ==, "Драган Петровић");

  /* A screening carries its person's name, its type and its priority. */
  row = find_row (fixture, fixture->milica_screening);
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 0)), ==, "Milica Jovanović");
  g_assert_nonnull (strstr (gtk_label_get_text (row_label (row, 1)), "Screening"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row_label (row, 2))));
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 2)), ==, "P1");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_label (row, 2)), "p1"));

  row = find_row (fixture, fixture->arben_screening);
  g_assert_cmpstr (gtk_label_get_text (row_label (row, 2)), ==, "P3");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row_label (row, 2)), "p3"));

  /* Nothing is open before the officer picks something. */
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "none");
}

/* Types @text into the search entry and waits for the debounced search. */
static void
search (Fixture    *fixture,
        const char *text,
        guint       expected)
{
  kap_records_page_set_search_text (records_page (fixture), text);
  wait_for (fixture, n_items_is, GUINT_TO_POINTER (expected), "the search to narrow the list");
}

static void
assert_only_milica (Fixture *fixture)
{
  g_assert_cmpuint (n_items (fixture), ==, 2);
  g_assert_cmpuint (position_of (fixture, fixture->milica), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (position_of (fixture, fixture->milica_screening), !=, GTK_INVALID_LIST_POSITION);
  wait_for (fixture, rows_drawn, GUINT_TO_POINTER (2), "the rows of the search");
  g_assert_nonnull (find_row (fixture, fixture->milica));
}

static void
test_records_search_any_script (Fixture       *fixture,
                                gconstpointer  user_data)
{
  show_window (fixture);

  /* Cyrillic finds the person and her screening… */
  search (fixture, "Милица", 2);
  assert_only_milica (fixture);
  g_assert_nonnull (strstr (kap_records_page_get_subtitle (records_page (fixture)), "2 of 8"));

  /* …and so do the Latin spelling and a lower-case one without marks. */
  search (fixture, "", fixture->n_records);
  search (fixture, "Milica", 2);
  assert_only_milica (fixture);
  search (fixture, "", fixture->n_records);
  search (fixture, "milica jovanovic", 2);
  assert_only_milica (fixture);

  /* A name stated only in Cyrillic is found in Latin letters. */
  search (fixture, "", fixture->n_records);
  search (fixture, "dragan", 2);
  g_assert_cmpuint (position_of (fixture, fixture->dragan), !=, GTK_INVALID_LIST_POSITION);

  /* Nobody: the “No Results” page, until the search is cleared. */
  search (fixture, "Zzyzx", 0);
  g_assert_cmpstr (kap_records_page_get_visible_list (records_page (fixture)), ==, "no-results");
  g_assert_true (gtk_widget_get_mapped (kap_ui_test_find (GTK_WIDGET (records_page (fixture)), ADW_TYPE_STATUS_PAGE)));
  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "records.clear-filters", NULL);
  g_assert_cmpuint (n_items (fixture), ==, fixture->n_records);
  g_assert_cmpstr (kap_records_page_get_visible_list (records_page (fixture)), ==, "list");
}

static void
assert_all (Fixture    *fixture,
            const char *type,
            const char *priority)
{
  for (guint i = 0; i < n_items (fixture); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (kap_records_page_get_records (records_page (fixture))), i);

      if (type != NULL)
        g_assert_cmpstr (kap_record_summary_get_doc_type (summary), ==, type);
      if (priority != NULL)
        g_assert_cmpstr (kap_record_summary_get_priority (summary), ==, priority);
    }
}

static void
test_records_filters (Fixture       *fixture,
                      gconstpointer  user_data)
{
  show_window (fixture);

  /* The filter menu's radio items drive these actions. */
  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "filter.type", "s", "screening");
  g_assert_cmpuint (n_items (fixture), ==, 4);
  assert_all (fixture, "screening", NULL);
  g_assert_true (kap_records_page_get_filter_active (records_page (fixture)));

  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "filter.priority", "s", "P1");
  g_assert_cmpuint (n_items (fixture), ==, 2);
  assert_all (fixture, "screening", "P1");
  g_assert_cmpuint (position_of (fixture, fixture->milica_screening), !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (position_of (fixture, fixture->ahmed_screening), !=, GTK_INVALID_LIST_POSITION);

  /* Search and filters add up. */
  search (fixture, "Милица", 1);
  g_assert_cmpuint (position_of (fixture, fixture->milica_screening), ==, 0);
  search (fixture, "", 2);

  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "filter.type", "s", "person");
  g_assert_cmpuint (n_items (fixture), ==, 0);
  g_assert_cmpstr (kap_records_page_get_visible_list (records_page (fixture)), ==, "no-results");

  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "filter.priority", "s", "");
  g_assert_cmpuint (n_items (fixture), ==, 4);
  assert_all (fixture, "person", NULL);

  gtk_widget_activate_action (GTK_WIDGET (records_page (fixture)), "records.clear-filters", NULL);
  g_assert_cmpuint (n_items (fixture), ==, fixture->n_records);
  g_assert_false (kap_records_page_get_filter_active (records_page (fixture)));
}

static void
select_record (Fixture    *fixture,
               const char *id)
{
  guint position = position_of (fixture, id);

  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  kap_records_page_select_position (records_page (fixture), position);

  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The label of the first row of @list whose title contains @title. */
static AdwActionRow *
find_action_row (GtkListBox *list,
                 guint       index)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, index);

  return row != NULL && ADW_IS_ACTION_ROW (row) ? ADW_ACTION_ROW (row) : NULL;
}

static GtkLabel *
find_badge (GtkWidget *root)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found;

      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "kap-badge"))
        return GTK_LABEL (child);

      if ((found = find_badge (child)))
        return found;
    }

  return NULL;
}

static gboolean
person_page_mapped (Fixture       *fixture,
                    gconstpointer  data)
{
  return kap_record_pane_get_person_page (record_pane (fixture)) != NULL &&
         gtk_widget_get_mapped (GTK_WIDGET (kap_record_pane_get_person_page (record_pane (fixture))));
}

static void
test_records_person_page (Fixture       *fixture,
                          gconstpointer  user_data)
{
  KapPersonPage *page;
  GtkLabel *name;
  AdwActionRow *row;
  GtkLabel *badge;

  show_window (fixture);

  select_record (fixture, fixture->milica);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
  wait_for (fixture, person_page_mapped, NULL, "the person page");

  page = kap_record_pane_get_person_page (record_pane (fixture));
  g_assert_cmpstr (kap_person_page_get_person_id (page), ==, fixture->milica);
  name = kap_ui_test_find_label (GTK_WIDGET (page), "Milica Jovanović");
  g_assert_nonnull (name);
  g_assert_cmpstr (gtk_label_get_text (name), ==, "Milica Jovanović");
  g_assert_cmpstr (kap_person_page_get_original_name (page), ==, "Милица Јовановић");
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (kap_ui_test_find_label (GTK_WIDGET (page), "Милица Јовановић"))));

  /* Her one screening, with its priority badge and its categories. */
  row = find_action_row (kap_person_page_get_list (page, "screening"), 0);
  g_assert_nonnull (row);
  g_assert_null (find_action_row (kap_person_page_get_list (page, "screening"), 1));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (row)));
  badge = find_badge (GTK_WIDGET (row));
  g_assert_nonnull (badge);
  g_assert_cmpstr (gtk_label_get_text (badge), ==, "P1");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (badge), "p1"));
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (badge)));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Survivor of, or at risk of, gender-based violence"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Woman or girl at risk"));

  /* Nobody else's records. */
  g_assert_null (find_action_row (kap_person_page_get_list (page, "return_interest"), 0));
  g_assert_null (find_action_row (kap_person_page_get_list (page, "referral"), 0));

  /* The page lists her and her records only, through the person index,
   * not the summaries of the whole store. */
  g_assert_nonnull (kap_person_page_get_records (page));
  g_assert_cmpuint (kap_record_list_get_n_total (kap_person_page_get_records (page)), ==, 2);
  g_assert_cmpuint (fixture->n_records, >, 2);

  /* It follows the store: a return interest recorded for her shows up at
   * once, by its stage. */
  {
    g_autofree char *members = g_strdup_printf ("\"person_id\": \"%s\", \"stage\": \"COUNSELLING\", "
                                                "\"stage_date\": \"2025-03-15\"", fixture->milica);
    AdwActionRow *return_row;

    g_free (put_record (fixture, "return_interest", 20, members));
    /* The store's change notification reaches the page through the main
     * loop, which it wakes. */
    while (find_action_row (kap_person_page_get_list (page, "return_interest"), 0) == NULL)
      g_main_context_iteration (NULL, TRUE);
    return_row = find_action_row (kap_person_page_get_list (page, "return_interest"), 0);
    g_assert_nonnull (return_row);
    g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (return_row)), ==, "Counselling");
    g_assert_cmpuint (kap_record_list_get_n_total (kap_person_page_get_records (page)), ==, 3);
    /* The screening rows were made again. */
    row = find_action_row (kap_person_page_get_list (page, "screening"), 0);
  }

  /* Activating the row opens that screening in the editor. */
  g_signal_emit_by_name (kap_person_page_get_list (page, "screening"), "row-activated", row);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  g_assert_true (KAP_IS_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_id (kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))))),
                   ==, fixture->milica_screening);

  /* Another person's page follows the selection. */
  select_record (fixture, fixture->ahmed);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
  name = kap_ui_test_find_label (GTK_WIDGET (page), "أحمد الحسن");
  g_assert_nonnull (name);
  g_assert_cmpstr (gtk_label_get_text (name), ==, "أحمد الحسن");
  g_assert_null (kap_person_page_get_original_name (page));
  row = find_action_row (kap_person_page_get_list (page, "screening"), 0);
  g_assert_nonnull (row);
  g_assert_cmpstr (gtk_label_get_text (find_badge (GTK_WIDGET (row))), ==, "P1");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (row), "Unaccompanied child"));
}

static void
test_records_select_shows_page (Fixture       *fixture,
                                gconstpointer  user_data)
{
  KapDocument *record;

  show_window (fixture);

  /* A screening: the record editor with that record. */
  select_record (fixture, fixture->arben_screening);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  g_assert_true (KAP_IS_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_true (gtk_widget_is_ancestor (kap_record_pane_get_editor (record_pane (fixture)), GTK_WIDGET (record_pane (fixture))));
  record = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_id (record), ==, fixture->arben_screening);
  g_assert_cmpstr (kap_record_pane_get_title (record_pane (fixture)), ==, "Screening");

  /* A person: the person page. */
  select_record (fixture, fixture->dragan);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
  g_assert_null (kap_record_pane_get_editor (record_pane (fixture)));
  g_assert_cmpstr (kap_person_page_get_person_id (kap_record_pane_get_person_page (record_pane (fixture))), ==, fixture->dragan);

  /* The person page's Edit opens the person's own record in the editor. */
  g_signal_emit_by_name (kap_ui_test_find_button (GTK_WIDGET (kap_record_pane_get_person_page (record_pane (fixture))), "_Edit"), "clicked");
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  record = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_id (record), ==, fixture->dragan);

  /* Enter on a row (activate) opens it too. */
  kap_records_page_activate_position (records_page (fixture), position_of (fixture, fixture->milica));
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
  g_assert_cmpstr (kap_person_page_get_person_id (kap_record_pane_get_person_page (record_pane (fixture))), ==, fixture->milica);
  g_assert_cmpuint (kap_records_page_get_selected (records_page (fixture)), ==,
                    position_of (fixture, fixture->milica));
}

/* New Screening on a person page: a draft about that person, with the
 * person's age and sex, saved and opened. */
static void
test_records_new_screening (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(GListModel) screenings = NULL;
  g_autoptr(KapDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  KapDocument *record;
  JsonObject *body;

  show_window (fixture);
  select_record (fixture, fixture->milica);

  g_signal_emit_by_name (kap_ui_test_find_button (GTK_WIDGET (kap_record_pane_get_person_page (record_pane (fixture))), "New _Screening"), "clicked");
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  record = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_doc_type (record), ==, "screening");

  draft = kap_store_get (fixture->store, kap_document_get_id (record), NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  body = kap_document_get_body (draft);
  g_assert_cmpstr (kap_record_get_person_id (draft), ==, fixture->milica);
  g_assert_cmpstr (kap_record_get_status (draft), ==, "draft");
  g_assert_cmpstr (kap_record_get_form_key (draft), ==, "screening@1");
  g_assert_cmpint (json_object_get_int_member (body, "age_years"), ==, 37);
  g_assert_cmpstr (json_object_get_string_member (body, "sex"), ==, "F");
  /* No officer code in the settings yet: the placeholder author. */
  g_assert_cmpstr (json_object_get_string_member (body, "created_by"), ==, "officer");
  g_assert_cmpstr (json_object_get_string_member (body, "device"), ==, kap_store_get_device_id (fixture->store));

  screenings = kap_store_list (fixture->store, "screening", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (screenings), ==, 5);

  /* The new draft is at the top of the list under its person, selected. */
  g_assert_cmpuint (position_of (fixture, fixture->milica), ==, 0);
  g_assert_cmpuint (position_of (fixture, kap_document_get_id (record)), ==, 1);
  g_assert_cmpuint (kap_records_page_get_selected (records_page (fixture)), ==, 1);
}

/* An answer typed just before the window goes away without a close
 * request (the app quitting) is written while the window can still follow
 * the save, and no critical is logged on the way (criticals are fatal in
 * tests). */
static void
test_records_destroy_saves (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(KapDocument) draft = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id = NULL;
  KapRecordEditor *editor;

  show_window (fixture);
  select_record (fixture, fixture->milica);
  g_signal_emit_by_name (kap_ui_test_find_button (GTK_WIDGET (kap_record_pane_get_person_page (record_pane (fixture))), "New _Screening"), "clicked");
  editor = KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture)));
  id = g_strdup (kap_document_get_id (kap_record_editor_get_record (editor)));

  form_test_set_bool (kap_record_editor_get_view (editor), "asylum_intention", TRUE);
  g_assert_false (kap_record_editor_get_saved (editor));

  destroy_window (fixture->window);
  fixture->window = NULL;

  draft = kap_store_get (fixture->store, id, NULL, KAP_STORE_GET_NONE, &error);
  g_assert_no_error (error);
  g_assert_true (json_object_get_boolean_member (kap_document_get_body (draft), "asylum_intention"));
}

/* New ▸ Screening with no person on screen asks which person first: a
 * search over persons in any script. */
static void
test_records_new_from_menu (Fixture       *fixture,
                            gconstpointer  user_data)
{
  KapPersonChooser *chooser;
  KapDocument *record;
  gboolean timed_out = FALSE;
  guint timeout_id;

  show_window (fixture);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "none");

  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record", "s", "screening");
  chooser = (KapPersonChooser *) kap_window_get_person_chooser (fixture->window);
  g_assert_nonnull (chooser);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (chooser)), ==, "New Screening: Choose Person");
  g_assert_cmpuint (g_list_model_get_n_items (kap_ui_test_list_items (GTK_WIDGET (chooser))), ==, 4);

  /* Only persons, found in any script; nothing was written yet. */
  gtk_editable_set_text (GTK_EDITABLE (kap_ui_test_find (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY)), "Милица");
  timeout_id = g_timeout_add_seconds (5, timeout_cb, &timed_out);
  while (g_list_model_get_n_items (kap_ui_test_list_items (GTK_WIDGET (chooser))) != 1 && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (timed_out);
  g_source_remove (timeout_id);
  g_assert_cmpuint (n_items (fixture), ==, fixture->n_records);

  /* Enter takes the person found. */
  g_object_add_weak_pointer (G_OBJECT (chooser), (gpointer *) &chooser);
  g_signal_emit_by_name (kap_ui_test_find (GTK_WIDGET (chooser), GTK_TYPE_SEARCH_ENTRY), "activate");
  while (chooser != NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (n_items (fixture), ==, fixture->n_records + 1);
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "editor");
  record = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_doc_type (record), ==, "screening");
  g_assert_cmpstr (kap_record_get_person_id (record), ==, fixture->milica);

  /* On a person's page, the menu uses that person without asking. */
  select_record (fixture, fixture->arben);
  gtk_widget_activate_action (GTK_WIDGET (fixture->window), "win.new-record", "s", "return_interest");
  g_assert_null ((KapPersonChooser *) kap_window_get_person_chooser (fixture->window));
  record = kap_record_editor_get_record (KAP_RECORD_EDITOR (kap_record_pane_get_editor (record_pane (fixture))));
  g_assert_cmpstr (kap_document_get_doc_type (record), ==, "return_interest");
  g_assert_cmpstr (kap_record_get_person_id (record), ==, fixture->arben);
}

/* "petrovich" finds both spellings of Petrović, ranked: the name spelled
 * just so first, however old, then the variants newest first; a person's
 * screening comes with them. */
static void
test_records_search_ranked (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autofree char *ana = put_record (fixture, "person", 20, "\"name_stated\": \"Ana Petrović\"");
  g_autofree char *ilija = put_record (fixture, "person", 5, "\"name_stated\": \"Ilija Petrovich\"");

  show_window (fixture);

  search (fixture, "petrovich", 4);
  g_assert_cmpuint (position_of (fixture, ilija), ==, 0);
  g_assert_cmpuint (position_of (fixture, ana), ==, 1);
  g_assert_cmpuint (position_of (fixture, fixture->dragan), ==, 2);
  wait_for (fixture, rows_drawn, GUINT_TO_POINTER (4), "the rows of the search");
  g_assert_cmpstr (gtk_label_get_text (row_label (find_row (fixture, ana), 0)), ==, "Ana Petrović");
  g_assert_cmpstr (gtk_label_get_text (row_label (find_row (fixture, fixture->dragan), 0)), ==, "Драган Петровић");
  g_assert_nonnull (strstr (kap_records_page_get_subtitle (records_page (fixture)), "4 of 10"));

  /* In Cyrillic, the same people; “Петрович” reads “petrovic”, so now
   * the two Petrović come first and “Petrovich”, which it begins, last. */
  search (fixture, "Петрович", 4);
  g_assert_cmpuint (position_of (fixture, ana), ==, 0);
  g_assert_cmpuint (position_of (fixture, ilija), ==, 3);

  /* Enter opens the best match, not the newest. */
  search (fixture, "petrovich", 4);
  g_signal_emit_by_name (kap_ui_test_find (GTK_WIDGET (records_page (fixture)), GTK_TYPE_SEARCH_ENTRY), "activate");
  g_assert_cmpstr (kap_record_pane_get_shown_id (record_pane (fixture)), ==, ilija);
}

static gboolean
page_folded (Fixture       *fixture,
             gconstpointer  data)
{
  gboolean folded = FALSE;

  g_object_get (records_page (fixture), "folded", &folded, NULL);
  return folded;
}

static gboolean
content_shown (Fixture       *fixture,
               gconstpointer  data)
{
  AdwLeaflet *leaflet = ADW_LEAFLET (kap_ui_test_find (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));

  return g_strcmp0 (adw_leaflet_get_visible_child_name (leaflet), "content") == 0 &&
         g_strcmp0 (kap_record_pane_get_shown_id (record_pane (fixture)), data) == 0;
}

/* At 360 px the window shows one pane: one click (or tap) on a row opens
 * the record, with the real pointer through the list's gestures. */
static void
test_records_narrow_click (Fixture       *fixture,
                           gconstpointer  user_data)
{
  AdwLeaflet *leaflet;
  KapRecordRow *row;
  GtkLabel *subtitle;

  fixture->window = kap_ui_test_window_new (fixture->store, NULL);
  gtk_window_set_default_size (GTK_WINDOW (fixture->window), 360, 720);
  gtk_window_present (GTK_WINDOW (fixture->window));
  wait_for (fixture, window_mapped, NULL, "the window to be mapped");
  wait_for (fixture, page_folded, NULL, "the window to fold to one pane");
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (fixture->window)), <=, 400);
  /* The count's short form, which fits the narrow header uncut. */
  g_assert_cmpstr (kap_records_page_get_subtitle (records_page (fixture)), ==, "8 records");

  leaflet = ADW_LEAFLET (kap_ui_test_find (GTK_WIDGET (fixture->window), ADW_TYPE_LEAFLET));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (leaflet), !=, "content");
  wait_for (fixture, rows_drawn, GUINT_TO_POINTER (fixture->n_records), "every row to be drawn");

  /* A subtitle too long for the width wraps between words: no part of it
   * is cut off. */
  row = find_row (fixture, fixture->milica);
  subtitle = row_label (row, 1);
  g_assert_false (pango_layout_is_ellipsized (gtk_label_get_layout (subtitle)));
  g_assert_cmpint (pango_layout_get_line_count (gtk_label_get_layout (subtitle)), >, 1);
  /* Short parts stay whole: only the separators and a name's own spaces
   * may break. */
  g_assert_nonnull (strstr (gtk_label_get_text (subtitle), "\u2068Милица Јовановић\u2069"));
  g_assert_null (strchr (g_strrstr (gtk_label_get_text (subtitle), "\u2068"), ' '));

  row = find_row (fixture, fixture->arben);
  kap_ui_test_click (GTK_WIDGET (row));
  wait_for (fixture, content_shown, fixture->arben, "one click to open the record");
  g_assert_cmpstr (kap_record_pane_get_visible_name (record_pane (fixture)), ==, "person");
}

/* The legend of the sync icons, the counts in the language's digit
 * grouping and the bidi isolation of the subtitles. */
static void
test_records_legend_counts_bidi (Fixture       *fixture,
                                 gconstpointer  user_data)
{
  const char *states[] = { "Not synced yet", "Synced", "Conflict", "Rejected by the server" };
  g_autoptr(GPtrArray) sessions = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) images = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *legend;
  GtkWidget *popover;
  KapRecordRow *row;
  const char *text;

  /* 1,230 more records, in one transaction. */
  for (guint i = 0; i < 1230; i++)
    g_ptr_array_add (sessions, kap_document_new_from_json ("{\"type\": \"interpreter_session\", \"form\": \"interpreter_session@1\", "
                                                           "\"status\": \"final\", \"updated_at\": \"2025-03-14T08:00:00Z\"}",
                                                           -1, NULL));
  g_assert_true (kap_store_import (fixture->store, sessions, NULL, &error));
  g_assert_no_error (error);
  fixture->n_records += sessions->len;

  show_window (fixture);

  /* The legend: one line per state, with what it means. */
  legend = kap_ui_test_find_tooltip (GTK_WIDGET (records_page (fixture)), GTK_TYPE_MENU_BUTTON, "What the Sync Icons Mean");
  g_assert_nonnull (legend);
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (legend)));
  /* Xvfb has no window manager: an autohiding popover's grab can fail
   * there and close it at once, which says nothing about the legend. */
  gtk_popover_set_autohide (GTK_POPOVER (popover), FALSE);
  gtk_menu_button_popup (GTK_MENU_BUTTON (legend));
  while (!gtk_widget_get_mapped (popover))
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GtkLabel *label = kap_ui_test_find_label (popover, states[i]);

      g_assert_nonnull (label);
      g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (label)));
    }
  g_assert_nonnull (kap_ui_test_find_label (popover, "The next sync sends it"));
  g_assert_nonnull (kap_ui_test_find_label (popover, "A supervisor chooses what stays"));
  gtk_menu_button_popdown (GTK_MENU_BUTTON (legend));

  /* Each row's icon says the same in its tooltip. */
  wait_for (fixture, rows_drawn_at_least, GUINT_TO_POINTER (4), "the first rows to be drawn");
  row = find_row (fixture, fixture->dragan);
  images = kap_ui_test_find_all (GTK_WIDGET (row), GTK_TYPE_IMAGE);
  g_assert_cmpuint (images->len, ==, 2);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (images, 1)), ==,
                   "Not synced yet: Saved on this laptop only. The next sync sends it to the server.");

  /* Counts with the grouping of the language the app is in. */
  g_assert_nonnull (strstr (kap_records_page_get_subtitle (records_page (fixture)), "1,238 records"));
  g_setenv ("LANGUAGE", "sr", TRUE);
  kap_records_page_update (records_page (fixture));
  g_assert_nonnull (strstr (kap_records_page_get_subtitle (records_page (fixture)), "1.238"));
  g_setenv ("LANGUAGE", "sq", TRUE);
  kap_records_page_update (records_page (fixture));
  g_assert_nonnull (strstr (kap_records_page_get_subtitle (records_page (fixture)), "1\u00a0238"));
  g_setenv ("LANGUAGE", "en", TRUE);
  kap_records_page_update (records_page (fixture));

  /* Each part of a subtitle is isolated (FSI … PDI), so a name in another
   * script keeps the order of the parts; no line starts with the dot. */
  row = find_row (fixture, fixture->ahmed);
  text = gtk_label_get_text (row_label (row, 1));
  g_assert_true (g_str_has_prefix (text, "\u2068Person\u2069\u00a0· \u2068"));
  g_assert_true (g_str_has_suffix (text, "\u2069"));
  row = find_row (fixture, fixture->milica);
  text = gtk_label_get_text (row_label (row, 1));
  g_assert_true (g_str_has_prefix (text, "\u2068Милица Јовановић\u2069\u00a0· \u2068Person\u2069"));
}


int
main (int   argc,
      char *argv[])
{
  /* No G_TEST_OPTION_ISOLATE_DIRS: it empties XDG_DATA_DIRS, and
   * libadwaita 1.2 then trips over the missing GSettings schemas of the
   * desktop (and iso-codes would not be found). Each store lives in its
   * own g_dir_make_tmp() folder instead. English, so that the labels
   * asserted below are the source strings. */
  g_setenv ("LANGUAGE", "en", TRUE);
  if (!kap_ui_test_init (&argc, &argv, "/records/display"))
    return g_test_run ();


  g_test_add ("/records/list/all", Fixture, NULL, fixture_set_up, test_records_list_shows_all, fixture_tear_down);
  g_test_add ("/records/search/any-script", Fixture, NULL, fixture_set_up, test_records_search_any_script, fixture_tear_down);
  g_test_add ("/records/filter/type-priority", Fixture, NULL, fixture_set_up, test_records_filters, fixture_tear_down);
  g_test_add ("/records/person-page/screenings", Fixture, NULL, fixture_set_up, test_records_person_page, fixture_tear_down);
  g_test_add ("/records/select/page", Fixture, NULL, fixture_set_up, test_records_select_shows_page, fixture_tear_down);
  g_test_add ("/records/person-page/new-screening", Fixture, NULL, fixture_set_up, test_records_new_screening, fixture_tear_down);
  g_test_add ("/records/destroy-saves", Fixture, NULL, fixture_set_up, test_records_destroy_saves, fixture_tear_down);
  g_test_add ("/records/new/choose-person", Fixture, NULL, fixture_set_up, test_records_new_from_menu, fixture_tear_down);
  g_test_add ("/records/search/ranked", Fixture, NULL, fixture_set_up, test_records_search_ranked, fixture_tear_down);
  g_test_add ("/records/narrow/click-opens", Fixture, NULL, fixture_set_up, test_records_narrow_click, fixture_tear_down);
  g_test_add ("/records/list/legend-counts-bidi", Fixture, NULL, fixture_set_up, test_records_legend_counts_bidi, fixture_tear_down);

  return g_test_run ();
}
