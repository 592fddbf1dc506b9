/* crm-sync-session.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-account.h"
#include "crm-sync-engine.h"

G_BEGIN_DECLS

/* The profile setting that holds the periodic sync's interval. */
#define CRM_SYNC_SESSION_SETTING_INTERVAL "sync.interval_minutes"
#define CRM_SYNC_SESSION_DEFAULT_INTERVAL 15

#define CRM_TYPE_SYNC_SESSION (crm_sync_session_get_type ())

G_DECLARE_FINAL_TYPE (CrmSyncSession, crm_sync_session, CRM, SYNC_SESSION, GObject)

CrmSyncSession *crm_sync_session_new              (CrmStore        *store);
CrmStore       *crm_sync_session_get_store        (CrmSyncSession  *self);
CrmAccount     *crm_sync_session_get_account      (CrmSyncSession  *self);
CrmSyncEngine  *crm_sync_session_get_engine       (CrmSyncSession  *self);
gboolean        crm_sync_session_get_key_missing  (CrmSyncSession  *self);
guint           crm_sync_session_get_interval     (CrmSyncSession  *self);
gint64          crm_sync_session_get_now          (CrmSyncSession  *self);
void            crm_sync_session_sync_now         (CrmSyncSession  *self);
GHashTable     *crm_sync_session_dup_refused      (CrmSyncSession  *self,
                                                   CrmEntityKind    kind);

/* Tests */
void            crm_sync_session_set_clock        (CrmSyncSession  *self,
                                                   CrmSyncClock    *clock);
void            crm_sync_session_set_timing       (CrmSyncSession  *self,
                                                   guint            start_delay_ms,
                                                   guint            tick_ms);
void            crm_sync_session_set_network_monitor (CrmSyncSession  *self,
                                                   GNetworkMonitor *monitor,
                                                   guint            settle_ms);

/* Plain functions, tested on their own. */
guint           crm_sync_session_parse_interval   (const char      *value);
gboolean        crm_sync_session_is_due           (gint64           now,
                                                   gint64           last_started,
                                                   guint            interval);

G_END_DECLS
