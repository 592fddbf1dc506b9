/* test-cli.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <csv.h>
#include <gio/gio.h>

#include "crm-builtin-lists.h"
#include "crm-store.h"
#include "test-util.h"

/* Runs the built `prospect` the way a script would: no display, a private
 * home, and checks exit statuses and the exact lines it prints. */

static char *test_dir;
static char *demo_db;      /* a profile filled once, for the tests that read */

typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static GSubprocessLauncher *
new_launcher (void)
{
  GSubprocessLauncher *launcher;
  g_autofree char *home = g_build_filename (test_dir, "home", NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_unsetenv (launcher, "DISPLAY");
  g_subprocess_launcher_unsetenv (launcher, "WAYLAND_DISPLAY");
  g_subprocess_launcher_setenv (launcher, "HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_DATA_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "XDG_CONFIG_HOME", home, TRUE);
  g_subprocess_launcher_setenv (launcher, "GSETTINGS_BACKEND", "memory", TRUE);
  g_subprocess_launcher_setenv (launcher, "PROSPECT_NON_UNIQUE", "1", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);

  return launcher;
}

G_GNUC_NULL_TERMINATED
static void
run_prospect (Run *run,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = new_launcher ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *bin = g_getenv ("PROSPECT_BIN");
  const char *arg;
  va_list args;

  g_assert_nonnull (bin);
  g_ptr_array_add (argv, (char *) bin);
  va_start (args, run);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata,
                                          &error);
  g_assert_no_error (error);

  g_subprocess_communicate_utf8 (process, NULL, NULL, &run->out, &run->err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run->status = g_subprocess_get_exit_status (process);

  g_test_message ("exit %d; stdout: %s; stderr: %s", run->status, run->out, run->err);
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    if (*p == '\n')
      n++;

  return n;
}

/* A failure is exit status 1 and exactly one line on stderr that says
 * who speaks; stdout stays empty. */
static void
assert_one_line_failure (const Run  *run,
                         const char *must_contain)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_true (g_str_has_prefix (run->err, "prospect: "));
  g_assert_true (g_str_has_suffix (run->err, "\n"));
  g_assert_cmpuint (count_lines (run->err), ==, 1);
  if (must_contain != NULL)
    g_assert_nonnull (strstr (run->err, must_contain));
}

static char *
temp_path (const char *name)
{
  return g_build_filename (test_dir, name, NULL);
}

static guint
count_customers (const char *path,
                 const char *list)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = crm_store_open (path, &error);
  g_autoptr(CrmFilter) filter = NULL;
  guint n;

  g_assert_no_error (error);
  if (list != NULL)
    filter = crm_builtin_list_filter (list);

  n = crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
  crm_store_close (store);

  return n;
}

static void
on_record_end_cb (int   terminator,
                  void *user_data)
{
  guint *n_records = user_data;

  (*n_records)++;
}

/* Records, not lines: a quoted field may hold a line break. */
static guint
count_csv_records (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  struct csv_parser parser;
  gsize length;
  guint n_records = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (contents, length, NULL));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));

  g_assert_cmpint (csv_init (&parser, CSV_STRICT | CSV_STRICT_FINI), ==, 0);
  g_assert_cmpuint (csv_parse (&parser, contents, length, NULL, on_record_end_cb, &n_records),
                    ==, length);
  g_assert_cmpint (csv_fini (&parser, NULL, on_record_end_cb, &n_records), ==, 0);
  csv_free (&parser);

  return n_records;
}

/* The demo profile the exporting tests read, made on first use so that
 * each test can also run alone. */
static const char *
ensure_demo_db (void)
{
  if (!g_file_test (demo_db, G_FILE_TEST_EXISTS))
    {
      g_auto(Run) run = { 0 };

      run_prospect (&run, "--database", demo_db, "--demo", NULL);
      g_assert_cmpint (run.status, ==, 0);
    }

  return demo_db;
}

static void
test_cli_demo (void)
{
  g_autofree char *path = temp_path ("fresh.db");
  g_autofree char *expected = NULL;
  g_auto(Run) first = { 0 };
  g_auto(Run) second = { 0 };

  run_prospect (&first, "--database", path, "--demo", NULL);
  g_assert_cmpint (first.status, ==, 0);
  expected = g_strdup_printf ("Filled %s with a demo book of 500 customers\n", path);
  g_assert_cmpstr (first.out, ==, expected);
  g_assert_cmpstr (first.err, ==, "");
  g_assert_cmpuint (count_customers (path, NULL), >=, 500);

  run_prospect (&second, "--database", path, "--demo", NULL);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("prospect: %s already holds data; "
                              "--demo fills only an empty profile\n", path);
  g_assert_cmpint (second.status, ==, 1);
  g_assert_cmpstr (second.err, ==, expected);
  g_assert_cmpstr (second.out, ==, "");
  g_assert_cmpuint (count_customers (path, NULL), ==, 500);
}

static void
test_cli_demo_size (void)
{
  g_autofree char *path = temp_path ("small.db");
  g_autofree char *expected = NULL;
  g_auto(Run) run = { 0 };

  run_prospect (&run, "--database", path, "--demo", "--demo-size", "25", NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Filled %s with a demo book of 25 customers\n", path);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_customers (path, NULL), ==, 25);
}

static void
test_cli_export (void)
{
  g_autofree char *csv = temp_path ("all.csv");
  g_autofree char *expected = NULL;
  const char *db = ensure_demo_db ();
  g_auto(Run) run = { 0 };
  guint n = count_customers (db, NULL);

  run_prospect (&run, "--database", db, "--export-csv", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Exported %u customers to %s\n", n, csv);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_csv_records (csv), ==, n + 1);
}

static void
test_cli_export_list (void)
{
  g_autofree char *csv = temp_path ("new.csv");
  g_autofree char *expected = NULL;
  const char *db = ensure_demo_db ();
  g_auto(Run) run = { 0 };
  guint n = count_customers (db, "my-new-leads");

  g_assert_cmpuint (n, >, 0);
  g_assert_cmpuint (n, <, count_customers (db, NULL));

  run_prospect (&run, "--database", db, "--export-csv", csv,
                "--list", "My new leads", NULL);
  g_assert_cmpint (run.status, ==, 0);
  expected = g_strdup_printf ("Exported %u customers to %s\n", n, csv);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
  g_assert_cmpuint (count_csv_records (csv), ==, n + 1);
}

static void
test_cli_unwritable (void)
{
  g_auto(Run) demo = { 0 };
  g_auto(Run) export = { 0 };

  run_prospect (&demo, "--database", "/proc/forbidden/x.db", "--demo", NULL);
  assert_one_line_failure (&demo, "/proc/forbidden");

  run_prospect (&export, "--database", ensure_demo_db (),
                "--export-csv", "/proc/forbidden/x.csv", NULL);
  assert_one_line_failure (&export, "/proc/forbidden/x.csv");
}

static void
test_cli_corrupt (void)
{
  g_autofree char *path = temp_path ("corrupt.db");
  g_autofree char *csv = temp_path ("corrupt.csv");
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  g_auto(Run) demo = { 0 };
  g_auto(Run) export = { 0 };
  guint8 bytes[8192];

  for (guint i = 0; i < sizeof bytes; i++)
    bytes[i] = g_rand_int_range (rand, 0, 256);
  g_file_set_contents (path, (const char *) bytes, sizeof bytes, &error);
  g_assert_no_error (error);

  run_prospect (&demo, "--database", path, "--demo", NULL);
  assert_one_line_failure (&demo, path);

  run_prospect (&export, "--database", path, "--export-csv", csv, NULL);
  assert_one_line_failure (&export, path);
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
}

static void
test_cli_bad_options (void)
{
  g_autofree char *path = temp_path ("untouched.db");
  g_autofree char *csv = temp_path ("untouched.csv");
  g_auto(Run) zero = { 0 };
  g_auto(Run) negative = { 0 };
  g_auto(Run) size_alone = { 0 };
  g_auto(Run) list = { 0 };
  g_auto(Run) list_alone = { 0 };

  run_prospect (&zero, "--database", path, "--demo", "--demo-size", "0", NULL);
  assert_one_line_failure (&zero, "demo size");

  run_prospect (&negative, "--database", path, "--demo", "--demo-size", "-3", NULL);
  assert_one_line_failure (&negative, "demo size");

  run_prospect (&size_alone, "--database", path, "--demo-size", "10", NULL);
  assert_one_line_failure (&size_alone, "--demo-size");

  run_prospect (&list, "--database", path, "--export-csv", csv, "--list", "Nope", NULL);
  assert_one_line_failure (&list, "“Nope”");
  g_assert_nonnull (strstr (list.err, "My new leads"));
  g_assert_nonnull (strstr (list.err, "My working leads"));
  g_assert_nonnull (strstr (list.err, "All customers"));

  run_prospect (&list_alone, "--database", path, "--list", "My new leads", NULL);
  assert_one_line_failure (&list_alone, "--list");

  /* Refused before the profile was touched. */
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (csv, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  if (g_getenv ("PROSPECT_BIN") == NULL)
    {
      g_printerr ("PROSPECT_BIN is not set: skipping\n");
      return 77;
    }

  test_dir = test_make_temp_dir ("prospect-cli-XXXXXX");
  demo_db = g_build_filename (test_dir, "demo.db", NULL);

  g_test_add_func ("/crm/cli/demo", test_cli_demo);
  g_test_add_func ("/crm/cli/demo-size", test_cli_demo_size);
  g_test_add_func ("/crm/cli/export", test_cli_export);
  g_test_add_func ("/crm/cli/export-list", test_cli_export_list);
  g_test_add_func ("/crm/cli/unwritable", test_cli_unwritable);
  g_test_add_func ("/crm/cli/corrupt", test_cli_corrupt);
  g_test_add_func ("/crm/cli/bad-options", test_cli_bad_options);

  status = g_test_run ();

  g_clear_pointer (&demo_db, g_free);
  g_clear_pointer (&test_dir, g_free);

  return status;
}
