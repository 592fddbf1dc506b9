/* crm-sync-format.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync-format"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "crm-activity.h"
#include "crm-contact.h"
#include "crm-customer.h"
#include "crm-opportunity.h"
#include "crm-task.h"

#include "crm-customer-format.h"
#include "crm-sync-resource.h"
#include "crm-sync-format.h"

/* The words the window uses for the sync, chosen by plain functions so
 * that tests check them without a display. */

#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)
#define HOUR (60 * MINUTE)

/**
 * crm_sync_facts_from_session:
 * @facts: (out caller-allocates): what to fill
 * @session: the window's sync
 *
 * Reads what the window shows from @session and its engine, at the
 * session's time.
 */
void
crm_sync_facts_from_session (CrmSyncFacts   *facts,
                             CrmSyncSession *session)
{
  CrmSyncEngine *engine = crm_sync_session_get_engine (session);

  *facts = (CrmSyncFacts) {
    .has_account = crm_account_get_is_configured (crm_sync_session_get_account (session)),
    .key_missing = crm_sync_session_get_key_missing (session),
    .has_engine = engine != NULL,
    .now = crm_sync_session_get_now (session),
  };

  if (engine == NULL)
    return;

  facts->state = crm_sync_engine_get_state (engine);
  facts->progress = crm_sync_engine_get_progress (engine);
  facts->resume_at = crm_sync_engine_get_resume_at (engine);
  facts->last_error = crm_sync_engine_get_last_error (engine);
  facts->pending = crm_sync_engine_get_pending_count (engine);
  facts->failed = crm_sync_engine_get_failed_count (engine);
  facts->conflicts = crm_sync_engine_get_conflict_count (engine);
  facts->last_synced_at = crm_sync_engine_get_last_synced_at (engine);
}

static GDateTime *
local_time (gint64 usec)
{
  return g_date_time_new_from_unix_local (usec / G_USEC_PER_SEC);
}

/**
 * crm_sync_format_synced:
 * @last_synced_at: when a sync last ended well (µs), or 0
 * @now: the time now (µs)
 *
 * Returns: (transfer full): "Synced just now", "Synced 2 min ago",
 *   "Synced at 09:12" (earlier today), "Synced on Jun 30", or
 *   "Not synced yet"
 */
char *
crm_sync_format_synced (gint64 last_synced_at,
                        gint64 now)
{
  g_autoptr(GDateTime) then = NULL;
  g_autoptr(GDateTime) today = NULL;
  gint64 ago = now - last_synced_at;
  g_autofree char *when = NULL;

  if (last_synced_at <= 0)
    return g_strdup (_("Not synced yet"));

  if (ago < MINUTE)
    return g_strdup (_("Synced just now"));

  if (ago < HOUR)
    /* Translators: how long ago the last sync ended */
    return g_strdup_printf (_("Synced %u min ago"), (guint) (ago / MINUTE));

  then = local_time (last_synced_at);
  today = local_time (now);
  if (g_date_time_get_year (then) == g_date_time_get_year (today) &&
      g_date_time_get_day_of_year (then) == g_date_time_get_day_of_year (today))
    {
      /* Translators: a time of day, in strftime() format */
      when = g_date_time_format (then, _("%H:%M"));
      /* Translators: %s is a time of day */
      return g_strdup_printf (_("Synced at %s"), when);
    }

  /* Translators: a day, in strftime() format */
  when = g_date_time_format (then, _("%b %-e"));
  /* Translators: %s is a day, such as "Jun 30" */
  return g_strdup_printf (_("Synced on %s"), when);
}

/**
 * crm_sync_format_problems:
 * @conflicts: fields in conflict
 * @failed: changes refused
 *
 * Returns: (transfer full) (nullable): "2 conflicts · 1 change refused",
 *   or %NULL when there is neither
 */
char *
crm_sync_format_problems (guint conflicts,
                          guint failed)
{
  g_autofree char *conflict_text = NULL;
  g_autofree char *failed_text = NULL;

  if (conflicts > 0)
    conflict_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u conflict",
                                                  "%u conflicts", conflicts),
                                     conflicts);
  if (failed > 0)
    failed_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change refused",
                                                "%u changes refused", failed),
                                   failed);

  if (conflict_text != NULL && failed_text != NULL)
    return g_strdup_printf ("%s · %s", conflict_text, failed_text);

  return g_strdup (conflict_text != NULL ? conflict_text : failed_text);
}

static char *
format_pending (guint pending)
{
  if (pending == 0)
    return NULL;

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u change pending",
                                       "%u changes pending", pending),
                          pending);
}

/* Problems first: they wait for the rep; pending changes go by themselves. */
static char *
format_detail (const CrmSyncFacts *facts)
{
  char *problems = crm_sync_format_problems (facts->conflicts, facts->failed);

  return problems != NULL ? problems : format_pending (facts->pending);
}

static CrmSyncStatus *
status_new (char       *title,
            char       *detail,
            const char *icon_name,
            const char *style)
{
  CrmSyncStatus *status = g_new0 (CrmSyncStatus, 1);

  status->title = title;
  status->detail = detail;
  status->icon_name = icon_name;
  status->style = style;

  return status;
}

static CrmSyncStatus *
format_idle (const CrmSyncFacts *facts)
{
  char *synced = crm_sync_format_synced (facts->last_synced_at, facts->now);
  char *problems = crm_sync_format_problems (facts->conflicts, facts->failed);

  if (problems != NULL)
    return status_new (problems, synced, "dialog-warning-symbolic", "warning");

  return status_new (synced, format_pending (facts->pending),
                     facts->pending > 0 ? "document-send-symbolic" : "emblem-ok-symbolic",
                     NULL);
}

static CrmSyncStatus *
format_syncing (const CrmSyncFacts *facts)
{
  int percent = (int) floor (CLAMP (facts->progress, 0.0, 1.0) * 100.0);
  CrmSyncStatus *status;
  char *title;

  if (percent > 0)
    /* Translators: %d is how far the sync is, in percent */
    title = g_strdup_printf (_("Syncing… %d %%"), percent);
  else
    title = g_strdup (_("Syncing…"));

  status = status_new (title, format_detail (facts), "emblem-synchronizing-symbolic", NULL);
  status->show_progress = TRUE;
  status->progress = CLAMP (facts->progress, 0.0, 1.0);

  return status;
}

static char *
format_rate_limited (gint64 resume_at)
{
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *time = NULL;

  if (resume_at <= 0)
    return g_strdup (_("Rate limited — waiting"));

  until = local_time (resume_at);
  time = g_date_time_format (until, _("%H:%M"));
  /* Translators: %s is a time of day; the server asked to slow down */
  return g_strdup_printf (_("Rate limited until %s"), time);
}

static char *
format_error (const char *message)
{
  if (message == NULL || *message == '\0')
    return g_strdup (_("Sync failed"));

  /* Translators: %s is the reason, often the server's own message */
  return g_strdup_printf (_("Sync failed: %s"), message);
}

/**
 * crm_sync_format_status:
 * @facts: what the window knows of the sync
 *
 * Chooses the words of the sidebar's sync row: "Synced 2 min ago" with
 * "3 changes pending", "Syncing… 40 %", "Offline — changes will sync",
 * "Rate limited until 14:05", "Sync failed: <message>", "2 conflicts ·
 * 1 change refused".
 *
 * Returns: (transfer full) (nullable): the row's words, or %NULL when the
 *   profile has no account and the row is not shown
 */
CrmSyncStatus *
crm_sync_format_status (const CrmSyncFacts *facts)
{
  g_return_val_if_fail (facts != NULL, NULL);

  if (!facts->has_account)
    return NULL;

  if (facts->key_missing)
    return status_new (g_strdup (_("Sync paused")),
                       g_strdup (_("Enter the API key again in Preferences")),
                       "dialog-password-symbolic", "warning");

  if (!facts->has_engine)
    return status_new (g_strdup (_("Starting sync…")), NULL, "emblem-synchronizing-symbolic",
                       NULL);

  switch (facts->state)
    {
    case CRM_SYNC_STATE_SYNCING:
      return format_syncing (facts);

    case CRM_SYNC_STATE_OFFLINE:
      return status_new (g_strdup (_("Offline — changes will sync")), format_detail (facts),
                         "network-offline-symbolic", NULL);

    case CRM_SYNC_STATE_RATE_LIMITED:
      return status_new (format_rate_limited (facts->resume_at), format_detail (facts),
                         "preferences-system-time-symbolic", NULL);

    case CRM_SYNC_STATE_ERROR:
      return status_new (format_error (facts->last_error), format_detail (facts),
                         "dialog-error-symbolic", "error");

    case CRM_SYNC_STATE_IDLE:
    default:
      return format_idle (facts);
    }
}

/**
 * crm_sync_status_dup_text:
 * @status: the row's words
 *
 * Returns: (transfer full): both lines as one, "title · detail", for a
 *   tooltip or a screen reader
 */
char *
crm_sync_status_dup_text (const CrmSyncStatus *status)
{
  g_return_val_if_fail (status != NULL, NULL);

  if (status->detail == NULL)
    return g_strdup (status->title);

  return g_strdup_printf ("%s · %s", status->title, status->detail);
}

/**
 * crm_sync_status_free:
 * @status: (nullable): the row's words
 */
void
crm_sync_status_free (CrmSyncStatus *status)
{
  if (status == NULL)
    return;

  g_free (status->title);
  g_free (status->detail);
  g_free (status);
}

/* Conflicts and refusals */

typedef struct
{
  CrmEntityKind  kind;
  const char    *field;
  const char    *label;
} FieldLabel;

/* The fields a sync sends, by their local names (crm-sync-resource.c). */
static const FieldLabel field_labels[] = {
  { CRM_ENTITY_CUSTOMER, "name", NC_("field", "Name") },
  { CRM_ENTITY_CUSTOMER, "company", NC_("field", "Company") },
  { CRM_ENTITY_CUSTOMER, "email", NC_("field", "Email") },
  { CRM_ENTITY_CUSTOMER, "status", NC_("field", "Status") },
  { CRM_ENTITY_CUSTOMER, "owner", NC_("field", "Owner") },
  { CRM_ENTITY_CUSTOMER, "website", NC_("field", "Website") },
  { CRM_ENTITY_CUSTOMER, "city", NC_("field", "City") },
  { CRM_ENTITY_CUSTOMER, "zip", NC_("field", "Postal Code") },
  { CRM_ENTITY_CUSTOMER, "state", NC_("field", "State") },
  { CRM_ENTITY_CUSTOMER, "country", NC_("field", "Country") },
  { CRM_ENTITY_CUSTOMER, "lead_created_at", NC_("field", "Lead Since") },
  { CRM_ENTITY_CUSTOMER, "free_trial_started_at", NC_("field", "Free Trial Since") },
  { CRM_ENTITY_CUSTOMER, "tags", NC_("field", "Tags") },
  { CRM_ENTITY_CONTACT, "first_name", NC_("field", "First Name") },
  { CRM_ENTITY_CONTACT, "last_name", NC_("field", "Last Name") },
  { CRM_ENTITY_CONTACT, "title", NC_("field", "Job Title") },
  { CRM_ENTITY_CONTACT, "email", NC_("field", "Email") },
  { CRM_ENTITY_CONTACT, "phone", NC_("field", "Phone") },
  { CRM_ENTITY_CONTACT, "linkedin", NC_("field", "LinkedIn") },
  { CRM_ENTITY_CONTACT, "twitter", NC_("field", "Twitter") },
  { CRM_ENTITY_CONTACT, "notes", NC_("field", "Notes") },
  { CRM_ENTITY_CONTACT, "position", NC_("field", "Position") },
  { CRM_ENTITY_ACTIVITY, "body", NC_("field", "Text") },
  { CRM_ENTITY_ACTIVITY, "call_duration", NC_("field", "Call Duration") },
  { CRM_ENTITY_ACTIVITY, "occurred_at", NC_("field", "Date") },
  { CRM_ENTITY_OPPORTUNITY, "owner", NC_("field", "Owner") },
  { CRM_ENTITY_OPPORTUNITY, "pipeline", NC_("field", "Pipeline") },
  { CRM_ENTITY_OPPORTUNITY, "stage", NC_("field", "Stage") },
  { CRM_ENTITY_OPPORTUNITY, "close_on", NC_("field", "Expected Close") },
  { CRM_ENTITY_OPPORTUNITY, "currency", NC_("field", "Currency") },
  { CRM_ENTITY_OPPORTUNITY, "amount_minor", NC_("field", "Amount") },
  { CRM_ENTITY_OPPORTUNITY, "type", NC_("field", "Type") },
  { CRM_ENTITY_OPPORTUNITY, "forecast_category", NC_("field", "Forecast Category") },
  { CRM_ENTITY_OPPORTUNITY, "win_likelihood", NC_("field", "Win Likelihood") },
  { CRM_ENTITY_TASK, "details", NC_("field", "Task") },
  { CRM_ENTITY_TASK, "assignee", NC_("field", "Assignee") },
  { CRM_ENTITY_TASK, "due_on", NC_("field", "Due") },
  { CRM_ENTITY_TASK, "completed_at", NC_("field", "Completed") },
};

/**
 * crm_sync_format_field:
 * @kind: the kind of record
 * @field: a local column, as a conflict names it
 *
 * Returns: (transfer full): the field's label, such as "Phone"; a custom
 *   attribute's as the customer page shows it ("Company Size"); the
 *   column's name for one it does not know
 */
char *
crm_sync_format_field (CrmEntityKind  kind,
                       const char    *field)
{
  g_return_val_if_fail (field != NULL, NULL);

  if (kind == CRM_ENTITY_CUSTOMER && crm_sync_custom_key (field) != NULL)
    return crm_customer_format_humanize_key (crm_sync_custom_key (field));

  for (guint i = 0; i < G_N_ELEMENTS (field_labels); i++)
    if (field_labels[i].kind == kind && g_str_equal (field_labels[i].field, field))
      return g_strdup (g_dpgettext2 (NULL, "field", field_labels[i].label));

  return g_strdup (field);
}

static char *
format_json_value (JsonNode *node)
{
  g_autoptr(GString) text = NULL;
  JsonArray *array;

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return NULL;

  if (JSON_NODE_HOLDS_VALUE (node))
    {
      GType type = json_node_get_value_type (node);

      if (type == G_TYPE_STRING)
        return g_strdup (json_node_get_string (node));
      if (type == G_TYPE_BOOLEAN)
        return g_strdup (json_node_get_boolean (node) ? _("Yes") : _("No"));
      if (type == G_TYPE_DOUBLE)
        return g_strdup_printf ("%g", json_node_get_double (node));

      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    }

  if (!JSON_NODE_HOLDS_ARRAY (node))
    return json_to_string (node, FALSE);

  /* Tags */
  array = json_node_get_array (node);
  text = g_string_new (NULL);
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      g_autofree char *item = format_json_value (json_array_get_element (array, i));

      if (item == NULL)
        continue;
      if (text->len > 0)
        g_string_append (text, ", ");
      g_string_append (text, item);
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * crm_sync_format_value:
 * @json: (nullable): a field's value as a conflict keeps it, in JSON
 *
 * Returns: (transfer full): the value as the rep reads it: a text without
 *   quotes, tags separated by commas, "(empty)" for nothing
 */
char *
crm_sync_format_value (const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *text = NULL;

  if (json != NULL && json_parser_load_from_data (parser, json, -1, NULL))
    text = format_json_value (json_parser_get_root (parser));
  else if (json != NULL)
    text = g_strdup (json);

  if (text == NULL || *text == '\0')
    return g_strdup (_("(empty)"));

  return g_steal_pointer (&text);
}

/**
 * crm_sync_format_refusal:
 * @entry: a failed change
 *
 * Returns: (transfer full): what was refused and the server's message,
 *   such as "Change refused: Not now"
 */
char *
crm_sync_format_refusal (const CrmOutboxEntry *entry)
{
  const char *message;

  g_return_val_if_fail (entry != NULL, NULL);

  message = entry->error != NULL && *entry->error != '\0'
              ? entry->error
              : _("the server gave no reason");

  if (g_strcmp0 (entry->operation, "create") == 0)
    /* Translators: %s is the server's message */
    return g_strdup_printf (_("Not created on ChartMogul: %s"), message);

  if (g_strcmp0 (entry->operation, "delete") == 0)
    /* Translators: %s is the server's message */
    return g_strdup_printf (_("Not deleted on ChartMogul: %s"), message);

  /* Translators: %s is the server's message */
  return g_strdup_printf (_("Change refused: %s"), message);
}

static char *
customer_name (CrmStore *store,
               gint64    customer_id)
{
  g_autoptr(GObject) customer = NULL;

  if (customer_id <= 0)
    return NULL;

  customer = crm_store_load (store, CRM_ENTITY_CUSTOMER, customer_id, NULL);
  if (customer == NULL)
    return NULL;

  return g_strdup (crm_customer_get_display_name (CRM_CUSTOMER (customer)));
}

static char *
contact_name (CrmContact *contact)
{
  return g_strstrip (g_strdup_printf ("%s %s",
                                      crm_contact_get_first_name (contact) ?: "",
                                      crm_contact_get_last_name (contact) ?: ""));
}

static const char *
gone_label (CrmEntityKind kind)
{
  switch (kind)
    {
    case CRM_ENTITY_CUSTOMER:
      return _("A deleted customer");
    case CRM_ENTITY_CONTACT:
      return _("A deleted contact");
    case CRM_ENTITY_ACTIVITY:
      return _("A deleted note");
    case CRM_ENTITY_OPPORTUNITY:
      return _("A deleted opportunity");
    case CRM_ENTITY_TASK:
      return _("A deleted task");
    default:
      return _("A deleted record");
    }
}

static const char *
kind_label (CrmEntityKind kind)
{
  switch (kind)
    {
    case CRM_ENTITY_CONTACT:
      return _("Contact");
    case CRM_ENTITY_ACTIVITY:
      return _("Note");
    case CRM_ENTITY_OPPORTUNITY:
      return _("Opportunity");
    case CRM_ENTITY_TASK:
      return _("Task");
    case CRM_ENTITY_CUSTOMER:
    default:
      return _("Customer");
    }
}

/* The record's own name, and the customer it belongs to. */
static char *
own_name (GObject       *record,
          CrmEntityKind  kind,
          gint64        *customer_id)
{
  switch (kind)
    {
    case CRM_ENTITY_CONTACT:
      *customer_id = crm_contact_get_customer_id (CRM_CONTACT (record));
      return contact_name (CRM_CONTACT (record));

    case CRM_ENTITY_ACTIVITY:
      *customer_id = crm_activity_get_customer_id (CRM_ACTIVITY (record));
      return g_strdup (g_strcmp0 (crm_activity_get_kind (CRM_ACTIVITY (record)), "call") == 0
                       ? _("Call") : _("Note"));

    case CRM_ENTITY_OPPORTUNITY:
      *customer_id = crm_opportunity_get_customer_id (CRM_OPPORTUNITY (record));
      return g_strdup (crm_opportunity_get_name (CRM_OPPORTUNITY (record)));

    case CRM_ENTITY_TASK:
      *customer_id = crm_task_get_customer_id (CRM_TASK (record));
      return g_strdup (crm_task_get_details (CRM_TASK (record)));

    case CRM_ENTITY_CUSTOMER:
    default:
      *customer_id = crm_record_get_id (CRM_RECORD (record));
      return NULL;
    }
}

/**
 * crm_sync_format_record:
 * @store: the profile
 * @kind: the kind of record
 * @id: its local id
 * @customer_id: (out) (optional): the customer it is or belongs to, or 0
 *
 * Returns: (transfer full): how the rep knows the record: "Maple Foods",
 *   "Lena Maier (Maple Foods)", "Expansion (Orchard Tools)", "Opportunity
 *   (Orchard Tools)" for one without a name, or "A deleted contact" when
 *   it is gone
 */
char *
crm_sync_format_record (CrmStore      *store,
                        CrmEntityKind  kind,
                        gint64         id,
                        gint64        *customer_id)
{
  g_autoptr(GObject) record = NULL;
  g_autofree char *name = NULL;
  g_autofree char *customer = NULL;
  gint64 owner_id = 0;

  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  if (customer_id != NULL)
    *customer_id = 0;

  record = id > 0 ? crm_store_load (store, kind, id, NULL) : NULL;
  if (record == NULL)
    return g_strdup (gone_label (kind));

  name = own_name (record, kind, &owner_id);
  customer = customer_name (store, owner_id);
  if (customer_id != NULL)
    *customer_id = customer != NULL ? owner_id : 0;

  if (kind == CRM_ENTITY_CUSTOMER)
    return g_steal_pointer (&customer);

  /* The API gives opportunities no name. */
  if (name == NULL || *name == '\0')
    {
      g_free (name);
      name = g_strdup (kind_label (kind));
    }

  if (customer == NULL)
    return g_steal_pointer (&name);

  /* Translators: a record, then the customer it belongs to */
  return g_strdup_printf (_("%s (%s)"), name, customer);
}
