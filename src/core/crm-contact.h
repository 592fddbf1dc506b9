/* crm-contact.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_CONTACT (crm_contact_get_type ())

G_DECLARE_FINAL_TYPE (CrmContact, crm_contact, CRM, CONTACT, CrmRecord)

gint64      crm_contact_get_customer_id (CrmContact *self);
const char *crm_contact_get_uuid        (CrmContact *self);
const char *crm_contact_get_external_id (CrmContact *self);
gint64      crm_contact_get_position    (CrmContact *self);
const char *crm_contact_get_first_name  (CrmContact *self);
const char *crm_contact_get_last_name   (CrmContact *self);
const char *crm_contact_get_title       (CrmContact *self);
const char *crm_contact_get_email       (CrmContact *self);
const char *crm_contact_get_phone       (CrmContact *self);
const char *crm_contact_get_linkedin    (CrmContact *self);
const char *crm_contact_get_twitter     (CrmContact *self);
const char *crm_contact_get_notes       (CrmContact *self);
JsonObject *crm_contact_get_custom      (CrmContact *self);
GDateTime  *crm_contact_get_created_at  (CrmContact *self);
GDateTime  *crm_contact_get_updated_at  (CrmContact *self);

char       *crm_contact_dup_full_name   (CrmContact *self);

G_END_DECLS
