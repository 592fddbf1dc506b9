/* crm-record.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-record"

#include "config.h"

#include <json-glib/json-glib.h>

#include "crm-record-private.h"

/**
 * CrmRecord:
 *
 * The base of every record the store keeps: a customer, a contact, a task
 * and so on. It holds the row id, 0 until the record is first stored.
 *
 * Each subclass has one property per column of its table, named as the
 * column with `_` written as `-` (`customer_id` is "customer-id"). Text is a
 * string, integers are #gint64 (-1 when a nullable column is unset), columns
 * ending in `_at` are UTC #GDateTime, those ending in `_on` are #GDate, and
 * JSON columns are #JsonObject, never %NULL.
 */

typedef struct
{
  gint64 id;
} CrmRecordPrivate;

typedef struct
{
  const CrmField *fields;
  guint           n_fields;
} CrmFieldTable;

enum {
  PROP_0,
  PROP_ID,
  N_PROPS
};

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CrmRecord, crm_record, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static GQuark
fields_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("crm-record-fields");

  return quark;
}

static const CrmFieldTable *
get_field_table (GType type)
{
  return g_type_get_qdata (type, fields_quark ());
}

static const CrmField *
lookup_field (GParamSpec *pspec,
              guint       prop_id)
{
  const CrmFieldTable *table = get_field_table (pspec->owner_type);

  g_assert (table != NULL);
  g_assert (prop_id > 0 && prop_id <= table->n_fields);

  return &table->fields[prop_id - 1];
}

static GParamSpec *
field_param_spec (const CrmField *field)
{
  g_autofree char *name = g_strdelimit (g_strdup (field->column), "_", '-');
  GParamFlags flags = (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                       G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_NICK |
                       G_PARAM_STATIC_BLURB);

  switch (field->type)
    {
    case CRM_FIELD_STRING:
      return g_param_spec_string (name, NULL, NULL, field->default_string, flags);
    case CRM_FIELD_INT64:
      return g_param_spec_int64 (name, NULL, NULL, G_MININT64, G_MAXINT64,
                                 field->default_int, flags);
    case CRM_FIELD_BOOLEAN:
      return g_param_spec_boolean (name, NULL, NULL, field->default_int != 0, flags);
    case CRM_FIELD_DATETIME:
      return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE_TIME, flags);
    case CRM_FIELD_DATE:
      return g_param_spec_boxed (name, NULL, NULL, G_TYPE_DATE, flags);
    case CRM_FIELD_JSON:
      return g_param_spec_boxed (name, NULL, NULL, JSON_TYPE_OBJECT, flags);
    default:
      g_assert_not_reached ();
    }
}

/*
 * _crm_record_class_install_fields:
 *
 * Installs one property per field, with property ids 1 to @n_fields in the
 * order of @fields, and makes the class use the shared accessors. A class
 * with more properties numbers them after @n_fields and overrides
 * get_property and set_property, passing field ids on to the accessors.
 * @fields must stay alive as long as the class (a static table).
 */
void
_crm_record_class_install_fields (GObjectClass   *object_class,
                                  const CrmField *fields,
                                  guint           n_fields)
{
  CrmFieldTable *table;

  g_assert (G_IS_OBJECT_CLASS (object_class));
  g_assert (fields != NULL);

  table = g_new0 (CrmFieldTable, 1);
  table->fields = fields;
  table->n_fields = n_fields;
  g_type_set_qdata (G_OBJECT_CLASS_TYPE (object_class),
                    fields_quark (), table);

  object_class->get_property = _crm_record_get_field;
  object_class->set_property = _crm_record_set_field;

  for (guint i = 0; i < n_fields; i++)
    g_object_class_install_property (object_class, i + 1,
                                     field_param_spec (&fields[i]));
}

void
_crm_record_get_field (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  const CrmField *field = lookup_field (pspec, prop_id);
  gpointer member = G_STRUCT_MEMBER_P (object, field->offset);

  switch (field->type)
    {
    case CRM_FIELD_STRING:
      g_value_set_string (value, *(char **) member);
      break;
    case CRM_FIELD_INT64:
      g_value_set_int64 (value, *(gint64 *) member);
      break;
    case CRM_FIELD_BOOLEAN:
      g_value_set_boolean (value, *(gboolean *) member);
      break;
    case CRM_FIELD_DATETIME:
    case CRM_FIELD_DATE:
    case CRM_FIELD_JSON:
      g_value_set_boxed (value, *(gpointer *) member);
      break;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
set_string (char       **member,
            const char  *value)
{
  if (g_strcmp0 (*member, value) == 0)
    return FALSE;

  g_free (*member);
  *member = g_strdup (value);

  return TRUE;
}

static gboolean
set_int64 (gint64 *member,
           gint64  value)
{
  if (*member == value)
    return FALSE;

  *member = value;

  return TRUE;
}

static gboolean
set_boolean (gboolean *member,
             gboolean  value)
{
  value = !!value;
  if (*member == value)
    return FALSE;

  *member = value;

  return TRUE;
}

static gboolean
set_datetime (GDateTime **member,
              GDateTime  *value)
{
  if (*member == value ||
      (*member != NULL && value != NULL && g_date_time_equal (*member, value)))
    return FALSE;

  g_clear_pointer (member, g_date_time_unref);
  if (value != NULL)
    *member = g_date_time_ref (value);

  return TRUE;
}

static gboolean
set_date (GDate       **member,
          const GDate  *value)
{
  if (*member == value ||
      (*member != NULL && value != NULL && g_date_compare (*member, value) == 0))
    return FALSE;

  g_clear_pointer (member, g_date_free);
  if (value != NULL)
    *member = g_date_copy (value);

  return TRUE;
}

/* A JSON column always holds an object: unset means empty. */
static gboolean
set_json (JsonObject **member,
          JsonObject  *value)
{
  g_autoptr(JsonObject) empty = NULL;

  if (value == NULL)
    value = empty = json_object_new ();

  if (*member != NULL && json_object_equal (*member, value))
    return FALSE;

  g_clear_pointer (member, json_object_unref);
  *member = json_object_ref (value);

  return TRUE;
}

void
_crm_record_set_field (GObject      *object,
                       guint         prop_id,
                       const GValue *value,
                       GParamSpec   *pspec)
{
  const CrmField *field = lookup_field (pspec, prop_id);
  gpointer member = G_STRUCT_MEMBER_P (object, field->offset);
  gboolean changed = FALSE;

  switch (field->type)
    {
    case CRM_FIELD_STRING:
      changed = set_string (member, g_value_get_string (value));
      break;
    case CRM_FIELD_INT64:
      changed = set_int64 (member, g_value_get_int64 (value));
      break;
    case CRM_FIELD_BOOLEAN:
      changed = set_boolean (member, g_value_get_boolean (value));
      break;
    case CRM_FIELD_DATETIME:
      changed = set_datetime (member, g_value_get_boxed (value));
      break;
    case CRM_FIELD_DATE:
      changed = set_date (member, g_value_get_boxed (value));
      break;
    case CRM_FIELD_JSON:
      changed = set_json (member, g_value_get_boxed (value));
      break;
    default:
      g_assert_not_reached ();
    }

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
free_fields (GObject *object)
{
  const CrmFieldTable *table = get_field_table (G_OBJECT_TYPE (object));

  if (table == NULL)
    return;

  for (guint i = 0; i < table->n_fields; i++)
    {
      gpointer member = G_STRUCT_MEMBER_P (object, table->fields[i].offset);

      switch (table->fields[i].type)
        {
        case CRM_FIELD_STRING:
          g_clear_pointer ((char **) member, g_free);
          break;
        case CRM_FIELD_DATETIME:
          g_clear_pointer ((GDateTime **) member, g_date_time_unref);
          break;
        case CRM_FIELD_DATE:
          g_clear_pointer ((GDate **) member, g_date_free);
          break;
        case CRM_FIELD_JSON:
          g_clear_pointer ((JsonObject **) member, json_object_unref);
          break;
        case CRM_FIELD_INT64:
        case CRM_FIELD_BOOLEAN:
        default:
          break;
        }
    }
}

static void
crm_record_finalize (GObject *object)
{
  free_fields (object);

  G_OBJECT_CLASS (crm_record_parent_class)->finalize (object);
}

static void
crm_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  CrmRecord *self = CRM_RECORD (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, crm_record_get_id (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  CrmRecord *self = CRM_RECORD (object);
  CrmRecordPrivate *priv = crm_record_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      if (set_int64 (&priv->id, g_value_get_int64 (value)))
        g_object_notify_by_pspec (object, pspec);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_record_class_init (CrmRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_record_finalize;
  object_class->get_property = crm_record_get_property;
  object_class->set_property = crm_record_set_property;

  /**
   * CrmRecord:id:
   *
   * The row id in the local database; 0 while the record is not stored.
   */
  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        (G_PARAM_READWRITE | G_PARAM_CONSTRUCT |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_record_init (CrmRecord *self)
{
}

/**
 * crm_record_get_id:
 * @self: a #CrmRecord
 *
 * Gets the row id of the record in the local database.
 *
 * Returns: the id, or 0 if the record is not stored yet
 */
gint64
crm_record_get_id (CrmRecord *self)
{
  CrmRecordPrivate *priv;

  g_return_val_if_fail (CRM_IS_RECORD (self), 0);

  priv = crm_record_get_instance_private (self);

  return priv->id;
}
