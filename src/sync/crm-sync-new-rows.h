/* crm-sync-new-rows.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-sync-pull-page.h"

G_BEGIN_DECLS

typedef struct _CrmSyncNewRows CrmSyncNewRows;

gboolean        crm_sync_new_rows_can_batch         (CrmEntityKind           kind);
CrmSyncNewRows *crm_sync_new_rows_new               (CrmStoreSyncPage       *page,
                                                     const CrmSyncResource  *resource);
void            crm_sync_new_rows_free              (CrmSyncNewRows         *rows);
gboolean        crm_sync_new_rows_holds_uuid        (CrmSyncNewRows         *rows,
                                                     const char             *uuid);
gboolean        crm_sync_new_rows_holds_external_id (CrmSyncNewRows         *rows,
                                                     const char             *external_id);
gboolean        crm_sync_new_rows_end_of_column     (CrmSyncNewRows         *rows,
                                                     const char             *pipeline,
                                                     const char             *stage,
                                                     gint64                 *end);
gboolean        crm_sync_new_rows_add               (CrmSyncNewRows         *rows,
                                                     CrmSyncRecord          *record,
                                                     gint64                  customer_id,
                                                     gboolean                with_external_id,
                                                     gint64                  board_position);
guint           crm_sync_new_rows_get_n_rows        (CrmSyncNewRows         *rows);
CrmSyncRecord  *crm_sync_new_rows_get_record        (CrmSyncNewRows         *rows,
                                                     guint                   i);
gboolean        crm_sync_new_rows_insert            (CrmSyncNewRows         *rows,
                                                     gint64                 *ids,
                                                     GError                **error);
void            crm_sync_new_rows_clear             (CrmSyncNewRows         *rows);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncNewRows, crm_sync_new_rows_free)

G_END_DECLS
