/* crm-sql-sorter.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sql-sorter"

#include "config.h"

#include "crm-sql-sorter.h"

/* A column's sorter that never sorts anything itself: it only names the
 * SQL sort key of its column. The list models run the ORDER BY.
 *
 * GTK 4.8 offers no way to ask a GtkColumnView which column it sorts by,
 * so crm_sql_sorter_find_primary() asks the view's sorter to compare two
 * sentinel objects: the view's sorter asks its columns' sorters in order,
 * primary first, and stops at the first answer that is not "equal". Every
 * CrmSqlSorter answers "larger" for the sentinels and records itself, so
 * the one recorded is the primary column, and the view's answer (inverted
 * or not) is the direction. Main thread only. */

struct _CrmSqlSorter
{
  GtkSorter parent_instance;

  char *sort_key;
};

G_DEFINE_FINAL_TYPE (CrmSqlSorter, crm_sql_sorter, GTK_TYPE_SORTER)

enum {
  PROP_0,
  PROP_SORT_KEY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GObject *sentinel_first;
static GObject *sentinel_second;
static CrmSqlSorter *last_asked;

static GtkOrdering
crm_sql_sorter_compare (GtkSorter *sorter,
                        gpointer   item1,
                        gpointer   item2)
{
  CrmSqlSorter *self = CRM_SQL_SORTER (sorter);

  if (item1 == (gpointer) sentinel_first && item2 == (gpointer) sentinel_second)
    {
      last_asked = self;
      return GTK_ORDERING_LARGER;
    }

  return GTK_ORDERING_EQUAL;
}

static GtkSorterOrder
crm_sql_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
crm_sql_sorter_finalize (GObject *object)
{
  CrmSqlSorter *self = (CrmSqlSorter *) object;

  if (last_asked == self)
    last_asked = NULL;

  g_clear_pointer (&self->sort_key, g_free);

  G_OBJECT_CLASS (crm_sql_sorter_parent_class)->finalize (object);
}

static void
crm_sql_sorter_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmSqlSorter *self = CRM_SQL_SORTER (object);

  switch (prop_id)
    {
    case PROP_SORT_KEY:
      g_value_set_string (value, self->sort_key);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sql_sorter_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmSqlSorter *self = CRM_SQL_SORTER (object);

  switch (prop_id)
    {
    case PROP_SORT_KEY:
      self->sort_key = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_sql_sorter_class_init (CrmSqlSorterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  object_class->finalize = crm_sql_sorter_finalize;
  object_class->get_property = crm_sql_sorter_get_property;
  object_class->set_property = crm_sql_sorter_set_property;

  sorter_class->compare = crm_sql_sorter_compare;
  sorter_class->get_order = crm_sql_sorter_get_order;

  properties[PROP_SORT_KEY] =
    g_param_spec_string ("sort-key", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE |
                          G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_sql_sorter_init (CrmSqlSorter *self)
{
}

/**
 * crm_sql_sorter_new:
 * @sort_key: the key the list model sorts by (a column name)
 *
 * Returns: (transfer full): a new sorter
 */
CrmSqlSorter *
crm_sql_sorter_new (const char *sort_key)
{
  g_return_val_if_fail (sort_key != NULL, NULL);

  return g_object_new (CRM_TYPE_SQL_SORTER,
                       "sort-key", sort_key,
                       NULL);
}

const char *
crm_sql_sorter_get_sort_key (CrmSqlSorter *self)
{
  g_return_val_if_fail (CRM_IS_SQL_SORTER (self), NULL);

  return self->sort_key;
}

/**
 * crm_sql_sorter_find_primary:
 * @view_sorter: the sorter of a #GtkColumnView whose columns carry
 *   #CrmSqlSorter sorters
 * @descending: (out) (optional): whether the view sorts descending
 *
 * Finds the column sorter the view sorts by first.
 *
 * Returns: (transfer none) (nullable): the primary sorter, or %NULL when
 *   the view is not sorted
 */
CrmSqlSorter *
crm_sql_sorter_find_primary (GtkSorter *view_sorter,
                             gboolean  *descending)
{
  GtkOrdering order;
  CrmSqlSorter *primary;

  g_return_val_if_fail (GTK_IS_SORTER (view_sorter), NULL);

  if (descending != NULL)
    *descending = FALSE;

  /* Kept for the life of the process: two tiny objects. */
  if (sentinel_first == NULL)
    {
      sentinel_first = g_object_new (G_TYPE_OBJECT, NULL);
      sentinel_second = g_object_new (G_TYPE_OBJECT, NULL);
    }

  last_asked = NULL;
  order = gtk_sorter_compare (view_sorter, sentinel_first, sentinel_second);
  primary = g_steal_pointer (&last_asked);

  if (order == GTK_ORDERING_EQUAL || primary == NULL)
    return NULL;

  if (descending != NULL)
    *descending = (order == GTK_ORDERING_SMALLER);

  return primary;
}
