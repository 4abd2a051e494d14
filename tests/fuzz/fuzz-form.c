/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-fuzz-form"

#include "config.h"

#include <string.h>

#include "kap-form.h"
#include "kap-json.h"
#include "kap-fuzz.h"

/* Form definitions (core/kap-form*.c), which come from the national
 * server's reference database. The input is a form definition, optionally
 * followed by a line "--" and a JSON object of answers: a form that loads
 * must then take any answers (of any type, in any shape) through defaults,
 * calculations, pruning and validation without a warning or a crash, in
 * whatever language it is asked for. */

#define ANSWERS_SEPARATOR "\n--\n"

static const char * const languages[] = { "en", "sr-Latn", "sq", NULL };

static void
visit_fields (KapForm      *form,
              KapFormField *parent,
              JsonObject   *answers)
{
  guint n = parent != NULL ? kap_form_field_get_n_children (parent) : kap_form_get_n_fields (form);

  for (guint i = 0; i < n; i++)
    {
      KapFormField *field = parent != NULL ? kap_form_field_get_child (parent, i)
                                           : kap_form_get_field (form, i);
      const char *name = kap_form_field_get_name (field);
      const char *list = kap_form_field_get_choice_list (field);
      KapFieldType type = kap_form_field_get_field_type (field);

      g_assert_nonnull (name);
      g_assert_true (kap_form_lookup_field (form, name) == field);
      g_assert_true (kap_form_field_get_parent (field) == parent);

      for (guint l = 0; languages[l] != NULL; l++)
        {
          g_assert_nonnull (kap_form_field_get_label (field, languages[l]));
          (void) kap_form_field_get_hint (field, languages[l]);
          if (list != NULL)
            (void) kap_form_field_get_choice_label (field, "UAC", languages[l]);
        }

      (void) kap_form_field_get_appearance (field);
      (void) kap_form_field_get_merge_as_set (field);

      /* Outside repeats the state of a field is asked with no item; inside
       * one the engine gives the item, which these answers may not hold
       * in the right shape: ask with none, as the form view does for a
       * repeat that has no items yet. */
      if (parent == NULL || kap_form_field_get_field_type (parent) != KAP_FIELD_REPEAT)
        {
          g_autofree char *problem = NULL;

          (void) kap_form_field_is_relevant (form, field, answers, NULL, kap_fuzz_today ());
          (void) kap_form_field_is_required (form, field, answers, NULL, kap_fuzz_today ());
          (void) kap_form_field_is_read_only (form, field, answers, NULL, kap_fuzz_today ());
          problem = kap_form_field_check (form, field, answers, NULL, "en", kap_fuzz_today ());
        }

      if (type == KAP_FIELD_GROUP || type == KAP_FIELD_REPEAT)
        visit_fields (form, field, answers);
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = kap_fuzz_strndup (data, size);
  const char *separator = strstr (text, ANSWERS_SEPARATOR);
  gsize form_length = separator != NULL ? (gsize) (separator - text) : strlen (text);
  g_autoptr(GError) error = NULL;
  g_autoptr(KapForm) form = NULL;
  g_autoptr(JsonObject) answers = NULL;

  form = kap_form_new_from_json (text, form_length, &error);
  if (form == NULL)
    {
      g_assert_true (error != NULL && error->domain == KAP_FORM_ERROR);
      return 0;
    }

  g_assert_nonnull (kap_form_get_form_id (form));
  g_assert_nonnull (kap_form_get_key (form));
  g_assert_nonnull (kap_form_get_record_type (form));
  g_assert_cmpuint (kap_form_get_version (form), >=, 1);
  for (guint l = 0; languages[l] != NULL; l++)
    (void) kap_form_get_title (form, languages[l]);

  if (separator != NULL)
    answers = kap_json_parse_object (separator + strlen (ANSWERS_SEPARATOR), -1, NULL, NULL);
  if (answers == NULL)
    answers = json_object_new ();

  visit_fields (form, NULL, answers);

  kap_form_apply_defaults (form, answers, kap_fuzz_today ());
  (void) kap_form_apply_calculations (form, answers, kap_fuzz_today ());
  kap_form_prune (form, answers, kap_fuzz_today ());

  for (guint l = 0; languages[l] != NULL; l++)
    {
      g_autoptr(GPtrArray) issues = kap_form_validate (form, answers, languages[l], kap_fuzz_today ());

      g_assert_nonnull (issues);
      for (guint i = 0; i < issues->len; i++)
        {
          const KapFormIssue *issue = g_ptr_array_index (issues, i);

          g_assert_true (issue->path != NULL && issue->message != NULL);
        }
    }

  visit_fields (form, NULL, answers);

  return 0;
}
