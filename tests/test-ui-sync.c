/* test-ui-sync.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-sync"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-application.h"
#include "crm-board-page.h"
#include "crm-board-column.h"
#include "crm-contact.h"
#include "crm-customer.h"
#include "crm-customer-page.h"
#include "crm-opportunity.h"
#include "crm-fake-server.h"
#include "crm-opportunity-card.h"
#include "crm-preferences-account.h"
#include "crm-preferences-window.h"
#include "crm-refused-banner.h"
#include "crm-store-board.h"
#include "crm-store-pipelines.h"
#include "crm-sync-details.h"
#include "crm-sync-indicator.h"
#include "crm-window.h"
#include "test-ui-util.h"
#include "test-util.h"

/* The window side of the sync, for real, under Xvfb, against the fake
 * ChartMogul server on loopback and libsecret's file back end. The cases
 * run in order on one profile: the account is saved, synced, shown in
 * each state, its conflicts and refusals settled, and removed. */

#define API_KEY "sk_test_ui_sync_0001"
#define DATA_SOURCE "ds_00000000-0000-4000-8000-0000000000aa"

static struct {
  char *dir;
  CrmFakeServer *server;
  CrmStore *store;
  CrmApplication *app;
  CrmWindow *window;
  char *maple;          /* server uuids */
  char *lena;
  char *cedar_customer;
  char *cedar;
} fixture;

/* The profile and its sync */

static CrmSyncSession *
get_session (void)
{
  return crm_window_get_sync_session (fixture.window);
}

static CrmSyncEngine *
get_engine (void)
{
  return crm_sync_session_get_engine (get_session ());
}

static CrmSyncIndicator *
get_indicator (void)
{
  return CRM_SYNC_INDICATOR (ui_find_of_type (GTK_WIDGET (fixture.window),
                                              CRM_TYPE_SYNC_INDICATOR));
}

static gboolean
title_is (gpointer data)
{
  CrmSyncIndicator *indicator = get_indicator ();

  return gtk_widget_get_visible (GTK_WIDGET (indicator)) &&
         g_strcmp0 (crm_sync_indicator_get_title (indicator), data) == 0;
}

static gboolean
title_starts_with (gpointer data)
{
  CrmSyncIndicator *indicator = get_indicator ();

  return gtk_widget_get_visible (GTK_WIDGET (indicator)) &&
         g_str_has_prefix (crm_sync_indicator_get_title (indicator), data);
}

/* Waits for the row's first line, and says which it shows instead. */
static void
wait_for_title (const char *title)
{
  if (ui_wait_until (title_is, (gpointer) title))
    return;

  g_error ("The sync row says “%s” · “%s”, not “%s”",
           crm_sync_indicator_get_title (get_indicator ()),
           crm_sync_indicator_get_detail (get_indicator ()), title);
}

static gboolean
engine_idle (gpointer data)
{
  return get_engine () != NULL &&
         crm_sync_engine_get_state (get_engine ()) != CRM_SYNC_STATE_SYNCING;
}

static void
assert_row (const char *title,
            const char *detail)
{
  CrmSyncIndicator *indicator = get_indicator ();

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (indicator)));
  g_assert_cmpstr (crm_sync_indicator_get_title (indicator), ==, title);
  g_assert_cmpstr (crm_sync_indicator_get_detail (indicator), ==, detail);
}

static void
on_done_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static const char *
record_uuid (GObject *record)
{
  if (CRM_IS_CUSTOMER (record))
    return crm_customer_get_uuid (CRM_CUSTOMER (record));
  if (CRM_IS_CONTACT (record))
    return crm_contact_get_uuid (CRM_CONTACT (record));
  if (CRM_IS_OPPORTUNITY (record))
    return crm_opportunity_get_uuid (CRM_OPPORTUNITY (record));

  return NULL;
}

static gint64
local_id (CrmEntityKind  kind,
          const char    *uuid)
{
  g_autoptr(GArray) ids = NULL;

  ids = crm_store_query_ids (fixture.store, kind, NULL, NULL, "id", FALSE, NULL);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(GObject) record = crm_store_load (fixture.store, kind,
                                                  g_array_index (ids, gint64, i), NULL);

      if (record != NULL && g_strcmp0 (record_uuid (record), uuid) == 0)
        return g_array_index (ids, gint64, i);
    }

  return 0;
}

static const char *
server_member (const char *resource,
               const char *uuid,
               const char *member)
{
  static char value[256];
  g_autoptr(JsonObject) object = crm_fake_server_dup (fixture.server, resource, uuid);

  g_strlcpy (value, json_object_get_string_member_with_default (object, member, ""),
             sizeof value);
  return value;
}

/* Preferences */

static CrmPreferencesAccount *
open_account_page (void)
{
  GtkWidget *preferences = crm_preferences_window_new (GTK_WINDOW (fixture.window),
                                                       fixture.store);

  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 860);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "account");
  gtk_window_present (GTK_WINDOW (preferences));

  return CRM_PREFERENCES_ACCOUNT (ui_find_of_type (preferences, CRM_TYPE_PREFERENCES_ACCOUNT));
}

static void
close_preferences (CrmPreferencesAccount *page)
{
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (page))));
  ui_run_for (50);
}

static void
set_field (CrmPreferencesAccount *page,
           const char            *title,
           const char            *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_find_row (GTK_WIDGET (page), title)), text);
}

static gboolean
row_titled (gpointer data)
{
  const char **args = data;

  return ui_find_widget ((GtkWidget *) args[0], ui_is_row_titled, (gpointer) args[1]) != NULL;
}

static GtkWidget *
wait_for_row (CrmPreferencesAccount *page,
              const char            *title)
{
  const char *args[] = { (const char *) page, title };

  g_assert_true (ui_wait_until (row_titled, args));
  return ui_find_row (GTK_WIDGET (page), title);
}

static const char *
source_shown (CrmPreferencesAccount *page)
{
  AdwComboRow *row = ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page), "_Data Source"));
  GtkStringObject *item = adw_combo_row_get_selected_item (row);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static gboolean
source_is (gpointer data)
{
  const char **args = data;

  return g_strcmp0 (source_shown ((CrmPreferencesAccount *) args[0]), args[1]) == 0;
}

static gboolean
account_configured (gpointer data)
{
  return get_engine () != NULL;
}

static gboolean
account_gone (gpointer data)
{
  return get_engine () == NULL &&
         !crm_account_get_is_configured (crm_sync_session_get_account (get_session ()));
}

static gboolean
interval_is (gpointer data)
{
  return crm_sync_session_get_interval (get_session ()) == GPOINTER_TO_UINT (data);
}

/* Test cases */

/* Plain HTTP to another computer is refused on the field, and Save with
 * it. */
static void
test_account_plain_http (void)
{
  CrmPreferencesAccount *page = open_account_page ();
  GtkWidget *message;

  g_assert_nonnull (page);
  g_assert_null (ui_find_widget (GTK_WIDGET (page), ui_is_button_labelled,
                                 (gpointer) "_Remove Account…"));

  set_field (page, "_Server", "http://api.example.org");
  set_field (page, "API _Key", API_KEY);
  message = ui_find_row (GTK_WIDGET (page),
                         "The server’s address must start with https:// (plain http:// is "
                         "allowed only to this computer): “http://api.example.org”");
  g_assert_nonnull (message);
  g_assert_true (gtk_widget_is_visible (message));
  g_assert_true (gtk_widget_has_css_class (ui_find_row (GTK_WIDGET (page), "_Server"), "error"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_button (GTK_WIDGET (page),
                                                                       "_Save Account"))));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_button (GTK_WIDGET (page),
                                                                       "_Test Connection"))));
  ui_save_screenshots (gtk_widget_get_ancestor (GTK_WIDGET (page), GTK_TYPE_WINDOW),
                       "sync-account-plain-http");

  /* To this computer it may. */
  set_field (page, "_Server", "http://127.0.0.1:8080");
  g_assert_false (gtk_widget_get_visible (message));
  g_assert_false (gtk_widget_has_css_class (ui_find_row (GTK_WIDGET (page), "_Server"), "error"));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_button (GTK_WIDGET (page),
                                                                      "_Test Connection"))));

  close_preferences (page);
}

/* A refused key shows the server's message; a good one lists the data
 * sources, and "Prospect" can be made. Then Save. */
static void
test_account_connect_and_save (void)
{
  CrmPreferencesAccount *page = open_account_page ();
  GtkWidget *test_row;
  const char *args[] = { (const char *) page, "Prospect" };

  g_free (crm_fake_server_add (fixture.server, "data_sources", "{\"name\":\"Billing\"}"));

  set_field (page, "_Server", crm_fake_server_get_url (fixture.server));
  set_field (page, "API _Key", "sk_test_wrong");
  ui_click (ui_find_button (GTK_WIDGET (page), "_Test Connection"));
  test_row = wait_for_row (page, "Could not connect");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row)), ==,
                   "No valid API key provided");
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_button (GTK_WIDGET (page),
                                                                       "_Save Account"))));
  ui_save_screenshots (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))),
                       "sync-account-refused");

  set_field (page, "API _Key", API_KEY);
  g_assert_nonnull (ui_find_row (GTK_WIDGET (page), "Connection not tested"));
  ui_click (ui_find_button (GTK_WIDGET (page), "_Test Connection"));
  test_row = wait_for_row (page, "Connected to ChartMogul");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (test_row)), ==,
                   "The key works; the account has 1 data source.");
  g_assert_cmpstr (source_shown (page), ==, "Billing");

  ui_click (ui_find_button (GTK_WIDGET (page), "C_reate"));
  g_assert_true (ui_wait_until (source_is, args));
  g_assert_cmpuint (crm_fake_server_count (fixture.server, "data_sources"), ==, 2);
  g_assert_false (gtk_widget_get_visible (ui_find_row (GTK_WIDGET (page),
                                                       "New Data Source “Prospect”")));

  ui_click (ui_find_button (GTK_WIDGET (page), "_Save Account"));
  g_assert_true (ui_wait_until (account_configured, NULL));
  g_assert_cmpint (crm_account_get_key_storage (crm_sync_session_get_account (get_session ())),
                   ==, CRM_KEY_STORAGE_SECRET_SERVICE);
  g_assert_false (gtk_widget_get_visible (ui_find_row (GTK_WIDGET (page),
                                                       "The key is kept only until Prospect "
                                                       "quits")));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (ui_find_button (GTK_WIDGET (page),
                                                                    "_Remove Account…"))));
  ui_save_screenshots (GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (page))),
                       "sync-account-saved");

  /* The periodic sync is the profile's setting; the window follows it. */
  g_assert_cmpuint (crm_sync_session_get_interval (get_session ()), ==, 15);
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page),
                                                          "Sync _Automatically")), 1);
  g_assert_true (ui_wait_until (interval_is, GUINT_TO_POINTER (5)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (GTK_WIDGET (page),
                                                          "Sync _Automatically")), 0);
  g_assert_true (ui_wait_until (interval_is, GUINT_TO_POINTER (0)));

  /* "Me" is the General page's. */
  ui_click (ui_find_button (GTK_WIDGET (page), "_Change…"));
  g_assert_cmpstr (adw_preferences_window_get_visible_page_name (
                     ADW_PREFERENCES_WINDOW (gtk_widget_get_root (GTK_WIDGET (page)))),
                   ==, "general");
  close_preferences (page);

  /* A sync starts shortly after. */
  wait_for_title ("Synced just now");
  assert_row ("Synced just now", NULL);
  g_assert_cmpuint (crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL), ==, 2);
}

/* Sync Now (Ctrl+R) runs a sync against the server. */
static void
test_sync_now (void)
{
  guint before = crm_fake_server_count_requests (fixture.server, "GET", "/v1/customers");
  g_autofree char *json = g_strdup ("{\"name\":\"Juniper Mills\",\"external_id\":\"ext-j\"}");
  g_autofree char **accels = NULL;

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture.app),
                                                  "win.sync-now");
  g_assert_cmpstr (accels[0], ==, "<Control>r");

  g_free (crm_fake_server_add (fixture.server, "customers", json));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.sync-now",
                                             NULL));
  wait_for_title ("Synced just now");
  g_assert_true (ui_wait_until (engine_idle, NULL));
  g_assert_cmpuint (crm_fake_server_count_requests (fixture.server, "GET", "/v1/customers"),
                    ==, before + 1);
  g_assert_cmpuint (crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL), ==, 3);
}

static gboolean
detail_is (gpointer data)
{
  return g_strcmp0 (crm_sync_indicator_get_detail (get_indicator ()), data) == 0;
}

static void
save_sidebar (const char *name)
{
  g_autofree char *file = g_strconcat ("sync-", name, NULL);

  ui_save_screenshots (GTK_WIDGET (get_indicator ()), file);
}

static void
sync_with (const CrmFakeFault *fault,
           const char         *title)
{
  if (fault != NULL)
    crm_fake_server_add_fault (fixture.server, fault);
  crm_sync_session_sync_now (get_session ());
  wait_for_title (title);
}

/* Each state has its words at the sidebar's foot. */
static void
test_row_states (void)
{
  gint64 customer = local_id (CRM_ENTITY_CUSTOMER, fixture.maple);
  CrmFakeFault slow = { .method = "GET", .path = "/v1/customers", .times = 1,
                        .kind = CRM_FAKE_FAULT_SLOW, .delay_ms = 1500 };
  CrmFakeFault down = { .path = "/v1", .kind = CRM_FAKE_FAULT_DROP_BEFORE };
  CrmFakeFault busy = { .method = "GET", .path = "/v1/customers", .times = 1,
                        .kind = CRM_FAKE_FAULT_STATUS, .status = 429, .retry_after = "2" };
  CrmFakeFault refused = { .method = "GET", .path = "/v1/customers", .times = 1,
                           .kind = CRM_FAKE_FAULT_STATUS, .status = 401,
                           .body = "{\"code\":401,\"message\":\"No valid API key provided\","
                                   "\"param\":null}" };
  g_autoptr(GDateTime) until = NULL;
  g_autofree char *rate_title = NULL;
  g_autofree char *time = NULL;

  /* A change waits to be sent. */
  test_update (fixture.store, CRM_ENTITY_CUSTOMER, customer,
               g_variant_new_parsed ("{'city': <'Graz'>}"));
  g_assert_true (ui_wait_until (detail_is, (gpointer) "1 change pending"));
  assert_row ("Synced just now", "1 change pending");
  save_sidebar ("row-pending");

  /* Syncing, with its progress. */
  crm_fake_server_add_fault (fixture.server, &slow);
  crm_sync_session_sync_now (get_session ());
  g_assert_true (ui_wait_until (title_starts_with, (gpointer) "Syncing…"));
  g_assert_true (gtk_widget_get_visible (ui_find_of_type (GTK_WIDGET (get_indicator ()),
                                                          GTK_TYPE_PROGRESS_BAR)));
  save_sidebar ("row-syncing");
  wait_for_title ("Synced just now");
  assert_row ("Synced just now", NULL);
  g_assert_cmpstr (server_member ("customers", fixture.maple, "city"), ==, "Graz");

  /* Offline: the change waits. */
  test_update (fixture.store, CRM_ENTITY_CUSTOMER, customer,
               g_variant_new_parsed ("{'city': <'Linz'>}"));
  crm_sync_engine_set_max_attempts (get_engine (), 1);
  sync_with (&down, "Offline — changes will sync");
  g_assert_true (ui_wait_until (detail_is, (gpointer) "1 change pending"));
  save_sidebar ("row-offline");
  crm_fake_server_clear_faults (fixture.server);

  /* Rate limited: until when the server said. */
  crm_sync_engine_set_max_attempts (get_engine (), 3);
  crm_fake_server_add_fault (fixture.server, &busy);
  crm_sync_session_sync_now (get_session ());
  g_assert_true (ui_wait_until (title_starts_with, (gpointer) "Rate limited until "));
  until = g_date_time_new_from_unix_local (crm_sync_engine_get_resume_at (get_engine ()) /
                                           G_USEC_PER_SEC);
  time = g_date_time_format (until, "%H:%M");
  rate_title = g_strdup_printf ("Rate limited until %s", time);
  assert_row (rate_title, "1 change pending");
  save_sidebar ("row-rate-limited");
  wait_for_title ("Synced just now");
  g_assert_cmpstr (server_member ("customers", fixture.maple, "city"), ==, "Linz");

  /* The server refuses the key. */
  sync_with (&refused, "Sync failed: No valid API key provided");
  save_sidebar ("row-failed");
  crm_fake_server_clear_faults (fixture.server);
  crm_sync_engine_set_max_attempts (get_engine (), 5);
  sync_with (NULL, "Synced just now");
}

static void
move_to_closed_lost (gint64 id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  crm_store_move_opportunity_async (fixture.store, id, "Closed Lost", G_MAXUINT, "Price", NULL,
                                    NULL, on_done_cb, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (crm_store_move_opportunity_finish (fixture.store, result, NULL, &error));
  g_assert_no_error (error);
}

/* S3 on two fields, and K2 (c): the board's card refused. */
static void
make_problems (void)
{
  gint64 lena = local_id (CRM_ENTITY_CONTACT, fixture.lena);
  gint64 cedar = local_id (CRM_ENTITY_OPPORTUNITY, fixture.cedar);
  g_autofree char *path = g_strdup_printf ("/v1/opportunities/%s", fixture.cedar);
  CrmFakeFault refuse = {
    .method = "PATCH", .path = path, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"errors\":{\"pipeline_stage\":\"Closed Lost needs a lost reason on the "
            "server\"}}",
  };
  CrmFakeFault down = { .path = "/v1", .kind = CRM_FAKE_FAULT_DROP_BEFORE };

  g_assert_cmpint (lena, >, 0);
  g_assert_cmpint (cedar, >, 0);

  /* Offline, the rep changes two fields the server changes too. */
  crm_sync_engine_set_max_attempts (get_engine (), 1);
  crm_fake_server_add_fault (fixture.server, &down);
  test_update (fixture.store, CRM_ENTITY_CONTACT, lena,
               g_variant_new_parsed ("{'phone': <'+1 555 0111'>, 'title': <'Head of Buying'>}"));
  crm_fake_server_edit (fixture.server, "contacts", fixture.lena,
                        "{\"phone\":\"+1 555 0122\",\"title\":\"Purchasing Lead\"}");
  sync_with (NULL, "Offline — changes will sync");
  crm_fake_server_clear_faults (fixture.server);

  /* The rep drags Cedar to Closed Lost; the server refuses (K2 (c)). */
  crm_fake_server_add_fault (fixture.server, &refuse);
  move_to_closed_lost (cedar);
  crm_sync_engine_set_max_attempts (get_engine (), 5);
  sync_with (NULL, "2 conflicts · 1 change refused");
  assert_row ("2 conflicts · 1 change refused", "Synced just now");
  save_sidebar ("row-problems");
  ui_save_screenshot (GTK_WIDGET (fixture.window), "sync-window-problems.png");
}

static CrmSyncDetails *
open_details (void)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.sync-details",
                                             NULL));
  g_assert_true (ui_wait_until (ui_has_toplevel, GSIZE_TO_POINTER (CRM_TYPE_SYNC_DETAILS)));

  return CRM_SYNC_DETAILS (ui_find_toplevel (CRM_TYPE_SYNC_DETAILS));
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  return ui_find_widget (root, ui_is_label_with, (gpointer) text) != NULL;
}

/* The row of the conflicts list that names @field. */
static GtkWidget *
conflict_row (CrmSyncDetails *details,
              const char     *field)
{
  GtkListBox *list = crm_sync_details_get_conflicts_list (details);

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (has_label (row, field))
      return row;

  return NULL;
}

static guint
n_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n += GTK_IS_LIST_BOX_ROW (row);

  return n;
}

static gboolean
no_conflicts (gpointer data)
{
  return crm_sync_engine_get_conflict_count (get_engine ()) == 0 &&
         n_rows (crm_sync_details_get_conflicts_list (data)) == 0;
}

/* S3 from the details: each field its own choice. */
static void
test_details_conflicts (void)
{
  CrmSyncDetails *details;
  GtkWidget *phone, *title;
  gint64 lena;
  g_autoptr(GObject) contact = NULL;
  g_autofree char *local_title = NULL;

  make_problems ();
  details = open_details ();
  gtk_window_set_default_size (GTK_WINDOW (details), 620, 720);

  /* Asked again, the same window comes forward. */
  g_assert_true (open_details () == details);
  g_assert_cmpuint (n_rows (crm_sync_details_get_conflicts_list (details)), ==, 2);
  g_assert_cmpuint (n_rows (crm_sync_details_get_refused_list (details)), ==, 1);

  phone = conflict_row (details, "Phone");
  title = conflict_row (details, "Job Title");
  g_assert_nonnull (phone);
  g_assert_nonnull (title);
  g_assert_true (has_label (phone, "Lena Maier (Maple Foods)"));
  g_assert_true (has_label (phone, "+1 555 0111"));
  g_assert_true (has_label (phone, "+1 555 0122"));
  g_assert_true (has_label (title, "Head of Buying"));
  g_assert_true (has_label (title, "Purchasing Lead"));
  ui_save_screenshots (GTK_WIDGET (details), "sync-details");

  ui_click (ui_find_button (phone, "_Keep Mine"));
  ui_click (ui_find_button (title, "_Use Server’s"));
  g_assert_true (ui_wait_until (no_conflicts, details));

  /* Nothing went yet; the next sync sends hers. */
  g_assert_cmpstr (server_member ("contacts", fixture.lena, "phone"), ==, "+1 555 0122");
  sync_with (NULL, "1 change refused");
  g_assert_cmpstr (server_member ("contacts", fixture.lena, "phone"), ==, "+1 555 0111");
  g_assert_cmpstr (server_member ("contacts", fixture.lena, "title"), ==, "Purchasing Lead");
  lena = local_id (CRM_ENTITY_CONTACT, fixture.lena);
  contact = crm_store_load (fixture.store, CRM_ENTITY_CONTACT, lena, NULL);
  g_object_get (contact, "title", &local_title, NULL);
  g_assert_cmpstr (local_title, ==, "Purchasing Lead");
}

static CrmOpportunityCard *
cedar_card (void)
{
  CrmBoardPage *board = CRM_BOARD_PAGE (crm_window_show_pipeline (fixture.window));
  gint64 cedar = local_id (CRM_ENTITY_OPPORTUNITY, fixture.cedar);
  GtkWidget *column = NULL;

  for (GtkWidget *child = ui_find_of_type (GTK_WIDGET (board), CRM_TYPE_BOARD_COLUMN);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (CRM_IS_BOARD_COLUMN (child) &&
        g_strcmp0 (crm_board_column_get_stage (CRM_BOARD_COLUMN (child)), "Negotiation") == 0)
      column = child;

  g_assert_nonnull (column);
  return crm_board_column_find_card (CRM_BOARD_COLUMN (column), cedar);
}

static gboolean
card_shown (gpointer data)
{
  return cedar_card () != NULL;
}

static gboolean
card_refused (gpointer data)
{
  CrmOpportunityCard *card = cedar_card ();

  return card != NULL &&
         (crm_opportunity_card_get_refused (card) != NULL) == GPOINTER_TO_INT (data);
}

static gboolean
no_refusals (gpointer data)
{
  return crm_sync_engine_get_failed_count (get_engine ()) == 0 &&
         n_rows (crm_sync_details_get_refused_list (data)) == 0;
}

static gboolean
customer_page_shows (gpointer data)
{
  GtkWidget *page = ui_find_of_type (GTK_WIDGET (fixture.window), CRM_TYPE_CUSTOMER_PAGE);

  return page != NULL && gtk_widget_get_mapped (page) &&
         crm_customer_page_get_customer_id (CRM_CUSTOMER_PAGE (page)) == *(gint64 *) data;
}

static char *
dup_stage (const char *uuid)
{
  g_autoptr(GObject) deal = crm_store_load (fixture.store, CRM_ENTITY_OPPORTUNITY,
                                            local_id (CRM_ENTITY_OPPORTUNITY, uuid), NULL);

  return g_strdup (crm_opportunity_get_stage (CRM_OPPORTUNITY (deal)));
}

/* K2 (c): Edit puts the refused change back on its record, shows the
 * record to correct, and the next sync sends it again. */
static void
test_details_edit (void)
{
  CrmSyncDetails *details = CRM_SYNC_DETAILS (ui_find_toplevel (CRM_TYPE_SYNC_DETAILS));
  GtkListBox *refused = crm_sync_details_get_refused_list (details);
  GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (refused));
  gint64 customer = local_id (CRM_ENTITY_CUSTOMER, fixture.cedar_customer);
  g_autofree char *stage = NULL;

  ui_click (ui_find_button (row, "_Edit"));
  g_assert_true (ui_wait_until (no_refusals, details));
  stage = dup_stage (fixture.cedar);
  g_assert_cmpstr (stage, ==, "Closed Lost");
  g_assert_true (ui_wait_until (customer_page_shows, &customer));
  g_assert_true (ui_wait_until (detail_is, (gpointer) "1 change pending"));

  /* Sent again as it was, refused again. */
  gtk_window_present (GTK_WINDOW (details));
  sync_with (NULL, "1 change refused");
  g_assert_cmpuint (n_rows (crm_sync_details_get_refused_list (details)), ==, 1);
  g_clear_pointer (&stage, g_free);
  stage = dup_stage (fixture.cedar);
  g_assert_cmpstr (stage, ==, "Negotiation");
}

/* K2 (c): the refused card is marked on the board; Discard settles it. */
static void
test_details_discard (void)
{
  CrmSyncDetails *details = CRM_SYNC_DETAILS (ui_find_toplevel (CRM_TYPE_SYNC_DETAILS));
  GtkListBox *refused;
  GtkWidget *row;
  g_autoptr(GObject) deal = NULL;
  g_autofree char *stage = NULL;

  g_assert_nonnull (details);
  refused = crm_sync_details_get_refused_list (details);
  row = gtk_widget_get_first_child (GTK_WIDGET (refused));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), ==,
                   "Opportunity (Cedar)");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "Change refused: Closed Lost needs a lost reason on the server");

  /* Back in its stage, marked, the message as the mark's tooltip. */
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_assert_true (ui_wait_until (card_shown, NULL));
  g_assert_true (ui_wait_until (card_refused, GINT_TO_POINTER (TRUE)));
  g_assert_cmpstr (crm_opportunity_card_get_refused (cedar_card ()), ==,
                   "Refused by ChartMogul: Closed Lost needs a lost reason on the server");
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1400, 720);
  g_assert_true (ui_wait_until (ui_transitions_done, fixture.window));
  ui_save_screenshot (GTK_WIDGET (fixture.window), "sync-board-refused.png");
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 720);

  gtk_window_present (GTK_WINDOW (details));
  ui_click (ui_find_button (row, "_Discard"));
  g_assert_true (ui_wait_until (no_refusals, details));
  g_assert_true (ui_wait_until (card_refused, GINT_TO_POINTER (FALSE)));

  deal = crm_store_load (fixture.store, CRM_ENTITY_OPPORTUNITY,
                         local_id (CRM_ENTITY_OPPORTUNITY, fixture.cedar), NULL);
  g_object_get (deal, "stage", &stage, NULL);
  g_assert_cmpstr (stage, ==, "Negotiation");
  g_assert_cmpstr (server_member ("opportunities", fixture.cedar, "pipeline_stage"), ==,
                   "Negotiation");

  /* All is in sync, and it says so. */
  wait_for_title ("Synced just now");
  g_assert_true (has_label (GTK_WIDGET (details), "Everything Is in Sync"));
  ui_save_screenshots (GTK_WIDGET (details), "sync-details-empty");
  gtk_window_destroy (GTK_WINDOW (details));
  crm_window_select_list (fixture.window, "all-customers");
}

static CrmRefusedBanner *
shown_banner (gint64 customer)
{
  GtkWidget *page = ui_find_of_type (GTK_WIDGET (fixture.window), CRM_TYPE_CUSTOMER_PAGE);

  g_assert_nonnull (page);
  g_assert_cmpint (crm_customer_page_get_customer_id (CRM_CUSTOMER_PAGE (page)), ==, customer);
  return CRM_REFUSED_BANNER (ui_find_of_type (page, CRM_TYPE_REFUSED_BANNER));
}

static gboolean
banner_counts (gpointer data)
{
  GtkWidget *page = ui_find_of_type (GTK_WIDGET (fixture.window), CRM_TYPE_CUSTOMER_PAGE);
  GtkWidget *banner = page != NULL ? ui_find_of_type (page, CRM_TYPE_REFUSED_BANNER) : NULL;

  return banner != NULL &&
         crm_refused_banner_get_n_changes (CRM_REFUSED_BANNER (banner)) == GPOINTER_TO_UINT (data);
}

/* The row of the banner whose title is @title. */
static GtkWidget *
banner_row (CrmRefusedBanner *banner,
            const char       *title)
{
  GtkWidget *label = ui_find_widget (GTK_WIDGET (banner), ui_is_label_with, (gpointer) title);

  g_assert_nonnull (label);
  return gtk_widget_get_parent (gtk_widget_get_parent (label));
}

static gint64
count_contacts (const char *first_name)
{
  g_autoptr(GArray) ids = crm_store_query_ids (fixture.store, CRM_ENTITY_CONTACT, NULL, NULL,
                                               NULL, FALSE, NULL);
  gint64 n = 0;

  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      g_autoptr(GObject) contact = crm_store_load (fixture.store, CRM_ENTITY_CONTACT,
                                                   g_array_index (ids, gint64, i), NULL);

      if (contact != NULL &&
          g_strcmp0 (crm_contact_get_first_name (CRM_CONTACT (contact)), first_name) == 0)
        n++;
    }

  return n;
}

static gboolean
has_contact (gpointer data)
{
  return count_contacts (data) == 1;
}

static gboolean
is_mapped_label (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static gboolean
toast_mapped (gpointer data)
{
  return ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_label, data) != NULL;
}

/* The toast that says @title, shown (others may be on their way out). */
static GtkWidget *
toast_of (const char *title)
{
  GtkWidget *label = ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_label,
                                     (gpointer) title);

  g_assert_nonnull (label);
  return gtk_widget_get_parent (gtk_widget_get_parent (label));
}

static gboolean
one_refused_one_pending (gpointer data)
{
  return crm_sync_engine_get_failed_count (get_engine ()) == 1 &&
         crm_sync_engine_get_pending_count (get_engine ()) == 1;
}

/* K2 (c) where the rep looks: a customer's refused change and its
 * contact's refused create, on the customer's page with Edit and Discard;
 * the create's Discard can be undone. */
static void
test_customer_page_refused (void)
{
  gint64 maple = local_id (CRM_ENTITY_CUSTOMER, fixture.maple);
  g_autofree char *path = g_strdup_printf ("/v1/customers/%s", fixture.maple);
  CrmFakeFault refuse_edit = {
    .method = "PATCH", .path = path, .times = 1, .kind = CRM_FAKE_FAULT_STATUS, .status = 422,
    .body = "{\"code\":422,\"message\":\"Email is invalid\",\"param\":\"email\"}",
  };
  CrmFakeFault refuse_create = {
    .method = "POST", .path = "/v1/contacts", .times = 1, .kind = CRM_FAKE_FAULT_STATUS,
    .status = 422, .body = "{\"code\":422,\"message\":\"Email has already been taken\","
                           "\"param\":\"email\"}",
  };
  g_autoptr(GObject) customer = NULL;
  CrmRefusedBanner *banner;

  crm_fake_server_add_fault (fixture.server, &refuse_edit);
  crm_fake_server_add_fault (fixture.server, &refuse_create);
  test_update (fixture.store, CRM_ENTITY_CUSTOMER, maple,
               g_variant_new_parsed ("{'email': <'billing at maple.example.org'>}"));
  test_insert (fixture.store, CRM_ENTITY_CONTACT,
               g_variant_new_parsed ("{'customer_id': <%x>, 'first_name': <'Ola'>,"
                                     " 'last_name': <'Berg'>, 'email': <'ola@example.org'>}",
                                     maple));
  sync_with (NULL, "2 changes refused");

  crm_window_open_customer (fixture.window, maple);
  g_assert_true (ui_wait_until (customer_page_shows, &maple));
  g_assert_true (ui_wait_until (banner_counts, GUINT_TO_POINTER (2)));
  banner = shown_banner (maple);
  g_assert_true (ui_wait_until (ui_transitions_done, fixture.window));
  ui_save_screenshots (GTK_WIDGET (fixture.window), "sync-customer-refused");

  /* Discard the contact: gone, and back with Undo. */
  ui_click (ui_find_button (banner_row (banner, "Ola Berg (Maple Foods)"), "_Discard"));
  g_assert_true (ui_wait_until (banner_counts, GUINT_TO_POINTER (1)));
  g_assert_cmpint (count_contacts ("Ola"), ==, 0);
  g_assert_true (ui_wait_until (toast_mapped, (gpointer) "Discarded Ola Berg (Maple Foods)"));
  /* libadwaita 1.2 frees a toast twice when it is dismissed (its button
   * clicked) while it still slides in: as a person would, wait. */
  ui_run_for (400);
  ui_click (ui_find_button (toast_of ("Discarded Ola Berg (Maple Foods)"), "_Undo"));
  g_assert_true (ui_wait_until (has_contact, (gpointer) "Ola"));
  g_assert_true (ui_wait_until (one_refused_one_pending, NULL));

  /* Edit the customer's: back on the record, to correct; sent again. */
  ui_click (ui_find_button (banner_row (banner, "Maple Foods"), "_Edit"));
  g_assert_true (ui_wait_until (banner_counts, GUINT_TO_POINTER (0)));
  customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, maple, NULL);
  g_assert_cmpstr (crm_customer_get_email (CRM_CUSTOMER (customer)), ==,
                   "billing at maple.example.org");
  test_update (fixture.store, CRM_ENTITY_CUSTOMER, maple,
               g_variant_new_parsed ("{'email': <'billing@maple.example.org'>}"));
  sync_with (NULL, "Synced just now");
  g_assert_cmpstr (server_member ("customers", fixture.maple, "email"), ==,
                   "billing@maple.example.org");
  g_assert_cmpint (count_contacts ("Ola"), ==, 1);
  crm_window_select_list (fixture.window, "all-customers");
}

/* Removing the account keeps the data; the row goes. */
static void
test_account_remove (void)
{
  CrmPreferencesAccount *page = open_account_page ();
  guint customers = crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL);
  AdwMessageDialog *dialog;

  ui_click (ui_find_button (GTK_WIDGET (page), "_Remove Account…"));
  g_assert_true (ui_wait_until (ui_has_toplevel, GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Remove the ChartMogul Account?");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "stay on this computer"));
  ui_save_screenshot (GTK_WIDGET (dialog), "sync-account-remove.png");

  adw_message_dialog_response (dialog, "remove");
  g_assert_true (ui_wait_until (account_gone, NULL));
  ui_run_for (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_indicator ())));
  g_assert_cmpuint (crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL), ==, customers);
  g_assert_null (ui_find_widget (GTK_WIDGET (page), ui_is_button_labelled,
                                 (gpointer) "_Remove Account…"));
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (ui_find_button (GTK_WIDGET (page),
                                                                       "_Save Account"))));
  close_preferences (page);
}

/* A child with no session bus and no SECRET_BACKEND: no keyring at all. */
static void
test_memory_key_child (void)
{
  g_autofree char *path = g_build_filename (fixture.dir, "memory.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmStore) store = NULL;
  CrmFakeServer *server = crm_fake_server_new (API_KEY);
  CrmPreferencesAccount *page;
  GtkWidget *preferences;
  GtkWidget *memory;
  const char *args[2];

  g_unsetenv ("SECRET_BACKEND");
  g_setenv ("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/prospect-test-bus", TRUE);

  store = crm_store_open (path, &error);
  g_assert_no_error (error);
  preferences = crm_preferences_window_new (NULL, store);
  gtk_window_set_default_size (GTK_WINDOW (preferences), 640, 860);
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (preferences), "account");
  gtk_window_present (GTK_WINDOW (preferences));
  page = CRM_PREFERENCES_ACCOUNT (ui_find_of_type (preferences, CRM_TYPE_PREFERENCES_ACCOUNT));

  set_field (page, "_Server", crm_fake_server_get_url (server));
  set_field (page, "API _Key", API_KEY);
  ui_click (ui_find_button (GTK_WIDGET (page), "_Test Connection"));
  wait_for_row (page, "Connected to ChartMogul");
  ui_click (ui_find_button (GTK_WIDGET (page), "C_reate"));
  args[0] = (const char *) page;
  args[1] = "Prospect";
  g_assert_true (ui_wait_until (source_is, args));
  ui_click (ui_find_button (GTK_WIDGET (page), "_Save Account"));

  memory = wait_for_row (page, "The key is kept only until Prospect quits");
  g_assert_true (ui_wait_until ((UiCondition) gtk_widget_get_visible, memory));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (memory)), ==,
                   "There is no keyring on this computer to keep it in safely. Enter it "
                   "again after starting Prospect next time.");
  ui_save_screenshots (preferences, "sync-account-memory-key");

  gtk_window_destroy (GTK_WINDOW (preferences));
  ui_run_for (50);
  crm_store_close (store);
  crm_fake_server_free (server);
}

static void
test_memory_key (void)
{
  if (g_test_subprocess ())
    {
      test_memory_key_child ();
      return;
    }

  g_test_trap_subprocess (NULL, 60 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Fixture */

static void
fill_server (void)
{
  g_autofree char *lena = NULL;
  g_autofree char *deal = NULL;

  fixture.maple = crm_fake_server_add (fixture.server, "customers",
                                       "{\"name\":\"Maple Foods\",\"external_id\":\"ext-m\"}");
  fixture.cedar_customer = crm_fake_server_add (fixture.server, "customers",
                                                "{\"name\":\"Cedar\",\"external_id\":\"ext-c\"}");
  lena = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"first_name\":\"Lena\","
                          "\"last_name\":\"Maier\",\"title\":\"Buyer\","
                          "\"phone\":\"+1 555 0100\"}", fixture.maple);
  fixture.lena = crm_fake_server_add (fixture.server, "contacts", lena);
  deal = g_strdup_printf ("{\"customer_uuid\":\"%s\",\"owner\":\"rep@example.com\","
                          "\"pipeline\":\"New Business\",\"pipeline_stage\":\"Negotiation\","
                          "\"estimated_close_date\":\"2025-08-31\",\"currency\":\"EUR\","
                          "\"amount_in_cents\":200000}", fixture.cedar_customer);
  fixture.cedar = crm_fake_server_add (fixture.server, "opportunities", deal);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (fixture.dir, "profile.db", NULL);

  fixture.server = crm_fake_server_new (API_KEY);
  fill_server ();

  fixture.store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_ensure_default_pipelines (fixture.store, NULL));

  fixture.app = crm_application_new ();
  g_application_register (G_APPLICATION (fixture.app), NULL, &error);
  g_assert_no_error (error);

  fixture.window = crm_window_new (fixture.app, fixture.store);
  crm_sync_session_set_timing (get_session (), 50, 50);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture.window));

  /* No account yet: no row. */
  ui_run_for (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (get_indicator ())));
}

static void
tear_down (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (50);

  if (fixture.store != NULL)
    crm_store_close (fixture.store);
  g_clear_object (&fixture.store);
  g_clear_object (&fixture.app);
  g_clear_pointer (&fixture.server, crm_fake_server_free);
  g_free (fixture.maple);
  g_free (fixture.lena);
  g_free (fixture.cedar_customer);
  g_free (fixture.cedar);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keyring = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("PROSPECT_NON_UNIQUE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);

  fixture.dir = test_make_temp_dir ("prospect-ui-sync-XXXXXX");
  keyring = g_build_filename (fixture.dir, "keyring", NULL);

  /* Before anything calls libsecret. */
  g_setenv ("SECRET_BACKEND", "file", TRUE);
  g_setenv ("SECRET_FILE_TEST_PATH", keyring, TRUE);
  g_setenv ("SECRET_FILE_TEST_PASSWORD", "test-password", TRUE);

  status = ui_init ();
  if (status != 0)
    return status;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  g_test_add_func ("/crm/ui/sync/account-memory-key", test_memory_key);
  g_test_add_func ("/crm/ui/sync/account-plain-http", test_account_plain_http);
  g_test_add_func ("/crm/ui/sync/account-connect-and-save", test_account_connect_and_save);
  g_test_add_func ("/crm/ui/sync/sync-now", test_sync_now);
  g_test_add_func ("/crm/ui/sync/row-states", test_row_states);
  g_test_add_func ("/crm/ui/sync/details-s3-conflicts", test_details_conflicts);
  g_test_add_func ("/crm/ui/sync/details-k2c-edit", test_details_edit);
  g_test_add_func ("/crm/ui/sync/details-k2c-discard", test_details_discard);
  g_test_add_func ("/crm/ui/sync/customer-page-k2c", test_customer_page_refused);
  g_test_add_func ("/crm/ui/sync/account-remove", test_account_remove);

  /* A child runs only its own case, without the shared window. */
  if (!g_test_subprocess ())
    set_up ();
  status = g_test_run ();
  if (!g_test_subprocess ())
    tear_down ();

  return status;
}
