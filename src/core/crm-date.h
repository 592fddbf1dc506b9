/* crm-date.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

char      *crm_timestamp_now     (void);
char      *crm_timestamp_format  (GDateTime   *datetime);
GDateTime *crm_timestamp_parse   (const char  *text);
GDate     *crm_date_parse        (const char  *text);
char      *crm_date_format       (const GDate *date);
GDate     *crm_date_today_local  (void);

G_END_DECLS
