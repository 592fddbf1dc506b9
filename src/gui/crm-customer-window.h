/* crm-customer-window.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_WINDOW (crm_customer_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerWindow, crm_customer_window, CRM, CUSTOMER_WINDOW, AdwWindow)

GtkWidget *crm_customer_window_new      (GtkApplication    *application,
                                         CrmStore          *store,
                                         gint64             customer_id);
GtkWidget *crm_customer_window_get_page (CrmCustomerWindow *self);

G_END_DECLS
