/* test-migrations.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <sqlite3.h>

#include "crm-core.h"
#include "crm-store.h"
#include "test-util.h"

static void
test_migrate_fresh (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_is_empty (store));
  g_assert_true (crm_store_foreign_key_check (store, &error));
  crm_store_close (store);
  g_clear_object (&store);

  /* A second open finds the schema current and takes no copy. */
  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_is_empty (store));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS) == FALSE);
}

static void
write_file (const char *path,
            const char *contents,
            gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
}

static void
test_migrate_corrupt (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_autoptr(GError) error = NULL;
  char bytes[8192];
  CrmStore *store;

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  write_file (path, bytes, sizeof bytes);

  store = crm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
  g_assert_nonnull (strstr (error->message, path));
}

static void
test_migrate_foreign (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  test_exec_raw (path, "CREATE TABLE songs (title TEXT)");

  store = crm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CORRUPT);
}

static void
test_migrate_too_new (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_object_unref (store);

  test_exec_raw (path, "PRAGMA user_version = 99");

  store = crm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_TOO_NEW);
}

/* The functions the store's triggers call, as a pull's writer sees them. */
static void
return_zero (sqlite3_context  *context,
             int               n_values,
             sqlite3_value   **values)
{
  sqlite3_result_int (context, 0);
}

static void
return_null (sqlite3_context  *context,
             int               n_values,
             sqlite3_value   **values)
{
  sqlite3_result_null (context);
}

/* Whether the program of @sql, its triggers' included, builds a temporary
 * b-tree each time it runs. */
static gboolean
builds_temporary_tree (const char *path,
                       const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found = FALSE;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  sqlite3_create_function (db, "crm_outbox_active", 0, SQLITE_UTF8, NULL, return_zero, NULL,
                           NULL);
  sqlite3_create_function (db, "crm_search_live", 0, SQLITE_UTF8, NULL, return_zero, NULL,
                           NULL);
  sqlite3_create_function (db, "crm_undo_group", 0, SQLITE_UTF8, NULL, return_null, NULL,
                           NULL);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL), ==,
                   SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    found |= g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), "OpenEphemeral") == 0;
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return found;
}

/* A timeline entry and an outbox row are written without the temporary
 * b-tree that `IN (a, b, c)` costs SQLite on every run (0010); an IN list
 * in a statement does build one, so the test can see it. */
static void
test_checks_without_lists (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  const char *path = crm_store_get_path (store);

  g_assert_true (builds_temporary_tree (path, "EXPLAIN SELECT 1 FROM customers"
                                              " WHERE status IN ('a', 'b', 'c')"));

  g_assert_false (builds_temporary_tree (path,
    "EXPLAIN INSERT INTO activities (customer_id, kind, occurred_at, old_status, new_status,"
    " rule_name, cause, created_at, updated_at) VALUES (1, 'status', '2025-01-01',"
    " 'New Lead', 'Qualified Lead', 'lifecycle', 'rule', '2025-01-01', '2025-01-01')"));
  g_assert_false (builds_temporary_tree (path,
    "EXPLAIN INSERT INTO activities (customer_id, kind, occurred_at, created_at, updated_at)"
    " VALUES (1, 'note', '2025-01-01', '2025-01-01', '2025-01-01')"));
  g_assert_false (builds_temporary_tree (path,
    "EXPLAIN INSERT INTO outbox (entity, local_id, operation, created_at)"
    " VALUES ('customer', 1, 'update', '2025-01-01')"));
  g_assert_false (builds_temporary_tree (path,
    "EXPLAIN UPDATE tasks SET completed_at = '2025-01-01' WHERE id = 1"));
}

/* A book of schema 9 keeps its timeline and outbox, ids and all, through
 * 0010; the checks still refuse what they refused, and a note still moves
 * its customer's last activity. */
static void
test_migrate_schema_9 (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(CrmStore) store = crm_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *timeline = NULL;
  g_autofree char *outbox = NULL;
  g_autofree char *last = NULL;
  gint64 customer;

  g_assert_nonnull (store);
  customer = test_insert (store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <'Orchard Tools'>}"));
  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                     " 'occurred_at': <'2025-06-02T10:00:00.000Z'>,"
                                     " 'call_duration': <int64 600>}", customer));
  test_set_status (store, customer, "Working Lead", CRM_ORIGIN_PERSON, &error);
  g_assert_no_error (error);
  crm_store_close (store);
  g_clear_object (&store);

  test_exec_raw (path,
    "INSERT INTO outbox (id, entity, local_id, operation, uuid, state, error, created_at,"
    "                    payload, sent_at, attempts)"
    " VALUES (7, 'customer', 1, 'update', 'cus_1', 'failed', 'Refused',"
    "         '2025-06-02T10:00:00.000Z', '{\"city\":\"Linz\"}', '2025-06-02T10:01:00.000Z', 2),"
    "        (9, 'note', 1, 'delete', 'note_1', 'pending', NULL,"
    "         '2025-06-03T10:00:00.000Z', NULL, NULL, 0);"
    "PRAGMA user_version = 9");

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  version = test_query_string (store, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "10");
  timeline = test_query_string (store, "SELECT group_concat (id || ':' || kind || ':'"
                                       "                     || ifnull (new_status, ''), ',')"
                                       " FROM activities");
  g_assert_cmpstr (timeline, ==, "1:call:,2:status:Working Lead");
  outbox = test_query_string (store, "SELECT group_concat (id || ':' || operation || ':' || state"
                                     "  || ':' || ifnull (error, '') || ':' || ifnull (payload, '')"
                                     "  || ':' || attempts, '|') FROM outbox");
  g_assert_cmpstr (outbox, ==, "7:update:failed:Refused:{\"city\":\"Linz\"}:2|"
                               "9:delete:pending:::0");
  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_no_error (error);

  test_insert_fails (store, CRM_ENTITY_ACTIVITY,
                     g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'fax'>,"
                                           " 'occurred_at': <'2025-06-03T10:00:00.000Z'>}",
                                           customer),
                     CRM_STORE_ERROR_CONSTRAINT);
  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>,"
                                     " 'occurred_at': <'2025-06-09T10:00:00.000Z'>,"
                                     " 'body': <'Asked for a quote'>}", customer));
  last = test_query_string (store, "SELECT last_activity_at FROM customers");
  g_assert_cmpstr (last, ==, "2025-06-09T10:00:00.000Z");
  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/store/migrate/fresh", test_migrate_fresh);
  g_test_add_func ("/crm/store/migrate/corrupt", test_migrate_corrupt);
  g_test_add_func ("/crm/store/migrate/foreign", test_migrate_foreign);
  g_test_add_func ("/crm/store/migrate/too-new", test_migrate_too_new);
  g_test_add_func ("/crm/store/migrate/schema-9", test_migrate_schema_9);
  g_test_add_func ("/crm/store/migrate/checks-without-lists", test_checks_without_lists);

  return g_test_run ();
}
