/* crm-sql-sorter.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CRM_TYPE_SQL_SORTER (crm_sql_sorter_get_type ())

G_DECLARE_FINAL_TYPE (CrmSqlSorter, crm_sql_sorter, CRM, SQL_SORTER, GtkSorter)

CrmSqlSorter *crm_sql_sorter_new          (const char *sort_key);
const char   *crm_sql_sorter_get_sort_key (CrmSqlSorter *self);
CrmSqlSorter *crm_sql_sorter_find_primary (GtkSorter    *view_sorter,
                                           gboolean     *descending);

G_END_DECLS
