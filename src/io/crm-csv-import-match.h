/* crm-csv-import-match.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Finds duplicates: customers already stored and rows seen earlier in the
 * file, by stable id first and by folded email second. Used by one thread
 * at a time (the import job's). */
typedef struct _CrmImportIndex CrmImportIndex;

CrmImportIndex *crm_import_index_new            (void);
void            crm_import_index_free           (CrmImportIndex *self);

void            crm_import_index_add_customer   (CrmImportIndex *self,
                                                 gint64          customer_id,
                                                 const char     *external_id,
                                                 const char     *email);
gint64          crm_import_index_find_customer  (CrmImportIndex *self,
                                                 const char     *external_id,
                                                 const char     *email_key);
gboolean        crm_import_index_has_external_id (CrmImportIndex *self,
                                                 const char     *external_id);

void            crm_import_index_add_contact    (CrmImportIndex *self,
                                                 gint64          customer_id,
                                                 gint64          contact_id,
                                                 gint64          position);
gint64          crm_import_index_find_contact   (CrmImportIndex *self,
                                                 gint64          customer_id);

void            crm_import_index_add_row        (CrmImportIndex *self,
                                                 const char     *external_id,
                                                 const char     *email_key,
                                                 guint           line);
guint           crm_import_index_find_row       (CrmImportIndex *self,
                                                 const char     *external_id,
                                                 const char     *email_key,
                                                 gboolean       *by_id);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CrmImportIndex, crm_import_index_free)

G_END_DECLS
