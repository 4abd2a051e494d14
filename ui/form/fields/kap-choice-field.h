/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-field-row.h"

G_BEGIN_DECLS

#define KAP_TYPE_CHOICE_FIELD (kap_choice_field_get_type ())
G_DECLARE_DERIVABLE_TYPE (KapChoiceField, kap_choice_field, KAP, CHOICE_FIELD, KapFieldRow)

/* Answers chosen from the form's own list of choices: the kinds that
 * show them as buttons, a combo row or check boxes derive from this. */
struct _KapChoiceFieldClass
{
  KapFieldRowClass parent_class;

  gpointer padding[4];
};

/* The codes offered, in the form's order (char *); empty for Yes/No. */
GPtrArray  *kap_choice_field_get_codes (KapChoiceField *self);
/* How the form names @code. */
const char *kap_choice_field_label     (KapChoiceField *self,
                                        const char     *code);
/* Offers @codes instead (takes them). */
void        kap_choice_field_set_codes (KapChoiceField *self,
                                        GPtrArray      *codes);
/* Every code of the field's list in @form, in its order. */
GPtrArray  *kap_choice_field_list_codes (KapForm       *form,
                                         KapFormField  *field) G_GNUC_WARN_UNUSED_RESULT;

/* Keyboard answering (kap-form-view-keys.c). How many answers the
 * officer can choose from: the codes offered, or Yes and No. */
guint       kap_choice_field_get_n_answers (KapChoiceField *self);
/* Answers with the answer at @index (from 0; Yes is 0 and No 1): a
 * single choice is set to it (chosen again, it stays), a multiple choice
 * has it toggled. FALSE, changing nothing, when @index is not offered or
 * the field cannot be edited now. */
gboolean    kap_choice_field_pick          (KapChoiceField *self,
                                            guint           index);
/* Whether the field takes one answer (Yes/No, a single choice) rather
 * than several. */
gboolean    kap_choice_field_is_single     (KapChoiceField *self);

G_END_DECLS
