/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-duplicates.h"
#include "kap-name-key-private.h"

G_BEGIN_DECLS

/* The index's insides, shared by its maintenance (kap-duplicates.c) and
 * the scoring (kap-duplicates-match.c). */

typedef struct
{
  char   *text;
  char   *skeleton;
  guint   len;
  GArray *postings;    /* guint32 person slots, ascending; may hold removed slots */
} Word;

typedef struct
{
  char    *key;
  guint32  words[KAP_NAME_MAX_WORDS];
  guint    n_words;
} NameKey;

enum { NAME_STATED, NAME_ORIGINAL, N_NAMES };

typedef struct
{
  char     *id;
  char     *names[N_NAMES];
  NameKey   keys[N_NAMES];
  guint32   dob;               /* Julian day; 0: unknown */
  int       birth_year;        /* from the date of birth or the estimated age; 0: unknown */
  gboolean  year_estimated;
  char      nationality[4];    /* alpha-3, upper case; "" unknown */
} Person;

struct _KapPersonIndex
{
  GObject      parent_instance;

  GRWLock      lock;
  GPtrArray   *persons;        /* Person slots; NULL where removed */
  GHashTable  *by_id;          /* id → slot + 1 */
  GPtrArray   *words;          /* Word by word id */
  GHashTable  *word_ids;       /* text → word id + 1 */
  guint        n_removed;
};

/* kap-duplicates.c: dates. */
guint32  kap_duplicates_parse_date (const char *text);
int      kap_duplicates_year_of    (guint32     julian);
int      kap_duplicates_today_year (void);

G_END_DECLS
