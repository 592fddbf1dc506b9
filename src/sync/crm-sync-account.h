/* crm-sync-account.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_SYNC_DEFAULT_API_URL "https://api.chartmogul.com"
#define CRM_SYNC_SETTING_API_URL "sync.api_url"

char     *crm_sync_account_lookup_key   (const char    *profile,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  crm_sync_account_store_key    (const char    *profile,
                                         const char    *api_key,
                                         GCancellable  *cancellable,
                                         GError       **error);
gboolean  crm_sync_account_clear_key    (const char    *profile,
                                         GCancellable  *cancellable,
                                         GError       **error);

G_END_DECLS
