/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form-registry.h"
#include "kap-merge.h"
#include "kap-profiles.h"
#include "kap-record.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* Conflicts (DESIGN.md, Sync, point 5). After a pull, every document with
 * more than one live leaf is merged field by field against the common
 * ancestor, with the form the record was captured with. A clean merge is
 * written at once (kap_store_resolve: a deterministic revision on the
 * winner plus tombstones on the losers, pushed in the same run); a real
 * clash stays in the conflict queue for a supervisor. The queue is simply
 * the documents still in conflict (kap_store_get_conflicted()): several
 * live leaves, or a live winner beside a deletion that raced an edit (a
 * deletion made on one laptop while another edited the record is never
 * lost). A tombstone by which another CouchDB client resolved a conflict
 * (PouchDB's db.remove () of a losing branch) is no deletion and leaves
 * nothing to do, exactly as CouchDB and PouchDB see it (kap-store.h).
 * A deletion against an unchanged side deletes the record only when it is
 * a Kapija user's deletion; another client's tombstone never deletes a
 * live record by itself (it may be a resolution that crossed a merge made
 * here): that waits for the supervisor too. */

/* One document of the conflict queue, for the conflicts page. "Ours" is
 * the leaf made on this laptop and "theirs" the one that came from the
 * server (when both came from elsewhere: the winner and the other). */
typedef struct
{
  char           *id;
  char           *form_key;      /* "screening@1", to label fields */
  KapDocument    *base;
  KapDocument    *ours;
  KapDocument    *theirs;
  KapMergeResult *merge;         /* kap_merge_result_get_clashes () lists the fields */
} KapConflict;

#define KAP_TYPE_CONFLICT (kap_conflict_get_type ())
GType        kap_conflict_get_type   (void) G_GNUC_CONST;
KapConflict *kap_conflict_copy       (const KapConflict *conflict);
void         kap_conflict_free       (KapConflict       *conflict);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapConflict, kap_conflict_free)

/* Merges and writes every conflict that merges cleanly. @merged and @left
 * (either may be NULL) count the documents resolved and still in the
 * queue. */
gboolean     kap_conflict_resolver_resolve_all (KapStore              *store,
                                                KapFormRegistry       *forms,
                                                guint                 *merged,
                                                guint                 *left,
                                                GError               **error);
/* The queue: KapConflict items, oldest change first. */
GPtrArray   *kap_conflict_resolver_list        (KapStore              *store,
                                                KapFormRegistry       *forms,
                                                GError               **error) G_GNUC_WARN_UNUSED_RESULT;
/* The supervisor's choice for one conflict: @choices maps each clash path
 * (kap_merge_result_get_clashes) to the JsonNode to keep (one of base,
 * ours or theirs, or an edited value); every clash must have a choice.
 * Written like a clean merge, stamped by @author. Only a supervisor
 * resolves: @profile is checked first (kap_records_check(), RESOLVE), and
 * its error (KAP_RECORDS_ERROR_NOT_SIGNED_IN, _NOT_PERMITTED) returned. */
gboolean     kap_conflict_resolver_apply       (KapStore              *store,
                                                const KapProfile      *profile,
                                                const KapConflict     *conflict,
                                                JsonObject            *choices,
                                                const KapRecordAuthor *author,
                                                GError               **error);

/* What an applied resolution replaced, to take it back until it leaves
 * the laptop (kap-conflict-resolver-undo.c). */
typedef struct
{
  char      *id;
  char      *written_rev;   /* the resolution's revision on the winner's branch */
  GPtrArray *replaced;      /* KapDocument: the leaves it was written on, the winner's first */
} KapResolutionUndo;

void         kap_resolution_undo_free          (KapResolutionUndo     *undo);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapResolutionUndo, kap_resolution_undo_free)

/* kap_conflict_resolver_apply() that also returns in @undo (nullable)
 * what it takes to undo it; *@undo stays NULL when it cannot be undone
 * (one side was a deletion: a deleted revision cannot be brought back as
 * the same deletion). */
gboolean     kap_conflict_resolver_apply_undoable (KapStore              *store,
                                                   const KapProfile      *profile,
                                                   const KapConflict     *conflict,
                                                   JsonObject            *choices,
                                                   const KapRecordAuthor *author,
                                                   KapResolutionUndo    **undo,
                                                   GError               **error);
/* Whether @undo can still be done: nothing grew on the resolution, and no
 * sync pushed it (once on the server, others may build on it; a change
 * then is a new edit of the record). */
gboolean     kap_conflict_resolver_can_undo    (KapStore              *store,
                                                const KapResolutionUndo *undo);
/* Brings the conflict back as it was before the resolution: the losing
 * revisions live again, the winner's body as before (kap_store_unresolve()),
 * so that the conflicts list shows it again. Only a supervisor: @profile is
 * checked first (RESOLVE). */
gboolean     kap_conflict_resolver_undo        (KapStore              *store,
                                                const KapProfile      *profile,
                                                const KapResolutionUndo *undo,
                                                GError               **error);

G_END_DECLS
