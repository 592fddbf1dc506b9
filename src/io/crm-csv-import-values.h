/* crm-csv-import-values.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-csv-import-mapping.h"

G_BEGIN_DECLS

/* Reading one cell as a value of the store. Each returns %NULL (or %FALSE)
 * for a cell it cannot read; the caller turns that into a skipped row. */

gboolean     crm_import_value_is_email      (const char          *text);
const char  *crm_import_value_country       (const char          *text);
const char  *crm_import_value_status        (const char          *text);
gboolean     crm_import_value_date          (const char          *text,
                                             CrmImportDateOrder   order,
                                             GDate               *date);
char        *crm_import_value_timestamp     (const char          *text,
                                             CrmImportDateOrder   order);
char       **crm_import_value_tags          (const char          *text);
gboolean     crm_import_value_is_integer    (const char          *text);
gboolean     crm_import_value_is_decimal    (const char          *text);
int          crm_import_value_boolean       (const char          *text);
JsonNode    *crm_import_value_attribute     (const char          *text,
                                             CrmImportType        type,
                                             CrmImportDateOrder   order);

G_END_DECLS
