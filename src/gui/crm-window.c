/* crm-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-window"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-board-page.h"
#include "crm-opportunity-list-page.h"
#include "crm-builtin-lists.h"
#include "crm-customer-page.h"
#include "crm-date.h"
#include "crm-list-export.h"
#include "crm-saved-lists.h"
#include "crm-filter-bar.h"
#include "crm-new-customer-window.h"
#include "crm-notice-toasts.h"
#include "crm-sidebar-counts.h"
#include "crm-sidebar-row.h"
#include "crm-sync-details.h"
#include "crm-sync-indicator.h"
#include "crm-window-private.h"
#include "crm-toast-queue.h"

#define DEFAULT_LIST_ID "my-new-leads"
#define LIST_VIEW_PREFIX "list:"
#define PIPELINE_VIEW "pipeline"
#define OPPORTUNITIES_VIEW "opportunities"


G_DEFINE_FINAL_TYPE (CrmWindow, crm_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
on_store_changed_cb (CrmWindow  *self,
                     const char *table,
                     GArray     *ids,
                     CrmStore   *store)
{
  /* An import or a sync page commits many times in a row: count once
   * when the main loop is idle again. */
  crm_sidebar_counts_queue (self->counts);
}

/* The sidebar's lists: the built-in ones, then the saved ones, each with
 * its live count. Saved lists come from a query model over the store's
 * saved_lists table, so the sidebar follows every change, Undo included. */

#define SIDEBAR_ORDER_KEY "crm-sidebar-order"
#define DAY_TICK_SECONDS 60

static void           mark_refused_cards (CrmWindow *self);

static const char *
builtin_icon_name (const char *list_id)
{
  static const struct {
    const char *id;
    const char *icon_name;
  } icons[] = {
    { "my-new-leads", "star-new-symbolic" },
    { "my-working-leads", "user-status-pending-symbolic" },
    { CRM_BUILTIN_LIST_STALE, "user-idle-symbolic" },
    { "all-customers", "system-users-symbolic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (list_id, icons[i].id))
      return icons[i].icon_name;

  return "view-list-symbolic";
}

static gboolean
is_saved_row (GtkListBoxRow *row)
{
  return CRM_IS_SIDEBAR_ROW (row) &&
         crm_saved_lists_parse_list_id (crm_sidebar_row_get_list_id (CRM_SIDEBAR_ROW (row))) > 0;
}

static int
sidebar_sort_func (GtkListBoxRow *a,
                   GtkListBoxRow *b,
                   gpointer       user_data)
{
  int order_a = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (a), SIDEBAR_ORDER_KEY));
  int order_b = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (b), SIDEBAR_ORDER_KEY));

  return order_a - order_b;
}

static GtkWidget *
create_heading (const char *title)
{
  GtkWidget *heading = gtk_label_new (title);

  gtk_label_set_xalign (GTK_LABEL (heading), 0.0f);
  gtk_widget_add_css_class (heading, "sidebar-heading");
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_add_css_class (heading, "dim-label");

  return heading;
}

static void
sidebar_header_func (GtkListBoxRow *row,
                     GtkListBoxRow *before,
                     gpointer       user_data)
{
  const char *title = NULL;
  GtkWidget *header = gtk_list_box_row_get_header (row);

  if (before == NULL)
    title = _("Lists");
  else if (is_saved_row (row) && !is_saved_row (before))
    title = _("Saved Lists");

  if (title == NULL)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  if (header == NULL || g_strcmp0 (gtk_label_get_label (GTK_LABEL (header)), title) != 0)
    gtk_list_box_row_set_header (row, create_heading (title));
}

static void
schedule_recount (CrmWindow *self)
{
  crm_sidebar_counts_queue (self->counts);
}

/* Counting waits for the first frame, so the window shows first. */
static void
on_first_frame_painted_cb (GdkFrameClock *clock,
                           CrmWindow     *self)
{
  g_clear_signal_handler (&self->first_frame_handler, clock);
  crm_sidebar_counts_start (self->counts);
}

/* Shows a row's list again when what it lists changed under it. */
static void
refresh_selected_list (CrmWindow     *self,
                       CrmSidebarRow *row)
{
  if (gtk_list_box_get_selected_row (self->sidebar_list) != GTK_LIST_BOX_ROW (row))
    return;

  crm_customer_list_page_set_list_full (self->list_page,
                                        crm_sidebar_row_get_list_id (row),
                                        crm_sidebar_row_get_title (row),
                                        crm_sidebar_row_get_filter (row));
}

static void
append_list_item (GMenu      *section,
                  const char *label,
                  const char *action,
                  const char *list_id)
{
  g_autoptr(GMenuItem) item = g_menu_item_new (label, NULL);

  g_menu_item_set_action_and_target_value (item, action, g_variant_new_string (list_id));
  g_menu_append_item (section, item);
}

/* The context menu of a saved list's row; each item names its list. */
static GMenuModel *
create_saved_row_menu (const char *list_id)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) move = g_menu_new ();
  g_autoptr(GMenu) delete = g_menu_new ();

  append_list_item (menu, _("_Rename…"), "win.rename-list", list_id);
  append_list_item (move, _("Move _Up"), "win.move-list-up", list_id);
  append_list_item (move, _("Move _Down"), "win.move-list-down", list_id);
  append_list_item (delete, _("_Delete"), "win.delete-list", list_id);

  g_menu_append_section (menu, NULL, G_MENU_MODEL (move));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (delete));

  return G_MENU_MODEL (g_steal_pointer (&menu));
}

static CrmSidebarRow *
update_saved_row (CrmWindow    *self,
                  CrmSavedList *list,
                  int           order)
{
  g_autofree char *list_id = crm_saved_lists_make_list_id (crm_record_get_id (CRM_RECORD (list)));
  g_autoptr(CrmFilter) filter = crm_saved_lists_dup_filter (list);
  CrmSidebarRow *row = _crm_window_find_sidebar_row (self, list_id);
  gboolean changed;

  if (row == NULL)
    {
      g_autoptr(GMenuModel) menu = create_saved_row_menu (list_id);

      row = CRM_SIDEBAR_ROW (crm_sidebar_row_new (list_id, crm_saved_list_get_name (list),
                                                  "folder-saved-search-symbolic", filter));
      crm_sidebar_row_set_menu_model (row, menu);
      g_object_set_data (G_OBJECT (row), SIDEBAR_ORDER_KEY, GINT_TO_POINTER (order));
      gtk_list_box_append (self->sidebar_list, GTK_WIDGET (row));
      return row;
    }

  changed = g_strcmp0 (crm_sidebar_row_get_title (row), crm_saved_list_get_name (list)) != 0 ||
            !crm_filter_equal (crm_sidebar_row_get_filter (row), filter);

  g_object_set_data (G_OBJECT (row), SIDEBAR_ORDER_KEY, GINT_TO_POINTER (order));
  crm_sidebar_row_set_title (row, crm_saved_list_get_name (list));
  crm_sidebar_row_set_filter (row, filter);
  if (changed)
    refresh_selected_list (self, row);

  return row;
}

static void
sync_saved_rows (CrmWindow *self)
{
  GListModel *lists = G_LIST_MODEL (self->saved_lists);
  g_autoptr(GHashTable) kept = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  GtkListBoxRow *selected = gtk_list_box_get_selected_row (self->sidebar_list);
  guint n_builtin;

  crm_builtin_list_get_all (&n_builtin);

  for (guint i = 0; i < g_list_model_get_n_items (lists); i++)
    {
      g_autoptr(CrmSavedList) list = g_list_model_get_item (lists, i);

      g_hash_table_add (kept, update_saved_row (self, list, (int) (n_builtin + i)));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_BOX_ROW (child) && is_saved_row (GTK_LIST_BOX_ROW (child)) &&
        !g_hash_table_contains (kept, child))
      g_ptr_array_add (gone, child);

  for (guint i = 0; i < gone->len; i++)
    gtk_list_box_remove (self->sidebar_list, g_ptr_array_index (gone, i));

  gtk_list_box_invalidate_sort (self->sidebar_list);
  gtk_list_box_invalidate_headers (self->sidebar_list);

  /* The list shown was deleted: show the default one. */
  if (selected != NULL && g_ptr_array_find (gone, selected, NULL))
    crm_window_select_list (self, DEFAULT_LIST_ID);

  if (self->pending_list_id > 0)
    {
      g_autofree char *list_id = crm_saved_lists_make_list_id (self->pending_list_id);

      if (crm_window_select_list (self, list_id))
        self->pending_list_id = 0;
    }

  schedule_recount (self);
}

static void
on_saved_lists_items_changed_cb (CrmWindow  *self,
                                 guint       position,
                                 guint       removed,
                                 guint       added,
                                 GListModel *model)
{
  sync_saved_rows (self);
}

static void
on_store_saved_lists_changed_cb (CrmWindow *self)
{
  /* A rename changes an item but not the model's ids, so the model says
   * nothing: look again now, with the ids brought up to date first. */
  crm_query_model_refresh (self->saved_lists);
  sync_saved_rows (self);
}

static void
update_stale_row (CrmWindow *self)
{
  CrmSidebarRow *row = _crm_window_find_sidebar_row (self, CRM_BUILTIN_LIST_STALE);
  g_autoptr(CrmFilter) filter = NULL;
  guint stale_days = crm_saved_lists_get_stale_days (self->store);

  if (row == NULL || stale_days == self->stale_days)
    return;

  self->stale_days = stale_days;
  filter = crm_builtin_list_filter_for_days (CRM_BUILTIN_LIST_STALE, stale_days);
  crm_sidebar_row_set_filter (row, filter);
  refresh_selected_list (self, row);
}

static void
on_store_settings_changed_cb (CrmWindow *self)
{
  update_stale_row (self);
  schedule_recount (self);
}

/* GLib's timeouts run on the monotonic clock, which stops in suspend: the
 * wall clock's date, compared on each tick, tells a new day. */
static gboolean
day_tick_cb (gpointer user_data)
{
  CrmWindow *self = user_data;
  g_autoptr(GDate) today = crm_date_today_local ();
  g_autofree char *text = crm_date_format (today);

  if (g_strcmp0 (text, self->today) == 0)
    return G_SOURCE_CONTINUE;

  g_free (self->today);
  self->today = g_steal_pointer (&text);

  /* "Within N days" now means other days. */
  crm_query_model_refresh (crm_customer_list_page_get_model (self->list_page));
  schedule_recount (self);

  return G_SOURCE_CONTINUE;
}

static void
populate_sidebar (CrmWindow *self)
{
  const CrmBuiltinList *lists;
  guint n_lists;

  g_assert (CRM_IS_WINDOW (self));

  lists = crm_builtin_list_get_all (&n_lists);
  self->stale_days = crm_saved_lists_get_stale_days (self->store);

  for (guint i = 0; i < n_lists; i++)
    {
      g_autoptr(CrmFilter) filter = crm_builtin_list_filter_for_days (lists[i].id,
                                                                     self->stale_days);
      GtkWidget *row = crm_sidebar_row_new (lists[i].id,
                                            crm_builtin_list_get_title (lists[i].id),
                                            builtin_icon_name (lists[i].id),
                                            filter);

      g_object_set_data (G_OBJECT (row), SIDEBAR_ORDER_KEY, GINT_TO_POINTER (i));
      gtk_list_box_append (self->sidebar_list, row);
    }

  gtk_list_box_set_sort_func (self->sidebar_list, sidebar_sort_func, NULL, NULL);
  gtk_list_box_set_header_func (self->sidebar_list, sidebar_header_func, NULL, NULL);
  self->counts = crm_sidebar_counts_new (self->store, self->sidebar_list);

  self->saved_lists = crm_saved_lists_new_model (self->store, CRM_ENTITY_CUSTOMER);
  g_signal_connect_object (self->saved_lists, "items-changed",
                           G_CALLBACK (on_saved_lists_items_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::saved_lists",
                           G_CALLBACK (on_store_saved_lists_changed_cb), self,
                           G_CONNECT_SWAPPED);
  sync_saved_rows (self);
}

CrmSidebarRow *
_crm_window_find_sidebar_row (CrmWindow  *self,
                              const char *list_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->sidebar_list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (CRM_IS_SIDEBAR_ROW (child) &&
          g_strcmp0 (crm_sidebar_row_get_list_id (CRM_SIDEBAR_ROW (child)), list_id) == 0)
        return CRM_SIDEBAR_ROW (child);
    }

  return NULL;
}

static void
close_customer_page (CrmWindow *self)
{
  GtkWidget *page = g_steal_pointer (&self->customer_page);

  gtk_stack_set_visible_child (self->content_stack,
                               self->main_page != NULL ? self->main_page
                                                       : GTK_WIDGET (self->list_page));

  if (page != NULL)
    gtk_stack_remove (self->content_stack, page);
}

static void
on_customer_page_closed_cb (CrmWindow *self,
                            GtkWidget *page)
{
  if (page != self->customer_page)
    return;

  close_customer_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (crm_customer_list_page_get_column_view (self->list_page)));
}

static void
on_list_page_customer_activated_cb (CrmWindow           *self,
                                    gint64               customer_id,
                                    CrmCustomerListPage *page)
{
  crm_window_open_customer (self, customer_id);
}

static void
on_sidebar_list_row_selected_cb (CrmWindow     *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list_box)
{
  CrmSidebarRow *sidebar_row;
  g_autofree char *view = NULL;

  if (!CRM_IS_SIDEBAR_ROW (row))
    return;

  sidebar_row = CRM_SIDEBAR_ROW (row);
  close_customer_page (self);
  crm_customer_list_page_set_list_full (self->list_page,
                                        crm_sidebar_row_get_list_id (sidebar_row),
                                        crm_sidebar_row_get_title (sidebar_row),
                                        crm_sidebar_row_get_filter (sidebar_row));

  if (self->settings != NULL)
    {
      view = g_strconcat (LIST_VIEW_PREFIX, crm_sidebar_row_get_list_id (sidebar_row), NULL);
      g_settings_set_string (self->settings, "last-view", view);
    }
}

static void
on_sidebar_list_row_activated_cb (CrmWindow     *self,
                                  GtkListBoxRow *row,
                                  GtkListBox    *list_box)
{
  /* A click on the list already shown goes back from a customer to it. */
  close_customer_page (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

static void
on_new_customer_created_cb (CrmWindow *self,
                            gint64     customer_id)
{
  crm_window_open_customer (self, customer_id);
}

/* The new customer is typed first and stored whole, so that routing sees
 * its country (crm-new-customer-window.c). */
static void
crm_window_new_customer_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *window = crm_new_customer_window_new (GTK_WINDOW (self), self->store);

  g_signal_connect_object (window, "created", G_CALLBACK (on_new_customer_created_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (window));
}

static void
crm_window_search_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  close_customer_page (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  crm_customer_list_page_focus_search (self->list_page);
}

static gboolean
is_shown_filter_bar (GtkWidget *widget)
{
  return CRM_IS_FILTER_BAR (widget) && gtk_widget_get_mapped (widget);
}

static GtkWidget *
find_shown_filter_bar (GtkWidget *root)
{
  if (is_shown_filter_bar (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_shown_filter_bar (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* Whichever list shows (customers, opportunities), its filter bar takes a
 * condition. */
static void
crm_window_add_filter_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);
  GtkWidget *bar;

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
  bar = page != NULL ? find_shown_filter_bar (page) : NULL;
  if (bar != NULL)
    crm_filter_bar_popup_add (CRM_FILTER_BAR (bar));
}

/* The list on screen, customers or opportunities, goes to a CSV file. */
static void
crm_window_export_list_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);

  if (page == GTK_WIDGET (self->list_page))
    crm_list_export_choose_file (page, crm_customer_list_page_get_model (self->list_page),
                                 crm_customer_list_page_get_title (self->list_page));
  else if (page != NULL && page == self->opportunity_list_page)
    crm_list_export_choose_file (page,
                                 crm_opportunity_list_page_get_model (
                                   CRM_OPPORTUNITY_LIST_PAGE (page)),
                                 _("Opportunities"));
  else
    crm_toast_queue_show (self->toast_overlay,
                          adw_toast_new (_("Open a list of customers or opportunities to "
                                           "export it")));
}

static void
crm_window_show_sidebar_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  adw_leaflet_set_visible_child (self->leaflet, self->sidebar);
}

static void
load_window_state (CrmWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  /* Running from a build tree without the compiled schema is allowed: the
   * window then simply forgets its state. */
  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found; window state is not kept",
               APPLICATION_ID);
      gtk_window_set_default_size (GTK_WINDOW (self), 1100, 720);
      return;
    }

  self->settings = g_settings_new_full (schema, NULL, NULL);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));

  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

static void
save_window_state (CrmWindow *self)
{
  int width, height;

  if (self->settings == NULL)
    return;

  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);

  g_settings_delay (self->settings);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized",
                          gtk_window_is_maximized (GTK_WINDOW (self)));
  g_settings_apply (self->settings);
}

/* The Work section: the pipeline board. */

static void
on_board_page_customer_activated_cb (CrmWindow    *self,
                                     gint64        customer_id,
                                     CrmBoardPage *page)
{
  crm_window_open_customer (self, customer_id);
}

static GtkWidget *
ensure_board_page (CrmWindow *self)
{
  if (self->board_page != NULL)
    return self->board_page;

  self->board_page = crm_board_page_new (self->store);
  gtk_stack_add_named (self->content_stack, self->board_page, "board");
  g_object_bind_property (self->leaflet, "folded",
                          self->board_page, "folded",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->board_page, "customer-activated",
                           G_CALLBACK (on_board_page_customer_activated_cb), self,
                           G_CONNECT_SWAPPED);
  mark_refused_cards (self);

  return self->board_page;
}

static GtkWidget *
ensure_opportunity_list_page (CrmWindow *self)
{
  if (self->opportunity_list_page != NULL)
    return self->opportunity_list_page;

  self->opportunity_list_page = crm_opportunity_list_page_new (self->store);
  gtk_stack_add_named (self->content_stack, self->opportunity_list_page, "opportunities");
  g_object_bind_property (self->leaflet, "folded",
                          self->opportunity_list_page, "folded",
                          G_BINDING_SYNC_CREATE);

  return self->opportunity_list_page;
}

static void
show_main_page (CrmWindow *self,
                GtkWidget *page)
{
  self->main_page = page;
  close_customer_page (self);
}

static void
on_work_list_row_selected_cb (CrmWindow     *self,
                              GtkListBoxRow *row,
                              GtkListBox    *list_box)
{
  gboolean board = row != NULL && row == self->pipeline_row;

  if (!board && (row == NULL || row != self->opportunities_row))
    return;

  gtk_list_box_select_row (self->sidebar_list, NULL);
  show_main_page (self, board ? ensure_board_page (self)
                              : ensure_opportunity_list_page (self));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-view",
                           board ? PIPELINE_VIEW : OPPORTUNITIES_VIEW);
}

static void
on_work_list_row_activated_cb (CrmWindow     *self,
                               GtkListBoxRow *row,
                               GtkListBox    *list_box)
{
  close_customer_page (self);
  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/* Runs after the lists' own handler: a list shown puts the board away. */
static void
on_sidebar_list_selected_for_work_cb (CrmWindow     *self,
                                      GtkListBoxRow *row,
                                      GtkListBox    *list_box)
{
  if (row == NULL)
    return;

  gtk_list_box_unselect_all (self->work_list);
  show_main_page (self, GTK_WIDGET (self->list_page));
}

static void
select_last_view (CrmWindow *self)
{
  g_autofree char *view = NULL;
  const char *list_id = DEFAULT_LIST_ID;

  if (self->settings != NULL)
    view = g_settings_get_string (self->settings, "last-view");

  if (g_strcmp0 (view, PIPELINE_VIEW) == 0)
    {
      crm_window_show_pipeline (self);
      return;
    }

  if (g_strcmp0 (view, OPPORTUNITIES_VIEW) == 0)
    {
      crm_window_show_opportunities (self);
      return;
    }

  if (view != NULL && g_str_has_prefix (view, LIST_VIEW_PREFIX))
    list_id = view + strlen (LIST_VIEW_PREFIX);

  if (!crm_window_select_list (self, list_id))
    crm_window_select_list (self, DEFAULT_LIST_ID);
}

static void
crm_window_realize (GtkWidget *widget)
{
  CrmWindow *self = CRM_WINDOW (widget);

  GTK_WIDGET_CLASS (crm_window_parent_class)->realize (widget);

  if (!crm_sidebar_counts_get_started (self->counts) && self->first_frame_handler == 0)
    self->first_frame_handler =
      g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                               G_CALLBACK (on_first_frame_painted_cb), self, 0);
}

static void
crm_window_size_allocate (GtkWidget *widget,
                          int        width,
                          int        height,
                          int        baseline)
{
  CrmWindow *self = CRM_WINDOW (widget);

  /* Before the list is laid out: its first frame fills the window. */
  if (self->list_page != NULL)
    crm_customer_list_page_fit_height (self->list_page, height);

  GTK_WIDGET_CLASS (crm_window_parent_class)->size_allocate (widget, width, height, baseline);
}

static void
crm_window_unrealize (GtkWidget *widget)
{
  CrmWindow *self = CRM_WINDOW (widget);

  if (self->first_frame_handler != 0)
    g_clear_signal_handler (&self->first_frame_handler, gtk_widget_get_frame_clock (widget));

  GTK_WIDGET_CLASS (crm_window_parent_class)->unrealize (widget);
}

/* Sync: the row at the sidebar's foot, Sync Now and the details. */

static void
crm_window_sync_now_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  crm_sync_session_sync_now (CRM_WINDOW (widget)->sync_session);
}

static void
crm_window_sync_details_action (GtkWidget  *widget,
                                const char *action_name,
                                GVariant   *parameter)
{
  CrmWindow *self = CRM_WINDOW (widget);

  crm_sync_details_present (GTK_WINDOW (self), self->sync_session);
}

/* The board marks the cards whose change the server refused (K2 (c)). */
static void
mark_refused_cards (CrmWindow *self)
{
  g_autoptr(GHashTable) refused = NULL;

  if (self->board_page == NULL || self->sync_session == NULL)
    return;

  refused = crm_sync_session_dup_refused (self->sync_session, CRM_ENTITY_OPPORTUNITY);
  crm_board_page_set_refused (CRM_BOARD_PAGE (self->board_page), refused);
}

static void
on_sync_session_changed_cb (CrmWindow      *self,
                            CrmSyncSession *session)
{
  CrmSyncEngine *engine = crm_sync_session_get_engine (session);
  guint refused = engine != NULL ? crm_sync_engine_get_failed_count (engine) : 0;
  CrmSyncState state = engine != NULL ? crm_sync_engine_get_state (engine) : CRM_SYNC_STATE_IDLE;

  /* A sync runs, or waits because the server asked to: nothing to start. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync-now",
                                 engine != NULL && state != CRM_SYNC_STATE_SYNCING &&
                                 state != CRM_SYNC_STATE_RATE_LIMITED);

  /* Progress changes often: read the refusals only when they change. */
  if (refused != self->refused_count)
    {
      self->refused_count = refused;
      mark_refused_cards (self);
    }
}

static void
start_sync_session (CrmWindow *self)
{
  self->sync_session = crm_sync_session_new (self->store);
  gtk_box_append (GTK_BOX (self->sidebar), crm_sync_indicator_new (self->sync_session));
  g_signal_connect_object (self->sync_session, "changed",
                           G_CALLBACK (on_sync_session_changed_cb), self, G_CONNECT_SWAPPED);
  on_sync_session_changed_cb (self, self->sync_session);
}

static gboolean
crm_window_close_request (GtkWindow *window)
{
  CrmWindow *self = CRM_WINDOW (window);

  save_window_state (self);

  return GTK_WINDOW_CLASS (crm_window_parent_class)->close_request (window);
}

static void
crm_window_constructed (GObject *object)
{
  static const char * const list_tables[] = { "tags", "tasks", "activities" };
  CrmWindow *self = (CrmWindow *) object;
  g_autoptr(GDate) today = crm_date_today_local ();

  G_OBJECT_CLASS (crm_window_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  self->list_page = CRM_CUSTOMER_LIST_PAGE (crm_customer_list_page_new (self->store));
  gtk_stack_add_named (self->content_stack, GTK_WIDGET (self->list_page), "list");
  g_object_bind_property (self->leaflet, "folded",
                          self->list_page, "folded",
                          G_BINDING_SYNC_CREATE);
  g_signal_connect_object (self->list_page, "customer-activated",
                           G_CALLBACK (on_list_page_customer_activated_cb), self,
                           G_CONNECT_SWAPPED);
  self->main_page = GTK_WIDGET (self->list_page);
  g_signal_connect_object (self->sidebar_list, "row-selected",
                           G_CALLBACK (on_sidebar_list_selected_for_work_cb), self,
                           G_CONNECT_SWAPPED);

  populate_sidebar (self);
  start_sync_session (self);
  crm_notice_toasts_attach (self->toast_overlay, self->store);
  g_signal_connect_object (self->store, "changed::customers",
                           G_CALLBACK (on_store_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_settings_changed_cb), self,
                           G_CONNECT_SWAPPED);

  /* Lists filter by tags, open tasks and the last activity too. */
  for (guint i = 0; i < G_N_ELEMENTS (list_tables); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", list_tables[i], NULL);

      g_signal_connect_object (self->store, signal,
                               G_CALLBACK (on_store_changed_cb), self,
                               G_CONNECT_SWAPPED);
    }

  self->today = crm_date_format (today);
  self->day_tick_id = g_timeout_add_seconds (DAY_TICK_SECONDS, day_tick_cb, self);

  load_window_state (self);
  select_last_view (self);

  if (DEVELOPMENT_BUILD)
    gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
}

static void
crm_window_dispose (GObject *object)
{
  CrmWindow *self = (CrmWindow *) object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->counts);
  g_clear_handle_id (&self->day_tick_id, g_source_remove);
  if (self->saved_lists != NULL)
    g_signal_handlers_disconnect_by_data (self->saved_lists, self);
  g_clear_object (&self->saved_lists);

  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_WINDOW);
  self->list_page = NULL;
  self->customer_page = NULL;
  self->board_page = NULL;
  self->opportunity_list_page = NULL;
  self->main_page = NULL;

  g_clear_object (&self->cancellable);
  g_clear_object (&self->sync_session);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_window_parent_class)->dispose (object);
}

static void
crm_window_finalize (GObject *object)
{
  CrmWindow *self = (CrmWindow *) object;

  g_clear_pointer (&self->today, g_free);

  G_OBJECT_CLASS (crm_window_parent_class)->finalize (object);
}

static void
crm_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmWindow *self = CRM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_window_class_init (CrmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = crm_window_constructed;
  object_class->dispose = crm_window_dispose;
  object_class->finalize = crm_window_finalize;
  object_class->get_property = crm_window_get_property;
  object_class->set_property = crm_window_set_property;

  widget_class->realize = crm_window_realize;
  widget_class->size_allocate = crm_window_size_allocate;
  widget_class->unrealize = crm_window_unrealize;

  window_class->close_request = crm_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_install_action (widget_class, "win.new-customer", NULL,
                                   crm_window_new_customer_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL,
                                   crm_window_search_action);
  gtk_widget_class_install_action (widget_class, "win.add-filter", NULL,
                                   crm_window_add_filter_action);
  gtk_widget_class_install_action (widget_class, "win.show-sidebar", NULL,
                                   crm_window_show_sidebar_action);
  gtk_widget_class_install_action (widget_class, "win.export-list", NULL,
                                   crm_window_export_list_action);
  _crm_window_class_install_list_actions (widget_class);
  gtk_widget_class_install_action (widget_class, "win.sync-now", NULL,
                                   crm_window_sync_now_action);
  gtk_widget_class_install_action (widget_class, "win.sync-details", NULL,
                                   crm_window_sync_details_action);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, work_list);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, pipeline_row);
  gtk_widget_class_bind_template_child (widget_class, CrmWindow, opportunities_row);
  gtk_widget_class_bind_template_callback (widget_class, on_work_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_work_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated_cb);
}

static void
crm_window_init (CrmWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
}

/**
 * crm_window_new:
 * @application: the application
 * @store: the open profile
 *
 * Returns: (transfer none): a new main window, owned by its toplevel list
 */
CrmWindow *
crm_window_new (CrmApplication *application,
                CrmStore       *store)
{
  g_return_val_if_fail (CRM_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

/**
 * crm_window_get_store:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none): the profile the window shows
 */
CrmStore *
crm_window_get_store (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * crm_window_open_customer:
 * @self: a #CrmWindow
 * @customer_id: the id of the customer
 *
 * Shows the customer's page in place of the list, until it is closed.
 */
void
crm_window_open_customer (CrmWindow *self,
                          gint64     customer_id)
{
  GtkWidget *page;

  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (customer_id > 0);

  page = crm_customer_page_new (self->store, customer_id);
  crm_customer_page_set_show_back_button (CRM_CUSTOMER_PAGE (page), TRUE);
  g_signal_connect_object (page, "closed",
                           G_CALLBACK (on_customer_page_closed_cb), self,
                           G_CONNECT_SWAPPED);

  gtk_stack_add_child (self->content_stack, page);
  gtk_stack_set_visible_child (self->content_stack, page);

  if (self->customer_page != NULL)
    gtk_stack_remove (self->content_stack, self->customer_page);
  self->customer_page = page;

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->content_stack));
}

/**
 * crm_window_get_sync_session:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none): the sync of the window's profile
 */
CrmSyncSession *
crm_window_get_sync_session (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->sync_session;
}

/**
 * crm_window_get_list_page:
 * @self: a #CrmWindow
 *
 * Returns: (transfer none): the page showing the selected list
 */
CrmCustomerListPage *
crm_window_get_list_page (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  return self->list_page;
}

/**
 * crm_window_select_list:
 * @self: a #CrmWindow
 * @list_id: a list id: "my-new-leads", "my-working-leads",
 *   "stale-working-leads", "all-customers", or "saved:ID" for a saved list
 *
 * Shows a list, as a click on it in the sidebar does.
 *
 * Returns: %TRUE if the window knows the list
 */
gboolean
crm_window_select_list (CrmWindow  *self,
                        const char *list_id)
{
  CrmSidebarRow *row;

  g_return_val_if_fail (CRM_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (list_id != NULL, FALSE);

  row = _crm_window_find_sidebar_row (self, list_id);
  if (row == NULL)
    return FALSE;

  if (gtk_list_box_get_selected_row (self->sidebar_list) == GTK_LIST_BOX_ROW (row))
    close_customer_page (self);
  else
    gtk_list_box_select_row (self->sidebar_list, GTK_LIST_BOX_ROW (row));

  return TRUE;
}

/**
 * crm_window_add_toast:
 * @self: a #CrmWindow
 * @toast: (transfer full): the toast to show
 *
 * Shows a toast at the bottom of the window.
 */
void
crm_window_add_toast (CrmWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (CRM_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  crm_toast_queue_show (self->toast_overlay, toast);
}

/**
 * crm_window_show_pipeline:
 * @self: a #CrmWindow
 *
 * Shows the pipeline board, as a click on "Pipeline" in the sidebar does.
 *
 * Returns: (transfer none): the board page
 */
GtkWidget *
crm_window_show_pipeline (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  if (gtk_list_box_get_selected_row (self->work_list) == self->pipeline_row)
    show_main_page (self, ensure_board_page (self));
  else
    gtk_list_box_select_row (self->work_list, self->pipeline_row);

  return self->board_page;
}

/**
 * crm_window_show_opportunities:
 * @self: a #CrmWindow
 *
 * Shows the opportunity list, as a click on "Opportunities" in the sidebar
 * does.
 *
 * Returns: (transfer none): the opportunity list page
 */
GtkWidget *
crm_window_show_opportunities (CrmWindow *self)
{
  g_return_val_if_fail (CRM_IS_WINDOW (self), NULL);

  if (gtk_list_box_get_selected_row (self->work_list) == self->opportunities_row)
    show_main_page (self, ensure_opportunity_list_page (self));
  else
    gtk_list_box_select_row (self->work_list, self->opportunities_row);

  return self->opportunity_list_page;
}
