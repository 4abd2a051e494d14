/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-revision"

#include "config.h"

#include "kap-canonical-json.h"
#include "kap-revision.h"

gboolean
kap_revision_parse (const char  *rev,
                    guint       *generation,
                    const char **hash)
{
  guint64 gen;
  char *end;

  if (rev == NULL || !g_ascii_isdigit (rev[0]))
    return FALSE;

  gen = g_ascii_strtoull (rev, &end, 10);
  if (*end != '-' || gen == 0 || gen > G_MAXINT32 || end[1] == '\0')
    return FALSE;

  /* Foreign revisions (CouchDB, PouchDB) are always hex, but be lenient
   * about their length; only the characters matter for the byte order. */
  for (const char *p = end + 1; *p; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;

  if (generation)
    *generation = (guint) gen;
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
kap_revision_compute (const char *parent_rev,
                      gboolean    deleted,
                      JsonObject *body)
{
  g_autoptr(GChecksum) md5 = g_checksum_new (G_CHECKSUM_MD5);
  g_autofree char *canonical = NULL;
  guint generation = 0;

  if (parent_rev != NULL && *parent_rev != '\0')
    {
      if (!kap_revision_parse (parent_rev, &generation, NULL))
        g_return_val_if_reached (NULL);
      g_checksum_update (md5, (const guchar *) parent_rev, -1);
    }
  g_checksum_update (md5, (const guchar *) "", 1);
  g_checksum_update (md5, (const guchar *) (deleted ? "1" : "0"), 2);

  canonical = body ? kap_canonical_json_object (body, TRUE) : g_strdup ("{}");
  g_checksum_update (md5, (const guchar *) canonical, -1);

  return g_strdup_printf ("%u-%s", generation + 1, g_checksum_get_string (md5));
}

int
kap_revision_compare_winner (const char *rev_a,
                             gboolean    deleted_a,
                             const char *rev_b,
                             gboolean    deleted_b)
{
  guint gen_a = 0, gen_b = 0;
  const char *hash_a = "", *hash_b = "";

  if (deleted_a != deleted_b)
    return deleted_a ? -1 : 1;

  kap_revision_parse (rev_a, &gen_a, &hash_a);
  kap_revision_parse (rev_b, &gen_b, &hash_b);

  if (gen_a != gen_b)
    return gen_a > gen_b ? 1 : -1;

  return strcmp (hash_a, hash_b);
}
