/* crm-store.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>

#include "crm-date.h"
#include "crm-store-private.h"

/* A job for the writer thread. Async jobs carry a GTask and are finished on
 * the main context; sync jobs carry a mutex and condition the caller waits
 * on. */
typedef struct
{
  char            *label;
  CrmOrigin        origin;
  CrmStoreJobFunc  func;
  gpointer         func_data;
  GDestroyNotify   func_data_destroy;
  GCancellable    *cancellable;
  GTask           *task;
  CrmStore        *store;

  GMutex           mutex;
  GCond            cond;
  gboolean         done;

  gboolean         quit;
  gint64           undo_group;
  GError          *error;
  GHashTable      *changes;
  GPtrArray       *notices;
} CrmStoreJob;

enum {
  SIGNAL_CHANGED,
  SIGNAL_NOTICE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CrmStore, crm_store, G_TYPE_OBJECT)

G_DEFINE_QUARK (crm-store-error-quark, crm_store_error)

static const char * const entity_tables[CRM_N_ENTITIES] = {
  [CRM_ENTITY_CUSTOMER] = "customers",
  [CRM_ENTITY_CONTACT] = "contacts",
  [CRM_ENTITY_ACTIVITY] = "activities",
  [CRM_ENTITY_TASK] = "tasks",
  [CRM_ENTITY_OPPORTUNITY] = "opportunities",
  [CRM_ENTITY_PIPELINE] = "pipelines",
  [CRM_ENTITY_STAGE] = "stages",
  [CRM_ENTITY_TEMPLATE] = "templates",
  [CRM_ENTITY_SAVED_LIST] = "saved_lists",
  [CRM_ENTITY_SUBSCRIPTION] = "subscriptions",
  [CRM_ENTITY_ROUTING_RULE] = "routing_rules",
};

/**
 * crm_entity_kind_get_table:
 * @kind: a kind of record
 *
 * Returns: the name of the table that holds records of @kind
 */
const char *
crm_entity_kind_get_table (CrmEntityKind kind)
{
  g_return_val_if_fail (kind < CRM_N_ENTITIES, NULL);

  return entity_tables[kind];
}

static void
crm_store_job_free (CrmStoreJob *job)
{
  if (job->func_data_destroy != NULL)
    job->func_data_destroy (job->func_data);

  g_clear_pointer (&job->label, g_free);
  g_clear_pointer (&job->changes, g_hash_table_unref);
  g_clear_pointer (&job->notices, g_ptr_array_unref);
  g_clear_error (&job->error);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->store);
  g_mutex_clear (&job->mutex);
  g_cond_clear (&job->cond);
  g_free (job);
}

gboolean
_crm_store_set_sqlite_error (GError     **error,
                             sqlite3     *db,
                             int          rc,
                             const char  *what)
{
  CrmStoreError code;

  switch (rc & 0xff)
    {
    case SQLITE_CONSTRAINT:
      code = CRM_STORE_ERROR_CONSTRAINT;
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      code = CRM_STORE_ERROR_CORRUPT;
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      code = CRM_STORE_ERROR_OPEN;
      break;
    default:
      code = CRM_STORE_ERROR_FAILED;
      break;
    }

  g_set_error (error, CRM_STORE_ERROR, code, "%s: %s", what,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  return FALSE;
}

sqlite3_stmt *
_crm_store_prepare (sqlite3     *db,
                    GHashTable  *cache,
                    const char  *sql,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = g_hash_table_lookup (cache, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _crm_store_set_sqlite_error (error, db, rc, "Failed to prepare a statement");
      return NULL;
    }

  g_hash_table_insert (cache, g_strdup (sql), stmt);
  return stmt;
}

CrmTableInfo *
_crm_table_info_new (sqlite3    *db,
                     const char *table)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  CrmTableInfo *info;

  info = g_new0 (CrmTableInfo, 1);
  info->table = g_strdup (table);
  info->columns = g_ptr_array_new_with_free_func (g_free);
  info->column_set = g_hash_table_new (g_str_hash, g_str_equal);
  info->not_null = g_hash_table_new (g_str_hash, g_str_equal);

  sql = g_strdup_printf ("SELECT name, \"notnull\" OR pk FROM pragma_table_info ('%s')",
                         table);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    {
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          char *name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

          g_ptr_array_add (info->columns, name);
          g_hash_table_insert (info->column_set, name,
                               GUINT_TO_POINTER (info->columns->len));
          if (sqlite3_column_int (stmt, 1))
            g_hash_table_add (info->not_null, name);
        }
    }
  sqlite3_finalize (stmt);

  return info;
}

void
_crm_table_info_free (CrmTableInfo *info)
{
  g_hash_table_unref (info->not_null);
  g_hash_table_unref (info->column_set);
  g_ptr_array_unref (info->columns);
  g_free (info->table);
  g_free (info);
}

gboolean
_crm_table_info_has (CrmTableInfo *info,
                     const char   *column)
{
  return g_hash_table_contains (info->column_set, column);
}

gboolean
_crm_table_info_is_nullable (CrmTableInfo *info,
                             const char   *column)
{
  return !g_hash_table_contains (info->not_null, column);
}

static void
record_change (CrmStore   *self,
               const char *table,
               gint64      rowid)
{
  GArray *ids;

  ids = g_hash_table_lookup (self->pending_changes, table);
  if (ids == NULL)
    {
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_hash_table_insert (self->pending_changes, g_strdup (table), ids);
    }

  /* Bulk jobs touch the same row many times; a run of one id is kept once. */
  if (ids->len == 0 || g_array_index (ids, gint64, ids->len - 1) != rowid)
    g_array_append_val (ids, rowid);
}

/* Writer thread: SQLite calls this for every row written, including rows
 * written by triggers and foreign-key actions. */
static void
on_writer_update_cb (void          *user_data,
                     int            operation,
                     const char    *database,
                     const char    *table,
                     sqlite3_int64  rowid)
{
  CrmStore *self = user_data;

  if (g_str_has_prefix (table, "undo_") ||
      g_str_has_prefix (table, "customer_search") ||
      g_str_has_suffix (table, "_sync") ||
      g_str_equal (table, "search_dirty") ||
      g_str_equal (table, "customer_attributes_dirty") ||
      g_str_equal (table, "sync_state") ||
      g_str_equal (table, "outbox"))
    return;

  record_change (self, table, rowid);
}

static void
undo_group_sql_func (sqlite3_context  *context,
                     int               argc,
                     sqlite3_value   **argv)
{
  CrmStore *self = sqlite3_user_data (context);

  if (self->undo_group > 0)
    sqlite3_result_int64 (context, self->undo_group);
  else
    sqlite3_result_null (context);
}

static void
outbox_active_sql_func (sqlite3_context  *context,
                        int               argc,
                        sqlite3_value   **argv)
{
  CrmStore *self = sqlite3_user_data (context);

  sqlite3_result_int (context, self->outbox_active ? 1 : 0);
}

static void
search_live_sql_func (sqlite3_context  *context,
                      int               argc,
                      sqlite3_value   **argv)
{
  CrmStore *self = sqlite3_user_data (context);

  sqlite3_result_int (context, self->search_deferred ? 0 : 1);
}

static gboolean
exec_sql (sqlite3     *db,
          const char  *sql,
          GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _crm_store_set_sqlite_error (error, db, rc, "Failed to run SQL");

  return TRUE;
}

/* SQLite counts every allocation under a global mutex unless told not to
 * before its first connection; nothing here reads those counts. */
static void
configure_sqlite_once (void)
{
  static gsize configured = 0;

  if (g_once_init_enter (&configured))
    {
      sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
      g_once_init_leave (&configured, 1);
    }
}

sqlite3 *
_crm_store_open_connection (CrmStore    *self,
                            const char  *path,
                            int          flags,
                            GError     **error)
{
  sqlite3 *db = NULL;
  int rc;

  configure_sqlite_once ();
  rc = sqlite3_open_v2 (path, &db, flags | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("Cannot open “%s”: %s"), path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_create_function (db, "crm_undo_group", 0, SQLITE_UTF8, self,
                           undo_group_sql_func, NULL, NULL);
  sqlite3_create_function (db, "crm_outbox_active", 0, SQLITE_UTF8, self,
                           outbox_active_sql_func, NULL, NULL);
  sqlite3_create_function (db, "crm_search_live", 0, SQLITE_UTF8, self,
                           search_live_sql_func, NULL, NULL);

  return db;
}

static gboolean
read_sync_enabled (CrmStore *self)
{
  sqlite3_stmt *stmt;
  gboolean enabled = FALSE;

  stmt = _crm_store_prepare (self->writer, self->writer_statements,
                             "SELECT value FROM settings WHERE key = 'sync.enabled'",
                             NULL);
  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    enabled = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "1") == 0;
  if (stmt != NULL)
    sqlite3_reset (stmt);

  return enabled;
}

static gint64
open_undo_group (CrmStore    *self,
                 const char  *label,
                 GError     **error)
{
  g_autofree char *now = crm_timestamp_now ();
  sqlite3_stmt *stmt;

  stmt = _crm_store_prepare (self->writer, self->writer_statements,
                             "INSERT INTO undo_groups (label, created_at) VALUES (?, ?)",
                             error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, label, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, self->writer, sqlite3_errcode (self->writer),
                                   "Failed to open an undo group");
      sqlite3_reset (stmt);
      return 0;
    }
  sqlite3_reset (stmt);

  return sqlite3_last_insert_rowid (self->writer);
}

/* Writer thread: indexes at once the customers a bulk job touched, for
 * the search and (customer_attributes_dirty) for the attribute filters. */
static gboolean
flush_search_index (CrmStore  *self,
                    GError   **error)
{
  /* Kept prepared: a pull runs them for each of its pages. */
  static const char * const statements[] = {
    "DELETE FROM customer_attributes WHERE customer_id IN"
    " (SELECT id FROM customer_attributes_dirty)",
    "INSERT OR IGNORE INTO customer_attributes (customer_id, key, value)"
    " SELECT c.id, attribute.key, attribute.value"
    "   FROM customers AS c, json_each (c.attributes) AS attribute"
    "  WHERE c.id IN (SELECT id FROM customer_attributes_dirty)",
    "DELETE FROM customer_attributes_dirty",
    "DELETE FROM customer_search WHERE rowid IN (SELECT id FROM search_dirty)",
    "INSERT INTO customer_search (rowid, name, company, email, contacts)"
    " SELECT c.id, c.name, c.company, c.email,"
    "   ifnull ((SELECT group_concat (first_name || ' ' || last_name || ' '"
    "                                 || ifnull (email, ''), ' ')"
    "              FROM contacts WHERE customer_id = c.id), '')"
    "   FROM customers AS c WHERE c.id IN (SELECT id FROM search_dirty)",
    "DELETE FROM search_dirty",
  };

  for (guint i = 0; i < G_N_ELEMENTS (statements); i++)
    {
      sqlite3_stmt *stmt = _crm_store_prepare (self->writer, self->writer_statements,
                                               statements[i], error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _crm_store_set_sqlite_error (error, self->writer, rc,
                                            "Failed to index the search");
    }

  return TRUE;
}

/* Writer thread: one job, one transaction. */
static void
run_job (CrmStore    *self,
         CrmStoreJob *job)
{
  CrmStoreTxn txn = {
    .store = self,
    .db = self->writer,
    .origin = job->origin,
    .cancellable = job->cancellable,
  };
  gboolean ok;

  /* A change a person asked for is kept even when the page that asked has
   * gone since (its dispose cancels): the job runs and commits, and only
   * the reply is dropped. Long jobs (imports, bulk edits) look at the
   * cancellable themselves and stop, rolling everything back. */
  /* A bulk job (an import, a page of a pull) lets the WAL grow longer
   * before it is copied into the database: its commits touch the same
   * index pages, which are then copied once rather than many times. */
  self->bulk_checkpoints = job->label == NULL;
  if (!exec_sql (self->writer, "BEGIN IMMEDIATE", &job->error))
    return;

  self->pending_changes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                 (GDestroyNotify) g_array_unref);
  self->outbox_active = job->origin != CRM_ORIGIN_SYNC && read_sync_enabled (self);
  self->rules_queue_outbox = job->origin == CRM_ORIGIN_SYNC && read_sync_enabled (self);
  self->search_deferred = job->label == NULL;
  self->job_now = crm_timestamp_now ();
  self->job_notices = g_ptr_array_new_with_free_func (g_free);

  ok = TRUE;
  if (job->label != NULL)
    {
      self->undo_group = open_undo_group (self, job->label, &job->error);
      ok = self->undo_group > 0;
    }

  ok = ok && job->func (&txn, job->func_data, &job->error);
  ok = ok && (!self->search_deferred || flush_search_index (self, &job->error));
  ok = ok && exec_sql (self->writer, "COMMIT", &job->error);

  if (ok)
    {
      job->undo_group = self->undo_group;
      job->changes = g_steal_pointer (&self->pending_changes);
      job->notices = g_steal_pointer (&self->job_notices);
    }
  else
    {
      sqlite3_exec (self->writer, "ROLLBACK", NULL, NULL, NULL);
      g_clear_pointer (&self->pending_changes, g_hash_table_unref);
      if (job->error == NULL)
        g_set_error_literal (&job->error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                             "A store job failed without saying why");
    }

  self->undo_group = 0;
  self->outbox_active = FALSE;
  self->rules_queue_outbox = FALSE;
  self->search_deferred = FALSE;
  g_clear_pointer (&self->job_now, g_free);
  g_clear_pointer (&self->job_notices, g_ptr_array_unref);
}

static void
emit_notices (CrmStore  *self,
              GPtrArray *notices,
              gint64     undo_group)
{
  for (guint i = 0; notices != NULL && i < notices->len; i++)
    g_signal_emit (self, signals[SIGNAL_NOTICE], 0, g_ptr_array_index (notices, i),
                   undo_group);
}

static void
emit_changes (CrmStore   *self,
              GHashTable *changes)
{
  GHashTableIter iter;
  gpointer key, value;

  if (changes == NULL)
    return;

  g_hash_table_iter_init (&iter, changes);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (key), key, value);
}

/* Main thread: tell the models first, then the caller, so a callback that
 * reads sees its own change everywhere. */
static gboolean
deliver_job (gpointer user_data)
{
  CrmStoreJob *job = user_data;
  GTask *task = job->task;

  emit_changes (job->store, job->changes);
  emit_notices (job->store, job->notices, job->undo_group);

  if (job->error != NULL)
    {
      g_task_return_error (task, g_steal_pointer (&job->error));
    }
  else
    {
      gint64 *undo_group = g_new (gint64, 1);

      *undo_group = job->undo_group;
      g_task_return_pointer (task, undo_group, g_free);
    }

  g_object_unref (task);
  crm_store_job_free (job);

  return G_SOURCE_REMOVE;
}

static gpointer
writer_thread_main (gpointer user_data)
{
  CrmStore *self = user_data;

  for (;;)
    {
      CrmStoreJob *job = g_async_queue_pop (self->jobs);

      if (job->quit)
        {
          crm_store_job_free (job);
          break;
        }

      run_job (self, job);

      if (job->task != NULL)
        {
          /* Not g_main_context_invoke(): when no thread owns the main
           * context at that moment, it would run deliver_job here, on the
           * writer thread, against the main thread's connection. */
          g_autoptr(GSource) source = g_idle_source_new ();

          g_source_set_priority (source, G_PRIORITY_DEFAULT);
          g_source_set_callback (source, deliver_job, job, NULL);
          g_source_attach (source, self->main_context);
        }
      else
        {
          g_mutex_lock (&job->mutex);
          job->done = TRUE;
          g_cond_signal (&job->cond);
          g_mutex_unlock (&job->mutex);
        }
    }

  return NULL;
}

static CrmStoreJob *
crm_store_job_new (CrmStore        *self,
                   const char      *label,
                   CrmOrigin        origin,
                   CrmStoreJobFunc  func,
                   gpointer         func_data,
                   GDestroyNotify   func_data_destroy,
                   GCancellable    *cancellable)
{
  CrmStoreJob *job = g_new0 (CrmStoreJob, 1);

  job->store = g_object_ref (self);
  job->label = g_strdup (label);
  job->origin = origin;
  job->func = func;
  job->func_data = func_data;
  job->func_data_destroy = func_data_destroy;
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&job->mutex);
  g_cond_init (&job->cond);

  return job;
}

static void
crm_store_dispose (GObject *object)
{
  crm_store_close (CRM_STORE (object));

  G_OBJECT_CLASS (crm_store_parent_class)->dispose (object);
}

static void
clear_rule (gpointer data)
{
  CrmStoreRule *rule = data;

  g_strfreev (rule->tables);
  g_strfreev (rule->columns);
}

static void
crm_store_finalize (GObject *object)
{
  CrmStore *self = CRM_STORE (object);

  for (guint i = 0; i < CRM_N_ENTITIES; i++)
    g_clear_pointer (&self->tables[i], _crm_table_info_free);

  g_clear_pointer (&self->rules, g_array_unref);
  g_clear_pointer (&self->jobs, g_async_queue_unref);
  g_clear_pointer (&self->main_context, g_main_context_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->today, g_free);
  g_mutex_clear (&self->background_lock);
  g_mutex_clear (&self->checkpoint_lock);

  G_OBJECT_CLASS (crm_store_parent_class)->finalize (object);
}

static void
crm_store_class_init (CrmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_store_dispose;
  object_class->finalize = crm_store_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_ARRAY);

  signals[SIGNAL_NOTICE] =
    g_signal_new ("notice",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2,
                  G_TYPE_STRING,
                  G_TYPE_INT64);
}

static void
crm_store_init (CrmStore *self)
{
  self->rules = g_array_new (FALSE, FALSE, sizeof (CrmStoreRule));
  g_array_set_clear_func (self->rules, clear_rule);
  self->jobs = g_async_queue_new ();
  g_mutex_init (&self->background_lock);
  g_mutex_init (&self->checkpoint_lock);
  self->reader_statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) sqlite3_finalize);
  self->writer_statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                   (GDestroyNotify) sqlite3_finalize);
}

/**
 * crm_store_dup_default_path:
 *
 * Returns: (transfer full): the path of the default profile's database in
 *   the user data folder
 */
char *
crm_store_dup_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), APPLICATION_ID, "prospect.db", NULL);
}

static gboolean
configure_writer (sqlite3  *db,
                  GError  **error)
{
  return exec_sql (db,
                   "PRAGMA journal_mode = WAL;"
                   "PRAGMA synchronous = NORMAL;"
                   "PRAGMA foreign_keys = ON;"
                   "PRAGMA temp_store = MEMORY;"
                   "PRAGMA cache_size = -65536;",
                   error);
}

/**
 * crm_store_open:
 * @path: the database file; created when missing
 * @error: return location for a #GError
 *
 * Opens (creating and migrating as needed) the profile at @path and starts
 * its writer thread. Call on the main thread; the store delivers its
 * signals and async results on the thread-default main context of the
 * caller.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
CrmStore *
crm_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(CrmStore) self = NULL;
  g_autofree char *dir = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s”: %s"), dir, g_strerror (saved_errno));
      return NULL;
    }

  self = g_object_new (CRM_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->main_context = g_main_context_ref_thread_default ();

  self->writer = _crm_store_open_connection (self, path,
                                  SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, error);
  if (self->writer == NULL)
    return NULL;

  if (!_crm_store_migrate (self->writer, path, error) ||
      !configure_writer (self->writer, error))
    {
      if (error != NULL && *error != NULL && (*error)->domain == CRM_STORE_ERROR)
        g_prefix_error (error, "%s: ", path);
      return NULL;
    }

  sqlite3_update_hook (self->writer, on_writer_update_cb, self);
  if (!_crm_store_start_checkpoints (self, error))
    return NULL;

  self->reader = _crm_store_open_connection (self, path, SQLITE_OPEN_READONLY, error);
  if (self->reader == NULL)
    return NULL;

  for (guint i = 0; i < CRM_N_ENTITIES; i++)
    self->tables[i] = _crm_table_info_new (self->reader, entity_tables[i]);

  self->writer_thread = g_thread_new ("crm-writer", writer_thread_main, self);

  g_debug ("Opened store with %u tables", (guint) CRM_N_ENTITIES);

  return g_steal_pointer (&self);
}

/**
 * crm_store_close:
 * @self: a #CrmStore
 *
 * Finishes the jobs already queued, stops the writer thread and closes the
 * database. Further calls do nothing.
 */
void
crm_store_close (CrmStore *self)
{
  g_return_if_fail (CRM_IS_STORE (self));

  if (self->closed)
    return;
  self->closed = TRUE;

  if (self->writer_thread != NULL)
    {
      CrmStoreJob *quit = crm_store_job_new (self, NULL, CRM_ORIGIN_PERSON,
                                             NULL, NULL, NULL, NULL);

      /* The quit job must not keep the store alive. */
      g_clear_object (&quit->store);
      quit->quit = TRUE;
      g_async_queue_push (self->jobs, quit);
      g_thread_join (g_steal_pointer (&self->writer_thread));
    }

  _crm_store_stop_checkpoints (self);
  _crm_store_close_background (self);
  _crm_store_forget_orders (self);

  g_hash_table_remove_all (self->writer_statements);
  g_hash_table_remove_all (self->reader_statements);
  g_clear_pointer (&self->writer_statements, g_hash_table_unref);
  g_clear_pointer (&self->reader_statements, g_hash_table_unref);
  /* The last connection to close checkpoints and removes the WAL file. */
  g_clear_pointer (&self->reader, sqlite3_close);
  g_clear_pointer (&self->writer, sqlite3_close);
}

/**
 * crm_store_get_path:
 * @self: a #CrmStore
 *
 * Returns: the database file of the profile
 */
const char *
crm_store_get_path (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return self->path;
}

/**
 * crm_store_set_today:
 * @self: a #CrmStore
 * @today: (nullable): a date, `YYYY-MM-DD`; %NULL follows the clock
 *
 * Pins the day that filters and rules take for today. For tests; call
 * before the first mutation.
 */
void
crm_store_set_today (CrmStore   *self,
                     const char *today)
{
  g_autoptr(GDate) date = NULL;

  g_return_if_fail (CRM_IS_STORE (self));

  date = today != NULL ? crm_date_parse (today) : NULL;
  g_return_if_fail (today == NULL || date != NULL);

  g_free (self->today);
  self->today = g_strdup (today);
}

/**
 * crm_store_dup_today:
 * @self: a #CrmStore
 *
 * Returns: (transfer full): the day that filters and rules take for today,
 *   `YYYY-MM-DD`: the local date, unless crm_store_set_today() pinned one
 */
char *
crm_store_dup_today (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  return _crm_store_dup_today (self);
}

char *
_crm_store_dup_today (CrmStore *self)
{
  g_autoptr(GDate) today = NULL;

  if (self->today != NULL)
    return g_strdup (self->today);

  today = crm_date_today_local ();
  return crm_date_format (today);
}

/**
 * crm_store_add_rule:
 * @self: a #CrmStore
 * @func: (scope forever): the rule
 * @user_data: data for @func
 *
 * Adds a business rule. Call right after opening, before any mutation:
 * rules run on the writer thread.
 */
void
crm_store_add_rule (CrmStore         *self,
                    CrmStoreRuleFunc  func,
                    gpointer          user_data)
{
  crm_store_add_rule_for_tables (self, NULL, NULL, func, user_data);
}

/**
 * crm_store_add_rule_for_tables:
 * @self: a #CrmStore
 * @tables: (nullable) (array zero-terminated=1): the tables whose changes
 *   the rule looks at; %NULL for all
 * @columns: (nullable) (array zero-terminated=1): the columns the rule
 *   reads from the fields of an insert (it reads the row for the others);
 *   %NULL for all
 * @func: (scope forever): the rule
 * @user_data: data for @func
 *
 * Adds a business rule that is called only for changes of @tables: a
 * bulk write into other tables (a pull of tasks) need not prepare what a
 * rule reads. A bulk insert (a pulled page) gives the rules of a table
 * only the fields one of them names in @columns, and may insert up to
 * %CRM_STORE_SYNC_MAX_ROWS rows before it calls the rules of the first
 * (crm_store_sync_page_insert_rows() says what a rule may read then).
 */
void
crm_store_add_rule_for_tables (CrmStore            *self,
                               const char * const  *tables,
                               const char * const  *columns,
                               CrmStoreRuleFunc     func,
                               gpointer             user_data)
{
  CrmStoreRule rule = { func, user_data, NULL, NULL };

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (func != NULL);

  rule.tables = g_strdupv ((char **) tables);
  rule.columns = g_strdupv ((char **) columns);
  g_array_append_val (self->rules, rule);
}

static gboolean
rule_wants (CrmStoreRule *rule,
            const char   *table)
{
  return rule->tables == NULL || g_strv_contains ((const char * const *) rule->tables, table);
}

/**
 * _crm_store_has_rules_for:
 * @self: a #CrmStore
 * @table: a table
 *
 * Returns: whether any rule looks at changes of @table
 */
gboolean
_crm_store_has_rules_for (CrmStore   *self,
                          const char *table)
{
  for (guint i = 0; i < self->rules->len; i++)
    if (rule_wants (&g_array_index (self->rules, CrmStoreRule, i), table))
      return TRUE;

  return FALSE;
}

/**
 * _crm_store_rules_read_column:
 * @self: a #CrmStore
 * @table: a table
 * @column: one of its columns
 *
 * Returns: whether a rule that looks at @table reads @column from an
 *   insert's fields
 */
gboolean
_crm_store_rules_read_column (CrmStore   *self,
                              const char *table,
                              const char *column)
{
  for (guint i = 0; i < self->rules->len; i++)
    {
      CrmStoreRule *rule = &g_array_index (self->rules, CrmStoreRule, i);

      if (rule_wants (rule, table) &&
          (rule->columns == NULL ||
           g_strv_contains ((const char * const *) rule->columns, column)))
        return TRUE;
    }

  return FALSE;
}

static void
queue_job (CrmStore            *self,
           CrmStoreJob         *job,
           gpointer             source_tag,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  job->task = g_task_new (self, job->cancellable, callback, user_data);
  g_task_set_source_tag (job->task, source_tag);

  if (self->closed)
    {
      g_task_return_new_error (job->task, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                               "The store is closed");
      g_object_unref (job->task);
      crm_store_job_free (job);
      return;
    }

  g_async_queue_push (self->jobs, job);
}

/**
 * crm_store_run_async:
 * @self: a #CrmStore
 * @label: (nullable): what the change is called in an Undo toast; %NULL
 *   keeps no undo journal for it (bulk loads)
 * @origin: who makes the change
 * @func: the work, run on the writer thread in one transaction
 * @func_data: data for @func
 * @func_data_destroy: (nullable): frees @func_data, on either thread
 * @cancellable: (nullable): a #GCancellable; cancelling rolls back
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Runs @func on the writer thread. Finish with crm_store_mutation_finish().
 */
void
crm_store_run_async (CrmStore            *self,
                     const char          *label,
                     CrmOrigin            origin,
                     CrmStoreJobFunc      func,
                     gpointer             func_data,
                     GDestroyNotify       func_data_destroy,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  CrmStoreJob *job;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (func != NULL);

  job = crm_store_job_new (self, label, origin, func, func_data, func_data_destroy,
                           cancellable);
  queue_job (self, job, crm_store_run_async, callback, user_data);
}

/**
 * crm_store_mutation_finish:
 * @self: a #CrmStore
 * @result: the result
 * @undo_group: (out) (optional): the undo group of the change, or 0
 * @error: return location for a #GError
 *
 * Finishes any mutation of the store that returns no id.
 *
 * Returns: %TRUE when the change was committed
 */
gboolean
crm_store_mutation_finish (CrmStore      *self,
                           GAsyncResult  *result,
                           gint64        *undo_group,
                           GError       **error)
{
  g_autofree gint64 *group = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  group = g_task_propagate_pointer (G_TASK (result), error);
  if (undo_group != NULL)
    *undo_group = group != NULL ? *group : 0;

  return group != NULL;
}

/**
 * crm_store_run_sync:
 * @self: a #CrmStore
 * @label: (nullable): as for crm_store_run_async()
 * @origin: who makes the change
 * @func: the work
 * @func_data: data for @func
 * @undo_group: (out) (optional): the undo group, or 0
 * @error: return location for a #GError
 *
 * Runs @func on the writer thread and waits for it. For the command line
 * and tests only: a window must use crm_store_run_async(), so that the
 * main thread never waits on a write.
 *
 * Returns: %TRUE when committed
 */
gboolean
crm_store_run_sync (CrmStore         *self,
                    const char       *label,
                    CrmOrigin         origin,
                    CrmStoreJobFunc   func,
                    gpointer          func_data,
                    gint64           *undo_group,
                    GError          **error)
{
  CrmStoreJob *job;
  gboolean ok;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);
  g_return_val_if_fail (!self->closed, FALSE);

  job = crm_store_job_new (self, label, origin, func, func_data, NULL, NULL);
  g_async_queue_push (self->jobs, job);

  g_mutex_lock (&job->mutex);
  while (!job->done)
    g_cond_wait (&job->cond, &job->mutex);
  g_mutex_unlock (&job->mutex);

  ok = job->error == NULL;
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&job->error));
  if (undo_group != NULL)
    *undo_group = job->undo_group;

  emit_changes (self, job->changes);
  emit_notices (self, job->notices, job->undo_group);
  crm_store_job_free (job);

  return ok;
}
