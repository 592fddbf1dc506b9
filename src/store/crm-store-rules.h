/* crm-store-rules.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

void      crm_store_rules_install                  (CrmStore             *store);
void      crm_store_rules_watch_days               (CrmStore             *store);

gboolean  crm_store_txn_apply_due_subscriptions    (CrmStoreTxn          *txn,
                                                    guint                *n_started,
                                                    GError              **error);
void      crm_store_apply_due_subscriptions_async  (CrmStore             *store,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean  crm_store_apply_due_subscriptions_finish (CrmStore             *store,
                                                    GAsyncResult         *result,
                                                    GError              **error);

void      crm_store_reorder_routing_rules_async    (CrmStore             *store,
                                                    GArray               *ids,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);

G_END_DECLS
