/* crm-filter-fields.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-filter-fields.h"

/* The fields filters know, per kind of record. Labels are marked for
 * translation here and translated where they are shown. */

static const CrmFieldInfo customer_fields[] = {
  { "name", NC_("field", "Name"), CRM_FIELD_TEXT },
  { "company", NC_("field", "Company"), CRM_FIELD_TEXT },
  { "email", NC_("field", "Email"), CRM_FIELD_TEXT },
  { "status", NC_("field", "Status"), CRM_FIELD_TEXT },
  { "owner", NC_("field", "Owner"), CRM_FIELD_PERSON },
  { "website", NC_("field", "Website"), CRM_FIELD_TEXT },
  { "linkedin", NC_("field", "LinkedIn"), CRM_FIELD_TEXT },
  { "street", NC_("field", "Street"), CRM_FIELD_TEXT },
  { "city", NC_("field", "City"), CRM_FIELD_TEXT },
  { "zip", NC_("field", "Postal code"), CRM_FIELD_TEXT },
  { "state", NC_("field", "State"), CRM_FIELD_TEXT },
  { "country", NC_("field", "Country"), CRM_FIELD_TEXT },
  { "tags", NC_("field", "Tags"), CRM_FIELD_TAGS },
  { "lead_created_at", NC_("field", "Lead created"), CRM_FIELD_TIMESTAMP },
  { "free_trial_started_at", NC_("field", "Trial started"), CRM_FIELD_TIMESTAMP },
  { "customer_since", NC_("field", "Customer since"), CRM_FIELD_TIMESTAMP },
  { "created_at", NC_("field", "Created"), CRM_FIELD_TIMESTAMP },
  { "last_activity", NC_("field", "Last activity"), CRM_FIELD_TIMESTAMP },
  { "idle_since", NC_("field", "Idle since"), CRM_FIELD_TIMESTAMP },
  { "has_open_tasks", NC_("field", "Has open tasks"), CRM_FIELD_BOOLEAN },
};

static const CrmFieldInfo opportunity_fields[] = {
  { "name", NC_("field", "Name"), CRM_FIELD_TEXT },
  { "owner", NC_("field", "Owner"), CRM_FIELD_PERSON },
  { "pipeline", NC_("field", "Pipeline"), CRM_FIELD_TEXT },
  { "stage", NC_("field", "Stage"), CRM_FIELD_TEXT },
  { "amount_minor", NC_("field", "Amount (minor units)"), CRM_FIELD_NUMBER },
  { "currency", NC_("field", "Currency"), CRM_FIELD_TEXT },
  { "close_on", NC_("field", "Close date"), CRM_FIELD_DATE },
  { "type", NC_("field", "Type"), CRM_FIELD_TEXT },
  { "forecast_category", NC_("field", "Forecast category"), CRM_FIELD_TEXT },
  { "win_likelihood", NC_("field", "Win likelihood"), CRM_FIELD_NUMBER },
  { "closed_on", NC_("field", "Closed"), CRM_FIELD_TIMESTAMP },
  { "lost_reason", NC_("field", "Lost reason"), CRM_FIELD_TEXT },
  { "customer_id", NC_("field", "Customer"), CRM_FIELD_NUMBER },
};

static const CrmFieldInfo task_fields[] = {
  { "details", NC_("field", "Task"), CRM_FIELD_TEXT },
  { "kind", NC_("field", "Kind"), CRM_FIELD_TEXT },
  { "assignee", NC_("field", "Assignee"), CRM_FIELD_PERSON },
  { "due_on", NC_("field", "Due"), CRM_FIELD_DATE },
  { "completed_at", NC_("field", "Completed"), CRM_FIELD_TIMESTAMP },
  { "done", NC_("field", "Done"), CRM_FIELD_BOOLEAN },
  { "customer_id", NC_("field", "Customer"), CRM_FIELD_NUMBER },
};

static const CrmFieldInfo child_fields[] = {
  { "customer_id", NC_("field", "Customer"), CRM_FIELD_NUMBER },
  { "kind", NC_("field", "Kind"), CRM_FIELD_TEXT },
  { "occurred_at", NC_("field", "Date"), CRM_FIELD_TIMESTAMP },
  { "email", NC_("field", "Email"), CRM_FIELD_TEXT },
};

static const CrmFieldInfo custom_field = { NULL, NC_("field", "Custom attribute"),
                                           CRM_FIELD_CUSTOM };

/**
 * crm_filter_fields_get:
 * @kind: a kind of record
 * @n_fields: (out): the number of fields
 *
 * Returns: (array length=n_fields): the built-in fields of @kind; custom
 *   attributes come on top (`attr.KEY` for customers, `custom.KEY` for
 *   contacts and opportunities)
 */
const CrmFieldInfo *
crm_filter_fields_get (CrmEntityKind  kind,
                       guint         *n_fields)
{
  g_return_val_if_fail (n_fields != NULL, NULL);

  switch (kind)
    {
    case CRM_ENTITY_CUSTOMER:
      *n_fields = G_N_ELEMENTS (customer_fields);
      return customer_fields;
    case CRM_ENTITY_OPPORTUNITY:
      *n_fields = G_N_ELEMENTS (opportunity_fields);
      return opportunity_fields;
    case CRM_ENTITY_TASK:
      *n_fields = G_N_ELEMENTS (task_fields);
      return task_fields;
    case CRM_ENTITY_CONTACT:
    case CRM_ENTITY_ACTIVITY:
    case CRM_ENTITY_PIPELINE:
    case CRM_ENTITY_STAGE:
    case CRM_ENTITY_TEMPLATE:
    case CRM_ENTITY_SAVED_LIST:
    case CRM_N_ENTITIES:
    default:
      *n_fields = G_N_ELEMENTS (child_fields);
      return child_fields;
    }
}

/**
 * crm_filter_fields_custom_key:
 * @kind: a kind of record
 * @name: a field name
 *
 * Returns: (nullable): the attribute key when @name names a custom
 *   attribute of @kind (letters, digits and underscores), else %NULL
 */
const char *
crm_filter_fields_custom_key (CrmEntityKind  kind,
                              const char    *name)
{
  const char *prefix = kind == CRM_ENTITY_CUSTOMER ? "attr." : "custom.";
  const char *key;

  g_return_val_if_fail (name != NULL, NULL);

  if (kind != CRM_ENTITY_CUSTOMER && kind != CRM_ENTITY_OPPORTUNITY &&
      kind != CRM_ENTITY_CONTACT)
    return NULL;

  if (!g_str_has_prefix (name, prefix))
    return NULL;

  key = name + strlen (prefix);
  if (*key == '\0')
    return NULL;

  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return NULL;

  return key;
}

/**
 * crm_filter_fields_lookup:
 * @kind: a kind of record
 * @name: a field name
 *
 * Returns: (nullable): the field, or %NULL when @kind has none of that name
 */
const CrmFieldInfo *
crm_filter_fields_lookup (CrmEntityKind  kind,
                          const char    *name)
{
  const CrmFieldInfo *fields;
  guint n;

  g_return_val_if_fail (name != NULL, NULL);

  if (crm_filter_fields_custom_key (kind, name) != NULL)
    return &custom_field;

  fields = crm_filter_fields_get (kind, &n);
  for (guint i = 0; i < n; i++)
    if (g_str_equal (fields[i].name, name))
      return &fields[i];

  return NULL;
}

/**
 * crm_filter_fields_allows:
 * @type: a field's type
 * @op: a comparison
 *
 * Returns: whether fields of @type can be compared with @op
 */
gboolean
crm_filter_fields_allows (CrmFieldType type,
                          CrmFilterOp  op)
{
  switch (op)
    {
    case CRM_FILTER_OP_IS:
    case CRM_FILTER_OP_IS_NOT:
      return type != CRM_FIELD_TAGS;
    case CRM_FILTER_OP_IS_EMPTY:
    case CRM_FILTER_OP_IS_PRESENT:
      return type != CRM_FIELD_BOOLEAN;
    case CRM_FILTER_OP_IS_ME:
      return type == CRM_FIELD_PERSON;
    case CRM_FILTER_OP_CONTAINS:
    case CRM_FILTER_OP_NOT_CONTAINS:
    case CRM_FILTER_OP_IS_ONE_OF:
      return type == CRM_FIELD_TEXT || type == CRM_FIELD_PERSON || type == CRM_FIELD_CUSTOM;
    case CRM_FILTER_OP_LESS:
    case CRM_FILTER_OP_GREATER:
    case CRM_FILTER_OP_LESS_EQUAL:
    case CRM_FILTER_OP_GREATER_EQUAL:
      return type == CRM_FIELD_NUMBER || type == CRM_FIELD_CUSTOM;
    case CRM_FILTER_OP_BETWEEN:
      return type == CRM_FIELD_NUMBER || type == CRM_FIELD_DATE ||
             type == CRM_FIELD_TIMESTAMP || type == CRM_FIELD_CUSTOM;
    case CRM_FILTER_OP_ON:
    case CRM_FILTER_OP_BEFORE:
    case CRM_FILTER_OP_AFTER:
    case CRM_FILTER_OP_WITHIN_DAYS:
      return type == CRM_FIELD_DATE || type == CRM_FIELD_TIMESTAMP ||
             type == CRM_FIELD_CUSTOM;
    case CRM_FILTER_OP_HAS_ANY:
    case CRM_FILTER_OP_HAS_ALL:
    case CRM_FILTER_OP_HAS_NONE:
      return type == CRM_FIELD_TAGS;
    default:
      return FALSE;
    }
}

static gboolean
value_fits (CrmFieldType  type,
            CrmFilterOp   op,
            GVariant     *value)
{
  gboolean number = g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) ||
                    g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE);
  gboolean date = crm_filter_value_is_date (value);

  switch (op)
    {
    case CRM_FILTER_OP_IS_ONE_OF:
    case CRM_FILTER_OP_HAS_ANY:
    case CRM_FILTER_OP_HAS_ALL:
    case CRM_FILTER_OP_HAS_NONE:
      return g_variant_is_of_type (value, G_VARIANT_TYPE ("av")) &&
             g_variant_n_children (value) > 0;
    case CRM_FILTER_OP_BETWEEN:
      return g_variant_is_of_type (value, G_VARIANT_TYPE ("(vv)"));
    case CRM_FILTER_OP_WITHIN_DAYS:
      return g_variant_is_of_type (value, G_VARIANT_TYPE_INT64) &&
             g_variant_get_int64 (value) >= 0;
    case CRM_FILTER_OP_ON:
    case CRM_FILTER_OP_BEFORE:
    case CRM_FILTER_OP_AFTER:
      return date;
    case CRM_FILTER_OP_LESS:
    case CRM_FILTER_OP_GREATER:
    case CRM_FILTER_OP_LESS_EQUAL:
    case CRM_FILTER_OP_GREATER_EQUAL:
      return number;
    case CRM_FILTER_OP_IS:
    case CRM_FILTER_OP_IS_NOT:
      switch (type)
        {
        case CRM_FIELD_NUMBER:
          return number;
        case CRM_FIELD_BOOLEAN:
          return g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN);
        case CRM_FIELD_DATE:
        case CRM_FIELD_TIMESTAMP:
          return date;
        case CRM_FIELD_CUSTOM:
          return TRUE;
        default:
          return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);
        }
    case CRM_FILTER_OP_CONTAINS:
    case CRM_FILTER_OP_NOT_CONTAINS:
      return g_variant_is_of_type (value, G_VARIANT_TYPE_STRING);
    default:
      return TRUE;
    }
}

static gboolean
check_condition (CrmFilter      *condition,
                 CrmEntityKind   kind,
                 GError        **error)
{
  const CrmFieldInfo *info;
  GVariant *value = NULL;
  CrmFilterOp op;
  const char *field = crm_filter_get_field (condition, &op, &value);

  info = crm_filter_fields_lookup (kind, field);
  if (info == NULL)
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_FIELD,
                   _("There is no field “%s”"), field);
      return FALSE;
    }

  if (!crm_filter_fields_allows (info->type, op))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_OPERATOR,
                   _("“%s” cannot be compared with “%s”"), field,
                   crm_filter_op_to_string (op));
      return FALSE;
    }

  if (value != NULL && !value_fits (info->type, op, value))
    {
      g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_VALUE,
                   _("The value for “%s %s” does not fit"), field,
                   crm_filter_op_to_string (op));
      return FALSE;
    }

  return TRUE;
}

/**
 * crm_filter_check:
 * @filter: a filter
 * @kind: the kind of record it filters
 * @error: return location for a #GError
 *
 * Checks that every field exists for @kind and fits its comparison and
 * value.
 *
 * Returns: %TRUE when the store can run @filter
 */
gboolean
crm_filter_check (CrmFilter      *filter,
                  CrmEntityKind   kind,
                  GError        **error)
{
  g_return_val_if_fail (filter != NULL, FALSE);

  if (crm_filter_get_node (filter) == CRM_FILTER_NODE_CONDITION)
    return check_condition (filter, kind, error);

  for (guint i = 0; i < crm_filter_get_n_children (filter); i++)
    if (!crm_filter_check (crm_filter_get_child (filter, i), kind, error))
      return FALSE;

  return TRUE;
}
