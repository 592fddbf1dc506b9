/* crm-customer-format.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* What the customer page shows, decided without any widget, so that tests
 * can check it without a display. */

char      *crm_customer_format_humanize_key  (const char  *key);
char      *crm_customer_format_json_value    (JsonNode    *node);
GPtrArray *crm_customer_format_attributes    (JsonObject  *attributes);
char      *crm_customer_format_date          (const GDate *date);
char      *crm_customer_format_timestamp     (GDateTime   *datetime);
char      *crm_customer_format_day           (GDateTime   *when,
                                              GDateTime   *now);
char      *crm_customer_format_due           (const GDate *due,
                                              const GDate *today);
char      *crm_customer_format_duration      (gint64       seconds);
char      *crm_customer_format_owner         (const char  *owner,
                                              const char  *me_email,
                                              const char  *me_name);
char      *crm_customer_format_address       (const char  *street,
                                              const char  *city,
                                              const char  *zip,
                                              const char  *state,
                                              const char  *country);
char      *crm_customer_format_web_uri       (const char  *website);
char      *crm_customer_format_linkedin_uri  (const char  *linkedin);
char      *crm_customer_format_delete_body   (guint        n_contacts,
                                              guint        n_tasks,
                                              guint        n_opportunities,
                                              guint        n_activities);
char      *crm_customer_format_subscription_span (const GDate *started_on,
                                                const GDate *ended_on,
                                                const GDate *today);
gboolean   crm_customer_email_is_valid       (const char  *email);

G_END_DECLS
