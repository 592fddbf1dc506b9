/* test-store.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-core.h"
#include "crm-query-model.h"
#include "crm-store.h"
#include "crm-store-private.h"
#include "test-util.h"

static void
test_constraints (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  gint64 customer;

  customer = test_insert (store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <'Orchard Tools'>}"));

  /* Currency codes are three capitals; dates are dates. */
  test_insert_fails (store, CRM_ENTITY_OPPORTUNITY,
                     g_variant_new_parsed ("{'customer_id': <%x>, 'pipeline': <'New Business'>,"
                                           " 'stage': <'Discovery'>, 'currency': <'euro'>}",
                                           customer),
                     CRM_STORE_ERROR_CONSTRAINT);
  test_insert_fails (store, CRM_ENTITY_TASK,
                     g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Call'>,"
                                           " 'due_on': <'2025-02-30'>}", customer),
                     CRM_STORE_ERROR_CONSTRAINT);
  test_insert_fails (store, CRM_ENTITY_CONTACT,
                     g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Ada'>}",
                                           (gint64) 999999),
                     CRM_STORE_ERROR_CONSTRAINT);
  test_insert_fails (store, CRM_ENTITY_CUSTOMER,
                     g_variant_new_parsed ("{'name': <'X'>, 'no_such_column': <1>}"),
                     CRM_STORE_ERROR_INVALID);
  test_insert_fails (store, CRM_ENTITY_CUSTOMER,
                     g_variant_new_parsed ("{'name': <'X'>, 'attributes': <'[1, 2]'>}"),
                     CRM_STORE_ERROR_CONSTRAINT);

  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_OPPORTUNITY, NULL), ==, 0);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_TASK, NULL), ==, 0);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 1);
}

static guint
count_for (CrmStore      *store,
           CrmEntityKind  kind,
           gint64         customer)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS, g_variant_new_int64 (customer));
  return crm_store_count (store, kind, filter);
}

static guint
count_outbox (CrmStore   *store,
              const char *operation)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (store), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM outbox WHERE operation = ?",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, operation, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return n;
}

static gint64
make_harbor_optics (CrmStore *store)
{
  gint64 harbor;

  harbor = test_insert (store, CRM_ENTITY_CUSTOMER,
                        g_variant_new_parsed ("{'name': <'Harbor Optics'>,"
                                              " 'status': <'Working Lead'>}"));
  for (guint i = 0; i < 2; i++)
    test_insert (store, CRM_ENTITY_CONTACT,
                 g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <%s>}",
                                       harbor, i == 0 ? "Mira" : "Tomas"));
  for (guint i = 0; i < 3; i++)
    test_insert (store, CRM_ENTITY_TASK,
                 g_variant_new_parsed ("{'customer_id': <%x>, 'details': <'Follow up'>,"
                                       " 'due_on': <'2025-07-10'>}", harbor));
  test_insert (store, CRM_ENTITY_OPPORTUNITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Lens upgrade'>,"
                                     " 'pipeline': <'New Business'>, 'stage': <'Evaluation'>,"
                                     " 'amount_minor': <int64 400000>, 'currency': <'EUR'>}",
                                     harbor));
  for (guint i = 0; i < 2; i++)
    test_insert (store, CRM_ENTITY_ACTIVITY,
                 g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                       " 'occurred_at': <'2025-06-0%dT10:00:00.000Z'>,"
                                       " 'call_duration': <int64 600>}", harbor, i + 1));
  return harbor;
}

/* Case I1: a customer's delete takes its children, keeps the outbox, and
 * Undo brings everything back with its links. */
static void
test_cascade_delete_undo (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCustomer) back = NULL;
  g_autoptr(GError) error = NULL;
  gint64 harbor, group;
  guint creates;

  test_set_setting (store, "sync.enabled", "1");
  harbor = make_harbor_optics (store);
  creates = count_outbox (store, "create");
  g_assert_cmpuint (creates, ==, 1 + 2 + 3 + 1 + 2);

  group = test_delete (store, CRM_ENTITY_CUSTOMER, harbor);
  g_assert_cmpint (group, >, 0);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_CONTACT, harbor), ==, 0);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_TASK, harbor), ==, 0);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_OPPORTUNITY, harbor), ==, 0);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_ACTIVITY, harbor), ==, 0);
  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_cmpuint (count_outbox (store, "create"), ==, creates);
  g_assert_cmpuint (count_outbox (store, "delete"), >=, 1);

  test_undo (store, group);
  back = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, harbor, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (back), ==, "Harbor Optics");
  g_assert_cmpuint (count_for (store, CRM_ENTITY_CONTACT, harbor), ==, 2);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_TASK, harbor), ==, 3);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_OPPORTUNITY, harbor), ==, 1);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_ACTIVITY, harbor), ==, 2);
  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_no_error (error);

  /* Undo is a change the server must hear of too; nothing was dropped. */
  g_assert_cmpuint (count_outbox (store, "create"), ==, 2 * creates);

  /* The search index came back with the row. */
  {
    g_autoptr(GArray) ids = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, NULL, "harbor",
                                                 NULL, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (ids->len, ==, 1);
  }

  /* A group is undone once. */
  test_undo_fails (store, group);
}

static void
test_update_undo (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCustomer) customer = NULL;
  gint64 id, group;

  id = test_insert (store, CRM_ENTITY_CUSTOMER,
                    g_variant_new_parsed ("{'name': <'Maple Foods'>,"
                                          " 'website': <'maple.example'>}"));
  group = test_update (store, CRM_ENTITY_CUSTOMER, id,
                       g_variant_new_parsed ("{'website': <'maple.example.org'>,"
                                             " 'country': <'AT'>}"));
  test_undo (store, group);

  customer = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, id, NULL));
  g_assert_cmpstr (crm_customer_get_website (customer), ==, "maple.example");
  g_assert_null (crm_customer_get_country (customer));
}

static void
test_status_change (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id, group;

  test_set_setting (store, "me.email", "sam.ortiz@prospect.example");
  id = test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Birch'>}"));

  group = test_set_status (store, id, "Working Lead", CRM_ORIGIN_PERSON, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_ACTIVITY, id), ==, 1);

  /* A person cannot make a customer a subscriber; billing (sync) can. */
  test_set_status (store, id, "Active", CRM_ORIGIN_PERSON, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  g_clear_error (&error);
  test_set_status (store, id, "Active", CRM_ORIGIN_SYNC, &error);
  g_assert_no_error (error);

  customer = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, id, NULL));
  g_assert_cmpstr (crm_customer_get_status (customer), ==, "Active");
  g_assert_cmpuint (count_for (store, CRM_ENTITY_ACTIVITY, id), ==, 2);

  /* Undoing the first change removes its timeline entry too. */
  test_undo (store, group);
  g_assert_cmpuint (count_for (store, CRM_ENTITY_ACTIVITY, id), ==, 1);
}

static gboolean
refuse_rule (CrmStoreTxn  *txn,
             const char   *table,
             gint64        id,
             const char   *operation,
             GVariant     *changes,
             gpointer      user_data,
             GError      **error)
{
  const char *name = NULL;

  if (!g_str_equal (table, "customers") || changes == NULL)
    return TRUE;

  if (g_variant_lookup (changes, "name", "&s", &name) && g_str_equal (name, "Refuse me"))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED, "refused");
      return FALSE;
    }

  /* A rule's own change lands in the same transaction. */
  if (g_str_equal (operation, "insert") && !g_variant_lookup (changes, "owner", "&s", NULL))
    return crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, id,
                                 g_variant_new_parsed ("{'owner': <'router@prospect.example'>}"),
                                 error);

  return TRUE;
}

static void
test_rule_hook (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmCustomer) customer = NULL;
  gint64 id;

  crm_store_add_rule (store, refuse_rule, NULL);

  test_insert_fails (store, CRM_ENTITY_CUSTOMER,
                     g_variant_new_parsed ("{'name': <'Refuse me'>}"), CRM_STORE_ERROR_REFUSED);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);

  id = test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Cedar'>}"));
  customer = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, id, NULL));
  g_assert_cmpstr (crm_customer_get_owner (customer), ==, "router@prospect.example");
}

static GArray *
search (CrmStore   *store,
        const char *text)
{
  g_autoptr(GError) error = NULL;
  GArray *ids;

  ids = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, NULL, text, "name", FALSE, &error);
  g_assert_no_error (error);
  return ids;
}

static void
assert_search (CrmStore   *store,
               const char *text,
               guint       expected)
{
  g_autoptr(GArray) ids = search (store, text);

  g_assert_cmpuint (ids->len, ==, expected);
}

/* The trigger of schema 6 that kept a customer's contacts searchable, as
 * 0001-initial.sql made it: every change of a contact failed with it. */
#define SCHEMA_6_CONTACTS_TRIGGER \
  "DROP TRIGGER contacts_search_update;" \
  "CREATE TRIGGER contacts_search_update" \
  " AFTER UPDATE OF first_name, last_name, email, customer_id ON contacts BEGIN" \
  " UPDATE customer_search SET contacts = ifnull ((SELECT group_concat (first_name" \
  " || ' ' || last_name || ' ' || ifnull (email, ''), ' ') FROM contacts" \
  " WHERE customer_id = c.id), '')" \
  " FROM (SELECT new.customer_id AS id UNION SELECT old.customer_id) AS c" \
  " WHERE rowid = c.id AND crm_search_live ();" \
  " INSERT OR IGNORE INTO search_dirty (id) SELECT new.customer_id" \
  " WHERE NOT crm_search_live () UNION SELECT old.customer_id" \
  " WHERE NOT crm_search_live (); END;"

/* A book of schema 6 with contacts: after the migrations, its contacts can
 * be changed and the search follows them (0008), and its attributes are
 * indexed (0007). */
static void
test_migrate_schema_6_contacts (void)
{
  g_autofree char *path = test_temp_db ();
  g_autoptr(CrmStore) store = crm_store_open (path, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  g_autofree char *indexed = NULL;
  gint64 customer, contact;

  g_assert_nonnull (store);
  customer = test_insert (store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                                " 'attributes': <'{\"size\": 250}'>}"));
  contact = test_insert (store, CRM_ENTITY_CONTACT,
                         g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Lena'>,"
                                               " 'last_name': <'Maier'>,"
                                               " 'email': <'lena@orchard.example.org'>}",
                                               customer));
  crm_store_close (store);
  g_clear_object (&store);

  test_exec_raw (path, SCHEMA_6_CONTACTS_TRIGGER TEST_BACK_TO_SCHEMA_6);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  version = test_query_string (store, "PRAGMA user_version");
  g_assert_cmpstr (version, ==, "10");
  indexed = test_query_string (store, "SELECT value FROM customer_attributes"
                                      " WHERE key = 'size'");
  g_assert_cmpstr (indexed, ==, "250");
  assert_search (store, "maier", 1);

  test_update (store, CRM_ENTITY_CONTACT, contact,
               g_variant_new_parsed ("{'last_name': <'Brandt'>,"
                                     " 'email': <'lena@cedar.example.net'>}"));
  assert_search (store, "brandt", 1);
  assert_search (store, "maier", 0);
  assert_search (store, "cedar", 1);
  crm_store_close (store);
}

static void
test_search (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  gint64 ines, lena, group;

  ines = test_insert (store, CRM_ENTITY_CUSTOMER,
                      g_variant_new_parsed ("{'name': <'Inés Núñez'>, 'company': <'Café Noir'>,"
                                            " 'email': <'ines@cafe-noir.example'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Omar Reed'>, 'company': <'Orchard Tools'>}"));
  lena = test_insert (store, CRM_ENTITY_CONTACT,
                      g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Lena'>,"
                                            " 'last_name': <'Maier'>}", ines));

  assert_search (store, "ines", 1);
  assert_search (store, "NUNEZ", 1);
  assert_search (store, "iné", 1);
  assert_search (store, "cafe", 1);
  assert_search (store, "maier", 1);
  assert_search (store, "or", 1);
  assert_search (store, "o", 1);
  assert_search (store, "nobody", 0);

  /* FTS syntax typed by a person is plain text. */
  assert_search (store, "\"", 2);
  assert_search (store, "NEAR(ines", 0);
  assert_search (store, "ines*", 1);

  /* A contact renamed is found by its new name only. */
  test_update (store, CRM_ENTITY_CONTACT, lena,
               g_variant_new_parsed ("{'last_name': <'Brandt'>}"));
  assert_search (store, "brandt", 1);
  assert_search (store, "maier", 0);

  /* So is a customer; a deleted contact or customer is not found, and
   * Undo brings either back. */
  test_update (store, CRM_ENTITY_CUSTOMER, ines,
               g_variant_new_parsed ("{'company': <'Tidewater Bakery'>,"
                                     " 'email': <'ines@tidewater.example'>}"));
  assert_search (store, "tidewater", 1);
  assert_search (store, "noir", 0);

  group = test_delete (store, CRM_ENTITY_CONTACT, lena);
  assert_search (store, "brandt", 0);
  test_undo (store, group);
  assert_search (store, "brandt", 1);

  group = test_delete (store, CRM_ENTITY_CUSTOMER, ines);
  assert_search (store, "ines", 0);
  assert_search (store, "brandt", 0);
  test_undo (store, group);
  assert_search (store, "ines tidewater brandt", 1);
}

static gboolean
bulk_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  gint64 id;

  id = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                             g_variant_new_parsed ("{'name': <'Núria Soler'>}"), error);
  if (id == 0)
    return FALSE;

  if (crm_store_txn_insert (txn, CRM_ENTITY_CONTACT,
                            g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Jörg'>}",
                                                  id), error) == 0)
    return FALSE;

  return crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, id,
                               g_variant_new_parsed ("{'company': <'Ébène Studio'>}"), error);
}

/* Bulk jobs index once at their end; what they wrote is found all the same. */
static void
test_search_bulk (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;

  crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, bulk_job, NULL, NULL, &error);
  g_assert_no_error (error);

  assert_search (store, "nuria", 1);
  assert_search (store, "jorg", 1);
  assert_search (store, "ebene", 1);
  assert_search (store, "soler studio jorg", 1);
}

static guint n_changes;
static guint last_position, last_removed, last_added;

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  n_changes++;
  last_position = position;
  last_removed = removed;
  last_added = added;
}

static void
assert_change (guint position,
               guint removed,
               guint added)
{
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (last_position, ==, position);
  g_assert_cmpuint (last_removed, ==, removed);
  g_assert_cmpuint (last_added, ==, added);
  n_changes = 0;
}

static void
assert_names (GListModel  *model,
              const char  *expected)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (model, i);

      g_string_append_printf (names, "%s%s", i > 0 ? " " : "",
                              crm_customer_get_name (customer));
    }

  g_assert_cmpstr (names->str, ==, expected);
}

static void
test_query_model (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmQueryModel) model = NULL;
  g_autoptr(CrmFilter) leads = crm_filter_new ();
  g_autoptr(CrmCustomer) held = NULL;
  const char *names[] = { "Alder", "Birch", "Cedar", "Dogwood", "Elm" };
  gint64 ids[G_N_ELEMENTS (names)];

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    ids[i] = test_insert (store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <%s>}", names[i]));

  model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);
  crm_query_model_set_sort (model, "name", FALSE);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  n_changes = 0;
  assert_names (G_LIST_MODEL (model), "Alder Birch Cedar Dogwood Elm");
  held = g_list_model_get_item (G_LIST_MODEL (model), 2);

  /* Renaming Cedar moves it to the end: the span from it on changes. */
  test_update (store, CRM_ENTITY_CUSTOMER, ids[2], g_variant_new_parsed ("{'name': <'Zelkova'>}"));
  test_wait_for_refresh (model);
  assert_change (2, 3, 3);
  assert_names (G_LIST_MODEL (model), "Alder Birch Dogwood Elm Zelkova");
  g_assert_cmpstr (crm_customer_get_name (held), ==, "Zelkova");

  /* An edit that keeps the order changes no position. */
  test_update (store, CRM_ENTITY_CUSTOMER, ids[0], g_variant_new_parsed ("{'country': <'AT'>}"));
  test_wait_for_refresh (model);
  g_assert_cmpuint (n_changes, ==, 0);

  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Beech'>}"));
  test_wait_for_refresh (model);
  assert_change (1, 0, 1);

  test_delete (store, CRM_ENTITY_CUSTOMER, ids[3]);
  test_wait_for_refresh (model);
  assert_change (3, 1, 0);
  assert_names (G_LIST_MODEL (model), "Alder Beech Birch Elm Zelkova");

  /* Filter and sort run in SQL, with one change each. */
  test_update (store, CRM_ENTITY_CUSTOMER, ids[4],
               g_variant_new_parsed ("{'status': <'Working Lead'>}"));
  test_wait_for_refresh (model);
  n_changes = 0;
  crm_filter_add (leads, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));
  crm_query_model_set_filter (model, leads);
  assert_change (3, 1, 0);
  assert_names (G_LIST_MODEL (model), "Alder Beech Birch Zelkova");

  crm_query_model_set_sort (model, "name", TRUE);
  assert_change (0, 4, 4);
  assert_names (G_LIST_MODEL (model), "Zelkova Birch Beech Alder");

  crm_query_model_set_search (model, "bi");
  assert_change (0, 4, 1);
  assert_names (G_LIST_MODEL (model), "Birch");

  crm_query_model_set_search (model, "");
  assert_change (0, 1, 4);
  g_assert_cmpuint (crm_query_model_find (model, ids[1]), ==, 1);
  g_assert_cmpint (crm_query_model_get_id (model, 0), ==, ids[2]);
}

/* A frozen model runs no query: what is set meanwhile, and the store's
 * changes, cost one query at the thaw. */
static void
test_query_model_frozen (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmQueryModel) model = NULL;
  g_autoptr(CrmFilter) new_leads = crm_filter_new ();

  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Alder'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Birch'>, 'status': <'Working Lead'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Cedar'>}"));

  model = crm_query_model_new_frozen (store, CRM_ENTITY_CUSTOMER);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  n_changes = 0;
  g_assert_true (crm_query_model_get_frozen (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  crm_filter_add (new_leads, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));
  crm_query_model_set_sort (model, "name", TRUE);
  crm_query_model_set_filter (model, new_leads);
  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Dogwood'>}"));
  test_wait_for_refresh (model);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Freezes nest: only the last thaw queries. */
  crm_query_model_freeze (model);
  crm_query_model_thaw (model);
  g_assert_true (crm_query_model_get_frozen (model));
  g_assert_cmpuint (n_changes, ==, 0);

  crm_query_model_thaw (model);
  g_assert_false (crm_query_model_get_frozen (model));
  assert_change (0, 0, 3);
  assert_names (G_LIST_MODEL (model), "Dogwood Cedar Alder");

  /* Frozen again, the model keeps its rows until the thaw. */
  crm_query_model_freeze (model);
  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'Elm'>}"));
  test_wait_for_refresh (model);
  crm_query_model_refresh (model);
  g_assert_cmpuint (n_changes, ==, 0);
  assert_names (G_LIST_MODEL (model), "Dogwood Cedar Alder");
  crm_query_model_thaw (model);
  assert_change (0, 0, 1);
  assert_names (G_LIST_MODEL (model), "Elm Dogwood Cedar Alder");

  /* A thaw with nothing asked for runs nothing. */
  crm_query_model_freeze (model);
  crm_query_model_thaw (model);
  g_assert_cmpuint (n_changes, ==, 0);
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  guint     count;
  GError   *error;
} CountResult;

static void
on_counted_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  CountResult *count = user_data;

  count->ok = crm_store_count_finish (CRM_STORE (object), result, &count->count,
                                      &count->error);
  count->done = TRUE;
}

static CountResult
count_async (CrmStore     *store,
             CrmFilter    *filter,
             GCancellable *cancellable)
{
  CountResult result = { 0 };

  crm_store_count_async (store, CRM_ENTITY_CUSTOMER, filter, cancellable,
                         on_counted_cb, &result);
  g_assert_false (result.done);
  while (!result.done)
    g_main_context_iteration (NULL, TRUE);

  return result;
}

static void
assert_count_async (CrmStore  *store,
                    CrmFilter *filter)
{
  CountResult result = count_async (store, filter, NULL);

  g_assert_no_error (result.error);
  g_assert_true (result.ok);
  g_assert_cmpuint (result.count, ==, crm_store_count (store, CRM_ENTITY_CUSTOMER, filter));
}

/* Counts on the worker thread agree with the main thread's, follow the
 * writes, and fail cleanly. */
static void
test_count_async (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmFilter) new_leads = crm_filter_new ();
  g_autoptr(CrmFilter) mine = crm_filter_new ();
  g_autoptr(CrmFilter) unknown = crm_filter_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CountResult result;

  test_set_setting (store, "me.email", "sam.ortiz@prospect.example");
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'A'>, 'owner': <'sam.ortiz@prospect.example'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'B'>, 'status': <'Working Lead'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'C'>}"));

  crm_filter_add (new_leads, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));
  crm_filter_add (mine, "owner", CRM_FILTER_OP_IS_ME, NULL);
  assert_count_async (store, NULL);
  assert_count_async (store, new_leads);
  assert_count_async (store, mine);
  result = count_async (store, new_leads, NULL);
  g_assert_cmpuint (result.count, ==, 2);

  /* The worker's connection sees what the writer committed since. */
  test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_new_parsed ("{'name': <'D'>}"));
  result = count_async (store, new_leads, NULL);
  g_assert_cmpuint (result.count, ==, 3);

  crm_filter_add (unknown, "no_such_field", CRM_FILTER_OP_IS, g_variant_new_string ("x"));
  result = count_async (store, unknown, NULL);
  g_assert_false (result.ok);
  g_assert_error (result.error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_FIELD);
  g_clear_error (&result.error);

  g_cancellable_cancel (cancellable);
  result = count_async (store, NULL, cancellable);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);

  crm_store_close (store);
  result = count_async (store, NULL, NULL);
  g_assert_false (result.ok);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&result.error);
}

/* Customer lists walk a kept order through sets of ids; they must list
 * exactly what one ordered query lists, also right after writes. */
static const char * const order_filters[] = {
  "",
  "status is \"New Lead\"",
  "owner is me and status is \"Working Lead\"",
  "tags has any of (\"pilot\")",
  "tags has none of (\"pilot\") and country is \"AT\"",
  "tags has all of (\"pilot\", \"dach\")",
  "tags is empty",
  "tags has any of (\"dach\") or status is \"Active\"",
  "name contains \"an\"",
};

static const char * const order_searches[] = { NULL, "al", "gmbh", "zz" };

static void
assert_orders_agree (CrmStore *store)
{
  static const char * const sort_keys[] = { "name", "company", "owner", NULL };

  for (guint f = 0; f < G_N_ELEMENTS (order_filters); f++)
    for (guint q = 0; q < G_N_ELEMENTS (order_searches); q++)
      for (guint k = 0; k < G_N_ELEMENTS (sort_keys); k++)
        for (int descending = 0; descending <= 1; descending++)
          {
            g_autoptr(GError) error = NULL;
            g_autoptr(CrmFilter) filter = crm_filter_parse (order_filters[f], &error);
            g_autoptr(GArray) kept = NULL;
            g_autoptr(GArray) plain = NULL;

            g_assert_no_error (error);
            kept = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, filter, order_searches[q],
                                        sort_keys[k], descending, &error);
            g_assert_no_error (error);
            plain = _crm_store_query_ordered_ids (store, CRM_ENTITY_CUSTOMER, filter,
                                                  order_searches[q], sort_keys[k],
                                                  descending, &error);
            g_assert_no_error (error);

            g_assert_cmpuint (kept->len, ==, plain->len);
            g_assert_cmpmem (kept->data, kept->len * sizeof (gint64),
                             plain->data, plain->len * sizeof (gint64));
          }
}

static void
test_query_orders (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  const char *names[] = { "Alder GmbH", "birch", "Cedar Alpine", "Dalmatian Tools",
                          "elm", "Fir GmbH", "Galena", "Hazel", "Alder GmbH" };
  const char *owners[] = { "sam.ortiz@prospect.example", NULL, "kim.lee@prospect.example" };
  const char *statuses[] = { "New Lead", "Working Lead", "Active" };
  gint64 ids[G_N_ELEMENTS (names)];
  gint64 extra;

  test_set_setting (store, "me.email", "sam.ortiz@prospect.example");
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      GVariantDict fields;

      g_variant_dict_init (&fields, NULL);
      g_variant_dict_insert (&fields, "name", "s", names[i]);
      g_variant_dict_insert (&fields, "company", "s", names[(i + 3) % G_N_ELEMENTS (names)]);
      g_variant_dict_insert (&fields, "status", "s", statuses[i % 3]);
      g_variant_dict_insert (&fields, "country", "s", i % 2 ? "AT" : "DE");
      if (owners[i % 3] != NULL)
        g_variant_dict_insert (&fields, "owner", "s", owners[i % 3]);
      ids[i] = test_insert (store, CRM_ENTITY_CUSTOMER, g_variant_dict_end (&fields));
    }
  test_set_tags (store, ids[0], (const char *[]) { "pilot", "dach", NULL });
  test_set_tags (store, ids[3], (const char *[]) { "pilot", NULL });
  test_set_tags (store, ids[4], (const char *[]) { "dach", NULL });

  /* Twice: the first time builds the orders, the second walks them. */
  assert_orders_agree (store);
  assert_orders_agree (store);

  /* Every kind of write since changes what the kept orders would say. */
  test_update (store, CRM_ENTITY_CUSTOMER, ids[1], g_variant_new_parsed ("{'name': <'Zinnia'>}"));
  assert_orders_agree (store);
  test_delete (store, CRM_ENTITY_CUSTOMER, ids[0]);
  assert_orders_agree (store);
  extra = test_insert (store, CRM_ENTITY_CUSTOMER,
                       g_variant_new_parsed ("{'name': <'Aardvark Alps'>}"));
  test_set_tags (store, extra, (const char *[]) { "pilot", NULL });
  assert_orders_agree (store);
  test_set_tags (store, ids[3], (const char *[]) { NULL });
  assert_orders_agree (store);
}

static gboolean
insert_many_job (CrmStoreTxn  *txn,
                 gpointer      data,
                 GError      **error)
{
  for (guint i = 0; i < GPOINTER_TO_UINT (data); i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %04u", i);

      if (crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                                g_variant_new_parsed ("{'name': <%s>}", name), error) == 0)
        return FALSE;
    }

  return TRUE;
}

/* A change that replaces a large span is told as a removal then an
 * addition, so that GTK's list views need not fetch every added item. */
static void
test_query_model_large_change (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmQueryModel) model = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, insert_many_job, GUINT_TO_POINTER (600),
                      NULL, &error);
  g_assert_no_error (error);

  model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);
  crm_query_model_set_sort (model, "name", FALSE);
  g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), NULL);
  n_changes = 0;

  crm_query_model_set_sort (model, "name", TRUE);
  g_assert_cmpuint (n_changes, ==, 2);
  g_assert_cmpuint (last_position, ==, 0);
  g_assert_cmpuint (last_removed, ==, 0);
  g_assert_cmpuint (last_added, ==, 600);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 600);
  n_changes = 0;
}

static gboolean
set_all_countries_job (CrmStoreTxn  *txn,
                       gpointer      data,
                       GError      **error)
{
  GArray *ids = data;

  for (guint i = 0; i < ids->len; i++)
    if (!crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, g_array_index (ids, gint64, i),
                               g_variant_new_parsed ("{'country': <'AT'>}"), error))
      return FALSE;

  return TRUE;
}

/* A bulk edit of rows that a selection holds: every held object follows,
 * in slices (the main loop goes on in between), and objects let go of on
 * the way are simply skipped. */
static void
test_query_model_many_live (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmQueryModel) model = NULL;
  g_autoptr(GPtrArray) held = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint n_items;

  crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, insert_many_job, GUINT_TO_POINTER (600),
                      NULL, &error);
  g_assert_no_error (error);

  model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);
  n_items = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_items, ==, 600);
  for (guint i = 0; i < n_items; i++)
    {
      gint64 id = crm_query_model_get_id (model, i);

      g_ptr_array_add (held, g_list_model_get_item (G_LIST_MODEL (model), i));
      g_array_append_val (ids, id);
    }

  crm_store_run_sync (store, NULL, CRM_ORIGIN_PERSON, set_all_countries_job, ids, NULL, &error);
  g_assert_no_error (error);

  /* Half are let go of while the slices run. */
  g_ptr_array_remove_range (held, 0, 300);
  test_wait_for_refresh (model);

  for (guint i = 0; i < held->len; i++)
    g_assert_cmpstr (crm_customer_get_country (g_ptr_array_index (held, i)), ==, "AT");

  /* An object asked for again is the one still held, or a fresh one. */
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_assert_cmpstr (crm_customer_get_country (customer), ==, "AT");
      if (i >= 300)
        g_assert_true (customer == g_ptr_array_index (held, i - 300));
    }
}

static void
test_me_filter (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(CrmFilter) mine = crm_filter_new ();

  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'A'>, 'owner': <'sam.ortiz@prospect.example'>}"));
  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'B'>, 'owner': <'kim.lee@prospect.example'>}"));

  crm_filter_add (mine, "owner", CRM_FILTER_OP_IS_ME, NULL);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, mine), ==, 0);

  test_set_setting (store, "me.email", "sam.ortiz@prospect.example");
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, mine), ==, 1);

  test_set_setting (store, "me.email", "kim.lee@prospect.example");
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, mine), ==, 1);
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 2);
}

static int
compare_tags (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
dup_tags (CrmStore *store,
          gint64    id)
{
  g_autoptr(GObject) customer = crm_store_load (store, CRM_ENTITY_CUSTOMER, id, NULL);
  const char * const *tags = crm_customer_get_tags (CRM_CUSTOMER (customer));
  g_autoptr(GPtrArray) sorted = g_ptr_array_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    g_ptr_array_add (sorted, (gpointer) tags[i]);
  g_ptr_array_sort (sorted, compare_tags);
  g_ptr_array_add (sorted, NULL);

  return g_strjoinv ("|", (char **) sorted->pdata);
}

typedef struct
{
  gint64              id;
  const char * const *tags;
} TagsJob;

static gboolean
tags_job (CrmStoreTxn  *txn,
          gpointer      user_data,
          GError      **error)
{
  TagsJob *job = user_data;

  return crm_store_txn_set_tags (txn, job->id, job->tags, error);
}

static gint64
set_tags_undoable (CrmStore           *store,
                   gint64              id,
                   const char * const *tags)
{
  g_autoptr(GError) error = NULL;
  TagsJob job = { id, tags };
  gint64 group = 0;

  crm_store_run_sync (store, "Tags", CRM_ORIGIN_PERSON, tags_job, &job, &group, &error);
  g_assert_no_error (error);
  g_assert_cmpint (group, >, 0);

  return group;
}

/* Tags are any text: accents, quotes, backslashes and control characters
 * (they travel to SQLite as JSON). Spaces around a tag are dropped; a
 * second set keeps the tags that stay and Undo gives the old ones back. */
static void
test_tags_any_text (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  gint64 id = test_insert (store, CRM_ENTITY_CUSTOMER,
                           g_variant_new_parsed ("{'name': <'Café Noir'>}"));
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  g_autofree char *undone = NULL;
  gint64 group;

  test_set_tags (store, id, (const char *[]) { "Café", "naïve \"q\"", "a\\b", "tab\there",
                                              " spaced ", "", "€", NULL });
  first = dup_tags (store, id);
  g_assert_cmpstr (first, ==, "Café|a\\b|naïve \"q\"|spaced|tab\there|€");

  group = set_tags_undoable (store, id, (const char *[]) { "€", "Zoë", NULL });
  second = dup_tags (store, id);
  g_assert_cmpstr (second, ==, "Zoë|€");

  test_undo (store, group);
  undone = dup_tags (store, id);
  g_assert_cmpstr (undone, ==, first);
}

typedef struct
{
  GString *seen;
} Scan;

static void
on_scan_row_cb (gint64              id,
                const char * const *values,
                gpointer            user_data)
{
  Scan *scan = user_data;

  g_string_append_printf (scan->seen, "%s=%s,%s;", id > 0 ? "row" : "?",
                          values[0] != NULL ? values[0] : "NULL",
                          values[1] != NULL ? values[1] : "NULL");
}

static gboolean
scan_job (CrmStoreTxn  *txn,
          gpointer      user_data,
          GError      **error)
{
  static const char * const columns[] = { "name", "owner", NULL };
  static const char * const bad[] = { "name", "no_such_column", NULL };
  g_autoptr(GError) local_error = NULL;

  /* A customer added in this transaction is seen. */
  if (crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER,
                            g_variant_new_parsed ("{'name': <'Birch Labs'>}"), error) == 0)
    return FALSE;

  g_assert_false (crm_store_txn_foreach (txn, CRM_ENTITY_CUSTOMER, bad, on_scan_row_cb,
                                         user_data, &local_error));
  g_assert_error (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID);

  return crm_store_txn_foreach (txn, CRM_ENTITY_CUSTOMER, columns, on_scan_row_cb,
                                user_data, error);
}

static void
test_txn_foreach (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) seen = g_string_new (NULL);
  Scan scan = { seen };

  test_insert (store, CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Atlas'>, 'owner': <'sam@prospect.example'>}"));
  crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, scan_job, &scan, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (seen->str, ==, "row=Atlas,sam@prospect.example;row=Birch Labs,NULL;");
}

static void
on_cancelled_insert_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* The page that asked is gone: it hears nothing but the cancel. */
  crm_store_insert_finish (CRM_STORE (object), result, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  *(gboolean *) user_data = TRUE;
}

/* A page that saves and closes cancels its cancellable in dispose, maybe
 * before the writer reaches its change: the change is kept all the same. */
static void
test_cancelled_write_kept (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean done = FALSE;

  g_cancellable_cancel (cancellable);
  crm_store_insert_async (store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <'Orchard Tools'>}"),
                          CRM_ORIGIN_PERSON, cancellable, on_cancelled_insert_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 1);
}

/* A pull asks of each record new to it whether its deletion waits to be
 * sent: the question reads the index of waiting deletions, not every
 * change of the record's kind (0009). */
static void
test_outbox_pending_deletes_index (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GString) plan = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (store), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "EXPLAIN QUERY PLAN SELECT EXISTS (SELECT 1"
                                       " FROM outbox WHERE entity = 'customer' AND uuid = ?"
                                       " AND operation = 'delete' AND state = 'pending')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  g_assert_nonnull (strstr (plan->str, "SEARCH outbox USING INDEX outbox_pending_deletes"));
}

#define CHECKPOINT_TEST_PAGES 256

/* Checkpoints run on a thread of their own, and the WAL still starts over
 * near four times their limit, however fast jobs follow. */
static void
test_checkpoints (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *count = NULL;
  GStatBuf info;

  store->checkpoint_pages = CHECKPOINT_TEST_PAGES;
  for (guint job = 0; job < 400; job++)
    {
      crm_store_run_sync (store, NULL, CRM_ORIGIN_IMPORT, insert_many_job,
                          GUINT_TO_POINTER (10), NULL, &error);
      g_assert_no_error (error);
    }

  count = test_query_string (store, "SELECT count (*) FROM customers");
  g_assert_cmpstr (count, ==, "4000");
  g_assert_cmpint (g_atomic_int_get (&store->checkpoints_made), >, 0);

  /* The jobs write about 60 pages of 4 KB each: unchecked, the WAL would
   * be 95 times the limit long; it was seen at 2.6 to 3 times. */
  wal = g_strconcat (crm_store_get_path (store), "-wal", NULL);
  g_assert_cmpint (g_stat (wal, &info), ==, 0);
  g_assert_cmpint (info.st_size, <, 8 * CHECKPOINT_TEST_PAGES * (4096 + 24));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/store/migrate/schema-6-contacts", test_migrate_schema_6_contacts);
  g_test_add_func ("/crm/store/constraints", test_constraints);
  g_test_add_func ("/crm/store/cascade-delete-undo", test_cascade_delete_undo);
  g_test_add_func ("/crm/store/update-undo", test_update_undo);
  g_test_add_func ("/crm/store/cancelled-write-kept", test_cancelled_write_kept);
  g_test_add_func ("/crm/store/status", test_status_change);
  g_test_add_func ("/crm/store/rule-hook", test_rule_hook);
  g_test_add_func ("/crm/store/search", test_search);
  g_test_add_func ("/crm/store/search-bulk", test_search_bulk);
  g_test_add_func ("/crm/store/me-filter", test_me_filter);
  g_test_add_func ("/crm/store/tags-any-text", test_tags_any_text);
  g_test_add_func ("/crm/store/txn-foreach", test_txn_foreach);
  g_test_add_func ("/crm/query-model/changes", test_query_model);
  g_test_add_func ("/crm/query-model/large-change", test_query_model_large_change);
  g_test_add_func ("/crm/query-model/frozen", test_query_model_frozen);
  g_test_add_func ("/crm/query-model/many-live", test_query_model_many_live);
  g_test_add_func ("/crm/store/count-async", test_count_async);
  g_test_add_func ("/crm/store/query-orders", test_query_orders);
  g_test_add_func ("/crm/store/checkpoints", test_checkpoints);
  g_test_add_func ("/crm/store/outbox-pending-deletes-index", test_outbox_pending_deletes_index);

  return g_test_run ();
}
