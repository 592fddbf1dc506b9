/* crm-sync-engine-push.c
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
#include "crm-sync-engine-private.h"
#include "crm-sync-error.h"
#include "crm-sync-merge.h"

/*
 * The push: the outbox drained in order, one change at a time.
 *
 * An update first reads the server's current record and compares it with
 * the base (the value last seen) and the local record: what changed only
 * there is taken here, what changed only here is sent (a PATCH of those
 * fields alone), and a field both changed is a conflict left for the rep.
 *
 * A create must not be doubled when its answer is lost. Before it goes
 * out, the outbox row is marked sent (and committed); an outcome that
 * stays unknown (a dropped connection, a 5xx, a crash) is settled by
 * looking for the record on the server before any new try: customers and
 * contacts by the external id made here, notes, tasks and opportunities
 * among their customer's records (crm-sync-engine-create.c).
 *
 * A change the server refuses (4xx) is kept, failed, with the server's
 * message; an update's fields go back to the server's value. The rest of
 * the queue goes on.
 */

#define MAX_ROUNDS 3

static void next_change (CrmSyncRun *run);

const char *
_crm_sync_push_entity_path (CrmSyncRun *run)
{
  return run->change->resource->path;
}

static void
clear_change (CrmSyncRun *run)
{
  g_clear_pointer (&run->change, crm_sync_prepare_job_free);
  g_clear_pointer (&run->sent, json_object_unref);
  g_clear_pointer (&run->server, crm_sync_record_free);
  g_clear_pointer (&run->server_before, json_node_unref);
  g_clear_pointer (&run->push_columns, g_strfreev);
  g_clear_pointer (&run->reconcile_found, g_ptr_array_unref);
  g_clear_pointer (&run->reconcile_cursor, g_free);
  run->attempt = 0;
}

/* Stops the drain: the change stays queued for the next sync. */
void
_crm_sync_push_stop (CrmSyncRun *run,
                     GError     *error)
{
  if (run->error == NULL)
    run->error = error;
  else
    g_error_free (error);

  clear_change (run);
  _crm_sync_run_next (run);
}

typedef struct
{
  CrmSyncRun     *run;
  CrmSyncLandJob *job;
  CrmSyncRunStep  then;
} Landing;

static void
on_landed_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Landing *landing = user_data;
  CrmSyncRun *run = landing->run;
  GError *error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (source), result, NULL, &error))
    {
      crm_sync_land_job_free (landing->job);
      g_free (landing);
      _crm_sync_push_stop (run, error);
      return;
    }

  crm_sync_crash_point ("after-land");
  _crm_sync_run_add_counts (run, &landing->job->counts);
  crm_sync_land_job_free (landing->job);
  landing->then (run);
  g_free (landing);
}

CrmSyncLandJob *
_crm_sync_push_land_job_new (CrmSyncRun     *run,
                             CrmSyncLanding  landing)
{
  CrmSyncLandJob *job = g_new0 (CrmSyncLandJob, 1);

  job->landing = landing;
  job->change_id = run->change->change_id;
  job->resource = run->change->resource;
  job->local_id = run->change->entry->local_id;
  job->pass = run->change->pass;
  return job;
}

void
_crm_sync_push_land (CrmSyncRun     *run,
                     CrmSyncLandJob *job,
                     CrmSyncRunStep  then)
{
  Landing *landing = g_new0 (Landing, 1);

  landing->run = run;
  landing->job = job;
  landing->then = then;
  crm_store_run_async (run->engine->store, NULL, CRM_ORIGIN_SYNC, crm_sync_land_change, job,
                       NULL, run->cancellable, on_landed_cb, landing);
}

void
_crm_sync_push_change_done (CrmSyncRun *run)
{
  run->n_done++;
  clear_change (run);
  next_change (run);
}

static void
land_and_next (CrmSyncRun     *run,
               CrmSyncLanding  landing)
{
  _crm_sync_push_land (run, _crm_sync_push_land_job_new (run, landing),
                       _crm_sync_push_change_done);
}

gboolean
_crm_sync_push_is_refusal (const GError *error)
{
  return g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_INVALID) ||
         g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NOT_FOUND) ||
         g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_CONFLICT);
}

/* A record the server sent back, read as a pulled one. */
CrmSyncRecord *
_crm_sync_push_read_answer (CrmSyncRun  *run,
                            JsonNode    *node,
                            GError     **error)
{
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    {
      g_set_error_literal (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED,
                           _("The server’s answer holds no record"));
      return NULL;
    }

  return crm_sync_resource_read_entry (run->change->resource, json_node_get_object (node), error);
}

/* Updates */

/* Before a call to the tags' or custom attributes' endpoints, which moves
 * the server's values on as if it had been done. */
static void
keep_server_values (CrmSyncRun *run)
{
  g_autoptr(GList) members = json_object_get_members (run->server->values);
  JsonObject *copy = json_object_new ();

  /* The calls replace members, never change one in place. */
  for (GList *l = members; l != NULL; l = l->next)
    json_object_set_member (copy, l->data,
                            json_node_copy (json_object_get_member (run->server->values,
                                                                    l->data)));

  g_clear_pointer (&run->server_before, json_node_unref);
  run->server_before = json_node_init_object (json_node_alloc (), copy);
  json_object_unref (copy);
}

/* Refused: back to the server's value, with the server's message. */
static void
refuse_update (CrmSyncRun *run,
               GError     *error)
{
  CrmSyncLandJob *job;

  /* What the refused call was to do did not happen. */
  if (run->server_before != NULL)
    {
      json_object_unref (run->server->values);
      run->server->values = json_object_ref (json_node_get_object (run->server_before));
    }

  g_debug ("Change %" G_GINT64_FORMAT " refused (%s %d)", run->change->change_id,
           g_quark_to_string (error->domain), error->code);
  job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_REFUSED);
  job->server = g_steal_pointer (&run->server);
  job->sent = json_object_ref (run->change->local);
  job->sent_columns = g_strdupv (run->push_columns);
  job->message = g_strdup (error->message);
  g_error_free (error);
  _crm_sync_push_land (run, job, _crm_sync_push_change_done);
}

static void
on_patched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  CrmSyncLandJob *job;
  CrmSyncRecord *record;
  GError *error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  crm_sync_crash_point ("after-send");

  record = node != NULL ? _crm_sync_push_read_answer (run, node, &error) : NULL;
  if (record != NULL)
    {
      run->summary.pushed++;
      job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_UPDATED);
      job->server = record;
      job->sent = json_object_ref (run->change->local);
      job->sent_columns = g_strdupv (run->push_columns);
      _crm_sync_push_land (run, job, _crm_sync_push_change_done);
      return;
    }

  if (!_crm_sync_push_is_refusal (error))
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  refuse_update (run, error);
}

static void
send_patch (CrmSyncRun *run)
{
  g_autoptr(JsonObject) body = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *path = NULL;

  body = crm_sync_resource_build_body (run->change->resource, run->change->local,
                                       (const char * const *) run->push_columns, FALSE);
  node = json_node_init_object (json_node_alloc (), body);
  path = g_strdup_printf ("%s/%s", _crm_sync_push_entity_path (run), run->change->uuid);

  g_debug ("Sending %u fields of %s %" G_GINT64_FORMAT, g_strv_length (run->push_columns),
           run->change->resource->entity, run->change->entry->local_id);
  crm_api_client_call_async (run->engine->client, "PATCH", path, NULL, node,
                             CRM_API_CALL_DEFAULT, run->cancellable, on_patched_cb, run);
}

static void send_tags (CrmSyncRun *run);

static void
on_tags_sent_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  if (node != NULL)
    send_tags (run);
  else if (_crm_sync_push_is_refusal (error))
    refuse_update (run, error);
  else
    _crm_sync_push_stop (run, error);
}

static JsonNode *
tags_body (GStrv tags)
{
  g_autoptr(JsonObject) object = json_object_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    json_array_add_string_element (array, tags[i]);
  json_object_set_array_member (object, "tags", array);

  return json_node_init_object (json_node_alloc (), object);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static JsonArray *
tags_after (GStrv tags,
            GStrv added,
            GStrv removed)
{
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  JsonArray *array = json_array_new ();

  for (guint i = 0; tags[i] != NULL; i++)
    if (removed == NULL || !g_strv_contains ((const char * const *) removed, tags[i]))
      g_ptr_array_add (all, tags[i]);
  for (guint i = 0; added != NULL && added[i] != NULL; i++)
    g_ptr_array_add (all, added[i]);

  g_ptr_array_sort (all, compare_strings);
  for (guint i = 0; i < all->len; i++)
    json_array_add_string_element (array, g_ptr_array_index (all, i));

  return array;
}

/* Tags go through their own endpoints: first the ones added, then the ones
 * removed, then the PATCH (whose answer then holds the new tags). */
static void
send_tags (CrmSyncRun *run)
{
  g_auto(GStrv) local = crm_sync_values_dup_tags (run->change->local);
  g_auto(GStrv) server = crm_sync_values_dup_tags (run->server->values);
  g_autoptr(GStrvBuilder) added = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) removed = g_strv_builder_new ();
  g_auto(GStrv) add = NULL;
  g_auto(GStrv) remove = NULL;
  g_autoptr(JsonNode) body = NULL;
  g_autofree char *path = g_strdup_printf ("customers/%s/attributes/tags", run->change->uuid);

  for (guint i = 0; local[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) server, local[i]))
      g_strv_builder_add (added, local[i]);
  for (guint i = 0; server[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) local, server[i]))
      g_strv_builder_add (removed, server[i]);

  add = g_strv_builder_end (added);
  remove = g_strv_builder_end (removed);

  if (add[0] == NULL && remove[0] == NULL)
    {
      send_patch (run);
      return;
    }

  /* Once sent, the server holds them: the next call sees what is left. */
  keep_server_values (run);
  body = tags_body (add[0] != NULL ? add : remove);
  json_object_set_array_member (run->server->values, "tags",
                                tags_after (server, add[0] != NULL ? add : NULL,
                                            add[0] != NULL ? NULL : remove));

  crm_api_client_call_async (run->engine->client, add[0] != NULL ? "POST" : "DELETE", path,
                             NULL, body, CRM_API_CALL_DEFAULT, run->cancellable,
                             on_tags_sent_cb, run);
}

static void send_custom (CrmSyncRun *run);

static void
tags_or_patch (CrmSyncRun *run)
{
  if (g_strv_contains ((const char * const *) run->push_columns, "tags"))
    send_tags (run);
  else
    send_patch (run);
}

static void
on_custom_sent_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  if (node != NULL)
    {
      send_custom (run);
      return;
    }

  if (_crm_sync_push_is_refusal (error))
    refuse_update (run, error);
  else
    _crm_sync_push_stop (run, error);
}

typedef enum
{
  CUSTOM_ADD,
  CUSTOM_UPDATE,
  CUSTOM_REMOVE,
} CustomStep;

/* The attributes of @step among those to push, in the form its endpoint
 * wants: a list of typed items to add, an object of new values, a list of
 * keys to remove. The server's values are moved on as if it was done. */
static JsonNode *
custom_body (CrmSyncRun *run,
             CustomStep  step)
{
  JsonObject *local = run->change->local;
  JsonObject *server = run->server->values;
  g_autoptr(JsonArray) list = json_array_new ();
  g_autoptr(JsonObject) values = json_object_new ();
  g_autoptr(JsonObject) body = json_object_new ();
  guint n = 0;

  for (guint i = 0; run->push_columns[i] != NULL; i++)
    {
      const char *column = run->push_columns[i];
      const char *key = crm_sync_custom_key (column);
      JsonNode *mine = json_object_get_member (local, column);
      JsonNode *theirs = json_object_get_member (server, column);
      gboolean here = mine != NULL && !JSON_NODE_HOLDS_NULL (mine);
      gboolean there = theirs != NULL && !JSON_NODE_HOLDS_NULL (theirs);

      if (key == NULL || crm_sync_values_equal (local, server, column) ||
          (step == CUSTOM_ADD && (!here || there)) ||
          (step == CUSTOM_UPDATE && (!here || !there)) ||
          (step == CUSTOM_REMOVE && (here || !there)))
        continue;

      if (step == CUSTOM_ADD)
        json_array_add_object_element (list, _crm_sync_push_custom_item (key, mine));
      else if (step == CUSTOM_UPDATE)
        json_object_set_member (values, key, json_node_copy (mine));
      else
        json_array_add_string_element (list, key);

      if (step == CUSTOM_REMOVE)
        json_object_remove_member (server, column);
      else
        json_object_set_member (server, column, json_node_copy (mine));
      n++;
    }

  if (n == 0)
    return NULL;

  if (step == CUSTOM_UPDATE)
    json_object_set_object_member (body, "custom", g_steal_pointer (&values));
  else
    json_object_set_array_member (body, "custom", g_steal_pointer (&list));

  return json_node_init_object (json_node_alloc (), body);
}

/* Custom attributes go through their own endpoints (a PATCH of them does
 * not change them): the new ones added with their type, the changed ones
 * updated, the removed ones deleted; then the tags and the PATCH. */
static void
send_custom (CrmSyncRun *run)
{
  static const char * const methods[] = { "POST", "PUT", "DELETE" };
  g_autofree char *path = g_strdup_printf ("customers/%s/attributes/custom", run->change->uuid);

  keep_server_values (run);
  for (CustomStep step = CUSTOM_ADD; step <= CUSTOM_REMOVE; step++)
    {
      g_autoptr(JsonNode) body = custom_body (run, step);

      if (body == NULL)
        continue;

      g_debug ("Sending custom attributes of customer %" G_GINT64_FORMAT " (%s)",
               run->change->entry->local_id, methods[step]);
      crm_api_client_call_async (run->engine->client, methods[step], path, NULL, body,
                                 CRM_API_CALL_DEFAULT, run->cancellable, on_custom_sent_cb,
                                 run);
      return;
    }

  tags_or_patch (run);
}

static void
after_merge (CrmSyncRun *run)
{
  if (run->push_columns[0] == NULL)
    {
      land_and_next (run, CRM_SYNC_LAND_DROP);
      return;
    }

  send_custom (run);
}

static GStrv
columns_to_push (CrmSyncMerge *merge,
                 GStrv         open)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < merge->push->len; i++)
    {
      const char *column = g_ptr_array_index (merge->push, i);

      if (open == NULL || !g_strv_contains ((const char * const *) open, column))
        g_strv_builder_add (builder, column);
    }

  return g_strv_builder_end (builder);
}

static void do_update (CrmSyncRun *run);

static void
on_fetched_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(CrmSyncMerge) merge = NULL;
  CrmSyncLandJob *job;
  GError *error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  if (g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NOT_FOUND))
    {
      job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_GONE);
      job->message = g_strdup (_("Deleted on the server while changed here"));
      g_error_free (error);
      _crm_sync_push_land (run, job, _crm_sync_push_change_done);
      return;
    }

  run->server = node != NULL ? _crm_sync_push_read_answer (run, node, &error) : NULL;
  if (run->server == NULL)
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  merge = crm_sync_merge_new (run->change->resource, run->change->base, run->change->local,
                              run->server->values);
  run->push_columns = columns_to_push (merge, run->change->conflict_fields);

  /* What changed there only is taken here now; conflicts are kept. */
  job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_MERGED);
  job->server = crm_sync_resource_read_entry (run->change->resource,
                                              json_node_get_object (node), NULL);
  job->take = g_strdupv ((char **) merge->take->pdata);
  job->conflicts = g_strdupv ((char **) merge->conflicts->pdata);
  job->local = json_object_ref (run->change->local);
  _crm_sync_push_land (run, job, after_merge);
}

static void
do_update (CrmSyncRun *run)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", _crm_sync_push_entity_path (run),
                                           run->change->uuid);

  crm_api_client_call_async (run->engine->client, "GET", path, NULL, NULL, CRM_API_CALL_DEFAULT,
                             run->cancellable, on_fetched_cb, run);
}

/* Deletes */

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  CrmSyncLandJob *job;
  GError *error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  crm_sync_crash_point ("after-send");

  /* Gone already is as good as deleted. */
  if (node != NULL || g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NOT_FOUND))
    {
      g_clear_error (&error);
      run->summary.pushed++;
      land_and_next (run, CRM_SYNC_LAND_DELETED);
      return;
    }

  if (!_crm_sync_push_is_refusal (error))
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_REFUSED);
  job->message = g_strdup (error->message);
  g_error_free (error);
  _crm_sync_push_land (run, job, _crm_sync_push_change_done);
}

static void
do_delete (CrmSyncRun *run)
{
  CrmSyncPrepareJob *change = run->change;
  g_autofree char *path = NULL;

  /* Never on the server, or back here (an Undo): nothing to delete. */
  if (change->entry->uuid == NULL ||
      (change->exists && g_strcmp0 (change->uuid, change->entry->uuid) == 0))
    {
      land_and_next (run, CRM_SYNC_LAND_DROP);
      return;
    }

  path = g_strdup_printf ("%s/%s", _crm_sync_push_entity_path (run), change->entry->uuid);
  crm_api_client_call_async (run->engine->client, "DELETE", path, NULL, NULL,
                             CRM_API_CALL_DEFAULT, run->cancellable, on_deleted_cb, run);
}

/* The drain */

static gboolean
is_blocked (CrmSyncRun *run)
{
  CrmSyncPrepareJob *change = run->change;

  return change->resource->has_customer && !change->customer_synced;
}

static void
handle_change (CrmSyncRun *run)
{
  CrmSyncPrepareJob *change = run->change;
  const char *operation = change->entry->operation;

  if (g_str_equal (operation, "delete"))
    {
      do_delete (run);
      return;
    }

  if (!change->exists)
    {
      land_and_next (run, CRM_SYNC_LAND_DROP);
      return;
    }

  if (change->uuid != NULL)
    {
      do_update (run);
      return;
    }

  /* An update of a record whose refused create holds it waits for that. */
  if (g_str_equal (operation, "update") && change->failed_create)
    {
      land_and_next (run, CRM_SYNC_LAND_DROP);
      return;
    }

  /* Its customer is not on the server yet: it waits. */
  if (is_blocked (run))
    {
      clear_change (run);
      next_change (run);
      return;
    }

  _crm_sync_push_create (run);
}

static void
on_prepared_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  GError *error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (source), result, NULL, &error))
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  /* Settled meanwhile (a Discard). */
  if (run->change->entry == NULL || !g_str_equal (run->change->entry->state, "pending"))
    {
      clear_change (run);
      next_change (run);
      return;
    }

  handle_change (run);
}

static gboolean
load_changes (CrmSyncRun  *run,
              GError     **error)
{
  g_autoptr(GPtrArray) entries = crm_store_dup_outbox (run->engine->store, "pending", error);

  if (entries == NULL)
    return FALSE;

  for (guint i = 0; i < entries->len; i++)
    {
      CrmOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_hash_table_contains (run->seen, &entry->id))
        continue;

      g_hash_table_add (run->seen, g_memdup2 (&entry->id, sizeof entry->id));
      g_queue_push_tail (&run->changes, g_memdup2 (&entry->id, sizeof entry->id));
    }

  run->n_changes += g_queue_get_length (&run->changes);
  return TRUE;
}

static void
next_change (CrmSyncRun *run)
{
  g_autofree gint64 *id = NULL;
  GError *error = NULL;

  _crm_sync_engine_update_counts (run->engine);
  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  /* Changes made while the queue drained go out in the same push. */
  if (g_queue_is_empty (&run->changes) && run->rounds++ < MAX_ROUNDS &&
      !load_changes (run, &error))
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  id = g_queue_pop_head (&run->changes);
  if (id == NULL)
    {
      _crm_sync_run_next (run);
      return;
    }

  if (run->n_changes > 0)
    _crm_sync_engine_set_progress (run->engine,
                                   (run->do_pull ? 0.9 : 0.0) +
                                   (run->do_pull ? 0.1 : 1.0) * run->n_done / run->n_changes);

  run->change = g_new0 (CrmSyncPrepareJob, 1);
  run->change->change_id = *id;
  crm_store_run_async (run->engine->store, NULL, CRM_ORIGIN_SYNC, crm_sync_prepare_change,
                       run->change, NULL, run->cancellable, on_prepared_cb, run);
}

/**
 * _crm_sync_run_push:
 * @run: the run
 *
 * Drains the outbox, then goes on with _crm_sync_run_next().
 */
void
_crm_sync_run_push (CrmSyncRun *run)
{
  run->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  run->rounds = 0;
  next_change (run);
}

/**
 * _crm_sync_run_clear_push:
 * @run: the run
 *
 * Frees what the push holds.
 */
void
_crm_sync_run_clear_push (CrmSyncRun *run)
{
  clear_change (run);
  g_queue_clear_full (&run->changes, g_free);
  g_clear_pointer (&run->seen, g_hash_table_unref);
  g_clear_pointer (&run->blocked, g_hash_table_unref);
}
