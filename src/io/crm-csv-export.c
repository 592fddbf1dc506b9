/* crm-csv-export.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "crm-csv-export-private.h"
#include "crm-store.h"

/* Exporting a list (customers or opportunities) to CSV. The rows go to a
 * temporary file beside the target, which replaces the target only when
 * everything was written: a failure never leaves half a file. Records are
 * read through the store's reader connection, so an export runs on the
 * main thread: the async form writes a batch at a time from an idle
 * source, so the window keeps drawing. */

#define BATCH_SIZE     200
#define STEP_BUDGET_US (8 * G_TIME_SPAN_MILLISECOND)

typedef enum
{
  PHASE_KEYS,
  PHASE_HEADER,
  PHASE_ROWS,
  PHASE_DONE,
} Phase;

typedef struct
{
  CrmCsvExportRows  rows;
  char             *path;
  char             *temp_path;
  Phase             phase;
  guint             next;
  guint             idle_id;
} Export;

static void
export_free (Export *export)
{
  g_clear_handle_id (&export->idle_id, g_source_remove);
  _crm_csv_export_rows_clear (&export->rows);
  if (export->temp_path != NULL)
    g_unlink (export->temp_path);
  g_free (export->temp_path);
  g_free (export->path);
  g_free (export);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Export, export_free)

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          errno_value)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno_value),
               _("Cannot write “%s”: %s"), path, g_strerror (errno_value));
  return FALSE;
}

static const char *
sort_key (CrmEntityKind kind)
{
  return kind == CRM_ENTITY_CUSTOMER ? "name" : "close_on";
}

/* Reads which records go out and opens the temporary file. */
static Export *
export_new (CrmStore       *store,
            CrmEntityKind   kind,
            CrmFilter      *filter,
            const char     *search,
            const char     *path,
            GError        **error)
{
  g_autoptr(Export) export = g_new0 (Export, 1);
  int fd;

  export->path = g_strdup (path);
  export->rows.store = g_object_ref (store);
  export->rows.kind = kind;
  export->rows.keys = g_ptr_array_new_with_free_func (g_free);
  export->rows.seen_keys = g_hash_table_new (g_str_hash, g_str_equal);
  export->rows.related = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                g_object_unref);

  export->rows.ids = crm_store_query_ids (store, kind, filter, search, sort_key (kind), FALSE,
                                          error);
  if (export->rows.ids == NULL)
    return NULL;

  export->temp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (export->temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_clear_pointer (&export->temp_path, g_free);
      set_write_error (error, path, saved_errno);
      return NULL;
    }

  export->rows.writer.file = fdopen (fd, "w");
  if (export->rows.writer.file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      set_write_error (error, path, saved_errno);
      return NULL;
    }

  export->phase = export->rows.ids->len > 0 ? PHASE_KEYS : PHASE_HEADER;
  return g_steal_pointer (&export);
}

/* Flushes the file to disk and puts it in the target's place. */
static gboolean
finish_file (Export  *export,
             GError **error)
{
  FILE *file = g_steal_pointer (&export->rows.writer.file);
  int errno_value = 0;

  errno = 0;
  if (fflush (file) != 0 || ferror (file) || fsync (fileno (file)) != 0)
    errno_value = errno != 0 ? errno : EIO;

  errno = 0;
  if (fclose (file) != 0 && errno_value == 0)
    errno_value = errno != 0 ? errno : EIO;

  if (errno_value == 0 && g_rename (export->temp_path, export->path) != 0)
    errno_value = errno;

  if (errno_value != 0)
    return set_write_error (error, export->path, errno_value);

  g_clear_pointer (&export->temp_path, g_free);
  return TRUE;
}

/* One step: a record's keys, the header or a batch of rows. Returns
 * %FALSE with @error set on failure. */
static gboolean
export_step (Export  *export,
             GError **error)
{
  CrmCsvExportRows *rows = &export->rows;
  GError *store_error = NULL;
  guint n;

  switch (export->phase)
    {
    case PHASE_KEYS:
      if (!_crm_csv_export_rows_collect_keys (rows, export->next++, error))
        return FALSE;
      if (export->next == rows->ids->len)
        export->phase = PHASE_HEADER;
      return TRUE;

    case PHASE_HEADER:
      if (!_crm_csv_export_rows_write_header (rows))
        return set_write_error (error, export->path, rows->writer.errno_value);
      export->next = 0;
      export->phase = PHASE_ROWS;
      return TRUE;

    case PHASE_ROWS:
      n = MIN (BATCH_SIZE, rows->ids->len - export->next);
      if (n > 0 && !_crm_csv_export_rows_write_batch (rows, export->next, n, &store_error))
        {
          if (store_error != NULL)
            {
              g_propagate_error (error, store_error);
              return FALSE;
            }
          return set_write_error (error, export->path, rows->writer.errno_value);
        }
      export->next += n;
      if (export->next < rows->ids->len)
        return TRUE;
      if (!finish_file (export, error))
        return FALSE;
      export->phase = PHASE_DONE;
      return TRUE;

    case PHASE_DONE:
    default:
      return TRUE;
    }
}

/**
 * crm_csv_export_list:
 * @store: a #CrmStore
 * @kind: %CRM_ENTITY_CUSTOMER or %CRM_ENTITY_OPPORTUNITY
 * @filter: (nullable): which records; %NULL for all
 * @search: (nullable): words the records must match, as in the list
 * @path: the file to write; replaced as a whole
 * @n_rows: (out) (optional): the number of records written
 * @error: return location for a #GError
 *
 * Writes the records that @filter selects as UTF-8 CSV (RFC 4180: CRLF
 * line ends, a field quoted only when it must be), customers sorted by
 * name, opportunities by close date. Each row starts with the record's
 * stable id. Customers have their fields, tags (joined by commas), their
 * first contact's name, title and phone, and one column per custom
 * attribute found in the rows; opportunities their customer (by name and
 * stable id), amount in major units and custom fields. A cell that a
 * spreadsheet would run as a formula starts with an apostrophe.
 *
 * Main thread: reads through the store's reader connection. A window uses
 * crm_csv_export_list_async().
 *
 * Returns: %TRUE on success
 */
gboolean
crm_csv_export_list (CrmStore       *store,
                     CrmEntityKind   kind,
                     CrmFilter      *filter,
                     const char     *search,
                     const char     *path,
                     guint          *n_rows,
                     GError        **error)
{
  g_autoptr(Export) export = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind == CRM_ENTITY_CUSTOMER || kind == CRM_ENTITY_OPPORTUNITY, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  export = export_new (store, kind, filter, search, path, error);
  if (export == NULL)
    return FALSE;

  while (export->phase != PHASE_DONE)
    {
      if (!export_step (export, error))
        return FALSE;
    }

  if (n_rows != NULL)
    *n_rows = export->rows.ids->len;

  return TRUE;
}

/**
 * crm_csv_export_customers:
 * @store: a #CrmStore
 * @filter: (nullable): which customers; %NULL for all
 * @path: the file to write
 * @n_rows: (out) (optional): the number of customers written
 * @error: return location for a #GError
 *
 * crm_csv_export_list() for customers.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_csv_export_customers (CrmStore    *store,
                          CrmFilter   *filter,
                          const char  *path,
                          guint       *n_rows,
                          GError     **error)
{
  return crm_csv_export_list (store, CRM_ENTITY_CUSTOMER, filter, NULL, path, n_rows, error);
}

static gboolean
on_export_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  Export *export = g_task_get_task_data (task);
  gint64 deadline = g_get_monotonic_time () + STEP_BUDGET_US;
  GError *error = NULL;

  while (export->phase != PHASE_DONE && g_get_monotonic_time () < deadline)
    {
      if (g_task_return_error_if_cancelled (task) || !export_step (export, &error))
        {
          if (error != NULL)
            g_task_return_error (task, error);
          export->idle_id = 0;
          return G_SOURCE_REMOVE;
        }
    }

  if (export->phase != PHASE_DONE)
    return G_SOURCE_CONTINUE;

  export->idle_id = 0;
  g_task_return_int (task, export->rows.ids->len);
  return G_SOURCE_REMOVE;
}

/**
 * crm_csv_export_list_async:
 * @store: a #CrmStore
 * @kind: %CRM_ENTITY_CUSTOMER or %CRM_ENTITY_OPPORTUNITY
 * @filter: (nullable): which records
 * @search: (nullable): words the records must match
 * @path: the file to write
 * @cancellable: (nullable): cancelling leaves @path as it was
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * crm_csv_export_list() in batches from an idle source of the main
 * context, a few milliseconds each. Main thread only.
 */
void
crm_csv_export_list_async (CrmStore             *store,
                           CrmEntityKind         kind,
                           CrmFilter            *filter,
                           const char           *search,
                           const char           *path,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GError) error = NULL;
  Export *export;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (kind == CRM_ENTITY_CUSTOMER || kind == CRM_ENTITY_OPPORTUNITY);
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_csv_export_list_async);

  export = export_new (store, kind, filter, search, path, &error);
  if (export == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  export->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, on_export_idle_cb,
                                     g_object_ref (task), g_object_unref);
}

/**
 * crm_csv_export_list_finish:
 * @store: a #CrmStore
 * @result: the result
 * @n_rows: (out) (optional): the number of records written
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was written
 */
gboolean
crm_csv_export_list_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            guint         *n_rows,
                            GError       **error)
{
  gssize written;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  written = g_task_propagate_int (G_TASK (result), error);
  if (written < 0)
    return FALSE;

  if (n_rows != NULL)
    *n_rows = (guint) written;

  return TRUE;
}
