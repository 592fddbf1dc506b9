/* crm-store-checkpoint.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-private.h"

/*
 * Checkpoints: the copy of the WAL's pages into the database, which SQLite
 * would otherwise make on the writer thread, inside the commit that passes
 * its limit. A thread of its own makes them, through a connection of its
 * own, while the writer goes on with its next job: a pull commits a page
 * every few milliseconds, and copying 32 MB of WAL there, with the syncs
 * of both files, cost it about a fifth of its time.
 *
 * The WAL starts again from its beginning only when every frame is
 * copied and the writer begins a transaction; with the writer never
 * pausing, the thread alone would never get there. So the thread is asked
 * at the limit and at every half of it the WAL grows by, and past twice
 * the limit the writer copies what is left itself when the thread is not
 * at work; past four times, it waits for the thread's copy to end (never
 * for a reader). The limit that counts there is the largest since the WAL
 * restarted: a person's job after a pull leaves the pull's WAL to the
 * thread. A restart that meets a checkpoint or a reader at work waits for
 * the next full copy.
 *
 * The writer thread sets the limit (a bulk job lets the WAL grow longer)
 * and asks for checkpoints from its WAL hook; the thread only checkpoints.
 */

#define DEFAULT_CHECKPOINT_PAGES 1000
#define BULK_CHECKPOINT_PAGES 8192

enum
{
  REQUEST_CHECKPOINT = 1,
  REQUEST_QUIT,
};

/* Either thread, with checkpoint_lock held. A checkpoint refused because
 * the writer or a reader holds what it needs leaves the WAL to grow on:
 * the next request, or the writer, copies it. */
static gboolean
run_checkpoint (sqlite3 *db)
{
  int rc = sqlite3_wal_checkpoint_v2 (db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);

  if (rc == SQLITE_OK)
    return TRUE;

  if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
    g_warning ("Failed to checkpoint the database: %s", sqlite3_errmsg (db));

  return FALSE;
}

/* Checkpointer thread. */
static void
checkpoint (CrmStore *self)
{
  g_mutex_lock (&self->checkpoint_lock);
  if (run_checkpoint (self->checkpointer))
    g_atomic_int_inc (&self->checkpoints_made);
  g_mutex_unlock (&self->checkpoint_lock);
}

static gpointer
checkpointer_thread_main (gpointer user_data)
{
  CrmStore *self = user_data;
  gpointer request;

  while ((request = g_async_queue_pop (self->checkpoint_requests)) !=
         GINT_TO_POINTER (REQUEST_QUIT))
    {
      checkpoint (self);
      g_atomic_int_set (&self->checkpoint_asked, FALSE);
    }

  return NULL;
}

/* Writer thread, after each commit. */
static int
on_wal_committed_cb (gpointer    user_data,
                     sqlite3    *db,
                     const char *name,
                     int         n_pages)
{
  CrmStore *self = user_data;
  int limit = self->bulk_checkpoints ? BULK_CHECKPOINT_PAGES : DEFAULT_CHECKPOINT_PAGES;
  int copy_at;

  if (self->checkpoint_pages > 0)
    limit = self->checkpoint_pages;

  /* The WAL restarted: the first request waits for the limit again. */
  if (n_pages < self->checkpoint_last_pages)
    {
      self->checkpoint_next = 0;
      self->checkpoint_grown_at = 0;
    }
  self->checkpoint_last_pages = n_pages;

  /* A WAL that grew under a bulk job's limit is left to the thread when a
   * person's job follows: that job would copy it all. */
  self->checkpoint_grown_at = MAX (self->checkpoint_grown_at, limit);
  copy_at = 2 * self->checkpoint_grown_at;

  if (n_pages < limit)
    return SQLITE_OK;

  /* Only a checkpoint that copies the last frame lets the WAL restart.
   * SQLite refuses one while another runs: while the thread is at work,
   * the next commit tries again; past twice that, the writer waits for
   * the thread to be done. */
  if (n_pages >= copy_at)
    {
      if (n_pages >= 2 * copy_at)
        g_mutex_lock (&self->checkpoint_lock);
      else if (!g_mutex_trylock (&self->checkpoint_lock))
        return SQLITE_OK;

      run_checkpoint (db);
      g_mutex_unlock (&self->checkpoint_lock);
      return SQLITE_OK;
    }

  /* Asked again only once the WAL has grown by half the limit: a copy
   * per commit would sync the files at every commit and keep the WAL from
   * ever restarting. */
  if (n_pages < MAX (self->checkpoint_next, limit))
    return SQLITE_OK;

  if (g_atomic_int_compare_and_exchange (&self->checkpoint_asked, FALSE, TRUE))
    {
      self->checkpoint_next = n_pages + limit / 2;
      g_async_queue_push (self->checkpoint_requests, GINT_TO_POINTER (REQUEST_CHECKPOINT));
    }

  return SQLITE_OK;
}

/**
 * _crm_store_start_checkpoints:
 * @self: a store whose writer connection is open
 * @error: return location for a #GError
 *
 * Opens the checkpointer's connection, starts its thread, and makes the
 * writer's commits ask it for checkpoints rather than make them.
 *
 * Returns: %TRUE on success
 */
gboolean
_crm_store_start_checkpoints (CrmStore  *self,
                              GError   **error)
{
  int rc;

  self->checkpointer = _crm_store_open_connection (self, self->path, SQLITE_OPEN_READWRITE,
                                                   error);
  if (self->checkpointer == NULL)
    return FALSE;

  /* A connection finds the WAL when it first reads the database. */
  rc = sqlite3_exec (self->checkpointer, "SELECT count (*) FROM sqlite_schema", NULL, NULL,
                     NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_sqlite_error (error, self->checkpointer, rc,
                                   "Failed to open the checkpointer");
      g_clear_pointer (&self->checkpointer, sqlite3_close);
      return FALSE;
    }

  self->checkpoint_requests = g_async_queue_new ();
  self->checkpointer_thread = g_thread_new ("crm-checkpoint", checkpointer_thread_main, self);

  /* In place of SQLite's own checkpoints. */
  sqlite3_wal_hook (self->writer, on_wal_committed_cb, self);

  return TRUE;
}

/**
 * _crm_store_stop_checkpoints:
 * @self: a store whose writer thread has stopped
 *
 * Waits for a checkpoint under way, stops the thread and closes its
 * connection. Does nothing when they were not started.
 */
void
_crm_store_stop_checkpoints (CrmStore *self)
{
  if (self->checkpointer_thread != NULL)
    {
      g_async_queue_push (self->checkpoint_requests, GINT_TO_POINTER (REQUEST_QUIT));
      g_thread_join (g_steal_pointer (&self->checkpointer_thread));
    }

  if (self->writer != NULL)
    sqlite3_wal_hook (self->writer, NULL, NULL);

  g_clear_pointer (&self->checkpoint_requests, g_async_queue_unref);
  g_clear_pointer (&self->checkpointer, sqlite3_close);
}
