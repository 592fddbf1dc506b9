/* test-ui-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-lists"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "crm-application.h"
#include "crm-builtin-lists.h"
#include "crm-customer-list-page.h"
#include "crm-filter-bar.h"
#include "crm-filter-condition-editor.h"
#include "crm-query-model.h"
#include "crm-saved-lists.h"
#include "crm-sidebar-row.h"
#include "crm-store.h"
#include "crm-store-demo.h"
#include "crm-window.h"
#include "test-ui-util.h"

/* Lists in the real window, under Xvfb: the filter bar, saving a filter
 * as a list, renaming, moving and deleting it (with Undo), the text mode,
 * and the stale working leads. The cases share one demo profile and run
 * in order. */

#define N_DEMO_CUSTOMERS 150

static struct {
  char *dir;
  CrmStore *store;
  CrmApplication *app;
  CrmWindow *window;
  gint64 saved_id;
} fixture;

#define MESSAGE_DIALOG GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)

/* Widget lookups */

static gboolean
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  GtkWidget *widget = ui_find_widget (root, is_named, (gpointer) name);

  g_assert_nonnull (widget);
  return widget;
}

static CrmCustomerListPage *
get_page (void)
{
  return crm_window_get_list_page (fixture.window);
}

static CrmQueryModel *
get_model (void)
{
  return crm_customer_list_page_get_model (get_page ());
}

static CrmFilterBar *
get_bar (void)
{
  return crm_customer_list_page_get_filter_bar (get_page ());
}

static guint
n_items (void)
{
  return g_list_model_get_n_items (G_LIST_MODEL (get_model ()));
}

static guint
count (CrmFilter *filter)
{
  return crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, filter);
}

static guint
count_text (const char *expression)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) filter = crm_filter_parse (expression, &error);

  g_assert_no_error (error);
  return count (filter);
}

static GtkListBox *
get_sidebar (void)
{
  return GTK_LIST_BOX (ui_find_of_type (GTK_WIDGET (fixture.window), GTK_TYPE_LIST_BOX));
}

static CrmSidebarRow *
find_row (const char *list_id)
{
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (get_sidebar ()));
       row != NULL;
       row = gtk_widget_get_next_sibling (row))
    if (CRM_IS_SIDEBAR_ROW (row) &&
        g_strcmp0 (crm_sidebar_row_get_list_id (CRM_SIDEBAR_ROW (row)), list_id) == 0)
      return CRM_SIDEBAR_ROW (row);

  return NULL;
}

static void
add_text (CrmFilterBar *bar,
          const char   *expression)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CrmFilter) condition = crm_filter_parse (expression, &error);

  g_assert_no_error (error);
  crm_filter_bar_add_condition (bar, condition);
}

static char *
dup_saved_id (void)
{
  return crm_saved_lists_make_list_id (fixture.saved_id);
}

/* Conditions */

static gboolean
model_has_n_items (gpointer data)
{
  return n_items () == GPOINTER_TO_UINT (data);
}

static gboolean
row_exists (gpointer data)
{
  return find_row (data) != NULL;
}

static gboolean
row_gone (gpointer data)
{
  return find_row (data) == NULL;
}

static gboolean
row_selected (gpointer data)
{
  CrmSidebarRow *row = find_row (data);

  return row != NULL &&
         gtk_list_box_get_selected_row (get_sidebar ()) == GTK_LIST_BOX_ROW (row);
}

static gboolean
row_counts_right (gpointer data)
{
  CrmSidebarRow *row = find_row (data);

  return row != NULL &&
         crm_sidebar_row_get_count (row) == count (crm_sidebar_row_get_filter (row));
}

static gboolean
row_has_title (gpointer data)
{
  const char * const *pair = data;
  CrmSidebarRow *row = find_row (pair[0]);

  return row != NULL && g_strcmp0 (crm_sidebar_row_get_title (row), pair[1]) == 0;
}

static gboolean
saved_list_exists (gpointer data)
{
  g_autoptr(CrmSavedList) list = crm_saved_lists_lookup (fixture.store, CRM_ENTITY_CUSTOMER,
                                                         data);

  if (list != NULL)
    fixture.saved_id = crm_record_get_id (CRM_RECORD (list));

  return list != NULL;
}

/* Dialogs */

static AdwMessageDialog *
wait_for_dialog (void)
{
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, MESSAGE_DIALOG));
  return ADW_MESSAGE_DIALOG (ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *entry = ui_find_of_type (adw_message_dialog_get_extra_child (dialog), GTK_TYPE_ENTRY);

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  ui_click (ui_find_mapped_button (GTK_WIDGET (dialog), label));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, MESSAGE_DIALOG));
}

/* Test cases */

static void
test_sidebar_lists (void)
{
  const CrmBuiltinList *lists;
  guint n_lists;

  fixture.window = crm_window_new (fixture.app, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1180, 760);
  gtk_window_present (GTK_WINDOW (fixture.window));
  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));

  lists = crm_builtin_list_get_all (&n_lists);
  g_assert_cmpuint (n_lists, ==, 4);
  for (guint i = 0; i < n_lists; i++)
    g_assert_true (ui_wait_until (row_counts_right, (gpointer) lists[i].id));

  /* The stale list uses the profile's stale days. */
  {
    g_autoptr(CrmFilter) stale = crm_builtin_list_filter_for_days (CRM_BUILTIN_LIST_STALE, 21);
    CrmSidebarRow *row = find_row (CRM_BUILTIN_LIST_STALE);

    g_assert_true (crm_filter_equal (crm_sidebar_row_get_filter (row), stale));
    g_assert_cmpuint (crm_sidebar_row_get_count (row), >, 0);
  }

  g_assert_true (ui_wait_until (model_has_n_items,
                                GUINT_TO_POINTER (count_text (""))));
  g_assert_false (crm_filter_bar_get_modified (get_bar ()));
  g_assert_cmpuint (crm_filter_bar_get_n_conditions (get_bar ()), ==, 0);
}

static CrmFilterConditionEditor *
open_add_popover (void)
{
  GtkWidget *bar = GTK_WIDGET (get_bar ());
  GtkMenuButton *add = GTK_MENU_BUTTON (find_named (bar, "add-filter-button"));
  GtkPopover *popover = gtk_menu_button_get_popover (add);
  GType type = CRM_TYPE_FILTER_CONDITION_EDITOR;

  gtk_menu_button_popup (add);
  ui_run_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  return CRM_FILTER_CONDITION_EDITOR (ui_find_of_type (GTK_WIDGET (popover), type));
}

static GtkPopover *
get_add_popover (void)
{
  GtkWidget *add = find_named (GTK_WIDGET (get_bar ()), "add-filter-button");

  return gtk_menu_button_get_popover (GTK_MENU_BUTTON (add));
}

/* The keyboard reaches the filter bar from anywhere in the window. */
static void
test_add_filter_shortcut (void)
{
  g_auto(GStrv) accels = NULL;
  GtkPopover *popover = get_add_popover ();

  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture.app),
                                                  "win.add-filter");
  g_assert_cmpuint (g_strv_length (accels), ==, 1);
  g_assert_cmpstr (accels[0], ==, "<Shift><Control>f");
  g_strfreev (accels);
  accels = gtk_application_get_accels_for_action (GTK_APPLICATION (fixture.app),
                                                  "win.save-list");
  g_assert_cmpstr (accels[0], ==, "<Control>s");

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.add-filter",
                                             NULL));
  ui_run_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_popover_popdown (popover);
  ui_run_for (100);
}

static void
test_add_condition (void)
{
  GtkPopover *popover;
  CrmFilterConditionEditor *editor;
  GtkWidget *add_button;
  GtkWidget *value;
  GtkWidget *second;
  guint expected;

  editor = open_add_popover ();
  popover = get_add_popover ();
  g_assert_nonnull (editor);
  add_button = find_named (GTK_WIDGET (popover), "add-condition-button");

  /* Country is DE: pick the field and comparison, type the value. */
  g_assert_true (crm_filter_condition_editor_select (editor, "country", CRM_FILTER_OP_IS));
  g_assert_false (gtk_widget_is_sensitive (add_button));
  value = find_named (GTK_WIDGET (editor), "value-text");
  g_assert_true (gtk_widget_get_mapped (value));
  gtk_editable_set_text (GTK_EDITABLE (value), "DE");
  g_assert_true (gtk_widget_is_sensitive (add_button));

  /* The comparisons follow the field's type. */
  g_assert_false (crm_filter_condition_editor_select (editor, "country", CRM_FILTER_OP_LESS));
  g_assert_true (crm_filter_condition_editor_select (editor, "attr.seats",
                                                     CRM_FILTER_OP_GREATER_EQUAL));
  g_assert_true (gtk_widget_get_mapped (find_named (GTK_WIDGET (editor), "value-number")));
  g_assert_true (crm_filter_condition_editor_select (editor, "created_at",
                                                     CRM_FILTER_OP_ON));
  value = find_named (GTK_WIDGET (editor), "value-date");
  gtk_editable_set_text (GTK_EDITABLE (value), "2025-02-30");
  g_assert_true (gtk_widget_has_css_class (value, "error"));
  g_assert_false (gtk_widget_is_sensitive (add_button));

  g_assert_true (crm_filter_condition_editor_select (editor, "country", CRM_FILTER_OP_IS));
  ui_save_window_screenshot (GTK_WIDGET (popover), "ui-lists-popover.png");
  ui_click (GTK_BUTTON (add_button));
  ui_run_for (50);

  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (popover)));
  g_assert_cmpuint (crm_filter_bar_get_n_conditions (get_bar ()), ==, 1);
  g_assert_true (crm_filter_bar_get_modified (get_bar ()));
  expected = count_text ("country is \"DE\"");
  g_assert_cmpuint (expected, >, 0);
  g_assert_cmpuint (n_items (), ==, expected);
  g_assert_cmpuint (n_items (), ==, count (crm_filter_bar_get_filter (get_bar ())));

  /* An "any of these" group: Status is New Lead or Working Lead. */
  editor = open_add_popover ();
  gtk_check_button_set_active (GTK_CHECK_BUTTON (find_named (GTK_WIDGET (popover),
                                                             "any-of-these-check")),
                               TRUE);
  second = gtk_widget_get_next_sibling (gtk_widget_get_next_sibling (GTK_WIDGET (editor)));
  second = ui_find_of_type (second, CRM_TYPE_FILTER_CONDITION_EDITOR);
  g_assert_nonnull (second);
  g_assert_true (crm_filter_condition_editor_select (editor, "status", CRM_FILTER_OP_IS));
  g_assert_true (crm_filter_condition_editor_select (CRM_FILTER_CONDITION_EDITOR (second),
                                                     "status", CRM_FILTER_OP_IS));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (second, "value-status")), 1);
  ui_save_window_screenshot (GTK_WIDGET (popover), "ui-lists-popover-any.png");
  ui_click (GTK_BUTTON (add_button));
  ui_run_for (50);

  g_assert_cmpuint (crm_filter_bar_get_n_conditions (get_bar ()), ==, 2);
  {
    g_autofree char *text = crm_filter_to_string (crm_filter_bar_get_filter (get_bar ()));

    g_assert_cmpstr (text, ==,
                     "country is \"DE\" and "
                     "(status is \"New Lead\" or status is \"Working Lead\")");
  }
  expected = count_text ("country is \"DE\" and status is one of (\"New Lead\", \"Working Lead\")");
  g_assert_cmpuint (n_items (), ==, expected);
  g_assert_cmpuint (n_items (), ==, count (crm_filter_bar_get_filter (get_bar ())));

  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-filter.png");

  /* A chip goes with its ✕; the bar and the model follow. */
  add_text (get_bar (), "owner is me");
  g_assert_cmpuint (n_items (), ==, count (crm_filter_bar_get_filter (get_bar ())));
  crm_filter_bar_remove_condition (get_bar (), 2);
  g_assert_cmpuint (crm_filter_bar_get_n_conditions (get_bar ()), ==, 2);
  g_assert_cmpuint (n_items (), ==, expected);
}

static void
test_save_as_list (void)
{
  g_autofree char *list_id = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *save_button;
  GtkEditable *entry;
  guint expected = n_items ();

  save_button = find_named (GTK_WIDGET (get_bar ()), "save-list-button");
  g_assert_true (gtk_widget_get_mapped (save_button));
  ui_click (GTK_BUTTON (save_button));

  dialog = wait_for_dialog ();
  entry = dialog_entry (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* A built-in list's name is taken, and the dialog says so. */
  gtk_editable_set_text (entry, "My new leads");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (dialog), ui_is_mapped_label_with,
                                    (gpointer) "“My new leads” is the name of a"
                                    " built-in list"));

  gtk_editable_set_text (entry, "German leads");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  ui_save_window_screenshot (GTK_WIDGET (dialog), "ui-lists-save-dialog.png");
  click_response (dialog, "_Save");

  /* The new list shows in the sidebar, selected, with its count. */
  g_assert_true (ui_wait_until (saved_list_exists, (gpointer) "German leads"));
  list_id = dup_saved_id ();
  g_assert_true (ui_wait_until (row_exists, list_id));
  g_assert_true (ui_wait_until (row_selected, list_id));
  g_assert_true (ui_wait_until (row_counts_right, list_id));
  g_assert_cmpuint (crm_sidebar_row_get_count (find_row (list_id)), ==, expected);
  g_assert_cmpuint (n_items (), ==, expected);
  g_assert_false (crm_filter_bar_get_modified (get_bar ()));
  g_assert_false (gtk_widget_get_mapped (save_button));

  /* The heading of the saved lists. */
  g_assert_nonnull (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (find_row (list_id))));

  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-saved.png");
}

static void
on_mutation_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (crm_store_mutation_finish (CRM_STORE (object), result, NULL, &error));
  g_assert_no_error (error);
  *(gboolean *) user_data = TRUE;
}

static gboolean
is_true (gpointer data)
{
  return *(gboolean *) data;
}

static void
test_rename (void)
{
  g_autofree char *list_id = dup_saved_id ();
  gboolean done = FALSE;
  const char *renamed[] = { list_id, "Germany & Austria: open leads" };
  AdwMessageDialog *dialog;
  GtkEditable *entry;
  GtkButton *undo = NULL;

  ui_dismiss_toasts (GTK_WIDGET (fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.rename-list",
                                             "s", list_id));
  dialog = wait_for_dialog ();
  entry = dialog_entry (dialog);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "German leads");

  gtk_editable_set_text (entry, "Germany & Austria: open leads");
  click_response (dialog, "_Rename");

  g_assert_true (ui_wait_until (row_has_title, renamed));
  undo = ui_wait_for_toast_button (GTK_WIDGET (fixture.window), "List renamed", "_Undo");
  g_assert_true (row_selected (list_id));

  /* Undo in the toast puts the old name back. */
  ui_click (undo);
  renamed[1] = "German leads";
  g_assert_true (ui_wait_until (row_has_title, renamed));

  /* A change made elsewhere (a second window, a script) shows too. */
  renamed[1] = "Germany & Austria: open leads";
  crm_saved_lists_rename_async (fixture.store, fixture.saved_id, renamed[1], NULL,
                                on_mutation_cb, &done);
  g_assert_true (ui_wait_until (is_true, &done));
  g_assert_true (ui_wait_until (row_has_title, renamed));
}

static gboolean
row_is_before (gpointer data)
{
  const char * const *pair = data;
  CrmSidebarRow *first = find_row (pair[0]);
  CrmSidebarRow *second = find_row (pair[1]);

  return first != NULL && second != NULL &&
         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (first)) <
         gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (second));
}

static void
on_created_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  *(gint64 *) user_data = crm_saved_lists_create_finish (CRM_STORE (object), result, NULL,
                                                         &error);
  g_assert_no_error (error);
}

static gboolean
id_is_set (gpointer data)
{
  return *(gint64 *) data != 0;
}

static void
test_reorder (void)
{
  g_autoptr(CrmFilter) filter = crm_filter_parse ("tags has any of (\"pilot\")", NULL);
  g_autofree char *first_id = dup_saved_id ();
  g_autofree char *second_id = NULL;
  const char *order[2];
  gint64 id = 0;

  crm_saved_lists_create_async (fixture.store, CRM_ENTITY_CUSTOMER, "Pilots", filter, NULL,
                                on_created_cb, &id);
  g_assert_true (ui_wait_until (id_is_set, &id));
  second_id = crm_saved_lists_make_list_id (id);
  g_assert_true (ui_wait_until (row_exists, second_id));
  g_assert_true (ui_wait_until (row_counts_right, second_id));

  order[0] = first_id;
  order[1] = second_id;
  g_assert_true (row_is_before ((gpointer) order));

  /* The context menu opens from the keyboard too. */
  g_assert_true (crm_sidebar_row_popup_menu (find_row (second_id)));
  ui_run_for (100);
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-menu.png");
  g_assert_false (crm_sidebar_row_popup_menu (find_row ("all-customers")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.move-list-up",
                                             "s", second_id));
  order[0] = second_id;
  order[1] = first_id;
  g_assert_true (ui_wait_until (row_is_before, order));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "win.move-list-down", "s", second_id));
  order[0] = first_id;
  order[1] = second_id;
  g_assert_true (ui_wait_until (row_is_before, order));

  /* Built-in lists always come first. */
  order[0] = "all-customers";
  g_assert_true (row_is_before ((gpointer) order));
}

static void
test_delete_undo (void)
{
  g_autofree char *list_id = dup_saved_id ();
  GtkButton *undo = NULL;

  g_assert_true (crm_window_select_list (fixture.window, list_id));
  g_assert_true (ui_wait_until (row_selected, list_id));

  ui_dismiss_toasts (GTK_WIDGET (fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.delete-list",
                                             "s", list_id));
  g_assert_true (ui_wait_until (row_gone, list_id));
  g_assert_null (crm_saved_lists_lookup (fixture.store, CRM_ENTITY_CUSTOMER,
                                         "Germany & Austria: open leads"));

  /* The list shown went: the default list shows. */
  g_assert_true (ui_wait_until (row_selected, (gpointer) "my-new-leads"));

  undo = ui_wait_for_toast_button (GTK_WIDGET (fixture.window),
                                   "List “Germany & Austria: open leads” deleted", "_Undo");
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-deleted.png");
  ui_click (undo);

  g_assert_true (ui_wait_until (row_exists, list_id));
  g_assert_true (ui_wait_until (row_counts_right, list_id));
  g_assert_nonnull (crm_saved_lists_lookup (fixture.store, CRM_ENTITY_CUSTOMER,
                                            "Germany & Austria: open leads"));
}

static void
test_text_mode (void)
{
  CrmFilterBar *bar = get_bar ();
  GtkWidget *entry;
  GtkWidget *error_label;
  g_autofree char *before = NULL;
  guint n_before;

  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  g_assert_true (ui_wait_until (row_selected, (gpointer) "all-customers"));
  add_text (bar, "country is \"FR\"");
  n_before = n_items ();
  before = crm_filter_to_string (crm_filter_bar_get_filter (bar));

  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (find_named (GTK_WIDGET (bar),
                                                               "filter-text-toggle")),
                                TRUE);
  g_assert_true (crm_filter_bar_get_text_mode (bar));
  entry = find_named (GTK_WIDGET (bar), "filter-text-entry");
  error_label = find_named (GTK_WIDGET (bar), "filter-error-label");
  g_assert_true (gtk_widget_get_mapped (entry));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "country is \"FR\"");
  g_assert_false (gtk_widget_get_visible (error_label));

  /* Invalid: the error shows under the entry, and nothing is applied. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "country is \"FR\" and seats >");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_cmpstr (gtk_label_get_label (GTK_LABEL (error_label)), !=, "");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (crm_filter_bar_apply_text (bar));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpuint (n_items (), ==, n_before);
  {
    g_autofree char *after = crm_filter_to_string (crm_filter_bar_get_filter (bar));

    g_assert_cmpstr (after, ==, before);
  }
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-text-error.png");

  /* A field the grammar knows but customers do not have is an error too. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "stage is \"Evaluation\"");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_false (crm_filter_bar_apply_text (bar));

  /* Valid: applied on Enter, in the canonical form. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "tags  has any of (\"pilot\")  or  owner is me");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_signal_emit_by_name (entry, "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "tags has any of (\"pilot\") or owner is me");
  g_assert_cmpuint (n_items (), ==, count_text ("tags has any of (\"pilot\") or owner is me"));
  g_assert_cmpuint (crm_filter_bar_get_n_conditions (bar), ==, 1);

  crm_filter_bar_set_text_mode (bar, FALSE);
  g_assert_true (ui_wait_until (ui_transitions_done, bar));
  crm_filter_bar_reset (bar);
  g_assert_cmpuint (n_items (), ==, count_text (""));
}

static gboolean
stale_list_empty (gpointer data)
{
  CrmSidebarRow *row = find_row (CRM_BUILTIN_LIST_STALE);

  return n_items () == 0 && count (crm_sidebar_row_get_filter (row)) == 0;
}

static void
test_stale_leads (void)
{
  CrmSidebarRow *row = find_row (CRM_BUILTIN_LIST_STALE);
  g_autofree char *title = NULL;
  GtkWidget *mark_all;
  GtkButton *undo = NULL;
  guint n_stale;
  gint64 first;

  g_assert_true (crm_window_select_list (fixture.window, CRM_BUILTIN_LIST_STALE));
  n_stale = count (crm_sidebar_row_get_filter (row));
  g_assert_cmpuint (n_stale, >, 2);
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale)));

  mark_all = find_named (GTK_WIDGET (get_page ()), "mark-all-unqualified-button");
  g_assert_true (ui_wait_until ((UiCondition) gtk_widget_get_mapped, mark_all));
  g_assert_cmpuint (crm_filter_bar_get_n_conditions (get_bar ()), ==, 2);
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-stale.png");

  /* One lead, from its row's menu. */
  first = crm_query_model_get_id (get_model (), 0);
  ui_dismiss_toasts (GTK_WIDGET (fixture.window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "list.mark-unqualified",
                                             "x", first));
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale - 1)));
  g_assert_true (ui_wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));
  undo = ui_wait_for_toast_button (GTK_WIDGET (fixture.window), "1 lead marked unqualified",
                                   "_Undo");
  ui_click (undo);
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale)));

  /* All of them, in one change that Undo reverses. */
  ui_run_for (200);
  ui_dismiss_toasts (GTK_WIDGET (fixture.window));
  ui_click (GTK_BUTTON (mark_all));
  g_assert_true (ui_wait_until (stale_list_empty, NULL));
  g_assert_true (ui_wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));
  g_assert_cmpuint (crm_sidebar_row_get_count (row), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (mark_all));

  /* The empty list says what would show here, with the profile's days. */
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (get_page ()), ui_is_mapped_label_with,
                                    (gpointer) "Working Leads show here after 21 days without a "
                                    "note, call, email or completed task."));
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (get_page ()), ui_is_mapped_label_with,
                                    (gpointer) "No Stale Working Leads"));
  g_assert_null (ui_find_widget (GTK_WIDGET (get_page ()), ui_is_mapped_button_labelled,
                                 (gpointer) "_New Customer"));
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-stale-empty.png");

  title = g_strdup_printf ("%u leads marked unqualified", n_stale);
  undo = ui_wait_for_toast_button (GTK_WIDGET (fixture.window), title, "_Undo");
  ui_click (undo);
  g_assert_true (ui_wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale)));
  g_assert_true (ui_wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));

  /* Other lists have no such button. */
  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  g_assert_false (gtk_widget_get_visible (mark_all));
}

static gboolean
stale_row_says (gpointer data)
{
  CrmSidebarRow *row = find_row (CRM_BUILTIN_LIST_STALE);
  g_autofree char *text = crm_filter_to_string (crm_sidebar_row_get_filter (row));

  return strstr (text, data) != NULL;
}

static void
test_stale_days_change (void)
{
  g_autofree char *list_id = dup_saved_id ();
  gboolean done = FALSE;

  crm_store_set_setting_async (fixture.store, CRM_STALE_DAYS_SETTING, "90", NULL,
                               on_mutation_cb, &done);
  g_assert_true (ui_wait_until (is_true, &done));
  g_assert_true (ui_wait_until (stale_row_says, (gpointer) "within 90 days"));
  g_assert_true (ui_wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));

  /* Dark, for the record. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (crm_window_select_list (fixture.window, list_id));
  ui_save_window_screenshot (GTK_WIDGET (fixture.window), "ui-lists-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* Fixture */

static void
set_up (void)
{
  gboolean done = FALSE;

  ui_open_demo_profile (N_DEMO_CUSTOMERS, &fixture.dir, &fixture.store, &fixture.app);
  crm_store_set_setting_async (fixture.store, CRM_STALE_DAYS_SETTING, "21", NULL,
                               on_mutation_cb, &done);
  g_assert_true (ui_wait_until (is_true, &done));
}

static void
tear_down (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (50);
  ui_close_demo_profile (&fixture.dir, &fixture.store, &fixture.app);
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

  g_test_add_func ("/crm/ui/lists/sidebar", test_sidebar_lists);
  g_test_add_func ("/crm/ui/lists/add-filter-shortcut", test_add_filter_shortcut);
  g_test_add_func ("/crm/ui/lists/add-condition", test_add_condition);
  g_test_add_func ("/crm/ui/lists/save-as-list", test_save_as_list);
  g_test_add_func ("/crm/ui/lists/rename", test_rename);
  g_test_add_func ("/crm/ui/lists/reorder", test_reorder);
  g_test_add_func ("/crm/ui/lists/delete-undo", test_delete_undo);
  g_test_add_func ("/crm/ui/lists/text-mode", test_text_mode);
  g_test_add_func ("/crm/ui/lists/stale-leads", test_stale_leads);
  g_test_add_func ("/crm/ui/lists/stale-days", test_stale_days_change);

  return ui_run_tests (set_up, tear_down);
}
