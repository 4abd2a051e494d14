/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <string.h>

#include "kap-form-registry.h"

/* The shipped forms speak the languages of the region: every text an
 * officer reads is in Albanian, Macedonian, Serbian (both scripts),
 * Bosnian and Turkish, and what is read to the person for consent is also
 * in Arabic, Persian, Pashto and Urdu. A missing text would silently fall
 * back to English at the counter, so each one is checked here, through the
 * form API the UI uses and in the raw JSON the translators edit. */

#define FORMS_PATH "/io/github/kapija/Kapija/forms/"
#define DRAFT_STATUS "machine-assisted draft; needs review by a native speaker"

static KapFormRegistry *registry;

static const char *form_ids[] = {
  "person", "screening", "return_interest", "referral", "interpreter_session",
};

/* In the order the members appear in each text object, after "en". */
static const char * const officer_languages[] = { "sq", "mk", "sr", "sr-Latn", "bs", "tr", NULL };
static const char * const consent_languages[] = { "ar", "fa", "ps", "ur", NULL };

/* Whole texts that are rightly the same as the English: names and codes. */
static const char * const same_as_english[] = { "IOM", NULL };

/* The consent questions and explanations, read to or by the person. */
static const struct
{
  const char *form_id;
  const char *fields;   /* space-separated field names */
  const char *lists;    /* space-separated choice lists */
} consent_texts[] = {
  { "screening", "consent_note consent_given consent_giver consent_scope", "consent_giver consent_scope" },
  { "return_interest", "data_recipients consent_type voluntariness_declared medical_data_consent",
    "data_recipients consent_type" },
  { "referral", "consent_hlt consent_mhp consent_cpg consent_leg consent_shl consent_ath consent_gbv "
    "consent_ftr consent_asy consent_avr", "" },
};

/* Serbian Cyrillic to Latin, letter by letter (the official one-to-one
 * correspondence; љ, њ and џ become two letters). */
static const struct
{
  gunichar    cyrillic;
  const char *latin;
} serbian_letters[] = {
  { 0x0430, "a" }, { 0x0431, "b" }, { 0x0432, "v" }, { 0x0433, "g" }, { 0x0434, "d" },
  { 0x0452, "đ" }, { 0x0435, "e" }, { 0x0436, "ž" }, { 0x0437, "z" }, { 0x0438, "i" },
  { 0x0458, "j" }, { 0x043A, "k" }, { 0x043B, "l" }, { 0x0459, "lj" }, { 0x043C, "m" },
  { 0x043D, "n" }, { 0x045A, "nj" }, { 0x043E, "o" }, { 0x043F, "p" }, { 0x0440, "r" },
  { 0x0441, "s" }, { 0x0442, "t" }, { 0x045B, "ć" }, { 0x0443, "u" }, { 0x0444, "f" },
  { 0x0445, "h" }, { 0x0446, "c" }, { 0x0447, "č" }, { 0x045F, "dž" }, { 0x0448, "š" },
};

static char *
serbian_to_latin (const char *cyrillic)
{
  GString *latin = g_string_new (NULL);

  for (const char *p = cyrillic; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar lower = g_unichar_tolower (c);
      const char *letter = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (serbian_letters) && !letter; i++)
        if (serbian_letters[i].cyrillic == lower)
          letter = serbian_letters[i].latin;

      if (letter == NULL)
        g_string_append_unichar (latin, c);
      else if (lower == c)
        g_string_append (latin, letter);
      else
        {
          /* Љ → Lj, Џ → Dž: only the first letter is a capital. */
          g_string_append_unichar (latin, g_unichar_toupper (g_utf8_get_char (letter)));
          g_string_append (latin, g_utf8_next_char (letter));
        }
    }

  return g_string_free (latin, FALSE);
}

static gboolean
has_script (const char     *text,
            GUnicodeScript  script)
{
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    if (g_unichar_get_script (g_utf8_get_char (p)) == script)
      return TRUE;

  return FALSE;
}

static gboolean
is_same_as_english (const char *text)
{
  return g_strv_contains (same_as_english, text);
}

/* @text is @english in @language: present, not the English fallback, and
 * in the script of the language. */
static void
check_text (const char *where,
            const char *language,
            const char *english,
            const char *text)
{
  if (text == NULL || *text == '\0')
    {
      g_test_fail_printf ("%s: no “%s” text for “%s”", where, language, english);
      return;
    }

  if (g_str_equal (text, english) && !is_same_as_english (text))
    {
      g_test_fail_printf ("%s: “%s” is still English: “%s”", where, language, text);
      return;
    }

  if (is_same_as_english (text))
    return;

  if (g_str_equal (language, "mk") || g_str_equal (language, "sr"))
    {
      if (!has_script (text, G_UNICODE_SCRIPT_CYRILLIC))
        g_test_fail_printf ("%s: “%s” text is not in Cyrillic: “%s”", where, language, text);
    }
  else if (g_strv_contains (consent_languages, language))
    {
      if (!has_script (text, G_UNICODE_SCRIPT_ARABIC))
        g_test_fail_printf ("%s: “%s” text is not in Arabic script: “%s”", where, language, text);
    }
  else if (has_script (text, G_UNICODE_SCRIPT_CYRILLIC) || !has_script (text, G_UNICODE_SCRIPT_LATIN))
    g_test_fail_printf ("%s: “%s” text is not in Latin script: “%s”", where, language, text);
}

/* Through the form API */

static void
check_field (KapForm      *form,
             KapFormField *field,
             const char   *language)
{
  const char *name = kap_form_field_get_name (field);
  const char *list = kap_form_field_get_choice_list (field);
  g_autofree char *where = g_strdup_printf ("%s: %s", kap_form_get_form_id (form), name);
  const char *english_hint = kap_form_field_get_hint (field, "en");

  check_text (where, language, kap_form_field_get_label (field, "en"),
              kap_form_field_get_label (field, language));

  if (english_hint != NULL)
    check_text (where, language, english_hint, kap_form_field_get_hint (field, language));

  /* The code lists (“@countries”, “@languages”) come from kap-codes. */
  if (list != NULL && list[0] != '@')
    {
      GPtrArray *choices = kap_form_get_choices (form, list);

      g_assert_nonnull (choices);
      g_assert_cmpuint (choices->len, >, 0);
      for (guint i = 0; i < choices->len; i++)
        {
          KapChoice *choice = g_ptr_array_index (choices, i);
          g_autofree char *choice_where = g_strdup_printf ("%s = %s", where, choice->value);

          check_text (choice_where, language,
                      kap_form_field_get_choice_label (field, choice->value, "en"),
                      kap_form_field_get_choice_label (field, choice->value, language));
        }
    }

  for (guint i = 0; i < kap_form_field_get_n_children (field); i++)
    check_field (form, kap_form_field_get_child (field, i), language);
}

static void
test_api_language (gconstpointer data)
{
  const char *language = data;

  for (guint i = 0; i < G_N_ELEMENTS (form_ids); i++)
    {
      KapForm *form = kap_form_registry_get_latest (registry, form_ids[i]);

      g_assert_nonnull (form);
      check_text (form_ids[i], language, kap_form_get_title (form, "en"),
                  kap_form_get_title (form, language));
      for (guint j = 0; j < kap_form_get_n_fields (form); j++)
        check_field (form, kap_form_get_field (form, j), language);
    }
}

/* In the raw JSON */

static JsonNode *
load_raw (const char *form_id)
{
  g_autofree char *path = g_strconcat (FORMS_PATH, form_id, ".json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize size;
  const char *data;

  bytes = g_resources_lookup_data (path, G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &size);
  json_parser_load_from_data (parser, data, size, &error);
  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (json_parser_get_root (parser)));

  return json_node_copy (json_parser_get_root (parser));
}

typedef void (*TextsFunc) (const char *where,
                           JsonObject *texts,
                           gpointer    user_data);

static gboolean
is_texts_member (const char *name)
{
  return g_str_equal (name, "title") || g_str_equal (name, "label") ||
         g_str_equal (name, "hint") || g_str_equal (name, "constraint_message");
}

/* Calls @func for every translatable text object under @node. */
static void
foreach_texts (JsonNode   *node,
               const char *where,
               TextsFunc   func,
               gpointer    user_data)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        foreach_texts (json_array_get_element (array, i), where, func, user_data);
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *object = json_node_get_object (node);
      const char *name = json_object_get_string_member_with_default (object, "name", NULL);
      const char *value = json_object_get_string_member_with_default (object, "value", NULL);
      g_autofree char *here = g_strdup_printf ("%s%s%s", where,
                                               name ? "/" : (value ? "=" : ""),
                                               name ? name : (value ? value : ""));
      g_autoptr(GList) members = json_object_get_members (object);

      for (GList *l = members; l; l = l->next)
        {
          JsonNode *member = json_object_get_member (object, l->data);
          g_autofree char *member_where = g_strdup_printf ("%s.%s", here, (const char *) l->data);

          if (is_texts_member (l->data) && JSON_NODE_HOLDS_OBJECT (member))
            func (member_where, json_node_get_object (member), user_data);
          else if (g_str_equal (l->data, "choices") && JSON_NODE_HOLDS_OBJECT (member))
            {
              /* Name each choice by its list. */
              JsonObject *lists = json_node_get_object (member);
              g_autoptr(GList) names = json_object_get_members (lists);

              for (GList *n = names; n; n = n->next)
                {
                  g_autofree char *list_where = g_strdup_printf ("%s.%s", member_where, (const char *) n->data);
                  foreach_texts (json_object_get_member (lists, n->data), list_where, func, user_data);
                }
            }
          else
            foreach_texts (member, member_where, func, user_data);
        }
    }
}

static const char *
get_text (JsonObject *texts,
          const char *language)
{
  return json_object_get_string_member_with_default (texts, language, NULL);
}

static void
check_raw_texts (const char *where,
                 JsonObject *texts,
                 gpointer    user_data)
{
  GHashTable *languages_seen = user_data;
  const char *english = get_text (texts, "en");
  const char *serbian = get_text (texts, "sr");
  g_autoptr(GList) members = json_object_get_members (texts);
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  GList *l;
  guint i;

  if (english == NULL)
    {
      g_test_fail_printf ("%s: no English text", where);
      return;
    }

  for (i = 0; officer_languages[i]; i++)
    check_text (where, officer_languages[i], english, get_text (texts, officer_languages[i]));

  /* Serbian Latin is the Serbian Cyrillic, transliterated. */
  if (serbian != NULL)
    {
      g_autofree char *latin = serbian_to_latin (serbian);

      if (g_strcmp0 (latin, get_text (texts, "sr-Latn")) != 0)
        g_test_fail_printf ("%s: “sr-Latn” is “%s”, but “sr” transliterates to “%s”",
                            where, get_text (texts, "sr-Latn"), latin);
    }

  /* Members in a fixed order, so that reviewers find each language in
   * the same place: English, the officers' languages, then the
   * languages of consent where a text has them. */
  g_ptr_array_add (expected, (gpointer) "en");
  for (i = 0; officer_languages[i]; i++)
    g_ptr_array_add (expected, (gpointer) officer_languages[i]);
  if (json_object_has_member (texts, consent_languages[0]))
    for (i = 0; consent_languages[i]; i++)
      g_ptr_array_add (expected, (gpointer) consent_languages[i]);

  for (l = members, i = 0; l && i < expected->len; l = l->next, i++)
    if (!g_str_equal (l->data, g_ptr_array_index (expected, i)))
      break;
  if (l != NULL || i != expected->len)
    g_test_fail_printf ("%s: the languages are not in the order en, %s%s", where,
                        "sq, mk, sr, sr-Latn, bs, tr", expected->len > 7 ? ", ar, fa, ps, ur" : "");

  for (l = members; l; l = l->next)
    if (!g_str_equal (l->data, "en"))
      g_hash_table_add (languages_seen, g_strdup (l->data));
}

static void
test_raw_form (gconstpointer data)
{
  const char *form_id = data;
  g_autoptr(JsonNode) root = load_raw (form_id);
  JsonObject *form = json_node_get_object (root);
  g_autoptr(GHashTable) languages_seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  JsonNode *status_node;
  JsonObject *status;
  g_autoptr(GList) status_languages = NULL;

  foreach_texts (root, form_id, check_raw_texts, languages_seen);
  g_assert_cmpuint (g_hash_table_size (languages_seen), >=, g_strv_length ((char **) officer_languages));

  /* Every added language is marked as a draft, and nothing else is. */
  status_node = json_object_get_member (form, "translation_status");
  g_assert_nonnull (status_node);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (status_node));
  status = json_node_get_object (status_node);
  status_languages = json_object_get_members (status);
  for (GList *l = status_languages; l; l = l->next)
    {
      if (!g_hash_table_contains (languages_seen, l->data))
        g_test_fail_printf ("%s: “translation_status” names “%s”, which no text has",
                            form_id, (const char *) l->data);
      g_assert_cmpstr (json_object_get_string_member_with_default (status, l->data, NULL), ==, DRAFT_STATUS);
    }
  if (g_list_length (status_languages) != g_hash_table_size (languages_seen))
    g_test_fail_printf ("%s: “translation_status” has %u languages, the texts have %u",
                        form_id, g_list_length (status_languages), g_hash_table_size (languages_seen));
}

/* Consent */

static JsonObject *
find_raw_field (JsonArray  *fields,
                const char *name)
{
  for (guint i = 0; i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);
      JsonObject *found;

      if (g_strcmp0 (json_object_get_string_member_with_default (field, "name", NULL), name) == 0)
        return field;
      if (json_object_has_member (field, "fields") &&
          (found = find_raw_field (json_object_get_array_member (field, "fields"), name)))
        return found;
    }

  return NULL;
}

static void
check_consent_texts (const char *where,
                     JsonObject *texts)
{
  const char *english = get_text (texts, "en");

  g_assert_nonnull (english);
  for (guint i = 0; consent_languages[i]; i++)
    check_text (where, consent_languages[i], english, get_text (texts, consent_languages[i]));
}

static void
test_consent (void)
{
  const char *members[] = { "label", "hint", "constraint_message" };

  for (guint i = 0; i < G_N_ELEMENTS (consent_texts); i++)
    {
      const char *form_id = consent_texts[i].form_id;
      KapForm *form = kap_form_registry_get_latest (registry, form_id);
      g_autoptr(JsonNode) root = load_raw (form_id);
      JsonObject *raw = json_node_get_object (root);
      g_auto(GStrv) fields = g_strsplit (consent_texts[i].fields, " ", -1);
      g_auto(GStrv) lists = g_strsplit (consent_texts[i].lists, " ", -1);

      g_assert_nonnull (form);
      for (guint j = 0; fields[j]; j++)
        {
          KapFormField *field = kap_form_lookup_field (form, fields[j]);
          JsonObject *raw_field = find_raw_field (json_object_get_array_member (raw, "fields"), fields[j]);

          g_assert_nonnull (field);
          g_assert_nonnull (raw_field);
          for (guint k = 0; k < G_N_ELEMENTS (members); k++)
            if (json_object_has_member (raw_field, members[k]))
              {
                g_autofree char *where = g_strdup_printf ("%s: %s.%s", form_id, fields[j], members[k]);
                check_consent_texts (where, json_object_get_object_member (raw_field, members[k]));
              }

          /* What the UI shows in Dari is what the file says. */
          g_assert_cmpstr (kap_form_field_get_label (field, "fa"), ==,
                           get_text (json_object_get_object_member (raw_field, "label"), "fa"));
        }

      for (guint j = 0; lists[j] && *lists[j]; j++)
        {
          JsonObject *raw_lists = json_object_get_object_member (raw, "choices");
          JsonArray *choices = json_object_get_array_member (raw_lists, lists[j]);

          g_assert_nonnull (kap_form_get_choices (form, lists[j]));
          for (guint k = 0; k < json_array_get_length (choices); k++)
            {
              JsonObject *choice = json_array_get_object_element (choices, k);
              g_autofree char *where = g_strdup_printf ("%s: %s = %s", form_id, lists[j],
                                                        json_object_get_string_member (choice, "value"));

              check_consent_texts (where, json_object_get_object_member (choice, "label"));
            }
        }
    }
}

/* Locale names */

static void
check_pick (const char *where,
            JsonObject *texts,
            gpointer    user_data)
{
  static const struct
  {
    const char *locale;
    const char *language;
  } locales[] = {
    { "sr_RS.UTF-8@latin", "sr-Latn" },
    { "sr_ME.UTF-8@latin", "sr-Latn" },
    { "sr_RS.UTF-8", "sr" },
    { "sr_RS", "sr" },
    { "bs_BA.UTF-8", "bs" },
    { "mk_MK.UTF-8", "mk" },
    { "sq_XK.UTF-8", "sq" },
    { "tr_TR.UTF-8", "tr" },
    { "en_GB.UTF-8", "en" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    {
      const char *picked = kap_form_pick_text (texts, locales[i].locale);

      if (g_strcmp0 (picked, get_text (texts, locales[i].language)) != 0)
        g_test_fail_printf ("%s: for %s got “%s”, not the “%s” text", where,
                            locales[i].locale, picked, locales[i].language);
    }

  /* Serbian Latin differs from Cyrillic wherever there is a letter. */
  g_assert_cmpstr (kap_form_pick_text (texts, "sr_RS.UTF-8@latin"), !=,
                   kap_form_pick_text (texts, "sr_RS.UTF-8"));
}

static void
test_pick_latin (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (form_ids); i++)
    {
      g_autoptr(JsonNode) root = load_raw (form_ids[i]);

      foreach_texts (root, form_ids[i], check_pick, NULL);
    }
}

/* The transliteration the checks rely on */

static void
test_transliteration (void)
{
  static const struct
  {
    const char *cyrillic;
    const char *latin;
  } cases[] = {
    { "Милица Јовановић", "Milica Jovanović" },
    { "Љубиша Њежић, Џевад Ђурђевић", "Ljubiša Nježić, Dževad Đurđević" },
    { "Жарко Чолак, Шћепан Хаџић", "Žarko Čolak, Šćepan Hadžić" },
    { "абвгдђежзијклљмнњопрстћуфхцчџш", "abvgdđežzijklljmnnjoprstćufhcčdžš" },
    { "P1 · Хитно (истог дана)", "P1 · Hitno (istog dana)" },
    { "„Косово*“", "„Kosovo*“" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *latin = serbian_to_latin (cases[i].cyrillic);

      g_assert_cmpstr (latin, ==, cases[i].latin);
    }
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  registry = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (registry, &error))
    g_error ("The shipped forms do not load: %s", error->message);

  g_test_add_func ("/forms/translations/transliteration", test_transliteration);
  for (guint i = 0; officer_languages[i]; i++)
    {
      g_autofree char *path = g_strdup_printf ("/forms/translations/api/%s", officer_languages[i]);
      g_test_add_data_func (path, officer_languages[i], test_api_language);
    }
  for (guint i = 0; i < G_N_ELEMENTS (form_ids); i++)
    {
      g_autofree char *path = g_strdup_printf ("/forms/translations/raw/%s", form_ids[i]);
      g_test_add_data_func (path, form_ids[i], test_raw_form);
    }
  g_test_add_func ("/forms/translations/consent", test_consent);
  g_test_add_func ("/forms/translations/pick-locale", test_pick_latin);

  status = g_test_run ();
  g_clear_object (&registry);
  return status;
}
