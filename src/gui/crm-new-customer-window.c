/* crm-new-customer-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-new-customer-window"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-core.h"
#include "crm-opportunity-editor.h"

#include "crm-new-customer-window.h"
#include "crm-toast-queue.h"

/**
 * CrmNewCustomerWindow:
 *
 * A new customer, typed in the customer editor with the focus in its name,
 * and stored only when the rep creates it: so the store's rules see it
 * whole. Routing gives it the owner of the first rule its country (or
 * anything else) matches; a customer no rule routes is the rep's own, and
 * one the rep gave an owner is not routed. The insert, the owner and the
 * tags are one change, which the toast can undo. Cancel stores nothing.
 */

struct _CrmNewCustomerWindow
{
  AdwWindow          parent_instance;

  /* Children */
  GtkLabel          *message_label;
  GtkButton         *create_button;
  CrmCustomerEditor *editor;

  /* Owned */
  CrmStore          *store;
  GCancellable      *cancellable;

  /* State */
  gboolean           creating;
};

G_DEFINE_FINAL_TYPE (CrmNewCustomerWindow, crm_new_customer_window, ADW_TYPE_WINDOW)

enum {
  SIGNAL_CREATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  CrmNewCustomerWindow *window;
  GVariant             *fields;
  GStrv                 tags;
  char                 *me;
  gint64                id;
} CreateJob;

static void
create_job_free (CreateJob *job)
{
  g_clear_object (&job->window);
  g_clear_pointer (&job->fields, g_variant_unref);
  g_strfreev (job->tags);
  g_free (job->me);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CreateJob, create_job_free)

/* Writer thread: the rules run inside the insert, routing among them. */
static gboolean
create_job (CrmStoreTxn  *txn,
            gpointer      data,
            GError      **error)
{
  CreateJob *job = data;
  g_autoptr(GVariant) row = NULL;
  const char *owner = NULL;

  job->id = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER, g_variant_ref (job->fields), error);
  if (job->id <= 0)
    return FALSE;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, job->id, error);
  if (row == NULL)
    return FALSE;

  g_variant_lookup (row, "owner", "&s", &owner);
  if (crm_routing_needs_owner (owner) && job->me != NULL && job->me[0] != '\0' &&
      !crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, job->id,
                             g_variant_new_parsed ("{'owner': <%s>}", job->me), error))
    return FALSE;

  return job->tags == NULL ||
         crm_store_txn_set_tags (txn, job->id, (const char * const *) job->tags, error);
}

static void
show_message (CrmNewCustomerWindow *self,
              const char           *message)
{
  gtk_label_set_label (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_creating (CrmNewCustomerWindow *self,
              gboolean              creating)
{
  self->creating = creating;
  gtk_widget_set_sensitive (GTK_WIDGET (self->create_button), !creating);
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CreateJob) job = user_data;
  CrmNewCustomerWindow *self = job->window;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  GtkWindow *parent;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;

      /* Nothing typed is lost: the window stays as it was. */
      set_creating (self, FALSE);
      /* Translators: %s says why */
      message = g_strdup_printf (_("Could not create the customer: %s"), error->message);
      show_message (self, message);
      return;
    }

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  crm_toast_queue_show_change (crm_toast_queue_find_overlay (GTK_WIDGET (parent)),
                                    self->store, _("Customer created"), undo_group);
  g_signal_emit (self, signals[SIGNAL_CREATED], 0, job->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The rules see no owner when the rep left it empty, so routing may pick
 * one; the status is the lifecycle's first. */
static GVariant *
complete_fields (GVariant *fields)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, fields);
  if (!g_variant_dict_contains (&dict, "status"))
    g_variant_dict_insert (&dict, "status", "s", "New Lead");

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/**
 * crm_new_customer_window_create:
 * @self: a #CrmNewCustomerWindow
 *
 * Creates the customer as typed, as the Create button does; a field
 * refused is marked and nothing is stored.
 */
void
crm_new_customer_window_create (CrmNewCustomerWindow *self)
{
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tags = NULL;
  CreateJob *job;

  g_return_if_fail (CRM_IS_NEW_CUSTOMER_WINDOW (self));

  if (self->creating)
    return;

  fields = crm_customer_editor_build (self->editor, &tags, &error);
  if (fields == NULL)
    {
      show_message (self, error->message);
      return;
    }
  g_variant_ref_sink (fields);
  show_message (self, NULL);

  job = g_new0 (CreateJob, 1);
  job->window = g_object_ref (self);
  job->fields = complete_fields (fields);
  job->tags = g_steal_pointer (&tags);
  job->me = crm_store_dup_setting (self->store, "me.email");

  set_creating (self, TRUE);
  crm_store_run_async (self->store, _("New customer"), CRM_ORIGIN_PERSON, create_job, job,
                       NULL, self->cancellable, on_created_cb, job);
}

static void
on_create_clicked_cb (CrmNewCustomerWindow *self)
{
  crm_new_customer_window_create (self);
}

static void
on_cancel_clicked_cb (CrmNewCustomerWindow *self)
{
  gtk_window_close (GTK_WINDOW (self));
}

static void
crm_new_customer_window_dispose (GObject *object)
{
  CrmNewCustomerWindow *self = CRM_NEW_CUSTOMER_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_new_customer_window_parent_class)->dispose (object);
}

static void
crm_new_customer_window_class_init (CrmNewCustomerWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_new_customer_window_dispose;

  /**
   * CrmNewCustomerWindow::created:
   * @id: the new customer
   *
   * Emitted when the customer is stored, before the window closes.
   */
  signals[SIGNAL_CREATED] =
    g_signal_new ("created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CRM_TYPE_CUSTOMER_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-new-customer-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmNewCustomerWindow, message_label);
  gtk_widget_class_bind_template_child (widget_class, CrmNewCustomerWindow, create_button);
  gtk_widget_class_bind_template_child (widget_class, CrmNewCustomerWindow, editor);
  gtk_widget_class_bind_template_callback (widget_class, on_create_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
crm_new_customer_window_init (CrmNewCustomerWindow *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_new_customer_window_new:
 * @parent: (nullable): the window whose toast reports the new customer
 * @store: the store
 *
 * Returns: (transfer none): a new window, owned by GTK's list of
 *   toplevels, with the focus in the name once shown
 */
GtkWidget *
crm_new_customer_window_new (GtkWindow *parent,
                             CrmStore  *store)
{
  CrmNewCustomerWindow *self;
  g_autofree char *me_email = NULL;
  g_auto(GStrv) owners = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  self = g_object_new (CRM_TYPE_NEW_CUSTOMER_WINDOW,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->store = g_object_ref (store);

  me_email = crm_store_dup_setting (store, "me.email");
  owners = crm_store_dup_owners (store);
  crm_customer_editor_load (self->editor, NULL, me_email);
  crm_customer_editor_set_owners (self->editor, (const char * const *) owners);
  crm_customer_editor_focus_name (self->editor);

  return GTK_WIDGET (self);
}

/**
 * crm_new_customer_window_get_editor:
 * @self: a #CrmNewCustomerWindow
 *
 * Returns: (transfer none): its editor
 */
CrmCustomerEditor *
crm_new_customer_window_get_editor (CrmNewCustomerWindow *self)
{
  g_return_val_if_fail (CRM_IS_NEW_CUSTOMER_WINDOW (self), NULL);

  return self->editor;
}
