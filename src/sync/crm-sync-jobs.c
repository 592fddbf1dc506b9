/* crm-sync-jobs.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-store-sync.h"
#include "crm-sync-crash.h"
#include "crm-sync-jobs.h"
#include "crm-sync-merge.h"
#include "crm-sync-pull-page.h"
#include "crm-sync-refusal.h"

/*
 * What the sync writes, on the store's writer thread: a pulled page (one
 * transaction for the page and its resume cursor), the end of a complete
 * scan (deletions, the first upload of a book that held data), and the
 * answers of pushes. Every job runs with the origin "sync": it queues no
 * push of its own, but the business rules run on what it writes (a new
 * lead is routed), and what they change is queued.
 */

static char *
state_key (const CrmSyncResource *resource,
           const char            *what)
{
  return g_strdup_printf ("pull.%s.%s", resource->path, what);
}

static char *
node_text (JsonObject *values,
           const char *column)
{
  JsonNode *node = json_object_get_member (values, column);

  if (node == NULL)
    return g_strdup ("null");

  return json_to_string (node, FALSE);
}

static gboolean
strv_has (GStrv       strv,
          const char *value)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, value);
}

/* Reads a record's local values, as the merge compares them. */
static JsonObject *
read_local (CrmStoreTxn            *txn,
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

static gint64
row_int (GVariant   *row,
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
static gboolean
write_values (CrmStoreTxn            *txn,
              const CrmSyncResource  *resource,
              gint64                  id,
              JsonObject             *values,
              const char * const     *columns,
              gint64                  customer_id,
              GError                **error)
{
  g_autoptr(GPtrArray) plain = g_ptr_array_new_null_terminated (0, NULL, TRUE);
  GVariantBuilder fields;
  gboolean move = FALSE;

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      if (g_str_equal (columns[i], "status") || g_str_equal (columns[i], "tags"))
        continue;
      g_ptr_array_add (plain, (gpointer) columns[i]);
      move |= g_str_equal (columns[i], "stage") || g_str_equal (columns[i], "pipeline");
    }

  g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
  crm_sync_resource_add_fields (resource, values, (const char * const *) plain->pdata, &fields);
  if (!add_custom_fields (txn, resource, id, values, columns, &fields, error))
    {
      g_variant_builder_clear (&fields);
      return FALSE;
    }
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

      end = crm_store_txn_end_of_column (txn, pipeline, stage, error);
      if (end == 0)
        {
          g_variant_builder_clear (&fields);
          return FALSE;
        }
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

/* Pull */

/* Columns and their values, a{sv}: a key, a value, … NULL. Quicker than
 * parsing a GVariant text for every record of a page. */
G_GNUC_NULL_TERMINATED
static GVariant *
columns_of (const char *first_key,
            ...)
{
  GVariantBuilder builder;
  const char *key = first_key;
  va_list args;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  va_start (args, first_key);
  while (key != NULL)
    {
      g_variant_builder_add (&builder, "{sv}", key, va_arg (args, GVariant *));
      key = va_arg (args, const char *);
    }
  va_end (args);

  return g_variant_builder_end (&builder);
}

static GVariant *
text_of (JsonObject *values,
         const char *column)
{
  return g_variant_new_string (json_object_get_string_member (values, column));
}

/* A value that may be null, bound as SQL NULL then (text_of() takes
 * only text). */
static GVariant *
nullable_text_of (JsonObject *values,
                  const char *column)
{
  JsonNode *node = json_object_get_member (values, column);
  const char *text = node != NULL && !JSON_NODE_HOLDS_NULL (node)
                     ? json_node_get_string (node) : NULL;

  return g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                              text != NULL ? g_variant_new_string (text) : NULL);
}

static gint64
find_task (CrmStoreTxn  *txn,
           gint64        customer_id,
           JsonObject   *v,
           GVariant     *assignee,
           GError      **error)
{
  return crm_store_txn_find_unsynced (txn, CRM_ENTITY_TASK,
                                      columns_of ("customer_id", g_variant_new_int64 (customer_id),
                                                  "details", text_of (v, "details"),
                                                  "due_on", nullable_text_of (v, "due_on"),
                                                  "assignee", assignee, NULL),
                                      error);
}

/* The same task: its text, due the same day, for the same person. A task
 * made here for nobody went to the server as the rep's (see the push's
 * create), so a server task of the rep's also pairs with one of nobody's. */
static gint64
find_task_pair (CrmStoreTxn  *txn,
                JsonObject   *v,
                gint64        customer_id,
                GError      **error)
{
  GError *local_error = NULL;
  g_autofree char *me = NULL;
  const char *assignee;
  gint64 id;

  id = find_task (txn, customer_id, v, nullable_text_of (v, "assignee"), &local_error);
  if (id != 0 || local_error != NULL)
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return id;
    }

  assignee = json_object_get_string_member_with_default (v, "assignee", NULL);
  me = crm_store_txn_dup_setting (txn, "me.email");
  if (assignee == NULL || me == NULL || g_ascii_strcasecmp (assignee, me) != 0)
    return 0;

  return find_task (txn, customer_id, v, g_variant_new_maybe (G_VARIANT_TYPE_STRING, NULL),
                    error);
}

/* A local record that pairs has the server's uuid from then on, and a
 * server record whose uuid is here is never paired again: each pairs at
 * most once. */
static gint64
find_pair (CrmStoreTxn     *txn,
           CrmSyncPageJob  *job,
           CrmSyncRecord   *record,
           gint64           customer_id,
           GError         **error)
{
  JsonObject *v = record->values;
  gint64 amount = json_object_get_int_member_with_default (v, "amount_minor", 0);
  gint64 id = 0;

  switch (job->resource->kind)
    {
    case CRM_ENTITY_CUSTOMER:
      /* The external id is made here: a server record that carries one of
       * ours is that record, created by a push whose answer was lost. The
       * email pairs only in the first scan of a book. */
      if (record->external_id != NULL)
        id = crm_store_txn_find_unsynced (txn, CRM_ENTITY_CUSTOMER,
                                          columns_of ("external_id",
                                                      g_variant_new_string (record->external_id),
                                                      NULL), error);
      if (id == 0 && job->pairing && *json_object_get_string_member (v, "email") != '\0')
        id = crm_store_txn_find_unsynced (txn, CRM_ENTITY_CUSTOMER,
                                          columns_of ("email", text_of (v, "email"), NULL), error);
      return id;
    case CRM_ENTITY_CONTACT:
      if (record->external_id != NULL)
        id = crm_store_txn_find_unsynced (txn, CRM_ENTITY_CONTACT,
                                          columns_of ("customer_id",
                                                      g_variant_new_int64 (customer_id),
                                                      "external_id",
                                                      g_variant_new_string (record->external_id),
                                                      NULL), error);
      if (id == 0 && job->pairing && !json_object_get_null_member (v, "email"))
        id = crm_store_txn_find_unsynced (txn, CRM_ENTITY_CONTACT,
                                          columns_of ("customer_id",
                                                      g_variant_new_int64 (customer_id),
                                                      "email", text_of (v, "email"), NULL),
                                          error);
      return id;
    case CRM_ENTITY_ACTIVITY:
      /* The same note, said at the same instant: the one a lost answer
       * left without its uuid. */
      return crm_store_txn_find_unsynced (txn, CRM_ENTITY_ACTIVITY,
                                          columns_of ("customer_id",
                                                      g_variant_new_int64 (customer_id),
                                                      "kind", text_of (v, "kind"),
                                                      "body", text_of (v, "body"),
                                                      "occurred_at", text_of (v, "occurred_at"),
                                                      NULL), error);
    case CRM_ENTITY_TASK:
      return find_task_pair (txn, v, customer_id, error);
    case CRM_ENTITY_OPPORTUNITY:
      return crm_store_txn_find_unsynced (txn, CRM_ENTITY_OPPORTUNITY,
                                          columns_of ("customer_id",
                                                      g_variant_new_int64 (customer_id),
                                                      "pipeline", text_of (v, "pipeline"),
                                                      "stage", text_of (v, "stage"),
                                                      "currency", text_of (v, "currency"),
                                                      "amount_minor",
                                                      g_variant_new_int64 (amount),
                                                      NULL), error);
    default:
      return 0;
    }
}

/* A new card from a pull goes to the end of its column. */
static gint64
insert_opportunity (CrmStoreTxn       *txn,
                    CrmStoreSyncPage  *statements,
                    CrmSyncRecord     *record,
                    gint64             customer_id,
                    GError           **error)
{
  gint64 end;

  end = crm_store_txn_end_of_column (txn,
                                     json_object_get_string_member (record->values, "pipeline"),
                                     json_object_get_string_member (record->values, "stage"),
                                     error);
  if (end == 0)
    return 0;

  return crm_sync_pull_insert (statements, crm_sync_resource_get (CRM_ENTITY_OPPORTUNITY),
                               record, customer_id, FALSE, end, error);
}

static gboolean
insert_record (CrmStoreTxn       *txn,
               CrmSyncPageJob    *job,
               CrmStoreSyncPage  *statements,
               CrmSyncRecord     *record,
               gint64             customer_id,
               GError           **error)
{
  const CrmSyncResource *resource = job->resource;
  gint64 id;

  if (resource->kind == CRM_ENTITY_OPPORTUNITY)
    id = insert_opportunity (txn, statements, record, customer_id, error);
  else
    id = crm_sync_pull_insert (statements, resource, record, customer_id,
                               record->external_id != NULL &&
                               !crm_store_sync_page_external_id_taken (statements,
                                                                       record->external_id),
                               0, error);
  if (id == 0)
    return FALSE;

  if (resource->kind == CRM_ENTITY_CUSTOMER)
    {
      g_auto(GStrv) tags = crm_sync_values_dup_tags (record->values);

      /* A new customer has no tags yet. */
      if (tags[0] != NULL && !crm_store_txn_set_tags (txn, id, (const char * const *) tags, error))
        return FALSE;
    }

  job->counts.created++;
  return crm_store_sync_page_set_base (statements, id, record->base, record->hash, job->pass,
                                       error);
}

/* Conflicts found before that both sides settled since go away; the
 * others stay. Returns the fields still in conflict. */
static GStrv
settle_old_conflicts (CrmStoreTxn            *txn,
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

static gboolean
put_conflicts (CrmStoreTxn            *txn,
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
      if (!strv_has (already, column))
        counts->conflicts++;
    }

  return TRUE;
}

/* Whether any of @push is not held up by a conflict. */
static gboolean
has_free_push (GPtrArray *push,
               GStrv      open)
{
  for (guint i = 0; i < push->len; i++)
    if (!strv_has (open, g_ptr_array_index (push, i)))
      return TRUE;

  return FALSE;
}

static gboolean
update_record (CrmStoreTxn       *txn,
               CrmSyncPageJob    *job,
               CrmStoreSyncPage  *statements,
               CrmSyncRecord     *record,
               gint64             id,
               gint64             customer_id,
               GError           **error)
{
  const CrmSyncResource *resource = job->resource;
  g_autofree char *base_text = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(GVariant) row = NULL;
  g_autoptr(CrmSyncMerge) merge = NULL;
  g_auto(GStrv) open = NULL;
  gint64 moved_to = 0;
  gboolean unchanged;

  /* Unchanged on the server since last seen: only mark it seen. */
  if (!crm_store_sync_page_is_unchanged (statements, id, record->hash, &unchanged, error))
    return FALSE;
  if (unchanged)
    return crm_store_sync_page_mark_seen (statements, id, job->pass, error);

  if (!crm_store_txn_get_sync_base (txn, resource->kind, id, &base_text, &hash, error))
    return FALSE;

  local = read_local (txn, resource, id, &row, error);
  if (local == NULL)
    return FALSE;

  base = crm_sync_resource_parse_values (base_text);
  merge = crm_sync_merge_new (resource, base, local, record->values);
  open = settle_old_conflicts (txn, resource, id, local, record->values, error);
  if (open == NULL)
    return FALSE;

  if (customer_id > 0 && row_int (row, "customer_id") != customer_id)
    moved_to = customer_id;

  if ((merge->take->len > 0 || moved_to > 0) &&
      !write_values (txn, resource, id, record->values,
                     (const char * const *) merge->take->pdata, moved_to, error))
    return FALSE;

  if (!put_conflicts (txn, resource, id, merge->conflicts, local, record->values, open,
                      &job->counts, error))
    return FALSE;

  if (merge->take->len > 0 || moved_to > 0)
    job->counts.updated++;

  /* A change made here that nothing queued yet (a record just paired, or
   * one a rule changed) goes out with the next push. */
  if (has_free_push (merge->push, open) &&
      !crm_store_txn_has_pending_change (txn, resource->kind, id))
    {
      if (crm_store_txn_queue_change (txn, resource->kind, id, "update", error) == 0)
        return FALSE;
      job->counts.queued++;
    }

  return crm_store_txn_set_sync_base (txn, resource->kind, id, record->base, record->hash,
                                      job->pass, error);
}

static gboolean
apply_record (CrmStoreTxn       *txn,
              CrmSyncPageJob    *job,
              CrmStoreSyncPage  *statements,
              CrmSyncRecord     *record,
              GError           **error)
{
  const CrmSyncResource *resource = job->resource;
  GError *local_error = NULL;
  gint64 customer_id = 0;
  gint64 id;

  if (resource->has_customer)
    {
      /* A record whose customer is not here (created after the customers
       * were read, or merged away) comes with the next sync. */
      if (record->customer_uuid != NULL)
        customer_id = crm_store_sync_page_find_customer (statements, record->customer_uuid,
                                                         &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (customer_id == 0)
        {
          job->counts.skipped++;
          return TRUE;
        }
    }

  id = crm_store_sync_page_find_uuid (statements, record->uuid, &local_error);
  if (id == 0 && local_error == NULL && job->has_unsynced)
    {
      id = find_pair (txn, job, record, customer_id, &local_error);

      /* Paired: the local record is that server record from now on. */
      if (id > 0 &&
          !crm_store_txn_update (txn, resource->kind, id,
                                 g_variant_new_parsed ("{'uuid': <%s>}", record->uuid),
                                 &local_error))
        id = 0;
    }
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (id == 0)
    {
      /* Deleted here, the deletion not sent yet: it stays deleted. */
      if (crm_store_sync_page_has_pending_delete (statements, record->uuid))
        {
          job->counts.skipped++;
          return TRUE;
        }

      return insert_record (txn, job, statements, record, customer_id, error);
    }

  return update_record (txn, job, statements, record, id, customer_id, error);
}

/**
 * crm_sync_apply_page:
 * @txn: the open transaction
 * @job: (type CrmSyncPageJob): the page
 * @error: return location for a #GError
 *
 * Writes a pulled page and where the scan resumes after it, in one
 * transaction: a pull stopped anywhere resumes at the first page not
 * written.
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_sync_apply_page (CrmStoreTxn  *txn,
                     gpointer      job,
                     GError      **error)
{
  CrmSyncPageJob *page = job;
  g_autofree char *cursor_key = state_key (page->resource, "cursor");
  g_autofree char *done_key = state_key (page->resource, "done");
  g_autofree char *pass = g_strdup_printf ("%" G_GINT64_FORMAT, page->pass);
  g_autoptr(CrmStoreSyncPage) statements = NULL;
  g_autofree char *stored = crm_store_txn_dup_sync_state (txn, cursor_key);

  /* The page is sent to the writer while the one before it is written:
   * it is written only if that one was, where its scan stands. */
  if (g_strcmp0 (stored, page->cursor) != 0)
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_FAILED,
                           "The page before this one was not written");
      return FALSE;
    }

  /* Nothing to pair with in a book all of whose records are synced (a
   * first pull into an empty profile): no look-up per record. */
  page->has_unsynced = crm_store_txn_has_unsynced (txn, page->resource->kind);

  /* The statements run for each record, looked up once. */
  statements = crm_store_sync_page_new (txn, page->resource->kind, error);
  if (statements == NULL)
    return FALSE;

  for (guint i = 0; i < page->records->len; i++)
    {
      if (i == page->records->len / 2)
        crm_sync_crash_point ("page-transaction");

      if (!apply_record (txn, page, statements, g_ptr_array_index (page->records, i), error))
        return FALSE;
    }

  /* Freed by the parsing thread, rather than here or on the main thread. */
  crm_sync_pull_free_records (g_steal_pointer (&page->records));

  if (!crm_store_txn_set_sync_state (txn, cursor_key, page->next_cursor, error))
    return FALSE;

  return page->next_cursor != NULL ||
         crm_store_txn_set_sync_state (txn, done_key, pass, error);
}

/**
 * crm_sync_finish_pass:
 * @txn: the open transaction
 * @job: (type CrmSyncPassJob): the scan
 * @error: return location for a #GError
 *
 * Ends a complete scan of every list: deletes what it did not see
 * (children first), queues the records of a book that held data before
 * its account (after its first scan paired them with the server's), and
 * starts the next scan.
 *
 * Returns: %TRUE to commit
 */
gboolean
crm_sync_finish_pass (CrmStoreTxn  *txn,
                      gpointer      job,
                      GError      **error)
{
  CrmSyncPassJob *pass = job;
  g_autofree char *next = g_strdup_printf ("%" G_GINT64_FORMAT, pass->pass + 1);
  const char *kept = _("Deleted on the server while changed here");
  guint n = crm_sync_resource_count ();

  for (guint i = n; i > 0; i--)
    {
      const CrmSyncResource *resource = crm_sync_resource_nth (i - 1);
      guint deleted = 0;

      if (!crm_store_txn_sweep_unseen (txn, resource->kind, pass->pass, kept, &deleted, error))
        return FALSE;
      pass->counts.deleted += deleted;
    }

  for (guint i = 0; pass->pairing && i < n; i++)
    {
      GError *local_error = NULL;

      pass->counts.queued += crm_store_txn_queue_unsynced (txn, crm_sync_resource_nth (i)->kind,
                                                           &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *cursor_key = state_key (crm_sync_resource_nth (i), "cursor");
      g_autofree char *done_key = state_key (crm_sync_resource_nth (i), "done");

      if (!crm_store_txn_set_sync_state (txn, cursor_key, NULL, error) ||
          !crm_store_txn_set_sync_state (txn, done_key, NULL, error))
        return FALSE;
    }

  return crm_store_txn_set_sync_state (txn, CRM_SYNC_STATE_PAIRED, "1", error) &&
         crm_store_txn_set_sync_state (txn, CRM_SYNC_STATE_PASS, next, error);
}

/**
 * crm_sync_page_job_free:
 * @job: (nullable): a page job
 */
void
crm_sync_page_job_free (CrmSyncPageJob *job)
{
  if (job == NULL)
    return;

  g_clear_pointer (&job->records, g_ptr_array_unref);
  g_free (job->cursor);
  g_free (job->next_cursor);
  g_free (job);
}

/* Push */

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

  customer = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, row_int (row, "customer_id"),
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

  prepare->local = read_local (txn, prepare->resource, entry->local_id, &row, &missing);
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

  return job->sent_columns == NULL || strv_has (job->sent_columns, column);
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

  local = read_local (txn, resource, job->local_id, NULL, error);
  if (local == NULL)
    return FALSE;

  /* A field in conflict keeps the rep's value until the rep picks. */
  open = crm_store_txn_dup_conflict_fields (txn, resource->kind, job->local_id);

  for (const CrmSyncField *field = resource->fields; field->column != NULL; field++)
    {
      const char *column = field->column;
      gboolean sent = sent_column (job, column);

      if (strv_has (open, column) || crm_sync_values_equal (local, job->server->values, column))
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
      !write_values (txn, resource, job->local_id, job->server->values,
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

  open = settle_old_conflicts (txn, resource, job->local_id, job->local, job->server->values,
                               error);
  if (open == NULL)
    return FALSE;

  /* The merge was worked out on the record as it was read; a field the
   * rep changed since is not overwritten but becomes a conflict. */
  local = read_local (txn, resource, job->local_id, NULL, error);
  if (local == NULL)
    return FALSE;

  for (guint i = 0; job->take != NULL && job->take[i] != NULL; i++)
    g_ptr_array_add (crm_sync_values_equal (local, job->local, job->take[i]) ? take : conflicts,
                     job->take[i]);

  if (take->len > 0 &&
      !write_values (txn, resource, job->local_id, job->server->values,
                     (const char * const *) take->pdata, 0, error))
    return FALSE;

  for (guint i = 0; job->conflicts != NULL && job->conflicts[i] != NULL; i++)
    g_ptr_array_add (conflicts, job->conflicts[i]);
  if (!put_conflicts (txn, resource, job->local_id, conflicts, local, job->server->values,
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
      if (job->resource->kind == CRM_ENTITY_OPPORTUNITY && strv_has (job->sent_columns, "stage"))
        before = crm_store_txn_get_row (txn, CRM_ENTITY_OPPORTUNITY, job->local_id, NULL);

      if (!write_values (txn, job->resource, job->local_id, job->server->values,
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

    return write_values (txn, resource, conflict->local_id, values, columns, 0, error);
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

      if (!write_values (txn, crm_sync_resource_get (entry->kind), entry->local_id, payload,
                         (const char * const *) columns->pdata, 0, error))
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
