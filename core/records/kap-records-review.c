/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-records.h"
#include "kap-records-review.h"

/* Reviews that can be undone. A review is one revision on top of the
 * final record; its undo is another revision that makes the record final
 * again, never a rewind of the revision tree (the review may have been
 * seen by a list, and revisions are never taken back). The undo refuses
 * when anything came on top of the review, so that it takes back the
 * review and nothing else. */

void
kap_review_mark_free (KapReviewMark *mark)
{
  if (mark == NULL)
    return;

  g_free (mark->id);
  g_free (mark->rev);
  g_free (mark->updated_at);
  g_free (mark->updated_by);
  g_free (mark);
}

GPtrArray *
kap_records_review_all (KapStore               *store,
                        const KapProfile       *profile,
                        const KapRecordAuthor  *author,
                        const char * const     *ids,
                        GPtrArray             **partial,
                        GError                **error)
{
  g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_review_mark_free);

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);
  g_return_val_if_fail (partial == NULL || *partial == NULL, NULL);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_REVIEW, error))
    return NULL;

  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autoptr(KapDocument) before = NULL;
      g_autoptr(KapDocument) reviewed = NULL;
      KapReviewMark *mark;

      /* What the undo puts back. */
      before = kap_store_get (store, ids[i], NULL, KAP_STORE_GET_NONE, NULL);

      if (!kap_records_review (store, profile, author, ids[i], &local_error))
        {
          /* Reviewed meanwhile (or never final): nothing to do for it. */
          if (g_error_matches (local_error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS))
            continue;
          if (partial != NULL)
            *partial = g_steal_pointer (&marks);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      /* The revision just written: the undo must find it on top. */
      reviewed = kap_store_get (store, ids[i], NULL, KAP_STORE_GET_NONE, &local_error);
      if (reviewed == NULL)
        {
          if (partial != NULL)
            *partial = g_steal_pointer (&marks);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      mark = g_new0 (KapReviewMark, 1);
      mark->id = g_strdup (ids[i]);
      mark->rev = g_strdup (kap_document_get_rev (reviewed));
      if (before != NULL)
        {
          JsonObject *body = kap_document_get_body (before);

          mark->updated_at = g_strdup (json_object_get_string_member_with_default (body, "updated_at", NULL));
          mark->updated_by = g_strdup (json_object_get_string_member_with_default (body, "updated_by", NULL));
        }
      g_ptr_array_add (marks, mark);
    }

  return g_steal_pointer (&marks);
}

gboolean
kap_records_unreview (KapStore               *store,
                      const KapProfile       *profile,
                      const KapRecordAuthor  *author,
                      const KapReviewMark    *mark,
                      GError                **error)
{
  g_autoptr(KapDocument) document = NULL;
  g_autofree char *now = NULL;
  g_autofree char *rev = NULL;
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (mark != NULL && mark->id != NULL && mark->rev != NULL, FALSE);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_REVIEW, error))
    return FALSE;

  document = kap_store_get (store, mark->id, NULL, KAP_STORE_GET_NONE, error);
  if (document == NULL)
    return FALSE;

  if (g_strcmp0 (kap_record_get_status (document), KAP_RECORD_STATUS_REVIEWED) != 0 ||
      g_strcmp0 (kap_document_get_rev (document), mark->rev) != 0)
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS,
                           _("The record changed after it was marked reviewed; the review "
                             "cannot be undone"));
      return FALSE;
    }

  /* As it was before the review; a mark that does not know (made
   * elsewhere) stamps the undo as a change of @author's now. */
  body = kap_document_get_body (document);
  json_object_set_string_member (body, "status", KAP_RECORD_STATUS_FINAL);
  if (mark->updated_at != NULL)
    json_object_set_string_member (body, "updated_at", mark->updated_at);
  else
    {
      now = kap_record_timestamp_now ();
      json_object_set_string_member (body, "updated_at", now);
    }
  if (mark->updated_by != NULL)
    json_object_set_string_member (body, "updated_by", mark->updated_by);
  else if (author != NULL && author->officer != NULL && author->officer[0] != '\0')
    json_object_set_string_member (body, "updated_by", author->officer);

  rev = kap_store_put (store, document, error);

  return rev != NULL;
}

gboolean
kap_records_unreview_all (KapStore               *store,
                          const KapProfile       *profile,
                          const KapRecordAuthor  *author,
                          GPtrArray              *marks,
                          guint                  *n_undone,
                          GError                **error)
{
  g_autoptr(GError) first_error = NULL;
  guint undone = 0;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (marks != NULL, FALSE);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_REVIEW, error))
    {
      if (n_undone != NULL)
        *n_undone = 0;
      return FALSE;
    }

  /* One record changed since does not keep the others reviewed. */
  for (guint i = 0; i < marks->len; i++)
    {
      g_autoptr(GError) local_error = NULL;

      if (kap_records_unreview (store, profile, author, g_ptr_array_index (marks, i), &local_error))
        undone++;
      else if (first_error == NULL)
        first_error = g_steal_pointer (&local_error);
    }

  if (n_undone != NULL)
    *n_undone = undone;

  if (first_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&first_error));
      return FALSE;
    }

  return TRUE;
}
