/* test-ui-lists.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-lists"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

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

/* Lists in the real window, under Xvfb: the filter bar, saving a filter
 * as a list, renaming, moving and deleting it (with Undo), the text mode,
 * and the stale working leads. The cases share one demo profile and run
 * in order. */

#define N_DEMO_CUSTOMERS 150
#define WAIT_TIMEOUT_MS 10000

static struct {
  char *dir;
  CrmStore *store;
  CrmApplication *app;
  CrmWindow *window;
  gint64 saved_id;
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

static void
run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
}

/* Widget lookups */

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

static GtkWidget *
find_widget (GtkWidget       *root,
             WidgetPredicate  predicate,
             gpointer         data)
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
is_named (GtkWidget *widget,
          gpointer   data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
is_button_labelled (GtkWidget *widget,
                    gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
is_mapped_label (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* A label that shows this text, whatever markup gave it. */
static gboolean
is_mapped_text (GtkWidget *widget,
                gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  GtkWidget *widget = find_widget (root, is_named, (gpointer) name);

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
  return GTK_LIST_BOX (find_widget (GTK_WIDGET (fixture.window), is_type,
                                    GSIZE_TO_POINTER (GTK_TYPE_LIST_BOX)));
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
window_has_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_mapped (GTK_WIDGET (window)))
        {
          *(AdwMessageDialog **) data = ADW_MESSAGE_DIALOG (window);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
no_dialog (gpointer data)
{
  AdwMessageDialog *dialog = NULL;

  return !window_has_dialog (&dialog);
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

typedef struct
{
  const char *title;
  GtkWidget  *button;
} ToastUndo;

/* The Undo button of the toast with that title, once it shows (toasts
 * queue up, one at a time). */
static gboolean
undo_button_shown (gpointer data)
{
  ToastUndo *undo = data;
  GtkWidget *label = find_widget (GTK_WIDGET (fixture.window), is_mapped_text,
                                  (gpointer) undo->title);
  GtkWidget *toast = NULL;

  if (label != NULL)
    toast = gtk_widget_get_ancestor (label, g_type_from_name ("AdwToastWidget"));

  undo->button = NULL;
  if (toast != NULL)
    undo->button = find_widget (toast, is_button_labelled, (gpointer) "_Undo");

  return undo->button != NULL;
}

static gboolean
is_toast_close_button (GtkWidget *widget,
                       gpointer   data)
{
  GType toast_type = g_type_from_name ("AdwToastWidget");

  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) && toast_type != 0 &&
         gtk_widget_get_ancestor (widget, toast_type) != NULL &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)),
                    "window-close-symbolic") == 0;
}

static gboolean
no_toast_shown (gpointer data)
{
  GtkWidget *close = find_widget (GTK_WIDGET (fixture.window), is_toast_close_button, NULL);

  if (close != NULL)
    g_signal_emit_by_name (close, "clicked");

  return close == NULL;
}

/* Under Xvfb the window is never active, so toasts never time out:
 * dismiss those shown before the next one is awaited. */
static void
dismiss_toasts (void)
{
  g_assert_true (wait_until (no_toast_shown, NULL));
  run_for (300);
}

static GtkWidget *
wait_for_undo (const char *title)
{
  ToastUndo undo = { title, NULL };

  g_assert_true (wait_until (undo_button_shown, &undo));

  /* Let the toast finish sliding in (300 ms) before a click can dismiss
   * it: libadwaita 1.2 frees a toast twice when its fade-out ends in the
   * same frame as its slide-in (see crm-toast-queue.c). */
  run_for (400);

  return undo.button;
}

/* Screenshots */

static GdkTexture *
render_native (GtkWidget *native)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (native);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (native);
  int height = gtk_widget_get_height (native);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (native)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* A screenshot "has content" when the brightness varies enough: a blank
 * surface fails. */
static gboolean
texture_has_content (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  double sum = 0, sum_sq = 0, n = (double) width * height;
  double mean;

  gdk_texture_download (texture, data, stride);
  for (int i = 0; i < width * height; i++)
    {
      double luma = 0.2126 * data[i * 4 + 2] + 0.7152 * data[i * 4 + 1] +
                    0.0722 * data[i * 4];

      sum += luma;
      sum_sq += luma * luma;
    }

  mean = sum / n;
  return sqrt (MAX (0.0, sum_sq / n - mean * mean)) > 8.0;
}

static gboolean
is_moving (GtkWidget *widget,
           gpointer   data)
{
  if (GTK_IS_STACK (widget))
    return gtk_stack_get_transition_running (GTK_STACK (widget));

  if (ADW_IS_LEAFLET (widget))
    return adw_leaflet_get_child_transition_running (ADW_LEAFLET (widget));

  return FALSE;
}

static gboolean
transitions_done (gpointer data)
{
  return find_widget (GTK_WIDGET (data), is_moving, NULL) == NULL;
}

static void
save_screenshot (GtkWidget  *native,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (wait_until (transitions_done, native));
  run_for (150);
  texture = render_native (native);

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
  g_assert_true (texture_has_content (texture));
}

/* A button's keyboard activation waits for its press animation; a click
 * is what tests want. */
static void
click (GtkWidget *button)
{
  g_assert_true (GTK_IS_BUTTON (button));
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

/* Dialogs */

static AdwMessageDialog *
wait_for_dialog (void)
{
  AdwMessageDialog *dialog = NULL;

  g_assert_true (wait_until (window_has_dialog, &dialog));
  return dialog;
}

static GtkEditable *
dialog_entry (AdwMessageDialog *dialog)
{
  GtkWidget *entry = find_widget (adw_message_dialog_get_extra_child (dialog), is_type,
                                  GSIZE_TO_POINTER (GTK_TYPE_ENTRY));

  g_assert_nonnull (entry);
  return GTK_EDITABLE (entry);
}

static void
click_response (AdwMessageDialog *dialog,
                const char       *label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (dialog), is_button_labelled, (gpointer) label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  click (button);
  g_assert_true (wait_until (no_dialog, NULL));
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
    g_assert_true (wait_until (row_counts_right, (gpointer) lists[i].id));

  /* The stale list uses the profile's stale days. */
  {
    g_autoptr(CrmFilter) stale = crm_builtin_list_filter_for_days (CRM_BUILTIN_LIST_STALE, 21);
    CrmSidebarRow *row = find_row (CRM_BUILTIN_LIST_STALE);

    g_assert_true (crm_filter_equal (crm_sidebar_row_get_filter (row), stale));
    g_assert_cmpuint (crm_sidebar_row_get_count (row), >, 0);
  }

  g_assert_true (wait_until (model_has_n_items,
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
  run_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));

  return CRM_FILTER_CONDITION_EDITOR (find_widget (GTK_WIDGET (popover), is_type,
                                                   GSIZE_TO_POINTER (type)));
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
  run_for (100);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (popover)));
  gtk_popover_popdown (popover);
  run_for (100);
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
  save_screenshot (GTK_WIDGET (popover), "ui-lists-popover.png");
  click (add_button);
  run_for (50);

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
  second = find_widget (second, is_type, GSIZE_TO_POINTER (CRM_TYPE_FILTER_CONDITION_EDITOR));
  g_assert_nonnull (second);
  g_assert_true (crm_filter_condition_editor_select (editor, "status", CRM_FILTER_OP_IS));
  g_assert_true (crm_filter_condition_editor_select (CRM_FILTER_CONDITION_EDITOR (second),
                                                     "status", CRM_FILTER_OP_IS));
  gtk_drop_down_set_selected (GTK_DROP_DOWN (find_named (second, "value-status")), 1);
  save_screenshot (GTK_WIDGET (popover), "ui-lists-popover-any.png");
  click (add_button);
  run_for (50);

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

  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-filter.png");

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
  click (save_button);

  dialog = wait_for_dialog ();
  entry = dialog_entry (dialog);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* A built-in list's name is taken, and the dialog says so. */
  gtk_editable_set_text (entry, "My new leads");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_mapped_label,
                                 (gpointer) "“My new leads” is the name of a built-in list"));

  gtk_editable_set_text (entry, "German leads");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  save_screenshot (GTK_WIDGET (dialog), "ui-lists-save-dialog.png");
  click_response (dialog, "_Save");

  /* The new list shows in the sidebar, selected, with its count. */
  g_assert_true (wait_until (saved_list_exists, (gpointer) "German leads"));
  list_id = dup_saved_id ();
  g_assert_true (wait_until (row_exists, list_id));
  g_assert_true (wait_until (row_selected, list_id));
  g_assert_true (wait_until (row_counts_right, list_id));
  g_assert_cmpuint (crm_sidebar_row_get_count (find_row (list_id)), ==, expected);
  g_assert_cmpuint (n_items (), ==, expected);
  g_assert_false (crm_filter_bar_get_modified (get_bar ()));
  g_assert_false (gtk_widget_get_mapped (save_button));

  /* The heading of the saved lists. */
  g_assert_nonnull (gtk_list_box_row_get_header (GTK_LIST_BOX_ROW (find_row (list_id))));

  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-saved.png");
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
  GtkWidget *undo = NULL;

  dismiss_toasts ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.rename-list",
                                             "s", list_id));
  dialog = wait_for_dialog ();
  entry = dialog_entry (dialog);
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "German leads");

  gtk_editable_set_text (entry, "Germany & Austria: open leads");
  click_response (dialog, "_Rename");

  g_assert_true (wait_until (row_has_title, renamed));
  undo = wait_for_undo ("List renamed");
  g_assert_true (row_selected (list_id));

  /* Undo in the toast puts the old name back. */
  click (undo);
  renamed[1] = "German leads";
  g_assert_true (wait_until (row_has_title, renamed));

  /* A change made elsewhere (a second window, a script) shows too. */
  renamed[1] = "Germany & Austria: open leads";
  crm_saved_lists_rename_async (fixture.store, fixture.saved_id, renamed[1], NULL,
                                on_mutation_cb, &done);
  g_assert_true (wait_until (is_true, &done));
  g_assert_true (wait_until (row_has_title, renamed));
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
  g_assert_true (wait_until (id_is_set, &id));
  second_id = crm_saved_lists_make_list_id (id);
  g_assert_true (wait_until (row_exists, second_id));
  g_assert_true (wait_until (row_counts_right, second_id));

  order[0] = first_id;
  order[1] = second_id;
  g_assert_true (row_is_before ((gpointer) order));

  /* The context menu opens from the keyboard too. */
  g_assert_true (crm_sidebar_row_popup_menu (find_row (second_id)));
  run_for (100);
  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-menu.png");
  g_assert_false (crm_sidebar_row_popup_menu (find_row ("all-customers")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.move-list-up",
                                             "s", second_id));
  order[0] = second_id;
  order[1] = first_id;
  g_assert_true (wait_until (row_is_before, order));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window),
                                             "win.move-list-down", "s", second_id));
  order[0] = first_id;
  order[1] = second_id;
  g_assert_true (wait_until (row_is_before, order));

  /* Built-in lists always come first. */
  order[0] = "all-customers";
  g_assert_true (row_is_before ((gpointer) order));
}

static void
test_delete_undo (void)
{
  g_autofree char *list_id = dup_saved_id ();
  GtkWidget *undo = NULL;

  g_assert_true (crm_window_select_list (fixture.window, list_id));
  g_assert_true (wait_until (row_selected, list_id));

  dismiss_toasts ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.delete-list",
                                             "s", list_id));
  g_assert_true (wait_until (row_gone, list_id));
  g_assert_null (crm_saved_lists_lookup (fixture.store, CRM_ENTITY_CUSTOMER,
                                         "Germany & Austria: open leads"));

  /* The list shown went: the default list shows. */
  g_assert_true (wait_until (row_selected, (gpointer) "my-new-leads"));

  undo = wait_for_undo ("List “Germany & Austria: open leads” deleted");
  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-deleted.png");
  click (undo);

  g_assert_true (wait_until (row_exists, list_id));
  g_assert_true (wait_until (row_counts_right, list_id));
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
  g_assert_true (wait_until (row_selected, (gpointer) "all-customers"));
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
  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-text-error.png");

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
  g_assert_true (wait_until (transitions_done, bar));
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
  GtkWidget *undo = NULL;
  guint n_stale;
  gint64 first;

  g_assert_true (crm_window_select_list (fixture.window, CRM_BUILTIN_LIST_STALE));
  n_stale = count (crm_sidebar_row_get_filter (row));
  g_assert_cmpuint (n_stale, >, 2);
  g_assert_true (wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale)));

  mark_all = find_named (GTK_WIDGET (get_page ()), "mark-all-unqualified-button");
  g_assert_true (wait_until ((ConditionFunc) gtk_widget_get_mapped, mark_all));
  g_assert_cmpuint (crm_filter_bar_get_n_conditions (get_bar ()), ==, 2);
  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-stale.png");

  /* One lead, from its row's menu. */
  first = crm_query_model_get_id (get_model (), 0);
  dismiss_toasts ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (get_page ()), "list.mark-unqualified",
                                             "x", first));
  g_assert_true (wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale - 1)));
  g_assert_true (wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));
  undo = wait_for_undo ("1 lead marked unqualified");
  click (undo);
  g_assert_true (wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale)));

  /* All of them, in one change that Undo reverses. */
  run_for (200);
  dismiss_toasts ();
  click (mark_all);
  g_assert_true (wait_until (stale_list_empty, NULL));
  g_assert_true (wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));
  g_assert_cmpuint (crm_sidebar_row_get_count (row), ==, 0);
  g_assert_false (gtk_widget_get_sensitive (mark_all));

  /* The empty list says what would show here, with the profile's days. */
  g_assert_nonnull (find_widget (GTK_WIDGET (get_page ()), is_mapped_label,
                                 (gpointer) "Working Leads show here after 21 days without a "
                                 "note, call, email or completed task."));
  g_assert_nonnull (find_widget (GTK_WIDGET (get_page ()), is_mapped_label,
                                 (gpointer) "No Stale Working Leads"));
  g_assert_null (find_widget (GTK_WIDGET (get_page ()), is_button_labelled,
                              (gpointer) "_New Customer"));
  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-stale-empty.png");

  title = g_strdup_printf ("%u leads marked unqualified", n_stale);
  undo = wait_for_undo (title);
  click (undo);
  g_assert_true (wait_until (model_has_n_items, GUINT_TO_POINTER (n_stale)));
  g_assert_true (wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));

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
  g_assert_true (wait_until (is_true, &done));
  g_assert_true (wait_until (stale_row_says, (gpointer) "within 90 days"));
  g_assert_true (wait_until (row_counts_right, (gpointer) CRM_BUILTIN_LIST_STALE));

  /* Dark, for the record. */
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_FORCE_DARK);
  g_assert_true (crm_window_select_list (fixture.window, list_id));
  save_screenshot (GTK_WIDGET (fixture.window), "ui-lists-dark.png");
  adw_style_manager_set_color_scheme (adw_style_manager_get_default (),
                                      ADW_COLOR_SCHEME_DEFAULT);
}

/* Fixture */

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    return;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_dir (child);
      else
        g_unlink (child);
    }

  g_rmdir (path);
}

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  gboolean done = FALSE;

  fixture.dir = g_dir_make_tmp ("prospect-ui-lists-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture.dir, "profile.db", NULL);
  fixture.store = crm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (crm_store_demo_fill (fixture.store, N_DEMO_CUSTOMERS, &error));
  g_assert_no_error (error);

  crm_store_set_setting_async (fixture.store, CRM_STALE_DAYS_SETTING, "21", NULL,
                               on_mutation_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);

  fixture.app = crm_application_new ();
  g_application_register (G_APPLICATION (fixture.app), NULL, &error);
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (GTK_WINDOW (fixture.window));
  run_for (50);

  crm_store_close (fixture.store);
  g_clear_object (&fixture.store);
  g_clear_object (&fixture.app);

  remove_dir (fixture.dir);
  g_clear_pointer (&fixture.dir, g_free);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("PROSPECT_NON_UNIQUE", "1", TRUE);
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

  set_up ();
  status = g_test_run ();
  tear_down ();

  return status;
}
