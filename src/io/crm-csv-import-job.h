/* crm-csv-import-job.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-csv-import-mapping.h"
#include "crm-csv-import-summary.h"
#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmImportDuplicates:
 * @CRM_IMPORT_DUPLICATES_SKIP: a row that matches a stored customer is
 *   skipped and reported
 * @CRM_IMPORT_DUPLICATES_UPDATE: it updates that customer
 * @CRM_IMPORT_DUPLICATES_CREATE: it becomes a new customer anyway
 *
 * What to do with a row whose id or email is already stored. In the skip
 * and update modes a row that repeats an earlier row of the file is
 * skipped too: the first row wins.
 */
typedef enum
{
  CRM_IMPORT_DUPLICATES_SKIP,
  CRM_IMPORT_DUPLICATES_UPDATE,
  CRM_IMPORT_DUPLICATES_CREATE,
} CrmImportDuplicates;

/* Private to the import: the store job and how it reports progress. */

#define CRM_IMPORT_JOB_PREVIEW_DONE (crm_import_job_preview_done_quark ())

typedef void (*CrmImportProgressFunc) (guint    done,
                                       guint    total,
                                       gpointer user_data);

typedef struct _CrmImportJob CrmImportJob;

GQuark            crm_import_job_preview_done_quark (void);
CrmImportJob     *crm_import_job_new                (CrmCsvDocument         *document,
                                                     const CrmImportMapping *mapping,
                                                     CrmImportDuplicates     duplicates,
                                                     guint                   max_rows);
void              crm_import_job_free               (CrmImportJob           *self);
void              crm_import_job_set_matching       (CrmImportJob           *self,
                                                     gboolean                customers,
                                                     gboolean                contacts);
void              crm_import_job_set_me             (CrmImportJob           *self,
                                                     const char             *name,
                                                     const char             *email);
void              crm_import_job_set_progress       (CrmImportJob           *self,
                                                     CrmImportProgressFunc   func,
                                                     gpointer                user_data,
                                                     GDestroyNotify          destroy);
CrmImportSummary *crm_import_job_get_summary        (CrmImportJob           *self);
gboolean          crm_import_job_run                (CrmStoreTxn            *txn,
                                                     gpointer                user_data,
                                                     GError                **error);

G_END_DECLS
