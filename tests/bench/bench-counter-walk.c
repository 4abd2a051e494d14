/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "bench-counter-walk"

#include "config.h"

#include <math.h>

#include "form-test-util.h"
#include "kap-records.h"

/* How many clicks and keys a whole screening takes at the counter (issue
 * 8, point 9): a 15-year-old boy travelling alone (UAC), interviewed
 * through an interpreter, every question of the screening answered, then
 * Finalize. The real record editor in a 1280×800 window is driven the
 * way an officer drives it, and every event an officer would send is
 * counted:
 *
 *   mouse   a click on each answer (two for a list: open, choose), the
 *           wheel notches that bring it into view (GTK's step:
 *           page^(2/3)), a click into a text field and its letters;
 *   tab     the keyboard before keyboard answering: Tab through the focus
 *           chain (GTK's own, gtk_widget_child_focus()) to the answer,
 *           Space on it; a list is Space, Down…, Enter;
 *   keys    keyboard answering: Y/N and 1–9 on the focused question
 *           (kap_form_view_answer_key(), what the view's key controller
 *           calls), which moves on by itself; Tab only where the next
 *           question to answer is not the one focused.
 *
 * Typing a text and a code picker's search count their letters in every
 * walk. Each walk prints its counts and a digest of the answers, which
 * must be the same in every walk. Built with -DKAP_WALK_BEFORE it has no
 * "keys" walk, so that the same file measures a Kapija before keyboard
 * answering (see the report of issue 8).
 *
 *   xvfb-run -a -s "-screen 0 1280x800x24" _build/tests/bench/bench-counter-walk [mouse|tab|keys]
 *
 * Measured when keyboard answering came (issue 8), 39 answers, 38 of the
 * events letters typed in every walk:
 *   before (main): mouse 121 events (46 clicks, 37 wheel notches),
 *                  tab 169 (85 Tab, 45 Space/arrows/Enter, 1 click);
 *   after:         keys 93 (39 answer keys, 15 Tab, 1 click);
 *                  mouse 121, tab 175 (the header's outline, menu and
 *                  "No to the Rest" buttons are Tab stops too).
 */

typedef enum
{
  STEP_BOOL,
  STEP_CHOOSE,
  STEP_CHECKS,
  STEP_TEXT,
  STEP_PICK,
} StepKind;

typedef struct
{
  StepKind    kind;
  const char *path;
  const char *value;  /* "yes"/"no", a code, codes "a,b", a text, a code picked */
  const char *query;  /* what is typed into a code picker */
} Step;

static const Step steps[] = {
  { STEP_BOOL, "interpreter_used", "yes", NULL },
  { STEP_TEXT, "interpreter_id", "INT-04", NULL },
  { STEP_CHOOSE, "interpreter_mode", "in_person", NULL },
  { STEP_PICK, "interview_language", "ara", "arabic" },
  { STEP_CHOOSE, "interviewer_gender", "F", NULL },
  { STEP_CHOOSE, "interpreter_gender", "M", NULL },
  { STEP_BOOL, "same_gender_requested", "no", NULL },
  { STEP_BOOL, "consent_given", "yes", NULL },
  { STEP_CHOOSE, "consent_giver", "self", NULL },
  { STEP_CHECKS, "consent_scope", "screening,referral", NULL },
  { STEP_TEXT, "age_years", "15", NULL },
  { STEP_CHOOSE, "age_source", "stated", NULL },
  { STEP_CHOOSE, "sex", "M", NULL },
  { STEP_CHOOSE, "travelling_with", "alone", NULL },
  { STEP_BOOL, "asylum_intention", "yes", NULL },
  { STEP_BOOL, "fear_of_return", "yes", NULL },
  { STEP_BOOL, "removal_imminent", "no", NULL },
  { STEP_BOOL, "no_documents", "yes", NULL },
  { STEP_BOOL, "family_lost", "no", NULL },
  { STEP_BOOL, "child_married", "no", NULL },
  { STEP_BOOL, "child_working", "no", NULL },
  { STEP_BOOL, "child_in_school", "yes", NULL },
  { STEP_BOOL, "child_is_parent", "no", NULL },
  { STEP_BOOL, "immediate_medical_need", "no", NULL },
  { STEP_BOOL, "chronic_condition", "no", NULL },
  { STEP_BOOL, "sleep_problems", "yes", NULL },
  { STEP_BOOL, "self_harm_thoughts", "no", NULL },
  { STEP_BOOL, "psychotic_signs", "no", NULL },
  { STEP_BOOL, "harmed_by_others", "no", NULL },
  { STEP_BOOL, "gbv_disclosed", "no", NULL },
  { STEP_BOOL, "gbv_at_risk", "no", NULL },
  { STEP_BOOL, "lgbtiq_at_risk", "no", NULL },
  { STEP_BOOL, "thb_documents_held", "no", NULL },
  { STEP_BOOL, "thb_debt", "yes", NULL },
  { STEP_BOOL, "thb_controlled", "no", NULL },
  { STEP_BOOL, "thb_promised_job", "no", NULL },
  { STEP_BOOL, "thb_someone_answers", "no", NULL },
  { STEP_BOOL, "thb_fear_of_harm", "no", NULL },
  { STEP_TEXT, "notes", "Wants to join his uncle.", NULL },
};

typedef struct
{
  const char      *mode;
  GtkWindow       *window;
  KapRecordEditor *editor;
  KapFormView     *view;
  guint            clicks;
  guint            wheel;
  guint            tabs;
  guint            answer_keys;  /* Space, Y/N, digits, Down/Enter in a list */
  guint            typed;        /* letters of texts and searches */
} Walk;

static void
settle (void)
{
  form_test_iterate ();
}

static gboolean
focus_in (Walk      *walk,
          GtkWidget *target)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (walk->window));

  return focus != NULL && (focus == target || gtk_widget_is_ancestor (focus, target));
}

/* Tab until the focus is in @target, as GtkWindow's Tab does: past the
 * last widget the focus is dropped, and the next Tab starts again. */
static void
tab_to (Walk      *walk,
        GtkWidget *target)
{
  while (!focus_in (walk, target))
    {
      if (!gtk_widget_child_focus (GTK_WIDGET (walk->window), GTK_DIR_TAB_FORWARD))
        gtk_window_set_focus (walk->window, NULL);
      walk->tabs++;
      settle ();
      if (walk->tabs > 5000)
        g_error ("Tab never reaches %s", G_OBJECT_TYPE_NAME (target));
    }
}

/* Wheel notches until @target is wholly in view: as many steps of
 * page^(2/3) (GtkScrolledWindow's wheel step) as the distance needs. */
static void
scroll_to (Walk      *walk,
           GtkWidget *target)
{
  GtkWidget *viewport = gtk_widget_get_ancestor (target, GTK_TYPE_VIEWPORT);
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (viewport));
  double page, step, value, wanted;
  graphene_rect_t bounds;
  guint notches;

  form_test_wait_frames (GTK_WIDGET (walk->window));
  page = gtk_adjustment_get_page_size (adjustment);
  step = pow (page, 2.0 / 3.0);
  value = gtk_adjustment_get_value (adjustment);
  g_assert_true (gtk_widget_compute_bounds (target, gtk_viewport_get_child (GTK_VIEWPORT (viewport)), &bounds));

  if (bounds.origin.y < value)
    wanted = bounds.origin.y;
  else if (bounds.origin.y + bounds.size.height > value + page)
    wanted = bounds.origin.y + bounds.size.height - page;
  else
    return;

  notches = (guint) ceil (fabs (wanted - value) / step);
  walk->wheel += notches;
  gtk_adjustment_set_value (adjustment, value + (wanted > value ? 1 : -1) * (double) notches * step);
  form_test_wait_frames (GTK_WIDGET (walk->window));
}

static guint
code_index (KapFieldRow *row,
            const char  *code)
{
  return form_test_code_index (row, code);
}

static void
choose (Walk        *walk,
        const Step  *step,
        KapFieldRow *row)
{
  GPtrArray *toggles = form_test_toggles (row);
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);
  guint index = step->kind == STEP_BOOL ? (g_str_equal (step->value, "yes") ? 0 : 1) : code_index (row, step->value);

#ifndef KAP_WALK_BEFORE
  if (g_str_equal (walk->mode, "keys"))
    {
      guint keyval = step->kind == STEP_BOOL ? (index == 0 ? GDK_KEY_y : GDK_KEY_n) : GDK_KEY_1 + index;

      tab_to (walk, kap_field_row_get_widget (row));
      walk->answer_keys++;
      if (!kap_form_view_answer_key (walk->view, keyval, 0))
        g_error ("The key did not answer %s", step->path);
      settle ();
      return;
    }
#endif

  if (toggles->len > 0)
    {
      GtkWidget *button = g_ptr_array_index (toggles, index);

      if (g_str_equal (walk->mode, "mouse"))
        {
          scroll_to (walk, button);
          walk->clicks++;
        }
      else
        {
          tab_to (walk, button);
          walk->answer_keys++;  /* Space */
        }
      gtk_widget_grab_focus (button);
      form_test_click_toggle (GTK_TOGGLE_BUTTON (button));
    }
  else
    {
      if (g_str_equal (walk->mode, "mouse"))
        {
          scroll_to (walk, edit_row);
          walk->clicks += 2;  /* open the list, choose */
        }
      else
        {
          tab_to (walk, edit_row);
          walk->answer_keys += 1 + index + 1 + 1;  /* Space, Down to it, Enter */
        }
      gtk_widget_grab_focus (edit_row);
      adw_combo_row_set_selected (ADW_COMBO_ROW (edit_row), index + 1);
    }
  settle ();
}

static void
check (Walk        *walk,
       const Step  *step,
       KapFieldRow *row)
{
  g_auto(GStrv) codes = g_strsplit (step->value, ",", -1);
  GPtrArray *checks = form_test_checks (row);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      guint index = code_index (row, codes[i]);
      GtkWidget *box = g_ptr_array_index (checks, index);

#ifndef KAP_WALK_BEFORE
      if (g_str_equal (walk->mode, "keys"))
        {
          tab_to (walk, kap_field_row_get_widget (row));
          walk->answer_keys++;
          if (!kap_form_view_answer_key (walk->view, GDK_KEY_1 + index, 0))
            g_error ("The key did not answer %s", step->path);
          settle ();
          continue;
        }
#endif

      if (g_str_equal (walk->mode, "mouse"))
        {
          scroll_to (walk, box);
          walk->clicks++;
        }
      else
        {
          tab_to (walk, box);
          walk->answer_keys++;
        }
      gtk_widget_grab_focus (box);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (box), TRUE);
      settle ();
    }
}

static void
type_text (Walk        *walk,
           const Step  *step,
           KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  if (g_str_equal (walk->mode, "mouse"))
    {
      scroll_to (walk, edit_row);
      walk->clicks++;
      kap_field_row_grab_focus (row);
    }
  else
    tab_to (walk, edit_row);

  walk->typed += g_utf8_strlen (step->value, -1);
  form_test_set_text (walk->view, step->path, step->value);
  settle ();
}

static void
pick (Walk        *walk,
      const Step  *step,
      KapFieldRow *row)
{
  GtkWidget *edit_row = kap_field_row_get_edit_row (row);

  if (g_str_equal (walk->mode, "mouse"))
    {
      scroll_to (walk, edit_row);
      walk->clicks += 2;  /* open the search, choose the result */
    }
  else
    {
      tab_to (walk, edit_row);
      walk->answer_keys += 2;  /* Space opens the search, Enter takes the first result */
    }
  walk->typed += g_utf8_strlen (step->query, -1);
  form_test_pick (walk->view, step->path, step->query, step->value);
  /* The search closes back onto its button. */
  kap_field_row_grab_focus (row);
  settle ();
}

/* The answers, in name order, without the record's own members: the
 * same text for every walk that answered the same. */
static char *
digest_answers (KapRecordEditor *editor)
{
  JsonObject *body = kap_document_get_body (kap_record_editor_get_record (editor));
  g_autoptr(GList) names = g_list_sort (json_object_get_members (body), (GCompareFunc) g_strcmp0);
  g_autoptr(GString) text = g_string_new (NULL);

  for (GList *l = names; l != NULL; l = l->next)
    {
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autofree char *value = NULL;

      if (kap_record_member_is_reserved (l->data))
        continue;
      json_generator_set_root (generator, json_object_get_member (body, l->data));
      value = json_generator_to_data (generator, NULL);
      g_string_append_printf (text, "%s=%s;", (const char *) l->data, value);
    }

  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text->str, -1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(KapFormRegistry) forms = NULL;
  g_autoptr(KapStore) store = NULL;
  g_autoptr(KapDocument) draft = NULL;
  g_autofree char *dir = NULL, *path = NULL, *digest = NULL;
  KapRecordAuthor author = { "OFF-07", "RS-PRE", NULL };
  Walk walk = { 0 };

  walk.mode = argc > 1 ? argv[1] : "keys";
#ifdef KAP_WALK_BEFORE
  if (g_str_equal (walk.mode, "keys"))
    g_error ("This Kapija has no keyboard answering: walk “mouse” or “tab”");
#endif
  if (!g_str_equal (walk.mode, "mouse") && !g_str_equal (walk.mode, "tab") && !g_str_equal (walk.mode, "keys"))
    g_error ("Walk “mouse”, “tab” or “keys”");

  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_init ();
  adw_init ();

  dir = g_dir_make_tmp ("kap-walk-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "kapija.db", NULL);
  store = kap_store_open (path, KAP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  author.device = kap_store_get_device_id (store);
  forms = kap_form_registry_new ();
  kap_form_registry_load_builtin (forms, &error);
  g_assert_no_error (error);

  draft = kap_records_create_draft (store, forms, &author, "screening", NULL, &error);
  g_assert_no_error (error);
  walk.editor = KAP_RECORD_EDITOR (kap_record_editor_new (store, forms, draft, &author));
  walk.view = kap_record_editor_get_view (walk.editor);
  walk.window = form_test_show (GTK_WIDGET (walk.editor), 1280, 800);

  /* The officer starts with a click on the first question. */
  walk.clicks++;
  g_assert_true (kap_form_view_focus_path (walk.view, steps[0].path));
  settle ();

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      const Step *step = &steps[i];
      KapFieldRow *row = form_test_row (walk.view, step->path);

      if (!kap_field_row_get_relevant (row))
        g_error ("%s is not asked", step->path);

      switch (step->kind)
        {
        case STEP_BOOL:
        case STEP_CHOOSE:
          choose (&walk, step, row);
          break;
        case STEP_CHECKS:
          check (&walk, step, row);
          break;
        case STEP_TEXT:
          type_text (&walk, step, row);
          break;
        case STEP_PICK:
        default:
          pick (&walk, step, row);
          break;
        }
    }

  /* Ctrl+Enter, or a click on Finalize. */
  if (g_str_equal (walk.mode, "mouse"))
    walk.clicks++;
  else
    walk.answer_keys++;
  if (!kap_record_editor_finalize_record (walk.editor, &error))
    g_error ("The screening was not finalized: %s", error ? error->message : "answers need attention");

  digest = digest_answers (walk.editor);
  g_print ("walk %-5s  %u answers  clicks %u  wheel %u  tab %u  answer keys %u  typed %u  "
           "events %u (without typing %u)  answers %.16s\n",
           walk.mode, (guint) G_N_ELEMENTS (steps), walk.clicks, walk.wheel, walk.tabs, walk.answer_keys,
           walk.typed, walk.clicks + walk.wheel + walk.tabs + walk.answer_keys + walk.typed,
           walk.clicks + walk.wheel + walk.tabs + walk.answer_keys, digest);

  form_test_destroy (walk.window);
  g_clear_object (&store);
  kap_ui_test_remove_tree (dir);

  return 0;
}
