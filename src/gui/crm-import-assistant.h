/* crm-import-assistant.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-csv-import.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_IMPORT_ASSISTANT (crm_import_assistant_get_type ())

G_DECLARE_FINAL_TYPE (CrmImportAssistant, crm_import_assistant, CRM, IMPORT_ASSISTANT, AdwWindow)

CrmImportAssistant *crm_import_assistant_new         (GtkWindow          *parent,
                                                      CrmStore           *store);
void                crm_import_assistant_open_file   (CrmImportAssistant *self,
                                                      GFile              *file);
const char         *crm_import_assistant_get_page    (CrmImportAssistant *self);
CrmCsvImport       *crm_import_assistant_get_import  (CrmImportAssistant *self);
CrmImportSummary   *crm_import_assistant_get_summary (CrmImportAssistant *self);

G_END_DECLS
