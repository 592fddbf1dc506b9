/* crm-csv-export.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <csv.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "crm-csv-export.h"
#include "crm-date.h"
#include "crm-store.h"

/* The fixed columns, in order: the header name and the property it reads.
 * The stable external id is exported as "id", so that a re-import matches
 * rows before it looks at emails. */
static const struct {
  const char *header;
  const char *property;
} fixed_columns[] = {
  { "id", "external-id" },
  { "name", "name" },
  { "company", "company" },
  { "email", "email" },
  { "status", "status" },
  { "owner", "owner" },
  { "website", "website" },
  { "linkedin", "linkedin" },
  { "street", "street" },
  { "city", "city" },
  { "zip", "zip" },
  { "state", "state" },
  { "country", "country" },
  { "lead_created_at", "lead-created-at" },
  { "free_trial_started_at", "free-trial-started-at" },
  { "customer_since", "customer-since" },
  { "tags", "tags" },
};

typedef struct
{
  FILE       *file;
  const char *path;      /* the target, for messages */
  int         errno_value;
} CsvWriter;

/* Spaces at either end are quoted too, since a reader may trim them. */
static gboolean
needs_quotes (const char *text)
{
  gsize length = strlen (text);

  return strpbrk (text, ",\"\r\n") != NULL ||
         (length > 0 && (text[0] == ' ' || text[length - 1] == ' '));
}

/* Spreadsheets run a cell that starts with one of these as a formula. The
 * import takes one leading apostrophe off such a cell, so a cell that
 * already starts with apostrophes before one of these gets one more: a
 * round trip gives back exactly what was stored. */
static gboolean
looks_like_formula (const char *text)
{
  while (text[0] == '\'')
    text++;

  return text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL;
}

static gboolean
writer_fail (CsvWriter *writer)
{
  if (writer->errno_value == 0)
    writer->errno_value = errno != 0 ? errno : EIO;

  return FALSE;
}

static gboolean
write_cell (CsvWriter  *writer,
            const char *text,
            gboolean    first)
{
  g_autofree char *guarded = NULL;

  if (text == NULL)
    text = "";

  if (looks_like_formula (text))
    text = guarded = g_strconcat ("'", text, NULL);

  if (!first && fputc (',', writer->file) == EOF)
    return writer_fail (writer);

  /* libcsv always quotes, so it writes only the cells that need it. */
  if (needs_quotes (text))
    {
      if (csv_fwrite (writer->file, text, strlen (text)) != 0)
        return writer_fail (writer);
    }
  else if (fputs (text, writer->file) == EOF)
    {
      return writer_fail (writer);
    }

  return TRUE;
}

static gboolean
end_row (CsvWriter *writer)
{
  if (fputs ("\r\n", writer->file) == EOF)
    return writer_fail (writer);

  return TRUE;
}

/* Renders a custom attribute as the text a spreadsheet shows. */
static char *
format_json_node (JsonNode *node)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return json_to_string (node, FALSE);

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_STRING:
      return json_node_dup_string (node);

    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));

    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? "true" : "false");

    case G_TYPE_DOUBLE:
      {
        char buffer[G_ASCII_DTOSTR_BUF_SIZE];

        return g_strdup (g_ascii_dtostr (buffer, sizeof buffer,
                                         json_node_get_double (node)));
      }

    default:
      return json_to_string (node, FALSE);
    }
}

/* Reads one property of a record as text, whatever its type. */
static char *
dup_property_text (GObject    *object,
                   const char *property)
{
  g_auto(GValue) value = G_VALUE_INIT;
  GParamSpec *pspec;
  GType type;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);
  if (pspec == NULL)
    return NULL;

  type = G_PARAM_SPEC_VALUE_TYPE (pspec);
  g_value_init (&value, type);
  g_object_get_property (object, property, &value);

  if (type == G_TYPE_STRING)
    return g_value_dup_string (&value);
  /* The store's own form, so an export keeps the milliseconds. */
  if (type == G_TYPE_DATE_TIME)
    return g_value_get_boxed (&value) != NULL
      ? crm_timestamp_format (g_value_get_boxed (&value)) : NULL;
  if (type == G_TYPE_STRV)
    {
      const char * const *strv = g_value_get_boxed (&value);

      return strv != NULL ? g_strjoinv (",", (char **) strv) : NULL;
    }

  if (g_value_type_transformable (type, G_TYPE_STRING))
    {
      g_auto(GValue) text = G_VALUE_INIT;

      g_value_init (&text, G_TYPE_STRING);
      if (g_value_transform (&value, &text))
        return g_value_dup_string (&text);
    }

  return NULL;
}

static JsonObject *
dup_attributes (GObject *object)
{
  JsonObject *attributes = NULL;

  if (g_object_class_find_property (G_OBJECT_GET_CLASS (object), "attributes") == NULL)
    return NULL;

  g_object_get (object, "attributes", &attributes, NULL);
  return attributes;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static GObject *
load_customer (CrmStore  *store,
               gint64     id,
               GError   **error)
{
  GObject *object;

  object = crm_store_load (store, CRM_ENTITY_CUSTOMER, id, error);
  if (object == NULL && error != NULL && *error == NULL)
    {
      /* xgettext cannot read G_GINT64_FORMAT inside a message. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: %s is the customer's record number */
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("Customer %s could not be read"), number);
    }

  return object;
}

/* First pass: the custom attribute keys of the exported rows, sorted, so
 * the header is known before the first row is written. */
static GPtrArray *
collect_attribute_keys (CrmStore  *store,
                        GArray    *ids,
                        GError   **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) customer = NULL;
      g_autoptr(JsonObject) attributes = NULL;
      JsonObjectIter iter;
      const char *key;

      customer = load_customer (store, g_array_index (ids, gint64, i), error);
      if (customer == NULL)
        return NULL;

      attributes = dup_attributes (customer);
      if (attributes == NULL)
        continue;

      json_object_iter_init (&iter, attributes);
      while (json_object_iter_next (&iter, &key, NULL))
        {
          char *copy;

          if (g_hash_table_contains (seen, key))
            continue;

          copy = g_strdup (key);
          g_ptr_array_add (keys, copy);
          g_hash_table_add (seen, copy);
        }
    }

  g_ptr_array_sort (keys, compare_keys);
  return g_steal_pointer (&keys);
}

static gboolean
write_header (CsvWriter *writer,
              GPtrArray *keys)
{
  for (guint i = 0; i < G_N_ELEMENTS (fixed_columns); i++)
    {
      if (!write_cell (writer, fixed_columns[i].header, i == 0))
        return FALSE;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      if (!write_cell (writer, g_ptr_array_index (keys, i), FALSE))
        return FALSE;
    }

  return end_row (writer);
}

static gboolean
write_customer (CsvWriter *writer,
                GObject   *customer,
                GPtrArray *keys)
{
  g_autoptr(JsonObject) attributes = dup_attributes (customer);

  for (guint i = 0; i < G_N_ELEMENTS (fixed_columns); i++)
    {
      g_autofree char *text = dup_property_text (customer, fixed_columns[i].property);

      if (!write_cell (writer, text, i == 0))
        return FALSE;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const char *key = g_ptr_array_index (keys, i);
      g_autofree char *text = NULL;

      if (attributes != NULL && json_object_has_member (attributes, key))
        text = format_json_node (json_object_get_member (attributes, key));

      if (!write_cell (writer, text, FALSE))
        return FALSE;
    }

  return end_row (writer);
}

static gboolean
set_write_error (GError     **error,
                 const char  *path,
                 int          errno_value)
{
  g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno_value),
               _("Cannot write “%s”: %s"), path, g_strerror (errno_value));
  return FALSE;
}

/* Second pass: every row, straight into the temporary file. On a store
 * error @error is set; on an I/O error writer->errno_value is. */
static gboolean
write_rows (CsvWriter  *writer,
            CrmStore   *store,
            GArray     *ids,
            GPtrArray  *keys,
            GError    **error)
{
  if (!write_header (writer, keys))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) customer = NULL;

      customer = load_customer (store, g_array_index (ids, gint64, i), error);
      if (customer == NULL)
        return FALSE;

      if (!write_customer (writer, customer, keys))
        return FALSE;
    }

  return TRUE;
}

static gboolean
finish_file (CsvWriter *writer)
{
  FILE *file = g_steal_pointer (&writer->file);
  gboolean ok = TRUE;

  errno = 0;
  if (fflush (file) != 0 || ferror (file) || fsync (fileno (file)) != 0)
    ok = writer_fail (writer);

  errno = 0;
  if (fclose (file) != 0 && ok)
    ok = writer_fail (writer);

  return ok;
}

/**
 * crm_csv_export_customers:
 * @store: a #CrmStore
 * @filter: (nullable): which customers; %NULL for all
 * @path: the file to write; replaced as a whole
 * @n_rows: (out) (optional): the number of customers written
 * @error: return location for a #GError
 *
 * Writes the customers that @filter selects, sorted by name, as UTF-8 CSV
 * (RFC 4180: CRLF line ends, a field quoted only when it must be). The
 * columns are the stable id, the customer's fields, its tags (joined by
 * commas) and one column per custom attribute found in the rows. A cell
 * that a spreadsheet would run as a formula starts with an apostrophe.
 *
 * The rows go to a temporary file beside @path, which replaces @path only
 * when everything was written: a failure never leaves half a file.
 *
 * Main thread: reads through the store's reader connection.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_csv_export_customers (CrmStore    *store,
                          CrmFilter   *filter,
                          const char  *path,
                          guint       *n_rows,
                          GError     **error)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) keys = NULL;
  g_autofree char *temp_path = NULL;
  CsvWriter writer = { NULL, path, 0 };
  GError *store_error = NULL;
  int fd;

  g_return_val_if_fail (CRM_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  ids = crm_store_query_ids (store, CRM_ENTITY_CUSTOMER, filter, NULL, "name", FALSE, error);
  if (ids == NULL)
    return FALSE;

  keys = collect_attribute_keys (store, ids, error);
  if (keys == NULL)
    return FALSE;

  temp_path = g_strconcat (path, ".XXXXXX", NULL);
  fd = g_mkstemp_full (temp_path, O_WRONLY | O_CLOEXEC, 0666);
  if (fd < 0)
    return set_write_error (error, path, errno);

  writer.file = fdopen (fd, "w");
  if (writer.file == NULL)
    {
      int saved_errno = errno;

      close (fd);
      g_unlink (temp_path);
      return set_write_error (error, path, saved_errno);
    }

  if (!write_rows (&writer, store, ids, keys, &store_error))
    {
      g_clear_pointer (&writer.file, fclose);
      g_unlink (temp_path);
      if (store_error != NULL)
        {
          g_propagate_error (error, store_error);
          return FALSE;
        }
      return set_write_error (error, path, writer.errno_value);
    }

  if (!finish_file (&writer) || g_rename (temp_path, path) != 0)
    {
      int saved_errno = writer.errno_value != 0 ? writer.errno_value : errno;

      g_unlink (temp_path);
      return set_write_error (error, path, saved_errno);
    }

  if (n_rows != NULL)
    *n_rows = ids->len;

  return TRUE;
}
