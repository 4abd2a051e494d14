/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "kap-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "kap-store-private.h"

/* The one write path of the store. Every writer (kap-store.c, -local,
 * -origin, -resolve, -sync-state, -tree through them, the schema
 * migration) hands its work to kap_store_write(), which owns the
 * skeleton: the lock, BEGIN IMMEDIATE, commit or rollback, the ids the
 * transaction changed, and the "documents-changed" signal on the opener's
 * main context. before_commit() is the one place where the audit trail
 * and encryption hook in, inside the transaction, so that what they add
 * commits or rolls back with the change itself. */

static gboolean
begin_write (KapStore  *self,
             GError   **error)
{
  if (self->read_only)
    {
      g_set_error_literal (error, KAP_STORE_ERROR, KAP_STORE_ERROR_READ_ONLY,
                           _("The store was opened read-only, so nothing was saved"));
      return FALSE;
    }

  g_ptr_array_set_size (self->changed_ids, 0);

  /* IMMEDIATE takes the write lock now, so a busy store fails here,
   * before any work, instead of at COMMIT. */
  return kap_store_exec (self, "BEGIN IMMEDIATE", error);
}

/* Inside the transaction, after the writer's work: the hook for what must
 * commit with every change (audit entries, encryption of what was
 * written). Nothing yet. */
static gboolean
before_commit (KapStore  *self,
               GError   **error)
{
  return TRUE;
}

static void
rollback (KapStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  g_ptr_array_set_size (self->changed_ids, 0);
}

/* The ids the committed transaction changed, each once, taken with the
 * lock held and emitted once it is released, so that a handler may use
 * the store. */
static GStrv
take_changes (KapStore *self)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  g_autoptr(GHashTable) seen = NULL;

  if (self->changed_ids->len == 0)
    return NULL;

  builder = g_strv_builder_new ();
  seen = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < self->changed_ids->len; i++)
    {
      const char *id = g_ptr_array_index (self->changed_ids, i);

      if (g_hash_table_add (seen, (gpointer) id))
        g_strv_builder_add (builder, id);
    }
  g_ptr_array_set_size (self->changed_ids, 0);

  return g_strv_builder_end (builder);
}

typedef struct
{
  KapStore *store;
  GStrv     ids;
} Emission;

static void
emission_free (gpointer data)
{
  Emission *emission = data;

  g_object_unref (emission->store);
  g_strfreev (emission->ids);
  g_free (emission);
}

static gboolean
emit_idle_cb (gpointer data)
{
  Emission *emission = data;

  kap_store_emit_documents_changed (emission->store, emission->ids);

  return G_SOURCE_REMOVE;
}

/* Subscribers (list models, the person index, pages) live in the thread
 * that opened the store; a sync writes from a worker thread. So the
 * signal is emitted right away in the opener's thread, and from anywhere
 * else by an idle source on the opener's thread-default main context (never
 * by g_main_context_invoke(), which would run it in the writer's thread
 * whenever that context is free). */
static void
emit_changes (KapStore *self,
              GStrv     ids)
{
  Emission *emission;
  g_autoptr(GSource) source = NULL;

  if (ids == NULL || ids[0] == NULL)
    {
      g_strfreev (ids);
      return;
    }

  if (g_thread_self () == self->thread)
    {
      kap_store_emit_documents_changed (self, ids);
      g_strfreev (ids);
      return;
    }

  emission = g_new0 (Emission, 1);
  emission->store = g_object_ref (self);
  emission->ids = ids;
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_static_name (source, "[kap-store] documents-changed");
  g_source_set_callback (source, emit_idle_cb, emission, emission_free);
  g_source_attach (source, self->context);
}

void
kap_store_note_changed (KapStore   *self,
                        const char *id)
{
  g_ptr_array_add (self->changed_ids, g_strdup (id));
}

gboolean
kap_store_write (KapStore           *self,
                 KapStoreWriteFunc   func,
                 gpointer            user_data,
                 GError            **error)
{
  GStrv changes = NULL;
  gboolean ok;

  g_mutex_lock (&self->lock);
  ok = begin_write (self, error) &&
       func (self, user_data, error) &&
       before_commit (self, error) &&
       kap_store_exec (self, "COMMIT", error);
  if (ok)
    changes = take_changes (self);
  else
    rollback (self);
  g_mutex_unlock (&self->lock);

  emit_changes (self, changes);

  return ok;
}
