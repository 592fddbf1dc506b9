/* crm-filter-fields.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-filter.h"

G_BEGIN_DECLS

/**
 * CrmFieldType:
 * @CRM_FIELD_TEXT: text
 * @CRM_FIELD_PERSON: a person's email (owner, assignee); also "is me"
 * @CRM_FIELD_NUMBER: an integer or decimal number
 * @CRM_FIELD_DATE: a date
 * @CRM_FIELD_TIMESTAMP: a moment, compared by its local date
 * @CRM_FIELD_BOOLEAN: true or false
 * @CRM_FIELD_TAGS: a set of tags
 * @CRM_FIELD_CUSTOM: a custom attribute, typed by the value it is compared with
 *
 * How a field compares.
 */
typedef enum
{
  CRM_FIELD_TEXT,
  CRM_FIELD_PERSON,
  CRM_FIELD_NUMBER,
  CRM_FIELD_DATE,
  CRM_FIELD_TIMESTAMP,
  CRM_FIELD_BOOLEAN,
  CRM_FIELD_TAGS,
  CRM_FIELD_CUSTOM,
} CrmFieldType;

/**
 * CrmFieldInfo:
 * @name: the field's name in expressions
 * @label: its English label; translate with g_dpgettext2 (NULL, "field", label)
 * @type: how it compares
 *
 * A field that filters of one kind of record can use.
 */
typedef struct
{
  const char   *name;
  const char   *label;
  CrmFieldType  type;
} CrmFieldInfo;

const CrmFieldInfo *crm_filter_fields_get         (CrmEntityKind   kind,
                                                   guint          *n_fields);
const CrmFieldInfo *crm_filter_fields_lookup      (CrmEntityKind   kind,
                                                   const char     *name);
const char         *crm_filter_fields_custom_key  (CrmEntityKind   kind,
                                                   const char     *name);
gboolean            crm_filter_fields_allows      (CrmFieldType    type,
                                                   CrmFilterOp     op);
gboolean            crm_filter_check              (CrmFilter      *filter,
                                                   CrmEntityKind   kind,
                                                   GError        **error);

G_END_DECLS
