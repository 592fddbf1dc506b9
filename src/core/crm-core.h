/* crm-core.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-types.h"
#include "crm-core-enums.h"

#include "crm-activity.h"
#include "crm-builtin-lists.h"
#include "crm-contact.h"
#include "crm-country.h"
#include "crm-customer.h"
#include "crm-date.h"
#include "crm-filter.h"
#include "crm-filter-fields.h"
#include "crm-lifecycle.h"
#include "crm-money.h"
#include "crm-opportunity.h"
#include "crm-pipeline.h"
#include "crm-record.h"
#include "crm-routing.h"
#include "crm-routing-rule.h"
#include "crm-saved-list.h"
#include "crm-stage.h"
#include "crm-status.h"
#include "crm-subscription.h"
#include "crm-task.h"
#include "crm-template.h"
