/* bench-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-lists"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "bench-common.h"
#include "bench-gtk.h"
#include "crm-application.h"
#include "crm-builtin-lists.h"
#include "crm-customer-list-page.h"
#include "crm-filter-bar.h"
#include "crm-query-model.h"
#include "crm-saved-lists.h"
#include "crm-sidebar-row.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "crm-window.h"

/* Switching lists and filters at 100,000 customers, timed to the start of
 * the model's items-changed (goal: under 16 ms):
 *
 *  1. store only: crm_query_model_set_filter() on a CrmQueryModel sorted
 *     by name, as the list page sorts it;
 *  2. the real window: a sidebar row selected (what a click or the
 *     keyboard does), and a chip added to the filter bar;
 *  3. the sidebar's counts (crm_store_count), which run after changes.
 *
 * Each case alternates with the next one, so every step changes rows.
 * With --explain, the query plan of each case is printed too. */

#define N_RUNS 20
#define WINDOW_WIDTH 1200
#define WINDOW_HEIGHT 800
#define WAIT_MS 5000

typedef struct
{
  const char *label;
  const char *list_id;      /* a built-in list, or NULL */
  const char *expression;   /* else a filter */
} Case;

static const Case cases[] = {
  { "My new leads", "my-new-leads", NULL },
  { "My working leads", "my-working-leads", NULL },
  { "Stale working", CRM_BUILTIN_LIST_STALE, NULL },
  { "All customers", "all-customers", NULL },
  { "name contains", NULL, "name contains \"sa\"" },
  { "tags has any of", NULL, "tags has any of (\"pilot\", \"dach\")" },
  { "attr number >=", NULL, "attr.company_size >= 200" },
  { "attr text is", NULL, "attr.industry is \"Manufacturing\"" },
  { "attr boolean", NULL, "attr.newsletter is true" },
  { "last activity 30d", NULL, "last_activity within 30 days" },
};

static gboolean opt_explain;

static const GOptionEntry entries[] = {
  { "explain", 0, 0, G_OPTION_ARG_NONE, &opt_explain,
    "Print the query plan of each case", NULL },
  { NULL }
};

/* Set by the hooks and the wrapper below. */
static struct {
  GListModel *model;
  gint64      items_start;
  gint64      sql_us;
} marks;

GArray *__real_crm_store_query_ids (CrmStore *, CrmEntityKind, CrmFilter *, const char *,
                                    const char *, gboolean, GError **);
GArray *__wrap_crm_store_query_ids (CrmStore *, CrmEntityKind, CrmFilter *, const char *,
                                    const char *, gboolean, GError **);

/* Link-time wrapper (-Wl,--wrap): the time spent in SQL. */
GArray *
__wrap_crm_store_query_ids (CrmStore       *store,
                            CrmEntityKind   kind,
                            CrmFilter      *filter,
                            const char     *search,
                            const char     *sort_key,
                            gboolean        descending,
                            GError        **error)
{
  gint64 start = bench_now_us ();
  GArray *ids;

  ids = __real_crm_store_query_ids (store, kind, filter, search, sort_key, descending,
                                    error);
  marks.sql_us += bench_now_us () - start;

  return ids;
}

static gboolean
items_changed_hook (GSignalInvocationHint *hint,
                    guint                  n_params,
                    const GValue          *params,
                    gpointer               user_data)
{
  if (marks.model != NULL && g_value_get_object (&params[0]) == marks.model &&
      marks.items_start == 0)
    marks.items_start = bench_now_us ();

  return TRUE;
}

static CrmFilter *
case_filter (CrmStore   *store,
             const Case *c)
{
  if (c->list_id != NULL)
    return crm_builtin_list_filter_for_days (c->list_id, crm_saved_lists_get_stale_days (store));

  return crm_filter_parse (c->expression, NULL);
}

static double
median_of (GArray *samples)
{
  BenchStats stats;

  bench_stats_compute (samples, &stats);
  return stats.n > 0 ? stats.median : -1;
}

static double
max_of (GArray *samples)
{
  BenchStats stats;

  bench_stats_compute (samples, &stats);
  return stats.n > 0 ? stats.max : -1;
}

static void
print_head (void)
{
  g_print ("%-18s %6s %3s | %-15s | %6s\n", "case", "rows", "n", " to items", "sql");
  g_print ("%-18s %6s %3s | %7s %7s | %6s  (ms)\n", "", "", "", "med", "max", "med");
}

static void
print_row (const char *label,
           guint       n_rows,
           GArray     *total,
           GArray     *sql)
{
  g_print ("%-18s %6u %3u | %7.2f %7.2f | %6.2f%s\n", label, n_rows, total->len,
           median_of (total), max_of (total), median_of (sql),
           max_of (total) < BENCH_FRAME_MS - 0.7 ? "" : "  (over 16 ms)");
}

/* Starts a step: returns its start time. */
static gint64
step_begin (void)
{
  marks.items_start = 0;
  marks.sql_us = 0;

  return bench_now_us ();
}

static void
step_end (gint64  start,
          GArray *total,
          GArray *sql)
{
  double ms;
  double sql_ms = marks.sql_us / 1000.0;

  if (marks.items_start == 0)
    return;

  ms = (marks.items_start - start) / 1000.0;
  g_array_append_val (total, ms);
  g_array_append_val (sql, sql_ms);
}

/* 1. Store only */

static void
bench_store (CrmStore *store)
{
  g_autoptr(CrmQueryModel) model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);

  crm_query_model_set_sort (model, "name", FALSE);
  marks.model = G_LIST_MODEL (model);

  bench_print_header ("store only: crm_query_model_set_filter -> items-changed");
  print_head ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmFilter) filter = case_filter (store, &cases[i]);
      g_autoptr(CrmFilter) other = case_filter (store,
                                                &cases[(i + 1) % G_N_ELEMENTS (cases)]);
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));

      for (guint run = 0; run < N_RUNS; run++)
        {
          gint64 start;

          crm_query_model_set_filter (model, other);
          start = step_begin ();
          crm_query_model_set_filter (model, filter);
          step_end (start, total, sql);
        }

      print_row (cases[i].label, g_list_model_get_n_items (G_LIST_MODEL (model)), total, sql);
    }

  marks.model = NULL;
}

/* 2. The window */

static CrmSidebarRow *
find_row (GtkWidget  *root,
          const char *list_id)
{
  if (CRM_IS_SIDEBAR_ROW (root) &&
      g_strcmp0 (crm_sidebar_row_get_list_id (CRM_SIDEBAR_ROW (root)), list_id) == 0)
    return CRM_SIDEBAR_ROW (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CrmSidebarRow *row = find_row (child, list_id);

      if (row != NULL)
        return row;
    }

  return NULL;
}

/* Selecting a row is what a click on it, or the arrow keys, do. */
static void
select_row (CrmSidebarRow *row)
{
  GtkListBox *list = GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (row)));

  gtk_list_box_select_row (list, GTK_LIST_BOX_ROW (row));
}

static void
bench_sidebar (CrmWindow *window)
{
  CrmQueryModel *model = crm_customer_list_page_get_model (crm_window_get_list_page (window));
  guint n_builtin = 0;

  crm_builtin_list_get_all (&n_builtin);
  marks.model = G_LIST_MODEL (model);

  bench_print_header ("window: sidebar row selected -> items-changed");
  print_head ();

  for (guint i = 0; i < n_builtin; i++)
    {
      CrmSidebarRow *row = find_row (GTK_WIDGET (window), cases[i].list_id);
      CrmSidebarRow *other = find_row (GTK_WIDGET (window), cases[(i + 1) % n_builtin].list_id);
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));

      g_assert (row != NULL && other != NULL);

      for (guint run = 0; run < N_RUNS; run++)
        {
          gint64 start;

          select_row (other);
          bench_gtk_wait_frame (GTK_WIDGET (window), WAIT_MS);
          start = step_begin ();
          select_row (row);
          step_end (start, total, sql);
          bench_gtk_wait_frame (GTK_WIDGET (window), WAIT_MS);
        }

      print_row (cases[i].label, g_list_model_get_n_items (G_LIST_MODEL (model)), total, sql);
    }
}

static void
bench_filter_bar (CrmWindow *window)
{
  CrmCustomerListPage *page = crm_window_get_list_page (window);
  CrmFilterBar *bar = crm_customer_list_page_get_filter_bar (page);
  CrmQueryModel *model = crm_customer_list_page_get_model (page);

  marks.model = G_LIST_MODEL (model);
  crm_window_select_list (window, "all-customers");
  bench_gtk_wait_frame (GTK_WIDGET (window), WAIT_MS);

  bench_print_header ("window: filter bar chip added (All customers) -> items-changed");
  print_head ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmFilter) filter = NULL;
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));

      if (cases[i].expression == NULL)
        continue;

      filter = case_filter (crm_window_get_store (window), &cases[i]);
      for (guint run = 0; run < N_RUNS; run++)
        {
          gint64 start;

          crm_filter_bar_reset (bar);
          bench_gtk_wait_frame (GTK_WIDGET (window), WAIT_MS);
          start = step_begin ();
          crm_filter_bar_add_condition (bar, filter);
          step_end (start, total, sql);
          bench_gtk_wait_frame (GTK_WIDGET (window), WAIT_MS);
        }

      print_row (cases[i].label, g_list_model_get_n_items (G_LIST_MODEL (model)), total, sql);
    }

  crm_filter_bar_reset (bar);
}

/* 3. Counts */

static void
bench_counts (CrmStore *store)
{
  bench_print_header ("sidebar counts: crm_store_count");
  g_print ("%-18s %6s %3s | %7s %7s  (ms)\n", "case", "count", "n", "med", "max");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CrmFilter) filter = case_filter (store, &cases[i]);
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      guint n = 0;

      for (guint run = 0; run < N_RUNS; run++)
        {
          gint64 start = bench_now_us ();
          double ms;

          n = crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
          ms = bench_ms_since (start);
          g_array_append_val (total, ms);
        }

      g_print ("%-18s %6u %3u | %7.2f %7.2f\n", cases[i].label, n, total->len,
               median_of (total), max_of (total));
    }
}

/* The plans, from the store's own SQL (private API: a diagnosis only). */
static void
explain (CrmStore *store)
{
  bench_print_header ("query plans (SELECT id ... ORDER BY name)");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func (
        (GDestroyNotify) g_variant_unref);
      g_autoptr(CrmFilter) filter = case_filter (store, &cases[i]);
      g_autoptr(GError) error = NULL;
      g_autofree char *where = NULL;
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt = NULL;

      where = _crm_filter_to_sql (store, CRM_ENTITY_CUSTOMER, filter, NULL, binds, &error);
      if (where == NULL)
        {
          g_print ("%s: %s\n", cases[i].label, error->message);
          continue;
        }

      sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT id FROM customers WHERE %s"
                             " ORDER BY \"name\" COLLATE NOCASE ASC, id ASC", where);
      g_print ("%s:\n", cases[i].label);
      if (sqlite3_prepare_v2 (store->reader, sql, -1, &stmt, NULL) != SQLITE_OK)
        {
          g_print ("  %s\n", sqlite3_errmsg (store->reader));
          continue;
        }

      for (guint b = 0; b < binds->len; b++)
        _crm_store_bind_variant (stmt, b + 1, g_ptr_array_index (binds, b));
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_print ("  %s\n", (const char *) sqlite3_column_text (stmt, 3));
      sqlite3_finalize (stmt);
    }
}

static CrmWindow *
open_window (CrmStore *store)
{
  g_autoptr(GError) error = NULL;
  CrmApplication *app = crm_application_new ();
  CrmWindow *window;

  g_application_register (G_APPLICATION (app), NULL, &error);
  if (error != NULL)
    g_printerr ("Failed to register the application: %s\n", error->message);

  window = crm_window_new (app, store);
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_present (GTK_WINDOW (window));
  g_object_unref (app);

  bench_gtk_wait_frame (GTK_WIDGET (window), WAIT_MS);
  return window;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *path = NULL;
  CrmWindow *window;
  double fill_seconds;

  setlocale (LC_ALL, "");
  g_setenv ("PROSPECT_NON_UNIQUE", "1", TRUE);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  bench_gtk_init ();
  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL),
                              0, items_changed_hook, NULL, NULL);

  path = bench_ensure_book (bench_get_n_customers (), &fill_seconds, NULL, &error);
  if (path == NULL || (store = crm_store_open (path, &error)) == NULL)
    {
      g_printerr ("Failed to open the book: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("book: %s (%u customers), stale days %u\n", path, bench_get_n_customers (),
           crm_saved_lists_get_stale_days (store));

  if (opt_explain)
    explain (store);

  bench_store (store);
  bench_counts (store);

  window = open_window (store);
  bench_sidebar (window);
  bench_filter_bar (window);
  gtk_window_destroy (GTK_WINDOW (window));
  bench_gtk_spin_for (50);

  g_print ("\nto items: from the change (set_filter, a sidebar row selected, a chip\n"
           "added) to the start of the model's items-changed; sql: the time in\n"
           "crm_store_query_ids within it. Goal: under 16 ms.\n");

  crm_store_close (store);

  return EXIT_SUCCESS;
}
