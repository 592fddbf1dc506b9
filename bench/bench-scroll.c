/* bench-scroll.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-scroll"

#include "config.h"

#include <locale.h>
#include <stdlib.h>

#include <adwaita.h>

#include "bench-common.h"
#include "bench-gtk.h"
#include "crm-customer-list-page.h"
#include "crm-query-model.h"
#include "crm-store.h"

/* Frame times while scrolling the customer list of a large book: the real
 * CrmCustomerListPage in a 1200x800 window, its column view's vertical
 * adjustment moved on every frame clock tick by one page (N_STEPS frames
 * from the top), then jumps to random positions with page steps between.
 *
 * For each frame: the interval between "after-paint"s, and the frame's own
 * work from "before-paint" to "after-paint", split into the update phase
 * (the tick that moves the adjustment; the list view binds the new rows
 * right then, which loads their records), layout (measure and allocate)
 * and paint (snapshot and the cairo render). Record loads are
 * counted by wrapping crm_store_load at link time. Under Xvfb with the
 * cairo renderer these are CPU figures. */

#define WINDOW_WIDTH 1200
#define WINDOW_HEIGHT 800
#define N_STEPS 600
#define N_JUMPS 20
#define JUMP_SPACING 5
#define N_FRAMES (N_STEPS + N_JUMPS * JUMP_SPACING)
#define SEED 42

typedef struct
{
  double   interval;
  double   work;
  double   update;
  double   layout;
  double   paint;
  double   load_ms;
  guint    loads;
  gboolean jump;
} FrameRecord;

typedef struct
{
  GtkWidget     *window;
  GtkAdjustment *vadjustment;
  GRand         *rand;
  GArray        *records;

  guint          ticks;
  gboolean       ticked;     /* the current frame ran our tick */
  gboolean       jumped;     /* ... and it was a jump */
  gboolean       done;
  guint          clamped;    /* steps that hit the end of the list */

  gint64         begin;
  gint64         update_end;
  gint64         layout_end;
  gint64         paint_end;
  gint64         last_end;
} Scroll;

static guint load_count;
static gint64 load_us;

GObject *__real_crm_store_load (CrmStore *, CrmEntityKind, gint64, GError **);
GObject *__wrap_crm_store_load (CrmStore *, CrmEntityKind, gint64, GError **);

GObject *
__wrap_crm_store_load (CrmStore       *store,
                       CrmEntityKind   kind,
                       gint64          id,
                       GError        **error)
{
  gint64 start = bench_now_us ();
  GObject *object;

  object = __real_crm_store_load (store, kind, id, error);
  load_us += bench_now_us () - start;
  load_count++;

  return object;
}

static gboolean
on_tick_cb (GtkWidget     *widget,
            GdkFrameClock *clock,
            gpointer       user_data)
{
  Scroll *scroll = user_data;
  GtkAdjustment *adj = scroll->vadjustment;
  double page = gtk_adjustment_get_page_size (adj);
  double last = gtk_adjustment_get_upper (adj) - page;
  double value = gtk_adjustment_get_value (adj);
  guint tick = scroll->ticks++;

  if (tick >= N_FRAMES)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }

  scroll->ticked = TRUE;
  scroll->jumped = tick >= N_STEPS && (tick - N_STEPS) % JUMP_SPACING == 0;

  if (scroll->jumped)
    {
      value = g_rand_double (scroll->rand) * last;
    }
  else
    {
      value += page;
      if (value > last)
        {
          value = last;
          scroll->clamped++;
        }
    }

  gtk_adjustment_set_value (adj, value);

  return G_SOURCE_CONTINUE;
}

static void
on_frame_clock_before_paint_cb (GdkFrameClock *clock,
                                Scroll        *scroll)
{
  scroll->begin = bench_now_us ();
  scroll->update_end = scroll->layout_end = scroll->paint_end = 0;
  scroll->ticked = FALSE;
  load_count = 0;
  load_us = 0;
}

static void
on_frame_clock_update_cb (GdkFrameClock *clock,
                          Scroll        *scroll)
{
  scroll->update_end = bench_now_us ();
}

static void
on_frame_clock_layout_cb (GdkFrameClock *clock,
                          Scroll        *scroll)
{
  scroll->layout_end = bench_now_us ();
}

static void
on_frame_clock_paint_cb (GdkFrameClock *clock,
                         Scroll        *scroll)
{
  scroll->paint_end = bench_now_us ();
}

/* A phase that did not run this frame took no time. */
static double
phase_ms (gint64 from,
          gint64 to)
{
  if (from <= 0 || to <= 0 || to < from)
    return 0;

  return (to - from) / 1000.0;
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               Scroll        *scroll)
{
  gint64 now = bench_now_us ();
  gint64 update_end = scroll->update_end > 0 ? scroll->update_end : scroll->begin;
  gint64 layout_end = scroll->layout_end > 0 ? scroll->layout_end : update_end;
  FrameRecord record;

  if (scroll->ticked && scroll->last_end > 0)
    {
      record.interval = (now - scroll->last_end) / 1000.0;
      record.work = phase_ms (scroll->begin, now);
      record.update = phase_ms (scroll->begin, update_end);
      record.layout = phase_ms (update_end, layout_end);
      record.paint = phase_ms (layout_end, scroll->paint_end);
      record.loads = load_count;
      record.load_ms = load_us / 1000.0;
      record.jump = scroll->jumped;
      g_array_append_val (scroll->records, record);
    }

  scroll->last_end = now;
}

/* Collects one field of the records of one kind (steps or jumps). */
static GArray *
collect (GArray  *records,
         gsize    offset,
         gboolean integer,
         int      jumps)
{
  GArray *values = g_array_new (FALSE, FALSE, sizeof (double));

  for (guint i = 0; i < records->len; i++)
    {
      FrameRecord *record = &g_array_index (records, FrameRecord, i);
      const guint8 *field = (const guint8 *) record + offset;
      double value = integer ? *(const guint *) (gconstpointer) field
                             : *(const double *) (gconstpointer) field;

      if (jumps >= 0 && record->jump != jumps)
        continue;

      g_array_append_val (values, value);
    }

  return values;
}

static void
print_field (const char *label,
             GArray     *records,
             gsize       offset,
             gboolean    integer,
             int         jumps,
             double      limit)
{
  g_autoptr(GArray) values = collect (records, offset, integer, jumps);
  BenchStats stats;
  guint over = 0;

  bench_stats_compute (values, &stats);
  for (guint i = 0; i < values->len; i++)
    if (limit > 0 && g_array_index (values, double, i) > limit)
      over++;

  g_print ("%-30s %4u %8.2f %8.2f %8.2f %8.2f %8.2f",
           label, stats.n, stats.median, stats.mean, stats.p95, stats.p99, stats.max);
  if (limit > 0)
    g_print ("  %4u", over);
  g_print ("\n");
}

static void
print_results (Scroll *scroll)
{
  GArray *r = scroll->records;

  bench_print_header ("scrolling the customer list");
  g_print ("%-30s %4s %8s %8s %8s %8s %8s  %s\n",
           "(ms)", "n", "median", "mean", "p95", "p99", "max", "over 16.7");

  print_field ("interval, all frames", r, G_STRUCT_OFFSET (FrameRecord, interval),
               FALSE, -1, BENCH_FRAME_MS);
  print_field ("interval, jump frames", r, G_STRUCT_OFFSET (FrameRecord, interval),
               FALSE, TRUE, BENCH_FRAME_MS);
  print_field ("work, page steps", r, G_STRUCT_OFFSET (FrameRecord, work),
               FALSE, FALSE, BENCH_FRAME_MS);
  print_field ("  update (scroll, bind rows)", r, G_STRUCT_OFFSET (FrameRecord, update),
               FALSE, FALSE, 0);
  print_field ("  layout (measure, allocate)", r, G_STRUCT_OFFSET (FrameRecord, layout),
               FALSE, FALSE, 0);
  print_field ("  paint (snapshot, render)", r, G_STRUCT_OFFSET (FrameRecord, paint),
               FALSE, FALSE, 0);
  print_field ("  in crm_store_load", r, G_STRUCT_OFFSET (FrameRecord, load_ms),
               FALSE, FALSE, 0);
  print_field ("  records loaded (count)", r, G_STRUCT_OFFSET (FrameRecord, loads),
               TRUE, FALSE, 0);
  print_field ("work, jumps", r, G_STRUCT_OFFSET (FrameRecord, work),
               FALSE, TRUE, BENCH_FRAME_MS);
  print_field ("  update (scroll, bind rows)", r, G_STRUCT_OFFSET (FrameRecord, update),
               FALSE, TRUE, 0);
  print_field ("  layout (measure, allocate)", r, G_STRUCT_OFFSET (FrameRecord, layout),
               FALSE, TRUE, 0);
  print_field ("  paint (snapshot, render)", r, G_STRUCT_OFFSET (FrameRecord, paint),
               FALSE, TRUE, 0);
  print_field ("  records loaded (count)", r, G_STRUCT_OFFSET (FrameRecord, loads),
               TRUE, TRUE, 0);

  g_print ("work: before-paint to after-paint of the frame; interval: between\n"
           "after-paints (the frame clock paces at the refresh rate, so ~16.7 is\n"
           "the best). %u page steps hit the end of the list. Peak RSS %.1f MB.\n",
           scroll->clamped, bench_peak_rss_kb () / 1024.0);
}

static GtkWidget *
open_window (CrmStore *store)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), crm_customer_list_page_new (store));
  gtk_window_present (GTK_WINDOW (window));

  return window;
}

static void
connect_frame_clock (Scroll *scroll)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (scroll->window);

  g_signal_connect (clock, "before-paint",
                    G_CALLBACK (on_frame_clock_before_paint_cb), scroll);
  g_signal_connect (clock, "update", G_CALLBACK (on_frame_clock_update_cb), scroll);
  g_signal_connect (clock, "layout", G_CALLBACK (on_frame_clock_layout_cb), scroll);
  g_signal_connect (clock, "paint", G_CALLBACK (on_frame_clock_paint_cb), scroll);
  g_signal_connect (clock, "after-paint",
                    G_CALLBACK (on_frame_clock_after_paint_cb), scroll);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autofree char *path = NULL;
  CrmCustomerListPage *page;
  GtkColumnView *column_view;
  GListModel *model;
  Scroll scroll = { 0 };
  double fill_seconds;
  guint n_items;

  setlocale (LC_ALL, "");
  bench_gtk_init ();

  path = bench_ensure_book (bench_get_n_customers (), &fill_seconds, NULL, &error);
  if (path == NULL || (store = crm_store_open (path, &error)) == NULL)
    {
      g_printerr ("Failed to open the book: %s\n", error->message);
      return EXIT_FAILURE;
    }

  scroll.window = open_window (store);
  page = CRM_CUSTOMER_LIST_PAGE (gtk_window_get_child (GTK_WINDOW (scroll.window)));
  column_view = crm_customer_list_page_get_column_view (page);
  model = G_LIST_MODEL (crm_customer_list_page_get_model (page));
  n_items = g_list_model_get_n_items (model);

  /* Let the window settle: first frame, then a few more. */
  for (guint i = 0; i < 5; i++)
    if (bench_gtk_wait_frame (scroll.window, 5000) < 0)
      {
        g_printerr ("The window showed no frame\n");
        return EXIT_FAILURE;
      }

  scroll.vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (column_view));
  scroll.rand = g_rand_new_with_seed (SEED);
  scroll.records = g_array_new (FALSE, FALSE, sizeof (FrameRecord));

  g_print ("book: %s, %u rows listed\n", path, n_items);
  g_print ("adjustment: upper %.0f px, page %.0f px (~%.1f rows a page); "
           "%d page steps from the top, then %d jumps %d frames apart\n",
           gtk_adjustment_get_upper (scroll.vadjustment),
           gtk_adjustment_get_page_size (scroll.vadjustment),
           n_items * gtk_adjustment_get_page_size (scroll.vadjustment) /
           MAX (gtk_adjustment_get_upper (scroll.vadjustment), 1),
           N_STEPS, N_JUMPS, JUMP_SPACING);

  gtk_widget_add_tick_callback (GTK_WIDGET (column_view), on_tick_cb, &scroll, NULL);
  connect_frame_clock (&scroll);
  bench_gtk_spin_until (&scroll.done, 300 * 1000);
  if (!scroll.done)
    g_printerr ("Scrolling did not finish in time; figures are partial\n");

  print_results (&scroll);

  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (scroll.window),
                                        &scroll);
  gtk_window_destroy (GTK_WINDOW (scroll.window));
  g_array_unref (scroll.records);
  g_rand_free (scroll.rand);
  crm_store_close (store);

  return EXIT_SUCCESS;
}
