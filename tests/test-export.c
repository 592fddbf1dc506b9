/* test-export.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "crm-builtin-lists.h"
#include "crm-csv-export.h"
#include "crm-filter.h"
#include "crm-store-demo.h"
#include "test-util.h"

#define HEADER \
  "id,name,company,email,status,owner,website,linkedin,street,city,zip,state,country," \
  "lead_created_at,free_trial_started_at,customer_since,tags"

typedef struct
{
  const char *fields;     /* GVariant text of the a{sv} */
  const char *tags[3];
} Row;

typedef struct
{
  const Row *rows;
  guint      n_rows;
} Rows;

static gboolean
insert_rows_job (CrmStoreTxn  *txn,
                 gpointer      user_data,
                 GError      **error)
{
  const Rows *rows = user_data;

  for (guint i = 0; i < rows->n_rows; i++)
    {
      GVariant *fields = g_variant_new_parsed (rows->rows[i].fields);
      gint64 id = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER, fields, error);

      if (id == 0)
        return FALSE;

      if (rows->rows[i].tags[0] != NULL &&
          !crm_store_txn_set_tags (txn, id, rows->rows[i].tags, error))
        return FALSE;
    }

  return TRUE;
}

static void
insert_rows (CrmStore  *store,
             const Row *rows,
             guint      n_rows)
{
  g_autoptr(GError) error = NULL;
  Rows data = { rows, n_rows };

  crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, insert_rows_job, &data, NULL, &error);
  g_assert_no_error (error);
}

static char *
export_to_string (CrmStore   *store,
                  CrmFilter  *filter,
                  guint       expected_rows)
{
  g_autofree char *dir = g_dir_make_tmp ("prospect-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  guint n_rows = G_MAXUINT;

  g_assert_true (crm_csv_export_customers (store, filter, path, &n_rows, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_rows, ==, expected_rows);

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);

  g_unlink (path);
  g_rmdir (dir);

  return contents;
}

static const Row tricky_rows[] = {
  { "{'external_id': <'c-1'>, 'name': <'Ann, \"The\" Analyst'>,"
    " 'company': <'Comma, Inc.'>, 'email': <'ann@example.org'>, 'status': <'New Lead'>,"
    " 'city': <'Zürich'>, 'country': <'CH'>,"
    " 'lead_created_at': <'2026-01-02T03:04:05.000Z'>,"
    " 'attributes': <'{\"notes\": \"line one\\\\nline two\", \"seats\": 5}'>}",
    { "dach", "pilot", NULL } },
  { "{'external_id': <'c-2'>, 'name': <'Béla Núñez'>, 'company': <'=SUM(A1)'>,"
    " 'email': <'+1 555 0100'>, 'status': <'Working Lead'>, 'owner': <'-5'>,"
    " 'street': <'@home'>, 'zip': <'\t12'>, 'state': <'\rX'>,"
    " 'attributes': <'{\"plan\": \"Growth\", \"trial\": true}'>}",
    { NULL } },
  { "{'external_id': <'c-3'>, 'name': <'Zoë'>, 'company': <'Plain \"quote'>,"
    " 'status': <'Lead'>, 'website': <'https://zoe.example.com'>,"
    " 'linkedin': <'-'>, 'customer_since': <'2025-12-31T23:59:59.999Z'>}",
    { "a, b", NULL } },
};

static void
test_export_tricky_values (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autofree char *csv = NULL;

  insert_rows (store, tricky_rows, G_N_ELEMENTS (tricky_rows));
  csv = export_to_string (store, NULL, 3);

  g_assert_cmpstr (csv, ==,
    HEADER ",notes,plan,seats,trial\r\n"
    "c-1,\"Ann, \"\"The\"\" Analyst\",\"Comma, Inc.\",ann@example.org,New Lead,,,,,"
    "Zürich,,,CH,2026-01-02T03:04:05.000Z,,,\"dach,pilot\",\"line one\nline two\",,5,\r\n"
    "c-2,Béla Núñez,'=SUM(A1),'+1 555 0100,Working Lead,'-5,,,'@home,,'\t12,\"'\rX\",,"
    ",,,,,Growth,,true\r\n"
    "c-3,Zoë,\"Plain \"\"quote\",,Lead,,https://zoe.example.com,'-,,,,,,"
    ",,2025-12-31T23:59:59.999Z,\"a, b\",,,,\r\n");
}

static void
test_export_empty (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autofree char *csv = export_to_string (store, NULL, 0);

  g_assert_cmpstr (csv, ==, HEADER "\r\n");
}

static void
test_export_filter (void)
{
  static const Row rows[] = {
    { "{'external_id': <'m-1'>, 'name': <'Mine new'>, 'status': <'New Lead'>,"
      " 'owner': <'me@prospect.example'>}", { NULL } },
    { "{'external_id': <'m-2'>, 'name': <'Mine working'>, 'status': <'Working Lead'>,"
      " 'owner': <'me@prospect.example'>}", { NULL } },
    { "{'external_id': <'o-1'>, 'name': <'Theirs new'>, 'status': <'New Lead'>,"
      " 'owner': <'other@prospect.example'>}", { NULL } },
  };
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmFilter) filter = crm_builtin_list_filter ("My New Leads");
  g_autofree char *csv = NULL;

  insert_rows (store, rows, G_N_ELEMENTS (rows));
  test_set_setting (store, "me.email", "me@prospect.example");

  g_assert_nonnull (filter);
  csv = export_to_string (store, filter, 1);
  g_assert_cmpstr (csv, ==,
    HEADER "\r\n"
    "m-1,Mine new,,,New Lead,me@prospect.example,,,,,,,,,,,\r\n");
}

static void
test_export_unwritable (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  guint n_rows = 7;

  g_assert_false (crm_csv_export_customers (store, NULL, "/proc/forbidden/x.csv",
                                            &n_rows, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT);
  g_assert_nonnull (strstr (error->message, "/proc/forbidden/x.csv"));
  g_assert_cmpuint (n_rows, ==, 7);
}

/* A failed export leaves the old file alone, a good one replaces it
 * whole, and neither leaves a temporary file behind. */
static void
test_export_replaces_whole (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prospect-export-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GDir) listing = NULL;
  guint n_files = 0;

  g_file_set_contents (path, "old contents that are longer than the export\n", -1, &error);
  g_assert_no_error (error);

  g_assert_true (crm_csv_export_customers (store, NULL, path, NULL, &error));
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, HEADER "\r\n");

  /* A folder in the way: the rename fails, nothing is left over. */
  g_assert_false (crm_csv_export_customers (store, NULL, dir, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_ISDIR);

  listing = g_dir_open (dir, 0, NULL);
  while (g_dir_read_name (listing) != NULL)
    n_files++;
  g_assert_cmpuint (n_files, ==, 1);

  g_unlink (path);
  g_rmdir (dir);
}

/* 2026-06-01T00:00:00Z */
#define DEMO_REFERENCE G_GINT64_CONSTANT (1780272000)

static char *
demo_export (guint n_customers)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_demo_fill_at (store, n_customers, DEMO_REFERENCE, &error));
  g_assert_no_error (error);

  return export_to_string (store, NULL, n_customers);
}

static void
test_demo_deterministic (void)
{
  g_autofree char *first = demo_export (60);
  g_autofree char *second = demo_export (60);

  g_assert_cmpstr (first, ==, second);
  g_assert_true (g_utf8_validate (first, -1, NULL));
}

/* A book filled on some day reads as that day's book: its history ends
 * before the day, and its open work falls due around it. */
static void
test_demo_dated_from_reference (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *last_activity = NULL;
  g_autofree char *first_due = NULL;
  g_autofree char *last_due = NULL;
  g_autofree char *last_close = NULL;

  g_assert_true (crm_store_demo_fill_at (store, 200, DEMO_REFERENCE, &error));
  g_assert_no_error (error);

  last_activity = test_query_string (store, "SELECT max (occurred_at) FROM activities");
  g_assert_cmpstr (last_activity, <, "2026-06-01");
  g_assert_cmpstr (last_activity, >=, "2026-05-25");

  first_due = test_query_string (store, "SELECT min (due_on) FROM tasks "
                                        "WHERE completed_at IS NULL");
  last_due = test_query_string (store, "SELECT max (due_on) FROM tasks "
                                       "WHERE completed_at IS NULL");
  g_assert_cmpstr (first_due, >=, "2026-05-01");
  g_assert_cmpstr (last_due, >=, "2026-06-01");
  g_assert_cmpstr (last_due, <=, "2026-07-01");

  last_close = test_query_string (store, "SELECT max (close_on) FROM opportunities");
  g_assert_cmpstr (last_close, >, "2026-06-01");
}

static void
test_demo_today (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format_iso8601 (now);
  g_autofree char *last_activity = NULL;
  g_autofree char *last_due = NULL;

  g_assert_true (crm_store_demo_fill (store, 100, &error));
  g_assert_no_error (error);

  /* Nothing happened in the future, and some work is still ahead. */
  last_activity = test_query_string (store, "SELECT max (occurred_at) FROM activities");
  g_assert_cmpstr (last_activity, <, stamp);
  last_due = test_query_string (store, "SELECT max (due_on) FROM tasks "
                                       "WHERE completed_at IS NULL");
  g_assert_cmpstr (last_due, >=, g_date_time_format (now, "%F"));
}

static guint
count_status (CrmStore   *store,
              const char *status,
              gboolean    mine)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "status", CRM_FILTER_OP_IS, g_variant_new_string (status));
  if (mine)
    crm_filter_add (filter, "owner", CRM_FILTER_OP_IS_ME, NULL);

  return crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
}

static void
test_demo_book (void)
{
  static const char * const statuses[] = {
    "New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead", "Active",
    "Past Due", "Cancelled", "Lead",
  };
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *me = NULL;
  guint sum = 0;

  g_assert_true (crm_store_demo_fill (store, 500, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 500);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_PIPELINE, NULL), ==, 2);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_STAGE, NULL), ==, 9);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_TEMPLATE, NULL), >=, 3);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CONTACT, NULL), >=, 500);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_ACTIVITY, NULL), >=, 500);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_TASK, NULL), >=, 100);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_OPPORTUNITY, NULL), >=, 50);

  me = crm_store_dup_setting (store, "me.email");
  g_assert_cmpstr (me, ==, "sam.ortiz@prospect.example");

  for (guint i = 0; i < G_N_ELEMENTS (statuses); i++)
    {
      guint n = count_status (store, statuses[i], FALSE);

      g_test_message ("%s: %u", statuses[i], n);
      g_assert_cmpuint (n, >, 0);
      sum += n;
    }
  g_assert_cmpuint (sum, ==, 500);

  /* "Me" has a real day's work. */
  g_assert_cmpuint (count_status (store, "New Lead", TRUE), >=, 30);
  g_assert_cmpuint (count_status (store, "Working Lead", TRUE), >=, 20);

  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_no_error (error);

  /* A second fill is refused. */
  g_assert_false (crm_store_demo_fill (store, 10, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_EMPTY);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/export/tricky-values", test_export_tricky_values);
  g_test_add_func ("/crm/export/empty", test_export_empty);
  g_test_add_func ("/crm/export/filter", test_export_filter);
  g_test_add_func ("/crm/export/unwritable", test_export_unwritable);
  g_test_add_func ("/crm/export/replaces-whole", test_export_replaces_whole);
  g_test_add_func ("/crm/demo/deterministic", test_demo_deterministic);
  g_test_add_func ("/crm/demo/dated-from-reference", test_demo_dated_from_reference);
  g_test_add_func ("/crm/demo/today", test_demo_today);
  g_test_add_func ("/crm/demo/book", test_demo_book);

  return g_test_run ();
}
