/* bench-import.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-import"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "bench-import-data.h"
#include "crm-csv-import.h"
#include "crm-query-model.h"
#include "crm-store.h"
#include "crm-store-rules.h"

/* Generates a CSV file of invented leads (fixed seed; 100,000 rows unless
 * PROSPECT_BENCH_CUSTOMERS says otherwise), imports it through the real
 * import job into a fresh profile, then again in update mode into the
 * filled profile, and prints wall time, rows/s, peak RSS and the longest
 * stall of the main loop while each import runs: a 10 ms timeout on the
 * main context records the largest gap between its ticks, with a query
 * model over all customers refreshing on the commit as the list would.
 * --routing turns the store's rules on, with a routing rule. */

#define TICK_MS 10

typedef struct
{
  GMainLoop        *loop;
  gint64            last_tick;
  double            max_gap_ms;
  guint             n_progress;
  CrmImportSummary *summary;
  GError           *error;
} Run;

static gboolean
on_tick_cb (gpointer user_data)
{
  Run *run = user_data;
  gint64 now = bench_now_us ();

  run->max_gap_ms = MAX (run->max_gap_ms, (now - run->last_tick) / 1000.0);
  run->last_tick = now;

  return G_SOURCE_CONTINUE;
}

static void
on_rows_done_cb (GObject    *object,
                 GParamSpec *pspec,
                 Run        *run)
{
  run->n_progress++;
}

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = user_data;

  run->summary = crm_csv_import_run_finish (CRM_CSV_IMPORT (source), result, &run->error);
  g_main_loop_quit (run->loop);
}

/* Processor time of the whole process, both threads: on a busy machine it
 * says more than the wall clock. */
static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static gboolean
run_import (CrmStore            *store,
            const char          *path,
            CrmImportDuplicates  duplicates,
            const char          *label)
{
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GError) error = NULL;
  Run run = { loop, 0, 0, 0, NULL, NULL };
  gint64 start, loaded;
  double load_s, total_s, cpu_start = cpu_seconds ();
  guint tick_id, n_rows;

  start = bench_now_us ();
  crm_csv_import_set_duplicates (import, duplicates);
  if (!crm_csv_import_load_file (import, path, NULL, 0, &error))
    {
      g_printerr ("Failed to load %s: %s\n", path, error->message);
      return FALSE;
    }
  loaded = bench_now_us ();
  load_s = (loaded - start) / 1e6;
  n_rows = crm_csv_document_get_n_rows (crm_csv_import_get_document (import));

  g_signal_connect (import, "notify::rows-done", G_CALLBACK (on_rows_done_cb), &run);
  run.last_tick = bench_now_us ();
  tick_id = g_timeout_add (TICK_MS, on_tick_cb, &run);
  crm_csv_import_run_async (import, NULL, on_done_cb, &run);
  g_main_loop_run (loop);
  on_tick_cb (&run);
  g_source_remove (tick_id);

  if (run.summary == NULL)
    {
      g_printerr ("Failed to import %s: %s\n", path, run.error->message);
      g_error_free (run.error);
      return FALSE;
    }

  total_s = (bench_now_us () - start) / 1e6;
  g_print ("%s: %u rows: load %.2f s + import %.2f s = %.2f s (%.0f rows/s); "
           "%u created, %u updated, %u skipped; %u progress updates; "
           "longest main-loop stall %.1f ms; processor %.2f s; peak RSS %.0f MB\n",
           label, n_rows, load_s, total_s - load_s, total_s, n_rows / total_s,
           crm_import_summary_get_n_created (run.summary),
           crm_import_summary_get_n_updated (run.summary),
           crm_import_summary_get_n_skipped (run.summary),
           run.n_progress, run.max_gap_ms, cpu_seconds () - cpu_start,
           bench_peak_rss_kb () / 1024.0);

  crm_import_summary_unref (run.summary);
  return TRUE;
}

static gboolean
add_rule_job (CrmStoreTxn  *txn,
              gpointer      user_data,
              GError      **error)
{
  return crm_store_txn_insert (txn, CRM_ENTITY_ROUTING_RULE,
                               g_variant_new_parsed ("{'name': <'DACH'>, 'position': <int64 0>,"
                                                     " 'expression': <'country is one of "
                                                     "(\"AT\", \"DE\", \"CH\")'>,"
                                                     " 'owner': <'dieter@prospect.example'>,"
                                                     " 'enabled': <true>}"),
                               error) > 0;
}

static gboolean
has_option (int          argc,
            char        *argv[],
            const char  *option)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], option))
      return TRUE;

  return FALSE;
}

static void
remove_profile (const char *dir)
{
  const char *names[] = { "prospect.db", "prospect.db-wal", "prospect.db-shm", "leads.csv" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *file = g_build_filename (dir, names[i], NULL);

      g_unlink (file);
    }
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmQueryModel) list = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *db_path = NULL;
  g_autofree char *csv_path = NULL;
  guint n_rows = bench_get_n_customers ();
  gboolean fresh_only;
  gboolean ok;

  setlocale (LC_ALL, "");

  dir = g_dir_make_tmp ("prospect-bench-import-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("Failed to make a temporary directory: %s\n", error->message);
      return EXIT_FAILURE;
    }

  csv_path = bench_import_write_file (dir, n_rows, &error);
  db_path = g_build_filename (dir, "prospect.db", NULL);
  store = csv_path != NULL ? crm_store_open (db_path, &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("Failed to set up: %s\n", error->message);
      remove_profile (dir);
      return EXIT_FAILURE;
    }

  /* The list a window would show, refreshed by the commit. */
  list = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);
  crm_query_model_set_sort (list, "name", FALSE);

  /* --routing: the store's rules on, with a routing rule that matches a
   * third of the leads, as in a profile that routes by territory. */
  if (has_option (argc, argv, "--routing"))
    {
      crm_store_rules_install (store);
      if (!crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, add_rule_job, NULL, NULL,
                               &error))
        {
          g_printerr ("Failed to add a routing rule: %s\n", error->message);
          return EXIT_FAILURE;
        }
    }

  /* --fresh-only skips the second run (for profiling the first). */
  fresh_only = has_option (argc, argv, "--fresh-only");
  ok = run_import (store, csv_path, CRM_IMPORT_DUPLICATES_SKIP, "fresh profile") &&
       (fresh_only ||
        run_import (store, csv_path, CRM_IMPORT_DUPLICATES_UPDATE, "update, same file"));
  g_print ("customers listed: %u\n", g_list_model_get_n_items (G_LIST_MODEL (list)));

  g_clear_object (&list);
  crm_store_close (store);
  remove_profile (dir);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
