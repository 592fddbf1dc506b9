/* bench-startup.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-startup"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <glib/gi18n.h>
#include <adwaita.h>

#include "bench-common.h"
#include "bench-gtk.h"
#include "crm-application.h"
#include "crm-window.h"

/* Time to the first frame and peak RSS, each launch in a process of its
 * own: this program spawns itself with --child MODE, the child runs an
 * application and prints one RESULT line at the first "after-paint" of its
 * window's frame clock, then quits.
 *
 *   bare          a GtkApplication window with one label (the floor)
 *   prospect      the real CrmApplication and CrmWindow on the book, as a
 *                 user starts it (it opens on the saved view, by default
 *                 "My new leads")
 *   prospect-all  the same, opening on "All customers" (every row)
 *
 * Times are measured from just before the parent spawns the child (so
 * exec, dynamic linking and constructors count) and from main() entry. */

#define DEFAULT_RUNS 5
#define CHILD_TIMEOUT_S 60

/* CrmWindow's default size (its GSettings defaults), so both paint as much. */
#define BARE_WIDTH 1100
#define BARE_HEIGHT 720

typedef enum
{
  MODE_BARE,
  MODE_PROSPECT,
  MODE_PROSPECT_ALL,
  N_MODES
} Mode;

static const char * const mode_names[N_MODES] = {
  [MODE_BARE] = "bare",
  [MODE_PROSPECT] = "prospect",
  [MODE_PROSPECT_ALL] = "prospect-all",
};

typedef struct
{
  double spawn_ms;
  double main_ms;
  glong  rss_kb;
  guint  rows;
} ChildResult;

typedef struct
{
  GArray   *spawn_ms;
  GArray   *main_ms;
  GArray   *rss_mb;
  guint     rows;
  gboolean  skipped;
} ModeResults;

static char *opt_child;
static int opt_runs = DEFAULT_RUNS;

static const GOptionEntry entries[] = {
  { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &opt_child,
    "Run one launch of MODE and print its RESULT line", "MODE" },
  { "runs", 'n', 0, G_OPTION_ARG_INT, &opt_runs,
    "Launches per mode (default 5)", "N" },
  { NULL }
};

/* ------------------------------------------------------------------ */
/* The child                                                          */
/* ------------------------------------------------------------------ */

static gint64 main_entry_us;
static gboolean frame_seen;

static guint
count_rows (GtkWindow *window)
{
  CrmCustomerListPage *page;
  CrmQueryModel *model;

  if (!CRM_IS_WINDOW (window))
    return 0;

  page = crm_window_get_list_page (CRM_WINDOW (window));
  model = crm_customer_list_page_get_model (page);
  return g_list_model_get_n_items (G_LIST_MODEL (model));
}

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               GtkWindow     *window)
{
  gint64 now = bench_now_us ();
  const char *spawn_text = g_getenv ("BENCH_SPAWN_US");
  gint64 spawn_us = spawn_text != NULL ? g_ascii_strtoll (spawn_text, NULL, 10) : 0;

  if (frame_seen)
    return;
  frame_seen = TRUE;

  g_print ("RESULT spawn_ms=%.2f main_ms=%.2f rss_kb=%ld rows=%u window=%s\n",
           spawn_us > 0 ? (now - spawn_us) / 1000.0 : -1.0,
           (now - main_entry_us) / 1000.0,
           bench_peak_rss_kb (),
           count_rows (window),
           G_OBJECT_TYPE_NAME (window));
  fflush (stdout);

  g_application_quit (g_application_get_default ());
}

static void
on_window_realize_cb (GtkWidget *window,
                      gpointer   user_data)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (on_frame_clock_after_paint_cb), window, 0);
}

static void
on_application_window_added_cb (GtkApplication *application,
                                GtkWindow      *window,
                                gpointer        user_data)
{
  static gboolean first = TRUE;

  /* The first window is the one the user waits for. */
  if (!first)
    return;
  first = FALSE;

  g_signal_connect (window, "realize", G_CALLBACK (on_window_realize_cb), NULL);
}

static void
on_bare_activate_cb (GtkApplication *application,
                     gpointer        user_data)
{
  GtkWidget *window = gtk_application_window_new (application);

  gtk_window_set_title (GTK_WINDOW (window), "Bare");
  gtk_window_set_default_size (GTK_WINDOW (window), BARE_WIDTH, BARE_HEIGHT);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  gtk_window_present (GTK_WINDOW (window));
}

static gboolean
on_child_timeout_cb (gpointer user_data)
{
  g_printerr ("No frame within %d s\n", CHILD_TIMEOUT_S);
  exit (EXIT_FAILURE);
}

/* The settings backend is per process (memory), so this only affects the
 * window this child opens. */
static gboolean
select_all_customers (void)
{
  g_autoptr(GSettingsSchema) schema = NULL;
  g_autoptr(GSettings) settings = NULL;
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_printerr ("prospect-all needs the compiled schema: set "
                  "GSETTINGS_SCHEMA_DIR=<build>/data\n");
      return FALSE;
    }

  settings = g_settings_new_full (schema, NULL, NULL);
  g_settings_set_string (settings, "last-view", "list:all-customers");

  return TRUE;
}

static int
run_child (const char *mode_name,
           const char *argv0,
           const char *database)
{
  g_autoptr(GtkApplication) application = NULL;
  char *app_argv[4] = { (char *) argv0, NULL, NULL, NULL };
  int app_argc = 1;

  bench_gtk_set_default_env ();

  if (g_str_equal (mode_name, mode_names[MODE_BARE]))
    {
      application = gtk_application_new ("org.example.ProspectBench.Bare",
                                         G_APPLICATION_NON_UNIQUE);
      g_signal_connect (application, "activate", G_CALLBACK (on_bare_activate_cb), NULL);
    }
  else if (g_str_equal (mode_name, mode_names[MODE_PROSPECT]) ||
           g_str_equal (mode_name, mode_names[MODE_PROSPECT_ALL]))
    {
      if (database == NULL)
        {
          g_printerr ("--child %s needs the book's path\n", mode_name);
          return EXIT_FAILURE;
        }

      /* As main.c does. */
      bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);

      if (g_str_equal (mode_name, mode_names[MODE_PROSPECT_ALL]) &&
          !select_all_customers ())
        return 77;

      g_setenv ("PROSPECT_NON_UNIQUE", "1", TRUE);
      application = GTK_APPLICATION (crm_application_new ());
      app_argv[app_argc++] = (char *) "--database";
      app_argv[app_argc++] = (char *) database;
    }
  else
    {
      g_printerr ("Unknown mode %s\n", mode_name);
      return EXIT_FAILURE;
    }

  g_signal_connect (application, "window-added",
                    G_CALLBACK (on_application_window_added_cb), NULL);
  g_timeout_add_seconds (CHILD_TIMEOUT_S, on_child_timeout_cb, NULL);

  return g_application_run (G_APPLICATION (application), app_argc, app_argv);
}

/* ------------------------------------------------------------------ */
/* The parent                                                         */
/* ------------------------------------------------------------------ */

static gboolean
parse_result (const char  *output,
              ChildResult *result)
{
  const char *line = strstr (output, "RESULT ");
  char window[128];

  if (line == NULL)
    return FALSE;

  if (sscanf (line, "RESULT spawn_ms=%lf main_ms=%lf rss_kb=%ld rows=%u window=%127s",
              &result->spawn_ms, &result->main_ms, &result->rss_kb,
              &result->rows, window) != 5)
    return FALSE;

  if (strstr (window, "CrmWindow") == NULL &&
      strstr (window, "GtkApplicationWindow") == NULL)
    {
      g_printerr ("The first window was a %s, not the main window\n", window);
      return FALSE;
    }

  return TRUE;
}

/* Returns 1 on success, 0 on failure, 77 when the mode cannot run here. */
static int
run_once (const char  *self_exe,
          Mode         mode,
          const char  *database,
          ChildResult *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) envp = g_get_environ ();
  const char *argv[] = { self_exe, "--child", mode_names[mode], database, NULL };
  char spawn_us[32];
  int status;

  g_snprintf (spawn_us, sizeof spawn_us, "%" G_GINT64_FORMAT, bench_now_us ());
  envp = g_environ_setenv (envp, "BENCH_SPAWN_US", spawn_us, TRUE);

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL,
                     &output, NULL, &status, &error))
    {
      g_printerr ("Failed to run %s: %s\n", mode_names[mode], error->message);
      return 0;
    }

  if (WIFEXITED (status) && WEXITSTATUS (status) == 77)
    return 77;

  if (!parse_result (output, result))
    {
      g_printerr ("The %s launch printed no result (status %d)\n",
                  mode_names[mode], status);
      return 0;
    }

  return 1;
}

static void
print_results (ModeResults *results)
{
  BenchStats spawn[N_MODES], main_stats[N_MODES], rss[N_MODES];

  bench_print_header ("first frame and peak RSS");
  g_print ("%-13s %6s | %21s | %21s | %17s\n",
           "", "rows", "from spawn: med / min", "from main: med / min",
           "RSS MB: med / min");

  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      if (results[mode].skipped || results[mode].spawn_ms->len == 0)
        {
          g_print ("%-13s skipped\n", mode_names[mode]);
          continue;
        }

      bench_stats_compute (results[mode].spawn_ms, &spawn[mode]);
      bench_stats_compute (results[mode].main_ms, &main_stats[mode]);
      bench_stats_compute (results[mode].rss_mb, &rss[mode]);
      g_print ("%-13s %6u | %9.1f / %9.1f | %9.1f / %9.1f | %7.1f / %7.1f\n",
               mode_names[mode], results[mode].rows,
               spawn[mode].median, spawn[mode].min,
               main_stats[mode].median, main_stats[mode].min,
               rss[mode].median, rss[mode].min);
    }

  if (results[MODE_BARE].spawn_ms->len == 0)
    return;

  for (Mode mode = MODE_PROSPECT; mode < N_MODES; mode++)
    {
      if (results[mode].skipped || results[mode].spawn_ms->len == 0)
        continue;

      g_print ("ratio %s/bare: first frame %.2fx (median), %.2fx (min); "
               "RSS %.2fx   [goal: first frame <= 2x]\n",
               mode_names[mode],
               spawn[mode].median / spawn[MODE_BARE].median,
               spawn[mode].min / spawn[MODE_BARE].min,
               rss[mode].median / rss[MODE_BARE].median);
    }
}

static void
record (ModeResults       *results,
        const ChildResult *result)
{
  double rss_mb = result->rss_kb / 1024.0;

  g_array_append_val (results->spawn_ms, result->spawn_ms);
  g_array_append_val (results->main_ms, result->main_ms);
  g_array_append_val (results->rss_mb, rss_mb);
  results->rows = result->rows;
}

static int
run_parent (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = NULL;
  g_autofree char *database = NULL;
  ModeResults results[N_MODES];
  double fill_seconds;
  gboolean failed = FALSE;

  self_exe = g_file_read_link ("/proc/self/exe", &error);
  if (self_exe == NULL)
    {
      g_printerr ("Failed to find this program: %s\n", error->message);
      return EXIT_FAILURE;
    }

  database = bench_ensure_book (bench_get_n_customers (), &fill_seconds, NULL, &error);
  if (database == NULL)
    {
      g_printerr ("Failed to make the book: %s\n", error->message);
      return EXIT_FAILURE;
    }

  g_print ("book: %s (%u customers)\n", database, bench_get_n_customers ());
  g_print ("%d launches per mode after one discarded warm-up launch each, "
           "interleaved; window %dx%d\n", opt_runs, BARE_WIDTH, BARE_HEIGHT);

  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      results[mode].spawn_ms = g_array_new (FALSE, FALSE, sizeof (double));
      results[mode].main_ms = g_array_new (FALSE, FALSE, sizeof (double));
      results[mode].rss_mb = g_array_new (FALSE, FALSE, sizeof (double));
      results[mode].rows = 0;
      results[mode].skipped = FALSE;
    }

  for (int run = -1; run < opt_runs; run++)
    {
      for (Mode mode = 0; mode < N_MODES; mode++)
        {
          ChildResult result = { 0 };
          int outcome;

          if (results[mode].skipped)
            continue;

          outcome = run_once (self_exe, mode, database, &result);
          if (outcome == 77)
            results[mode].skipped = TRUE;
          else if (outcome == 0)
            failed = TRUE;
          else if (run >= 0)
            record (&results[mode], &result);
        }
    }

  print_results (results);

  for (Mode mode = 0; mode < N_MODES; mode++)
    {
      g_array_unref (results[mode].spawn_ms);
      g_array_unref (results[mode].main_ms);
      g_array_unref (results[mode].rss_mb);
    }

  return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  main_entry_us = bench_now_us ();
  setlocale (LC_ALL, "");

  context = g_option_context_new ("- time to first frame, bare window vs Prospect");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  if (opt_child != NULL)
    return run_child (opt_child, argv[0], argc > 1 ? argv[1] : NULL);

  return run_parent ();
}
