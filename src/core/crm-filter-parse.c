/* crm-filter-parse.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-filter"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-date.h"
#include "crm-filter.h"

/* The expression language, by descending precedence:
 *
 *   expr      = all ("or" all)*
 *   all       = unary ("and" unary)*
 *   unary     = "not" unary | "(" expr ")" | condition
 *   condition = FIELD predicate
 *   predicate = "is" ("me" | "empty" | "present" | "not" value
 *                     | "one" "of" list | value)
 *             | "contains" value | "does" "not" "contain" value
 *             | ("=" | "!=" | "<" | ">" | "<=" | ">=") value
 *             | "between" value "and" value
 *             | ("on" | "before" | "after") DATE
 *             | "within" INTEGER "days"
 *             | "has" ("any" | "all" | "none") "of" list
 *   value     = STRING | NUMBER | DATE | "true" | "false"
 *   list      = "(" value ("," value)* ")"
 *
 * Keywords are lowercase; a field is a word with optional dotted parts
 * (`attr.industry`). ≠, ≤ and ≥ are read as !=, <= and >=. */

typedef enum
{
  TOKEN_END,
  TOKEN_WORD,
  TOKEN_STRING,
  TOKEN_INTEGER,
  TOKEN_DECIMAL,
  TOKEN_DATE,
  TOKEN_SYMBOL,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;      /* the word, the symbol, or the string's value */
  gsize      offset;
} Token;

typedef struct
{
  const char *input;
  GArray     *tokens;
  guint       next;
} Parser;

static gboolean
fail (Parser      *parser,
      GError     **error,
      const char  *message)
{
  Token *token = &g_array_index (parser->tokens, Token, MIN (parser->next,
                                                             parser->tokens->len - 1));

  g_set_error (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
               _("%s at character %u"), message, (guint) token->offset + 1);
  return FALSE;
}

static void
token_clear (gpointer data)
{
  Token *token = data;

  g_free (token->text);
}

static gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || c == '_' || c == '.';
}

static gboolean
is_date_at (const char *p)
{
  for (guint i = 0; i < 10; i++)
    {
      gboolean dash = i == 4 || i == 7;

      if (p[i] == '\0' || (dash ? p[i] != '-' : !g_ascii_isdigit (p[i])))
        return FALSE;
    }

  return !is_word_char (g_utf8_get_char (p + 10)) && p[10] != '-';
}

static const char *
read_string (const char  *p,
             GString     *value)
{
  for (p++; *p != '\0' && *p != '"'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (value, *p == 'n' ? '\n' : *p);
        }
      else
        {
          g_string_append_c (value, *p);
        }
    }

  return *p == '"' ? p + 1 : NULL;
}

static const char *
read_symbol (const char *p,
             char      **symbol)
{
  static const struct { const char *in; const char *out; } symbols[] = {
    { "!=", "!=" }, { "<=", "<=" }, { ">=", ">=" },
    { "≠", "!=" }, { "≤", "<=" }, { "≥", ">=" },
    { "=", "=" }, { "<", "<" }, { ">", ">" },
    { "(", "(" }, { ")", ")" }, { ",", "," },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      gsize len = strlen (symbols[i].in);

      if (strncmp (p, symbols[i].in, len) == 0)
        {
          *symbol = g_strdup (symbols[i].out);
          return p + len;
        }
    }

  return NULL;
}

static const char *
read_number (const char *p,
             Token      *token)
{
  const char *start = p;

  if (*p == '-')
    p++;
  if (!g_ascii_isdigit (*p))
    return NULL;
  while (g_ascii_isdigit (*p))
    p++;

  token->kind = TOKEN_INTEGER;
  if (*p == '.' && g_ascii_isdigit (p[1]))
    {
      token->kind = TOKEN_DECIMAL;
      for (p++; g_ascii_isdigit (*p); p++)
        ;
    }

  if (is_word_char (g_utf8_get_char (p)))
    return NULL;

  token->text = g_strndup (start, p - start);
  return p;
}

static gboolean
tokenize (Parser  *parser,
          GError **error)
{
  const char *p = parser->input;

  for (;;)
    {
      Token token = { TOKEN_END, NULL, 0 };

      while (g_unichar_isspace (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      token.offset = g_utf8_pointer_to_offset (parser->input, p);

      if (*p == '\0')
        {
          g_array_append_val (parser->tokens, token);
          return TRUE;
        }

      if (*p == '"')
        {
          g_autoptr(GString) value = g_string_new (NULL);

          p = read_string (p, value);
          token.kind = TOKEN_STRING;
          token.text = g_string_free (g_steal_pointer (&value), FALSE);
        }
      else if (is_date_at (p))
        {
          token.kind = TOKEN_DATE;
          token.text = g_strndup (p, 10);
          p += 10;
        }
      else if (g_ascii_isdigit (*p) || (*p == '-' && g_ascii_isdigit (p[1])))
        {
          p = read_number (p, &token);
        }
      else if (g_unichar_isalpha (g_utf8_get_char (p)) || *p == '_')
        {
          const char *start = p;

          while (is_word_char (g_utf8_get_char (p)))
            p = g_utf8_next_char (p);
          token.kind = TOKEN_WORD;
          token.text = g_strndup (start, p - start);
        }
      else
        {
          token.kind = TOKEN_SYMBOL;
          p = read_symbol (p, &token.text);
        }

      g_array_append_val (parser->tokens, token);
      if (p == NULL)
        {
          parser->next = parser->tokens->len - 1;
          return fail (parser, error, _("Unexpected text"));
        }
    }
}

static Token *
peek (Parser *parser)
{
  return &g_array_index (parser->tokens, Token, parser->next);
}

static gboolean
accept (Parser     *parser,
        TokenKind   kind,
        const char *text)
{
  Token *token = peek (parser);

  if (token->kind != kind || (text != NULL && g_strcmp0 (token->text, text) != 0))
    return FALSE;

  parser->next++;
  return TRUE;
}

static gboolean
accept_word (Parser     *parser,
             const char *word)
{
  return accept (parser, TOKEN_WORD, word);
}

static gboolean
expect_word (Parser      *parser,
             const char  *word,
             GError     **error)
{
  g_autofree char *message = NULL;

  if (accept_word (parser, word))
    return TRUE;

  message = g_strdup_printf (_("Expected “%s”"), word);
  return fail (parser, error, message);
}

static GVariant *
parse_value (Parser  *parser,
             GError **error)
{
  Token *token = peek (parser);
  g_autoptr(GDate) date = NULL;

  switch ((int) token->kind)
    {
    case TOKEN_STRING:
      parser->next++;
      return g_variant_new_string (token->text);

    case TOKEN_INTEGER:
      parser->next++;
      return g_variant_new_int64 (g_ascii_strtoll (token->text, NULL, 10));

    case TOKEN_DECIMAL:
      parser->next++;
      return g_variant_new_double (g_ascii_strtod (token->text, NULL));

    case TOKEN_DATE:
      date = crm_date_parse (token->text);
      if (date == NULL)
        {
          fail (parser, error, _("Not a valid date"));
          return NULL;
        }
      parser->next++;
      return crm_filter_value_new_date (date);

    case TOKEN_WORD:
      if (accept_word (parser, "true"))
        return g_variant_new_boolean (TRUE);
      if (accept_word (parser, "false"))
        return g_variant_new_boolean (FALSE);
      break;

    default:
      break;
    }

  fail (parser, error, _("Expected a value"));
  return NULL;
}

static GVariant *
parse_list (Parser  *parser,
            GError **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) g_variant_unref);

  if (!accept (parser, TOKEN_SYMBOL, "("))
    {
      fail (parser, error, _("Expected a list in parentheses"));
      return NULL;
    }

  do
    {
      GVariant *item = parse_value (parser, error);

      if (item == NULL)
        return NULL;
      g_ptr_array_add (items, g_variant_ref_sink (g_variant_new_variant (item)));
    }
  while (accept (parser, TOKEN_SYMBOL, ","));

  if (!accept (parser, TOKEN_SYMBOL, ")"))
    {
      fail (parser, error, _("Expected “)”"));
      return NULL;
    }

  return g_variant_new_array (G_VARIANT_TYPE_VARIANT, (GVariant **) items->pdata, items->len);
}

static GVariant *
parse_pair (Parser  *parser,
            GError **error)
{
  g_autoptr(GVariant) low = parse_value (parser, error);
  GVariant *high;

  if (low == NULL)
    return NULL;
  g_variant_ref_sink (low);

  if (!expect_word (parser, "and", error))
    return NULL;

  high = parse_value (parser, error);
  if (high == NULL)
    return NULL;

  return g_variant_new ("(vv)", low, high);
}

static gboolean
parse_is (Parser       *parser,
          CrmFilterOp  *op,
          GVariant    **value,
          GError      **error)
{
  if (accept_word (parser, "me"))
    *op = CRM_FILTER_OP_IS_ME;
  else if (accept_word (parser, "empty"))
    *op = CRM_FILTER_OP_IS_EMPTY;
  else if (accept_word (parser, "present"))
    *op = CRM_FILTER_OP_IS_PRESENT;
  else if (accept_word (parser, "one"))
    {
      *op = CRM_FILTER_OP_IS_ONE_OF;
      if (!expect_word (parser, "of", error))
        return FALSE;
      *value = parse_list (parser, error);
    }
  else
    {
      *op = accept_word (parser, "not") ? CRM_FILTER_OP_IS_NOT : CRM_FILTER_OP_IS;
      *value = parse_value (parser, error);
    }

  return crm_filter_op_takes_value (*op) == (*value != NULL);
}

static gboolean
parse_has (Parser       *parser,
           CrmFilterOp  *op,
           GVariant    **value,
           GError      **error)
{
  if (accept_word (parser, "any"))
    *op = CRM_FILTER_OP_HAS_ANY;
  else if (accept_word (parser, "all"))
    *op = CRM_FILTER_OP_HAS_ALL;
  else if (accept_word (parser, "none"))
    *op = CRM_FILTER_OP_HAS_NONE;
  else
    return fail (parser, error, _("Expected “any”, “all” or “none”"));

  if (!expect_word (parser, "of", error))
    return FALSE;

  *value = parse_list (parser, error);
  return *value != NULL;
}

static gboolean
parse_date_value (Parser     *parser,
                  GVariant  **value,
                  GError    **error)
{
  if (peek (parser)->kind != TOKEN_DATE)
    return fail (parser, error, _("Expected a date (YYYY-MM-DD)"));

  *value = parse_value (parser, error);
  return *value != NULL;
}

static gboolean
parse_predicate (Parser       *parser,
                 CrmFilterOp  *op,
                 GVariant    **value,
                 GError      **error)
{
  static const struct { const char *symbol; CrmFilterOp op; } comparisons[] = {
    { "=", CRM_FILTER_OP_IS }, { "!=", CRM_FILTER_OP_IS_NOT },
    { "<", CRM_FILTER_OP_LESS }, { ">", CRM_FILTER_OP_GREATER },
    { "<=", CRM_FILTER_OP_LESS_EQUAL }, { ">=", CRM_FILTER_OP_GREATER_EQUAL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (comparisons); i++)
    {
      if (accept (parser, TOKEN_SYMBOL, comparisons[i].symbol))
        {
          *op = comparisons[i].op;
          *value = parse_value (parser, error);
          return *value != NULL;
        }
    }

  if (accept_word (parser, "is"))
    return parse_is (parser, op, value, error);

  if (accept_word (parser, "has"))
    return parse_has (parser, op, value, error);

  if (accept_word (parser, "contains"))
    {
      *op = CRM_FILTER_OP_CONTAINS;
      *value = parse_value (parser, error);
      return *value != NULL;
    }

  if (accept_word (parser, "does"))
    {
      *op = CRM_FILTER_OP_NOT_CONTAINS;
      if (!expect_word (parser, "not", error) || !expect_word (parser, "contain", error))
        return FALSE;
      *value = parse_value (parser, error);
      return *value != NULL;
    }

  if (accept_word (parser, "between"))
    {
      *op = CRM_FILTER_OP_BETWEEN;
      *value = parse_pair (parser, error);
      return *value != NULL;
    }

  if (accept_word (parser, "within"))
    {
      Token *days = peek (parser);

      *op = CRM_FILTER_OP_WITHIN_DAYS;
      if (days->kind != TOKEN_INTEGER || g_ascii_strtoll (days->text, NULL, 10) < 0)
        return fail (parser, error, _("Expected a number of days"));
      *value = parse_value (parser, error);
      return expect_word (parser, "days", error);
    }

  if (accept_word (parser, "on"))
    *op = CRM_FILTER_OP_ON;
  else if (accept_word (parser, "before"))
    *op = CRM_FILTER_OP_BEFORE;
  else if (accept_word (parser, "after"))
    *op = CRM_FILTER_OP_AFTER;
  else
    return fail (parser, error, _("Expected a comparison"));

  return parse_date_value (parser, value, error);
}

static const char * const keywords[] = {
  "and", "or", "not", "is", "me", "empty", "present", "one", "of", "contains", "does",
  "contain", "between", "on", "before", "after", "within", "days", "has", "any", "all",
  "none", "true", "false", NULL
};

static CrmFilter *parse_expr (Parser  *parser,
                              GError **error);

static CrmFilter *
parse_condition (Parser  *parser,
                 GError **error)
{
  g_autoptr(GVariant) value = NULL;
  Token *field = peek (parser);
  CrmFilterOp op;
  gboolean ok;

  if (field->kind != TOKEN_WORD || g_strv_contains (keywords, field->text) ||
      field->text[0] == '.' || g_str_has_suffix (field->text, "."))
    {
      fail (parser, error, _("Expected a field"));
      return NULL;
    }
  parser->next++;

  /* The value is ours whether or not the rest parses. */
  ok = parse_predicate (parser, &op, &value, error);
  if (value != NULL)
    g_variant_ref_sink (value);
  if (!ok)
    return NULL;

  return crm_filter_new_condition (field->text, op, value);
}

static CrmFilter *
parse_unary (Parser  *parser,
             GError **error)
{
  if (accept_word (parser, "not"))
    {
      g_autoptr(CrmFilter) child = parse_unary (parser, error);
      CrmFilter *group;

      if (child == NULL)
        return NULL;

      group = crm_filter_new_group (CRM_FILTER_NODE_NOT);
      crm_filter_append (group, child);
      return group;
    }

  if (accept (parser, TOKEN_SYMBOL, "("))
    {
      g_autoptr(CrmFilter) inner = parse_expr (parser, error);

      if (inner == NULL)
        return NULL;
      if (!accept (parser, TOKEN_SYMBOL, ")"))
        {
          fail (parser, error, _("Expected “)”"));
          return NULL;
        }
      return g_steal_pointer (&inner);
    }

  return parse_condition (parser, error);
}

/* Adds @child to @group, taking the children of a group of the same kind
 * instead, so that the tree of "a and (b and c)" is that of "a and b and c"
 * and prints the same. */
static void
append_flat (CrmFilter *group,
             CrmFilter *child)
{
  if (crm_filter_get_node (child) != crm_filter_get_node (group))
    {
      crm_filter_append (group, child);
      return;
    }

  for (guint i = 0; i < crm_filter_get_n_children (child); i++)
    crm_filter_append (group, crm_filter_get_child (child, i));
}

static CrmFilter *
parse_sequence (Parser         *parser,
                CrmFilterNode   node,
                GError        **error)
{
  const char *joiner = node == CRM_FILTER_NODE_ALL ? "and" : "or";
  g_autoptr(CrmFilter) group = crm_filter_new_group (node);

  do
    {
      g_autoptr(CrmFilter) child = node == CRM_FILTER_NODE_ALL
        ? parse_unary (parser, error)
        : parse_sequence (parser, CRM_FILTER_NODE_ALL, error);

      if (child == NULL)
        return NULL;
      append_flat (group, child);
    }
  while (accept_word (parser, joiner));

  if (crm_filter_get_n_children (group) == 1)
    return crm_filter_ref (crm_filter_get_child (group, 0));

  return g_steal_pointer (&group);
}

static CrmFilter *
parse_expr (Parser  *parser,
            GError **error)
{
  return parse_sequence (parser, CRM_FILTER_NODE_ANY, error);
}

/**
 * crm_filter_parse:
 * @text: an expression, such as `owner is me and status is "New Lead"`;
 *   "" is the filter every record meets
 * @error: return location for a #GError
 *
 * Reads an expression. It checks the grammar only: whether a field exists
 * for a kind of record, and fits the comparison, is the store's to say.
 *
 * Returns: (transfer full): the filter, or %NULL with
 *   %CRM_FILTER_ERROR_SYNTAX naming where the text went wrong
 */
CrmFilter *
crm_filter_parse (const char  *text,
                  GError     **error)
{
  g_autoptr(GArray) tokens = g_array_new (FALSE, TRUE, sizeof (Token));
  Parser parser = { text, tokens, 0 };
  g_autoptr(CrmFilter) filter = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  g_array_set_clear_func (tokens, token_clear);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CRM_FILTER_ERROR, CRM_FILTER_ERROR_SYNTAX,
                           _("The expression is not valid UTF-8"));
      return NULL;
    }

  if (!tokenize (&parser, error))
    return NULL;

  if (peek (&parser)->kind == TOKEN_END)
    return crm_filter_new ();

  filter = parse_expr (&parser, error);
  if (filter == NULL)
    return NULL;

  if (peek (&parser)->kind != TOKEN_END)
    {
      fail (&parser, error, _("Unexpected text"));
      return NULL;
    }

  /* The root is always a group, so conditions can be added to it. */
  if (crm_filter_get_node (filter) == CRM_FILTER_NODE_CONDITION ||
      crm_filter_get_node (filter) == CRM_FILTER_NODE_NOT)
    {
      CrmFilter *root = crm_filter_new ();

      crm_filter_append (root, filter);
      return root;
    }

  return g_steal_pointer (&filter);
}
