/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form-view.h"
#include "kap-record-badges.h"
#include "kap-record-editor.h"
#include "kap-stage-dialog.h"

G_BEGIN_DECLS

struct _KapRecordEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkLabel          *title_label;
  KapRecordBadges   *badges;
  GtkLabel          *status_label;
  GtkButton         *finalize_button;
  GtkButton         *stage_button;
  GtkScrolledWindow *scrolled;
  GtkBox            *content;
  AdwPreferencesGroup *summary_group;

  KapFormView       *view;
  KapPersonPickerFunc pick_person;   /* for the view's "person" fields */
  KapStageDialog    *stage_dialog;   /* weak, while it is open */
  GPtrArray         *summary_rows;   /* AdwActionRow, one per issue */

  KapStore          *store;
  KapFormRegistry   *forms;
  KapForm           *form;
  KapDocument       *record;
  char              *officer;
  char              *station;
  char              *device;
  char              *title;
  char              *error_message;  /* why the last save failed */

  guint              save_source;
  gboolean           dirty;
  gboolean           read_only;
};

/* How long after the last change a draft is written (DESIGN.md: within a
 * second of any change). */
#define KAP_RECORD_EDITOR_SAVE_DELAY_MS 400

/* The view of the form, for tests that drive its widgets. */
KapFormView *kap_record_editor_get_view          (KapRecordEditor *self);

G_END_DECLS
