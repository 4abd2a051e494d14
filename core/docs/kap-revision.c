/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-revision"

#include "config.h"

#include <errno.h>

#include <glib/gi18n-lib.h>

#include "kap-canonical-json.h"
#include "kap-revision.h"
#include "kap-store.h"

gboolean
kap_revision_parse (const char  *rev,
                    gint64      *generation,
                    const char **hash)
{
  guint64 gen;
  char *end;

  if (rev == NULL || !g_ascii_isdigit (rev[0]))
    return FALSE;

  /* CouchDB's generations are arbitrary positive integers; int64 is what
   * SQLite and JSON numbers carry exactly. */
  errno = 0;
  gen = g_ascii_strtoull (rev, &end, 10);
  if (errno != 0 || *end != '-' || gen == 0 || gen > G_MAXINT64 || end[1] == '\0')
    return FALSE;

  /* Foreign revisions (CouchDB, PouchDB) are always hex, but be lenient
   * about their length; only the characters matter for the byte order. */
  for (const char *p = end + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  if (generation)
    *generation = (gint64) gen;
  if (hash)
    *hash = end + 1;

  return TRUE;
}

gboolean
kap_revision_is_valid (const char *rev)
{
  return kap_revision_parse (rev, NULL, NULL);
}

char *
kap_revision_compute (const char  *parent_rev,
                      gboolean     deleted,
                      JsonObject  *body,
                      GError     **error)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *canonical = NULL;
  gint64 generation = 0;

  if (parent_rev != NULL && *parent_rev != '\0')
    {
      if (!kap_revision_parse (parent_rev, &generation, NULL))
        g_return_val_if_reached (NULL);
      /* The next one would not fit: refuse rather than wrap to a
       * generation no peer would accept (or order correctly). */
      if (generation == G_MAXINT64)
        {
          g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_INVALID,
                               _("The record has reached the highest revision number and "
                                 "cannot be changed any more"));
          return NULL;
        }
      g_checksum_update (md5, (const guchar *) parent_rev, -1);
    }
  g_checksum_update (md5, (const guchar *) "", 1);
  g_checksum_update (md5, (const guchar *) (deleted ? "1" : "0"), 2);

  canonical = body ? kap_canonical_json_object (body, TRUE) : g_strdup ("{}");
  g_checksum_update (md5, (const guchar *) canonical, -1);

  return g_strdup_printf ("%" G_GINT64_FORMAT "-%s", generation + 1, g_checksum_get_string (md5));
}

int
kap_revision_compare_winner (const char *rev_a,
                             gboolean    deleted_a,
                             const char *rev_b,
                             gboolean    deleted_b)
{
  gint64 gen_a = 0, gen_b = 0;
  const char *hash_a = "", *hash_b = "";

  if (deleted_a != deleted_b)
    return deleted_a ? -1 : 1;

  kap_revision_parse (rev_a, &gen_a, &hash_a);
  kap_revision_parse (rev_b, &gen_b, &hash_b);

  if (gen_a != gen_b)
    return gen_a > gen_b ? 1 : -1;

  return strcmp (hash_a, hash_b);
}
