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
void        crm_sidebar_row_set_title   (CrmSidebarRow *self,
                                         const char    *title);
CrmFilter  *crm_sidebar_row_get_filter  (CrmSidebarRow *self);
void        crm_sidebar_row_set_filter  (CrmSidebarRow *self,
                                         CrmFilter     *filter);
guint       crm_sidebar_row_get_count   (CrmSidebarRow *self);
gboolean    crm_sidebar_row_get_has_count (CrmSidebarRow *self);
void        crm_sidebar_row_clear_count (CrmSidebarRow *self);
void        crm_sidebar_row_set_count   (CrmSidebarRow *self,
                                         guint          count);
GMenuModel *crm_sidebar_row_get_menu_model (CrmSidebarRow *self);
void        crm_sidebar_row_set_menu_model (CrmSidebarRow *self,
                                            GMenuModel    *menu_model);
gboolean    crm_sidebar_row_popup_menu  (CrmSidebarRow *self);

G_END_DECLS
