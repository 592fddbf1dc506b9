/* crm-toast-queue.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-toast-queue"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-store.h"
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
#define CHANGE_KEY "crm-toast-change"
#define NOTICE_KEY "crm-toast-notice"

typedef struct
{
  GtkWidget       *host;      /* borrowed: an AdwToastOverlay or an
                               * AdwPreferencesWindow, whose data the
                               * queue is */
  AdwToast        *shown;     /* borrowed: the overlay owns it */
  AdwToast        *pending;   /* owned */
  gint64           shown_at;
  gint64           hidden_at;
  guint            timeout_id;
  GtkWidget       *held;      /* weak: the shown toast's widget, while
                               * it slides in */
  guint            release_id;
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
  g_clear_handle_id (&queue->release_id, g_source_remove);
  g_clear_weak_pointer (&queue->held);
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

static GtkWidget *
find_toast_widget (GtkWidget *widget,
                   AdwToast  *toast)
{
  static GType toast_widget_type;

  if (toast_widget_type == 0)
    toast_widget_type = g_type_from_name ("AdwToastWidget");

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (toast_widget_type != 0 && G_TYPE_CHECK_INSTANCE_TYPE (child, toast_widget_type))
        {
          g_autoptr(AdwToast) shown = NULL;

          g_object_get (child, "toast", &shown, NULL);
          if (shown == toast)
            return child;
          continue;
        }

      found = find_toast_widget (child, toast);
      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
on_release_cb (gpointer user_data)
{
  ToastQueue *queue = user_data;

  queue->release_id = 0;
  if (queue->held != NULL)
    gtk_widget_set_sensitive (queue->held, TRUE);
  g_clear_weak_pointer (&queue->held);

  return G_SOURCE_REMOVE;
}

/* A click on a toast's button or its close button dismisses it, which
 * must not happen while it slides in (see above): until then, the toast
 * takes no clicks. It is still fading in, so it hardly looks different. */
static void
hold_shown_toast (ToastQueue *queue)
{
  GtkWidget *widget = find_toast_widget (queue->host, queue->shown);

  if (widget == NULL)
    return;

  g_clear_handle_id (&queue->release_id, g_source_remove);
  g_set_weak_pointer (&queue->held, widget);
  gtk_widget_set_sensitive (widget, FALSE);
  queue->release_id = g_timeout_add (SETTLE_US / G_TIME_SPAN_MILLISECOND, on_release_cb, queue);
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
  if (ADW_IS_PREFERENCES_WINDOW (queue->host))
    adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (queue->host), queue->shown);
  else
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (queue->host), queue->shown);
  hold_shown_toast (queue);
}

static void join_replaced_notice (ToastQueue *queue,
                                  AdwToast   *toast);

static ToastQueue *
get_queue (GtkWidget *host)
{
  ToastQueue *queue = g_object_get_data (G_OBJECT (host), QUEUE_KEY);

  if (queue == NULL)
    {
      queue = g_new0 (ToastQueue, 1);
      queue->host = host;
      g_object_set_data_full (G_OBJECT (host), QUEUE_KEY, queue, toast_queue_free);
    }

  return queue;
}

static void
queue_toast (GtkWidget *host,
             AdwToast  *toast)
{
  ToastQueue *queue = get_queue (host);

  join_replaced_notice (queue, toast);

  g_clear_object (&queue->pending);
  queue->pending = toast;

  show_next (queue);
}

/* A notice of the change @toast reports, which @toast is about to
 * replace, goes on in @toast's title. */
static void
join_replaced_notice (ToastQueue *queue,
                      AdwToast   *toast)
{
  AdwToast *replaced = queue->pending != NULL ? queue->pending : queue->shown;
  gint64 group = crm_toast_queue_get_change (toast);
  g_autofree char *title = NULL;

  if (replaced == NULL || group <= 0 || crm_toast_queue_get_change (replaced) != group ||
      !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (replaced), NOTICE_KEY)) ||
      GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), NOTICE_KEY)))
    return;

  /* Translators: joins what a person did and what a rule did with it */
  title = g_strdup_printf (_("%s · %s"), adw_toast_get_title (toast),
                           adw_toast_get_title (replaced));
  adw_toast_set_title (toast, title);
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
  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (ADW_IS_TOAST (toast));

  queue_toast (GTK_WIDGET (overlay), toast);
}

/**
 * crm_toast_queue_show_in_preferences:
 * @window: the preferences window, which has an overlay of its own
 * @toast: (transfer full): the toast
 *
 * As crm_toast_queue_show(), for a preferences window.
 */
void
crm_toast_queue_show_in_preferences (AdwPreferencesWindow *window,
                                     AdwToast             *toast)
{
  g_return_if_fail (ADW_IS_PREFERENCES_WINDOW (window));
  g_return_if_fail (ADW_IS_TOAST (toast));

  queue_toast (GTK_WIDGET (window), toast);
}

/**
 * crm_toast_queue_set_change:
 * @toast: a toast
 * @undo_group: the undo group of the change @toast reports, or 0
 * @is_notice: whether @toast tells what a business rule did along with
 *   the change, rather than the change itself
 *
 * Says which change @toast reports, so that what the business rules did
 * along with it joins it (see crm_notice_toasts_attach()): a toast that
 * replaces a notice of the same change takes the notice's text after its
 * own.
 */
void
crm_toast_queue_set_change (AdwToast *toast,
                            gint64    undo_group,
                            gboolean  is_notice)
{
  g_return_if_fail (ADW_IS_TOAST (toast));

  g_object_set_data_full (G_OBJECT (toast), CHANGE_KEY,
                          g_memdup2 (&undo_group, sizeof undo_group), g_free);
  g_object_set_data (G_OBJECT (toast), NOTICE_KEY, GINT_TO_POINTER (is_notice));
}

/**
 * crm_toast_queue_get_change:
 * @toast: a toast
 *
 * Returns: the undo group set with crm_toast_queue_set_change(), or 0
 */
gint64
crm_toast_queue_get_change (AdwToast *toast)
{
  gint64 *group;

  g_return_val_if_fail (ADW_IS_TOAST (toast), 0);

  group = g_object_get_data (G_OBJECT (toast), CHANGE_KEY);
  return group != NULL ? *group : 0;
}

/**
 * crm_toast_queue_find_change:
 * @overlay: an overlay
 * @undo_group: an undo group, more than 0
 *
 * Returns: (transfer none) (nullable): the toast shown or waiting on
 *   @overlay that reports the change @undo_group, if any
 */
AdwToast *
crm_toast_queue_find_change (AdwToastOverlay *overlay,
                             gint64           undo_group)
{
  ToastQueue *queue;

  g_return_val_if_fail (ADW_IS_TOAST_OVERLAY (overlay), NULL);
  g_return_val_if_fail (undo_group > 0, NULL);

  queue = g_object_get_data (G_OBJECT (overlay), QUEUE_KEY);
  if (queue == NULL)
    return NULL;

  /* A waiting toast replaces the one shown: only it still counts. */
  if (queue->pending != NULL)
    return crm_toast_queue_get_change (queue->pending) == undo_group ? queue->pending : NULL;

  if (queue->shown != NULL && crm_toast_queue_get_change (queue->shown) == undo_group)
    return queue->shown;

  return NULL;
}

/* Toasts of a change, with Undo */

typedef struct
{
  CrmStore        *store;
  AdwToastOverlay *overlay;
  gint64           undo_group;
} UndoData;

static void
undo_data_free (gpointer  data,
                GClosure *closure)
{
  UndoData *undo = data;

  g_clear_object (&undo->store);
  g_clear_object (&undo->overlay);
  g_free (undo);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;

  if (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    return;

  crm_toast_queue_show_error (overlay, _("Could not undo"), error);
}

static void
on_undo_clicked_cb (AdwToast *toast,
                    UndoData *undo)
{
  crm_store_undo_async (undo->store, undo->undo_group, NULL, on_undone_cb,
                        g_object_ref (undo->overlay));
}

/**
 * crm_toast_queue_show_change:
 * @overlay: (nullable): where to show the toast; %NULL, or an overlay
 *   no longer in a window, shows nothing
 * @store: (nullable): the store that made the change
 * @title: the toast's text, plain (not markup)
 * @undo_group: the change's undo group, or 0 for a toast without Undo
 *
 * Shows a toast that offers Undo of a change. Undo outlives the dialog or
 * page that made the change.
 */
void
crm_toast_queue_show_change (AdwToastOverlay *overlay,
                             CrmStore        *store,
                             const char      *title,
                             gint64           undo_group)
{
  g_autofree char *escaped = NULL;
  AdwToast *toast;

  g_return_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (title != NULL);

  /* A page may have left its window by the time its change is done. */
  if (overlay == NULL || gtk_widget_get_root (GTK_WIDGET (overlay)) == NULL)
    return;

  escaped = g_markup_escape_text (title, -1);
  toast = adw_toast_new (escaped);
  crm_toast_queue_set_change (toast, undo_group, FALSE);

  if (store != NULL && undo_group > 0)
    {
      UndoData *undo = g_new0 (UndoData, 1);

      undo->store = g_object_ref (store);
      undo->overlay = g_object_ref (overlay);
      undo->undo_group = undo_group;
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_data (toast, "button-clicked", G_CALLBACK (on_undo_clicked_cb),
                             undo, undo_data_free, G_CONNECT_DEFAULT);
    }

  crm_toast_queue_show (overlay, toast);
}

/**
 * crm_toast_queue_show_error:
 * @overlay: (nullable): where to show the toast, as for
 *   crm_toast_queue_show_change()
 * @what: what failed, such as "Could not save the list"
 * @error: why
 *
 * Shows "@what: reason" in a toast. A cancelled operation says nothing:
 * the person who cancelled it knows.
 */
void
crm_toast_queue_show_error (AdwToastOverlay *overlay,
                            const char      *what,
                            const GError    *error)
{
  g_autofree char *title = NULL;

  g_return_if_fail (what != NULL);
  g_return_if_fail (error != NULL);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* Translators: the first %s says what failed, the second why */
  title = g_strdup_printf (_("%s: %s"), what, error->message);
  crm_toast_queue_show_change (overlay, NULL, title, 0);
}

static AdwToastOverlay *
find_overlay_below (GtkWidget *widget)
{
  if (ADW_IS_TOAST_OVERLAY (widget))
    return ADW_TOAST_OVERLAY (widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      AdwToastOverlay *found = find_overlay_below (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * crm_toast_queue_find_overlay:
 * @widget: (nullable): a widget, or a window
 *
 * Returns: (transfer none) (nullable): the toast overlay around @widget,
 *   or else the first one in its window
 */
AdwToastOverlay *
crm_toast_queue_find_overlay (GtkWidget *widget)
{
  GtkWidget *ancestor;

  if (widget == NULL)
    return NULL;

  ancestor = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  if (ancestor != NULL)
    return ADW_TOAST_OVERLAY (ancestor);

  if (gtk_widget_get_root (widget) == NULL)
    return NULL;

  return find_overlay_below (GTK_WIDGET (gtk_widget_get_root (widget)));
}
