/* test-import.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "crm-activity.h"
#include "crm-contact.h"
#include "crm-csv-export.h"
#include "crm-csv-import.h"
#include "crm-csv-import-row.h"
#include "crm-csv-import-values.h"
#include "crm-customer.h"
#include "crm-date.h"
#include "crm-filter.h"
#include "crm-store-rules.h"
#include "test-util.h"

/* CSV import: cases C1 and C2 of the acceptance cases, encodings, the
 * mapping, duplicates and skipped rows. Running an import (rules, Cancel,
 * the preview, failures, the export round trip, random bytes) is tested
 * in test-import-run.c. All data is invented. */

/* Helpers */

static void
assert_skip (CrmImportSummary *summary,
             guint             index,
             const char       *expected)
{
  g_autofree char *text = crm_import_outcome_format (crm_import_summary_get_skip (summary,
                                                                                   index));

  g_assert_cmpstr (text, ==, expected);
}

static CrmContact *
find_contact (GPtrArray  *contacts,
              gint64      customer_id)
{
  for (guint i = 0; i < contacts->len; i++)
    {
      CrmContact *contact = g_ptr_array_index (contacts, i);

      if (crm_contact_get_customer_id (contact) == customer_id)
        return contact;
    }

  return NULL;
}

/* Test cases */

static void
test_c1_quoted (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  CrmCustomer *nora, *omar;

  summary = test_import_text (store, test_c1_bytes, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (summary, 2, 0, 0);

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpuint (customers->len, ==, 2);
  nora = g_ptr_array_index (customers, 0);
  omar = g_ptr_array_index (customers, 1);
  g_assert_cmpstr (crm_customer_get_name (nora), ==, "Nora Vale");
  g_assert_cmpstr (crm_customer_get_email (nora), ==, "nora.vale@example.org");
  g_assert_cmpstr (crm_customer_get_status (nora), ==, "New Lead");
  g_assert_cmpstr (crm_customer_get_name (omar), ==, "Omar Reed");
  g_assert_cmpstr (crm_customer_get_email (omar), ==, "");

  /* The notes are the primary contact's, line breaks as LF. */
  contacts = test_load_all (store, CRM_ENTITY_CONTACT, NULL);
  g_assert_cmpuint (contacts->len, ==, 2);
  g_assert_cmpstr (crm_contact_get_notes (find_contact (contacts, test_record_id (nora))), ==,
                   "Met at expo\nwants demo in May");
  g_assert_cmpstr (crm_contact_get_notes (find_contact (contacts, test_record_id (omar))), ==,
                   "Line one\nLine two, with comma \"quoted\"");
  g_assert_cmpstr (crm_contact_get_first_name (find_contact (contacts, test_record_id (omar))), ==,
                   "Omar");
  g_assert_cmpstr (crm_contact_get_email (find_contact (contacts, test_record_id (nora))), ==,
                   "nora.vale@example.org");
  g_assert_cmpint (crm_contact_get_position (find_contact (contacts, test_record_id (nora))),
                   ==, 1);
}

static void
test_c1_lines (void)
{
  g_autoptr(GBytes) bytes = test_bytes_of (test_c1_bytes);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmCsvDocument) document = crm_csv_document_parse (bytes, NULL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (crm_csv_document_get_encoding (document), ==, "UTF-8");
  g_assert_cmpint (crm_csv_document_get_delimiter (document), ==, ',');
  g_assert_cmpuint (crm_csv_document_get_n_columns (document), ==, 4);
  g_assert_cmpuint (crm_csv_document_get_n_rows (document), ==, 2);
  g_assert_cmpuint (crm_csv_document_get_line (document, 0), ==, 2);
  g_assert_cmpuint (crm_csv_document_get_line (document, 1), ==, 4);
  g_assert_cmpstr (crm_csv_document_get_cell (document, 1, 2), ==, "");
}

static void
check_c2_store (CrmStore *store)
{
  g_autoptr(GPtrArray) customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_autoptr(GPtrArray) contacts = test_load_all (store, CRM_ENTITY_CONTACT, "first_name");
  const char *expected_companies[] = { "Café Noir €", "Ribeirão Ótica Lda" };
  const char *expected_names[] = { "João", "Renée" };

  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpuint (contacts->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      CrmCustomer *customer = g_ptr_array_index (customers, i);
      CrmContact *contact = g_ptr_array_index (contacts, i);

      g_assert_cmpstr (crm_customer_get_company (customer), ==, expected_companies[i]);
      g_assert_cmpstr (crm_customer_get_name (customer), ==, expected_companies[i]);
      g_assert_cmpstr (crm_contact_get_first_name (contact), ==, expected_names[i]);
      g_assert_null (strstr (crm_customer_get_company (customer), "\xef\xbf\xbd"));
    }
}

static GBytes *
read_case_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "cases", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}

/* The exact bytes of the acceptance cases, read from the shared files:
 * the copies above are the same, and the files import as the cases say. */
static void
test_case_files (void)
{
  g_autoptr(GBytes) c1 = read_case_file ("c1-quoted.csv");
  g_autoptr(GBytes) c2 = read_case_file ("c2-cp1252.csv");
  g_autoptr(GBytes) c1_copy = test_bytes_of (test_c1_bytes);
  g_autoptr(GBytes) c2_copy = test_bytes_of (test_c2_cp1252);
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmStore) latin = test_open_store ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(CrmImportSummary) latin_summary = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  g_autofree char *line = NULL;

  g_assert_true (g_bytes_equal (c1, c1_copy));
  g_assert_true (g_bytes_equal (c2, c2_copy));

  summary = test_import_bytes (store, c1, NULL, CRM_IMPORT_DUPLICATES_SKIP);
  line = crm_import_summary_format (summary, "c1-quoted.csv");
  g_assert_cmpstr (line, ==, "Imported c1-quoted.csv: 2 created, 0 updated, 0 skipped");
  contacts = test_load_all (store, CRM_ENTITY_CONTACT, "first_name");
  g_assert_cmpstr (crm_contact_get_notes (g_ptr_array_index (contacts, 0)), ==,
                   "Met at expo\nwants demo in May");
  g_assert_cmpstr (crm_contact_get_notes (g_ptr_array_index (contacts, 1)), ==,
                   "Line one\nLine two, with comma \"quoted\"");

  latin_summary = test_import_bytes (latin, c2, NULL, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (latin_summary, 2, 0, 0);
  check_c2_store (latin);
}

/* C1 as two files of one row each: a single quoted row is no easier. */
static void
test_c1_one_row (void)
{
  const struct {
    const char *text;
    const char *name;
    const char *notes;
  } files[] = {
    { "first_name,last_name,email,notes\r\n"
      "Nora,Vale,nora.vale@example.org,\"Met at expo\r\nwants demo in May\"\r\n",
      "Nora Vale", "Met at expo\nwants demo in May" },
    { "first_name,last_name,email,notes\r\n"
      "Omar,Reed,,\"Line one\r\nLine two, with comma \"\"quoted\"\"\"\r\n",
      "Omar Reed", "Line one\nLine two, with comma \"quoted\"" },
    { "first_name,last_name,email,notes\r\n"
      "Omar,Reed,,\"Line one\r\nLine two, with comma \"\"quoted\"\"\"",
      "Omar Reed", "Line one\nLine two, with comma \"quoted\"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CrmStore) store = test_open_store ();
      g_autoptr(CrmImportSummary) summary = NULL;
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GPtrArray) contacts = NULL;

      summary = test_import_text (store, files[i].text, CRM_IMPORT_DUPLICATES_SKIP);
      test_assert_counts (summary, 1, 0, 0);
      customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
      contacts = test_load_all (store, CRM_ENTITY_CONTACT, NULL);
      g_assert_cmpuint (customers->len, ==, 1);
      g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 0)), ==,
                       files[i].name);
      g_assert_cmpstr (crm_contact_get_notes (g_ptr_array_index (contacts, 0)), ==,
                       files[i].notes);
    }
}

static void
test_c2_encodings (void)
{
  const char *files[] = { test_c2_cp1252, test_c2_utf8 };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CrmStore) store = test_open_store ();
      g_autoptr(CrmImportSummary) summary = NULL;

      summary = test_import_text (store, files[i], CRM_IMPORT_DUPLICATES_SKIP);
      test_assert_counts (summary, 2, 0, 0);
      check_c2_store (store);
    }
}

/* One data row gives the detection less to go on. */
static void
test_c2_one_row (void)
{
  const struct {
    const char *text;
    const char *encoding;
    const char *company;
  } files[] = {
    { "first_name,company\r\nJo\xe3o,Ribeir\xe3o \xd3tica Lda\r\n", "WINDOWS-1252",
      "Ribeirão Ótica Lda" },
    { "first_name,company\r\nJoão,Ribeirão Ótica Lda\r\n", "UTF-8", "Ribeirão Ótica Lda" },
    { "first_name,company\r\nRen\xe9" "e,Caf\xe9 Noir \x80\r\n", "WINDOWS-1252",
      "Café Noir €" },
    { "first_name,company\r\nRenée,Café Noir €", "UTF-8", "Café Noir €" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autoptr(CrmStore) store = test_open_store ();
      g_autoptr(CrmImportSummary) summary = NULL;
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GBytes) bytes = test_bytes_of (files[i].text);
      g_autoptr(CrmCsvDocument) document = crm_csv_document_parse (bytes, NULL, 0, NULL);

      g_assert_cmpstr (crm_csv_document_get_encoding (document), ==, files[i].encoding);

      summary = test_import_text (store, files[i].text, CRM_IMPORT_DUPLICATES_SKIP);
      test_assert_counts (summary, 1, 0, 0);
      customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
      g_assert_cmpstr (crm_customer_get_company (g_ptr_array_index (customers, 0)), ==,
                       files[i].company);
    }
}

static void
test_bom_semicolons (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GPtrArray) contacts = NULL;
  CrmCustomer *customer;
  CrmContact *contact;
  const char *text =
    "\xef\xbb\xbf" "First Name;Last Name;Email Address;Company Name;Country/Region;"
    "Lead Status;Contact owner;Phone Number;Tags\r\n"
    "Lena;Maier;lena.maier@maple.example;Maple Foods;Austria;Working Lead;Sam Ortiz;"
    "+1 555 0100;\"pilot, dach;pilot\"\r\n";

  test_set_setting (store, "me.name", "Sam Ortiz");
  test_set_setting (store, "me.email", "sam.ortiz@prospect.example");

  summary = test_import_text (store, text, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (summary, 1, 0, 0);

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  customer = g_ptr_array_index (customers, 0);
  g_assert_cmpstr (crm_customer_get_name (customer), ==, "Maple Foods");
  g_assert_cmpstr (crm_customer_get_company (customer), ==, "Maple Foods");
  g_assert_cmpstr (crm_customer_get_email (customer), ==, "lena.maier@maple.example");
  g_assert_cmpstr (crm_customer_get_country (customer), ==, "AT");
  g_assert_cmpstr (crm_customer_get_status (customer), ==, "Working Lead");
  g_assert_cmpstr (crm_customer_get_owner (customer), ==, "sam.ortiz@prospect.example");
  g_assert_cmpuint (g_strv_length ((char **) crm_customer_get_tags (customer)), ==, 2);
  g_assert_true (g_strv_contains (crm_customer_get_tags (customer), "pilot"));
  g_assert_true (g_strv_contains (crm_customer_get_tags (customer), "dach"));

  contacts = test_load_all (store, CRM_ENTITY_CONTACT, NULL);
  contact = g_ptr_array_index (contacts, 0);
  g_assert_cmpstr (crm_contact_get_first_name (contact), ==, "Lena");
  g_assert_cmpstr (crm_contact_get_last_name (contact), ==, "Maier");
  g_assert_cmpstr (crm_contact_get_phone (contact), ==, "+1 555 0100");
}

static void
test_utf16 (void)
{
  const struct {
    const char *encoding;
    const char *bom;
    gsize       bom_length;
  } variants[] = {
    { "UTF-16LE", "\xff\xfe", 2 },
    { "UTF-16BE", "\xfe\xff", 2 },
    { "UTF-16LE", "", 0 },   /* no BOM: the NUL bytes give it away */
  };
  const char *text = "name\tcompany\temail\r\nZoë Brooks\tÉtoile Café\tzoe@etoile.example\r\n";

  for (guint i = 0; i < G_N_ELEMENTS (variants); i++)
    {
      g_autoptr(CrmStore) store = test_open_store ();
      g_autoptr(CrmImportSummary) summary = NULL;
      g_autoptr(GPtrArray) customers = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GByteArray) data = g_byte_array_new ();
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(CrmCsvDocument) document = NULL;
      g_autofree char *converted = NULL;
      gsize length = 0;

      converted = g_convert (text, -1, variants[i].encoding, "UTF-8", NULL, &length, &error);
      g_assert_no_error (error);
      g_byte_array_append (data, (const guint8 *) variants[i].bom, variants[i].bom_length);
      g_byte_array_append (data, (const guint8 *) converted, length);
      bytes = g_byte_array_free_to_bytes (g_steal_pointer (&data));

      document = crm_csv_document_parse (bytes, NULL, 0, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (crm_csv_document_get_encoding (document), ==, variants[i].encoding);
      g_assert_cmpint (crm_csv_document_get_delimiter (document), ==, '\t');
      g_assert_cmpstr (crm_csv_document_get_header (document, 0), ==, "name");

      summary = test_import_bytes (store, bytes, NULL, CRM_IMPORT_DUPLICATES_SKIP);
      test_assert_counts (summary, 1, 0, 0);
      customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
      g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 0)), ==,
                       "Zoë Brooks");
      g_assert_cmpstr (crm_customer_get_company (g_ptr_array_index (customers, 0)), ==,
                       "Étoile Café");
    }
}

/* uchardet only suggests, and only for bytes that are neither UTF-8 nor
 * marked by a BOM; its ISO-8859-1 means Windows-1252. The file is read as
 * Windows-1252 until the person picks the suggestion. */
static void
test_encoding_suggestion (void)
{
  static const char cyrillic[] =
    "name\r\n\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0 \xca\xee\xec\xef\xe0\xed\xe8\xff\r\n";
  static const char one_row_c2[] = "first_name,company\r\nJo\xe3o,Ribeir\xe3o \xd3tica Lda\r\n";
  g_autoptr(GBytes) russian = test_bytes_of (cyrillic);
  g_autoptr(GBytes) latin = test_bytes_of (one_row_c2);
  g_autoptr(GBytes) utf8 = test_bytes_of (test_c2_utf8);
  g_autoptr(GBytes) bom16 = g_bytes_new_static ("\xff\xfen\0a\0m\0e\0\r\0\n\0X\0\r\0\n\0", 20);
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(GError) error = NULL;
  g_autofree char *guess = NULL;
  CrmCsvDocument *document;

  guess = crm_csv_suggest_encoding ((const guint8 *) one_row_c2, strlen (one_row_c2));
  g_assert_cmpstr (guess, ==, "WINDOWS-1252");

  g_assert_true (crm_csv_import_load_bytes (import, latin, NULL, 0, &error));
  g_assert_cmpstr (crm_csv_import_get_suggested_encoding (import), ==, "WINDOWS-1252");
  g_assert_cmpstr (crm_csv_document_get_encoding (crm_csv_import_get_document (import)), ==,
                   "WINDOWS-1252");

  g_assert_true (crm_csv_import_load_bytes (import, russian, NULL, 0, &error));
  document = crm_csv_import_get_document (import);
  g_assert_cmpstr (crm_csv_document_get_encoding (document), ==, "WINDOWS-1252");
  g_assert_cmpstr (crm_csv_import_get_suggested_encoding (import), ==, "WINDOWS-1251");
  g_assert_false (crm_csv_import_get_encoding_chosen (import));

  g_assert_true (crm_csv_import_load_bytes (import, russian, "WINDOWS-1251", 0, &error));
  document = crm_csv_import_get_document (import);
  g_assert_cmpstr (crm_csv_document_get_cell (document, 0, 0), ==,
                   "Привет мир Компания");
  g_assert_true (crm_csv_import_get_encoding_chosen (import));
  g_assert_null (crm_csv_import_get_suggested_encoding (import));

  g_assert_true (crm_csv_import_load_bytes (import, utf8, NULL, 0, &error));
  g_assert_null (crm_csv_import_get_suggested_encoding (import));
  g_assert_true (crm_csv_import_load_bytes (import, bom16, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_csv_document_get_encoding (crm_csv_import_get_document (import)), ==,
                   "UTF-16LE");
  g_assert_null (crm_csv_import_get_suggested_encoding (import));
}

/* Semicolons and tabs are found outside quotes; a delimiter inside quotes
 * does not count; a file of one column is a comma file. */
static void
test_delimiters (void)
{
  const struct {
    const char *text;
    char        delimiter;
  } files[] = {
    { "name;notes\r\nOrchard;\"Met, liked it\"\r\nHarbor;\"a, b, c\"\r\n", ';' },
    { "name,notes\r\nOrchard,\"x; y; z\"\r\n", ',' },
    { "name\tcity\r\nOrchard\tLinz, AT\r\n", '\t' },
    { "name\r\nOrchard\r\n", ',' },
    { "\"a;b\",c\r\n1,2\r\n", ',' },
  };

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_assert_cmpint (crm_csv_detect_delimiter (files[i].text, strlen (files[i].text)), ==,
                     files[i].delimiter);
}

static void
test_header_mapping (void)
{
  const struct {
    const char      *header;
    CrmImportTarget  target;
  } headers[] = {
    { "First Name", CRM_IMPORT_TARGET_FIRST_NAME },
    { "last_name", CRM_IMPORT_TARGET_LAST_NAME },
    { "Email Address", CRM_IMPORT_TARGET_EMAIL },
    { "E-Mail", CRM_IMPORT_TARGET_EMAIL },
    { "Company Name", CRM_IMPORT_TARGET_COMPANY },
    { "Lead Status", CRM_IMPORT_TARGET_STATUS },
    { "Contact owner", CRM_IMPORT_TARGET_OWNER },
    { "Country/Region", CRM_IMPORT_TARGET_COUNTRY },
    { "  ID ", CRM_IMPORT_TARGET_ID },
    { "lead_created_at", CRM_IMPORT_TARGET_LEAD_CREATED_AT },
    { "Phone Number", CRM_IMPORT_TARGET_PHONE },
    { "Job Title", CRM_IMPORT_TARGET_TITLE },
    { "Zip Code", CRM_IMPORT_TARGET_ZIP },
    { "Notes", CRM_IMPORT_TARGET_NOTES },
    { "Industry", CRM_IMPORT_TARGET_ATTRIBUTE },
    { "", CRM_IMPORT_TARGET_SKIP },
    /* Other CRMs' exports */
    { "Mobile Phone Number", CRM_IMPORT_TARGET_PHONE },
    { "Street Address", CRM_IMPORT_TARGET_STREET },
    { "State/Region", CRM_IMPORT_TARGET_STATE },
    { "Postal Code", CRM_IMPORT_TARGET_ZIP },
    { "Create Date", CRM_IMPORT_TARGET_LEAD_CREATED_AT },
    { "Website URL", CRM_IMPORT_TARGET_WEBSITE },
    { "Lead Owner", CRM_IMPORT_TARGET_OWNER },
    { "Account Name", CRM_IMPORT_TARGET_COMPANY },
    { "Zip/Postal Code", CRM_IMPORT_TARGET_ZIP },
    { "Mailing Street", CRM_IMPORT_TARGET_STREET },
    { "Mailing State/Province", CRM_IMPORT_TARGET_STATE },
    { "Mailing Country", CRM_IMPORT_TARGET_COUNTRY },
    { "Created Date", CRM_IMPORT_TARGET_LEAD_CREATED_AT },
    { "Created Time", CRM_IMPORT_TARGET_LEAD_CREATED_AT },
    { "Organization - Name", CRM_IMPORT_TARGET_COMPANY },
    { "Person - Name", CRM_IMPORT_TARGET_NAME },
    { "Email - Work", CRM_IMPORT_TARGET_EMAIL },
    { "Phone - Work", CRM_IMPORT_TARGET_PHONE },
    { "E-mail 1 - Value", CRM_IMPORT_TARGET_EMAIL },
    { "Business Phone", CRM_IMPORT_TARGET_PHONE },
    { "Given Name", CRM_IMPORT_TARGET_FIRST_NAME },
    { "Family Name", CRM_IMPORT_TARGET_LAST_NAME },
    /* Another system's ids are not Prospect's. */
    { "Record ID", CRM_IMPORT_TARGET_ATTRIBUTE },
    { "Lead Source", CRM_IMPORT_TARGET_ATTRIBUTE },
    { "attr.notes", CRM_IMPORT_TARGET_ATTRIBUTE },
  };

  g_autoptr(GBytes) bytes = test_bytes_of ("attr.notes,Notes,email,E-mail\r\n"
                                           "x,y,a@example.org,b\r\n");
  g_autoptr(CrmCsvDocument) document = crm_csv_document_parse (bytes, NULL, 0, NULL);
  g_autoptr(CrmImportMapping) mapping = crm_import_mapping_new (document);

  for (guint i = 0; i < G_N_ELEMENTS (headers); i++)
    g_assert_cmpint (crm_import_target_for_header (headers[i].header), ==, headers[i].target);

  /* "attr.KEY" is the attribute KEY; a second column for the same target
   * becomes an attribute. */
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 0)->target, ==,
                   CRM_IMPORT_TARGET_ATTRIBUTE);
  g_assert_cmpstr (crm_import_mapping_get_column (mapping, 0)->header, ==, "notes");
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 1)->target, ==,
                   CRM_IMPORT_TARGET_NOTES);
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 2)->target, ==,
                   CRM_IMPORT_TARGET_EMAIL);
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 3)->target, ==,
                   CRM_IMPORT_TARGET_ATTRIBUTE);
  g_assert_cmpstr (crm_import_mapping_get_column (mapping, 3)->header, ==, "E-mail");
}

static guint
count_where (CrmStore   *store,
             const char *expression)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (expression, &error);

  g_assert_no_error (error);
  return crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
}

static void
test_sniff_types (void)
{
  const char *text =
    "seats,signup,joined,ambiguous,active,ref,score,when\r\n"
    "45,2025-01-31,31/01/2025,03/04/2025,yes,01234,1.5,12/31/2025\r\n"
    "-5,2025-02-01,01/02/2025,04/03/2025,No,12345,2,01/02/2025\r\n"
    ",,,,,,,\r\n"
    "7,,1.2.2025,,TRUE,,-0.25,\r\n";
  const CrmImportType expected[] = {
    CRM_IMPORT_TYPE_INTEGER, CRM_IMPORT_TYPE_DATE, CRM_IMPORT_TYPE_DATE, CRM_IMPORT_TYPE_TEXT,
    CRM_IMPORT_TYPE_BOOLEAN, CRM_IMPORT_TYPE_TEXT, CRM_IMPORT_TYPE_DECIMAL, CRM_IMPORT_TYPE_DATE,
  };
  g_autoptr(GBytes) bytes = test_bytes_of (text);
  g_autoptr(CrmCsvDocument) document = crm_csv_document_parse (bytes, NULL, 0, NULL);
  g_autoptr(CrmImportMapping) mapping = crm_import_mapping_new (document);
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  /* The blank row is no row. */
  g_assert_cmpuint (crm_csv_document_get_n_rows (document), ==, 3);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpint (crm_import_mapping_get_column (mapping, i)->type, ==, expected[i]);
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 2)->date_order, ==,
                   CRM_IMPORT_DATE_ORDER_DMY);
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 7)->date_order, ==,
                   CRM_IMPORT_DATE_ORDER_MDY);

  /* Unnamed rows are skipped, but the typed values are stored as typed. */
  summary = test_import_text (store, "name,seats,signup,joined,active,ref,score\r\n"
                         "Orchard Tools,45,2025-01-31,31/01/2025,yes,01234,1.5\r\n",
                         CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (summary, 1, 0, 0);
  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  node = json_node_init_object (json_node_alloc (),
                                crm_customer_get_attributes (g_ptr_array_index (customers, 0)));
  json = json_to_string (node, FALSE);
  g_assert_cmpstr (json, ==, "{\"seats\":45,\"signup\":\"2025-01-31\",\"joined\":\"2025-01-31\","
                   "\"active\":true,\"ref\":\"01234\",\"score\":1.5}");
  /* ... and the index that filters on them read holds them, typed. */
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 6);
  g_assert_cmpuint (count_where (store, "attr.seats > 40 and attr.active is true"
                                 " and attr.ref is \"01234\""), ==, 1);
}

/* A column the person leaves out is not stored; a type the person picks
 * for a custom field is the one stored. */
static void
test_mapping_by_choice (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCsvImport) import = crm_csv_import_new (store);
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GBytes) bytes = test_bytes_of ("name,Internal Code,Seats\r\nOrchard Tools,X-17,45\r\n");
  g_autoptr(GPtrArray) customers = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *attributes = NULL;
  CrmImportMapping *mapping;
  CrmCustomer *customer;

  g_assert_true (crm_csv_import_load_bytes (import, bytes, NULL, 0, &error));
  mapping = crm_csv_import_get_mapping (import);
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 1)->target, ==,
                   CRM_IMPORT_TARGET_ATTRIBUTE);
  g_assert_cmpint (crm_import_mapping_get_column (mapping, 2)->sniffed, ==,
                   CRM_IMPORT_TYPE_INTEGER);
  crm_import_mapping_set_target (mapping, 1, CRM_IMPORT_TARGET_SKIP);
  crm_import_mapping_set_type (mapping, 2, CRM_IMPORT_TYPE_TEXT);

  summary = crm_csv_import_run_sync (import, &error);
  g_assert_no_error (error);
  test_assert_counts (summary, 1, 0, 0);
  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  customer = g_ptr_array_index (customers, 0);
  attributes = test_dup_sorted_attributes (crm_customer_get_attributes (customer));
  g_assert_cmpstr (attributes, ==, "{\"Seats\":\"45\"}");
}

static void
test_values (void)
{
  GDate date;

  g_assert_cmpstr (crm_import_value_country ("Austria"), ==, "AT");
  g_assert_cmpstr (crm_import_value_country ("österreich"), ==, "AT");
  g_assert_cmpstr (crm_import_value_country ("at"), ==, "AT");
  g_assert_cmpstr (crm_import_value_country ("United States"), ==, "US");
  g_assert_cmpstr (crm_import_value_country ("UK"), ==, "GB");
  g_assert_null (crm_import_value_country ("Narnia"));

  g_assert_cmpstr (crm_import_value_status ("working lead"), ==, "Working Lead");
  g_assert_cmpstr (crm_import_value_status ("ACTIVE"), ==, "Active");
  g_assert_null (crm_import_value_status ("Lead"));

  g_assert_true (crm_import_value_is_email ("nora.vale@example.org"));
  g_assert_false (crm_import_value_is_email ("x@"));
  g_assert_false (crm_import_value_is_email ("a b@example.org"));
  g_assert_false (crm_import_value_is_email ("a@b@example.org"));
  g_assert_false (crm_import_value_is_email ("a@example"));

  g_assert_true (crm_import_value_date ("2025-07-10", CRM_IMPORT_DATE_ORDER_NONE, &date));
  g_assert_false (crm_import_value_date ("2025-02-30", CRM_IMPORT_DATE_ORDER_NONE, &date));
  g_assert_false (crm_import_value_date ("03/04/2025", CRM_IMPORT_DATE_ORDER_NONE, &date));
  g_assert_true (crm_import_value_date ("03/04/2025", CRM_IMPORT_DATE_ORDER_MDY, &date));
  g_assert_cmpint (g_date_get_month (&date), ==, 3);
  g_assert_true (crm_import_value_date ("10.7.2025", CRM_IMPORT_DATE_ORDER_NONE, &date));
  g_assert_cmpint (g_date_get_day (&date), ==, 10);
  g_assert_false (crm_import_value_date ("10/7/25", CRM_IMPORT_DATE_ORDER_DMY, &date));
}

static void
test_skipped_rows (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  const char *text =
    "name,email,country,status,lead_created_at\r\n"
    "Good One,good@example.org,AT,,2025-01-31\r\n"
    "\"Two\r\nLines\",two@example.org,de,working lead,\r\n"
    "\r\n"
    "Bad Email,x@,AT,,\r\n"
    "Bad Country,c@example.org,Narnia,,\r\n"
    "Billing,d@example.org,,Active,\r\n"
    "Bad Date,e@example.org,,,2025-02-30\r\n"
    ",,,,\r\n"
    "Too Long,f@example.org,,,,surplus\r\n"
    "Trailing,g@example.org,,,,\r\n";

  summary = test_import_text (store, text, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (summary, 3, 0, 5);
  assert_skip (summary, 0, "line 6: invalid email “x@”");
  assert_skip (summary, 1, "line 7: unknown country “Narnia”");
  assert_skip (summary, 2, "line 8: the status “Active” is set by billing, not by an import");
  assert_skip (summary, 3, "line 9: invalid date “2025-02-30” in lead_created_at");
  assert_skip (summary, 4, "line 11: the row has 6 cells but the header only 5");

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpuint (customers->len, ==, 3);
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 2)), ==, "Two\nLines");
  g_assert_cmpstr (crm_customer_get_country (g_ptr_array_index (customers, 2)), ==, "DE");
  g_assert_cmpstr (crm_customer_get_status (g_ptr_array_index (customers, 2)), ==,
                   "Working Lead");
}

static void
test_duplicates_skip (void)
{
  g_autoptr(CrmStore) store = test_open_store_with_existing ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  summary = test_import_text (store, test_duplicates_csv, CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (summary, 1, 0, 3);
  assert_skip (summary, 0, "line 2: a customer with this email is already stored");
  assert_skip (summary, 1, "line 3: a customer with this id is already stored");
  assert_skip (summary, 2, "line 5: the same email as line 4, which comes first");

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpuint (customers->len, ==, 2);
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 0)), ==, "Existing Co");
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 1)), ==, "New One");
}

static void
test_duplicates_update (void)
{
  g_autoptr(CrmStore) store = test_open_store_with_existing ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;
  CrmCustomer *existing;

  summary = test_import_text (store, test_duplicates_csv, CRM_IMPORT_DUPLICATES_UPDATE);
  test_assert_counts (summary, 1, 2, 1);
  assert_skip (summary, 0, "line 5: the same email as line 4, which comes first");

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpuint (customers->len, ==, 2);
  existing = g_ptr_array_index (customers, 0);
  g_assert_cmpstr (crm_customer_get_external_id (existing), ==, "ext-1");
  g_assert_cmpstr (crm_customer_get_name (existing), ==, "By Id");
  g_assert_cmpstr (crm_customer_get_email (existing), ==, "other@example.org");
  g_assert_cmpstr (crm_customer_get_tags (existing)[0], ==, "second");
  g_assert_null (crm_customer_get_tags (existing)[1]);
}

static void
test_duplicates_create (void)
{
  g_autoptr(CrmStore) store = test_open_store_with_existing ();
  g_autoptr(CrmImportSummary) summary = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  summary = test_import_text (store, test_duplicates_csv, CRM_IMPORT_DUPLICATES_CREATE);
  test_assert_counts (summary, 4, 0, 0);

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpuint (customers->len, ==, 5);

  /* "By Id" could not take the stored customer's id. */
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 1)), ==, "By Id");
  g_assert_cmpstr (crm_customer_get_external_id (g_ptr_array_index (customers, 1)), !=,
                   "ext-1");
}

/* Within the file the first row with an id or email wins, whatever
 * becomes of it; the others are reported by the line they start on. */
static void
test_duplicates_within_file (void)
{
  static const char text[] =
    "id,name,email,status\r\n"
    ",Alpha,alpha@example.org,Active\r\n"
    ",Alpha Again, ALPHA@Example.org ,\r\n"
    "x-1,\"Beta\r\nWorks\",beta@example.org,\r\n"
    "x-1,Beta Two,other@example.org,\r\n"
    ",Gamma,gamma@example.org,\r\n";
  const CrmImportDuplicates modes[] = { CRM_IMPORT_DUPLICATES_SKIP,
                                        CRM_IMPORT_DUPLICATES_UPDATE };

  for (guint i = 0; i < G_N_ELEMENTS (modes); i++)
    {
      g_autoptr(CrmStore) store = test_open_store ();
      g_autoptr(CrmImportSummary) summary = test_import_text (store, text, modes[i]);

      test_assert_counts (summary, 2, 0, 3);
      assert_skip (summary, 0,
                   "line 2: the status “Active” is set by billing, not by an import");
      assert_skip (summary, 1, "line 3: the same email as line 2, which comes first");
      assert_skip (summary, 2, "line 6: the same id as line 4, which comes first");
    }
}

/* The file's id is kept for a new customer, so a later update finds it. */
static void
test_id_kept (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmImportSummary) first = NULL;
  g_autoptr(CrmImportSummary) second = NULL;
  g_autoptr(GPtrArray) customers = NULL;

  first = test_import_text (store, "id,name\r\nabc-123,Quarry Labs\r\n",
                            CRM_IMPORT_DUPLICATES_SKIP);
  test_assert_counts (first, 1, 0, 0);
  second = test_import_text (store, "id,name\r\nabc-123,Quarry Labs GmbH\r\n",
                        CRM_IMPORT_DUPLICATES_UPDATE);
  test_assert_counts (second, 0, 1, 0);

  customers = test_load_all (store, CRM_ENTITY_CUSTOMER, "name");
  g_assert_cmpuint (customers->len, ==, 1);
  g_assert_cmpstr (crm_customer_get_external_id (g_ptr_array_index (customers, 0)), ==,
                   "abc-123");
  g_assert_cmpstr (crm_customer_get_name (g_ptr_array_index (customers, 0)), ==,
                   "Quarry Labs GmbH");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/import/c1/quoted", test_c1_quoted);
  g_test_add_func ("/crm/import/c1/one-row", test_c1_one_row);
  g_test_add_func ("/crm/import/case-files", test_case_files);
  g_test_add_func ("/crm/import/c1/lines", test_c1_lines);
  g_test_add_func ("/crm/import/c2/encodings", test_c2_encodings);
  g_test_add_func ("/crm/import/c2/one-row", test_c2_one_row);
  g_test_add_func ("/crm/import/bom-semicolons", test_bom_semicolons);
  g_test_add_func ("/crm/import/utf16", test_utf16);
  g_test_add_func ("/crm/import/encoding-suggestion", test_encoding_suggestion);
  g_test_add_func ("/crm/import/delimiters", test_delimiters);
  g_test_add_func ("/crm/import/header-mapping", test_header_mapping);
  g_test_add_func ("/crm/import/sniff-types", test_sniff_types);
  g_test_add_func ("/crm/import/mapping-by-choice", test_mapping_by_choice);
  g_test_add_func ("/crm/import/values", test_values);
  g_test_add_func ("/crm/import/skipped-rows", test_skipped_rows);
  g_test_add_func ("/crm/import/duplicates/skip", test_duplicates_skip);
  g_test_add_func ("/crm/import/duplicates/update", test_duplicates_update);
  g_test_add_func ("/crm/import/duplicates/create", test_duplicates_create);
  g_test_add_func ("/crm/import/duplicates/id-kept", test_id_kept);
  g_test_add_func ("/crm/import/duplicates/within-file", test_duplicates_within_file);

  return g_test_run ();
}
