/* crm-sync-resource-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-sync-resource.h"

G_BEGIN_DECLS

/* A field a server record must hold (not null); only the reading sees it. */
#define CRM_SYNC_FIELD_REQUIRED (1 << 4)

const char *_crm_sync_node_string            (JsonNode              *node);
JsonNode   *_crm_sync_string_node            (const char            *value);
JsonNode   *_crm_sync_int_node               (gint64                 value);
void        _crm_sync_resource_expand_custom (const CrmSyncResource *self,
                                              JsonObject            *values);

G_END_DECLS
