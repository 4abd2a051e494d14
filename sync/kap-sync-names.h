/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Station codes are what a country assigns (e.g. "RS-PRE", "BA_USK1"):
 * 2 to 16 ASCII letters, digits, '-' or '_', starting with a letter. */
gboolean  kap_sync_station_code_is_valid   (const char *code);

/* The national server keeps one database per station (DESIGN.md, Sync):
 * "kapija-st-<station code in lower case>", with '_' kept, which CouchDB
 * allows in database names. Returns NULL for an invalid code. */
char     *kap_sync_station_database_name   (const char *code) G_GNUC_WARN_UNUSED_RESULT;

/* The role that may read and write a station's database. */
char     *kap_sync_station_role            (const char *code) G_GNUC_WARN_UNUSED_RESULT;

#define KAP_SYNC_REFERENCE_DATABASE "kapija-reference"

G_END_DECLS
