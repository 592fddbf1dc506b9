/* test-ui-util.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

typedef gboolean (*UiCondition)       (gpointer   data);
typedef gboolean (*UiWidgetPredicate) (GtkWidget *widget,
                                       gpointer   data);

gboolean    ui_wait_until          (UiCondition        condition,
                                    gpointer           data);
void        ui_run_for             (guint              ms);

GtkWidget  *ui_find_widget         (GtkWidget         *root,
                                    UiWidgetPredicate  predicate,
                                    gpointer           data);
gboolean    ui_is_of_type          (GtkWidget         *widget,
                                    gpointer           data);
GtkWidget  *ui_find_of_type        (GtkWidget         *root,
                                    GType              type);
gboolean    ui_is_button_labelled  (GtkWidget         *widget,
                                    gpointer           data);
GtkButton  *ui_find_button         (GtkWidget         *root,
                                    const char        *label);
gboolean    ui_is_row_titled       (GtkWidget         *widget,
                                    gpointer           data);
GtkWidget  *ui_find_row            (GtkWidget         *root,
                                    const char        *title);
gboolean    ui_is_label_with       (GtkWidget         *widget,
                                    gpointer           data);
void        ui_click               (GtkButton         *button);
GtkWidget  *ui_find_toplevel       (GType              type);
gboolean    ui_has_toplevel        (gpointer           data);

gboolean    ui_transitions_done    (gpointer           data);
void        ui_save_screenshot     (GtkWidget         *widget,
                                    const char        *name);
void        ui_save_screenshots    (GtkWidget         *widget,
                                    const char        *name);

G_END_DECLS
