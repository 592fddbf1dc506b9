/* crm-record-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

/*
 * Every record type keeps one instance field per column of its table, named
 * as the column, and describes them in a static CrmField table. The helpers
 * below turn that table into properties and do the get, set (compare, then
 * notify) and free work for all of them, so each type only adds getters.
 */

typedef enum
{
  CRM_FIELD_STRING,
  CRM_FIELD_INT64,
  CRM_FIELD_BOOLEAN,
  CRM_FIELD_DATETIME,
  CRM_FIELD_DATE,
  CRM_FIELD_JSON,
} CrmFieldType;

typedef struct
{
  const char   *column;
  CrmFieldType  type;
  guint         offset;
  gint64        default_int;
  const char   *default_string;
} CrmField;

#define CRM_FIELD(Type, column, kind) \
  { #column, CRM_FIELD_##kind, G_STRUCT_OFFSET (Type, column), 0, NULL }
#define CRM_FIELD_INT(Type, column, dflt) \
  { #column, CRM_FIELD_INT64, G_STRUCT_OFFSET (Type, column), dflt, NULL }
#define CRM_FIELD_TEXT(Type, column, dflt) \
  { #column, CRM_FIELD_STRING, G_STRUCT_OFFSET (Type, column), 0, dflt }

void     _crm_record_class_install_fields (GObjectClass   *object_class,
                                           const CrmField *fields,
                                           guint           n_fields);
void     _crm_record_get_field            (GObject        *object,
                                           guint           prop_id,
                                           GValue         *value,
                                           GParamSpec     *pspec);
void     _crm_record_set_field            (GObject        *object,
                                           guint           prop_id,
                                           const GValue   *value,
                                           GParamSpec     *pspec);

G_END_DECLS
