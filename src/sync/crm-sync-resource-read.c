/* crm-sync-resource-read.c
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
#include "crm-sync-error.h"
#include "crm-sync-resource-private.h"

/*
 * The reading of server records into the form of the local tables.
 * Reading is tolerant where the contract says the service varies (unknown
 * keys, nulls, missing keys, hyphenated keys, unknown statuses kept
 * verbatim, timestamps with `Z` or an offset, due dates as dates or
 * timestamps) and strict where a value of the wrong type would store
 * nonsense: such a record fails its whole page, and the page then changes
 * nothing.
 *
 * A pull reads 30,000 records a second, so a record costs little: its
 * values borrow the entry's own nodes wherever they are kept as sent, and
 * one generator and one checksum serve a whole page.
 */

#define REQUIRED CRM_SYNC_FIELD_REQUIRED

static gboolean
set_malformed (GError         **error,
               const char      *uuid,
               const char      *key,
               const char      *problem)
{
  /* Translators: "The server sent a record that cannot be read (cus_…, due_date: not a date)" */
  g_set_error (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED,
               _("The server sent a record that cannot be read (%s, %s: %s)"),
               uuid != NULL ? uuid : "?", key, problem);
  return FALSE;
}

/* A member by its key; "a/b" reaches into an object. */
static JsonNode *
lookup_member (JsonObject *entry,
               const char *key)
{
  const char *slash = strchr (key, '/');
  char head[32];
  JsonNode *node;

  if (slash == NULL)
    return json_object_get_member (entry, key);

  /* The fields' own keys, all short. */
  g_assert ((gsize) (slash - key) < sizeof head);
  memcpy (head, key, slash - key);
  head[slash - key] = '\0';
  node = json_object_get_member (entry, head);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;

  return lookup_member (json_node_get_object (node), slash + 1);
}

static gboolean
node_int (JsonNode *node,
          gint64   *value)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  type = json_node_get_value_type (node);
  if (type == G_TYPE_INT64)
    {
      *value = json_node_get_int (node);
      return TRUE;
    }

  /* 12.0 is an integer written oddly; 12.5 is not. */
  if (type == G_TYPE_DOUBLE && json_node_get_double (node) == (gint64) json_node_get_double (node))
    {
      *value = (gint64) json_node_get_double (node);
      return TRUE;
    }

  return FALSE;
}

static gboolean
is_choice (const char *choices,
           const char *value)
{
  gsize length = strlen (value);
  const char *choice = choices;

  while (TRUE)
    {
      gsize n = strcspn (choice, "|");

      if (n == length && strncmp (choice, value, n) == 0)
        return TRUE;
      if (choice[n] == '\0')
        return FALSE;
      choice += n + 1;
    }
}

static char *
first_choice (const char *choices)
{
  return g_strndup (choices, strcspn (choices, "|"));
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/*
 * What reading a page keeps from one record to the next: a generator
 * writing into one buffer (the texts of objects and the base) and one
 * checksum (the hash).
 */
typedef struct
{
  JsonGenerator *generator;
  JsonNode      *root;
  GString       *text;
  GString       *column;
  GChecksum     *checksum;
} Reader;

static void
reader_init (Reader *reader)
{
  reader->generator = json_generator_new ();
  reader->root = json_node_new (JSON_NODE_OBJECT);
  reader->text = g_string_sized_new (1024);
  reader->column = g_string_new (NULL);
  reader->checksum = g_checksum_new (G_CHECKSUM_SHA1);
}

static void
reader_clear (Reader *reader)
{
  g_clear_object (&reader->generator);
  g_clear_pointer (&reader->root, json_node_unref);
  if (reader->text != NULL)
    g_string_free (g_steal_pointer (&reader->text), TRUE);
  if (reader->column != NULL)
    g_string_free (g_steal_pointer (&reader->column), TRUE);
  g_clear_pointer (&reader->checksum, g_checksum_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Reader, reader_clear)

/* @node as JSON text, as json_to_string() writes it, in the reader's
 * buffer: good until the next call. */
static const char *
reader_write (Reader   *reader,
              JsonNode *node)
{
  json_generator_set_root (reader->generator, node);
  g_string_truncate (reader->text, 0);
  json_generator_to_gstring (reader->generator, reader->text);

  return reader->text->str;
}

/* The base's text and the hash of the base and the customer's id, as
 * SHA-1 of `base|customer_uuid`.
 *
 * The reader's root takes a reference on the record's values, and
 * json-glib 1.6 counts an object's references without atomics: the
 * reader must let go of them (reader_clear()) before the records leave
 * the parsing thread, as crm_sync_resource_read_entries() does. */
static void
reader_finish (Reader        *reader,
               CrmSyncRecord *record)
{
  const char *customer = record->customer_uuid != NULL ? record->customer_uuid : "";

  /* Not json_node_init_object(): a node initialised again forgets that
   * it let go of its object, and lets go of it once more. */
  json_node_set_object (reader->root, record->values);
  reader_write (reader, reader->root);
  record->base = g_strndup (reader->text->str, reader->text->len);

  g_checksum_reset (reader->checksum);
  g_checksum_update (reader->checksum, (const guchar *) reader->text->str, reader->text->len);
  g_checksum_update (reader->checksum, (const guchar *) "|", 1);
  g_checksum_update (reader->checksum, (const guchar *) customer, -1);
  record->hash = g_strdup (g_checksum_get_string (reader->checksum));
}

/* A node of the entry kept as its value: the record and the tree share it,
 * and the tree may go first. */
static JsonNode *
borrow (JsonNode *node)
{
  json_node_set_parent (node, NULL);
  return json_node_ref (node);
}

static JsonNode *
null_node (JsonNode *node)
{
  if (node != NULL && JSON_NODE_HOLDS_NULL (node))
    return borrow (node);

  return json_node_new (JSON_NODE_NULL);
}

/* Texts, each once, sorted: the entry's own array when it is so already. */
static gboolean
is_sorted_tags (JsonArray *given)
{
  const char *last = NULL;

  for (guint i = 0; i < json_array_get_length (given); i++)
    {
      const char *tag = _crm_sync_node_string (json_array_get_element (given, i));

      if (tag == NULL || *tag == '\0' || (last != NULL && strcmp (last, tag) >= 0))
        return FALSE;
      last = tag;
    }

  return TRUE;
}

static JsonNode *
read_tags (JsonNode *node)
{
  g_autoptr(GPtrArray) tags = NULL;
  JsonArray *array = json_array_new ();
  JsonNode *sorted = json_node_new (JSON_NODE_ARRAY);
  JsonArray *given;

  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node) &&
      is_sorted_tags (json_node_get_array (node)))
    {
      json_array_unref (array);
      json_node_unref (sorted);
      return borrow (node);
    }

  /* The node takes the array: json_node_init_array() would add a
   * reference of its own. */
  json_node_take_array (sorted, array);
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    return sorted;

  given = json_node_get_array (node);
  tags = g_ptr_array_new ();
  for (guint i = 0; i < json_array_get_length (given); i++)
    {
      const char *tag = _crm_sync_node_string (json_array_get_element (given, i));

      if (tag != NULL && *tag != '\0')
        g_ptr_array_add (tags, (gpointer) tag);
    }

  g_ptr_array_sort (tags, compare_strings);
  for (guint i = 0; i < tags->len; i++)
    if (i == 0 || g_strcmp0 (tags->pdata[i], tags->pdata[i - 1]) != 0)
      json_array_add_string_element (array, tags->pdata[i]);

  return sorted;
}

static JsonNode *
read_text (const CrmSyncField *field,
           JsonNode           *node)
{
  const char *text = _crm_sync_node_string (node);

  if (text != NULL && (*text != '\0' || field->type == CRM_SYNC_VALUE_TEXT_NN))
    return borrow (node);
  if (field->type == CRM_SYNC_VALUE_TEXT_NN)
    return _crm_sync_string_node ("");

  return null_node (node);
}

static JsonNode *
read_int (const CrmSyncField *field,
          JsonNode           *node,
          gboolean           *ok)
{
  gint64 value = 0;
  gint64 kept;

  *ok = TRUE;
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return field->type == CRM_SYNC_VALUE_INT_NN ? _crm_sync_int_node (0) : null_node (node);

  if (!node_int (node, &value))
    {
      *ok = FALSE;
      return NULL;
    }

  if (field->type == CRM_SYNC_VALUE_DURATION && value <= 0)
    return json_node_new (JSON_NODE_NULL);
  kept = field->type == CRM_SYNC_VALUE_PERCENT ? CLAMP (value, 0, 100) : value;

  if (kept == value && json_node_get_value_type (node) == G_TYPE_INT64)
    return borrow (node);

  return _crm_sync_int_node (kept);
}

/* @stored, the entry's own node when it says the same. */
static JsonNode *
text_or_borrow (const char *stored,
                JsonNode   *node)
{
  return g_str_equal (stored, json_node_get_string (node)) ? borrow (node)
                                                            : _crm_sync_string_node (stored);
}

static JsonNode *
read_time (const CrmSyncField *field,
           JsonNode           *node,
           gboolean           *ok)
{
  const char *text = _crm_sync_node_string (node);

  *ok = TRUE;
  if (text == NULL || *text == '\0')
    return json_node_new (JSON_NODE_NULL);

  if (field->type == CRM_SYNC_VALUE_DATE)
    {
      g_autoptr(GDate) date = crm_date_parse (text);
      g_autofree char *day = date != NULL ? crm_date_format (date) : NULL;

      *ok = day != NULL;
      return day != NULL ? text_or_borrow (day, node) : NULL;
    }
  else
    {
      g_autoptr(GDateTime) time = crm_timestamp_parse (text);
      g_autofree char *stored = time != NULL ? crm_timestamp_format (time) : NULL;

      *ok = stored != NULL;
      return stored != NULL ? text_or_borrow (stored, node) : NULL;
    }
}

static JsonNode *
read_code (const CrmSyncField *field,
           JsonNode           *node,
           gboolean           *ok)
{
  const char *text = _crm_sync_node_string (node);
  g_autofree char *upper = NULL;
  gsize wanted = field->type == CRM_SYNC_VALUE_COUNTRY ? 2 : 3;
  gboolean fits;

  *ok = TRUE;
  if (text == NULL || *text == '\0')
    {
      *ok = field->type == CRM_SYNC_VALUE_COUNTRY;
      return *ok ? json_node_new (JSON_NODE_NULL) : NULL;
    }

  upper = g_ascii_strup (text, -1);
  fits = strlen (upper) == wanted;
  for (gsize i = 0; fits && i < wanted; i++)
    fits = g_ascii_isupper (upper[i]);

  if (fits)
    return text_or_borrow (upper, node);

  /* A country the app cannot show is dropped; a currency it cannot show
   * would make money out of nothing. */
  *ok = field->type == CRM_SYNC_VALUE_COUNTRY;
  return *ok ? json_node_new (JSON_NODE_NULL) : NULL;
}

static JsonNode *
read_choice (const CrmSyncField *field,
             JsonNode           *node)
{
  const char *text = _crm_sync_node_string (node);
  g_autofree char *fallback = NULL;

  if (text != NULL && is_choice (field->choices, text))
    return borrow (node);

  fallback = first_choice (field->choices);
  return _crm_sync_string_node (fallback);
}

static JsonNode *
read_value (Reader             *reader,
            const CrmSyncField *field,
            JsonNode           *node,
            gboolean           *ok)
{
  gboolean present = node != NULL && !JSON_NODE_HOLDS_NULL (node);
  const char *text = _crm_sync_node_string (node);

  *ok = TRUE;
  switch (field->type)
    {
    case CRM_SYNC_VALUE_TEXT:
    case CRM_SYNC_VALUE_TEXT_NN:
      *ok = !present || text != NULL;
      return *ok ? read_text (field, node) : NULL;
    case CRM_SYNC_VALUE_STATUS:
      *ok = !present || text != NULL;
      if (!*ok)
        return NULL;
      return text != NULL && *text != '\0' ? borrow (node) : _crm_sync_string_node ("New Lead");
    case CRM_SYNC_VALUE_CHOICE:
      *ok = !present || text != NULL;
      return *ok ? read_choice (field, node) : NULL;
    case CRM_SYNC_VALUE_INT:
    case CRM_SYNC_VALUE_INT_NN:
    case CRM_SYNC_VALUE_DURATION:
    case CRM_SYNC_VALUE_PERCENT:
      return read_int (field, node, ok);
    case CRM_SYNC_VALUE_TIMESTAMP:
    case CRM_SYNC_VALUE_DATE:
      *ok = !present || text != NULL;
      return *ok ? read_time (field, node, ok) : NULL;
    case CRM_SYNC_VALUE_COUNTRY:
    case CRM_SYNC_VALUE_CURRENCY:
      *ok = !present || text != NULL;
      return *ok ? read_code (field, node, ok) : NULL;
    case CRM_SYNC_VALUE_OBJECT:
    case CRM_SYNC_VALUE_CUSTOM:
      *ok = !present || JSON_NODE_HOLDS_OBJECT (node);
      if (!*ok)
        return NULL;
      return _crm_sync_string_node (present ? reader_write (reader, node) : "{}");
    case CRM_SYNC_VALUE_TAGS:
      *ok = !present || JSON_NODE_HOLDS_ARRAY (node);
      return *ok ? read_tags (node) : NULL;
    default:
      g_assert_not_reached ();
    }
}

static const char *
member_string (JsonObject *entry,
               const char *key)
{
  return _crm_sync_node_string (json_object_get_member (entry, key));
}

static gboolean
read_identity (const CrmSyncResource  *self,
               JsonObject             *entry,
               CrmSyncRecord          *record,
               GError                **error)
{
  const char *uuid = member_string (entry, self->uuid_key);

  if (uuid == NULL || *uuid == '\0')
    return set_malformed (error, NULL, self->uuid_key, _("missing"));

  record->uuid = g_strdup (uuid);

  if (self->has_customer)
    {
      JsonNode *node = json_object_get_member (entry, "customer_uuid");

      if (node != NULL && !JSON_NODE_HOLDS_NULL (node) && _crm_sync_node_string (node) == NULL)
        return set_malformed (error, uuid, "customer_uuid", _("not text"));
      record->customer_uuid = g_strdup (_crm_sync_node_string (node));
    }

  if (self->kind == CRM_ENTITY_CUSTOMER || self->kind == CRM_ENTITY_CONTACT)
    record->external_id = g_strdup (member_string (entry, "external_id"));
  if (self->kind == CRM_ENTITY_ACTIVITY)
    record->author = g_strdup (member_string (entry, "author"));

  return TRUE;
}

/* Whether @node holds a number with a fraction anywhere. */
static gboolean
holds_double (JsonNode *node)
{
  if (JSON_NODE_HOLDS_VALUE (node))
    return json_node_get_value_type (node) == G_TYPE_DOUBLE;

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (holds_double (json_array_get_element (array, i)))
          return TRUE;
    }

  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        if (holds_double (member))
          return TRUE;
    }

  return FALSE;
}

/* As expand_custom() does from the text of @custom, the entry's custom
 * attributes, already kept in @values. The nodes read back from that text
 * are the entry's own, and are borrowed, unless a number has a fraction:
 * json-glib may write one that does not read back (1e22 as `1e+22.0`, which
 * leaves the record without columns of its own), so such attributes are
 * read back from the text, as they always were. */
static void
add_custom_columns_read (const CrmSyncResource *self,
                         Reader                *reader,
                         JsonNode              *custom,
                         JsonObject            *values)
{
  g_autoptr(GList) keys = NULL;
  JsonObject *object;

  if (custom == NULL || !JSON_NODE_HOLDS_OBJECT (custom))
    return;
  if (holds_double (custom))
    {
      _crm_sync_resource_expand_custom (self, values);
      return;
    }

  object = json_node_get_object (custom);
  keys = json_object_get_members (object);
  for (GList *l = keys; l != NULL; l = l->next)
    {
      g_string_assign (reader->column, CRM_SYNC_CUSTOM_PREFIX);
      g_string_append (reader->column, l->data);
      json_object_set_member (values, reader->column->str,
                              borrow (json_object_get_member (object, l->data)));
    }
}

static CrmSyncRecord *
read_entry (const CrmSyncResource  *self,
            Reader                 *reader,
            JsonObject             *entry,
            GError                **error)
{
  g_autoptr(CrmSyncRecord) record = g_new0 (CrmSyncRecord, 1);
  JsonNode *custom = NULL;

  if (!read_identity (self, entry, record, error))
    return NULL;

  record->values = json_object_new ();
  for (const CrmSyncField *field = self->fields; field->column != NULL; field++)
    {
      JsonNode *node = lookup_member (entry, field->key);
      gboolean ok;
      JsonNode *value;

      if ((field->flags & REQUIRED) && (node == NULL || JSON_NODE_HOLDS_NULL (node)))
        {
          set_malformed (error, record->uuid, field->key, _("missing"));
          return NULL;
        }

      value = read_value (reader, field, node, &ok);
      if (!ok)
        {
          set_malformed (error, record->uuid, field->key, _("a value of the wrong kind"));
          return NULL;
        }
      json_object_set_member (record->values, field->column, value);
      if (field->type == CRM_SYNC_VALUE_CUSTOM)
        custom = node;
    }
  add_custom_columns_read (self, reader, custom, record->values);
  reader_finish (reader, record);

  return g_steal_pointer (&record);
}

/**
 * crm_sync_resource_read_entry:
 * @self: a resource
 * @entry: one entry of its list, as the server sent it
 * @error: return location for a #GError
 *
 * The record may keep nodes of @entry as its values, with references of
 * their own.
 *
 * Returns: (transfer full): the record, or %NULL with
 *   %CRM_SYNC_ERROR_MALFORMED naming the record and the field
 */
CrmSyncRecord *
crm_sync_resource_read_entry (const CrmSyncResource  *self,
                              JsonObject             *entry,
                              GError                **error)
{
  g_auto(Reader) reader = { NULL };

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entry != NULL, NULL);

  reader_init (&reader);
  return read_entry (self, &reader, entry, error);
}

/**
 * crm_sync_resource_read_entries:
 * @self: a resource
 * @entries: the entries of a page
 * @error: return location for a #GError
 *
 * Reads a page. One record that cannot be read fails the page. As
 * crm_sync_resource_read_entry(), the records may share nodes with
 * @entries.
 *
 * Returns: (transfer full) (element-type CrmSyncRecord): the records
 */
GPtrArray *
crm_sync_resource_read_entries (const CrmSyncResource  *self,
                                JsonArray              *entries,
                                GError                **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_auto(Reader) reader = { NULL };
  guint n;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (entries != NULL, NULL);

  reader_init (&reader);
  n = json_array_get_length (entries);
  records = g_ptr_array_new_full (n, (GDestroyNotify) crm_sync_record_free);
  for (guint i = 0; i < n; i++)
    {
      CrmSyncRecord *record;

      record = read_entry (self, &reader, json_array_get_object_element (entries, i), error);
      if (record == NULL)
        return NULL;
      g_ptr_array_add (records, record);
    }

  return g_steal_pointer (&records);
}
