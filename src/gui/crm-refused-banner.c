/* crm-refused-banner.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-refused-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-refused-actions.h"
#include "crm-sync-format.h"
#include "crm-toast-queue.h"

#include "crm-refused-banner.h"

/**
 * CrmRefusedBanner:
 *
 * The changes ChartMogul refused that concern one customer (its own, and
 * those of its contacts, notes, tasks and opportunities), shown at the top
 * of its page where the rep looks, each with the server's message and
 * Edit and Discard, as the sync's details window has them. It slides in
 * when there is one, and out when none is left.
 *
 * It finds the profile's sync through the main window that shows the
 * profile, so it works in a customer window of its own too; a test may
 * give it one.
 */

struct _CrmRefusedBanner
{
  GtkWidget       parent_instance;

  /* Children */
  GtkRevealer    *revealer;
  GtkBox         *rows;

  /* Owned */
  CrmStore       *store;
  CrmSyncSession *session;
  GCancellable   *cancellable;

  /* State */
  gint64          customer_id;
  gulong          session_handler;
  guint           n_changes;
  gboolean        session_given;
};

G_DEFINE_FINAL_TYPE (CrmRefusedBanner, crm_refused_banner, GTK_TYPE_WIDGET)

/* What a row stands for; it belongs to the row. */
typedef struct
{
  CrmRefusedBanner *banner;     /* borrowed: the row lives in it */
  gint64            change_id;
  char             *operation;
  char             *label;
} RowData;

#define ROW_DATA_KEY "crm-refused-row"

static void
row_data_free (gpointer data)
{
  RowData *row_data = data;

  g_free (row_data->operation);
  g_free (row_data->label);
  g_free (row_data);
}

/**
 * crm_refused_banner_filter:
 * @store: the profile
 * @failed: (element-type CrmOutboxEntry): the refused changes
 * @customer_id: a customer
 *
 * Returns: (transfer container) (element-type CrmOutboxEntry): those of
 *   @failed that concern the customer or what belongs to it, in order
 */
GPtrArray *
crm_refused_banner_filter (CrmStore  *store,
                           GPtrArray *failed,
                           gint64     customer_id)
{
  GPtrArray *mine = g_ptr_array_new ();

  g_return_val_if_fail (CRM_IS_STORE (store), mine);
  g_return_val_if_fail (failed != NULL, mine);

  for (guint i = 0; customer_id > 0 && i < failed->len; i++)
    {
      CrmOutboxEntry *entry = g_ptr_array_index (failed, i);
      g_autofree char *label = NULL;
      gint64 owner = 0;

      label = crm_sync_format_record (store, entry->kind, entry->local_id, &owner);
      if (owner == customer_id)
        g_ptr_array_add (mine, entry);
    }

  return mine;
}

static AdwToastOverlay *
find_overlay (CrmRefusedBanner *self)
{
  return crm_toast_queue_find_overlay (GTK_WIDGET (self));
}

static RowData *
get_row_data (GtkWidget *button)
{
  GtkWidget *row = gtk_widget_get_parent (button);

  return g_object_get_data (G_OBJECT (row), ROW_DATA_KEY);
}

static void
on_edit_clicked_cb (GtkButton *button)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  CrmRefusedBanner *self = data->banner;

  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (button)), FALSE);
  crm_refused_actions_edit (self->session, data->change_id, data->label, find_overlay (self),
                            self->cancellable);
}

static void
on_discard_clicked_cb (GtkButton *button)
{
  RowData *data = get_row_data (GTK_WIDGET (button));
  CrmRefusedBanner *self = data->banner;

  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (button)), FALSE);
  crm_refused_actions_discard (self->session, data->change_id, data->operation, data->label,
                               find_overlay (self), self->cancellable);
}

static GtkWidget *
create_label (const char *text,
              gboolean    selectable)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), selectable);
  return label;
}

/* The record, then the server's message, which the rep may copy. */
static GtkWidget *
create_text (const char *label,
             const char *refusal)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = create_label (label, FALSE);

  gtk_widget_set_hexpand (box, TRUE);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), create_label (refusal, TRUE));

  return box;
}

static GtkWidget *
create_row (CrmRefusedBanner     *self,
            const CrmOutboxEntry *entry)
{
  g_autofree char *refusal = crm_sync_format_refusal (entry);
  RowData *data = g_new0 (RowData, 1);
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-error-symbolic");

  data->banner = self;
  data->change_id = entry->id;
  data->operation = g_strdup (entry->operation);
  data->label = crm_sync_format_record (self->store, entry->kind, entry->local_id, NULL);

  gtk_widget_add_css_class (row, "refused-row");
  gtk_widget_add_css_class (icon, "error");
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), create_text (data->label, refusal));
  gtk_box_append (GTK_BOX (row),
                  crm_refused_actions_new_edit_button (G_CALLBACK (on_edit_clicked_cb)));
  gtk_box_append (GTK_BOX (row),
                  crm_refused_actions_new_discard_button (G_CALLBACK (on_discard_clicked_cb)));
  g_object_set_data_full (G_OBJECT (row), ROW_DATA_KEY, data, row_data_free);

  return row;
}

static void
clear_rows (CrmRefusedBanner *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->rows))) != NULL)
    gtk_box_remove (self->rows, child);
}

static void
reload (CrmRefusedBanner *self)
{
  CrmSyncEngine *engine = self->session != NULL
                          ? crm_sync_session_get_engine (self->session) : NULL;
  g_autoptr(GPtrArray) failed = NULL;
  g_autoptr(GPtrArray) mine = NULL;

  clear_rows (self);
  self->n_changes = 0;

  if (engine != NULL && self->store != NULL && crm_sync_engine_get_failed_count (engine) > 0)
    {
      failed = crm_sync_engine_dup_failed_changes (engine);
      mine = crm_refused_banner_filter (self->store, failed, self->customer_id);
      for (guint i = 0; i < mine->len; i++)
        gtk_box_append (self->rows, create_row (self, g_ptr_array_index (mine, i)));
      self->n_changes = mine->len;
    }

  gtk_revealer_set_reveal_child (self->revealer, self->n_changes > 0);
}

static void
watch_session (CrmRefusedBanner *self,
               CrmSyncSession   *session)
{
  if (self->session == session)
    return;

  if (self->session != NULL)
    g_clear_signal_handler (&self->session_handler, self->session);
  g_set_object (&self->session, session);
  if (session != NULL)
    self->session_handler = g_signal_connect_object (session, "changed", G_CALLBACK (reload),
                                                     self, G_CONNECT_SWAPPED);
  reload (self);
}

/* The page may be put in a window before the main window has its sync. */
static void
on_root_changed_cb (CrmRefusedBanner *self)
{
  if (self->session_given || self->store == NULL ||
      gtk_widget_get_root (GTK_WIDGET (self)) == NULL)
    return;

  watch_session (self, crm_refused_actions_find_session (self->store));
}

static void
crm_refused_banner_dispose (GObject *object)
{
  CrmRefusedBanner *self = CRM_REFUSED_BANNER (object);

  g_cancellable_cancel (self->cancellable);
  if (self->session != NULL)
    g_clear_signal_handler (&self->session_handler, self->session);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  if (self->revealer != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->revealer));
      self->revealer = NULL;
    }

  G_OBJECT_CLASS (crm_refused_banner_parent_class)->dispose (object);
}

static void
crm_refused_banner_class_init (CrmRefusedBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = crm_refused_banner_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "refused-banner");
}

static void
crm_refused_banner_init (CrmRefusedBanner *self)
{
  GtkWidget *rows = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->cancellable = g_cancellable_new ();
  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  self->rows = GTK_BOX (rows);
  gtk_widget_add_css_class (rows, "refused-rows");
  gtk_revealer_set_child (self->revealer, rows);
  gtk_widget_set_parent (GTK_WIDGET (self->revealer), GTK_WIDGET (self));

  g_signal_connect (self, "notify::root", G_CALLBACK (on_root_changed_cb), NULL);
}

/**
 * crm_refused_banner_new:
 *
 * Returns: (transfer floating): a banner, empty until it is given a
 *   customer
 */
GtkWidget *
crm_refused_banner_new (void)
{
  return g_object_new (CRM_TYPE_REFUSED_BANNER, NULL);
}

/**
 * crm_refused_banner_set_customer:
 * @self: a #CrmRefusedBanner
 * @store: the profile
 * @customer_id: the customer shown
 */
void
crm_refused_banner_set_customer (CrmRefusedBanner *self,
                                 CrmStore         *store,
                                 gint64            customer_id)
{
  g_return_if_fail (CRM_IS_REFUSED_BANNER (self));
  g_return_if_fail (CRM_IS_STORE (store));

  g_set_object (&self->store, store);
  self->customer_id = customer_id;

  if (self->session == NULL)
    on_root_changed_cb (self);
  reload (self);
}

/**
 * crm_refused_banner_set_session:
 * @self: a #CrmRefusedBanner
 * @session: the profile's sync
 *
 * Gives the banner its sync, instead of the main window's.
 */
void
crm_refused_banner_set_session (CrmRefusedBanner *self,
                                CrmSyncSession   *session)
{
  g_return_if_fail (CRM_IS_REFUSED_BANNER (self));
  g_return_if_fail (CRM_IS_SYNC_SESSION (session));

  self->session_given = TRUE;
  watch_session (self, session);
}

/**
 * crm_refused_banner_get_n_changes:
 * @self: a #CrmRefusedBanner
 *
 * Returns: how many refused changes it shows
 */
guint
crm_refused_banner_get_n_changes (CrmRefusedBanner *self)
{
  g_return_val_if_fail (CRM_IS_REFUSED_BANNER (self), 0);

  return self->n_changes;
}
