/* crm-builtin-lists.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-filter.h"

G_BEGIN_DECLS

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

const CrmBuiltinList *crm_builtin_list_get_all   (guint      *n_lists);
const char           *crm_builtin_list_get_title (const char *id);
const char           *crm_builtin_list_find      (const char *name_or_id);
CrmFilter            *crm_builtin_list_filter    (const char *name_or_id);

G_END_DECLS
