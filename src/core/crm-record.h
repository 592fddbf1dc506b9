/* crm-record.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "crm-types.h"

G_BEGIN_DECLS

#define CRM_TYPE_RECORD (crm_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (CrmRecord, crm_record, CRM, RECORD, GObject)

/**
 * CrmRecordClass:
 * @parent_class: the parent class
 *
 * The class of every stored record type.
 */
struct _CrmRecordClass
{
  GObjectClass parent_class;

  /*< private >*/
  gpointer padding[4];
};

gint64 crm_record_get_id (CrmRecord *self);

G_END_DECLS
