/* crm-sync-refusal.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-sync"

#include "config.h"

#include "crm-date.h"
#include "crm-store-closing.h"
#include "crm-store-sync.h"
#include "crm-sync-refusal.h"
#include "crm-sync-resource.h"

/*
 * A move of a card into a closed stage does more than the move: it writes
 * a note on the customer ("Closed Lost — reason: Price") and, for Closed
 * Lost, makes the lead an Unqualified Lead. When the server refuses the
 * move, the card goes back to the server's stage, and what the move did
 * besides goes too, here and in the outbox, so that none of it is sent as
 * if the deal had closed.
 */

/* Writer thread. The note goes: a note not sent yet leaves the outbox
 * with it, one the server has already is deleted there too. */
static gboolean
take_back_note (CrmStoreTxn              *txn,
                const CrmClosingEffects  *effects,
                GError                  **error)
{
  static const char * const states[] = { "pending", "failed" };

  if (effects->note_uuid != NULL)
    {
      if (crm_store_txn_queue_delete (txn, CRM_ENTITY_ACTIVITY, effects->note_id,
                                      effects->note_uuid, error) == 0)
        return FALSE;
    }
  else
    {
      for (guint i = 0; i < G_N_ELEMENTS (states); i++)
        {
          gint64 change = crm_store_txn_find_change (txn, CRM_ENTITY_ACTIVITY, effects->note_id,
                                                     "create", states[i]);

          if (change > 0 && !crm_store_txn_remove_change (txn, change, error))
            return FALSE;
        }
    }

  g_debug ("Taking back closing note %" G_GINT64_FORMAT, effects->note_id);
  return crm_store_txn_delete (txn, CRM_ENTITY_ACTIVITY, effects->note_id, error);
}

/* Whether the customer holds here what the server last sent. */
static gboolean
customer_is_as_on_server (CrmStoreTxn  *txn,
                          gint64        customer_id,
                          GError      **error)
{
  const CrmSyncResource *resource = crm_sync_resource_get (CRM_ENTITY_CUSTOMER);
  g_autoptr(GVariant) row = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, customer_id, error);
  g_auto(GStrv) tags = NULL;
  g_autofree char *base_text = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(JsonObject) local = NULL;
  g_autoptr(JsonObject) base = NULL;
  g_autoptr(GPtrArray) columns = NULL;

  if (row == NULL ||
      !crm_store_txn_get_sync_base (txn, CRM_ENTITY_CUSTOMER, customer_id, &base_text, &hash,
                                    error))
    return FALSE;

  base = crm_sync_resource_parse_values (base_text);
  if (base == NULL)
    return FALSE;

  tags = crm_store_txn_dup_tags (txn, customer_id);
  local = crm_sync_resource_values_from_row (resource, row, (const char * const *) tags);
  columns = crm_sync_resource_dup_columns (resource, local, base, NULL);
  for (guint i = 0; i < columns->len; i++)
    if (!crm_sync_values_equal (local, base, g_ptr_array_index (columns, i)))
      return FALSE;

  return TRUE;
}

/* The lead's status goes back, unless the rep set another since. Its
 * update then goes from the outbox when nothing else is left to send, or
 * is queued when the server already has the status the close set. */
static gboolean
take_back_status (CrmStoreTxn              *txn,
                  gint64                    customer_id,
                  const CrmClosingEffects  *effects,
                  GError                  **error)
{
  g_autoptr(GVariant) customer = crm_store_txn_get_row (txn, CRM_ENTITY_CUSTOMER, customer_id,
                                                        error);
  g_autofree char *now = crm_timestamp_now ();
  g_autoptr(GError) local_error = NULL;
  const char *status = NULL;
  gint64 change;

  if (customer == NULL)
    return FALSE;

  g_variant_lookup (customer, "status", "&s", &status);
  if (effects->old_status == NULL || g_strcmp0 (status, effects->new_status) != 0)
    return TRUE;

  /* With its own time stamp, the status change adds no timeline entry;
   * the close's entry goes, as the close did not happen. */
  g_debug ("Taking back the status customer %" G_GINT64_FORMAT " got from a close",
           customer_id);
  if (!crm_store_txn_update (txn, CRM_ENTITY_CUSTOMER, customer_id,
                             g_variant_new_parsed ("{'status': <%s>, 'status_changed_at': <%s>}",
                                                   effects->old_status, now),
                             error) ||
      !crm_store_txn_delete (txn, CRM_ENTITY_ACTIVITY, effects->status_entry_id, error))
    return FALSE;

  change = crm_store_txn_find_change (txn, CRM_ENTITY_CUSTOMER, customer_id, "update",
                                      "pending");
  if (customer_is_as_on_server (txn, customer_id, &local_error))
    return change == 0 || crm_store_txn_remove_change (txn, change, error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  return change > 0 ||
         crm_store_txn_queue_change (txn, CRM_ENTITY_CUSTOMER, customer_id, "update", error) > 0;
}

/**
 * crm_sync_take_back_move:
 * @txn: the open transaction
 * @opportunity_id: an opportunity whose move the server refused
 * @before: its row as the move left it, before it went back to the
 *   server's stage
 * @error: return location for a #GError
 *
 * Takes back what the move did besides: the closing note and the lead
 * status a close set, with their outbox rows.
 *
 * Returns: %TRUE on success
 */
gboolean
crm_sync_take_back_move (CrmStoreTxn  *txn,
                         gint64        opportunity_id,
                         GVariant     *before,
                         GError      **error)
{
  g_autoptr(GVariant) after = NULL;
  const char *entered = NULL;
  const char *old_stage = NULL;
  const char *stage = NULL;
  gint64 customer_id = 0;
  CrmClosingEffects effects;
  gboolean ok;

  g_return_val_if_fail (txn != NULL, FALSE);
  g_return_val_if_fail (before != NULL, FALSE);

  after = crm_store_txn_get_row (txn, CRM_ENTITY_OPPORTUNITY, opportunity_id, error);
  if (after == NULL)
    return FALSE;

  g_variant_lookup (before, "stage", "&s", &old_stage);
  g_variant_lookup (after, "stage", "&s", &stage);
  g_variant_lookup (before, "stage_entered_at", "&s", &entered);
  g_variant_lookup (before, "customer_id", "x", &customer_id);
  if (g_strcmp0 (old_stage, stage) == 0 || entered == NULL || customer_id <= 0)
    return TRUE;

  if (!crm_store_txn_find_closing (txn, customer_id, entered, &effects, error))
    return FALSE;

  ok = (effects.note_id == 0 || take_back_note (txn, &effects, error)) &&
       (effects.status_entry_id == 0 || take_back_status (txn, customer_id, &effects, error));
  crm_closing_effects_clear (&effects);

  return ok;
}
