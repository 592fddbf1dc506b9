/* test-util.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "crm-csv-import.h"
#include "crm-query-model.h"
#include "crm-store.h"

G_BEGIN_DECLS

char     *test_make_temp_dir    (const char    *tmpl);
void      test_remove_tree      (const char    *path);
char     *test_temp_db          (void);
char     *test_read_migration   (const char    *name);
void      test_exec_raw         (const char    *path,
                                 const char    *sql);

/* Takes a closed book back to schema 6, the last before the attribute
 * index (0007): what 0007 to 0010 made is dropped (0010 makes its tables
 * and triggers again by itself). */
#define TEST_BACK_TO_SCHEMA_6 \
  "DROP TRIGGER customers_attributes_insert;" \
  "DROP TRIGGER customers_attributes_insert_deferred;" \
  "DROP TRIGGER customers_attributes_update;" \
  "DROP TRIGGER customers_attributes_update_deferred;" \
  "DROP TRIGGER customers_attributes_delete;" \
  "DROP TABLE customer_attributes;" \
  "DROP TABLE customer_attributes_dirty;" \
  "DROP INDEX outbox_pending_deletes;" \
  "DROP VIEW customer_activity_times;" \
  "PRAGMA user_version = 6;"
CrmStore *test_open_store       (void);
gint64    test_insert           (CrmStore      *store,
                                 CrmEntityKind  kind,
                                 GVariant      *fields);
gint64    test_insert_as        (CrmStore      *store,
                                 CrmOrigin      origin,
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
gint64    test_update_as        (CrmStore      *store,
                                 CrmOrigin      origin,
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

GPtrArray *test_load_all              (CrmStore      *store,
                                       CrmEntityKind  kind,
                                       const char    *sort_key);
gint64     test_record_id             (gpointer       object);
char      *test_dup_sorted_attributes (JsonObject    *attributes);

/* CSV import: the acceptance cases' files, and one that repeats the
 * customer of test_open_store_with_existing() */
extern const char test_c1_bytes[];
extern const char test_c2_cp1252[];
extern const char test_c2_utf8[];
extern const char test_duplicates_csv[];

CrmStore         *test_open_store_with_existing (void);
GBytes           *test_bytes_of                 (const char          *text);
CrmImportSummary *test_import_bytes             (CrmStore            *store,
                                                 GBytes              *bytes,
                                                 const char          *encoding,
                                                 CrmImportDuplicates  duplicates);
CrmImportSummary *test_import_text              (CrmStore            *store,
                                                 const char          *text,
                                                 CrmImportDuplicates  duplicates);
void              test_assert_counts            (CrmImportSummary    *summary,
                                                 guint                created,
                                                 guint                updated,
                                                 guint                skipped);

G_END_DECLS
