/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-referrals"

#include "config.h"

#include "kap-referral-consent.h"

char *
kap_referrals_consent_field (const char *service)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (service != NULL, NULL);

  lower = g_ascii_strdown (service, -1);
  return g_strconcat ("consent_", lower, NULL);
}

gboolean
kap_referrals_has_consent (JsonObject *body)
{
  JsonNode *service = body != NULL ? json_object_get_member (body, "service") : NULL;
  g_autofree char *field = NULL;
  JsonNode *node;

  if (service == NULL || !JSON_NODE_HOLDS_VALUE (service) ||
      json_node_get_value_type (service) != G_TYPE_STRING)
    return FALSE;

  field = kap_referrals_consent_field (json_node_get_string (service));
  node = json_object_get_member (body, field);

  return node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}
