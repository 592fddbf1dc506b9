/* crm-sync-pull-page.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store-sync-bulk.h"
#include "crm-sync-resource.h"

G_BEGIN_DECLS

/* The most columns a pulled record is inserted with. */
#define CRM_SYNC_PULL_MAX_VALUES 32

guint   crm_sync_pull_record_values  (const CrmSyncResource  *resource,
                                      CrmSyncRecord          *record,
                                      gint64                  customer_id,
                                      gboolean                with_external_id,
                                      CrmStoreValue          *values,
                                      guint                   max_values);
guint   crm_sync_pull_row_values     (const CrmSyncResource  *resource,
                                      CrmSyncRecord          *record,
                                      gint64                  customer_id,
                                      gboolean                with_external_id,
                                      gint64                  board_position,
                                      CrmStoreValue          *values);
gint64  crm_sync_pull_insert         (CrmStoreSyncPage       *page,
                                      const CrmSyncResource  *resource,
                                      CrmSyncRecord          *record,
                                      gint64                  customer_id,
                                      gboolean                with_external_id,
                                      gint64                  board_position,
                                      GError                **error);
void    crm_sync_pull_free_records   (GPtrArray              *records);
void    crm_sync_pull_drop_freed     (void);

G_END_DECLS
