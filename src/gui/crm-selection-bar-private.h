/* crm-selection-bar-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-selection-bar.h"

G_BEGIN_DECLS

struct _CrmSelectionBar
{
  GtkWidget parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled_window;
  GtkActionBar *action_bar;
  GtkLabel *count_label;
  GtkStack *mode_stack;
  GtkMenuButton *status_button;
  GtkMenuButton *owner_button;
  GtkMenuButton *tags_button;
  GtkMenuButton *attributes_button;
  GtkProgressBar *progress_bar;
  GtkLabel *progress_label;
  GtkPopover *tags_popover;
  GtkEntry *tags_entry;
  GtkPopover *attributes_popover;
  GtkGrid *attributes_grid;
  GtkLabel *attributes_error;
  GtkEntry *key_entries[CRM_BULK_EDIT_MAX_ATTRIBUTES];
  GtkDropDown *type_dropdowns[CRM_BULK_EDIT_MAX_ATTRIBUTES];
  GtkEntry *value_entries[CRM_BULK_EDIT_MAX_ATTRIBUTES];

  /* Owned */
  CrmStore *store;
  CrmQueryModel *model;
  GtkSelectionModel *selection;
  GMenu *status_menu;
  GMenu *owner_menu;
  GCancellable *cancellable;

  /* State */
  guint n_selected;
  gboolean running;
};

/* crm-selection-bar.c */
char *_crm_selection_bar_format_number      (guint            n);
void  _crm_selection_bar_refresh_owner_menu (CrmSelectionBar *self);
void  _crm_selection_bar_set_running        (CrmSelectionBar *self,
                                             gboolean         running);

/* crm-selection-bar-job.c */
void  _crm_selection_bar_show_error         (CrmSelectionBar *self,
                                             const char      *what,
                                             const GError    *error);

G_END_DECLS
