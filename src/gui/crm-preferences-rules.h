/* crm-preferences-rules.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_RULES (crm_preferences_rules_get_type ())

G_DECLARE_FINAL_TYPE (CrmPreferencesRules, crm_preferences_rules,
                      CRM, PREFERENCES_RULES, AdwPreferencesPage)

GtkWidget *crm_preferences_rules_new (CrmStore *store);

G_END_DECLS
