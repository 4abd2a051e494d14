/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-store.h"

G_BEGIN_DECLS

/* Records the server refused (validate_doc_update's "forbidden", or too
 * large), with the server's reason, for the supervisor: "rejected by
 * server: <reason>". Kept in the store's _local document
 * "kapija-sync-rejections" ({"records": {id: {"rev", "reason",
 * "first_seen", "last_seen"}}}, times in seconds since 1970), which is
 * never replicated. Every push sends the records listed here again (the
 * server's rules or the record may have changed); an entry stays until
 * the server takes that record. */

#define KAP_SYNC_REJECTIONS_LOCAL_ID "kapija-sync-rejections"

/* id → {"rev": …, "reason": …, "first_seen": …, "last_seen": …}; an empty
 * object when nothing is refused. */
JsonObject *kap_sync_rejections_get_all    (KapStore            *store,
                                            GError             **error) G_GNUC_WARN_UNUSED_RESULT;
/* The server's reason when revision @rev of @id (NULL: any revision) was
 * refused, else NULL. */
char       *kap_sync_rejections_get_reason (KapStore            *store,
                                            const char          *id,
                                            const char          *rev) G_GNUC_WARN_UNUSED_RESULT;
/* Adds @rejected (id → {"rev", "reason"}, may be NULL; an id refused
 * before keeps its first_seen, both get last_seen now) and forgets the ids
 * in @accepted (may be NULL); writes only when something changed. */
gboolean    kap_sync_rejections_update     (KapStore            *store,
                                            JsonObject          *rejected,
                                            const char * const  *accepted,
                                            GError             **error);

G_END_DECLS
