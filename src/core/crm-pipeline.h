/* crm-pipeline.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_PIPELINE (crm_pipeline_get_type ())

G_DECLARE_FINAL_TYPE (CrmPipeline, crm_pipeline, CRM, PIPELINE, CrmRecord)

const char *crm_pipeline_get_name     (CrmPipeline *self);
gint64      crm_pipeline_get_position (CrmPipeline *self);

G_END_DECLS
