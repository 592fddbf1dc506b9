/* test-filter.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "crm-core.h"
#include "crm-store.h"
#include "test-util.h"

/* Texts in the canonical form: each must print back exactly. */
static const char * const canonical[] = {
  "",
  "owner is me",
  "owner is me and status is \"New Lead\"",
  "status is not \"Active\"",
  "name contains \"orch\" and email does not contain \"@example.org\"",
  "website is empty or linkedin is present",
  "status is one of (\"New Lead\", \"Working Lead\")",
  "attr.seats = 5",
  "attr.seats != 5",
  "attr.seats < 5 and attr.seats > -2 and attr.seats <= 4.5 and attr.seats >= 1",
  "attr.seats between 5 and 10",
  "created_at on 2025-06-30",
  "created_at before 2025-06-30 or created_at after 2025-07-01",
  "created_at between 2025-01-01 and 2025-03-31",
  "last_activity within 30 days",
  "attr.trial is true",
  "has_open_tasks is false",
  "tags has any of (\"pilot\", \"dach\")",
  "tags has all of (\"pilot\") and tags has none of (\"smb\")",
  "(country is \"AT\" or country is \"DE\") and status is \"Working Lead\"",
  "country is \"AT\" and status is \"New Lead\" or owner is me",
  "not (country is \"AT\" or country is \"DE\")",
  "not status is \"Active\"",
  "not (country is \"AT\" and status is \"New Lead\")",
  "name is \"Say \\\"hi\\\" \\\\ bye\"",
  "name is \"Café Noir €\"",
};

static void
test_round_trip (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (canonical); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CrmFilter) filter = crm_filter_parse (canonical[i], &error);
      g_autofree char *printed = NULL;

      g_assert_no_error (error);
      printed = crm_filter_to_string (filter);
      g_assert_cmpstr (printed, ==, canonical[i]);
      g_assert_true (crm_filter_check (filter, CRM_ENTITY_CUSTOMER, &error));
      g_assert_no_error (error);
    }
}

static void
assert_normalizes (const char *text,
                   const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, &error);
  g_autofree char *printed = NULL;

  g_assert_no_error (error);
  printed = crm_filter_to_string (filter);
  g_assert_cmpstr (printed, ==, expected);
}

static void
test_normalize (void)
{
  assert_normalizes ("  owner   is me  ", "owner is me");
  assert_normalizes ("(a is \"1\" and b is \"2\") and c is \"3\"",
                     "a is \"1\" and b is \"2\" and c is \"3\"");
  assert_normalizes ("((a is \"1\"))", "a is \"1\"");
  assert_normalizes ("a is \"1\" or (b is \"2\" and c is \"3\")",
                     "a is \"1\" or b is \"2\" and c is \"3\"");
  assert_normalizes ("attr.seats is 5", "attr.seats = 5");
  assert_normalizes ("attr.seats ≥ 5 and attr.seats ≠ 7", "attr.seats >= 5 and attr.seats != 7");
}

static void
assert_syntax_error (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, &error);

  g_assert_null (filter);
  g_assert_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX);
}

static void
test_syntax_errors (void)
{
  assert_syntax_error ("owner");
  assert_syntax_error ("owner is");
  assert_syntax_error ("owner is me and");
  assert_syntax_error ("(owner is me");
  assert_syntax_error ("owner is me)");
  assert_syntax_error ("name is \"unterminated");
  assert_syntax_error ("created_at on 2025-02-30");
  assert_syntax_error ("created_at within days");
  assert_syntax_error ("tags has some of (\"a\")");
  assert_syntax_error ("tags has any of ()");
  assert_syntax_error ("is is \"x\"");
  assert_syntax_error ("name is \"x\"; DROP TABLE customers");
}

static void
assert_check_fails (const char     *text,
                    CrmFilterError  code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, &error);

  g_assert_no_error (error);
  g_assert_false (crm_filter_check (filter, CRM_ENTITY_CUSTOMER, &error));
  g_assert_error (error, CRM_FILTER_ERROR, (int) code);
}

static void
test_check (void)
{
  assert_check_fails ("nickname is \"x\"", CRM_FILTER_ERROR_FIELD);
  assert_check_fails ("custom.seats is 1", CRM_FILTER_ERROR_FIELD);
  assert_check_fails ("status < 5", CRM_FILTER_ERROR_OPERATOR);
  assert_check_fails ("tags is \"x\"", CRM_FILTER_ERROR_OPERATOR);
  assert_check_fails ("name is me", CRM_FILTER_ERROR_OPERATOR);
  assert_check_fails ("name is 5", CRM_FILTER_ERROR_VALUE);
  assert_check_fails ("created_at is \"x\"", CRM_FILTER_ERROR_VALUE);
}

/* Every operator against a small book, through the store's SQL. */
static CrmStore *
make_book (void)
{
  CrmStore *store = test_open_store ();
  gint64 a, b;

  crm_store_set_today (store, "2025-06-30");
  test_set_setting (store, "me.email", "sam.ortiz@prospect.example");

  a = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'Orchard Tools'>, 'country': <'AT'>,"
                                         " 'owner': <'sam.ortiz@prospect.example'>,"
                                         " 'email': <'info@orchard.example'>,"
                                         " 'attributes': <'{\"seats\": 45, \"trial\": true,"
                                         " \"industry\": \"Manufacturing\"}'>,"
                                         " 'created_at': <'2025-06-30T08:00:00.000Z'>}"));
  b = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'Harbor Optics'>, 'country': <'DE'>,"
                                         " 'status': <'Working Lead'>,"
                                         " 'website': <'harbor.example'>,"
                                         " 'attributes': <'{\"seats\": 5}'>,"
                                         " 'created_at': <'2025-01-15T08:00:00.000Z'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Maple Foods'>, 'status': <'Active'>,"
                                     " 'created_at': <'2024-12-01T08:00:00.000Z'>}"));
  test_insert (store, CRM_ENTITY_TASK,
               g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Demo'>}", a));
  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>,"
                                     " 'occurred_at': <'2025-06-20T10:00:00.000Z'>}", b));

  test_set_tags (store, a, (const char *[]) { "pilot", "dach", NULL });
  test_set_tags (store, b, (const char *[]) { "pilot", NULL });

  return store;
}

static char *
names_for (CrmStore   *store,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  g_assert_no_error (error);
  ids = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, filter, NULL, "name", FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmCustomer) customer = NULL;

      customer = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER,
                                               g_array_index (ids, gint64, i), NULL));
      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                              crm_customer_get_name (customer));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define assert_selects(store, text, expected) \
  G_STMT_START { \
    g_autofree char *got = names_for (store, text); \
    g_assert_cmpstr (got, ==, expected); \
  } G_STMT_END

static void
test_operators (void)
{
  g_autoptr(CrmStore) store = make_book ();

  assert_selects (store, "", "Harbor Optics, Maple Foods, Orchard Tools");
  assert_selects (store, "owner is me", "Orchard Tools");
  assert_selects (store, "status is \"New Lead\"", "Orchard Tools");
  assert_selects (store, "status is not \"New Lead\"", "Harbor Optics, Maple Foods");
  assert_selects (store, "country is not \"AT\"", "Harbor Optics, Maple Foods");
  assert_selects (store, "name contains \"OPTIC\"", "Harbor Optics");
  assert_selects (store, "email does not contain \"orchard\"", "Harbor Optics, Maple Foods");
  assert_selects (store, "website is empty", "Maple Foods, Orchard Tools");
  assert_selects (store, "website is present", "Harbor Optics");
  assert_selects (store, "status is one of (\"Active\", \"Working Lead\")",
                  "Harbor Optics, Maple Foods");
  assert_selects (store, "attr.seats = 45", "Orchard Tools");
  assert_selects (store, "attr.seats != 45", "Harbor Optics, Maple Foods");
  assert_selects (store, "attr.seats < 45", "Harbor Optics");
  assert_selects (store, "attr.seats > 5", "Orchard Tools");
  assert_selects (store, "attr.seats <= 45", "Harbor Optics, Orchard Tools");
  assert_selects (store, "attr.seats >= 46", "");
  assert_selects (store, "attr.seats between 5 and 44.5", "Harbor Optics");
  assert_selects (store, "attr.industry is \"Manufacturing\"", "Orchard Tools");
  assert_selects (store, "attr.trial is true", "Orchard Tools");
  assert_selects (store, "created_at on 2025-06-30", "Orchard Tools");
  assert_selects (store, "created_at before 2025-01-15", "Maple Foods");
  assert_selects (store, "created_at after 2025-01-15", "Orchard Tools");
  assert_selects (store, "created_at between 2025-01-01 and 2025-06-29", "Harbor Optics");
  assert_selects (store, "created_at within 180 days", "Harbor Optics, Orchard Tools");
  assert_selects (store, "last_activity within 10 days", "Harbor Optics");
  assert_selects (store, "last_activity is empty", "Maple Foods, Orchard Tools");
  assert_selects (store, "has_open_tasks is true", "Orchard Tools");
  assert_selects (store, "has_open_tasks is false", "Harbor Optics, Maple Foods");
  assert_selects (store, "tags has any of (\"dach\", \"smb\")", "Orchard Tools");
  assert_selects (store, "tags has all of (\"pilot\", \"dach\")", "Orchard Tools");
  assert_selects (store, "tags has none of (\"dach\")", "Harbor Optics, Maple Foods");
  assert_selects (store, "tags is empty", "Maple Foods");
  assert_selects (store, "(country is \"AT\" or country is \"DE\") and status is \"Working Lead\"",
                  "Harbor Optics");
  assert_selects (store, "not (country is \"AT\" or country is \"DE\")", "Maple Foods");
  assert_selects (store, "not attr.seats > 5", "Harbor Optics, Maple Foods");

  /* LIKE's wildcards in a value are only themselves. */
  assert_selects (store, "name contains \"r_O\"", "");
  assert_selects (store, "name contains \"%\"", "");
  assert_selects (store, "name does not contain \"r_O\"",
                  "Harbor Optics, Maple Foods, Orchard Tools");

  /* Tags beside other conditions, at the top and within "or". */
  assert_selects (store, "tags has any of (\"pilot\") and country is \"DE\"", "Harbor Optics");
  assert_selects (store, "tags is present and not country is \"AT\"", "Harbor Optics");
  assert_selects (store, "tags has none of (\"dach\") and tags has any of (\"pilot\")",
                  "Harbor Optics");
  assert_selects (store, "tags has any of (\"dach\") or status is \"Active\"",
                  "Maple Foods, Orchard Tools");
}

/* Case L1: stale working leads at N = 30 on 2025-06-30. */
static void
test_stale_working_leads (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  const char *stale = "status is \"Working Lead\" and not idle_since within 30 days";
  gint64 a, b;

  crm_store_set_today (store, "2025-06-30");
  a = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'A'>, 'status': <'Working Lead'>,"
                                         " 'created_at': <'2025-01-01T10:00:00.000Z'>}"));
  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                     " 'occurred_at': <'2025-05-30T10:00:00.000Z'>}", a));
  b = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'B'>, 'status': <'Working Lead'>,"
                                         " 'created_at': <'2025-01-01T10:00:00.000Z'>}"));
  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>,"
                                     " 'occurred_at': <'2025-06-01T10:00:00.000Z'>}", b));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'C'>, 'status': <'Working Lead'>,"
                                     " 'created_at': <'2025-01-01T10:00:00.000Z'>,"
                                     " 'status_changed_at': <'2025-05-15T10:00:00.000Z'>}"));

  assert_selects (store, stale, "A, C");

  test_insert (store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'note'>,"
                                     " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}", a));
  assert_selects (store, stale, "C");
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/filter/round-trip", test_round_trip);
  g_test_add_func ("/crm/filter/normalize", test_normalize);
  g_test_add_func ("/crm/filter/syntax-errors", test_syntax_errors);
  g_test_add_func ("/crm/filter/check", test_check);
  g_test_add_func ("/crm/filter/operators", test_operators);
  g_test_add_func ("/crm/filter/stale-working-leads", test_stale_working_leads);

  return g_test_run ();
}
