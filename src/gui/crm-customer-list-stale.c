/* crm-customer-list-stale.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-list-page"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-customer-list-page-private.h"
#include "crm-record.h"
#include "crm-status.h"
#include "crm-toast-queue.h"

/* Stale working leads: marking one, or every row shown, unqualified in one
 * undoable change, from the list's button or the rows' context menu. */

#define CUSTOMER_ID_KEY "crm-customer-id"

/* The job reads @ids and counts @n_customers on the writer thread; the
 * callback reads them once the job is done. */
typedef struct
{
  CrmStore        *store;
  AdwToastOverlay *overlay;
  GArray          *ids;
  guint            n_customers;
  gint64           undo_group;
} MarkData;

static void
mark_data_free (MarkData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->overlay);
  g_clear_pointer (&data->ids, g_array_unref);
  g_free (data);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (MarkData, mark_data_free)

static void
on_marked_unqualified_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(MarkData) data = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  AdwToastOverlay *overlay = data->overlay;

  /* The page may be gone: the toast goes to the window's overlay. */
  if (overlay == NULL)
    return;

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &data->undo_group, &error))
    {
      crm_toast_queue_show_error (overlay, _("Could not mark unqualified"), error);
      return;
    }

  title = g_strdup_printf (ngettext ("%u lead marked unqualified",
                                     "%u leads marked unqualified",
                                     data->n_customers),
                           data->n_customers);
  crm_toast_queue_show_change (overlay, data->store, title, data->undo_group);
}

/* Only the leads that are still Working Leads: one may have been worked,
 * deleted or billed since the list was read. */
static gboolean
mark_unqualified_job (CrmStoreTxn  *txn,
                      gpointer      user_data,
                      GError      **error)
{
  MarkData *data = user_data;

  for (guint i = 0; i < data->ids->len; i++)
    {
      gint64 id = g_array_index (data->ids, gint64, i);
      g_autoptr(GVariant) row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, id, NULL);
      const char *status = NULL;

      if (row == NULL || !g_variant_lookup (row, "status", "&s", &status) ||
          crm_status_kind_from_string (status) != CRM_STATUS_WORKING_LEAD)
        continue;

      if (!crm_store_txn_set_status (txn, id, "Unqualified Lead", CRM_ORIGIN_PERSON, error))
        return FALSE;
      data->n_customers++;
    }

  return TRUE;
}

/* One transaction, one undo group, whatever the number of leads. */
static void
mark_unqualified (CrmCustomerListPage *self,
                  GArray              *ids)
{
  MarkData *data;
  GtkWidget *overlay;

  if (ids->len == 0)
    return;

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  data = g_new0 (MarkData, 1);
  data->store = g_object_ref (self->store);
  data->overlay = overlay != NULL ? g_object_ref (ADW_TOAST_OVERLAY (overlay)) : NULL;
  data->ids = g_array_ref (ids);

  /* The callback frees @data, after the job. */
  crm_store_run_async (self->store, _("Mark unqualified"), CRM_ORIGIN_PERSON,
                       mark_unqualified_job, data, NULL,
                       NULL, on_marked_unqualified_cb, data);
}

static void
crm_customer_list_page_mark_unqualified_action (GtkWidget  *widget,
                                                const char *action_name,
                                                GVariant   *parameter)
{
  CrmCustomerListPage *self = CRM_CUSTOMER_LIST_PAGE (widget);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 id = g_variant_get_int64 (parameter);

  g_array_append_val (ids, id);
  mark_unqualified (self, ids);
}

static void
crm_customer_list_page_mark_all_unqualified_action (GtkWidget  *widget,
                                                    const char *action_name,
                                                    GVariant   *parameter)
{
  CrmCustomerListPage *self = CRM_CUSTOMER_LIST_PAGE (widget);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_items);

  /* Every row shown, so a search narrows what "all" means. */
  for (guint i = 0; i < n_items; i++)
    {
      gint64 id = crm_query_model_get_id (self->model, i);

      g_array_append_val (ids, id);
    }

  mark_unqualified (self, ids);
}

/* The rows' context menu. Cells remember their customer, so that a click
 * finds the row it hit (GTK 4.8 has no API for that). */

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *list_item,
                 gpointer                  user_data)
{
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);

  if (cell != NULL && CRM_IS_RECORD (item))
    g_object_set_data (G_OBJECT (cell), CUSTOMER_ID_KEY,
                       GSIZE_TO_POINTER ((gsize) crm_record_get_id (CRM_RECORD (item))));
}

static gint64
find_customer_id (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      gpointer data = g_object_get_data (G_OBJECT (widget), CUSTOMER_ID_KEY);

      if (data != NULL)
        return (gint64) GPOINTER_TO_SIZE (data);
    }

  return 0;
}

static GMenuModel *
create_row_menu_model (gint64 id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) section = g_menu_new ();
  g_autoptr(GMenuItem) open = NULL;
  g_autoptr(GMenuItem) mark = NULL;

  open = g_menu_item_new (_("_Open"), NULL);
  g_menu_item_set_action_and_target_value (open, "list.open", g_variant_new_int64 (id));
  g_menu_append_item (menu, open);

  mark = g_menu_item_new (_("Mark _Unqualified"), NULL);
  g_menu_item_set_action_and_target_value (mark, "list.mark-unqualified",
                                           g_variant_new_int64 (id));
  g_menu_append_item (section, mark);
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static void
popup_row_menu (CrmCustomerListPage *self,
                gint64               id,
                double               x,
                double               y)
{
  g_autoptr(GMenuModel) model = create_row_menu_model (id);

  if (self->row_menu == NULL)
    {
      self->row_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_widget_set_parent (self->row_menu, GTK_WIDGET (self));
      gtk_popover_set_has_arrow (GTK_POPOVER (self->row_menu), FALSE);
      gtk_widget_set_halign (self->row_menu, GTK_ALIGN_START);
    }

  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->row_menu), model);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->row_menu),
                               &(GdkRectangle) { (int) x, (int) y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->row_menu));
}

static void
on_column_view_pressed_cb (CrmCustomerListPage *self,
                           int                  n_press,
                           double               x,
                           double               y,
                           GtkGesture          *gesture)
{
  GtkWidget *view = GTK_WIDGET (self->column_view);
  gint64 id;
  double page_x, page_y;

  if (!_crm_customer_list_page_is_stale_list (self))
    return;

  id = find_customer_id (gtk_widget_pick (view, x, y, GTK_PICK_DEFAULT));
  if (id <= 0)
    return;

  gtk_gesture_set_state (gesture, GTK_EVENT_SEQUENCE_CLAIMED);
  gtk_widget_translate_coordinates (view, GTK_WIDGET (self), x, y, &page_x, &page_y);
  popup_row_menu (self, id, page_x, page_y);
}

static gboolean
find_cell_of (GtkWidget *root,
              gint64     id,
              double    *x,
              double    *y)
{
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gpointer data = g_object_get_data (G_OBJECT (child), CUSTOMER_ID_KEY);

      if (data != NULL && (gint64) GPOINTER_TO_SIZE (data) == id &&
          gtk_widget_get_mapped (child))
        return gtk_widget_translate_coordinates (child, root, 0, 0, x, y);

      if (find_cell_of (child, id, x, y))
        {
          gtk_widget_translate_coordinates (child, root, *x, *y, x, y);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
on_menu_key_cb (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  CrmCustomerListPage *self = user_data;
  g_autoptr(GtkBitset) selected = NULL;
  double x = 0, y = 0;
  gint64 id;

  if (!_crm_customer_list_page_is_stale_list (self))
    return FALSE;

  /* The keyboard's row is the selected one (the cursor selects). */
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  if (gtk_bitset_is_empty (selected))
    return FALSE;

  id = crm_query_model_get_id (self->model, gtk_bitset_get_minimum (selected));
  if (id <= 0)
    return FALSE;

  if (find_cell_of (GTK_WIDGET (self->column_view), id, &x, &y))
    gtk_widget_translate_coordinates (GTK_WIDGET (self->column_view), GTK_WIDGET (self),
                                      x + 12, y + 12, &x, &y);

  popup_row_menu (self, id, x, y);
  return TRUE;
}

/* Right click or the Menu key on a row: its context menu. */
void
_crm_customer_list_page_setup_row_menu (CrmCustomerListPage *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  GtkEventController *shortcuts;
  GtkGesture *click;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      g_signal_connect (gtk_column_view_column_get_factory (column), "bind",
                        G_CALLBACK (on_cell_bind_cb), NULL);
    }

  click = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (click), GDK_BUTTON_SECONDARY);
  g_signal_connect_object (click, "pressed",
                           G_CALLBACK (on_column_view_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), GTK_EVENT_CONTROLLER (click));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_add_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts),
    gtk_shortcut_new (gtk_alternative_trigger_new (gtk_keyval_trigger_new (GDK_KEY_Menu, 0),
                                                   gtk_keyval_trigger_new (GDK_KEY_F10,
                                                                           GDK_SHIFT_MASK)),
                      gtk_callback_action_new (on_menu_key_cb, self, NULL)));
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), shortcuts);
}

void
_crm_customer_list_page_class_install_stale_actions (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "list.mark-unqualified", "x",
                                   crm_customer_list_page_mark_unqualified_action);
  gtk_widget_class_install_action (widget_class, "list.mark-all-unqualified", NULL,
                                   crm_customer_list_page_mark_all_unqualified_action);
}
