/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-record-editor.h"

G_BEGIN_DECLS

/* Inside the record editor only: its parts in other files.
 *
 * kap-record-editor-tools.c, the tools for speed at the counter (issue
 * 8, points 9 and 10): the section outline (editor.outline, Ctrl+J) and
 * Discard Draft (editor.discard). */

/* In class_init: the actions, their shortcut, the "discard-requested"
 * signal and the template's outline button. */
void kap_record_editor_class_add_tools (GtkWidgetClass  *widget_class);
/* After the view was (re)built: the outline follows it, and Discard
 * Draft is offered for a draft only. */
void kap_record_editor_update_tools    (KapRecordEditor *self);

/* kap-record-editor-attention.c: the rows of what needs attention
 * (KapFormIssue) in @group, kept in @rows; activating one focuses its
 * question in @view. */
void kap_record_editor_show_attention  (AdwPreferencesGroup *group,
                                        GPtrArray           *rows,
                                        KapFormView         *view,
                                        GPtrArray           *issues);
void kap_record_editor_clear_attention (AdwPreferencesGroup *group,
                                        GPtrArray           *rows);

G_END_DECLS
