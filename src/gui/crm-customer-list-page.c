/* crm-customer-list-page.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-list-page"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "crm-builtin-lists.h"
#include "crm-customer.h"
#include "crm-customer-format.h"
#include "crm-customer-list-page-private.h"
#include "crm-saved-lists.h"
#include "crm-filter-bar.h"
#include "crm-id-selection.h"
#include "crm-reveal-model.h"
#include "crm-selection-bar.h"
#include "crm-sql-sorter.h"
#include "crm-status.h"
#include "crm-text-cell.h"
#include "crm-toast-queue.h"

/* A customer list: the rows come from a CrmQueryModel whose filter, search
 * and sort all run in SQL. The column view only shows what the model holds;
 * its sorters name the sort key (see crm-sql-sorter.c). */

static const struct {
  const char *title;
  const char *sort_key;
  int         fixed_width;
  int         nat_chars;
  gboolean    expand;
} column_info[N_COLUMNS] = {
  [COLUMN_NAME] = { N_("Name"), "name", -1, 24, TRUE },
  [COLUMN_COMPANY] = { N_("Company"), "company", -1, 20, TRUE },
  [COLUMN_STATUS] = { N_("Status"), "status", 136, 0, FALSE },
  [COLUMN_OWNER] = { N_("Owner"), "owner", 150, 14, FALSE },
  [COLUMN_COUNTRY] = { N_("Country"), "country", 80, 4, FALSE },
  [COLUMN_LAST_ACTIVITY] = { N_("Last Activity"), "last_activity_at", 116, 10, FALSE },
};

G_DEFINE_FINAL_TYPE (CrmCustomerListPage, crm_customer_list_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_STORE,
  PROP_FOLDED,
  N_PROPS
};

enum {
  CUSTOMER_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/**
 * crm_customer_list_page_format_activity:
 * @when: (nullable): the last activity, in UTC
 * @now: the current time
 *
 * Formats the "Last activity" cell: "Today", "Yesterday", or a short
 * date ("3 Jun 2025"), compared in local time.
 *
 * Returns: (transfer full): the text, empty when @when is %NULL
 */
char *
crm_customer_list_page_format_activity (GDateTime *when,
                                        GDateTime *now)
{
  g_autoptr(GDateTime) local_when = NULL;
  g_autoptr(GDateTime) local_now = NULL;
  g_autoptr(GDateTime) yesterday = NULL;
  int year, month, day;

  g_return_val_if_fail (now != NULL, NULL);

  if (when == NULL)
    return g_strdup ("");

  local_when = g_date_time_to_local (when);
  local_now = g_date_time_to_local (now);
  yesterday = g_date_time_add_days (local_now, -1);
  g_date_time_get_ymd (local_when, &year, &month, &day);

  if (g_date_time_get_year (local_now) == year &&
      g_date_time_get_month (local_now) == month &&
      g_date_time_get_day_of_month (local_now) == day)
    return g_strdup (_("Today"));

  if (g_date_time_get_year (yesterday) == year &&
      g_date_time_get_month (yesterday) == month &&
      g_date_time_get_day_of_month (yesterday) == day)
    return g_strdup (_("Yesterday"));

  /* TRANSLATORS: a short date in the customer list, see g_date_time_format() */
  return g_date_time_format (local_when, _("%-d %b %Y"));
}

/**
 * crm_customer_list_page_describe_empty:
 * @filter: (nullable): the filter of the list
 *
 * Returns: (transfer none): what an empty list tells the user to do
 */
const char *
crm_customer_list_page_describe_empty (CrmFilter *filter)
{
  g_autoptr(CrmFilter) new_leads = crm_builtin_list_filter ("my-new-leads");
  g_autoptr(CrmFilter) working_leads = crm_builtin_list_filter ("my-working-leads");

  if (crm_filter_is_empty (filter))
    return _("Customers you create or import will show here.");

  if (crm_filter_equal (filter, new_leads))
    return _("New leads you own will show here.");

  if (crm_filter_equal (filter, working_leads))
    return _("Leads you own show here once you have contacted them.");

  return _("Customers that match this list will show here.");
}

static void
update_state (CrmCustomerListPage *self)
{
  const char *search = crm_query_model_get_search (self->model);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (self->model));
  gboolean searching = search != NULL && search[0] != '\0';
  g_autofree char *subtitle = NULL;

  g_assert (CRM_IS_CUSTOMER_LIST_PAGE (self));

  /* Before the first query nothing is known: say nothing rather than
   * "no customers". */
  if (!self->rows_listed)
    return;

  if (searching)
    subtitle = g_strdup_printf (ngettext ("%u result", "%u results", n_items), n_items);
  else
    subtitle = g_strdup_printf (ngettext ("%u customer", "%u customers", n_items), n_items);

  adw_window_title_set_subtitle (self->window_title, subtitle);

  if (n_items > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (searching)
    gtk_stack_set_visible_child_name (self->stack, "no-results");
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");
}

/* The model is made frozen, so that the sort the page sets up and the list
 * the window then chooses cost one query, not three, each of which would
 * also make and bind the visible rows. It runs once the list is chosen, or
 * when the page is shown or its model looked at without one. */
static void
list_rows (CrmCustomerListPage *self)
{
  if (self->rows_listed)
    return;

  /* GTK 4.8's list views make and bind about 200 rows whatever their
   * height: the first frame gets only those it can show. */
  self->rows_listed = TRUE;
  crm_reveal_model_reveal (self->first_rows, GTK_WIDGET (self->column_view));
  crm_query_model_thaw (self->model);
  update_state (self);
}

static void
on_model_items_changed_cb (CrmCustomerListPage *self,
                           guint                position,
                           guint                removed,
                           guint                added,
                           GListModel          *model)
{
  update_state (self);
}

/* Another list opens at its top. Told the change, the view stays on a row
 * both lists share; it goes to the top in the layout of the next frame it
 * shows, once its new rows have their places (GTK finds the top row by
 * its allocation, and lays out again before it paints). Taking the model
 * away from the view would do too, but would tear down its 200 rows,
 * 20 ms before the new list is even read. */
static void
on_frame_clock_layout_cb (GdkFrameClock       *clock,
                          CrmCustomerListPage *self)
{
  GtkAdjustment *adjustment;

  if (!gtk_widget_get_mapped (GTK_WIDGET (self->column_view)))
    return;

  g_clear_signal_handler (&self->layout_handler, clock);
  g_clear_object (&self->layout_clock);

  adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (self->column_view));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_lower (adjustment));
}

static void
scroll_to_top (CrmCustomerListPage *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self->column_view));

  if (clock == NULL || self->layout_handler != 0)
    return;

  /* After GTK's own layout, which the root connected at its realize. */
  self->layout_clock = g_object_ref (clock);
  self->layout_handler = g_signal_connect_object (clock, "layout",
                                                  G_CALLBACK (on_frame_clock_layout_cb), self,
                                                  G_CONNECT_AFTER);
}

static void
on_search_entry_search_changed_cb (CrmCustomerListPage *self,
                                   GtkSearchEntry      *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autofree char *stripped = g_strstrip (g_strdup (text));
  g_autofree char *description = NULL;

  crm_query_model_set_search (self->model, stripped[0] != '\0' ? stripped : NULL);

  /* TRANSLATORS: %s is what the user searched for */
  description = g_strdup_printf (_("No customer in this list matches “%s”."), stripped);
  adw_status_page_set_description (self->no_results_page, description);

  update_state (self);
}

static void
on_search_entry_stop_search_cb (CrmCustomerListPage *self,
                                GtkSearchEntry      *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_activate_cb (CrmCustomerListPage *self,
                             GtkSearchEntry      *entry)
{
  /* Enter in the search moves on to the results, the first one selected. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->model)) == 0)
    return;

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), 0, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_column_view_activate_cb (CrmCustomerListPage *self,
                            guint                position,
                            GtkColumnView       *column_view)
{
  gint64 id = crm_query_model_get_id (self->model, position);

  if (id <= 0)
    return;

  g_signal_emit (self, signals[CUSTOMER_ACTIVATED], 0, id);
}

/* GTK 4.8 redraws the sort arrow only of the column whose sort changed, so
 * the column sorted before keeps its arrow. Setting a column's title makes
 * its header look at the view's sorter again. */
static void
refresh_sort_arrows (CrmCustomerListPage *self)
{
  for (guint i = 0; i < N_COLUMNS; i++)
    {
      const char *title = _(column_info[i].title);

      gtk_column_view_column_set_title (self->columns[i], "");
      gtk_column_view_column_set_title (self->columns[i], title);
    }
}

static void
on_view_sorter_changed_cb (CrmCustomerListPage *self,
                           GtkSorterChange      change,
                           GtkSorter           *view_sorter)
{
  CrmSqlSorter *primary;
  gboolean descending = FALSE;

  refresh_sort_arrows (self);
  primary = crm_sql_sorter_find_primary (view_sorter, &descending);

  if (primary == NULL)
    crm_query_model_set_sort (self->model, NULL, FALSE);
  else
    crm_query_model_set_sort (self->model,
                              crm_sql_sorter_get_sort_key (primary),
                              descending);
}

/* Emails are long: the whole address shows on hover. The text is looked
 * up when asked, since setting a tooltip on every bind costs a round trip
 * to the display server while scrolling. */
static gboolean
on_owner_cell_query_tooltip_cb (GtkWidget   *cell,
                                int          x,
                                int          y,
                                gboolean     keyboard,
                                GtkTooltip  *tooltip,
                                GtkListItem *list_item)
{
  gpointer item = gtk_list_item_get_item (list_item);
  const char *owner;

  if (!CRM_IS_CUSTOMER (item))
    return FALSE;

  owner = crm_customer_get_owner (CRM_CUSTOMER (item));
  if (owner == NULL || *owner == '\0')
    return FALSE;

  gtk_tooltip_set_text (tooltip, owner);
  return TRUE;
}

static void
on_factory_setup_cb (GtkSignalListItemFactory *factory,
                     GtkListItem              *list_item,
                     CrmCustomerListPage      *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "crm-column"));
  GtkWidget *cell;

  if (column == COLUMN_STATUS)
    {
      cell = gtk_label_new (NULL);
      gtk_label_set_ellipsize (GTK_LABEL (cell), PANGO_ELLIPSIZE_END);
      gtk_widget_set_halign (cell, GTK_ALIGN_START);
      gtk_widget_add_css_class (cell, "status-pill");
    }
  else
    {
      /* About 200 rows live at a time: text cells share the view's
       * PangoContext (see crm-text-cell.c). */
      cell = crm_text_cell_new (gtk_widget_get_pango_context (GTK_WIDGET (self->column_view)));
      crm_text_cell_set_nat_chars (CRM_TEXT_CELL (cell), column_info[column].nat_chars);
      crm_text_cell_set_numeric (CRM_TEXT_CELL (cell),
                                 column == COLUMN_COUNTRY || column == COLUMN_LAST_ACTIVITY);
      gtk_widget_set_hexpand (cell, TRUE);
    }

  if (column == COLUMN_OWNER)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect_object (cell, "query-tooltip",
                               G_CALLBACK (on_owner_cell_query_tooltip_cb), list_item, 0);
    }

  gtk_list_item_set_child (list_item, cell);
}

static void
set_status_classes (GtkWidget  *label,
                    const char *status)
{
  static const char * const classes[] = {
    [CRM_STATUS_NEW_LEAD] = "new-lead",
    [CRM_STATUS_WORKING_LEAD] = "working-lead",
    [CRM_STATUS_QUALIFIED_LEAD] = "qualified-lead",
    [CRM_STATUS_UNQUALIFIED_LEAD] = "unqualified-lead",
    [CRM_STATUS_ACTIVE] = "active",
    [CRM_STATUS_PAST_DUE] = "past-due",
    [CRM_STATUS_CANCELLED] = "cancelled",
    [CRM_STATUS_OTHER] = "other",
  };
  CrmStatusKind kind = crm_status_kind_from_string (status != NULL ? status : "");

  for (guint i = 0; i < G_N_ELEMENTS (classes); i++)
    {
      if (i == (guint) kind)
        gtk_widget_add_css_class (label, classes[i]);
      else
        gtk_widget_remove_css_class (label, classes[i]);
    }
}

static char *
dup_cell_text (CrmCustomerListPage *self,
               CrmCustomer         *customer,
               Column               column)
{
  g_autoptr(GDateTime) now = NULL;
  const char *status;
  const char *owner;

  switch (column)
    {
    case COLUMN_NAME:
      return g_strdup (crm_customer_get_display_name (customer));

    case COLUMN_COMPANY:
      return g_strdup (crm_customer_get_company (customer));

    case COLUMN_STATUS:
      status = crm_customer_get_status (customer);
      return g_strdup (status != NULL ? crm_status_get_label (status) : "");

    case COLUMN_OWNER:
      owner = crm_customer_get_owner (customer);
      if (owner == NULL || owner[0] == '\0')
        return g_strdup ("");
      return crm_customer_format_owner (owner, self->me_email, self->me_name);

    case COLUMN_COUNTRY:
      return g_strdup (crm_customer_get_country (customer));

    case COLUMN_LAST_ACTIVITY:
      now = g_date_time_new_now_utc ();
      return crm_customer_list_page_format_activity (
        crm_customer_get_last_activity_at (customer), now);

    case N_COLUMNS:
    default:
      g_assert_not_reached ();
    }
}

static void
fill_cell (GtkListItemFactory  *factory,
           GtkListItem         *list_item,
           CrmCustomerListPage *self)
{
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "crm-column"));
  GtkWidget *cell = gtk_list_item_get_child (list_item);
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = NULL;

  if (!CRM_IS_CUSTOMER (item))
    return;

  text = dup_cell_text (self, CRM_CUSTOMER (item), column);

  if (column == COLUMN_STATUS)
    {
      gtk_label_set_label (GTK_LABEL (cell), text);
      set_status_classes (cell, crm_customer_get_status (CRM_CUSTOMER (item)));
      gtk_widget_set_visible (cell, text != NULL && text[0] != '\0');
    }
  else
    {
      crm_text_cell_set_text (CRM_TEXT_CELL (cell), text);
    }
}

/* The model keeps the rows' objects up to date after edits (a bulk edit
 * among them) without an items-changed: a cell follows its customer for
 * as long as it shows it. */
static gboolean
column_shows_property (Column      column,
                       const char *property)
{
  switch (column)
    {
    case COLUMN_NAME:
      /* The display name falls back on the company, then the email. */
      return g_str_equal (property, "name") || g_str_equal (property, "company") ||
             g_str_equal (property, "email");
    case COLUMN_COMPANY:
      return g_str_equal (property, "company");
    case COLUMN_STATUS:
      return g_str_equal (property, "status");
    case COLUMN_OWNER:
      return g_str_equal (property, "owner");
    case COLUMN_COUNTRY:
      return g_str_equal (property, "country");
    case COLUMN_LAST_ACTIVITY:
      return g_str_equal (property, "last-activity-at");
    case N_COLUMNS:
    default:
      return FALSE;
    }
}

static void
on_bound_customer_notify_cb (GtkListItem *list_item,
                             GParamSpec  *pspec,
                             CrmCustomer *customer)
{
  GtkListItemFactory *factory = g_object_get_data (G_OBJECT (list_item), "crm-factory");
  Column column = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (factory), "crm-column"));

  if (column_shows_property (column, pspec->name))
    fill_cell (factory, list_item, g_object_get_data (G_OBJECT (list_item), "crm-page"));
}

static void
on_factory_bind_cb (GtkSignalListItemFactory *factory,
                    GtkListItem              *list_item,
                    CrmCustomerListPage      *self)
{
  gpointer item = gtk_list_item_get_item (list_item);

  fill_cell (GTK_LIST_ITEM_FACTORY (factory), list_item, self);
  if (!CRM_IS_CUSTOMER (item))
    return;

  g_object_set_data (G_OBJECT (list_item), "crm-factory", factory);
  g_object_set_data (G_OBJECT (list_item), "crm-page", self);
  g_signal_connect_object (item, "notify", G_CALLBACK (on_bound_customer_notify_cb),
                           list_item, G_CONNECT_SWAPPED);
}

static void
on_factory_unbind_cb (GtkSignalListItemFactory *factory,
                      GtkListItem              *list_item,
                      CrmCustomerListPage      *self)
{
  gpointer item = gtk_list_item_get_item (list_item);

  if (item != NULL)
    g_signal_handlers_disconnect_by_func (item, on_bound_customer_notify_cb, list_item);
}

static GtkColumnViewColumn *
create_column (CrmCustomerListPage *self,
               Column               column)
{
  g_autoptr(GtkColumnViewColumn) view_column = NULL;
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  CrmSqlSorter *sorter = crm_sql_sorter_new (column_info[column].sort_key);

  g_object_set_data (G_OBJECT (factory), "crm-column", GINT_TO_POINTER (column));
  g_signal_connect_object (factory, "setup",
                           G_CALLBACK (on_factory_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind",
                           G_CALLBACK (on_factory_bind_cb), self, 0);
  g_signal_connect_object (factory, "unbind",
                           G_CALLBACK (on_factory_unbind_cb), self, 0);

  /* The column takes both the factory and the sorter. */
  view_column = gtk_column_view_column_new (_(column_info[column].title), factory);
  gtk_column_view_column_set_sorter (view_column, GTK_SORTER (sorter));
  g_object_unref (sorter);

  gtk_column_view_column_set_resizable (view_column, TRUE);
  gtk_column_view_column_set_expand (view_column, column_info[column].expand);
  if (column_info[column].fixed_width > 0)
    gtk_column_view_column_set_fixed_width (view_column, column_info[column].fixed_width);

  return g_steal_pointer (&view_column);
}

static void
load_me (CrmCustomerListPage *self)
{
  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);

  self->me_email = crm_store_dup_setting (self->store, "me.email");
  self->me_name = crm_store_dup_setting (self->store, "me.name");
}

static void
on_store_changed_settings_cb (CrmCustomerListPage *self,
                              const char          *table,
                              GArray              *ids,
                              CrmStore            *store)
{
  g_autofree char *old_email = g_steal_pointer (&self->me_email);
  g_autofree char *old_name = g_steal_pointer (&self->me_name);

  load_me (self);

  if (g_strcmp0 (old_email, self->me_email) == 0 &&
      g_strcmp0 (old_name, self->me_name) == 0)
    return;

  /* "Me" changed: lists that say "owner is me" hold other rows now, and the
   * Owner cells show another name. Setting the model again rebinds them. */
  crm_query_model_refresh (self->model);
  gtk_column_view_set_model (self->column_view, NULL);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->first_rows));
}

/* Lists: the filter bar */

gboolean
_crm_customer_list_page_is_stale_list (CrmCustomerListPage *self)
{
  return g_strcmp0 (self->list_id, CRM_BUILTIN_LIST_STALE) == 0;
}

static void
update_empty_page (CrmCustomerListPage *self)
{
  CrmFilter *filter = crm_filter_bar_get_filter (self->filter_bar);
  g_autofree char *stale = NULL;
  const char *description;
  gboolean stale_list = _crm_customer_list_page_is_stale_list (self) &&
                        !crm_filter_bar_get_modified (self->filter_bar);

  /* No stale lead is good news: nothing to create there. */
  adw_status_page_set_title (self->empty_page,
                             stale_list ? _("No Stale Working Leads") : _("No Customers Here"));
  adw_status_page_set_icon_name (self->empty_page,
                                 stale_list ? "object-select-symbolic" : "system-users-symbolic");
  gtk_widget_set_visible (adw_status_page_get_child (self->empty_page), !stale_list);

  if (stale_list)
    {
      guint days = crm_saved_lists_get_stale_days (self->store);

      stale = g_strdup_printf (ngettext ("Working Leads show here after %u day without a note, "
                                         "call, email or completed task.",
                                         "Working Leads show here after %u days without a note, "
                                         "call, email or completed task.", days),
                               days);
      description = stale;
    }
  else
    description = crm_customer_list_page_describe_empty (filter);

  adw_status_page_set_description (self->empty_page, description);
}

static void
update_list_actions (CrmCustomerListPage *self)
{
  gboolean stale = _crm_customer_list_page_is_stale_list (self);
  gboolean has_rows = g_list_model_get_n_items (G_LIST_MODEL (self->model)) > 0;

  gtk_widget_set_visible (GTK_WIDGET (self->mark_all_button), stale);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.mark-all-unqualified",
                                 stale && has_rows);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "list.mark-unqualified", stale);
}

static void
on_lists_items_changed_cb (CrmCustomerListPage *self)
{
  update_list_actions (self);
}

static void
on_filter_bar_filter_cb (CrmCustomerListPage *self,
                         GParamSpec          *pspec,
                         CrmFilterBar        *filter_bar)
{
  crm_query_model_set_filter (self->model, crm_filter_bar_get_filter (filter_bar));
  update_empty_page (self);
  update_state (self);
}

static void
crm_customer_list_page_open_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  g_signal_emit (widget, signals[CUSTOMER_ACTIVATED], 0, g_variant_get_int64 (parameter));
}

static void
setup_lists (CrmCustomerListPage *self)
{
  self->filter_bar = CRM_FILTER_BAR (crm_filter_bar_new (self->store, CRM_ENTITY_CUSTOMER));
  gtk_widget_insert_after (GTK_WIDGET (self->filter_bar), GTK_WIDGET (self),
                           GTK_WIDGET (self->header_bar));
  g_signal_connect_object (self->filter_bar, "notify::filter",
                           G_CALLBACK (on_filter_bar_filter_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_lists_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  _crm_customer_list_page_setup_row_menu (self);

  update_list_actions (self);
}

static void
crm_customer_list_page_size_allocate (GtkWidget *widget,
                                      int        width,
                                      int        height,
                                      int        baseline)
{
  CrmCustomerListPage *self = CRM_CUSTOMER_LIST_PAGE (widget);

  GTK_WIDGET_CLASS (crm_customer_list_page_parent_class)->size_allocate (widget, width, height,
                                                                         baseline);

  /* A popover follows its parent only when told so. */
  if (self->row_menu != NULL && gtk_widget_get_visible (self->row_menu))
    gtk_popover_present (GTK_POPOVER (self->row_menu));
}

static void
crm_customer_list_page_map (GtkWidget *widget)
{
  CrmCustomerListPage *self = CRM_CUSTOMER_LIST_PAGE (widget);

  /* Before the children map, so the stack shows the right page at once. */
  list_rows (self);

  GTK_WIDGET_CLASS (crm_customer_list_page_parent_class)->map (widget);
}

static void
crm_customer_list_page_constructed (GObject *object)
{
  CrmCustomerListPage *self = (CrmCustomerListPage *) object;
  GtkSorter *view_sorter;

  G_OBJECT_CLASS (crm_customer_list_page_parent_class)->constructed (object);

  g_assert (CRM_IS_STORE (self->store));

  load_me (self);
  g_signal_connect_object (self->store, "changed::settings",
                           G_CALLBACK (on_store_changed_settings_cb), self,
                           G_CONNECT_SWAPPED);

  self->model = crm_query_model_new_frozen (self->store, CRM_ENTITY_CUSTOMER);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  self->selection = crm_id_selection_new (self->model);
  self->first_rows = crm_reveal_model_new (GTK_SELECTION_MODEL (self->selection));
  crm_reveal_model_set_limit (self->first_rows, 0);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->first_rows));

  /* Bulk edit: the bar follows the selection; Ctrl+A and Escape select. */
  crm_selection_bar_set_model (self->selection_bar, self->store, self->model,
                               GTK_SELECTION_MODEL (self->selection));
  gtk_widget_add_controller (GTK_WIDGET (self),
                             crm_selection_bar_create_shortcuts (self->selection_bar));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      self->columns[i] = create_column (self, i);
      gtk_column_view_append_column (self->column_view, self->columns[i]);
    }

  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed",
                           G_CALLBACK (on_view_sorter_changed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_column_view_sort_by_column (self->column_view,
                                  self->columns[COLUMN_NAME],
                                  GTK_SORT_ASCENDING);

  gtk_search_entry_set_key_capture_widget (self->search_entry,
                                           GTK_WIDGET (self->column_view));

  setup_lists (self);

  update_state (self);
}

static void
crm_customer_list_page_dispose (GObject *object)
{
  CrmCustomerListPage *self = (CrmCustomerListPage *) object;

  /* Removing the columns changes the view's sorter: nothing may react. */
  if (self->layout_handler != 0)
    g_clear_signal_handler (&self->layout_handler, self->layout_clock);
  g_clear_object (&self->layout_clock);

  if (self->column_view != NULL)
    {
      g_signal_handlers_disconnect_by_data (gtk_column_view_get_sorter (self->column_view),
                                            self);
      gtk_column_view_set_model (self->column_view, NULL);
    }

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);

  g_clear_pointer (&self->row_menu, gtk_widget_unparent);
  if (self->filter_bar != NULL)
    {
      gtk_widget_unparent (GTK_WIDGET (self->filter_bar));
      self->filter_bar = NULL;
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CRM_TYPE_CUSTOMER_LIST_PAGE);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_clear_object (&self->columns[i]);

  g_clear_object (&self->first_rows);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_customer_list_page_parent_class)->dispose (object);
}

static void
crm_customer_list_page_finalize (GObject *object)
{
  CrmCustomerListPage *self = (CrmCustomerListPage *) object;

  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->me_email, g_free);
  g_clear_pointer (&self->me_name, g_free);
  g_clear_pointer (&self->list_id, g_free);

  G_OBJECT_CLASS (crm_customer_list_page_parent_class)->finalize (object);
}

static void
crm_customer_list_page_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  CrmCustomerListPage *self = CRM_CUSTOMER_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_FOLDED:
      g_value_set_boolean (value, self->folded);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_list_page_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  CrmCustomerListPage *self = CRM_CUSTOMER_LIST_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_FOLDED:
      crm_customer_list_page_set_folded (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_customer_list_page_class_init (CrmCustomerListPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = crm_customer_list_page_constructed;
  object_class->dispose = crm_customer_list_page_dispose;
  object_class->finalize = crm_customer_list_page_finalize;
  object_class->get_property = crm_customer_list_page_get_property;
  object_class->set_property = crm_customer_list_page_set_property;

  widget_class->size_allocate = crm_customer_list_page_size_allocate;
  widget_class->map = crm_customer_list_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CRM_TYPE_STORE,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  /* Whether the window's leaflet is folded: the page then shows a back
   * button to the sidebar and the window buttons on its left. */
  properties[PROP_FOLDED] =
    g_param_spec_boolean ("folded", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE |
                           G_PARAM_EXPLICIT_NOTIFY |
                           G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CrmCustomerListPage::customer-activated:
   * @self: the page
   * @id: the id of the customer
   *
   * Emitted when a row is activated (Enter or a double click).
   */
  signals[CUSTOMER_ACTIVATED] =
    g_signal_new ("customer-activated",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/gui/crm-customer-list-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, window_title);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, no_results_page);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, mark_all_button);
  gtk_widget_class_bind_template_child (widget_class, CrmCustomerListPage, selection_bar);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "list.open", "x",
                                   crm_customer_list_page_open_action);
  _crm_customer_list_page_class_install_stale_actions (widget_class);

  gtk_widget_class_set_css_name (widget_class, "customerlistpage");
}

static void
crm_customer_list_page_init (CrmCustomerListPage *self)
{
  g_type_ensure (CRM_TYPE_SELECTION_BAR);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * crm_customer_list_page_new:
 * @store: the store to show customers of
 *
 * Returns: (transfer floating): a new page, showing all customers (from
 *   when it is shown or its model is asked for) until
 *   crm_customer_list_page_set_list() is called
 */
GtkWidget *
crm_customer_list_page_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_CUSTOMER_LIST_PAGE,
                       "store", store,
                       NULL);
}

/**
 * crm_customer_list_page_set_list:
 * @self: a #CrmCustomerListPage
 * @title: the name of the list
 * @filter: (nullable): the list's filter; %NULL shows every customer
 *
 * Shows another list. The search is cleared; the sort is kept.
 */
void
crm_customer_list_page_set_list (CrmCustomerListPage *self,
                                 const char          *title,
                                 CrmFilter           *filter)
{
  crm_customer_list_page_set_list_full (self, NULL, title, filter);
}

/**
 * crm_customer_list_page_set_list_full:
 * @self: a #CrmCustomerListPage
 * @list_id: (nullable): the list's id ("stale-working-leads", "saved:3")
 * @title: the name of the list
 * @filter: (nullable): the list's filter; %NULL shows every customer
 *
 * Shows another list, as crm_customer_list_page_set_list() does. The id
 * tells the page what else the list offers: the stale working leads can
 * be marked unqualified.
 */
void
crm_customer_list_page_set_list_full (CrmCustomerListPage *self,
                                      const char          *list_id,
                                      const char          *title,
                                      CrmFilter           *filter)
{
  gboolean switched;

  g_return_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self));
  g_return_if_fail (title != NULL);

  switched = g_strcmp0 (self->list_id, list_id) != 0;

  g_free (self->title);
  self->title = g_strdup (title);
  g_free (self->list_id);
  self->list_id = g_strdup (list_id);
  adw_window_title_set_title (self->window_title, title);

  /* The bar shows the list's filter; the model follows it below, once,
   * after the search is cleared. */
  g_signal_handlers_block_by_func (self->filter_bar, on_filter_bar_filter_cb, self);
  crm_filter_bar_set_filter (self->filter_bar, filter);
  g_signal_handlers_unblock_by_func (self->filter_bar, on_filter_bar_filter_cb, self);
  update_empty_page (self);

  /* Clear the search at once rather than after the entry's delay. */
  g_signal_handlers_block_by_func (self->search_entry,
                                   on_search_entry_search_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  g_signal_handlers_unblock_by_func (self->search_entry,
                                     on_search_entry_search_changed_cb, self);

  if (switched)
    scroll_to_top (self);

  crm_query_model_set_search (self->model, NULL);
  crm_query_model_set_filter (self->model, crm_filter_bar_get_filter (self->filter_bar));
  list_rows (self);
  gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));

  update_list_actions (self);
  update_state (self);
}

/**
 * crm_customer_list_page_fit_height:
 * @self: a #CrmCustomerListPage
 * @height: the height of the window around the page, in pixels
 *
 * Tells the page how high its window turned out, before the page is laid
 * out in it: a window taller than it promised (a window manager may size
 * it) shows the rows that fill it from its first frame.
 */
void
crm_customer_list_page_fit_height (CrmCustomerListPage *self,
                                   int                  height)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self));

  crm_reveal_model_fit (self->first_rows, height);
}

/**
 * crm_customer_list_page_get_filter_bar:
 * @self: a #CrmCustomerListPage
 *
 * Returns: (transfer none): the filter bar under the header bar
 */
CrmFilterBar *
crm_customer_list_page_get_filter_bar (CrmCustomerListPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self), NULL);

  return self->filter_bar;
}

/**
 * crm_customer_list_page_get_list_id:
 * @self: a #CrmCustomerListPage
 *
 * Returns: (nullable): the id of the list shown
 */
const char *
crm_customer_list_page_get_list_id (CrmCustomerListPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self), NULL);

  return self->list_id;
}

/**
 * crm_customer_list_page_get_title:
 * @self: a #CrmCustomerListPage
 *
 * Returns: (nullable): the name of the list shown
 */
const char *
crm_customer_list_page_get_title (CrmCustomerListPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self), NULL);

  return self->title;
}

/**
 * crm_customer_list_page_get_model:
 * @self: a #CrmCustomerListPage
 *
 * Gets the model of the rows, with its rows listed (a page not yet shown
 * runs its first query now).
 *
 * Returns: (transfer none): the model of the rows
 */
CrmQueryModel *
crm_customer_list_page_get_model (CrmCustomerListPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self), NULL);

  list_rows (self);
  return self->model;
}

/**
 * crm_customer_list_page_get_column_view:
 * @self: a #CrmCustomerListPage
 *
 * Returns: (transfer none): the column view
 */
GtkColumnView *
crm_customer_list_page_get_column_view (CrmCustomerListPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self), NULL);

  return self->column_view;
}

void
crm_customer_list_page_focus_search (CrmCustomerListPage *self)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

gboolean
crm_customer_list_page_get_folded (CrmCustomerListPage *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self), FALSE);

  return self->folded;
}

void
crm_customer_list_page_set_folded (CrmCustomerListPage *self,
                                   gboolean             folded)
{
  g_return_if_fail (CRM_IS_CUSTOMER_LIST_PAGE (self));

  folded = !!folded;
  if (self->folded == folded)
    return;

  self->folded = folded;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FOLDED]);
}
