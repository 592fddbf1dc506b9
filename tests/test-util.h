/* test-util.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-query-model.h"
#include "crm-store.h"

G_BEGIN_DECLS

char     *test_temp_db          (void);
CrmStore *test_open_store       (void);
gint64    test_insert           (CrmStore      *store,
                                 CrmEntityKind  kind,
                                 GVariant      *fields);
void      test_insert_fails     (CrmStore      *store,
                                 CrmEntityKind  kind,
                                 GVariant      *fields,
                                 CrmStoreError  code);
gint64    test_update           (CrmStore      *store,
                                 CrmEntityKind  kind,
                                 gint64         id,
                                 GVariant      *fields);
gint64    test_delete           (CrmStore      *store,
                                 CrmEntityKind  kind,
                                 gint64         id);
void      test_undo             (CrmStore      *store,
                                 gint64         group);
void      test_undo_fails       (CrmStore      *store,
                                 gint64         group);
void      test_set_setting      (CrmStore      *store,
                                 const char    *key,
                                 const char    *value);
gint64    test_set_status       (CrmStore      *store,
                                 gint64         customer,
                                 const char    *status,
                                 CrmOrigin      origin,
                                 GError       **error);
void      test_set_tags         (CrmStore      *store,
                                 gint64         customer,
                                 const char   **tags);
void      test_wait_for_refresh (CrmQueryModel *model);
char     *test_query_string     (CrmStore      *store,
                                 const char    *sql);
guint     test_assert_attribute_index (CrmStore *store);

G_END_DECLS
