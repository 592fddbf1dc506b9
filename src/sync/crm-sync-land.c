/* crm-sync-land.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-date.h"
#include "crm-sync-jobs-private.h"
#include "crm-sync-land.h"
#include "crm-sync-refusal.h"

/*
 * The push's jobs on the store's writer thread: what pushing a change
 * needs, read as one snapshot; the server's answer, stored in one
 * transaction with the outbox row it settles; and the rep's settling of a
 * conflict or a failed change.
 */

static gint64
read_pass (CrmStoreTxn *txn)
{
  g_autofree char *value = crm_store_txn_dup_sync_state (txn, CRM_SYNC_STATE_PASS);
  gint64 pass = 1;

  if (value != NULL)
    g_ascii_string_to_signed (value, 10, 1, G_MAXINT64, &pass, NULL);

  return pass;
}

static char *
dup_row_string (GVariant   *row,
                const char *column)
{
  const char *value = NULL;

  g_variant_lookup (row, column, "&s", &value);
  return g_strdup (value);
}

static gboolean
prepare_customer (CrmStoreTxn        *txn,
                  CrmSyncPrepareJob  *job,
                  GVariant           *row,
                  GError            **error)
{
  g_autoptr(GVariant) customer = NULL;

  customer = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER,
                                    _crm_sync_row_int (row, "customer_id"),
                                    error);
  if (customer == NULL)
    return FALSE;

  job->customer_uuid = dup_row_string (customer, "uuid");
  job->customer_synced = job->customer_uuid != NULL;
  return TRUE;
}

/**
 * crm_sync_prepare_change:
 * @txn: the open transaction
 * @job: (type CrmSyncPrepareJob): the change, by @change_id
 * @error: return location for a #GError
 *
 * Reads what pushing a change needs, as one consistent snapshot: the
 * change, the record's values and base, its customer's server id, its
 * conflicts. A record that is gone leaves @exists %FALSE.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_sync_prepare_change (CrmStoreTxn  *txn,
                         gpointer      job,
                         GError      **error)
{
  CrmSyncPrepareJob *prepare = job;
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GError) missing = NULL;
  g_autofree char *base = NULL;
  CrmOutboxEntry *entry;

  prepare->entry = crm_store_txn_get_change (txn, prepare->change_id, NULL);
  if (prepare->entry == NULL)
    return TRUE;

  entry = prepare->entry;
  prepare->resource = crm_sync_resource_get (entry->kind);
  prepare->pass = read_pass (txn);
  prepare->data_source = crm_store_txn_dup_setting (txn, "sync.data_source_uuid");
  prepare->me = crm_store_txn_dup_setting (txn, "me.email");
  prepare->failed_create = crm_store_txn_find_change (txn, entry->kind, entry->local_id,
                                                      "create", "failed") > 0;

  prepare->local = _crm_sync_read_local (txn, prepare->resource, entry->local_id, &row, &missing);
  if (prepare->local == NULL)
    {
      if (!g_error_matches (missing, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&missing));
          return FALSE;
        }
      return TRUE;
    }

  prepare->exists = TRUE;
  prepare->uuid = dup_row_string (row, "uuid");
  prepare->external_id = dup_row_string (row, "external_id");
  prepare->author = dup_row_string (row, "author");
  prepare->conflict_fields = crm_store_txn_dup_conflict_fields (txn, entry->kind, entry->local_id);

  if (!crm_store_txn_get_sync_base (txn, entry->kind, entry->local_id, &base, NULL, error))
    return FALSE;
  prepare->base = crm_sync_resource_parse_values (base);

  if (prepare->resource->has_customer)
    return prepare_customer (txn, prepare, row, error);

  return TRUE;
}

/**
 * crm_sync_prepare_job_free:
 * @job: (nullable): a prepare job
 */
void
crm_sync_prepare_job_free (CrmSyncPrepareJob *job)
{
  if (job == NULL)
    return;

  g_clear_pointer (&job->entry, crm_outbox_entry_free);
  g_free (job->uuid);
  g_free (job->customer_uuid);
  g_free (job->external_id);
  g_free (job->author);
  g_clear_pointer (&job->local, json_object_unref);
  g_clear_pointer (&job->base, json_object_unref);
  g_strfreev (job->conflict_fields);
  g_free (job->data_source);
  g_free (job->me);
  g_free (job);
}

static gboolean
sent_column (CrmSyncLandJob *job,
             const char     *column)
{
  if (job->sent == NULL || !json_object_has_member (job->sent, column))
    return FALSE;

  return job->sent_columns == NULL || _crm_sync_strv_has (job->sent_columns, column);
}

/* After a create or a PATCH: the record takes the server's answer for
 * what it sent (the server may normalize or ignore a value: its answer is
 * what it holds), unless the rep changed it meanwhile; then the change
 * stays queued. */
static gboolean
take_answer (CrmStoreTxn     *txn,
             CrmSyncLandJob  *job,
             gboolean         everything,
             GError         **error)
{
  const CrmSyncResource *resource = job->resource;
  g_autoptr(GPtrArray) take = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autoptr(JsonObject) local = NULL;
  g_auto(GStrv) open = NULL;

  local = _crm_sync_read_local (txn, resource, job->local_id, NULL, error);
  if (local == NULL)
    return FALSE;

  /* A field in conflict keeps the rep's value until the rep picks. */
  open = crm_store_txn_dup_conflict_fields (txn, resource->kind, job->local_id);

  for (const CrmSyncField *field = resource->fields; field->column != NULL; field++)
    {
      const char *column = field->column;
      gboolean sent = sent_column (job, column);

      if (_crm_sync_strv_has (open, column) ||
          crm_sync_values_equal (local, job->server->values, column))
        continue;

      /* Changed here since the change was read (the rep went on typing
       * while it was on its way): the newer value stays, and goes with
       * the next push. */
      if (job->sent != NULL && json_object_has_member (job->sent, column) &&
          !crm_sync_values_equal (local, job->sent, column))
        job->keep_change = TRUE;
      else if (sent || everything)
        g_ptr_array_add (take, (gpointer) column);
    }

  if (take->len > 0 &&
      !_crm_sync_write_values (txn, resource, job->local_id, job->server->values,
                               (const char * const *) take->pdata, 0, error))
    return FALSE;

  return crm_store_txn_set_sync_base (txn, resource->kind, job->local_id, job->server->base,
                                      job->server->hash, job->pass, error);
}

static gboolean
finish_change (CrmStoreTxn     *txn,
               CrmSyncLandJob  *job,
               GError         **error)
{
  if (!crm_store_txn_remove_change (txn, job->change_id, error))
    return FALSE;

  if (!job->keep_change)
    return TRUE;

  return crm_store_txn_queue_change (txn, job->resource->kind, job->local_id, "update",
                                     error) > 0;
}

static gboolean
land_created (CrmStoreTxn     *txn,
              CrmSyncLandJob  *job,
              GError         **error)
{
  const CrmSyncResource *resource = job->resource;
  g_autoptr(GVariant) row = crm_store_txn_get_row (txn, resource->kind, job->local_id, NULL);
  gint64 twin;

  job->counts.created++;

  /* Deleted here while its create was on the way: delete it there too. */
  if (row == NULL)
    return crm_store_txn_remove_change (txn, job->change_id, error) &&
           crm_store_txn_queue_delete (txn, resource->kind, job->local_id, job->server->uuid,
                                       error) > 0;

  /* A pull may have brought the record meanwhile, as a new one: it is
   * this one. What the pull brought along with it (a customer's contacts,
   * notes, tasks, opportunities) stays, on this one. */
  twin = crm_store_txn_find_uuid (txn, resource->kind, job->server->uuid, NULL);
  if (twin > 0 && twin != job->local_id &&
      (!crm_store_txn_move_children (txn, resource->kind, twin, job->local_id, error) ||
       !crm_store_txn_delete (txn, resource->kind, twin, error)))
    return FALSE;

  if (!crm_store_txn_update (txn, resource->kind, job->local_id,
                             g_variant_new_parsed ("{'uuid': <%s>}", job->server->uuid), error))
    return FALSE;

  return take_answer (txn, job, FALSE, error) && finish_change (txn, job, error);
}

static gboolean
land_merged (CrmStoreTxn     *txn,
             CrmSyncLandJob  *job,
             GError         **error)
{
  const CrmSyncResource *resource = job->resource;
  g_autoptr(GPtrArray) conflicts = g_ptr_array_new ();
  g_autoptr(GPtrArray) take = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_autoptr(JsonObject) local = NULL;
  g_auto(GStrv) open = NULL;

  open = _crm_sync_settle_old_conflicts (txn, resource, job->local_id, job->local,
                                         job->server->values, error);
  if (open == NULL)
    return FALSE;

  /* The merge was worked out on the record as it was read; a field the
   * rep changed since is not overwritten but becomes a conflict. */
  local = _crm_sync_read_local (txn, resource, job->local_id, NULL, error);
  if (local == NULL)
    return FALSE;

  for (guint i = 0; job->take != NULL && job->take[i] != NULL; i++)
    g_ptr_array_add (crm_sync_values_equal (local, job->local, job->take[i]) ? take : conflicts,
                     job->take[i]);

  if (take->len > 0 &&
      !_crm_sync_write_values (txn, resource, job->local_id, job->server->values,
                               (const char * const *) take->pdata, 0, error))
    return FALSE;

  for (guint i = 0; job->conflicts != NULL && job->conflicts[i] != NULL; i++)
    g_ptr_array_add (conflicts, job->conflicts[i]);
  if (!_crm_sync_put_conflicts (txn, resource, job->local_id, conflicts, local, job->server->values,
                                open, &job->counts, error))
    return FALSE;

  return crm_store_txn_set_sync_base (txn, resource->kind, job->local_id, job->server->base,
                                      job->server->hash, job->pass, error);
}

/* A refused update: the fields sent go back to the server's value, and
 * the change stays, failed, with what it tried to send. */
static gboolean
land_refused (CrmStoreTxn     *txn,
              CrmSyncLandJob  *job,
              GError         **error)
{
  g_autofree char *payload = NULL;

  job->counts.failed++;
  if (job->sent != NULL && job->sent_columns != NULL)
    {
      g_autoptr(JsonObject) tried = json_object_new ();

      for (guint i = 0; job->sent_columns[i] != NULL; i++)
        if (json_object_has_member (job->sent, job->sent_columns[i]))
          json_object_set_member (tried, job->sent_columns[i],
                                  json_node_copy (json_object_get_member (job->sent,
                                                                          job->sent_columns[i])));
      payload = crm_sync_resource_values_to_text (tried);
    }
  else if (job->sent != NULL)
    {
      payload = crm_sync_resource_values_to_text (job->sent);
    }

  if (job->server != NULL)
    {
      g_autoptr(GVariant) before = NULL;

      /* A move refused takes back what it did besides (crm-sync-refusal.c). */
      if (job->resource->kind == CRM_ENTITY_OPPORTUNITY &&
          _crm_sync_strv_has (job->sent_columns, "stage"))
        before = crm_store_txn_get_row (txn, CRM_ENTITY_OPPORTUNITY, job->local_id, NULL);

      if (!_crm_sync_write_values (txn, job->resource, job->local_id, job->server->values,
                                   (const char * const *) job->sent_columns, 0, error) ||
          !crm_store_txn_set_sync_base (txn, job->resource->kind, job->local_id,
                                        job->server->base, job->server->hash, job->pass, error) ||
          (before != NULL && !crm_sync_take_back_move (txn, job->local_id, before, error)))
        return FALSE;
    }

  return crm_store_txn_fail_change (txn, job->change_id, job->message, payload, error);
}

/**
 * crm_sync_land_change:
 * @txn: the open transaction
 * @job: (type CrmSyncLandJob): the answer
 * @error: return location for a #GError
 *
 * Stores what a push learned, in one transaction with the outbox row it
 * settles.
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_sync_land_change (CrmStoreTxn  *txn,
                      gpointer      job,
                      GError      **error)
{
  CrmSyncLandJob *land = job;
  g_autofree char *now = NULL;

  switch (land->landing)
    {
    case CRM_SYNC_LAND_SENDING:
      now = crm_timestamp_now ();
      return crm_store_txn_set_change_sent (txn, land->change_id, now, error);
    case CRM_SYNC_LAND_CREATED:
      return land_created (txn, land, error);
    case CRM_SYNC_LAND_MERGED:
      return land_merged (txn, land, error);
    case CRM_SYNC_LAND_UPDATED:
      land->counts.updated++;
      return take_answer (txn, land, TRUE, error) && finish_change (txn, land, error);
    case CRM_SYNC_LAND_REFUSED:
      return land_refused (txn, land, error);
    case CRM_SYNC_LAND_DELETED:
      land->counts.deleted++;
      return crm_store_txn_remove_change (txn, land->change_id, error);
    case CRM_SYNC_LAND_GONE:
      land->counts.failed++;
      return crm_store_txn_forget_server_record (txn, land->resource->kind, land->local_id,
                                                 land->message, error);
    case CRM_SYNC_LAND_DROP:
      return crm_store_txn_remove_change (txn, land->change_id, error);
    default:
      g_assert_not_reached ();
    }
}

/**
 * crm_sync_land_job_free:
 * @job: (nullable): a land job
 */
void
crm_sync_land_job_free (CrmSyncLandJob *job)
{
  if (job == NULL)
    return;

  g_clear_pointer (&job->server, crm_sync_record_free);
  g_clear_pointer (&job->sent, json_object_unref);
  g_strfreev (job->sent_columns);
  g_strfreev (job->take);
  g_strfreev (job->conflicts);
  g_clear_pointer (&job->local, json_object_unref);
  g_free (job->message);
  g_free (job);
}

/* Settling conflicts and failed changes. Each job's data is two gint64:
 * the id, and a flag. */

static JsonObject *
one_value (const char *column,
           const char *json)
{
  JsonObject *values = json_object_new ();
  JsonNode *node = json != NULL ? json_from_string (json, NULL) : NULL;

  json_object_set_member (values, column, node != NULL ? node : json_node_new (JSON_NODE_NULL));
  return values;
}

/**
 * crm_sync_resolve_conflict:
 * @txn: the open transaction
 * @job: the conflict's id, then whether to keep the local value
 * @error: return location for a #GError
 *
 * Keeping the rep's value queues it for the next push (the base already
 * holds the server's); taking the server's writes it here.
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_sync_resolve_conflict (CrmStoreTxn  *txn,
                           gpointer      job,
                           GError      **error)
{
  gint64 *data = job;
  g_autoptr(CrmSyncConflict) conflict = crm_store_txn_get_conflict (txn, data[0], error);
  const CrmSyncResource *resource;
  const char *columns[2] = { NULL, NULL };

  if (conflict == NULL)
    return FALSE;

  resource = crm_sync_resource_get (conflict->kind);
  if (!crm_store_txn_remove_conflict (txn, conflict->id, error))
    return FALSE;

  if (data[1])
    return crm_store_txn_queue_change (txn, conflict->kind, conflict->local_id, "update",
                                       error) > 0;

  columns[0] = conflict->field;
  {
    g_autoptr(JsonObject) values = one_value (conflict->field, conflict->server_value);

    return _crm_sync_write_values (txn, resource, conflict->local_id, values, columns, 0, error);
  }
}

/**
 * crm_sync_retry_change:
 * @txn: the open transaction
 * @job: the change's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_sync_retry_change (CrmStoreTxn  *txn,
                       gpointer      job,
                       GError      **error)
{
  gint64 *data = job;
  g_autoptr(CrmOutboxEntry) entry = crm_store_txn_get_change (txn, data[0], error);
  g_autoptr(JsonObject) payload = NULL;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  g_autoptr(GList) members = NULL;

  if (entry == NULL)
    return FALSE;

  payload = crm_sync_resource_parse_values (entry->payload);
  if (payload != NULL && g_str_equal (entry->operation, "update"))
    {
      members = json_object_get_members (payload);
      for (GList *l = members; l != NULL; l = l->next)
        g_ptr_array_add (columns, g_strdup (l->data));

      if (!_crm_sync_write_values (txn, crm_sync_resource_get (entry->kind), entry->local_id,
                                   payload, (const char * const *) columns->pdata, 0, error))
        return FALSE;
    }

  return crm_store_txn_retry_change (txn, entry->id, error);
}

/**
 * crm_sync_discard_change:
 * @txn: the open transaction
 * @job: the change's id
 * @error: return location for a #GError
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_sync_discard_change (CrmStoreTxn  *txn,
                         gpointer      job,
                         GError      **error)
{
  gint64 *data = job;
  g_autoptr(CrmOutboxEntry) entry = crm_store_txn_get_change (txn, data[0], error);
  g_autoptr(GVariant) row = NULL;

  if (entry == NULL)
    return FALSE;

  if (g_str_equal (entry->operation, "create"))
    row = crm_store_txn_get_row (txn, entry->kind, entry->local_id, NULL);

  if (row != NULL && !crm_store_txn_delete (txn, entry->kind, entry->local_id, error))
    return FALSE;

  return crm_store_txn_remove_change (txn, entry->id, error);
}
