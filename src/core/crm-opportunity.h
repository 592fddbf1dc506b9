/* crm-opportunity.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY (crm_opportunity_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunity, crm_opportunity, CRM, OPPORTUNITY, CrmRecord)

gint64       crm_opportunity_get_customer_id       (CrmOpportunity *self);
const char  *crm_opportunity_get_uuid              (CrmOpportunity *self);
const char  *crm_opportunity_get_name              (CrmOpportunity *self);
const char  *crm_opportunity_get_owner             (CrmOpportunity *self);
const char  *crm_opportunity_get_pipeline          (CrmOpportunity *self);
const char  *crm_opportunity_get_stage             (CrmOpportunity *self);
gint64       crm_opportunity_get_board_position    (CrmOpportunity *self);
gint64       crm_opportunity_get_amount_minor      (CrmOpportunity *self);
const char  *crm_opportunity_get_currency          (CrmOpportunity *self);
const GDate *crm_opportunity_get_close_on          (CrmOpportunity *self);
const char  *crm_opportunity_get_opportunity_type  (CrmOpportunity *self);
const char  *crm_opportunity_get_forecast_category (CrmOpportunity *self);
gint64       crm_opportunity_get_win_likelihood    (CrmOpportunity *self);
JsonObject  *crm_opportunity_get_custom            (CrmOpportunity *self);
GDateTime   *crm_opportunity_get_stage_entered_at  (CrmOpportunity *self);
const GDate *crm_opportunity_get_closed_on         (CrmOpportunity *self);
const char  *crm_opportunity_get_lost_reason       (CrmOpportunity *self);
GDateTime   *crm_opportunity_get_created_at        (CrmOpportunity *self);
GDateTime   *crm_opportunity_get_updated_at        (CrmOpportunity *self);

G_END_DECLS
