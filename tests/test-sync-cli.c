/* test-sync-cli.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-fake-server.h"
#include "crm-account.h"
#include "crm-store.h"
#include "test-util.h"

/* `prospect --sync` as a script runs it: against a fake server on its own
 * thread, with a private home, checking exit statuses and exact lines. */

#define API_KEY "cli-key-0001"

typedef struct
{
  CrmFakeServer *server;
  char          *dir;
  char          *db;
} Fixture;

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = crm_fake_server_new_in_thread (API_KEY);
  f->dir = test_make_temp_dir ("prospect-sync-cli-XXXXXX");
  f->db = g_build_filename (f->dir, "profile.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_pointer (&f->server, crm_fake_server_free);
  g_free (f->db);
  g_free (f->dir);
}

G_GNUC_NULL_TERMINATED
static void
run_prospect (Fixture    *f,
              Run        *run,
              const char *key,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (f->dir, "home", NULL);
  const char *arg;
  va_list args;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "DBUS_SESSION_BUS_ADDRESS");
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "PROSPECT_NON_UNIQUE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  if (key != NULL)
    g_subprocess_launcher_setenv (launcher, "PROSPECT_API_KEY", key, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "PROSPECT_API_KEY");

  g_ptr_array_add (argv, (char *) g_getenv ("PROSPECT_BIN"));
  g_ptr_array_add (argv, (char *) "--database");
  g_ptr_array_add (argv, f->db);
  va_start (args, key);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  g_test_message ("exit %d; stdout: %s; stderr: %s", run->status, run->out, run->err);

  /* The key never shows. */
  g_assert_null (strstr (run->out, API_KEY));
  g_assert_null (strstr (run->err, API_KEY));
}

static void
assert_failure (const Run  *run,
                const char *line)
{
  g_autofree char *expected = g_strdup_printf ("prospect: %s\n", line);

  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, expected);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_open_v2 (f->db, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* As the rep would, in the window: a customer added, or every customer's
 * owner changed. */
static void
change_profile (Fixture    *f,
                const char *new_customer,
                const char *owner)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  store = crm_store_open (f->db, &error);
  g_assert_no_error (error);

  if (new_customer != NULL)
    crm_store_insert_async (store, CRM_ENTITY_CUSTOMER,
                            g_variant_new_parsed ("{'name': <%s>}", new_customer),
                            CRM_ORIGIN_PERSON, NULL, on_done_cb, &result);
  else
    crm_store_update_async (store, CRM_ENTITY_CUSTOMER, 1,
                            g_variant_new_parsed ("{'owner': <%s>}", owner),
                            CRM_ORIGIN_PERSON, NULL, on_done_cb, &result);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (new_customer != NULL)
    g_assert_cmpint (crm_store_insert_finish (store, result, NULL, &error), >, 0);
  else
    g_assert_true (crm_store_mutation_finish (store, result, NULL, &error));
  g_assert_no_error (error);
  crm_store_close (store);
}

static void
test_refusals (Fixture       *f,
               gconstpointer  data)
{
  const char *url = crm_fake_server_get_url (f->server);
  g_auto(Run) no_account = { 0 };
  g_auto(Run) alone = { 0 };
  g_auto(Run) plain_http = { 0 };
  g_auto(Run) no_key = { 0 };
  g_auto(Run) wrong_key = { 0 };
  g_autofree char *expected = NULL;

  run_prospect (f, &no_account, NULL, "--sync", NULL);
  assert_failure (&no_account, "this profile has no ChartMogul account: add one in "
                               "Preferences, or give --api-url with the key in PROSPECT_API_KEY");

  run_prospect (f, &alone, API_KEY, "--api-url", url, NULL);
  assert_failure (&alone, "--api-url works only with --sync");

  run_prospect (f, &plain_http, API_KEY, "--sync", "--api-url", "http://crm.example.com", NULL);
  assert_failure (&plain_http, "The server’s address must start with https:// (plain http:// "
                               "is allowed only to this computer): “http://crm.example.com”");

  run_prospect (f, &no_key, NULL, "--sync", "--api-url", url, NULL);
  assert_failure (&no_key, "no API key: the profile’s account has none that can be read "
                           "without a prompt; set PROSPECT_API_KEY");

  run_prospect (f, &wrong_key, "not-the-key", "--sync", "--api-url", url, NULL);
  expected = g_strdup_printf ("cannot sync with %s: No valid API key provided", url);
  assert_failure (&wrong_key, expected);
  g_assert_cmpuint (crm_fake_server_count_requests (f->server, NULL, "/v1/"), ==, 1);
}

static void
test_sync_and_summary (Fixture       *f,
                       gconstpointer  data)
{
  const char *url = crm_fake_server_get_url (f->server);
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };
  g_auto(Run) linked = { 0 };
  g_auto(Run) other = { 0 };
  g_autofree char *mismatch = NULL;

  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Alder\",\"external_id\":\"a\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Birch\",\"external_id\":\"b\"}"));
  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Cedar\",\"external_id\":\"c\"}"));

  /* A book that held data before the account. */
  change_profile (f, "Dogwood", NULL);

  run_prospect (f, &first, API_KEY, "--sync", "--api-url", url, NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_cmpstr (first.out, ==, "Synced with ChartMogul: 4 created, 0 updated, 0 deleted, "
                                  "0 conflicts, 0 failed (3 read, 1 sent)\n");
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpuint (crm_fake_server_count (f->server, "customers"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE uuid IS NOT NULL"), ==, 4);

  run_prospect (f, &second, API_KEY, "--sync", NULL);
  g_assert_cmpint (second.status, ==, 0);
  g_assert_cmpstr (second.out, ==, "Synced with ChartMogul: 0 created, 0 updated, 0 deleted, "
                                   "0 conflicts, 0 failed (4 read, 0 sent)\n");

  run_prospect (f, &linked, API_KEY, "--sync", "--api-url", url, NULL);
  g_assert_cmpint (linked.status, ==, 0);

  run_prospect (f, &other, API_KEY, "--sync", "--api-url", "https://api.example.com", NULL);
  mismatch = g_strdup_printf ("this profile syncs with %s, not with https://api.example.com",
                              url);
  assert_failure (&other, mismatch);
}

/* The account saved in Preferences is enough: its key comes from the
 * Secret Service (libsecret's file back end here), with no prompt. */
static void
test_key_from_account (Fixture       *f,
                       gconstpointer  data)
{
  const char *url = crm_fake_server_get_url (f->server);
  g_autofree char *keyring = g_build_filename (f->dir, "keyring", NULL);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmAccount) account = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  /* Set before this process or prospect first asks libsecret. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_free (crm_fake_server_add (f->server, "customers",
                               "{\"name\":\"Alder\",\"external_id\":\"a\"}"));

  store = crm_store_open (f->db, &error);
  g_assert_no_error (error);
  account = crm_account_new (store);
  crm_account_save_async (account, url, NULL, NULL, API_KEY, NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_account_save_finish (account, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (crm_account_get_key_storage (account), ==, CRM_KEY_STORAGE_SECRET_SERVICE);
  g_clear_object (&account);
  crm_store_close (store);

  run_prospect (f, &run, NULL, "--sync", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_true (g_str_has_prefix (run.out, "Synced with ChartMogul: 1 created"));

  g_unsetenv ("SECRET_BACKEND");
  g_unsetenv ("SECRET_FILE_TEST_PATH");
  g_unsetenv ("SECRET_FILE_TEST_PASSWORD");
}

/* A refused change: the summary still prints, then one line on stderr,
 * and the exit status says it. */
static void
test_refused_change (Fixture       *f,
                     gconstpointer  data)
{
  const char *url = crm_fake_server_get_url (f->server);
  g_autofree char *uuid = crm_fake_server_add (f->server, "customers",
                                               "{\"name\":\"Alder\",\"external_id\":\"a\"}");
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s", uuid);
  CrmFakeFault refuse = {
    .method = "PATCH", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"message\":\"Owner is not a user of this account\"}",
  };
  g_auto(Run) first = { 0 };
  g_auto(Run) refused = { 0 };

  run_prospect (f, &first, API_KEY, "--sync", "--api-url", url, NULL);
  g_assert_cmpint (first.status, ==, 0);

  change_profile (f, NULL, "nobody@example.com");
  crm_fake_server_add_fault (f->server, &refuse);

  run_prospect (f, &refused, API_KEY, "--sync", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_cmpstr (refused.out, ==, "Synced with ChartMogul: 0 created, 0 updated, 0 deleted, "
                                    "0 conflicts, 1 failed (1 read, 0 sent)\n");
  g_assert_cmpstr (refused.err, ==, "prospect: 1 change was refused by the server: "
                                    "Owner is not a user of this account\n");
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM customers WHERE owner IS NULL"), ==, 1);
}

/* Nothing listens: a clear line, soon. */
static void
test_unreachable (Fixture       *f,
                  gconstpointer  data)
{
  g_auto(Run) run = { 0 };
  gint64 start = g_get_monotonic_time ();

  run_prospect (f, &run, API_KEY, "--sync", "--api-url", "http://127.0.0.1:9", NULL);
  g_assert_cmpint (run.status, ==, 1);
  g_assert_true (g_str_has_prefix (run.err, "prospect: cannot sync with http://127.0.0.1:9: "
                                            "Cannot reach the server: "));
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/crm/sync/cli/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("refusals", test_refusals);
  ADD ("sync-and-summary", test_sync_and_summary);
  ADD ("refused-change", test_refused_change);
  ADD ("key-from-account", test_key_from_account);
  ADD ("unreachable", test_unreachable);
#undef ADD

  return g_test_run ();
}
