/* crm-customer.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-record.h"
#include "crm-status.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER (crm_customer_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomer, crm_customer, CRM, CUSTOMER, CrmRecord)

const char *crm_customer_get_uuid                  (CrmCustomer *self);
const char *crm_customer_get_external_id           (CrmCustomer *self);
const char *crm_customer_get_name                  (CrmCustomer *self);
const char *crm_customer_get_company               (CrmCustomer *self);
const char *crm_customer_get_email                 (CrmCustomer *self);
const char *crm_customer_get_status                (CrmCustomer *self);
const char *crm_customer_get_owner                 (CrmCustomer *self);
const char *crm_customer_get_website               (CrmCustomer *self);
const char *crm_customer_get_linkedin              (CrmCustomer *self);
const char *crm_customer_get_street                (CrmCustomer *self);
const char *crm_customer_get_city                  (CrmCustomer *self);
const char *crm_customer_get_zip                   (CrmCustomer *self);
const char *crm_customer_get_state                 (CrmCustomer *self);
const char *crm_customer_get_country               (CrmCustomer *self);
GDateTime  *crm_customer_get_lead_created_at       (CrmCustomer *self);
GDateTime  *crm_customer_get_free_trial_started_at (CrmCustomer *self);
const char *crm_customer_get_customer_since        (CrmCustomer *self);
JsonObject *crm_customer_get_attributes            (CrmCustomer *self);
GDateTime  *crm_customer_get_last_activity_at      (CrmCustomer *self);
GDateTime  *crm_customer_get_status_changed_at     (CrmCustomer *self);
GDateTime  *crm_customer_get_created_at            (CrmCustomer *self);
GDateTime  *crm_customer_get_updated_at            (CrmCustomer *self);

const char          *crm_customer_get_display_name (CrmCustomer *self);
const char * const  *crm_customer_get_tags         (CrmCustomer *self);
CrmStatusKind        crm_customer_get_status_kind  (CrmCustomer *self);

G_END_DECLS
