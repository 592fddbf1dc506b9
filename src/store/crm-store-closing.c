/* crm-store-closing.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>

#include "crm-lifecycle.h"
#include "crm-store-closing.h"
#include "crm-store-private.h"
#include "crm-store-sync.h"

/**
 * crm_store_txn_find_closing:
 * @txn: the open transaction
 * @customer_id: the customer of a card that was moved into a closed stage
 * @closed_at: when it entered that stage (its `stage_entered_at`)
 * @effects: (out caller-allocates): what the move did besides, cleared
 *   with crm_closing_effects_clear()
 * @error: return location for a #GError
 *
 * Finds what the move into a closed stage wrote in the same transaction:
 * the note on the customer and the status change the rules made (Closed
 * Lost), which both bear the move's time. A later close of another deal,
 * or a status the rep set since, bears another.
 *
 * Returns: %TRUE on success, whether found or not
 */
gboolean
crm_store_txn_find_closing (CrmStoreTxn        *txn,
                            gint64              customer_id,
                            const char         *closed_at,
                            CrmClosingEffects  *effects,
                            GError            **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (closed_at != NULL, FALSE);
  g_return_val_if_fail (effects != NULL, FALSE);

  memset (effects, 0, sizeof *effects);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT id, uuid FROM activities"
                             " WHERE customer_id = ? AND kind = 'note' AND occurred_at = ?"
                             " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, closed_at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      effects->note_id = sqlite3_column_int64 (stmt, 0);
      effects->note_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to find a closing note");

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT id, old_status, new_status FROM activities"
                             " WHERE customer_id = ? AND kind = 'status' AND rule_name = ?"
                             "   AND occurred_at = ?"
                             " ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_text (stmt, 2, CRM_LIFECYCLE_REASON_LOST, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, closed_at, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      effects->status_entry_id = sqlite3_column_int64 (stmt, 0);
      effects->old_status = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      effects->new_status = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to find a status change");

  return TRUE;
}

/* Puts an outbox row behind all others, keeping what it says. */
static gboolean
queue_last (CrmStoreTxn  *txn,
            gint64        change_id,
            GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "UPDATE outbox SET id = (SELECT max (id) + 1 FROM outbox)"
                             " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, change_id);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to reorder the outbox");

  return TRUE;
}

/**
 * crm_store_txn_defer_closing:
 * @txn: the open transaction
 * @opportunity_id: a card just moved into a closed stage
 * @customer_id: its customer
 * @closed_at: when it entered that stage
 * @error: return location for a #GError
 *
 * Queues what the close did besides the move (its note, the lead status
 * it set) behind the move in the outbox, so the server hears of them only
 * after it took the move; one that refuses it hears nothing of them.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_defer_closing (CrmStoreTxn  *txn,
                             gint64        opportunity_id,
                             gint64        customer_id,
                             const char   *closed_at,
                             GError      **error)
{
  CrmClosingEffects effects;
  gint64 move, note = 0, status;
  gboolean ok;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (closed_at != NULL, FALSE);

  move = crm_store_txn_find_change (txn, CRM_ENTITY_OPPORTUNITY, opportunity_id, "update",
                                    "pending");
  if (move == 0)
    return TRUE;

  if (!crm_store_txn_find_closing (txn, customer_id, closed_at, &effects, error))
    return FALSE;

  if (effects.note_id > 0)
    note = crm_store_txn_find_change (txn, CRM_ENTITY_ACTIVITY, effects.note_id, "create",
                                      "pending");
  status = effects.status_entry_id > 0
           ? crm_store_txn_find_change (txn, CRM_ENTITY_CUSTOMER, customer_id, "update", "pending")
           : 0;
  crm_closing_effects_clear (&effects);

  ok = (note == 0 || note > move || queue_last (txn, note, error)) &&
       (status == 0 || status > move || queue_last (txn, status, error));
  return ok;
}

/**
 * crm_closing_effects_clear:
 * @effects: what crm_store_txn_find_closing() found
 */
void
crm_closing_effects_clear (CrmClosingEffects *effects)
{
  g_return_if_fail (effects != NULL);

  g_clear_pointer (&effects->note_uuid, g_free);
  g_clear_pointer (&effects->old_status, g_free);
  g_clear_pointer (&effects->new_status, g_free);
}
