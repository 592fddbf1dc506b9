/* test-ui-util.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-application.h"
#include "crm-store.h"
#include "crm-window.h"

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
gboolean    ui_is_mapped_label_with      (GtkWidget         *widget,
                                          gpointer           data);
gboolean    ui_is_mapped_button_labelled (GtkWidget         *widget,
                                          gpointer           data);
gboolean    ui_is_mapped_row_titled      (GtkWidget         *widget,
                                          gpointer           data);
gboolean    ui_is_drawn                  (gpointer           widget);
GtkButton  *ui_find_mapped_button        (GtkWidget         *root,
                                          const char        *label);
GtkWidget  *ui_wait_for_widget           (GtkWidget         *root,
                                          UiWidgetPredicate  predicate,
                                          gpointer           data);
void        ui_click               (GtkButton         *button);
GtkWidget  *ui_find_toplevel       (GType              type);
gboolean    ui_has_toplevel        (gpointer           data);
gboolean    ui_has_mapped_toplevel (gpointer           data);
gboolean    ui_has_no_toplevel     (gpointer           data);

GtkWidget  *ui_find_toast            (GtkWidget  *root,
                                      const char *title);
GtkWidget  *ui_find_toast_button     (GtkWidget  *root,
                                      const char *title,
                                      const char *label);
GtkWidget  *ui_wait_for_toast        (GtkWidget  *root,
                                      const char *title);
GtkButton  *ui_wait_for_toast_button (GtkWidget  *root,
                                      const char *title,
                                      const char *label);
void        ui_dismiss_toasts        (GtkWidget  *root);

gboolean    ui_transitions_done    (gpointer           data);
GdkTexture *ui_render_window       (GtkWidget         *window);
gboolean    ui_texture_has_content (GdkTexture        *texture,
                                    double            *out_ink,
                                    double            *out_stddev);
void        ui_save_screenshot     (GtkWidget         *widget,
                                    const char        *name);
void        ui_save_screenshots    (GtkWidget         *widget,
                                    const char        *name);
void        ui_save_window_screenshot (GtkWidget      *window,
                                       const char     *name);

gboolean        ui_is_sidebar_row        (GtkWidget        *widget,
                                          gpointer          data);
gboolean        ui_is_mapped_status_page (GtkWidget        *widget,
                                          gpointer          data);
AdwWindowTitle *ui_find_list_title       (GtkWidget        *root);
guint           ui_count_list            (CrmStore         *store,
                                          const char       *list_id);
void            ui_open_profile          (char            **dir,
                                          CrmStore        **store,
                                          CrmApplication  **app);
void            ui_close_profile         (char            **dir,
                                          CrmStore        **store,
                                          CrmApplication  **app);
void            ui_open_demo_profile     (guint             n_customers,
                                          char            **dir,
                                          CrmStore        **store,
                                          CrmApplication  **app);
void            ui_close_demo_profile    (char            **dir,
                                          CrmStore        **store,
                                          CrmApplication  **app);
void            ui_open_rep_profile      (char            **dir,
                                          CrmStore        **store,
                                          CrmApplication  **app,
                                          const char       *me_email);
CrmWindow      *ui_present_main_window   (CrmApplication   *app,
                                          CrmStore         *store,
                                          int               width,
                                          int               height);
int             ui_init                  (void);
void            ui_set_test_environment  (void);
int             ui_run_tests             (void            (*set_up)    (void),
                                          void            (*tear_down) (void));

G_END_DECLS
