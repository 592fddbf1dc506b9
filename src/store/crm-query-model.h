/* crm-query-model.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_QUERY_MODEL (crm_query_model_get_type ())

G_DECLARE_FINAL_TYPE (CrmQueryModel, crm_query_model, CRM, QUERY_MODEL, GObject)

CrmQueryModel *crm_query_model_new           (CrmStore      *store,
                                              CrmEntityKind  kind);
CrmQueryModel *crm_query_model_new_frozen    (CrmStore      *store,
                                              CrmEntityKind  kind);
void           crm_query_model_freeze        (CrmQueryModel *self);
void           crm_query_model_thaw          (CrmQueryModel *self);
gboolean       crm_query_model_get_frozen    (CrmQueryModel *self);
CrmStore      *crm_query_model_get_store     (CrmQueryModel *self);
CrmEntityKind  crm_query_model_get_kind      (CrmQueryModel *self);
void           crm_query_model_set_filter    (CrmQueryModel *self,
                                              CrmFilter     *filter);
CrmFilter     *crm_query_model_get_filter    (CrmQueryModel *self);
void           crm_query_model_set_search    (CrmQueryModel *self,
                                              const char    *search);
const char    *crm_query_model_get_search    (CrmQueryModel *self);
void           crm_query_model_set_sort      (CrmQueryModel *self,
                                              const char    *sort_key,
                                              gboolean       descending);
gint64         crm_query_model_get_id        (CrmQueryModel *self,
                                              guint          position);
guint          crm_query_model_find          (CrmQueryModel *self,
                                              gint64         id);
void           crm_query_model_refresh       (CrmQueryModel *self);

G_END_DECLS
