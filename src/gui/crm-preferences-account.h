/* crm-preferences-account.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_TYPE_PREFERENCES_ACCOUNT (crm_preferences_account_get_type ())

G_DECLARE_FINAL_TYPE (CrmPreferencesAccount, crm_preferences_account,
                      CRM, PREFERENCES_ACCOUNT, AdwPreferencesPage)

GtkWidget *crm_preferences_account_new (CrmStore *store);

G_END_DECLS
