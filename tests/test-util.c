/* test-util.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

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

char *
test_temp_db (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prospect-test-XXXXXX", &error);

  g_assert_no_error (error);
  return g_build_filename (dir, "profile.db", NULL);
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
        CrmEntityKind  kind,
        GVariant      *fields,
        GError       **error)
{
  Wait wait = { NULL };
  gint64 id;

  crm_store_insert_async (store, kind, fields, CRM_ORIGIN_PERSON, NULL, on_done_cb, &wait);
  id = crm_store_insert_finish (store, wait_for (&wait), NULL, error);
  g_object_unref (wait.result);

  return id;
}

gint64
test_insert (CrmStore      *store,
             CrmEntityKind  kind,
             GVariant      *fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = insert (store, kind, fields, &error);

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

  g_assert_cmpint (insert (store, kind, fields, &error), ==, 0);
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
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  gint64 group;

  crm_store_update_async (store, kind, id, fields, CRM_ORIGIN_PERSON, NULL,
                          on_done_cb, &wait);
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
