/* test-import-ui.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-import-ui"

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-import-assistant.h"
#include "crm-store.h"
#include "test-ui-util.h"
#include "test-util.h"

/* The import assistant, for real, under Xvfb: driven through its pages
 * with the C1 file, with a file holding a bad row, and cancelled midway.
 * Each page is rendered to a PNG in the build directory. */

#define WAIT_TIMEOUT_MS 20000

static char *test_dir;

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

typedef struct
{
  CrmImportAssistant *assistant;
  const char         *page;
} PageWait;

static gboolean
page_is (gpointer data)
{
  PageWait *wait = data;

  return g_strcmp0 (crm_import_assistant_get_page (wait->assistant), wait->page) == 0;
}

static void
wait_for_page (CrmImportAssistant *assistant,
               const char         *page)
{
  PageWait wait = { assistant, page };

  g_assert_true (wait_until (page_is, &wait));
}

static gboolean
next_enabled (gpointer data)
{
  gboolean enabled = FALSE;

  g_object_get (data, "visible", &enabled, NULL);
  return enabled && gtk_widget_is_sensitive (data);
}

/* Widget lookups */

typedef gboolean (*WidgetPredicate) (GtkWidget *widget,
                                     gpointer   data);

static GtkWidget *
find_widget_by (GtkWidget       *root,
                WidgetPredicate  predicate,
                gpointer         data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget_by (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_type (GtkWidget *widget,
         gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  return find_widget_by (root, is_type, GSIZE_TO_POINTER (type));
}

static gboolean
is_suggested_button (GtkWidget *widget,
                     gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_has_css_class (widget, "suggested-action");
}

/* The Next button: the suggested one in the header bar. */
static GtkWidget *
next_button (CrmImportAssistant *assistant)
{
  GtkWidget *header = find_widget (GTK_WIDGET (assistant), ADW_TYPE_HEADER_BAR);

  return find_widget_by (header, is_suggested_button, NULL);
}

static AdwStatusPage *
visible_status_page (CrmImportAssistant *assistant)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (assistant), GTK_TYPE_STACK);

  return ADW_STATUS_PAGE (find_widget (gtk_stack_get_visible_child (GTK_STACK (stack)),
                                       ADW_TYPE_STATUS_PAGE));
}

static gboolean
is_visible_error_label (GtkWidget *widget,
                        gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_has_css_class (widget, "error") &&
         gtk_widget_is_drawable (widget);
}

static gboolean
format_error_shown (gpointer data)
{
  return find_widget_by (data, is_visible_error_label, NULL) != NULL;
}

static gboolean
is_header_error (GtkWidget *widget,
                 gpointer   data)
{
  return is_visible_error_label (widget, data) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)),
                    "This file cannot be imported: it has a header row but no customers "
                    "under it.") == 0;
}

static gboolean
header_error_shown (gpointer data)
{
  return find_widget_by (data, is_header_error, NULL) != NULL;
}

static gboolean
is_combo_row_titled (GtkWidget *widget,
                     gpointer   data)
{
  return ADW_IS_COMBO_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static AdwComboRow *
encoding_row (CrmImportAssistant *assistant)
{
  return ADW_COMBO_ROW (find_widget_by (GTK_WIDGET (assistant), is_combo_row_titled,
                                        (gpointer) "_Encoding"));
}

/* Screenshots */

static gboolean
transitions_done (gpointer data)
{
  GtkWidget *stack = find_widget (data, GTK_TYPE_STACK);

  return stack == NULL || !gtk_stack_get_transition_running (GTK_STACK (stack));
}

static gboolean
is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0 &&
         gtk_widget_get_height (data) > 0;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  GtkSnapshot *snapshot;
  int width, height;

  g_assert_true (wait_until (is_drawn, window));
  g_assert_true (wait_until (transitions_done, window));
  run_for (150);

  width = gtk_widget_get_width (window);
  height = gtk_widget_get_height (window);
  paintable = gtk_widget_paintable_new (window);

  /* On a busy machine the first frame may not be there yet. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      snapshot = gtk_snapshot_new ();
      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        run_for (50);
    }
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* Fixtures */

static char *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (test_dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);

  return g_steal_pointer (&path);
}

static CrmStore *
open_store (const char *name)
{
  g_autofree char *path = g_build_filename (test_dir, name, NULL);
  g_autoptr(GError) error = NULL;
  CrmStore *store = crm_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static CrmImportAssistant *
open_assistant (CrmStore   *store,
                const char *path)
{
  CrmImportAssistant *assistant = crm_import_assistant_new (NULL, store);
  g_autoptr(GFile) file = g_file_new_for_path (path);

  gtk_window_set_default_size (GTK_WINDOW (assistant), 680, 620);
  gtk_window_present (GTK_WINDOW (assistant));
  crm_import_assistant_open_file (assistant, file);
  wait_for_page (assistant, "format");

  return assistant;
}

static void
next (CrmImportAssistant *assistant,
      const char         *page)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL));
  if (page != NULL)
    wait_for_page (assistant, page);
}

/* Test cases */

static void
test_file_page (void)
{
  g_autoptr(CrmStore) store = open_store ("file-page.db");
  CrmImportAssistant *assistant = crm_import_assistant_new (NULL, store);
  g_autofree char *bad = write_file ("unclosed.csv", "name,notes\r\nOrchard,\"never\r\n");
  g_autofree char *header_only = write_file ("header.csv", "name,email\r\n");
  g_autoptr(GFile) file = g_file_new_for_path (bad);
  g_autoptr(GFile) header_file = g_file_new_for_path (header_only);

  gtk_window_present (GTK_WINDOW (assistant));
  g_assert_cmpstr (crm_import_assistant_get_page (assistant), ==, "file");
  save_screenshot (GTK_WIDGET (assistant), "import-1-file.png");

  /* A file that cannot be parsed stays on the first page, saying why. */
  crm_import_assistant_open_file (assistant, file);
  run_for (300);
  g_assert_cmpstr (crm_import_assistant_get_page (assistant), ==, "file");
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);
  g_assert_true (format_error_shown (assistant));
  save_screenshot (GTK_WIDGET (assistant), "import-1-file-error.png");

  /* A header without rows has nothing to import, and says so. */
  crm_import_assistant_open_file (assistant, header_file);
  g_assert_true (wait_until (header_error_shown, assistant));
  g_assert_cmpstr (crm_import_assistant_get_page (assistant), ==, "file");

  gtk_window_destroy (GTK_WINDOW (assistant));
  crm_store_close (store);
}

static void
test_c1_through_pages (void)
{
  g_autoptr(CrmStore) store = open_store ("c1.db");
  g_autofree char *path = write_file ("c1-quoted.csv", test_c1_bytes);
  CrmImportAssistant *assistant = open_assistant (store, path);
  CrmImportSummary *summary;
  AdwStatusPage *status;
  GtkWidget *button;

  g_assert_cmpstr (crm_csv_document_get_encoding (
                     crm_csv_import_get_document (crm_import_assistant_get_import (assistant))),
                   ==, "UTF-8");
  save_screenshot (GTK_WIDGET (assistant), "import-2-format.png");

  /* The keyboard focus follows the pages. */
  g_assert_true (gtk_root_get_focus (GTK_ROOT (assistant)) ==
                 GTK_WIDGET (encoding_row (assistant)));

  next (assistant, "mapping");
  g_assert_true (ADW_IS_COMBO_ROW (gtk_widget_get_ancestor (
                   gtk_root_get_focus (GTK_ROOT (assistant)), ADW_TYPE_COMBO_ROW)));
  save_screenshot (GTK_WIDGET (assistant), "import-3-mapping.png");

  next (assistant, "duplicates");
  save_screenshot (GTK_WIDGET (assistant), "import-4-duplicates.png");

  next (assistant, "preview");
  button = next_button (assistant);
  g_assert_nonnull (button);
  g_assert_true (wait_until (next_enabled, button));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (button)), ==, "_Import");
  adw_expander_row_set_expanded (ADW_EXPANDER_ROW (find_widget (GTK_WIDGET (assistant),
                                                                ADW_TYPE_EXPANDER_ROW)),
                                 TRUE);
  save_screenshot (GTK_WIDGET (assistant), "import-5-preview.png");
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);

  next (assistant, "summary");
  summary = crm_import_assistant_get_summary (assistant);
  g_assert_nonnull (summary);
  g_assert_cmpuint (crm_import_summary_get_n_created (summary), ==, 2);
  g_assert_cmpuint (crm_import_summary_get_n_updated (summary), ==, 0);
  g_assert_cmpuint (crm_import_summary_get_n_skipped (summary), ==, 0);
  status = visible_status_page (assistant);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Import Complete");
  g_assert_cmpstr (adw_status_page_get_description (status), ==,
                   "2 created · 0 updated · 0 skipped");
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 2);
  save_screenshot (GTK_WIDGET (assistant), "import-7-summary.png");

  /* Done closes the window. */
  g_object_add_weak_pointer (G_OBJECT (assistant), (gpointer *) &assistant);
  next (assistant, NULL);
  run_for (100);
  g_assert_null (assistant);
  crm_store_close (store);
}

static gboolean
format_error_gone (gpointer data)
{
  return !format_error_shown (data);
}

static gboolean
next_disabled (gpointer data)
{
  return !gtk_widget_is_sensitive (data);
}

/* An encoding that cannot read the file says so under the choice and
 * holds Next back; the right one reads it again. uchardet's suggestion
 * shows under the encoding. */
static void
test_format_error (void)
{
  static const char cyrillic[] =
    "name\r\n\xcf\xf0\xe8\xe2\xe5\xf2 \xec\xe8\xf0 \xca\xee\xec\xef\xe0\xed\xe8\xff\r\n";
  g_autoptr(CrmStore) store = open_store ("format.db");
  g_autofree char *path = write_file ("c2-cp1252.csv", test_c2_cp1252);
  g_autofree char *russian = write_file ("cyrillic.csv", cyrillic);
  CrmImportAssistant *assistant = open_assistant (store, path);
  AdwComboRow *row = encoding_row (assistant);
  CrmCsvImport *import = crm_import_assistant_get_import (assistant);
  GtkWidget *button = next_button (assistant);

  g_assert_nonnull (row);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, "Detected");
  g_assert_true (gtk_widget_is_sensitive (button));

  /* Unicode (UTF-8) is the first choice. */
  adw_combo_row_set_selected (row, 0);
  g_assert_true (wait_until (format_error_shown, assistant));
  g_assert_true (wait_until (next_disabled, button));
  save_screenshot (GTK_WIDGET (assistant), "import-2-format-error.png");
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.next", NULL) &&
                  g_strcmp0 (crm_import_assistant_get_page (assistant), "format") != 0);

  adw_combo_row_set_selected (row, 3);
  g_assert_true (wait_until (format_error_gone, assistant));
  g_assert_true (wait_until (next_enabled, button));
  g_assert_cmpstr (crm_csv_document_get_cell (crm_csv_import_get_document (import), 0, 0), ==,
                   "João");
  gtk_window_destroy (GTK_WINDOW (assistant));

  assistant = open_assistant (store, russian);
  row = encoding_row (assistant);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "The contents look like Cyrillic (Windows-1251)");
  save_screenshot (GTK_WIDGET (assistant), "import-2-format-suggestion.png");
  gtk_window_destroy (GTK_WINDOW (assistant));
  crm_store_close (store);
}

static void
test_skipped_rows_listed (void)
{
  g_autoptr(CrmStore) store = open_store ("skips.db");
  g_autofree char *path = write_file ("skips.csv",
                                      "Company Name;Email Address;Country/Region;Seats\r\n"
                                      "Orchard Tools;sales@orchard.example;Austria;45\r\n"
                                      "Harbor Optics;x@;DE;12\r\n"
                                      "Maple Foods;info@maple.example;Narnia;7\r\n");
  CrmImportAssistant *assistant = open_assistant (store, path);
  CrmImportSummary *summary;
  GtkWidget *button;

  next (assistant, "mapping");
  save_screenshot (GTK_WIDGET (assistant), "import-3-mapping-semicolons.png");
  next (assistant, "duplicates");
  next (assistant, "preview");
  button = next_button (assistant);
  g_assert_true (wait_until (next_enabled, button));
  save_screenshot (GTK_WIDGET (assistant), "import-5-preview-skips.png");

  next (assistant, "summary");
  summary = crm_import_assistant_get_summary (assistant);
  g_assert_cmpuint (crm_import_summary_get_n_created (summary), ==, 1);
  g_assert_cmpuint (crm_import_summary_get_n_skipped (summary), ==, 2);
  save_screenshot (GTK_WIDGET (assistant), "import-7-summary-skips.png");

  /* The skipped rows go to the clipboard as text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.copy-skips",
                                             NULL));

  gtk_window_destroy (GTK_WINDOW (assistant));
  crm_store_close (store);
}

typedef struct
{
  gint64 last;
  double max_gap_ms;
} Ticks;

static gboolean
on_tick_cb (gpointer data)
{
  Ticks *ticks = data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->max_gap_ms = MAX (ticks->max_gap_ms, (now - ticks->last) / 1000.0);
  ticks->last = now;

  return G_SOURCE_CONTINUE;
}

static gboolean
rows_started (gpointer data)
{
  return crm_csv_import_get_rows_done (data) > 0;
}

static void
test_cancel (void)
{
  g_autoptr(CrmStore) store = open_store ("cancel.db");
  g_autoptr(GString) csv = g_string_new ("name,email,country\r\n");
  g_autofree char *path = NULL;
  CrmImportAssistant *assistant;
  CrmCsvImport *import;
  GtkWidget *button;
  AdwStatusPage *status;
  Ticks ticks = { 0, 0 };
  guint tick_id;

  for (guint i = 0; i < 40000; i++)
    g_string_append_printf (csv, "Lantern %u,lead%u@lantern.example,SE\r\n", i, i);
  path = write_file ("big.csv", csv->str);

  assistant = open_assistant (store, path);
  import = crm_import_assistant_get_import (assistant);
  next (assistant, "mapping");
  next (assistant, "duplicates");
  next (assistant, "preview");
  button = next_button (assistant);
  g_assert_true (wait_until (next_enabled, button));

  tick_id = g_timeout_add (10, on_tick_cb, &ticks);
  next (assistant, "progress");
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (assistant))));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (gtk_root_get_focus (GTK_ROOT (assistant)))),
                   ==, "_Cancel");
  g_assert_true (wait_until (rows_started, import));
  save_screenshot (GTK_WIDGET (assistant), "import-6-progress.png");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (assistant), "assistant.cancel", NULL));
  wait_for_page (assistant, "summary");
  g_source_remove (tick_id);

  /* The window kept drawing while the writer thread worked. */
  g_test_message ("Longest main-loop gap while importing: %.1f ms", ticks.max_gap_ms);
  g_assert_cmpfloat (ticks.max_gap_ms, <, 1000);

  status = visible_status_page (assistant);
  g_assert_cmpstr (adw_status_page_get_title (status), ==, "Import Cancelled");
  g_assert_null (crm_import_assistant_get_summary (assistant));
  g_assert_cmpuint (crm_store_count (store, CRM_ENTITY_CUSTOMER, NULL), ==, 0);
  g_assert_true (crm_store_foreign_key_check (store, NULL));
  save_screenshot (GTK_WIDGET (assistant), "import-7-cancelled.png");

  gtk_window_destroy (GTK_WINDOW (assistant));
  crm_store_close (store);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  setlocale (LC_ALL, "");
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (&argc, &argv, NULL);

  status = ui_init ();
  if (status != 0)
    return status;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  test_dir = test_make_temp_dir ("prospect-import-ui-XXXXXX");

  g_test_add_func ("/crm/ui/import/file-page", test_file_page);
  g_test_add_func ("/crm/ui/import/c1-through-pages", test_c1_through_pages);
  g_test_add_func ("/crm/ui/import/format-error", test_format_error);
  g_test_add_func ("/crm/ui/import/skipped-rows-listed", test_skipped_rows_listed);
  g_test_add_func ("/crm/ui/import/cancel", test_cancel);

  status = g_test_run ();

  g_free (test_dir);
  return status;
}
