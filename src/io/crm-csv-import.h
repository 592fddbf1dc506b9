/* crm-csv-import.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-csv-import-job.h"
#include "crm-csv-import-mapping.h"
#include "crm-csv-import-reader.h"
#include "crm-csv-import-summary.h"
#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_CSV_IMPORT (crm_csv_import_get_type ())

G_DECLARE_FINAL_TYPE (CrmCsvImport, crm_csv_import, CRM, CSV_IMPORT, GObject)

CrmCsvImport        *crm_csv_import_new                    (CrmStore             *store);

void                 crm_csv_import_load_async             (CrmCsvImport         *self,
                                                            GFile                *file,
                                                            const char           *encoding,
                                                            char                  delimiter,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
gboolean             crm_csv_import_load_finish            (CrmCsvImport         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
gboolean             crm_csv_import_load_file              (CrmCsvImport         *self,
                                                            const char           *path,
                                                            const char           *encoding,
                                                            char                  delimiter,
                                                            GError              **error);
gboolean             crm_csv_import_load_bytes             (CrmCsvImport         *self,
                                                            GBytes               *bytes,
                                                            const char           *encoding,
                                                            char                  delimiter,
                                                            GError              **error);

GFile               *crm_csv_import_get_file               (CrmCsvImport         *self);
CrmCsvDocument      *crm_csv_import_get_document           (CrmCsvImport         *self);
CrmImportMapping    *crm_csv_import_get_mapping            (CrmCsvImport         *self);
const char          *crm_csv_import_get_suggested_encoding (CrmCsvImport         *self);
gboolean             crm_csv_import_get_encoding_chosen    (CrmCsvImport         *self);
CrmImportDuplicates  crm_csv_import_get_duplicates         (CrmCsvImport         *self);
void                 crm_csv_import_set_duplicates         (CrmCsvImport         *self,
                                                            CrmImportDuplicates   duplicates);
guint                crm_csv_import_get_rows_done          (CrmCsvImport         *self);
guint                crm_csv_import_get_rows_total         (CrmCsvImport         *self);

void                 crm_csv_import_preview_async          (CrmCsvImport         *self,
                                                            guint                 n_rows,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
CrmImportSummary    *crm_csv_import_preview_finish         (CrmCsvImport         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
void                 crm_csv_import_run_async              (CrmCsvImport         *self,
                                                            GCancellable         *cancellable,
                                                            GAsyncReadyCallback   callback,
                                                            gpointer              user_data);
CrmImportSummary    *crm_csv_import_run_finish             (CrmCsvImport         *self,
                                                            GAsyncResult         *result,
                                                            GError              **error);
CrmImportSummary    *crm_csv_import_run_sync               (CrmCsvImport         *self,
                                                            GError              **error);

gboolean             crm_import_duplicates_from_string     (const char           *text,
                                                            CrmImportDuplicates  *duplicates);

G_END_DECLS
