/* crm-sync-error.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define CRM_SYNC_ERROR (crm_sync_error_quark ())

/**
 * CrmSyncError:
 * @CRM_SYNC_ERROR_UNAUTHORIZED: the API key was refused (401, 403)
 * @CRM_SYNC_ERROR_NOT_FOUND: the record is not on the server (404)
 * @CRM_SYNC_ERROR_CONFLICT: the server holds a conflicting record (409)
 * @CRM_SYNC_ERROR_INVALID: the server refused the values (400, 422, other 4xx)
 * @CRM_SYNC_ERROR_RATE_LIMITED: too many requests; try again later (429)
 * @CRM_SYNC_ERROR_UNAVAILABLE: the server is unavailable for now (502, 503, 504)
 * @CRM_SYNC_ERROR_SERVER: the server failed on this request (500, other 5xx)
 * @CRM_SYNC_ERROR_NETWORK: the server could not be reached
 * @CRM_SYNC_ERROR_MALFORMED: the reply could not be understood
 *
 * What went wrong while talking to the server. HTTP statuses map to these
 * codes in crm_sync_error_from_http_status() and nowhere else.
 */
typedef enum
{
  CRM_SYNC_ERROR_UNAUTHORIZED,
  CRM_SYNC_ERROR_NOT_FOUND,
  CRM_SYNC_ERROR_CONFLICT,
  CRM_SYNC_ERROR_INVALID,
  CRM_SYNC_ERROR_RATE_LIMITED,
  CRM_SYNC_ERROR_UNAVAILABLE,
  CRM_SYNC_ERROR_SERVER,
  CRM_SYNC_ERROR_NETWORK,
  CRM_SYNC_ERROR_MALFORMED,
} CrmSyncError;

GQuark        crm_sync_error_quark            (void);
CrmSyncError  crm_sync_error_from_http_status (guint          status);
gboolean      crm_sync_error_is_transient     (const GError  *error);
char         *crm_sync_error_dup_body_message (GBytes        *body);
GError       *crm_sync_error_new_for_response (guint          status,
                                               GBytes        *body);
GError       *crm_sync_error_new_for_transport (const GError *error);

G_END_DECLS
