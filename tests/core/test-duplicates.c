/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "kap-duplicates.h"
#include "kap-name-key.h"
#include "kap-test-store-fixture.h"

/* Synthetic persons only. */
static void
add (KapPersonIndex *index,
     const char     *id,
     const char     *name_stated,
     const char     *name_original,
     const char     *date_of_birth,
     int             age_estimated,
     const char     *age_date,
     const char     *nationality)
{
  KapPersonQuery person = KAP_PERSON_QUERY_INIT;

  person.name_stated = name_stated;
  person.name_original = name_original;
  person.date_of_birth = date_of_birth;
  person.age_estimated = age_estimated;
  person.age_date = age_date;
  person.nationality = nationality;
  kap_person_index_add (index, id, &person);
}

static KapPersonIndex *
sample_index (void)
{
  KapPersonIndex *index = kap_person_index_new ();

  add (index, "person:milica", "Milica Jovanović", NULL, "1995-03-14", -1, NULL, "SRB");
  add (index, "person:milica-p", "Milica Petrović", NULL, "1995-03-14", -1, NULL, "SRB");
  add (index, "person:milena", "Milena Jovanović", NULL, "1997-08-02", -1, NULL, "SRB");
  add (index, "person:arben", "Arben Krasniqi", NULL, "1988-07-01", -1, NULL, "XKX");
  add (index, "person:ahmed", "Ahmed Al-Hassan", "أحمد الحسن", NULL, 30, "2024-05-01T09:30:00Z", "SYR");
  add (index, "person:ayse", "Ayşe Yılmaz", NULL, "1990-01-01", -1, NULL, "TUR");
  add (index, "person:mohammed", "Mohammed Ahmadi", "محمد احمدی", "2001-06-01", -1, NULL, "AFG");
  add (index, "person:fatima", "Fatima Noori", "فاطمه نوری", NULL, 17, "2025-02-01", "AFG");
  add (index, "person:ljubica", "Љубица Његош", NULL, "1979-12-30", -1, NULL, "MNE");

  return index;
}

static const KapPersonMatch *
match_at (GPtrArray *matches,
          guint      i)
{
  g_assert_cmpuint (matches->len, >, i);
  return g_ptr_array_index (matches, i);
}

static gboolean
has_id (GPtrArray  *matches,
        const char *id)
{
  for (guint i = 0; i < matches->len; i++)
    if (g_strcmp0 (((KapPersonMatch *) g_ptr_array_index (matches, i))->id, id) == 0)
      return TRUE;
  return FALSE;
}

static void
test_cyrillic_query_finds_latin (void)
{
  g_autoptr(KapPersonIndex) index = sample_index ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) matches = NULL;
  g_autofree char *text = NULL;
  const KapPersonMatch *match;

  query.name_stated = "Милица Јовановић";
  query.date_of_birth = "1995-03-14";
  query.nationality = "srb";
  matches = kap_person_index_find_matches (index, &query, 10);

  match = match_at (matches, 0);
  g_assert_cmpstr (match->id, ==, "person:milica");
  g_assert_cmpint (match->reasons, ==, KAP_PERSON_MATCH_NAME_SAME | KAP_PERSON_MATCH_DOB_SAME |
                                       KAP_PERSON_MATCH_NATIONALITY_SAME);
  g_assert_cmpstr (match->matched_name, ==, "Milica Jovanović");
  g_assert_cmpfloat (match->score, >, 0.99);

  text = kap_person_match_describe (match);
  g_assert_cmpstr (text, ==, "Same name (Milica Jovanović), same date of birth, same nationality");

  /* Same birth date and nationality, another family name: not a match;
   * nor the sister with a similar first name. */
  g_assert_false (has_id (matches, "person:milica-p"));
  g_assert_false (has_id (matches, "person:milena"));
  g_assert_cmpuint (matches->len, ==, 1);
}

static void
test_reasons (void)
{
  g_autoptr(KapPersonIndex) index = sample_index ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) within = NULL;
  g_autoptr(GPtrArray) variant = NULL;
  g_autoptr(GPtrArray) arabic = NULL;
  g_autoptr(GPtrArray) latin = NULL;
  g_autoptr(GPtrArray) ljubica = NULL;
  g_autofree char *text = NULL;
  g_autofree char *text2 = NULL;

  /* A date of birth off by a few months. */
  query.name_stated = "Milica Jovanovic";
  query.date_of_birth = "1995-09-01";
  within = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpstr (match_at (within, 0)->id, ==, "person:milica");
  g_assert_cmpint (match_at (within, 0)->reasons, ==,
                   KAP_PERSON_MATCH_NAME_SAME | KAP_PERSON_MATCH_DOB_WITHIN_YEAR);
  text = kap_person_match_describe (match_at (within, 0));
  g_assert_cmpstr (text, ==, "Same name (Milica Jovanović), born within a year");

  /* A spelling variant in another order, with an estimated age. */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "AHMADI Muhammad";
  query.age_estimated = 24;
  query.age_date = "2025-03-01";
  query.nationality = "AFG";
  variant = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (variant->len, ==, 1);
  g_assert_cmpstr (match_at (variant, 0)->id, ==, "person:mohammed");
  g_assert_cmpint (match_at (variant, 0)->reasons, ==,
                   KAP_PERSON_MATCH_NAME_SIMILAR | KAP_PERSON_MATCH_AGE_BAND_SAME |
                   KAP_PERSON_MATCH_NATIONALITY_SAME);
  text2 = kap_person_match_describe (match_at (variant, 0));
  g_assert_true (g_str_has_prefix (text2, "Similar name ("));
  g_assert_true (g_str_has_suffix (text2, "), similar age, same nationality"));

  /* The original script finds the record by its Arabic name... */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_original = "أحمد الحسن";
  arabic = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpstr (match_at (arabic, 0)->id, ==, "person:ahmed");
  g_assert_true (match_at (arabic, 0)->reasons & KAP_PERSON_MATCH_NAME_SAME);
  g_assert_cmpstr (match_at (arabic, 0)->matched_name, ==, "أحمد الحسن");

  /* ...and a Latin spelling without the article meets it too, helped by
   * the age (30 in May 2024, about 31 in 2025). */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Ahmad Hasan";
  query.age_estimated = 31;
  query.age_date = "2025-01-10";
  latin = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpstr (match_at (latin, 0)->id, ==, "person:ahmed");
  g_assert_cmpint (match_at (latin, 0)->reasons, ==,
                   KAP_PERSON_MATCH_NAME_SIMILAR | KAP_PERSON_MATCH_AGE_BAND_SAME);

  /* Serbian Latin digraphs against a Cyrillic record. */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Ljubica Njegoš";
  query.nationality = "MNE";
  ljubica = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpstr (match_at (ljubica, 0)->id, ==, "person:ljubica");
  g_assert_cmpstr (match_at (ljubica, 0)->matched_name, ==, "Љубица Његош");
}

static void
test_not_matches (void)
{
  g_autoptr(KapPersonIndex) index = sample_index ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) brother = NULL;
  g_autoptr(GPtrArray) alone = NULL;
  g_autoptr(GPtrArray) with_nationality = NULL;
  g_autoptr(GPtrArray) wrong_age = NULL;
  g_autoptr(GPtrArray) nothing = NULL;

  /* A different person born the same day, same nationality. */
  query.name_stated = "Marko Jovanović";
  query.date_of_birth = "1995-03-14";
  query.nationality = "SRB";
  brother = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (brother->len, ==, 0);

  /* A similar name alone is not enough... */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Arben Krasnici";
  alone = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (alone->len, ==, 0);

  /* ...a second sign makes it one. */
  query.nationality = "XKX";
  with_nationality = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (with_nationality->len, ==, 1);
  g_assert_cmpint (match_at (with_nationality, 0)->reasons, ==,
                   KAP_PERSON_MATCH_NAME_SIMILAR | KAP_PERSON_MATCH_NATIONALITY_SAME);

  /* An age far from the record's and another nationality: no sign. */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Fatema Noori";
  query.age_estimated = 40;
  query.nationality = "IRN";
  wrong_age = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (wrong_age->len, ==, 0);

  /* No name, nothing to compare. */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.date_of_birth = "1995-03-14";
  query.nationality = "SRB";
  nothing = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (nothing->len, ==, 0);
}

static void
test_ranking (void)
{
  g_autoptr(KapPersonIndex) index = kap_person_index_new ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GPtrArray) top_two = NULL;

  /* Added in the reverse of the expected order. */
  add (index, "person:d", "Милица Јовановић", NULL, "1970-01-01", -1, NULL, "BIH");
  add (index, "person:c", "Milica Jovanovich", NULL, NULL, -1, NULL, "SRB");
  add (index, "person:b", "Jovanović Milica", NULL, "1995-10-01", -1, NULL, "SRB");
  add (index, "person:a", "Milica Jovanović", NULL, "1995-03-14", -1, NULL, "SRB");
  add (index, "person:x", "Milica Petrović", NULL, "1995-03-14", -1, NULL, "SRB");

  query.name_stated = "Milica Jovanović";
  query.date_of_birth = "1995-03-14";
  query.nationality = "SRB";
  matches = kap_person_index_find_matches (index, &query, 0);

  g_assert_cmpuint (matches->len, ==, 4);
  g_assert_cmpstr (match_at (matches, 0)->id, ==, "person:a");   /* all signals */
  g_assert_cmpstr (match_at (matches, 1)->id, ==, "person:b");   /* born within a year */
  g_assert_cmpstr (match_at (matches, 2)->id, ==, "person:c");   /* variant, birth unknown */
  g_assert_cmpstr (match_at (matches, 3)->id, ==, "person:d");   /* same name only, born far apart */
  for (guint i = 1; i < matches->len; i++)
    g_assert_cmpfloat (match_at (matches, i - 1)->score, >, match_at (matches, i)->score);
  g_assert_cmpint (match_at (matches, 3)->reasons, ==, KAP_PERSON_MATCH_NAME_SAME);

  top_two = kap_person_index_find_matches (index, &query, 2);
  g_assert_cmpuint (top_two->len, ==, 2);
  g_assert_cmpstr (match_at (top_two, 1)->id, ==, "person:b");
}

static void
test_incremental (void)
{
  g_autoptr(KapPersonIndex) index = sample_index ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) moved = NULL;
  g_autoptr(GPtrArray) excluded = NULL;

  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 9);

  query.name_stated = "Ayse Yilmaz";
  query.date_of_birth = "1990-01-01";
  before = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (before->len, ==, 1);

  g_assert_true (kap_person_index_remove (index, "person:ayse"));
  g_assert_false (kap_person_index_remove (index, "person:ayse"));
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 8);
  after = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (after->len, ==, 0);

  /* Adding an id again replaces the person. */
  add (index, "person:arben", "Ayşe Yılmaz", NULL, "1990-01-01", -1, NULL, "TUR");
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 8);
  moved = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (moved->len, ==, 1);
  g_assert_cmpstr (match_at (moved, 0)->id, ==, "person:arben");

  /* The person being edited is not its own duplicate. */
  query.exclude_id = "person:arben";
  excluded = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (excluded->len, ==, 0);
}

static void
test_compaction (void)
{
  g_autoptr(KapPersonIndex) index = kap_person_index_new ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) matches = NULL;
  const char *given[] = { "Arben", "Besnik", "Drita", "Milica", "Marko", "Ahmad", "Fatima", "Ayşe" };
  const char *family[] = { "Krasniqi", "Hoxha", "Jovanović", "Petrović", "Ahmadi", "Yılmaz", "Karimi" };

  for (guint i = 0; i < 3000; i++)
    {
      g_autofree char *id = g_strdup_printf ("person:%04u", i);
      g_autofree char *name = g_strdup_printf ("%s %s", given[i % G_N_ELEMENTS (given)],
                                               family[i % G_N_ELEMENTS (family)]);
      g_autofree char *dob = g_strdup_printf ("%04u-%02u-%02u", 1950 + i % 60, 1 + i % 12, 1 + i % 28);

      add (index, id, name, NULL, dob, -1, NULL, "AFG");
    }
  /* Remove two thirds: the index renumbers its slots on the way. */
  for (guint i = 0; i < 3000; i++)
    if (i % 3 != 0)
      {
        g_autofree char *id = g_strdup_printf ("person:%04u", i);

        g_assert_true (kap_person_index_remove (index, id));
      }
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 1000);

  /* person:0051 (Milica Jovanović, 2001-04-24) survived, as did every
   * third namesake; the others are gone. */
  query.name_stated = "Milica Jovanovic";
  query.date_of_birth = "2001-04-24";
  matches = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpstr (match_at (matches, 0)->id, ==, "person:0051");
  g_assert_cmpuint (matches->len, >, 1);
  g_assert_cmpint (match_at (matches, 0)->reasons & KAP_PERSON_MATCH_DOB_SAME, !=, 0);
  for (guint i = 0; i < matches->len; i++)
    {
      const char *id = match_at (matches, i)->id;

      g_assert_cmpint (atoi (id + strlen ("person:")) % 3, ==, 0);
    }
}

static gpointer
writer_thread (gpointer data)
{
  KapPersonIndex *index = data;

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *id = g_strdup_printf ("person:w%u", i);

      add (index, id, "Besnik Hoxha", NULL, "1980-02-02", -1, NULL, "ALB");
      if (i % 2)
        kap_person_index_remove (index, id);
    }

  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(KapPersonIndex) index = sample_index ();
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  GThread *writer = g_thread_new ("writer", writer_thread, index);

  query.name_stated = "Milica Jovanović";
  query.nationality = "SRB";
  for (guint i = 0; i < 200; i++)
    {
      g_autoptr(GPtrArray) matches = kap_person_index_find_matches (index, &query, 0);

      g_assert_cmpuint (matches->len, ==, 1);
    }
  g_thread_join (writer);
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 9 + 1000);
}

static void
put_person (KapStore   *store,
            const char *json)
{
  g_autoptr(KapDocument) document = test_document (NULL, json);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = kap_store_put (store, document, &error);

  g_assert_no_error (error);
}

static void
test_load_from_store (StoreFixture  *fixture,
                      gconstpointer  data)
{
  g_autoptr(KapPersonIndex) index = NULL;
  g_autoptr(KapDocument) gone = test_document (NULL, "{\"type\":\"person\",\"name_stated\":\"Drita Hoxha\",\"nationality\":\"ALB\"}");
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *deleted = NULL;
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) milica = NULL;
  g_autoptr(GPtrArray) ahmed = NULL;
  g_autoptr(GPtrArray) drita = NULL;
  g_autoptr(GPtrArray) screening = NULL;

  put_person (fixture->store, "{\"type\":\"person\",\"name_stated\":\"Milica Jovanović\","
              "\"name_original\":\"Милица Јовановић\",\"date_of_birth\":\"1995-03-14\",\"nationality\":\"SRB\"}");
  put_person (fixture->store, "{\"type\":\"person\",\"name_stated\":\"Ahmed Al-Hassan\","
              "\"name_original\":\"أحمد الحسن\",\"age_estimated\":30,"
              "\"created_at\":\"2024-05-01T09:30:00Z\",\"nationality\":\"SYR\"}");
  put_person (fixture->store, "{\"type\":\"person\",\"name_stated\":\"Ayşe Yılmaz\"}");
  /* Not persons: a screening that mentions a name. */
  put_person (fixture->store, "{\"type\":\"screening\",\"name_stated\":\"Besnik Hoxha\",\"nationality\":\"ALB\"}");
  /* A deleted person. */
  rev = kap_store_put (fixture->store, gone, &error);
  g_assert_no_error (error);
  deleted = kap_store_delete (fixture->store, kap_document_get_id (gone), rev, &error);
  g_assert_no_error (error);

  index = kap_person_index_load (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 3);

  query.name_stated = "Milica Jovanovic";
  query.date_of_birth = "1995-03-14";
  milica = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (milica->len, ==, 1);
  g_assert_true (g_str_has_prefix (match_at (milica, 0)->id, "person:"));

  /* age_estimated counts from created_at: 30 in 2024 is born about 1994. */
  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Ahmad Hasan";
  query.date_of_birth = "1993-11-20";
  ahmed = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (ahmed->len, ==, 1);
  g_assert_cmpint (match_at (ahmed, 0)->reasons, ==,
                   KAP_PERSON_MATCH_NAME_SIMILAR | KAP_PERSON_MATCH_AGE_BAND_SAME);

  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Drita Hoxha";
  query.nationality = "ALB";
  drita = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (drita->len, ==, 0);

  query.name_stated = "Besnik Hoxha";
  screening = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (screening->len, ==, 0);

  /* The deleted document, handed over again (as the changes feed would),
   * stays out; a non-person is refused. */
  {
    g_autoptr(KapDocument) tombstone = kap_store_get (fixture->store, kap_document_get_id (gone), NULL,
                                                      KAP_STORE_GET_DELETED, &error);
    g_autoptr(KapDocument) other = test_document ("screening:1", "{\"type\":\"screening\"}");

    g_assert_no_error (error);
    g_assert_true (kap_document_get_deleted (tombstone));
    g_assert_false (kap_person_index_add_document (index, other));
    g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 3);
  }

  g_assert_finalize_object (g_steal_pointer (&index));
}

static void
fill_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GError **error = user_data;

  g_assert_true (kap_person_index_fill_finish (KAP_PERSON_INDEX (source), result, error) ||
                 *error != NULL);
  if (*error == NULL)
    g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_EXISTS, "done");
}


typedef struct
{
  GMutex   mutex;
  GCond    cond;
  gboolean last;
} LastRef;

static void
last_ref_cb (gpointer  data,
             GObject  *object,
             gboolean  is_last_ref)
{
  LastRef *last_ref = data;

  g_mutex_lock (&last_ref->mutex);
  last_ref->last = is_last_ref;
  g_cond_signal (&last_ref->cond);
  g_mutex_unlock (&last_ref->mutex);
}

/* Waits until the caller's reference to @object is the only one left:
 * the caller's becomes a toggle reference, whose notification (from
 * whichever thread drops the other) is the event waited for. */
static void
wait_only_reference (gpointer object)
{
  LastRef last_ref = { .last = FALSE };

  g_mutex_init (&last_ref.mutex);
  g_cond_init (&last_ref.cond);
  g_object_add_toggle_ref (object, last_ref_cb, &last_ref);
  g_object_unref (object);

  g_mutex_lock (&last_ref.mutex);
  while (!last_ref.last && G_OBJECT (object)->ref_count > 1)
    g_cond_wait (&last_ref.cond, &last_ref.mutex);
  g_mutex_unlock (&last_ref.mutex);

  g_object_ref (object);
  g_object_remove_toggle_ref (object, last_ref_cb, &last_ref);
  g_mutex_clear (&last_ref.mutex);
  g_cond_clear (&last_ref.cond);
}

static void
test_fill_in_background (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(KapPersonIndex) index = kap_person_index_new ();
  g_autoptr(KapDocument) milica = test_document ("person:milica",
    "{\"type\":\"person\",\"name_stated\":\"Milica Jovanović\",\"nationality\":\"SRB\"}");
  g_autoptr(GError) done = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL;
  KapPersonQuery query = KAP_PERSON_QUERY_INIT;
  g_autoptr(GPtrArray) old_name = NULL;
  g_autoptr(GPtrArray) new_name = NULL;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"type\":\"person\",\"name_stated\":\"Arben Krasniqi %u\"}", i);
      put_person (fixture->store, json);
    }
  rev = kap_store_put (fixture->store, milica, &error);
  g_assert_no_error (error);

  /* The index already knows a newer version of one person (a change
   * that came in through the store's signal since start-up): the
   * background load must not put the older one back. */
  query.name_stated = "Милица Петровић";
  query.nationality = "SRB";
  kap_person_index_add (index, "person:milica", &query);

  kap_person_index_fill_async (index, fixture->store, NULL, fill_done_cb, &done);
  while (done == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (done, G_IO_ERROR, G_IO_ERROR_EXISTS);

  /* The worker drops its task (and the task its store) just after the
   * result is delivered; the fixture checks the store is finalized. */
  wait_only_reference (fixture->store);

  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 201);

  query = (KapPersonQuery) KAP_PERSON_QUERY_INIT;
  query.name_stated = "Milica Jovanović";
  old_name = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (old_name->len, ==, 0);
  query.name_stated = "Milica Petrović";
  new_name = kap_person_index_find_matches (index, &query, 0);
  g_assert_cmpuint (new_name->len, ==, 1);
}

static void
test_describe (void)
{
  KapPersonMatch match = { 0 };
  g_autofree char *similar = NULL;
  g_autofree char *bare = NULL;
  g_autoptr(KapPersonMatch) copy = NULL;

  match.id = (char *) "person:x";
  match.matched_name = (char *) "Милица Јовановић";
  match.reasons = KAP_PERSON_MATCH_NAME_SIMILAR | KAP_PERSON_MATCH_DOB_WITHIN_YEAR |
                  KAP_PERSON_MATCH_NATIONALITY_SAME;
  similar = kap_person_match_describe (&match);
  g_assert_cmpstr (similar, ==, "Similar name (Милица Јовановић), born within a year, same nationality");

  copy = kap_person_match_copy (&match);
  g_assert_cmpstr (copy->matched_name, ==, match.matched_name);
  g_assert_true (copy->matched_name != match.matched_name);

  match.matched_name = NULL;
  match.reasons = KAP_PERSON_MATCH_NAME_SAME;
  bare = kap_person_match_describe (&match);
  g_assert_cmpstr (bare, ==, "Same name");
}

int
main (int   argc,
      char *argv[])
{
  /* The reason texts are compared in English. */
  g_unsetenv ("LANGUAGE");
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/duplicates/find/cyrillic-finds-latin", test_cyrillic_query_finds_latin);
  g_test_add_func ("/duplicates/find/reasons", test_reasons);
  g_test_add_func ("/duplicates/find/not-matches", test_not_matches);
  g_test_add_func ("/duplicates/find/ranking", test_ranking);
  g_test_add_func ("/duplicates/index/incremental", test_incremental);
  g_test_add_func ("/duplicates/index/compaction", test_compaction);
  g_test_add_func ("/duplicates/index/threads", test_threads);
  g_test_add ("/duplicates/index/load-from-store", StoreFixture, NULL,
              store_fixture_set_up, test_load_from_store, store_fixture_tear_down);
  g_test_add ("/duplicates/index/fill-in-background", StoreFixture, NULL,
              store_fixture_set_up, test_fill_in_background, store_fixture_tear_down);
  g_test_add_func ("/duplicates/describe", test_describe);

  return g_test_run ();
}
