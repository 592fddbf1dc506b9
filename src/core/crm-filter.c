/* crm-filter.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter"

#include "config.h"

#include "crm-filter.h"

/**
 * CrmFilter:
 *
 * A list of conditions on the fields of one kind of record, all of which a
 * record must meet. The store turns it into SQL; saved lists keep it.
 * Conditions keep the order they were added in.
 */

typedef struct
{
  char        *field;
  CrmFilterOp  op;
  GVariant    *value;
} Condition;

struct _CrmFilter
{
  gatomicrefcount  ref_count;
  GArray          *conditions;
};

G_DEFINE_BOXED_TYPE (CrmFilter, crm_filter, crm_filter_ref, crm_filter_unref)

static void
condition_clear (gpointer data)
{
  Condition *condition = data;

  g_clear_pointer (&condition->field, g_free);
  g_clear_pointer (&condition->value, g_variant_unref);
}

/**
 * crm_filter_new:
 *
 * Creates a filter with no conditions, which every record meets.
 *
 * Returns: (transfer full): a new #CrmFilter
 */
CrmFilter *
crm_filter_new (void)
{
  CrmFilter *self = g_new0 (CrmFilter, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->conditions = g_array_new (FALSE, FALSE, sizeof (Condition));
  g_array_set_clear_func (self->conditions, condition_clear);

  return self;
}

/**
 * crm_filter_ref:
 * @self: a #CrmFilter
 *
 * Adds a reference to @self.
 *
 * Returns: (transfer full): @self
 */
CrmFilter *
crm_filter_ref (CrmFilter *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * crm_filter_unref:
 * @self: (transfer full): a #CrmFilter
 *
 * Drops a reference to @self, freeing it when it was the last one.
 */
void
crm_filter_unref (CrmFilter *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_array_unref (self->conditions);
  g_free (self);
}

/**
 * crm_filter_add:
 * @self: a #CrmFilter
 * @field: the property name of the field, such as `owner`
 * @op: the comparison
 * @value: (nullable): the value to compare with; %NULL for
 *   %CRM_FILTER_OP_IS_ME. A floating reference is taken over.
 *
 * Appends a condition.
 */
void
crm_filter_add (CrmFilter   *self,
                const char  *field,
                CrmFilterOp  op,
                GVariant    *value)
{
  Condition condition;

  g_return_if_fail (self != NULL);
  g_return_if_fail (field != NULL);
  g_return_if_fail (op <= CRM_FILTER_OP_IS_ME);
  g_return_if_fail ((op == CRM_FILTER_OP_IS_ME) == (value == NULL));

  condition.field = g_strdup (field);
  condition.op = op;
  condition.value = value != NULL ? g_variant_ref_sink (value) : NULL;
  g_array_append_val (self->conditions, condition);
}

/**
 * crm_filter_get_n_conditions:
 * @self: a #CrmFilter
 *
 * Gets the number of conditions.
 *
 * Returns: the number of conditions
 */
guint
crm_filter_get_n_conditions (CrmFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->conditions->len;
}

/**
 * crm_filter_get_field:
 * @self: a #CrmFilter
 * @index: the position of the condition
 * @op: (out) (optional): where to put the comparison
 * @value: (out) (optional) (nullable) (transfer none): where to put the value
 *
 * Reads the condition at @index.
 *
 * Returns: the field the condition tests
 */
const char *
crm_filter_get_field (CrmFilter    *self,
                      guint         index,
                      CrmFilterOp  *op,
                      GVariant    **value)
{
  const Condition *condition;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->conditions->len, NULL);

  condition = &g_array_index (self->conditions, Condition, index);
  if (op != NULL)
    *op = condition->op;
  if (value != NULL)
    *value = condition->value;

  return condition->field;
}

static gboolean
condition_equal (const Condition *a,
                 const Condition *b)
{
  if (a->op != b->op || g_strcmp0 (a->field, b->field) != 0)
    return FALSE;
  if (a->value == NULL || b->value == NULL)
    return a->value == b->value;

  return g_variant_equal (a->value, b->value);
}

/**
 * crm_filter_equal:
 * @a: (nullable): a #CrmFilter
 * @b: (nullable): another #CrmFilter
 *
 * Compares two filters condition by condition, in order: field, comparison
 * and value. Two %NULL filters are equal.
 *
 * Returns: %TRUE if @a and @b hold the same conditions
 */
gboolean
crm_filter_equal (CrmFilter *a,
                  CrmFilter *b)
{
  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL || a->conditions->len != b->conditions->len)
    return FALSE;

  for (guint i = 0; i < a->conditions->len; i++)
    {
      if (!condition_equal (&g_array_index (a->conditions, Condition, i),
                            &g_array_index (b->conditions, Condition, i)))
        return FALSE;
    }

  return TRUE;
}
