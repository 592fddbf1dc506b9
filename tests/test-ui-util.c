/* test-ui-util.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "crm-builtin-lists.h"
#include "crm-customer-list-page.h"
#include "crm-sidebar-row.h"
#include "crm-store-demo.h"
#include "crm-store-rules.h"
#include "test-ui-util.h"
#include "test-util.h"

/* What a widget test under Xvfb does again and again: wait on the main
 * loop for a condition, find a widget by what a person sees of it, press
 * it, and save what the window draws. */

#define WAIT_TIMEOUT_MS 15000

/* Main loop */

static gboolean
wake_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
ui_wait_until (UiCondition condition,
               gpointer    data)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);
  gboolean met;

  while (!(met = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
  return met;
}

void
ui_run_for (guint ms)
{
  gint64 deadline = g_get_monotonic_time () + ms * G_TIME_SPAN_MILLISECOND;
  guint wake_id = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);

  g_source_remove (wake_id);
}

/* Widgets */

GtkWidget *
ui_find_widget (GtkWidget         *root,
                UiWidgetPredicate  predicate,
                gpointer           data)
{
  if (predicate (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = ui_find_widget (child, predicate, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* As ui_find_widget(), and fails the test when nothing matches. */
static GtkWidget *
found_or_fail (GtkWidget  *root,
               GtkWidget  *found,
               const char *text)
{
  if (found == NULL)
    g_error ("Nothing below %s matches “%s”", G_OBJECT_TYPE_NAME (root), text);

  return found;
}

static GtkWidget *
find_or_fail (GtkWidget         *root,
              UiWidgetPredicate  predicate,
              const char        *text)
{
  return found_or_fail (root, ui_find_widget (root, predicate, (gpointer) text), text);
}

gboolean
ui_is_of_type (GtkWidget *widget,
               gpointer   data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

GtkWidget *
ui_find_of_type (GtkWidget *root,
                 GType      type)
{
  return ui_find_widget (root, ui_is_of_type, GSIZE_TO_POINTER (type));
}

gboolean
ui_is_button_labelled (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_is_visible (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

GtkButton *
ui_find_button (GtkWidget  *root,
                const char *label)
{
  return GTK_BUTTON (find_or_fail (root, ui_is_button_labelled, label));
}

gboolean
ui_is_row_titled (GtkWidget *widget,
                  gpointer   data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

GtkWidget *
ui_find_row (GtkWidget  *root,
             const char *title)
{
  return find_or_fail (root, ui_is_row_titled, title);
}

gboolean
ui_is_label_with (GtkWidget *widget,
                  gpointer   data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

/* The widgets a person sees now: mapped, and matched by what they show (a
 * label's text without its markup or mnemonic). */

gboolean
ui_is_mapped_label_with (GtkWidget *widget,
                         gpointer   data)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), data) == 0;
}

gboolean
ui_is_mapped_button_labelled (GtkWidget *widget,
                              gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

gboolean
ui_is_mapped_row_titled (GtkWidget *widget,
                         gpointer   data)
{
  return ui_is_row_titled (widget, data) && gtk_widget_get_mapped (widget);
}

gboolean
ui_is_drawn (gpointer widget)
{
  return gtk_widget_get_mapped (widget) && gtk_widget_get_width (widget) > 0 &&
         gtk_widget_get_height (widget) > 0;
}

typedef struct
{
  GtkWidget         *root;
  UiWidgetPredicate  predicate;
  gpointer           data;
  GtkWidget         *found;
} WidgetWait;

static gboolean
widget_found (gpointer data)
{
  WidgetWait *wait = data;

  wait->found = ui_find_widget (wait->root, wait->predicate, wait->data);
  return wait->found != NULL;
}

/* The first widget below @root that @predicate accepts, once there is one;
 * NULL after the timeout. */
GtkWidget *
ui_wait_for_widget (GtkWidget         *root,
                    UiWidgetPredicate  predicate,
                    gpointer           data)
{
  WidgetWait wait = { root, predicate, data, NULL };

  ui_wait_until (widget_found, &wait);
  return wait.found;
}

/* The mapped button labelled @label below @root, once it is mapped (a
 * revealer or a popover may still be on its way); fails the test if none
 * is by the timeout. */
GtkButton *
ui_find_mapped_button (GtkWidget  *root,
                       const char *label)
{
  return GTK_BUTTON (found_or_fail (root, ui_wait_for_widget (root, ui_is_mapped_button_labelled,
                                                              (gpointer) label),
                                    label));
}

void
ui_click (GtkButton *button)
{
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  g_signal_emit_by_name (button, "clicked");
}

GtkWidget *
ui_find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) && gtk_widget_get_visible (window))
        return window;
    }

  return NULL;
}

gboolean
ui_has_toplevel (gpointer data)
{
  return ui_find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

gboolean
ui_has_mapped_toplevel (gpointer data)
{
  GtkWidget *window = ui_find_toplevel (GPOINTER_TO_SIZE (data));

  return window != NULL && gtk_widget_get_mapped (window);
}

gboolean
ui_has_no_toplevel (gpointer data)
{
  return ui_find_toplevel (GPOINTER_TO_SIZE (data)) == NULL;
}

/* Toasts */

static GType
toast_widget_type (void)
{
  GType type = g_type_from_name ("AdwToastWidget");

  g_assert_true (type != 0);
  return type;
}

/* The toast below @root that says @title, or NULL. */
GtkWidget *
ui_find_toast (GtkWidget  *root,
               const char *title)
{
  GtkWidget *label = ui_find_widget (root, ui_is_mapped_label_with, (gpointer) title);

  return label != NULL ? gtk_widget_get_ancestor (label, toast_widget_type ()) : NULL;
}

/* The button labelled @label of the toast that says @title, or NULL:
 * toasts leaving and arriving overlap, so the toast is found first. */
GtkWidget *
ui_find_toast_button (GtkWidget  *root,
                      const char *title,
                      const char *label)
{
  GtkWidget *toast = ui_find_toast (root, title);

  if (toast == NULL)
    return NULL;

  return ui_find_widget (toast, ui_is_mapped_button_labelled, (gpointer) label);
}

typedef struct
{
  GtkWidget  *root;
  const char *title;
  const char *label;
  GtkWidget  *found;
} ToastWait;

static gboolean
toast_shown (gpointer data)
{
  ToastWait *wait = data;

  if (wait->label != NULL)
    wait->found = ui_find_toast_button (wait->root, wait->title, wait->label);
  else
    wait->found = ui_find_toast (wait->root, wait->title);

  /* The toast queue makes a toast take clicks only once it has slid in. */
  return wait->found != NULL && gtk_widget_is_sensitive (wait->found);
}

/* The toast that says @title, once it shows and takes clicks; fails the
 * test if none does (toasts queue up, one at a time). */
GtkWidget *
ui_wait_for_toast (GtkWidget  *root,
                   const char *title)
{
  ToastWait wait = { root, title, NULL, NULL };

  if (!ui_wait_until (toast_shown, &wait))
    g_error ("No toast says “%s”", title);

  return wait.found;
}

/* The button @label of the toast that says @title, once it shows and has
 * slid in: libadwaita 1.2 frees a toast twice when it is dismissed during
 * its show animation (see crm-toast-queue.c). */
GtkButton *
ui_wait_for_toast_button (GtkWidget  *root,
                          const char *title,
                          const char *label)
{
  ToastWait wait = { root, title, label, NULL };

  if (!ui_wait_until (toast_shown, &wait))
    g_error ("No toast says “%s” with a button “%s”", title, label);

  return GTK_BUTTON (wait.found);
}

static gboolean
is_toast_close_button (GtkWidget *widget,
                       gpointer   data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         gtk_widget_get_ancestor (widget, toast_widget_type ()) != NULL &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)),
                    "window-close-symbolic") == 0;
}

static gboolean
no_toast_shown (gpointer data)
{
  GtkWidget *close = ui_find_widget (data, is_toast_close_button, NULL);

  if (close != NULL)
    g_signal_emit_by_name (close, "clicked");

  return close == NULL;
}

/* Under Xvfb the window is never active, so toasts never time out:
 * dismiss those below @root before the next one is awaited. */
void
ui_dismiss_toasts (GtkWidget *root)
{
  g_assert_true (ui_wait_until (no_toast_shown, root));
  ui_run_for (300);
}

/* Screenshots */

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

/* No stack crossfades and no leaflet slides below @data. */
gboolean
ui_transitions_done (gpointer data)
{
  return ui_find_widget (data, is_moving, NULL) == NULL;
}

GdkTexture *
ui_render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  /* On a busy machine the first frame may not be there yet. */
  for (guint attempt = 0; node == NULL && attempt < 100; attempt++)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gdk_paintable_snapshot (paintable, snapshot, width, height);
      node = gtk_snapshot_free_to_node (snapshot);
      if (node == NULL)
        ui_run_for (50);
    }
  g_assert_nonnull (node);

  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)), node,
                                      &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* The window as it is drawn, cut to @widget's bounds. */
static GdkTexture *
crop_to (GdkTexture *texture,
         GtkWidget  *window,
         GtkWidget  *widget)
{
  int width = gdk_texture_get_width (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *pixels = g_malloc (stride * gdk_texture_get_height (texture));
  g_autoptr(GBytes) bytes = NULL;
  graphene_rect_t bounds;
  int x, y, w, h;

  g_assert_true (gtk_widget_compute_bounds (widget, window, &bounds));
  x = MAX (0, (int) bounds.origin.x);
  y = MAX (0, (int) bounds.origin.y);
  w = MIN ((int) bounds.size.width, width - x);
  h = MIN ((int) bounds.size.height, gdk_texture_get_height (texture) - y);

  gdk_texture_download (texture, pixels, stride);
  bytes = g_bytes_new (pixels + y * stride + x * 4, (gsize) (h - 1) * stride + (gsize) w * 4);

  return gdk_memory_texture_new (w, h, GDK_MEMORY_DEFAULT, bytes, stride);
}

void
ui_save_screenshot (GtkWidget  *widget,
                    const char *name)
{
  GtkWidget *window = GTK_WIDGET (gtk_widget_get_root (widget));
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (ui_wait_until (ui_is_drawn, widget));
  ui_run_for (200);

  texture = ui_render_window (window);
  if (widget != window)
    {
      GdkTexture *cropped = crop_to (texture, window, widget);

      g_object_unref (texture);
      texture = cropped;
    }

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);
}

/* An image "has content" when enough of it differs from its most common
 * colour and the brightness varies: a bare window background fails. */
gboolean
ui_texture_has_content (GdkTexture *texture,
                        double     *out_ink,
                        double     *out_stddev)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  guint32 dominant = 0;
  guint dominant_count = 0;
  guint ink = 0;
  double sum = 0, sum_sq = 0, n = (double) width * height;
  double mean, stddev;

  gdk_texture_download (texture, data, stride);

  for (int i = 0; i < width * height; i++)
    {
      guint32 pixel;
      guint count;
      double luma;

      memcpy (&pixel, data + i * 4, 4);
      count = GPOINTER_TO_UINT (g_hash_table_lookup (colors, GUINT_TO_POINTER (pixel))) + 1;
      g_hash_table_insert (colors, GUINT_TO_POINTER (pixel), GUINT_TO_POINTER (count));
      if (count > dominant_count)
        {
          dominant = pixel;
          dominant_count = count;
        }

      luma = 0.2126 * data[i * 4 + 2] + 0.7152 * data[i * 4 + 1] + 0.0722 * data[i * 4];
      sum += luma;
      sum_sq += luma * luma;
    }

  for (int i = 0; i < width * height; i++)
    {
      guint32 pixel;

      memcpy (&pixel, data + i * 4, 4);
      if (pixel != dominant)
        ink++;
    }

  mean = sum / n;
  stddev = sqrt (MAX (0.0, sum_sq / n - mean * mean));

  if (out_ink != NULL)
    *out_ink = ink / n;
  if (out_stddev != NULL)
    *out_stddev = stddev;

  return ink / n > 0.05 && stddev > 8.0 && g_hash_table_size (colors) > 32;
}

/* The whole window (or dialog, or popover: any GtkNative), once no page
 * is halfway through a transition, which must show more than a bare
 * background. */
void
ui_save_window_screenshot (GtkWidget  *window,
                           const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  double ink = 0, stddev = 0;

  /* A crossfade caught halfway would show two pages at once. */
  g_assert_true (ui_wait_until (ui_transitions_done, window));
  ui_run_for (100);
  texture = ui_render_window (window);

  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);

  g_assert_true (ui_texture_has_content (texture, &ink, &stddev));
  g_test_message ("%s: %.1f %% ink, brightness deviation %.1f", name, ink * 100, stddev);
}

/* NAME.png and NAME-dark.png */
void
ui_save_screenshots (GtkWidget  *widget,
                     const char *name)
{
  AdwStyleManager *style = adw_style_manager_get_default ();
  g_autofree char *light = g_strdup_printf ("%s.png", name);
  g_autofree char *dark = g_strdup_printf ("%s-dark.png", name);

  ui_save_screenshot (widget, light);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_FORCE_DARK);
  ui_save_screenshot (widget, dark);
  adw_style_manager_set_color_scheme (style, ADW_COLOR_SCHEME_DEFAULT);
}

/* The main window and its profile */

gboolean
ui_is_sidebar_row (GtkWidget *widget,
                   gpointer   data)
{
  return CRM_IS_SIDEBAR_ROW (widget) &&
         (data == NULL ||
          g_strcmp0 (crm_sidebar_row_get_list_id (CRM_SIDEBAR_ROW (widget)), data) == 0);
}

gboolean
ui_is_mapped_status_page (GtkWidget *widget,
                          gpointer   data)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean
is_list_title (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_WINDOW_TITLE (widget) &&
         gtk_widget_get_ancestor (widget, CRM_TYPE_CUSTOMER_LIST_PAGE) != NULL;
}

/* The title of the customer list page below @root. */
AdwWindowTitle *
ui_find_list_title (GtkWidget *root)
{
  return ADW_WINDOW_TITLE (ui_find_widget (root, is_list_title, NULL));
}

/* How many customers of @store the built-in list @list_id holds. */
guint
ui_count_list (CrmStore   *store,
               const char *list_id)
{
  g_autoptr(CrmFilter) filter = crm_builtin_list_filter (list_id);

  g_assert_nonnull (filter);

  return crm_store_count (store, CRM_ENTITY_CUSTOMER, filter);
}

static CrmApplication *
register_app (void)
{
  g_autoptr(GError) error = NULL;
  CrmApplication *app = crm_application_new ();

  g_application_register (G_APPLICATION (app), NULL, &error);
  g_assert_no_error (error);
  return app;
}

/* An empty profile in a new temporary folder, and a registered
 * application; @app may be NULL for a test without one. */
void
ui_open_profile (char           **dir,
                 CrmStore       **store,
                 CrmApplication **app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  *dir = g_dir_make_tmp ("prospect-ui-XXXXXX", &error);
  g_assert_no_error (error);

  path = g_build_filename (*dir, "profile.db", NULL);
  *store = crm_store_open (path, &error);
  g_assert_no_error (error);

  if (app != NULL)
    *app = register_app ();
}

void
ui_close_profile (char           **dir,
                  CrmStore       **store,
                  CrmApplication **app)
{
  crm_store_close (*store);
  g_clear_object (store);
  if (app != NULL)
    g_clear_object (app);

  test_remove_tree (*dir);
  g_clear_pointer (dir, g_free);
}

/* A profile in a new temporary folder, filled with @n_customers of the
 * demo book, and a registered application. */
void
ui_open_demo_profile (guint            n_customers,
                      char           **dir,
                      CrmStore       **store,
                      CrmApplication **app)
{
  g_autoptr(GError) error = NULL;

  ui_open_profile (dir, store, NULL);
  g_assert_true (crm_store_demo_fill (*store, n_customers, &error));
  g_assert_no_error (error);

  *app = register_app ();
}

void
ui_close_demo_profile (char           **dir,
                       CrmStore       **store,
                       CrmApplication **app)
{
  ui_close_profile (dir, store, app);
}

/* An empty profile with the business rules, whose rep ("me") is Sam
 * Ortiz at @me_email. */
void
ui_open_rep_profile (char           **dir,
                     CrmStore       **store,
                     CrmApplication **app,
                     const char      *me_email)
{
  ui_open_profile (dir, store, app);
  crm_store_rules_install (*store);
  test_set_setting (*store, "me.email", me_email);
  test_set_setting (*store, "me.name", "Sam Ortiz");
}

/* A main window on @store, of that size, once it is drawn. */
CrmWindow *
ui_present_main_window (CrmApplication *app,
                        CrmStore       *store,
                        int             width,
                        int             height)
{
  CrmWindow *window = crm_window_new (app, store);

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_is_drawn, window));
  return window;
}

/* What the widget tests expect of their process: dates written for UTC,
 * windows of their own, settings kept in memory. */
void
ui_set_test_environment (void)
{
  g_setenv ("TZ", "UTC", TRUE);
  setlocale (LC_ALL, "");
  g_setenv ("PROSPECT_NON_UNIQUE", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
}

/* Runs the tests added, between @set_up and @tear_down, with warnings
 * fatal and the main context owned by this thread, as g_application_run()
 * owns it: the store hands its results over on that context. */
int
ui_run_tests (void (*set_up)    (void),
              void (*tear_down) (void))
{
  int status;

  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_assert_true (g_main_context_acquire (NULL));

  set_up ();
  status = g_test_run ();
  tear_down ();

  g_main_context_release (NULL);
  return status;
}

/* Starts GTK and libadwaita. Returns: 0, or without a display the status
 * to exit with: 77 (skipped) when PROSPECT_TEST_ALLOW_NO_DISPLAY is set. */
int
ui_init (void)
{
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
  return 0;
}
