/* crm-sync-session.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync-session"

#include "config.h"

#include "crm-store-sync.h"
#include "crm-sync-session.h"

/**
 * CrmSyncSession:
 *
 * A profile's sync for as long as a window shows it: one #CrmSyncEngine
 * while the profile has an account whose key can be found, none
 * otherwise. It makes the engine when the account is saved, drops it when
 * the account is removed, starts a sync shortly after it made one, and
 * then again each time the periodic sync's interval has passed.
 *
 * The interval is a setting of the profile (see
 * %CRM_SYNC_SESSION_SETTING_INTERVAL), like the account itself: another
 * profile may have no account, or sync another one. It is measured on
 * the wall clock, checked on a tick, so a suspended laptop syncs once it
 * wakes up rather than a whole interval later.
 *
 * The session watches the network through a #GNetworkMonitor: when the
 * network goes, the engine says Offline at once; when it comes back
 * (after a short settling time, since a change of network comes as a
 * burst of events), the sync that waits goes on at once where it stopped,
 * or one starts. Only changes count: a monitor that says "no network"
 * from the start (a container without a default route) changes nothing.
 *
 * #CrmSyncSession::changed says that anything a window shows of the sync
 * may have changed: the engine came or went, or one of its properties
 * changed.
 */

#define DEFAULT_START_DELAY_MS 2000
#define DEFAULT_TICK_MS (30 * 1000)
#define DEFAULT_NETWORK_SETTLE_MS 1500

struct _CrmSyncSession
{
  GObject         parent_instance;

  /* Owned */
  CrmStore       *store;
  CrmAccount     *account;
  CrmSyncEngine  *engine;
  CrmSyncClock   *clock;              /* tests: given to each client */
  GCancellable   *lookup_cancellable; /* the key being looked up */
  GCancellable   *run_cancellable;    /* the sync this session started */
  GNetworkMonitor *monitor;

  /* State */
  gboolean        key_missing;
  guint           interval;
  guint           start_delay_ms;
  guint           tick_ms;
  guint           start_id;
  guint           tick_id;
  gint64          last_started;       /* wall clock, µs */
  gulong          engine_handler;
  gulong          monitor_handler;
  guint           network_settle_ms;
  guint           network_id;
  gboolean        offline;            /* as the monitor last said */
};

G_DEFINE_FINAL_TYPE (CrmSyncSession, crm_sync_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_ENGINE,
  PROP_KEY_MISSING,
  PROP_INTERVAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void restart_tick (CrmSyncSession *self);

/**
 * crm_sync_session_parse_interval:
 * @value: (nullable): the setting's text
 *
 * Returns: the periodic sync's interval in minutes (0: off), one of 0, 5,
 *   15 and 60; the default for anything else
 */
guint
crm_sync_session_parse_interval (const char *value)
{
  guint64 minutes = 0;

  if (value == NULL ||
      !g_ascii_string_to_unsigned (value, 10, 0, 60, &minutes, NULL) ||
      (minutes != 0 && minutes != 5 && minutes != 15 && minutes != 60))
    return CRM_SYNC_SESSION_DEFAULT_INTERVAL;

  return (guint) minutes;
}

/**
 * crm_sync_session_is_due:
 * @now: the wall clock, in µs since the epoch
 * @last_started: when the last sync started, or 0
 * @interval: the interval in minutes; 0 for off
 *
 * Returns: whether the periodic sync should start one now
 */
gboolean
crm_sync_session_is_due (gint64 now,
                         gint64 last_started,
                         guint  interval)
{
  if (interval == 0)
    return FALSE;

  /* A clock set back would otherwise wait until it caught up. */
  return last_started == 0 || now < last_started ||
         now - last_started >= (gint64) interval * 60 * G_USEC_PER_SEC;
}

static void
emit_changed (CrmSyncSession *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
set_key_missing (CrmSyncSession *self,
                 gboolean        key_missing)
{
  if (self->key_missing == key_missing)
    return;

  self->key_missing = key_missing;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KEY_MISSING]);
}

static void
drop_engine (CrmSyncSession *self)
{
  g_cancellable_cancel (self->lookup_cancellable);
  g_clear_object (&self->lookup_cancellable);
  g_cancellable_cancel (self->run_cancellable);
  g_clear_object (&self->run_cancellable);
  g_clear_handle_id (&self->start_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->engine == NULL)
    return;

  g_clear_signal_handler (&self->engine_handler, self->engine);
  g_clear_object (&self->engine);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
}

static void
on_engine_notify_cb (CrmSyncSession *self)
{
  emit_changed (self);
}

static gboolean
start_cb (gpointer user_data)
{
  CrmSyncSession *self = user_data;

  self->start_id = 0;
  crm_sync_session_sync_now (self);

  return G_SOURCE_REMOVE;
}

static void
set_engine (CrmSyncSession *self,
            CrmSyncEngine  *engine)
{
  g_assert (self->engine == NULL);

  self->engine = g_object_ref (engine);
  self->engine_handler = g_signal_connect_object (engine, "notify",
                                                  G_CALLBACK (on_engine_notify_cb), self,
                                                  G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENGINE]);
  crm_sync_engine_set_online (engine, !self->offline);

  self->start_id = g_timeout_add (self->start_delay_ms, start_cb, self);
  restart_tick (self);
}

static void
make_engine (CrmSyncSession *self,
             const char     *key)
{
  g_autoptr(CrmApiClient) client = NULL;
  g_autoptr(CrmSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;

  client = crm_api_client_new (crm_account_get_base_url (self->account), key, &error);
  if (client == NULL)
    {
      /* The account checks its URL when it is saved. */
      g_warning ("Failed to make the API client: %s", error->message);
      set_key_missing (self, TRUE);
      return;
    }

  if (self->clock != NULL)
    crm_api_client_set_clock (client, self->clock);

  engine = crm_sync_engine_new (self->store, client);
  set_engine (self, engine);
}

static void
on_key_looked_up_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  CrmSyncSession *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = NULL;

  /* Cancelled when the session went away: do not touch it. */
  key = crm_account_lookup_key_finish (CRM_ACCOUNT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->lookup_cancellable);

  if (key == NULL)
    {
      g_debug ("No API key found for the profile's account");
      set_key_missing (self, TRUE);
      emit_changed (self);
      return;
    }

  set_key_missing (self, FALSE);
  make_engine (self, key);
  emit_changed (self);
}

/* Makes the engine again from the account as it is now. */
static void
reload_engine (CrmSyncSession *self)
{
  drop_engine (self);

  if (!crm_account_get_is_configured (self->account))
    {
      set_key_missing (self, FALSE);
      emit_changed (self);
      return;
    }

  self->lookup_cancellable = g_cancellable_new ();
  crm_account_lookup_key_async (self->account, self->lookup_cancellable,
                                on_key_looked_up_cb, self);
  emit_changed (self);
}

static void
on_account_changed_cb (CrmSyncSession *self)
{
  const char *url = crm_account_get_base_url (self->account);

  /* The data source is read by the engine when it needs it. */
  if (self->engine != NULL &&
      g_strcmp0 (url, crm_api_client_get_base_url (crm_sync_engine_get_client (self->engine))) == 0)
    return;

  reload_engine (self);
}

static gboolean
tick_cb (gpointer user_data)
{
  CrmSyncSession *self = user_data;

  /* Offline, the network's return starts the sync. */
  if (self->run_cancellable == NULL && self->start_id == 0 && !self->offline &&
      crm_sync_session_is_due (crm_sync_session_get_now (self), self->last_started,
                               self->interval))
    crm_sync_session_sync_now (self);

  return G_SOURCE_CONTINUE;
}

static void
restart_tick (CrmSyncSession *self)
{
  g_clear_handle_id (&self->tick_id, g_source_remove);

  if (self->engine != NULL && self->interval > 0)
    self->tick_id = g_timeout_add (self->tick_ms, tick_cb, self);
}

static void
reload_interval (CrmSyncSession *self)
{
  g_autofree char *value = crm_store_dup_setting (self->store,
                                                  CRM_SYNC_SESSION_SETTING_INTERVAL);
  guint interval = crm_sync_session_parse_interval (value);

  if (interval == self->interval)
    return;

  self->interval = interval;
  restart_tick (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

static gboolean
network_settled_cb (gpointer user_data)
{
  CrmSyncSession *self = user_data;
  gboolean online = g_network_monitor_get_network_available (self->monitor);

  self->network_id = 0;
  if (self->offline == !online)
    return G_SOURCE_REMOVE;

  self->offline = !online;
  if (self->engine == NULL)
    return G_SOURCE_REMOVE;

  crm_sync_engine_set_online (self->engine, online);

  /* A sync that stopped, or none: changes made offline go out now. */
  if (online && self->run_cancellable == NULL)
    crm_sync_session_sync_now (self);

  emit_changed (self);
  return G_SOURCE_REMOVE;
}

static void
on_network_changed_cb (GNetworkMonitor *monitor,
                       gboolean         available,
                       gpointer         user_data)
{
  CrmSyncSession *self = user_data;

  g_clear_handle_id (&self->network_id, g_source_remove);
  self->network_id = g_timeout_add (self->network_settle_ms, network_settled_cb, self);
}

static void
watch_network (CrmSyncSession  *self,
               GNetworkMonitor *monitor)
{
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_clear_handle_id (&self->network_id, g_source_remove);
  g_set_object (&self->monitor, monitor);

  /* The new monitor's word is where it starts from. */
  self->offline = FALSE;
  if (self->engine != NULL)
    crm_sync_engine_set_online (self->engine, TRUE);
  self->monitor_handler = g_signal_connect (monitor, "network-changed",
                                            G_CALLBACK (on_network_changed_cb), self);
}

static void
crm_sync_session_constructed (GObject *object)
{
  CrmSyncSession *self = CRM_SYNC_SESSION (object);

  G_OBJECT_CLASS (crm_sync_session_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->account = crm_account_new (self->store);
  g_signal_connect_object (self->account, "notify::is-configured",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "notify::base-url",
                           G_CALLBACK (on_account_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->account, "saved",
                           G_CALLBACK (reload_engine), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (reload_interval), self, G_CONNECT_SWAPPED);

  self->interval = G_MAXUINT;
  reload_interval (self);
  watch_network (self, g_network_monitor_get_default ());

  if (crm_account_get_is_configured (self->account))
    reload_engine (self);
}

static void
crm_sync_session_dispose (GObject *object)
{
  CrmSyncSession *self = CRM_SYNC_SESSION (object);

  drop_engine (self);
  g_clear_handle_id (&self->network_id, g_source_remove);
  if (self->monitor != NULL)
    g_clear_signal_handler (&self->monitor_handler, self->monitor);
  g_clear_object (&self->monitor);
  g_clear_object (&self->account);
  g_clear_object (&self->clock);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_sync_session_parent_class)->dispose (object);
}

static void
crm_sync_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CrmSyncSession *self = CRM_SYNC_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_ENGINE:
      g_value_set_object (value, self->engine);
      break;

    case PROP_KEY_MISSING:
      g_value_set_boolean (value, self->key_missing);
      break;

    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sync_session_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CrmSyncSession *self = CRM_SYNC_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sync_session_class_init (CrmSyncSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = crm_sync_session_constructed;
  object_class->dispose = crm_sync_session_dispose;
  object_class->get_property = crm_sync_session_get_property;
  object_class->set_property = crm_sync_session_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * CrmSyncSession:engine:
   *
   * The engine of the profile's account; %NULL while there is no account
   * or its key is not known.
   */
  properties[PROP_ENGINE] =
    g_param_spec_object ("engine", NULL, NULL, CRM_TYPE_SYNC_ENGINE, flags);

  /**
   * CrmSyncSession:key-missing:
   *
   * The profile has an account, but its key was found nowhere (a key kept
   * in memory is gone once Prospect quits; a keyring may be locked).
   */
  properties[PROP_KEY_MISSING] =
    g_param_spec_boolean ("key-missing", NULL, NULL, FALSE, flags);

  /**
   * CrmSyncSession:interval:
   *
   * The periodic sync's interval in minutes; 0 when it is off.
   */
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, G_MAXUINT, CRM_SYNC_SESSION_DEFAULT_INTERVAL,
                       flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmSyncSession::changed:
   * @self: the session
   *
   * Anything a window shows of the sync may have changed.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 0);
}

static void
crm_sync_session_init (CrmSyncSession *self)
{
  self->start_delay_ms = DEFAULT_START_DELAY_MS;
  self->tick_ms = DEFAULT_TICK_MS;
  self->network_settle_ms = DEFAULT_NETWORK_SETTLE_MS;
}

/**
 * crm_sync_session_new:
 * @store: the profile
 *
 * Returns: (transfer full): the sync of @store's profile
 */
CrmSyncSession *
crm_sync_session_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_SYNC_SESSION, "store", store, NULL);
}

/**
 * crm_sync_session_get_store:
 * @self: a #CrmSyncSession
 *
 * Returns: (transfer none): the profile
 */
CrmStore *
crm_sync_session_get_store (CrmSyncSession *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), NULL);

  return self->store;
}

/**
 * crm_sync_session_get_account:
 * @self: a #CrmSyncSession
 *
 * Returns: (transfer none): the profile's account
 */
CrmAccount *
crm_sync_session_get_account (CrmSyncSession *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), NULL);

  return self->account;
}

/**
 * crm_sync_session_get_engine:
 * @self: a #CrmSyncSession
 *
 * Returns: (transfer none) (nullable): see #CrmSyncSession:engine
 */
CrmSyncEngine *
crm_sync_session_get_engine (CrmSyncSession *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), NULL);

  return self->engine;
}

/**
 * crm_sync_session_get_key_missing:
 * @self: a #CrmSyncSession
 *
 * Returns: see #CrmSyncSession:key-missing
 */
gboolean
crm_sync_session_get_key_missing (CrmSyncSession *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), FALSE);

  return self->key_missing;
}

/**
 * crm_sync_session_get_interval:
 * @self: a #CrmSyncSession
 *
 * Returns: see #CrmSyncSession:interval
 */
guint
crm_sync_session_get_interval (CrmSyncSession *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), 0);

  return self->interval;
}

/**
 * crm_sync_session_get_now:
 * @self: a #CrmSyncSession
 *
 * Returns: the wall clock the session goes by, in µs since the epoch
 */
gint64
crm_sync_session_get_now (CrmSyncSession *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), 0);

  return self->clock != NULL ? crm_sync_clock_get_real_time (self->clock) : g_get_real_time ();
}

static void
on_sync_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CrmSyncSession *self;
  g_autoptr(CrmSyncSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled when the session went away or started another: do not
   * touch it. */
  summary = crm_sync_engine_sync_finish (CRM_SYNC_ENGINE (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self = user_data;
  g_clear_object (&self->run_cancellable);

  /* The engine's state and last error say it where the rep looks. */
  if (summary == NULL)
    g_debug ("Sync stopped: %s", error->message);
  emit_changed (self);
}

/**
 * crm_sync_session_sync_now:
 * @self: a #CrmSyncSession
 *
 * Starts a sync (pull, then push) unless one runs. One that waits for the
 * network to come back is tried again at once, where it stopped; one that
 * waits because the server asked to slow down goes on waiting.
 */
void
crm_sync_session_sync_now (CrmSyncSession *self)
{
  g_return_if_fail (CRM_IS_SYNC_SESSION (self));

  if (self->engine == NULL)
    return;

  g_clear_handle_id (&self->start_id, g_source_remove);

  if (self->run_cancellable != NULL)
    {
      if (crm_sync_engine_get_state (self->engine) == CRM_SYNC_STATE_OFFLINE)
        crm_sync_engine_wake (self->engine);
      return;
    }

  self->run_cancellable = g_cancellable_new ();
  self->last_started = crm_sync_session_get_now (self);
  crm_sync_engine_sync_async (self->engine, self->run_cancellable, on_sync_done_cb, self);
  emit_changed (self);
}

/**
 * crm_sync_session_dup_refused:
 * @self: a #CrmSyncSession
 * @kind: a kind of record
 *
 * Returns: (transfer full) (element-type gint64 utf8): the server's
 *   message for each record of @kind that has a refused change, by local
 *   id; empty without an engine
 */
GHashTable *
crm_sync_session_dup_refused (CrmSyncSession *self,
                              CrmEntityKind   kind)
{
  GHashTable *refused = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(GPtrArray) failed = NULL;

  g_return_val_if_fail (CRM_IS_SYNC_SESSION (self), refused);

  if (self->engine == NULL)
    return refused;

  failed = crm_sync_engine_dup_failed_changes (self->engine);
  for (guint i = 0; i < failed->len; i++)
    {
      CrmOutboxEntry *entry = g_ptr_array_index (failed, i);

      if (entry->kind == kind && !g_hash_table_contains (refused, &entry->local_id))
        g_hash_table_insert (refused, g_memdup2 (&entry->local_id, sizeof (gint64)),
                             g_strdup (entry->error != NULL ? entry->error : ""));
    }

  return refused;
}

/**
 * crm_sync_session_set_clock:
 * @self: a #CrmSyncSession
 * @clock: a clock, virtual in tests
 *
 * Gives the clients made from now on @clock, and goes by its time.
 */
void
crm_sync_session_set_clock (CrmSyncSession *self,
                            CrmSyncClock   *clock)
{
  g_return_if_fail (CRM_IS_SYNC_SESSION (self));
  g_return_if_fail (CRM_IS_SYNC_CLOCK (clock));

  g_set_object (&self->clock, clock);
  if (self->engine != NULL)
    crm_api_client_set_clock (crm_sync_engine_get_client (self->engine), clock);
}

/**
 * crm_sync_session_set_timing:
 * @self: a #CrmSyncSession
 * @start_delay_ms: how long after an engine is made its first sync starts
 * @tick_ms: how often the periodic sync looks whether one is due
 *
 * For tests, which cannot wait for the defaults.
 */
void
crm_sync_session_set_timing (CrmSyncSession *self,
                             guint           start_delay_ms,
                             guint           tick_ms)
{
  g_return_if_fail (CRM_IS_SYNC_SESSION (self));
  g_return_if_fail (tick_ms > 0);

  self->start_delay_ms = start_delay_ms;
  self->tick_ms = tick_ms;

  if (self->start_id != 0)
    {
      g_clear_handle_id (&self->start_id, g_source_remove);
      self->start_id = g_timeout_add (self->start_delay_ms, start_cb, self);
    }
  restart_tick (self);
}

/**
 * crm_sync_session_set_network_monitor:
 * @self: a #CrmSyncSession
 * @monitor: the monitor to watch instead of the system's
 * @settle_ms: how long the network must stay as it is before it counts
 *
 * For tests, which play the network going and coming back.
 */
void
crm_sync_session_set_network_monitor (CrmSyncSession  *self,
                                      GNetworkMonitor *monitor,
                                      guint            settle_ms)
{
  g_return_if_fail (CRM_IS_SYNC_SESSION (self));
  g_return_if_fail (G_IS_NETWORK_MONITOR (monitor));

  self->network_settle_ms = settle_ms;
  watch_network (self, monitor);
}
