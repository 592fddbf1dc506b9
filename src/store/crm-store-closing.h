/* crm-store-closing.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-store.h"

G_BEGIN_DECLS

/**
 * CrmClosingEffects:
 * @note_id: the closing note the move wrote on the customer, or 0
 * @note_uuid: (nullable): its server id, once it is on the server
 * @status_entry_id: the timeline entry of the lead status the close set
 *   (Closed Lost makes a lead Unqualified), or 0
 * @old_status: (nullable): the status before it
 * @new_status: (nullable): the status it set
 *
 * What a move of a card into a closed stage did besides the move.
 */
typedef struct
{
  gint64  note_id;
  char   *note_uuid;
  gint64  status_entry_id;
  char   *old_status;
  char   *new_status;
} CrmClosingEffects;

gboolean crm_store_txn_find_closing      (CrmStoreTxn        *txn,
                                          gint64              customer_id,
                                          const char         *closed_at,
                                          CrmClosingEffects  *effects,
                                          GError            **error);
gboolean crm_store_txn_defer_closing     (CrmStoreTxn        *txn,
                                          gint64              opportunity_id,
                                          gint64              customer_id,
                                          const char         *closed_at,
                                          GError            **error);
void     crm_closing_effects_clear       (CrmClosingEffects  *effects);

G_END_DECLS
