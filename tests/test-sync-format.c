/* test-sync-format.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <locale.h>

#include "crm-sync-format.h"
#include "test-util.h"

/* The sync row's words for each state, without a display. Times are in
 * UTC (TZ is set in main). */

/* 2025-06-30T14:00:00Z */
#define NOW ((gint64) 1751292000 * G_USEC_PER_SEC)
#define MINUTE ((gint64) 60 * G_USEC_PER_SEC)

static CrmSyncFacts
synced_facts (void)
{
  return (CrmSyncFacts) {
    .has_account = TRUE,
    .has_engine = TRUE,
    .state = CRM_SYNC_STATE_IDLE,
    .last_synced_at = NOW - 2 * MINUTE,
    .now = NOW,
  };
}

static void
assert_status (const CrmSyncFacts *facts,
               const char         *title,
               const char         *detail,
               const char         *icon_name,
               const char         *style)
{
  g_autoptr(CrmSyncStatus) status = crm_sync_format_status (facts);

  g_assert_nonnull (status);
  g_assert_cmpstr (status->title, ==, title);
  g_assert_cmpstr (status->detail, ==, detail);
  g_assert_cmpstr (status->icon_name, ==, icon_name);
  g_assert_cmpstr (status->style, ==, style);
}

static void
test_no_account (void)
{
  CrmSyncFacts facts = synced_facts ();
  g_autoptr(CrmSyncStatus) status = NULL;

  /* A profile without an account is a complete CRM: no row at all. */
  facts.has_account = FALSE;
  status = crm_sync_format_status (&facts);
  g_assert_null (status);
}

static void
test_idle (void)
{
  CrmSyncFacts facts = synced_facts ();
  g_autoptr(CrmSyncStatus) status = NULL;
  g_autofree char *text = NULL;

  facts.pending = 3;
  status = crm_sync_format_status (&facts);
  text = crm_sync_status_dup_text (status);
  g_assert_cmpstr (text, ==, "Synced 2 min ago · 3 changes pending");
  g_assert_false (status->show_progress);

  facts.pending = 1;
  assert_status (&facts, "Synced 2 min ago", "1 change pending", "document-send-symbolic",
                 NULL);

  facts.pending = 0;
  assert_status (&facts, "Synced 2 min ago", NULL, "emblem-ok-symbolic", NULL);

  facts.last_synced_at = 0;
  assert_status (&facts, "Not synced yet", NULL, "emblem-ok-symbolic", NULL);
}

static void
test_synced_ago (void)
{
  static const struct {
    gint64      ago;
    const char *text;
  } cases[] = {
    { 0, "Synced just now" },
    { 59 * G_USEC_PER_SEC, "Synced just now" },
    { MINUTE, "Synced 1 min ago" },
    { 59 * MINUTE, "Synced 59 min ago" },
    { 60 * MINUTE + 30 * G_USEC_PER_SEC, "Synced at 12:59" },
    { 14 * 60 * MINUTE, "Synced at 00:00" },
    { 14 * 60 * MINUTE + MINUTE, "Synced on Jun 29" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_sync_format_synced (NOW - cases[i].ago, NOW);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_syncing (void)
{
  CrmSyncFacts facts = synced_facts ();
  g_autoptr(CrmSyncStatus) status = NULL;

  facts.state = CRM_SYNC_STATE_SYNCING;
  facts.progress = 0.404;
  facts.pending = 3;
  status = crm_sync_format_status (&facts);
  g_assert_cmpstr (status->title, ==, "Syncing… 40 %");
  g_assert_cmpstr (status->detail, ==, "3 changes pending");
  g_assert_true (status->show_progress);
  g_assert_cmpfloat_with_epsilon (status->progress, 0.404, 1e-9);

  facts.progress = 0.0;
  facts.pending = 0;
  assert_status (&facts, "Syncing…", NULL, "emblem-synchronizing-symbolic", NULL);
}

static void
test_offline (void)
{
  CrmSyncFacts facts = synced_facts ();

  facts.state = CRM_SYNC_STATE_OFFLINE;
  facts.pending = 2;
  assert_status (&facts, "Offline — changes will sync", "2 changes pending",
                 "network-offline-symbolic", NULL);
}

static void
test_rate_limited (void)
{
  CrmSyncFacts facts = synced_facts ();

  facts.state = CRM_SYNC_STATE_RATE_LIMITED;
  facts.resume_at = NOW + 5 * MINUTE;
  assert_status (&facts, "Rate limited until 14:05", NULL,
                 "preferences-system-time-symbolic", NULL);

  facts.resume_at = 0;
  assert_status (&facts, "Rate limited — waiting", NULL,
                 "preferences-system-time-symbolic", NULL);
}

static void
test_error (void)
{
  CrmSyncFacts facts = synced_facts ();

  facts.state = CRM_SYNC_STATE_ERROR;
  facts.last_error = "No valid API key provided";
  assert_status (&facts, "Sync failed: No valid API key provided", NULL,
                 "dialog-error-symbolic", "error");

  facts.last_error = NULL;
  facts.failed = 1;
  assert_status (&facts, "Sync failed", "1 change refused", "dialog-error-symbolic", "error");
}

static void
test_problems (void)
{
  CrmSyncFacts facts = synced_facts ();

  facts.conflicts = 2;
  facts.failed = 1;
  facts.pending = 4;
  assert_status (&facts, "2 conflicts · 1 change refused", "Synced 2 min ago",
                 "dialog-warning-symbolic", "warning");

  facts.conflicts = 1;
  facts.failed = 0;
  assert_status (&facts, "1 conflict", "Synced 2 min ago", "dialog-warning-symbolic",
                 "warning");

  facts.conflicts = 0;
  facts.failed = 3;
  assert_status (&facts, "3 changes refused", "Synced 2 min ago", "dialog-warning-symbolic",
                 "warning");

  /* While it syncs, the problems are the detail. */
  facts.state = CRM_SYNC_STATE_SYNCING;
  facts.progress = 0.5;
  assert_status (&facts, "Syncing… 50 %", "3 changes refused",
                 "emblem-synchronizing-symbolic", NULL);
}

static void
test_no_key (void)
{
  CrmSyncFacts facts = { .has_account = TRUE, .key_missing = TRUE, .now = NOW };

  assert_status (&facts, "Sync paused", "Enter the API key again in Preferences",
                 "dialog-password-symbolic", "warning");

  facts.key_missing = FALSE;
  assert_status (&facts, "Starting sync…", NULL, "emblem-synchronizing-symbolic", NULL);
}

static void
test_values (void)
{
  static const struct {
    const char *json;
    const char *text;
  } cases[] = {
    { "\"+1 555 0111\"", "+1 555 0111" },
    { "null", "(empty)" },
    { NULL, "(empty)" },
    { "\"\"", "(empty)" },
    { "120000", "120000" },
    { "true", "Yes" },
    { "[\"pilot\",\"dach\"]", "pilot, dach" },
    { "not json", "not json" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = crm_sync_format_value (cases[i].json);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_fields (void)
{
  g_autofree char *phone = crm_sync_format_field (CRM_ENTITY_CONTACT, "phone");
  g_autofree char *website = crm_sync_format_field (CRM_ENTITY_CUSTOMER, "website");
  g_autofree char *stage = crm_sync_format_field (CRM_ENTITY_OPPORTUNITY, "stage");
  g_autofree char *unknown = crm_sync_format_field (CRM_ENTITY_TASK, "colour");
  g_autofree char *custom = crm_sync_format_field (CRM_ENTITY_CUSTOMER, "attributes.company_size");

  g_assert_cmpstr (phone, ==, "Phone");
  g_assert_cmpstr (website, ==, "Website");
  g_assert_cmpstr (stage, ==, "Stage");
  g_assert_cmpstr (unknown, ==, "colour");
  g_assert_cmpstr (custom, ==, "Company size");
}

static void
test_refusals (void)
{
  CrmOutboxEntry entry = { .operation = (char *) "update", .error = (char *) "Not now" };
  g_autofree char *update = crm_sync_format_refusal (&entry);
  g_autofree char *create = NULL;
  g_autofree char *silent = NULL;

  g_assert_cmpstr (update, ==, "Change refused: Not now");

  entry.operation = (char *) "create";
  entry.error = (char *) "estimated_close_date can't be blank";
  create = crm_sync_format_refusal (&entry);
  g_assert_cmpstr (create, ==, "Not created on ChartMogul: estimated_close_date can't be blank");

  entry.operation = (char *) "delete";
  entry.error = NULL;
  silent = crm_sync_format_refusal (&entry);
  g_assert_cmpstr (silent, ==, "Not deleted on ChartMogul: the server gave no reason");
}

static void
test_records (void)
{
  g_autoptr(CrmStore) store = test_open_store ();
  gint64 customer, contact, deal, customer_id = -1;
  g_autofree char *customer_text = NULL;
  g_autofree char *contact_text = NULL;
  g_autofree char *deal_text = NULL;
  g_autofree char *gone_text = NULL;

  customer = test_insert (store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <'Maple Foods'>}"));
  contact = test_insert (store, CRM_ENTITY_CONTACT,
                         g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Lena'>,"
                                               " 'last_name': <'Maier'>}", customer));
  deal = test_insert (store, CRM_ENTITY_OPPORTUNITY,
                      g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Expansion'>,"
                                            " 'pipeline': <'New Business'>,"
                                            " 'stage': <'Discovery'>, 'currency': <'EUR'>}",
                                            customer));

  customer_text = crm_sync_format_record (store, CRM_ENTITY_CUSTOMER, customer, &customer_id);
  g_assert_cmpstr (customer_text, ==, "Maple Foods");
  g_assert_cmpint (customer_id, ==, customer);

  contact_text = crm_sync_format_record (store, CRM_ENTITY_CONTACT, contact, &customer_id);
  g_assert_cmpstr (contact_text, ==, "Lena Maier (Maple Foods)");
  g_assert_cmpint (customer_id, ==, customer);

  deal_text = crm_sync_format_record (store, CRM_ENTITY_OPPORTUNITY, deal, NULL);
  g_assert_cmpstr (deal_text, ==, "Expansion (Maple Foods)");

  /* The API gives opportunities no name. */
  test_update (store, CRM_ENTITY_OPPORTUNITY, deal, g_variant_new_parsed ("{'name': <''>}"));
  g_free (deal_text);
  deal_text = crm_sync_format_record (store, CRM_ENTITY_OPPORTUNITY, deal, NULL);
  g_assert_cmpstr (deal_text, ==, "Opportunity (Maple Foods)");

  gone_text = crm_sync_format_record (store, CRM_ENTITY_CONTACT, contact + 100, &customer_id);
  g_assert_cmpstr (gone_text, ==, "A deleted contact");
  g_assert_cmpint (customer_id, ==, 0);

  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/sync/format/no-account", test_no_account);
  g_test_add_func ("/crm/sync/format/idle", test_idle);
  g_test_add_func ("/crm/sync/format/synced-ago", test_synced_ago);
  g_test_add_func ("/crm/sync/format/syncing", test_syncing);
  g_test_add_func ("/crm/sync/format/offline", test_offline);
  g_test_add_func ("/crm/sync/format/rate-limited", test_rate_limited);
  g_test_add_func ("/crm/sync/format/error", test_error);
  g_test_add_func ("/crm/sync/format/problems", test_problems);
  g_test_add_func ("/crm/sync/format/no-key", test_no_key);
  g_test_add_func ("/crm/sync/format/values", test_values);
  g_test_add_func ("/crm/sync/format/fields", test_fields);
  g_test_add_func ("/crm/sync/format/refusals", test_refusals);
  g_test_add_func ("/crm/sync/format/records", test_records);

  return g_test_run ();
}
