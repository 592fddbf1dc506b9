/* crm-filter.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-filter.h"

/**
 * CrmFilter:
 *
 * A filter over one kind of record: a tree of "all of", "any of" and "not"
 * groups whose leaves compare one field each. It is kept as a compact text
 * expression, such as
 *
 * |[
 * owner is me and (status is "New Lead" or tags has any of ("pilot"))
 * ]|
 *
 * and crm_filter_to_string() prints a parsed expression back in the same
 * words, so a saved list's text round-trips exactly. The store compiles a
 * filter to SQL with bound parameters only.
 */

struct _CrmFilter
{
  gatomicrefcount  ref_count;
  CrmFilterNode    node;

  /* groups */
  GPtrArray       *children;

  /* conditions */
  char            *field;
  CrmFilterOp      op;
  GVariant        *value;
};

G_DEFINE_BOXED_TYPE (CrmFilter, crm_filter, crm_filter_ref, crm_filter_unref)
G_DEFINE_QUARK (crm-filter-error-quark, crm_filter_error)

#define DATE_TYPE G_VARIANT_TYPE ("(qyy)")

static const char * const op_words[] = {
  [CRM_FILTER_OP_IS] = "is",
  [CRM_FILTER_OP_IS_NOT] = "is not",
  [CRM_FILTER_OP_IS_ME] = "is me",
  [CRM_FILTER_OP_CONTAINS] = "contains",
  [CRM_FILTER_OP_NOT_CONTAINS] = "does not contain",
  [CRM_FILTER_OP_IS_EMPTY] = "is empty",
  [CRM_FILTER_OP_IS_PRESENT] = "is present",
  [CRM_FILTER_OP_IS_ONE_OF] = "is one of",
  [CRM_FILTER_OP_LESS] = "<",
  [CRM_FILTER_OP_GREATER] = ">",
  [CRM_FILTER_OP_LESS_EQUAL] = "<=",
  [CRM_FILTER_OP_GREATER_EQUAL] = ">=",
  [CRM_FILTER_OP_BETWEEN] = "between",
  [CRM_FILTER_OP_ON] = "on",
  [CRM_FILTER_OP_BEFORE] = "before",
  [CRM_FILTER_OP_AFTER] = "after",
  [CRM_FILTER_OP_WITHIN_DAYS] = "within",
  [CRM_FILTER_OP_HAS_ANY] = "has any of",
  [CRM_FILTER_OP_HAS_ALL] = "has all of",
  [CRM_FILTER_OP_HAS_NONE] = "has none of",
};

/**
 * crm_filter_op_to_string:
 * @op: a comparison
 *
 * Returns: the words of @op in the expression language, such as
 *   "does not contain"
 */
const char *
crm_filter_op_to_string (CrmFilterOp op)
{
  g_return_val_if_fail (op < G_N_ELEMENTS (op_words), NULL);

  return op_words[op];
}

/**
 * crm_filter_op_takes_value:
 * @op: a comparison
 *
 * Returns: whether a condition with @op compares with a value
 */
gboolean
crm_filter_op_takes_value (CrmFilterOp op)
{
  return op != CRM_FILTER_OP_IS_ME &&
         op != CRM_FILTER_OP_IS_EMPTY &&
         op != CRM_FILTER_OP_IS_PRESENT;
}

/**
 * crm_filter_value_new_date:
 * @date: a valid date
 *
 * Dates in filters are their own kind of value, so that they print as
 * dates (`2025-06-30`) and not as text.
 *
 * Returns: (transfer floating): the value
 */
GVariant *
crm_filter_value_new_date (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), NULL);

  return g_variant_new ("(qyy)", (guint16) g_date_get_year (date),
                        (guint8) g_date_get_month (date), (guint8) g_date_get_day (date));
}

/**
 * crm_filter_value_is_date:
 * @value: a filter value
 *
 * Returns: whether @value is a date made by crm_filter_value_new_date()
 */
gboolean
crm_filter_value_is_date (GVariant *value)
{
  return value != NULL && g_variant_is_of_type (value, DATE_TYPE);
}

/**
 * crm_filter_value_dup_date:
 * @value: a date value
 *
 * Returns: (transfer full): the date (free with g_date_free())
 */
GDate *
crm_filter_value_dup_date (GVariant *value)
{
  guint16 year;
  guint8 month, day;

  g_return_val_if_fail (crm_filter_value_is_date (value), NULL);

  g_variant_get (value, "(qyy)", &year, &month, &day);
  return g_date_new_dmy (day, month, year);
}

/**
 * crm_filter_new_group:
 * @node: %CRM_FILTER_NODE_ALL, %CRM_FILTER_NODE_ANY or %CRM_FILTER_NODE_NOT
 *
 * Returns: (transfer full): an empty group
 */
CrmFilter *
crm_filter_new_group (CrmFilterNode node)
{
  CrmFilter *self;

  g_return_val_if_fail (node != CRM_FILTER_NODE_CONDITION, NULL);

  self = g_new0 (CrmFilter, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->node = node;
  self->children = g_ptr_array_new_with_free_func ((GDestroyNotify) crm_filter_unref);

  return self;
}

/**
 * crm_filter_new:
 *
 * Returns: (transfer full): a filter with no conditions, which every
 *   record meets; crm_filter_add() adds conditions that must all hold
 */
CrmFilter *
crm_filter_new (void)
{
  return crm_filter_new_group (CRM_FILTER_NODE_ALL);
}

/**
 * crm_filter_new_condition:
 * @field: the field, such as `status` or `attr.industry`
 * @op: the comparison
 * @value: (nullable): the value, taken over if floating; %NULL exactly when
 *   @op takes none
 *
 * Returns: (transfer full): a condition
 */
CrmFilter *
crm_filter_new_condition (const char  *field,
                          CrmFilterOp  op,
                          GVariant    *value)
{
  CrmFilter *self;

  g_return_val_if_fail (field != NULL && *field != '\0', NULL);
  g_return_val_if_fail (op < G_N_ELEMENTS (op_words), NULL);
  g_return_val_if_fail (crm_filter_op_takes_value (op) == (value != NULL), NULL);

  self = g_new0 (CrmFilter, 1);
  g_atomic_ref_count_init (&self->ref_count);
  self->node = CRM_FILTER_NODE_CONDITION;
  self->field = g_strdup (field);
  self->op = op;
  self->value = value != NULL ? g_variant_ref_sink (value) : NULL;

  return self;
}

/**
 * crm_filter_ref:
 * @self: a #CrmFilter
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
 */
void
crm_filter_unref (CrmFilter *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_clear_pointer (&self->children, g_ptr_array_unref);
  g_clear_pointer (&self->value, g_variant_unref);
  g_free (self->field);
  g_free (self);
}

/**
 * crm_filter_copy:
 * @self: a #CrmFilter
 *
 * Returns: (transfer full): a deep copy, to change without touching @self
 */
CrmFilter *
crm_filter_copy (CrmFilter *self)
{
  CrmFilter *copy;

  g_return_val_if_fail (self != NULL, NULL);

  if (self->node == CRM_FILTER_NODE_CONDITION)
    return crm_filter_new_condition (self->field, self->op, self->value);

  copy = crm_filter_new_group (self->node);
  for (guint i = 0; i < self->children->len; i++)
    g_ptr_array_add (copy->children, crm_filter_copy (g_ptr_array_index (self->children, i)));

  return copy;
}

/**
 * crm_filter_append:
 * @self: a group
 * @child: a condition or group to add (a reference is taken)
 */
void
crm_filter_append (CrmFilter *self,
                   CrmFilter *child)
{
  g_return_if_fail (self != NULL && self->node != CRM_FILTER_NODE_CONDITION);
  g_return_if_fail (child != NULL && child != self);
  g_return_if_fail (self->node != CRM_FILTER_NODE_NOT || self->children->len == 0);

  g_ptr_array_add (self->children, crm_filter_ref (child));
}

/**
 * crm_filter_add:
 * @self: a group
 * @field: the field
 * @op: the comparison
 * @value: (nullable): the value, as for crm_filter_new_condition()
 *
 * Appends a condition to the group.
 */
void
crm_filter_add (CrmFilter   *self,
                const char  *field,
                CrmFilterOp  op,
                GVariant    *value)
{
  g_autoptr(CrmFilter) condition = crm_filter_new_condition (field, op, value);

  g_return_if_fail (condition != NULL);

  crm_filter_append (self, condition);
}

/**
 * crm_filter_remove:
 * @self: a group
 * @index: the child to remove
 */
void
crm_filter_remove (CrmFilter *self,
                   guint      index)
{
  g_return_if_fail (self != NULL && self->node != CRM_FILTER_NODE_CONDITION);
  g_return_if_fail (index < self->children->len);

  g_ptr_array_remove_index (self->children, index);
}

/**
 * crm_filter_get_node:
 * @self: a #CrmFilter
 *
 * Returns: what @self is
 */
CrmFilterNode
crm_filter_get_node (CrmFilter *self)
{
  g_return_val_if_fail (self != NULL, CRM_FILTER_NODE_ALL);

  return self->node;
}

/**
 * crm_filter_get_n_children:
 * @self: a #CrmFilter
 *
 * Returns: the number of children of a group; 0 for a condition
 */
guint
crm_filter_get_n_children (CrmFilter *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->children != NULL ? self->children->len : 0;
}

/**
 * crm_filter_get_child:
 * @self: a group
 * @index: the child
 *
 * Returns: (transfer none): the child at @index
 */
CrmFilter *
crm_filter_get_child (CrmFilter *self,
                      guint      index)
{
  g_return_val_if_fail (self != NULL && self->children != NULL, NULL);
  g_return_val_if_fail (index < self->children->len, NULL);

  return g_ptr_array_index (self->children, index);
}

/**
 * crm_filter_get_field:
 * @self: a condition
 * @op: (out) (optional): the comparison
 * @value: (out) (optional) (nullable) (transfer none): the value
 *
 * Returns: the field the condition compares
 */
const char *
crm_filter_get_field (CrmFilter    *self,
                      CrmFilterOp  *op,
                      GVariant    **value)
{
  g_return_val_if_fail (self != NULL && self->node == CRM_FILTER_NODE_CONDITION, NULL);

  if (op != NULL)
    *op = self->op;
  if (value != NULL)
    *value = self->value;

  return self->field;
}

/**
 * crm_filter_is_empty:
 * @self: (nullable): a #CrmFilter
 *
 * Returns: whether @self has no condition at all, so every record meets it
 */
gboolean
crm_filter_is_empty (CrmFilter *self)
{
  if (self == NULL)
    return TRUE;

  if (self->node == CRM_FILTER_NODE_CONDITION)
    return FALSE;

  for (guint i = 0; i < self->children->len; i++)
    if (!crm_filter_is_empty (g_ptr_array_index (self->children, i)))
      return FALSE;

  return TRUE;
}

/**
 * crm_filter_equal:
 * @a: (nullable): a #CrmFilter
 * @b: (nullable): another
 *
 * Two filters are equal when they print the same; two %NULL are equal.
 *
 * Returns: whether @a and @b select the same way
 */
gboolean
crm_filter_equal (CrmFilter *a,
                  CrmFilter *b)
{
  g_autofree char *text_a = NULL;
  g_autofree char *text_b = NULL;

  if (a == b)
    return TRUE;
  if (a == NULL || b == NULL)
    return FALSE;

  text_a = crm_filter_to_string (a);
  text_b = crm_filter_to_string (b);
  return g_str_equal (text_a, text_b);
}

/* Printing */

static void
print_string (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        default:
          g_string_append_c (out, *p);
        }
    }
  g_string_append_c (out, '"');
}

static void
print_value (GString  *out,
             GVariant *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (crm_filter_value_is_date (value))
    {
      guint16 year;
      guint8 month, day;

      g_variant_get (value, "(qyy)", &year, &month, &day);
      g_string_append_printf (out, "%04u-%02u-%02u", year, month, day);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    print_string (out, g_variant_get_string (value, NULL));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, g_variant_get_double (value)));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    g_string_append (out, g_variant_get_boolean (value) ? "true" : "false");
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      print_value (out, inner);
    }
  else if (g_variant_is_container (value))
    {
      gboolean is_list = g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY);

      g_string_append (out, is_list ? "(" : "");
      for (gsize i = 0; i < g_variant_n_children (value); i++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (value, i);

          if (i > 0)
            g_string_append (out, is_list ? ", " : " and ");
          print_value (out, item);
        }
      g_string_append (out, is_list ? ")" : "");
    }
}

static gboolean
is_number (GVariant *value)
{
  return value != NULL &&
         (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ||
          g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE));
}

static void
print_condition (GString   *out,
                 CrmFilter *self)
{
  const char *op = op_words[self->op];

  /* Numbers read better with symbols: `seats = 5`, `seats != 5`. */
  if (self->op == CRM_FILTER_OP_IS && is_number (self->value))
    op = "=";
  else if (self->op == CRM_FILTER_OP_IS_NOT && is_number (self->value))
    op = "!=";

  g_string_append_printf (out, "%s %s", self->field, op);
  if (self->value != NULL)
    {
      g_string_append_c (out, ' ');
      print_value (out, self->value);
    }
  if (self->op == CRM_FILTER_OP_WITHIN_DAYS)
    g_string_append (out, " days");
}

typedef enum
{
  IN_TOP,
  IN_ALL,
  IN_ANY,
  IN_NOT,
} Context;

/* "and" binds tighter than "or", so only an "or" group inside an "and", and
 * any group of several under "not", need parentheses. */
static void
print_node (GString   *out,
            CrmFilter *self,
            Context    context)
{
  Context inner;
  guint n_present = 0;
  guint printed = 0;
  gsize start;

  if (self->node == CRM_FILTER_NODE_CONDITION)
    {
      print_condition (out, self);
      return;
    }

  if (self->node == CRM_FILTER_NODE_NOT)
    {
      if (crm_filter_is_empty (self))
        return;
      g_string_append (out, "not ");
      print_node (out, g_ptr_array_index (self->children, 0), IN_NOT);
      return;
    }

  inner = self->node == CRM_FILTER_NODE_ALL ? IN_ALL : IN_ANY;
  for (guint i = 0; i < self->children->len; i++)
    n_present += !crm_filter_is_empty (g_ptr_array_index (self->children, i));

  /* A group of one is just its child. */
  if (n_present == 1)
    inner = context;

  start = out->len;
  for (guint i = 0; i < self->children->len; i++)
    {
      CrmFilter *child = g_ptr_array_index (self->children, i);

      if (crm_filter_is_empty (child))
        continue;
      if (printed++ > 0)
        g_string_append (out, self->node == CRM_FILTER_NODE_ALL ? " and " : " or ");
      print_node (out, child, inner);
    }

  if (n_present > 1 &&
      (context == IN_NOT || (context == IN_ALL && self->node == CRM_FILTER_NODE_ANY)))
    {
      g_string_insert_c (out, start, '(');
      g_string_append_c (out, ')');
    }
}

/**
 * crm_filter_to_string:
 * @self: a #CrmFilter
 *
 * Returns: (transfer full): the filter's expression; "" when it has no
 *   condition
 */
char *
crm_filter_to_string (CrmFilter *self)
{
  GString *out;

  g_return_val_if_fail (self != NULL, NULL);

  out = g_string_new (NULL);
  print_node (out, self, IN_TOP);
  return g_string_free (out, FALSE);
}
