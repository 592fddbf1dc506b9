/* crm-filter-format.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-filter.h"
#include "crm-filter-fields.h"

G_BEGIN_DECLS

/**
 * CrmFilterValueKind:
 * @CRM_FILTER_VALUE_NONE: the comparison takes no value
 * @CRM_FILTER_VALUE_TEXT: one text
 * @CRM_FILTER_VALUE_STATUS: one customer status, picked from a list
 * @CRM_FILTER_VALUE_TYPED: one text read as a number or a boolean when it
 *   looks like one (custom attributes)
 * @CRM_FILTER_VALUE_NUMBER: one number
 * @CRM_FILTER_VALUE_NUMBER_RANGE: two numbers
 * @CRM_FILTER_VALUE_DATE: one date
 * @CRM_FILTER_VALUE_DATE_RANGE: two dates
 * @CRM_FILTER_VALUE_DAYS: a number of days
 * @CRM_FILTER_VALUE_BOOLEAN: true or false
 * @CRM_FILTER_VALUE_LIST: several texts (tags, "is one of")
 *
 * What a person types to complete a condition.
 */
typedef enum
{
  CRM_FILTER_VALUE_NONE,
  CRM_FILTER_VALUE_TEXT,
  CRM_FILTER_VALUE_STATUS,
  CRM_FILTER_VALUE_TYPED,
  CRM_FILTER_VALUE_NUMBER,
  CRM_FILTER_VALUE_NUMBER_RANGE,
  CRM_FILTER_VALUE_DATE,
  CRM_FILTER_VALUE_DATE_RANGE,
  CRM_FILTER_VALUE_DAYS,
  CRM_FILTER_VALUE_BOOLEAN,
  CRM_FILTER_VALUE_LIST,
} CrmFilterValueKind;

const CrmFilterOp  *crm_filter_format_get_ops        (CrmFieldType   type,
                                                      guint         *n_ops);
const char         *crm_filter_format_op             (CrmFilterOp    op,
                                                      CrmFieldType   type);
CrmFilterValueKind  crm_filter_format_value_kind     (const char    *field,
                                                      CrmFieldType   type,
                                                      CrmFilterOp    op);
char               *crm_filter_format_field          (CrmEntityKind  kind,
                                                      const char    *field);
char               *crm_filter_format_attribute      (const char    *key);
char               *crm_filter_format_describe       (CrmFilter     *node,
                                                      CrmEntityKind  kind);
GVariant           *crm_filter_format_parse_typed    (const char    *text);
GVariant           *crm_filter_format_parse_list     (const char    *text,
                                                      gboolean       typed);

G_END_DECLS
