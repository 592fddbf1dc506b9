/* crm-sync-engine.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-api-client.h"
#include "crm-store.h"
#include "crm-store-sync.h"

G_BEGIN_DECLS

/**
 * CrmSyncState:
 * @CRM_SYNC_STATE_IDLE: nothing to do, or done
 * @CRM_SYNC_STATE_SYNCING: pulling or pushing; see #CrmSyncEngine:progress
 * @CRM_SYNC_STATE_OFFLINE: the server cannot be reached; the sync waits
 *   until #CrmSyncEngine:resume-at (0: until the next sync)
 * @CRM_SYNC_STATE_RATE_LIMITED: the server asked to slow down; the sync
 *   waits until #CrmSyncEngine:resume-at
 * @CRM_SYNC_STATE_ERROR: the last sync failed; see #CrmSyncEngine:last-error
 *
 * What the sync is doing, for the window to show.
 */
typedef enum
{
  CRM_SYNC_STATE_IDLE,
  CRM_SYNC_STATE_SYNCING,
  CRM_SYNC_STATE_OFFLINE,
  CRM_SYNC_STATE_RATE_LIMITED,
  CRM_SYNC_STATE_ERROR,
} CrmSyncState;

/**
 * CrmSyncSummary:
 * @created: records created, here by a pull and there by a push
 * @updated: records updated, here or there
 * @deleted: records deleted, here or there
 * @conflicts: fields newly found in conflict
 * @failed: changes the server refused
 * @pulled: server records read
 * @pushed: changes sent
 *
 * What one sync did.
 */
typedef struct
{
  guint created;
  guint updated;
  guint deleted;
  guint conflicts;
  guint failed;
  guint pulled;
  guint pushed;
} CrmSyncSummary;

#define CRM_TYPE_SYNC_STATE (crm_sync_state_get_type ())
#define CRM_TYPE_SYNC_SUMMARY (crm_sync_summary_get_type ())
#define CRM_TYPE_SYNC_ENGINE (crm_sync_engine_get_type ())

GType            crm_sync_state_get_type              (void) G_GNUC_CONST;
GType            crm_sync_summary_get_type            (void) G_GNUC_CONST;
CrmSyncSummary  *crm_sync_summary_copy                (const CrmSyncSummary *summary);
void             crm_sync_summary_free                (CrmSyncSummary       *summary);
char            *crm_sync_summary_format              (const CrmSyncSummary *summary);

G_DECLARE_FINAL_TYPE (CrmSyncEngine, crm_sync_engine, CRM, SYNC_ENGINE, GObject)

CrmSyncEngine   *crm_sync_engine_new                  (CrmStore             *store,
                                                       CrmApiClient         *client);
CrmStore        *crm_sync_engine_get_store            (CrmSyncEngine        *self);
CrmApiClient    *crm_sync_engine_get_client           (CrmSyncEngine        *self);
CrmSyncState     crm_sync_engine_get_state            (CrmSyncEngine        *self);
double           crm_sync_engine_get_progress         (CrmSyncEngine        *self);
gint64           crm_sync_engine_get_resume_at        (CrmSyncEngine        *self);
const char      *crm_sync_engine_get_last_error       (CrmSyncEngine        *self);
guint            crm_sync_engine_get_pending_count    (CrmSyncEngine        *self);
guint            crm_sync_engine_get_failed_count     (CrmSyncEngine        *self);
guint            crm_sync_engine_get_conflict_count   (CrmSyncEngine        *self);
gint64           crm_sync_engine_get_last_synced_at   (CrmSyncEngine        *self);
void             crm_sync_engine_set_max_attempts     (CrmSyncEngine        *self,
                                                       guint                 max_attempts);
void             crm_sync_engine_set_online           (CrmSyncEngine        *self,
                                                       gboolean              online);
void             crm_sync_engine_wake                 (CrmSyncEngine        *self);

void             crm_sync_engine_sync_async           (CrmSyncEngine        *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
CrmSyncSummary  *crm_sync_engine_sync_finish          (CrmSyncEngine        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void             crm_sync_engine_pull_async           (CrmSyncEngine        *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void             crm_sync_engine_push_async           (CrmSyncEngine        *self,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);

GPtrArray       *crm_sync_engine_dup_conflicts        (CrmSyncEngine        *self);
GPtrArray       *crm_sync_engine_dup_failed_changes   (CrmSyncEngine        *self);
void             crm_sync_engine_resolve_conflict_async (CrmSyncEngine      *self,
                                                       gint64                conflict_id,
                                                       gboolean              keep_local,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void             crm_sync_engine_retry_change_async   (CrmSyncEngine        *self,
                                                       gint64                change_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
void             crm_sync_engine_discard_change_async (CrmSyncEngine        *self,
                                                       gint64                change_id,
                                                       GCancellable         *cancellable,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
gboolean         crm_sync_engine_change_finish        (CrmSyncEngine        *self,
                                                       GAsyncResult         *result,
                                                       GError              **error);
gboolean         crm_sync_engine_change_finish_with_undo (CrmSyncEngine     *self,
                                                       GAsyncResult         *result,
                                                       gint64               *undo_group,
                                                       GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncSummary, crm_sync_summary_free)

G_END_DECLS
