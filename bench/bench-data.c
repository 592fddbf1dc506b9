/* bench-data.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-data"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "crm-store.h"
#include "crm-store-demo.h"

/* Makes the demo book the other benchmarks run on (once; it is cached) and
 * prints how long crm_store_demo_fill() took. With --fresh it fills a new
 * book in a temporary directory every time, to time the fill itself. */

static gboolean opt_fresh;

static const GOptionEntry entries[] = {
  { "fresh", 0, 0, G_OPTION_ARG_NONE, &opt_fresh,
    "Time a fill into a new temporary book, ignoring the cache", NULL },
  { NULL }
};

static void
print_book (const char *path)
{
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf buf;

  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("Failed to open %s: %s\n", path, error->message);
      return;
    }

  for (CrmEntityKind kind = 0; kind < CRM_N_ENTITIES; kind++)
    g_print ("  %-16s %8u\n", crm_entity_kind_get_table (kind),
             crm_store_count (store, kind, NULL));

  crm_store_close (store);

  if (g_stat (path, &buf) == 0)
    g_print ("  %-16s %8.1f MB\n", "file", buf.st_size / 1e6);
}

static int
run_fresh (guint n_customers)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  gint64 start;
  double seconds;

  dir = g_dir_make_tmp ("prospect-bench-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("Failed to make a temporary directory: %s\n", error->message);
      return EXIT_FAILURE;
    }

  path = g_build_filename (dir, "prospect.db", NULL);
  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("Failed to open %s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }

  start = bench_now_us ();
  if (!crm_store_demo_fill (store, n_customers, &error))
    {
      g_printerr ("Failed to fill the book: %s\n", error->message);
      return EXIT_FAILURE;
    }
  seconds = bench_ms_since (start) / 1000.0;
  crm_store_close (store);

  g_print ("fresh fill of %u customers: %.2f s (%.0f customers/s)\n",
           n_customers, seconds, n_customers / seconds);
  print_book (path);

  for (guint i = 0; i < 3; i++)
    {
      const char *suffix[] = { "", "-wal", "-shm" };
      g_autofree char *file = g_strconcat (path, suffix[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);

  return EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  guint n_customers = bench_get_n_customers ();
  gboolean was_cached = FALSE;
  double seconds;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("- make the benchmark book");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (opt_fresh)
    return run_fresh (n_customers);

  path = bench_ensure_book (n_customers, &seconds, &was_cached, &error);
  if (path == NULL)
    {
      g_printerr ("Failed to make the book: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("book: %s\n", path);
  if (seconds < 0)
    g_print ("fill of %u customers: cached, time not recorded\n", n_customers);
  else
    g_print ("fill of %u customers: %.2f s (%.0f customers/s)%s\n",
             n_customers, seconds, n_customers / seconds,
             was_cached ? ", when the cached book was made" : "");
  print_book (path);

  return EXIT_SUCCESS;
}
