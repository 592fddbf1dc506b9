/* test-ui-window-own.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-window-own"

#include "config.h"


#include <adwaita.h>

#include "crm-application.h"
#include "crm-builtin-lists.h"
#include "crm-customer-list-page.h"
#include "crm-sidebar-row.h"
#include "crm-store.h"
#include "crm-window.h"
#include "test-ui-util.h"

/* Main windows of their own, under Xvfb, on one profile filled with the
 * demo book: the sidebar's counts and the list's rows in the first frame,
 * a narrow window, an empty profile, and the state a closed window saves.
 * The cases on one shared window are in test-ui-window.c. */

#define N_DEMO_CUSTOMERS 120

static struct {
  char *dir;
  CrmStore *store;
  CrmApplication *app;
} fixture;

/* The count of the built-in list @list_id in the fixture's profile */
static guint
count_list (const char *list_id)
{
  return ui_count_list (fixture.store, list_id);
}

/* The sidebar's counts come from a worker thread after the first frame:
 * until then a row shows no number, and a number shown is always the
 * row's list's count, also while the stale days change under it. */

static gboolean
window_counts_match (gpointer data)
{
  CrmWindow *window = data;

  for (GtkWidget *row = ui_find_widget (GTK_WIDGET (window), ui_is_sidebar_row, NULL);
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    {
      CrmSidebarRow *sidebar_row;

      if (!CRM_IS_SIDEBAR_ROW (row))
        continue;

      sidebar_row = CRM_SIDEBAR_ROW (row);
      if (!crm_sidebar_row_get_has_count (sidebar_row) ||
          crm_sidebar_row_get_count (sidebar_row) !=
          crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER,
                           crm_sidebar_row_get_filter (sidebar_row)))
        return FALSE;
    }

  return TRUE;
}

typedef struct
{
  guint n_shown;
  guint n_cleared;
} CountWatch;

static void
on_sidebar_row_count_notify_cb (CrmSidebarRow *row,
                                GParamSpec    *pspec,
                                CountWatch    *watch)
{
  if (!crm_sidebar_row_get_has_count (row))
    {
      if (g_str_equal (pspec->name, "has-count"))
        watch->n_cleared++;
      return;
    }

  watch->n_shown++;
  g_assert_cmpuint (crm_sidebar_row_get_count (row), ==,
                    crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER,
                                     crm_sidebar_row_get_filter (row)));
}

static void
on_setting_set_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  gboolean *done = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error));
  g_assert_no_error (error);
  *done = TRUE;
}

static gboolean
flag_is_set (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_counts_after_first_frame (void)
{
  g_autofree char *old_days = crm_store_dup_setting (fixture.store, CRM_STALE_DAYS_SETTING);
  CrmWindow *window = crm_window_new (fixture.app, fixture.store);
  GtkWidget *stale = ui_find_widget (GTK_WIDGET (window), ui_is_sidebar_row,
                                  (gpointer) CRM_BUILTIN_LIST_STALE);
  g_autoptr(CrmFilter) stale_7 = crm_builtin_list_filter_for_days (CRM_BUILTIN_LIST_STALE, 7);
  GListModel *model = G_LIST_MODEL (crm_customer_list_page_get_model (
                                      crm_window_get_list_page (window)));
  g_autofree char *list_id = NULL;
  CountWatch watch = { 0 };
  gboolean done = FALSE;

  g_assert_nonnull (stale);

  /* Before the first frame: the list shown is complete, no count yet. */
  for (GtkWidget *row = stale; row != NULL; row = gtk_widget_get_prev_sibling (row))
    if (CRM_IS_SIDEBAR_ROW (row))
      {
        g_assert_false (crm_sidebar_row_get_has_count (CRM_SIDEBAR_ROW (row)));
        g_signal_connect (row, "notify::count",
                          G_CALLBACK (on_sidebar_row_count_notify_cb), &watch);
        g_signal_connect (row, "notify::has-count",
                          G_CALLBACK (on_sidebar_row_count_notify_cb), &watch);
      }
  list_id = g_strdup (crm_customer_list_page_get_list_id (crm_window_get_list_page (window)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, count_list (list_id));
  g_assert_false (window_counts_match (window));

  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (window_counts_match, window));
  g_assert_cmpuint (watch.n_shown, >=, 4);
  g_assert_cmpuint (watch.n_cleared, ==, 0);

  /* Other stale days: the stale row drops its number, then counts again. */
  crm_store_set_setting_async (fixture.store, CRM_STALE_DAYS_SETTING, "7", NULL,
                               on_setting_set_cb, &done);
  g_assert_true (ui_wait_until (flag_is_set, &done));
  g_assert_true (ui_wait_until (window_counts_match, window));
  g_assert_true (crm_filter_equal (crm_sidebar_row_get_filter (CRM_SIDEBAR_ROW (stale)),
                                   stale_7));
  g_assert_cmpuint (watch.n_cleared, ==, 1);

  done = FALSE;
  crm_store_set_setting_async (fixture.store, CRM_STALE_DAYS_SETTING,
                               old_days != NULL ? old_days : "30", NULL,
                               on_setting_set_cb, &done);
  g_assert_true (ui_wait_until (flag_is_set, &done));
  g_assert_true (ui_wait_until (window_counts_match, window));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

/* The view's first frame binds only the rows that can fill the window;
 * the rest come a frame later, while the page's model and the title
 * count all of them from the start. */

typedef struct
{
  CrmWindow *window;
  gboolean   painted;
  guint      view_items;
  int        view_height;
  int        row_height;
} FirstFrame;

static gboolean
is_row (GtkWidget *widget,
        gpointer   data)
{
  return g_str_equal (gtk_widget_get_css_name (widget), "row") &&
         gtk_widget_get_height (widget) > 0;
}

static void
on_first_frame_after_paint_cb (GdkFrameClock *clock,
                               FirstFrame    *first)
{
  CrmCustomerListPage *page = crm_window_get_list_page (first->window);
  GtkColumnView *view = crm_customer_list_page_get_column_view (page);

  if (first->painted)
    return;

  first->painted = TRUE;
  first->view_items = g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view)));
  first->view_height = gtk_widget_get_height (GTK_WIDGET (view));
  first->row_height = gtk_widget_get_height (ui_find_widget (GTK_WIDGET (view), is_row, NULL));
}

static void
on_first_frame_realize_cb (GtkWidget  *window,
                           FirstFrame *first)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_first_frame_after_paint_cb), first);
}

static gboolean
first_frame_painted (gpointer data)
{
  return ((FirstFrame *) data)->painted;
}

static gboolean
view_of_has_n_items (gpointer data)
{
  FirstFrame *first = data;
  GtkColumnView *view = crm_customer_list_page_get_column_view (
                          crm_window_get_list_page (first->window));
  GListModel *model = G_LIST_MODEL (crm_customer_list_page_get_model (
                                      crm_window_get_list_page (first->window)));

  return g_list_model_get_n_items (G_LIST_MODEL (gtk_column_view_get_model (view))) ==
         g_list_model_get_n_items (model);
}

/* The window promises @promised pixels of height (its saved size) and opens
 * @shown high, as a window manager may make it. */
static void
check_first_frame (int promised,
                   int shown)
{
  guint n_all = count_list ("all-customers");
  g_autofree char *subtitle = g_strdup_printf ("%u customers", n_all);
  g_autoptr(GSettings) settings = g_settings_new (APPLICATION_ID);
  FirstFrame first = { 0 };
  AdwWindowTitle *title;
  GListModel *model;

  g_settings_set_int (settings, "window-height", promised);
  first.window = crm_window_new (fixture.app, fixture.store);
  g_settings_reset (settings, "window-height");
  g_signal_connect (first.window, "realize", G_CALLBACK (on_first_frame_realize_cb), &first);
  g_assert_true (crm_window_select_list (first.window, "all-customers"));
  model = G_LIST_MODEL (crm_customer_list_page_get_model (crm_window_get_list_page (first.window)));
  title = ui_find_list_title (GTK_WIDGET (crm_window_get_list_page (first.window)));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_all);
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle);

  gtk_window_set_default_size (GTK_WINDOW (first.window), 1100, shown);
  gtk_window_present (GTK_WINDOW (first.window));
  g_assert_true (ui_wait_until (first_frame_painted, &first));

  /* Fewer rows than the list holds, but enough to fill the view. */
  g_assert_cmpuint (first.view_items, <, n_all);
  g_assert_cmpint (first.row_height, >, 0);
  g_assert_cmpint (first.view_items * first.row_height, >=, first.view_height);

  g_assert_true (ui_wait_until (view_of_has_n_items, &first));
  g_assert_cmpstr (adw_window_title_get_subtitle (title), ==, subtitle);

  gtk_window_destroy (GTK_WINDOW (first.window));
  ui_run_for (50);
}

static void
test_first_frame_rows (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      g_test_skip ("The GSettings schema is not compiled (run through meson test)");
      return;
    }

  check_first_frame (720, 720);
  check_first_frame (400, 800);
}

static void
test_narrow_window_folds (void)
{
  CrmWindow *window = crm_window_new (fixture.app, fixture.store);
  CrmCustomerListPage *page = crm_window_get_list_page (window);

  gtk_window_set_default_size (GTK_WINDOW (window), 400, 640);
  gtk_window_present (GTK_WINDOW (window));
  ui_run_for (500);

  g_assert_true (crm_customer_list_page_get_folded (page));
  ui_save_window_screenshot (GTK_WIDGET (window), "ui-window-narrow.png");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

typedef struct {
  GtkWidget *root;
  const char *title;
} StatusPageQuery;

static gboolean
status_page_shown (gpointer data)
{
  StatusPageQuery *query = data;

  return ui_find_widget (query->root, ui_is_mapped_status_page, (gpointer) query->title) != NULL;
}

static void
test_empty_profile (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  StatusPageQuery query = { NULL, "No Customers Here" };
  CrmCustomerListPage *page;
  CrmQueryModel *model;
  CrmWindow *window;
  gpointer weak_store = NULL;

  store = crm_store_open (path, &error);
  g_assert_no_error (error);

  window = crm_window_new (fixture.app, store);
  page = crm_window_get_list_page (window);
  model = crm_customer_list_page_get_model (page);
  query.root = GTK_WIDGET (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (crm_window_select_list (window, "my-new-leads"));

  /* The empty list says what to do instead of showing empty columns. */
  g_assert_true (ui_wait_until (status_page_shown, &query));
  ui_save_window_screenshot (GTK_WIDGET (window), "ui-window-empty.png");

  /* Nothing keeps the window, its pages or the store alive once closed. */
  g_object_add_weak_pointer (G_OBJECT (window), (gpointer *) &window);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_object_add_weak_pointer (G_OBJECT (model), (gpointer *) &model);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
  g_assert_null (window);
  g_assert_null (page);
  g_assert_null (model);

  crm_store_close (store);
  g_object_add_weak_pointer (G_OBJECT (store), (gpointer *) &weak_store);
  g_clear_object (&store);
  g_assert_null (weak_store);
}

static void
test_state_saved (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autofree char *view = NULL;
  CrmWindow *window;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);
  if (schema == NULL)
    {
      /* meson test points GSETTINGS_SCHEMA_DIR at the compiled schema. */
      g_test_skip ("The GSettings schema is not compiled (run through meson test)");
      return;
    }

  settings = g_settings_new (APPLICATION_ID);

  window = crm_window_new (fixture.app, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (window), 900, 650);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (crm_window_select_list (window, "my-working-leads"));
  ui_run_for (200);

  gtk_window_close (GTK_WINDOW (window));
  ui_run_for (50);

  g_assert_cmpint (g_settings_get_int (settings, "window-width"), ==, 900);
  g_assert_cmpint (g_settings_get_int (settings, "window-height"), ==, 650);
  g_assert_false (g_settings_get_boolean (settings, "window-maximized"));
  view = g_settings_get_string (settings, "last-view");
  g_assert_cmpstr (view, ==, "list:my-working-leads");

  /* The next window opens where the last one was. */
  window = crm_window_new (fixture.app, fixture.store);
  g_assert_cmpstr (adw_window_title_get_title (ui_find_list_title (GTK_WIDGET (window))),
                   ==, "My working leads");
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "last-view");
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

  g_test_add_func ("/crm/ui/window/counts-after-first-frame", test_counts_after_first_frame);
  g_test_add_func ("/crm/ui/window/first-frame-rows", test_first_frame_rows);
  g_test_add_func ("/crm/ui/window/narrow", test_narrow_window_folds);
  g_test_add_func ("/crm/ui/window/empty-profile", test_empty_profile);
  g_test_add_func ("/crm/ui/window/state-saved", test_state_saved);

  return ui_run_tests (set_up, tear_down);
}
