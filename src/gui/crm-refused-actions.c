/* crm-refused-actions.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-refused-actions"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-refused-actions.h"
#include "crm-toast-queue.h"
#include "crm-window.h"

/*
 * Edit and Discard of a change the server refused (case K2 (c)), the same
 * wherever the rep meets it: the sync's details window, or the page of the
 * customer it concerns. Each says in a toast what it did; a Discard that
 * took a record away (a refused create) offers Undo.
 */

/**
 * crm_refused_actions_find_session:
 * @store: a profile
 *
 * Returns: (transfer none) (nullable): the sync of the main window that
 *   shows @store, for a page that may sit in a window of its own
 */
CrmSyncSession *
crm_refused_actions_find_session (CrmStore *store)
{
  GApplication *application = g_application_get_default ();

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (!GTK_IS_APPLICATION (application))
    return NULL;

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (application)); l != NULL;
       l = l->next)
    if (CRM_IS_WINDOW (l->data) && crm_window_get_store (l->data) == store)
      return crm_window_get_sync_session (l->data);

  return NULL;
}

typedef struct
{
  AdwToastOverlay *overlay;     /* nullable */
  CrmStore        *store;
  char            *title;
  gboolean         undoable;
} Settling;

static void
settling_free (Settling *settling)
{
  g_clear_object (&settling->overlay);
  g_clear_object (&settling->store);
  g_free (settling->title);
  g_free (settling);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Settling, settling_free)

static Settling *
settling_new (CrmSyncSession  *session,
              AdwToastOverlay *overlay,
              char            *title)
{
  Settling *settling = g_new0 (Settling, 1);

  settling->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  settling->store = g_object_ref (crm_sync_session_get_store (session));
  settling->title = title;
  return settling;
}

static void
on_settled_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(Settling) settling = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;

  if (!crm_sync_engine_change_finish_with_undo (CRM_SYNC_ENGINE (object), result, &undo_group,
                                                &error))
    {
      /* The message may quote the record: it goes to the rep, not the log. */
      crm_toast_queue_show_error (settling->overlay, _("Could not settle the refused change"),
                                  error);
      return;
    }

  crm_toast_queue_show_change (settling->overlay, settling->store, settling->title,
                               settling->undoable ? undo_group : 0);
}

/**
 * crm_refused_actions_edit:
 * @session: the profile's sync
 * @change_id: the refused change
 * @label: how the rep knows the record
 * @overlay: (nullable): where to say what was done
 * @cancellable: (nullable): a #GCancellable
 *
 * Puts the change back on the record, queued for the next push.
 */
void
crm_refused_actions_edit (CrmSyncSession  *session,
                          gint64           change_id,
                          const char      *label,
                          AdwToastOverlay *overlay,
                          GCancellable    *cancellable)
{
  CrmSyncEngine *engine;
  char *title;

  g_return_if_fail (CRM_IS_SYNC_SESSION (session));
  g_return_if_fail (label != NULL);

  engine = crm_sync_session_get_engine (session);
  if (engine == NULL)
    return;

  /* Translators: %s names the record */
  title = g_strdup_printf (_("The change is back on %s; correct it if needed, it is sent "
                             "with the next sync"), label);
  crm_sync_engine_retry_change_async (engine, change_id, cancellable, on_settled_cb,
                                      settling_new (session, overlay, title));
}

/**
 * crm_refused_actions_discard:
 * @session: the profile's sync
 * @change_id: the refused change
 * @operation: its operation: `create`, `update` or `delete`
 * @label: how the rep knows the record
 * @overlay: (nullable): where to say what was done
 * @cancellable: (nullable): a #GCancellable
 *
 * Drops the change. A refused create takes its record away, with what
 * belongs to it; the toast then offers Undo, which brings them back.
 */
void
crm_refused_actions_discard (CrmSyncSession  *session,
                             gint64           change_id,
                             const char      *operation,
                             const char      *label,
                             AdwToastOverlay *overlay,
                             GCancellable    *cancellable)
{
  CrmSyncEngine *engine;
  Settling *settling;
  char *title;

  g_return_if_fail (CRM_IS_SYNC_SESSION (session));
  g_return_if_fail (label != NULL);

  engine = crm_sync_session_get_engine (session);
  if (engine == NULL)
    return;

  if (g_strcmp0 (operation, "create") == 0)
    /* Translators: %s names the record */
    title = g_strdup_printf (_("Discarded %s"), label);
  else if (g_strcmp0 (operation, "delete") == 0)
    /* Translators: %s names the record */
    title = g_strdup_printf (_("%s comes back with the next sync"), label);
  else
    /* Translators: %s names the record */
    title = g_strdup_printf (_("Discarded the change; %s keeps the server’s values"), label);

  settling = settling_new (session, overlay, title);
  settling->undoable = g_strcmp0 (operation, "create") == 0;
  crm_sync_engine_discard_change_async (engine, change_id, cancellable, on_settled_cb,
                                        settling);
}

static GtkWidget *
new_button (const char *label,
            const char *tooltip,
            GCallback   clicked)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  g_signal_connect (button, "clicked", clicked, NULL);

  return button;
}

/**
 * crm_refused_actions_new_edit_button:
 * @clicked: the button's handler, called with the button
 *
 * Returns: (transfer floating): the Edit button of a refused change, as
 *   the customer page's strip and the sync details show it
 */
GtkWidget *
crm_refused_actions_new_edit_button (GCallback clicked)
{
  return new_button (_("_Edit"),
                     _("Put the change back on the record, to correct and send again"),
                     clicked);
}

/**
 * crm_refused_actions_new_discard_button:
 * @clicked: the button's handler, called with the button
 *
 * Returns: (transfer floating): the Discard button of a refused change
 */
GtkWidget *
crm_refused_actions_new_discard_button (GCallback clicked)
{
  return new_button (_("_Discard"), _("Drop the change"), clicked);
}
