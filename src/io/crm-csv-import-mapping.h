/* crm-csv-import-mapping.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "crm-csv-import-reader.h"

G_BEGIN_DECLS

/* A header with this prefix names a custom attribute, whatever follows:
 * exports write an attribute called "notes" as "attr.notes". */
#define CRM_IMPORT_ATTRIBUTE_PREFIX "attr."

/**
 * CrmImportTarget:
 * @CRM_IMPORT_TARGET_SKIP: the column is not imported
 * @CRM_IMPORT_TARGET_ID: Prospect's stable id (`external_id`), as its
 *   exports write it; matched before the email
 * @CRM_IMPORT_TARGET_ATTRIBUTE: a custom attribute named after the header
 *
 * Where a column's cells go. The first/last name, phone, title, Twitter
 * and notes targets make a primary contact of the customer.
 */
typedef enum
{
  CRM_IMPORT_TARGET_SKIP,
  CRM_IMPORT_TARGET_ID,
  CRM_IMPORT_TARGET_NAME,
  CRM_IMPORT_TARGET_FIRST_NAME,
  CRM_IMPORT_TARGET_LAST_NAME,
  CRM_IMPORT_TARGET_COMPANY,
  CRM_IMPORT_TARGET_EMAIL,
  CRM_IMPORT_TARGET_STATUS,
  CRM_IMPORT_TARGET_OWNER,
  CRM_IMPORT_TARGET_WEBSITE,
  CRM_IMPORT_TARGET_LINKEDIN,
  CRM_IMPORT_TARGET_STREET,
  CRM_IMPORT_TARGET_CITY,
  CRM_IMPORT_TARGET_ZIP,
  CRM_IMPORT_TARGET_STATE,
  CRM_IMPORT_TARGET_COUNTRY,
  CRM_IMPORT_TARGET_LEAD_CREATED_AT,
  CRM_IMPORT_TARGET_FREE_TRIAL_STARTED_AT,
  CRM_IMPORT_TARGET_CUSTOMER_SINCE,
  CRM_IMPORT_TARGET_TAGS,
  CRM_IMPORT_TARGET_PHONE,
  CRM_IMPORT_TARGET_TITLE,
  CRM_IMPORT_TARGET_TWITTER,
  CRM_IMPORT_TARGET_NOTES,
  CRM_IMPORT_TARGET_ATTRIBUTE,
  CRM_IMPORT_N_TARGETS
} CrmImportTarget;

/**
 * CrmImportType:
 *
 * The type of a custom attribute column, sniffed from its cells.
 */
typedef enum
{
  CRM_IMPORT_TYPE_TEXT,
  CRM_IMPORT_TYPE_INTEGER,
  CRM_IMPORT_TYPE_DECIMAL,
  CRM_IMPORT_TYPE_DATE,
  CRM_IMPORT_TYPE_BOOLEAN,
  CRM_IMPORT_N_TYPES
} CrmImportType;

/**
 * CrmImportDateOrder:
 * @CRM_IMPORT_DATE_ORDER_NONE: only YYYY-MM-DD and day.month.year are
 *   dates; a slashed date is ambiguous
 * @CRM_IMPORT_DATE_ORDER_DMY: slashed dates are day/month/year
 * @CRM_IMPORT_DATE_ORDER_MDY: slashed dates are month/day/year
 */
typedef enum
{
  CRM_IMPORT_DATE_ORDER_NONE,
  CRM_IMPORT_DATE_ORDER_DMY,
  CRM_IMPORT_DATE_ORDER_MDY,
} CrmImportDateOrder;

typedef struct
{
  char               *header;
  CrmImportTarget     target;
  CrmImportType       type;        /* for an attribute */
  CrmImportType       sniffed;     /* what the cells look like */
  CrmImportDateOrder  date_order;  /* for any column holding dates */
} CrmImportColumn;

typedef struct _CrmImportMapping CrmImportMapping;

#define CRM_TYPE_IMPORT_MAPPING (crm_import_mapping_get_type ())

GType                  crm_import_mapping_get_type        (void) G_GNUC_CONST;
CrmImportMapping      *crm_import_mapping_new             (CrmCsvDocument         *document);
CrmImportMapping      *crm_import_mapping_copy            (const CrmImportMapping *self);
void                   crm_import_mapping_free            (CrmImportMapping       *self);
guint                  crm_import_mapping_get_n_columns   (const CrmImportMapping *self);
const CrmImportColumn *crm_import_mapping_get_column      (const CrmImportMapping *self,
                                                           guint                   column);
int                    crm_import_mapping_find            (const CrmImportMapping *self,
                                                           CrmImportTarget         target);
void                   crm_import_mapping_set_target      (CrmImportMapping       *self,
                                                           guint                   column,
                                                           CrmImportTarget         target);
void                   crm_import_mapping_set_type        (CrmImportMapping       *self,
                                                           guint                   column,
                                                           CrmImportType           type);
gboolean               crm_import_mapping_has_contact     (const CrmImportMapping *self);

CrmImportTarget        crm_import_target_for_header       (const char             *header);
const char            *crm_import_target_get_label        (CrmImportTarget         target);
const char            *crm_import_type_get_label          (CrmImportType           type);
CrmImportType          crm_import_sniff_type              (CrmCsvDocument         *document,
                                                           guint                   column,
                                                           CrmImportDateOrder     *date_order);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportMapping, crm_import_mapping_free)

G_END_DECLS
