/* crm-subscription-dialog.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SUBSCRIPTION_DIALOG (crm_subscription_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmSubscriptionDialog, crm_subscription_dialog, CRM, SUBSCRIPTION_DIALOG,
                      AdwMessageDialog)

GtkWidget *crm_subscription_dialog_new          (GtkWindow        *parent,
                                                 CrmStore         *store,
                                                 gint64            customer_id,
                                                 const char       *customer_name,
                                                 AdwToastOverlay  *overlay);

/* Plain functions, tested without a display. */
GVariant  *crm_subscription_dialog_build_fields (gint64            customer_id,
                                                 const char       *plan,
                                                 const char       *amount,
                                                 const char       *currency,
                                                 const char       *started_on,
                                                 const char      **bad_field,
                                                 GError          **error);
char      *crm_subscription_dialog_dup_recorded (const char       *customer_name,
                                                 const char       *started_on,
                                                 const char       *today);

G_END_DECLS
