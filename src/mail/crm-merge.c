/* crm-merge.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-merge"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-merge.h"

/**
 * CrmMergeContext:
 *
 * The values of the merge fields for one message, by dotted name such as
 * `contact.first_name`. Build one per recipient with
 * crm_merge_context_new_for(), then render the subject and body with it.
 */

struct _CrmMergeContext
{
  gatomicrefcount  ref_count;
  GHashTable      *values;
};

/**
 * CrmMergeWarning:
 *
 * A field of a template that will render empty, found by crm_merge_check().
 */

struct _CrmMergeWarning
{
  CrmMergeWarningKind  kind;
  char                *field;
  char                *message;
};

G_DEFINE_BOXED_TYPE (CrmMergeContext, crm_merge_context,
                     crm_merge_context_ref, crm_merge_context_unref)
G_DEFINE_BOXED_TYPE (CrmMergeWarning, crm_merge_warning,
                     crm_merge_warning_copy, crm_merge_warning_free)

static const char * const known_fields[] = {
  "customer.name",
  "customer.company",
  "customer.email",
  "customer.website",
  "customer.country",
  "contact.first_name",
  "contact.last_name",
  "contact.full_name",
  "contact.email",
  "contact.title",
  "user.name",
  "user.email",
  NULL
};

/* Token syntax */

static gboolean
is_name_char (char c)
{
  return (c >= 'a' && c <= 'z') || c == '_';
}

/* Reads a name, [a-z_]+(\.[a-z_]+)*, from @p; returns its length, or 0. */
static gsize
scan_name (const char *p)
{
  const char *q = p;

  g_assert (p != NULL);

  for (;;)
    {
      const char *segment = q;

      while (is_name_char (*q))
        q++;
      if (q == segment)
        return 0;
      if (q[0] != '.' || !is_name_char (q[1]))
        return q - p;
      q++;
    }
}

static const char *
skip_spaces (const char *p)
{
  while (*p == ' ' || *p == '\t')
    p++;

  return p;
}

/* Parses a whole `{{ name }}` token at @p. Anything else is plain text. */
static gboolean
parse_token (const char  *p,
             const char **name,
             gsize       *name_len,
             const char **token_end)
{
  const char *q;

  g_assert (p != NULL);

  if (p[0] != '{' || p[1] != '{')
    return FALSE;

  *name = skip_spaces (p + 2);
  *name_len = scan_name (*name);
  if (*name_len == 0)
    return FALSE;

  q = skip_spaces (*name + *name_len);
  if (q[0] != '}' || q[1] != '}')
    return FALSE;

  *token_end = q + 2;

  return TRUE;
}

/* Finds the first token at or after @p; returns its start, or NULL. */
static const char *
find_token (const char  *p,
            const char **name,
            gsize       *name_len,
            const char **token_end)
{
  for (p = strstr (p, "{{"); p != NULL; p = strstr (p + 1, "{{"))
    {
      if (parse_token (p, name, name_len, token_end))
        return p;
    }

  return NULL;
}

static gboolean
is_valid_name (const char *field)
{
  return field != NULL &&
         field[0] != '\0' &&
         scan_name (field) == strlen (field);
}

/* Context */

/**
 * crm_merge_context_new:
 *
 * Creates a context with no values: every field renders empty.
 *
 * Returns: (transfer full): a new #CrmMergeContext
 */
CrmMergeContext *
crm_merge_context_new (void)
{
  CrmMergeContext *self = g_new0 (CrmMergeContext, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->values = g_hash_table_new_full (g_str_hash, g_str_equal,
                                        g_free, g_free);

  return self;
}

static void
set_fields (CrmMergeContext    *self,
            const char * const  fields[][2],
            gsize               n_fields)
{
  for (gsize i = 0; i < n_fields; i++)
    crm_merge_context_set (self, fields[i][0], fields[i][1]);
}

static void
set_customer_fields (CrmMergeContext *self,
                     CrmCustomer     *customer)
{
  const char * const fields[][2] = {
    { "customer.name", crm_customer_get_name (customer) },
    { "customer.company", crm_customer_get_company (customer) },
    { "customer.email", crm_customer_get_email (customer) },
    { "customer.website", crm_customer_get_website (customer) },
    { "customer.country", crm_customer_get_country (customer) },
  };

  set_fields (self, fields, G_N_ELEMENTS (fields));
}

static void
set_contact_fields (CrmMergeContext *self,
                    CrmContact      *contact)
{
  g_autofree char *full_name = crm_contact_dup_full_name (contact);
  const char * const fields[][2] = {
    { "contact.first_name", crm_contact_get_first_name (contact) },
    { "contact.last_name", crm_contact_get_last_name (contact) },
    { "contact.full_name", full_name },
    { "contact.email", crm_contact_get_email (contact) },
    { "contact.title", crm_contact_get_title (contact) },
  };

  set_fields (self, fields, G_N_ELEMENTS (fields));
}

/**
 * crm_merge_context_new_for:
 * @customer: the recipient's customer
 * @contact: (nullable): the recipient, or %NULL to write to the customer
 * @user_name: (nullable): the sender's name
 * @user_email: (nullable): the sender's address
 *
 * Creates a context holding every field of crm_merge_get_known_fields(),
 * taken from @customer, @contact and the sender. Without @contact the
 * `contact.*` fields are empty.
 *
 * Returns: (transfer full): a new #CrmMergeContext
 */
CrmMergeContext *
crm_merge_context_new_for (CrmCustomer *customer,
                           CrmContact  *contact,
                           const char  *user_name,
                           const char  *user_email)
{
  CrmMergeContext *self;

  g_return_val_if_fail (CRM_IS_CUSTOMER (customer), NULL);
  g_return_val_if_fail (contact == NULL || CRM_IS_CONTACT (contact), NULL);

  self = crm_merge_context_new ();

  /* Every known field is set, even when empty, so that a missing contact
   * is reported as an empty field rather than an unknown one. */
  for (guint i = 0; known_fields[i] != NULL; i++)
    crm_merge_context_set (self, known_fields[i], NULL);

  set_customer_fields (self, customer);
  if (contact != NULL)
    set_contact_fields (self, contact);
  crm_merge_context_set (self, "user.name", user_name);
  crm_merge_context_set (self, "user.email", user_email);

  return self;
}

/**
 * crm_merge_context_ref:
 * @self: a #CrmMergeContext
 *
 * Adds a reference to @self.
 *
 * Returns: (transfer full): @self
 */
CrmMergeContext *
crm_merge_context_ref (CrmMergeContext *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);

  return self;
}

/**
 * crm_merge_context_unref:
 * @self: (transfer full): a #CrmMergeContext
 *
 * Drops a reference to @self, freeing it when it was the last one.
 */
void
crm_merge_context_unref (CrmMergeContext *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  g_hash_table_unref (self->values);
  g_free (self);
}

/**
 * crm_merge_context_set:
 * @self: a #CrmMergeContext
 * @field: a field name, such as `contact.first_name`
 * @value: (nullable): the value; %NULL is the same as empty
 *
 * Sets the value of @field, replacing any earlier one. A field set here
 * counts as known for this context even if crm_merge_get_known_fields()
 * does not list it.
 */
void
crm_merge_context_set (CrmMergeContext *self,
                       const char      *field,
                       const char      *value)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (is_valid_name (field));

  g_hash_table_replace (self->values, g_strdup (field),
                        g_strdup (value != NULL ? value : ""));
}

/**
 * crm_merge_context_get:
 * @self: a #CrmMergeContext
 * @field: a field name
 *
 * Gets the value of @field.
 *
 * Returns: (nullable): the value, possibly empty, or %NULL if @field was
 *   never set
 */
const char *
crm_merge_context_get (CrmMergeContext *self,
                       const char      *field)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  return g_hash_table_lookup (self->values, field);
}

/* Warnings */

static CrmMergeWarning *
crm_merge_warning_new (CrmMergeWarningKind  kind,
                       const char          *field)
{
  CrmMergeWarning *self = g_new0 (CrmMergeWarning, 1);

  self->kind = kind;
  self->field = g_strdup (field);

  if (kind == CRM_MERGE_WARNING_EMPTY)
    {
      /* Translators: a merge field of an email template, such as
       * “user.name”, that has no value for this recipient */
      self->message = g_strdup_printf (_("“%s” is empty"), field);
    }
  else
    {
      /* Translators: a merge field of an email template that is misspelt
       * or does not exist, such as “contact.frist_name” */
      self->message = g_strdup_printf (_("“%s” is not a known field"),
                                       field);
    }

  return self;
}

/**
 * crm_merge_warning_copy:
 * @self: a #CrmMergeWarning
 *
 * Copies @self.
 *
 * Returns: (transfer full): a copy of @self
 */
CrmMergeWarning *
crm_merge_warning_copy (CrmMergeWarning *self)
{
  CrmMergeWarning *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmMergeWarning, 1);
  copy->kind = self->kind;
  copy->field = g_strdup (self->field);
  copy->message = g_strdup (self->message);

  return copy;
}

/**
 * crm_merge_warning_free:
 * @self: (transfer full): a #CrmMergeWarning
 *
 * Frees @self.
 */
void
crm_merge_warning_free (CrmMergeWarning *self)
{
  g_return_if_fail (self != NULL);

  g_free (self->field);
  g_free (self->message);
  g_free (self);
}

/**
 * crm_merge_warning_get_kind:
 * @self: a #CrmMergeWarning
 *
 * Gets why the field is reported.
 *
 * Returns: the kind of warning
 */
CrmMergeWarningKind
crm_merge_warning_get_kind (CrmMergeWarning *self)
{
  g_return_val_if_fail (self != NULL, CRM_MERGE_WARNING_EMPTY);

  return self->kind;
}

/**
 * crm_merge_warning_get_field:
 * @self: a #CrmMergeWarning
 *
 * Gets the name of the field, as the template writes it.
 *
 * Returns: the field name
 */
const char *
crm_merge_warning_get_field (CrmMergeWarning *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->field;
}

/**
 * crm_merge_warning_get_message:
 * @self: a #CrmMergeWarning
 *
 * Gets a translated sentence to show the person before sending.
 *
 * Returns: the message
 */
const char *
crm_merge_warning_get_message (CrmMergeWarning *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->message;
}

/* Checking and rendering */

/**
 * crm_merge_get_known_fields:
 *
 * Gets the names of the fields crm_merge_context_new_for() fills, in the
 * order a field picker shows them.
 *
 * Returns: (transfer none) (array zero-terminated=1): the field names
 */
const char * const *
crm_merge_get_known_fields (void)
{
  return known_fields;
}

static gboolean
is_blank (const char *value)
{
  if (value == NULL)
    return TRUE;

  while (g_ascii_isspace (*value))
    value++;

  return *value == '\0';
}

/* Returns the warning @field deserves, or NULL if it renders a value. */
static CrmMergeWarning *
check_field (CrmMergeContext *ctx,
             const char      *field)
{
  g_assert (ctx != NULL);

  if (!g_hash_table_contains (ctx->values, field) &&
      !g_strv_contains (known_fields, field))
    return crm_merge_warning_new (CRM_MERGE_WARNING_UNKNOWN, field);

  if (is_blank (crm_merge_context_get (ctx, field)))
    return crm_merge_warning_new (CRM_MERGE_WARNING_EMPTY, field);

  return NULL;
}

/**
 * crm_merge_check:
 * @template: a subject or body with `{{ field }}` tokens
 * @ctx: the values for one recipient
 *
 * Finds the fields of @template that would render empty: unknown ones and
 * known ones whose value is missing, empty or only white space. Each field
 * is reported once, in the order it first appears.
 *
 * Returns: (transfer full) (element-type CrmMergeWarning): the
 *   warnings, empty when the template can be sent as it is
 */
GPtrArray *
crm_merge_check (const char      *template,
                 CrmMergeContext *ctx)
{
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GHashTable) seen = NULL;
  const char *name;
  gsize name_len;
  const char *end;

  g_return_val_if_fail (template != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);

  warnings = g_ptr_array_new_with_free_func (
      (GDestroyNotify) crm_merge_warning_free);
  seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (const char *p = template;
       find_token (p, &name, &name_len, &end) != NULL;
       p = end)
    {
      g_autofree char *field = g_strndup (name, name_len);
      CrmMergeWarning *warning;

      if (g_hash_table_contains (seen, field))
        continue;

      warning = check_field (ctx, field);
      if (warning != NULL)
        g_ptr_array_add (warnings, warning);

      g_hash_table_add (seen, g_steal_pointer (&field));
    }

  return g_steal_pointer (&warnings);
}

static void
append_html (GString    *out,
             const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        /* &apos; is not HTML 4, which some mail clients still expect */
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

static void
append_header (GString    *out,
               const char *value)
{
  for (const char *p = value; *p != '\0'; p++)
    {
      /* CR LF is one line break: one space */
      if (p[0] == '\r' && p[1] == '\n')
        p++;

      if (*p == '\r' || *p == '\n')
        g_string_append_c (out, ' ');
      else
        g_string_append_c (out, *p);
    }
}

static void
append_value (GString        *out,
              const char     *value,
              CrmMergeEscape  escape)
{
  switch (escape)
    {
    case CRM_MERGE_ESCAPE_HTML:
      append_html (out, value);
      break;

    case CRM_MERGE_ESCAPE_HEADER:
      append_header (out, value);
      break;

    case CRM_MERGE_ESCAPE_NONE:
    default:
      g_string_append (out, value);
      break;
    }
}

/**
 * crm_merge_render:
 * @template: a subject or body with `{{ field }}` tokens
 * @ctx: the values for one recipient
 * @escape: how to escape the values
 *
 * Replaces each token of @template with its field's value, escaped for
 * @escape. A token is `{{`, optional spaces, a name such as
 * `contact.first_name`, optional spaces and `}}`; any other text, such as a
 * lone `{` or `{{ 5 }}`, stays as it is. Unknown and empty fields render as
 * nothing, and the text around them is kept, except that white space at the
 * very end of the result is removed so that a trailing empty field leaves
 * no trailing space. Values are not searched for tokens.
 *
 * The result depends only on @template, @ctx and @escape, so a message to
 * several recipients gives each the bytes a single send would.
 *
 * Returns: (transfer full): the rendered text
 */
char *
crm_merge_render (const char      *template,
                  CrmMergeContext *ctx,
                  CrmMergeEscape   escape)
{
  g_autoptr(GString) out = NULL;
  const char *p = template;
  const char *start;
  const char *name;
  gsize name_len;
  const char *end;

  g_return_val_if_fail (template != NULL, NULL);
  g_return_val_if_fail (ctx != NULL, NULL);
  g_return_val_if_fail (escape <= CRM_MERGE_ESCAPE_HEADER, NULL);

  out = g_string_sized_new (strlen (template));

  while ((start = find_token (p, &name, &name_len, &end)) != NULL)
    {
      g_autofree char *field = g_strndup (name, name_len);
      const char *value = crm_merge_context_get (ctx, field);

      g_string_append_len (out, p, start - p);
      if (value != NULL)
        append_value (out, value, escape);
      p = end;
    }
  g_string_append (out, p);

  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);

  return g_string_free (g_steal_pointer (&out), FALSE);
}
