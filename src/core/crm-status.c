/* crm-status.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-status"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-status.h"

#define LABEL_CONTEXT "customer status"

/* Indexed by CrmStatusKind; the API strings are never translated. */
static const struct {
  const char *api;
  const char *label;
} statuses[] = {
  { "New Lead", NC_("customer status", "New Lead") },
  { "Working Lead", NC_("customer status", "Working Lead") },
  { "Qualified Lead", NC_("customer status", "Qualified Lead") },
  { "Unqualified Lead", NC_("customer status", "Unqualified Lead") },
  { "Active", NC_("customer status", "Active") },
  { "Past Due", NC_("customer status", "Past Due") },
  { "Cancelled", NC_("customer status", "Cancelled") },
};

G_STATIC_ASSERT (G_N_ELEMENTS (statuses) == CRM_STATUS_OTHER);

static const char * const person_settable[] = {
  "New Lead",
  "Working Lead",
  "Qualified Lead",
  "Unqualified Lead",
  NULL
};

/**
 * crm_status_kind_from_string:
 * @status: (nullable): a status as stored or sent by the server
 *
 * Finds the kind of a status string. The comparison is exact, as the API
 * writes the strings.
 *
 * Returns: the kind, or %CRM_STATUS_OTHER for any string it does not know
 */
CrmStatusKind
crm_status_kind_from_string (const char *status)
{
  if (status == NULL)
    return CRM_STATUS_OTHER;

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      if (strcmp (status, statuses[i].api) == 0)
        return (CrmStatusKind) i;
    }

  return CRM_STATUS_OTHER;
}

/**
 * crm_status_kind_to_string:
 * @kind: a #CrmStatusKind
 *
 * Gets the API string of a status kind.
 *
 * Returns: (nullable): the string, or %NULL for %CRM_STATUS_OTHER
 */
const char *
crm_status_kind_to_string (CrmStatusKind kind)
{
  g_return_val_if_fail (kind <= CRM_STATUS_OTHER, NULL);

  if (kind == CRM_STATUS_OTHER)
    return NULL;

  return statuses[kind].api;
}

/**
 * crm_status_is_person_settable:
 * @status: (nullable): a status string
 *
 * Checks whether a person may choose @status: only the four lead statuses.
 * Subscriber statuses come from billing, through sync or a manual
 * subscription.
 *
 * Returns: %TRUE if a person may set @status
 */
gboolean
crm_status_is_person_settable (const char *status)
{
  return crm_status_kind_from_string (status) <= CRM_STATUS_UNQUALIFIED_LEAD;
}

/**
 * crm_status_is_lead:
 * @status: (nullable): a status string
 *
 * Checks whether @status is a lead status: one of the four, or the `Lead`
 * that older records carry.
 *
 * Returns: %TRUE for a lead
 */
gboolean
crm_status_is_lead (const char *status)
{
  return crm_status_is_person_settable (status) || g_strcmp0 (status, "Lead") == 0;
}

/**
 * crm_status_is_subscriber:
 * @status: (nullable): a status string
 *
 * Checks whether @status is one that billing sets: Active, Past Due or
 * Cancelled. A person can neither choose one nor change it.
 *
 * Returns: %TRUE for a subscriber status
 */
gboolean
crm_status_is_subscriber (const char *status)
{
  CrmStatusKind kind = crm_status_kind_from_string (status);

  return kind == CRM_STATUS_ACTIVE || kind == CRM_STATUS_PAST_DUE ||
         kind == CRM_STATUS_CANCELLED;
}

/**
 * crm_status_get_label:
 * @status: a status string
 *
 * Gets the text to show for a status: the translated name of a known one,
 * or @status itself for any other.
 *
 * Returns: (transfer none): the label
 */
const char *
crm_status_get_label (const char *status)
{
  CrmStatusKind kind;

  g_return_val_if_fail (status != NULL, NULL);

  kind = crm_status_kind_from_string (status);
  if (kind == CRM_STATUS_OTHER)
    return status;

  return g_dpgettext2 (GETTEXT_PACKAGE, LABEL_CONTEXT, statuses[kind].label);
}

/**
 * crm_status_get_person_settable:
 *
 * Gets the statuses a person may choose, in the order to offer them.
 *
 * Returns: (transfer none) (array zero-terminated=1): the four API strings
 */
const char * const *
crm_status_get_person_settable (void)
{
  return person_settable;
}
