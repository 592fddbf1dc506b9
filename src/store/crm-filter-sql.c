/* crm-filter-sql.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-store"

#include "config.h"

#include "crm-date.h"
#include "crm-filter.h"
#include "crm-filter-fields.h"
#include "crm-store-private.h"

/**
 * _crm_search_to_fts_query:
 * @search: what a person typed
 *
 * Makes an FTS5 query in which every word is a quoted prefix, so that no
 * input is read as FTS syntax; the tokenizer folds case and accents.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when @search
 *   holds no word
 */
char *
_crm_search_to_fts_query (const char *search)
{
  g_autoptr(GString) query = g_string_new (NULL);
  const char *p = search;

  if (search == NULL)
    return NULL;

  while (*p != '\0')
    {
      const char *start;

      while (*p != '\0' && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      start = p;
      while (*p != '\0' && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);

      if (p > start)
        {
          g_string_append_printf (query, "%s\"", query->len > 0 ? " " : "");
          g_string_append_len (query, start, p - start);
          g_string_append (query, "\"*");
        }
    }

  if (query->len == 0)
    return NULL;

  return g_string_free (g_steal_pointer (&query), FALSE);
}

typedef struct
{
  CrmStore      *store;
  CrmEntityKind  kind;
  const char    *table;
  GPtrArray     *binds;
  char          *today;
  gboolean       one_row;   /* for a query of one row, inside a job */
} Compiler;

/* Takes @value over, floating or not. */
static void
bind (Compiler *compiler,
      GVariant *value)
{
  g_ptr_array_add (compiler->binds, g_variant_take_ref (value));
}

/* The SQL that yields a field's value for the row being filtered, and the
 * value it binds (a custom attribute's path), if any. A comparison may
 * write the expression more than once: each time, its value is bound
 * again, so that parameters stay in the order of the text. */
typedef struct
{
  char     *text;
  GVariant *bind;
} Expr;

static void
expr_clear (Expr *expr)
{
  g_clear_pointer (&expr->text, g_free);
  g_clear_pointer (&expr->bind, g_variant_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Expr, expr_clear)

static void
put_expr (Compiler   *compiler,
          GString    *sql,
          const Expr *expr)
{
  g_string_append (sql, expr->text);
  if (expr->bind != NULL)
    bind (compiler, g_variant_ref (expr->bind));
}

/* Names are checked against the schema; a custom attribute's key is
 * bound. */
static gboolean
field_sql (Compiler    *compiler,
           const char  *field,
           Expr        *expr,
           GError     **error)
{
  const char *key = crm_filter_fields_custom_key (compiler->kind, field);

  if (key != NULL)
    {
      g_autofree char *path = g_strdup_printf ("$.\"%s\"", key);

      expr->bind = g_variant_ref_sink (g_variant_new_string (path));
      expr->text = g_strdup (compiler->kind == CRM_ENTITY_CUSTOMER
                             ? "json_extract (attributes, ?)" : "json_extract (custom, ?)");
      return TRUE;
    }

  if (compiler->kind == CRM_ENTITY_CUSTOMER)
    {
      if (g_str_equal (field, "last_activity"))
        expr->text = g_strdup ("last_activity_at");
      else if (g_str_equal (field, "idle_since"))
        /* Idle since the last activity, or since the status changed when
         * that came later: a lead just made a Working Lead starts afresh. */
        expr->text = g_strdup ("max (coalesce (last_activity_at, status_changed_at, created_at),"
                               " coalesce (status_changed_at, created_at))");
      else if (g_str_equal (field, "has_open_tasks"))
        expr->text = g_strdup ("EXISTS (SELECT 1 FROM tasks"
                               " WHERE tasks.customer_id = customers.id"
                               " AND tasks.completed_at IS NULL)");
      if (expr->text != NULL)
        return TRUE;
    }

  if (compiler->kind == CRM_ENTITY_TASK && g_str_equal (field, "done"))
    {
      expr->text = g_strdup ("(completed_at IS NOT NULL)");
      return TRUE;
    }

  if (!_crm_table_info_has (compiler->store->tables[compiler->kind], field))
    {
      g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                   "Cannot filter %s by %s", compiler->table, field);
      return FALSE;
    }

  expr->text = g_strdup_printf ("%s.\"%s\"", compiler->table, field);
  return TRUE;
}

static GVariant *
plain_value (GVariant *value)
{
  g_autoptr(GVariant) inner = NULL;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      inner = g_variant_get_variant (value);
      return plain_value (inner);
    }

  if (crm_filter_value_is_date (value))
    {
      g_autoptr(GDate) date = crm_filter_value_dup_date (value);
      g_autofree char *text = crm_date_format (date);

      return g_variant_new_string (text);
    }

  return g_variant_ref (value);
}

static void
append_list (Compiler *compiler,
             GString  *sql,
             GVariant *list)
{
  g_string_append (sql, "(");
  for (gsize i = 0; i < g_variant_n_children (list); i++)
    {
      g_autoptr(GVariant) item = g_variant_get_child_value (list, i);

      g_string_append (sql, i > 0 ? ", ?" : "?");
      bind (compiler, plain_value (item));
    }
  g_string_append (sql, ")");
}

static void
append_tags (Compiler    *compiler,
             GString     *sql,
             CrmFilterOp  op,
             GVariant    *value)
{
  const char *subquery = "SELECT 1 FROM tags WHERE tags.customer_id = customers.id";

  switch ((int) op)
    {
    case CRM_FILTER_OP_IS_EMPTY:
      g_string_append_printf (sql, "NOT EXISTS (%s)", subquery);
      break;
    case CRM_FILTER_OP_IS_PRESENT:
      g_string_append_printf (sql, "EXISTS (%s)", subquery);
      break;
    case CRM_FILTER_OP_HAS_ALL:
      g_string_append (sql, "(SELECT count (DISTINCT tag) FROM tags"
                            " WHERE tags.customer_id = customers.id AND tag IN ");
      append_list (compiler, sql, value);
      g_string_append_printf (sql, ") = %u", (guint) g_variant_n_children (value));
      break;
    default:
      g_string_append_printf (sql, "%s (%s AND tag IN ",
                              op == CRM_FILTER_OP_HAS_NONE ? "NOT EXISTS" : "EXISTS",
                              subquery);
      append_list (compiler, sql, value);
      g_string_append (sql, ")");
    }
}

/* Lists ask for a tags condition as a set of customers of its own (see
 * crm-store-order.c), from the tags table alone: a correlated EXISTS per
 * customer costs a probe for each of 100,000, the set one index range. */
static char *
tags_set_sql (Compiler    *compiler,
              CrmFilterOp  op,
              GVariant    *value,
              gboolean    *negated)
{
  g_autoptr(GString) sql = g_string_new ("SELECT customer_id FROM tags");

  *negated = op == CRM_FILTER_OP_IS_EMPTY || op == CRM_FILTER_OP_HAS_NONE;

  switch ((int) op)
    {
    case CRM_FILTER_OP_IS_EMPTY:
    case CRM_FILTER_OP_IS_PRESENT:
      break;
    case CRM_FILTER_OP_HAS_ALL:
      g_string_append (sql, " WHERE tag IN ");
      append_list (compiler, sql, value);
      g_string_append_printf (sql, " GROUP BY customer_id HAVING count (DISTINCT tag) = %u",
                              (guint) g_variant_n_children (value));
      break;
    default:
      g_string_append (sql, " WHERE tag IN ");
      append_list (compiler, sql, value);
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

static char *
day_offset (GVariant *date,
            int       days)
{
  g_autoptr(GVariant) plain = plain_value (date);
  g_autoptr(GDate) day = crm_date_parse (g_variant_get_string (plain, NULL));

  if (days > 0)
    g_date_add_days (day, days);
  else if (days < 0)
    g_date_subtract_days (day, -days);

  return crm_date_format (day);
}

/* The UTC instant at which the local day @days after @date begins, in the
 * store's timestamp form, so that timestamps compare as text (and through
 * their indexes) with no conversion per row. */
static char *
local_day_start (GVariant *date,
                 int       days)
{
  g_autoptr(GVariant) plain = plain_value (date);
  g_autoptr(GDate) day = crm_date_parse (g_variant_get_string (plain, NULL));
  g_autoptr(GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (days > 0)
    g_date_add_days (day, days);
  else if (days < 0)
    g_date_subtract_days (day, -days);

  local = g_date_time_new (zone, g_date_get_year (day), g_date_get_month (day),
                           g_date_get_day (day), 0, 0, 0);
  utc = g_date_time_to_utc (local);
  return crm_timestamp_format (utc);
}

static GVariant *
today_value (Compiler *compiler)
{
  return g_variant_new_string (compiler->today);
}

/* One end of a span of days: a local day start for timestamps, a date for
 * date fields and custom attributes. */
static GVariant *
day_bound (CrmFieldType  type,
           GVariant     *date,
           int           offset)
{
  if (type == CRM_FIELD_TIMESTAMP)
    return g_variant_new_take_string (local_day_start (date, offset));

  return g_variant_new_take_string (day_offset (date, offset));
}

/* A day, or a span of days, of a date field: [@from, @to) as local day
 * starts for timestamps, [@from, @to - 1] as dates for date fields. */
static void
append_day_span (Compiler     *compiler,
                 GString      *sql,
                 const Expr   *expr,
                 CrmFieldType  type,
                 GVariant     *from,
                 int           from_offset,
                 GVariant     *to,
                 int           to_offset)
{
  if (from != NULL)
    {
      put_expr (compiler, sql, expr);
      g_string_append (sql, " >= ?");
      bind (compiler, day_bound (type, from, from_offset));
    }

  if (from != NULL && to != NULL)
    g_string_append (sql, " AND ");

  if (to != NULL)
    {
      put_expr (compiler, sql, expr);
      g_string_append (sql, " < ?");
      bind (compiler, day_bound (type, to, to_offset));
    }
}

static gboolean
is_date_op (CrmFilterOp  op,
            GVariant    *value)
{
  switch ((int) op)
    {
    case CRM_FILTER_OP_ON:
    case CRM_FILTER_OP_BEFORE:
    case CRM_FILTER_OP_AFTER:
    case CRM_FILTER_OP_WITHIN_DAYS:
      return TRUE;
    case CRM_FILTER_OP_IS:
    case CRM_FILTER_OP_IS_NOT:
      return crm_filter_value_is_date (value);
    case CRM_FILTER_OP_BETWEEN:
      {
        g_autoptr(GVariant) low = g_variant_get_child_value (value, 0);
        g_autoptr(GVariant) inner = g_variant_get_variant (low);

        return crm_filter_value_is_date (inner);
      }
    default:
      return FALSE;
    }
}

/* Dates compare by day: a timestamp is on a day when it falls within that
 * local day, so each comparison becomes a span of instants. */
static void
append_date_comparison (Compiler     *compiler,
                        GString      *sql,
                        const Expr   *field,
                        CrmFieldType  type,
                        CrmFilterOp   op,
                        GVariant     *value)
{
  g_autoptr(GVariant) today = g_variant_ref_sink (today_value (compiler));
  g_autoptr(GVariant) low = NULL;
  g_autoptr(GVariant) high = NULL;
  g_auto(Expr) day = { NULL, NULL };
  const Expr *expr = field;

  /* A custom attribute may hold a date or a timestamp: take its date. */
  if (type == CRM_FIELD_CUSTOM)
    {
      day.text = g_strdup_printf ("date (%s)", field->text);
      day.bind = field->bind != NULL ? g_variant_ref (field->bind) : NULL;
      expr = &day;
    }
  if (type != CRM_FIELD_TIMESTAMP)
    type = CRM_FIELD_DATE;

  g_string_append (sql, "(");
  switch ((int) op)
    {
    case CRM_FILTER_OP_IS:
    case CRM_FILTER_OP_ON:
      append_day_span (compiler, sql, expr, type, value, 0, value, 1);
      break;
    case CRM_FILTER_OP_IS_NOT:
      g_string_append (sql, "NOT coalesce ((");
      append_day_span (compiler, sql, expr, type, value, 0, value, 1);
      g_string_append (sql, "), 0)");
      break;
    case CRM_FILTER_OP_BEFORE:
      append_day_span (compiler, sql, expr, type, NULL, 0, value, 0);
      break;
    case CRM_FILTER_OP_AFTER:
      append_day_span (compiler, sql, expr, type, value, 1, NULL, 0);
      break;
    case CRM_FILTER_OP_BETWEEN:
      low = g_variant_get_child_value (value, 0);
      high = g_variant_get_child_value (value, 1);
      append_day_span (compiler, sql, expr, type, low, 0, high, 1);
      break;
    case CRM_FILTER_OP_WITHIN_DAYS:
      append_day_span (compiler, sql, expr, type,
                       today, -(int) MIN (g_variant_get_int64 (value), 100000),
                       today, 1);
      break;
    default:
      g_assert_not_reached ();
    }
  g_string_append (sql, ")");
}

/* "%text%", with LIKE's wildcards in @value taken literally. */
static GVariant *
like_pattern (GVariant *value)
{
  g_autoptr(GVariant) plain = plain_value (value);
  g_autoptr(GString) pattern = g_string_new ("%");
  const char *text = g_variant_is_of_type (plain, G_VARIANT_TYPE_STRING)
                     ? g_variant_get_string (plain, NULL) : "";

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');

  return g_variant_new_string (pattern->str);
}

/* The SQL of a comparison of @expr. Parameters are bound in the order
 * their "?" are written. */
static void
append_comparison (Compiler     *compiler,
                   GString      *sql,
                   const Expr   *expr,
                   CrmFieldType  type,
                   CrmFilterOp   op,
                   GVariant     *value)
{
  const char *compare = NULL;

  if (value != NULL && is_date_op (op, value))
    {
      append_date_comparison (compiler, sql, expr, type, op, value);
      return;
    }

  switch ((int) op)
    {
    case CRM_FILTER_OP_IS:
      compare = " = ?";
      break;
    case CRM_FILTER_OP_IS_NOT:
      compare = " IS NOT ?";
      break;
    case CRM_FILTER_OP_LESS:
      compare = " < ?";
      break;
    case CRM_FILTER_OP_GREATER:
      compare = " > ?";
      break;
    case CRM_FILTER_OP_LESS_EQUAL:
      compare = " <= ?";
      break;
    case CRM_FILTER_OP_GREATER_EQUAL:
      compare = " >= ?";
      break;
    case CRM_FILTER_OP_IS_ME:
      put_expr (compiler, sql, expr);
      g_string_append (sql, " = (SELECT value FROM settings WHERE key = 'me.email')");
      return;
    /* LIKE folds case as lower () does (ASCII letters) and, unlike
     * instr (lower ()), makes no lowered copy of every row's text. */
    case CRM_FILTER_OP_CONTAINS:
    case CRM_FILTER_OP_NOT_CONTAINS:
      g_string_append (sql, op == CRM_FILTER_OP_CONTAINS ? "(" : "NOT coalesce (");
      put_expr (compiler, sql, expr);
      g_string_append (sql, op == CRM_FILTER_OP_CONTAINS ? " LIKE ? ESCAPE '\\')"
                                                          : " LIKE ? ESCAPE '\\', 0)");
      bind (compiler, like_pattern (value));
      return;
    case CRM_FILTER_OP_IS_EMPTY:
    case CRM_FILTER_OP_IS_PRESENT:
      g_string_append (sql, "(");
      put_expr (compiler, sql, expr);
      g_string_append (sql, op == CRM_FILTER_OP_IS_EMPTY ? " IS NULL OR " : " IS NOT NULL AND ");
      put_expr (compiler, sql, expr);
      g_string_append (sql, op == CRM_FILTER_OP_IS_EMPTY ? " = '')" : " <> '')");
      return;
    case CRM_FILTER_OP_IS_ONE_OF:
      put_expr (compiler, sql, expr);
      g_string_append (sql, " IN ");
      append_list (compiler, sql, value);
      return;
    case CRM_FILTER_OP_BETWEEN:
      {
        g_autoptr(GVariant) low = g_variant_get_child_value (value, 0);
        g_autoptr(GVariant) high = g_variant_get_child_value (value, 1);

        put_expr (compiler, sql, expr);
        g_string_append (sql, " BETWEEN ? AND ?");
        bind (compiler, plain_value (low));
        bind (compiler, plain_value (high));
        return;
      }
    default:
      g_assert_not_reached ();
    }

  put_expr (compiler, sql, expr);
  g_string_append (sql, compare);
  bind (compiler, plain_value (value));
}

/* The forms of a comparison that hold for a customer without the
 * attribute, or with a null one, are read as the complement of their
 * positive form: the customers not among those that meet that. */
static CrmFilterOp
attribute_positive_op (CrmFilterOp  op,
                       gboolean    *negated)
{
  *negated = TRUE;
  switch ((int) op)
    {
    case CRM_FILTER_OP_IS_NOT:
      return CRM_FILTER_OP_IS;
    case CRM_FILTER_OP_NOT_CONTAINS:
      return CRM_FILTER_OP_CONTAINS;
    case CRM_FILTER_OP_IS_EMPTY:
      return CRM_FILTER_OP_IS_PRESENT;
    default:
      *negated = FALSE;
      return op;
    }
}

/* A customer's custom attribute is read from customer_attributes (one row
 * per customer and key, through the index on key and value) rather than
 * from the JSON of every customer. The values there are json_each's, with
 * no affinity, so they compare exactly as json_extract's did. */
static char *
attribute_set_sql (Compiler    *compiler,
                   const char  *key,
                   CrmFilterOp  op,
                   GVariant    *value,
                   gboolean    *negated)
{
  g_autoptr(GString) sql = g_string_new ("SELECT customer_id FROM customer_attributes"
                                         " WHERE key = ? AND (");
  Expr expr = { (char *) "value", NULL };

  bind (compiler, g_variant_new_string (key));
  append_comparison (compiler, sql, &expr, CRM_FIELD_CUSTOM,
                     attribute_positive_op (op, negated), value);
  g_string_append (sql, ")");

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/* The customers that meet the condition are one index range, read once. */
static void
append_attribute_condition (Compiler    *compiler,
                            GString     *sql,
                            const char  *key,
                            CrmFilterOp  op,
                            GVariant    *value)
{
  gboolean negated = FALSE;
  g_autofree char *set = attribute_set_sql (compiler, key, op, value, &negated);

  g_string_append_printf (sql, "customers.id %s (%s)", negated ? "NOT IN" : "IN", set);
}

/* The key of a condition on a customer's custom attribute that the index
 * serves. A filter of one row (a rule matching a customer, inside a job
 * that may defer the index) reads that row's JSON instead. */
static const char *
customer_attribute_key (Compiler  *compiler,
                        CrmFilter *condition)
{
  CrmFilterOp op;

  if (compiler->kind != CRM_ENTITY_CUSTOMER || compiler->one_row)
    return NULL;

  return crm_filter_fields_custom_key (CRM_ENTITY_CUSTOMER,
                                       crm_filter_get_field (condition, &op, NULL));
}

static gboolean
append_node (Compiler   *compiler,
             GString    *sql,
             CrmFilter  *node,
             GError    **error);

static gboolean
append_condition (Compiler   *compiler,
                  GString    *sql,
                  CrmFilter  *condition,
                  GError    **error)
{
  const CrmFieldInfo *info;
  g_auto(Expr) expr = { NULL, NULL };
  GVariant *value = NULL;
  CrmFilterOp op;
  const char *field = crm_filter_get_field (condition, &op, &value);

  info = crm_filter_fields_lookup (compiler->kind, field);
  if (info != NULL && info->type == CRM_FIELD_TAGS)
    {
      append_tags (compiler, sql, op, value);
      return TRUE;
    }

  if (customer_attribute_key (compiler, condition) != NULL)
    {
      append_attribute_condition (compiler, sql, customer_attribute_key (compiler, condition),
                                  op, value);
      return TRUE;
    }

  if (!field_sql (compiler, field, &expr, error))
    return FALSE;

  append_comparison (compiler, sql, &expr, info != NULL ? info->type : CRM_FIELD_TEXT,
                     op, value);
  return TRUE;
}

static gboolean
append_node (Compiler   *compiler,
             GString    *sql,
             CrmFilter  *node,
             GError    **error)
{
  CrmFilterNode kind = crm_filter_get_node (node);
  guint n = crm_filter_get_n_children (node);

  if (kind == CRM_FILTER_NODE_CONDITION)
    return append_condition (compiler, sql, node, error);

  if (crm_filter_is_empty (node))
    {
      g_string_append (sql, "1");
      return TRUE;
    }

  /* NULL (an unknown value) counts as not meeting a condition, so that
   * "not" of it is met. */
  if (kind == CRM_FILTER_NODE_NOT)
    {
      g_string_append (sql, "NOT coalesce ((");
      if (!append_node (compiler, sql, crm_filter_get_child (node, 0), error))
        return FALSE;
      g_string_append (sql, "), 0)");
      return TRUE;
    }

  g_string_append (sql, "(");
  for (guint i = 0, printed = 0; i < n; i++)
    {
      CrmFilter *child = crm_filter_get_child (node, i);

      if (crm_filter_is_empty (child))
        continue;
      if (printed++ > 0)
        g_string_append (sql, kind == CRM_FILTER_NODE_ALL ? " AND " : " OR ");
      if (!append_node (compiler, sql, child, error))
        return FALSE;
    }
  g_string_append (sql, ")");

  return TRUE;
}

/**
 * _crm_filter_set_sql:
 * @self: the store
 * @condition: a condition for which _crm_filter_is_set_condition() holds
 * @binds: (element-type GVariant): receives the values to bind, in order
 * @negated: (out): whether the condition holds for the customers the
 *   query does not yield
 *
 * Compiles a condition on the customers' tags, or on one of their custom
 * attributes, to a query of customer ids over the tags table or the
 * customer_attributes table alone; with @negated, the condition holds for
 * the others.
 *
 * Returns: (transfer full): the query
 */
char *
_crm_filter_set_sql (CrmStore  *self,
                     CrmFilter *condition,
                     GPtrArray *binds,
                     gboolean  *negated)
{
  g_autofree char *today = _crm_store_dup_today (self);
  Compiler compiler = { self, CRM_ENTITY_CUSTOMER, "customers", binds, today, FALSE };
  GVariant *value = NULL;
  CrmFilterOp op;
  const char *key;

  g_assert (_crm_filter_is_set_condition (condition));

  crm_filter_get_field (condition, &op, &value);
  key = customer_attribute_key (&compiler, condition);
  if (key != NULL)
    return attribute_set_sql (&compiler, key, op, value, negated);

  return tags_set_sql (&compiler, op, value, negated);
}

/**
 * _crm_filter_is_set_condition:
 * @node: a node of a customer filter
 *
 * Returns: whether @node is a condition on the tags or on a custom
 *   attribute, which _crm_filter_set_sql() compiles to a set of customers
 */
gboolean
_crm_filter_is_set_condition (CrmFilter *node)
{
  const CrmFieldInfo *info;
  CrmFilterOp op;

  if (crm_filter_get_node (node) != CRM_FILTER_NODE_CONDITION)
    return FALSE;

  info = crm_filter_fields_lookup (CRM_ENTITY_CUSTOMER, crm_filter_get_field (node, &op, NULL));
  return info != NULL && (info->type == CRM_FIELD_TAGS || info->type == CRM_FIELD_CUSTOM);
}

static char *
filter_to_sql (Compiler    *compiler,
               CrmFilter   *filter,
               const char  *search,
               GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *fts = _crm_search_to_fts_query (search);

  if (filter != NULL && !crm_filter_check (filter, compiler->kind, error))
    return NULL;

  if (filter != NULL && !append_node (compiler, sql, filter, error))
    return NULL;

  if (sql->len == 0)
    g_string_append (sql, "1");

  if (fts != NULL)
    {
      if (compiler->kind != CRM_ENTITY_CUSTOMER)
        {
          g_set_error (error, CRM_STORE_ERROR, CRM_STORE_ERROR_INVALID,
                       "Only customers can be searched");
          return NULL;
        }

      g_string_append (sql, " AND id IN (SELECT rowid FROM customer_search"
                            " WHERE customer_search MATCH ?)");
      bind (compiler, g_variant_new_string (fts));
    }

  return g_string_free (g_steal_pointer (&sql), FALSE);
}

/**
 * _crm_filter_to_sql:
 * @self: the store
 * @kind: the kind of record filtered
 * @filter: (nullable): the filter
 * @search: (nullable): words to search for
 * @binds: (element-type GVariant): receives the values to bind, in order
 * @error: return location for a #GError
 *
 * Compiles a filter to a WHERE clause. Names of columns are checked
 * against the schema; every value is a bound parameter.
 *
 * Returns: (transfer full): the clause, or %NULL with @error set
 */
char *
_crm_filter_to_sql (CrmStore       *self,
                    CrmEntityKind   kind,
                    CrmFilter      *filter,
                    const char     *search,
                    GPtrArray      *binds,
                    GError        **error)
{
  g_autofree char *today = _crm_store_dup_today (self);
  Compiler compiler = { self, kind, crm_entity_kind_get_table (kind), binds, today, FALSE };

  return filter_to_sql (&compiler, filter, search, error);
}

/**
 * _crm_filter_to_row_sql:
 * @self: the store
 * @kind: the kind of record filtered
 * @filter: the filter
 * @binds: (element-type GVariant): receives the values to bind, in order
 * @error: return location for a #GError
 *
 * Compiles a filter to a WHERE clause as _crm_filter_to_sql() does, for a
 * query of one row ("WHERE id = ? AND ...") inside a job: conditions on
 * custom attributes read that row's JSON instead of the index of all the
 * customers' attributes, which is cheaper for one row, and right while a
 * bulk job defers the index to its end.
 *
 * Returns: (transfer full): the clause, or %NULL with @error set
 */
char *
_crm_filter_to_row_sql (CrmStore       *self,
                        CrmEntityKind   kind,
                        CrmFilter      *filter,
                        GPtrArray      *binds,
                        GError        **error)
{
  g_autofree char *today = _crm_store_dup_today (self);
  Compiler compiler = { self, kind, crm_entity_kind_get_table (kind), binds, today, TRUE };

  return filter_to_sql (&compiler, filter, NULL, error);
}
