/* crm-pipeline.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-pipeline"

#include "config.h"

#include "crm-record-private.h"
#include "crm-pipeline.h"

/**
 * CrmPipeline:
 *
 * A sales pipeline: an ordered set of stages. Its properties are the
 * columns of the `pipelines` table; see #CrmRecord.
 */

struct _CrmPipeline
{
  CrmRecord   parent_instance;

  char       *name;
  gint64      position;
};

G_DEFINE_FINAL_TYPE (CrmPipeline, crm_pipeline, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmPipeline, name, STRING),
  CRM_FIELD (CrmPipeline, position, INT64),
};

static void
crm_pipeline_class_init (CrmPipelineClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_pipeline_init (CrmPipeline *self)
{
}

/**
 * crm_pipeline_get_name:
 * @self: a #CrmPipeline
 *
 * Gets the name of the pipeline, as the API names it.
 *
 * Returns: the name
 */
const char *
crm_pipeline_get_name (CrmPipeline *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE (self), NULL);

  return self->name;
}

/**
 * crm_pipeline_get_position:
 * @self: a #CrmPipeline
 *
 * Gets the place of the pipeline among the others.
 *
 * Returns: the position
 */
gint64
crm_pipeline_get_position (CrmPipeline *self)
{
  g_return_val_if_fail (CRM_IS_PIPELINE (self), 0);

  return self->position;
}
