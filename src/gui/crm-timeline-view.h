/* crm-timeline-view.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_TIMELINE_VIEW (crm_timeline_view_get_type ())

G_DECLARE_FINAL_TYPE (CrmTimelineView, crm_timeline_view, CRM, TIMELINE_VIEW, GtkWidget)

GtkWidget  *crm_timeline_view_new         (void);
GListModel *crm_timeline_view_get_model   (CrmTimelineView *self);
void        crm_timeline_view_set_model   (CrmTimelineView *self,
                                           GListModel      *model);
guint       crm_timeline_view_get_n_shown (CrmTimelineView *self);
gboolean    crm_timeline_view_load_more   (CrmTimelineView *self);
void        crm_timeline_view_queue_rebuild (CrmTimelineView *self);
void        crm_timeline_view_set_me      (CrmTimelineView *self,
                                           const char      *email,
                                           const char      *name);

G_END_DECLS
