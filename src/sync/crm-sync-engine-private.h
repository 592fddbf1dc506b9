/* crm-sync-engine-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-sync-engine.h"
#include "crm-sync-jobs.h"
#include "crm-sync-land.h"

G_BEGIN_DECLS

typedef struct _CrmSyncRun CrmSyncRun;

typedef void (*CrmSyncRunStep) (CrmSyncRun *run);

/* One sync: a pull, a push, or both, run on the main context. */
struct _CrmSyncRun
{
  CrmSyncEngine   *engine;          /* borrowed: the task holds it */
  GTask           *task;            /* borrowed */
  GCancellable    *cancellable;
  GCancellable    *wake;            /* ends a push's wait before a retry */
  gboolean         do_pull;
  gboolean         do_push;
  guint            phase;
  CrmSyncSummary   summary;
  GError          *error;

  /* Pull: one page parsed while the one before is written. */
  guint            resource_index;
  gint64           pass;
  gboolean         pairing;
  char            *cursor;
  gboolean         exhausted;
  gboolean         fetching;
  CrmSyncPageJob  *ready;
  CrmSyncPageJob  *writing;
  CrmSyncPageJob  *queued;          /* sent to the writer behind @writing */

  /* Push */
  GQueue           changes;         /* gint64 ids, as pointers */
  GHashTable      *seen;            /* change ids already handled */
  GHashTable      *blocked;         /* customers not on the server yet */
  guint            rounds;
  guint            attempt;
  guint            n_changes;
  guint            n_done;
  CrmSyncPrepareJob *change;
  JsonObject      *sent;
  CrmSyncRecord   *server;
  JsonNode        *server_before;   /* its values before a call that may be refused */
  GStrv            push_columns;
  GPtrArray       *reconcile_found;
  char            *reconcile_cursor;
  guint            reconcile_pages;
};

struct _CrmSyncEngine
{
  GObject        parent_instance;

  CrmStore      *store;
  CrmApiClient  *client;
  gulong         waiting_handler;
  gulong         changed_handler;
  guint          counts_timeout;

  CrmSyncState   state;
  double         progress;
  gint64         resume_at;
  char          *last_error;
  guint          pending_count;
  guint          failed_count;
  guint          conflict_count;
  gint64         last_synced_at;
  guint          max_attempts;
  gboolean       offline;           /* the network monitor says so */

  CrmSyncRun    *run;
  GQueue         queued;            /* GTask, waiting for the run to end */
};

/* crm-sync-engine.c */
void     _crm_sync_engine_set_progress  (CrmSyncEngine  *self,
                                         double          progress);
void     _crm_sync_engine_set_waiting   (CrmSyncEngine  *self,
                                         const GError   *reason,
                                         gint64          until);
void     _crm_sync_engine_update_counts (CrmSyncEngine  *self);
void     _crm_sync_run_add_counts       (CrmSyncRun     *run,
                                         const CrmSyncCounts *counts);
void     _crm_sync_run_next             (CrmSyncRun     *run);

/* crm-sync-engine-pull.c */
void     _crm_sync_run_pull             (CrmSyncRun     *run);
void     _crm_sync_run_clear_pull       (CrmSyncRun     *run);

/* crm-sync-engine-push.c */
void     _crm_sync_run_push             (CrmSyncRun     *run);
void     _crm_sync_run_clear_push       (CrmSyncRun     *run);
const char     *_crm_sync_push_entity_path   (CrmSyncRun      *run);
void            _crm_sync_push_stop          (CrmSyncRun      *run,
                                              GError          *error);
CrmSyncLandJob *_crm_sync_push_land_job_new  (CrmSyncRun      *run,
                                              CrmSyncLanding   landing);
void            _crm_sync_push_land          (CrmSyncRun      *run,
                                              CrmSyncLandJob  *job,
                                              CrmSyncRunStep   then);
void            _crm_sync_push_change_done   (CrmSyncRun      *run);
gboolean        _crm_sync_push_is_refusal    (const GError    *error);
CrmSyncRecord  *_crm_sync_push_read_answer   (CrmSyncRun      *run,
                                              JsonNode        *node,
                                              GError         **error);

/* crm-sync-engine-create.c */
void            _crm_sync_push_create        (CrmSyncRun      *run);
JsonObject     *_crm_sync_push_custom_item   (const char      *key,
                                              JsonNode        *value);

G_END_DECLS
