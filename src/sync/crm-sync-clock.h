/* crm-sync-clock.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_TYPE_SYNC_CLOCK (crm_sync_clock_get_type ())

G_DECLARE_FINAL_TYPE (CrmSyncClock, crm_sync_clock, CRM, SYNC_CLOCK, GObject)

CrmSyncClock *crm_sync_clock_new            (void);
CrmSyncClock *crm_sync_clock_new_virtual    (gint64                start_time,
                                             guint32               seed);
gboolean      crm_sync_clock_is_virtual     (CrmSyncClock         *self);
gint64        crm_sync_clock_get_real_time  (CrmSyncClock         *self);
double        crm_sync_clock_next_jitter    (CrmSyncClock         *self);
void          crm_sync_clock_wait_async     (CrmSyncClock         *self,
                                             gint64                delay,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
gboolean      crm_sync_clock_wait_finish    (CrmSyncClock         *self,
                                             GAsyncResult         *result,
                                             GError              **error);

/* Virtual clocks only (tests). */
void          crm_sync_clock_advance        (CrmSyncClock         *self,
                                             gint64                delta);
GArray       *crm_sync_clock_get_waits      (CrmSyncClock         *self);
gint64        crm_sync_clock_get_waited     (CrmSyncClock         *self);

G_END_DECLS
