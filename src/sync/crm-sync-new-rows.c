/* crm-sync-new-rows.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <string.h>

#include "crm-sync-new-rows.h"

/**
 * CrmSyncNewRows:
 *
 * New records of a pulled page that wait to be inserted together, in one
 * statement (crm_store_sync_page_insert_rows()): up to
 * %CRM_STORE_SYNC_MAX_ROWS records with the same columns, and at most one
 * opportunity of each customer: the lifecycle rule of a new deal reads
 * the customer's other deals, and must see only those before it, as when
 * deals went in one by one. Their values borrow the records' texts;
 * insert them before the records go.
 */
struct _CrmSyncNewRows
{
  CrmStoreSyncPage      *page;
  const CrmSyncResource *resource;
  CrmSyncRecord         *records[CRM_STORE_SYNC_MAX_ROWS];
  CrmStoreValue          values[CRM_STORE_SYNC_MAX_ROWS * CRM_SYNC_PULL_MAX_VALUES];
  guint                  n_values;
  guint                  n_rows;
  GHashTable            *uuids;
  GHashTable            *external_ids;

  /* Opportunities: the customers of the cards waiting, and the place of
   * the last card waiting in each column ("pipeline\x1fstage"). */
  gint64                 customer_ids[CRM_STORE_SYNC_MAX_ROWS];
  GHashTable            *customers;
  GHashTable            *column_ends;
};

/**
 * crm_sync_new_rows_can_batch:
 * @kind: a kind of record
 *
 * Customers, tasks and opportunities are inserted together; notes, calls
 * and contacts come few to a customer.
 *
 * Returns: whether new records of @kind may wait to be inserted together
 */
gboolean
crm_sync_new_rows_can_batch (CrmEntityKind kind)
{
  return kind == CRM_ENTITY_CUSTOMER || kind == CRM_ENTITY_TASK ||
         kind == CRM_ENTITY_OPPORTUNITY;
}

/**
 * crm_sync_new_rows_new:
 * @page: the statements of the page, of a kind that can batch
 * @resource: its resource
 *
 * Returns: (transfer full): no records waiting yet
 */
CrmSyncNewRows *
crm_sync_new_rows_new (CrmStoreSyncPage      *page,
                       const CrmSyncResource *resource)
{
  CrmSyncNewRows *rows;

  g_return_val_if_fail (page != NULL, NULL);
  g_return_val_if_fail (resource != NULL && crm_sync_new_rows_can_batch (resource->kind), NULL);

  rows = g_new0 (CrmSyncNewRows, 1);
  rows->page = page;
  rows->resource = resource;
  rows->uuids = g_hash_table_new (g_str_hash, g_str_equal);
  rows->external_ids = g_hash_table_new (g_str_hash, g_str_equal);
  rows->customers = g_hash_table_new (g_int64_hash, g_int64_equal);
  rows->column_ends = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  return rows;
}

/**
 * crm_sync_new_rows_free:
 * @rows: (nullable): the records waiting, which are dropped
 */
void
crm_sync_new_rows_free (CrmSyncNewRows *rows)
{
  if (rows == NULL)
    return;

  g_hash_table_unref (rows->uuids);
  g_hash_table_unref (rows->external_ids);
  g_hash_table_unref (rows->customers);
  g_hash_table_unref (rows->column_ends);
  g_free (rows);
}

/**
 * crm_sync_new_rows_holds_uuid:
 * @rows: the records waiting
 * @uuid: a server id
 *
 * Returns: whether a record of @uuid waits: a look-up in the store would
 *   not find it yet
 */
gboolean
crm_sync_new_rows_holds_uuid (CrmSyncNewRows *rows,
                              const char     *uuid)
{
  g_return_val_if_fail (rows != NULL, FALSE);

  return g_hash_table_contains (rows->uuids, uuid);
}

/**
 * crm_sync_new_rows_holds_external_id:
 * @rows: the records waiting
 * @external_id: an external id
 *
 * Returns: whether a record waits that will hold @external_id
 */
gboolean
crm_sync_new_rows_holds_external_id (CrmSyncNewRows *rows,
                                     const char     *external_id)
{
  g_return_val_if_fail (rows != NULL, FALSE);

  return g_hash_table_contains (rows->external_ids, external_id);
}

static char *
column_key (const char *pipeline,
            const char *stage)
{
  return g_strconcat (pipeline, "\x1f", stage, NULL);
}

/**
 * crm_sync_new_rows_end_of_column:
 * @rows: the records waiting
 * @pipeline: a pipeline
 * @stage: one of its stages
 * @end: (out): the place after the last card waiting in that column, as
 *   crm_store_txn_end_of_column() gives it once that card is in
 *
 * Where a new card of that column goes while others wait to go in before
 * it; crm_store_txn_end_of_column() answers when none waits.
 *
 * Returns: whether a card waits in that column
 */
gboolean
crm_sync_new_rows_end_of_column (CrmSyncNewRows *rows,
                                 const char     *pipeline,
                                 const char     *stage,
                                 gint64         *end)
{
  g_autofree char *key = NULL;
  gint64 *last;

  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (pipeline != NULL && stage != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);

  key = column_key (pipeline, stage);
  last = g_hash_table_lookup (rows->column_ends, key);
  if (last == NULL)
    return FALSE;

  *end = *last + 1024;
  return TRUE;
}

/* Notes where a waiting opportunity goes, and whose it is. */
static void
add_card (CrmSyncNewRows *rows,
          CrmSyncRecord  *record,
          gint64          customer_id,
          gint64          board_position)
{
  const char *pipeline = json_object_get_string_member (record->values, "pipeline");
  const char *stage = json_object_get_string_member (record->values, "stage");

  rows->customer_ids[rows->n_rows] = customer_id;
  g_hash_table_add (rows->customers, &rows->customer_ids[rows->n_rows]);
  g_hash_table_insert (rows->column_ends, column_key (pipeline, stage),
                       g_memdup2 (&board_position, sizeof board_position));
}

/**
 * crm_sync_new_rows_add:
 * @rows: the records waiting
 * @record: a new record of the page, which outlives @rows' insert
 * @customer_id: its customer's local id, or 0
 * @with_external_id: whether its external id is written
 * @board_position: an opportunity's place in its column; ignored for
 *   other records
 *
 * Returns: %FALSE, taking nothing, when @rows is full, when @record has
 *   other columns than the records waiting, or is an opportunity of a
 *   customer with one waiting: insert those first
 */
gboolean
crm_sync_new_rows_add (CrmSyncNewRows *rows,
                       CrmSyncRecord  *record,
                       gint64          customer_id,
                       gboolean        with_external_id,
                       gint64          board_position)
{
  CrmStoreValue *values;
  CrmStoreValue row[CRM_SYNC_PULL_MAX_VALUES];
  guint n;

  g_return_val_if_fail (rows != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  if (rows->n_rows == CRM_STORE_SYNC_MAX_ROWS)
    return FALSE;
  if (rows->resource->kind == CRM_ENTITY_OPPORTUNITY &&
      g_hash_table_contains (rows->customers, &customer_id))
    return FALSE;

  n = crm_sync_pull_row_values (rows->resource, record, customer_id, with_external_id,
                                board_position, row);
  if (rows->n_rows > 0 &&
      (n != rows->n_values || !crm_store_values_same_columns (row, rows->values, n)))
    return FALSE;

  rows->n_values = n;
  values = &rows->values[rows->n_rows * n];
  memcpy (values, row, n * sizeof (CrmStoreValue));
  if (rows->resource->kind == CRM_ENTITY_OPPORTUNITY)
    add_card (rows, record, customer_id, board_position);
  rows->records[rows->n_rows++] = record;
  g_hash_table_add (rows->uuids, record->uuid);
  if (with_external_id)
    g_hash_table_add (rows->external_ids, record->external_id);

  return TRUE;
}

/**
 * crm_sync_new_rows_get_n_rows:
 * @rows: the records waiting
 *
 * Returns: how many wait
 */
guint
crm_sync_new_rows_get_n_rows (CrmSyncNewRows *rows)
{
  g_return_val_if_fail (rows != NULL, 0);

  return rows->n_rows;
}

/**
 * crm_sync_new_rows_get_record:
 * @rows: the records waiting
 * @i: one of them, in the order they were added
 *
 * Returns: (transfer none): that record
 */
CrmSyncRecord *
crm_sync_new_rows_get_record (CrmSyncNewRows *rows,
                              guint           i)
{
  g_return_val_if_fail (rows != NULL && i < rows->n_rows, NULL);

  return rows->records[i];
}

/**
 * crm_sync_new_rows_insert:
 * @rows: the records waiting
 * @ids: (out caller-allocates) (array): room for crm_sync_new_rows_get_n_rows()
 *   ids: the records' local ids, in their order
 * @error: return location for a #GError
 *
 * Inserts the records waiting, their tags aside, and runs the rules for
 * each. They stay in @rows until crm_sync_new_rows_clear().
 *
 * Returns: %TRUE on success
 */
gboolean
crm_sync_new_rows_insert (CrmSyncNewRows  *rows,
                          gint64          *ids,
                          GError         **error)
{
  g_return_val_if_fail (rows != NULL, FALSE);

  if (rows->n_rows == 0)
    return TRUE;

  return crm_store_sync_page_insert_rows (rows->page, rows->values, rows->n_values,
                                          rows->n_rows, ids, error);
}

/**
 * crm_sync_new_rows_clear:
 * @rows: the records waiting, inserted
 *
 * Lets go of the records inserted.
 */
void
crm_sync_new_rows_clear (CrmSyncNewRows *rows)
{
  g_return_if_fail (rows != NULL);

  rows->n_rows = 0;
  g_hash_table_remove_all (rows->uuids);
  g_hash_table_remove_all (rows->external_ids);
  g_hash_table_remove_all (rows->customers);
  g_hash_table_remove_all (rows->column_ends);
}

