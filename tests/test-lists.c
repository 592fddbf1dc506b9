/* test-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "crm-core.h"
#include "crm-filter-format.h"
#include "crm-saved-lists.h"
#include "crm-store.h"
#include "test-util.h"

/* Lists without a display: the built-in lists as grammar expressions, the
 * stale days setting, saved lists through the store (create, rename,
 * reorder, delete, Undo), their counts, and the words the filter bar
 * puts conditions in. */

#define ME "sam.ortiz@prospect.example"

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

static GAsyncResult *
wait_for (Wait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  return wait->result;
}

static gint64
create_list (CrmStore   *store,
             const char *name,
             const char *expression,
             gint64     *undo_group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (expression, &error);
  Wait wait = { NULL };
  gint64 id;

  g_assert_no_error (error);
  crm_saved_lists_create_async (store, CRM_ENTITY_CUSTOMER, name, filter, NULL,
                                on_done_cb, &wait);
  id = crm_saved_lists_create_finish (store, wait_for (&wait), undo_group, &error);
  g_object_unref (wait.result);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  return id;
}

static gint64
finish_mutation (CrmStore *store,
                 Wait     *wait)
{
  g_autoptr(GError) error = NULL;
  gint64 group = 0;

  g_assert_true (crm_store_mutation_finish (store, wait_for (wait), &group, &error));
  g_assert_no_error (error);
  g_object_unref (wait->result);

  return group;
}

static gint64
rename_list (CrmStore   *store,
             gint64      id,
             const char *name)
{
  Wait wait = { NULL };

  crm_saved_lists_rename_async (store, id, name, NULL, on_done_cb, &wait);
  return finish_mutation (store, &wait);
}

static gint64
move_list (CrmStore      *store,
           CrmQueryModel *model,
           gint64         id,
           int            offset)
{
  Wait wait = { NULL };

  crm_saved_lists_move_async (store, G_LIST_MODEL (model), id, offset, NULL,
                              on_done_cb, &wait);
  return finish_mutation (store, &wait);
}

static CrmSavedList *
load_list (CrmStore *store,
           gint64    id)
{
  g_autoptr(GError) error = NULL;
  GObject *object = crm_store_load (store, CRM_ENTITY_SAVED_LIST, id, &error);

  g_assert_no_error (error);
  return CRM_SAVED_LIST (object);
}

static char *
dup_names (GListModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrmSavedList) list = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                              crm_saved_list_get_name (list));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

static void
assert_names (CrmQueryModel *model,
              const char    *expected)
{
  g_autofree char *names = NULL;

  test_wait_for_refresh (model);
  names = dup_names (G_LIST_MODEL (model));
  g_assert_cmpstr (names, ==, expected);
}

/* The built-in lists */

static void
test_builtin_expressions (void)
{
  static const struct {
    const char *id;
    const char *expression;
  } expected[] = {
    { "my-new-leads", "owner is me and status is \"New Lead\"" },
    { "my-working-leads", "owner is me and status is \"Working Lead\"" },
    { "stale-working-leads",
      "status is \"Working Lead\" and not idle_since within 30 days" },
    { "all-customers", "" },
  };
  const CrmBuiltinList *lists;
  guint n_lists;

  lists = crm_builtin_list_get_all (&n_lists);
  g_assert_cmpuint (n_lists, ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < n_lists; i++)
    {
      g_autofree char *expression = crm_builtin_list_dup_expression (lists[i].id, 30);
      g_autoptr(CrmFilter) filter = crm_builtin_list_filter (lists[i].id);
      g_autoptr(CrmFilter) parsed = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *printed = NULL;
      g_autofree char *reprinted = NULL;

      g_assert_cmpstr (lists[i].id, ==, expected[i].id);
      g_assert_cmpstr (expression, ==, expected[i].expression);

      /* Written in the grammar: parsing and printing gives the same text. */
      parsed = crm_filter_parse (expression, &error);
      g_assert_no_error (error);
      reprinted = crm_filter_to_string (parsed);
      g_assert_cmpstr (reprinted, ==, expression);

      printed = crm_filter_to_string (filter);
      g_assert_cmpstr (printed, ==, expression);
      g_assert_true (crm_filter_check (filter, CRM_ENTITY_CUSTOMER, &error));
      g_assert_no_error (error);

      g_assert_cmpstr (crm_builtin_list_find (lists[i].title), ==, lists[i].id);
    }

  g_assert_cmpstr (crm_builtin_list_find ("STALE WORKING LEADS"), ==, "stale-working-leads");
  g_assert_null (crm_builtin_list_find ("Nope"));
  g_assert_null (crm_builtin_list_filter ("Nope"));
  g_assert_null (crm_builtin_list_dup_expression (NULL, 30));
}

static void
test_stale_days_setting (void)
{
  g_autofree char *fourteen = crm_builtin_list_dup_expression ("stale-working-leads", 14);

  g_assert_cmpstr (fourteen, ==,
                   "status is \"Working Lead\" and not idle_since within 14 days");

  g_assert_cmpuint (crm_builtin_list_parse_stale_days (NULL), ==, 30);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days (""), ==, 30);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days ("soon"), ==, 30);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days ("0"), ==, 30);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days ("-5"), ==, 30);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days ("99999"), ==, 30);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days ("45"), ==, 45);
  g_assert_cmpuint (crm_builtin_list_parse_stale_days (" 7 "), ==, 7);
}

/* A small book on 2025-06-30: four working leads idle for 10, 20, 40 and
 * 100 days, a new lead of mine, a working lead of mine. */
static CrmStore *
make_book (void)
{
  CrmStore *store = test_open_store ();
  static const struct {
    const char *name;
    const char *status;
    const char *owner;
    const char *created_at;
    const char *attributes;
  } customers[] = {
    { "Idle Ten", "Working Lead", NULL, "2025-06-20T10:00:00.000Z", "{\"seats\": 5}" },
    { "Idle Twenty", "Working Lead", NULL, "2025-06-10T10:00:00.000Z", "{\"seats\": 50}" },
    { "Idle Forty", "Working Lead", ME, "2025-05-21T10:00:00.000Z", "{\"industry\": \"Food\"}" },
    { "Idle Hundred", "Working Lead", NULL, "2025-03-22T10:00:00.000Z", "{}" },
    { "New Mine", "New Lead", ME, "2025-01-01T10:00:00.000Z", "{\"bad key\": 1}" },
    { "Active Old", "Active", NULL, "2024-01-01T10:00:00.000Z", "{}" },
  };

  crm_store_set_today (store, "2025-06-30");
  test_set_setting (store, "me.email", ME);

  for (guint i = 0; i < G_N_ELEMENTS (customers); i++)
    {
      GVariantDict fields;

      g_variant_dict_init (&fields, NULL);
      g_variant_dict_insert (&fields, "name", "s", customers[i].name);
      g_variant_dict_insert (&fields, "status", "s", customers[i].status);
      g_variant_dict_insert (&fields, "created_at", "s", customers[i].created_at);
      g_variant_dict_insert (&fields, "attributes", "s", customers[i].attributes);
      if (customers[i].owner != NULL)
        g_variant_dict_insert (&fields, "owner", "s", customers[i].owner);
      test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_dict_end (&fields));
    }

  return store;
}

static guint
count_list (CrmStore   *store,
            const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_saved_lists_resolve (store, name, &error);

  g_assert_no_error (error);
  return crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
}

static void
test_stale_list_honours_setting (void)
{
  g_autoptr(CrmStore) store = make_book ();

  /* Without the setting: 30 days. */
  g_assert_cmpuint (crm_saved_lists_get_stale_days (store), ==, 30);
  g_assert_cmpuint (count_list (store, "stale-working-leads"), ==, 2);

  test_set_setting (store, CRM_STALE_DAYS_SETTING, "14");
  g_assert_cmpuint (crm_saved_lists_get_stale_days (store), ==, 14);
  g_assert_cmpuint (count_list (store, "Stale working leads"), ==, 3);

  test_set_setting (store, CRM_STALE_DAYS_SETTING, "60");
  g_assert_cmpuint (count_list (store, "stale-working-leads"), ==, 1);

  /* A setting that makes no sense falls back to the default. */
  test_set_setting (store, CRM_STALE_DAYS_SETTING, "never");
  g_assert_cmpuint (count_list (store, "stale-working-leads"), ==, 2);

  g_assert_cmpuint (count_list (store, "my-new-leads"), ==, 1);
  g_assert_cmpuint (count_list (store, "my-working-leads"), ==, 1);
  g_assert_cmpuint (count_list (store, "all-customers"), ==, 6);

  crm_store_close (store);
}

/* Saved lists */

static void
test_saved_crud (void)
{
  g_autoptr(CrmStore) store = make_book ();
  g_autoptr(CrmQueryModel) model = crm_saved_lists_new_model (store, CRM_ENTITY_CUSTOMER);
  g_autoptr(CrmSavedList) list = NULL;
  g_autoptr(CrmSavedList) found = NULL;
  g_autoptr(GError) error = NULL;
  gint64 create_group = 0;
  gint64 big, food, group;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  big = create_list (store, "  Big accounts ", "attr.seats >= 10 or  attr.seats is empty",
                     &create_group);
  food = create_list (store, "Food", "attr.industry is \"Food\"", NULL);
  g_assert_cmpint (create_group, >, 0);
  assert_names (model, "Big accounts, Food");

  /* Stored as written by the grammar, after the others, as customers. */
  list = load_list (store, big);
  g_assert_cmpstr (crm_saved_list_get_name (list), ==, "Big accounts");
  g_assert_cmpstr (crm_saved_list_get_kind (list), ==, "customers");
  g_assert_cmpstr (crm_saved_list_get_expression (list), ==,
                   "attr.seats >= 10 or attr.seats is empty");
  g_assert_cmpint (crm_saved_list_get_position (list), ==, 0);
  g_clear_object (&list);
  list = load_list (store, food);
  g_assert_cmpint (crm_saved_list_get_position (list), ==, 1);

  /* Found by name in any case, for --list NAME. */
  found = crm_saved_lists_lookup (store, CRM_ENTITY_CUSTOMER, "big ACCOUNTS");
  g_assert_nonnull (found);
  g_assert_cmpint (crm_record_get_id (CRM_RECORD (found)), ==, big);
  g_assert_null (crm_saved_lists_lookup (store, CRM_ENTITY_OPPORTUNITY, "Big accounts"));
  g_assert_cmpuint (count_list (store, "big accounts"), ==, 5);
  g_assert_cmpuint (count_list (store, "FOOD"), ==, 1);
  g_assert_null (crm_saved_lists_resolve (store, "Nope", &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Names must say something and name one list. */
  g_assert_false (crm_saved_lists_check_name (store, CRM_ENTITY_CUSTOMER, "  ", 0, &error));
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  g_assert_false (crm_saved_lists_check_name (store, CRM_ENTITY_CUSTOMER, "my new leads", 0,
                                              &error));
  g_assert_nonnull (strstr (error->message, "built-in"));
  g_clear_error (&error);
  g_assert_false (crm_saved_lists_check_name (store, CRM_ENTITY_CUSTOMER, "food", 0, &error));
  g_assert_nonnull (strstr (error->message, "already exists"));
  g_clear_error (&error);
  g_assert_true (crm_saved_lists_check_name (store, CRM_ENTITY_CUSTOMER, "Food", food, NULL));
  g_assert_true (crm_saved_lists_check_name (store, CRM_ENTITY_CUSTOMER, "Fresh", 0, NULL));

  /* Rename, and Undo puts the name back. */
  group = rename_list (store, food, "Food and drink");
  assert_names (model, "Big accounts, Food and drink");
  test_undo (store, group);
  assert_names (model, "Big accounts, Food");

  /* Delete, and Undo brings the same list back. */
  group = test_delete (store, CRM_ENTITY_SAVED_LIST, big);
  assert_names (model, "Food");
  g_assert_null (crm_saved_lists_lookup (store, CRM_ENTITY_CUSTOMER, "Big accounts"));
  test_undo (store, group);
  assert_names (model, "Big accounts, Food");
  g_clear_object (&list);
  list = load_list (store, big);
  g_assert_cmpstr (crm_saved_list_get_expression (list), ==,
                   "attr.seats >= 10 or attr.seats is empty");

  /* Undoing the creation removes the list. */
  test_undo (store, create_group);
  assert_names (model, "Food");

  crm_store_close (store);
}

static void
test_saved_reorder (void)
{
  g_autoptr(CrmStore) store = make_book ();
  g_autoptr(CrmQueryModel) model = crm_saved_lists_new_model (store, CRM_ENTITY_CUSTOMER);
  g_autoptr(GArray) order = NULL;
  gint64 a, b, c, group;

  a = create_list (store, "A", "status is \"New Lead\"", NULL);
  b = create_list (store, "B", "status is \"Working Lead\"", NULL);
  c = create_list (store, "C", "status is \"Active\"", NULL);
  assert_names (model, "A, B, C");

  /* The order a move gives, decided without the store. */
  order = crm_saved_lists_compute_order (G_LIST_MODEL (model), c, -2);
  g_assert_nonnull (order);
  g_assert_cmpint (g_array_index (order, gint64, 0), ==, c);
  g_assert_cmpint (g_array_index (order, gint64, 1), ==, a);
  g_assert_cmpint (g_array_index (order, gint64, 2), ==, b);
  g_assert_null (crm_saved_lists_compute_order (G_LIST_MODEL (model), a, -1));
  g_assert_null (crm_saved_lists_compute_order (G_LIST_MODEL (model), c, 5));
  g_assert_null (crm_saved_lists_compute_order (G_LIST_MODEL (model), 9999, 1));

  group = move_list (store, model, c, -1);
  assert_names (model, "A, C, B");
  move_list (store, model, c, -1);
  assert_names (model, "C, A, B");

  /* Moving the first one up changes nothing. */
  move_list (store, model, c, -1);
  assert_names (model, "C, A, B");

  move_list (store, model, a, 1);
  assert_names (model, "C, B, A");

  /* Each move is one undo group. */
  group = move_list (store, model, a, -2);
  assert_names (model, "A, C, B");
  test_undo (store, group);
  assert_names (model, "C, B, A");

  /* A new list goes after the others, whatever their numbers. */
  create_list (store, "D", "", NULL);
  assert_names (model, "C, B, A, D");

  (void) b;
  crm_store_close (store);
}

static void
test_saved_counts (void)
{
  g_autoptr(CrmStore) store = make_book ();
  g_autoptr(CrmSavedList) broken = NULL;
  g_autoptr(CrmFilter) nothing = NULL;
  gint64 id;

  create_list (store, "Small", "attr.seats < 10", NULL);
  create_list (store, "Mine", "owner is me", NULL);
  create_list (store, "Leads", "status is one of (\"New Lead\", \"Working Lead\")", NULL);

  g_assert_cmpuint (count_list (store, "Small"), ==, 1);
  g_assert_cmpuint (count_list (store, "Mine"), ==, 2);
  g_assert_cmpuint (count_list (store, "Leads"), ==, 5);

  /* Counts follow the data. */
  test_set_setting (store, "me.email", "nobody@prospect.example");
  g_assert_cmpuint (count_list (store, "Mine"), ==, 0);

  /* A list that cannot be read lists nothing, quietly. */
  id = test_insert (store, CRM_ENTITY_SAVED_LIST,
                    g_variant_new_parsed ("{'name': <'Broken'>, 'expression': <'status is ('>}"));
  broken = load_list (store, id);
  nothing = crm_saved_lists_dup_filter (broken);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, nothing), ==, 0);
  g_assert_cmpuint (count_list (store, "Broken"), ==, 0);

  crm_store_close (store);
}

static void
test_list_ids (void)
{
  g_autofree char *id = crm_saved_lists_make_list_id (42);

  g_assert_cmpstr (id, ==, "saved:42");
  g_assert_cmpint (crm_saved_lists_parse_list_id (id), ==, 42);
  g_assert_cmpint (crm_saved_lists_parse_list_id ("my-new-leads"), ==, 0);
  g_assert_cmpint (crm_saved_lists_parse_list_id ("saved:"), ==, 0);
  g_assert_cmpint (crm_saved_lists_parse_list_id ("saved:-3"), ==, 0);
  g_assert_cmpint (crm_saved_lists_parse_list_id ("saved:12x"), ==, 0);
  g_assert_cmpint (crm_saved_lists_parse_list_id (NULL), ==, 0);
}

static void
test_attribute_keys (void)
{
  g_autoptr(CrmStore) store = make_book ();
  g_auto(GStrv) keys = crm_store_dup_attribute_keys (store);
  g_autofree char *joined = g_strjoinv (",", keys);

  /* Sorted, once each; "bad key" cannot be named in a filter. */
  g_assert_cmpstr (joined, ==, "industry,seats");

  crm_store_close (store);
}

/* What the filter bar says and offers */

static void
assert_describes (const char *expression,
                  const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (expression, &error);
  g_autofree char *description = NULL;

  g_assert_no_error (error);
  description = crm_filter_format_describe (filter, CRM_ENTITY_CUSTOMER);
  g_assert_cmpstr (description, ==, expected);
}

static void
test_format_describe (void)
{
  assert_describes ("", "");
  assert_describes ("owner is me", "Owner is me");
  assert_describes ("status is \"New Lead\"", "Status is New Lead");
  assert_describes ("country is \"AT\" or country is \"DE\"", "Country is AT or Country is DE");
  assert_describes ("attr.seats >= 10", "Seats ≥ 10");
  assert_describes ("attr.last_login within 7 days", "Last login is within the last 7 days");
  assert_describes ("last_activity within 1 days", "Last activity is within the last 1 day");
  assert_describes ("tags has any of (\"pilot\", \"dach\")", "Tags has any of pilot, dach");
  assert_describes ("has_open_tasks is false", "Has open tasks: no");
  assert_describes ("not has_open_tasks is false", "Has open tasks: yes");
  assert_describes ("not idle_since within 30 days", "No activity in the last 30 days");
  assert_describes ("idle_since within 1 days", "Activity in the last 1 day");
  assert_describes ("not created_at within 30 days", "Created is not within the last 30 days");
  assert_describes ("created_at between 2025-01-01 and 2025-03-31",
                    "Created is between 1 Jan 2025 and 31 Mar 2025");
  assert_describes ("name is empty", "Name is empty");
  assert_describes ("owner is me and (country is \"AT\" or country is \"DE\")",
                    "Owner is me and (Country is AT or Country is DE)");
  assert_describes ("not (country is \"AT\" or country is \"DE\")",
                    "not (Country is AT or Country is DE)");
}

static void
test_format_ops (void)
{
  CrmFieldType types[] = {
    CRM_FIELD_TEXT, CRM_FIELD_PERSON, CRM_FIELD_NUMBER, CRM_FIELD_DATE,
    CRM_FIELD_TIMESTAMP, CRM_FIELD_BOOLEAN, CRM_FIELD_TAGS, CRM_FIELD_CUSTOM,
  };

  /* Every comparison offered is one the grammar allows. */
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    {
      const CrmFilterOp *ops;
      guint n_ops;

      ops = crm_filter_format_get_ops (types[i], &n_ops);
      g_assert_cmpuint (n_ops, >, 0);
      for (guint j = 0; j < n_ops; j++)
        g_assert_true (crm_filter_fields_allows (types[i], ops[j]));
    }

  g_assert_cmpstr (crm_filter_format_op (CRM_FILTER_OP_IS, CRM_FIELD_NUMBER), ==, "=");
  g_assert_cmpstr (crm_filter_format_op (CRM_FILTER_OP_IS, CRM_FIELD_TEXT), ==, "is");
  g_assert_cmpint (crm_filter_format_value_kind ("status", CRM_FIELD_TEXT, CRM_FILTER_OP_IS),
                   ==, CRM_FILTER_VALUE_STATUS);
  g_assert_cmpint (crm_filter_format_value_kind ("owner", CRM_FIELD_PERSON,
                                                 CRM_FILTER_OP_IS_ME),
                   ==, CRM_FILTER_VALUE_NONE);
  g_assert_cmpint (crm_filter_format_value_kind ("created_at", CRM_FIELD_TIMESTAMP,
                                                 CRM_FILTER_OP_BETWEEN),
                   ==, CRM_FILTER_VALUE_DATE_RANGE);
  g_assert_cmpint (crm_filter_format_value_kind ("attr.seats", CRM_FIELD_CUSTOM,
                                                 CRM_FILTER_OP_BETWEEN),
                   ==, CRM_FILTER_VALUE_NUMBER_RANGE);
  g_assert_cmpint (crm_filter_format_value_kind ("tags", CRM_FIELD_TAGS,
                                                 CRM_FILTER_OP_HAS_ALL),
                   ==, CRM_FILTER_VALUE_LIST);
  g_assert_cmpint (crm_filter_format_value_kind ("last_activity", CRM_FIELD_TIMESTAMP,
                                                 CRM_FILTER_OP_WITHIN_DAYS),
                   ==, CRM_FILTER_VALUE_DAYS);
}

static void
assert_typed (const char *text,
              const char *expected)
{
  g_autoptr(GVariant) value = crm_filter_format_parse_typed (text);
  g_autofree char *printed = NULL;

  if (expected == NULL)
    {
      g_assert_null (value);
      return;
    }

  g_variant_ref_sink (value);
  printed = g_variant_print (value, TRUE);
  g_assert_cmpstr (printed, ==, expected);
}

static void
test_format_values (void)
{
  g_autoptr(GVariant) list = NULL;
  g_autofree char *printed = NULL;

  assert_typed ("", NULL);
  assert_typed ("  ", NULL);
  assert_typed ("45", "int64 45");
  assert_typed (" -3 ", "int64 -3");
  assert_typed ("4.5", "4.5");
  assert_typed ("true", "true");
  assert_typed ("Manufacturing", "'Manufacturing'");
  assert_typed ("0x10", "'0x10'");
  assert_typed ("inf", "'inf'");

  g_assert_null (crm_filter_format_parse_list (" , ,", FALSE));
  list = g_variant_ref_sink (crm_filter_format_parse_list ("pilot, dach ,,", FALSE));
  printed = g_variant_print (list, FALSE);
  g_assert_cmpstr (printed, ==, "[<'pilot'>, <'dach'>]");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_setenv ("TZ", "UTC", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/lists/builtin/expressions", test_builtin_expressions);
  g_test_add_func ("/crm/lists/builtin/stale-days-setting", test_stale_days_setting);
  g_test_add_func ("/crm/lists/builtin/stale-list", test_stale_list_honours_setting);
  g_test_add_func ("/crm/lists/saved/crud", test_saved_crud);
  g_test_add_func ("/crm/lists/saved/reorder", test_saved_reorder);
  g_test_add_func ("/crm/lists/saved/counts", test_saved_counts);
  g_test_add_func ("/crm/lists/saved/list-ids", test_list_ids);
  g_test_add_func ("/crm/lists/attribute-keys", test_attribute_keys);
  g_test_add_func ("/crm/lists/format/describe", test_format_describe);
  g_test_add_func ("/crm/lists/format/ops", test_format_ops);
  g_test_add_func ("/crm/lists/format/values", test_format_values);

  return g_test_run ();
}
