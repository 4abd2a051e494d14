/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-carry-captions"

#include "config.h"

#include "kap-carry.h"
#include "kap-carry-captions.h"

static void
update (KapFormView *view)
{
  JsonObject *answers = kap_form_view_get_answers (view);
  g_auto(GStrv) fields = kap_carry_list_fields (answers);

  for (guint i = 0; fields != NULL && fields[i] != NULL; i++)
    {
      KapFieldRow *row = kap_form_view_lookup (view, fields[i]);
      g_autofree char *caption = NULL;

      if (row == NULL)
        continue;

      caption = kap_carry_describe (answers, fields[i]);
      kap_field_row_set_origin (row, caption);
    }
}

static void
view_changed_cb (KapFormView *view,
                 gpointer     user_data)
{
  update (view);
}

void
kap_carry_captions_attach (KapFormView *view)
{
  g_return_if_fail (KAP_IS_FORM_VIEW (view));

  /* A final record keeps no notes of where its answers came from. */
  if (kap_form_view_get_read_only (view))
    return;

  update (view);
  g_signal_connect (view, "changed", G_CALLBACK (view_changed_cb), NULL);
}
