/* crm-csv-export-rows.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-export"

#include "config.h"

#include <errno.h>
#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "crm-contact.h"
#include "crm-csv-export-private.h"
#include "crm-csv-import-mapping.h"
#include "crm-customer.h"
#include "crm-date.h"
#include "crm-filter.h"
#include "crm-money.h"
#include "crm-opportunity.h"
#include "crm-store.h"

/* The rows of an export: which columns each kind of list has, and how a
 * cell is written (RFC 4180 through libcsv, with the guard that keeps a
 * spreadsheet from running a cell as a formula). Main thread: records are
 * read through the store's reader connection. */

/* A fixed column: its header and the property it reads. */
typedef struct
{
  const char *header;
  const char *property;
} Column;

/* Customers: the stable id first, so a re-import matches rows by it before
 * it looks at emails; then the customer's fields and its first contact. */
static const Column customer_columns[] = {
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

static const Column contact_columns[] = {
  { "first_name", "first-name" },
  { "last_name", "last-name" },
  { "title", "title" },
  { "phone", "phone" },
};

/* Opportunities have no id of their own before their first sync: the id
 * is the record's in this profile. The customer is named, and given by its
 * stable id. The amount is in major units, as spreadsheets sum it. */
static const Column opportunity_columns[] = {
  { "id", "id" },
  { "name", "name" },
  { "customer", NULL },
  { "customer_id", NULL },
  { "pipeline", "pipeline" },
  { "stage", "stage" },
  { "amount", NULL },
  { "currency", "currency" },
  { "close_on", "close-on" },
  { "owner", "owner" },
  { "type", "type" },
  { "forecast_category", "forecast-category" },
  { "win_likelihood", NULL },
  { "closed_on", "closed-on" },
  { "lost_reason", "lost-reason" },
  { "created_at", "created-at" },
};

/* ------------------------------------------------------------------ */
/* Cells                                                               */
/* ------------------------------------------------------------------ */

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
writer_fail (CrmCsvWriter *writer)
{
  if (writer->errno_value == 0)
    writer->errno_value = errno != 0 ? errno : EIO;

  return FALSE;
}

static gboolean
write_cell (CrmCsvWriter *writer,
            const char   *text,
            gboolean      first)
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
end_row (CrmCsvWriter *writer)
{
  if (fputs ("\r\n", writer->file) == EOF)
    return writer_fail (writer);

  return TRUE;
}

/* The shortest text that reads back as the same double: 19.99, not the
 * 19.989999999999998 of seventeen digits. */
static char *
format_double (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  for (int precision = 1; precision < 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        return g_strdup (buffer);
    }

  return g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value));
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
      return format_double (json_node_get_double (node));

    default:
      return json_to_string (node, FALSE);
    }
}

/* Minor units as a plain decimal in the currency's digits, whatever the
 * locale: 400000 EUR is "4000.00", 1500 JPY is "1500". */
static char *
format_amount (gint64      minor,
               const char *currency)
{
  guint exponent = crm_currency_get_exponent (currency);
  guint64 magnitude = minor < 0 ? -(guint64) minor : (guint64) minor;
  guint64 divisor = 1;

  for (guint i = 0; i < exponent; i++)
    divisor *= 10;

  if (exponent == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, minor < 0 ? "-" : "", magnitude);

  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, minor < 0 ? "-" : "",
                          magnitude / divisor, (int) exponent, magnitude % divisor);
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
  if (type == G_TYPE_DATE)
    return g_value_get_boxed (&value) != NULL
      ? crm_date_format (g_value_get_boxed (&value)) : NULL;
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

/* ------------------------------------------------------------------ */
/* Custom attributes                                                   */
/* ------------------------------------------------------------------ */

static const char *
custom_property (CrmEntityKind kind)
{
  return kind == CRM_ENTITY_CUSTOMER ? "attributes" : "custom";
}

static JsonObject *
dup_custom (GObject       *object,
            CrmEntityKind  kind)
{
  JsonObject *custom = NULL;

  g_object_get (object, custom_property (kind), &custom, NULL);
  return custom;
}

static GObject *
load_record (CrmStore       *store,
             CrmEntityKind   kind,
             gint64          id,
             GError        **error)
{
  GObject *object = crm_store_load (store, kind, id, error);

  if (object == NULL && error != NULL && *error == NULL)
    {
      /* xgettext cannot read G_GINT64_FORMAT inside a message. */
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

      /* Translators: %s is the record's number */
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND,
                   _("Record %s could not be read"), number);
    }

  return object;
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * _crm_csv_export_rows_collect_keys:
 * @rows: the export
 * @index: a record of it
 * @error: return location for a #GError
 *
 * First pass: notes the custom attribute keys of one record, so that the
 * header is known before the first row is written. The keys are sorted
 * once the last record was seen.
 *
 * Returns: %FALSE when the record cannot be read
 */
gboolean
_crm_csv_export_rows_collect_keys (CrmCsvExportRows  *rows,
                                   guint              index,
                                   GError           **error)
{
  g_autoptr(GObject) record = NULL;
  g_autoptr(JsonObject) custom = NULL;
  JsonObjectIter iter;
  const char *key;

  record = load_record (rows->store, rows->kind, g_array_index (rows->ids, gint64, index),
                        error);
  if (record == NULL)
    return FALSE;

  custom = dup_custom (record, rows->kind);
  if (custom != NULL)
    {
      json_object_iter_init (&iter, custom);
      while (json_object_iter_next (&iter, &key, NULL))
        {
          char *copy;

          if (g_hash_table_contains (rows->seen_keys, key))
            continue;

          copy = g_strdup (key);
          g_ptr_array_add (rows->keys, copy);
          g_hash_table_add (rows->seen_keys, copy);
        }
    }

  if (index + 1 == rows->ids->len)
    g_ptr_array_sort (rows->keys, compare_keys);

  return TRUE;
}

/* A customer attribute whose key names a fixed column on re-import (an
 * attribute called "notes" or "Phone") goes out under a prefix the import
 * takes off again. */
static char *
dup_key_header (CrmEntityKind  kind,
                const char    *key)
{
  if (kind == CRM_ENTITY_CUSTOMER &&
      (crm_import_target_for_header (key) != CRM_IMPORT_TARGET_ATTRIBUTE ||
       g_str_has_prefix (key, CRM_IMPORT_ATTRIBUTE_PREFIX)))
    return g_strconcat (CRM_IMPORT_ATTRIBUTE_PREFIX, key, NULL);

  return g_strdup (key);
}

static gboolean
write_columns_header (CrmCsvWriter *writer,
                      const Column *columns,
                      guint         n_columns,
                      gboolean      first)
{
  for (guint i = 0; i < n_columns; i++)
    {
      if (!write_cell (writer, columns[i].header, first && i == 0))
        return FALSE;
    }

  return TRUE;
}

/**
 * _crm_csv_export_rows_write_header:
 * @rows: the export, its keys collected
 *
 * Returns: %FALSE on a write error (in the writer's errno_value)
 */
gboolean
_crm_csv_export_rows_write_header (CrmCsvExportRows *rows)
{
  CrmCsvWriter *writer = &rows->writer;
  gboolean ok;

  if (rows->kind == CRM_ENTITY_CUSTOMER)
    ok = write_columns_header (writer, customer_columns, G_N_ELEMENTS (customer_columns),
                               TRUE) &&
         write_columns_header (writer, contact_columns, G_N_ELEMENTS (contact_columns),
                               FALSE);
  else
    ok = write_columns_header (writer, opportunity_columns,
                               G_N_ELEMENTS (opportunity_columns), TRUE);

  for (guint i = 0; ok && i < rows->keys->len; i++)
    {
      g_autofree char *header = dup_key_header (rows->kind, g_ptr_array_index (rows->keys, i));

      ok = write_cell (writer, header, FALSE);
    }

  return ok && end_row (writer);
}

/* ------------------------------------------------------------------ */
/* Rows                                                                */
/* ------------------------------------------------------------------ */

static gboolean
write_properties (CrmCsvWriter *writer,
                  GObject      *object,
                  const Column *columns,
                  guint         n_columns,
                  gboolean      first)
{
  for (guint i = 0; i < n_columns; i++)
    {
      g_autofree char *text = object != NULL && columns[i].property != NULL
        ? dup_property_text (object, columns[i].property) : NULL;

      if (!write_cell (writer, text, first && i == 0))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_custom (CrmCsvExportRows *rows,
              GObject          *record)
{
  g_autoptr(JsonObject) custom = dup_custom (record, rows->kind);

  for (guint i = 0; i < rows->keys->len; i++)
    {
      const char *key = g_ptr_array_index (rows->keys, i);
      g_autofree char *text = NULL;

      if (custom != NULL && json_object_has_member (custom, key))
        text = format_json_node (json_object_get_member (custom, key));

      if (!write_cell (&rows->writer, text, FALSE))
        return FALSE;
    }

  return TRUE;
}

static gboolean
write_customer (CrmCsvExportRows *rows,
                GObject          *customer,
                gint64            id)
{
  GObject *contact = g_hash_table_lookup (rows->related, &id);

  return write_properties (&rows->writer, customer, customer_columns,
                           G_N_ELEMENTS (customer_columns), TRUE) &&
         write_properties (&rows->writer, contact, contact_columns,
                           G_N_ELEMENTS (contact_columns), FALSE) &&
         write_custom (rows, customer) &&
         end_row (&rows->writer);
}

/* The opportunity's customer, read once for all its opportunities. */
static CrmCustomer *
lookup_customer (CrmCsvExportRows  *rows,
                 gint64             id,
                 GError           **error)
{
  GObject *customer = g_hash_table_lookup (rows->related, &id);

  if (customer != NULL)
    return CRM_CUSTOMER (customer);

  customer = load_record (rows->store, CRM_ENTITY_CUSTOMER, id, error);
  if (customer != NULL)
    g_hash_table_insert (rows->related, g_memdup2 (&id, sizeof id), customer);

  return CRM_CUSTOMER (customer);
}

static gboolean
write_opportunity_cell (CrmCsvExportRows  *rows,
                        CrmOpportunity    *opportunity,
                        guint              column,
                        GError           **error)
{
  const char *header = opportunity_columns[column].header;
  g_autofree char *text = NULL;
  CrmCustomer *customer;

  if (opportunity_columns[column].property != NULL)
    {
      text = dup_property_text (G_OBJECT (opportunity), opportunity_columns[column].property);
    }
  else if (g_str_equal (header, "amount"))
    {
      text = format_amount (crm_opportunity_get_amount_minor (opportunity),
                            crm_opportunity_get_currency (opportunity));
    }
  else if (g_str_equal (header, "win_likelihood"))
    {
      gint64 likelihood = crm_opportunity_get_win_likelihood (opportunity);

      text = likelihood >= 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, likelihood) : NULL;
    }
  else
    {
      customer = lookup_customer (rows, crm_opportunity_get_customer_id (opportunity), error);
      if (customer == NULL)
        return FALSE;

      text = g_strdup (g_str_equal (header, "customer") ? crm_customer_get_name (customer)
                                                        : crm_customer_get_external_id (customer));
    }

  return write_cell (&rows->writer, text, column == 0);
}

static gboolean
write_opportunity (CrmCsvExportRows  *rows,
                   GObject           *opportunity,
                   GError           **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (opportunity_columns); i++)
    {
      if (!write_opportunity_cell (rows, CRM_OPPORTUNITY (opportunity), i, error))
        return FALSE;
    }

  return write_custom (rows, opportunity) && end_row (&rows->writer);
}

/* The first contact (by position, then id) of each customer of a batch,
 * in one query. */
static gboolean
load_contacts (CrmCsvExportRows  *rows,
               guint              first,
               guint              n,
               GError           **error)
{
  g_autoptr(CrmFilter) filter = crm_filter_new_group (CRM_FILTER_NODE_ANY);
  g_autoptr(GArray) contact_ids = NULL;

  g_hash_table_remove_all (rows->related);

  for (guint i = first; i < first + n; i++)
    crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS,
                    g_variant_new_int64 (g_array_index (rows->ids, gint64, i)));

  contact_ids = crm_store_query_ids (rows->store, CRM_ENTITY_CONTACT, filter, NULL, "position",
                                     FALSE, error);
  if (contact_ids == NULL)
    return FALSE;

  for (guint i = 0; i < contact_ids->len; i++)
    {
      g_autoptr(GObject) contact = NULL;
      gint64 customer_id;

      contact = load_record (rows->store, CRM_ENTITY_CONTACT,
                             g_array_index (contact_ids, gint64, i), error);
      if (contact == NULL)
        return FALSE;

      customer_id = crm_contact_get_customer_id (CRM_CONTACT (contact));
      if (!g_hash_table_contains (rows->related, &customer_id))
        g_hash_table_insert (rows->related, g_memdup2 (&customer_id, sizeof customer_id),
                             g_steal_pointer (&contact));
    }

  return TRUE;
}

/**
 * _crm_csv_export_rows_write_batch:
 * @rows: the export, its header written
 * @first: the first record of the batch
 * @n: how many
 * @error: return location for a #GError
 *
 * Second pass: writes @n rows. A store error sets @error; a write error
 * the writer's errno_value.
 *
 * Returns: %TRUE when every row was written
 */
gboolean
_crm_csv_export_rows_write_batch (CrmCsvExportRows  *rows,
                                  guint              first,
                                  guint              n,
                                  GError           **error)
{
  if (rows->kind == CRM_ENTITY_CUSTOMER && !load_contacts (rows, first, n, error))
    return FALSE;

  for (guint i = first; i < first + n; i++)
    {
      gint64 id = g_array_index (rows->ids, gint64, i);
      g_autoptr(GObject) record = load_record (rows->store, rows->kind, id, error);
      gboolean ok;

      if (record == NULL)
        return FALSE;

      ok = rows->kind == CRM_ENTITY_CUSTOMER ? write_customer (rows, record, id)
                                             : write_opportunity (rows, record, error);
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

void
_crm_csv_export_rows_clear (CrmCsvExportRows *rows)
{
  g_clear_object (&rows->store);
  g_clear_pointer (&rows->ids, g_array_unref);
  g_clear_pointer (&rows->seen_keys, g_hash_table_unref);
  g_clear_pointer (&rows->keys, g_ptr_array_unref);
  g_clear_pointer (&rows->related, g_hash_table_unref);
  if (rows->writer.file != NULL)
    fclose (g_steal_pointer (&rows->writer.file));
}
