/* crm-sync-resource.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-status.h"
#include "crm-sync-resource-private.h"

/*
 * How the five lists of the API map onto the local tables, and the local
 * side of that form: values from rows, fields of mutations, bodies of
 * calls, comparing. The reading of server records is in
 * crm-sync-resource-read.c.
 */

#define PULL CRM_SYNC_FIELD_PULL
#define PUSH CRM_SYNC_FIELD_PUSH
#define CREATE CRM_SYNC_FIELD_CREATE
#define REQUIRED CRM_SYNC_FIELD_REQUIRED

static const CrmSyncField customer_fields[] = {
  { "name", "name", CRM_SYNC_VALUE_TEXT_NN, PUSH },
  { "company", "company", CRM_SYNC_VALUE_TEXT_NN, PUSH },
  { "email", "email", CRM_SYNC_VALUE_TEXT_NN, PUSH },
  { "status", "status", CRM_SYNC_VALUE_STATUS, PUSH },
  { "owner", "owner", CRM_SYNC_VALUE_TEXT, PUSH },
  { "website", "website_url", CRM_SYNC_VALUE_TEXT, PUSH },
  { "city", "city", CRM_SYNC_VALUE_TEXT, PUSH },
  { "zip", "zip", CRM_SYNC_VALUE_TEXT, PUSH },
  { "state", "state", CRM_SYNC_VALUE_TEXT, PUSH },
  { "country", "country", CRM_SYNC_VALUE_COUNTRY, PUSH },
  { "lead_created_at", "lead_created_at", CRM_SYNC_VALUE_TIMESTAMP, PUSH },
  { "free_trial_started_at", "free_trial_started_at", CRM_SYNC_VALUE_TIMESTAMP, PUSH },
  { "customer_since", "customer-since", CRM_SYNC_VALUE_TIMESTAMP, PULL },
  { "attributes", "attributes/custom", CRM_SYNC_VALUE_CUSTOM, PUSH },
  { "tags", "attributes/tags", CRM_SYNC_VALUE_TAGS, PUSH },
  { NULL }
};

static const CrmSyncField contact_fields[] = {
  { "position", "position", CRM_SYNC_VALUE_INT_NN, PUSH },
  { "first_name", "first_name", CRM_SYNC_VALUE_TEXT_NN, PUSH },
  { "last_name", "last_name", CRM_SYNC_VALUE_TEXT_NN, PUSH },
  { "title", "title", CRM_SYNC_VALUE_TEXT, PUSH },
  { "email", "email", CRM_SYNC_VALUE_TEXT, PUSH },
  { "phone", "phone", CRM_SYNC_VALUE_TEXT, PUSH },
  { "linkedin", "linked_in", CRM_SYNC_VALUE_TEXT, PUSH },
  { "twitter", "twitter", CRM_SYNC_VALUE_TEXT, PUSH },
  { "notes", "notes", CRM_SYNC_VALUE_TEXT, PUSH },
  { "custom", "custom", CRM_SYNC_VALUE_OBJECT, PULL },
  { NULL }
};

static const CrmSyncField note_fields[] = {
  { "kind", "type", CRM_SYNC_VALUE_CHOICE, CREATE, "note|call" },
  { "body", "text", CRM_SYNC_VALUE_TEXT_NN, PUSH },
  { "call_duration", "call_duration", CRM_SYNC_VALUE_DURATION, PUSH },
  { "occurred_at", "created_at", CRM_SYNC_VALUE_TIMESTAMP, PUSH | REQUIRED },
  { NULL }
};

static const CrmSyncField opportunity_fields[] = {
  { "owner", "owner", CRM_SYNC_VALUE_TEXT, PUSH },
  { "pipeline", "pipeline", CRM_SYNC_VALUE_TEXT_NN, PUSH | REQUIRED },
  { "stage", "pipeline_stage", CRM_SYNC_VALUE_TEXT_NN, PUSH | REQUIRED },
  { "close_on", "estimated_close_date", CRM_SYNC_VALUE_DATE, PUSH },
  { "currency", "currency", CRM_SYNC_VALUE_CURRENCY, PUSH | REQUIRED },
  { "amount_minor", "amount_in_cents", CRM_SYNC_VALUE_INT_NN, PUSH },
  { "type", "type", CRM_SYNC_VALUE_CHOICE, PUSH, "recurring|one-time" },
  { "forecast_category", "forecast_category", CRM_SYNC_VALUE_TEXT, PUSH },
  { "win_likelihood", "win_likelihood", CRM_SYNC_VALUE_PERCENT, PUSH },
  { "custom", "custom", CRM_SYNC_VALUE_OBJECT, PULL },
  { NULL }
};

static const CrmSyncField task_fields[] = {
  { "details", "task_details", CRM_SYNC_VALUE_TEXT_NN, PUSH | REQUIRED },
  { "assignee", "assignee", CRM_SYNC_VALUE_TEXT, PUSH },
  { "due_on", "due_date", CRM_SYNC_VALUE_DATE, PUSH },
  { "completed_at", "completed_at", CRM_SYNC_VALUE_TIMESTAMP, PUSH },
  { NULL }
};

/* In the order a pull reads them: customers before what belongs to them. */
static const CrmSyncResource resources[] = {
  { CRM_ENTITY_CUSTOMER, "customer", "customers", "uuid", FALSE, customer_fields },
  { CRM_ENTITY_CONTACT, "contact", "contacts", "uuid", TRUE, contact_fields },
  { CRM_ENTITY_ACTIVITY, "note", "customer_notes", "uuid", TRUE, note_fields },
  { CRM_ENTITY_OPPORTUNITY, "opportunity", "opportunities", "uuid", TRUE, opportunity_fields },
  { CRM_ENTITY_TASK, "task", "tasks", "task_uuid", TRUE, task_fields },
};

/**
 * crm_sync_resource_get:
 * @kind: a kind of record
 *
 * Returns: (nullable): how @kind is synced, or %NULL when it is not
 */
const CrmSyncResource *
crm_sync_resource_get (CrmEntityKind kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (resources); i++)
    if (resources[i].kind == kind)
      return &resources[i];

  return NULL;
}

/**
 * crm_sync_resource_nth:
 * @index: from 0 to crm_sync_resource_count() - 1
 *
 * Returns: the resources in the order a pull reads them
 */
const CrmSyncResource *
crm_sync_resource_nth (guint index)
{
  g_return_val_if_fail (index < G_N_ELEMENTS (resources), NULL);

  return &resources[index];
}

/**
 * crm_sync_resource_count:
 *
 * Returns: how many lists the sync reads
 */
guint
crm_sync_resource_count (void)
{
  return G_N_ELEMENTS (resources);
}

/**
 * crm_sync_resource_find_field:
 * @self: a resource
 * @column: a local column
 *
 * Returns: (nullable): the field of @column
 */
const CrmSyncField *
crm_sync_resource_find_field (const CrmSyncResource *self,
                              const char            *column)
{
  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    if (g_str_equal (field->column, column))
      return field;

  return NULL;
}

/**
 * crm_sync_record_free:
 * @record: (nullable): a record
 */
void
crm_sync_record_free (CrmSyncRecord *record)
{
  if (record == NULL)
    return;

  g_free (record->uuid);
  g_free (record->customer_uuid);
  g_clear_pointer (&record->values, json_object_unref);
  g_free (record->base);
  g_free (record->hash);
  g_free (record->external_id);
  g_free (record->author);
  g_free (record);
}

const char *
_crm_sync_node_string (JsonNode *node)
{
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
canonical_object (JsonNode *node)
{
  return json_to_string (node, FALSE);
}

JsonNode *
_crm_sync_string_node (const char *value)
{
  if (value == NULL)
    return json_node_new (JSON_NODE_NULL);

  return json_node_init_string (json_node_alloc (), value);
}

JsonNode *
_crm_sync_int_node (gint64 value)
{
  return json_node_init_int (json_node_alloc (), value);
}

/* Each custom attribute also as a column of its own, so the merge can
 * tell one from the other. */
void
_crm_sync_resource_expand_custom (const CrmSyncResource *self,
                                  JsonObject            *values)
{
  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    {
      g_autoptr(JsonNode) parsed = NULL;
      g_autoptr(GList) keys = NULL;
      JsonObject *custom;
      const char *text;

      if (field->type != CRM_SYNC_VALUE_CUSTOM)
        continue;

      text = _crm_sync_node_string (json_object_get_member (values, field->column));
      parsed = text != NULL ? json_from_string (text, NULL) : NULL;
      if (parsed == NULL || !JSON_NODE_HOLDS_OBJECT (parsed))
        continue;

      custom = json_node_get_object (parsed);
      keys = json_object_get_members (custom);
      for (GList *l = keys; l != NULL; l = l->next)
        {
          g_autofree char *column = g_strconcat (CRM_SYNC_CUSTOM_PREFIX, l->data, NULL);

          json_object_set_member (values, column,
                                  json_node_copy (json_object_get_member (custom, l->data)));
        }
    }
}

/**
 * crm_sync_resource_values_to_text:
 * @values: the values of a record
 *
 * Returns: (transfer full): @values as JSON text, as the store keeps a base
 */
char *
crm_sync_resource_values_to_text (JsonObject *values)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), values);

  return json_to_string (node, FALSE);
}

/**
 * crm_sync_resource_parse_values:
 * @json: a base, as the store keeps it
 *
 * Returns: (transfer full) (nullable): its values, or %NULL when @json is
 *   not an object
 */
JsonObject *
crm_sync_resource_parse_values (const char *json)
{
  g_autoptr(JsonNode) node = NULL;

  if (json == NULL)
    return NULL;

  node = json_from_string (json, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  /* A base kept before custom attributes had columns of their own. */
  if (json_object_has_member (json_node_get_object (node), "attributes"))
    _crm_sync_resource_expand_custom (crm_sync_resource_get (CRM_ENTITY_CUSTOMER),
                                      json_node_get_object (node));

  return json_object_ref (json_node_get_object (node));
}

static JsonNode *
row_string (GVariant   *row,
            const char *column)
{
  const char *text = NULL;

  g_variant_lookup (row, column, "&s", &text);
  return _crm_sync_string_node (text);
}

static JsonNode *
row_value (const CrmSyncField *field,
           GVariant           *row)
{
  gint64 number;
  const char *text = NULL;

  switch (field->type)
    {
    case CRM_SYNC_VALUE_INT:
    case CRM_SYNC_VALUE_INT_NN:
    case CRM_SYNC_VALUE_DURATION:
    case CRM_SYNC_VALUE_PERCENT:
      if (!g_variant_lookup (row, field->column, "x", &number))
        return field->type == CRM_SYNC_VALUE_INT_NN ? _crm_sync_int_node (0)
                                                    : json_node_new (JSON_NODE_NULL);
      if (field->type == CRM_SYNC_VALUE_DURATION && number <= 0)
        return json_node_new (JSON_NODE_NULL);
      return _crm_sync_int_node (number);
    case CRM_SYNC_VALUE_OBJECT:
    case CRM_SYNC_VALUE_CUSTOM:
      {
        g_autoptr(JsonNode) parsed = NULL;
        g_autofree char *canonical = NULL;

        g_variant_lookup (row, field->column, "&s", &text);
        parsed = text != NULL ? json_from_string (text, NULL) : NULL;
        canonical = parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed)
          ? canonical_object (parsed) : g_strdup ("{}");
        return _crm_sync_string_node (canonical);
      }
    case CRM_SYNC_VALUE_TEXT:
      g_variant_lookup (row, field->column, "&s", &text);
      return _crm_sync_string_node (text != NULL && *text != '\0' ? text : NULL);
    case CRM_SYNC_VALUE_TEXT_NN:
      g_variant_lookup (row, field->column, "&s", &text);
      return _crm_sync_string_node (text != NULL ? text : "");
    case CRM_SYNC_VALUE_TIMESTAMP:
      {
        g_autoptr(GDateTime) time = NULL;
        g_autofree char *stored = NULL;

        g_variant_lookup (row, field->column, "&s", &text);
        time = text != NULL ? crm_timestamp_parse (text) : NULL;
        stored = time != NULL ? crm_timestamp_format (time) : NULL;
        return _crm_sync_string_node (stored);
      }
    case CRM_SYNC_VALUE_TAGS:
    case CRM_SYNC_VALUE_DATE:
    case CRM_SYNC_VALUE_COUNTRY:
    case CRM_SYNC_VALUE_CURRENCY:
    case CRM_SYNC_VALUE_STATUS:
    case CRM_SYNC_VALUE_CHOICE:
    default:
      return row_string (row, field->column);
    }
}

/**
 * crm_sync_resource_values_from_row:
 * @self: a resource
 * @row: a local row, a{sv} as crm_store_txn_get_row() reads it
 * @tags: (nullable) (array zero-terminated=1): a customer's tags, sorted
 *
 * Returns: (transfer full): the row's synced values, in the form of a
 *   server record's, so the two compare field by field
 */
JsonObject *
crm_sync_resource_values_from_row (const CrmSyncResource *self,
                                   GVariant              *row,
                                   const char * const    *tags)
{
  JsonObject *values = json_object_new ();

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row != NULL, NULL);

  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    {
      if (field->type == CRM_SYNC_VALUE_TAGS)
        {
          JsonArray *array = json_array_new ();

          for (guint i = 0; tags != NULL && tags[i] != NULL; i++)
            json_array_add_string_element (array, tags[i]);
          json_object_set_array_member (values, field->column, array);
          continue;
        }

      json_object_set_member (values, field->column, row_value (field, row));
    }
  _crm_sync_resource_expand_custom (self, values);

  return values;
}

static GVariant *
field_to_variant (const CrmSyncField *field,
                  JsonNode           *node)
{
  gboolean is_null = node == NULL || JSON_NODE_HOLDS_NULL (node);

  switch (field->type)
    {
    case CRM_SYNC_VALUE_INT:
    case CRM_SYNC_VALUE_INT_NN:
    case CRM_SYNC_VALUE_DURATION:
    case CRM_SYNC_VALUE_PERCENT:
      if (is_null)
        return field->type == CRM_SYNC_VALUE_INT_NN
          ? g_variant_new_int64 (0) : g_variant_new_maybe (G_VARIANT_TYPE_INT64, NULL);
      return g_variant_new_int64 (json_node_get_int (node));
    case CRM_SYNC_VALUE_OBJECT:
    case CRM_SYNC_VALUE_CUSTOM:
      return g_variant_new_string (is_null ? "{}" : json_node_get_string (node));
    case CRM_SYNC_VALUE_TEXT_NN:
      return g_variant_new_string (is_null ? "" : json_node_get_string (node));
    case CRM_SYNC_VALUE_TAGS:
      g_assert_not_reached ();
    case CRM_SYNC_VALUE_TEXT:
    case CRM_SYNC_VALUE_TIMESTAMP:
    case CRM_SYNC_VALUE_DATE:
    case CRM_SYNC_VALUE_COUNTRY:
    case CRM_SYNC_VALUE_CURRENCY:
    case CRM_SYNC_VALUE_STATUS:
    case CRM_SYNC_VALUE_CHOICE:
    default:
      if (is_null)
        return g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL);
      return g_variant_new_string (json_node_get_string (node));
    }
}

/**
 * crm_sync_resource_add_fields:
 * @self: a resource
 * @values: a record's values
 * @columns: (nullable) (array zero-terminated=1): the columns wanted;
 *   %NULL for all
 * @builder: an a{sv} builder of the fields of a store mutation
 *
 * Adds the values to the fields of a store mutation. Tags are left out:
 * they are written with crm_store_txn_set_tags().
 */
void
crm_sync_resource_add_fields (const CrmSyncResource *self,
                              JsonObject            *values,
                              const char * const    *columns,
                              GVariantBuilder       *builder)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (builder != NULL);

  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    {
      JsonNode *node;

      if (field->type == CRM_SYNC_VALUE_TAGS)
        continue;
      if (columns != NULL && !g_strv_contains (columns, field->column))
        continue;

      node = json_object_get_member (values, field->column);
      if (node == NULL)
        continue;

      g_variant_builder_add (builder, "{sv}", field->column, field_to_variant (field, node));
    }
}

/**
 * crm_sync_resource_build_body:
 * @self: a resource
 * @values: a record's values
 * @columns: (nullable) (array zero-terminated=1): the columns to send;
 *   %NULL for every field that goes to the server
 * @create: whether the body creates the record
 *
 * Builds the JSON of a create or a PATCH, in the server's keys. Dates go
 * as `YYYY-MM-DD`; a status goes only when a person may set it; tags,
 * custom attributes and pulled-only fields never go.
 *
 * Returns: (transfer full): the body
 */
JsonObject *
crm_sync_resource_build_body (const CrmSyncResource *self,
                              JsonObject            *values,
                              const char * const    *columns,
                              gboolean               create)
{
  JsonObject *body = json_object_new ();

  g_return_val_if_fail (self != NULL, NULL);

  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    {
      JsonNode *node = json_object_get_member (values, field->column);
      gboolean sent = (field->flags & PUSH) || (create && (field->flags & CREATE));

      if (!sent || node == NULL || field->type == CRM_SYNC_VALUE_TAGS ||
          field->type == CRM_SYNC_VALUE_CUSTOM)
        continue;
      if (columns != NULL && !g_strv_contains (columns, field->column))
        continue;
      if (field->type == CRM_SYNC_VALUE_STATUS &&
          !crm_status_is_person_settable (json_node_get_string (node)))
        continue;
      if (create && JSON_NODE_HOLDS_NULL (node))
        continue;

      json_object_set_member (body, field->key, json_node_copy (node));
    }

  return body;
}

/**
 * crm_sync_values_equal:
 * @a: (nullable): values
 * @b: (nullable): values
 * @column: a column
 *
 * Returns: whether @a and @b hold the same value for @column (a missing
 *   value is %NULL)
 */
gboolean
crm_sync_values_equal (JsonObject *a,
                       JsonObject *b,
                       const char *column)
{
  JsonNode *x = a != NULL ? json_object_get_member (a, column) : NULL;
  JsonNode *y = b != NULL ? json_object_get_member (b, column) : NULL;
  gboolean x_null = x == NULL || JSON_NODE_HOLDS_NULL (x);
  gboolean y_null = y == NULL || JSON_NODE_HOLDS_NULL (y);

  if (x_null || y_null)
    return x_null == y_null;

  return json_node_equal (x, y);
}

/**
 * crm_sync_values_dup_tags:
 * @values: a customer's values
 *
 * Returns: (transfer full): its tags
 */
GStrv
crm_sync_values_dup_tags (JsonObject *values)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonNode *node = json_object_get_member (values, "tags");

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_strv_builder_add (builder, json_array_get_string_element (array, i));
    }

  return g_strv_builder_end (builder);
}

static void
add_custom_columns (GPtrArray  *columns,
                    JsonObject *values)
{
  g_autoptr(GList) members = values != NULL ? json_object_get_members (values) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    if (crm_sync_custom_key (l->data) != NULL &&
        !g_ptr_array_find_with_equal_func (columns, l->data, g_str_equal, NULL))
      g_ptr_array_add (columns, g_strdup (l->data));
}

/**
 * crm_sync_resource_dup_columns:
 * @self: a resource
 * @a: (nullable): values of a record
 * @b: (nullable): values of a record
 * @c: (nullable): values of a record
 *
 * Lists what a merge compares: each field, except that custom attributes
 * count one by one, each key any of @a, @b and @c holds.
 *
 * Returns: (transfer full) (element-type utf8): the columns, %NULL-ended
 */
GPtrArray *
crm_sync_resource_dup_columns (const CrmSyncResource *self,
                               JsonObject            *a,
                               JsonObject            *b,
                               JsonObject            *c)
{
  GPtrArray *columns = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  gboolean custom = FALSE;

  g_return_val_if_fail (self != NULL, columns);

  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    {
      if (field->type == CRM_SYNC_VALUE_CUSTOM)
        custom = TRUE;
      else
        g_ptr_array_add (columns, g_strdup (field->column));
    }

  if (custom)
    {
      add_custom_columns (columns, a);
      add_custom_columns (columns, b);
      add_custom_columns (columns, c);
    }

  return columns;
}

/**
 * crm_sync_custom_key:
 * @column: a column, as a merge or a conflict names it
 *
 * Returns: (nullable): the custom attribute's key when @column is one
 */
const char *
crm_sync_custom_key (const char *column)
{
  g_return_val_if_fail (column != NULL, NULL);

  if (!g_str_has_prefix (column, CRM_SYNC_CUSTOM_PREFIX) ||
      column[strlen (CRM_SYNC_CUSTOM_PREFIX)] == '\0')
    return NULL;

  return column + strlen (CRM_SYNC_CUSTOM_PREFIX);
}

/**
 * crm_sync_custom_type:
 * @value: a custom attribute's value
 *
 * The server wants a type with each attribute it is told of for the
 * first time. A whole number is an Integer, another number a Decimal,
 * true or false a Boolean, a text that reads as a timestamp (such as
 * `2024-02-01T00:00:00.000Z`) a Timestamp, any other text a String.
 *
 * Returns: the type's name, as the API spells it
 */
const char *
crm_sync_custom_type (JsonNode *value)
{
  GType type;

  g_return_val_if_fail (value != NULL, "String");

  if (!JSON_NODE_HOLDS_VALUE (value))
    return "String";

  type = json_node_get_value_type (value);
  if (type == G_TYPE_BOOLEAN)
    return "Boolean";
  if (type == G_TYPE_INT64)
    return "Integer";
  if (type == G_TYPE_DOUBLE)
    return "Decimal";

  if (type == G_TYPE_STRING)
    {
      const char *text = json_node_get_string (value);
      g_autoptr(GDateTime) time = NULL;

      /* A date alone is text to the server. */
      if (strlen (text) > 10 && text[10] == 'T')
        time = crm_timestamp_parse (text);
      if (time != NULL)
        return "Timestamp";
    }

  return "String";
}

/**
 * crm_sync_custom_apply:
 * @attributes: (nullable): a customer's custom attributes, as JSON text
 * @values: values holding custom attribute columns
 * @columns: (array zero-terminated=1): the columns to take from @values;
 *   others are left alone
 *
 * Returns: (transfer full): @attributes with each custom attribute of
 *   @columns set to its value in @values, or removed where @values holds
 *   none
 */
char *
crm_sync_custom_apply (const char         *attributes,
                       JsonObject         *values,
                       const char * const *columns)
{
  g_autoptr(JsonNode) parsed = attributes != NULL ? json_from_string (attributes, NULL) : NULL;
  g_autoptr(JsonObject) custom = NULL;
  g_autoptr(JsonNode) node = NULL;

  g_return_val_if_fail (values != NULL, NULL);
  g_return_val_if_fail (columns != NULL, NULL);

  custom = parsed != NULL && JSON_NODE_HOLDS_OBJECT (parsed)
    ? json_object_ref (json_node_get_object (parsed)) : json_object_new ();

  for (guint i = 0; columns[i] != NULL; i++)
    {
      const char *key = crm_sync_custom_key (columns[i]);
      JsonNode *value = json_object_get_member (values, columns[i]);

      if (key == NULL)
        continue;
      if (value == NULL || JSON_NODE_HOLDS_NULL (value))
        json_object_remove_member (custom, key);
      else
        json_object_set_member (custom, key, json_node_copy (value));
    }

  node = json_node_init_object (json_node_alloc (), custom);
  return json_to_string (node, FALSE);
}
