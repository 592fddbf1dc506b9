/* crm-board-page-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-board-page.h"

G_BEGIN_DECLS

struct _CrmBoardPage
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkDropDown      *pipeline_dropdown;
  GtkStringList    *pipeline_list;
  GtkDropDown      *owner_dropdown;
  GtkStringList    *owner_list;
  GtkDropDown      *closing_dropdown;
  GtkDropDown      *amount_dropdown;
  GtkMenuButton    *stages_button;
  GtkBox           *stages_box;
  GtkWidget        *clear_button;
  GtkStack         *stack;
  GtkBox           *columns_box;

  /* Owned */
  CrmStore         *store;
  GCancellable     *cancellable;
  char             *pipeline;
  GStrv             stages;
  GPtrArray        *columns;        /* CrmBoardColumn, children of columns_box */
  GHashTable       *hidden;         /* "pipeline\nstage" */
  CrmFilter        *view_filter;
  char             *me_email;
  char             *me_name;
  GHashTable       *refused;        /* opportunity id -> the server's message */

  /* Borrowed (weak) */
  AdwMessageDialog *reason_dialog;
  AdwToast         *last_toast;

  /* State */
  gint64            last_undo_group;  /* of the latest move, until undone */
  gint64            last_moved_id;
  gboolean          folded;
  gboolean          filling;
  guint             rebuild_idle_id;
  guint             stage_names_idle_id;
  guint             owners_idle_id;
};

/* crm-board-page.c */
void _crm_board_page_emit_customer_activated (CrmBoardPage   *self,
                                              gint64          customer_id);

/* crm-board-page-actions.c */
void _crm_board_page_install_actions         (GtkWidgetClass *widget_class);
void _crm_board_page_start_move              (CrmBoardPage   *self,
                                              gint64          id,
                                              const char     *stage,
                                              guint           index,
                                              gboolean        focus);

G_END_DECLS
