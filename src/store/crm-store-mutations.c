/* crm-store-mutations.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-status.h"
#include "crm-store-private.h"

/* The common mutations, each a small job for the writer thread. The data
 * is copied on the main thread and freed wherever the job ends. */
typedef struct
{
  CrmEntityKind  kind;
  gint64         id;
  GVariant      *fields;
  char          *key;
  char          *value;
  gint64         result_id;
} Mutation;

static void
mutation_free (gpointer data)
{
  Mutation *m = data;

  g_clear_pointer (&m->fields, g_variant_unref);
  g_free (m->key);
  g_free (m->value);
  g_free (m);
}

static Mutation *
mutation_new (CrmEntityKind  kind,
              gint64         id,
              GVariant      *fields)
{
  Mutation *m = g_new0 (Mutation, 1);

  m->kind = kind;
  m->id = id;
  m->fields = fields != NULL ? g_variant_ref_sink (fields) : NULL;
  return m;
}

static void
run_mutation (CrmStore            *self,
              const char          *label,
              CrmOrigin            origin,
              CrmStoreJobFunc      func,
              Mutation            *m,
              GCancellable        *cancellable,
              GAsyncReadyCallback  callback,
              gpointer             user_data)
{
  crm_store_run_async (self, label, origin, func, m, mutation_free, cancellable,
                       callback, user_data);
}

static gboolean
insert_job (CrmStoreTxn  *txn,
            gpointer      data,
            GError      **error)
{
  Mutation *m = data;

  m->result_id = crm_store_txn_insert (txn, m->kind, m->fields, error);
  return m->result_id > 0;
}

/* The insert's id travels back through the task's data. */
static void
on_insert_done_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  GTask *outer = user_data;
  Mutation *m = g_task_get_task_data (outer);
  GError *error = NULL;
  gint64 undo_group = 0;

  if (!crm_store_mutation_finish (CRM_STORE (source), result, &undo_group, &error))
    {
      g_task_return_error (outer, error);
    }
  else
    {
      gint64 *ids = g_new (gint64, 2);

      ids[0] = m->result_id;
      ids[1] = undo_group;
      g_task_return_pointer (outer, ids, g_free);
    }

  g_object_unref (outer);
}

/**
 * crm_store_insert_async:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @fields: (transfer floating): the columns, a{sv}
 * @origin: who makes the change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Adds a record. Finish with crm_store_insert_finish().
 */
void
crm_store_insert_async (CrmStore            *self,
                        CrmEntityKind        kind,
                        GVariant            *fields,
                        CrmOrigin            origin,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Mutation *m;
  GTask *outer;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (kind < CRM_N_ENTITIES);
  g_return_if_fail (fields != NULL);

  /* The outer task keeps the job's data alive for the id; the job itself
   * does not own it. */
  m = mutation_new (kind, 0, fields);
  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, crm_store_insert_async);
  g_task_set_task_data (outer, m, mutation_free);

  crm_store_run_async (self, _("Add"), origin, insert_job, m, NULL, cancellable,
                       on_insert_done_cb, outer);
}

/**
 * crm_store_insert_finish:
 * @self: a #CrmStore
 * @result: the result
 * @undo_group: (out) (optional): the undo group of the change
 * @error: return location for a #GError
 *
 * Returns: the new record's id, or 0 with @error set
 */
gint64
crm_store_insert_finish (CrmStore      *self,
                         GAsyncResult  *result,
                         gint64        *undo_group,
                         GError       **error)
{
  g_autofree gint64 *ids = NULL;

  g_return_val_if_fail (CRM_IS_STORE (self), 0);
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  ids = g_task_propagate_pointer (G_TASK (result), error);
  if (ids == NULL)
    return 0;

  if (undo_group != NULL)
    *undo_group = ids[1];
  return ids[0];
}

static gboolean
update_job (CrmStoreTxn  *txn,
            gpointer      data,
            GError      **error)
{
  Mutation *m = data;

  return crm_store_txn_update (txn, m->kind, m->id, m->fields, error);
}

/**
 * crm_store_update_async:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @id: the record
 * @fields: (transfer floating): the columns to change, a{sv}
 * @origin: who makes the change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Changes fields of a record. Finish with crm_store_mutation_finish().
 */
void
crm_store_update_async (CrmStore            *self,
                        CrmEntityKind        kind,
                        gint64               id,
                        GVariant            *fields,
                        CrmOrigin            origin,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (kind < CRM_N_ENTITIES);
  g_return_if_fail (fields != NULL);

  run_mutation (self, _("Edit"), origin, update_job, mutation_new (kind, id, fields),
                cancellable, callback, user_data);
}

static gboolean
delete_job (CrmStoreTxn  *txn,
            gpointer      data,
            GError      **error)
{
  Mutation *m = data;

  return crm_store_txn_delete (txn, m->kind, m->id, error);
}

/**
 * crm_store_delete_async:
 * @self: a #CrmStore
 * @kind: the kind of record
 * @id: the record
 * @origin: who makes the change
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Deletes a record with its children; Undo brings all of it back. Finish
 * with crm_store_mutation_finish().
 */
void
crm_store_delete_async (CrmStore            *self,
                        CrmEntityKind        kind,
                        gint64               id,
                        CrmOrigin            origin,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (kind < CRM_N_ENTITIES);

  run_mutation (self, _("Delete"), origin, delete_job, mutation_new (kind, id, NULL),
                cancellable, callback, user_data);
}

static gboolean
set_status_job (CrmStoreTxn  *txn,
                gpointer      data,
                GError      **error)
{
  Mutation *m = data;

  return crm_store_txn_set_status (txn, m->id, m->value, crm_store_txn_get_origin (txn),
                                   error);
}

/**
 * crm_store_set_status_async:
 * @self: a #CrmStore
 * @customer_id: the customer
 * @status: the new status, as the API spells it
 * @origin: who makes the change; a person may set only the lead statuses
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Changes a customer's status and writes the change on its timeline.
 * Finish with crm_store_mutation_finish().
 */
void
crm_store_set_status_async (CrmStore            *self,
                            gint64               customer_id,
                            const char          *status,
                            CrmOrigin            origin,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Mutation *m;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (status != NULL && *status != '\0');

  m = mutation_new (CRM_ENTITY_CUSTOMER, customer_id, NULL);
  m->value = g_strdup (status);
  run_mutation (self, _("Change status"), origin, set_status_job, m, cancellable,
                callback, user_data);
}

static gboolean
set_setting_job (CrmStoreTxn  *txn,
                 gpointer      data,
                 GError      **error)
{
  Mutation *m = data;

  return crm_store_txn_set_setting (txn, m->key, m->value, error);
}

/**
 * crm_store_set_setting_async:
 * @self: a #CrmStore
 * @key: the setting
 * @value: (nullable): its value; %NULL removes it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Saves a profile setting (such as `me.email`). Finish with
 * crm_store_mutation_finish().
 */
void
crm_store_set_setting_async (CrmStore            *self,
                             const char          *key,
                             const char          *value,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Mutation *m;

  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (key != NULL);

  m = mutation_new (CRM_ENTITY_CUSTOMER, 0, NULL);
  m->key = g_strdup (key);
  m->value = g_strdup (value);
  run_mutation (self, _("Change setting"), CRM_ORIGIN_PERSON, set_setting_job, m,
                cancellable, callback, user_data);
}

static gboolean
undo_job (CrmStoreTxn  *txn,
          gpointer      data,
          GError      **error)
{
  Mutation *m = data;

  return _crm_store_txn_undo (txn, m->id, error);
}

/**
 * crm_store_undo_async:
 * @self: a #CrmStore
 * @undo_group: a group from a mutation's finish function
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Reverses every row change of the mutation, children and rule effects
 * included. Finish with crm_store_mutation_finish().
 */
void
crm_store_undo_async (CrmStore            *self,
                      gint64               undo_group,
                      GCancellable        *cancellable,
                      GAsyncReadyCallback  callback,
                      gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (self));
  g_return_if_fail (undo_group > 0);

  run_mutation (self, NULL, CRM_ORIGIN_PERSON, undo_job,
                mutation_new (CRM_ENTITY_CUSTOMER, undo_group, NULL), cancellable,
                callback, user_data);
}
