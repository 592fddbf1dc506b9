/* crm-window-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-customer-list-page.h"
#include "crm-query-model.h"
#include "crm-sidebar-counts.h"
#include "crm-sidebar-row.h"
#include "crm-sync-session.h"
#include "crm-window.h"

G_BEGIN_DECLS

struct _CrmWindow
{
  AdwApplicationWindow parent_instance;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  AdwLeaflet *leaflet;
  GtkWidget *sidebar;
  GtkListBox *sidebar_list;
  GtkStack *content_stack;
  GtkListBox *work_list;
  GtkListBoxRow *pipeline_row;
  GtkListBoxRow *opportunities_row;

  /* Owned */
  CrmStore *store;
  GSettings *settings;
  GCancellable *cancellable;
  CrmSyncSession *sync_session;   /* the profile's engine, while it has an account */

  /* Borrowed: children of content_stack */
  CrmCustomerListPage *list_page;
  GtkWidget *customer_page;
  GtkWidget *board_page;
  GtkWidget *opportunity_list_page;
  GtkWidget *main_page;     /* the list or the board, shown under a customer */

  /* Owned: the saved customer lists (CrmSavedList), in sidebar order */
  CrmQueryModel *saved_lists;

  /* Owned: the lists' counts, from the first frame on */
  CrmSidebarCounts *counts;

  /* State */
  gulong first_frame_handler;
  guint day_tick_id;
  char *today;              /* the local date the counts were made on */
  guint stale_days;
  gint64 pending_list_id;   /* a list just saved, to select once shown */
  guint refused_count;      /* of the failed changes the board marks */
};

/* crm-window.c */
CrmSidebarRow *_crm_window_find_sidebar_row           (CrmWindow      *self,
                                                       const char     *list_id);

/* crm-window-lists.c */
void           _crm_window_class_install_list_actions (GtkWidgetClass *widget_class);

G_END_DECLS
