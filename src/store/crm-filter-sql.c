/* crm-filter-sql.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-filter.h"
#include "crm-store-private.h"

/**
 * _crm_search_to_fts_query:
 * @search: what a person typed
 *
 * Makes an FTS5 query in which every word is a quoted prefix, so that no
 * input is read as FTS syntax; the tokenizer folds case and accents.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @search
 *   holds no word
 */
char *
_crm_search_to_fts_query (const char *search)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *p = search;

  if (search == NULL)
    return NULL;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        {
          g_string_append_printf (query, "%s\"", query->len > 0 ? " " : "");
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

static gboolean
append_condition (CrmStore       *self,
                  CrmEntityKind   kind,
                  GString        *sql,
                  const char     *field,
                  CrmFilterOp     op,
                  GVariant       *value,
                  GPtrArray      *binds,
                  GError        **error)
{
  if (!_crm_table_info_has (self->tables[kind], field))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Cannot filter %s by %s", crm_entity_kind_get_table (kind), field);
      return FALSE;
    }

  if (op != CRM_FILTER_OP_IS_ME && value == NULL)
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "The condition on %s needs a value", field);
      return FALSE;
    }

  switch (op)
    {
    case CRM_FILTER_OP_IS:
      g_string_append_printf (sql, " AND \"%s\" = ?", field);
      g_ptr_array_add (binds, g_variant_ref (value));
      break;

    case CRM_FILTER_OP_IS_NOT:
      g_string_append_printf (sql, " AND \"%s\" IS NOT ?", field);
      g_ptr_array_add (binds, g_variant_ref (value));
      break;

    case CRM_FILTER_OP_IS_ME:
      g_string_append_printf (sql, " AND \"%s\" = (SELECT value FROM settings"
                                   " WHERE key = 'me.email')", field);
      break;

    default:
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Unknown comparison %d", (int) op);
      return FALSE;
    }

  return TRUE;
}

/**
 * _crm_filter_to_sql:
 * @self: the store
 * @kind: the kind of record filtered
 * @filter: (nullable): the filter
 * @search: (nullable): words to search for
 * @binds: (element-type GVariant): receives the values to bind, in order
 * @error: return location for a #GError
 *
 * Compiles a filter to a WHERE clause. Names of columns are checked
 * against the schema; every value is a bound parameter.
 *
 * Returns: (transfer full): the clause, or %NULL with @error set
 */
char *
_crm_filter_to_sql (CrmStore       *self,
                    CrmEntityKind   kind,
                    CrmFilter      *filter,
                    const char     *search,
                    GPtrArray      *binds,
                    GError        **error)
{
  g_autoptr(GString) sql = g_string_new ("1");
  g_autofree char *fts = _crm_search_to_fts_query (search);
  guint n = filter != NULL ? crm_filter_get_n_conditions (filter) : 0;

  for (guint i = 0; i < n; i++)
    {
      CrmFilterOp op;
      GVariant *value = NULL;
      const char *field = crm_filter_get_field (filter, i, &op, &value);

      if (!append_condition (self, kind, sql, field, op, value, binds, error))
        return NULL;
    }

  if (fts != NULL)
    {
      if (kind != CRM_ENTITY_CUSTOMER)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Only customers can be searched");
          return NULL;
        }

      g_string_append (sql, " AND id IN (SELECT rowid FROM customer_search"
                            " WHERE customer_search MATCH ?)");
      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (fts)));
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}
