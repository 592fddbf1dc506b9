/* crm-text-cell.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_TEXT_CELL (crm_text_cell_get_type ())

G_DECLARE_FINAL_TYPE (CrmTextCell, crm_text_cell, CRM, TEXT_CELL, GtkWidget)

GtkWidget  *crm_text_cell_new           (PangoContext *context);
const char *crm_text_cell_get_text      (CrmTextCell  *self);
void        crm_text_cell_set_text      (CrmTextCell  *self,
                                         const char   *text);
void        crm_text_cell_set_nat_chars (CrmTextCell  *self,
                                         guint         nat_chars);
void        crm_text_cell_set_numeric   (CrmTextCell  *self,
                                         gboolean      numeric);

G_END_DECLS
