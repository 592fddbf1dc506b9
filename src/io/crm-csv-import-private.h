/* crm-csv-import-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-csv-import.h"

G_BEGIN_DECLS

struct _CrmCsvImport
{
  GObject              parent_instance;

  /* Owned */
  CrmStore            *store;
  GFile               *file;
  GBytes              *bytes;
  CrmCsvDocument      *document;
  CrmImportMapping    *mapping;
  char                *suggested_encoding;

  /* State */
  gboolean             encoding_chosen;
  CrmImportDuplicates  duplicates;
  guint                rows_done;
  guint                rows_total;
  guint                load_serial;
};

/* crm-csv-import.c */
void _crm_csv_import_set_progress (CrmCsvImport *self,
                                   guint         done,
                                   guint         total);

G_END_DECLS
