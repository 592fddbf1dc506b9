/* crm-query-model.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-query-model"

#include "config.h"

#include "crm-filter.h"
#include "crm-query-model.h"
#include "crm-store-private.h"

/* A list of records as a GListModel: the filter, search and sort run in
 * SQL and yield ids; a record becomes an object only when asked for. While
 * anyone holds an item, the model hands out that same object and keeps it
 * up to date, so bound widgets follow edits without a reload. */
struct _CrmQueryModel
{
  GObject        parent_instance;

  /* owned */
  CrmStore      *store;
  CrmFilter     *filter;
  char          *search;
  char          *sort_key;
  GArray        *ids;
  GHashTable    *live;        /* id -> GObject, not owned (weak) */
  GHashTable    *live_keys;   /* GObject -> its key in live */
  GArray        *stale;       /* ids of live objects to update, in turn */

  /* state */
  CrmEntityKind  kind;
  gboolean       descending;
  guint          refresh_source;
  guint          update_source;
  gulong         changed_handler;
  guint          freeze_count;
  gboolean       query_pending;  /* frozen with a query to run at thaw */
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_KIND,
  PROP_N_ITEMS,
  PROP_FROZEN,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CrmQueryModel, crm_query_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GType
crm_query_model_get_item_type (GListModel *model)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (model);

  return _crm_entity_kind_get_gtype (self->kind);
}

static guint
crm_query_model_get_n_items (GListModel *model)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (model);

  return self->ids->len;
}

/* A selection can hold 100,000 rows alive: looked up, not searched for. */
static void
on_live_object_finalized (gpointer  data,
                          GObject  *where_the_object_was)
{
  CrmQueryModel *self = data;
  gpointer key = g_hash_table_lookup (self->live_keys, where_the_object_was);

  if (key == NULL)
    return;

  g_hash_table_remove (self->live_keys, where_the_object_was);
  g_hash_table_remove (self->live, key);
}

static gint64 *
id_key (gint64 id)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  return key;
}

static gpointer
crm_query_model_get_item (GListModel *model,
                          guint       position)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (model);
  g_autoptr(GError) error = NULL;
  GObject *object;
  gint64 *key;
  gint64 id;

  if (position >= self->ids->len)
    return NULL;

  id = g_array_index (self->ids, gint64, position);
  object = g_hash_table_lookup (self->live, &id);
  if (object != NULL)
    return g_object_ref (object);

  object = crm_store_load (self->store, self->kind, id, &error);
  if (object == NULL)
    {
      /* The row went between the id query and now; the refresh that the
       * deletion queued will drop it. Hand out an empty record. */
      g_debug ("Record %" G_GINT64_FORMAT " is gone: %s", id, error->message);
      return g_object_new (_crm_entity_kind_get_gtype (self->kind), "id", id, NULL);
    }

  key = id_key (id);
  g_hash_table_insert (self->live, key, object);
  g_hash_table_insert (self->live_keys, object, key);
  g_object_weak_ref (object, on_live_object_finalized, self);

  return object;
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = crm_query_model_get_item_type;
  iface->get_n_items = crm_query_model_get_n_items;
  iface->get_item = crm_query_model_get_item;
}

/* Copies every property that differs from @fresh onto @object; the
 * setters notify only real changes. */
static void
update_live_object (GObject *object,
                    GObject *fresh)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (object), &n_pspecs);
  g_object_freeze_notify (object);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;
      GParamSpec *pspec = pspecs[i];

      if ((pspec->flags & (G_PARAM_READWRITE)) != G_PARAM_READWRITE ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY))
        continue;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (fresh, pspec->name, &value);
      g_object_set_property (object, pspec->name, &value);
    }
  g_object_thaw_notify (object);
}

static void
update_live_id (CrmQueryModel *self,
                gint64         id)
{
  g_autoptr(GObject) fresh = NULL;
  GObject *object = g_hash_table_lookup (self->live, &id);

  if (object == NULL)
    return;

  fresh = crm_store_load (self->store, self->kind, id, NULL);
  if (fresh != NULL)
    update_live_object (object, fresh);
}

/* A few dozen live objects are brought up to date at once; more (a bulk
 * edit of rows a selection holds) in slices of this much time, so that
 * frames go on in between. */
#define UPDATE_AT_ONCE 64
#define UPDATE_SLICE_US (8 * G_TIME_SPAN_MILLISECOND)

static gboolean
update_idle_cb (gpointer user_data)
{
  CrmQueryModel *self = user_data;
  gint64 deadline = g_get_monotonic_time () + UPDATE_SLICE_US;
  guint done = 0;

  while (done < self->stale->len && g_get_monotonic_time () < deadline)
    update_live_id (self, g_array_index (self->stale, gint64, done++));

  g_array_remove_range (self->stale, 0, done);
  if (self->stale->len > 0)
    return G_SOURCE_CONTINUE;

  self->update_source = 0;
  return G_SOURCE_REMOVE;
}

static void
update_live_objects (CrmQueryModel *self,
                     GArray        *ids)
{
  guint n_live = 0;

  for (guint i = 0; i < ids->len && n_live <= UPDATE_AT_ONCE; i++)
    if (g_hash_table_contains (self->live, &g_array_index (ids, gint64, i)))
      n_live++;

  if (n_live <= UPDATE_AT_ONCE && self->update_source == 0)
    {
      for (guint i = 0; i < ids->len; i++)
        update_live_id (self, g_array_index (ids, gint64, i));
      return;
    }

  for (guint i = 0; i < ids->len; i++)
    if (g_hash_table_contains (self->live, &g_array_index (ids, gint64, i)))
      g_array_append_val (self->stale, g_array_index (ids, gint64, i));

  if (self->update_source == 0)
    self->update_source = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, update_idle_cb, self, NULL);
}

/* Past this size, a change that both removes and adds is told as a removal
 * then an addition: GTK 4.8's list views fetch every added item of a
 * change that also removes, to match rows they could keep, and at 100,000
 * rows that means loading them all. */
#define SPLIT_CHANGE_SIZE 512

/* Replaces the ids and emits one items-changed over the span that differs,
 * found by trimming the unchanged start and end. */
static void
apply_ids (CrmQueryModel *self,
           GArray        *ids)
{
  GArray *old = self->ids;
  guint prefix = 0;
  guint suffix = 0;
  guint removed, added;

  while (prefix < old->len && prefix < ids->len &&
         g_array_index (old, gint64, prefix) == g_array_index (ids, gint64, prefix))
    prefix++;

  while (suffix < old->len - prefix && suffix < ids->len - prefix &&
         g_array_index (old, gint64, old->len - 1 - suffix) ==
         g_array_index (ids, gint64, ids->len - 1 - suffix))
    suffix++;

  removed = old->len - prefix - suffix;
  added = ids->len - prefix - suffix;

  if (removed >= SPLIT_CHANGE_SIZE && added >= SPLIT_CHANGE_SIZE)
    {
      /* Between the two signals the model holds what both keep. */
      self->ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), prefix + suffix);
      g_array_append_vals (self->ids, old->data, prefix);
      g_array_append_vals (self->ids, &g_array_index (old, gint64, old->len - suffix), suffix);
      g_array_unref (old);
      g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, 0);

      old = self->ids;
      removed = 0;
    }

  self->ids = g_array_ref (ids);
  g_array_unref (old);

  if (removed == 0 && added == 0)
    return;

  g_list_model_items_changed (G_LIST_MODEL (self), prefix, removed, added);
  if (removed != added)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * crm_query_model_refresh:
 * @self: a #CrmQueryModel
 *
 * Runs the query again now and emits the smallest items-changed. The
 * model does this by itself after changes to the store. While the model
 * is frozen, the query waits for crm_query_model_thaw().
 */
void
crm_query_model_refresh (CrmQueryModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;

  g_return_if_fail (CRM_IS_QUERY_MODEL (self));

  g_clear_handle_id (&self->refresh_source, g_source_remove);

  if (self->freeze_count > 0)
    {
      self->query_pending = TRUE;
      return;
    }
  self->query_pending = FALSE;

  ids = crm_store_query_ids (self->store, self->kind, self->filter, self->search,
                             self->sort_key, self->descending, &error);
  if (ids == NULL)
    {
      g_warning ("Failed to list %s: %s", crm_entity_kind_get_table (self->kind),
                 error->message);
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
    }

  apply_ids (self, ids);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CrmQueryModel *self = user_data;

  self->refresh_source = 0;
  crm_query_model_refresh (self);

  return G_SOURCE_REMOVE;
}

static gboolean
table_affects_model (CrmQueryModel *self,
                     const char    *table)
{
  const char *own = crm_entity_kind_get_table (self->kind);

  if (g_str_equal (table, own) || g_str_equal (table, "settings"))
    return TRUE;

  /* Customers are found through their contacts and tags too. */
  return self->kind == CRM_ENTITY_CUSTOMER &&
         (g_str_equal (table, "contacts") || g_str_equal (table, "tags"));
}

static void
on_store_changed_cb (CrmStore      *store,
                     const char    *table,
                     GArray        *ids,
                     CrmQueryModel *self)
{
  if (!table_affects_model (self, table))
    return;

  if (g_str_equal (table, crm_entity_kind_get_table (self->kind)))
    update_live_objects (self, ids);

  if (self->freeze_count > 0)
    {
      self->query_pending = TRUE;
      return;
    }

  /* A burst of commits costs one query. */
  if (self->refresh_source == 0)
    self->refresh_source = g_idle_add_full (G_PRIORITY_HIGH_IDLE, refresh_idle_cb,
                                            self, NULL);
}

static void
crm_query_model_constructed (GObject *object)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (object);

  G_OBJECT_CLASS (crm_query_model_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->changed_handler = g_signal_connect (self->store, "changed",
                                            G_CALLBACK (on_store_changed_cb), self);

  /* Frozen from the start, it lists nothing until thawed. */
  crm_query_model_refresh (self);
}

static void
forget_live_objects (CrmQueryModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->live);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_object_weak_unref (value, on_live_object_finalized, self);
  g_hash_table_remove_all (self->live_keys);
  g_hash_table_remove_all (self->live);
}

static void
crm_query_model_dispose (GObject *object)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (object);

  g_clear_handle_id (&self->refresh_source, g_source_remove);
  g_clear_handle_id (&self->update_source, g_source_remove);
  g_clear_signal_handler (&self->changed_handler, self->store);
  forget_live_objects (self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (crm_query_model_parent_class)->dispose (object);
}

static void
crm_query_model_finalize (GObject *object)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (object);

  g_clear_pointer (&self->filter, crm_filter_unref);
  g_clear_pointer (&self->search, g_free);
  g_clear_pointer (&self->sort_key, g_free);
  g_clear_pointer (&self->ids, g_array_unref);
  g_clear_pointer (&self->live_keys, g_hash_table_unref);
  g_clear_pointer (&self->live, g_hash_table_unref);
  g_clear_pointer (&self->stale, g_array_unref);

  G_OBJECT_CLASS (crm_query_model_parent_class)->finalize (object);
}

static void
crm_query_model_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_KIND:
      g_value_set_int (value, self->kind);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->ids->len);
      break;
    case PROP_FROZEN:
      g_value_set_boolean (value, self->freeze_count > 0);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_query_model_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CrmQueryModel *self = CRM_QUERY_MODEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_int (value);
      break;
    case PROP_FROZEN:
      /* Construct-only: the one freeze that crm_query_model_new_frozen()
       * asks for. */
      if (g_value_get_boolean (value))
        self->freeze_count = 1;
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_query_model_class_init (CrmQueryModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = crm_query_model_constructed;
  object_class->dispose = crm_query_model_dispose;
  object_class->finalize = crm_query_model_finalize;
  object_class->get_property = crm_query_model_get_property;
  object_class->set_property = crm_query_model_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_KIND] =
    g_param_spec_int ("kind", NULL, NULL, 0, CRM_N_ENTITIES - 1, 0,
                      G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FROZEN] =
    g_param_spec_boolean ("frozen", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_query_model_init (CrmQueryModel *self)
{
  self->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->live = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->live_keys = g_hash_table_new (NULL, NULL);
  self->stale = g_array_new (FALSE, FALSE, sizeof (gint64));
}

/**
 * crm_query_model_new:
 * @store: the store
 * @kind: the kind of record listed
 *
 * Returns: (transfer full): a model of all records of @kind, by id
 */
CrmQueryModel *
crm_query_model_new (CrmStore      *store,
                     CrmEntityKind  kind)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < CRM_N_ENTITIES, NULL);

  return g_object_new (CRM_TYPE_QUERY_MODEL, "store", store, "kind", (int) kind, NULL);
}

/**
 * crm_query_model_new_frozen:
 * @store: the store
 * @kind: the kind of record listed
 *
 * Makes a model as crm_query_model_new() does, but frozen once (see
 * crm_query_model_freeze()): it lists nothing and runs no query until
 * crm_query_model_thaw(), so a filter, search and sort set before that
 * cost one query together.
 *
 * Returns: (transfer full): a new, empty, frozen model
 */
CrmQueryModel *
crm_query_model_new_frozen (CrmStore      *store,
                            CrmEntityKind  kind)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < CRM_N_ENTITIES, NULL);

  return g_object_new (CRM_TYPE_QUERY_MODEL,
                       "store", store,
                       "kind", (int) kind,
                       "frozen", TRUE,
                       NULL);
}

/**
 * crm_query_model_freeze:
 * @self: a #CrmQueryModel
 *
 * Holds the model's queries back: until the matching
 * crm_query_model_thaw(), a new filter, search or sort and the store's
 * changes only take note, and the model keeps the rows it has. Calls
 * nest.
 */
void
crm_query_model_freeze (CrmQueryModel *self)
{
  g_return_if_fail (CRM_IS_QUERY_MODEL (self));

  self->freeze_count++;
}

/**
 * crm_query_model_thaw:
 * @self: a #CrmQueryModel
 *
 * Undoes one crm_query_model_freeze(). The last one runs the query now,
 * once, if anything asked for it while the model was frozen.
 */
void
crm_query_model_thaw (CrmQueryModel *self)
{
  g_return_if_fail (CRM_IS_QUERY_MODEL (self));
  g_return_if_fail (self->freeze_count > 0);

  if (--self->freeze_count > 0 || !self->query_pending)
    return;

  crm_query_model_refresh (self);
}

/**
 * crm_query_model_get_frozen:
 * @self: a #CrmQueryModel
 *
 * Returns: whether the model's queries are held back
 */
gboolean
crm_query_model_get_frozen (CrmQueryModel *self)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), FALSE);

  return self->freeze_count > 0;
}

/**
 * crm_query_model_get_store:
 * @self: a #CrmQueryModel
 *
 * Returns: (transfer none): the store
 */
CrmStore *
crm_query_model_get_store (CrmQueryModel *self)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), NULL);

  return self->store;
}

/**
 * crm_query_model_get_kind:
 * @self: a #CrmQueryModel
 *
 * Returns: the kind of record listed
 */
CrmEntityKind
crm_query_model_get_kind (CrmQueryModel *self)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), CRM_ENTITY_CUSTOMER);

  return self->kind;
}

/**
 * crm_query_model_set_filter:
 * @self: a #CrmQueryModel
 * @filter: (nullable): the filter; %NULL lists all
 *
 * Runs the query with the new filter now (at the thaw, when frozen).
 */
void
crm_query_model_set_filter (CrmQueryModel *self,
                            CrmFilter     *filter)
{
  g_return_if_fail (CRM_IS_QUERY_MODEL (self));

  if (self->filter == filter ||
      (self->filter != NULL && filter != NULL && crm_filter_equal (self->filter, filter)))
    return;

  g_clear_pointer (&self->filter, crm_filter_unref);
  self->filter = filter != NULL ? crm_filter_ref (filter) : NULL;
  crm_query_model_refresh (self);
}

/**
 * crm_query_model_get_filter:
 * @self: a #CrmQueryModel
 *
 * Returns: (transfer none) (nullable): the filter
 */
CrmFilter *
crm_query_model_get_filter (CrmQueryModel *self)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), NULL);

  return self->filter;
}

/**
 * crm_query_model_set_search:
 * @self: a #CrmQueryModel
 * @search: (nullable): words to search for
 *
 * Runs the query with the new search now (at the thaw, when frozen).
 */
void
crm_query_model_set_search (CrmQueryModel *self,
                            const char    *search)
{
  g_return_if_fail (CRM_IS_QUERY_MODEL (self));

  if (search != NULL && *search == '\0')
    search = NULL;

  if (g_strcmp0 (self->search, search) == 0)
    return;

  g_free (self->search);
  self->search = g_strdup (search);
  crm_query_model_refresh (self);
}

/**
 * crm_query_model_get_search:
 * @self: a #CrmQueryModel
 *
 * Returns: (nullable): the search
 */
const char *
crm_query_model_get_search (CrmQueryModel *self)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), NULL);

  return self->search;
}

/**
 * crm_query_model_set_sort:
 * @self: a #CrmQueryModel
 * @sort_key: (nullable): a column of the listed table; %NULL sorts by id
 * @descending: whether to sort descending
 *
 * Runs the query with the new order now (at the thaw, when frozen).
 */
void
crm_query_model_set_sort (CrmQueryModel *self,
                          const char    *sort_key,
                          gboolean       descending)
{
  g_return_if_fail (CRM_IS_QUERY_MODEL (self));

  if (g_strcmp0 (self->sort_key, sort_key) == 0 && self->descending == !!descending)
    return;

  g_free (self->sort_key);
  self->sort_key = g_strdup (sort_key);
  self->descending = !!descending;
  crm_query_model_refresh (self);
}

/**
 * crm_query_model_get_id:
 * @self: a #CrmQueryModel
 * @position: a position in the model
 *
 * Returns: the id of the record at @position, or 0 past the end
 */
gint64
crm_query_model_get_id (CrmQueryModel *self,
                        guint          position)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), 0);

  if (position >= self->ids->len)
    return 0;

  return g_array_index (self->ids, gint64, position);
}

/**
 * crm_query_model_find:
 * @self: a #CrmQueryModel
 * @id: a record's id
 *
 * Returns: the position of @id, or %G_MAXUINT when it is not listed
 */
guint
crm_query_model_find (CrmQueryModel *self,
                      gint64         id)
{
  g_return_val_if_fail (CRM_IS_QUERY_MODEL (self), G_MAXUINT);

  for (guint i = 0; i < self->ids->len; i++)
    if (g_array_index (self->ids, gint64, i) == id)
      return i;

  return G_MAXUINT;
}
