/* crm-filter-condition-editor.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-filter.h"

G_BEGIN_DECLS

#define CRM_TYPE_FILTER_CONDITION_EDITOR (crm_filter_condition_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmFilterConditionEditor, crm_filter_condition_editor,
                      CRM, FILTER_CONDITION_EDITOR, GtkWidget)

GtkWidget *crm_filter_condition_editor_new                (CrmEntityKind              kind);
void       crm_filter_condition_editor_set_attribute_keys (CrmFilterConditionEditor  *self,
                                                           const char * const        *keys);
gboolean   crm_filter_condition_editor_select             (CrmFilterConditionEditor  *self,
                                                           const char                *field,
                                                           CrmFilterOp                op);
CrmFilter *crm_filter_condition_editor_dup_condition      (CrmFilterConditionEditor  *self);
gboolean   crm_filter_condition_editor_get_valid          (CrmFilterConditionEditor  *self);
gboolean   crm_filter_condition_editor_get_removable      (CrmFilterConditionEditor  *self);
void       crm_filter_condition_editor_set_removable      (CrmFilterConditionEditor  *self,
                                                           gboolean                   removable);
void       crm_filter_condition_editor_reset              (CrmFilterConditionEditor  *self);

G_END_DECLS
