/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The errors of server-setup (kap-server-setup.h) and of its CSV reader
 * (kap-server-csv.h), apart so that the reader needs nothing else of
 * server-setup. The quark is defined in kap-server-setup.c. */

#define KAP_SERVER_SETUP_ERROR (kap_server_setup_error_quark ())

typedef enum
{
  KAP_SERVER_SETUP_ERROR_INPUT,     /* a station or user list that is wrong */
  KAP_SERVER_SETUP_ERROR_SERVER,    /* the server refused a step of the set-up */
} KapServerSetupError;

GQuark kap_server_setup_error_quark (void);

G_END_DECLS
