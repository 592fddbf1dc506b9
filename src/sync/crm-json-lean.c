/* crm-json-lean.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include <string.h>

#include "crm-json-lean.h"

/*
 * A quick reader of list pages. A pull reads a few hundred megabytes of
 * JSON, and json-glib's parser builds every member of every entry, the
 * many the sync never reads included. This one reads the JSON itself,
 * keeps of each entry only the members asked for, and builds the same
 * json-glib nodes for them that json-glib would.
 *
 * It is strict, and gives up where it is not sure to read a page the way
 * json-glib does (invalid or unusual JSON, an escape it does not take, a
 * number with a fraction in a member kept, deep nesting): the caller then
 * parses the page with json-glib, which reads it or says what is wrong.
 */

#define MAX_DEPTH 64
#define MAX_DIGITS 18

typedef struct
{
  const char          *p;
  const char          *end;
  GHashTable          *keys;   /* the members of an entry to keep */
  GString             *text;   /* the string being read */
  guint                depth;
} Lean;

static void
skip_space (Lean *lean)
{
  while (lean->p < lean->end &&
         (*lean->p == ' ' || *lean->p == '\n' || *lean->p == '\r' || *lean->p == '\t'))
    lean->p++;
}

static gboolean
take_char (Lean *lean,
           char  c)
{
  skip_space (lean);
  if (lean->p >= lean->end || *lean->p != c)
    return FALSE;

  lean->p++;
  return TRUE;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (Lean     *lean,
           gunichar *value)
{
  *value = 0;
  if (lean->end - lean->p < 4)
    return FALSE;

  for (guint i = 0; i < 4; i++)
    {
      int digit = hex_value (lean->p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + digit;
    }
  lean->p += 4;
  return TRUE;
}

/* After "\u": a character, or a surrogate pair. NUL and lone surrogates
 * are left to json-glib. */
static gboolean
read_unicode_escape (Lean *lean)
{
  gunichar value;
  gunichar low;

  if (!read_hex4 (lean, &value) || value == 0 || (value >= 0xdc00 && value < 0xe000))
    return FALSE;

  if (value >= 0xd800 && value < 0xdc00)
    {
      if (lean->end - lean->p < 6 || lean->p[0] != '\\' || lean->p[1] != 'u')
        return FALSE;
      lean->p += 2;
      if (!read_hex4 (lean, &low) || low < 0xdc00 || low >= 0xe000)
        return FALSE;
      value = 0x10000 + ((value - 0xd800) << 10) + (low - 0xdc00);
    }

  g_string_append_unichar (lean->text, value);
  return TRUE;
}

static gboolean
read_escape (Lean *lean)
{
  static const char from[] = "\"\\/bfnrt";
  static const char to[] = "\"\\/\b\f\n\r\t";
  const char *found;

  if (lean->p >= lean->end)
    return FALSE;

  if (*lean->p == 'u')
    {
      lean->p++;
      return read_unicode_escape (lean);
    }

  found = memchr (from, *lean->p, sizeof from - 1);
  if (found == NULL)
    return FALSE;

  g_string_append_c (lean->text, to[found - from]);
  lean->p++;
  return TRUE;
}

/* A string, into lean->text; the opening quote is read already. */
static gboolean
read_string (Lean *lean)
{
  g_string_truncate (lean->text, 0);

  for (;;)
    {
      const char *start = lean->p;

      while (lean->p < lean->end && *lean->p != '"' && *lean->p != '\\' &&
             (guchar) *lean->p >= 0x20)
        lean->p++;
      g_string_append_len (lean->text, start, lean->p - start);

      if (lean->p >= lean->end || (guchar) *lean->p < 0x20)
        return FALSE;

      if (*lean->p++ == '"')
        return TRUE;

      if (!read_escape (lean))
        return FALSE;
    }
}

static gboolean
is_digit (Lean *lean)
{
  return lean->p < lean->end && g_ascii_isdigit (*lean->p);
}

/* A number: @value gets an integer; @whole says it was one that fits
 * (else it has a fraction or an exponent or too many digits, and only its
 * form was checked). */
static gboolean
read_number (Lean     *lean,
             gint64   *value,
             gboolean *whole)
{
  gboolean negative = FALSE;
  guint digits = 0;

  *value = 0;
  *whole = TRUE;
  if (*lean->p == '-')
    {
      negative = TRUE;
      lean->p++;
    }

  if (!is_digit (lean))
    return FALSE;
  if (*lean->p == '0' && lean->p + 1 < lean->end && g_ascii_isdigit (lean->p[1]))
    return FALSE;

  for (; is_digit (lean); lean->p++, digits++)
    if (digits < MAX_DIGITS)
      *value = *value * 10 + (*lean->p - '0');

  if (lean->p < lean->end && *lean->p == '.')
    {
      lean->p++;
      *whole = FALSE;
      if (!is_digit (lean))
        return FALSE;
      while (is_digit (lean))
        lean->p++;
    }

  if (lean->p < lean->end && (*lean->p == 'e' || *lean->p == 'E'))
    {
      lean->p++;
      *whole = FALSE;
      if (lean->p < lean->end && (*lean->p == '+' || *lean->p == '-'))
        lean->p++;
      if (!is_digit (lean))
        return FALSE;
      while (is_digit (lean))
        lean->p++;
    }

  /* Larger integers are left to json-glib. */
  if (digits > MAX_DIGITS)
    *whole = FALSE;

  if (negative)
    *value = -*value;
  return TRUE;
}

static gboolean
take_word (Lean       *lean,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (lean->end - lean->p) < length || memcmp (lean->p, word, length) != 0)
    return FALSE;

  lean->p += length;
  return TRUE;
}

static JsonNode *read_value (Lean *lean, gboolean keep);

/* A node that holds @object and its reference. */
static JsonNode *
take_object (JsonObject *object)
{
  JsonNode *node = json_node_init_object (json_node_alloc (), object);

  json_object_unref (object);
  return node;
}

static JsonNode *
take_array (JsonArray *array)
{
  JsonNode *node = json_node_init_array (json_node_alloc (), array);

  json_array_unref (array);
  return node;
}

/* Reads an object; with @keep_all, builds every member, else only the
 * members named in lean->keys (or none, when @build is FALSE). */
static JsonNode *
read_object (Lean     *lean,
             gboolean  build,
             gboolean  keep_all)
{
  JsonObject *object = build ? json_object_new () : NULL;
  gboolean first = TRUE;

  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *member = NULL;
      gboolean keep;

      skip_space (lean);
      if (first && take_char (lean, '}'))
        break;
      if (!take_char (lean, '"') || !read_string (lean) || !take_char (lean, ':'))
        goto fail;

      keep = build && (keep_all || g_hash_table_contains (lean->keys, lean->text->str));
      if (keep)
        name = g_strdup (lean->text->str);

      member = read_value (lean, keep);
      if (member == NULL && (keep || lean->p == NULL))
        goto fail;
      if (member != NULL)
        json_object_set_member (object, name, member);

      first = FALSE;
      if (take_char (lean, '}'))
        break;
      if (!take_char (lean, ','))
        goto fail;
    }

  if (!build)
    return NULL;

  return take_object (object);

fail:
  lean->p = NULL;
  g_clear_pointer (&object, json_object_unref);
  return NULL;
}

static JsonNode *
read_array (Lean     *lean,
            gboolean  keep)
{
  JsonArray *array = keep ? json_array_new () : NULL;

  if (!take_char (lean, ']'))
    for (;;)
      {
        JsonNode *element = read_value (lean, keep);

        if (lean->p == NULL)
          goto fail;
        if (element != NULL)
          json_array_add_element (array, element);
        if (take_char (lean, ']'))
          break;
        if (!take_char (lean, ','))
          goto fail;
      }

  if (!keep)
    return NULL;

  return take_array (array);

fail:
  lean->p = NULL;
  g_clear_pointer (&array, json_array_unref);
  return NULL;
}

/* Reads any value; builds it when @keep. On a failure, sets lean->p to
 * NULL. */
static JsonNode *
read_value (Lean     *lean,
            gboolean  keep)
{
  JsonNode *node = NULL;
  gint64 number;
  gboolean whole;

  skip_space (lean);
  if (lean->p >= lean->end || ++lean->depth > MAX_DEPTH)
    goto fail;

  switch (*lean->p++)
    {
    case '{':
      node = read_object (lean, keep, TRUE);
      break;
    case '[':
      node = read_array (lean, keep);
      break;
    case '"':
      if (!read_string (lean))
        goto fail;
      node = keep ? json_node_init_string (json_node_alloc (), lean->text->str) : NULL;
      break;
    case 't':
      if (!take_word (lean, "rue"))
        goto fail;
      node = keep ? json_node_init_boolean (json_node_alloc (), TRUE) : NULL;
      break;
    case 'f':
      if (!take_word (lean, "alse"))
        goto fail;
      node = keep ? json_node_init_boolean (json_node_alloc (), FALSE) : NULL;
      break;
    case 'n':
      if (!take_word (lean, "ull"))
        goto fail;
      node = keep ? json_node_init_null (json_node_alloc ()) : NULL;
      break;
    default:
      lean->p--;
      if (!read_number (lean, &number, &whole))
        goto fail;
      /* json-glib reads fractions and large numbers its own way: a member
       * kept with one is left to it. */
      if (keep && !whole)
        goto fail;
      node = keep ? json_node_init_int (json_node_alloc (), number) : NULL;
      break;
    }

  if (lean->p == NULL)
    goto fail;

  lean->depth--;
  return node;

fail:
  lean->p = NULL;
  g_clear_pointer (&node, json_node_unref);
  return NULL;
}

/* The entries: an array of objects, each read keeping lean->keys. */
static JsonNode *
read_entries (Lean *lean)
{
  JsonArray *array = json_array_new ();

  if (!take_char (lean, '['))
    goto fail;

  if (!take_char (lean, ']'))
    for (;;)
      {
        JsonNode *entry;

        if (!take_char (lean, '{'))
          goto fail;
        lean->depth++;
        entry = read_object (lean, TRUE, FALSE);
        lean->depth--;
        if (entry == NULL)
          goto fail;
        json_array_add_element (array, entry);
        if (take_char (lean, ']'))
          break;
        if (!take_char (lean, ','))
          goto fail;
      }

  return take_array (array);

fail:
  lean->p = NULL;
  json_array_unref (array);
  return NULL;
}

static JsonNode *
read_page (Lean *lean)
{
  g_autoptr(JsonObject) object = json_object_new ();

  if (!take_char (lean, '{'))
    return NULL;

  skip_space (lean);
  if (take_char (lean, '}'))
    return take_object (g_steal_pointer (&object));

  for (;;)
    {
      g_autofree char *name = NULL;
      JsonNode *member;

      if (!take_char (lean, '"') || !read_string (lean) || !take_char (lean, ':'))
        return NULL;

      name = g_strdup (lean->text->str);
      skip_space (lean);
      if (g_str_equal (name, "entries") && lean->p < lean->end && *lean->p == '[')
        member = read_entries (lean);
      else
        member = read_value (lean, TRUE);
      if (member == NULL)
        return NULL;
      json_object_set_member (object, name, member);

      if (take_char (lean, '}'))
        break;
      if (!take_char (lean, ','))
        return NULL;
    }

  skip_space (lean);
  if (lean->p != lean->end)
    return NULL;

  return take_object (g_steal_pointer (&object));
}

/**
 * crm_json_lean_parse_page:
 * @data: the body of a list page
 * @size: its length
 * @entry_keys: (array zero-terminated=1): the members of each entry to keep
 *
 * Reads a page `{"entries": […], …}` the way json-glib would, keeping of
 * each entry only the members named in @entry_keys (each with all it
 * holds); the page's other members are kept whole.
 *
 * Returns: (transfer full) (nullable): the page's root node, or %NULL when
 *   the page must be parsed by json-glib (it is not valid JSON, not of that
 *   form, or holds what this reader leaves to json-glib)
 */
JsonNode *
crm_json_lean_parse_page (const char         *data,
                          gsize               size,
                          const char * const *entry_keys)
{
  g_autoptr(GString) text = g_string_sized_new (256);
  g_autoptr(GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  Lean lean = { data, data + size, keys, text, 0 };

  g_return_val_if_fail (data != NULL || size == 0, NULL);
  g_return_val_if_fail (entry_keys != NULL, NULL);

  for (guint i = 0; entry_keys[i] != NULL; i++)
    g_hash_table_add (keys, (gpointer) entry_keys[i]);

  if (size == 0 || !g_utf8_validate_len (data, size, NULL))
    return NULL;

  return read_page (&lean);
}
