/* crm-customer-list-page-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-customer-list-page.h"
#include "crm-filter-bar.h"
#include "crm-id-selection.h"
#include "crm-reveal-model.h"
#include "crm-selection-bar.h"

G_BEGIN_DECLS

typedef enum
{
  COLUMN_NAME,
  COLUMN_COMPANY,
  COLUMN_STATUS,
  COLUMN_OWNER,
  COLUMN_COUNTRY,
  COLUMN_LAST_ACTIVITY,
  N_COLUMNS
} Column;

struct _CrmCustomerListPage
{
  GtkWidget parent_instance;

  /* Template widgets */
  AdwHeaderBar *header_bar;
  AdwWindowTitle *window_title;
  GtkSearchEntry *search_entry;
  GtkStack *stack;
  GtkColumnView *column_view;
  AdwStatusPage *empty_page;
  AdwStatusPage *no_results_page;
  CrmSelectionBar *selection_bar;

  GtkButton *mark_all_button;

  /* Owned */
  CrmStore *store;
  CrmQueryModel *model;
  CrmRevealModel *first_rows;     /* the view's: the selection, cut at first */
  CrmIdSelection *selection;
  GtkColumnViewColumn *columns[N_COLUMNS];
  char *title;
  char *me_email;
  char *me_name;
  char *list_id;

  /* Not from the template: the filter bar under the header bar (lists),
   * and the rows' context menu */
  CrmFilterBar *filter_bar;
  GtkWidget *row_menu;

  /* State */
  gboolean folded;
  gboolean rows_listed;     /* the model has run its first query */
  GdkFrameClock *layout_clock;  /* owned, while layout_handler waits */
  gulong layout_handler;
};

/* crm-customer-list-page.c */
gboolean _crm_customer_list_page_is_stale_list (CrmCustomerListPage *self);

/* crm-customer-list-stale.c */
void _crm_customer_list_page_setup_row_menu              (CrmCustomerListPage *self);
void _crm_customer_list_page_class_install_stale_actions (GtkWidgetClass      *widget_class);

G_END_DECLS
