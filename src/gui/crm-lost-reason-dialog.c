/* crm-lost-reason-dialog.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-lost-reason-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-lost-reason-dialog.h"

/* The question a move to a stage of category "lost" asks, wherever it is
 * made (the board, the opportunity list): why was it lost? The reason is
 * required, so the confirming response stays disabled until the entry
 * holds more than spaces; Cancel, Escape and closing the dialog answer
 * "cancel", and then nothing is stored (case K2). */
struct _CrmLostReasonDialog
{
  AdwMessageDialog  parent_instance;

  /* Borrowed: inside the extra child */
  GtkEditable      *entry;
};

G_DEFINE_FINAL_TYPE (CrmLostReasonDialog, crm_lost_reason_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
on_entry_changed_cb (CrmLostReasonDialog *self,
                     GtkEditable         *entry)
{
  g_autofree char *reason = crm_lost_reason_dialog_dup_reason (self);

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self),
                                           CRM_LOST_REASON_RESPONSE_LOST, reason[0] != '\0');
}

static void
on_suggestion_clicked_cb (CrmLostReasonDialog *self,
                          GtkButton           *button)
{
  gtk_editable_set_text (self->entry, gtk_button_get_label (button));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  gtk_editable_set_position (self->entry, -1);
}

/* The reasons reps give most, one click each. */
static GtkWidget *
create_suggestions (CrmLostReasonDialog *self)
{
  const char *reasons[] = {
    C_("lost reason", "Price"),
    C_("lost reason", "Timing"),
    C_("lost reason", "Competitor"),
    C_("lost reason", "No budget"),
    C_("lost reason", "No decision"),
  };
  GtkWidget *box = gtk_flow_box_new ();

  gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (box), GTK_SELECTION_NONE);
  /* A message dialog measures its extra child narrow: without a floor the
   * box would stack the pills one a line. */
  gtk_flow_box_set_min_children_per_line (GTK_FLOW_BOX (box), 3);
  gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (box), G_N_ELEMENTS (reasons));
  gtk_flow_box_set_column_spacing (GTK_FLOW_BOX (box), 6);
  gtk_flow_box_set_row_spacing (GTK_FLOW_BOX (box), 6);

  for (guint i = 0; i < G_N_ELEMENTS (reasons); i++)
    {
      GtkWidget *button = gtk_button_new_with_label (reasons[i]);

      gtk_widget_add_css_class (button, "pill");
      gtk_widget_add_css_class (button, "small");
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_suggestion_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_flow_box_append (GTK_FLOW_BOX (box), button);
    }

  return box;
}

static void
crm_lost_reason_dialog_class_init (CrmLostReasonDialogClass *klass)
{
}

static void
crm_lost_reason_dialog_init (CrmLostReasonDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *entry = gtk_entry_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);

  self->entry = GTK_EDITABLE (entry);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Reason for the loss"), -1);
  g_signal_connect_object (entry, "changed", G_CALLBACK (on_entry_changed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_box_append (GTK_BOX (box), entry);
  gtk_box_append (GTK_BOX (box), create_suggestions (self));
  adw_message_dialog_set_extra_child (dialog, box);

  adw_message_dialog_set_body (dialog, _("The reason stays with the opportunity and is noted "
                                         "on the customer’s timeline."));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    CRM_LOST_REASON_RESPONSE_LOST, _("_Mark as Lost"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, CRM_LOST_REASON_RESPONSE_LOST,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_enabled (dialog, CRM_LOST_REASON_RESPONSE_LOST, FALSE);
  adw_message_dialog_set_default_response (dialog, CRM_LOST_REASON_RESPONSE_LOST);
  adw_message_dialog_set_close_response (dialog, "cancel");
}

/**
 * crm_lost_reason_dialog_new:
 * @parent: (nullable): the window the dialog sits on
 * @opportunity: the name the rep knows the opportunity by
 *
 * Returns: (transfer none): a dialog asking why @opportunity was lost;
 *   present it and connect to #AdwMessageDialog::response
 */
GtkWidget *
crm_lost_reason_dialog_new (GtkWindow  *parent,
                            const char *opportunity)
{
  g_autofree char *heading = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (opportunity != NULL, NULL);

  /* Translators: %s is the opportunity marked as lost */
  heading = g_strdup_printf (_("Why Was “%s” Lost?"), opportunity);

  return g_object_new (CRM_TYPE_LOST_REASON_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       "heading", heading,
                       NULL);
}

/**
 * crm_lost_reason_dialog_get_entry:
 * @self: a #CrmLostReasonDialog
 *
 * Returns: (transfer none): the entry the reason is typed into
 */
GtkEditable *
crm_lost_reason_dialog_get_entry (CrmLostReasonDialog *self)
{
  g_return_val_if_fail (CRM_IS_LOST_REASON_DIALOG (self), NULL);

  return self->entry;
}

/**
 * crm_lost_reason_dialog_dup_reason:
 * @self: a #CrmLostReasonDialog
 *
 * Returns: (transfer full): the reason typed, without surrounding spaces
 */
char *
crm_lost_reason_dialog_dup_reason (CrmLostReasonDialog *self)
{
  g_return_val_if_fail (CRM_IS_LOST_REASON_DIALOG (self), NULL);

  return g_strstrip (g_strdup (gtk_editable_get_text (self->entry)));
}
