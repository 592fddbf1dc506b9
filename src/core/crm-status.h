/* crm-status.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * CrmStatusKind:
 * @CRM_STATUS_NEW_LEAD: "New Lead"
 * @CRM_STATUS_WORKING_LEAD: "Working Lead"
 * @CRM_STATUS_QUALIFIED_LEAD: "Qualified Lead"
 * @CRM_STATUS_UNQUALIFIED_LEAD: "Unqualified Lead"
 * @CRM_STATUS_ACTIVE: "Active", a paying subscriber
 * @CRM_STATUS_PAST_DUE: "Past Due", a subscriber with an unpaid invoice
 * @CRM_STATUS_CANCELLED: "Cancelled", a former subscriber
 * @CRM_STATUS_OTHER: any other string, kept verbatim (older data says
 *   "Lead")
 *
 * The customer statuses the server knows. Statuses are stored as text; the
 * kind is derived from it.
 */
typedef enum
{
  CRM_STATUS_NEW_LEAD,
  CRM_STATUS_WORKING_LEAD,
  CRM_STATUS_QUALIFIED_LEAD,
  CRM_STATUS_UNQUALIFIED_LEAD,
  CRM_STATUS_ACTIVE,
  CRM_STATUS_PAST_DUE,
  CRM_STATUS_CANCELLED,
  CRM_STATUS_OTHER,
} CrmStatusKind;

CrmStatusKind        crm_status_kind_from_string     (const char    *status);
const char          *crm_status_kind_to_string       (CrmStatusKind  kind);
gboolean             crm_status_is_person_settable   (const char    *status);
gboolean             crm_status_is_lead              (const char    *status);
gboolean             crm_status_is_subscriber        (const char    *status);
const char          *crm_status_get_label            (const char    *status);
const char * const  *crm_status_get_person_settable  (void);

G_END_DECLS
