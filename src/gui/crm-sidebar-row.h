/* crm-sidebar-row.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-filter.h"

G_BEGIN_DECLS

#define CRM_TYPE_SIDEBAR_ROW (crm_sidebar_row_get_type ())

G_DECLARE_FINAL_TYPE (CrmSidebarRow, crm_sidebar_row, CRM, SIDEBAR_ROW, GtkListBoxRow)

GtkWidget  *crm_sidebar_row_new         (const char    *list_id,
                                         const char    *title,
                                         const char    *icon_name,
                                         CrmFilter     *filter);
const char *crm_sidebar_row_get_list_id (CrmSidebarRow *self);
const char *crm_sidebar_row_get_title   (CrmSidebarRow *self);
CrmFilter  *crm_sidebar_row_get_filter  (CrmSidebarRow *self);
guint       crm_sidebar_row_get_count   (CrmSidebarRow *self);
void        crm_sidebar_row_set_count   (CrmSidebarRow *self,
                                         guint          count);

G_END_DECLS
