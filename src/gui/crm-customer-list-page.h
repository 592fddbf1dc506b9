/* crm-customer-list-page.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-filter.h"
#include "crm-filter-bar.h"
#include "crm-query-model.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_LIST_PAGE (crm_customer_list_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerListPage, crm_customer_list_page,
                      CRM, CUSTOMER_LIST_PAGE, GtkWidget)

GtkWidget     *crm_customer_list_page_new             (CrmStore            *store);
void           crm_customer_list_page_set_list        (CrmCustomerListPage *self,
                                                       const char          *title,
                                                       CrmFilter           *filter);
void           crm_customer_list_page_set_list_full   (CrmCustomerListPage *self,
                                                       const char          *list_id,
                                                       const char          *title,
                                                       CrmFilter           *filter);
const char    *crm_customer_list_page_get_list_id     (CrmCustomerListPage *self);
const char    *crm_customer_list_page_get_title       (CrmCustomerListPage *self);
CrmFilterBar  *crm_customer_list_page_get_filter_bar  (CrmCustomerListPage *self);
void           crm_customer_list_page_fit_height    (CrmCustomerListPage *self,
                                                     int                  height);
CrmQueryModel *crm_customer_list_page_get_model       (CrmCustomerListPage *self);
GtkColumnView *crm_customer_list_page_get_column_view (CrmCustomerListPage *self);
void           crm_customer_list_page_focus_search    (CrmCustomerListPage *self);
gboolean       crm_customer_list_page_get_folded      (CrmCustomerListPage *self);
void           crm_customer_list_page_set_folded      (CrmCustomerListPage *self,
                                                       gboolean             folded);

/* What the page shows, decided without widgets (tested without a display). */
char          *crm_customer_list_page_format_activity (GDateTime           *when,
                                                       GDateTime           *now);
const char    *crm_customer_list_page_describe_empty  (CrmFilter           *filter);

G_END_DECLS
