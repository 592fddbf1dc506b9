/* crm-stage.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-stage"

#include "config.h"

#include "crm-record-private.h"
#include "crm-stage.h"

/**
 * CrmStage:
 *
 * A stage of a pipeline, with its defaults. Its properties are the
 * columns of the `stages` table; see #CrmRecord.
 */

struct _CrmStage
{
  CrmRecord   parent_instance;

  gint64      pipeline_id;
  char       *name;
  gint64      position;
  gint64      win_likelihood;
  char       *forecast_category;
  gint64      stale_days;
};

G_DEFINE_FINAL_TYPE (CrmStage, crm_stage, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmStage, pipeline_id, INT64),
  CRM_FIELD (CrmStage, name, STRING),
  CRM_FIELD (CrmStage, position, INT64),
  CRM_FIELD (CrmStage, win_likelihood, INT64),
  CRM_FIELD_TEXT (CrmStage, forecast_category, "pipeline"),
  CRM_FIELD_INT (CrmStage, stale_days, -1),
};

static void
crm_stage_class_init (CrmStageClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_stage_init (CrmStage *self)
{
}

/**
 * crm_stage_get_pipeline_id:
 * @self: a #CrmStage
 *
 * Gets the id of the pipeline.
 *
 * Returns: the pipeline id
 */
gint64
crm_stage_get_pipeline_id (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);

  return self->pipeline_id;
}

/**
 * crm_stage_get_name:
 * @self: a #CrmStage
 *
 * Gets the name of the stage, as the API names it.
 *
 * Returns: the name
 */
const char *
crm_stage_get_name (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), NULL);

  return self->name;
}

/**
 * crm_stage_get_position:
 * @self: a #CrmStage
 *
 * Gets the place of the stage in its pipeline.
 *
 * Returns: the position
 */
gint64
crm_stage_get_position (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);

  return self->position;
}

/**
 * crm_stage_get_win_likelihood:
 * @self: a #CrmStage
 *
 * Gets the default win likelihood, in percent.
 *
 * Returns: the likelihood, 0 to 100
 */
gint64
crm_stage_get_win_likelihood (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);

  return self->win_likelihood;
}

/**
 * crm_stage_get_forecast_category:
 * @self: a #CrmStage
 *
 * Gets the default forecast category, such as "best_case".
 *
 * Returns: the category
 */
const char *
crm_stage_get_forecast_category (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), NULL);

  return self->forecast_category;
}

/**
 * crm_stage_get_stale_days:
 * @self: a #CrmStage
 *
 * Gets after how many days without a move an opportunity is stale.
 *
 * Returns: the number of days, or -1 if unset
 */
gint64
crm_stage_get_stale_days (CrmStage *self)
{
  g_return_val_if_fail (CRM_IS_STAGE (self), 0);

  return self->stale_days;
}
