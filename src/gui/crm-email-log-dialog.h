/* crm-email-log-dialog.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_EMAIL_LOG_DIALOG (crm_email_log_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmEmailLogDialog, crm_email_log_dialog, CRM, EMAIL_LOG_DIALOG,
                      AdwMessageDialog)

GtkWidget *crm_email_log_dialog_new          (GtkWindow         *parent,
                                              CrmStore          *store,
                                              gint64             customer_id,
                                              const char        *customer_name,
                                              AdwToastOverlay   *overlay);
void       crm_email_log_dialog_set_text     (CrmEmailLogDialog *self,
                                              const char        *subject,
                                              const char        *body);

/* Plain function, tested without a display. */
GVariant  *crm_email_log_dialog_build_fields (gint64             customer_id,
                                              const char        *subject,
                                              const char        *body,
                                              const char        *occurred_at,
                                              const char        *author);

G_END_DECLS
