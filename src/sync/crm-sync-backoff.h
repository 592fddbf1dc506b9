/* crm-sync-backoff.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CRM_SYNC_BACKOFF_MIN ((gint64) G_USEC_PER_SEC)
#define CRM_SYNC_BACKOFF_MAX ((gint64) 60 * G_USEC_PER_SEC)

gint64    crm_sync_backoff_delay             (guint        attempt,
                                              double       jitter);
gboolean  crm_sync_backoff_parse_retry_after (const char  *value,
                                              gint64       now,
                                              gint64      *delay);

G_END_DECLS
