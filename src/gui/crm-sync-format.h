/* crm-sync-format.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store-sync.h"
#include "crm-sync-session.h"

G_BEGIN_DECLS

/**
 * CrmSyncFacts:
 * @has_account: the profile has a ChartMogul account
 * @key_missing: it has one, but its key was found nowhere
 * @has_engine: the key was found and the sync can run
 * @state: the engine's state
 * @progress: while syncing, from 0 to 1
 * @resume_at: while offline or rate limited, when it tries again (µs)
 * @last_error: (nullable): why the last sync failed
 * @pending: changes waiting to be sent
 * @failed: changes the server refused
 * @conflicts: fields waiting for the rep to pick a value
 * @last_synced_at: when a sync last ended well (µs), 0 for never
 * @now: the time to say "2 min ago" from (µs)
 *
 * What the window knows of the sync, to choose its words from.
 */
typedef struct
{
  gboolean      has_account;
  gboolean      key_missing;
  gboolean      has_engine;
  CrmSyncState  state;
  double        progress;
  gint64        resume_at;
  const char   *last_error;
  guint         pending;
  guint         failed;
  guint         conflicts;
  gint64        last_synced_at;
  gint64        now;
} CrmSyncFacts;

/**
 * CrmSyncStatus:
 * @title: the first line, such as "Synced 2 min ago"
 * @detail: (nullable): the second, such as "3 changes pending"
 * @icon_name: the state's icon
 * @style: (nullable): "warning" or "error" when the rep should look
 * @show_progress: whether to show the progress bar
 * @progress: its fraction
 *
 * The words and marks of the sidebar's sync row.
 */
typedef struct
{
  char        *title;
  char        *detail;
  const char  *icon_name;
  const char  *style;
  gboolean     show_progress;
  double       progress;
} CrmSyncStatus;

void            crm_sync_facts_from_session   (CrmSyncFacts          *facts,
                                               CrmSyncSession        *session);
CrmSyncStatus  *crm_sync_format_status        (const CrmSyncFacts    *facts);
char           *crm_sync_status_dup_text      (const CrmSyncStatus   *status);
void            crm_sync_status_free          (CrmSyncStatus         *status);

char           *crm_sync_format_synced        (gint64                 last_synced_at,
                                               gint64                 now);
char           *crm_sync_format_problems      (guint                  conflicts,
                                               guint                  failed);
char           *crm_sync_format_field         (CrmEntityKind          kind,
                                               const char            *field);
char           *crm_sync_format_value         (const char            *json);
char           *crm_sync_format_refusal       (const CrmOutboxEntry  *entry);
char           *crm_sync_format_record        (CrmStore              *store,
                                               CrmEntityKind          kind,
                                               gint64                 id,
                                               gint64                *customer_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncStatus, crm_sync_status_free)

G_END_DECLS
