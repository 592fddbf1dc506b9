/* test-ui-toast-queue.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <adwaita.h>

#include "crm-toast-queue.h"
#include "test-ui-util.h"

/* The toast queue: one toast at a time, the latest news replacing news
 * that waits, no click while a toast slides in (libadwaita 1.2 frees a
 * toast twice when it is dismissed then), and plain titles kept plain. */

typedef struct
{
  GtkWindow       *window;
  AdwToastOverlay *overlay;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->window = GTK_WINDOW (gtk_window_new ());
  fixture->overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  adw_toast_overlay_set_child (fixture->overlay, gtk_label_new ("Content"));
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->overlay));
  gtk_window_set_default_size (fixture->window, 600, 400);
  gtk_window_present (fixture->window);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  gtk_window_destroy (fixture->window);
  ui_run_for (50);
}

static gboolean
is_toast_widget (GtkWidget *widget,
                 gpointer   data)
{
  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "AdwToastWidget") &&
         gtk_widget_get_mapped (widget);
}

/* The toast widgets on the overlay, sliding in, shown or fading out. */
static guint
count_toast_widgets (Fixture *fixture)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += is_toast_widget (child, NULL);

  return n;
}

static GtkWidget *
find_toast_showing (Fixture    *fixture,
                    const char *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (fixture->overlay));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      g_autoptr(AdwToast) toast = NULL;

      if (!is_toast_widget (child, NULL))
        continue;

      g_object_get (child, "toast", &toast, NULL);
      if (g_strcmp0 (adw_toast_get_title (toast), title) == 0)
        return child;
    }

  return NULL;
}

typedef struct
{
  Fixture    *fixture;
  const char *title;
} Showing;

static gboolean
toast_is_showing (gpointer data)
{
  Showing *showing = data;

  return find_toast_showing (showing->fixture, showing->title) != NULL;
}

static gboolean
only_one_toast (gpointer data)
{
  return count_toast_widgets (data) == 1;
}

static AdwToast *
toast_with_undo (const char *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_button_label (toast, "_Undo");
  adw_toast_set_timeout (toast, 0);
  return toast;
}

static void
test_held_while_sliding_in (Fixture       *fixture,
                            gconstpointer  data)
{
  Showing showing = { fixture, "Lead marked unqualified" };
  GtkWidget *widget;

  crm_toast_queue_show (fixture->overlay, toast_with_undo (showing.title));
  g_assert_true (ui_wait_until (toast_is_showing, &showing));

  /* Neither Undo nor the close button takes a click while it slides in… */
  widget = find_toast_showing (fixture, showing.title);
  g_assert_false (gtk_widget_get_sensitive (widget));

  /* …and both do once it is in (300 ms and a frame). */
  ui_run_for (450);
  g_assert_true (gtk_widget_get_sensitive (widget));
}

static void
test_latest_news_replaces_waiting (Fixture       *fixture,
                                   gconstpointer  data)
{
  Showing first = { fixture, "First" };
  Showing last = { fixture, "Third" };

  crm_toast_queue_show (fixture->overlay, toast_with_undo (first.title));
  g_assert_true (ui_wait_until (toast_is_showing, &first));

  /* Two more while the first slides in: the second never shows. */
  crm_toast_queue_show (fixture->overlay, toast_with_undo ("Second"));
  crm_toast_queue_show (fixture->overlay, toast_with_undo (last.title));
  g_assert_nonnull (find_toast_showing (fixture, first.title));
  g_assert_null (find_toast_showing (fixture, "Second"));

  g_assert_true (ui_wait_until (toast_is_showing, &last));
  g_assert_null (find_toast_showing (fixture, "Second"));

  /* The first faded out before the last came: one at a time. */
  g_assert_true (ui_wait_until (only_one_toast, fixture));
  g_assert_nonnull (find_toast_showing (fixture, last.title));
}

static void
test_change_title_is_plain (Fixture       *fixture,
                            gconstpointer  data)
{
  Showing showing = { fixture, "List “Germany &amp; Austria” deleted" };
  GtkWidget *widget;
  g_autoptr(AdwToast) toast = NULL;

  /* A name with markup characters shows as typed, with no Undo without
   * a change to undo. */
  crm_toast_queue_show_change (fixture->overlay, NULL, "List “Germany & Austria” deleted", 0);
  g_assert_true (ui_wait_until (toast_is_showing, &showing));

  widget = find_toast_showing (fixture, showing.title);
  g_object_get (widget, "toast", &toast, NULL);
  g_assert_null (adw_toast_get_button_label (toast));
  g_assert_nonnull (ui_find_widget (widget, ui_is_mapped_label_with,
                                    (gpointer) "List “Germany & Austria” deleted"));
}

int
main (int   argc,
      char *argv[])
{
  int status = ui_init ();

  if (status != 0)
    return status;

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/crm/ui/toast-queue/held-while-sliding-in", Fixture, NULL,
              fixture_set_up, test_held_while_sliding_in, fixture_tear_down);
  g_test_add ("/crm/ui/toast-queue/latest-news", Fixture, NULL,
              fixture_set_up, test_latest_news_replaces_waiting, fixture_tear_down);
  g_test_add ("/crm/ui/toast-queue/plain-title", Fixture, NULL,
              fixture_set_up, test_change_title_is_plain, fixture_tear_down);

  return g_test_run ();
}
