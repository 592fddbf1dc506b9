/* crm-customer-page-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-core.h"
#include "crm-customer-editor.h"
#include "crm-query-model.h"
#include "crm-refused-banner.h"
#include "crm-timeline-view.h"

#include "crm-customer-page.h"

G_BEGIN_DECLS

struct _CrmCustomerPage
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwHeaderBar      *header_bar;
  GtkButton         *back_button;
  AdwWindowTitle    *window_title;
  GtkMenuButton     *status_button;
  GtkLabel          *owner_label;
  GtkMenuButton     *menu_button;
  CrmRefusedBanner  *refused_banner;
  GtkStack          *stack;
  GtkPaned          *paned;
  AdwStatusPage     *missing_page;
  AdwEntryRow       *note_row;
  CrmTimelineView   *timeline;
  GtkListBox        *details_list;
  GtkListBox        *contacts_list;
  GtkListBox        *opportunities_list;
  AdwPreferencesGroup *subscriptions_group;
  GtkListBox        *subscriptions_list;
  GtkListBox        *tasks_list;
  GtkStack          *details_stack;
  GtkButton         *edit_button;
  GtkButton         *save_edit_button;
  GtkLabel          *edit_message;
  CrmCustomerEditor *editor;

  /* Owned */
  CrmStore          *store;
  CrmCustomer       *customer;       /* NULL while it does not exist */
  CrmQueryModel     *activities;
  CrmQueryModel     *contacts;
  CrmQueryModel     *opportunities;
  CrmQueryModel     *subscriptions;
  CrmQueryModel     *tasks;
  GtkSortListModel  *sorted_tasks;
  GCancellable      *cancellable;
  char              *title;

  /* State */
  gint64             customer_id;
  gboolean           show_back_button;
  gboolean           editing;
  gboolean           saving;
};

/* crm-customer-page-actions.c */
void        _crm_customer_page_class_init_actions (GtkWidgetClass  *widget_class);
void        _crm_customer_page_update_actions     (CrmCustomerPage *self);
gboolean    _crm_customer_page_can_set_status     (CrmCustomerPage *self);
gboolean    _crm_customer_page_is_synced          (CrmCustomerPage *self);
void        _crm_customer_page_open_uri           (CrmCustomerPage *self,
                                                   const char      *uri);
void        _crm_customer_page_show_toast         (CrmCustomerPage *self,
                                                   AdwToast        *toast);
void        _crm_customer_page_show_error         (CrmCustomerPage *self,
                                                   const char      *what,
                                                   const GError    *error);
void        _crm_customer_page_show_undo_toast    (CrmCustomerPage *self,
                                                   const char      *title,
                                                   gint64           undo_group);

/* crm-customer-page-edit.c */
void        _crm_customer_page_class_init_edit    (GtkWidgetClass  *widget_class);
void        _crm_customer_page_update_edit_actions (CrmCustomerPage *self);
void        _crm_customer_page_start_editing      (CrmCustomerPage *self);
void        _crm_customer_page_stop_editing       (CrmCustomerPage *self);

/* crm-customer-page-log.c */
void        _crm_customer_page_class_init_log     (GtkWidgetClass  *widget_class);
void        _crm_customer_page_update_log_actions (CrmCustomerPage *self);

/* crm-customer-rows.c */
GtkWidget  *_crm_customer_page_create_contact_row     (gpointer item,
                                                       gpointer user_data);
GtkWidget  *_crm_customer_page_create_opportunity_row (gpointer item,
                                                       gpointer user_data);
GtkWidget  *_crm_customer_page_create_task_row        (gpointer item,
                                                       gpointer user_data);
GtkWidget  *_crm_customer_page_create_subscription_row (gpointer item,
                                                        gpointer user_data);
void        _crm_customer_page_fill_details           (CrmCustomerPage *self);

G_END_DECLS
