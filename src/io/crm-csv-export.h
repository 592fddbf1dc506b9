/* crm-csv-export.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "crm-types.h"

G_BEGIN_DECLS

gboolean crm_csv_export_list          (CrmStore             *store,
                                       CrmEntityKind         kind,
                                       CrmFilter            *filter,
                                       const char           *search,
                                       const char           *path,
                                       guint                *n_rows,
                                       GError              **error);
void     crm_csv_export_list_async    (CrmStore             *store,
                                       CrmEntityKind         kind,
                                       CrmFilter            *filter,
                                       const char           *search,
                                       const char           *path,
                                       GCancellable         *cancellable,
                                       GAsyncReadyCallback   callback,
                                       gpointer              user_data);
gboolean crm_csv_export_list_finish   (CrmStore             *store,
                                       GAsyncResult         *result,
                                       guint                *n_rows,
                                       GError              **error);
gboolean crm_csv_export_customers     (CrmStore             *store,
                                       CrmFilter            *filter,
                                       const char           *path,
                                       guint                *n_rows,
                                       GError              **error);

G_END_DECLS
