/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form.h"

G_BEGIN_DECLS

/* How the pages of ui/sync/ word what sync and merge hand them: a clash's
 * value and its field as a person reads them, a rejection's advice, a
 * sync error. */

char       *kap_sync_value_to_text      (KapForm        *form,
                                         const char     *path,
                                         JsonNode       *value) G_GNUC_WARN_UNUSED_RESULT;
/* "Notes", or "Family Members · Item 2 · Name" for a member of a repeat
 * item; @document (nullable) is where the item's number is looked up. */
char       *kap_sync_path_label         (KapForm        *form,
                                         const char     *path,
                                         JsonObject     *document) G_GNUC_WARN_UNUSED_RESULT;
/* The form field of a clash path, or NULL (whole items, the document). */
KapFormField *kap_sync_path_field       (KapForm        *form,
                                         const char     *path);
/* What to do about a record the server refused for @reason. */
const char *kap_sync_rejection_advice   (const char     *reason);

/* Sync error → what the supervisor reads on the page. */
char       *kap_sync_error_text         (const GError   *error) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
