/* crm-customer-page.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_PAGE (crm_customer_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerPage, crm_customer_page, CRM, CUSTOMER_PAGE, GtkWidget)

GtkWidget  *crm_customer_page_new                  (CrmStore        *store,
                                                    gint64           customer_id);
CrmStore   *crm_customer_page_get_store            (CrmCustomerPage *self);
gint64      crm_customer_page_get_customer_id      (CrmCustomerPage *self);
const char *crm_customer_page_get_title            (CrmCustomerPage *self);
gboolean    crm_customer_page_get_show_back_button (CrmCustomerPage *self);
void        crm_customer_page_set_show_back_button (CrmCustomerPage *self,
                                                    gboolean         show_back_button);

G_END_DECLS
