/* crm-sync-clock.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-sync-clock.h"

/**
 * CrmSyncClock:
 *
 * The time the sync reads and the waits it makes between retries. The
 * real clock reads the wall clock and waits on the main context; a
 * virtual clock (for tests) starts at a given time, never sleeps, and
 * moves forward by each wait it is asked for, so a test can check that a
 * back-off of two minutes happened without spending them.
 *
 * Times and delays are in microseconds; times count from the Unix epoch.
 */

struct _CrmSyncClock
{
  GObject   parent_instance;

  gboolean  is_virtual;
  gint64    now;            /* virtual only */
  gint64    waited;         /* virtual only */
  GArray   *waits;          /* virtual only: gint64 */
  GRand    *rand;
};

G_DEFINE_FINAL_TYPE (CrmSyncClock, crm_sync_clock, G_TYPE_OBJECT)

typedef struct
{
  GSource *timeout;
  gulong   cancelled_id;
} Wait;

static void
crm_sync_clock_finalize (GObject *object)
{
  CrmSyncClock *self = CRM_SYNC_CLOCK (object);

  g_clear_pointer (&self->waits, g_array_unref);
  g_clear_pointer (&self->rand, g_rand_free);

  G_OBJECT_CLASS (crm_sync_clock_parent_class)->finalize (object);
}

static void
crm_sync_clock_class_init (CrmSyncClockClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = crm_sync_clock_finalize;
}

static void
crm_sync_clock_init (CrmSyncClock *self)
{
}

/**
 * crm_sync_clock_new:
 *
 * Returns: (transfer full): a clock that reads the wall clock and really
 *   waits
 */
CrmSyncClock *
crm_sync_clock_new (void)
{
  CrmSyncClock *self = g_object_new (CRM_TYPE_SYNC_CLOCK, NULL);

  self->rand = g_rand_new ();
  return self;
}

/**
 * crm_sync_clock_new_virtual:
 * @start_time: the time it starts at, in microseconds since the epoch
 * @seed: the seed of its jitter, so a test run can be repeated
 *
 * Returns: (transfer full): a clock whose waits end at once
 */
CrmSyncClock *
crm_sync_clock_new_virtual (gint64  start_time,
                            guint32 seed)
{
  CrmSyncClock *self = g_object_new (CRM_TYPE_SYNC_CLOCK, NULL);

  self->is_virtual = TRUE;
  self->now = start_time;
  self->waits = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->rand = g_rand_new_with_seed (seed);
  return self;
}

/**
 * crm_sync_clock_is_virtual:
 * @self: a #CrmSyncClock
 *
 * Returns: whether the clock is a test's virtual clock
 */
gboolean
crm_sync_clock_is_virtual (CrmSyncClock *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_CLOCK (self), FALSE);

  return self->is_virtual;
}

/**
 * crm_sync_clock_get_real_time:
 * @self: a #CrmSyncClock
 *
 * Returns: the time, in microseconds since the epoch
 */
gint64
crm_sync_clock_get_real_time (CrmSyncClock *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_CLOCK (self), 0);

  return self->is_virtual ? self->now : g_get_real_time ();
}

/**
 * crm_sync_clock_next_jitter:
 * @self: a #CrmSyncClock
 *
 * Returns: a random number in [0, 1), to spread retries
 */
double
crm_sync_clock_next_jitter (CrmSyncClock *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_CLOCK (self), 0.0);

  return g_rand_double (self->rand);
}

static void
wait_free (gpointer data)
{
  Wait *wait = data;

  if (wait->timeout != NULL)
    {
      g_source_destroy (wait->timeout);
      g_source_unref (wait->timeout);
    }
  g_free (wait);
}

static gboolean
on_wait_over_cb (gpointer user_data)
{
  GTask *task = user_data;
  Wait *wait = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  /* The handler must go before the task can end and free the data. */
  g_cancellable_disconnect (cancellable, wait->cancelled_id);
  wait->cancelled_id = 0;

  if (!g_task_return_error_if_cancelled (task))
    g_task_return_boolean (task, TRUE);

  return G_SOURCE_REMOVE;
}

/* Any thread: only wakes the main context, where the timeout source then
 * ends the wait. */
static void
on_wait_cancelled_cb (GCancellable *cancellable,
                      gpointer      user_data)
{
  GSource *timeout = user_data;

  g_source_set_ready_time (timeout, 0);
}

/**
 * crm_sync_clock_wait_async:
 * @self: a #CrmSyncClock
 * @delay: how long to wait, in microseconds
 * @cancellable: (nullable): a #GCancellable, which ends the wait early
 * @callback: called on the thread-default main context when the wait ends
 * @user_data: data for @callback
 *
 * Waits. A virtual clock moves its time forward by @delay and ends the
 * wait at the next iteration of the main context.
 */
void
crm_sync_clock_wait_async (CrmSyncClock        *self,
                           gint64               delay,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Wait *wait;

  g_return_if_fail (CRM_IS_SYNC_CLOCK (self));

  delay = MAX (delay, 0);
  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_sync_clock_wait_async);

  if (self->is_virtual)
    {
      self->now += delay;
      self->waited += delay;
      g_array_append_val (self->waits, delay);
      delay = 0;
    }

  wait = g_new0 (Wait, 1);
  wait->timeout = g_timeout_source_new (delay / 1000);
  g_source_set_static_name (wait->timeout, "[prospect] sync wait");
  g_task_set_task_data (task, wait, wait_free);
  g_source_set_callback (wait->timeout, on_wait_over_cb, g_object_ref (task), g_object_unref);
  g_source_attach (wait->timeout, g_main_context_get_thread_default ());

  if (cancellable != NULL)
    wait->cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_wait_cancelled_cb),
                                                wait->timeout, NULL);
}

/**
 * crm_sync_clock_wait_finish:
 * @self: a #CrmSyncClock
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the whole wait passed, %FALSE when it was cancelled
 */
gboolean
crm_sync_clock_wait_finish (CrmSyncClock  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * crm_sync_clock_advance:
 * @self: a virtual #CrmSyncClock
 * @delta: how far to move its time, in microseconds
 */
void
crm_sync_clock_advance (CrmSyncClock *self,
                        gint64        delta)
{
  g_return_if_fail (CRM_IS_SYNC_CLOCK (self));
  g_return_if_fail (self->is_virtual);

  self->now += delta;
}

/**
 * crm_sync_clock_get_waits:
 * @self: a virtual #CrmSyncClock
 *
 * Returns: (transfer none) (element-type gint64): every wait asked of the
 *   clock, in microseconds, in order
 */
GArray *
crm_sync_clock_get_waits (CrmSyncClock *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_CLOCK (self), NULL);
  g_return_val_if_fail (self->is_virtual, NULL);

  return self->waits;
}

/**
 * crm_sync_clock_get_waited:
 * @self: a virtual #CrmSyncClock
 *
 * Returns: the sum of its waits, in microseconds
 */
gint64
crm_sync_clock_get_waited (CrmSyncClock *self)
{
  g_return_val_if_fail (CRM_IS_SYNC_CLOCK (self), 0);
  g_return_val_if_fail (self->is_virtual, 0);

  return self->waited;
}
