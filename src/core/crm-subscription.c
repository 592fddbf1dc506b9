/* crm-subscription.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-subscription"

#include "config.h"

#include "crm-record-private.h"
#include "crm-subscription.h"

/**
 * CrmSubscription:
 *
 * A subscription recorded by hand in local mode (no account): the plan,
 * its price and the days it runs. Its start makes the customer Active.
 * Its properties are the columns of the `subscriptions` table; see
 * #CrmRecord.
 */

struct _CrmSubscription
{
  CrmRecord   parent_instance;

  gint64      customer_id;
  char       *plan;
  gint64      amount_minor;
  char       *currency;
  GDate      *started_on;
  GDate      *ended_on;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmSubscription, crm_subscription, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmSubscription, customer_id, INT64),
  CRM_FIELD_TEXT (CrmSubscription, plan, ""),
  CRM_FIELD (CrmSubscription, amount_minor, INT64),
  CRM_FIELD (CrmSubscription, currency, STRING),
  CRM_FIELD (CrmSubscription, started_on, DATE),
  CRM_FIELD (CrmSubscription, ended_on, DATE),
  CRM_FIELD (CrmSubscription, created_at, DATETIME),
  CRM_FIELD (CrmSubscription, updated_at, DATETIME),
};

static void
crm_subscription_class_init (CrmSubscriptionClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_subscription_init (CrmSubscription *self)
{
}

/**
 * crm_subscription_get_customer_id:
 * @self: a #CrmSubscription
 *
 * Gets the id of the customer who subscribed.
 *
 * Returns: the customer id
 */
gint64
crm_subscription_get_customer_id (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), 0);

  return self->customer_id;
}

/**
 * crm_subscription_get_plan:
 * @self: a #CrmSubscription
 *
 * Gets the name of the plan.
 *
 * Returns: the plan, possibly empty
 */
const char *
crm_subscription_get_plan (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), NULL);

  return self->plan;
}

/**
 * crm_subscription_get_amount_minor:
 * @self: a #CrmSubscription
 *
 * Gets the price in minor units of #CrmSubscription:currency.
 *
 * Returns: the amount
 */
gint64
crm_subscription_get_amount_minor (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), 0);

  return self->amount_minor;
}

/**
 * crm_subscription_get_currency:
 * @self: a #CrmSubscription
 *
 * Gets the ISO 4217 code of the price.
 *
 * Returns: (nullable): the currency, %NULL until the record is stored
 */
const char *
crm_subscription_get_currency (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), NULL);

  return self->currency;
}

/**
 * crm_subscription_get_started_on:
 * @self: a #CrmSubscription
 *
 * Gets the day billing starts.
 *
 * Returns: (transfer none) (nullable): the date, %NULL until stored
 */
const GDate *
crm_subscription_get_started_on (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), NULL);

  return self->started_on;
}

/**
 * crm_subscription_get_ended_on:
 * @self: a #CrmSubscription
 *
 * Gets the day the subscription ends, if it does.
 *
 * Returns: (transfer none) (nullable): the date, or %NULL while it runs on
 */
const GDate *
crm_subscription_get_ended_on (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), NULL);

  return self->ended_on;
}

/**
 * crm_subscription_get_created_at:
 * @self: a #CrmSubscription
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_subscription_get_created_at (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), NULL);

  return self->created_at;
}

/**
 * crm_subscription_get_updated_at:
 * @self: a #CrmSubscription
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none) (nullable): the time, in UTC
 */
GDateTime *
crm_subscription_get_updated_at (CrmSubscription *self)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), NULL);

  return self->updated_at;
}

/**
 * crm_subscription_is_current:
 * @self: a #CrmSubscription
 * @today: the day to look at
 *
 * Checks whether the subscription bills on @today: it has started and
 * has not ended (the end day is the first day without it).
 *
 * Returns: %TRUE while the subscription runs
 */
gboolean
crm_subscription_is_current (CrmSubscription *self,
                             const GDate     *today)
{
  g_return_val_if_fail (CRM_IS_SUBSCRIPTION (self), FALSE);
  g_return_val_if_fail (today != NULL, FALSE);

  if (self->started_on == NULL || g_date_compare (self->started_on, today) > 0)
    return FALSE;

  return self->ended_on == NULL || g_date_compare (self->ended_on, today) > 0;
}
