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

/* No copy of the file was taken before a migration. */
static void
assert_no_copy (const char *path)
{
  g_autofree char *dir_path = g_path_get_dirname (path);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_assert_null (strstr (name, "before-migration"));
}

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
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  assert_no_copy (path);
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

/* What the trigger functions return during a pull. */
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

/* The functions the store's triggers call, as a pull's writer sees them:
 * no undo group, no outbox, the search index written later. */
static void
add_trigger_functions (sqlite3 *db)
{
  sqlite3_create_function (db, "crm_outbox_active", 0, SQLITE_UTF8, NULL, return_zero, NULL,
                           NULL);
  sqlite3_create_function (db, "crm_search_live", 0, SQLITE_UTF8, NULL, return_zero, NULL,
                           NULL);
  sqlite3_create_function (db, "crm_undo_group", 0, SQLITE_UTF8, NULL, return_null, NULL,
                           NULL);
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
  add_trigger_functions (db);
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
    "EXPLAIN UPDATE activities SET occurred_at = '2025-01-02', customer_id = 2 WHERE id = 1"));
  g_assert_false (builds_temporary_tree (path, "EXPLAIN DELETE FROM activities WHERE id = 1"));
  g_assert_false (builds_temporary_tree (path,
    "EXPLAIN UPDATE tasks SET completed_at = '2025-01-01' WHERE id = 1"));
  g_assert_false (builds_temporary_tree (path, "EXPLAIN DELETE FROM tasks WHERE id = 1"));
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* A book as schema 9 left it, its checks and triggers with IN lists: the
 * migrations up to 0009 run on a bare file, with @generated, the undo and
 * outbox triggers the store makes (they name the tables 0010 makes
 * again); then a timeline, its sync bases, a conflict and an outbox go
 * in. */
static void
write_schema_9 (const char *path,
                const char *generated)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *dir_path = NULL;
  g_autoptr(GDir) dir = NULL;
  const char *name;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  add_trigger_functions (db);
  dir_path = g_test_build_filename (G_TEST_DIST, "..", "src", "store", "migrations", NULL);
  dir = g_dir_open (dir_path, 0, NULL);
  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    if (strcmp (name, "0010") < 0)
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_assert_cmpuint (names->len, ==, 9);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = test_read_migration (g_ptr_array_index (names, i));

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db, generated, NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_exec (db,
    "PRAGMA application_id = 1347571539; PRAGMA user_version = 9;"
    "INSERT INTO customers (id, external_id, name, created_at, updated_at)"
    " VALUES (1, 'ext-1', 'Orchard Tools', '2025-06-01T00:00:00.000Z',"
    "         '2025-06-01T00:00:00.000Z');"
    "INSERT INTO activities (id, customer_id, uuid, kind, occurred_at, call_duration,"
    "                        created_at, updated_at)"
    " VALUES (1, 1, 'call_1', 'call', '2025-06-02T10:00:00.000Z', 600,"
    "         '2025-06-02T10:00:00.000Z', '2025-06-02T10:00:00.000Z');"
    "INSERT INTO activities (id, customer_id, kind, occurred_at, old_status, new_status,"
    "                        cause, created_at, updated_at)"
    " VALUES (2, 1, 'status', '2025-06-03T10:00:00.000Z', 'New Lead', 'Working Lead',"
    "         'person', '2025-06-03T10:00:00.000Z', '2025-06-03T10:00:00.000Z');"
    "INSERT INTO activities_sync (id, base, hash, pass) VALUES (1, '{}', 'h1', 3);"
    "INSERT INTO sync_conflicts (entity, local_id, field, local_value, server_value,"
    "                            created_at)"
    " VALUES ('note', 1, 'body', '\"here\"', '\"there\"', '2025-06-04T10:00:00.000Z');"
    "INSERT INTO outbox (id, entity, local_id, operation, uuid, state, error, created_at,"
    "                    payload, sent_at, attempts)"
    " VALUES (7, 'customer', 1, 'update', 'cus_1', 'failed', 'Refused',"
    "         '2025-06-02T10:00:00.000Z', '{\"city\":\"Linz\"}',"
    "         '2025-06-02T10:01:00.000Z', 2),"
    "        (9, 'note', 1, 'delete', 'note_1', 'pending', NULL,"
    "         '2025-06-03T10:00:00.000Z', NULL, NULL, 0);",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

/* Every table, index and trigger of a book, with its SQL. */
static char *
dup_schema (CrmStore *store)
{
  return test_query_string (store, "SELECT group_concat (type || ' ' || name || ': ' ||"
                                   "                     ifnull (sql, ''), char (10))"
                                   " FROM (SELECT * FROM sqlite_schema ORDER BY type, name)");
}

/* The names of the tables, indexes and triggers of a book the migrations
 * made, the ones the store makes anew at each migration left out. */
#define MIGRATED_NAMES_SQL \
  "SELECT group_concat (type || ' ' || name, ',') FROM (SELECT * FROM sqlite_schema" \
  " WHERE NOT (type = 'trigger' AND (name LIKE 'undo\\_%' ESCAPE '\\'" \
  "                                  OR name LIKE 'outbox\\_%' ESCAPE '\\'))" \
  " ORDER BY type, name)"

static char *
dup_raw_text (const char *path,
              const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return text;
}

/* A book of schema 9 keeps its timeline, their sync bases and conflicts,
 * and its outbox, ids and all, through 0010, and ends with the schema of a
 * new book, one view more; the checks still refuse what they refused. */
static void
test_migrate_schema_9 (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(CrmStore) fresh = test_open_store ();
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *timeline = NULL;
  g_autofree char *outbox = NULL;
  g_autofree char *kept = NULL;
  g_autofree char *generated = NULL;
  g_autofree char *before = NULL;
  g_autofree char *names_before = NULL;
  g_autofree char *names = NULL;
  g_autofree char *schema = NULL;
  g_autofree char *fresh_schema = dup_schema (fresh);

  generated = test_query_string (fresh, "SELECT group_concat (sql, ';' || char (10)) || ';'"
                                       " FROM sqlite_schema WHERE type = 'trigger'"
                                       "  AND (name LIKE 'undo\\_%' ESCAPE '\\'"
                                       "       OR name LIKE 'outbox\\_%' ESCAPE '\\')");
  write_schema_9 (path, generated);
  before = dup_raw_text (path, MIGRATED_NAMES_SQL);
  names_before = g_strconcat (before, ",view customer_activity_times", NULL);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  version = test_query_string (store, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "10");
  names = test_query_string (store, MIGRATED_NAMES_SQL);
  g_assert_cmpstr (names, ==, names_before);
  schema = dup_schema (store);
  g_assert_cmpstr (schema, ==, fresh_schema);

  timeline = test_query_string (store, "SELECT group_concat (id || ':' || kind || ':'"
                                       "                     || ifnull (new_status, ''), ',')"
                                       " FROM activities");
  g_assert_cmpstr (timeline, ==, "1:call:,2:status:Working Lead");
  outbox = test_query_string (store, "SELECT group_concat (id || ':' || operation || ':' || state"
                                     "  || ':' || ifnull (error, '') || ':' || ifnull (payload, '')"
                                     "  || ':' || attempts, '|') FROM outbox");
  g_assert_cmpstr (outbox, ==, "7:update:failed:Refused:{\"city\":\"Linz\"}:2|"
                               "9:delete:pending:::0");
  kept = test_query_string (store, "SELECT (SELECT hash FROM activities_sync WHERE id = 1)"
                                   "  || ':' || (SELECT count (*) FROM sync_conflicts)");
  g_assert_cmpstr (kept, ==, "h1:1");
  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_no_error (error);

  test_insert_fails (store, CRM_ENTITY_ACTIVITY,
                     g_variant_new_parsed ("{'customer_id': <int64 1>, 'kind': <'fax'>,"
                                           " 'occurred_at': <'2025-06-05T10:00:00.000Z'>}"),
                     CRM_STORE_ERROR_CONSTRAINT);

  /* A note deleted takes its base and its conflict with it. */
  test_delete (store, CRM_ENTITY_ACTIVITY, 1);
  g_clear_pointer (&kept, g_free);
  kept = test_query_string (store, "SELECT (SELECT count (*) FROM activities_sync)"
                                   "  || ':' || (SELECT count (*) FROM sync_conflicts)");
  g_assert_cmpstr (kept, ==, "0:0");
  crm_store_close (store);
}

static void
assert_last_activities (CrmStore   *store,
                        const char *expected)
{
  g_autofree char *last = test_query_string (store,
    "SELECT group_concat (name || ':' || ifnull (substr (last_activity_at, 6, 5), '-'), ',')"
    " FROM (SELECT * FROM customers ORDER BY id)");

  g_assert_cmpstr (last, ==, expected);
}

/* The triggers 0010 wrote again keep a customer's last activity: a note
 * added, edited, moved to another customer, made a status entry and back,
 * and deleted; a task done and deleted. */
static void
test_last_activity_follows (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  gint64 ada, ben, note, task;

  ada = test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Ada'>}"));
  ben = test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Ben'>}"));
  note = test_insert (store, CRM_ENTITY_ACTIVITY,
                      g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>,"
                                            " 'occurred_at': <'2025-06-09T10:00:00.000Z'>}",
                                            ada));
  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                     " 'occurred_at': <'2025-06-02T10:00:00.000Z'>}", ada));
  assert_last_activities (store, "Ada:06-09,Ben:-");

  test_update (store, CRM_ENTITY_ACTIVITY, note,
               g_variant_new_parsed ("{'occurred_at': <'2025-06-05T10:00:00.000Z'>}"));
  assert_last_activities (store, "Ada:06-05,Ben:-");

  test_update (store, CRM_ENTITY_ACTIVITY, note,
               g_variant_new_parsed ("{'customer_id': <%x>,"
                                     " 'occurred_at': <'2025-06-10T10:00:00.000Z'>}", ben));
  assert_last_activities (store, "Ada:06-02,Ben:06-10");

  test_update (store, CRM_ENTITY_ACTIVITY, note, g_variant_new_parsed ("{'kind': <'status'>}"));
  assert_last_activities (store, "Ada:06-02,Ben:-");
  test_update (store, CRM_ENTITY_ACTIVITY, note, g_variant_new_parsed ("{'kind': <'email'>}"));
  assert_last_activities (store, "Ada:06-02,Ben:06-10");

  test_delete (store, CRM_ENTITY_ACTIVITY, note);
  assert_last_activities (store, "Ada:06-02,Ben:-");

  task = test_insert (store, CRM_ENTITY_TASK,
                      g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Send a quote'>}",
                                            ben));
  test_update (store, CRM_ENTITY_TASK, task,
               g_variant_new_parsed ("{'completed_at': <'2025-06-11T10:00:00.000Z'>}"));
  assert_last_activities (store, "Ada:06-02,Ben:06-11");
  test_delete (store, CRM_ENTITY_TASK, task);
  assert_last_activities (store, "Ada:06-02,Ben:-");
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
  g_test_add_func ("/crm/store/migrate/last-activity-follows", test_last_activity_follows);

  return g_test_run ();
}
