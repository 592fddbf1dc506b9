/* crm-window.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-application.h"
#include "crm-customer-list-page.h"
#include "crm-store.h"
#include "crm-sync-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_WINDOW (crm_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmWindow, crm_window, CRM, WINDOW, AdwApplicationWindow)

CrmWindow           *crm_window_new            (CrmApplication *application,
                                                CrmStore       *store);
CrmStore            *crm_window_get_store      (CrmWindow      *self);
void                 crm_window_open_customer  (CrmWindow      *self,
                                                gint64          customer_id);
CrmCustomerListPage *crm_window_get_list_page  (CrmWindow      *self);
gboolean             crm_window_select_list    (CrmWindow      *self,
                                                const char     *list_id);
void                 crm_window_add_toast      (CrmWindow      *self,
                                                AdwToast       *toast);
GtkWidget           *crm_window_show_pipeline  (CrmWindow      *self);
GtkWidget           *crm_window_show_opportunities (CrmWindow  *self);
CrmSyncSession      *crm_window_get_sync_session (CrmWindow    *self);

G_END_DECLS
