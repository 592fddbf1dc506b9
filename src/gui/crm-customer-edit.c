/* crm-customer-edit.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer-edit"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "crm-core.h"
#include "crm-customer-format.h"

#include "crm-customer-edit.h"

/* The customer editor's decisions: how a field reads back what was typed,
 * what is refused and why (the messages show on the field), and which
 * columns a save writes. Only what changed is written, so that Undo and
 * the outbox see the edit and nothing more. */

typedef struct
{
  const char *column;
  const char *title;
  gboolean    nullable;
} FieldInfo;

static const FieldInfo fields[CRM_CUSTOMER_N_FIELDS] = {
  [CRM_CUSTOMER_FIELD_NAME] = { "name", N_("_Name"), FALSE },
  [CRM_CUSTOMER_FIELD_COMPANY] = { "company", N_("_Company"), FALSE },
  [CRM_CUSTOMER_FIELD_EMAIL] = { "email", N_("_Email"), FALSE },
  [CRM_CUSTOMER_FIELD_WEBSITE] = { "website", N_("_Website"), TRUE },
  [CRM_CUSTOMER_FIELD_LINKEDIN] = { "linkedin", N_("_LinkedIn"), TRUE },
  [CRM_CUSTOMER_FIELD_STREET] = { "street", N_("_Street"), TRUE },
  [CRM_CUSTOMER_FIELD_CITY] = { "city", N_("C_ity"), TRUE },
  [CRM_CUSTOMER_FIELD_ZIP] = { "zip", N_("_ZIP Code"), TRUE },
  [CRM_CUSTOMER_FIELD_STATE] = { "state", N_("State or _Region"), TRUE },
  [CRM_CUSTOMER_FIELD_COUNTRY] = { "country", N_("Coun_try"), TRUE },
  [CRM_CUSTOMER_FIELD_OWNER] = { "owner", N_("_Owner"), TRUE },
};

static gboolean
is_set (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/**
 * crm_customer_edit_get_column:
 * @field: a field
 *
 * Returns: (transfer none): the column of `customers` it edits
 */
const char *
crm_customer_edit_get_column (CrmCustomerField field)
{
  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, NULL);

  return fields[field].column;
}

/**
 * crm_customer_edit_get_title:
 * @field: a field
 *
 * Returns: (transfer none): the field's title, translated, with a mnemonic
 */
const char *
crm_customer_edit_get_title (CrmCustomerField field)
{
  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, NULL);

  return _(fields[field].title);
}

/**
 * crm_customer_edit_dup_text:
 * @customer: (nullable): a customer, %NULL for a new one
 * @field: a field
 *
 * Returns: (transfer full): the text the field starts with
 */
char *
crm_customer_edit_dup_text (CrmCustomer      *customer,
                            CrmCustomerField  field)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (customer == NULL || CRM_IS_CUSTOMER (customer), NULL);
  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, NULL);

  if (customer == NULL)
    return g_strdup ("");

  g_object_get (customer, fields[field].column, &value, NULL);

  return value != NULL ? g_steal_pointer (&value) : g_strdup ("");
}

static gboolean
refuse (GError     **error,
        const char  *message)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

/* A web address needs a host with a dot in it: "orchard" is a typo more
 * often than an intranet. */
static gboolean
has_dotted_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;
  const char *dot;

  if (!is_set (host))
    return FALSE;

  dot = strrchr (host, '.');
  return dot != NULL && dot != host && dot[1] != '\0';
}

static gboolean
check_website (const char  *text,
               GError     **error)
{
  g_autofree char *uri = crm_customer_format_web_uri (text);

  if (uri == NULL || !has_dotted_host (uri))
    return refuse (error, _("Not a web address, such as orchard.example.com"));

  return TRUE;
}

static gboolean
is_linkedin_host (const char *uri)
{
  g_autoptr(GUri) parsed = g_uri_parse (uri, G_URI_FLAGS_PARSE_RELAXED, NULL);
  const char *host = parsed != NULL ? g_uri_get_host (parsed) : NULL;

  return host != NULL &&
         (g_ascii_strcasecmp (host, "linkedin.com") == 0 ||
          g_str_has_suffix (host, ".linkedin.com"));
}

static gboolean
check_linkedin (const char  *text,
                GError     **error)
{
  g_autofree char *uri = crm_customer_format_linkedin_uri (text);

  if (uri == NULL || !is_linkedin_host (uri))
    return refuse (error, _("Not a LinkedIn page, such as /company/orchard"));

  return TRUE;
}

static gboolean
check_country (const char  *text,
               char       **value,
               GError     **error)
{
  g_autofree char *code = crm_country_find_code (text);

  if (code == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("No such country: type a code such as AT, or a name"));
      return FALSE;
    }

  *value = g_steal_pointer (&code);
  return TRUE;
}

/**
 * crm_customer_edit_check:
 * @field: a field
 * @text: what was typed
 * @value: (out) (optional) (transfer full) (nullable): the value to store,
 *   %NULL for an empty field
 * @error: return location for a #GError, with a message to show on the
 *   field
 *
 * Reads a field: spaces around it do not count; an email must look like
 * one, a website and a LinkedIn page must be addresses that open, a
 * country an ISO 3166 code or a country's name (stored as its code), an
 * owner a user's email. Any field may be left empty.
 *
 * Returns: %FALSE when @text cannot be stored in @field
 */
gboolean
crm_customer_edit_check (CrmCustomerField   field,
                         const char        *text,
                         char             **value,
                         GError           **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *normal = NULL;

  g_return_val_if_fail (field < CRM_CUSTOMER_N_FIELDS, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  stripped = g_strstrip (g_strdup (text));
  if (stripped[0] != '\0')
    {
      switch (field)
        {
        case CRM_CUSTOMER_FIELD_EMAIL:
          if (!crm_customer_email_is_valid (stripped))
            return refuse (error, _("Not an email address, such as name@example.com"));
          break;

        case CRM_CUSTOMER_FIELD_OWNER:
          if (!crm_routing_owner_is_valid (stripped))
            return refuse (error, _("An owner is a user’s email address"));
          break;

        case CRM_CUSTOMER_FIELD_WEBSITE:
          if (!check_website (stripped, error))
            return FALSE;
          break;

        case CRM_CUSTOMER_FIELD_LINKEDIN:
          if (!check_linkedin (stripped, error))
            return FALSE;
          break;

        case CRM_CUSTOMER_FIELD_COUNTRY:
          if (!check_country (stripped, &normal, error))
            return FALSE;
          break;

        default:
          break;
        }
    }

  if (value != NULL)
    {
      if (normal != NULL)
        *value = g_steal_pointer (&normal);
      else
        *value = stripped[0] != '\0' ? g_steal_pointer (&stripped) : NULL;
    }

  return TRUE;
}

static void
insert_value (GVariantDict     *dict,
              CrmCustomerField  field,
              const char       *value)
{
  if (fields[field].nullable)
    g_variant_dict_insert (dict, fields[field].column, "ms", value);
  else
    g_variant_dict_insert (dict, fields[field].column, "s", value != NULL ? value : "");
}

static gboolean
attributes_differ (CrmCustomer *customer,
                   JsonObject  *attributes)
{
  g_autoptr(JsonNode) old = json_node_new (JSON_NODE_OBJECT);
  g_autoptr(JsonNode) new = json_node_new (JSON_NODE_OBJECT);
  JsonObject *stored = customer != NULL ? crm_customer_get_attributes (customer) : NULL;

  if (stored == NULL)
    return json_object_get_size (attributes) > 0;

  json_node_set_object (old, stored);
  json_node_set_object (new, attributes);

  return !json_node_equal (old, new);
}

static char *
dup_attributes_json (JsonObject *attributes)
{
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, attributes);
  return json_to_string (node, FALSE);
}

/**
 * crm_customer_edit_build_fields:
 * @customer: (nullable): the customer as stored, %NULL for a new one
 * @texts: (array fixed-size=11): what each #CrmCustomerField holds
 * @attributes: (nullable): the custom attributes as edited, %NULL when
 *   they were not
 * @bad_field: (out) (optional): on failure, the first field refused
 * @error: return location for a #GError, with a message for that field
 *
 * Reads every field and keeps the columns whose value differs from
 * @customer's (for a new customer, those that are set). A customer needs
 * a name, a company or an email to be found again.
 *
 * Returns: (transfer floating) (nullable): the columns to write, a{sv},
 *   possibly empty; %NULL with @error set when a field is refused
 */
GVariant *
crm_customer_edit_build_fields (CrmCustomer       *customer,
                                const char *const *texts,
                                JsonObject        *attributes,
                                CrmCustomerField  *bad_field,
                                GError           **error)
{
  char *values[CRM_CUSTOMER_N_FIELDS] = { NULL, };
  GVariantDict dict;

  g_return_val_if_fail (customer == NULL || CRM_IS_CUSTOMER (customer), NULL);
  g_return_val_if_fail (texts != NULL, NULL);

  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    {
      if (!crm_customer_edit_check (i, texts[i], &values[i], error))
        {
          if (bad_field != NULL)
            *bad_field = i;
          for (guint j = 0; j < i; j++)
            g_free (values[j]);
          return NULL;
        }
    }

  if (values[CRM_CUSTOMER_FIELD_NAME] == NULL && values[CRM_CUSTOMER_FIELD_COMPANY] == NULL &&
      values[CRM_CUSTOMER_FIELD_EMAIL] == NULL)
    {
      if (bad_field != NULL)
        *bad_field = CRM_CUSTOMER_FIELD_NAME;
      for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
        g_free (values[i]);
      refuse (error, _("Enter a name, a company or an email"));
      return NULL;
    }

  g_variant_dict_init (&dict, NULL);
  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    {
      g_autofree char *value = values[i];
      g_autofree char *old = crm_customer_edit_dup_text (customer, i);

      if (g_strcmp0 (value != NULL ? value : "", old) != 0)
        insert_value (&dict, i, value);
    }

  if (attributes != NULL && attributes_differ (customer, attributes))
    {
      g_autofree char *json = dup_attributes_json (attributes);

      g_variant_dict_insert (&dict, "attributes", "s", json);
    }

  return g_variant_dict_end (&dict);
}

/**
 * crm_customer_edit_check_tag:
 * @text: a tag as typed
 * @tags: (nullable) (array zero-terminated=1): the tags the customer has
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the tag to add, without spaces
 *   around it; %NULL with @error when it is empty or already there
 */
char *
crm_customer_edit_check_tag (const char        *text,
                             const char *const *tags,
                             GError           **error)
{
  g_autofree char *tag = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  tag = g_strstrip (g_strdup (text));
  if (tag[0] == '\0')
    {
      refuse (error, _("A tag needs a name"));
      return NULL;
    }

  if (tags != NULL && g_strv_contains (tags, tag))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                   /* Translators: %s is a tag */
                   _("The customer is already tagged “%s”"), tag);
      return NULL;
    }

  return g_steal_pointer (&tag);
}

/**
 * crm_customer_edit_tags_differ:
 * @a: (nullable) (array zero-terminated=1): tags
 * @b: (nullable) (array zero-terminated=1): tags
 *
 * Returns: %TRUE unless @a and @b hold the same tags, in any order
 */
gboolean
crm_customer_edit_tags_differ (const char *const *a,
                               const char *const *b)
{
  guint n_a = a != NULL ? g_strv_length ((char **) a) : 0;
  guint n_b = b != NULL ? g_strv_length ((char **) b) : 0;

  if (n_a != n_b)
    return TRUE;

  for (guint i = 0; i < n_a; i++)
    if (!g_strv_contains (b, a[i]))
      return TRUE;

  return FALSE;
}

/* The server keeps custom attributes under "custom", beside its own
 * objects; the book keeps them at the top. Either is edited where it is. */
static JsonObject *
get_custom (JsonObject *attributes)
{
  JsonNode *custom = json_object_get_member (attributes, "custom");

  return custom != NULL && JSON_NODE_HOLDS_OBJECT (custom) ? json_node_get_object (custom)
                                                           : NULL;
}

static gboolean
is_editable_key (JsonObject *object,
                 const char *key)
{
  JsonNode *node = json_object_get_member (object, key);
  CrmAttributeType type;

  return !g_str_equal (key, "tags") && !g_str_equal (key, "custom") &&
         crm_customer_edit_attribute_type (node, &type);
}

static void
add_keys (GStrvBuilder *builder,
          JsonObject   *object)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (const GList *l = members; l != NULL; l = l->next)
    if (is_editable_key (object, l->data))
      g_strv_builder_add (builder, l->data);
}

/**
 * crm_customer_edit_list_attributes:
 * @attributes: a customer's attributes
 *
 * Lists the attributes a person can edit: those that hold one value (text,
 * a number, a date, yes or no), at the top or under `custom`. Lists and
 * objects, and the tags, are kept as they are.
 *
 * Returns: (transfer full): their keys, in the order stored
 */
GStrv
crm_customer_edit_list_attributes (JsonObject *attributes)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonObject *custom;

  g_return_val_if_fail (attributes != NULL, NULL);

  add_keys (builder, attributes);
  custom = get_custom (attributes);
  if (custom != NULL)
    add_keys (builder, custom);

  return g_strv_builder_end (builder);
}

static JsonObject *
find_holder (JsonObject *attributes,
             const char *key)
{
  JsonObject *custom = get_custom (attributes);

  if (json_object_has_member (attributes, key) && !g_str_equal (key, "custom"))
    return attributes;

  if (custom != NULL && json_object_has_member (custom, key))
    return custom;

  return NULL;
}

/**
 * crm_customer_edit_get_attribute:
 * @attributes: a customer's attributes
 * @key: an attribute's key
 *
 * Returns: (transfer none) (nullable): its value, wherever it is kept
 */
JsonNode *
crm_customer_edit_get_attribute (JsonObject *attributes,
                                 const char *key)
{
  JsonObject *holder;

  g_return_val_if_fail (attributes != NULL && key != NULL, NULL);

  holder = find_holder (attributes, key);
  return holder != NULL ? json_object_get_member (holder, key) : NULL;
}

/**
 * crm_customer_edit_attribute_type:
 * @node: (nullable): an attribute's value
 * @type: (out): its type
 *
 * A string that reads as a date is a date; null counts as text.
 *
 * Returns: %FALSE when @node holds a list or an object
 */
gboolean
crm_customer_edit_attribute_type (JsonNode         *node,
                                  CrmAttributeType *type)
{
  g_autoptr(GDate) date = NULL;

  g_return_val_if_fail (type != NULL, FALSE);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    {
      *type = CRM_ATTRIBUTE_TEXT;
      return TRUE;
    }

  if (!JSON_NODE_HOLDS_VALUE (node))
    return FALSE;

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      *type = CRM_ATTRIBUTE_BOOLEAN;
      break;
    case G_TYPE_STRING:
      date = crm_date_parse (json_node_get_string (node));
      *type = date != NULL ? CRM_ATTRIBUTE_DATE : CRM_ATTRIBUTE_TEXT;
      break;
    default:
      *type = CRM_ATTRIBUTE_NUMBER;
      break;
    }

  return TRUE;
}

/**
 * crm_customer_edit_attribute_text:
 * @node: (nullable): an attribute's value
 *
 * Returns: (transfer full): the value as a person edits it: numbers
 *   without grouping, dates as `YYYY-MM-DD`, yes or no
 */
char *
crm_customer_edit_attribute_text (JsonNode *node)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return g_strdup ("");

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return g_strdup (json_node_get_boolean (node) ? _("yes") : _("no"));
    case G_TYPE_INT64:
      return g_strdup_printf ("%" G_GINT64_FORMAT, json_node_get_int (node));
    case G_TYPE_DOUBLE:
      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, "%.15g",
                                        json_node_get_double (node)));
    case G_TYPE_STRING:
      return g_strdup (json_node_get_string (node));
    default:
      return g_strdup ("");
    }
}

static gboolean
is_attribute_key (const char *key)
{
  g_autofree char *field = g_strconcat ("attr.", key, NULL);

  return crm_filter_fields_custom_key (CRM_ENTITY_CUSTOMER, field) != NULL &&
         !g_str_equal (key, "tags") && !g_str_equal (key, "custom");
}

/**
 * crm_customer_edit_set_attribute:
 * @attributes: a customer's attributes, changed in place
 * @key: the attribute's key: letters, digits and underscores, so that
 *   lists can filter by it
 * @type: the type of its value
 * @text: the value as typed (see crm_attribute_parse_value())
 * @error: return location for a #GError
 *
 * Sets an attribute where it is kept, a new one at the top.
 *
 * Returns: %FALSE with @error when @key or @text is refused
 */
gboolean
crm_customer_edit_set_attribute (JsonObject        *attributes,
                                 const char        *key,
                                 CrmAttributeType   type,
                                 const char        *text,
                                 GError           **error)
{
  JsonObject *holder;
  JsonNode *value;

  g_return_val_if_fail (attributes != NULL, FALSE);
  g_return_val_if_fail (key != NULL && text != NULL, FALSE);

  if (!is_attribute_key (key))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   key[0] == '\0'
                   ? _("Enter the attribute’s name")
                   /* Translators: %s is what was typed as an attribute's name */
                   : _("“%s” is not an attribute name: use letters, digits and _"),
                   key);
      return FALSE;
    }

  value = crm_attribute_parse_value (type, text, error);
  if (value == NULL)
    return FALSE;

  holder = find_holder (attributes, key);
  json_object_set_member (holder != NULL ? holder : attributes, key, value);

  return TRUE;
}

/**
 * crm_customer_edit_remove_attribute:
 * @attributes: a customer's attributes, changed in place
 * @key: an attribute's key
 *
 * Removes the attribute wherever it is kept.
 */
void
crm_customer_edit_remove_attribute (JsonObject *attributes,
                                    const char *key)
{
  JsonObject *holder;

  g_return_if_fail (attributes != NULL && key != NULL);

  holder = find_holder (attributes, key);
  if (holder != NULL)
    json_object_remove_member (holder, key);
}
