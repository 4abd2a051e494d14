/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "kap-form-registry.h"
#include "kap-store.h"

G_BEGIN_DECLS

/* A text field with appearance "person" holds the id of a person record
 * (a family member who returns too). Choosing that person takes the
 * person chooser of ui/records, and ui/records is built on ui/form (its
 * dialogs use the code picker), not the other way round. So ui/form only
 * says what it needs (a KapPersonPickerFunc), and whoever makes the
 * editor passes one in: the window gives kap_person_chooser_pick()
 * (kap_record_editor_set_person_picker()). Without a picker the field
 * shows the person but cannot change them. */

/* Called once, with the chosen person's id. */
typedef void       (*KapPersonPickedFunc) (const char      *person_id,
                                           gpointer         user_data);

/* Shows a way to choose one person of @store over @parent, titled
 * @title; calls @callback if the officer chooses someone, and frees
 * @user_data with @destroy when the picker is gone, chosen or not.
 * Returns the picker's window. */
typedef GtkWindow *(*KapPersonPickerFunc) (GtkWindow           *parent,
                                           KapStore            *store,
                                           KapFormRegistry     *forms,
                                           const char          *title,
                                           KapPersonPickedFunc  callback,
                                           gpointer             user_data,
                                           GDestroyNotify       destroy);

/* How a person record reads in a form: “Ahmad Al-Hassan · أحمد الحسن”
 * (the name as stated and in the original script, when they differ), or
 * NULL when @store has no such person. */
char               *kap_person_picker_describe (KapStore            *store,
                                                const char          *person_id) G_GNUC_WARN_UNUSED_RESULT;
/* The name to write where a form wants the person's name: as stated,
 * else in the original script; NULL when there is none. */
char               *kap_person_picker_get_name (KapStore            *store,
                                                const char          *person_id) G_GNUC_WARN_UNUSED_RESULT;

G_END_DECLS
