/* crm-board-page.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-board-column.h"
#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmBoardMove:
 * @CRM_BOARD_MOVE_PREVIOUS_STAGE: to the top of the stage before
 * @CRM_BOARD_MOVE_NEXT_STAGE: to the top of the stage after
 * @CRM_BOARD_MOVE_UP: one place up in its column
 * @CRM_BOARD_MOVE_DOWN: one place down in its column
 *
 * The moves the keyboard makes.
 */
typedef enum
{
  CRM_BOARD_MOVE_PREVIOUS_STAGE,
  CRM_BOARD_MOVE_NEXT_STAGE,
  CRM_BOARD_MOVE_UP,
  CRM_BOARD_MOVE_DOWN,
} CrmBoardMove;

/**
 * CrmBoardClosing:
 * @CRM_BOARD_CLOSING_ANY: any close date, or none
 * @CRM_BOARD_CLOSING_OVERDUE: expected to close before today
 * @CRM_BOARD_CLOSING_THIS_MONTH: in this calendar month
 * @CRM_BOARD_CLOSING_THIS_QUARTER: in this calendar quarter
 * @CRM_BOARD_CLOSING_NEXT_QUARTER: in the next calendar quarter
 * @CRM_BOARD_CLOSING_THIS_YEAR: in this calendar year
 *
 * The close dates the board's filter offers.
 */
typedef enum
{
  CRM_BOARD_CLOSING_ANY,
  CRM_BOARD_CLOSING_OVERDUE,
  CRM_BOARD_CLOSING_THIS_MONTH,
  CRM_BOARD_CLOSING_THIS_QUARTER,
  CRM_BOARD_CLOSING_NEXT_QUARTER,
  CRM_BOARD_CLOSING_THIS_YEAR,
} CrmBoardClosing;

#define CRM_TYPE_BOARD_PAGE (crm_board_page_get_type ())

G_DECLARE_FINAL_TYPE (CrmBoardPage, crm_board_page, CRM, BOARD_PAGE, GtkWidget)

GtkWidget        *crm_board_page_new              (CrmStore        *store);
const char       *crm_board_page_get_pipeline     (CrmBoardPage    *self);
void              crm_board_page_set_refused      (CrmBoardPage    *self,
                                                   GHashTable      *refused);
void              crm_board_page_set_pipeline     (CrmBoardPage    *self,
                                                   const char      *pipeline);
const char * const *crm_board_page_get_stages     (CrmBoardPage    *self);
CrmBoardColumn   *crm_board_page_get_column       (CrmBoardPage    *self,
                                                   const char      *stage);
gboolean          crm_board_page_get_stage_hidden (CrmBoardPage    *self,
                                                   const char      *stage);
void              crm_board_page_set_stage_hidden (CrmBoardPage    *self,
                                                   const char      *stage,
                                                   gboolean         hidden);
void              crm_board_page_set_filters      (CrmBoardPage    *self,
                                                   const char      *owner,
                                                   CrmBoardClosing  closing,
                                                   gint64           min_amount);
CrmFilter        *crm_board_page_get_view_filter  (CrmBoardPage    *self);
void              crm_board_page_move_card        (CrmBoardPage    *self,
                                                   gint64           id,
                                                   const char      *stage,
                                                   guint            index);
AdwMessageDialog *crm_board_page_get_reason_dialog (CrmBoardPage   *self);
AdwToast         *crm_board_page_get_last_toast   (CrmBoardPage    *self);

/* Plain functions, tested without a display. */
gboolean          crm_board_plan_move             (const char * const *stages,
                                                   const char      *stage,
                                                   guint            index,
                                                   guint            n_cards,
                                                   CrmBoardMove     move,
                                                   const char     **target_stage,
                                                   guint           *target_index);
CrmFilter        *crm_board_view_filter_new       (const char      *owner,
                                                   CrmBoardClosing  closing,
                                                   const GDate     *today,
                                                   gint64           min_amount,
                                                   const char * const *currencies);

G_END_DECLS
