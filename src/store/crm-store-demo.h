/* crm-store-demo.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "crm-types.h"

G_BEGIN_DECLS

/* The size of a demo book when none is asked for. */
#define CRM_STORE_DEMO_DEFAULT_SIZE 500

gboolean crm_store_demo_fill    (CrmStore  *store,
                                 guint      n_customers,
                                 GError   **error);
gboolean crm_store_demo_fill_at (CrmStore  *store,
                                 guint      n_customers,
                                 gint64     reference,
                                 GError   **error);

G_END_DECLS
