/* crm-selection-bar.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-bulk-edit.h"
#include "crm-query-model.h"
#include "crm-store.h"
#include "crm-store-bulk.h"

G_BEGIN_DECLS

/* Above this many customers a bulk edit shows its progress and Cancel. */
#define CRM_SELECTION_BAR_PROGRESS_THRESHOLD 500

#define CRM_TYPE_SELECTION_BAR (crm_selection_bar_get_type ())

G_DECLARE_FINAL_TYPE (CrmSelectionBar, crm_selection_bar, CRM, SELECTION_BAR, GtkWidget)

GtkWidget          *crm_selection_bar_new                (void);
void                crm_selection_bar_set_model          (CrmSelectionBar   *self,
                                                          CrmStore          *store,
                                                          CrmQueryModel     *model,
                                                          GtkSelectionModel *selection);
guint               crm_selection_bar_get_n_selected     (CrmSelectionBar   *self);
gboolean            crm_selection_bar_get_running        (CrmSelectionBar   *self);
GArray             *crm_selection_bar_dup_selected_ids   (CrmSelectionBar   *self);
void                crm_selection_bar_apply              (CrmSelectionBar   *self,
                                                          CrmBulkEdit       *edit);
GtkEventController *crm_selection_bar_create_shortcuts   (CrmSelectionBar   *self);

/* What the bar says, decided without widgets (tested without a display). */
char               *crm_selection_bar_format_count       (guint              n_selected);
char               *crm_selection_bar_format_progress    (guint              done,
                                                          guint              total);
char               *crm_selection_bar_format_result      (CrmBulkResult     *result);
char               *crm_selection_bar_format_skip        (const CrmBulkSkip *skip);

G_END_DECLS
