/* crm-csv-export-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "crm-csv-export.h"

G_BEGIN_DECLS

/* Where the rows go: a temporary file beside the target. */
typedef struct
{
  FILE *file;
  int   errno_value;   /* the first write error, 0 while all is well */
} CrmCsvWriter;

/* One export while it runs: the rows of a list, written a batch at a time
 * (crm-csv-export.c drives it, crm-csv-export-rows.c writes the rows). */
typedef struct
{
  CrmStore      *store;
  CrmEntityKind  kind;
  GArray        *ids;        /* the records, in export order */
  GPtrArray     *keys;       /* custom attribute keys, sorted */
  GHashTable    *seen_keys;  /* borrows the strings of keys */
  GHashTable    *related;    /* gint64 id -> GObject: a batch's contacts, or
                              * the opportunities' customers */
  CrmCsvWriter   writer;
} CrmCsvExportRows;

gboolean _crm_csv_export_rows_collect_keys (CrmCsvExportRows  *rows,
                                            guint              index,
                                            GError           **error);
gboolean _crm_csv_export_rows_write_header (CrmCsvExportRows  *rows);
gboolean _crm_csv_export_rows_write_batch  (CrmCsvExportRows  *rows,
                                            guint              first,
                                            guint              n,
                                            GError           **error);
void     _crm_csv_export_rows_clear        (CrmCsvExportRows  *rows);

G_END_DECLS
