/* crm-customer-page-edit.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-page-private.h"

/* Editing a customer in place: the right column turns into the editor
 * (Ctrl+E, or Edit on the Details group), beside the timeline the rep was
 * reading. Save writes every change in one mutation on the writer thread,
 * so one Undo takes the whole edit back; Escape or Cancel leaves without
 * writing. When the store refuses, the editor stays as typed and says
 * why above it. */

typedef struct
{
  gint64    customer_id;
  GVariant *fields;
  GStrv     tags;
  char     *me;
} EditJob;

typedef struct
{
  CrmCustomerPage *page;
} EditData;

static void
edit_job_free (gpointer data)
{
  EditJob *job = data;

  g_clear_pointer (&job->fields, g_variant_unref);
  g_strfreev (job->tags);
  g_free (job->me);
  g_free (job);
}

/* A change of owner by hand goes on the timeline, as a bulk edit's does:
 * who had it, who has it, and who gave it. */
static gboolean
add_owner_entry (CrmStoreTxn  *txn,
                 EditJob      *job,
                 const char   *old_owner,
                 GError      **error)
{
  g_autofree char *now = crm_timestamp_now ();
  const char *owner = NULL;
  GVariantDict activity;

  g_variant_lookup (job->fields, "owner", "m&s", &owner);

  g_variant_dict_init (&activity, NULL);
  g_variant_dict_insert (&activity, "customer_id", "x", job->customer_id);
  g_variant_dict_insert (&activity, "kind", "s", "owner");
  g_variant_dict_insert (&activity, "occurred_at", "s", now);
  g_variant_dict_insert (&activity, "cause", "s", "person");
  if (old_owner != NULL)
    g_variant_dict_insert (&activity, "old_owner", "s", old_owner);
  if (owner != NULL)
    g_variant_dict_insert (&activity, "new_owner", "s", owner);
  if (job->me != NULL && job->me[0] != '\0')
    g_variant_dict_insert (&activity, "author", "s", job->me);

  return crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY, g_variant_dict_end (&activity),
                               error) > 0;
}

/* Writer thread. */
static gboolean
edit_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  EditJob *job = data;
  g_autoptr(GVariant) row = NULL;
  const char *old_owner = NULL;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, job->customer_id, error);
  if (row == NULL)
    return FALSE;
  g_variant_lookup (row, "owner", "&s", &old_owner);

  if (g_variant_n_children (job->fields) > 0 &&
      !crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, job->customer_id,
                             g_variant_ref (job->fields), error))
    return FALSE;

  if (g_variant_lookup (job->fields, "owner", "m&s", NULL) &&
      !add_owner_entry (txn, job, old_owner, error))
    return FALSE;

  return job->tags == NULL ||
         crm_store_txn_set_tags (txn, job->customer_id, (const char * const *) job->tags,
                                 error);
}

static void
show_edit_message (CrmCustomerPage *self,
                   const char      *message)
{
  gtk_label_set_label (self->edit_message, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->edit_message), message != NULL);
}

static void
set_saving (CrmCustomerPage *self,
            gboolean         saving)
{
  self->saving = saving;
  _crm_customer_page_update_edit_actions (self);
}

static void
on_edit_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CrmCustomerPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 undo_group = 0;

  if (crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      set_saving (self, FALSE);
      _crm_customer_page_stop_editing (self);
      _crm_customer_page_show_undo_toast (self, _("Details saved"), undo_group);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  /* What was typed stays in the editor, to correct or try again. */
  set_saving (self, FALSE);
  /* Translators: %s says why */
  message = g_strdup_printf (_("Could not save the details: %s"), error->message);
  show_edit_message (self, message);
}

static void
save (CrmCustomerPage *self)
{
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  EditJob *job;

  if (!self->editing || self->saving || self->customer == NULL)
    return;

  fields = crm_customer_editor_build (self->editor, &tags, &error);
  if (fields == NULL)
    {
      /* The field says what is wrong; the line above repeats it. */
      show_edit_message (self, error->message);
      return;
    }
  g_variant_ref_sink (fields);
  show_edit_message (self, NULL);

  if (g_variant_n_children (fields) == 0 && tags == NULL)
    {
      _crm_customer_page_stop_editing (self);
      return;
    }

  job = g_new0 (EditJob, 1);
  job->customer_id = self->customer_id;
  job->fields = g_steal_pointer (&fields);
  job->tags = g_steal_pointer (&tags);
  job->me = crm_store_dup_setting (self->store, "me.email");

  set_saving (self, TRUE);
  crm_store_run_async (self->store, _("Edit customer"), CRM_ORIGIN_PERSON, edit_job, job,
                       edit_job_free, self->cancellable, on_edit_saved_cb,
                       g_object_ref (self));
}

static void
crm_customer_page_edit_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *param)
{
  _crm_customer_page_start_editing (CRM_CUSTOMER_PAGE (widget));
}

static void
crm_customer_page_save_edit_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *param)
{
  save (CRM_CUSTOMER_PAGE (widget));
}

static void
crm_customer_page_cancel_edit_action (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *param)
{
  _crm_customer_page_stop_editing (CRM_CUSTOMER_PAGE (widget));
}

static void
on_editor_activated_cb (CrmCustomerPage *self)
{
  save (self);
}

/**
 * _crm_customer_page_start_editing:
 * @self: a #CrmCustomerPage
 *
 * Shows the editor, filled from the customer, with the focus in the name.
 */
void
_crm_customer_page_start_editing (CrmCustomerPage *self)
{
  g_autofree char *me_email = NULL;
  g_auto(GStrv) owners = NULL;

  if (self->customer == NULL || self->editing)
    return;

  me_email = crm_store_dup_setting (self->store, "me.email");
  owners = crm_store_dup_owners (self->store);
  crm_customer_editor_load (self->editor, self->customer, me_email);
  crm_customer_editor_set_owners (self->editor, (const char * const *) owners);
  show_edit_message (self, NULL);

  self->editing = TRUE;
  gtk_stack_set_visible_child_name (self->details_stack, "edit");
  _crm_customer_page_update_edit_actions (self);
  crm_customer_editor_focus_name (self->editor);
}

/**
 * _crm_customer_page_stop_editing:
 * @self: a #CrmCustomerPage
 *
 * Goes back to the details, dropping what was not saved.
 */
void
_crm_customer_page_stop_editing (CrmCustomerPage *self)
{
  gboolean had_focus;

  if (!self->editing)
    return;

  had_focus = gtk_widget_get_focus_child (GTK_WIDGET (self->details_stack)) != NULL;
  self->editing = FALSE;
  gtk_stack_set_visible_child_name (self->details_stack, "view");
  _crm_customer_page_update_edit_actions (self);

  if (had_focus)
    gtk_widget_grab_focus (GTK_WIDGET (self->edit_button));
}

/**
 * _crm_customer_page_update_edit_actions:
 * @self: a #CrmCustomerPage
 */
void
_crm_customer_page_update_edit_actions (CrmCustomerPage *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean shown = self->customer != NULL;

  gtk_widget_action_set_enabled (widget, "customer.edit", shown && !self->editing);
  gtk_widget_action_set_enabled (widget, "customer.save-edit",
                                 shown && self->editing && !self->saving);
  gtk_widget_action_set_enabled (widget, "customer.cancel-edit", self->editing);
}

void
_crm_customer_page_class_init_edit (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "customer.edit", NULL,
                                   crm_customer_page_edit_action);
  gtk_widget_class_install_action (widget_class, "customer.save-edit", NULL,
                                   crm_customer_page_save_edit_action);
  gtk_widget_class_install_action (widget_class, "customer.cancel-edit", NULL,
                                   crm_customer_page_cancel_edit_action);

  gtk_widget_class_bind_template_callback (widget_class, on_editor_activated_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "customer.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "customer.cancel-edit", NULL);
}
