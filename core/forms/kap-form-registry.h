/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "kap-form.h"

G_BEGIN_DECLS

#define KAP_TYPE_FORM_REGISTRY (kap_form_registry_get_type ())
G_DECLARE_FINAL_TYPE (KapFormRegistry, kap_form_registry, KAP, FORM_REGISTRY, GObject)

/* Every version of every form this laptop knows. A record keeps the key of
 * the form it was captured with ("screening@1") and is always shown and
 * validated with that version; new records use the newest version. */

KapFormRegistry *kap_form_registry_new            (void) G_GNUC_WARN_UNUSED_RESULT;
/* The forms shipped in the program (resources). A shipped form that does
 * not load is a programming error, reported as the form's GError. */
gboolean         kap_form_registry_load_builtin   (KapFormRegistry  *self,
                                                   GError          **error);
/* Adds a form (e.g. a newer version from the server). A form whose key is
 * already known is left as it is: a released version never changes. */
void             kap_form_registry_add            (KapFormRegistry  *self,
                                                   KapForm          *form);
KapForm         *kap_form_registry_lookup         (KapFormRegistry  *self,
                                                   const char       *key);
KapForm         *kap_form_registry_get_latest     (KapFormRegistry  *self,
                                                   const char       *form_id);

G_END_DECLS
