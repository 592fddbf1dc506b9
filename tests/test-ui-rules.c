/* test-ui-rules.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-rules"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>

#include "crm-core.h"
#include "crm-notice-toasts.h"
#include "crm-preferences-rules.h"
#include "crm-preferences-window.h"
#include "crm-store.h"
#include "crm-store-rules.h"

/* The "Rules" page of the preferences and the rule toasts, for real under
 * Xvfb. The cases share one profile and run in order. */

#define WAIT_TIMEOUT_MS 10000

static struct {
  CrmStore  *store;
  GtkWidget *window;
} fixture;

typedef gboolean (*ConditionFunc) (gpointer data);

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static gboolean
wait_until (ConditionFunc condition,
            gpointer      data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return met;
}

static gboolean
never_cb (gpointer data)
{
  return FALSE;
}

static void
run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);

  while (!never_cb (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
}

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gconstpointer data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gconstpointer    data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
has_tooltip (GtkWidget     *widget,
             gconstpointer  tooltip)
{
  return g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_label_with (GtkWidget     *widget,
               gconstpointer  text)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_type (GtkWidget     *widget,
         gconstpointer  type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

/* Store helpers */

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

static gboolean
has_result (gpointer data)
{
  return ((Wait *) data)->result != NULL;
}

static gint64
insert (CrmEntityKind  kind,
        GVariant      *fields)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };
  gint64 id;

  crm_store_insert_async (fixture.store, kind, fields, CRM_ORIGIN_PERSON, NULL,
                          on_done_cb, &wait);
  g_assert_true (wait_until (has_result, &wait));
  id = crm_store_insert_finish (fixture.store, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);

  return id;
}

static void
set_setting (const char *key,
             const char *value)
{
  g_autoptr(GError) error = NULL;
  Wait wait = { NULL };

  crm_store_set_setting_async (fixture.store, key, value, NULL, on_done_cb, &wait);
  g_assert_true (wait_until (has_result, &wait));
  crm_store_mutation_finish (fixture.store, wait.result, NULL, &error);
  g_assert_no_error (error);
  g_object_unref (wait.result);
}

static gint64
add_rule (const char *name,
          gint64      position,
          const char *expression,
          const char *owner,
          gboolean    enabled)
{
  return insert (CRM_ENTITY_ROUTING_RULE,
                 g_variant_new_parsed ("{'name': <%s>, 'position': <%x>, 'expression': <%s>,"
                                       " 'owner': <%s>, 'enabled': <%b>}",
                                       name, position, expression, owner, enabled));
}

/* The page */

static CrmPreferencesRules *
get_page (void)
{
  return CRM_PREFERENCES_RULES (find_widget (fixture.window, is_type,
                                             GSIZE_TO_POINTER (CRM_TYPE_PREFERENCES_RULES)));
}

/* The page's list of rules: the list box whose rows carry a rule. */
static gboolean
is_rules_list (GtkWidget     *widget,
               gconstpointer  data)
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
  GtkWidget *list = find_widget (GTK_WIDGET (get_page ()), is_rules_list, NULL);

  g_assert_nonnull (list);
  return GTK_LIST_BOX (list);
}

static char *
dup_row_titles (void)
{
  GtkListBox *list = GTK_LIST_BOX (find_widget (GTK_WIDGET (get_page ()), is_rules_list, NULL));
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
    wait_until (titles_are, (gpointer) expected); \
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
  button = find_widget (GTK_WIDGET (row), has_tooltip, tooltip);
  g_assert_nonnull (button);

  return button;
}

/* Screenshots */

static GdkTexture *
render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  run_for (300);
  texture = render_window (window);
  g_assert_nonnull (texture);
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* Cases */

static gboolean
window_is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (fixture.window) && gtk_widget_get_width (fixture.window) > 0;
}

static void
test_page_shows_rules (void)
{
  CrmPreferencesRules *page;
  GtkSpinButton *spin;

  page = get_page ();
  g_assert_nonnull (page);
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (fixture.window),
                                           ADW_PREFERENCES_PAGE (page));
  g_assert_true (wait_until (window_is_mapped, NULL));

  assert_titles ("Tyrol, DACH, Everyone else");
  g_assert_false (gtk_widget_get_sensitive (row_button (0, "Move Up")));
  g_assert_true (gtk_widget_get_sensitive (row_button (0, "Move Down")));
  g_assert_false (gtk_widget_get_sensitive (row_button (2, "Move Down")));

  spin = GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (page), is_type,
                                       GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 21);

  save_screenshot (fixture.window, "ui-preferences-rules.png");
}

static gboolean
is_message_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (window))
        {
          *(GtkWidget **) data = window;
          return TRUE;
        }
    }

  return FALSE;
}

static AdwEntryRow *
entry_row (GtkWidget  *dialog,
           const char *title)
{
  GtkWidget *label = find_widget (dialog, is_label_with, title);
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
  GtkWidget *add = find_widget (GTK_WIDGET (get_page ()), has_tooltip, "Add Routing Rule");
  AdwMessageDialog *message;

  g_assert_nonnull (add);
  g_signal_emit_by_name (add, "clicked");
  g_assert_true (wait_until (is_message_dialog, &dialog));
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
  save_screenshot (dialog, "ui-rule-editor-error.png");

  gtk_editable_set_text (GTK_EDITABLE (entry_row (dialog, "Conditions")),
                         "attr.industry is \"Retail\"");
  g_assert_true (adw_message_dialog_get_response_enabled (message, "save"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (entry_row (dialog, "Conditions")),
                                            "error"));
  save_screenshot (dialog, "ui-rule-editor.png");

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
  toggle = find_widget (GTK_WIDGET (row), is_type, GSIZE_TO_POINTER (GTK_TYPE_SWITCH));
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (toggle)));
  gtk_switch_set_active (GTK_SWITCH (toggle), FALSE);
  run_for (200);
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
  GtkSpinButton *spin = GTK_SPIN_BUTTON (find_widget (GTK_WIDGET (get_page ()), is_type,
                                                      GSIZE_TO_POINTER (GTK_TYPE_SPIN_BUTTON)));

  gtk_spin_button_set_value (spin, 45);
  g_assert_true (wait_until (setting_is, (gpointer) "45"));
}

static gboolean
toast_shows (gpointer data)
{
  GtkWidget *window = ((GtkWidget **) data)[0];
  const char *text = ((const char **) data)[1];

  return find_widget (window, is_label_with, text) != NULL;
}

static void
test_notice_toast (void)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overlay = adw_toast_overlay_new ();
  gpointer data[2] = { window, (gpointer) "Orchard Tools is now Working Lead" };
  gint64 customer;

  adw_toast_overlay_set_child (ADW_TOAST_OVERLAY (overlay), gtk_label_new ("Content"));
  gtk_window_set_child (GTK_WINDOW (window), overlay);
  gtk_window_set_default_size (GTK_WINDOW (window), 480, 200);
  crm_notice_toasts_attach (ADW_TOAST_OVERLAY (overlay), fixture.store);
  gtk_window_present (GTK_WINDOW (window));

  customer = insert (CRM_ENTITY_CUSTOMER,
                     g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                           " 'owner': <'sam@example.com'>}"));
  insert (CRM_ENTITY_ACTIVITY,
          g_variant_new_parsed ("{'customer_id': <%x>, 'kind': <'call'>,"
                                " 'occurred_at': <'2025-06-30T09:00:00.000Z'>}", customer));

  g_assert_true (wait_until (toast_shows, data));
  g_assert_nonnull (find_widget (window, is_type, GSIZE_TO_POINTER (GTK_TYPE_BUTTON)));
  save_screenshot (window, "ui-rule-toast.png");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("prospect-ui-rules-XXXXXX", &error);
  g_autofree char *path = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "profile.db", NULL);
  fixture.store = crm_store_open (path, &error);
  g_assert_no_error (error);
  crm_store_rules_install (fixture.store);

  add_rule ("Tyrol", 0, "state is \"Tyrol\"", "tina@example.com", TRUE);
  add_rule ("DACH", 1, "country is one of (\"AT\", \"DE\", \"CH\")", "dieter@example.com",
            FALSE);
  add_rule ("Everyone else", 2, "", "desk@example.com", TRUE);
  set_setting ("rules.stale_days", "21");

  fixture.window = crm_preferences_window_new (NULL, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 720, 640);
  gtk_window_present (GTK_WINDOW (fixture.window));
}

static void
tear_down (void)
{
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  run_for (100);
  crm_store_close (fixture.store);
  g_clear_object (&fixture.store);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);

  if (!gtk_init_check ())
    {
      if (g_getenv ("PROSPECT_TEST_ALLOW_NO_DISPLAY") != NULL)
        {
          g_printerr ("No display: skipped (PROSPECT_TEST_ALLOW_NO_DISPLAY is set)\n");
          return 77;
        }

      g_printerr ("No display: run under xvfb-run, or set "
                  "PROSPECT_TEST_ALLOW_NO_DISPLAY to skip\n");
      return EXIT_FAILURE;
    }

  adw_init ();
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  g_test_add_func ("/crm/ui/rules/page", test_page_shows_rules);
  g_test_add_func ("/crm/ui/rules/editor", test_editor_adds_rule);
  g_test_add_func ("/crm/ui/rules/reorder-toggle-delete", test_reorder_toggle_delete);
  g_test_add_func ("/crm/ui/rules/stale-days", test_stale_days_saved);
  g_test_add_func ("/crm/ui/rules/notice-toast", test_notice_toast);

  set_up ();
  status = g_test_run ();
  tear_down ();

  return status;
}
