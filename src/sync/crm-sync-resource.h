/* crm-sync-resource.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-types.h"

G_BEGIN_DECLS

/**
 * CrmSyncValueType:
 * @CRM_SYNC_VALUE_TEXT: text, or %NULL; an empty string is %NULL
 * @CRM_SYNC_VALUE_TEXT_NN: text never %NULL; %NULL is ""
 * @CRM_SYNC_VALUE_INT: an integer, or %NULL
 * @CRM_SYNC_VALUE_INT_NN: an integer never %NULL; %NULL is 0
 * @CRM_SYNC_VALUE_DURATION: seconds, at least 1; 0 or less is %NULL
 * @CRM_SYNC_VALUE_PERCENT: 0 to 100, or %NULL
 * @CRM_SYNC_VALUE_TIMESTAMP: a timestamp in either of the server's forms,
 *   kept as `YYYY-MM-DDTHH:MM:SS.sssZ`
 * @CRM_SYNC_VALUE_DATE: a date, or a timestamp whose `YYYY-MM-DD` prefix
 *   is the date as written
 * @CRM_SYNC_VALUE_OBJECT: a JSON object, kept as its text
 * @CRM_SYNC_VALUE_COUNTRY: an ISO 3166 alpha-2 code; anything else is
 *   %NULL (never a reason to refuse a page)
 * @CRM_SYNC_VALUE_CURRENCY: an ISO 4217 code; anything else fails the page
 * @CRM_SYNC_VALUE_STATUS: a customer status, any string kept verbatim
 * @CRM_SYNC_VALUE_CHOICE: one of the field's choices; anything else is the
 *   first choice
 * @CRM_SYNC_VALUE_TAGS: the customer's tags, a sorted list
 * @CRM_SYNC_VALUE_CUSTOM: a customer's custom attributes: an object kept
 *   as its text, and each attribute also as a column of its own, named
 *   %CRM_SYNC_CUSTOM_PREFIX and its key, compared, merged and sent one by
 *   one through the custom attributes' endpoints
 *
 * How a synced field is read from the server and compared.
 */
typedef enum
{
  CRM_SYNC_VALUE_TEXT,
  CRM_SYNC_VALUE_TEXT_NN,
  CRM_SYNC_VALUE_INT,
  CRM_SYNC_VALUE_INT_NN,
  CRM_SYNC_VALUE_DURATION,
  CRM_SYNC_VALUE_PERCENT,
  CRM_SYNC_VALUE_TIMESTAMP,
  CRM_SYNC_VALUE_DATE,
  CRM_SYNC_VALUE_OBJECT,
  CRM_SYNC_VALUE_COUNTRY,
  CRM_SYNC_VALUE_CURRENCY,
  CRM_SYNC_VALUE_STATUS,
  CRM_SYNC_VALUE_CHOICE,
  CRM_SYNC_VALUE_TAGS,
  CRM_SYNC_VALUE_CUSTOM,
} CrmSyncValueType;

/* The columns of a customer's custom attributes: `attributes.seats`. */
#define CRM_SYNC_CUSTOM_PREFIX "attributes."


/**
 * CrmSyncFieldFlags:
 * @CRM_SYNC_FIELD_PULL: read from the server only
 * @CRM_SYNC_FIELD_PUSH: sent on creates and updates
 * @CRM_SYNC_FIELD_CREATE: sent on creates only
 *
 * Which way a field goes.
 */
typedef enum
{
  CRM_SYNC_FIELD_PULL   = 0,
  CRM_SYNC_FIELD_PUSH   = 1 << 0,
  CRM_SYNC_FIELD_CREATE = 1 << 1,
} CrmSyncFieldFlags;

typedef struct
{
  const char        *column;
  const char        *key;
  CrmSyncValueType   type;
  CrmSyncFieldFlags  flags;
  const char        *choices;   /* CHOICE: "a|b", the first the default */
} CrmSyncField;

/**
 * CrmSyncResource:
 * @kind: the local kind of record
 * @entity: its name in the outbox
 * @path: its list below `/v1/`
 * @uuid_key: the key of the server's id (`task_uuid` for tasks)
 * @has_customer: whether its records belong to a customer
 * @fields: the fields synced, ending with one whose column is %NULL
 *
 * How one of the five lists maps onto a local table.
 */
typedef struct
{
  CrmEntityKind       kind;
  const char         *entity;
  const char         *path;
  const char         *uuid_key;
  gboolean            has_customer;
  const CrmSyncField *fields;
} CrmSyncResource;

/**
 * CrmSyncRecord:
 * @uuid: the server's id
 * @customer_uuid: (nullable): the server's id of its customer
 * @values: the synced columns and their values (tags as a list); a pulled
 *   record's may share nodes with the parsed page, so they are replaced,
 *   never edited in place
 * @base: @values as JSON text, what the store keeps as the base
 * @hash: a hash of @base and @customer_uuid
 * @external_id: (nullable): the server's external id (customers and
 *   contacts)
 * @author: (nullable): the server's author (notes)
 *
 * One server record read into the form of the local table.
 */
typedef struct
{
  char       *uuid;
  char       *customer_uuid;
  JsonObject *values;
  char       *base;
  char       *hash;
  char       *external_id;
  char       *author;
} CrmSyncRecord;

const CrmSyncResource  *crm_sync_resource_get            (CrmEntityKind           kind);
const CrmSyncResource  *crm_sync_resource_nth            (guint                   index);
guint                   crm_sync_resource_count          (void);
const CrmSyncField     *crm_sync_resource_find_field     (const CrmSyncResource  *self,
                                                          const char             *column);

CrmSyncRecord          *crm_sync_resource_read_entry     (const CrmSyncResource  *self,
                                                          JsonObject             *entry,
                                                          GError                **error);
GPtrArray              *crm_sync_resource_read_entries   (const CrmSyncResource  *self,
                                                          JsonArray              *entries,
                                                          GError                **error);
JsonObject             *crm_sync_resource_values_from_row (const CrmSyncResource *self,
                                                           GVariant              *row,
                                                           const char * const    *tags);
JsonObject             *crm_sync_resource_parse_values   (const char             *json);
char                   *crm_sync_resource_values_to_text (JsonObject             *values);
void                    crm_sync_resource_add_fields     (const CrmSyncResource  *self,
                                                          JsonObject             *values,
                                                          const char * const     *columns,
                                                          GVariantBuilder        *builder);
JsonObject             *crm_sync_resource_build_body     (const CrmSyncResource  *self,
                                                          JsonObject             *values,
                                                          const char * const     *columns,
                                                          gboolean                create);
gboolean                crm_sync_values_equal            (JsonObject             *a,
                                                          JsonObject             *b,
                                                          const char             *column);
GStrv                   crm_sync_values_dup_tags         (JsonObject             *values);
GPtrArray              *crm_sync_resource_dup_columns    (const CrmSyncResource  *self,
                                                          JsonObject             *a,
                                                          JsonObject             *b,
                                                          JsonObject             *c);
const char             *crm_sync_custom_key              (const char             *column);
const char             *crm_sync_custom_type             (JsonNode               *value);
char                   *crm_sync_custom_apply            (const char             *attributes,
                                                          JsonObject             *values,
                                                          const char * const     *columns);

void                    crm_sync_record_free             (CrmSyncRecord          *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncRecord, crm_sync_record_free)

G_END_DECLS
