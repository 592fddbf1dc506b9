/* test-board.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-board"

#include "config.h"

#include <locale.h>

#include <glib/gstdio.h>

#include "crm-board-column.h"
#include "crm-board-page.h"
#include "crm-board-totals.h"
#include "crm-core.h"
#include "crm-opportunity-card.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-store-rules.h"
#include "test-util.h"

/* The pipeline board without a display: totals (case K4), moves and their
 * closing rules, cases K2 (a) (b) and K3 across restarts, and the plain
 * functions behind the keyboard moves, the stale mark and the filters. */

#define TODAY "2025-06-30"
#define ME "sam@example.com"

typedef struct
{
  char     *path;
  CrmStore *store;
  gint64    customer;
} Book;

static void
book_open (Book *book)
{
  g_autoptr(GError) error = NULL;

  book->store = crm_store_open (book->path, &error);
  g_assert_no_error (error);
  crm_store_set_today (book->store, TODAY);
  crm_store_rules_install (book->store);
}

/* Closes the profile and opens it again, as a restart of the app does. */
static void
book_restart (Book *book)
{
  crm_store_close (book->store);
  g_clear_object (&book->store);
  book_open (book);
}

static gint64
add_pipeline (Book       *book,
              const char *name,
              gint64      position)
{
  return test_insert (book->store, CRM_ENTITY_PIPELINE,
                      g_variant_new_parsed ("{'name': <%s>, 'position': <%x>}",
                                            name, position));
}

static void
add_stage (Book       *book,
           gint64      pipeline,
           const char *name,
           gint64      position,
           gint64      likelihood,
           const char *category)
{
  test_insert (book->store, CRM_ENTITY_STAGE,
               g_variant_new_parsed ("{'pipeline_id': <%x>, 'name': <%s>,"
                                     " 'position': <%x>, 'win_likelihood': <%x>,"
                                     " 'forecast_category': <%s>, 'stale_days': <@mx nothing>}",
                                     pipeline, name, position, likelihood, category));
}

static void
book_init (Book *book)
{
  gint64 pipeline;

  book->path = test_temp_db ();
  book_open (book);
  test_set_setting (book->store, "me.email", ME);
  test_set_setting (book->store, "me.name", "Sam");

  pipeline = add_pipeline (book, "New Business", 0);
  add_stage (book, pipeline, "Discovery", 0, 10, "pipeline");
  add_stage (book, pipeline, "Evaluation", 1, 30, "best_case");
  add_stage (book, pipeline, "Negotiation", 2, 60, "committed");
  add_stage (book, pipeline, "Closed Won", 3, 100, "won");
  add_stage (book, pipeline, "Closed Lost", 4, 0, "lost");

  book->customer = test_insert (book->store, CRM_ENTITY_CUSTOMER,
                                g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                                      " 'status': <'Qualified Lead'>}"));
}

static void
book_clear (Book *book)
{
  crm_store_close (book->store);
  g_clear_object (&book->store);
  g_clear_pointer (&book->path, g_free);
}

static gint64
add_card_full (Book       *book,
               const char *name,
               const char *stage,
               gint64      position,
               gint64      amount,
               const char *currency,
               const char *owner)
{
  GVariantDict fields;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", book->customer);
  g_variant_dict_insert (&fields, "name", "s", name);
  g_variant_dict_insert (&fields, "pipeline", "s", "New Business");
  g_variant_dict_insert (&fields, "stage", "s", stage);
  g_variant_dict_insert (&fields, "board_position", "x", position);
  g_variant_dict_insert (&fields, "amount_minor", "x", amount);
  g_variant_dict_insert (&fields, "currency", "s", currency);
  g_variant_dict_insert (&fields, "owner", "s", owner);

  return test_insert (book->store, CRM_ENTITY_OPPORTUNITY, g_variant_dict_end (&fields));
}

static gint64
add_card (Book       *book,
          const char *name,
          const char *stage,
          gint64      position)
{
  return add_card_full (book, name, stage, position, 100000, "EUR", ME);
}

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

/* A move as the board makes it, run to its end; returns its undo group. */
static gint64
move (Book        *book,
      gint64       id,
      const char  *stage,
      guint        index,
      const char  *reason,
      CrmFilter   *view_filter,
      GError     **error)
{
  Wait wait = { NULL };
  gint64 group = 0;

  crm_store_move_opportunity_async (book->store, id, stage, index, reason, view_filter,
                                    NULL, on_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  crm_store_move_opportunity_finish (book->store, wait.result, &group, error);
  g_object_unref (wait.result);

  return group;
}

static gint64
move_ok (Book       *book,
         gint64      id,
         const char *stage,
         guint       index,
         const char *reason)
{
  g_autoptr(GError) error = NULL;
  gint64 group = move (book, id, stage, index, reason, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (group, >, 0);

  return group;
}

/* The column as the board lists it: ids in board order. */
static GArray *
column_ids (Book       *book,
            const char *stage,
            CrmFilter  *view_filter)
{
  g_autoptr(CrmFilter) filter = crm_board_column_filter_new ("New Business", stage, view_filter);
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = crm_store_query_ids (book->store, CRM_ENTITY_OPPORTUNITY, filter, NULL,
                             "board_position", FALSE, &error);
  g_assert_no_error (error);

  return ids;
}

static void
assert_column (Book         *book,
               const char   *stage,
               const gint64 *expected,
               guint         n_expected)
{
  g_autoptr(GArray) ids = column_ids (book, stage, NULL);

  g_assert_cmpuint (ids->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, expected[i]);
}

static CrmOpportunity *
load_card (Book   *book,
           gint64  id)
{
  g_autoptr(GError) error = NULL;
  GObject *object = crm_store_load (book->store, CRM_ENTITY_OPPORTUNITY, id, &error);

  g_assert_no_error (error);
  return CRM_OPPORTUNITY (object);
}

static guint
count_notes (Book       *book,
             const char *body)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  g_autoptr(GArray) ids = NULL;
  guint n = 0;

  crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS, g_variant_new_int64 (book->customer));
  crm_filter_add (filter, "kind", CRM_FILTER_OP_IS, g_variant_new_string ("note"));
  ids = crm_store_query_ids (book->store, CRM_ENTITY_ACTIVITY, filter, NULL, NULL, FALSE, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) note = crm_store_load (book->store, CRM_ENTITY_ACTIVITY,
                                                g_array_index (ids, gint64, i), NULL);

      if (body == NULL || g_strcmp0 (crm_activity_get_body (CRM_ACTIVITY (note)), body) == 0)
        n++;
    }

  return n;
}

static char *
dup_status (Book *book)
{
  g_autoptr(GObject) customer = crm_store_load (book->store, CRM_ENTITY_CUSTOMER,
                                                book->customer, NULL);

  g_assert_nonnull (customer);
  return g_strdup (crm_customer_get_status (CRM_CUSTOMER (customer)));
}

static void
assert_status (Book       *book,
               const char *expected)
{
  g_autofree char *status = dup_status (book);

  g_assert_cmpstr (status, ==, expected);
}

/* K4 */

static void
test_totals_k4_core (void)
{
  g_autoptr(CrmBoardTotals) totals = crm_board_totals_new ();
  g_autofree char *sums = NULL;
  g_autofree char *weighted = NULL;
  gint64 sum = 0;

  crm_board_totals_add (totals, "USD", 250050, 25);
  crm_board_totals_add (totals, "EUR", 100000, 25);
  crm_board_totals_add (totals, "USD", 10, 25);
  crm_board_totals_add (totals, "JPY", 1500, 25);
  crm_board_totals_add (totals, "USD", 20, 25);

  sums = crm_board_totals_format_sums (totals);
  weighted = crm_board_totals_format_weighted (totals);
  g_assert_cmpstr (sums, ==, "EUR 1000.00 · JPY 1500 · USD 2500.80");
  /* USD: 625.125 → 625.13, 0.025 → 0.03, 0.05: each rounded, then summed. */
  g_assert_cmpstr (weighted, ==, "EUR 250.00 · JPY 375 · USD 625.21");
  g_assert_cmpuint (crm_board_totals_get_count (totals), ==, 5);
  g_assert_cmpuint (crm_board_totals_get_n_currencies (totals), ==, 3);
  g_assert_cmpstr (crm_board_totals_get_currency (totals, 2, &sum, NULL), ==, "USD");
  g_assert_cmpint (sum, ==, 250080);
}

static void
test_totals_rounding (void)
{
  g_autoptr(CrmBoardTotals) totals = crm_board_totals_new ();
  g_autoptr(CrmBoardTotals) empty = crm_board_totals_new ();
  g_autofree char *none = crm_board_totals_format_sums (empty);
  gint64 weighted = 0;

  /* 0.01 × 50 % = 0.005, half up: 0.01; 0.01 × 49 % rounds down. */
  crm_board_totals_add (totals, "EUR", 1, 50);
  crm_board_totals_add (totals, "GBP", 1, 49);
  crm_board_totals_add (totals, "KWD", 1005, 50);

  crm_board_totals_get_currency (totals, 0, NULL, &weighted);
  g_assert_cmpint (weighted, ==, 1);
  crm_board_totals_get_currency (totals, 1, NULL, &weighted);
  g_assert_cmpint (weighted, ==, 0);
  crm_board_totals_get_currency (totals, 2, NULL, &weighted);
  g_assert_cmpint (weighted, ==, 503);

  g_assert_cmpstr (none, ==, "");
  g_assert_cmpuint (crm_board_totals_get_count (empty), ==, 0);
  g_assert_false (crm_board_totals_equal (totals, empty));
}

static const struct
{
  gint64      amount;
  const char *currency;
} k4_amounts[] = {
  { 100000, "EUR" }, { 250050, "USD" }, { 10, "USD" }, { 20, "USD" }, { 1500, "JPY" },
};

static void
test_totals_k4_store (void)
{
  Book book = { NULL };
  g_autoptr(CrmBoardTotals) totals = NULL;
  g_autoptr(CrmBoardTotals) expected = crm_board_totals_new ();
  g_autofree char *sums = NULL;
  g_autofree char *weighted = NULL;
  gint64 pipeline;

  book_init (&book);
  pipeline = add_pipeline (&book, "K4", 1);
  add_stage (&book, pipeline, "Proposal", 0, 25, "pipeline");

  /* No likelihood of their own: the stage's 25 % weighs them. */
  for (guint i = 0; i < G_N_ELEMENTS (k4_amounts); i++)
    {
      gint64 id = add_card_full (&book, "Deal", "Proposal", i, k4_amounts[i].amount,
                                 k4_amounts[i].currency, ME);

      test_update (book.store, CRM_ENTITY_OPPORTUNITY, id,
                   g_variant_new_parsed ("{'pipeline': <'K4'>}"));
      crm_board_totals_add (expected, k4_amounts[i].currency, k4_amounts[i].amount, 25);
    }

  totals = crm_store_dup_stage_totals (book.store, "K4", "Proposal", NULL);
  sums = crm_board_totals_format_sums (totals);
  weighted = crm_board_totals_format_weighted (totals);

  g_assert_cmpstr (sums, ==, "EUR 1000.00 · JPY 1500 · USD 2500.80");
  g_assert_cmpstr (weighted, ==, "EUR 250.00 · JPY 375 · USD 625.21");
  g_assert_cmpuint (crm_board_totals_get_count (totals), ==, 5);
  g_assert_true (crm_board_totals_equal (totals, expected));

  book_clear (&book);
}

static void
test_totals_own_likelihood (void)
{
  Book book = { NULL };
  g_autoptr(CrmBoardTotals) totals = NULL;
  gint64 sum = 0, weighted = 0;
  gint64 id;

  book_init (&book);
  add_card_full (&book, "A", "Evaluation", 0, 100000, "EUR", ME);
  id = add_card_full (&book, "B", "Evaluation", 1, 100000, "EUR", ME);
  test_update (book.store, CRM_ENTITY_OPPORTUNITY, id,
               g_variant_new_parsed ("{'win_likelihood': <int64 90>}"));

  /* 30 % of 1000.00 by the stage, 90 % of 1000.00 by its own. */
  totals = crm_store_dup_stage_totals (book.store, "New Business", "Evaluation", NULL);
  crm_board_totals_get_currency (totals, 0, &sum, &weighted);
  g_assert_cmpint (sum, ==, 200000);
  g_assert_cmpint (weighted, ==, 120000);

  book_clear (&book);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

/* A locale with digit grouping: an installed one, or else one compiled
 * for this run when the machine has the locale sources (a bare container
 * often has only C.UTF-8). */
static const char *
set_grouping_locale (const char *dir)
{
  const char *locales[] = { "en_US.UTF-8", "en_GB.UTF-8", "de_DE.UTF-8" };
  g_autofree char *target = NULL;
  g_autofree char *localedef = g_find_program_in_path ("localedef");
  int status = -1;

  for (guint i = 0; i < G_N_ELEMENTS (locales); i++)
    if (setlocale (LC_NUMERIC, locales[i]) != NULL)
      return locales[i];

  if (localedef == NULL)
    return NULL;

  target = g_build_filename (dir, "en_US.UTF-8", NULL);
  {
    char *argv[] = { localedef, (char *) "-i", (char *) "en_US", (char *) "-f",
                     (char *) "UTF-8", target, NULL };

    if (!g_spawn_sync (NULL, argv, NULL,
                       G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                       NULL, NULL, NULL, NULL, &status, NULL) || status != 0)
      return NULL;
  }

  /* glibc reads LOCPATH on each setlocale (). */
  g_setenv ("LOCPATH", dir, TRUE);
  return setlocale (LC_NUMERIC, "en_US.UTF-8") != NULL ? "en_US.UTF-8" : NULL;
}

static void
test_totals_grouping (void)
{
  g_autoptr(CrmBoardTotals) totals = crm_board_totals_new ();
  g_autofree char *dir = g_dir_make_tmp ("prospect-locale-XXXXXX", NULL);
  g_autofree char *sums = NULL;
  g_autofree char *weighted = NULL;
  const char *found;

  g_assert_nonnull (dir);
  found = set_grouping_locale (dir);
  if (found == NULL)
    {
      setlocale (LC_NUMERIC, "C.UTF-8");
      remove_tree (dir);
      g_test_skip ("No locale with digit grouping is installed or can be made");
      return;
    }

  crm_board_totals_add (totals, "EUR", 100000, 25);
  crm_board_totals_add (totals, "USD", 250050, 25);
  crm_board_totals_add (totals, "JPY", 1500, 25);
  sums = crm_board_totals_format_sums (totals);
  weighted = crm_board_totals_format_weighted (totals);
  setlocale (LC_NUMERIC, "C.UTF-8");
  g_unsetenv ("LOCPATH");
  remove_tree (dir);

  g_test_message ("%s: %s", found, sums);
  if (g_str_equal (found, "de_DE.UTF-8"))
    {
      g_assert_cmpstr (sums, ==, "EUR 1.000,00 · JPY 1.500 · USD 2.500,50");
    }
  else
    {
      g_assert_cmpstr (sums, ==, "EUR 1,000.00 · JPY 1,500 · USD 2,500.50");
      g_assert_cmpstr (weighted, ==, "EUR 250.00 · JPY 375 · USD 625.13");
    }
}

static void
test_totals_unconfigured_stage (void)
{
  Book book = { NULL };
  g_autoptr(CrmBoardTotals) totals = NULL;
  g_auto(GStrv) stages = NULL;
  gint64 sum = 0, weighted = 0;

  book_init (&book);
  add_card (&book, "Imported", "Legacy", 0);

  /* Kept and shown, after the configured stages; no default weighs it. */
  stages = crm_store_dup_stage_names (book.store, "New Business");
  g_assert_cmpuint (g_strv_length (stages), ==, 6);
  g_assert_cmpstr (stages[5], ==, "Legacy");

  totals = crm_store_dup_stage_totals (book.store, "New Business", "Legacy", NULL);
  crm_board_totals_get_currency (totals, 0, &sum, &weighted);
  g_assert_cmpuint (crm_board_totals_get_count (totals), ==, 1);
  g_assert_cmpint (sum, ==, 100000);
  g_assert_cmpint (weighted, ==, 0);

  book_clear (&book);
}

/* Moves */

static void
test_move_order (void)
{
  Book book = { NULL };
  gint64 a, b, c, x, y, z;

  book_init (&book);
  /* Dense positions, as the demo book and imports leave them. */
  a = add_card (&book, "A", "Evaluation", 0);
  b = add_card (&book, "B", "Evaluation", 1);
  c = add_card (&book, "C", "Evaluation", 2);
  x = add_card (&book, "X", "Discovery", 0);
  y = add_card (&book, "Y", "Discovery", 1);
  z = add_card (&book, "Z", "Discovery", 2);

  move_ok (&book, x, "Evaluation", 0, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { x, a, b, c }, 4);

  /* The middle: no room between 0 and 1, so the column is renumbered. */
  move_ok (&book, y, "Evaluation", 2, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { x, a, y, b, c }, 5);

  move_ok (&book, z, "Evaluation", CRM_BOARD_INDEX_END, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { x, a, y, b, c, z }, 6);
  assert_column (&book, "Discovery", NULL, 0);

  /* Within the column, down and up; an index past the end is the end. */
  move_ok (&book, x, "Evaluation", 3, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { a, y, b, x, c, z }, 6);
  move_ok (&book, z, "Evaluation", 0, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { z, a, y, b, x, c }, 6);
  move_ok (&book, a, "Evaluation", 99, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { z, y, b, x, c, a }, 6);

  /* Many drops at one place halve the gap until it renumbers again. */
  for (guint i = 0; i < 24; i++)
    {
      gint64 id = add_card (&book, "N", "Discovery", 0);
      g_autoptr(GArray) ids = NULL;

      move_ok (&book, id, "Evaluation", 1, NULL);
      ids = column_ids (&book, "Evaluation", NULL);
      g_assert_cmpint (g_array_index (ids, gint64, 0), ==, z);
      g_assert_cmpint (g_array_index (ids, gint64, 1), ==, id);
      g_assert_cmpint (g_array_index (ids, gint64, ids->len - 1), ==, a);
    }

  /* Empty column. */
  move_ok (&book, b, "Discovery", 0, NULL);
  assert_column (&book, "Discovery", (gint64[]) { b }, 1);

  book_clear (&book);
}

static void
test_move_undo (void)
{
  Book book = { NULL };
  g_autoptr(CrmOpportunity) card = NULL;
  gint64 a, b, group;

  book_init (&book);
  a = add_card (&book, "A", "Evaluation", 0);
  b = add_card (&book, "B", "Evaluation", 1);

  group = move_ok (&book, b, "Negotiation", 0, NULL);
  assert_column (&book, "Negotiation", (gint64[]) { b }, 1);

  test_undo (book.store, group);
  assert_column (&book, "Evaluation", (gint64[]) { a, b }, 2);
  assert_column (&book, "Negotiation", NULL, 0);
  card = load_card (&book, b);
  g_assert_null (crm_opportunity_get_stage_entered_at (card));

  /* A reorder alone is undone too. */
  group = move_ok (&book, a, "Evaluation", 1, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { b, a }, 2);
  test_undo (book.store, group);
  assert_column (&book, "Evaluation", (gint64[]) { a, b }, 2);

  book_clear (&book);
}

static gint64
position_of (Book   *book,
             gint64  id)
{
  g_autoptr(CrmOpportunity) card = load_card (book, id);

  return crm_opportunity_get_board_position (card);
}

/* A drop with no room between its neighbours renumbers the column; Undo
 * puts back every position it changed, not only the moved card's. */
static void
test_move_undo_renumbered (void)
{
  Book book = { NULL };
  gint64 a, b, c, x, group;

  book_init (&book);
  a = add_card (&book, "A", "Evaluation", 0);
  b = add_card (&book, "B", "Evaluation", 1);
  c = add_card (&book, "C", "Evaluation", 2);
  x = add_card (&book, "X", "Discovery", 7);

  group = move_ok (&book, x, "Evaluation", 1, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { a, x, b, c }, 4);
  g_assert_cmpint (position_of (&book, a), ==, 0);
  g_assert_cmpint (position_of (&book, x), ==, 512);
  g_assert_cmpint (position_of (&book, b), ==, 1024);
  g_assert_cmpint (position_of (&book, c), ==, 2048);

  test_undo (book.store, group);
  assert_column (&book, "Evaluation", (gint64[]) { a, b, c }, 3);
  assert_column (&book, "Discovery", (gint64[]) { x }, 1);
  g_assert_cmpint (position_of (&book, a), ==, 0);
  g_assert_cmpint (position_of (&book, b), ==, 1);
  g_assert_cmpint (position_of (&book, c), ==, 2);
  g_assert_cmpint (position_of (&book, x), ==, 7);

  book_clear (&book);
}

/* A card added without a place (by hand, an import, a pull) goes to the
 * end of its column, a gap after the last one. */
static void
test_move_new_at_end (void)
{
  Book book = { NULL };
  gint64 a, b, c;

  book_init (&book);
  a = add_card (&book, "A", "Negotiation", 5);
  b = test_insert (book.store, CRM_ENTITY_OPPORTUNITY,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'B'>,"
                                         " 'pipeline': <'New Business'>,"
                                         " 'stage': <'Negotiation'>, 'currency': <'EUR'>}",
                                         book.customer));
  c = test_insert (book.store, CRM_ENTITY_OPPORTUNITY,
                   g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'C'>,"
                                         " 'pipeline': <'New Business'>,"
                                         " 'stage': <'Closed Won'>, 'currency': <'EUR'>}",
                                         book.customer));

  assert_column (&book, "Negotiation", (gint64[]) { a, b }, 2);
  g_assert_cmpint (position_of (&book, b), ==, 5 + 1024);
  g_assert_cmpint (position_of (&book, c), ==, 0);

  book_clear (&book);
}

/* A column numbered 0, 1, 2, … gets room before any drop: same order,
 * wide gaps, nothing to undo. A column with room is left alone. */
static void
test_move_spread (void)
{
  Book book = { NULL };
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  gint64 a, b, c, x, y;
  gint64 group = -1;

  book_init (&book);
  a = add_card (&book, "A", "Evaluation", 0);
  b = add_card (&book, "B", "Evaluation", 1);
  c = add_card (&book, "C", "Evaluation", 1);
  x = add_card (&book, "X", "Discovery", 100);
  y = add_card (&book, "Y", "Discovery", 5000);

  crm_store_spread_board_async (book.store, "New Business", NULL, on_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_store_mutation_finish (book.store, wait.result, &group, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
  g_assert_cmpint (group, ==, 0);

  assert_column (&book, "Evaluation", (gint64[]) { a, b, c }, 3);
  g_assert_cmpint (position_of (&book, a), ==, 0);
  g_assert_cmpint (position_of (&book, b), ==, 1024);
  g_assert_cmpint (position_of (&book, c), ==, 2048);
  g_assert_cmpint (position_of (&book, x), ==, 100);
  g_assert_cmpint (position_of (&book, y), ==, 5000);

  book_clear (&book);
}

static void
test_move_filtered (void)
{
  Book book = { NULL };
  g_autoptr(CrmFilter) mine = crm_filter_new ();
  g_autoptr(GArray) shown = NULL;
  gint64 a, x, b, c, d;

  book_init (&book);
  crm_filter_add (mine, "owner", CRM_FILTER_OP_IS_ME, NULL);
  a = add_card_full (&book, "A", "Evaluation", 0, 100, "EUR", ME);
  x = add_card_full (&book, "X", "Evaluation", 1, 100, "EUR", "kim@example.com");
  b = add_card_full (&book, "B", "Evaluation", 2, 100, "EUR", ME);
  c = add_card (&book, "C", "Discovery", 0);
  d = add_card (&book, "D", "Discovery", 1);

  /* The view shows [A, B]; index 1 means right after A. */
  g_assert_cmpint (move (&book, c, "Evaluation", 1, NULL, mine, NULL), >, 0);
  assert_column (&book, "Evaluation", (gint64[]) { a, c, x, b }, 4);

  shown = column_ids (&book, "Evaluation", mine);
  g_assert_cmpuint (shown->len, ==, 3);
  g_assert_cmpint (g_array_index (shown, gint64, 1), ==, c);

  /* The end of the view is right after its last card. */
  g_assert_cmpint (move (&book, d, "Evaluation", CRM_BOARD_INDEX_END, NULL, mine, NULL), >, 0);
  assert_column (&book, "Evaluation", (gint64[]) { a, c, x, b, d }, 5);

  book_clear (&book);
}

/* K2: Negotiation = [Birch renewal, Cedar upgrade]; Cedar goes to Closed
 * Lost. */
static void
test_k2 (void)
{
  Book book = { NULL };
  g_autoptr(CrmOpportunity) card = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *closed = NULL;
  gint64 birch, cedar, ash;

  book_init (&book);
  birch = add_card (&book, "Birch renewal", "Negotiation", 0);
  cedar = add_card (&book, "Cedar upgrade", "Negotiation", 1);
  ash = add_card (&book, "Ash pilot", "Closed Lost", 0);

  /* (a) The dialog's Cancel sends nothing; a move without a reason is
   * refused and stores nothing. */
  g_assert_cmpint (move (&book, cedar, "Closed Lost", 1, "  ", NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  assert_column (&book, "Negotiation", (gint64[]) { birch, cedar }, 2);
  assert_column (&book, "Closed Lost", (gint64[]) { ash }, 1);
  card = load_card (&book, cedar);
  g_assert_cmpint (crm_opportunity_get_board_position (card), ==, 1);
  g_assert_cmpstr (crm_opportunity_get_stage (card), ==, "Negotiation");
  g_assert_null (crm_opportunity_get_lost_reason (card));
  g_assert_null (crm_opportunity_get_closed_on (card));
  g_assert_cmpuint (count_notes (&book, NULL), ==, 0);
  assert_status (&book, "Qualified Lead");
  g_clear_object (&card);

  /* (b) Reason "Price". */
  move_ok (&book, cedar, "Closed Lost", 1, "Price");
  card = load_card (&book, cedar);
  g_assert_cmpstr (crm_opportunity_get_stage (card), ==, "Closed Lost");
  g_assert_cmpstr (crm_opportunity_get_lost_reason (card), ==, "Price");
  closed = crm_date_format (crm_opportunity_get_closed_on (card));
  g_assert_cmpstr (closed, ==, TODAY);
  g_assert_cmpuint (count_notes (&book, "Closed Lost — reason: Price"), ==, 1);

  /* … and the order is kept after a restart. */
  book_restart (&book);
  assert_column (&book, "Negotiation", (gint64[]) { birch }, 1);
  assert_column (&book, "Closed Lost", (gint64[]) { ash, cedar }, 2);
  g_clear_object (&card);
  card = load_card (&book, cedar);
  g_assert_cmpstr (crm_opportunity_get_lost_reason (card), ==, "Price");

  book_clear (&book);
}

/* K3: 12 cards; one moves between two columns five times, with a restart
 * after each move. */
static void
test_k3 (void)
{
  static const char * const stages[] = {
    "Discovery", "Evaluation", "Negotiation", "Closed Won", "Closed Lost",
  };
  Book book = { NULL };
  gint64 moving = 0;

  book_init (&book);
  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *name = g_strdup_printf ("Deal %u", i);
      gint64 id = add_card (&book, name, stages[i % 3], i);

      if (i == 4)
        moving = id;
    }

  for (guint round = 0; round < 5; round++)
    {
      const char *target = round % 2 == 0 ? "Negotiation" : "Discovery";
      guint total = 0, seen = 0;

      move_ok (&book, moving, target, round, NULL);
      book_restart (&book);

      for (guint s = 0; s < G_N_ELEMENTS (stages); s++)
        {
          g_autoptr(GArray) ids = column_ids (&book, stages[s], NULL);

          total += ids->len;
          for (guint i = 0; i < ids->len; i++)
            if (g_array_index (ids, gint64, i) == moving)
              {
                seen++;
                g_assert_cmpstr (stages[s], ==, target);
              }
        }

      g_assert_cmpuint (seen, ==, 1);
      g_assert_cmpuint (total, ==, 12);
      g_assert_cmpuint (crm_store_count (book.store, CRM_ENTITY_OPPORTUNITY, NULL), ==, 12);
    }

  book_clear (&book);
}

static void
test_closing_rules (void)
{
  Book book = { NULL };
  g_autoptr(CrmOpportunity) card = NULL;
  g_autofree char *closed = NULL;
  gint64 id, group;

  book_init (&book);
  id = add_card (&book, "Atlas Renewal", "Negotiation", 0);

  /* Won: the win and its date, the stage's defaults, a note; a lead
   * stays what it is until billing starts. */
  move_ok (&book, id, "Closed Won", 0, "ignored");
  assert_status (&book, "Qualified Lead");
  card = load_card (&book, id);
  closed = crm_date_format (crm_opportunity_get_closed_on (card));
  g_assert_cmpstr (closed, ==, TODAY);
  g_assert_null (crm_opportunity_get_lost_reason (card));
  g_assert_cmpint (crm_opportunity_get_win_likelihood (card), ==, 100);
  g_assert_cmpstr (crm_opportunity_get_forecast_category (card), ==, "won");
  g_assert_nonnull (crm_opportunity_get_stage_entered_at (card));
  g_assert_cmpuint (count_notes (&book, "Closed Won"), ==, 1);
  g_clear_object (&card);

  /* Reopened. */
  move_ok (&book, id, "Negotiation", 0, NULL);
  card = load_card (&book, id);
  g_assert_null (crm_opportunity_get_closed_on (card));
  g_assert_cmpint (crm_opportunity_get_win_likelihood (card), ==, 60);
  g_assert_cmpstr (crm_opportunity_get_forecast_category (card), ==, "committed");
  g_clear_object (&card);

  /* Lost, then undone: the stage, the dates and the note go back. */
  group = move_ok (&book, id, "Closed Lost", 0, " Timing ");
  card = load_card (&book, id);
  g_assert_cmpstr (crm_opportunity_get_lost_reason (card), ==, "Timing");
  g_clear_pointer (&closed, g_free);
  closed = crm_date_format (crm_opportunity_get_closed_on (card));
  g_assert_cmpstr (closed, ==, TODAY);
  /* The lifecycle rule: its only deal lost, the lead is Unqualified. */
  assert_status (&book, "Unqualified Lead");
  g_assert_cmpuint (count_notes (&book, "Closed Lost — reason: Timing"), ==, 1);
  g_clear_object (&card);

  test_undo (book.store, group);
  card = load_card (&book, id);
  g_assert_cmpstr (crm_opportunity_get_stage (card), ==, "Negotiation");
  g_assert_null (crm_opportunity_get_lost_reason (card));
  g_assert_null (crm_opportunity_get_closed_on (card));
  g_assert_cmpuint (count_notes (&book, "Closed Lost — reason: Timing"), ==, 0);
  g_assert_cmpuint (count_notes (&book, "Closed Won"), ==, 1);
  assert_status (&book, "Qualified Lead");

  /* A reorder within Closed Lost asks no reason again. */
  move_ok (&book, id, "Closed Lost", 0, "Price");
  move_ok (&book, add_card (&book, "B", "Closed Lost", 5), "Closed Lost", 0, NULL);
  g_assert_cmpuint (count_notes (&book, "Closed Lost — reason: Price"), ==, 1);

  book_clear (&book);
}

typedef struct
{
  gint64  id;
  gint64  group;
} Added;

/* An opportunity added as the editor adds it. */
static Added
add_as_person (Book        *book,
               const char  *name,
               const char  *stage,
               const char  *lost_reason,
               GError     **error)
{
  Wait wait = { NULL };
  Added added = { 0, 0 };
  GVariantDict fields;

  g_variant_dict_init (&fields, NULL);
  g_variant_dict_insert (&fields, "customer_id", "x", book->customer);
  g_variant_dict_insert (&fields, "name", "s", name);
  g_variant_dict_insert (&fields, "pipeline", "s", "New Business");
  g_variant_dict_insert (&fields, "stage", "s", stage);
  g_variant_dict_insert (&fields, "amount_minor", "x", (gint64) 50000);
  g_variant_dict_insert (&fields, "currency", "s", "EUR");

  crm_store_add_opportunity_async (book->store, g_variant_dict_end (&fields), lost_reason,
                                   NULL, on_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  added.id = crm_store_add_opportunity_finish (book->store, wait.result, &added.group, error);
  g_object_unref (wait.result);

  return added;
}

/* Added straight into a closed stage, an opportunity closes as a move
 * there closes it. */
static void
test_add_closed (void)
{
  Book book = { NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmOpportunity) card = NULL;
  g_autofree char *closed = NULL;
  Added added;

  book_init (&book);
  add_card (&book, "Elm pilot", "Evaluation", 0);

  added = add_as_person (&book, "Oak seats", "Closed Won", NULL, &error);
  g_assert_no_error (error);
  card = load_card (&book, added.id);
  closed = crm_date_format (crm_opportunity_get_closed_on (card));
  g_assert_cmpstr (closed, ==, TODAY);
  g_assert_nonnull (crm_opportunity_get_stage_entered_at (card));
  g_assert_cmpuint (count_notes (&book, "Closed Won"), ==, 1);
  g_clear_object (&card);

  /* Lost without a reason is refused and stores nothing. */
  added = add_as_person (&book, "Ash trial", "Closed Lost", "  ", &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  g_assert_cmpint (added.id, ==, 0);
  g_clear_error (&error);
  g_assert_cmpuint (crm_store_count (book.store, CRM_ENTITY_OPPORTUNITY, NULL), ==, 2);

  /* With one: closed, the reason kept and noted; the other deal is still
   * open, so the lead stays. */
  added = add_as_person (&book, "Ash trial", "Closed Lost", "No budget", &error);
  g_assert_no_error (error);
  card = load_card (&book, added.id);
  g_assert_cmpstr (crm_opportunity_get_lost_reason (card), ==, "No budget");
  g_assert_nonnull (crm_opportunity_get_closed_on (card));
  g_assert_cmpuint (count_notes (&book, "Closed Lost — reason: No budget"), ==, 1);
  assert_status (&book, "Qualified Lead");

  /* One undo takes back the opportunity and its note. */
  test_undo (book.store, added.group);
  g_assert_cmpuint (crm_store_count (book.store, CRM_ENTITY_OPPORTUNITY, NULL), ==, 2);
  g_assert_cmpuint (count_notes (&book, "Closed Lost — reason: No budget"), ==, 0);

  /* An open stage closes nothing and notes nothing. */
  added = add_as_person (&book, "Birch pilot", "Discovery", NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&card);
  card = load_card (&book, added.id);
  g_assert_null (crm_opportunity_get_closed_on (card));
  g_assert_cmpuint (count_notes (&book, NULL), ==, 1);

  book_clear (&book);
}

/* Keyboard moves */

static const char * const board_stages[] = {
  "Discovery", "Evaluation", "Negotiation", "Closed Won", "Closed Lost", NULL,
};

static void
test_plan_move (void)
{
  const char *stage = NULL;
  guint index = 99;

  g_assert_true (crm_board_plan_move (board_stages, "Evaluation", 3, 5,
                                      CRM_BOARD_MOVE_NEXT_STAGE, &stage, &index));
  g_assert_cmpstr (stage, ==, "Negotiation");
  g_assert_cmpuint (index, ==, 0);

  g_assert_true (crm_board_plan_move (board_stages, "Evaluation", 3, 5,
                                      CRM_BOARD_MOVE_PREVIOUS_STAGE, &stage, &index));
  g_assert_cmpstr (stage, ==, "Discovery");
  g_assert_cmpuint (index, ==, 0);

  g_assert_true (crm_board_plan_move (board_stages, "Evaluation", 3, 5,
                                      CRM_BOARD_MOVE_UP, &stage, &index));
  g_assert_cmpstr (stage, ==, "Evaluation");
  g_assert_cmpuint (index, ==, 2);

  g_assert_true (crm_board_plan_move (board_stages, "Evaluation", 3, 5,
                                      CRM_BOARD_MOVE_DOWN, &stage, &index));
  g_assert_cmpuint (index, ==, 4);

  /* The edges refuse. */
  g_assert_false (crm_board_plan_move (board_stages, "Discovery", 0, 1,
                                       CRM_BOARD_MOVE_PREVIOUS_STAGE, &stage, &index));
  g_assert_false (crm_board_plan_move (board_stages, "Closed Lost", 0, 1,
                                       CRM_BOARD_MOVE_NEXT_STAGE, &stage, &index));
  g_assert_false (crm_board_plan_move (board_stages, "Evaluation", 0, 5,
                                       CRM_BOARD_MOVE_UP, &stage, &index));
  g_assert_false (crm_board_plan_move (board_stages, "Evaluation", 4, 5,
                                       CRM_BOARD_MOVE_DOWN, &stage, &index));
  g_assert_false (crm_board_plan_move (board_stages, "Unknown", 0, 1,
                                       CRM_BOARD_MOVE_NEXT_STAGE, &stage, &index));
}

/* The plan applied to the store, as the shortcuts do: Ctrl+Shift+Right
 * twice, Alt+Down, Ctrl+Shift+Left. */
static void
test_keyboard_moves (void)
{
  Book book = { NULL };
  const char *stage = "Discovery";
  gint64 card, n1, n2;
  guint index = 0;

  book_init (&book);
  card = add_card (&book, "Card", "Discovery", 0);
  n1 = add_card (&book, "N1", "Negotiation", 0);
  n2 = add_card (&book, "N2", "Negotiation", 1);

  for (guint i = 0; i < 2; i++)
    {
      g_assert_true (crm_board_plan_move (board_stages, stage, index, 1,
                                          CRM_BOARD_MOVE_NEXT_STAGE, &stage, &index));
      move_ok (&book, card, stage, index, NULL);
    }
  assert_column (&book, "Negotiation", (gint64[]) { card, n1, n2 }, 3);

  g_assert_true (crm_board_plan_move (board_stages, stage, 0, 3,
                                      CRM_BOARD_MOVE_DOWN, &stage, &index));
  move_ok (&book, card, stage, index, NULL);
  assert_column (&book, "Negotiation", (gint64[]) { n1, card, n2 }, 3);

  g_assert_true (crm_board_plan_move (board_stages, stage, 1, 3,
                                      CRM_BOARD_MOVE_PREVIOUS_STAGE, &stage, &index));
  move_ok (&book, card, stage, index, NULL);
  assert_column (&book, "Evaluation", (gint64[]) { card }, 1);
  assert_column (&book, "Negotiation", (gint64[]) { n1, n2 }, 2);

  book_clear (&book);
}

/* Cards */

static CrmOpportunity *
new_card (const char *entered,
          const char *closed_on)
{
  g_autoptr(GDateTime) at = crm_timestamp_parse (entered);
  g_autoptr(GDate) closed = closed_on != NULL ? crm_date_parse (closed_on) : NULL;

  return g_object_new (CRM_TYPE_OPPORTUNITY,
                       "stage-entered-at", at,
                       "closed-on", closed,
                       NULL);
}

static void
test_card_stale (void)
{
  g_autoptr(GDate) today = crm_date_parse (TODAY);
  g_autoptr(CrmOpportunity) idle = new_card ("2025-06-01T10:00:00.000Z", NULL);
  g_autoptr(CrmOpportunity) closed = new_card ("2025-05-01T10:00:00.000Z", "2025-05-02");
  g_autoptr(GDateTime) recent = crm_timestamp_parse ("2025-06-25T09:00:00.000Z");
  guint days = 0;

  /* 29 days in the stage, limit 14: stale, unless a task is planned, or
   * the customer was contacted 5 days ago. */
  g_assert_true (crm_opportunity_card_is_stale (idle, NULL, 14, FALSE, today, &days));
  g_assert_cmpuint (days, ==, 29);
  g_assert_false (crm_opportunity_card_is_stale (idle, NULL, 14, TRUE, today, NULL));
  g_assert_false (crm_opportunity_card_is_stale (idle, recent, 14, FALSE, today, &days));
  g_assert_cmpuint (days, ==, 5);

  /* Exactly at the limit is not past it; no limit, never; closed, never. */
  g_assert_false (crm_opportunity_card_is_stale (idle, NULL, 29, FALSE, today, NULL));
  g_assert_true (crm_opportunity_card_is_stale (idle, NULL, 28, FALSE, today, NULL));
  g_assert_false (crm_opportunity_card_is_stale (idle, NULL, 0, FALSE, today, NULL));
  g_assert_false (crm_opportunity_card_is_stale (closed, NULL, 14, FALSE, today, NULL));
}

/* The corner of a card: always the days in the stage; a stale card also
 * says how long it has been idle. */
static void
test_card_days (void)
{
  g_autoptr(GDate) today = crm_date_parse (TODAY);
  g_autoptr(GDateTime) created = crm_timestamp_parse ("2025-05-31T10:00:00.000Z");
  g_autoptr(CrmOpportunity) entered = new_card ("2025-05-16T10:00:00.000Z", NULL);
  g_autoptr(CrmOpportunity) unknown = g_object_new (CRM_TYPE_OPPORTUNITY,
                                                    "created-at", created, NULL);
  g_autofree char *fresh = crm_opportunity_card_format_days (45, FALSE, 0);
  g_autofree char *idle_since = crm_opportunity_card_format_days (45, TRUE, 21);
  g_autofree char *idle_all = crm_opportunity_card_format_days (45, TRUE, 45);

  g_assert_cmpstr (fresh, ==, "45 d");
  g_assert_cmpstr (idle_since, ==, "45 d · 21 d idle");
  g_assert_cmpstr (idle_all, ==, "45 d idle");

  /* Without the day it entered its stage, the day it was made counts. */
  g_assert_cmpuint (crm_opportunity_card_days_in_stage (entered, today), ==, 45);
  g_assert_cmpuint (crm_opportunity_card_days_in_stage (unknown, today), ==, 30);
}

static void
test_card_dates (void)
{
  g_autoptr(GDate) today = crm_date_parse (TODAY);
  g_autoptr(GDate) same = crm_date_parse (TODAY);
  g_autoptr(GDate) later = crm_date_parse ("2025-09-30");
  g_autoptr(GDate) next_year = crm_date_parse ("2026-01-15");
  g_autoptr(GDateTime) entered = crm_timestamp_parse ("2025-06-18T12:00:00.000Z");
  g_autofree char *a = crm_opportunity_card_format_close_on (same, today);
  g_autofree char *b = crm_opportunity_card_format_close_on (later, today);
  g_autofree char *c = crm_opportunity_card_format_close_on (next_year, today);
  g_autofree char *d = crm_opportunity_card_format_close_on (NULL, today);

  g_assert_cmpstr (a, ==, "Today");
  g_assert_cmpstr (b, ==, "30 Sep");
  g_assert_cmpstr (c, ==, "15 Jan 2026");
  g_assert_cmpstr (d, ==, "");
  g_assert_cmpuint (crm_opportunity_card_days_since (entered, today), ==, 12);
  g_assert_cmpuint (crm_opportunity_card_days_since (NULL, today), ==, 0);
}

/* A card dragged near the top or bottom of a long column scrolls it,
 * faster nearer the edge; elsewhere nothing scrolls. */
static void
test_drag_scroll_step (void)
{
  g_assert_cmpfloat (crm_board_column_scroll_step (400, 800), ==, 0);
  g_assert_cmpfloat (crm_board_column_scroll_step (48, 800), ==, 0);
  g_assert_cmpfloat (crm_board_column_scroll_step (24, 800), ==, -12);
  g_assert_cmpfloat (crm_board_column_scroll_step (0, 800), ==, -24);
  g_assert_cmpfloat (crm_board_column_scroll_step (-30, 800), ==, -24);
  g_assert_cmpfloat (crm_board_column_scroll_step (776, 800), ==, 12);
  g_assert_cmpfloat (crm_board_column_scroll_step (800, 800), ==, 24);
  g_assert_cmpfloat (crm_board_column_scroll_step (900, 800), ==, 24);

  /* A short list keeps most of its height free of scrolling. */
  g_assert_cmpfloat (crm_board_column_scroll_step (50, 100), ==, 0);
  g_assert_cmpfloat (crm_board_column_scroll_step (0, 100), ==, -24);
  g_assert_cmpfloat (crm_board_column_scroll_step (10, 0), ==, 0);
}

/* Filters */

static GArray *
board_ids (Book      *book,
           CrmFilter *view_filter)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  g_autoptr(GError) error = NULL;
  GArray *ids;

  crm_filter_add (filter, "pipeline", CRM_FILTER_OP_IS, g_variant_new_string ("New Business"));
  crm_filter_append (filter, view_filter);
  ids = crm_store_query_ids (book->store, CRM_ENTITY_OPPORTUNITY, filter, NULL, NULL,
                             FALSE, &error);
  g_assert_no_error (error);

  return ids;
}

static void
set_close_on (Book       *book,
              gint64      id,
              const char *date)
{
  test_update (book->store, CRM_ENTITY_OPPORTUNITY, id,
               g_variant_new_parsed ("{'close_on': <%s>}", date));
}

static void
test_view_filter (void)
{
  const char *currencies[] = { "EUR", "JPY", NULL };
  g_autoptr(GDate) today = crm_date_parse (TODAY);
  g_autoptr(CrmFilter) mine = NULL;
  g_autoptr(CrmFilter) quarter = NULL;
  g_autoptr(CrmFilter) next_quarter = NULL;
  g_autoptr(CrmFilter) overdue = NULL;
  g_autoptr(CrmFilter) big = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(CrmBoardTotals) totals = NULL;
  g_autofree char *sums = NULL;
  g_autofree char *weighted = NULL;
  Book book = { NULL };
  gint64 a, b, c, d;

  book_init (&book);
  a = add_card_full (&book, "A", "Discovery", 0, 150000, "EUR", ME);
  b = add_card_full (&book, "B", "Discovery", 1, 50000, "EUR", "kim@example.com");
  c = add_card_full (&book, "C", "Discovery", 2, 1500, "JPY", ME);
  d = add_card_full (&book, "D", "Discovery", 3, 999, "JPY", ME);
  set_close_on (&book, a, "2025-04-01");
  set_close_on (&book, b, "2025-06-29");
  set_close_on (&book, c, "2025-07-01");
  set_close_on (&book, d, "2025-09-30");

  mine = crm_board_view_filter_new ("me", CRM_BOARD_CLOSING_ANY, today, 0, NULL);
  ids = board_ids (&book, mine);
  g_assert_cmpuint (ids->len, ==, 3);
  g_clear_pointer (&ids, g_array_unref);

  /* The header adds up what the view shows: Discovery's 10 % weighs. */
  totals = crm_store_dup_stage_totals (book.store, "New Business", "Discovery", mine);
  sums = crm_board_totals_format_sums (totals);
  weighted = crm_board_totals_format_weighted (totals);
  g_assert_cmpstr (sums, ==, "EUR 1500.00 · JPY 2499");
  g_assert_cmpstr (weighted, ==, "EUR 150.00 · JPY 250");
  g_assert_cmpuint (crm_board_totals_get_count (totals), ==, 3);

  quarter = crm_board_view_filter_new (NULL, CRM_BOARD_CLOSING_THIS_QUARTER, today, 0, NULL);
  ids = board_ids (&book, quarter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  next_quarter = crm_board_view_filter_new (NULL, CRM_BOARD_CLOSING_NEXT_QUARTER, today, 0,
                                            NULL);
  ids = board_ids (&book, next_quarter);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  overdue = crm_board_view_filter_new (NULL, CRM_BOARD_CLOSING_OVERDUE, today, 0, NULL);
  ids = board_ids (&book, overdue);
  g_assert_cmpuint (ids->len, ==, 2);
  g_clear_pointer (&ids, g_array_unref);

  /* 1,000 or more in each currency: EUR 1,500.00 and JPY 1,500 only. */
  big = crm_board_view_filter_new (NULL, CRM_BOARD_CLOSING_ANY, today, 1000, currencies);
  ids = board_ids (&book, big);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, a);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, c);

  book_clear (&book);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/board/totals/k4", test_totals_k4_core);
  g_test_add_func ("/crm/board/totals/k4-store", test_totals_k4_store);
  g_test_add_func ("/crm/board/totals/rounding", test_totals_rounding);
  g_test_add_func ("/crm/board/totals/own-likelihood", test_totals_own_likelihood);
  g_test_add_func ("/crm/board/totals/grouping", test_totals_grouping);
  g_test_add_func ("/crm/board/totals/unconfigured-stage", test_totals_unconfigured_stage);
  g_test_add_func ("/crm/board/move/order", test_move_order);
  g_test_add_func ("/crm/board/move/undo", test_move_undo);
  g_test_add_func ("/crm/board/move/undo-renumbered", test_move_undo_renumbered);
  g_test_add_func ("/crm/board/move/new-at-end", test_move_new_at_end);
  g_test_add_func ("/crm/board/move/spread", test_move_spread);
  g_test_add_func ("/crm/board/move/filtered", test_move_filtered);
  g_test_add_func ("/crm/board/move/k2", test_k2);
  g_test_add_func ("/crm/board/move/k3-restarts", test_k3);
  g_test_add_func ("/crm/board/move/closing-rules", test_closing_rules);
  g_test_add_func ("/crm/board/add/closed", test_add_closed);
  g_test_add_func ("/crm/board/keyboard/plan", test_plan_move);
  g_test_add_func ("/crm/board/keyboard/moves", test_keyboard_moves);
  g_test_add_func ("/crm/board/card/stale", test_card_stale);
  g_test_add_func ("/crm/board/card/days", test_card_days);
  g_test_add_func ("/crm/board/card/dates", test_card_dates);
  g_test_add_func ("/crm/board/card/drag-scroll", test_drag_scroll_step);
  g_test_add_func ("/crm/board/filter/view", test_view_filter);

  return g_test_run ();
}
