/* crm-sync-refusal.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

gboolean crm_sync_take_back_move (CrmStoreTxn  *txn,
                                  gint64        opportunity_id,
                                  GVariant     *before,
                                  GError      **error);

G_END_DECLS
