/* crm-store-pipelines.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/* Defaults: an empty profile gets "New Business" and "Renewals" the first
 * time a view needs pipelines (see crm-store-pipelines.c). */
gboolean   crm_store_ensure_default_pipelines        (CrmStore             *self,
                                                      GError              **error);
void       crm_store_ensure_default_pipelines_async  (CrmStore             *self,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
gboolean   crm_store_ensure_default_pipelines_finish (CrmStore             *self,
                                                      GAsyncResult         *result,
                                                      GError              **error);
gboolean   crm_store_txn_ensure_default_pipelines    (CrmStoreTxn          *txn,
                                                      gboolean             *created,
                                                      GError              **error);

/* Reads: main thread. */
GPtrArray *crm_store_list_pipelines                  (CrmStore             *self);
GPtrArray *crm_store_list_stages                     (CrmStore             *self,
                                                      gint64                pipeline_id);
CrmStage  *crm_store_find_stage                      (CrmStore             *self,
                                                      const char           *pipeline,
                                                      const char           *stage);
char     **crm_store_dup_pipeline_names              (CrmStore             *self);
char     **crm_store_dup_stage_names                 (CrmStore             *self,
                                                      const char           *pipeline);
char     **crm_store_dup_unconfigured_stage_names    (CrmStore             *self,
                                                      const char           *pipeline);
guint      crm_store_count_in_stage                  (CrmStore             *self,
                                                      const char           *pipeline,
                                                      const char           *stage);
char     **crm_store_dup_known_owners                (CrmStore             *self);
char     **crm_store_dup_known_currencies            (CrmStore             *self);

/* Mutations: each is one undo group; finish with crm_store_mutation_finish(). */
void       crm_store_add_pipeline_async              (CrmStore             *self,
                                                      const char           *name,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void       crm_store_rename_pipeline_async           (CrmStore             *self,
                                                      gint64                pipeline_id,
                                                      const char           *name,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void       crm_store_remove_pipeline_async           (CrmStore             *self,
                                                      gint64                pipeline_id,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void       crm_store_add_stage_async                 (CrmStore             *self,
                                                      gint64                pipeline_id,
                                                      const char           *name,
                                                      int                   win_likelihood,
                                                      const char           *forecast_category,
                                                      int                   stale_days,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void       crm_store_update_stage_async              (CrmStore             *self,
                                                      gint64                stage_id,
                                                      GVariant             *fields,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void       crm_store_move_stage_async                (CrmStore             *self,
                                                      gint64                stage_id,
                                                      guint                 index,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);
void       crm_store_remove_stage_async              (CrmStore             *self,
                                                      gint64                stage_id,
                                                      const char           *move_to,
                                                      GCancellable         *cancellable,
                                                      GAsyncReadyCallback   callback,
                                                      gpointer              user_data);

/* The same changes inside a transaction: writer thread only. */
gint64     crm_store_txn_add_stage                   (CrmStoreTxn          *txn,
                                                      gint64                pipeline_id,
                                                      const char           *name,
                                                      int                   win_likelihood,
                                                      const char           *forecast_category,
                                                      int                   stale_days,
                                                      GError              **error);
gboolean   crm_store_txn_update_stage                (CrmStoreTxn          *txn,
                                                      gint64                stage_id,
                                                      GVariant             *fields,
                                                      GError              **error);
gboolean   crm_store_txn_move_stage                  (CrmStoreTxn          *txn,
                                                      gint64                stage_id,
                                                      guint                 index,
                                                      GError              **error);
gboolean   crm_store_txn_remove_stage                (CrmStoreTxn          *txn,
                                                      gint64                stage_id,
                                                      const char           *move_to,
                                                      GError              **error);

const char * const *crm_forecast_categories         (void);
const char *crm_forecast_category_get_label          (const char           *category);

G_END_DECLS
