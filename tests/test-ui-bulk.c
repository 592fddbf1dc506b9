/* test-ui-bulk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-bulk"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-customer-list-page.h"
#include "crm-selection-bar.h"
#include "crm-store.h"
#include "crm-store-demo.h"
#include "crm-window.h"

/* Bulk edit in the real window under Xvfb, on a demo book large enough
 * for the progress and Cancel: selecting rows (a range, all), then status,
 * tags and attributes through the selection bar, with the store, the
 * toast, the skipped customers and Undo checked. The store can be slowed
 * down so that a job is still running when the test looks at it. */

#define N_DEMO_CUSTOMERS 700
#define WAIT_TIMEOUT_MS 20000

static struct {
  char           *dir;
  CrmStore       *store;
  CrmApplication *app;
  CrmWindow      *window;
  gboolean        slow;
} fixture;

/* Main loop helpers */

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
is_false (gpointer data)
{
  return FALSE;
}

static void
run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);

  while (!is_false (NULL) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
}

/* Widget lookups */

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

static GtkWidget *
find_widget (GtkWidget   *root,
             WidgetMatch  match,
             gpointer     data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_of_type (GtkWidget *widget,
            gpointer   type)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (type));
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

static gboolean
is_menu_button_with_label (GtkWidget *widget,
                           gpointer   label)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         g_strcmp0 (gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)), label) == 0;
}

static CrmCustomerListPage *
get_page (void)
{
  return crm_window_get_list_page (fixture.window);
}

static CrmSelectionBar *
get_bar (void)
{
  return CRM_SELECTION_BAR (find_widget (GTK_WIDGET (get_page ()), is_of_type,
                                         GSIZE_TO_POINTER (CRM_TYPE_SELECTION_BAR)));
}

static GtkSelectionModel *
get_selection (void)
{
  return gtk_column_view_get_model (crm_customer_list_page_get_column_view (get_page ()));
}

static GListModel *
get_model (void)
{
  return G_LIST_MODEL (crm_customer_list_page_get_model (get_page ()));
}

static gboolean
bar_is_shown (gpointer data)
{
  GtkWidget *bar = GTK_WIDGET (get_bar ());
  GtkActionBar *action_bar = GTK_ACTION_BAR (find_widget (bar, is_of_type,
                                                          GSIZE_TO_POINTER (GTK_TYPE_ACTION_BAR)));
  gboolean shown = GPOINTER_TO_INT (data);

  return gtk_action_bar_get_revealed (action_bar) == shown &&
         (gtk_widget_get_height (bar) > 0) == shown;
}

static gboolean
job_is_done (gpointer data)
{
  return !crm_selection_bar_get_running (get_bar ());
}

static gboolean
label_is_shown (gpointer text)
{
  return find_widget (GTK_WIDGET (fixture.window), is_label_with_text, text) != NULL;
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
dialog_is_shown (gpointer data)
{
  AdwMessageDialog *dialog = find_dialog ();

  return dialog != NULL && gtk_widget_get_mapped (GTK_WIDGET (dialog));
}

/* A row of the skipped list: "Active is set by billing" under a name. */
static gboolean
is_skip_line (GtkWidget *widget,
              gpointer   data)
{
  const char *text;

  if (!GTK_IS_LABEL (widget) || !gtk_widget_get_mapped (widget))
    return FALSE;

  text = gtk_label_get_text (GTK_LABEL (widget));
  return g_str_has_suffix (text, " is set by billing");
}

static gboolean
dialog_has_skip_line (gpointer dialog)
{
  return find_widget (GTK_WIDGET (dialog), is_skip_line, NULL) != NULL;
}

static gboolean
no_dialog (gpointer data)
{
  return find_dialog () == NULL;
}

/* Toasts leaving and arriving overlap: the button is looked for in the
 * toast that says @title. */
static GtkWidget *
find_toast_button (const char *title,
                   const char *button_label)
{
  GtkWidget *label = find_widget (GTK_WIDGET (fixture.window), is_label_with_text,
                                  (gpointer) title);

  if (label == NULL)
    return NULL;

  return find_widget (gtk_widget_get_parent (gtk_widget_get_parent (label)),
                      is_button_with_label, (gpointer) button_label);
}

/* Screenshots */

/* A widget waiting for its next frame has no picture of itself: a bar
 * whose progress moves asks for one every tenth of a second. */
static GskRenderNode *
snapshot_widget (GtkWidget *widget,
                 int        width,
                 int        height)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  return gtk_snapshot_free_to_node (snapshot);
}

static GdkTexture *
render_widget (GtkWidget *widget)
{
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      node = snapshot_widget (widget, width, height);
      if (node == NULL)
        g_main_context_iteration (NULL, TRUE);
    }
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (gtk_widget_get_native (widget)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* An image "has content" when enough of it differs from its most common
 * colour and the brightness varies: a bare background fails. */
static gboolean
texture_has_content (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  guint32 dominant = 0;
  guint dominant_count = 0, ink = 0;
  double sum = 0, sum_sq = 0, n = (double) width * height, mean;

  gdk_texture_download (texture, data, stride);

  for (int i = 0; i < width * height; i++)
    {
      guint32 pixel;
      guint count;
      double luma = 0.2126 * data[i * 4 + 2] + 0.7152 * data[i * 4 + 1] +
                    0.0722 * data[i * 4];

      memcpy (&pixel, data + i * 4, 4);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (colors, GUINT_TO_POINTER (pixel))) + 1;
      g_hash_table_insert (colors, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
      if (count > dominant_count)
        {
          dominant = pixel;
          dominant_count = count;
        }
      sum += luma;
      sum_sq += luma * luma;
    }

  for (int i = 0; i < width * height; i++)
    if (memcmp (&dominant, data + i * 4, 4) != 0)
      ink++;

  mean = sum / n;

  return ink / n > 0.03 && sqrt (MAX (0.0, sum_sq / n - mean * mean)) > 6.0 &&
         g_hash_table_size (colors) > 32;
}

static void
save_screenshot (GtkWidget  *widget,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  run_for (300);
  texture = render_widget (widget);

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
  g_assert_true (texture_has_content (texture));
}

/* The book, as the test's own connection reads it */

static char *
dump_book (void)
{
  static const char * const queries[] = {
    "SELECT * FROM customers ORDER BY id",
    "SELECT * FROM tags ORDER BY customer_id, tag",
    "SELECT * FROM activities ORDER BY id",
  };
  GString *dump = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (crm_store_get_path (fixture.store), &db,
                                    SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *text = (const char *) sqlite3_column_text (stmt, c);

              g_string_append_printf (dump, "%s|", text != NULL ? text : "-");
            }
          g_string_append_c (dump, '\n');
        }
      sqlite3_finalize (stmt);
    }

  sqlite3_close (db);
  return g_string_free (dump, FALSE);
}

static gboolean
book_is (gpointer data)
{
  g_autofree char *now = dump_book ();

  return g_strcmp0 (now, data) == 0;
}

static guint
count_with_status (GArray     *ids,
                   const char *status,
                   gboolean    subscribers)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GObject) object = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER,
                                                  g_array_index (ids, gint64, i), NULL);
      CrmStatusKind kind = crm_customer_get_status_kind (CRM_CUSTOMER (object));
      gboolean is_subscriber = kind == CRM_STATUS_ACTIVE || kind == CRM_STATUS_PAST_DUE ||
                               kind == CRM_STATUS_CANCELLED;

      if (subscribers ? is_subscriber
                      : g_strcmp0 (crm_customer_get_status (CRM_CUSTOMER (object)), status) == 0)
        n++;
    }

  return n;
}

static void
scroll_to_top (void)
{
  GtkScrollable *view = GTK_SCROLLABLE (crm_customer_list_page_get_column_view (get_page ()));

  gtk_adjustment_set_value (gtk_scrollable_get_vadjustment (view), 0);
}

static void
show_all_customers (void)
{
  g_assert_true (crm_window_select_list (fixture.window, "all-customers"));
  gtk_selection_model_unselect_all (get_selection ());
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (FALSE)));
}

/* What the bar says */

static void
test_format (void)
{
  g_autofree char *count = crm_selection_bar_format_count (12);
  g_autofree char *one = crm_selection_bar_format_count (1);
  g_autofree char *progress = crm_selection_bar_format_progress (12, 700);
  g_autofree char *skip = NULL;
  CrmBulkSkip maple = { 7, (char *) "Maple Foods", (char *) "Active is set by billing" };

  g_assert_cmpstr (count, ==, "12 selected");
  g_assert_cmpstr (one, ==, "1 selected");
  g_assert_cmpstr (progress, ==, "Changing 12 of 700 customers…");

  skip = crm_selection_bar_format_skip (&maple);
  g_assert_cmpstr (skip, ==, "Maple Foods — Active is set by billing");
}

static GtkPopover *open_popover (const char *button_label);

/* Selecting */

static void
test_hidden_without_selection (void)
{
  show_all_customers ();

  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 0);
  g_assert_false (crm_selection_bar_get_running (get_bar ()));
}

static void
test_select_range (void)
{
  g_autoptr(GArray) ids = NULL;
  g_autofree char *count = NULL;
  GtkPopover *popover;

  show_all_customers ();

  /* Shift-click selects a range, ctrl-click adds one row. */
  gtk_selection_model_select_range (get_selection (), 3, 10, TRUE);
  gtk_selection_model_select_item (get_selection (), 20, FALSE);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 11);
  count = crm_selection_bar_format_count (11);
  g_assert_true (label_is_shown (count));

  ids = crm_selection_bar_dup_selected_ids (get_bar ());
  g_assert_cmpuint (ids->len, ==, 11);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                     crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 3 + i));
  g_assert_cmpint (g_array_index (ids, gint64, 10), ==,
                   crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 20));

  /* The bar never keeps a narrow window from folding: it scrolls. */
  {
    int min_width = 0;

    gtk_widget_measure (GTK_WIDGET (get_bar ()), GTK_ORIENTATION_HORIZONTAL, -1,
                        &min_width, NULL, NULL, NULL);
    g_assert_cmpint (min_width, <, 200);
  }

  scroll_to_top ();
  save_screenshot (GTK_WIDGET (fixture.window), "ui-bulk-selection.png");

  /* The Status menu offers the lead statuses only; Owner offers me, the
   * known owners and nobody. */
  popover = open_popover ("_Status");
  g_assert_nonnull (find_widget (GTK_WIDGET (popover), is_label_with_text,
                                 (gpointer) "Unqualified Lead"));
  g_assert_null (find_widget (GTK_WIDGET (popover), is_label_with_text, (gpointer) "Active"));
  save_screenshot (GTK_WIDGET (popover), "ui-bulk-status-menu.png");
  gtk_popover_popdown (popover);

  popover = open_popover ("_Owner");
  g_assert_nonnull (find_widget (GTK_WIDGET (popover), is_label_with_text,
                                 (gpointer) "No Owner"));
  save_screenshot (GTK_WIDGET (popover), "ui-bulk-owner-menu.png");
  gtk_popover_popdown (popover);
}

/* A row's cell, as a click would hit it. */
static gboolean
is_cell_of (GtkWidget *widget,
            gpointer   id)
{
  gpointer data = g_object_get_data (G_OBJECT (widget), "crm-customer-id");

  return data != NULL && data == id && gtk_widget_get_mapped (widget);
}

/* What a click, a ctrl-click and a shift-click on a row do: the row's
 * "listitem.select" action with (modify, extend). */
static void
click_row (guint    position,
           gboolean ctrl,
           gboolean shift)
{
  gint64 id = crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), position);
  GtkWidget *view = GTK_WIDGET (crm_customer_list_page_get_column_view (get_page ()));
  GtkWidget *cell = find_widget (view, is_cell_of, GSIZE_TO_POINTER ((gsize) id));

  g_assert_nonnull (cell);
  g_assert_true (gtk_widget_activate_action (cell, "listitem.select", "(bb)", ctrl, shift));
}

static void
test_click_select (void)
{
  g_autoptr(GArray) ids = NULL;

  show_all_customers ();
  scroll_to_top ();
  run_for (100);

  click_row (2, FALSE, FALSE);
  click_row (6, FALSE, TRUE);
  click_row (9, TRUE, FALSE);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 6);

  /* A second ctrl-click takes a row out; a plain click starts over. */
  click_row (4, TRUE, FALSE);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 5);
  ids = crm_selection_bar_dup_selected_ids (get_bar ());
  for (guint i = 0, positions[] = { 2, 3, 5, 6, 9 }; i < G_N_ELEMENTS (positions); i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==,
                     crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), positions[i]));

  click_row (7, FALSE, FALSE);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 1);
  gtk_selection_model_unselect_all (get_selection ());
}

static GtkShortcutController *
find_shortcuts (GtkWidget *widget)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (g_strcmp0 (gtk_event_controller_get_name (controller),
                     "crm-selection-shortcuts") == 0)
        return GTK_SHORTCUT_CONTROLLER (controller);
    }

  return NULL;
}

static gboolean
press_shortcut (guint           keyval,
                GdkModifierType modifiers)
{
  GtkWidget *page = GTK_WIDGET (get_page ());
  GListModel *shortcuts = G_LIST_MODEL (find_shortcuts (page));

  g_assert_nonnull (shortcuts);

  for (guint i = 0; i < g_list_model_get_n_items (shortcuts); i++)
    {
      g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (shortcuts, i);
      GtkShortcutTrigger *trigger = gtk_shortcut_get_trigger (shortcut);

      if (gtk_keyval_trigger_get_keyval (GTK_KEYVAL_TRIGGER (trigger)) == keyval &&
          gtk_keyval_trigger_get_modifiers (GTK_KEYVAL_TRIGGER (trigger)) == modifiers)
        return gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0,
                                             page, NULL);
    }

  g_assert_not_reached ();
}

static void
test_select_all_and_clear (void)
{
  guint n_items;

  show_all_customers ();
  n_items = g_list_model_get_n_items (get_model ());
  g_assert_cmpuint (n_items, ==, N_DEMO_CUSTOMERS);

  /* Escape with nothing selected is left to others. */
  g_assert_false (press_shortcut (GDK_KEY_Escape, 0));

  g_assert_true (press_shortcut (GDK_KEY_a, GDK_CONTROL_MASK));
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, n_items);

  g_assert_true (press_shortcut (GDK_KEY_Escape, 0));
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (FALSE)));

  /* The bar's own buttons do the same. */
  gtk_selection_model_select_item (get_selection (), 0, TRUE);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.select-all", NULL);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, n_items);
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.clear-selection", NULL);
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, 0);
}

/* Editing */

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     guint      *n_emissions)
{
  (*n_emissions)++;
}

static void
on_store_changed_cb (CrmStore   *store,
                     const char *table,
                     GArray     *ids,
                     guint      *n_commits)
{
  /* One commit emits once per table; customers stand for the commit. */
  if (g_str_equal (table, "customers"))
    (*n_commits)++;
}

static void
test_status_select_all (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *toast_title = NULL;
  g_autoptr(GArray) ids = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *undo_button;
  guint n_subscribers, n_working, n_emissions = 0, n_commits = 0;
  gulong items_handler, store_handler;

  show_all_customers ();
  before = dump_book ();

  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.select-all", NULL);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  ids = crm_selection_bar_dup_selected_ids (get_bar ());
  g_assert_cmpuint (ids->len, ==, N_DEMO_CUSTOMERS);
  n_subscribers = count_with_status (ids, NULL, TRUE);
  n_working = count_with_status (ids, "Working Lead", FALSE);
  g_assert_cmpuint (n_subscribers, >, 0);

  items_handler = g_signal_connect (get_model (), "items-changed",
                                    G_CALLBACK (on_items_changed_cb), &n_emissions);
  store_handler = g_signal_connect (fixture.store, "changed",
                                    G_CALLBACK (on_store_changed_cb), &n_commits);

  /* As the Status menu's "Working Lead" item does. */
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-status", "s", "Working Lead");
  g_assert_true (crm_selection_bar_get_running (get_bar ()));
  g_assert_true (wait_until (job_is_done, NULL));
  run_for (100);

  g_assert_cmpuint (n_commits, ==, 1);
  g_assert_cmpuint (n_emissions, <=, n_commits);
  g_signal_handler_disconnect (get_model (), items_handler);
  g_signal_handler_disconnect (fixture.store, store_handler);

  /* The store: every lead is a Working Lead; subscribers kept theirs. */
  g_assert_cmpuint (count_with_status (ids, "Working Lead", FALSE), ==,
                    N_DEMO_CUSTOMERS - n_subscribers);
  g_assert_cmpuint (count_with_status (ids, NULL, TRUE), ==, n_subscribers);

  /* The toast, and the dialog that names each skipped customer. */
  toast_title = g_strdup_printf ("Changed %u customers",
                                 N_DEMO_CUSTOMERS - n_subscribers - n_working);
  g_assert_true (wait_until (label_is_shown, toast_title));
  g_assert_true (wait_until (dialog_is_shown, NULL));
  dialog = find_dialog ();
  g_assert_nonnull (strstr (adw_message_dialog_get_heading (dialog), "Customers Skipped"));
  g_assert_nonnull (find_widget (GTK_WIDGET (dialog), is_of_type,
                                 GSIZE_TO_POINTER (GTK_TYPE_LIST_VIEW)));
  g_assert_true (wait_until (dialog_has_skip_line, dialog));
  save_screenshot (GTK_WIDGET (dialog), "ui-bulk-skipped.png");
  save_screenshot (GTK_WIDGET (fixture.window), "ui-bulk-toast.png");

  /* "Select them" leaves exactly the skipped customers selected. */
  g_signal_emit_by_name (find_widget (GTK_WIDGET (dialog), is_button_with_label,
                                     (gpointer) "_Select Them"), "clicked");
  g_assert_true (wait_until (no_dialog, NULL));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), ==, n_subscribers);

  /* Undo puts every row back exactly. */
  undo_button = find_toast_button (toast_title, "_Undo");
  g_assert_nonnull (undo_button);
  g_signal_emit_by_name (undo_button, "clicked");
  g_assert_true (wait_until (book_is, before));
  after = dump_book ();
  g_assert_cmpstr (after, ==, before);
}

static void
test_new_leads_refresh_once (void)
{
  g_autoptr(CrmFilter) filter = crm_filter_new ();
  guint n_items, n_emissions = 0;
  gulong handler;

  crm_filter_add (filter, "status", CRM_FILTER_OP_IS, g_variant_new_string ("New Lead"));
  crm_customer_list_page_set_list (get_page (), "New leads", filter);
  n_items = g_list_model_get_n_items (get_model ());
  g_assert_cmpuint (n_items, >, 20);

  gtk_selection_model_select_range (get_selection (), 0, 20, TRUE);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));

  handler = g_signal_connect (get_model (), "items-changed",
                              G_CALLBACK (on_items_changed_cb), &n_emissions);
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-status", "s", "Qualified Lead");
  g_assert_true (wait_until (job_is_done, NULL));
  run_for (100);
  g_signal_handler_disconnect (get_model (), handler);

  /* The twenty rows leave the list in one change, and the bar goes. */
  g_assert_cmpuint (n_emissions, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (get_model ()), ==, n_items - 20);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (FALSE)));
  g_assert_true (wait_until (label_is_shown, (gpointer) "Changed 20 customers"));
}

static GtkPopover *
open_popover (const char *button_label)
{
  GtkWidget *button = find_widget (GTK_WIDGET (get_bar ()), is_menu_button_with_label,
                                   (gpointer) button_label);
  GtkPopover *popover;

  g_assert_nonnull (button);
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (button));
  g_assert_true (wait_until ((ConditionFunc) gtk_widget_get_mapped, popover));

  return popover;
}

static void
test_tags (void)
{
  g_autoptr(GObject) first = NULL;
  GtkPopover *popover;
  GtkWidget *entry;
  gint64 id;

  show_all_customers ();
  gtk_selection_model_select_range (get_selection (), 0, 5, TRUE);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  id = crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 0);

  popover = open_popover ("_Tags");
  entry = find_widget (GTK_WIDGET (popover), is_of_type, GSIZE_TO_POINTER (GTK_TYPE_ENTRY));

  /* Nothing to add is marked, not sent. */
  gtk_editable_set_text (GTK_EDITABLE (entry), " , ");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_widget_has_css_class (entry, "error"));
  g_assert_false (crm_selection_bar_get_running (get_bar ()));

  gtk_editable_set_text (GTK_EDITABLE (entry), "q3-campaign, webinar");
  g_assert_false (gtk_widget_has_css_class (entry, "error"));
  save_screenshot (GTK_WIDGET (popover), "ui-bulk-tags.png");
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (wait_until (job_is_done, NULL));
  g_assert_true (wait_until (label_is_shown, (gpointer) "Changed 5 customers"));

  first = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);
  g_assert_true (g_strv_contains (crm_customer_get_tags (CRM_CUSTOMER (first)), "q3-campaign"));
  g_assert_true (g_strv_contains (crm_customer_get_tags (CRM_CUSTOMER (first)), "webinar"));
  g_clear_object (&first);

  popover = open_popover ("_Tags");
  gtk_editable_set_text (GTK_EDITABLE (entry), "webinar");
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.remove-tags", NULL);
  g_assert_true (wait_until (job_is_done, NULL));
  first = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);
  g_assert_false (g_strv_contains (crm_customer_get_tags (CRM_CUSTOMER (first)), "webinar"));
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (popover)));
}

static void
test_attributes (void)
{
  g_autoptr(GObject) first = NULL;
  GtkPopover *popover;
  GtkGrid *grid;
  GtkWidget *error_label;
  gint64 id;

  show_all_customers ();
  gtk_selection_model_select_range (get_selection (), 0, 8, TRUE);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  id = crm_query_model_get_id (CRM_QUERY_MODEL (get_model ()), 0);

  popover = open_popover ("_Attributes");
  grid = GTK_GRID (find_widget (GTK_WIDGET (popover), is_of_type,
                                GSIZE_TO_POINTER (GTK_TYPE_GRID)));

  /* Row 1 is the first attribute: name, type, value. */
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 0, 1)), "company_size");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_grid_get_child_at (grid, 1, 1)),
                              CRM_ATTRIBUTE_NUMBER);
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 1)), "lots");
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 0, 2)), "renewal_on");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (gtk_grid_get_child_at (grid, 1, 2)),
                              CRM_ATTRIBUTE_DATE);
  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 2)), "2026-03-31");
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-attributes", NULL);

  /* An invalid value is shown where it was typed, and nothing runs. */
  g_assert_false (crm_selection_bar_get_running (get_bar ()));
  error_label = find_widget (GTK_WIDGET (popover), is_label_with_text,
                             (gpointer) "“lots” is not a number");
  g_assert_nonnull (error_label);
  g_assert_true (gtk_widget_has_css_class (gtk_grid_get_child_at (grid, 2, 1), "error"));
  save_screenshot (GTK_WIDGET (popover), "ui-bulk-attributes.png");

  gtk_editable_set_text (GTK_EDITABLE (gtk_grid_get_child_at (grid, 2, 1)), "250");
  g_signal_emit_by_name (gtk_grid_get_child_at (grid, 2, 1), "activate");
  g_assert_true (wait_until (job_is_done, NULL));
  g_assert_true (wait_until (label_is_shown, (gpointer) "Changed 8 customers"));

  first = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL);
  g_assert_cmpint (json_object_get_int_member (crm_customer_get_attributes (CRM_CUSTOMER (first)),
                                               "company_size"), ==, 250);
  g_assert_cmpstr (json_object_get_string_member (
                     crm_customer_get_attributes (CRM_CUSTOMER (first)), "renewal_on"),
                   ==, "2026-03-31");
}

static gboolean
is_progress_stack (GtkWidget *widget,
                   gpointer   data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget),
                                                               "progress") != NULL;
}

static gboolean
progress_has_moved (gpointer data)
{
  GtkProgressBar *bar = GTK_PROGRESS_BAR (find_widget (data, is_of_type,
                                                       GSIZE_TO_POINTER (GTK_TYPE_PROGRESS_BAR)));

  return gtk_progress_bar_get_fraction (bar) > 0;
}

static void
test_large_cancel (void)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkStack *stack;
  GtkWidget *cancel;

  show_all_customers ();
  before = dump_book ();
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.select-all", NULL);
  g_assert_true (wait_until (bar_is_shown, GINT_TO_POINTER (TRUE)));
  g_assert_cmpuint (crm_selection_bar_get_n_selected (get_bar ()), >,
                    CRM_SELECTION_BAR_PROGRESS_THRESHOLD);

  /* A slow writer: the job is still running while the test looks. */
  fixture.slow = TRUE;
  gtk_widget_activate_action (GTK_WIDGET (get_bar ()), "bulk.set-owner", "s", "me");
  stack = GTK_STACK (find_widget (GTK_WIDGET (get_bar ()), is_progress_stack, NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "progress");
  g_assert_true (wait_until (progress_has_moved, get_bar ()));
  save_screenshot (GTK_WIDGET (fixture.window), "ui-bulk-progress.png");

  cancel = find_widget (GTK_WIDGET (get_bar ()), is_button_with_label, (gpointer) "_Cancel");
  g_assert_nonnull (cancel);
  g_signal_emit_by_name (cancel, "clicked");
  g_assert_true (wait_until (job_is_done, NULL));
  fixture.slow = FALSE;

  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "edit");
  g_assert_true (wait_until (label_is_shown, (gpointer) "Cancelled: no customer was changed"));
  after = dump_book ();
  g_assert_cmpstr (after, ==, before);
}

/* Fixture */

static gboolean
slow_rule (CrmStoreTxn  *txn,
           const char   *table,
           gint64        id,
           const char   *operation,
           GVariant     *changes,
           gpointer      user_data,
           GError      **error)
{
  if (fixture.slow && g_str_equal (table, "customers"))
    g_usleep (3000);

  return TRUE;
}

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

  fixture.dir = g_dir_make_tmp ("prospect-ui-bulk-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (fixture.dir, "profile.db", NULL);
  fixture.store = crm_store_open (path, &error);
  g_assert_no_error (error);
  crm_store_add_rule (fixture.store, slow_rule, NULL);
  g_assert_true (crm_store_demo_fill (fixture.store, N_DEMO_CUSTOMERS, &error));
  g_assert_no_error (error);

  fixture.app = crm_application_new ();
  g_application_register (G_APPLICATION (fixture.app), NULL, &error);
  g_assert_no_error (error);

  fixture.window = crm_window_new (fixture.app, fixture.store);
  gtk_window_set_default_size (GTK_WINDOW (fixture.window), 1100, 720);
  gtk_window_present (GTK_WINDOW (fixture.window));
  run_for (300);
}

static void
tear_down (void)
{
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

  g_test_add_func ("/crm/ui/bulk/format", test_format);
  g_test_add_func ("/crm/ui/bulk/hidden-without-selection", test_hidden_without_selection);
  g_test_add_func ("/crm/ui/bulk/select-range", test_select_range);
  g_test_add_func ("/crm/ui/bulk/click-select", test_click_select);
  g_test_add_func ("/crm/ui/bulk/select-all-and-clear", test_select_all_and_clear);
  g_test_add_func ("/crm/ui/bulk/status", test_status_select_all);
  g_test_add_func ("/crm/ui/bulk/tags", test_tags);
  g_test_add_func ("/crm/ui/bulk/attributes", test_attributes);
  g_test_add_func ("/crm/ui/bulk/large-cancel", test_large_cancel);
  g_test_add_func ("/crm/ui/bulk/refresh-once", test_new_leads_refresh_once);

  set_up ();
  status = g_test_run ();
  tear_down ();

  return status;
}
