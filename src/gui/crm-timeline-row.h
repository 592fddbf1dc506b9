/* crm-timeline-row.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-activity.h"

G_BEGIN_DECLS

/* @me_email and @me_name name "me", so that my changes say my name. */
GtkWidget  *crm_timeline_row_new           (CrmActivity *activity,
                                            const char  *me_email,
                                            const char  *me_name);

/* What a row shows, decided without widgets. */
const char *crm_timeline_row_get_icon_name (const char  *kind);
char       *crm_timeline_row_dup_title     (CrmActivity *activity,
                                            const char  *me_email,
                                            const char  *me_name);
char       *crm_timeline_row_dup_subtitle  (CrmActivity *activity,
                                            const char  *me_email,
                                            const char  *me_name);

G_END_DECLS
