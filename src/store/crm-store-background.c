/* crm-store-background.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-private.h"

/* Reads too slow for the main thread (a count over 100,000 customers takes
 * up to a tenth of a second) run on a worker thread, through a read
 * connection of their own. The connection opens on first use; the worker
 * holds background_lock while it uses it, and crm_store_close() takes the
 * lock to close it. The main thread compiles the SQL, so a worker touches
 * nothing else of the store. SQLite's WAL gives the worker the last
 * committed state, as it does the main thread's reader. */

typedef struct
{
  char      *sql;
  GPtrArray *binds;   /* GVariant */
} CountJob;

static void
count_job_free (CountJob *job)
{
  g_clear_pointer (&job->sql, g_free);
  g_clear_pointer (&job->binds, g_ptr_array_unref);
  g_free (job);
}

/* Worker thread, with background_lock held. */
static sqlite3 *
ensure_connection (CrmStore  *self,
                   GError   **error)
{
  sqlite3 *db;

  if (self->background != NULL)
    return self->background;

  if (self->closed)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The store is closed");
      return NULL;
    }

  db = _crm_store_open_connection (self, self->path, SQLITE_OPEN_READONLY, error);
  if (db == NULL)
    return NULL;

  /* Atomic: crm_store_close() reads it without the lock to interrupt. */
  g_atomic_pointer_set (&self->background, db);

  self->background_statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                       (GDestroyNotify) sqlite3_finalize);
  return db;
}

/* Worker thread, with background_lock held. */
static gboolean
run_count (CrmStore  *self,
           CountJob  *job,
           guint     *count,
           GError   **error)
{
  sqlite3 *db = ensure_connection (self, error);
  sqlite3_stmt *stmt;
  int rc;

  if (db == NULL)
    return FALSE;

  stmt = _crm_store_prepare (db, self->background_statements, job->sql, error);
  if (stmt == NULL)
    return FALSE;

  for (guint i = 0; i < job->binds->len; i++)
    _crm_store_bind_variant (stmt, i + 1, g_ptr_array_index (job->binds, i));

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *count = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  /* Only crm_store_close() interrupts. */
  if ((rc & 0xff) == SQLITE_INTERRUPT)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, "The store is closed");
      return FALSE;
    }

  if (rc != SQLITE_ROW)
    return _crm_store_set_sqlite_error (error, db, rc, "Failed to count records");

  return TRUE;
}

static void
count_thread_func (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  CrmStore *self = source_object;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gboolean ok;

  if (g_task_return_error_if_cancelled (task))
    return;

  g_mutex_lock (&self->background_lock);
  ok = run_count (self, task_data, &count, &error);
  g_mutex_unlock (&self->background_lock);

  if (!ok)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_int (task, count);
}

/**
 * crm_store_count_async:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @filter: (nullable): the filter; %NULL counts all
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context with the count
 * @user_data: data for @callback
 *
 * Counts, as crm_store_count() does, on a worker thread, so the main
 * thread never waits on a count over a large table. The filter is read
 * now (today's date included); the count is of the last committed state
 * when the worker runs it.
 */
void
crm_store_count_async (CrmStore            *self,
                       CrmEntityKind        kind,
                       CrmFilter           *filter,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  CountJob *job;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (kind < CRM_N_ENTITIES);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_store_count_async);
  g_task_set_name (task, "[prospect] count");

  job = g_new0 (CountJob, 1);
  job->binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_task_set_task_data (task, job, (GDestroyNotify) count_job_free);

  where = _crm_filter_to_sql (self, kind, filter, NULL, job->binds, &error);
  if (where == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  job->sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s",
                              crm_entity_kind_get_table (kind), where);
  g_task_run_in_thread (task, count_thread_func);
}

/**
 * crm_store_count_finish:
 * @self: a #CrmStore
 * @result: the result given to the callback
 * @count: (out): where to put the count
 * @error: return location for a #GError
 *
 * Returns: %TRUE with @count set, or %FALSE with @error set
 */
gboolean
crm_store_count_finish (CrmStore      *self,
                        GAsyncResult  *result,
                        guint         *count,
                        GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (count != NULL, FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  *count = (guint) value;
  return TRUE;
}

/* Main thread, from crm_store_close(), with self->closed set: stops a
 * count under way rather than wait for it. */
void
_crm_store_close_background (CrmStore *self)
{
  if (!g_mutex_trylock (&self->background_lock))
    {
      sqlite3 *db = g_atomic_pointer_get (&self->background);

      if (db != NULL)
        sqlite3_interrupt (db);
      g_mutex_lock (&self->background_lock);
    }

  g_clear_pointer (&self->background_statements, g_hash_table_unref);
  g_clear_pointer (&self->background, sqlite3_close);
  g_mutex_unlock (&self->background_lock);
}
