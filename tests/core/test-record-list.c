/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-record-list.h"
#include "kap-test-store-fixture.h"

static char *
put (KapStore   *store,
     const char *json)
{
  g_autoptr(KapDocument) document = test_document (NULL, json);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = kap_store_put (store, document, &error);

  g_assert_no_error (error);
  return g_strdup (kap_document_get_id (document));
}

static char *
titles (GListModel *model)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s/%s", i ? ", " : "",
                              kap_record_summary_get_doc_type (summary),
                              kap_record_summary_get_title (summary));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
set_text (KapRecordList *list,
          const char    *text)
{
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;

  filter.text = text;
  kap_record_list_set_filter (list, &filter);
}

static void
test_list_and_search (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapRecordList) list = NULL;
  g_autofree char *milica = put (fixture->store,
    "{\"type\":\"person\",\"name_stated\":\"Milica Jovanović\",\"name_original\":\"Милица Јовановић\","
    " \"updated_at\":\"2025-03-15T09:00:00Z\"}");
  g_autofree char *ahmad = put (fixture->store,
    "{\"type\":\"person\",\"name_stated\":\"Ahmad Al-Hassan\",\"name_original\":\"أحمد الحسن\","
    " \"updated_at\":\"2025-03-15T10:00:00Z\"}");
  g_autofree char *screening = NULL;
  g_autofree char *json = g_strdup_printf (
    "{\"type\":\"screening\",\"person_id\":\"%s\",\"status\":\"final\",\"priority\":\"P1\","
    " \"vuln_cat\":[\"UAC\",\"THB\"],\"updated_at\":\"2025-03-15T11:00:00Z\"}", milica);
  g_autofree char *all = NULL;
  g_autoptr(KapRecordSummary) summary = NULL;
  const char *queries[] = { "Милица", "milica", "MILICA JOVANOVIC", "jovanovic", "Јовановић" };

  screening = put (fixture->store, json);

  list = kap_record_list_new (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_record_list_get_n_total (list), ==, 3);

  /* Newest first; the screening shows its person's name. */
  all = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (all, ==, "screening/Milica Jovanović, person/Ahmad Al-Hassan, person/Milica Jovanović");

  summary = g_list_model_get_item (G_LIST_MODEL (list), 0);
  g_assert_cmpstr (kap_record_summary_get_priority (summary), ==, "P1");
  g_assert_cmpstr (kap_record_summary_get_categories (summary)[1], ==, "THB");
  g_assert_cmpstr (kap_record_summary_get_title_original (summary), ==, "Милица Јовановић");
  g_assert_cmpint (kap_record_summary_get_sync_state (summary), ==, KAP_SYNC_STATE_PENDING);

  /* The same person whatever the script the officer types in. */
  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autofree char *found = NULL;

      set_text (list, queries[i]);
      found = titles (G_LIST_MODEL (list));
      g_assert_cmpstr (found, ==, "screening/Milica Jovanović, person/Milica Jovanović");
    }

  set_text (list, "الحسن");
  {
    g_autofree char *found = titles (G_LIST_MODEL (list));
    g_assert_cmpstr (found, ==, "person/Ahmad Al-Hassan");
  }

  set_text (list, "Petrović");
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  /* An id prefix finds the record too. */
  set_text (list, screening);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
}

static void
test_filters (StoreFixture  *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapRecordList) list = NULL;
  g_autofree char *person = put (fixture->store, "{\"type\":\"person\",\"name_stated\":\"Ayşe Yılmaz\"}");
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
  g_autofree char *p1 = g_strdup_printf ("{\"type\":\"screening\",\"person_id\":\"%s\",\"priority\":\"P1\",\"status\":\"final\"}", person);
  g_autofree char *p3 = g_strdup_printf ("{\"type\":\"screening\",\"person_id\":\"%s\",\"priority\":\"P3\",\"status\":\"draft\"}", person);

  a = put (fixture->store, p1);
  b = put (fixture->store, p3);
  c = put (fixture->store, "{\"type\":\"interpreter_session\",\"language\":\"prs\",\"minutes\":20}");

  list = kap_record_list_new (fixture->store, &error);
  g_assert_no_error (error);

  filter.type = "screening";
  kap_record_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 2);

  filter.priority = "P1";
  kap_record_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  filter = (KapRecordFilter) KAP_RECORD_FILTER_INIT;
  filter.status = "draft";
  kap_record_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);

  /* A person's page: the person and what is about them. */
  filter = (KapRecordFilter) KAP_RECORD_FILTER_INIT;
  filter.person_id = person;
  kap_record_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);

  /* The same, loading only that person's rows; it follows new ones. */
  {
    g_autoptr(KapRecordList) own = kap_record_list_new_for_person (fixture->store, person, &error);
    g_autofree char *json = g_strdup_printf ("{\"type\":\"referral\",\"person_id\":\"%s\",\"service\":\"CPG\"}", person);
    g_autofree char *more = NULL;
    g_autofree char *other = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (kap_record_list_get_n_total (own), ==, 3);
    more = put (fixture->store, json);
    other = put (fixture->store, "{\"type\":\"person\",\"name_stated\":\"Someone Else\"}");
    g_assert_cmpuint (kap_record_list_get_n_total (own), ==, 4);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (own)), ==, 4);
    {
      g_autoptr(KapRecordSummary) first = g_list_model_get_item (G_LIST_MODEL (own), 0);
      g_assert_cmpstr (kap_record_summary_get_title (first), ==, "Ayşe Yılmaz");
    }
  }

  filter = (KapRecordFilter) KAP_RECORD_FILTER_INIT;
  filter.sync_state = KAP_SYNC_STATE_CONFLICT;
  kap_record_list_set_filter (list, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_follows_store (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapRecordList) list = kap_record_list_new (fixture->store, &error);
  g_autoptr(KapDocument) person = test_document (NULL, "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\"}");
  g_autoptr(KapRecordSummary) summary = NULL;
  g_autofree char *rev = NULL, *rev2 = NULL, *gone = NULL;
  guint changes = 0;

  g_assert_no_error (error);
  g_signal_connect (list, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);

  rev = kap_store_put (fixture->store, person, &error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  g_assert_cmpuint (changes, ==, 1);

  json_object_set_string_member (kap_document_get_body (person), "name_stated", "Arben Krasniqi Berisha");
  rev2 = kap_store_put (fixture->store, person, &error);
  summary = kap_record_list_lookup (list, kap_document_get_id (person));
  g_assert_cmpstr (kap_record_summary_get_title (summary), ==, "Arben Krasniqi Berisha");

  /* A conflict arrives from elsewhere: the record says so. */
  {
    g_autoptr(KapDocument) other = test_foreign (kap_document_get_id (person), FALSE,
                                                 "{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi\"}",
                                                 "2-ffffffffffffffffffffffffffffffff", rev, NULL);
    g_autoptr(KapRecordSummary) conflicted = NULL;

    g_assert_true (test_insert (fixture->store, other, &error));
    conflicted = kap_record_list_lookup (list, kap_document_get_id (person));
    g_assert_cmpint (kap_record_summary_get_sync_state (conflicted), ==, KAP_SYNC_STATE_CONFLICT);
  }

  gone = kap_store_delete (fixture->store, kap_document_get_id (person), "2-ffffffffffffffffffffffffffffffff", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  {
    g_autofree char *last = kap_store_delete (fixture->store, kap_document_get_id (person), rev2, &error);
    g_assert_no_error (error);
  }
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  g_assert_cmpuint (kap_record_list_get_n_total (list), ==, 0);
}

static char *
put_person (KapStore   *store,
            const char *name,
            const char *original,
            int         minute)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"type\":\"person\",\"name_stated\":\"%s\"%s%s%s,"
                          " \"updated_at\":\"2025-03-15T09:%02d:00Z\"}",
                          name, original ? ",\"name_original\":\"" : "",
                          original ? original : "", original ? "\"" : "", minute);
  return put (store, json);
}

static char *
put_screening (KapStore   *store,
               const char *person_id,
               int         minute)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"type\":\"screening\",\"person_id\":\"%s\",\"status\":\"draft\","
                          " \"updated_at\":\"2025-03-15T09:%02d:00Z\"}", person_id, minute);
  return put (store, json);
}

static void
test_search_ranked (StoreFixture  *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapRecordList) list = NULL;
  g_autofree char *exact = put_person (fixture->store, "Petrovich", NULL, 1);
  g_autofree char *cyrillic = put_person (fixture->store, "Драган Петровић", NULL, 2);
  g_autofree char *latin = put_person (fixture->store, "Marko Petrović", "Марко Петровић", 3);
  g_autofree char *other = put_person (fixture->store, "Milica Jovanović", NULL, 4);
  g_autofree char *found = NULL;

  list = kap_record_list_new (fixture->store, &error);
  g_assert_no_error (error);

  /* “petrovich” finds both spellings of Petrović, as the duplicate check
   * would, after the one spelled just so; among equal matches the newest
   * change comes first. */
  set_text (list, "petrovich");
  found = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==, "person/Petrovich, person/Marko Petrović, person/Драган Петровић");

  /* The whole name first, however recent the others. */
  set_text (list, "Dragan Petrović");
  g_clear_pointer (&found, g_free);
  found = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==, "person/Драган Петровић");

  /* The word itself before a longer word it begins. */
  set_text (list, "petrovic");
  g_clear_pointer (&found, g_free);
  found = titles (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==, "person/Marko Petrović, person/Драган Петровић, person/Petrovich");
  g_assert_nonnull (other);
  g_assert_nonnull (latin);
  g_assert_nonnull (cyrillic);
  g_assert_nonnull (exact);
}

static char *
grouped (GListModel *model)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (model, i);

      g_string_append_printf (out, "%s%s%s/%s", i ? ", " : "",
                              kap_record_summary_get_nested (summary) ? "  " : "",
                              kap_record_summary_get_doc_type (summary),
                              kap_record_summary_get_title (summary));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_group_by_person (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapRecordList) list = NULL;
  g_autofree char *fatima = put_person (fixture->store, "Fatima Rahimi", "فاطمه رحیمی", 1);
  g_autofree char *ardit = put_person (fixture->store, "Ardit Krasniqi", NULL, 2);
  g_autofree char *first = put_screening (fixture->store, fatima, 3);
  g_autofree char *second = put_screening (fixture->store, fatima, 5);
  g_autofree char *his = put_screening (fixture->store, ardit, 4);
  g_autofree char *nobody = put (fixture->store,
    "{\"type\":\"interpreter_session\",\"updated_at\":\"2025-03-15T09:06:00Z\"}");
  g_autofree char *found = NULL;
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;

  list = kap_record_list_new (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_false (kap_record_list_get_group_by_person (list));

  kap_record_list_set_group_by_person (list, TRUE);
  g_assert_true (kap_record_list_get_group_by_person (list));

  /* Each person once, their records under them, newest first; groups in
   * the order of their newest change; a record about nobody alone. */
  found = grouped (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==,
                   "interpreter_session/, "
                   "person/Fatima Rahimi,   screening/Fatima Rahimi,   screening/Fatima Rahimi, "
                   "person/Ardit Krasniqi,   screening/Ardit Krasniqi");

  /* A search keeps the groups and ranks them. */
  set_text (list, "Ardit Krasniqi");
  g_clear_pointer (&found, g_free);
  found = grouped (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==, "person/Ardit Krasniqi,   screening/Ardit Krasniqi");

  /* Without the person's row, the screenings are not under anything. */
  filter.type = "screening";
  kap_record_list_set_filter (list, &filter);
  g_clear_pointer (&found, g_free);
  found = grouped (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==, "screening/Fatima Rahimi, screening/Fatima Rahimi, screening/Ardit Krasniqi");

  /* Off again: newest first. */
  kap_record_list_set_group_by_person (list, FALSE);
  filter.type = NULL;
  kap_record_list_set_filter (list, &filter);
  g_clear_pointer (&found, g_free);
  found = grouped (G_LIST_MODEL (list));
  g_assert_cmpstr (found, ==,
                   "interpreter_session/, screening/Fatima Rahimi, screening/Ardit Krasniqi, "
                   "screening/Fatima Rahimi, person/Ardit Krasniqi, person/Fatima Rahimi");
  g_assert_nonnull (first);
  g_assert_nonnull (second);
  g_assert_nonnull (his);
  g_assert_nonnull (nobody);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)

  ADD ("/record-list/list-and-search", test_list_and_search);
  ADD ("/record-list/filters", test_filters);
  ADD ("/record-list/follows-store", test_follows_store);
  ADD ("/record-list/search-ranked", test_search_ranked);
  ADD ("/record-list/group-by-person", test_group_by_person);

  return g_test_run ();
}
