/* crm-bulk-edit.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-bulk-edit"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-bulk-edit.h"
#include "crm-date.h"
#include "crm-status.h"

/* What a bulk edit changes on every customer it is given: the status, the
 * owner, tags to add and remove, and up to three custom attributes. The
 * window puts it together on the main thread; once handed to the store it
 * is only read, from the writer thread. The rules that decide whether one
 * customer can take the edit live here too, so they are tested without a
 * store. */

typedef struct
{
  char             *key;
  CrmAttributeType  type;
  JsonNode         *value;
  char             *text;      /* the value as a person reads it */
} Attribute;

struct _CrmBulkEdit
{
  gatomicrefcount  ref_count;

  char            *status;     /* NULL: left as it is */
  char            *owner;      /* NULL: left; "": nobody; "me"; an email */
  GPtrArray       *added;      /* char *, NULL-terminated */
  GPtrArray       *removed;    /* char *, NULL-terminated */
  Attribute        attributes[CRM_BULK_EDIT_MAX_ATTRIBUTES];
  guint            n_attributes;
};

G_DEFINE_BOXED_TYPE (CrmBulkEdit, crm_bulk_edit, crm_bulk_edit_ref, crm_bulk_edit_unref)

G_DEFINE_QUARK (crm-bulk-edit-error-quark, crm_bulk_edit_error)

/**
 * crm_bulk_edit_new:
 *
 * Returns: (transfer full): an edit that changes nothing yet
 */
CrmBulkEdit *
crm_bulk_edit_new (void)
{
  CrmBulkEdit *self = g_new0 (CrmBulkEdit, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->added = g_ptr_array_new_null_terminated (4, g_free, TRUE);
  self->removed = g_ptr_array_new_null_terminated (4, g_free, TRUE);

  return self;
}

/**
 * crm_bulk_edit_ref:
 * @self: a #CrmBulkEdit
 *
 * Returns: (transfer full): @self
 */
CrmBulkEdit *
crm_bulk_edit_ref (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

static void
attribute_clear (Attribute *attribute)
{
  g_clear_pointer (&attribute->key, g_free);
  g_clear_pointer (&attribute->value, json_node_unref);
  g_clear_pointer (&attribute->text, g_free);
}

/**
 * crm_bulk_edit_unref:
 * @self: (transfer full): a #CrmBulkEdit
 *
 * Drops a reference; the last one may go on either thread.
 */
void
crm_bulk_edit_unref (CrmBulkEdit *self)
{
  g_return_if_fail (self != NULL);

  if (!g_atomic_ref_count_dec (&self->ref_count))
    return;

  for (guint i = 0; i < self->n_attributes; i++)
    attribute_clear (&self->attributes[i]);

  g_ptr_array_unref (self->added);
  g_ptr_array_unref (self->removed);
  g_free (self->status);
  g_free (self->owner);
  g_free (self);
}

/**
 * crm_bulk_edit_set_status:
 * @self: a #CrmBulkEdit
 * @status: (nullable): one of the four lead statuses; %NULL leaves the
 *   status as it is
 * @error: return location for a #GError
 *
 * Returns: %FALSE when a person may not set @status
 */
gboolean
crm_bulk_edit_set_status (CrmBulkEdit  *self,
                          const char   *status,
                          GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (status != NULL && !crm_status_is_person_settable (status))
    {
      g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_STATUS,
                   _("“%s” is set by billing, not by hand"), crm_status_get_label (status));
      return FALSE;
    }

  g_free (self->status);
  self->status = g_strdup (status);

  return TRUE;
}

/**
 * crm_bulk_edit_get_status:
 * @self: a #CrmBulkEdit
 *
 * Returns: (nullable): the status to set, or %NULL
 */
const char *
crm_bulk_edit_get_status (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->status;
}

static gboolean
looks_like_email (const char *text)
{
  const char *at = strchr (text, '@');

  return at != NULL && at != text && at[1] != '\0' && strchr (at + 1, '@') == NULL &&
         strpbrk (text, " \t\n<>,;") == NULL;
}

/**
 * crm_bulk_edit_set_owner:
 * @self: a #CrmBulkEdit
 * @owner: (nullable): an email address, `me` for the profile's own email,
 *   the empty string for nobody, or %NULL to leave the owner as it is
 * @error: return location for a #GError
 *
 * Returns: %FALSE when @owner is none of these
 */
gboolean
crm_bulk_edit_set_owner (CrmBulkEdit  *self,
                         const char   *owner,
                         GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  if (owner != NULL && owner[0] != '\0' && !g_str_equal (owner, "me") &&
      !looks_like_email (owner))
    {
      g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_OWNER,
                   _("“%s” is not an email address"), owner);
      return FALSE;
    }

  g_free (self->owner);
  self->owner = g_strdup (owner);

  return TRUE;
}

/**
 * crm_bulk_edit_get_owner:
 * @self: a #CrmBulkEdit
 *
 * Returns: (nullable): the owner to set (an email, `me`, or empty for
 *   nobody), or %NULL
 */
const char *
crm_bulk_edit_get_owner (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->owner;
}

static gboolean
strv_remove (GPtrArray  *tags,
             const char *tag)
{
  for (guint i = 0; i < tags->len; i++)
    {
      if (g_str_equal (g_ptr_array_index (tags, i), tag))
        {
          g_ptr_array_remove_index (tags, i);
          return TRUE;
        }
    }

  return FALSE;
}

static gboolean
list_tag (GPtrArray   *into,
          GPtrArray   *other,
          const char  *tag,
          GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (tag));

  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_TAG,
                           _("A tag needs a name"));
      return FALSE;
    }

  /* The last word wins: adding a tag takes it off the list to remove. */
  strv_remove (other, stripped);
  if (!g_ptr_array_find_with_equal_func (into, stripped, g_str_equal, NULL))
    g_ptr_array_add (into, g_steal_pointer (&stripped));

  return TRUE;
}

/**
 * crm_bulk_edit_add_tag:
 * @self: a #CrmBulkEdit
 * @tag: a tag to give every customer
 * @error: return location for a #GError
 *
 * Returns: %FALSE when @tag is empty
 */
gboolean
crm_bulk_edit_add_tag (CrmBulkEdit  *self,
                       const char   *tag,
                       GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return list_tag (self->added, self->removed, tag, error);
}

/**
 * crm_bulk_edit_remove_tag:
 * @self: a #CrmBulkEdit
 * @tag: a tag to take from every customer
 * @error: return location for a #GError
 *
 * Returns: %FALSE when @tag is empty
 */
gboolean
crm_bulk_edit_remove_tag (CrmBulkEdit  *self,
                          const char   *tag,
                          GError      **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (tag != NULL, FALSE);

  return list_tag (self->removed, self->added, tag, error);
}

/**
 * crm_bulk_edit_get_added_tags:
 * @self: a #CrmBulkEdit
 *
 * Returns: (transfer none) (array zero-terminated=1): the tags to add
 */
const char * const *
crm_bulk_edit_get_added_tags (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->added->pdata;
}

/**
 * crm_bulk_edit_get_removed_tags:
 * @self: a #CrmBulkEdit
 *
 * Returns: (transfer none) (array zero-terminated=1): the tags to remove
 */
const char * const *
crm_bulk_edit_get_removed_tags (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return (const char * const *) self->removed->pdata;
}

static gboolean
is_attribute_key (const char *key)
{
  if (key == NULL || key[0] == '\0')
    return FALSE;

  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;

  return TRUE;
}

static JsonNode *
parse_number (const char  *text,
              GError     **error)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  gboolean integral = strpbrk (text, ".eE") == NULL;
  char *end = NULL;
  gint64 integer;
  double number;

  errno = 0;
  integer = g_ascii_strtoll (text, &end, 10);
  if (integral && end != text && *end == '\0' && errno == 0)
    {
      json_node_set_int (node, integer);
      return node;
    }

  number = g_ascii_strtod (text, &end);
  if (end != text && *end == '\0' && isfinite (number))
    {
      json_node_set_double (node, number);
      return node;
    }

  json_node_unref (node);
  g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE,
               _("“%s” is not a number"), text);
  return NULL;
}

static JsonNode *
parse_date (const char  *text,
            GError     **error)
{
  g_autoptr(GDate) date = crm_date_parse (text);
  g_autofree char *formatted = NULL;
  JsonNode *node;

  if (date == NULL)
    {
      g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE,
                   _("“%s” is not a date such as 2025-06-30"), text);
      return NULL;
    }

  formatted = crm_date_format (date);
  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_string (node, formatted);

  return node;
}

static gboolean
is_word (const char         *text,
         const char * const *words,
         const char         *translated)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *folded_translated = g_utf8_casefold (translated, -1);

  return g_strv_contains (words, folded) || g_str_equal (folded, folded_translated);
}

static JsonNode *
parse_boolean (const char  *text,
               GError     **error)
{
  static const char * const yes[] = { "yes", "true", "1", NULL };
  static const char * const no[] = { "no", "false", "0", NULL };
  JsonNode *node;

  /* TRANSLATORS: "yes" and "no" are typed as the value of an attribute */
  if (!is_word (text, yes, _("yes")) && !is_word (text, no, _("no")))
    {
      g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE,
                   _("“%s” is neither yes nor no"), text);
      return NULL;
    }

  node = json_node_new (JSON_NODE_VALUE);
  json_node_set_boolean (node, is_word (text, yes, _("yes")));

  return node;
}

/**
 * crm_attribute_parse_value:
 * @type: the type of value wanted
 * @text: what a person typed
 * @error: return location for a #GError
 *
 * Reads a value of @type: a number with a dot for decimals, a date as
 * `YYYY-MM-DD`, yes or no (also true or false), or any text that is not
 * empty. Spaces around it do not count.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with
 *   %CRM_BULK_EDIT_ERROR_VALUE
 */
JsonNode *
crm_attribute_parse_value (CrmAttributeType   type,
                           const char        *text,
                           GError           **error)
{
  g_autofree char *stripped = NULL;
  JsonNode *node;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] == '\0')
    {
      g_set_error_literal (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE,
                           _("Enter a value"));
      return NULL;
    }

  switch (type)
    {
    case CRM_ATTRIBUTE_NUMBER:
      return parse_number (stripped, error);
    case CRM_ATTRIBUTE_DATE:
      return parse_date (stripped, error);
    case CRM_ATTRIBUTE_BOOLEAN:
      return parse_boolean (stripped, error);
    case CRM_ATTRIBUTE_TEXT:
    default:
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, stripped);
      return node;
    }
}

static char *
format_value (CrmAttributeType  type,
              JsonNode         *value,
              const char       *text)
{
  if (type == CRM_ATTRIBUTE_BOOLEAN)
    return g_strdup (json_node_get_boolean (value) ? _("yes") : _("no"));

  if (type == CRM_ATTRIBUTE_DATE)
    return g_strdup (json_node_get_string (value));

  return g_strstrip (g_strdup (text));
}

/**
 * crm_bulk_edit_set_attribute:
 * @self: a #CrmBulkEdit
 * @key: the attribute's name: letters, digits and underscores
 * @type: the type of its value
 * @text: the value, as a person typed it (see crm_attribute_parse_value())
 * @error: return location for a #GError
 *
 * Sets a custom attribute on every customer. Setting the same @key again
 * replaces its value; at most %CRM_BULK_EDIT_MAX_ATTRIBUTES keys.
 *
 * Returns: %FALSE when @key or @text is not valid, or there are too many
 */
gboolean
crm_bulk_edit_set_attribute (CrmBulkEdit       *self,
                             const char        *key,
                             CrmAttributeType   type,
                             const char        *text,
                             GError           **error)
{
  g_autoptr(JsonNode) value = NULL;
  Attribute *attribute = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (type <= CRM_ATTRIBUTE_BOOLEAN, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!is_attribute_key (key))
    {
      g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_ATTRIBUTE,
                   _("“%s” is not an attribute name: use letters, digits and _"), key);
      return FALSE;
    }

  value = crm_attribute_parse_value (type, text, error);
  if (value == NULL)
    return FALSE;

  for (guint i = 0; i < self->n_attributes && attribute == NULL; i++)
    if (g_str_equal (self->attributes[i].key, key))
      attribute = &self->attributes[i];

  if (attribute == NULL)
    {
      if (self->n_attributes == CRM_BULK_EDIT_MAX_ATTRIBUTES)
        {
          g_set_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_ATTRIBUTE,
                       ngettext ("Set at most %u attribute at once",
                                 "Set at most %u attributes at once",
                                 CRM_BULK_EDIT_MAX_ATTRIBUTES),
                       CRM_BULK_EDIT_MAX_ATTRIBUTES);
          return FALSE;
        }
      attribute = &self->attributes[self->n_attributes++];
    }

  attribute_clear (attribute);
  attribute->key = g_strdup (key);
  attribute->type = type;
  attribute->text = format_value (type, value, text);
  attribute->value = g_steal_pointer (&value);

  return TRUE;
}

/**
 * crm_bulk_edit_get_n_attributes:
 * @self: a #CrmBulkEdit
 *
 * Returns: how many attributes the edit sets
 */
guint
crm_bulk_edit_get_n_attributes (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->n_attributes;
}

/**
 * crm_bulk_edit_get_attribute:
 * @self: a #CrmBulkEdit
 * @index: below crm_bulk_edit_get_n_attributes()
 * @key: (out) (optional) (transfer none): the attribute's name
 * @type: (out) (optional): the type of its value
 *
 * Returns: (transfer none): the value
 */
JsonNode *
crm_bulk_edit_get_attribute (CrmBulkEdit       *self,
                             guint              index,
                             const char       **key,
                             CrmAttributeType  *type)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->n_attributes, NULL);

  if (key != NULL)
    *key = self->attributes[index].key;
  if (type != NULL)
    *type = self->attributes[index].type;

  return self->attributes[index].value;
}

/**
 * crm_bulk_edit_is_empty:
 * @self: a #CrmBulkEdit
 *
 * Returns: %TRUE when the edit changes nothing
 */
gboolean
crm_bulk_edit_is_empty (CrmBulkEdit *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  return self->status == NULL && self->owner == NULL && self->added->len == 0 &&
         self->removed->len == 0 && self->n_attributes == 0;
}

/**
 * crm_bulk_edit_check_status:
 * @self: a #CrmBulkEdit
 * @current: (nullable): the customer's status now
 * @reason: (out) (optional) (transfer full): why the customer cannot take
 *   the edit, for a person to read
 *
 * A subscriber status (Active, Past Due, Cancelled) comes from billing: a
 * person cannot put such a customer back to a lead status.
 *
 * Returns: %TRUE when the customer can take the edit's status (or the
 *   edit sets none)
 */
gboolean
crm_bulk_edit_check_status (CrmBulkEdit  *self,
                            const char   *current,
                            char        **reason)
{
  CrmStatusKind kind;

  g_return_val_if_fail (self != NULL, FALSE);

  if (self->status == NULL || current == NULL || g_str_equal (current, self->status))
    return TRUE;

  kind = crm_status_kind_from_string (current);
  if (kind != CRM_STATUS_ACTIVE && kind != CRM_STATUS_PAST_DUE && kind != CRM_STATUS_CANCELLED)
    return TRUE;

  /* TRANSLATORS: %s is a subscriber status such as "Active" */
  if (reason != NULL)
    *reason = g_strdup_printf (_("%s is set by billing"), crm_status_get_label (current));

  return FALSE;
}

static gboolean
type_of_node (JsonNode         *node,
              CrmAttributeType *type)
{
  g_autoptr(GDate) date = NULL;

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *type = CRM_ATTRIBUTE_BOOLEAN;
      return TRUE;
    case G_TYPE_STRING:
      date = crm_date_parse (json_node_get_string (node));
      *type = date != NULL ? CRM_ATTRIBUTE_DATE : CRM_ATTRIBUTE_TEXT;
      return TRUE;
    default:
      *type = CRM_ATTRIBUTE_NUMBER;
      return TRUE;
    }
}

static char *
describe_conflict (const char       *key,
                   gboolean          has_type,
                   CrmAttributeType  held,
                   const char       *text)
{
  if (!has_type)
    return g_strdup_printf (_("“%s” holds several values, not one"), key);

  switch (held)
    {
    case CRM_ATTRIBUTE_NUMBER:
      /* TRANSLATORS: the first %s is an attribute name, the second a value */
      return g_strdup_printf (_("“%s” takes a number, not “%s”"), key, text);
    case CRM_ATTRIBUTE_DATE:
      return g_strdup_printf (_("“%s” takes a date, not “%s”"), key, text);
    case CRM_ATTRIBUTE_BOOLEAN:
      return g_strdup_printf (_("“%s” takes yes or no, not “%s”"), key, text);
    case CRM_ATTRIBUTE_TEXT:
    default:
      return g_strdup_printf (_("“%s” takes text, not “%s”"), key, text);
    }
}

/**
 * crm_bulk_edit_apply_attributes:
 * @self: a #CrmBulkEdit
 * @attributes: a customer's attributes, changed in place
 * @changed: (out) (optional): whether a value changed
 * @reason: (out) (optional) (transfer full): why the customer cannot take
 *   the edit
 *
 * An attribute the customer already holds takes a new value only of the
 * same type (a number stays a number); one it lacks, or holds as null,
 * takes any. On a conflict @attributes is left as it was.
 *
 * Returns: %FALSE on a conflict
 */
gboolean
crm_bulk_edit_apply_attributes (CrmBulkEdit  *self,
                                JsonObject   *attributes,
                                gboolean     *changed,
                                char        **reason)
{
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (attributes != NULL, FALSE);

  for (guint i = 0; i < self->n_attributes; i++)
    {
      Attribute *attribute = &self->attributes[i];
      JsonNode *old = json_object_get_member (attributes, attribute->key);
      CrmAttributeType held = CRM_ATTRIBUTE_TEXT;
      gboolean has_type;

      if (old == NULL || JSON_NODE_HOLDS_NULL (old))
        continue;

      has_type = type_of_node (old, &held);
      if (!has_type || held != attribute->type)
        {
          if (reason != NULL)
            *reason = describe_conflict (attribute->key, has_type, held, attribute->text);
          return FALSE;
        }
    }

  for (guint i = 0; i < self->n_attributes; i++)
    {
      Attribute *attribute = &self->attributes[i];
      JsonNode *old = json_object_get_member (attributes, attribute->key);

      if (old != NULL && json_node_equal (old, attribute->value))
        continue;

      json_object_set_member (attributes, attribute->key, json_node_copy (attribute->value));
      any = TRUE;
    }

  if (changed != NULL)
    *changed = any;

  return TRUE;
}

static gboolean
strv_has (const char * const *strv,
          const char         *text)
{
  return strv != NULL && g_strv_contains (strv, text);
}

/**
 * crm_bulk_edit_apply_tags:
 * @self: a #CrmBulkEdit
 * @current: (nullable) (array zero-terminated=1): the customer's tags now
 * @changed: (out) (optional): whether the tags differ from @current
 *
 * Returns: (transfer full): the customer's tags after the edit, in the
 *   order of @current with the added ones after
 */
GStrv
crm_bulk_edit_apply_tags (CrmBulkEdit         *self,
                          const char * const  *current,
                          gboolean            *changed)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint i = 0; current != NULL && current[i] != NULL; i++)
    {
      if (strv_has (crm_bulk_edit_get_removed_tags (self), current[i]))
        any = TRUE;
      else
        g_strv_builder_add (builder, current[i]);
    }

  for (guint i = 0; i < self->added->len; i++)
    {
      const char *tag = g_ptr_array_index (self->added, i);

      if (strv_has (current, tag))
        continue;

      g_strv_builder_add (builder, tag);
      any = TRUE;
    }

  if (changed != NULL)
    *changed = any;

  return g_strv_builder_end (builder);
}
