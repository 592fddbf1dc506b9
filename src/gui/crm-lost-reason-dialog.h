/* crm-lost-reason-dialog.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * CRM_LOST_REASON_RESPONSE_LOST:
 *
 * The response that confirms the loss; any other leaves the card alone.
 */
#define CRM_LOST_REASON_RESPONSE_LOST "lost"

#define CRM_TYPE_LOST_REASON_DIALOG (crm_lost_reason_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CrmLostReasonDialog, crm_lost_reason_dialog,
                      CRM, LOST_REASON_DIALOG, AdwMessageDialog)

GtkWidget   *crm_lost_reason_dialog_new        (GtkWindow           *parent,
                                                const char          *opportunity);
GtkEditable *crm_lost_reason_dialog_get_entry  (CrmLostReasonDialog *self);
char        *crm_lost_reason_dialog_dup_reason (CrmLostReasonDialog *self);

G_END_DECLS
