/* crm-fake-server-routes.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-fake-server"

#include "config.h"

#include <string.h>

#include "crm-fake-server-private.h"

/* The fake server's endpoints: what each accepts, refuses and answers. */

typedef enum
{
  FIELD_STRING,
  FIELD_INT,
  FIELD_TIMESTAMP,
  FIELD_DATE,
  FIELD_CUSTOM,
} FieldType;

typedef struct
{
  const char *name;
  FieldType   type;
} Field;

static const Field customer_fields[] = {
  { "external_id", FIELD_STRING }, { "data_source_uuid", FIELD_STRING },
  { "name", FIELD_STRING }, { "email", FIELD_STRING }, { "company", FIELD_STRING },
  { "country", FIELD_STRING }, { "state", FIELD_STRING }, { "city", FIELD_STRING },
  { "zip", FIELD_STRING }, { "lead_created_at", FIELD_TIMESTAMP },
  { "free_trial_started_at", FIELD_TIMESTAMP }, { "owner", FIELD_STRING },
  { "website_url", FIELD_STRING }, { "status", FIELD_STRING }, { NULL, 0 }
};

static const Field contact_fields[] = {
  { "customer_uuid", FIELD_STRING }, { "data_source_uuid", FIELD_STRING },
  { "external_id", FIELD_STRING }, { "position", FIELD_INT },
  { "first_name", FIELD_STRING }, { "last_name", FIELD_STRING }, { "title", FIELD_STRING },
  { "email", FIELD_STRING }, { "phone", FIELD_STRING }, { "linked_in", FIELD_STRING },
  { "twitter", FIELD_STRING }, { "notes", FIELD_STRING }, { "custom", FIELD_CUSTOM },
  { NULL, 0 }
};

static const Field note_fields[] = {
  { "customer_uuid", FIELD_STRING }, { "type", FIELD_STRING }, { "text", FIELD_STRING },
  { "author_email", FIELD_STRING }, { "call_duration", FIELD_INT },
  { "created_at", FIELD_TIMESTAMP }, { NULL, 0 }
};

static const Field opportunity_fields[] = {
  { "customer_uuid", FIELD_STRING }, { "owner", FIELD_STRING }, { "pipeline", FIELD_STRING },
  { "pipeline_stage", FIELD_STRING }, { "estimated_close_date", FIELD_DATE },
  { "currency", FIELD_STRING }, { "amount_in_cents", FIELD_INT }, { "type", FIELD_STRING },
  { "forecast_category", FIELD_STRING }, { "win_likelihood", FIELD_INT },
  { "custom", FIELD_CUSTOM }, { NULL, 0 }
};

static const Field task_fields[] = {
  { "customer_uuid", FIELD_STRING }, { "task_details", FIELD_STRING },
  { "assignee", FIELD_STRING }, { "due_date", FIELD_TIMESTAMP },
  { "completed_at", FIELD_TIMESTAMP }, { NULL, 0 }
};

static const Field data_source_fields[] = {
  { "name", FIELD_STRING }, { NULL, 0 }
};

static const char * const customer_required[] = { "data_source_uuid", "external_id", NULL };
static const char * const contact_required[] = { "customer_uuid", "data_source_uuid", NULL };
static const char * const note_required[] = { "customer_uuid", "type", NULL };
static const char * const opportunity_required[] = {
  "customer_uuid", "owner", "pipeline", "pipeline_stage", "estimated_close_date", "currency",
  "amount_in_cents", NULL
};
static const char * const task_required[] = {
  "customer_uuid", "task_details", "assignee", "due_date", NULL
};
static const char * const data_source_required[] = { "name", NULL };

static const struct {
  const char         *resource;
  const Field        *fields;
  const char * const *required;
} endpoints[] = {
  { "customers", customer_fields, customer_required },
  { "contacts", contact_fields, contact_required },
  { "customer_notes", note_fields, note_required },
  { "opportunities", opportunity_fields, opportunity_required },
  { "tasks", task_fields, task_required },
  { "data_sources", data_source_fields, data_source_required },
};

static const Field *
fields_of (const char *resource)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (g_str_equal (endpoints[i].resource, resource))
      return endpoints[i].fields;

  return NULL;
}

static const char * const *
required_of (const char *resource)
{
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    if (g_str_equal (endpoints[i].resource, resource))
      return endpoints[i].required;

  return NULL;
}

static char *
normalize_timestamp (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) parsed = NULL;
  g_autofree char *seconds = NULL;

  if (strlen (text) == 10)
    return g_strdup_printf ("%sT00:00:00.000Z", text);

  parsed = g_date_time_new_from_iso8601 (text, utc);
  if (parsed == NULL)
    return NULL;

  seconds = g_date_time_format (parsed, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, g_date_time_get_microsecond (parsed) / 1000);
}

static void
set_blank_error (SoupServerMessage *msg,
                 const char        *field,
                 const char        *problem)
{
  g_autofree char *json = NULL;

  /* Shape B of the contract: field → messages, plus error_details. */
  json = g_strdup_printf ("{\"%s\":[\"%s %s\"],\"error_details\":[{\"param\":\"%s\","
                          "\"code\":\"invalid\",\"message\":\"%s %s\"}]}",
                          field, field, problem, field, field, problem);
  _crm_fake_server_set_json (msg, 422, json);
}

static void
set_error_a (SoupServerMessage *msg,
             guint              status,
             const char        *message,
             const char        *param)
{
  g_autoptr(JsonObject) object = json_object_new ();
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  json_object_set_int_member (object, "code", status);
  json_object_set_string_member (object, "message", message);
  if (param != NULL)
    json_object_set_string_member (object, "param", param);
  else
    json_object_set_null_member (object, "param");

  node = json_node_init_object (json_node_alloc (), object);
  json = json_to_string (node, FALSE);
  _crm_fake_server_set_json (msg, status, json);
}

static void
set_object (SoupServerMessage *msg,
            guint              status,
            JsonObject        *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);
  g_autofree char *json = json_to_string (node, FALSE);

  _crm_fake_server_set_json (msg, status, json);
}

/* The request side of custom attributes is a list of {key, value}; the
 * response side an object. */
static JsonNode *
custom_to_object (JsonNode *node)
{
  JsonObject *object = json_object_new ();
  JsonArray *array;

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      json_object_unref (object);
      return json_node_copy (node);
    }

  array = json_node_get_array (node);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonObject *item = json_array_get_object_element (array, i);
      const char *key = _crm_fake_get_string (item, "key");

      if (key != NULL && json_object_has_member (item, "value"))
        json_object_set_member (object, key,
                                json_node_copy (json_object_get_member (item, "value")));
    }

  return json_node_init_object (json_node_alloc (), object);
}

static gboolean
value_fits (JsonNode  *node,
            FieldType  type)
{
  if (JSON_NODE_HOLDS_NULL (node))
    return TRUE;

  switch (type)
    {
    case FIELD_INT:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
    case FIELD_CUSTOM:
      return JSON_NODE_HOLDS_ARRAY (node) || JSON_NODE_HOLDS_OBJECT (node);
    case FIELD_STRING:
    case FIELD_TIMESTAMP:
    case FIELD_DATE:
    default:
      return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
    }
}

/* Copies the writable fields of @body into @into, refusing a value of the
 * wrong type. */
static gboolean
apply_fields (SoupServerMessage *msg,
              const Field       *fields,
              JsonObject        *body,
              JsonObject        *into)
{
  for (guint i = 0; fields[i].name != NULL; i++)
    {
      JsonNode *node = json_object_get_member (body, fields[i].name);
      const char *name = fields[i].name;

      if (node == NULL)
        continue;

      if (!value_fits (node, fields[i].type))
        {
          set_blank_error (msg, name, "is invalid");
          return FALSE;
        }

      if (fields[i].type == FIELD_CUSTOM)
        {
          json_object_set_member (into, name, custom_to_object (node));
        }
      else if (fields[i].type == FIELD_TIMESTAMP && !JSON_NODE_HOLDS_NULL (node))
        {
          g_autofree char *normal = normalize_timestamp (json_node_get_string (node));

          if (normal == NULL)
            {
              set_blank_error (msg, name, "is not a valid date");
              return FALSE;
            }
          json_object_set_string_member (into, name, normal);
        }
      else
        {
          json_object_set_member (into, name, json_node_copy (node));
        }
    }

  return TRUE;
}

static void
set_default_string (JsonObject *object,
                    const char *key,
                    const char *value)
{
  if (json_object_has_member (object, key))
    return;

  if (value != NULL)
    json_object_set_string_member (object, key, value);
  else
    json_object_set_null_member (object, key);
}

static void
set_default_int (JsonObject *object,
                 const char *key,
                 gint64      value)
{
  if (!json_object_has_member (object, key))
    json_object_set_int_member (object, key, value);
}

static void
set_default_object (JsonObject *object,
                    const char *key)
{
  if (!json_object_has_member (object, key))
    json_object_set_object_member (object, key, json_object_new ());
}

static JsonArray *
strings_array (const char *value)
{
  JsonArray *array = json_array_new ();

  if (value != NULL)
    json_array_add_string_element (array, value);
  return array;
}

static void
complete_customer_attributes (JsonObject *object)
{
  JsonObject *attributes;

  set_default_object (object, "attributes");
  attributes = json_object_get_object_member (object, "attributes");
  set_default_object (attributes, "custom");
  set_default_object (attributes, "clearbit");
  set_default_object (attributes, "stripe");
  if (!json_object_has_member (attributes, "tags"))
    json_object_set_array_member (attributes, "tags", json_array_new ());
}

static void
complete_customer (CrmFakeServer *self,
                   JsonObject    *object)
{
  g_autofree char *link = NULL;
  JsonObject *address;
  gint64 id;

  if (!json_object_has_member (object, "id"))
    json_object_set_int_member (object, "id", self->next_customer_id++);
  id = json_object_get_int_member (object, "id");

  set_default_string (object, "external_id", NULL);
  set_default_string (object, "data_source_uuid", "ds_00000000-0000-4000-8000-0000000000aa");
  json_object_set_array_member (object, "external_ids",
                                strings_array (_crm_fake_get_string (object, "external_id")));
  json_object_set_array_member (object, "data_source_uuids",
                                strings_array (_crm_fake_get_string (object,
                                                                     "data_source_uuid")));
  set_default_string (object, "name", "");
  set_default_string (object, "email", "");
  set_default_string (object, "company", "");
  set_default_string (object, "status", "New Lead");
  set_default_string (object, "customer-since", NULL);
  set_default_string (object, "lead_created_at", NULL);
  set_default_string (object, "free_trial_started_at", NULL);
  set_default_string (object, "country", NULL);
  set_default_string (object, "state", NULL);
  set_default_string (object, "city", NULL);
  set_default_string (object, "zip", NULL);

  address = json_object_new ();
  json_object_set_null_member (address, "country");
  json_object_set_member (address, "state",
                          json_node_copy (json_object_get_member (object, "state")));
  json_object_set_member (address, "city",
                          json_node_copy (json_object_get_member (object, "city")));
  json_object_set_member (address, "address_zip",
                          json_node_copy (json_object_get_member (object, "zip")));
  json_object_set_object_member (object, "address", address);

  complete_customer_attributes (object);
  set_default_int (object, "mrr", 0);
  set_default_int (object, "arr", 0);
  set_default_string (object, "currency", "EUR");
  set_default_string (object, "currency-sign", "€");
  set_default_string (object, "billing-system-type", "Import API");
  set_default_string (object, "billing-system-url", NULL);
  link = g_strdup_printf ("https://app.chartmogul.example/#/customers/%" G_GINT64_FORMAT, id);
  set_default_string (object, "chartmogul-url", link);
  set_default_string (object, "owner", NULL);
}

static void
complete_contact (CrmFakeServer *self,
                  JsonObject    *object)
{
  static const char * const strings[] = {
    "external_id", "first_name", "last_name", "title", "email", "phone", "linked_in",
    "twitter", "notes"
  };
  FakeRecord *customer;

  customer = _crm_fake_server_lookup (self, "customers",
                                      _crm_fake_get_string (object, "customer_uuid"));
  set_default_string (object, "customer_uuid", NULL);
  set_default_string (object, "customer_external_id",
                      customer != NULL ? _crm_fake_get_string (customer->object, "external_id")
                                       : NULL);
  set_default_string (object, "data_source_uuid", "ds_00000000-0000-4000-8000-0000000000aa");
  set_default_int (object, "position", 1);
  for (guint i = 0; i < G_N_ELEMENTS (strings); i++)
    set_default_string (object, strings[i], NULL);
  set_default_object (object, "custom");
}

static void
complete_timestamps (CrmFakeServer *self,
                     JsonObject    *object)
{
  g_autofree char *now = _crm_fake_server_dup_now (self);

  set_default_string (object, "created_at", now);
  set_default_string (object, "updated_at", now);
}

static void
complete_note (CrmFakeServer *self,
               JsonObject    *object)
{
  const char *type = _crm_fake_get_string (object, "type");
  const char *email = _crm_fake_get_string (object, "author_email");
  g_autofree char *author = NULL;

  set_default_string (object, "type", "note");
  set_default_string (object, "text", "");
  /* A call logged without a duration comes back as a minute. */
  set_default_int (object, "call_duration", g_strcmp0 (type, "call") == 0 ? 60 : 0);
  author = g_strdup_printf ("Key Owner (%s)", email != NULL ? email : "owner@example.com");
  set_default_string (object, "author", author);
  json_object_remove_member (object, "author_email");
  complete_timestamps (self, object);
}

static void
complete_opportunity (CrmFakeServer *self,
                      JsonObject    *object)
{
  set_default_string (object, "type", "recurring");
  set_default_string (object, "forecast_category", "pipeline");
  set_default_int (object, "win_likelihood", 0);
  set_default_int (object, "amount_in_cents", 0);
  set_default_object (object, "custom");
  complete_timestamps (self, object);
}

static void
complete_task (CrmFakeServer *self,
               JsonObject    *object)
{
  set_default_string (object, "completed_at", NULL);
  complete_timestamps (self, object);
}

static void
complete_data_source (CrmFakeServer *self,
                      JsonObject    *object)
{
  set_default_string (object, "system", "Import API");
  set_default_string (object, "status", "idle");
  complete_timestamps (self, object);
  json_object_remove_member (object, "updated_at");
}

/**
 * _crm_fake_server_complete:
 * @self: the server
 * @resource: the record's list
 * @given: the fields given
 *
 * Returns: (transfer full): a record of the full shape the service sends,
 *   with @given's fields and defaults for the others
 */
JsonObject *
_crm_fake_server_complete (CrmFakeServer *self,
                           const char    *resource,
                           JsonObject    *given)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), given);
  g_autoptr(JsonNode) copy = json_node_copy (node);
  JsonObject *object = json_object_ref (json_node_get_object (copy));

  if (g_str_equal (resource, "customers"))
    complete_customer (self, object);
  else if (g_str_equal (resource, "contacts"))
    complete_contact (self, object);
  else if (g_str_equal (resource, "customer_notes"))
    complete_note (self, object);
  else if (g_str_equal (resource, "opportunities"))
    complete_opportunity (self, object);
  else if (g_str_equal (resource, "tasks"))
    complete_task (self, object);
  else if (g_str_equal (resource, "data_sources"))
    complete_data_source (self, object);

  return object;
}

static JsonObject *
parse_body (SoupServerMessage *msg)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (body == NULL || body->length == 0 ||
      !json_parser_load_from_data (parser, body->data, body->length, NULL))
    {
      set_error_a (msg, 400, "The request body is not valid JSON", NULL);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (!JSON_NODE_HOLDS_OBJECT (root))
    {
      set_error_a (msg, 400, "The request body must be a JSON object", NULL);
      return NULL;
    }

  return json_object_ref (json_node_get_object (root));
}

static gboolean
check_required (SoupServerMessage  *msg,
                const char * const *required,
                JsonObject         *body)
{
  for (guint i = 0; required[i] != NULL; i++)
    {
      JsonNode *node = json_object_get_member (body, required[i]);

      if (node == NULL || JSON_NODE_HOLDS_NULL (node) ||
          (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING &&
           *json_node_get_string (node) == '\0'))
        {
          set_blank_error (msg, required[i], "can't be blank");
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
is_lead_status (const char *status)
{
  static const char * const leads[] = {
    "New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead"
  };

  for (guint i = 0; i < G_N_ELEMENTS (leads); i++)
    if (g_strcmp0 (status, leads[i]) == 0)
      return TRUE;

  return FALSE;
}

static gboolean
external_id_taken (CrmFakeServer *self,
                   JsonObject    *body)
{
  FakeResource *customers = _crm_fake_server_get_resource (self, "customers");
  const char *external_id = _crm_fake_get_string (body, "external_id");
  const char *data_source = _crm_fake_get_string (body, "data_source_uuid");

  for (guint i = 0; i < customers->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (customers->records, i);

      if (g_strcmp0 (_crm_fake_get_string (record->object, "external_id"), external_id) == 0 &&
          g_strcmp0 (_crm_fake_get_string (record->object, "data_source_uuid"),
                     data_source) == 0)
        return TRUE;
    }

  return FALSE;
}

/* The checks a create makes beyond required fields and types. */
static gboolean
check_create (CrmFakeServer     *self,
              SoupServerMessage *msg,
              const char        *resource,
              JsonObject        *body)
{
  const char *customer_uuid = _crm_fake_get_string (body, "customer_uuid");
  const char *status = _crm_fake_get_string (body, "status");
  const char *type = _crm_fake_get_string (body, "type");

  if (g_str_equal (resource, "customers"))
    {
      if (status != NULL && !is_lead_status (status))
        {
          set_blank_error (msg, "status", "can only be a lead status");
          return FALSE;
        }
      if (external_id_taken (self, body))
        {
          _crm_fake_server_set_json (msg, 422, "{\"errors\":{\"external_id\":\"The external "
                                     "ID for this customer already exists in our system.\"}}");
          return FALSE;
        }
      return TRUE;
    }

  if (!g_str_equal (resource, "data_sources") &&
      _crm_fake_server_lookup (self, "customers", customer_uuid) == NULL)
    {
      set_error_a (msg, 422, "The customer could not be found", "customer_uuid");
      return FALSE;
    }

  if (g_str_equal (resource, "customer_notes") && g_strcmp0 (type, "note") != 0 &&
      g_strcmp0 (type, "call") != 0)
    {
      set_blank_error (msg, "type", "must be note or call");
      return FALSE;
    }

  return TRUE;
}

static void
create_record (CrmFakeServer     *self,
               SoupServerMessage *msg,
               const char        *resource)
{
  g_autoptr(JsonObject) body = parse_body (msg);
  g_autoptr(JsonObject) given = NULL;
  JsonObject *complete;
  FakeRecord *record;

  if (body == NULL)
    return;

  given = json_object_new ();
  if (!check_required (msg, required_of (resource), body) ||
      !apply_fields (msg, fields_of (resource), body, given) ||
      !check_create (self, msg, resource, given))
    return;

  if (g_str_equal (resource, "customers") && json_object_has_member (body, "attributes"))
    {
      JsonObject *attributes = json_object_get_object_member (body, "attributes");
      JsonObject *kept = json_object_new ();

      if (json_object_has_member (attributes, "tags"))
        json_object_set_member (kept, "tags",
                                json_node_copy (json_object_get_member (attributes, "tags")));
      if (json_object_has_member (attributes, "custom"))
        json_object_set_member (kept, "custom",
                                custom_to_object (json_object_get_member (attributes, "custom")));
      json_object_set_object_member (given, "attributes", kept);
    }

  complete = _crm_fake_server_complete (self, resource, given);
  record = _crm_fake_server_insert (self, _crm_fake_server_get_resource (self, resource),
                                    complete);
  set_object (msg, 201, record->object);
}

static void
update_record (CrmFakeServer     *self,
               SoupServerMessage *msg,
               const char        *resource,
               FakeRecord        *record)
{
  g_autoptr(JsonObject) body = parse_body (msg);
  const char *status;

  if (body == NULL)
    return;

  status = _crm_fake_get_string (body, "status");
  if (g_str_equal (resource, "customers") && status != NULL && !is_lead_status (status))
    {
      set_blank_error (msg, "status", "can only be a lead status");
      return;
    }

  if (!apply_fields (msg, fields_of (resource), body, record->object))
    return;

  if (_crm_fake_server_get_resource (self, resource)->has_timestamps)
    {
      g_autofree char *now = _crm_fake_server_dup_now (self);

      json_object_set_string_member (record->object, "updated_at", now);
    }

  set_object (msg, 200, record->object);
}

static void
delete_record (CrmFakeServer     *self,
               SoupServerMessage *msg,
               const char        *resource,
               FakeRecord        *record)
{
  gboolean customer = g_str_equal (resource, "customers");

  if (customer)
    _crm_fake_server_delete_children (self, record->uuid);
  _crm_fake_server_delete (self, _crm_fake_server_get_resource (self, resource), record);

  /* Customers answer 204 with no body; the others 200 with {}. */
  if (customer)
    soup_server_message_set_status (msg, 204, NULL);
  else
    _crm_fake_server_set_json (msg, 200, "{}");
}

static void
change_tags (CrmFakeServer     *self,
             SoupServerMessage *msg,
             FakeRecord        *customer,
             gboolean           add)
{
  g_autoptr(JsonObject) body = parse_body (msg);
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonObject *attributes;
  JsonArray *tags, *kept, *changes;

  if (body == NULL)
    return;
  if (!json_object_has_member (body, "tags") ||
      !JSON_NODE_HOLDS_ARRAY (json_object_get_member (body, "tags")))
    {
      set_blank_error (msg, "tags", "must be a list");
      return;
    }

  changes = json_object_get_array_member (body, "tags");
  attributes = json_object_get_object_member (customer->object, "attributes");
  tags = json_object_get_array_member (attributes, "tags");
  kept = json_array_new ();

  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      const char *tag = json_array_get_string_element (tags, i);
      gboolean listed = FALSE;

      for (guint j = 0; j < json_array_get_length (changes); j++)
        listed |= g_strcmp0 (tag, json_array_get_string_element (changes, j)) == 0;
      if (add || !listed)
        json_array_add_string_element (kept, tag);
    }

  for (guint j = 0; add && j < json_array_get_length (changes); j++)
    {
      const char *tag = json_array_get_string_element (changes, j);
      gboolean present = FALSE;

      for (guint i = 0; i < json_array_get_length (kept); i++)
        present |= g_strcmp0 (tag, json_array_get_string_element (kept, i)) == 0;
      if (!present)
        json_array_add_string_element (kept, tag);
    }

  json_object_set_array_member (attributes, "tags", kept);
  json_object_set_array_member (answer, "tags", json_array_ref (kept));
  set_object (msg, 200, answer);
}

/* A typed value as the server keeps it: a Timestamp comes back with
 * milliseconds and Z; a value that is not of its type is refused. */
static JsonNode *
typed_value (const char *type,
             JsonNode   *value)
{
  GType held = JSON_NODE_HOLDS_VALUE (value) ? json_node_get_value_type (value) : G_TYPE_NONE;

  if (g_strcmp0 (type, "String") == 0 && held == G_TYPE_STRING &&
      g_utf8_strlen (json_node_get_string (value), -1) <= 255)
    return json_node_copy (value);
  if (g_strcmp0 (type, "Integer") == 0 && held == G_TYPE_INT64)
    return json_node_copy (value);
  if (g_strcmp0 (type, "Decimal") == 0 && (held == G_TYPE_INT64 || held == G_TYPE_DOUBLE))
    return json_node_copy (value);
  if (g_strcmp0 (type, "Boolean") == 0 && held == G_TYPE_BOOLEAN)
    return json_node_copy (value);
  if (g_strcmp0 (type, "Timestamp") == 0 && held == G_TYPE_STRING)
    {
      g_autofree char *normal = normalize_timestamp (json_node_get_string (value));
      JsonNode *node;

      if (normal == NULL)
        return NULL;
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, normal);
      return node;
    }

  return NULL;
}

static gboolean
add_custom (SoupServerMessage *msg,
            JsonObject        *custom,
            JsonArray         *items)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonNode *item = json_array_get_element (items, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
      const char *key = object != NULL ? _crm_fake_get_string (object, "key") : NULL;
      JsonNode *value = object != NULL ? json_object_get_member (object, "value") : NULL;
      JsonNode *kept = value != NULL
        ? typed_value (_crm_fake_get_string (object, "type"), value) : NULL;

      if (key == NULL || kept == NULL)
        {
          set_blank_error (msg, "custom", "is invalid");
          return FALSE;
        }
      json_object_set_member (custom, key, kept);
    }

  return TRUE;
}

static gboolean
update_custom (SoupServerMessage *msg,
               JsonObject        *custom,
               JsonObject        *values)
{
  g_autoptr(GList) keys = json_object_get_members (values);

  /* Existing keys only, each keeping its type. */
  for (GList *l = keys; l != NULL; l = l->next)
    if (!json_object_has_member (custom, l->data))
      {
        g_autofree char *message = g_strdup_printf ("Custom attribute %s does not exist",
                                                    (const char *) l->data);

        set_error_a (msg, 422, message, "custom");
        return FALSE;
      }

  for (GList *l = keys; l != NULL; l = l->next)
    json_object_set_member (custom, l->data,
                            json_node_copy (json_object_get_member (values, l->data)));

  return TRUE;
}

/* POST adds typed attributes, PUT changes existing ones, DELETE (with a
 * body) removes them: 200 with all that are left, or 204 for DELETE. */
static void
change_custom (CrmFakeServer     *self,
               SoupServerMessage *msg,
               FakeRecord        *customer,
               const char        *method)
{
  g_autoptr(JsonObject) body = parse_body (msg);
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonObject *attributes = json_object_get_object_member (customer->object, "attributes");
  JsonObject *custom = json_object_get_object_member (attributes, "custom");
  JsonNode *changes;

  if (body == NULL)
    return;

  changes = json_object_get_member (body, "custom");
  if (changes == NULL ||
      (g_str_equal (method, "PUT") ? !JSON_NODE_HOLDS_OBJECT (changes)
                                   : !JSON_NODE_HOLDS_ARRAY (changes)))
    {
      set_blank_error (msg, "custom", "is invalid");
      return;
    }

  if (g_str_equal (method, "DELETE"))
    {
      JsonArray *keys = json_node_get_array (changes);

      for (guint i = 0; i < json_array_get_length (keys); i++)
        if (json_node_get_value_type (json_array_get_element (keys, i)) == G_TYPE_STRING)
          json_object_remove_member (custom, json_array_get_string_element (keys, i));
      soup_server_message_set_status (msg, 204, NULL);
      return;
    }

  if (g_str_equal (method, "POST") ? !add_custom (msg, custom, json_node_get_array (changes))
                                   : !update_custom (msg, custom, json_node_get_object (changes)))
    return;

  json_object_set_object_member (answer, "custom", json_object_ref (custom));
  set_object (msg, 200, answer);
}

static void
list_records (CrmFakeServer     *self,
              SoupServerMessage *msg,
              const char        *resource,
              GHashTable        *query)
{
  g_autofree char *json = NULL;
  guint n_matched;

  json = _crm_fake_server_list (self, _crm_fake_server_get_resource (self, resource), query,
                                FALSE, &n_matched);
  _crm_fake_server_set_json (msg, 200, json);
}

static void
list_data_sources (CrmFakeServer     *self,
                   SoupServerMessage *msg)
{
  FakeResource *resource = _crm_fake_server_get_resource (self, "data_sources");
  g_autoptr(JsonObject) answer = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < resource->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (resource->records, i);

      json_array_add_object_element (array, json_object_ref (record->object));
    }
  json_object_set_array_member (answer, "data_sources", array);
  set_object (msg, 200, answer);
}

static void
search_customers (CrmFakeServer     *self,
                  SoupServerMessage *msg,
                  GHashTable        *query)
{
  const char *email = query != NULL ? g_hash_table_lookup (query, "email") : NULL;
  g_autofree char *json = NULL;
  g_autofree char *message = NULL;
  guint n_matched;

  if (email == NULL)
    {
      set_blank_error (msg, "email", "can't be blank");
      return;
    }

  json = _crm_fake_server_list (self, _crm_fake_server_get_resource (self, "customers"),
                                query, TRUE, &n_matched);
  if (n_matched > 0)
    {
      _crm_fake_server_set_json (msg, 200, json);
      return;
    }

  message = g_strdup_printf ("Can't find any customers with email: \"%s\"", email);
  set_error_a (msg, 404, message, "email");
}

static void
route_record (CrmFakeServer     *self,
              SoupServerMessage *msg,
              const char        *resource,
              const char        *uuid,
              const char        *sub)
{
  const char *method = soup_server_message_get_method (msg);
  FakeRecord *record = _crm_fake_server_lookup (self, resource, uuid);

  if (record == NULL)
    {
      _crm_fake_server_set_json (msg, 404, "{\"error\":\"Record not found\"}");
      return;
    }

  if (sub != NULL && g_str_equal (resource, "customers") && g_str_equal (sub, "attributes/tags"))
    {
      if (g_str_equal (method, "POST") || g_str_equal (method, "DELETE"))
        change_tags (self, msg, record, g_str_equal (method, "POST"));
      else
        soup_server_message_set_status (msg, 405, NULL);
      return;
    }

  if (sub != NULL && g_str_equal (resource, "customers") &&
      g_str_equal (sub, "attributes/custom"))
    {
      if (g_str_equal (method, "POST") || g_str_equal (method, "PUT") ||
          g_str_equal (method, "DELETE"))
        change_custom (self, msg, record, method);
      else
        soup_server_message_set_status (msg, 405, NULL);
      return;
    }

  if (sub != NULL)
    _crm_fake_server_set_json (msg, 404, "{\"error\":\"Not found\"}");
  else if (g_str_equal (method, "GET"))
    set_object (msg, 200, record->object);
  else if (g_str_equal (method, "PATCH"))
    update_record (self, msg, resource, record);
  else if (g_str_equal (method, "DELETE"))
    delete_record (self, msg, resource, record);
  else
    soup_server_message_set_status (msg, 405, NULL);
}

static void
route_collection (CrmFakeServer     *self,
                  SoupServerMessage *msg,
                  const char        *resource,
                  GHashTable        *query)
{
  const char *method = soup_server_message_get_method (msg);

  if (g_str_equal (method, "POST"))
    create_record (self, msg, resource);
  else if (!g_str_equal (method, "GET"))
    soup_server_message_set_status (msg, 405, NULL);
  else if (g_str_equal (resource, "data_sources"))
    list_data_sources (self, msg);
  else
    list_records (self, msg, resource, query);
}

/**
 * _crm_fake_server_route:
 * @self: the server
 * @msg: the request
 * @path: its path, below `/v1`
 * @query: (nullable): its decoded query
 *
 * Answers a request the faults left alone.
 */
void
_crm_fake_server_route (CrmFakeServer     *self,
                        SoupServerMessage *msg,
                        const char        *path,
                        GHashTable        *query)
{
  g_auto(GStrv) parts = NULL;
  g_autofree char *sub = NULL;
  guint n;

  if (!g_str_has_prefix (path, "/v1/"))
    {
      _crm_fake_server_set_json (msg, 404, "{\"error\":\"Not found\"}");
      return;
    }

  parts = g_strsplit (path + strlen ("/v1/"), "/", 3);
  n = g_strv_length (parts);

  if (n == 1 && g_str_equal (parts[0], "ping"))
    _crm_fake_server_set_json (msg, 200, "{\"data\":\"pong!\"}");
  else if (_crm_fake_server_get_resource (self, parts[0]) == NULL)
    _crm_fake_server_set_json (msg, 404, "{\"error\":\"Not found\"}");
  else if (n == 1)
    route_collection (self, msg, parts[0], query);
  else if (n == 2 && g_str_equal (parts[0], "customers") && g_str_equal (parts[1], "search"))
    search_customers (self, msg, query);
  else
    route_record (self, msg, parts[0], parts[1], n == 3 ? parts[2] : NULL);
}
