/* crm-email-log-dialog.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-email-log-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-opportunity-editor.h"

#include "crm-email-log-dialog.h"
#include "crm-toast-queue.h"

/**
 * CrmEmailLogDialog:
 *
 * Records an email the rep sent from elsewhere: its subject and body, on
 * the timeline as an email. Nothing is sent from here. The lead lifecycle
 * counts it as contact (a New Lead becomes a Working Lead), and its notice
 * joins the toast of the page that opened the dialog.
 */

struct _CrmEmailLogDialog
{
  AdwMessageDialog  parent_instance;

  /* Children */
  AdwEntryRow      *subject_row;
  GtkTextView      *body_view;

  /* Owned */
  CrmStore         *store;
  AdwToastOverlay  *overlay;

  /* State */
  gint64            customer_id;
};

G_DEFINE_FINAL_TYPE (CrmEmailLogDialog, crm_email_log_dialog, ADW_TYPE_MESSAGE_DIALOG)

typedef struct
{
  CrmStore        *store;
  AdwToastOverlay *overlay;
} LogData;

static void
log_data_free (LogData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->overlay);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LogData, log_data_free)

/**
 * crm_email_log_dialog_build_fields:
 * @customer_id: whom the email went to
 * @subject: its subject
 * @body: its text
 * @occurred_at: when it was sent, a timestamp
 * @author: (nullable): the rep's email
 *
 * Returns: (transfer floating) (nullable): the email's activity, a{sv}, or
 *   %NULL when both the subject and the body are empty
 */
GVariant *
crm_email_log_dialog_build_fields (gint64      customer_id,
                                   const char *subject,
                                   const char *body,
                                   const char *occurred_at,
                                   const char *author)
{
  g_autofree char *subject_text = NULL;
  g_autofree char *body_text = NULL;
  GVariantDict fields;

  g_return_val_if_fail (subject != NULL && body != NULL && occurred_at != NULL, NULL);

  subject_text = g_strstrip (g_strdup (subject));
  body_text = g_strstrip (g_strdup (body));
  if (subject_text[0] == '\0' && body_text[0] == '\0')
    return NULL;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", customer_id);
  g_variant_dict_insert (&fields, "kind", "s", "email");
  g_variant_dict_insert (&fields, "occurred_at", "s", occurred_at);
  if (subject_text[0] != '\0')
    g_variant_dict_insert (&fields, "subject", "s", subject_text);
  g_variant_dict_insert (&fields, "body", "s", body_text);
  if (author != NULL && author[0] != '\0')
    g_variant_dict_insert (&fields, "author", "s", author);

  return g_variant_dict_end (&fields);
}

static char *
dup_body (CrmEmailLogDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static GVariant *
read_fields (CrmEmailLogDialog *self)
{
  g_autofree char *body = dup_body (self);
  g_autofree char *now = crm_timestamp_now ();
  g_autofree char *me = crm_store_dup_setting (self->store, "me.email");
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));

  return crm_email_log_dialog_build_fields (self->customer_id, subject, body, now, me);
}

static void
update_response (CrmEmailLogDialog *self)
{
  g_autoptr(GVariant) fields = read_fields (self);

  if (fields != NULL)
    g_variant_ref_sink (fields);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "log", fields != NULL);
}

static void
on_logged_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(LogData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 undo_group = 0;

  if (crm_store_insert_finish (CRM_STORE (object), result, &undo_group, &error) > 0)
    {
      crm_toast_queue_show_change (data->overlay, data->store, _("Email logged"),
                                        undo_group);
      return;
    }

  /* Translators: %s says why */
  message = g_strdup_printf (_("Could not log the email: %s"), error->message);
  crm_toast_queue_show_change (data->overlay, NULL, message, 0);
}

static void
log_email (CrmEmailLogDialog *self)
{
  g_autoptr(GVariant) fields = read_fields (self);
  LogData *data;

  if (fields == NULL)
    return;

  data = g_new0 (LogData, 1);
  data->store = g_object_ref (self->store);
  data->overlay = self->overlay != NULL ? g_object_ref (self->overlay) : NULL;

  /* The insert outlives the dialog, which closes now. */
  crm_store_insert_async (self->store, CRM_ENTITY_ACTIVITY, g_steal_pointer (&fields),
                          CRM_ORIGIN_PERSON, NULL, on_logged_cb, data);
}

static void
crm_email_log_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  AdwMessageDialogClass *parent_class =
    ADW_MESSAGE_DIALOG_CLASS (crm_email_log_dialog_parent_class);

  if (g_strcmp0 (response, "log") == 0)
    log_email (CRM_EMAIL_LOG_DIALOG (dialog));

  if (parent_class->response != NULL)
    parent_class->response (dialog, response);
}

static void
crm_email_log_dialog_dispose (GObject *object)
{
  CrmEmailLogDialog *self = CRM_EMAIL_LOG_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->overlay);

  G_OBJECT_CLASS (crm_email_log_dialog_parent_class)->dispose (object);
}

static void
crm_email_log_dialog_class_init (CrmEmailLogDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = crm_email_log_dialog_dispose;
  dialog_class->response = crm_email_log_dialog_response;
}

static void
crm_email_log_dialog_init (CrmEmailLogDialog *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *list = gtk_list_box_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  self->subject_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->subject_row), _("_Subject"));
  adw_preferences_row_set_use_underline (ADW_PREFERENCES_ROW (self->subject_row), TRUE);
  gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (self->subject_row));
  gtk_box_append (GTK_BOX (box), list);

  self->body_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->body_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->body_view, 12);
  gtk_text_view_set_bottom_margin (self->body_view, 12);
  gtk_text_view_set_left_margin (self->body_view, 12);
  gtk_text_view_set_right_margin (self->body_view, 12);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->body_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Body"),
                                  -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->body_view));
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_widget_add_css_class (scroller, "card");
  gtk_box_append (GTK_BOX (box), scroller);

  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Log Email"));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (self), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (self),
                                    "cancel", _("_Cancel"),
                                    "log", _("_Log Email"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (self), "log",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "log");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (self), "cancel");

  g_signal_connect_object (self->subject_row, "changed", G_CALLBACK (update_response), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (update_response), self, G_CONNECT_SWAPPED);
}

/**
 * crm_email_log_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the store
 * @customer_id: whom the email went to
 * @customer_name: their name, for the dialog
 * @overlay: (nullable): where to report the result
 *
 * Returns: (transfer none): a new dialog, not yet shown
 */
GtkWidget *
crm_email_log_dialog_new (GtkWindow       *parent,
                          CrmStore        *store,
                          gint64           customer_id,
                          const char      *customer_name,
                          AdwToastOverlay *overlay)
{
  CrmEmailLogDialog *self;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_name != NULL, NULL);

  self = g_object_new (CRM_TYPE_EMAIL_LOG_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);
  self->overlay = overlay != NULL ? g_object_ref (overlay) : NULL;
  self->customer_id = customer_id;

  /* Translators: %s is a customer */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("An email sent to %s, for the timeline. Nothing is sent "
                                    "from here."),
                                  customer_name);
  update_response (self);

  return GTK_WIDGET (self);
}

/**
 * crm_email_log_dialog_set_text:
 * @self: a #CrmEmailLogDialog
 * @subject: the subject
 * @body: the body
 *
 * Fills the fields, as typing does.
 */
void
crm_email_log_dialog_set_text (CrmEmailLogDialog *self,
                               const char        *subject,
                               const char        *body)
{
  g_return_if_fail (CRM_IS_EMAIL_LOG_DIALOG (self));

  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), subject);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), body, -1);
}
