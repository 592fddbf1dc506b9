/* crm-contact.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-contact"

#include "config.h"

#include "crm-record-private.h"
#include "crm-contact.h"

/**
 * CrmContact:
 *
 * A person at a customer. Its properties are the columns of the
 * `contacts` table; see #CrmRecord.
 */

struct _CrmContact
{
  CrmRecord   parent_instance;

  gint64      customer_id;
  char       *uuid;
  char       *external_id;
  gint64      position;
  char       *first_name;
  char       *last_name;
  char       *title;
  char       *email;
  char       *phone;
  char       *linkedin;
  char       *twitter;
  char       *notes;
  JsonObject *custom;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmContact, crm_contact, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmContact, customer_id, INT64),
  CRM_FIELD (CrmContact, uuid, STRING),
  CRM_FIELD (CrmContact, external_id, STRING),
  CRM_FIELD_INT (CrmContact, position, 1),
  CRM_FIELD_TEXT (CrmContact, first_name, ""),
  CRM_FIELD_TEXT (CrmContact, last_name, ""),
  CRM_FIELD (CrmContact, title, STRING),
  CRM_FIELD (CrmContact, email, STRING),
  CRM_FIELD (CrmContact, phone, STRING),
  CRM_FIELD (CrmContact, linkedin, STRING),
  CRM_FIELD (CrmContact, twitter, STRING),
  CRM_FIELD (CrmContact, notes, STRING),
  CRM_FIELD (CrmContact, custom, JSON),
  CRM_FIELD (CrmContact, created_at, DATETIME),
  CRM_FIELD (CrmContact, updated_at, DATETIME),
};

static void
crm_contact_class_init (CrmContactClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_contact_init (CrmContact *self)
{
}

/**
 * crm_contact_get_customer_id:
 * @self: a #CrmContact
 *
 * Gets the id of the customer the record belongs to.
 *
 * Returns: the customer id
 */
gint64
crm_contact_get_customer_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->customer_id;
}

/**
 * crm_contact_get_uuid:
 * @self: a #CrmContact
 *
 * Gets the server's id.
 *
 * Returns: (nullable): the uuid, or %NULL until the record is synced
 */
const char *
crm_contact_get_uuid (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->uuid;
}

/**
 * crm_contact_get_external_id:
 * @self: a #CrmContact
 *
 * Gets the id made here when the contact was created; it never changes.
 *
 * Returns: the external id
 */
const char *
crm_contact_get_external_id (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->external_id;
}

/**
 * crm_contact_get_position:
 * @self: a #CrmContact
 *
 * Gets the place of the contact in the customer's list, from 1.
 *
 * Returns: the position
 */
gint64
crm_contact_get_position (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), 0);

  return self->position;
}

/**
 * crm_contact_get_first_name:
 * @self: a #CrmContact
 *
 * Gets the first name.
 *
 * Returns: the first name, possibly empty
 */
const char *
crm_contact_get_first_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->first_name;
}

/**
 * crm_contact_get_last_name:
 * @self: a #CrmContact
 *
 * Gets the last name.
 *
 * Returns: the last name, possibly empty
 */
const char *
crm_contact_get_last_name (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->last_name;
}

/**
 * crm_contact_get_title:
 * @self: a #CrmContact
 *
 * Gets the job title.
 *
 * Returns: (nullable): the title, or %NULL
 */
const char *
crm_contact_get_title (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->title;
}

/**
 * crm_contact_get_email:
 * @self: a #CrmContact
 *
 * Gets the email address.
 *
 * Returns: (nullable): the address, or %NULL
 */
const char *
crm_contact_get_email (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->email;
}

/**
 * crm_contact_get_phone:
 * @self: a #CrmContact
 *
 * Gets the phone number.
 *
 * Returns: (nullable): the number, or %NULL
 */
const char *
crm_contact_get_phone (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->phone;
}

/**
 * crm_contact_get_linkedin:
 * @self: a #CrmContact
 *
 * Gets the LinkedIn profile.
 *
 * Returns: (nullable): the address, or %NULL
 */
const char *
crm_contact_get_linkedin (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->linkedin;
}

/**
 * crm_contact_get_twitter:
 * @self: a #CrmContact
 *
 * Gets the Twitter handle.
 *
 * Returns: (nullable): the handle, or %NULL
 */
const char *
crm_contact_get_twitter (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->twitter;
}

/**
 * crm_contact_get_notes:
 * @self: a #CrmContact
 *
 * Gets the notes about the contact.
 *
 * Returns: (nullable): the notes, or %NULL
 */
const char *
crm_contact_get_notes (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->notes;
}

/**
 * crm_contact_get_custom:
 * @self: a #CrmContact
 *
 * Gets the custom fields.
 *
 * Returns: (transfer none): the custom fields
 */
JsonObject *
crm_contact_get_custom (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->custom;
}

/**
 * crm_contact_get_created_at:
 * @self: a #CrmContact
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_contact_get_created_at (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->created_at;
}

/**
 * crm_contact_get_updated_at:
 * @self: a #CrmContact
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_contact_get_updated_at (CrmContact *self)
{
  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  return self->updated_at;
}

/**
 * crm_contact_dup_full_name:
 * @self: a #CrmContact
 *
 * Joins the first and last names with a space, leaving out an empty one.
 *
 * Returns: (transfer full): the full name, empty if the contact has none
 */
char *
crm_contact_dup_full_name (CrmContact *self)
{
  const char *first;
  const char *last;

  g_return_val_if_fail (CRM_IS_CONTACT (self), NULL);

  first = self->first_name != NULL ? self->first_name : "";
  last = self->last_name != NULL ? self->last_name : "";
  if (first[0] == '\0' || last[0] == '\0')
    return g_strconcat (first, last, NULL);

  return g_strconcat (first, " ", last, NULL);
}
