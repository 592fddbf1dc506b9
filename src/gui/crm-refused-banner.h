/* crm-refused-banner.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-store.h"
#include "crm-store-sync.h"
#include "crm-sync-session.h"

G_BEGIN_DECLS

#define CRM_TYPE_REFUSED_BANNER (crm_refused_banner_get_type ())

G_DECLARE_FINAL_TYPE (CrmRefusedBanner, crm_refused_banner, CRM, REFUSED_BANNER, GtkWidget)

GtkWidget *crm_refused_banner_new             (void);
void       crm_refused_banner_set_customer    (CrmRefusedBanner *self,
                                               CrmStore         *store,
                                               gint64            customer_id);
void       crm_refused_banner_set_session     (CrmRefusedBanner *self,
                                               CrmSyncSession   *session);
guint      crm_refused_banner_get_n_changes   (CrmRefusedBanner *self);

/* Plain function, tested on its own. */
GPtrArray *crm_refused_banner_filter          (CrmStore         *store,
                                               GPtrArray        *failed,
                                               gint64            customer_id);

G_END_DECLS
