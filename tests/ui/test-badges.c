/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-badges"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>

#include "kap-ui-test.h"

#include "kap-record-badges.h"
#include "kap-records-common.h"

/* The codes on badges (P1, UAC, LEG …), in the editor's header and on the
 * record rows, say what they mean in every UI language: the tooltip is the
 * category's full name from the form, in the UI's language, and a screen
 * reader reads that, not the code. The app's catalogues come from the
 * build (KAPIJA_LOCALEDIR); a language whose texts fell back to English
 * fails. */

static const char * const ui_languages[] = { "en", "sq", "mk", "sr", "sr@latin", "bs", "tr", NULL };

static KapFormRegistry *registry;

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  /* glibc keeps what gettext found until the locale is set again. */
  setlocale (LC_ALL, "C.UTF-8");
}

static void
test_header (gconstpointer data)
{
  const char *language = data;
  KapForm *form = kap_form_registry_get_latest (registry, "screening");
  KapFormField *categories = kap_form_lookup_field (form, "vuln_cat");
  KapFormField *priority = kap_form_lookup_field (form, "priority");
  g_autoptr(JsonObject) answers = json_object_new ();
  g_autoptr(JsonArray) codes = json_array_new ();
  const char *expected_codes[] = { "UAC", "LEG" };
  GtkWidget *badges = g_object_ref_sink (kap_record_badges_new ());
  g_autofree char *priority_text = NULL;
  GtkWidget *badge;

  use_language (language);
  json_object_set_string_member (answers, "priority", "P1");
  for (guint i = 0; i < G_N_ELEMENTS (expected_codes); i++)
    json_array_add_string_element (codes, expected_codes[i]);
  json_object_set_array_member (answers, "vuln_cat", json_array_ref (codes));
  kap_record_badges_set_answers (KAP_RECORD_BADGES (badges), form, answers);

  /* P1 first: “Priority: P1 · …” in the UI's language. */
  badge = kap_record_badges_get_badge (KAP_RECORD_BADGES (badges), 0);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, "P1");
  priority_text = g_strdup_printf (_("Priority: %s"), kap_form_field_get_choice_label (priority, "P1", NULL));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, priority_text);
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, priority_text);

  for (guint i = 0; i < G_N_ELEMENTS (expected_codes); i++)
    {
      const char *name = kap_form_field_get_choice_label (categories, expected_codes[i], NULL);
      const char *english = kap_form_field_get_choice_label (categories, expected_codes[i], "en");
      g_autofree char *accessible = g_strdup_printf (_("Category: %s"), name);

      badge = kap_record_badges_get_badge (KAP_RECORD_BADGES (badges), i + 1);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (badge)), ==, expected_codes[i]);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (badge), ==, name);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (badge), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible);
      if (!g_str_equal (language, "en"))
        {
          g_assert_cmpstr (name, !=, english);
          g_assert_cmpstr (_("Category: %s"), !=, "Category: %s");
        }
    }

  g_object_unref (badges);
}

static void
test_row (gconstpointer data)
{
  static const struct
  {
    const char *code;
    const char *english;
  } priorities[] = {
    { "P1", "Priority 1: immediate, the same day" },
    { "P2", "Priority 2: within about 72 hours" },
    { "P3", "Priority 3: standard" },
  };
  const char *language = data;
  GtkWidget *label = g_object_ref_sink (gtk_label_new (NULL));

  use_language (language);
  for (guint i = 0; i < G_N_ELEMENTS (priorities); i++)
    {
      const char *translated = _(priorities[i].english);

      kap_records_set_priority_badge (GTK_LABEL (label), priorities[i].code);
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, priorities[i].code);
      g_assert_cmpstr (gtk_widget_get_tooltip_text (label), ==, translated);
      gtk_test_accessible_assert_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, translated);
      if (!g_str_equal (language, "en"))
        g_assert_cmpstr (translated, !=, priorities[i].english);
    }

  g_object_unref (label);
}

int
main (int   argc,
      char *argv[])
{
  const char *localedir = g_getenv ("KAPIJA_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  int ret;

  if (localedir == NULL)
    g_error ("KAPIJA_LOCALEDIR must name the build's po/ folder");
  bindtextdomain (GETTEXT_PACKAGE, localedir);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  if (!kap_ui_test_init (&argc, &argv, "/badges/display"))
    return g_test_run ();

  registry = kap_form_registry_new ();
  if (!kap_form_registry_load_builtin (registry, &error))
    g_error ("The shipped forms do not load: %s", error->message);

  for (guint i = 0; ui_languages[i] != NULL; i++)
    {
      g_autofree char *header = g_strdup_printf ("/badges/header/%s", ui_languages[i]);
      g_autofree char *row = g_strdup_printf ("/badges/row/%s", ui_languages[i]);

      g_test_add_data_func (header, ui_languages[i], test_header);
      g_test_add_data_func (row, ui_languages[i], test_row);
    }

  ret = g_test_run ();
  g_clear_object (&registry);

  return ret;
}
