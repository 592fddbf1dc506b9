/* crm-filter.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-types.h"

G_BEGIN_DECLS

/**
 * CrmFilterOp:
 * @CRM_FILTER_OP_IS: the field equals the value
 * @CRM_FILTER_OP_IS_NOT: the field differs from the value (or is empty)
 * @CRM_FILTER_OP_IS_ME: the field holds the email of "me" (no value)
 *
 * The comparisons a #CrmFilter condition can make.
 */
typedef enum
{
  CRM_FILTER_OP_IS,
  CRM_FILTER_OP_IS_NOT,
  CRM_FILTER_OP_IS_ME,
} CrmFilterOp;

#define CRM_TYPE_FILTER (crm_filter_get_type ())

GType       crm_filter_get_type      (void) G_GNUC_CONST;
CrmFilter  *crm_filter_new           (void);
CrmFilter  *crm_filter_ref           (CrmFilter   *self);
void        crm_filter_unref         (CrmFilter   *self);
void        crm_filter_add           (CrmFilter   *self,
                                      const char  *field,
                                      CrmFilterOp  op,
                                      GVariant    *value);
guint       crm_filter_get_n_conditions (CrmFilter *self);
const char *crm_filter_get_field     (CrmFilter   *self,
                                      guint        index,
                                      CrmFilterOp *op,
                                      GVariant   **value);
gboolean    crm_filter_equal         (CrmFilter   *a,
                                      CrmFilter   *b);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFilter, crm_filter_unref)

G_END_DECLS
