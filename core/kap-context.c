/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-context"

#include "config.h"

#include "kap-context.h"

struct _KapContext
{
  GObject          parent_instance;

  KapStore        *store;
  KapFormRegistry *forms;
  GSettings       *settings;
  KapPersonIndex  *person_index;
  KapProfile      *profile;
  char            *station;
  char            *settings_station;  /* the last one read, kept for get_author() */
};

G_DEFINE_FINAL_TYPE (KapContext, kap_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROFILE,
  N_PROPS
};

static GParamSpec *properties [N_PROPS];

static void
kap_context_dispose (GObject *object)
{
  KapContext *self = (KapContext *)object;

  g_clear_object (&self->person_index);
  g_clear_object (&self->store);
  g_clear_object (&self->forms);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (kap_context_parent_class)->dispose (object);
}

static void
kap_context_finalize (GObject *object)
{
  KapContext *self = (KapContext *)object;

  g_clear_pointer (&self->profile, kap_profile_free);
  g_free (self->station);
  g_free (self->settings_station);

  G_OBJECT_CLASS (kap_context_parent_class)->finalize (object);
}

static void
kap_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  KapContext *self = KAP_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_PROFILE:
      g_value_set_boxed (value, self->profile);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kap_context_class_init (KapContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kap_context_dispose;
  object_class->finalize = kap_context_finalize;
  object_class->get_property = kap_context_get_property;

  properties [PROP_PROFILE] =
    g_param_spec_boxed ("profile", NULL, NULL, KAP_TYPE_PROFILE,
                        (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
kap_context_init (KapContext *self)
{
}

KapContext *
kap_context_new (KapStore        *store,
                 KapFormRegistry *forms,
                 GSettings       *settings)
{
  KapContext *self;

  g_return_val_if_fail (store == NULL || KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (forms == NULL || KAP_IS_FORM_REGISTRY (forms), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  self = g_object_new (KAP_TYPE_CONTEXT, NULL);
  self->store = store ? g_object_ref (store) : NULL;
  self->settings = settings ? g_object_ref (settings) : NULL;
  if (forms != NULL)
    self->forms = g_object_ref (forms);
  else
    {
      g_autoptr(GError) error = NULL;

      self->forms = kap_form_registry_new ();
      /* Compiled in: only a broken build fails here. */
      if (!kap_form_registry_load_builtin (self->forms, &error))
        g_critical ("The shipped forms did not load: %s", error->message);
    }

  return self;
}

KapStore *
kap_context_get_store (KapContext *self)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  return self->store;
}

KapFormRegistry *
kap_context_get_forms (KapContext *self)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  return self->forms;
}

GSettings *
kap_context_get_settings (KapContext *self)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  return self->settings;
}

KapPersonIndex *
kap_context_get_person_index (KapContext *self)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  if (self->person_index == NULL && self->store != NULL)
    {
      self->person_index = kap_person_index_new ();
      kap_person_index_follow (self->person_index, self->store);
    }

  return self->person_index;
}

KapCodeList *
kap_context_get_countries (KapContext  *self,
                           GError     **error)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  return kap_code_list_countries (error);
}

KapCodeList *
kap_context_get_languages (KapContext  *self,
                           GError     **error)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  return kap_code_list_languages (error);
}

const KapProfile *
kap_context_get_profile (KapContext *self)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  return self->profile;
}

void
kap_context_set_profile (KapContext       *self,
                         const KapProfile *profile)
{
  g_return_if_fail (KAP_IS_CONTEXT (self));

  if (self->profile == NULL && profile == NULL)
    return;

  g_clear_pointer (&self->profile, kap_profile_free);
  self->profile = profile ? kap_profile_copy (profile) : NULL;
  g_object_notify_by_pspec (G_OBJECT (self), properties [PROP_PROFILE]);
}

const char *
kap_context_get_station (KapContext *self)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), NULL);

  if (self->station != NULL)
    return self->station;

  if (self->settings == NULL)
    return NULL;

  g_free (self->settings_station);
  self->settings_station = g_settings_get_string (self->settings, "station-code");
  return self->settings_station[0] != '\0' ? self->settings_station : NULL;
}

void
kap_context_set_station (KapContext *self,
                         const char *station)
{
  g_return_if_fail (KAP_IS_CONTEXT (self));

  g_free (self->station);
  self->station = station && *station ? g_strdup (station) : NULL;
}

void
kap_context_get_author (KapContext      *self,
                        KapRecordAuthor *author)
{
  g_return_if_fail (KAP_IS_CONTEXT (self));
  g_return_if_fail (author != NULL);

  author->officer = self->profile != NULL && self->profile->code != NULL && self->profile->code[0] != '\0'
                    ? self->profile->code : "officer";
  author->station = kap_context_get_station (self);
  author->device = self->store != NULL ? kap_store_get_device_id (self->store) : NULL;
}

gboolean
kap_context_check (KapContext        *self,
                   KapRecordsAction   action,
                   GError           **error)
{
  g_return_val_if_fail (KAP_IS_CONTEXT (self), FALSE);

  return kap_records_check (self->profile, action, error);
}
