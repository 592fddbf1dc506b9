/* test-ui-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-bulk"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <sqlite3.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-customer-list-page.h"
#include "crm-selection-bar.h"
#include "crm-store.h"
#include "crm-store-demo.h"
#include "crm-window.h"
#include "test-ui-util.h"

/* Bulk edit in the real window under Xvfb, on a demo book large enough
 * for the progress and Cancel: selecting rows (a range, all), then status,
 * tags and attributes through the selection bar, with the store, the
 * toast, the skipped customers and Undo checked. The store can be slowed
 * down so that a job is still running when the test looks at it. */

#define N_DEMO_CUSTOMERS 700
static struct {
  char           *dir;
  CrmStore       *store;
  CrmApplication *app;
  CrmWindow      *window;
  gboolean        slow;
} fixture;

/* Widget lookups */

#define MESSAGE_DIALOG GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)

static gboolean
is_menu_button_with_label (GtkWidget *widget,
                           gpointer   label)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

static CrmCustomerListPage *
get_page (void)
{
  return crm_window_get_list_page (fixture.window);
}

static CrmSelectionBar *
get_bar (void)
{
  return CRM_SELECTION_BAR (ui_find_of_type (GTK_WIDGET (get_page ()), CRM_TYPE_SELECTION_BAR));
}

static GtkSelectionModel *
get_selection (void)
{
  return gtk_column_view_get_model (crm_customer_list_page_get_column_view (get_page ()));
}

static GListModel *
get_model (void)
{
  return G_LIST_MODEL (crm_customer_list_page_get_model (get_page ()));
}

static gboolean
bar_is_shown (gpointer data)
{
  GtkWidget *bar = GTK_WIDGET (get_bar ());
  GtkActionBar *action_bar = GTK_ACTION_BAR (ui_find_of_type (bar, GTK_TYPE_ACTION_BAR));
  gboolean shown = GPOINTER_TO_INT (data);

  return gtk_action_bar_get_revealed (action_bar) == shown &&
         (gtk_widget_get_height (bar) > 0) == shown;
}

static gboolean
job_is_done (gpointer data)
{
  return !crm_selection_bar_get_running (get_bar ());
}

static gboolean
label_is_shown (gpointer text)
{
  return ui_find_widget (GTK_WIDGET (fixture.window), ui_is_mapped_label_with, text) != NULL;
}

/* A row of the skipped list: "Active is set by billing" under a name. */
static gboolean
is_skip_line (GtkWidget *widget,
              gpointer   data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  return g_str_has_suffix (text, " is set by billing");
}

static AdwMessageDialog *
find_dialog (void)
{
  return (AdwMessageDialog *) ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
dialog_has_skip_line (gpointer dialog)
{
  return ui_find_widget (GTK_WIDGET (dialog), is_skip_line, NULL) != NULL;
}

/* The book, as the test's own connection reads it */

static char *
dump_book (void)
{
  static const char * const queries[] = {
    "SELECT * FROM customers ORDER BY id",
    "SELECT * FROM tags ORDER BY customer_id, tag",
    "SELECT * FROM activities ORDER BY id",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (fixture.store), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (dump, "%s|", text != NULL ? text : "-");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static gboolean
book_is (gpointer data)
{
  g_autofree char *now = dump_book ();

  return g_strcmp0 (now, data) == 0;
}

static guint
count_with_status (GArray     *ids,
                   const char *status,
                   gboolean    subscribers)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) object = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER,
                                                  g_array_index (ids, gint64, i), NULL);
      CrmStatusKind kind = crm_customer_get_status_kind (CRM_CUSTOMER (object));
      gboolean is_subscriber = kind == CRM_STATUS_ACTIVE || kind == CRM_STATUS_PAST_DUE ||
                               kind == CRM_STATUS_CANCELLED;

      if (subscribers ? is_subscriber
                      : g_strcmp0 (crm_customer_get_status (CRM_CUSTOMER (object)), status) == 0)
        n++;
    }

  return n;
}

static void
scroll_to_top (void)
{
  GtkScrollable *view = GTK_SCROLLABLE (crm_customer_list_page_get_column_view (get_page ()));

  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (view), 0);
}

static void
show_all_customers (void)
{
  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  gtk_selection_model_unselect_all (get_selection ());
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (FALSE)));
}

/* What the bar says */

static void
test_format (void)
{
  g_autofree char *count = crm_selection_bar_format_count (12);
  g_autofree char *one = crm_selection_bar_format_count (1);
  g_autofree char *progress = crm_selection_bar_format_progress (12, 700);
  g_autofree char *skip = NULL;
  CrmBulkSkip maple = { 7, (char *) "Maple Foods", (char *) "Active is set by billing" };

  g_assert_cmpstr (count, ==, "12 selected");
  g_assert_cmpstr (one, ==, "1 selected");
  g_assert_cmpstr (progress, ==, "Changing 12 of 700 customers…");

  skip = crm_selection_bar_format_skip (&maple);
  g_assert_cmpstr (skip, ==, "Maple Foods — Active is set by billing");
}

static GtkPopover *open_popover (const char *button_label);

/* Selecting */

static void
test_hidden_without_selection (void)
{
  show_all_customers ();

  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 0);
  g_assert_false (crm_selection_bar_get_running (get_bar ()));
}

static void
test_select_range (void)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *count = NULL;
  GtkPopover *popover;

  show_all_customers ();

  /* Shift-click selects a range, ctrl-click adds one row. */
  gtk_selection_model_select_range (get_selection (), 3, 10, TRUE);
  gtk_selection_model_select_item (get_selection (), 20, FALSE);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 11);
  count = crm_selection_bar_format_count (11);
  g_assert_true (label_is_shown (count));

  ids = crm_selection_bar_dup_selected_ids (get_bar ());
  g_assert_cmpuint (ids->len, ==, 11);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                     crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 3 + i));
  g_assert_cmpint (g_array_index (ids, gint64, 10), ==,
                   crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 20));

  /* The bar never keeps a narrow window from folding: it scrolls. */
  {
    int min_width = 0;

    gtk_widget_measure (GTK_WIDGET (get_bar ()), GTK_ORIENTATION_HORIZONTAL, -1,
                        &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <, 200);
  }

  scroll_to_top ();
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-bulk-selection.png");

  /* The Status menu offers the lead statuses only; Owner offers me, the
   * known owners and nobody. */
  popover = open_popover ("_Status");
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (popover), ui_is_mapped_label_with,
                                    (gpointer) "Unqualified Lead"));
  g_assert_null (ui_find_widget (GTK_WIDGET (popover), ui_is_mapped_label_with,
                                 (gpointer) "Active"));
  ui_save_window_screenshot (GTK_WIDGET (popover), "ui-bulk-status-menu.png");
  gtk_popover_popdown (popover);

  popover = open_popover ("_Owner");
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (popover), ui_is_mapped_label_with,
                                    (gpointer) "No Owner"));
  ui_save_window_screenshot (GTK_WIDGET (popover), "ui-bulk-owner-menu.png");
  gtk_popover_popdown (popover);
}

/* A row's cell, as a click would hit it. */
static gboolean
is_cell_of (GtkWidget *widget,
            gpointer   id)
{
  gpointer data = g_object_get_data (G_OBJECT (widget), "crm-customer-id");

  return data != NULL && data == id && gtk_widget_get_mapped (widget);
}

/* What a click, a ctrl-click and a shift-click on a row do: the row's
 * "listitem.select" action with (modify, extend). */
static void
click_row (guint    position,
           gboolean ctrl,
           gboolean shift)
{
  gint64 id = crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), position);
  GtkWidget *view = GTK_WIDGET (crm_customer_list_page_get_column_view (get_page ()));
  GtkWidget *cell = ui_find_widget (view, is_cell_of, GSIZE_TO_POINTER ((gsize) id));

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_activate_action (cell, "listitem.select", "(bb)", ctrl, shift));
}

static void
test_click_select (void)
{
  g_autoptr(GArray) ids = NULL;

  show_all_customers ();
  scroll_to_top ();
  ui_run_for (100);

  click_row (2, FALSE, FALSE);
  click_row (6, FALSE, TRUE);
  click_row (9, TRUE, FALSE);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 6);

  /* A second ctrl-click takes a row out; a plain click starts over. */
  click_row (4, TRUE, FALSE);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 5);
  ids = crm_selection_bar_dup_selected_ids (get_bar ());
  for (guint i = 0, positions[] = { 2, 3, 5, 6, 9 }; i < G_N_ELEMENTS (positions); i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                     crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), positions[i]));

  click_row (7, FALSE, FALSE);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 1);
  gtk_selection_model_unselect_all (get_selection ());
}

static GtkShortcutController *
find_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller),
                     "crm-selection-shortcuts") == 0)
        return GTK_SHORTCUT_CONTROLLER (controller);
    }

  return NULL;
}

static gboolean
press_shortcut (guint           keyval,
                GdkModifierType modifiers)
{
  GtkWidget *page = GTK_WIDGET (get_page ());
  GListModel *shortcuts = G_LIST_MODEL (find_shortcuts (page));

  g_assert_nonnull (shortcuts);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                             page, NULL);
    }

  g_assert_not_reached ();
}

static void
test_select_all_and_clear (void)
{
  guint n_items;

  show_all_customers ();
  n_items = g_list_model_get_n_items (get_model ());
  g_assert_cmpuint (n_items, ==, N_DEMO_CUSTOMERS);

  /* Escape with nothing selected is left to others. */
  g_assert_false (press_shortcut (GDK_KEY_Escape, 0));

  g_assert_true (press_shortcut (GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, n_items);

  g_assert_true (press_shortcut (GDK_KEY_Escape, 0));
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (FALSE)));

  /* The bar's own buttons do the same. */
  gtk_selection_model_select_item (get_selection (), 0, TRUE);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.select-all", NULL);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, n_items);
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.clear-selection", NULL);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 0);
}

/* Editing */

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_emissions)
{
  (*n_emissions)++;
}

static void
on_store_changed_cb (CrmStore   *store,
                     const char *table,
                     GArray     *ids,
                     guint      *n_commits)
{
  /* One commit emits once per table; customers stand for the commit. */
  if (g_str_equal (table, "customers"))
    (*n_commits)++;
}

static void
test_status_select_all (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *toast_title = NULL;
  g_autoptr(GArray) ids = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *undo_button;
  guint n_subscribers, n_working, n_emissions = 0, n_commits = 0;
  gulong items_handler, store_handler;

  show_all_customers ();
  before = dump_book ();

  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.select-all", NULL);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  ids = crm_selection_bar_dup_selected_ids (get_bar ());
  g_assert_cmpuint (ids->len, ==, N_DEMO_CUSTOMERS);
  n_subscribers = count_with_status (ids, NULL, TRUE);
  n_working = count_with_status (ids, "Working Lead", FALSE);
  g_assert_cmpuint (n_subscribers, >, 0);

  items_handler = g_signal_connect (get_model (), "items-changed",
                                    G_CALLBACK (on_items_changed_cb), &n_emissions);
  store_handler = g_signal_connect (fixture.store, "changed",
                                    G_CALLBACK (on_store_changed_cb), &n_commits);

  /* As the Status menu's "Working Lead" item does. */
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-status", "s", "Working Lead");
  g_assert_true (crm_selection_bar_get_running (get_bar ()));
  g_assert_true (ui_wait_until (job_is_done, NULL));
  ui_run_for (100);

  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpuint (n_emissions, <=, n_commits);
  g_signal_handler_disconnect (get_model (), items_handler);
  g_signal_handler_disconnect (fixture.store, store_handler);

  /* The store: every lead is a Working Lead; subscribers kept theirs. */
  g_assert_cmpuint (count_with_status (ids, "Working Lead", FALSE), ==,
                    N_DEMO_CUSTOMERS - n_subscribers);
  g_assert_cmpuint (count_with_status (ids, NULL, TRUE), ==, n_subscribers);

  /* The toast, and the dialog that names each skipped customer. */
  toast_title = g_strdup_printf ("Changed %u customers",
                                 N_DEMO_CUSTOMERS - n_subscribers - n_working);
  g_assert_true (ui_wait_until (label_is_shown, toast_title));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, MESSAGE_DIALOG));
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Customers Skipped"));
  g_assert_nonnull (ui_find_of_type (GTK_WIDGET (dialog), GTK_TYPE_LIST_VIEW));
  g_assert_true (ui_wait_until (dialog_has_skip_line, dialog));
  ui_save_window_screenshot (GTK_WIDGET (dialog), "ui-bulk-skipped.png");
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-bulk-toast.png");

  /* "Select them" leaves exactly the skipped customers selected. */
  ui_click (ui_find_mapped_button (GTK_WIDGET (dialog), "_Select Them"));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, MESSAGE_DIALOG));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, n_subscribers);

  /* Undo puts every row back exactly. */
  undo_button = ui_find_toast_button (GTK_WIDGET (fixture.window), toast_title, "_Undo");
  g_assert_nonnull (undo_button);
  ui_click (GTK_BUTTON (undo_button));
  g_assert_true (ui_wait_until (book_is, before));
  after = dump_book ();
  g_assert_cmpstr (after, ==, before);
}

static void
test_new_leads_refresh_once (void)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  guint n_items, n_emissions = 0;
  gulong handler;

  crm_filter_add (filter, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));
  crm_customer_list_page_set_list (get_page (), "New leads", filter);
  n_items = g_list_model_get_n_items (get_model ());
  g_assert_cmpuint (n_items, >, 20);

  gtk_selection_model_select_range (get_selection (), 0, 20, TRUE);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));

  handler = g_signal_connect (get_model (), "items-changed",
                              G_CALLBACK (on_items_changed_cb), &n_emissions);
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-status", "s", "Qualified Lead");
  g_assert_true (ui_wait_until (job_is_done, NULL));
  ui_run_for (100);
  g_signal_handler_disconnect (get_model (), handler);

  /* The twenty rows leave the list in one change, and the bar goes. */
  g_assert_cmpuint (n_emissions, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (get_model ()), ==, n_items - 20);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (FALSE)));
  g_assert_true (ui_wait_until (label_is_shown, (gpointer) "Changed 20 customers"));
}

static GtkPopover *
open_popover (const char *button_label)
{
  GtkWidget *button = ui_find_widget (GTK_WIDGET (get_bar ()), is_menu_button_with_label,
                                      (gpointer) button_label);
  GtkPopover *popover;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (ui_wait_until ((UiCondition) gtk_widget_get_mapped, popover));

  return popover;
}

static void
test_tags (void)
{
  g_autoptr(GObject) first = NULL;
  GtkPopover *popover;
  GtkWidget *entry;
  gint64 id;

  show_all_customers ();
  gtk_selection_model_select_range (get_selection (), 0, 5, TRUE);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  id = crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 0);

  popover = open_popover ("_Tags");
  entry = ui_find_of_type (GTK_WIDGET (popover), GTK_TYPE_ENTRY);

  /* Nothing to add is marked, not sent. */
  gtk_editable_set_text (GTK_EDITABLE (entry), " , ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (crm_selection_bar_get_running (get_bar ()));

  gtk_editable_set_text (GTK_EDITABLE (entry), "q3-campaign, webinar");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  ui_save_window_screenshot (GTK_WIDGET (popover), "ui-bulk-tags.png");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (ui_wait_until (job_is_done, NULL));
  g_assert_true (ui_wait_until (label_is_shown, (gpointer) "Changed 5 customers"));

  first = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);
  g_assert_true (g_strv_contains (crm_customer_get_tags (CRM_CUSTOMER (first)), "q3-campaign"));
  g_assert_true (g_strv_contains (crm_customer_get_tags (CRM_CUSTOMER (first)), "webinar"));
  g_clear_object (&first);

  popover = open_popover ("_Tags");
  gtk_editable_set_text (GTK_EDITABLE (entry), "webinar");
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.remove-tags", NULL);
  g_assert_true (ui_wait_until (job_is_done, NULL));
  first = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);
  g_assert_false (g_strv_contains (crm_customer_get_tags (CRM_CUSTOMER (first)), "webinar"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popover)));
}

static void
test_attributes (void)
{
  g_autoptr(GObject) first = NULL;
  GtkPopover *popover;
  GtkGrid *grid;
  GtkWidget *error_label;
  gint64 id;

  show_all_customers ();
  gtk_selection_model_select_range (get_selection (), 0, 8, TRUE);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  id = crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 0);

  popover = open_popover ("_Attributes");
  grid = GTK_GRID (ui_find_of_type (GTK_WIDGET (popover), GTK_TYPE_GRID));

  /* Row 1 is the first attribute: name, type, value. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 0, 1)), "company_size");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_grid_get_child_at (grid, 1, 1)),
                              CRM_ATTRIBUTE_NUMBER);
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 1)), "lots");
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 0, 2)), "renewal_on");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_grid_get_child_at (grid, 1, 2)),
                              CRM_ATTRIBUTE_DATE);
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 2)), "2026-03-31");
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-attributes", NULL);

  /* An invalid value is shown where it was typed, and nothing runs. */
  g_assert_false (crm_selection_bar_get_running (get_bar ()));
  error_label = ui_find_widget (GTK_WIDGET (popover), ui_is_mapped_label_with,
                                (gpointer) "“lots” is not a number");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_has_css_class (gtk_grid_get_child_at (grid, 2, 1), "error"));
  ui_save_window_screenshot (GTK_WIDGET (popover), "ui-bulk-attributes.png");

  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 1)), "250");
  g_signal_emit_by_name (gtk_grid_get_child_at (grid, 2, 1), "activate");
  g_assert_true (ui_wait_until (job_is_done, NULL));
  g_assert_true (ui_wait_until (label_is_shown, (gpointer) "Changed 8 customers"));

  first = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);
  g_assert_cmpint (json_object_get_int_member (crm_customer_get_attributes (CRM_CUSTOMER (first)),
                                               "company_size"), ==, 250);
  g_assert_cmpstr (json_object_get_string_member (
                     crm_customer_get_attributes (CRM_CUSTOMER (first)), "renewal_on"),
                   ==, "2026-03-31");
}

static gboolean
is_progress_stack (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget),
                                                               "progress") != NULL;
}

static gboolean
progress_has_moved (gpointer data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (ui_find_of_type (data, GTK_TYPE_PROGRESS_BAR));

  return gtk_progress_bar_get_fraction (bar) > 0;
}

static void
test_large_cancel (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkStack *stack;
  GtkWidget *cancel;

  show_all_customers ();
  before = dump_book ();
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.select-all", NULL);
  g_assert_true (ui_wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), >,
                    CRM_SELECTION_BAR_PROGRESS_THRESHOLD);

  /* A slow writer: the job is still running while the test looks. */
  fixture.slow = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-owner", "s", "me");
  stack = GTK_STACK (ui_find_widget (GTK_WIDGET (get_bar ()), is_progress_stack, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "progress");
  g_assert_true (ui_wait_until (progress_has_moved, get_bar ()));
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-bulk-progress.png");

  cancel = GTK_WIDGET (ui_find_mapped_button (GTK_WIDGET (get_bar ()), "_Cancel"));
  ui_click (GTK_BUTTON (cancel));
  g_assert_true (ui_wait_until (job_is_done, NULL));
  fixture.slow = FALSE;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "edit");
  g_assert_true (ui_wait_until (label_is_shown, (gpointer) "Cancelled: no customer was changed"));
  after = dump_book ();
  g_assert_cmpstr (after, ==, before);
}

/* Fixture */

static gboolean
slow_rule (CrmStoreTxn  *txn,
           const char   *table,
           gint64        id,
           const char   *operation,
           GVariant     *changes,
           gpointer      user_data,
           GError      **error)
{
  if (fixture.slow && g_str_equal (table, "customers"))
    g_usleep (3000);

  return TRUE;
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;

  ui_open_profile (&fixture.dir, &fixture.store, &fixture.app);
  crm_store_add_rule (fixture.store, slow_rule, NULL);
  g_assert_true (crm_store_demo_fill (fixture.store, N_DEMO_CUSTOMERS, &error));
  g_assert_no_error (error);

  fixture.window = crm_window_new (fixture.app, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture.window));
  ui_run_for (300);
}

static void
tear_down (void)
{
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (50);
  ui_close_profile (&fixture.dir, &fixture.store, &fixture.app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_set_test_environment ();

  g_test_init (&argc, &argv, NULL);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/bulk/format", test_format);
  g_test_add_func ("/crm/ui/bulk/hidden-without-selection", test_hidden_without_selection);
  g_test_add_func ("/crm/ui/bulk/select-range", test_select_range);
  g_test_add_func ("/crm/ui/bulk/click-select", test_click_select);
  g_test_add_func ("/crm/ui/bulk/select-all-and-clear", test_select_all_and_clear);
  g_test_add_func ("/crm/ui/bulk/status", test_status_select_all);
  g_test_add_func ("/crm/ui/bulk/tags", test_tags);
  g_test_add_func ("/crm/ui/bulk/attributes", test_attributes);
  g_test_add_func ("/crm/ui/bulk/large-cancel", test_large_cancel);
  g_test_add_func ("/crm/ui/bulk/refresh-once", test_new_leads_refresh_once);

  return ui_run_tests (set_up, tear_down);
}
