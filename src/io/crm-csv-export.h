/* crm-csv-export.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "crm-types.h"

G_BEGIN_DECLS

gboolean crm_csv_export_customers (CrmStore    *store,
                                   CrmFilter   *filter,
                                   const char  *path,
                                   guint       *n_rows,
                                   GError     **error);

G_END_DECLS
