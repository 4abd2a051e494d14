/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-form-registry"

#include "config.h"

#include "kap-form-registry.h"
#include "kap-forms-resources.h"

#define FORMS_PATH "/io/github/kapija/Kapija/forms"

struct _KapFormRegistry
{
  GObject     parent_instance;

  GHashTable *by_key;       /* "screening@1" → KapForm */
  GHashTable *latest;       /* "screening" → KapForm (not owned) */
};

G_DEFINE_FINAL_TYPE (KapFormRegistry, kap_form_registry, G_TYPE_OBJECT)

static void
kap_form_registry_finalize (GObject *object)
{
  KapFormRegistry *self = (KapFormRegistry *)object;

  g_clear_pointer (&self->latest, g_hash_table_unref);
  g_clear_pointer (&self->by_key, g_hash_table_unref);

  G_OBJECT_CLASS (kap_form_registry_parent_class)->finalize (object);
}

static void
kap_form_registry_class_init (KapFormRegistryClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = kap_form_registry_finalize;
}

static void
kap_form_registry_init (KapFormRegistry *self)
{
  self->by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->latest = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

KapFormRegistry *
kap_form_registry_new (void)
{
  return g_object_new (KAP_TYPE_FORM_REGISTRY, NULL);
}

void
kap_form_registry_add (KapFormRegistry *self,
                       KapForm         *form)
{
  KapForm *latest;

  g_return_if_fail (KAP_IS_FORM_REGISTRY (self));
  g_return_if_fail (KAP_IS_FORM (form));

  if (g_hash_table_contains (self->by_key, kap_form_get_key (form)))
    return;

  g_hash_table_insert (self->by_key, g_strdup (kap_form_get_key (form)), g_object_ref (form));

  latest = g_hash_table_lookup (self->latest, kap_form_get_form_id (form));
  if (latest == NULL || kap_form_get_version (form) > kap_form_get_version (latest))
    g_hash_table_replace (self->latest, g_strdup (kap_form_get_form_id (form)), form);
}

gboolean
kap_form_registry_load_builtin (KapFormRegistry  *self,
                                GError          **error)
{
  g_auto(GStrv) names = NULL;
  GResource *resource;

  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (self), FALSE);

  /* Asking for the resource by name keeps the linker from dropping it
   * out of the static library (meson issue #2374). */
  resource = kap_forms_get_resource ();
  names = g_resource_enumerate_children (resource, FORMS_PATH, 0, error);
  if (names == NULL)
    return FALSE;

  for (guint i = 0; names[i]; i++)
    {
      g_autofree char *path = g_build_path ("/", FORMS_PATH, names[i], NULL);
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(KapForm) form = NULL;
      gsize size;
      const char *data;

      bytes = g_resource_lookup_data (resource, path, 0, error);
      if (bytes == NULL)
        return FALSE;

      data = g_bytes_get_data (bytes, &size);
      form = kap_form_new_from_json (data, size, error);
      if (form == NULL)
        return FALSE;

      kap_form_registry_add (self, form);
    }

  return TRUE;
}

KapForm *
kap_form_registry_lookup (KapFormRegistry *self,
                          const char      *key)
{
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (self), NULL);

  return key ? g_hash_table_lookup (self->by_key, key) : NULL;
}

KapForm *
kap_form_registry_get_latest (KapFormRegistry *self,
                              const char      *form_id)
{
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (self), NULL);

  return form_id ? g_hash_table_lookup (self->latest, form_id) : NULL;
}
