/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define KAP_DOCUMENT_ERROR (kap_document_error_quark ())

typedef enum
{
  KAP_DOCUMENT_ERROR_MALFORMED,   /* not JSON at all */
  KAP_DOCUMENT_ERROR_INVALID,     /* JSON, but not a valid Kapija document */
} KapDocumentError;

GQuark kap_document_error_quark (void);

/* What a store takes: the canonical text of a body at most this long (as
 * CouchDB's default max_document_size), nested at most this deep. */
#define KAP_DOCUMENT_MAX_BYTES (8 * 1000 * 1000)
#define KAP_DOCUMENT_MAX_DEPTH 256
/* Attachments of one revision (their base64 text, all together): Kapija
 * does not show them, but keeps what another client attached so that
 * nothing is lost when the record goes back to the server. */
#define KAP_DOCUMENT_MAX_ATTACHMENT_BYTES (16 * 1000 * 1000)

#define KAP_TYPE_DOCUMENT (kap_document_get_type ())
G_DECLARE_FINAL_TYPE (KapDocument, kap_document, KAP, DOCUMENT, GObject)

/* A document as the store hands it out or takes it in: the id, one revision
 * with its deleted flag, and the body (every member but the underscore ones).
 * Optionally the ancestry of that revision (newest first, starting with the
 * revision itself, as CouchDB's _revisions) and the live conflicting leaves. */

KapDocument        *kap_document_new               (const char   *id,
                                                    JsonObject   *body) G_GNUC_WARN_UNUSED_RESULT;
KapDocument        *kap_document_new_for_type      (const char   *type) G_GNUC_WARN_UNUSED_RESULT;
KapDocument        *kap_document_new_from_json     (const char   *json,
                                                    gssize        length,
                                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;
KapDocument        *kap_document_new_from_object   (JsonObject   *object,
                                                    GError      **error) G_GNUC_WARN_UNUSED_RESULT;

const char         *kap_document_get_id            (KapDocument  *self);
const char         *kap_document_get_rev           (KapDocument  *self);
void                kap_document_set_rev           (KapDocument  *self,
                                                    const char   *rev);
gboolean            kap_document_get_deleted       (KapDocument  *self);
void                kap_document_set_deleted       (KapDocument  *self,
                                                    gboolean      deleted);
/* The "type" member of the body, or NULL. */
const char         *kap_document_get_doc_type      (KapDocument  *self);
JsonObject         *kap_document_get_body          (KapDocument  *self);
void                kap_document_set_body          (KapDocument  *self,
                                                    JsonObject   *body);
gint64              kap_document_get_seq           (KapDocument  *self);
void                kap_document_set_seq           (KapDocument  *self,
                                                    gint64        seq);

const char * const *kap_document_get_ancestry      (KapDocument  *self);
void                kap_document_set_ancestry      (KapDocument  *self,
                                                    const char * const *revs);
const char * const *kap_document_get_conflicts     (KapDocument  *self);
void                kap_document_set_conflicts     (KapDocument  *self,
                                                    const char * const *revs);

/* CouchDB's "_attachments", each with its data inline (base64), exactly as
 * it came; NULL when the document names none. Not part of the body, so
 * not part of the revision id either. The store keeps them with the
 * revision and carries them onto a local edit (kap_store_put() of a
 * document whose attachments are NULL keeps its parent's). */
JsonObject         *kap_document_get_attachments   (KapDocument  *self);
/* @attachments (nullable) is copied; an empty object means none. */
void                kap_document_set_attachments   (KapDocument  *self,
                                                    JsonObject   *attachments);
/* Whether @attachments is a valid "_attachments" member Kapija can keep:
 * every attachment with a content type and its data (a stub, which names
 * data the server keeps elsewhere, cannot be sent back), within
 * KAP_DOCUMENT_MAX_ATTACHMENT_BYTES. The error never names an attachment
 * (a file name may name a person). */
gboolean            kap_document_attachments_are_valid (JsonObject *attachments,
                                                        GError    **error);

/* CouchDB's JSON form: _id, _rev, _deleted, and, where set, _revisions
 * ({"start": N, "ids": [...]}), _conflicts and _attachments, then the body. Members are in
 * canonical order, so the output is stable. */
JsonObject         *kap_document_to_object         (KapDocument  *self) G_GNUC_WARN_UNUSED_RESULT;
char               *kap_document_to_json           (KapDocument  *self) G_GNUC_WARN_UNUSED_RESULT;

/* A record type's name: lower-case ASCII letters, digits and '_',
 * starting with a letter. */
gboolean            kap_document_type_is_valid     (const char   *type);
/* "<type>:<uuid v7>"; @type must be valid. */
char               *kap_document_generate_id       (const char   *type) G_GNUC_WARN_UNUSED_RESULT;
/* Any id CouchDB takes for a record (non-empty, no leading '_', UTF-8) up
 * to KAP_DOCUMENT_MAX_BYTES that the store can hold: not one the JSON
 * reader holds escaped (U+0000 or a lone surrogate; kap-json.h). */
gboolean            kap_document_id_is_valid       (const char   *id);
/* The same, with the reason in @error (KAP_DOCUMENT_ERROR_INVALID); the
 * message never quotes the id. */
gboolean            kap_document_check_id          (const char   *id,
                                                    GError      **error);


G_END_DECLS
