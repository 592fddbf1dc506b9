/* crm-sync-details.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-sync-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_SYNC_DETAILS (crm_sync_details_get_type ())

G_DECLARE_FINAL_TYPE (CrmSyncDetails, crm_sync_details, CRM, SYNC_DETAILS, AdwWindow)

GtkWidget  *crm_sync_details_new                (GtkWindow      *parent,
                                                 CrmSyncSession *session);
GtkWidget  *crm_sync_details_present            (GtkWindow      *parent,
                                                 CrmSyncSession *session);
GtkListBox *crm_sync_details_get_conflicts_list (CrmSyncDetails *self);
GtkListBox *crm_sync_details_get_refused_list   (CrmSyncDetails *self);

G_END_DECLS
