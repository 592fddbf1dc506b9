/* test-sync-push.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "crm-customer.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-store-sync.h"
#include "crm-sync-error.h"
#include "crm-sync-land.h"
#include "test-sync-util.h"

static const char *
member (JsonObject *object,
        const char *key)
{
  return json_object_get_string_member_with_default (object, key, NULL);
}

static JsonObject *
server_record (SyncFixture *f,
               const char  *resource,
               const char  *table,
               gint64       local_id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT uuid FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          table, local_id);
  g_autofree char *uuid = sync_query_text (f, sql);

  g_assert_nonnull (uuid);
  return crm_fake_server_dup (f->server, resource, uuid);
}

static guint
count_server (SyncFixture *f,
              const char  *resource,
              const char  *key,
              const char  *value)
{
  g_autoptr(GPtrArray) all = crm_fake_server_dup_all (f->server, resource);
  guint n = 0;

  for (guint i = 0; i < all->len; i++)
    if (g_strcmp0 (member (g_ptr_array_index (all, i), key), value) == 0)
      n++;

  return n;
}

static gint64
add_local_customer (SyncFixture *f,
                    const char  *name)
{
  return test_insert (f->store, CRM_ENTITY_CUSTOMER,
                      g_variant_new_parsed ("{'name': <%s>, 'email': <'info@example.org'>}", name));
}

/* Local records of every kind reach the server once, with their fields;
 * a second sync sends nothing. */
static void
test_creates (SyncFixture   *f,
              gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) again = NULL;
  g_autoptr(JsonObject) customer = NULL;
  g_autoptr(JsonObject) task = NULL;
  g_autoptr(JsonObject) note = NULL;
  g_autoptr(JsonObject) opportunity = NULL;
  g_autoptr(JsonObject) contact = NULL;
  gint64 c, t, n, o, p;

  /* Sync is on before the records are made, so each queues its create. */
  summary = sync_run_ok (f, "sync");
  g_clear_pointer (&summary, crm_sync_summary_free);

  c = test_insert (f->store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'Harbor Optics'>, 'company': <'Harbor Optics'>,"
                                         " 'email': <'info@harbor.example.org'>,"
                                         " 'status': <'Working Lead'>, 'country': <'DE'>,"
                                         " 'website': <'https://harbor.example.org'>}"));
  p = test_insert (f->store, CRM_ENTITY_CONTACT,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Lena'>,"
                                         " 'last_name': <'Maier'>, 'phone': <'+1 555 0100'>}", c));
  t = test_insert (f->store, CRM_ENTITY_TASK,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Send brochure'>,"
                                         " 'assignee': <'rep@example.com'>,"
                                         " 'due_on': <'2025-07-10'>}", c));
  n = test_insert (f->store, CRM_ENTITY_ACTIVITY,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                         " 'body': <'Discovery call'>, 'call_duration': <@x 900>,"
                                         " 'author': <'rep@example.com'>,"
                                         " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}", c));
  o = test_insert (f->store, CRM_ENTITY_OPPORTUNITY,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'owner': <'rep@example.com'>,"
                                         " 'pipeline': <'New Business'>, 'stage': <'Discovery'>,"
                                         " 'currency': <'EUR'>, 'amount_minor': <@x 400000>,"
                                         " 'close_on': <'2025-09-30'>}", c));
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), >=, 5);

  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->created, ==, 5);
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);

  customer = server_record (f, "customers", "customers", c);
  g_assert_cmpstr (member (customer, "name"), ==, "Harbor Optics");
  g_assert_cmpstr (member (customer, "status"), ==, "Qualified Lead");
  g_assert_cmpstr (member (customer, "website_url"), ==, "https://harbor.example.org");
  g_assert_cmpstr (member (customer, "country"), ==, "DE");
  g_assert_nonnull (member (customer, "data_source_uuid"));
  g_assert_cmpuint (crm_fake_server_count (f->server, "data_sources"), ==, 1);

  contact = server_record (f, "contacts", "contacts", p);
  g_assert_cmpstr (member (contact, "phone"), ==, "+1 555 0100");
  g_assert_cmpstr (member (contact, "customer_uuid"), ==, member (customer, "uuid"));
  g_assert_nonnull (member (contact, "external_id"));

  task = server_record (f, "tasks", "tasks", t);
  g_assert_cmpstr (member (task, "task_details"), ==, "Send brochure");
  g_assert_cmpstr (member (task, "due_date"), ==, "2025-07-10T00:00:00.000Z");
  g_assert_cmpstr (member (task, "customer_uuid"), ==, member (customer, "uuid"));

  note = server_record (f, "customer_notes", "activities", n);
  g_assert_cmpstr (member (note, "type"), ==, "call");
  g_assert_cmpint (json_object_get_int_member (note, "call_duration"), ==, 900);
  g_assert_cmpstr (member (note, "author"), ==, "Key Owner (rep@example.com)");
  g_assert_cmpstr (member (note, "created_at"), ==, "2025-06-30T09:00:00.000Z");

  opportunity = server_record (f, "opportunities", "opportunities", o);
  g_assert_cmpstr (member (opportunity, "pipeline_stage"), ==, "Discovery");
  g_assert_cmpint (json_object_get_int_member (opportunity, "amount_in_cents"), ==, 400000);
  g_assert_cmpstr (member (opportunity, "estimated_close_date"), ==, "2025-09-30");

  /* D2: the date sent back is the date. */
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks WHERE due_on = '2025-07-10'"),
                   ==, 1);

  again = sync_run_ok (f, "sync");
  g_assert_cmpuint (again->created + again->updated + again->deleted + again->pushed, ==, 0);
  g_assert_cmpuint (crm_fake_server_count (f->server, "customers"), ==, 1);
  g_assert_cmpuint (crm_fake_server_count (f->server, "tasks"), ==, 1);
}

/* S3: a contact of a customer, synced. */
typedef struct
{
  char   *customer;
  char   *contact;
  gint64  contact_id;
  gint64  customer_id;
} S3Book;

static void
s3_set_up (SyncFixture *f,
           S3Book      *book)
{
  g_autofree char *json = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;

  book->customer = sync_add_customer (f, "Maple Foods",
                                      "\"website_url\":\"https://maple.example.com\"");
  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"first_name\":\"Lena\","
                          "\"last_name\":\"Maier\",\"title\":\"Buyer\","
                          "\"phone\":\"+1 555 0100\"}", book->customer);
  book->contact = crm_fake_server_add (f->server, "contacts", json);

  summary = sync_run_ok (f, "sync");
  book->contact_id = sync_local_id (f, "contacts", book->contact);
  book->customer_id = sync_local_id (f, "customers", book->customer);
  g_assert_cmpint (book->contact_id, >, 0);
}

static void
s3_clear (S3Book *book)
{
  g_free (book->customer);
  g_free (book->contact);
}

/* The network is down for the first try. */
static void
sync_offline (SyncFixture *f)
{
  CrmFakeFault down = { .path = "/v1", .kind = CRM_FAKE_FAULT_DROP_BEFORE };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;

  crm_fake_server_add_fault (f->server, &down);
  crm_sync_engine_set_max_attempts (f->engine, 2);
  summary = sync_run (f, "sync", &error);
  g_assert_null (summary);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NETWORK);
  g_assert_cmpint (crm_sync_engine_get_state (f->engine), ==, CRM_SYNC_STATE_OFFLINE);
  crm_fake_server_clear_faults (f->server);
}

static char *
local_text (SyncFixture *f,
            const char  *table,
            const char  *column,
            gint64       id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = %" G_GINT64_FORMAT,
                                          column, table, id);

  return sync_query_text (f, sql);
}

static void
resolve (SyncFixture *f,
         gint64       conflict_id,
         gboolean     keep_local)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_sync_engine_resolve_conflict_async (f->engine, conflict_id, keep_local, NULL,
                                          (GAsyncReadyCallback) test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_sync_engine_change_finish (f->engine, result, &error));
  g_assert_no_error (error);
}

static void
test_s3_conflict (SyncFixture   *f,
                  gconstpointer  data)
{
  S3Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *phone = NULL;
  CrmSyncConflict *conflict;

  s3_set_up (f, &book);

  test_update (f->store, CRM_ENTITY_CONTACT, book.contact_id,
               g_variant_new_parsed ("{'phone': <'+1 555 0111'>}"));
  crm_fake_server_edit (f->server, "contacts", book.contact, "{\"phone\":\"+1 555 0122\"}");
  sync_offline (f);

  /* On reconnect: a conflict on phone showing both values. */
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->conflicts, ==, 1);
  g_assert_cmpuint (crm_sync_engine_get_conflict_count (f->engine), ==, 1);
  conflicts = crm_sync_engine_dup_conflicts (f->engine);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpint (conflict->kind, ==, CRM_ENTITY_CONTACT);
  g_assert_cmpint (conflict->local_id, ==, book.contact_id);
  g_assert_cmpstr (conflict->field, ==, "phone");
  g_assert_cmpstr (conflict->local_value, ==, "\"+1 555 0111\"");
  g_assert_cmpstr (conflict->server_value, ==, "\"+1 555 0122\"");

  /* Nothing overwritten until the rep picks, however often it syncs. */
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->conflicts, ==, 0);
  phone = local_text (f, "contacts", "phone", book.contact_id);
  g_assert_cmpstr (phone, ==, "+1 555 0111");
  server = crm_fake_server_dup (f->server, "contacts", book.contact);
  g_assert_cmpstr (member (server, "phone"), ==, "+1 555 0122");
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "PATCH", "/v1/contacts"), ==, 0);

  /* The rep keeps hers: it goes to the server. */
  {
    g_autoptr(JsonObject) after = NULL;

    resolve (f, conflict->id, TRUE);
    g_clear_pointer (&summary, crm_sync_summary_free);
    summary = sync_run_ok (f, "sync");
    after = crm_fake_server_dup (f->server, "contacts", book.contact);
    g_assert_cmpstr (member (after, "phone"), ==, "+1 555 0111");
    g_assert_cmpuint (summary->updated, ==, 1);
    g_assert_cmpuint (crm_store_count_conflicts (f->store), ==, 0);
  }

  s3_clear (&book);
}

static void
test_s3_take_server (SyncFixture   *f,
                     gconstpointer  data)
{
  S3Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) after = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *phone = NULL;

  s3_set_up (f, &book);
  test_update (f->store, CRM_ENTITY_CONTACT, book.contact_id,
               g_variant_new_parsed ("{'phone': <'+1 555 0111'>}"));
  crm_fake_server_edit (f->server, "contacts", book.contact, "{\"phone\":\"+1 555 0122\"}");
  summary = sync_run_ok (f, "sync");

  conflicts = crm_sync_engine_dup_conflicts (f->engine);
  g_assert_cmpuint (conflicts->len, ==, 1);
  resolve (f, ((CrmSyncConflict *) g_ptr_array_index (conflicts, 0))->id, FALSE);

  phone = local_text (f, "contacts", "phone", book.contact_id);
  g_assert_cmpstr (phone, ==, "+1 555 0122");
  after = sync_run_ok (f, "sync");
  g_assert_cmpuint (after->pushed, ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "PATCH", "/v1/contacts"), ==, 0);

  s3_clear (&book);
}

/* Variant: the rep changed her title instead; both changes merge. */
static void
test_s3_merge (SyncFixture   *f,
               gconstpointer  data)
{
  S3Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autoptr(CrmFakeRequest) patch = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *title = NULL;

  s3_set_up (f, &book);
  test_update (f->store, CRM_ENTITY_CONTACT, book.contact_id,
               g_variant_new_parsed ("{'title': <'Head of Buying'>}"));
  crm_fake_server_edit (f->server, "contacts", book.contact, "{\"phone\":\"+1 555 0122\"}");
  sync_offline (f);
  crm_fake_server_clear_requests (f->server);

  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->conflicts, ==, 0);
  g_assert_cmpuint (crm_store_count_conflicts (f->store), ==, 0);

  phone = local_text (f, "contacts", "phone", book.contact_id);
  title = local_text (f, "contacts", "title", book.contact_id);
  g_assert_cmpstr (phone, ==, "+1 555 0122");
  g_assert_cmpstr (title, ==, "Head of Buying");
  server = crm_fake_server_dup (f->server, "contacts", book.contact);
  g_assert_cmpstr (member (server, "phone"), ==, "+1 555 0122");
  g_assert_cmpstr (member (server, "title"), ==, "Head of Buying");

  /* Only the changed field was sent. */
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "PATCH", "/v1/contacts"), ==, 1);
  for (guint i = 0; i < crm_fake_server_get_n_requests (f->server); i++)
    {
      g_autoptr(CrmFakeRequest) request = crm_fake_server_dup_request (f->server, i);

      if (g_str_equal (request->method, "PATCH"))
        patch = g_steal_pointer (&request);
    }
  g_assert_cmpstr (patch->body, ==, "{\"title\":\"Head of Buying\"}");

  s3_clear (&book);
}

typedef struct
{
  SyncFixture *f;
  gint64       contact_id;
  gboolean     edited;
} TypingOn;

static void
on_typed_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_assert_true (crm_store_mutation_finish (CRM_STORE (object), result, NULL, NULL));
}

/* The rep types a new phone while the title's PATCH is answered. */
static void
type_during_patch_cb (CrmFakeServer        *server,
                      const CrmFakeRequest *request,
                      gpointer              user_data)
{
  TypingOn *typing = user_data;

  if (typing->edited || !g_str_equal (request->method, "PATCH"))
    return;

  typing->edited = TRUE;
  crm_store_update_async (typing->f->store, CRM_ENTITY_CONTACT, typing->contact_id,
                          g_variant_new_parsed ("{'phone': <'+1 555 0199'>}"),
                          CRM_ORIGIN_PERSON, NULL, on_typed_cb, NULL);
}

/* An edit made while an earlier change of the same record is on its way
 * is neither overwritten by the server's answer nor dropped with the
 * outbox row: it goes with the next push. */
static void
test_edit_during_push (SyncFixture   *f,
                       gconstpointer  data)
{
  S3Book book = { NULL };
  TypingOn typing = { f, 0, FALSE };
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *phone = NULL;

  s3_set_up (f, &book);
  typing.contact_id = book.contact_id;
  test_update (f->store, CRM_ENTITY_CONTACT, book.contact_id,
               g_variant_new_parsed ("{'title': <'Head of Buying'>}"));

  crm_fake_server_set_hook (f->server, type_during_patch_cb, &typing);
  first = sync_run_ok (f, "sync");
  crm_fake_server_set_hook (f->server, NULL, NULL);
  g_assert_true (typing.edited);

  phone = local_text (f, "contacts", "phone", book.contact_id);
  g_assert_cmpstr (phone, ==, "+1 555 0199");

  second = sync_run_ok (f, "sync");
  server = crm_fake_server_dup (f->server, "contacts", book.contact);
  g_assert_cmpstr (member (server, "title"), ==, "Head of Buying");
  g_assert_cmpstr (member (server, "phone"), ==, "+1 555 0199");

  s3_clear (&book);
}

/* The same holds for customer fields. */
static void
test_s3_customer_fields (SyncFixture   *f,
                         gconstpointer  data)
{
  S3Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *website = NULL;
  g_autofree char *city = NULL;
  CrmSyncConflict *conflict;

  s3_set_up (f, &book);
  test_update (f->store, CRM_ENTITY_CUSTOMER, book.customer_id,
               g_variant_new_parsed ("{'website': <'https://maple.example.org'>,"
                                     " 'city': <'Graz'>}"));
  crm_fake_server_edit (f->server, "customers", book.customer,
                        "{\"website_url\":\"https://maple-foods.example.com\","
                        "\"company\":\"Maple Foods Ltd\"}");

  summary = sync_run_ok (f, "sync");
  conflicts = crm_sync_engine_dup_conflicts (f->engine);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "website");
  g_assert_cmpstr (conflict->local_value, ==, "\"https://maple.example.org\"");
  g_assert_cmpstr (conflict->server_value, ==, "\"https://maple-foods.example.com\"");

  website = local_text (f, "customers", "website", book.customer_id);
  city = local_text (f, "customers", "company || '|' || city", book.customer_id);
  g_assert_cmpstr (website, ==, "https://maple.example.org");
  g_assert_cmpstr (city, ==, "Maple Foods Ltd|Graz");
  server = crm_fake_server_dup (f->server, "customers", book.customer);
  g_assert_cmpstr (member (server, "website_url"), ==, "https://maple-foods.example.com");
  g_assert_cmpstr (member (server, "city"), ==, "Graz");

  s3_clear (&book);
}

/* S4 */
typedef struct
{
  char   *harbor;
  gint64  harbor_id;
} S4Book;

static void
s4_set_up (SyncFixture *f,
           S4Book      *book)
{
  g_autoptr(CrmSyncSummary) summary = NULL;

  book->harbor = sync_add_customer (f, "Harbor Optics", NULL);
  summary = sync_run_ok (f, "sync");
  book->harbor_id = sync_local_id (f, "customers", book->harbor);

  /* Offline: a call logged, a task created. */
  test_insert (f->store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                     " 'body': <'Called about the brochure'>,"
                                     " 'call_duration': <@x 240>, 'author': <'rep@example.com'>,"
                                     " 'occurred_at': <'2025-06-30T10:00:00.000Z'>}",
                                     book->harbor_id));
  test_insert (f->store, CRM_ENTITY_TASK,
               g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Send brochure'>,"
                                     " 'assignee': <'rep@example.com'>,"
                                     " 'due_on': <'2025-07-02'>}", book->harbor_id));
}

static void
s4_assert_once (SyncFixture *f,
                S4Book      *book)
{
  g_autofree char *note_uuid = NULL;
  g_autofree char *task_uuid = NULL;

  g_assert_cmpuint (count_server (f, "customer_notes", "customer_uuid", book->harbor), ==, 1);
  g_assert_cmpuint (count_server (f, "tasks", "customer_uuid", book->harbor), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM activities WHERE kind = 'call'"),
                   ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks"), ==, 1);
  note_uuid = sync_query_text (f, "SELECT uuid FROM activities WHERE kind = 'call'");
  task_uuid = sync_query_text (f, "SELECT uuid FROM tasks");
  g_assert_nonnull (note_uuid);
  g_assert_nonnull (task_uuid);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);
}

/* (a) The network flaps twice in a second: the first POST is done but its
 * answer lost, then the look-up that follows is cut too. */
static void
test_s4_network_flaps (SyncFixture   *f,
                       gconstpointer  data)
{
  CrmFakeFault note_lost = {
    .method = "POST", .path = "/v1/customer_notes", .times = 1,
    .kind = CRM_FAKE_FAULT_DROP_AFTER,
  };
  CrmFakeFault lookup_cut = {
    .method = "GET", .path = "/v1/customer_notes", .query = "customer_uuid", .times = 1,
    .kind = CRM_FAKE_FAULT_DROP_BEFORE,
  };
  CrmFakeFault task_lost = {
    .method = "POST", .path = "/v1/tasks", .times = 1, .kind = CRM_FAKE_FAULT_STATUS_AFTER,
    .status = 502,
  };
  S4Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;

  s4_set_up (f, &book);
  crm_fake_server_add_fault (f->server, &note_lost);
  crm_fake_server_add_fault (f->server, &lookup_cut);
  crm_fake_server_add_fault (f->server, &task_lost);

  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->created, ==, 2);
  s4_assert_once (f, &book);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/customer_notes"),
                    ==, 1);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/tasks"), ==, 1);
  g_free (book.harbor);
}

/* A create cut before it reached the server is sent again, once. */
static void
test_s4_lost_before_server (SyncFixture   *f,
                            gconstpointer  data)
{
  CrmFakeFault cut = {
    .method = "POST", .path = "/v1/tasks", .times = 2, .kind = CRM_FAKE_FAULT_DROP_BEFORE,
  };
  S4Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;

  s4_set_up (f, &book);
  crm_fake_server_add_fault (f->server, &cut);

  summary = sync_run_ok (f, "sync");
  s4_assert_once (f, &book);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/tasks"), ==, 3);
  g_free (book.harbor);
}

/* (b) The app is killed after the POST is sent and before its answer is
 * stored; the kill itself is in test-sync-crash: here the sync gives up
 * there, and the app starts again. */
static void
test_s4_restart_after_send (SyncFixture   *f,
                            gconstpointer  data)
{
  CrmFakeFault lost = {
    .method = "POST", .path = "/v1/", .kind = CRM_FAKE_FAULT_DROP_AFTER,
  };
  S4Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) failed = NULL;
  g_autoptr(GError) error = NULL;

  s4_set_up (f, &book);
  crm_fake_server_add_fault (f->server, &lost);
  crm_sync_engine_set_max_attempts (f->engine, 1);

  failed = sync_run (f, "sync", &error);
  g_assert_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NETWORK);
  g_assert_cmpuint (count_server (f, "customer_notes", "customer_uuid", book.harbor), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox WHERE sent_at IS NOT NULL"),
                   ==, 1);

  sync_fixture_restart (f);
  crm_fake_server_clear_faults (f->server);
  summary = sync_run_ok (f, "sync");
  s4_assert_once (f, &book);
  g_free (book.harbor);
}

/* K2 (c): the server refuses a move to Closed Lost. */
static char *
add_deal (SyncFixture *f,
          const char  *customer,
          const char  *stage,
          guint        amount)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"owner\":\"rep@example.com\","
                          "\"pipeline\":\"New Business\",\"pipeline_stage\":\"%s\","
                          "\"estimated_close_date\":\"2025-08-31\",\"currency\":\"EUR\","
                          "\"amount_in_cents\":%u}", customer, stage, amount);
  return crm_fake_server_add (f->server, "opportunities", json);
}

static void
test_k2c_refused_update (SyncFixture   *f,
                         gconstpointer  data)
{
  g_autofree char *birch_customer = sync_add_customer (f, "Birch", NULL);
  g_autofree char *cedar_customer = sync_add_customer (f, "Cedar", NULL);
  g_autofree char *birch = add_deal (f, birch_customer, "Negotiation", 100000);
  g_autofree char *cedar = add_deal (f, cedar_customer, "Negotiation", 200000);
  g_autofree char *path = g_strdup_printf ("/v1/opportunities/%s", cedar);
  CrmFakeFault refuse = {
    .method = "PATCH", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"errors\":{\"pipeline_stage\":\"Closed Lost needs a lost reason on the server\"}}",
  };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) again = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *stage = NULL;
  CrmOutboxEntry *entry;
  gint64 cedar_id, birch_id;

  g_assert_true (crm_store_ensure_default_pipelines (f->store, NULL));
  summary = sync_run_ok (f, "sync");
  g_clear_pointer (&summary, crm_sync_summary_free);
  cedar_id = sync_local_id (f, "opportunities", cedar);
  birch_id = sync_local_id (f, "opportunities", birch);

  crm_fake_server_add_fault (f->server, &refuse);
  sync_move_card (f, cedar_id, "Closed Lost", CRM_BOARD_INDEX_END, "Price");
  test_update (f->store, CRM_ENTITY_OPPORTUNITY, birch_id,
               g_variant_new_parsed ("{'amount_minor': <@x 120000>}"));

  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 1);

  /* Back to the last server value: Cedar in Negotiation, open again. */
  stage = local_text (f, "opportunities",
                      "stage || '|' || ifnull (closed_on, '-') || '|' || ifnull (lost_reason, '-')",
                      cedar_id);
  g_assert_cmpstr (stage, ==, "Negotiation|-|-");

  /* A failed change with the server's message. */
  g_assert_cmpuint (crm_sync_engine_get_failed_count (f->engine), ==, 1);
  failed = crm_sync_engine_dup_failed_changes (f->engine);
  g_assert_cmpuint (failed->len, ==, 1);
  entry = g_ptr_array_index (failed, 0);
  g_assert_cmpint (entry->kind, ==, CRM_ENTITY_OPPORTUNITY);
  g_assert_cmpint (entry->local_id, ==, cedar_id);
  g_assert_cmpstr (entry->error, ==, "Closed Lost needs a lost reason on the server");
  g_assert_nonnull (g_strstr_len (entry->payload, -1, "\"stage\":\"Closed Lost\""));

  /* The rest drained. */
  server = crm_fake_server_dup (f->server, "opportunities", birch);
  g_assert_cmpint (json_object_get_int_member (server, "amount_in_cents"), ==, 120000);
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 0);

  /* It is not retried forever. */
  again = sync_run_ok (f, "sync");
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "PATCH", path), ==, 1);
  g_assert_cmpuint (crm_sync_engine_get_failed_count (f->engine), ==, 1);
}

static void
settle_change (SyncFixture *f,
               gint64       change_id,
               gboolean     retry)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (retry)
    crm_sync_engine_retry_change_async (f->engine, change_id, NULL,
                                        (GAsyncReadyCallback) test_store_result_cb, &result);
  else
    crm_sync_engine_discard_change_async (f->engine, change_id, NULL,
                                          (GAsyncReadyCallback) test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_sync_engine_change_finish (f->engine, result, &error));
  g_assert_no_error (error);
}

static gint64
count_timeline (SyncFixture *f,
                gint64       customer,
                const char  *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM activities WHERE customer_id = %"
                                          G_GINT64_FORMAT " AND %s", customer, where);

  return sync_query_int (f, sql);
}

/* A refused move to Closed Lost takes back what the close did: the lead
 * is Qualified again, the closing note goes (here and, as it went out
 * first, there), and nothing of it is sent again. */
static void
test_k2c_refused_close (SyncFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Cedar", "\"status\":\"Qualified Lead\"");
  g_autofree char *cedar = add_deal (f, customer, "Negotiation", 200000);
  g_autofree char *path = g_strdup_printf ("/v1/opportunities/%s", cedar);
  g_autofree char *customer_path = g_strdup_printf ("/v1/customers/%s", customer);
  CrmFakeFault refuse = {
    .method = "PATCH", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"message\":\"Closed Lost needs a lost reason on the server\"}",
  };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GObject) loaded = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *closed_on = NULL;
  g_autofree char *lost_reason = NULL;
  gint64 cedar_id, customer_id;

  g_assert_true (crm_store_ensure_default_pipelines (f->store, NULL));
  summary = sync_run_ok (f, "sync");
  cedar_id = sync_local_id (f, "opportunities", cedar);
  customer_id = sync_local_id (f, "customers", customer);

  crm_fake_server_add_fault (f->server, &refuse);
  sync_move_card (f, cedar_id, "Closed Lost", CRM_BOARD_INDEX_END, "Price");
  loaded = crm_store_load (f->store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  g_assert_cmpstr (crm_customer_get_status (CRM_CUSTOMER (loaded)), ==, "Unqualified Lead");
  g_assert_cmpint (count_timeline (f, customer_id, "kind = 'note'"), ==, 1);

  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "push");
  g_assert_cmpuint (summary->failed, ==, 1);

  /* Here: back in Negotiation, Qualified, no closing note, no entry. */
  stage = local_text (f, "opportunities", "stage", cedar_id);
  g_assert_cmpstr (stage, ==, "Negotiation");
  closed_on = local_text (f, "opportunities", "closed_on", cedar_id);
  lost_reason = local_text (f, "opportunities", "lost_reason", cedar_id);
  g_assert_null (closed_on);
  g_assert_null (lost_reason);
  g_clear_object (&loaded);
  loaded = crm_store_load (f->store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  g_assert_cmpstr (crm_customer_get_status (CRM_CUSTOMER (loaded)), ==, "Qualified Lead");
  g_assert_cmpint (count_timeline (f, customer_id, "kind = 'note'"), ==, 0);
  g_assert_cmpint (count_timeline (f, customer_id, "rule_name = 'opportunity-lost'"), ==, 0);

  /* There: the status never sent, the note that went first deleted. */
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "PATCH", customer_path), ==, 0);
  server = crm_fake_server_dup (f->server, "customers", customer);
  g_assert_cmpstr (member (server, "status"), ==, "Qualified Lead");
  g_assert_cmpuint (crm_fake_server_count (f->server, "customer_notes"), ==, 0);

  /* Only the refused move is left, failed. */
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 1);
}

/* Two deals: the first close kept the lead (the other was open), the
 * second made it Unqualified. The server refuses only the first: what
 * the second close did stays, here and there. */
static void
test_k2c_refused_close_other_deal (SyncFixture   *f,
                                   gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Cedar", "\"status\":\"Qualified Lead\"");
  g_autofree char *first = add_deal (f, customer, "Negotiation", 200000);
  g_autofree char *second = add_deal (f, customer, "Discovery", 50000);
  g_autofree char *path = g_strdup_printf ("/v1/opportunities/%s", first);
  CrmFakeFault refuse = {
    .method = "PATCH", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"message\":\"Closed Lost needs a lost reason on the server\"}",
  };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GObject) loaded = NULL;
  g_autoptr(JsonObject) server = NULL;
  gint64 first_id, second_id, customer_id;

  g_assert_true (crm_store_ensure_default_pipelines (f->store, NULL));
  summary = sync_run_ok (f, "sync");
  first_id = sync_local_id (f, "opportunities", first);
  second_id = sync_local_id (f, "opportunities", second);
  customer_id = sync_local_id (f, "customers", customer);

  crm_fake_server_add_fault (f->server, &refuse);
  sync_move_card (f, first_id, "Closed Lost", CRM_BOARD_INDEX_END, "Price");
  /* A person's two moves are never in the same millisecond. */
  g_usleep (2 * G_TIME_SPAN_MILLISECOND);
  sync_move_card (f, second_id, "Closed Lost", CRM_BOARD_INDEX_END, "Timing");
  loaded = crm_store_load (f->store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  g_assert_cmpstr (crm_customer_get_status (CRM_CUSTOMER (loaded)), ==, "Unqualified Lead");

  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "push");
  g_assert_cmpuint (summary->failed, ==, 1);

  /* The lead stays Unqualified, by the second close's entry. */
  g_clear_object (&loaded);
  loaded = crm_store_load (f->store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  g_assert_cmpstr (crm_customer_get_status (CRM_CUSTOMER (loaded)), ==, "Unqualified Lead");
  g_assert_cmpint (count_timeline (f, customer_id, "rule_name = 'opportunity-lost'"), ==, 1);
  server = crm_fake_server_dup (f->server, "customers", customer);
  g_assert_cmpstr (member (server, "status"), ==, "Unqualified Lead");
}

/* Edit puts the refused change back and sends it; Discard drops it. */
static void
test_k2c_edit_and_discard (SyncFixture   *f,
                           gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Cedar", NULL);
  g_autofree char *cedar = add_deal (f, customer, "Negotiation", 200000);
  g_autofree char *path = g_strdup_printf ("/v1/opportunities/%s", cedar);
  CrmFakeFault refuse = {
    .method = "PATCH", .path = path, .times = 1, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"message\":\"Not now\"}",
  };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(JsonObject) server = NULL;
  g_autofree char *stage = NULL;
  gint64 cedar_id, orphan;

  g_assert_true (crm_store_ensure_default_pipelines (f->store, NULL));
  summary = sync_run_ok (f, "sync");
  g_clear_pointer (&summary, crm_sync_summary_free);
  cedar_id = sync_local_id (f, "opportunities", cedar);

  crm_fake_server_add_fault (f->server, &refuse);
  test_update (f->store, CRM_ENTITY_OPPORTUNITY, cedar_id,
               g_variant_new_parsed ("{'stage': <'Evaluation'>}"));
  summary = sync_run_ok (f, "sync");
  g_clear_pointer (&summary, crm_sync_summary_free);
  failed = crm_sync_engine_dup_failed_changes (f->engine);
  g_assert_cmpuint (failed->len, ==, 1);

  /* Edit: tried again, and this time taken. */
  settle_change (f, ((CrmOutboxEntry *) g_ptr_array_index (failed, 0))->id, TRUE);
  stage = local_text (f, "opportunities", "stage", cedar_id);
  g_assert_cmpstr (stage, ==, "Evaluation");
  summary = sync_run_ok (f, "sync");
  server = crm_fake_server_dup (f->server, "opportunities", cedar);
  g_assert_cmpstr (member (server, "pipeline_stage"), ==, "Evaluation");
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);

  /* A refused create stays local, failed; Discard takes it away. */
  orphan = test_insert (f->store, CRM_ENTITY_OPPORTUNITY,
                        g_variant_new_parsed ("{'customer_id': <%x>, 'pipeline': <'New Business'>,"
                                              " 'stage': <'Discovery'>, 'currency': <'EUR'>}",
                                              sync_local_id (f, "customers", customer)));
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 1);
  g_clear_pointer (&failed, g_ptr_array_unref);
  failed = crm_sync_engine_dup_failed_changes (f->engine);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_cmpstr (((CrmOutboxEntry *) g_ptr_array_index (failed, 0))->error, ==,
                   "estimated_close_date can't be blank");
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM opportunities WHERE uuid IS NULL"),
                   ==, 1);

  settle_change (f, ((CrmOutboxEntry *) g_ptr_array_index (failed, 0))->id, FALSE);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM opportunities WHERE uuid IS NULL"),
                   ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);
  (void) orphan;
}

/* Discarding a refused create takes the record and what belongs to it
 * away; Undo brings them all back, to be created again. */
static void
test_k2c_discard_create_undo (SyncFixture   *f,
                              gconstpointer  data)
{
  CrmFakeFault refuse = {
    .method = "POST", .path = "/v1/customers", .times = 1, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 422, .body = "{\"message\":\"Email is invalid\"}",
  };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) undone = NULL;
  g_autoptr(GError) error = NULL;
  gint64 customer, contact, note, undo_group = 0;

  customer = add_local_customer (f, "Willow Studio");
  contact = test_insert (f->store, CRM_ENTITY_CONTACT,
                         g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Ada'>}",
                                               customer));
  note = test_insert (f->store, CRM_ENTITY_ACTIVITY,
                      g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>,"
                                            " 'body': <'Wants a demo'>,"
                                            " 'occurred_at': <'2025-06-29T10:00:00.000Z'>}",
                                            customer));
  crm_fake_server_add_fault (f->server, &refuse);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 1);
  failed = crm_sync_engine_dup_failed_changes (f->engine);
  g_assert_cmpuint (failed->len, ==, 1);

  crm_sync_engine_discard_change_async (f->engine,
                                        ((CrmOutboxEntry *) g_ptr_array_index (failed, 0))->id,
                                        NULL, (GAsyncReadyCallback) test_store_result_cb,
                                        &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_sync_engine_change_finish_with_undo (f->engine, result, &undo_group,
                                                          &error));
  g_assert_no_error (error);
  g_assert_cmpint (undo_group, >, 0);
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM contacts"), ==, 0);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM activities"), ==, 0);

  crm_store_undo_async (f->store, undo_group, NULL, (GAsyncReadyCallback) test_store_result_cb,
                        &undone);
  while (undone == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_store_mutation_finish (f->store, undone, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers WHERE id = "
                                      "(SELECT max(id) FROM customers)"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts WHERE id = %"
                                            G_GINT64_FORMAT " AND customer_id = %"
                                            G_GINT64_FORMAT, contact, customer);
    g_autofree char *notes = g_strdup_printf ("SELECT count(*) FROM activities WHERE id = %"
                                              G_GINT64_FORMAT, note);

    g_assert_cmpint (sync_query_int (f, sql), ==, 1);
    g_assert_cmpint (sync_query_int (f, notes), ==, 1);
  }

  /* Back, it goes out again, with what belongs to it. */
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 0);
  g_assert_cmpuint (crm_fake_server_count (f->server, "customers"), ==, 1);
  g_assert_cmpuint (crm_fake_server_count (f->server, "contacts"), ==, 1);
  g_assert_cmpuint (crm_fake_server_count (f->server, "customer_notes"), ==, 1);

  /* The children's first creates, held while their customer was not on
   * the server, find them there with the next sync. */
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (crm_fake_server_count (f->server, "contacts"), ==, 1);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);
}

/* K3: a card moved five times, with a restart and a pull after each. */
static void
test_k3_move_and_reload (SyncFixture   *f,
                         gconstpointer  data)
{
  static const char * const stages[] = {
    "Evaluation", "Discovery", "Evaluation", "Discovery", "Evaluation"
  };
  g_autofree char *customer = sync_add_customer (f, "Atlas", NULL);
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *moved = NULL;
  gint64 id;

  g_assert_true (crm_store_ensure_default_pipelines (f->store, NULL));
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *uuid = add_deal (f, customer, i < 6 ? "Discovery" : "Evaluation",
                                        1000 + i);

      if (i == 0)
        moved = g_steal_pointer (&uuid);
    }
  summary = sync_run_ok (f, "sync");
  id = sync_local_id (f, "opportunities", moved);

  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    {
      g_autoptr(CrmSyncSummary) pass = NULL;
      g_autofree char *count = NULL;

      sync_move_card (f, id, stages[i], CRM_BOARD_INDEX_END, NULL);

      /* Every other time the app restarts before it could push. */
      if (i % 2 == 0)
        {
          pass = sync_run_ok (f, "push");
          g_clear_pointer (&pass, crm_sync_summary_free);
        }
      sync_fixture_restart (f);
      pass = sync_run_ok (f, "sync");

      g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM opportunities"), ==, 12);
      count = g_strdup_printf ("SELECT count(*) FROM opportunities WHERE id = %" G_GINT64_FORMAT
                               " AND stage = '%s'", id, stages[i]);
      g_assert_cmpint (sync_query_int (f, count), ==, 1);
      g_assert_cmpuint (crm_fake_server_count (f->server, "opportunities"), ==, 12);
    }

  {
    g_autoptr(JsonObject) server = crm_fake_server_dup (f->server, "opportunities", moved);

    g_assert_cmpstr (member (server, "pipeline_stage"), ==, "Evaluation");
  }
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM opportunities"
                                      " WHERE stage = 'Evaluation'"), ==, 7);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM opportunities"
                                      " WHERE stage = 'Discovery'"), ==, 5);
}

/* Deletes here reach the server; a record never synced sends nothing. */
static void
test_deletes (SyncFixture   *f,
              gconstpointer  data)
{
  S3Book book = { NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  gint64 never;

  s3_set_up (f, &book);
  never = add_local_customer (f, "Never Sent");
  test_delete (f->store, CRM_ENTITY_CUSTOMER, never);
  test_delete (f->store, CRM_ENTITY_CONTACT, book.contact_id);

  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->deleted, ==, 1);
  g_assert_null (crm_fake_server_dup (f->server, "contacts", book.contact));
  g_assert_cmpuint (crm_fake_server_count (f->server, "customers"), ==, 1);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/customers"), ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);

  s3_clear (&book);
}

/* Tags go through their own endpoints. */
static void
test_tags (SyncFixture   *f,
           gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Orchard",
                                                 "\"attributes\":{\"tags\":[\"old\",\"pilot\"]}");
  const char *tags[] = { "pilot", "vip", NULL };
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) again = NULL;
  g_autoptr(JsonObject) server = NULL;
  JsonArray *list;

  summary = sync_run_ok (f, "sync");
  test_set_tags (f->store, sync_local_id (f, "customers", customer), tags);
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");

  server = crm_fake_server_dup (f->server, "customers", customer);
  list = json_object_get_array_member (json_object_get_object_member (server, "attributes"),
                                       "tags");
  g_assert_cmpuint (json_array_get_length (list), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (list, 0), ==, "pilot");
  g_assert_cmpstr (json_array_get_string_element (list, 1), ==, "vip");

  again = sync_run_ok (f, "sync");
  g_assert_cmpuint (again->pushed + again->updated, ==, 0);
}

/* A tag the server refuses is a refused change like any other: the tags
 * go back to the server's, and the rest of the queue goes on. */
static void
test_tags_refused (SyncFixture   *f,
                   gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Orchard", NULL);
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/attributes/tags", customer);
  CrmFakeFault refuse = {
    .method = "POST", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"code\":422,\"message\":\"Tag is too long\",\"param\":\"tags\"}",
  };
  const char *tags[] = { "a-tag-the-server-refuses", NULL };
  g_autoptr(CrmSyncSummary) summary = sync_run_ok (f, "sync");
  g_autoptr(GPtrArray) failed = NULL;
  gint64 id = sync_local_id (f, "customers", customer);
  gint64 other = add_local_customer (f, "Birch Works");

  crm_fake_server_add_fault (f->server, &refuse);
  test_set_tags (f->store, id, tags);
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 1);
  failed = crm_sync_engine_dup_failed_changes (f->engine);
  g_assert_cmpuint (failed->len, ==, 1);
  g_assert_cmpstr (((CrmOutboxEntry *) g_ptr_array_index (failed, 0))->error, ==,
                   "Tag is too long");
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tags"), ==, 0);
  g_assert_nonnull (server_record (f, "customers", "customers", other));
}

static JsonObject *
server_custom (SyncFixture *f,
               const char  *uuid)
{
  g_autoptr(JsonObject) server = crm_fake_server_dup (f->server, "customers", uuid);
  JsonObject *attributes = json_object_get_object_member (server, "attributes");

  return json_object_ref (json_object_get_object_member (attributes, "custom"));
}

/* The body of the one request to @method @path. */
static JsonObject *
request_body (SyncFixture *f,
              const char  *method,
              const char  *path)
{
  JsonObject *body = NULL;

  for (guint i = 0; i < crm_fake_server_get_n_requests (f->server); i++)
    {
      g_autoptr(CrmFakeRequest) request = crm_fake_server_dup_request (f->server, i);
      g_autoptr(JsonNode) node = NULL;

      if (!g_str_equal (request->method, method) || !g_str_equal (request->path, path))
        continue;
      g_assert_null (body);
      node = json_from_string (request->body, NULL);
      g_assert_nonnull (node);
      body = json_object_ref (json_node_get_object (node));
    }

  g_assert_nonnull (body);
  return body;
}

static const char *
typed_item (JsonArray  *items,
            const char *key)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_strcmp0 (member (item, "key"), key) == 0)
        return member (item, "type");
    }

  return NULL;
}

/* Custom attributes go through their own endpoints, key by key: added
 * with their type, changed, removed; a key changed on both sides is a
 * conflict of its own, and one changed there only is taken here. */
static void
test_custom_attributes (SyncFixture   *f,
                        gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Orchard",
                                                 "\"attributes\":{\"custom\":{\"seats\":12,"
                                                 "\"industry\":\"Tools\",\"legacy\":\"x\","
                                                 "\"region\":\"north\"}}");
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(JsonObject) custom = NULL;
  g_autoptr(JsonObject) added = NULL;
  g_autoptr(JsonObject) changed = NULL;
  g_autoptr(JsonObject) removed = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/attributes/custom", customer);
  g_autofree char *text = NULL;
  CrmSyncConflict *conflict;
  JsonArray *items;
  gint64 id;

  summary = sync_run_ok (f, "sync");
  id = sync_local_id (f, "customers", customer);
  test_update (f->store, CRM_ENTITY_CUSTOMER, id,
               g_variant_new_parsed ("{'attributes': <'{\"seats\":40,\"industry\":\"Tools\","
                                     "\"region\":\"south\",\"champion\":true,"
                                     "\"price\":12.5,"
                                     "\"trial_ends\":\"2025-07-31T00:00:00Z\"}'>}"));
  crm_fake_server_edit (f->server, "customers", customer,
                        "{\"attributes\":{\"custom\":{\"seats\":12,\"industry\":\"Hardware\","
                        "\"legacy\":\"x\",\"region\":\"east\"},\"tags\":[],"
                        "\"clearbit\":{},\"stripe\":{}}}");
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "push");
  g_assert_cmpuint (summary->conflicts, ==, 1);

  /* Added with their types, changed, removed: one request each. */
  added = request_body (f, "POST", path);
  items = json_object_get_array_member (added, "custom");
  g_assert_cmpuint (json_array_get_length (items), ==, 3);
  g_assert_cmpstr (typed_item (items, "champion"), ==, "Boolean");
  g_assert_cmpstr (typed_item (items, "price"), ==, "Decimal");
  g_assert_cmpstr (typed_item (items, "trial_ends"), ==, "Timestamp");
  changed = request_body (f, "PUT", path);
  g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (changed, "custom"),
                                               "seats"), ==, 40);
  g_assert_cmpuint (json_object_get_size (json_object_get_object_member (changed, "custom")),
                    ==, 1);
  removed = request_body (f, "DELETE", path);
  items = json_object_get_array_member (removed, "custom");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (json_array_get_string_element (items, 0), ==, "legacy");

  custom = server_custom (f, customer);
  g_assert_cmpint (json_object_get_int_member (custom, "seats"), ==, 40);
  g_assert_cmpstr (member (custom, "industry"), ==, "Hardware");
  g_assert_cmpstr (member (custom, "region"), ==, "east");
  g_assert_cmpstr (member (custom, "trial_ends"), ==, "2025-07-31T00:00:00.000Z");
  g_assert_true (json_object_get_boolean_member (custom, "champion"));
  g_assert_false (json_object_has_member (custom, "legacy"));

  /* Here: the server's industry taken, the rep's region kept. */
  text = local_text (f, "customers", "attributes", id);
  local = json_node_get_object (json_from_string (text, NULL));
  g_assert_cmpstr (member (local, "industry"), ==, "Hardware");
  g_assert_cmpstr (member (local, "region"), ==, "south");
  g_assert_false (json_object_has_member (local, "legacy"));

  conflicts = crm_sync_engine_dup_conflicts (f->engine);
  g_assert_cmpuint (conflicts->len, ==, 1);
  conflict = g_ptr_array_index (conflicts, 0);
  g_assert_cmpstr (conflict->field, ==, "attributes.region");
  g_assert_cmpstr (conflict->local_value, ==, "\"south\"");
  g_assert_cmpstr (conflict->server_value, ==, "\"east\"");

  /* The rep keeps hers; then nothing more goes. */
  resolve (f, conflict->id, TRUE);
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_clear_pointer (&custom, json_object_unref);
  custom = server_custom (f, customer);
  g_assert_cmpstr (member (custom, "region"), ==, "south");
  g_assert_cmpuint (crm_store_count_conflicts (f->store), ==, 0);

  g_clear_pointer (&summary, crm_sync_summary_free);
  crm_fake_server_clear_requests (f->server);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->pushed + summary->updated, ==, 0);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "PUT", path), ==, 0);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", path), ==, 0);
  g_assert_cmpuint (crm_store_count_outbox (f->store, NULL), ==, 0);
}

/* A custom attribute the server refuses goes back to the server's value;
 * the change stays, failed, with the server's message. */
static void
test_custom_attributes_refused (SyncFixture   *f,
                                gconstpointer  data)
{
  g_autofree char *customer = sync_add_customer (f, "Orchard",
                                                 "\"attributes\":{\"custom\":{\"seats\":12}}");
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s/attributes/custom", customer);
  CrmFakeFault refuse = {
    .method = "PUT", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"code\":422,\"message\":\"Seats must be below 30\",\"param\":\"custom\"}",
  };
  g_autoptr(CrmSyncSummary) summary = sync_run_ok (f, "sync");
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(JsonNode) local = NULL;
  g_autofree char *text = NULL;
  gint64 id = sync_local_id (f, "customers", customer);

  crm_fake_server_add_fault (f->server, &refuse);
  test_update (f->store, CRM_ENTITY_CUSTOMER, id,
               g_variant_new_parsed ("{'attributes': <'{\"seats\":40}'>}"));
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 1);
  failed = crm_sync_engine_dup_failed_changes (f->engine);
  g_assert_cmpstr (((CrmOutboxEntry *) g_ptr_array_index (failed, 0))->error, ==,
                   "Seats must be below 30");
  text = local_text (f, "customers", "attributes", id);
  local = json_from_string (text, NULL);
  g_assert_cmpint (json_object_get_int_member (json_node_get_object (local), "seats"), ==, 12);
}

/* A new customer takes its custom attributes along, typed. */
static void
test_custom_attributes_create (SyncFixture   *f,
                               gconstpointer  data)
{
  gint64 id = test_insert (f->store, CRM_ENTITY_CUSTOMER,
                           g_variant_new_parsed ("{'name': <'Birch Works'>, "
                                                 "'attributes': <'{\"seats\":5}'>}"));
  g_autoptr(CrmSyncSummary) summary = sync_run_ok (f, "sync");
  g_autoptr(JsonObject) body = request_body (f, "POST", "/v1/customers");
  g_autoptr(JsonObject) server = server_record (f, "customers", "customers", id);
  JsonArray *items;

  items = json_object_get_array_member (json_object_get_object_member (body, "attributes"),
                                        "custom");
  g_assert_cmpuint (json_array_get_length (items), ==, 1);
  g_assert_cmpstr (typed_item (items, "seats"), ==, "Integer");
  g_assert_cmpint (json_object_get_int_member (
                     json_object_get_object_member (
                       json_object_get_object_member (server, "attributes"), "custom"),
                     "seats"), ==, 5);
}

/* A pull brought the customer, and what belongs to it, before the answer
 * to its create arrived: that copy goes, what belongs to it stays, on the
 * customer made here. */
static void
test_twin_keeps_children (SyncFixture   *f,
                          gconstpointer  data)
{
  g_autofree char *uuid = sync_add_customer (f, "Orchard", NULL);
  g_autofree char *contact_json = g_strdup_printf ("{\"customer_uuid\":\"%s\","
                                                   "\"first_name\":\"Lena\"}", uuid);
  g_autofree char *note_json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"type\":\"note\","
                                                "\"text\":\"Met at the fair\"}", uuid);
  g_autofree char *contact = crm_fake_server_add (f->server, "contacts", contact_json);
  g_autofree char *note = crm_fake_server_add (f->server, "customer_notes", note_json);
  g_autoptr(CrmSyncSummary) summary = sync_run_ok (f, "pull");
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(JsonObject) answer = crm_fake_server_dup (f->server, "customers", uuid);
  g_autoptr(GError) error = NULL;
  CrmSyncLandJob *job = g_new0 (CrmSyncLandJob, 1);
  gint64 twin = sync_local_id (f, "customers", uuid);
  gint64 mine;

  g_assert_cmpint (twin, >, 0);
  mine = add_local_customer (f, "Orchard");
  pending = crm_store_dup_outbox (f->store, "pending", NULL);
  g_assert_cmpuint (pending->len, ==, 1);

  /* The create's answer: the server's record, which the pull has too. */
  job->landing = CRM_SYNC_LAND_CREATED;
  job->change_id = ((CrmOutboxEntry *) g_ptr_array_index (pending, 0))->id;
  job->resource = crm_sync_resource_get (CRM_ENTITY_CUSTOMER);
  job->local_id = mine;
  job->pass = 1;
  job->server = crm_sync_resource_read_entry (job->resource, answer, &error);
  g_assert_no_error (error);
  crm_store_run_sync (f->store, NULL, CRM_ORIGIN_SYNC, crm_sync_land_change, job, NULL, &error);
  g_assert_no_error (error);
  crm_sync_land_job_free (job);

  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (sync_local_id (f, "customers", uuid), ==, mine);
  g_assert_cmpint (sync_local_id (f, "contacts", contact), >, 0);
  g_assert_cmpint (sync_local_id (f, "activities", note), >, 0);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM contacts WHERE customer_id = %"
                                            G_GINT64_FORMAT, mine);
    g_autofree char *notes = g_strdup_printf ("SELECT count(*) FROM activities"
                                              " WHERE kind = 'note' AND customer_id = %"
                                              G_GINT64_FORMAT, mine);

    g_assert_cmpint (sync_query_int (f, sql), ==, 1);
    g_assert_cmpint (sync_query_int (f, notes), ==, 1);
  }

  /* The next sync finds nothing to do twice. */
  g_clear_pointer (&summary, crm_sync_summary_free);
  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->created + summary->deleted, ==, 0);
  g_assert_cmpuint (crm_fake_server_count (f->server, "contacts"), ==, 1);
}

/* The outbox survives a restart, and one drain runs at a time. */
static void
test_restart_and_one_drain (SyncFixture   *f,
                            gconstpointer  data)
{
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(CrmSyncSummary) a = NULL;
  g_autoptr(CrmSyncSummary) b = NULL;
  g_autoptr(CrmSyncSummary) summary = NULL;

  summary = sync_run_ok (f, "sync");
  add_local_customer (f, "Alder");
  add_local_customer (f, "Birch");
  sync_fixture_restart (f);
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 2);
  sync_wait_idle ();
  g_assert_cmpuint (crm_sync_engine_get_pending_count (f->engine), ==, 2);

  crm_sync_engine_push_async (f->engine, NULL, (GAsyncReadyCallback) test_store_result_cb, &first);
  crm_sync_engine_push_async (f->engine, NULL, (GAsyncReadyCallback) test_store_result_cb, &second);
  while (first == NULL || second == NULL)
    g_main_context_iteration (NULL, TRUE);

  a = crm_sync_engine_sync_finish (f->engine, first, NULL);
  b = crm_sync_engine_sync_finish (f->engine, second, NULL);
  g_assert_cmpuint (a->created, ==, 2);
  g_assert_cmpuint (b->created, ==, 0);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/customers"), ==, 2);
  g_assert_cmpuint (crm_sync_engine_get_pending_count (f->engine), ==, 0);
}

/* A record whose customer is not on the server waits for it. */
static void
test_blocked_child (SyncFixture   *f,
                    gconstpointer  data)
{
  CrmFakeFault refuse = {
    .method = "POST", .path = "/v1/customers", .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"message\":\"Email is invalid\"}",
  };
  g_autoptr(CrmSyncSummary) summary = NULL;
  gint64 customer;

  summary = sync_run_ok (f, "sync");
  g_clear_pointer (&summary, crm_sync_summary_free);
  customer = add_local_customer (f, "Alder");
  test_insert (f->store, CRM_ENTITY_TASK,
               g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Call'>}", customer));
  crm_fake_server_add_fault (f->server, &refuse);

  summary = sync_run_ok (f, "sync");
  g_assert_cmpuint (summary->failed, ==, 1);
  g_assert_cmpuint (crm_store_count_outbox (f->store, "failed"), ==, 1);
  g_assert_cmpuint (crm_store_count_outbox (f->store, "pending"), ==, 1);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, "POST", "/v1/tasks"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/crm/sync/push/" path, SyncFixture, NULL, sync_fixture_set_up, func, \
              sync_fixture_tear_down)
  ADD ("creates", test_creates);
  ADD ("s3-no-lost-update/conflict", test_s3_conflict);
  ADD ("s3-no-lost-update/take-server", test_s3_take_server);
  ADD ("s3-no-lost-update/merge", test_s3_merge);
  ADD ("s3-no-lost-update/edit-during-push", test_edit_during_push);
  ADD ("s3-no-lost-update/customer-fields", test_s3_customer_fields);
  ADD ("s4-no-duplicate/network-flaps", test_s4_network_flaps);
  ADD ("s4-no-duplicate/lost-before-server", test_s4_lost_before_server);
  ADD ("s4-no-duplicate/restart-after-send", test_s4_restart_after_send);
  ADD ("k2c-refused-update", test_k2c_refused_update);
  ADD ("k2c-edit-and-discard", test_k2c_edit_and_discard);
  ADD ("k2c-discard-create-undo", test_k2c_discard_create_undo);
  ADD ("k2c-refused-close", test_k2c_refused_close);
  ADD ("k2c-refused-close-other-deal", test_k2c_refused_close_other_deal);
  ADD ("k3-move-and-reload", test_k3_move_and_reload);
  ADD ("deletes", test_deletes);
  ADD ("tags", test_tags);
  ADD ("tags/refused", test_tags_refused);
  ADD ("twin-keeps-children", test_twin_keeps_children);
  ADD ("custom-attributes", test_custom_attributes);
  ADD ("custom-attributes/create", test_custom_attributes_create);
  ADD ("custom-attributes/refused", test_custom_attributes_refused);
  ADD ("restart-and-one-drain", test_restart_and_one_drain);
  ADD ("blocked-child", test_blocked_child);
#undef ADD

  return g_test_run ();
}
