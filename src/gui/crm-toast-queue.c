/* crm-toast-queue.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-toast-queue"

#include "config.h"

#include "crm-toast-queue.h"

/*
 * Every toast of the app goes through here. libadwaita 1.2 frees a toast's
 * state twice when its fade-out ends no later than its slide-in: the toast
 * is then dismissed while it is still sliding in, which its own queue does
 * (a toast added while another fades out slides in for 500 ms, its fade
 * takes 300), and so does any dismissal in the first frames of a toast
 * when a busy main loop lets both animations end in one frame. So toasts
 * are shown one at a time, and a toast is only ever closed from here once
 * it has settled: a new toast waits until the one shown has finished
 * sliding in, closes it, and waits again until it has faded out. A newer
 * toast replaces one that is still waiting: only the latest news is worth
 * showing.
 */

/* The slide-in and the fade-out both take 300 ms; a frame to spare. */
#define SETTLE_US (350 * G_TIME_SPAN_MILLISECOND)
#define QUEUE_KEY "crm-toast-queue"

typedef struct
{
  AdwToastOverlay *overlay;   /* borrowed: the queue is the overlay's data */
  AdwToast        *shown;     /* borrowed: the overlay owns it */
  AdwToast        *pending;   /* owned */
  gint64           shown_at;
  gint64           hidden_at;
  guint            timeout_id;
} ToastQueue;

static void on_shown_toast_dismissed_cb (AdwToast   *toast,
                                         ToastQueue *queue);
static void show_next                   (ToastQueue *queue);

static void
toast_queue_free (gpointer data)
{
  ToastQueue *queue = data;

  if (queue->shown != NULL)
    g_signal_handlers_disconnect_by_func (queue->shown, on_shown_toast_dismissed_cb, queue);

  g_clear_handle_id (&queue->timeout_id, g_source_remove);
  g_clear_object (&queue->pending);
  g_free (queue);
}

static void
on_shown_toast_dismissed_cb (AdwToast   *toast,
                             ToastQueue *queue)
{
  g_signal_handlers_disconnect_by_func (toast, on_shown_toast_dismissed_cb, queue);

  if (queue->shown == toast)
    {
      queue->shown = NULL;
      queue->hidden_at = g_get_monotonic_time ();
    }
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  ToastQueue *queue = user_data;

  queue->timeout_id = 0;
  show_next (queue);

  return G_SOURCE_REMOVE;
}

/* Whether the overlay is ready at @ready; if not, comes back then. */
static gboolean
wait_until (ToastQueue *queue,
            gint64      ready)
{
  gint64 wait = ready - g_get_monotonic_time ();

  if (wait <= 0)
    return TRUE;

  if (queue->timeout_id == 0)
    queue->timeout_id = g_timeout_add (MAX (wait / G_TIME_SPAN_MILLISECOND, 1),
                                       on_timeout_cb, queue);
  return FALSE;
}

static void
show_next (ToastQueue *queue)
{
  if (queue->pending == NULL)
    return;

  if (queue->shown != NULL)
    {
      if (!wait_until (queue, queue->shown_at + SETTLE_US))
        return;

      /* Its "dismissed" handler above clears queue->shown. */
      adw_toast_dismiss (queue->shown);
    }

  if (!wait_until (queue, queue->hidden_at + SETTLE_US))
    return;

  queue->shown = g_steal_pointer (&queue->pending);
  queue->shown_at = g_get_monotonic_time ();
  g_signal_connect (queue->shown, "dismissed", G_CALLBACK (on_shown_toast_dismissed_cb), queue);
  adw_toast_overlay_add_toast (queue->overlay, queue->shown);
}

static ToastQueue *
get_queue (AdwToastOverlay *overlay)
{
  ToastQueue *queue = g_object_get_data (G_OBJECT (overlay), QUEUE_KEY);

  if (queue == NULL)
    {
      queue = g_new0 (ToastQueue, 1);
      queue->overlay = overlay;
      g_object_set_data_full (G_OBJECT (overlay), QUEUE_KEY, queue, toast_queue_free);
    }

  return queue;
}

/**
 * crm_toast_queue_show:
 * @overlay: the overlay to show the toast in
 * @toast: (transfer full): the toast
 *
 * Shows @toast in place of the one shown, as soon as that one can be
 * closed and has faded out.
 */
void
crm_toast_queue_show (AdwToastOverlay *overlay,
                      AdwToast        *toast)
{
  ToastQueue *queue;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  queue = get_queue (overlay);

  g_clear_object (&queue->pending);
  queue->pending = toast;

  show_next (queue);
}
