/* crm-sidebar-counts.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_SIDEBAR_COUNTS (crm_sidebar_counts_get_type ())

G_DECLARE_FINAL_TYPE (CrmSidebarCounts, crm_sidebar_counts, CRM, SIDEBAR_COUNTS, GObject)

CrmSidebarCounts *crm_sidebar_counts_new         (CrmStore         *store,
                                                  GtkListBox       *list_box);
void              crm_sidebar_counts_start       (CrmSidebarCounts *self);
gboolean          crm_sidebar_counts_get_started (CrmSidebarCounts *self);
void              crm_sidebar_counts_queue       (CrmSidebarCounts *self);

G_END_DECLS
