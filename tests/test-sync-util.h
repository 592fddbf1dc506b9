/* test-sync-util.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-fake-server.h"
#include "crm-sync-engine.h"
#include "test-util.h"

G_BEGIN_DECLS

#define SYNC_API_KEY "test-key-0001"
/* 2025-06-30T00:00:00Z: a whole second, so HTTP dates are exact. */
#define SYNC_START_TIME ((gint64) 1751241600 * G_USEC_PER_SEC)

/* A profile synced with a fake server on the default main context, on a
 * virtual clock: nothing in a test waits for real. */
typedef struct
{
  CrmFakeServer *server;
  CrmSyncClock  *clock;
  CrmStore      *store;
  CrmApiClient  *client;
  CrmSyncEngine *engine;
  char          *path;
} SyncFixture;

void             sync_fixture_set_up     (SyncFixture    *f,
                                          gconstpointer   data);
void             sync_fixture_tear_down  (SyncFixture    *f,
                                          gconstpointer   data);
void             sync_fixture_restart    (SyncFixture    *f);
CrmSyncSummary  *sync_run                (SyncFixture    *f,
                                          const char     *what,
                                          GError        **error);
CrmSyncSummary  *sync_run_ok             (SyncFixture    *f,
                                          const char     *what);
gint64           sync_query_int          (SyncFixture    *f,
                                          const char     *sql);
char            *sync_query_text         (SyncFixture    *f,
                                          const char     *sql);
gint64           sync_local_id           (SyncFixture    *f,
                                          const char     *table,
                                          const char     *uuid);
char            *sync_add_customer       (SyncFixture    *f,
                                          const char     *name,
                                          const char     *more_json);
void             sync_move_card          (SyncFixture    *f,
                                          gint64          id,
                                          const char     *stage,
                                          guint           index,
                                          const char     *lost_reason);
void             sync_wait_idle          (void);
void             test_store_result_cb    (GObject        *source,
                                          GAsyncResult   *result,
                                          gpointer        user_data);

G_END_DECLS
