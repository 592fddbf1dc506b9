/* crm-template.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-template"

#include "config.h"

#include "crm-record-private.h"
#include "crm-template.h"

/**
 * CrmTemplate:
 *
 * An email template with merge fields. Its properties are the columns of
 * the `templates` table; see #CrmRecord.
 */

struct _CrmTemplate
{
  CrmRecord   parent_instance;

  char       *name;
  char       *subject;
  char       *body;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmTemplate, crm_template, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmTemplate, name, STRING),
  CRM_FIELD_TEXT (CrmTemplate, subject, ""),
  CRM_FIELD_TEXT (CrmTemplate, body, ""),
  CRM_FIELD (CrmTemplate, created_at, DATETIME),
  CRM_FIELD (CrmTemplate, updated_at, DATETIME),
};

static void
crm_template_class_init (CrmTemplateClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_template_init (CrmTemplate *self)
{
}

/**
 * crm_template_get_name:
 * @self: a #CrmTemplate
 *
 * Gets the name of the template.
 *
 * Returns: the name
 */
const char *
crm_template_get_name (CrmTemplate *self)
{
  g_return_val_if_fail (CRM_IS_TEMPLATE (self), NULL);

  return self->name;
}

/**
 * crm_template_get_subject:
 * @self: a #CrmTemplate
 *
 * Gets the subject, with merge fields.
 *
 * Returns: the subject, possibly empty
 */
const char *
crm_template_get_subject (CrmTemplate *self)
{
  g_return_val_if_fail (CRM_IS_TEMPLATE (self), NULL);

  return self->subject;
}

/**
 * crm_template_get_body:
 * @self: a #CrmTemplate
 *
 * Gets the body, with merge fields.
 *
 * Returns: the body, possibly empty
 */
const char *
crm_template_get_body (CrmTemplate *self)
{
  g_return_val_if_fail (CRM_IS_TEMPLATE (self), NULL);

  return self->body;
}

/**
 * crm_template_get_created_at:
 * @self: a #CrmTemplate
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_template_get_created_at (CrmTemplate *self)
{
  g_return_val_if_fail (CRM_IS_TEMPLATE (self), NULL);

  return self->created_at;
}

/**
 * crm_template_get_updated_at:
 * @self: a #CrmTemplate
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_template_get_updated_at (CrmTemplate *self)
{
  g_return_val_if_fail (CRM_IS_TEMPLATE (self), NULL);

  return self->updated_at;
}
