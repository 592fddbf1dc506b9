/* crm-account.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_ACCOUNT_DEFAULT_BASE_URL "https://api.chartmogul.com"

#define CRM_TYPE_ACCOUNT (crm_account_get_type ())

G_DECLARE_FINAL_TYPE (CrmAccount, crm_account, CRM, ACCOUNT, GObject)

CrmAccount    *crm_account_new                  (CrmStore             *store);
const char    *crm_account_get_base_url         (CrmAccount           *self);
const char    *crm_account_get_data_source_uuid (CrmAccount           *self);
const char    *crm_account_get_data_source_name (CrmAccount           *self);
gboolean       crm_account_get_is_configured    (CrmAccount           *self);
CrmKeyStorage  crm_account_get_key_storage      (CrmAccount           *self);

void           crm_account_lookup_key_async     (CrmAccount           *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
char          *crm_account_lookup_key_finish    (CrmAccount           *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           crm_account_save_async           (CrmAccount           *self,
                                                 const char           *base_url,
                                                 const char           *data_source_uuid,
                                                 const char           *data_source_name,
                                                 const char           *api_key,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       crm_account_save_finish          (CrmAccount           *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void           crm_account_remove_async         (CrmAccount           *self,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
gboolean       crm_account_remove_finish        (CrmAccount           *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

gboolean       crm_account_check_base_url       (const char           *base_url,
                                                 GError              **error);

G_END_DECLS
