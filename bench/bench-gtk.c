/* bench-gtk.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "bench-gtk"

#include "config.h"

#include <stdlib.h>

#include <adwaita.h>

#include "bench-common.h"
#include "bench-gtk.h"

/* What PLATFORM.md prescribes for headless runs; an explicit setting in
 * the environment wins. */
void
bench_gtk_set_default_env (void)
{
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  g_setenv ("GTK_A11Y", "none", FALSE);
  g_setenv ("GDK_BACKEND", "x11", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", FALSE);
}

/* For the benchmarks that build widgets without the application: the
 * application would load its style sheet by itself (resource-base-path). */
void
bench_gtk_init (void)
{
  g_autoptr(GtkCssProvider) provider = NULL;

  bench_gtk_set_default_env ();

  if (!gtk_init_check ())
    {
      g_printerr ("No display: run this under xvfb-run -a (see bench/README.md)\n");
      exit (77);
    }

  adw_init ();

  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, RESOURCE_PREFIX "/style.css");
  gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                              GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
}

/**
 * bench_gtk_find_widget:
 * @root: where to start
 * @type: the type to look for
 *
 * Returns: (transfer none) (nullable): the first widget of @type below
 *   @root, depth first
 */
GtkWidget *
bench_gtk_find_widget (GtkWidget *root,
                       GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = bench_gtk_find_widget (child, type);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
on_timeout_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;

  return G_SOURCE_REMOVE;
}

/* Runs the main context until *flag is set or @timeout_ms pass; returns
 * *flag. */
gboolean
bench_gtk_spin_until (gboolean *flag,
                      guint     timeout_ms)
{
  gboolean timed_out = FALSE;
  guint source;

  source = g_timeout_add (timeout_ms, on_timeout_cb, &timed_out);
  while (!*flag && !timed_out)
    g_main_context_iteration (NULL, TRUE);

  if (!timed_out)
    g_source_remove (source);

  return *flag;
}

void
bench_gtk_spin_for (guint ms)
{
  gboolean never = FALSE;

  bench_gtk_spin_until (&never, ms);
}

typedef struct
{
  gboolean done;
  gint64   when;
} FrameWait;

static void
on_frame_clock_after_paint_cb (GdkFrameClock *clock,
                               FrameWait     *wait)
{
  if (wait->done)
    return;

  wait->when = bench_now_us ();
  wait->done = TRUE;
}

/**
 * bench_gtk_wait_frame:
 * @widget: a realized widget
 * @timeout_ms: how long to wait at most
 *
 * Makes sure a frame is drawn and waits until it is.
 *
 * Returns: the monotonic time of that frame's after-paint, or -1 on time-out
 */
gint64
bench_gtk_wait_frame (GtkWidget *widget,
                      guint      timeout_ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  FrameWait wait = { FALSE, -1 };
  gulong handler;

  g_return_val_if_fail (clock != NULL, -1);

  handler = g_signal_connect (clock, "after-paint",
                              G_CALLBACK (on_frame_clock_after_paint_cb), &wait);
  gtk_widget_queue_draw (widget);
  bench_gtk_spin_until (&wait.done, timeout_ms);
  g_signal_handler_disconnect (clock, handler);

  return wait.when;
}
