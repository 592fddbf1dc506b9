/* crm-subscription-dialog.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-subscription-dialog"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-customer-format.h"
#include "crm-opportunity-editor.h"
#include "crm-toast-queue.h"

#include "crm-subscription-dialog.h"

/**
 * CrmSubscriptionDialog:
 *
 * Records a subscription by hand, for a book without a ChartMogul account:
 * plan, amount, currency and the day billing starts. The store's rules
 * make the customer Active on that day, in the same change, so Undo in the
 * toast takes both back. With an account, billing comes from the server
 * and the customer page does not offer this.
 */

struct _CrmSubscriptionDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *plan_row;
  AdwEntryRow      *amount_row;
  AdwEntryRow      *currency_row;
  AdwEntryRow      *start_row;
  GtkLabel         *message_label;

  /* Owned */
  CrmStore         *store;
  AdwToastOverlay  *overlay;
  char             *customer_name;

  /* State */
  gint64            customer_id;
};

G_DEFINE_FINAL_TYPE (CrmSubscriptionDialog, crm_subscription_dialog, ADW_TYPE_MESSAGE_DIALOG)

typedef struct
{
  CrmStore        *store;
  AdwToastOverlay *overlay;
  char            *title;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->overlay);
  g_free (data->title);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

static gboolean
is_currency_code (const char *code)
{
  if (strlen (code) != 3)
    return FALSE;

  for (guint i = 0; i < 3; i++)
    if (!g_ascii_isupper (code[i]))
      return FALSE;

  return TRUE;
}

static gboolean
fail (const char  **bad_field,
      const char   *field,
      GError      **error,
      const char   *message)
{
  if (bad_field != NULL)
    *bad_field = field;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

/**
 * crm_subscription_dialog_build_fields:
 * @customer_id: the customer
 * @plan: the plan's name, may be empty
 * @amount: the amount as typed, in @currency
 * @currency: an ISO 4217 code, in any case
 * @started_on: the first day billed, `YYYY-MM-DD`
 * @bad_field: (out) (optional): on failure, the field that does not fit:
 *   "amount", "currency" or "started_on"
 * @error: return location for a #GError, with a message for the person
 *
 * Reads what a person typed into the columns of a subscription.
 *
 * Returns: (transfer floating) (nullable): the fields, a{sv}, or %NULL
 *   with @error set
 */
GVariant *
crm_subscription_dialog_build_fields (gint64       customer_id,
                                      const char  *plan,
                                      const char  *amount,
                                      const char  *currency,
                                      const char  *started_on,
                                      const char **bad_field,
                                      GError     **error)
{
  g_autofree char *code = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *day_text = NULL;
  g_autofree char *plan_text = NULL;
  g_autoptr(GDate) day = NULL;
  GVariantDict fields;
  gint64 minor = 0;

  g_return_val_if_fail (plan != NULL && amount != NULL, NULL);
  g_return_val_if_fail (currency != NULL && started_on != NULL, NULL);

  code = g_ascii_strup (g_strstrip (g_strdup (currency)), -1);
  if (!is_currency_code (code))
    {
      fail (bad_field, "currency", error,
            _("Enter the currency as a code of three letters, such as EUR"));
      return NULL;
    }

  typed = g_strstrip (g_strdup (amount));
  if (typed[0] == '\0' ||
      !crm_opportunity_editor_parse_amount (typed, code, NULL, &minor, error))
    {
      if (error != NULL && *error == NULL)
        fail (bad_field, "amount", error, _("Enter the amount billed each period"));
      else if (bad_field != NULL)
        *bad_field = "amount";
      return NULL;
    }

  day_text = g_strstrip (g_strdup (started_on));
  day = strlen (day_text) == 10 ? crm_date_parse (day_text) : NULL;
  if (day == NULL)
    {
      fail (bad_field, "started_on", error,
            _("Enter the first day billed as YYYY-MM-DD, such as 2025-07-01"));
      return NULL;
    }

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", customer_id);
  plan_text = g_strstrip (g_strdup (plan));
  g_variant_dict_insert (&fields, "plan", "s", plan_text);
  g_variant_dict_insert (&fields, "amount_minor", "x", minor);
  g_variant_dict_insert (&fields, "currency", "s", code);
  g_variant_dict_insert (&fields, "started_on", "s", day_text);

  return g_variant_dict_end (&fields);
}

/**
 * crm_subscription_dialog_dup_recorded:
 * @customer_name: whom the subscription is for
 * @started_on: its first day, `YYYY-MM-DD`
 * @today: today, `YYYY-MM-DD`
 *
 * Returns: (transfer full): the toast that reports a recorded subscription
 */
char *
crm_subscription_dialog_dup_recorded (const char *customer_name,
                                      const char *started_on,
                                      const char *today)
{
  g_autoptr(GDate) start = NULL;
  g_autofree char *date = NULL;

  g_return_val_if_fail (customer_name != NULL, NULL);
  g_return_val_if_fail (started_on != NULL && today != NULL, NULL);

  if (strcmp (started_on, today) <= 0)
    return g_strdup (_("Subscription recorded"));

  start = crm_date_parse (started_on);
  date = crm_customer_format_date (start);

  /* Translators: the first %s is a customer, the second a date */
  return g_strdup_printf (_("Subscription recorded: %s becomes Active on %s"),
                          customer_name, date);
}

static char *
dup_row_text (AdwEntryRow *row)
{
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
}

static GVariant *
read_fields (CrmSubscriptionDialog  *self,
             const char            **bad_field,
             GError                **error)
{
  g_autofree char *plan = dup_row_text (self->plan_row);
  g_autofree char *amount = dup_row_text (self->amount_row);
  g_autofree char *currency = dup_row_text (self->currency_row);
  g_autofree char *started_on = dup_row_text (self->start_row);

  return crm_subscription_dialog_build_fields (self->customer_id, plan, amount, currency,
                                               started_on, bad_field, error);
}

static void
mark_row (AdwEntryRow *row,
          gboolean     bad)
{
  if (bad)
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
}

static void
validate (CrmSubscriptionDialog *self)
{
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *amount = dup_row_text (self->amount_row);
  const char *bad = NULL;
  gboolean show;

  fields = read_fields (self, &bad, &error);
  if (fields != NULL)
    g_variant_ref_sink (fields);

  /* An amount not typed yet is no mistake to point at. */
  show = fields == NULL && !(g_strcmp0 (bad, "amount") == 0 && g_strstrip (amount)[0] == '\0');

  mark_row (self->amount_row, show && g_strcmp0 (bad, "amount") == 0);
  mark_row (self->currency_row, show && g_strcmp0 (bad, "currency") == 0);
  mark_row (self->start_row, show && g_strcmp0 (bad, "started_on") == 0);

  if (show)
    {
      gtk_label_set_text (self->message_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->message_label,
                          _("Billing starts on this day; it can be today or later."));
      gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "dim-label");
    }

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "record", fields != NULL);
}

static void
on_row_changed_cb (CrmSubscriptionDialog *self)
{
  validate (self);
}

static void
on_row_entry_activated_cb (CrmSubscriptionDialog *self)
{
  if (!adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "record"))
    return;

  /* As the Record button does: respond, then close. */
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "record");
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_subscription_added_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(SaveData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 undo_group = 0;

  if (crm_store_insert_finish (CRM_STORE (object), result, &undo_group, &error) > 0)
    {
      crm_toast_queue_show_change (data->overlay, data->store, data->title, undo_group);
      return;
    }

  /* Translators: %s says why */
  message = g_strdup_printf (_("Could not record the subscription: %s"), error->message);
  crm_toast_queue_show_change (data->overlay, NULL, message, 0);
}

static void
record (CrmSubscriptionDialog *self)
{
  g_autoptr(GVariant) fields = NULL;
  g_autofree char *today = crm_store_dup_today (self->store);
  const char *started_on = NULL;
  SaveData *data;

  fields = read_fields (self, NULL, NULL);
  if (fields == NULL)
    return;
  g_variant_ref_sink (fields);
  g_variant_lookup (fields, "started_on", "&s", &started_on);

  /* The insert outlives the dialog, which closes now. */
  data = g_new0 (SaveData, 1);
  data->store = g_object_ref (self->store);
  data->overlay = self->overlay != NULL ? g_object_ref (self->overlay) : NULL;
  data->title = crm_subscription_dialog_dup_recorded (self->customer_name, started_on, today);

  crm_store_insert_async (self->store, CRM_ENTITY_SUBSCRIPTION, g_steal_pointer (&fields),
                          CRM_ORIGIN_PERSON, NULL, on_subscription_added_cb, data);
}

static void
crm_subscription_dialog_response (AdwMessageDialog *dialog,
                                  const char       *response)
{
  CrmSubscriptionDialog *self = CRM_SUBSCRIPTION_DIALOG (dialog);

  AdwMessageDialogClass *parent_class =
    ADW_MESSAGE_DIALOG_CLASS (crm_subscription_dialog_parent_class);

  if (g_strcmp0 (response, "record") == 0)
    record (self);

  /* libadwaita 1.2 closes the dialog itself, with no class handler. */
  if (parent_class->response != NULL)
    parent_class->response (dialog, response);
}

static void
crm_subscription_dialog_dispose (GObject *object)
{
  CrmSubscriptionDialog *self = CRM_SUBSCRIPTION_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_SUBSCRIPTION_DIALOG);
  g_clear_object (&self->store);
  g_clear_object (&self->overlay);

  G_OBJECT_CLASS (crm_subscription_dialog_parent_class)->dispose (object);
}

static void
crm_subscription_dialog_finalize (GObject *object)
{
  CrmSubscriptionDialog *self = CRM_SUBSCRIPTION_DIALOG (object);

  g_free (self->customer_name);

  G_OBJECT_CLASS (crm_subscription_dialog_parent_class)->finalize (object);
}

static void
crm_subscription_dialog_class_init (CrmSubscriptionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = crm_subscription_dialog_dispose;
  object_class->finalize = crm_subscription_dialog_finalize;
  dialog_class->response = crm_subscription_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-subscription-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmSubscriptionDialog, plan_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSubscriptionDialog, amount_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSubscriptionDialog, currency_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSubscriptionDialog, start_row);
  gtk_widget_class_bind_template_child (widget_class, CrmSubscriptionDialog, message_label);
}

static void
crm_subscription_dialog_init (CrmSubscriptionDialog *self)
{
  AdwEntryRow *rows[4];

  gtk_widget_init_template (GTK_WIDGET (self));

  rows[0] = self->plan_row;
  rows[1] = self->amount_row;
  rows[2] = self->currency_row;
  rows[3] = self->start_row;
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      g_signal_connect_object (rows[i], "changed", G_CALLBACK (on_row_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (rows[i], "entry-activated",
                               G_CALLBACK (on_row_entry_activated_cb), self,
                               G_CONNECT_SWAPPED);
    }
}

/**
 * crm_subscription_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store
 * @customer_id: whom the subscription is for
 * @customer_name: their name, for the dialog and the toast
 * @overlay: (nullable): where to report the result
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
crm_subscription_dialog_new (GtkWindow       *parent,
                             CrmStore        *store,
                             gint64           customer_id,
                             const char      *customer_name,
                             AdwToastOverlay *overlay)
{
  CrmSubscriptionDialog *self;
  g_autofree char *today = NULL;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_name != NULL, NULL);
  g_return_val_if_fail (overlay == NULL || ADW_IS_TOAST_OVERLAY (overlay), NULL);

  self = g_object_new (CRM_TYPE_SUBSCRIPTION_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  self->customer_id = customer_id;
  self->customer_name = g_strdup (customer_name);

  /* Translators: %s is a customer */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("%s becomes Active the day billing starts."),
                                  customer_name);

  today = crm_store_dup_today (store);
  gtk_editable_set_text (GTK_EDITABLE (self->start_row), today);
  validate (self);

  return GTK_WIDGET (self);
}
