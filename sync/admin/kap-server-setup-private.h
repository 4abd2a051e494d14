/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-server-setup.h"

G_BEGIN_DECLS

/* Shared by the files of KapServerSetup only: kap-server-setup.c (the
 * object, what to set up, the run), kap-server-databases.c (databases,
 * their security and design documents, the reference database with the
 * forms) and kap-server-accounts.c (the accounts in _users). */

#define USERS_DB      "_users"

typedef struct
{
  char *code;
  char *name;
} Station;

typedef struct
{
  char *name;
  char *role;
  char *station;
  char *password;
} User;

struct _KapServerSetup
{
  GObject         parent_instance;

  KapCouchClient *client;
  GPtrArray      *stations;   /* Station */
  GPtrArray      *users;      /* User */
  gboolean        reset_passwords;

  /* Of the last run. */
  GPtrArray      *changes;    /* char * */
  GPtrArray      *passwords;  /* KapServerPassword */
  GCancellable   *cancellable;
};

void      kap_server_setup_add_change      (KapServerSetup  *self,
                                            const char      *format,
                                            ...) G_GNUC_PRINTF (2, 3);
/* One request of the run (@body may be NULL). */
JsonNode *kap_server_setup_request         (KapServerSetup  *self,
                                            const char      *method,
                                            const char      *path,
                                            JsonObject      *body,
                                            guint           *status,
                                            GError         **error) G_GNUC_WARN_UNUSED_RESULT;
/* FALSE, with KAP_SERVER_SETUP_ERROR_SERVER naming @what. */
gboolean  kap_server_setup_refused         (guint            status,
                                            JsonNode        *reply,
                                            const char      *what,
                                            GError         **error);
gboolean  kap_server_setup_ensure_database (KapServerSetup  *self,
                                            const char      *database,
                                            GError         **error);
/* kapija-st-<code> with its security and validation. */
gboolean  kap_server_setup_station         (KapServerSetup  *self,
                                            Station         *station,
                                            GError         **error);
/* kapija-reference with its security, validation, the forms and the
 * stations. */
gboolean  kap_server_setup_reference       (KapServerSetup  *self,
                                            GError         **error);
/* The account of @user in _users. */
gboolean  kap_server_setup_user            (KapServerSetup  *self,
                                            User            *user,
                                            GError         **error);

G_END_DECLS
