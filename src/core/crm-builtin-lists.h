/* crm-builtin-lists.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-filter.h"
#include "crm-lifecycle.h"

G_BEGIN_DECLS

/* The profile setting that says after how many idle days a Working Lead
 * is stale, and its value when the profile has none: the lifecycle's. */
#define CRM_STALE_DAYS_SETTING CRM_LIFECYCLE_STALE_DAYS_KEY
#define CRM_STALE_DAYS_DEFAULT CRM_LIFECYCLE_STALE_DAYS_DEFAULT

/* The id of the list whose filter depends on the stale days. */
#define CRM_BUILTIN_LIST_STALE "stale-working-leads"

/**
 * CrmBuiltinList:
 * @id: the stable id, as used in settings and on the command line
 * @title: the English title; translate it with g_dpgettext2() in the
 *   "list name" context, or use crm_builtin_list_get_title()
 *
 * A customer list every profile has, whatever it saved.
 */
typedef struct
{
  const char *id;
  const char *title;
} CrmBuiltinList;

const CrmBuiltinList *crm_builtin_list_get_all          (guint      *n_lists);
const char           *crm_builtin_list_get_title        (const char *id);
const char           *crm_builtin_list_find             (const char *name_or_id);
char                 *crm_builtin_list_dup_expression   (const char *name_or_id,
                                                         guint       stale_days);
CrmFilter            *crm_builtin_list_filter           (const char *name_or_id);
CrmFilter            *crm_builtin_list_filter_for_days  (const char *name_or_id,
                                                         guint       stale_days);
guint                 crm_builtin_list_parse_stale_days (const char *setting);

G_END_DECLS
