/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form-registry.h"
#include "kap-couch-peer.h"

G_BEGIN_DECLS

/* The national reference database (kapija-reference: forms, code lists,
 * services, interpreters, stations) on the laptop. It is pulled, never
 * pushed: laptops only read it (DESIGN.md, Sync). A newer form version
 * from the server becomes the one new records use; records keep the
 * version they were captured with. */

/* The laptop keeps the reference data in a store of its own beside the
 * records' store (kapija.db → kapija-reference.db): the replicator pushes
 * every document of a store, and a form, code list or station pushed into
 * a station's database would be refused there as an unknown type. The
 * reference store is a cache: deleting it only means pulling again. */
char                  *kap_reference_store_path (const char        *records_path) G_GNUC_WARN_UNUSED_RESULT;
/* Opens (with @create, creates when missing) the reference store beside
 * @records. */
KapStore              *kap_reference_open_store (KapStore          *records,
                                                 gboolean           create,
                                                 GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Pulls kapija-reference into @store (its own checkpoint, so the
 * station's sync is not disturbed), then loads its forms into @forms as
 * kap_reference_load_forms() does. Errors are the replicator's. */
KapReplicationSummary *kap_reference_pull       (KapStore          *store,
                                                 KapCouchClient    *client,
                                                 KapFormRegistry   *forms,
                                                 GPtrArray        **problems,
                                                 GCancellable      *cancellable,
                                                 GError           **error) G_GNUC_WARN_UNUSED_RESULT;

/* Adds every document of type "form" in @store to @forms: at start-up
 * (forms pulled earlier) and after a pull. A form that does not load is
 * skipped; @problems (may be NULL) receives one translated sentence per
 * such form (char *), naming the form and what is wrong. Returns how many
 * forms loaded, or -1 when the store could not be read (@error set). */
int                    kap_reference_load_forms (KapStore          *store,
                                                 KapFormRegistry   *forms,
                                                 GPtrArray        **problems,
                                                 GError           **error);

G_END_DECLS
