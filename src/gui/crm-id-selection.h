/* crm-id-selection.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "crm-query-model.h"

G_BEGIN_DECLS

#define CRM_TYPE_ID_SELECTION (crm_id_selection_get_type ())

G_DECLARE_FINAL_TYPE (CrmIdSelection, crm_id_selection, CRM, ID_SELECTION, GObject)

CrmIdSelection *crm_id_selection_new (CrmQueryModel *model);

G_END_DECLS
