/* crm-sync-pull-page.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-sync-pull-page.h"

/*
 * The quick way of a pulled record into the store: its values bound as
 * they are (crm_store_txn_insert_values()) rather than built into a
 * #GVariant, checked and taken apart again for every record. The columns
 * and their types are those crm_sync_resource_add_fields() gives; a test
 * holds the two to the same fields.
 */


/* As crm_sync_resource_add_fields() turns a value into a field. */
static void
field_value (const CrmSyncField *field,
             JsonNode           *node,
             CrmStoreValue      *value)
{
  gboolean is_null = node == NULL || JSON_NODE_HOLDS_NULL (node);

  value->column = field->column;
  value->text = NULL;
  value->number = 0;

  switch (field->type)
    {
    case CRM_SYNC_VALUE_INT:
    case CRM_SYNC_VALUE_INT_NN:
    case CRM_SYNC_VALUE_DURATION:
    case CRM_SYNC_VALUE_PERCENT:
      value->type = CRM_STORE_VALUE_INT;
      if (!is_null)
        value->number = json_node_get_int (node);
      else if (field->type != CRM_SYNC_VALUE_INT_NN)
        value->type = CRM_STORE_VALUE_NULL_INT;
      return;
    case CRM_SYNC_VALUE_OBJECT:
      value->type = CRM_STORE_VALUE_TEXT;
      value->text = is_null ? "{}" : json_node_get_string (node);
      return;
    case CRM_SYNC_VALUE_TEXT_NN:
      value->type = CRM_STORE_VALUE_TEXT;
      value->text = is_null ? "" : json_node_get_string (node);
      return;
    case CRM_SYNC_VALUE_TAGS:
      g_assert_not_reached ();
    case CRM_SYNC_VALUE_TEXT:
    case CRM_SYNC_VALUE_TIMESTAMP:
    case CRM_SYNC_VALUE_DATE:
    case CRM_SYNC_VALUE_COUNTRY:
    case CRM_SYNC_VALUE_CURRENCY:
    case CRM_SYNC_VALUE_STATUS:
    case CRM_SYNC_VALUE_CHOICE:
    default:
      value->type = is_null ? CRM_STORE_VALUE_NULL_TEXT : CRM_STORE_VALUE_TEXT;
      value->text = is_null ? NULL : json_node_get_string (node);
      return;
    }
}

static void
text_value (CrmStoreValue *value,
            const char    *column,
            const char    *text)
{
  *value = (CrmStoreValue) { column, CRM_STORE_VALUE_TEXT, text, 0 };
}

/**
 * crm_sync_pull_record_values:
 * @resource: the record's resource
 * @record: a pulled record, new here
 * @customer_id: its customer's local id, or 0
 * @with_external_id: whether its external id is written (no local record
 *   holds it yet)
 * @values: (out caller-allocates) (array length=max_values): the columns
 * @max_values: room in @values
 *
 * Fills the columns a new pulled record is inserted with, in the order
 * and with the types of the fields the per-record path built: the synced
 * fields but tags, then `uuid`, `customer_id`, `external_id`, `author`.
 * The texts are borrowed from @record.
 *
 * Returns: the number of columns
 */
guint
crm_sync_pull_record_values (const CrmSyncResource *resource,
                             CrmSyncRecord         *record,
                             gint64                 customer_id,
                             gboolean               with_external_id,
                             CrmStoreValue         *values,
                             guint                  max_values)
{
  guint n = 0;

  g_return_val_if_fail (resource != NULL && record != NULL, 0);

  for (const CrmSyncField *field = resource->fields; field->column != NULL; field++)
    {
      JsonNode *node;

      if (field->type == CRM_SYNC_VALUE_TAGS)
        continue;
      node = json_object_get_member (record->values, field->column);
      if (node == NULL)
        continue;
      g_return_val_if_fail (n < max_values, n);
      field_value (field, node, &values[n++]);
    }

  g_return_val_if_fail (n + 4 <= max_values, n);
  text_value (&values[n++], "uuid", record->uuid);
  if (customer_id > 0)
    values[n++] = (CrmStoreValue) { "customer_id", CRM_STORE_VALUE_INT, NULL, customer_id };
  if (record->external_id != NULL && with_external_id)
    text_value (&values[n++], "external_id", record->external_id);
  if (record->author != NULL)
    text_value (&values[n++], "author", record->author);

  return n;
}

/**
 * crm_sync_pull_row_values:
 * @resource: the record's resource
 * @record: a pulled record, new here
 * @customer_id: its customer's local id, or 0
 * @with_external_id: whether its external id is written
 * @board_position: an opportunity's place in its column (any value,
 *   zero or below too); ignored for other records
 * @values: (out caller-allocates) (array fixed-size=32): the columns
 *
 * The columns a new pulled record is inserted with:
 * crm_sync_pull_record_values(), then an opportunity's place.
 *
 * Returns: the number of columns
 */
guint
crm_sync_pull_row_values (const CrmSyncResource *resource,
                          CrmSyncRecord         *record,
                          gint64                 customer_id,
                          gboolean               with_external_id,
                          gint64                 board_position,
                          CrmStoreValue         *values)
{
  guint n;

  g_return_val_if_fail (values != NULL, 0);

  n = crm_sync_pull_record_values (resource, record, customer_id, with_external_id, values,
                                   CRM_SYNC_PULL_MAX_VALUES - 1);
  if (resource->kind == CRM_ENTITY_OPPORTUNITY)
    values[n++] = (CrmStoreValue) { "board_position", CRM_STORE_VALUE_INT, NULL,
                                    board_position };

  return n;
}

/**
 * crm_sync_pull_insert:
 * @page: the statements of the page, of @resource's kind
 * @resource: the record's resource
 * @record: a pulled record, new here
 * @customer_id: its customer's local id, or 0
 * @with_external_id: whether its external id is written
 * @board_position: an opportunity's place in its column (after the
 *   fields, as the per-record path gave it); ignored for other records
 * @error: return location for a #GError
 *
 * Inserts a new pulled record, its tags aside.
 *
 * Returns: its local id, or 0 on failure
 */
gint64
crm_sync_pull_insert (CrmStoreSyncPage       *page,
                      const CrmSyncResource  *resource,
                      CrmSyncRecord          *record,
                      gint64                  customer_id,
                      gboolean                with_external_id,
                      gint64                  board_position,
                      GError                **error)
{
  CrmStoreValue values[CRM_SYNC_PULL_MAX_VALUES];
  guint n;

  n = crm_sync_pull_row_values (resource, record, customer_id, with_external_id, board_position,
                                values);
  return crm_store_sync_page_insert (page, values, n, error);
}

static GAsyncQueue *
freed_queue (void)
{
  static GAsyncQueue *queue;

  if (g_once_init_enter (&queue))
    g_once_init_leave (&queue, g_async_queue_new_full ((GDestroyNotify) g_ptr_array_unref));

  return queue;
}

/**
 * crm_sync_pull_free_records:
 * @records: (transfer full) (nullable): the records of a page written
 *
 * Hands a written page's records to the parsing thread, which frees them
 * before it reads the next page (crm_sync_pull_drop_freed()): there they
 * go back to the allocator they came from, and neither the writer, which
 * has the next page to write, nor the main thread spends time on them.
 */
void
crm_sync_pull_free_records (GPtrArray *records)
{
  if (records != NULL)
    g_async_queue_push (freed_queue (), records);
}

/**
 * crm_sync_pull_drop_freed:
 *
 * Frees the records handed over by crm_sync_pull_free_records().
 */
void
crm_sync_pull_drop_freed (void)
{
  GPtrArray *records;

  while ((records = g_async_queue_try_pop (freed_queue ())) != NULL)
    g_ptr_array_unref (records);
}
