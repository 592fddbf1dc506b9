/* crm-csv-import-mapping.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "crm-csv-import"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "crm-csv-import-mapping.h"
#include "crm-csv-import-values.h"

/* Which column goes where: each header is folded (no case, spaces or
 * punctuation) and looked up among the names our own exports and common
 * CRM exports use. A column nobody claims becomes a custom attribute whose
 * type is sniffed from all its cells. */

struct _CrmImportMapping
{
  GArray *columns;   /* CrmImportColumn */
};

G_DEFINE_BOXED_TYPE (CrmImportMapping, crm_import_mapping,
                     crm_import_mapping_copy, crm_import_mapping_free)

/* Folded header names, '|'-separated, by target. */
static const char * const synonyms[CRM_IMPORT_N_TARGETS] = {
  [CRM_IMPORT_TARGET_ID] = "id|externalid|prospectid",
  [CRM_IMPORT_TARGET_NAME] = "name|fullname|customername|customer|leadname|contactname|"
                             "displayname|personname",
  [CRM_IMPORT_TARGET_FIRST_NAME] = "firstname|givenname|first|forename|vorname",
  [CRM_IMPORT_TARGET_LAST_NAME] = "lastname|surname|familyname|last|nachname",
  [CRM_IMPORT_TARGET_COMPANY] = "company|companyname|organization|organisation|account|"
                                "accountname|business|businessname|firma|"
                                "organizationname|organization1name",
  [CRM_IMPORT_TARGET_EMAIL] = "email|emailaddress|mail|workemail|primaryemail|contactemail|"
                              "emailadresse|emailwork|businessemail|email1value|"
                              "emailaddress1",
  [CRM_IMPORT_TARGET_STATUS] = "status|leadstatus|customerstatus",
  [CRM_IMPORT_TARGET_OWNER] = "owner|contactowner|leadowner|accountowner|customerowner|"
                              "assignedto|salesrep|ownername|recordowner|owneremail",
  [CRM_IMPORT_TARGET_WEBSITE] = "website|web|url|websiteurl|homepage|companywebsite|"
                                "companydomainname|domain",
  [CRM_IMPORT_TARGET_LINKEDIN] = "linkedin|linkedinurl|linkedinprofile|linkedincompanypage|"
                                 "linkedinprofileurl",
  [CRM_IMPORT_TARGET_STREET] = "street|address|streetaddress|address1|addressline1|"
                               "mailingstreet|billingstreet|businessstreet",
  [CRM_IMPORT_TARGET_CITY] = "city|town|ort|mailingcity|billingcity|businesscity",
  [CRM_IMPORT_TARGET_ZIP] = "zip|zipcode|postalcode|postcode|plz|zippostalcode|"
                            "mailingzippostalcode|billingzippostalcode|businesspostalcode",
  [CRM_IMPORT_TARGET_STATE] = "state|region|province|stateregion|stateprovince|"
                              "stateorprovince|mailingstateprovince|billingstateprovince|"
                              "businessstate",
  [CRM_IMPORT_TARGET_COUNTRY] = "country|countryregion|countrycode|land|countryname|"
                                "mailingcountry|billingcountry|businesscountryregion",
  [CRM_IMPORT_TARGET_LEAD_CREATED_AT] = "leadcreatedat|leadcreated|createdate|createdat|"
                                        "createddate|createdtime|datecreated|createdon",
  [CRM_IMPORT_TARGET_FREE_TRIAL_STARTED_AT] = "freetrialstartedat|freetrialstarted|"
                                              "trialstarted|trialstartedat",
  [CRM_IMPORT_TARGET_CUSTOMER_SINCE] = "customersince",
  [CRM_IMPORT_TARGET_TAGS] = "tags|tag|labels",
  [CRM_IMPORT_TARGET_PHONE] = "phone|phonenumber|telephone|tel|mobile|mobilephone|"
                              "mobilephonenumber|workphone|telefon|phonework|phonemobile|"
                              "businessphone|phone1value|mobilenumber|cellphone",
  [CRM_IMPORT_TARGET_TITLE] = "title|jobtitle|position|role|organization1title",
  [CRM_IMPORT_TARGET_TWITTER] = "twitter|twitterhandle|twitterusername",
  [CRM_IMPORT_TARGET_NOTES] = "notes|note|comments|comment|description",
};

static const char * const target_labels[CRM_IMPORT_N_TARGETS] = {
  [CRM_IMPORT_TARGET_SKIP] = N_("Don’t import"),
  [CRM_IMPORT_TARGET_ID] = N_("Prospect id"),
  [CRM_IMPORT_TARGET_NAME] = N_("Name"),
  [CRM_IMPORT_TARGET_FIRST_NAME] = N_("Contact first name"),
  [CRM_IMPORT_TARGET_LAST_NAME] = N_("Contact last name"),
  [CRM_IMPORT_TARGET_COMPANY] = N_("Company"),
  [CRM_IMPORT_TARGET_EMAIL] = N_("Email"),
  [CRM_IMPORT_TARGET_STATUS] = N_("Lead status"),
  [CRM_IMPORT_TARGET_OWNER] = N_("Owner"),
  [CRM_IMPORT_TARGET_WEBSITE] = N_("Website"),
  [CRM_IMPORT_TARGET_LINKEDIN] = N_("LinkedIn"),
  [CRM_IMPORT_TARGET_STREET] = N_("Street"),
  [CRM_IMPORT_TARGET_CITY] = N_("City"),
  [CRM_IMPORT_TARGET_ZIP] = N_("Postal code"),
  [CRM_IMPORT_TARGET_STATE] = N_("State or region"),
  [CRM_IMPORT_TARGET_COUNTRY] = N_("Country"),
  [CRM_IMPORT_TARGET_LEAD_CREATED_AT] = N_("Lead created"),
  [CRM_IMPORT_TARGET_FREE_TRIAL_STARTED_AT] = N_("Free trial started"),
  [CRM_IMPORT_TARGET_CUSTOMER_SINCE] = N_("Customer since"),
  [CRM_IMPORT_TARGET_TAGS] = N_("Tags"),
  [CRM_IMPORT_TARGET_PHONE] = N_("Contact phone"),
  [CRM_IMPORT_TARGET_TITLE] = N_("Contact job title"),
  [CRM_IMPORT_TARGET_TWITTER] = N_("Contact Twitter"),
  [CRM_IMPORT_TARGET_NOTES] = N_("Notes"),
  [CRM_IMPORT_TARGET_ATTRIBUTE] = N_("Custom field"),
};

static const char * const type_labels[CRM_IMPORT_N_TYPES] = {
  [CRM_IMPORT_TYPE_TEXT] = N_("Text"),
  [CRM_IMPORT_TYPE_INTEGER] = N_("Whole number"),
  [CRM_IMPORT_TYPE_DECIMAL] = N_("Decimal number"),
  [CRM_IMPORT_TYPE_DATE] = N_("Date"),
  [CRM_IMPORT_TYPE_BOOLEAN] = N_("Yes or no"),
};

/* Lower case, letters and digits only: "Country/Region" → "countryregion". */
static char *
fold_header (const char *header)
{
  g_autofree char *folded = g_utf8_casefold (header, -1);
  g_autofree char *ascii = g_str_to_ascii (folded, "C");
  GString *key = g_string_sized_new (strlen (ascii));

  for (const char *p = ascii; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p))
        g_string_append_c (key, g_ascii_tolower (*p));
    }

  return g_string_free (key, FALSE);
}

/**
 * crm_import_target_for_header:
 * @header: a column's header
 *
 * Returns: the target the header names, or %CRM_IMPORT_TARGET_ATTRIBUTE
 */
CrmImportTarget
crm_import_target_for_header (const char *header)
{
  g_autofree char *key = NULL;
  gsize length;

  g_return_val_if_fail (header != NULL, CRM_IMPORT_TARGET_SKIP);

  key = fold_header (header);
  length = strlen (key);
  if (length == 0)
    return CRM_IMPORT_TARGET_SKIP;

  for (guint target = 0; target < CRM_IMPORT_N_TARGETS; target++)
    {
      const char *names = synonyms[target];

      for (const char *p = names; p != NULL && *p != '\0'; )
        {
          const char *end = strchr (p, '|');
          gsize n = end != NULL ? (gsize) (end - p) : strlen (p);

          if (n == length && strncmp (p, key, n) == 0)
            return target;

          p = end != NULL ? end + 1 : NULL;
        }
    }

  return CRM_IMPORT_TARGET_ATTRIBUTE;
}

/**
 * crm_import_target_get_label:
 * @target: a #CrmImportTarget
 *
 * Returns: the translated name of the target
 */
const char *
crm_import_target_get_label (CrmImportTarget target)
{
  g_return_val_if_fail (target < CRM_IMPORT_N_TARGETS, NULL);

  return _(target_labels[target]);
}

const char *
crm_import_type_get_label (CrmImportType type)
{
  g_return_val_if_fail (type < CRM_IMPORT_N_TYPES, NULL);

  return _(type_labels[type]);
}

/* ------------------------------------------------------------------ */
/* Sniffing                                                            */
/* ------------------------------------------------------------------ */

typedef struct
{
  gboolean integer, decimal, date, boolean;
  gboolean day_first, month_first;   /* a slashed date shows its order */
  guint    n_values;
} Sniff;

static void
sniff_slashed (Sniff      *sniff,
               const char *text)
{
  int first, second;

  if (sscanf (text, "%d/%d/", &first, &second) != 2 || strchr (text, '/') - text > 2)
    return;

  sniff->day_first |= first > 12;
  sniff->month_first |= second > 12;
}

static void
sniff_value (Sniff      *sniff,
             const char *text)
{
  GDate date;

  sniff->n_values++;
  sniff->integer = sniff->integer && crm_import_value_is_integer (text);
  sniff->decimal = sniff->decimal &&
    (crm_import_value_is_decimal (text) || crm_import_value_is_integer (text));
  sniff->boolean = sniff->boolean && crm_import_value_boolean (text) >= 0;

  if (!sniff->date)
    return;

  /* Either order may hold for now; the order is settled at the end. */
  sniff->date = crm_import_value_date (text, CRM_IMPORT_DATE_ORDER_DMY, &date) ||
                crm_import_value_date (text, CRM_IMPORT_DATE_ORDER_MDY, &date);
  if (sniff->date)
    sniff_slashed (sniff, text);
}

static gboolean
column_dates_valid (CrmCsvDocument     *document,
                    guint               column,
                    CrmImportDateOrder  order)
{
  guint n_rows = crm_csv_document_get_n_rows (document);
  GDate date;

  for (guint row = 0; row < n_rows; row++)
    {
      g_autofree char *text = g_strstrip (g_strdup (crm_csv_document_get_cell (document, row,
                                                                                column)));

      if (text[0] != '\0' && !crm_import_value_date (text, order, &date))
        return FALSE;
    }

  return TRUE;
}

/**
 * crm_import_sniff_type:
 * @document: a document
 * @column: one of its columns
 * @date_order: (out): how the column writes slashed dates
 *
 * Looks at every non-empty cell of a column. A type is chosen only when
 * every cell fits it: whole numbers (no leading zero, so zip codes stay
 * text), decimals with a dot, true/false/yes/no, or dates. A slashed date
 * is a date only when some cell settles the order (a day above 12), so
 * "03/04/2025" alone stays text.
 *
 * Returns: the column's type
 */
CrmImportType
crm_import_sniff_type (CrmCsvDocument     *document,
                       guint               column,
                       CrmImportDateOrder *date_order)
{
  Sniff sniff = { TRUE, TRUE, TRUE, TRUE, FALSE, FALSE, 0 };
  guint n_rows;

  g_return_val_if_fail (document != NULL, CRM_IMPORT_TYPE_TEXT);
  g_return_val_if_fail (date_order != NULL, CRM_IMPORT_TYPE_TEXT);

  *date_order = CRM_IMPORT_DATE_ORDER_NONE;
  n_rows = crm_csv_document_get_n_rows (document);

  for (guint row = 0; row < n_rows; row++)
    {
      const char *cell = crm_csv_document_get_cell (document, row, column);
      g_autofree char *text = NULL;

      if (cell[0] == '\0')
        continue;

      text = g_strstrip (g_strdup (cell));
      if (text[0] != '\0')
        sniff_value (&sniff, text);

      if (!sniff.integer && !sniff.decimal && !sniff.boolean && !sniff.date)
        return CRM_IMPORT_TYPE_TEXT;
    }

  if (sniff.n_values == 0)
    return CRM_IMPORT_TYPE_TEXT;
  if (sniff.integer)
    return CRM_IMPORT_TYPE_INTEGER;
  if (sniff.decimal)
    return CRM_IMPORT_TYPE_DECIMAL;
  if (sniff.boolean)
    return CRM_IMPORT_TYPE_BOOLEAN;
  if (!sniff.date || (sniff.day_first && sniff.month_first))
    return CRM_IMPORT_TYPE_TEXT;

  if (sniff.day_first)
    *date_order = CRM_IMPORT_DATE_ORDER_DMY;
  else if (sniff.month_first)
    *date_order = CRM_IMPORT_DATE_ORDER_MDY;

  /* Every cell must read in the settled order (ambiguous slashes fail). */
  if (!column_dates_valid (document, column, *date_order))
    {
      *date_order = CRM_IMPORT_DATE_ORDER_NONE;
      return CRM_IMPORT_TYPE_TEXT;
    }

  return CRM_IMPORT_TYPE_DATE;
}

/* ------------------------------------------------------------------ */
/* The mapping                                                         */
/* ------------------------------------------------------------------ */

static void
column_clear (CrmImportColumn *column)
{
  g_clear_pointer (&column->header, g_free);
}

static GArray *
columns_new (guint n_columns)
{
  GArray *columns = g_array_sized_new (FALSE, TRUE, sizeof (CrmImportColumn), n_columns);

  g_array_set_clear_func (columns, (GDestroyNotify) column_clear);
  return columns;
}

/**
 * crm_import_mapping_new:
 * @document: the document to map
 *
 * Maps each column by its header. When two columns name the same target,
 * the first one gets it and the other becomes a custom attribute. A
 * header "attr.KEY" is the custom attribute KEY.
 *
 * Returns: (transfer full): the automatic mapping
 */
CrmImportMapping *
crm_import_mapping_new (CrmCsvDocument *document)
{
  CrmImportMapping *self;
  guint n_columns;

  g_return_val_if_fail (document != NULL, NULL);

  n_columns = crm_csv_document_get_n_columns (document);
  self = g_new0 (CrmImportMapping, 1);
  self->columns = columns_new (n_columns);

  for (guint i = 0; i < n_columns; i++)
    {
      CrmImportColumn column = { 0 };
      const char *header = crm_csv_document_get_header (document, i);

      column.header = g_strstrip (g_strdup (header));
      column.target = crm_import_target_for_header (column.header);
      if (g_str_has_prefix (column.header, CRM_IMPORT_ATTRIBUTE_PREFIX) &&
          column.header[strlen (CRM_IMPORT_ATTRIBUTE_PREFIX)] != '\0')
        {
          memmove (column.header, column.header + strlen (CRM_IMPORT_ATTRIBUTE_PREFIX),
                   strlen (column.header) - strlen (CRM_IMPORT_ATTRIBUTE_PREFIX) + 1);
          column.target = CRM_IMPORT_TARGET_ATTRIBUTE;
        }
      else if (column.target != CRM_IMPORT_TARGET_ATTRIBUTE &&
               column.target != CRM_IMPORT_TARGET_SKIP &&
               crm_import_mapping_find (self, column.target) >= 0)
        {
          column.target = CRM_IMPORT_TARGET_ATTRIBUTE;
        }

      column.sniffed = crm_import_sniff_type (document, i, &column.date_order);
      column.type = column.sniffed;

      g_array_append_val (self->columns, column);
    }

  return self;
}

CrmImportMapping *
crm_import_mapping_copy (const CrmImportMapping *self)
{
  CrmImportMapping *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_new0 (CrmImportMapping, 1);
  copy->columns = columns_new (self->columns->len);
  for (guint i = 0; i < self->columns->len; i++)
    {
      CrmImportColumn column = g_array_index (self->columns, CrmImportColumn, i);

      column.header = g_strdup (column.header);
      g_array_append_val (copy->columns, column);
    }

  return copy;
}

void
crm_import_mapping_free (CrmImportMapping *self)
{
  if (self == NULL)
    return;

  g_array_unref (self->columns);
  g_free (self);
}

guint
crm_import_mapping_get_n_columns (const CrmImportMapping *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->columns->len;
}

const CrmImportColumn *
crm_import_mapping_get_column (const CrmImportMapping *self,
                               guint                   column)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (column < self->columns->len, NULL);

  return &g_array_index (self->columns, CrmImportColumn, column);
}

/**
 * crm_import_mapping_find:
 * @self: a mapping
 * @target: a target other than a custom attribute
 *
 * Returns: the column mapped to @target, or -1
 */
int
crm_import_mapping_find (const CrmImportMapping *self,
                         CrmImportTarget         target)
{
  g_return_val_if_fail (self != NULL, -1);

  for (guint i = 0; i < self->columns->len; i++)
    {
      if (g_array_index (self->columns, CrmImportColumn, i).target == target)
        return (int) i;
    }

  return -1;
}

/**
 * crm_import_mapping_set_target:
 * @self: a mapping
 * @column: a column
 * @target: where its cells go
 *
 * A target other than skip and custom field belongs to one column: the
 * column that had it is no longer imported.
 */
void
crm_import_mapping_set_target (CrmImportMapping *self,
                               guint             column,
                               CrmImportTarget   target)
{
  CrmImportColumn *info;
  int previous;

  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->columns->len);
  g_return_if_fail (target < CRM_IMPORT_N_TARGETS);

  previous = crm_import_mapping_find (self, target);
  if (target != CRM_IMPORT_TARGET_SKIP && target != CRM_IMPORT_TARGET_ATTRIBUTE &&
      previous >= 0 && (guint) previous != column)
    g_array_index (self->columns, CrmImportColumn, previous).target = CRM_IMPORT_TARGET_SKIP;

  info = &g_array_index (self->columns, CrmImportColumn, column);
  info->target = target;
}

void
crm_import_mapping_set_type (CrmImportMapping *self,
                             guint             column,
                             CrmImportType     type)
{
  g_return_if_fail (self != NULL);
  g_return_if_fail (column < self->columns->len);
  g_return_if_fail (type < CRM_IMPORT_N_TYPES);

  g_array_index (self->columns, CrmImportColumn, column).type = type;
}

/**
 * crm_import_mapping_has_contact:
 * @self: a mapping
 *
 * Returns: whether the rows make a primary contact: a column holds a first
 *   or last name, a phone, a job title or a Twitter handle
 */
gboolean
crm_import_mapping_has_contact (const CrmImportMapping *self)
{
  static const CrmImportTarget contact_targets[] = {
    CRM_IMPORT_TARGET_FIRST_NAME, CRM_IMPORT_TARGET_LAST_NAME, CRM_IMPORT_TARGET_PHONE,
    CRM_IMPORT_TARGET_TITLE, CRM_IMPORT_TARGET_TWITTER,
  };

  g_return_val_if_fail (self != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (contact_targets); i++)
    {
      if (crm_import_mapping_find (self, contact_targets[i]) >= 0)
        return TRUE;
    }

  return FALSE;
}
