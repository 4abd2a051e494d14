/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form"

#include "config.h"

#include "kap-form-private.h"

/* Which languages a form speaks, for the editor's "Form language" menu:
 * the officer reads the form in the UI's language and shows the person
 * the texts meant for them (consent) in the person's own language. */

/* The languages forms carry, in the order the menu lists them: English,
 * the region's languages, then the languages of the people at the
 * counter; each by its own name, as the person reading looks for it. */
static const struct
{
  const char *tag;
  const char *native_name;
} known_languages[] = {
  { "en", "English" },
  { "sq", "Shqip" },
  { "mk", "Македонски" },
  { "sr", "Српски" },
  { "sr-Latn", "Srpski" },
  { "bs", "Bosanski" },
  { "hr", "Hrvatski" },
  { "cnr", "Crnogorski" },
  { "tr", "Türkçe" },
  { "ar", "العربية" },
  { "fa", "فارسی" },
  { "ps", "پښتو" },
  { "ur", "اردو" },
  { "ku", "Kurdî" },
  { "fr", "Français" },
  { "de", "Deutsch" },
  { "ru", "Русский" },
  { "uk", "Українська" },
};

const char *
kap_language_get_native_name (const char *tag)
{
  for (guint i = 0; tag != NULL && i < G_N_ELEMENTS (known_languages); i++)
    if (g_str_equal (known_languages[i].tag, tag))
      return known_languages[i].native_name;

  return NULL;
}

static guint
language_rank (const char *tag)
{
  for (guint i = 0; i < G_N_ELEMENTS (known_languages); i++)
    if (g_str_equal (known_languages[i].tag, tag))
      return i;

  return G_N_ELEMENTS (known_languages);
}

static int
compare_languages (gconstpointer a,
                   gconstpointer b)
{
  const char *tag_a = *(const char * const *) a;
  const char *tag_b = *(const char * const *) b;
  guint rank_a = language_rank (tag_a);
  guint rank_b = language_rank (tag_b);

  if (rank_a != rank_b)
    return rank_a < rank_b ? -1 : 1;

  return strcmp (tag_a, tag_b);
}

static void
add_texts (GHashTable *languages,
           JsonObject *texts)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  if (texts == NULL)
    return;

  json_object_iter_init (&iter, texts);
  while (json_object_iter_next (&iter, &name, &node))
    if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
      g_hash_table_add (languages, (gpointer) name);
}

GStrv
kap_form_get_languages (KapForm *self)
{
  g_autoptr(GHashTable) languages = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) tags = NULL;
  GHashTableIter iter;
  gpointer lists, fields, tag;

  g_return_val_if_fail (KAP_IS_FORM (self), NULL);

  add_texts (languages, self->title);

  g_hash_table_iter_init (&iter, self->by_name);
  while (g_hash_table_iter_next (&iter, NULL, &fields))
    {
      KapFormField *field = fields;

      add_texts (languages, field->label);
      add_texts (languages, field->hint);
      add_texts (languages, field->constraint_message);
    }

  g_hash_table_iter_init (&iter, self->choices);
  while (g_hash_table_iter_next (&iter, NULL, &lists))
    {
      GPtrArray *choices = lists;

      for (guint i = 0; i < choices->len; i++)
        add_texts (languages, ((KapChoice *) g_ptr_array_index (choices, i))->label);
    }

  tags = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, languages);
  while (g_hash_table_iter_next (&iter, &tag, NULL))
    g_ptr_array_add (tags, g_strdup (tag));
  g_ptr_array_sort (tags, compare_languages);
  g_ptr_array_add (tags, NULL);

  return (GStrv) g_ptr_array_free (g_steal_pointer (&tags), FALSE);
}

const char *
kap_form_get_ui_language (KapForm *self)
{
  const char * const *names = g_get_language_names ();
  g_auto(GStrv) languages = NULL;

  g_return_val_if_fail (KAP_IS_FORM (self), NULL);

  languages = kap_form_get_languages (self);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *tag = kap_form_language_tag (names[i]);
      g_autofree char *base = g_strndup (tag, strcspn (tag, "-"));

      /* "sr-Latn" before its base "sr". Interned, so that the result
       * outlives @languages. */
      if (g_strv_contains ((const char * const *) languages, tag))
        return g_intern_string (tag);
      if (g_strv_contains ((const char * const *) languages, base))
        return g_intern_string (base);
    }

  return "en";
}

gboolean
kap_form_field_has_language (KapFormField *field,
                             const char   *language)
{
  GPtrArray *choices;

  g_return_val_if_fail (field != NULL, FALSE);

  if (language == NULL)
    return TRUE;

  if ((field->label != NULL && !kap_form_has_text (field->label, language)) ||
      (field->hint != NULL && !kap_form_has_text (field->hint, language)) ||
      (field->constraint_message != NULL && !kap_form_has_text (field->constraint_message, language)))
    return FALSE;

  choices = field->choice_list ? kap_form_get_choices (field->form, field->choice_list) : NULL;
  for (guint i = 0; choices != NULL && i < choices->len; i++)
    {
      KapChoice *choice = g_ptr_array_index (choices, i);

      if (choice->label != NULL && !kap_form_has_text (choice->label, language))
        return FALSE;
    }

  return TRUE;
}
