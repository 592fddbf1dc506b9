/* crm-reveal-model.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_REVEAL_MODEL (crm_reveal_model_get_type ())

G_DECLARE_FINAL_TYPE (CrmRevealModel, crm_reveal_model, CRM, REVEAL_MODEL, GObject)

CrmRevealModel *crm_reveal_model_new       (GtkSelectionModel *model);
guint           crm_reveal_model_get_limit (CrmRevealModel    *self);
void            crm_reveal_model_set_limit (CrmRevealModel    *self,
                                            guint              limit);
void            crm_reveal_model_reveal    (CrmRevealModel    *self,
                                            GtkWidget         *view);
void            crm_reveal_model_fit       (CrmRevealModel    *self,
                                            int                height);

G_END_DECLS
