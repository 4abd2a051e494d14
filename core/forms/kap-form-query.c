/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form"

#include "config.h"

#include "kap-form-private.h"

/* What a loaded form tells: its texts in the user's language, its
 * identity, fields and choices. */

/* Texts in several languages */

char *
kap_form_language_tag (const char *language)
{
  GString *out = g_string_new (NULL);

  /* "sr_RS.UTF-8@latin" → "sr-Latn"; "pt_BR" → "pt"; "C" stays. */
  for (const char *p = language; *p && *p != '_' && *p != '.' && *p != '@'; p++)
    g_string_append_c (out, *p);

  if (strstr (language, "@latin") != NULL)
    g_string_append (out, "-Latn");

  return g_string_free (out, FALSE);
}

static const char *
text_for (JsonObject *texts,
          const char *language)
{
  JsonNode *node;

  if (texts == NULL || language == NULL)
    return NULL;

  node = json_object_get_member (texts, language);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

/* The text in one of @languages (locale names or tags), each tried as it
 * is, as a tag and as its base language. */
static const char *
pick_from (JsonObject         *texts,
           const char * const *languages)
{
  const char *text;

  for (guint i = 0; languages[i]; i++)
    {
      g_autofree char *normalized = kap_form_language_tag (languages[i]);
      g_autofree char *base = g_strndup (normalized, strcspn (normalized, "-"));

      if ((text = text_for (texts, languages[i])) ||
          (text = text_for (texts, normalized)) ||
          (text = text_for (texts, base)))
        return text;
    }

  return NULL;
}

gboolean
kap_form_has_text (JsonObject *texts,
                   const char *language)
{
  const char *single[] = { language, NULL };

  return texts != NULL && language != NULL && pick_from (texts, single) != NULL;
}

const char *
kap_form_pick_text (JsonObject *texts,
                    const char *language)
{
  const char *single[] = { language, NULL };
  const char *text;

  if (texts == NULL)
    return NULL;

  /* A language asked for and missing falls back to the UI's: the officer
   * who showed the person the Arabic consent still reads the rest. */
  if ((language != NULL && (text = pick_from (texts, single))) ||
      (text = pick_from (texts, g_get_language_names ())))
    return text;

  if ((text = text_for (texts, "en")))
    return text;

  /* Any language rather than nothing. */
  {
    JsonObjectIter iter;
    const char *name;
    JsonNode *node;

    json_object_iter_init (&iter, texts);
    while (json_object_iter_next (&iter, &name, &node))
      if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
        return json_node_get_string (node);
  }

  return NULL;
}

/* Accessors */

const char *
kap_form_get_form_id (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return self->form_id;
}

guint
kap_form_get_version (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), 0);
  return self->version;
}

const char *
kap_form_get_key (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return self->key;
}

const char *
kap_form_get_record_type (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return self->record_type;
}

const char *
kap_form_get_title (KapForm    *self,
                    const char *language)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return kap_form_pick_text (self->title, language);
}

guint
kap_form_get_n_fields (KapForm *self)
{
  g_return_val_if_fail (KAP_IS_FORM (self), 0);
  return self->fields->len;
}

KapFormField *
kap_form_get_field (KapForm *self,
                    guint    position)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  g_return_val_if_fail (position < self->fields->len, NULL);
  return g_ptr_array_index (self->fields, position);
}

KapFormField *
kap_form_lookup_field (KapForm    *self,
                       const char *name)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return name ? g_hash_table_lookup (self->by_name, name) : NULL;
}

GPtrArray *
kap_form_get_choices (KapForm    *self,
                      const char *list)
{
  g_return_val_if_fail (KAP_IS_FORM (self), NULL);
  return list ? g_hash_table_lookup (self->choices, list) : NULL;
}

const char *
kap_form_field_get_name (KapFormField *field)
{
  return field->name;
}

KapFieldType
kap_form_field_get_field_type (KapFormField *field)
{
  return field->type;
}

const char *
kap_form_field_get_label (KapFormField *field,
                          const char   *language)
{
  const char *label = kap_form_pick_text (field->label, language);

  return label ? label : field->name;
}

const char *
kap_form_field_get_hint (KapFormField *field,
                         const char   *language)
{
  return kap_form_pick_text (field->hint, language);
}

const char *
kap_form_field_get_choice_list (KapFormField *field)
{
  return field->choice_list;
}

const char *
kap_form_field_get_appearance (KapFormField *field)
{
  return field->appearance;
}

gboolean
kap_form_field_get_merge_as_set (KapFormField *field)
{
  return field->merge_set;
}

gboolean
kap_form_field_has_calculate (KapFormField *field)
{
  return field->calculate != NULL;
}

KapFormField *
kap_form_field_get_parent (KapFormField *field)
{
  return field->parent;
}

guint
kap_form_field_get_n_children (KapFormField *field)
{
  return field->children ? field->children->len : 0;
}

KapFormField *
kap_form_field_get_child (KapFormField *field,
                          guint         position)
{
  g_return_val_if_fail (field->children != NULL && position < field->children->len, NULL);
  return g_ptr_array_index (field->children, position);
}

const char *
kap_form_field_get_choice_label (KapFormField *field,
                                 const char   *value,
                                 const char   *language)
{
  GPtrArray *choices = field->choice_list ? kap_form_get_choices (field->form, field->choice_list) : NULL;

  for (guint i = 0; choices && i < choices->len; i++)
    {
      KapChoice *choice = g_ptr_array_index (choices, i);

      if (g_strcmp0 (choice->value, value) == 0)
        return kap_form_pick_text (choice->label, language);
    }

  return NULL;
}

KapFormField *
kap_form_field_get_repeat (KapFormField *field)
{
  for (KapFormField *up = field->parent; up; up = up->parent)
    if (up->type == KAP_FIELD_REPEAT)
      return up;

  return NULL;
}
