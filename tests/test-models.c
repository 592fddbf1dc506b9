/* test-models.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-models"

#include "config.h"

#include <limits.h>
#include <locale.h>
#include <string.h>
#include <time.h>

#include "crm-core.h"
#include "crm-money-private.h"
#include "crm-vardict.h"

/* Status */

static void
test_status_parse (void)
{
  const char *known[] = {
    "New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead",
    "Active", "Past Due", "Cancelled",
  };

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    {
      CrmStatusKind kind = crm_status_kind_from_string (known[i]);

      g_assert_cmpint (kind, ==, (CrmStatusKind) i);
      g_assert_cmpstr (crm_status_kind_to_string (kind), ==, known[i]);
      g_assert_cmpstr (crm_status_get_label (known[i]), ==, known[i]);
    }

  /* Older records say "Lead": kept verbatim, but still a lead. */
  g_assert_cmpint (crm_status_kind_from_string ("Lead"), ==, CRM_STATUS_OTHER);
  g_assert_true (crm_status_is_lead ("Lead"));
  g_assert_false (crm_status_is_person_settable ("Lead"));
  g_assert_cmpstr (crm_status_get_label ("Lead"), ==, "Lead");

  g_assert_cmpint (crm_status_kind_from_string ("new lead"), ==, CRM_STATUS_OTHER);
  g_assert_cmpint (crm_status_kind_from_string ("Past_Due"), ==, CRM_STATUS_OTHER);
  g_assert_cmpint (crm_status_kind_from_string (NULL), ==, CRM_STATUS_OTHER);
  g_assert_null (crm_status_kind_to_string (CRM_STATUS_OTHER));
  g_assert_false (crm_status_is_lead ("Active"));
  g_assert_false (crm_status_is_lead ("Churned"));
  g_assert_false (crm_status_is_lead (NULL));
}

static void
test_status_person_settable (void)
{
  const char * const *settable = crm_status_get_person_settable ();
  const char * const expected[] = {
    "New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead", NULL
  };

  g_assert_true (g_strv_equal (settable, expected));

  for (guint i = 0; settable[i] != NULL; i++)
    {
      g_assert_true (crm_status_is_person_settable (settable[i]));
      g_assert_true (crm_status_is_lead (settable[i]));
    }

  g_assert_false (crm_status_is_person_settable ("Active"));
  g_assert_false (crm_status_is_person_settable ("Past Due"));
  g_assert_false (crm_status_is_person_settable ("Cancelled"));
  g_assert_false (crm_status_is_person_settable (NULL));
}

/* Money */

static void
assert_money (gint64      minor,
              const char *currency,
              const char *expected)
{
  g_autofree char *text = crm_money_format (minor, currency);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_money_format (void)
{
  /* K4, under LC_ALL=C.UTF-8: no grouping. */
  assert_money (100000, "EUR", "EUR 1000.00");
  assert_money (1500, "JPY", "JPY 1500");
  assert_money (250050 + 10 + 20, "USD", "USD 2500.80");

  assert_money (0, "EUR", "EUR 0.00");
  assert_money (7, "EUR", "EUR 0.07");
  assert_money (-5, "EUR", "EUR -0.05");
  assert_money (-123456, "EUR", "EUR -1234.56");
  assert_money (-1500, "JPY", "JPY -1500");
  assert_money (1250, "KWD", "KWD 1.250");
  assert_money (-1, "BHD", "BHD -0.001");
  assert_money (1234567, "TND", "TND 1234.567");
  assert_money (G_MININT64, "EUR", "EUR -92233720368547758.08");
  assert_money (G_MAXINT64, "JPY", "JPY 9223372036854775807");
}

static void
test_money_grouping (void)
{
  struct {
    gint64 minor;
    const char *currency;
    const char *grouping;
    const char *expected;
  } cases[] = {
    { 100000, "EUR", "\3", "EUR 1.000,00" },
    { 123456789, "EUR", "\3", "EUR 1.234.567,89" },
    { -99999, "EUR", "\3", "EUR -999,99" },
    { 1500, "JPY", "\3", "JPY 1.500" },
    { 123456789, "JPY", "\3\2", "JPY 12.34.56.789" },
    { 123456789, "JPY", (const char[]) { 3, CHAR_MAX, 0 }, "JPY 123456.789" },
    { 123456789, "JPY", "", "JPY 123456789" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      text = _crm_money_format_full (cases[i].minor, cases[i].currency,
                                     ",", ".", cases[i].grouping);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_money_exponent (void)
{
  g_assert_cmpuint (crm_currency_get_exponent ("EUR"), ==, 2);
  g_assert_cmpuint (crm_currency_get_exponent ("HUF"), ==, 2);
  g_assert_cmpuint (crm_currency_get_exponent ("XYZ"), ==, 2);
  g_assert_cmpuint (crm_currency_get_exponent ("JPY"), ==, 0);
  g_assert_cmpuint (crm_currency_get_exponent ("KRW"), ==, 0);
  g_assert_cmpuint (crm_currency_get_exponent ("XPF"), ==, 0);
  g_assert_cmpuint (crm_currency_get_exponent ("KWD"), ==, 3);
  g_assert_cmpuint (crm_currency_get_exponent ("OMR"), ==, 3);
}

static void
test_money_weighted (void)
{
  g_assert_cmpint (crm_money_weighted (100000, 50), ==, 50000);
  g_assert_cmpint (crm_money_weighted (100000, 0), ==, 0);
  g_assert_cmpint (crm_money_weighted (100000, 100), ==, 100000);

  /* Half up, and half away from zero below it. */
  g_assert_cmpint (crm_money_weighted (1, 50), ==, 1);
  g_assert_cmpint (crm_money_weighted (1, 49), ==, 0);
  g_assert_cmpint (crm_money_weighted (3, 50), ==, 2);
  g_assert_cmpint (crm_money_weighted (5, 10), ==, 1);
  g_assert_cmpint (crm_money_weighted (-1, 50), ==, -1);
  g_assert_cmpint (crm_money_weighted (-3, 50), ==, -2);
  g_assert_cmpint (crm_money_weighted (-1, 49), ==, 0);
  g_assert_cmpint (crm_money_weighted (250050, 70), ==, 175035);
  g_assert_cmpint (crm_money_weighted (10, 25), ==, 3);

  /* No overflow, no floating point. */
  g_assert_cmpint (crm_money_weighted (G_MAXINT64, 100), ==, G_MAXINT64);
  g_assert_cmpint (crm_money_weighted (G_MAXINT64, 50), ==,
                   G_GINT64_CONSTANT (4611686018427387904));
  g_assert_cmpint (crm_money_weighted (G_MININT64, 100), ==, G_MININT64);
}

/* Dates */

static void
set_time_zone (const char *tz)
{
  if (tz != NULL)
    g_setenv ("TZ", tz, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
}

static void
assert_date (const char *text,
             const char *expected)
{
  g_autoptr(GDate) date = crm_date_parse (text);
  g_autofree char *formatted = NULL;

  if (expected == NULL)
    {
      g_assert_null (date);
      return;
    }

  g_assert_nonnull (date);
  formatted = crm_date_format (date);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_date_parse (void)
{
  assert_date ("2025-07-10", "2025-07-10");
  assert_date ("2024-02-29", "2024-02-29");
  assert_date ("0999-01-02", "0999-01-02");

  assert_date ("2025-02-29", NULL);
  assert_date ("2025-02-30", NULL);
  assert_date ("2025-13-01", NULL);
  assert_date ("2025-00-10", NULL);
  assert_date ("0000-01-01", NULL);
  assert_date ("2025-7-10", NULL);
  assert_date ("2025/07/10", NULL);
  assert_date (" 2025-07-10", NULL);
  assert_date ("2025-07-10 ", NULL);
  assert_date ("2025-07-10x", NULL);
  assert_date ("2025-07-10T", NULL);
  assert_date ("2025-07-10 08:00:00", "2025-07-10");
  assert_date ("+025-07-10", NULL);
  assert_date ("", NULL);
}

static void
test_date_prefix_zone (void)
{
  const char *zones[] = { "Pacific/Auckland", "America/Los_Angeles", "UTC" };

  /* D2: a timestamp given for a date is taken as written, whatever the
   * local zone or the timestamp's own offset. */
  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      set_time_zone (zones[i]);

      assert_date ("2025-07-10T00:00:00.000Z", "2025-07-10");
      assert_date ("2025-07-10T23:30:00-08:00", "2025-07-10");
      assert_date ("2025-07-10T00:30:00+13:00", "2025-07-10");
    }

  set_time_zone (NULL);
}

static void
test_date_today (void)
{
  const char *zones[] = { "Pacific/Auckland", "America/Los_Angeles" };

  for (guint i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autoptr(GDate) today = NULL;
      g_autoptr(GDateTime) now = NULL;
      int year, month, day;

      set_time_zone (zones[i]);
      today = crm_date_today_local ();
      now = g_date_time_new_now_local ();
      g_date_time_get_ymd (now, &year, &month, &day);

      /* Tolerate the test running across a midnight. */
      if (g_date_get_day (today) != day)
        continue;
      g_assert_cmpint (g_date_get_year (today), ==, year);
      g_assert_cmpint (g_date_get_month (today), ==, month);
    }

  set_time_zone (NULL);
}

static void
assert_timestamp (const char *text,
                  const char *expected)
{
  g_autoptr(GDateTime) parsed = crm_timestamp_parse (text);
  g_autofree char *formatted = NULL;

  if (expected == NULL)
    {
      g_assert_null (parsed);
      return;
    }

  g_assert_nonnull (parsed);
  g_assert_cmpint (g_date_time_get_utc_offset (parsed), ==, 0);
  formatted = crm_timestamp_format (parsed);
  g_assert_cmpstr (formatted, ==, expected);
}

static void
test_timestamp_round_trip (void)
{
  g_autofree char *now = crm_timestamp_now ();

  assert_timestamp ("2025-07-10T12:34:56.789Z", "2025-07-10T12:34:56.789Z");
  assert_timestamp ("2025-07-10T12:34:56Z", "2025-07-10T12:34:56.000Z");
  assert_timestamp ("2025-07-10T01:00:00.500+02:00", "2025-07-09T23:00:00.500Z");
  assert_timestamp ("2025-07-10T12:00:00", "2025-07-10T12:00:00.000Z");
  assert_timestamp ("2025-07-10", "2025-07-10T00:00:00.000Z");
  assert_timestamp ("2025-02-30", NULL);
  assert_timestamp ("yesterday", NULL);
  assert_timestamp ("", NULL);

  g_assert_cmpuint (strlen (now), ==, strlen ("2025-07-10T12:34:56.789Z"));
  assert_timestamp (now, now);

  /* Stored timestamps are UTC whatever the local zone. */
  set_time_zone ("Pacific/Auckland");
  assert_timestamp ("2025-07-10T00:00:00.000Z", "2025-07-10T00:00:00.000Z");
  set_time_zone (NULL);
}

/* Records */

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_record_notify (void)
{
  g_autoptr(CrmCustomer) customer = g_object_new (CRM_TYPE_CUSTOMER, NULL);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 7, 10, 9, 0, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2025, 7, 10, 9, 0, 0);
  guint name_count = 0;
  guint status_count = 0;
  guint kind_count = 0;
  guint when_count = 0;

  g_signal_connect (customer, "notify::name", G_CALLBACK (count_notify_cb), &name_count);
  g_signal_connect (customer, "notify::status", G_CALLBACK (count_notify_cb), &status_count);
  g_signal_connect (customer, "notify::status-kind", G_CALLBACK (count_notify_cb),
                    &kind_count);
  g_signal_connect (customer, "notify::created-at", G_CALLBACK (count_notify_cb),
                    &when_count);

  g_object_set (customer, "name", "Orchard Tools", NULL);
  g_object_set (customer, "name", "Orchard Tools", NULL);
  g_assert_cmpuint (name_count, ==, 1);
  g_assert_cmpstr (crm_customer_get_name (customer), ==, "Orchard Tools");

  g_object_set (customer, "created-at", when, NULL);
  g_object_set (customer, "created-at", same, NULL);
  g_assert_cmpuint (when_count, ==, 1);
  g_object_set (customer, "created-at", NULL, NULL);
  g_assert_cmpuint (when_count, ==, 2);

  g_object_set (customer, "status", "Working Lead", NULL);
  g_object_set (customer, "status", "Working Lead", NULL);
  g_assert_cmpuint (status_count, ==, 1);
  g_assert_cmpuint (kind_count, ==, 1);
  g_assert_cmpint (crm_customer_get_status_kind (customer), ==, CRM_STATUS_WORKING_LEAD);

  /* Two unknown statuses: the status changes, its kind does not. */
  g_object_set (customer, "status", "Lead", NULL);
  g_object_set (customer, "status", "Churned", NULL);
  g_assert_cmpuint (status_count, ==, 3);
  g_assert_cmpuint (kind_count, ==, 2);
  g_assert_cmpint (crm_customer_get_status_kind (customer), ==, CRM_STATUS_OTHER);
  g_assert_cmpstr (crm_customer_get_status (customer), ==, "Churned");
}

static void
test_record_defaults (void)
{
  g_autoptr(CrmCustomer) customer = g_object_new (CRM_TYPE_CUSTOMER, "id", (gint64) 7, NULL);
  g_autoptr(CrmContact) contact = g_object_new (CRM_TYPE_CONTACT, NULL);
  g_autoptr(CrmOpportunity) opportunity = g_object_new (CRM_TYPE_OPPORTUNITY, NULL);
  g_autoptr(CrmStage) stage = g_object_new (CRM_TYPE_STAGE, NULL);
  g_autoptr(CrmTask) task = g_object_new (CRM_TYPE_TASK, NULL);
  CrmStatusKind kind;

  g_assert_cmpint (crm_record_get_id (CRM_RECORD (customer)), ==, 7);
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (contact)), ==, 0);

  g_assert_cmpstr (crm_customer_get_status (customer), ==, "New Lead");
  g_object_get (customer, "status-kind", &kind, NULL);
  g_assert_cmpint (kind, ==, CRM_STATUS_NEW_LEAD);
  g_assert_cmpstr (crm_customer_get_name (customer), ==, "");
  g_assert_null (crm_customer_get_owner (customer));
  g_assert_nonnull (crm_customer_get_attributes (customer));
  g_assert_cmpuint (json_object_get_size (crm_customer_get_attributes (customer)), ==, 0);
  g_assert_cmpuint (g_strv_length ((char **) crm_customer_get_tags (customer)), ==, 0);

  g_assert_cmpint (crm_contact_get_position (contact), ==, 1);
  g_assert_nonnull (crm_contact_get_custom (contact));

  g_assert_cmpint (crm_opportunity_get_win_likelihood (opportunity), ==, -1);
  g_assert_cmpstr (crm_opportunity_get_opportunity_type (opportunity), ==, "recurring");
  g_assert_null (crm_opportunity_get_close_on (opportunity));
  g_assert_cmpint (crm_stage_get_stale_days (stage), ==, -1);
  g_assert_cmpstr (crm_stage_get_forecast_category (stage), ==, "pipeline");
  g_assert_cmpstr (crm_task_get_kind (task), ==, "follow-up");
  g_assert_false (crm_task_is_done (task));
}

static void
test_record_boxed_fields (void)
{
  g_autoptr(CrmCustomer) customer = g_object_new (CRM_TYPE_CUSTOMER, NULL);
  g_autoptr(CrmTask) task = g_object_new (CRM_TYPE_TASK, NULL);
  g_autoptr(GDate) due = g_date_new_dmy (10, G_DATE_JULY, 2025);
  g_autoptr(GDate) same_due = g_date_new_dmy (10, G_DATE_JULY, 2025);
  g_autoptr(JsonObject) attributes = json_object_new ();
  g_autoptr(JsonObject) same_attributes = json_object_new ();
  g_autoptr(GDateTime) done = g_date_time_new_utc (2025, 7, 11, 8, 0, 0);
  const char *tags[] = { "pilot", "dach", NULL };
  g_auto(GStrv) read_tags = NULL;
  guint due_count = 0;
  guint attributes_count = 0;
  guint tags_count = 0;

  g_signal_connect (task, "notify::due-on", G_CALLBACK (count_notify_cb), &due_count);
  g_object_set (task, "due-on", due, NULL);
  g_object_set (task, "due-on", same_due, NULL);
  g_assert_cmpuint (due_count, ==, 1);
  g_assert_cmpint (g_date_compare (crm_task_get_due_on (task), due), ==, 0);

  g_object_set (task, "completed-at", done, NULL);
  g_assert_true (crm_task_is_done (task));

  json_object_set_string_member (attributes, "industry", "Manufacturing");
  json_object_set_string_member (same_attributes, "industry", "Manufacturing");
  g_signal_connect (customer, "notify::attributes", G_CALLBACK (count_notify_cb),
                    &attributes_count);
  g_object_set (customer, "attributes", attributes, NULL);
  g_object_set (customer, "attributes", same_attributes, NULL);
  g_assert_cmpuint (attributes_count, ==, 1);
  g_object_set (customer, "attributes", NULL, NULL);
  g_assert_cmpuint (attributes_count, ==, 2);
  g_assert_cmpuint (json_object_get_size (crm_customer_get_attributes (customer)), ==, 0);

  g_signal_connect (customer, "notify::tags", G_CALLBACK (count_notify_cb), &tags_count);
  g_object_set (customer, "tags", tags, NULL);
  g_object_set (customer, "tags", tags, NULL);
  g_assert_cmpuint (tags_count, ==, 1);
  g_object_get (customer, "tags", &read_tags, NULL);
  g_assert_true (g_strv_equal ((const char * const *) read_tags, tags));
  g_object_set (customer, "tags", NULL, NULL);
  g_assert_cmpuint (tags_count, ==, 2);
  g_assert_cmpuint (g_strv_length ((char **) crm_customer_get_tags (customer)), ==, 0);
}

static void
test_record_names (void)
{
  g_autoptr(CrmCustomer) customer = g_object_new (CRM_TYPE_CUSTOMER, NULL);
  g_autoptr(CrmContact) contact = g_object_new (CRM_TYPE_CONTACT, NULL);
  g_autofree char *full = NULL;
  g_autofree char *first_only = NULL;
  g_autofree char *none = NULL;

  g_assert_cmpstr (crm_customer_get_display_name (customer), ==, "Unnamed customer");
  g_object_set (customer, "email", "info@orchard.example", NULL);
  g_assert_cmpstr (crm_customer_get_display_name (customer), ==, "info@orchard.example");
  g_object_set (customer, "company", "Orchard Tools", NULL);
  g_assert_cmpstr (crm_customer_get_display_name (customer), ==, "Orchard Tools");
  g_object_set (customer, "name", "Orchard Tools GmbH", NULL);
  g_assert_cmpstr (crm_customer_get_display_name (customer), ==, "Orchard Tools GmbH");

  none = crm_contact_dup_full_name (contact);
  g_assert_cmpstr (none, ==, "");
  g_object_set (contact, "first-name", "Lena", NULL);
  first_only = crm_contact_dup_full_name (contact);
  g_assert_cmpstr (first_only, ==, "Lena");
  g_object_set (contact, "last-name", "Maier", NULL);
  full = crm_contact_dup_full_name (contact);
  g_assert_cmpstr (full, ==, "Lena Maier");
}

/* Checks each type against the schema, the single source of truth: one
 * property per column, named and typed by the rules of CrmRecord. */
static GType
expected_type (const char *column,
               const char *sql_type)
{
  if (g_str_equal (sql_type, "INTEGER"))
    return g_str_equal (column, "enabled") ? G_TYPE_BOOLEAN : G_TYPE_INT64;
  if (g_str_has_suffix (column, "_at"))
    return G_TYPE_DATE_TIME;
  if (g_str_has_suffix (column, "_on"))
    return G_TYPE_DATE;
  if (g_str_equal (column, "attributes") || g_str_equal (column, "custom"))
    return JSON_TYPE_OBJECT;

  return G_TYPE_STRING;
}

static void
check_table (const char *sql,
             const char *table,
             GType       type)
{
  g_autofree char *head = g_strdup_printf ("CREATE TABLE %s (\n", table);
  g_autoptr(GTypeClass) type_class = g_type_class_ref (type);
  GObjectClass *klass = G_OBJECT_CLASS (type_class);
  g_autoptr(GRegex) column_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *body = NULL;
  const char *start;
  guint n_columns = 0;
  guint n_properties = 0;

  start = strstr (sql, head);
  g_assert_nonnull (start);
  start += strlen (head);
  body = g_strndup (start, strstr (start, "\n);") - start);

  column_re = g_regex_new ("^  ([a-z_]+) +(INTEGER|TEXT)", G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (column_re, body, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *column = g_match_info_fetch (match, 1);
      g_autofree char *sql_type = g_match_info_fetch (match, 2);
      g_autofree char *name = g_strdelimit (g_strdup (column), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (klass, name);

      g_test_message ("%s.%s", table, column);
      g_assert_nonnull (pspec);
      g_assert_true (pspec->flags & G_PARAM_WRITABLE);
      g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_cmpstr (g_type_name (pspec->value_type), ==,
                       g_type_name (expected_type (column, sql_type)));
      n_columns++;
    }

  /* Nothing but the columns, plus what a customer derives from them. */
  g_free (g_object_class_list_properties (klass, &n_properties));
  if (type == CRM_TYPE_CUSTOMER)
    n_properties -= 2;
  g_assert_cmpuint (n_properties, ==, n_columns);
}

static void
test_record_schema (void)
{
  g_autofree char *path = NULL;
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  struct {
    const char *table;
    GType type;
  } tables[] = {
    { "customers", CRM_TYPE_CUSTOMER },
    { "contacts", CRM_TYPE_CONTACT },
    { "activities", CRM_TYPE_ACTIVITY },
    { "tasks", CRM_TYPE_TASK },
    { "opportunities", CRM_TYPE_OPPORTUNITY },
    { "pipelines", CRM_TYPE_PIPELINE },
    { "stages", CRM_TYPE_STAGE },
    { "templates", CRM_TYPE_TEMPLATE },
    { "saved_lists", CRM_TYPE_SAVED_LIST },
  };

  path = g_test_build_filename (G_TEST_DIST, "..", "src", "store", "migrations",
                                "0001-initial.sql", NULL);
  g_file_get_contents (path, &sql, NULL, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    check_table (sql, tables[i].table, tables[i].type);
}

/* Filters */

static CrmFilter *
new_my_leads_filter (void)
{
  CrmFilter *filter = crm_filter_new ();

  crm_filter_add (filter, "owner", CRM_FILTER_OP_IS_ME, NULL);
  crm_filter_add (filter, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));

  return filter;
}

static void
test_filter_equal (void)
{
  g_autoptr(CrmFilter) a = new_my_leads_filter ();
  g_autoptr(CrmFilter) b = new_my_leads_filter ();
  g_autoptr(CrmFilter) other_value = crm_filter_new ();
  g_autoptr(CrmFilter) other_op = crm_filter_new ();
  g_autoptr(CrmFilter) other_order = crm_filter_new ();
  g_autoptr(CrmFilter) shorter = crm_filter_new ();
  g_autoptr(CrmFilter) copy = NULL;

  crm_filter_add (other_value, "owner", CRM_FILTER_OP_IS_ME, NULL);
  crm_filter_add (other_value, "status", CRM_FILTER_OP_IS,
                  g_variant_new_string ("Working Lead"));
  crm_filter_add (other_op, "owner", CRM_FILTER_OP_IS_ME, NULL);
  crm_filter_add (other_op, "status", CRM_FILTER_OP_IS_NOT,
                  g_variant_new_string ("New Lead"));
  crm_filter_add (other_order, "status", CRM_FILTER_OP_IS,
                  g_variant_new_string ("New Lead"));
  crm_filter_add (other_order, "owner", CRM_FILTER_OP_IS_ME, NULL);
  crm_filter_add (shorter, "owner", CRM_FILTER_OP_IS_ME, NULL);

  g_assert_true (crm_filter_equal (a, b));
  g_assert_true (crm_filter_equal (a, a));
  g_assert_true (crm_filter_equal (NULL, NULL));
  g_assert_false (crm_filter_equal (a, NULL));
  g_assert_false (crm_filter_equal (a, other_value));
  g_assert_false (crm_filter_equal (a, other_op));
  g_assert_false (crm_filter_equal (a, other_order));
  g_assert_false (crm_filter_equal (a, shorter));

  copy = g_boxed_copy (CRM_TYPE_FILTER, a);
  g_assert_true (copy == a);
  crm_filter_unref (copy);
  copy = NULL;
}

static void
test_filter_conditions (void)
{
  g_autoptr(CrmFilter) filter = new_my_leads_filter ();
  g_autoptr(GVariant) kept = g_variant_ref_sink (g_variant_new_int64 (3));
  GVariant *value = NULL;
  CrmFilterOp op;

  g_assert_cmpuint (crm_filter_get_n_children (filter), ==, 2);

  g_assert_cmpstr (crm_filter_get_field (crm_filter_get_child (filter, 0), &op, &value), ==,
                   "owner");
  g_assert_cmpint (op, ==, CRM_FILTER_OP_IS_ME);
  g_assert_null (value);

  g_assert_cmpstr (crm_filter_get_field (crm_filter_get_child (filter, 1), &op, &value), ==,
                   "status");
  g_assert_cmpint (op, ==, CRM_FILTER_OP_IS);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "New Lead");

  /* A full reference is not taken over: the caller keeps its own. */
  crm_filter_add (filter, "pipeline-id", CRM_FILTER_OP_IS_NOT, kept);
  g_assert_cmpstr (crm_filter_get_field (crm_filter_get_child (filter, 2), NULL, &value), ==,
                   "pipeline-id");
  g_assert_true (value == kept);
  g_assert_cmpint (g_variant_get_int64 (kept), ==, 3);
}

/* Fields a person may clear come as maybe strings; both read alike. */
static void
test_vardict_strings (void)
{
  g_autoptr(GVariant) fields = g_variant_ref_sink (
    g_variant_new_parsed ("{'owner': <@ms 'tina@example.com'>, 'city': <@ms nothing>,"
                          " 'name': <'Birch Labs'>, 'seats': <int64 4>}"));

  g_assert_cmpstr (crm_vardict_get_string (fields, "owner"), ==, "tina@example.com");
  g_assert_cmpstr (crm_vardict_get_string (fields, "name"), ==, "Birch Labs");
  g_assert_null (crm_vardict_get_string (fields, "city"));
  g_assert_null (crm_vardict_get_string (fields, "seats"));
  g_assert_null (crm_vardict_get_string (fields, "country"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/core/status/parse", test_status_parse);
  g_test_add_func ("/crm/core/status/person-settable", test_status_person_settable);
  g_test_add_func ("/crm/core/money/format", test_money_format);
  g_test_add_func ("/crm/core/money/grouping", test_money_grouping);
  g_test_add_func ("/crm/core/money/exponent", test_money_exponent);
  g_test_add_func ("/crm/core/money/weighted", test_money_weighted);
  g_test_add_func ("/crm/core/date/parse", test_date_parse);
  g_test_add_func ("/crm/core/date/prefix-zone", test_date_prefix_zone);
  g_test_add_func ("/crm/core/date/today", test_date_today);
  g_test_add_func ("/crm/core/date/timestamp", test_timestamp_round_trip);
  g_test_add_func ("/crm/core/record/notify", test_record_notify);
  g_test_add_func ("/crm/core/record/defaults", test_record_defaults);
  g_test_add_func ("/crm/core/record/boxed-fields", test_record_boxed_fields);
  g_test_add_func ("/crm/core/record/names", test_record_names);
  g_test_add_func ("/crm/core/record/schema", test_record_schema);
  g_test_add_func ("/crm/core/filter/equal", test_filter_equal);
  g_test_add_func ("/crm/core/filter/conditions", test_filter_conditions);
  g_test_add_func ("/crm/core/vardict/strings", test_vardict_strings);

  return g_test_run ();
}
