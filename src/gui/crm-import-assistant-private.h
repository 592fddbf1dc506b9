/* crm-import-assistant-private.h
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "crm-import-assistant.h"

G_BEGIN_DECLS

/* How many rows the preview page tries. */
#define CRM_IMPORT_PREVIEW_ROWS 20

struct _CrmImportAssistant
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwWindowTitle   *window_title;
  GtkWidget        *back_button;
  GtkWidget        *next_button;
  GtkStack         *stack;
  GtkWidget        *choose_button;
  GtkWidget        *load_spinner;
  GtkLabel         *file_error_label;
  AdwPreferencesGroup *format_group;
  AdwComboRow      *encoding_row;
  AdwComboRow      *delimiter_row;
  GtkLabel         *format_error_label;
  GtkWidget        *sample_group;
  GtkGrid          *sample_grid;
  GtkListBox       *mapping_list;
  GtkWidget        *skip_check;
  GtkWidget        *update_check;
  GtkWidget        *create_check;
  GtkListBox       *preview_list;
  GtkSpinner       *preview_spinner;
  GtkProgressBar   *progress_bar;
  AdwStatusPage    *summary_page;
  GtkWidget        *skips_box;
  GtkLabel         *skips_label;
  GtkListView      *skips_view;

  /* Owned */
  CrmStore         *store;
  CrmCsvImport     *import;
  CrmImportSummary *preview;
  CrmImportSummary *summary;
  GtkFileChooserNative *chooser;
  GCancellable     *cancellable;       /* loads and previews */
  GCancellable     *run_cancellable;   /* the import itself */
  GtkStringList    *encodings;         /* the codes behind encoding_row */

  /* State */
  gboolean          updating;          /* rows are being filled in code */
  gboolean          running;
  gboolean          format_failed;     /* the chosen encoding or delimiter
                                        * cannot read the file */
};

/* crm-import-pages.c: fill the pages from the loaded import. */
void _crm_import_assistant_fill_format   (CrmImportAssistant *self);
void _crm_import_assistant_fill_mapping  (CrmImportAssistant *self);
void _crm_import_assistant_clear_preview (CrmImportAssistant *self);
void _crm_import_assistant_fill_preview  (CrmImportAssistant *self);
const char *_crm_import_assistant_get_chosen_encoding (CrmImportAssistant *self);
char        _crm_import_assistant_get_chosen_delimiter (CrmImportAssistant *self);

G_END_DECLS
