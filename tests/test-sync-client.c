/* test-sync-client.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "crm-api-client.h"
#include "crm-fake-server.h"
#include "crm-sync-backoff.h"
#include "crm-sync-error.h"

#define API_KEY "test-key-0001"
/* 2025-01-01T00:00:00Z: a whole second, so HTTP dates (seconds) are exact. */
#define START_TIME ((gint64) 1735689600 * G_USEC_PER_SEC)

typedef struct
{
  CrmFakeServer *server;
  CrmSyncClock  *clock;
  CrmApiClient  *client;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->server = crm_fake_server_new (API_KEY);
  f->clock = crm_sync_clock_new_virtual (START_TIME, 7);
  crm_fake_server_set_clock (f->server, f->clock);
  f->client = crm_api_client_new (crm_fake_server_get_url (f->server), API_KEY, &error);
  g_assert_no_error (error);
  crm_api_client_set_clock (f->client, f->clock);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->client);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->server, crm_fake_server_free);
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *slot;
}

static JsonNode *
call (CrmApiClient     *client,
      const char       *method,
      const char       *path,
      const char       *body,
      CrmApiCallFlags   flags,
      GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(JsonNode) node = NULL;

  if (body != NULL)
    node = json_from_string (body, NULL);

  crm_api_client_call_async (client, method, path, NULL, node, flags, NULL, on_done_cb, &result);
  return crm_api_client_call_finish (client, wait_result (&result), error);
}

static CrmApiPage *
list (CrmApiClient        *client,
      const char          *path,
      const char * const  *query,
      const char          *cursor,
      GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  crm_api_client_list_async (client, path, query, cursor, NULL, NULL, NULL, NULL, on_done_cb,
                             &result);
  return crm_api_client_list_finish (client, wait_result (&result), error);
}

static char *
add_customer (CrmFakeServer *server,
              const char    *name)
{
  g_autofree char *json = g_strdup_printf ("{\"name\":\"%s\",\"external_id\":\"ext-%s\"}",
                                           name, name);

  return crm_fake_server_add (server, "customers", json);
}

static void
test_base_url (void)
{
  static const char * const accepted[] = {
    "https://api.chartmogul.com", "https://api.chartmogul.com/", "http://127.0.0.1:8080",
    "http://localhost:1234/", "http://[::1]:99", "http://127.3.4.5",
  };
  static const char * const refused[] = {
    "http://api.chartmogul.com", "http://192.168.1.2:80", "ftp://127.0.0.1", "not a url", "",
    "https://",
  };

  for (guint i = 0; i < G_N_ELEMENTS (accepted); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (crm_api_client_check_base_url (accepted[i], &error));
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmApiClient) client = crm_api_client_new (refused[i], "k", &error);

      g_assert_null (client);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
    }
}

static void
test_backoff_exponential (void)
{
  static const double jitters[] = { 0.0, 0.25, 0.5, 0.999 };

  for (guint j = 0; j < G_N_ELEMENTS (jitters); j++)
    {
      g_assert_cmpint (crm_sync_backoff_delay (0, jitters[j]), ==, G_USEC_PER_SEC);

      for (guint attempt = 1; attempt < 30; attempt++)
        {
          gint64 delay = crm_sync_backoff_delay (attempt, jitters[j]);
          gint64 ceiling = MIN ((gint64) 60 * G_USEC_PER_SEC,
                                attempt < 6 ? (gint64) G_USEC_PER_SEC << attempt : G_MAXINT64);

          g_assert_cmpint (delay, >=, G_USEC_PER_SEC);
          g_assert_cmpint (delay, <=, 60 * G_USEC_PER_SEC);
          g_assert_cmpint (delay, >=, ceiling / 2);
          g_assert_cmpint (delay, <=, ceiling);
        }
    }

  g_assert_cmpint (crm_sync_backoff_delay (3, 0.0), ==, 4 * G_USEC_PER_SEC);
  g_assert_cmpint (crm_sync_backoff_delay (3, 0.5), ==, 6 * G_USEC_PER_SEC);
  g_assert_cmpint (crm_sync_backoff_delay (12, 0.0), ==, 30 * G_USEC_PER_SEC);
}

static void
test_backoff_retry_after (void)
{
  g_autoptr(GDateTime) later = g_date_time_new_from_unix_utc (START_TIME / G_USEC_PER_SEC + 120);
  g_autoptr(GDateTime) earlier = g_date_time_new_from_unix_utc (START_TIME / G_USEC_PER_SEC - 5);
  g_autofree char *later_text = soup_date_time_to_string (later, SOUP_DATE_HTTP);
  g_autofree char *earlier_text = soup_date_time_to_string (earlier, SOUP_DATE_HTTP);
  gint64 delay = -1;

  g_assert_true (crm_sync_backoff_parse_retry_after ("120", START_TIME, &delay));
  g_assert_cmpint (delay, ==, 120 * G_USEC_PER_SEC);
  g_assert_true (crm_sync_backoff_parse_retry_after (" 0 ", START_TIME, &delay));
  g_assert_cmpint (delay, ==, 0);
  g_assert_true (crm_sync_backoff_parse_retry_after (later_text, START_TIME, &delay));
  g_assert_cmpint (delay, ==, 120 * G_USEC_PER_SEC);
  g_assert_true (crm_sync_backoff_parse_retry_after (earlier_text, START_TIME, &delay));
  g_assert_cmpint (delay, ==, 0);
  g_assert_true (crm_sync_backoff_parse_retry_after ("999999", START_TIME, &delay));
  g_assert_cmpint (delay, ==, (gint64) 3600 * G_USEC_PER_SEC);

  g_assert_false (crm_sync_backoff_parse_retry_after (NULL, START_TIME, &delay));
  g_assert_false (crm_sync_backoff_parse_retry_after ("soon", START_TIME, &delay));
  g_assert_false (crm_sync_backoff_parse_retry_after ("-3", START_TIME, &delay));
  g_assert_false (crm_sync_backoff_parse_retry_after ("1.5", START_TIME, &delay));
}

static void
assert_body_message (const char *body,
                     const char *expected)
{
  g_autoptr(GBytes) bytes = g_bytes_new (body, strlen (body));
  g_autofree char *message = crm_sync_error_dup_body_message (bytes);

  g_assert_cmpstr (message, ==, expected);
}

static void
test_error_shapes (void)
{
  g_autoptr(GBytes) empty = g_bytes_new ("", 0);
  g_autoptr(GBytes) plain = g_bytes_new_static ("502 Bad Gateway", 15);
  g_autoptr(GError) from_empty = crm_sync_error_new_for_response (503, empty);
  g_autoptr(GError) from_plain = crm_sync_error_new_for_response (502, plain);
  g_autoptr(GBytes) refused_body = g_bytes_new_static ("{\"message\":\"No\"}", 16);
  g_autoptr(GError) refused = NULL;
  g_autofree char *long_text = g_strnfill (1000, 'x');
  g_autoptr(GBytes) long_bytes = g_bytes_new (long_text, 1000);
  g_autofree char *clipped = crm_sync_error_dup_body_message (long_bytes);

  /* A */
  assert_body_message ("{\"code\":401,\"message\":\"No valid API key provided\",\"param\":null}",
                       "No valid API key provided");
  /* B */
  assert_body_message ("{\"name\":[\"Name can't be blank\"],\"error_details\":[{\"param\":"
                       "\"name\",\"code\":\"blank\",\"message\":\"Name is required\"}]}",
                       "Name is required");
  assert_body_message ("{\"name\":[\"Name can't be blank\"]}", "Name can't be blank");
  /* C */
  assert_body_message ("{\"errors\":{\"name\":\"A name is required\"}}", "A name is required");
  /* D */
  assert_body_message ("{\"error\":\"Data source not found\"}", "Data source not found");
  /* E, on one line */
  assert_body_message ("500 Internal Server Error\n", "500 Internal Server Error");
  assert_body_message ("<html>\r\nBad\r\n</html>", "<html>  Bad  </html>");
  assert_body_message ("{\"unknown\":1}", "{\"unknown\":1}");

  g_assert_null (crm_sync_error_dup_body_message (NULL));
  g_assert_null (crm_sync_error_dup_body_message (empty));
  g_assert_cmpint (g_utf8_strlen (clipped, -1), ==, 301);
  g_assert_true (g_str_has_suffix (clipped, "…"));

  g_assert_error (from_empty, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAVAILABLE);
  g_assert_cmpstr (from_empty->message, ==, "The server answered 503 Service Unavailable");
  g_assert_error (from_plain, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAVAILABLE);
  g_assert_cmpstr (from_plain->message, ==, "502 Bad Gateway");

  refused = crm_sync_error_new_for_response (422, refused_body);
  g_assert_error (refused, CRM_SYNC_ERROR, CRM_SYNC_ERROR_INVALID);
  g_assert_cmpint (crm_sync_error_from_http_status (401), ==, CRM_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (crm_sync_error_from_http_status (403), ==, CRM_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpint (crm_sync_error_from_http_status (404), ==, CRM_SYNC_ERROR_NOT_FOUND);
  g_assert_cmpint (crm_sync_error_from_http_status (429), ==, CRM_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpint (crm_sync_error_from_http_status (500), ==, CRM_SYNC_ERROR_SERVER);
  g_assert_cmpint (crm_sync_error_from_http_status (504), ==, CRM_SYNC_ERROR_UNAVAILABLE);
}

static CrmApiPage *
parse_page (const char  *json,
            const char  *sent_cursor,
            GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (json, strlen (json));

  return crm_api_page_parse (bytes, sent_cursor, error);
}

static void
assert_malformed (const char *json,
                  const char *sent_cursor)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmApiPage) page = parse_page (json, sent_cursor, &error);

  g_assert_null (page);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED);
  g_assert_true (g_str_has_prefix (error->message, "The server sent a page that cannot be read"));
}

static void
test_page_parse (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmApiPage) empty = NULL;
  g_autoptr(CrmApiPage) last = NULL;
  g_autoptr(CrmApiPage) more = NULL;

  empty = parse_page ("{\"entries\":[],\"cursor\":null,\"has_more\":false}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_api_page_get_n_entries (empty), ==, 0);
  g_assert_null (crm_api_page_get_next_cursor (empty));

  /* The last page still carries a cursor: it must not be followed. */
  last = parse_page ("{\"entries\":[{\"uuid\":\"a\"}],\"cursor\":\"MjAyNA==\","
                     "\"has_more\":false,\"current_page\":1,\"total_pages\":null}",
                     "X", &error);
  g_assert_no_error (error);
  g_assert_false (crm_api_page_has_more (last));
  g_assert_null (crm_api_page_get_next_cursor (last));

  more = parse_page ("{\"entries\":[{\"uuid\":\"a\"},{\"uuid\":\"b\"}],\"cursor\":\"Yg==\","
                     "\"has_more\":true,\"whatever\":{\"x\":[1]}}", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_api_page_get_n_entries (more), ==, 2);
  g_assert_cmpstr (crm_api_page_get_next_cursor (more), ==, "Yg==");

  assert_malformed ("{\"entries\":[],\"has_more\":true}", NULL);
  assert_malformed ("{\"entries\":[],\"cursor\":\"A\",\"has_more\":true}", "A");
  assert_malformed ("{\"entries\":{\"uuid\":\"a\"},\"has_more\":false}", NULL);
  assert_malformed ("{\"has_more\":false}", NULL);
  assert_malformed ("{\"entries\":[],\"has_more\":\"no\"}", NULL);
  assert_malformed ("{\"entries\":[],\"cursor\":12,\"has_more\":false}", NULL);
  assert_malformed ("{\"entries\":[1, 2],\"has_more\":false}", NULL);
  assert_malformed ("[]", NULL);
  assert_malformed ("{\"entries\":[{\"uuid\":\"a\"}", NULL);
  assert_malformed ("", NULL);
}

static void
test_auth (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmApiClient) wrong = NULL;
  g_autoptr(JsonNode) pong = NULL;
  g_autoptr(JsonNode) refused = NULL;

  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_object_get_string_member (json_node_get_object (pong), "data"), ==,
                   "pong!");

  wrong = crm_api_client_new (crm_fake_server_get_url (f->server), "other-key", &error);
  g_assert_no_error (error);
  refused = call (wrong, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_null (refused);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAUTHORIZED);
  g_assert_cmpstr (error->message, ==, "No valid API key provided");
  /* Not a transient failure: asked once. */
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/ping"), ==, 2);
}

static void
test_pagination (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *cursor = NULL;
  guint pages = 0;

  crm_fake_server_set_page_size (f->server, 2);
  for (guint i = 0; i < 5; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i + 1);
      g_free (add_customer (f->server, name));
    }

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmApiPage) page = list (f->client, "customers", NULL, cursor, &error);
      JsonArray *entries;

      g_assert_no_error (error);
      entries = crm_api_page_get_entries (page);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);

          const char *name = json_object_get_string_member (entry, "name");

          g_assert_true (g_hash_table_add (seen, g_strdup (name)));
        }

      g_free (cursor);
      cursor = g_strdup (crm_api_page_get_next_cursor (page));
      pages++;
    }
  while (cursor != NULL);

  g_assert_cmpuint (pages, ==, 3);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 5);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 3);
}

static GPtrArray *
list_all (CrmApiClient       *client,
          const char         *path,
          const char * const *query,
          const char         *key)
{
  GPtrArray *values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *cursor = NULL;

  do
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmApiPage) page = list (client, path, query, cursor, &error);
      JsonArray *entries;

      g_assert_no_error (error);
      entries = crm_api_page_get_entries (page);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        g_ptr_array_add (values, g_strdup (json_object_get_string_member (
                                             json_array_get_object_element (entries, i), key)));

      g_free (cursor);
      cursor = g_strdup (crm_api_page_get_next_cursor (page));
    }
  while (cursor != NULL);

  return values;
}

static char *
join (GPtrArray *values)
{
  g_ptr_array_add (values, NULL);
  return g_strjoinv (",", (char **) values->pdata);
}

/* Section 2.3: customers by customer-since (none first) then id; the other
 * lists newest created_at first. */
static void
test_list_order (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *customer = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *customers_text = NULL;
  g_autofree char *notes_text = NULL;

  crm_fake_server_set_page_size (f->server, 2);
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"C\","
                               "\"customer-since\":\"2024-03-01T00:00:00+00:00\"}"));
  g_free (crm_fake_server_add (f->server, "customers", "{\"name\":\"A\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"B\","
                               "\"customer-since\":\"2024-01-01T00:00:00+00:00\"}"));
  customer = crm_fake_server_add (f->server, "customers", "{\"name\":\"D\"}");

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"text\":\"n%u\","
                                               "\"created_at\":\"2024-05-0%uT09:00:00.000Z\"}",
                                               customer, i, i == 1 ? 9 : i + 1);

      g_free (crm_fake_server_add (f->server, "customer_notes", json));
    }

  customers = list_all (f->client, "customers", NULL, "name");
  customers_text = join (customers);
  g_assert_cmpstr (customers_text, ==, "A,D,B,C");

  notes = list_all (f->client, "customer_notes", NULL, "text");
  notes_text = join (notes);
  g_assert_cmpstr (notes_text, ==, "n1,n2,n0");
}

typedef struct
{
  char    *first;
  gboolean done;
} EditOnce;

/* After the first page, edit its first record and add one. */
static void
edit_after_first_page (CrmFakeServer        *server,
                       const CrmFakeRequest *request,
                       gpointer              user_data)
{
  EditOnce *edit = user_data;

  if (edit->done || !g_str_equal (request->path, "/v1/customers"))
    return;

  edit->done = TRUE;
  crm_fake_server_edit (server, "customers", edit->first, "{\"name\":\"L1 renamed\"}");
  g_free (crm_fake_server_add (server, "customers", "{\"name\":\"L5\"}"));
}

/* Section 13: a scan sees each record at most once while records change. */
static void
test_cursor_at_most_once (Fixture       *f,
                          gconstpointer  data)
{
  EditOnce edit = { NULL, FALSE };
  g_autoptr(GPtrArray) names = NULL;
  g_autofree char *text = NULL;

  crm_fake_server_set_page_size (f->server, 2);
  edit.first = add_customer (f->server, "L1");
  for (guint i = 2; i <= 4; i++)
    {
      g_autofree char *name = g_strdup_printf ("L%u", i);
      g_free (add_customer (f->server, name));
    }

  crm_fake_server_set_hook (f->server, edit_after_first_page, &edit);
  names = list_all (f->client, "customers", NULL, "name");
  text = join (names);
  g_assert_cmpstr (text, ==, "L1,L2,L3,L4,L5");
  crm_fake_server_set_hook (f->server, NULL, NULL);
  g_free (edit.first);
}

static void
test_search_not_found (Fixture       *f,
                       gconstpointer  data)
{
  const char * const query[] = { "email", "nobody@example.org", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmApiPage) page = list (f->client, "customers/search", query, NULL, &error);
  g_autoptr(CrmFakeRequest) request = NULL;

  g_assert_null (page);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NOT_FOUND);
  g_assert_cmpstr (error->message, ==,
                   "Can't find any customers with email: \"nobody@example.org\"");

  request = crm_fake_server_dup_request (f->server, 0);
  g_assert_cmpstr (request->query, ==, "email=nobody%40example.org&per_page=200");
}

static void
on_waiting_notify_cb (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  GArray *seen = user_data;
  gint64 until = crm_api_client_get_waiting_until (CRM_API_CLIENT (object));

  g_array_append_val (seen, until);
}

static void
run_rate_limited (Fixture    *f,
                  const char *retry_after,
                  gint64      expected_wait)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/ping", .times = 1, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 429, .retry_after = retry_after,
    .body = "{\"code\":429,\"message\":\"Your request rate has exceeded our rate limit.\"}",
  };
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pong = NULL;
  g_autoptr(CrmFakeRequest) first = NULL;
  g_autoptr(CrmFakeRequest) second = NULL;
  gint64 start = crm_sync_clock_get_real_time (f->clock);

  crm_fake_server_add_fault (f->server, &fault);
  g_signal_connect (f->client, "notify::waiting-until", G_CALLBACK (on_waiting_notify_cb), seen);

  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pong);

  /* One wait of exactly what was asked, nothing sent during it. */
  g_assert_cmpuint (crm_sync_clock_get_waits (f->clock)->len, ==, 1);
  g_assert_cmpint (g_array_index (crm_sync_clock_get_waits (f->clock), gint64, 0), ==,
                   expected_wait);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 2);
  first = crm_fake_server_dup_request (f->server, 0);
  second = crm_fake_server_dup_request (f->server, 1);
  g_assert_cmpuint (first->status, ==, 429);
  g_assert_cmpint (second->time - first->time, ==, expected_wait);

  /* The window was told until when, then that the wait was over. */
  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpint (g_array_index (seen, gint64, 0), ==, start + expected_wait);
  g_assert_cmpint (g_array_index (seen, gint64, 1), ==, 0);
  g_assert_cmpint (crm_api_client_get_wait_reason (f->client), ==, -1);
}

static void
test_retry_after_seconds (Fixture       *f,
                          gconstpointer  data)
{
  run_rate_limited (f, "120", 120 * G_USEC_PER_SEC);
}

static void
test_retry_after_date (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_utc (START_TIME / G_USEC_PER_SEC + 120);
  g_autofree char *text = soup_date_time_to_string (when, SOUP_DATE_HTTP);

  run_rate_limited (f, text, 120 * G_USEC_PER_SEC);
}

static void
test_retry_after_missing (Fixture       *f,
                          gconstpointer  data)
{
  run_rate_limited (f, NULL, G_USEC_PER_SEC);
}

static void
test_backoff_grows (Fixture       *f,
                    gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/ping", .times = 5, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 503,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pong = NULL;
  GArray *waits;

  crm_fake_server_add_fault (f->server, &fault);
  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_no_error (error);

  waits = crm_sync_clock_get_waits (f->clock);
  g_assert_cmpuint (waits->len, ==, 5);
  for (guint i = 0; i < waits->len; i++)
    {
      gint64 ceiling = (gint64) G_USEC_PER_SEC << i;

      g_assert_cmpint (g_array_index (waits, gint64, i), >=, MAX (ceiling / 2, G_USEC_PER_SEC));
      g_assert_cmpint (g_array_index (waits, gint64, i), <=, ceiling);
    }
}

static void
test_gives_up (Fixture       *f,
               gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/ping", .kind = CRM_FAKE_FAULT_STATUS, .status = 429,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pong = NULL;

  crm_api_client_set_max_attempts (f->client, 3);
  crm_fake_server_add_fault (f->server, &fault);
  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);

  g_assert_null (pong);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpstr (error->message, ==, "429 Too Many Requests");
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 3);
}

static void
test_server_errors (Fixture       *f,
                    gconstpointer  data)
{
  CrmFakeFault bad_gateway = {
    .method = "GET", .path = "/v1/ping", .times = 1, .kind = CRM_FAKE_FAULT_STATUS, .status = 502,
  };
  CrmFakeFault internal = {
    .method = "GET", .path = "/v1/customers", .times = 1, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 500,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pong = NULL;
  g_autoptr(CrmApiPage) page = NULL;

  crm_fake_server_add_fault (f->server, &bad_gateway);
  crm_fake_server_add_fault (f->server, &internal);

  /* 502 is transient: retried. */
  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/ping"), ==, 2);

  /* 500 is the server failing on this request: not retried; its plain
   * text body is the message. */
  page = list (f->client, "customers", NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_SERVER);
  g_assert_cmpstr (error->message, ==, "500 Internal Server Error");
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/customers"), ==, 1);
}

static void
test_dropped_connection (Fixture       *f,
                         gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/ping", .times = 2, .kind = CRM_FAKE_FAULT_DROP_BEFORE,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pong = NULL;

  crm_fake_server_add_fault (f->server, &fault);
  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pong);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 3);
  g_assert_cmpuint (crm_sync_clock_get_waits (f->clock)->len, ==, 2);
}

static void
test_slow_answer (Fixture       *f,
                  gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/ping", .times = 1, .kind = CRM_FAKE_FAULT_SLOW,
    .delay_ms = 2500,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) pong = NULL;

  /* The first answer comes after the client stopped waiting for it. */
  crm_api_client_set_timeout (f->client, 1);
  crm_fake_server_add_fault (f->server, &fault);
  pong = call (f->client, "GET", "ping", NULL, CRM_API_CALL_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (pong);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 2);
}

static void
test_malformed_body (Fixture       *f,
                     gconstpointer  data)
{
  CrmFakeFault truncated = {
    .method = "GET", .path = "/v1/customers", .times = 1, .kind = CRM_FAKE_FAULT_TRUNCATE,
  };
  CrmFakeFault typed = {
    .method = "GET", .path = "/v1/contacts", .times = 1, .kind = CRM_FAKE_FAULT_BODY,
    .body = "{\"entries\":{\"uuid\":\"con_1\"},\"cursor\":null,\"has_more\":false}",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) error2 = NULL;
  g_autoptr(CrmApiPage) page = NULL;
  g_autoptr(CrmApiPage) page2 = NULL;

  g_free (add_customer (f->server, "Alder"));
  crm_fake_server_add_fault (f->server, &truncated);
  crm_fake_server_add_fault (f->server, &typed);

  page = list (f->client, "customers", NULL, NULL, &error);
  g_assert_null (page);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED);

  page2 = list (f->client, "contacts", NULL, NULL, &error2);
  g_assert_null (page2);
  g_assert_error (error2, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED);
  g_assert_cmpstr (error2->message, ==,
                   "The server sent a page that cannot be read: entries is not a list");

  /* Not retried: the same request would bring the same body. */
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 2);
}

static void
test_create_not_retried (Fixture       *f,
                         gconstpointer  data)
{
  CrmFakeFault gateway = {
    .method = "POST", .path = "/v1/data_sources", .times = 1,
    .kind = CRM_FAKE_FAULT_STATUS_AFTER, .status = 504,
  };
  CrmFakeFault limited = {
    .method = "POST", .path = "/v1/data_sources", .skip = 1, .times = 1,
    .kind = CRM_FAKE_FAULT_STATUS, .status = 429,
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) first = NULL;
  g_autoptr(JsonNode) second = NULL;

  crm_fake_server_add_fault (f->server, &gateway);
  crm_fake_server_add_fault (f->server, &limited);

  /* The 504 came after the server created it: the outcome is unknown to
   * the client, which must not send the create again by itself. */
  first = call (f->client, "POST", "data_sources", "{\"name\":\"Prospect\"}",
                CRM_API_CALL_CREATE, &error);
  g_assert_null (first);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAVAILABLE);
  g_assert_cmpuint (crm_fake_server_count (f->server, "data_sources"), ==, 1);
  g_clear_error (&error);

  /* A 429 is answered before anything is done: sent again. */
  second = call (f->client, "POST", "data_sources", "{\"name\":\"Other\"}",
                 CRM_API_CALL_CREATE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (second);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/data_sources"), ==, 3);
  g_assert_cmpuint (crm_fake_server_count (f->server, "data_sources"), ==, 2);
}

static void
test_cancel_wait (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CrmSyncClock) real = crm_sync_clock_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  crm_sync_clock_wait_async (real, 30 * G_USEC_PER_SEC, cancellable, on_done_cb, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (crm_sync_clock_wait_finish (real, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* A client on the real clock, its fake server on the same. */
static CrmApiClient *
new_real_client (Fixture *f)
{
  g_autoptr(CrmSyncClock) real = crm_sync_clock_new ();
  g_autoptr(GError) error = NULL;
  CrmApiClient *client;

  crm_fake_server_set_clock (f->server, real);
  client = crm_api_client_new (crm_fake_server_get_url (f->server), API_KEY, &error);
  g_assert_no_error (error);
  crm_api_client_set_clock (client, real);
  return client;
}

/* The network came back: a request waiting after a dropped connection
 * goes at once, long before its wait would have ended. */
static void
test_retry_now (Fixture       *f,
                gconstpointer  data)
{
  CrmFakeFault drop = {
    .method = "GET", .path = "/v1/customers", .times = 1, .kind = CRM_FAKE_FAULT_DROP_BEFORE,
  };
  g_autoptr(CrmApiClient) client = new_real_client (f);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(CrmApiPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gint64 until;

  g_free (add_customer (f->server, "Juniper"));
  crm_fake_server_add_fault (f->server, &drop);
  crm_api_client_list_async (client, "customers", NULL, NULL, NULL, NULL, NULL, NULL,
                             on_done_cb, &result);
  while (crm_api_client_get_waiting_until (client) == 0)
    g_main_context_iteration (NULL, TRUE);
  until = crm_api_client_get_waiting_until (client);
  g_assert_cmpint (until - g_get_real_time (), >, G_USEC_PER_SEC / 2);
  g_assert_cmpint (crm_api_client_get_wait_reason (client), ==, CRM_SYNC_ERROR_NETWORK);

  crm_api_client_retry_now (client);
  page = crm_api_client_list_finish (client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_api_page_get_n_entries (page), ==, 1);
  g_assert_cmpint (g_get_real_time (), <, until);
  g_assert_cmpint (crm_api_client_get_waiting_until (client), ==, 0);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 2);
}

/* A wait the server asked for is not cut short. */
static void
test_retry_now_rate_limited (Fixture       *f,
                             gconstpointer  data)
{
  CrmFakeFault limit = {
    .method = "GET", .path = "/v1/customers", .times = 1, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 429, .retry_after = "120",
  };
  g_autoptr(CrmApiClient) client = new_real_client (f);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 end;

  crm_fake_server_add_fault (f->server, &limit);
  crm_api_client_list_async (client, "customers", NULL, NULL, NULL, NULL, NULL, cancellable,
                             on_done_cb, &result);
  while (crm_api_client_get_waiting_until (client) == 0)
    g_main_context_iteration (NULL, TRUE);

  crm_api_client_retry_now (client);
  end = g_get_monotonic_time () + 300 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (result);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, 1);

  g_cancellable_cancel (cancellable);
  g_assert_null (crm_api_client_list_finish (client, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/sync/client/base-url", test_base_url);
  g_test_add_func ("/crm/sync/client/backoff/exponential", test_backoff_exponential);
  g_test_add_func ("/crm/sync/client/backoff/retry-after", test_backoff_retry_after);
  g_test_add_func ("/crm/sync/client/error-shapes", test_error_shapes);
  g_test_add_func ("/crm/sync/client/page-parse", test_page_parse);

#define ADD(path, func) \
  g_test_add ("/crm/sync/client/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("auth", test_auth);
  ADD ("pagination", test_pagination);
  ADD ("search-not-found", test_search_not_found);
  ADD ("list-order", test_list_order);
  ADD ("cursor-at-most-once", test_cursor_at_most_once);
  ADD ("retry-after/seconds", test_retry_after_seconds);
  ADD ("retry-after/date", test_retry_after_date);
  ADD ("retry-after/missing", test_retry_after_missing);
  ADD ("backoff-grows", test_backoff_grows);
  ADD ("gives-up", test_gives_up);
  ADD ("server-errors", test_server_errors);
  ADD ("dropped-connection", test_dropped_connection);
  ADD ("slow-answer", test_slow_answer);
  ADD ("malformed-body", test_malformed_body);
  ADD ("create-not-retried", test_create_not_retried);
  ADD ("cancel-wait", test_cancel_wait);
  ADD ("retry-now", test_retry_now);
  ADD ("retry-now/rate-limited", test_retry_now_rate_limited);
#undef ADD

  return g_test_run ();
}
