/* crm-sync-merge.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-sync-resource.h"

G_BEGIN_DECLS

/**
 * CrmSyncMerge:
 * @take: (element-type utf8): the columns that changed on the server only;
 *   the local record takes the server's value
 * @push: (element-type utf8): the columns that changed here only; they are
 *   sent
 * @conflicts: (element-type utf8): the columns that changed on both sides
 *   to different values; the rep picks
 *
 * The outcome of a three-way comparison of a record.
 */
typedef struct
{
  GPtrArray *take;
  GPtrArray *push;
  GPtrArray *conflicts;
} CrmSyncMerge;

CrmSyncMerge *crm_sync_merge_new   (const CrmSyncResource *resource,
                                    JsonObject            *base,
                                    JsonObject            *local,
                                    JsonObject            *server);
gboolean      crm_sync_merge_is_empty (CrmSyncMerge       *self);
void          crm_sync_merge_free  (CrmSyncMerge          *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmSyncMerge, crm_sync_merge_free)

G_END_DECLS
