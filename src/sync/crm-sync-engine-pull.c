/* crm-sync-engine-pull.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-store-sync.h"
#include "crm-sync-crash.h"
#include "crm-sync-engine-private.h"
#include "crm-sync-pull-page.h"

/*
 * The pull: the five lists, one after the other, each page of 200 read
 * and parsed while the page before it is written. Each page is written in
 * one transaction with the cursor of the page after it, so a pull stopped
 * anywhere (a rate limit, a crash, the app closed) resumes at the first
 * page not written. A scan of all five lists that completes ends with the
 * deletions it found.
 */

static void advance (CrmSyncRun *run);
static void start_resource (CrmSyncRun *run);

static gint64
read_state_int (CrmStore   *store,
                const char *key,
                gint64      fallback)
{
  g_autofree char *value = crm_store_dup_sync_state (store, key);
  gint64 number = fallback;

  if (value != NULL)
    g_ascii_string_to_signed (value, 10, G_MININT64, G_MAXINT64, &number, NULL);

  return number;
}

static char *
state_key (const CrmSyncResource *resource,
           const char            *what)
{
  return g_strdup_printf ("pull.%s.%s", resource->path, what);
}

/* Parsing thread: a page's entries become records, once those of the
 * pages written are freed. */
static gpointer
read_entries (JsonArray  *entries,
              gpointer    user_data,
              GError    **error)
{
  crm_sync_pull_drop_freed ();
  return crm_sync_resource_read_entries (user_data, entries, error);
}

static const CrmSyncResource *
current_resource (CrmSyncRun *run)
{
  return crm_sync_resource_nth (run->resource_index);
}

static void
update_progress (CrmSyncRun *run)
{
  double share = run->do_push ? 0.9 : 1.0;
  double within = run->exhausted ? 1.0 : 0.5;

  _crm_sync_engine_set_progress (run->engine,
                                 share * (run->resource_index + within)
                                 / crm_sync_resource_count ());
}

static void
on_page_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(CrmApiPage) page = NULL;
  CrmSyncPageJob *job;

  run->fetching = FALSE;
  page = crm_api_client_list_finish (CRM_API_CLIENT (source), result,
                                     run->error == NULL ? &run->error : NULL);
  if (page == NULL)
    {
      advance (run);
      return;
    }

  /* The server answered; its answer is not stored yet. */
  crm_sync_crash_point ("after-send");

  job = g_new0 (CrmSyncPageJob, 1);
  job->resource = current_resource (run);
  job->records = crm_api_page_steal_mapped (page, NULL);
  job->n_records = job->records->len;
  job->pass = run->pass;
  job->pairing = run->pairing;
  job->cursor = g_strdup (run->cursor);
  job->next_cursor = g_strdup (crm_api_page_get_next_cursor (page));

  run->summary.pulled += job->n_records;
  g_free (run->cursor);
  run->cursor = g_strdup (job->next_cursor);
  run->exhausted = run->cursor == NULL;
  run->ready = job;

  advance (run);
}

static void
fetch (CrmSyncRun *run)
{
  const CrmSyncResource *resource = current_resource (run);

  crm_sync_crash_point ("before-fetch");
  run->fetching = TRUE;
  crm_api_client_list_async (run->engine->client, resource->path, NULL, run->cursor,
                             read_entries, (gpointer) resource,
                             (GDestroyNotify) g_ptr_array_unref, run->cancellable,
                             on_page_cb, run);
}

static void
on_page_written_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  CrmSyncPageJob *job = g_steal_pointer (&run->writing);

  /* The next page is on the writer already. */
  run->writing = g_steal_pointer (&run->queued);

  if (crm_store_mutation_finish (CRM_STORE (source), result, NULL,
                                 run->error == NULL ? &run->error : NULL))
    {
      crm_sync_crash_point ("after-page-commit");
      _crm_sync_run_add_counts (run, &job->counts);
      g_debug ("Pulled a page of %u %s: %u new, %u changed, %u conflicts, %u skipped",
               job->n_records, job->resource->path, job->counts.created,
               job->counts.updated, job->counts.conflicts, job->counts.skipped);
    }

  crm_sync_page_job_free (job);
  update_progress (run);
  advance (run);
}

/* Sends the page parsed to the writer, behind the one it writes, if any:
 * the writer goes on without waiting for the main thread in between. */
static void
write_page (CrmSyncRun *run)
{
  CrmSyncPageJob *job = g_steal_pointer (&run->ready);

  if (run->writing == NULL)
    run->writing = job;
  else
    run->queued = job;

  crm_store_run_async (run->engine->store, NULL, CRM_ORIGIN_SYNC, crm_sync_apply_page, job,
                       NULL, run->cancellable, on_page_written_cb, run);
}

static void
on_pass_finished_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  CrmSyncPassJob *job = g_object_get_data (G_OBJECT (run->task), "pass-job");

  if (crm_store_mutation_finish (CRM_STORE (source), result, NULL, &run->error))
    {
      _crm_sync_run_add_counts (run, &job->counts);
      g_debug ("Completed scan %" G_GINT64_FORMAT ": %u deleted, %u queued to upload",
               job->pass, job->counts.deleted, job->counts.queued);
    }

  g_object_set_data (G_OBJECT (run->task), "pass-job", NULL);
  _crm_sync_run_next (run);
}

static void
finish_pass (CrmSyncRun *run)
{
  CrmSyncPassJob *job = g_new0 (CrmSyncPassJob, 1);

  job->pass = run->pass;
  job->pairing = run->pairing;
  g_object_set_data_full (G_OBJECT (run->task), "pass-job", job, g_free);
  crm_store_run_async (run->engine->store, NULL, CRM_ORIGIN_SYNC, crm_sync_finish_pass, job,
                       NULL, run->cancellable, on_pass_finished_cb, run);
}

/* Called after each event; starts what can start. A page is written only
 * after the one before it (the writer takes its jobs in order, and a page
 * whose predecessor failed writes nothing), and at most two pages are on
 * the writer while the next is read. */
static void
advance (CrmSyncRun *run)
{
  if (run->error != NULL)
    {
      if (!run->fetching && run->writing == NULL && run->queued == NULL)
        {
          g_clear_pointer (&run->ready, crm_sync_page_job_free);
          _crm_sync_run_next (run);
        }
      return;
    }

  if (run->queued == NULL && run->ready != NULL)
    write_page (run);

  if (!run->fetching && run->ready == NULL && !run->exhausted)
    fetch (run);

  if (!run->fetching && run->writing == NULL && run->queued == NULL && run->ready == NULL &&
      run->exhausted)
    {
      run->resource_index++;
      start_resource (run);
    }
}

static void
start_resource (CrmSyncRun *run)
{
  CrmStore *store = run->engine->store;

  for (; run->resource_index < crm_sync_resource_count (); run->resource_index++)
    {
      const CrmSyncResource *resource = current_resource (run);
      g_autofree char *done_key = state_key (resource, "done");
      g_autofree char *cursor_key = state_key (resource, "cursor");

      /* Done in this scan before the sync stopped. */
      if (read_state_int (store, done_key, 0) == run->pass)
        continue;

      g_free (run->cursor);
      run->cursor = crm_store_dup_sync_state (store, cursor_key);
      run->exhausted = FALSE;
      if (run->cursor != NULL)
        g_debug ("Resuming the scan of %s where it stopped", resource->path);

      update_progress (run);
      advance (run);
      return;
    }

  finish_pass (run);
}

/**
 * _crm_sync_run_pull:
 * @run: the run
 *
 * Pulls, then goes on with _crm_sync_run_next().
 */
void
_crm_sync_run_pull (CrmSyncRun *run)
{
  CrmStore *store = run->engine->store;

  run->pass = read_state_int (store, CRM_SYNC_STATE_PASS, 1);
  run->pairing = read_state_int (store, CRM_SYNC_STATE_PAIRED, 0) == 0;
  run->resource_index = 0;

  start_resource (run);
}

/**
 * _crm_sync_run_clear_pull:
 * @run: the run
 *
 * Frees what the pull holds.
 */
void
_crm_sync_run_clear_pull (CrmSyncRun *run)
{
  g_clear_pointer (&run->ready, crm_sync_page_job_free);
  g_clear_pointer (&run->writing, crm_sync_page_job_free);
  g_clear_pointer (&run->queued, crm_sync_page_job_free);
  g_clear_pointer (&run->cursor, g_free);
  crm_sync_pull_drop_freed ();
}
