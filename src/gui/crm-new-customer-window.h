/* crm-new-customer-window.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-customer-editor.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_NEW_CUSTOMER_WINDOW (crm_new_customer_window_get_type ())

G_DECLARE_FINAL_TYPE (CrmNewCustomerWindow, crm_new_customer_window, CRM, NEW_CUSTOMER_WINDOW,
                      AdwWindow)

GtkWidget         *crm_new_customer_window_new        (GtkWindow            *parent,
                                                       CrmStore             *store);
CrmCustomerEditor *crm_new_customer_window_get_editor (CrmNewCustomerWindow *self);
void               crm_new_customer_window_create     (CrmNewCustomerWindow *self);

G_END_DECLS
