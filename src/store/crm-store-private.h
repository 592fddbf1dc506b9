/* crm-store-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "crm-store.h"

G_BEGIN_DECLS

#define CRM_STORE_APPLICATION_ID 0x50524f53 /* "PROS" */

typedef struct
{
  CrmStoreRuleFunc func;
  gpointer         user_data;
  GStrv            tables;     /* NULL: every table */
  GStrv            columns;    /* of an insert's fields; NULL: all */
} CrmStoreRule;

/* One table's columns, read from the schema once at open and never changed
 * afterwards, so both threads may read it without a lock. */
typedef struct
{
  char       *table;
  GPtrArray  *columns;      /* char *, in schema order */
  GHashTable *column_set;   /* char * -> GINT_TO_POINTER (index + 1) */
  GHashTable *not_null;     /* the columns that can never be NULL */
} CrmTableInfo;

struct _CrmStoreTxn
{
  CrmStore     *store;
  sqlite3      *db;
  CrmOrigin     origin;
  GCancellable *cancellable;
  guint         rule_depth;
};

struct _CrmStore
{
  GObject       parent_instance;

  char         *path;
  GMainContext *main_context;

  /* Main thread only. */
  sqlite3      *reader;
  GHashTable   *reader_statements;
  GPtrArray    *orders;            /* kept customer orders, crm-store-order.c */

  /* Writer thread only, once it runs (the main thread uses the connection
   * before the thread starts, to migrate). */
  sqlite3      *writer;
  GHashTable   *writer_statements;
  GHashTable   *pending_changes;   /* table -> GArray of gint64 */
  gint64        undo_group;
  gboolean      outbox_active;
  gboolean      rules_queue_outbox; /* a pull's rules queue what they change */
  gboolean      search_deferred;
  gboolean      bulk_checkpoints;  /* the WAL grows longer between checkpoints */

  /* The checkpointer (crm-store-checkpoint.c). */
  sqlite3      *checkpointer;
  GThread      *checkpointer_thread;
  GAsyncQueue  *checkpoint_requests;
  GMutex        checkpoint_lock;   /* held while either thread checkpoints */
  gint          checkpoint_asked;  /* atomic: a request waits or runs */
  int           checkpoint_next;   /* writer: the WAL's length to ask at */
  int           checkpoint_last_pages; /* writer: its length at the last commit */
  int           checkpoint_grown_at;   /* writer: the largest limit since it restarted */
  gint          checkpoints_made;  /* atomic: by the thread, for tests */
  int           checkpoint_pages;  /* tests: the limit for every job; 0: none */
  char         *job_now;           /* the job's timestamp, for created_at */
  GPtrArray    *job_notices;       /* char *, from rules */

  GThread      *writer_thread;
  GAsyncQueue  *jobs;

  /* Worker threads, under background_lock (crm-store-background.c). */
  GMutex        background_lock;
  sqlite3      *background;
  GHashTable   *background_statements;

  /* Set up at open, read-only afterwards. */
  GArray       *rules;             /* CrmStoreRule */
  CrmTableInfo *tables[CRM_N_ENTITIES];
  char         *today;             /* tests pin "today"; NULL: the clock */
  gboolean      closed;
};

/* crm-store-schema.c */
gboolean      _crm_store_migrate            (sqlite3       *db,
                                             const char    *path,
                                             GError       **error);
extern const char * const _crm_store_journaled_tables[];

/* crm-store.c */
sqlite3      *_crm_store_open_connection    (CrmStore      *self,
                                             const char    *path,
                                             int            flags,
                                             GError       **error);
gboolean      _crm_store_set_sqlite_error   (GError       **error,
                                             sqlite3       *db,
                                             int            rc,
                                             const char    *what);
sqlite3_stmt *_crm_store_prepare            (sqlite3       *db,
                                             GHashTable    *cache,
                                             const char    *sql,
                                             GError       **error);
CrmTableInfo *_crm_table_info_new           (sqlite3       *db,
                                             const char    *table);
void          _crm_table_info_free          (CrmTableInfo  *info);
gboolean      _crm_table_info_has           (CrmTableInfo  *info,
                                             const char    *column);
gboolean      _crm_table_info_is_nullable   (CrmTableInfo  *info,
                                             const char    *column);

char         *_crm_store_dup_today          (CrmStore      *self);

/* crm-store-txn.c */
gboolean      _crm_store_bind_variant       (sqlite3_stmt  *stmt,
                                             int            index,
                                             GVariant      *value);
gboolean      _crm_store_txn_undo           (CrmStoreTxn   *txn,
                                             gint64         undo_group,
                                             GError       **error);
gboolean      _crm_store_check_person_status (const char   *old_status,
                                              const char   *status,
                                              GError      **error);
gboolean      _crm_store_txn_add_status_entry (CrmStoreTxn  *txn,
                                               gint64        customer_id,
                                               const char   *old_status,
                                               const char   *status,
                                               CrmOrigin     origin,
                                               const char   *reason,
                                               const char   *now,
                                               GError      **error);
gboolean      _crm_store_rules_read_column  (CrmStore      *self,
                                             const char    *table,
                                             const char    *column);
gboolean      _crm_store_has_rules_for      (CrmStore      *self,
                                             const char    *table);
gboolean      _crm_store_txn_run_rules      (CrmStoreTxn   *txn,
                                             const char    *table,
                                             gint64         id,
                                             const char    *operation,
                                             GVariant      *changes,
                                             GError       **error);
GString      *_crm_store_insert_sql_begin   (CrmTableInfo  *info);
void          _crm_store_insert_sql_add_column
                                            (GString       *sql,
                                             const char    *column,
                                             guint         *n,
                                             guint         *given);
char         *_crm_store_insert_sql_end     (GString       *sql,
                                             CrmTableInfo  *info,
                                             guint          n,
                                             guint          given,
                                             guint         *defaults);
char         *_crm_store_insert_sql         (CrmTableInfo  *info,
                                             GVariant      *fields,
                                             const char    *extra,
                                             guint         *defaults);
void          _crm_store_bind_defaults      (CrmStoreTxn   *txn,
                                             sqlite3_stmt  *stmt,
                                             int            index,
                                             guint          defaults);

/* crm-store-board.c */
GVariant     *_crm_store_txn_place_new_card (CrmStoreTxn   *txn,
                                             GVariant      *fields);

/* crm-filter-sql.c */
char         *_crm_filter_to_sql            (CrmStore      *self,
                                             CrmEntityKind  kind,
                                             CrmFilter     *filter,
                                             const char    *search,
                                             GPtrArray     *binds,
                                             GError       **error);
char         *_crm_search_to_fts_query      (const char    *search);
char         *_crm_filter_to_row_sql        (CrmStore      *self,
                                             CrmEntityKind  kind,
                                             CrmFilter     *filter,
                                             GPtrArray     *binds,
                                             GError       **error);
char         *_crm_filter_set_sql           (CrmStore      *self,
                                             CrmFilter     *condition,
                                             GPtrArray     *binds,
                                             gboolean      *negated);
gboolean      _crm_filter_is_set_condition  (CrmFilter     *node);

/* crm-store-status.c */
char         *_crm_store_txn_dup_customer_text (CrmStoreTxn  *txn,
                                                gint64        customer_id,
                                                const char   *select,
                                                GError      **error);

/* crm-store-checkpoint.c */
gboolean      _crm_store_start_checkpoints  (CrmStore      *self,
                                             GError       **error);
void          _crm_store_stop_checkpoints   (CrmStore      *self);

/* crm-store-background.c */
void          _crm_store_close_background   (CrmStore      *self);

/* crm-store-order.c */
GArray       *_crm_store_query_customer_ids (CrmStore      *self,
                                             CrmFilter     *filter,
                                             const char    *search,
                                             const char    *sort_key,
                                             gboolean       descending,
                                             GError       **error);
void          _crm_store_forget_orders      (CrmStore      *self);

/* crm-store-read.c */
GArray       *_crm_store_query_ordered_ids  (CrmStore      *self,
                                             CrmEntityKind  kind,
                                             CrmFilter     *filter,
                                             const char    *search,
                                             const char    *sort_key,
                                             gboolean       descending,
                                             GError       **error);
GObject      *_crm_store_object_from_row    (CrmStore      *self,
                                             CrmEntityKind  kind,
                                             sqlite3_stmt  *stmt);
GType         _crm_entity_kind_get_gtype    (CrmEntityKind  kind);

G_END_DECLS
