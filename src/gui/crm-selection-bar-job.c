/* crm-selection-bar-job.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-selection-bar"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm-selection-bar-private.h"
#include "crm-toast-queue.h"

/* The selection bar's bulk edit job: the selected ids read from the
 * selection's bitset, the edit run on the store's writer thread with its
 * progress, and its end: a toast with Undo, an error toast, and the dialog
 * that lists the customers that were skipped. */

/* Toasts */

static AdwToastOverlay *
find_overlay (CrmSelectionBar *self)
{
  return ADW_TOAST_OVERLAY (gtk_widget_get_ancestor (GTK_WIDGET (self),
                                                     ADW_TYPE_TOAST_OVERLAY));
}

void
_crm_selection_bar_show_error (CrmSelectionBar *self,
                               const char      *what,
                               const GError    *error)
{
  crm_toast_queue_show_error (find_overlay (self), what, error);
}

static void
show_result_toast (CrmSelectionBar *self,
                   CrmBulkResult   *result)
{
  g_autofree char *title = crm_selection_bar_format_result (result);
  gint64 undo_group = crm_bulk_result_get_n_changed (result) > 0
                      ? crm_bulk_result_get_undo_group (result) : 0;

  crm_toast_queue_show_change (find_overlay (self), self->store, title, undo_group);
}

/* The skipped customers */

/* A row: the customer's name, and below it why it was skipped. */
static void
on_skip_factory_setup_cb (GtkSignalListItemFactory *factory,
                          GtkListItem              *list_item,
                          gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (NULL);
  GtkWidget *reason = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (reason), 0);
  gtk_label_set_wrap (GTK_LABEL (reason), TRUE);
  gtk_widget_add_css_class (reason, "caption");
  gtk_widget_add_css_class (reason, "dim-label");

  gtk_box_append (GTK_BOX (box), name);
  gtk_box_append (GTK_BOX (box), reason);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);

  gtk_list_item_set_child (list_item, box);
  gtk_list_item_set_activatable (list_item, FALSE);
}

static void
on_skip_factory_bind_cb (GtkSignalListItemFactory *factory,
                         GtkListItem              *list_item,
                         GPtrArray                *skipped)
{
  GtkStringObject *item = gtk_list_item_get_item (list_item);
  const CrmBulkSkip *skip = g_ptr_array_index (skipped, gtk_list_item_get_position (list_item));
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *name = gtk_widget_get_first_child (box);

  gtk_label_set_label (GTK_LABEL (name), skip->name);
  gtk_label_set_label (GTK_LABEL (gtk_widget_get_next_sibling (name)), skip->reason);
  gtk_widget_set_tooltip_text (box, gtk_string_object_get_string (item));
}

/* A virtual list: thousands of skipped customers cost a few rows. */
static GtkWidget *
create_skip_list (CrmBulkResult *result)
{
  GPtrArray *skipped = crm_bulk_result_get_skipped (result);
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkWidget *list_view;
  GtkWidget *scrolled;

  for (guint i = 0; i < skipped->len; i++)
    {
      g_autofree char *line = crm_selection_bar_format_skip (g_ptr_array_index (skipped, i));

      gtk_string_list_append (strings, line);
    }

  g_signal_connect (factory, "setup", G_CALLBACK (on_skip_factory_setup_cb), NULL);
  /* The factory lives as long as the list, which the dialog that holds
   * the result outlives. */
  g_signal_connect (factory, "bind", G_CALLBACK (on_skip_factory_bind_cb), skipped);

  selection = gtk_no_selection_new (G_LIST_MODEL (g_steal_pointer (&strings)));
  list_view = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_show_separators (GTK_LIST_VIEW (list_view), TRUE);
  gtk_widget_add_css_class (list_view, "skipped-list");
  gtk_accessible_update_property (GTK_ACCESSIBLE (list_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Skipped customers"),
                                  -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled),
                                  GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 260);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list_view);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_widget_set_overflow (scrolled, GTK_OVERFLOW_HIDDEN);

  return scrolled;
}

/* Selects the rows of the list that hold @skipped customers: one pass over
 * the model's ids, not a search per customer. */
static void
select_skipped (CrmSelectionBar *self,
                GPtrArray       *skipped)
{
  g_autoptr(GHashTable) wanted = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GtkBitset) selected = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n_items;

  if (self->model == NULL)
    return;

  for (guint i = 0; i < skipped->len; i++)
    {
      CrmBulkSkip *skip = g_ptr_array_index (skipped, i);

      g_hash_table_add (wanted, &skip->id);
    }

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  for (guint position = 0; position < n_items; position++)
    {
      gint64 id = crm_query_model_get_id (self->model, position);

      if (g_hash_table_contains (wanted, &id))
        gtk_bitset_add (selected, position);
    }

  mask = gtk_bitset_new_range (0, n_items);
  gtk_selection_model_set_selection (self->selection, selected, mask);
}

static void
on_skipped_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               CrmSelectionBar  *self)
{
  CrmBulkResult *result = g_object_get_data (G_OBJECT (dialog), "crm-result");

  if (g_strcmp0 (response, "select") == 0)
    select_skipped (self, crm_bulk_result_get_skipped (result));
}

static void
show_skipped_dialog (CrmSelectionBar *self,
                     CrmBulkResult   *result)
{
  guint n_skipped = crm_bulk_result_get_n_skipped (result);
  g_autofree char *number = _crm_selection_bar_format_number (n_skipped);
  g_autofree char *heading = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  if (!GTK_IS_WINDOW (root))
    return;

  /* TRANSLATORS: %s is a number of customers */
  heading = g_strdup_printf (ngettext ("%s Customer Skipped", "%s Customers Skipped",
                                       n_skipped), number);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (root), heading, NULL));
  adw_message_dialog_set_body (dialog,
                               ngettext ("This customer could not take the change and "
                                         "kept all its values.",
                                         "These customers could not take the change and "
                                         "kept all their values.",
                                         n_skipped));
  adw_message_dialog_set_extra_child (dialog, create_skip_list (result));
  adw_message_dialog_add_responses (dialog,
                                    "select", ngettext ("_Select It", "_Select Them",
                                                        n_skipped),
                                    "close", _("_Close"),
                                    NULL);
  adw_message_dialog_set_default_response (dialog, "close");
  adw_message_dialog_set_close_response (dialog, "close");

  g_object_set_data_full (G_OBJECT (dialog), "crm-result", crm_bulk_result_ref (result),
                          (GDestroyNotify) crm_bulk_result_unref);
  g_signal_connect_object (dialog, "response",
                           G_CALLBACK (on_skipped_dialog_response_cb), self, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* The job */

static void
on_bulk_progress_cb (guint    done,
                     guint    total,
                     gpointer user_data)
{
  CrmSelectionBar *self = user_data;
  g_autofree char *text = crm_selection_bar_format_progress (done, total);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 0);
  gtk_label_set_label (self->progress_label, text);
}

static void
on_bulk_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CrmSelectionBar) self = user_data;
  g_autoptr(CrmBulkResult) bulk = NULL;
  g_autoptr(GError) error = NULL;

  bulk = crm_store_bulk_edit_finish (CRM_STORE (object), result, &error);
  g_clear_object (&self->cancellable);
  _crm_selection_bar_set_running (self, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      crm_toast_queue_show_change (find_overlay (self), NULL,
                                   _("Cancelled: no customer was changed"), 0);
      return;
    }

  if (bulk == NULL)
    {
      _crm_selection_bar_show_error (self, _("Could not change the customers"), error);
      return;
    }

  show_result_toast (self, bulk);
  if (crm_bulk_result_get_n_skipped (bulk) > 0)
    show_skipped_dialog (self, bulk);

  _crm_selection_bar_refresh_owner_menu (self);
}

/**
 * crm_selection_bar_dup_selected_ids:
 * @self: a #CrmSelectionBar
 *
 * Reads the ids of the selected rows from the selection's bitset, in the
 * list's order.
 *
 * Returns: (transfer full) (element-type gint64): the ids
 */
GArray *
crm_selection_bar_dup_selected_ids (CrmSelectionBar *self)
{
  g_autoptr(GtkBitset) selected = NULL;
  GtkBitsetIter iter;
  GArray *ids;
  guint position;

  g_return_val_if_fail (CRM_IS_SELECTION_BAR (self), NULL);

  if (self->selection == NULL)
    return g_array_new (FALSE, FALSE, sizeof (gint64));

  selected = gtk_selection_model_get_selection (self->selection);
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), gtk_bitset_get_size (selected));

  for (gboolean valid = gtk_bitset_iter_init_first (&iter, selected, &position);
       valid;
       valid = gtk_bitset_iter_next (&iter, &position))
    {
      gint64 id = crm_query_model_get_id (self->model, position);

      if (id > 0)
        g_array_append_val (ids, id);
    }

  return ids;
}

/**
 * crm_selection_bar_apply:
 * @self: a #CrmSelectionBar
 * @edit: the change to make to every selected customer
 *
 * Starts the bulk edit; the bar reports its end with a toast.
 */
void
crm_selection_bar_apply (CrmSelectionBar *self,
                         CrmBulkEdit     *edit)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *progress = NULL;

  g_return_if_fail (CRM_IS_SELECTION_BAR (self));
  g_return_if_fail (edit != NULL);
  g_return_if_fail (self->store != NULL);

  if (self->running || crm_bulk_edit_is_empty (edit))
    return;

  ids = crm_selection_bar_dup_selected_ids (self);
  if (ids->len == 0)
    return;

  self->cancellable = g_cancellable_new ();
  _crm_selection_bar_set_running (self, TRUE);

  if (ids->len > CRM_SELECTION_BAR_PROGRESS_THRESHOLD)
    {
      progress = crm_selection_bar_format_progress (0, ids->len);
      gtk_progress_bar_set_fraction (self->progress_bar, 0);
      gtk_label_set_label (self->progress_label, progress);
      gtk_stack_set_visible_child_name (self->mode_stack, "progress");
    }

  crm_store_bulk_edit_async (self->store, ids, edit, self->cancellable,
                             on_bulk_progress_cb, on_bulk_done_cb, g_object_ref (self));
}
