/* crm-api-client.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <json-glib/json-glib.h>

#include "crm-api-page.h"
#include "crm-sync-clock.h"

G_BEGIN_DECLS

/**
 * CrmApiCallFlags:
 * @CRM_API_CALL_DEFAULT: the request may be sent again after any transient
 *   failure (GET, PATCH, DELETE)
 * @CRM_API_CALL_CREATE: the request creates a record; it is sent again
 *   only after a 429 or 503, which the server answers before doing
 *   anything. After any other failure the outcome is unknown, and the
 *   caller must look for the record before trying again.
 *
 * How a request may be retried.
 */
typedef enum
{
  CRM_API_CALL_DEFAULT = 0,
  CRM_API_CALL_CREATE  = 1 << 0,
} CrmApiCallFlags;

#define CRM_API_PER_PAGE 200
#define CRM_API_DEFAULT_MAX_ATTEMPTS 8

#define CRM_TYPE_API_CLIENT (crm_api_client_get_type ())

G_DECLARE_FINAL_TYPE (CrmApiClient, crm_api_client, CRM, API_CLIENT, GObject)

gboolean      crm_api_client_check_base_url     (const char           *base_url,
                                                 GError              **error);
CrmApiClient *crm_api_client_new                (const char           *base_url,
                                                 const char           *api_key,
                                                 GError              **error);
const char   *crm_api_client_get_base_url       (CrmApiClient         *self);
CrmSyncClock *crm_api_client_get_clock          (CrmApiClient         *self);
void          crm_api_client_set_clock          (CrmApiClient         *self,
                                                 CrmSyncClock         *clock);
guint         crm_api_client_get_max_attempts   (CrmApiClient         *self);
void          crm_api_client_set_max_attempts   (CrmApiClient         *self,
                                                 guint                 max_attempts);
void          crm_api_client_set_timeout        (CrmApiClient         *self,
                                                 guint                 seconds);
gint64        crm_api_client_get_waiting_until  (CrmApiClient         *self);
int           crm_api_client_get_wait_reason    (CrmApiClient         *self);

void          crm_api_client_call_async         (CrmApiClient         *self,
                                                 const char           *method,
                                                 const char           *path,
                                                 const char * const   *query,
                                                 JsonNode             *body,
                                                 CrmApiCallFlags       flags,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
JsonNode     *crm_api_client_call_finish        (CrmApiClient         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);
void          crm_api_client_list_async         (CrmApiClient         *self,
                                                 const char           *path,
                                                 const char * const   *query,
                                                 const char           *cursor,
                                                 CrmApiPageMapFunc     map_func,
                                                 gpointer              map_data,
                                                 GDestroyNotify        mapped_free,
                                                 GCancellable         *cancellable,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
CrmApiPage   *crm_api_client_list_finish        (CrmApiClient         *self,
                                                 GAsyncResult         *result,
                                                 GError              **error);

G_END_DECLS
