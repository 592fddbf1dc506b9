/* crm-store-sync-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-store-private.h"
#include "crm-store-sync-bulk.h"

/*
 * Writing the records of a pulled page. A pull inserts a few hundred
 * thousand rows, each as crm_store_txn_insert() would, but from plain
 * values: the statement comes from the cache by its text, the values are
 * bound as they are, and a #GVariant of the row is made only for the
 * rules that look at its table (none look at tasks or contacts).
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

static GVariant *
values_to_fields (const CrmStoreValue *values,
                  guint                n_values)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < n_values; i++)
    g_variant_builder_add (&builder, "{sv}", values[i].column,
                           crm_store_value_to_variant (&values[i]));

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
  static const char * const filled[] = { "external_id", "created_at", "updated_at" };
  GString *sql = g_string_sized_new (256);
  guint given = 0;
  guint n = 0;

  *defaults = 0;
  g_string_append (sql, "INSERT INTO ");
  g_string_append (sql, info->table);
  g_string_append (sql, " (");

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
      for (guint f = 0; f < G_N_ELEMENTS (filled); f++)
        given |= g_str_equal (column, filled[f]) ? 1 << f : 0;

      g_string_append (sql, n++ > 0 ? ", \"" : "\"");
      g_string_append (sql, column);
      g_string_append_c (sql, '"');
    }

  for (guint i = 0; i < G_N_ELEMENTS (filled); i++)
    {
      if ((given & (1 << i)) != 0 || !_crm_table_info_has (info, filled[i]))
        continue;

      g_string_append (sql, n++ > 0 ? ", " : "");
      g_string_append (sql, filled[i]);
      *defaults |= 1 << i;
    }

  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
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

/**
 * crm_store_txn_insert_values:
 * @txn: the open transaction
 * @kind: the kind of record (not an opportunity: a new card needs its
 *   place, see crm_store_txn_insert())
 * @values: (array length=n_values): the columns to write
 * @n_values: how many
 * @error: return location for a #GError
 *
 * Inserts a row as crm_store_txn_insert() does with the same fields —
 * `external_id` and timestamps filled in when left out, then the rules
 * that look at the table, given the fields as a{sv} — for a fraction of
 * its cost.
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
  g_autoptr(GVariant) fields = NULL;
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  guint defaults;
  gint64 id;
  int rc;

  g_return_val_if_fail (txn != NULL, 0);
  g_return_val_if_fail (kind < CRM_N_ENTITIES && kind != CRM_ENTITY_OPPORTUNITY, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  info = txn->store->tables[kind];
  sql = insert_sql (info, values, n_values, &defaults, error);
  if (sql == NULL)
    return 0;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return 0;

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
  if (!_crm_store_has_rules_for (txn->store, info->table))
    return id;

  fields = values_to_fields (values, n_values);
  if (!_crm_store_txn_run_rules (txn, info->table, id, "insert", fields, error))
    return 0;

  return id;
}
