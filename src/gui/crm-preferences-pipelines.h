/* crm-preferences-pipelines.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_PIPELINES (crm_preferences_pipelines_get_type ())

G_DECLARE_FINAL_TYPE (CrmPreferencesPipelines, crm_preferences_pipelines,
                      CRM, PREFERENCES_PIPELINES, AdwPreferencesPage)

GtkWidget *crm_preferences_pipelines_new     (CrmStore                *store);
void       crm_preferences_pipelines_refresh (CrmPreferencesPipelines *self);

/* What a stage row says, decided without widgets (tested without a display). */
char      *crm_preferences_pipelines_describe_stage (int         win_likelihood,
                                                     const char *forecast_category,
                                                     int         stale_days);

G_END_DECLS
