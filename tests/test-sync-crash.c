/* test-sync-crash.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <sqlite3.h>

#include "crm-fake-server.h"
#include "crm-store.h"
#include "crm-sync-crash.h"
#include "test-util.h"

/*
 * Kills `prospect --sync` at named points — after a request was answered
 * and before its answer was stored; inside a page's transaction — and at
 * random points, starts it again, and checks that the profile and the
 * server hold each record exactly once, and the same values.
 *
 * Each trial runs two syncs that may be killed: the first of a book that
 * held data before its account (pairing, then uploading the rest), the
 * second after changes on both sides. A random trial prints its seed:
 * PROSPECT_SYNC_CRASH=random:SEED:PERMILLE repeats it.
 */

#define API_KEY "crash-key-0001"
#define N_SERVER_CUSTOMERS 12
#define RANDOM_PERMILLE 60

typedef struct
{
  CrmFakeServer *server;
  char          *dir;
  char          *db;
} Trial;

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

static gint64
insert (CrmStore      *store,
        CrmEntityKind  kind,
        GVariant      *fields)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  crm_store_insert_async (store, kind, fields, CRM_ORIGIN_PERSON, NULL, on_done_cb, &result);
  id = crm_store_insert_finish (store, wait_result (&result), NULL, &error);
  g_assert_no_error (error);
  return id;
}

static void
update (CrmStore      *store,
        CrmEntityKind  kind,
        gint64         id,
        GVariant      *fields)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_update_async (store, kind, id, fields, CRM_ORIGIN_PERSON, NULL, on_done_cb,
                          &result);
  g_assert_true (crm_store_mutation_finish (store, wait_result (&result), NULL, &error));
  g_assert_no_error (error);
}

static void
delete (CrmStore      *store,
        CrmEntityKind  kind,
        gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_delete_async (store, kind, id, CRM_ORIGIN_PERSON, NULL, on_done_cb, &result);
  g_assert_true (crm_store_mutation_finish (store, wait_result (&result), NULL, &error));
  g_assert_no_error (error);
}

static void
set_me (CrmStore *store)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_set_setting_async (store, "me.email", "rep@example.com", NULL, on_done_cb, &result);
  g_assert_true (crm_store_mutation_finish (store, wait_result (&result), NULL, &error));
  g_assert_no_error (error);
}

static GPtrArray *
query_strings (Trial      *trial,
               const char *sql)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (trial->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (rows, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return rows;
}

static gint64
query_int (Trial      *trial,
           const char *sql)
{
  g_autoptr(GPtrArray) rows = query_strings (trial, sql);

  g_assert_cmpuint (rows->len, ==, 1);
  return g_ascii_strtoll (g_ptr_array_index (rows, 0), NULL, 10);
}

/* Runs `prospect --sync`; returns its exit status. */
static int
run_sync (Trial      *trial,
          const char *crash)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (trial->dir, "home", NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = {
    g_getenv ("PROSPECT_BIN"), "--database", trial->db, "--sync", "--api-url",
    crm_fake_server_get_url (trial->server), NULL
  };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "PROSPECT_NON_UNIQUE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "PROSPECT_API_KEY", API_KEY, TRUE);
  if (crash != NULL)
    g_subprocess_launcher_setenv (launcher, "PROSPECT_SYNC_CRASH", crash, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "PROSPECT_SYNC_CRASH");

  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));

  g_test_message ("crash %s: exit %d; %s%s", crash != NULL ? crash : "none",
                  g_subprocess_get_exit_status (process), out, err);
  return g_subprocess_get_exit_status (process);
}

/* A sync that may be killed, then syncs until one completes. */
static void
sync_through_crash (Trial      *trial,
                    const char *crash)
{
  int status = run_sync (trial, crash);

  g_assert_true (status == 0 || status == CRM_SYNC_CRASH_EXIT_STATUS);

  for (guint i = 0; i < 3; i++)
    if (run_sync (trial, NULL) == 0)
      return;

  g_assert_not_reached ();
}

static void
set_up_server (Trial *trial)
{
  for (guint i = 0; i < N_SERVER_CUSTOMERS; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\":\"Server %02u\","
                                               "\"external_id\":\"srv-%u\","
                                               "\"email\":\"s%u@example.com\"}", i, i, i);
      g_autofree char *uuid = crm_fake_server_add (trial->server, "customers", json);

      g_free (json);
      json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"task_details\":\"Server task %u\","
                              "\"assignee\":\"rep@example.com\",\"due_date\":\"2025-07-%02u\"}",
                              uuid, i, i + 1);
      g_free (crm_fake_server_add (trial->server, "tasks", json));
      g_free (json);
      json = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"type\":\"note\","
                              "\"text\":\"Server note %u\"}", uuid, i);
      g_free (crm_fake_server_add (trial->server, "customer_notes", json));
    }
}

/* A book that held data before its account: two customers, one of them
 * also on the server (same name and email), each with a note and a task. */
static void
set_up_book (Trial *trial)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = crm_store_open (trial->db, &error);
  g_assert_no_error (error);
  set_me (store);

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *name = g_strdup_printf (i == 0 ? "Server 03" : "Local %u", i);
      g_autofree char *email = g_strdup_printf (i == 0 ? "s3@example.com" : "l%u@example.com", i);
      g_autofree char *note = g_strdup_printf ("Local note %u", i);
      g_autofree char *task = g_strdup_printf ("Local task %u", i);
      gint64 id;

      id = insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <%s>, 'email': <%s>}", name, email));
      insert (store, CRM_ENTITY_ACTIVITY,
              g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>, 'body': <%s>,"
                                    " 'occurred_at': <'2025-06-01T10:00:00.000Z'>}", id, note));
      insert (store, CRM_ENTITY_TASK,
              g_variant_new_parsed ("{'customer_id': <%x>, 'details': <%s>,"
                                    " 'assignee': <'rep@example.com'>, 'due_on': <'2025-08-01'>}",
                                    id, task));
    }

  crm_store_close (store);
}

/* Changes on both sides between the two syncs. */
static void
change_both_sides (Trial *trial)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  gint64 id;

  store = crm_store_open (trial->db, &error);
  g_assert_no_error (error);

  for (gint64 i = 1; i <= 3; i++)
    {
      g_autofree char *name = g_strdup_printf ("Renamed %" G_GINT64_FORMAT, i);

      update (store, CRM_ENTITY_CUSTOMER, i, g_variant_new_parsed ("{'name': <%s>}", name));
    }
  update (store, CRM_ENTITY_TASK, 2,
          g_variant_new_parsed ("{'completed_at': <'2025-06-30T12:00:00.000Z'>}"));
  delete (store, CRM_ENTITY_ACTIVITY, 1);
  id = insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Offline new'>}"));
  insert (store, CRM_ENTITY_TASK,
          g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Offline task'>,"
                                " 'due_on': <'2025-07-15'>}", id));
  insert (store, CRM_ENTITY_ACTIVITY,
          g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>, 'body': <'Offline call'>,"
                                " 'call_duration': <@x 60>,"
                                " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}", id));
  crm_store_close (store);

  customers = crm_fake_server_dup_all (trial->server, "customers");
  crm_fake_server_edit (trial->server, "customers",
                        json_object_get_string_member (g_ptr_array_index (customers, 8), "uuid"),
                        "{\"company\":\"Edited on the server\"}");
  notes = crm_fake_server_dup_all (trial->server, "customer_notes");
  crm_fake_server_remove (trial->server, "customer_notes",
                          json_object_get_string_member (g_ptr_array_index (notes, 5), "uuid"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_sorted (GPtrArray *rows)
{
  g_ptr_array_sort (rows, compare_strings);
  g_ptr_array_add (rows, NULL);
  return g_strjoinv ("\n", (char **) rows->pdata);
}

/* The server's records as "uuid|field", one a line, sorted. */
static char *
server_rows (Trial      *trial,
             const char *resource,
             const char *uuid_key,
             const char *field)
{
  g_autoptr(GPtrArray) all = crm_fake_server_dup_all (trial->server, resource);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < all->len; i++)
    {
      JsonObject *object = g_ptr_array_index (all, i);
      JsonNode *node = json_object_get_member (object, field);

      g_ptr_array_add (rows, g_strdup_printf ("%s|%s",
                                              json_object_get_string_member (object, uuid_key),
                                              JSON_NODE_HOLDS_NULL (node) ? "-"
                                              : json_node_get_string (node)));
    }

  return join_sorted (rows);
}

static char *
local_rows (Trial      *trial,
            const char *sql)
{
  g_autoptr(GPtrArray) rows = query_strings (trial, sql);

  return join_sorted (rows);
}

static void
assert_same_everywhere (Trial *trial)
{
  g_autofree char *server_customers = server_rows (trial, "customers", "uuid", "name");
  g_autofree char *local_customers = local_rows (trial, "SELECT uuid || '|' || name"
                                                        " FROM customers");
  g_autofree char *server_tasks = server_rows (trial, "tasks", "task_uuid", "completed_at");
  g_autofree char *local_tasks = local_rows (trial, "SELECT uuid || '|'"
                                                    " || ifnull (completed_at, '-') FROM tasks");
  g_autofree char *server_notes = server_rows (trial, "customer_notes", "uuid", "text");
  g_autofree char *local_notes = local_rows (trial, "SELECT uuid || '|' || body FROM activities"
                                                    " WHERE kind IN ('note', 'call')");

  /* Every record once on each side (a NULL uuid would drop a row). */
  g_assert_cmpint (query_int (trial, "SELECT count(*) FROM customers WHERE uuid IS NULL"), ==, 0);
  g_assert_cmpint (query_int (trial, "SELECT count(*) FROM tasks WHERE uuid IS NULL"), ==, 0);
  g_assert_cmpint (query_int (trial, "SELECT count(*) FROM activities WHERE uuid IS NULL"
                                     " AND kind IN ('note', 'call')"), ==, 0);
  g_assert_cmpstr (local_customers, ==, server_customers);
  g_assert_cmpstr (local_tasks, ==, server_tasks);
  g_assert_cmpstr (local_notes, ==, server_notes);
  g_assert_cmpint (query_int (trial, "SELECT count(*) FROM outbox"), ==, 0);
}

static void
run_trial (const char *crash)
{
  Trial trial = { NULL };

  trial.server = crm_fake_server_new_in_thread (API_KEY);
  crm_fake_server_set_page_size (trial.server, 5);
  trial.dir = test_make_temp_dir ("prospect-crash-XXXXXX");
  trial.db = g_build_filename (trial.dir, "profile.db", NULL);

  set_up_server (&trial);
  set_up_book (&trial);

  /* The first sync: 12 + 1 customers (one local paired), all uploaded. */
  sync_through_crash (&trial, crash);
  g_assert_cmpuint (crm_fake_server_count (trial.server, "customers"), ==, N_SERVER_CUSTOMERS + 1);
  g_assert_cmpuint (crm_fake_server_count (trial.server, "tasks"), ==, N_SERVER_CUSTOMERS + 2);
  g_assert_cmpuint (crm_fake_server_count (trial.server, "customer_notes"), ==,
                    N_SERVER_CUSTOMERS + 2);
  assert_same_everywhere (&trial);

  change_both_sides (&trial);
  sync_through_crash (&trial, crash);
  g_assert_cmpuint (crm_fake_server_count (trial.server, "customers"), ==, N_SERVER_CUSTOMERS + 2);
  g_assert_cmpuint (crm_fake_server_count (trial.server, "tasks"), ==, N_SERVER_CUSTOMERS + 3);
  g_assert_cmpuint (crm_fake_server_count (trial.server, "customer_notes"), ==,
                    N_SERVER_CUSTOMERS + 1);
  assert_same_everywhere (&trial);

  crm_fake_server_free (trial.server);
  g_free (trial.db);
  g_free (trial.dir);
}

static void
test_named (gconstpointer data)
{
  run_trial (data);
}

static void
test_random (gconstpointer data)
{
  guint32 seed = GPOINTER_TO_UINT (data);
  g_autofree char *crash = g_strdup_printf ("random:%u:%u", seed, RANDOM_PERMILLE);

  /* The seed, to run the trial again. */
  g_test_message ("random crash trial: PROSPECT_SYNC_CRASH=%s", crash);
  run_trial (crash);
}

int
main (int   argc,
      char *argv[])
{
  static const char * const named[] = {
    "after-send:1", "after-send:2", "after-send:4", "after-send:9", "after-send:14",
    "after-send:17", "after-send:19", "after-send:22",
    "page-transaction:1", "page-transaction:2", "page-transaction:4", "page-transaction:7",
  };
  guint32 base_seed;

  g_test_init (&argc, &argv, NULL);

  /* New seeds each run, unless the test harness pins them. */
  base_seed = g_test_rand_int ();

  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    {
      g_autofree char *path = g_strdup_printf ("/crm/sync/crash/named/%s", named[i]);

      g_test_add_data_func (path, named[i], test_named);
    }

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *path = g_strdup_printf ("/crm/sync/crash/random/%u", i);

      g_test_add_data_func (path, GUINT_TO_POINTER (base_seed + i), test_random);
    }

  return g_test_run ();
}
