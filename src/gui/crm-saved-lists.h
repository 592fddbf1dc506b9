/* crm-saved-lists.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-filter.h"
#include "crm-query-model.h"
#include "crm-saved-list.h"
#include "crm-store.h"

G_BEGIN_DECLS

/* Saved lists show in the sidebar, and are kept in the "last-view"
 * setting, as "saved:ID". */
#define CRM_SAVED_LIST_ID_PREFIX "saved:"

CrmQueryModel *crm_saved_lists_new_model        (CrmStore       *store,
                                                 CrmEntityKind   kind);
const char    *crm_saved_lists_kind_to_string   (CrmEntityKind   kind);
char          *crm_saved_lists_make_list_id     (gint64          id);
gint64         crm_saved_lists_parse_list_id    (const char     *list_id);

guint          crm_saved_lists_get_stale_days   (CrmStore       *store);
CrmFilter     *crm_saved_lists_dup_filter       (CrmSavedList   *list);
CrmSavedList  *crm_saved_lists_lookup           (CrmStore       *store,
                                                 CrmEntityKind   kind,
                                                 const char     *name);
CrmFilter     *crm_saved_lists_resolve          (CrmStore       *store,
                                                 const char     *name_or_id,
                                                 GError        **error);
gboolean       crm_saved_lists_check_name       (CrmStore       *store,
                                                 CrmEntityKind   kind,
                                                 const char     *name,
                                                 gint64          except_id,
                                                 GError        **error);

void           crm_saved_lists_create_async     (CrmStore            *store,
                                                 CrmEntityKind        kind,
                                                 const char          *name,
                                                 CrmFilter           *filter,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gint64         crm_saved_lists_create_finish    (CrmStore            *store,
                                                 GAsyncResult        *result,
                                                 gint64              *undo_group,
                                                 GError             **error);
void           crm_saved_lists_rename_async     (CrmStore            *store,
                                                 gint64               id,
                                                 const char          *name,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
void           crm_saved_lists_move_async       (CrmStore            *store,
                                                 GListModel          *lists,
                                                 gint64               id,
                                                 int                  offset,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
GArray        *crm_saved_lists_compute_order    (GListModel          *lists,
                                                 gint64               id,
                                                 int                  offset);

AdwMessageDialog *crm_saved_lists_name_dialog_new  (GtkWindow     *parent,
                                                    CrmStore      *store,
                                                    CrmEntityKind  kind,
                                                    gint64         except_id,
                                                    const char    *heading,
                                                    const char    *response_label,
                                                    const char    *initial_name);
const char       *crm_saved_lists_name_dialog_get_name (AdwMessageDialog *dialog);

G_END_DECLS
