/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-summary-columns"

#include "config.h"

#include "kap-name-key.h"
#include "kap-summary-columns.h"

static const char *
string_member (JsonObject *body,
               const char *name)
{
  JsonNode *node = json_object_get_member (body, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* Extractors: one column's value from a body, or NULL. */

static char *
text (JsonObject *body,
      const char *member)
{
  return g_strdup (string_member (body, member));
}

static char *
codes (JsonObject *body,
       const char *member)
{
  JsonNode *node = json_object_get_member (body, member);
  g_autoptr(GString) out = NULL;
  JsonArray *array;

  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return NULL;

  out = g_string_new (NULL);
  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *element = json_array_get_element (array, i);

      if (JSON_NODE_HOLDS_VALUE (element) && json_node_get_value_type (element) == G_TYPE_STRING)
        g_string_append_printf (out, "%s%s", out->len ? " " : "", json_node_get_string (element));
    }

  return out->len ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* Both spellings are searchable: "milica jovanovic" finds "Милица
 * Јовановић" whichever of the two the officer typed. @member names the
 * stated one, "name_original" is the other. */
static char *
name_keys (JsonObject *body,
           const char *member)
{
  const char *stated = string_member (body, member);
  const char *original = string_member (body, "name_original");
  g_autofree char *key_stated = NULL;
  g_autofree char *key_original = NULL;

  if (stated == NULL && original == NULL)
    return NULL;

  key_stated = kap_name_key (stated);
  key_original = kap_name_key (original);
  return g_strjoin ("\n", key_stated, key_original, NULL);
}

typedef struct
{
  KapSummaryColumn   column;
  const char        *member;
  char            *(*extract) (JsonObject *body,
                               const char *member);
} ColumnRule;

typedef struct
{
  const char       *type;    /* NULL: every type */
  const ColumnRule *rules;   /* ended by a NULL member */
} TypeRules;

/* Every type: the record's own information, and what the shipped forms
 * name alike (a screening's priority and categories, a return interest's
 * stage, a person's names). A type whose form names a column differently
 * adds its own row below the default one; its rules win. */
static const ColumnRule default_rules[] = {
  { KAP_SUMMARY_STATUS, "status", text },
  { KAP_SUMMARY_PRIORITY, "priority", text },
  { KAP_SUMMARY_STAGE, "stage", text },
  { KAP_SUMMARY_CATEGORIES, "vuln_cat", codes },
  { KAP_SUMMARY_PERSON_ID, "person_id", text },
  { KAP_SUMMARY_TITLE, "name_stated", text },
  { KAP_SUMMARY_TITLE_ORIGINAL, "name_original", text },
  { KAP_SUMMARY_NAME_KEY, "name_stated", name_keys },
  { KAP_SUMMARY_UPDATED_AT, "updated_at", text },
  { 0, NULL, NULL }
};

static const TypeRules table[] = {
  { NULL, default_rules },
};

static void
apply (const ColumnRule *rules,
       JsonObject       *body,
       KapSummaryValues *values)
{
  for (guint i = 0; rules[i].member != NULL; i++)
    {
      g_free (values->values[rules[i].column]);
      values->values[rules[i].column] = rules[i].extract (body, rules[i].member);
    }
}

void
kap_summary_values_extract (JsonObject       *body,
                            KapSummaryValues *values)
{
  const char *type;

  g_return_if_fail (values != NULL);

  memset (values, 0, sizeof *values);
  if (body == NULL)
    return;

  type = string_member (body, "type");
  for (guint i = 0; i < G_N_ELEMENTS (table); i++)
    if (table[i].type == NULL || g_strcmp0 (table[i].type, type) == 0)
      apply (table[i].rules, body, values);
}

void
kap_summary_values_clear (KapSummaryValues *values)
{
  for (guint i = 0; i < KAP_SUMMARY_N_COLUMNS; i++)
    g_clear_pointer (&values->values[i], g_free);
}
