/* bench-sync.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-sync"

#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "bench-common.h"
#include "crm-fake-server.h"
#include "crm-store-rules.h"
#include "crm-store.h"
#include "crm-sync-engine.h"

/* Pulls 100,000 customers, 100,000 tasks and 50,000 opportunities (the
 * customers' count from PROSPECT_BENCH_CUSTOMERS, the others in that
 * ratio) from the fake ChartMogul server on loopback into a fresh profile,
 * through the real engine with the business rules installed, then pulls
 * again (nothing changed: every record compared by its hash).
 *
 * The server runs in a child process (this program with --serve), so the
 * peak RSS printed is the client's alone. It writes every record's JSON
 * before the pull and during it only sends pages, so that little of a
 * real server's work runs on the client's processors. A 10 ms timeout on
 * the main context records the longest gap between its ticks: the longest
 * stall a window would see during the pull. The processor time of each
 * thread, and how the writer spent the pull (running, waiting for a
 * processor, waiting for pages), say which end limits it. Goals: 30,000
 * records a second, no stall over 50 ms. */

#define API_KEY "bench-key"
#define TICK_MS 10

typedef struct
{
  guint n_customers;
} Book;

static void
write_customer (guint    i,
                GString *json,
                gpointer user_data)
{
  static const char * const statuses[] = { "New Lead", "Working Lead", "Active", "Lead" };
  static const char * const countries[] = { "AT", "DE", "NL", "US", "FR" };

  g_string_append_printf (json,
    "{\"id\":%u,\"uuid\":\"cus_00000000-0000-4000-8000-%012u\",\"external_id\":\"acct-%u\","
    "\"external_ids\":[\"acct-%u\"],"
    "\"data_source_uuid\":\"ds_00000000-0000-4000-8000-0000000000aa\","
    "\"data_source_uuids\":[\"ds_00000000-0000-4000-8000-0000000000aa\"],"
    "\"name\":\"Customer %u\",\"email\":\"billing%u@customer%u.example.com\","
    "\"company\":\"Customer %u Ltd\",\"status\":\"%s\",\"customer-since\":null,"
    "\"lead_created_at\":\"2025-01-15T08:30:00.000Z\",\"free_trial_started_at\":null,"
    "\"country\":\"%s\",\"state\":null,\"city\":\"Graz\",\"zip\":null,"
    "\"address\":{\"country\":\"Austria\",\"state\":null,\"city\":\"Graz\",\"address_zip\":null},"
    "\"attributes\":{\"custom\":{\"seats\":%u},\"clearbit\":{},\"stripe\":{},\"tags\":[%s]},"
    "\"mrr\":0,\"arr\":0,\"currency\":\"EUR\",\"currency-sign\":\"\u20ac\","
    "\"billing-system-type\":\"Import API\",\"billing-system-url\":null,"
    "\"chartmogul-url\":\"https://app.chartmogul.example/#/customers/%u\","
    "\"owner\":\"rep@example.com\",\"website_url\":\"https://customer%u.example.com\"}",
    1000 + i, i, i, i, i, i, i % 977, i, statuses[i % G_N_ELEMENTS (statuses)],
    countries[i % G_N_ELEMENTS (countries)], i % 50, i % 3 == 0 ? "\"pilot\"" : "", i, i);
}

static void
write_task (guint    i,
            GString *json,
            gpointer user_data)
{
  Book *book = user_data;

  g_string_append_printf (json,
    "{\"task_uuid\":\"00000000-0000-4000-9000-%012u\","
    "\"customer_uuid\":\"cus_00000000-0000-4000-8000-%012u\","
    "\"task_details\":\"Follow up on proposal %u\",\"assignee\":\"rep@example.com\","
    "\"due_date\":\"2025-%02u-%02uT00:00:00.000Z\",\"completed_at\":%s,"
    "\"created_at\":\"2025-01-02T09:25:00.000Z\",\"updated_at\":\"2025-01-02T09:25:00.000Z\"}",
    i, i % book->n_customers, i, 1 + i % 12, 1 + i % 28,
    i % 4 == 0 ? "\"2025-03-01T10:00:00.000Z\"" : "null");
}

static void
write_opportunity (guint    i,
                   GString *json,
                   gpointer user_data)
{
  static const char * const stages[] = { "Discovery", "Evaluation", "Negotiation" };
  Book *book = user_data;

  g_string_append_printf (json,
    "{\"uuid\":\"00000000-0000-4000-a000-%012u\","
    "\"customer_uuid\":\"cus_00000000-0000-4000-8000-%012u\",\"owner\":\"rep@example.com\","
    "\"pipeline\":\"New Business\",\"pipeline_stage\":\"%s\","
    "\"estimated_close_date\":\"2025-09-30\",\"currency\":\"EUR\",\"amount_in_cents\":%u,"
    "\"type\":\"recurring\",\"forecast_category\":\"pipeline\",\"win_likelihood\":30,"
    "\"custom\":{},\"created_at\":\"2025-01-02T09:20:00.000Z\","
    "\"updated_at\":\"2025-01-10T14:02:11.456Z\"}",
    i, (i * 2) % book->n_customers, stages[i % G_N_ELEMENTS (stages)], 100000 + i);
}

/* The records of a list as JSON, written before the pull: formatting
 * them while the client pulls would take the client's processors. */
static GPtrArray *
render_list (guint                 n_records,
             CrmFakeTextGenerator  writer,
             Book                 *book)
{
  GPtrArray *texts = g_ptr_array_new_full (n_records, g_free);
  g_autoptr(GString) json = g_string_sized_new (1024);

  for (guint i = 0; i < n_records; i++)
    {
      g_string_truncate (json, 0);
      writer (i, json, book);
      g_ptr_array_add (texts, g_strndup (json->str, json->len));
    }

  return texts;
}

static void
append_rendered (guint    i,
                 GString *json,
                 gpointer user_data)
{
  GPtrArray *texts = user_data;

  g_string_append (json, g_ptr_array_index (texts, i));
}

/* The child: serves the book until it is killed. */
static int
serve (guint n_customers)
{
  static Book book;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  CrmFakeServer *server = crm_fake_server_new (API_KEY);
  struct
  {
    const char           *path;
    guint                 n_records;
    CrmFakeTextGenerator  writer;
  } lists[] = {
    { "customers", n_customers, write_customer },
    { "tasks", n_customers, write_task },
    { "opportunities", n_customers / 2, write_opportunity },
  };

  book.n_customers = n_customers;
  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      /* Kept until the child is killed. */
      GPtrArray *texts = render_list (lists[i].n_records, lists[i].writer, &book);

      crm_fake_server_generate_text (server, lists[i].path, lists[i].n_records,
                                     append_rendered, texts);
    }

  g_print ("%s\n", crm_fake_server_get_url (server));
  fflush (stdout);
  g_main_loop_run (loop);

  return 0;
}

typedef struct
{
  GMainLoop      *loop;
  gint64          last_tick;
  double          max_gap_ms;
  CrmSyncSummary *summary;
  GError         *error;
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
on_pulled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;

  run->summary = crm_sync_engine_sync_finish (CRM_SYNC_ENGINE (source), result, &run->error);
  g_main_loop_quit (run->loop);
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

/* The bytes this process has had written to storage so far, or 0 where
 * /proc does not say: the database's pages, its WAL and their copies. */
static guint64
bytes_written (void)
{
  g_autofree char *io = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/io", &io, NULL, NULL) ||
      (line = strstr (io, "\nwrite_bytes: ")) == NULL)
    return 0;

  return g_ascii_strtoull (line + strlen ("\nwrite_bytes: "), NULL, 10);
}

/* The processor time of each thread so far: the main thread, the parsing
 * workers ("pool-…") and the others by name (the store's "crm-writer"
 * and "crm-checkpoint"): which stage limits the pull. */
static GHashTable *
thread_seconds (void)
{
  GHashTable *seconds = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  double tick = sysconf (_SC_CLK_TCK);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_strdup_printf ("/proc/self/task/%s/stat", tid);
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;
      const char *open, *close;
      double *total;
      char *name;

      if (!g_file_get_contents (path, &stat, NULL, NULL) ||
          (open = strchr (stat, '(')) == NULL || (close = strrchr (stat, ')')) == NULL)
        continue;

      /* After the name: state, then utime and stime are the 12th and 13th. */
      fields = g_strsplit (close + 2, " ", 14);
      if (g_strv_length (fields) < 14)
        continue;
      name = g_strndup (open + 1, close - open - 1);
      if (g_ascii_strtoll (tid, NULL, 10) == getpid ())
        {
          g_free (name);
          name = g_strdup ("main");
        }
      else if (g_str_has_prefix (name, "pool"))
        {
          g_free (name);
          name = g_strdup ("pool (parsing)");
        }
      total = g_hash_table_lookup (seconds, name);
      if (total == NULL)
        {
          total = g_new0 (double, 1);
          g_hash_table_insert (seconds, g_strdup (name), total);
        }
      *total += (g_ascii_strtod (fields[11], NULL) + g_ascii_strtod (fields[12], NULL)) / tick;
      g_free (name);
    }

  return seconds;
}

static void
print_thread_seconds (GHashTable *before)
{
  g_autoptr(GHashTable) after = thread_seconds ();
  GHashTableIter iter;
  gpointer key, value;

  g_print ("  processor by thread:");
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      double *start = g_hash_table_lookup (before, key);
      double spent = *(double *) value - (start != NULL ? *start : 0);

      if (spent >= 0.05)
        g_print (" %s %.2f s;", (const char *) key, spent);
    }
  g_print ("\n");
}

/* The store's writer thread's time so far, from the scheduler: how long
 * it ran and how long it was ready to run but waited for a processor. The
 * rest of a pull's time it waited for pages (or for the disk): when that
 * rest is small, the writer limits the pull; when it is large, reading
 * does. FALSE where /proc does not say. */
static gboolean
writer_schedule (double *ran,
                 double *waited)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/task", 0, NULL);
  const char *tid;

  while (dir != NULL && (tid = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *comm_path = g_strdup_printf ("/proc/self/task/%s/comm", tid);
      g_autofree char *stat_path = g_strdup_printf ("/proc/self/task/%s/schedstat", tid);
      g_autofree char *comm = NULL;
      g_autofree char *stat = NULL;
      g_auto(GStrv) fields = NULL;

      if (!g_file_get_contents (comm_path, &comm, NULL, NULL) ||
          !g_str_has_prefix (comm, "crm-writer") ||
          !g_file_get_contents (stat_path, &stat, NULL, NULL))
        continue;

      fields = g_strsplit (stat, " ", 3);
      if (g_strv_length (fields) < 2)
        return FALSE;
      *ran = g_ascii_strtoull (fields[0], NULL, 10) / 1e9;
      *waited = g_ascii_strtoull (fields[1], NULL, 10) / 1e9;
      return TRUE;
    }

  return FALSE;
}

static gboolean
pull (CrmSyncEngine *engine,
      const char    *label)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Run run = { loop, 0, 0, NULL, NULL };
  g_autoptr(GHashTable) threads_start = thread_seconds ();
  double ran_start, waited_start, ran_end, waited_end;
  gboolean has_schedule = writer_schedule (&ran_start, &waited_start);
  double cpu_start = cpu_seconds ();
  guint64 written_start = bytes_written ();
  gint64 start = bench_now_us ();
  double seconds;
  guint tick_id;

  run.last_tick = start;
  tick_id = g_timeout_add (TICK_MS, on_tick_cb, &run);
  crm_sync_engine_pull_async (engine, NULL, on_pulled_cb, &run);
  g_main_loop_run (loop);
  on_tick_cb (&run);
  g_source_remove (tick_id);

  if (run.summary == NULL)
    {
      g_printerr ("Failed to pull: %s\n", run.error->message);
      g_error_free (run.error);
      return FALSE;
    }

  seconds = (bench_now_us () - start) / 1e6;
  g_print ("%s: %u records in %.2f s (%.0f records/s); %u created, %u updated; "
           "longest main-loop stall %.1f ms; processor %.2f s; peak RSS %.0f MB; "
           "written %.0f MB\n",
           label, run.summary->pulled, seconds, run.summary->pulled / seconds,
           run.summary->created, run.summary->updated, run.max_gap_ms,
           cpu_seconds () - cpu_start, bench_peak_rss_kb () / 1024.0,
           (bytes_written () - written_start) / 1048576.0);
  print_thread_seconds (threads_start);
  if (has_schedule && writer_schedule (&ran_end, &waited_end))
    g_print ("  writer: ran %.2f s, waited for a processor %.2f s, for pages or the disk "
             "%.2f s\n", ran_end - ran_start, waited_end - waited_start,
             MAX (0, seconds - (ran_end - ran_start) - (waited_end - waited_start)));

  crm_sync_summary_free (run.summary);
  return TRUE;
}

static GSubprocess *
start_server (const char  *self_path,
              guint        n_customers,
              char       **url)
{
  g_autofree char *count = g_strdup_printf ("%u", n_customers);
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(GError) error = NULL;
  GSubprocess *server;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, self_path, "--serve",
                             count, NULL);
  if (server == NULL)
    {
      g_printerr ("Failed to start the server: %s\n", error->message);
      return NULL;
    }

  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  *url = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  if (*url == NULL)
    {
      g_printerr ("Failed to read the server's address: %s\n",
                  error != NULL ? error->message : "no line");
      g_subprocess_force_exit (server);
      g_object_unref (server);
      return NULL;
    }

  return server;
}

static void
remove_profile (const char *dir)
{
  const char *names[] = { "prospect.db", "prospect.db-wal", "prospect.db-shm" };

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
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmApiClient) client = NULL;
  g_autoptr(CrmSyncEngine) engine = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  guint n_customers;
  gboolean ok;

  setlocale (LC_ALL, "");

  if (argc == 3 && g_str_equal (argv[1], "--serve"))
    return serve ((guint) g_ascii_strtoull (argv[2], NULL, 10));

  n_customers = bench_get_n_customers ();
  bench_print_header ("Sync: a pull from the fake server on loopback");
  g_print ("%u customers, %u tasks, %u opportunities\n", n_customers, n_customers,
           n_customers / 2);

  /* PROSPECT_BENCH_SYNC_URL: a server started by hand (`bench-sync
   * --serve N`), to profile the client alone. */
  url = g_strdup (g_getenv ("PROSPECT_BENCH_SYNC_URL"));
  if (url == NULL && (server = start_server (argv[0], n_customers, &url)) == NULL)
    return EXIT_FAILURE;

  dir = g_dir_make_tmp ("prospect-bench-sync-XXXXXX", &error);
  path = g_build_filename (dir, "prospect.db", NULL);
  store = crm_store_open (path, &error);
  if (store == NULL)
    {
      g_printerr ("Failed to open %s: %s\n", path, error->message);
      return EXIT_FAILURE;
    }
  crm_store_rules_install (store);
  client = crm_api_client_new (url, API_KEY, &error);
  engine = crm_sync_engine_new (store, client);

  ok = pull (engine, "first pull (all new)") && pull (engine, "second pull (unchanged)");

  g_clear_object (&engine);
  g_clear_object (&client);
  crm_store_close (store);
  if (server != NULL)
    {
      g_subprocess_force_exit (server);
      g_subprocess_wait (server, NULL, NULL);
    }
  remove_profile (dir);

  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
