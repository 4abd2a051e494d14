/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-context.h"
#include "kap-test-store-fixture.h"

/* The one context of a running Kapija (core/kap-context.h). */

static void
notified_cb (GObject    *object,
             GParamSpec *pspec,
             guint      *count)
{
  (*count)++;
}

static void
test_holds (StoreFixture  *fixture,
            gconstpointer  data)
{
  g_autoptr(KapContext) context = kap_context_new (fixture->store, NULL, NULL);
  g_autoptr(KapFormRegistry) forms = kap_form_registry_new ();
  g_autoptr(KapContext) given = kap_context_new (fixture->store, forms, NULL);
  g_autoptr(KapContext) empty = kap_context_new (NULL, NULL, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (kap_context_get_store (context) == fixture->store);
  /* Without forms of its own, the shipped ones. */
  g_assert_nonnull (kap_form_registry_get_latest (kap_context_get_forms (context), "screening"));
  /* With a registry, that one, not a copy. */
  g_assert_true (kap_context_get_forms (given) == forms);
  g_assert_null (kap_context_get_settings (context));

  /* The person index is one, made once. */
  g_assert_nonnull (kap_context_get_person_index (context));
  g_assert_true (kap_context_get_person_index (context) == kap_context_get_person_index (context));
  g_assert_null (kap_context_get_person_index (empty));
  g_assert_null (kap_context_get_store (empty));

  g_assert_nonnull (kap_context_get_countries (context, &error));
  g_assert_no_error (error);
  g_assert_nonnull (kap_context_get_languages (context, &error));
  g_assert_no_error (error);

  g_object_unref (g_steal_pointer (&given));
  g_object_unref (g_steal_pointer (&context));
}

static void
test_profile_and_author (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(KapContext) context = kap_context_new (fixture->store, NULL, NULL);
  KapProfile officer = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile supervisor = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  g_autoptr(GError) error = NULL;
  KapRecordAuthor author;
  guint notified = 0;

  g_signal_connect (context, "notify::profile", G_CALLBACK (notified_cb), &notified);

  /* Nobody signed in: the placeholder author, no supervisor's work. */
  kap_context_get_author (context, &author);
  g_assert_cmpstr (author.officer, ==, "officer");
  g_assert_null (author.station);
  g_assert_cmpstr (author.device, ==, kap_store_get_device_id (fixture->store));
  g_assert_true (kap_context_check (context, KAP_RECORDS_ACTION_CAPTURE, &error));
  g_assert_false (kap_context_check (context, KAP_RECORDS_ACTION_SYNC, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN);
  g_clear_error (&error);

  kap_context_set_station (context, "RS-PRE");
  kap_context_set_profile (context, &officer);
  g_assert_cmpuint (notified, ==, 1);
  g_assert_cmpstr (kap_context_get_profile (context)->code, ==, "OFF-003");
  kap_context_get_author (context, &author);
  g_assert_cmpstr (author.officer, ==, "OFF-003");
  g_assert_cmpstr (author.station, ==, "RS-PRE");
  g_assert_false (kap_context_check (context, KAP_RECORDS_ACTION_RESOLVE, &error));
  g_assert_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED);
  g_clear_error (&error);

  kap_context_set_profile (context, &supervisor);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (kap_context_check (context, KAP_RECORDS_ACTION_SYNC, &error));
  g_assert_true (kap_context_check (context, KAP_RECORDS_ACTION_RESOLVE, &error));
  g_assert_no_error (error);

  kap_context_set_profile (context, NULL);
  g_assert_cmpuint (notified, ==, 3);
  g_assert_null (kap_context_get_profile (context));
  kap_context_set_profile (context, NULL);
  g_assert_cmpuint (notified, ==, 3);
}

/* The person index follows what is written to the store. */
static void
test_person_index_follows (StoreFixture  *fixture,
                           gconstpointer  data)
{
  g_autoptr(KapContext) context = kap_context_new (fixture->store, NULL, NULL);
  g_autoptr(KapDocument) person = test_document (NULL, "{\"type\":\"person\",\"name_stated\":\"Amina Haddad\"}");
  KapPersonIndex *index = kap_context_get_person_index (context);
  g_autoptr(GError) error = NULL;
  g_autofree char *rev = NULL, *gone = NULL;

  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 0);
  rev = kap_store_put (fixture->store, person, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 1);

  gone = kap_store_delete (fixture->store, kap_document_get_id (person), rev, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (kap_person_index_get_n_persons (index), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, StoreFixture, NULL, store_fixture_set_up, func, store_fixture_tear_down)
  ADD ("/context/holds", test_holds);
  ADD ("/context/profile-and-author", test_profile_and_author);
  ADD ("/context/person-index-follows", test_person_index_follows);
#undef ADD

  return g_test_run ();
}
