/* crm-fake-server-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <libsoup/soup.h>

#include "crm-fake-server.h"

G_BEGIN_DECLS

typedef struct
{
  char             *method;
  char             *path;
  char             *query;
  guint             skip;
  guint             times;
  CrmFakeFaultKind  kind;
  guint             status;
  char             *retry_after;
  char             *body;
  guint             delay_ms;

  guint             matched;
  guint             applied;
} FakeFault;

typedef struct
{
  guint64     seq;
  char       *uuid;
  JsonObject *object;
} FakeRecord;

typedef struct
{
  const char       *name;
  const char       *uuid_key;
  const char       *uuid_prefix;
  gboolean          by_customer_since;
  gboolean          has_timestamps;
  GPtrArray        *records;        /* FakeRecord, in the order they came */
  GHashTable       *by_uuid;

  CrmFakeGenerator  generator;
  CrmFakeTextGenerator text_generator;
  gpointer          generator_data;
  guint             n_generated;
} FakeResource;

struct _CrmFakeServer
{
  GRecMutex          lock;

  SoupServer        *server;
  char              *url;
  char              *authorization;
  CrmSyncClock      *clock;
  guint              page_size;

  GHashTable        *resources;     /* name → FakeResource */
  guint64            next_seq;
  gint64             next_customer_id;

  GPtrArray         *faults;        /* FakeFault */
  GPtrArray         *requests;      /* CrmFakeRequest */
  CrmFakeServerHook  hook;
  gpointer           hook_data;

  GMainContext      *context;
  GThread           *thread;
  GMainLoop         *loop;
  GMutex             ready_mutex;
  GCond              ready_cond;
  gboolean           ready;
};

/* crm-fake-server.c */
gint64  _crm_fake_server_now              (CrmFakeServer     *self);
void    _crm_fake_server_set_json         (SoupServerMessage *msg,
                                           guint              status,
                                           const char        *json);

/* crm-fake-server-records.c */
void    _crm_fake_server_init_resources   (CrmFakeServer     *self);
void    _crm_fake_server_clear_resources  (CrmFakeServer     *self);
FakeResource *_crm_fake_server_get_resource (CrmFakeServer   *self,
                                             const char      *name);
char         *_crm_fake_server_dup_now      (CrmFakeServer   *self);
const char   *_crm_fake_get_string          (JsonObject      *object,
                                             const char      *key);
char         *_crm_fake_server_list         (CrmFakeServer   *self,
                                             FakeResource    *resource,
                                             GHashTable      *query,
                                             gboolean         search,
                                             guint           *n_matched);
FakeRecord   *_crm_fake_server_lookup       (CrmFakeServer   *self,
                                             const char      *resource,
                                             const char      *uuid);
FakeRecord   *_crm_fake_server_insert       (CrmFakeServer   *self,
                                             FakeResource    *resource,
                                             JsonObject      *object);
void          _crm_fake_server_delete       (CrmFakeServer   *self,
                                             FakeResource    *resource,
                                             FakeRecord      *record);
void          _crm_fake_server_delete_children (CrmFakeServer *self,
                                                const char    *customer_uuid);

/* crm-fake-server-routes.c */
void          _crm_fake_server_route        (CrmFakeServer     *self,
                                             SoupServerMessage *msg,
                                             const char        *path,
                                             GHashTable        *query);
JsonObject   *_crm_fake_server_complete     (CrmFakeServer     *self,
                                             const char        *resource,
                                             JsonObject        *given);

G_END_DECLS
