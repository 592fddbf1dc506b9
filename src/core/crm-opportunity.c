/* crm-opportunity.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-opportunity"

#include "config.h"

#include "crm-record-private.h"
#include "crm-opportunity.h"

/**
 * CrmOpportunity:
 *
 * A possible deal with a customer, placed on a pipeline's board. Its
 * properties are the columns of the `opportunities` table; see
 * #CrmRecord.
 */

struct _CrmOpportunity
{
  CrmRecord   parent_instance;

  gint64      customer_id;
  char       *uuid;
  char       *name;
  char       *owner;
  char       *pipeline;
  char       *stage;
  gint64      board_position;
  gint64      amount_minor;
  char       *currency;
  GDate      *close_on;
  char       *type;
  char       *forecast_category;
  gint64      win_likelihood;
  JsonObject *custom;
  GDateTime  *stage_entered_at;
  GDate      *closed_on;
  char       *lost_reason;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmOpportunity, crm_opportunity, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmOpportunity, customer_id, INT64),
  CRM_FIELD (CrmOpportunity, uuid, STRING),
  CRM_FIELD_TEXT (CrmOpportunity, name, ""),
  CRM_FIELD (CrmOpportunity, owner, STRING),
  CRM_FIELD (CrmOpportunity, pipeline, STRING),
  CRM_FIELD (CrmOpportunity, stage, STRING),
  CRM_FIELD (CrmOpportunity, board_position, INT64),
  CRM_FIELD (CrmOpportunity, amount_minor, INT64),
  CRM_FIELD (CrmOpportunity, currency, STRING),
  CRM_FIELD (CrmOpportunity, close_on, DATE),
  CRM_FIELD_TEXT (CrmOpportunity, type, "recurring"),
  CRM_FIELD (CrmOpportunity, forecast_category, STRING),
  CRM_FIELD_INT (CrmOpportunity, win_likelihood, -1),
  CRM_FIELD (CrmOpportunity, custom, JSON),
  CRM_FIELD (CrmOpportunity, stage_entered_at, DATETIME),
  CRM_FIELD (CrmOpportunity, closed_on, DATE),
  CRM_FIELD (CrmOpportunity, lost_reason, STRING),
  CRM_FIELD (CrmOpportunity, created_at, DATETIME),
  CRM_FIELD (CrmOpportunity, updated_at, DATETIME),
};

static void
crm_opportunity_class_init (CrmOpportunityClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_opportunity_init (CrmOpportunity *self)
{
}

/**
 * crm_opportunity_get_customer_id:
 * @self: a #CrmOpportunity
 *
 * Gets the id of the customer the record belongs to.
 *
 * Returns: the customer id
 */
gint64
crm_opportunity_get_customer_id (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);

  return self->customer_id;
}

/**
 * crm_opportunity_get_uuid:
 * @self: a #CrmOpportunity
 *
 * Gets the server's id.
 *
 * Returns: (nullable): the uuid, or %NULL until the record is synced
 */
const char *
crm_opportunity_get_uuid (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->uuid;
}

/**
 * crm_opportunity_get_name:
 * @self: a #CrmOpportunity
 *
 * Gets the name of the opportunity.
 *
 * Returns: the name, possibly empty
 */
const char *
crm_opportunity_get_name (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->name;
}

/**
 * crm_opportunity_get_owner:
 * @self: a #CrmOpportunity
 *
 * Gets the email of the user who owns the opportunity.
 *
 * Returns: (nullable): the owner, or %NULL
 */
const char *
crm_opportunity_get_owner (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->owner;
}

/**
 * crm_opportunity_get_pipeline:
 * @self: a #CrmOpportunity
 *
 * Gets the name of the pipeline.
 *
 * Returns: the pipeline
 */
const char *
crm_opportunity_get_pipeline (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->pipeline;
}

/**
 * crm_opportunity_get_stage:
 * @self: a #CrmOpportunity
 *
 * Gets the name of the stage.
 *
 * Returns: the stage
 */
const char *
crm_opportunity_get_stage (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->stage;
}

/**
 * crm_opportunity_get_board_position:
 * @self: a #CrmOpportunity
 *
 * Gets the place of the card in its column of the board.
 *
 * Returns: the position
 */
gint64
crm_opportunity_get_board_position (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);

  return self->board_position;
}

/**
 * crm_opportunity_get_amount_minor:
 * @self: a #CrmOpportunity
 *
 * Gets the amount in the minor unit of the currency.
 *
 * Returns: the amount
 */
gint64
crm_opportunity_get_amount_minor (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);

  return self->amount_minor;
}

/**
 * crm_opportunity_get_currency:
 * @self: a #CrmOpportunity
 *
 * Gets the ISO 4217 code of the currency.
 *
 * Returns: the code
 */
const char *
crm_opportunity_get_currency (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->currency;
}

/**
 * crm_opportunity_get_close_on:
 * @self: a #CrmOpportunity
 *
 * Gets the day the deal is expected to close.
 *
 * Returns: (transfer none) (nullable): the date, or %NULL
 */
const GDate *
crm_opportunity_get_close_on (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->close_on;
}

/**
 * crm_opportunity_get_opportunity_type:
 * @self: a #CrmOpportunity
 *
 * Gets the kind of deal: "recurring" or "one-time".
 *
 * Returns: the type
 */
const char *
crm_opportunity_get_opportunity_type (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->type;
}

/**
 * crm_opportunity_get_forecast_category:
 * @self: a #CrmOpportunity
 *
 * Gets the forecast category, such as "committed".
 *
 * Returns: (nullable): the category, or %NULL to use the stage's
 */
const char *
crm_opportunity_get_forecast_category (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->forecast_category;
}

/**
 * crm_opportunity_get_win_likelihood:
 * @self: a #CrmOpportunity
 *
 * Gets the win likelihood, in percent.
 *
 * Returns: the likelihood, or -1 to use the stage's
 */
gint64
crm_opportunity_get_win_likelihood (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), 0);

  return self->win_likelihood;
}

/**
 * crm_opportunity_get_custom:
 * @self: a #CrmOpportunity
 *
 * Gets the custom fields.
 *
 * Returns: (transfer none): the custom fields
 */
JsonObject *
crm_opportunity_get_custom (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->custom;
}

/**
 * crm_opportunity_get_stage_entered_at:
 * @self: a #CrmOpportunity
 *
 * Gets when the opportunity entered its stage.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 */
GDateTime *
crm_opportunity_get_stage_entered_at (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->stage_entered_at;
}

/**
 * crm_opportunity_get_closed_on:
 * @self: a #CrmOpportunity
 *
 * Gets the day the deal was won or lost.
 *
 * Returns: (transfer none) (nullable): the date, or %NULL while open
 */
const GDate *
crm_opportunity_get_closed_on (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->closed_on;
}

/**
 * crm_opportunity_get_lost_reason:
 * @self: a #CrmOpportunity
 *
 * Gets why the deal was lost.
 *
 * Returns: (nullable): the reason, or %NULL
 */
const char *
crm_opportunity_get_lost_reason (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->lost_reason;
}

/**
 * crm_opportunity_get_created_at:
 * @self: a #CrmOpportunity
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_opportunity_get_created_at (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->created_at;
}

/**
 * crm_opportunity_get_updated_at:
 * @self: a #CrmOpportunity
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_opportunity_get_updated_at (CrmOpportunity *self)
{
  g_return_val_if_fail (CRM_IS_OPPORTUNITY (self), NULL);

  return self->updated_at;
}
