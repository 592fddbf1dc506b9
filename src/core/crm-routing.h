/* crm-routing.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-filter.h"

G_BEGIN_DECLS

CrmFilter *crm_routing_compile         (const char  *expression,
                                        GError     **error);
gboolean   crm_routing_owner_is_valid  (const char  *owner);
gboolean   crm_routing_needs_owner     (const char  *owner);

G_END_DECLS
