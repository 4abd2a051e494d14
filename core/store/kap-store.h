/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-document.h"

G_BEGIN_DECLS

#define KAP_STORE_ERROR (kap_store_error_quark ())

typedef enum
{
  KAP_STORE_ERROR_MISSING,        /* no store at that path */
  KAP_STORE_ERROR_NOT_A_STORE,    /* a file, but not a Kapija store */
  KAP_STORE_ERROR_CORRUPT,        /* a Kapija store whose file is damaged */
  KAP_STORE_ERROR_NEWER_SCHEMA,   /* written by a newer Kapija */
  KAP_STORE_ERROR_LOCKED,         /* another process holds the write lock */
  KAP_STORE_ERROR_DISK_FULL,
  KAP_STORE_ERROR_READ_ONLY,
  KAP_STORE_ERROR_NOT_FOUND,      /* no such document or revision */
  KAP_STORE_ERROR_CONFLICT,       /* the edit is not based on the current revision */
  KAP_STORE_ERROR_INVALID,        /* the document or its revisions are not acceptable */
  KAP_STORE_ERROR_ENGINE,         /* anything else SQLite reports */
  KAP_STORE_ERROR_UNREADABLE,     /* one document's stored text is damaged; the rest is fine */
} KapStoreError;

GQuark kap_store_error_quark (void);

typedef enum
{
  KAP_STORE_OPEN_NONE      = 0,
  KAP_STORE_OPEN_CREATE    = 1 << 0,  /* create the file (and its folder) if missing */
  KAP_STORE_OPEN_READ_ONLY = 1 << 1,
} KapStoreOpenFlags;

typedef enum
{
  KAP_STORE_GET_NONE      = 0,
  KAP_STORE_GET_ANCESTRY  = 1 << 0,   /* fill kap_document_get_ancestry() */
  KAP_STORE_GET_CONFLICTS = 1 << 1,   /* fill kap_document_get_conflicts() */
  KAP_STORE_GET_DELETED   = 1 << 2,   /* return a deleted winner instead of NOT_FOUND */
  KAP_STORE_GET_ATTACHMENTS = 1 << 3, /* fill kap_document_get_attachments() (left NULL without any) */
} KapStoreGetFlags;

/* One leaf of a document's revision tree. */
typedef struct
{
  char     *rev;
  gboolean  deleted;
} KapLeaf;

/* One entry of the changes feed: a document at its latest local sequence. */
typedef struct
{
  gint64    seq;
  char     *id;
  char     *rev;        /* the winner */
  gboolean  deleted;    /* whether the winner is deleted */
  char    **leaves;     /* every leaf revision, winner first */
} KapChange;

#define KAP_TYPE_LEAF   (kap_leaf_get_type ())
#define KAP_TYPE_CHANGE (kap_change_get_type ())
GType      kap_leaf_get_type   (void) G_GNUC_CONST;
GType      kap_change_get_type (void) G_GNUC_CONST;
KapLeaf   *kap_leaf_copy       (const KapLeaf   *leaf);
void       kap_leaf_free       (KapLeaf         *leaf);
KapChange *kap_change_copy     (const KapChange *change);
void       kap_change_free     (KapChange       *change);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapLeaf, kap_leaf_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapChange, kap_change_free)

#define KAP_TYPE_STORE (kap_store_get_type ())
G_DECLARE_FINAL_TYPE (KapStore, kap_store, KAP, STORE, GObject)

/* The schema version this build writes; older stores are migrated forward
 * when opened, newer ones are refused with KAP_STORE_ERROR_NEWER_SCHEMA. */
#define KAP_STORE_SCHEMA_VERSION 6

/* Signals: "documents-changed" (const char * const *ids) after every
 * committed write that changed documents (not _local ones), in the thread
 * that wrote. */

/* The default store: $XDG_DATA_HOME/kapija/kapija.db */
char        *kap_store_default_path   (void) G_GNUC_WARN_UNUSED_RESULT;

KapStore    *kap_store_open           (const char         *path,
                                       KapStoreOpenFlags   flags,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
const char  *kap_store_get_path       (KapStore           *self);
gboolean     kap_store_is_read_only   (KapStore           *self);
/* How long a write waits for another process's lock before it fails with
 * KAP_STORE_ERROR_LOCKED. The default is 5 seconds. */
void         kap_store_set_busy_timeout (KapStore         *self,
                                         guint             msec);
/* A random id made when the store was created: which laptop wrote a
 * record (DESIGN.md, the "device" member). */
const char  *kap_store_get_device_id  (KapStore           *self);

/* Local edits. kap_store_put() writes @document's body as a new child of
 * kap_document_get_rev() (NULL or "" creates the document; an id is made
 * from the body's "type" when the document has none). The parent must be
 * the current winner, else KAP_STORE_ERROR_CONFLICT. On success the
 * document's rev (and id) are updated and the new revision is returned.
 * The new revision keeps the document's attachments, or its parent's when
 * the document names none (kap_document_get_attachments() NULL); a
 * deletion keeps none. */
char        *kap_store_put            (KapStore           *self,
                                       KapDocument        *document,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
char        *kap_store_delete         (KapStore           *self,
                                       const char         *id,
                                       const char         *rev,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Foreign revisions (replication, import): each document carries its
 * revision, body, deleted flag and ancestry (newest first, the revision
 * itself included). Revisions already known are left as they are, so
 * inserting twice changes nothing. All documents go in one transaction. */
gboolean     kap_store_insert_revisions (KapStore         *self,
                                         GPtrArray        *documents,
                                         GError          **error);

/* Whether kap_store_insert_revisions() would take @document: a storable
 * id and a valid revision, a consistent history, a body within
 * KAP_DOCUMENT_MAX_BYTES and valid attachments. The error
 * (KAP_STORE_ERROR_INVALID) says why not, without quoting the document.
 * A replicator checks each revision of a batch first, so that one it
 * cannot take is reported and the others are taken. */
gboolean     kap_store_check_revision   (KapDocument      *document,
                                         GError          **error);

/* The attachments kept with revision @rev of @id (an empty object when it
 * has none; NOT_FOUND when the store does not have that revision). Only
 * leaves keep them. */
JsonObject  *kap_store_get_attachments  (KapStore         *self,
                                         const char       *id,
                                         const char       *rev,
                                         GError          **error) G_GNUC_WARN_UNUSED_RESULT;

/* Import: documents with an ancestry are inserted as foreign revisions,
 * the others are put as local edits; one transaction for the whole batch.
 * On error nothing of the batch is written and @failed_index (if not NULL)
 * is set to the index of the document that failed. */
gboolean     kap_store_import         (KapStore           *self,
                                       GPtrArray          *documents,
                                       guint              *failed_index,
                                       GError            **error);

/* The winner (@rev NULL) or a given revision. A deleted winner is
 * NOT_FOUND unless KAP_STORE_GET_DELETED is given. A revision whose body
 * was compacted away is NOT_FOUND too. */
KapDocument *kap_store_get            (KapStore           *self,
                                       const char         *id,
                                       const char         *rev,
                                       KapStoreGetFlags    flags,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
/* Every leaf (KapLeaf), winner first, then in CouchDB's winner order:
 * the winner is element 0, the conflicts are the live leaves after it. */
GPtrArray   *kap_store_get_leaves     (KapStore           *self,
                                       const char         *id,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
/* The revisions of @revs (for one document) this store does not have. */
char       **kap_store_revs_diff      (KapStore           *self,
                                       const char         *id,
                                       const char * const *revs,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Keep the body of @rev as a merge base (the last revision both sides of a
 * sync had); compaction keeps it until a newer base on the same branch
 * replaces it. */
gboolean     kap_store_mark_base      (KapStore           *self,
                                       const char         *id,
                                       const char         *rev,
                                       GError            **error);

/* The changes feed: KapChange entries with seq > @since, in order, at most
 * @limit of them (0: no limit). */
GPtrArray   *kap_store_changes        (KapStore           *self,
                                       gint64              since,
                                       guint               limit,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gint64       kap_store_get_last_seq   (KapStore           *self);

/* Live (winner not deleted) documents of @type (NULL: every type) as
 * KapDocument objects, ordered by id. */
GListModel  *kap_store_list           (KapStore           *self,
                                       const char         *type,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
guint        kap_store_count          (KapStore           *self,
                                       const char         *type,
                                       GError            **error);

/* _local documents: not replicated, not in the changes feed. @id is given
 * without the "_local/" prefix. put returns the new revision "0-N". */
char        *kap_store_put_local      (KapStore           *self,
                                       const char         *id,
                                       JsonObject         *body,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
JsonObject  *kap_store_get_local      (KapStore           *self,
                                       const char         *id,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
gboolean     kap_store_delete_local   (KapStore           *self,
                                       const char         *id,
                                       GError            **error);

/* SQLite's integrity check plus the store's own invariants (every document
 * has a leaf, the recorded winner is the winner). Problems are returned as
 * KAP_STORE_ERROR_CORRUPT with a readable list in the message. */
gboolean     kap_store_check          (KapStore           *self,
                                       GError            **error);

/* Conflict resolution (kap-store-resolve.c; DESIGN.md, Sync, point 5). */

/* A deleted leaf beside a live winner is either the answer to a
 * conflict or a deletion that raced an edit (kap-store-resolve.c explains
 * the rule in full):
 *  - answered: a resolution tombstone of Kapija's, {"type": …,
 *    "resolved_conflict": true}; or another CouchDB client's tombstone
 *    (PouchDB's db.remove () writes {}) on a branch that had diverged from
 *    the live leaves: its parent is an ancestor of none of them. That is
 *    how every CouchDB client resolves a conflict, and CouchDB and PouchDB
 *    see no conflict there either;
 *  - racing an edit (an "unanswered deletion"): a Kapija user's deletion,
 *    {"type": …} alone as kap_store_delete() writes it, wherever it sits;
 *    or any other tombstone whose parent is an ancestor of a live leaf
 *    (somebody edited further the revision that was deleted).
 * The rule reads the revision tree alone, so every replica agrees on it. */

/* The ids of the documents in conflict, in id order: those with more
 * than one live leaf, and those whose winner is live beside an
 * unanswered deletion. */
GPtrArray   *kap_store_get_conflicted (KapStore           *self,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;
/* What a three-way merge of document @id needs: @ours is the winner,
 * @others (KapDocument) the other live leaves in winner order followed,
 * when the winner is live, by the unanswered deletions (with
 * kap_document_get_deleted() TRUE; answered tombstones are left out),
 * and @base the last revision all of them share, which must still have its body
 * (the store keeps the bodies of branch points and of marked merge
 * bases). An older ancestor is never used instead: a change undone on
 * one side since the true base would then be lost silently. When the
 * base's body is not kept (or the histories share no revision), fails
 * with KAP_STORE_ERROR_NOT_FOUND: the conflict must be resolved by
 * choosing a side. With a single live leaf, @base is that leaf and
 * @others is empty. Each document has its rev, deleted flag and body. */
gboolean     kap_store_get_merge_inputs (KapStore         *self,
                                         const char       *id,
                                         KapDocument     **base,
                                         KapDocument     **ours,
                                         GPtrArray       **others,
                                         GError          **error);
/* The sides kap_store_get_merge_inputs() gives, @ours first, then
 * @others (KapDocument), without looking for a base: for a merge of
 * histories whose base is not kept. */
GPtrArray   *kap_store_get_conflict_sides (KapStore       *self,
                                           const char     *id,
                                           GError        **error) G_GNUC_WARN_UNUSED_RESULT;
/* Whether @body, that of a deleted revision, is a Kapija user's deletion
 * ({"type": …} alone, as kap_store_delete() writes it): a laptop's
 * deliberate deletion of the record. Any other tombstone (another
 * client's {}) may be a conflict's resolution seen from elsewhere, so an
 * automatic merge never deletes a record on its strength alone. */
gboolean     kap_store_tombstone_is_user_deletion (JsonObject *body);
/* Writes a resolution in one transaction: @merged_body (NULL: a
 * tombstone) as a child of the leaf @winner_rev, and a resolution
 * tombstone child of each of @losing_revs, live or deleted (deleted ones
 * that answer a conflict already, see above, are left as they are). The
 * revisions are deterministic (kap_revision_compute(); the winner's tombstone body
 * is {"type": …} of the revision it deletes, as kap_store_delete() writes
 * it, or of the document once that body is compacted; a losing leaf's is
 * {"type": …, "resolved_conflict": true}), so two
 * laptops that make the same resolution make the same revisions and
 * replicating them causes no new conflict. A revision of
 * the resolution that already exists is not written again, so resolving
 * twice changes nothing. Fails with KAP_STORE_ERROR_CONFLICT when a
 * revision to be written on is not a current leaf (someone changed the
 * document since the merge was made), KAP_STORE_ERROR_INVALID when a
 * losing revision is the winner or given twice. @new_rev (nullable)
 * receives the revision written on the winner's branch. */
gboolean     kap_store_resolve        (KapStore           *self,
                                       const char         *id,
                                       const char         *winner_rev,
                                       JsonObject         *merged_body,
                                       const char * const *losing_revs,
                                       char              **new_rev,
                                       GError            **error);
/* Takes back a resolution of @id (kap-store-unresolve.c) that has not
 * left the laptop: @replaced (KapDocument: the revision, deleted flag and
 * body of each leaf kap_store_resolve() was written on, the winner's
 * first) come back as they were, each as a new child of the resolution's
 * revision on its branch (@written_rev, its @new_rev, on the winner's).
 * The document is in the same conflict again, over the same base, with
 * the winner's branch winning (one more revision of its body when the
 * new revision ids would order it otherwise). Fails
 * with KAP_STORE_ERROR_CONFLICT when anything grew on the resolution
 * since, KAP_STORE_ERROR_INVALID when the server has one of its
 * revisions already (kap_store_mark_pushed()): others may build on it
 * then. One transaction. */
gboolean     kap_store_unresolve      (KapStore           *self,
                                       const char         *id,
                                       const char         *written_rev,
                                       GPtrArray          *replaced,
                                       GError            **error);

/* Sync state (kap-store-sync-state.c; DESIGN.md, Sync). */

/* kap_store_mark_base() for a batch of revisions (@ids and @revs are
 * parallel, NULL-terminated) in one transaction. A revision the store does
 * not have, or whose body is gone, is skipped without an error. */
gboolean     kap_store_mark_bases     (KapStore           *self,
                                       const char * const *ids,
                                       const char * const *revs,
                                       GError            **error);

/* Revisions of the server the store could not take (kap-store-sync-state.c):
 * an id it cannot hold, a document too deep or too large, a reply that
 * cannot be read. Each stays recorded, and is reported at every sync,
 * until the server sends a revision that can be taken or no longer has
 * it; a pull moves its checkpoint past one only once it is recorded. */
typedef struct
{
  char   *id;           /* as the server names it (kap_json_string_for_display() to show) */
  char   *rev;
  char   *reason;       /* translated, for the supervisor */
  gint64  first_seen;   /* seconds since 1970, UTC */
  gint64  last_seen;
} KapNotTaken;

KapNotTaken *kap_not_taken_new        (const char         *id,
                                       const char         *rev,
                                       const char         *reason) G_GNUC_WARN_UNUSED_RESULT;
KapNotTaken *kap_not_taken_copy       (const KapNotTaken  *entry) G_GNUC_WARN_UNUSED_RESULT;
void         kap_not_taken_free       (KapNotTaken        *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapNotTaken, kap_not_taken_free)

/* Records @entries (KapNotTaken; their times are ignored): a new one is
 * first and last seen now, one recorded before keeps its first time and
 * takes the new reason. One transaction. */
gboolean     kap_store_record_not_taken (KapStore         *self,
                                         GPtrArray        *entries,
                                         GError          **error);
/* Forgets the revisions of @ids/@revs (parallel, NULL-terminated): taken
 * now, or gone from the server. Unrecorded ones are no error. */
gboolean     kap_store_forget_not_taken (KapStore         *self,
                                         const char * const *ids,
                                         const char * const *revs,
                                         GError          **error);
/* Every recorded revision (KapNotTaken), oldest first. */
GPtrArray   *kap_store_list_not_taken (KapStore           *self,
                                       GError            **error) G_GNUC_WARN_UNUSED_RESULT;

/* Sync state of revisions (kap-store-origin.c; DESIGN.md, Sync, point 6). */

/* Where a revision was made. */
typedef enum
{
  KAP_REVISION_ORIGIN_UNKNOWN, /* written before the store recorded it (schema < 4) */
  KAP_REVISION_ORIGIN_LOCAL,   /* kap_store_put/delete/resolve/import of an edit, here */
  KAP_REVISION_ORIGIN_REMOTE,  /* kap_store_insert_revisions (replication, import) */
} KapRevisionOrigin;

/* What a push learnt: the revisions of @ids/@revs (parallel,
 * NULL-terminated) are on the server now (sent, and no longer rejected);
 * @rejected (nullable) maps an id to {"rev": …, "reason": …} for a
 * revision the server refused, with its reason. Revisions the store does
 * not have are skipped. One transaction; "documents-changed" names the
 * documents whose state changed, so that lists show it. */
gboolean     kap_store_mark_pushed    (KapStore           *self,
                                       const char * const *ids,
                                       const char * const *revs,
                                       JsonObject         *rejected,
                                       GError            **error);
/* The sync state of revision @rev of @id (NULL: the winner, deleted or
 * not): where it was made, whether the server has it, and the server's
 * reason when it refused it (NULL otherwise). Any out-argument may be
 * NULL. */
gboolean     kap_store_get_revision_state (KapStore          *self,
                                           const char        *id,
                                           const char        *rev,
                                           KapRevisionOrigin *origin,
                                           gboolean          *sent,
                                           char             **rejected,
                                           GError           **error);

G_END_DECLS
