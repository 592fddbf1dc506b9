/* crm-csv-import-run.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include "crm-csv-import-private.h"
#include "crm-store.h"

/* Running an import, or a preview of its first rows, as a job of the
 * store: what the job needs is read from the store on the main thread
 * before it is queued; progress comes back to the main thread. */

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  g_autoptr(CrmCsvImport) self = g_weak_ref_get (user_data);

  if (self != NULL)
    _crm_csv_import_set_progress (self, done, total);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Main thread: what the job needs from the store before it is queued. */
static CrmImportJob *
prepare_job (CrmCsvImport  *self,
             guint          max_rows)
{
  g_autofree char *me_name = NULL;
  g_autofree char *me_email = NULL;
  CrmImportJob *job;
  gboolean has_id = crm_import_mapping_find (self->mapping, CRM_IMPORT_TARGET_ID) >= 0;

  me_name = crm_store_dup_setting (self->store, "me.name");
  me_email = crm_store_dup_setting (self->store, "me.email");

  job = crm_import_job_new (self->document, self->mapping, self->duplicates, max_rows);
  crm_import_job_set_matching (job,
                               self->duplicates != CRM_IMPORT_DUPLICATES_CREATE || has_id,
                               self->duplicates == CRM_IMPORT_DUPLICATES_UPDATE &&
                               crm_import_mapping_has_contact (self->mapping));
  crm_import_job_set_me (job, me_name, me_email);

  return job;
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;
  CrmImportSummary *summary = g_task_get_task_data (task);

  if (crm_store_mutation_finish (CRM_STORE (source), result, NULL, &error) ||
      g_error_matches (error, CRM_IMPORT_JOB_PREVIEW_DONE, 0))
    g_task_return_pointer (task, crm_import_summary_ref (summary),
                           (GDestroyNotify) crm_import_summary_unref);
  else
    g_task_return_error (task, g_steal_pointer (&error));
}

static void
start_job (CrmCsvImport        *self,
           guint                max_rows,
           gpointer             source_tag,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  CrmImportJob *job;

  g_task_set_source_tag (task, source_tag);

  job = prepare_job (self, max_rows);

  g_task_set_task_data (task, crm_import_summary_ref (crm_import_job_get_summary (job)),
                        (GDestroyNotify) crm_import_summary_unref);

  if (max_rows == 0)
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      g_weak_ref_init (ref, self);
      crm_import_job_set_progress (job, on_progress_cb, ref, weak_ref_free);
    }

  crm_store_run_async (self->store, NULL, CRM_ORIGIN_IMPORT,
                       crm_import_job_run, job, (GDestroyNotify) crm_import_job_free,
                       cancellable, on_job_done_cb, g_steal_pointer (&task));
}

/**
 * crm_csv_import_preview_async:
 * @self: a loaded #CrmCsvImport
 * @n_rows: how many rows to try, from the first
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context
 * @user_data: data for @callback
 *
 * Runs the import of the first rows against the store, then rolls it
 * back: the summary keeps what would happen to each row (created,
 * updated, or skipped and why).
 */
void
crm_csv_import_preview_async (CrmCsvImport        *self,
                              guint                n_rows,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (CRM_IS_CSV_IMPORT (self));
  g_return_if_fail (self->document != NULL);
  g_return_if_fail (n_rows > 0);

  start_job (self, n_rows, crm_csv_import_preview_async, cancellable, callback, user_data);
}

/**
 * crm_csv_import_preview_finish:
 * @self: a #CrmCsvImport
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the summary, with each previewed row's outcome
 */
CrmImportSummary *
crm_csv_import_preview_finish (CrmCsvImport  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_csv_import_run_async:
 * @self: a loaded #CrmCsvImport
 * @cancellable: (nullable): cancelling rolls back every row
 * @callback: called on the main context
 * @user_data: data for @callback
 *
 * Imports every row in one transaction of the store, with the origin
 * %CRM_ORIGIN_IMPORT so the store's rules see new leads. The rows-done
 * property follows the job about ten times a second.
 */
void
crm_csv_import_run_async (CrmCsvImport        *self,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (CRM_IS_CSV_IMPORT (self));
  g_return_if_fail (self->document != NULL);

  _crm_csv_import_set_progress (self, 0, crm_csv_document_get_n_rows (self->document));

  start_job (self, 0, crm_csv_import_run_async, cancellable, callback, user_data);
}

/**
 * crm_csv_import_run_finish:
 * @self: a #CrmCsvImport
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): what the import did, or %NULL when nothing
 *   was stored (an error, or %G_IO_ERROR_CANCELLED)
 */
CrmImportSummary *
crm_csv_import_run_finish (CrmCsvImport  *self,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_csv_import_run_sync:
 * @self: a loaded #CrmCsvImport
 * @error: return location for a #GError
 *
 * Imports every row and waits. For the command line and tests only.
 *
 * Returns: (transfer full): what the import did, or %NULL
 */
CrmImportSummary *
crm_csv_import_run_sync (CrmCsvImport  *self,
                         GError       **error)
{
  CrmImportJob *job;
  CrmImportSummary *summary = NULL;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);
  g_return_val_if_fail (self->document != NULL, NULL);

  job = prepare_job (self, 0);

  if (crm_store_run_sync (self->store, NULL, CRM_ORIGIN_IMPORT, crm_import_job_run, job,
                          NULL, error))
    summary = crm_import_summary_ref (crm_import_job_get_summary (job));

  crm_import_job_free (job);
  return summary;
}
