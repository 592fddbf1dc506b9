/* bench-import-window.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-import-window"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <sys/resource.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "bench-gtk.h"
#include "bench-import-data.h"
#include "crm-csv-import.h"
#include "crm-customer-list-page.h"
#include "crm-import-assistant.h"
#include "crm-notice-toasts.h"
#include "crm-store.h"
#include "crm-store-rules.h"

/* The import of 100,000 leads (PROSPECT_BENCH_CUSTOMERS overrides it) as a
 * rep runs it: the import assistant over the main window's list of all
 * customers, into a fresh profile with the store's rules on and a routing
 * rule that matches a third of the leads (--no-routing: none). It clicks through the pages and
 * Import, and prints the time from Import to the summary and to the list
 * showing every lead, and how well the window kept up meanwhile: the gaps
 * between runs of a 10 ms timeout on the main context (how long a click
 * or key would wait), and between the frames each window drew. */

#define WINDOW_WIDTH 1200
#define WINDOW_HEIGHT 800
#define TIMEOUT_MS (600 * 1000)

/* The gaps between two runs of a 10 ms timeout on the main context: how
 * long the window could not react to anything. */
typedef struct
{
  const char *name;
  GArray     *gaps_ms;   /* double */
  gint64      last;
  gboolean    running;
} Gaps;

static void
gaps_add (Gaps *gaps)
{
  gint64 now = bench_now_us ();

  if (gaps->running && gaps->last != 0)
    {
      double gap = (now - gaps->last) / 1000.0;

      g_array_append_val (gaps->gaps_ms, gap);
      if (g_getenv ("BENCH_IMPORT_GAPS") != NULL && gap > 50)
        g_print ("%s: gap %.0f ms ending at %" G_GINT64_FORMAT " ms\n", gaps->name, gap,
                 now / 1000);
    }
  gaps->last = now;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gaps_add (user_data);
  return G_SOURCE_CONTINUE;
}

/* Frames are not forced: a window draws when something changed (the
 * progress bar about ten times a second). */
static void
on_after_paint_cb (GdkFrameClock *clock,
                   Gaps          *frames)
{
  gaps_add (frames);
}

static void
gaps_init (Gaps *gaps)
{
  gaps->gaps_ms = g_array_new (FALSE, FALSE, sizeof (double));
}

static double
gaps_max (Gaps *gaps)
{
  double max = 0;

  for (guint i = 0; i < gaps->gaps_ms->len; i++)
    max = MAX (max, g_array_index (gaps->gaps_ms, double, i));

  return max;
}

static guint
gaps_over (Gaps   *gaps,
           double  limit_ms)
{
  guint n = 0;

  for (guint i = 0; i < gaps->gaps_ms->len; i++)
    n += g_array_index (gaps->gaps_ms, double, i) > limit_ms;

  return n;
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

static GtkWidget *
open_main_window (CrmStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  /* As in the main window: the rules' notices become a toast. */
  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), crm_customer_list_page_new (store));
  crm_notice_toasts_attach (ADW_TOAST_OVERLAY (overlay), store);
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static gboolean
wait_for_page (CrmImportAssistant *assistant,
               const char         *page)
{
  gint64 deadline = bench_now_us () + TIMEOUT_MS * (gint64) 1000;

  while (g_strcmp0 (crm_import_assistant_get_page (assistant), page) != 0 &&
         bench_now_us () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return g_strcmp0 (crm_import_assistant_get_page (assistant), page) == 0;
}

static gboolean
next (CrmImportAssistant *assistant)
{
  gint64 deadline = bench_now_us () + TIMEOUT_MS * (gint64) 1000;

  /* Next waits for the preview on its page. */
  while (!gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL))
    {
      if (bench_now_us () > deadline)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }

  return TRUE;
}

static gboolean
wait_for_rows (GListModel *model,
               guint       n_rows)
{
  gint64 deadline = bench_now_us () + TIMEOUT_MS * (gint64) 1000;

  while (g_list_model_get_n_items (model) < n_rows && bench_now_us () < deadline)
    g_main_context_iteration (NULL, TRUE);

  return g_list_model_get_n_items (model) >= n_rows;
}

static double
cpu_seconds (void)
{
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0;

  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec +
         (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
print_gaps (const char *label,
            Gaps       *gaps)
{
  bench_print_stats_row (label, gaps->gaps_ms);
  g_print ("  %u gaps, longest %.1f ms, %u over 50 ms, %u over 100 ms\n", gaps->gaps_ms->len,
           gaps_max (gaps), gaps_over (gaps, 50), gaps_over (gaps, 100));
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

static gboolean
run (const char *dir,
     guint       n_rows,
     gboolean    routing)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *csv = bench_import_write_file (dir, n_rows, &error);
  g_autofree char *db = g_build_filename (dir, "prospect.db", NULL);
  Gaps loop = { "loop" }, assistant_frames = { "assistant" }, list_frames = { "window" };
  CrmImportAssistant *assistant;
  CrmImportSummary *summary;
  GtkWidget *window, *page;
  GListModel *list;
  gint64 start, done, listed;
  double cpu_start;
  guint timeout_id;

  store = csv != NULL ? crm_store_open (db, &error) : NULL;
  if (store == NULL)
    {
      g_printerr ("Failed to set up: %s\n", error->message);
      return FALSE;
    }
  crm_store_rules_install (store);
  if (routing &&
      !crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, add_rule_job, NULL, NULL, &error))
    {
      g_printerr ("Failed to add a routing rule: %s\n", error->message);
      return FALSE;
    }

  window = open_main_window (store);
  page = bench_gtk_find_widget (window, CRM_TYPE_CUSTOMER_LIST_PAGE);
  list = G_LIST_MODEL (crm_customer_list_page_get_model (CRM_CUSTOMER_LIST_PAGE (page)));
  bench_gtk_wait_frame (window, 5000);

  assistant = crm_import_assistant_new (GTK_WINDOW (window), store);
  gtk_window_present (GTK_WINDOW (assistant));
  file = g_file_new_for_path (csv);
  start = bench_now_us ();
  crm_import_assistant_open_file (assistant, file);
  if (!wait_for_page (assistant, "format"))
    return FALSE;
  g_print ("file read and mapped: %.0f ms\n", bench_ms_since (start));

  for (guint i = 0; i < 3; i++)
    if (!next (assistant))
      return FALSE;
  if (!wait_for_page (assistant, "preview"))
    return FALSE;

  gaps_init (&loop);
  gaps_init (&assistant_frames);
  gaps_init (&list_frames);
  timeout_id = g_timeout_add (10, on_timeout_cb, &loop);
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (assistant)), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &assistant_frames);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (on_after_paint_cb), &list_frames);
  bench_gtk_spin_for (300);

  cpu_start = cpu_seconds ();
  loop.running = assistant_frames.running = list_frames.running = TRUE;
  start = bench_now_us ();
  if (g_getenv ("BENCH_IMPORT_GAPS") != NULL)
    g_print ("import at %" G_GINT64_FORMAT " ms\n", start / 1000);
  if (!next (assistant) || !wait_for_page (assistant, "summary"))
    return FALSE;
  done = bench_now_us ();
  if (g_getenv ("BENCH_IMPORT_GAPS") != NULL)
    g_print ("summary at %" G_GINT64_FORMAT " ms\n", done / 1000);
  if (!wait_for_rows (list, n_rows))
    return FALSE;
  listed = bench_now_us ();
  bench_gtk_wait_frame (window, 5000);
  loop.running = assistant_frames.running = list_frames.running = FALSE;
  g_source_remove (timeout_id);

  summary = crm_import_assistant_get_summary (assistant);
  g_print ("import of %u rows: Import to summary %.2f s, to the list showing them %.2f s; "
           "%u created, %u updated, %u skipped; processor %.2f s; peak RSS %ld MB\n",
           n_rows, (done - start) / 1e6, (listed - start) / 1e6,
           crm_import_summary_get_n_created (summary),
           crm_import_summary_get_n_updated (summary),
           crm_import_summary_get_n_skipped (summary), cpu_seconds () - cpu_start,
           bench_peak_rss_kb () / 1024);

  g_print ("\nWhile importing, until the list shows every lead\n");
  bench_print_stats_head ();
  print_gaps ("main loop (10 ms timeout)", &loop);
  print_gaps ("assistant frames", &assistant_frames);
  print_gaps ("main window frames", &list_frames);

  gtk_window_destroy (GTK_WINDOW (assistant));
  gtk_window_destroy (GTK_WINDOW (window));
  bench_gtk_spin_for (100);
  crm_store_close (store);

  return TRUE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");
  bench_gtk_init ();
  bench_print_header ("CSV import in the window");

  dir = g_dir_make_tmp ("prospect-bench-import-window-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("Failed to make a temporary directory: %s\n", error->message);
      return EXIT_FAILURE;
    }

  /* --no-routing: a profile without routing rules, as a new one is. */
  ok = run (dir, bench_get_n_customers (), !(argc > 1 && g_str_equal (argv[1], "--no-routing")));
  remove_profile (dir);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
