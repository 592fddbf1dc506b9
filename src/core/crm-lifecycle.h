/* crm-lifecycle.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CRM_LIFECYCLE_STALE_DAYS_KEY:
 *
 * The profile setting that holds after how many days without activity a
 * Working Lead is stale.
 */
#define CRM_LIFECYCLE_STALE_DAYS_KEY "rules.stale_days"

/**
 * CRM_LIFECYCLE_STALE_DAYS_DEFAULT:
 *
 * The number of idle days that makes a Working Lead stale when the
 * profile does not say otherwise.
 */
#define CRM_LIFECYCLE_STALE_DAYS_DEFAULT 30

/**
 * CRM_LIFECYCLE_STALE_DAYS_MAX:
 *
 * The largest number of idle days the setting accepts.
 */
#define CRM_LIFECYCLE_STALE_DAYS_MAX 365

/**
 * CRM_LIFECYCLE_REASON_CONTACTED:
 *
 * Why a rule made a New Lead a Working Lead: a call or an email was
 * recorded. The `CRM_LIFECYCLE_REASON_` keys are kept on the timeline with
 * the status change; crm_lifecycle_describe_reason() puts them in words.
 */
#define CRM_LIFECYCLE_REASON_CONTACTED "contacted"

/**
 * CRM_LIFECYCLE_REASON_OPPORTUNITY:
 *
 * Why a rule made a lead a Qualified Lead: an opportunity was created.
 */
#define CRM_LIFECYCLE_REASON_OPPORTUNITY "opportunity-created"

/**
 * CRM_LIFECYCLE_REASON_LOST:
 *
 * Why a rule made a lead an Unqualified Lead: its opportunity closed lost.
 */
#define CRM_LIFECYCLE_REASON_LOST "opportunity-lost"

/**
 * CRM_LIFECYCLE_REASON_REOPENED:
 *
 * Why a rule made a lead a Qualified Lead again: its closed opportunity
 * went back to an open stage.
 */
#define CRM_LIFECYCLE_REASON_REOPENED "opportunity-reopened"

/**
 * CRM_LIFECYCLE_REASON_SUBSCRIPTION:
 *
 * Why a rule made a customer Active: a subscription recorded by hand
 * started.
 */
#define CRM_LIFECYCLE_REASON_SUBSCRIPTION "subscription-started"

/**
 * CrmDealOutcome:
 * @CRM_DEAL_OUTCOME_OPEN: the opportunity is still being worked
 * @CRM_DEAL_OUTCOME_WON: it closed won
 * @CRM_DEAL_OUTCOME_LOST: it closed lost
 *
 * Where an opportunity stands, from its stage.
 */
typedef enum
{
  CRM_DEAL_OUTCOME_OPEN,
  CRM_DEAL_OUTCOME_WON,
  CRM_DEAL_OUTCOME_LOST,
} CrmDealOutcome;

CrmDealOutcome  crm_lifecycle_deal_outcome              (const char *forecast_category,
                                                         const char *stage);
const char     *crm_lifecycle_status_after_contact      (const char *status,
                                                         const char *activity_kind);
const char     *crm_lifecycle_status_after_opportunity  (const char *status);
const char     *crm_lifecycle_status_after_lost         (const char *status);
guint           crm_lifecycle_parse_stale_days          (const char *value);
char           *crm_lifecycle_dup_stale_expression      (guint       days);
const char     *crm_lifecycle_describe_reason           (const char *reason);

G_END_DECLS
