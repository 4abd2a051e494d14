/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-records"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-avr-stage.h"
#include "kap-carry.h"
#include "kap-records.h"
#include "kap-referral-consent.h"

G_DEFINE_QUARK (kap-records-error-quark, kap_records_error)

gboolean
kap_records_check (const KapProfile  *profile,
                   KapRecordsAction   action,
                   GError           **error)
{
  const char *refusal = NULL;

  if (action == KAP_RECORDS_ACTION_CAPTURE)
    return TRUE;

  switch (action)
    {
    case KAP_RECORDS_ACTION_REVIEW:
      refusal = _("Only a supervisor can review records");
      break;
    case KAP_RECORDS_ACTION_SYNC:
      refusal = _("Only a supervisor can synchronise the laptop");
      break;
    case KAP_RECORDS_ACTION_RESOLVE:
      refusal = _("Only a supervisor can resolve conflicts");
      break;
    case KAP_RECORDS_ACTION_DELETE:
      refusal = _("Only a supervisor can delete records");
      break;
    case KAP_RECORDS_ACTION_SET_STATION:
      refusal = _("Only a supervisor can change the station");
      break;
    case KAP_RECORDS_ACTION_CAPTURE:
    default:
      g_return_val_if_reached (FALSE);
    }

  if (profile == NULL)
    {
      g_set_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_SIGNED_IN,
                   /* Translators: %s says who may do it, e.g. “Only a supervisor can review records”. */
                   _("Nobody is signed in. %s"), refusal);
      return FALSE;
    }

  if (!kap_role_can_supervise (profile->role))
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED, refusal);
      return FALSE;
    }

  return TRUE;
}

KapDocument *
kap_records_create_draft (KapStore              *store,
                          KapFormRegistry       *forms,
                          const KapRecordAuthor *author,
                          const char            *form_id,
                          const char            *person_id,
                          GError               **error)
{
  g_autoptr(KapDocument) record = NULL;
  g_autofree char *rev = NULL;
  KapForm *form;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);
  g_return_val_if_fail (form_id != NULL, NULL);

  form = kap_form_registry_get_latest (forms, form_id);
  if (form == NULL)
    {
      g_set_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_UNKNOWN_FORM,
                   _("The form “%s” is not installed"), form_id);
      return NULL;
    }

  record = kap_record_new (form, author, NULL);

  if (person_id != NULL)
    {
      g_autoptr(GPtrArray) carries = NULL;

      kap_record_set_person_id (record, person_id);

      /* What earlier records of the person already say, so that the
       * officer only confirms it (kap-carry.h). */
      carries = kap_carry_find (store, form, person_id, error);
      if (carries == NULL)
        return NULL;
      kap_carry_apply (kap_document_get_body (record), carries);
      kap_record_update (record, form, author, NULL);
    }

  rev = kap_store_put (store, record, error);
  if (rev == NULL)
    return NULL;

  return g_steal_pointer (&record);
}

gboolean
kap_records_save (KapStore              *store,
                  KapDocument           *record,
                  KapForm               *form,
                  const KapRecordAuthor *author,
                  GError               **error)
{
  g_autofree char *rev = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (KAP_IS_DOCUMENT (record), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  kap_record_update (record, form, author, NULL);
  rev = kap_store_put (store, record, error);

  return rev != NULL;
}

/* Backups of a record's body, restored when a write fails. */

static void
restore_body (JsonObject *body,
              JsonObject *backup)
{
  g_autoptr(GList) names = json_object_get_members (body);
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  for (GList *l = names; l != NULL; l = l->next)
    json_object_remove_member (body, l->data);

  json_object_iter_init (&iter, backup);
  while (json_object_iter_next (&iter, &name, &node))
    json_object_set_member (body, name, json_node_copy (node));
}

/* Deep: json_node_copy() shares objects and arrays, so restoring from it
 * would restore nothing. */
static JsonNode *
copy_node (JsonNode *node)
{
  JsonNode *copy;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autoptr(JsonObject) object = json_object_new ();
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        json_object_set_member (object, name, copy_node (member));

      copy = json_node_new (JSON_NODE_OBJECT);
      json_node_set_object (copy, object);
      return copy;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(JsonArray) array_copy = json_array_sized_new (json_array_get_length (array));

      for (guint i = 0; i < json_array_get_length (array); i++)
        json_array_add_element (array_copy, copy_node (json_array_get_element (array, i)));

      copy = json_node_new (JSON_NODE_ARRAY);
      json_node_set_array (copy, array_copy);
      return copy;
    }

  /* Values are never changed in place, only replaced. */
  return json_node_copy (node);
}

static JsonObject *
copy_body (JsonObject *body)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) copy = NULL;

  json_node_set_object (node, body);
  copy = copy_node (node);

  return json_object_ref (json_node_get_object (copy));
}

/* Writes @record; on failure puts @backup back into its body. */
static gboolean
put_or_restore (KapStore    *store,
                KapDocument *record,
                JsonObject  *backup,
                GError     **error)
{
  g_autofree char *rev = kap_store_put (store, record, error);

  if (rev == NULL)
    {
      restore_body (kap_document_get_body (record), backup);
      return FALSE;
    }

  return TRUE;
}

gboolean
kap_records_finalize (KapStore              *store,
                      KapDocument           *record,
                      KapForm               *form,
                      const KapRecordAuthor *author,
                      GPtrArray            **issues_out,
                      GError               **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(JsonObject) backup = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (KAP_IS_DOCUMENT (record), FALSE);
  g_return_val_if_fail (form != NULL, FALSE);

  backup = copy_body (kap_document_get_body (record));

  issues = kap_record_finalize (record, form, author, NULL, NULL);
  /* Checked here too, not only by the form's constraint: a form version
   * that forgot it must not let a referral go without consent. */
  if (issues->len == 0 && g_strcmp0 (kap_document_get_doc_type (record), "referral") == 0 &&
      !kap_referrals_has_consent (kap_document_get_body (record)))
    {
      restore_body (kap_document_get_body (record), backup);
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NO_CONSENT,
                           _("the person has not agreed to be referred to this service. "
                             "Ask for their consent to this service, or give them the provider’s contact instead"));
      return FALSE;
    }
  if (issues->len > 0)
    {
      g_set_error (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_INCOMPLETE,
                   g_dngettext (GETTEXT_PACKAGE, "%u answer needs attention",
                                "%u answers need attention", issues->len),
                   issues->len);
      if (issues_out != NULL)
        *issues_out = g_steal_pointer (&issues);
      return FALSE;
    }

  /* The notes of carried answers hold copies of answers: a final record
   * keeps only its own (minimisation). */
  kap_carry_forget (kap_document_get_body (record));

  return put_or_restore (store, record, backup, error);
}

static const char *
stage_of (KapDocument *record)
{
  JsonNode *node = json_object_get_member (kap_document_get_body (record), "stage");

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_STRING ? json_node_get_string (node) : NULL;
}

gboolean
kap_records_can_move_stage (KapDocument *record,
                            KapForm     *form)
{
  g_auto(GStrv) next = NULL;

  g_return_val_if_fail (KAP_IS_DOCUMENT (record), FALSE);

  if (form == NULL ||
      g_strcmp0 (kap_form_get_record_type (form), "return_interest") != 0 ||
      kap_form_lookup_field (form, "stage") == NULL ||
      g_strcmp0 (kap_record_get_status (record), KAP_RECORD_STATUS_FINAL) != 0)
    return FALSE;

  /* Closed, withdrawn and the other ends of a case go nowhere. */
  next = kap_avr_stage_next (stage_of (record));
  return g_strv_length (next) > 1;
}

gboolean
kap_records_move_stage (KapStore              *store,
                        KapDocument           *record,
                        KapForm               *form,
                        const KapRecordAuthor *author,
                        const char            *stage,
                        const char            *date,
                        const char            *note,
                        GError               **error)
{
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(JsonObject) backup = NULL;
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (KAP_IS_DOCUMENT (record), FALSE);

  if (!kap_records_can_move_stage (record, form))
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS,
                           _("Only a final return interest whose case is still open can move to another stage"));
      return FALSE;
    }

  body = kap_document_get_body (record);
  backup = copy_body (body);

  if (!kap_record_set_stage (record, stage, date, note))
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_STAGE,
                           _("the case cannot move to this stage from where it is"));
      return FALSE;
    }

  /* Only the stage's own answers can have become wrong; the rest were
   * checked when the record was finalized. */
  issues = kap_form_validate (form, body, NULL, NULL);
  for (guint i = 0; i < issues->len; i++)
    {
      KapFormIssue *issue = g_ptr_array_index (issues, i);

      if (g_str_has_prefix (issue->path, "stage"))
        {
          restore_body (body, backup);
          g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_INCOMPLETE, issue->message);
          return FALSE;
        }
    }

  kap_record_update (record, form, author, NULL);

  return put_or_restore (store, record, backup, error);
}

gboolean
kap_records_review (KapStore              *store,
                    const KapProfile      *profile,
                    const KapRecordAuthor *author,
                    const char            *id,
                    GError               **error)
{
  g_autoptr(KapDocument) document = NULL;
  g_autofree char *rev = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (id != NULL, FALSE);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_REVIEW, error))
    return FALSE;

  document = kap_store_get (store, id, NULL, KAP_STORE_GET_NONE, error);
  if (document == NULL)
    return FALSE;

  if (!kap_record_review (document, author))
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS,
                           _("Only a finalized record can be marked reviewed"));
      return FALSE;
    }

  rev = kap_store_put (store, document, error);

  return rev != NULL;
}

char *
kap_records_delete (KapStore          *store,
                    const KapProfile  *profile,
                    const char        *id,
                    const char        *rev,
                    GError           **error)
{
  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  if (!kap_records_check (profile, KAP_RECORDS_ACTION_DELETE, error))
    return NULL;

  return kap_store_delete (store, id, rev, error);
}

/* The author discards their own mistake; a supervisor tidies up after
 * anybody. Nobody else throws away another officer's work. */
static gboolean
may_discard (const KapProfile      *profile,
             const KapRecordAuthor *author,
             KapDocument           *record,
             GError               **error)
{
  const char *created_by;

  if (profile != NULL && kap_role_can_supervise (profile->role))
    return TRUE;

  created_by = json_object_get_string_member_with_default (kap_document_get_body (record), "created_by", NULL);
  if (author != NULL && author->officer != NULL && g_strcmp0 (created_by, author->officer) == 0 &&
      (profile == NULL || g_strcmp0 (profile->code, author->officer) == 0))
    return TRUE;

  g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_NOT_PERMITTED,
                       _("Only the officer who started a draft or a supervisor can discard it"));
  return FALSE;
}

char *
kap_records_discard (KapStore              *store,
                     const KapProfile      *profile,
                     const KapRecordAuthor *author,
                     const char            *id,
                     const char            *rev,
                     GError               **error)
{
  g_autoptr(KapDocument) record = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (id != NULL, NULL);

  record = kap_store_get (store, id, rev, KAP_STORE_GET_NONE, error);
  if (record == NULL)
    return NULL;

  if (g_strcmp0 (kap_record_get_status (record), KAP_RECORD_STATUS_DRAFT) != 0)
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS,
                           _("Only a draft can be discarded; a final record can only be deleted by a supervisor"));
      return NULL;
    }

  if (!may_discard (profile, author, record, error))
    return NULL;

  return kap_store_delete (store, id, kap_document_get_rev (record), error);
}

gboolean
kap_records_restore_draft (KapStore    *store,
                           KapDocument *draft,
                           const char  *tombstone_rev,
                           GError     **error)
{
  g_autoptr(KapDocument) copy = NULL;
  g_autofree char *rev = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), FALSE);
  g_return_val_if_fail (KAP_IS_DOCUMENT (draft), FALSE);
  g_return_val_if_fail (tombstone_rev != NULL, FALSE);

  if (g_strcmp0 (kap_record_get_status (draft), KAP_RECORD_STATUS_DRAFT) != 0)
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS,
                           _("Only a draft can be restored"));
      return FALSE;
    }

  /* A copy, so that @draft keeps its revision if the write fails. */
  copy = kap_document_new (kap_document_get_id (draft), kap_document_get_body (draft));
  kap_document_set_rev (copy, tombstone_rev);
  rev = kap_store_put (store, copy, error);
  if (rev == NULL)
    return FALSE;

  kap_document_set_rev (draft, rev);
  return TRUE;
}
