/* crm-sync-land.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-sync-jobs.h"

G_BEGIN_DECLS

/* The push's work on the store's writer thread (see crm-sync-jobs.h for
 * how a job's data is shared between the threads). */

/* What a push needs to know of one outbox row, read in one transaction. */
typedef struct
{
  gint64                 change_id;
  CrmOutboxEntry        *entry;
  const CrmSyncResource *resource;
  gboolean               exists;
  char                  *uuid;
  char                  *customer_uuid;  /* children: their customer's */
  gboolean               customer_synced;
  gboolean               failed_create;  /* a refused create holds the record */
  char                  *external_id;
  char                  *author;
  JsonObject            *local;
  JsonObject            *base;           /* NULL: never synced */
  GStrv                  conflict_fields;
  char                  *data_source;
  char                  *me;             /* the rep's email */
  gint64                 pass;
} CrmSyncPrepareJob;

/* How the answer of a push lands. */
typedef enum
{
  CRM_SYNC_LAND_CREATED,    /* a create succeeded, or its record was found */
  CRM_SYNC_LAND_MERGED,     /* the server's current value, before a PATCH */
  CRM_SYNC_LAND_UPDATED,    /* a PATCH succeeded */
  CRM_SYNC_LAND_REFUSED,    /* a 4xx: put the fields back, fail the change */
  CRM_SYNC_LAND_DELETED,    /* a delete succeeded, or had nothing to do */
  CRM_SYNC_LAND_GONE,       /* the server deleted the record: keep it local */
  CRM_SYNC_LAND_DROP,       /* the change has nothing to send */
  CRM_SYNC_LAND_SENDING,    /* a create goes out: remember it was sent */
} CrmSyncLanding;

typedef struct
{
  CrmSyncLanding         landing;
  gint64                 change_id;
  const CrmSyncResource *resource;
  gint64                 local_id;
  CrmSyncRecord         *server;        /* the server's record, when known */
  JsonObject            *sent;          /* the values sent */
  GStrv                  sent_columns;  /* NULL: all of @sent */
  GStrv                  take;          /* MERGED: columns to take */
  GStrv                  conflicts;     /* MERGED: columns in conflict */
  JsonObject            *local;         /* MERGED: the local values compared */
  char                  *message;       /* REFUSED, GONE */
  gint64                 pass;
  gboolean               keep_change;   /* out: the rep changed it meanwhile */
  CrmSyncCounts          counts;
} CrmSyncLandJob;

gboolean  crm_sync_prepare_change    (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);
gboolean  crm_sync_land_change       (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);

gboolean  crm_sync_resolve_conflict  (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);
gboolean  crm_sync_retry_change      (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);
gboolean  crm_sync_discard_change    (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);

void      crm_sync_prepare_job_free  (CrmSyncPrepareJob  *job);
void      crm_sync_land_job_free     (CrmSyncLandJob     *job);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncPrepareJob, crm_sync_prepare_job_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncLandJob, crm_sync_land_job_free)

G_END_DECLS
