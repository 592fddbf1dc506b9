/* crm-api-page.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

#define CRM_TYPE_API_PAGE (crm_api_page_get_type ())

typedef struct _CrmApiPage CrmApiPage;

/**
 * CrmApiPageMapFunc:
 * @entries: the page's entries, each a JSON object
 * @user_data: the data given with the function
 * @error: where to put why the entries cannot be used
 *
 * Turns the entries of a page into what its caller keeps, on the thread
 * that parsed the page (never the main thread). It may only read
 * @user_data.
 *
 * Returns: (transfer full) (nullable): the mapped entries; %NULL with
 *   @error set fails the page
 */
typedef gpointer (*CrmApiPageMapFunc) (JsonArray  *entries,
                                       gpointer    user_data,
                                       GError    **error);

GType        crm_api_page_get_type         (void) G_GNUC_CONST;
CrmApiPage  *crm_api_page_parse            (GBytes             *body,
                                            const char         *sent_cursor,
                                            GError            **error);
CrmApiPage  *crm_api_page_ref              (CrmApiPage         *self);
void         crm_api_page_unref            (CrmApiPage         *self);
JsonArray   *crm_api_page_get_entries      (CrmApiPage         *self);
guint        crm_api_page_get_n_entries    (CrmApiPage         *self);
const char  *crm_api_page_get_next_cursor  (CrmApiPage         *self);
gboolean     crm_api_page_has_more         (CrmApiPage         *self);
gboolean     crm_api_page_map              (CrmApiPage         *self,
                                            CrmApiPageMapFunc   func,
                                            gpointer            user_data,
                                            GError            **error);
gpointer     crm_api_page_get_mapped       (CrmApiPage         *self);
gpointer     crm_api_page_steal_mapped     (CrmApiPage         *self,
                                            GDestroyNotify     *destroy);
void         crm_api_page_set_mapped_free  (CrmApiPage         *self,
                                            GDestroyNotify      destroy);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmApiPage, crm_api_page_unref)

G_END_DECLS
