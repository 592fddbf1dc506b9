/* crm-csv-import-reader.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define CRM_CSV_IMPORT_ERROR (crm_csv_import_error_quark ())

/**
 * CrmCsvImportError:
 * @CRM_CSV_IMPORT_ERROR_READ: the file cannot be read
 * @CRM_CSV_IMPORT_ERROR_ENCODING: the bytes are not text in the encoding
 * @CRM_CSV_IMPORT_ERROR_PARSE: the text is not CSV (a quote never ends)
 * @CRM_CSV_IMPORT_ERROR_EMPTY: the file has no header row
 * @CRM_CSV_IMPORT_ERROR_OPTION: an option is not valid
 *
 * Why a file cannot be imported at all. A row that cannot be stored is no
 * error: it is skipped and reported.
 */
typedef enum
{
  CRM_CSV_IMPORT_ERROR_READ,
  CRM_CSV_IMPORT_ERROR_ENCODING,
  CRM_CSV_IMPORT_ERROR_PARSE,
  CRM_CSV_IMPORT_ERROR_EMPTY,
  CRM_CSV_IMPORT_ERROR_OPTION,
} CrmCsvImportError;

/**
 * CrmCsvDocument:
 *
 * A CSV file read into memory as UTF-8 cells: a header row and the data
 * rows, each with the physical line it starts on. Immutable once made, so
 * any thread may read it.
 */
typedef struct _CrmCsvDocument CrmCsvDocument;

#define CRM_TYPE_CSV_DOCUMENT (crm_csv_document_get_type ())

GQuark          crm_csv_import_error_quark       (void);
GType           crm_csv_document_get_type        (void) G_GNUC_CONST;

char           *crm_csv_detect_encoding          (const guint8   *data,
                                                  gsize           length);
char           *crm_csv_suggest_encoding         (const guint8   *data,
                                                  gsize           length);
gboolean        crm_csv_encoding_is_known        (const char     *encoding);
char           *crm_csv_decode                   (GBytes         *bytes,
                                                  const char     *encoding,
                                                  gsize          *length,
                                                  GError        **error);
char            crm_csv_detect_delimiter         (const char     *text,
                                                  gsize           length);

CrmCsvDocument *crm_csv_document_parse           (GBytes         *bytes,
                                                  const char     *encoding,
                                                  char            delimiter,
                                                  GError        **error);
CrmCsvDocument *crm_csv_document_ref             (CrmCsvDocument *self);
void            crm_csv_document_unref           (CrmCsvDocument *self);

const char     *crm_csv_document_get_encoding    (CrmCsvDocument *self);
char            crm_csv_document_get_delimiter   (CrmCsvDocument *self);
const char     *crm_csv_document_get_excerpt     (CrmCsvDocument *self);
guint           crm_csv_document_get_n_columns   (CrmCsvDocument *self);
const char     *crm_csv_document_get_header      (CrmCsvDocument *self,
                                                  guint           column);
guint           crm_csv_document_get_n_rows      (CrmCsvDocument *self);
guint           crm_csv_document_get_n_cells     (CrmCsvDocument *self,
                                                  guint           row);
const char     *crm_csv_document_get_cell        (CrmCsvDocument *self,
                                                  guint           row,
                                                  guint           column);
guint           crm_csv_document_get_line        (CrmCsvDocument *self,
                                                  guint           row);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmCsvDocument, crm_csv_document_unref)

G_END_DECLS
