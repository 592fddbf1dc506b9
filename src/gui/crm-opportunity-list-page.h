/* crm-opportunity-list-page.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-filter.h"
#include "crm-query-model.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY_LIST_PAGE (crm_opportunity_list_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunityListPage, crm_opportunity_list_page,
                      CRM, OPPORTUNITY_LIST_PAGE, GtkWidget)

GtkWidget     *crm_opportunity_list_page_new             (CrmStore               *store);
CrmQueryModel *crm_opportunity_list_page_get_model       (CrmOpportunityListPage *self);
GtkColumnView *crm_opportunity_list_page_get_column_view (CrmOpportunityListPage *self);
GtkWidget     *crm_opportunity_list_page_get_filter_bar  (CrmOpportunityListPage *self);
void           crm_opportunity_list_page_set_filter      (CrmOpportunityListPage *self,
                                                          CrmFilter              *filter);
CrmFilter     *crm_opportunity_list_page_get_filter      (CrmOpportunityListPage *self);
void           crm_opportunity_list_page_move            (CrmOpportunityListPage *self,
                                                          gint64                  id,
                                                          const char             *stage);
GMenuModel    *crm_opportunity_list_page_create_row_menu (CrmOpportunityListPage *self,
                                                          gint64                  id);
gboolean       crm_opportunity_list_page_get_folded      (CrmOpportunityListPage *self);
void           crm_opportunity_list_page_set_folded      (CrmOpportunityListPage *self,
                                                          gboolean                folded);

/* What the page says, decided without widgets (tested without a display). */
char          *crm_opportunity_list_page_format_date     (const GDate            *date);
char          *crm_opportunity_list_page_describe_move   (const char             *name,
                                                          const char             *stage,
                                                          gboolean                hidden);

G_END_DECLS
