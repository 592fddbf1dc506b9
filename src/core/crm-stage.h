/* crm-stage.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_STAGE (crm_stage_get_type ())

G_DECLARE_FINAL_TYPE (CrmStage, crm_stage, CRM, STAGE, CrmRecord)

gint64      crm_stage_get_pipeline_id       (CrmStage *self);
const char *crm_stage_get_name              (CrmStage *self);
gint64      crm_stage_get_position          (CrmStage *self);
gint64      crm_stage_get_win_likelihood    (CrmStage *self);
const char *crm_stage_get_forecast_category (CrmStage *self);
gint64      crm_stage_get_stale_days        (CrmStage *self);

G_END_DECLS
