/* crm-store-rules.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-lifecycle.h"
#include "crm-routing.h"
#include "crm-status.h"
#include "crm-store-private.h"
#include "crm-store-rules.h"
#include "crm-vardict.h"

/*
 * The business rules of the lead lifecycle and of territory routing, as
 * store rules (#CrmStoreRuleFunc). The store calls them after every row
 * change made through a transaction — a click, an import, a pull — on the
 * writer thread, inside the transaction, so what they change commits and
 * undoes together with its cause. The decisions themselves are in
 * core/crm-lifecycle.c and core/crm-routing.c.
 */

#define RULES_DATA_KEY "crm-store-rules"
#define DAY_WATCH_DATA_KEY "crm-store-rules-day-watch"
#define DAY_WATCH_INTERVAL_SECONDS (10 * 60)

typedef struct
{
  /* Writer thread only: routing expressions compiled once each. A NULL
   * value marks an expression that does not compile. */
  GHashTable *filters;
} RulesState;

typedef struct
{
  gint64  id;
  char   *name;
  char   *expression;
  char   *owner;
} RoutingRule;

static void
rules_state_free (gpointer data)
{
  RulesState *state = data;

  g_hash_table_unref (state->filters);
  g_free (state);
}

static void
filter_unref_nullable (gpointer data)
{
  if (data != NULL)
    crm_filter_unref (data);
}

static void
routing_rule_clear (gpointer data)
{
  RoutingRule *rule = data;

  g_free (rule->name);
  g_free (rule->expression);
  g_free (rule->owner);
}

/* Rules run at depth 1 for the change a job made itself, deeper for the
 * changes other rules made on its behalf. */
static gboolean
is_made_by_rule (CrmStoreTxn *txn)
{
  return txn->rule_depth > 1;
}

static gboolean
sync_is_enabled (CrmStoreTxn *txn)
{
  g_autofree char *value = crm_store_txn_dup_setting (txn, "sync.enabled");

  return g_strcmp0 (value, "1") == 0;
}

static char *
dup_row_string (GVariant   *row,
                const char *column)
{
  return row != NULL ? g_strdup (crm_vardict_get_string (row, column)) : NULL;
}

static gboolean
has_change (GVariant   *changes,
            const char *column)
{
  g_autoptr(GVariant) value = NULL;

  if (changes != NULL)
    value = crm_vardict_lookup (changes, column);

  return value != NULL;
}

static gint64
get_row_int (GVariant   *row,
             const char *column)
{
  g_autoptr(GVariant) value = crm_vardict_lookup (row, column);

  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64)
    ? g_variant_get_int64 (value) : 0;
}

/* The customer's name as lists show it: name, company, email. */
static char *
dup_customer_name (GVariant *customer)
{
  static const char * const columns[] = { "name", "company", "email" };

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autofree char *value = dup_row_string (customer, columns[i]);

      if (value != NULL && value[0] != '\0')
        return g_steal_pointer (&value);
    }

  return g_strdup (_("Unnamed customer"));
}

/* dup_customer_name() of a stored customer, without reading all its row
 * (a pull's rules name thousands). */
static char *
read_customer_name (CrmStoreTxn  *txn,
                    gint64        customer_id,
                    GError      **error)
{
  g_autofree char *name = NULL;

  name = _crm_store_txn_dup_customer_text (txn, customer_id,
                                           "SELECT name, company, email FROM customers"
                                           " WHERE id = ?", error);
  if (name != NULL && name[0] == '\0')
    return g_strdup (_("Unnamed customer"));

  return g_steal_pointer (&name);
}

/* Sets a status as a rule: the timeline says "rule" and why, and the
 * window gets a notice it shows with Undo. The notice names the customer:
 * a pull or an import may have set the rule off, with anything on screen. */
static gboolean
change_status (CrmStoreTxn  *txn,
               gint64        customer_id,
               const char   *status,
               const char   *reason,
               GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *notice = NULL;

  if (!crm_store_txn_set_status_full (txn, customer_id, status, CRM_ORIGIN_RULE, reason,
                                      error))
    return FALSE;

  name = read_customer_name (txn, customer_id, error);
  if (name == NULL)
    return FALSE;

  /* Translators: "Orchard Tools is now Working Lead"; the first %s is a
   * customer, the second a status */
  notice = g_strdup_printf (_("%s is now %s"), name, crm_status_get_label (status));
  crm_store_txn_add_notice (txn, notice);

  return TRUE;
}

/* A person sets only the four lead statuses. The store checks every
 * change of the column (crm_store_txn_update(), crm_store_txn_set_status());
 * this catches a new customer made with a subscriber status. A rule (a
 * subscription starting), an import and a pull may set any. */
static gboolean
refuse_subscriber_status (CrmStoreTxn  *txn,
                          GVariant     *changes,
                          GError      **error)
{
  g_autoptr(GVariant) value = NULL;
  const char *status;

  if (crm_store_txn_get_origin (txn) != CRM_ORIGIN_PERSON || is_made_by_rule (txn))
    return TRUE;

  if (changes != NULL)
    value = crm_vardict_lookup (changes, "status");
  if (value == NULL || !g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    return TRUE;

  status = g_variant_get_string (value, NULL);
  if (crm_status_is_person_settable (status))
    return TRUE;

  g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
               _("“%s” is set by billing, not by hand"), crm_status_get_label (status));
  return FALSE;
}

static gboolean
on_activity_added (CrmStoreTxn  *txn,
                   gint64        id,
                   GVariant     *fields,
                   GError      **error)
{
  g_autoptr(GVariant) activity = NULL;
  g_autoptr(GVariant) customer = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *status = NULL;
  const char *given_kind;
  const char *next;

  /* The kind the insert gave (kind has no default): notes, routings and
   * status changes need no row read, and an import writes many. */
  given_kind = fields != NULL ? crm_vardict_get_string (fields, "kind") : NULL;
  if (given_kind != NULL && g_strcmp0 (given_kind, "call") != 0 &&
      g_strcmp0 (given_kind, "email") != 0)
    return TRUE;

  activity = crm_store_txn_get_row (txn, CRM_ENTITY_ACTIVITY, id, error);
  if (activity == NULL)
    return FALSE;

  kind = dup_row_string (activity, "kind");
  if (g_strcmp0 (kind, "call") != 0 && g_strcmp0 (kind, "email") != 0)
    return TRUE;

  customer = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER,
                                    get_row_int (activity, "customer_id"), error);
  if (customer == NULL)
    return FALSE;

  status = dup_row_string (customer, "status");
  next = crm_lifecycle_status_after_contact (status, kind);
  if (next == NULL)
    return TRUE;

  return change_status (txn, get_row_int (customer, "id"), next,
                        CRM_LIFECYCLE_REASON_CONTACTED, error);
}

/* Reads where each of a customer's opportunities stands: @outcome gets
 * that of @opportunity_id, @other_open whether any other is still open. */
static gboolean
read_deal_outcomes (CrmStoreTxn     *txn,
                    gint64           customer_id,
                    gint64           opportunity_id,
                    CrmDealOutcome  *outcome,
                    gboolean        *other_open,
                    GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT o.id, o.stage,"
                             " (SELECT s.forecast_category FROM stages AS s"
                             "    JOIN pipelines AS p ON p.id = s.pipeline_id"
                             "   WHERE p.name = o.pipeline AND s.name = o.stage)"
                             " FROM opportunities AS o WHERE o.customer_id = ?",
                             error);
  if (stmt == NULL)
    return FALSE;

  *outcome = CRM_DEAL_OUTCOME_OPEN;
  *other_open = FALSE;

  sqlite3_bind_int64 (stmt, 1, customer_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CrmDealOutcome this;

      this = crm_lifecycle_deal_outcome ((const char *) sqlite3_column_text (stmt, 2),
                                         (const char *) sqlite3_column_text (stmt, 1));
      if (sqlite3_column_int64 (stmt, 0) == opportunity_id)
        *outcome = this;
      else if (this == CRM_DEAL_OUTCOME_OPEN)
        *other_open = TRUE;
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read opportunities");

  return TRUE;
}

static gboolean
on_deal_lost (CrmStoreTxn  *txn,
              gint64        customer_id,
              const char   *status,
              gboolean      other_open,
              GError      **error)
{
  g_autofree char *name = NULL;
  g_autofree char *notice = NULL;
  const char *next;

  next = crm_lifecycle_status_after_lost (status);
  if (next == NULL)
    return TRUE;

  if (!other_open)
    return change_status (txn, customer_id, next, CRM_LIFECYCLE_REASON_LOST, error);

  /* Nothing changes, but the person who closed the deal expects the
   * lead to go: say why it stays. */
  name = read_customer_name (txn, customer_id, error);
  if (name == NULL)
    return FALSE;
  /* Translators: "Harbor Optics stays Qualified Lead: it has another open
   * opportunity"; the first %s is a customer, the second a status */
  notice = g_strdup_printf (_("%s stays %s: it has another open opportunity"),
                            name, crm_status_get_label (status));
  crm_store_txn_add_notice (txn, notice);

  return TRUE;
}

static gboolean
on_opportunity_changed (CrmStoreTxn  *txn,
                        gint64        id,
                        gboolean      inserted,
                        GVariant     *changes,
                        GError      **error)
{
  g_autoptr(GVariant) opportunity = NULL;
  g_autofree char *status = NULL;
  CrmDealOutcome outcome;
  gboolean other_open;
  gboolean reopened;
  gint64 customer_id;

  /* Only a new opportunity or a move to another stage counts. */
  if (!inserted && !has_change (changes, "stage") && !has_change (changes, "pipeline"))
    return TRUE;

  /* A new opportunity has the customer it was inserted with. */
  customer_id = inserted && changes != NULL ? get_row_int (changes, "customer_id") : 0;
  if (customer_id == 0)
    {
      opportunity = crm_store_txn_get_row (txn, CRM_ENTITY_OPPORTUNITY, id, error);
      if (opportunity == NULL)
        return FALSE;
      customer_id = get_row_int (opportunity, "customer_id");
    }

  /* Only a lead's status follows its deals: a pull brings thousands of
   * opportunities of subscribers. */
  status = _crm_store_txn_dup_customer_text (txn, customer_id,
                                             "SELECT status FROM customers WHERE id = ?", error);
  if (status == NULL)
    return FALSE;
  if (!crm_status_is_lead (status))
    return TRUE;

  if (!read_deal_outcomes (txn, customer_id, id, &outcome, &other_open, error))
    return FALSE;

  if (outcome == CRM_DEAL_OUTCOME_LOST)
    return on_deal_lost (txn, customer_id, status, other_open, error);

  /* A closed deal moved back to an open stage loses its closing date:
   * the lead is being worked on it again, as when it was created. */
  reopened = !inserted && has_change (changes, "closed_on");
  if ((inserted || reopened) && outcome == CRM_DEAL_OUTCOME_OPEN)
    {
      const char *next = crm_lifecycle_status_after_opportunity (status);

      if (next != NULL)
        return change_status (txn, customer_id, next,
                              reopened ? CRM_LIFECYCLE_REASON_REOPENED
                                       : CRM_LIFECYCLE_REASON_OPPORTUNITY,
                              error);
    }

  return TRUE;
}

/* Makes the customer Active, unless it already is. */
static gboolean
start_subscriber (CrmStoreTxn  *txn,
                  gint64        customer_id,
                  gboolean      name_in_notice,
                  gboolean     *started,
                  GError      **error)
{
  g_autoptr(GVariant) customer = NULL;
  g_autofree char *status = NULL;
  g_autofree char *name = NULL;
  g_autofree char *notice = NULL;

  *started = FALSE;

  customer = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, customer_id, error);
  if (customer == NULL)
    return FALSE;

  status = dup_row_string (customer, "status");
  if (crm_status_kind_from_string (status) == CRM_STATUS_ACTIVE)
    return TRUE;

  if (!name_in_notice)
    {
      *started = change_status (txn, customer_id, "Active",
                                CRM_LIFECYCLE_REASON_SUBSCRIPTION, error);
      return *started;
    }

  /* Started by the day watch: the window may show anything, so the
   * notice names whom it is about. */
  if (!crm_store_txn_set_status_full (txn, customer_id, "Active", CRM_ORIGIN_RULE,
                                      CRM_LIFECYCLE_REASON_SUBSCRIPTION, error))
    return FALSE;

  name = dup_customer_name (customer);
  /* Translators: %s is a customer */
  notice = g_strdup_printf (_("%s is now Active: their subscription started"), name);
  crm_store_txn_add_notice (txn, notice);
  *started = TRUE;

  return TRUE;
}

static gboolean
subscription_is_current (GVariant   *subscription,
                         const char *today)
{
  g_autofree char *started_on = dup_row_string (subscription, "started_on");
  g_autofree char *ended_on = dup_row_string (subscription, "ended_on");

  /* Dates are YYYY-MM-DD, so they compare as text. */
  if (started_on == NULL || g_strcmp0 (started_on, today) > 0)
    return FALSE;

  return ended_on == NULL || g_strcmp0 (ended_on, today) > 0;
}

/* Local mode only: with an account, billing and so subscriber statuses
 * come from the server. A subscription that starts later is picked up on
 * its day by crm_store_txn_apply_due_subscriptions(). */
static gboolean
on_subscription_changed (CrmStoreTxn  *txn,
                         gint64        id,
                         gboolean      inserted,
                         GVariant     *changes,
                         GError      **error)
{
  g_autoptr(GVariant) subscription = NULL;
  g_autofree char *today = NULL;
  gboolean started;

  if (!inserted && !has_change (changes, "started_on") && !has_change (changes, "ended_on"))
    return TRUE;

  if (sync_is_enabled (txn))
    return TRUE;

  subscription = crm_store_txn_get_row (txn, CRM_ENTITY_SUBSCRIPTION, id, error);
  if (subscription == NULL)
    return FALSE;

  today = _crm_store_dup_today (txn->store);
  if (!subscription_is_current (subscription, today))
    return TRUE;

  return start_subscriber (txn, get_row_int (subscription, "customer_id"), FALSE,
                           &started, error);
}

static gboolean
lifecycle_rule (CrmStoreTxn  *txn,
                const char   *table,
                gint64        id,
                const char   *operation,
                GVariant     *changes,
                gpointer      user_data,
                GError      **error)
{
  gboolean inserted = g_str_equal (operation, "insert");

  if (g_str_equal (operation, "delete"))
    return TRUE;

  if (g_str_equal (table, "customers"))
    return !inserted || refuse_subscriber_status (txn, changes, error);

  if (g_str_equal (table, "activities"))
    return !inserted || on_activity_added (txn, id, changes, error);

  if (g_str_equal (table, "opportunities"))
    return on_opportunity_changed (txn, id, inserted, changes, error);

  if (g_str_equal (table, "subscriptions"))
    return on_subscription_changed (txn, id, inserted, changes, error);

  return TRUE;
}

/* Routing */

static CrmFilter *
lookup_filter (RulesState  *state,
               gint64       rule_id,
               const char  *expression)
{
  g_autoptr(GError) error = NULL;
  CrmFilter *filter;

  if (g_hash_table_lookup_extended (state->filters, expression, NULL, (gpointer *) &filter))
    return filter;

  /* A broken rule must never block a create: it is passed over. */
  filter = crm_routing_compile (expression, &error);
  if (filter == NULL)
    g_debug ("Skipping routing rule %" G_GINT64_FORMAT ": %s", rule_id, error->message);

  g_hash_table_insert (state->filters, g_strdup (expression), filter);
  return filter;
}

static GArray *
read_routing_rules (CrmStoreTxn  *txn,
                    GError      **error)
{
  g_autoptr(GArray) rules = g_array_new (FALSE, TRUE, sizeof (RoutingRule));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (rules, routing_rule_clear);

  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT id, name, expression, owner FROM routing_rules"
                             " WHERE enabled = 1 ORDER BY position, id",
                             error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      RoutingRule rule = {
        sqlite3_column_int64 (stmt, 0),
        g_strdup ((const char *) sqlite3_column_text (stmt, 1)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 2)),
        g_strdup ((const char *) sqlite3_column_text (stmt, 3)),
      };

      g_array_append_val (rules, rule);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    {
      _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read routing rules");
      return NULL;
    }

  return g_steal_pointer (&rules);
}

static gboolean
assign_owner (CrmStoreTxn        *txn,
              gint64              customer_id,
              const RoutingRule  *rule,
              GError            **error)
{
  g_autofree char *now = crm_timestamp_now ();
  g_autofree char *notice = NULL;
  GVariantDict activity;

  if (!crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, customer_id,
                             g_variant_new_parsed ("{'owner': <%s>}", rule->owner),
                             error))
    return FALSE;

  g_variant_dict_init (&activity, NULL);
  g_variant_dict_insert (&activity, "customer_id", "x", customer_id);
  g_variant_dict_insert (&activity, "kind", "s", "owner");
  g_variant_dict_insert (&activity, "occurred_at", "s", now);
  g_variant_dict_insert (&activity, "new_owner", "s", rule->owner);
  g_variant_dict_insert (&activity, "rule_name", "s", rule->name);
  g_variant_dict_insert (&activity, "cause", "s", "rule");
  if (crm_store_txn_insert (txn, CRM_ENTITY_ACTIVITY, g_variant_dict_end (&activity),
                            error) == 0)
    return FALSE;

  /* Translators: the first %s is an email, the second a routing rule's name */
  notice = g_strdup_printf (_("Assigned to %s by the rule “%s”"), rule->owner, rule->name);
  crm_store_txn_add_notice (txn, notice);

  return TRUE;
}

/* An import runs this for every row: the owner is the one the insert
 * gave (the column has no default and no trigger sets it), so the stored
 * row is not read back. */
static gboolean
route_customer (RulesState   *state,
                CrmStoreTxn  *txn,
                gint64        customer_id,
                gboolean      inserted,
                GVariant     *fields,
                GError      **error)
{
  g_autoptr(GArray) rules = NULL;
  const char *owner = NULL;

  if (fields != NULL && (owner = crm_vardict_get_string (fields, "owner")) != NULL &&
      !crm_routing_needs_owner (owner))
    return TRUE;

  /* An edit routes only a customer nobody owns; an insert carries its
   * owner in @fields, so a pull's thousands are not read back. */
  if (!inserted)
    {
      g_autoptr(GVariant) customer = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER,
                                                            customer_id, error);

      if (customer == NULL)
        return FALSE;
      if (!crm_routing_needs_owner (crm_vardict_get_string (customer, "owner")))
        return TRUE;
    }

  rules = read_routing_rules (txn, error);
  if (rules == NULL)
    return FALSE;

  for (guint i = 0; i < rules->len; i++)
    {
      const RoutingRule *rule = &g_array_index (rules, RoutingRule, i);
      g_autoptr(GError) local_error = NULL;
      CrmFilter *filter = lookup_filter (state, rule->id, rule->expression);
      gboolean matches = FALSE;

      /* A rule without an owner has nobody to route to. */
      if (filter == NULL || crm_routing_needs_owner (rule->owner))
        continue;

      if (!crm_store_txn_matches (txn, CRM_ENTITY_CUSTOMER, customer_id, filter,
                                  &matches, &local_error))
        {
          g_debug ("Skipping routing rule %" G_GINT64_FORMAT ": %s",
                   rule->id, local_error->message);
          continue;
        }

      if (matches)
        return assign_owner (txn, customer_id, rule, error);
    }

  return TRUE;
}

/* A person who fills in a customer nobody owns (its country, an
 * attribute) may make it match a territory: it is routed then, as it
 * would have been had it come with those details. Changing the owner,
 * even to nobody, is a choice routing leaves alone; so is a status. */
static gboolean
is_person_filling_in (CrmStoreTxn *txn,
                      GVariant    *changes)
{
  GVariantIter iter;
  const char *key;

  if (crm_store_txn_get_origin (txn) != CRM_ORIGIN_PERSON || is_made_by_rule (txn) ||
      changes == NULL || has_change (changes, "owner"))
    return FALSE;

  g_variant_iter_init (&iter, changes);
  while (g_variant_iter_next (&iter, "{&s*}", &key, NULL))
    if (!g_str_equal (key, "status") && !g_str_equal (key, "status_changed_at"))
      return TRUE;

  return FALSE;
}

static gboolean
routing_rule (CrmStoreTxn  *txn,
              const char   *table,
              gint64        id,
              const char   *operation,
              GVariant     *changes,
              gpointer      user_data,
              GError      **error)
{
  if (!g_str_equal (table, "customers"))
    return TRUE;

  if (g_str_equal (operation, "insert"))
    return route_customer (user_data, txn, id, TRUE, changes, error);

  if (g_str_equal (operation, "update") && is_person_filling_in (txn, changes))
    return route_customer (user_data, txn, id, FALSE, changes, error);

  return TRUE;
}

/**
 * crm_store_rules_install:
 * @store: a #CrmStore, just opened
 *
 * Adds the lead lifecycle and territory routing rules to @store:
 *
 * - a person may not write a subscriber status (Active, Past Due,
 *   Cancelled) into a customer, by any path;
 * - a call or email recorded for a New Lead makes it a Working Lead;
 * - an open opportunity created for a lead makes it a Qualified Lead;
 * - an opportunity closed lost makes its lead an Unqualified Lead, unless
 *   the customer has another open opportunity (a notice says why);
 * - a closed opportunity moved back to an open stage makes its lead a
 *   Qualified Lead again;
 * - in local mode, a subscription that has started makes its customer
 *   Active;
 * - a new customer without an owner gets the owner of the first enabled
 *   routing rule it matches; so does one nobody owns when a person edits
 *   its details (not its owner or status).
 *
 * Status changes go on the timeline with the cause "rule", routings with
 * the rule's name; each leaves a #CrmStore::notice. Call right after
 * crm_store_open(), before any mutation; a second call does nothing.
 * The demo book is generated consistent by itself and is filled without
 * the rules.
 */
void
crm_store_rules_install (CrmStore *store)
{
  /* What lifecycle_rule() and routing_rule() look at: a pull of tasks or
   * contacts runs no rule. */
  static const char * const lifecycle_tables[] = {
    "customers", "activities", "opportunities", "subscriptions", NULL
  };
  static const char * const routing_tables[] = { "customers", NULL };
  /* What they read of an insert's fields; they read the row for more. */
  static const char * const lifecycle_columns[] = { "status", "kind", "customer_id", NULL };
  static const char * const routing_columns[] = { "owner", NULL };
  RulesState *state;

  g_return_if_fail (CRM_IS_STORE (store));

  if (g_object_get_data (G_OBJECT (store), RULES_DATA_KEY) != NULL)
    return;

  state = g_new0 (RulesState, 1);
  state->filters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                          filter_unref_nullable);

  /* The state outlives the writer thread: the store joins it in dispose,
   * before its data is freed. */
  g_object_set_data_full (G_OBJECT (store), RULES_DATA_KEY, state, rules_state_free);

  crm_store_add_rule_for_tables (store, lifecycle_tables, lifecycle_columns, lifecycle_rule,
                                 state);
  crm_store_add_rule_for_tables (store, routing_tables, routing_columns, routing_rule, state);
}

/* Subscriptions that start on a later day */

/**
 * crm_store_txn_apply_due_subscriptions:
 * @txn: the open transaction
 * @n_started: (out) (optional): how many customers became Active
 * @error: return location for a #GError
 *
 * Makes Active every customer with a subscription that runs today and who
 * is not Active yet, with a notice naming each. Does nothing with sync on.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_store_txn_apply_due_subscriptions (CrmStoreTxn  *txn,
                                       guint        *n_started,
                                       GError      **error)
{
  g_autoptr(GArray) customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *today = NULL;
  sqlite3_stmt *stmt;
  guint started = 0;
  int rc;

  g_return_val_if_fail (txn != NULL, FALSE);

  if (n_started != NULL)
    *n_started = 0;

  if (sync_is_enabled (txn))
    return TRUE;

  today = _crm_store_dup_today (txn->store);
  stmt = _crm_store_prepare (txn->db, txn->store->writer_statements,
                             "SELECT DISTINCT s.customer_id FROM subscriptions AS s"
                             " JOIN customers AS c ON c.id = s.customer_id"
                             " WHERE s.started_on <= ?1"
                             "   AND (s.ended_on IS NULL OR s.ended_on > ?1)"
                             "   AND c.status <> 'Active'"
                             " ORDER BY s.customer_id",
                             error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_text (stmt, 1, today, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (customers, id);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return _crm_store_set_sqlite_error (error, txn->db, rc, "Failed to read subscriptions");

  for (guint i = 0; i < customers->len; i++)
    {
      gboolean one = FALSE;

      if (!start_subscriber (txn, g_array_index (customers, gint64, i), TRUE, &one, error))
        return FALSE;
      started += one ? 1 : 0;
    }

  if (n_started != NULL)
    *n_started = started;

  return TRUE;
}

static gboolean
apply_due_job (CrmStoreTxn  *txn,
               gpointer      user_data,
               GError      **error)
{
  return crm_store_txn_apply_due_subscriptions (txn, NULL, error);
}

/**
 * crm_store_apply_due_subscriptions_async:
 * @store: a #CrmStore
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Runs crm_store_txn_apply_due_subscriptions() on the writer thread, as
 * one change that Undo can reverse. Finish with
 * crm_store_apply_due_subscriptions_finish().
 */
void
crm_store_apply_due_subscriptions_async (CrmStore            *store,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  g_return_if_fail (CRM_IS_STORE (store));

  crm_store_run_async (store, _("Start subscriptions"), CRM_ORIGIN_RULE, apply_due_job,
                       NULL, NULL, cancellable, callback, user_data);
}

/**
 * crm_store_apply_due_subscriptions_finish:
 * @store: a #CrmStore
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the due subscriptions were applied
 */
gboolean
crm_store_apply_due_subscriptions_finish (CrmStore      *store,
                                          GAsyncResult  *result,
                                          GError       **error)
{
  return crm_store_mutation_finish (store, result, NULL, error);
}

typedef struct
{
  CrmStore *store;     /* unowned: the watch is the store's data */
  GSource  *source;
  char     *day;
} DayWatch;

static void
day_watch_free (gpointer data)
{
  DayWatch *watch = data;

  g_source_destroy (watch->source);
  g_source_unref (watch->source);
  g_free (watch->day);
  g_free (watch);
}

static void
on_due_applied_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* At quit the store may close first: nothing is lost, the next start
   * applies them. */
  if (!crm_store_apply_due_subscriptions_finish (CRM_STORE (object), result, &error))
    g_debug ("Due subscriptions not applied: %s", error->message);
}

/* GLib's timeouts run on the monotonic clock, which stops during suspend;
 * so the watch compares the wall-clock day on each tick. */
static gboolean
on_day_tick_cb (gpointer user_data)
{
  DayWatch *watch = user_data;
  g_autofree char *today = _crm_store_dup_today (watch->store);

  if (g_strcmp0 (today, watch->day) != 0)
    {
      g_free (watch->day);
      watch->day = g_steal_pointer (&today);
      crm_store_apply_due_subscriptions_async (watch->store, NULL, on_due_applied_cb, NULL);
    }

  return G_SOURCE_CONTINUE;
}

/**
 * crm_store_rules_watch_days:
 * @store: a #CrmStore with its rules installed
 *
 * Applies the subscriptions due today now, then again whenever the day
 * changes while the store is open (checked every ten minutes), on the
 * thread-default main context. For the window; a second call does
 * nothing.
 */
void
crm_store_rules_watch_days (CrmStore *store)
{
  DayWatch *watch;

  g_return_if_fail (CRM_IS_STORE (store));

  if (g_object_get_data (G_OBJECT (store), DAY_WATCH_DATA_KEY) != NULL)
    return;

  watch = g_new0 (DayWatch, 1);
  watch->store = store;
  watch->day = _crm_store_dup_today (store);
  watch->source = g_timeout_source_new_seconds (DAY_WATCH_INTERVAL_SECONDS);
  g_source_set_callback (watch->source, on_day_tick_cb, watch, NULL);
  g_source_set_static_name (watch->source, "[prospect] day watch");
  g_source_attach (watch->source, g_main_context_get_thread_default ());
  g_object_set_data_full (G_OBJECT (store), DAY_WATCH_DATA_KEY, watch, day_watch_free);

  crm_store_apply_due_subscriptions_async (store, NULL, on_due_applied_cb, NULL);
}

/* Reordering routing rules */

static gboolean
reorder_job (CrmStoreTxn  *txn,
             gpointer      user_data,
             GError      **error)
{
  GArray *ids = user_data;

  for (guint i = 0; i < ids->len; i++)
    {
      if (!crm_store_txn_update (txn, CRM_ENTITY_ROUTING_RULE, g_array_index (ids, gint64, i),
                                 g_variant_new_parsed ("{'position': <%x>}", (gint64) i),
                                 error))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_store_reorder_routing_rules_async:
 * @store: a #CrmStore
 * @ids: (element-type gint64): every routing rule's id, in the new order
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the main context when done
 * @user_data: data for @callback
 *
 * Numbers the rules' positions 0, 1, 2… in the order of @ids, in one
 * change that Undo reverses. Finish with crm_store_mutation_finish().
 */
void
crm_store_reorder_routing_rules_async (CrmStore            *store,
                                       GArray              *ids,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GArray *copy;

  g_return_if_fail (CRM_IS_STORE (store));
  g_return_if_fail (ids != NULL);

  copy = g_array_sized_new (FALSE, FALSE, sizeof (gint64), ids->len);
  g_array_append_vals (copy, ids->data, ids->len);

  crm_store_run_async (store, _("Reorder routing rules"), CRM_ORIGIN_PERSON, reorder_job,
                       copy, (GDestroyNotify) g_array_unref, cancellable, callback,
                       user_data);
}
