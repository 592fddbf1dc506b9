/* crm-saved-list.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_SAVED_LIST (crm_saved_list_get_type ())

G_DECLARE_FINAL_TYPE (CrmSavedList, crm_saved_list, CRM, SAVED_LIST, CrmRecord)

const char *crm_saved_list_get_name       (CrmSavedList *self);
const char *crm_saved_list_get_kind       (CrmSavedList *self);
const char *crm_saved_list_get_expression (CrmSavedList *self);
gint64      crm_saved_list_get_position   (CrmSavedList *self);
GDateTime  *crm_saved_list_get_created_at (CrmSavedList *self);
GDateTime  *crm_saved_list_get_updated_at (CrmSavedList *self);

G_END_DECLS
