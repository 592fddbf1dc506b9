/* crm-csv-import-progress.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include "crm-csv-import-progress.h"

/* Shared by the job and its messages in flight, so that the callback's
 * data outlives both; freed on whichever thread lets go last. */
struct _CrmImportProgress
{
  GMainContext          *context;
  CrmImportProgressFunc  func;
  gpointer               user_data;
  GDestroyNotify         destroy;
};

typedef struct
{
  CrmImportProgress *progress;
  guint              done;
  guint              total;
} Message;

static void
progress_clear (CrmImportProgress *self)
{
  if (self->destroy != NULL)
    self->destroy (self->user_data);
  g_main_context_unref (self->context);
}

/**
 * crm_import_progress_new:
 * @func: called on the caller's thread-default main context
 * @user_data: data for @func
 * @destroy: (nullable): frees @user_data once no message is in flight
 *
 * Returns: (transfer full): a progress channel to the calling thread
 */
CrmImportProgress *
crm_import_progress_new (CrmImportProgressFunc  func,
                         gpointer               user_data,
                         GDestroyNotify         destroy)
{
  CrmImportProgress *self = g_atomic_rc_box_new0 (CrmImportProgress);

  self->context = g_main_context_ref_thread_default ();
  self->func = func;
  self->user_data = user_data;
  self->destroy = destroy;

  return self;
}

void
crm_import_progress_unref (CrmImportProgress *self)
{
  g_atomic_rc_box_release_full (self, (GDestroyNotify) progress_clear);
}

static gboolean
deliver_cb (gpointer data)
{
  Message *message = data;

  message->progress->func (message->done, message->total, message->progress->user_data);
  return G_SOURCE_REMOVE;
}

static void
message_free (gpointer data)
{
  Message *message = data;

  crm_import_progress_unref (message->progress);
  g_free (message);
}

/**
 * crm_import_progress_report:
 * @self: a progress channel
 * @done: rows done
 * @total: rows to do
 *
 * Any thread: queues one message for the main context. The caller keeps
 * the rate down.
 */
void
crm_import_progress_report (CrmImportProgress *self,
                            guint              done,
                            guint              total)
{
  Message *message = g_new0 (Message, 1);
  g_autoptr(GSource) source = g_idle_source_new ();

  message->progress = g_atomic_rc_box_acquire (self);
  message->done = done;
  message->total = total;

  /* Always through a source: g_main_context_invoke() would run the
   * callback on this thread whenever nobody owns the context. */
  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, deliver_cb, message, message_free);
  g_source_attach (source, self->context);
}
