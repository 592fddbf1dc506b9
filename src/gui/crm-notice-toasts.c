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
 * Undo: "Status changed to Working Lead" after a call is logged. Undo
 * reverses the whole change that set the rule off, cause and effect
 * together. Notices of one change that arrive while its toast is up (an
 * import routes many customers) update that toast instead of queueing
 * one each.
 */

#define DATA_KEY "crm-notice-toasts"

typedef struct
{
  AdwToastOverlay *overlay;   /* unowned: this is the overlay's data */
  CrmStore        *store;
  gulong           notice_handler;

  /* The toast on screen for the change @group, until dismissed. */
  AdwToast        *toast;
  gint64           group;
  guint            count;
} NoticeToasts;

static void
notice_toasts_free (gpointer data)
{
  NoticeToasts *self = data;

  g_clear_signal_handler (&self->notice_handler, self->store);
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
static NoticeToasts *
get_notice_toasts (AdwToastOverlay *overlay)
{
  return g_object_get_data (G_OBJECT (overlay), DATA_KEY);
}

static void
on_toast_button_clicked_cb (AdwToast        *toast,
                            AdwToastOverlay *overlay)
{
  NoticeToasts *self = get_notice_toasts (overlay);
  gint64 group = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "crm-undo-group"));

  if (self == NULL)
    return;

  crm_store_undo_async (self->store, group, NULL, on_undone_cb,
                        g_object_ref (self->overlay));
}

static void
on_toast_dismissed_cb (AdwToast        *toast,
                       AdwToastOverlay *overlay)
{
  NoticeToasts *self = get_notice_toasts (overlay);

  if (self == NULL || self->toast != toast)
    return;

  g_object_remove_weak_pointer (G_OBJECT (self->toast), (gpointer *) &self->toast);
  self->toast = NULL;
}

static void
show_new_toast (NoticeToasts *self,
                const char   *message,
                gint64        undo_group)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (undo_group > 0)
    {
      g_object_set_data (G_OBJECT (toast), "crm-undo-group", GSIZE_TO_POINTER (undo_group));
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
on_store_notice_cb (CrmStore     *store,
                    const char   *message,
                    gint64        undo_group,
                    NoticeToasts *self)
{
  g_autofree char *title = NULL;

  if (self->toast == NULL || self->group != undo_group)
    {
      show_new_toast (self, message, undo_group);
      return;
    }

  self->count++;
  /* Translators: a toast after an import or a pull that the rules acted on */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change made by rules",
                                        "%u changes made by rules", self->count),
                           self->count);
  adw_toast_set_title (self->toast, title);
}

/**
 * crm_notice_toasts_attach:
 * @overlay: the window's toast overlay
 * @store: the profile the window shows
 *
 * Shows every #CrmStore::notice of @store as a toast on @overlay, with
 * Undo when the change has an undo group, for as long as @overlay lives.
 */
void
crm_notice_toasts_attach (AdwToastOverlay *overlay,
                          CrmStore        *store)
{
  NoticeToasts *self;

  g_return_if_fail (ADW_IS_TOAST_OVERLAY (overlay));
  g_return_if_fail (CRM_IS_STORE (store));

  self = g_new0 (NoticeToasts, 1);
  self->overlay = overlay;
  self->store = g_object_ref (store);
  self->notice_handler = g_signal_connect (store, "notice",
                                           G_CALLBACK (on_store_notice_cb), self);

  g_object_set_data_full (G_OBJECT (overlay), DATA_KEY, self, notice_toasts_free);
}
