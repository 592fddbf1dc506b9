/* crm-store-status.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-date.h"
#include "crm-store-private.h"
#include "crm-store-sync-private.h"

/*
 * A customer's status set as such, inside a job: by a person (the lead
 * statuses only), by a rule (with its reason), the change stamped and put
 * on the timeline. A plain update of the column (crm-store-txn.c) checks
 * and stamps it the same way.
 */

/**
 * crm_store_txn_set_status:
 * @txn: the open transaction
 * @customer_id: the customer
 * @status: the new status
 * @origin: who changes it: %CRM_ORIGIN_PERSON may set only the lead
 *   statuses, and may not change a subscriber's; a rule passes
 *   %CRM_ORIGIN_RULE
 * @error: return location for a #GError
 *
 * Changes a status and writes the change on the timeline with who made it
 * and how. Setting the status it already has does nothing.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_status (CrmStoreTxn  *txn,
                          gint64        customer_id,
                          const char   *status,
                          CrmOrigin     origin,
                          GError      **error)
{
  return crm_store_txn_set_status_full (txn, customer_id, status, origin, NULL, error);
}

/* What crm_store_txn_update() does with a new status and its time, the
 * row's other columns not read: a rule may do this for every pulled deal. */
static gboolean
write_status (CrmStoreTxn  *txn,
              gint64        customer_id,
              const char   *status,
              const char   *now,
              GError      **error)
{
  g_autoptr(GVariant) changes = NULL;
  GVariantDict fields;
  sqlite3_stmt *stmt;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "UPDATE customers SET status = ?, status_changed_at = ?,"
                             " updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')"
                             " WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, status, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, customer_id);
  if (!step_done (txn, stmt, "Failed to change a record", error))
    return FALSE;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "status", "s", status);
  g_variant_dict_insert (&fields, "status_changed_at", "s", now);
  changes = g_variant_ref_sink (g_variant_dict_end (&fields));

  return _crm_store_txn_run_rules (txn, "customers", customer_id, "update", changes, error);
}

/**
 * _crm_store_txn_dup_customer_text:
 * @txn: the open transaction
 * @customer_id: a customer
 * @select: the SQL that reads it: text columns of `customers` for the row
 *   `id = ?`
 * @error: return location for a #GError
 *
 * Reads a few columns of a customer without reading all its row (a pull's
 * rules look at thousands), and keeps the first that is not empty: its
 * status, or its name as lists show it (name, company, email).
 *
 * Returns: (transfer full): that text, "" when all are empty, or %NULL
 *   with %CRM_STORE_ERROR_NOT_FOUND
 */
char *
_crm_store_txn_dup_customer_text (CrmStoreTxn  *txn,
                                  gint64        customer_id,
                                  const char   *select,
                                  GError      **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, select, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = sqlite3_step (stmt);
  for (int i = 0; rc == SQLITE_ROW && text == NULL && i < sqlite3_column_count (stmt); i++)
    {
      const char *value = (const char *) sqlite3_column_text (stmt, i);

      if (value != NULL && value[0] != '\0')
        text = g_strdup (value);
    }
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                 "No row %" G_GINT64_FORMAT " in customers", customer_id);
  else if (rc != SQLITE_ROW)
    _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read a record");
  else if (text == NULL)
    text = g_strdup ("");

  return text;
}

/**
 * crm_store_txn_set_status_full:
 * @txn: the open transaction
 * @customer_id: the customer
 * @status: the new status
 * @origin: who changes it, as for crm_store_txn_set_status()
 * @reason: (nullable): for a rule, why it changes the status (one of the
 *   `CRM_LIFECYCLE_REASON_` keys); kept on the timeline
 * @error: return location for a #GError
 *
 * Like crm_store_txn_set_status(), with the reason a rule had.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_status_full (CrmStoreTxn  *txn,
                               gint64        customer_id,
                               const char   *status,
                               CrmOrigin     origin,
                               const char   *reason,
                               GError      **error)
{
  g_autofree char *old_status = NULL;
  g_autofree char *now = NULL;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (status != NULL && *status != '\0', FALSE);

  /* The job's time, as its other writes have: a change a rule makes along
   * with a person's (a closed deal's status) is known by that time. */
  now = g_strdup (txn->store->job_now);
  if (now == NULL)
    now = crm_timestamp_now ();

  old_status = _crm_store_txn_dup_customer_text (txn, customer_id,
                                                 "SELECT status FROM customers WHERE id = ?",
                                                 error);
  if (old_status == NULL)
    return FALSE;

  if (origin == CRM_ORIGIN_PERSON && !_crm_store_check_person_status (old_status, status, error))
    return FALSE;

  if (g_strcmp0 (old_status, status) == 0)
    return TRUE;

  if (!write_status (txn, customer_id, status, now, error))
    return FALSE;

  return _crm_store_txn_add_status_entry (txn, customer_id, old_status, status, origin, reason,
                                          now, error);
}
