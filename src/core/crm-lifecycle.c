/* crm-lifecycle.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-lifecycle"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-lifecycle.h"
#include "crm-status.h"

/*
 * The lead lifecycle as plain decisions: which status follows an event.
 * The store's rules (crm-store-rules.c) read the rows, ask here, and write
 * the answer in the same transaction as the event.
 */

/**
 * crm_lifecycle_deal_outcome:
 * @forecast_category: (nullable): the forecast category of the
 *   opportunity's stage as configured in its pipeline, or %NULL when the
 *   pipeline has no such stage
 * @stage: the opportunity's stage name
 *
 * Tells whether an opportunity is open, won or lost. A configured stage
 * says so by its forecast category ("won", "lost"); a stage the pipeline
 * does not configure is judged by the API's default names "Closed Won"
 * and "Closed Lost".
 *
 * Returns: the outcome
 */
CrmDealOutcome
crm_lifecycle_deal_outcome (const char *forecast_category,
                            const char *stage)
{
  if (forecast_category != NULL)
    {
      if (g_ascii_strcasecmp (forecast_category, "won") == 0)
        return CRM_DEAL_OUTCOME_WON;
      if (g_ascii_strcasecmp (forecast_category, "lost") == 0)
        return CRM_DEAL_OUTCOME_LOST;
      return CRM_DEAL_OUTCOME_OPEN;
    }

  if (g_strcmp0 (stage, "Closed Won") == 0)
    return CRM_DEAL_OUTCOME_WON;
  if (g_strcmp0 (stage, "Closed Lost") == 0)
    return CRM_DEAL_OUTCOME_LOST;

  return CRM_DEAL_OUTCOME_OPEN;
}

/**
 * crm_lifecycle_status_after_contact:
 * @status: the customer's status
 * @activity_kind: the kind of activity recorded: "call", "email", "note"…
 *
 * A New Lead who is called or emailed becomes a Working Lead.
 *
 * Returns: (nullable): the new status, or %NULL when it stays
 */
const char *
crm_lifecycle_status_after_contact (const char *status,
                                    const char *activity_kind)
{
  if (crm_status_kind_from_string (status) != CRM_STATUS_NEW_LEAD)
    return NULL;

  if (g_strcmp0 (activity_kind, "call") != 0 && g_strcmp0 (activity_kind, "email") != 0)
    return NULL;

  return "Working Lead";
}

/**
 * crm_lifecycle_status_after_opportunity:
 * @status: the customer's status
 *
 * A lead (any lead status, or the older "Lead") for whom an open
 * opportunity is created becomes a Qualified Lead. Subscribers keep
 * their status: an opportunity for them is an expansion.
 *
 * Returns: (nullable): the new status, or %NULL when it stays
 */
const char *
crm_lifecycle_status_after_opportunity (const char *status)
{
  if (!crm_status_is_lead (status) ||
      crm_status_kind_from_string (status) == CRM_STATUS_QUALIFIED_LEAD)
    return NULL;

  return "Qualified Lead";
}

/**
 * crm_lifecycle_status_after_lost:
 * @status: the customer's status
 *
 * A lead whose opportunity closes lost becomes an Unqualified Lead. The
 * caller keeps the status when the customer has another open opportunity.
 *
 * Returns: (nullable): the new status, or %NULL when it stays
 */
const char *
crm_lifecycle_status_after_lost (const char *status)
{
  if (!crm_status_is_lead (status) ||
      crm_status_kind_from_string (status) == CRM_STATUS_UNQUALIFIED_LEAD)
    return NULL;

  return "Unqualified Lead";
}

/**
 * crm_lifecycle_parse_stale_days:
 * @value: (nullable): the value of %CRM_LIFECYCLE_STALE_DAYS_KEY
 *
 * Reads the stale-days setting, falling back to the default for a
 * missing or unreadable value.
 *
 * Returns: the number of idle days, 1 to %CRM_LIFECYCLE_STALE_DAYS_MAX
 */
guint
crm_lifecycle_parse_stale_days (const char *value)
{
  g_autofree char *stripped = NULL;
  guint64 days;

  if (value == NULL)
    return CRM_LIFECYCLE_STALE_DAYS_DEFAULT;

  stripped = g_strstrip (g_strdup (value));
  if (!g_ascii_string_to_unsigned (stripped, 10, 1, CRM_LIFECYCLE_STALE_DAYS_MAX, &days, NULL))
    return CRM_LIFECYCLE_STALE_DAYS_DEFAULT;

  return (guint) days;
}

/**
 * crm_lifecycle_dup_stale_expression:
 * @days: the number of idle days
 *
 * Builds the customer filter of "Stale working leads": Working Leads with
 * no note, call, email or completed task within the last @days days (case
 * L1). Parse it with crm_filter_parse().
 *
 * Returns: (transfer full): the filter expression
 */
char *
crm_lifecycle_dup_stale_expression (guint days)
{
  g_return_val_if_fail (days > 0, NULL);

  return g_strdup_printf ("status is \"Working Lead\" and not idle_since within %u days", days);
}

/**
 * crm_lifecycle_describe_reason:
 * @reason: (nullable): a `CRM_LIFECYCLE_REASON_` key
 *
 * Says why a rule changed a status, for the timeline.
 *
 * Returns: (nullable): the reason in words, translated, or %NULL for a key
 *   it does not know
 */
const char *
crm_lifecycle_describe_reason (const char *reason)
{
  if (g_strcmp0 (reason, CRM_LIFECYCLE_REASON_CONTACTED) == 0)
    return _("a call or an email was recorded");
  if (g_strcmp0 (reason, CRM_LIFECYCLE_REASON_OPPORTUNITY) == 0)
    return _("an opportunity was created");
  if (g_strcmp0 (reason, CRM_LIFECYCLE_REASON_LOST) == 0)
    return _("the opportunity was lost");
  if (g_strcmp0 (reason, CRM_LIFECYCLE_REASON_REOPENED) == 0)
    return _("the opportunity was reopened");
  if (g_strcmp0 (reason, CRM_LIFECYCLE_REASON_SUBSCRIPTION) == 0)
    return _("a subscription started");

  return NULL;
}
