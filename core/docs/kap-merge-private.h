/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-merge.h"

G_BEGIN_DECLS

/* Shared by the parts of the merge: kap-merge.c (entry points),
 * kap-merge-object.c (the walk) and kap-merge-json.c (helpers). */

struct _KapMergeResult
{
  grefcount   ref_count;
  JsonObject *body;       /* NULL when deleted */
  gboolean    deleted;
  GPtrArray  *clashes;    /* KapMergeClash */
};

typedef struct
{
  KapForm   *form;
  GPtrArray *clashes;
  gboolean   strict;      /* no base: every difference clashes */
} Merge;

/* kap-merge-json.c */

/* json_node_copy() shares the objects and arrays it copies; the result
 * must not change when the caller later edits the bodies it merged, nor
 * the other way round. */
JsonNode *kap_merge_deep_copy (JsonNode *node);

/* Takes @object. */
JsonNode *kap_merge_object_node (JsonObject *object);

char *kap_merge_canonical (JsonNode *node);

/* Equality of JSON values as canonical JSON sees them (so 1 and 1.0 are
 * the same number); NULL is an absent member. */
gboolean kap_merge_nodes_equal (JsonNode *a,
                                JsonNode *b);

/* A total order of values, NULL first: used only to break ties, so that
 * no choice depends on which side is "ours". */
int kap_merge_compare_nodes (JsonNode *a,
                             JsonNode *b);

gboolean kap_merge_is_null_or_absent (JsonNode *node);

JsonObject *kap_merge_get_object (JsonNode *node);

JsonNode *kap_merge_get_member (JsonObject *object,
                                const char *name);

const char *kap_merge_get_string (JsonNode *node);

gboolean kap_merge_is_string_list (JsonNode *node);

/* A repeat: an array of objects that each carry a distinct string
 * "item_id" (the form renderer gives every item one). */
gboolean kap_merge_is_repeat (JsonNode *node);

char *kap_merge_member_path (const char *prefix,
                             const char *name);

char *kap_merge_item_path (const char *prefix,
                           const char *item_id);

void kap_merge_add_clash (Merge      *merge,
                          const char *path,
                          JsonNode   *base,
                          JsonNode   *ours,
                          JsonNode   *theirs);

/* kap-merge-object.c: the merge of an object, member by member. */
JsonObject *kap_merge_object (Merge      *merge,
                              const char *path,
                              JsonObject *base,
                              JsonObject *ours,
                              JsonObject *theirs,
                              gboolean    top_level);

G_END_DECLS
