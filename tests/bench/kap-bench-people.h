/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Synthetic people for the benchmarks: given and family names in Latin,
 * Cyrillic and Arabic script (a third of the Latin spellings with a typo,
 * as typed at a counter), dates of birth or estimated ages, nationalities
 * of the route. Seeded, so every run makes the same people. No person
 * here exists. */
typedef struct
{
  char *id;
  char *name_stated;
  char *name_original;
  char *date_of_birth;
  int   age_estimated;
  char *age_date;
  char *nationality;
} Person;

void  person_clear (Person *person);
void  make_person  (GRand  *rand,
                    guint   n,
                    Person *person);
/* One typing slip in the ASCII letters of @name. */
char *typo         (GRand      *rand,
                    const char *name) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
