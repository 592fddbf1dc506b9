/* crm-board-totals.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_TYPE_BOARD_TOTALS (crm_board_totals_get_type ())

typedef struct _CrmBoardTotals CrmBoardTotals;

GType           crm_board_totals_get_type         (void) G_GNUC_CONST;

CrmBoardTotals *crm_board_totals_new              (void);
CrmBoardTotals *crm_board_totals_ref              (CrmBoardTotals *self);
void            crm_board_totals_unref            (CrmBoardTotals *self);

void            crm_board_totals_add              (CrmBoardTotals *self,
                                                   const char     *currency,
                                                   gint64          amount_minor,
                                                   int             likelihood);
void            crm_board_totals_add_sums         (CrmBoardTotals *self,
                                                   const char     *currency,
                                                   guint           count,
                                                   gint64          sum_minor,
                                                   gint64          weighted_minor);

guint           crm_board_totals_get_count        (CrmBoardTotals *self);
guint           crm_board_totals_get_n_currencies (CrmBoardTotals *self);
const char     *crm_board_totals_get_currency     (CrmBoardTotals *self,
                                                   guint           index,
                                                   gint64         *sum_minor,
                                                   gint64         *weighted_minor);
gboolean        crm_board_totals_equal            (CrmBoardTotals *a,
                                                   CrmBoardTotals *b);

char           *crm_board_totals_format_sums      (CrmBoardTotals *self);
char           *crm_board_totals_format_weighted  (CrmBoardTotals *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBoardTotals, crm_board_totals_unref)

G_END_DECLS
