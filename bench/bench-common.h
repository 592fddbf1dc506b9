/* bench-common.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The book every benchmark runs on; PROSPECT_BENCH_CUSTOMERS overrides it
 * (a small book makes a quick smoke run). */
#define BENCH_DEFAULT_CUSTOMERS 100000

/* One frame at 60 Hz, in milliseconds. */
#define BENCH_FRAME_MS 16.7

typedef struct
{
  guint   n;
  double  min;
  double  median;
  double  mean;
  double  p95;
  double  p99;
  double  max;
} BenchStats;

guint    bench_get_n_customers  (void);
char    *bench_dup_cache_dir    (void);
char    *bench_ensure_book      (guint        n_customers,
                                 double      *fill_seconds,
                                 gboolean    *was_cached,
                                 GError     **error);

gint64   bench_now_us           (void);
double   bench_ms_since         (gint64       start_us);
glong    bench_peak_rss_kb      (void);

void     bench_stats_compute    (GArray      *samples_ms,
                                 BenchStats  *stats);
void     bench_print_header     (const char  *title);
void     bench_print_stats_head (void);
void     bench_print_stats_row  (const char  *label,
                                 GArray      *samples_ms);

G_END_DECLS
