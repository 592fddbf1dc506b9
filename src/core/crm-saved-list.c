/* crm-saved-list.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-saved-list"

#include "config.h"

#include "crm-record-private.h"
#include "crm-saved-list.h"

/**
 * CrmSavedList:
 *
 * A list that the user saved: a filter over one kind of record. Its
 * properties are the columns of the `saved_lists` table; see #CrmRecord.
 */

struct _CrmSavedList
{
  CrmRecord   parent_instance;

  char       *name;
  char       *kind;
  char       *expression;
  gint64      position;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmSavedList, crm_saved_list, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmSavedList, name, STRING),
  CRM_FIELD_TEXT (CrmSavedList, kind, "customers"),
  CRM_FIELD_TEXT (CrmSavedList, expression, ""),
  CRM_FIELD (CrmSavedList, position, INT64),
  CRM_FIELD (CrmSavedList, created_at, DATETIME),
  CRM_FIELD (CrmSavedList, updated_at, DATETIME),
};

static void
crm_saved_list_class_init (CrmSavedListClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_saved_list_init (CrmSavedList *self)
{
}

/**
 * crm_saved_list_get_name:
 * @self: a #CrmSavedList
 *
 * Gets the name of the list.
 *
 * Returns: the name
 */
const char *
crm_saved_list_get_name (CrmSavedList *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_LIST (self), NULL);

  return self->name;
}

/**
 * crm_saved_list_get_kind:
 * @self: a #CrmSavedList
 *
 * Gets what the list holds: "customers", "opportunities" or "tasks".
 *
 * Returns: the kind
 */
const char *
crm_saved_list_get_kind (CrmSavedList *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_LIST (self), NULL);

  return self->kind;
}

/**
 * crm_saved_list_get_expression:
 * @self: a #CrmSavedList
 *
 * Gets the filter expression.
 *
 * Returns: the expression, possibly empty
 */
const char *
crm_saved_list_get_expression (CrmSavedList *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_LIST (self), NULL);

  return self->expression;
}

/**
 * crm_saved_list_get_position:
 * @self: a #CrmSavedList
 *
 * Gets the place of the list in the sidebar.
 *
 * Returns: the position
 */
gint64
crm_saved_list_get_position (CrmSavedList *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_LIST (self), 0);

  return self->position;
}

/**
 * crm_saved_list_get_created_at:
 * @self: a #CrmSavedList
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_saved_list_get_created_at (CrmSavedList *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_LIST (self), NULL);

  return self->created_at;
}

/**
 * crm_saved_list_get_updated_at:
 * @self: a #CrmSavedList
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_saved_list_get_updated_at (CrmSavedList *self)
{
  g_return_val_if_fail (CRM_IS_SAVED_LIST (self), NULL);

  return self->updated_at;
}
