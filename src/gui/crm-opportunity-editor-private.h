/* crm-opportunity-editor-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-opportunity-editor.h"
#include "crm-query-model.h"

G_BEGIN_DECLS

#define DEFAULT_CURRENCY "EUR"

struct _CrmOpportunityEditor
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwActionRow        *customer_row;
  GtkMenuButton       *customer_button;
  GtkPopover          *customer_popover;
  GtkSearchEntry      *customer_search;
  GtkListView         *customer_list;
  GtkWidget           *customer_error;
  GtkLabel            *customer_error_label;
  AdwEntryRow         *name_row;
  GtkWidget           *name_error;
  GtkLabel            *name_error_label;
  AdwEntryRow         *amount_row;
  GtkDropDown         *currency_dropdown;
  GtkWidget           *amount_error;
  GtkLabel            *amount_error_label;
  AdwComboRow         *owner_row;
  AdwComboRow         *type_row;
  AdwComboRow         *pipeline_row;
  AdwComboRow         *stage_row;
  AdwEntryRow         *lost_reason_row;
  GtkWidget           *lost_reason_error;
  GtkLabel            *lost_reason_error_label;
  GtkSpinButton       *likelihood_spin;
  AdwComboRow         *forecast_row;
  AdwEntryRow         *close_row;
  GtkPopover          *calendar_popover;
  GtkCalendar         *calendar;
  GtkWidget           *close_error;
  GtkLabel            *close_error_label;
  GtkListBox          *custom_list;

  /* Owned */
  CrmStore            *store;
  CrmOpportunity      *opportunity;    /* NULL for a new one */
  CrmQueryModel       *customers;      /* only when the customer is chosen */
  GCancellable        *cancellable;
  GPtrArray           *owners;         /* char *, "" for nobody */
  GPtrArray           *currencies;     /* char * */
  GPtrArray           *forecasts;      /* char * */
  char               **pipelines;
  char               **stages;
  char                *initial_pipeline;
  char                *initial_stage;
  char                *me_email;
  char                *me_name;

  /* State */
  gint64               customer_id;
  gint64               opportunity_id;
  gboolean             customer_fixed;
  gboolean             loading;
  gboolean             syncing_calendar;
  gboolean             validated;
  gboolean             saving;
};

/* crm-opportunity-editor.c */
void         _crm_opportunity_editor_set_field_error (GtkWidget            *row,
                                                      GtkWidget            *error_row,
                                                      GtkLabel             *error_label,
                                                      const char           *message);
char        *_crm_opportunity_editor_dup_text        (AdwEntryRow          *row);
const char  *_crm_opportunity_editor_get_pipeline    (CrmOpportunityEditor *self);
const char  *_crm_opportunity_editor_get_stage       (CrmOpportunityEditor *self);
const char  *_crm_opportunity_editor_get_owner       (CrmOpportunityEditor *self);
const char  *_crm_opportunity_editor_get_forecast    (CrmOpportunityEditor *self);
const char  *_crm_opportunity_editor_get_currency    (CrmOpportunityEditor *self);
gboolean     _crm_opportunity_editor_is_lost         (CrmOpportunityEditor *self);
JsonObject  *_crm_opportunity_editor_collect_custom  (CrmOpportunityEditor *self,
                                                      gboolean             *valid);
char        *_crm_opportunity_editor_object_to_json  (JsonObject           *object);
void         _crm_opportunity_editor_emit_saved      (CrmOpportunityEditor *self,
                                                      gint64                id);

/* crm-opportunity-editor-save.c */
GtkWidget   *_crm_opportunity_editor_validate        (CrmOpportunityEditor *self,
                                                      gint64               *amount,
                                                      char                **close_on,
                                                      char                **lost_reason);
void         _crm_opportunity_editor_save_action     (GtkWidget            *widget,
                                                      const char           *action_name,
                                                      GVariant             *parameter);

G_END_DECLS
