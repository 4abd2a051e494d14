/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Revision ids are "<generation>-<32 hex>" (DESIGN.md). A generation is
 * any positive integer CouchDB may send, 1 to G_MAXINT64. */

gboolean  kap_revision_parse   (const char *rev,
                                gint64     *generation,
                                const char **hash);
gboolean  kap_revision_is_valid (const char *rev);

/* The deterministic revision id of a new revision: generation one above
 * @parent_rev (or 1), hex part the MD5 of
 *   parent_rev (or empty) NUL deleted ("1" or "0") NUL canonical body
 * where the canonical body leaves out the underscore members. Two laptops
 * that make the same edit on the same parent therefore make the same id.
 * A parent at generation G_MAXINT64 has no successor: NULL, with
 * KAP_STORE_ERROR_INVALID. */
char     *kap_revision_compute (const char  *parent_rev,
                                gboolean     deleted,
                                JsonObject  *body,
                                GError     **error) G_GNUC_WARN_UNUSED_RESULT;

/* CouchDB's winner order for two leaves: a live leaf beats a deleted one,
 * then the higher generation wins, then the higher id by byte order.
 * Returns > 0 when (@rev_a, @deleted_a) wins over (@rev_b, @deleted_b). */
int       kap_revision_compare_winner (const char *rev_a,
                                       gboolean    deleted_a,
                                       const char *rev_b,
                                       gboolean    deleted_b);

G_END_DECLS
