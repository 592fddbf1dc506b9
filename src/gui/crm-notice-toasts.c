/* crm-notice-toasts.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-notice-toasts"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-notice-toasts.h"
#include "crm-toast-queue.h"

/*
 * What the business rules did (CrmStore::notice), shown as toasts with
 * Undo: "Orchard Tools is now Working Lead" after a call is logged. Undo
 * reverses the whole change that set the rule off, cause and effect
 * together.
 *
 * A notice is shown once, in the window where the person is looking: it
 * joins the toast that reports the change it came with (the page that
 * recorded a subscription says "Subscription recorded · Orchard Tools is
 * now Active"), else it goes to the active window, else to the first
 * window attached. Notices wait for an idle moment so that the toast of
 * their change is there to join. Notices of one change that come while
 * its toast is up (an import routes many customers) update that toast
 * instead of queueing one each.
 */

#define HUB_KEY "crm-notice-toasts-hub"
#define OVERLAY_KEY "crm-notice-toasts"

typedef struct
{
  char   *message;
  gint64  group;
} Notice;

/* One per store, as its data: the overlays that show its notices. */
typedef struct
{
  CrmStore *store;      /* unowned: the hub is the store's data */
  GList    *overlays;   /* NoticeOverlay *, oldest first */
  GQueue    pending;    /* Notice * */
  guint     flush_id;
} Hub;

/* One per overlay, as its data. */
typedef struct
{
  AdwToastOverlay *overlay;   /* unowned: this is the overlay's data */
  CrmStore        *store;     /* keeps the hub alive */
  Hub             *hub;

  /* The notice toast on screen for the change @group, until dismissed. */
  AdwToast        *toast;
  gint64           group;
  guint            count;
} NoticeOverlay;

static void
notice_free (Notice *notice)
{
  g_free (notice->message);
  g_free (notice);
}

static void
hub_free (gpointer data)
{
  Hub *hub = data;

  g_clear_handle_id (&hub->flush_id, g_source_remove);
  g_queue_clear_full (&hub->pending, (GDestroyNotify) notice_free);
  g_list_free (hub->overlays);
  g_free (hub);
}

static void
notice_overlay_free (gpointer data)
{
  NoticeOverlay *self = data;

  self->hub->overlays = g_list_remove (self->hub->overlays, self);
  if (self->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  g_clear_object (&self->store);
  g_free (self);
}

static void
on_undone_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(AdwToastOverlay) overlay = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  g_autofree char *escaped = NULL;

  if (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    return;

  /* Translators: %s says why */
  message = g_strdup_printf (_("Could not undo: %s"), error->message);
  escaped = g_markup_escape_text (message, -1);
  crm_toast_queue_show (overlay, adw_toast_new (escaped));
}

/* Toast handlers go through the overlay, so they die with it. */
static NoticeOverlay *
get_notice_overlay (AdwToastOverlay *overlay)
{
  return g_object_get_data (G_OBJECT (overlay), OVERLAY_KEY);
}

static void
on_toast_button_clicked_cb (AdwToast        *toast,
                            AdwToastOverlay *overlay)
{
  NoticeOverlay *self = get_notice_overlay (overlay);
  gint64 group = crm_toast_queue_get_change (toast);

  if (self == NULL || group <= 0)
    return;

  crm_store_undo_async (self->store, group, NULL, on_undone_cb, g_object_ref (self->overlay));
}

static void
on_toast_dismissed_cb (AdwToast        *toast,
                       AdwToastOverlay *overlay)
{
  NoticeOverlay *self = get_notice_overlay (overlay);

  if (self == NULL || self->toast != toast)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  self->toast = NULL;
}

static void
show_new_toast (NoticeOverlay *self,
                const char    *message,
                gint64         undo_group)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  crm_toast_queue_set_change (toast, undo_group, TRUE);
  if (undo_group > 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      g_signal_connect_object (toast, "button-clicked",
                               G_CALLBACK (on_toast_button_clicked_cb), self->overlay, 0);
    }
  g_signal_connect_object (toast, "dismissed",
                           G_CALLBACK (on_toast_dismissed_cb), self->overlay, 0);

  if (self->toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  self->toast = toast;
  self->group = undo_group;
  self->count = 1;
  g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->toast);

  crm_toast_queue_show (self->overlay, toast);
}

static void
count_into_toast (NoticeOverlay *self)
{
  g_autofree char *title = NULL;

  self->count++;
  /* Translators: a toast after an import or a pull that the rules acted on */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change made by rules",
                                        "%u changes made by rules", self->count),
                           self->count);
  adw_toast_set_title (self->toast, title);
}

static void
join_toast (AdwToast   *toast,
            const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  g_autofree char *title = NULL;

  /* Translators: joins what a person did and what a rule did with it */
  title = g_strdup_printf (_("%s · %s"), adw_toast_get_title (toast), escaped);
  adw_toast_set_title (toast, title);
}

static gboolean
is_in_active_window (NoticeOverlay *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self->overlay));

  return GTK_IS_WINDOW (root) && gtk_window_is_active (GTK_WINDOW (root));
}

static void
show_notice (Hub    *hub,
             Notice *notice)
{
  NoticeOverlay *target = NULL;

  for (GList *l = hub->overlays; l != NULL && notice->group > 0; l = l->next)
    {
      NoticeOverlay *self = l->data;
      AdwToast *toast = crm_toast_queue_find_change (self->overlay, notice->group);

      if (toast == NULL)
        continue;

      if (toast == self->toast)
        count_into_toast (self);
      else
        join_toast (toast, notice->message);
      return;
    }

  for (GList *l = hub->overlays; l != NULL && target == NULL; l = l->next)
    if (is_in_active_window (l->data))
      target = l->data;

  if (target == NULL && hub->overlays != NULL)
    target = hub->overlays->data;

  if (target != NULL)
    show_new_toast (target, notice->message, notice->group);
}

static gboolean
flush_cb (gpointer user_data)
{
  Hub *hub = user_data;
  Notice *notice;

  hub->flush_id = 0;

  while ((notice = g_queue_pop_head (&hub->pending)) != NULL)
    {
      show_notice (hub, notice);
      notice_free (notice);
    }

  return G_SOURCE_REMOVE;
}

static void
on_store_notice_cb (CrmStore   *store,
                    const char *message,
                    gint64      undo_group,
                    Hub        *hub)
{
  Notice *notice = g_new0 (Notice, 1);

  notice->message = g_strdup (message);
  notice->group = undo_group;
  g_queue_push_tail (&hub->pending, notice);

  /* The caller of the change shows its own toast when the change is
   * delivered, right after the notices. */
  if (hub->flush_id == 0)
    hub->flush_id = g_idle_add_full (G_PRIORITY_LOW, flush_cb, hub, NULL);
}

static Hub *
ensure_hub (CrmStore *store)
{
  Hub *hub = g_object_get_data (G_OBJECT (store), HUB_KEY);

  if (hub != NULL)
    return hub;

  hub = g_new0 (Hub, 1);
  hub->store = store;
  g_queue_init (&hub->pending);

  /* The hub dies with the store, and its handler with it. */
  g_signal_connect (store, "notice", G_CALLBACK (on_store_notice_cb), hub);
  g_object_set_data_full (G_OBJECT (store), HUB_KEY, hub, hub_free);

  return hub;
}

/**
 * crm_notice_toasts_attach:
 * @overlay: a window's toast overlay
 * @store: the profile the window shows
 *
 * Shows the #CrmStore::notice of @store as toasts, with Undo when the
 * change has an undo group, for as long as @overlay lives. Each window
 * attaches its overlay; a notice shows in one of them (see above).
 */
void
crm_notice_toasts_attach (AdwToastOverlay *overlay,
                          CrmStore        *store)
{
  NoticeOverlay *self;
  Hub *hub;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (CRM_IS_STORE (store));

  if (get_notice_overlay (overlay) != NULL)
    return;

  hub = ensure_hub (store);

  self = g_new0 (NoticeOverlay, 1);
  self->overlay = overlay;
  self->store = g_object_ref (store);
  self->hub = hub;
  hub->overlays = g_list_append (hub->overlays, self);

  g_object_set_data_full (G_OBJECT (overlay), OVERLAY_KEY, self, notice_overlay_free);
}
