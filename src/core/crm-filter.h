/* crm-filter.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_FILTER_ERROR (crm_filter_error_quark ())

/**
 * CrmFilterError:
 * @CRM_FILTER_ERROR_SYNTAX: the text is not a filter expression
 * @CRM_FILTER_ERROR_FIELD: a field is unknown for the kind of record
 * @CRM_FILTER_ERROR_OPERATOR: the comparison does not fit the field's type
 * @CRM_FILTER_ERROR_VALUE: a value does not fit the comparison
 */
typedef enum
{
  CRM_FILTER_ERROR_SYNTAX,
  CRM_FILTER_ERROR_FIELD,
  CRM_FILTER_ERROR_OPERATOR,
  CRM_FILTER_ERROR_VALUE,
} CrmFilterError;

/**
 * CrmFilterOp:
 * @CRM_FILTER_OP_IS: text, number, boolean or date equals the value
 * @CRM_FILTER_OP_IS_NOT: differs from the value (or is empty)
 * @CRM_FILTER_OP_IS_ME: holds the email of "me" (no value)
 * @CRM_FILTER_OP_CONTAINS: text contains the value, ignoring case
 * @CRM_FILTER_OP_NOT_CONTAINS: text does not contain the value
 * @CRM_FILTER_OP_IS_EMPTY: no value at all, or an empty text (no value)
 * @CRM_FILTER_OP_IS_PRESENT: a value that is not empty (no value)
 * @CRM_FILTER_OP_IS_ONE_OF: equals one of a list of values
 * @CRM_FILTER_OP_LESS: number below the value
 * @CRM_FILTER_OP_GREATER: number above the value
 * @CRM_FILTER_OP_LESS_EQUAL: number at most the value
 * @CRM_FILTER_OP_GREATER_EQUAL: number at least the value
 * @CRM_FILTER_OP_BETWEEN: number or date within two values, both included
 * @CRM_FILTER_OP_ON: date on the day
 * @CRM_FILTER_OP_BEFORE: date before the day
 * @CRM_FILTER_OP_AFTER: date after the day
 * @CRM_FILTER_OP_WITHIN_DAYS: date within the last N days, today included
 * @CRM_FILTER_OP_HAS_ANY: tags include at least one of a list
 * @CRM_FILTER_OP_HAS_ALL: tags include every one of a list
 * @CRM_FILTER_OP_HAS_NONE: tags include none of a list
 *
 * The comparisons a condition can make. Numbers use %CRM_FILTER_OP_IS and
 * %CRM_FILTER_OP_IS_NOT for = and ≠.
 */
typedef enum
{
  CRM_FILTER_OP_IS,
  CRM_FILTER_OP_IS_NOT,
  CRM_FILTER_OP_IS_ME,
  CRM_FILTER_OP_CONTAINS,
  CRM_FILTER_OP_NOT_CONTAINS,
  CRM_FILTER_OP_IS_EMPTY,
  CRM_FILTER_OP_IS_PRESENT,
  CRM_FILTER_OP_IS_ONE_OF,
  CRM_FILTER_OP_LESS,
  CRM_FILTER_OP_GREATER,
  CRM_FILTER_OP_LESS_EQUAL,
  CRM_FILTER_OP_GREATER_EQUAL,
  CRM_FILTER_OP_BETWEEN,
  CRM_FILTER_OP_ON,
  CRM_FILTER_OP_BEFORE,
  CRM_FILTER_OP_AFTER,
  CRM_FILTER_OP_WITHIN_DAYS,
  CRM_FILTER_OP_HAS_ANY,
  CRM_FILTER_OP_HAS_ALL,
  CRM_FILTER_OP_HAS_NONE,
} CrmFilterOp;

/**
 * CrmFilterNode:
 * @CRM_FILTER_NODE_ALL: a group whose children must all hold (and)
 * @CRM_FILTER_NODE_ANY: a group of which one child must hold (or)
 * @CRM_FILTER_NODE_NOT: one child that must not hold
 * @CRM_FILTER_NODE_CONDITION: a comparison of one field
 *
 * What a node of a filter's tree is.
 */
typedef enum
{
  CRM_FILTER_NODE_ALL,
  CRM_FILTER_NODE_ANY,
  CRM_FILTER_NODE_NOT,
  CRM_FILTER_NODE_CONDITION,
} CrmFilterNode;

#define CRM_TYPE_FILTER (crm_filter_get_type ())

GQuark         crm_filter_error_quark        (void);
GType          crm_filter_get_type           (void) G_GNUC_CONST;

CrmFilter     *crm_filter_new                (void);
CrmFilter     *crm_filter_new_group          (CrmFilterNode  node);
CrmFilter     *crm_filter_new_condition      (const char    *field,
                                              CrmFilterOp    op,
                                              GVariant      *value);
CrmFilter     *crm_filter_parse              (const char    *text,
                                              GError       **error);
char          *crm_filter_to_string          (CrmFilter     *self);
CrmFilter     *crm_filter_ref                (CrmFilter     *self);
void           crm_filter_unref              (CrmFilter     *self);
CrmFilter     *crm_filter_copy               (CrmFilter     *self);

void           crm_filter_add                (CrmFilter     *self,
                                              const char    *field,
                                              CrmFilterOp    op,
                                              GVariant      *value);
void           crm_filter_append             (CrmFilter     *self,
                                              CrmFilter     *child);
void           crm_filter_remove             (CrmFilter     *self,
                                              guint          index);

CrmFilterNode  crm_filter_get_node           (CrmFilter     *self);
guint          crm_filter_get_n_children     (CrmFilter     *self);
CrmFilter     *crm_filter_get_child          (CrmFilter     *self,
                                              guint          index);
const char    *crm_filter_get_field          (CrmFilter     *self,
                                              CrmFilterOp   *op,
                                              GVariant     **value);
gboolean       crm_filter_is_empty           (CrmFilter     *self);
gboolean       crm_filter_equal              (CrmFilter     *a,
                                              CrmFilter     *b);

const char    *crm_filter_op_to_string       (CrmFilterOp    op);
gboolean       crm_filter_op_takes_value     (CrmFilterOp    op);

GVariant      *crm_filter_value_new_date     (const GDate   *date);
gboolean       crm_filter_value_is_date      (GVariant      *value);
GDate         *crm_filter_value_dup_date     (GVariant      *value);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFilter, crm_filter_unref)

G_END_DECLS
