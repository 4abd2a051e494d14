/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-stage-dialog.h"

G_BEGIN_DECLS

/* Here so that the widget tests can reach the widgets on screen. */
struct _KapStageDialog
{
  AdwMessageDialog  parent_instance;

  AdwComboRow      *stage_row;
  AdwEntryRow      *date_row;
  GtkCalendar      *calendar;
  AdwEntryRow      *note_row;
  GtkLabel         *message_label;

  KapForm          *form;
  KapFormField     *note_field;
  char             *current;       /* the case's stage now, or NULL */
  char             *current_date;  /* since when, or NULL */
  char             *current_note;
  char            **stages;        /* the codes offered, current first */
  GDate             today;

  /* The answers as last checked. */
  char             *date;
  char             *note;
  gboolean          needs_note;
};

G_END_DECLS
