/* test-sync-util.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>

#include "crm-store-board.h"
#include "crm-store-rules.h"
#include "test-sync-util.h"

static void
open_profile (SyncFixture *f)
{
  g_autoptr(GError) error = NULL;

  f->store = crm_store_open (f->path, &error);
  g_assert_no_error (error);
  crm_store_rules_install (f->store);

  f->client = crm_api_client_new (crm_fake_server_get_url (f->server), SYNC_API_KEY, &error);
  g_assert_no_error (error);
  crm_api_client_set_clock (f->client, f->clock);
  f->engine = crm_sync_engine_new (f->store, f->client);
}

static void
close_profile (SyncFixture *f)
{
  g_clear_object (&f->engine);
  g_clear_object (&f->client);
  if (f->store != NULL)
    crm_store_close (f->store);
  g_clear_object (&f->store);
}

void
sync_fixture_set_up (SyncFixture   *f,
                     gconstpointer  data)
{
  f->server = crm_fake_server_new (SYNC_API_KEY);
  f->clock = crm_sync_clock_new_virtual (SYNC_START_TIME, 11);
  crm_fake_server_set_clock (f->server, f->clock);
  f->path = test_temp_db ();
  open_profile (f);
  test_set_setting (f->store, "me.email", "rep@example.com");
}

void
sync_fixture_tear_down (SyncFixture   *f,
                        gconstpointer  data)
{
  close_profile (f);
  g_clear_pointer (&f->server, crm_fake_server_free);
  g_clear_object (&f->clock);
  g_clear_pointer (&f->path, g_free);
}

/* As the app quitting and starting again on the same profile. */
void
sync_fixture_restart (SyncFixture *f)
{
  close_profile (f);
  open_profile (f);
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

CrmSyncSummary *
sync_run (SyncFixture  *f,
          const char   *what,
          GError      **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  if (g_str_equal (what, "pull"))
    crm_sync_engine_pull_async (f->engine, NULL, on_done_cb, &result);
  else if (g_str_equal (what, "push"))
    crm_sync_engine_push_async (f->engine, NULL, on_done_cb, &result);
  else
    crm_sync_engine_sync_async (f->engine, NULL, on_done_cb, &result);

  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return crm_sync_engine_sync_finish (f->engine, result, error);
}

CrmSyncSummary *
sync_run_ok (SyncFixture *f,
             const char  *what)
{
  g_autoptr(GError) error = NULL;
  CrmSyncSummary *summary = sync_run (f, what, &error);

  g_assert_no_error (error);
  g_assert_nonnull (summary);
  return summary;
}

static sqlite3 *
open_reader (SyncFixture *f)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

gint64
sync_query_int (SyncFixture *f,
                const char  *sql)
{
  sqlite3 *db = open_reader (f);
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

char *
sync_query_text (SyncFixture *f,
                 const char  *sql)
{
  sqlite3 *db = open_reader (f);
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

gint64
sync_local_id (SyncFixture *f,
               const char  *table,
               const char  *uuid)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE uuid = '%s'", table, uuid);

  return sync_query_int (f, sql);
}

char *
sync_add_customer (SyncFixture *f,
                   const char  *name,
                   const char  *more_json)
{
  g_autofree char *json = NULL;

  json = g_strdup_printf ("{\"name\":\"%s\",\"external_id\":\"ext-%s\"%s%s}", name, name,
                          more_json != NULL ? "," : "", more_json != NULL ? more_json : "");
  return crm_fake_server_add (f->server, "customers", json);
}

/* Moves a card as a person does on the board, and waits for it. */
void
sync_move_card (SyncFixture *f,
                gint64       id,
                const char  *stage,
                guint        index,
                const char  *lost_reason)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_move_opportunity_async (f->store, id, stage, index, lost_reason, NULL, NULL,
                                    (GAsyncReadyCallback) test_store_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_store_move_opportunity_finish (f->store, result, NULL, &error));
  g_assert_no_error (error);
}

/* Lets idle handlers (the engine's recount) run. */
void
sync_wait_idle (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Keeps the result of an async call in the GAsyncResult * it is given. */
void
test_store_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}
