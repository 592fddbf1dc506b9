/* crm-api-client.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "crm-api-client.h"
#include "crm-sync-backoff.h"
#include "crm-sync-error.h"

/**
 * CrmApiClient:
 *
 * Talks to the ChartMogul REST API v1: one #SoupSession, HTTP Basic
 * authentication with the API key as the user name and an empty password,
 * JSON both ways, cursor pagination, and retries with back-off after a
 * 429, 502, 503, 504 or a network failure (honouring Retry-After).
 *
 * The client lives on the main context; it parses list pages on a worker
 * thread. While it waits before a retry, #CrmApiClient:waiting-until says
 * until when and #CrmApiClient:wait-reason why, so a window can say
 * "rate limited until 14:02".
 */

#define DEFAULT_TIMEOUT_SECONDS 30
#define MAX_CONNECTIONS 4

struct _CrmApiClient
{
  GObject       parent_instance;

  SoupSession  *session;
  char         *base_url;        /* without a trailing slash */
  char         *authorization;   /* never logged */
  CrmSyncClock *clock;
  guint         max_attempts;

  gint64        waiting_until;
  int           wait_reason;
};

enum {
  PROP_0,
  PROP_BASE_URL,
  PROP_CLOCK,
  PROP_MAX_ATTEMPTS,
  PROP_WAITING_UNTIL,
  PROP_WAIT_REASON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CrmApiClient, crm_api_client, G_TYPE_OBJECT)

/* One request, from its first try to its last. */
typedef struct
{
  char              *method;
  char              *url;
  char              *log_path;   /* path and parameter names: no values */
  GBytes            *body;
  CrmApiCallFlags    flags;
  guint              attempt;
  gint64             started;
  SoupMessage       *message;

  gboolean           is_list;
  char              *cursor;
  CrmApiPageMapFunc  map_func;
  gpointer           map_data;
  GDestroyNotify     mapped_free;
} Call;

static void send_call (GTask *task);

static void
call_free (gpointer data)
{
  Call *call = data;

  g_free (call->method);
  g_free (call->url);
  g_free (call->log_path);
  g_clear_pointer (&call->body, g_bytes_unref);
  g_clear_object (&call->message);
  g_free (call->cursor);
  g_free (call);
}

static gboolean
host_is_loopback (const char *host)
{
  g_autoptr(GInetAddress) address = NULL;
  g_autofree char *bare = NULL;

  if (host == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  /* GUri keeps the brackets of an IPv6 literal. */
  bare = g_strdup (host);
  if (bare[0] == '[')
    {
      memmove (bare, bare + 1, strlen (bare));
      bare[strcspn (bare, "]")] = '\0';
    }

  address = g_inet_address_new_from_string (bare);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

/**
 * crm_api_client_check_base_url:
 * @base_url: the server's address, such as `https://api.chartmogul.com`
 * @error: return location for a #GError
 *
 * Accepts only HTTPS, except plain HTTP to this computer (tests and a
 * local fake server).
 *
 * Returns: %TRUE when the client may use @base_url
 */
gboolean
crm_api_client_check_base_url (const char  *base_url,
                               GError     **error)
{
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (base_url != NULL, FALSE);

  uri = g_uri_parse (base_url, G_URI_FLAGS_NONE, NULL);
  if (uri == NULL || g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   _("“%s” is not a web address"), base_url);
      return FALSE;
    }

  scheme = g_uri_get_scheme (uri);
  if (g_ascii_strcasecmp (scheme, "https") == 0)
    return TRUE;

  if (g_ascii_strcasecmp (scheme, "http") == 0 && host_is_loopback (g_uri_get_host (uri)))
    return TRUE;

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
               _("The server’s address must start with https:// (plain http:// is "
                 "allowed only to this computer): “%s”"), base_url);
  return FALSE;
}

static void
crm_api_client_dispose (GObject *object)
{
  CrmApiClient *self = CRM_API_CLIENT (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->clock);

  G_OBJECT_CLASS (crm_api_client_parent_class)->dispose (object);
}

static void
crm_api_client_finalize (GObject *object)
{
  CrmApiClient *self = CRM_API_CLIENT (object);

  g_free (self->base_url);
  g_free (self->authorization);

  G_OBJECT_CLASS (crm_api_client_parent_class)->finalize (object);
}

static void
crm_api_client_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmApiClient *self = CRM_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_BASE_URL:
      g_value_set_string (value, self->base_url);
      break;
    case PROP_CLOCK:
      g_value_set_object (value, self->clock);
      break;
    case PROP_MAX_ATTEMPTS:
      g_value_set_uint (value, self->max_attempts);
      break;
    case PROP_WAITING_UNTIL:
      g_value_set_int64 (value, self->waiting_until);
      break;
    case PROP_WAIT_REASON:
      g_value_set_int (value, self->wait_reason);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_api_client_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmApiClient *self = CRM_API_CLIENT (object);

  switch (prop_id)
    {
    case PROP_CLOCK:
      crm_api_client_set_clock (self, g_value_get_object (value));
      break;
    case PROP_MAX_ATTEMPTS:
      crm_api_client_set_max_attempts (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_api_client_class_init (CrmApiClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = crm_api_client_dispose;
  object_class->finalize = crm_api_client_finalize;
  object_class->get_property = crm_api_client_get_property;
  object_class->set_property = crm_api_client_set_property;

  properties[PROP_BASE_URL] =
    g_param_spec_string ("base-url", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  properties[PROP_CLOCK] =
    g_param_spec_object ("clock", NULL, NULL, CRM_TYPE_SYNC_CLOCK,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  properties[PROP_MAX_ATTEMPTS] =
    g_param_spec_uint ("max-attempts", NULL, NULL, 1, 100, CRM_API_DEFAULT_MAX_ATTEMPTS,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmApiClient:waiting-until:
   *
   * While the client waits before sending a request again, the time it
   * will send it, in microseconds since the epoch; otherwise 0.
   */
  properties[PROP_WAITING_UNTIL] =
    g_param_spec_int64 ("waiting-until", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmApiClient:wait-reason:
   *
   * While the client waits, the #CrmSyncError of the failure it waits
   * after (rate limited, unavailable, network); otherwise -1.
   */
  properties[PROP_WAIT_REASON] =
    g_param_spec_int ("wait-reason", NULL, NULL, -1, G_MAXINT, -1,
                      G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_api_client_init (CrmApiClient *self)
{
  self->max_attempts = CRM_API_DEFAULT_MAX_ATTEMPTS;
  self->wait_reason = -1;
}

/**
 * crm_api_client_new:
 * @base_url: the server's address, such as `https://api.chartmogul.com`;
 *   requests go to its `/v1/` paths
 * @api_key: the account's API key
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a client, or %NULL when @base_url is refused
 *   (see crm_api_client_check_base_url())
 */
CrmApiClient *
crm_api_client_new (const char  *base_url,
                    const char  *api_key,
                    GError     **error)
{
  g_autoptr(CrmApiClient) self = NULL;
  g_autofree char *credentials = NULL;
  g_autofree char *encoded = NULL;
  g_autofree char *user_agent = NULL;
  gsize len;

  g_return_val_if_fail (base_url != NULL, NULL);
  g_return_val_if_fail (api_key != NULL, NULL);

  if (!crm_api_client_check_base_url (base_url, error))
    return NULL;

  self = g_object_new (CRM_TYPE_API_CLIENT, NULL);

  self->base_url = g_strdup (base_url);
  len = strlen (self->base_url);
  while (len > 0 && self->base_url[len - 1] == '/')
    self->base_url[--len] = '\0';
  if (g_str_has_suffix (self->base_url, "/v1"))
    self->base_url[len - 3] = '\0';

  credentials = g_strdup_printf ("%s:", api_key);
  encoded = g_base64_encode ((const guchar *) credentials, strlen (credentials));
  self->authorization = g_strdup_printf ("Basic %s", encoded);
  memset (credentials, 0, strlen (credentials));

  user_agent = g_strdup_printf ("Prospect/%s ", PACKAGE_VERSION);
  self->session = g_object_new (SOUP_TYPE_SESSION,
                                "max-conns", MAX_CONNECTIONS,
                                "max-conns-per-host", MAX_CONNECTIONS,
                                "timeout", DEFAULT_TIMEOUT_SECONDS,
                                "user-agent", user_agent,
                                NULL);
  self->clock = crm_sync_clock_new ();

  return g_steal_pointer (&self);
}

/**
 * crm_api_client_get_base_url:
 * @self: a #CrmApiClient
 *
 * Returns: the server's address, without a trailing slash
 */
const char *
crm_api_client_get_base_url (CrmApiClient *self)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), NULL);

  return self->base_url;
}

/**
 * crm_api_client_get_clock:
 * @self: a #CrmApiClient
 *
 * Returns: (transfer none): the clock its back-off waits on
 */
CrmSyncClock *
crm_api_client_get_clock (CrmApiClient *self)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), NULL);

  return self->clock;
}

/**
 * crm_api_client_set_clock:
 * @self: a #CrmApiClient
 * @clock: the clock to wait on (tests give a virtual one)
 */
void
crm_api_client_set_clock (CrmApiClient *self,
                          CrmSyncClock *clock)
{
  g_return_if_fail (CRM_IS_API_CLIENT (self));
  g_return_if_fail (CRM_IS_SYNC_CLOCK (clock));

  if (g_set_object (&self->clock, clock))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLOCK]);
}

/**
 * crm_api_client_get_max_attempts:
 * @self: a #CrmApiClient
 *
 * Returns: how many times a request is sent at most
 */
guint
crm_api_client_get_max_attempts (CrmApiClient *self)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), 0);

  return self->max_attempts;
}

/**
 * crm_api_client_set_max_attempts:
 * @self: a #CrmApiClient
 * @max_attempts: how many times a request is sent at most, from 1
 */
void
crm_api_client_set_max_attempts (CrmApiClient *self,
                                 guint         max_attempts)
{
  g_return_if_fail (CRM_IS_API_CLIENT (self));
  g_return_if_fail (max_attempts >= 1);

  if (self->max_attempts == max_attempts)
    return;

  self->max_attempts = max_attempts;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_ATTEMPTS]);
}

/**
 * crm_api_client_set_timeout:
 * @self: a #CrmApiClient
 * @seconds: how long a request may stay silent before it fails as a
 *   network error
 */
void
crm_api_client_set_timeout (CrmApiClient *self,
                            guint         seconds)
{
  g_return_if_fail (CRM_IS_API_CLIENT (self));

  soup_session_set_timeout (self->session, seconds);
}

/**
 * crm_api_client_get_waiting_until:
 * @self: a #CrmApiClient
 *
 * Returns: see #CrmApiClient:waiting-until
 */
gint64
crm_api_client_get_waiting_until (CrmApiClient *self)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), 0);

  return self->waiting_until;
}

/**
 * crm_api_client_get_wait_reason:
 * @self: a #CrmApiClient
 *
 * Returns: see #CrmApiClient:wait-reason
 */
int
crm_api_client_get_wait_reason (CrmApiClient *self)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), -1);

  return self->wait_reason;
}

static void
set_waiting (CrmApiClient *self,
             gint64        until,
             int           reason)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->waiting_until != until)
    {
      self->waiting_until = until;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_UNTIL]);
    }

  if (self->wait_reason != reason)
    {
      self->wait_reason = reason;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAIT_REASON]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

/* The URL of @path with @query (name, value, …, NULL) escaped; the log
 * names only the parameters, since values may be emails. */
static void
build_url (CrmApiClient        *self,
           const char          *path,
           const char * const  *query,
           const char          *cursor,
           char               **url,
           char               **log_path)
{
  GString *full = g_string_new (self->base_url);
  GString *logged = g_string_new (NULL);
  gboolean first = TRUE;

  g_string_append_printf (logged, "/v1/%s", path);
  g_string_append (full, logged->str);

  for (guint i = 0; query != NULL && query[i] != NULL && query[i + 1] != NULL; i += 2)
    {
      g_autofree char *value = g_uri_escape_string (query[i + 1], NULL, FALSE);

      g_string_append_printf (full, "%s%s=%s", first ? "?" : "&", query[i], value);
      g_string_append_printf (logged, "%s%s", first ? "?" : "&", query[i]);
      first = FALSE;
    }

  if (cursor != NULL)
    {
      g_autofree char *value = g_uri_escape_string (cursor, NULL, FALSE);

      g_string_append_printf (full, "%scursor=%s", first ? "?" : "&", value);
      g_string_append_printf (logged, "%scursor", first ? "?" : "&");
    }

  *url = g_string_free (full, FALSE);
  *log_path = g_string_free (logged, FALSE);
}

static Call *
call_new (CrmApiClient        *self,
          const char          *method,
          const char          *path,
          const char * const  *query,
          const char          *cursor,
          JsonNode            *body,
          CrmApiCallFlags      flags)
{
  Call *call = g_new0 (Call, 1);

  call->method = g_strdup (method);
  call->flags = flags;
  call->cursor = g_strdup (cursor);
  build_url (self, path, query, cursor, &call->url, &call->log_path);

  if (body != NULL)
    {
      char *text = json_to_string (body, FALSE);

      call->body = g_bytes_new_take (text, strlen (text));
    }

  return call;
}

/* Whether to send the request again after @error, which the response with
 * @status (0: none) caused. */
static gboolean
may_retry (Call         *call,
           const GError *error,
           guint         status)
{
  if (!crm_sync_error_is_transient (error))
    return FALSE;

  if (call->flags & CRM_API_CALL_CREATE)
    return status == 429 || status == SOUP_STATUS_SERVICE_UNAVAILABLE;

  return TRUE;
}

static void
on_waited_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmApiClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  GError *error = NULL;

  set_waiting (self, 0, -1);

  if (!crm_sync_clock_wait_finish (CRM_SYNC_CLOCK (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  call->attempt++;
  send_call (g_steal_pointer (&task));
}

static void
retry_or_fail (GTask  *task,
               GError *error,
               guint   status)
{
  CrmApiClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  const char *retry_after = NULL;
  gint64 now = crm_sync_clock_get_real_time (self->clock);
  gint64 delay;

  if (!may_retry (call, error, status) || call->attempt + 1 >= self->max_attempts)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  if (call->message != NULL)
    retry_after = soup_message_headers_get_one (soup_message_get_response_headers (call->message),
                                                "Retry-After");
  if (!crm_sync_backoff_parse_retry_after (retry_after, now, &delay))
    delay = crm_sync_backoff_delay (call->attempt, crm_sync_clock_next_jitter (self->clock));

  g_debug ("%s %s failed (%s); trying again in %.1f s", call->method, call->log_path,
           error->message, delay / (double) G_USEC_PER_SEC);

  set_waiting (self, now + delay, error->code);
  crm_sync_clock_wait_async (self->clock, delay, g_task_get_cancellable (task),
                             on_waited_cb, task);
  g_error_free (error);
}

static void
parse_page_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GTask *outer = task_data;
  Call *call = g_task_get_task_data (outer);
  GBytes *body = g_object_get_data (G_OBJECT (task), "body");
  g_autoptr(CrmApiPage) page = NULL;
  GError *error = NULL;

  page = crm_api_page_parse (body, call->cursor, &error);
  if (page != NULL && call->map_func != NULL)
    {
      crm_api_page_set_mapped_free (page, call->mapped_free);
      if (!crm_api_page_map (page, call->map_func, call->map_data, &error))
        g_clear_pointer (&page, crm_api_page_unref);
    }

  if (page == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&page), (GDestroyNotify) crm_api_page_unref);
}

static void
on_page_parsed_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) outer = user_data;
  Call *call = g_task_get_task_data (outer);
  GError *error = NULL;
  CrmApiPage *page;

  page = g_task_propagate_pointer (G_TASK (result), &error);
  if (page == NULL)
    {
      g_debug ("%s %s: %s", call->method, call->log_path, error->message);
      g_task_return_error (outer, error);
      return;
    }

  g_debug ("%s %s: %u entries in %" G_GINT64_FORMAT " ms", call->method, call->log_path,
           crm_api_page_get_n_entries (page),
           (g_get_monotonic_time () - call->started) / 1000);
  g_task_return_pointer (outer, page, (GDestroyNotify) crm_api_page_unref);
}

static void
return_page (GTask  *task,
             GBytes *body)
{
  GTask *parse = g_task_new (g_task_get_source_object (task), g_task_get_cancellable (task),
                             on_page_parsed_cb, task);

  g_task_set_source_tag (parse, return_page);
  g_task_set_task_data (parse, task, NULL);
  g_object_set_data_full (G_OBJECT (parse), "body", g_bytes_ref (body),
                          (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (parse, parse_page_thread);
  g_object_unref (parse);
}

/* Single records are small: they are parsed where they arrive. */
static void
return_node (GTask  *task,
             GBytes *body,
             guint   status)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  g_autoptr(GError) error = NULL;
  Call *call = g_task_get_task_data (task);
  gsize size = 0;
  const char *data = g_bytes_get_data (body, &size);

  g_debug ("%s %s: %u in %" G_GINT64_FORMAT " ms", call->method, call->log_path, status,
           (g_get_monotonic_time () - call->started) / 1000);

  if (size == 0)
    {
      g_task_return_pointer (task, json_node_new (JSON_NODE_NULL),
                             (GDestroyNotify) json_node_unref);
      g_object_unref (task);
      return;
    }

  if (!json_parser_load_from_data (parser, data, size, &error))
    {
      g_task_return_new_error (task, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED,
                               _("The server sent a reply that cannot be read: %s"),
                               error->message);
      g_object_unref (task);
      return;
    }

  g_task_return_pointer (task, json_parser_steal_root (parser),
                         (GDestroyNotify) json_node_unref);
  g_object_unref (task);
}

static void
on_sent_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GTask *task = user_data;
  Call *call = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GError) error = NULL;
  guint status;

  body = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  if (body == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_task_return_error (task, g_steal_pointer (&error));
          g_object_unref (task);
          return;
        }

      retry_or_fail (task, crm_sync_error_new_for_transport (error), 0);
      return;
    }

  status = soup_message_get_status (call->message);
  if (status >= 200 && status < 300)
    {
      if (call->is_list)
        return_page (task, body);
      else
        return_node (task, body, status);
      return;
    }

  g_debug ("%s %s: %u", call->method, call->log_path, status);
  retry_or_fail (task, crm_sync_error_new_for_response (status, body), status);
}

/* Takes the task's reference. */
static void
send_call (GTask *task)
{
  CrmApiClient *self = g_task_get_source_object (task);
  Call *call = g_task_get_task_data (task);
  SoupMessageHeaders *headers;

  g_clear_object (&call->message);
  call->message = soup_message_new (call->method, call->url);
  call->started = g_get_monotonic_time ();

  headers = soup_message_get_request_headers (call->message);
  soup_message_headers_replace (headers, "Authorization", self->authorization);
  soup_message_headers_replace (headers, "Accept", "application/json");
  if (call->body != NULL)
    soup_message_set_request_body_from_bytes (call->message, "application/json", call->body);

  soup_session_send_and_read_async (self->session, call->message, G_PRIORITY_DEFAULT,
                                    g_task_get_cancellable (task), on_sent_cb, task);
}

/**
 * crm_api_client_call_async:
 * @self: a #CrmApiClient
 * @method: the HTTP method
 * @path: the path below `/v1/`, such as `customers/cus_…`
 * @query: (nullable) (array zero-terminated=1): parameter names and
 *   values, alternating
 * @body: (nullable): the JSON body to send
 * @flags: how the request may be retried
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Sends one request, retrying it after transient failures as @flags
 * allow. Finish with crm_api_client_call_finish().
 */
void
crm_api_client_call_async (CrmApiClient        *self,
                           const char          *method,
                           const char          *path,
                           const char * const  *query,
                           JsonNode            *body,
                           CrmApiCallFlags      flags,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (CRM_IS_API_CLIENT (self));
  g_return_if_fail (method != NULL);
  g_return_if_fail (path != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_api_client_call_async);
  g_task_set_task_data (task, call_new (self, method, path, query, NULL, body, flags),
                        call_free);
  send_call (task);
}

/**
 * crm_api_client_call_finish:
 * @self: a #CrmApiClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the response's JSON (a null node for an empty
 *   body), or %NULL with a %CRM_SYNC_ERROR carrying the server's message
 */
JsonNode *
crm_api_client_call_finish (CrmApiClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_api_client_list_async:
 * @self: a #CrmApiClient
 * @path: the list's path below `/v1/`, such as `customers`
 * @query: (nullable) (array zero-terminated=1): filters, names and values
 *   alternating; `per_page` is added
 * @cursor: (nullable): the cursor of the page; %NULL for the first
 * @map_func: (nullable): run over the entries on the parsing thread
 * @map_data: data for @map_func, which must outlive the call
 * @mapped_free: (nullable): frees what @map_func makes
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Reads one page of a list (200 entries). The page is parsed, and mapped,
 * off the main thread. Finish with crm_api_client_list_finish().
 */
void
crm_api_client_list_async (CrmApiClient        *self,
                           const char          *path,
                           const char * const  *query,
                           const char          *cursor,
                           CrmApiPageMapFunc    map_func,
                           gpointer             map_data,
                           GDestroyNotify       mapped_free,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) full_query = NULL;
  GTask *task;
  Call *call;

  g_return_if_fail (CRM_IS_API_CLIENT (self));
  g_return_if_fail (path != NULL);

  if (query != NULL)
    g_strv_builder_addv (builder, (const char **) query);
  g_strv_builder_add (builder, "per_page");
  g_strv_builder_add (builder, G_STRINGIFY (CRM_API_PER_PAGE));
  full_query = g_strv_builder_end (builder);

  call = call_new (self, "GET", path, (const char * const *) full_query, cursor, NULL,
                   CRM_API_CALL_DEFAULT);
  call->is_list = TRUE;
  call->map_func = map_func;
  call->map_data = map_data;
  call->mapped_free = mapped_free;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_api_client_list_async);
  g_task_set_task_data (task, call, call_free);
  send_call (task);
}

/**
 * crm_api_client_list_finish:
 * @self: a #CrmApiClient
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the page, or %NULL with a %CRM_SYNC_ERROR
 */
CrmApiPage *
crm_api_client_list_finish (CrmApiClient  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CRM_IS_API_CLIENT (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
