/* test-sync-pull.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <libsoup/soup.h>

#include "crm-filter.h"
#include "crm-store-sync.h"
#include "crm-sync-error.h"
#include "test-sync-util.h"

static char *
names (SyncFixture *f)
{
  return sync_query_text (f, "SELECT group_concat (name, ',') FROM"
                             " (SELECT name FROM customers ORDER BY name)");
}

/* S1: after page 1 is read, the server edits L1 and adds L5. */
typedef struct
{
  SyncFixture *f;
  char        *l1;
  gboolean     done;
} S1Edit;

static void
s1_edit_cb (CrmFakeServer        *server,
            const CrmFakeRequest *request,
            gpointer              user_data)
{
  S1Edit *edit = user_data;

  if (edit->done || !g_str_equal (request->path, "/v1/customers"))
    return;

  edit->done = TRUE;
  crm_fake_server_edit (server, "customers", edit->l1, "{\"name\":\"L1 edited\"}");
  g_free (crm_fake_server_add (server, "customers",
                               "{\"name\":\"L5\",\"external_id\":\"ext-L5\"}"));
}

static void
test_s1_pagination_while_data_changes (SyncFixture   *f,
                                       gconstpointer  data)
{
  S1Edit edit = { f, NULL, FALSE };
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autoptr(CrmSyncSummary) third = NULL;
  g_autofree char *after_first = NULL;
  g_autofree char *after_second = NULL;

  crm_fake_server_set_page_size (f->server, 2);
  edit.l1 = sync_add_customer (f, "L1", NULL);
  g_free (sync_add_customer (f, "L2", NULL));
  g_free (sync_add_customer (f, "L3", NULL));
  g_free (sync_add_customer (f, "L4", NULL));
  crm_fake_server_set_hook (f->server, s1_edit_cb, &edit);

  /* L1..L4 each exactly once, L5 at most once (here once, as it sorts last). */
  first = sync_run_ok (f, "pull");
  after_first = names (f);
  g_assert_cmpstr (after_first, ==, "L1,L2,L3,L4,L5");
  g_assert_cmpint (sync_query_int (f, "SELECT count(DISTINCT uuid) FROM customers"), ==, 5);
  g_assert_cmpuint (first->created, ==, 5);
  g_assert_cmpuint (first->updated, ==, 0);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/customers"), ==, 3);

  /* L1 in its new version and L5, each exactly once. */
  second = sync_run_ok (f, "pull");
  after_second = names (f);
  g_assert_cmpstr (after_second, ==, "L1 edited,L2,L3,L4,L5");
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"), ==, 5);
  g_assert_cmpuint (second->created, ==, 0);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->deleted, ==, 0);

  /* A third pull changes nothing. */
  third = sync_run_ok (f, "pull");
  g_assert_cmpuint (third->created, ==, 0);
  g_assert_cmpuint (third->updated, ==, 0);
  g_assert_cmpuint (third->deleted, ==, 0);
  g_assert_cmpuint (third->conflicts, ==, 0);
  g_assert_cmpuint (third->pulled, ==, 5);

  crm_fake_server_set_hook (f->server, NULL, NULL);
  g_free (edit.l1);
}

/* S2 */
typedef struct
{
  SyncFixture  *f;
  gboolean      seen;
  CrmSyncState  state;
  gint64        resume_at;
  guint         pending;
} S2Watch;

static void
on_state_cb (GObject    *object,
             GParamSpec *pspec,
             gpointer    user_data)
{
  S2Watch *watch = user_data;
  CrmSyncEngine *engine = CRM_SYNC_ENGINE (object);

  if (crm_sync_engine_get_state (engine) != CRM_SYNC_STATE_RATE_LIMITED || watch->seen)
    return;

  watch->seen = TRUE;
  watch->state = crm_sync_engine_get_state (engine);
  watch->resume_at = crm_sync_engine_get_resume_at (engine);
  watch->pending = crm_store_count_outbox (watch->f->store, "pending");
}

static guint
count_requests_with (CrmFakeServer *server,
                     const char    *cursor)
{
  guint n = 0;

  for (guint i = 0; i < crm_fake_server_get_n_requests (server); i++)
    {
      g_autoptr(CrmFakeRequest) request = crm_fake_server_dup_request (server, i);
      g_autofree char *escaped = g_uri_escape_string (cursor, NULL, FALSE);

      if (g_str_equal (request->path, "/v1/customers") && request->query != NULL &&
          g_strstr_len (request->query, -1, escaped) != NULL)
        n++;
    }

  return n;
}

/* Eight customers on four pages of two, synced, then two local edits. */
static void
s2_set_up (SyncFixture *f)
{
  g_autoptr(CrmSyncSummary) summary = NULL;

  crm_fake_server_set_page_size (f->server, 2);
  for (guint i = 1; i <= 8; i++)
    {
      g_autofree char *name = g_strdup_printf ("C%u", i);
      g_free (sync_add_customer (f, name, NULL));
    }

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 8);

  test_update (f->store, CRM_ENTITY_CUSTOMER,
               sync_query_int (f, "SELECT id FROM customers WHERE name = 'C1'"),
               g_variant_new_parsed ("{'city': <'Graz'>}"));
  test_update (f->store, CRM_ENTITY_CUSTOMER,
               sync_query_int (f, "SELECT id FROM customers WHERE name = 'C7'"),
               g_variant_new_parsed ("{'city': <'Linz'>}"));
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 2);
  crm_fake_server_clear_requests (f->server);
}

/* The cursor of page 3, as the server makes it. */
static char *
page_3_cursor (SyncFixture *f)
{
  g_autoptr(CrmFakeRequest) third = crm_fake_server_dup_request (f->server, 2);
  const char *start = g_strstr_len (third->query, -1, "cursor=") + strlen ("cursor=");
  g_autofree char *escaped = g_strndup (start, strcspn (start, "&"));

  return g_uri_unescape_string (escaped, NULL);
}

static void
run_s2 (SyncFixture *f,
        const char  *retry_after,
        gint64       expected_wait)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/customers", .skip = 2, .times = 1,
    .kind = CRM_FAKE_FAULT_STATUS, .status = 429, .retry_after = retry_after,
  };
  S2Watch watch = { f, FALSE };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmFakeRequest) limited = NULL;
  g_autoptr(CrmFakeRequest) resumed = NULL;
  g_autofree char *cursor = NULL;
  gint64 start;
  gulong handler;

  s2_set_up (f);
  start = crm_sync_clock_get_real_time (f->clock);
  crm_fake_server_add_fault (f->server, &fault);
  handler = g_signal_connect (f->engine, "notify::state", G_CALLBACK (on_state_cb), &watch);

  summary = sync_run_ok (f, "pull");
  g_signal_handler_disconnect (f->engine, handler);

  /* The window was told it is rate limited, and until when; the two
   * edits stayed queued. */
  g_assert_true (watch.seen);
  g_assert_cmpint (watch.resume_at, ==, start + expected_wait);
  g_assert_cmpuint (watch.pending, ==, 2);

  /* No request during the wait, then page 3 again, not page 1. */
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/customers"), ==, 5);
  limited = crm_fake_server_dup_request (f->server, 2);
  resumed = crm_fake_server_dup_request (f->server, 3);
  g_assert_cmpuint (limited->status, ==, 429);
  g_assert_cmpstr (limited->query, ==, resumed->query);
  g_assert_cmpint (resumed->time - limited->time, ==, expected_wait);
  g_assert_cmpint (crm_sync_clock_get_waited (f->clock), ==, expected_wait);
  cursor = page_3_cursor (f);
  g_assert_cmpuint (count_requests_with (f->server, cursor), ==, 2);

  /* Nothing lost or doubled, the edits still waiting. */
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"), ==, 8);
  g_assert_cmpuint (summary->created, ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 2);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"
                                      " WHERE city IN ('Graz', 'Linz')"), ==, 2);
  g_assert_cmpint (crm_sync_engine_get_state (f->engine), ==, CRM_SYNC_STATE_IDLE);
}

static void
test_s2_retry_after_seconds (SyncFixture   *f,
                             gconstpointer  data)
{
  run_s2 (f, "120", 120 * G_USEC_PER_SEC);
}

static void
test_s2_retry_after_date (SyncFixture   *f,
                          gconstpointer  data)
{
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *text = NULL;

  /* The set-up's pull does not move the virtual clock. */
  when = g_date_time_new_from_unix_utc (SYNC_START_TIME / G_USEC_PER_SEC + 120);
  text = soup_date_time_to_string (when, SOUP_DATE_HTTP);
  run_s2 (f, text, 120 * G_USEC_PER_SEC);
}

static void
test_s2_no_retry_after (SyncFixture   *f,
                        gconstpointer  data)
{
  run_s2 (f, NULL, G_USEC_PER_SEC);
}

/* A pull that gives up on page 3 resumes there in the next sync, even
 * after the app restarted. */
static void
test_s2_resume_after_restart (SyncFixture   *f,
                              gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/customers", .skip = 2, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 429, .retry_after = "120",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncSummary) failed = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmFakeRequest) first = NULL;
  g_autofree char *cursor = NULL;
  g_autofree char *c8 = NULL;

  s2_set_up (f);
  c8 = sync_query_text (f, "SELECT uuid FROM customers WHERE name = 'C8'");
  crm_fake_server_edit (f->server, "customers", c8, "{\"name\":\"C8 edited\"}");
  crm_fake_server_add_fault (f->server, &fault);
  crm_sync_engine_set_max_attempts (f->engine, 2);

  failed = sync_run (f, "pull", &error);
  g_assert_null (failed);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_RATE_LIMITED);
  g_assert_cmpint (crm_sync_engine_get_state (f->engine), ==, CRM_SYNC_STATE_RATE_LIMITED);
  cursor = page_3_cursor (f);

  sync_fixture_restart (f);
  crm_fake_server_clear_faults (f->server);
  crm_fake_server_clear_requests (f->server);
  summary = sync_run_ok (f, "pull");

  first = crm_fake_server_dup_request (f->server, 0);
  g_assert_nonnull (g_strstr_len (first->query, -1, "cursor="));
  g_assert_cmpuint (count_requests_with (f->server, cursor), ==, 1);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/customers"), ==, 2);
  g_assert_cmpuint (summary->updated, ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers WHERE name = 'C8 edited'"),
                   ==, 1);
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 2);
}

/* A page that cannot be read changes nothing, and the pull resumes there
 * once the server sends it right. */
static void
run_malformed (SyncFixture        *f,
               const CrmFakeFault *fault,
               const char         *bad_record)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncSummary) failed = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  crm_fake_server_set_page_size (f->server, 1);
  a = sync_add_customer (f, "A", NULL);
  b = sync_add_customer (f, "B", NULL);
  c = sync_add_customer (f, "C", NULL);
  summary = sync_run_ok (f, "pull");
  g_clear_pointer (&summary, crm_sync_summary_free);

  crm_fake_server_edit (f->server, "customers", a, "{\"name\":\"A2\"}");
  crm_fake_server_edit (f->server, "customers", b, "{\"name\":\"B2\"}");
  crm_fake_server_edit (f->server, "customers", c, "{\"name\":\"C2\"}");
  if (bad_record != NULL)
    crm_fake_server_edit (f->server, "customers", b, bad_record);
  else
    crm_fake_server_add_fault (f->server, fault);

  failed = sync_run (f, "pull", &error);
  g_assert_null (failed);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED);
  g_assert_cmpint (crm_sync_engine_get_state (f->engine), ==, CRM_SYNC_STATE_ERROR);
  g_assert_cmpstr (crm_sync_engine_get_last_error (f->engine), ==, error->message);

  /* Page 1 was written; the bad page 2 and what follows changed nothing. */
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers WHERE name = 'A2'"), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers WHERE name = 'B'"), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers WHERE name = 'C'"), ==, 1);

  crm_fake_server_clear_faults (f->server);
  if (bad_record != NULL)
    crm_fake_server_edit (f->server, "customers", b, "{\"name\":\"B2\",\"city\":null}");
  crm_fake_server_clear_requests (f->server);
  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->updated, ==, 2);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "GET", "/v1/customers"), ==, 2);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"
                                      " WHERE name IN ('A2', 'B2', 'C2')"), ==, 3);
}

static void
test_malformed_wrong_type (SyncFixture   *f,
                           gconstpointer  data)
{
  run_malformed (f, NULL, "{\"name\":42}");
}

static void
test_malformed_envelope (SyncFixture   *f,
                         gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/customers", .query = "cursor=", .times = 1,
    .kind = CRM_FAKE_FAULT_BODY,
    .body = "{\"entries\":{\"uuid\":\"cus_x\"},\"cursor\":null,\"has_more\":\"no\"}",
  };

  run_malformed (f, &fault, NULL);
}

static void
test_malformed_truncated (SyncFixture   *f,
                          gconstpointer  data)
{
  CrmFakeFault fault = {
    .method = "GET", .path = "/v1/customers", .query = "cursor=", .times = 1,
    .kind = CRM_FAKE_FAULT_TRUNCATE,
  };

  run_malformed (f, &fault, NULL);
}

/* The contract's quirks, as the server sends them. */
static void
test_parsing_quirks (SyncFixture   *f,
                     gconstpointer  data)
{
  g_autofree char *customer = NULL;
  g_autofree char *lead = NULL;
  g_autofree char *active = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *text = NULL;
  g_autofree char *json = NULL;

  customer = sync_add_customer (f, "Orchard Tools",
                                "\"status\":\"Lead\","
                                "\"customer-since\":\"2024-01-01T08:00:00-04:00\","
                                "\"lead_created_at\":\"2023-12-01T00:00:00.000Z\",\"city\":\"\","
                                "\"country\":\"at\",\"state\":null,\"mystery\":{\"a\":[1,2]},"
                                "\"attributes\":{\"custom\":{\"seats\":12},"
                                "\"tags\":[\"pilot\",\"b2b\"]}");
  lead = sync_add_customer (f, "Maple Foods",
                            "\"status\":\"Reactivated Lead\",\"country\":\"Netherlands\"");
  active = sync_add_customer (f, "Cedar Lane", "\"status\":\"Active\"");

  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"task_details\":\"Send brochure\","
                          "\"assignee\":\"rep@example.com\","
                          "\"due_date\":\"2025-07-10T23:30:00-05:00\"}", customer);
  g_free (crm_fake_server_add (f->server, "tasks", json));
  g_free (json);
  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"task_details\":\"Call back\","
                          "\"assignee\":\"rep@example.com\",\"due_date\":\"2025-07-11\"}",
                          customer);
  g_free (crm_fake_server_add (f->server, "tasks", json));
  g_free (json);
  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"first_name\":\"Lena\","
                          "\"last_name\":\"Maier\","
                          "\"linked_in\":\"https://linkedin.example.com/lena\",\"phone\":null,"
                          "\"custom\":{\"Champion\":true},\"shoe_size\":44}", customer);
  g_free (crm_fake_server_add (f->server, "contacts", json));
  g_free (json);
  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"type\":\"call\",\"text\":\"Discovery\","
                          "\"call_duration\":900,\"author\":\"Rep (rep@example.com)\","
                          "\"created_at\":\"2025-05-02T09:15:30.123Z\"}", customer);
  g_free (crm_fake_server_add (f->server, "customer_notes", json));
  g_free (json);
  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"owner\":\"rep@example.com\","
                          "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Proposal\","
                          "\"estimated_close_date\":\"2025-07-31\",\"currency\":\"eur\","
                          "\"amount_in_cents\":1250000,\"type\":\"subscription\","
                          "\"win_likelihood\":170}", active);
  g_free (crm_fake_server_add (f->server, "opportunities", json));

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 8);

  /* Statuses the app does not know are kept verbatim. */
  text = sync_query_text (f, "SELECT group_concat (status, '|') FROM"
                             " (SELECT status FROM customers ORDER BY name)");
  g_assert_cmpstr (text, ==, "Active|Reactivated Lead|Lead");
  g_clear_pointer (&text, g_free);

  /* Hyphenated keys; both timestamp forms, kept in UTC; "" and null. */
  text = sync_query_text (f, "SELECT customer_since || '|' || lead_created_at || '|'"
                             " || ifnull (city, 'null') || '|' || country || '|' || attributes"
                             " FROM customers WHERE name = 'Orchard Tools'");
  g_assert_cmpstr (text, ==, "2024-01-01T12:00:00.000Z|2023-12-01T00:00:00.000Z|null|AT|"
                             "{\"seats\":12}");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"
                                      " WHERE name = 'Maple Foods' AND country IS NULL"), ==, 1);
  text = sync_query_text (f, "SELECT group_concat (tag, ',') FROM (SELECT tag FROM tags"
                             " ORDER BY tag)");
  g_assert_cmpstr (text, ==, "b2b,pilot");
  g_clear_pointer (&text, g_free);

  /* Due dates: the date as written, a timestamp's prefix never shifted. */
  text = sync_query_text (f, "SELECT group_concat (due_on, ',') FROM"
                             " (SELECT due_on FROM tasks ORDER BY due_on)");
  g_assert_cmpstr (text, ==, "2025-07-10,2025-07-11");
  g_clear_pointer (&text, g_free);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks WHERE uuid IS NOT NULL"), ==, 2);

  text = sync_query_text (f, "SELECT linkedin || '|' || custom FROM contacts");
  g_assert_cmpstr (text, ==, "https://linkedin.example.com/lena|{\"Champion\":true}");
  g_clear_pointer (&text, g_free);

  text = sync_query_text (f, "SELECT kind || '|' || body || '|' || call_duration || '|'"
                             " || occurred_at || '|' || author FROM activities"
                             " WHERE uuid IS NOT NULL");
  g_assert_cmpstr (text, ==, "call|Discovery|900|2025-05-02T09:15:30.123Z|Rep (rep@example.com)");
  g_clear_pointer (&text, g_free);

  /* A stage not configured here is kept; an unknown type is the default. */
  text = sync_query_text (f, "SELECT stage || '|' || currency || '|' || amount_minor || '|'"
                             " || type || '|' || win_likelihood FROM opportunities");
  g_assert_cmpstr (text, ==, "Proposal|EUR|1250000|recurring|100");
}

/* Rules run on what a pull brings: a new lead is routed, and its owner is
 * queued for the server. */
static void
test_new_lead_routed (SyncFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *owner = NULL;

  test_insert (f->store, CRM_ENTITY_ROUTING_RULE,
               g_variant_new_parsed ("{'name': <'Austria'>, 'expression': <'country is \"AT\"'>,"
                                     " 'owner': <'anna@example.com'>}"));
  g_free (sync_add_customer (f, "Orchard Tools", "\"country\":\"AT\""));
  g_free (sync_add_customer (f, "Maple Foods", "\"country\":\"NL\""));

  summary = sync_run_ok (f, "pull");
  owner = sync_query_text (f, "SELECT owner FROM customers WHERE name = 'Orchard Tools'");
  g_assert_cmpstr (owner, ==, "anna@example.com");
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox"), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox o JOIN customers c"
                                      " ON c.id = o.local_id WHERE o.entity = 'customer'"
                                      " AND o.operation = 'update' AND c.name = 'Orchard Tools'"),
                   ==, 1);
}

/* A complete scan deletes what the server no longer has; a record the rep
 * changed meanwhile stays, as a failed change. */
static void
test_complete_pass_deletes (SyncFixture   *f,
                            gconstpointer  data)
{
  g_autofree char *gone = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *task = NULL;
  g_autofree char *json = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) again = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  CrmOutboxEntry *entry;

  gone = sync_add_customer (f, "Gone", NULL);
  changed = sync_add_customer (f, "Changed", NULL);
  kept = sync_add_customer (f, "Kept", NULL);
  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"task_details\":\"Demo\","
                          "\"assignee\":\"rep@example.com\",\"due_date\":\"2025-07-01\"}", kept);
  task = crm_fake_server_add (f->server, "tasks", json);
  summary = sync_run_ok (f, "pull");
  g_clear_pointer (&summary, crm_sync_summary_free);

  test_update (f->store, CRM_ENTITY_CUSTOMER, sync_local_id (f, "customers", changed),
               g_variant_new_parsed ("{'city': <'Graz'>}"));
  crm_fake_server_remove (f->server, "customers", gone);
  crm_fake_server_remove (f->server, "customers", changed);
  crm_fake_server_remove (f->server, "tasks", task);

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->deleted, ==, 2);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks"), ==, 0);
  g_assert_cmpint (sync_local_id (f, "customers", gone), ==, -1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"
                                      " WHERE name = 'Changed' AND uuid IS NULL"
                                      " AND city = 'Graz'"), ==, 1);

  failed = crm_store_dup_outbox (f->store, "failed", NULL);
  g_assert_cmpuint (failed->len, ==, 1);
  entry = g_ptr_array_index (failed, 0);
  g_assert_cmpstr (entry->operation, ==, "create");
  g_assert_cmpstr (entry->error, ==, "Deleted on the server while changed here");

  again = sync_run_ok (f, "pull");
  g_assert_cmpuint (again->deleted, ==, 0);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"), ==, 2);
}

/* A book that held data before the account: the first sync pairs its
 * records with the server's (external id, then email), so nothing is
 * doubled, and queues the rest to be created there. */
static void
test_pairing_first_sync (SyncFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *harbor = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  CrmSyncConflict *conflict;
  gint64 local_harbor, local_maple, local_only;

  local_harbor = test_insert (f->store, CRM_ENTITY_CUSTOMER,
                              g_variant_new_parsed ("{'name': <'Harbor Optics'>,"
                                                    " 'email': <'INFO@harbor.example.org'>,"
                                                    " 'city': <'Kiel'>}"));
  local_maple = test_insert (f->store, CRM_ENTITY_CUSTOMER,
                             g_variant_new_parsed ("{'name': <'Maple Foods'>,"
                                                   " 'external_id': <'acct-maple'>}"));
  local_only = test_insert (f->store, CRM_ENTITY_CUSTOMER,
                            g_variant_new_parsed ("{'name': <'Cedar Lane'>}"));
  test_insert (f->store, CRM_ENTITY_TASK,
               g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Send brochure'>}",
                                     local_only));
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox"), ==, 0);

  harbor = crm_fake_server_add (f->server, "customers",
                                "{\"name\":\"Harbor Optics GmbH\","
                                "\"email\":\"info@harbor.example.org\",\"external_id\":\"srv-1\","
                                "\"website_url\":\"https://harbor.example.org\"}");
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Maple Foods\",\"external_id\":\"acct-maple\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Birch Renewal\",\"external_id\":\"srv-3\"}"));

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"), ==, 4);
  g_assert_cmpint (sync_local_id (f, "customers", harbor), ==, local_harbor);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers WHERE uuid IS NOT NULL"
                                      " AND id IN (SELECT id FROM customers"
                                      "            WHERE external_id = 'acct-maple')"), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT id FROM customers WHERE external_id = 'acct-maple'"),
                   ==, local_maple);

  /* Empty here: taken from the server; set on both sides: a question. */
  text = sync_query_text (f, "SELECT website || '|' || city || '|' || name FROM customers"
                             " WHERE uuid IS NOT NULL AND email LIKE 'info@%'");
  g_assert_cmpstr (text, ==, "https://harbor.example.org|Kiel|Harbor Optics");
  conflicts = crm_store_dup_conflicts (f->store, NULL);
  g_assert_cmpuint (conflicts->len, ==, 2);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "name");
  g_assert_cmpstr (conflict->local_value, ==, "\"Harbor Optics\"");
  g_assert_cmpstr (conflict->server_value, ==, "\"Harbor Optics GmbH\"");
  conflict = g_ptr_array_index (conflicts, 1);
  g_assert_cmpstr (conflict->field, ==, "email");

  /* The rest goes to the server, customer before its task; the city
   * known only here is sent to Harbor Optics. */
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox WHERE operation = 'create'"),
                   ==, 2);
  g_free (text);
  text = sync_query_text (f, "SELECT group_concat (entity, ',') FROM"
                             " (SELECT entity FROM outbox WHERE operation = 'create' ORDER BY id)");
  g_assert_cmpstr (text, ==, "customer,task");
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox WHERE operation = 'update'"),
                   ==, 1);
}

static gint64
add_local_task (SyncFixture *f,
                gint64       customer,
                const char  *due_on,
                const char  *assignee)
{
  GVariantDict fields;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", customer);
  g_variant_dict_insert (&fields, "details", "s", "Call back");
  g_variant_dict_insert (&fields, "due_on", "s", due_on);
  if (assignee != NULL)
    g_variant_dict_insert (&fields, "assignee", "s", assignee);

  return test_insert (f->store, CRM_ENTITY_TASK, g_variant_dict_end (&fields));
}

static char *
add_server_task (SyncFixture *f,
                 const char  *customer,
                 const char  *due_date,
                 const char  *assignee)
{
  g_autofree char *json = g_strdup_printf ("{\"customer_uuid\":\"%s\","
                                           "\"task_details\":\"Call back\","
                                           "\"due_date\":\"%sT00:00:00.000Z\","
                                           "\"assignee\":\"%s\"}", customer, due_date, assignee);

  return crm_fake_server_add (f->server, "tasks", json);
}

static gint64
task_of (SyncFixture *f,
         const char  *uuid)
{
  return sync_local_id (f, "tasks", uuid);
}

/* Tasks of the same text pair by their due date and assignee too; one
 * made here for nobody pairs with the rep's there; each pairs once. */
static void
test_pairing_tasks (SyncFixture   *f,
                    gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *customer = NULL;
  g_autofree char *friday = NULL, *monday = NULL, *again = NULL, *mine = NULL;
  gint64 local, first, second, nobody;

  test_set_setting (f->store, "me.email", "rep@example.com");
  local = test_insert (f->store, CRM_ENTITY_CUSTOMER,
                       g_variant_new_parsed ("{'name': <'Spruce Labs'>,"
                                             " 'email': <'hello@spruce.example.org'>}"));
  first = add_local_task (f, local, "2025-07-07", "ana@example.com");
  second = add_local_task (f, local, "2025-07-11", "ben@example.com");
  nobody = add_local_task (f, local, "2025-07-14", NULL);

  customer = crm_fake_server_add (f->server, "customers",
                                  "{\"name\":\"Spruce Labs\",\"external_id\":\"srv-7\","
                                  "\"email\":\"hello@spruce.example.org\"}");
  /* The server may write an address in another case. */
  friday = add_server_task (f, customer, "2025-07-11", "Ben@Example.com");
  monday = add_server_task (f, customer, "2025-07-07", "ana@example.com");
  again = add_server_task (f, customer, "2025-07-07", "ana@example.com");
  mine = add_server_task (f, customer, "2025-07-14", "rep@example.com");

  summary = sync_run_ok (f, "pull");
  g_assert_cmpint (task_of (f, friday), ==, second);
  g_assert_cmpint (task_of (f, mine), ==, nobody);
  g_assert_true (task_of (f, monday) == first || task_of (f, again) == first);
  g_assert_cmpint (task_of (f, monday), !=, task_of (f, again));
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks"), ==, 4);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks WHERE uuid IS NULL"), ==, 0);
}

/* Card order is local: a pull never resets it, and new cards from a pull
 * go to the end of their column. */
static void
test_card_order_kept (SyncFixture   *f,
                      gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Birch", NULL);
  g_autofree char *moved = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *order = NULL;
  char *uuids[3];

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *json = NULL;

      json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"owner\":\"rep@example.com\","
                              "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Negotiation\","
                              "\"estimated_close_date\":\"2025-07-31\",\"currency\":\"EUR\","
                              "\"amount_in_cents\":%u}", customer, (i + 1) * 100);

      uuids[i] = crm_fake_server_add (f->server, "opportunities", json);
    }

  summary = sync_run_ok (f, "pull");
  g_clear_pointer (&summary, crm_sync_summary_free);

  /* Pulled newest first: 300, 200, 100. The rep puts the 100 card first. */
  order = sync_query_text (f, "SELECT group_concat (amount_minor, ',') FROM"
                              " (SELECT amount_minor FROM opportunities"
                              "   ORDER BY board_position, id)");
  g_assert_cmpstr (order, ==, "300,200,100");
  g_clear_pointer (&order, g_free);
  test_update (f->store, CRM_ENTITY_OPPORTUNITY, sync_local_id (f, "opportunities", uuids[0]),
               g_variant_new_parsed ("{'board_position': <@x -5>}"));
  crm_fake_server_edit (f->server, "opportunities", uuids[0], "{\"amount_in_cents\":150}");
  moved = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"owner\":\"rep@example.com\","
                           "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Negotiation\","
                           "\"estimated_close_date\":\"2025-07-31\",\"currency\":\"EUR\","
                           "\"amount_in_cents\":400}", customer);
  g_free (crm_fake_server_add (f->server, "opportunities", moved));

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 1);
  g_assert_cmpuint (summary->updated, ==, 1);
  order = sync_query_text (f, "SELECT group_concat (amount_minor, ',') FROM"
                              " (SELECT amount_minor FROM opportunities"
                              "   ORDER BY board_position, id)");
  g_assert_cmpstr (order, ==, "150,300,200,400");
  g_clear_pointer (&order, g_free);

  /* Moved to another stage on the server: to the end of that column. */
  crm_fake_server_edit (f->server, "opportunities", uuids[1], "{\"pipeline_stage\":\"Discovery\"}");
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "pull");
  order = sync_query_text (f, "SELECT group_concat (stage || ':' || amount_minor, ',') FROM"
                              " (SELECT stage, amount_minor FROM opportunities"
                              "   ORDER BY stage, board_position, id)");
  g_assert_cmpstr (order, ==, "Discovery:200,Negotiation:150,Negotiation:300,Negotiation:400");

  for (guint i = 0; i < 3; i++)
    g_free (uuids[i]);
}

/* The window says how long ago the last sync was, after a restart too; a
 * failed sync does not count. */
static void
test_last_synced_at (SyncFixture   *f,
                     gconstpointer  data)
{
  CrmFakeFault down = { .path = "/v1", .kind = CRM_FAKE_FAULT_STATUS, .status = 500 };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  gint64 synced_at;

  g_assert_cmpint (crm_sync_engine_get_last_synced_at (f->engine), ==, 0);
  g_free (sync_add_customer (f, "Larch", NULL));

  summary = sync_run_ok (f, "sync");
  synced_at = crm_sync_engine_get_last_synced_at (f->engine);
  g_assert_cmpint (synced_at, ==, crm_sync_clock_get_real_time (f->clock));
  g_assert_cmpint (synced_at, >=, SYNC_START_TIME);

  crm_fake_server_add_fault (f->server, &down);
  crm_sync_clock_advance (f->clock, 60 * G_USEC_PER_SEC);
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run (f, "sync", &error);
  g_assert_null (summary);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_SERVER);
  g_assert_cmpint (crm_sync_engine_get_last_synced_at (f->engine), ==, synced_at);

  sync_fixture_restart (f);
  g_assert_cmpint (crm_sync_engine_get_last_synced_at (f->engine), ==, synced_at);
}

/* A pull writes the customers' attributes through the store: the index
 * that filters on them read follows a new record, a changed one and one
 * the server no longer has. */
static void
test_attribute_index_follows (SyncFixture   *f,
                              gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autoptr(CrmSyncSummary) third = NULL;
  g_autoptr(CrmFilter) big = crm_filter_parse ("attr.seats >= 20", NULL);
  g_autofree char *orchard = sync_add_customer (f, "Orchard Tools",
                                                "\"attributes\":{\"custom\":{\"seats\":12,"
                                                "\"plan\":\"Basic\"}}");
  g_autofree char *maple = sync_add_customer (f, "Maple Foods",
                                              "\"attributes\":{\"custom\":{\"seats\":30}}");

  first = sync_run_ok (f, "pull");
  g_assert_cmpuint (first->created, ==, 2);
  g_assert_cmpuint (test_assert_attribute_index (f->store), ==, 3);
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, big), ==, 1);

  crm_fake_server_edit (f->server, "customers", orchard,
                        "{\"attributes\":{\"custom\":{\"seats\":40}}}");
  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (test_assert_attribute_index (f->store), ==, 2);
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, big), ==, 2);

  crm_fake_server_remove (f->server, "customers", maple);
  third = sync_run_ok (f, "pull");
  g_assert_cmpuint (test_assert_attribute_index (f->store), ==, 1);
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, big), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/crm/sync/pull/" path, SyncFixture, NULL, sync_fixture_set_up, func, \
              sync_fixture_tear_down)
  ADD ("s1-pagination-while-data-changes", test_s1_pagination_while_data_changes);
  ADD ("s2-rate-limit/retry-after-seconds", test_s2_retry_after_seconds);
  ADD ("s2-rate-limit/retry-after-date", test_s2_retry_after_date);
  ADD ("s2-rate-limit/no-retry-after", test_s2_no_retry_after);
  ADD ("s2-rate-limit/resume-after-restart", test_s2_resume_after_restart);
  ADD ("malformed/wrong-type", test_malformed_wrong_type);
  ADD ("malformed/envelope", test_malformed_envelope);
  ADD ("malformed/truncated", test_malformed_truncated);
  ADD ("parsing-quirks", test_parsing_quirks);
  ADD ("attribute-index-follows", test_attribute_index_follows);
  ADD ("new-lead-routed", test_new_lead_routed);
  ADD ("complete-pass-deletes", test_complete_pass_deletes);
  ADD ("pairing-first-sync", test_pairing_first_sync);
  ADD ("pairing-tasks", test_pairing_tasks);
  ADD ("card-order-kept", test_card_order_kept);
  ADD ("last-synced-at", test_last_synced_at);
#undef ADD

  return g_test_run ();
}
