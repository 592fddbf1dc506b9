/* crm-store-sync-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>

#include "crm-store-private.h"
#include "crm-store-sync-bulk.h"
#include "crm-store-sync.h"
#include "crm-store-sync-private.h"

/*
 * Writing the records of a pulled page. A pull inserts a few hundred
 * thousand rows, each as crm_store_txn_insert() would, but from plain
 * values: the statement comes from the cache by its text, the values are
 * bound as they are, and a #GVariant of the fields the rules read is made
 * only for the rules that look at its table (none look at tasks or
 * contacts).
 */

/**
 * crm_store_value_to_variant:
 * @value: a value
 *
 * Returns: (transfer floating): @value as the fields of a store mutation
 *   hold it: `s` or `x`, NULL as an empty maybe of that type
 */
GVariant *
crm_store_value_to_variant (const CrmStoreValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (value->type)
    {
    case CRM_STORE_VALUE_TEXT:
      return g_variant_new_string (value->text);
    case CRM_STORE_VALUE_INT:
      return g_variant_new_int64 (value->number);
    case CRM_STORE_VALUE_NULL_TEXT:
      return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);
    case CRM_STORE_VALUE_NULL_INT:
      return g_variant_new_maybe (G_VARIANT_TYPE_INT64, NULL);
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Which of an insert's values the rules read: worked out once for each
 * statement a page reuses, rather than for each of its records. */
typedef struct
{
  gboolean any;    /* a rule looks at the table */
  guint64  read;   /* bit i: a rule reads the value i */
} RuleColumns;

static void
rule_columns_init (RuleColumns         *columns,
                   CrmStore            *store,
                   const char          *table,
                   const CrmStoreValue *values,
                   guint                n_values)
{
  /* No table has as many columns. */
  g_assert (n_values <= 64);

  columns->any = _crm_store_has_rules_for (store, table);
  columns->read = 0;
  for (guint i = 0; columns->any && i < n_values; i++)
    if (_crm_store_rules_read_column (store, table, values[i].column))
      columns->read |= G_GUINT64_CONSTANT (1) << i;
}

/* The fields the rules read, of the values inserted. */
static GVariant *
values_to_fields (const CrmStoreValue *values,
                  guint                n_values,
                  const RuleColumns   *columns)
{
  GVariantBuilder builder;

  /* Entries built by hand: a format string is parsed for every use. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n_values; i++)
    if (columns->read & (G_GUINT64_CONSTANT (1) << i))
      g_variant_builder_add_value (&builder,
                                   g_variant_new_dict_entry (
                                     g_variant_new_string (values[i].column),
                                     g_variant_new_variant (
                                       crm_store_value_to_variant (&values[i]))));

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/* "INSERT INTO t ("a", "b", …, <defaults>) VALUES (?, …)", and which
 * defaults it fills, as _crm_store_insert_sql() builds it. */
static char *
insert_sql (CrmTableInfo         *info,
            const CrmStoreValue  *values,
            guint                 n_values,
            guint                *defaults,
            GError              **error)
{
  GString *sql = _crm_store_insert_sql_begin (info);
  guint given = 0;
  guint n = 0;

  for (guint i = 0; i < n_values; i++)
    {
      const char *column = values[i].column;

      if (!_crm_table_info_has (info, column) || g_str_equal (column, "id"))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Table %s has no writable column %s", info->table, column);
          g_string_free (sql, TRUE);
          return NULL;
        }
      _crm_store_insert_sql_add_column (sql, column, &n, &given);
    }

  return _crm_store_insert_sql_end (sql, info, n, given, defaults);
}

static void
bind_value (sqlite3_stmt        *stmt,
            int                  index,
            const CrmStoreValue *value)
{
  switch (value->type)
    {
    case CRM_STORE_VALUE_TEXT:
      sqlite3_bind_text (stmt, index, value->text, -1, SQLITE_STATIC);
      break;
    case CRM_STORE_VALUE_INT:
      sqlite3_bind_int64 (stmt, index, value->number);
      break;
    case CRM_STORE_VALUE_NULL_TEXT:
    case CRM_STORE_VALUE_NULL_INT:
    default:
      sqlite3_bind_null (stmt, index);
      break;
    }
}

/* Whether an opportunity's values name its place on the board. */
static gboolean
has_place (const CrmStoreValue *values,
           guint                n_values)
{
  for (guint i = 0; i < n_values; i++)
    if (g_str_equal (values[i].column, "board_position"))
      return TRUE;

  return FALSE;
}

static gint64
insert_with (CrmStoreTxn          *txn,
             CrmTableInfo         *info,
             sqlite3_stmt         *stmt,
             guint                 defaults,
             const RuleColumns    *rules,
             const CrmStoreValue  *values,
             guint                 n_values,
             GError              **error)
{
  g_autoptr(GVariant) fields = NULL;
  gint64 id;
  int rc;

  for (guint i = 0; i < n_values; i++)
    bind_value (stmt, i + 1, &values[i]);
  _crm_store_bind_defaults (txn, stmt, n_values + 1, defaults);

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to add a record");
      return 0;
    }

  id = sqlite3_last_insert_rowid (txn->db);
  if (!rules->any)
    return id;

  fields = values_to_fields (values, n_values, rules);
  if (!_crm_store_txn_run_rules (txn, info->table, id, "insert", fields, error))
    return 0;

  return id;
}

/**
 * crm_store_txn_insert_values:
 * @txn: the open transaction
 * @kind: the kind of record (an opportunity must name its
 *   `board_position`: crm_store_txn_insert() places cards that do not)
 * @values: (array length=n_values): the columns to write
 * @n_values: how many
 * @error: return location for a #GError
 *
 * Inserts a row as crm_store_txn_insert() does with the same fields —
 * `external_id` and timestamps filled in when left out, then the rules
 * that look at the table, given as a{sv} the fields they read
 * (crm_store_add_rule_for_tables()) — for a fraction of its cost.
 *
 * Returns: the new row's id, or 0 on failure
 */
gint64
crm_store_txn_insert_values (CrmStoreTxn          *txn,
                             CrmEntityKind         kind,
                             const CrmStoreValue  *values,
                             guint                 n_values,
                             GError              **error)
{
  g_autofree char *sql = NULL;
  CrmTableInfo *info;
  RuleColumns rules;
  sqlite3_stmt *stmt;
  guint defaults;

  g_return_val_if_fail (txn != NULL, 0);
  g_return_val_if_fail (kind < CRM_N_ENTITIES, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);
  g_return_val_if_fail (kind != CRM_ENTITY_OPPORTUNITY || has_place (values, n_values), 0);

  info = txn->store->tables[kind];
  sql = insert_sql (info, values, n_values, &defaults, error);
  if (sql == NULL)
    return 0;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return 0;

  rule_columns_init (&rules, txn->store, info->table, values, n_values);
  return insert_with (txn, info, stmt, defaults, &rules, values, n_values, error);
}

/* A page's statements */

enum
{
  FIND_UUID,
  FIND_CUSTOMER,
  READ_HASH,
  MARK_SEEN,
  SET_BASE,
  EXTERNAL_ID_TAKEN,
  PENDING_DELETE,
  ANY_PENDING_DELETE,
  N_STATEMENTS
};

/**
 * CrmStoreSyncPage:
 *
 * The statements a pulled page runs for each of its records, looked up
 * once for the page rather than by their text for every record. They are
 * those of crm_store_txn_find_uuid(), crm_store_txn_get_sync_base(),
 * crm_store_txn_mark_seen(), crm_store_txn_set_sync_base(),
 * crm_store_txn_external_id_taken() and a look-up of pending deletions,
 * with the same meaning. Use it only inside the transaction it was made
 * in.
 */
#define MAX_INSERT_SHAPES 4
#define MAX_INSERT_COLUMNS 32

/* An insert statement, by the columns it writes (their names are static
 * strings, compared by address). */
typedef struct
{
  guint         n_columns;
  const char   *columns[MAX_INSERT_COLUMNS];
  sqlite3_stmt *stmt;
  guint         defaults;
  RuleColumns   rules;
} InsertShape;

struct _CrmStoreSyncPage
{
  CrmStoreTxn   *txn;
  CrmEntityKind  kind;
  const char    *entity;
  sqlite3_stmt  *statements[N_STATEMENTS];
  InsertShape    inserts[MAX_INSERT_SHAPES];
  guint          n_inserts;
  gboolean       any_pending_delete;
};

/**
 * crm_store_sync_page_new:
 * @txn: the open transaction of a pulled page
 * @kind: a synced kind of record
 * @error: return location for a #GError
 *
 * Returns: (transfer full): the page's statements, or %NULL
 */
CrmStoreSyncPage *
crm_store_sync_page_new (CrmStoreTxn    *txn,
                         CrmEntityKind   kind,
                         GError        **error)
{
  g_autoptr(CrmStoreSyncPage) page = g_new0 (CrmStoreSyncPage, 1);
  const char *table = crm_entity_kind_get_table (kind);
  g_autofree char *sync_table = g_strconcat (table, "_sync", NULL);
  g_auto(GStrv) sql = g_new0 (char *, N_STATEMENTS + 1);
  GError *local_error = NULL;

  g_return_val_if_fail (txn != NULL, NULL);

  page->txn = txn;
  page->kind = kind;
  page->entity = crm_sync_entity_from_kind (kind);
  if (page->entity == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Records of kind %d are not synced", (int) kind);
      return NULL;
    }

  sql[FIND_UUID] = g_strdup_printf ("SELECT id FROM %s WHERE uuid = ?", table);
  sql[FIND_CUSTOMER] = g_strdup ("SELECT id FROM customers WHERE uuid = ?");
  sql[READ_HASH] = g_strdup_printf ("SELECT hash FROM %s WHERE id = ?", sync_table);
  sql[MARK_SEEN] = g_strdup_printf ("UPDATE %s SET pass = ? WHERE id = ? AND pass <> ?1",
                                    sync_table);
  sql[SET_BASE] = g_strdup_printf ("INSERT INTO %s (id, base, hash, pass) VALUES (?, ?, ?, ?)"
                                   " ON CONFLICT (id) DO UPDATE SET base = excluded.base,"
                                   " hash = excluded.hash, pass = excluded.pass",
                                   sync_table);
  sql[EXTERNAL_ID_TAKEN] = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s"
                                            " WHERE external_id = ?)", table);
  sql[PENDING_DELETE] = g_strdup ("SELECT EXISTS (SELECT 1 FROM outbox WHERE entity = ?"
                                  " AND uuid = ? AND operation = 'delete'"
                                  " AND state = 'pending')");
  /* The index of the deletions waiting, few, not that of all the
   * entity's rows: a rule may have queued thousands of updates. */
  sql[ANY_PENDING_DELETE] = g_strdup ("SELECT EXISTS (SELECT 1 FROM outbox"
                                      " INDEXED BY outbox_pending_deletes WHERE entity = ?"
                                      " AND operation = 'delete' AND state = 'pending')");

  for (guint i = 0; i < N_STATEMENTS; i++)
    {
      /* Not every table has an external id. */
      if (i == EXTERNAL_ID_TAKEN && kind != CRM_ENTITY_CUSTOMER && kind != CRM_ENTITY_CONTACT)
        continue;
      page->statements[i] = _crm_store_prepare (txn->db, txn->store->writer_statements, sql[i],
                                                error);
      if (page->statements[i] == NULL)
        return NULL;
    }

  /* A pull queues no deletions: when none waits as the page starts, no
   * record of it needs the look-up. */
  sqlite3_bind_text (page->statements[ANY_PENDING_DELETE], 1, page->entity, -1, SQLITE_STATIC);
  page->any_pending_delete = step_int (txn, page->statements[ANY_PENDING_DELETE],
                                       "Failed to read the outbox", &local_error) != 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  return g_steal_pointer (&page);
}

/**
 * crm_store_sync_page_free:
 * @page: (nullable): a page's statements
 */
void
crm_store_sync_page_free (CrmStoreSyncPage *page)
{
  g_free (page);
}

/**
 * crm_store_sync_page_find_uuid:
 * @page: a page's statements
 * @uuid: a server id
 * @error: return location for a #GError
 *
 * Returns: the local id of the page's kind of record with @uuid, or 0
 */
gint64
crm_store_sync_page_find_uuid (CrmStoreSyncPage  *page,
                               const char        *uuid,
                               GError           **error)
{
  sqlite3_stmt *stmt = page->statements[FIND_UUID];

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return step_int (page->txn, stmt, "Failed to look up a record", error);
}

/**
 * crm_store_sync_page_find_customer:
 * @page: a page's statements
 * @uuid: a customer's server id
 * @error: return location for a #GError
 *
 * Returns: the local id of the customer with @uuid, or 0
 */
gint64
crm_store_sync_page_find_customer (CrmStoreSyncPage  *page,
                                   const char        *uuid,
                                   GError           **error)
{
  sqlite3_stmt *stmt = page->statements[FIND_CUSTOMER];

  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  return step_int (page->txn, stmt, "Failed to look up a record", error);
}

/**
 * crm_store_sync_page_is_unchanged:
 * @page: a page's statements
 * @id: a record
 * @hash: the hash of its server state just pulled
 * @unchanged: (out): whether it has a base of that hash
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_sync_page_is_unchanged (CrmStoreSyncPage  *page,
                                  gint64             id,
                                  const char        *hash,
                                  gboolean          *unchanged,
                                  GError           **error)
{
  sqlite3_stmt *stmt = page->statements[READ_HASH];
  int rc;

  *unchanged = FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *unchanged = g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), hash) == 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, page->txn->db, rc, "Failed to read a sync base");

  return TRUE;
}

/**
 * crm_store_sync_page_mark_seen:
 * @page: a page's statements
 * @id: a record, which has a base
 * @pass: the scan that saw it unchanged
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_sync_page_mark_seen (CrmStoreSyncPage  *page,
                               gint64             id,
                               gint64             pass,
                               GError           **error)
{
  sqlite3_stmt *stmt = page->statements[MARK_SEEN];

  sqlite3_bind_int64 (stmt, 1, pass);
  sqlite3_bind_int64 (stmt, 2, id);
  return step_done (page->txn, stmt, "Failed to mark a record seen", error);
}

/**
 * crm_store_sync_page_set_base:
 * @page: a page's statements
 * @id: a record
 * @base: the server's value just seen, as JSON
 * @hash: its hash
 * @pass: the scan that saw it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_sync_page_set_base (CrmStoreSyncPage  *page,
                              gint64             id,
                              const char        *base,
                              const char        *hash,
                              gint64             pass,
                              GError           **error)
{
  sqlite3_stmt *stmt = page->statements[SET_BASE];

  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_text (stmt, 2, base, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, hash, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, pass);
  return step_done (page->txn, stmt, "Failed to save a sync base", error);
}

/**
 * crm_store_sync_page_external_id_taken:
 * @page: a page's statements, of customers or contacts
 * @external_id: an external id
 *
 * Returns: whether a record already holds @external_id
 */
gboolean
crm_store_sync_page_external_id_taken (CrmStoreSyncPage *page,
                                       const char       *external_id)
{
  sqlite3_stmt *stmt = page->statements[EXTERNAL_ID_TAKEN];

  g_return_val_if_fail (stmt != NULL, TRUE);

  sqlite3_bind_text (stmt, 1, external_id, -1, SQLITE_STATIC);
  return step_int (page->txn, stmt, "Failed to look up an external id", NULL) != 0;
}

/**
 * crm_store_sync_page_has_pending_delete:
 * @page: a page's statements
 * @uuid: a server id
 * @error: return location for a #GError
 *
 * Returns: whether the record of @uuid was deleted here and its deletion
 *   waits to be sent; %FALSE with @error set when the outbox cannot be
 *   read
 */
gboolean
crm_store_sync_page_has_pending_delete (CrmStoreSyncPage  *page,
                                        const char        *uuid,
                                        GError           **error)
{
  sqlite3_stmt *stmt = page->statements[PENDING_DELETE];

  if (!page->any_pending_delete)
    return FALSE;

  sqlite3_bind_text (stmt, 1, page->entity, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, uuid, -1, SQLITE_STATIC);
  return step_int (page->txn, stmt, "Failed to read the outbox", error) != 0;
}

/**
 * crm_store_values_same_columns:
 * @a: (array length=n_values): values
 * @b: (array length=n_values): values
 * @n_values: how many of each
 *
 * Returns: whether @a and @b name the same columns in the same order (the
 *   names are static strings, compared by address)
 */
gboolean
crm_store_values_same_columns (const CrmStoreValue *a,
                               const CrmStoreValue *b,
                               guint                n_values)
{
  for (guint i = 0; i < n_values; i++)
    if (a[i].column != b[i].column)
      return FALSE;

  return TRUE;
}

static InsertShape *
find_shape (CrmStoreSyncPage    *page,
            const CrmStoreValue *values,
            guint                n_values)
{
  for (guint i = 0; i < page->n_inserts; i++)
    {
      InsertShape *shape = &page->inserts[i];
      gboolean same = shape->n_columns == n_values;

      for (guint c = 0; same && c < n_values; c++)
        same = shape->columns[c] == values[c].column;
      if (same)
        return shape;
    }

  return NULL;
}

/**
 * crm_store_sync_page_insert:
 * @page: a page's statements
 * @values: (array length=n_values): the columns to write; their names
 *   must be static strings
 * @n_values: how many
 * @error: return location for a #GError
 *
 * Inserts a record of the page's kind as crm_store_txn_insert_values()
 * does (an opportunity names its `board_position`), the statement kept
 * for the page.
 *
 * Returns: the new row's id, or 0 on failure
 */
gint64
crm_store_sync_page_insert (CrmStoreSyncPage     *page,
                            const CrmStoreValue  *values,
                            guint                 n_values,
                            GError              **error)
{
  CrmTableInfo *info = page->txn->store->tables[page->kind];
  InsertShape *shape = find_shape (page, values, n_values);
  g_autofree char *sql = NULL;
  RuleColumns rules;
  sqlite3_stmt *stmt;
  guint defaults;

  g_return_val_if_fail (page->kind != CRM_ENTITY_OPPORTUNITY || has_place (values, n_values),
                        0);

  if (shape != NULL)
    return insert_with (page->txn, info, shape->stmt, shape->defaults, &shape->rules, values,
                        n_values, error);

  sql = insert_sql (info, values, n_values, &defaults, error);
  if (sql == NULL)
    return 0;
  stmt = _crm_store_prepare (page->txn->db, page->txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return 0;

  rule_columns_init (&rules, page->txn->store, info->table, values, n_values);
  if (page->n_inserts < MAX_INSERT_SHAPES && n_values <= MAX_INSERT_COLUMNS)
    {
      shape = &page->inserts[page->n_inserts++];
      shape->n_columns = n_values;
      for (guint c = 0; c < n_values; c++)
        shape->columns[c] = values[c].column;
      shape->stmt = stmt;
      shape->defaults = defaults;
      shape->rules = rules;
    }

  return insert_with (page->txn, info, stmt, defaults, &rules, values, n_values, error);
}

/* "INSERT INTO t (…) VALUES (?, …), (?, …), …": the one-row statement's
 * values repeated for each row. */
static char *
rows_sql (const char *one_row,
          guint       n_rows)
{
  const char *values = g_strrstr (one_row, " VALUES ");
  GString *sql = g_string_new (one_row);

  g_assert (values != NULL);
  values += strlen (" VALUES ");
  for (guint i = 1; i < n_rows; i++)
    {
      g_string_append (sql, ", ");
      g_string_append (sql, values);
    }

  return g_string_free (sql, FALSE);
}

/* The largest id of @table, 0 when it is empty; -1 on failure. */
static gint64
read_max_id (CrmStoreTxn  *txn,
             const char   *table,
             GError      **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT ifnull (max (id), 0) FROM %s", table);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 id;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return -1;

  id = step_int (txn, stmt, "Failed to read the last id", &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }

  return id;
}

/* Binds @n_rows rows of @n_values values, each followed by the columns
 * the store fills (@defaults). */
static void
bind_rows (CrmStoreTxn          *txn,
           sqlite3_stmt         *stmt,
           guint                 defaults,
           const CrmStoreValue  *values,
           guint                 n_values,
           guint                 n_rows)
{
  guint per_row = n_values;

  for (guint bits = defaults; bits != 0; bits >>= 1)
    per_row += bits & 1;

  for (guint r = 0; r < n_rows; r++)
    {
      for (guint c = 0; c < n_values; c++)
        bind_value (stmt, r * per_row + c + 1, &values[r * n_values + c]);
      _crm_store_bind_defaults (txn, stmt, r * per_row + n_values + 1, defaults);
    }
}

/* Runs the rules for each row inserted, in their order. */
static gboolean
run_rules_for_rows (CrmStoreTxn          *txn,
                    const char           *table,
                    const CrmStoreValue  *values,
                    guint                 n_values,
                    guint                 n_rows,
                    const gint64         *ids,
                    GError              **error)
{
  RuleColumns rules;

  rule_columns_init (&rules, txn->store, table, values, n_values);
  for (guint r = 0; rules.any && r < n_rows; r++)
    {
      g_autoptr(GVariant) fields = values_to_fields (&values[r * n_values], n_values, &rules);

      if (!_crm_store_txn_run_rules (txn, table, ids[r], "insert", fields, error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_sync_page_insert_rows:
 * @page: a page's statements
 * @values: (array): @n_rows rows of @n_values columns each, one after the
 *   other; every row names the same columns in the same order (static
 *   strings), as crm_store_sync_page_insert() takes them
 * @n_values: the columns of a row
 * @n_rows: how many rows, at most %CRM_STORE_SYNC_MAX_ROWS
 * @ids: (out caller-allocates) (array length=n_rows): the new rows' ids
 * @error: return location for a #GError
 *
 * Inserts rows as crm_store_sync_page_insert() does one by one, in one
 * statement, then runs the rules for each row, in their order. SQLite
 * opens the table and its indexes, and copies the pages a statement
 * changes (its statement journal: every table here has triggers), once
 * for the statement rather than once for each row: that is most of what
 * a row costs. Opportunities name their `board_position`.
 *
 * The rules of a row run once all the rows are in the table: a rule that
 * reads other rows sees them all, not only those before. The lifecycle
 * rule of a new deal reads the customer's other deals, so a pull passes
 * at most one deal of each customer at a time (#CrmSyncNewRows).
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_sync_page_insert_rows (CrmStoreSyncPage     *page,
                                 const CrmStoreValue  *values,
                                 guint                 n_values,
                                 guint                 n_rows,
                                 gint64               *ids,
                                 GError              **error)
{
  g_autofree char *one_row = NULL;
  g_autofree char *sql = NULL;
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  guint defaults;
  gint64 before;
  int rc;

  g_return_val_if_fail (page != NULL, FALSE);
  g_return_val_if_fail (values != NULL && ids != NULL, FALSE);
  g_return_val_if_fail (page->kind != CRM_ENTITY_OPPORTUNITY || has_place (values, n_values),
                        FALSE);
  g_return_val_if_fail (n_rows > 0 && n_rows <= CRM_STORE_SYNC_MAX_ROWS, FALSE);
  for (guint r = 1; r < n_rows; r++)
    g_return_val_if_fail (crm_store_values_same_columns (&values[r * n_values], values, n_values),
                          FALSE);

  info = page->txn->store->tables[page->kind];
  one_row = insert_sql (info, values, n_values, &defaults, error);
  if (one_row == NULL)
    return FALSE;
  sql = rows_sql (one_row, n_rows);
  stmt = _crm_store_prepare (page->txn->db, page->txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return FALSE;

  /* A new row's id is one past the largest: the rows get the ids after
   * @before, in their order. */
  before = read_max_id (page->txn, info->table, error);
  if (before < 0)
    return FALSE;

  bind_rows (page->txn, stmt, defaults, values, n_values, n_rows);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, page->txn->db, rc, "Failed to add records");

  if (sqlite3_last_insert_rowid (page->txn->db) != before + n_rows)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                   "Records added to %s did not get the ids after %" G_GINT64_FORMAT,
                   info->table, before);
      return FALSE;
    }

  for (guint r = 0; r < n_rows; r++)
    ids[r] = before + 1 + r;

  return run_rules_for_rows (page->txn, info->table, values, n_values, n_rows, ids, error);
}
