/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kap-form.h"

G_BEGIN_DECLS

/* The three-way merge of two conflicting revisions of a record against
 * their common ancestor (DESIGN.md, Sync, point 5). Pure: no store, no
 * clock, no locale; the same inputs always give the same result.
 *
 * Member by member (members of the top-level object and, recursively, of
 * nested objects and repeat items):
 *
 *  - a member changed (added, changed, removed) on one side only takes
 *    that side's value; the same change on both sides is no clash;
 *  - different changes of the same member are a clash;
 *  - a select_multiple member whose form field says "merge": "set" merges
 *    as sets of codes: codes added on either side are added, codes removed
 *    on either side are removed. The codes come out in the order of the
 *    field's choice list, those not in it (code lists such as @countries)
 *    after them, first those of the base in their order, then the new
 *    ones by byte order. Both sides must hold a list of strings (the base
 *    may lack the member); removing the whole member on one side while
 *    the other changed it is a clash. Without a form nothing is known to
 *    be a set, and such lists are plain values;
 *  - objects on both sides merge recursively;
 *  - repeats (arrays whose elements are all objects with a string
 *    "item_id", unique in the array) merge item by item: an item added on
 *    either side is kept, an item removed on one side and unchanged on the
 *    other is removed, an item removed on one side and changed on the
 *    other is a clash of the whole item, an item on both sides merges
 *    recursively. Items keep the base order; new items follow in item_id
 *    order (ids are UUID v7, so that is the order they were made in, and
 *    it does not depend on which side is "ours"). Order changes of base
 *    items are not merged. Any other array is a plain value;
 *  - record metadata (top level only): "updated_at"/"updated_by" never
 *    clash, both come from the side with the later updated_at (ties: the
 *    greater updated_by); "status" never clashes when both are known
 *    statuses: the later of draft < final < reviewed wins; "created_*",
 *    "type", "form", "station" and "device" must be equal on both sides,
 *    else they clash (even when only one side changed them);
 *    "_"-prefixed members are left out of the merge and of its result;
 *  - a deleted side: if the other side is deleted too, or changed nothing
 *    since the base, the result is deleted; otherwise the whole document
 *    clashes (path "": "deleted here, changed there"). With
 *    KAP_MERGE_DELETION_ASKS a deletion against a live side always
 *    clashes, changed or not;
 *  - without a base, every member counts as added on both sides; with
 *    KAP_MERGE_STRICT_WITHOUT_BASE every member that is not the same on
 *    both sides clashes instead (sets, repeats and members one side lacks
 *    included), since nothing tells an addition from a removal.
 *
 * The merge is symmetric: swapping ours and theirs gives the same body
 * when the merge is clean, and the same clashes with ours and theirs
 * swapped. Where members clash the result's body holds ours' value, so
 * that it is the winner with everything that did merge applied. */

/* One clash. @path names the member: "notes", "address.city",
 * "family_members[item 0193…].member_name", "family_members[item 0193…]"
 * for a whole item, "" for the whole document. A NULL value is a member
 * (or item, or document) that is absent on that side: removed, never
 * there, or deleted. */
typedef struct
{
  char     *path;
  JsonNode *base;
  JsonNode *ours;
  JsonNode *theirs;
} KapMergeClash;

#define KAP_TYPE_MERGE_CLASH (kap_merge_clash_get_type ())
GType          kap_merge_clash_get_type (void) G_GNUC_CONST;
KapMergeClash *kap_merge_clash_copy     (const KapMergeClash *clash);
void           kap_merge_clash_free     (KapMergeClash       *clash);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapMergeClash, kap_merge_clash_free)

typedef struct _KapMergeResult KapMergeResult;

#define KAP_TYPE_MERGE_RESULT (kap_merge_result_get_type ())
GType           kap_merge_result_get_type    (void) G_GNUC_CONST;
KapMergeResult *kap_merge_result_ref         (KapMergeResult *self);
void            kap_merge_result_unref       (KapMergeResult *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapMergeResult, kap_merge_result_unref)

/* @base NULL merges without a common ancestor: every member then counts
 * as added on both sides. @form (nullable) tells which lists merge as
 * sets and in which order. The bodies are not modified. */
KapMergeResult *kap_merge                    (JsonObject     *base,
                                              JsonObject     *ours,
                                              gboolean        ours_deleted,
                                              JsonObject     *theirs,
                                              gboolean        theirs_deleted,
                                              KapForm        *form) G_GNUC_WARN_UNUSED_RESULT;

typedef enum
{
  KAP_MERGE_FLAGS_NONE          = 0,
  /* A deleted side never wins against a live one by itself, not even an
   * unchanged one: for a tombstone that may be another client's answer to
   * a conflict rather than a deletion of the record (kap-store.h). */
  KAP_MERGE_DELETION_ASKS       = 1 << 0,
  /* With @base NULL only what both sides hold alike merges. */
  KAP_MERGE_STRICT_WITHOUT_BASE = 1 << 1,
} KapMergeFlags;

/* kap_merge() with @flags. */
KapMergeResult *kap_merge_full               (JsonObject     *base,
                                              JsonObject     *ours,
                                              gboolean        ours_deleted,
                                              JsonObject     *theirs,
                                              gboolean        theirs_deleted,
                                              KapForm        *form,
                                              KapMergeFlags   flags) G_GNUC_WARN_UNUSED_RESULT;

/* TRUE when nothing clashed. */
gboolean        kap_merge_result_is_clean    (KapMergeResult *self);
/* TRUE when the merged document is deleted (and then has no body). */
gboolean        kap_merge_result_get_deleted (KapMergeResult *self);
/* The merged body, without underscore members; NULL when deleted. */
JsonObject     *kap_merge_result_get_body    (KapMergeResult *self);
/* The clashes (KapMergeClash), in path order of the members; empty when
 * clean. */
GPtrArray      *kap_merge_result_get_clashes (KapMergeResult *self);
/* Canonical JSON of the whole result, {"body": …, "clashes": [{"base": …,
 * "ours": …, "path": …, "theirs": …}, …], "deleted": …} with absent
 * values left out: the same inputs always give the same bytes. */
char           *kap_merge_result_to_json     (KapMergeResult *self) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
