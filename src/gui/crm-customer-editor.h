/* crm-customer-editor.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-customer.h"
#include "crm-customer-edit.h"

G_BEGIN_DECLS

#define CRM_TYPE_CUSTOMER_EDITOR (crm_customer_editor_get_type ())

G_DECLARE_FINAL_TYPE (CrmCustomerEditor, crm_customer_editor, CRM, CUSTOMER_EDITOR, GtkWidget)

GtkWidget   *crm_customer_editor_new        (void);
void         crm_customer_editor_load       (CrmCustomerEditor  *self,
                                             CrmCustomer        *customer,
                                             const char         *me_email);
GVariant    *crm_customer_editor_build      (CrmCustomerEditor  *self,
                                             GStrv              *tags,
                                             GError            **error);
void         crm_customer_editor_set_owners (CrmCustomerEditor  *self,
                                             const char * const *owners);
void         crm_customer_editor_focus_name (CrmCustomerEditor  *self);
AdwEntryRow *crm_customer_editor_get_row    (CrmCustomerEditor  *self,
                                             CrmCustomerField    field);

G_END_DECLS
