/* crm-customer-page-actions.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-customer-format.h"
#include "crm-customer-page-private.h"
#include "crm-toast-queue.h"
#include "crm-customer-window.h"
#include "crm-opportunity-editor.h"
#include "crm-subscription-dialog.h"

/* The customer.* actions, and the toasts that report what they did. A toast
 * goes to the nearest AdwToastOverlay, which outlives the page when the
 * page closes because its customer was deleted. */

typedef struct
{
  CrmCustomerPage *page;
  char            *status;
} StatusChange;

typedef struct
{
  CrmStore        *store;
  AdwToastOverlay *overlay;
  char            *name;
} DeleteData;

typedef struct
{
  AdwToastOverlay *overlay;
  char            *uri;
} LaunchData;

static void
status_change_free (StatusChange *change)
{
  g_clear_object (&change->page);
  g_free (change->status);
  g_free (change);
}

static void
delete_data_free (DeleteData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->overlay);
  g_free (data->name);
  g_free (data);
}

static void
launch_data_free (LaunchData *data)
{
  g_clear_object (&data->overlay);
  g_free (data->uri);
  g_free (data);
}

static void
free_closure_text (gpointer  data,
                   GClosure *closure)
{
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (StatusChange, status_change_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DeleteData, delete_data_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (LaunchData, launch_data_free)

static AdwToastOverlay *
find_overlay (CrmCustomerPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
}

/* Takes @toast; drops it when the overlay has left its window. */
static void
show_toast_on (AdwToastOverlay *overlay,
               AdwToast        *toast)
{
  if (overlay == NULL || gtk_widget_get_root (GTK_WIDGET (overlay)) == NULL)
    {
      g_object_unref (toast);
      return;
    }

  crm_toast_queue_show (overlay, toast);
}

static AdwToast *
create_toast (const char *title)
{
  g_autofree char *escaped = g_markup_escape_text (title, -1);

  /* Toast titles are markup, and ours may quote a customer's name. */
  return adw_toast_new (escaped);
}

void
_crm_customer_page_show_toast (CrmCustomerPage *self,
                               AdwToast        *toast)
{
  show_toast_on (find_overlay (self), toast);
}

void
_crm_customer_page_show_error (CrmCustomerPage *self,
                               const char      *what,
                               const GError    *error)
{
  crm_toast_queue_show_error (find_overlay (self), what, error);
}

void
_crm_customer_page_show_undo_toast (CrmCustomerPage *self,
                                    const char      *title,
                                    gint64           undo_group)
{
  crm_toast_queue_show_change (find_overlay (self), self->store, title, undo_group);
}

/* The toast goes away as its button is used; that is the feedback. */
static void
on_copy_toast_button_clicked_cb (AdwToast   *toast,
                                 const char *text)
{
  AdwToastOverlay *overlay = g_object_get_data (G_OBJECT (toast), "crm-overlay");

  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (overlay)), text);
}

/* A bare machine has no handler for mailto:, tel: or even https:, so a
 * failed hand-off offers the text to paste elsewhere. */
static void
show_copy_toast_on (AdwToastOverlay *overlay,
                    const char      *uri)
{
  const char *title = _("No app could open the link");
  const char *button = _("_Copy Link");
  const char *text = uri;
  AdwToast *toast;

  if (overlay == NULL)
    return;

  if (g_str_has_prefix (uri, "mailto:"))
    {
      title = _("No app could write the email");
      button = _("_Copy Address");
      text = uri + strlen ("mailto:");
    }
  else if (g_str_has_prefix (uri, "tel:"))
    {
      title = _("No app could place the call");
      button = _("_Copy Number");
      text = uri + strlen ("tel:");
    }

  toast = create_toast (title);
  adw_toast_set_button_label (toast, button);
  adw_toast_set_timeout (toast, 10);
  g_object_set_data (G_OBJECT (toast), "crm-overlay", overlay);
  g_signal_connect_data (toast, "button-clicked",
                         G_CALLBACK (on_copy_toast_button_clicked_cb),
                         g_strdup (text), free_closure_text, G_CONNECT_DEFAULT);
  show_toast_on (overlay, toast);
}

static void
on_uri_launched_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(LaunchData) data = user_data;
  g_autoptr(GError) error = NULL;

  if (g_app_info_launch_default_for_uri_finish (result, &error))
    return;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* The URI may hold an address or a number: it stays out of the log. */
  g_debug ("Failed to hand a link to another app: %s", error->message);
  show_copy_toast_on (data->overlay, data->uri);
}

void
_crm_customer_page_open_uri (CrmCustomerPage *self,
                             const char      *uri)
{
  g_autoptr(GdkAppLaunchContext) context = NULL;
  AdwToastOverlay *overlay;
  LaunchData *data;

  g_assert (CRM_IS_CUSTOMER_PAGE (self));
  g_assert (uri != NULL);

  context = gdk_display_get_app_launch_context (gtk_widget_get_display (GTK_WIDGET (self)));
  overlay = find_overlay (self);

  data = g_new0 (LaunchData, 1);
  data->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  data->uri = g_strdup (uri);

  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (context),
                                           self->cancellable, on_uri_launched_cb, data);
}

static void
crm_customer_page_open_uri_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  _crm_customer_page_open_uri (CRM_CUSTOMER_PAGE (widget), g_variant_get_string (param, NULL));
}

static void
crm_customer_page_open_website_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  g_autofree char *uri = NULL;

  if (self->customer == NULL)
    return;

  uri = crm_customer_format_web_uri (crm_customer_get_website (self->customer));
  if (uri != NULL)
    _crm_customer_page_open_uri (self, uri);
}

static void
crm_customer_page_open_linkedin_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  g_autofree char *uri = NULL;

  if (self->customer == NULL)
    return;

  uri = crm_customer_format_linkedin_uri (crm_customer_get_linkedin (self->customer));
  if (uri != NULL)
    _crm_customer_page_open_uri (self, uri);
}

static void
crm_customer_page_go_back_action (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *param)
{
  g_signal_emit_by_name (widget, "closed");
}

static void
on_status_set_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(StatusChange) change = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _crm_customer_page_show_error (change->page, _("Could not change the status"), error);
      return;
    }

  title = g_strdup_printf (_("Status changed to %s"), crm_status_get_label (change->status));
  _crm_customer_page_show_undo_toast (change->page, title, undo_group);
}

static void
crm_customer_page_set_status_action (GtkWidget  *widget,
                                     const char *action_name,
                                     GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  const char *status = g_variant_get_string (param, NULL);
  StatusChange *change;

  if (self->customer == NULL || !crm_status_is_person_settable (status))
    return;

  if (g_strcmp0 (status, crm_customer_get_status (self->customer)) == 0)
    return;

  change = g_new0 (StatusChange, 1);
  change->page = g_object_ref (self);
  change->status = g_strdup (status);

  crm_store_set_status_async (self->store, self->customer_id, status, CRM_ORIGIN_PERSON,
                              self->cancellable, on_status_set_cb, change);
}

static void
crm_customer_page_open_window_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *application = NULL;
  GtkWidget *window;

  if (GTK_IS_WINDOW (root))
    application = gtk_window_get_application (GTK_WINDOW (root));

  window = crm_customer_window_new (application, self->store, self->customer_id);
  gtk_window_present (GTK_WINDOW (window));
}

/* The editor sits on the page's window; its toast shows there. */
static void
open_opportunity_editor (CrmCustomerPage *self,
                         gint64           opportunity_id)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *editor;

  if (self->customer == NULL)
    return;

  editor = crm_opportunity_editor_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                       self->store, self->customer_id, opportunity_id);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
crm_customer_page_add_opportunity_action (GtkWidget  *widget,
                                          const char *action_name,
                                          GVariant   *param)
{
  open_opportunity_editor (CRM_CUSTOMER_PAGE (widget), 0);
}

static void
crm_customer_page_edit_opportunity_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  open_opportunity_editor (CRM_CUSTOMER_PAGE (widget), g_variant_get_int64 (param));
}

static void
crm_customer_page_add_subscription_action (GtkWidget  *widget,
                                           const char *action_name,
                                           GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->customer == NULL || _crm_customer_page_is_synced (self))
    return;

  dialog = crm_subscription_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                        self->store, self->customer_id,
                                        crm_customer_get_display_name (self->customer),
                                        find_overlay (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_customer_deleted_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(DeleteData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      crm_toast_queue_show_error (data->overlay, _("Could not delete the customer"), error);
      return;
    }

  /* Translators: %s is a customer's name */
  title = g_strdup_printf (_("“%s” deleted"), data->name);
  crm_toast_queue_show_change (data->overlay, data->store, title, undo_group);
}

static void
on_delete_dialog_response_cb (CrmCustomerPage *self,
                              const char      *response)
{
  DeleteData *data;
  AdwToastOverlay *overlay;

  if (g_strcmp0 (response, "delete") != 0 || self->customer == NULL)
    return;

  /* The page closes when its customer goes, before the answer comes: the
   * overlay it sat in reports it. */
  overlay = find_overlay (self);
  data = g_new0 (DeleteData, 1);
  data->store = g_object_ref (self->store);
  data->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  data->name = g_strdup (crm_customer_get_display_name (self->customer));

  crm_store_delete_async (self->store, CRM_ENTITY_CUSTOMER, self->customer_id,
                          CRM_ORIGIN_PERSON, NULL, on_customer_deleted_cb, data);
}

static guint
count_for_customer (CrmCustomerPage *self,
                    CrmEntityKind    kind)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS,
                  g_variant_new_int64 (self->customer_id));

  return crm_store_count (self->store, kind, filter);
}

static void
crm_customer_page_delete_action (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  g_autofree char *what_goes = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  what_goes = crm_customer_format_delete_body (count_for_customer (self, CRM_ENTITY_CONTACT),
                                               count_for_customer (self, CRM_ENTITY_TASK),
                                               count_for_customer (self, CRM_ENTITY_OPPORTUNITY),
                                               count_for_customer (self, CRM_ENTITY_ACTIVITY));
  body = g_strconcat (what_goes, " ", _("You can undo this right afterwards."), NULL);

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, NULL, body);
  adw_message_dialog_format_heading (ADW_MESSAGE_DIALOG (dialog), _("Delete “%s”?"),
                                     crm_customer_get_display_name (self->customer));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_delete_dialog_response_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _crm_customer_page_can_set_status:
 * @self: a #CrmCustomerPage
 *
 * Subscriber statuses come from billing (sync or a subscription), never
 * from a person; any other status may be changed to a lead status.
 *
 * Returns: whether a person may change the customer's status
 */
gboolean
_crm_customer_page_can_set_status (CrmCustomerPage *self)
{
  if (self->customer == NULL)
    return FALSE;

  switch (crm_customer_get_status_kind (self->customer))
    {
    case CRM_STATUS_ACTIVE:
    case CRM_STATUS_PAST_DUE:
    case CRM_STATUS_CANCELLED:
      return FALSE;

    default:
      return TRUE;
    }
}

/**
 * _crm_customer_page_is_synced:
 * @self: a #CrmCustomerPage
 *
 * Returns: whether the book syncs with a ChartMogul account, whose billing
 *   then gives the subscriber statuses
 */
gboolean
_crm_customer_page_is_synced (CrmCustomerPage *self)
{
  g_autofree char *enabled = crm_store_dup_setting (self->store, "sync.enabled");

  return g_strcmp0 (enabled, "1") == 0;
}

/**
 * _crm_customer_page_update_actions:
 * @self: a #CrmCustomerPage
 *
 * Enables the actions that make sense for what the page shows.
 */
void
_crm_customer_page_update_actions (CrmCustomerPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  CrmCustomer *customer = self->customer;
  g_autofree char *website = NULL;
  g_autofree char *linkedin = NULL;

  if (customer != NULL)
    {
      website = crm_customer_format_web_uri (crm_customer_get_website (customer));
      linkedin = crm_customer_format_linkedin_uri (crm_customer_get_linkedin (customer));
    }

  gtk_widget_action_set_enabled (widget, "customer.go-back", self->show_back_button);
  gtk_widget_action_set_enabled (widget, "customer.set-status",
                                 _crm_customer_page_can_set_status (self));
  gtk_widget_action_set_enabled (widget, "customer.open-window",
                                 customer != NULL && self->show_back_button);
  gtk_widget_action_set_enabled (widget, "customer.delete", customer != NULL);
  gtk_widget_action_set_enabled (widget, "customer.open-website", website != NULL);
  gtk_widget_action_set_enabled (widget, "customer.open-linkedin", linkedin != NULL);
  gtk_widget_action_set_enabled (widget, "customer.open-uri", customer != NULL);
  gtk_widget_action_set_enabled (widget, "customer.add-opportunity", customer != NULL);
  gtk_widget_action_set_enabled (widget, "customer.edit-opportunity", customer != NULL);
  gtk_widget_action_set_enabled (widget, "customer.add-subscription",
                                 customer != NULL && !_crm_customer_page_is_synced (self));
  _crm_customer_page_update_edit_actions (self);
  _crm_customer_page_update_log_actions (self);
}

void
_crm_customer_page_class_init_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "customer.go-back", NULL,
                                   crm_customer_page_go_back_action);
  gtk_widget_class_install_action (widget_class, "customer.set-status", "s",
                                   crm_customer_page_set_status_action);
  gtk_widget_class_install_action (widget_class, "customer.open-window", NULL,
                                   crm_customer_page_open_window_action);
  gtk_widget_class_install_action (widget_class, "customer.delete", NULL,
                                   crm_customer_page_delete_action);
  gtk_widget_class_install_action (widget_class, "customer.open-website", NULL,
                                   crm_customer_page_open_website_action);
  gtk_widget_class_install_action (widget_class, "customer.open-linkedin", NULL,
                                   crm_customer_page_open_linkedin_action);
  gtk_widget_class_install_action (widget_class, "customer.open-uri", "s",
                                   crm_customer_page_open_uri_action);
  gtk_widget_class_install_action (widget_class, "customer.add-opportunity", NULL,
                                   crm_customer_page_add_opportunity_action);
  gtk_widget_class_install_action (widget_class, "customer.edit-opportunity", "x",
                                   crm_customer_page_edit_opportunity_action);
  gtk_widget_class_install_action (widget_class, "customer.add-subscription", NULL,
                                   crm_customer_page_add_subscription_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "customer.go-back", NULL);
}
