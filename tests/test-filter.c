/* test-filter.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include "crm-core.h"
#include "crm-filter-fields.h"
#include "crm-store.h"
#include "crm-store-private.h"
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
  assert_normalizes ("attr.seats ≥ 5 and attr.seats ≠ 7",
                     "attr.seats >= 5 and attr.seats != 7");
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
                                         " \"industry\": \"Manufacturing\","
                                         " \"last_login\": \"2025-06-28T10:00:00Z\"}'>,"
                                         " 'created_at': <'2025-06-30T08:00:00.000Z'>}"));
  b = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'Harbor Optics'>, 'country': <'DE'>,"
                                         " 'status': <'Working Lead'>,"
                                         " 'website': <'harbor.example'>,"
                                         " 'attributes': <'{\"seats\": 5,"
                                         " \"last_login\": \"2025-05-01\"}'>,"
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

  /* Custom attributes take every comparison of their values' type. */
  assert_selects (store, "attr.seats is one of (5, 45)", "Harbor Optics, Orchard Tools");
  assert_selects (store, "attr.industry contains \"manu\"", "Orchard Tools");
  assert_selects (store, "attr.industry does not contain \"manu\"", "Harbor Optics, Maple Foods");
  assert_selects (store, "attr.industry is present", "Orchard Tools");
  assert_selects (store, "attr.industry is empty", "Harbor Optics, Maple Foods");
  assert_selects (store, "attr.last_login within 7 days", "Orchard Tools");
  assert_selects (store, "attr.last_login on 2025-06-28", "Orchard Tools");
  assert_selects (store, "attr.last_login is not 2025-06-28", "Harbor Optics, Maple Foods");
  assert_selects (store, "attr.last_login before 2025-06-01", "Harbor Optics");
  assert_selects (store, "attr.last_login after 2025-05-01", "Orchard Tools");
  assert_selects (store, "attr.last_login between 2025-04-01 and 2025-05-31", "Harbor Optics");
  assert_selects (store, "attr.last_login is empty", "Maple Foods");

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

/* Every comparison the grammar allows, over every built-in field of
 * customers, opportunities and tasks and over custom attributes: each
 * prints back as it was read and runs in SQL. */

static const char *
sample_value (CrmFieldType type,
              CrmFilterOp  op,
              gboolean     custom_date)
{
  gboolean dates = type == CRM_FIELD_DATE || type == CRM_FIELD_TIMESTAMP || custom_date;

  switch (op)
    {
    case CRM_FILTER_OP_IS_ME:
    case CRM_FILTER_OP_IS_EMPTY:
    case CRM_FILTER_OP_IS_PRESENT:
      return "";
    case CRM_FILTER_OP_IS_ONE_OF:
    case CRM_FILTER_OP_HAS_ANY:
    case CRM_FILTER_OP_HAS_ALL:
    case CRM_FILTER_OP_HAS_NONE:
      return " (\"pilot\", \"dach\")";
    case CRM_FILTER_OP_BETWEEN:
      return dates ? " 2025-01-01 and 2025-06-30" : " 5 and 50";
    case CRM_FILTER_OP_ON:
    case CRM_FILTER_OP_BEFORE:
    case CRM_FILTER_OP_AFTER:
      return " 2025-06-30";
    case CRM_FILTER_OP_WITHIN_DAYS:
      return " 30 days";
    case CRM_FILTER_OP_LESS:
    case CRM_FILTER_OP_GREATER:
    case CRM_FILTER_OP_LESS_EQUAL:
    case CRM_FILTER_OP_GREATER_EQUAL:
      return " 5";
    case CRM_FILTER_OP_IS:
    case CRM_FILTER_OP_IS_NOT:
    case CRM_FILTER_OP_CONTAINS:
    case CRM_FILTER_OP_NOT_CONTAINS:
    default:
      if (type == CRM_FIELD_NUMBER)
        return " 5";
      if (type == CRM_FIELD_BOOLEAN)
        return " true";
      if (dates)
        return " 2025-06-30";
      return " \"pilot\"";
    }
}

static guint
check_field (CrmStore      *store,
             CrmEntityKind  kind,
             const char    *field,
             CrmFieldType   type,
             gboolean       custom_date)
{
  guint n_ops = 0;

  for (CrmFilterOp op = CRM_FILTER_OP_IS; op <= CRM_FILTER_OP_HAS_NONE; op++)
    {
      g_autofree char *text = NULL;
      g_autofree char *printed = NULL;
      g_autofree char *again = NULL;
      g_autoptr(CrmFilter) filter = NULL;
      g_autoptr(CrmFilter) reparsed = NULL;
      g_autoptr(GArray) ids = NULL;
      g_autoptr(GError) error = NULL;

      if (!crm_filter_fields_allows (type, op))
        continue;
      /* A custom attribute holds one type of value; dates take dates. */
      if (type == CRM_FIELD_CUSTOM && custom_date !=
          (op == CRM_FILTER_OP_ON || op == CRM_FILTER_OP_BEFORE ||
           op == CRM_FILTER_OP_AFTER || op == CRM_FILTER_OP_WITHIN_DAYS))
        if (op != CRM_FILTER_OP_IS && op != CRM_FILTER_OP_IS_NOT &&
            op != CRM_FILTER_OP_BETWEEN && op != CRM_FILTER_OP_IS_EMPTY &&
            op != CRM_FILTER_OP_IS_PRESENT)
          continue;

      text = g_strdup_printf ("%s %s%s", field, crm_filter_op_to_string (op),
                              sample_value (type, op, custom_date));
      g_test_message ("%s", text);
      filter = crm_filter_parse (text, &error);
      g_assert_no_error (error);
      g_assert_true (crm_filter_check (filter, kind, &error));
      g_assert_no_error (error);

      printed = crm_filter_to_string (filter);
      reparsed = crm_filter_parse (printed, &error);
      g_assert_no_error (error);
      again = crm_filter_to_string (reparsed);
      g_assert_cmpstr (again, ==, printed);
      g_assert_true (crm_filter_equal (filter, reparsed));

      ids = crm_store_query_ids (store, kind, filter, NULL, "id", FALSE, &error);
      g_assert_no_error (error);
      g_assert_nonnull (ids);
      n_ops++;
    }

  return n_ops;
}

static void
test_every_field (void)
{
  static const CrmEntityKind kinds[] = {
    CRM_ENTITY_CUSTOMER, CRM_ENTITY_OPPORTUNITY, CRM_ENTITY_TASK,
  };
  g_autoptr(CrmStore) store = make_book ();
  guint n_checked = 0;

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      const CrmFieldInfo *fields;
      guint n_fields;

      fields = crm_filter_fields_get (kinds[k], &n_fields);
      for (guint i = 0; i < n_fields; i++)
        g_assert_cmpuint (check_field (store, kinds[k], fields[i].name, fields[i].type, FALSE),
                          >, 0);
    }

  /* Custom attributes, of customers and of opportunities. */
  n_checked += check_field (store, CRM_ENTITY_CUSTOMER, "attr.seats", CRM_FIELD_CUSTOM, FALSE);
  n_checked += check_field (store, CRM_ENTITY_CUSTOMER, "attr.last_login", CRM_FIELD_CUSTOM,
                            TRUE);
  n_checked += check_field (store, CRM_ENTITY_OPPORTUNITY, "custom.source", CRM_FIELD_CUSTOM,
                            FALSE);
  /* A custom attribute of numbers or text takes 12 comparisons, one of
   * dates 9. */
  g_assert_cmpuint (n_checked, ==, 12 + 9 + 12);

  crm_store_close (store);
}

/* Opportunities and tasks are filtered with the same grammar. */
static char *
ids_for (CrmStore      *store,
         CrmEntityKind  kind,
         const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, &error);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  g_assert_no_error (error);
  ids = crm_store_query_ids (store, kind, filter, NULL, "id", FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_ids(store, kind, text, expected) \
  G_STMT_START { \
    g_autofree char *got_ = ids_for (store, kind, text); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_opportunities_and_tasks (void)
{
  g_autoptr(CrmStore) store = make_book ();
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *task = NULL;
  g_autofree char *both = NULL;
  gint64 customer = 1;
  gint64 a, b, t;

  a = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Expansion'>,"
                                         " 'owner': <'sam.ortiz@prospect.example'>,"
                                         " 'pipeline': <'New Business'>, 'stage': <'Evaluation'>,"
                                         " 'amount_minor': <int64 1200000>, 'currency': <'EUR'>,"
                                         " 'close_on': <'2025-07-10'>,"
                                         " 'win_likelihood': <int64 40>,"
                                         " 'custom': <'{\"source\": \"webinar\"}'>}", customer));
  b = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Renewal'>,"
                                         " 'pipeline': <'Renewals'>, 'stage': <'Proposal'>,"
                                         " 'amount_minor': <int64 250050>, 'currency': <'USD'>,"
                                         " 'close_on': <'2025-06-01'>}", customer));
  t = test_insert (store, CRM_ENTITY_TASK,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Send brochure'>,"
                                         " 'assignee': <'sam.ortiz@prospect.example'>,"
                                         " 'due_on': <'2025-06-29'>,"
                                         " 'completed_at': <'2025-06-29T10:00:00.000Z'>}",
                                         customer));
  first = g_strdup_printf ("%" G_GINT64_FORMAT, a);
  second = g_strdup_printf ("%" G_GINT64_FORMAT, b);
  task = g_strdup_printf ("%" G_GINT64_FORMAT, t);

  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "owner is me", first);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "amount_minor > 1000000", first);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "win_likelihood between 30 and 50", first);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "close_on before 2025-06-30", second);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "close_on between 2025-07-01 and 2025-07-31",
              first);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "currency is one of (\"USD\", \"JPY\")", second);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY, "custom.source is \"webinar\"", first);
  both = g_strdup_printf ("%s,%s", first, second);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY,
              "pipeline is \"Renewals\" or stage is \"Evaluation\"", both);
  assert_ids (store, CRM_ENTITY_OPPORTUNITY,
              "(pipeline is \"Renewals\" or stage is \"Evaluation\") and owner is empty", second);
  assert_ids (store, CRM_ENTITY_TASK, "done is true and due_on within 7 days", task);
  assert_ids (store, CRM_ENTITY_TASK, "assignee is me and completed_at on 2025-06-29", task);
  /* The book's own task, "Demo", is still open. */
  assert_ids (store, CRM_ENTITY_TASK, "done is false", "1");

  crm_store_close (store);
}

/* Values never reach the SQL text: each is a bound parameter. */
static void
test_sql_binds_only (void)
{
  g_autoptr(CrmStore) store = make_book ();
  const char *text = "name is \"x'); DROP TABLE customers; --\" or"
                     " attr.seats between 5 and 7 or tags has any of (\"o'neil\")"
                     " or created_at within 30 days or email contains \"%_\"";
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, NULL);
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *names = NULL;

  sql = _crm_filter_to_sql (store, CRM_ENTITY_CUSTOMER, filter, NULL, binds, &error);
  g_assert_no_error (error);
  g_test_message ("%s", sql);

  g_assert_null (strstr (sql, "DROP"));
  g_assert_null (strstr (sql, "o'neil"));
  g_assert_null (strstr (sql, "%_"));
  g_assert_null (strstr (sql, "seats"));
  g_assert_null (strstr (sql, "2025"));
  /* The name, the attribute's path and its two bounds, the tag, the two
   * day starts, and the text searched for. */
  g_assert_cmpuint (binds->len, ==, 8);

  names = names_for (store, text);
  g_assert_cmpstr (names, ==, "Harbor Optics, Orchard Tools");

  crm_store_close (store);
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
  g_test_add_func ("/crm/filter/every-field", test_every_field);
  g_test_add_func ("/crm/filter/opportunities-and-tasks", test_opportunities_and_tasks);
  g_test_add_func ("/crm/filter/sql-binds-only", test_sql_binds_only);

  return g_test_run ();
}
