/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-reference"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "kap-reference.h"
#include "kap-sync-names.h"

char *
kap_reference_store_path (const char *records_path)
{
  g_return_val_if_fail (records_path != NULL, NULL);

  if (g_str_has_suffix (records_path, ".db"))
    {
      g_autofree char *stem = g_strndup (records_path, strlen (records_path) - strlen (".db"));

      return g_strconcat (stem, "-reference.db", NULL);
    }

  return g_strconcat (records_path, "-reference", NULL);
}

KapStore *
kap_reference_open_store (KapStore  *records,
                          gboolean   create,
                          GError   **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (KAP_IS_STORE (records), NULL);

  path = kap_reference_store_path (kap_store_get_path (records));
  return kap_store_open (path, create ? KAP_STORE_OPEN_CREATE : KAP_STORE_OPEN_NONE, error);
}

int
kap_reference_load_forms (KapStore         *store,
                          KapFormRegistry  *forms,
                          GPtrArray       **problems,
                          GError          **error)
{
  g_autoptr(GListModel) documents = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func (g_free);
  guint n_documents;
  int loaded = 0;

  g_return_val_if_fail (KAP_IS_STORE (store), -1);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), -1);

  documents = kap_store_list (store, "form", error);
  if (documents == NULL)
    return -1;

  n_documents = g_list_model_get_n_items (documents);
  for (guint i = 0; i < n_documents; i++)
    {
      g_autoptr(KapDocument) document = g_list_model_get_item (documents, i);
      g_autoptr(KapForm) form = NULL;
      g_autoptr(GError) form_error = NULL;
      JsonObject *body = kap_document_get_body (document);

      form = kap_form_new_from_object (body, &form_error);
      if (form == NULL)
        {
          g_debug ("Form %s from the reference database does not load: %s",
                   kap_document_get_id (document), form_error->message);
          /* Translators: the first %s is a form document's id (such as
           * “form:screening@2”), the second what is wrong with it. */
          g_ptr_array_add (found, g_strdup_printf (_("The form “%s” from the server cannot be used "
                                                     "and was skipped: %s"),
                                                   kap_document_get_id (document),
                                                   form_error->message));
          continue;
        }

      /* A key the registry knows (a shipped form, or loaded before) is
       * left as it is: a released version never changes. */
      kap_form_registry_add (forms, form);
      loaded++;
    }

  if (problems != NULL)
    *problems = g_steal_pointer (&found);

  return loaded;
}

KapReplicationSummary *
kap_reference_pull (KapStore         *store,
                    KapCouchClient   *client,
                    KapFormRegistry  *forms,
                    GPtrArray       **problems,
                    GCancellable     *cancellable,
                    GError          **error)
{
  g_autoptr(KapReplicator) replicator = NULL;
  g_autoptr(KapReplicationSummary) summary = NULL;

  g_return_val_if_fail (KAP_IS_STORE (store), NULL);
  g_return_val_if_fail (KAP_IS_COUCH_CLIENT (client), NULL);
  g_return_val_if_fail (KAP_IS_FORM_REGISTRY (forms), NULL);

  /* Pull only: the laptop may never write the reference database, and
   * the replication id includes the database and direction, so this
   * checkpoint is apart from the station's. */
  replicator = kap_couch_replicator_new (store, client, KAP_SYNC_REFERENCE_DATABASE);
  summary = kap_replicator_run (replicator, KAP_REPLICATION_PULL, cancellable, error);
  if (summary == NULL)
    return NULL;

  if (kap_reference_load_forms (store, forms, problems, error) < 0)
    return NULL;

  return g_steal_pointer (&summary);
}
