/* test-ui-opportunities.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-opportunities"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "crm-core.h"
#include "crm-customer-page-private.h"
#include "crm-lost-reason-dialog.h"
#include "crm-opportunity-editor.h"
#include "crm-opportunity-list-page.h"
#include "crm-preferences-pipelines.h"
#include "crm-preferences-window.h"
#include "crm-store.h"
#include "crm-store-demo.h"
#include "crm-store-pipelines.h"
#include "test-ui-util.h"

/* The opportunity editor opened from a customer page, the opportunity
 * list with its row menu (case K1 b) and the Pipelines page of
 * Preferences, for real under Xvfb on a profile filled with the demo book.
 * Each saves a screenshot next to the test program. */

#define N_DEMO_CUSTOMERS 60
#define DEAL_NAME "Atlas Renewal"

static struct {
  char     *dir;
  CrmStore *store;
  gint64    customer_id;
} fixture;

#define EDITOR GSIZE_TO_POINTER (CRM_TYPE_OPPORTUNITY_EDITOR)
#define MESSAGE_DIALOG GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)

/* Widget tree */

static gboolean
is_visible_field_error (GtkWidget *widget,
                        gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "field-error") &&
         gtk_widget_get_mapped (widget) &&
         (text == NULL || g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0);
}

static gboolean
is_row_menu_button (GtkWidget *widget,
                    gpointer   id)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (widget),
                                                       "crm-opportunity-id")) ==
         *(gint64 *) id;
}

/* Store */

static CrmOpportunity *
find_deal (const char *name)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  g_autoptr(GArray) ids = NULL;

  crm_filter_add (filter, "name", CRM_FILTER_OP_IS, g_variant_new_string (name));
  ids = crm_store_query_ids (fixture.store, CRM_ENTITY_OPPORTUNITY, filter, NULL, NULL, FALSE,
                             NULL);
  if (ids == NULL || ids->len != 1)
    return NULL;

  return CRM_OPPORTUNITY (crm_store_load (fixture.store, CRM_ENTITY_OPPORTUNITY,
                                          g_array_index (ids, gint64, 0), NULL));
}

static guint
count_deals (const char *name)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();

  crm_filter_add (filter, "name", CRM_FILTER_OP_IS, g_variant_new_string (name));
  return crm_store_count (fixture.store, CRM_ENTITY_OPPORTUNITY, filter);
}

/* A lead that has no opportunity yet, as when a rep creates the first. */
static gint64
pick_lead (void)
{
  g_autoptr(GArray) ids = crm_store_query_ids (fixture.store, CRM_ENTITY_CUSTOMER, NULL, NULL,
                                               "name", FALSE, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(CrmFilter) filter = crm_filter_new ();
      g_autoptr(GObject) customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id,
                                                    NULL);

      crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS, g_variant_new_int64 (id));
      if (crm_status_is_person_settable (crm_customer_get_status (CRM_CUSTOMER (customer))) &&
          crm_store_count (fixture.store, CRM_ENTITY_OPPORTUNITY, filter) == 0)
        return id;
    }

  g_assert_not_reached ();
}

/* Windows */

static GtkWindow *
window_with (GtkWidget        *child,
             AdwToastOverlay **overlay,
             int               width,
             int               height)
{
  GtkWindow *window = GTK_WINDOW (adw_window_new ());

  gtk_window_set_default_size (window, width, height);
  *overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (*overlay, child);
  adw_window_set_content (ADW_WINDOW (window), GTK_WIDGET (*overlay));
  gtk_window_present (window);

  g_assert_true (ui_wait_until (ui_is_drawn, child));
  ui_run_for (100);

  return window;
}

static void
set_row_text (GtkWidget  *root,
              const char *title,
              const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_find_row (root, title)), text);
}

static void
select_in_combo (GtkWidget  *root,
                 const char *title,
                 const char *value)
{
  AdwComboRow *row = ADW_COMBO_ROW (ui_find_row (root, title));
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_str_equal (gtk_string_object_get_string (item), value))
        {
          adw_combo_row_set_selected (row, i);
          return;
        }
    }

  g_assert_not_reached ();
}

/* The editor from the customer page */

static gboolean
deal_stored (gpointer name)
{
  return count_deals (name) == 1;
}

static gboolean
toast_gone (gpointer data)
{
  const char * const *pair = data;

  return ui_find_widget (GTK_WIDGET (pair[0]), ui_is_mapped_label_with,
                         (gpointer) pair[1]) == NULL;
}

static void
test_editor_from_customer_page (void)
{
  AdwToastOverlay *overlay = NULL;
  g_autoptr(CrmOpportunity) deal = NULL;
  g_autofree char *close_on = NULL;
  CrmOpportunityEditor *editor;
  CrmCustomerPage *page;
  GtkWidget *editor_widget;
  GtkWindow *window;
  GtkWidget *spin;
  guint rows_before;

  fixture.customer_id = pick_lead ();
  page = CRM_CUSTOMER_PAGE (crm_customer_page_new (fixture.store, fixture.customer_id));
  window = window_with (GTK_WIDGET (page), &overlay, 1100, 820);
  rows_before = g_list_model_get_n_items (G_LIST_MODEL (page->opportunities));
  g_assert_cmpuint (rows_before, ==, 0);

  /* The Opportunities section has its Add button. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.add-opportunity",
                                             NULL));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, EDITOR));
  editor = CRM_OPPORTUNITY_EDITOR (ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR));
  editor_widget = GTK_WIDGET (editor);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (editor)) == window);
  g_assert_cmpint (crm_opportunity_editor_get_customer_id (editor), ==, fixture.customer_id);
  ui_run_for (100);

  /* Save with nothing filled in: the problems show under the fields. */
  crm_opportunity_editor_save (editor);
  ui_run_for (50);
  g_assert_nonnull (ui_find_widget (editor_widget, is_visible_field_error,
                                    (gpointer) "Give the opportunity a name"));
  set_row_text (editor_widget, "_Amount", "12,000.505");
  set_row_text (editor_widget, "_Estimated Close Date", "30/06/2026");
  ui_run_for (50);
  g_assert_nonnull (ui_find_widget (editor_widget, is_visible_field_error,
                                    (gpointer) "EUR amounts have at most 2 decimals"));
  g_assert_nonnull (ui_find_widget (editor_widget, is_visible_field_error,
                                    (gpointer) "Enter a date as year-month-day,"
                                    " such as 2026-06-30"));
  g_assert_true (gtk_widget_has_css_class (ui_find_row (editor_widget, "_Amount"), "error"));
  ui_save_window_screenshot (editor_widget, "ui-opportunity-editor-invalid.png");
  g_assert_cmpuint (count_deals (DEAL_NAME), ==, 0);

  /* Filled in properly. */
  set_row_text (editor_widget, "_Name", DEAL_NAME);
  set_row_text (editor_widget, "_Amount", "12,000.50");
  set_row_text (editor_widget, "_Estimated Close Date", "2026-06-30");
  select_in_combo (editor_widget, "_Pipeline", "New Business");
  select_in_combo (editor_widget, "_Stage", "Evaluation");
  select_in_combo (editor_widget, "_Type", "One-time");
  ui_run_for (50);
  g_assert_null (ui_find_widget (editor_widget, is_visible_field_error, NULL));

  /* The stage's defaults fill in win likelihood and forecast category. */
  spin = ui_find_of_type (ui_find_row (editor_widget, "_Win Likelihood"), GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (spin)), ==, 30);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (ui_find_row (editor_widget,
                                                                            "_Forecast Category"))),
                    ==, 1);

  g_assert_true (gtk_widget_activate_action (editor_widget, "editor.add-field", NULL));
  ui_run_for (50);
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (editor));
    GtkWidget *key = gtk_widget_get_ancestor (focus, GTK_TYPE_ENTRY);
    GtkWidget *value = gtk_widget_get_next_sibling (key);

    gtk_editable_set_text (GTK_EDITABLE (key), "po_number");
    gtk_editable_set_text (GTK_EDITABLE (value), "PO-7741");
  }
  ui_save_window_screenshot (editor_widget, "ui-opportunity-editor.png");

  /* Ctrl+Enter runs editor.save. */
  g_assert_true (gtk_widget_activate_action (editor_widget, "editor.save", NULL));
  g_assert_true (ui_wait_until (deal_stored, (gpointer) DEAL_NAME));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, EDITOR));

  deal = find_deal (DEAL_NAME);
  g_assert_nonnull (deal);
  close_on = crm_date_format (crm_opportunity_get_close_on (deal));
  g_assert_cmpint (crm_opportunity_get_customer_id (deal), ==, fixture.customer_id);
  g_assert_cmpint (crm_opportunity_get_amount_minor (deal), ==, 1200050);
  g_assert_cmpstr (crm_opportunity_get_currency (deal), ==, "EUR");
  g_assert_cmpstr (crm_opportunity_get_pipeline (deal), ==, "New Business");
  g_assert_cmpstr (crm_opportunity_get_stage (deal), ==, "Evaluation");
  g_assert_cmpstr (close_on, ==, "2026-06-30");
  g_assert_cmpstr (crm_opportunity_get_opportunity_type (deal), ==, "one-time");
  g_assert_cmpstr (crm_opportunity_get_forecast_category (deal), ==, "best_case");
  g_assert_cmpint (crm_opportunity_get_win_likelihood (deal), ==, 30);
  g_assert_cmpstr (crm_opportunity_get_owner (deal), ==,
                   crm_store_dup_setting (fixture.store, "me.email"));
  g_assert_cmpstr (json_object_get_string_member (crm_opportunity_get_custom (deal),
                                                  "po_number"), ==, "PO-7741");

  /* The window says so, with Undo, and the page lists it. */
  g_assert_nonnull (ui_wait_for_toast_button (GTK_WIDGET (overlay), "Opportunity created",
                                              "_Undo"));
  ui_run_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (page->opportunities)), ==, 1);

  /* The row opens the same opportunity for editing; Escape cancels. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit-opportunity", "x",
                                             crm_record_get_id (CRM_RECORD (deal))));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, EDITOR));
  editor_widget = ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR);
  ui_run_for (100);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (editor_widget, "_Name"))),
                   ==, DEAL_NAME);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_find_row (editor_widget, "_Amount"))),
                   ==, "12000.50");
  ui_save_window_screenshot (editor_widget, "ui-opportunity-editor-edit.png");
  g_assert_true (gtk_widget_activate_action (editor_widget, "window.close", NULL));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, EDITOR));

  ui_save_window_screenshot (GTK_WIDGET (window), "ui-opportunity-customer-page.png");
  gtk_window_destroy (window);
  ui_run_for (50);
}

/* The list and its row menu: case K1 (b) */


typedef struct
{
  CrmQueryModel *model;
  gint64         id;
} RowWait;

static gboolean
row_gone (gpointer data)
{
  RowWait *wait = data;

  return crm_query_model_find (wait->model, wait->id) == G_MAXUINT;
}

static gboolean
deal_in_stage (gpointer stage)
{
  g_autoptr(CrmOpportunity) deal = find_deal (DEAL_NAME);

  return deal != NULL && g_strcmp0 (crm_opportunity_get_stage (deal), stage) == 0;
}

static gboolean
is_visible_menu_button (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
is_popover_shown (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_POPOVER (widget) && gtk_widget_get_mapped (widget);
}

static void
test_list_move_to (void)
{
  g_autoptr(CrmOpportunity) deal = find_deal (DEAL_NAME);
  g_autoptr(CrmOpportunity) moved = NULL;
  g_autoptr(CrmFilter) filter = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GMenuModel) menu = NULL;
  CrmOpportunityListPage *page;
  AdwToastOverlay *overlay = NULL;
  CrmQueryModel *model;
  GtkWidget *button, *popover;
  AdwMessageDialog *dialog;
  GtkWindow *window;
  const char *toast = "“" DEAL_NAME "” moved to Negotiation and is hidden by the filter";
  guint n_evaluation, n_negotiation, seen = 0;
  gint64 id;

  g_assert_nonnull (deal);
  id = crm_record_get_id (CRM_RECORD (deal));
  n_evaluation = crm_store_count_in_stage (fixture.store, "New Business", "Evaluation");
  n_negotiation = crm_store_count_in_stage (fixture.store, "New Business", "Negotiation");

  page = CRM_OPPORTUNITY_LIST_PAGE (crm_opportunity_list_page_new (fixture.store));
  window = window_with (GTK_WIDGET (page), &overlay, 1100, 720);
  model = crm_opportunity_list_page_get_model (page);
  ui_save_window_screenshot (GTK_WIDGET (window), "ui-opportunity-list.png");

  /* Filtered to Evaluation with the lists' grammar. */
  filter = crm_filter_parse ("pipeline is \"New Business\" and stage is \"Evaluation\"", &error);
  g_assert_no_error (error);
  crm_opportunity_list_page_set_filter (page, filter);
  ui_run_for (100);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_evaluation);
  g_assert_cmpuint (crm_query_model_find (model, id), !=, G_MAXUINT);

  /* The row's menu offers the other stages of its pipeline. */
  menu = crm_opportunity_list_page_create_row_menu (page, id);
  g_assert_cmpint (g_menu_model_get_n_items (menu), ==, 2);
  {
    g_autoptr(GMenuModel) stages = g_menu_model_get_item_link (menu, 1, G_MENU_LINK_SUBMENU);

    g_assert_cmpint (g_menu_model_get_n_items (stages), ==, 4);
  }

  gtk_widget_activate_action (GTK_WIDGET (page), "opportunities.show-menu", NULL);
  button = ui_find_widget (GTK_WIDGET (page), is_row_menu_button, &id);
  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  g_assert_true (ui_wait_until ((UiCondition) gtk_widget_get_mapped,
                                gtk_menu_button_get_popover (GTK_MENU_BUTTON (button))));
  popover = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_true (ui_find_widget (popover, is_popover_shown, NULL) != NULL);
  ui_save_window_screenshot (GTK_WIDGET (window), "ui-opportunity-list-filtered.png");
  ui_save_window_screenshot (popover, "ui-opportunity-row-menu.png");

  /* "Move to ▸ Negotiation", as its menu item does. */
  gtk_menu_button_popdown (GTK_MENU_BUTTON (button));
  g_assert_true (gtk_widget_activate_action (button, "opportunities.move-to", "(xs)", id,
                                             "Negotiation"));
  g_assert_true (ui_wait_until (row_gone, &(RowWait) { model, id }));

  /* Stored once, in Negotiation; the counts moved by one. */
  moved = find_deal (DEAL_NAME);
  g_assert_nonnull (moved);
  g_assert_cmpstr (crm_opportunity_get_stage (moved), ==, "Negotiation");
  g_assert_cmpuint (count_deals (DEAL_NAME), ==, 1);
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Evaluation"), ==,
                    n_evaluation - 1);
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Negotiation"),
                    ==, n_negotiation + 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_evaluation - 1);

  /* The toast says where it went and that the filter hides it, with Undo. */
  g_assert_nonnull (ui_wait_for_toast_button (GTK_WIDGET (overlay), toast, "_Undo"));
  ui_save_window_screenshot (GTK_WIDGET (window), "ui-opportunity-list-moved.png");

  /* Clearing the filter shows it once, in Negotiation. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "opportunities.clear-filter",
                                             NULL));
  ui_run_for (100);
  g_assert_null (crm_opportunity_list_page_get_filter (page) != NULL &&
                 !crm_filter_is_empty (crm_opportunity_list_page_get_filter (page))
                 ? (gpointer) page : NULL);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      g_autoptr(CrmOpportunity) item = g_list_model_get_item (G_LIST_MODEL (model), i);

      if (crm_record_get_id (CRM_RECORD (item)) != id)
        continue;
      seen++;
      g_assert_cmpstr (crm_opportunity_get_stage (item), ==, "Negotiation");
    }
  g_assert_cmpuint (seen, ==, 1);

  g_assert_true (ui_wait_until (toast_gone, (gpointer) (const char *[]) { (gpointer) overlay,
                                                                       toast }));

  /* Closed Lost asks for the reason first; Cancel leaves the card. */
  gtk_widget_activate_action (GTK_WIDGET (page), "opportunities.move-to", "(xs)", id,
                              "Closed Lost");
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "lost"));
  ui_save_window_screenshot (GTK_WIDGET (dialog), "ui-opportunity-lost-reason.png");
  adw_message_dialog_response (dialog, "cancel");
  ui_run_for (100);
  g_clear_object (&moved);
  moved = find_deal (DEAL_NAME);
  g_assert_cmpstr (crm_opportunity_get_stage (moved), ==, "Negotiation");

  gtk_widget_activate_action (GTK_WIDGET (page), "opportunities.move-to", "(xs)", id,
                              "Closed Lost");
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  gtk_editable_set_text (crm_lost_reason_dialog_get_entry (CRM_LOST_REASON_DIALOG (dialog)),
                         "Chose a cheaper tool");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "lost"));
  adw_message_dialog_response (dialog, "lost");
  g_assert_true (ui_wait_until (deal_in_stage, (gpointer) "Closed Lost"));
  g_clear_object (&moved);
  moved = find_deal (DEAL_NAME);
  g_assert_cmpstr (crm_opportunity_get_lost_reason (moved), ==, "Chose a cheaper tool");

  /* Undo from the toast reopens it in Negotiation. */
  {
    const char *lost_toast = "“" DEAL_NAME "” moved to Closed Lost";

    ui_click (ui_wait_for_toast_button (GTK_WIDGET (overlay), lost_toast, "_Undo"));
    g_assert_true (ui_wait_until (deal_in_stage, (gpointer) "Negotiation"));
    ui_run_for (600);
  }

  /* "+" creates one for a customer chosen in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "opportunities.new", NULL));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, EDITOR));
  {
    GtkWidget *editor = ui_find_toplevel (CRM_TYPE_OPPORTUNITY_EDITOR);
    GtkWidget *choose = ui_find_widget (editor, is_visible_menu_button, NULL);
    GtkWidget *search;

    g_assert_cmpint (crm_opportunity_editor_get_customer_id (CRM_OPPORTUNITY_EDITOR (editor)),
                     ==, 0);
    g_assert_nonnull (choose);
    gtk_menu_button_popup (GTK_MENU_BUTTON (choose));
    g_assert_true (ui_wait_until ((UiCondition) gtk_widget_get_mapped,
                                  gtk_menu_button_get_popover (GTK_MENU_BUTTON (choose))));
    search = ui_find_of_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (choose))),
                              GTK_TYPE_SEARCH_ENTRY);
    gtk_editable_set_text (GTK_EDITABLE (search), "aurelia");
    ui_run_for (400);
    ui_save_window_screenshot (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (choose))),
                               "ui-opportunity-editor-customer.png");
    g_signal_emit_by_name (search, "activate");
    ui_run_for (50);
    g_assert_cmpint (crm_opportunity_editor_get_customer_id (CRM_OPPORTUNITY_EDITOR (editor)),
                     >, 0);
    g_assert_true (gtk_widget_activate_action (editor, "window.close", NULL));
    g_assert_true (ui_wait_until (ui_has_no_toplevel, EDITOR));
  }

  gtk_window_destroy (window);
  ui_run_for (50);
}

/* Preferences */

static gboolean
order_is (gpointer expected)
{
  g_auto(GStrv) names = crm_store_dup_stage_names (fixture.store, "New Business");
  g_autofree char *order = g_strjoinv (",", names);
  static char *last;

  if (g_strcmp0 (last, order) != 0)
    g_test_message ("Stages: %s", order);
  g_free (last);
  last = g_strdup (order);

  return g_str_equal (order, expected);
}

static GtkWidget *
find_stage_button (GtkWidget  *window,
                   const char *stage,
                   const char *label)
{
  return GTK_WIDGET (ui_find_button (ui_find_row (window, stage), label));
}

typedef struct
{
  GtkWidget  *window;
  const char *stage;
  const char *tooltip;
} FocusWait;

/* After the rows are built again, the focus is on the same button of the
 * same stage. */
static gboolean
focus_is_on (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (wait->window));
  GtkWidget *row = ui_find_widget (wait->window, ui_is_row_titled, (gpointer) wait->stage);

  return focus != NULL && row != NULL && gtk_widget_is_ancestor (focus, row) &&
         GTK_IS_BUTTON (focus) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (focus)), wait->tooltip) == 0;
}

static gboolean
row_replaced (gpointer data)
{
  FocusWait *wait = data;
  GtkWidget *row = ui_find_widget (wait->window, ui_is_row_titled, (gpointer) wait->stage);

  return row != NULL && row != (GtkWidget *) wait->tooltip;
}

static gboolean
row_shown (gpointer data)
{
  const char * const *pair = data;

  return ui_find_widget ((GtkWidget *) pair[0], ui_is_row_titled, (gpointer) pair[1]) != NULL;
}

/* The page may build its rows again after a change from the store (an
 * expanded row stays expanded): the row is looked for anew each time. */
static gboolean
discovery_remove_shown (gpointer data)
{
  GtkWidget *row = ui_find_widget (data, ui_is_row_titled, (gpointer) "Discovery");

  return row != NULL &&
         ui_find_widget (row, ui_is_mapped_button_labelled, (gpointer) "_Remove…") != NULL;
}

typedef struct
{
  const char *name;
  gint64      likelihood;
  const char *category;
  gint64      stale_days;
} StageIs;

static gboolean
stage_is (gpointer data)
{
  StageIs *is = data;
  g_autoptr(CrmStage) stage = crm_store_find_stage (fixture.store, "New Business", is->name);

  return stage != NULL && crm_stage_get_win_likelihood (stage) == is->likelihood &&
         g_strcmp0 (crm_stage_get_forecast_category (stage), is->category) == 0 &&
         crm_stage_get_stale_days (stage) == is->stale_days;
}

static GtkSpinButton *
find_stage_spin (GtkWidget  *window,
                 const char *stage,
                 const char *title)
{
  GtkWidget *row = ui_find_row (ui_find_row (window, stage), title);
  GtkWidget *spin = ui_find_of_type (row, GTK_TYPE_SPIN_BUTTON);

  g_assert_nonnull (spin);
  return GTK_SPIN_BUTTON (spin);
}

/* Adds a stage as a person does, then gives it its defaults and a stale
 * limit, each stored as soon as it is set. */
static void
add_and_set_up_stage (GtkWidget *window)
{
  GtkWidget *add = ui_find_row (window, "Add Stage");
  GtkWidget *demo;

  gtk_editable_set_text (GTK_EDITABLE (add), "Demo");
  g_signal_emit_by_name (add, "apply");
  g_assert_true (ui_wait_until (order_is, (gpointer) "Discovery,Evaluation,Negotiation,Closed Won,"
                                                  "Closed Lost,Demo,Legal Review"));
  g_assert_true (ui_wait_until (stage_is, &(StageIs) { "Demo", 50, "pipeline", -1 }));
  g_assert_true (ui_wait_until (row_shown, (gpointer) (const char *[]) { (gpointer) window,
                                                                      "Demo" }));

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ui_find_row (window, "Demo")), TRUE);
  gtk_spin_button_set_value (find_stage_spin (window, "Demo", "_Win Likelihood"), 40);
  g_assert_true (ui_wait_until (stage_is, &(StageIs) { "Demo", 40, "pipeline", -1 }));

  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_row (ui_find_row (window, "Demo"),
                                                          "_Forecast Category")), 2);
  g_assert_true (ui_wait_until (stage_is, &(StageIs) { "Demo", 40, "committed", -1 }));

  gtk_spin_button_set_value (find_stage_spin (window, "Demo", "_Stale After"), 10);
  g_assert_true (ui_wait_until (stage_is, &(StageIs) { "Demo", 40, "committed", 10 }));

  ui_run_for (200);
  demo = ui_find_row (window, "Demo");
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (demo)), ==,
                   "40 % · Committed · stale after 10 days");
}

static void
test_preferences_pipelines (void)
{
  const char *defaults = "Discovery,Evaluation,Negotiation,Closed Won,Closed Lost";
  GtkWidget *window = crm_preferences_window_new (NULL, fixture.store);
  guint n_negotiation = crm_store_count_in_stage (fixture.store, "New Business",
                                                  "Negotiation");
  guint n_discovery = crm_store_count_in_stage (fixture.store, "New Business", "Discovery");
  GtkWidget *evaluation, *down, *name_row, *legal, *old_row;
  AdwMessageDialog *dialog;

  g_assert_cmpuint (n_discovery, >, 0);
  gtk_window_set_default_size (GTK_WINDOW (window), 640, 900);
  gtk_window_present (GTK_WINDOW (window));
  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (window), "pipelines");
  g_assert_true (ui_wait_until (ui_is_drawn, window));
  ui_run_for (200);

  /* One group per pipeline and one row per stage, with its defaults. */
  evaluation = ui_find_row (window, "Evaluation");
  g_assert_true (ADW_IS_EXPANDER_ROW (evaluation));
  g_assert_cmpstr (adw_expander_row_get_subtitle (ADW_EXPANDER_ROW (evaluation)), ==,
                   "30 % · Best Case · stale after 21 days");
  g_assert_true (ADW_IS_EXPANDER_ROW (ui_find_row (window, "In Discussion")));
  g_assert_false (gtk_widget_get_sensitive (find_stage_button (window, "Discovery",
                                                               "Move _Up")));
  ui_save_window_screenshot (window, "ui-preferences-pipelines.png");

  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ui_find_row (window, "Negotiation")), TRUE);
  ui_run_for (300);
  ui_save_window_screenshot (window, "ui-preferences-pipelines-stage.png");

  /* Move Down keeps the focus on Move Down of the moved stage. */
  old_row = ui_find_row (window, "Negotiation");
  down = find_stage_button (window, "Negotiation", "Move _Down");
  gtk_widget_grab_focus (down);
  g_signal_emit_by_name (down, "clicked");
  g_assert_true (ui_wait_until (order_is,
                                (gpointer) "Discovery,Evaluation,Closed Won,Negotiation,"
                                "Closed Lost"));
  g_assert_true (ui_wait_until (row_replaced,
                                &(FocusWait) { window, "Negotiation", (gpointer) old_row }));
  g_assert_true (ui_wait_until (focus_is_on,
                                &(FocusWait) { window, "Negotiation", "Move _Down" }));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (ui_find_row (window,
                                                                               "Negotiation"))));
  ui_save_window_screenshot (window, "ui-preferences-pipelines-moved.png");
  g_signal_emit_by_name (find_stage_button (window, "Negotiation", "Move _Up"), "clicked");
  g_assert_true (ui_wait_until (order_is, (gpointer) defaults));

  /* A rename renames the stage on its opportunities too; Undo both. */
  name_row = ui_find_row (ui_find_row (window, "Negotiation"), "_Name");
  gtk_editable_set_text (GTK_EDITABLE (name_row), "Proposal");
  g_signal_emit_by_name (name_row, "apply");
  g_assert_true (ui_wait_until (order_is,
                                (gpointer) "Discovery,Evaluation,Proposal,Closed Won,Closed Lost"));
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Proposal"), ==,
                    n_negotiation);
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Negotiation"), ==,
                    0);
  ui_click (ui_wait_for_toast_button (window, "Renamed “Negotiation” to “Proposal”",
                                      "_Undo"));
  g_assert_true (ui_wait_until (order_is, (gpointer) defaults));
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Negotiation"), ==,
                    n_negotiation);

  /* A stage that a sync brought is shown, marked, with Add. */
  {
    GVariantDict fields;

    g_variant_dict_init (&fields, NULL);
    g_variant_dict_insert (&fields, "customer_id", "x", pick_lead ());
    g_variant_dict_insert (&fields, "name", "s", "Synced deal");
    g_variant_dict_insert (&fields, "pipeline", "s", "New Business");
    g_variant_dict_insert (&fields, "stage", "s", "Legal Review");
    g_variant_dict_insert (&fields, "currency", "s", "USD");
    crm_store_insert_async (fixture.store, CRM_ENTITY_OPPORTUNITY,
                            g_variant_dict_end (&fields), CRM_ORIGIN_SYNC, NULL, NULL, NULL);
  }
  g_assert_true (ui_wait_until (row_shown, (gpointer) (const char *[]) { (gpointer) window,
                                                                      "Legal Review" }));
  legal = ui_find_row (window, "Legal Review");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (legal)), ==,
                   "Not configured · 1 opportunity");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (gtk_widget_get_ancestor (legal, GTK_TYPE_SCROLLED_WINDOW))), 0);
  ui_save_window_screenshot (window, "ui-preferences-pipelines-unconfigured.png");

  /* Removing a stage that holds cards asks where they go. */
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (ui_find_row (window, "Discovery")), TRUE);
  g_assert_true (ui_wait_until (discovery_remove_shown, window));
  ui_click (ui_find_mapped_button (ui_find_row (window, "Discovery"), "_Remove…"));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, MESSAGE_DIALOG));
  dialog = ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  ui_run_for (200);
  ui_save_window_screenshot (GTK_WIDGET (dialog), "ui-preferences-pipelines-remove.png");
  adw_message_dialog_response (dialog, "remove");
  g_assert_true (ui_wait_until (order_is,
                                (gpointer) "Evaluation,Negotiation,Closed Won,Closed Lost,"
                                        "Legal Review"));
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Discovery"), ==,
                    0);
  ui_click (ui_wait_for_toast_button (window, "Removed “Discovery”", "_Undo"));
  g_assert_true (ui_wait_until (order_is, (gpointer) "Discovery,Evaluation,Negotiation,Closed Won,"
                                                  "Closed Lost,Legal Review"));
  g_assert_cmpuint (crm_store_count_in_stage (fixture.store, "New Business", "Discovery"), ==,
                    n_discovery);

  add_and_set_up_stage (window);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

/* Fixture */

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;

  ui_open_profile (&fixture.dir, &fixture.store, NULL);
  g_assert_true (crm_store_demo_fill (fixture.store, N_DEMO_CUSTOMERS, &error));
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  ui_run_for (50);
  ui_close_profile (&fixture.dir, &fixture.store, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_set_test_environment ();

  g_test_init (&argc, &argv, NULL);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/opportunities/editor-from-customer-page",
                   test_editor_from_customer_page);
  g_test_add_func ("/crm/ui/opportunities/list-move-to", test_list_move_to);
  g_test_add_func ("/crm/ui/opportunities/preferences-pipelines", test_preferences_pipelines);

  return ui_run_tests (set_up, tear_down);
}
