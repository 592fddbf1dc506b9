/* crm-csv-import-encoding.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <uchardet.h>

#include "crm-csv-import-reader.h"

/* The bytes of a file become UTF-8 text: a BOM decides; else valid UTF-8 is
 * UTF-8; else Windows-1252, unless the person names another encoding.
 * uchardet only suggests, for the import assistant to offer. */

#define SUGGEST_MAX_BYTES (256 * 1024)

static const struct {
  const char *encoding;
  const char *bom;
  gsize       length;
} boms[] = {
  /* UTF-32LE first: its BOM starts with UTF-16LE's. */
  { "UTF-32LE", "\xff\xfe\x00\x00", 4 },
  { "UTF-32BE", "\x00\x00\xfe\xff", 4 },
  { "UTF-8", "\xef\xbb\xbf", 3 },
  { "UTF-16LE", "\xff\xfe", 2 },
  { "UTF-16BE", "\xfe\xff", 2 },
};

/* Without a BOM, UTF-16 text in a Latin script has a NUL in every other
 * byte; nothing else a spreadsheet writes looks like that. */
static const char *
sniff_utf16 (const guint8 *data,
             gsize         length)
{
  gsize n = MIN (length, 1024) & ~(gsize) 1;
  guint even = 0, odd = 0;

  for (gsize i = 0; i < n; i += 2)
    {
      even += data[i] == 0;
      odd += data[i + 1] == 0;
    }

  if (n < 4)
    return NULL;
  if (odd * 5 >= n && even == 0)
    return "UTF-16LE";
  if (even * 5 >= n && odd == 0)
    return "UTF-16BE";

  return NULL;
}

/**
 * crm_csv_detect_encoding:
 * @data: (array length=length): the file's bytes
 * @length: their number
 *
 * Decides how to read a file when the person did not say: a byte order
 * mark decides; otherwise bytes that are valid UTF-8 are UTF-8; otherwise
 * Windows-1252, what spreadsheets on Windows write.
 *
 * Returns: (transfer full): an encoding name for g_convert()
 */
char *
crm_csv_detect_encoding (const guint8 *data,
                         gsize         length)
{
  const char *utf16;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (boms); i++)
    {
      if (length >= boms[i].length && memcmp (data, boms[i].bom, boms[i].length) == 0)
        return g_strdup (boms[i].encoding);
    }

  if (g_utf8_validate_len ((const char *) data, length, NULL))
    return g_strdup ("UTF-8");

  utf16 = sniff_utf16 (data, length);
  if (utf16 != NULL)
    return g_strdup (utf16);

  return g_strdup ("WINDOWS-1252");
}

/**
 * crm_csv_suggest_encoding:
 * @data: (array length=length): the file's bytes
 * @length: their number
 *
 * Asks uchardet what the bytes look like, for the import assistant to
 * offer. Its ISO-8859-1 is read as Windows-1252, which agrees on every
 * printable character and adds €, „ and the curly quotes.
 *
 * Returns: (transfer full) (nullable): an encoding name, or %NULL when
 *   uchardet has no idea
 */
char *
crm_csv_suggest_encoding (const guint8 *data,
                          gsize         length)
{
  uchardet_t detector;
  g_autofree char *charset = NULL;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  detector = uchardet_new ();
  if (uchardet_handle_data (detector, (const char *) data, MIN (length, SUGGEST_MAX_BYTES)) == 0)
    {
      uchardet_data_end (detector);
      charset = g_ascii_strup (uchardet_get_charset (detector), -1);
    }
  uchardet_delete (detector);

  if (charset == NULL || charset[0] == '\0')
    return NULL;
  if (g_str_equal (charset, "ASCII"))
    return g_strdup ("UTF-8");
  if (g_str_equal (charset, "ISO-8859-1"))
    return g_strdup ("WINDOWS-1252");

  return g_steal_pointer (&charset);
}

/**
 * crm_csv_encoding_is_known:
 * @encoding: an encoding name
 *
 * Returns: whether g_convert() can read text in @encoding
 */
gboolean
crm_csv_encoding_is_known (const char *encoding)
{
  GIConv converter;

  g_return_val_if_fail (encoding != NULL, FALSE);

  converter = g_iconv_open ("UTF-8", encoding);
  if (converter == (GIConv) -1)
    return FALSE;

  g_iconv_close (converter);
  return TRUE;
}

static guint
count_lines (const char *text,
             gsize       length)
{
  guint lines = 1;

  for (gsize i = 0; i < length; i++)
    {
      if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == length || text[i + 1] != '\n')))
        lines++;
    }

  return lines;
}

/* The line of the first byte that is not text in @encoding: the bytes
 * before it convert, so their lines can be counted. */
static guint
line_of_offset (const guint8 *data,
                gsize         offset,
                const char   *encoding)
{
  g_autofree char *before = NULL;
  gsize written = 0;

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    return count_lines ((const char *) data, offset);

  before = g_convert ((const char *) data, offset, "UTF-8", encoding, NULL, &written, NULL);
  if (before == NULL)
    return 1;

  return count_lines (before, written);
}

static gboolean
set_encoding_error (GError     **error,
                    guint        line,
                    const char  *encoding)
{
  g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_ENCODING,
               _("line %u is not %s text; choose the file’s encoding"), line, encoding);
  return FALSE;
}

static char *
convert_text (const guint8  *data,
              gsize          length,
              const char    *encoding,
              gsize         *text_length,
              GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gsize bytes_read = 0;
  char *text;

  if (g_ascii_strcasecmp (encoding, "UTF-8") == 0)
    {
      const char *end = NULL;

      if (!g_utf8_validate_len ((const char *) data, length, &end))
        {
          set_encoding_error (error, line_of_offset (data, end - (const char *) data,
                                                     encoding), "UTF-8");
          return NULL;
        }

      *text_length = length;
      return g_strndup ((const char *) data, length);
    }

  text = g_convert ((const char *) data, length, "UTF-8", encoding,
                    &bytes_read, text_length, &local_error);
  if (text != NULL)
    return text;

  if (g_error_matches (local_error, G_CONVERT_ERROR, G_CONVERT_ERROR_NO_CONVERSION))
    g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_OPTION,
                 _("unknown encoding “%s”"), encoding);
  else
    set_encoding_error (error, line_of_offset (data, bytes_read, encoding), encoding);

  return NULL;
}

/**
 * crm_csv_decode:
 * @bytes: the file's contents
 * @encoding: (nullable): the encoding to read; %NULL detects it
 * @length: (out) (optional): the length of the text in bytes
 * @error: return location for a #GError
 *
 * Turns the file into UTF-8 text without its byte order mark. Text that
 * holds a NUL character is refused: it is not a spreadsheet.
 *
 * Returns: (transfer full): the text, or %NULL with @error set
 */
char *
crm_csv_decode (GBytes      *bytes,
                const char  *encoding,
                gsize       *length,
                GError     **error)
{
  g_autofree char *detected = NULL;
  g_autofree char *text = NULL;
  const guint8 *data;
  const char *nul;
  gsize size, text_length = 0;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &size);
  if (encoding == NULL)
    encoding = detected = crm_csv_detect_encoding (data, size);

  text = convert_text (data != NULL ? data : (const guint8 *) "", size, encoding,
                       &text_length, error);
  if (text == NULL)
    return NULL;

  nul = memchr (text, '\0', text_length);
  if (nul != NULL)
    {
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_ENCODING,
                   _("line %u holds binary data, not text"),
                   count_lines (text, nul - text));
      return NULL;
    }

  if (g_str_has_prefix (text, "\xef\xbb\xbf"))
    {
      memmove (text, text + 3, text_length - 3 + 1);
      text_length -= 3;
    }

  if (length != NULL)
    *length = text_length;

  return g_steal_pointer (&text);
}
