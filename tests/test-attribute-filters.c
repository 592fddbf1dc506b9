/* test-attribute-filters.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <sqlite3.h>
#include <string.h>

#include "crm-core.h"
#include "crm-store.h"
#include "test-util.h"

#define TODAY "2025-06-30"

/* Filters on the customers' custom attributes read the customer_attributes
 * table. Each must select exactly what json_extract () over the
 * attributes selected before it: the reference below is that SQL, as the
 * filter compiler wrote it. The book mixes types, nulls, missing keys,
 * keys written twice and keys a filter cannot name. */

static const char * const book[] = {
  "{\"size\": 250, \"tier\": \"Gold\", \"flag\": true, \"since\": \"2025-06-30\","
  " \"a.b\": 1}",
  "{\"size\": 200, \"tier\": \"gold\", \"flag\": false, \"since\": \"2025-06-30T23:30:00Z\"}",
  "{\"size\": 199.5, \"tier\": \"\", \"flag\": 1, \"since\": \"2025-05-01\"}",
  "{\"size\": \"300\", \"tier\": \"Silver 100%\", \"flag\": \"true\", \"since\": 2460000}",
  "{\"size\": null, \"tier\": null, \"flag\": null, \"since\": null}",
  "{}",
  "{\"size\": [1, 2], \"tier\": {\"x\": 1}, \"since\": \"not a date\"}",
  "{\"size\": -5, \"tier\": \"Gold_star\", \"it's\": 3, \"size x\": 7, \"size.y\": 8,"
  " \"q\\\"uote\": 9}",
  "{\"size\": 0, \"tier\": \"50\", \"flag\": 0, \"since\": \"2025-06-01\"}",
  "{\"size\": 1e3, \"tier\": \"gold\\\\\", \"since\": \"2025-06-29T23:59:59.999Z\"}",
  "{\"size\": 5, \"size\": 500, \"tier\": \"Gold\", \"tier\": \"Lead\"}",
  "{\"SIZE\": 999, \"Tier\": \"GOLD\", \"flag\": true}",
};

typedef struct
{
  const char *expression;
  const char *reference;   /* the json_extract () form */
} Case;

#define SIZE "json_extract (attributes, '$.\"size\"')"
#define TIER "json_extract (attributes, '$.\"tier\"')"
#define FLAG "json_extract (attributes, '$.\"flag\"')"
#define SINCE "date (json_extract (attributes, '$.\"since\"'))"

static const Case cases[] = {
  { "attr.size = 200", SIZE " = 200" },
  { "attr.size = 199.5", SIZE " = 199.5" },
  { "attr.size = \"300\"", SIZE " = '300'" },
  { "attr.size != 200", SIZE " IS NOT 200" },
  { "attr.size < 200", SIZE " < 200" },
  { "attr.size > 200", SIZE " > 200" },
  { "attr.size <= 200", SIZE " <= 200" },
  { "attr.size >= 200", SIZE " >= 200" },
  { "attr.size between 0 and 250", SIZE " BETWEEN 0 AND 250" },
  { "attr.size is one of (200, \"300\", 0)", SIZE " IN (200, '300', 0)" },
  { "attr.size is empty", "(" SIZE " IS NULL OR " SIZE " = '')" },
  { "attr.size is present", "(" SIZE " IS NOT NULL AND " SIZE " <> '')" },
  { "attr.size contains \"1\"", "(" SIZE " LIKE '%1%' ESCAPE '\\')" },
  { "attr.tier is \"Gold\"", TIER " = 'Gold'" },
  { "attr.tier is not \"Gold\"", TIER " IS NOT 'Gold'" },
  { "attr.tier contains \"gold\"", "(" TIER " LIKE '%gold%' ESCAPE '\\')" },
  { "attr.tier does not contain \"gold\"", "NOT coalesce (" TIER " LIKE '%gold%' ESCAPE '\\', 0)" },
  { "attr.tier contains \"100%\"", "(" TIER " LIKE '%100\\%%' ESCAPE '\\')" },
  { "attr.tier contains \"_\"", "(" TIER " LIKE '%\\_%' ESCAPE '\\')" },
  { "attr.tier contains \"\\\\\"", "(" TIER " LIKE '%\\\\%' ESCAPE '\\')" },
  { "attr.tier is empty", "(" TIER " IS NULL OR " TIER " = '')" },
  { "attr.tier is present", "(" TIER " IS NOT NULL AND " TIER " <> '')" },
  { "attr.tier is one of (\"Gold\", \"50\")", TIER " IN ('Gold', '50')" },
  { "attr.tier = 50", TIER " = 50" },
  { "attr.flag is true", FLAG " = 1" },
  { "attr.flag is false", FLAG " = 0" },
  { "attr.flag is not true", FLAG " IS NOT 1" },
  { "attr.since on 2025-06-30", "(" SINCE " >= '2025-06-30' AND " SINCE " < '2025-07-01')" },
  { "attr.since is 2025-06-30", "(" SINCE " >= '2025-06-30' AND " SINCE " < '2025-07-01')" },
  { "attr.since is not 2025-06-30",
    "(NOT coalesce ((" SINCE " >= '2025-06-30' AND " SINCE " < '2025-07-01'), 0))" },
  { "attr.since before 2025-06-30", "(" SINCE " < '2025-06-30')" },
  { "attr.since after 2025-05-01", "(" SINCE " >= '2025-05-02')" },
  { "attr.since between 2025-05-01 and 2025-06-29",
    "(" SINCE " >= '2025-05-01' AND " SINCE " < '2025-06-30')" },
  { "attr.since within 30 days", "(" SINCE " >= '2025-05-31' AND " SINCE " < '2025-07-01')" },
  { "attr.since is empty", "(json_extract (attributes, '$.\"since\"') IS NULL"
                           " OR json_extract (attributes, '$.\"since\"') = '')" },
  { "not attr.size > 100", "NOT coalesce ((" SIZE " > 100), 0)" },
  { "not attr.tier is empty", "NOT coalesce (((" TIER " IS NULL OR " TIER " = '')), 0)" },
  { "attr.size >= 200 or attr.tier is empty",
    "(" SIZE " >= 200 OR (" TIER " IS NULL OR " TIER " = ''))" },
  { "attr.size >= 200 and attr.tier is not \"Gold\"",
    "(" SIZE " >= 200 AND " TIER " IS NOT 'Gold')" },
  { "attr.size >= 200 and status is \"New Lead\"", "(" SIZE " >= 200 AND status = 'New Lead')" },
  { "attr.size < 300 and tags has any of (\"pilot\")",
    "(" SIZE " < 300 AND id IN (SELECT customer_id FROM tags WHERE tag = 'pilot'))" },
  { "not (attr.flag is true or attr.tier contains \"old\")",
    "NOT coalesce (((" FLAG " = 1 OR (" TIER " LIKE '%old%' ESCAPE '\\'))), 0)" },
  { "attr.SIZE = 999", "json_extract (attributes, '$.\"SIZE\"') = 999" },
  { "attr.a = 1", "json_extract (attributes, '$.\"a\"') = 1" },
  { "attr.nobody is empty", "1" },
  { "attr.nobody = 1", "0" },
};

static CrmStore *
make_book (GArray *ids)
{
  CrmStore *store = test_open_store ();

  crm_store_set_today (store, TODAY);
  for (guint i = 0; i < G_N_ELEMENTS (book); i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      gint64 id = test_insert (store, CRM_ENTITY_CUSTOMER,
                               g_variant_new_parsed ("{'name': <%s>, 'attributes': <%s>}",
                                                     name, book[i]));

      g_array_append_val (ids, id);
      if (i % 3 == 0)
        test_set_tags (store, id, (const char *[]) { "pilot", NULL });
      if (i % 4 == 1)
        test_set_status (store, id, "Working Lead", CRM_ORIGIN_PERSON, NULL);
    }

  return store;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static char *
join_ids (GArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_array_sort (ids, compare_ids);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                            g_array_index (ids, gint64, i));

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static char *
reference_ids (CrmStore   *store,
               const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT group_concat (id, ',') FROM"
                                          " (SELECT id FROM customers WHERE %s ORDER BY id)",
                                          where);
  char *ids = test_query_string (store, sql);

  return ids != NULL ? ids : g_strdup ("");
}

typedef struct
{
  CrmFilter *filter;
  GArray    *candidates;
  GArray    *matches;
} MatchJob;

static gboolean
match_job (CrmStoreTxn  *txn,
           gpointer      user_data,
           GError      **error)
{
  MatchJob *job = user_data;

  for (guint i = 0; i < job->candidates->len; i++)
    {
      gint64 id = g_array_index (job->candidates, gint64, i);
      gboolean matches = FALSE;

      if (!crm_store_txn_matches (txn, CRM_ENTITY_CUSTOMER, id, job->filter, &matches, error))
        return FALSE;
      if (matches)
        g_array_append_val (job->matches, id);
    }

  return TRUE;
}

/* One customer at a time, as a routing rule asks. */
static char *
matched_ids (CrmStore  *store,
             CrmFilter *filter,
             GArray    *candidates)
{
  g_autoptr(GArray) matches = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  MatchJob job = { filter, candidates, matches };

  g_assert_true (crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, match_job, &job, NULL,
                                     &error));
  g_assert_no_error (error);

  return join_ids (matches);
}

static void
assert_case (CrmStore   *store,
             GArray     *all,
             const Case *c,
             const char *sort_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (c->expression, &error);
  g_autofree char *expected = reference_ids (store, c->reference);
  g_autofree char *listed = NULL;
  g_autofree char *matched = NULL;
  g_autoptr(GArray) ids = NULL;

  g_test_message ("%s: %s", c->expression, expected);
  g_assert_no_error (error);

  ids = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, filter, NULL, sort_key, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, filter), ==, ids->len);
  listed = join_ids (ids);
  g_assert_cmpstr (listed, ==, expected);

  matched = matched_ids (store, filter, all);
  g_assert_cmpstr (matched, ==, expected);
}

static void
test_same_rows_as_json_extract (void)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStore) store = make_book (all);
  guint n_some = 0;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *expected = reference_ids (store, cases[i].reference);

      /* With no order kept yet (one query), then with one (sets). */
      assert_case (store, all, &cases[i], "id");
      assert_case (store, all, &cases[i], "name");
      assert_case (store, all, &cases[i], "name");
      if (*expected != '\0' && strchr (expected, ',') != NULL)
        n_some++;
    }

  /* The book tells the forms apart: most cases select several rows. */
  g_assert_cmpuint (n_some, >, G_N_ELEMENTS (cases) / 2);
}

/* A few results pinned outright, so that the reference itself is held. */
static void
test_pinned (void)
{
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CrmStore) store = make_book (all);
  const struct { const char *expression; const char *rows; } pinned[] = {
    /* 250, 200, 1e3, and text, which sorts after every number ("300", and
     * [1, 2] as JSON text); not the first of a key written twice (5) */
    { "attr.size >= 200", "0,1,3,6,9" },
    { "attr.size != 200", "0,2,3,4,5,6,7,8,9,10,11" },
    { "attr.tier is \"Gold\"", "0,10" },
    { "attr.flag is true", "0,2,11" },
    { "attr.since on 2025-06-30", "0,1" },
    { "attr.tier is empty", "2,4,5,11" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (pinned); i++)
    {
      g_autoptr(CrmFilter) filter = crm_filter_parse (pinned[i].expression, NULL);
      g_autoptr(GArray) ids = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, filter, NULL,
                                                   "name", FALSE, NULL);
      g_autoptr(GString) rows = g_string_new (NULL);

      g_assert_nonnull (ids);
      g_array_sort (ids, compare_ids);
      for (guint j = 0; j < ids->len; j++)
        for (guint k = 0; k < all->len; k++)
          if (g_array_index (all, gint64, k) == g_array_index (ids, gint64, j))
            g_string_append_printf (rows, "%s%u", rows->len > 0 ? "," : "", k);

      g_assert_cmpstr (rows->str, ==, pinned[i].rows);
    }
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

/* The index follows every write of the store: creating, changing the
 * attributes (and not the rest), deleting, and Undo of each. (Imports,
 * bulk edits and pulls: test-import, test-bulk, test-sync-pull.) */
static void
test_index_follows_writes (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  gint64 a, b, changed, deleted;

  a = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'Orchard Tools'>, 'attributes':"
                                         " <'{\"size\": 250, \"tier\": \"Gold\"}'>}"));
  b = test_insert (store, CRM_ENTITY_CUSTOMER,
                   g_variant_new_parsed ("{'name': <'Maple Foods'>}"));
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 2);
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 1);

  changed = test_update (store, CRM_ENTITY_CUSTOMER, a,
                         g_variant_new_parsed ("{'attributes': <'{\"size\": \"20\","
                                               " \"plan\": \"Pro\", \"flag\": true}'>}"));
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 3);
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 1);
  g_assert_cmpuint (count_where (store, "attr.size = 20"), ==, 0);
  g_assert_cmpuint (count_where (store, "attr.tier is empty"), ==, 2);

  test_update (store, CRM_ENTITY_CUSTOMER, b,
               g_variant_new_parsed ("{'attributes': <'{\"size\": 900}'>}"));
  test_update (store, CRM_ENTITY_CUSTOMER, a, g_variant_new_parsed ("{'city': <'Graz'>}"));
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 4);
  g_assert_cmpuint (count_where (store, "attr.size > 200 and attr.plan is empty"), ==, 1);

  test_undo (store, changed);
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 3);
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 2);
  g_assert_cmpuint (count_where (store, "attr.tier is \"Gold\""), ==, 1);

  deleted = test_delete (store, CRM_ENTITY_CUSTOMER, b);
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 2);
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 1);

  test_undo (store, deleted);
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 3);
  g_assert_cmpuint (count_where (store, "attr.size > 800"), ==, 1);
}

/* A job with no label (an import, a pull) defers the index to its end;
 * inside it, a rule matching a customer reads that customer's JSON. */
static gboolean
bulk_job (CrmStoreTxn  *txn,
          gpointer      user_data,
          GError      **error)
{
  g_autoptr(CrmFilter) big = crm_filter_parse ("attr.size >= 200", NULL);
  gboolean *matched = user_data;
  gint64 a, b, c;

  a = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                            g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                                  " 'attributes': <'{\"size\": 20}'>}"), error);
  b = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                            g_variant_new_parsed ("{'name': <'Harbor Optics'>,"
                                                  " 'attributes': <'{\"size\": 300}'>}"), error);
  c = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                            g_variant_new_parsed ("{'name': <'Maple Foods'>,"
                                                  " 'attributes': <'{\"size\": 400}'>}"), error);
  if (a == 0 || b == 0 || c == 0 ||
      !crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, a,
                             g_variant_new_parsed ("{'attributes': <'{\"size\": 250,"
                                                   " \"plan\": \"Pro\"}'>}"), error) ||
      !crm_store_txn_delete (txn, CRM_ENTITY_CUSTOMER, c, error))
    return FALSE;

  return crm_store_txn_matches (txn, CRM_ENTITY_CUSTOMER, a, big, matched, error);
}

static void
test_index_deferred_in_bulk_jobs (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  gboolean matched = FALSE;

  g_assert_true (crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, bulk_job, &matched, NULL,
                                     &error));
  g_assert_no_error (error);
  g_assert_true (matched);

  g_assert_cmpuint (test_assert_attribute_index (store), ==, 3);
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 2);
  g_assert_cmpuint (count_where (store, "attr.plan is \"Pro\""), ==, 1);
  g_assert_cmpuint (count_where (store, "attr.size >= 400"), ==, 0);
  g_assert_null (test_query_string (store, "SELECT id FROM customer_attributes_dirty"));
}

/* A book of schema 6 has no index: the migration makes it from the
 * customers already there. */
static void
test_index_made_by_migration (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(CrmStore) store = crm_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;

  g_assert_nonnull (store);
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                     " 'attributes': <'{\"size\": 250, \"tier\": \"Gold\"}'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Harbor Optics'>,"
                                     " 'attributes': <'{\"size\": 20}'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Maple Foods'>}"));
  crm_store_close (store);
  g_clear_object (&store);

  test_exec_raw (path, TEST_BACK_TO_SCHEMA_6);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  version = test_query_string (store, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "10");
  g_assert_cmpuint (test_assert_attribute_index (store), ==, 3);
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 1);
  g_assert_cmpuint (count_where (store, "attr.tier is empty"), ==, 2);

  /* ... and its triggers keep it from then on. */
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Cedar Lane'>,"
                                     " 'attributes': <'{\"size\": 300}'>}"));
  g_assert_cmpuint (count_where (store, "attr.size >= 200"), ==, 2);
  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/attribute-filters/same-rows-as-json-extract", test_same_rows_as_json_extract);
  g_test_add_func ("/attribute-filters/pinned", test_pinned);
  g_test_add_func ("/attribute-filters/index-follows-writes", test_index_follows_writes);
  g_test_add_func ("/attribute-filters/index-deferred-in-bulk-jobs",
                   test_index_deferred_in_bulk_jobs);
  g_test_add_func ("/attribute-filters/index-made-by-migration", test_index_made_by_migration);

  return g_test_run ();
}
