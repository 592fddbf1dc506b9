/* crm-csv-import-summary.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * CrmImportAction:
 * @CRM_IMPORT_ACTION_CREATED: the row became a new customer
 * @CRM_IMPORT_ACTION_UPDATED: the row updated a stored customer
 * @CRM_IMPORT_ACTION_SKIPPED: the row was not stored, for a reason
 */
typedef enum
{
  CRM_IMPORT_ACTION_CREATED,
  CRM_IMPORT_ACTION_UPDATED,
  CRM_IMPORT_ACTION_SKIPPED,
} CrmImportAction;

typedef struct
{
  guint            line;     /* the physical line the row starts on */
  CrmImportAction  action;
  char            *reason;   /* (nullable) why a row was skipped */
  char            *owner;    /* (nullable) a preview's stored owner and */
  char            *status;   /* status, the store's rules applied */
} CrmImportOutcome;

/**
 * CrmImportSummary:
 *
 * What an import did: the counts, every skipped row with its line and
 * reason, and (for a preview) what happened to each row.
 */
typedef struct _CrmImportSummary CrmImportSummary;

#define CRM_TYPE_IMPORT_SUMMARY (crm_import_summary_get_type ())

GType                   crm_import_summary_get_type       (void) G_GNUC_CONST;
CrmImportSummary       *crm_import_summary_new            (gboolean                keep_outcomes);
CrmImportSummary       *crm_import_summary_ref            (CrmImportSummary       *self);
void                    crm_import_summary_unref          (CrmImportSummary       *self);

void                    crm_import_summary_add            (CrmImportSummary       *self,
                                                           guint                   line,
                                                           CrmImportAction         action,
                                                           const char             *reason);
void                    crm_import_summary_set_stored     (CrmImportSummary       *self,
                                                           const char             *owner,
                                                           const char             *status);
guint                   crm_import_summary_get_n_created  (CrmImportSummary       *self);
guint                   crm_import_summary_get_n_updated  (CrmImportSummary       *self);
guint                   crm_import_summary_get_n_skipped  (CrmImportSummary       *self);
const CrmImportOutcome *crm_import_summary_get_skip       (CrmImportSummary       *self,
                                                           guint                   index);
guint                   crm_import_summary_get_n_outcomes (CrmImportSummary       *self);
const CrmImportOutcome *crm_import_summary_get_outcome    (CrmImportSummary       *self,
                                                           guint                   index);
const CrmImportOutcome *crm_import_summary_find_outcome   (CrmImportSummary       *self,
                                                           guint                   line);
char                   *crm_import_outcome_format         (const CrmImportOutcome *outcome);
char                   *crm_import_summary_format         (CrmImportSummary       *self,
                                                           const char             *file_name);
char                   *crm_import_summary_format_skips   (CrmImportSummary       *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportSummary, crm_import_summary_unref)

G_END_DECLS
