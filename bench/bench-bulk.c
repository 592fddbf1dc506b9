/* bench-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-bulk"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "bench-common.h"
#include "bench-gtk.h"
#include "crm-customer-list-page.h"
#include "crm-query-model.h"
#include "crm-selection-bar.h"
#include "crm-store.h"
#include "crm-store-bulk.h"

/* A bulk edit of 10,000 customers (status, owner and a tag) in the book of
 * 100,000, with the real CrmCustomerListPage of All customers showing in a
 * 1200x800 window: the selection is made on the page's GtkMultiSelection,
 * the ids are read from its bitset by the selection bar, and the job runs
 * on the store's writer thread while the main loop goes on. Then Undo.
 *
 * Printed: the time to select all rows (Ctrl+A) and 10,000 of them
 * (shift-click); the time to read the selected ids; the job's time from the
 * call to its callback; the longest main-loop stall while the job runs and
 * until the list has refreshed (the largest gap between two ticks of a
 * 1 ms timeout); the model's items-changed count; and the same for Undo.
 *
 * The job changes the book, so it runs on a copy of the cached book. */

#define WINDOW_WIDTH 1200
#define WINDOW_HEIGHT 800
#define N_SELECTED 10000
#define SETTLE_MS 1000

typedef struct
{
  gint64 last_tick;
  double max_gap_ms;
  gint64 max_gap_at;
  guint  n_ticks;
} Stall;

typedef struct
{
  GAsyncResult *result;
  gint64        done_at;
  guint         n_progress;
} Wait;

static gboolean
on_stall_tick_cb (gpointer user_data)
{
  Stall *stall = user_data;
  gint64 now = bench_now_us ();
  double gap = (now - stall->last_tick) / 1000.0;

  if (stall->n_ticks > 0 && gap > stall->max_gap_ms)
    {
      stall->max_gap_ms = gap;
      stall->max_gap_at = now;
    }

  stall->last_tick = now;
  stall->n_ticks++;

  return G_SOURCE_CONTINUE;
}

static guint
stall_start (Stall *stall)
{
  *stall = (Stall) { bench_now_us (), 0, 0, 0 };

  return g_timeout_add (1, on_stall_tick_cb, stall);
}

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
on_progress_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  Wait *wait = user_data;

  wait->n_progress++;
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->done_at = bench_now_us ();
  wait->result = g_object_ref (result);
}

static gboolean
wait_for (Wait *wait)
{
  gboolean done = FALSE;
  gint64 deadline = bench_now_us () + 600 * G_USEC_PER_SEC;

  while (wait->result == NULL && bench_now_us () < deadline)
    g_main_context_iteration (NULL, TRUE);

  done = wait->result != NULL;
  return done;
}

static char *
copy_book (const char  *path,
           GError     **error)
{
  g_autofree char *dir = g_dir_make_tmp ("prospect-bench-bulk-XXXXXX", error);
  g_autofree char *copy = NULL;
  g_autoptr(GFile) source = g_file_new_for_path (path);
  g_autoptr(GFile) target = NULL;

  if (dir == NULL)
    return NULL;

  copy = g_build_filename (dir, "prospect.db", NULL);
  target = g_file_new_for_path (copy);
  if (!g_file_copy (source, target, G_FILE_COPY_NONE, NULL, NULL, NULL, error))
    return NULL;

  return g_steal_pointer (&copy);
}

static void
remove_book (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

static GtkWidget *
open_window (CrmStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), crm_customer_list_page_new (store));
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static guint
count_status (CrmStore   *store,
              const char *status)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "status", CRM_FILTER_OP_IS, g_variant_new_string (status));
  return crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
}

static CrmBulkEdit *
create_edit (void)
{
  CrmBulkEdit *edit = crm_bulk_edit_new ();

  crm_bulk_edit_set_status (edit, "Working Lead", NULL);
  crm_bulk_edit_set_owner (edit, "me", NULL);
  crm_bulk_edit_add_tag (edit, "bulk-bench", NULL);

  return edit;
}

static void
print_phase (const char *what,
             double      call_ms,
             double      settled_ms,
             Stall      *stall,
             gint64      start,
             guint       n_items_changed)
{
  g_print ("%-6s %10.1f ms to its callback, %8.1f ms until the list refreshed\n",
           what, call_ms, settled_ms);
  g_print ("       longest main-loop stall %.1f ms (at +%.0f ms), %u ticks of 1 ms; "
           "items-changed %u\n",
           stall->max_gap_ms, (stall->max_gap_at - start) / 1000.0, stall->n_ticks,
           n_items_changed);
}

/* Runs the main loop until the model has had SETTLE_MS of quiet after the
 * job, and returns when it last changed. */
static gint64
settle (gint64  done_at,
        gint64 *last_change)
{
  bench_gtk_spin_for (SETTLE_MS);

  return MAX (done_at, *last_change);
}

static void
on_items_changed_time_cb (GListModel *model,
                          guint       position,
                          guint       removed,
                          guint       added,
                          gint64     *when)
{
  *when = bench_now_us ();
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmBulkEdit) edit = NULL;
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *cached = NULL;
  g_autofree char *path = NULL;
  CrmCustomerListPage *page;
  CrmSelectionBar *bar;
  GtkSelectionModel *selection;
  GListModel *model;
  GtkWidget *window;
  Wait job = { NULL }, undo = { NULL };
  Stall stall;
  gint64 start, last_change = 0, settled;
  guint n_items, n_selected, n_items_changed = 0, ticker, working_before;
  double fill_seconds, select_all_ms, select_ms, ids_ms, job_ms, undo_ms;

  setlocale (LC_ALL, "");
  bench_gtk_init ();
  bench_print_header ("Bulk edit");

  cached = bench_ensure_book (bench_get_n_customers (), &fill_seconds, NULL, &error);
  if (cached != NULL)
    path = copy_book (cached, &error);
  if (path == NULL || (store = crm_store_open (path, &error)) == NULL)
    {
      g_printerr ("Failed to open a copy of the book: %s\n", error->message);
      return EXIT_FAILURE;
    }

  window = open_window (store);
  page = CRM_CUSTOMER_LIST_PAGE (bench_gtk_find_widget (window, CRM_TYPE_CUSTOMER_LIST_PAGE));
  bar = CRM_SELECTION_BAR (bench_gtk_find_widget (window, CRM_TYPE_SELECTION_BAR));
  model = G_LIST_MODEL (crm_customer_list_page_get_model (page));
  selection = gtk_column_view_get_model (crm_customer_list_page_get_column_view (page));
  n_items = g_list_model_get_n_items (model);
  n_selected = MIN (N_SELECTED, n_items);

  for (guint i = 0; i < 5; i++)
    if (bench_gtk_wait_frame (window, 5000) < 0)
      {
        g_printerr ("The window showed no frame\n");
        return EXIT_FAILURE;
      }

  /* Select all, as Ctrl+A does, and clear; then select as shift-click
   * does, and read the ids as the bar does. */
  start = bench_now_us ();
  gtk_selection_model_select_all (selection);
  select_all_ms = bench_ms_since (start);
  bench_gtk_spin_for (200);
  gtk_selection_model_unselect_all (selection);
  bench_gtk_spin_for (200);
  start = bench_now_us ();
  gtk_selection_model_select_range (selection, 0, n_selected, TRUE);
  select_ms = bench_ms_since (start);
  bench_gtk_spin_for (200);
  start = bench_now_us ();
  ids = crm_selection_bar_dup_selected_ids (bar);
  ids_ms = bench_ms_since (start);

  working_before = count_status (store, "Working Lead");
  g_print ("book: %u customers listed (copy at %s); %u selected\n", n_items, path, ids->len);
  g_print ("edit: status Working Lead, owner me, add tag bulk-bench\n\n");
  g_print ("select %10.2f ms to select all %u rows (Ctrl+A), %.2f ms to select %u (shift-click)\n",
           select_all_ms, n_items, select_ms, n_selected);
  g_print ("ids    %10.2f ms to read %u ids from the selection's bitset\n", ids_ms, ids->len);

  /* The job */
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &n_items_changed);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_time_cb), &last_change);
  edit = create_edit ();
  ticker = stall_start (&stall);
  start = bench_now_us ();
  crm_store_bulk_edit_async (store, ids, edit, NULL, on_progress_cb, on_done_cb, &job);
  if (!wait_for (&job))
    {
      g_printerr ("The bulk edit did not finish in time\n");
      return EXIT_FAILURE;
    }
  job_ms = (job.done_at - start) / 1000.0;
  settled = settle (job.done_at, &last_change);
  g_source_remove (ticker);

  result = crm_store_bulk_edit_finish (store, job.result, &error);
  g_clear_object (&job.result);
  if (result == NULL)
    {
      g_printerr ("The bulk edit failed: %s\n", error->message);
      return EXIT_FAILURE;
    }

  print_phase ("job", job_ms, (settled - start) / 1000.0, &stall, start, n_items_changed);
  g_print ("       %u changed, %u unchanged, %u skipped (subscribers); %u progress "
           "reports; Working Leads %u -> %u\n",
           crm_bulk_result_get_n_changed (result), crm_bulk_result_get_n_unchanged (result),
           crm_bulk_result_get_n_skipped (result), job.n_progress, working_before,
           count_status (store, "Working Lead"));
  g_print ("       %.0f customers/s\n", ids->len / (job_ms / 1000.0));

  /* Undo */
  n_items_changed = 0;
  last_change = 0;
  ticker = stall_start (&stall);
  start = bench_now_us ();
  crm_store_undo_async (store, crm_bulk_result_get_undo_group (result), NULL, on_done_cb, &undo);
  if (!wait_for (&undo))
    {
      g_printerr ("Undo did not finish in time\n");
      return EXIT_FAILURE;
    }
  undo_ms = (undo.done_at - start) / 1000.0;
  settled = settle (undo.done_at, &last_change);
  g_source_remove (ticker);

  if (!crm_store_mutation_finish (store, undo.result, NULL, &error))
    {
      g_printerr ("Undo failed: %s\n", error->message);
      return EXIT_FAILURE;
    }
  g_clear_object (&undo.result);

  print_phase ("undo", undo_ms, (settled - start) / 1000.0, &stall, start, n_items_changed);
  g_print ("       Working Leads back to %u\n", count_status (store, "Working Lead"));
  g_print ("\npeak RSS %ld MB\n", bench_peak_rss_kb () / 1024);

  g_signal_handlers_disconnect_by_data (model, &n_items_changed);
  g_signal_handlers_disconnect_by_data (model, &last_change);
  gtk_window_destroy (GTK_WINDOW (window));
  crm_store_close (store);
  remove_book (path);

  return EXIT_SUCCESS;
}
