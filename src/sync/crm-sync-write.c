/* crm-sync-write.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-date.h"
#include "crm-sync-jobs-private.h"

/*
 * What the pull's pages (crm-sync-jobs.c) and the push's answers
 * (crm-sync-land.c) both write into a local record, on the store's writer
 * thread: the server's values, and the conflicts a merge found.
 */

static char *
node_text (JsonObject *values,
           const char *column)
{
  JsonNode *node = json_object_get_member (values, column);

  if (node == NULL)
    return g_strdup ("null");

  return json_to_string (node, FALSE);
}

gboolean
_crm_sync_strv_has (GStrv       strv,
                    const char *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

/* Reads a record's local values, as the merge compares them. */
JsonObject *
_crm_sync_read_local (CrmStoreTxn            *txn,
                      const CrmSyncResource  *resource,
                      gint64                  id,
                      GVariant              **row_out,
                      GError                **error)
{
  g_autoptr(GVariant) row = crm_store_txn_get_row (txn, resource->kind, id, error);
  g_auto(GStrv) tags = NULL;
  JsonObject *local;

  if (row == NULL)
    return NULL;

  if (resource->kind == CRM_ENTITY_CUSTOMER)
    tags = crm_store_txn_dup_tags (txn, id);

  local = crm_sync_resource_values_from_row (resource, row, (const char * const *) tags);
  if (row_out != NULL)
    *row_out = g_steal_pointer (&row);

  return local;
}

gint64
_crm_sync_row_int (GVariant   *row,
                   const char *column)
{
  gint64 value = 0;

  g_variant_lookup (row, column, "x", &value);
  return value;
}

/* Custom attributes named one by one become the record's whole object
 * again, with those keys as @values has them. */
static gboolean
add_custom_fields (CrmStoreTxn         *txn,
                   const CrmSyncResource *resource,
                   gint64               id,
                   JsonObject          *values,
                   const char * const  *columns,
                   GVariantBuilder     *fields,
                   GError             **error)
{
  g_autoptr(GVariant) row = NULL;
  const char *attributes = NULL;
  gboolean any = FALSE;

  /* The whole object, where it is written, holds them already. */
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    any |= crm_sync_custom_key (columns[i]) != NULL;
  if (!any || g_strv_contains (columns, "attributes"))
    return TRUE;

  row = crm_store_txn_get_row (txn, resource->kind, id, error);
  if (row == NULL)
    return FALSE;

  g_variant_lookup (row, "attributes", "&s", &attributes);
  g_variant_builder_add (fields, "{sv}", "attributes",
                         g_variant_new_take_string (crm_sync_custom_apply (attributes, values,
                                                                           columns)));
  return TRUE;
}

/* Writes server values into a local record: plain columns in one update,
 * a status through the status change (so the timeline says the sync made
 * it), tags through the tags; a card that changes column goes to the end
 * of its new one. */
gboolean
_crm_sync_write_values (CrmStoreTxn            *txn,
                        const CrmSyncResource  *resource,
                        gint64                  id,
                        JsonObject             *values,
                        const char * const     *columns,
                        gint64                  customer_id,
                        GError                **error)
{
  g_autoptr(GPtrArray) plain = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  g_auto(GVariantBuilder) fields = G_VARIANT_BUILDER_INIT (G_VARIANT_TYPE_VARDICT);
  gboolean move = FALSE;

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      if (g_str_equal (columns[i], "status") || g_str_equal (columns[i], "tags"))
        continue;
      g_ptr_array_add (plain, (gpointer) columns[i]);
      move |= g_str_equal (columns[i], "stage") || g_str_equal (columns[i], "pipeline");
    }

  crm_sync_resource_add_fields (resource, values, (const char * const *) plain->pdata, &fields);
  if (!add_custom_fields (txn, resource, id, values, columns, &fields, error))
    return FALSE;
  if (customer_id > 0)
    g_variant_builder_add (&fields, "{sv}", "customer_id", g_variant_new_int64 (customer_id));

  if (move && resource->kind == CRM_ENTITY_OPPORTUNITY)
    {
      g_autofree char *now = crm_timestamp_now ();
      g_autoptr(GVariant) row = crm_store_txn_get_row (txn, resource->kind, id, error);
      const char *pipeline = NULL;
      const char *stage = NULL;
      gint64 end;

      if (row == NULL)
        return FALSE;

      /* Values may hold only some columns (a conflict, a retried change). */
      g_variant_lookup (row, "pipeline", "&s", &pipeline);
      g_variant_lookup (row, "stage", "&s", &stage);
      if (json_object_has_member (values, "pipeline"))
        pipeline = json_object_get_string_member (values, "pipeline");
      if (json_object_has_member (values, "stage"))
        stage = json_object_get_string_member (values, "stage");

      if (!crm_store_txn_end_of_column (txn, pipeline, stage, &end, error))
        return FALSE;
      g_variant_builder_add (&fields, "{sv}", "board_position", g_variant_new_int64 (end));
      g_variant_builder_add (&fields, "{sv}", "stage_entered_at", g_variant_new_string (now));
    }

  if (!crm_store_txn_update (txn, resource->kind, id, g_variant_builder_end (&fields), error))
    return FALSE;

  if (move && resource->kind == CRM_ENTITY_OPPORTUNITY &&
      !crm_store_txn_settle_closing (txn, id, error))
    return FALSE;

  if (columns != NULL && g_strv_contains (columns, "status") &&
      !crm_store_txn_set_status (txn, id, json_object_get_string_member (values, "status"),
                                 CRM_ORIGIN_SYNC, error))
    return FALSE;

  if (columns != NULL && g_strv_contains (columns, "tags"))
    {
      g_auto(GStrv) tags = crm_sync_values_dup_tags (values);

      if (!crm_store_txn_set_tags (txn, id, (const char * const *) tags, error))
        return FALSE;
    }

  return TRUE;
}

/* Conflicts found before that both sides settled since go away; the
 * others stay. Returns the fields still in conflict. */
GStrv
_crm_sync_settle_old_conflicts (CrmStoreTxn            *txn,
                                const CrmSyncResource  *resource,
                                gint64                  id,
                                JsonObject             *local,
                                JsonObject             *server,
                                GError                **error)
{
  g_auto(GStrv) fields = crm_store_txn_dup_conflict_fields (txn, resource->kind, id);
  g_autoptr(GStrvBuilder) open = g_strv_builder_new ();

  for (guint i = 0; fields[i] != NULL; i++)
    {
      if (!crm_sync_values_equal (local, server, fields[i]))
        {
          g_strv_builder_add (open, fields[i]);
          continue;
        }
      if (!crm_store_txn_remove_field_conflict (txn, resource->kind, id, fields[i], error))
        return NULL;
    }

  return g_strv_builder_end (open);
}

gboolean
_crm_sync_put_conflicts (CrmStoreTxn            *txn,
                         const CrmSyncResource  *resource,
                         gint64                  id,
                         GPtrArray              *columns,
                         JsonObject             *local,
                         JsonObject             *server,
                         GStrv                   already,
                         CrmSyncCounts          *counts,
                         GError                **error)
{
  for (guint i = 0; i < columns->len; i++)
    {
      const char *column = g_ptr_array_index (columns, i);
      g_autofree char *mine = node_text (local, column);
      g_autofree char *theirs = node_text (server, column);

      if (!crm_store_txn_put_conflict (txn, resource->kind, id, column, mine, theirs, error))
        return FALSE;
      if (!_crm_sync_strv_has (already, column))
        counts->conflicts++;
    }

  return TRUE;
}
