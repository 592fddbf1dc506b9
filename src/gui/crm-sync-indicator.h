/* crm-sync-indicator.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-sync-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_SYNC_INDICATOR (crm_sync_indicator_get_type ())

G_DECLARE_FINAL_TYPE (CrmSyncIndicator, crm_sync_indicator, CRM, SYNC_INDICATOR, GtkWidget)

GtkWidget  *crm_sync_indicator_new        (CrmSyncSession   *session);
const char *crm_sync_indicator_get_title  (CrmSyncIndicator *self);
const char *crm_sync_indicator_get_detail (CrmSyncIndicator *self);
void        crm_sync_indicator_update     (CrmSyncIndicator *self);

G_END_DECLS
