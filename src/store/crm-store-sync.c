/* crm-store-sync.c
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
 * What the sync engine reads and writes beside the records themselves: the
 * server's last value of each record (the base of the three-way merge),
 * the scans' state and the pairing of records; the outbox and the
 * conflicts are in crm-store-outbox.c. The engine decides; these files
 * only keep, so that no SQL lives outside the store.
 */

static const struct {
  CrmEntityKind  kind;
  const char    *entity;
  const char    *sync_table;
  const char    *row_filter;     /* which rows of the table are synced */
} synced[] = {
  { CRM_ENTITY_CUSTOMER, "customer", "customers_sync", "1" },
  { CRM_ENTITY_CONTACT, "contact", "contacts_sync", "1" },
  { CRM_ENTITY_ACTIVITY, "note", "activities_sync", "kind IN ('note', 'call')" },
  { CRM_ENTITY_TASK, "task", "tasks_sync", "1" },
  { CRM_ENTITY_OPPORTUNITY, "opportunity", "opportunities_sync", "1" },
};

G_DEFINE_BOXED_TYPE (CrmOutboxEntry, crm_outbox_entry, crm_outbox_entry_copy,
                     crm_outbox_entry_free)
G_DEFINE_BOXED_TYPE (CrmSyncConflict, crm_sync_conflict, crm_sync_conflict_copy,
                     crm_sync_conflict_free)

/**
 * crm_outbox_entry_copy:
 * @entry: a #CrmOutboxEntry
 *
 * Returns: (transfer full): a copy
 */
CrmOutboxEntry *
crm_outbox_entry_copy (const CrmOutboxEntry *entry)
{
  CrmOutboxEntry *copy = g_new0 (CrmOutboxEntry, 1);

  *copy = *entry;
  copy->operation = g_strdup (entry->operation);
  copy->uuid = g_strdup (entry->uuid);
  copy->state = g_strdup (entry->state);
  copy->error = g_strdup (entry->error);
  copy->payload = g_strdup (entry->payload);
  copy->sent_at = g_strdup (entry->sent_at);
  copy->created_at = g_strdup (entry->created_at);
  return copy;
}

/**
 * crm_outbox_entry_free:
 * @entry: (nullable): a #CrmOutboxEntry
 */
void
crm_outbox_entry_free (CrmOutboxEntry *entry)
{
  if (entry == NULL)
    return;

  g_free (entry->operation);
  g_free (entry->uuid);
  g_free (entry->state);
  g_free (entry->error);
  g_free (entry->payload);
  g_free (entry->sent_at);
  g_free (entry->created_at);
  g_free (entry);
}

/**
 * crm_sync_conflict_copy:
 * @conflict: a #CrmSyncConflict
 *
 * Returns: (transfer full): a copy
 */
CrmSyncConflict *
crm_sync_conflict_copy (const CrmSyncConflict *conflict)
{
  CrmSyncConflict *copy = g_new0 (CrmSyncConflict, 1);

  *copy = *conflict;
  copy->field = g_strdup (conflict->field);
  copy->local_value = g_strdup (conflict->local_value);
  copy->server_value = g_strdup (conflict->server_value);
  copy->created_at = g_strdup (conflict->created_at);
  return copy;
}

/**
 * crm_sync_conflict_free:
 * @conflict: (nullable): a #CrmSyncConflict
 */
void
crm_sync_conflict_free (CrmSyncConflict *conflict)
{
  if (conflict == NULL)
    return;

  g_free (conflict->field);
  g_free (conflict->local_value);
  g_free (conflict->server_value);
  g_free (conflict->created_at);
  g_free (conflict);
}

static int
synced_index (CrmEntityKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (synced); i++)
    if (synced[i].kind == kind)
      return i;

  return -1;
}

/* For a kind checked with check_synced(). */
static const char *
sync_table_of (CrmEntityKind kind)
{
  int i = synced_index (kind);

  return i >= 0 ? synced[i].sync_table : "customers_sync";
}

const char *
_crm_store_sync_row_filter (CrmEntityKind kind)
{
  int i = synced_index (kind);

  return i >= 0 ? synced[i].row_filter : "1";
}

/**
 * crm_sync_entity_from_kind:
 * @kind: a kind of record
 *
 * Returns: (nullable): the outbox's name for @kind ("customer", "contact",
 *   "note", "task", "opportunity"), or %NULL when it is not synced
 */
const char *
crm_sync_entity_from_kind (CrmEntityKind kind)
{
  int i = synced_index (kind);

  return i >= 0 ? synced[i].entity : NULL;
}

/**
 * crm_sync_entity_to_kind:
 * @entity: an outbox's name of a kind of record
 * @kind: (out): the kind
 *
 * Returns: %FALSE when @entity names nothing synced
 */
gboolean
crm_sync_entity_to_kind (const char    *entity,
                         CrmEntityKind *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (synced); i++)
    {
      if (g_strcmp0 (synced[i].entity, entity) == 0)
        {
          *kind = synced[i].kind;
          return TRUE;
        }
    }

  return FALSE;
}

gboolean
_crm_store_sync_check_kind (CrmEntityKind   kind,
                            GError        **error)
{
  if (synced_index (kind) >= 0)
    return TRUE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
               "Records of kind %d are not synced", (int) kind);
  return FALSE;
}

/**
 * crm_store_txn_find_uuid:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @uuid: the server's id
 * @error: return location for a #GError
 *
 * Returns: the local id of the record with @uuid, or 0 when there is none
 *   (with @error set on a failure)
 */
gint64
crm_store_txn_find_uuid (CrmStoreTxn    *txn,
                         CrmEntityKind   kind,
                         const char     *uuid,
                         GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, 0);
  g_return_val_if_fail (uuid != NULL, 0);

  if (!_crm_store_sync_check_kind (kind, error))
    return 0;

  sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?", crm_entity_kind_get_table (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return 0;

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  return step_int (txn, stmt, "Failed to look up a record", error);
}

/**
 * crm_store_txn_find_unsynced:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @columns: (transfer floating): the values a{sv} the record must hold
 *   (`email` compares without regard to case and never matches empty)
 * @error: return location for a #GError
 *
 * Finds a record the server does not know yet (no uuid) that holds
 * @columns, to pair it with a server record rather than double it.
 *
 * Returns: the first such record's id, or 0
 */
gint64
crm_store_txn_find_unsynced (CrmStoreTxn    *txn,
                             CrmEntityKind   kind,
                             GVariant       *columns,
                             GError        **error)
{
  g_autoptr(GVariant) sunk = g_variant_ref_sink (columns);
  g_autoptr(GString) sql = g_string_new (NULL);
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  GVariantIter iter;
  const char *key;
  GVariant *value;
  int index = 1;

  g_return_val_if_fail (txn != NULL, 0);

  if (!_crm_store_sync_check_kind (kind, error))
    return 0;

  info = txn->store->tables[kind];
  g_string_append_printf (sql, "SELECT id FROM %s WHERE uuid IS NULL", info->table);
  g_variant_iter_init (&iter, sunk);
  while (g_variant_iter_next (&iter, "{&s*}", &key, NULL))
    {
      g_return_val_if_fail (_crm_table_info_has (info, key), 0);

      /* Addresses pair whatever their case: the server may write one
       * otherwise than the rep did. */
      if (g_str_equal (key, "email"))
        g_string_append (sql, " AND email <> '' AND email = ? COLLATE NOCASE");
      else if (g_str_equal (key, "assignee") || g_str_equal (key, "owner"))
        g_string_append_printf (sql, " AND \"%s\" IS ? COLLATE NOCASE", key);
      else
        g_string_append_printf (sql, " AND \"%s\" IS ?", key);
    }
  g_string_append (sql, " ORDER BY id LIMIT 1");

  stmt = prepare (txn, sql->str, error);
  if (stmt == NULL)
    return 0;

  g_variant_iter_init (&iter, sunk);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    _crm_store_bind_variant (stmt, index++, value);

  return step_int (txn, stmt, "Failed to look for a record to pair", error);
}

/**
 * crm_store_txn_has_unsynced:
 * @txn: the open transaction
 * @kind: a synced kind of record
 *
 * Returns: whether any record of @kind has no server id (the uuid index
 *   answers at once)
 */
gboolean
crm_store_txn_has_unsynced (CrmStoreTxn   *txn,
                            CrmEntityKind  kind)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, TRUE);

  sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE uuid IS NULL)",
                         crm_entity_kind_get_table (kind));
  stmt = prepare (txn, sql, NULL);
  if (stmt == NULL)
    return TRUE;

  return step_int (txn, stmt, "Failed to look for unsynced records", NULL) != 0;
}

/**
 * crm_store_txn_external_id_taken:
 * @txn: the open transaction
 * @kind: customers or contacts
 * @external_id: an external id
 *
 * Returns: whether a record already holds @external_id
 */
gboolean
crm_store_txn_external_id_taken (CrmStoreTxn   *txn,
                                 CrmEntityKind  kind,
                                 const char    *external_id)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (kind == CRM_ENTITY_CUSTOMER || kind == CRM_ENTITY_CONTACT, FALSE);

  sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE external_id = ?)",
                         crm_entity_kind_get_table (kind));
  stmt = prepare (txn, sql, NULL);
  if (stmt == NULL)
    return TRUE;

  sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_TRANSIENT);
  return step_int (txn, stmt, "Failed to look up an external id", NULL) != 0;
}

/**
 * crm_store_txn_dup_tags:
 * @txn: the open transaction
 * @customer_id: a customer
 *
 * Returns: (transfer full): the customer's tags, sorted
 */
GStrv
crm_store_txn_dup_tags (CrmStoreTxn *txn,
                        gint64       customer_id)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, NULL);

  stmt = prepare (txn, "SELECT tag FROM tags WHERE customer_id = ? ORDER BY tag", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, customer_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
      sqlite3_reset (stmt);
    }

  return g_strv_builder_end (builder);
}

/**
 * crm_store_txn_get_sync_base:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @base: (out) (transfer full) (nullable): the server's value as last seen,
 *   as JSON, or %NULL when the record was never synced
 * @hash: (out) (transfer full) (optional) (nullable): its hash
 * @error: return location for a #GError
 *
 * Returns: %FALSE on a failure to read
 */
gboolean
crm_store_txn_get_sync_base (CrmStoreTxn  *txn,
                             CrmEntityKind kind,
                             gint64        id,
                             char        **base,
                             char        **hash,
                             GError      **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (base != NULL, FALSE);

  *base = NULL;
  if (hash != NULL)
    *hash = NULL;
  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  sql = g_strdup_printf ("SELECT base, hash FROM %s WHERE id = ?",
                         sync_table_of (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *base = dup_column_text (stmt, 0);
      if (hash != NULL)
        *hash = dup_column_text (stmt, 1);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read a sync base");

  return TRUE;
}

/**
 * crm_store_txn_set_sync_base:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @base: the server's value just seen, as JSON
 * @hash: its hash
 * @pass: the scan that saw it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_sync_base (CrmStoreTxn   *txn,
                             CrmEntityKind  kind,
                             gint64         id,
                             const char    *base,
                             const char    *hash,
                             gint64         pass,
                             GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (base != NULL && hash != NULL, FALSE);

  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  sql = g_strdup_printf ("INSERT INTO %s (id, base, hash, pass) VALUES (?, ?, ?, ?)"
                         " ON CONFLICT (id) DO UPDATE SET base = excluded.base,"
                         " hash = excluded.hash, pass = excluded.pass",
                         sync_table_of (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, pass);

  return step_done (txn, stmt, "Failed to save a sync base", error);
}

/**
 * crm_store_txn_mark_seen:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record, which has a base
 * @pass: the scan that saw it unchanged
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_mark_seen (CrmStoreTxn   *txn,
                         CrmEntityKind  kind,
                         gint64         id,
                         gint64         pass,
                         GError       **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  sql = g_strdup_printf ("UPDATE %s SET pass = ? WHERE id = ? AND pass <> ?1",
                         sync_table_of (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, pass);
  sqlite3_bind_int64 (stmt, 2, id);

  return step_done (txn, stmt, "Failed to mark a record seen", error);
}

static GArray *
list_unseen (CrmStoreTxn    *txn,
             CrmEntityKind   kind,
             gint64          pass,
             GError        **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *sql = NULL;
  const char *table = crm_entity_kind_get_table (kind);
  sqlite3_stmt *stmt;
  int rc;

  sql = g_strdup_printf ("SELECT id FROM %s AS t WHERE uuid IS NOT NULL AND %s"
                         " AND NOT EXISTS (SELECT 1 FROM %s AS s WHERE s.id = t.id"
                         "                  AND s.pass >= ?)",
                         table, _crm_store_sync_row_filter (kind),
                         sync_table_of (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, pass);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to list unseen records");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * crm_store_txn_forget_server_record:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @id: the record
 * @message: the failure to leave on its change
 * @error: return location for a #GError
 *
 * For a record the server deleted while the rep changed it: it stays, as
 * a record the server does not know (no uuid, no base), and its change
 * becomes a failed create carrying @message, which the rep may send again
 * or discard.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_forget_server_record (CrmStoreTxn    *txn,
                                    CrmEntityKind   kind,
                                    gint64          id,
                                    const char     *message,
                                    GError        **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (message != NULL, FALSE);

  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  stmt = prepare (txn, "UPDATE outbox SET operation = 'create', state = 'failed', error = ?,"
                       " uuid = NULL, sent_at = NULL"
                       " WHERE entity = ? AND local_id = ? AND operation IN ('create', 'update')",
                  error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, message, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  if (!step_done (txn, stmt, "Failed to keep a changed record", error))
    return FALSE;

  if (sqlite3_changes (txn->db) == 0 &&
      crm_store_txn_queue_change (txn, kind, id, "create", error) == 0)
    return FALSE;
  if (!crm_store_txn_fail_change (txn, crm_store_txn_find_change (txn, kind, id, "create",
                                                                  NULL),
                                  message, NULL, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", sync_table_of (kind));
  stmt = prepare (txn, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (txn, stmt, "Failed to forget a sync base", error))
    return FALSE;

  return crm_store_txn_update (txn, kind, id,
                               g_variant_new_parsed ("{'uuid': <@ms nothing>}"), error);
}

/* Whether a create or update of the record waits in the outbox; failed
 * ones count unless @pending_only. */
gboolean
_crm_store_sync_has_change (CrmStoreTxn   *txn,
                            CrmEntityKind  kind,
                            gint64         id,
                            gboolean       pending_only)
{
  sqlite3_stmt *stmt;

  stmt = prepare (txn, "SELECT EXISTS (SELECT 1 FROM outbox WHERE entity = ? AND local_id = ?"
                       " AND operation IN ('create', 'update')"
                       " AND (?3 = 0 OR state = 'pending'))", NULL);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, crm_sync_entity_from_kind (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_int (stmt, 3, pending_only);
  return step_int (txn, stmt, "Failed to read the outbox", NULL) != 0;
}

/**
 * crm_store_txn_sweep_unseen:
 * @txn: the open transaction
 * @kind: a synced kind of record
 * @pass: the scan that just completed
 * @kept_message: the failure left on a record kept because the rep
 *   changed it
 * @n_deleted: (out) (optional): how many records went
 * @error: return location for a #GError
 *
 * After a complete scan, deletes the synced records it did not see: the
 * server deleted them, or merged them into others. A record with a change
 * waiting to be sent is kept, without its uuid, and its change becomes a
 * failed create carrying @kept_message.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_sweep_unseen (CrmStoreTxn    *txn,
                            CrmEntityKind   kind,
                            gint64          pass,
                            const char     *kept_message,
                            guint          *n_deleted,
                            GError        **error)
{
  g_autoptr(GArray) ids = NULL;
  guint deleted = 0;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (kept_message != NULL, FALSE);

  if (n_deleted != NULL)
    *n_deleted = 0;
  if (!_crm_store_sync_check_kind (kind, error))
    return FALSE;

  ids = list_unseen (txn, kind, pass, error);
  if (ids == NULL)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(GVariant) row = crm_store_txn_get_row (txn, kind, id, NULL);

      /* Gone already with a parent deleted before it. */
      if (row == NULL)
        continue;

      if (_crm_store_sync_has_change (txn, kind, id, FALSE))
        {
          if (!crm_store_txn_forget_server_record (txn, kind, id, kept_message, error))
            return FALSE;
          continue;
        }

      if (!crm_store_txn_delete (txn, kind, id, error))
        return FALSE;
      deleted++;
    }

  if (n_deleted != NULL)
    *n_deleted = deleted;

  return TRUE;
}

/**
 * crm_store_txn_settle_closing:
 * @txn: the open transaction
 * @id: an opportunity whose stage the server changed
 * @error: return location for a #GError
 *
 * Makes the local closing fields agree with the stage: a stage of category
 * "won" or "lost" closes the opportunity (today, unless it was closed
 * before), any other reopens it; only "lost" keeps a lost reason.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_settle_closing (CrmStoreTxn  *txn,
                              gint64        id,
                              GError      **error)
{
  g_autofree char *today = _crm_store_dup_today (txn->store);
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  stmt = prepare (txn, "UPDATE opportunities SET"
                       " closed_on = CASE WHEN c.category IN ('won', 'lost')"
                       "                  THEN ifnull (closed_on, ?2) END,"
                       " lost_reason = CASE WHEN c.category = 'lost' THEN lost_reason END"
                       " FROM (SELECT (SELECT s.forecast_category FROM stages AS s"
                       "                 JOIN pipelines AS p ON p.id = s.pipeline_id"
                       "                WHERE p.name = o.pipeline AND s.name = o.stage)"
                       "              AS category"
                       "         FROM opportunities AS o WHERE o.id = ?1) AS c"
                       " WHERE opportunities.id = ?1"
                       "   AND (closed_on IS NOT CASE WHEN c.category IN ('won', 'lost')"
                       "                              THEN ifnull (closed_on, ?2) END"
                       "        OR lost_reason IS NOT CASE WHEN c.category = 'lost'"
                       "                                   THEN lost_reason END)", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, today, -1, SQLITE_TRANSIENT);
  return step_done (txn, stmt, "Failed to settle a closing", error);
}

/**
 * crm_store_txn_end_of_column:
 * @txn: the open transaction
 * @pipeline: a pipeline's name
 * @stage: a stage's name
 * @end: (out): a board position after every card of the column
 * @error: return location for a #GError
 *
 * Finds where a card goes to be last in its column. Positions may be
 * zero or below (cards moved to the top), so only the return value
 * tells a failure.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_end_of_column (CrmStoreTxn  *txn,
                             const char   *pipeline,
                             const char   *stage,
                             gint64       *end,
                             GError      **error)
{
  g_autoptr(GError) local_error = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);

  stmt = prepare (txn, "SELECT ifnull (max (board_position), 0) + 1024 FROM opportunities"
                       " WHERE pipeline = ? AND stage = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, pipeline, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, stage, -1, SQLITE_TRANSIENT);
  *end = step_int (txn, stmt, "Failed to find the end of a column", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_txn_dup_sync_state:
 * @txn: the open transaction
 * @key: a key of the sync's state
 *
 * Returns: (transfer full) (nullable): its value
 */
char *
crm_store_txn_dup_sync_state (CrmStoreTxn *txn,
                              const char  *key)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, NULL);

  stmt = prepare (txn, "SELECT value FROM sync_state WHERE key = ?", NULL);
  return read_sync_state (stmt, key);
}

/**
 * crm_store_txn_set_sync_state:
 * @txn: the open transaction
 * @key: a key of the sync's state
 * @value: (nullable): its value; %NULL removes it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_sync_state (CrmStoreTxn  *txn,
                              const char   *key,
                              const char   *value,
                              GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (value == NULL)
    stmt = prepare (txn, "DELETE FROM sync_state WHERE key = ?1", error);
  else
    stmt = prepare (txn, "INSERT INTO sync_state (key, value) VALUES (?1, ?2)"
                         " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return step_done (txn, stmt, "Failed to save the sync's state", error);
}
