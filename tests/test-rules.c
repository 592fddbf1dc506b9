/* test-rules.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-core.h"
#include "crm-store.h"
#include "crm-store-board.h"
#include "crm-store-rules.h"
#include "test-util.h"

/* The lead lifecycle and routing rules, driven through the store as the
 * window, an import and a pull drive them. Today is 2025-06-30. */

#define TODAY "2025-06-30"
#define ME "sam@example.com"

typedef struct
{
  CrmStore  *store;
  GPtrArray *notices;   /* char * */
  GArray    *groups;    /* gint64, the undo group of each notice */
} Fixture;

static void
on_notice_cb (CrmStore   *store,
              const char *message,
              gint64      undo_group,
              Fixture    *fixture)
{
  g_ptr_array_add (fixture->notices, g_strdup (message));
  g_array_append_val (fixture->groups, undo_group);
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->store = test_open_store ();
  fixture->notices = g_ptr_array_new_with_free_func (g_free);
  fixture->groups = g_array_new (FALSE, FALSE, sizeof (gint64));

  crm_store_set_today (fixture->store, TODAY);
  crm_store_rules_install (fixture->store);
  /* A second install must not run every rule twice. */
  crm_store_rules_install (fixture->store);
  g_signal_connect (fixture->store, "notice", G_CALLBACK (on_notice_cb), fixture);

  test_set_setting (fixture->store, "me.email", ME);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  crm_store_close (fixture->store);
  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->notices, g_ptr_array_unref);
  g_clear_pointer (&fixture->groups, g_array_unref);
}

static void
clear_notices (Fixture *fixture)
{
  g_ptr_array_set_size (fixture->notices, 0);
  g_array_set_size (fixture->groups, 0);
}

static void
assert_notices (Fixture    *fixture,
                const char *expected)
{
  g_autoptr(GString) got = g_string_new (NULL);

  for (guint i = 0; i < fixture->notices->len; i++)
    g_string_append_printf (got, "%s%s", i > 0 ? " | " : "",
                            (const char *) g_ptr_array_index (fixture->notices, i));

  g_assert_cmpstr (got->str, ==, expected);
}

/* Inserts through a job of the given origin, as an import or a pull
 * does; returns the id, or 0 with @error set. */
typedef struct
{
  CrmEntityKind  kind;
  GVariant      *fields;
  gint64         id;
  gint64         update_id;
} Write;

static gboolean
write_job (CrmStoreTxn  *txn,
           gpointer      data,
           GError      **error)
{
  Write *write = data;

  if (write->update_id > 0)
    return crm_store_txn_update (txn, write->kind, write->update_id, write->fields, error);

  write->id = crm_store_txn_insert (txn, write->kind, write->fields, error);
  return write->id > 0;
}

static gint64
write_as (CrmStore       *store,
          CrmOrigin       origin,
          CrmEntityKind   kind,
          gint64          update_id,
          GVariant       *fields,
          gint64         *undo_group,
          GError        **error)
{
  Write write = { kind, g_variant_ref_sink (fields), 0, update_id };
  gboolean ok;

  ok = crm_store_run_sync (store, "Write", origin, write_job, &write, undo_group, error);
  g_variant_unref (write.fields);

  if (!ok)
    return 0;

  return update_id > 0 ? update_id : write.id;
}

static gint64
insert_as (CrmStore      *store,
           CrmOrigin      origin,
           CrmEntityKind  kind,
           GVariant      *fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = write_as (store, origin, kind, 0, fields, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
insert_with_group (CrmStore      *store,
                   CrmEntityKind  kind,
                   GVariant      *fields,
                   gint64        *undo_group)
{
  g_autoptr(GError) error = NULL;
  gint64 id = write_as (store, CRM_ORIGIN_PERSON, kind, 0, fields, undo_group, &error);

  g_assert_no_error (error);
  g_assert_cmpint (*undo_group, >, 0);
  return id;
}

static gint64
add_customer (CrmStore   *store,
              const char *name,
              const char *status,
              const char *owner)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "name", "s", name);
  g_variant_dict_insert (&dict, "status", "s", status);
  if (owner != NULL)
    g_variant_dict_insert (&dict, "owner", "s", owner);

  /* An import may bring any status, the older "Lead" too. */
  return insert_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_CUSTOMER, g_variant_dict_end (&dict));
}

static GVariant *
activity_fields (gint64      customer,
                 const char *kind)
{
  return g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <%s>,"
                               " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}",
                               customer, kind);
}

static GVariant *
opportunity_fields (gint64      customer,
                    const char *pipeline,
                    const char *stage)
{
  return g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Expansion'>,"
                               " 'pipeline': <%s>, 'stage': <%s>, 'currency': <'EUR'>,"
                               " 'amount_minor': <int64 400000>}",
                               customer, pipeline, stage);
}

static GVariant *
subscription_fields (gint64      customer,
                     const char *started_on,
                     const char *ended_on)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "customer_id", "x", customer);
  g_variant_dict_insert (&dict, "plan", "s", "Team");
  g_variant_dict_insert (&dict, "amount_minor", "x", (gint64) 4900);
  g_variant_dict_insert (&dict, "currency", "s", "EUR");
  g_variant_dict_insert (&dict, "started_on", "s", started_on);
  if (ended_on != NULL)
    g_variant_dict_insert (&dict, "ended_on", "s", ended_on);

  return g_variant_dict_end (&dict);
}

static char *
dup_status (CrmStore *store,
            gint64    customer)
{
  g_autoptr(CrmCustomer) object = NULL;
  g_autoptr(GError) error = NULL;

  object = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, customer, &error));
  g_assert_no_error (error);
  return g_strdup (crm_customer_get_status (object));
}

static char *
dup_owner (CrmStore *store,
           gint64    customer)
{
  g_autoptr(CrmCustomer) object = NULL;
  g_autoptr(GError) error = NULL;

  object = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, customer, &error));
  g_assert_no_error (error);
  return g_strdup (crm_customer_get_owner (object));
}

#define assert_status(store, customer, expected) \
  G_STMT_START { \
    g_autofree char *got_ = dup_status (store, customer); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

#define assert_owner(store, customer, expected) \
  G_STMT_START { \
    g_autofree char *got_ = dup_owner (store, customer); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

/* The customer's timeline entries of one kind, oldest first, as
 * "old>new/cause[:reason]/author" for statuses and "owner/rule/cause" for owners. */
static char *
dup_timeline (CrmStore   *store,
              gint64      customer,
              const char *kind)
{
  g_autofree char *text = g_strdup_printf ("customer_id = %" G_GINT64_FORMAT
                                           " and kind is \"%s\"", customer, kind);
  g_autoptr(CrmFilter) filter = crm_filter_parse (text, NULL);
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;

  ids = crm_store_query_ids (store, CRM_ENTITY_ACTIVITY, filter, NULL, "id", FALSE, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CrmActivity) a = NULL;

      a = CRM_ACTIVITY (crm_store_load (store, CRM_ENTITY_ACTIVITY,
                                        g_array_index (ids, gint64, i), &error));
      g_assert_no_error (error);
      g_assert_nonnull (crm_activity_get_occurred_at (a));

      if (i > 0)
        g_string_append (out, " | ");
      if (g_str_equal (kind, "status"))
        g_string_append_printf (out, "%s>%s/%s%s%s/%s", crm_activity_get_old_status (a),
                                crm_activity_get_new_status (a), crm_activity_get_cause (a),
                                crm_activity_get_rule_name (a) != NULL ? ":" : "",
                                crm_activity_get_rule_name (a) != NULL
                                  ? crm_activity_get_rule_name (a) : "",
                                crm_activity_get_author (a) != NULL
                                  ? crm_activity_get_author (a) : "-");
      else
        g_string_append_printf (out, "%s/%s/%s", crm_activity_get_new_owner (a),
                                crm_activity_get_rule_name (a), crm_activity_get_cause (a));
    }

  return g_string_free (g_steal_pointer (&out), FALSE);
}

#define assert_timeline(store, customer, kind, expected) \
  G_STMT_START { \
    g_autofree char *got_ = dup_timeline (store, customer, kind); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
add_pipeline (CrmStore *store)
{
  static const struct {
    const char *name;
    const char *category;
  } stages[] = {
    { "Discovery", "pipeline" },
    { "Evaluation", "pipeline" },
    { "Won", "won" },
    { "Lost", "lost" },
  };
  gint64 pipeline;

  pipeline = test_insert (store, CRM_ENTITY_PIPELINE,
                          g_variant_new_parsed ("{'name': <'New Business'>}"));
  for (guint i = 0; i < G_N_ELEMENTS (stages); i++)
    test_insert (store, CRM_ENTITY_STAGE,
                 g_variant_new_parsed ("{'pipeline_id': <%x>, 'name': <%s>,"
                                       " 'position': <%x>, 'forecast_category': <%s>}",
                                       pipeline, stages[i].name, (gint64) i,
                                       stages[i].category));
}

/* Calls and emails */

static void
test_contact_makes_working_lead (Fixture       *fixture,
                                 gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "New Lead", ME);
  gint64 group = 0;
  gint64 call;

  /* A note is no contact. */
  test_insert (store, CRM_ENTITY_ACTIVITY, activity_fields (customer, "note"));
  assert_status (store, customer, "New Lead");
  assert_notices (fixture, "");

  call = insert_with_group (store, CRM_ENTITY_ACTIVITY, activity_fields (customer, "call"),
                            &group);
  assert_status (store, customer, "Working Lead");
  assert_timeline (store, customer, "status", "New Lead>Working Lead/rule:contacted/-");
  assert_notices (fixture, "Orchard Tools is now Working Lead");
  g_assert_cmpint (g_array_index (fixture->groups, gint64, 0), ==, group);

  /* Undo of the call takes the rule's change with it. */
  test_undo (store, group);
  assert_status (store, customer, "New Lead");
  assert_timeline (store, customer, "status", "");
  g_assert_null (crm_store_load (store, CRM_ENTITY_ACTIVITY, call, NULL));

  /* An email works the same; a second one changes nothing more. */
  clear_notices (fixture);
  test_insert (store, CRM_ENTITY_ACTIVITY, activity_fields (customer, "email"));
  test_insert (store, CRM_ENTITY_ACTIVITY, activity_fields (customer, "email"));
  assert_status (store, customer, "Working Lead");
  assert_timeline (store, customer, "status", "New Lead>Working Lead/rule:contacted/-");
  assert_notices (fixture, "Orchard Tools is now Working Lead");
}

static void
test_contact_by_import_and_pull (Fixture       *fixture,
                                 gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 imported = add_customer (store, "Harbor Optics", "New Lead", ME);
  gint64 pulled = add_customer (store, "Maple Foods", "New Lead", ME);
  gint64 qualified = add_customer (store, "Birch Labs", "Qualified Lead", ME);

  insert_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_ACTIVITY, activity_fields (imported, "call"));
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY, activity_fields (pulled, "email"));
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY, activity_fields (qualified, "call"));

  assert_status (store, imported, "Working Lead");
  assert_status (store, pulled, "Working Lead");
  assert_status (store, qualified, "Qualified Lead");
  assert_timeline (store, imported, "status", "New Lead>Working Lead/rule:contacted/-");
  assert_timeline (store, pulled, "status", "New Lead>Working Lead/rule:contacted/-");
}

/* Opportunities */

static void
test_opportunity_qualifies (Fixture       *fixture,
                            gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 working = add_customer (store, "Orchard Tools", "Working Lead", ME);
  gint64 legacy = add_customer (store, "Maple Foods", "Lead", ME);
  gint64 pulled = add_customer (store, "Birch Labs", "Unqualified Lead", ME);
  gint64 active = add_customer (store, "Harbor Optics", "Active", ME);
  gint64 group = 0;

  add_pipeline (store);
  clear_notices (fixture);

  insert_with_group (store, CRM_ENTITY_OPPORTUNITY,
                     opportunity_fields (working, "New Business", "Discovery"), &group);
  assert_status (store, working, "Qualified Lead");
  assert_timeline (store, working, "status",
                   "Working Lead>Qualified Lead/rule:opportunity-created/-");
  assert_notices (fixture, "Orchard Tools is now Qualified Lead");
  g_assert_cmpint (g_array_index (fixture->groups, gint64, 0), ==, group);

  test_insert (store, CRM_ENTITY_OPPORTUNITY,
               opportunity_fields (legacy, "New Business", "Evaluation"));
  assert_status (store, legacy, "Qualified Lead");
  assert_timeline (store, legacy, "status", "Lead>Qualified Lead/rule:opportunity-created/-");

  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_OPPORTUNITY,
             opportunity_fields (pulled, "Renewals", "Proposal"));
  assert_status (store, pulled, "Qualified Lead");

  /* An expansion of a subscriber leaves the subscriber as it is. */
  test_insert (store, CRM_ENTITY_OPPORTUNITY,
               opportunity_fields (active, "New Business", "Discovery"));
  assert_status (store, active, "Active");

  /* Undo of the opportunity takes the qualification with it. */
  test_undo (store, group);
  assert_status (store, working, "Working Lead");
  assert_timeline (store, working, "status", "");
}

static void
test_closed_lost (Fixture       *fixture,
                  gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 configured = add_customer (store, "Orchard Tools", "Working Lead", ME);
  gint64 unconfigured = add_customer (store, "Maple Foods", "Working Lead", ME);
  gint64 first, second, group;

  add_pipeline (store);

  /* A configured pipeline says lost by the stage's forecast category. */
  first = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                       opportunity_fields (configured, "New Business", "Evaluation"));
  assert_status (store, configured, "Qualified Lead");
  clear_notices (fixture);
  group = test_update (store, CRM_ENTITY_OPPORTUNITY, first,
                       g_variant_new_parsed ("{'stage': <'Lost'>}"));
  assert_status (store, configured, "Unqualified Lead");
  assert_notices (fixture, "Orchard Tools is now Unqualified Lead");
  assert_timeline (store, configured, "status",
                   "Working Lead>Qualified Lead/rule:opportunity-created/- | "
                   "Qualified Lead>Unqualified Lead/rule:opportunity-lost/-");
  test_undo (store, group);
  assert_status (store, configured, "Qualified Lead");

  /* A pipeline without stages says it by the name "Closed Lost"; a pull
   * that closes it counts as well. */
  second = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                        opportunity_fields (unconfigured, "Partners", "Talks"));
  assert_status (store, unconfigured, "Qualified Lead");
  write_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_OPPORTUNITY, second,
            g_variant_new_parsed ("{'stage': <'Closed Lost'>}"), NULL, NULL);
  assert_status (store, unconfigured, "Unqualified Lead");

  /* Other edits of a lost opportunity change nothing. */
  test_set_status (store, unconfigured, "Working Lead", CRM_ORIGIN_PERSON, NULL);
  test_update (store, CRM_ENTITY_OPPORTUNITY, second,
               g_variant_new_parsed ("{'name': <'Renamed'>}"));
  assert_status (store, unconfigured, "Working Lead");
  assert_timeline (store, unconfigured, "status",
                   "Working Lead>Qualified Lead/rule:opportunity-created/- | "
                   "Qualified Lead>Unqualified Lead/rule:opportunity-lost/- | "
                   "Unqualified Lead>Working Lead/person/" ME);
}

static void
on_moved_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A move as the board makes it (closing date and reason included). */
static gint64
move_card (CrmStore   *store,
           gint64      id,
           const char *stage,
           const char *lost_reason)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  gint64 group = 0;

  crm_store_move_opportunity_async (store, id, stage, 0, lost_reason, NULL, NULL,
                                    on_moved_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (crm_store_move_opportunity_finish (store, result, &group, &error));
  g_assert_no_error (error);
  g_assert_cmpint (group, >, 0);
  return group;
}

/* A lost deal taken back to an open stage: the lead is worked on it
 * again, as when it was created; moves between open stages change
 * nothing. */
static void
test_reopened (Fixture       *fixture,
               gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "Working Lead", ME);
  gint64 deal, group;

  add_pipeline (store);
  deal = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                      opportunity_fields (customer, "New Business", "Discovery"));
  move_card (store, deal, "Lost", "Chose a rival");
  assert_status (store, customer, "Unqualified Lead");

  clear_notices (fixture);
  group = move_card (store, deal, "Evaluation", NULL);
  assert_status (store, customer, "Qualified Lead");
  assert_notices (fixture, "Orchard Tools is now Qualified Lead");
  assert_timeline (store, customer, "status",
                   "Working Lead>Qualified Lead/rule:opportunity-created/- | "
                   "Qualified Lead>Unqualified Lead/rule:opportunity-lost/- | "
                   "Unqualified Lead>Qualified Lead/rule:opportunity-reopened/-");
  g_assert_cmpstr (crm_lifecycle_describe_reason (CRM_LIFECYCLE_REASON_REOPENED), ==,
                   "the opportunity was reopened");

  /* Undo takes the move and the status back together. */
  test_undo (store, group);
  assert_status (store, customer, "Unqualified Lead");

  /* Between open stages the status the rep set stays. */
  move_card (store, deal, "Discovery", NULL);
  test_set_status (store, customer, "Working Lead", CRM_ORIGIN_PERSON, NULL);
  move_card (store, deal, "Evaluation", NULL);
  assert_status (store, customer, "Working Lead");
}

static void
test_closed_lost_with_other_open (Fixture       *fixture,
                                  gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 harbor = add_customer (store, "Harbor Optics", "Working Lead", ME);
  gint64 first, second, won;

  add_pipeline (store);
  first = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                       opportunity_fields (harbor, "New Business", "Evaluation"));
  second = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                        opportunity_fields (harbor, "New Business", "Discovery"));
  won = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                     opportunity_fields (harbor, "New Business", "Won"));
  assert_status (store, harbor, "Qualified Lead");
  clear_notices (fixture);

  test_update (store, CRM_ENTITY_OPPORTUNITY, first,
               g_variant_new_parsed ("{'stage': <'Lost'>}"));
  assert_status (store, harbor, "Qualified Lead");
  assert_notices (fixture, "Harbor Optics stays Qualified Lead: it has another open opportunity");
  assert_timeline (store, harbor, "status",
                   "Working Lead>Qualified Lead/rule:opportunity-created/-");

  /* A won opportunity is not open: losing the last open one counts. */
  clear_notices (fixture);
  test_update (store, CRM_ENTITY_OPPORTUNITY, second,
               g_variant_new_parsed ("{'stage': <'Lost'>}"));
  assert_status (store, harbor, "Unqualified Lead");
  assert_notices (fixture, "Harbor Optics is now Unqualified Lead");
  g_assert_cmpint (won, >, 0);
}

/* Who may set which status */

static void
test_person_cannot_set_subscriber_status (Fixture       *fixture,
                                          gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "Working Lead", ME);
  const char * const refused[] = { "Active", "Past Due", "Cancelled", "Lead" };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      GVariant *fields = g_variant_new_parsed ("{'status': <%s>}", refused[i]);

      g_assert_cmpint (write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, customer,
                                 fields, NULL, &error), ==, 0);
      g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
      g_clear_error (&error);
    }

  g_assert_cmpint (write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, 0,
                             g_variant_new_parsed ("{'name': <'Birch Labs'>,"
                                                   " 'status': <'Active'>}"),
                             NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==, "“Active” is set by billing, not by hand");
  g_clear_error (&error);

  test_set_status (store, customer, "Past Due", CRM_ORIGIN_PERSON, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  g_clear_error (&error);
  assert_status (store, customer, "Working Lead");

  /* The four lead statuses are a person's to set, with the person as
   * author on the timeline, whichever way the column is written. */
  test_update (store, CRM_ENTITY_CUSTOMER, customer,
               g_variant_new_parsed ("{'status': <'Unqualified Lead'>}"));
  assert_status (store, customer, "Unqualified Lead");
  test_set_status (store, customer, "New Lead", CRM_ORIGIN_PERSON, &error);
  g_assert_no_error (error);
  assert_timeline (store, customer, "status",
                   "Working Lead>Unqualified Lead/person/" ME " | "
                   "Unqualified Lead>New Lead/person/" ME);

  /* A pull sets what billing says, and the timeline says it came from
   * the server. */
  write_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_CUSTOMER, customer,
            g_variant_new_parsed ("{'status': <'Past Due'>}"), NULL, &error);
  g_assert_no_error (error);
  assert_status (store, customer, "Past Due");
  test_set_status (store, customer, "Active", CRM_ORIGIN_SYNC, &error);
  g_assert_no_error (error);
  assert_timeline (store, customer, "status",
                   "Working Lead>Unqualified Lead/person/" ME " | "
                   "Unqualified Lead>New Lead/person/" ME " | "
                   "New Lead>Past Due/sync/- | Past Due>Active/sync/-");

  /* What billing set, a person cannot take back, by either path. */
  g_assert_cmpint (write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, customer,
                             g_variant_new_parsed ("{'status': <'Unqualified Lead'>}"),
                             NULL, &error), ==, 0);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "“Active” comes from billing and cannot be changed by hand");
  g_clear_error (&error);
  test_set_status (store, customer, "Working Lead", CRM_ORIGIN_PERSON, &error);
  g_assert_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED);
  g_assert_cmpstr (error->message, ==,
                   "“Active” comes from billing and cannot be changed by hand");
  g_clear_error (&error);
  assert_status (store, customer, "Active");
  assert_timeline (store, customer, "status",
                   "Working Lead>Unqualified Lead/person/" ME " | "
                   "Unqualified Lead>New Lead/person/" ME " | "
                   "New Lead>Past Due/sync/- | Past Due>Active/sync/-");
}

/* Every change of status is stamped, so "Stale working leads" knows when
 * a lead became a Working Lead, however it was written. */
static void
test_status_change_stamped (Fixture       *fixture,
                            gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "New Lead", ME);
  g_autoptr(CrmCustomer) object = NULL;
  g_autoptr(GError) error = NULL;

  object = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, customer, &error));
  g_assert_no_error (error);
  g_assert_null (crm_customer_get_status_changed_at (object));
  g_clear_object (&object);

  insert_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_ACTIVITY, activity_fields (customer, "note"));
  write_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_CUSTOMER, customer,
            g_variant_new_parsed ("{'status': <'Working Lead'>, 'city': <'Graz'>}"),
            NULL, &error);
  g_assert_no_error (error);

  object = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, customer, &error));
  g_assert_no_error (error);
  g_assert_nonnull (crm_customer_get_status_changed_at (object));
  g_assert_cmpstr (crm_customer_get_city (object), ==, "Graz");
  assert_timeline (store, customer, "status", "New Lead>Working Lead/person/" ME);

  /* Other columns alone make no entry. */
  test_update (store, CRM_ENTITY_CUSTOMER, customer,
               g_variant_new_parsed ("{'city': <'Linz'>}"));
  assert_timeline (store, customer, "status", "New Lead>Working Lead/person/" ME);
}

/* Subscriptions in local mode */

static void
test_subscription_starts_now (Fixture       *fixture,
                              gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "Qualified Lead", ME);
  gint64 ended = add_customer (store, "Maple Foods", "Qualified Lead", ME);
  gint64 group = 0;
  gint64 subscription;

  clear_notices (fixture);
  subscription = insert_with_group (store, CRM_ENTITY_SUBSCRIPTION,
                                    subscription_fields (customer, "2025-06-01", NULL),
                                    &group);
  assert_status (store, customer, "Active");
  assert_timeline (store, customer, "status", "Qualified Lead>Active/rule:subscription-started/-");
  assert_notices (fixture, "Orchard Tools is now Active");

  /* One that has already ended makes nobody Active. */
  test_insert (store, CRM_ENTITY_SUBSCRIPTION,
               subscription_fields (ended, "2025-01-01", TODAY));
  assert_status (store, ended, "Qualified Lead");

  test_undo (store, group);
  assert_status (store, customer, "Qualified Lead");
  assert_timeline (store, customer, "status", "");
  g_assert_null (crm_store_load (store, CRM_ENTITY_SUBSCRIPTION, subscription, NULL));
}

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Wait *wait = user_data;

  wait->result = g_object_ref (result);
}

static void
apply_due (CrmStore *store)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  crm_store_apply_due_subscriptions_async (store, NULL, on_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (crm_store_apply_due_subscriptions_finish (store, wait.result, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static gboolean
count_due_job (CrmStoreTxn  *txn,
               gpointer      data,
               GError      **error)
{
  return crm_store_txn_apply_due_subscriptions (txn, data, error);
}

static void
test_subscription_starts_later (Fixture       *fixture,
                                gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "Qualified Lead", ME);
  g_autoptr(GError) error = NULL;
  guint n_started = 99;

  test_insert (store, CRM_ENTITY_SUBSCRIPTION,
               subscription_fields (customer, "2025-07-02", NULL));
  assert_status (store, customer, "Qualified Lead");

  clear_notices (fixture);
  apply_due (store);
  assert_status (store, customer, "Qualified Lead");
  assert_notices (fixture, "");

  /* Its day comes. */
  crm_store_set_today (store, "2025-07-02");
  apply_due (store);
  assert_status (store, customer, "Active");
  assert_timeline (store, customer, "status", "Qualified Lead>Active/rule:subscription-started/-");
  assert_notices (fixture, "Orchard Tools is now Active: their subscription started");

  /* Once Active, there is nothing more to do. */
  crm_store_run_sync (store, NULL, CRM_ORIGIN_RULE, count_due_job, &n_started, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_started, ==, 0);
}

static void
test_subscription_with_sync (Fixture       *fixture,
                             gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 now = add_customer (store, "Orchard Tools", "Qualified Lead", ME);
  gint64 later = add_customer (store, "Maple Foods", "Qualified Lead", ME);

  test_set_setting (store, "sync.enabled", "1");
  clear_notices (fixture);

  test_insert (store, CRM_ENTITY_SUBSCRIPTION, subscription_fields (now, "2025-06-01", NULL));
  test_insert (store, CRM_ENTITY_SUBSCRIPTION, subscription_fields (later, "2025-07-01", NULL));
  crm_store_set_today (store, "2025-07-01");
  apply_due (store);

  assert_status (store, now, "Qualified Lead");
  assert_status (store, later, "Qualified Lead");
  assert_notices (fixture, "");
}

/* Routing */

static gint64
add_routing_rule (CrmStore   *store,
                  const char *name,
                  gint64      position,
                  const char *expression,
                  const char *owner,
                  gboolean    enabled)
{
  return test_insert (store, CRM_ENTITY_ROUTING_RULE,
                      g_variant_new_parsed ("{'name': <%s>, 'position': <%x>,"
                                            " 'expression': <%s>, 'owner': <%s>,"
                                            " 'enabled': <%b>}",
                                            name, position, expression, owner, enabled));
}

static gint64
add_lead (CrmStore   *store,
          CrmOrigin   origin,
          const char *name,
          const char *country,
          const char *state)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "name", "s", name);
  if (country != NULL)
    g_variant_dict_insert (&dict, "country", "s", country);
  if (state != NULL)
    g_variant_dict_insert (&dict, "state", "s", state);

  return insert_as (store, origin, CRM_ENTITY_CUSTOMER, g_variant_dict_end (&dict));
}

static void
wait_reordered (CrmStore *store,
                GArray   *ids)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  crm_store_reorder_routing_rules_async (store, ids, NULL, on_done_cb, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);

  g_assert_true (crm_store_mutation_finish (store, wait.result, NULL, &error));
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static void
test_routing_order (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmStore *store = fixture->store;
  g_autoptr(GArray) order = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 tyrol, dach, austria, german, us, owned, swiss, group;

  tyrol = add_routing_rule (store, "Tyrol", 0, "state is \"Tyrol\"", "tina@example.com", TRUE);
  dach = add_routing_rule (store, "DACH", 1, "country is one of (\"AT\", \"DE\", \"CH\")",
                           "dieter@example.com", TRUE);
  clear_notices (fixture);

  austria = add_lead (store, CRM_ORIGIN_PERSON, "Orchard Tools", "AT", "Tyrol");
  german = add_lead (store, CRM_ORIGIN_PERSON, "Maple Foods", "DE", NULL);
  us = add_lead (store, CRM_ORIGIN_PERSON, "Harbor Optics", "US", "Oregon");
  owned = add_customer (store, "Birch Labs", "New Lead", ME);

  /* The first match wins. */
  assert_owner (store, austria, "tina@example.com");
  assert_owner (store, german, "dieter@example.com");
  assert_owner (store, us, NULL);
  assert_owner (store, owned, ME);
  assert_timeline (store, austria, "owner", "tina@example.com/Tyrol/rule");
  assert_timeline (store, german, "owner", "dieter@example.com/DACH/rule");
  assert_timeline (store, us, "owner", "");
  assert_timeline (store, owned, "owner", "");
  assert_notices (fixture, "Assigned to tina@example.com by the rule “Tyrol” | "
                           "Assigned to dieter@example.com by the rule “DACH”");

  /* The routing undoes with the create. */
  swiss = write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, 0,
                    g_variant_new_parsed ("{'name': <'Larch GmbH'>, 'country': <'CH'>}"),
                    &group, NULL);
  assert_timeline (store, swiss, "owner", "dieter@example.com/DACH/rule");
  test_undo (store, group);
  g_assert_null (crm_store_load (store, CRM_ENTITY_CUSTOMER, swiss, NULL));
  assert_timeline (store, swiss, "owner", "");

  /* In the other order, DACH takes Tyrol too. */
  g_array_append_val (order, dach);
  g_array_append_val (order, tyrol);
  wait_reordered (store, order);
  austria = add_lead (store, CRM_ORIGIN_PERSON, "Spruce AG", "AT", "Tyrol");
  assert_owner (store, austria, "dieter@example.com");
}

static void
test_routing_skips_disabled_and_invalid (Fixture       *fixture,
                                         gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 lead, rule;

  add_routing_rule (store, "Off", 0, "country is \"AT\"", "off@example.com", FALSE);
  add_routing_rule (store, "Nobody", 0, "", " ", TRUE);
  add_routing_rule (store, "Broken syntax", 1, "country is", "broken@example.com", TRUE);
  add_routing_rule (store, "Unknown field", 2, "planet is \"Mars\"", "mars@example.com", TRUE);
  add_routing_rule (store, "Wrong type", 3, "attr.seats > \"many\"", "type@example.com", TRUE);
  rule = add_routing_rule (store, "Austria", 4, "country is \"AT\"", "anna@example.com", TRUE);
  add_routing_rule (store, "Everyone else", 5, "", "desk@example.com", TRUE);

  lead = add_lead (store, CRM_ORIGIN_PERSON, "Orchard Tools", "AT", NULL);
  assert_owner (store, lead, "anna@example.com");
  assert_timeline (store, lead, "owner", "anna@example.com/Austria/rule");

  /* An empty expression catches everyone left. */
  lead = add_lead (store, CRM_ORIGIN_PERSON, "Harbor Optics", "US", NULL);
  assert_owner (store, lead, "desk@example.com");

  /* Turning a rule off takes effect on the next create. */
  test_update (store, CRM_ENTITY_ROUTING_RULE, rule,
               g_variant_new_parsed ("{'enabled': <false>}"));
  lead = add_lead (store, CRM_ORIGIN_PERSON, "Maple Foods", "AT", NULL);
  assert_owner (store, lead, "desk@example.com");
}

static void
test_routing_by_import_and_pull (Fixture       *fixture,
                                 gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 imported, pulled, attribute;

  add_routing_rule (store, "Retail", 0, "attr.industry is \"Retail\"", "rita@example.com",
                    TRUE);
  add_routing_rule (store, "Austria", 1, "country is \"AT\" or state is \"Tyrol\"",
                    "anna@example.com", TRUE);

  imported = add_lead (store, CRM_ORIGIN_IMPORT, "Orchard Tools", NULL, "Tyrol");
  pulled = add_lead (store, CRM_ORIGIN_SYNC, "Maple Foods", "AT", NULL);
  attribute = insert_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_CUSTOMER,
                         g_variant_new_parsed ("{'name': <'Harbor Optics'>,"
                                               " 'country': <'AT'>,"
                                               " 'attributes': <'{\"industry\": \"Retail\"}'>}"));

  assert_owner (store, imported, "anna@example.com");
  assert_owner (store, pulled, "anna@example.com");
  assert_owner (store, attribute, "rita@example.com");
  assert_timeline (store, imported, "owner", "anna@example.com/Austria/rule");
  assert_timeline (store, pulled, "owner", "anna@example.com/Austria/rule");
  assert_timeline (store, attribute, "owner", "rita@example.com/Retail/rule");
}

/* A person filling in a customer nobody owns routes it; an import or a
 * pull does not, nor does a change of status, nor one of the owner. */
static void
test_routing_on_edit (Fixture       *fixture,
                      gconstpointer  data)
{
  CrmStore *store = fixture->store;
  g_autoptr(GError) error = NULL;
  gint64 edited, imported, routed_at_create, cleared;

  add_routing_rule (store, "Austria", 0, "country is \"AT\"", "anna@example.com", TRUE);

  edited = add_lead (store, CRM_ORIGIN_PERSON, "Orchard Tools", NULL, NULL);
  imported = add_lead (store, CRM_ORIGIN_IMPORT, "Maple Foods", NULL, NULL);
  routed_at_create = add_lead (store, CRM_ORIGIN_PERSON, "Harbor Optics", "AT", NULL);
  cleared = add_lead (store, CRM_ORIGIN_PERSON, "Birch Labs", "AT", NULL);
  assert_owner (store, routed_at_create, "anna@example.com");
  assert_owner (store, edited, NULL);

  write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, edited,
            g_variant_new_parsed ("{'country': <'AT'>}"), NULL, &error);
  g_assert_no_error (error);
  assert_owner (store, edited, "anna@example.com");
  assert_timeline (store, edited, "owner", "anna@example.com/Austria/rule");

  write_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_CUSTOMER, imported,
            g_variant_new_parsed ("{'country': <'AT'>}"), NULL, &error);
  g_assert_no_error (error);
  assert_owner (store, imported, NULL);

  /* Owned customers are never routed again; nobody, chosen, stays. */
  write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, cleared,
            g_variant_new_parsed ("{'owner': <@ms nothing>}"), NULL, &error);
  g_assert_no_error (error);
  assert_owner (store, cleared, NULL);
  write_as (store, CRM_ORIGIN_PERSON, CRM_ENTITY_CUSTOMER, cleared,
            g_variant_new_parsed ("{'status': <'Working Lead'>}"), NULL, &error);
  g_assert_no_error (error);
  assert_owner (store, cleared, NULL);
}

/* Stale working leads */

static GVariant *
task_fields (gint64      customer,
             const char *completed_at)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "customer_id", "x", customer);
  g_variant_dict_insert (&dict, "details", "s", "Send the brochure");
  if (completed_at != NULL)
    g_variant_dict_insert (&dict, "completed_at", "s", completed_at);

  return g_variant_dict_end (&dict);
}

static GVariant *
dated_activity (gint64      customer,
                const char *kind,
                const char *occurred_at)
{
  return g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <%s>, 'occurred_at': <%s>}",
                               customer, kind, occurred_at);
}

static gint64
add_working_lead (CrmStore   *store,
                  const char *name,
                  const char *became_working)
{
  return insert_as (store, CRM_ORIGIN_IMPORT, CRM_ENTITY_CUSTOMER,
                    g_variant_new_parsed ("{'name': <%s>, 'status': <'Working Lead'>,"
                                          " 'owner': <%s>,"
                                          " 'status_changed_at': <%s>,"
                                          " 'created_at': <'2025-01-02T09:00:00.000Z'>}",
                                          name, ME, became_working));
}

static char *
dup_model_names (CrmQueryModel *model)
{
  g_autoptr(GString) names = g_string_new (NULL);

  test_wait_for_refresh (model);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CrmCustomer) customer = g_list_model_get_item (G_LIST_MODEL (model), i);

      g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                              crm_customer_get_name (customer));
    }

  return g_string_free (g_steal_pointer (&names), FALSE);
}

#define assert_model_names(model, expected) \
  G_STMT_START { \
    g_autofree char *got_ = dup_model_names (model); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static CrmQueryModel *
new_stale_model (CrmStore *store)
{
  g_autofree char *setting = crm_store_dup_setting (store, CRM_LIFECYCLE_STALE_DAYS_KEY);
  guint days = crm_lifecycle_parse_stale_days (setting);
  g_autoptr(CrmFilter) filter = crm_builtin_list_filter_for_days (CRM_BUILTIN_LIST_STALE, days);
  CrmQueryModel *model = crm_query_model_new (store, CRM_ENTITY_CUSTOMER);

  crm_query_model_set_sort (model, "name", FALSE);
  crm_query_model_set_filter (model, filter);
  return model;
}

/* Case L1: N = 30, the default; today is 2025-06-30. */
static void
test_stale_case_l1 (Fixture       *fixture,
                    gconstpointer  data)
{
  CrmStore *store = fixture->store;
  g_autoptr(CrmQueryModel) model = NULL;
  g_autofree char *setting = crm_store_dup_setting (store, CRM_LIFECYCLE_STALE_DAYS_KEY);
  gint64 a, b, task;

  g_assert_null (setting);
  g_assert_cmpuint (crm_lifecycle_parse_stale_days (setting), ==, 30);

  /* A: last activity a task ticked off on 2025-05-30 (31 days), after a
   * call in April. B: an email on 2025-06-01 (29 days). C: no activity,
   * a Working Lead since 2025-05-15. */
  a = add_working_lead (store, "A", "2025-04-02T09:30:00.000Z");
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (a, "call", "2025-04-02T09:00:00.000Z"));
  task = test_insert (store, CRM_ENTITY_TASK, task_fields (a, NULL));
  test_update (store, CRM_ENTITY_TASK, task,
               g_variant_new_parsed ("{'completed_at': <'2025-05-30T15:00:00.000Z'>}"));
  b = add_working_lead (store, "B", "2025-03-01T09:00:00.000Z");
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (b, "email", "2025-06-01T08:00:00.000Z"));
  add_working_lead (store, "C", "2025-05-15T11:00:00.000Z");

  model = new_stale_model (store);
  assert_model_names (model, "A, C");

  /* The list follows the data by itself: a note on A today takes A out. */
  test_insert (store, CRM_ENTITY_ACTIVITY, activity_fields (a, "note"));
  assert_model_names (model, "C");
}

/* The clock of a Working Lead starts when it became one: a lead whose
 * last call is old but that a rep has just taken up is not stale yet. */
static void
test_stale_from_becoming_working (Fixture       *fixture,
                                  gconstpointer  data)
{
  CrmStore *store = fixture->store;
  g_autoptr(CrmQueryModel) model = NULL;
  gint64 taken_up, left;

  /* Today is 2025-06-30 and N = 30. */
  taken_up = add_working_lead (store, "Taken up", "2025-06-20T09:00:00.000Z");
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (taken_up, "call", "2025-03-03T09:00:00.000Z"));
  left = add_working_lead (store, "Left", "2025-05-20T09:00:00.000Z");
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (left, "call", "2025-03-03T09:00:00.000Z"));

  model = new_stale_model (store);
  assert_model_names (model, "Left");
}

/* What counts as activity is a note, call, email or completed task, however
 * it came or went; changes of status or owner do not count. */
static void
test_stale_activity_kinds (Fixture       *fixture,
                           gconstpointer  data)
{
  CrmStore *store = fixture->store;
  g_autoptr(CrmQueryModel) model = new_stale_model (store);
  gint64 pulled, deleted, moved, routed, note, done_task, group = 0;

  /* A task that arrives done (a pull, an import) counts. */
  pulled = add_working_lead (store, "Pulled task", "2025-03-01T09:00:00.000Z");
  done_task = insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_TASK,
                         task_fields (pulled, "2025-06-20T10:00:00.000Z"));

  /* A note taken back no longer counts. */
  deleted = add_working_lead (store, "Deleted note", "2025-03-01T09:00:00.000Z");
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (deleted, "note", "2025-04-01T09:00:00.000Z"));
  insert_with_group (store, CRM_ENTITY_ACTIVITY,
                     dated_activity (deleted, "call", "2025-06-25T09:00:00.000Z"), &group);

  /* A note moved to an older day counts from that day. */
  moved = add_working_lead (store, "Moved note", "2025-03-01T09:00:00.000Z");
  note = insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
                    dated_activity (moved, "note", "2025-06-28T09:00:00.000Z"));

  /* Timeline entries of other kinds are no activity. */
  routed = add_working_lead (store, "Only changes", "2025-03-01T09:00:00.000Z");
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (routed, "owner", "2025-06-29T09:00:00.000Z"));
  insert_as (store, CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             dated_activity (routed, "status", "2025-06-29T09:00:00.000Z"));

  assert_model_names (model, "Only changes");

  test_undo (store, group);
  test_update (store, CRM_ENTITY_ACTIVITY, note,
               g_variant_new_parsed ("{'occurred_at': <'2025-05-01T09:00:00.000Z'>}"));
  assert_model_names (model, "Deleted note, Moved note, Only changes");

  /* Deleting the done task takes its activity with it. */
  test_delete (store, CRM_ENTITY_TASK, done_task);
  assert_model_names (model, "Deleted note, Moved note, Only changes, Pulled task");
}

/* Pure logic */

static void
test_lifecycle_decisions (void)
{
  g_autofree char *stale = crm_lifecycle_dup_stale_expression (30);
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;

  g_assert_cmpstr (crm_lifecycle_status_after_contact ("New Lead", "call"), ==, "Working Lead");
  g_assert_cmpstr (crm_lifecycle_status_after_contact ("New Lead", "email"), ==,
                   "Working Lead");
  g_assert_null (crm_lifecycle_status_after_contact ("New Lead", "note"));
  g_assert_null (crm_lifecycle_status_after_contact ("Lead", "call"));
  g_assert_null (crm_lifecycle_status_after_contact ("Qualified Lead", "call"));

  g_assert_cmpstr (crm_lifecycle_status_after_opportunity ("Lead"), ==, "Qualified Lead");
  g_assert_cmpstr (crm_lifecycle_status_after_opportunity ("Unqualified Lead"), ==,
                   "Qualified Lead");
  g_assert_null (crm_lifecycle_status_after_opportunity ("Qualified Lead"));
  g_assert_null (crm_lifecycle_status_after_opportunity ("Past Due"));
  g_assert_cmpstr (crm_lifecycle_status_after_lost ("Qualified Lead"), ==, "Unqualified Lead");
  g_assert_null (crm_lifecycle_status_after_lost ("Unqualified Lead"));
  g_assert_null (crm_lifecycle_status_after_lost ("Active"));

  g_assert_cmpint (crm_lifecycle_deal_outcome ("lost", "Anything"), ==, CRM_DEAL_OUTCOME_LOST);
  g_assert_cmpint (crm_lifecycle_deal_outcome ("won", "Closed Lost"), ==, CRM_DEAL_OUTCOME_WON);
  g_assert_cmpint (crm_lifecycle_deal_outcome ("pipeline", "Closed Lost"), ==,
                   CRM_DEAL_OUTCOME_OPEN);
  g_assert_cmpint (crm_lifecycle_deal_outcome (NULL, "Closed Lost"), ==, CRM_DEAL_OUTCOME_LOST);
  g_assert_cmpint (crm_lifecycle_deal_outcome (NULL, "Closed Won"), ==, CRM_DEAL_OUTCOME_WON);
  g_assert_cmpint (crm_lifecycle_deal_outcome (NULL, "Evaluation"), ==, CRM_DEAL_OUTCOME_OPEN);

  g_assert_cmpuint (crm_lifecycle_parse_stale_days (NULL), ==, 30);
  g_assert_cmpuint (crm_lifecycle_parse_stale_days ("14"), ==, 14);
  g_assert_cmpuint (crm_lifecycle_parse_stale_days ("0"), ==, 30);
  g_assert_cmpuint (crm_lifecycle_parse_stale_days ("ten"), ==, 30);
  g_assert_cmpuint (crm_lifecycle_parse_stale_days ("366"), ==, 30);

  /* The expression the "Stale working leads" list uses (case L1). */
  g_assert_cmpstr (stale, ==, "status is \"Working Lead\" and not idle_since within 30 days");
  filter = crm_filter_parse (stale, &error);
  g_assert_no_error (error);
  printed = crm_filter_to_string (filter);
  g_assert_cmpstr (printed, ==, stale);
  g_assert_true (crm_filter_check (filter, CRM_ENTITY_CUSTOMER, &error));
  g_assert_no_error (error);
}

static void
test_routing_validation (void)
{
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(GError) error = NULL;

  filter = crm_routing_compile ("country is \"AT\" or state is \"Tyrol\"", &error);
  g_assert_no_error (error);
  g_assert_nonnull (filter);
  g_clear_pointer (&filter, crm_filter_unref);

  filter = crm_routing_compile ("", &error);
  g_assert_no_error (error);
  g_assert_true (crm_filter_is_empty (filter));
  g_clear_pointer (&filter, crm_filter_unref);

  g_assert_null (crm_routing_compile ("country is", &error));
  g_assert_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX);
  g_clear_error (&error);
  g_assert_null (crm_routing_compile ("planet is \"Mars\"", &error));
  g_assert_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_FIELD);
  g_clear_error (&error);

  g_assert_true (crm_routing_owner_is_valid ("anna@example.com"));
  g_assert_false (crm_routing_owner_is_valid (""));
  g_assert_false (crm_routing_owner_is_valid ("anna"));
  g_assert_false (crm_routing_owner_is_valid ("anna@example"));
  g_assert_false (crm_routing_owner_is_valid ("an na@example.com"));
  g_assert_false (crm_routing_owner_is_valid ("@example.com"));
  g_assert_true (crm_routing_needs_owner (NULL));
  g_assert_true (crm_routing_needs_owner (" "));
  g_assert_false (crm_routing_needs_owner ("anna@example.com"));
}

/* The types follow their tables, as every record type does. */
static void
check_columns (const char *sql,
               const char *table,
               GType       type)
{
  g_autofree char *head = g_strdup_printf ("CREATE TABLE %s (\n", table);
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autoptr(GRegex) column_re = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *body = NULL;
  const char *start = strstr (sql, head);
  guint n_columns = 0;
  guint n_properties = 0;

  g_assert_nonnull (start);
  start += strlen (head);
  body = g_strndup (start, strstr (start, "\n);") - start);

  column_re = g_regex_new ("^  ([a-z_]+) +(INTEGER|TEXT)", G_REGEX_MULTILINE, 0, NULL);
  g_regex_match (column_re, body, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *column = g_match_info_fetch (match, 1);
      g_autofree char *name = g_strdelimit (g_strdup (column), "_", '-');

      g_test_message ("%s.%s", table, column);
      g_assert_nonnull (g_object_class_find_property (G_OBJECT_CLASS (klass), name));
      n_columns++;
    }

  g_free (g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_properties));
  g_assert_cmpuint (n_properties, ==, n_columns);
}

static void
test_types_follow_schema (void)
{
  g_autofree char *initial = test_read_migration ("0001-initial.sql");
  g_autofree char *subscriptions = test_read_migration ("0002-subscriptions.sql");
  GParamSpec *enabled;
  g_autoptr(GTypeClass) klass = g_type_class_ref (CRM_TYPE_ROUTING_RULE);

  check_columns (initial, "routing_rules", CRM_TYPE_ROUTING_RULE);
  check_columns (subscriptions, "subscriptions", CRM_TYPE_SUBSCRIPTION);

  enabled = g_object_class_find_property (G_OBJECT_CLASS (klass), "enabled");
  g_assert_true (enabled->value_type == G_TYPE_BOOLEAN);
  g_assert_cmpstr (crm_entity_kind_get_table (CRM_ENTITY_SUBSCRIPTION), ==, "subscriptions");
  g_assert_cmpstr (crm_entity_kind_get_table (CRM_ENTITY_ROUTING_RULE), ==, "routing_rules");
}

static void
test_load_new_kinds (Fixture       *fixture,
                     gconstpointer  data)
{
  CrmStore *store = fixture->store;
  gint64 customer = add_customer (store, "Orchard Tools", "Qualified Lead", ME);
  g_autoptr(CrmSubscription) subscription = NULL;
  g_autoptr(CrmRoutingRule) rule = NULL;
  g_autoptr(GDate) today = crm_date_parse (TODAY);
  gint64 id;

  id = test_insert (store, CRM_ENTITY_SUBSCRIPTION,
                    subscription_fields (customer, "2025-06-01", "2025-07-01"));
  subscription = CRM_SUBSCRIPTION (crm_store_load (store, CRM_ENTITY_SUBSCRIPTION, id, NULL));
  g_assert_cmpint (crm_subscription_get_customer_id (subscription), ==, customer);
  g_assert_cmpstr (crm_subscription_get_plan (subscription), ==, "Team");
  g_assert_cmpint (crm_subscription_get_amount_minor (subscription), ==, 4900);
  g_assert_cmpstr (crm_subscription_get_currency (subscription), ==, "EUR");
  g_assert_cmpint (g_date_get_day (crm_subscription_get_ended_on (subscription)), ==, 1);
  g_assert_true (crm_subscription_is_current (subscription, today));

  /* A subscription must start before it ends. */
  test_insert_fails (store, CRM_ENTITY_SUBSCRIPTION,
                     subscription_fields (customer, "2025-06-01", "2025-05-01"),
                     CRM_STORE_ERROR_CONSTRAINT);

  id = add_routing_rule (store, "Austria", 3, "country is \"AT\"", "anna@example.com", FALSE);
  rule = CRM_ROUTING_RULE (crm_store_load (store, CRM_ENTITY_ROUTING_RULE, id, NULL));
  g_assert_cmpstr (crm_routing_rule_get_name (rule), ==, "Austria");
  g_assert_cmpint (crm_routing_rule_get_position (rule), ==, 3);
  g_assert_cmpstr (crm_routing_rule_get_expression (rule), ==, "country is \"AT\"");
  g_assert_cmpstr (crm_routing_rule_get_owner (rule), ==, "anna@example.com");
  g_assert_false (crm_routing_rule_get_enabled (rule));
}

/* Migration from schema 1 */

static void
search_live_stub (sqlite3_context  *context,
                  int               argc,
                  sqlite3_value   **argv)
{
  sqlite3_result_int (context, 1);
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQL failed: %s", message);
}

static gint64
query_int (const char *path,
           const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return value;
}

/* A profile as Prospect wrote it before subscriptions existed. */
static void
write_schema_1 (const char *path)
{
  g_autofree char *sql = test_read_migration ("0001-initial.sql");
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_create_function (db, "crm_search_live", 0, SQLITE_UTF8, NULL, search_live_stub,
                           NULL, NULL);
  exec_ok (db, sql);
  exec_ok (db, "PRAGMA application_id = 1347571539; PRAGMA user_version = 1;"
               "INSERT INTO customers (id, external_id, name, status, country, created_at,"
               "                       updated_at)"
               " VALUES (7, 'ext-7', 'Orchard Tools', 'Working Lead', 'AT',"
               "         '2025-01-01T00:00:00.000Z', '2025-01-01T00:00:00.000Z');"
               "INSERT INTO routing_rules (name, position, expression, owner)"
               " VALUES ('Austria', 0, 'country is \"AT\"', 'anna@example.com');");
  sqlite3_close (db);
}

static void
test_migrate_from_schema_1 (void)
{
  g_autofree char *path = test_temp_db ();
  g_autofree char *copy = NULL;
  g_autoptr(CrmStore) store = NULL;
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lead, subscription;

  write_schema_1 (path);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  crm_store_set_today (store, TODAY);
  crm_store_rules_install (store);

  customer = CRM_CUSTOMER (crm_store_load (store, CRM_ENTITY_CUSTOMER, 7, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (crm_customer_get_name (customer), ==, "Orchard Tools");

  /* The new table works, with Undo, and the old rules route. */
  subscription = test_insert (store, CRM_ENTITY_SUBSCRIPTION,
                              subscription_fields (7, TODAY, NULL));
  assert_status (store, 7, "Active");
  lead = add_lead (store, CRM_ORIGIN_IMPORT, "Maple Foods", "AT", NULL);
  assert_owner (store, lead, "anna@example.com");
  g_assert_true (crm_store_foreign_key_check (store, &error));
  g_assert_no_error (error);
  crm_store_close (store);

  g_assert_cmpint (query_int (path, "PRAGMA user_version"), ==, 10);
  g_assert_cmpint (query_int (path, "SELECT count(*) FROM subscriptions"), ==, 1);

  /* The copy taken before is the schema 1 file, data and all. */
  copy = g_strdup_printf ("%s.before-migration-1", path);
  g_assert_true (g_file_test (copy, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (query_int (copy, "PRAGMA user_version"), ==, 1);
  g_assert_cmpint (query_int (copy, "PRAGMA application_id"), ==, 1347571539);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM customers WHERE id = 7"), ==, 1);
  g_assert_cmpint (query_int (copy, "SELECT count(*) FROM sqlite_schema"
                                    " WHERE name = 'subscriptions'"), ==, 0);
  g_assert_cmpint (subscription, >, 0);
}

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  ADD ("/crm/rules/contact/working-lead", test_contact_makes_working_lead);
  ADD ("/crm/rules/contact/import-and-pull", test_contact_by_import_and_pull);
  ADD ("/crm/rules/opportunity/qualifies", test_opportunity_qualifies);
  ADD ("/crm/rules/opportunity/closed-lost", test_closed_lost);
  ADD ("/crm/rules/opportunity/closed-lost-other-open", test_closed_lost_with_other_open);
  ADD ("/crm/rules/opportunity/reopened", test_reopened);
  ADD ("/crm/rules/status/person-refused", test_person_cannot_set_subscriber_status);
  ADD ("/crm/rules/status/stamped", test_status_change_stamped);
  ADD ("/crm/rules/subscription/now", test_subscription_starts_now);
  ADD ("/crm/rules/subscription/later", test_subscription_starts_later);
  ADD ("/crm/rules/subscription/with-sync", test_subscription_with_sync);
  ADD ("/crm/rules/stale/case-l1", test_stale_case_l1);
  ADD ("/crm/rules/stale/activity-kinds", test_stale_activity_kinds);
  ADD ("/crm/rules/stale/from-becoming-working", test_stale_from_becoming_working);
  ADD ("/crm/rules/routing/order", test_routing_order);
  ADD ("/crm/rules/routing/disabled-invalid", test_routing_skips_disabled_and_invalid);
  ADD ("/crm/rules/routing/import-and-pull", test_routing_by_import_and_pull);
  ADD ("/crm/rules/routing/on-edit", test_routing_on_edit);
  ADD ("/crm/rules/kinds/load", test_load_new_kinds);
  g_test_add_func ("/crm/rules/lifecycle/decisions", test_lifecycle_decisions);
  g_test_add_func ("/crm/rules/routing/validation", test_routing_validation);
  g_test_add_func ("/crm/rules/kinds/schema", test_types_follow_schema);
  g_test_add_func ("/crm/rules/migrate/from-1", test_migrate_from_schema_1);

  return g_test_run ();
}
