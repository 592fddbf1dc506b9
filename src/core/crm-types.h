/* crm-types.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _CrmActivity    CrmActivity;
typedef struct _CrmContact     CrmContact;
typedef struct _CrmCustomer    CrmCustomer;
typedef struct _CrmFilter      CrmFilter;
typedef struct _CrmOpportunity CrmOpportunity;
typedef struct _CrmPipeline    CrmPipeline;
typedef struct _CrmQueryModel  CrmQueryModel;
typedef struct _CrmRoutingRule CrmRoutingRule;
typedef struct _CrmSavedList   CrmSavedList;
typedef struct _CrmStage       CrmStage;
typedef struct _CrmStore       CrmStore;
typedef struct _CrmStoreTxn    CrmStoreTxn;
typedef struct _CrmSubscription CrmSubscription;
typedef struct _CrmTask        CrmTask;
typedef struct _CrmTemplate    CrmTemplate;

/**
 * CrmEntityKind:
 *
 * The kinds of record the store keeps. Each maps to one table and one
 * GObject type whose properties are the table's columns.
 */
typedef enum
{
  CRM_ENTITY_CUSTOMER,
  CRM_ENTITY_CONTACT,
  CRM_ENTITY_ACTIVITY,
  CRM_ENTITY_TASK,
  CRM_ENTITY_OPPORTUNITY,
  CRM_ENTITY_PIPELINE,
  CRM_ENTITY_STAGE,
  CRM_ENTITY_TEMPLATE,
  CRM_ENTITY_SAVED_LIST,
  CRM_ENTITY_SUBSCRIPTION,
  CRM_ENTITY_ROUTING_RULE,
  CRM_N_ENTITIES
} CrmEntityKind;

/**
 * CrmOrigin:
 * @CRM_ORIGIN_PERSON: a person made the change in the window
 * @CRM_ORIGIN_RULE: a business rule made it
 * @CRM_ORIGIN_SYNC: a pull from the server made it
 * @CRM_ORIGIN_IMPORT: a file import made it
 *
 * Who made a change; rules and the timeline use it.
 */
typedef enum
{
  CRM_ORIGIN_PERSON,
  CRM_ORIGIN_RULE,
  CRM_ORIGIN_SYNC,
  CRM_ORIGIN_IMPORT,
} CrmOrigin;

/**
 * CrmKeyStorage:
 * @CRM_KEY_STORAGE_NONE: no API key is known
 * @CRM_KEY_STORAGE_SECRET_SERVICE: the key is kept in the Secret Service
 * @CRM_KEY_STORAGE_MEMORY: there is no usable secret store, so the key is
 *   kept in memory until Prospect quits
 *
 * Where the account's API key lives.
 */
typedef enum
{
  CRM_KEY_STORAGE_NONE,
  CRM_KEY_STORAGE_SECRET_SERVICE,
  CRM_KEY_STORAGE_MEMORY,
} CrmKeyStorage;

G_END_DECLS
