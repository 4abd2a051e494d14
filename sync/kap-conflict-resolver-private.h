/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-store.h"

G_BEGIN_DECLS

/* Shared by the files of the conflict resolver (kap-conflict-resolver*.c). */

/* Puts @value (NULL or a JSON null: absent) at the clash path @path of
 * @body ("name", "group.name", "repeat[item ID].name"); FALSE with
 * KAP_STORE_ERROR_INVALID when the path does not fit the body. */
gboolean kap_conflict_resolver_set_path (JsonObject  *body,
                                         const char  *path,
                                         JsonNode    *value,
                                         GError     **error);

/* Which of @leaves (KapDocument, in winner order) of @id is this
 * laptop's side: the one made here, or with several made here, the one
 * whose branch began here; 0 when none was (both came from elsewhere). */
gboolean kap_conflict_resolver_find_ours (KapStore    *store,
                                          const char  *id,
                                          GPtrArray   *leaves,
                                          guint       *ours,
                                          GError     **error);

G_END_DECLS
