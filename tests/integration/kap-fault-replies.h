/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-fault-proxy.h"

G_BEGIN_DECLS

/* The replies of a hostile server that the fault proxy writes itself,
 * without its upstream (kap-fault-proxy.h lists them): endless, huge,
 * compressed or trickling bodies, silence, floods of headers, redirects,
 * a kept-alive connection closed under the client's next request.
 * Private to kap-fault-proxy.c. */
typedef struct
{
  KapFaultKind  kind;
  guint         value;
  guint64       size;
  const char   *location;
  const char   *body;          /* STALE_CONNECTION */
  GMainContext *context;       /* the proxy's, where timed writes run */
  gsize        *written;       /* body bytes written to the client, atomic */
} KapFaultReply;

/* Answers @msg as @reply says; FALSE for a kind it does not write. */
gboolean kap_fault_reply_write (SoupServerMessage   *msg,
                                const KapFaultReply *reply);

G_END_DECLS
