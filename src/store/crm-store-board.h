/* crm-store-board.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-board-totals.h"
#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CRM_BOARD_INDEX_END:
 *
 * The index that puts a card at the end of its column.
 */
#define CRM_BOARD_INDEX_END G_MAXUINT

CrmFilter      *crm_board_column_filter_new        (const char           *pipeline,
                                                    const char           *stage,
                                                    CrmFilter            *view_filter);

/* Reads: main thread. */
CrmBoardTotals *crm_store_dup_stage_totals         (CrmStore             *self,
                                                    const char           *pipeline,
                                                    const char           *stage,
                                                    CrmFilter            *view_filter);
gboolean        crm_store_has_future_task          (CrmStore             *self,
                                                    gint64                customer_id);

/* Room for drops in old, densely numbered columns; no undo group. */
void            crm_store_spread_board_async       (CrmStore             *self,
                                                    const char           *pipeline,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);

/* A new opportunity as a person adds it: one transaction, one undo group. */
void            crm_store_add_opportunity_async    (CrmStore             *self,
                                                    GVariant             *fields,
                                                    const char           *lost_reason,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gint64          crm_store_add_opportunity_finish   (CrmStore             *self,
                                                    GAsyncResult         *result,
                                                    gint64               *undo_group,
                                                    GError              **error);
gint64          crm_store_txn_add_opportunity      (CrmStoreTxn          *txn,
                                                    GVariant             *fields,
                                                    const char           *lost_reason,
                                                    GError              **error);

/* The move: one transaction, one undo group. */
void            crm_store_move_opportunity_async   (CrmStore             *self,
                                                    gint64                id,
                                                    const char           *stage,
                                                    guint                 index,
                                                    const char           *lost_reason,
                                                    CrmFilter            *view_filter,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        crm_store_move_opportunity_finish  (CrmStore             *self,
                                                    GAsyncResult         *result,
                                                    gint64               *undo_group,
                                                    GError              **error);
gboolean        crm_store_txn_move_opportunity     (CrmStoreTxn          *txn,
                                                    gint64                id,
                                                    const char           *stage,
                                                    guint                 index,
                                                    const char           *lost_reason,
                                                    CrmFilter            *view_filter,
                                                    GError              **error);

G_END_DECLS
