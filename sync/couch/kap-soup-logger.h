/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <libsoup/soup.h>

G_BEGIN_DECLS

/* A SoupLogger whose output goes to g_debug in the "kap-soup" log domain
 * (G_MESSAGES_DEBUG=kap-soup shows the traffic). It logs request lines and
 * headers only: bodies hold personal data and are never logged, and the
 * values of Cookie, Set-Cookie and Authorization are masked. */
SoupLogger *kap_soup_logger_new (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
