/* crm-store-sync-bulk.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmStoreValueType:
 * @CRM_STORE_VALUE_TEXT: text
 * @CRM_STORE_VALUE_INT: an integer
 * @CRM_STORE_VALUE_NULL_TEXT: NULL in a text column
 * @CRM_STORE_VALUE_NULL_INT: NULL in an integer column
 *
 * The type of a #CrmStoreValue.
 */
typedef enum
{
  CRM_STORE_VALUE_TEXT,
  CRM_STORE_VALUE_INT,
  CRM_STORE_VALUE_NULL_TEXT,
  CRM_STORE_VALUE_NULL_INT,
} CrmStoreValueType;

/**
 * CrmStoreValue:
 * @column: the column
 * @type: its value's type
 * @text: the text of %CRM_STORE_VALUE_TEXT (borrowed)
 * @number: the number of %CRM_STORE_VALUE_INT
 *
 * One column of a row to write, without the cost of a #GVariant: what a
 * pull writes for each of its records.
 */
typedef struct
{
  const char        *column;
  CrmStoreValueType  type;
  const char        *text;
  gint64             number;
} CrmStoreValue;

typedef struct _CrmStoreSyncPage CrmStoreSyncPage;

/* The most rows crm_store_sync_page_insert_rows() takes at once. */
#define CRM_STORE_SYNC_MAX_ROWS 50

GVariant  *crm_store_value_to_variant     (const CrmStoreValue  *value);
gboolean   crm_store_values_same_columns  (const CrmStoreValue  *a,
                                           const CrmStoreValue  *b,
                                           guint                 n_values);
gint64     crm_store_txn_insert_values    (CrmStoreTxn          *txn,
                                           CrmEntityKind         kind,
                                           const CrmStoreValue  *values,
                                           guint                 n_values,
                                           GError              **error);

CrmStoreSyncPage  *crm_store_sync_page_new              (CrmStoreTxn           *txn,
                                                         CrmEntityKind          kind,
                                                         GError               **error);
void               crm_store_sync_page_free             (CrmStoreSyncPage      *page);
gint64             crm_store_sync_page_find_uuid        (CrmStoreSyncPage      *page,
                                                         const char            *uuid,
                                                         GError               **error);
gint64             crm_store_sync_page_find_customer    (CrmStoreSyncPage      *page,
                                                         const char            *uuid,
                                                         GError               **error);
gboolean           crm_store_sync_page_is_unchanged     (CrmStoreSyncPage      *page,
                                                         gint64                 id,
                                                         const char            *hash,
                                                         gboolean              *unchanged,
                                                         GError               **error);
gboolean           crm_store_sync_page_mark_seen        (CrmStoreSyncPage      *page,
                                                         gint64                 id,
                                                         gint64                 pass,
                                                         GError               **error);
gboolean           crm_store_sync_page_set_base         (CrmStoreSyncPage      *page,
                                                         gint64                 id,
                                                         const char            *base,
                                                         const char            *hash,
                                                         gint64                 pass,
                                                         GError               **error);
gint64             crm_store_sync_page_insert           (CrmStoreSyncPage      *page,
                                                         const CrmStoreValue   *values,
                                                         guint                  n_values,
                                                         GError               **error);
gboolean           crm_store_sync_page_insert_rows      (CrmStoreSyncPage      *page,
                                                         const CrmStoreValue   *values,
                                                         guint                  n_values,
                                                         guint                  n_rows,
                                                         gint64                *ids,
                                                         GError               **error);
gboolean           crm_store_sync_page_external_id_taken (CrmStoreSyncPage     *page,
                                                          const char           *external_id);
gboolean           crm_store_sync_page_has_pending_delete (CrmStoreSyncPage    *page,
                                                           const char          *uuid,
                                                           GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmStoreSyncPage, crm_store_sync_page_free)

G_END_DECLS
