/* crm-fake-server-records.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-fake-server"

#include "config.h"

#include <string.h>

#include "crm-fake-server-private.h"

/* The fake server's records and its lists: order, filters, cursors. */

static const struct {
  const char *name;
  const char *uuid_key;
  const char *uuid_prefix;
  gboolean    by_customer_since;
  gboolean    has_timestamps;
} resource_kinds[] = {
  { "customers", "uuid", "cus_", TRUE, FALSE },
  { "contacts", "uuid", "con_", FALSE, FALSE },
  { "customer_notes", "uuid", "note_", FALSE, TRUE },
  { "opportunities", "uuid", "", FALSE, TRUE },
  { "tasks", "task_uuid", "", FALSE, TRUE },
  { "data_sources", "uuid", "ds_", FALSE, FALSE },
};

static void
fake_record_free (gpointer data)
{
  FakeRecord *record = data;

  g_free (record->uuid);
  json_object_unref (record->object);
  g_free (record);
}

static void
fake_resource_free (gpointer data)
{
  FakeResource *resource = data;

  g_ptr_array_unref (resource->records);
  g_hash_table_unref (resource->by_uuid);
  g_free (resource);
}

void
_crm_fake_server_init_resources (CrmFakeServer *self)
{
  self->resources = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, fake_resource_free);
  self->next_customer_id = 1001;

  for (guint i = 0; i < G_N_ELEMENTS (resource_kinds); i++)
    {
      FakeResource *resource = g_new0 (FakeResource, 1);

      resource->name = resource_kinds[i].name;
      resource->uuid_key = resource_kinds[i].uuid_key;
      resource->uuid_prefix = resource_kinds[i].uuid_prefix;
      resource->by_customer_since = resource_kinds[i].by_customer_since;
      resource->has_timestamps = resource_kinds[i].has_timestamps;
      resource->records = g_ptr_array_new_with_free_func (fake_record_free);
      resource->by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
      g_hash_table_insert (self->resources, (gpointer) resource->name, resource);
    }
}

void
_crm_fake_server_clear_resources (CrmFakeServer *self)
{
  g_clear_pointer (&self->resources, g_hash_table_unref);
}

FakeResource *
_crm_fake_server_get_resource (CrmFakeServer *self,
                               const char    *name)
{
  return g_hash_table_lookup (self->resources, name);
}

char *
_crm_fake_server_dup_now (CrmFakeServer *self)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *seconds = NULL;
  gint64 usec = _crm_fake_server_now (self);

  now = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);
  seconds = g_date_time_format (now, "%Y-%m-%dT%H:%M:%S");
  return g_strdup_printf ("%s.%03dZ", seconds, (int) (usec % G_USEC_PER_SEC) / 1000);
}

const char *
_crm_fake_get_string (JsonObject *object,
                      const char *key)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;

  return json_node_get_string (node);
}

static char *
sort_string (FakeResource *resource,
             FakeRecord   *record)
{
  const char *value;

  if (resource->by_customer_since)
    value = _crm_fake_get_string (record->object, "customer-since");
  else
    value = _crm_fake_get_string (record->object, "created_at");

  return g_strdup (value != NULL ? value : "");
}

typedef struct
{
  FakeRecord *record;
  char       *key;
} Sorted;

static void
sorted_clear (gpointer data)
{
  g_free (((Sorted *) data)->key);
}

static int
compare_keys (const char *key_a,
              guint64     seq_a,
              const char *key_b,
              guint64     seq_b)
{
  int by_key = strcmp (key_a, key_b);

  if (by_key != 0)
    return by_key;

  return seq_a < seq_b ? -1 : seq_a > seq_b;
}

static int
compare_ascending (gconstpointer a,
                   gconstpointer b)
{
  const Sorted *x = a, *y = b;

  return compare_keys (x->key, x->record->seq, y->key, y->record->seq);
}

static int
compare_descending (gconstpointer a,
                    gconstpointer b)
{
  return -compare_ascending (a, b);
}

static char *
encode_cursor (const char *key,
               guint64     seq)
{
  g_autofree char *plain = g_strdup_printf ("%s&%" G_GUINT64_FORMAT, key, seq);

  return g_base64_encode ((const guchar *) plain, strlen (plain));
}

static gboolean
decode_cursor (const char  *cursor,
               char       **key,
               guint64     *seq)
{
  g_autofree guchar *plain = NULL;
  g_autofree char *text = NULL;
  gsize len;
  char *amp;

  plain = g_base64_decode (cursor, &len);
  text = g_strndup ((const char *) plain, len);
  amp = strrchr (text, '&');
  if (amp == NULL)
    return FALSE;

  *amp = '\0';
  *key = g_strdup (text);
  return g_ascii_string_to_unsigned (amp + 1, 10, 0, G_MAXUINT64, seq, NULL);
}

static gboolean
matches_filter (FakeResource *resource,
                JsonObject   *object,
                const char   *key,
                const char   *value)
{
  const char *member;

  if (g_str_equal (resource->name, "tasks") && g_str_equal (key, "completed"))
    {
      gboolean completed = _crm_fake_get_string (object, "completed_at") != NULL;

      return completed == g_str_equal (value, "true");
    }

  member = _crm_fake_get_string (object, key);
  return member != NULL && g_str_equal (member, value);
}

static gboolean
matches_query (FakeResource *resource,
               JsonObject   *object,
               GHashTable   *query)
{
  GHashTableIter iter;
  gpointer key, value;

  if (query == NULL)
    return TRUE;

  g_hash_table_iter_init (&iter, query);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      if (g_str_equal (key, "per_page") || g_str_equal (key, "cursor"))
        continue;
      if (!matches_filter (resource, object, key, value))
        return FALSE;
    }

  return TRUE;
}

/* The records a list holds, in its order. */
static GArray *
sorted_records (FakeResource *resource,
                GHashTable   *query)
{
  GArray *sorted = g_array_new (FALSE, FALSE, sizeof (Sorted));

  g_array_set_clear_func (sorted, sorted_clear);
  for (guint i = 0; i < resource->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (resource->records, i);
      Sorted item = { record, NULL };

      if (!matches_query (resource, record->object, query))
        continue;

      item.key = sort_string (resource, record);
      g_array_append_val (sorted, item);
    }

  g_array_sort (sorted, resource->by_customer_since ? compare_ascending : compare_descending);
  return sorted;
}

static guint
first_after_cursor (FakeResource *resource,
                    GArray       *sorted,
                    const char   *cursor)
{
  g_autofree char *key = NULL;
  guint64 seq = 0;

  if (cursor == NULL || !decode_cursor (cursor, &key, &seq))
    return 0;

  for (guint i = 0; i < sorted->len; i++)
    {
      Sorted *item = &g_array_index (sorted, Sorted, i);
      int order = compare_keys (item->key, item->record->seq, key, seq);

      if (resource->by_customer_since ? order > 0 : order < 0)
        return i;
    }

  return sorted->len;
}

static guint
page_size (CrmFakeServer *self,
           GHashTable    *query)
{
  const char *asked = query != NULL ? g_hash_table_lookup (query, "per_page") : NULL;
  guint64 per_page = 200;

  if (asked != NULL)
    g_ascii_string_to_unsigned (asked, 10, 1, G_MAXUINT, &per_page, NULL);

  return MIN (MIN (per_page, 200), self->page_size);
}

static void
add_envelope (JsonObject *envelope,
              const char *cursor,
              gboolean    has_more)
{
  if (cursor != NULL)
    json_object_set_string_member (envelope, "cursor", cursor);
  else
    json_object_set_null_member (envelope, "cursor");
  json_object_set_boolean_member (envelope, "has_more", has_more);
}

static char *
to_json (JsonObject *object)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), object);

  return json_to_string (node, FALSE);
}

/* Legacy offset fields, on the first page of the customer lists only. */
static void
add_legacy_fields (JsonObject *envelope,
                   guint       total,
                   guint       per_page,
                   gboolean    search)
{
  json_object_set_int_member (envelope, "current_page", 1);
  if (search)
    json_object_set_null_member (envelope, "total_pages");
  else
    json_object_set_int_member (envelope, "total_pages", (total + per_page - 1) / per_page);
  json_object_set_int_member (envelope, "per_page", per_page);
  json_object_set_int_member (envelope, "page", 1);
}

static char *
list_generated (CrmFakeServer *self,
                FakeResource  *resource,
                GHashTable    *query)
{
  const char *cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  g_autoptr(JsonObject) envelope = json_object_new ();
  JsonArray *entries = json_array_new ();
  guint per_page = page_size (self, query);
  g_autofree char *next = NULL;
  g_autofree char *key = NULL;
  guint64 start = 0;
  guint end;

  if (cursor != NULL && decode_cursor (cursor, &key, &start))
    start++;

  end = MIN (resource->n_generated, start + per_page);
  next = end > start ? encode_cursor ("g", end - 1) : NULL;

  if (resource->text_generator != NULL)
    {
      GString *text = g_string_sized_new (per_page * 1024);

      json_array_unref (entries);
      g_string_append (text, "{\"entries\":[");
      for (guint i = start; i < end; i++)
        {
          if (i > start)
            g_string_append_c (text, ',');
          resource->text_generator (i, text, resource->generator_data);
        }
      g_string_append_printf (text, "],\"cursor\":%s%s%s,\"has_more\":%s}",
                              next != NULL ? "\"" : "", next != NULL ? next : "null",
                              next != NULL ? "\"" : "",
                              end < resource->n_generated ? "true" : "false");
      return g_string_free (text, FALSE);
    }

  for (guint i = start; i < end; i++)
    json_array_add_object_element (entries, resource->generator (i, resource->generator_data));

  json_object_set_array_member (envelope, "entries", entries);
  add_envelope (envelope, next, end < resource->n_generated);

  return to_json (envelope);
}

/**
 * _crm_fake_server_list:
 * @self: the server
 * @resource: what it lists
 * @query: the filters, `per_page` and `cursor`
 * @search: whether this is the customer search (total pages null)
 * @n_matched: (out): how many records match, on all pages
 *
 * Returns: (transfer full): the page's JSON
 */
char *
_crm_fake_server_list (CrmFakeServer *self,
                       FakeResource  *resource,
                       GHashTable    *query,
                       gboolean       search,
                       guint         *n_matched)
{
  const char *cursor = query != NULL ? g_hash_table_lookup (query, "cursor") : NULL;
  g_autoptr(JsonObject) envelope = json_object_new ();
  g_autoptr(GArray) sorted = NULL;
  g_autofree char *next = NULL;
  JsonArray *entries = json_array_new ();
  guint per_page = page_size (self, query);
  guint start, end;

  if (resource->generator != NULL || resource->text_generator != NULL)
    {
      json_array_unref (entries);
      *n_matched = resource->n_generated;
      return list_generated (self, resource, query);
    }

  sorted = sorted_records (resource, query);
  start = first_after_cursor (resource, sorted, cursor);
  end = MIN (sorted->len, start + per_page);
  *n_matched = sorted->len;

  for (guint i = start; i < end; i++)
    {
      FakeRecord *record = g_array_index (sorted, Sorted, i).record;

      json_array_add_object_element (entries, json_object_ref (record->object));
    }

  /* The last page keeps the cursor of its last entry, as the service's do. */
  if (end > start)
    {
      Sorted *last = &g_array_index (sorted, Sorted, end - 1);

      next = encode_cursor (last->key, last->record->seq);
    }

  json_object_set_array_member (envelope, "entries", entries);
  add_envelope (envelope, next, end < sorted->len);
  if (cursor == NULL && resource->by_customer_since)
    add_legacy_fields (envelope, sorted->len, per_page, search);

  return to_json (envelope);
}

FakeRecord *
_crm_fake_server_lookup (CrmFakeServer *self,
                         const char    *resource_name,
                         const char    *uuid)
{
  FakeResource *resource = _crm_fake_server_get_resource (self, resource_name);

  if (resource == NULL || uuid == NULL)
    return NULL;

  return g_hash_table_lookup (resource->by_uuid, uuid);
}

/**
 * _crm_fake_server_insert:
 * @self: the server
 * @resource: where it goes
 * @object: (transfer full): the record, without its uuid
 *
 * Returns: (transfer none): the record, with a new uuid
 */
FakeRecord *
_crm_fake_server_insert (CrmFakeServer *self,
                         FakeResource  *resource,
                         JsonObject    *object)
{
  FakeRecord *record = g_new0 (FakeRecord, 1);
  const char *given = _crm_fake_get_string (object, resource->uuid_key);
  g_autofree char *random = g_uuid_string_random ();

  record->seq = ++self->next_seq;
  record->uuid = given != NULL ? g_strdup (given)
                               : g_strconcat (resource->uuid_prefix, random, NULL);
  record->object = object;
  json_object_set_string_member (object, resource->uuid_key, record->uuid);

  g_ptr_array_add (resource->records, record);
  g_hash_table_insert (resource->by_uuid, record->uuid, record);
  return record;
}

void
_crm_fake_server_delete (CrmFakeServer *self,
                         FakeResource  *resource,
                         FakeRecord    *record)
{
  g_hash_table_remove (resource->by_uuid, record->uuid);
  g_ptr_array_remove (resource->records, record);
}

/* Deleting a customer on the server takes its records with it. */
void
_crm_fake_server_delete_children (CrmFakeServer *self,
                                  const char    *customer_uuid)
{
  static const char * const children[] = {
    "contacts", "customer_notes", "opportunities", "tasks"
  };

  for (guint i = 0; i < G_N_ELEMENTS (children); i++)
    {
      FakeResource *resource = _crm_fake_server_get_resource (self, children[i]);

      for (guint j = resource->records->len; j > 0; j--)
        {
          FakeRecord *record = g_ptr_array_index (resource->records, j - 1);

          if (g_strcmp0 (_crm_fake_get_string (record->object, "customer_uuid"),
                         customer_uuid) == 0)
            _crm_fake_server_delete (self, resource, record);
        }
    }
}

static JsonObject *
parse_object (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonNode *root;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  root = json_parser_get_root (parser);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (root));

  return json_object_ref (json_node_get_object (root));
}

static void
merge_members (JsonObject *into,
               JsonObject *from)
{
  g_autoptr(GList) members = json_object_get_members (from);

  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (into, l->data,
                            json_node_copy (json_object_get_member (from, l->data)));
}

/**
 * crm_fake_server_add:
 * @self: a server
 * @resource: `customers`, `contacts`, `customer_notes`, `opportunities`,
 *   `tasks` or `data_sources`
 * @json: the record as the server sends it; a missing uuid is made, and
 *   missing timestamps and ids are filled in
 *
 * Adds a record "on the server", as another user of the account would.
 *
 * Returns: (transfer full): its uuid
 */
char *
crm_fake_server_add (CrmFakeServer *self,
                     const char    *resource,
                     const char    *json)
{
  g_autoptr(JsonObject) object = parse_object (json);
  g_autoptr(JsonObject) complete = NULL;
  FakeRecord *record;
  char *uuid;

  g_rec_mutex_lock (&self->lock);
  complete = _crm_fake_server_complete (self, resource, object);
  record = _crm_fake_server_insert (self, _crm_fake_server_get_resource (self, resource),
                                    g_steal_pointer (&complete));
  uuid = g_strdup (record->uuid);
  g_rec_mutex_unlock (&self->lock);

  return uuid;
}

/**
 * crm_fake_server_edit:
 * @self: a server
 * @resource: the record's list
 * @uuid: the record
 * @json: the members to set, replacing those it has
 *
 * Changes a record "on the server"; notes, opportunities and tasks get a
 * new `updated_at`.
 */
void
crm_fake_server_edit (CrmFakeServer *self,
                      const char    *resource,
                      const char    *uuid,
                      const char    *json)
{
  g_autoptr(JsonObject) changes = parse_object (json);
  FakeRecord *record;

  g_rec_mutex_lock (&self->lock);
  record = _crm_fake_server_lookup (self, resource, uuid);
  g_assert_nonnull (record);
  merge_members (record->object, changes);
  if (_crm_fake_server_get_resource (self, resource)->has_timestamps &&
      !json_object_has_member (changes, "updated_at"))
    {
      g_autofree char *now = _crm_fake_server_dup_now (self);

      json_object_set_string_member (record->object, "updated_at", now);
    }
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_remove:
 * @self: a server
 * @resource: the record's list
 * @uuid: the record
 *
 * Deletes a record "on the server" (a customer takes its records along).
 */
void
crm_fake_server_remove (CrmFakeServer *self,
                        const char    *resource,
                        const char    *uuid)
{
  FakeRecord *record;

  g_rec_mutex_lock (&self->lock);
  record = _crm_fake_server_lookup (self, resource, uuid);
  g_assert_nonnull (record);
  if (g_str_equal (resource, "customers"))
    _crm_fake_server_delete_children (self, uuid);
  _crm_fake_server_delete (self, _crm_fake_server_get_resource (self, resource), record);
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_dup:
 * @self: a server
 * @resource: the record's list
 * @uuid: the record
 *
 * Returns: (transfer full) (nullable): a copy of the record as the server
 *   holds it
 */
JsonObject *
crm_fake_server_dup (CrmFakeServer *self,
                     const char    *resource,
                     const char    *uuid)
{
  JsonObject *copy = NULL;
  FakeRecord *record;

  g_rec_mutex_lock (&self->lock);
  record = _crm_fake_server_lookup (self, resource, uuid);
  if (record != NULL)
    {
      g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), record->object);
      g_autoptr(JsonNode) node_copy = json_node_copy (node);

      copy = json_object_ref (json_node_get_object (node_copy));
    }
  g_rec_mutex_unlock (&self->lock);

  return copy;
}

/**
 * crm_fake_server_count:
 * @self: a server
 * @resource: a list
 *
 * Returns: how many records it holds
 */
guint
crm_fake_server_count (CrmFakeServer *self,
                       const char    *resource)
{
  FakeResource *found;
  guint n;

  g_rec_mutex_lock (&self->lock);
  found = _crm_fake_server_get_resource (self, resource);
  n = found->generator != NULL || found->text_generator != NULL ? found->n_generated
                                                                : found->records->len;
  g_rec_mutex_unlock (&self->lock);

  return n;
}

/**
 * crm_fake_server_dup_all:
 * @self: a server
 * @resource: a list
 *
 * Returns: (transfer full) (element-type JsonObject): copies of its
 *   records, in the order they were added
 */
GPtrArray *
crm_fake_server_dup_all (CrmFakeServer *self,
                         const char    *resource)
{
  GPtrArray *all = g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref);
  FakeResource *found;

  g_rec_mutex_lock (&self->lock);
  found = _crm_fake_server_get_resource (self, resource);
  for (guint i = 0; i < found->records->len; i++)
    {
      FakeRecord *record = g_ptr_array_index (found->records, i);

      g_ptr_array_add (all, crm_fake_server_dup (self, resource, record->uuid));
    }
  g_rec_mutex_unlock (&self->lock);

  return all;
}

/**
 * crm_fake_server_generate:
 * @self: a server
 * @resource: a list
 * @n_records: how many records it holds from now on
 * @generator: makes record i when a page asks for it
 * @user_data: data for @generator
 *
 * Makes a list of many records without keeping them (benchmarks). The
 * list is served in index order and holds nothing else.
 */
void
crm_fake_server_generate (CrmFakeServer    *self,
                          const char       *resource,
                          guint             n_records,
                          CrmFakeGenerator  generator,
                          gpointer          user_data)
{
  FakeResource *found;

  g_rec_mutex_lock (&self->lock);
  found = _crm_fake_server_get_resource (self, resource);
  found->generator = generator;
  found->generator_data = user_data;
  found->n_generated = n_records;
  g_rec_mutex_unlock (&self->lock);
}

/**
 * crm_fake_server_generate_text:
 * @self: a server
 * @resource: a list
 * @n_records: how many records it holds from now on
 * @generator: writes record i when a page asks for it
 * @user_data: data for @generator
 *
 * As crm_fake_server_generate(), but the records are written as text, so
 * the server keeps up with a client of any speed.
 */
void
crm_fake_server_generate_text (CrmFakeServer        *self,
                               const char           *resource,
                               guint                 n_records,
                               CrmFakeTextGenerator  generator,
                               gpointer              user_data)
{
  FakeResource *found;

  g_rec_mutex_lock (&self->lock);
  found = _crm_fake_server_get_resource (self, resource);
  found->text_generator = generator;
  found->generator_data = user_data;
  found->n_generated = n_records;
  g_rec_mutex_unlock (&self->lock);
}
