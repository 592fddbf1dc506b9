/* crm-store-bulk.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-bulk-edit.h"
#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmBulkSkip:
 * @id: the customer
 * @name: the name it is shown by
 * @reason: why it kept its values, translated
 *
 * A customer a bulk edit left as it was.
 */
typedef struct
{
  gint64  id;
  char   *name;
  char   *reason;
} CrmBulkSkip;

/**
 * CrmBulkProgressFunc:
 * @done: how many customers the job has gone through
 * @total: how many it was given
 * @user_data: the data given with the job
 *
 * Reports a bulk job's progress on the main context, at most about ten
 * times a second.
 */
typedef void (*CrmBulkProgressFunc) (guint    done,
                                     guint    total,
                                     gpointer user_data);

typedef struct _CrmBulkResult CrmBulkResult;

#define CRM_TYPE_BULK_RESULT (crm_bulk_result_get_type ())

GType          crm_bulk_result_get_type        (void) G_GNUC_CONST;
CrmBulkResult *crm_bulk_result_ref             (CrmBulkResult        *self);
void           crm_bulk_result_unref           (CrmBulkResult        *self);
gint64         crm_bulk_result_get_undo_group  (CrmBulkResult        *self);
guint          crm_bulk_result_get_n_changed   (CrmBulkResult        *self);
guint          crm_bulk_result_get_n_unchanged (CrmBulkResult        *self);
guint          crm_bulk_result_get_n_skipped   (CrmBulkResult        *self);
GPtrArray     *crm_bulk_result_get_skipped     (CrmBulkResult        *self);

void           crm_store_bulk_edit_async       (CrmStore             *store,
                                                GArray               *ids,
                                                CrmBulkEdit          *edit,
                                                GCancellable         *cancellable,
                                                CrmBulkProgressFunc   progress,
                                                GAsyncReadyCallback   callback,
                                                gpointer              user_data);
CrmBulkResult *crm_store_bulk_edit_finish      (CrmStore             *store,
                                                GAsyncResult         *result,
                                                GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBulkResult, crm_bulk_result_unref)

G_END_DECLS
