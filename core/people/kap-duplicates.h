/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-store.h"

G_BEGIN_DECLS

/* What is known of a person, either to look for (a query) or to index.
 * Every member may be NULL / unknown. Start from KAP_PERSON_QUERY_INIT so
 * that the age is unknown rather than 0. */
typedef struct
{
  const char *name_stated;     /* as stated or on the document, any script */
  const char *name_original;   /* in the original script (Arabic, Cyrillic…) */
  const char *date_of_birth;   /* "YYYY-MM-DD" */
  int         age_estimated;   /* years; < 0: unknown. Used without a date of birth */
  const char *age_date;        /* when the age was estimated ("YYYY-MM-DD…"); NULL: today */
  const char *nationality;     /* ISO 3166-1 alpha-3 (or XKX, XXA) */
  const char *exclude_id;      /* queries only: the person being edited, never a match */
} KapPersonQuery;

#define KAP_PERSON_QUERY_INIT { .age_estimated = -1 }

/* Why a person matched. */
typedef enum
{
  KAP_PERSON_MATCH_NAME_SAME        = 1 << 0,  /* the same words, in any script or order */
  KAP_PERSON_MATCH_NAME_SIMILAR     = 1 << 1,  /* score ≥ KAP_NAME_SIMILAR */
  KAP_PERSON_MATCH_DOB_SAME         = 1 << 2,
  KAP_PERSON_MATCH_DOB_WITHIN_YEAR  = 1 << 3,  /* both dates known, at most 366 days apart */
  KAP_PERSON_MATCH_AGE_BAND_SAME    = 1 << 4,  /* an estimated age: birth years ±2 */
  KAP_PERSON_MATCH_NATIONALITY_SAME = 1 << 5,
} KapPersonMatchReasons;

typedef struct
{
  char                  *id;
  double                 score;         /* 0-1, for ranking */
  double                 name_score;    /* kap_name_similarity() of the best pair of names */
  KapPersonMatchReasons  reasons;
  char                  *matched_name;  /* the indexed person's name that matched best */
} KapPersonMatch;

#define KAP_TYPE_PERSON_MATCH (kap_person_match_get_type ())
GType           kap_person_match_get_type (void) G_GNUC_CONST;
KapPersonMatch *kap_person_match_copy     (const KapPersonMatch *match);
void            kap_person_match_free     (KapPersonMatch       *match);
/* “Similar name (Милица Јовановић), born within a year, same nationality” */
char           *kap_person_match_describe (const KapPersonMatch *match) G_GNUC_WARN_UNUSED_RESULT;
G_DEFINE_AUTOPTR_CLEANUP_FUNC (KapPersonMatch, kap_person_match_free)

#define KAP_TYPE_PERSON_INDEX (kap_person_index_get_type ())
G_DECLARE_FINAL_TYPE (KapPersonIndex, kap_person_index, KAP, PERSON_INDEX, GObject)

/* An in-memory index of the persons in a store, for the duplicate check
 * before a new person is created. Answers in a few milliseconds over
 * 100,000 persons. Thread-safe: queries may run while another thread adds
 * or removes. */
KapPersonIndex *kap_person_index_new           (void) G_GNUC_WARN_UNUSED_RESULT;
/* Every live "person" document of @store. */
KapPersonIndex *kap_person_index_load          (KapStore              *store,
                                                GError               **error) G_GNUC_WARN_UNUSED_RESULT;

/* Loads every live person of @store into @self in a worker thread, so a
 * large store does not hold up start-up (1.8 s for 100,000 persons). A
 * person the index already has is kept as it is: it was added from a
 * change made since (the caller follows the store's changes from the
 * start). A person deleted during the load may come back until the next
 * start; the duplicate check then proposes it, and opening it says it was
 * deleted. */
void            kap_person_index_fill_async    (KapPersonIndex        *self,
                                                KapStore              *store,
                                                GCancellable          *cancellable,
                                                GAsyncReadyCallback    callback,
                                                gpointer               user_data);
gboolean        kap_person_index_fill_finish   (KapPersonIndex        *self,
                                                GAsyncResult          *result,
                                                GError               **error);

/* Keeps @self up to date with the persons of @store: every
 * "documents-changed" re-indexes the persons among the ids. Stops when
 * @self is finalized. */
void            kap_person_index_follow        (KapPersonIndex        *self,
                                                KapStore              *store);
/* Adds or replaces the person @id. */
void            kap_person_index_add           (KapPersonIndex        *self,
                                                const char            *id,
                                                const KapPersonQuery  *person);
/* Adds or replaces a "person" document (name_stated, name_original,
 * date_of_birth, age_estimated with created_at, nationality); a deleted
 * document is removed. Returns FALSE for documents of another type. */
gboolean        kap_person_index_add_document  (KapPersonIndex        *self,
                                                KapDocument           *document);
gboolean        kap_person_index_remove        (KapPersonIndex        *self,
                                                const char            *id);
guint           kap_person_index_get_n_persons (KapPersonIndex        *self);

/* Possible duplicates of @query, best first, at most @max (0: all), as
 * KapPersonMatch. A person matches with the same name (any script, any word
 * order), or with a similar name plus at least one of: the same or a close
 * date of birth, a matching estimated age, the same nationality. */
GPtrArray      *kap_person_index_find_matches  (KapPersonIndex        *self,
                                                const KapPersonQuery  *query,
                                                guint                  max) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
