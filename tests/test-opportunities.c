/* test-opportunities.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-opportunities"

#include "config.h"

#include <locale.h>

#include "crm-core.h"
#include "crm-opportunity-editor.h"
#include "crm-opportunity-list-page.h"
#include "crm-preferences-pipelines.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "test-util.h"

/* Pipelines and stages, the amount parser of the opportunity editor and
 * case K1 (b) at the level of the list's model, without a display. */

/* Async helpers */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static gint64
finish (CrmStore  *store,
        Wait      *wait,
        GError   **error)
{
  gint64 group = 0;

  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  crm_store_mutation_finish (store, wait->result, &group, error);
  g_clear_object (&wait->result);

  return group;
}

static gint64
expect_ok (CrmStore *store,
           Wait     *wait)
{
  g_autoptr(GError) error = NULL;
  gint64 group = finish (store, wait, &error);

  g_assert_no_error (error);
  g_assert_cmpint (group, >, 0);
  return group;
}

static void
expect_error (CrmStore      *store,
              Wait          *wait,
              CrmStoreError  code)
{
  g_autoptr(GError) error = NULL;

  finish (store, wait, &error);
  g_assert_error (error, CRM_STORE_ERROR, (int) code);
}

/* Fixture */

static CrmStore *
open_with_defaults (void)
{
  g_autoptr(GError) error = NULL;
  CrmStore *store = test_open_store ();

  g_assert_true (crm_store_ensure_default_pipelines (store, &error));
  g_assert_no_error (error);
  return store;
}

static gint64
add_customer (CrmStore   *store,
              const char *name)
{
  return test_insert (store, CRM_ENTITY_CUSTOMER,
                      g_variant_new_parsed ("{'name': <%s>, 'status': <'Working Lead'>}", name));
}

static gint64
add_opportunity (CrmStore   *store,
                 gint64      customer,
                 const char *name,
                 const char *pipeline,
                 const char *stage)
{
  return test_insert (store, CRM_ENTITY_OPPORTUNITY,
                      g_variant_new_parsed ("{'customer_id': <%x>, 'name': <%s>,"
                                            " 'pipeline': <%s>, 'stage': <%s>,"
                                            " 'amount_minor': <int64 1200000>,"
                                            " 'currency': <'EUR'>, 'owner': <'sam@example.com'>}",
                                            customer, name, pipeline, stage));
}

static char *
dup_stage (CrmStore *store,
           gint64    opportunity)
{
  g_autoptr(GObject) object = crm_store_load (store, CRM_ENTITY_OPPORTUNITY, opportunity, NULL);

  g_assert_nonnull (object);
  return g_strdup (crm_opportunity_get_stage (CRM_OPPORTUNITY (object)));
}

static char *
join_stages (CrmStore   *store,
             const char *pipeline)
{
  g_auto(GStrv) names = crm_store_dup_stage_names (store, pipeline);

  return g_strjoinv (",", names);
}

static gint64
find_pipeline (CrmStore   *store,
               const char *name)
{
  g_autoptr(GPtrArray) pipelines = crm_store_list_pipelines (store);

  for (guint i = 0; i < pipelines->len; i++)
    if (g_str_equal (crm_pipeline_get_name (g_ptr_array_index (pipelines, i)), name))
      return crm_record_get_id (g_ptr_array_index (pipelines, i));

  g_assert_not_reached ();
}

static gint64
find_stage_id (CrmStore   *store,
               const char *pipeline,
               const char *stage)
{
  g_autoptr(CrmStage) found = crm_store_find_stage (store, pipeline, stage);

  g_assert_nonnull (found);
  return crm_record_get_id (CRM_RECORD (found));
}

/* Defaults */

static void
test_defaults_lazy (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) pipelines = NULL;
  g_autoptr(GPtrArray) stages = NULL;
  g_autoptr(CrmStage) evaluation = NULL;
  g_autofree char *new_business = NULL;
  g_autofree char *renewals = NULL;

  /* Opening writes nothing, so --demo still finds a fresh profile empty. */
  g_assert_true (crm_store_is_empty (store));
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_PIPELINE, NULL), ==, 0);

  g_assert_true (crm_store_ensure_default_pipelines (store, &error));
  g_assert_no_error (error);

  pipelines = crm_store_list_pipelines (store);
  g_assert_cmpuint (pipelines->len, ==, 2);
  g_assert_cmpstr (crm_pipeline_get_name (g_ptr_array_index (pipelines, 0)), ==, "New Business");
  g_assert_cmpstr (crm_pipeline_get_name (g_ptr_array_index (pipelines, 1)), ==, "Renewals");

  new_business = join_stages (store, "New Business");
  g_assert_cmpstr (new_business, ==,
                   "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost");
  renewals = join_stages (store, "Renewals");
  g_assert_cmpstr (renewals, ==, "Upcoming,In Discussion,Renewed,Churned");

  evaluation = crm_store_find_stage (store, "New Business", "Evaluation");
  g_assert_nonnull (evaluation);
  g_assert_cmpint (crm_stage_get_win_likelihood (evaluation), ==, 30);
  g_assert_cmpstr (crm_stage_get_forecast_category (evaluation), ==, "best_case");
  g_assert_cmpint (crm_stage_get_stale_days (evaluation), ==, 21);

  /* A second call finds pipelines and adds none. */
  g_assert_true (crm_store_ensure_default_pipelines (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_PIPELINE, NULL), ==, 2);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_STAGE, NULL), ==, 9);

  stages = crm_store_list_stages (store, find_pipeline (store, "New Business"));
  for (guint i = 0; i < stages->len; i++)
    g_assert_cmpint (crm_stage_get_position (g_ptr_array_index (stages, i)), ==, i);

  g_assert_cmpstr (crm_forecast_category_get_label ("best_case"), ==, "Best Case");
  g_assert_cmpstr (crm_forecast_category_get_label ("someday"), ==, "someday");

  crm_store_close (store);
}

/* A profile whose only pipelines came from a sync keeps them. */
static void
test_defaults_not_over_existing (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;

  test_insert (store, CRM_ENTITY_PIPELINE, g_variant_new_parsed ("{'name': <'Partners'>}"));
  g_assert_true (crm_store_ensure_default_pipelines (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_PIPELINE, NULL), ==, 1);

  crm_store_close (store);
}

/* Stages */

static void
test_stage_crud (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  gint64 pipeline = find_pipeline (store, "New Business");
  g_autoptr(CrmStage) demo = NULL;
  g_autofree char *order = NULL;
  gint64 demo_id, groups[3];
  Wait wait = { NULL };

  crm_store_add_stage_async (store, pipeline, "  Demo ", 40, "pipeline", 10, NULL,
                             on_done_cb, &wait);
  expect_ok (store, &wait);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost,Demo");
  g_clear_pointer (&order, g_free);

  /* Names are unique in a pipeline and never empty. */
  crm_store_add_stage_async (store, pipeline, "Demo", 40, "pipeline", 0, NULL,
                             on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_CONSTRAINT);
  crm_store_add_stage_async (store, pipeline, " ", 40, "pipeline", 0, NULL, on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_CONSTRAINT);

  demo_id = find_stage_id (store, "New Business", "Demo");
  crm_store_update_stage_async (store, demo_id,
                                g_variant_new_parsed ("{'win_likelihood': <int64 45>,"
                                                      " 'forecast_category': <'committed'>,"
                                                      " 'stale_days': <int64 0>}"),
                                NULL, on_done_cb, &wait);
  expect_ok (store, &wait);
  demo = crm_store_find_stage (store, "New Business", "Demo");
  g_assert_cmpint (crm_stage_get_win_likelihood (demo), ==, 45);
  g_assert_cmpstr (crm_stage_get_forecast_category (demo), ==, "committed");
  g_assert_cmpint (crm_stage_get_stale_days (demo), ==, -1);

  /* An unknown forecast category is refused. */
  crm_store_update_stage_async (store, demo_id,
                                g_variant_new_parsed ("{'forecast_category': <'maybe'>}"),
                                NULL, on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_INVALID);

  /* Reorder, then undo the reorder. */
  crm_store_move_stage_async (store, demo_id, 1, NULL, on_done_cb, &wait);
  groups[0] = expect_ok (store, &wait);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Demo,Evaluation,Negotiation,Closed Won,Closed Lost");
  g_clear_pointer (&order, g_free);

  crm_store_move_stage_async (store, demo_id, 0, NULL, on_done_cb, &wait);
  groups[1] = expect_ok (store, &wait);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Demo,Discovery,Evaluation,Negotiation,Closed Won,Closed Lost");
  g_clear_pointer (&order, g_free);

  crm_store_move_stage_async (store, demo_id, G_MAXUINT, NULL, on_done_cb, &wait);
  groups[2] = expect_ok (store, &wait);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost,Demo");
  g_clear_pointer (&order, g_free);

  /* Undo, newest first, walks back through each order. */
  test_undo (store, groups[2]);
  g_clear_pointer (&order, g_free);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Demo,Discovery,Evaluation,Negotiation,Closed Won,Closed Lost");
  test_undo (store, groups[1]);
  test_undo (store, groups[0]);
  g_clear_pointer (&order, g_free);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost,Demo");

  crm_store_close (store);
}

static void
test_stage_rename_cascade (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  gint64 customer = add_customer (store, "Orchard Tools");
  gint64 atlas = add_opportunity (store, customer, "Atlas Renewal", "New Business",
                                  "Evaluation");
  gint64 birch = add_opportunity (store, customer, "Birch Expansion", "New Business",
                                  "Evaluation");
  gint64 other = add_opportunity (store, customer, "Cedar Seats", "Renewals", "Evaluation");
  gint64 stage = find_stage_id (store, "New Business", "Evaluation");
  g_autofree char *atlas_stage = NULL;
  g_autofree char *birch_stage = NULL;
  g_autofree char *other_stage = NULL;
  g_autofree char *order = NULL;
  Wait wait = { NULL };
  gint64 group;

  crm_store_update_stage_async (store, stage, g_variant_new_parsed ("{'name': <'Assessment'>}"),
                                NULL, on_done_cb, &wait);
  group = expect_ok (store, &wait);

  atlas_stage = dup_stage (store, atlas);
  birch_stage = dup_stage (store, birch);
  other_stage = dup_stage (store, other);
  g_assert_cmpstr (atlas_stage, ==, "Assessment");
  g_assert_cmpstr (birch_stage, ==, "Assessment");
  /* Another pipeline's stage of the same name is not this one. */
  g_assert_cmpstr (other_stage, ==, "Evaluation");
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Assessment,Negotiation,Closed Won,Closed Lost");

  /* A name taken in the pipeline is refused, and nothing changes. */
  crm_store_update_stage_async (store, stage, g_variant_new_parsed ("{'name': <'Discovery'>}"),
                                NULL, on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_pointer (&atlas_stage, g_free);
  atlas_stage = dup_stage (store, atlas);
  g_assert_cmpstr (atlas_stage, ==, "Assessment");

  /* Undo brings back the stage's name and its opportunities'. */
  test_undo (store, group);
  g_clear_pointer (&atlas_stage, g_free);
  g_clear_pointer (&birch_stage, g_free);
  atlas_stage = dup_stage (store, atlas);
  birch_stage = dup_stage (store, birch);
  g_assert_cmpstr (atlas_stage, ==, "Evaluation");
  g_assert_cmpstr (birch_stage, ==, "Evaluation");
  g_assert_nonnull (crm_store_find_stage (store, "New Business", "Evaluation"));
  g_assert_true (crm_store_foreign_key_check (store, NULL));

  crm_store_close (store);
}

static void
test_stage_remove_with_move (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  gint64 customer = add_customer (store, "Harbor Freight Lines");
  gint64 first = add_opportunity (store, customer, "Harbor Pilot", "New Business",
                                  "Negotiation");
  gint64 second = add_opportunity (store, customer, "Harbor Fleet", "New Business",
                                   "Negotiation");
  gint64 negotiation = find_stage_id (store, "New Business", "Negotiation");
  gint64 won = find_stage_id (store, "New Business", "Closed Won");
  g_autoptr(GPtrArray) stages = NULL;
  g_autofree char *first_stage = NULL;
  g_autofree char *second_stage = NULL;
  g_autofree char *order = NULL;
  Wait wait = { NULL };
  gint64 group, won_group;

  g_assert_cmpuint (crm_store_count_in_stage (store, "New Business", "Negotiation"), ==, 2);

  /* A stage that holds opportunities is not removed without a target. */
  crm_store_remove_stage_async (store, negotiation, NULL, NULL, on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_REFUSED);
  g_assert_nonnull (crm_store_find_stage (store, "New Business", "Negotiation"));

  /* A "lost" target wants a reason for each card: refused as a whole. */
  crm_store_remove_stage_async (store, negotiation, "Closed Lost", NULL, on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_REFUSED);
  g_assert_cmpuint (crm_store_count_in_stage (store, "New Business", "Negotiation"), ==, 2);

  crm_store_remove_stage_async (store, negotiation, "Evaluation", NULL, on_done_cb, &wait);
  group = expect_ok (store, &wait);

  first_stage = dup_stage (store, first);
  second_stage = dup_stage (store, second);
  g_assert_cmpstr (first_stage, ==, "Evaluation");
  g_assert_cmpstr (second_stage, ==, "Evaluation");
  g_assert_null (crm_store_find_stage (store, "New Business", "Negotiation"));
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Evaluation,Closed Won,Closed Lost");

  stages = crm_store_list_stages (store, find_pipeline (store, "New Business"));
  for (guint i = 0; i < stages->len; i++)
    g_assert_cmpint (crm_stage_get_position (g_ptr_array_index (stages, i)), ==, i);

  /* An empty stage goes without a target. */
  crm_store_remove_stage_async (store, won, NULL, NULL, on_done_cb, &wait);
  won_group = expect_ok (store, &wait);
  g_assert_null (crm_store_find_stage (store, "New Business", "Closed Won"));

  /* Undo of the first removal brings the stage and its cards back. */
  test_undo (store, won_group);
  test_undo (store, group);
  g_clear_pointer (&first_stage, g_free);
  first_stage = dup_stage (store, first);
  g_assert_cmpstr (first_stage, ==, "Negotiation");
  g_clear_pointer (&order, g_free);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==, "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost");

  crm_store_close (store);
}

static void
test_unconfigured_names_kept (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  gint64 customer = add_customer (store, "Juniper Labs");
  g_auto(GStrv) unconfigured = NULL;
  g_auto(GStrv) pipelines = NULL;
  g_autofree char *order = NULL;
  g_autofree char *partners = NULL;
  Wait wait = { NULL };

  /* Names that a sync or an import brought. */
  add_opportunity (store, customer, "Juniper Trial", "New Business", "Legal Review");
  add_opportunity (store, customer, "Juniper Pilot", "New Business", "Demo Booked");
  add_opportunity (store, customer, "Juniper Reseller", "Partners", "Signed");

  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==,
                   "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost,"
                   "Demo Booked,Legal Review");

  unconfigured = crm_store_dup_unconfigured_stage_names (store, "New Business");
  g_assert_cmpuint (g_strv_length (unconfigured), ==, 2);
  g_assert_cmpstr (unconfigured[0], ==, "Demo Booked");

  pipelines = crm_store_dup_pipeline_names (store);
  g_assert_cmpuint (g_strv_length (pipelines), ==, 3);
  g_assert_cmpstr (pipelines[2], ==, "Partners");
  partners = join_stages (store, "Partners");
  g_assert_cmpstr (partners, ==, "Signed");

  /* Configuring a name moves it among the configured ones. */
  crm_store_add_stage_async (store, find_pipeline (store, "New Business"), "Legal Review", 70,
                             "committed", 0, NULL, on_done_cb, &wait);
  expect_ok (store, &wait);
  g_clear_pointer (&order, g_free);
  order = join_stages (store, "New Business");
  g_assert_cmpstr (order, ==,
                   "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost,Legal Review,"
                   "Demo Booked");

  crm_store_close (store);
}

static char *
join_names_sorted (CrmStore   *store,
                   const char *sort_key,
                   gboolean    descending)
{
  g_autoptr(GArray) ids = crm_store_query_ids (store, CRM_ENTITY_OPPORTUNITY, NULL, NULL,
                                               sort_key, descending, NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (ids);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) object = crm_store_load (store, CRM_ENTITY_OPPORTUNITY,
                                                  g_array_index (ids, gint64, i), NULL);

      g_string_append_printf (text, "%s%s", i > 0 ? "," : "",
                              crm_opportunity_get_name (CRM_OPPORTUNITY (object)));
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The list sorted by stage follows the pipelines' order, not the names'. */
static void
test_stage_sort (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  gint64 customer = add_customer (store, "Rowan Textiles");
  g_autofree char *ascending = NULL;
  g_autofree char *descending = NULL;

  add_opportunity (store, customer, "Lost one", "New Business", "Closed Lost");
  add_opportunity (store, customer, "Renewal", "Renewals", "Upcoming");
  add_opportunity (store, customer, "Legal", "New Business", "Legal Review");
  add_opportunity (store, customer, "Found", "New Business", "Discovery");
  add_opportunity (store, customer, "Weighing", "New Business", "Evaluation");

  ascending = join_names_sorted (store, "stage", FALSE);
  descending = join_names_sorted (store, "stage", TRUE);
  g_assert_cmpstr (ascending, ==, "Found,Weighing,Lost one,Legal,Renewal");
  g_assert_cmpstr (descending, ==, "Renewal,Lost one,Weighing,Found,Legal");

  crm_store_close (store);
}

static void
test_pipeline_rename_and_remove (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  gint64 customer = add_customer (store, "Linden Bakery");
  gint64 renewal = add_opportunity (store, customer, "Linden 2027", "Renewals", "Upcoming");
  g_autoptr(GObject) object = NULL;
  g_auto(GStrv) names = NULL;
  Wait wait = { NULL };

  crm_store_rename_pipeline_async (store, find_pipeline (store, "Renewals"), "Retention",
                                   NULL, on_done_cb, &wait);
  expect_ok (store, &wait);
  object = crm_store_load (store, CRM_ENTITY_OPPORTUNITY, renewal, NULL);
  g_assert_cmpstr (crm_opportunity_get_pipeline (CRM_OPPORTUNITY (object)), ==, "Retention");

  /* A pipeline with opportunities stays. */
  crm_store_remove_pipeline_async (store, find_pipeline (store, "Retention"), NULL,
                                   on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_REFUSED);

  crm_store_add_pipeline_async (store, "Partners", NULL, on_done_cb, &wait);
  expect_ok (store, &wait);
  crm_store_add_pipeline_async (store, "Partners", NULL, on_done_cb, &wait);
  expect_error (store, &wait, CRM_STORE_ERROR_CONSTRAINT);

  crm_store_remove_pipeline_async (store, find_pipeline (store, "New Business"), NULL,
                                   on_done_cb, &wait);
  expect_ok (store, &wait);
  names = crm_store_dup_pipeline_names (store);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_cmpstr (names[0], ==, "Retention");
  g_assert_cmpstr (names[1], ==, "Partners");
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_STAGE, NULL), ==, 4);

  crm_store_close (store);
}

/* Amounts */

static void
assert_amount (const char *text,
               const char *currency,
               const char *decimal_point,
               gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;

  g_assert_true (crm_opportunity_editor_parse_amount (text, currency, decimal_point, &minor,
                                                      &error));
  g_assert_no_error (error);
  g_assert_cmpint (minor, ==, expected);
}

static void
assert_amount_fails (const char     *text,
                     const char     *currency,
                     CrmAmountError  code)
{
  g_autoptr(GError) error = NULL;
  gint64 minor = -1;

  g_assert_false (crm_opportunity_editor_parse_amount (text, currency, ".", &minor, &error));
  g_assert_error (error, CRM_AMOUNT_ERROR, (int) code);
  g_test_message ("%s %s: %s", text, currency, error->message);
}

static void
test_amount_parse (void)
{
  /* Two decimals. */
  assert_amount ("12,000.50", "EUR", ".", 1200050);
  assert_amount ("12000.5", "EUR", ".", 1200050);
  assert_amount ("12000", "EUR", ".", 1200000);
  assert_amount (" 1 234 567.89 ", "USD", ".", 123456789);
  assert_amount ("EUR 99.99", "EUR", ".", 9999);
  assert_amount ("99.99 eur", "EUR", ".", 9999);
  assert_amount (".5", "EUR", ".", 50);
  assert_amount ("", "EUR", ".", 0);
  assert_amount ("0", "EUR", ".", 0);
  assert_amount ("92233720368547758.07", "EUR", ".", G_MAXINT64);

  /* Where the locale writes a decimal comma. */
  assert_amount ("12.000,50", "EUR", ",", 1200050);
  assert_amount ("12,5", "EUR", ",", 1250);
  assert_amount ("12 000,50", "EUR", ",", 1200050);
  /* Both marks: the last one is the decimal mark, whatever the locale. */
  assert_amount ("12,000.50", "EUR", ",", 1200050);
  assert_amount ("1'234.50", "CHF", ".", 123450);

  /* No decimals. */
  assert_amount ("1,500", "JPY", ".", 1500);
  assert_amount ("1500", "JPY", ".", 1500);
  assert_amount ("1,234,567", "KRW", ".", 1234567);

  /* Three decimals. */
  assert_amount ("1.234", "KWD", ".", 1234);
  assert_amount ("1,000.5", "BHD", ".", 1000500);
  assert_amount ("2", "KWD", ".", 2000);

  /* Over-precision is refused, never rounded. */
  assert_amount_fails ("12.345", "EUR", CRM_AMOUNT_ERROR_PRECISION);
  assert_amount_fails ("1500.5", "JPY", CRM_AMOUNT_ERROR_PRECISION);
  assert_amount_fails ("1500.00", "JPY", CRM_AMOUNT_ERROR_PRECISION);
  assert_amount_fails ("1.2345", "KWD", CRM_AMOUNT_ERROR_PRECISION);

  /* Not an amount. */
  assert_amount_fails ("abc", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("12,50", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("1,2,3", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("1.000.000", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("12.5.0", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("1e5", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("12.00 USD", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails (".", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails (",100", "EUR", CRM_AMOUNT_ERROR_SYNTAX);
  assert_amount_fails ("1.50,25", "EUR", CRM_AMOUNT_ERROR_SYNTAX);

  /* Out of range. */
  assert_amount_fails ("-5", "EUR", CRM_AMOUNT_ERROR_RANGE);
  assert_amount_fails ("92233720368547758.08", "EUR", CRM_AMOUNT_ERROR_RANGE);
  assert_amount_fails ("99999999999999999999999", "JPY", CRM_AMOUNT_ERROR_RANGE);
}

static void
test_amount_round_trip (void)
{
  static const struct {
    gint64      minor;
    const char *currency;
  } cases[] = {
    { 1200050, "EUR" }, { 0, "USD" }, { 1500, "JPY" }, { 1234, "KWD" }, { 7, "EUR" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_opportunity_editor_format_amount (cases[i].minor,
                                                                    cases[i].currency);
      g_autoptr(GError) error = NULL;
      gint64 minor = -1;

      g_assert_true (crm_opportunity_editor_parse_amount (text, cases[i].currency, NULL,
                                                          &minor, &error));
      g_assert_no_error (error);
      g_assert_cmpint (minor, ==, cases[i].minor);
    }
}

/* Words shown without a display */

static void
test_describe (void)
{
  g_autofree char *hidden = crm_opportunity_list_page_describe_move ("Atlas Renewal",
                                                                     "Negotiation", TRUE);
  g_autofree char *shown = crm_opportunity_list_page_describe_move ("Atlas Renewal",
                                                                    "Negotiation", FALSE);
  g_autofree char *stage = crm_preferences_pipelines_describe_stage (30, "best_case", 21);
  g_autofree char *never = crm_preferences_pipelines_describe_stage (100, "won", 0);

  g_assert_cmpstr (hidden, ==,
                   "“Atlas Renewal” moved to Negotiation and is hidden by the filter");
  g_assert_cmpstr (shown, ==, "“Atlas Renewal” moved to Negotiation");
  g_assert_cmpstr (stage, ==, "30 % · Best Case · stale after 21 days");
  g_assert_cmpstr (never, ==, "100 % · Won · never stale");

  {
    g_autoptr(GDate) date = g_date_new_dmy (30, G_DATE_JUNE, 2026);
    g_autofree char *text = crm_opportunity_list_page_format_date (date);

    g_assert_cmpstr (text, ==, "30 Jun 2026");
  }
}

/* K1 (b) at the model level */

typedef struct
{
  guint n_changes;
  guint removed;
  guint added;
} Changes;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     Changes    *changes)
{
  changes->n_changes++;
  changes->removed += removed;
  changes->added += added;
}

static void
test_k1b_model (void)
{
  g_autoptr(CrmStore) store = open_with_defaults ();
  g_autoptr(CrmQueryModel) model = crm_query_model_new (store, CRM_ENTITY_OPPORTUNITY);
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(CrmFilter) negotiation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stage = NULL;
  gint64 customer, atlas, group;
  Changes changes = { 0 };
  Wait wait = { NULL };
  gulong handler;

  test_set_setting (store, "me.email", "sam@example.com");
  customer = add_customer (store, "Atlas Freight");
  atlas = add_opportunity (store, customer, "Atlas Renewal", "New Business", "Evaluation");
  add_opportunity (store, customer, "Atlas Expansion", "New Business", "Evaluation");
  add_opportunity (store, customer, "Atlas Pilot", "New Business", "Discovery");

  filter = crm_filter_parse ("pipeline is \"New Business\" and stage is \"Evaluation\"", &error);
  g_assert_no_error (error);
  crm_query_model_set_filter (model, filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_assert_cmpuint (crm_query_model_find (model, atlas), !=, G_MAXUINT);

  handler = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb),
                              &changes);

  crm_store_move_opportunity_async (store, atlas, "Negotiation", CRM_BOARD_INDEX_END, NULL,
                                    NULL, NULL, on_done_cb, &wait);
  group = expect_ok (store, &wait);
  test_wait_for_refresh (model);

  /* The row leaves the view with exactly one items-changed. */
  g_assert_cmpuint (changes.n_changes, ==, 1);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpuint (crm_query_model_find (model, atlas), ==, G_MAXUINT);

  /* Stored once, in Negotiation. */
  stage = dup_stage (store, atlas);
  g_assert_cmpstr (stage, ==, "Negotiation");
  negotiation = crm_filter_parse ("name is \"Atlas Renewal\"", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_OPPORTUNITY, negotiation), ==, 1);
  g_assert_cmpuint (crm_store_count_in_stage (store, "New Business", "Evaluation"), ==, 1);
  g_assert_cmpuint (crm_store_count_in_stage (store, "New Business", "Negotiation"), ==, 1);

  /* Clearing the filter shows it once, in Negotiation. */
  g_signal_handler_disconnect (model, handler);
  crm_query_model_set_filter (model, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  for (guint i = 0, seen = 0; i < 3; i++)
    {
      g_autoptr(CrmOpportunity) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (crm_record_get_id (CRM_RECORD (item)) != atlas)
        continue;
      g_assert_cmpuint (++seen, ==, 1);
      g_assert_cmpstr (crm_opportunity_get_stage (item), ==, "Negotiation");
    }

  /* Undo puts it back where the filter shows it. */
  crm_query_model_set_filter (model, filter);
  test_undo (store, group);
  test_wait_for_refresh (model);
  g_assert_cmpuint (crm_query_model_find (model, atlas), !=, G_MAXUINT);

  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/opportunities/pipelines/defaults", test_defaults_lazy);
  g_test_add_func ("/crm/opportunities/pipelines/defaults-not-over-existing",
                   test_defaults_not_over_existing);
  g_test_add_func ("/crm/opportunities/pipelines/rename-remove", test_pipeline_rename_and_remove);
  g_test_add_func ("/crm/opportunities/stages/crud", test_stage_crud);
  g_test_add_func ("/crm/opportunities/stages/rename-cascade", test_stage_rename_cascade);
  g_test_add_func ("/crm/opportunities/stages/remove-with-move", test_stage_remove_with_move);
  g_test_add_func ("/crm/opportunities/stages/unconfigured-kept", test_unconfigured_names_kept);
  g_test_add_func ("/crm/opportunities/stages/sort", test_stage_sort);
  g_test_add_func ("/crm/opportunities/amount/parse", test_amount_parse);
  g_test_add_func ("/crm/opportunities/amount/round-trip", test_amount_round_trip);
  g_test_add_func ("/crm/opportunities/describe", test_describe);
  g_test_add_func ("/crm/opportunities/k1b/model", test_k1b_model);

  return g_test_run ();
}
