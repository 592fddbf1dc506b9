/* test-import-run.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>

#include "crm-contact.h"
#include "crm-csv-export.h"
#include "crm-csv-import.h"
#include "crm-csv-import-row.h"
#include "crm-customer.h"
#include "crm-date.h"
#include "crm-filter.h"
#include "crm-store-rules.h"
#include "test-util.h"

/* Running a CSV import: the store's rules on new leads and in the
 * preview, a store failure midway, Cancel, the preview, files that cannot
 * be read, the formula guard, the export round trip, and random or cut
 * bytes. Reading files and mapping them are tested in test-import.c. All
 * data is invented. */

static char *
generate_rows (guint n_rows)
{
  GString *text = g_string_new ("first_name,last_name,email,company,country,tags,seats\r\n");

  for (guint i = 0; i < n_rows; i++)
    g_string_append_printf (text, "Ada%u,Lindqvist,ada%u@lumen.example,Lumen %u,SE,"
                            "\"smb,pilot\",%u\r\n", i, i, i % 500, i % 300);

  return g_string_free (text, FALSE);
}

typedef struct
{
  GCancellable     *cancellable;
  guint             cancelled_at;
  guint             n_notified;
  CrmImportSummary *summary;
  GError           *error;
  gboolean          done;
} RunState;

static void
on_rows_done_cb (CrmCsvImport *import,
                 GParamSpec   *pspec,
                 RunState     *state)
{
  guint done = crm_csv_import_get_rows_done (import);

  state->n_notified++;
  if (state->cancellable != NULL && done > 0 && state->cancelled_at == 0)
    {
      state->cancelled_at = done;
      g_cancellable_cancel (state->cancellable);
    }
}

static void
on_run_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  RunState *state = user_data;

  state->summary = crm_csv_import_run_finish (CRM_CSV_IMPORT (source), result, &state->error);
  state->done = TRUE;
}

static void
run_async (CrmCsvImport *import,
           RunState     *state)
{
  g_signal_connect (import, "notify::rows-done", G_CALLBACK (on_rows_done_cb), state);
  crm_csv_import_run_async (import, state->cancellable, on_run_done_cb, state);
  while (!state->done)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handlers_disconnect_by_data (import, state);
}

static gint64
add_routing_rule (CrmStore   *store,
                  const char *name,
                  const char *expression,
                  const char *owner)
{
  return test_insert (store, CRM_ENTITY_ROUTING_RULE,
                      g_variant_new_parsed ("{'name': <%s>, 'position': <int64 0>,"
                                            " 'expression': <%s>, 'owner': <%s>,"
                                            " 'enabled': <true>}", name, expression, owner));
}

static const char *
owner_of (GPtrArray  *customers,
          const char *name)
{
  for (guint i = 0; i < customers->len; i++)
    {
      CrmCustomer *customer = g_ptr_array_index (customers, i);

      if (g_str_equal (crm_customer_get_name (customer), name))
        return crm_customer_get_owner (customer);
    }

  g_assert_not_reached ();
}

/* New leads pass through the store's rules: a lead without an owner is
 * routed by territory; an owner the file gives is kept. */
static void
test_routing (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(CrmFilter) routed = crm_filter_new ();

  crm_store_rules_install (store);
  add_routing_rule (store, "DACH", "country is one of (\"AT\", \"DE\", \"CH\")",
                    "dieter@example.com");

  summary = test_import_text (store, "name,country,owner\r\n"
                         "Orchard Tools,Austria,\r\n"
                         "Maple Foods,DE,kim@example.com\r\n"
                         "Harbor Optics,US,\r\n", CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (summary, 3, 0, 0);

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpstr (owner_of (customers, "Orchard Tools"), ==, "dieter@example.com");
  g_assert_cmpstr (owner_of (customers, "Maple Foods"), ==, "kim@example.com");
  g_assert_null (owner_of (customers, "Harbor Optics"));

  crm_filter_add (routed, "kind", CRM_FILTER_OP_IS, g_variant_new_string ("owner"));
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_ACTIVITY, routed), ==, 1);
}

static void
test_cancel_midway (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(CrmImportSummary) before = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = generate_rows (60000);
  g_autoptr(GBytes) bytes = g_bytes_new_static (text, strlen (text));
  RunState state = { cancellable, 0, 0, NULL, NULL, FALSE };
  guint customers, contacts;

  before = test_import_text (store, test_c1_bytes, CRM_IMPORT_DUPLICATES_SKIP);
  customers = crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL);
  contacts = crm_store_count (store, CRM_ENTITY_CONTACT, NULL);

  g_assert_true (crm_csv_import_load_bytes (import, bytes, NULL, 0, &error));
  run_async (import, &state);

  g_assert_error (state.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (state.summary);
  g_assert_cmpuint (state.cancelled_at, >, 0);
  g_assert_cmpuint (state.cancelled_at, <, 60000);
  g_test_message ("Cancelled after %u of 60000 rows", state.cancelled_at);

  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, customers);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CONTACT, NULL), ==, contacts);
  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_no_error (error);
  g_clear_error (&state.error);

  /* The profile is usable afterwards, and a full run reports progress. */
  state = (RunState) { NULL, 0, 0, NULL, NULL, FALSE };
  run_async (import, &state);
  g_assert_no_error (state.error);
  test_assert_counts (state.summary, 60000, 0, 0);
  g_assert_cmpuint (state.n_notified, >=, 1);
  g_assert_cmpuint (crm_csv_import_get_rows_done (import), ==, 60000);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, customers + 60000);
  crm_import_summary_unref (state.summary);
}

static void
on_result_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
test_preview (void)
{
  g_autoptr(CrmStore) store = test_open_store_with_existing ();
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GBytes) bytes = test_bytes_of (test_duplicates_csv);
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;

  g_assert_true (crm_csv_import_load_bytes (import, bytes, NULL, 0, &error));
  crm_csv_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_UPDATE);
  crm_csv_import_preview_async (import, 3, NULL, on_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  summary = crm_csv_import_preview_finish (import, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_summary_get_n_outcomes (summary), ==, 3);
  g_assert_cmpint (crm_import_summary_find_outcome (summary, 2)->action, ==,
                   CRM_IMPORT_ACTION_UPDATED);
  g_assert_cmpint (crm_import_summary_find_outcome (summary, 4)->action, ==,
                   CRM_IMPORT_ACTION_CREATED);

  /* Nothing was kept. */
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 1);
}

static void
test_unreadable (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) unclosed = test_bytes_of ("name,notes\r\nOrchard,\"never\r\nends\r\n");
  g_autoptr(GBytes) cp1252 = test_bytes_of (test_c2_cp1252);
  g_autoptr(GBytes) empty = test_bytes_of ("\r\n\r\n");
  g_autoptr(GBytes) binary = g_bytes_new_static ("name\r\nab\0cd\r\n", 12);

  g_assert_false (crm_csv_import_load_file (import, "/nonexistent/leads.csv", NULL, 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_READ);
  g_clear_error (&error);

  g_assert_false (crm_csv_import_load_file (import, g_get_tmp_dir (), NULL, 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_READ);
  g_clear_error (&error);

  g_assert_false (crm_csv_import_load_bytes (import, unclosed, NULL, 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "line 2 opens a quote that never closes");
  g_clear_error (&error);

  g_assert_false (crm_csv_import_load_bytes (import, cp1252, "UTF-8", 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_ENCODING);
  g_assert_cmpstr (error->message, ==, "line 2 is not UTF-8 text; choose the file’s encoding");
  g_clear_error (&error);

  g_assert_false (crm_csv_import_load_bytes (import, empty, NULL, 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_false (crm_csv_import_load_bytes (import, binary, NULL, 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_ENCODING);
  g_clear_error (&error);

  g_assert_false (crm_csv_import_load_bytes (import, cp1252, "NO-SUCH-CHARSET", 0, &error));
  g_assert_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_OPTION);
  g_clear_error (&error);

  g_assert_null (crm_csv_import_get_document (import));
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);
}

static void
test_formula_guard (void)
{
  g_autoptr(GBytes) bytes = test_bytes_of ("value\r\n'=1+2\r\n''=2\r\n'hello\r\n'-5\r\n"
                                      "'\r\n\"'\t\"\r\n'@home\r\n");
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvDocument) document = crm_csv_document_parse (bytes, NULL, ',', &error);
  const char *expected[] = { "=1+2", "'=2", "'hello", "-5", "'", "\t", "@home" };

  g_assert_no_error (error);
  g_assert_cmpuint (crm_csv_document_get_n_rows (document), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpstr (crm_csv_document_get_cell (document, i, 0), ==, expected[i]);
}

/* The first contact of a customer, by position then id. */
static CrmContact *
first_contact (GPtrArray *contacts,
               gint64     customer_id)
{
  CrmContact *first = NULL;

  for (guint i = 0; i < contacts->len; i++)
    {
      CrmContact *contact = g_ptr_array_index (contacts, i);

      if (crm_contact_get_customer_id (contact) != customer_id)
        continue;
      if (first == NULL || crm_contact_get_position (contact) < crm_contact_get_position (first))
        first = contact;
    }

  return first;
}

/* What a round trip must keep, one line per customer: its fields, tags,
 * attributes and first contact. */
static char *
describe_customers (CrmStore *store)
{
  g_autoptr(GPtrArray) customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_autoptr(GPtrArray) contacts = test_load_all (store, CRM_ENTITY_CONTACT, NULL);
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < customers->len; i++)
    {
      CrmCustomer *customer = g_ptr_array_index (customers, i);
      CrmContact *contact = first_contact (contacts, test_record_id (customer));
      g_autofree char *attributes =
        test_dup_sorted_attributes (crm_customer_get_attributes (customer));
      g_autofree char *tags = g_strjoinv ("|", (char **) crm_customer_get_tags (customer));
      g_autofree char *created = crm_timestamp_format (crm_customer_get_lead_created_at (customer));

      g_string_append_printf (text, "%s|%s|%s|%s|%s|%s|%s|%s|%s|%s",
                              crm_customer_get_external_id (customer),
                              crm_customer_get_name (customer),
                              crm_customer_get_company (customer),
                              crm_customer_get_email (customer),
                              crm_customer_get_status (customer),
                              crm_customer_get_country (customer),
                              crm_customer_get_owner (customer),
                              created, tags, attributes);
      if (contact != NULL)
        g_string_append_printf (text, "|contact %s|%s|%s|%s|%s",
                                crm_contact_get_first_name (contact),
                                crm_contact_get_last_name (contact),
                                crm_contact_get_title (contact),
                                crm_contact_get_phone (contact),
                                crm_contact_get_email (contact));
      g_string_append_c (text, '\n');
    }

  return g_string_free (text, FALSE);
}

static char *
export_to_file (CrmStore   *store,
                const char *dir)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, "export.csv", NULL);

  g_assert_true (crm_csv_export_customers (store, NULL, path, NULL, &error));
  g_assert_no_error (error);

  return path;
}

static CrmImportSummary *
import_file (CrmStore            *store,
             const char          *path,
             CrmImportDuplicates  duplicates)
{
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(GError) error = NULL;
  CrmImportSummary *summary;

  crm_csv_import_set_duplicates (import, duplicates);
  g_assert_true (crm_csv_import_load_file (import, path, NULL, 0, &error));
  g_assert_no_error (error);
  summary = crm_csv_import_run_sync (import, &error);
  g_assert_no_error (error);

  return summary;
}

/* C1, and a customer with a phone and numbers: exported, then imported in
 * update mode, nothing is new and nothing changes (Omar, who has no email,
 * is found by his stable id); imported into an empty profile, the same
 * customers come back, `+1 555 0100` and `-5` exactly. */
static void
test_export_round_trip (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmStore) fresh = test_open_store ();
  g_autoptr(CrmImportSummary) first = NULL;
  g_autoptr(CrmImportSummary) again = NULL;
  g_autoptr(CrmImportSummary) elsewhere = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prospect-import-XXXXXX", NULL);
  g_autofree char *path = NULL;
  g_autofree char *exported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *copied = NULL;
  g_autoptr(GString) expected = NULL;
  guint contacts, activities;
  gint64 id;

  first = test_import_text (store, test_c1_bytes, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (first, 2, 0, 0);
  id = test_insert (store, CRM_ENTITY_CUSTOMER,
                    g_variant_new_parsed ("{'name': <'=SUM(A1)'>, 'company': <\"'=x\">,"
                                          " 'email': <'ops@harbor.example'>,"
                                          " 'status': <'Working Lead'>, 'country': <'AT'>,"
                                          " 'owner': <'@sam'>,"
                                          " 'lead_created_at': <'2025-03-01T08:00:00.000Z'>,"
                                          " 'attributes': <'{\"Hotline\":\"+1 555 0100\","
                                          "\"Score\":-5,\"Price\":19.99,\"notes\":\"-x\","
                                          "\"Since\":\"2024-03-01\"}'>}"));
  test_insert (store, CRM_ENTITY_CONTACT,
               g_variant_new_parsed ("{'customer_id': <%x>, 'position': <int64 1>,"
                                     " 'first_name': <'Lena'>, 'last_name': <'Maier'>,"
                                     " 'title': <'CTO'>, 'phone': <'+1 555 0100'>,"
                                     " 'email': <'lena@harbor.example'>}", id));
  test_set_tags (store, id, (const char *[]) { "pilot", "Café", NULL });
  contacts = crm_store_count (store, CRM_ENTITY_CONTACT, NULL);
  activities = crm_store_count (store, CRM_ENTITY_ACTIVITY, NULL);
  before = describe_customers (store);

  path = export_to_file (store, dir);
  g_assert_true (g_file_get_contents (path, &exported, NULL, NULL));
  g_assert_nonnull (strstr (exported, ",Lena,Maier,CTO,'+1 555 0100,"));
  g_assert_nonnull (strstr (exported, ",'=SUM(A1),''=x,"));
  g_assert_nonnull (strstr (exported, ",'+1 555 0100,19.99,'-5,2024-03-01,'-x\r\n"));

  again = import_file (store, path, CRM_IMPORT_DUPLICATES_UPDATE);
  test_assert_counts (again, 0, 3, 0);
  after = describe_customers (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_nonnull (strstr (after, "\"Hotline\":\"+1 555 0100\","));
  g_assert_nonnull (strstr (after, "\"Score\":-5,"));
  g_assert_nonnull (strstr (after, "|contact Lena|Maier|CTO|+1 555 0100|lena@harbor.example\n"));
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 3);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CONTACT, NULL), ==, contacts);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_ACTIVITY, NULL), ==, activities);

  /* In another profile the same customers come back; the contact's own
   * email was not exported, so it takes the customer's. */
  elsewhere = import_file (fresh, path, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (elsewhere, 3, 0, 0);
  copied = describe_customers (fresh);
  g_assert_nonnull (strstr (copied, "|contact Lena|Maier|CTO|+1 555 0100|ops@harbor.example\n"));
  expected = g_string_new (before);
  g_string_replace (expected, "lena@harbor.example", "ops@harbor.example", 1);
  g_assert_cmpstr (copied, ==, expected->str);

  g_unlink (path);
  g_rmdir (dir);
}

static void
on_preview_result_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* The preview shows the rows as the store's rules leave them: a routed
 * owner, and nothing is kept. */
static void
test_preview_rules (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GBytes) bytes = test_bytes_of ("name,country,owner\r\n"
                                      "Orchard Tools,AT,\r\n"
                                      "Maple Foods,DE,kim@example.com\r\n"
                                      "Harbor Optics,US,\r\n");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_rules_install (store);
  add_routing_rule (store, "DACH", "country is one of (\"AT\", \"DE\", \"CH\")",
                    "dieter@example.com");

  g_assert_true (crm_csv_import_load_bytes (import, bytes, NULL, 0, &error));
  crm_csv_import_preview_async (import, 20, NULL, on_preview_result_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  summary = crm_csv_import_preview_finish (import, result, &error);
  g_assert_no_error (error);

  g_assert_cmpstr (crm_import_summary_find_outcome (summary, 2)->owner, ==, "dieter@example.com");
  g_assert_cmpstr (crm_import_summary_find_outcome (summary, 2)->status, ==, "New Lead");
  g_assert_cmpstr (crm_import_summary_find_outcome (summary, 3)->owner, ==, "kim@example.com");
  g_assert_null (crm_import_summary_find_outcome (summary, 4)->owner);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_ACTIVITY, NULL), ==, 0);
}

/* A rule that fails on the third new customer: the store error ends the
 * import, and every row before it goes too. */
static gboolean
failing_rule (CrmStoreTxn  *txn,
              const char   *table,
              gint64        id,
              const char   *operation,
              GVariant     *changes,
              gpointer      user_data,
              GError      **error)
{
  guint *n_inserts = user_data;

  if (!g_str_equal (table, "customers") || !g_str_equal (operation, "insert") ||
      crm_store_txn_get_origin (txn) != CRM_ORIGIN_IMPORT || ++*n_inserts < 3)
    return TRUE;

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, "No space left on device");
  return FALSE;
}

static char *
describe_everything (CrmStore *store)
{
  g_autofree char *customers = describe_customers (store);

  return g_strdup_printf ("%s%u contacts, %u activities", customers,
                          crm_store_count (store, CRM_ENTITY_CONTACT, NULL),
                          crm_store_count (store, CRM_ENTITY_ACTIVITY, NULL));
}

static void
test_store_failure (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) first = NULL;
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(GBytes) bytes = test_bytes_of (test_duplicates_csv);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_inserts = 0;

  first = test_import_text (store, test_c1_bytes, CRM_IMPORT_DUPLICATES_SKIP);
  before = describe_everything (store);
  crm_store_add_rule (store, failing_rule, &n_inserts);

  crm_csv_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_CREATE);
  g_assert_true (crm_csv_import_load_bytes (import, bytes, NULL, 0, &error));
  summary = crm_csv_import_run_sync (import, &error);
  g_assert_null (summary);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
  g_assert_cmpuint (n_inserts, ==, 3);

  after = describe_everything (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (crm_store_foreign_key_check (store, NULL));
}

static void
parse_and_read (GBytes     *bytes,
                const char *encoding)
{
  g_autoptr(CrmCsvDocument) document = crm_csv_document_parse (bytes, encoding, 0, NULL);
  g_autoptr(CrmImportMapping) mapping = NULL;
  CrmImportSource source = { NULL, NULL, "Sam Ortiz", "sam@prospect.example" };

  if (document == NULL)
    return;

  mapping = crm_import_mapping_new (document);
  source.document = document;
  source.mapping = mapping;
  for (guint row = 0; row < crm_csv_document_get_n_rows (document); row++)
    {
      g_auto(CrmImportRecord) record = { 0 };
      g_autofree char *reason = NULL;

      if (!crm_import_record_read (&record, &source, row, &reason))
        g_assert_nonnull (reason);
      g_assert_cmpuint (record.line, >=, 2);
    }
}

/* Imports a random file when it can be read; returns whether it could. */
static gboolean
import_random (CrmStore            *store,
               GBytes              *bytes,
               CrmImportDuplicates  duplicates)
{
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows;

  if (!crm_csv_import_load_bytes (import, bytes, NULL, 0, &error))
    {
      g_assert_true (error->domain == CRM_CSV_IMPORT_ERROR);
      g_assert_nonnull (error->message);
      return FALSE;
    }

  n_rows = crm_csv_document_get_n_rows (crm_csv_import_get_document (import));
  crm_csv_import_set_duplicates (import, duplicates);
  summary = crm_csv_import_run_sync (import, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_import_summary_get_n_created (summary) +
                    crm_import_summary_get_n_updated (summary) +
                    crm_import_summary_get_n_skipped (summary), ==, n_rows);
  for (guint i = 0; i < crm_import_summary_get_n_skipped (summary); i++)
    g_assert_nonnull (crm_import_summary_get_skip (summary, i)->reason);

  return TRUE;
}

/* Random bytes, some of them CSV's own characters, never crash the
 * reader, the mapping, the row reader or a whole import: a file is read
 * or refused, a row is stored or skipped with a reason. */
static void
test_random_bytes (void)
{
  static const char alphabet[] = ",;\t\"\r\n' =+-@aZ0\xc3\xa9\xe2\x82\xac\xff\xfe";
  g_autoptr(GRand) rand = g_rand_new_with_seed (20250601);
  g_autoptr(CrmStore) store = test_open_store ();
  guint n_loaded = 0;

  for (guint i = 0; i < 1500; i++)
    {
      guint length = g_rand_int_range (rand, 0, 400);
      g_autofree guint8 *data = g_malloc (length + 1);
      g_autoptr(GBytes) bytes = NULL;

      for (guint j = 0; j < length; j++)
        data[j] = g_rand_boolean (rand)
          ? (guint8) alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
          : (guint8) g_rand_int_range (rand, 0, 256);

      bytes = g_bytes_new (data, length);
      parse_and_read (bytes, NULL);
      if (i % 5 == 0)
        parse_and_read (bytes, "UTF-16LE");
      if (i % 3 == 0)
        n_loaded += import_random (store, bytes, (CrmImportDuplicates) (i % 2 == 0
                                     ? CRM_IMPORT_DUPLICATES_CREATE
                                     : CRM_IMPORT_DUPLICATES_UPDATE));
    }

  g_test_message ("%u of 500 random files could be read and were imported", n_loaded);
  g_assert_cmpuint (n_loaded, >, 0);
  g_assert_true (crm_store_foreign_key_check (store, NULL));
}

static void
test_truncated_files (void)
{
  const char *files[] = { test_c1_bytes, test_c2_cp1252, test_c2_utf8,
                          "\xef\xbb\xbfname;email\r\nOrchard;info@orchard.example\r\n" };
  g_autoptr(CrmStore) store = test_open_store ();

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    {
      gsize length = strlen (files[f]);

      for (gsize cut = 0; cut <= length; cut++)
        {
          g_autoptr(GBytes) bytes = g_bytes_new (files[f], cut);
          g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
          g_autoptr(CrmImportSummary) summary = NULL;

          parse_and_read (bytes, NULL);
          if (!crm_csv_import_load_bytes (import, bytes, NULL, 0, NULL))
            continue;

          crm_csv_import_set_duplicates (import, CRM_IMPORT_DUPLICATES_CREATE);
          summary = crm_csv_import_run_sync (import, NULL);
          g_assert_nonnull (summary);
        }
    }

  g_assert_true (crm_store_foreign_key_check (store, NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/import/routing", test_routing);
  g_test_add_func ("/crm/import/preview-rules", test_preview_rules);
  g_test_add_func ("/crm/import/store-failure", test_store_failure);
  g_test_add_func ("/crm/import/cancel-midway", test_cancel_midway);
  g_test_add_func ("/crm/import/preview", test_preview);
  g_test_add_func ("/crm/import/unreadable", test_unreadable);
  g_test_add_func ("/crm/import/formula-guard", test_formula_guard);
  g_test_add_func ("/crm/import/export-round-trip", test_export_round_trip);
  g_test_add_func ("/crm/import/random-bytes", test_random_bytes);
  g_test_add_func ("/crm/import/truncated-files", test_truncated_files);

  return g_test_run ();
}
