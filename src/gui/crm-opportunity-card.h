/* crm-opportunity-card.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-opportunity.h"

G_BEGIN_DECLS

#define CRM_TYPE_OPPORTUNITY_CARD (crm_opportunity_card_get_type ())

G_DECLARE_FINAL_TYPE (CrmOpportunityCard, crm_opportunity_card,
                      CRM, OPPORTUNITY_CARD, GtkWidget)

GtkWidget      *crm_opportunity_card_new               (void);
CrmOpportunity *crm_opportunity_card_get_opportunity   (CrmOpportunityCard  *self);
void            crm_opportunity_card_set_opportunity   (CrmOpportunityCard  *self,
                                                        CrmOpportunity      *opportunity);
gint64          crm_opportunity_card_get_id            (CrmOpportunityCard  *self);
void            crm_opportunity_card_set_customer_name (CrmOpportunityCard  *self,
                                                        const char          *name);
void            crm_opportunity_card_set_me            (CrmOpportunityCard  *self,
                                                        const char          *email,
                                                        const char          *name);
void            crm_opportunity_card_set_stale         (CrmOpportunityCard  *self,
                                                        gboolean             stale,
                                                        guint                idle_days);
gboolean        crm_opportunity_card_get_stale         (CrmOpportunityCard  *self);
void            crm_opportunity_card_set_refused       (CrmOpportunityCard  *self,
                                                        const char          *message);
const char     *crm_opportunity_card_get_refused       (CrmOpportunityCard  *self);
void            crm_opportunity_card_set_stages        (CrmOpportunityCard  *self,
                                                        const char * const  *stages);
GMenuModel     *crm_opportunity_card_dup_menu          (CrmOpportunityCard  *self);
void            crm_opportunity_card_popup_menu        (CrmOpportunityCard  *self);
GtkMenuButton  *crm_opportunity_card_get_menu_button   (CrmOpportunityCard  *self);
const char     *crm_opportunity_card_get_owner_text    (CrmOpportunityCard  *self);
const char     *crm_opportunity_card_get_days_text     (CrmOpportunityCard  *self);

/* Plain functions, tested without a display. */
guint           crm_opportunity_card_days_since        (GDateTime           *since,
                                                        const GDate         *today);
guint           crm_opportunity_card_days_in_stage     (CrmOpportunity      *opportunity,
                                                        const GDate         *today);
char           *crm_opportunity_card_format_days       (guint                in_stage,
                                                        gboolean             stale,
                                                        guint                idle_days);
gboolean        crm_opportunity_card_is_stale          (CrmOpportunity      *opportunity,
                                                        GDateTime           *last_activity_at,
                                                        gint64               stale_days,
                                                        gboolean             has_future_task,
                                                        const GDate         *today,
                                                        guint               *idle_days);
char           *crm_opportunity_card_format_close_on   (const GDate         *close_on,
                                                        const GDate         *today);

G_END_DECLS
