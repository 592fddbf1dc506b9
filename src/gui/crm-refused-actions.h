/* crm-refused-actions.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-sync-session.h"

G_BEGIN_DECLS

CrmSyncSession *crm_refused_actions_find_session (CrmStore        *store);
void            crm_refused_actions_edit         (CrmSyncSession  *session,
                                                  gint64           change_id,
                                                  const char      *label,
                                                  AdwToastOverlay *overlay,
                                                  GCancellable    *cancellable);
void            crm_refused_actions_discard      (CrmSyncSession  *session,
                                                  gint64           change_id,
                                                  const char      *operation,
                                                  const char      *label,
                                                  AdwToastOverlay *overlay,
                                                  GCancellable    *cancellable);
GtkWidget      *crm_refused_actions_new_edit_button    (GCallback clicked);
GtkWidget      *crm_refused_actions_new_discard_button (GCallback clicked);

G_END_DECLS
