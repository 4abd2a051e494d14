/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KAP_CODES_ERROR (kap_codes_error_quark ())

typedef enum
{
  KAP_CODES_ERROR_MISSING,     /* the iso-codes file is not there or not readable */
  KAP_CODES_ERROR_MALFORMED,   /* it is there but is not the expected JSON */
} KapCodesError;

GQuark kap_codes_error_quark (void);

typedef enum
{
  KAP_CODE_KIND_COUNTRY,       /* ISO 3166-1 alpha-3, plus XKX and XXA */
  KAP_CODE_KIND_LANGUAGE,      /* ISO 639-3 individual languages and macrolanguages */
} KapCodeKind;

/* ISO 639-3 language type and scope, with the letters iso-codes uses;
 * 0 for countries. */
typedef enum
{
  KAP_LANGUAGE_TYPE_NONE        = 0,
  KAP_LANGUAGE_TYPE_LIVING      = 'L',
  KAP_LANGUAGE_TYPE_EXTINCT     = 'E',
  KAP_LANGUAGE_TYPE_ANCIENT     = 'A',
  KAP_LANGUAGE_TYPE_HISTORICAL  = 'H',
  KAP_LANGUAGE_TYPE_CONSTRUCTED = 'C',
} KapLanguageType;

typedef enum
{
  KAP_LANGUAGE_SCOPE_NONE          = 0,
  KAP_LANGUAGE_SCOPE_INDIVIDUAL    = 'I',
  KAP_LANGUAGE_SCOPE_MACROLANGUAGE = 'M',
} KapLanguageScope;

/* One entry of a code list; owned by the list, read-only. */
typedef struct
{
  const char       *code;            /* "SYR", "XKX", "prs" */
  const char       *alpha_2;         /* "SY", "ps", or NULL */
  const char       *name;            /* English: "Syria", "Kosovo*", "Dari" */
  const char       *localized_name;  /* in the locale the list was loaded in */
  const char       *note;            /* localized footnote (Kosovo*), or NULL */
  KapLanguageType   type;
  KapLanguageScope  scope;
} KapCode;

typedef struct _KapCodeList KapCodeList;

/* The shared lists, loaded on first use from Debian's iso-codes JSON
 * (KAP_ISO_CODES_DIR overrides the folder, for tests) and kept for the
 * life of the process: never free them. Thread-safe. Localized names
 * follow the locale (and LANGUAGE) of the moment of loading, so set the
 * locale first; a failed load is retried on the next call. Entries are in
 * code order. */
KapCodeList   *kap_code_list_countries   (GError     **error);
KapCodeList   *kap_code_list_languages   (GError     **error);

/* A private list from one JSON file (iso_3166-1.json or iso_639-3.json);
 * free it with kap_code_list_free(). */
KapCodeList   *kap_code_list_load        (KapCodeKind   kind,
                                          const char   *path,
                                          GError      **error) G_GNUC_WARN_UNUSED_RESULT;
void           kap_code_list_free        (KapCodeList  *list);

KapCodeKind    kap_code_list_get_kind    (KapCodeList  *list);
guint          kap_code_list_get_n       (KapCodeList  *list);
const KapCode *kap_code_list_get         (KapCodeList  *list,
                                          guint         position);
/* By alpha-3 code (or alpha-2), in any case; NULL if unknown. */
const KapCode *kap_code_list_lookup      (KapCodeList  *list,
                                          const char   *code);
/* Entries matching @query by code, English or localized name, ignoring
 * case, accents and script (kap_name_key()): the exact code first, then
 * names equal to the query, names starting with it, names whose words
 * start with the query's words, and last near misses (“Sirija” for
 * Сиријска). Within each group, living individual languages come before
 * macrolanguages and those before the others. Returns borrowed KapCode
 * pointers, at most @max of them (0: all). */
GPtrArray     *kap_code_list_search      (KapCodeList  *list,
                                          const char   *query,
                                          guint         max) G_GNUC_WARN_UNUSED_RESULT;

G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapCodeList, kap_code_list_free)

G_END_DECLS
