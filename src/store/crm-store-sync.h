/* crm-store-sync.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmOutboxEntry:
 * @id: the row of the outbox
 * @kind: the kind of record
 * @local_id: the record's local id (it may be gone)
 * @operation: "create", "update" or "delete"
 * @uuid: (nullable): the record's server id when it was queued
 * @state: "pending" or "failed"
 * @error: (nullable): the server's message for a failed change
 * @payload: (nullable): what a failed change tried to send, as JSON of
 *   local columns
 * @sent_at: (nullable): when a create was sent without its answer stored
 * @attempts: how many times the change was sent
 * @created_at: when the change was made
 *
 * One change waiting to be pushed, or one that the server refused.
 */
typedef struct
{
  gint64         id;
  CrmEntityKind  kind;
  gint64         local_id;
  char          *operation;
  char          *uuid;
  char          *state;
  char          *error;
  char          *payload;
  char          *sent_at;
  guint          attempts;
  char          *created_at;
} CrmOutboxEntry;

/**
 * CrmSyncConflict:
 * @id: the conflict's row
 * @kind: the kind of record
 * @local_id: the record
 * @field: the record's column
 * @local_value: (nullable): the rep's value, as JSON
 * @server_value: (nullable): the server's value, as JSON
 * @created_at: when it was found
 *
 * A field changed both here and on the server since the last sync.
 */
typedef struct
{
  gint64         id;
  CrmEntityKind  kind;
  gint64         local_id;
  char          *field;
  char          *local_value;
  char          *server_value;
  char          *created_at;
} CrmSyncConflict;

#define CRM_TYPE_OUTBOX_ENTRY (crm_outbox_entry_get_type ())
#define CRM_TYPE_SYNC_CONFLICT (crm_sync_conflict_get_type ())

GType            crm_outbox_entry_get_type          (void) G_GNUC_CONST;
CrmOutboxEntry  *crm_outbox_entry_copy              (const CrmOutboxEntry  *entry);
void             crm_outbox_entry_free              (CrmOutboxEntry        *entry);
GType            crm_sync_conflict_get_type         (void) G_GNUC_CONST;
CrmSyncConflict *crm_sync_conflict_copy             (const CrmSyncConflict *conflict);
void             crm_sync_conflict_free             (CrmSyncConflict       *conflict);

const char      *crm_sync_entity_from_kind          (CrmEntityKind          kind);
gboolean         crm_sync_entity_to_kind            (const char            *entity,
                                                     CrmEntityKind         *kind);

/* Main thread, through the reader connection. */
GPtrArray       *crm_store_dup_outbox               (CrmStore              *self,
                                                     const char            *state,
                                                     GError               **error);
guint            crm_store_count_outbox             (CrmStore              *self,
                                                     const char            *state);
GPtrArray       *crm_store_dup_conflicts            (CrmStore              *self,
                                                     GError               **error);
guint            crm_store_count_conflicts          (CrmStore              *self);
char            *crm_store_dup_sync_state           (CrmStore              *self,
                                                     const char            *key);

/* Writer thread, inside a transaction. */
gint64           crm_store_txn_find_uuid            (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     const char            *uuid,
                                                     GError               **error);
gint64           crm_store_txn_find_unsynced        (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     GVariant              *columns,
                                                     GError               **error);
gboolean         crm_store_txn_has_unsynced         (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind);
gboolean         crm_store_txn_external_id_taken    (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     const char            *external_id);
GStrv            crm_store_txn_dup_tags             (CrmStoreTxn           *txn,
                                                     gint64                 customer_id);
gboolean         crm_store_txn_get_sync_base        (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     char                 **base,
                                                     char                 **hash,
                                                     GError               **error);
gboolean         crm_store_txn_set_sync_base        (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *base,
                                                     const char            *hash,
                                                     gint64                 pass,
                                                     GError               **error);
gboolean         crm_store_txn_mark_seen            (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     gint64                 pass,
                                                     GError               **error);
gboolean         crm_store_txn_sweep_unseen         (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 pass,
                                                     const char            *kept_message,
                                                     guint                 *n_deleted,
                                                     GError               **error);
gboolean         crm_store_txn_settle_closing       (CrmStoreTxn           *txn,
                                                     gint64                 id,
                                                     GError               **error);
gboolean         crm_store_txn_end_of_column        (CrmStoreTxn           *txn,
                                                     const char            *pipeline,
                                                     const char            *stage,
                                                     gint64                *end,
                                                     GError               **error);

char            *crm_store_txn_dup_sync_state       (CrmStoreTxn           *txn,
                                                     const char            *key);
gboolean         crm_store_txn_set_sync_state       (CrmStoreTxn           *txn,
                                                     const char            *key,
                                                     const char            *value,
                                                     GError               **error);

gint64           crm_store_txn_queue_change         (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *operation,
                                                     GError               **error);
guint            crm_store_txn_queue_unsynced       (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     GError               **error);
gboolean         crm_store_txn_has_pending_change   (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id);
CrmOutboxEntry  *crm_store_txn_get_change           (CrmStoreTxn           *txn,
                                                     gint64                 change_id,
                                                     GError               **error);
gboolean         crm_store_txn_set_change_sent      (CrmStoreTxn           *txn,
                                                     gint64                 change_id,
                                                     const char            *sent_at,
                                                     GError               **error);
gboolean         crm_store_txn_fail_change          (CrmStoreTxn           *txn,
                                                     gint64                 change_id,
                                                     const char            *message,
                                                     const char            *payload,
                                                     GError               **error);
gboolean         crm_store_txn_retry_change         (CrmStoreTxn           *txn,
                                                     gint64                 change_id,
                                                     GError               **error);
gboolean         crm_store_txn_remove_change        (CrmStoreTxn           *txn,
                                                     gint64                 change_id,
                                                     GError               **error);

gboolean         crm_store_txn_put_conflict         (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *field,
                                                     const char            *local_value,
                                                     const char            *server_value,
                                                     GError               **error);
CrmSyncConflict *crm_store_txn_get_conflict         (CrmStoreTxn           *txn,
                                                     gint64                 conflict_id,
                                                     GError               **error);
GStrv            crm_store_txn_dup_conflict_fields  (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id);
gboolean         crm_store_txn_remove_conflict      (CrmStoreTxn           *txn,
                                                     gint64                 conflict_id,
                                                     GError               **error);
gboolean         crm_store_txn_remove_field_conflict (CrmStoreTxn          *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *field,
                                                     GError               **error);
gint64           crm_store_txn_find_change          (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *operation,
                                                     const char            *state);
gint64           crm_store_txn_queue_delete         (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *uuid,
                                                     GError               **error);
gboolean         crm_store_txn_move_children        (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 from,
                                                     gint64                 to,
                                                     GError               **error);
gboolean         crm_store_txn_forget_server_record (CrmStoreTxn           *txn,
                                                     CrmEntityKind          kind,
                                                     gint64                 id,
                                                     const char            *message,
                                                     GError               **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmOutboxEntry, crm_outbox_entry_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncConflict, crm_sync_conflict_free)

G_END_DECLS
