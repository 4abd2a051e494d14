/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-profiles.h"
#include "kap-record.h"
#include "kap-test-store-fixture.h"

static void
test_profiles_empty (StoreFixture  *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;

  profiles = kap_profiles_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (profiles);
  g_assert_cmpuint (profiles->len, ==, 0);
}

static void
test_profiles_save_list (StoreFixture  *fixture,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(KapStore) reopened = NULL;
  KapProfile milica = { (char *) "OFF-017", (char *) "Милица Јовановић", KAP_ROLE_SUPERVISOR };
  KapProfile arben = { (char *) "OFF-003", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile ahmed = { (char *) "OFF-021", (char *) "أحمد الحسن", KAP_ROLE_OFFICER };
  KapProfile *p;

  g_assert_true (kap_profiles_save (fixture->store, &milica, &error));
  g_assert_no_error (error);
  g_assert_true (kap_profiles_save (fixture->store, &arben, &error));
  g_assert_no_error (error);
  g_assert_true (kap_profiles_save (fixture->store, &ahmed, &error));
  g_assert_no_error (error);

  /* Kept in the store: a reopened store lists them, by display name. */
  g_clear_object (&fixture->store);
  reopened = kap_store_open (fixture->path, KAP_STORE_OPEN_NONE, &error);
  g_assert_no_error (error);

  profiles = kap_profiles_list (reopened, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 3);

  p = g_ptr_array_index (profiles, 0);
  g_assert_cmpstr (p->code, ==, "OFF-003");
  g_assert_cmpstr (p->display_name, ==, "Arben Krasniqi");
  g_assert_cmpint (p->role, ==, KAP_ROLE_OFFICER);

  for (guint i = 0; i < profiles->len; i++)
    {
      p = g_ptr_array_index (profiles, i);
      if (g_str_equal (p->code, "OFF-017"))
        {
          g_assert_cmpstr (p->display_name, ==, "Милица Јовановић");
          g_assert_cmpint (p->role, ==, KAP_ROLE_SUPERVISOR);
        }
    }

  /* Profiles are _local: not records, not in the changes feed. */
  g_assert_cmpuint (kap_store_count (reopened, NULL, &error), ==, 0);
  g_assert_cmpint (kap_store_get_last_seq (reopened), ==, 0);

  fixture->store = g_steal_pointer (&reopened);
}

static void
test_profiles_replace_remove (StoreFixture  *fixture,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(KapProfile) copy = NULL;
  KapProfile ayse = { (char *) "OFF-044", (char *) "Ayşe Yılmaz", KAP_ROLE_OFFICER };
  KapProfile *p;

  g_assert_true (kap_profiles_save (fixture->store, &ayse, &error));
  g_assert_no_error (error);

  /* The same code again replaces the profile. */
  ayse.role = KAP_ROLE_SUPERVISOR;
  ayse.display_name = (char *) "  Ayşe Yılmaz-Demir ";
  g_assert_true (kap_profiles_save (fixture->store, &ayse, &error));
  g_assert_no_error (error);

  profiles = kap_profiles_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 1);
  p = g_ptr_array_index (profiles, 0);
  g_assert_cmpstr (p->display_name, ==, "Ayşe Yılmaz-Demir");
  g_assert_cmpint (p->role, ==, KAP_ROLE_SUPERVISOR);

  copy = kap_profile_copy (p);
  g_assert_cmpstr (copy->code, ==, "OFF-044");
  g_assert_true (copy->code != p->code);

  g_assert_false (kap_profiles_remove (fixture->store, "OFF-999", &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_true (kap_profiles_remove (fixture->store, "OFF-044", &error));
  g_assert_no_error (error);
  after = kap_profiles_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 0);
}

static void
test_profiles_invalid (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) profiles = NULL;
  KapProfile bad_code = { (char *) "OFF 1", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile no_code = { (char *) "", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };
  KapProfile no_name = { (char *) "OFF-1", (char *) "   ", KAP_ROLE_OFFICER };
  KapProfile bad_role = { (char *) "OFF-1", (char *) "Arben Krasniqi", (KapRole) 7 };

  g_assert_false (kap_profiles_save (fixture->store, &bad_code, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kap_profiles_save (fixture->store, &no_code, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kap_profiles_save (fixture->store, &no_name, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (kap_profiles_save (fixture->store, &bad_role, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  profiles = kap_profiles_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 0);
}

static void
test_profiles_damaged (StoreFixture  *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) damaged = test_object ("{\"profiles\": [1, 2]}");
  g_autoptr(JsonObject) unknown = test_object ("{\"profiles\": {\"OFF-1\": {\"display_name\": \"X\", \"role\": \"admin\"},"
                                               " \"OFF-2\": {\"display_name\": \"Arben Krasniqi\", \"role\": \"officer\"}}}");
  g_autoptr(GPtrArray) profiles = NULL;
  g_autofree char *rev = NULL;
  g_autofree char *rev2 = NULL;
  KapProfile arben = { (char *) "OFF-3", (char *) "Arben Krasniqi", KAP_ROLE_OFFICER };

  rev = kap_store_put_local (fixture->store, "kapija-profiles", damaged, &error);
  g_assert_no_error (error);

  /* A document of another shape is never overwritten. */
  g_assert_null (kap_profiles_list (fixture->store, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);
  g_assert_false (kap_profiles_save (fixture->store, &arben, &error));
  g_assert_error (error, KAP_STORE_ERROR, KAP_STORE_ERROR_CORRUPT);
  g_clear_error (&error);

  /* An entry with an unknown role is skipped; the others are listed. */
  rev2 = kap_store_put_local (fixture->store, "kapija-profiles", unknown, &error);
  g_assert_no_error (error);
  profiles = kap_profiles_list (fixture->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (profiles->len, ==, 1);
  g_assert_cmpstr (((KapProfile *) g_ptr_array_index (profiles, 0))->code, ==, "OFF-2");
}

static void
test_profiles_roles (void)
{
  g_assert_true (kap_role_can_supervise (KAP_ROLE_SUPERVISOR));
  g_assert_false (kap_role_can_supervise (KAP_ROLE_OFFICER));
}

static void
test_record_review (void)
{
  g_autoptr(JsonObject) body = test_object ("{\"type\": \"screening\", \"status\": \"final\","
                                            " \"updated_by\": \"OFF-003\", \"updated_at\": \"2025-01-01T00:00:00Z\","
                                            " \"created_by\": \"OFF-003\"}");
  g_autoptr(KapDocument) record = kap_document_new ("screening:1", body);
  g_autoptr(JsonObject) draft_body = test_object ("{\"type\": \"screening\", \"status\": \"draft\"}");
  g_autoptr(KapDocument) draft = kap_document_new ("screening:2", draft_body);
  KapRecordAuthor supervisor = { "OFF-017", "RS-PRE", "dev" };
  JsonObject *b;

  g_assert_true (kap_record_review (record, &supervisor));
  b = kap_document_get_body (record);
  g_assert_cmpstr (json_object_get_string_member (b, "status"), ==, "reviewed");
  g_assert_cmpstr (json_object_get_string_member (b, "updated_by"), ==, "OFF-017");
  g_assert_cmpstr (json_object_get_string_member (b, "created_by"), ==, "OFF-003");
  g_assert_cmpstr (json_object_get_string_member (b, "updated_at"), !=, "2025-01-01T00:00:00Z");

  /* Only a final record is reviewed, and only once. */
  g_assert_false (kap_record_review (record, &supervisor));
  g_assert_false (kap_record_review (draft, &supervisor));
  g_assert_cmpstr (json_object_get_string_member (kap_document_get_body (draft), "status"), ==, "draft");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/profiles/empty", StoreFixture, NULL,
              store_fixture_set_up, test_profiles_empty, store_fixture_tear_down);
  g_test_add ("/profiles/save-list", StoreFixture, NULL,
              store_fixture_set_up, test_profiles_save_list, store_fixture_tear_down);
  g_test_add ("/profiles/replace-remove", StoreFixture, NULL,
              store_fixture_set_up, test_profiles_replace_remove, store_fixture_tear_down);
  g_test_add ("/profiles/invalid", StoreFixture, NULL,
              store_fixture_set_up, test_profiles_invalid, store_fixture_tear_down);
  g_test_add ("/profiles/damaged", StoreFixture, NULL,
              store_fixture_set_up, test_profiles_damaged, store_fixture_tear_down);
  g_test_add_func ("/profiles/roles", test_profiles_roles);
  g_test_add_func ("/record/review", test_record_review);

  return g_test_run ();
}
