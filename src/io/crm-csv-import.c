/* crm-csv-import.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-csv-import-private.h"
#include "crm-store.h"

/**
 * CrmCsvImport:
 *
 * One import of a CSV file into the customers of a store, as the import
 * assistant and `--import-csv` run it: load (read, decode, split, map),
 * adjust the mapping and the duplicates mode, preview, run. Loading runs
 * in a worker thread; the preview and the import on the store's writer
 * thread (crm-csv-import-run.c). The object lives on the main thread.
 */

G_DEFINE_FINAL_TYPE (CrmCsvImport, crm_csv_import, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_DOCUMENT,
  PROP_DUPLICATES,
  PROP_ROWS_DONE,
  PROP_ROWS_TOTAL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What a load makes, in a worker thread. */
typedef struct
{
  guint             serial;
  GFile            *file;
  GBytes           *bytes;
  char             *encoding;
  char              delimiter;

  CrmCsvDocument   *document;
  CrmImportMapping *mapping;
  char             *suggested_encoding;
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->file);
  g_clear_pointer (&load->bytes, g_bytes_unref);
  g_free (load->encoding);
  g_clear_pointer (&load->document, crm_csv_document_unref);
  g_clear_pointer (&load->mapping, crm_import_mapping_free);
  g_free (load->suggested_encoding);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static gboolean
read_file (Load          *load,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *name = NULL;
  char *reason;
  char *contents = NULL;
  gsize length = 0;

  if (load->bytes != NULL)
    return TRUE;

  if (!g_file_load_contents (load->file, cancellable, &contents, &length, NULL, &local_error))
    {
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }

      /* GIO names the file in its message already: keep only the why. */
      name = g_file_get_parse_name (load->file);
      reason = strstr (local_error->message, name) != NULL
        ? strrchr (local_error->message, ':') : NULL;
      g_set_error (error, CRM_CSV_IMPORT_ERROR, CRM_CSV_IMPORT_ERROR_READ,
                   _("cannot read %s: %s"), name,
                   reason != NULL ? g_strchug (reason + 1) : local_error->message);
      return FALSE;
    }

  load->bytes = g_bytes_new_take (contents, length);
  return TRUE;
}

/* Worker thread: reads, decodes, splits and maps the file. */
static gboolean
load_run (Load          *load,
          GCancellable  *cancellable,
          GError       **error)
{
  const guint8 *data;
  gsize length;

  if (!read_file (load, cancellable, error))
    return FALSE;

  /* A BOM, valid UTF-8 or UTF-16 decide by themselves; only bytes read as
   * Windows-1252 for want of anything better get uchardet's guess. */
  data = g_bytes_get_data (load->bytes, &length);
  if (load->encoding == NULL)
    {
      g_autofree char *detected = crm_csv_detect_encoding (data, length);

      if (g_str_equal (detected, "WINDOWS-1252"))
        load->suggested_encoding = crm_csv_suggest_encoding (data, length);
    }

  load->document = crm_csv_document_parse (load->bytes, load->encoding, load->delimiter,
                                           error);
  if (load->document == NULL)
    return FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  load->mapping = crm_import_mapping_new (load->document);
  return TRUE;
}

static void
load_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;

  if (load_run (task_data, cancellable, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
apply_load (CrmCsvImport *self,
            Load         *load)
{
  g_set_object (&self->file, load->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  self->bytes = g_bytes_ref (load->bytes);
  g_clear_pointer (&self->document, crm_csv_document_unref);
  self->document = g_steal_pointer (&load->document);
  g_clear_pointer (&self->mapping, crm_import_mapping_free);
  self->mapping = g_steal_pointer (&load->mapping);
  g_free (self->suggested_encoding);
  self->suggested_encoding = g_steal_pointer (&load->suggested_encoding);
  self->encoding_chosen = load->encoding != NULL;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

static Load *
load_new (CrmCsvImport *self,
          GFile        *file,
          GBytes       *bytes,
          const char   *encoding,
          char          delimiter)
{
  Load *load = g_new0 (Load, 1);

  load->serial = ++self->load_serial;
  load->file = file != NULL ? g_object_ref (file) : NULL;
  load->bytes = bytes != NULL ? g_bytes_ref (bytes) : NULL;
  load->encoding = g_strdup (encoding);
  load->delimiter = delimiter;

  return load;
}

/**
 * crm_csv_import_load_async:
 * @self: a #CrmCsvImport
 * @file: (nullable): the file to read; %NULL reads the loaded file's bytes
 *   again, with another encoding or delimiter
 * @encoding: (nullable): the encoding; %NULL detects it
 * @delimiter: `,`, `;` or a tab; 0 detects it
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the caller's main context
 * @user_data: data for @callback
 *
 * Loads a file in a worker thread. A load started later wins: an earlier
 * one that finishes after it leaves the import as it is.
 */
void
crm_csv_import_load_async (CrmCsvImport        *self,
                           GFile               *file,
                           const char          *encoding,
                           char                 delimiter,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CRM_IS_CSV_IMPORT (self));
  g_return_if_fail (file == NULL || G_IS_FILE (file));
  g_return_if_fail (file != NULL || self->bytes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, crm_csv_import_load_async);
  g_task_set_task_data (task,
                        load_new (self, file != NULL ? file : self->file,
                                  file != NULL ? NULL : self->bytes, encoding, delimiter),
                        (GDestroyNotify) load_free);
  g_task_run_in_thread (task, load_thread);
}

/**
 * crm_csv_import_load_finish:
 * @self: a #CrmCsvImport
 * @result: the result
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file was loaded (or a later load superseded
 *   this one); %FALSE with a #CRM_CSV_IMPORT_ERROR when it cannot be read
 */
gboolean
crm_csv_import_load_finish (CrmCsvImport  *self,
                            GAsyncResult  *result,
                            GError       **error)
{
  Load *load;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  load = g_task_get_task_data (G_TASK (result));
  if (load->serial == self->load_serial)
    apply_load (self, load);

  return TRUE;
}

/**
 * crm_csv_import_load_bytes:
 * @self: a #CrmCsvImport
 * @bytes: the file's contents
 * @encoding: (nullable): the encoding; %NULL detects it
 * @delimiter: `,`, `;` or a tab; 0 detects it
 * @error: return location for a #GError
 *
 * Loads on the calling thread, for the command line and tests.
 *
 * Returns: %TRUE when the contents could be read
 */
gboolean
crm_csv_import_load_bytes (CrmCsvImport  *self,
                           GBytes        *bytes,
                           const char    *encoding,
                           char           delimiter,
                           GError       **error)
{
  g_autoptr(Load) load = NULL;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (bytes != NULL, FALSE);

  load = load_new (self, NULL, bytes, encoding, delimiter);
  if (!load_run (load, NULL, error))
    return FALSE;

  apply_load (self, load);
  return TRUE;
}

/**
 * crm_csv_import_load_file:
 * @self: a #CrmCsvImport
 * @path: the file
 * @encoding: (nullable): the encoding; %NULL detects it
 * @delimiter: `,`, `;` or a tab; 0 detects it
 * @error: return location for a #GError
 *
 * Returns: %TRUE when the file could be read
 */
gboolean
crm_csv_import_load_file (CrmCsvImport  *self,
                          const char    *path,
                          const char    *encoding,
                          char           delimiter,
                          GError       **error)
{
  g_autoptr(Load) load = NULL;

  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  load = load_new (self, NULL, NULL, encoding, delimiter);
  load->file = g_file_new_for_commandline_arg (path);
  if (!load_run (load, NULL, error))
    return FALSE;

  apply_load (self, load);
  return TRUE;
}

/**
 * _crm_csv_import_set_progress:
 * @self: a #CrmCsvImport
 * @done: rows stored so far
 * @total: rows to store
 *
 * Main thread: follows a running import.
 */
void
_crm_csv_import_set_progress (CrmCsvImport *self,
                              guint         done,
                              guint         total)
{
  if (self->rows_total != total)
    {
      self->rows_total = total;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_TOTAL]);
    }

  if (self->rows_done != done)
    {
      self->rows_done = done;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROWS_DONE]);
    }
}

/* ------------------------------------------------------------------ */
/* Accessors                                                           */
/* ------------------------------------------------------------------ */

/**
 * crm_import_duplicates_from_string:
 * @text: "skip", "update" or "create"
 * @duplicates: (out): the mode
 *
 * Returns: whether @text names a mode
 */
gboolean
crm_import_duplicates_from_string (const char          *text,
                                   CrmImportDuplicates *duplicates)
{
  static const char * const names[] = { "skip", "update", "create" };

  g_return_val_if_fail (duplicates != NULL, FALSE);

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (names); i++)
    {
      if (g_str_equal (text, names[i]))
        {
          *duplicates = (CrmImportDuplicates) i;
          return TRUE;
        }
    }

  return FALSE;
}

/**
 * crm_csv_import_get_file:
 * @self: a #CrmCsvImport
 *
 * Returns: (transfer none) (nullable): the loaded file
 */
GFile *
crm_csv_import_get_file (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);

  return self->file;
}

/**
 * crm_csv_import_get_document:
 * @self: a #CrmCsvImport
 *
 * Returns: (transfer none) (nullable): the loaded rows
 */
CrmCsvDocument *
crm_csv_import_get_document (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);

  return self->document;
}

/**
 * crm_csv_import_get_mapping:
 * @self: a #CrmCsvImport
 *
 * Returns: (transfer none) (nullable): the mapping, to change in place
 *   before the import runs
 */
CrmImportMapping *
crm_csv_import_get_mapping (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);

  return self->mapping;
}

/**
 * crm_csv_import_get_suggested_encoding:
 * @self: a #CrmCsvImport
 *
 * Returns: (nullable): what uchardet makes of a file that is not UTF-8
 */
const char *
crm_csv_import_get_suggested_encoding (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), NULL);

  return self->suggested_encoding;
}

/**
 * crm_csv_import_get_encoding_chosen:
 * @self: a #CrmCsvImport
 *
 * Returns: whether the loaded document's encoding was chosen, not detected
 */
gboolean
crm_csv_import_get_encoding_chosen (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), FALSE);

  return self->encoding_chosen;
}

CrmImportDuplicates
crm_csv_import_get_duplicates (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), CRM_IMPORT_DUPLICATES_SKIP);

  return self->duplicates;
}

void
crm_csv_import_set_duplicates (CrmCsvImport        *self,
                               CrmImportDuplicates  duplicates)
{
  g_return_if_fail (CRM_IS_CSV_IMPORT (self));
  g_return_if_fail (duplicates <= CRM_IMPORT_DUPLICATES_CREATE);

  if (self->duplicates == duplicates)
    return;

  self->duplicates = duplicates;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DUPLICATES]);
}

guint
crm_csv_import_get_rows_done (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);

  return self->rows_done;
}

guint
crm_csv_import_get_rows_total (CrmCsvImport *self)
{
  g_return_val_if_fail (CRM_IS_CSV_IMPORT (self), 0);

  return self->rows_total;
}

/* ------------------------------------------------------------------ */
/* GObject                                                             */
/* ------------------------------------------------------------------ */

static void
crm_csv_import_finalize (GObject *object)
{
  CrmCsvImport *self = (CrmCsvImport *) object;

  g_clear_object (&self->store);
  g_clear_object (&self->file);
  g_clear_pointer (&self->bytes, g_bytes_unref);
  g_clear_pointer (&self->document, crm_csv_document_unref);
  g_clear_pointer (&self->mapping, crm_import_mapping_free);
  g_clear_pointer (&self->suggested_encoding, g_free);

  G_OBJECT_CLASS (crm_csv_import_parent_class)->finalize (object);
}

static void
crm_csv_import_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CrmCsvImport *self = CRM_CSV_IMPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DOCUMENT:
      g_value_set_boxed (value, self->document);
      break;
    case PROP_DUPLICATES:
      g_value_set_uint (value, self->duplicates);
      break;
    case PROP_ROWS_DONE:
      g_value_set_uint (value, self->rows_done);
      break;
    case PROP_ROWS_TOTAL:
      g_value_set_uint (value, self->rows_total);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_csv_import_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CrmCsvImport *self = CRM_CSV_IMPORT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DUPLICATES:
      crm_csv_import_set_duplicates (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
crm_csv_import_class_init (CrmCsvImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = crm_csv_import_finalize;
  object_class->get_property = crm_csv_import_get_property;
  object_class->set_property = crm_csv_import_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CRM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DOCUMENT] =
    g_param_spec_boxed ("document", NULL, NULL, CRM_TYPE_CSV_DOCUMENT,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_DUPLICATES] =
    g_param_spec_uint ("duplicates", NULL, NULL,
                       CRM_IMPORT_DUPLICATES_SKIP, CRM_IMPORT_DUPLICATES_CREATE,
                       CRM_IMPORT_DUPLICATES_SKIP,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROWS_DONE] =
    g_param_spec_uint ("rows-done", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ROWS_TOTAL] =
    g_param_spec_uint ("rows-total", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
crm_csv_import_init (CrmCsvImport *self)
{
}

/**
 * crm_csv_import_new:
 * @store: the store to import into
 *
 * Returns: (transfer full): a new import, with nothing loaded
 */
CrmCsvImport *
crm_csv_import_new (CrmStore *store)
{
  g_return_val_if_fail (CRM_IS_STORE (store), NULL);

  return g_object_new (CRM_TYPE_CSV_IMPORT, "store", store, NULL);
}
