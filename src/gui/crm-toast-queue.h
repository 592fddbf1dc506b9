/* crm-toast-queue.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

void crm_toast_queue_show (AdwToastOverlay *overlay,
                          AdwToast        *toast);

G_END_DECLS
