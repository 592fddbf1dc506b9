/* crm-sync-engine-push.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-store-sync.h"
#include "crm-sync-backoff.h"
#include "crm-sync-crash.h"
#include "crm-sync-engine-private.h"
#include "crm-sync-error.h"
#include "crm-sync-merge.h"

/* A customer's records are seldom more than a few pages. */
#define RECONCILE_MAX_PAGES 50

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
 * among their customer's records.
 *
 * A change the server refuses (4xx) is kept, failed, with the server's
 * message; an update's fields go back to the server's value. The rest of
 * the queue goes on.
 */

#define MAX_ROUNDS 3

static void next_change (CrmSyncRun *run);
static void send_create (CrmSyncRun *run);

typedef void (*LandedFunc) (CrmSyncRun *run);

static const char *
entity_path (CrmSyncRun *run)
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
static void
stop (CrmSyncRun *run,
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
  LandedFunc      then;
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
      stop (run, error);
      return;
    }

  crm_sync_crash_point ("after-land");
  _crm_sync_run_add_counts (run, &landing->job->counts);
  crm_sync_land_job_free (landing->job);
  landing->then (run);
  g_free (landing);
}

static CrmSyncLandJob *
land_job_new (CrmSyncRun     *run,
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

static void
land (CrmSyncRun     *run,
      CrmSyncLandJob *job,
      LandedFunc      then)
{
  Landing *landing = g_new0 (Landing, 1);

  landing->run = run;
  landing->job = job;
  landing->then = then;
  crm_store_run_async (run->engine->store, NULL, CRM_ORIGIN_SYNC, crm_sync_land_change, job,
                       NULL, run->cancellable, on_landed_cb, landing);
}

static void
change_done (CrmSyncRun *run)
{
  run->n_done++;
  clear_change (run);
  next_change (run);
}

static void
land_and_next (CrmSyncRun     *run,
               CrmSyncLanding  landing)
{
  land (run, land_job_new (run, landing), change_done);
}

static gboolean
is_refusal (const GError *error)
{
  return g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_INVALID) ||
         g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_NOT_FOUND) ||
         g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_CONFLICT);
}

/* A record the server sent back, read as a pulled one. */
static CrmSyncRecord *
read_answer (CrmSyncRun  *run,
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

/* Waiting before the next try of a change, on the client's clock. */
typedef struct
{
  CrmSyncRun *run;
  LandedFunc  then;
  gulong      chained;
} Retry;

static void
on_retry_waited_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Retry *retry = user_data;
  CrmSyncRun *run = retry->run;
  LandedFunc then = retry->then;
  GError *error = NULL;

  g_cancellable_disconnect (run->cancellable, retry->chained);
  g_free (retry);
  g_clear_object (&run->wake);
  _crm_sync_engine_set_waiting (run->engine, NULL, 0);

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      stop (run, error);
      return;
    }

  /* Woken early (the network came back): a fresh series of tries. */
  if (!crm_sync_clock_wait_finish (CRM_SYNC_CLOCK (source), result, NULL))
    run->attempt = 0;

  then (run);
}

static void
cancel_wake_cb (GCancellable *cancellable,
                gpointer      user_data)
{
  g_cancellable_cancel (user_data);
}

/* After a failure whose outcome may be a success (a create), tries again
 * later, or stops the drain when the tries are spent. */
static void
retry_later (CrmSyncRun *run,
             GError     *error,
             LandedFunc  then)
{
  CrmSyncClock *clock = crm_api_client_get_clock (run->engine->client);
  Retry *retry;
  gint64 delay;

  if (++run->attempt >= run->engine->max_attempts)
    {
      stop (run, error);
      return;
    }

  delay = crm_sync_backoff_delay (run->attempt - 1, crm_sync_clock_next_jitter (clock));
  /* The server's messages may quote a value (an email): not for the log. */
  g_debug ("Change %" G_GINT64_FORMAT " failed (%s %d); looking again in %.1f s",
           run->change->change_id, g_quark_to_string (error->domain), error->code,
           delay / (double) G_USEC_PER_SEC);
  _crm_sync_engine_set_waiting (run->engine, error,
                                crm_sync_clock_get_real_time (clock) + delay);
  g_error_free (error);

  retry = g_new0 (Retry, 1);
  retry->run = run;
  retry->then = then;
  run->wake = g_cancellable_new ();
  retry->chained = g_cancellable_connect (run->cancellable, G_CALLBACK (cancel_wake_cb),
                                          g_object_ref (run->wake), g_object_unref);
  crm_sync_clock_wait_async (clock, delay, run->wake, on_retry_waited_cb, retry);
}

/* Finding a create on the server */

static gboolean
same_columns (JsonObject         *a,
              JsonObject         *b,
              const char * const *columns)
{
  for (guint i = 0; columns[i] != NULL; i++)
    if (!crm_sync_values_equal (a, b, columns[i]))
      return FALSE;

  return TRUE;
}

/* A task or an opportunity made here for nobody went out as the rep's
 * (see create_body()). */
static gboolean
same_person (CrmSyncRun *run,
             JsonObject *server,
             JsonObject *local,
             const char *column)
{
  JsonNode *mine = json_object_get_member (local, column);
  const char *theirs = json_object_get_string_member_with_default (server, column, NULL);

  if (mine == NULL || JSON_NODE_HOLDS_NULL (mine))
    return theirs == NULL || g_strcmp0 (theirs, run->change->me) == 0;

  return crm_sync_values_equal (server, local, column);
}

/* Whether @record is the one the change created. */
static gboolean
is_our_record (CrmSyncRun    *run,
               CrmSyncRecord *record)
{
  static const char * const note[] = { "kind", "body", "occurred_at", NULL };
  static const char * const task[] = { "details", "due_on", NULL };
  static const char * const opportunity[] = {
    "pipeline", "stage", "currency", "amount_minor", "close_on", NULL
  };
  static const char * const contact[] = { "first_name", "last_name", "email", NULL };
  JsonObject *local = run->sent != NULL ? run->sent : run->change->local;

  switch (run->change->resource->kind)
    {
    case CRM_ENTITY_CUSTOMER:
      return g_strcmp0 (record->external_id, run->change->external_id) == 0;
    case CRM_ENTITY_CONTACT:
      if (record->external_id != NULL)
        return g_strcmp0 (record->external_id, run->change->external_id) == 0;
      return same_columns (record->values, local, contact);
    case CRM_ENTITY_ACTIVITY:
      return same_columns (record->values, local, note);
    case CRM_ENTITY_TASK:
      return same_columns (record->values, local, task) &&
             same_person (run, record->values, local, "assignee");
    case CRM_ENTITY_OPPORTUNITY:
      return same_columns (record->values, local, opportunity) &&
             same_person (run, record->values, local, "owner");
    default:
      return FALSE;
    }
}

static GStrv
reconcile_query (CrmSyncRun *run)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  if (run->change->resource->kind == CRM_ENTITY_CUSTOMER)
    {
      g_strv_builder_add_many (builder, "external_id", run->change->external_id, NULL);
      if (run->change->data_source != NULL)
        g_strv_builder_add_many (builder, "data_source_uuid", run->change->data_source, NULL);
    }
  else
    {
      g_strv_builder_add_many (builder, "customer_uuid", run->change->customer_uuid, NULL);
    }

  return g_strv_builder_end (builder);
}

static void reconcile_page (CrmSyncRun *run);

static void
on_reconcile_page_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(CrmApiPage) page = NULL;
  CrmSyncLandJob *job;
  GError *error = NULL;
  GPtrArray *records;

  page = crm_api_client_list_finish (CRM_API_CLIENT (source), result, &error);
  if (page == NULL)
    {
      retry_later (run, error, reconcile_page);
      return;
    }

  records = crm_api_page_get_mapped (page);
  for (guint i = 0; i < records->len; i++)
    {
      CrmSyncRecord *record = g_ptr_array_index (records, i);

      if (!is_our_record (run, record))
        continue;

      /* It did reach the server: adopt it. */
      g_debug ("Change %" G_GINT64_FORMAT ": found the record created before, %s",
               run->change->change_id, record->uuid);
      job = land_job_new (run, CRM_SYNC_LAND_CREATED);
      job->server = g_ptr_array_steal_index (records, i);
      job->sent = json_object_ref (run->sent != NULL ? run->sent : run->change->local);
      land (run, job, change_done);
      return;
    }

  g_free (run->reconcile_cursor);
  run->reconcile_cursor = g_strdup (crm_api_page_get_next_cursor (page));

  /* A server whose cursors go round would hold the push for ever; not
   * knowing, the change waits rather than risk a second copy. */
  if (run->reconcile_cursor != NULL && ++run->reconcile_pages >= RECONCILE_MAX_PAGES)
    {
      run->reconcile_pages = 0;
      g_clear_pointer (&run->reconcile_cursor, g_free);
      retry_later (run, g_error_new (CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED,
                                     _("The server’s list of records does not end")),
                   reconcile_page);
      return;
    }

  if (run->reconcile_cursor != NULL)
    {
      reconcile_page (run);
      return;
    }

  /* Not there: it never arrived. */
  send_create (run);
}

static gpointer
read_entries (JsonArray  *entries,
              gpointer    user_data,
              GError    **error)
{
  return crm_sync_resource_read_entries (user_data, entries, error);
}

static void
reconcile_page (CrmSyncRun *run)
{
  g_auto(GStrv) query = reconcile_query (run);

  crm_api_client_list_async (run->engine->client, entity_path (run),
                             (const char * const *) query, run->reconcile_cursor,
                             read_entries, (gpointer) run->change->resource,
                             (GDestroyNotify) g_ptr_array_unref, run->cancellable,
                             on_reconcile_page_cb, run);
}

static void
reconcile (CrmSyncRun *run)
{
  g_clear_pointer (&run->reconcile_cursor, g_free);
  reconcile_page (run);
}

/* Creates */

static gboolean
looks_like_email (const char *text)
{
  return text != NULL && strchr (text, '@') != NULL && strchr (text, ' ') == NULL;
}

static JsonObject *
custom_item (const char *key,
             JsonNode   *value)
{
  JsonObject *item = json_object_new ();

  json_object_set_string_member (item, "type", crm_sync_custom_type (value));
  json_object_set_string_member (item, "key", key);
  json_object_set_member (item, "value", json_node_copy (value));
  return item;
}

/* A create tells the server each attribute with its type. */
static JsonArray *
custom_for_create (JsonObject *local)
{
  g_autoptr(GList) members = json_object_get_members (local);
  JsonArray *custom = json_array_new ();

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = crm_sync_custom_key (l->data);
      JsonNode *value = json_object_get_member (local, l->data);

      if (key != NULL && !JSON_NODE_HOLDS_NULL (value))
        json_array_add_object_element (custom, custom_item (key, value));
    }

  return custom;
}

static JsonObject *
create_body (CrmSyncRun *run)
{
  CrmSyncPrepareJob *change = run->change;
  JsonObject *body = crm_sync_resource_build_body (change->resource, change->local, NULL, TRUE);

  switch (change->resource->kind)
    {
    case CRM_ENTITY_CUSTOMER:
      {
        JsonObject *attributes = json_object_new ();
        JsonNode *tags = json_object_get_member (change->local, "tags");

        json_object_set_string_member (body, "external_id", change->external_id);
        json_object_set_string_member (body, "data_source_uuid", change->data_source);
        json_object_set_member (attributes, "tags", json_node_copy (tags));
        json_object_set_array_member (attributes, "custom", custom_for_create (change->local));
        json_object_set_object_member (body, "attributes", attributes);
      }
      break;
    case CRM_ENTITY_CONTACT:
      json_object_set_string_member (body, "customer_uuid", change->customer_uuid);
      json_object_set_string_member (body, "data_source_uuid", change->data_source);
      json_object_set_string_member (body, "external_id", change->external_id);
      break;
    case CRM_ENTITY_ACTIVITY:
      json_object_set_string_member (body, "customer_uuid", change->customer_uuid);
      if (looks_like_email (change->author))
        json_object_set_string_member (body, "author_email", change->author);
      break;
    case CRM_ENTITY_TASK:
    case CRM_ENTITY_OPPORTUNITY:
    default:
      json_object_set_string_member (body, "customer_uuid", change->customer_uuid);
      break;
    }

  /* The server wants a person on every task and opportunity: the rep,
   * when the record names nobody. */
  if (change->me != NULL && *change->me != '\0')
    {
      const char *key = change->resource->kind == CRM_ENTITY_TASK ? "assignee"
                      : change->resource->kind == CRM_ENTITY_OPPORTUNITY ? "owner" : NULL;

      if (key != NULL && !json_object_has_member (body, key))
        json_object_set_string_member (body, key, change->me);
    }

  return body;
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  CrmSyncRecord *record;
  CrmSyncLandJob *job;
  GError *error = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);

  /* The server answered; its answer is not stored yet. */
  crm_sync_crash_point ("after-send");

  record = node != NULL ? read_answer (run, node, &error) : NULL;
  if (record != NULL)
    {
      run->summary.pushed++;
      job = land_job_new (run, CRM_SYNC_LAND_CREATED);
      job->server = record;
      job->sent = json_object_ref (run->sent);
      land (run, job, change_done);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAUTHORIZED))
    {
      stop (run, error);
      return;
    }

  if (is_refusal (error))
    {
      g_debug ("Change %" G_GINT64_FORMAT " refused (%s %d)", run->change->change_id,
               g_quark_to_string (error->domain), error->code);
      job = land_job_new (run, CRM_SYNC_LAND_REFUSED);
      job->sent = json_object_ref (run->sent);
      job->message = g_strdup (error->message);
      g_error_free (error);
      land (run, job, change_done);
      return;
    }

  /* The outcome is unknown: look for it before trying again. */
  retry_later (run, error, reconcile);
}

static void
post_create (CrmSyncRun *run)
{
  g_autoptr(JsonObject) body = create_body (run);
  g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), body);

  g_debug ("Creating %s for change %" G_GINT64_FORMAT, run->change->resource->entity,
           run->change->change_id);
  crm_api_client_call_async (run->engine->client, "POST", entity_path (run), NULL, node,
                             CRM_API_CALL_CREATE, run->cancellable, on_created_cb, run);
}

/* Marks the change sent, committed, before the request goes out. */
static void
send_create (CrmSyncRun *run)
{
  g_clear_pointer (&run->sent, json_object_unref);
  run->sent = json_object_ref (run->change->local);
  land (run, land_job_new (run, CRM_SYNC_LAND_SENDING), post_create);
}

static void do_create (CrmSyncRun *run);

static void
on_data_source_saved_cb (GObject      *source,
                         GAsyncResult *result,
                         gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  GError *error = NULL;

  if (!crm_store_mutation_finish (CRM_STORE (source), result, NULL, &error))
    {
      stop (run, error);
      return;
    }

  do_create (run);
}

static gboolean
save_data_source_job (CrmStoreTxn  *txn,
                      gpointer      data,
                      GError      **error)
{
  return crm_store_txn_set_setting (txn, "sync.data_source_uuid", data, error);
}

static void
use_data_source (CrmSyncRun *run,
                 const char *uuid)
{
  g_free (run->change->data_source);
  run->change->data_source = g_strdup (uuid);
  crm_store_run_async (run->engine->store, NULL, CRM_ORIGIN_SYNC, save_data_source_job,
                       g_strdup (uuid), g_free, run->cancellable, on_data_source_saved_cb, run);
}

static void
on_data_source_created_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  GError *error = NULL;
  const char *uuid = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    uuid = json_object_get_string_member_with_default (json_node_get_object (node), "uuid",
                                                       NULL);
  if (uuid == NULL)
    {
      stop (run, error != NULL ? error
                               : g_error_new_literal (CRM_SYNC_ERROR, CRM_SYNC_ERROR_MALFORMED,
                                                      _("The server made a data source "
                                                        "without an id")));
      return;
    }

  use_data_source (run, uuid);
}

/* Customers and contacts need a data source: the account's, or else one
 * named "Prospect", found or made. */
static void
on_data_sources_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CrmSyncRun *run = user_data;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(JsonNode) body = NULL;
  GError *error = NULL;
  JsonArray *sources = NULL;

  node = crm_api_client_call_finish (CRM_API_CLIENT (source), result, &error);
  if (node == NULL)
    {
      stop (run, error);
      return;
    }

  if (JSON_NODE_HOLDS_OBJECT (node) &&
      json_object_has_member (json_node_get_object (node), "data_sources") &&
      JSON_NODE_HOLDS_ARRAY (json_object_get_member (json_node_get_object (node), "data_sources")))
    sources = json_object_get_array_member (json_node_get_object (node), "data_sources");

  for (guint i = 0; sources != NULL && i < json_array_get_length (sources); i++)
    {
      JsonNode *item = json_array_get_element (sources, i);
      JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;

      if (object != NULL &&
          g_strcmp0 (json_object_get_string_member_with_default (object, "name", NULL),
                     "Prospect") == 0 &&
          json_object_get_string_member_with_default (object, "uuid", NULL) != NULL)
        {
          use_data_source (run, json_object_get_string_member (object, "uuid"));
          return;
        }
    }

  body = json_from_string ("{\"name\":\"Prospect\"}", NULL);
  crm_api_client_call_async (run->engine->client, "POST", "data_sources", NULL, body,
                             CRM_API_CALL_CREATE, run->cancellable, on_data_source_created_cb,
                             run);
}

static void
do_create (CrmSyncRun *run)
{
  CrmSyncPrepareJob *change = run->change;
  gboolean needs_source = change->resource->kind == CRM_ENTITY_CUSTOMER ||
                          change->resource->kind == CRM_ENTITY_CONTACT;

  if (needs_source && change->data_source == NULL)
    {
      crm_api_client_call_async (run->engine->client, "GET", "data_sources", NULL, NULL,
                                 CRM_API_CALL_DEFAULT, run->cancellable, on_data_sources_cb,
                                 run);
      return;
    }

  /* Sent before without its answer stored: it may be there already. */
  if (change->entry->sent_at != NULL)
    reconcile (run);
  else
    send_create (run);
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
  job = land_job_new (run, CRM_SYNC_LAND_REFUSED);
  job->server = g_steal_pointer (&run->server);
  job->sent = json_object_ref (run->change->local);
  job->sent_columns = g_strdupv (run->push_columns);
  job->message = g_strdup (error->message);
  g_error_free (error);
  land (run, job, change_done);
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

  record = node != NULL ? read_answer (run, node, &error) : NULL;
  if (record != NULL)
    {
      run->summary.pushed++;
      job = land_job_new (run, CRM_SYNC_LAND_UPDATED);
      job->server = record;
      job->sent = json_object_ref (run->change->local);
      job->sent_columns = g_strdupv (run->push_columns);
      land (run, job, change_done);
      return;
    }

  if (!is_refusal (error))
    {
      stop (run, error);
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
  path = g_strdup_printf ("%s/%s", entity_path (run), run->change->uuid);

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
  else if (is_refusal (error))
    refuse_update (run, error);
  else
    stop (run, error);
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

  if (is_refusal (error))
    refuse_update (run, error);
  else
    stop (run, error);
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
        json_array_add_object_element (list, custom_item (key, mine));
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
      job = land_job_new (run, CRM_SYNC_LAND_GONE);
      job->message = g_strdup (_("Deleted on the server while changed here"));
      g_error_free (error);
      land (run, job, change_done);
      return;
    }

  run->server = node != NULL ? read_answer (run, node, &error) : NULL;
  if (run->server == NULL)
    {
      stop (run, error);
      return;
    }

  merge = crm_sync_merge_new (run->change->resource, run->change->base, run->change->local,
                              run->server->values);
  run->push_columns = columns_to_push (merge, run->change->conflict_fields);

  /* What changed there only is taken here now; conflicts are kept. */
  job = land_job_new (run, CRM_SYNC_LAND_MERGED);
  job->server = crm_sync_resource_read_entry (run->change->resource,
                                              json_node_get_object (node), NULL);
  job->take = g_strdupv ((char **) merge->take->pdata);
  job->conflicts = g_strdupv ((char **) merge->conflicts->pdata);
  job->local = json_object_ref (run->change->local);
  land (run, job, after_merge);
}

static void
do_update (CrmSyncRun *run)
{
  g_autofree char *path = g_strdup_printf ("%s/%s", entity_path (run), run->change->uuid);

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

  if (!is_refusal (error))
    {
      stop (run, error);
      return;
    }

  job = land_job_new (run, CRM_SYNC_LAND_REFUSED);
  job->message = g_strdup (error->message);
  g_error_free (error);
  land (run, job, change_done);
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

  path = g_strdup_printf ("%s/%s", entity_path (run), change->entry->uuid);
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

  do_create (run);
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
      stop (run, error);
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
      stop (run, error);
      return;
    }

  /* Changes made while the queue drained go out in the same push. */
  if (g_queue_is_empty (&run->changes) && run->rounds++ < MAX_ROUNDS &&
      !load_changes (run, &error))
    {
      stop (run, error);
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
