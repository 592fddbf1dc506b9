/* crm-notice-toasts.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

void crm_notice_toasts_attach (AdwToastOverlay *overlay,
                               CrmStore        *store);

G_END_DECLS
