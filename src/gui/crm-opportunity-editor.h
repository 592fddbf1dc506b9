/* crm-opportunity-editor.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_AMOUNT_ERROR (crm_amount_error_quark ())

/**
 * CrmAmountError:
 * @CRM_AMOUNT_ERROR_SYNTAX: the text is not an amount
 * @CRM_AMOUNT_ERROR_PRECISION: more decimals than the currency has
 * @CRM_AMOUNT_ERROR_RANGE: negative, or too large to store
 */
typedef enum
{
  CRM_AMOUNT_ERROR_SYNTAX,
  CRM_AMOUNT_ERROR_PRECISION,
  CRM_AMOUNT_ERROR_RANGE,
} CrmAmountError;

#define CRM_TYPE_OPPORTUNITY_EDITOR (crm_opportunity_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunityEditor, crm_opportunity_editor,
                      CRM, OPPORTUNITY_EDITOR, AdwWindow)

GtkWidget *crm_opportunity_editor_new            (GtkWindow            *parent,
                                                  CrmStore             *store,
                                                  gint64                customer_id,
                                                  gint64                opportunity_id);
void       crm_opportunity_editor_set_stage      (CrmOpportunityEditor *self,
                                                  const char           *pipeline,
                                                  const char           *stage);
gint64     crm_opportunity_editor_get_customer_id (CrmOpportunityEditor *self);
void       crm_opportunity_editor_set_customer_id (CrmOpportunityEditor *self,
                                                   gint64                customer_id);
void       crm_opportunity_editor_save           (CrmOpportunityEditor *self);

/* Plain functions, tested without a display. */
GQuark     crm_amount_error_quark                (void);
gboolean   crm_opportunity_editor_parse_amount   (const char           *text,
                                                  const char           *currency,
                                                  const char           *decimal_point,
                                                  gint64               *minor,
                                                  GError              **error);
char      *crm_opportunity_editor_format_amount  (gint64                minor,
                                                  const char           *currency);

G_END_DECLS
