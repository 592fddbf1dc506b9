/* test-ui-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-window"

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-application.h"
#include "crm-builtin-lists.h"
#include "crm-customer.h"
#include "crm-customer-list-page.h"
#include "crm-customer-page.h"
#include "crm-csv-import.h"
#include "crm-list-export.h"
#include "crm-opportunity-list-page.h"
#include "crm-new-customer-window.h"
#include "crm-query-model.h"
#include "crm-sidebar-row.h"
#include "crm-sql-sorter.h"
#include "crm-store.h"
#include "crm-text-cell.h"
#include "crm-window.h"
#include "test-ui-util.h"

/* The main window, for real, under Xvfb: one profile filled with the demo
 * book is shared by the test cases below, which run in order. The cases
 * that open windows of their own are in test-ui-window-own.c. */

#define N_DEMO_CUSTOMERS 120

static struct {
  char *dir;
  CrmStore *store;
  CrmApplication *app;
  CrmWindow *window;
} fixture;

/* The count of the built-in list @list_id in the fixture's profile */
static guint
count_list (const char *list_id)
{
  return ui_count_list (fixture.store, list_id);
}

/* Widget lookups */

static gboolean
is_mapped_customer_page (GtkWidget *widget,
                         gpointer   data)
{
  return CRM_IS_CUSTOMER_PAGE (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_text_cell (GtkWidget *widget,
                gpointer   data)
{
  return CRM_IS_TEXT_CELL (widget);
}

static gboolean
is_search_entry (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_SEARCH_ENTRY (widget);
}

static CrmCustomerListPage *
get_list_page (void)
{
  return crm_window_get_list_page (fixture.window);
}

static CrmQueryModel *
get_model (void)
{
  return crm_customer_list_page_get_model (get_list_page ());
}

static GtkColumnView *
get_column_view (void)
{
  return crm_customer_list_page_get_column_view (get_list_page ());
}

static gboolean
model_has_n_items (gpointer data)
{
  return g_list_model_get_n_items (G_LIST_MODEL (get_model ())) == GPOINTER_TO_UINT (data);
}

/* The view gets the rows past those of its first frame a frame later. */
static gboolean
view_has_n_items (gpointer data)
{
  GListModel *view_model = G_LIST_MODEL (gtk_column_view_get_model (get_column_view ()));

  return g_list_model_get_n_items (view_model) == GPOINTER_TO_UINT (data);
}

static gboolean
model_starts_with (gpointer data)
{
  return crm_query_model_get_id (get_model (), 0) == *(gint64 *) data;
}

static gboolean
column_view_has_rows (gpointer data)
{
  GtkWidget *view = GTK_WIDGET (get_column_view ());

  /* The view's list widget has one child per realized row. */
  return gtk_widget_get_mapped (view) &&
         ui_find_widget (view, is_text_cell, NULL) != NULL;
}

static gboolean
sidebar_counts_match (gpointer data)
{
  const CrmBuiltinList *lists;
  guint n_lists;

  lists = crm_builtin_list_get_all (&n_lists);

  for (guint i = 0; i < n_lists; i++)
    {
      GtkWidget *row = ui_find_widget (GTK_WIDGET (fixture.window), ui_is_sidebar_row,
                                    (gpointer) lists[i].id);

      if (row == NULL ||
          crm_sidebar_row_get_count (CRM_SIDEBAR_ROW (row)) != count_list (lists[i].id))
        return FALSE;
    }

  return TRUE;
}

static gboolean
customer_page_shown (gpointer data)
{
  GtkWidget *page = ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_customer_page, NULL);
  gint64 wanted = *(gint64 *) data;

  if (page == NULL)
    return FALSE;

  return wanted <= 0 ||
         crm_customer_page_get_customer_id (CRM_CUSTOMER_PAGE (page)) == wanted;
}

static gboolean
list_shown (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (get_list_page ())) &&
         ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_customer_page, NULL) == NULL;
}

static GtkColumnViewColumn *
find_column (const char *sort_key)
{
  GListModel *columns = gtk_column_view_get_columns (get_column_view ());

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (CRM_IS_SQL_SORTER (sorter) &&
          g_strcmp0 (crm_sql_sorter_get_sort_key (CRM_SQL_SORTER (sorter)), sort_key) == 0)
        return column;
    }

  return NULL;
}

static gint64
first_id_for (const char *search,
              const char *sort_key,
              gboolean    descending,
              guint      *n_ids)
{
  g_autoptr(CrmFilter) filter = crm_builtin_list_filter ("all-customers");
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  ids = crm_store_query_ids (fixture.store, CRM_ENTITY_CUSTOMER, filter,
                             search, sort_key, descending, &error);
  g_assert_no_error (error);

  if (n_ids != NULL)
    *n_ids = ids->len;

  return ids->len > 0 ? g_array_index (ids, gint64, 0) : 0;
}

static char *
dup_first_name (void)
{
  g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (get_model ()), 0);

  g_assert_true (CRM_IS_CUSTOMER (customer));

  return g_strdup (crm_customer_get_display_name (customer));
}

/* Test cases */

static void
test_format_activity (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2025, 6, 12, 15, 0, 0);
  g_autoptr(GDateTime) morning = g_date_time_new_local (2025, 6, 12, 0, 30, 0);
  g_autoptr(GDateTime) yesterday = g_date_time_new_local (2025, 6, 11, 23, 59, 0);
  g_autoptr(GDateTime) earlier = g_date_time_new_local (2025, 6, 3, 9, 0, 0);
  g_autoptr(GDateTime) utc = g_date_time_to_utc (morning);
  g_autofree char *text = NULL;

  text = crm_customer_list_page_format_activity (NULL, now);
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  text = crm_customer_list_page_format_activity (utc, now);
  g_assert_cmpstr (text, ==, "Today");
  g_clear_pointer (&text, g_free);

  text = crm_customer_list_page_format_activity (yesterday, now);
  g_assert_cmpstr (text, ==, "Yesterday");
  g_clear_pointer (&text, g_free);

  text = crm_customer_list_page_format_activity (earlier, now);
  g_assert_cmpstr (text, ==, "3 Jun 2025");
}

static void
test_describe_empty (void)
{
  g_autoptr(CrmFilter) new_leads = crm_builtin_list_filter ("my-new-leads");
  g_autoptr(CrmFilter) working = crm_builtin_list_filter ("my-working-leads");
  g_autoptr(CrmFilter) all = crm_builtin_list_filter ("all-customers");
  g_autoptr(CrmFilter) other = crm_filter_new ();

  crm_filter_add (other, "country", CRM_FILTER_OP_IS, g_variant_new_string ("AT"));

  g_assert_nonnull (strstr (crm_customer_list_page_describe_empty (new_leads), "New leads"));
  g_assert_nonnull (strstr (crm_customer_list_page_describe_empty (working), "contacted"));
  g_assert_nonnull (strstr (crm_customer_list_page_describe_empty (all), "create or import"));
  g_assert_nonnull (strstr (crm_customer_list_page_describe_empty (NULL), "create or import"));
  g_assert_nonnull (strstr (crm_customer_list_page_describe_empty (other), "match"));
}

static void
test_sql_sorter_primary (void)
{
  GtkColumnView *view = g_object_ref_sink (GTK_COLUMN_VIEW (gtk_column_view_new (NULL)));
  GtkColumnViewColumn *columns[2];
  const char *keys[] = { "name", "company" };
  CrmSqlSorter *primary;
  gboolean descending = TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(CrmSqlSorter) sorter = crm_sql_sorter_new (keys[i]);

      columns[i] = gtk_column_view_column_new (keys[i], NULL);
      gtk_column_view_column_set_sorter (columns[i], GTK_SORTER (sorter));
      gtk_column_view_append_column (view, columns[i]);
    }

  g_assert_null (crm_sql_sorter_find_primary (gtk_column_view_get_sorter (view), &descending));
  g_assert_false (descending);

  gtk_column_view_sort_by_column (view, columns[1], GTK_SORT_DESCENDING);
  primary = crm_sql_sorter_find_primary (gtk_column_view_get_sorter (view), &descending);
  g_assert_cmpstr (crm_sql_sorter_get_sort_key (primary), ==, "company");
  g_assert_true (descending);

  /* The earlier column stays as a secondary key; the new one is primary. */
  gtk_column_view_sort_by_column (view, columns[0], GTK_SORT_ASCENDING);
  primary = crm_sql_sorter_find_primary (gtk_column_view_get_sorter (view), &descending);
  g_assert_cmpstr (crm_sql_sorter_get_sort_key (primary), ==, "name");
  g_assert_false (descending);

  gtk_column_view_sort_by_column (view, NULL, GTK_SORT_ASCENDING);
  g_assert_null (crm_sql_sorter_find_primary (gtk_column_view_get_sorter (view), NULL));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_object_unref (columns[i]);
  g_object_unref (view);
}

static void
test_blank_is_detected (void)
{
  GtkWidget *window = adw_window_new ();
  g_autoptr(GdkTexture) texture = NULL;

  gtk_window_set_default_size (GTK_WINDOW (window), 600, 400);
  gtk_window_present (GTK_WINDOW (window));
  ui_run_for (300);

  texture = ui_render_window (window);
  g_assert_false (ui_texture_has_content (texture, NULL, NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_window_opens (void)
{
  guint n_all = count_list ("all-customers");
  GListModel *view_model;

  fixture.window = crm_window_new (fixture.app, fixture.store);
  gtk_window_present (GTK_WINDOW (fixture.window));

  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  g_assert_false (crm_window_select_list (fixture.window, "no-such-list"));

  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_all)));
  g_assert_cmpuint (n_all, >=, N_DEMO_CUSTOMERS);
  g_assert_true (ui_wait_until (view_has_n_items, GUINT_TO_POINTER (n_all)));
  view_model = G_LIST_MODEL (gtk_column_view_get_model (get_column_view ()));
  g_assert_cmpuint (g_list_model_get_n_items (view_model), ==, n_all);
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));
  g_assert_false (crm_customer_list_page_get_folded (get_list_page ()));
}

static void
test_sidebar_counts (void)
{
  g_autofree char *me = crm_store_dup_setting (fixture.store, "me.email");
  GtkWidget *row;

  g_assert_true (ui_wait_until (sidebar_counts_match, NULL));

  /* The built-in lists really are what they say. */
  row = ui_find_widget (GTK_WIDGET (fixture.window), ui_is_sidebar_row, (gpointer) "all-customers");
  g_assert_cmpuint (crm_sidebar_row_get_count (CRM_SIDEBAR_ROW (row)), ==,
                    crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL));
  g_assert_cmpuint (count_list ("my-new-leads"), <=, count_list ("all-customers"));
  if (me != NULL && me[0] != '\0')
    g_assert_cmpuint (count_list ("my-new-leads") + count_list ("my-working-leads"), >, 0);
}

static gboolean
view_scrolled_down (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (get_column_view ()));

  return gtk_adjustment_get_value (adjustment) > 0;
}

/* A list opens at its top, whatever the list before it showed. */
static void
test_switch_list_scrolls_to_top (void)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (get_column_view ()));
  g_autoptr(CrmFilter) leads = crm_filter_parse ("status is not \"Active\"", NULL);
  guint n_leads = crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, leads);
  g_autoptr(CrmFilter) all = NULL;

  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  g_assert_true (ui_wait_until (model_has_n_items,
                                GUINT_TO_POINTER (count_list ("all-customers"))));
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_true (ui_wait_until (view_scrolled_down, NULL));

  /* Another list that shares rows with this one, and is longer than the
   * view: the view must not stay on a row the two share. */
  crm_customer_list_page_set_list_full (get_list_page (), "test-leads", "Leads", leads);
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_leads)));
  ui_run_for (200);
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), >,
                     2 * gtk_adjustment_get_page_size (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);

  /* Back to the list the window's sidebar has selected. */
  all = crm_builtin_list_filter ("all-customers");
  crm_customer_list_page_set_list_full (get_list_page (), "all-customers", "All customers", all);
  g_assert_true (ui_wait_until (model_has_n_items,
                                GUINT_TO_POINTER (count_list ("all-customers"))));
}

static void
on_inserted_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  gint64 *id = user_data;
  g_autoptr(GError) error = NULL;

  *id = crm_store_insert_finish (CRM_STORE (object), result, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
id_is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static void
test_sidebar_counts_live (void)
{
  g_autofree char *me = crm_store_dup_setting (fixture.store, "me.email");
  guint n_new_leads = count_list ("my-new-leads");
  guint n_all = count_list ("all-customers");
  GVariantBuilder builder;
  gint64 id = 0;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "name", g_variant_new_string ("Ottilie Brandvold"));
  g_variant_builder_add (&builder, "{sv}", "company", g_variant_new_string ("Fjordlight Tiles"));
  g_variant_builder_add (&builder, "{sv}", "status", g_variant_new_string ("New Lead"));
  if (me != NULL)
    g_variant_builder_add (&builder, "{sv}", "owner", g_variant_new_string (me));

  crm_store_insert_async (fixture.store, CRM_ENTITY_CUSTOMER, g_variant_builder_end (&builder),
                          CRM_ORIGIN_PERSON, NULL, on_inserted_cb, &id);
  g_assert_true (ui_wait_until (id_is_set, &id));

  g_assert_cmpuint (count_list ("all-customers"), ==, n_all + 1);
  if (me != NULL)
    g_assert_cmpuint (count_list ("my-new-leads"), ==, n_new_leads + 1);

  g_assert_true (ui_wait_until (sidebar_counts_match, NULL));
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_all + 1)));
}

static void
test_search (void)
{
  GtkWidget *entry = ui_find_widget (GTK_WIDGET (get_list_page ()),
                                  is_search_entry, NULL);
  guint n_all = count_list ("all-customers");
  g_autofree char *name = NULL;
  g_auto(GStrv) words = NULL;
  guint n_found = 0;
  gint64 first;

  g_assert_nonnull (entry);

  /* Search for the company of the customer inserted above. */
  first = first_id_for ("Fjordlight", "name", FALSE, &n_found);
  g_assert_cmpuint (n_found, >=, 1);
  g_assert_cmpuint (n_found, <, n_all);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Fjordlight");
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_found)));
  g_assert_cmpint (crm_query_model_get_id (get_model (), 0), ==, first);
  name = dup_first_name ();
  g_assert_cmpstr (name, ==, "Ottilie Brandvold");
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));

  /* Nothing found: the "No Results" page replaces the list. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "qqqzzzxxy");
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (0)));
  ui_run_for (300);
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (fixture.window), ui_is_mapped_status_page,
                                 (gpointer) "No Results"));

  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_all)));
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));
}

static void
sort_and_check (const char *sort_key,
                GtkSortType direction)
{
  GtkColumnViewColumn *column = find_column (sort_key);
  gboolean descending = direction == GTK_SORT_DESCENDING;
  gint64 expected = first_id_for (NULL, sort_key, descending, NULL);
  CrmSqlSorter *primary;
  gboolean view_descending;

  g_assert_nonnull (column);

  gtk_column_view_sort_by_column (get_column_view (), column, direction);
  primary = crm_sql_sorter_find_primary (gtk_column_view_get_sorter (get_column_view ()),
                                         &view_descending);
  g_assert_cmpstr (crm_sql_sorter_get_sort_key (primary), ==, sort_key);
  g_assert_cmpint (view_descending, ==, descending);

  g_assert_true (ui_wait_until (model_starts_with, &expected));
}

static void
test_sort (void)
{
  g_autofree char *first_ascending = NULL;
  g_autofree char *first_descending = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmCustomer) last = NULL;
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (get_model ()));

  sort_and_check ("name", GTK_SORT_ASCENDING);
  first_ascending = dup_first_name ();

  sort_and_check ("name", GTK_SORT_DESCENDING);
  first_descending = dup_first_name ();
  g_assert_cmpstr (first_ascending, !=, first_descending);
  g_assert_cmpint (g_utf8_collate (first_ascending, first_descending), <, 0);

  /* Another column: the company of the first row is the smallest. */
  sort_and_check ("company", GTK_SORT_ASCENDING);
  customer = g_list_model_get_item (G_LIST_MODEL (get_model ()), 0);
  last = g_list_model_get_item (G_LIST_MODEL (get_model ()), n_items - 1);
  g_assert_cmpint (g_ascii_strcasecmp (crm_customer_get_company (customer),
                                       crm_customer_get_company (last)), <=, 0);

  sort_and_check ("last_activity_at", GTK_SORT_DESCENDING);
  sort_and_check ("status", GTK_SORT_ASCENDING);
  sort_and_check ("name", GTK_SORT_ASCENDING);
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));
}

static void
test_screenshot_list (void)
{
  AdwStyleManager *style_manager = adw_style_manager_get_default ();

  g_assert_true (ui_wait_until (column_view_has_rows, NULL));
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-window.png");

  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-window-dark.png");
  adw_style_manager_set_color_scheme (style_manager, ADW_COLOR_SCHEME_DEFAULT);
}

typedef struct
{
  const char *path;
  guint       n_rows;
} ExportedFile;

static gboolean
file_exported (gpointer data)
{
  ExportedFile *file = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = g_mapped_file_new (file->path, FALSE, NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(CrmCsvDocument) document = NULL;

  if (mapped == NULL)
    return FALSE;

  bytes = g_mapped_file_get_bytes (mapped);
  document = crm_csv_document_parse (bytes, "UTF-8", ',', &error);
  if (document == NULL)
    return FALSE;

  file->n_rows = crm_csv_document_get_n_rows (document);
  return TRUE;
}

static gboolean
find_file_chooser (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (GTK_IS_FILE_CHOOSER_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *(GtkWidget **) data = window;
          return TRUE;
        }
    }

  return FALSE;
}

/* Export from the window writes the list on screen, its filter and
 * search included, and says so in a toast. */
static void
test_export_list (void)
{
  CrmCustomerListPage *page = crm_window_get_list_page (fixture.window);
  CrmQueryModel *model = crm_customer_list_page_get_model (page);
  g_autofree char *path = g_build_filename (fixture.dir, "My new leads.csv", NULL);
  g_autofree char *deals = g_build_filename (fixture.dir, "Opportunities.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) deals_file = g_file_new_for_path (deals);
  ExportedFile exported = { path, 0 };
  ExportedFile exported_deals = { deals, 0 };
  GtkWidget *opportunities;
  GtkWidget *chooser = NULL;
  guint n_items;

  g_assert_true (crm_window_select_list (fixture.window, "my-new-leads"));
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));
  crm_query_model_set_search (model, "a");
  ui_run_for (200);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_items, >, 0);
  g_assert_cmpuint (n_items, <, N_DEMO_CUSTOMERS);

  /* The menu's Export asks where, suggesting the list's name. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.export-list",
                                             NULL));
  g_assert_true (ui_wait_until (find_file_chooser, &chooser));
  g_assert_cmpstr (gtk_file_chooser_get_current_name (GTK_FILE_CHOOSER (chooser)), ==,
                   "My new leads.csv");
  ui_save_window_screenshot (chooser, "ui-window-export-chooser.png");
  gtk_dialog_response (GTK_DIALOG (chooser), GTK_RESPONSE_CANCEL);
  ui_run_for (100);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  crm_list_export_to_file (GTK_WIDGET (page), model, file);
  g_assert_true (ui_wait_until (file_exported, &exported));
  g_assert_cmpuint (exported.n_rows, ==, n_items);
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-window-exported.png");
  crm_query_model_set_search (model, NULL);

  opportunities = GTK_WIDGET (crm_window_show_opportunities (fixture.window));
  model = crm_opportunity_list_page_get_model (CRM_OPPORTUNITY_LIST_PAGE (opportunities));
  ui_run_for (200);
  crm_list_export_to_file (opportunities, model, deals_file);
  g_assert_true (ui_wait_until (file_exported, &exported_deals));
  g_assert_cmpuint (exported_deals.n_rows, ==, g_list_model_get_n_items (G_LIST_MODEL (model)));
  g_assert_cmpuint (exported_deals.n_rows, >, 0);

  /* The next test renders the window: let it draw its list again. */
  g_assert_true (crm_window_select_list (fixture.window, "my-new-leads"));
  g_assert_true (ui_wait_until (column_view_has_rows, NULL));
  ui_run_for (300);
  g_unlink (path);
  g_unlink (deals);
}

static void
test_open_customer (void)
{
  gint64 id = crm_query_model_get_id (get_model (), 0);
  GtkWidget *page;

  g_assert_cmpint (id, >, 0);

  /* Enter or a double click on a row activates it. */
  g_signal_emit_by_name (get_column_view (), "activate", 0);
  g_assert_true (ui_wait_until (customer_page_shown, &id));
  g_assert_true (ui_wait_until (ui_transitions_done, fixture.window));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (get_list_page ())));

  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-window-customer.png");

  page = ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_customer_page, NULL);
  g_signal_emit_by_name (page, "closed");
  g_assert_true (ui_wait_until (list_shown, NULL));

  /* The same through the API, then a click on the list in the sidebar. */
  crm_window_open_customer (fixture.window, id);
  g_assert_true (ui_wait_until (customer_page_shown, &id));
  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  g_assert_true (ui_wait_until (list_shown, NULL));
}

static gboolean
new_customer_shown (gpointer data)
{
  GtkWidget *page = ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_customer_page, NULL);
  g_autoptr(GObject) customer = NULL;
  gint64 id;

  if (page == NULL)
    return FALSE;

  id = crm_customer_page_get_customer_id (CRM_CUSTOMER_PAGE (page));
  customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);

  return customer != NULL &&
         g_strcmp0 (crm_customer_get_name (CRM_CUSTOMER (customer)), "Quill Works") == 0;
}

static CrmNewCustomerWindow *
find_new_customer_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (CRM_IS_NEW_CUSTOMER_WINDOW (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        return CRM_NEW_CUSTOMER_WINDOW (window);
    }

  return NULL;
}

static gboolean
new_customer_window_shown (gpointer data)
{
  return find_new_customer_window () != NULL;
}

static void
test_new_customer (void)
{
  guint n_all = count_list ("all-customers");
  CrmNewCustomerWindow *window;
  GtkWidget *row;
  GtkWidget *focus;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "win.new-customer", NULL));
  g_assert_true (ui_wait_until (new_customer_window_shown, NULL));

  /* The name takes what is typed at once. */
  window = find_new_customer_window ();
  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_EDITABLE (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (crm_customer_editor_get_row (
    crm_new_customer_window_get_editor (window), CRM_CUSTOMER_FIELD_NAME))));
  gtk_editable_set_text (GTK_EDITABLE (focus), "Quill Works");
  crm_new_customer_window_create (window);
  g_assert_true (ui_wait_until (new_customer_shown, NULL));
  g_assert_cmpuint (count_list ("all-customers"), ==, n_all + 1);

  g_assert_true (ui_wait_until (sidebar_counts_match, NULL));
  row = ui_find_widget (GTK_WIDGET (fixture.window), ui_is_sidebar_row, (gpointer) "all-customers");
  g_assert_cmpuint (crm_sidebar_row_get_count (CRM_SIDEBAR_ROW (row)), ==, n_all + 1);

  g_assert_true (crm_window_select_list (fixture.window, "my-new-leads"));
  g_assert_true (ui_wait_until (list_shown, NULL));
  g_assert_true (ui_wait_until (model_has_n_items,
                             GUINT_TO_POINTER (count_list ("my-new-leads"))));
}

static GtkWindow *
find_new_toplevel (GPtrArray *before)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (!g_ptr_array_find (before, window, NULL))
        return window;
    }

  return NULL;
}

static void
test_app_windows (void)
{
  const char *actions[] = { "about", "shortcuts", "preferences" };

  /* Each one builds from its resources without a warning. */
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    {
      GListModel *toplevels = gtk_window_get_toplevels ();
      g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_object_unref);
      GtkWindow *window;

      for (guint j = 0; j < g_list_model_get_n_items (toplevels); j++)
        g_ptr_array_add (before, g_list_model_get_item (toplevels, j));

      gtk_window_present (GTK_WINDOW (fixture.window));
      g_action_group_activate_action (G_ACTION_GROUP (fixture.app), actions[i], NULL);
      ui_run_for (200);

      window = find_new_toplevel (before);
      g_test_message ("app.%s opened %s", actions[i],
                      window != NULL ? G_OBJECT_TYPE_NAME (window) : "nothing");
      g_assert_nonnull (window);
      g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
      gtk_window_destroy (window);
      ui_run_for (50);
    }
}

/* Fixture */

static void
set_up (void)
{
  ui_open_demo_profile (N_DEMO_CUSTOMERS, &fixture.dir, &fixture.store, &fixture.app);
}

static void
tear_down (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (50);

  ui_close_demo_profile (&fixture.dir, &fixture.store, &fixture.app);
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

  g_test_add_func ("/crm/ui/list/format-activity", test_format_activity);
  g_test_add_func ("/crm/ui/list/describe-empty", test_describe_empty);
  g_test_add_func ("/crm/ui/list/sql-sorter-primary", test_sql_sorter_primary);
  g_test_add_func ("/crm/ui/screenshot/blank-is-detected", test_blank_is_detected);
  g_test_add_func ("/crm/ui/window/opens", test_window_opens);
  g_test_add_func ("/crm/ui/window/sidebar-counts", test_sidebar_counts);
  g_test_add_func ("/crm/ui/window/sidebar-counts-live", test_sidebar_counts_live);
  g_test_add_func ("/crm/ui/window/switch-list-top", test_switch_list_scrolls_to_top);
  g_test_add_func ("/crm/ui/window/search", test_search);
  g_test_add_func ("/crm/ui/window/sort", test_sort);
  g_test_add_func ("/crm/ui/window/screenshot", test_screenshot_list);
  g_test_add_func ("/crm/ui/window/export-list", test_export_list);
  g_test_add_func ("/crm/ui/window/open-customer", test_open_customer);
  g_test_add_func ("/crm/ui/window/new-customer", test_new_customer);
  g_test_add_func ("/crm/ui/window/app-windows", test_app_windows);

  return ui_run_tests (set_up, tear_down);
}
