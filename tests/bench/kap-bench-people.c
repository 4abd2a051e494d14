/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "kap-bench-people.h"

static const char * const given_latin[] = {
  "Arben", "Besnik", "Drita", "Blerim", "Valbona", "Milica", "Marko", "Jovana", "Nikola", "Dragan",
  "Ahmad", "Mohammad", "Mohammed", "Muhammad", "Fatima", "Ayşe", "Mehmet", "Ali", "Hassan", "Omar",
  "Zahra", "Maryam", "Abdul", "Rahim", "Karim", "Yusuf", "Ibrahim", "Emre", "Elif", "Samir",
  "Bilal", "Imran", "Usman", "Shahid", "Ayesha", "Sana", "Khalid", "Mustafa", "Hamid", "Javad",
  "Reza", "Nasrin", "Farid", "Wahid", "Jamal", "Tariq", "Salim", "Amina", "Leyla", "Zeynep",
};
static const char * const family_latin[] = {
  "Krasniqi", "Hoxha", "Gashi", "Berisha", "Shala", "Jovanović", "Petrović", "Nikolić", "Marković",
  "Đorđević", "Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Ahmadi", "Karimi", "Rahimi", "Hosseini",
  "Mohammadi", "Khan", "Hussain", "Ahmed", "Al-Hassan", "Haddad", "Nasser", "Stanekzai", "Popal",
  "Noori", "Sultani", "Qureshi", "Butt", "Malik", "Chaudhry", "Rana", "El-Sayed", "Mansour",
  "Othman", "Khalil", "Saleh", "Aziz", "Habibi", "Safi", "Wardak", "Azizi", "Sharifi", "Jafari",
  "Ibrahimi", "Rezaei", "Hashemi",
};
static const char * const given_cyrillic[] = {
  "Милица", "Марко", "Јована", "Никола", "Драган", "Ана", "Ђорђе", "Љубица", "Стефан", "Јелена",
  "Милош", "Ивана", "Немања", "Драгана", "Његослав", "Зоран", "Весна", "Бојан", "Тамара", "Душан",
};
static const char * const family_cyrillic[] = {
  "Јовановић", "Петровић", "Николић", "Марковић", "Ђорђевић", "Стојановић", "Илић", "Станковић",
  "Павловић", "Милошевић", "Ковачевић", "Вуковић", "Џаферовић", "Љубичић", "Томић", "Лазић",
  "Поповић", "Живковић", "Јанковић", "Тодоровић",
};
static const char * const given_arabic[] = {
  "أحمد", "محمد", "فاطمة", "علي", "حسن", "عمر", "زهرة", "مريم", "يوسف", "إبراهيم",
  "خالد", "سمير", "حسين", "عائشة", "مصطفى", "سعيد", "نور", "ليلى", "طارق", "جمال",
};
static const char * const family_arabic[] = {
  "الحسن", "الخطيب", "حداد", "ناصر", "العلي", "الأحمد", "الشامي", "المصري", "يوسف", "عثمان",
  "منصور", "خليل", "صالح", "عزيز", "حبيبي", "صافي", "شريفي", "جعفري", "هاشمي", "رضائي",
};
/* Latin spellings for the Arabic-script persons' stated names. */
static const char * const given_arabic_latin[] = {
  "Ahmed", "Mohamed", "Fatima", "Ali", "Hasan", "Omar", "Zahra", "Mariam", "Yousef", "Ibrahim",
  "Khaled", "Samir", "Hussein", "Aisha", "Mustafa", "Said", "Nour", "Layla", "Tarek", "Jamal",
};
static const char * const family_arabic_latin[] = {
  "Al-Hassan", "Al-Khatib", "Haddad", "Nasser", "Al-Ali", "Al-Ahmad", "Al-Shami", "Al-Masri",
  "Youssef", "Othman", "Mansour", "Khalil", "Saleh", "Aziz", "Habibi", "Safi", "Sharifi", "Jafari",
  "Hashemi", "Rezaei",
};
static const char * const nationalities[] = {
  "AFG", "AFG", "AFG", "SYR", "SYR", "PAK", "PAK", "IRQ", "IRN", "BGD", "MAR", "TUR", "PSE", "XKX",
  "SRB", "BIH", "ALB", "XXA",
};


void
person_clear (Person *person)
{
  g_free (person->id);
  g_free (person->name_stated);
  g_free (person->name_original);
  g_free (person->date_of_birth);
  g_free (person->age_date);
  g_free (person->nationality);
}

#define PICK(rand, list) ((list)[g_rand_int_range ((rand), 0, G_N_ELEMENTS (list))])

/* One typing slip in the ASCII letters of @name: a letter replaced,
 * dropped or doubled. */
char *
typo (GRand      *rand,
      const char *name)
{
  GString *out = g_string_new (name);
  guint tries = 0;
  gsize pos;

  do
    pos = g_rand_int_range (rand, 1, MAX (out->len, 2));
  while (pos < out->len && !g_ascii_isalpha (out->str[pos]) && ++tries < 10);
  if (pos >= out->len || !g_ascii_isalpha (out->str[pos]))
    return g_string_free (out, FALSE);

  switch (g_rand_int_range (rand, 0, 3))
    {
    case 0:
      out->str[pos] = "aeioubdhklmnrst"[g_rand_int_range (rand, 0, 15)];
      break;
    case 1:
      g_string_erase (out, pos, 1);
      break;
    default:
      g_string_insert_c (out, pos, out->str[pos]);
      break;
    }

  return g_string_free (out, FALSE);
}

void
make_person (GRand  *rand,
             guint   n,
             Person *person)
{
  double script = g_rand_double (rand);
  gboolean middle = g_rand_double (rand) < 0.25;

  person->id = g_strdup_printf ("person:%08u", n);
  if (script < 0.45)
    {
      g_autofree char *name = middle
        ? g_strdup_printf ("%s %s %s", PICK (rand, given_latin), PICK (rand, given_latin),
                           PICK (rand, family_latin))
        : g_strdup_printf ("%s %s", PICK (rand, given_latin), PICK (rand, family_latin));

      person->name_stated = g_rand_double (rand) < 0.35 ? typo (rand, name) : g_strdup (name);
    }
  else if (script < 0.70)
    {
      person->name_stated = g_strdup_printf ("%s %s", PICK (rand, given_cyrillic), PICK (rand, family_cyrillic));
    }
  else
    {
      guint g = g_rand_int_range (rand, 0, G_N_ELEMENTS (given_arabic));
      guint f = g_rand_int_range (rand, 0, G_N_ELEMENTS (family_arabic));
      g_autofree char *latin = g_strdup_printf ("%s %s", given_arabic_latin[g], family_arabic_latin[f]);

      person->name_original = g_strdup_printf ("%s %s", given_arabic[g], family_arabic[f]);
      person->name_stated = g_rand_double (rand) < 0.35 ? typo (rand, latin) : g_strdup (latin);
    }

  if (g_rand_double (rand) < 0.7)
    {
      person->date_of_birth = g_strdup_printf ("%04d-%02d-%02d", g_rand_int_range (rand, 1950, 2024),
                                               g_rand_int_range (rand, 1, 13), g_rand_int_range (rand, 1, 29));
      person->age_estimated = -1;
    }
  else
    {
      person->age_estimated = g_rand_int_range (rand, 1, 70);
      person->age_date = g_strdup_printf ("2024-%02d-%02dT10:00:00Z", g_rand_int_range (rand, 1, 13),
                                          g_rand_int_range (rand, 1, 29));
    }
  person->nationality = g_strdup (PICK (rand, nationalities));
}

