/* test-account.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "crm-account.h"
#include "test-util.h"

#define TEST_KEY "sk_test_0123456789abcdef"
#define TEST_URL "http://127.0.0.1:9"

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return *result;
}

static void
save (CrmAccount *account,
      const char *base_url,
      const char *key)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_account_save_async (account, base_url, "ds_00000000-0000-4000-8000-0000000000aa",
                          "Prospect", key, NULL, on_done_cb, &result);
  g_assert_true (crm_account_save_finish (account, wait_for (&result), &error));
  g_assert_no_error (error);
}

static char *
lookup (CrmAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  char *key;

  crm_account_lookup_key_async (account, NULL, on_done_cb, &result);
  key = crm_account_lookup_key_finish (account, wait_for (&result), &error);
  g_assert_no_error (error);

  return key;
}

static void
remove_account (CrmAccount *account)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_account_remove_async (account, NULL, on_done_cb, &result);
  g_assert_true (crm_account_remove_finish (account, wait_for (&result), &error));
  g_assert_no_error (error);
}

static gboolean
file_contains (const char *path,
               const char *text)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  gsize n = strlen (text);

  if (!g_file_get_contents (path, &contents, &length, NULL))
    return FALSE;

  /* The file holds NUL bytes: no string search will do. */
  for (gsize i = 0; i + n <= length; i++)
    if (memcmp (contents + i, text, n) == 0)
      return TRUE;

  return FALSE;
}

/* The profile and its write-ahead log. */
static gboolean
profile_contains (CrmStore   *store,
                  const char *text)
{
  g_autofree char *wal = g_strconcat (crm_store_get_path (store), "-wal", NULL);

  return file_contains (crm_store_get_path (store), text) || file_contains (wal, text);
}

static gint64
add_customer (CrmStore *store)
{
  GVariantDict fields;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "name", "s", "Orchard Tools");

  return test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_dict_end (&fields));
}

static void
on_saved_cb (CrmAccount *account,
             guint      *n_saved)
{
  /* The others of the profile know the new settings by then. */
  g_assert_cmpstr (crm_account_get_base_url (account), ==, TEST_URL);
  (*n_saved)++;
}

/* Runs in a child with libsecret's file back end, as the tests always use. */
static void
test_secret_service_child (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmAccount) account = crm_account_new (store);
  g_autoptr(CrmAccount) window_account = crm_account_new (store);
  g_autoptr(CrmAccount) again = NULL;
  guint n_saved = 0;
  g_autofree char *found = NULL;
  g_autofree char *enabled = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = g_path_get_dirname (crm_store_get_path (store));
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);

  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  add_customer (store);
  g_assert_false (crm_account_get_is_configured (account));
  g_assert_cmpint (crm_account_get_key_storage (account), ==, CRM_KEY_STORAGE_NONE);

  g_signal_connect (window_account, "saved", G_CALLBACK (on_saved_cb), &n_saved);
  save (account, TEST_URL, TEST_KEY);
  g_assert_true (crm_account_get_is_configured (account));
  g_assert_cmpint (crm_account_get_key_storage (account), ==, CRM_KEY_STORAGE_SECRET_SERVICE);
  g_assert_cmpuint (n_saved, ==, 1);

  /* The same settings with a new key: the window must hear of it. */
  save (account, TEST_URL, TEST_KEY);
  g_assert_cmpuint (n_saved, ==, 2);
  g_assert_cmpstr (crm_account_get_base_url (account), ==, TEST_URL);
  g_assert_cmpstr (crm_account_get_data_source_name (account), ==, "Prospect");

  enabled = crm_store_dup_setting (store, "sync.enabled");
  url = crm_store_dup_setting (store, CRM_ACCOUNT_SETTING_BASE_URL);
  g_assert_cmpstr (enabled, ==, "1");
  g_assert_cmpstr (url, ==, TEST_URL);

  /* The key is in the keyring, never in the profile. */
  g_assert_false (profile_contains (store, TEST_KEY));
  g_assert_true (g_file_test (keyring, G_FILE_TEST_EXISTS));
  g_assert_true (profile_contains (store, TEST_URL));

  again = crm_account_new (store);
  g_assert_true (crm_account_get_is_configured (again));
  found = lookup (again);
  g_assert_cmpstr (found, ==, TEST_KEY);
  g_assert_cmpint (crm_account_get_key_storage (again), ==, CRM_KEY_STORAGE_SECRET_SERVICE);

  /* Removing the account forgets the key and keeps the data. */
  remove_account (account);
  g_assert_false (crm_account_get_is_configured (account));
  g_assert_cmpint (crm_account_get_key_storage (account), ==, CRM_KEY_STORAGE_NONE);
  g_clear_pointer (&found, g_free);
  found = lookup (again);
  g_assert_null (found);
  g_assert_false (crm_account_get_is_configured (again));
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 1);
}

/* Runs in a child that has no session bus at all. */
static void
test_no_secret_service_child (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmAccount) account = crm_account_new (store);
  g_autoptr(CrmAccount) again = NULL;
  g_autofree char *found = NULL;

  g_unsetenv ("SECRET_BACKEND");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/prospect-test-bus", TRUE);

  save (account, TEST_URL, TEST_KEY);
  g_assert_true (crm_account_get_is_configured (account));
  g_assert_cmpint (crm_account_get_key_storage (account), ==, CRM_KEY_STORAGE_MEMORY);
  g_assert_false (profile_contains (store, TEST_KEY));

  /* Another window of the same session finds it. */
  again = crm_account_new (store);
  found = lookup (again);
  g_assert_cmpstr (found, ==, TEST_KEY);
  g_assert_cmpint (crm_account_get_key_storage (again), ==, CRM_KEY_STORAGE_MEMORY);

  remove_account (again);
  g_clear_pointer (&found, g_free);
  found = lookup (account);
  g_assert_null (found);
}

static void
run_child (const char *path)
{
  g_test_trap_subprocess (path, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_secret_service (void)
{
  if (g_test_subprocess ())
    {
      test_secret_service_child ();
      return;
    }

  run_child (NULL);
}

static void
test_no_secret_service (void)
{
  if (g_test_subprocess ())
    {
      test_no_secret_service_child ();
      return;
    }

  run_child (NULL);
}

static void
test_refuses_bad_input (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmAccount) account = crm_account_new (store);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) empty = NULL;
  g_autoptr(GError) error = NULL;

  crm_account_save_async (account, "http://api.example.org", NULL, NULL, TEST_KEY, NULL,
                          on_done_cb, &result);
  g_assert_false (crm_account_save_finish (account, wait_for (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);
  g_clear_error (&error);

  crm_account_save_async (account, TEST_URL, NULL, NULL, "", NULL, on_done_cb, &empty);
  g_assert_false (crm_account_save_finish (account, wait_for (&empty), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT);

  g_assert_false (crm_account_get_is_configured (account));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/account/secret-service", test_secret_service);
  g_test_add_func ("/crm/account/no-secret-service", test_no_secret_service);
  g_test_add_func ("/crm/account/bad-input", test_refuses_bad_input);

  return g_test_run ();
}
