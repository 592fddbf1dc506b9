/* crm-subscription.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_SUBSCRIPTION (crm_subscription_get_type ())

G_DECLARE_FINAL_TYPE (CrmSubscription, crm_subscription, CRM, SUBSCRIPTION, CrmRecord)

gint64       crm_subscription_get_customer_id  (CrmSubscription *self);
const char  *crm_subscription_get_plan         (CrmSubscription *self);
gint64       crm_subscription_get_amount_minor (CrmSubscription *self);
const char  *crm_subscription_get_currency     (CrmSubscription *self);
const GDate *crm_subscription_get_started_on   (CrmSubscription *self);
const GDate *crm_subscription_get_ended_on     (CrmSubscription *self);
GDateTime   *crm_subscription_get_created_at   (CrmSubscription *self);
GDateTime   *crm_subscription_get_updated_at   (CrmSubscription *self);

gboolean     crm_subscription_is_current       (CrmSubscription *self,
                                                const GDate     *today);

G_END_DECLS
