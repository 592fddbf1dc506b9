/* crm-customer.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-customer"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-core-enums.h"
#include "crm-record-private.h"
#include "crm-customer.h"

/**
 * CrmCustomer:
 *
 * A customer: a lead or a subscriber, as a company or a person. Its
 * properties are the columns of the `customers` table; see #CrmRecord.
 * It also carries its tags and the kind of its status.
 */

struct _CrmCustomer
{
  CrmRecord   parent_instance;

  char       *uuid;
  char       *external_id;
  char       *name;
  char       *company;
  char       *email;
  char       *status;
  char       *owner;
  char       *website;
  char       *linkedin;
  char       *street;
  char       *city;
  char       *zip;
  char       *state;
  char       *country;
  GDateTime  *lead_created_at;
  GDateTime  *free_trial_started_at;
  char       *customer_since;
  JsonObject *attributes;
  GDateTime  *last_activity_at;
  GDateTime  *status_changed_at;
  GDateTime  *created_at;
  GDateTime  *updated_at;

  GStrv          tags;
  CrmStatusKind  status_kind;
};

G_DEFINE_FINAL_TYPE (CrmCustomer, crm_customer, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmCustomer, uuid, STRING),
  CRM_FIELD (CrmCustomer, external_id, STRING),
  CRM_FIELD_TEXT (CrmCustomer, name, ""),
  CRM_FIELD_TEXT (CrmCustomer, company, ""),
  CRM_FIELD_TEXT (CrmCustomer, email, ""),
  CRM_FIELD_TEXT (CrmCustomer, status, "New Lead"),
  CRM_FIELD (CrmCustomer, owner, STRING),
  CRM_FIELD (CrmCustomer, website, STRING),
  CRM_FIELD (CrmCustomer, linkedin, STRING),
  CRM_FIELD (CrmCustomer, street, STRING),
  CRM_FIELD (CrmCustomer, city, STRING),
  CRM_FIELD (CrmCustomer, zip, STRING),
  CRM_FIELD (CrmCustomer, state, STRING),
  CRM_FIELD (CrmCustomer, country, STRING),
  CRM_FIELD (CrmCustomer, lead_created_at, DATETIME),
  CRM_FIELD (CrmCustomer, free_trial_started_at, DATETIME),
  CRM_FIELD (CrmCustomer, customer_since, STRING),
  CRM_FIELD (CrmCustomer, attributes, JSON),
  CRM_FIELD (CrmCustomer, last_activity_at, DATETIME),
  CRM_FIELD (CrmCustomer, status_changed_at, DATETIME),
  CRM_FIELD (CrmCustomer, created_at, DATETIME),
  CRM_FIELD (CrmCustomer, updated_at, DATETIME),
};

/* Property ids 1 to G_N_ELEMENTS (fields) are the columns. */
enum {
  PROP_TAGS = G_N_ELEMENTS (fields) + 1,
  PROP_STATUS_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
crm_customer_set_tags (CrmCustomer        *self,
                       const char * const *tags)
{
  static const char * const no_tags[] = { NULL };

  g_assert (CRM_IS_CUSTOMER (self));

  if (tags == NULL)
    tags = no_tags;
  if (g_strv_equal ((const char * const *) self->tags, tags))
    return;

  g_strfreev (self->tags);
  self->tags = g_strdupv ((char **) tags);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TAGS]);
}

static void
crm_customer_update_status_kind (CrmCustomer *self)
{
  CrmStatusKind kind = crm_status_kind_from_string (self->status);

  if (kind == self->status_kind)
    return;

  self->status_kind = kind;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS_KIND]);
}

static void
crm_customer_finalize (GObject *object)
{
  CrmCustomer *self = CRM_CUSTOMER (object);

  g_clear_pointer (&self->tags, g_strfreev);

  G_OBJECT_CLASS (crm_customer_parent_class)->finalize (object);
}

static void
crm_customer_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CrmCustomer *self = CRM_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_TAGS:
      g_value_set_boxed (value, self->tags);
      break;

    case PROP_STATUS_KIND:
      g_value_set_enum (value, self->status_kind);
      break;

    default:
      _crm_record_get_field (object, prop_id, value, pspec);
    }
}

static void
crm_customer_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  CrmCustomer *self = CRM_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_TAGS:
      crm_customer_set_tags (self, g_value_get_boxed (value));
      break;

    default:
      _crm_record_set_field (object, prop_id, value, pspec);
      crm_customer_update_status_kind (self);
    }
}

static void
crm_customer_class_init (CrmCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  _crm_record_class_install_fields (object_class, fields, G_N_ELEMENTS (fields));

  object_class->finalize = crm_customer_finalize;
  object_class->get_property = crm_customer_get_property;
  object_class->set_property = crm_customer_set_property;

  /**
   * CrmCustomer:tags:
   *
   * The customer's tags, from the `tags` table; empty when it has none.
   */
  properties[PROP_TAGS] =
    g_param_spec_boxed ("tags", NULL, NULL,
                        G_TYPE_STRV,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                         G_PARAM_STATIC_STRINGS));

  /**
   * CrmCustomer:status-kind:
   *
   * The kind of #CrmCustomer:status; it changes with it.
   */
  properties[PROP_STATUS_KIND] =
    g_param_spec_enum ("status-kind", NULL, NULL,
                       CRM_TYPE_STATUS_KIND,
                       CRM_STATUS_NEW_LEAD,
                       (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                        G_PARAM_STATIC_STRINGS));

  g_object_class_install_property (object_class, PROP_TAGS, properties[PROP_TAGS]);
  g_object_class_install_property (object_class, PROP_STATUS_KIND,
                                   properties[PROP_STATUS_KIND]);
}

static void
crm_customer_init (CrmCustomer *self)
{
  self->tags = g_new0 (char *, 1);
  self->status_kind = CRM_STATUS_NEW_LEAD;
}

/**
 * crm_customer_get_display_name:
 * @self: a #CrmCustomer
 *
 * Gets the text that names the customer in lists and titles: the name,
 * else the company, else the email address, else a placeholder.
 *
 * Returns: (transfer none): the name to show
 */
const char *
crm_customer_get_display_name (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  if (self->name != NULL && self->name[0] != '\0')
    return self->name;
  if (self->company != NULL && self->company[0] != '\0')
    return self->company;
  if (self->email != NULL && self->email[0] != '\0')
    return self->email;

  return _("Unnamed customer");
}

/**
 * crm_customer_get_tags:
 * @self: a #CrmCustomer
 *
 * Gets the customer's tags.
 *
 * Returns: (transfer none) (array zero-terminated=1): the tags, possibly none
 */
const char * const *
crm_customer_get_tags (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return (const char * const *) self->tags;
}

/**
 * crm_customer_get_status_kind:
 * @self: a #CrmCustomer
 *
 * Gets the kind of the customer's status.
 *
 * Returns: the kind, %CRM_STATUS_OTHER for a status the app does not know
 */
CrmStatusKind
crm_customer_get_status_kind (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), CRM_STATUS_OTHER);

  return self->status_kind;
}

/**
 * crm_customer_get_uuid:
 * @self: a #CrmCustomer
 *
 * Gets the server's id.
 *
 * Returns: (nullable): the uuid, or %NULL until the record is synced
 */
const char *
crm_customer_get_uuid (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->uuid;
}

/**
 * crm_customer_get_external_id:
 * @self: a #CrmCustomer
 *
 * Gets the id made here when the customer was created; it never changes.
 *
 * Returns: the external id
 */
const char *
crm_customer_get_external_id (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->external_id;
}

/**
 * crm_customer_get_name:
 * @self: a #CrmCustomer
 *
 * Gets the customer's name.
 *
 * Returns: the name, possibly empty
 */
const char *
crm_customer_get_name (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->name;
}

/**
 * crm_customer_get_company:
 * @self: a #CrmCustomer
 *
 * Gets the company's name.
 *
 * Returns: the company, possibly empty
 */
const char *
crm_customer_get_company (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->company;
}

/**
 * crm_customer_get_email:
 * @self: a #CrmCustomer
 *
 * Gets the main email address.
 *
 * Returns: the address, possibly empty
 */
const char *
crm_customer_get_email (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->email;
}

/**
 * crm_customer_get_status:
 * @self: a #CrmCustomer
 *
 * Gets the status as the API writes it; see #CrmStatusKind.
 *
 * Returns: the status
 */
const char *
crm_customer_get_status (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->status;
}

/**
 * crm_customer_get_owner:
 * @self: a #CrmCustomer
 *
 * Gets the email of the user who owns the customer.
 *
 * Returns: (nullable): the owner, or %NULL
 */
const char *
crm_customer_get_owner (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->owner;
}

/**
 * crm_customer_get_website:
 * @self: a #CrmCustomer
 *
 * Gets the web site.
 *
 * Returns: (nullable): the address, or %NULL
 */
const char *
crm_customer_get_website (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->website;
}

/**
 * crm_customer_get_linkedin:
 * @self: a #CrmCustomer
 *
 * Gets the LinkedIn profile.
 *
 * Returns: (nullable): the address, or %NULL
 */
const char *
crm_customer_get_linkedin (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->linkedin;
}

/**
 * crm_customer_get_street:
 * @self: a #CrmCustomer
 *
 * Gets the street address.
 *
 * Returns: (nullable): the street, or %NULL
 */
const char *
crm_customer_get_street (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->street;
}

/**
 * crm_customer_get_city:
 * @self: a #CrmCustomer
 *
 * Gets the city.
 *
 * Returns: (nullable): the city, or %NULL
 */
const char *
crm_customer_get_city (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->city;
}

/**
 * crm_customer_get_zip:
 * @self: a #CrmCustomer
 *
 * Gets the postal code.
 *
 * Returns: (nullable): the code, or %NULL
 */
const char *
crm_customer_get_zip (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->zip;
}

/**
 * crm_customer_get_state:
 * @self: a #CrmCustomer
 *
 * Gets the state or region.
 *
 * Returns: (nullable): the state, or %NULL
 */
const char *
crm_customer_get_state (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->state;
}

/**
 * crm_customer_get_country:
 * @self: a #CrmCustomer
 *
 * Gets the country as an ISO 3166 two-letter code.
 *
 * Returns: (nullable): the code, or %NULL
 */
const char *
crm_customer_get_country (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->country;
}

/**
 * crm_customer_get_lead_created_at:
 * @self: a #CrmCustomer
 *
 * Gets when the customer became a lead.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 */
GDateTime *
crm_customer_get_lead_created_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->lead_created_at;
}

/**
 * crm_customer_get_free_trial_started_at:
 * @self: a #CrmCustomer
 *
 * Gets when the free trial started.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 */
GDateTime *
crm_customer_get_free_trial_started_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->free_trial_started_at;
}

/**
 * crm_customer_get_customer_since:
 * @self: a #CrmCustomer
 *
 * Gets when billing started, as the server writes it.
 *
 * Returns: (nullable): the text, or %NULL
 */
const char *
crm_customer_get_customer_since (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->customer_since;
}

/**
 * crm_customer_get_attributes:
 * @self: a #CrmCustomer
 *
 * Gets the custom attributes (industry, company size, …).
 *
 * Returns: (transfer none): the attributes
 */
JsonObject *
crm_customer_get_attributes (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->attributes;
}

/**
 * crm_customer_get_last_activity_at:
 * @self: a #CrmCustomer
 *
 * Gets the time of the last note, call, email or completed task.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 */
GDateTime *
crm_customer_get_last_activity_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->last_activity_at;
}

/**
 * crm_customer_get_status_changed_at:
 * @self: a #CrmCustomer
 *
 * Gets when the status last changed.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL
 */
GDateTime *
crm_customer_get_status_changed_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->status_changed_at;
}

/**
 * crm_customer_get_created_at:
 * @self: a #CrmCustomer
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_customer_get_created_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->created_at;
}

/**
 * crm_customer_get_updated_at:
 * @self: a #CrmCustomer
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_customer_get_updated_at (CrmCustomer *self)
{
  g_return_val_if_fail (CRM_IS_CUSTOMER (self), NULL);

  return self->updated_at;
}
