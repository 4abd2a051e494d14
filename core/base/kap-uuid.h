/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A UUID version 7 (RFC 9562) in its 36-character text form: time-ordered,
 * generated offline, with a monotonic counter so that ids made within the
 * same millisecond still sort in creation order. */
char     *kap_uuid_v7_new        (void) G_GNUC_WARN_UNUSED_RESULT;
gboolean  kap_uuid_is_valid      (const char *text);
gint64    kap_uuid_v7_get_time   (const char *text);

G_END_DECLS
