/* crm-routing-rule.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-routing-rule"

#include "config.h"

#include "crm-record-private.h"
#include "crm-routing-rule.h"

/**
 * CrmRoutingRule:
 *
 * A territory rule: a new customer without an owner who matches
 * #CrmRoutingRule:expression (a customer filter) goes to
 * #CrmRoutingRule:owner. Rules are tried in #CrmRoutingRule:position order
 * and the first match wins. Its properties are the columns of the
 * `routing_rules` table; see #CrmRecord.
 */

struct _CrmRoutingRule
{
  CrmRecord  parent_instance;

  char      *name;
  gint64     position;
  char      *expression;
  char      *owner;
  gboolean   enabled;
};

G_DEFINE_FINAL_TYPE (CrmRoutingRule, crm_routing_rule, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmRoutingRule, name, STRING),
  CRM_FIELD (CrmRoutingRule, position, INT64),
  CRM_FIELD_TEXT (CrmRoutingRule, expression, ""),
  CRM_FIELD (CrmRoutingRule, owner, STRING),
  { "enabled", CRM_FIELD_BOOLEAN, G_STRUCT_OFFSET (CrmRoutingRule, enabled), TRUE, NULL },
};

static void
crm_routing_rule_class_init (CrmRoutingRuleClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_routing_rule_init (CrmRoutingRule *self)
{
}

/**
 * crm_routing_rule_get_name:
 * @self: a #CrmRoutingRule
 *
 * Gets the name the timeline shows for a routing by this rule.
 *
 * Returns: the name
 */
const char *
crm_routing_rule_get_name (CrmRoutingRule *self)
{
  g_return_val_if_fail (CRM_IS_ROUTING_RULE (self), NULL);

  return self->name;
}

/**
 * crm_routing_rule_get_position:
 * @self: a #CrmRoutingRule
 *
 * Gets the rule's place in the order rules are tried, lowest first.
 *
 * Returns: the position
 */
gint64
crm_routing_rule_get_position (CrmRoutingRule *self)
{
  g_return_val_if_fail (CRM_IS_ROUTING_RULE (self), 0);

  return self->position;
}

/**
 * crm_routing_rule_get_expression:
 * @self: a #CrmRoutingRule
 *
 * Gets the customer filter, in the grammar of saved lists, that a new
 * customer must match. An empty expression matches every customer.
 *
 * Returns: the expression
 */
const char *
crm_routing_rule_get_expression (CrmRoutingRule *self)
{
  g_return_val_if_fail (CRM_IS_ROUTING_RULE (self), NULL);

  return self->expression;
}

/**
 * crm_routing_rule_get_owner:
 * @self: a #CrmRoutingRule
 *
 * Gets the email of the user who gets the customers the rule matches.
 *
 * Returns: (nullable): the owner, %NULL until the record is stored
 */
const char *
crm_routing_rule_get_owner (CrmRoutingRule *self)
{
  g_return_val_if_fail (CRM_IS_ROUTING_RULE (self), NULL);

  return self->owner;
}

/**
 * crm_routing_rule_get_enabled:
 * @self: a #CrmRoutingRule
 *
 * Gets whether the rule is tried at all.
 *
 * Returns: %TRUE when the rule routes
 */
gboolean
crm_routing_rule_get_enabled (CrmRoutingRule *self)
{
  g_return_val_if_fail (CRM_IS_ROUTING_RULE (self), FALSE);

  return self->enabled;
}
