/* crm-task.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_TASK (crm_task_get_type ())

G_DECLARE_FINAL_TYPE (CrmTask, crm_task, CRM, TASK, CrmRecord)

gint64       crm_task_get_customer_id  (CrmTask *self);
const char  *crm_task_get_uuid         (CrmTask *self);
const char  *crm_task_get_details      (CrmTask *self);
const char  *crm_task_get_kind         (CrmTask *self);
const char  *crm_task_get_assignee     (CrmTask *self);
const GDate *crm_task_get_due_on       (CrmTask *self);
GDateTime   *crm_task_get_completed_at (CrmTask *self);
GDateTime   *crm_task_get_created_at   (CrmTask *self);
GDateTime   *crm_task_get_updated_at   (CrmTask *self);

gboolean     crm_task_is_done          (CrmTask *self);

G_END_DECLS
