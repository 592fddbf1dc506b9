/* crm-toast-queue.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-types.h"

G_BEGIN_DECLS

void      crm_toast_queue_show        (AdwToastOverlay *overlay,
                                       AdwToast        *toast);
void      crm_toast_queue_show_in_preferences (AdwPreferencesWindow *window,
                                               AdwToast             *toast);
void      crm_toast_queue_set_change  (AdwToast        *toast,
                                       gint64           undo_group,
                                       gboolean         is_notice);
gint64    crm_toast_queue_get_change  (AdwToast        *toast);
AdwToast *crm_toast_queue_find_change (AdwToastOverlay *overlay,
                                       gint64           undo_group);

void             crm_toast_queue_show_change  (AdwToastOverlay *overlay,
                                               CrmStore        *store,
                                               const char      *title,
                                               gint64           undo_group);
void             crm_toast_queue_show_error   (AdwToastOverlay *overlay,
                                               const char      *what,
                                               const GError    *error);
AdwToastOverlay *crm_toast_queue_find_overlay (GtkWidget       *widget);

G_END_DECLS
