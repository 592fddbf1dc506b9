/* test-ui-rules.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-rules"

#include "config.h"

#include <string.h>

#include <adwaita.h>

#include "crm-core.h"
#include "crm-notice-toasts.h"
#include "crm-preferences-rules.h"
#include "crm-preferences-window.h"
#include "crm-store.h"
#include "crm-store-rules.h"
#include "test-ui-util.h"
#include "test-util.h"

/* The "Rules" page of the preferences and the rule toasts, for real under
 * Xvfb. The cases share one profile and run in order. */

static struct {
  char      *dir;
  CrmStore  *store;
  GtkWidget *window;
} fixture;

static gboolean
has_tooltip (GtkWidget *widget,
             gpointer   tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

/* Store helpers */

static gint64
add_rule (const char *name,
          gint64      position,
          const char *expression,
          const char *owner,
          gboolean    enabled)
{
  return test_insert (fixture.store, CRM_ENTITY_ROUTING_RULE,
                      g_variant_new_parsed ("{'name': <%s>, 'position': <%x>, 'expression': <%s>,"
                                            " 'owner': <%s>, 'enabled': <%b>}",
                                            name, position, expression, owner, enabled));
}

/* The page */

static CrmPreferencesRules *
get_page (void)
{
  return CRM_PREFERENCES_RULES (ui_find_of_type (fixture.window, CRM_TYPE_PREFERENCES_RULES));
}

/* The page's list of rules: the list box whose rows carry a rule. */
static gboolean
is_rules_list (GtkWidget *widget,
               gpointer   data)
{
  GtkListBoxRow *row;

  if (!GTK_IS_LIST_BOX (widget))
    return FALSE;

  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (widget), 0);
  return row != NULL && g_object_get_data (G_OBJECT (row), "crm-rule") != NULL;
}

static GtkListBox *
get_rules_list (void)
{
  GtkWidget *list = ui_find_widget (GTK_WIDGET (get_page ()), is_rules_list, NULL);

  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static char *
dup_row_titles (void)
{
  GtkListBox *list = GTK_LIST_BOX (ui_find_widget (GTK_WIDGET (get_page ()), is_rules_list,
                                                   NULL));
  g_autoptr(GString) titles = g_string_new (NULL);
  GtkListBoxRow *row;

  for (int i = 0; list != NULL && (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    {
      if (!ADW_IS_ACTION_ROW (row))
        continue;
      g_string_append_printf (titles, "%s%s", titles->len > 0 ? ", " : "",
                              adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)));
    }

  return g_string_free (g_steal_pointer (&titles), FALSE);
}

static gboolean
titles_are (gpointer expected)
{
  g_autofree char *titles = dup_row_titles ();

  return g_strcmp0 (titles, expected) == 0;
}

#define assert_titles(expected) \
  G_STMT_START { \
    ui_wait_until (titles_are, (gpointer) expected); \
    { \
      g_autofree char *got_ = dup_row_titles (); \
      g_assert_cmpstr (got_, ==, expected); \
    } \
  } G_STMT_END

static GtkWidget *
row_button (int         index,
            const char *tooltip)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (get_rules_list (), index);
  GtkWidget *button;

  g_assert_nonnull (row);
  button = ui_find_widget (GTK_WIDGET (row), has_tooltip, (gpointer) tooltip);
  g_assert_nonnull (button);

  return button;
}

/* Cases */

#define MESSAGE_DIALOG GSIZE_TO_POINTER (ADW_TYPE_MESSAGE_DIALOG)

static void
test_page_shows_rules (void)
{
  CrmPreferencesRules *page;
  GtkSpinButton *spin;

  page = get_page ();
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture.window),
                                           ADW_PREFERENCES_PAGE (page));
  g_assert_true (ui_wait_until (ui_is_drawn, fixture.window));

  assert_titles ("Tyrol, DACH, Everyone else");
  g_assert_false (gtk_widget_get_sensitive (row_button (0, "Move Up")));
  g_assert_true (gtk_widget_get_sensitive (row_button (0, "Move Down")));
  g_assert_false (gtk_widget_get_sensitive (row_button (2, "Move Down")));

  spin = GTK_SPIN_BUTTON (ui_find_of_type (GTK_WIDGET (page), GTK_TYPE_SPIN_BUTTON));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 21);

  ui_save_window_screenshot (fixture.window, "ui-preferences-rules.png");
}

static AdwEntryRow *
entry_row (GtkWidget  *dialog,
           const char *title)
{
  GtkWidget *label = ui_find_widget (dialog, ui_is_mapped_label_with, (gpointer) title);
  GtkWidget *row;

  g_assert_nonnull (label);
  row = gtk_widget_get_ancestor (label, ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (row);

  return ADW_ENTRY_ROW (row);
}

static gboolean
setting_is (gpointer expected)
{
  g_autofree char *value = crm_store_dup_setting (fixture.store, "rules.stale_days");

  return g_strcmp0 (value, expected) == 0;
}

static void
test_editor_adds_rule (void)
{
  GtkWidget *dialog = NULL;
  GtkWidget *add = ui_find_widget (GTK_WIDGET (get_page ()), has_tooltip,
                                   (gpointer) "Add Routing Rule");
  AdwMessageDialog *message;

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, MESSAGE_DIALOG));
  dialog = ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  message = ADW_MESSAGE_DIALOG (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (message, "save"));

  gtk_editable_set_text (GTK_EDITABLE (entry_row (dialog, "Name")), "Retail");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (dialog, "Owner’s Email")),
                         "rita@example.com");
  gtk_editable_set_text (GTK_EDITABLE (entry_row (dialog, "Conditions")),
                         "attr.industry is");
  g_assert_false (adw_message_dialog_get_response_enabled (message, "save"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (entry_row (dialog, "Conditions")),
                                           "error"));
  ui_save_window_screenshot (dialog, "ui-rule-editor-error.png");

  gtk_editable_set_text (GTK_EDITABLE (entry_row (dialog, "Conditions")),
                         "attr.industry is \"Retail\"");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry_row (dialog, "Conditions")),
                                            "error"));
  ui_save_window_screenshot (dialog, "ui-rule-editor.png");

  /* The dialog closes itself on a response. */
  adw_message_dialog_response (message, "save");
  assert_titles ("Tyrol, DACH, Everyone else, Retail");
}

static void
test_reorder_toggle_delete (void)
{
  g_autoptr(CrmRoutingRule) rule = NULL;
  GtkListBoxRow *row;
  GtkWidget *toggle;

  /* Retail moves up above the catch-all. */
  g_signal_emit_by_name (row_button (3, "Move Up"), "clicked");
  assert_titles ("Tyrol, DACH, Retail, Everyone else");

  row = gtk_list_box_get_row_at_index (get_rules_list (), 0);
  toggle = ui_find_of_type (GTK_WIDGET (row), GTK_TYPE_SWITCH);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  ui_run_for (200);
  rule = CRM_ROUTING_RULE (g_object_ref (g_object_get_data (G_OBJECT (row), "crm-rule")));
  g_assert_false (crm_routing_rule_get_enabled (rule));

  g_signal_emit_by_name (row_button (1, "Delete"), "clicked");
  assert_titles ("Tyrol, Retail, Everyone else");
  g_assert_true (gtk_widget_get_sensitive (row_button (1, "Move Down")));
  g_assert_false (gtk_widget_get_sensitive (row_button (2, "Move Down")));
}

static void
test_stale_days_saved (void)
{
  GtkSpinButton *spin = GTK_SPIN_BUTTON (ui_find_of_type (GTK_WIDGET (get_page ()),
                                                          GTK_TYPE_SPIN_BUTTON));

  gtk_spin_button_set_value (spin, 45);
  g_assert_true (ui_wait_until (setting_is, (gpointer) "45"));
}

static void
test_notice_toast (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  gint64 customer;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("Content"));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 200);
  crm_notice_toasts_attach (ADW_TOAST_OVERLAY (overlay), fixture.store);
  gtk_window_present (GTK_WINDOW (window));

  customer = test_insert (fixture.store, CRM_ENTITY_CUSTOMER,
                          g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                                " 'owner': <'sam@example.com'>}"));
  test_insert (fixture.store, CRM_ENTITY_ACTIVITY,
               g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                     " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}",
                                     customer));

  ui_wait_for_toast (window, "Orchard Tools is now Working Lead");
  g_assert_nonnull (ui_find_of_type (window, GTK_TYPE_BUTTON));
  ui_save_window_screenshot (window, "ui-rule-toast.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
set_up (void)
{
  ui_open_profile (&fixture.dir, &fixture.store, NULL);
  crm_store_rules_install (fixture.store);

  add_rule ("Tyrol", 0, "state is \"Tyrol\"", "tina@example.com", TRUE);
  add_rule ("DACH", 1, "country is one of (\"AT\", \"DE\", \"CH\")", "dieter@example.com",
            FALSE);
  add_rule ("Everyone else", 2, "", "desk@example.com", TRUE);
  test_set_setting (fixture.store, "rules.stale_days", "21");

  fixture.window = crm_preferences_window_new (NULL, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 720, 640);
  gtk_window_present (GTK_WINDOW (fixture.window));
}

static void
tear_down (void)
{
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (100);
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

  g_test_add_func ("/crm/ui/rules/page", test_page_shows_rules);
  g_test_add_func ("/crm/ui/rules/editor", test_editor_adds_rule);
  g_test_add_func ("/crm/ui/rules/reorder-toggle-delete", test_reorder_toggle_delete);
  g_test_add_func ("/crm/ui/rules/stale-days", test_stale_days_saved);
  g_test_add_func ("/crm/ui/rules/notice-toast", test_notice_toast);

  return ui_run_tests (set_up, tear_down);
}
