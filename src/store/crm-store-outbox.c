/* crm-store-outbox.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store-sync"

#include "config.h"

#include "crm-store-private.h"
#include "crm-store-sync.h"
#include "crm-store-sync-private.h"

/*
 * The outbox of local changes that wait to be sent, and the conflicts the
 * rep resolves field by field, on the writer thread; and the main thread's
 * reads of them and of the scans' state.
 */

/**
 * crm_store_txn_has_pending_change:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 *
 * Returns: whether a create or update of the record waits to be sent
 */
gboolean
crm_store_txn_has_pending_change (CrmStoreTxn   *txn,
                                  CrmEntityKind  kind,
                                  gint64         id)
{
  g_return_val_if_fail (txn != NULL, FALSE);

  return _crm_store_sync_has_change (txn, kind, id, TRUE);
}

/**
 * crm_store_txn_queue_change:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @operation: "create", "update" or "delete"
 * @error: return location for a #GError
 *
 * Queues a push the triggers did not (a sync job writes no outbox rows).
 * A create or update is queued once: an existing pending one is reused.
 *
 * Returns: the outbox row, or 0 on failure
 */
gint64
crm_store_txn_queue_change (CrmStoreTxn    *txn,
                            CrmEntityKind   kind,
                            gint64          id,
                            const char     *operation,
                            GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, 0);
  g_return_val_if_fail (operation != NULL, 0);

  if (!_crm_store_sync_check_kind (kind, error))
    return 0;

  if (!g_str_equal (operation, "delete"))
    {
      gint64 existing;

      stmt = prepare (txn, "SELECT id FROM outbox WHERE entity = ? AND local_id = ?"
                           " AND operation IN ('create', 'update') AND state = 'pending'"
                           " ORDER BY id LIMIT 1", error);
      if (stmt == NULL)
        return 0;
      sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      existing = step_int (txn, stmt, "Failed to read the outbox", error);
      if (existing > 0)
        return existing;
    }

  sql = g_strdup_printf ("INSERT INTO outbox (entity, local_id, operation, uuid, created_at)"
                         " VALUES (?1, ?2, ?3, (SELECT uuid FROM %s WHERE id = ?2), %s)",
                         crm_entity_kind_get_table (kind), NOW_SQL);
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, operation, -1, SQLITE_TRANSIENT);
  if (!step_done (txn, stmt, "Failed to queue a change", error))
    return 0;

  return sqlite3_last_insert_rowid (txn->db);
}

/**
 * crm_store_txn_queue_unsynced:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @error: return location for a #GError
 *
 * Queues a create for every record of @kind the server does not know and
 * the outbox does not hold yet: the records of a book that held data
 * before its account was added.
 *
 * Returns: how many creates were queued
 */
guint
crm_store_txn_queue_unsynced (CrmStoreTxn    *txn,
                              CrmEntityKind   kind,
                              GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, 0);

  if (!_crm_store_sync_check_kind (kind, error))
    return 0;

  sql = g_strdup_printf ("INSERT INTO outbox (entity, local_id, operation, created_at)"
                         " SELECT ?1, t.id, 'create', %s FROM %s AS t"
                         " WHERE t.uuid IS NULL AND %s AND NOT EXISTS (SELECT 1 FROM outbox AS o"
                         "   WHERE o.entity = ?1 AND o.local_id = t.id)"
                         " ORDER BY t.id",
                         NOW_SQL, crm_entity_kind_get_table (kind),
                         _crm_store_sync_row_filter (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  if (!step_done (txn, stmt, "Failed to queue local records", error))
    return 0;

  return sqlite3_changes (txn->db);
}

static CrmOutboxEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  CrmOutboxEntry *entry = g_new0 (CrmOutboxEntry, 1);

  entry->id = sqlite3_column_int64 (stmt, 0);
  crm_sync_entity_to_kind ((const char *) sqlite3_column_text (stmt, 1), &entry->kind);
  entry->local_id = sqlite3_column_int64 (stmt, 2);
  entry->operation = dup_column_text (stmt, 3);
  entry->uuid = dup_column_text (stmt, 4);
  entry->state = dup_column_text (stmt, 5);
  entry->error = dup_column_text (stmt, 6);
  entry->payload = dup_column_text (stmt, 7);
  entry->sent_at = dup_column_text (stmt, 8);
  entry->attempts = sqlite3_column_int (stmt, 9);
  entry->created_at = dup_column_text (stmt, 10);
  return entry;
}

#define ENTRY_COLUMNS \
  "id, entity, local_id, operation, uuid, state, error, payload, sent_at, attempts, created_at"

/**
 * crm_store_txn_get_change:
 * @txn: the open transaction
 * @change_id: a row of the outbox
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the change, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND
 */
CrmOutboxEntry *
crm_store_txn_get_change (CrmStoreTxn  *txn,
                          gint64        change_id,
                          GError      **error)
{
  CrmOutboxEntry *entry = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (txn != NULL, NULL);

  stmt = prepare (txn, "SELECT " ENTRY_COLUMNS " FROM outbox WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, change_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    entry = entry_from_row (stmt);
  sqlite3_reset (stmt);

  if (entry == NULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 "No change %" G_GINT64_FORMAT " in the outbox", change_id);

  return entry;
}

/**
 * crm_store_txn_set_change_sent:
 * @txn: the open transaction
 * @change_id: a row of the outbox
 * @sent_at: (nullable): when its request goes out; %NULL once its answer
 *   is known
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_change_sent (CrmStoreTxn  *txn,
                               gint64        change_id,
                               const char   *sent_at,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  stmt = prepare (txn, "UPDATE outbox SET sent_at = ?1,"
                       " attempts = attempts + (?1 IS NOT NULL) WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;

  if (sent_at != NULL)
    sqlite3_bind_text (stmt, 1, sent_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, change_id);

  return step_done (txn, stmt, "Failed to mark a change sent", error);
}

/**
 * crm_store_txn_fail_change:
 * @txn: the open transaction
 * @change_id: a row of the outbox
 * @message: the server's reason
 * @payload: (nullable): what the change tried to send, as JSON
 * @error: return location for a #GError
 *
 * Marks a change failed: the drain passes it by until the rep retries or
 * discards it.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_fail_change (CrmStoreTxn  *txn,
                           gint64        change_id,
                           const char   *message,
                           const char   *payload,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  stmt = prepare (txn, "UPDATE outbox SET state = 'failed', error = ?, payload = ?,"
                       " sent_at = NULL WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, message, -1, SQLITE_TRANSIENT);
  if (payload != NULL)
    sqlite3_bind_text (stmt, 2, payload, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, change_id);

  return step_done (txn, stmt, "Failed to mark a change failed", error);
}

/**
 * crm_store_txn_retry_change:
 * @txn: the open transaction
 * @change_id: a failed row of the outbox
 * @error: return location for a #GError
 *
 * Puts a failed change back in the queue, without its failure.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_retry_change (CrmStoreTxn  *txn,
                            gint64        change_id,
                            GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  stmt = prepare (txn, "UPDATE outbox SET state = 'pending', error = NULL, payload = NULL,"
                       " sent_at = NULL WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, change_id);
  return step_done (txn, stmt, "Failed to retry a change", error);
}

/**
 * crm_store_txn_remove_change:
 * @txn: the open transaction
 * @change_id: a row of the outbox
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_remove_change (CrmStoreTxn  *txn,
                             gint64        change_id,
                             GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  stmt = prepare (txn, "DELETE FROM outbox WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, change_id);
  return step_done (txn, stmt, "Failed to remove a change", error);
}

/**
 * crm_store_txn_put_conflict:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @field: the column
 * @local_value: (nullable): the rep's value, as JSON
 * @server_value: (nullable): the server's value, as JSON
 * @error: return location for a #GError
 *
 * Records a conflict, or updates the one already found on that field.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_put_conflict (CrmStoreTxn    *txn,
                            CrmEntityKind   kind,
                            gint64          id,
                            const char     *field,
                            const char     *local_value,
                            const char     *server_value,
                            GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  stmt = prepare (txn, "INSERT INTO sync_conflicts (entity, local_id, field, local_value,"
                       "                            server_value, created_at)"
                       " VALUES (?, ?, ?, ?, ?, " NOW_SQL ")"
                       " ON CONFLICT (entity, local_id, field) DO UPDATE"
                       " SET local_value = excluded.local_value,"
                       "     server_value = excluded.server_value", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  if (local_value != NULL)
    sqlite3_bind_text (stmt, 4, local_value, -1, SQLITE_TRANSIENT);
  if (server_value != NULL)
    sqlite3_bind_text (stmt, 5, server_value, -1, SQLITE_TRANSIENT);

  return step_done (txn, stmt, "Failed to record a conflict", error);
}

static CrmSyncConflict *
conflict_from_row (sqlite3_stmt *stmt)
{
  CrmSyncConflict *conflict = g_new0 (CrmSyncConflict, 1);

  conflict->id = sqlite3_column_int64 (stmt, 0);
  crm_sync_entity_to_kind ((const char *) sqlite3_column_text (stmt, 1), &conflict->kind);
  conflict->local_id = sqlite3_column_int64 (stmt, 2);
  conflict->field = dup_column_text (stmt, 3);
  conflict->local_value = dup_column_text (stmt, 4);
  conflict->server_value = dup_column_text (stmt, 5);
  conflict->created_at = dup_column_text (stmt, 6);
  return conflict;
}

#define CONFLICT_COLUMNS "id, entity, local_id, field, local_value, server_value, created_at"

/**
 * crm_store_txn_get_conflict:
 * @txn: the open transaction
 * @conflict_id: a conflict
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the conflict, or %NULL with
 *   %CRM_STORE_ERROR_NOT_FOUND
 */
CrmSyncConflict *
crm_store_txn_get_conflict (CrmStoreTxn  *txn,
                            gint64        conflict_id,
                            GError      **error)
{
  CrmSyncConflict *conflict = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, NULL);

  stmt = prepare (txn, "SELECT " CONFLICT_COLUMNS " FROM sync_conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, conflict_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    conflict = conflict_from_row (stmt);
  sqlite3_reset (stmt);

  if (conflict == NULL)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 "No conflict %" G_GINT64_FORMAT, conflict_id);

  return conflict;
}

/**
 * crm_store_txn_dup_conflict_fields:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 *
 * Returns: (transfer full): the fields of the record in conflict
 */
GStrv
crm_store_txn_dup_conflict_fields (CrmStoreTxn   *txn,
                                   CrmEntityKind  kind,
                                   gint64         id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, NULL);

  stmt = prepare (txn, "SELECT field FROM sync_conflicts WHERE entity = ? AND local_id = ?"
                       " ORDER BY field", NULL);
  if (stmt != NULL && crm_sync_entity_from_kind (kind) != NULL)
    {
      sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return g_strv_builder_end (builder);
}

/**
 * crm_store_txn_remove_conflict:
 * @txn: the open transaction
 * @conflict_id: a conflict
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_remove_conflict (CrmStoreTxn  *txn,
                               gint64        conflict_id,
                               GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  stmt = prepare (txn, "DELETE FROM sync_conflicts WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, conflict_id);
  return step_done (txn, stmt, "Failed to remove a conflict", error);
}

/* Main thread */

static sqlite3_stmt *
prepare_reader (CrmStore    *self,
                const char  *sql,
                GError     **error)
{
  return _crm_store_prepare (self->reader, self->reader_statements, sql, error);
}

/**
 * crm_store_dup_outbox:
 * @self: a #CrmStore
 * @state: (nullable): "pending" or "failed"; %NULL for both
 * @error: return location for a #GError
 *
 * Reads the outbox in the order its changes were made. Main thread.
 *
 * Returns: (transfer full) (element-type CrmOutboxEntry): the changes, or
 *   %NULL with @error set
 */
GPtrArray *
crm_store_dup_outbox (CrmStore    *self,
                      const char  *state,
                      GError     **error)
{
  g_autoptr(GPtrArray) entries = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_outbox_entry_free);
  stmt = prepare_reader (self, "SELECT " ENTRY_COLUMNS " FROM outbox"
                               " WHERE ?1 IS NULL OR state = ?1 ORDER BY id", error);
  if (stmt == NULL)
    return NULL;

  if (state != NULL)
    sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (entries, entry_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, self->reader, rc, "Failed to read the outbox");
      return NULL;
    }

  return g_steal_pointer (&entries);
}

/**
 * crm_store_count_outbox:
 * @self: a #CrmStore
 * @state: (nullable): "pending" or "failed"; %NULL for both
 *
 * Returns: how many changes the outbox holds. Main thread.
 */
guint
crm_store_count_outbox (CrmStore   *self,
                        const char *state)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  stmt = prepare_reader (self, "SELECT count(*) FROM outbox WHERE ?1 IS NULL OR state = ?1",
                         NULL);
  if (stmt == NULL)
    return 0;

  if (state != NULL)
    sqlite3_bind_text (stmt, 1, state, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/**
 * crm_store_dup_conflicts:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type CrmSyncConflict): the conflicts
 *   waiting for the rep, oldest first, or %NULL with @error set
 */
GPtrArray *
crm_store_dup_conflicts (CrmStore  *self,
                         GError   **error)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_sync_conflict_free);
  stmt = prepare_reader (self, "SELECT " CONFLICT_COLUMNS " FROM sync_conflicts ORDER BY id",
                         error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (conflicts, conflict_from_row (stmt));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, self->reader, rc, "Failed to read the conflicts");
      return NULL;
    }

  return g_steal_pointer (&conflicts);
}

/**
 * crm_store_count_conflicts:
 * @self: a #CrmStore
 *
 * Returns: how many conflicts wait for the rep. Main thread.
 */
guint
crm_store_count_conflicts (CrmStore *self)
{
  sqlite3_stmt *stmt;
  guint n = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);

  stmt = prepare_reader (self, "SELECT count(*) FROM sync_conflicts", NULL);
  if (stmt == NULL)
    return 0;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return n;
}

/**
 * crm_store_dup_sync_state:
 * @self: a #CrmStore
 * @key: a key of the sync's state
 *
 * Returns: (transfer full) (nullable): its value. Main thread.
 */
char *
crm_store_dup_sync_state (CrmStore   *self,
                          const char *key)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);

  stmt = prepare_reader (self, "SELECT value FROM sync_state WHERE key = ?", NULL);
  return read_sync_state (stmt, key);
}

/**
 * crm_store_txn_remove_field_conflict:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @field: the column
 * @error: return location for a #GError
 *
 * Removes the conflict on one field, when there is one.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_remove_field_conflict (CrmStoreTxn    *txn,
                                     CrmEntityKind   kind,
                                     gint64          id,
                                     const char     *field,
                                     GError        **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  stmt = prepare (txn, "DELETE FROM sync_conflicts WHERE entity = ? AND local_id = ?"
                       " AND field = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, field, -1, SQLITE_TRANSIENT);
  return step_done (txn, stmt, "Failed to remove a conflict", error);
}

/**
 * crm_store_txn_find_change:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @operation: "create", "update" or "delete"
 * @state: (nullable): "pending" or "failed"; %NULL for either
 *
 * Returns: the first such change of the record, or 0
 */
gint64
crm_store_txn_find_change (CrmStoreTxn   *txn,
                           CrmEntityKind  kind,
                           gint64         id,
                           const char    *operation,
                           const char    *state)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, 0);

  if (crm_sync_entity_from_kind (kind) == NULL)
    return 0;

  stmt = prepare (txn, "SELECT id FROM outbox WHERE entity = ?1 AND local_id = ?2"
                       " AND operation = ?3 AND (?4 IS NULL OR state = ?4) ORDER BY id LIMIT 1",
                  NULL);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, operation, -1, SQLITE_TRANSIENT);
  if (state != NULL)
    sqlite3_bind_text (stmt, 4, state, -1, SQLITE_TRANSIENT);
  return step_int (txn, stmt, "Failed to read the outbox", NULL);
}

/**
 * crm_store_txn_queue_delete:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record, which may be gone
 * @uuid: its server id
 * @error: return location for a #GError
 *
 * Queues the deletion on the server of a record deleted here before its
 * server id was known.
 *
 * Returns: the outbox row, or 0 on failure
 */
gint64
crm_store_txn_queue_delete (CrmStoreTxn    *txn,
                            CrmEntityKind   kind,
                            gint64          id,
                            const char     *uuid,
                            GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, 0);
  g_return_val_if_fail (uuid != NULL, 0);

  if (!_crm_store_sync_check_kind (kind, error))
    return 0;

  sql = g_strdup_printf ("INSERT INTO outbox (entity, local_id, operation, uuid, created_at)"
                         " VALUES (?, ?, 'delete', ?, %s)", NOW_SQL);
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, uuid, -1, SQLITE_TRANSIENT);
  if (!step_done (txn, stmt, "Failed to queue a deletion", error))
    return 0;

  return sqlite3_last_insert_rowid (txn->db);
}
