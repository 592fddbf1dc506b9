/* crm-sync-jobs.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-store-sync.h"
#include "crm-sync-crash.h"
#include "crm-sync-jobs.h"
#include "crm-sync-jobs-private.h"
#include "crm-sync-merge.h"
#include "crm-sync-new-rows.h"
#include "crm-sync-pull-page.h"

/*
 * What the sync writes, on the store's writer thread: a pulled page (one
 * transaction for the page and its resume cursor), the end of a complete
 * scan (deletions, the first upload of a book that held data), and the
 * answers of pushes. Every job runs with the origin "sync": it queues no
 * push of its own, but the business rules run on what it writes (a new
 * lead is routed), and what they change is queued.
 *
 * This file holds the pull's jobs; the push's are in crm-sync-land.c, and
 * what both write into a record in crm-sync-write.c.
 */

static char *
state_key (const CrmSyncResource *resource,
           const char            *what)
{
  return g_strdup_printf ("pull.%s.%s", resource->path, what);
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

/* A new card from a pull goes to the end of its column: after the cards
 * there, and after those of the page that wait to go in. */
static gboolean
place_new_card (CrmStoreTxn     *txn,
                CrmSyncNewRows  *rows,
                CrmSyncRecord   *record,
                gint64          *place,
                GError         **error)
{
  const char *pipeline = json_object_get_string_member (record->values, "pipeline");
  const char *stage = json_object_get_string_member (record->values, "stage");

  if (rows != NULL && crm_sync_new_rows_end_of_column (rows, pipeline, stage, place))
    return TRUE;

  return crm_store_txn_end_of_column (txn, pipeline, stage, place, error);
}

/* What a new record gets once inserted: its tags, and its base. */
static gboolean
finish_new_record (CrmStoreTxn       *txn,
                   CrmSyncPageJob    *job,
                   CrmStoreSyncPage  *statements,
                   CrmSyncRecord     *record,
                   gint64             id,
                   GError           **error)
{
  if (job->resource->kind == CRM_ENTITY_CUSTOMER)
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

/* Inserts the new records that wait, if any. */
static gboolean
insert_waiting (CrmStoreTxn       *txn,
                CrmSyncPageJob    *job,
                CrmStoreSyncPage  *statements,
                CrmSyncNewRows    *rows,
                GError           **error)
{
  gint64 ids[CRM_STORE_SYNC_MAX_ROWS];

  if (rows == NULL || crm_sync_new_rows_get_n_rows (rows) == 0)
    return TRUE;

  if (!crm_sync_new_rows_insert (rows, ids, error))
    return FALSE;

  for (guint i = 0; i < crm_sync_new_rows_get_n_rows (rows); i++)
    if (!finish_new_record (txn, job, statements, crm_sync_new_rows_get_record (rows, i), ids[i],
                            error))
      return FALSE;

  crm_sync_new_rows_clear (rows);
  return TRUE;
}

/* A new record waits in @rows, when there are, to be inserted with the
 * ones after it; otherwise it is inserted now. */
static gboolean
insert_record (CrmStoreTxn       *txn,
               CrmSyncPageJob    *job,
               CrmStoreSyncPage  *statements,
               CrmSyncNewRows    *rows,
               CrmSyncRecord     *record,
               gint64             customer_id,
               GError           **error)
{
  const CrmSyncResource *resource = job->resource;
  gboolean is_card = resource->kind == CRM_ENTITY_OPPORTUNITY;
  gboolean with_external_id;
  gint64 place = 0;
  gint64 id;

  /* An external id the store or a waiting record holds stays theirs. */
  with_external_id = record->external_id != NULL &&
                     (rows == NULL ||
                      !crm_sync_new_rows_holds_external_id (rows, record->external_id)) &&
                     !crm_store_sync_page_external_id_taken (statements, record->external_id);

  if (is_card && !place_new_card (txn, rows, record, &place, error))
    return FALSE;

  if (rows != NULL)
    {
      if (crm_sync_new_rows_add (rows, record, customer_id, with_external_id, place))
        return TRUE;

      /* The ones waiting go first. A card keeps its place: the column
       * now ends with the last of them in the store. */
      if (!insert_waiting (txn, job, statements, rows, error))
        return FALSE;
      if (crm_sync_new_rows_add (rows, record, customer_id, with_external_id, place))
        return TRUE;
    }

  id = crm_sync_pull_insert (statements, resource, record, customer_id, with_external_id, place,
                             error);
  if (id == 0)
    return FALSE;

  return finish_new_record (txn, job, statements, record, id, error);
}

/* Whether any of @push is not held up by a conflict. */
static gboolean
has_free_push (GPtrArray *push,
               GStrv      open)
{
  for (guint i = 0; i < push->len; i++)
    if (!_crm_sync_strv_has (open, g_ptr_array_index (push, i)))
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

  local = _crm_sync_read_local (txn, resource, id, &row, error);
  if (local == NULL)
    return FALSE;

  base = crm_sync_resource_parse_values (base_text);
  merge = crm_sync_merge_new (resource, base, local, record->values);
  open = _crm_sync_settle_old_conflicts (txn, resource, id, local, record->values, error);
  if (open == NULL)
    return FALSE;

  if (customer_id > 0 && _crm_sync_row_int (row, "customer_id") != customer_id)
    moved_to = customer_id;

  if ((merge->take->len > 0 || moved_to > 0) &&
      !_crm_sync_write_values (txn, resource, id, record->values,
                               (const char * const *) merge->take->pdata, moved_to, error))
    return FALSE;

  if (!_crm_sync_put_conflicts (txn, resource, id, merge->conflicts, local, record->values, open,
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

/* The local record of @record: the one with its uuid or, in a book that
 * held data before its account, the one it pairs with, which takes the
 * uuid from then on. 0 when there is none. */
static gint64
find_local (CrmStoreTxn       *txn,
            CrmSyncPageJob    *job,
            CrmStoreSyncPage  *statements,
            CrmSyncNewRows    *rows,
            CrmSyncRecord     *record,
            gint64             customer_id,
            GError           **error)
{
  GError *local_error = NULL;
  gint64 id;

  id = crm_store_sync_page_find_uuid (statements, record->uuid, &local_error);
  if (id == 0 && local_error == NULL && job->has_unsynced)
    {
      id = find_pair (txn, job, record, customer_id, &local_error);

      /* The new records before it go in first: records change in the
       * page's order. */
      if (id > 0 &&
          (!insert_waiting (txn, job, statements, rows, &local_error) ||
           !crm_store_txn_update (txn, job->resource->kind, id,
                                  g_variant_new_parsed ("{'uuid': <%s>}", record->uuid),
                                  &local_error)))
        id = 0;
    }

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }

  return id;
}

static gboolean
apply_record (CrmStoreTxn       *txn,
              CrmSyncPageJob    *job,
              CrmStoreSyncPage  *statements,
              CrmSyncNewRows    *rows,
              CrmSyncRecord     *record,
              GError           **error)
{
  GError *local_error = NULL;
  gint64 customer_id = 0;
  gint64 id;

  /* A page that sends a record twice: the first must be in the store
   * for the second to find it. */
  if (rows != NULL && crm_sync_new_rows_holds_uuid (rows, record->uuid) &&
      !insert_waiting (txn, job, statements, rows, error))
    return FALSE;

  if (job->resource->has_customer)
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

  id = find_local (txn, job, statements, rows, record, customer_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (id == 0)
    {
      /* Deleted here, the deletion not sent yet: it stays deleted. */
      if (crm_store_sync_page_has_pending_delete (statements, record->uuid, &local_error))
        {
          job->counts.skipped++;
          return TRUE;
        }
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }

      return insert_record (txn, job, statements, rows, record, customer_id, error);
    }

  /* Records change in the page's order. */
  if (!insert_waiting (txn, job, statements, rows, error))
    return FALSE;

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
  g_autoptr(CrmSyncNewRows) rows = NULL;
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
  if (crm_sync_new_rows_can_batch (page->resource->kind))
    rows = crm_sync_new_rows_new (statements, page->resource);

  for (guint i = 0; i < page->records->len; i++)
    {
      if (i == page->records->len / 2)
        crm_sync_crash_point ("page-transaction");

      if (!apply_record (txn, page, statements, rows, g_ptr_array_index (page->records, i),
                         error))
        return FALSE;
    }

  /* Before the records go: the rows waiting borrow their values. */
  if (!insert_waiting (txn, page, statements, rows, error))
    return FALSE;

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
