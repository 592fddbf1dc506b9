/* test-sync-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "crm-store-board.h"
#include "crm-store-private.h"
#include "crm-store-rules.h"
#include "crm-store-sync-bulk.h"
#include "crm-store-sync.h"
#include "crm-sync-jobs.h"
#include "crm-sync-pull-page.h"
#include "crm-sync-resource.h"
#include "test-sync-util.h"

/* The quick path of a pull (records inserted from plain values,
 * statements kept for a page, rules only for the tables they look at)
 * against the path it replaces: the same fields, the same rows, the same
 * rules run. */

#define CUSTOMER_A \
  "{\"id\":1001,\"uuid\":\"cus_a\",\"external_id\":\"acct-1\",\"external_ids\":[\"acct-1\"]," \
  "\"name\":\"Orchard \\\"Tools\\\" \\u00e9\\ud83d\\ude00\"," \
  "\"email\":\"billing@orchard.example.com\"," \
  "\"company\":\"Orchard\\/Tools\\tLtd\\n\",\"status\":\"New Lead\",\"customer-since\":null," \
  "\"lead_created_at\":\"2025-01-15T08:30:00.000Z\",\"free_trial_started_at\":\"2025-01-15\"," \
  "\"country\":\"at\",\"state\":null,\"city\":\"Gr\xc3\xa4z\",\"zip\":\"8010\"," \
  "\"address\":{\"country\":\"Austria\",\"mrr\":12.5,\"big\":123456789012345678901234}," \
  "\"attributes\":{\"custom\":{\"seats\":12,\"plan\":\"gold\",\"x\":[1,true,null,{\"y\":-3}]," \
  "\"seats\":14},\"clearbit\":{},\"stripe\":{},\"tags\":[\"pilot\",\"b2b\",\"pilot\",\"\"]}," \
  "\"mrr\":1.5e3,\"arr\":0,\"currency\":\"EUR\",\"owner\":\"rep@example.com\"," \
  "\"website_url\":\"https://orchard.example.com\",\"name\":\"Orchard Tools\"}"

#define CUSTOMER_B \
  " { \"uuid\" : \"cus_b\" ,\r\n\t\"name\":\"Maple Foods\", \"email\":\"\", \"status\":\"\"," \
  "\"owner\":null, \"country\":\"Netherlands\", \"attributes\": {\"custom\":{}}} "

static const char * const customer_pages[] = {
  "{\"entries\":[" CUSTOMER_A "," CUSTOMER_B "],\"has_more\":true,\"cursor\":\"c2\"}",
};

static const char * const child_pages[][2] = {
  { "contacts",
    "{\"entries\":[{\"uuid\":\"con_1\",\"customer_uuid\":\"cus_a\",\"external_id\":\"c-1\","
    "\"position\":2,\"first_name\":\"Lena\",\"last_name\":\"Maier\",\"title\":null,"
    "\"email\":\"lena@orchard.example.com\",\"phone\":\"+1 555 0100\","
    "\"linked_in\":\"https://linkedin.example.com/lena\",\"custom\":{\"Champion\":true},"
    "\"shoe_size\":44.5}],\"has_more\":false}" },
  { "customer_notes",
    "{\"entries\":[{\"uuid\":\"note_1\",\"customer_uuid\":\"cus_a\",\"type\":\"call\","
    "\"text\":\"Discovery\",\"call_duration\":900,\"author\":\"Rep (rep@example.com)\","
    "\"created_at\":\"2025-05-02T09:15:30.123+02:00\"},{\"uuid\":\"note_2\","
    "\"customer_uuid\":\"cus_b\",\"type\":\"meeting\",\"text\":\"Met\",\"call_duration\":0,"
    "\"created_at\":\"2025-05-03T10:00:00Z\"}],\"has_more\":false}" },
  { "opportunities",
    "{\"entries\":[{\"uuid\":\"opp_1\",\"customer_uuid\":\"cus_a\",\"owner\":\"rep@example.com\","
    "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Proposal\","
    "\"estimated_close_date\":\"2025-07-31\",\"currency\":\"eur\","
    "\"amount_in_cents\":1250000,\"type\":\"subscription\",\"win_likelihood\":170,"
    "\"custom\":{\"source\":\"web\"}}],\"has_more\":false}" },
  { "tasks",
    "{\"entries\":[{\"task_uuid\":\"task_1\",\"customer_uuid\":\"cus_a\","
    "\"task_details\":\"Send brochure\",\"assignee\":\"rep@example.com\","
    "\"due_date\":\"2025-07-10T23:30:00-05:00\",\"completed_at\":null},"
    "{\"task_uuid\":\"task_2\",\"customer_uuid\":null,\"task_details\":\"Call back\","
    "\"due_date\":\"2025-07-11\",\"completed_at\":\"2025-07-01T10:00:00.000Z\"}],"
    "\"has_more\":false}" },
};

static const CrmSyncResource *
resource_of_path (const char *path)
{
  for (guint i = 0; i < crm_sync_resource_count (); i++)
    if (g_str_equal (crm_sync_resource_nth (i)->path, path))
      return crm_sync_resource_nth (i);

  g_assert_not_reached ();
}

/* The fields the per-record path inserted a new record with. */
static GVariant *
old_fields (const CrmSyncResource *resource,
            CrmSyncRecord         *record,
            gint64                 customer_id,
            gboolean               with_external_id)
{
  GVariantBuilder fields;

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  crm_sync_resource_add_fields (resource, record->values, NULL, &fields);
  g_variant_builder_add (&fields, "{sv}", "uuid", g_variant_new_string (record->uuid));
  if (customer_id > 0)
    g_variant_builder_add (&fields, "{sv}", "customer_id", g_variant_new_int64 (customer_id));
  if (record->external_id != NULL && with_external_id)
    g_variant_builder_add (&fields, "{sv}", "external_id",
                           g_variant_new_string (record->external_id));
  if (record->author != NULL)
    g_variant_builder_add (&fields, "{sv}", "author", g_variant_new_string (record->author));
  /* A new card's place came last. */
  if (resource->kind == CRM_ENTITY_OPPORTUNITY)
    g_variant_builder_add (&fields, "{sv}", "board_position", g_variant_new_int64 (2048));

  return g_variant_ref_sink (g_variant_builder_end (&fields));
}

static GVariant *
new_fields (const CrmSyncResource *resource,
            CrmSyncRecord         *record,
            gint64                 customer_id,
            gboolean               with_external_id)
{
  CrmStoreValue values[32];
  GVariantBuilder fields;
  guint n;

  n = crm_sync_pull_record_values (resource, record, customer_id, with_external_id, values,
                                   G_N_ELEMENTS (values) - 1);
  if (resource->kind == CRM_ENTITY_OPPORTUNITY)
    values[n++] = (CrmStoreValue) { "board_position", CRM_STORE_VALUE_INT, NULL, 2048 };
  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&fields, "{sv}", values[i].column,
                           crm_store_value_to_variant (&values[i]));

  return g_variant_ref_sink (g_variant_builder_end (&fields));
}

static void
assert_same_fields (const char *path,
                    const char *json)
{
  const CrmSyncResource *resource = resource_of_path (path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  JsonArray *entries;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "entries");
  records = crm_sync_resource_read_entries (resource, entries, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < records->len; i++)
    for (guint variant = 0; variant < 4; variant++)
      {
        CrmSyncRecord *record = g_ptr_array_index (records, i);
        gint64 customer_id = variant & 1 ? 42 : 0;
        gboolean with_external_id = (variant & 2) != 0;
        g_autoptr(GVariant) old = old_fields (resource, record, customer_id, with_external_id);
        g_autoptr(GVariant) quick = new_fields (resource, record, customer_id,
                                                with_external_id);
        g_autofree char *old_text = g_variant_print (old, TRUE);
        g_autofree char *quick_text = g_variant_print (quick, TRUE);

        g_assert_cmpstr (quick_text, ==, old_text);
      }
}

static void
test_values_same_fields (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (customer_pages); i++)
    assert_same_fields ("customers", customer_pages[i]);
  for (guint i = 0; i < G_N_ELEMENTS (child_pages); i++)
    assert_same_fields (child_pages[i][0], child_pages[i][1]);
}

/* Inserting with crm_store_txn_insert() and crm_store_txn_insert_values() */

typedef struct
{
  GPtrArray *seen;   /* "table operation changes" */
} RuleLog;

static gboolean
log_rule (CrmStoreTxn  *txn,
          const char   *table,
          gint64        id,
          const char   *operation,
          GVariant     *changes,
          gpointer      user_data,
          GError      **error)
{
  RuleLog *log = user_data;
  g_autofree char *text = changes != NULL ? g_variant_print (changes, TRUE) : NULL;

  g_ptr_array_add (log->seen, g_strdup_printf ("%s %s %s", table, operation, text));
  return TRUE;
}

static const CrmStoreValue task_values[] = {
  { "details", CRM_STORE_VALUE_TEXT, "Send brochure", 0 },
  { "assignee", CRM_STORE_VALUE_NULL_TEXT, NULL, 0 },
  { "due_on", CRM_STORE_VALUE_TEXT, "2025-07-10", 0 },
  { "completed_at", CRM_STORE_VALUE_TEXT, "2025-07-01T10:00:00.000Z", 0 },
  { "uuid", CRM_STORE_VALUE_TEXT, "task_1", 0 },
};

typedef struct
{
  gint64 customer_id;
  gint64 generic_id;
  gint64 quick_id;
  gint64 page_id;
} InsertJob;

static GVariant *
values_variant (const CrmStoreValue *values,
                guint                n,
                gint64               customer_id,
                const char          *uuid)
{
  GVariantBuilder fields;

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n; i++)
    g_variant_builder_add (&fields, "{sv}", values[i].column,
                           g_str_equal (values[i].column, "uuid")
                           ? g_variant_new_string (uuid)
                           : crm_store_value_to_variant (&values[i]));
  g_variant_builder_add (&fields, "{sv}", "customer_id", g_variant_new_int64 (customer_id));

  return g_variant_builder_end (&fields);
}

static gboolean
insert_three_ways (CrmStoreTxn  *txn,
                   gpointer      data,
                   GError      **error)
{
  InsertJob *job = data;
  guint n = G_N_ELEMENTS (task_values);
  CrmStoreValue values[G_N_ELEMENTS (task_values) + 1];
  g_autoptr(CrmStoreSyncPage) page = NULL;

  job->generic_id = crm_store_txn_insert (txn, CRM_ENTITY_TASK,
                                          values_variant (task_values, n, job->customer_id,
                                                          "task_generic"), error);
  if (job->generic_id == 0)
    return FALSE;

  memcpy (values, task_values, sizeof task_values);
  values[n - 1].text = "task_quick";
  values[n] = (CrmStoreValue) { "customer_id", CRM_STORE_VALUE_INT, NULL, job->customer_id };
  job->quick_id = crm_store_txn_insert_values (txn, CRM_ENTITY_TASK, values, n + 1, error);
  if (job->quick_id == 0)
    return FALSE;

  page = crm_store_sync_page_new (txn, CRM_ENTITY_TASK, error);
  values[n - 1].text = "task_page";
  job->page_id = page != NULL ? crm_store_sync_page_insert (page, values, n + 1, error) : 0;

  return job->page_id > 0;
}

static char *
task_row (CrmStore *store,
          gint64    id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT customer_id || '|' || details || '|' ||"
                                          " ifnull (assignee, 'NULL') || '|' || due_on || '|' ||"
                                          " completed_at || '|' || kind || '|' ||"
                                          " (created_at = updated_at) || '|' ||"
                                          " typeof (created_at)"
                                          " FROM tasks WHERE id = %" G_GINT64_FORMAT, id);

  return test_query_string (store, sql);
}

/* A rule's log line without its "'uuid': <'…'>". */
static char *
without_uuid (const char *line)
{
  g_autoptr(GRegex) uuid = g_regex_new ("'uuid': <'[a-z_]*'>", 0, 0, NULL);

  return g_regex_replace_literal (uuid, line, -1, 0, "", 0, NULL);
}

static void
test_insert_values_same_row (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  g_autofree char *generic = NULL;
  g_autofree char *quick = NULL;
  g_autofree char *paged = NULL;
  g_autofree char *last_activity = NULL;
  RuleLog log = { seen };
  InsertJob job = { 0 };

  crm_store_add_rule (store, log_rule, &log);
  job.customer_id = test_insert (store, CRM_ENTITY_CUSTOMER,
                                 g_variant_new_parsed ("{'name': <'Orchard Tools'>}"));
  g_ptr_array_set_size (seen, 0);

  g_assert_true (crm_store_run_sync (store, NULL, CRM_ORIGIN_SYNC, insert_three_ways, &job,
                                     NULL, &error));
  g_assert_no_error (error);

  generic = task_row (store, job.generic_id);
  quick = task_row (store, job.quick_id);
  paged = task_row (store, job.page_id);
  g_assert_nonnull (generic);
  g_assert_cmpstr (quick, ==, generic);
  g_assert_cmpstr (paged, ==, generic);

  /* The trigger of a task that arrives done ran for each. */
  last_activity = test_query_string (store, "SELECT last_activity_at FROM customers");
  g_assert_cmpstr (last_activity, ==, "2025-07-01T10:00:00.000Z");

  /* The rule saw the same fields each time, but the uuid. */
  g_assert_cmpuint (seen->len, ==, 3);
  g_assert_nonnull (strstr (g_ptr_array_index (seen, 0), "'uuid': <'task_generic'>"));
  g_assert_nonnull (strstr (g_ptr_array_index (seen, 1), "'uuid': <'task_quick'>"));
  g_assert_nonnull (strstr (g_ptr_array_index (seen, 2), "'uuid': <'task_page'>"));
  for (guint i = 1; i < 3; i++)
    {
      g_autofree char *expected = without_uuid (g_ptr_array_index (seen, 0));
      g_autofree char *got = without_uuid (g_ptr_array_index (seen, i));

      g_assert_cmpstr (got, ==, expected);
    }
}

/* Rules for some tables only */

static gboolean
insert_task_and_customer (CrmStoreTxn  *txn,
                          gpointer      data,
                          GError      **error)
{
  gint64 customer = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                                          g_variant_new_parsed ("{'name': <'Maple Foods'>}"),
                                          error);

  return customer > 0 &&
         crm_store_txn_insert (txn, CRM_ENTITY_TASK,
                               g_variant_new_parsed ("{'customer_id': <%x>,"
                                                     " 'details': <'Call back'>}", customer),
                               error) > 0;
}

static void
test_rules_for_tables (void)
{
  static const char * const customers[] = { "customers", NULL };
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GPtrArray) all = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) some = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  RuleLog all_log = { all };
  RuleLog some_log = { some };

  crm_store_add_rule (store, log_rule, &all_log);
  crm_store_add_rule_for_tables (store, customers, NULL, log_rule, &some_log);
  g_assert_true (_crm_store_has_rules_for (store, "tasks"));

  g_assert_true (crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, insert_task_and_customer,
                                     NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (all->len, ==, 2);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (all, 1), "tasks insert"));
  g_assert_cmpuint (some->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (some, 0), "customers insert"));
}

static const CrmStoreValue customer_values[] = {
  { "name", CRM_STORE_VALUE_TEXT, "Quillfeather Supplies", 0 },
  { "owner", CRM_STORE_VALUE_NULL_TEXT, NULL, 0 },
  { "status", CRM_STORE_VALUE_TEXT, "New Lead", 0 },
  { "uuid", CRM_STORE_VALUE_TEXT, "cus_1", 0 },
};

static gboolean
insert_customer_values (CrmStoreTxn  *txn,
                        gpointer      user_data,
                        GError      **error)
{
  return crm_store_txn_insert_values (txn, CRM_ENTITY_CUSTOMER, customer_values,
                                      G_N_ELEMENTS (customer_values), error) > 0;
}

/* A bulk insert gives a rule only the fields the rules of the table
 * read: here the owner (even when null) and the status, not the name. */
static void
test_rules_read_columns (void)
{
  static const char * const customers[] = { "customers", NULL };
  static const char * const owner[] = { "owner", NULL };
  static const char * const status[] = { "status", NULL };
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GPtrArray) seen = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  RuleLog log = { seen };

  crm_store_add_rule_for_tables (store, customers, owner, log_rule, &log);
  crm_store_add_rule_for_tables (store, customers, status, log_rule, &log);
  g_assert_true (_crm_store_rules_read_column (store, "customers", "owner"));
  g_assert_false (_crm_store_rules_read_column (store, "customers", "name"));
  g_assert_false (_crm_store_rules_read_column (store, "tasks", "owner"));

  g_assert_true (crm_store_run_sync (store, NULL, CRM_ORIGIN_SYNC, insert_customer_values,
                                     NULL, NULL, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (seen->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (seen, 0), ==,
                   "customers insert {'owner': <@ms nothing>, 'status': <'New Lead'>}");
  g_assert_cmpstr (g_ptr_array_index (seen, 1), ==, g_ptr_array_index (seen, 0));
}

static void
test_rules_install_tables (void)
{
  g_autoptr(CrmStore) store = test_open_store ();

  crm_store_rules_install (store);
  g_assert_true (_crm_store_has_rules_for (store, "customers"));
  g_assert_true (_crm_store_has_rules_for (store, "activities"));
  g_assert_true (_crm_store_has_rules_for (store, "opportunities"));
  g_assert_true (_crm_store_has_rules_for (store, "subscriptions"));
  g_assert_false (_crm_store_has_rules_for (store, "tasks"));
  g_assert_false (_crm_store_has_rules_for (store, "contacts"));
}

/* Pulls through the quick path */

static char *
add_child (SyncFixture *f,
           const char  *resource,
           const char  *customer,
           const char  *json)
{
  g_autofree char *full = g_strdup_printf ("{\"customer_uuid\":\"%s\",%s}", customer, json);

  return crm_fake_server_add (f->server, resource, full);
}

/* The rules that may act on what a pull brings still do: a call makes a
 * New Lead a Working Lead, an open opportunity makes a lead a Qualified
 * Lead (each on the timeline, and queued for the server); a subscriber
 * keeps its status; a task that arrives done is the last activity; the
 * customers are found by search. */
static void
test_pull_rules_run (SyncFixture   *f,
                     gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(CrmSyncSummary) again = NULL;
  g_autofree char *called = sync_add_customer (f, "Orchard Tools",
                                               "\"status\":\"New Lead\","
                                               "\"owner\":\"a@example.com\"");
  g_autofree char *qualified = sync_add_customer (f, "Harbor Optics",
                                                  "\"status\":\"Working Lead\"");
  g_autofree char *active = sync_add_customer (f, "Cedar Lane", "\"status\":\"Active\"");
  g_autofree char *text = NULL;

  crm_fake_server_set_page_size (f->server, 2);
  g_free (add_child (f, "customer_notes", called,
                     "\"type\":\"call\",\"text\":\"Discovery\",\"call_duration\":600,"
                     "\"created_at\":\"2025-06-02T09:00:00.000Z\""));
  g_free (add_child (f, "opportunities", qualified,
                     "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Discovery\","
                     "\"currency\":\"EUR\",\"amount_in_cents\":400000"));
  g_free (add_child (f, "opportunities", active,
                     "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Evaluation\","
                     "\"currency\":\"EUR\",\"amount_in_cents\":100000"));
  g_free (add_child (f, "tasks", active,
                     "\"task_details\":\"Renewal call\",\"due_date\":\"2025-06-20\","
                     "\"completed_at\":\"2025-06-21T10:00:00.000Z\""));

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 7);

  text = sync_query_text (f, "SELECT group_concat (name || ':' || status, '|') FROM"
                             " (SELECT name, status FROM customers ORDER BY name)");
  g_assert_cmpstr (text, ==,
                   "Cedar Lane:Active|Harbor Optics:Qualified Lead|Orchard Tools:Working Lead");
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM activities WHERE kind = 'status'"
                                      " AND cause = 'rule'"), ==, 2);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox WHERE entity = 'customer'"
                                      " AND operation = 'update'"), ==, 2);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox"), ==, 2);

  text = sync_query_text (f, "SELECT last_activity_at FROM customers WHERE name = 'Cedar Lane'");
  g_assert_cmpstr (text, ==, "2025-06-21T10:00:00.000Z");
  g_clear_pointer (&text, g_free);
  text = sync_query_text (f, "SELECT last_activity_at FROM customers"
                             " WHERE name = 'Orchard Tools'");
  g_assert_cmpstr (text, ==, "2025-06-02T09:00:00.000Z");
  g_clear_pointer (&text, g_free);

  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customer_search"
                                      " WHERE customer_search MATCH 'harb*'"), ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM search_dirty"), ==, 0);

  /* Every record has its base; a second pull changes nothing. */
  g_assert_cmpint (sync_query_int (f, "SELECT (SELECT count(*) FROM customers_sync) +"
                                      " (SELECT count(*) FROM activities_sync) +"
                                      " (SELECT count(*) FROM opportunities_sync) +"
                                      " (SELECT count(*) FROM tasks_sync)"), ==, 7);
  again = sync_run_ok (f, "pull");
  g_assert_cmpuint (again->created, ==, 0);
  g_assert_cmpuint (again->updated, ==, 0);
  g_assert_cmpuint (again->deleted, ==, 0);
}

/* One page holding an unchanged record, a changed one, a new one, with
 * one deleted on the server: the store ends as the server says, with the
 * new bases, and nothing queued for the server. */
static void
test_pull_mixed_page (SyncFixture   *f,
                      gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autoptr(CrmSyncSummary) third = NULL;
  g_autofree char *same = sync_add_customer (f, "Same", "\"owner\":\"a@example.com\"");
  g_autofree char *changed = sync_add_customer (f, "Changed", "\"owner\":\"a@example.com\"");
  g_autofree char *gone = sync_add_customer (f, "Gone", "\"owner\":\"a@example.com\"");
  g_autofree char *added = NULL;
  g_autofree char *text = NULL;
  g_autofree char *base = NULL;
  g_autofree char *sql = NULL;

  first = sync_run_ok (f, "pull");
  g_assert_cmpuint (first->created, ==, 3);

  crm_fake_server_edit (f->server, "customers", changed, "{\"city\":\"Graz\"}");
  crm_fake_server_remove (f->server, "customers", gone);
  added = sync_add_customer (f, "Added", "\"owner\":\"a@example.com\"");

  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->created, ==, 1);
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpuint (second->deleted, ==, 1);
  g_assert_cmpuint (second->conflicts, ==, 0);

  text = sync_query_text (f, "SELECT group_concat (name || ':' || ifnull (city, '-'), '|') FROM"
                             " (SELECT name, city FROM customers ORDER BY name)");
  g_assert_cmpstr (text, ==, "Added:-|Changed:Graz|Same:-");
  sql = g_strdup_printf ("SELECT s.base FROM customers_sync s JOIN customers c ON c.id = s.id"
                         " WHERE c.uuid = '%s'", changed);
  base = sync_query_text (f, sql);
  g_assert_nonnull (strstr (base, "\"city\":\"Graz\""));
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM outbox"), ==, 0);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM customers_sync"), ==, 3);

  third = sync_run_ok (f, "pull");
  g_assert_cmpuint (third->created + third->updated + third->deleted, ==, 0);
  g_assert_cmpstr (same, !=, added);
}

/* New customers of a page are inserted together: each keeps its own
 * values, base and tags, whatever columns its neighbours have. The first
 * 60 have the same columns, more than one statement takes. */
static void
test_pull_batched_rows (SyncFixture   *f,
                        gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;

  for (guint i = 0; i < 130; i++)
    {
      const char *tags = i % 3 == 0 ? ",\"attributes\":{\"tags\":[\"pilot\"]}" : "";
      g_autofree char *json = NULL;

      if (i >= 60 && i % 7 == 0)
        json = g_strdup_printf ("{\"name\":\"Batch %03u\"%s}", i, tags);
      else
        json = g_strdup_printf ("{\"name\":\"Batch %03u\",\"external_id\":\"ext-%u\"%s}",
                                i, i, tags);
      g_free (crm_fake_server_add (f->server, "customers", json));
    }

  first = sync_run_ok (f, "pull");
  g_assert_cmpuint (first->created, ==, 130);

  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM customers AS c"
                                      " JOIN customers_sync AS s ON s.id = c.id"
                                      " WHERE json_extract (s.base, '$.name') = c.name"),
                   ==, 130);
  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM tags WHERE tag = 'pilot'"), ==, 44);
  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM tags AS t"
                                      " JOIN customers AS c ON c.id = t.customer_id"
                                      " WHERE CAST (substr (c.name, 7) AS INTEGER) % 3 <> 0"),
                   ==, 0);
  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM customers WHERE external_id ="
                                      " 'ext-' || CAST (substr (name, 7) AS INTEGER)"), ==, 120);

  /* Each base is its own record's: nothing looks changed. */
  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->created + second->updated + second->conflicts, ==, 0);
}

/* A page that sends a record twice, or two records with one external id:
 * as if written one by one. The second copy updates the first; of the
 * two external ids, the first record keeps it and the other gets its own. */
static void
test_pull_batched_twins (SyncFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *names = NULL;
  g_autofree char *holder = NULL;

  g_free (sync_add_customer (f, "Before", NULL));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"uuid\":\"cus_twin\",\"name\":\"Twin A\","
                               "\"external_id\":\"ext-twin-a\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"uuid\":\"cus_twin\",\"name\":\"Twin B\","
                               "\"external_id\":\"ext-twin-a\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Shared 1\",\"external_id\":\"ext-shared\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Shared 2\",\"external_id\":\"ext-shared\"}"));
  g_free (sync_add_customer (f, "After", NULL));

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 5);
  g_assert_cmpuint (summary->updated, ==, 1);

  names = sync_query_text (f, "SELECT group_concat (name, '|') FROM"
                              " (SELECT name FROM customers ORDER BY name)");
  g_assert_cmpstr (names, ==, "After|Before|Shared 1|Shared 2|Twin B");
  holder = sync_query_text (f, "SELECT name FROM customers WHERE external_id = 'ext-shared'");
  g_assert_cmpstr (holder, ==, "Shared 1");
  g_assert_cmpint (sync_query_int (f, "SELECT count (DISTINCT external_id) FROM customers"), ==, 5);
}

/* New tasks of a page are inserted together, each with its own base. */
static void
test_pull_batched_tasks (SyncFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autofree char *customer = sync_add_customer (f, "Tasked", NULL);

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *json = NULL;

      json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"task_details\":\"Task %03u\","
                              "\"due_date\":\"2025-07-%02u\"}", customer, i, 1 + i % 28);
      g_free (crm_fake_server_add (f->server, "tasks", json));
    }

  first = sync_run_ok (f, "pull");
  g_assert_cmpuint (first->created, ==, 121);
  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM tasks AS t"
                                      " JOIN tasks_sync AS s ON s.id = t.id"
                                      " WHERE json_extract (s.base, '$.details') = t.details"
                                      "   AND json_extract (s.base, '$.due_on') = t.due_on"),
                   ==, 120);

  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->created + second->updated + second->conflicts, ==, 0);
}

/* A deal of @customer in @stage; the server lists the newest first, by
 * @created (a day of June 2025), or in the order they were added. */
static char *
add_dated_card (SyncFixture *f,
                const char  *customer,
                const char  *stage,
                guint        amount,
                guint        created)
{
  g_autofree char *json = NULL;
  g_autofree char *date = created > 0 ? g_strdup_printf (",\"created_at\":"
                                                         "\"2025-06-%02uT09:00:00.000Z\"",
                                                         created)
                                      : g_strdup ("");

  json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"owner\":\"rep@example.com\","
                          "\"pipeline\":\"New Business\",\"pipeline_stage\":\"%s\","
                          "\"estimated_close_date\":\"2025-07-31\",\"currency\":\"EUR\","
                          "\"amount_in_cents\":%u%s}", customer, stage, amount, date);
  return crm_fake_server_add (f->server, "opportunities", json);
}

static void
add_card (SyncFixture *f,
          const char  *customer,
          const char  *stage,
          guint        amount)
{
  g_free (add_dated_card (f, customer, stage, amount, 0));
}

/* New deals of a page are inserted together, each at the end of its
 * column as if one by one; the lifecycle rule of each sees only the
 * customer's deals before it. Dana's deal closed lost comes first and
 * makes her an Unqualified Lead; her open one, next, a Qualified Lead. */
static void
test_pull_batched_cards (SyncFixture   *f,
                         gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *ada = sync_add_customer (f, "Ada", NULL);
  g_autofree char *ben = sync_add_customer (f, "Ben", NULL);
  g_autofree char *dana = sync_add_customer (f, "Dana", NULL);
  g_autofree char *places = NULL;
  g_autofree char *statuses = NULL;

  /* The server lists the newest first: 600 first, 100 last. */
  add_card (f, ada, "Discovery", 100);
  add_card (f, ben, "Discovery", 200);
  add_card (f, ada, "Evaluation", 300);
  add_card (f, dana, "Discovery", 400);
  add_card (f, dana, "Closed Lost", 500);
  add_card (f, ben, "Evaluation", 600);

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 9);

  places = sync_query_text (f, "SELECT group_concat (amount_minor || '@' || stage || ':'"
                               "                     || board_position, '|')"
                               " FROM (SELECT * FROM opportunities ORDER BY amount_minor)");
  g_assert_cmpstr (places, ==, "100@Discovery:3072|200@Discovery:2048|300@Evaluation:2048|"
                               "400@Discovery:1024|500@Closed Lost:1024|600@Evaluation:1024");
  statuses = sync_query_text (f, "SELECT group_concat (c.name || ':' || a.new_status, '|')"
                                 " FROM (SELECT * FROM activities WHERE kind = 'status'"
                                 "       ORDER BY id) AS a"
                                 " JOIN customers AS c ON c.id = a.customer_id");
  g_assert_cmpstr (statuses, ==, "Ben:Qualified Lead|Dana:Unqualified Lead|"
                                 "Dana:Qualified Lead|Ada:Qualified Lead");
}

/* More deals than one statement takes: each column stays gap-free. */
static void
test_pull_batched_full_columns (SyncFixture   *f,
                                gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Lead %03u", i);
      g_autofree char *customer = sync_add_customer (f, name, NULL);

      add_card (f, customer, i % 3 == 0 ? "Evaluation" : "Discovery", 100 + i);
    }

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 240);
  g_assert_cmpint (sync_query_int (f, "SELECT count (DISTINCT board_position) FROM opportunities"
                                      " WHERE stage = 'Discovery' AND board_position % 1024 = 0"
                                      "   AND board_position BETWEEN 1024 AND 80 * 1024"), ==, 80);
  g_assert_cmpint (sync_query_int (f, "SELECT count (DISTINCT board_position) FROM opportunities"
                                      " WHERE stage = 'Evaluation' AND board_position % 1024 = 0"
                                      "   AND board_position BETWEEN 1024 AND 40 * 1024"), ==, 40);
}

/* A known deal that moves into a column between new ones goes after those
 * before it, and the new ones after it follow it. */
static void
test_pull_batched_card_moves (SyncFixture   *f,
                              gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autofree char *places = NULL;
  g_autofree char *moved = NULL;
  g_autofree char *customers[5] = { NULL };

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      g_autofree char *name = g_strdup_printf ("Mover %u", i);

      customers[i] = sync_add_customer (f, name, NULL);
    }
  moved = add_dated_card (f, customers[0], "Discovery", 300, 15);
  first = sync_run_ok (f, "pull");

  crm_fake_server_edit (f->server, "opportunities", moved, "{\"pipeline_stage\":\"Evaluation\"}");
  g_free (add_dated_card (f, customers[1], "Evaluation", 100, 20));
  g_free (add_dated_card (f, customers[2], "Evaluation", 200, 18));
  g_free (add_dated_card (f, customers[3], "Evaluation", 400, 10));
  g_free (add_dated_card (f, customers[4], "Evaluation", 500, 5));

  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->created, ==, 4);
  g_assert_cmpuint (second->updated, ==, 1);
  places = sync_query_text (f, "SELECT group_concat (amount_minor || ':' || board_position, '|')"
                               " FROM (SELECT * FROM opportunities ORDER BY amount_minor)");
  g_assert_cmpstr (places, ==, "100:1024|200:2048|300:3072|400:4096|500:5120");
}

/* The local id of the deal of @amount. */
static gint64
card_id (SyncFixture *f,
         guint        amount)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM opportunities WHERE amount_minor = %u",
                                          amount);

  return sync_query_int (f, sql);
}

/* Cards moved to the top of a column take places of zero and below; a
 * card the server moves into a column that holds only those goes after
 * them, and so does a new one. */
static void
test_pull_card_after_top_moves (SyncFixture   *f,
                                gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autoptr(CrmSyncSummary) third = NULL;
  g_autofree char *ada = sync_add_customer (f, "Ada", NULL);
  g_autofree char *ben = sync_add_customer (f, "Ben", NULL);
  g_autofree char *cy = sync_add_customer (f, "Cy", NULL);
  g_autofree char *dee = sync_add_customer (f, "Dee", NULL);
  g_autofree char *dees = NULL;
  g_autofree char *places = NULL;
  gint64 ben_id, cy_id;

  g_free (add_dated_card (f, ada, "Discovery", 100, 0));
  g_free (add_dated_card (f, ben, "Evaluation", 200, 0));
  g_free (add_dated_card (f, cy, "Evaluation", 300, 0));
  dees = add_dated_card (f, dee, "Evaluation", 250, 0);
  first = sync_run_ok (f, "pull");

  ben_id = card_id (f, 200);
  cy_id = card_id (f, 300);
  sync_move_card (f, ben_id, "Discovery", 0, NULL);
  sync_move_card (f, cy_id, "Discovery", 0, NULL);
  sync_move_card (f, card_id (f, 100), "Evaluation", CRM_BOARD_INDEX_END, NULL);
  sync_move_card (f, ben_id, "Evaluation", CRM_BOARD_INDEX_END, NULL);
  g_assert_cmpint (sync_query_int (f, "SELECT max (board_position) FROM opportunities"
                                      " WHERE stage = 'Discovery'"), ==, -1024);

  crm_fake_server_edit (f->server, "opportunities", dees, "{\"pipeline_stage\":\"Discovery\"}");
  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->updated, ==, 1);
  g_assert_cmpint (sync_query_int (f, "SELECT board_position FROM opportunities"
                                      " WHERE amount_minor = 250"), ==, 0);

  sync_move_card (f, card_id (f, 250), "Discovery", 0, NULL);
  add_card (f, ada, "Discovery", 400);
  third = sync_run_ok (f, "pull");
  g_assert_cmpuint (third->created, ==, 1);
  places = sync_query_text (f, "SELECT group_concat (amount_minor || ':' || board_position, '|')"
                               " FROM (SELECT * FROM opportunities WHERE stage = 'Discovery'"
                               "       ORDER BY board_position)");
  g_assert_cmpstr (places, ==, "250:-2048|300:-1024|400:0");
}

/* A customer deleted here whose deletion is not sent yet stays deleted
 * when a pull brings it again; the rest of its page is written. */
static void
test_pull_keeps_local_deletion (SyncFixture   *f,
                                gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) first = NULL;
  g_autoptr(CrmSyncSummary) second = NULL;
  g_autofree char *kept = sync_add_customer (f, "Kept", "\"owner\":\"a@example.com\"");
  g_autofree char *deleted = sync_add_customer (f, "Deleted", "\"owner\":\"a@example.com\"");
  g_autofree char *names = NULL;

  first = sync_run_ok (f, "pull");
  g_assert_cmpuint (first->created, ==, 2);

  test_delete (f->store, CRM_ENTITY_CUSTOMER, sync_local_id (f, "customers", deleted));
  crm_fake_server_edit (f->server, "customers", kept, "{\"city\":\"Linz\"}");

  second = sync_run_ok (f, "pull");
  g_assert_cmpuint (second->created, ==, 0);
  g_assert_cmpuint (second->updated, ==, 1);

  names = sync_query_text (f, "SELECT group_concat (name || ':' || city) FROM customers");
  g_assert_cmpstr (names, ==, "Kept:Linz");
  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM outbox WHERE operation = 'delete'"
                                      " AND state = 'pending'"), ==, 1);
}

/* A pulled customer keeps the owner the server gave it, even in a
 * territory; one nobody owns is routed, and the server hears of it. The
 * page's rules get only the fields they read: the owner must be one. */
static void
test_pull_routes_only_unowned (SyncFixture   *f,
                               gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autofree char *owned = sync_add_customer (f, "Owned", "\"country\":\"AT\","
                                                         "\"owner\":\"a@example.com\"");
  g_autofree char *unowned = sync_add_customer (f, "Unowned", "\"country\":\"AT\"");
  g_autofree char *text = NULL;

  test_insert (f->store, CRM_ENTITY_ROUTING_RULE,
               g_variant_new_parsed ("{'name': <'Austria'>, 'position': <int64 0>,"
                                     " 'expression': <'country is \"AT\"'>,"
                                     " 'owner': <'anna@example.com'>, 'enabled': <true>}"));

  summary = sync_run_ok (f, "pull");
  g_assert_cmpuint (summary->created, ==, 2);

  text = sync_query_text (f, "SELECT group_concat (name || ':' || owner, '|') FROM"
                             " (SELECT name, owner FROM customers ORDER BY name)");
  g_assert_cmpstr (text, ==, "Owned:a@example.com|Unowned:anna@example.com");
  g_assert_cmpint (sync_query_int (f, "SELECT count (*) FROM outbox WHERE operation = 'update'"),
                   ==, 1);
}

/* A page is sent to the writer while the one before it is written; if
 * that one failed, the page writes nothing. */
static void
test_page_after_failed_page (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *cursor = NULL;
  CrmSyncPageJob *job = g_new0 (CrmSyncPageJob, 1);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonArray *entries;

  g_assert_true (json_parser_load_from_data (parser, customer_pages[0], -1, NULL));
  entries = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "entries");
  job->resource = resource_of_path ("customers");
  job->records = crm_sync_resource_read_entries (job->resource, entries, &error);
  g_assert_no_error (error);
  job->pass = 1;
  job->cursor = g_strdup ("page-3");
  job->next_cursor = g_strdup ("page-4");

  /* The scan stands at page 2: page 2 was not written. */
  g_assert_false (crm_store_run_sync (store, NULL, CRM_ORIGIN_SYNC, crm_sync_apply_page, job,
                                      NULL, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);
  cursor = crm_store_dup_sync_state (store, "pull.customers.cursor");
  g_assert_null (cursor);
  crm_sync_page_job_free (job);
}

/* A page that fails in the writer (a task without details breaks the
 * table's check) and the pages after it change nothing; the next pull
 * starts again at that page and brings every task once. */
static void
test_pull_resumes_at_failed_page (SyncFixture   *f,
                                  gconstpointer  data)
{
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = sync_add_customer (f, "Orchard Tools", NULL);
  g_autofree char *bad = NULL;
  g_autofree char *cursor = NULL;
  CrmSyncSummary *failed;
  gint64 stored;

  crm_fake_server_set_page_size (f->server, 2);
  for (guint i = 0; i < 8; i++)
    {
      g_autofree char *details = i == 2 ? g_strdup ("") : g_strdup_printf ("Task %u", i);
      g_autofree char *json = g_strdup_printf ("\"task_details\":\"%s\"", details);
      char *uuid = add_child (f, "tasks", customer, json);

      if (i == 2)
        bad = uuid;
      else
        g_free (uuid);
    }

  failed = sync_run (f, "pull", &error);
  if (failed != NULL)
    g_test_message ("pulled %u, created %u, failed %u; tasks %" G_GINT64_FORMAT,
                    failed->pulled, failed->created, failed->failed,
                    sync_query_int (f, "SELECT count(*) FROM tasks"));
  g_assert_null (failed);
  g_assert_nonnull (error);
  /* Whole pages only, those before the page that failed. */
  stored = sync_query_int (f, "SELECT count(*) FROM tasks");
  g_assert_cmpint (stored, <, 8);
  g_assert_cmpint (stored % 2, ==, 0);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks_sync"), ==, stored);
  cursor = sync_query_text (f, "SELECT value FROM sync_state WHERE key = 'pull.tasks.cursor'");
  g_assert_nonnull (cursor);

  crm_fake_server_edit (f->server, "tasks", bad, "{\"task_details\":\"Task 2\"}");
  summary = sync_run_ok (f, "pull");
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks"), ==, 8);
  g_assert_cmpint (sync_query_int (f, "SELECT count(DISTINCT details) FROM tasks"), ==, 8);
  g_assert_cmpint (sync_query_int (f, "SELECT count(*) FROM tasks_sync"), ==, 8);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/sync/bulk/values/same-fields", test_values_same_fields);
  g_test_add_func ("/crm/sync/bulk/values/same-row", test_insert_values_same_row);
  g_test_add_func ("/crm/sync/bulk/rules/for-tables", test_rules_for_tables);
  g_test_add_func ("/crm/sync/bulk/rules/read-columns", test_rules_read_columns);
  g_test_add_func ("/crm/sync/bulk/rules/install-tables", test_rules_install_tables);
  g_test_add ("/crm/sync/bulk/pull/rules-run", SyncFixture, NULL, sync_fixture_set_up,
              test_pull_rules_run, sync_fixture_tear_down);
  g_test_add_func ("/crm/sync/bulk/page-after-failed-page", test_page_after_failed_page);
  g_test_add ("/crm/sync/bulk/pull/resumes-at-failed-page", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_resumes_at_failed_page, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/mixed-page", SyncFixture, NULL, sync_fixture_set_up,
              test_pull_mixed_page, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/routes-only-unowned", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_routes_only_unowned, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/keeps-local-deletion", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_keeps_local_deletion, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/batched-rows", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_batched_rows, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/batched-twins", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_batched_twins, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/batched-tasks", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_batched_tasks, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/batched-cards", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_batched_cards, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/batched-full-columns", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_batched_full_columns, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/batched-card-moves", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_batched_card_moves, sync_fixture_tear_down);
  g_test_add ("/crm/sync/bulk/pull/card-after-top-moves", SyncFixture, NULL,
              sync_fixture_set_up, test_pull_card_after_top_moves, sync_fixture_tear_down);

  return g_test_run ();
}
