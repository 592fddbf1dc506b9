/* crm-template.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_TEMPLATE (crm_template_get_type ())

G_DECLARE_FINAL_TYPE (CrmTemplate, crm_template, CRM, TEMPLATE, CrmRecord)

const char *crm_template_get_name       (CrmTemplate *self);
const char *crm_template_get_subject    (CrmTemplate *self);
const char *crm_template_get_body       (CrmTemplate *self);
GDateTime  *crm_template_get_created_at (CrmTemplate *self);
GDateTime  *crm_template_get_updated_at (CrmTemplate *self);

G_END_DECLS
