/* crm-csv-import-reader.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <string.h>

#include <csv.h>
#include <glib/gi18n-lib.h>

#include "crm-csv-import-reader.h"

/* Reading a file: the bytes become UTF-8 text (crm-csv-import-encoding.c),
 * the delimiter is detected, and libcsv splits the text into cells. The
 * text is fed to libcsv one physical line at a time, so every record knows
 * the line it starts on, quoted line breaks included. */

#define EXCERPT_LINES      12
#define DELIMITER_RECORDS  20

/* libcsv's parser state inside a field (csv.h shows the state, libcsv.c
 * names it). */
#define LIBCSV_FIELD_BEGUN 2

struct _CrmCsvDocument
{
  char          *encoding;
  char           delimiter;
  char          *excerpt;      /* the first lines of the text, for a preview */

  GStringChunk  *strings;
  GPtrArray     *cells;        /* const char *, every record's cells in a row */
  GArray        *starts;       /* guint: index of each record's first cell, + end */
  GArray        *lines;        /* guint: the physical line each record starts on */
};

G_DEFINE_BOXED_TYPE (CrmCsvDocument, crm_csv_document,
                     crm_csv_document_ref, crm_csv_document_unref)

G_DEFINE_QUARK (crm-csv-import-error-quark, crm_csv_import_error)

/* ------------------------------------------------------------------ */
/* Delimiter                                                           */
/* ------------------------------------------------------------------ */

static const char delimiters[] = { ',', ';', '\t' };

/**
 * crm_csv_detect_delimiter:
 * @text: UTF-8 text
 * @length: its length in bytes
 *
 * Counts commas, semicolons and tabs outside quotes in the first records.
 * The delimiter is the one found in the header that splits the most of the
 * following records into as many cells as the header; a comma when none
 * is found.
 *
 * Returns: `,`, `;` or a tab
 */
char
crm_csv_detect_delimiter (const char *text,
                          gsize       length)
{
  guint counts[DELIMITER_RECORDS][G_N_ELEMENTS (delimiters)] = { { 0 } };
  guint n_records = 0, best_score = 0;
  gboolean quoted = FALSE;
  char best = ',';

  g_return_val_if_fail (text != NULL || length == 0, ',');

  for (gsize i = 0; i < length && n_records < DELIMITER_RECORDS; i++)
    {
      if (text[i] == '"')
        quoted = !quoted;
      else if (!quoted && (text[i] == '\n' || text[i] == '\r'))
        n_records += i > 0 && text[i - 1] != '\n' && text[i - 1] != '\r';
      else if (!quoted)
        for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
          counts[n_records][d] += text[i] == delimiters[d];
    }
  n_records = MIN (n_records + 1, DELIMITER_RECORDS);

  for (guint d = 0; d < G_N_ELEMENTS (delimiters); d++)
    {
      guint header = counts[0][d], same = 0, score;

      if (header == 0)
        continue;

      for (guint r = 1; r < n_records; r++)
        same += counts[r][d] == header;

      score = same * 1000 + MIN (header, 999);
      if (score > best_score)
        {
          best_score = score;
          best = delimiters[d];
        }
    }

  return best;
}

/* ------------------------------------------------------------------ */
/* Parsing                                                             */
/* ------------------------------------------------------------------ */

typedef struct
{
  CrmCsvDocument *document;
  guint           record_start;  /* index of the record's first cell */
  guint           line;          /* the physical line being fed */
  guint           record_line;   /* the line the current record starts on */
  gboolean        in_record;
} Parser;

/* Spaces around unquoted cells are trimmed; a tab may be the delimiter,
 * so it is never a space. */
static int
is_space (unsigned char c)
{
  return c == ' ';
}

/* An export puts an apostrophe before a cell that a spreadsheet would run
 * (one starting with = + - @ a tab or CR), and before an apostrophe that
 * precedes one of those: one apostrophe comes off again. */
static gsize
guard_length (const char *cell,
              gsize       length)
{
  gsize i = 0;

  while (i < length && cell[i] == '\'')
    i++;

  if (i == 0 || i == length || strchr ("=+-@\t\r", cell[i]) == NULL)
    return 0;

  return 1;
}

/* A line break inside a quoted cell is stored as LF, whichever the file
 * used; a lone CR is kept. */
static char *
insert_cell (GStringChunk *strings,
             const char   *text,
             gsize         length)
{
  g_autoptr(GString) copy = NULL;

  if (memchr (text, '\r', length) == NULL)
    return g_string_chunk_insert_len (strings, text, length);

  copy = g_string_sized_new (length);
  for (gsize i = 0; i < length; i++)
    {
      if (text[i] != '\r' || i + 1 == length || text[i + 1] != '\n')
        g_string_append_c (copy, text[i]);
    }

  return g_string_chunk_insert_len (strings, copy->str, copy->len);
}

static void
on_cell_cb (void   *cell,
            size_t  length,
            void   *data)
{
  Parser *parser = data;
  const char *text = cell != NULL ? cell : "";
  gsize skip = guard_length (text, length);

  g_ptr_array_add (parser->document->cells,
                   insert_cell (parser->document->strings, text + skip, length - skip));
}

static gboolean
record_is_blank (Parser *parser)
{
  GPtrArray *cells = parser->document->cells;

  for (guint i = parser->record_start; i < cells->len; i++)
    {
      if (((const char *) g_ptr_array_index (cells, i))[0] != '\0')
        return FALSE;
    }

  return TRUE;
}

static void
on_record_cb (int   terminator,
              void *data)
{
  Parser *parser = data;
  CrmCsvDocument *document = parser->document;

  parser->in_record = FALSE;

  /* A line of nothing but delimiters is not a row. */
  if (record_is_blank (parser))
    {
      g_ptr_array_set_size (document->cells, parser->record_start);
      return;
    }

  g_array_append_val (document->starts, parser->record_start);
  g_array_append_val (document->lines, parser->record_line);
  parser->record_start = document->cells->len;
}

static gsize
line_end (const char *text,
          gsize       length,
          gsize       start)
{
  for (gsize i = start; i < length; i++)
    {
      if (text[i] == '\n')
        return i + 1;
      if (text[i] == '\r')
        return i + 1 < length && text[i + 1] == '\n' ? i + 2 : i + 1;
    }

  return length;
}

static gboolean
has_content (const char *line,
             gsize       length)
{
  for (gsize i = 0; i < length; i++)
    {
      if (line[i] != '\r' && line[i] != '\n' && line[i] != ' ')
        return TRUE;
    }

  return FALSE;
}

static gboolean
feed_lines (struct csv_parser  *csv,
            Parser             *parser,
            const char         *text,
            gsize               length,
            GError            **error)
{
  for (gsize start = 0; start < length; parser->line++)
    {
      gsize end = line_end (text, length, start);

      if (!parser->in_record && has_content (text + start, end - start))
        {
          parser->in_record = TRUE;
          parser->record_line = parser->line;
        }

      if (csv_parse (csv, text + start, end - start, on_cell_cb, on_record_cb, parser)
          != end - start)
        {
          g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_PARSE,
                       _("line %u cannot be read: %s"), parser->line,
                       csv_strerror (csv_error (csv)));
          return FALSE;
        }

      start = end;
    }

  /* libcsv reports an unclosed quote only in its strict mode, which also
   * refuses the stray quotes real files hold; its parser state says it. */
  if ((csv->quoted && csv->pstate == LIBCSV_FIELD_BEGUN) ||
      csv_fini (csv, on_cell_cb, on_record_cb, parser) != 0)
    {
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_PARSE,
                   _("line %u opens a quote that never closes"), parser->record_line);
      return FALSE;
    }

  return TRUE;
}

static char *
dup_excerpt (const char *text,
             gsize       length)
{
  gsize end = 0;

  for (guint i = 0; i < EXCERPT_LINES && end < length; i++)
    end = line_end (text, length, end);

  return g_strndup (text, end);
}

static CrmCsvDocument *
crm_csv_document_new (const char *encoding,
                      char        delimiter)
{
  CrmCsvDocument *self = g_atomic_rc_box_new0 (CrmCsvDocument);

  self->encoding = g_ascii_strup (encoding, -1);
  self->delimiter = delimiter;
  self->strings = g_string_chunk_new (64 * 1024);
  self->cells = g_ptr_array_new ();
  self->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  self->lines = g_array_new (FALSE, FALSE, sizeof (guint));

  return self;
}

/**
 * crm_csv_document_parse:
 * @bytes: the file's contents
 * @encoding: (nullable): the encoding; %NULL detects it
 * @delimiter: `,`, `;` or a tab; 0 detects it
 * @error: return location for a #GError
 *
 * Reads a CSV file as RFC 4180 describes it: quoted cells may hold the
 * delimiter, line breaks and doubled quotes. A stray quote inside an
 * unquoted cell is kept as it is; a quote that never closes is an error.
 * Blank lines are no rows. The first row is the header.
 *
 * Returns: (transfer full): the document, or %NULL with @error set
 */
CrmCsvDocument *
crm_csv_document_parse (GBytes      *bytes,
                        const char  *encoding,
                        char         delimiter,
                        GError     **error)
{
  g_autoptr(CrmCsvDocument) self = NULL;
  g_autofree char *detected = NULL;
  g_autofree char *text = NULL;
  struct csv_parser csv;
  Parser parser = { NULL, 0, 1, 1, FALSE };
  gsize length = 0;
  gboolean ok;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (delimiter == 0 || memchr (delimiters, delimiter,
                                                  sizeof delimiters) != NULL, NULL);

  if (encoding == NULL)
    {
      gsize size;
      const guint8 *data = g_bytes_get_data (bytes, &size);

      encoding = detected = crm_csv_detect_encoding (data, size);
    }

  text = crm_csv_decode (bytes, encoding, &length, error);
  if (text == NULL)
    return NULL;

  if (delimiter == 0)
    delimiter = crm_csv_detect_delimiter (text, length);

  self = crm_csv_document_new (encoding, delimiter);
  self->excerpt = dup_excerpt (text, length);
  parser.document = self;

  if (csv_init (&csv, CSV_APPEND_NULL) != 0)
    g_error ("Failed to set up the CSV parser: out of memory");
  csv_set_delim (&csv, (unsigned char) delimiter);
  csv_set_space_func (&csv, is_space);

  ok = feed_lines (&csv, &parser, text, length, error);
  csv_free (&csv);
  if (!ok)
    return NULL;

  if (self->starts->len == 0)
    {
      g_set_error_literal (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_EMPTY,
                           _("the file holds no rows"));
      return NULL;
    }

  g_array_append_val (self->starts, self->cells->len);

  return g_steal_pointer (&self);
}

CrmCsvDocument *
crm_csv_document_ref (CrmCsvDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
crm_csv_document_clear (CrmCsvDocument *self)
{
  g_free (self->encoding);
  g_free (self->excerpt);
  g_ptr_array_unref (self->cells);
  g_array_unref (self->starts);
  g_array_unref (self->lines);
  g_string_chunk_free (self->strings);
}

void
crm_csv_document_unref (CrmCsvDocument *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, (GDestroyNotify) crm_csv_document_clear);
}

/**
 * crm_csv_document_get_encoding:
 * @self: a #CrmCsvDocument
 *
 * Returns: the encoding the file was read in, upper case
 */
const char *
crm_csv_document_get_encoding (CrmCsvDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->encoding;
}

char
crm_csv_document_get_delimiter (CrmCsvDocument *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->delimiter;
}

/**
 * crm_csv_document_get_excerpt:
 * @self: a #CrmCsvDocument
 *
 * Returns: the first lines of the decoded text, as they are in the file
 */
const char *
crm_csv_document_get_excerpt (CrmCsvDocument *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->excerpt;
}

/* Record 0 is the header; row r is record r + 1. */
static guint
record_n_cells (CrmCsvDocument *self,
                guint           record)
{
  return g_array_index (self->starts, guint, record + 1) -
         g_array_index (self->starts, guint, record);
}

static const char *
record_cell (CrmCsvDocument *self,
             guint           record,
             guint           column)
{
  if (column >= record_n_cells (self, record))
    return "";

  return g_ptr_array_index (self->cells, g_array_index (self->starts, guint, record) + column);
}

guint
crm_csv_document_get_n_columns (CrmCsvDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return record_n_cells (self, 0);
}

const char *
crm_csv_document_get_header (CrmCsvDocument *self,
                             guint           column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < crm_csv_document_get_n_columns (self), NULL);

  return record_cell (self, 0, column);
}

/**
 * crm_csv_document_get_n_rows:
 * @self: a #CrmCsvDocument
 *
 * Returns: the number of data rows, the header not counted
 */
guint
crm_csv_document_get_n_rows (CrmCsvDocument *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->lines->len - 1;
}

guint
crm_csv_document_get_n_cells (CrmCsvDocument *self,
                              guint           row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < crm_csv_document_get_n_rows (self), 0);

  return record_n_cells (self, row + 1);
}

/**
 * crm_csv_document_get_cell:
 * @self: a #CrmCsvDocument
 * @row: a data row
 * @column: a column
 *
 * Returns: the cell's text; "" where the row is shorter than the header
 */
const char *
crm_csv_document_get_cell (CrmCsvDocument *self,
                           guint           row,
                           guint           column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (row < crm_csv_document_get_n_rows (self), NULL);

  return record_cell (self, row + 1, column);
}

/**
 * crm_csv_document_get_line:
 * @self: a #CrmCsvDocument
 * @row: a data row
 *
 * Returns: the physical line (from 1) the row starts on in the file
 */
guint
crm_csv_document_get_line (CrmCsvDocument *self,
                           guint           row)
{
  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (row < crm_csv_document_get_n_rows (self), 0);

  return g_array_index (self->lines, guint, row + 1);
}
