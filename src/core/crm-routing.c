/* crm-routing.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-routing"

#include "config.h"

#include <string.h>

#include "crm-filter-fields.h"
#include "crm-routing.h"

/*
 * Territory routing: ordered rules (#CrmRoutingRule) that give a new
 * customer without an owner the owner of the first rule it matches. The
 * conditions are customer filters in the grammar of saved lists, so
 * `country is "AT" or state is "Tyrol"` and `attr.industry is "Retail"`
 * both work. The store's rule (crm-store-rules.c) runs them on every
 * create; this file holds what the editor and the rule share.
 */

/**
 * crm_routing_compile:
 * @expression: a routing rule's expression
 * @error: return location for a #GError
 *
 * Reads a routing rule's conditions and checks them against the fields
 * of customers, as the editor does while one types and the rule does
 * before it runs them. An empty expression matches every customer: a
 * last "everyone else" rule.
 *
 * Returns: (transfer full): the filter, or %NULL with a #CRM_FILTER_ERROR
 *   that says what is wrong, for a person to read
 */
CrmFilter *
crm_routing_compile (const char  *expression,
                     GError     **error)
{
  g_autoptr(CrmFilter) filter = NULL;

  g_return_val_if_fail (expression != NULL, NULL);

  filter = crm_filter_parse (expression, error);
  if (filter == NULL)
    return NULL;

  if (!crm_filter_check (filter, CRM_ENTITY_CUSTOMER, error))
    return NULL;

  return g_steal_pointer (&filter);
}

/**
 * crm_routing_owner_is_valid:
 * @owner: (nullable): what was typed as a rule's owner
 *
 * Owners are user emails, as in the API. This checks the shape only:
 * something, an `@`, and a domain with a dot, without spaces.
 *
 * Returns: %TRUE if @owner can be saved as an owner
 */
gboolean
crm_routing_owner_is_valid (const char *owner)
{
  const char *at;
  const char *dot;

  if (owner == NULL || owner[0] == '\0' || strpbrk (owner, " \t\r\n") != NULL)
    return FALSE;

  at = strchr (owner, '@');
  if (at == NULL || at == owner || strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/**
 * crm_routing_needs_owner:
 * @owner: (nullable): a new customer's owner
 *
 * Routing gives an owner only to a customer who has none.
 *
 * Returns: %TRUE if @owner is unset or blank
 */
gboolean
crm_routing_needs_owner (const char *owner)
{
  if (owner == NULL)
    return TRUE;

  for (const char *p = owner; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return FALSE;

  return TRUE;
}
