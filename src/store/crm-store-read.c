/* crm-store-read.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <json-glib/json-glib.h>

#include "crm-core.h"
#include "crm-store-private.h"

/* Reads run on the main thread through the reader connection. SQLite's WAL
 * gives them the last committed state without waiting on the writer. */

GType
_crm_entity_kind_get_gtype (CrmEntityKind kind)
{
  switch (kind)
    {
    case CRM_ENTITY_CUSTOMER:
      return CRM_TYPE_CUSTOMER;
    case CRM_ENTITY_CONTACT:
      return CRM_TYPE_CONTACT;
    case CRM_ENTITY_ACTIVITY:
      return CRM_TYPE_ACTIVITY;
    case CRM_ENTITY_TASK:
      return CRM_TYPE_TASK;
    case CRM_ENTITY_OPPORTUNITY:
      return CRM_TYPE_OPPORTUNITY;
    case CRM_ENTITY_PIPELINE:
      return CRM_TYPE_PIPELINE;
    case CRM_ENTITY_STAGE:
      return CRM_TYPE_STAGE;
    case CRM_ENTITY_TEMPLATE:
      return CRM_TYPE_TEMPLATE;
    case CRM_ENTITY_SAVED_LIST:
      return CRM_TYPE_SAVED_LIST;
    case CRM_ENTITY_SUBSCRIPTION:
      return CRM_TYPE_SUBSCRIPTION;
    case CRM_ENTITY_ROUTING_RULE:
      return CRM_TYPE_ROUTING_RULE;
    case CRM_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

static JsonObject *
parse_json_object (const char *text)
{
  g_autoptr(JsonParser) parser = json_parser_new_immutable ();
  JsonNode *root;

  if (text == NULL || !json_parser_load_from_data (parser, text, -1, NULL))
    return json_object_new ();

  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return json_object_new ();

  return json_object_ref (json_node_get_object (root));
}

/* Turns one column into the value its property wants. */
static gboolean
column_to_value (sqlite3_stmt *stmt,
                 int           column,
                 GType         type,
                 GValue       *value)
{
  gboolean is_null = sqlite3_column_type (stmt, column) == SQLITE_NULL;
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  g_value_init (value, type);

  if (type == G_TYPE_INT64)
    g_value_set_int64 (value, is_null ? -1 : sqlite3_column_int64 (stmt, column));
  else if (type == G_TYPE_INT)
    g_value_set_int (value, is_null ? -1 : sqlite3_column_int (stmt, column));
  else if (type == G_TYPE_BOOLEAN)
    g_value_set_boolean (value, sqlite3_column_int (stmt, column) != 0);
  else if (type == G_TYPE_DOUBLE)
    g_value_set_double (value, sqlite3_column_double (stmt, column));
  else if (type == G_TYPE_STRING)
    g_value_set_string (value, text);
  else if (type == G_TYPE_DATE_TIME)
    g_value_take_boxed (value, text != NULL ? crm_timestamp_parse (text) : NULL);
  else if (type == G_TYPE_DATE)
    g_value_take_boxed (value, text != NULL ? crm_date_parse (text) : NULL);
  else if (type == JSON_TYPE_OBJECT)
    g_value_take_boxed (value, parse_json_object (text));
  else if (type == G_TYPE_STRV)
    g_value_take_boxed (value, text != NULL ? g_strsplit (text, "\x1f", -1)
                                            : g_new0 (char *, 1));
  else
    return FALSE;

  return TRUE;
}

/**
 * _crm_store_object_from_row:
 * @self: the store
 * @kind: the kind of record in the row
 * @stmt: a statement positioned on a row whose column names are the
 *   record's columns
 *
 * Builds the record's object; each column sets the property of the same
 * name (with '-' for '_'), and columns without one are passed over.
 *
 * Returns: (transfer full): the object
 */
GObject *
_crm_store_object_from_row (CrmStore      *self,
                            CrmEntityKind  kind,
                            sqlite3_stmt  *stmt)
{
  GType type = _crm_entity_kind_get_gtype (kind);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  int n_columns = sqlite3_column_count (stmt);
  const char *names[64];
  GValue values[64] = { G_VALUE_INIT };
  guint n = 0;
  GObject *object;

  g_assert (n_columns <= (int) G_N_ELEMENTS (names));

  for (int i = 0; i < n_columns; i++)
    {
      g_autofree char *name = g_strdelimit (g_strdup (sqlite3_column_name (stmt, i)), "_", '-');
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_CLASS (klass), name);

      if (pspec == NULL || !(pspec->flags & G_PARAM_WRITABLE))
        continue;

      if (!column_to_value (stmt, i, pspec->value_type, &values[n]))
        {
          g_value_unset (&values[n]);
          continue;
        }

      names[n++] = pspec->name;
    }

  object = g_object_new_with_properties (type, n, names, values);

  for (guint i = 0; i < n; i++)
    g_value_unset (&values[i]);

  return object;
}

static const char *
select_sql (CrmEntityKind kind)
{
  switch (kind)
    {
    case CRM_ENTITY_CUSTOMER:
      return "SELECT *, (SELECT group_concat (tag, char (31)) FROM"
             " (SELECT tag FROM tags WHERE customer_id = customers.id ORDER BY tag))"
             " AS tags FROM customers WHERE id = ?";
    case CRM_ENTITY_CONTACT:
      return "SELECT * FROM contacts WHERE id = ?";
    case CRM_ENTITY_ACTIVITY:
      return "SELECT * FROM activities WHERE id = ?";
    case CRM_ENTITY_TASK:
      return "SELECT * FROM tasks WHERE id = ?";
    case CRM_ENTITY_OPPORTUNITY:
      return "SELECT * FROM opportunities WHERE id = ?";
    case CRM_ENTITY_PIPELINE:
      return "SELECT * FROM pipelines WHERE id = ?";
    case CRM_ENTITY_STAGE:
      return "SELECT * FROM stages WHERE id = ?";
    case CRM_ENTITY_TEMPLATE:
      return "SELECT * FROM templates WHERE id = ?";
    case CRM_ENTITY_SAVED_LIST:
      return "SELECT * FROM saved_lists WHERE id = ?";
    case CRM_ENTITY_SUBSCRIPTION:
      return "SELECT * FROM subscriptions WHERE id = ?";
    case CRM_ENTITY_ROUTING_RULE:
      return "SELECT * FROM routing_rules WHERE id = ?";
    case CRM_N_ENTITIES:
    default:
      g_assert_not_reached ();
    }
}

/**
 * crm_store_load:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @id: its id
 * @error: return location for a #GError
 *
 * Reads one record on the main thread.
 *
 * Returns: (transfer full): the record's object (a #CrmCustomer for
 *   %CRM_ENTITY_CUSTOMER, …), or %NULL with @error set
 */
GObject *
crm_store_load (CrmStore       *self,
                CrmEntityKind   kind,
                gint64          id,
                GError        **error)
{
  sqlite3_stmt *stmt;
  GObject *object;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < CRM_N_ENTITIES, NULL);

  stmt = _crm_store_prepare (self->reader, self->reader_statements, select_sql (kind), error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                     "No record %" G_GINT64_FORMAT " in %s", id,
                     crm_entity_kind_get_table (kind));
      else
        _crm_store_set_sqlite_error (error, self->reader, rc, "Failed to read a record");
      return NULL;
    }

  object = _crm_store_object_from_row (self, kind, stmt);
  sqlite3_reset (stmt);

  return object;
}

/**
 * crm_store_dup_setting:
 * @self: a #CrmStore
 * @key: the setting
 *
 * Returns: (transfer full) (nullable): the setting's value
 */
char *
crm_store_dup_setting (CrmStore   *self,
                       const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  stmt = _crm_store_prepare (self->reader, self->reader_statements,
                             "SELECT value FROM settings WHERE key = ?", NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return value;
}

static sqlite3_stmt *
prepare_with_binds (CrmStore    *self,
                    const char  *sql,
                    GPtrArray   *binds,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  stmt = _crm_store_prepare (self->reader, self->reader_statements, sql, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; i < binds->len; i++)
    _crm_store_bind_variant (stmt, i + 1, g_ptr_array_index (binds, i));

  return stmt;
}

/**
 * crm_store_count:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @filter: (nullable): the filter; %NULL counts all
 *
 * Returns: how many records of @kind match @filter, or 0 on error
 */
guint
crm_store_count (CrmStore      *self,
                 CrmEntityKind  kind,
                 CrmFilter     *filter)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *where = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  guint count = 0;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (kind < CRM_N_ENTITIES, 0);

  where = _crm_filter_to_sql (self, kind, filter, NULL, binds, &error);
  if (where == NULL)
    {
      g_warning ("Failed to count %s: %s", crm_entity_kind_get_table (kind), error->message);
      return 0;
    }

  sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s",
                         crm_entity_kind_get_table (kind), where);
  stmt = prepare_with_binds (self, sql, binds, &error);
  if (stmt == NULL)
    {
      g_warning ("Failed to count %s: %s", crm_entity_kind_get_table (kind), error->message);
      return 0;
    }

  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

#define PIPELINE_POSITION_SQL \
  "(SELECT p.position FROM pipelines AS p WHERE p.name = opportunities.pipeline)"
#define STAGE_POSITION_SQL \
  "(SELECT s.position FROM stages AS s JOIN pipelines AS p ON p.id = s.pipeline_id" \
  " WHERE p.name = opportunities.pipeline AND s.name = opportunities.stage)"

/* Stages sort as their pipelines order them, pipeline by pipeline, not by
 * name: Discovery before Closed Lost. Names no pipeline configures come
 * after the configured ones, by name, in either direction. */
static char *
stage_order_sql (const char *dir)
{
  return g_strdup_printf (PIPELINE_POSITION_SQL " IS NULL, " PIPELINE_POSITION_SQL " %s,"
                          " pipeline %s, " STAGE_POSITION_SQL " IS NULL, "
                          STAGE_POSITION_SQL " %s, stage %s, id %s",
                          dir, dir, dir, dir, dir);
}

static char *
order_by_sql (CrmStore       *self,
              CrmEntityKind   kind,
              const char     *sort_key,
              gboolean        descending,
              GError        **error)
{
  const char *dir = descending ? "DESC" : "ASC";
  const char *collate = "";

  if (sort_key == NULL)
    return g_strdup_printf ("id %s", dir);

  if (kind == CRM_ENTITY_OPPORTUNITY && g_str_equal (sort_key, "stage"))
    return stage_order_sql (dir);

  if (!_crm_table_info_has (self->tables[kind], sort_key))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Cannot sort %s by %s", crm_entity_kind_get_table (kind), sort_key);
      return NULL;
    }

  if (g_str_equal (sort_key, "name") || g_str_equal (sort_key, "company"))
    collate = " COLLATE NOCASE";

  /* Empty values last, whichever the direction; the id keeps equal keys in
   * a stable order. Columns that are never NULL skip that term, so that
   * their index serves the sort. */
  if (!_crm_table_info_is_nullable (self->tables[kind], sort_key))
    return g_strdup_printf ("\"%s\"%s %s, id %s", sort_key, collate, dir, dir);

  return g_strdup_printf ("\"%s\" IS NULL, \"%s\"%s %s, id %s",
                          sort_key, sort_key, collate, dir, dir);
}

/* One query with the filter, search and sort in SQL. */
GArray *
_crm_store_query_ordered_ids (CrmStore       *self,
                              CrmEntityKind   kind,
                              CrmFilter      *filter,
                              const char     *search,
                              const char     *sort_key,
                              gboolean        descending,
                              GError        **error)
{
  g_autoptr(GPtrArray) binds = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
  g_autoptr(GArray) ids = NULL;
  g_autofree char *where = NULL;
  g_autofree char *order = NULL;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  where = _crm_filter_to_sql (self, kind, filter, search, binds, error);
  if (where == NULL)
    return NULL;

  order = order_by_sql (self, kind, sort_key, descending, error);
  if (order == NULL)
    return NULL;

  sql = g_strdup_printf ("SELECT id FROM %s WHERE %s ORDER BY %s",
                         crm_entity_kind_get_table (kind), where, order);
  stmt = prepare_with_binds (self, sql, binds, error);
  if (stmt == NULL)
    return NULL;

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, self->reader, rc, "Failed to list records");
      return NULL;
    }

  return g_steal_pointer (&ids);
}

/**
 * crm_store_query_ids:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @filter: (nullable): which records
 * @search: (nullable): words to search for (customers: name, company,
 *   email and contacts; accents and case ignored)
 * @sort_key: (nullable): the column to sort by; %NULL sorts by id
 * @descending: whether to sort descending
 * @error: return location for a #GError
 *
 * Runs the filter, search and sort in SQL; customers through the kept
 * orders of crm-store-order.c, which give the same ids.
 *
 * Returns: (transfer full) (element-type gint64): the ids in order
 */
GArray *
crm_store_query_ids (CrmStore       *self,
                     CrmEntityKind   kind,
                     CrmFilter      *filter,
                     const char     *search,
                     const char     *sort_key,
                     gboolean        descending,
                     GError        **error)
{
  g_return_val_if_fail (CRM_IS_STORE (self), NULL);
  g_return_val_if_fail (kind < CRM_N_ENTITIES, NULL);

  if (kind == CRM_ENTITY_CUSTOMER)
    return _crm_store_query_customer_ids (self, filter, search, sort_key, descending, error);

  return _crm_store_query_ordered_ids (self, kind, filter, search, sort_key, descending,
                                       error);
}

/**
 * crm_store_is_empty:
 * @self: a #CrmStore
 *
 * Returns: whether the profile holds no customers, templates or lists
 */
gboolean
crm_store_is_empty (CrmStore *self)
{
  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  return crm_store_count (self, CRM_ENTITY_CUSTOMER, NULL) == 0 &&
         crm_store_count (self, CRM_ENTITY_TEMPLATE, NULL) == 0 &&
         crm_store_count (self, CRM_ENTITY_SAVED_LIST, NULL) == 0 &&
         crm_store_count (self, CRM_ENTITY_PIPELINE, NULL) == 0;
}

/**
 * crm_store_foreign_key_check:
 * @self: a #CrmStore
 * @error: return location for a #GError
 *
 * Runs `PRAGMA foreign_key_check` over the whole database.
 *
 * Returns: %TRUE when no row points at a missing parent
 */
gboolean
crm_store_foreign_key_check (CrmStore  *self,
                             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CRM_IS_STORE (self), FALSE);

  stmt = _crm_store_prepare (self->reader, self->reader_statements,
                             "PRAGMA foreign_key_check", error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT,
                 "Row %" G_GINT64_FORMAT " of %s points at a missing parent",
                 (gint64) sqlite3_column_int64 (stmt, 1),
                 (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}
