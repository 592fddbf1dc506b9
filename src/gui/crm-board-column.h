/* crm-board-column.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-board-totals.h"
#include "crm-opportunity-card.h"
#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_COLUMN (crm_board_column_get_type ())

G_DECLARE_FINAL_TYPE (CrmBoardColumn, crm_board_column, CRM, BOARD_COLUMN, GtkWidget)

GtkWidget          *crm_board_column_new             (CrmStore           *store,
                                                      const char         *pipeline,
                                                      const char         *stage,
                                                      CrmFilter          *view_filter);
const char         *crm_board_column_get_stage       (CrmBoardColumn     *self);
gboolean            crm_board_column_is_configured   (CrmBoardColumn     *self);
void                crm_board_column_set_view_filter (CrmBoardColumn     *self,
                                                      CrmFilter          *view_filter);
CrmFilter          *crm_board_column_get_filter      (CrmBoardColumn     *self);
gboolean            crm_board_column_get_collapsed   (CrmBoardColumn     *self);
void                crm_board_column_set_collapsed   (CrmBoardColumn     *self,
                                                      gboolean            collapsed);
void                crm_board_column_set_context     (CrmBoardColumn     *self,
                                                      const char         *me_email,
                                                      const char         *me_name,
                                                      const char * const *stages);
void                crm_board_column_set_refused     (CrmBoardColumn     *self,
                                                      GHashTable         *refused);
CrmQueryModel      *crm_board_column_get_model       (CrmBoardColumn     *self);
CrmBoardTotals     *crm_board_column_get_totals      (CrmBoardColumn     *self);
void                crm_board_column_refresh_totals  (CrmBoardColumn     *self);
const char         *crm_board_column_get_sums_text   (CrmBoardColumn     *self);
const char         *crm_board_column_get_weighted_text (CrmBoardColumn   *self);
guint               crm_board_column_get_count       (CrmBoardColumn     *self);
GtkDropTarget      *crm_board_column_get_drop_target (CrmBoardColumn     *self);
GtkListView        *crm_board_column_get_list_view   (CrmBoardColumn     *self);
guint               crm_board_column_index_at        (CrmBoardColumn     *self,
                                                      double              y);
CrmOpportunityCard *crm_board_column_find_card       (CrmBoardColumn     *self,
                                                      gint64              id);
void                crm_board_column_focus_card      (CrmBoardColumn     *self,
                                                      gint64              id);
void                crm_board_column_focus_strip     (CrmBoardColumn     *self);

/* Plain functions, tested without a display. */
double              crm_board_column_scroll_step     (double              y,
                                                      double              height);

G_END_DECLS
