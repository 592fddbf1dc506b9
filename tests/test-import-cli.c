/* test-import-cli.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "crm-store.h"
#include "test-util.h"

/* `prospect --import-csv` and `--export-csv --list` as a script runs them:
 * no display, a private home; exit statuses and the exact lines printed. */

static char *test_dir;

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

G_GNUC_NULL_TERMINATED
static void
run_prospect (Run *run,
              ...)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *home = g_build_filename (test_dir, "home", NULL);
  const char *bin = g_getenv ("PROSPECT_BIN");
  const char *arg;
  va_list args;

  g_assert_nonnull (bin);
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

static char *
temp_path (const char *name)
{
  return g_build_filename (test_dir, name, NULL);
}

static char *
write_file (const char *name,
            const char *contents)
{
  char *path = temp_path (name);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

static char *
fresh_db (void)
{
  static guint counter;
  g_autofree char *name = g_strdup_printf ("profile-%u.db", ++counter);

  return temp_path (name);
}

static void
assert_one_line_failure (const Run  *run,
                         const char *expected)
{
  g_assert_cmpint (run->status, ==, 1);
  g_assert_cmpstr (run->out, ==, "");
  g_assert_cmpstr (run->err, ==, expected);
}

static void
test_c1 (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *csv = write_file ("c1-quoted.csv", test_c1_bytes);
  g_autofree char *expected = g_strdup_printf ("Imported %s: 2 created, 0 updated, 0 skipped\n",
                                               csv);
  g_auto(Run) run = { 0 };

  run_prospect (&run, "--database", db, "--import-csv", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "");
}

static void
test_skipped_row (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *csv = write_file ("bad-row.csv",
                                     "name,email\r\n"
                                     "\"Orchard\r\nTools\",sales@orchard.example\r\n"
                                     "Harbor Optics,x@\r\n"
                                     "Maple Foods,info@maple.example\r\n"
                                     "Maple Again,INFO@maple.example\r\n");
  g_autofree char *expected = g_strdup_printf ("Imported %s: 2 created, 0 updated, 2 skipped\n",
                                               csv);
  g_auto(Run) run = { 0 };

  run_prospect (&run, "--database", db, "--import-csv", csv, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, expected);
  g_assert_cmpstr (run.err, ==, "line 4: invalid email “x@”\n"
                   "line 6: the same email as line 5, which comes first\n");
}

static void
test_encodings (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *csv = write_file ("c2-cp1252.csv", test_c2_cp1252);
  g_autofree char *out = temp_path ("c2-export.csv");
  g_autofree char *exported = NULL;
  g_auto(Run) chosen = { 0 };
  g_auto(Run) wrong = { 0 };
  g_auto(Run) export = { 0 };

  run_prospect (&chosen, "--database", db, "--import-csv", csv,
                "--encoding", "WINDOWS-1252", NULL);
  g_assert_cmpint (chosen.status, ==, 0);

  run_prospect (&export, "--database", db, "--export-csv", out, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, ",Café Noir €,Café Noir €,"));
  g_assert_nonnull (strstr (exported, ",Ribeirão Ótica Lda,Ribeirão Ótica Lda,"));

  /* Bytes that are not UTF-8 are refused when UTF-8 is chosen. */
  run_prospect (&wrong, "--database", db, "--import-csv", csv, "--encoding", "UTF-8", NULL);
  g_assert_cmpint (wrong.status, ==, 1);
  g_assert_cmpstr (wrong.out, ==, "");
  g_assert_true (g_str_has_suffix (wrong.err,
                                   "line 2 is not UTF-8 text; choose the file’s encoding\n"));
}

static void
test_bad_options (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *csv = write_file ("c1-options.csv", test_c1_bytes);
  g_autofree char *missing = temp_path ("missing.csv");
  g_autofree char *missing_error = g_strdup_printf ("prospect: cannot read %s: "
                                                    "No such file or directory\n", missing);
  g_auto(Run) mode = { 0 };
  g_auto(Run) lonely = { 0 };
  g_auto(Run) encoding = { 0 };
  g_auto(Run) lonely_encoding = { 0 };
  g_auto(Run) unreadable = { 0 };
  g_auto(Run) unparsed = { 0 };
  g_auto(Run) counted = { 0 };
  g_auto(Run) unwritable = { 0 };
  g_autofree char *unclosed = write_file ("unclosed.csv", "name,notes\r\n"
                                                          "Orchard Tools,fine\r\n"
                                                          "Harbor Optics,\"never\r\nends\r\n");
  g_autofree char *unclosed_error = g_strdup_printf ("prospect: cannot import %s: line 3 opens "
                                                     "a quote that never closes\n", unclosed);
  g_autofree char *out = temp_path ("after-failure.csv");
  g_autofree char *counted_line = g_strdup_printf ("Exported 0 customers to %s\n", out);

  run_prospect (&mode, "--database", db, "--import-csv", csv, "--duplicates", "merge", NULL);
  assert_one_line_failure (&mode, "prospect: --duplicates must be skip, update or create, "
                                  "not “merge”\n");

  run_prospect (&lonely, "--database", db, "--duplicates", "skip", NULL);
  assert_one_line_failure (&lonely, "prospect: --duplicates works only with --import-csv\n");

  run_prospect (&encoding, "--database", db, "--import-csv", csv, "--encoding", "KLINGON",
                NULL);
  assert_one_line_failure (&encoding, "prospect: unknown encoding “KLINGON”\n");

  run_prospect (&lonely_encoding, "--database", db, "--encoding", "UTF-8", NULL);
  assert_one_line_failure (&lonely_encoding,
                           "prospect: --encoding works only with --import-csv\n");

  run_prospect (&unreadable, "--database", db, "--import-csv", missing, NULL);
  assert_one_line_failure (&unreadable, missing_error);

  /* A file that cannot be parsed stores nothing, in one line. */
  run_prospect (&unparsed, "--database", db, "--import-csv", unclosed, NULL);
  assert_one_line_failure (&unparsed, unclosed_error);
  run_prospect (&counted, "--database", db, "--export-csv", out, NULL);
  g_assert_cmpstr (counted.out, ==, counted_line);

  run_prospect (&unwritable, "--database", db, "--export-csv", "/proc/forbidden/x.csv", NULL);
  assert_one_line_failure (&unwritable, "prospect: Cannot write “/proc/forbidden/x.csv”: "
                                        "No such file or directory\n");
}

/* C1 again: the export carries each customer's stable id, so Omar (no
 * email) is found too, and nothing new is created. */
static void
test_export_round_trip (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *csv = write_file ("c1-round.csv", test_c1_bytes);
  g_autofree char *out = temp_path ("round.csv");
  g_autofree char *expected = g_strdup_printf ("Imported %s: 0 created, 2 updated, 0 skipped\n",
                                               out);
  g_auto(Run) first = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) again = { 0 };

  run_prospect (&first, "--database", db, "--import-csv", csv, NULL);
  g_assert_cmpint (first.status, ==, 0);
  run_prospect (&export, "--database", db, "--export-csv", out, NULL);
  g_assert_cmpint (export.status, ==, 0);
  run_prospect (&again, "--database", db, "--import-csv", out, "--duplicates", "update", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_cmpstr (again.out, ==, expected);
}

static gboolean
add_saved_list_job (CrmStoreTxn  *txn,
                    gpointer      user_data,
                    GError      **error)
{
  return crm_store_txn_insert (txn, CRM_ENTITY_SAVED_LIST,
                               g_variant_new_parsed ("{'name': <'Austria'>,"
                                                     " 'expression': <'country is \"AT\"'>}"),
                               error) > 0;
}

static void
test_export_saved_list (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *csv = write_file ("countries.csv",
                                     "name,country\r\n"
                                     "Orchard Tools,Austria\r\n"
                                     "Harbor Optics,US\r\n"
                                     "Maple Foods,AT\r\n");
  g_autofree char *out = temp_path ("dach.csv");
  g_autofree char *exported = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) export = { 0 };
  g_auto(Run) missing = { 0 };

  run_prospect (&import, "--database", db, "--import-csv", csv, NULL);
  g_assert_cmpint (import.status, ==, 0);

  store = crm_store_open (db, &error);
  g_assert_no_error (error);
  crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, add_saved_list_job, NULL, NULL, &error);
  g_assert_no_error (error);
  crm_store_close (store);

  run_prospect (&export, "--database", db, "--export-csv", out, "--list", "austria", NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, ",Maple Foods,"));
  g_assert_nonnull (strstr (exported, ",Orchard Tools,"));
  g_assert_null (strstr (exported, "Harbor"));

  run_prospect (&missing, "--database", db, "--export-csv", out, "--list", "Nowhere", NULL);
  g_assert_cmpint (missing.status, ==, 1);
  g_assert_nonnull (strstr (missing.err, "there is no list named “Nowhere”"));
  g_assert_nonnull (strstr (missing.err, "“Austria”"));
}

typedef struct
{
  const char *name;
  const char *kind;
  const char *expression;
} SavedList;

static gboolean
add_opportunities_job (CrmStoreTxn  *txn,
                       gpointer      user_data,
                       GError      **error)
{
  static const SavedList lists[] = {
    { "Big deals", "opportunities", "amount_minor > 100000" },
    { "Follow-ups", "tasks", "" },
    { "Stale here", "customers", "" },
  };
  gint64 harbor;

  harbor = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                                 g_variant_new_parsed ("{'external_id': <'h-1'>,"
                                                       " 'name': <'Harbor Optics'>}"),
                                 error);
  if (harbor == 0 ||
      crm_store_txn_insert (txn, CRM_ENTITY_OPPORTUNITY,
                            g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Atlas'>,"
                                                  " 'pipeline': <'New Business'>,"
                                                  " 'stage': <'Evaluation'>,"
                                                  " 'amount_minor': <int64 400000>,"
                                                  " 'currency': <'EUR'>}", harbor),
                            error) == 0 ||
      crm_store_txn_insert (txn, CRM_ENTITY_OPPORTUNITY,
                            g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Birch'>,"
                                                  " 'pipeline': <'New Business'>,"
                                                  " 'stage': <'Discovery'>,"
                                                  " 'amount_minor': <int64 5000>,"
                                                  " 'currency': <'EUR'>}", harbor),
                            error) == 0)
    return FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (lists); i++)
    {
      if (crm_store_txn_insert (txn, CRM_ENTITY_SAVED_LIST,
                                g_variant_new_parsed ("{'name': <%s>, 'kind': <%s>,"
                                                      " 'expression': <%s>}",
                                                      lists[i].name, lists[i].kind,
                                                      lists[i].expression),
                                error) == 0)
        return FALSE;
    }

  return TRUE;
}

/* Opportunity lists export too: every opportunity as the sidebar's
 * "Opportunities", or a saved opportunity list by name. A task list is
 * refused in one line. */
static void
test_export_opportunity_lists (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *out = temp_path ("opportunities.csv");
  g_autofree char *all_line = g_strdup_printf ("Exported 2 opportunities to %s\n", out);
  g_autofree char *big_line = g_strdup_printf ("Exported 1 opportunity to %s\n", out);
  g_autofree char *exported = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) all = { 0 };
  g_auto(Run) big = { 0 };
  g_auto(Run) tasks = { 0 };

  store = crm_store_open (db, &error);
  g_assert_no_error (error);
  crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, add_opportunities_job, NULL, NULL,
                      &error);
  g_assert_no_error (error);
  crm_store_close (store);

  run_prospect (&all, "--database", db, "--export-csv", out, "--list", "opportunities", NULL);
  g_assert_cmpint (all.status, ==, 0);
  g_assert_cmpstr (all.out, ==, all_line);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_true (g_str_has_prefix (exported, "id,name,customer,customer_id,pipeline,stage,"
                                             "amount,currency,"));
  g_assert_nonnull (strstr (exported, ",Atlas,Harbor Optics,h-1,New Business,Evaluation,"
                                      "4000.00,EUR,"));
  g_assert_nonnull (strstr (exported, ",Birch,Harbor Optics,h-1,New Business,Discovery,"
                                      "50.00,EUR,"));

  run_prospect (&big, "--database", db, "--export-csv", out, "--list", "BIG DEALS", NULL);
  g_assert_cmpint (big.status, ==, 0);
  g_assert_cmpstr (big.out, ==, big_line);
  g_clear_pointer (&exported, g_free);
  g_assert_true (g_file_get_contents (out, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, ",Atlas,"));
  g_assert_null (strstr (exported, ",Birch,"));

  run_prospect (&tasks, "--database", db, "--export-csv", out, "--list", "Follow-ups", NULL);
  assert_one_line_failure (&tasks, "prospect: the list “Follow-ups” holds tasks; only customer "
                                   "and opportunity lists can be exported\n");
}

static gboolean
add_stale_leads_job (CrmStoreTxn  *txn,
                     gpointer      user_data,
                     GError      **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) ten_days = g_date_time_add_days (now, -10);
  g_autofree char *when = g_date_time_format (ten_days, "%Y-%m-%dT%H:%M:%S.000Z");

  return crm_store_txn_set_setting (txn, "me.email", "sam@prospect.example", error) &&
         crm_store_txn_set_setting (txn, "rules.stale_days", "7", error) &&
         crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                               g_variant_new_parsed ("{'name': <'Quiet Lead'>,"
                                                     " 'status': <'Working Lead'>,"
                                                     " 'owner': <'sam@prospect.example'>,"
                                                     " 'status_changed_at': <%s>}", when),
                               error) > 0;
}

/* "Stale working leads" is the sidebar's list: it counts the profile's
 * stale days (7 here), not the default 30. */
static void
test_export_stale_days (void)
{
  g_autofree char *db = fresh_db ();
  g_autofree char *out = temp_path ("stale.csv");
  g_autofree char *line = g_strdup_printf ("Exported 1 customer to %s\n", out);
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(Run) run = { 0 };

  store = crm_store_open (db, &error);
  g_assert_no_error (error);
  crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, add_stale_leads_job, NULL, NULL, &error);
  g_assert_no_error (error);
  crm_store_close (store);

  run_prospect (&run, "--database", db, "--export-csv", out, "--list", "Stale working leads",
                NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, line);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  test_dir = test_make_temp_dir ("prospect-import-cli-XXXXXX");

  g_test_add_func ("/crm/cli/import/c1", test_c1);
  g_test_add_func ("/crm/cli/import/skipped-row", test_skipped_row);
  g_test_add_func ("/crm/cli/import/encodings", test_encodings);
  g_test_add_func ("/crm/cli/import/bad-options", test_bad_options);
  g_test_add_func ("/crm/cli/import/export-round-trip", test_export_round_trip);
  g_test_add_func ("/crm/cli/export/saved-list", test_export_saved_list);
  g_test_add_func ("/crm/cli/export/opportunity-lists", test_export_opportunity_lists);
  g_test_add_func ("/crm/cli/export/stale-days", test_export_stale_days);

  return g_test_run ();
}
