/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-store-private.h"

G_BEGIN_DECLS

/* The steps of kap-store-tree.c that local edits (kap-store-tree-put.c)
 * and pulled revisions (kap-store-tree-insert.c) share; each runs with the
 * store's lock held inside the caller's write transaction. */

/* @id (nullable) names the document in the message: a local edit's
 * author needs it, a replicated revision's report names it already. */
gboolean kap_store_tree_body_size_is_allowed (const char  *body,
                                              const char  *id,
                                              GError     **error);

/* The canonical text of @document's attachments to keep with its
 * revision (NULL: none), or FALSE when they are not acceptable. */
gboolean kap_store_tree_attachments_text (KapDocument  *document,
                                          char        **text,
                                          GError      **error);

/* Finds the winner among the leaves and records it with what lists show
 * of it, and gives the document a new sequence number so that it appears
 * (once) at the end of the changes feed. @written is the revision just
 * written and @body its body, which spares reading it back when it won. */
gboolean kap_store_tree_update_winner (KapStore    *self,
                                       gint64       doc_num,
                                       const char  *id,
                                       const char  *type,
                                       const char  *written,
                                       JsonObject  *body,
                                       GError     **error);

/* Drops the bodies nobody needs any more: everything but leaves, merge
 * bases and branch points (the common ancestor of two branches, which a
 * three-way merge of them needs). */
gboolean kap_store_tree_compact_document (KapStore  *self,
                                          gint64     doc_num,
                                          GError   **error);

/* The attachments kept with revision @rev_num, or NULL (none, or on
 * error with @error set). */
char *kap_store_tree_read_attachments (KapStore  *self,
                                       gint64     rev_num,
                                       GError   **error);

gint64 kap_store_tree_create_doc (KapStore    *self,
                                  const char  *id,
                                  GError     **error);

gint64 kap_store_tree_insert_rev (KapStore    *self,
                                  gint64       doc_num,
                                  const char  *rev,
                                  gint64       parent,
                                  gboolean     deleted,
                                  gboolean     leaf,
                                  const char  *body,
                                  const char  *attachments,
                                  KapRevisionOrigin origin,
                                  GError     **error);

gboolean kap_store_tree_clear_leaf (KapStore  *self,
                                    gint64     rev_num,
                                    GError   **error);

/* Looks up @rev of @doc_num: returns its rev_num (0 when unknown, -1 on
 * error) and whether it is a leaf and deleted. */
gint64 kap_store_tree_lookup_rev (KapStore    *self,
                                  gint64       doc_num,
                                  const char  *rev,
                                  gboolean    *leaf,
                                  gboolean    *deleted,
                                  GError     **error);

G_END_DECLS
