/* bench-common.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-common"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "crm-store.h"
#include "crm-store-demo.h"

/* BENCH_BOOK_TAG comes from meson: a hash of the demo generator and the
 * schema, so a cached book is remade when either changes. */
#ifndef BENCH_BOOK_TAG
#define BENCH_BOOK_TAG "untagged"
#endif

guint
bench_get_n_customers (void)
{
  const char *value = g_getenv ("PROSPECT_BENCH_CUSTOMERS");
  guint64 n;

  if (value == NULL || !g_ascii_string_to_unsigned (value, 10, 1, G_MAXUINT, &n, NULL))
    return BENCH_DEFAULT_CUSTOMERS;

  return (guint) n;
}

/**
 * bench_dup_cache_dir:
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/prospect-bench` when
 *   XDG_CACHE_HOME is set, else `/tmp/prospect-bench`
 */
char *
bench_dup_cache_dir (void)
{
  const char *xdg = g_getenv ("XDG_CACHE_HOME");

  if (xdg != NULL && xdg[0] != '\0')
    return g_build_filename (xdg, "prospect-bench", NULL);

  return g_build_filename (g_get_tmp_dir (), "prospect-bench", NULL);
}

/* Removes a flat directory (a book's: the database and its side files). */
static void
remove_book_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  if (handle == NULL)
    return;

  while ((name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *file = g_build_filename (dir, name, NULL);

      g_unlink (file);
    }

  g_rmdir (dir);
}

static gboolean
book_is_complete (const char *path,
                  guint       n_customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  guint count;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    return FALSE;

  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("Cached book %s is unusable (%s); making it again\n",
                  path, error->message);
      return FALSE;
    }

  count = crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL);
  crm_store_close (store);

  return count == n_customers;
}

static gboolean
fill_book (const char  *dir,
           guint        n_customers,
           double      *fill_seconds,
           GError     **error)
{
  g_autofree char *path = g_build_filename (dir, "prospect.db", NULL);
  g_autofree char *time_file = g_build_filename (dir, "fill-seconds", NULL);
  g_autoptr(CrmStore) store = NULL;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  gint64 start;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved_errno),
                   "Failed to create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  store = crm_store_open (path, error);
  if (store == NULL)
    return FALSE;

  start = bench_now_us ();
  if (!crm_store_demo_fill (store, n_customers, error))
    return FALSE;
  *fill_seconds = bench_ms_since (start) / 1000.0;

  /* Closing checkpoints the WAL into the file, so the directory can move. */
  crm_store_close (store);

  g_ascii_dtostr (text, sizeof text, *fill_seconds);
  return g_file_set_contents (time_file, text, -1, error);
}

/**
 * bench_ensure_book:
 * @n_customers: the size of the book
 * @fill_seconds: (out): how long crm_store_demo_fill() took, now or when
 *   the cached book was made (-1 when unknown)
 * @was_cached: (out) (optional): whether the book was already there
 * @error: return location for a #GError
 *
 * Makes a demo book of @n_customers once and keeps it in the cache
 * directory. It is built in a directory of its own and renamed into place
 * when complete, so an interrupted run or a concurrent one leaves no half
 * book behind.
 *
 * Returns: (transfer full): the path of the book's database
 */
char *
bench_ensure_book (guint      n_customers,
                   double    *fill_seconds,
                   gboolean  *was_cached,
                   GError   **error)
{
  g_autofree char *cache_dir = bench_dup_cache_dir ();
  g_autofree char *name = g_strdup_printf ("book-%u-%s", n_customers, BENCH_BOOK_TAG);
  g_autofree char *book_dir = g_build_filename (cache_dir, name, NULL);
  g_autofree char *path = g_build_filename (book_dir, "prospect.db", NULL);
  g_autofree char *time_file = g_build_filename (book_dir, "fill-seconds", NULL);
  g_autofree char *tmp_dir = NULL;
  g_autofree char *text = NULL;

  *fill_seconds = -1;

  if (book_is_complete (path, n_customers))
    {
      if (g_file_get_contents (time_file, &text, NULL, NULL))
        *fill_seconds = g_ascii_strtod (text, NULL);
      if (was_cached != NULL)
        *was_cached = TRUE;
      return g_steal_pointer (&path);
    }

  if (was_cached != NULL)
    *was_cached = FALSE;

  tmp_dir = g_strdup_printf ("%s.tmp-%d", book_dir, (int) getpid ());
  remove_book_dir (tmp_dir);
  if (!fill_book (tmp_dir, n_customers, fill_seconds, error))
    {
      remove_book_dir (tmp_dir);
      return NULL;
    }

  /* A stale or partial book of the same name goes; if another run won the
   * race meanwhile, its book is as good as ours. */
  remove_book_dir (book_dir);
  if (g_rename (tmp_dir, book_dir) != 0)
    remove_book_dir (tmp_dir);

  return g_steal_pointer (&path);
}

gint64
bench_now_us (void)
{
  return g_get_monotonic_time ();
}

double
bench_ms_since (gint64 start_us)
{
  return (g_get_monotonic_time () - start_us) / 1000.0;
}

/* The peak resident set of this process so far, in KiB. */
glong
bench_peak_rss_kb (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return -1;

  return usage.ru_maxrss;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Nearest-rank percentile of a sorted array. */
static double
percentile (const double *sorted,
            guint         n,
            double        p)
{
  guint rank = (guint) ((p / 100.0) * n + 0.999999);

  rank = CLAMP (rank, 1, n);
  return sorted[rank - 1];
}

void
bench_stats_compute (GArray     *samples_ms,
                     BenchStats *stats)
{
  g_autoptr(GArray) sorted = NULL;
  const double *v;
  double sum = 0;
  guint n = samples_ms->len;

  memset (stats, 0, sizeof *stats);
  stats->n = n;
  if (n == 0)
    return;

  sorted = g_array_copy (samples_ms);
  g_array_sort (sorted, compare_doubles);
  v = (const double *) (gpointer) sorted->data;

  for (guint i = 0; i < n; i++)
    sum += v[i];

  stats->min = v[0];
  stats->max = v[n - 1];
  stats->mean = sum / n;
  stats->median = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
  stats->p95 = percentile (v, n, 95);
  stats->p99 = percentile (v, n, 99);
}

void
bench_print_header (const char *title)
{
  g_print ("\n== %s ==\n", title);
}

void
bench_print_stats_head (void)
{
  g_print ("%-34s %4s %9s %9s %9s %9s  (ms)\n",
           "", "n", "median", "min", "p95", "max");
}

void
bench_print_stats_row (const char *label,
                       GArray     *samples_ms)
{
  BenchStats stats;

  bench_stats_compute (samples_ms, &stats);
  if (stats.n == 0)
    {
      g_print ("%-34s %4u %9s\n", label, 0u, "-");
      return;
    }

  g_print ("%-34s %4u %9.2f %9.2f %9.2f %9.2f\n",
           label, stats.n, stats.median, stats.min, stats.p95, stats.max);
}
