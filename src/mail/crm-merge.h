/* crm-merge.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-contact.h"
#include "crm-customer.h"

G_BEGIN_DECLS

/**
 * CrmMergeEscape:
 * @CRM_MERGE_ESCAPE_NONE: values are inserted as they are (plain text body)
 * @CRM_MERGE_ESCAPE_HTML: `&`, `<`, `>`, `"` and `'` in values become
 *   character references (HTML body)
 * @CRM_MERGE_ESCAPE_HEADER: line breaks in values become spaces, so that a
 *   value can never start a new header line (subject)
 *
 * How crm_merge_render() escapes field values for the place the result
 * goes to. The template's own text is never escaped.
 */
typedef enum
{
  CRM_MERGE_ESCAPE_NONE,
  CRM_MERGE_ESCAPE_HTML,
  CRM_MERGE_ESCAPE_HEADER,
} CrmMergeEscape;

/**
 * CrmMergeWarningKind:
 * @CRM_MERGE_WARNING_EMPTY: a known field has no value, so it renders empty
 * @CRM_MERGE_WARNING_UNKNOWN: the field is not known, so it renders empty
 *
 * Why crm_merge_check() reports a field.
 */
typedef enum
{
  CRM_MERGE_WARNING_EMPTY,
  CRM_MERGE_WARNING_UNKNOWN,
} CrmMergeWarningKind;

typedef struct _CrmMergeContext CrmMergeContext;
typedef struct _CrmMergeWarning CrmMergeWarning;

#define CRM_TYPE_MERGE_CONTEXT (crm_merge_context_get_type ())
#define CRM_TYPE_MERGE_WARNING (crm_merge_warning_get_type ())

GType                crm_merge_context_get_type (void) G_GNUC_CONST;
CrmMergeContext     *crm_merge_context_new      (void);
CrmMergeContext     *crm_merge_context_new_for  (CrmCustomer     *customer,
                                                 CrmContact      *contact,
                                                 const char      *user_name,
                                                 const char      *user_email);
CrmMergeContext     *crm_merge_context_ref      (CrmMergeContext *self);
void                 crm_merge_context_unref    (CrmMergeContext *self);
void                 crm_merge_context_set      (CrmMergeContext *self,
                                                 const char      *field,
                                                 const char      *value);
const char          *crm_merge_context_get      (CrmMergeContext *self,
                                                 const char      *field);

GType                crm_merge_warning_get_type    (void) G_GNUC_CONST;
CrmMergeWarning     *crm_merge_warning_copy        (CrmMergeWarning *self);
void                 crm_merge_warning_free        (CrmMergeWarning *self);
CrmMergeWarningKind  crm_merge_warning_get_kind    (CrmMergeWarning *self);
const char          *crm_merge_warning_get_field   (CrmMergeWarning *self);
const char          *crm_merge_warning_get_message (CrmMergeWarning *self);

const char * const  *crm_merge_get_known_fields (void);
GPtrArray           *crm_merge_check            (const char      *template,
                                                 CrmMergeContext *ctx);
char                *crm_merge_render           (const char      *template,
                                                 CrmMergeContext *ctx,
                                                 CrmMergeEscape   escape);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmMergeContext, crm_merge_context_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmMergeWarning, crm_merge_warning_free)

G_END_DECLS
