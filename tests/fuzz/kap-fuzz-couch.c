/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz"

#include "config.h"

#include "kap-json.h"
#include "kap-store.h"
#include "kap-fuzz-couch.h"

JsonNode *
kap_fuzz_parse_reply (const uint8_t *data,
                      size_t         size)
{
  return kap_json_parse ((const char *) data, size, NULL, NULL);
}

void
kap_fuzz_check_malformed (gconstpointer  result,
                          const GError  *error)
{
  if (result != NULL)
    {
      g_assert_no_error (error);
      return;
    }

  g_assert_true (g_error_matches (error, KAP_SYNC_ERROR, KAP_SYNC_ERROR_MALFORMED));
  g_assert_true (error->message != NULL && *error->message != '\0');
}

void
kap_fuzz_check_revisions (GPtrArray  *revisions,
                          const char *asked_id)
{
  if (revisions == NULL)
    return;

  for (guint i = 0; i < revisions->len; i++)
    {
      const KapCouchRevision *revision = g_ptr_array_index (revisions, i);

      switch (revision->status)
        {
        case KAP_COUCH_REVISION_OK:
          {
            g_autoptr(GError) error = NULL;
            g_autofree char *json = NULL;

            g_assert_nonnull (revision->document);
            g_assert_null (revision->error);
            g_assert_nonnull (kap_document_get_ancestry (revision->document));
            g_assert_cmpstr (kap_document_get_id (revision->document), ==, revision->id);
            if (asked_id != NULL)
              g_assert_cmpstr (revision->id, ==, asked_id);
            g_assert_true (kap_store_check_revision (revision->document, &error));
            g_assert_no_error (error);
            json = kap_document_to_json (revision->document);
            g_assert_true (g_utf8_validate (json, -1, NULL));
          }
          break;

        case KAP_COUCH_REVISION_REFUSED:
          g_assert_null (revision->document);
          g_assert_nonnull (revision->error);
          g_assert_nonnull (revision->error->message);
          break;

        case KAP_COUCH_REVISION_MISSING:
          g_assert_null (revision->document);
          g_assert_null (revision->error);
          break;

        default:
          g_assert_not_reached ();
        }
    }
}
