/* crm-fake-server.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-sync-clock.h"

G_BEGIN_DECLS

/**
 * CrmFakeFaultKind:
 * @CRM_FAKE_FAULT_STATUS: answer with a status (and a body, plain text for
 *   a 5xx unless one is given) without doing anything
 * @CRM_FAKE_FAULT_STATUS_AFTER: do the request, then answer with a status
 *   as if it had failed (a 502 from a proxy after the server created the
 *   record)
 * @CRM_FAKE_FAULT_DROP_BEFORE: close the connection without doing anything
 * @CRM_FAKE_FAULT_DROP_AFTER: do the request, then close the connection
 *   without an answer
 * @CRM_FAKE_FAULT_SLOW: answer normally after a delay
 * @CRM_FAKE_FAULT_BODY: answer 200 with the given body (malformed or
 *   wrongly-typed JSON)
 * @CRM_FAKE_FAULT_TRUNCATE: do the request and answer with only the first
 *   half of the body
 *
 * What the fake server does to a request a fault matches.
 */
typedef enum
{
  CRM_FAKE_FAULT_STATUS,
  CRM_FAKE_FAULT_STATUS_AFTER,
  CRM_FAKE_FAULT_DROP_BEFORE,
  CRM_FAKE_FAULT_DROP_AFTER,
  CRM_FAKE_FAULT_SLOW,
  CRM_FAKE_FAULT_BODY,
  CRM_FAKE_FAULT_TRUNCATE,
} CrmFakeFaultKind;

/**
 * CrmFakeFault:
 * @method: the method it matches, or %NULL for any
 * @path: the path it matches, a prefix such as `/v1/customers`
 * @query: (nullable): text the raw query must contain (`cursor=`)
 * @skip: how many matching requests go through before it applies
 * @times: how many requests it applies to; 0 for all that follow
 * @kind: what it does
 * @status: the status of %CRM_FAKE_FAULT_STATUS
 * @retry_after: (nullable): a Retry-After header to send with it
 * @body: (nullable): the body to send
 * @delay_ms: the delay of %CRM_FAKE_FAULT_SLOW
 */
typedef struct
{
  const char       *method;
  const char       *path;
  const char       *query;
  guint             skip;
  guint             times;
  CrmFakeFaultKind  kind;
  guint             status;
  const char       *retry_after;
  const char       *body;
  guint             delay_ms;
} CrmFakeFault;

/**
 * CrmFakeRequest:
 * @method: the method
 * @path: the path
 * @query: (nullable): the raw query string
 * @body: (nullable): the request's body
 * @time: when it arrived, on the server's clock (µs since the epoch)
 * @status: the status answered; 0 when the connection was dropped
 */
typedef struct
{
  char   *method;
  char   *path;
  char   *query;
  char   *body;
  gint64  time;
  guint   status;
} CrmFakeRequest;

typedef struct _CrmFakeServer CrmFakeServer;

/**
 * CrmFakeServerHook:
 * @server: the server
 * @request: the request just answered
 * @user_data: the data given with the hook
 *
 * Called after each answer, on the server's thread, with the server's
 * lock held (the hook may edit the records through the server's API).
 */
typedef void (*CrmFakeServerHook) (CrmFakeServer        *server,
                                   const CrmFakeRequest *request,
                                   gpointer              user_data);

/**
 * CrmFakeGenerator:
 * @index: which record, from 0
 * @user_data: the data given with the generator
 *
 * Returns: (transfer full): the record's JSON object, as the server sends it
 */
typedef JsonObject *(*CrmFakeGenerator) (guint    index,
                                         gpointer user_data);

/**
 * CrmFakeTextGenerator:
 * @index: which record, from 0
 * @json: where to append the record's JSON object
 * @user_data: the data given with the generator
 *
 * Writes a record as text, for lists too large to build as JSON objects.
 */
typedef void (*CrmFakeTextGenerator) (guint    index,
                                      GString *json,
                                      gpointer user_data);

CrmFakeServer        *crm_fake_server_new            (const char           *api_key);
CrmFakeServer        *crm_fake_server_new_in_thread  (const char           *api_key);
void                  crm_fake_server_free           (CrmFakeServer        *self);
const char           *crm_fake_server_get_url        (CrmFakeServer        *self);
void                  crm_fake_server_set_clock      (CrmFakeServer        *self,
                                                      CrmSyncClock         *clock);
void                  crm_fake_server_set_page_size  (CrmFakeServer        *self,
                                                      guint                 page_size);
void                  crm_fake_server_set_hook       (CrmFakeServer        *self,
                                                      CrmFakeServerHook     hook,
                                                      gpointer              user_data);

char                 *crm_fake_server_add            (CrmFakeServer        *self,
                                                      const char           *resource,
                                                      const char           *json);
void                  crm_fake_server_edit           (CrmFakeServer        *self,
                                                      const char           *resource,
                                                      const char           *uuid,
                                                      const char           *json);
void                  crm_fake_server_remove         (CrmFakeServer        *self,
                                                      const char           *resource,
                                                      const char           *uuid);
JsonObject           *crm_fake_server_dup            (CrmFakeServer        *self,
                                                      const char           *resource,
                                                      const char           *uuid);
guint                 crm_fake_server_count          (CrmFakeServer        *self,
                                                      const char           *resource);
GPtrArray            *crm_fake_server_dup_all        (CrmFakeServer        *self,
                                                      const char           *resource);
void                  crm_fake_server_generate       (CrmFakeServer        *self,
                                                      const char           *resource,
                                                      guint                 n_records,
                                                      CrmFakeGenerator      generator,
                                                      gpointer              user_data);

void                  crm_fake_server_generate_text  (CrmFakeServer        *self,
                                                      const char           *resource,
                                                      guint                 n_records,
                                                      CrmFakeTextGenerator  generator,
                                                      gpointer              user_data);

void                  crm_fake_server_add_fault      (CrmFakeServer        *self,
                                                      const CrmFakeFault   *fault);
void                  crm_fake_server_clear_faults   (CrmFakeServer        *self);

guint                 crm_fake_server_get_n_requests (CrmFakeServer        *self);
CrmFakeRequest       *crm_fake_server_dup_request    (CrmFakeServer        *self,
                                                      guint                 index);
guint                 crm_fake_server_count_requests (CrmFakeServer        *self,
                                                      const char           *method,
                                                      const char           *path);
void                  crm_fake_server_clear_requests (CrmFakeServer        *self);
void                  crm_fake_request_free          (CrmFakeRequest       *request);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFakeServer, crm_fake_server_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmFakeRequest, crm_fake_request_free)

G_END_DECLS
