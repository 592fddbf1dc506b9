/* crm-money.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint   crm_currency_get_exponent (const char *currency);
char   *crm_money_format          (gint64      minor,
                                   const char *currency);
gint64  crm_money_weighted        (gint64      minor,
                                   int         likelihood);

G_END_DECLS
