/* test-sync-session.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "crm-fake-server.h"
#include "crm-sync-session.h"
#include "test-util.h"

/* The window's sync, without a window: an account saved makes an engine
 * fed the key from the keyring (libsecret's file back end), which syncs
 * shortly after and then on the periodic sync's ticks. */

#define API_KEY "sk_test_session_0001"
#define WAIT_MS 10000
/* 2025-06-30T00:00:00Z */
#define START_TIME ((gint64) 1751241600 * G_USEC_PER_SEC)

/* A network monitor the test turns on and off. */
#define TEST_TYPE_NETWORK (test_network_get_type ())
G_DECLARE_FINAL_TYPE (TestNetwork, test_network, TEST, NETWORK, GObject)

struct _TestNetwork
{
  GObject  parent_instance;
  gboolean available;
};

static void test_network_iface_init (GNetworkMonitorInterface *iface);
static void test_network_initable_init (GInitableIface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestNetwork, test_network, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_INITABLE,
                                                      test_network_initable_init)
                               G_IMPLEMENT_INTERFACE (G_TYPE_NETWORK_MONITOR,
                                                      test_network_iface_init))

enum {
  NET_PROP_0,
  NET_PROP_AVAILABLE,
  NET_PROP_METERED,
  NET_PROP_CONNECTIVITY,
};

static void
test_network_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  TestNetwork *self = TEST_NETWORK (object);

  switch (prop_id)
    {
    case NET_PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    case NET_PROP_METERED:
      g_value_set_boolean (value, FALSE);
      break;
    case NET_PROP_CONNECTIVITY:
      g_value_set_enum (value, self->available ? G_NETWORK_CONNECTIVITY_FULL
                                               : G_NETWORK_CONNECTIVITY_LOCAL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
test_network_can_reach (GNetworkMonitor     *monitor,
                        GSocketConnectable  *connectable,
                        GCancellable        *cancellable,
                        GError             **error)
{
  return TEST_NETWORK (monitor)->available;
}

static gboolean
test_network_init_sync (GInitable     *initable,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return TRUE;
}

static void
test_network_initable_init (GInitableIface *iface)
{
  iface->init = test_network_init_sync;
}

static void
test_network_iface_init (GNetworkMonitorInterface *iface)
{
  iface->can_reach = test_network_can_reach;
}

static void
test_network_class_init (TestNetworkClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_network_get_property;
  g_object_class_override_property (object_class, NET_PROP_AVAILABLE, "network-available");
  g_object_class_override_property (object_class, NET_PROP_METERED, "network-metered");
  g_object_class_override_property (object_class, NET_PROP_CONNECTIVITY, "connectivity");
}

static void
test_network_init (TestNetwork *self)
{
  self->available = TRUE;
}

/* Changes come in a burst, as from the kernel: the session waits for the
 * last. */
static void
test_network_set (TestNetwork *self,
                  gboolean     available)
{
  self->available = !available;
  g_signal_emit_by_name (self, "network-changed", !available);
  self->available = available;
  g_object_notify (G_OBJECT (self), "network-available");
  g_signal_emit_by_name (self, "network-changed", available);
}

typedef struct
{
  CrmFakeServer  *server;
  CrmSyncClock   *clock;
  CrmStore       *store;
  CrmSyncSession *session;
  TestNetwork    *network;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->server = crm_fake_server_new (API_KEY);
  f->clock = crm_sync_clock_new_virtual (START_TIME, 7);
  crm_fake_server_set_clock (f->server, f->clock);
  f->store = test_open_store ();
  f->session = crm_sync_session_new (f->store);
  crm_sync_session_set_clock (f->session, f->clock);
  crm_sync_session_set_timing (f->session, 10, 20);
  f->network = g_object_new (TEST_TYPE_NETWORK, NULL);
  crm_sync_session_set_network_monitor (f->session, G_NETWORK_MONITOR (f->network), 30);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->session);
  g_clear_object (&f->network);
  crm_store_close (f->store);
  g_clear_object (&f->store);
  g_clear_pointer (&f->server, crm_fake_server_free);
  g_clear_object (&f->clock);
}

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef gboolean (*Condition) (Fixture *f);

static gboolean
wait_until (Fixture   *f,
            Condition  condition)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);
  gboolean met;

  while (!(met = condition (f)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return met;
}

static void
run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
save_account (Fixture    *f,
              const char *key)
{
  CrmAccount *account = crm_sync_session_get_account (f->session);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_account_save_async (account, crm_fake_server_get_url (f->server),
                          "ds_00000000-0000-4000-8000-0000000000aa", "Prospect", key, NULL,
                          on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_account_save_finish (account, result, &error));
  g_assert_no_error (error);
}

static gboolean
has_engine (Fixture *f)
{
  return crm_sync_session_get_engine (f->session) != NULL;
}

static gboolean
has_synced (Fixture *f)
{
  CrmSyncEngine *engine = crm_sync_session_get_engine (f->session);

  return engine != NULL && crm_sync_engine_get_last_synced_at (engine) > 0 &&
         crm_sync_engine_get_state (engine) == CRM_SYNC_STATE_IDLE;
}

static gboolean
key_missing (Fixture *f)
{
  return crm_sync_session_get_key_missing (f->session);
}

static guint
n_customer_lists (Fixture *f)
{
  return crm_fake_server_count_requests (f->server, "GET", "/v1/customers");
}

static gboolean
synced_twice (Fixture *f)
{
  return n_customer_lists (f) >= 2 &&
         crm_sync_engine_get_state (crm_sync_session_get_engine (f->session)) ==
         CRM_SYNC_STATE_IDLE;
}

static void
test_interval (void)
{
  gint64 minute = 60 * G_USEC_PER_SEC;

  g_assert_cmpuint (crm_sync_session_parse_interval (NULL), ==, 15);
  g_assert_cmpuint (crm_sync_session_parse_interval ("0"), ==, 0);
  g_assert_cmpuint (crm_sync_session_parse_interval ("5"), ==, 5);
  g_assert_cmpuint (crm_sync_session_parse_interval ("60"), ==, 60);
  g_assert_cmpuint (crm_sync_session_parse_interval ("7"), ==, 15);
  g_assert_cmpuint (crm_sync_session_parse_interval ("often"), ==, 15);

  g_assert_false (crm_sync_session_is_due (START_TIME, START_TIME - 60 * minute, 0));
  g_assert_true (crm_sync_session_is_due (START_TIME, 0, 5));
  g_assert_false (crm_sync_session_is_due (START_TIME, START_TIME - 4 * minute, 5));
  g_assert_true (crm_sync_session_is_due (START_TIME, START_TIME - 5 * minute, 5));
  /* The clock was set back. */
  g_assert_true (crm_sync_session_is_due (START_TIME, START_TIME + minute, 5));
}

/* Saved: an engine with the key, a sync shortly after. Removed: no
 * engine, and the data stays. */
static void
test_account_life (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = g_strdup ("{\"name\":\"Spruce Labs\",\"external_id\":\"ext-1\"}");

  g_free (crm_fake_server_add (f->server, "customers", json));
  g_assert_null (crm_sync_session_get_engine (f->session));
  g_assert_false (crm_sync_session_get_key_missing (f->session));

  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_engine));
  g_assert_true (wait_until (f, has_synced));
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, NULL), ==, 1);
  g_assert_cmpint (crm_sync_engine_get_last_synced_at (crm_sync_session_get_engine (f->session)),
                   ==, crm_sync_clock_get_real_time (f->clock));

  {
    CrmAccount *account = crm_sync_session_get_account (f->session);
    g_autoptr(GAsyncResult) result = NULL;
    g_autoptr(GError) error = NULL;

    crm_account_remove_async (account, NULL, on_done_cb, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_true (crm_account_remove_finish (account, result, &error));
    g_assert_no_error (error);
  }

  g_assert_null (crm_sync_session_get_engine (f->session));
  g_assert_false (crm_sync_session_get_key_missing (f->session));
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, NULL), ==, 1);
}

/* A key saved again under the same settings replaces the engine's. */
static void
test_new_key (Fixture       *f,
              gconstpointer  data)
{
  CrmSyncEngine *first;

  save_account (f, "sk_test_wrong");
  g_assert_true (wait_until (f, has_engine));
  first = crm_sync_session_get_engine (f->session);
  crm_sync_engine_set_max_attempts (first, 1);
  crm_sync_session_sync_now (f->session);
  while (crm_sync_engine_get_state (first) != CRM_SYNC_STATE_ERROR)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (crm_sync_engine_get_last_error (first), ==, "No valid API key provided");

  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_synced));
  g_assert_true (crm_sync_session_get_engine (f->session) != first);
}

/* An account whose key is nowhere (it was kept in memory by an earlier
 * run): the window says so, and nothing syncs. */
static void
test_key_missing (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->session);
  test_set_setting (f->store, CRM_ACCOUNT_SETTING_BASE_URL, crm_fake_server_get_url (f->server));

  f->session = crm_sync_session_new (f->store);
  crm_sync_session_set_clock (f->session, f->clock);
  crm_sync_session_set_timing (f->session, 10, 20);
  g_assert_true (wait_until (f, key_missing));
  g_assert_null (crm_sync_session_get_engine (f->session));

  /* The rep enters it again. */
  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_synced));
  g_assert_false (crm_sync_session_get_key_missing (f->session));
}

/* Every 5 minutes by the wall clock; off means off. */
static void
test_periodic (Fixture       *f,
               gconstpointer  data)
{
  test_set_setting (f->store, CRM_SYNC_SESSION_SETTING_INTERVAL, "5");
  g_assert_cmpuint (crm_sync_session_get_interval (f->session), ==, 5);

  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_synced));
  g_assert_cmpuint (n_customer_lists (f), ==, 1);

  /* Four minutes: nothing; five: one more. */
  crm_sync_clock_advance (f->clock, (gint64) 4 * 60 * G_USEC_PER_SEC);
  run_for (200);
  g_assert_cmpuint (n_customer_lists (f), ==, 1);
  crm_sync_clock_advance (f->clock, (gint64) 60 * G_USEC_PER_SEC);
  g_assert_true (wait_until (f, synced_twice));
  g_assert_cmpuint (n_customer_lists (f), ==, 2);

  test_set_setting (f->store, CRM_SYNC_SESSION_SETTING_INTERVAL, "0");
  g_assert_cmpuint (crm_sync_session_get_interval (f->session), ==, 0);
  crm_sync_clock_advance (f->clock, (gint64) 60 * 60 * G_USEC_PER_SEC);
  run_for (200);
  g_assert_cmpuint (n_customer_lists (f), ==, 2);
}

/* Sync now while the network is down tries again at once. */
static void
test_sync_now_offline (Fixture       *f,
                       gconstpointer  data)
{
  CrmFakeFault down = { .path = "/v1", .kind = CRM_FAKE_FAULT_DROP_BEFORE };
  CrmSyncEngine *engine;

  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_synced));
  engine = crm_sync_session_get_engine (f->session);
  crm_sync_engine_set_max_attempts (engine, 1);

  crm_fake_server_add_fault (f->server, &down);
  crm_sync_session_sync_now (f->session);
  while (crm_sync_engine_get_state (engine) != CRM_SYNC_STATE_OFFLINE)
    g_main_context_iteration (NULL, TRUE);

  crm_fake_server_clear_faults (f->server);
  crm_sync_session_sync_now (f->session);
  g_assert_true (wait_until (f, synced_twice));
  g_assert_null (crm_sync_engine_get_last_error (engine));
}

static CrmSyncState
engine_state (Fixture *f)
{
  return crm_sync_engine_get_state (crm_sync_session_get_engine (f->session));
}

static gboolean
stopped_offline (Fixture *f)
{
  CrmSyncEngine *engine = crm_sync_session_get_engine (f->session);

  return engine != NULL && crm_sync_engine_get_last_error (engine) != NULL &&
         crm_sync_engine_get_state (engine) == CRM_SYNC_STATE_OFFLINE;
}

static gboolean
is_offline (Fixture *f)
{
  return engine_state (f) == CRM_SYNC_STATE_OFFLINE;
}

static void
add_customers (Fixture *f,
               guint    n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *json = g_strdup_printf ("{\"name\":\"Maple %u\","
                                               "\"external_id\":\"ext-%u\"}", i, i);

      g_free (crm_fake_server_add (f->server, "customers", json));
    }
}

/* The network went while a pull was at its second page, long enough for
 * the tries to run out. When it comes back, the sync starts by itself and
 * goes on at that page; while it is gone, the periodic sync does not
 * try. */
static void
test_network_back (Fixture       *f,
                   gconstpointer  data)
{
  CrmFakeFault down = {
    .method = "GET", .path = "/v1/customers", .query = "cursor=",
    .kind = CRM_FAKE_FAULT_DROP_BEFORE,
  };
  guint before;

  crm_fake_server_set_page_size (f->server, 2);
  add_customers (f, 5);
  crm_fake_server_add_fault (f->server, &down);

  save_account (f, API_KEY);
  g_assert_true (wait_until (f, stopped_offline));
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, NULL), ==, 2);

  test_network_set (f->network, FALSE);
  run_for (100);
  g_assert_cmpint (engine_state (f), ==, CRM_SYNC_STATE_OFFLINE);
  before = crm_fake_server_get_n_requests (f->server);
  crm_sync_clock_advance (f->clock, (gint64) 60 * 60 * G_USEC_PER_SEC);
  run_for (200);
  g_assert_cmpuint (crm_fake_server_get_n_requests (f->server), ==, before);

  crm_fake_server_clear_faults (f->server);
  test_network_set (f->network, TRUE);
  g_assert_true (wait_until (f, has_synced));
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, NULL), ==, 5);

  /* Page 2 first, and page 1 never again. */
  {
    g_autoptr(CrmFakeRequest) first = crm_fake_server_dup_request (f->server, before);

    g_assert_cmpstr (first->path, ==, "/v1/customers");
    g_assert_nonnull (strstr (first->query, "cursor="));
  }
  for (guint i = before; i < crm_fake_server_get_n_requests (f->server); i++)
    {
      g_autoptr(CrmFakeRequest) request = crm_fake_server_dup_request (f->server, i);

      if (g_str_equal (request->path, "/v1/customers"))
        g_assert_nonnull (strstr (request->query, "cursor="));
    }
}

/* The network goes while a page is on its way: the window says Offline
 * at once; back, the sync goes on and ends. */
static void
test_network_gone_during_sync (Fixture       *f,
                               gconstpointer  data)
{
  CrmFakeFault slow = {
    .method = "GET", .path = "/v1/customers", .query = "cursor=", .times = 1,
    .kind = CRM_FAKE_FAULT_SLOW, .delay_ms = 400,
  };
  CrmSyncEngine *engine;

  crm_fake_server_set_page_size (f->server, 2);
  add_customers (f, 3);
  crm_fake_server_add_fault (f->server, &slow);

  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_engine));
  engine = crm_sync_session_get_engine (f->session);
  while (crm_fake_server_get_n_requests (f->server) < 1)
    g_main_context_iteration (NULL, TRUE);

  test_network_set (f->network, FALSE);
  g_assert_true (wait_until (f, is_offline));
  g_assert_cmpint (crm_sync_engine_get_resume_at (engine), ==, 0);

  test_network_set (f->network, TRUE);
  g_assert_true (wait_until (f, has_synced));
  g_assert_cmpuint (crm_store_count (f->store, CRM_ENTITY_CUSTOMER, NULL), ==, 3);
  g_assert_cmpuint (n_customer_lists (f), ==, 2);
}

/* A network that goes while nothing syncs: Offline; back, the changes
 * made meanwhile go out. */
static void
test_network_gone_idle (Fixture       *f,
                        gconstpointer  data)
{
  save_account (f, API_KEY);
  g_assert_true (wait_until (f, has_synced));

  test_network_set (f->network, FALSE);
  g_assert_true (wait_until (f, is_offline));
  g_assert_cmpuint (n_customer_lists (f), ==, 1);

  test_network_set (f->network, TRUE);
  g_assert_true (wait_until (f, synced_twice));
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = test_make_temp_dir ("prospect-session-XXXXXX");
  g_autofree char *keyring = g_build_filename (dir, "keyring", NULL);

  /* Before anything calls libsecret. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/sync/session/interval", test_interval);
#define ADD(path, func) \
  g_test_add ("/crm/sync/session/" path, Fixture, NULL, fixture_set_up, func, \
              fixture_tear_down)
  ADD ("account-life", test_account_life);
  ADD ("new-key", test_new_key);
  ADD ("key-missing", test_key_missing);
  ADD ("periodic", test_periodic);
  ADD ("sync-now-offline", test_sync_now_offline);
  ADD ("network-back", test_network_back);
  ADD ("network-gone-during-sync", test_network_gone_during_sync);
  ADD ("network-gone-idle", test_network_gone_idle);
#undef ADD

  return g_test_run ();
}
