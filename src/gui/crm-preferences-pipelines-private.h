/* crm-preferences-pipelines-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-core.h"
#include "crm-preferences-pipelines.h"

G_BEGIN_DECLS

typedef struct
{
  gint64          id;
  guint           index;
  guint           n_stages;
  char           *name;
  char           *pipeline;

  /* Borrowed: the expander row and its children */
  AdwExpanderRow *row;
  AdwEntryRow    *name_row;
  GtkSpinButton  *likelihood;
  AdwComboRow    *forecast;
  GtkSpinButton  *stale;
  GtkWidget      *up;
  GtkWidget      *down;
  GtkWidget      *remove;
} StageRow;

struct _CrmPreferencesPipelines
{
  AdwPreferencesPage  parent_instance;

  /* Owned */
  CrmStore           *store;
  GCancellable       *cancellable;
  GHashTable         *stage_rows;    /* gint64 * -> StageRow * */
  char               *signature;

  /* Borrowed: children of the page */
  GPtrArray          *groups;

  /* State */
  guint               refresh_id;
  gboolean            updating;
};

/* A change being written, for the toast that follows it. */
typedef struct _Change Change;

/* crm-preferences-pipelines.c */
CrmPreferencesPipelines *_crm_preferences_pipelines_page_of (GtkWidget *widget);

Change    *_crm_preferences_pipelines_change_new     (CrmPreferencesPipelines *self,
                                                      const char              *done,
                                                      const char              *failed);
void       _crm_preferences_pipelines_change_done_cb (GObject                 *object,
                                                      GAsyncResult            *result,
                                                      gpointer                 user_data);

/* crm-preferences-pipelines-stages.c */
void       _crm_preferences_pipelines_stage_row_free   (gpointer                 data);
void       _crm_preferences_pipelines_update_stage_row (CrmPreferencesPipelines *self,
                                                        StageRow                *stage_row,
                                                        CrmStage                *stage);
GtkWidget *_crm_preferences_pipelines_create_stage_row (CrmPreferencesPipelines *self,
                                                        CrmStage                *stage,
                                                        const char              *pipeline,
                                                        guint                    index,
                                                        guint                    n_stages);

G_END_DECLS
