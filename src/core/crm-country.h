/* crm-country.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean  crm_country_is_code    (const char *code);
char     *crm_country_dup_name   (const char *code);
char     *crm_country_find_code  (const char *text);

G_END_DECLS
