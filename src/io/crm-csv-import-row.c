/* crm-csv-import-row.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-csv-import-row.h"
#include "crm-csv-import-values.h"
#include "crm-status.h"

/* One row becomes one record, or a reason to skip it. Runs on either
 * thread: the preview reads rows on the main thread, the import job on the
 * store's writer thread; nothing here touches the store. */

/* The cells of one row that go to fixed places, trimmed. */
typedef struct
{
  const char *cells[CRM_IMPORT_N_TARGETS];
  guint       columns[CRM_IMPORT_N_TARGETS];
} RowCells;

static const struct {
  CrmImportTarget target;
  const char     *column;
} plain_columns[] = {
  { CRM_IMPORT_TARGET_COMPANY, "company" },
  { CRM_IMPORT_TARGET_WEBSITE, "website" },
  { CRM_IMPORT_TARGET_LINKEDIN, "linkedin" },
  { CRM_IMPORT_TARGET_STREET, "street" },
  { CRM_IMPORT_TARGET_CITY, "city" },
  { CRM_IMPORT_TARGET_ZIP, "zip" },
  { CRM_IMPORT_TARGET_STATE, "state" },
  { CRM_IMPORT_TARGET_CUSTOMER_SINCE, "customer_since" },
};

static const struct {
  CrmImportTarget target;
  const char     *column;
} time_columns[] = {
  { CRM_IMPORT_TARGET_LEAD_CREATED_AT, "lead_created_at" },
  { CRM_IMPORT_TARGET_FREE_TRIAL_STARTED_AT, "free_trial_started_at" },
};

static const struct {
  CrmImportTarget target;
  const char     *column;
} contact_columns[] = {
  { CRM_IMPORT_TARGET_FIRST_NAME, "first_name" },
  { CRM_IMPORT_TARGET_LAST_NAME, "last_name" },
  { CRM_IMPORT_TARGET_TITLE, "title" },
  { CRM_IMPORT_TARGET_PHONE, "phone" },
  { CRM_IMPORT_TARGET_TWITTER, "twitter" },
};

/**
 * crm_import_dup_email_key:
 * @email: (nullable): an address
 *
 * Returns: (transfer full) (nullable): the address trimmed and folded, as
 *   duplicates are matched, or %NULL for none
 */
char *
crm_import_dup_email_key (const char *email)
{
  g_autofree char *trimmed = NULL;

  if (email == NULL)
    return NULL;

  trimmed = g_strstrip (g_strdup (email));
  if (trimmed[0] == '\0')
    return NULL;

  return g_utf8_casefold (trimmed, -1);
}

static gboolean
set_reason (char       **reason,
            const char  *format,
            ...) G_GNUC_PRINTF (2, 3);

/* Always returns %FALSE, for the caller to return. */
static gboolean
set_reason (char       **reason,
            const char  *format,
            ...)
{
  va_list args;

  va_start (args, format);
  *reason = g_strdup_vprintf (format, args);
  va_end (args);

  return FALSE;
}

/* Trimmed copies of the row's cells live in @strings until the record is
 * built. */
static gboolean
collect_cells (const CrmImportSource *source,
               guint                  row,
               RowCells              *cells,
               GPtrArray             *strings,
               char                 **reason)
{
  guint n_columns = crm_import_mapping_get_n_columns (source->mapping);
  guint n_cells = crm_csv_document_get_n_cells (source->document, row);

  for (guint i = n_columns; i < n_cells; i++)
    {
      if (crm_csv_document_get_cell (source->document, row, i)[0] != '\0')
        {
          return set_reason (reason, _("the row has %u cells but the header only %u"),
                             n_cells, n_columns);
        }
    }

  for (guint i = 0; i < n_columns; i++)
    {
      const CrmImportColumn *column = crm_import_mapping_get_column (source->mapping, i);
      const char *cell = crm_csv_document_get_cell (source->document, row, i);
      char *text;

      if (column->target == CRM_IMPORT_TARGET_SKIP ||
          column->target == CRM_IMPORT_TARGET_ATTRIBUTE)
        continue;

      /* Notes keep their text exactly, line breaks and all. */
      text = column->target == CRM_IMPORT_TARGET_NOTES
        ? g_strdup (cell) : g_strstrip (g_strdup (cell));
      g_ptr_array_add (strings, text);

      cells->cells[column->target] = text[0] != '\0' ? text : NULL;
      cells->columns[column->target] = i;
    }

  return TRUE;
}

/* Without a format string to parse: this runs for every cell. */
static void
put_string (GVariantBuilder *builder,
            const char      *column,
            const char      *value)
{
  g_variant_builder_add_value (builder,
                               g_variant_new_dict_entry (g_variant_new_string (column),
                                                         g_variant_new_variant (
                                                           g_variant_new_string (value))));
}

static const char *
header_of (const CrmImportSource *source,
           guint                  column)
{
  return crm_import_mapping_get_column (source->mapping, column)->header;
}

static char *
dup_name (const RowCells *cells)
{
  const char *first = cells->cells[CRM_IMPORT_TARGET_FIRST_NAME];
  const char *last = cells->cells[CRM_IMPORT_TARGET_LAST_NAME];

  if (cells->cells[CRM_IMPORT_TARGET_NAME] != NULL)
    return g_strdup (cells->cells[CRM_IMPORT_TARGET_NAME]);

  /* A company's lead is the company; a person's lead is the person. */
  if (cells->cells[CRM_IMPORT_TARGET_COMPANY] != NULL)
    return g_strdup (cells->cells[CRM_IMPORT_TARGET_COMPANY]);

  if (first != NULL && last != NULL)
    return g_strconcat (first, " ", last, NULL);

  return g_strdup (first != NULL ? first : last);
}

static const char *
read_owner (const CrmImportSource *source,
            const char            *owner)
{
  g_autofree char *folded = NULL;
  g_autofree char *me = NULL;

  if (owner == NULL || source->me_name == NULL || source->me_email == NULL)
    return owner;

  folded = g_utf8_casefold (owner, -1);
  me = g_utf8_casefold (source->me_name, -1);

  return g_str_equal (folded, me) ? source->me_email : owner;
}

static gboolean
put_times (GVariantBuilder       *builder,
           const CrmImportSource *source,
           const RowCells        *cells,
           char                 **reason)
{
  for (guint i = 0; i < G_N_ELEMENTS (time_columns); i++)
    {
      const char *text = cells->cells[time_columns[i].target];
      guint column = cells->columns[time_columns[i].target];
      g_autofree char *stamp = NULL;

      if (text == NULL)
        continue;

      stamp = crm_import_value_timestamp (text,
        crm_import_mapping_get_column (source->mapping, column)->date_order);
      if (stamp == NULL)
        {
          return set_reason (reason, _("invalid date “%s” in %s"), text,
                             header_of (source, column));
        }

      put_string (builder, time_columns[i].column, stamp);
    }

  return TRUE;
}

static gboolean
read_customer (CrmImportRecord       *record,
               const CrmImportSource *source,
               const RowCells        *cells,
               char                 **reason)
{
  g_autofree char *name = dup_name (cells);
  const char *email = cells->cells[CRM_IMPORT_TARGET_EMAIL];
  const char *country = cells->cells[CRM_IMPORT_TARGET_COUNTRY];
  const char *owner = read_owner (source, cells->cells[CRM_IMPORT_TARGET_OWNER]);
  const char *code;
  GVariantBuilder builder;

  if (email != NULL && !crm_import_value_is_email (email))
    return set_reason (reason, _("invalid email “%s”"), email);

  code = country != NULL ? crm_import_value_country (country) : NULL;
  if (country != NULL && code == NULL)
    return set_reason (reason, _("unknown country “%s”"), country);

  if (name == NULL && email == NULL && record->external_id == NULL)
    return set_reason (reason, _("no name, company or email"));

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (name != NULL)
    put_string (&builder, "name", name);
  if (email != NULL)
    put_string (&builder, "email", email);
  if (owner != NULL)
    put_string (&builder, "owner", owner);
  if (country != NULL)
    put_string (&builder, "country", code);

  for (guint i = 0; i < G_N_ELEMENTS (plain_columns); i++)
    {
      if (cells->cells[plain_columns[i].target] != NULL)
        put_string (&builder, plain_columns[i].column, cells->cells[plain_columns[i].target]);
    }

  if (!put_times (&builder, source, cells, reason))
    {
      g_variant_builder_clear (&builder);
      return FALSE;
    }

  record->customer = g_variant_ref_sink (g_variant_builder_end (&builder));
  record->name_derived = cells->cells[CRM_IMPORT_TARGET_NAME] == NULL;
  record->has_lead_created_at = cells->cells[CRM_IMPORT_TARGET_LEAD_CREATED_AT] != NULL;
  record->email = g_strdup (email);
  record->email_key = crm_import_dup_email_key (email);

  return TRUE;
}

static void
read_contact (CrmImportRecord       *record,
              const CrmImportSource *source,
              const RowCells        *cells)
{
  const char *notes = cells->cells[CRM_IMPORT_TARGET_NOTES];
  GVariantBuilder builder;
  gboolean any = FALSE;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  for (guint i = 0; i < G_N_ELEMENTS (contact_columns); i++)
    {
      const char *text = cells->cells[contact_columns[i].target];

      if (text == NULL)
        continue;

      put_string (&builder, contact_columns[i].column, text);
      any = TRUE;
    }

  /* No person on the row: the notes go on the customer's timeline. */
  if (!any)
    {
      g_variant_builder_clear (&builder);
      record->notes = g_strdup (notes);
      return;
    }

  if (record->email != NULL)
    put_string (&builder, "email", record->email);
  if (notes != NULL)
    put_string (&builder, "notes", notes);

  record->contact = g_variant_ref_sink (g_variant_builder_end (&builder));
}

static gboolean
read_attributes (CrmImportRecord       *record,
                 const CrmImportSource *source,
                 guint                  row,
                 char                 **reason)
{
  guint n_columns = crm_import_mapping_get_n_columns (source->mapping);

  for (guint i = 0; i < n_columns; i++)
    {
      const CrmImportColumn *column = crm_import_mapping_get_column (source->mapping, i);
      g_autofree char *text = NULL;
      g_autofree char *type = NULL;
      JsonNode *node;

      if (column->target != CRM_IMPORT_TARGET_ATTRIBUTE)
        continue;

      text = g_strstrip (g_strdup (crm_csv_document_get_cell (source->document, row, i)));
      if (text[0] == '\0')
        continue;

      node = crm_import_value_attribute (text, column->type, column->date_order);
      if (node == NULL)
        {
          type = g_utf8_strdown (crm_import_type_get_label (column->type), -1);
          return set_reason (reason, _("“%s” in %s is not a %s"), text, column->header, type);
        }

      if (record->attributes == NULL)
        record->attributes = json_object_new ();
      json_object_set_member (record->attributes, column->header, node);
    }

  return TRUE;
}

static void
read_status (CrmImportRecord *record,
             const char      *text)
{
  const char *api;

  if (text == NULL)
    return;

  api = crm_import_value_status (text);
  record->status = g_strdup (api != NULL ? api : text);
  record->status_settable = crm_status_is_person_settable (record->status);
}

/**
 * crm_import_record_read:
 * @record: (out caller-allocates): the record to fill; clear it afterwards
 * @source: the document and its mapping
 * @row: a data row of the document
 * @reason: (out) (optional): why the row cannot be stored
 *
 * Reads one row as the store will hold it. An invalid email, date,
 * country or custom value makes the row unstorable. Whether a status may
 * be set is left to the caller, which knows the stored status.
 *
 * Returns: %TRUE when the row can be stored
 */
gboolean
crm_import_record_read (CrmImportRecord       *record,
                        const CrmImportSource *source,
                        guint                  row,
                        char                 **reason)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *local_reason = NULL;
  RowCells cells = { { NULL } };

  g_return_val_if_fail (record != NULL, FALSE);
  g_return_val_if_fail (source != NULL, FALSE);

  memset (record, 0, sizeof *record);
  record->line = crm_csv_document_get_line (source->document, row);

  if (!collect_cells (source, row, &cells, strings, &local_reason))
    goto skip;

  record->external_id = g_strdup (cells.cells[CRM_IMPORT_TARGET_ID]);
  if (!read_customer (record, source, &cells, &local_reason) ||
      !read_attributes (record, source, row, &local_reason))
    goto skip;

  read_status (record, cells.cells[CRM_IMPORT_TARGET_STATUS]);
  read_contact (record, source, &cells);
  if (cells.cells[CRM_IMPORT_TARGET_TAGS] != NULL)
    record->tags = crm_import_value_tags (cells.cells[CRM_IMPORT_TARGET_TAGS]);

  return TRUE;

skip:
  if (reason != NULL)
    *reason = g_steal_pointer (&local_reason);
  return FALSE;
}

void
crm_import_record_clear (CrmImportRecord *record)
{
  g_return_if_fail (record != NULL);

  g_clear_pointer (&record->external_id, g_free);
  g_clear_pointer (&record->email, g_free);
  g_clear_pointer (&record->email_key, g_free);
  g_clear_pointer (&record->status, g_free);
  g_clear_pointer (&record->customer, g_variant_unref);
  g_clear_pointer (&record->attributes, json_object_unref);
  g_clear_pointer (&record->tags, g_strfreev);
  g_clear_pointer (&record->contact, g_variant_unref);
  g_clear_pointer (&record->notes, g_free);
}
