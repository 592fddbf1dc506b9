/* crm-call-logger.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmFollowUp:
 * @CRM_FOLLOW_UP_NONE: no task
 * @CRM_FOLLOW_UP_TOMORROW: a task due tomorrow
 * @CRM_FOLLOW_UP_IN_3_DAYS: a task due in three days
 * @CRM_FOLLOW_UP_NEXT_WEEK: a task due in a week
 *
 * The follow-up a call may leave.
 */
typedef enum
{
  CRM_FOLLOW_UP_NONE,
  CRM_FOLLOW_UP_TOMORROW,
  CRM_FOLLOW_UP_IN_3_DAYS,
  CRM_FOLLOW_UP_NEXT_WEEK,
} CrmFollowUp;

#define CRM_TYPE_CALL_LOGGER (crm_call_logger_get_type ())

G_DECLARE_FINAL_TYPE (CrmCallLogger, crm_call_logger, CRM, CALL_LOGGER, AdwWindow)

GtkWidget  *crm_call_logger_new            (GtkApplication  *application,
                                            CrmStore        *store,
                                            gint64           customer_id,
                                            const char      *customer_name,
                                            const char      *contact_name,
                                            const char      *phone,
                                            AdwToastOverlay *overlay);
void        crm_call_logger_place_call     (CrmCallLogger   *self);
void        crm_call_logger_set_outcome    (CrmCallLogger   *self,
                                            const char      *outcome);
void        crm_call_logger_set_follow_up  (CrmCallLogger   *self,
                                            CrmFollowUp      follow_up);
void        crm_call_logger_set_notes      (CrmCallLogger   *self,
                                            const char      *notes);
void        crm_call_logger_save           (CrmCallLogger   *self);
gint64      crm_call_logger_get_elapsed    (CrmCallLogger   *self);

/* Plain functions, tested without a display. */
char       *crm_call_logger_format_elapsed (gint64           seconds);
GDate      *crm_call_logger_follow_up_due  (CrmFollowUp      follow_up,
                                            const GDate     *today);
GVariant   *crm_call_logger_build_call     (gint64           customer_id,
                                            const char      *outcome,
                                            gint64           elapsed,
                                            const char      *notes,
                                            const char      *started_at,
                                            const char      *author);
GVariant   *crm_call_logger_build_task     (gint64           customer_id,
                                            CrmFollowUp      follow_up,
                                            const char      *details,
                                            const GDate     *today,
                                            const char      *assignee);
char       *crm_call_logger_dup_logged     (CrmFollowUp      follow_up);
char       *crm_call_logger_dup_tel_uri    (const char      *phone);

G_END_DECLS
