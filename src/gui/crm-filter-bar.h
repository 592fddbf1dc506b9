/* crm-filter-bar.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-filter.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_FILTER_BAR (crm_filter_bar_get_type ())

G_DECLARE_FINAL_TYPE (CrmFilterBar, crm_filter_bar, CRM, FILTER_BAR, GtkWidget)

GtkWidget     *crm_filter_bar_new              (CrmStore      *store,
                                                CrmEntityKind  kind);
CrmEntityKind  crm_filter_bar_get_kind         (CrmFilterBar  *self);
CrmFilter     *crm_filter_bar_get_filter       (CrmFilterBar  *self);
void           crm_filter_bar_set_filter       (CrmFilterBar  *self,
                                                CrmFilter     *filter);
gboolean       crm_filter_bar_get_modified     (CrmFilterBar  *self);
void           crm_filter_bar_reset            (CrmFilterBar  *self);
void           crm_filter_bar_popup_add        (CrmFilterBar  *self);
guint          crm_filter_bar_get_n_conditions (CrmFilterBar  *self);
void           crm_filter_bar_add_condition    (CrmFilterBar  *self,
                                                CrmFilter     *condition);
void           crm_filter_bar_remove_condition (CrmFilterBar  *self,
                                                guint          index);
gboolean       crm_filter_bar_get_text_mode    (CrmFilterBar  *self);
void           crm_filter_bar_set_text_mode    (CrmFilterBar  *self,
                                                gboolean       text_mode);
gboolean       crm_filter_bar_apply_text       (CrmFilterBar  *self);

CrmFilter     *crm_filter_bar_normalize        (CrmFilter     *filter);

G_END_DECLS
