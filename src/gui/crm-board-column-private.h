/* crm-board-column-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-board-column.h"
#include "crm-filter.h"
#include "crm-query-model.h"
#include "crm-stage.h"

G_BEGIN_DECLS

struct _CrmBoardColumn
{
  GtkWidget           parent_instance;

  /* Template widgets */
  GtkWidget          *expanded_box;
  GtkLabel           *name_label;
  GtkLabel           *count_label;
  GtkLabel           *note_label;
  GtkWidget          *totals_grid;
  GtkLabel           *sums_label;
  GtkLabel           *weighted_label;
  GtkStack           *body_stack;
  GtkListView        *list_view;
  GtkWidget          *collapsed_box;
  GtkButton          *expand_button;
  GtkLabel           *collapsed_count_label;
  GtkFixed           *collapsed_name_fixed;

  /* Owned */
  CrmStore           *store;
  char               *pipeline;
  char               *stage;
  CrmStage           *stage_config;
  CrmFilter          *view_filter;
  CrmFilter          *filter;
  CrmQueryModel      *model;
  GtkSingleSelection *selection;
  CrmBoardTotals     *totals;
  GHashTable         *customers;    /* gint64 * -> CustomerFacts */
  GHashTable         *bound_cards;  /* CrmOpportunityCard, borrowed */
  char               *sums_text;
  char               *weighted_text;
  GtkDropTarget      *drop_target;
  char               *me_email;
  char               *me_name;
  GStrv               stages;
  GHashTable         *refused;      /* gint64 * -> the server's message */

  /* Borrowed */
  GtkLabel           *collapsed_name_label;
  CrmOpportunityCard *marked_card;

  /* State */
  gboolean            collapsed;
  guint               totals_idle_id;
  guint               customers_idle_id;
  guint               focus_tick_id;
  guint               focus_tries;
  guint               scroll_tick_id;
  double              scroll_step;
  gint64              pending_focus_id;
};

/* crm-board-column.c */
GtkWidget *_crm_board_column_card_of_row          (CrmBoardColumn *self,
                                                   GtkWidget      *row);
void       _crm_board_column_queue_totals         (CrmBoardColumn *self);
void       _crm_board_column_update_count         (CrmBoardColumn *self);
void       _crm_board_column_emit_card_dropped    (CrmBoardColumn *self,
                                                   gint64          id,
                                                   guint           index);

/* crm-board-column-dnd.c */
void       _crm_board_column_set_up_drop_target   (CrmBoardColumn *self);
void       _crm_board_column_clear_mark           (CrmBoardColumn *self);
void       _crm_board_column_stop_scrolling       (CrmBoardColumn *self);

/* crm-board-column-list.c */
void       _crm_board_column_set_up_list          (CrmBoardColumn *self);
void       _crm_board_column_rebuild_model_filter (CrmBoardColumn *self);
void       _crm_board_column_customer_facts_free  (gpointer        data);

G_END_DECLS
