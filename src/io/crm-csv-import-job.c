/* crm-csv-import-job.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-csv-import-job.h"
#include "crm-csv-import-match.h"
#include "crm-csv-import-progress.h"
#include "crm-csv-import-row.h"
#include "crm-date.h"
#include "crm-vardict.h"

/* The store job of an import. It runs on the store's writer thread inside
 * one transaction: a failure, an I/O error or Cancel rolls back every row.
 * It owns copies of everything it reads (the document is immutable), and
 * talks to the main thread only through progress messages. */

#define PROGRESS_INTERVAL_US (100 * G_TIME_SPAN_MILLISECOND)

struct _CrmImportJob
{
  CrmCsvDocument      *document;
  CrmImportMapping    *mapping;
  CrmImportDuplicates  duplicates;
  guint                max_rows;      /* > 0: a preview of the first rows */
  char                *me_name;
  char                *me_email;
  gboolean             match_customers;  /* rows are matched to stored ones */
  gboolean             match_contacts;   /* rows update stored contacts */
  CrmImportProgress   *progress;      /* (nullable) */

  /* Writer thread, while the job runs. */
  CrmImportIndex      *index;
  CrmImportSummary    *summary;
  char                *now;
  gint64               last_progress;
};

G_DEFINE_QUARK (crm-import-job-preview-done-quark, crm_import_job_preview_done)

/**
 * crm_import_job_new:
 * @document: the rows
 * @mapping: where their cells go; copied
 * @duplicates: what to do with a row that is already stored
 * @max_rows: 0 to import every row; else a preview of that many rows,
 *   which rolls back and ends with %CRM_IMPORT_JOB_PREVIEW_DONE
 *
 * Returns: (transfer full): the job's data, for crm_import_job_run()
 */
CrmImportJob *
crm_import_job_new (CrmCsvDocument         *document,
                    const CrmImportMapping *mapping,
                    CrmImportDuplicates     duplicates,
                    guint                   max_rows)
{
  CrmImportJob *self = g_new0 (CrmImportJob, 1);

  self->document = crm_csv_document_ref (document);
  self->mapping = crm_import_mapping_copy (mapping);
  self->duplicates = duplicates;
  self->max_rows = max_rows;
  self->summary = crm_import_summary_new (max_rows > 0);

  return self;
}

void
crm_import_job_free (CrmImportJob *self)
{
  if (self == NULL)
    return;

  crm_csv_document_unref (self->document);
  crm_import_mapping_free (self->mapping);
  g_free (self->me_name);
  g_free (self->me_email);
  g_clear_pointer (&self->progress, crm_import_progress_unref);
  g_clear_pointer (&self->index, crm_import_index_free);
  crm_import_summary_unref (self->summary);
  g_free (self->now);
  g_free (self);
}

/**
 * crm_import_job_set_matching:
 * @self: a job
 * @customers: whether rows are matched to stored customers (by id, then
 *   email)
 * @contacts: whether matched rows update the customer's first contact
 */
void
crm_import_job_set_matching (CrmImportJob *self,
                             gboolean      customers,
                             gboolean      contacts)
{
  self->match_customers = customers;
  self->match_contacts = contacts;
}

void
crm_import_job_set_me (CrmImportJob *self,
                       const char   *name,
                       const char   *email)
{
  g_free (self->me_name);
  g_free (self->me_email);
  self->me_name = g_strdup (name);
  self->me_email = g_strdup (email);
}

/**
 * crm_import_job_set_progress:
 * @self: a job
 * @func: called on the thread-default main context of the caller, about
 *   ten times a second while rows are stored
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data once no message is in flight
 */
void
crm_import_job_set_progress (CrmImportJob          *self,
                             CrmImportProgressFunc  func,
                             gpointer               user_data,
                             GDestroyNotify         destroy)
{
  g_return_if_fail (self->progress == NULL);

  self->progress = crm_import_progress_new (func, user_data, destroy);
}

/**
 * crm_import_job_get_summary:
 * @self: a job
 *
 * Returns: (transfer none): what the job did; read it once it is done
 */
CrmImportSummary *
crm_import_job_get_summary (CrmImportJob *self)
{
  return self->summary;
}

static void
report_progress (CrmImportJob *self,
                 guint         done,
                 guint         total,
                 gboolean      force)
{
  gint64 now;

  if (self->progress == NULL)
    return;

  now = g_get_monotonic_time ();
  if (!force && now - self->last_progress < PROGRESS_INTERVAL_US)
    return;

  self->last_progress = now;
  crm_import_progress_report (self->progress, done, total);
}

/* ------------------------------------------------------------------ */
/* What is stored already                                              */
/* ------------------------------------------------------------------ */

static void
on_customer_row_cb (gint64              id,
                    const char * const *values,
                    gpointer            user_data)
{
  crm_import_index_add_customer (user_data, id, values[0], values[1]);
}

static void
on_contact_row_cb (gint64              id,
                   const char * const *values,
                   gpointer            user_data)
{
  gint64 customer_id = g_ascii_strtoll (values[0], NULL, 10);
  gint64 position = values[1] != NULL ? g_ascii_strtoll (values[1], NULL, 10) : 0;

  crm_import_index_add_contact (user_data, customer_id, id, position);
}

/* Read inside the import's transaction, so no customer stored meanwhile
 * is missed. */
static gboolean
index_stored (CrmImportJob  *self,
              CrmStoreTxn   *txn,
              GError       **error)
{
  static const char * const customer_columns[] = { "external_id", "email", NULL };
  static const char * const contact_columns[] = { "customer_id", "position", NULL };

  self->index = crm_import_index_new ();

  if (self->match_customers &&
      !crm_store_txn_foreach (txn, CRM_ENTITY_CUSTOMER, customer_columns,
                              on_customer_row_cb, self->index, error))
    return FALSE;

  if (self->match_contacts &&
      !crm_store_txn_foreach (txn, CRM_ENTITY_CONTACT, contact_columns,
                              on_contact_row_cb, self->index, error))
    return FALSE;

  return !g_cancellable_set_error_if_cancelled (crm_store_txn_get_cancellable (txn), error);
}

/* ------------------------------------------------------------------ */
/* Writing one row                                                     */
/* ------------------------------------------------------------------ */

static char *
dup_attributes_json (JsonObject *attributes)
{
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), attributes);

  return json_to_string (node, FALSE);
}

/* The stored attributes with the row's laid over them. */
static char *
merge_attributes (GVariant   *row,
                  JsonObject *attributes)
{
  g_autoptr(JsonNode) stored = NULL;
  const char *text = "{}";
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  if (crm_vardict_get_string (row, "attributes") != NULL)
    text = crm_vardict_get_string (row, "attributes");
  stored = json_from_string (text, NULL);
  if (stored == NULL || !JSON_NODE_HOLDS_OBJECT (stored))
    return dup_attributes_json (attributes);

  json_object_iter_init (&iter, attributes);
  while (json_object_iter_next (&iter, &key, &value))
    json_object_set_member (json_node_get_object (stored), key, json_node_copy (value));

  return json_to_string (stored, FALSE);
}

static void
add_entries (GVariantBuilder *builder,
             GVariant        *dict)
{
  GVariantIter iter;
  GVariant *entry;

  g_variant_iter_init (&iter, dict);
  while ((entry = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_variant_builder_add_value (builder, entry);
      g_variant_unref (entry);
    }
}

static gboolean
add_note (CrmImportJob     *self,
          CrmStoreTxn      *txn,
          gint64            customer_id,
          const char       *body,
          GError          **error)
{
  GVariantDict note;

  g_variant_dict_init (&note, NULL);
  g_variant_dict_insert (&note, "customer_id", "x", customer_id);
  g_variant_dict_insert (&note, "kind", "s", "note");
  g_variant_dict_insert (&note, "occurred_at", "s", self->now);
  g_variant_dict_insert (&note, "body", "s", body);
  if (self->me_email != NULL)
    g_variant_dict_insert (&note, "author", "s", self->me_email);

  return crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY, g_variant_dict_end (&note), error) > 0;
}

/* The row's contact fields for a stored contact, a full reference. The
 * email a row gives is the customer's: it fills a contact that has none
 * but does not replace the contact's own. */
static GVariant *
contact_update_fields (CrmStoreTxn  *txn,
                       gint64        contact_id,
                       GVariant     *contact,
                       GError      **error)
{
  g_autoptr(GVariant) stored = crm_store_txn_get_row (txn, CRM_ENTITY_CONTACT, contact_id,
                                                      error);
  const char *email = NULL;
  GVariantDict fields;

  if (stored == NULL)
    return NULL;

  email = crm_vardict_get_string (stored, "email");
  if (email == NULL || email[0] == '\0')
    return g_variant_ref (contact);

  g_variant_dict_init (&fields, contact);
  g_variant_dict_remove (&fields, "email");
  return g_variant_ref_sink (g_variant_dict_end (&fields));
}

static gboolean
write_children (CrmImportJob           *self,
                CrmStoreTxn            *txn,
                gint64                  customer_id,
                const CrmImportRecord  *record,
                GError                **error)
{
  gint64 contact_id = 0;

  if (record->tags != NULL &&
      !crm_store_txn_set_tags (txn, customer_id, (const char * const *) record->tags, error))
    return FALSE;

  if (record->contact != NULL && self->index != NULL)
    contact_id = crm_import_index_find_contact (self->index, customer_id);

  if (record->contact != NULL && contact_id != 0)
    {
      g_autoptr(GVariant) fields = contact_update_fields (txn, contact_id, record->contact,
                                                          error);

      if (fields == NULL ||
          !crm_store_txn_update (txn, CRM_ENTITY_CONTACT, contact_id, fields, error))
        return FALSE;
    }
  else if (record->contact != NULL)
    {
      GVariantBuilder contact;

      g_variant_builder_init (&contact, G_VARIANT_TYPE_VARDICT);
      add_entries (&contact, record->contact);
      g_variant_builder_add (&contact, "{sv}", "customer_id", g_variant_new_int64 (customer_id));
      g_variant_builder_add (&contact, "{sv}", "position", g_variant_new_int64 (1));
      if (crm_store_txn_insert (txn, CRM_ENTITY_CONTACT, g_variant_builder_end (&contact),
                                error) == 0)
        return FALSE;
    }

  return record->notes == NULL || add_note (self, txn, customer_id, record->notes, error);
}

/* A preview keeps what the store holds once its rules ran. */
static gboolean
note_stored (CrmImportJob  *self,
             CrmStoreTxn   *txn,
             gint64         id,
             GError       **error)
{
  g_autoptr(GVariant) row = NULL;
  const char *owner = NULL, *status = NULL;

  if (self->max_rows == 0)
    return TRUE;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, id, error);
  if (row == NULL)
    return FALSE;

  owner = crm_vardict_get_string (row, "owner");
  status = crm_vardict_get_string (row, "status");
  crm_import_summary_set_stored (self->summary, owner, status);
  return TRUE;
}

static gboolean
create_customer (CrmImportJob           *self,
                 CrmStoreTxn            *txn,
                 const CrmImportRecord  *record,
                 gint64                 *id,
                 GError                **error)
{
  GVariantBuilder fields;

  /* A builder, not a dictionary: this runs for every row. */
  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  add_entries (&fields, record->customer);

  /* The file's id is kept, unless a stored customer or an earlier row of
   * this file already has it (in the create-anyway mode). */
  if (record->external_id != NULL &&
      !crm_import_index_has_external_id (self->index, record->external_id))
    {
      g_variant_builder_add (&fields, "{sv}", "external_id",
                             g_variant_new_string (record->external_id));
      crm_import_index_add_customer (self->index, -1, record->external_id, NULL);
    }

  g_variant_builder_add (&fields, "{sv}", "status",
                         g_variant_new_string (record->status != NULL ? record->status
                                                                      : "New Lead"));
  if (!record->has_lead_created_at)
    g_variant_builder_add (&fields, "{sv}", "lead_created_at", g_variant_new_string (self->now));
  if (record->attributes != NULL)
    {
      g_autofree char *json = dup_attributes_json (record->attributes);

      g_variant_builder_add (&fields, "{sv}", "attributes", g_variant_new_string (json));
    }

  *id = crm_store_txn_insert (txn, CRM_ENTITY_CUSTOMER, g_variant_builder_end (&fields), error);
  if (*id == 0)
    return FALSE;

  return write_children (self, txn, *id, record, error);
}

static gboolean
add_status_change (CrmImportJob  *self,
                   CrmStoreTxn   *txn,
                   gint64         customer_id,
                   const char    *old_status,
                   const char    *new_status,
                   GError       **error)
{
  GVariantDict change;

  g_variant_dict_init (&change, NULL);
  g_variant_dict_insert (&change, "customer_id", "x", customer_id);
  g_variant_dict_insert (&change, "kind", "s", "status");
  g_variant_dict_insert (&change, "occurred_at", "s", self->now);
  g_variant_dict_insert (&change, "old_status", "s", old_status);
  g_variant_dict_insert (&change, "new_status", "s", new_status);
  g_variant_dict_insert (&change, "cause", "s", "person");
  if (self->me_email != NULL)
    g_variant_dict_insert (&change, "author", "s", self->me_email);

  return crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY, g_variant_dict_end (&change),
                               error) > 0;
}

/* Returns FALSE with @reason set for a row to skip, or with @error set
 * for a failure of the store. */
static gboolean
update_customer (CrmImportJob           *self,
                 CrmStoreTxn            *txn,
                 gint64                  id,
                 const CrmImportRecord  *record,
                 char                  **reason,
                 GError                **error)
{
  g_autoptr(GVariant) row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, id, error);
  const char *old_status = NULL;
  gboolean status_changes;
  GVariantDict fields;

  if (row == NULL)
    return FALSE;

  old_status = crm_vardict_get_string (row, "status");
  status_changes = record->status != NULL && g_strcmp0 (old_status, record->status) != 0;

  /* A status the file repeats is no change; billing's are never set here. */
  if (status_changes && !record->status_settable)
    {
      *reason = g_strdup_printf (_("the status “%s” is set by billing, not by an import"),
                                 record->status);
      return FALSE;
    }

  g_variant_dict_init (&fields, record->customer);

  /* A name made from the company or the contact does not replace one. */
  if (record->name_derived)
    g_variant_dict_remove (&fields, "name");
  if (status_changes)
    {
      g_variant_dict_insert (&fields, "status", "s", record->status);
      g_variant_dict_insert (&fields, "status_changed_at", "s", self->now);
    }
  if (record->attributes != NULL)
    {
      g_autofree char *json = merge_attributes (row, record->attributes);

      g_variant_dict_insert (&fields, "attributes", "s", json);
    }

  if (!crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, id, g_variant_dict_end (&fields), error))
    return FALSE;

  if (status_changes && !add_status_change (self, txn, id, old_status, record->status, error))
    return FALSE;

  return write_children (self, txn, id, record, error);
}

static const char *
duplicate_reason (CrmImportJob          *self,
                  const CrmImportRecord *record)
{
  gint64 by_id = crm_import_index_find_customer (self->index, record->external_id, NULL);

  return by_id != 0 ? _("a customer with this id is already stored")
                    : _("a customer with this email is already stored");
}

/* Stores one row, or adds its skip to the summary. FALSE only for a
 * failure of the store, which ends the job. */
static gboolean
import_row (CrmImportJob  *self,
            CrmStoreTxn   *txn,
            guint          row,
            GError       **error)
{
  const CrmImportSource source = { self->document, self->mapping, self->me_name,
                                   self->me_email };
  g_auto(CrmImportRecord) record = { 0 };
  g_autofree char *reason = NULL;
  gboolean create_anyway = self->duplicates == CRM_IMPORT_DUPLICATES_CREATE;
  gboolean by_id = FALSE;
  guint earlier;
  gint64 existing, created = 0;

  if (!crm_import_record_read (&record, &source, row, &reason))
    {
      crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_SKIPPED, reason);
      return TRUE;
    }

  /* The first row with an id or email wins, whatever became of it: a
   * later one is reported with the line it repeats. */
  earlier = crm_import_index_find_row (self->index, record.external_id, record.email_key,
                                       &by_id);
  crm_import_index_add_row (self->index, record.external_id, record.email_key, record.line);
  if (earlier != 0 && !create_anyway)
    {
      reason = by_id ? g_strdup_printf (_("the same id as line %u, which comes first"), earlier)
                     : g_strdup_printf (_("the same email as line %u, which comes first"),
                                        earlier);
      crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_SKIPPED, reason);
      return TRUE;
    }

  existing = create_anyway ? 0 : crm_import_index_find_customer (self->index,
                                                                 record.external_id,
                                                                 record.email_key);
  if (existing > 0 && self->duplicates == CRM_IMPORT_DUPLICATES_SKIP)
    {
      crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_SKIPPED,
                              duplicate_reason (self, &record));
      return TRUE;
    }

  if (existing > 0)
    {
      if (update_customer (self, txn, existing, &record, &reason, error))
        {
          crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_UPDATED, NULL);
          return note_stored (self, txn, existing, error);
        }

      if (reason == NULL)
        return FALSE;

      crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_SKIPPED, reason);
      return TRUE;
    }

  if (record.status != NULL && !record.status_settable)
    {
      reason = g_strdup_printf (_("the status “%s” is set by billing, not by an import"),
                                record.status);
      crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_SKIPPED, reason);
      return TRUE;
    }

  /* The rows were checked before: a store error here (a full disk, an I/O
   * error, a broken rule) ends the whole import rather than leave half a
   * row behind. */
  if (!create_customer (self, txn, &record, &created, error))
    return FALSE;

  crm_import_summary_add (self->summary, record.line, CRM_IMPORT_ACTION_CREATED, NULL);
  return note_stored (self, txn, created, error);
}

/**
 * crm_import_job_run:
 * @txn: the open transaction
 * @user_data: a #CrmImportJob
 * @error: return location for a #GError
 *
 * The #CrmStoreJobFunc of an import: every row in one transaction. Writer
 * thread only.
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_import_job_run (CrmStoreTxn  *txn,
                    gpointer      user_data,
                    GError      **error)
{
  CrmImportJob *self = user_data;
  GCancellable *cancellable = crm_store_txn_get_cancellable (txn);
  guint n_rows = crm_csv_document_get_n_rows (self->document);

  if (self->max_rows > 0)
    n_rows = MIN (n_rows, self->max_rows);

  self->now = crm_timestamp_now ();
  if (!index_stored (self, txn, error))
    return FALSE;

  report_progress (self, 0, n_rows, TRUE);
  for (guint row = 0; row < n_rows; row++)
    {
      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (!import_row (self, txn, row, error))
        return FALSE;

      report_progress (self, row + 1, n_rows, row + 1 == n_rows);
    }

  /* A preview rolls everything back: it only wanted to know. */
  if (self->max_rows > 0)
    {
      g_set_error_literal (error, CRM_IMPORT_JOB_PREVIEW_DONE, 0, "Preview done");
      return FALSE;
    }

  return TRUE;
}
