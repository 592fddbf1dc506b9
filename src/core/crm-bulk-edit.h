/* crm-bulk-edit.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* How many custom attributes one bulk edit may set. */
#define CRM_BULK_EDIT_MAX_ATTRIBUTES 3

#define CRM_BULK_EDIT_ERROR (crm_bulk_edit_error_quark ())

/**
 * CrmBulkEditError:
 * @CRM_BULK_EDIT_ERROR_STATUS: a person may not set that status
 * @CRM_BULK_EDIT_ERROR_OWNER: the owner is not an email address
 * @CRM_BULK_EDIT_ERROR_TAG: the tag is empty
 * @CRM_BULK_EDIT_ERROR_ATTRIBUTE: the attribute name is not valid, or the
 *   edit already sets as many attributes as it may
 * @CRM_BULK_EDIT_ERROR_VALUE: the text is not a value of the type asked for
 *
 * Why an edit cannot be put together; the messages are for a person.
 */
typedef enum
{
  CRM_BULK_EDIT_ERROR_STATUS,
  CRM_BULK_EDIT_ERROR_OWNER,
  CRM_BULK_EDIT_ERROR_TAG,
  CRM_BULK_EDIT_ERROR_ATTRIBUTE,
  CRM_BULK_EDIT_ERROR_VALUE,
} CrmBulkEditError;

/**
 * CrmAttributeType:
 * @CRM_ATTRIBUTE_TEXT: any text
 * @CRM_ATTRIBUTE_NUMBER: an integer or decimal number
 * @CRM_ATTRIBUTE_DATE: a date, `YYYY-MM-DD`
 * @CRM_ATTRIBUTE_BOOLEAN: yes or no
 *
 * The type of a custom attribute's value. A customer's attribute takes a
 * new value only of the type it already holds.
 */
typedef enum
{
  CRM_ATTRIBUTE_TEXT,
  CRM_ATTRIBUTE_NUMBER,
  CRM_ATTRIBUTE_DATE,
  CRM_ATTRIBUTE_BOOLEAN,
} CrmAttributeType;

typedef struct _CrmBulkEdit CrmBulkEdit;

#define CRM_TYPE_BULK_EDIT (crm_bulk_edit_get_type ())

GType               crm_bulk_edit_get_type           (void) G_GNUC_CONST;
GQuark              crm_bulk_edit_error_quark        (void);

CrmBulkEdit        *crm_bulk_edit_new                (void);
CrmBulkEdit        *crm_bulk_edit_ref                (CrmBulkEdit       *self);
void                crm_bulk_edit_unref              (CrmBulkEdit       *self);

gboolean            crm_bulk_edit_set_status         (CrmBulkEdit       *self,
                                                      const char        *status,
                                                      GError           **error);
const char         *crm_bulk_edit_get_status         (CrmBulkEdit       *self);
gboolean            crm_bulk_edit_set_owner          (CrmBulkEdit       *self,
                                                      const char        *owner,
                                                      GError           **error);
const char         *crm_bulk_edit_get_owner          (CrmBulkEdit       *self);
gboolean            crm_bulk_edit_add_tag            (CrmBulkEdit       *self,
                                                      const char        *tag,
                                                      GError           **error);
gboolean            crm_bulk_edit_remove_tag         (CrmBulkEdit       *self,
                                                      const char        *tag,
                                                      GError           **error);
const char * const *crm_bulk_edit_get_added_tags     (CrmBulkEdit       *self);
const char * const *crm_bulk_edit_get_removed_tags   (CrmBulkEdit       *self);
gboolean            crm_bulk_edit_set_attribute      (CrmBulkEdit       *self,
                                                      const char        *key,
                                                      CrmAttributeType   type,
                                                      const char        *text,
                                                      GError           **error);
guint               crm_bulk_edit_get_n_attributes   (CrmBulkEdit       *self);
JsonNode           *crm_bulk_edit_get_attribute      (CrmBulkEdit       *self,
                                                      guint              index,
                                                      const char       **key,
                                                      CrmAttributeType  *type);
gboolean            crm_bulk_edit_is_empty           (CrmBulkEdit       *self);

/* The per-customer rules, used by the store's bulk job. */
gboolean            crm_bulk_edit_check_status       (CrmBulkEdit       *self,
                                                      const char        *current,
                                                      char             **reason);
gboolean            crm_bulk_edit_apply_attributes   (CrmBulkEdit       *self,
                                                      JsonObject        *attributes,
                                                      gboolean          *changed,
                                                      char             **reason);
GStrv               crm_bulk_edit_apply_tags         (CrmBulkEdit       *self,
                                                      const char * const *current,
                                                      gboolean          *changed);

JsonNode           *crm_attribute_parse_value        (CrmAttributeType   type,
                                                      const char        *text,
                                                      GError           **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmBulkEdit, crm_bulk_edit_unref)

G_END_DECLS
