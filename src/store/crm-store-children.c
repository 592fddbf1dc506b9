/* crm-store-children.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-private.h"
#include "crm-store-sync.h"

/* What belongs to a customer, by its customer_id. Tags are the customer's
 * own values, and the sync base is the record's. */
static const char * const child_tables[] = {
  "contacts", "activities", "tasks", "opportunities", "subscriptions",
};

/**
 * crm_store_txn_move_children:
 * @txn: the open transaction
 * @kind: the kind of the two records
 * @from: a record about to be deleted
 * @to: the record that takes its place
 * @error: return location for a #GError
 *
 * Gives @to what belongs to @from, so that deleting @from (a copy of @to
 * a pull brought before @to's create was answered) loses none of it. Only
 * customers have anything that belongs to them; for other kinds this does
 * nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_move_children (CrmStoreTxn    *txn,
                             CrmEntityKind   kind,
                             gint64          from,
                             gint64          to,
                             GError        **error)
{
  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (from > 0 && to > 0, FALSE);

  if (kind != CRM_ENTITY_CUSTOMER)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (child_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET customer_id = ?"
                                              " WHERE customer_id = ?", child_tables[i]);
      sqlite3_stmt *stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql,
                                               error);
      int rc;

      if (stmt == NULL)
        return FALSE;

      sqlite3_bind_int64 (stmt, 1, to);
      sqlite3_bind_int64 (stmt, 2, from);
      rc = sqlite3_step (stmt);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _crm_store_set_sqlite_error (error, txn->db, rc,
                                            "Failed to move a customer's records");
    }

  return TRUE;
}
