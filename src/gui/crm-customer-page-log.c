/* crm-customer-page-log.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-call-logger.h"
#include "crm-customer-page-private.h"
#include "crm-email-log-dialog.h"

/* Logging what a rep did: a call, in the call logger's own window, opened
 * from the page (the first contact with a number) or from a contact's
 * phone button (that contact, dialled at once); an email, in a small
 * dialog. Their toasts come back to the window of the page. */

static AdwToastOverlay *
find_overlay (CrmCustomerPage *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
}

static GtkApplication *
get_application (CrmCustomerPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;
}

static gboolean
has_phone (CrmContact *contact)
{
  const char *phone = crm_contact_get_phone (contact);

  return phone != NULL && phone[0] != '\0';
}

/* @contact_id 0: the first contact with a number, if any. */
static CrmContact *
find_contact (CrmCustomerPage *self,
              gint64           contact_id)
{
  GListModel *contacts = G_LIST_MODEL (self->contacts);

  for (guint i = 0; i < g_list_model_get_n_items (contacts); i++)
    {
      g_autoptr(CrmContact) contact = g_list_model_get_item (contacts, i);

      if (contact_id != 0 ? crm_record_get_id (CRM_RECORD (contact)) == contact_id
                          : has_phone (contact))
        return g_steal_pointer (&contact);
    }

  return NULL;
}

static CrmCallLogger *
open_call_logger (CrmCustomerPage *self,
                  CrmContact      *contact)
{
  g_autofree char *contact_name = NULL;
  GtkWidget *logger;

  if (contact != NULL)
    contact_name = crm_contact_dup_full_name (contact);

  logger = crm_call_logger_new (get_application (self), self->store, self->customer_id,
                                crm_customer_get_display_name (self->customer), contact_name,
                                contact != NULL ? crm_contact_get_phone (contact) : NULL,
                                find_overlay (self));
  gtk_window_present (GTK_WINDOW (logger));

  return CRM_CALL_LOGGER (logger);
}

static void
crm_customer_page_log_call_action (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  g_autoptr(CrmContact) contact = NULL;

  if (self->customer == NULL)
    return;

  contact = find_contact (self, 0);
  open_call_logger (self, contact);
}

/* The phone button means "call now": the number goes to the softphone as
 * the logger opens. */
static void
crm_customer_page_call_contact_action (GtkWidget  *widget,
                                       const char *action_name,
                                       GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  g_autoptr(CrmContact) contact = NULL;
  CrmCallLogger *logger;

  if (self->customer == NULL)
    return;

  contact = find_contact (self, g_variant_get_int64 (param));
  if (contact == NULL)
    return;

  logger = open_call_logger (self, contact);
  crm_call_logger_place_call (logger);
}

static void
crm_customer_page_log_email_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  CrmCustomerPage *self = CRM_CUSTOMER_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  if (self->customer == NULL)
    return;

  dialog = crm_email_log_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                     self->store, self->customer_id,
                                     crm_customer_get_display_name (self->customer),
                                     find_overlay (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

/**
 * _crm_customer_page_update_log_actions:
 * @self: a #CrmCustomerPage
 */
void
_crm_customer_page_update_log_actions (CrmCustomerPage *self)
{
  gboolean shown = self->customer != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.log-call", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.call-contact", shown);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customer.log-email", shown);
}

void
_crm_customer_page_class_init_log (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "customer.log-call", NULL,
                                   crm_customer_page_log_call_action);
  gtk_widget_class_install_action (widget_class, "customer.call-contact", "x",
                                   crm_customer_page_call_contact_action);
  gtk_widget_class_install_action (widget_class, "customer.log-email", NULL,
                                   crm_customer_page_log_email_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_l, GDK_CONTROL_MASK,
                                       "customer.log-call", NULL);
}
