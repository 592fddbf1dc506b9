/* crm-store-txn.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-status.h"
#include "crm-store-private.h"
#include "crm-store-sync-bulk.h"
#include "crm-vardict.h"

/* Rules may change rows, which runs the rules again; a loop is a bug. */
#define MAX_RULE_DEPTH 8

static CrmTableInfo *
table_info (CrmStoreTxn    *txn,
            CrmEntityKind   kind,
            GError        **error)
{
  if (kind >= CRM_N_ENTITIES)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown kind of record %d", (int) kind);
      return NULL;
    }

  return txn->store->tables[kind];
}

static gboolean
check_fields (CrmTableInfo  *info,
              GVariant      *fields,
              GError       **error)
{
  gsize n_fields;

  if (fields == NULL || !g_variant_is_of_type (fields, G_VARIANT_TYPE_VARDICT))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           "Fields must be a dictionary a{sv}");
      return FALSE;
    }

  /* By index, without format strings: this runs for every row written. */
  n_fields = g_variant_n_children (fields);
  for (gsize i = 0; i < n_fields; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (fields, i);
      g_autoptr(GVariant) key_value = g_variant_get_child_value (entry, 0);
      const char *key = g_variant_get_string (key_value, NULL);

      if (!_crm_table_info_has (info, key) || g_str_equal (key, "id"))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Table %s has no writable column %s", info->table, key);
          return FALSE;
        }
    }

  return TRUE;
}

/**
 * _crm_store_bind_variant:
 * @stmt: a statement
 * @index: the parameter
 * @value: a string, integer, boolean, double, or a maybe (nothing = NULL)
 *
 * Returns: %FALSE when @value has a type the store does not bind
 */
gboolean
_crm_store_bind_variant (sqlite3_stmt *stmt,
                         int           index,
                         GVariant     *value)
{
  g_autoptr(GVariant) inner = NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      inner = g_variant_get_variant (value);
      return _crm_store_bind_variant (stmt, index, inner);
    }

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    {
      inner = g_variant_get_maybe (value);
      if (inner == NULL)
        return sqlite3_bind_null (stmt, index) == SQLITE_OK;
      return _crm_store_bind_variant (stmt, index, inner);
    }

  switch (g_variant_classify (value))
    {
    case G_VARIANT_CLASS_STRING:
      return sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1,
                                SQLITE_TRANSIENT) == SQLITE_OK;
    case G_VARIANT_CLASS_INT64:
      return sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_INT32:
      return sqlite3_bind_int64 (stmt, index, g_variant_get_int32 (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_UINT32:
      return sqlite3_bind_int64 (stmt, index, g_variant_get_uint32 (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_BOOLEAN:
      return sqlite3_bind_int (stmt, index, g_variant_get_boolean (value)) == SQLITE_OK;
    case G_VARIANT_CLASS_DOUBLE:
      return sqlite3_bind_double (stmt, index, g_variant_get_double (value)) == SQLITE_OK;
    default:
      return FALSE;
    }
}

static gboolean
bind_fields (sqlite3_stmt  *stmt,
             GVariant      *fields,
             int            first,
             GError       **error)
{
  gsize n = g_variant_n_children (fields);

  /* By index, without format strings: this runs for every row written. */
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (fields, i);
      g_autoptr(GVariant) value = g_variant_get_child_value (entry, 1);

      if (!_crm_store_bind_variant (stmt, first + (int) i, value))
        {
          g_autoptr(GVariant) key = g_variant_get_child_value (entry, 0);

          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Cannot store a value of type %s in column %s",
                       g_variant_get_type_string (value),
                       g_variant_get_string (key, NULL));
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
step_done (CrmStoreTxn   *txn,
           sqlite3_stmt  *stmt,
           const char    *what,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, what);

  return TRUE;
}

/* Runs the rules that look at @table. */
gboolean
_crm_store_txn_run_rules (CrmStoreTxn   *txn,
                          const char    *table,
                          gint64         id,
                          const char    *operation,
                          GVariant      *changes,
                          GError       **error)
{
  GArray *rules = txn->store->rules;
  gboolean outbox_active;
  gboolean ok = TRUE;

  if (rules->len == 0)
    return TRUE;

  if (txn->rule_depth >= MAX_RULE_DEPTH)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                   "Business rules kept changing %s %" G_GINT64_FORMAT, table, id);
      return FALSE;
    }

  /* A pull writes no outbox rows, but what a rule changes because of it
   * (an owner routed to a new lead, a status moved by a pulled call) is a
   * local change the server must hear of. */
  outbox_active = txn->store->outbox_active;
  if (txn->store->rules_queue_outbox)
    txn->store->outbox_active = TRUE;

  txn->rule_depth++;
  for (guint i = 0; ok && i < rules->len; i++)
    {
      CrmStoreRule *rule = &g_array_index (rules, CrmStoreRule, i);

      if (rule->tables == NULL || g_strv_contains ((const char * const *) rule->tables, table))
        ok = rule->func (txn, table, id, operation, changes, rule->user_data, error);
    }
  txn->rule_depth--;
  txn->store->outbox_active = outbox_active;

  return ok;
}

/* The columns the store fills when a caller leaves them out. */
static const char * const filled_columns[] = { "external_id", "created_at", "updated_at" };

/**
 * _crm_store_insert_sql_begin:
 * @info: the table
 *
 * Starts "INSERT INTO t (" for _crm_store_insert_sql_add_column() and
 * _crm_store_insert_sql_end().
 */
GString *
_crm_store_insert_sql_begin (CrmTableInfo *info)
{
  GString *sql = g_string_sized_new (256);

  g_string_append (sql, "INSERT INTO ");
  g_string_append (sql, info->table);
  g_string_append (sql, " (");
  return sql;
}

/* Appends a given column; @given notes which filled columns were given. */
void
_crm_store_insert_sql_add_column (GString    *sql,
                                  const char *column,
                                  guint      *n,
                                  guint      *given)
{
  for (guint f = 0; f < G_N_ELEMENTS (filled_columns); f++)
    *given |= g_str_equal (column, filled_columns[f]) ? 1 << f : 0;

  g_string_append (sql, (*n)++ > 0 ? ", \"" : "\"");
  g_string_append (sql, column);
  g_string_append_c (sql, '"');
}

/* Appends the filled columns not given, whose bits go to @defaults, and
 * the placeholders; returns the statement's text. */
char *
_crm_store_insert_sql_end (GString      *sql,
                           CrmTableInfo *info,
                           guint         n,
                           guint         given,
                           guint        *defaults)
{
  *defaults = 0;
  for (guint i = 0; i < G_N_ELEMENTS (filled_columns); i++)
    {
      if ((given & (1 << i)) != 0 || !_crm_table_info_has (info, filled_columns[i]))
        continue;

      g_string_append (sql, n++ > 0 ? ", " : "");
      g_string_append (sql, filled_columns[i]);
      *defaults |= 1 << i;
    }

  g_string_append (sql, ") VALUES (");
  for (guint i = 0; i < n; i++)
    g_string_append (sql, i > 0 ? ", ?" : "?");
  g_string_append (sql, ")");

  return g_string_free (sql, FALSE);
}

/* Builds "INSERT INTO t (a, b, …) VALUES (?, ?, …)" for @fields, then
 * @extra (a column bound after them, or %NULL), then the stable id and
 * timestamps the caller left out. Plain appends, one pass over the keys
 * and no format strings: imports build this for every row. */
char *
_crm_store_insert_sql (CrmTableInfo  *info,
                       GVariant      *fields,
                       const char    *extra,
                       guint         *defaults)
{
  GString *sql = _crm_store_insert_sql_begin (info);
  gsize n_fields = g_variant_n_children (fields);
  guint given = 0;
  guint n = 0;

  for (gsize i = 0; i < n_fields; i++)
    {
      g_autoptr(GVariant) entry = g_variant_get_child_value (fields, i);
      g_autoptr(GVariant) key_value = g_variant_get_child_value (entry, 0);

      _crm_store_insert_sql_add_column (sql, g_variant_get_string (key_value, NULL),
                                        &n, &given);
    }

  if (extra != NULL)
    _crm_store_insert_sql_add_column (sql, extra, &n, &given);

  return _crm_store_insert_sql_end (sql, info, n, given, defaults);
}

void
_crm_store_bind_defaults (CrmStoreTxn  *txn,
                          sqlite3_stmt *stmt,
                          int           index,
                          guint         defaults)
{
  if (defaults & 1)
    sqlite3_bind_text (stmt, index++, g_uuid_string_random (), -1, g_free);
  if (defaults & 2)
    sqlite3_bind_text (stmt, index++, txn->store->job_now, -1, SQLITE_STATIC);
  if (defaults & 4)
    sqlite3_bind_text (stmt, index++, txn->store->job_now, -1, SQLITE_STATIC);
}

/**
 * crm_store_txn_insert:
 * @txn: the open transaction
 * @kind: the kind of record
 * @fields: (transfer floating): the columns to write, a{sv}
 * @error: return location for a #GError
 *
 * Inserts a row, filling in `external_id` and timestamps when left out,
 * then runs the rules.
 *
 * Returns: the new row's id, or 0 on failure
 */
gint64
crm_store_txn_insert (CrmStoreTxn    *txn,
                      CrmEntityKind   kind,
                      GVariant       *fields,
                      GError        **error)
{
  g_autoptr(GVariant) sunk = fields != NULL ? g_variant_ref_sink (fields) : NULL;
  g_autofree char *sql = NULL;
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  guint defaults;
  gint64 id;

  g_return_val_if_fail (txn != NULL, 0);

  info = table_info (txn, kind, error);
  if (info == NULL || !check_fields (info, sunk, error))
    return 0;

  /* A new card goes to the end of its column, whatever added it. */
  if (kind == CRM_ENTITY_OPPORTUNITY && sunk != NULL)
    {
      GVariant *placed = _crm_store_txn_place_new_card (txn, sunk);

      g_variant_unref (sunk);
      sunk = placed;
    }

  sql = _crm_store_insert_sql (info, sunk, NULL, &defaults);
  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL || !bind_fields (stmt, sunk, 1, error))
    return 0;

  _crm_store_bind_defaults (txn, stmt, g_variant_n_children (sunk) + 1, defaults);
  if (!step_done (txn, stmt, "Failed to add a record", error))
    return 0;

  id = sqlite3_last_insert_rowid (txn->db);
  if (!_crm_store_txn_run_rules (txn, info->table, id, "insert", sunk, error))
    return 0;

  return id;
}

/**
 * crm_store_txn_get_row:
 * @txn: the open transaction
 * @kind: the kind of record
 * @id: the row
 * @error: return location for a #GError
 *
 * Reads a row as the transaction sees it.
 *
 * Returns: (transfer full): the row as a{sv} (NULL columns left out), or
 *   %NULL with %CRM_STORE_ERROR_NOT_FOUND
 */
GVariant *
crm_store_txn_get_row (CrmStoreTxn    *txn,
                       CrmEntityKind   kind,
                       gint64          id,
                       GError        **error)
{
  g_autofree char *sql = NULL;
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  GVariantBuilder builder;
  int rc;

  g_return_val_if_fail (txn != NULL, NULL);

  info = table_info (txn, kind, error);
  if (info == NULL)
    return NULL;

  sql = g_strconcat ("SELECT * FROM ", info->table, " WHERE id = ?", NULL);
  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     "No row %" G_GINT64_FORMAT " in %s", id, info->table);
      else
        _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read a record");
      return NULL;
    }

  /* A builder, not a dictionary: imports read a row for every line. The
   * column names are unique, so no key repeats. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (int i = 0; i < sqlite3_column_count (stmt); i++)
    {
      GVariant *value;

      switch (sqlite3_column_type (stmt, i))
        {
        case SQLITE_INTEGER:
          value = g_variant_new_int64 (sqlite3_column_int64 (stmt, i));
          break;
        case SQLITE_FLOAT:
          value = g_variant_new_double (sqlite3_column_double (stmt, i));
          break;
        case SQLITE_TEXT:
          value = g_variant_new_string ((const char *) sqlite3_column_text (stmt, i));
          break;
        default:
          continue;
        }

      g_variant_builder_add_value (&builder,
                                   g_variant_new_dict_entry (
                                     g_variant_new_string (sqlite3_column_name (stmt, i)),
                                     g_variant_new_variant (value)));
    }
  sqlite3_reset (stmt);

  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

/**
 * crm_store_txn_foreach:
 * @txn: the open transaction
 * @kind: the kind of record
 * @columns: (array zero-terminated=1): the columns to read (at most 16)
 * @func: called for each row, in id order
 * @user_data: data for @func
 * @error: return location for a #GError
 *
 * Reads a few columns of every row in one query, as the transaction sees
 * them: what an import matches its rows against.
 *
 * Returns: %TRUE when every row was read
 */
gboolean
crm_store_txn_foreach (CrmStoreTxn         *txn,
                       CrmEntityKind        kind,
                       const char * const  *columns,
                       CrmStoreRowFunc      func,
                       gpointer             user_data,
                       GError             **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT id");
  const char *values[16];
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  guint n_columns;
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);
  g_return_val_if_fail (g_strv_length ((char **) columns) <= G_N_ELEMENTS (values), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  info = table_info (txn, kind, error);
  if (info == NULL)
    return FALSE;

  for (n_columns = 0; columns[n_columns] != NULL; n_columns++)
    {
      if (!_crm_table_info_has (info, columns[n_columns]))
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Table %s has no column %s", info->table, columns[n_columns]);
          return FALSE;
        }
      g_string_append_printf (sql, ", \"%s\"", columns[n_columns]);
    }
  g_string_append_printf (sql, " FROM %s ORDER BY id", info->table);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql->str, error);
  if (stmt == NULL)
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      for (guint i = 0; i < n_columns; i++)
        values[i] = (const char *) sqlite3_column_text (stmt, i + 1);

      func (sqlite3_column_int64 (stmt, 0), values, user_data);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read records");

  return TRUE;
}

/* Whether a stored value (text, integer or real, as get_row reads them)
 * equals a field's value, for the common types without printing them;
 * -1 when the types need the printed comparison. */
static int
same_value (GVariant *old,
            GVariant *plain)
{
  if (g_variant_is_of_type (old, G_VARIANT_TYPE_STRING) &&
      g_variant_is_of_type (plain, G_VARIANT_TYPE_STRING))
    return g_str_equal (g_variant_get_string (old, NULL), g_variant_get_string (plain, NULL));

  if (!g_variant_is_of_type (old, G_VARIANT_TYPE_INT64))
    return -1;

  if (g_variant_is_of_type (plain, G_VARIANT_TYPE_INT64))
    return g_variant_get_int64 (old) == g_variant_get_int64 (plain);
  if (g_variant_is_of_type (plain, G_VARIANT_TYPE_INT32))
    return g_variant_get_int64 (old) == g_variant_get_int32 (plain);
  if (g_variant_is_of_type (plain, G_VARIANT_TYPE_BOOLEAN))
    return g_variant_get_int64 (old) == (g_variant_get_boolean (plain) ? 1 : 0);

  return -1;
}

/* Keeps only the fields whose value differs from the stored row. */
static GVariant *
changed_fields (GVariant *row,
                GVariant *fields)
{
  GVariantDict dict;
  GVariantIter iter;
  const char *key;
  GVariant *value;

  g_variant_dict_init (&dict, NULL);
  g_variant_iter_init (&iter, fields);
  while (g_variant_iter_loop (&iter, "{&sv}", &key, &value))
    {
      g_autoptr(GVariant) old = crm_vardict_lookup (row, key);
      g_autoptr(GVariant) plain = NULL;
      int same;

      plain = g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE)
        ? g_variant_get_maybe (value) : g_variant_ref (value);

      if (old == NULL && plain == NULL)
        continue;

      same = old != NULL && plain != NULL ? same_value (old, plain) : 0;
      if (same == 1)
        continue;

      if (same < 0)
        {
          g_autofree char *a = g_variant_print (old, FALSE);
          g_autofree char *b = NULL;

          if (g_variant_is_of_type (plain, G_VARIANT_TYPE_BOOLEAN))
            b = g_strdup_printf ("%d", g_variant_get_boolean (plain));
          else if (g_variant_is_of_type (plain, G_VARIANT_TYPE_INT32))
            b = g_strdup_printf ("%d", g_variant_get_int32 (plain));
          else
            b = g_variant_print (plain, FALSE);

          if (g_str_equal (a, b))
            continue;
        }

      g_variant_dict_insert_value (&dict, key, value);
    }

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

static const char *cause_for_origin (CrmOrigin origin);

/* Who writes a row: a rule when a rule writes it (rules run at depth 1
 * and deeper), else whoever made the job. */
static CrmOrigin
writer_origin (CrmStoreTxn *txn)
{
  return txn->rule_depth > 0 ? CRM_ORIGIN_RULE : txn->origin;
}

/* A person chooses only the four lead statuses, and cannot change what
 * billing set (a subscription or the server does). */
gboolean
_crm_store_check_person_status (const char  *old_status,
                                const char  *status,
                                GError     **error)
{
  if (!crm_status_is_person_settable (status))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                   _("“%s” is set by billing, not by hand"), crm_status_get_label (status));
      return FALSE;
    }

  if (crm_status_is_subscriber (old_status))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                   _("“%s” comes from billing and cannot be changed by hand"),
                   crm_status_get_label (old_status));
      return FALSE;
    }

  return TRUE;
}

/* The timeline entry of a status change: when, who (the person, for a
 * change by hand), and why (the cause, and a rule's reason). */
gboolean
_crm_store_txn_add_status_entry (CrmStoreTxn  *txn,
                                 gint64        customer_id,
                                 const char   *old_status,
                                 const char   *status,
                                 CrmOrigin     origin,
                                 const char   *reason,
                                 const char   *now,
                                 GError      **error)
{
  const char *cause = cause_for_origin (origin);
  g_autofree char *me = NULL;
  CrmStoreValue values[8];
  guint n = 0;

  /* Values bound as they are: a rule may do this for every pulled deal. */
  values[n++] = (CrmStoreValue) { "customer_id", CRM_STORE_VALUE_INT, NULL, customer_id };
  values[n++] = (CrmStoreValue) { "kind", CRM_STORE_VALUE_TEXT, "status", 0 };
  values[n++] = (CrmStoreValue) { "occurred_at", CRM_STORE_VALUE_TEXT, now, 0 };
  if (old_status != NULL)
    values[n++] = (CrmStoreValue) { "old_status", CRM_STORE_VALUE_TEXT, old_status, 0 };
  values[n++] = (CrmStoreValue) { "new_status", CRM_STORE_VALUE_TEXT, status, 0 };
  values[n++] = (CrmStoreValue) { "cause", CRM_STORE_VALUE_TEXT, cause, 0 };
  if (reason != NULL)
    values[n++] = (CrmStoreValue) { "rule_name", CRM_STORE_VALUE_TEXT, reason, 0 };

  if (g_str_equal (cause, "person"))
    me = crm_store_txn_dup_setting (txn, "me.email");
  if (me != NULL && me[0] != '\0')
    values[n++] = (CrmStoreValue) { "author", CRM_STORE_VALUE_TEXT, me, 0 };

  return crm_store_txn_insert_values (txn, CRM_ENTITY_ACTIVITY, values, n, error) > 0;
}

/* A customer's status written as a plain column (a pull, a rule or an edit
 * that is not crm_store_txn_set_status()) is a status change all the same:
 * it is checked, stamped and put on the timeline. A writer that passes
 * `status_changed_at` has written its own entry. Returns the new status,
 * or NULL when there is no such change. */
static const char *
find_status_change (CrmEntityKind  kind,
                    GVariant      *fields,
                    GVariant      *changes)
{
  g_autoptr(GVariant) stamp = NULL;
  const char *status = NULL;

  if (kind != CRM_ENTITY_CUSTOMER ||
      !g_variant_lookup (changes, "status", "&s", &status))
    return NULL;

  stamp = g_variant_lookup_value (fields, "status_changed_at", NULL);
  return stamp == NULL ? status : NULL;
}

static GVariant *
add_status_stamp (GVariant   *changes,
                  const char *now)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, changes);
  g_variant_dict_insert (&dict, "status_changed_at", "s", now);

  return g_variant_ref_sink (g_variant_dict_end (&dict));
}

/**
 * crm_store_txn_update:
 * @txn: the open transaction
 * @kind: the kind of record
 * @id: the row
 * @fields: (transfer floating): the columns to write, a{sv}
 * @error: return location for a #GError
 *
 * Writes the fields that differ from the stored row (and `updated_at`),
 * then runs the rules with only those fields. Writing nothing new is not
 * an error.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_update (CrmStoreTxn    *txn,
                      CrmEntityKind   kind,
                      gint64          id,
                      GVariant       *fields,
                      GError        **error)
{
  g_autoptr(GVariant) sunk = fields != NULL ? g_variant_ref_sink (fields) : NULL;
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GVariant) changes = NULL;
  g_autoptr(GVariant) stamped = NULL;
  g_autoptr(GString) sql = NULL;
  g_autofree char *now = NULL;
  const char *old_status = NULL;
  const char *new_status;
  CrmTableInfo *info;
  sqlite3_stmt *stmt;
  GVariantIter iter;
  const char *key;
  gboolean stamp;

  g_return_val_if_fail (txn != NULL, FALSE);

  info = table_info (txn, kind, error);
  if (info == NULL || !check_fields (info, sunk, error))
    return FALSE;

  row = crm_store_txn_get_row (txn, kind, id, error);
  if (row == NULL)
    return FALSE;

  changes = changed_fields (row, sunk);
  if (g_variant_n_children (changes) == 0)
    return TRUE;

  new_status = find_status_change (kind, sunk, changes);
  if (new_status != NULL)
    {
      g_variant_lookup (row, "status", "&s", &old_status);
      if (writer_origin (txn) == CRM_ORIGIN_PERSON &&
          !_crm_store_check_person_status (old_status, new_status, error))
        return FALSE;

      now = crm_timestamp_now ();
      stamped = add_status_stamp (changes, now);
      g_variant_unref (changes);
      changes = g_variant_ref (stamped);
      g_variant_lookup (changes, "status", "&s", &new_status);
    }

  stamp = _crm_table_info_has (info, "updated_at") &&
          crm_vardict_get_string (changes, "updated_at") == NULL;

  sql = g_string_new (NULL);
  g_string_append_printf (sql, "UPDATE %s SET ", info->table);
  g_variant_iter_init (&iter, changes);
  for (guint i = 0; g_variant_iter_next (&iter, "{&s*}", &key, NULL); i++)
    g_string_append_printf (sql, "%s\"%s\" = ?", i > 0 ? ", " : "", key);
  if (stamp)
    g_string_append (sql, ", updated_at = strftime ('%Y-%m-%dT%H:%M:%fZ', 'now')");
  g_string_append (sql, " WHERE id = ?");

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql->str, error);
  if (stmt == NULL || !bind_fields (stmt, changes, 1, error))
    return FALSE;

  sqlite3_bind_int64 (stmt, g_variant_n_children (changes) + 1, id);
  if (!step_done (txn, stmt, "Failed to change a record", error))
    return FALSE;

  if (new_status != NULL &&
      !_crm_store_txn_add_status_entry (txn, id, old_status, new_status, writer_origin (txn),
                                        NULL, now, error))
    return FALSE;

  return _crm_store_txn_run_rules (txn, info->table, id, "update", changes, error);
}

/**
 * crm_store_txn_delete:
 * @txn: the open transaction
 * @kind: the kind of record
 * @id: the row
 * @error: return location for a #GError
 *
 * Deletes a row and, through the schema's cascades, its children. The
 * outbox keeps what it holds.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_delete (CrmStoreTxn    *txn,
                      CrmEntityKind   kind,
                      gint64          id,
                      GError        **error)
{
  g_autofree char *sql = NULL;
  CrmTableInfo *info;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);

  info = table_info (txn, kind, error);
  if (info == NULL)
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?", info->table);
  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  if (!step_done (txn, stmt, "Failed to delete a record", error))
    return FALSE;

  if (sqlite3_changes (txn->db) == 0)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   "No row %" G_GINT64_FORMAT " in %s", id, info->table);
      return FALSE;
    }

  return _crm_store_txn_run_rules (txn, info->table, id, "delete", NULL, error);
}

/**
 * crm_store_txn_set_setting:
 * @txn: the open transaction
 * @key: the setting
 * @value: (nullable): its value; %NULL removes it
 * @error: return location for a #GError
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_set_setting (CrmStoreTxn  *txn,
                           const char   *key,
                           const char   *value,
                           GError      **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (value == NULL)
    stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                               "DELETE FROM settings WHERE key = ?1", error);
  else
    stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                               "INSERT INTO settings (key, value) VALUES (?1, ?2)"
                               " ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                               " WHERE value IS NOT excluded.value",
                               error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);

  return step_done (txn, stmt, "Failed to save a setting", error);
}

/**
 * crm_store_txn_get_origin:
 * @txn: the open transaction
 *
 * Returns: who makes the change
 */
CrmOrigin
crm_store_txn_get_origin (CrmStoreTxn *txn)
{
  g_return_val_if_fail (txn != NULL, CRM_ORIGIN_PERSON);

  return txn->origin;
}

/**
 * crm_store_txn_get_cancellable:
 * @txn: the open transaction
 *
 * Long jobs check this between rows; cancelling rolls the whole job back.
 *
 * Returns: (transfer none) (nullable): the job's cancellable
 */
GCancellable *
crm_store_txn_get_cancellable (CrmStoreTxn *txn)
{
  g_return_val_if_fail (txn != NULL, NULL);

  return txn->cancellable;
}

static const char *
cause_for_origin (CrmOrigin origin)
{
  switch (origin)
    {
    case CRM_ORIGIN_RULE:
      return "rule";
    case CRM_ORIGIN_SYNC:
      return "sync";
    case CRM_ORIGIN_PERSON:
    case CRM_ORIGIN_IMPORT:
    default:
      return "person";
    }
}

/**
 * crm_store_txn_add_notice:
 * @txn: the open transaction
 * @message: what a rule did, translated, for a person to read
 *
 * Leaves a notice that the store emits as #CrmStore::notice once the
 * transaction commits (and drops when it rolls back).
 */
void
crm_store_txn_add_notice (CrmStoreTxn *txn,
                          const char  *message)
{
  g_return_if_fail (txn != NULL);
  g_return_if_fail (message != NULL);

  g_ptr_array_add (txn->store->job_notices, g_strdup (message));
}

/**
 * crm_store_txn_matches:
 * @txn: the open transaction
 * @kind: the kind of record
 * @id: the record
 * @filter: a filter over @kind
 * @matches: (out): whether the record meets @filter
 * @error: return location for a #GError
 *
 * Tests one record against a filter as the transaction sees it; routing
 * rules use it.
 *
 * Returns: %FALSE when @filter cannot be run
 */
gboolean
crm_store_txn_matches (CrmStoreTxn    *txn,
                       CrmEntityKind   kind,
                       gint64          id,
                       CrmFilter      *filter,
                       gboolean       *matches,
                       GError        **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);
  g_return_val_if_fail (matches != NULL, FALSE);

  where = _crm_filter_to_row_sql (txn->store, kind, filter, binds, error);
  if (where == NULL)
    return FALSE;

  sql = g_strdup_printf ("SELECT EXISTS (SELECT 1 FROM %s WHERE id = ? AND (%s))",
                         crm_entity_kind_get_table (kind), where);
  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 0; i < binds->len; i++)
    _crm_store_bind_variant (stmt, i + 2, g_ptr_array_index (binds, i));

  rc = sqlite3_step (stmt);
  *matches = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  if (rc != SQLITE_ROW)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to test a record");

  return TRUE;
}

/**
 * crm_store_txn_dup_setting:
 * @txn: the open transaction
 * @key: the setting
 *
 * Returns: (transfer full) (nullable): the setting as the transaction sees it
 */
char *
crm_store_txn_dup_setting (CrmStoreTxn *txn,
                           const char  *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (txn != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

/* Undo replays the journal backwards with journaling off. Foreign keys are
 * checked at commit, since a parent may come back after its children. */
gboolean
_crm_store_txn_undo (CrmStoreTxn  *txn,
                     gint64        undo_group,
                     GError      **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT undone FROM undo_groups WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, undo_group);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || sqlite3_column_int (stmt, 0) != 0)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                           _("This change can no longer be undone"));
      return FALSE;
    }
  sqlite3_reset (stmt);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT statement FROM undo_journal WHERE group_id = ?"
                             " ORDER BY id DESC", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, undo_group);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (statements, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_reset (stmt);

  rc = sqlite3_exec (txn->db, "PRAGMA defer_foreign_keys = ON", NULL, NULL, NULL);
  for (guint i = 0; rc == SQLITE_OK && i < statements->len; i++)
    rc = sqlite3_exec (txn->db, g_ptr_array_index (statements, i), NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to undo a change");

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "UPDATE undo_groups SET undone = 1 WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, undo_group);

  return step_done (txn, stmt, "Failed to close an undo group", error);
}
