/* crm-json-lean.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

JsonNode  *crm_json_lean_parse_page  (const char          *data,
                                      gsize                size,
                                      const char * const  *entry_keys);

G_END_DECLS
