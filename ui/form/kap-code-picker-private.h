/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-code-picker.h"

G_BEGIN_DECLS

/* The parts of the picker that tests drive like an officer would. */
struct _KapCodePicker
{
  AdwActionRow     parent_instance;

  KapCodeList     *list;
  gboolean         multiple;
  char            *code;
  GPtrArray       *codes;

  GtkMenuButton   *button;
  GtkPopover      *popover;
  GtkSearchEntry  *search_entry;
  GtkListBox      *results;
  GtkLabel        *placeholder;
};

/* The code shown by a row of the results. */
const char *kap_code_picker_result_get_code (GtkListBoxRow *row);

G_END_DECLS
