/* crm-sync-crash.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_SYNC_CRASH_EXIT_STATUS 86

void crm_sync_crash_point (const char *name);

G_END_DECLS
