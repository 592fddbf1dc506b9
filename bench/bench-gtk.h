/* bench-gtk.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void       bench_gtk_set_default_env (void);
void       bench_gtk_init            (void);
GtkWidget *bench_gtk_find_widget     (GtkWidget *root,
                                      GType      type);
gboolean   bench_gtk_spin_until      (gboolean  *flag,
                                      guint      timeout_ms);
gint64     bench_gtk_wait_frame      (GtkWidget *widget,
                                      guint      timeout_ms);
void       bench_gtk_spin_for        (guint      ms);

G_END_DECLS
