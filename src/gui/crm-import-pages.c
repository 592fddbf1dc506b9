/* crm-import-pages.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "crm-csv-import-row.h"
#include "crm-import-assistant-private.h"
#include "crm-status.h"
#include "crm-store.h"

/* The pages of the import assistant that show the loaded file: encoding
 * and delimiter with the first rows, the column mapping, and the preview
 * of the first rows as they will be stored. */

#define SAMPLE_ROWS     5
#define SAMPLE_COLUMNS  8
#define SAMPLE_VALUES   3

/* The encodings offered, by the name g_convert() knows. */
static const struct {
  const char *code;
  const char *label;
} encodings[] = {
  { "UTF-8", N_("Unicode (UTF-8)") },
  { "UTF-16LE", N_("Unicode (UTF-16 little endian)") },
  { "UTF-16BE", N_("Unicode (UTF-16 big endian)") },
  { "WINDOWS-1252", N_("Western (Windows-1252)") },
  { "ISO-8859-15", N_("Western (ISO-8859-15)") },
  { "MACINTOSH", N_("Western (Mac Roman)") },
  { "WINDOWS-1250", N_("Central European (Windows-1250)") },
  { "ISO-8859-2", N_("Central European (ISO-8859-2)") },
  { "WINDOWS-1251", N_("Cyrillic (Windows-1251)") },
  { "KOI8-R", N_("Cyrillic (KOI8-R)") },
  { "WINDOWS-1253", N_("Greek (Windows-1253)") },
  { "WINDOWS-1254", N_("Turkish (Windows-1254)") },
  { "WINDOWS-1257", N_("Baltic (Windows-1257)") },
  { "SHIFT_JIS", N_("Japanese (Shift JIS)") },
  { "GB18030", N_("Chinese (GB18030)") },
  { "BIG5", N_("Chinese (Big5)") },
  { "EUC-KR", N_("Korean (EUC-KR)") },
};

static const char delimiters[] = { ',', ';', '\t' };

/* The store's column, and the label the preview gives it. */
static const struct {
  const char      *column;
  CrmImportTarget  target;
} preview_fields[] = {
  { "name", CRM_IMPORT_TARGET_NAME },
  { "company", CRM_IMPORT_TARGET_COMPANY },
  { "email", CRM_IMPORT_TARGET_EMAIL },
  { "owner", CRM_IMPORT_TARGET_OWNER },
  { "website", CRM_IMPORT_TARGET_WEBSITE },
  { "linkedin", CRM_IMPORT_TARGET_LINKEDIN },
  { "street", CRM_IMPORT_TARGET_STREET },
  { "city", CRM_IMPORT_TARGET_CITY },
  { "zip", CRM_IMPORT_TARGET_ZIP },
  { "state", CRM_IMPORT_TARGET_STATE },
  { "country", CRM_IMPORT_TARGET_COUNTRY },
  { "lead_created_at", CRM_IMPORT_TARGET_LEAD_CREATED_AT },
  { "free_trial_started_at", CRM_IMPORT_TARGET_FREE_TRIAL_STARTED_AT },
  { "customer_since", CRM_IMPORT_TARGET_CUSTOMER_SINCE },
  { "first_name", CRM_IMPORT_TARGET_FIRST_NAME },
  { "last_name", CRM_IMPORT_TARGET_LAST_NAME },
  { "title", CRM_IMPORT_TARGET_TITLE },
  { "phone", CRM_IMPORT_TARGET_PHONE },
  { "twitter", CRM_IMPORT_TARGET_TWITTER },
  { "notes", CRM_IMPORT_TARGET_NOTES },
};

static void
remove_children (GtkWidget *parent,
                 void     (*remove) (GtkWidget *, GtkWidget *))
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (parent)) != NULL)
    remove (parent, child);
}

static void
list_box_remove (GtkWidget *list,
                 GtkWidget *child)
{
  gtk_list_box_remove (GTK_LIST_BOX (list), child);
}

static void
grid_remove (GtkWidget *grid,
             GtkWidget *child)
{
  gtk_grid_remove (GTK_GRID (grid), child);
}

/* One line of text, for a cell shown in a row. */
static char *
dup_one_line (const char *text)
{
  g_autofree char *copy = g_strdup (text);

  return g_strdelimit (g_steal_pointer (&copy), "\r\n\t", ' ');
}

/* ------------------------------------------------------------------ */
/* Encoding and delimiter                                              */
/* ------------------------------------------------------------------ */

static guint
find_encoding (CrmImportAssistant *self,
               const char         *code)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->encodings));

  for (guint i = 0; i < n; i++)
    {
      if (g_ascii_strcasecmp (gtk_string_list_get_string (self->encodings, i), code) == 0)
        return i;
    }

  return GTK_INVALID_LIST_POSITION;
}

static const char *
encoding_label (const char *code)
{
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    {
      if (g_ascii_strcasecmp (encodings[i].code, code) == 0)
        return _(encodings[i].label);
    }

  return code;
}

static void
fill_encodings (CrmImportAssistant *self,
                const char         *current,
                const char         *suggested)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  g_clear_object (&self->encodings);
  self->encodings = gtk_string_list_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (encodings); i++)
    gtk_string_list_append (self->encodings, encodings[i].code);

  /* An encoding not offered above still shows, under its own name. */
  if (find_encoding (self, current) == GTK_INVALID_LIST_POSITION)
    gtk_string_list_append (self->encodings, current);
  if (suggested != NULL && find_encoding (self, suggested) == GTK_INVALID_LIST_POSITION)
    gtk_string_list_append (self->encodings, suggested);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->encodings)); i++)
    gtk_string_list_append (labels,
                            encoding_label (gtk_string_list_get_string (self->encodings, i)));

  adw_combo_row_set_model (self->encoding_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (self->encoding_row, find_encoding (self, current));
}

static void
set_encoding_subtitle (CrmImportAssistant *self,
                       const char         *current,
                       const char         *suggested)
{
  g_autofree char *subtitle = NULL;

  if (suggested != NULL && g_ascii_strcasecmp (suggested, current) != 0)
    subtitle = g_strdup_printf (_("The contents look like %s"), encoding_label (suggested));
  else if (crm_csv_import_get_encoding_chosen (self->import))
    subtitle = g_strdup (_("As chosen"));
  else
    subtitle = g_strdup (_("Detected"));

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->encoding_row), subtitle);
}

static GtkWidget *
sample_label (const char *text,
              gboolean    heading)
{
  g_autofree char *line = dup_one_line (text);
  GtkWidget *label = gtk_label_new (line);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 20);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  if (heading)
    gtk_widget_add_css_class (label, "heading");

  return label;
}

static void
fill_sample (CrmImportAssistant *self,
             CrmCsvDocument     *document)
{
  guint n_columns = MIN (crm_csv_document_get_n_columns (document), SAMPLE_COLUMNS);
  guint n_rows = MIN (crm_csv_document_get_n_rows (document), SAMPLE_ROWS);

  remove_children (GTK_WIDGET (self->sample_grid), grid_remove);

  for (guint column = 0; column < n_columns; column++)
    {
      gtk_grid_attach (self->sample_grid,
                       sample_label (crm_csv_document_get_header (document, column), TRUE),
                       column, 0, 1, 1);

      for (guint row = 0; row < n_rows; row++)
        gtk_grid_attach (self->sample_grid,
                         sample_label (crm_csv_document_get_cell (document, row, column),
                                       FALSE),
                         column, row + 1, 1, 1);
    }

  if (crm_csv_document_get_n_columns (document) > SAMPLE_COLUMNS)
    gtk_grid_attach (self->sample_grid, sample_label ("…", TRUE), n_columns, 0, 1, 1);
}

void
_crm_import_assistant_fill_format (CrmImportAssistant *self)
{
  CrmCsvDocument *document = crm_csv_import_get_document (self->import);
  const char *current = crm_csv_document_get_encoding (document);
  const char *suggested = crm_csv_import_get_suggested_encoding (self->import);
  g_autofree char *name = g_file_get_basename (crm_csv_import_get_file (self->import));
  g_autofree char *rows = NULL;
  g_autofree char *columns = NULL;
  g_autofree char *counts = NULL;
  guint n_rows = crm_csv_document_get_n_rows (document);
  guint n_columns = crm_csv_document_get_n_columns (document);
  char delimiter = crm_csv_document_get_delimiter (document);

  self->updating = TRUE;

  adw_preferences_group_set_title (self->format_group, name);
  rows = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u row", "%u rows", n_rows), n_rows);
  columns = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u column", "%u columns",
                                          n_columns), n_columns);
  /* TRANSLATORS: "12 rows, 5 columns. Check that …" */
  counts = g_strdup_printf (_("%s, %s. Check that names and accents read right; if they "
                              "do not, choose the file’s encoding."), rows, columns);
  adw_preferences_group_set_description (self->format_group, counts);

  fill_encodings (self, current, suggested);
  set_encoding_subtitle (self, current, suggested);

  for (guint i = 0; i < G_N_ELEMENTS (delimiters); i++)
    {
      if (delimiters[i] == delimiter)
        adw_combo_row_set_selected (self->delimiter_row, i);
    }

  fill_sample (self, document);
  self->updating = FALSE;
}

const char *
_crm_import_assistant_get_chosen_encoding (CrmImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->encoding_row);

  if (self->encodings == NULL || selected == GTK_INVALID_LIST_POSITION)
    return NULL;

  return gtk_string_list_get_string (self->encodings, selected);
}

char
_crm_import_assistant_get_chosen_delimiter (CrmImportAssistant *self)
{
  guint selected = adw_combo_row_get_selected (self->delimiter_row);

  return selected < G_N_ELEMENTS (delimiters) ? delimiters[selected] : 0;
}

/* ------------------------------------------------------------------ */
/* Mapping                                                             */
/* ------------------------------------------------------------------ */

/* The choices of a column's menu: every target but the custom field,
 * then the custom field once per type. */
static guint
choice_for (const CrmImportColumn *column)
{
  if (column->target == CRM_IMPORT_TARGET_ATTRIBUTE)
    return CRM_IMPORT_TARGET_ATTRIBUTE + column->type;

  return column->target;
}

static void
target_for (guint            choice,
            CrmImportTarget *target,
            CrmImportType   *type)
{
  *type = CRM_IMPORT_TYPE_TEXT;

  if (choice < CRM_IMPORT_TARGET_ATTRIBUTE)
    {
      *target = choice;
      return;
    }

  *target = CRM_IMPORT_TARGET_ATTRIBUTE;
  *type = MIN (choice - CRM_IMPORT_TARGET_ATTRIBUTE, CRM_IMPORT_N_TYPES - 1);
}

static GListModel *
new_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  for (CrmImportTarget target = 0; target < CRM_IMPORT_TARGET_ATTRIBUTE; target++)
    gtk_string_list_append (choices, crm_import_target_get_label (target));

  for (CrmImportType type = 0; type < CRM_IMPORT_N_TYPES; type++)
    {
      g_autofree char *label = g_strdup_printf (_("Custom field: %s"),
                                                crm_import_type_get_label (type));

      gtk_string_list_append (choices, label);
    }

  return G_LIST_MODEL (choices);
}

static char *
dup_samples (CrmCsvDocument *document,
             guint           column)
{
  g_autoptr(GString) samples = g_string_new (NULL);
  guint n_rows = crm_csv_document_get_n_rows (document);
  guint found = 0;

  for (guint row = 0; row < n_rows && row < 200 && found < SAMPLE_VALUES; row++)
    {
      g_autofree char *cell = dup_one_line (crm_csv_document_get_cell (document, row, column));

      g_strstrip (cell);
      if (cell[0] == '\0')
        continue;

      g_string_append_printf (samples, "%s%s", found++ > 0 ? ", " : "", cell);
    }

  if (found == 0)
    return g_strdup (_("Empty"));

  return g_markup_escape_text (samples->str, -1);
}

static void
sync_mapping_rows (CrmImportAssistant *self)
{
  CrmImportMapping *mapping = crm_csv_import_get_mapping (self->import);
  guint column = 0;

  self->updating = TRUE;
  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->mapping_list));
       row != NULL;
       row = gtk_widget_get_next_sibling (row), column++)
    adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                                choice_for (crm_import_mapping_get_column (mapping, column)));
  self->updating = FALSE;
}

static void
on_mapping_row_selected_cb (AdwComboRow        *row,
                            GParamSpec         *pspec,
                            CrmImportAssistant *self)
{
  CrmImportMapping *mapping = crm_csv_import_get_mapping (self->import);
  guint column = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (row), "column"));
  CrmImportTarget target;
  CrmImportType type;

  if (self->updating)
    return;

  target_for (adw_combo_row_get_selected (row), &target, &type);
  crm_import_mapping_set_target (mapping, column, target);
  crm_import_mapping_set_type (mapping, column, type);

  /* Another column may have given up the target. */
  sync_mapping_rows (self);
}

void
_crm_import_assistant_fill_mapping (CrmImportAssistant *self)
{
  CrmCsvDocument *document = crm_csv_import_get_document (self->import);
  CrmImportMapping *mapping = crm_csv_import_get_mapping (self->import);
  g_autoptr(GListModel) choices = new_choices ();

  remove_children (GTK_WIDGET (self->mapping_list), list_box_remove);

  for (guint i = 0; i < crm_import_mapping_get_n_columns (mapping); i++)
    {
      const CrmImportColumn *column = crm_import_mapping_get_column (mapping, i);
      g_autofree char *title = NULL;
      g_autofree char *samples = dup_samples (document, i);
      GtkWidget *row = adw_combo_row_new ();

      title = column->header[0] != '\0' ? g_markup_escape_text (column->header, -1)
                                        : g_strdup_printf (_("Column %u"), i + 1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), samples);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 1);
      adw_combo_row_set_model (ADW_COMBO_ROW (row), choices);
      g_object_set_data (G_OBJECT (row), "column", GUINT_TO_POINTER (i));
      gtk_list_box_append (self->mapping_list, row);

      g_signal_connect_object (row, "notify::selected",
                               G_CALLBACK (on_mapping_row_selected_cb), self, 0);
    }

  sync_mapping_rows (self);
}

/* ------------------------------------------------------------------ */
/* Preview                                                             */
/* ------------------------------------------------------------------ */

void
_crm_import_assistant_clear_preview (CrmImportAssistant *self)
{
  remove_children (GTK_WIDGET (self->preview_list), list_box_remove);
}

static void
add_field (GtkWidget  *expander,
           const char *label,
           const char *value)
{
  g_autofree char *escaped = NULL;
  GtkWidget *row;

  if (value == NULL || value[0] == '\0')
    return;

  escaped = g_markup_escape_text (value, -1);
  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), label);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), escaped);
  gtk_widget_add_css_class (row, "property");
  adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
}

static void
add_variant_fields (GtkWidget *expander,
                    GVariant  *fields,
                    GVariant  *contact)
{
  for (guint i = 0; fields != NULL && i < G_N_ELEMENTS (preview_fields); i++)
    {
      const char *value = NULL;

      /* A contact's email is the customer's, shown once; the owner is
       * shown as stored. */
      if ((fields == contact && g_str_equal (preview_fields[i].column, "email")) ||
          g_str_equal (preview_fields[i].column, "owner"))
        continue;

      if (g_variant_lookup (fields, preview_fields[i].column, "&s", &value))
        add_field (expander, crm_import_target_get_label (preview_fields[i].target), value);
    }
}

/* The owner and status the store gave, its rules applied (an owner from
 * a routing rule), when the preview says. */
static void
add_stored_fields (GtkWidget              *expander,
                   const CrmImportRecord  *record,
                   const CrmImportOutcome *outcome)
{
  const char *status = outcome != NULL && outcome->status != NULL ? outcome->status
                       : record->status != NULL ? record->status : "New Lead";
  const char *owner = NULL;

  if (outcome != NULL && outcome->status != NULL)
    owner = outcome->owner;
  else if (record->customer != NULL)
    g_variant_lookup (record->customer, "owner", "&s", &owner);

  add_field (expander, crm_import_target_get_label (CRM_IMPORT_TARGET_OWNER), owner);
  add_field (expander, crm_import_target_get_label (CRM_IMPORT_TARGET_STATUS),
             crm_status_get_label (status));
}

static void
add_record_fields (GtkWidget              *expander,
                   const CrmImportRecord  *record,
                   const CrmImportOutcome *outcome)
{
  JsonObjectIter iter;
  const char *key;
  JsonNode *value;

  add_field (expander, crm_import_target_get_label (CRM_IMPORT_TARGET_ID),
             record->external_id);
  add_variant_fields (expander, record->customer, record->contact);
  add_stored_fields (expander, record, outcome);

  if (record->tags != NULL)
    {
      g_autofree char *tags = g_strjoinv (", ", record->tags);

      add_field (expander, crm_import_target_get_label (CRM_IMPORT_TARGET_TAGS), tags);
    }

  if (record->attributes != NULL)
    {
      json_object_iter_init (&iter, record->attributes);
      while (json_object_iter_next (&iter, &key, &value))
        {
          g_autofree char *text = JSON_NODE_HOLDS_VALUE (value) &&
                                  json_node_get_value_type (value) == G_TYPE_STRING
            ? json_node_dup_string (value) : json_to_string (value, FALSE);

          add_field (expander, key, text);
        }
    }

  add_variant_fields (expander, record->contact, record->contact);
  add_field (expander, crm_import_target_get_label (CRM_IMPORT_TARGET_NOTES), record->notes);
}

static const char *
record_title (const CrmImportRecord *record)
{
  const char *name = NULL;

  if (record->customer != NULL &&
      (g_variant_lookup (record->customer, "name", "&s", &name) ||
       g_variant_lookup (record->customer, "email", "&s", &name)))
    return name;

  return record->external_id != NULL ? record->external_id : _("No name");
}

static char *
outcome_subtitle (const CrmImportOutcome *outcome,
                  guint                   line)
{
  if (outcome == NULL)
    return g_strdup_printf (_("Line %u"), line);

  switch (outcome->action)
    {
    case CRM_IMPORT_ACTION_CREATED:
      return g_strdup_printf (_("Line %u · New customer"), line);
    case CRM_IMPORT_ACTION_UPDATED:
      return g_strdup_printf (_("Line %u · Updates a stored customer"), line);
    case CRM_IMPORT_ACTION_SKIPPED:
    default:
      return g_strdup_printf (_("Line %u · Skipped: %s"), line, outcome->reason);
    }
}

static GtkWidget *
outcome_icon (const CrmImportOutcome *outcome)
{
  const char *icon = "emblem-ok-symbolic";
  GtkWidget *image;

  if (outcome != NULL && outcome->action == CRM_IMPORT_ACTION_UPDATED)
    icon = "view-refresh-symbolic";
  else if (outcome != NULL && outcome->action == CRM_IMPORT_ACTION_SKIPPED)
    icon = "dialog-warning-symbolic";

  image = gtk_image_new_from_icon_name (icon);
  if (outcome != NULL && outcome->action == CRM_IMPORT_ACTION_SKIPPED)
    gtk_widget_add_css_class (image, "warning");
  else
    gtk_widget_add_css_class (image, "success");

  return image;
}

/* A row that cannot be read is named by its first naming cell. */
static char *
dup_raw_title (const CrmImportSource *source,
               guint                  row)
{
  static const CrmImportTarget naming[] = {
    CRM_IMPORT_TARGET_NAME, CRM_IMPORT_TARGET_COMPANY, CRM_IMPORT_TARGET_EMAIL,
    CRM_IMPORT_TARGET_LAST_NAME, CRM_IMPORT_TARGET_FIRST_NAME, CRM_IMPORT_TARGET_ID,
  };

  for (guint i = 0; i < G_N_ELEMENTS (naming); i++)
    {
      int column = crm_import_mapping_find (source->mapping, naming[i]);
      g_autofree char *text = NULL;

      if (column < 0)
        continue;

      text = dup_one_line (crm_csv_document_get_cell (source->document, row, column));
      if (g_strstrip (text)[0] != '\0')
        return g_steal_pointer (&text);
    }

  return g_strdup (_("No name"));
}

static GtkWidget *
preview_row (CrmImportAssistant    *self,
             const CrmImportSource *source,
             guint                  row)
{
  g_auto(CrmImportRecord) record = { 0 };
  g_autofree char *raw_title = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;
  const CrmImportOutcome *outcome;
  GtkWidget *widget;

  if (!crm_import_record_read (&record, source, row, NULL))
    raw_title = dup_raw_title (source, row);
  outcome = crm_import_summary_find_outcome (self->preview, record.line);

  title = g_markup_escape_text (raw_title != NULL ? raw_title : record_title (&record), -1);
  {
    g_autofree char *text = outcome_subtitle (outcome, record.line);

    subtitle = g_markup_escape_text (text, -1);
  }

  /* A row that will not be stored has nothing to unfold. */
  if (raw_title != NULL)
    {
      widget = adw_action_row_new ();
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (widget), outcome_icon (outcome));
    }
  else
    {
      widget = adw_expander_row_new ();
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (widget), subtitle);
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (widget), outcome_icon (outcome));
      add_record_fields (widget, &record, outcome);
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);

  return widget;
}

void
_crm_import_assistant_fill_preview (CrmImportAssistant *self)
{
  g_autofree char *me_name = crm_store_dup_setting (self->store, "me.name");
  g_autofree char *me_email = crm_store_dup_setting (self->store, "me.email");
  CrmCsvDocument *document = crm_csv_import_get_document (self->import);
  const CrmImportSource source = { document, crm_csv_import_get_mapping (self->import),
                                   me_name, me_email };
  guint n_rows = MIN (crm_csv_document_get_n_rows (document), CRM_IMPORT_PREVIEW_ROWS);

  _crm_import_assistant_clear_preview (self);
  for (guint row = 0; row < n_rows; row++)
    gtk_list_box_append (self->preview_list, preview_row (self, &source, row));
}
