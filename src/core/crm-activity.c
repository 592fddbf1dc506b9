/* crm-activity.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-activity"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "crm-record-private.h"
#include "crm-activity.h"

/**
 * CrmActivity:
 *
 * An entry of a customer's timeline: a note, a call, an email or a status
 * change. Its properties are the columns of the `activities` table; see
 * #CrmRecord.
 */

struct _CrmActivity
{
  CrmRecord   parent_instance;

  gint64      customer_id;
  char       *uuid;
  char       *kind;
  GDateTime  *occurred_at;
  char       *author;
  char       *subject;
  char       *body;
  gint64      call_duration;
  char       *call_outcome;
  char       *old_status;
  char       *new_status;
  char       *old_owner;
  char       *new_owner;
  char       *rule_name;
  char       *cause;
  GDateTime  *created_at;
  GDateTime  *updated_at;
};

G_DEFINE_FINAL_TYPE (CrmActivity, crm_activity, CRM_TYPE_RECORD)

static const CrmField fields[] = {
  CRM_FIELD (CrmActivity, customer_id, INT64),
  CRM_FIELD (CrmActivity, uuid, STRING),
  CRM_FIELD (CrmActivity, kind, STRING),
  CRM_FIELD (CrmActivity, occurred_at, DATETIME),
  CRM_FIELD (CrmActivity, author, STRING),
  CRM_FIELD (CrmActivity, subject, STRING),
  CRM_FIELD_TEXT (CrmActivity, body, ""),
  CRM_FIELD_INT (CrmActivity, call_duration, -1),
  CRM_FIELD (CrmActivity, call_outcome, STRING),
  CRM_FIELD (CrmActivity, old_status, STRING),
  CRM_FIELD (CrmActivity, new_status, STRING),
  CRM_FIELD (CrmActivity, old_owner, STRING),
  CRM_FIELD (CrmActivity, new_owner, STRING),
  CRM_FIELD (CrmActivity, rule_name, STRING),
  CRM_FIELD (CrmActivity, cause, STRING),
  CRM_FIELD (CrmActivity, created_at, DATETIME),
  CRM_FIELD (CrmActivity, updated_at, DATETIME),
};

static void
crm_activity_class_init (CrmActivityClass *klass)
{
  _crm_record_class_install_fields (G_OBJECT_CLASS (klass),
                                    fields, G_N_ELEMENTS (fields));
}

static void
crm_activity_init (CrmActivity *self)
{
}

/**
 * crm_activity_get_customer_id:
 * @self: a #CrmActivity
 *
 * Gets the id of the customer the record belongs to.
 *
 * Returns: the customer id
 */
gint64
crm_activity_get_customer_id (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->customer_id;
}

/**
 * crm_activity_get_uuid:
 * @self: a #CrmActivity
 *
 * Gets the server's id.
 *
 * Returns: (nullable): the uuid, or %NULL until the record is synced
 */
const char *
crm_activity_get_uuid (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->uuid;
}

/**
 * crm_activity_get_kind:
 * @self: a #CrmActivity
 *
 * Gets the kind of entry: "note", "call", "email" or "status".
 *
 * Returns: the kind
 */
const char *
crm_activity_get_kind (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->kind;
}

/**
 * crm_activity_get_occurred_at:
 * @self: a #CrmActivity
 *
 * Gets when the activity happened.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_activity_get_occurred_at (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->occurred_at;
}

/**
 * crm_activity_get_author:
 * @self: a #CrmActivity
 *
 * Gets the email of the user who wrote the entry.
 *
 * Returns: (nullable): the author, or %NULL
 */
const char *
crm_activity_get_author (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->author;
}

/**
 * crm_activity_get_subject:
 * @self: a #CrmActivity
 *
 * Gets the subject of an email.
 *
 * Returns: (nullable): the subject, or %NULL
 */
const char *
crm_activity_get_subject (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->subject;
}

/**
 * crm_activity_get_body:
 * @self: a #CrmActivity
 *
 * Gets the text of the note, call log or email.
 *
 * Returns: the text, possibly empty
 */
const char *
crm_activity_get_body (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->body;
}

/**
 * crm_activity_get_call_duration:
 * @self: a #CrmActivity
 *
 * Gets the length of a call in seconds.
 *
 * Returns: the duration, or -1 if unset
 */
gint64
crm_activity_get_call_duration (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), 0);

  return self->call_duration;
}

/**
 * crm_activity_get_call_outcome:
 * @self: a #CrmActivity
 *
 * Gets the outcome of a call.
 *
 * Returns: (nullable): the outcome, or %NULL
 */
const char *
crm_activity_get_call_outcome (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->call_outcome;
}

/**
 * crm_activity_get_old_status:
 * @self: a #CrmActivity
 *
 * Gets the status before a status change.
 *
 * Returns: (nullable): the status, or %NULL
 */
const char *
crm_activity_get_old_status (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->old_status;
}

/**
 * crm_activity_get_new_status:
 * @self: a #CrmActivity
 *
 * Gets the status after a status change.
 *
 * Returns: (nullable): the status, or %NULL
 */
const char *
crm_activity_get_new_status (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->new_status;
}

/**
 * crm_activity_get_old_owner:
 * @self: a #CrmActivity
 *
 * Gets the owner before an owner change.
 *
 * Returns: (nullable): the value, or %NULL
 */
const char *
crm_activity_get_old_owner (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->old_owner;
}

/**
 * crm_activity_get_new_owner:
 * @self: a #CrmActivity
 *
 * Gets the owner after an owner change.
 *
 * Returns: (nullable): the value, or %NULL
 */
const char *
crm_activity_get_new_owner (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->new_owner;
}

/**
 * crm_activity_get_rule_name:
 * @self: a #CrmActivity
 *
 * Gets the name of the routing rule that chose the owner.
 *
 * Returns: (nullable): the value, or %NULL
 */
const char *
crm_activity_get_rule_name (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->rule_name;
}

/**
 * crm_activity_get_cause:
 * @self: a #CrmActivity
 *
 * Gets who made a status change: "person", "rule" or "sync".
 *
 * Returns: (nullable): the cause, or %NULL
 */
const char *
crm_activity_get_cause (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->cause;
}

/**
 * crm_activity_get_created_at:
 * @self: a #CrmActivity
 *
 * Gets when the record was created here.
 *
 * Returns: (transfer none) (nullable): the time, or %NULL if the record
 *   is not stored yet
 */
GDateTime *
crm_activity_get_created_at (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->created_at;
}

/**
 * crm_activity_get_updated_at:
 * @self: a #CrmActivity
 *
 * Gets when the record last changed here.
 *
 * Returns: (transfer none): the time, in UTC
 */
GDateTime *
crm_activity_get_updated_at (CrmActivity *self)
{
  g_return_val_if_fail (CRM_IS_ACTIVITY (self), NULL);

  return self->updated_at;
}

/* Call outcomes */

/* As stored in `call_outcome`: the words the demo book and earlier
 * versions wrote, so old calls read the same. The API has no outcome: it
 * stays local. */
static const char * const call_outcomes[] = {
  "Connected", "Voicemail", "No answer", "Busy", "Wrong number", NULL,
};

/**
 * crm_call_outcome_get_all:
 *
 * Lists the outcomes a person picks from when logging a call, in the
 * order to offer them. The column keeps any other text it meets.
 *
 * Returns: (transfer none) (array zero-terminated=1): the outcomes
 */
const char * const *
crm_call_outcome_get_all (void)
{
  return call_outcomes;
}

/**
 * crm_call_outcome_get_label:
 * @outcome: (nullable): an outcome as stored
 *
 * Returns: (transfer none) (nullable): the outcome for a person to read:
 *   "Left voicemail" for `Voicemail`; any text it does not know as it is
 */
const char *
crm_call_outcome_get_label (const char *outcome)
{
  if (g_strcmp0 (outcome, "Connected") == 0)
    return C_("call outcome", "Connected");
  if (g_strcmp0 (outcome, "Voicemail") == 0)
    return C_("call outcome", "Left voicemail");
  if (g_strcmp0 (outcome, "No answer") == 0)
    return C_("call outcome", "No answer");
  if (g_strcmp0 (outcome, "Busy") == 0)
    return C_("call outcome", "Busy");
  if (g_strcmp0 (outcome, "Wrong number") == 0)
    return C_("call outcome", "Wrong number");

  return outcome;
}

/**
 * crm_call_outcome_is_connected:
 * @outcome: (nullable): an outcome as stored
 *
 * Returns: %TRUE if somebody took the call
 */
gboolean
crm_call_outcome_is_connected (const char *outcome)
{
  return g_strcmp0 (outcome, "Connected") == 0;
}

/**
 * crm_call_outcome_duration:
 * @outcome: (nullable): the call's outcome
 * @elapsed: the seconds the call logger ran
 *
 * A call that reached nobody (no answer, busy, a wrong number) lasted
 * nothing worth counting; one that was taken or reached a voicemail lasted
 * as long as the logger ran.
 *
 * Returns: the call's duration to store, in seconds
 */
gint64
crm_call_outcome_duration (const char *outcome,
                           gint64      elapsed)
{
  if (g_strcmp0 (outcome, "Connected") != 0 && g_strcmp0 (outcome, "Voicemail") != 0 &&
      outcome != NULL)
    return 0;

  return MAX (elapsed, 0);
}

/**
 * crm_call_shows_duration:
 * @outcome: (nullable): a call's outcome
 * @duration: its duration in seconds, -1 when unknown
 *
 * A duration is worth reading when the call was taken or lasted: "Call ·
 * 0 s · No answer" says nothing "Call · No answer" does not.
 *
 * Returns: whether the timeline shows the duration
 */
gboolean
crm_call_shows_duration (const char *outcome,
                         gint64      duration)
{
  if (duration < 0)
    return FALSE;

  return duration > 0 || crm_call_outcome_is_connected (outcome);
}
