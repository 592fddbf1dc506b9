/* crm-store.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_STORE_ERROR (crm_store_error_quark ())

/**
 * CrmStoreError:
 * @CRM_STORE_ERROR_OPEN: the database file could not be opened or created
 * @CRM_STORE_ERROR_CORRUPT: the file is not a Prospect database, or is damaged
 * @CRM_STORE_ERROR_TOO_NEW: the file was written by a newer Prospect
 * @CRM_STORE_ERROR_CONSTRAINT: a value broke a rule of the schema
 * @CRM_STORE_ERROR_NOT_FOUND: the record does not exist
 * @CRM_STORE_ERROR_INVALID: the request names an unknown table or column
 * @CRM_STORE_ERROR_REFUSED: a business rule refused the change
 * @CRM_STORE_ERROR_NOT_EMPTY: the profile already holds data
 * @CRM_STORE_ERROR_FAILED: any other SQLite failure (disk full, I/O)
 */
typedef enum
{
  CRM_STORE_ERROR_OPEN,
  CRM_STORE_ERROR_CORRUPT,
  CRM_STORE_ERROR_TOO_NEW,
  CRM_STORE_ERROR_CONSTRAINT,
  CRM_STORE_ERROR_NOT_FOUND,
  CRM_STORE_ERROR_INVALID,
  CRM_STORE_ERROR_REFUSED,
  CRM_STORE_ERROR_NOT_EMPTY,
  CRM_STORE_ERROR_FAILED,
} CrmStoreError;

/**
 * CrmStoreJobFunc:
 * @txn: the open transaction
 * @user_data: the data given with the job
 * @error: where to put the reason of a failure
 *
 * A piece of work run on the writer thread inside one transaction. Returning
 * %FALSE rolls everything back. Never touches GTK or the main thread's
 * objects.
 *
 * Returns: %TRUE to commit
 */
typedef gboolean (*CrmStoreJobFunc) (CrmStoreTxn  *txn,
                                     gpointer      user_data,
                                     GError      **error);

/**
 * CrmStoreRowFunc:
 * @id: the row
 * @values: the columns asked for, as text; %NULL for a NULL
 * @user_data: the data given with the scan
 *
 * Called by crm_store_txn_foreach() for each row, on the writer thread.
 */
typedef void (*CrmStoreRowFunc) (gint64               id,
                                 const char * const  *values,
                                 gpointer             user_data);

/**
 * CrmStoreRuleFunc:
 * @txn: the open transaction of the mutation
 * @table: the table that changed
 * @id: the row that changed
 * @operation: "insert", "update" or "delete"
 * @changes: (nullable): for insert and update, the columns written (a{sv});
 *   for update, only those whose value changed
 * @user_data: the data given with the rule
 * @error: where to put the reason of a refusal
 *
 * A business rule. The store calls every rule after each row change made
 * through a #CrmStoreTxn, on the writer thread, inside the transaction.
 * A rule may read and make further changes through @txn; returning %FALSE
 * refuses the whole mutation.
 *
 * Returns: %TRUE to let the mutation go on
 */
typedef gboolean (*CrmStoreRuleFunc) (CrmStoreTxn  *txn,
                                      const char   *table,
                                      gint64        id,
                                      const char   *operation,
                                      GVariant     *changes,
                                      gpointer      user_data,
                                      GError      **error);

/**
 * CrmStore::notice:
 * @self: the store
 * @message: what a business rule did, for a person to read
 * @undo_group: the undo group of the mutation, 0 when it has none
 *
 * Emitted on the main context after a commit, once for each notice a rule
 * left with crm_store_txn_add_notice() (such as "Status changed to Working
 * Lead"), so that the window can show it with Undo.
 */

/**
 * CrmStore::changed:
 * @self: the store
 * @table: the table whose rows changed
 * @ids: (element-type gint64): the ids of the rows inserted, updated or
 *   deleted
 *
 * Emitted on the main context after a commit, once per table, with the
 * signal's detail set to the table's name (`changed::customers`).
 */

#define CRM_TYPE_STORE (crm_store_get_type ())

G_DECLARE_FINAL_TYPE (CrmStore, crm_store, CRM, STORE, GObject)

GQuark        crm_store_error_quark         (void);

char         *crm_store_dup_default_path    (void);
CrmStore     *crm_store_open                (const char           *path,
                                             GError              **error);
void          crm_store_close               (CrmStore             *self);
const char   *crm_store_get_path            (CrmStore             *self);
gboolean      crm_store_is_empty            (CrmStore             *self);

void          crm_store_set_today           (CrmStore             *self,
                                             const char           *today);
char         *crm_store_dup_today           (CrmStore             *self);
void          crm_store_add_rule            (CrmStore             *self,
                                             CrmStoreRuleFunc      func,
                                             gpointer              user_data);
void          crm_store_add_rule_for_tables (CrmStore             *self,
                                             const char * const   *tables,
                                             const char * const   *columns,
                                             CrmStoreRuleFunc      func,
                                             gpointer              user_data);

/* Reads: main thread, through the reader connection. */
GObject      *crm_store_load                (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             GError              **error);
char         *crm_store_dup_setting         (CrmStore             *self,
                                             const char           *key);
GStrv         crm_store_dup_owners          (CrmStore             *self);
guint         crm_store_count               (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             CrmFilter            *filter);
GStrv         crm_store_dup_attribute_keys  (CrmStore             *self);
GArray       *crm_store_query_ids           (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             CrmFilter            *filter,
                                             const char           *search,
                                             const char           *sort_key,
                                             gboolean              descending,
                                             GError              **error);
gboolean      crm_store_foreign_key_check   (CrmStore             *self,
                                             GError              **error);

/* Reads on a worker thread, for what would stall the main thread. */
void          crm_store_count_async         (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             CrmFilter            *filter,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      crm_store_count_finish        (CrmStore             *self,
                                             GAsyncResult         *result,
                                             guint                *count,
                                             GError              **error);

/* Mutations: each runs on the writer thread in one transaction together
 * with its undo journal (and outbox rows when sync is on); the finish
 * functions hand back the undo group of the change. */
void          crm_store_insert_async        (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             GVariant             *fields,
                                             CrmOrigin             origin,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gint64        crm_store_insert_finish       (CrmStore             *self,
                                             GAsyncResult         *result,
                                             gint64               *undo_group,
                                             GError              **error);
void          crm_store_update_async        (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             GVariant             *fields,
                                             CrmOrigin             origin,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void          crm_store_delete_async        (CrmStore             *self,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             CrmOrigin             origin,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void          crm_store_set_status_async    (CrmStore             *self,
                                             gint64                customer_id,
                                             const char           *status,
                                             CrmOrigin             origin,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void          crm_store_set_setting_async   (CrmStore             *self,
                                             const char           *key,
                                             const char           *value,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void          crm_store_undo_async          (CrmStore             *self,
                                             gint64                undo_group,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
void          crm_store_run_async           (CrmStore             *self,
                                             const char           *label,
                                             CrmOrigin             origin,
                                             CrmStoreJobFunc       func,
                                             gpointer              func_data,
                                             GDestroyNotify        func_data_destroy,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      crm_store_mutation_finish     (CrmStore             *self,
                                             GAsyncResult         *result,
                                             gint64               *undo_group,
                                             GError              **error);
gboolean      crm_store_run_sync            (CrmStore             *self,
                                             const char           *label,
                                             CrmOrigin             origin,
                                             CrmStoreJobFunc       func,
                                             gpointer              func_data,
                                             gint64               *undo_group,
                                             GError              **error);

/* Inside a transaction: writer thread only. */
CrmOrigin     crm_store_txn_get_origin      (CrmStoreTxn          *txn);
GCancellable *crm_store_txn_get_cancellable (CrmStoreTxn          *txn);
gint64        crm_store_txn_insert          (CrmStoreTxn          *txn,
                                             CrmEntityKind         kind,
                                             GVariant             *fields,
                                             GError              **error);
gboolean      crm_store_txn_update          (CrmStoreTxn          *txn,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             GVariant             *fields,
                                             GError              **error);
gboolean      crm_store_txn_delete          (CrmStoreTxn          *txn,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             GError              **error);
gboolean      crm_store_txn_set_tags        (CrmStoreTxn          *txn,
                                             gint64                customer_id,
                                             const char * const   *tags,
                                             GError              **error);
gboolean      crm_store_txn_set_setting     (CrmStoreTxn          *txn,
                                             const char           *key,
                                             const char           *value,
                                             GError              **error);
gboolean      crm_store_txn_matches         (CrmStoreTxn          *txn,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             CrmFilter            *filter,
                                             gboolean             *matches,
                                             GError              **error);
char         *crm_store_txn_dup_setting     (CrmStoreTxn          *txn,
                                             const char           *key);
gboolean      crm_store_txn_set_status      (CrmStoreTxn          *txn,
                                             gint64                customer_id,
                                             const char           *status,
                                             CrmOrigin             origin,
                                             GError              **error);
gboolean      crm_store_txn_set_status_full (CrmStoreTxn          *txn,
                                             gint64                customer_id,
                                             const char           *status,
                                             CrmOrigin             origin,
                                             const char           *reason,
                                             GError              **error);
void          crm_store_txn_add_notice      (CrmStoreTxn          *txn,
                                             const char           *message);
GVariant     *crm_store_txn_get_row         (CrmStoreTxn          *txn,
                                             CrmEntityKind         kind,
                                             gint64                id,
                                             GError              **error);
gboolean      crm_store_txn_foreach         (CrmStoreTxn          *txn,
                                             CrmEntityKind         kind,
                                             const char * const   *columns,
                                             CrmStoreRowFunc       func,
                                             gpointer              user_data,
                                             GError              **error);

const char   *crm_entity_kind_get_table     (CrmEntityKind         kind);

G_END_DECLS
