/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-couch-client.h"
#include "kap-server-error.h"

G_BEGIN_DECLS

/* The national server's layout (DESIGN.md, Sync), as `kapija-cli
 * server-setup` creates it, idempotently: running it again changes
 * nothing and reports no change.
 *
 *  - one database per station, kapija-st-<code in lower case>, whose
 *    _security lets in the role station:<code> (members) and kapija_admin
 *    (admins), with _design/kapija whose validate_doc_update (in
 *    sync/design/, the station's code written into it) rejects unknown
 *    types, records of another station, changed authorship, and review or
 *    deletion by a non-supervisor;
 *  - kapija-reference, readable by every kapija role and written only by
 *    administrators (its own validate_doc_update), holding the shipped
 *    forms as "form:<form_id>@<version>" and the stations as
 *    "station:<code>";
 *  - accounts in _users with the roles kapija_officer or kapija_supervisor
 *    and station:<code>. A password is only set for a new account (or with
 *    reset-passwords); a missing one is generated, and returned once by
 *    kap_server_setup_get_passwords().
 *
 * The client must carry a server administrator's credentials. */

#define KAP_SERVER_ROLE_OFFICER    "kapija_officer"
#define KAP_SERVER_ROLE_SUPERVISOR "kapija_supervisor"
#define KAP_SERVER_ROLE_ADMIN      "kapija_admin"

/* A password generated for a new account. */
typedef struct
{
  char *name;
  char *password;
} KapServerPassword;

void kap_server_password_free (KapServerPassword *password);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapServerPassword, kap_server_password_free)

#define KAP_TYPE_SERVER_SETUP (kap_server_setup_get_type ())
G_DECLARE_FINAL_TYPE (KapServerSetup, kap_server_setup, KAP, SERVER_SETUP, GObject)

KapServerSetup *kap_server_setup_new                (KapCouchClient  *client) G_GNUC_WARN_UNUSED_RESULT;

/* @name may be NULL. */
gboolean        kap_server_setup_add_station        (KapServerSetup  *self,
                                                     const char      *code,
                                                     const char      *name,
                                                     GError         **error);
/* @role: "officer", "supervisor" or the role names above; @station must
 * have been added; @password NULL or "" generates one for a new account. */
gboolean        kap_server_setup_add_user           (KapServerSetup  *self,
                                                     const char      *name,
                                                     const char      *role,
                                                     const char      *station,
                                                     const char      *password,
                                                     GError         **error);
/* CSV: "code,name" (stations) and "name,role,station,password" (users),
 * each with an optional header line of these words. Errors name the line. */
gboolean        kap_server_setup_load_stations      (KapServerSetup  *self,
                                                     const char      *csv,
                                                     GError         **error);
gboolean        kap_server_setup_load_users         (KapServerSetup  *self,
                                                     const char      *csv,
                                                     GError         **error);
void            kap_server_setup_set_reset_passwords (KapServerSetup *self,
                                                     gboolean         reset);

/* Logs in and brings the server to the layout above. Errors:
 * KAP_SYNC_ERROR (unreachable, auth, forbidden, server, malformed) or
 * KAP_SERVER_SETUP_ERROR_SERVER. What was done before an error stays;
 * running again finishes the job. */
gboolean        kap_server_setup_run                (KapServerSetup  *self,
                                                     GCancellable    *cancellable,
                                                     GError         **error);
/* What the last run changed, one translated sentence each (char *);
 * empty when the server was set up already. */
GPtrArray      *kap_server_setup_get_changes        (KapServerSetup  *self);
/* The passwords the last run generated (KapServerPassword). */
GPtrArray      *kap_server_setup_get_passwords      (KapServerSetup  *self);

/* The validate_doc_update source installed in @code's database. */
char           *kap_server_setup_station_validation (const char      *code) G_GNUC_WARN_UNUSED_RESULT;
char           *kap_server_setup_reference_validation (void) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
