/* crm-fake-server.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-fake-server"

#include "config.h"

#include <string.h>

#include <libsoup/soup.h>

#include "crm-fake-server-private.h"

/*
 * A fake ChartMogul on loopback, for tests and benchmarks. It serves the
 * shapes of the contract as the real service sends them — hyphenated
 * keys, `task_uuid`, a cursor still present on the last page, 404 on an
 * empty customer search, plain-text 5xx bodies, customers in
 * `customer-since` then id order and the other lists newest first — and
 * its cursors behave as section 13 says: a cursor is the sort key of the
 * last record served, so a scan sees each record at most once even while
 * records are edited or added. It keeps its own records, so a test can
 * change them "on the server" between two pages, and injects faults.
 */

#define DEFAULT_PAGE_SIZE 200

static void
fake_fault_free (gpointer data)
{
  FakeFault *fault = data;

  g_free (fault->method);
  g_free (fault->path);
  g_free (fault->query);
  g_free (fault->retry_after);
  g_free (fault->body);
  g_free (fault);
}

/**
 * crm_fake_request_free:
 * @request: a request of the log
 */
void
crm_fake_request_free (CrmFakeRequest *request)
{
  if (request == NULL)
    return;

  g_free (request->method);
  g_free (request->path);
  g_free (request->query);
  g_free (request->body);
  g_free (request);
}

static CrmFakeRequest *
fake_request_copy (const CrmFakeRequest *request)
{
  CrmFakeRequest *copy = g_new0 (CrmFakeRequest, 1);

  copy->method = g_strdup (request->method);
  copy->path = g_strdup (request->path);
  copy->query = g_strdup (request->query);
  copy->body = g_strdup (request->body);
  copy->time = request->time;
  copy->status = request->status;
  return copy;
}

gint64
_crm_fake_server_now (CrmFakeServer *self)
{
  return self->clock != NULL ? crm_sync_clock_get_real_time (self->clock) : g_get_real_time ();
}

static gboolean
fault_matches (FakeFault         *fault,
               SoupServerMessage *msg,
               const char        *path,
               const char        *query)
{
  if (fault->method != NULL && g_strcmp0 (fault->method, soup_server_message_get_method (msg)) != 0)
    return FALSE;

  if (!g_str_has_prefix (path, fault->path))
    return FALSE;

  return fault->query == NULL || (query != NULL && strstr (query, fault->query) != NULL);
}

/* The first fault that applies to this request, counting it against every
 * fault it matches. */
static FakeFault *
take_fault (CrmFakeServer     *self,
            SoupServerMessage *msg,
            const char        *path,
            const char        *query)
{
  FakeFault *chosen = NULL;

  for (guint i = 0; i < self->faults->len; i++)
    {
      FakeFault *fault = g_ptr_array_index (self->faults, i);

      if (!fault_matches (fault, msg, path, query))
        continue;

      fault->matched++;
      if (chosen != NULL || fault->matched <= fault->skip)
        continue;
      if (fault->times != 0 && fault->applied >= fault->times)
        continue;

      fault->applied++;
      chosen = fault;
    }

  return chosen;
}

static void
set_plain (SoupServerMessage *msg,
           guint              status,
           const char        *text)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_COPY, text, strlen (text));
}

void
_crm_fake_server_set_json (SoupServerMessage *msg,
                           guint              status,
                           const char        *json)
{
  soup_server_message_set_status (msg, status, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_COPY,
                                    json, strlen (json));
}

static void
set_fault_status (SoupServerMessage *msg,
                  FakeFault         *fault)
{
  SoupMessageHeaders *headers = soup_server_message_get_response_headers (msg);
  g_autofree char *text = NULL;

  if (fault->retry_after != NULL)
    soup_message_headers_replace (headers, "Retry-After", fault->retry_after);

  if (fault->body != NULL && fault->body[0] == '{')
    {
      _crm_fake_server_set_json (msg, fault->status, fault->body);
      return;
    }

  /* 5xx bodies of the real service are plain text. */
  text = fault->body != NULL ? g_strdup (fault->body)
                             : g_strdup_printf ("%u %s", fault->status,
                                                fault->status == 429
                                                ? "Too Many Requests"
                                                : soup_status_get_phrase (fault->status));
  set_plain (msg, fault->status, text);
}

static void
drop_connection (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream != NULL)
    g_io_stream_close (stream, NULL, NULL);
}

static void
truncate_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_response_body (msg);
  g_autoptr(GBytes) whole = soup_message_body_flatten (body);
  gsize size = g_bytes_get_size (whole);
  g_autofree char *half = g_strndup (g_bytes_get_data (whole, NULL), size / 2);

  soup_message_body_truncate (body);
  soup_message_body_append (body, SOUP_MEMORY_COPY, half, strlen (half));
}

typedef struct
{
  SoupServerMessage *msg;
} Delayed;

static gboolean
on_delay_over_cb (gpointer user_data)
{
  Delayed *delayed = user_data;

  soup_server_message_unpause (delayed->msg);
  g_object_unref (delayed->msg);
  g_free (delayed);

  return G_SOURCE_REMOVE;
}

static void
delay_answer (CrmFakeServer     *self,
              SoupServerMessage *msg,
              guint              delay_ms)
{
  g_autoptr(GSource) source = g_timeout_source_new (delay_ms);
  Delayed *delayed = g_new0 (Delayed, 1);

  delayed->msg = g_object_ref (msg);
  soup_server_message_pause (msg);
  g_source_set_callback (source, on_delay_over_cb, delayed, NULL);
  g_source_attach (source, self->context);
}

static gboolean
is_authorized (CrmFakeServer     *self,
               SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  return g_strcmp0 (soup_message_headers_get_one (headers, "Authorization"),
                    self->authorization) == 0;
}

static CrmFakeRequest *
log_request (CrmFakeServer     *self,
             SoupServerMessage *msg,
             const char        *path,
             const char        *query)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  CrmFakeRequest *request = g_new0 (CrmFakeRequest, 1);

  request->method = g_strdup (soup_server_message_get_method (msg));
  request->path = g_strdup (path);
  request->query = g_strdup (query);
  if (body != NULL && body->length > 0)
    request->body = g_strndup (body->data, body->length);
  request->time = _crm_fake_server_now (self);

  g_ptr_array_add (self->requests, request);
  return request;
}

/* Pre-faults answer instead of the server; post-faults change its answer. */
static gboolean
apply_fault_before (CrmFakeServer     *self,
                    SoupServerMessage *msg,
                    FakeFault         *fault)
{
  switch (fault->kind)
    {
    case CRM_FAKE_FAULT_STATUS:
      set_fault_status (msg, fault);
      return TRUE;
    case CRM_FAKE_FAULT_DROP_BEFORE:
      drop_connection (msg);
      return TRUE;
    case CRM_FAKE_FAULT_BODY:
      _crm_fake_server_set_json (msg, SOUP_STATUS_OK, fault->body != NULL ? fault->body : "");
      return TRUE;
    case CRM_FAKE_FAULT_STATUS_AFTER:
    case CRM_FAKE_FAULT_DROP_AFTER:
    case CRM_FAKE_FAULT_SLOW:
    case CRM_FAKE_FAULT_TRUNCATE:
    default:
      return FALSE;
    }
}

static void
apply_fault_after (CrmFakeServer     *self,
                   SoupServerMessage *msg,
                   FakeFault         *fault)
{
  switch (fault->kind)
    {
    case CRM_FAKE_FAULT_STATUS_AFTER:
      set_fault_status (msg, fault);
      break;
    case CRM_FAKE_FAULT_DROP_AFTER:
      drop_connection (msg);
      break;
    case CRM_FAKE_FAULT_SLOW:
      delay_answer (self, msg, fault->delay_ms);
      break;
    case CRM_FAKE_FAULT_TRUNCATE:
      truncate_body (msg);
      break;
    case CRM_FAKE_FAULT_STATUS:
    case CRM_FAKE_FAULT_DROP_BEFORE:
    case CRM_FAKE_FAULT_BODY:
    default:
      break;
    }
}

static void
on_request_cb (SoupServer        *server,
               SoupServerMessage *msg,
               const char        *path,
               GHashTable        *query,
               gpointer           user_data)
{
  CrmFakeServer *self = user_data;
  const char *raw_query = g_uri_get_query (soup_server_message_get_uri (msg));
  CrmFakeRequest *request;
  FakeFault *fault;
  gboolean dropped;

  g_rec_mutex_lock (&self->lock);

  request = log_request (self, msg, path, raw_query);
  fault = take_fault (self, msg, path, raw_query);

  if (!is_authorized (self, msg))
    _crm_fake_server_set_json (msg, SOUP_STATUS_UNAUTHORIZED,
                               "{\"code\":401,\"message\":\"No valid API key provided\","
                               "\"param\":null}");
  else if (fault == NULL || !apply_fault_before (self, msg, fault))
    {
      _crm_fake_server_route (self, msg, path, query);
      if (fault != NULL)
        apply_fault_after (self, msg, fault);
    }

  dropped = fault != NULL && (fault->kind == CRM_FAKE_FAULT_DROP_BEFORE ||
                              fault->kind == CRM_FAKE_FAULT_DROP_AFTER);
  request->status = dropped ? 0 : soup_server_message_get_status (msg);

  if (self->hook != NULL)
    {
      g_autoptr(CrmFakeRequest) copy = fake_request_copy (request);

      self->hook (self, copy, self->hook_data);
    }

  g_rec_mutex_unlock (&self->lock);
}

static void
start_listening (CrmFakeServer *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSList) uris = NULL;
  g_autofree char *url = NULL;

  self->context = g_main_context_ref_thread_default ();
  self->server = soup_server_new ("server-header", "fake-chartmogul", NULL);
  soup_server_add_handler (self->server, "/v1", on_request_cb, self, NULL);
  soup_server_listen_local (self->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (self->server);
  g_assert_nonnull (uris);
  url = g_uri_to_string (uris->data);
  self->url = g_strndup (url, strlen (url) - (g_str_has_suffix (url, "/") ? 1 : 0));
  g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
}

static CrmFakeServer *
fake_server_new (const char *api_key)
{
  CrmFakeServer *self = g_new0 (CrmFakeServer, 1);
  g_autofree char *credentials = g_strdup_printf ("%s:", api_key);
  g_autofree char *encoded = g_base64_encode ((const guchar *) credentials,
                                              strlen (credentials));

  g_rec_mutex_init (&self->lock);
  self->authorization = g_strdup_printf ("Basic %s", encoded);
  self->page_size = DEFAULT_PAGE_SIZE;
  self->faults = g_ptr_array_new_with_free_func (fake_fault_free);
  self->requests = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_fake_request_free);
  _crm_fake_server_init_resources (self);

  return self;
}

/**
 * crm_fake_server_new:
 * @api_key: the key it accepts
 *
 * Starts a server on 127.0.0.1 that answers on the thread-default main
 * context of the caller.
 *
 * Returns: (transfer full): the server
 */
CrmFakeServer *
crm_fake_server_new (const char *api_key)
{
  CrmFakeServer *self = fake_server_new (api_key);

  start_listening (self);
  return self;
}

static gpointer
server_thread_main (gpointer user_data)
{
  CrmFakeServer *self = user_data;
  g_autoptr(GMainContext) context = g_main_context_new ();

  g_main_context_push_thread_default (context);

  g_mutex_lock (&self->ready_mutex);
  start_listening (self);
  self->loop = g_main_loop_new (context, FALSE);
  self->ready = TRUE;
  g_cond_signal (&self->ready_cond);
  g_mutex_unlock (&self->ready_mutex);

  g_main_loop_run (self->loop);

  soup_server_disconnect (self->server);
  g_clear_object (&self->server);
  g_main_context_pop_thread_default (context);

  return NULL;
}

/**
 * crm_fake_server_new_in_thread:
 * @api_key: the key it accepts
 *
 * Starts a server on 127.0.0.1 that answers on its own thread, so that the
 * main context of the caller only sees the client's side (benchmarks,
 * tests that run the program as a child process).
 *
 * Returns: (transfer full): the server
 */
CrmFakeServer *
crm_fake_server_new_in_thread (const char *api_key)
{
  CrmFakeServer *self = fake_server_new (api_key);

  g_mutex_init (&self->ready_mutex);
  g_cond_init (&self->ready_cond);

  g_mutex_lock (&self->ready_mutex);
  self->thread = g_thread_new ("fake-chartmogul", server_thread_main, self);
  while (!self->ready)
    g_cond_wait (&self->ready_cond, &self->ready_mutex);
  g_mutex_unlock (&self->ready_mutex);

  return self;
}

static gboolean
quit_loop_cb (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/**
 * crm_fake_server_free:
 * @self: a server
 *
 * Stops the server and frees its records.
 */
void
crm_fake_server_free (CrmFakeServer *self)
{
  if (self == NULL)
    return;

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop_cb, self->loop);
      g_thread_join (self->thread);
      g_main_loop_unref (self->loop);
      g_mutex_clear (&self->ready_mutex);
      g_cond_clear (&self->ready_cond);
    }
  else
    {
      soup_server_disconnect (self->server);
      g_clear_object (&self->server);
    }

  _crm_fake_server_clear_resources (self);
  g_ptr_array_unref (self->faults);
  g_ptr_array_unref (self->requests);
  g_clear_object (&self->clock);
  g_main_context_unref (self->context);
  g_free (self->url);
  g_free (self->authorization);
  g_rec_mutex_clear (&self->lock);
  g_free (self);
}

/**
 * crm_fake_server_get_url:
 * @self: a server
 *
 * Returns: its base URL, `http://127.0.0.1:PORT`
 */
const char *
crm_fake_server_get_url (CrmFakeServer *self)
{
  return self->url;
}

/**
 * crm_fake_server_set_clock:
 * @self: a server
 * @clock: (nullable): the clock its timestamps, log and HTTP dates follow
 */
void
crm_fake_server_set_clock (CrmFakeServer *self,
                           CrmSyncClock  *clock)
{
  g_rec_mutex_lock (&self->lock);
  g_set_object (&self->clock, clock);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_set_page_size:
 * @self: a server
 * @page_size: the most entries it puts on a page, whatever `per_page` asks
 */
void
crm_fake_server_set_page_size (CrmFakeServer *self,
                               guint          page_size)
{
  g_rec_mutex_lock (&self->lock);
  self->page_size = MAX (page_size, 1);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_set_hook:
 * @self: a server
 * @hook: (nullable): called after each answer
 * @user_data: data for @hook
 */
void
crm_fake_server_set_hook (CrmFakeServer     *self,
                          CrmFakeServerHook  hook,
                          gpointer           user_data)
{
  g_rec_mutex_lock (&self->lock);
  self->hook = hook;
  self->hook_data = user_data;
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_add_fault:
 * @self: a server
 * @fault: the fault; copied
 *
 * Faults are tried in the order they were added; the first that applies
 * to a request is the only one done to it.
 */
void
crm_fake_server_add_fault (CrmFakeServer      *self,
                           const CrmFakeFault *fault)
{
  FakeFault *copy = g_new0 (FakeFault, 1);

  copy->method = g_strdup (fault->method);
  copy->path = g_strdup (fault->path);
  copy->query = g_strdup (fault->query);
  copy->skip = fault->skip;
  copy->times = fault->times;
  copy->kind = fault->kind;
  copy->status = fault->status;
  copy->retry_after = g_strdup (fault->retry_after);
  copy->body = g_strdup (fault->body);
  copy->delay_ms = fault->delay_ms;

  g_rec_mutex_lock (&self->lock);
  g_ptr_array_add (self->faults, copy);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_clear_faults:
 * @self: a server
 */
void
crm_fake_server_clear_faults (CrmFakeServer *self)
{
  g_rec_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->faults, 0);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_get_n_requests:
 * @self: a server
 *
 * Returns: how many requests arrived since the log was last cleared
 */
guint
crm_fake_server_get_n_requests (CrmFakeServer *self)
{
  guint n;

  g_rec_mutex_lock (&self->lock);
  n = self->requests->len;
  g_rec_mutex_unlock (&self->lock);

  return n;
}

/**
 * crm_fake_server_dup_request:
 * @self: a server
 * @index: which request of the log
 *
 * Returns: (transfer full): a copy of the request
 */
CrmFakeRequest *
crm_fake_server_dup_request (CrmFakeServer *self,
                             guint          index)
{
  CrmFakeRequest *copy;

  g_rec_mutex_lock (&self->lock);
  g_assert_cmpuint (index, <, self->requests->len);
  copy = fake_request_copy (g_ptr_array_index (self->requests, index));
  g_rec_mutex_unlock (&self->lock);

  return copy;
}

/**
 * crm_fake_server_count_requests:
 * @self: a server
 * @method: (nullable): the method, or %NULL for any
 * @path: a path prefix
 *
 * Returns: how many requests of the log match
 */
guint
crm_fake_server_count_requests (CrmFakeServer *self,
                                const char    *method,
                                const char    *path)
{
  guint n = 0;

  g_rec_mutex_lock (&self->lock);
  for (guint i = 0; i < self->requests->len; i++)
    {
      CrmFakeRequest *request = g_ptr_array_index (self->requests, i);

      if ((method == NULL || g_str_equal (method, request->method)) &&
          g_str_has_prefix (request->path, path))
        n++;
    }
  g_rec_mutex_unlock (&self->lock);

  return n;
}

/**
 * crm_fake_server_clear_requests:
 * @self: a server
 */
void
crm_fake_server_clear_requests (CrmFakeServer *self)
{
  g_rec_mutex_lock (&self->lock);
  g_ptr_array_set_size (self->requests, 0);
  g_rec_mutex_unlock (&self->lock);
}
