/* crm-money-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-money.h"

G_BEGIN_DECLS

char *_crm_money_format_full (gint64      minor,
                              const char *currency,
                              const char *decimal_point,
                              const char *thousands_sep,
                              const char *grouping);

G_END_DECLS
