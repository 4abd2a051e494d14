/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <locale.h>

#include "kap-form-registry.h"

/* The form language the editor's menu switches (ui/form/kap-form-language-menu.c):
 * which languages a form lists, their own names, and how a text missing in
 * the chosen language falls back to the UI's language, not to English. */

static KapFormRegistry *registry;

static KapForm *
screening (void)
{
  KapForm *form = kap_form_registry_get_latest (registry, "screening");

  g_assert_nonnull (form);
  return form;
}

static void
test_list (void)
{
  g_auto(GStrv) languages = kap_form_get_languages (screening ());
  g_autofree char *joined = g_strjoinv (" ", languages);

  /* English and the region's languages, then the person's languages. */
  g_assert_cmpstr (joined, ==, "en sq mk sr sr-Latn bs tr ar fa ps ur");
  for (guint i = 0; languages[i] != NULL; i++)
    g_assert_nonnull (kap_language_get_native_name (languages[i]));
}

static void
test_native_names (void)
{
  g_assert_cmpstr (kap_language_get_native_name ("ar"), ==, "العربية");
  g_assert_cmpstr (kap_language_get_native_name ("fa"), ==, "فارسی");
  g_assert_cmpstr (kap_language_get_native_name ("ps"), ==, "پښتو");
  g_assert_cmpstr (kap_language_get_native_name ("ur"), ==, "اردو");
  g_assert_cmpstr (kap_language_get_native_name ("sq"), ==, "Shqip");
  g_assert_cmpstr (kap_language_get_native_name ("sr"), ==, "Српски");
  g_assert_cmpstr (kap_language_get_native_name ("sr-Latn"), ==, "Srpski");
  g_assert_null (kap_language_get_native_name ("xx"));
  g_assert_null (kap_language_get_native_name (NULL));
}

static void
test_fallback_to_ui (void)
{
  KapForm *form = screening ();
  KapFormField *consent = kap_form_lookup_field (form, "consent_given");
  KapFormField *group = kap_form_lookup_field (form, "consent_group");
  KapFormField *giver = kap_form_lookup_field (form, "consent_giver");

  g_setenv ("LANGUAGE", "sr", TRUE);

  /* The consent question is in Arabic; the group's title only in the
   * officer's languages, so it shows in Serbian (the UI's), not English. */
  g_assert_cmpstr (kap_form_field_get_label (consent, "ar"), ==, "هل يوافق الشخص على التقييم الأولي؟");
  g_assert_true (kap_form_field_has_language (consent, "ar"));
  g_assert_cmpstr (kap_form_field_get_label (group, "ar"), ==, "Сагласност и разговор");
  g_assert_false (kap_form_field_has_language (group, "ar"));
  g_assert_true (kap_form_field_has_language (group, "sr"));
  g_assert_true (kap_form_field_has_language (group, NULL));

  /* Choices count: the consent giver's are all in Arabic too. */
  g_assert_true (kap_form_field_has_language (giver, "ar"));
  g_assert_cmpstr (kap_form_field_get_choice_label (giver, "self", "ar"), !=,
                   kap_form_field_get_choice_label (giver, "self", "en"));

  /* The constraint message is the person's too. */
  {
    g_autoptr(JsonObject) answers = json_object_new ();
    g_autofree char *message = NULL;

    json_object_set_boolean_member (answers, "consent_given", FALSE);
    message = kap_form_field_check (form, consent, answers, NULL, "ar", NULL);
    g_assert_cmpstr (message, ==, "دون موافقة، توقّف هنا ولا تسجّل أي شيء آخر. قدّم المعلومات فقط.");
  }

  g_setenv ("LANGUAGE", "tr", TRUE);
  g_assert_cmpstr (kap_form_field_get_label (group, "ar"), ==, "Onam ve görüşme");
  g_unsetenv ("LANGUAGE");
}

static void
test_has_text (void)
{
  g_autoptr(JsonObject) texts = json_object_new ();

  json_object_set_string_member (texts, "en", "Consent");
  json_object_set_string_member (texts, "sr", "Сагласност");

  g_assert_true (kap_form_has_text (texts, "en"));
  g_assert_true (kap_form_has_text (texts, "sr_RS.UTF-8"));
  g_assert_false (kap_form_has_text (texts, "ar"));
  g_assert_false (kap_form_has_text (texts, NULL));
  g_assert_false (kap_form_has_text (NULL, "en"));
}

static void
test_ui_language (void)
{
  KapForm *form = screening ();

  g_setenv ("LANGUAGE", "sr_RS", TRUE);
  g_assert_cmpstr (kap_form_get_ui_language (form), ==, "sr");
  g_setenv ("LANGUAGE", "sr_RS@latin", TRUE);
  g_assert_cmpstr (kap_form_get_ui_language (form), ==, "sr-Latn");
  g_setenv ("LANGUAGE", "de:sq", TRUE);
  g_assert_cmpstr (kap_form_get_ui_language (form), ==, "sq");
  g_setenv ("LANGUAGE", "de", TRUE);
  g_assert_cmpstr (kap_form_get_ui_language (form), ==, "en");
  g_unsetenv ("LANGUAGE");
}

int
main (int argc, char *argv[])
{
  g_autoptr(GError) error = NULL;
  int ret;

  setlocale (LC_ALL, "C.UTF-8");
  g_unsetenv ("LANGUAGE");
  g_test_init (&argc, &argv, NULL);

  registry = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (registry, &error))
    g_error ("The shipped forms do not load: %s", error->message);

  g_test_add_func ("/forms/languages/list", test_list);
  g_test_add_func ("/forms/languages/native-names", test_native_names);
  g_test_add_func ("/forms/languages/fallback-to-ui", test_fallback_to_ui);
  g_test_add_func ("/forms/languages/has-text", test_has_text);
  g_test_add_func ("/forms/languages/ui-language", test_ui_language);

  ret = g_test_run ();
  g_clear_object (&registry);

  return ret;
}
