/* crm-vardict.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GVariant   *crm_vardict_lookup     (GVariant   *dict,
                                    const char *key);
const char *crm_vardict_get_string (GVariant   *dict,
                                    const char *key);

G_END_DECLS
