/* test-ui-call-logger.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-call-logger"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-call-logger.h"
#include "crm-customer-page-private.h"
#include "crm-customer-window.h"
#include "crm-email-log-dialog.h"
#include "crm-store.h"
#include "crm-store-rules.h"
#include "crm-timeline-row.h"
#include "crm-window.h"
#include "test-ui-util.h"
#include "test-util.h"

/* Logging calls and emails, as a rep does: the call logger's timer,
 * outcome, notes and follow-up saved as one change, the lifecycle's
 * toast in the window the rep is in, Undo, and a machine with no app for
 * tel:. What the logger decides is checked first, without a display. */

#define ME "sam@example.com"
#define PHONE "+1 555 0100"

static struct {
  char           *dir;
  CrmStore       *store;
  CrmApplication *app;
  CrmWindow      *window;
} fixture;

/* Store helpers */

static gint64
insert (CrmEntityKind  kind,
        GVariant      *fields)
{
  return test_insert_as (fixture.store, CRM_ORIGIN_IMPORT, kind, fields);
}

/* Plain functions */

#define assert_text(got, expected) \
  G_STMT_START { \
    g_autofree char *got_ = (got); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_logger_texts (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (30, G_DATE_JUNE, 2025);
  g_autoptr(GDate) tomorrow = crm_call_logger_follow_up_due (CRM_FOLLOW_UP_TOMORROW, today);
  g_autoptr(GDate) in_3_days = crm_call_logger_follow_up_due (CRM_FOLLOW_UP_IN_3_DAYS, today);
  g_autoptr(GDate) next_week = crm_call_logger_follow_up_due (CRM_FOLLOW_UP_NEXT_WEEK, today);

  assert_text (crm_call_logger_format_elapsed (7), "0:07");
  assert_text (crm_call_logger_format_elapsed (750), "12:30");
  assert_text (crm_call_logger_format_elapsed (3723), "1:02:03");
  assert_text (crm_call_logger_format_elapsed (-4), "0:00");

  g_assert_null (crm_call_logger_follow_up_due (CRM_FOLLOW_UP_NONE, today));
  assert_text (crm_date_format (tomorrow), "2025-07-01");
  assert_text (crm_date_format (in_3_days), "2025-07-03");
  assert_text (crm_date_format (next_week), "2025-07-07");

  assert_text (crm_call_logger_dup_tel_uri ("+1 555 0100"), "tel:+1-555-0100");
  assert_text (crm_call_logger_dup_tel_uri (" (0)1 / 234-56 "), "tel:01-234-56");
  assert_text (crm_call_logger_dup_logged (CRM_FOLLOW_UP_NONE), "Call logged");
  assert_text (crm_call_logger_dup_logged (CRM_FOLLOW_UP_NEXT_WEEK),
               "Call logged, follow-up due next week");
}

static void
test_logger_fields (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (30, G_DATE_JUNE, 2025);
  g_autoptr(GVariant) call = NULL;
  g_autoptr(GVariant) missed = NULL;
  g_autoptr(GVariant) task = NULL;
  g_autoptr(GVariant) email = NULL;
  const char *text = NULL;
  gint64 duration = -1;

  call = g_variant_ref_sink (crm_call_logger_build_call (7, "Connected", 754, " Wants SSO\n",
                                                         "2025-06-30T09:00:00.000Z", ME));
  g_assert_true (g_variant_lookup (call, "kind", "&s", &text));
  g_assert_cmpstr (text, ==, "call");
  g_assert_true (g_variant_lookup (call, "call_duration", "x", &duration));
  g_assert_cmpint (duration, ==, 754);
  g_assert_true (g_variant_lookup (call, "body", "&s", &text));
  g_assert_cmpstr (text, ==, "Wants SSO");
  g_assert_true (g_variant_lookup (call, "author", "&s", &text));
  g_assert_cmpstr (text, ==, ME);

  /* Nobody picked up: the ringing is no duration. */
  missed = g_variant_ref_sink (crm_call_logger_build_call (7, "No answer", 31, "",
                                                           "2025-06-30T09:00:00.000Z", NULL));
  g_assert_true (g_variant_lookup (missed, "call_duration", "x", &duration));
  g_assert_cmpint (duration, ==, 0);
  g_assert_false (g_variant_lookup (missed, "author", "&s", &text));

  g_assert_null (crm_call_logger_build_task (7, CRM_FOLLOW_UP_NONE, "x", today, ME));
  task = g_variant_ref_sink (crm_call_logger_build_task (7, CRM_FOLLOW_UP_IN_3_DAYS, "  ",
                                                         today, ME));
  g_assert_true (g_variant_lookup (task, "due_on", "&s", &text));
  g_assert_cmpstr (text, ==, "2025-07-03");
  g_assert_true (g_variant_lookup (task, "details", "&s", &text));
  g_assert_cmpstr (text, ==, "Follow up on the call");
  g_assert_true (g_variant_lookup (task, "assignee", "&s", &text));
  g_assert_cmpstr (text, ==, ME);

  g_assert_null (crm_email_log_dialog_build_fields (7, " ", "\n", "2025-06-30T09:00:00.000Z",
                                                    ME));
  email = g_variant_ref_sink (crm_email_log_dialog_build_fields (7, " Proposal ", "Attached.",
                                                                 "2025-06-30T09:00:00.000Z",
                                                                 ME));
  g_assert_true (g_variant_lookup (email, "kind", "&s", &text));
  g_assert_cmpstr (text, ==, "email");
  g_assert_true (g_variant_lookup (email, "subject", "&s", &text));
  g_assert_cmpstr (text, ==, "Proposal");
}

/* Widget cases */

static gint64
add_lead (const char *name)
{
  gint64 customer;

  customer = insert (CRM_ENTITY_CUSTOMER,
                     g_variant_new_parsed ("{'name': <%s>, 'status': <'New Lead'>,"
                                           " 'owner': <%s>}", name, ME));
  insert (CRM_ENTITY_CONTACT,
          g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Lena'>,"
                                " 'last_name': <'Maier'>, 'title': <'CTO'>,"
                                " 'phone': <%s>}", customer, PHONE));

  return customer;
}

static gboolean
is_mapped_customer_page (GtkWidget *widget,
                         gpointer   data)
{
  return CRM_IS_CUSTOMER_PAGE (widget) && gtk_widget_get_mapped (widget);
}

static CrmCustomerPage *
open_in_main_window (gint64 customer)
{
  GtkWidget *page;

  crm_window_open_customer (fixture.window, customer);
  ui_run_for (300);
  page = ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_customer_page, NULL);
  g_assert_nonnull (page);
  g_assert_cmpint (crm_customer_page_get_customer_id (CRM_CUSTOMER_PAGE (page)), ==, customer);

  return CRM_CUSTOMER_PAGE (page);
}

#define LOGGER GSIZE_TO_POINTER (CRM_TYPE_CALL_LOGGER)

static CrmCallLogger *
wait_for_logger (void)
{
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, LOGGER));
  return CRM_CALL_LOGGER (ui_find_toplevel (CRM_TYPE_CALL_LOGGER));
}

static char *query (const char *format,
                    ...) G_GNUC_PRINTF (1, 2);

static char *
query (const char *format,
       ...)
{
  g_autofree char *sql = NULL;
  va_list args;

  va_start (args, format);
  sql = g_strdup_vprintf (format, args);
  va_end (args);

  return test_query_string (fixture.store, sql);
}

static char *
dup_status (gint64 customer)
{
  return query ("SELECT status FROM customers WHERE id = %" G_GINT64_FORMAT, customer);
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

typedef struct
{
  CrmCustomerPage *page;
  const char      *title;
} RowWait;

static gboolean
timeline_has_row (gpointer data)
{
  RowWait *wait = data;

  GtkWidget *row = ui_find_widget (GTK_WIDGET (wait->page->timeline), ui_is_mapped_row_titled,
                                   (gpointer) wait->title);

  return row != NULL && ADW_IS_ACTION_ROW (row);
}

/* A New Lead is called from the page: one change holds the call with its
 * duration, outcome and notes, and the follow-up task; the lead becomes a
 * Working Lead, which the toast in the main window says; Undo takes all
 * of it back. */
static void
test_log_call (void)
{
  gint64 customer = add_lead ("Maple Foods");
  g_autofree char *today_text = crm_store_dup_today (fixture.store);
  g_autoptr(GDate) today = crm_date_parse (today_text);
  g_autoptr(GDate) due = crm_call_logger_follow_up_due (CRM_FOLLOW_UP_TOMORROW, today);
  g_autofree char *due_text = crm_date_format (due);
  g_autofree char *expected_task = g_strdup_printf ("Send the SSO brochure|%s|%s|follow-up",
                                                    due_text, ME);
  g_autofree char *call = NULL;
  g_autofree char *task = NULL;
  g_autofree char *title = NULL;
  CrmCustomerPage *page;
  CrmCallLogger *logger;
  GtkWidget *task_row;
  GtkWidget *toast;
  gint64 elapsed;
  char **parts;

  page = open_in_main_window (customer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.log-call", NULL));
  logger = wait_for_logger ();
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (logger)), ==, "Lena Maier · Maple Foods");

  /* The timer runs from the start; an outcome stops it. */
  ui_run_for (1300);
  g_assert_cmpint (crm_call_logger_get_elapsed (logger), >=, 1);
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (ui_find_mapped_button (GTK_WIDGET (logger),
                                                                            "_Save"))));
  crm_call_logger_set_outcome (logger, "Connected");
  elapsed = crm_call_logger_get_elapsed (logger);
  crm_call_logger_set_notes (logger, "Wants SSO; a pilot in July.");
  crm_call_logger_set_follow_up (logger, CRM_FOLLOW_UP_TOMORROW);
  task_row = ui_find_widget (GTK_WIDGET (logger), ui_is_mapped_row_titled, (gpointer) "_Task");
  gtk_editable_set_text (GTK_EDITABLE (task_row), "Send the SSO brochure");
  ui_run_for (1100);
  g_assert_cmpint (crm_call_logger_get_elapsed (logger), ==, elapsed);
  ui_save_screenshot (GTK_WIDGET (logger), "ui-call-logger.png");

  ui_click (ui_find_mapped_button (GTK_WIDGET (logger), "_Save"));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, LOGGER));
  wait_for_status (customer, "Working Lead");

  call = query ("SELECT call_outcome || '|' || call_duration || '|' || body || '|' || author"
                " FROM activities WHERE kind = 'call' AND customer_id = %" G_GINT64_FORMAT,
                customer);
  parts = g_strsplit (call, "|", -1);
  g_assert_cmpstr (parts[0], ==, "Connected");
  g_assert_cmpint (g_ascii_strtoll (parts[1], NULL, 10), ==, elapsed);
  g_assert_cmpstr (parts[2], ==, "Wants SSO; a pilot in July.");
  g_assert_cmpstr (parts[3], ==, ME);
  g_strfreev (parts);
  task = query ("SELECT details || '|' || due_on || '|' || assignee || '|' || kind"
                " FROM tasks WHERE customer_id = %" G_GINT64_FORMAT, customer);
  g_assert_cmpstr (task, ==, expected_task);

  /* The rep is in the main window: the toast is there, one for both. */
  toast = ui_wait_for_toast (GTK_WIDGET (fixture.window),
                             "Call logged, follow-up due tomorrow"
                             " · Maple Foods is now Working Lead");
  title = g_strdup_printf ("Call · %" G_GINT64_FORMAT " s · Connected", elapsed);
  g_assert_true (ui_wait_until (timeline_has_row, &(RowWait) { page, title }));
  ui_save_screenshot (GTK_WIDGET (fixture.window), "ui-call-logged.png");

  ui_click (ui_find_mapped_button (toast, "_Undo"));
  wait_for_status (customer, "New Lead");
  g_assert_null (query ("SELECT id FROM activities WHERE kind = 'call' AND customer_id = %"
                        G_GINT64_FORMAT, customer));
  g_assert_null (query ("SELECT id FROM tasks WHERE customer_id = %" G_GINT64_FORMAT,
                        customer));
}

/* Nobody picked up: no duration is stored, and none is shown. Logged
 * from a customer's own window, the toast is there, not in the main one. */
static void
test_log_missed_call (void)
{
  gint64 customer = add_lead ("Harbor Optics");
  GtkWidget *window = crm_customer_window_new (NULL, fixture.store, customer);
  CrmCustomerPage *page;
  CrmCallLogger *logger;

  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (CRM_CUSTOMER_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_is_drawn, window));
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.log-call", NULL);
  logger = wait_for_logger ();
  ui_run_for (1100);
  crm_call_logger_set_outcome (logger, "No answer");
  crm_call_logger_save (logger);
  g_assert_true (ui_wait_until (ui_has_no_toplevel, LOGGER));

  g_assert_true (ui_wait_until (timeline_has_row, &(RowWait) { page, "Call · No answer" }));
  {
    g_autofree char *duration = query ("SELECT call_duration FROM activities WHERE kind = 'call'"
                                       " AND customer_id = %" G_GINT64_FORMAT, customer);

    g_assert_cmpstr (duration, ==, "0");
  }
  ui_wait_for_toast (window, "Call logged · Harbor Optics is now Working Lead");
  g_assert_null (ui_find_widget (GTK_WIDGET (fixture.window), ui_is_mapped_label_with,
                              (gpointer) "Harbor Optics is now Working Lead"));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

static gboolean
handoff_failed (gpointer data)
{
  CrmCallLogger *logger = data;

  return ui_find_widget (GTK_WIDGET (logger), ui_is_mapped_button_labelled,
                         (gpointer) "Copy _Number") != NULL;
}

static gboolean
is_call_button (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)),
                    "customer.call-contact") == 0;
}

/* The contact's phone button dials at once; nothing here takes tel:, so
 * the logger says so and offers the number, and the timer goes on. */
static void
test_tel_handoff_fails (void)
{
  gint64 customer = add_lead ("Cedar Analytics");
  g_auto(GValue) value = G_VALUE_INIT;
  GdkContentProvider *content;
  CrmCustomerPage *page;
  CrmCallLogger *logger;
  GtkWidget *bar;
  GtkButton *copy;
  GtkWidget *button;

  page = open_in_main_window (customer);
  button = ui_find_widget (GTK_WIDGET (page->contacts_list), is_call_button, NULL);
  g_assert_nonnull (button);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (button), ==, "Call " PHONE);
  g_signal_emit_by_name (button, "clicked");

  logger = wait_for_logger ();
  g_assert_true (ui_wait_until (handoff_failed, logger));
  bar = ui_find_of_type (GTK_WIDGET (logger), GTK_TYPE_INFO_BAR);
  g_assert_true (gtk_info_bar_get_revealed (GTK_INFO_BAR (bar)));
  g_assert_nonnull (ui_find_widget (bar, ui_is_mapped_label_with,
                                    (gpointer) "No app on this computer places calls. Dial"
                                    " +1\u00a0555\u00a00100 on your phone; the timer runs."));
  ui_save_screenshot (GTK_WIDGET (logger), "ui-call-logger-no-softphone.png");

  copy = ui_find_mapped_button (GTK_WIDGET (logger), "Copy _Number");
  ui_click (copy);
  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (logger)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, PHONE);
  g_assert_cmpstr (gtk_button_get_label (copy), ==, "Copied");

  /* Nothing chosen or written yet: Cancel closes without a question. */
  gtk_window_close (GTK_WINDOW (logger));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, LOGGER));
  g_assert_null (query ("SELECT id FROM activities WHERE kind = 'call' AND customer_id = %"
                        G_GINT64_FORMAT, customer));
}

/* Notes are not thrown away without a word. */
static void
test_cancel_asks_before_discarding (void)
{
  gint64 customer = add_lead ("Fjord Design");
  CrmCustomerPage *page;
  CrmCallLogger *logger;
  AdwMessageDialog *dialog;

  page = open_in_main_window (customer);
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.log-call", NULL);
  logger = wait_for_logger ();
  crm_call_logger_set_notes (logger, "Call back after lunch");

  gtk_window_close (GTK_WINDOW (logger));
  g_assert_true (ui_wait_until (ui_has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Discard This Call?");
  adw_message_dialog_response (dialog, "cancel");
  ui_run_for (100);
  g_assert_true (ui_has_mapped_toplevel (LOGGER));

  gtk_window_close (GTK_WINDOW (logger));
  g_assert_true (ui_wait_until (ui_has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG)),
                               "discard");
  g_assert_true (ui_wait_until (ui_has_no_toplevel, LOGGER));
  g_assert_null (query ("SELECT id FROM activities WHERE customer_id = %" G_GINT64_FORMAT
                        " AND kind = 'call'", customer));
}

/* An email sent elsewhere, on the timeline; it counts as contact. */
static void
test_log_email (void)
{
  gint64 customer = add_lead ("Juniper Bikes");
  CrmCustomerPage *page;
  CrmEmailLogDialog *dialog;

  page = open_in_main_window (customer);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.log-email", NULL));
  g_assert_true (ui_wait_until (ui_has_toplevel, GSIZE_TO_POINTER (CRM_TYPE_EMAIL_LOG_DIALOG)));
  dialog = CRM_EMAIL_LOG_DIALOG (ui_find_toplevel (CRM_TYPE_EMAIL_LOG_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "log"));

  crm_email_log_dialog_set_text (dialog, "Proposal for the pilot", "Attached, as discussed.");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "log"));
  ui_save_screenshot (GTK_WIDGET (dialog), "ui-email-log.png");
  ui_click (ui_find_mapped_button (GTK_WIDGET (dialog), "_Log Email"));

  wait_for_status (customer, "Working Lead");
  ui_wait_for_toast (GTK_WIDGET (fixture.window),
                     "Email logged · Juniper Bikes is now Working Lead");
  g_assert_true (ui_wait_until (timeline_has_row,
                                &(RowWait) { page, "Email · “Proposal for the pilot”" }));
  g_assert_null (ui_find_toplevel (CRM_TYPE_EMAIL_LOG_DIALOG));
}

/* Fixture */

static void
set_up (void)
{
  ui_open_rep_profile (&fixture.dir, &fixture.store, &fixture.app, ME);
  fixture.window = ui_present_main_window (fixture.app, fixture.store, 1100, 720);
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

  g_test_add_func ("/crm/ui/call-logger/texts", test_logger_texts);
  g_test_add_func ("/crm/ui/call-logger/fields", test_logger_fields);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/call-logger/log-call", test_log_call);
  g_test_add_func ("/crm/ui/call-logger/missed-call", test_log_missed_call);
  g_test_add_func ("/crm/ui/call-logger/tel-handoff-fails", test_tel_handoff_fails);
  g_test_add_func ("/crm/ui/call-logger/cancel-asks", test_cancel_asks_before_discarding);
  g_test_add_func ("/crm/ui/call-logger/log-email", test_log_email);

  return ui_run_tests (set_up, tear_down);
}
