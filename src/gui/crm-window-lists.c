/* crm-window-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-filter-bar.h"
#include "crm-saved-lists.h"
#include "crm-toast-queue.h"
#include "crm-window-private.h"

/* The window's actions on saved lists: save the filter shown as a list,
 * rename, move and delete one. Each change is a store mutation whose toast
 * offers Undo; the sidebar follows through the saved lists' query model. */

typedef struct
{
  CrmWindow *window;
  gint64     list_id;
  char      *name;
} ListRequest;

static void
list_request_free (ListRequest *request)
{
  g_clear_object (&request->window);
  g_free (request->name);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ListRequest, list_request_free)

static ListRequest *
list_request_new (CrmWindow  *self,
                  gint64      list_id,
                  const char *name)
{
  ListRequest *request = g_new0 (ListRequest, 1);

  request->window = g_object_ref (self);
  request->list_id = list_id;
  request->name = g_strdup (name);

  return request;
}

static void
list_request_closure_free (gpointer  data,
                           GClosure *closure)
{
  list_request_free (data);
}

static CrmSavedList *
load_saved_list (CrmWindow  *self,
                 const char *list_id)
{
  gint64 id = crm_saved_lists_parse_list_id (list_id);
  GObject *list;

  if (id <= 0)
    return NULL;

  list = crm_store_load (self->store, CRM_ENTITY_SAVED_LIST, id, NULL);
  return list != NULL ? CRM_SAVED_LIST (list) : NULL;
}

static void
on_list_created_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ListRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *list_id = NULL;
  gint64 undo_group = 0;
  gint64 id;

  id = crm_saved_lists_create_finish (CRM_STORE (object), result, &undo_group, &error);
  if (id <= 0)
    {
      crm_toast_queue_show_error (request->window->toast_overlay,
                                  _("Could not save the list"), error);
      return;
    }

  /* The row comes with the store's change signal; select it then. */
  request->window->pending_list_id = id;
  list_id = crm_saved_lists_make_list_id (id);
  if (crm_window_select_list (request->window, list_id))
    request->window->pending_list_id = 0;

  /* TRANSLATORS: %s is the name of a saved list */
  title = g_strdup_printf (_("List “%s” saved"), request->name);
  crm_toast_queue_show_change (request->window->toast_overlay, request->window->store,
                               title, undo_group);
}

static void
on_save_dialog_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            ListRequest      *request)
{
  CrmWindow *self = request->window;
  CrmFilterBar *filter_bar;
  const char *name;

  if (!g_str_equal (response, "save"))
    return;

  name = crm_saved_lists_name_dialog_get_name (dialog);
  filter_bar = crm_customer_list_page_get_filter_bar (self->list_page);
  crm_saved_lists_create_async (self->store, CRM_ENTITY_CUSTOMER, name,
                                crm_filter_bar_get_filter (filter_bar),
                                self->cancellable, on_list_created_cb,
                                list_request_new (self, 0, name));
}

static void
crm_window_save_list_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  AdwMessageDialog *dialog;

  dialog = crm_saved_lists_name_dialog_new (GTK_WINDOW (self), self->store,
                                            CRM_ENTITY_CUSTOMER, 0,
                                            _("Save as List"), _("_Save"), NULL);
  adw_message_dialog_set_body (dialog, _("The list shows the customers that match "
                                         "the filter, as they change."));
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_save_dialog_response_cb),
                         list_request_new (self, 0, NULL), list_request_closure_free,
                         G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_list_renamed_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ListRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      crm_toast_queue_show_error (request->window->toast_overlay,
                                  _("Could not rename the list"), error);
      return;
    }

  crm_toast_queue_show_change (request->window->toast_overlay, request->window->store,
                               _("List renamed"), undo_group);
}

static void
on_rename_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              ListRequest      *request)
{
  CrmWindow *self = request->window;

  if (!g_str_equal (response, "save"))
    return;

  crm_saved_lists_rename_async (self->store, request->list_id,
                                crm_saved_lists_name_dialog_get_name (dialog),
                                self->cancellable, on_list_renamed_cb,
                                list_request_new (self, request->list_id, NULL));
}

static void
crm_window_rename_list_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(CrmSavedList) list = load_saved_list (self, g_variant_get_string (parameter, NULL));
  AdwMessageDialog *dialog;
  gint64 id;

  if (list == NULL)
    return;

  id = crm_record_get_id (CRM_RECORD (list));
  dialog = crm_saved_lists_name_dialog_new (GTK_WINDOW (self), self->store,
                                            CRM_ENTITY_CUSTOMER, id,
                                            _("Rename List"), _("_Rename"),
                                            crm_saved_list_get_name (list));
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_rename_dialog_response_cb),
                         list_request_new (self, id, NULL), list_request_closure_free,
                         G_CONNECT_DEFAULT);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_list_deleted_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(ListRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      crm_toast_queue_show_error (request->window->toast_overlay,
                                  _("Could not delete the list"), error);
      return;
    }

  /* TRANSLATORS: %s is the name of a saved list */
  title = g_strdup_printf (_("List “%s” deleted"), request->name);
  crm_toast_queue_show_change (request->window->toast_overlay, request->window->store,
                               title, undo_group);
}

static void
crm_window_delete_list_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  g_autoptr(CrmSavedList) list = load_saved_list (self, g_variant_get_string (parameter, NULL));
  gint64 id;

  if (list == NULL)
    return;

  /* No question asked: the toast offers Undo. */
  id = crm_record_get_id (CRM_RECORD (list));
  crm_store_delete_async (self->store, CRM_ENTITY_SAVED_LIST, id, CRM_ORIGIN_PERSON,
                          self->cancellable, on_list_deleted_cb,
                          list_request_new (self, id, crm_saved_list_get_name (list)));
}

static void
on_list_moved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(ListRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *list_id = NULL;
  CrmSidebarRow *row;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error))
    {
      crm_toast_queue_show_error (request->window->toast_overlay,
                                  _("Could not move the list"), error);
      return;
    }

  /* Keyboard users keep their place on the row that moved. */
  list_id = crm_saved_lists_make_list_id (request->list_id);
  row = _crm_window_find_sidebar_row (request->window, list_id);
  if (row != NULL && gtk_widget_get_mapped (GTK_WIDGET (row)))
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
move_list (CrmWindow  *self,
           const char *list_id,
           int         offset)
{
  gint64 id = crm_saved_lists_parse_list_id (list_id);

  if (id <= 0)
    return;

  crm_saved_lists_move_async (self->store, G_LIST_MODEL (self->saved_lists), id, offset,
                              self->cancellable, on_list_moved_cb,
                              list_request_new (self, id, NULL));
}

static void
crm_window_move_list_up_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  move_list (CRM_WINDOW (widget), g_variant_get_string (parameter, NULL), -1);
}

static void
crm_window_move_list_down_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  move_list (CRM_WINDOW (widget), g_variant_get_string (parameter, NULL), 1);
}

void
_crm_window_class_install_list_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.save-list", NULL,
                                   crm_window_save_list_action);
  gtk_widget_class_install_action (widget_class, "win.rename-list", "s",
                                   crm_window_rename_list_action);
  gtk_widget_class_install_action (widget_class, "win.delete-list", "s",
                                   crm_window_delete_list_action);
  gtk_widget_class_install_action (widget_class, "win.move-list-up", "s",
                                   crm_window_move_list_up_action);
  gtk_widget_class_install_action (widget_class, "win.move-list-down", "s",
                                   crm_window_move_list_down_action);
}
