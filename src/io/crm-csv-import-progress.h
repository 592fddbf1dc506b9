/* crm-csv-import-progress.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-csv-import-job.h"

G_BEGIN_DECLS

/* How the import job, on the writer thread, tells the main thread how far
 * it got. */
typedef struct _CrmImportProgress CrmImportProgress;

CrmImportProgress *crm_import_progress_new    (CrmImportProgressFunc  func,
                                               gpointer               user_data,
                                               GDestroyNotify         destroy);
void               crm_import_progress_unref  (CrmImportProgress     *self);
void               crm_import_progress_report (CrmImportProgress     *self,
                                               guint                  done,
                                               guint                  total);

G_END_DECLS
