/* crm-sync-engine.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-sync-engine-private.h"
#include "crm-sync-error.h"

/**
 * CrmSyncEngine:
 *
 * Syncs a profile with ChartMogul: a pull reads the five lists into the
 * store, a push drains the outbox. Runs on the main context; pages are
 * parsed on a worker thread and written on the store's writer thread, so
 * a window stays responsive through a pull of any size.
 *
 * One sync runs at a time: a sync asked for while one runs starts when
 * it ends. The properties say what a window shows — the state (idle,
 * syncing with progress, offline, rate limited until a time, an error),
 * the changes waiting to be sent, the failed changes and the conflicts —
 * and notify when they change.
 */

enum {
  PROP_0,
  PROP_STATE,
  PROP_PROGRESS,
  PROP_RESUME_AT,
  PROP_LAST_ERROR,
  PROP_PENDING_COUNT,
  PROP_FAILED_COUNT,
  PROP_CONFLICT_COUNT,
  PROP_LAST_SYNCED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define DEFAULT_MAX_ATTEMPTS 5

/* In the store's sync state: when a sync last ended without an error, in
 * microseconds since the epoch. */
#define SYNC_STATE_LAST_SYNCED_AT "last_synced_at"

typedef enum
{
  PHASE_ENABLE,
  PHASE_PULL,
  PHASE_PUSH,
  PHASE_DONE,
} Phase;

G_DEFINE_ENUM_TYPE (CrmSyncState, crm_sync_state,
                    G_DEFINE_ENUM_VALUE (CRM_SYNC_STATE_IDLE, "idle"),
                    G_DEFINE_ENUM_VALUE (CRM_SYNC_STATE_SYNCING, "syncing"),
                    G_DEFINE_ENUM_VALUE (CRM_SYNC_STATE_OFFLINE, "offline"),
                    G_DEFINE_ENUM_VALUE (CRM_SYNC_STATE_RATE_LIMITED, "rate-limited"),
                    G_DEFINE_ENUM_VALUE (CRM_SYNC_STATE_ERROR, "error"))

G_DEFINE_BOXED_TYPE (CrmSyncSummary, crm_sync_summary, crm_sync_summary_copy,
                     crm_sync_summary_free)

G_DEFINE_FINAL_TYPE (CrmSyncEngine, crm_sync_engine, G_TYPE_OBJECT)

static void   start_next_run      (CrmSyncEngine *self);
static gint64 load_last_synced_at (CrmStore      *store);

/**
 * crm_sync_summary_copy:
 * @summary: a summary
 *
 * Returns: (transfer full): a copy
 */
CrmSyncSummary *
crm_sync_summary_copy (const CrmSyncSummary *summary)
{
  return g_memdup2 (summary, sizeof *summary);
}

/**
 * crm_sync_summary_free:
 * @summary: (nullable): a summary
 */
void
crm_sync_summary_free (CrmSyncSummary *summary)
{
  g_free (summary);
}

/**
 * crm_sync_summary_format:
 * @summary: a summary
 *
 * Returns: (transfer full): the summary on one line, for the command line
 */
char *
crm_sync_summary_format (const CrmSyncSummary *summary)
{
  g_return_val_if_fail (summary != NULL, NULL);

  /* Translators: the summary of a sync on the command line */
  return g_strdup_printf (_("Synced with ChartMogul: %u created, %u updated, %u deleted, "
                            "%u conflicts, %u failed (%u read, %u sent)"),
                          summary->created, summary->updated, summary->deleted,
                          summary->conflicts, summary->failed, summary->pulled,
                          summary->pushed);
}

static void
crm_sync_run_free (CrmSyncRun *run)
{
  _crm_sync_run_clear_pull (run);
  _crm_sync_run_clear_push (run);
  g_clear_object (&run->cancellable);
  g_clear_object (&run->wake);
  g_clear_error (&run->error);
  g_free (run);
}

static void
set_state (CrmSyncEngine *self,
           CrmSyncState   state,
           gint64         resume_at)
{
  g_object_freeze_notify (G_OBJECT (self));

  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }

  if (self->resume_at != resume_at)
    {
      self->resume_at = resume_at;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESUME_AT]);
    }

  g_object_thaw_notify (G_OBJECT (self));
}

static void
set_last_error (CrmSyncEngine *self,
                const char    *message)
{
  if (g_strcmp0 (self->last_error, message) == 0)
    return;

  g_free (self->last_error);
  self->last_error = g_strdup (message);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_ERROR]);
}

void
_crm_sync_engine_set_progress (CrmSyncEngine *self,
                               double         progress)
{
  progress = CLAMP (progress, 0.0, 1.0);
  if (self->progress == progress)
    return;

  self->progress = progress;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

/**
 * _crm_sync_engine_set_waiting:
 * @self: the engine
 * @reason: (nullable): the failure waited after; %NULL once the wait ends
 * @until: when the sync tries again
 *
 * Says that the sync waits before trying again.
 */
void
_crm_sync_engine_set_waiting (CrmSyncEngine *self,
                              const GError  *reason,
                              gint64         until)
{
  if (reason == NULL)
    {
      set_state (self, self->offline ? CRM_SYNC_STATE_OFFLINE : CRM_SYNC_STATE_SYNCING, 0);
      return;
    }

  if (g_error_matches (reason, CRM_SYNC_ERROR, CRM_SYNC_ERROR_RATE_LIMITED))
    set_state (self, CRM_SYNC_STATE_RATE_LIMITED, until);
  else
    set_state (self, CRM_SYNC_STATE_OFFLINE, until);
}

static void
on_client_waiting_cb (GObject    *object,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  CrmSyncEngine *self = user_data;
  CrmApiClient *client = CRM_API_CLIENT (object);
  gint64 until = crm_api_client_get_waiting_until (client);
  g_autoptr(GError) reason = NULL;

  if (self->run == NULL)
    return;

  if (until > 0)
    reason = g_error_new_literal (CRM_SYNC_ERROR, crm_api_client_get_wait_reason (client), "");
  _crm_sync_engine_set_waiting (self, reason, until);
}

static void
set_count (CrmSyncEngine *self,
           guint         *field,
           guint          value,
           int            prop)
{
  if (*field == value)
    return;

  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * _crm_sync_engine_update_counts:
 * @self: the engine
 *
 * Reads the counts of pending and failed changes and of conflicts again.
 */
void
_crm_sync_engine_update_counts (CrmSyncEngine *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  set_count (self, &self->pending_count, crm_store_count_outbox (self->store, "pending"),
             PROP_PENDING_COUNT);
  set_count (self, &self->failed_count, crm_store_count_outbox (self->store, "failed"),
             PROP_FAILED_COUNT);
  set_count (self, &self->conflict_count, crm_store_count_conflicts (self->store),
             PROP_CONFLICT_COUNT);
  g_object_thaw_notify (G_OBJECT (self));
}

static gboolean
update_counts_cb (gpointer user_data)
{
  CrmSyncEngine *self = user_data;

  self->counts_timeout = 0;
  _crm_sync_engine_update_counts (self);
  return G_SOURCE_REMOVE;
}

/* Any change may queue a push: recount once the burst of signals is over.
 * A pull commits a page every few milliseconds, and each recount reads the
 * outbox on the main thread, so a burst is whatever comes within a moment
 * that a person would not notice. */
#define COUNTS_DELAY_MS 200

static void
on_store_changed_cb (CrmStore   *store,
                     const char *table,
                     GArray     *ids,
                     gpointer    user_data)
{
  CrmSyncEngine *self = user_data;

  if (self->counts_timeout == 0)
    self->counts_timeout = g_timeout_add_full (G_PRIORITY_LOW, COUNTS_DELAY_MS,
                                            update_counts_cb, self, NULL);
}

static void
crm_sync_engine_dispose (GObject *object)
{
  CrmSyncEngine *self = CRM_SYNC_ENGINE (object);

  g_clear_handle_id (&self->counts_timeout, g_source_remove);
  if (self->client != NULL)
    g_clear_signal_handler (&self->waiting_handler, self->client);
  if (self->store != NULL)
    g_clear_signal_handler (&self->changed_handler, self->store);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_sync_engine_parent_class)->dispose (object);
}

static void
crm_sync_engine_finalize (GObject *object)
{
  CrmSyncEngine *self = CRM_SYNC_ENGINE (object);

  g_free (self->last_error);

  G_OBJECT_CLASS (crm_sync_engine_parent_class)->finalize (object);
}

static void
crm_sync_engine_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmSyncEngine *self = CRM_SYNC_ENGINE (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_RESUME_AT:
      g_value_set_int64 (value, self->resume_at);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_PENDING_COUNT:
      g_value_set_uint (value, self->pending_count);
      break;
    case PROP_FAILED_COUNT:
      g_value_set_uint (value, self->failed_count);
      break;
    case PROP_CONFLICT_COUNT:
      g_value_set_uint (value, self->conflict_count);
      break;
    case PROP_LAST_SYNCED_AT:
      g_value_set_int64 (value, self->last_synced_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sync_engine_class_init (CrmSyncEngineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = crm_sync_engine_dispose;
  object_class->finalize = crm_sync_engine_finalize;
  object_class->get_property = crm_sync_engine_get_property;

  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, CRM_TYPE_SYNC_STATE, CRM_SYNC_STATE_IDLE, flags);

  /**
   * CrmSyncEngine:progress:
   *
   * While syncing, how far the sync is, from 0 to 1.
   */
  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, flags);

  /**
   * CrmSyncEngine:resume-at:
   *
   * While offline or rate limited, when the sync tries again, in
   * microseconds since the epoch; 0 when not waiting.
   */
  properties[PROP_RESUME_AT] =
    g_param_spec_int64 ("resume-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  properties[PROP_LAST_ERROR] =
    g_param_spec_string ("last-error", NULL, NULL, NULL, flags);

  properties[PROP_PENDING_COUNT] =
    g_param_spec_uint ("pending-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_FAILED_COUNT] =
    g_param_spec_uint ("failed-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  properties[PROP_CONFLICT_COUNT] =
    g_param_spec_uint ("conflict-count", NULL, NULL, 0, G_MAXUINT, 0, flags);

  /**
   * CrmSyncEngine:last-synced-at:
   *
   * When a sync of the profile last ended without an error, by this
   * engine or an earlier one (the command line's too), in microseconds
   * since the epoch; 0 when it never did.
   */
  properties[PROP_LAST_SYNCED_AT] =
    g_param_spec_int64 ("last-synced-at", NULL, NULL, 0, G_MAXINT64, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_sync_engine_init (CrmSyncEngine *self)
{
  self->max_attempts = DEFAULT_MAX_ATTEMPTS;
  g_queue_init (&self->queued);
}

/**
 * crm_sync_engine_new:
 * @store: the profile
 * @client: a client of the profile's account
 *
 * Returns: (transfer full): an engine
 */
CrmSyncEngine *
crm_sync_engine_new (CrmStore     *store,
                     CrmApiClient *client)
{
  CrmSyncEngine *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (CRM_IS_API_CLIENT (client), NULL);

  self = g_object_new (CRM_TYPE_SYNC_ENGINE, NULL);
  self->store = g_object_ref (store);
  self->client = g_object_ref (client);
  self->waiting_handler = g_signal_connect (client, "notify::waiting-until",
                                            G_CALLBACK (on_client_waiting_cb), self);
  self->changed_handler = g_signal_connect (store, "changed",
                                            G_CALLBACK (on_store_changed_cb), self);
  _crm_sync_engine_update_counts (self);
  self->last_synced_at = load_last_synced_at (store);

  return self;
}

/**
 * crm_sync_engine_get_store:
 * @self: a #CrmSyncEngine
 *
 * Returns: (transfer none): the profile it syncs
 */
CrmStore *
crm_sync_engine_get_store (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), NULL);

  return self->store;
}

/**
 * crm_sync_engine_get_client:
 * @self: a #CrmSyncEngine
 *
 * Returns: (transfer none): its API client
 */
CrmApiClient *
crm_sync_engine_get_client (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), NULL);

  return self->client;
}

/**
 * crm_sync_engine_get_state:
 * @self: a #CrmSyncEngine
 *
 * Returns: see #CrmSyncEngine:state
 */
CrmSyncState
crm_sync_engine_get_state (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), CRM_SYNC_STATE_IDLE);

  return self->state;
}

/**
 * crm_sync_engine_get_progress:
 * @self: a #CrmSyncEngine
 *
 * Returns: see #CrmSyncEngine:progress
 */
double
crm_sync_engine_get_progress (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), 0.0);

  return self->progress;
}

/**
 * crm_sync_engine_get_resume_at:
 * @self: a #CrmSyncEngine
 *
 * Returns: see #CrmSyncEngine:resume-at
 */
gint64
crm_sync_engine_get_resume_at (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), 0);

  return self->resume_at;
}

/**
 * crm_sync_engine_get_last_error:
 * @self: a #CrmSyncEngine
 *
 * Returns: (nullable): why the last sync failed
 */
const char *
crm_sync_engine_get_last_error (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), NULL);

  return self->last_error;
}

/**
 * crm_sync_engine_get_pending_count:
 * @self: a #CrmSyncEngine
 *
 * Returns: how many changes wait to be sent
 */
guint
crm_sync_engine_get_pending_count (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), 0);

  return self->pending_count;
}

/**
 * crm_sync_engine_get_failed_count:
 * @self: a #CrmSyncEngine
 *
 * Returns: how many changes the server refused
 */
guint
crm_sync_engine_get_failed_count (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), 0);

  return self->failed_count;
}

/**
 * crm_sync_engine_get_conflict_count:
 * @self: a #CrmSyncEngine
 *
 * Returns: how many fields wait for the rep to pick a value
 */
guint
crm_sync_engine_get_conflict_count (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), 0);

  return self->conflict_count;
}

/**
 * crm_sync_engine_get_last_synced_at:
 * @self: a #CrmSyncEngine
 *
 * Returns: see #CrmSyncEngine:last-synced-at
 */
gint64
crm_sync_engine_get_last_synced_at (CrmSyncEngine *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), 0);

  return self->last_synced_at;
}

/**
 * crm_sync_engine_set_max_attempts:
 * @self: a #CrmSyncEngine
 * @max_attempts: how many times a request is tried, from 1
 *
 * Bounds the retries of the client and of creates whose outcome is
 * unknown. The command line tries less than the window.
 */
void
crm_sync_engine_set_max_attempts (CrmSyncEngine *self,
                                  guint          max_attempts)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));
  g_return_if_fail (max_attempts >= 1);

  self->max_attempts = max_attempts;
  crm_api_client_set_max_attempts (self->client, max_attempts);
}

/**
 * crm_sync_engine_set_online:
 * @self: a #CrmSyncEngine
 * @online: whether the network is there, as the system says
 *
 * Offline, the state says so at once, whatever the sync does. Back
 * online, what waits after a network failure is tried again at once, so
 * a pull goes on at the page it stopped at; a wait the server asked for
 * goes on.
 */
void
crm_sync_engine_set_online (CrmSyncEngine *self,
                            gboolean       online)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  if (self->offline == !online)
    return;

  self->offline = !online;
  g_debug ("The network is %s", online ? "back" : "gone");

  if (!online)
    {
      if (self->state != CRM_SYNC_STATE_RATE_LIMITED)
        set_state (self, CRM_SYNC_STATE_OFFLINE, self->resume_at);
      return;
    }

  if (self->run == NULL)
    return;

  if (self->state == CRM_SYNC_STATE_OFFLINE)
    set_state (self, CRM_SYNC_STATE_SYNCING, 0);
  crm_sync_engine_wake (self);
}

/**
 * crm_sync_engine_wake:
 * @self: a #CrmSyncEngine
 *
 * Tries again at once what the running sync waits to try after a network
 * failure or a 5xx.
 */
void
crm_sync_engine_wake (CrmSyncEngine *self)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  crm_api_client_retry_now (self->client);
  if (self->run != NULL && self->run->wake != NULL)
    g_cancellable_cancel (self->run->wake);
}

void
_crm_sync_run_add_counts (CrmSyncRun          *run,
                          const CrmSyncCounts *counts)
{
  run->summary.created += counts->created;
  run->summary.updated += counts->updated;
  run->summary.deleted += counts->deleted;
  run->summary.conflicts += counts->conflicts;
  run->summary.failed += counts->failed;
}

static CrmSyncState
state_after (const GError *error)
{
  if (error == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return CRM_SYNC_STATE_IDLE;

  if (g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_RATE_LIMITED))
    return CRM_SYNC_STATE_RATE_LIMITED;

  if (g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NETWORK) ||
      g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAVAILABLE))
    return CRM_SYNC_STATE_OFFLINE;

  return CRM_SYNC_STATE_ERROR;
}

/* Writer thread. */
static gboolean
save_last_synced_job (CrmStoreTxn  *txn,
                      gpointer      data,
                      GError      **error)
{
  return crm_store_txn_set_sync_state (txn, SYNC_STATE_LAST_SYNCED_AT, data, error);
}

static void
on_last_synced_saved_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (source), result, NULL, &error))
    g_warning ("Failed to keep the time of the last sync: %s", error->message);
}

/* Kept in the profile so a window opened later (or after --sync) can say
 * how long ago it was; nothing waits for the write. */
static void
set_last_synced_at (CrmSyncEngine *self,
                    gint64         when)
{
  self->last_synced_at = when;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_SYNCED_AT]);

  crm_store_run_async (self->store, NULL, CRM_ORIGIN_SYNC, save_last_synced_job,
                       g_strdup_printf ("%" G_GINT64_FORMAT, when), g_free, NULL,
                       on_last_synced_saved_cb, NULL);
}

static gint64
load_last_synced_at (CrmStore *store)
{
  g_autofree char *value = crm_store_dup_sync_state (store, SYNC_STATE_LAST_SYNCED_AT);
  gint64 when = 0;

  if (value == NULL || !g_ascii_string_to_signed (value, 10, 0, G_MAXINT64, &when, NULL))
    return 0;

  return when;
}

static void
finish_run (CrmSyncRun *run)
{
  CrmSyncEngine *self = run->engine;
  CrmSyncClock *clock = crm_api_client_get_clock (self->client);
  GTask *task = run->task;

  self->run = NULL;
  set_state (self, self->offline ? CRM_SYNC_STATE_OFFLINE : state_after (run->error), 0);
  if (run->error == NULL)
    {
      set_last_error (self, NULL);
      set_last_synced_at (self, crm_sync_clock_get_real_time (clock));
    }
  else if (!g_error_matches (run->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_last_error (self, run->error->message);
  _crm_sync_engine_set_progress (self, run->error == NULL ? 1.0 : self->progress);
  _crm_sync_engine_update_counts (self);

  if (run->error != NULL)
    {
      g_debug ("Sync stopped: %s", run->error->message);
      g_task_return_error (task, g_steal_pointer (&run->error));
    }
  else
    {
      g_debug ("Sync done: %u read, %u sent", run->summary.pulled, run->summary.pushed);
      g_task_return_pointer (task, crm_sync_summary_copy (&run->summary),
                             (GDestroyNotify) crm_sync_summary_free);
    }

  g_object_unref (task);
  start_next_run (self);
}

static gboolean
enable_sync_job (CrmStoreTxn  *txn,
                 gpointer      data,
                 GError      **error)
{
  return crm_store_txn_set_setting (txn, "sync.enabled", "1", error);
}

static void
on_enabled_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmSyncRun *run = user_data;

  crm_store_mutation_finish (CRM_STORE (source), result, NULL, &run->error);
  _crm_sync_run_next (run);
}

/**
 * _crm_sync_run_next:
 * @run: the run
 *
 * Goes on to the run's next phase, or ends it on an error.
 */
void
_crm_sync_run_next (CrmSyncRun *run)
{
  if (run->error == NULL)
    g_cancellable_set_error_if_cancelled (run->cancellable, &run->error);

  if (run->error != NULL || run->phase == PHASE_DONE)
    {
      finish_run (run);
      return;
    }

  run->phase++;
  if (run->phase == PHASE_PULL && !run->do_pull)
    run->phase++;
  if (run->phase == PHASE_PUSH && !run->do_push)
    run->phase++;

  switch ((Phase) run->phase)
    {
    case PHASE_PULL:
      _crm_sync_run_pull (run);
      break;
    case PHASE_PUSH:
      _crm_sync_run_push (run);
      break;
    case PHASE_DONE:
    case PHASE_ENABLE:
    default:
      finish_run (run);
      break;
    }
}

/* Pushing needs the outbox: from the first sync on, every change here is
 * queued. */
static void
start_run (CrmSyncEngine *self,
           GTask         *task)
{
  CrmSyncRun *run = g_task_get_task_data (task);
  g_autofree char *enabled = crm_store_dup_setting (self->store, "sync.enabled");

  self->run = run;
  set_state (self, CRM_SYNC_STATE_SYNCING, 0);
  _crm_sync_engine_set_progress (self, 0.0);

  if (g_strcmp0 (enabled, "1") == 0)
    {
      _crm_sync_run_next (run);
      return;
    }

  crm_store_run_async (self->store, NULL, CRM_ORIGIN_SYNC, enable_sync_job, NULL, NULL,
                       run->cancellable, on_enabled_cb, run);
}

static void
start_next_run (CrmSyncEngine *self)
{
  GTask *task;

  if (self->run != NULL)
    return;

  task = g_queue_pop_head (&self->queued);
  if (task != NULL)
    start_run (self, task);
}

static void
queue_run (CrmSyncEngine       *self,
           gboolean             do_pull,
           gboolean             do_push,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  CrmSyncRun *run = g_new0 (CrmSyncRun, 1);

  run->engine = self;
  run->task = task;
  run->do_pull = do_pull;
  run->do_push = do_push;
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : g_cancellable_new ();

  g_task_set_source_tag (task, crm_sync_engine_sync_async);
  g_task_set_task_data (task, run, (GDestroyNotify) crm_sync_run_free);

  g_queue_push_tail (&self->queued, task);
  start_next_run (self);
}

/**
 * crm_sync_engine_sync_async:
 * @self: a #CrmSyncEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Pulls, then pushes. Finish with crm_sync_engine_sync_finish().
 */
void
crm_sync_engine_sync_async (CrmSyncEngine       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  queue_run (self, TRUE, TRUE, cancellable, callback, user_data);
}

/**
 * crm_sync_engine_pull_async:
 * @self: a #CrmSyncEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Only pulls. Finish with crm_sync_engine_sync_finish().
 */
void
crm_sync_engine_pull_async (CrmSyncEngine       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  queue_run (self, TRUE, FALSE, cancellable, callback, user_data);
}

/**
 * crm_sync_engine_push_async:
 * @self: a #CrmSyncEngine
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Only drains the outbox. Finish with crm_sync_engine_sync_finish().
 */
void
crm_sync_engine_push_async (CrmSyncEngine       *self,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  queue_run (self, FALSE, TRUE, cancellable, callback, user_data);
}

/**
 * crm_sync_engine_sync_finish:
 * @self: a #CrmSyncEngine
 * @result: the result
 * @error: return location for a #GError
 *
 * Finishes a sync, a pull or a push. A change the server refused does not
 * fail the sync: it is counted in the summary and kept as a failed change.
 *
 * Returns: (transfer full): what it did, or %NULL with @error set when it
 *   could not finish (the server unreachable, the key refused, a page that
 *   cannot be read); what it did before is kept, and the next sync goes on
 *   from there
 */
CrmSyncSummary *
crm_sync_engine_sync_finish (CrmSyncEngine  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * crm_sync_engine_dup_conflicts:
 * @self: a #CrmSyncEngine
 *
 * Returns: (transfer full) (element-type CrmSyncConflict): the fields
 *   waiting for the rep to pick a value, oldest first
 */
GPtrArray *
crm_sync_engine_dup_conflicts (CrmSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *conflicts;

  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), NULL);

  conflicts = crm_store_dup_conflicts (self->store, &error);
  if (conflicts == NULL)
    {
      g_warning ("Failed to read the conflicts: %s", error->message);
      return g_ptr_array_new ();
    }

  return conflicts;
}

/**
 * crm_sync_engine_dup_failed_changes:
 * @self: a #CrmSyncEngine
 *
 * Returns: (transfer full) (element-type CrmOutboxEntry): the changes the
 *   server refused, with its message, oldest first
 */
GPtrArray *
crm_sync_engine_dup_failed_changes (CrmSyncEngine *self)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *changes;

  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), NULL);

  changes = crm_store_dup_outbox (self->store, "failed", &error);
  if (changes == NULL)
    {
      g_warning ("Failed to read the failed changes: %s", error->message);
      return g_ptr_array_new ();
    }

  return changes;
}

static void
on_change_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  CrmSyncEngine *self = g_task_get_source_object (task);
  GError *error = NULL;
  gint64 undo_group = 0;

  _crm_sync_engine_update_counts (self);
  if (!crm_store_mutation_finish (CRM_STORE (source), result, &undo_group, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_memdup2 (&undo_group, sizeof undo_group), g_free);
}

static void
run_change_job (CrmSyncEngine       *self,
                const char          *label,
                CrmStoreJobFunc      func,
                gint64               id,
                gboolean             flag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gint64 *data = g_new (gint64, 2);

  data[0] = id;
  data[1] = flag;
  g_task_set_source_tag (task, crm_sync_engine_change_finish);
  crm_store_run_async (self->store, label, CRM_ORIGIN_SYNC, func, data, g_free, cancellable,
                       on_change_done_cb, task);
}

/**
 * crm_sync_engine_resolve_conflict_async:
 * @self: a #CrmSyncEngine
 * @conflict_id: a conflict
 * @keep_local: %TRUE to keep the rep's value (it is sent with the next
 *   push), %FALSE to take the server's
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Settles one field. Finish with crm_sync_engine_change_finish().
 */
void
crm_sync_engine_resolve_conflict_async (CrmSyncEngine       *self,
                                        gint64               conflict_id,
                                        gboolean             keep_local,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  run_change_job (self, NULL, crm_sync_resolve_conflict, conflict_id, keep_local, cancellable,
                  callback, user_data);
}

/**
 * crm_sync_engine_retry_change_async:
 * @self: a #CrmSyncEngine
 * @change_id: a failed change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Edit: puts back on the record what the refused change tried to send and
 * queues it again for the next push. Finish with
 * crm_sync_engine_change_finish().
 */
void
crm_sync_engine_retry_change_async (CrmSyncEngine       *self,
                                    gint64               change_id,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  run_change_job (self, NULL, crm_sync_retry_change, change_id, FALSE, cancellable, callback,
                  user_data);
}

/**
 * crm_sync_engine_discard_change_async:
 * @self: a #CrmSyncEngine
 * @change_id: a failed change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Discard: drops a refused change. A refused update already had its
 * fields put back to the server's values; a refused create takes its
 * record with it, and what belongs to it, which an Undo of the change's
 * group brings back (queued to be created again); a refused delete
 * leaves the record to come back with the next pull. Finish with
 * crm_sync_engine_change_finish_with_undo().
 */
void
crm_sync_engine_discard_change_async (CrmSyncEngine       *self,
                                      gint64               change_id,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (CRM_IS_SYNC_ENGINE (self));

  run_change_job (self, _("Discard a refused change"), crm_sync_discard_change, change_id,
                  FALSE, cancellable, callback, user_data);
}

/**
 * crm_sync_engine_change_finish:
 * @self: a #CrmSyncEngine
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the conflict or the failed change was settled
 */
gboolean
crm_sync_engine_change_finish (CrmSyncEngine  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  return crm_sync_engine_change_finish_with_undo (self, result, NULL, error);
}

/**
 * crm_sync_engine_change_finish_with_undo:
 * @self: a #CrmSyncEngine
 * @result: the result
 * @undo_group: (out) (optional): the undo group of a Discard, or 0
 * @error: return location for a #GError
 *
 * Returns: whether the change was settled
 */
gboolean
crm_sync_engine_change_finish_with_undo (CrmSyncEngine  *self,
                                         GAsyncResult   *result,
                                         gint64         *undo_group,
                                         GError        **error)
{
  g_autofree gint64 *group = NULL;

  g_return_val_if_fail (CRM_IS_SYNC_ENGINE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  group = g_task_propagate_pointer (G_TASK (result), error);
  if (undo_group != NULL)
    *undo_group = group != NULL ? *group : 0;

  return group != NULL;
}
