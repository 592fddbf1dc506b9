/* test-util.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "test-util.h"

/* Each helper runs one async call of the store to its end on the default
 * main context, as the window would, and fails the test on an error it
 * does not expect. */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

static GPtrArray *temp_dirs;

/* @path and all below it; a link to a directory goes, not what it links
 * to. */
void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) &&
          !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
remove_temp_dirs (void)
{
  for (guint i = 0; i < temp_dirs->len; i++)
    test_remove_tree (g_ptr_array_index (temp_dirs, i));
  g_clear_pointer (&temp_dirs, g_ptr_array_unref);
}

/* A directory of @tmpl (as g_dir_make_tmp() takes it) that goes, with
 * what it holds, when the program ends by returning from main(). A failed
 * test aborts the program, which then leaves all of its directories, to be
 * looked at. */
char *
test_make_temp_dir (const char *tmpl)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp (tmpl, &error);

  g_assert_no_error (error);
  if (temp_dirs == NULL)
    {
      temp_dirs = g_ptr_array_new_with_free_func (g_free);
      atexit (remove_temp_dirs);
    }
  g_ptr_array_add (temp_dirs, g_strdup (dir));

  return dir;
}

char *
test_temp_db (void)
{
  g_autofree char *dir = test_make_temp_dir ("prospect-test-XXXXXX");

  return g_build_filename (dir, "profile.db", NULL);
}

/* The text of the migration @name (0001-initial.sql, say), from the source
 * tree. */
char *
test_read_migration (const char *name)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  char *sql = NULL;

  path = g_test_build_filename (G_TEST_DIST, "..", "src", "store", "migrations", name, NULL);
  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);

  return sql;
}

/* Runs SQL on a closed book, past the store. */
void
test_exec_raw (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

CrmStore *
test_open_store (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(GError) error = NULL;
  CrmStore *store;

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  return store;
}

static gint64
insert (CrmStore      *store,
        CrmOrigin      origin,
        CrmEntityKind  kind,
        GVariant      *fields,
        GError       **error)
{
  Wait wait = { NULL };
  gint64 id;

  crm_store_insert_async (store, kind, fields, origin, NULL, on_done_cb, &wait);
  id = crm_store_insert_finish (store, wait_for (&wait), NULL, error);
  g_object_unref (wait.result);

  return id;
}

gint64
test_insert (CrmStore      *store,
             CrmEntityKind  kind,
             GVariant      *fields)
{
  return test_insert_as (store, CRM_ORIGIN_PERSON, kind, fields);
}

/* As test_insert(), for a change that came from @origin: a sync, an
 * import, a rule. */
gint64
test_insert_as (CrmStore      *store,
                CrmOrigin      origin,
                CrmEntityKind  kind,
                GVariant      *fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = insert (store, origin, kind, fields, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

void
test_insert_fails (CrmStore      *store,
                   CrmEntityKind  kind,
                   GVariant      *fields,
                   CrmStoreError  code)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (insert (store, CRM_ORIGIN_PERSON, kind, fields, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, (int) code);
}

static gint64
finish_mutation (CrmStore  *store,
                 Wait      *wait,
                 GError   **error)
{
  gint64 group = 0;

  crm_store_mutation_finish (store, wait_for (wait), &group, error);
  g_object_unref (wait->result);

  return group;
}

gint64
test_update (CrmStore      *store,
             CrmEntityKind  kind,
             gint64         id,
             GVariant      *fields)
{
  return test_update_as (store, CRM_ORIGIN_PERSON, kind, id, fields);
}

gint64
test_update_as (CrmStore      *store,
                CrmOrigin      origin,
                CrmEntityKind  kind,
                gint64         id,
                GVariant      *fields)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  gint64 group;

  crm_store_update_async (store, kind, id, fields, origin, NULL, on_done_cb, &wait);
  group = finish_mutation (store, &wait, &error);
  g_assert_no_error (error);

  return group;
}

gint64
test_delete (CrmStore      *store,
             CrmEntityKind  kind,
             gint64         id)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  gint64 group;

  crm_store_delete_async (store, kind, id, CRM_ORIGIN_PERSON, NULL, on_done_cb, &wait);
  group = finish_mutation (store, &wait, &error);
  g_assert_no_error (error);

  return group;
}

static void
undo (CrmStore  *store,
      gint64     group,
      GError   **error)
{
  Wait wait = { NULL };

  crm_store_undo_async (store, group, NULL, on_done_cb, &wait);
  finish_mutation (store, &wait, error);
}

void
test_undo (CrmStore *store,
           gint64    group)
{
  g_autoptr(GError) error = NULL;

  undo (store, group, &error);
  g_assert_no_error (error);
}

void
test_undo_fails (CrmStore *store,
                 gint64    group)
{
  g_autoptr(GError) error = NULL;

  undo (store, group, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
}

void
test_set_setting (CrmStore   *store,
                  const char *key,
                  const char *value)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  crm_store_set_setting_async (store, key, value, NULL, on_done_cb, &wait);
  finish_mutation (store, &wait, &error);
  g_assert_no_error (error);
}

gint64
test_set_status (CrmStore    *store,
                 gint64       customer,
                 const char  *status,
                 CrmOrigin    origin,
                 GError     **error)
{
  Wait wait = { NULL };

  crm_store_set_status_async (store, customer, status, origin, NULL, on_done_cb, &wait);
  return finish_mutation (store, &wait, error);
}

typedef struct
{
  gint64       customer;
  const char **tags;
} SetTags;

static gboolean
set_tags_job (CrmStoreTxn  *txn,
              gpointer      data,
              GError      **error)
{
  SetTags *set = data;

  return crm_store_txn_set_tags (txn, set->customer, set->tags, error);
}

void
test_set_tags (CrmStore    *store,
               gint64       customer,
               const char **tags)
{
  g_autoptr(GError) error = NULL;
  SetTags set = { customer, tags };

  crm_store_run_sync (store, "Tags", CRM_ORIGIN_PERSON, set_tags_job, &set, NULL, &error);
  g_assert_no_error (error);
}

/* The model refreshes in an idle after a change; run until it has. */
void
test_wait_for_refresh (CrmQueryModel *model)
{
  while (g_main_context_pending (NULL))
    g_main_context_iteration (NULL, FALSE);
}

/* The first column of the first row of @sql, read through a connection of
 * the test's own, or NULL for SQL NULL. */
char *
test_query_string (CrmStore   *store,
                   const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (store), &db, SQLITE_OPEN_READONLY,
                                    NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));

  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static guint
query_count (CrmStore   *store,
             const char *sql)
{
  g_autofree char *count = test_query_string (store, sql);

  g_assert_nonnull (count);
  return (guint) g_ascii_strtoull (count, NULL, 10);
}

/* The customer_attributes table holds each customer's attributes as
 * json_each () reads them, with their types, and nothing else. (A key
 * written twice in one object keeps its first value there: leave such
 * objects out of the books this checks.) Returns its number of rows. */
guint
test_assert_attribute_index (CrmStore *store)
{
  const char *from_json = "SELECT customers.id, key, value, typeof (value)"
                          " FROM customers, json_each (customers.attributes)";
  const char *kept = "SELECT customer_id, key, value, typeof (value) FROM customer_attributes";
  g_autofree char *missing = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)",
                                              from_json, kept);
  g_autofree char *extra = g_strdup_printf ("SELECT count(*) FROM (%s EXCEPT %s)",
                                            kept, from_json);
  guint n_rows = query_count (store, "SELECT count(*) FROM customer_attributes");

  g_assert_cmpuint (query_count (store, missing), ==, 0);
  g_assert_cmpuint (query_count (store, extra), ==, 0);
  g_assert_cmpuint (n_rows, ==,
                    query_count (store, "SELECT count(*) FROM customers,"
                                        " json_each (customers.attributes)"));

  return n_rows;
}

/* CSV import */

/* The exact bytes of shared/cases/data/c1-quoted.csv (CRLF, quoted line
 * breaks, doubled quotes). */
const char test_c1_bytes[] =
  "first_name,last_name,email,notes\r\n"
  "Nora,Vale,nora.vale@example.org,\"Met at expo\r\nwants demo in May\"\r\n"
  "Omar,Reed,,\"Line one\r\nLine two, with comma \"\"quoted\"\"\"\r\n";

/* The exact bytes of shared/cases/data/c2-cp1252.csv, and the same text as
 * UTF-8. */
const char test_c2_cp1252[] =
  "first_name,company\r\n"
  "Jo\xe3o,Ribeir\xe3o \xd3tica Lda\r\n"
  "Ren\xe9" "e,Caf\xe9 Noir \x80\r\n";
const char test_c2_utf8[] =
  "first_name,company\r\n"
  "João,Ribeirão Ótica Lda\r\n"
  "Renée,Café Noir €\r\n";

/* A stored customer, then a file that repeats it by email (in another
 * case, with spaces), by id, and repeats itself. */
const char test_duplicates_csv[] =
  "id,name,email,tags\r\n"
  ",Again By Email,  sales@example.ORG ,first\r\n"
  "ext-1,By Id,other@example.org,second\r\n"
  ",New One,new@example.org,third\r\n"
  ",New Again,NEW@example.org,fourth\r\n";

CrmStore *
test_open_store_with_existing (void)
{
  CrmStore *store = test_open_store ();

  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'external_id': <'ext-1'>, 'name': <'Existing Co'>,"
                                     " 'email': <'Sales@Example.org'>}"));
  return store;
}

GBytes *
test_bytes_of (const char *text)
{
  return g_bytes_new_static (text, strlen (text));
}

CrmImportSummary *
test_import_bytes (CrmStore            *store,
                   GBytes              *bytes,
                   const char          *encoding,
                   CrmImportDuplicates  duplicates)
{
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(GError) error = NULL;
  CrmImportSummary *summary;

  crm_csv_import_set_duplicates (import, duplicates);
  g_assert_true (crm_csv_import_load_bytes (import, bytes, encoding, 0, &error));
  g_assert_no_error (error);

  summary = crm_csv_import_run_sync (import, &error);
  g_assert_no_error (error);
  g_assert_nonnull (summary);

  return summary;
}

CrmImportSummary *
test_import_text (CrmStore            *store,
                  const char          *text,
                  CrmImportDuplicates  duplicates)
{
  g_autoptr(GBytes) bytes = test_bytes_of (text);

  return test_import_bytes (store, bytes, NULL, duplicates);
}

void
test_assert_counts (CrmImportSummary *summary,
                    guint             created,
                    guint             updated,
                    guint             skipped)
{
  g_assert_cmpuint (crm_import_summary_get_n_created (summary), ==, created);
  g_assert_cmpuint (crm_import_summary_get_n_updated (summary), ==, updated);
  g_assert_cmpuint (crm_import_summary_get_n_skipped (summary), ==, skipped);
}

/* Every record of a kind, sorted by @sort_key (customers by name). */
GPtrArray *
test_load_all (CrmStore      *store,
               CrmEntityKind  kind,
               const char    *sort_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  GPtrArray *objects = g_ptr_array_new_with_free_func (g_object_unref);

  ids = crm_store_query_ids (store, kind, NULL, NULL, sort_key, FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      GObject *object = crm_store_load (store, kind, g_array_index (ids, gint64, i), &error);

      g_assert_no_error (error);
      g_ptr_array_add (objects, object);
    }

  return objects;
}

gint64
test_record_id (gpointer object)
{
  gint64 id;

  g_object_get (object, "id", &id, NULL);
  return id;
}

static int
compare_members (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The attributes with their keys sorted: the order they were stored in
 * says nothing. */
char *
test_dup_sorted_attributes (JsonObject *attributes)
{
  g_autoptr(GList) members = json_object_get_members (attributes);
  g_autoptr(GPtrArray) keys = g_ptr_array_new ();
  g_autoptr(JsonObject) sorted = json_object_new ();
  g_autoptr(JsonNode) node = NULL;

  for (GList *l = members; l != NULL; l = l->next)
    g_ptr_array_add (keys, l->data);
  g_ptr_array_sort (keys, compare_members);
  for (guint i = 0; i < keys->len; i++)
    json_object_set_member (sorted, g_ptr_array_index (keys, i),
                            json_node_copy (json_object_get_member (attributes,
                                                                    g_ptr_array_index (keys,
                                                                                       i))));

  node = json_node_init_object (json_node_alloc (), sorted);
  return json_to_string (node, FALSE);
}
