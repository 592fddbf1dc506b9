/* test-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-bulk"

#include "config.h"

#include <locale.h>
#include <sqlite3.h>
#include <string.h>

#include "crm-bulk-edit.h"
#include "crm-core.h"
#include "crm-query-model.h"
#include "crm-store.h"
#include "crm-store-bulk.h"
#include "test-util.h"

/* Bulk edit without a display: the edit's own rules, then the store's job
 * on a book of a few hundred customers (statuses, owners, tags and
 * attributes; skips with their exact reasons; Undo; Cancel; one change
 * signal per commit). */

#define N_CUSTOMERS 400
#define ME "sam.rivera@example.com"

/* Every eighth customer is a subscriber; these names are looked for. */
static const struct {
  const char *name;
  const char *status;
} subscribers[] = {
  { "Maple Foods", "Active" },
  { "Harbor Freight Lines", "Past Due" },
  { "Quillstone Press", "Cancelled" },
};

typedef struct
{
  CrmStore *store;
  GArray   *ids;          /* every customer, in the order inserted */
  guint     n_changed_signals;
  GArray   *changed_ids;  /* the ids of the last changed::customers */
} Fixture;

/* The edit */

static void
test_edit_parse_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = NULL;

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_NUMBER, " 45 ", &error);
  g_assert_no_error (error);
  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  g_assert_cmpint (json_node_get_int (node), ==, 45);
  g_clear_pointer (&node, json_node_unref);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_NUMBER, "2.5", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (json_node_get_double (node), ==, 2.5);
  g_clear_pointer (&node, json_node_unref);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_NUMBER, "many", &error);
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE);
  g_assert_cmpstr (error->message, ==, "“many” is not a number");
  g_assert_null (node);
  g_clear_error (&error);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_DATE, "2025-06-30", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (json_node_get_string (node), ==, "2025-06-30");
  g_clear_pointer (&node, json_node_unref);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_DATE, "2025-02-30", &error);
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE);
  g_clear_error (&error);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_BOOLEAN, "Yes", &error);
  g_assert_no_error (error);
  g_assert_true (json_node_get_boolean (node));
  g_clear_pointer (&node, json_node_unref);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_BOOLEAN, "false", &error);
  g_assert_no_error (error);
  g_assert_false (json_node_get_boolean (node));
  g_clear_pointer (&node, json_node_unref);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_BOOLEAN, "maybe", &error);
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE);
  g_clear_error (&error);

  node = crm_attribute_parse_value (CRM_ATTRIBUTE_TEXT, "   ", &error);
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE);
}

static void
test_edit_build (void)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(GError) error = NULL;
  const char *key = NULL;
  CrmAttributeType type;

  g_assert_true (crm_bulk_edit_is_empty (edit));

  g_assert_false (crm_bulk_edit_set_status (edit, "Active", &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_STATUS);
  g_clear_error (&error);
  g_assert_true (crm_bulk_edit_set_status (edit, "Working Lead", &error));
  g_assert_cmpstr (crm_bulk_edit_get_status (edit), ==, "Working Lead");

  g_assert_false (crm_bulk_edit_set_owner (edit, "not an email", &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_OWNER);
  g_clear_error (&error);
  g_assert_true (crm_bulk_edit_set_owner (edit, "me", NULL));
  g_assert_true (crm_bulk_edit_set_owner (edit, "", NULL));
  g_assert_true (crm_bulk_edit_set_owner (edit, "lee@example.com", NULL));

  /* The last word about a tag wins. */
  g_assert_false (crm_bulk_edit_add_tag (edit, "  ", &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_TAG);
  g_clear_error (&error);
  g_assert_true (crm_bulk_edit_add_tag (edit, " pilot ", NULL));
  g_assert_true (crm_bulk_edit_add_tag (edit, "pilot", NULL));
  g_assert_true (crm_bulk_edit_remove_tag (edit, "dach", NULL));
  g_assert_true (crm_bulk_edit_add_tag (edit, "dach", NULL));
  g_assert_true (crm_bulk_edit_remove_tag (edit, "churn-risk", NULL));
  g_assert_cmpuint (g_strv_length ((GStrv) crm_bulk_edit_get_added_tags (edit)), ==, 2);
  g_assert_cmpstr (crm_bulk_edit_get_added_tags (edit)[1], ==, "dach");
  g_assert_cmpuint (g_strv_length ((GStrv) crm_bulk_edit_get_removed_tags (edit)), ==, 1);

  g_assert_false (crm_bulk_edit_set_attribute (edit, "has space", CRM_ATTRIBUTE_TEXT, "x",
                                               &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_ATTRIBUTE);
  g_clear_error (&error);
  g_assert_false (crm_bulk_edit_set_attribute (edit, "seats", CRM_ATTRIBUTE_NUMBER, "ten",
                                               &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE);
  g_clear_error (&error);

  g_assert_true (crm_bulk_edit_set_attribute (edit, "seats", CRM_ATTRIBUTE_NUMBER, "10", NULL));
  g_assert_true (crm_bulk_edit_set_attribute (edit, "plan", CRM_ATTRIBUTE_TEXT, "Pro", NULL));
  g_assert_true (crm_bulk_edit_set_attribute (edit, "renews_on", CRM_ATTRIBUTE_DATE,
                                              "2026-01-31", NULL));
  /* The same key again replaces its value, and does not count twice. */
  g_assert_true (crm_bulk_edit_set_attribute (edit, "seats", CRM_ATTRIBUTE_NUMBER, "12", NULL));
  g_assert_cmpuint (crm_bulk_edit_get_n_attributes (edit), ==, 3);
  g_assert_cmpint (json_node_get_int (crm_bulk_edit_get_attribute (edit, 0, &key, &type)), ==, 12);
  g_assert_cmpstr (key, ==, "seats");
  g_assert_cmpint (type, ==, CRM_ATTRIBUTE_NUMBER);

  g_assert_false (crm_bulk_edit_set_attribute (edit, "fourth", CRM_ATTRIBUTE_BOOLEAN, "yes",
                                               &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_ATTRIBUTE);
  g_assert_false (crm_bulk_edit_is_empty (edit));
}

static void
test_edit_row_rules (void)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(JsonNode) root = json_from_string ("{\"seats\":5,\"industry\":\"Retail\","
                                               "\"trial_on\":\"2025-03-01\",\"paid\":true,"
                                               "\"regions\":[\"EU\"],\"gone\":null}", NULL);
  JsonObject *attributes = json_node_get_object (root);
  const char *current[] = { "dach", "pilot", NULL };
  g_auto(GStrv) tags = NULL;
  g_autofree char *reason = NULL;
  gboolean changed = TRUE;

  /* Status: leads and unknown statuses take it; subscribers do not. */
  g_assert_true (crm_bulk_edit_check_status (edit, "Active", NULL));
  crm_bulk_edit_set_status (edit, "Unqualified Lead", NULL);
  g_assert_true (crm_bulk_edit_check_status (edit, "New Lead", NULL));
  g_assert_true (crm_bulk_edit_check_status (edit, "Lead", NULL));
  g_assert_false (crm_bulk_edit_check_status (edit, "Past Due", &reason));
  g_assert_cmpstr (reason, ==, "Past Due is set by billing");
  g_clear_pointer (&reason, g_free);

  /* Attributes: the type a customer holds decides; null holds none. */
  crm_bulk_edit_set_attribute (edit, "seats", CRM_ATTRIBUTE_TEXT, "a few", NULL);
  g_assert_false (crm_bulk_edit_apply_attributes (edit, attributes, &changed, &reason));
  g_assert_cmpstr (reason, ==, "“seats” takes a number, not “a few”");
  g_assert_cmpint (json_object_get_int_member (attributes, "seats"), ==, 5);
  g_clear_pointer (&reason, g_free);

  crm_bulk_edit_set_attribute (edit, "seats", CRM_ATTRIBUTE_NUMBER, "5", NULL);
  g_assert_true (crm_bulk_edit_apply_attributes (edit, attributes, &changed, &reason));
  g_assert_false (changed);

  crm_bulk_edit_set_attribute (edit, "gone", CRM_ATTRIBUTE_BOOLEAN, "no", NULL);
  g_assert_true (crm_bulk_edit_apply_attributes (edit, attributes, &changed, NULL));
  g_assert_true (changed);
  g_assert_false (json_object_get_boolean_member (attributes, "gone"));

  crm_bulk_edit_set_attribute (edit, "trial_on", CRM_ATTRIBUTE_TEXT, "soon", NULL);
  g_assert_false (crm_bulk_edit_apply_attributes (edit, attributes, NULL, &reason));
  g_assert_cmpstr (reason, ==, "“trial_on” takes a date, not “soon”");
  g_clear_pointer (&reason, g_free);

  crm_bulk_edit_set_attribute (edit, "trial_on", CRM_ATTRIBUTE_NUMBER, "3", NULL);
  g_assert_false (crm_bulk_edit_apply_attributes (edit, attributes, NULL, &reason));
  g_assert_cmpstr (reason, ==, "“trial_on” takes a date, not “3”");
  g_clear_pointer (&reason, g_free);
  crm_bulk_edit_set_attribute (edit, "trial_on", CRM_ATTRIBUTE_DATE, "2025-04-01", NULL);

  g_clear_pointer (&edit, crm_bulk_edit_unref);
  edit = crm_bulk_edit_new ();
  crm_bulk_edit_set_attribute (edit, "paid", CRM_ATTRIBUTE_DATE, "2025-04-01", NULL);
  g_assert_false (crm_bulk_edit_apply_attributes (edit, attributes, NULL, &reason));
  g_assert_cmpstr (reason, ==, "“paid” takes yes or no, not “2025-04-01”");
  g_clear_pointer (&reason, g_free);

  crm_bulk_edit_set_attribute (edit, "industry", CRM_ATTRIBUTE_BOOLEAN, "yes", NULL);
  crm_bulk_edit_set_attribute (edit, "paid", CRM_ATTRIBUTE_BOOLEAN, "no", NULL);
  g_assert_false (crm_bulk_edit_apply_attributes (edit, attributes, NULL, &reason));
  g_assert_cmpstr (reason, ==, "“industry” takes text, not “yes”");
  g_clear_pointer (&reason, g_free);
  /* Nothing was written on a conflict, even the attribute that fitted. */
  g_assert_true (json_object_get_boolean_member (attributes, "paid"));

  g_clear_pointer (&edit, crm_bulk_edit_unref);
  edit = crm_bulk_edit_new ();
  crm_bulk_edit_set_attribute (edit, "regions", CRM_ATTRIBUTE_TEXT, "EU", NULL);
  g_assert_false (crm_bulk_edit_apply_attributes (edit, attributes, NULL, &reason));
  g_assert_cmpstr (reason, ==, "“regions” holds several values, not one");

  /* Tags keep their order; additions come after. */
  crm_bulk_edit_add_tag (edit, "renewal", NULL);
  crm_bulk_edit_add_tag (edit, "pilot", NULL);
  crm_bulk_edit_remove_tag (edit, "dach", NULL);
  tags = crm_bulk_edit_apply_tags (edit, current, &changed);
  g_assert_true (changed);
  g_assert_cmpstrv (tags, ((const char * const[]) { "pilot", "renewal", NULL }));
  g_clear_pointer (&tags, g_strfreev);

  tags = crm_bulk_edit_apply_tags (edit, ((const char * const[]) { "pilot", "renewal", NULL }),
                                   &changed);
  g_assert_false (changed);
  g_clear_pointer (&tags, g_strfreev);

  tags = crm_bulk_edit_apply_tags (edit, NULL, &changed);
  g_assert_true (changed);
  g_assert_cmpstrv (tags, ((const char * const[]) { "renewal", "pilot", NULL }));
}

/* The book */

typedef struct
{
  guint   n;
  GArray *ids;
} Seed;

static const char *
seed_status (guint i)
{
  if (i % 8 == 1)
    return subscribers[(i / 8) % G_N_ELEMENTS (subscribers)].status;
  if (i % 8 == 3)
    return "Lead";

  return i % 2 == 0 ? "New Lead" : "Working Lead";
}

static gboolean
seed_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  Seed *seed = data;

  for (guint i = 0; i < seed->n; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *attributes = NULL;
      const char *tags[] = { "imported", i % 3 == 0 ? "dach" : NULL, NULL };
      GVariantDict fields;
      gint64 id;

      if (i % 8 == 1 && i / 8 < G_N_ELEMENTS (subscribers))
        name = g_strdup (subscribers[i / 8].name);
      else
        name = g_strdup_printf ("Customer %03u", i);

      /* One customer in ten has company_size as text: it refuses a number. */
      attributes = g_strdup_printf ("{\"industry\":\"Software\",\"company_size\":%s}",
                                    i % 10 == 7 ? "\"large\"" : "45");

      g_variant_dict_init (&fields, NULL);
      g_variant_dict_insert (&fields, "name", "s", name);
      g_variant_dict_insert (&fields, "status", "s", seed_status (i));
      g_variant_dict_insert (&fields, "attributes", "s", attributes);
      if (i % 4 == 0)
        g_variant_dict_insert (&fields, "owner", "s", "lee.okafor@example.com");

      id = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER, g_variant_dict_end (&fields), error);
      if (id == 0 || !crm_store_txn_set_tags (txn, id, tags, error))
        return FALSE;

      g_array_append_val (seed->ids, id);
    }

  return crm_store_txn_set_setting (txn, "me.email", ME, error);
}

static void
on_changed_customers_cb (CrmStore   *store,
                         const char *table,
                         GArray     *ids,
                         Fixture    *fixture)
{
  fixture->n_changed_signals++;
  g_clear_pointer (&fixture->changed_ids, g_array_unref);
  fixture->changed_ids = g_array_ref (ids);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  Seed seed = { N_CUSTOMERS, NULL };

  fixture->store = test_open_store ();
  fixture->ids = seed.ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* As a pull would: subscriber statuses come from sync. */
  crm_store_run_sync (fixture->store, NULL, CRM_ORIGIN_SYNC, seed_job, &seed, NULL, &error);
  g_assert_no_error (error);

  g_signal_connect (fixture->store, "changed::customers",
                    G_CALLBACK (on_changed_customers_cb), fixture);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (fixture->store, fixture);
  crm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->ids, g_array_unref);
  g_clear_pointer (&fixture->changed_ids, g_array_unref);
}

/* Every row of the tables a bulk edit touches, as text, through a
 * connection of the test's own. */
static char *
dump_book (CrmStore *store)
{
  static const char * const queries[] = {
    "SELECT * FROM customers ORDER BY id",
    "SELECT * FROM tags ORDER BY customer_id, tag",
    "SELECT * FROM activities ORDER BY id",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (dump, "%s|", text != NULL ? text : "∅");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
      g_string_append (dump, "--\n");
    }

  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static CrmCustomer *
load_customer (CrmStore *store,
               gint64    id)
{
  g_autoptr(GError) error = NULL;
  GObject *object = crm_store_load (store, CRM_ENTITY_CUSTOMER, id, &error);

  g_assert_no_error (error);
  return CRM_CUSTOMER (object);
}

typedef struct
{
  GAsyncResult *result;
  GCancellable *cancel_at_progress;
  guint         n_progress;
  guint         last_done;
  guint         total;
} Wait;

static void
on_progress_cb (guint    done,
                guint    total,
                gpointer user_data)
{
  Wait *wait = user_data;

  g_assert_cmpuint (done, >, wait->last_done);
  g_assert_cmpuint (done, <=, total);
  wait->n_progress++;
  wait->last_done = done;
  wait->total = total;

  if (wait->cancel_at_progress != NULL)
    g_cancellable_cancel (wait->cancel_at_progress);
}

static void
on_bulk_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static CrmBulkResult *
run_bulk_full (CrmStore      *store,
               GArray        *ids,
               CrmBulkEdit   *edit,
               GCancellable  *cancellable,
               Wait          *wait,
               GError       **error)
{
  CrmBulkResult *result;

  crm_store_bulk_edit_async (store, ids, edit, cancellable, on_progress_cb,
                             on_bulk_done_cb, wait);
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);

  result = crm_store_bulk_edit_finish (store, wait->result, error);
  g_clear_object (&wait->result);

  return result;
}

static CrmBulkResult *
run_bulk (CrmStore    *store,
          GArray      *ids,
          CrmBulkEdit *edit)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  CrmBulkResult *result;

  result = run_bulk_full (store, ids, edit, NULL, &wait, &error);
  g_assert_no_error (error);
  g_assert_nonnull (result);

  return result;
}

static const CrmBulkSkip *
find_skip (CrmBulkResult *result,
           const char    *name)
{
  GPtrArray *skipped = crm_bulk_result_get_skipped (result);

  for (guint i = 0; i < skipped->len; i++)
    {
      const CrmBulkSkip *skip = g_ptr_array_index (skipped, i);

      if (g_str_equal (skip->name, name))
        return skip;
    }

  return NULL;
}

static guint
count_activities (CrmStore   *store,
                  const char *kind)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "kind", CRM_FILTER_OP_IS, g_variant_new_string (kind));
  return crm_store_count (store, CRM_ENTITY_ACTIVITY, filter);
}

/* The store's job */

static void
test_bulk_status (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autofree char *before = dump_book (fixture->store);
  guint n_subscribers = 0, n_already = 0;
  guint n_status_activities = count_activities (fixture->store, "status");

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      if (i % 8 == 1)
        n_subscribers++;
      else if (g_str_equal (seed_status (i), "Working Lead"))
        n_already++;
    }

  crm_bulk_edit_set_status (edit, "Working Lead", NULL);
  result = run_bulk (fixture->store, fixture->ids, edit);

  g_assert_cmpuint (crm_bulk_result_get_n_skipped (result), ==, n_subscribers);
  g_assert_cmpuint (crm_bulk_result_get_n_unchanged (result), ==, n_already);
  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==,
                    N_CUSTOMERS - n_subscribers - n_already);
  g_assert_cmpint (crm_bulk_result_get_undo_group (result), >, 0);

  /* Each skipped customer is named, with the exact reason. */
  g_assert_cmpstr (find_skip (result, "Maple Foods")->reason, ==, "Active is set by billing");
  g_assert_cmpstr (find_skip (result, "Harbor Freight Lines")->reason, ==,
                   "Past Due is set by billing");
  g_assert_cmpstr (find_skip (result, "Quillstone Press")->reason, ==,
                   "Cancelled is set by billing");
  g_assert_cmpint (find_skip (result, "Maple Foods")->id, ==,
                   g_array_index (fixture->ids, gint64, 1));

  for (guint i = 0; i < N_CUSTOMERS; i++)
    {
      g_autoptr(CrmCustomer) customer = load_customer (fixture->store,
                                                       g_array_index (fixture->ids, gint64, i));

      g_assert_cmpstr (crm_customer_get_status (customer), ==,
                       i % 8 == 1 ? seed_status (i) : "Working Lead");
    }

  /* Each change is on the timeline; the commit is one signal. */
  g_assert_cmpuint (count_activities (fixture->store, "status"), ==,
                    n_status_activities + crm_bulk_result_get_n_changed (result));
  g_assert_cmpuint (fixture->n_changed_signals, ==, 1);
  g_assert_cmpuint (fixture->changed_ids->len, >=, crm_bulk_result_get_n_changed (result));

  /* Undo puts every row back as it was, to the byte. */
  fixture->n_changed_signals = 0;
  test_undo (fixture->store, crm_bulk_result_get_undo_group (result));
  {
    g_autofree char *after = dump_book (fixture->store);

    g_assert_cmpstr (after, ==, before);
  }
  g_assert_cmpuint (fixture->n_changed_signals, ==, 1);
}

static void
test_bulk_owner (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *before = dump_book (fixture->store);
  g_autoptr(CrmCustomer) first = NULL;
  g_autoptr(CrmCustomer) second = NULL;
  g_autofree char *after = NULL;
  g_auto(GStrv) owners = NULL;
  gint64 first_group;
  guint n_owner_activities = count_activities (fixture->store, "owner");

  g_array_append_vals (some, fixture->ids->data, 100);

  crm_bulk_edit_set_owner (edit, "me", NULL);
  result = run_bulk (fixture->store, some, edit);

  /* Subscribers change owner too: only the status is billing's. */
  g_assert_cmpuint (crm_bulk_result_get_n_skipped (result), ==, 0);
  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==, 100);
  first_group = crm_bulk_result_get_undo_group (result);
  first = load_customer (fixture->store, g_array_index (some, gint64, 0));
  g_assert_cmpstr (crm_customer_get_owner (first), ==, ME);
  g_assert_cmpuint (count_activities (fixture->store, "owner"), ==, n_owner_activities + 100);

  owners = crm_store_dup_owners (fixture->store);
  g_assert_cmpstrv (owners, ((const char * const[]) { "lee.okafor@example.com", ME, NULL }));

  /* Nobody: the owner is cleared, not set to an empty text. */
  g_clear_pointer (&result, crm_bulk_result_unref);
  g_clear_pointer (&edit, crm_bulk_edit_unref);
  edit = crm_bulk_edit_new ();
  crm_bulk_edit_set_owner (edit, "", NULL);
  result = run_bulk (fixture->store, some, edit);
  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==, 100);
  second = load_customer (fixture->store, g_array_index (some, gint64, 0));
  g_assert_null (crm_customer_get_owner (second));

  /* Undo, newest first, goes back to the owners of before. */
  test_undo (fixture->store, crm_bulk_result_get_undo_group (result));
  g_clear_object (&second);
  second = load_customer (fixture->store, g_array_index (some, gint64, 0));
  g_assert_cmpstr (crm_customer_get_owner (second), ==, ME);

  test_undo (fixture->store, first_group);
  after = dump_book (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bulk_owner_me_unset (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Wait wait = { NULL };

  test_set_setting (fixture->store, "me.email", NULL);
  before = dump_book (fixture->store);
  fixture->n_changed_signals = 0;

  crm_bulk_edit_set_owner (edit, "me", NULL);
  result = run_bulk_full (fixture->store, fixture->ids, edit, NULL, &wait, &error);
  g_assert_null (result);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "Set your email in Preferences to own customers");

  after = dump_book (fixture->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (fixture->n_changed_signals, ==, 0);
}

static void
test_bulk_tags (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autofree char *before = dump_book (fixture->store);
  g_autofree char *after = NULL;

  crm_bulk_edit_add_tag (edit, "q3-campaign", NULL);
  crm_bulk_edit_remove_tag (edit, "dach", NULL);
  result = run_bulk (fixture->store, fixture->ids, edit);

  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==, N_CUSTOMERS);
  g_assert_cmpuint (crm_bulk_result_get_n_skipped (result), ==, 0);

  for (guint i = 0; i < N_CUSTOMERS; i += 3)
    {
      g_autoptr(CrmCustomer) customer = load_customer (fixture->store,
                                                       g_array_index (fixture->ids, gint64, i));

      g_assert_cmpstrv (crm_customer_get_tags (customer),
                        ((const char * const[]) { "imported", "q3-campaign", NULL }));
    }

  test_undo (fixture->store, crm_bulk_result_get_undo_group (result));
  after = dump_book (fixture->store);
  g_assert_cmpstr (after, ==, before);
}

static void
test_bulk_attributes (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autofree char *before = dump_book (fixture->store);
  g_autofree char *after = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  guint n_indexed = test_assert_attribute_index (fixture->store);
  GPtrArray *skipped;
  JsonObject *attributes;

  g_assert_true (crm_bulk_edit_set_attribute (edit, "company_size", CRM_ATTRIBUTE_NUMBER,
                                              "120", NULL));
  g_assert_true (crm_bulk_edit_set_attribute (edit, "renews_on", CRM_ATTRIBUTE_DATE,
                                              "2026-01-31", NULL));
  g_assert_true (crm_bulk_edit_set_attribute (edit, "champion", CRM_ATTRIBUTE_BOOLEAN,
                                              "yes", NULL));
  crm_bulk_edit_set_status (edit, "Qualified Lead", NULL);
  result = run_bulk (fixture->store, fixture->ids, edit);

  /* Subscribers for the status, company_size held as text for the number:
   * the first reason met is the one given. */
  skipped = crm_bulk_result_get_skipped (result);
  for (guint i = 0; i < skipped->len; i++)
    {
      const CrmBulkSkip *skip = g_ptr_array_index (skipped, i);
      guint index = 0;

      while (g_array_index (fixture->ids, gint64, index) != skip->id)
        index++;

      if (index % 8 == 1)
        g_assert_true (g_str_has_suffix (skip->reason, " is set by billing"));
      else
        g_assert_cmpstr (skip->reason, ==, "“company_size” takes text, not “120”");
      g_assert_true (index % 8 == 1 || index % 10 == 7);
    }
  g_assert_cmpuint (skipped->len, ==, 50 + 40 - 10);

  customer = load_customer (fixture->store, g_array_index (fixture->ids, gint64, 0));
  attributes = crm_customer_get_attributes (customer);
  g_assert_cmpint (json_object_get_int_member (attributes, "company_size"), ==, 120);
  g_assert_cmpstr (json_object_get_string_member (attributes, "renews_on"), ==, "2026-01-31");
  g_assert_true (json_object_get_boolean_member (attributes, "champion"));
  g_assert_cmpstr (json_object_get_string_member (attributes, "industry"), ==, "Software");
  g_assert_cmpuint (test_assert_attribute_index (fixture->store), >, N_CUSTOMERS * 2);
  g_assert_cmpstr (crm_customer_get_status (customer), ==, "Qualified Lead");
  g_clear_object (&customer);

  /* A skipped customer kept everything, its status included. */
  customer = load_customer (fixture->store, g_array_index (fixture->ids, gint64, 7));
  g_assert_cmpstr (crm_customer_get_status (customer), ==, seed_status (7));
  g_assert_false (json_object_has_member (crm_customer_get_attributes (customer), "champion"));

  test_undo (fixture->store, crm_bulk_result_get_undo_group (result));
  after = dump_book (fixture->store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (test_assert_attribute_index (fixture->store), ==, n_indexed);
}

static void
test_bulk_deleted (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 missing = 999999;
  const CrmBulkSkip *skip;

  g_array_append_vals (ids, fixture->ids->data, 2);
  g_array_append_val (ids, missing);
  crm_bulk_edit_add_tag (edit, "vip", NULL);
  result = run_bulk (fixture->store, ids, edit);

  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==, 2);
  g_assert_cmpuint (crm_bulk_result_get_n_skipped (result), ==, 1);
  skip = g_ptr_array_index (crm_bulk_result_get_skipped (result), 0);
  g_assert_cmpint (skip->id, ==, missing);
  g_assert_cmpstr (skip->reason, ==, "The customer was deleted");
}

static void
test_bulk_empty_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = run_bulk (fixture->store, fixture->ids, edit);

  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==, 0);
  g_assert_cmpuint (crm_bulk_result_get_n_unchanged (result), ==, N_CUSTOMERS);
  g_assert_cmpuint (fixture->n_changed_signals, ==, 0);
}

/* A rule that refuses one customer's change: that customer is skipped
 * with the rule's words, and nothing of it is written. */
static gboolean
refuse_rule (CrmStoreTxn  *txn,
             const char   *table,
             gint64        id,
             const char   *operation,
             GVariant     *changes,
             gpointer      user_data,
             GError      **error)
{
  gint64 *refused = user_data;

  if (!g_str_equal (table, "customers") || id != *refused ||
      !g_str_equal (operation, "update"))
    return TRUE;

  g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                       "Frozen by the test");
  return FALSE;
}

static void
test_bulk_rule_refuses (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  static gint64 refused;
  Seed seed = { 20, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  const CrmBulkSkip *skip;

  store = test_open_store ();
  crm_store_add_rule (store, refuse_rule, &refused);
  crm_store_run_sync (store, NULL, CRM_ORIGIN_SYNC, seed_job, &seed, NULL, &error);
  g_assert_no_error (error);
  refused = g_array_index (seed.ids, gint64, 4);

  crm_bulk_edit_set_status (edit, "Unqualified Lead", NULL);
  crm_bulk_edit_add_tag (edit, "lost", NULL);
  result = run_bulk (store, seed.ids, edit);

  g_assert_cmpuint (crm_bulk_result_get_n_skipped (result), ==, 1 + 3);
  skip = find_skip (result, "Customer 004");
  g_assert_nonnull (skip);
  g_assert_cmpstr (skip->reason, ==, "Frozen by the test");

  /* Its status, its timeline and its tags are as before. */
  customer = load_customer (store, refused);
  g_assert_cmpstr (crm_customer_get_status (customer), ==, "New Lead");
  g_assert_false (g_strv_contains (crm_customer_get_tags (customer), "lost"));
  g_clear_object (&customer);

  customer = load_customer (store, g_array_index (seed.ids, gint64, 5));
  g_assert_cmpstr (crm_customer_get_status (customer), ==, "Unqualified Lead");
  g_assert_true (g_strv_contains (crm_customer_get_tags (customer), "lost"));

  crm_store_close (store);
  g_array_unref (seed.ids);
}

/* Slows the writer so that the job is still running when the progress
 * comes; a real book of thousands of customers takes that long. */
static gboolean
slow_rule (CrmStoreTxn  *txn,
           const char   *table,
           gint64        id,
           const char   *operation,
           GVariant     *changes,
           gpointer      user_data,
           GError      **error)
{
  if (g_str_equal (table, "customers") && g_str_equal (operation, "update"))
    g_usleep (1000);

  return TRUE;
}

static void
on_any_changed_cb (CrmStore   *store,
                   const char *table,
                   GArray     *ids,
                   guint      *n_signals)
{
  (*n_signals)++;
}

static void
test_bulk_cancel (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  Seed seed = { 1000, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  guint n_signals = 0;
  Wait wait = { NULL };

  store = test_open_store ();
  crm_store_add_rule (store, slow_rule, NULL);
  crm_store_run_sync (store, NULL, CRM_ORIGIN_SYNC, seed_job, &seed, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (on_any_changed_cb), &n_signals);
  before = dump_book (store);

  /* Cancel from the main thread at the first progress report, as the
   * Cancel button does: the job is then midway. */
  crm_bulk_edit_set_status (edit, "Unqualified Lead", NULL);
  crm_bulk_edit_set_owner (edit, "me", NULL);
  wait.cancel_at_progress = cancellable;
  result = run_bulk_full (store, seed.ids, edit, cancellable, &wait, &error);

  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (wait.n_progress, ==, 1);
  g_assert_cmpuint (wait.last_done, >, 0);
  g_assert_cmpuint (wait.last_done, <, seed.n);
  g_assert_cmpuint (wait.total, ==, seed.n);

  after = dump_book (store);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpuint (n_signals, ==, 0);

  crm_store_close (store);
  g_array_unref (seed.ids);
}

static void
test_bulk_progress (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Seed seed = { 600, g_array_new (FALSE, FALSE, sizeof (gint64)) };
  Wait wait = { NULL };
  gint64 start;
  double seconds;

  store = test_open_store ();
  crm_store_add_rule (store, slow_rule, NULL);
  crm_store_run_sync (store, NULL, CRM_ORIGIN_SYNC, seed_job, &seed, NULL, &error);
  g_assert_no_error (error);

  crm_bulk_edit_add_tag (edit, "slow", NULL);
  crm_bulk_edit_set_attribute (edit, "industry", CRM_ATTRIBUTE_TEXT, "Retail", NULL);
  start = g_get_monotonic_time ();
  result = run_bulk_full (store, seed.ids, edit, NULL, &wait, &error);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  g_assert_no_error (error);
  g_assert_cmpuint (crm_bulk_result_get_n_changed (result), ==, seed.n);

  /* About ten reports a second, never more than the time allows. */
  g_assert_cmpuint (wait.n_progress, >=, 1);
  g_assert_cmpuint (wait.n_progress, <=, (guint) (seconds * 10) + 1);
  g_assert_cmpuint (wait.total, ==, seed.n);

  crm_store_close (store);
  g_array_unref (seed.ids);
}

/* The list of New Leads shrinks by one items-changed for the whole job. */
static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_emissions)
{
  (*n_emissions)++;
}

static void
test_bulk_model_refreshes_once (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(CrmBulkEdit) edit = crm_bulk_edit_new ();
  g_autoptr(CrmBulkResult) result = NULL;
  g_autoptr(CrmQueryModel) model = crm_query_model_new (fixture->store, CRM_ENTITY_CUSTOMER);
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_emissions = 0;
  guint n_items;

  crm_filter_add (filter, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));
  crm_query_model_set_filter (model, filter);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_items, ==, N_CUSTOMERS / 2);

  for (guint i = 0; i < n_items; i++)
    {
      gint64 id = crm_query_model_get_id (model, i);

      g_array_append_val (ids, id);
    }

  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), &n_emissions);
  crm_bulk_edit_set_status (edit, "Working Lead", NULL);
  crm_bulk_edit_add_tag (edit, "contacted", NULL);
  result = run_bulk (fixture->store, ids, edit);
  test_wait_for_refresh (model);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  g_assert_cmpuint (n_emissions, ==, 1);

  n_emissions = 0;
  test_undo (fixture->store, crm_bulk_result_get_undo_group (result));
  test_wait_for_refresh (model);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_items);
  g_assert_cmpuint (n_emissions, ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/bulk/edit/parse-values", test_edit_parse_values);
  g_test_add_func ("/crm/bulk/edit/build", test_edit_build);
  g_test_add_func ("/crm/bulk/edit/row-rules", test_edit_row_rules);

#define ADD(path, func) \
  g_test_add ("/crm/bulk/store/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("status", test_bulk_status);
  ADD ("owner", test_bulk_owner);
  ADD ("owner-me-unset", test_bulk_owner_me_unset);
  ADD ("tags", test_bulk_tags);
  ADD ("attributes", test_bulk_attributes);
  ADD ("deleted", test_bulk_deleted);
  ADD ("empty-edit", test_bulk_empty_edit);
  ADD ("rule-refuses", test_bulk_rule_refuses);
  ADD ("cancel", test_bulk_cancel);
  ADD ("progress", test_bulk_progress);
  ADD ("model-refreshes-once", test_bulk_model_refreshes_once);

#undef ADD

  return g_test_run ();
}
