/* crm-sync-engine-create.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-sync-backoff.h"
#include "crm-sync-crash.h"
#include "crm-sync-engine-private.h"
#include "crm-sync-error.h"

/*
 * The push's creates (the drain is crm-sync-engine-push.c's): the body a
 * create sends, the data source customers and contacts need, and the
 * search for a create whose answer was lost, with the waits between its
 * tries.
 */

/* A customer's records are seldom more than a few pages. */
#define RECONCILE_MAX_PAGES 50

static void send_create (CrmSyncRun *run);

/* Waiting before the next try of a change, on the client's clock. */
typedef struct
{
  CrmSyncRun     *run;
  CrmSyncRunStep  then;
  gulong          chained;
} Retry;

static void
on_retry_waited_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Retry *retry = user_data;
  CrmSyncRun *run = retry->run;
  CrmSyncRunStep then = retry->then;
  GError *error = NULL;

  g_cancellable_disconnect (run->cancellable, retry->chained);
  g_free (retry);
  g_clear_object (&run->wake);
  _crm_sync_engine_set_waiting (run->engine, NULL, 0);

  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      _crm_sync_push_stop (run, error);
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
retry_later (CrmSyncRun     *run,
             GError         *error,
             CrmSyncRunStep  then)
{
  CrmSyncClock *clock = crm_api_client_get_clock (run->engine->client);
  Retry *retry;
  gint64 delay;

  if (++run->attempt >= run->engine->max_attempts)
    {
      _crm_sync_push_stop (run, error);
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
      job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_CREATED);
      job->server = g_ptr_array_steal_index (records, i);
      job->sent = json_object_ref (run->sent != NULL ? run->sent : run->change->local);
      _crm_sync_push_land (run, job, _crm_sync_push_change_done);
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

  crm_api_client_list_async (run->engine->client, _crm_sync_push_entity_path (run),
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

JsonObject *
_crm_sync_push_custom_item (const char *key,
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
        json_array_add_object_element (custom, _crm_sync_push_custom_item (key, value));
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

  record = node != NULL ? _crm_sync_push_read_answer (run, node, &error) : NULL;
  if (record != NULL)
    {
      run->summary.pushed++;
      job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_CREATED);
      job->server = record;
      job->sent = json_object_ref (run->sent);
      _crm_sync_push_land (run, job, _crm_sync_push_change_done);
      return;
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      g_error_matches (error, CRM_SYNC_ERROR, CRM_SYNC_ERROR_UNAUTHORIZED))
    {
      _crm_sync_push_stop (run, error);
      return;
    }

  if (_crm_sync_push_is_refusal (error))
    {
      g_debug ("Change %" G_GINT64_FORMAT " refused (%s %d)", run->change->change_id,
               g_quark_to_string (error->domain), error->code);
      job = _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_REFUSED);
      job->sent = json_object_ref (run->sent);
      job->message = g_strdup (error->message);
      g_error_free (error);
      _crm_sync_push_land (run, job, _crm_sync_push_change_done);
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
  crm_api_client_call_async (run->engine->client, "POST", _crm_sync_push_entity_path (run), NULL,
                             node, CRM_API_CALL_CREATE, run->cancellable, on_created_cb, run);
}

/* Marks the change sent, committed, before the request goes out. */
static void
send_create (CrmSyncRun *run)
{
  g_clear_pointer (&run->sent, json_object_unref);
  run->sent = json_object_ref (run->change->local);
  _crm_sync_push_land (run, _crm_sync_push_land_job_new (run, CRM_SYNC_LAND_SENDING),
                       post_create);
}

static void
on_data_source_saved_cb (GObject      *source,
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

  _crm_sync_push_create (run);
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
      _crm_sync_push_stop (run, error != NULL ? error
                                              : g_error_new_literal (CRM_SYNC_ERROR,
                                                                     CRM_SYNC_ERROR_MALFORMED,
                                                                     _("The server made a data "
                                                                       "source without an id")));
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
      _crm_sync_push_stop (run, error);
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

void
_crm_sync_push_create (CrmSyncRun *run)
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
