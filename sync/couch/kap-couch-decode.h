/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

#include "kap-document.h"
#include "kap-sync-error.h"

G_BEGIN_DECLS

/* What a CouchDB server's replies to the replication protocol say, as
 * typed results: pure functions of an already parsed reply (the client's
 * kap_json_parse(); a fuzz target is bytes → kap_json_parse() → a decoder
 * → its free function), with no network and no store. The caller judges
 * the HTTP status first; these read the body of a successful reply.
 *
 * A reply that is not what the protocol promises fails with
 * KAP_SYNC_ERROR_MALFORMED and a message naming what is wrong, never
 * quoting what the reply holds (records carry personal data). One
 * revision of a _bulk_get or open_revs reply that cannot be taken is no
 * error of the reply: its entry says why (KAP_COUCH_REVISION_REFUSED), so
 * that it is reported and the others are taken. */

/* GET /db: the database's information (an object). */
JsonObject      *kap_couch_decode_database_info (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* One entry of a _changes feed (style=all_docs). */
typedef struct
{
  char   *id;
  char  **revs;        /* the leaves it lists; may be empty */
  gboolean deleted;    /* the winner is deleted */
} KapCouchChange;

typedef struct
{
  GPtrArray *changes;  /* KapCouchChange, in feed order */
  JsonNode  *last_seq; /* where the next request goes on from (opaque); NULL
                        * only when the feed lists nothing and says nothing */
  gint64     pending;  /* changes after this page, -1 when the server does not say */
} KapCouchChanges;

KapCouchChanges *kap_couch_decode_changes       (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void             kap_couch_changes_free         (KapCouchChanges *changes);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCouchChanges, kap_couch_changes_free)

/* POST _revs_diff: id → the revisions the server lacks (a GStrv, may be
 * empty). Ids the reply leaves out are not missing anything. */
GHashTable      *kap_couch_decode_revs_diff     (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* One result of POST _bulk_docs. */
typedef struct
{
  char *id;
  char *rev;           /* NULL when the server leaves it out (PouchDB on errors) */
  char *error;         /* NULL: stored */
  char *reason;        /* the server's words, "" when it gives none */
} KapCouchDocResult;

/* KapCouchDocResult, in the order of the reply (CouchDB lists only the
 * failures of a new_edits:false request, PouchDB every document). */
GPtrArray       *kap_couch_decode_bulk_docs     (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* Whether a _bulk_docs error is a refusal by the server's rules
 * (validate_doc_update), or the document alone is too large for it. */
gboolean         kap_couch_doc_result_is_refusal  (const KapCouchDocResult *result);
gboolean         kap_couch_doc_result_is_too_large (const KapCouchDocResult *result);

typedef enum
{
  KAP_COUCH_REVISION_OK,        /* @document: the revision with its ancestry */
  KAP_COUCH_REVISION_MISSING,   /* the server no longer has it (compacted, superseded) */
  KAP_COUCH_REVISION_REFUSED,   /* it came, but cannot be taken: @error says why */
} KapCouchRevisionStatus;

/* One revision of a _bulk_get or open_revs reply. */
typedef struct
{
  KapCouchRevisionStatus  status;
  char                   *id;        /* as the reply names it, NULL when it does not */
  char                   *rev;       /* NULL when the reply does not say */
  KapDocument            *document;  /* OK only */
  GError                 *error;     /* REFUSED only: translated, without the contents */
} KapCouchRevision;

void             kap_couch_revision_free        (KapCouchRevision *revision);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCouchRevision, kap_couch_revision_free)

/* POST _bulk_get?revs=true&attachments=true: KapCouchRevision, in the
 * order of the reply. A revision is taken only with its history
 * (_revisions) and when the store would take it (kap_store_check_revision():
 * its id, depth, size and attachments). */
GPtrArray       *kap_couch_decode_bulk_get      (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
/* GET /db/@id?open_revs=[…]&revs=true&attachments=true: the same. */
GPtrArray       *kap_couch_decode_open_revs     (JsonNode    *reply,
                                                 const char  *id,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* GET /db/_local/<id>: a replication checkpoint. */
typedef struct
{
  char       *rev;     /* its _rev, for the next PUT */
  JsonObject *doc;     /* the document, NULL when it is not one a replicator
                        * wrote (then the run starts over and replaces it) */
} KapCouchCheckpoint;

KapCouchCheckpoint *kap_couch_decode_checkpoint (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;
void             kap_couch_checkpoint_free      (KapCouchCheckpoint *checkpoint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCouchCheckpoint, kap_couch_checkpoint_free)

/* PUT of a document (a checkpoint): the new _rev. */
char            *kap_couch_decode_put           (JsonNode    *reply,
                                                 GError     **error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
