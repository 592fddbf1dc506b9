/* crm-store-order.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <string.h>

#include "crm-filter.h"
#include "crm-filter-fields.h"
#include "crm-store-private.h"

/* Customer lists, the fast way round. Ordering the customers that a search,
 * or a condition on the tags or a custom attribute, finds makes SQLite
 * fetch each one's row for its sort key: 17,000 rows for a two-letter
 * search, 30 ms. Instead the reader keeps the ids of all customers in the
 * list's order (one scan of an index, kept until anything is committed:
 * PRAGMA data_version tells), and the search, the tags and attribute
 * conditions and the rest of the filter each give a set of ids from their
 * own best query; the list is the order walked through the sets. Main
 * thread only, as the reader is. */

typedef struct
{
  char   *sort_key;
  gboolean descending;
  gint64  data_version;
  GArray *ids;                /* gint64, all customers in that order */
} Order;

/* A set of ids as a bitmap; @negated holds for the ids it does not have. */
typedef struct
{
  guint8  *bits;
  gsize    n_bytes;
  gboolean negated;
} IdSet;

static void
order_free (gpointer data)
{
  Order *order = data;

  g_free (order->sort_key);
  g_array_unref (order->ids);
  g_free (order);
}

static void
id_set_add (IdSet  *set,
            gint64  id)
{
  gsize byte = (gsize) id / 8;

  if (id < 0)
    return;

  if (byte >= set->n_bytes)
    {
      gsize n_bytes = MAX (byte + 1, set->n_bytes * 2);

      set->bits = g_realloc (set->bits, n_bytes);
      memset (set->bits + set->n_bytes, 0, n_bytes - set->n_bytes);
      set->n_bytes = n_bytes;
    }

  set->bits[byte] |= 1 << (id % 8);
}

static gboolean
id_set_has (const IdSet *set,
            gint64       id)
{
  gsize byte = (gsize) id / 8;
  gboolean has = id >= 0 && byte < set->n_bytes && (set->bits[byte] & (1 << (id % 8)));

  return set->negated ? !has : has;
}

static void
id_set_free (gpointer data)
{
  IdSet *set = data;

  g_free (set->bits);
  g_free (set);
}

static gint64
read_data_version (CrmStore  *self,
                   GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 version = -1;

  stmt = _crm_store_prepare (self->reader, self->reader_statements,
                             "PRAGMA data_version", error);
  if (stmt == NULL)
    return -1;

  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return version;
}

static GArray *
run_ids_query (CrmStore   *self,
               const char *sql,
               GPtrArray  *binds,
               GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (self->reader, self->reader_statements, sql, error);
  if (stmt == NULL)
    return NULL;

  for (guint i = 0; binds != NULL && i < binds->len; i++)
    _crm_store_bind_variant (stmt, i + 1, g_ptr_array_index (binds, i));

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

static Order *
find_order (CrmStore   *self,
            const char *sort_key,
            gboolean    descending)
{
  for (guint i = 0; self->orders != NULL && i < self->orders->len; i++)
    {
      Order *order = g_ptr_array_index (self->orders, i);

      if (g_strcmp0 (order->sort_key, sort_key) == 0 && order->descending == descending)
        return order;
    }

  return NULL;
}

/* The order, if the reader would still see it so. */
static Order *
lookup_order (CrmStore   *self,
              const char *sort_key,
              gboolean    descending,
              GError    **error)
{
  Order *order = find_order (self, sort_key, descending);

  if (order == NULL)
    return NULL;

  if (order->data_version != read_data_version (self, error))
    {
      g_ptr_array_remove_fast (self->orders, order);
      return NULL;
    }

  return order;
}

static Order *
ensure_order (CrmStore   *self,
              const char *sort_key,
              gboolean    descending,
              GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  GArray *ids;
  Order *order;
  gint64 version;

  order = lookup_order (self, sort_key, descending, &local_error);
  if (order != NULL || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return order;
    }

  version = read_data_version (self, error);
  if (version < 0)
    return NULL;

  ids = _crm_store_query_ordered_ids (self, CRM_ENTITY_CUSTOMER, NULL, NULL,
                                      sort_key, descending, error);
  if (ids == NULL)
    return NULL;

  if (self->orders == NULL)
    self->orders = g_ptr_array_new_with_free_func (order_free);

  order = g_new0 (Order, 1);
  order->sort_key = g_strdup (sort_key);
  order->descending = descending;
  order->data_version = version;
  order->ids = ids;
  g_ptr_array_add (self->orders, order);

  return order;
}

static GPtrArray *
new_binds (void)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);
}

static gboolean
add_set (CrmStore   *self,
         GPtrArray  *sets,
         const char *sql,
         GPtrArray  *binds,
         gboolean    negated,
         GError    **error)
{
  g_autoptr(GArray) ids = run_ids_query (self, sql, binds, error);
  IdSet *set;

  if (ids == NULL)
    return FALSE;

  set = g_new0 (IdSet, 1);
  set->negated = negated;
  for (guint i = 0; i < ids->len; i++)
    id_set_add (set, g_array_index (ids, gint64, i));
  g_ptr_array_add (sets, set);

  return TRUE;
}

/* Splits a filter's top-level "and" into its conditions on tags or custom
 * attributes and the rest, which stays one query. Such a condition inside
 * "or" or "not" stays in the query too. */
static CrmFilter *
split_set_conditions (CrmFilter *filter,
                       GPtrArray *set_conditions)
{
  CrmFilter *rest;

  if (filter == NULL || crm_filter_is_empty (filter))
    return NULL;

  if (_crm_filter_is_set_condition (filter))
    {
      g_ptr_array_add (set_conditions, filter);
      return NULL;
    }

  if (crm_filter_get_node (filter) != CRM_FILTER_NODE_ALL)
    return crm_filter_ref (filter);

  rest = crm_filter_new ();
  for (guint i = 0; i < crm_filter_get_n_children (filter); i++)
    {
      CrmFilter *child = crm_filter_get_child (filter, i);

      if (_crm_filter_is_set_condition (child))
        g_ptr_array_add (set_conditions, child);
      else if (!crm_filter_is_empty (child))
        crm_filter_append (rest, child);
    }

  if (crm_filter_is_empty (rest))
    g_clear_pointer (&rest, crm_filter_unref);

  return rest;
}

static gboolean
collect_sets (CrmStore   *self,
              CrmFilter  *rest,
              GPtrArray  *set_conditions,
              const char *fts,
              GPtrArray  *sets,
              GError    **error)
{
  if (rest != NULL)
    {
      g_autoptr(GPtrArray) binds = new_binds ();
      g_autofree char *where = _crm_filter_to_sql (self, CRM_ENTITY_CUSTOMER, rest, NULL,
                                                   binds, error);
      g_autofree char *sql = NULL;

      if (where == NULL)
        return FALSE;

      sql = g_strdup_printf ("SELECT id FROM customers WHERE %s", where);
      if (!add_set (self, sets, sql, binds, FALSE, error))
        return FALSE;
    }

  for (guint i = 0; i < set_conditions->len; i++)
    {
      g_autoptr(GPtrArray) binds = new_binds ();
      gboolean negated = FALSE;
      g_autofree char *sql = _crm_filter_set_sql (self, g_ptr_array_index (set_conditions, i),
                                                  binds, &negated);

      if (!add_set (self, sets, sql, binds, negated, error))
        return FALSE;
    }

  if (fts != NULL)
    {
      g_autoptr(GPtrArray) binds = new_binds ();

      g_ptr_array_add (binds, g_variant_ref_sink (g_variant_new_string (fts)));
      if (!add_set (self, sets, "SELECT rowid FROM customer_search WHERE customer_search MATCH ?",
                    binds, FALSE, error))
        return FALSE;
    }

  return TRUE;
}

static GArray *
walk_order (Order     *order,
            GPtrArray *sets)
{
  GArray *ids;

  if (sets->len == 0)
    {
      ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), order->ids->len);
      g_array_append_vals (ids, order->ids->data, order->ids->len);
      return ids;
    }

  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < order->ids->len; i++)
    {
      gint64 id = g_array_index (order->ids, gint64, i);
      gboolean kept = TRUE;

      for (guint j = 0; kept && j < sets->len; j++)
        kept = id_set_has (g_ptr_array_index (sets, j), id);

      if (kept)
        g_array_append_val (ids, id);
    }

  return ids;
}

/**
 * _crm_store_query_customer_ids:
 * @self: the store
 * @filter: (nullable): which customers
 * @search: (nullable): words to search for
 * @sort_key: (nullable): the column to sort by; %NULL sorts by id
 * @descending: whether to sort descending
 * @error: return location for a #GError
 *
 * Lists customers as crm_store_query_ids() does. A search or a top-level
 * tags or attribute condition walks the kept order through sets; a list
 * with neither takes the kept order when there is one, else one ordered
 * query.
 *
 * Returns: (transfer full) (element-type gint64): the ids in order
 */
GArray *
_crm_store_query_customer_ids (CrmStore    *self,
                               CrmFilter   *filter,
                               const char  *search,
                               const char  *sort_key,
                               gboolean     descending,
                               GError     **error)
{
  g_autoptr(GPtrArray) set_conditions = g_ptr_array_new ();
  g_autoptr(GPtrArray) sets = g_ptr_array_new_with_free_func (id_set_free);
  g_autoptr(CrmFilter) rest = NULL;
  g_autofree char *fts = _crm_search_to_fts_query (search);
  g_autoptr(GError) local_error = NULL;
  Order *order;

  if (filter != NULL && !crm_filter_check (filter, CRM_ENTITY_CUSTOMER, error))
    return NULL;

  rest = split_set_conditions (filter, set_conditions);

  /* Only columns of the customers: one query serves, unless the order is
   * kept already. */
  if (fts == NULL && set_conditions->len == 0)
    {
      order = lookup_order (self, sort_key, descending, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }

      if (order == NULL && rest != NULL)
        return _crm_store_query_ordered_ids (self, CRM_ENTITY_CUSTOMER, rest, NULL,
                                             sort_key, descending, error);
    }

  order = ensure_order (self, sort_key, descending, error);
  if (order == NULL)
    return NULL;

  if (!collect_sets (self, rest, set_conditions, fts, sets, error))
    return NULL;

  return walk_order (order, sets);
}

/* Called from crm_store_close(). */
void
_crm_store_forget_orders (CrmStore *self)
{
  g_clear_pointer (&self->orders, g_ptr_array_unref);
}
