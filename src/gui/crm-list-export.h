/* crm-list-export.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "crm-query-model.h"

G_BEGIN_DECLS

void crm_list_export_choose_file (GtkWidget     *page,
                                  CrmQueryModel *model,
                                  const char    *title);
void crm_list_export_to_file     (GtkWidget     *page,
                                  CrmQueryModel *model,
                                  GFile         *file);

G_END_DECLS
