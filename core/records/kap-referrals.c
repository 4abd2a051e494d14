/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-referrals"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-record-list.h"
#include "kap-records.h"
#include "kap-referrals.h"

static const char *
string_member (JsonObject *body,
               const char *name)
{
  JsonNode *node = body != NULL ? json_object_get_member (body, name) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING ||
      json_node_get_string (node)[0] == '\0')
    return NULL;

  return json_node_get_string (node);
}

const char *
kap_referrals_urgency_for_priority (const char *priority)
{
  /* DOMAIN.md §1.3: P1 is the same day, P2 about 72 hours. */
  if (g_strcmp0 (priority, "P1") == 0)
    return "immediate";
  if (g_strcmp0 (priority, "P2") == 0)
    return "priority";
  if (g_strcmp0 (priority, "P3") == 0)
    return "standard";

  return NULL;
}

static KapDocument *
get_screening (KapStore    *store,
               const char  *screening_id,
               GError     **error)
{
  g_autoptr(KapDocument) screening = kap_store_get (store, screening_id, NULL, KAP_STORE_GET_NONE, error);

  if (screening == NULL)
    return NULL;

  if (g_strcmp0 (kap_document_get_doc_type (screening), "screening") != 0)
    {
      g_set_error_literal (error, KAP_RECORDS_ERROR, KAP_RECORDS_ERROR_WRONG_STATUS,
                           _("A referral can only come from a screening"));
      return NULL;
    }

  return g_steal_pointer (&screening);
}

KapDocument *
kap_referrals_create_draft (KapStore              *store,
                            KapFormRegistry       *forms,
                            const KapRecordAuthor *author,
                            const char            *person_id,
                            const char            *screening_id,
                            const char            *service,
                            GError               **error)
{
  g_autoptr(KapDocument) screening = NULL;
  g_autoptr(KapDocument) record = NULL;
  const char *urgency = NULL;
  JsonObject *body;
  KapForm *form;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);
  g_return_val_if_fail (person_id != NULL || screening_id != NULL, NULL);

  if (screening_id != NULL)
    {
      screening = get_screening (store, screening_id, error);
      if (screening == NULL)
        return NULL;

      /* The referral is about whom the screening is about. */
      if (kap_record_get_person_id (screening) != NULL)
        person_id = kap_record_get_person_id (screening);
      urgency = kap_referrals_urgency_for_priority (string_member (kap_document_get_body (screening),
                                                                   "priority"));
    }

  record = kap_records_create_draft (store, forms, author, "referral", person_id, error);
  if (record == NULL)
    return NULL;

  body = kap_document_get_body (record);
  if (screening_id != NULL)
    json_object_set_string_member (body, "screening_id", screening_id);
  if (service != NULL)
    json_object_set_string_member (body, "service", service);
  if (urgency != NULL)
    json_object_set_string_member (body, "urgency", urgency);

  if (screening_id == NULL && service == NULL)
    return g_steal_pointer (&record);

  form = kap_form_registry_lookup (forms, kap_record_get_form_key (record));
  if (!kap_records_save (store, record, form, author, error))
    return NULL;

  return g_steal_pointer (&record);
}

void
kap_referral_free (KapReferral *referral)
{
  if (referral == NULL)
    return;

  g_free (referral->id);
  g_free (referral->service);
  g_free (referral->screening_id);
  g_free (referral->status);
  g_free (referral->sent_date);
  g_free (referral->updated_at);
  g_free (referral);
}

void
kap_referral_suggestion_free (KapReferralSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;

  g_free (suggestion->service);
  kap_referral_free (suggestion->referral);
  g_free (suggestion);
}

/* The ids of @person_id's records of @type, newest change first (the
 * list's order). */
static GPtrArray *
list_ids (KapStore    *store,
          const char  *person_id,
          const char  *type,
          GError     **error)
{
  g_autoptr(KapRecordList) list = NULL;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  KapRecordFilter filter = KAP_RECORD_FILTER_INIT;
  guint n_items;

  list = kap_record_list_new_for_person (store, person_id, error);
  if (list == NULL)
    return NULL;

  filter.type = type;
  filter.person_id = person_id;
  kap_record_list_set_filter (list, &filter);

  n_items = g_list_model_get_n_items (G_LIST_MODEL (list));
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(KapRecordSummary) summary = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (g_strcmp0 (kap_record_summary_get_doc_type (summary), type) == 0)
        g_ptr_array_add (ids, g_strdup (kap_record_summary_get_id (summary)));
    }

  return g_steal_pointer (&ids);
}

GPtrArray *
kap_referrals_list_screenings (KapStore    *store,
                               const char  *person_id,
                               GError     **error)
{
  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  return list_ids (store, person_id, "screening", error);
}

GPtrArray *
kap_referrals_list_for_person (KapStore    *store,
                               const char  *person_id,
                               GError     **error)
{
  g_autoptr(GPtrArray) ids = NULL;
  g_autoptr(GPtrArray) referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_referral_free);

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (person_id != NULL, NULL);

  ids = list_ids (store, person_id, "referral", error);
  if (ids == NULL)
    return NULL;

  /* The summaries hold no service: a person has a handful of referrals,
   * whose bodies are read here rather than widening every summary. */
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(KapDocument) document = NULL;
      g_autoptr(GError) local_error = NULL;
      KapReferral *referral;
      JsonObject *body;

      document = kap_store_get (store, g_ptr_array_index (ids, i), NULL, KAP_STORE_GET_NONE, &local_error);
      if (document == NULL)
        {
          /* Deleted since it was listed (a sync): not a referral any more. */
          g_debug ("A referral could not be read: %s", local_error->message);
          continue;
        }

      body = kap_document_get_body (document);
      referral = g_new0 (KapReferral, 1);
      referral->id = g_strdup (kap_document_get_id (document));
      referral->service = g_strdup (string_member (body, "service"));
      referral->screening_id = g_strdup (string_member (body, "screening_id"));
      referral->status = g_strdup (kap_record_get_status (document));
      referral->sent_date = g_strdup (string_member (body, "sent_date"));
      referral->updated_at = g_strdup (string_member (body, "updated_at"));
      g_ptr_array_add (referrals, referral);
    }

  return g_steal_pointer (&referrals);
}

static gboolean
is_final (const KapReferral *referral)
{
  return g_strcmp0 (referral->status, KAP_RECORD_STATUS_FINAL) == 0 ||
         g_strcmp0 (referral->status, KAP_RECORD_STATUS_REVIEWED) == 0;
}

static KapReferral *
copy_referral (const KapReferral *referral)
{
  KapReferral *copy = g_new0 (KapReferral, 1);

  copy->id = g_strdup (referral->id);
  copy->service = g_strdup (referral->service);
  copy->screening_id = g_strdup (referral->screening_id);
  copy->status = g_strdup (referral->status);
  copy->sent_date = g_strdup (referral->sent_date);
  copy->updated_at = g_strdup (referral->updated_at);

  return copy;
}

GPtrArray *
kap_referrals_list_suggestions (KapStore     *store,
                                KapDocument  *screening,
                                GError      **error)
{
  g_autoptr(GPtrArray) suggestions = g_ptr_array_new_with_free_func ((GDestroyNotify) kap_referral_suggestion_free);
  g_autoptr(GPtrArray) referrals = NULL;
  const char *person_id;
  JsonNode *node;
  JsonArray *services;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_DOCUMENT (screening), NULL);

  node = json_object_get_member (kap_document_get_body (screening), "suggested_services");
  person_id = kap_record_get_person_id (screening);
  if (g_strcmp0 (kap_document_get_doc_type (screening), "screening") != 0 ||
      node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return g_steal_pointer (&suggestions);

  if (person_id != NULL)
    {
      referrals = kap_referrals_list_for_person (store, person_id, error);
      if (referrals == NULL)
        return NULL;
    }

  services = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (services); i++)
    {
      JsonNode *element = json_array_get_element (services, i);
      const KapReferral *best = NULL;
      KapReferralSuggestion *suggestion;
      const char *service;

      if (!JSON_NODE_HOLDS_VALUE (element) || json_node_get_value_type (element) != G_TYPE_STRING)
        continue;
      service = json_node_get_string (element);

      /* Newest first: the first final one, else the first of any. */
      for (guint j = 0; referrals != NULL && j < referrals->len; j++)
        {
          const KapReferral *referral = g_ptr_array_index (referrals, j);

          if (g_strcmp0 (referral->screening_id, kap_document_get_id (screening)) != 0 ||
              g_strcmp0 (referral->service, service) != 0)
            continue;
          if (best == NULL || (is_final (referral) && !is_final (best)))
            best = referral;
        }

      suggestion = g_new0 (KapReferralSuggestion, 1);
      suggestion->service = g_strdup (service);
      suggestion->referral = best != NULL ? copy_referral (best) : NULL;
      g_ptr_array_add (suggestions, suggestion);
    }

  return g_steal_pointer (&suggestions);
}
