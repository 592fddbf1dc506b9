/* test-ui-lifecycle.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-lifecycle"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-customer-format.h"
#include "crm-customer-page-private.h"
#include "crm-customer-window.h"
#include "crm-store.h"
#include "crm-store-rules.h"
#include "crm-subscription-dialog.h"
#include "crm-timeline-row.h"
#include "crm-window.h"
#include "test-ui-util.h"
#include "test-util.h"

/* What the lead lifecycle rules did, as the rep sees it: toasts with Undo
 * in the window, the timeline, and a subscription recorded by hand. For
 * real under Xvfb; the cases share one profile and run in order. */

#define ME "sam@example.com"

static struct {
  char           *dir;
  CrmStore       *store;
  CrmApplication *app;
  CrmWindow      *window;
} fixture;

/* Store helpers */

static gint64
insert_as (CrmOrigin      origin,
           CrmEntityKind  kind,
           GVariant      *fields)
{
  return test_insert_as (fixture.store, origin, kind, fields);
}

static void
update_as (CrmOrigin      origin,
           CrmEntityKind  kind,
           gint64         id,
           GVariant      *fields)
{
  test_update_as (fixture.store, origin, kind, id, fields);
}

static gint64
add_customer (const char *name,
              const char *status)
{
  return insert_as (CRM_ORIGIN_IMPORT, CRM_ENTITY_CUSTOMER,
                    g_variant_new_parsed ("{'name': <%s>, 'status': <%s>, 'owner': <%s>}",
                                          name, status, ME));
}

static char *
dup_status (gint64 customer)
{
  g_autoptr(GObject) object = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, customer,
                                              NULL);

  return object != NULL ? g_strdup (crm_customer_get_status (CRM_CUSTOMER (object))) : NULL;
}

typedef struct
{
  gint64      customer;
  const char *status;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;
  g_autofree char *status = dup_status (wait->customer);

  return g_strcmp0 (status, wait->status) == 0;
}

#define wait_for_status(customer, expected) \
  g_assert_true (ui_wait_until (status_is, &(StatusWait) { customer, expected }))

static guint
count_for (CrmEntityKind kind,
           gint64        customer)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS, g_variant_new_int64 (customer));
  return crm_store_count (fixture.store, kind, filter);
}

/* Cases without a display */

static void
test_subscription_fields (void)
{
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GError) error = NULL;
  const char *plan, *currency, *started_on;
  gint64 customer, minor;
  const char *bad = NULL;

  fields = crm_subscription_dialog_build_fields (7, " Team ", "1,234.50", " eur ",
                                                 "2025-07-01", &bad, &error);
  g_assert_no_error (error);
  g_variant_ref_sink (fields);
  g_assert_true (g_variant_lookup (fields, "customer_id", "x", &customer));
  g_assert_true (g_variant_lookup (fields, "plan", "&s", &plan));
  g_assert_true (g_variant_lookup (fields, "amount_minor", "x", &minor));
  g_assert_true (g_variant_lookup (fields, "currency", "&s", &currency));
  g_assert_true (g_variant_lookup (fields, "started_on", "&s", &started_on));
  g_assert_cmpint (customer, ==, 7);
  g_assert_cmpstr (plan, ==, "Team");
  g_assert_cmpint (minor, ==, 123450);
  g_assert_cmpstr (currency, ==, "EUR");
  g_assert_cmpstr (started_on, ==, "2025-07-01");
  g_assert_cmpuint (g_variant_n_children (fields), ==, 5);

  g_assert_null (crm_subscription_dialog_build_fields (7, "", "49", "euro", "2025-07-01",
                                                       &bad, &error));
  g_assert_cmpstr (bad, ==, "currency");
  g_assert_cmpstr (error->message, ==,
                   "Enter the currency as a code of three letters, such as EUR");
  g_clear_error (&error);

  g_assert_null (crm_subscription_dialog_build_fields (7, "", "  ", "EUR", "2025-07-01",
                                                       &bad, &error));
  g_assert_cmpstr (bad, ==, "amount");
  g_assert_cmpstr (error->message, ==, "Enter the amount billed each period");
  g_clear_error (&error);

  g_assert_null (crm_subscription_dialog_build_fields (7, "", "lots", "EUR", "2025-07-01",
                                                       &bad, &error));
  g_assert_cmpstr (bad, ==, "amount");
  g_assert_cmpstr (error->message, ==, "Enter an amount such as 12000.50");
  g_clear_error (&error);

  g_assert_null (crm_subscription_dialog_build_fields (7, "", "49", "EUR", "2025-02-30",
                                                       &bad, &error));
  g_assert_cmpstr (bad, ==, "started_on");
  g_assert_cmpstr (error->message, ==,
                   "Enter the first day billed as YYYY-MM-DD, such as 2025-07-01");
  g_clear_error (&error);
}

static void
test_subscription_texts (void)
{
  g_autoptr(GDate) june = crm_date_parse ("2025-06-01");
  g_autoptr(GDate) july = crm_date_parse ("2025-07-01");
  g_autoptr(GDate) today = crm_date_parse ("2025-06-30");
  g_autofree char *since = crm_customer_format_subscription_span (june, NULL, today);
  g_autofree char *starts = crm_customer_format_subscription_span (july, NULL, today);
  g_autofree char *ends = crm_customer_format_subscription_span (june, july, today);
  g_autofree char *ended = crm_customer_format_subscription_span (june, today, today);
  g_autofree char *now = crm_subscription_dialog_dup_recorded ("Orchard Tools", "2025-06-30",
                                                               "2025-06-30");
  g_autofree char *later = crm_subscription_dialog_dup_recorded ("Orchard Tools", "2025-07-01",
                                                                 "2025-06-30");

  g_assert_cmpstr (since, ==, "Since 1 June 2025");
  g_assert_cmpstr (starts, ==, "Starts 1 July 2025");
  g_assert_cmpstr (ends, ==, "Ends 1 July 2025");
  g_assert_cmpstr (ended, ==, "Ended 30 June 2025");
  g_assert_cmpstr (now, ==, "Subscription recorded");
  g_assert_cmpstr (later, ==, "Subscription recorded: Orchard Tools becomes Active on 1 July 2025");
}

/* Widget cases */

/* A pull brings a call for a New Lead: the window says what the rule did,
 * and Undo takes the call and the status back together. */
static void
test_pulled_call_toast (void)
{
  gint64 customer = add_customer ("Maple Foods", "New Lead");
  GtkWidget *toast;

  insert_as (CRM_ORIGIN_SYNC, CRM_ENTITY_ACTIVITY,
             g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                   " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}",
                                   customer));
  wait_for_status (customer, "Working Lead");

  toast = ui_wait_for_toast (GTK_WIDGET (fixture.window), "Maple Foods is now Working Lead");
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lifecycle-toast.png");
  ui_click (ui_find_mapped_button (toast, "_Undo"));

  wait_for_status (customer, "New Lead");
  g_assert_cmpuint (count_for (CRM_ENTITY_ACTIVITY, customer), ==, 0);
}

/* Closing one of two open opportunities lost keeps the lead, and the
 * toast says why. */
static void
test_lost_with_other_open (void)
{
  gint64 customer = add_customer ("Harbor Optics", "Working Lead");
  gint64 first;

  first = insert_as (CRM_ORIGIN_PERSON, CRM_ENTITY_OPPORTUNITY,
                     g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Expansion'>,"
                                           " 'pipeline': <'Partners'>, 'stage': <'Talks'>,"
                                           " 'currency': <'EUR'>}", customer));
  insert_as (CRM_ORIGIN_PERSON, CRM_ENTITY_OPPORTUNITY,
             g_variant_new_parsed ("{'customer_id': <%x>, 'name': <'Renewal'>,"
                                   " 'pipeline': <'Partners'>, 'stage': <'Talks'>,"
                                   " 'currency': <'EUR'>}", customer));
  wait_for_status (customer, "Qualified Lead");
  ui_run_for (200);

  update_as (CRM_ORIGIN_PERSON, CRM_ENTITY_OPPORTUNITY, first,
             g_variant_new_parsed ("{'stage': <'Closed Lost'>}"));
  ui_wait_for_toast (GTK_WIDGET (fixture.window),
                     "Harbor Optics stays Qualified Lead: it has another open opportunity");
  g_assert_true (status_is (&(StatusWait) { customer, "Qualified Lead" }));
}

#define SUBSCRIPTION_DIALOG GSIZE_TO_POINTER (CRM_TYPE_SUBSCRIPTION_DIALOG)

static CrmSubscriptionDialog *
find_subscription_dialog (void)
{
  return (CrmSubscriptionDialog *) ui_find_toplevel (CRM_TYPE_SUBSCRIPTION_DIALOG);
}

static void
fill_row (CrmSubscriptionDialog *dialog,
          const char            *title,
          const char            *text)
{
  GtkWidget *row = ui_find_widget (GTK_WIDGET (dialog), ui_is_row_titled, (gpointer) title);

  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static void
click_record (CrmSubscriptionDialog *dialog)
{
  ui_click (ui_find_mapped_button (GTK_WIDGET (dialog), "_Record"));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, SUBSCRIPTION_DIALOG));
}

static CrmSubscriptionDialog *
open_dialog (CrmCustomerPage *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-subscription",
                                             NULL));
  g_assert_true (ui_wait_until (ui_has_toplevel, SUBSCRIPTION_DIALOG));

  return find_subscription_dialog ();
}

typedef struct
{
  CrmCustomerPage *page;
  const char      *title;
  const char      *subtitle;
} RowWait;

static gboolean
timeline_row_says (gpointer data)
{
  RowWait *wait = data;
  GtkWidget *row = ui_find_widget (GTK_WIDGET (wait->page->timeline), ui_is_row_titled,
                                   (gpointer) wait->title);

  return ADW_IS_ACTION_ROW (row) &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), wait->subtitle) == 0;
}

static guint
count_list_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, (int) n) != NULL)
    n++;

  return n;
}

static gboolean
has_n_subscription_rows (gpointer data)
{
  RowWait *wait = data;

  return count_list_rows (wait->page->subscriptions_list) == GPOINTER_TO_UINT (wait->title);
}

/* Local mode: a rep records a subscription from the customer page; the
 * customer becomes Active in the same change, the toast says both, and
 * Undo takes both back. */
static void
test_record_subscription (void)
{
  gint64 customer = add_customer ("Orchard Tools", "Qualified Lead");
  GtkWidget *window = crm_customer_window_new (NULL, fixture.store, customer);
  CrmCustomerPage *page;
  CrmSubscriptionDialog *dialog;
  GtkWidget *toast;

  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (CRM_CUSTOMER_WINDOW (window)));
  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 720);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_is_drawn, window));
  g_assert_cmpuint (count_list_rows (page->subscriptions_list), ==, 0);

  /* A bad amount is pointed at and cannot be recorded. */
  dialog = open_dialog (page);
  fill_row (dialog, "_Plan", "Team");
  fill_row (dialog, "_Amount per Period", "lots");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                           "record"));
  ui_save_window_screenshot (GTK_WIDGET (dialog), "ui-lifecycle-subscription-error.png");
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_label_with,
                                    (gpointer) "Enter an amount such as 12000.50"));

  fill_row (dialog, "_Amount per Period", "49");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog),
                                                          "record"));
  ui_save_window_screenshot (GTK_WIDGET (dialog), "ui-lifecycle-subscription.png");
  click_record (dialog);

  wait_for_status (customer, "Active");
  toast = ui_wait_for_toast (window, "Subscription recorded · Orchard Tools is now Active");
  g_assert_true (ui_wait_until (timeline_row_says,
                                &(RowWait) { page, "Qualified Lead → Active",
                                          "Changed by a rule: a subscription started" }));
  g_assert_true (ui_wait_until (has_n_subscription_rows,
                                &(RowWait) { page, GUINT_TO_POINTER (1), NULL }));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page->status_button)));
  ui_save_window_screenshot (window, "ui-lifecycle-subscribed.png");

  /* The main window says nothing of it: the notice joined this toast. */
  g_assert_null (ui_find_widget (GTK_WIDGET (fixture.window), ui_is_mapped_label_with,
                                 (gpointer) "Orchard Tools is now Active"));

  ui_click (ui_find_mapped_button (toast, "_Undo"));
  wait_for_status (customer, "Qualified Lead");
  g_assert_cmpuint (count_for (CRM_ENTITY_SUBSCRIPTION, customer), ==, 0);
  g_assert_true (ui_wait_until (has_n_subscription_rows,
                                &(RowWait) { page, GUINT_TO_POINTER (0), NULL }));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

/* A subscription that starts later leaves the status until its day. */
static void
test_record_later_subscription (void)
{
  gint64 customer = add_customer ("Birch Labs", "Working Lead");
  g_autofree char *today_text = crm_store_dup_today (fixture.store);
  g_autoptr(GDate) tomorrow = crm_date_parse (today_text);
  g_autofree char *tomorrow_text = NULL;
  g_autofree char *expected = NULL;
  GtkWidget *window = crm_customer_window_new (NULL, fixture.store, customer);
  CrmCustomerPage *page;
  CrmSubscriptionDialog *dialog;

  g_date_add_days (tomorrow, 1);
  tomorrow_text = crm_date_format (tomorrow);
  expected = crm_subscription_dialog_dup_recorded ("Birch Labs", tomorrow_text, today_text);

  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (CRM_CUSTOMER_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_is_drawn, window));

  dialog = open_dialog (page);
  fill_row (dialog, "_Amount per Period", "120");
  fill_row (dialog, "_Starts On (YYYY-MM-DD)", tomorrow_text);

  /* Enter in a row records, as the button does. */
  g_signal_emit_by_name (ui_find_row (GTK_WIDGET (dialog), "_Starts On (YYYY-MM-DD)"),
                         "entry-activated");
  g_assert_true (ui_wait_until (ui_has_no_toplevel, SUBSCRIPTION_DIALOG));

  ui_wait_for_toast (window, expected);
  g_assert_cmpuint (count_for (CRM_ENTITY_SUBSCRIPTION, customer), ==, 1);
  g_assert_true (status_is (&(StatusWait) { customer, "Working Lead" }));

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

/* With an account, billing is the server's: no subscription is recorded
 * by hand, and the page says why. */
static void
test_no_subscription_with_sync (void)
{
  gint64 customer = add_customer ("Larch GmbH", "Qualified Lead");
  GtkWidget *window = crm_customer_window_new (NULL, fixture.store, customer);
  CrmCustomerPage *page;
  const char *description;

  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (CRM_CUSTOMER_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_is_drawn, window));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (page->subscriptions_group)));
  description = adw_preferences_group_get_description (page->subscriptions_group);
  g_assert_true (description == NULL || description[0] == '\0');

  test_set_setting (fixture.store, "sync.enabled", "1");
  ui_run_for (100);
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-subscription", NULL);
  ui_run_for (200);
  g_assert_null (find_subscription_dialog ());
  g_assert_cmpstr (adw_preferences_group_get_description (page->subscriptions_group), ==,
                   "With a ChartMogul account, billing and subscriber statuses come "
                   "from ChartMogul.");
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->subscriptions_list)));

  test_set_setting (fixture.store, "sync.enabled", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

/* Fixture */

static void
set_up (void)
{
  ui_open_rep_profile (&fixture.dir, &fixture.store, &fixture.app, ME);
  fixture.window = ui_present_main_window (fixture.app, fixture.store, 1000, 640);
}

static void
tear_down (void)
{
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (100);
  ui_close_profile (&fixture.dir, &fixture.store, &fixture.app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_set_test_environment ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/ui/lifecycle/subscription/fields", test_subscription_fields);
  g_test_add_func ("/crm/ui/lifecycle/subscription/texts", test_subscription_texts);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/lifecycle/pulled-call-toast", test_pulled_call_toast);
  g_test_add_func ("/crm/ui/lifecycle/lost-with-other-open", test_lost_with_other_open);
  g_test_add_func ("/crm/ui/lifecycle/record-subscription", test_record_subscription);
  g_test_add_func ("/crm/ui/lifecycle/record-later-subscription",
                   test_record_later_subscription);
  g_test_add_func ("/crm/ui/lifecycle/no-subscription-with-sync", test_no_subscription_with_sync);

  return ui_run_tests (set_up, tear_down);
}
