/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-record"

#include "config.h"

#include "kap-avr-stage.h"
#include "kap-record.h"
#include "kap-value.h"

gboolean
kap_record_member_is_reserved (const char *name)
{
  return kap_form_name_is_reserved (name);
}

char *
kap_record_timestamp_now (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
set_or_remove (JsonObject *body,
               const char *name,
               const char *value)
{
  if (value != NULL && *value != '\0')
    json_object_set_string_member (body, name, value);
  else
    json_object_remove_member (body, name);
}

static void
stamp (JsonObject            *body,
       const KapRecordAuthor *author,
       gboolean               created)
{
  g_autofree char *now = kap_record_timestamp_now ();

  if (created)
    {
      json_object_set_string_member (body, "created_at", now);
      set_or_remove (body, "created_by", author ? author->officer : NULL);
      set_or_remove (body, "station", author ? author->station : NULL);
      set_or_remove (body, "device", author ? author->device : NULL);
    }

  json_object_set_string_member (body, "updated_at", now);
  set_or_remove (body, "updated_by", author ? author->officer : NULL);
}

KapDocument *
kap_record_new (KapForm               *form,
                const KapRecordAuthor *author,
                const GDate           *today)
{
  KapDocument *record;
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_FORM (form), NULL);

  record = kap_document_new_for_type (kap_form_get_record_type (form));
  body = kap_document_get_body (record);

  json_object_set_string_member (body, "form", kap_form_get_key (form));
  json_object_set_string_member (body, "status", KAP_RECORD_STATUS_DRAFT);
  stamp (body, author, TRUE);

  kap_form_apply_defaults (form, body, today);
  kap_form_apply_calculations (form, body, today);

  return record;
}

void
kap_record_update (KapDocument           *record,
                   KapForm               *form,
                   const KapRecordAuthor *author,
                   const GDate           *today)
{
  JsonObject *body;

  g_return_if_fail (KAP_IS_DOCUMENT (record));
  g_return_if_fail (KAP_IS_FORM (form));

  body = kap_document_get_body (record);
  kap_form_apply_calculations (form, body, today);
  stamp (body, author, FALSE);
}

GPtrArray *
kap_record_finalize (KapDocument           *record,
                     KapForm               *form,
                     const KapRecordAuthor *author,
                     const char            *language,
                     const GDate           *today)
{
  g_autoptr(GPtrArray) issues = NULL;
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_DOCUMENT (record), NULL);
  g_return_val_if_fail (KAP_IS_FORM (form), NULL);

  body = kap_document_get_body (record);
  kap_form_apply_calculations (form, body, today);

  issues = kap_form_validate (form, body, language, today);
  if (issues->len > 0)
    return g_steal_pointer (&issues);

  /* Answers to questions that no longer apply are not kept, and
   * calculations run again on what remains. */
  kap_form_prune (form, body, today);
  kap_form_apply_calculations (form, body, today);

  json_object_set_string_member (body, "status", KAP_RECORD_STATUS_FINAL);
  stamp (body, author, FALSE);

  return g_steal_pointer (&issues);
}

static const char *string_member (KapDocument *record,
                                  const char  *name);

gboolean
kap_record_review (KapDocument           *record,
                   const KapRecordAuthor *author)
{
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_DOCUMENT (record), FALSE);

  /* A draft is not finished, and a reviewed record is reviewed once. */
  if (g_strcmp0 (string_member (record, "status"), KAP_RECORD_STATUS_FINAL) != 0)
    return FALSE;

  body = kap_document_get_body (record);
  json_object_set_string_member (body, "status", KAP_RECORD_STATUS_REVIEWED);
  stamp (body, author, FALSE);

  return TRUE;
}

static const char *
string_member (KapDocument *record,
               const char  *name)
{
  JsonObject *body;
  JsonNode *node;

  g_return_val_if_fail (KAP_IS_DOCUMENT (record), NULL);

  body = kap_document_get_body (record);
  node = json_object_get_member (body, name);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

gboolean
kap_record_set_stage (KapDocument *record,
                      const char  *stage,
                      const char  *date,
                      const char  *note)
{
  g_autoptr(KapValue) day = NULL;
  JsonObject *body;

  g_return_val_if_fail (KAP_IS_DOCUMENT (record), FALSE);

  if (g_strcmp0 (kap_document_get_doc_type (record), "return_interest") != 0)
    return FALSE;

  day = date ? kap_value_new_date_from_iso (date) : NULL;
  if (day == NULL || kap_value_is_null (day))
    return FALSE;

  if (!kap_avr_stage_can_move (string_member (record, "stage"), stage))
    return FALSE;

  body = kap_document_get_body (record);
  json_object_set_string_member (body, "stage", stage);
  json_object_set_string_member (body, "stage_date", date);
  set_or_remove (body, "stage_note", note);

  return TRUE;
}

const char *
kap_record_get_status (KapDocument *record)
{
  return string_member (record, "status");
}

const char *
kap_record_get_form_key (KapDocument *record)
{
  return string_member (record, "form");
}

const char *
kap_record_get_person_id (KapDocument *record)
{
  return string_member (record, "person_id");
}

void
kap_record_set_person_id (KapDocument *record,
                          const char  *person_id)
{
  g_return_if_fail (KAP_IS_DOCUMENT (record));

  set_or_remove (kap_document_get_body (record), "person_id", person_id);
}
