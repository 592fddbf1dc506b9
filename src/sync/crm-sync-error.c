/* crm-sync-error.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-sync-error.h"

G_DEFINE_QUARK (crm-sync-error-quark, crm_sync_error)

/**
 * crm_sync_error_from_http_status:
 * @status: an HTTP status of 400 or more
 *
 * Returns: the code for a failed request with @status
 */
CrmSyncError
crm_sync_error_from_http_status (guint status)
{
  g_return_val_if_fail (status >= 400, CRM_SYNC_ERROR_MALFORMED);

  switch (status)
    {
    case 401:
    case 403:
      return CRM_SYNC_ERROR_UNAUTHORIZED;
    case 404:
      return CRM_SYNC_ERROR_NOT_FOUND;
    case 409:
      return CRM_SYNC_ERROR_CONFLICT;
    case 429:
      return CRM_SYNC_ERROR_RATE_LIMITED;
    case 502:
    case 503:
    case 504:
      return CRM_SYNC_ERROR_UNAVAILABLE;
    default:
      return status < 500 ? CRM_SYNC_ERROR_INVALID : CRM_SYNC_ERROR_SERVER;
    }
}

/**
 * crm_sync_error_is_transient:
 * @error: an error
 *
 * Returns: whether the same request may succeed later unchanged, so the
 *   sync backs off and tries again rather than giving up
 */
gboolean
crm_sync_error_is_transient (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain != CRM_SYNC_ERROR)
    return FALSE;

  return error->code == CRM_SYNC_ERROR_RATE_LIMITED ||
         error->code == CRM_SYNC_ERROR_UNAVAILABLE ||
         error->code == CRM_SYNC_ERROR_NETWORK;
}
