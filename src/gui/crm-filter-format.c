/* crm-filter-format.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter-format"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "crm-date.h"
#include "crm-filter-format.h"
#include "crm-status.h"

/* How the filter bar puts conditions in words, and which comparisons and
 * value editors it offers: plain functions, tested without a display. */

/* The comparisons offered per type, in menu order. Dates use "on" rather
 * than "is", which means the same. */
static const CrmFilterOp text_ops[] = {
  CRM_FILTER_OP_IS, CRM_FILTER_OP_IS_NOT, CRM_FILTER_OP_CONTAINS,
  CRM_FILTER_OP_NOT_CONTAINS, CRM_FILTER_OP_IS_ONE_OF, CRM_FILTER_OP_IS_EMPTY,
  CRM_FILTER_OP_IS_PRESENT,
};

static const CrmFilterOp person_ops[] = {
  CRM_FILTER_OP_IS_ME, CRM_FILTER_OP_IS, CRM_FILTER_OP_IS_NOT, CRM_FILTER_OP_CONTAINS,
  CRM_FILTER_OP_IS_ONE_OF, CRM_FILTER_OP_IS_EMPTY, CRM_FILTER_OP_IS_PRESENT,
};

static const CrmFilterOp number_ops[] = {
  CRM_FILTER_OP_IS, CRM_FILTER_OP_IS_NOT, CRM_FILTER_OP_LESS, CRM_FILTER_OP_GREATER,
  CRM_FILTER_OP_LESS_EQUAL, CRM_FILTER_OP_GREATER_EQUAL, CRM_FILTER_OP_BETWEEN,
  CRM_FILTER_OP_IS_EMPTY, CRM_FILTER_OP_IS_PRESENT,
};

static const CrmFilterOp date_ops[] = {
  CRM_FILTER_OP_WITHIN_DAYS, CRM_FILTER_OP_ON, CRM_FILTER_OP_BEFORE, CRM_FILTER_OP_AFTER,
  CRM_FILTER_OP_BETWEEN, CRM_FILTER_OP_IS_EMPTY, CRM_FILTER_OP_IS_PRESENT,
};

static const CrmFilterOp boolean_ops[] = {
  CRM_FILTER_OP_IS,
};

static const CrmFilterOp tags_ops[] = {
  CRM_FILTER_OP_HAS_ANY, CRM_FILTER_OP_HAS_ALL, CRM_FILTER_OP_HAS_NONE,
  CRM_FILTER_OP_IS_EMPTY, CRM_FILTER_OP_IS_PRESENT,
};

static const CrmFilterOp custom_ops[] = {
  CRM_FILTER_OP_IS, CRM_FILTER_OP_IS_NOT, CRM_FILTER_OP_CONTAINS,
  CRM_FILTER_OP_NOT_CONTAINS, CRM_FILTER_OP_IS_ONE_OF, CRM_FILTER_OP_LESS,
  CRM_FILTER_OP_GREATER, CRM_FILTER_OP_LESS_EQUAL, CRM_FILTER_OP_GREATER_EQUAL,
  CRM_FILTER_OP_BETWEEN, CRM_FILTER_OP_ON, CRM_FILTER_OP_BEFORE, CRM_FILTER_OP_AFTER,
  CRM_FILTER_OP_WITHIN_DAYS, CRM_FILTER_OP_IS_EMPTY, CRM_FILTER_OP_IS_PRESENT,
};

/**
 * crm_filter_format_get_ops:
 * @type: a field's type
 * @n_ops: (out): the number of comparisons
 *
 * Returns: (array length=n_ops) (transfer none): the comparisons the
 *   filter bar offers for @type, each one crm_filter_fields_allows()
 */
const CrmFilterOp *
crm_filter_format_get_ops (CrmFieldType  type,
                           guint        *n_ops)
{
  g_return_val_if_fail (n_ops != NULL, NULL);

#define RETURN_OPS(ops) G_STMT_START { *n_ops = G_N_ELEMENTS (ops); return ops; } G_STMT_END

  switch (type)
    {
    case CRM_FIELD_PERSON:
      RETURN_OPS (person_ops);
    case CRM_FIELD_NUMBER:
      RETURN_OPS (number_ops);
    case CRM_FIELD_DATE:
    case CRM_FIELD_TIMESTAMP:
      RETURN_OPS (date_ops);
    case CRM_FIELD_BOOLEAN:
      RETURN_OPS (boolean_ops);
    case CRM_FIELD_TAGS:
      RETURN_OPS (tags_ops);
    case CRM_FIELD_CUSTOM:
      RETURN_OPS (custom_ops);
    case CRM_FIELD_TEXT:
    default:
      RETURN_OPS (text_ops);
    }

#undef RETURN_OPS
}

/**
 * crm_filter_format_op:
 * @op: a comparison
 * @type: the type of the field compared
 *
 * Returns: (transfer none): the comparison in words, translated ("is
 *   within the last", "≥")
 */
const char *
crm_filter_format_op (CrmFilterOp  op,
                      CrmFieldType type)
{
  gboolean number = type == CRM_FIELD_NUMBER;

  switch (op)
    {
    case CRM_FILTER_OP_IS:
      return number ? "=" : C_("filter", "is");
    case CRM_FILTER_OP_IS_NOT:
      return number ? "≠" : C_("filter", "is not");
    case CRM_FILTER_OP_IS_ME:
      return C_("filter", "is me");
    case CRM_FILTER_OP_CONTAINS:
      return C_("filter", "contains");
    case CRM_FILTER_OP_NOT_CONTAINS:
      return C_("filter", "does not contain");
    case CRM_FILTER_OP_IS_EMPTY:
      return C_("filter", "is empty");
    case CRM_FILTER_OP_IS_PRESENT:
      return C_("filter", "is present");
    case CRM_FILTER_OP_IS_ONE_OF:
      return C_("filter", "is one of");
    case CRM_FILTER_OP_LESS:
      return "<";
    case CRM_FILTER_OP_GREATER:
      return ">";
    case CRM_FILTER_OP_LESS_EQUAL:
      return "≤";
    case CRM_FILTER_OP_GREATER_EQUAL:
      return "≥";
    case CRM_FILTER_OP_BETWEEN:
      return C_("filter", "is between");
    case CRM_FILTER_OP_ON:
      return C_("filter", "is on");
    case CRM_FILTER_OP_BEFORE:
      return C_("filter", "is before");
    case CRM_FILTER_OP_AFTER:
      return C_("filter", "is after");
    case CRM_FILTER_OP_WITHIN_DAYS:
      return C_("filter", "is within the last");
    case CRM_FILTER_OP_HAS_ANY:
      return C_("filter", "has any of");
    case CRM_FILTER_OP_HAS_ALL:
      return C_("filter", "has all of");
    case CRM_FILTER_OP_HAS_NONE:
      return C_("filter", "has none of");
    default:
      return crm_filter_op_to_string (op);
    }
}

/**
 * crm_filter_format_value_kind:
 * @field: the field's name
 * @type: its type
 * @op: the comparison
 *
 * Returns: what a person types to compare @field with @op
 */
CrmFilterValueKind
crm_filter_format_value_kind (const char   *field,
                              CrmFieldType  type,
                              CrmFilterOp   op)
{
  gboolean dates = type == CRM_FIELD_DATE || type == CRM_FIELD_TIMESTAMP;

  if (!crm_filter_op_takes_value (op))
    return CRM_FILTER_VALUE_NONE;

  switch (op)
    {
    case CRM_FILTER_OP_IS_ONE_OF:
    case CRM_FILTER_OP_HAS_ANY:
    case CRM_FILTER_OP_HAS_ALL:
    case CRM_FILTER_OP_HAS_NONE:
      return CRM_FILTER_VALUE_LIST;
    case CRM_FILTER_OP_BETWEEN:
      return dates ? CRM_FILTER_VALUE_DATE_RANGE : CRM_FILTER_VALUE_NUMBER_RANGE;
    case CRM_FILTER_OP_ON:
    case CRM_FILTER_OP_BEFORE:
    case CRM_FILTER_OP_AFTER:
      return CRM_FILTER_VALUE_DATE;
    case CRM_FILTER_OP_WITHIN_DAYS:
      return CRM_FILTER_VALUE_DAYS;
    case CRM_FILTER_OP_LESS:
    case CRM_FILTER_OP_GREATER:
    case CRM_FILTER_OP_LESS_EQUAL:
    case CRM_FILTER_OP_GREATER_EQUAL:
      return CRM_FILTER_VALUE_NUMBER;
    case CRM_FILTER_OP_IS:
    case CRM_FILTER_OP_IS_NOT:
      if (type == CRM_FIELD_NUMBER)
        return CRM_FILTER_VALUE_NUMBER;
      if (type == CRM_FIELD_BOOLEAN)
        return CRM_FILTER_VALUE_BOOLEAN;
      if (dates)
        return CRM_FILTER_VALUE_DATE;
      if (type == CRM_FIELD_CUSTOM)
        return CRM_FILTER_VALUE_TYPED;
      if (g_strcmp0 (field, "status") == 0)
        return CRM_FILTER_VALUE_STATUS;
      return CRM_FILTER_VALUE_TEXT;
    default:
      return CRM_FILTER_VALUE_TEXT;
    }
}

/**
 * crm_filter_format_attribute:
 * @key: a custom attribute's key ("last_login")
 *
 * Returns: (transfer full): the key as a label ("Last login")
 */
char *
crm_filter_format_attribute (const char *key)
{
  g_autoptr(GString) label = NULL;

  g_return_val_if_fail (key != NULL, NULL);

  label = g_string_new (key);
  g_string_replace (label, "_", " ", 0);
  if (label->len > 0)
    label->str[0] = g_ascii_toupper (label->str[0]);

  return g_string_free (g_steal_pointer (&label), FALSE);
}

/**
 * crm_filter_format_field:
 * @kind: the kind of record filtered
 * @field: a field's name
 *
 * Returns: (transfer full): the field's translated label, the key of a
 *   custom attribute as a label, or @field itself when unknown
 */
char *
crm_filter_format_field (CrmEntityKind  kind,
                         const char    *field)
{
  const CrmFieldInfo *info;
  const char *key;

  g_return_val_if_fail (field != NULL, NULL);

  key = crm_filter_fields_custom_key (kind, field);
  if (key != NULL)
    return crm_filter_format_attribute (key);

  info = crm_filter_fields_lookup (kind, field);
  if (info == NULL)
    return g_strdup (field);

  return g_strdup (g_dpgettext2 (GETTEXT_PACKAGE, "field", info->label));
}

/* The comparison a "not" makes of a condition, in words. */
static const char *
format_negated_op (CrmFilterOp  op,
                   CrmFieldType type)
{
  gboolean number = type == CRM_FIELD_NUMBER;

  switch (op)
    {
    case CRM_FILTER_OP_IS:
      return number ? "≠" : C_("filter", "is not");
    case CRM_FILTER_OP_IS_NOT:
      return number ? "=" : C_("filter", "is");
    case CRM_FILTER_OP_IS_ME:
      return C_("filter", "is not me");
    case CRM_FILTER_OP_CONTAINS:
      return C_("filter", "does not contain");
    case CRM_FILTER_OP_NOT_CONTAINS:
      return C_("filter", "contains");
    case CRM_FILTER_OP_IS_EMPTY:
      return C_("filter", "is not empty");
    case CRM_FILTER_OP_IS_PRESENT:
      return C_("filter", "is not present");
    case CRM_FILTER_OP_IS_ONE_OF:
      return C_("filter", "is not one of");
    case CRM_FILTER_OP_LESS:
      return C_("filter", "is not <");
    case CRM_FILTER_OP_GREATER:
      return C_("filter", "is not >");
    case CRM_FILTER_OP_LESS_EQUAL:
      return C_("filter", "is not ≤");
    case CRM_FILTER_OP_GREATER_EQUAL:
      return C_("filter", "is not ≥");
    case CRM_FILTER_OP_BETWEEN:
      return C_("filter", "is not between");
    case CRM_FILTER_OP_ON:
      return C_("filter", "is not on");
    case CRM_FILTER_OP_BEFORE:
      return C_("filter", "is not before");
    case CRM_FILTER_OP_AFTER:
      return C_("filter", "is not after");
    case CRM_FILTER_OP_WITHIN_DAYS:
      return C_("filter", "is not within the last");
    case CRM_FILTER_OP_HAS_ANY:
      return C_("filter", "has none of");
    case CRM_FILTER_OP_HAS_ALL:
      return C_("filter", "does not have all of");
    case CRM_FILTER_OP_HAS_NONE:
      return C_("filter", "has any of");
    default:
      return crm_filter_op_to_string (op);
    }
}

static void
append_value (GString    *out,
              const char *field,
              GVariant   *value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      append_value (out, field, inner);
    }
  else if (crm_filter_value_is_date (value))
    {
      g_autoptr(GDate) date = crm_filter_value_dup_date (value);
      char text[64];

      /* TRANSLATORS: a date in a filter, see the strftime() manual */
      if (g_date_strftime (text, sizeof text, _("%-d %b %Y"), date) > 0)
        g_string_append (out, text);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    {
      const char *text = g_variant_get_string (value, NULL);

      g_string_append (out, g_strcmp0 (field, "status") == 0
                            ? crm_status_get_label (text) : text);
    }
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    g_string_append_printf (out, "%" G_GINT64_FORMAT, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    g_string_append (out, g_ascii_dtostr (buffer, sizeof buffer, g_variant_get_double (value)));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    g_string_append (out, g_variant_get_boolean (value) ? _("yes") : _("no"));
  else if (g_variant_is_container (value))
    {
      gboolean is_list = g_variant_is_of_type (value, G_VARIANT_TYPE_ARRAY);

      for (gsize i = 0; i < g_variant_n_children (value); i++)
        {
          g_autoptr(GVariant) item = g_variant_get_child_value (value, i);

          if (i > 0)
            g_string_append (out, is_list ? _(", ") : C_("filter range", " and "));
          append_value (out, field, item);
        }
    }
}

static void
append_condition (GString       *out,
                  CrmFilter     *condition,
                  CrmEntityKind  kind,
                  gboolean       negated)
{
  const CrmFieldInfo *info;
  g_autofree char *label = NULL;
  GVariant *value = NULL;
  CrmFilterOp op;
  const char *field = crm_filter_get_field (condition, &op, &value);
  CrmFieldType type;

  info = crm_filter_fields_lookup (kind, field);
  type = info != NULL ? info->type : CRM_FIELD_TEXT;

  /* The stale-lead condition reads as what it means. */
  if (kind == CRM_ENTITY_CUSTOMER && g_str_equal (field, "idle_since") &&
      op == CRM_FILTER_OP_WITHIN_DAYS && value != NULL &&
      g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    {
      gulong days = (gulong) g_variant_get_int64 (value);

      g_string_append_printf (out,
                              negated
                              ? g_dngettext (GETTEXT_PACKAGE, "No activity in the last %lu day",
                                             "No activity in the last %lu days", days)
                              : g_dngettext (GETTEXT_PACKAGE, "Activity in the last %lu day",
                                             "Activity in the last %lu days", days),
                              days);
      return;
    }

  label = crm_filter_format_field (kind, field);
  g_string_append (out, label);

  /* Booleans read as a statement: "Has open tasks: no". */
  if (type == CRM_FIELD_BOOLEAN && op == CRM_FILTER_OP_IS && value != NULL &&
      g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    {
      gboolean yes = g_variant_get_boolean (value) != negated;

      g_string_append_printf (out, _(": %s"), yes ? _("yes") : _("no"));
      return;
    }

  g_string_append_c (out, ' ');
  g_string_append (out, negated ? format_negated_op (op, type)
                                : crm_filter_format_op (op, type));

  if (value != NULL)
    {
      g_string_append_c (out, ' ');
      append_value (out, field, value);
    }

  if (op == CRM_FILTER_OP_WITHIN_DAYS)
    g_string_append_printf (out, " %s",
                            g_dngettext (GETTEXT_PACKAGE, "day", "days",
                                         (gulong) g_variant_get_int64 (value)));
}

static void
append_node (GString       *out,
             CrmFilter     *node,
             CrmEntityKind  kind,
             gboolean       nested)
{
  CrmFilterNode type = crm_filter_get_node (node);
  guint printed = 0;

  if (type == CRM_FILTER_NODE_CONDITION)
    {
      append_condition (out, node, kind, FALSE);
      return;
    }

  if (type == CRM_FILTER_NODE_NOT)
    {
      CrmFilter *child = crm_filter_get_child (node, 0);

      /* A negated condition reads as one: "Created is not within…". */
      if (crm_filter_get_node (child) == CRM_FILTER_NODE_CONDITION)
        {
          append_condition (out, child, kind, TRUE);
          return;
        }

      g_string_append (out, C_("filter", "not "));
      append_node (out, child, kind, TRUE);
      return;
    }

  if (nested)
    g_string_append_c (out, '(');

  for (guint i = 0; i < crm_filter_get_n_children (node); i++)
    {
      CrmFilter *child = crm_filter_get_child (node, i);

      if (crm_filter_is_empty (child))
        continue;
      if (printed++ > 0)
        g_string_append (out, type == CRM_FILTER_NODE_ANY ? C_("filter", " or ")
                                                          : C_("filter", " and "));
      append_node (out, child, kind, TRUE);
    }

  if (nested)
    g_string_append_c (out, ')');
}

/**
 * crm_filter_format_describe:
 * @node: a condition or a group
 * @kind: the kind of record filtered
 *
 * Puts a filter in words for a person, as the filter bar's chips show it:
 * "Owner is me", "Country is AT or Country is DE".
 *
 * Returns: (transfer full): the description; "" for an empty group
 */
char *
crm_filter_format_describe (CrmFilter     *node,
                            CrmEntityKind  kind)
{
  g_autoptr(GString) out = g_string_new (NULL);
  CrmFilter *single = node;

  g_return_val_if_fail (node != NULL, NULL);

  /* Groups of one say just their child, and the outer group needs no
   * parentheses. */
  while (crm_filter_get_node (single) != CRM_FILTER_NODE_CONDITION &&
         crm_filter_get_node (single) != CRM_FILTER_NODE_NOT &&
         crm_filter_get_n_children (single) == 1)
    single = crm_filter_get_child (single, 0);

  append_node (out, single, kind, FALSE);

  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * crm_filter_format_parse_typed:
 * @text: what a person typed for a custom attribute
 *
 * Custom attributes hold JSON values, which compare by type: "45" finds
 * the number 45, "true" the boolean, anything else the text.
 *
 * Returns: (transfer floating) (nullable): the value, or %NULL for an
 *   empty text
 */
GVariant *
crm_filter_format_parse_typed (const char *text)
{
  g_autofree char *stripped = NULL;
  gint64 number;
  double real;
  char *end = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    return NULL;

  if (g_str_equal (stripped, "true") || g_str_equal (stripped, "false"))
    return g_variant_new_boolean (g_str_equal (stripped, "true"));

  if (g_ascii_string_to_signed (stripped, 10, G_MININT64, G_MAXINT64, &number, NULL))
    return g_variant_new_int64 (number);

  /* Plain decimals only: no hexadecimal, "inf" or "nan". */
  real = g_ascii_strtod (stripped, &end);
  if (end != NULL && *end == '\0' && strspn (stripped, "0123456789.-+eE") == strlen (stripped))
    return g_variant_new_double (real);

  return g_variant_new_string (stripped);
}

/**
 * crm_filter_format_parse_list:
 * @text: texts separated by commas ("pilot, dach")
 * @typed: whether to read each as crm_filter_format_parse_typed() does
 *
 * Returns: (transfer floating) (nullable): the list value (`av`), or
 *   %NULL when @text holds nothing
 */
GVariant *
crm_filter_format_parse_list (const char *text,
                              gboolean    typed)
{
  g_auto(GStrv) parts = NULL;
  GVariantBuilder builder;
  guint n = 0;

  g_return_val_if_fail (text != NULL, NULL);

  parts = g_strsplit (text, ",", -1);
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;

      g_variant_builder_add (&builder, "v",
                             typed ? crm_filter_format_parse_typed (parts[i])
                                   : g_variant_new_string (parts[i]));
      n++;
    }

  if (n == 0)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }

  return g_variant_builder_end (&builder);
}
