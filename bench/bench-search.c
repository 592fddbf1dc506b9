/* bench-search.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-search"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "bench-common.h"
#include "bench-gtk.h"
#include "crm-builtin-lists.h"
#include "crm-customer-list-page.h"
#include "crm-query-model.h"
#include "crm-sql-sorter.h"
#include "crm-store.h"

/* Search, list switching and sorting on the customer list of a large book:
 *
 *  1. the store-only path: a CrmQueryModel without any widget;
 *  2. the real CrmCustomerListPage in a 1200x800 window: the text is put
 *     in its GtkSearchEntry (as a keystroke would), the list switched with
 *     crm_query_model_set_filter() on the page's model and the sort
 *     changed by gtk_column_view_sort_by_column() (as a header click).
 *
 * Times run to the start of the model's items-changed emission; the
 * entry's search delay, the SQL inside it (crm_store_query_ids, timed by
 * wrapping it at link time) and the time from items-changed to the frame
 * that shows the rows are reported beside it. */

#define N_RUNS 20
#define MIN_RUNS 3
#define ROW_BUDGET_MS 15000
#define WINDOW_WIDTH 1200
#define WINDOW_HEIGHT 800
#define WAIT_MS 5000

/* Those the issue names, and a few that match names and companies of the
 * demo book with two, three and five letters. */
static const char * const queries[] = {
  "s", "sa", "mü", "sam", "nak", "ines", "ortiz", "núñez", "ferre", "café",
  "harbor", "xylograph",
};

static const char * const sort_keys[] = {
  "name", "company", "status", "owner", "country", "last_activity_at",
};

static const char * const list_ids[] = {
  "my-new-leads", "my-working-leads", "all-customers",
};

/* What one measured step saw; filled by the hooks and the wrappers. */
typedef struct
{
  GListModel *model;          /* the model whose items-changed counts */
  gint64      search_changed; /* emission of GtkSearchEntry::search-changed */
  gint64      search_done;    /* end of that emission */
  gboolean    searched;
  gint64      items_start;    /* emission of the model's items-changed */
  gint64      items_end;      /* after every handler of it */
  gint64      sql_us;
  guint       sql_calls;
  guint       loads;
  gint64      load_us;
} Marks;

static Marks marks;

static void
marks_reset (void)
{
  GListModel *model = marks.model;

  memset (&marks, 0, sizeof marks);
  marks.model = model;
}

/* Link-time wrappers (-Wl,--wrap): the query model calls these. */
GArray  *__real_crm_store_query_ids (CrmStore *, CrmEntityKind, CrmFilter *, const char *,
                                     const char *, gboolean, GError **);
GArray  *__wrap_crm_store_query_ids (CrmStore *, CrmEntityKind, CrmFilter *, const char *,
                                     const char *, gboolean, GError **);
GObject *__real_crm_store_load      (CrmStore *, CrmEntityKind, gint64, GError **);
GObject *__wrap_crm_store_load      (CrmStore *, CrmEntityKind, gint64, GError **);

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
  marks.sql_calls++;

  return ids;
}

GObject *
__wrap_crm_store_load (CrmStore       *store,
                       CrmEntityKind   kind,
                       gint64          id,
                       GError        **error)
{
  gint64 start = bench_now_us ();
  GObject *object;

  object = __real_crm_store_load (store, kind, id, error);
  marks.load_us += bench_now_us () - start;
  marks.loads++;

  return object;
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

static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               user_data)
{
  if (marks.search_changed == 0)
    marks.search_changed = bench_now_us ();

  return TRUE;
}

static void
on_model_items_changed_cb (GListModel *model,
                           guint       position,
                           guint       removed,
                           guint       added,
                           gpointer    user_data)
{
  marks.items_end = bench_now_us ();
}

static void
on_search_entry_search_changed_after_cb (GtkSearchEntry *entry,
                                         gpointer        user_data)
{
  marks.search_done = bench_now_us ();
  marks.searched = TRUE;
}

static void
add_ms (GArray *samples,
        gint64  from,
        gint64  to)
{
  double ms = (to - from) / 1000.0;

  if (from > 0 && to > 0)
    g_array_append_val (samples, ms);
}

/* Rows whose steps take seconds stop after MIN_RUNS once their budget is
 * spent, so the whole run stays within minutes; "n" in the output says how
 * many runs a row got. */
static gboolean
keep_going (guint  run,
            gint64 row_start)
{
  if (run >= N_RUNS)
    return FALSE;

  return run < MIN_RUNS || bench_ms_since (row_start) < ROW_BUDGET_MS;
}

/* The same for a loop that measures @n_rows rows per run. */
static gboolean
keep_going_all (guint  run,
                gint64 start,
                guint  n_rows)
{
  if (run >= N_RUNS)
    return FALSE;

  return run < MIN_RUNS || bench_ms_since (start) < (double) ROW_BUDGET_MS * n_rows;
}

static void
append_ms (GArray *samples,
           double  ms)
{
  g_array_append_val (samples, ms);
}

/* printf pads by bytes; labels like "núñez" need padding by characters. */
static char *
dup_padded (const char *label,
            guint       width)
{
  glong chars = g_utf8_strlen (label, -1);
  GString *padded = g_string_new (label);

  for (glong i = chars; i < (glong) width; i++)
    g_string_append_c (padded, ' ');

  return g_string_free (padded, FALSE);
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

/* One row: label, result count, runs, then the median and max of @total,
 * the median SQL time and, for the page, the time to the frame that shows
 * the change and the records loaded until then. */
static void
print_row (const char *label,
           guint       n_rows,
           GArray     *total,
           GArray     *sql,
           GArray     *to_frame,
           GArray     *loads)
{
  g_autofree char *padded = dup_padded (label, 17);

  g_print ("%s %6u %3u | %7.2f %7.2f | %6.2f",
           padded, n_rows, total->len, median_of (total), max_of (total),
           median_of (sql));
  if (to_frame != NULL)
    g_print (" | %8.1f %8.1f | %6.0f", median_of (to_frame), max_of (to_frame),
             median_of (loads));
  g_print ("\n");
}

static void
print_row_head (const char *what,
                gboolean    page)
{
  g_print ("%-17s %6s %3s | %-15s | %6s", what, "rows", "n", " to items", "sql");
  if (page)
    g_print (" | %-17s | %6s", " to frame", "loads");
  g_print ("\n%-17s %6s %3s | %7s %7s | %6s", "", "", "", "med", "max", "med");
  if (page)
    g_print (" | %8s %8s | %6s", "med", "max", "med");
  g_print ("  (ms)\n");
}

/* The list measured before list @l, so that every switch changes rows. */
static CrmFilter *
next_list_filter (guint l)
{
  return crm_builtin_list_filter (list_ids[(l + 1) % G_N_ELEMENTS (list_ids)]);
}

/* ------------------------------------------------------------------ */
/* 1. Store only                                                      */
/* ------------------------------------------------------------------ */

/* Times one change of @model made by @change, to items-changed (or to the
 * return when the change emits none). */
static void
time_model_change (CrmQueryModel *model,
                   void         (*change) (CrmQueryModel *, gconstpointer),
                   gconstpointer  arg,
                   GArray        *total,
                   GArray        *sql)
{
  gint64 start;
  gint64 end;

  marks_reset ();
  start = bench_now_us ();
  change (model, arg);
  end = marks.items_start > 0 ? marks.items_start : bench_now_us ();

  add_ms (total, start, end);
  if (marks.sql_calls > 0)
    append_ms (sql, marks.sql_us / 1000.0);
}

static void
change_search (CrmQueryModel *model,
               gconstpointer  arg)
{
  crm_query_model_set_search (model, arg);
}

static void
change_filter (CrmQueryModel *model,
               gconstpointer  arg)
{
  crm_query_model_set_filter (model, (CrmFilter *) arg);
}

static void
change_sort (CrmQueryModel *model,
             gconstpointer  arg)
{
  crm_query_model_set_sort (model, arg, FALSE);
}

static void
bench_store_search (CrmQueryModel *model)
{
  g_autoptr(GArray) clear = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) clear_sql = g_array_new (FALSE, FALSE, sizeof (double));

  bench_print_header ("search, store only (CrmQueryModel, no widgets)");
  print_row_head ("query", FALSE);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *label = g_strdup_printf ("\"%s\"", queries[q]);

      gint64 row_start = bench_now_us ();

      for (guint run = 0; keep_going (run, row_start); run++)
        {
          time_model_change (model, change_search, NULL, clear, clear_sql);
          time_model_change (model, change_search, queries[q], total, sql);
        }

      print_row (label, g_list_model_get_n_items (G_LIST_MODEL (model)), total, sql,
                 NULL, NULL);
    }

  time_model_change (model, change_search, NULL, clear, clear_sql);
  print_row ("(clear search)", g_list_model_get_n_items (G_LIST_MODEL (model)),
             clear, clear_sql, NULL, NULL);
}

static void
bench_store_lists (CrmQueryModel *model)
{
  bench_print_header ("list switch, store only (crm_query_model_set_filter)");
  print_row_head ("to list", FALSE);

  for (guint l = 0; l < G_N_ELEMENTS (list_ids); l++)
    {
      g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(GArray) sql = g_array_new (FALSE, FALSE, sizeof (double));
      g_autoptr(CrmFilter) filter = crm_builtin_list_filter (list_ids[l]);
      g_autoptr(CrmFilter) other = next_list_filter (l);
      gint64 row_start = bench_now_us ();
      guint n_rows;

      for (guint run = 0; keep_going (run, row_start); run++)
        {
          crm_query_model_set_filter (model, other);
          time_model_change (model, change_filter, filter, total, sql);
        }

      n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
      print_row (list_ids[l], n_rows, total, sql, NULL, NULL);
    }

  crm_query_model_set_filter (model, NULL);
}

static void
bench_store_sort (CrmQueryModel *model)
{
  GArray *totals[G_N_ELEMENTS (sort_keys)];
  GArray *sqls[G_N_ELEMENTS (sort_keys)];
  gint64 start = bench_now_us ();

  bench_print_header ("sort, store only (crm_query_model_set_sort), all customers");
  print_row_head ("sort key", FALSE);

  for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
    {
      totals[k] = g_array_new (FALSE, FALSE, sizeof (double));
      sqls[k] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  /* Each key follows another, so every step reorders the rows. */
  crm_query_model_set_sort (model, sort_keys[G_N_ELEMENTS (sort_keys) - 1], FALSE);
  for (guint run = 0; keep_going_all (run, start, G_N_ELEMENTS (sort_keys)); run++)
    for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
      time_model_change (model, change_sort, sort_keys[k], totals[k], sqls[k]);

  for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
    {
      print_row (sort_keys[k], g_list_model_get_n_items (G_LIST_MODEL (model)),
                 totals[k], sqls[k], NULL, NULL);
      g_array_unref (totals[k]);
      g_array_unref (sqls[k]);
    }

  crm_query_model_set_sort (model, "name", FALSE);
}

/* ------------------------------------------------------------------ */
/* 2. The list page                                                   */
/* ------------------------------------------------------------------ */

typedef struct
{
  GtkWidget           *window;
  CrmCustomerListPage *page;
  GtkSearchEntry      *entry;
  GtkColumnView       *column_view;
  CrmQueryModel       *model;
} Page;

static guint
page_n_rows (Page *page)
{
  return g_list_model_get_n_items (G_LIST_MODEL (page->model));
}

typedef struct
{
  GArray *delay;        /* keystroke -> search-changed */
  GArray *work;         /* search-changed -> items-changed */
  GArray *key_items;    /* keystroke -> items-changed */
  GArray *sql;
  GArray *frame;        /* items-changed -> after-paint */
  GArray *key_frame;    /* keystroke -> after-paint */
  GArray *loads;
} SearchSeries;

static void
search_series_init (SearchSeries *series)
{
  series->delay = g_array_new (FALSE, FALSE, sizeof (double));
  series->work = g_array_new (FALSE, FALSE, sizeof (double));
  series->key_items = g_array_new (FALSE, FALSE, sizeof (double));
  series->sql = g_array_new (FALSE, FALSE, sizeof (double));
  series->frame = g_array_new (FALSE, FALSE, sizeof (double));
  series->key_frame = g_array_new (FALSE, FALSE, sizeof (double));
  series->loads = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
search_series_clear (SearchSeries *series)
{
  g_array_unref (series->delay);
  g_array_unref (series->work);
  g_array_unref (series->key_items);
  g_array_unref (series->sql);
  g_array_unref (series->frame);
  g_array_unref (series->key_frame);
  g_array_unref (series->loads);
}

/* Types @text into the entry and waits for the search and the frame. */
static void
type_search (Page         *page,
             const char   *text,
             SearchSeries *series)
{
  gint64 start;
  gint64 painted;
  gint64 items;

  /* Setting the same text again emits nothing to wait for. */
  if (g_str_equal (gtk_editable_get_text (GTK_EDITABLE (page->entry)), text))
    return;

  marks_reset ();
  start = bench_now_us ();
  gtk_editable_set_text (GTK_EDITABLE (page->entry), text);
  bench_gtk_spin_until (&marks.searched, WAIT_MS);

  /* A step that changes nothing emits no items-changed: count the end of
   * the search instead. */
  items = marks.items_start > 0 ? marks.items_start : marks.search_done;
  painted = bench_gtk_wait_frame (page->window, WAIT_MS);

  add_ms (series->delay, start, marks.search_changed);
  add_ms (series->work, marks.search_changed, items);
  add_ms (series->key_items, start, items);
  add_ms (series->frame, items, painted);
  add_ms (series->key_frame, start, painted);
  append_ms (series->sql, marks.sql_us / 1000.0);
  append_ms (series->loads, marks.loads);
}

static void
print_search_head (void)
{
  g_print ("%-11s %6s %3s | %-15s | %-15s | %6s %6s | %-17s | %6s\n",
           "query", "rows", "n", " key->items", " sc->items", "delay", "sql",
           " key->frame", "loads");
  g_print ("%-11s %6s %3s | %7s %7s | %7s %7s | %6s %6s | %8s %8s | %6s\n",
           "", "", "", "med", "max", "med", "max", "med", "med", "med", "max", "med");
}

static void
print_search_row (const char   *label,
                  guint         n_rows,
                  SearchSeries *series)
{
  g_autofree char *padded = dup_padded (label, 11);

  g_print ("%s %6u %3u | %7.2f %7.2f | %7.2f %7.2f | %6.1f %6.2f | %8.1f %8.1f | %6.0f\n",
           padded, n_rows, series->key_items->len,
           median_of (series->key_items), max_of (series->key_items),
           median_of (series->work), max_of (series->work),
           median_of (series->delay), median_of (series->sql),
           median_of (series->key_frame), max_of (series->key_frame),
           median_of (series->loads));
}

static void
bench_page_search (Page *page)
{
  g_autofree char *title = NULL;
  SearchSeries clear;

  title = g_strdup_printf ("search in the list page (its GtkSearchEntry's search-delay: "
                           "%u ms)", gtk_search_entry_get_search_delay (page->entry));
  bench_print_header (title);
  print_search_head ();
  search_series_init (&clear);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autofree char *label = g_strdup_printf ("\"%s\"", queries[q]);
      gint64 row_start = bench_now_us ();
      SearchSeries series;

      search_series_init (&series);
      for (guint run = 0; keep_going (run, row_start); run++)
        {
          type_search (page, "", &clear);
          type_search (page, queries[q], &series);
        }

      print_search_row (label, page_n_rows (page), &series);
      search_series_clear (&series);
    }

  type_search (page, "", &clear);
  print_search_row ("(clear)", page_n_rows (page), &clear);
  search_series_clear (&clear);
}

typedef struct
{
  GArray *total;      /* change -> items-changed */
  GArray *sql;
  GArray *to_frame;   /* change -> after-paint */
  GArray *loads;
} PageSeries;

static void
page_series_init (PageSeries *series)
{
  series->total = g_array_new (FALSE, FALSE, sizeof (double));
  series->sql = g_array_new (FALSE, FALSE, sizeof (double));
  series->to_frame = g_array_new (FALSE, FALSE, sizeof (double));
  series->loads = g_array_new (FALSE, FALSE, sizeof (double));
}

static void
page_series_clear (PageSeries *series)
{
  g_array_unref (series->total);
  g_array_unref (series->sql);
  g_array_unref (series->to_frame);
  g_array_unref (series->loads);
}

static void
print_page_row (const char *label,
                Page       *page,
                PageSeries *series)
{
  print_row (label, page_n_rows (page),
             series->total, series->sql, series->to_frame, series->loads);
}

/* Times one change made on the page, to items-changed and to the frame. */
static void
time_page_change (Page          *page,
                  void         (*change) (Page *, gconstpointer),
                  gconstpointer  arg,
                  PageSeries    *series)
{
  gint64 start;
  gint64 items;
  gint64 painted;

  marks_reset ();
  start = bench_now_us ();
  change (page, arg);
  items = marks.items_start > 0 ? marks.items_start : bench_now_us ();
  painted = bench_gtk_wait_frame (page->window, WAIT_MS);

  add_ms (series->total, start, items);
  add_ms (series->to_frame, start, painted);
  append_ms (series->sql, marks.sql_us / 1000.0);
  append_ms (series->loads, marks.loads);
}

static void
change_page_filter (Page          *page,
                    gconstpointer  arg)
{
  crm_query_model_set_filter (page->model, (CrmFilter *) arg);
}

static GtkColumnViewColumn *
find_column (Page       *page,
             const char *sort_key)
{
  GListModel *columns = gtk_column_view_get_columns (page->column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
      GtkSorter *sorter = gtk_column_view_column_get_sorter (column);

      if (!CRM_IS_SQL_SORTER (sorter))
        continue;

      if (g_strcmp0 (crm_sql_sorter_get_sort_key (CRM_SQL_SORTER (sorter)), sort_key) == 0)
        return column;
    }

  return NULL;
}

static void
change_page_sort (Page          *page,
                  gconstpointer  arg)
{
  GtkColumnViewColumn *column = find_column (page, arg);

  gtk_column_view_sort_by_column (page->column_view, column, GTK_SORT_ASCENDING);
}

static void
bench_page_lists (Page *page)
{
  bench_print_header ("list switch in the list page (set_filter on its model)");
  print_row_head ("to list", TRUE);

  for (guint l = 0; l < G_N_ELEMENTS (list_ids); l++)
    {
      g_autoptr(CrmFilter) filter = crm_builtin_list_filter (list_ids[l]);
      g_autoptr(CrmFilter) other = next_list_filter (l);
      gint64 row_start = bench_now_us ();
      PageSeries series;

      page_series_init (&series);
      for (guint run = 0; keep_going (run, row_start); run++)
        {
          crm_query_model_set_filter (page->model, other);
          bench_gtk_wait_frame (page->window, WAIT_MS);
          time_page_change (page, change_page_filter, filter, &series);
        }

      print_page_row (list_ids[l], page, &series);
      page_series_clear (&series);
    }

  crm_query_model_set_filter (page->model, NULL);
  bench_gtk_wait_frame (page->window, WAIT_MS);
}

static void
bench_page_sort (Page *page)
{
  PageSeries series[G_N_ELEMENTS (sort_keys)];
  gint64 start;

  bench_print_header ("sort in the list page (column header), all customers");
  print_row_head ("sort key", TRUE);

  for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
    {
      if (find_column (page, sort_keys[k]) == NULL)
        {
          g_printerr ("The list page has no column sorted by %s\n", sort_keys[k]);
          return;
        }
    }

  for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
    page_series_init (&series[k]);

  /* Each key follows another, so every step reorders the rows. */
  change_page_sort (page, sort_keys[G_N_ELEMENTS (sort_keys) - 1]);
  bench_gtk_wait_frame (page->window, WAIT_MS);
  start = bench_now_us ();
  for (guint run = 0; keep_going_all (run, start, G_N_ELEMENTS (sort_keys)); run++)
    for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
      time_page_change (page, change_page_sort, sort_keys[k], &series[k]);

  for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
    {
      print_page_row (sort_keys[k], page, &series[k]);
      page_series_clear (&series[k]);
    }

  change_page_sort (page, "name");
}

static gboolean
page_open (Page     *page,
           CrmStore *store)
{
  GtkWidget *widget = crm_customer_list_page_new (store);

  page->page = CRM_CUSTOMER_LIST_PAGE (widget);
  page->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (page->window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (page->window), widget);
  gtk_window_present (GTK_WINDOW (page->window));

  page->model = crm_customer_list_page_get_model (page->page);
  page->column_view = crm_customer_list_page_get_column_view (page->page);
  page->entry = GTK_SEARCH_ENTRY (bench_gtk_find_widget (widget, GTK_TYPE_SEARCH_ENTRY));
  if (page->entry == NULL)
    {
      g_printerr ("The list page has no GtkSearchEntry\n");
      return FALSE;
    }

  g_signal_connect_after (page->entry, "search-changed",
                          G_CALLBACK (on_search_entry_search_changed_after_cb), NULL);
  g_signal_connect_after (page->model, "items-changed",
                          G_CALLBACK (on_model_items_changed_cb), NULL);
  marks.model = G_LIST_MODEL (page->model);

  return bench_gtk_wait_frame (page->window, WAIT_MS) > 0;
}

static void
install_hooks (void)
{
  /* A signal exists once its class does. */
  g_type_class_unref (g_type_class_ref (GTK_TYPE_SEARCH_ENTRY));

  g_signal_add_emission_hook (g_signal_lookup ("items-changed", G_TYPE_LIST_MODEL),
                              0, items_changed_hook, NULL, NULL);
  g_signal_add_emission_hook (g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY),
                              0, search_changed_hook, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmQueryModel) model = NULL;
  g_autofree char *path = NULL;
  Page page = { 0 };
  double fill_seconds;

  setlocale (LC_ALL, "");
  bench_gtk_init ();
  install_hooks ();

  path = bench_ensure_book (bench_get_n_customers (), &fill_seconds, NULL, &error);
  if (path == NULL || (store = crm_store_open (path, &error)) == NULL)
    {
      g_printerr ("Failed to open the book: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_print ("book: %s (%u customers)\n", path, bench_get_n_customers ());

  model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);
  crm_query_model_set_sort (model, "name", FALSE);
  marks.model = G_LIST_MODEL (model);
  bench_store_search (model);
  bench_store_lists (model);
  bench_store_sort (model);
  g_clear_object (&model);

  if (!page_open (&page, store))
    {
      g_printerr ("The list page showed no frame\n");
      return EXIT_FAILURE;
    }

  bench_page_search (&page);
  bench_page_lists (&page);
  bench_page_sort (&page);

  g_print ("\nkey->items: gtk_editable_set_text() to the start of the model's\n"
           "items-changed; sc->items: GtkSearchEntry::search-changed to it (the\n"
           "page's work without the entry's delay); sql: crm_store_query_ids in it;\n"
           "key->frame / to frame: to the after-paint of the frame that shows the\n"
           "rows; loads: records loaded (crm_store_load) until then. A step that\n"
           "changes no row counts to the end of the search instead. Goal:\n"
           "keystroke to items-changed < 16 ms for 2+ characters.\n");

  gtk_window_destroy (GTK_WINDOW (page.window));
  crm_store_close (store);

  return EXIT_SUCCESS;
}
