/* crm-csv-import-row.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-csv-import-mapping.h"

G_BEGIN_DECLS

/* What one row of the file asks the store to hold. */
typedef struct
{
  guint       line;              /* the physical line the row starts on */
  char       *external_id;       /* (nullable) the file's `id` */
  char       *email;             /* (nullable) trimmed, as written */
  char       *email_key;         /* (nullable) folded, for matching */
  char       *status;            /* (nullable) an API string, or the text */
  gboolean    status_settable;   /* one of the four lead statuses */
  GVariant   *customer;          /* a{sv} of customer columns, without
                                  * external_id, status and attributes */
  gboolean    has_lead_created_at;
  gboolean    name_derived;      /* the name comes from the company or the
                                  * contact's names, not a name column */
  JsonObject *attributes;        /* (nullable) the custom attributes set */
  char      **tags;              /* (nullable) NULL: leave the tags alone */
  GVariant   *contact;           /* (nullable) a{sv} of the primary contact */
  char       *notes;             /* (nullable) a timeline note, when the row
                                  * makes no contact to hold it */
} CrmImportRecord;

/* Where rows come from; all borrowed. */
typedef struct
{
  CrmCsvDocument         *document;
  const CrmImportMapping *mapping;
  const char             *me_name;    /* (nullable) an owner by this name is me */
  const char             *me_email;   /* (nullable) */
} CrmImportSource;

gboolean crm_import_record_read   (CrmImportRecord       *record,
                                   const CrmImportSource *source,
                                   guint                  row,
                                   char                 **reason);
void     crm_import_record_clear  (CrmImportRecord       *record);
char    *crm_import_dup_email_key (const char            *email);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CrmImportRecord, crm_import_record_clear)

G_END_DECLS
