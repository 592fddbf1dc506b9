/* crm-customer-edit.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-bulk-edit.h"
#include "crm-customer.h"

G_BEGIN_DECLS

/* What the customer editor decides, without any widget, so that tests can
 * check it without a display. */

/**
 * CrmCustomerField:
 *
 * The fields of a customer a rep edits as text, in the order shown.
 */
typedef enum
{
  CRM_CUSTOMER_FIELD_NAME,
  CRM_CUSTOMER_FIELD_COMPANY,
  CRM_CUSTOMER_FIELD_EMAIL,
  CRM_CUSTOMER_FIELD_WEBSITE,
  CRM_CUSTOMER_FIELD_LINKEDIN,
  CRM_CUSTOMER_FIELD_STREET,
  CRM_CUSTOMER_FIELD_CITY,
  CRM_CUSTOMER_FIELD_ZIP,
  CRM_CUSTOMER_FIELD_STATE,
  CRM_CUSTOMER_FIELD_COUNTRY,
  CRM_CUSTOMER_FIELD_OWNER,
  CRM_CUSTOMER_N_FIELDS
} CrmCustomerField;

const char       *crm_customer_edit_get_column      (CrmCustomerField   field);
const char       *crm_customer_edit_get_title       (CrmCustomerField   field);
char             *crm_customer_edit_dup_text        (CrmCustomer       *customer,
                                                     CrmCustomerField   field);
gboolean          crm_customer_edit_check           (CrmCustomerField   field,
                                                     const char        *text,
                                                     char             **value,
                                                     GError           **error);
GVariant         *crm_customer_edit_build_fields    (CrmCustomer       *customer,
                                                     const char *const *texts,
                                                     JsonObject        *attributes,
                                                     CrmCustomerField  *bad_field,
                                                     GError           **error);

char             *crm_customer_edit_check_tag       (const char        *text,
                                                     const char *const *tags,
                                                     GError           **error);
gboolean          crm_customer_edit_tags_differ     (const char *const *a,
                                                     const char *const *b);

GStrv             crm_customer_edit_list_attributes (JsonObject        *attributes);
JsonNode         *crm_customer_edit_get_attribute   (JsonObject        *attributes,
                                                     const char        *key);
gboolean          crm_customer_edit_attribute_type  (JsonNode          *node,
                                                     CrmAttributeType  *type);
char             *crm_customer_edit_attribute_text  (JsonNode          *node);
gboolean          crm_customer_edit_set_attribute   (JsonObject        *attributes,
                                                     const char        *key,
                                                     CrmAttributeType   type,
                                                     const char        *text,
                                                     GError           **error);
void              crm_customer_edit_remove_attribute (JsonObject       *attributes,
                                                      const char       *key);

G_END_DECLS
