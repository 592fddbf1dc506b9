/* crm-task.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-task"

#include "config.h"

#include "crm-record-private.h"
#include "crm-task.h"

/**
 * CrmTask:
 *
 * A task about a customer: a follow-up, a demo, a reminder. Its
 * properties are the columns of the `tasks` table; see #CrmRecord.
 */

struct _CrmTask
{
  CrmRecord   parent_instance;

  gint64      customer_id;
  char       *uuid;
  char       *details;
  char       *kind;
  char       *assignee;
  GDate      *due_on;
  GDateTime  *completed_at;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmTask, crm_task, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmTask, customer_id, INT64),
  CRM_FIELD (CrmTask, uuid, STRING),
  CRM_FIELD (CrmTask, details, STRING),
  CRM_FIELD_TEXT (CrmTask, kind, "follow-up"),
  CRM_FIELD (CrmTask, assignee, STRING),
  CRM_FIELD (CrmTask, due_on, DATE),
  CRM_FIELD (CrmTask, completed_at, DATETIME),
  CRM_FIELD (CrmTask, created_at, DATETIME),
  CRM_FIELD (CrmTask, updated_at, DATETIME),
};

static void
crm_task_class_init (CrmTaskClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_task_init (CrmTask *self)
{
}

/**
 * crm_task_get_customer_id:
 * @self: a #CrmTask
 *
 * Gets the id of the customer the record belongs to.
 *
 * Returns: the customer id
 */
gint64
crm_task_get_customer_id (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), 0);

  return self->customer_id;
}

/**
 * crm_task_get_uuid:
 * @self: a #CrmTask
 *
 * Gets the server's id.
 *
 * Returns: (nullable): the uuid, or %NULL until the record is synced
 */
const char *
crm_task_get_uuid (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->uuid;
}

/**
 * crm_task_get_details:
 * @self: a #CrmTask
 *
 * Gets what is to be done.
 *
 * Returns: the details
 */
const char *
crm_task_get_details (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->details;
}

/**
 * crm_task_get_kind:
 * @self: a #CrmTask
 *
 * Gets the kind of task, such as "follow-up".
 *
 * Returns: the kind
 */
const char *
crm_task_get_kind (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->kind;
}

/**
 * crm_task_get_assignee:
 * @self: a #CrmTask
 *
 * Gets the email of the user the task is assigned to.
 *
 * Returns: (nullable): the assignee, or %NULL
 */
const char *
crm_task_get_assignee (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->assignee;
}

/**
 * crm_task_get_due_on:
 * @self: a #CrmTask
 *
 * Gets the day the task is due.
 *
 * Returns: (transfer none) (nullable): the date, or %NULL
 */
const GDate *
crm_task_get_due_on (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->due_on;
}

/**
 * crm_task_get_completed_at:
 * @self: a #CrmTask
 *
 * Gets when the task was completed.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL while open
 */
GDateTime *
crm_task_get_completed_at (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->completed_at;
}

/**
 * crm_task_get_created_at:
 * @self: a #CrmTask
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_task_get_created_at (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->created_at;
}

/**
 * crm_task_get_updated_at:
 * @self: a #CrmTask
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_task_get_updated_at (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), NULL);

  return self->updated_at;
}

/**
 * crm_task_is_done:
 * @self: a #CrmTask
 *
 * Checks whether the task is completed.
 *
 * Returns: %TRUE if #CrmTask:completed-at is set
 */
gboolean
crm_task_is_done (CrmTask *self)
{
  g_return_val_if_fail (CRM_IS_TASK (self), FALSE);

  return self->completed_at != NULL;
}
