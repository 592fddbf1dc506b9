/* crm-store-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store-bulk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-store-bulk.h"
#include "crm-store-private.h"

/* A bulk edit is one job on the writer thread: one transaction and one
 * undo group for all the customers, so the store emits one change per
 * table at the commit and Undo puts every row back. Each customer is
 * edited inside a savepoint, so a customer that cannot take the edit (a
 * subscriber status, an attribute of another type, a rule's refusal) is
 * left whole and listed with the reason, while the others go on.
 *
 * The job's counters are written by the writer thread; the main thread
 * reads only `done` (atomically, for progress) until the job has been
 * delivered back to it. */

#define PROGRESS_INTERVAL_MS 100

struct _CrmBulkResult
{
  gatomicrefcount  ref_count;
  gint64           undo_group;
  guint            n_changed;
  guint            n_unchanged;
  GPtrArray       *skipped;     /* CrmBulkSkip */
};

typedef struct
{
  CrmBulkEdit *edit;
  GArray      *ids;
  GCancellable *cancellable;
  char        *me;              /* the profile's email, read in the job */
  gint         done;            /* atomic */
  guint        n_changed;
  guint        n_unchanged;
  GPtrArray   *skipped;
} BulkJob;

/* The GTask's data, main thread only. */
typedef struct
{
  BulkJob             *job;
  CrmBulkProgressFunc  progress;
  gpointer             user_data;
  GSource             *progress_source;
  guint                last_done;
} BulkState;

G_DEFINE_BOXED_TYPE (CrmBulkResult, crm_bulk_result, crm_bulk_result_ref, crm_bulk_result_unref)

static void
bulk_skip_free (CrmBulkSkip *skip)
{
  g_free (skip->name);
  g_free (skip->reason);
  g_free (skip);
}

static void
bulk_job_clear (BulkJob *job)
{
  g_clear_pointer (&job->edit, crm_bulk_edit_unref);
  g_clear_pointer (&job->ids, g_array_unref);
  g_clear_object (&job->cancellable);
  g_clear_pointer (&job->me, g_free);
  g_clear_pointer (&job->skipped, g_ptr_array_unref);
}

/* Either thread: the writer's job and the task each hold a reference. */
static void
bulk_job_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, (GDestroyNotify) bulk_job_clear);
}

static void
source_destroy_and_unref (GSource *source)
{
  g_source_destroy (source);
  g_source_unref (source);
}

static void
bulk_state_free (BulkState *state)
{
  g_clear_pointer (&state->progress_source, source_destroy_and_unref);
  bulk_job_release (state->job);
  g_free (state);
}

/**
 * crm_bulk_result_ref:
 * @self: a #CrmBulkResult
 *
 * Returns: (transfer full): @self
 */
CrmBulkResult *
crm_bulk_result_ref (CrmBulkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

/**
 * crm_bulk_result_unref:
 * @self: (transfer full): a #CrmBulkResult
 */
void
crm_bulk_result_unref (CrmBulkResult *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_ptr_array_unref (self->skipped);
  g_free (self);
}

/**
 * crm_bulk_result_get_undo_group:
 * @self: a #CrmBulkResult
 *
 * Returns: the undo group that puts every changed customer back
 */
gint64
crm_bulk_result_get_undo_group (CrmBulkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->undo_group;
}

/**
 * crm_bulk_result_get_n_changed:
 * @self: a #CrmBulkResult
 *
 * Returns: how many customers the edit changed
 */
guint
crm_bulk_result_get_n_changed (CrmBulkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_changed;
}

/**
 * crm_bulk_result_get_n_unchanged:
 * @self: a #CrmBulkResult
 *
 * Returns: how many customers already had every value of the edit
 */
guint
crm_bulk_result_get_n_unchanged (CrmBulkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_unchanged;
}

/**
 * crm_bulk_result_get_n_skipped:
 * @self: a #CrmBulkResult
 *
 * Returns: how many customers could not take the edit
 */
guint
crm_bulk_result_get_n_skipped (CrmBulkResult *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->skipped->len;
}

/**
 * crm_bulk_result_get_skipped:
 * @self: a #CrmBulkResult
 *
 * Returns: (transfer none) (element-type CrmBulkSkip): the customers that
 *   could not take the edit, in the order they were given
 */
GPtrArray *
crm_bulk_result_get_skipped (CrmBulkResult *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->skipped;
}

/* Writer thread from here to crm_store_bulk_edit_async(). */

static gboolean
exec_cached (CrmStoreTxn  *txn,
             const char   *sql,
             GError      **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements, sql, error);
  if (stmt == NULL)
    return FALSE;

  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to run a savepoint");

  return TRUE;
}

static GStrv
dup_tags (CrmStoreTxn  *txn,
          gint64        customer_id,
          GError      **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT tag FROM tags WHERE customer_id = ? ORDER BY tag",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read tags");
      return NULL;
    }

  return g_strv_builder_end (builder);
}

/* The same choice as crm_customer_get_display_name(), from a row. */
static char *
dup_display_name (GVariant *row)
{
  static const char * const columns[] = { "name", "company", "email" };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      const char *text = NULL;

      if (g_variant_lookup (row, columns[i], "&s", &text) && text[0] != '\0')
        return g_strdup (text);
    }

  return g_strdup (_("Unnamed customer"));
}

static void
add_skip (BulkJob    *job,
          gint64      id,
          char       *name,
          char       *reason)
{
  CrmBulkSkip *skip = g_new0 (CrmBulkSkip, 1);

  skip->id = id;
  skip->name = name;
  skip->reason = reason;
  g_ptr_array_add (job->skipped, skip);
}

/* The owner the edit gives, as stored: NULL for nobody, or an email. */
static const char *
target_owner (BulkJob *job)
{
  const char *owner = crm_bulk_edit_get_owner (job->edit);

  if (owner == NULL || owner[0] == '\0')
    return NULL;

  return g_str_equal (owner, "me") ? job->me : owner;
}

/* What one customer takes; filled by plan_row(). */
typedef struct
{
  char     *name;
  char     *old_status;
  char     *old_owner;
  char     *attributes;    /* the new JSON, or NULL when unchanged */
  GStrv     tags;          /* the new tags, or NULL when unchanged */
  gboolean  status;
  gboolean  owner;
} RowPlan;

static void
row_plan_clear (RowPlan *plan)
{
  g_clear_pointer (&plan->name, g_free);
  g_clear_pointer (&plan->old_status, g_free);
  g_clear_pointer (&plan->old_owner, g_free);
  g_clear_pointer (&plan->attributes, g_free);
  g_clear_pointer (&plan->tags, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (RowPlan, row_plan_clear)

static gboolean
plan_attributes (BulkJob   *job,
                 GVariant  *row,
                 RowPlan   *plan,
                 char     **reason)
{
  g_autoptr(JsonNode) root = NULL;
  const char *text = "{}";
  gboolean changed = FALSE;

  g_variant_lookup (row, "attributes", "&s", &text);
  root = json_from_string (text, NULL);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    {
      g_autoptr(JsonObject) empty = json_object_new ();

      g_clear_pointer (&root, json_node_unref);
      root = json_node_init_object (json_node_alloc (), empty);
    }

  if (!crm_bulk_edit_apply_attributes (job->edit, json_node_get_object (root),
                                       &changed, reason))
    return FALSE;

  if (changed)
    plan->attributes = json_to_string (root, FALSE);

  return TRUE;
}

/* Decides what the customer in @row takes. Returns %FALSE with @reason
 * when it cannot take the edit, or with @error on a failure. */
static gboolean
plan_row (CrmStoreTxn  *txn,
          BulkJob      *job,
          gint64        id,
          GVariant     *row,
          RowPlan      *plan,
          char        **reason,
          GError      **error)
{
  const char *status = crm_bulk_edit_get_status (job->edit);
  const char *owner = target_owner (job);
  gboolean tags_changed = FALSE;

  plan->name = dup_display_name (row);
  g_variant_lookup (row, "status", "s", &plan->old_status);
  g_variant_lookup (row, "owner", "s", &plan->old_owner);

  if (!crm_bulk_edit_check_status (job->edit, plan->old_status, reason))
    return FALSE;

  if (crm_bulk_edit_get_n_attributes (job->edit) > 0 &&
      !plan_attributes (job, row, plan, reason))
    return FALSE;

  plan->status = status != NULL && g_strcmp0 (status, plan->old_status) != 0;
  plan->owner = crm_bulk_edit_get_owner (job->edit) != NULL &&
                g_strcmp0 (owner, plan->old_owner) != 0;

  if (crm_bulk_edit_get_added_tags (job->edit)[0] != NULL ||
      crm_bulk_edit_get_removed_tags (job->edit)[0] != NULL)
    {
      g_auto(GStrv) current = dup_tags (txn, id, error);

      if (current == NULL)
        return FALSE;

      plan->tags = crm_bulk_edit_apply_tags (job->edit, (const char * const *) current,
                                             &tags_changed);
      if (!tags_changed)
        g_clear_pointer (&plan->tags, g_strfreev);
    }

  return TRUE;
}

static gboolean
write_owner_change (CrmStoreTxn  *txn,
                    BulkJob      *job,
                    gint64        id,
                    RowPlan      *plan,
                    GError      **error)
{
  g_autofree char *now = crm_timestamp_now ();
  const char *owner = target_owner (job);
  GVariantDict activity;

  g_variant_dict_init (&activity, NULL);
  g_variant_dict_insert (&activity, "customer_id", "x", id);
  g_variant_dict_insert (&activity, "kind", "s", "owner");
  g_variant_dict_insert (&activity, "occurred_at", "s", now);
  g_variant_dict_insert (&activity, "cause", "s", "person");
  if (plan->old_owner != NULL)
    g_variant_dict_insert (&activity, "old_owner", "s", plan->old_owner);
  if (owner != NULL)
    g_variant_dict_insert (&activity, "new_owner", "s", owner);
  if (job->me != NULL)
    g_variant_dict_insert (&activity, "author", "s", job->me);

  return crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY,
                               g_variant_dict_end (&activity), error) > 0;
}

static gboolean
write_row (CrmStoreTxn  *txn,
           BulkJob      *job,
           gint64        id,
           RowPlan      *plan,
           GError      **error)
{
  g_autoptr(GVariant) changes = NULL;
  GVariantDict fields;

  if (plan->status &&
      !crm_store_txn_set_status (txn, id, crm_bulk_edit_get_status (job->edit),
                                 CRM_ORIGIN_PERSON, error))
    return FALSE;

  g_variant_dict_init (&fields, NULL);
  if (plan->owner)
    g_variant_dict_insert_value (&fields, "owner",
                                 g_variant_new_maybe (G_VARIANT_TYPE_STRING,
                                                      target_owner (job) != NULL
                                                      ? g_variant_new_string (target_owner (job))
                                                      : NULL));
  if (plan->attributes != NULL)
    g_variant_dict_insert (&fields, "attributes", "s", plan->attributes);

  changes = g_variant_ref_sink (g_variant_dict_end (&fields));
  if (g_variant_n_children (changes) > 0 &&
      !crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, id, changes, error))
    return FALSE;

  if (plan->owner && !write_owner_change (txn, job, id, plan, error))
    return FALSE;

  if (plan->tags != NULL &&
      !crm_store_txn_set_tags (txn, id, (const char * const *) plan->tags, error))
    return FALSE;

  return TRUE;
}

/* A rule's refusal or a broken constraint is the customer's, not the
 * job's: the customer is skipped. Anything else stops the job. */
static gboolean
is_row_error (const GError *error)
{
  return g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED) ||
         g_error_matches (error, CRM_STORE_ERROR, CRM_STORE_ERROR_CONSTRAINT);
}

static gboolean
edit_row_in_savepoint (CrmStoreTxn  *txn,
                       BulkJob      *job,
                       gint64        id,
                       GError      **error)
{
  g_auto(RowPlan) plan = { NULL };
  g_autoptr(GVariant) row = NULL;
  g_autoptr(GError) local_error = NULL;
  char *reason = NULL;

  row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, id, &local_error);
  if (row == NULL)
    {
      if (!g_error_matches (local_error, CRM_STORE_ERROR, CRM_STORE_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      add_skip (job, id, g_strdup (_("Deleted customer")),
                g_strdup (_("The customer was deleted")));
      return TRUE;
    }

  if (!plan_row (txn, job, id, row, &plan, &reason, error))
    {
      if (reason == NULL)
        return FALSE;
      add_skip (job, id, g_steal_pointer (&plan.name), reason);
      return TRUE;
    }

  if (!plan.status && !plan.owner && plan.attributes == NULL && plan.tags == NULL)
    {
      job->n_unchanged++;
      return TRUE;
    }

  if (!write_row (txn, job, id, &plan, &local_error))
    {
      if (!is_row_error (local_error))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      if (!exec_cached (txn, "ROLLBACK TO crm_bulk_row", error))
        return FALSE;
      add_skip (job, id, g_steal_pointer (&plan.name), g_strdup (local_error->message));
      return TRUE;
    }

  job->n_changed++;
  return TRUE;
}

static gboolean
edit_row (CrmStoreTxn  *txn,
          BulkJob      *job,
          gint64        id,
          GError      **error)
{
  if (!exec_cached (txn, "SAVEPOINT crm_bulk_row", error))
    return FALSE;

  if (!edit_row_in_savepoint (txn, job, id, error))
    return FALSE;

  return exec_cached (txn, "RELEASE crm_bulk_row", error);
}

static gboolean
bulk_job_run (CrmStoreTxn  *txn,
              gpointer      user_data,
              GError      **error)
{
  BulkJob *job = user_data;

  job->me = crm_store_txn_dup_setting (txn, "me.email");
  if (g_strcmp0 (crm_bulk_edit_get_owner (job->edit), "me") == 0 &&
      (job->me == NULL || job->me[0] == '\0'))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                           _("Set your email in Preferences to own customers"));
      return FALSE;
    }

  for (guint i = 0; i < job->ids->len; i++)
    {
      /* Cancelling rolls back every customer done so far. */
      if (g_cancellable_set_error_if_cancelled (job->cancellable, error))
        return FALSE;

      if (!edit_row (txn, job, g_array_index (job->ids, gint64, i), error))
        return FALSE;

      g_atomic_int_set (&job->done, (gint) i + 1);
    }

  g_debug ("Bulk edit: %u changed, %u unchanged, %u skipped",
           job->n_changed, job->n_unchanged, job->skipped->len);

  return TRUE;
}

/* Main thread from here on. */

static gboolean
on_progress_timeout_cb (gpointer user_data)
{
  GTask *task = user_data;
  BulkState *state = g_task_get_task_data (task);
  guint done = (guint) g_atomic_int_get (&state->job->done);

  if (done != state->last_done)
    {
      state->last_done = done;
      state->progress (done, state->job->ids->len, state->user_data);
    }

  return G_SOURCE_CONTINUE;
}

static void
on_bulk_job_done_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  BulkState *state = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  CrmBulkResult *bulk;
  gint64 undo_group = 0;

  g_clear_pointer (&state->progress_source, source_destroy_and_unref);

  if (!crm_store_mutation_finish (CRM_STORE (object), result, &undo_group, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* The writer is done with the job: what it counted is ours now. */
  bulk = g_new0 (CrmBulkResult, 1);
  g_atomic_ref_count_init (&bulk->ref_count);
  bulk->undo_group = undo_group;
  bulk->n_changed = state->job->n_changed;
  bulk->n_unchanged = state->job->n_unchanged;
  bulk->skipped = g_ptr_array_ref (state->job->skipped);

  g_task_return_pointer (task, bulk, (GDestroyNotify) crm_bulk_result_unref);
}

static char *
dup_undo_label (guint n_customers)
{
  return g_strdup_printf (ngettext ("Change %u customer", "Change %u customers", n_customers),
                          n_customers);
}

/**
 * crm_store_bulk_edit_async:
 * @store: a #CrmStore
 * @ids: (element-type gint64): the customers to edit; copied
 * @edit: the change; not to be changed afterwards
 * @cancellable: (nullable): a #GCancellable; cancelling rolls every
 *   customer back
 * @progress: (nullable) (scope notified): called on the main context while
 *   the job runs, about ten times a second at most
 * @callback: called on the main context when done
 * @user_data: data for @progress and @callback
 *
 * Applies @edit to every customer in @ids in one transaction on the
 * writer thread, with one undo group. A customer that cannot take the edit
 * keeps all its values and is listed in the result with the reason. The
 * store emits `changed::customers` once, at the commit.
 */
void
crm_store_bulk_edit_async (CrmStore            *store,
                           GArray              *ids,
                           CrmBulkEdit         *edit,
                           GCancellable        *cancellable,
                           CrmBulkProgressFunc  progress,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *label = NULL;
  BulkState *state;
  BulkJob *job;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (ids != NULL);
  g_return_if_fail (g_array_get_element_size (ids) == sizeof (gint64));
  g_return_if_fail (edit != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  job = g_atomic_rc_box_new0 (BulkJob);
  job->edit = crm_bulk_edit_ref (edit);
  job->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  job->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (job->ids, ids->data, ids->len);
  job->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) bulk_skip_free);

  state = g_new0 (BulkState, 1);
  state->job = job;
  state->progress = progress;
  state->user_data = user_data;

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_store_bulk_edit_async);
  g_task_set_task_data (task, state, (GDestroyNotify) bulk_state_free);
  /* A cancel that comes after the commit must not hide the change. */
  g_task_set_check_cancellable (task, FALSE);

  if (progress != NULL)
    {
      state->progress_source = g_timeout_source_new (PROGRESS_INTERVAL_MS);
      g_source_set_callback (state->progress_source, on_progress_timeout_cb, task, NULL);
      g_source_set_static_name (state->progress_source, "[crm] bulk edit progress");
      g_source_attach (state->progress_source, g_task_get_context (task));
    }

  /* The job checks @cancellable itself between customers; the store's own
   * task gets none, as it would report a cancel that came after the commit
   * as a failure. */
  label = dup_undo_label (ids->len);
  crm_store_run_async (store, label, CRM_ORIGIN_PERSON, bulk_job_run,
                       g_atomic_rc_box_acquire (job), bulk_job_release,
                       NULL, on_bulk_job_done_cb, g_steal_pointer (&task));
}

/**
 * crm_store_bulk_edit_finish:
 * @store: a #CrmStore
 * @result: the result
 * @error: return location for a #GError; %G_IO_ERROR_CANCELLED when the
 *   job was cancelled (nothing changed)
 *
 * Returns: (transfer full): what the edit did, or %NULL with @error set
 */
CrmBulkResult *
crm_store_bulk_edit_finish (CrmStore      *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == crm_store_bulk_edit_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
