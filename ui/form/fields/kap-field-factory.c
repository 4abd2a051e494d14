/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-field-factory"

#include "config.h"

#include "kap-checks-field.h"
#include "kap-codes-field.h"
#include "kap-combo-field.h"
#include "kap-date-field.h"
#include "kap-entry-field.h"
#include "kap-field-factory.h"
#include "kap-multiline-field.h"
#include "kap-note-field.h"
#include "kap-number-field.h"
#include "kap-person-field.h"
#include "kap-toggles-field.h"

/* The one place that knows every kind: a new kind is a subclass of
 * KapFieldRow in its own file and a case here. */
GType
kap_field_factory_get_kind (KapForm      *form,
                            KapFormField *field)
{
  const char *appearance = kap_form_field_get_appearance (field);
  const char *list = kap_form_field_get_choice_list (field);
  gboolean code_list = list != NULL && list[0] == '@';

  switch (kap_form_field_get_field_type (field))
    {
    case KAP_FIELD_NOTE:
      return KAP_TYPE_NOTE_FIELD;

    case KAP_FIELD_TEXT:
      if (g_strcmp0 (appearance, "person") == 0)
        return KAP_TYPE_PERSON_FIELD;
      if (g_strcmp0 (appearance, "multiline") == 0)
        return KAP_TYPE_MULTILINE_FIELD;
      return KAP_TYPE_ENTRY_FIELD;

    case KAP_FIELD_INTEGER:
    case KAP_FIELD_DECIMAL:
      return KAP_TYPE_NUMBER_FIELD;

    case KAP_FIELD_DATE:
      return KAP_TYPE_DATE_FIELD;

    case KAP_FIELD_BOOLEAN:
      return KAP_TYPE_TOGGLES_FIELD;

    case KAP_FIELD_SELECT_ONE:
      if (code_list)
        return KAP_TYPE_CODES_FIELD;
      if (kap_toggles_field_fit (form, field))
        return KAP_TYPE_TOGGLES_FIELD;
      return KAP_TYPE_COMBO_FIELD;

    case KAP_FIELD_SELECT_MULTIPLE:
      return code_list ? KAP_TYPE_CODES_FIELD : KAP_TYPE_CHECKS_FIELD;

    case KAP_FIELD_GROUP:
    case KAP_FIELD_REPEAT:
    default:
      return G_TYPE_INVALID;
    }
}

KapFieldRow *
kap_field_factory_new_row (KapForm      *form,
                           KapFormField *field,
                           JsonObject   *answers,
                           KapFormField *repeat,
                           JsonObject   *item,
                           guint         index,
                           gboolean      read_only,
                           KapStore     *store)
{
  GType kind = kap_field_factory_get_kind (form, field);
  KapFieldRow *row;

  g_return_val_if_fail (g_type_is_a (kind, KAP_TYPE_FIELD_ROW), NULL);

  row = g_object_new (kind, NULL);
  kap_field_row_construct (row, form, field, answers, repeat, item, index, read_only, store);

  return row;
}
