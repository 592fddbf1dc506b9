/* crm-routing-rule.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_ROUTING_RULE (crm_routing_rule_get_type ())

G_DECLARE_FINAL_TYPE (CrmRoutingRule, crm_routing_rule, CRM, ROUTING_RULE, CrmRecord)

const char *crm_routing_rule_get_name       (CrmRoutingRule *self);
gint64      crm_routing_rule_get_position   (CrmRoutingRule *self);
const char *crm_routing_rule_get_expression (CrmRoutingRule *self);
const char *crm_routing_rule_get_owner      (CrmRoutingRule *self);
gboolean    crm_routing_rule_get_enabled    (CrmRoutingRule *self);

G_END_DECLS
