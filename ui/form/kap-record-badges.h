/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kap-form.h"

G_BEGIN_DECLS

#define KAP_TYPE_RECORD_BADGES (kap_record_badges_get_type ())
G_DECLARE_FINAL_TYPE (KapRecordBadges, kap_record_badges, KAP, RECORD_BADGES, GtkWidget)

/* A screening's priority (P1 red, P2 amber, P3 neutral) and vulnerability
 * categories as small badges: the category codes, with their labels in
 * the UI language as tooltips and as what a screen reader says; and the
 * stage of a return case. */
GtkWidget *kap_record_badges_new          (void);
/* Shows the "priority", "vuln_cat" and "stage" answers of @answers, with
 * labels from @form's fields of those names (the stage by its label);
 * hides itself when there are none. */
void       kap_record_badges_set_answers  (KapRecordBadges    *self,
                                           KapForm            *form,
                                           JsonObject         *answers);
void       kap_record_badges_set          (KapRecordBadges    *self,
                                           KapForm            *form,
                                           const char         *priority,
                                           const char * const *categories);
/* What is shown, for tests: "P1 UAC LEG". */
char      *kap_record_badges_to_string    (KapRecordBadges    *self) G_GNUC_WARN_UNUSED_RESULT;
/* The badge widget at @position (0: the priority when there is one). */
GtkWidget *kap_record_badges_get_badge    (KapRecordBadges    *self,
                                           guint               position);

G_END_DECLS
