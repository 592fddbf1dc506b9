/* crm-activity.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-record.h"

G_BEGIN_DECLS

#define CRM_TYPE_ACTIVITY (crm_activity_get_type ())

G_DECLARE_FINAL_TYPE (CrmActivity, crm_activity, CRM, ACTIVITY, CrmRecord)

gint64      crm_activity_get_customer_id   (CrmActivity *self);
const char *crm_activity_get_uuid          (CrmActivity *self);
const char *crm_activity_get_kind          (CrmActivity *self);
GDateTime  *crm_activity_get_occurred_at   (CrmActivity *self);
const char *crm_activity_get_author        (CrmActivity *self);
const char *crm_activity_get_subject       (CrmActivity *self);
const char *crm_activity_get_body          (CrmActivity *self);
gint64      crm_activity_get_call_duration (CrmActivity *self);
const char *crm_activity_get_call_outcome  (CrmActivity *self);
const char *crm_activity_get_old_status    (CrmActivity *self);
const char *crm_activity_get_new_status    (CrmActivity *self);
const char *crm_activity_get_old_owner     (CrmActivity *self);
const char *crm_activity_get_new_owner     (CrmActivity *self);
const char *crm_activity_get_rule_name     (CrmActivity *self);
const char *crm_activity_get_cause         (CrmActivity *self);
GDateTime  *crm_activity_get_created_at    (CrmActivity *self);
GDateTime  *crm_activity_get_updated_at    (CrmActivity *self);

const char * const *crm_call_outcome_get_all      (void);
const char         *crm_call_outcome_get_label    (const char  *outcome);
gboolean            crm_call_outcome_is_connected (const char  *outcome);
gint64              crm_call_outcome_duration     (const char  *outcome,
                                                   gint64       elapsed);
gboolean            crm_call_shows_duration       (const char  *outcome,
                                                   gint64       duration);

G_END_DECLS
