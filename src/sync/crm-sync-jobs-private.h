/* crm-sync-jobs-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-sync-jobs.h"

G_BEGIN_DECLS

/* crm-sync-write.c: what the pull's jobs (crm-sync-jobs.c) and the push's
 * (crm-sync-land.c) both write into a local record, on the writer thread. */
gboolean     _crm_sync_strv_has             (GStrv                   strv,
                                             const char             *value);
JsonObject  *_crm_sync_read_local           (CrmStoreTxn            *txn,
                                             const CrmSyncResource  *resource,
                                             gint64                  id,
                                             GVariant              **row_out,
                                             GError                **error);
gint64       _crm_sync_row_int              (GVariant               *row,
                                             const char             *column);
gboolean     _crm_sync_write_values         (CrmStoreTxn            *txn,
                                             const CrmSyncResource  *resource,
                                             gint64                  id,
                                             JsonObject             *values,
                                             const char * const     *columns,
                                             gint64                  customer_id,
                                             GError                **error);
GStrv        _crm_sync_settle_old_conflicts (CrmStoreTxn            *txn,
                                             const CrmSyncResource  *resource,
                                             gint64                  id,
                                             JsonObject             *local,
                                             JsonObject             *server,
                                             GError                **error);
gboolean     _crm_sync_put_conflicts        (CrmStoreTxn            *txn,
                                             const CrmSyncResource  *resource,
                                             gint64                  id,
                                             GPtrArray              *columns,
                                             JsonObject             *local,
                                             JsonObject             *server,
                                             GStrv                   already,
                                             CrmSyncCounts          *counts,
                                             GError                **error);

G_END_DECLS
