/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-codes"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "kap-codes.h"
#include "kap-json.h"
#include "kap-name-key-private.h"

G_DEFINE_QUARK (kap-codes-error-quark, kap_codes_error)

/* Query words this long or longer may match a name word approximately. */
#define FUZZY_MIN_LENGTH 4
/* Jaro-Winkler from which a query word is a near miss of a name word:
 * “Sirija” / sirijska 0.95, “afgan” / afghan 0.96, while three-letter
 * queries never go fuzzy (so “avg” finds nothing in English). */
#define FUZZY_THRESHOLD  0.88

typedef enum
{
  RANK_CODE,          /* the query is the code */
  RANK_NAME,          /* a name equals the query */
  RANK_NAME_PREFIX,   /* a name starts with the query */
  RANK_WORD_PREFIX,   /* every query word starts a word of one name */
  RANK_FUZZY,         /* every query word nearly matches a word of one name */
  RANK_NONE,
} Rank;

typedef struct
{
  KapCode   pub;         /* first: entries are handed out as KapCode */
  char     *code_key;    /* lower-case code */
  char     *alpha_2_key;
  char    **keys;        /* name keys of every name, English and localized, NULL-terminated */
  guint     preference;  /* 0 living individual language, 1 living macrolanguage, 2 other */
} Entry;

struct _KapCodeList
{
  KapCodeKind   kind;
  GStringChunk *strings;
  GArray       *entries;     /* of Entry */
  GHashTable   *by_code;     /* lower-case alpha-3 and alpha-2 → index + 1 */
};

static const struct
{
  const char *file;
  const char *member;
  const char *domain;
} kinds[] = {
  [KAP_CODE_KIND_COUNTRY]  = { "iso_3166-1.json", "3166-1", "iso_3166-1" },
  [KAP_CODE_KIND_LANGUAGE] = { "iso_639-3.json", "639-3", "iso_639-3" },
};

/* Codes iso-codes does not have: Kosovo (XK/XKX are the user-assigned codes
 * the EU and Eurostat use) and stateless persons (XXA, ICAO Doc 9303). */
static const struct
{
  const char *code;
  const char *alpha_2;
  const char *name;
  const char *note;
} extra_countries[] = {
  { "XKX", "XK",
    /* Translators: Kosovo, with the asterisk that points to the UNSCR 1244 note */
    N_("Kosovo*"),
    N_("* This designation is without prejudice to positions on status, and is in line "
       "with UNSCR 1244/1999 and the ICJ Opinion on the Kosovo declaration of independence.") },
  { "XXA", NULL, N_("Stateless"), NULL },
};

static void
bind_iso_codes_domains (void)
{
  static gsize bound = 0;

  if (g_once_init_enter (&bound))
    {
      const char * const *dirs = g_get_system_data_dirs ();
      g_autofree char *localedir = NULL;

      /* The translations live beside the JSON: <datadir>/locale, normally
       * /usr/share/locale. */
      for (guint i = 0; dirs[i] != NULL && localedir == NULL; i++)
        {
          g_autofree char *json = g_build_filename (dirs[i], "iso-codes", "json",
                                                    kinds[KAP_CODE_KIND_COUNTRY].file, NULL);

          if (g_file_test (json, G_FILE_TEST_IS_REGULAR))
            localedir = g_build_filename (dirs[i], "locale", NULL);
        }
      if (localedir == NULL)
        localedir = g_strdup ("/usr/share/locale");

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          bindtextdomain (kinds[i].domain, localedir);
          /* Names come out in UTF-8 whatever the locale's charset. */
          bind_textdomain_codeset (kinds[i].domain, "UTF-8");
        }

      g_once_init_leave (&bound, 1);
    }
}

static char *
find_json (KapCodeKind kind)
{
  const char *override = g_getenv ("KAP_ISO_CODES_DIR");
  const char * const *dirs;

  if (override != NULL && *override != '\0')
    return g_build_filename (override, kinds[kind].file, NULL);

  dirs = g_get_system_data_dirs ();
  for (guint i = 0; dirs[i] != NULL; i++)
    {
      char *path = g_build_filename (dirs[i], "iso-codes", "json", kinds[kind].file, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return path;
      g_free (path);
    }

  /* Not found: name the usual place in the error. */
  return g_build_filename ("/usr/share", "iso-codes", "json", kinds[kind].file, NULL);
}

static void
set_missing_error (GError     **error,
                   KapCodeKind  kind,
                   const char  *path,
                   const char  *reason)
{
  if (kind == KAP_CODE_KIND_COUNTRY)
    g_set_error (error, KAP_CODES_ERROR, KAP_CODES_ERROR_MISSING,
                 /* Translators: the first %s is a file name, the second the system's reason */
                 _("The list of countries “%s” cannot be read (%s); install the iso-codes package"),
                 path, reason);
  else
    g_set_error (error, KAP_CODES_ERROR, KAP_CODES_ERROR_MISSING,
                 /* Translators: the first %s is a file name, the second the system's reason */
                 _("The list of languages “%s” cannot be read (%s); install the iso-codes package"),
                 path, reason);
}

static void
set_malformed_error (GError     **error,
                     KapCodeKind  kind,
                     const char  *path,
                     const char  *detail)
{
  if (kind == KAP_CODE_KIND_COUNTRY)
    g_set_error (error, KAP_CODES_ERROR, KAP_CODES_ERROR_MALFORMED,
                 /* Translators: the first %s is a file name, the second what is wrong with it */
                 _("The list of countries “%s” is damaged (%s); reinstall the iso-codes package"),
                 path, detail);
  else
    g_set_error (error, KAP_CODES_ERROR, KAP_CODES_ERROR_MALFORMED,
                 /* Translators: the first %s is a file name, the second what is wrong with it */
                 _("The list of languages “%s” is damaged (%s); reinstall the iso-codes package"),
                 path, detail);
}

static const char *
string_member (JsonObject *object,
               const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The translation of @msgid in @domain, or NULL when there is none. */
static const char *
translate (const char *domain,
           const char *msgid)
{
  const char *translated;

  if (msgid == NULL)
    return NULL;

  /* g_dgettext() rather than dgettext(): when the application is not
   * translated into the user's language, GLib leaves every domain
   * untranslated, so a picker never shows Serbian country names inside
   * an English interface. */
  translated = g_dgettext (domain, msgid);

  return strcmp (translated, msgid) != 0 ? translated : NULL;
}

static void
add_key (GPtrArray  *keys,
         const char *name)
{
  char *key;

  if (name == NULL)
    return;

  key = kap_name_key (name);
  if (*key == '\0' || g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    {
      g_free (key);
      return;
    }
  g_ptr_array_add (keys, key);
}

static void
add_entry (KapCodeList      *list,
           const char       *code,
           const char       *alpha_2,
           const char       *english,
           const char       *localized,
           const char       *note,
           const char      **other_names,
           KapLanguageType   type,
           KapLanguageScope  scope)
{
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  Entry entry = { 0 };

  entry.pub.code = g_string_chunk_insert_const (list->strings, code);
  entry.pub.alpha_2 = alpha_2 != NULL ? g_string_chunk_insert_const (list->strings, alpha_2) : NULL;
  entry.pub.name = g_string_chunk_insert_const (list->strings, english);
  entry.pub.localized_name = g_string_chunk_insert_const (list->strings, localized);
  entry.pub.note = note != NULL ? g_string_chunk_insert_const (list->strings, note) : NULL;
  entry.pub.type = type;
  entry.pub.scope = scope;

  entry.code_key = g_ascii_strdown (code, -1);
  entry.alpha_2_key = alpha_2 != NULL ? g_ascii_strdown (alpha_2, -1) : NULL;

  add_key (keys, localized);
  add_key (keys, english);
  for (guint i = 0; other_names != NULL && other_names[i] != NULL; i++)
    add_key (keys, other_names[i]);
  g_ptr_array_add (keys, NULL);
  entry.keys = (char **) g_ptr_array_free (g_steal_pointer (&keys), FALSE);

  if (list->kind == KAP_CODE_KIND_COUNTRY)
    entry.preference = 0;
  else if (type == KAP_LANGUAGE_TYPE_LIVING && scope == KAP_LANGUAGE_SCOPE_INDIVIDUAL)
    entry.preference = 0;
  else if (type == KAP_LANGUAGE_TYPE_LIVING)
    entry.preference = 1;
  else
    entry.preference = 2;

  g_array_append_val (list->entries, entry);
}

static gboolean
add_iso_entry (KapCodeList  *list,
               JsonObject   *object)
{
  const char *domain = kinds[list->kind].domain;
  const char *code = string_member (object, "alpha_3");
  const char *name = string_member (object, "name");
  const char *common = string_member (object, "common_name");
  const char *official = string_member (object, "official_name");
  const char *type = string_member (object, "type");
  const char *scope = string_member (object, "scope");
  const char *english;
  const char *localized;
  const char *others[5] = { 0 };
  guint n_others = 0;

  if (code == NULL || name == NULL)
    return FALSE;

  if (list->kind == KAP_CODE_KIND_LANGUAGE)
    {
      /* Individual languages and macrolanguages; the four special codes
       * (mis, mul, und, zxx) are not languages one can interpret. */
      if (scope == NULL || type == NULL || strlen (scope) != 1 || strlen (type) != 1)
        return FALSE;
      if (scope[0] != KAP_LANGUAGE_SCOPE_INDIVIDUAL && scope[0] != KAP_LANGUAGE_SCOPE_MACROLANGUAGE)
        return TRUE;
    }

  /* The short everyday name where there is one (Syria, not Syrian Arab
   * Republic); its translation if it has one, else the translation of the
   * formal name (Serbian translates only Сиријска Арапска Република). */
  english = common != NULL ? common : name;
  localized = translate (domain, common);
  if (localized == NULL)
    localized = translate (domain, name);
  if (localized == NULL)
    localized = english;

  /* Every name and translation is searchable. */
  {
    const char *candidates[] = {
      name, official, translate (domain, name), translate (domain, official),
    };

    for (guint i = 0; i < G_N_ELEMENTS (candidates); i++)
      if (candidates[i] != NULL)
        others[n_others++] = candidates[i];
    others[n_others] = NULL;
  }

  add_entry (list, code, string_member (object, "alpha_2"), english, localized, NULL, others,
             list->kind == KAP_CODE_KIND_LANGUAGE ? type[0] : KAP_LANGUAGE_TYPE_NONE,
             list->kind == KAP_CODE_KIND_LANGUAGE ? scope[0] : KAP_LANGUAGE_SCOPE_NONE);

  return TRUE;
}

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const Entry *ea = a;
  const Entry *eb = b;

  return strcmp (ea->code_key, eb->code_key);
}

static void
clear_entry (gpointer data)
{
  Entry *entry = data;

  g_free (entry->code_key);
  g_free (entry->alpha_2_key);
  g_strfreev (entry->keys);
}

void
kap_code_list_free (KapCodeList *list)
{
  if (list == NULL)
    return;

  g_array_unref (list->entries);
  g_hash_table_unref (list->by_code);
  g_string_chunk_free (list->strings);
  g_free (list);
}

KapCodeList *
kap_code_list_load (KapCodeKind   kind,
                    const char   *path,
                    GError      **error)
{
  g_autoptr(KapCodeList) list = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  JsonNode *array_node;
  JsonArray *array;

  g_return_val_if_fail (kind == KAP_CODE_KIND_COUNTRY || kind == KAP_CODE_KIND_LANGUAGE, NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  bind_iso_codes_domains ();

  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      set_missing_error (error, kind, path, local_error->message);
      return NULL;
    }

  root = kap_json_parse (contents, length, NULL, &local_error);
  if (root == NULL)
    {
      set_malformed_error (error, kind, path, local_error->message);
      return NULL;
    }

  if (!JSON_NODE_HOLDS_OBJECT (root) ||
      (array_node = json_object_get_member (json_node_get_object (root), kinds[kind].member)) == NULL ||
      !JSON_NODE_HOLDS_ARRAY (array_node))
    {
      /* Translators: %s is a JSON member name such as “3166-1” */
      g_autofree char *detail = g_strdup_printf (_("no “%s” list"), kinds[kind].member);

      set_malformed_error (error, kind, path, detail);
      return NULL;
    }
  array = json_node_get_array (array_node);

  list = g_new0 (KapCodeList, 1);
  list->kind = kind;
  list->strings = g_string_chunk_new (64 * 1024);
  list->entries = g_array_sized_new (FALSE, TRUE, sizeof (Entry), json_array_get_length (array) + 2);
  g_array_set_clear_func (list->entries, clear_entry);
  list->by_code = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node) || !add_iso_entry (list, json_node_get_object (node)))
        {
          /* Translators: %u is the position of an entry in the file */
          g_autofree char *detail = g_strdup_printf (_("entry %u has no code or name"), i + 1);

          set_malformed_error (error, kind, path, detail);
          return NULL;
        }
    }

  if (list->entries->len == 0)
    {
      set_malformed_error (error, kind, path, _("the list is empty"));
      return NULL;
    }

  if (kind == KAP_CODE_KIND_COUNTRY)
    {
      for (guint i = 0; i < G_N_ELEMENTS (extra_countries); i++)
        {
          const char *others[] = { NULL };
          gboolean known = FALSE;

          /* A later iso-codes may add them; the file wins then. */
          for (guint j = 0; j < list->entries->len && !known; j++)
            known = strcmp (g_array_index (list->entries, Entry, j).pub.code,
                            extra_countries[i].code) == 0;
          if (known)
            continue;

          add_entry (list, extra_countries[i].code, extra_countries[i].alpha_2,
                     extra_countries[i].name, _(extra_countries[i].name),
                     extra_countries[i].note != NULL ? _(extra_countries[i].note) : NULL,
                     others, KAP_LANGUAGE_TYPE_NONE, KAP_LANGUAGE_SCOPE_NONE);
        }
    }

  g_array_sort (list->entries, compare_entries);

  for (guint i = 0; i < list->entries->len; i++)
    {
      Entry *entry = &g_array_index (list->entries, Entry, i);

      g_hash_table_replace (list->by_code, entry->code_key, GUINT_TO_POINTER (i + 1));
      if (entry->alpha_2_key != NULL)
        g_hash_table_insert (list->by_code, entry->alpha_2_key, GUINT_TO_POINTER (i + 1));
    }

  g_debug ("Loaded %u %s from %s", list->entries->len,
           kind == KAP_CODE_KIND_COUNTRY ? "countries" : "languages", path);

  return g_steal_pointer (&list);
}

static KapCodeList *
get_shared (KapCodeKind   kind,
            GError      **error)
{
  static GMutex lock;
  static KapCodeList *shared[G_N_ELEMENTS (kinds)];
  KapCodeList *list;

  g_mutex_lock (&lock);
  if (shared[kind] == NULL)
    {
      g_autofree char *path = find_json (kind);

      shared[kind] = kap_code_list_load (kind, path, error);
    }
  list = shared[kind];
  g_mutex_unlock (&lock);

  return list;
}

KapCodeList *
kap_code_list_countries (GError **error)
{
  return get_shared (KAP_CODE_KIND_COUNTRY, error);
}

KapCodeList *
kap_code_list_languages (GError **error)
{
  return get_shared (KAP_CODE_KIND_LANGUAGE, error);
}

KapCodeKind
kap_code_list_get_kind (KapCodeList *list)
{
  g_return_val_if_fail (list != NULL, KAP_CODE_KIND_COUNTRY);

  return list->kind;
}

guint
kap_code_list_get_n (KapCodeList *list)
{
  g_return_val_if_fail (list != NULL, 0);

  return list->entries->len;
}

const KapCode *
kap_code_list_get (KapCodeList *list,
                   guint        position)
{
  g_return_val_if_fail (list != NULL, NULL);

  if (position >= list->entries->len)
    return NULL;

  return &g_array_index (list->entries, Entry, position).pub;
}

const KapCode *
kap_code_list_lookup (KapCodeList *list,
                      const char  *code)
{
  g_autofree char *lower = NULL;
  guint position;

  g_return_val_if_fail (list != NULL, NULL);

  if (code == NULL)
    return NULL;

  lower = g_ascii_strdown (code, -1);
  position = GPOINTER_TO_UINT (g_hash_table_lookup (list->by_code, lower));

  return position > 0 ? &g_array_index (list->entries, Entry, position - 1).pub : NULL;
}

/* Whether one word of @key starts with @word. */
static gboolean
has_word_prefix (const char *key,
                 const char *word,
                 gsize       word_len)
{
  for (const char *p = key; p != NULL; p = strchr (p, ' '))
    {
      if (*p == ' ')
        p++;
      if (strncmp (p, word, word_len) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The best near-miss score of @word against the words of @key: each name
 * word is compared whole and cut to the query word's length plus one, so a
 * query that is a misspelt beginning (“afgan”) still meets the word. */
static double
best_fuzzy (const char *key,
            const char *word,
            gsize       word_len)
{
  double best = 0.0;
  const char *p = key;

  while (*p != '\0')
    {
      const char *end = strchr (p, ' ');
      gsize len = end != NULL ? (gsize) (end - p) : strlen (p);

      best = MAX (best, kap_name_jaro_winkler (word, word_len, p, len));
      if (len > word_len + 1)
        best = MAX (best, kap_name_jaro_winkler (word, word_len, p, word_len + 1));

      if (end == NULL)
        break;
      p = end + 1;
    }

  return best;
}

typedef struct
{
  const Entry *entry;
  Rank         rank;
  double       score;
} Hit;

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const Hit *ha = a;
  const Hit *hb = b;

  if (ha->rank != hb->rank)
    return ha->rank < hb->rank ? -1 : 1;
  /* Among near misses the closer one wins before the kind of language. */
  if (ha->rank == RANK_FUZZY && ha->score != hb->score)
    return ha->score > hb->score ? -1 : 1;
  if (ha->entry->preference != hb->entry->preference)
    return ha->entry->preference < hb->entry->preference ? -1 : 1;
  if (ha->score != hb->score)
    return ha->score > hb->score ? -1 : 1;
  /* keys[0] is the localized name's key: alphabetical in the UI's terms. */
  return g_strcmp0 (ha->entry->keys[0], hb->entry->keys[0]);
}

GPtrArray *
kap_code_list_search (KapCodeList *list,
                      const char  *query,
                      guint        max)
{
  g_autofree char *query_key = NULL;
  g_autofree char *words_buf = NULL;
  char *words[KAP_NAME_MAX_WORDS];
  guint lengths[KAP_NAME_MAX_WORDS];
  guint n_words;
  g_autoptr(GArray) hits = NULL;
  GPtrArray *result;

  g_return_val_if_fail (list != NULL, NULL);

  result = g_ptr_array_new ();
  query_key = kap_name_key (query);
  if (*query_key == '\0')
    return result;

  words_buf = g_strdup (query_key);
  n_words = kap_name_split_key (words_buf, words, lengths);
  hits = g_array_new (FALSE, FALSE, sizeof (Hit));

  for (guint i = 0; i < list->entries->len; i++)
    {
      const Entry *entry = &g_array_index (list->entries, Entry, i);
      Hit hit = { entry, RANK_NONE, 0.0 };

      if (strcmp (entry->code_key, query_key) == 0 ||
          g_strcmp0 (entry->alpha_2_key, query_key) == 0)
        hit.rank = RANK_CODE;

      for (guint k = 0; entry->keys[k] != NULL && hit.rank > RANK_NAME; k++)
        {
          const char *key = entry->keys[k];
          gboolean all_prefix = TRUE;
          double fuzzy = 1.0;

          if (strcmp (key, query_key) == 0)
            {
              hit.rank = RANK_NAME;
              break;
            }
          if (g_str_has_prefix (key, query_key))
            {
              hit.rank = MIN (hit.rank, RANK_NAME_PREFIX);
              continue;
            }
          if (hit.rank <= RANK_WORD_PREFIX)
            continue;

          for (guint w = 0; w < n_words; w++)
            {
              if (has_word_prefix (key, words[w], lengths[w]))
                continue;
              all_prefix = FALSE;
              if (lengths[w] < FUZZY_MIN_LENGTH)
                {
                  fuzzy = 0.0;
                  break;
                }
              fuzzy = MIN (fuzzy, best_fuzzy (key, words[w], lengths[w]));
              if (fuzzy < FUZZY_THRESHOLD)
                break;
            }

          if (all_prefix)
            hit.rank = RANK_WORD_PREFIX;
          else if (fuzzy >= FUZZY_THRESHOLD)
            {
              hit.rank = RANK_FUZZY;
              hit.score = MAX (hit.score, fuzzy);
            }
        }

      if (hit.rank != RANK_NONE)
        g_array_append_val (hits, hit);
    }

  g_array_sort (hits, compare_hits);

  for (guint i = 0; i < hits->len && (max == 0 || i < max); i++)
    g_ptr_array_add (result, (gpointer) &g_array_index (hits, Hit, i).entry->pub);

  return result;
}
