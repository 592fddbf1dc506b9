/* crm-sync-jobs.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"
#include "crm-store-sync.h"
#include "crm-sync-resource.h"

G_BEGIN_DECLS

/* The work of the sync that runs on the store's writer thread, each in one
 * transaction of its own. The data of a job is filled on the main thread,
 * used on the writer thread only while the job runs, and read back on the
 * main thread once it finished. */

#define CRM_SYNC_STATE_PASS "pull.pass"
#define CRM_SYNC_STATE_PAIRED "pull.paired"

typedef struct
{
  guint created;
  guint updated;
  guint deleted;
  guint conflicts;
  guint failed;
  guint skipped;
  guint queued;
} CrmSyncCounts;

/* One page of a pull. */
typedef struct
{
  const CrmSyncResource *resource;
  GPtrArray             *records;       /* CrmSyncRecord; freed by the job */
  guint                  n_records;
  gint64                 pass;
  gboolean               pairing;       /* the book's first complete scan */
  gboolean               has_unsynced;  /* any local record to pair with */
  char                  *cursor;        /* the page's own; NULL: the first */
  char                  *next_cursor;   /* NULL: the list is done */
  CrmSyncCounts          counts;
} CrmSyncPageJob;

/* The end of a complete scan. */
typedef struct
{
  gint64         pass;
  gboolean       pairing;
  CrmSyncCounts  counts;
} CrmSyncPassJob;

gboolean  crm_sync_apply_page        (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);
gboolean  crm_sync_finish_pass       (CrmStoreTxn        *txn,
                                      gpointer            job,
                                      GError            **error);

void      crm_sync_page_job_free     (CrmSyncPageJob     *job);

G_END_DECLS
