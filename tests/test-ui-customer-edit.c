/* test-ui-customer-edit.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-customer-edit"

#include "config.h"

#include <locale.h>
#include <string.h>

#include <adwaita.h>

#include "crm-application.h"
#include "crm-core.h"
#include "crm-customer-edit.h"
#include "crm-customer-editor.h"
#include "crm-customer-page-private.h"
#include "crm-customer-window.h"
#include "crm-new-customer-window.h"
#include "crm-store.h"
#include "crm-store-rules.h"
#include "crm-timeline-row.h"
#include "crm-window.h"
#include "test-ui-util.h"
#include "test-util.h"

/* Editing a customer and creating one, as a rep does: every kind of field
 * and its Undo, what is refused and where it says so, a save the store
 * refuses, and a new customer routed by its country. The checks behind
 * the editor run first, without a display. */

#define ME "sam@example.com"
#define DIETER "dieter@example.com"

static struct {
  char           *dir;
  CrmStore       *store;
  CrmApplication *app;
  CrmWindow      *window;
} fixture;

/* Store helpers */

static gint64
insert (CrmEntityKind  kind,
        GVariant      *fields)
{
  return test_insert_as (fixture.store, CRM_ORIGIN_IMPORT, kind, fields);
}

static CrmCustomer *
load_customer (gint64 id)
{
  return CRM_CUSTOMER (crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, id, NULL));
}

static char *
dup_column (gint64      id,
            const char *column)
{
  g_autoptr(CrmCustomer) customer = load_customer (id);
  char *value = NULL;

  if (customer != NULL)
    g_object_get (customer, column, &value, NULL);

  return value;
}

typedef struct
{
  gint64      id;
  const char *column;
  const char *value;
} ColumnWait;

static gboolean
column_is (gpointer data)
{
  ColumnWait *wait = data;
  g_autofree char *value = dup_column (wait->id, wait->column);

  return g_strcmp0 (value, wait->value) == 0;
}

#define wait_for_column(id, column, value) \
  g_assert_true (ui_wait_until (column_is, &(ColumnWait) { id, column, value }))

static char *
dup_tags (gint64 id)
{
  g_autoptr(CrmCustomer) customer = load_customer (id);
  const char * const *tags = crm_customer_get_tags (customer);

  return g_strjoinv (",", (char **) tags);
}

static char *
dup_attributes (gint64 id)
{
  g_autoptr(CrmCustomer) customer = load_customer (id);
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_OBJECT);

  json_node_set_object (node, crm_customer_get_attributes (customer));
  return json_to_string (node, FALSE);
}

/* Checks behind the editor, without a display */

static void
test_countries (void)
{
  g_autofree char *austria = crm_country_dup_name ("AT");
  g_autofree char *lower = crm_country_dup_name ("at");

  g_assert_true (crm_country_is_code ("AT"));
  g_assert_true (crm_country_is_code ("ZW"));
  g_assert_false (crm_country_is_code ("XX"));
  g_assert_false (crm_country_is_code ("at"));
  g_assert_false (crm_country_is_code ("AUT"));
  g_assert_false (crm_country_is_code (NULL));

  /* Names come from iso-codes, which the platform lists. */
  g_assert_cmpstr (austria, ==, "Austria");
  g_assert_cmpstr (lower, ==, "Austria");
  g_assert_null (crm_country_dup_name (""));

  {
    g_autofree char *code = crm_country_find_code (" at ");
    g_autofree char *by_name = crm_country_find_code ("austria");
    g_autofree char *common = crm_country_find_code ("Bolivia");
    g_autofree char *unknown = crm_country_find_code ("Atlantis");
    g_autofree char *short_text = crm_country_find_code ("A");

    g_assert_cmpstr (code, ==, "AT");
    g_assert_cmpstr (by_name, ==, "AT");
    g_assert_cmpstr (common, ==, "BO");
    g_assert_null (unknown);
    g_assert_null (short_text);
  }
}

typedef struct
{
  CrmCustomerField  field;
  const char       *text;
  const char       *value;     /* NULL: refused, "" : stored as empty */
} CheckCase;

static void
test_field_checks (void)
{
  const CheckCase cases[] = {
    { CRM_CUSTOMER_FIELD_EMAIL, "  nora@example.org ", "nora@example.org" },
    { CRM_CUSTOMER_FIELD_EMAIL, "nora@example", NULL },
    { CRM_CUSTOMER_FIELD_EMAIL, "nora example.org", NULL },
    { CRM_CUSTOMER_FIELD_EMAIL, "", "" },
    { CRM_CUSTOMER_FIELD_WEBSITE, "orchard.example.com", "orchard.example.com" },
    { CRM_CUSTOMER_FIELD_WEBSITE, "https://orchard.example.com/about",
      "https://orchard.example.com/about" },
    { CRM_CUSTOMER_FIELD_WEBSITE, "orchard", NULL },
    { CRM_CUSTOMER_FIELD_WEBSITE, "orchard example", NULL },
    { CRM_CUSTOMER_FIELD_LINKEDIN, "/company/orchard", "/company/orchard" },
    { CRM_CUSTOMER_FIELD_LINKEDIN, "https://www.linkedin.com/in/nora",
      "https://www.linkedin.com/in/nora" },
    { CRM_CUSTOMER_FIELD_LINKEDIN, "https://orchard.example.com", NULL },
    { CRM_CUSTOMER_FIELD_COUNTRY, "at", "AT" },
    { CRM_CUSTOMER_FIELD_COUNTRY, "Austria", "AT" },
    { CRM_CUSTOMER_FIELD_COUNTRY, "XX", NULL },
    { CRM_CUSTOMER_FIELD_COUNTRY, "Atlantis", NULL },
    { CRM_CUSTOMER_FIELD_OWNER, "dieter@example.com", "dieter@example.com" },
    { CRM_CUSTOMER_FIELD_OWNER, "Dieter", NULL },
    { CRM_CUSTOMER_FIELD_NAME, "  Orchard Tools ", "Orchard Tools" },
    { CRM_CUSTOMER_FIELD_STREET, "   ", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;
      gboolean ok;

      ok = crm_customer_edit_check (cases[i].field, cases[i].text, &value, &error);
      g_test_message ("%s: “%s”", crm_customer_edit_get_column (cases[i].field), cases[i].text);

      if (cases[i].value == NULL)
        {
          g_assert_false (ok);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
          g_assert_cmpstr (error->message, !=, "");
          continue;
        }

      g_assert_no_error (error);
      g_assert_true (ok);
      g_assert_cmpstr (value != NULL ? value : "", ==, cases[i].value);
    }

  {
    g_autoptr(GError) error = NULL;

    crm_customer_edit_check (CRM_CUSTOMER_FIELD_COUNTRY, "Atlantis", NULL, &error);
    g_assert_cmpstr (error->message, ==,
                     "No such country: type a code such as AT, or a name");
  }
}

static void
test_build_fields (void)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(GVariant) fields = NULL;
  g_autoptr(GVariant) created = NULL;
  g_autoptr(GError) error = NULL;
  const char *texts[CRM_CUSTOMER_N_FIELDS];
  CrmCustomerField bad = CRM_CUSTOMER_N_FIELDS;
  const char *text = NULL;
  gboolean has_owner;

  customer = g_object_new (CRM_TYPE_CUSTOMER, "name", "Orchard Tools", "email",
                           "info@orchard.example.com", "country", "AT", NULL);
  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    texts[i] = "";
  texts[CRM_CUSTOMER_FIELD_NAME] = "Orchard Tools ";
  texts[CRM_CUSTOMER_FIELD_EMAIL] = "info@orchard.example.com";
  texts[CRM_CUSTOMER_FIELD_COUNTRY] = "Germany";
  texts[CRM_CUSTOMER_FIELD_CITY] = "Linz";

  /* Only what changed is written; an emptied column becomes NULL. */
  fields = g_variant_ref_sink (crm_customer_edit_build_fields (customer, texts, NULL, &bad,
                                                               &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (fields), ==, 2);
  g_assert_true (g_variant_lookup (fields, "country", "m&s", &text));
  g_assert_cmpstr (text, ==, "DE");
  g_assert_true (g_variant_lookup (fields, "city", "m&s", &text));
  g_assert_cmpstr (text, ==, "Linz");

  /* The first field refused is named. */
  texts[CRM_CUSTOMER_FIELD_WEBSITE] = "not a site";
  texts[CRM_CUSTOMER_FIELD_OWNER] = "nobody";
  g_assert_null (crm_customer_edit_build_fields (customer, texts, NULL, &bad, &error));
  g_assert_cmpint (bad, ==, CRM_CUSTOMER_FIELD_WEBSITE);
  g_clear_error (&error);

  /* A new customer needs something to be found by. */
  for (guint i = 0; i < CRM_CUSTOMER_N_FIELDS; i++)
    texts[i] = "";
  g_assert_null (crm_customer_edit_build_fields (NULL, texts, NULL, &bad, &error));
  g_assert_cmpint (bad, ==, CRM_CUSTOMER_FIELD_NAME);
  g_assert_cmpstr (error->message, ==, "Enter a name, a company or an email");
  g_clear_error (&error);

  texts[CRM_CUSTOMER_FIELD_NAME] = "Quill Works";
  created = g_variant_ref_sink (crm_customer_edit_build_fields (NULL, texts, NULL, NULL,
                                                                &error));
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (created), ==, 1);
  has_owner = g_variant_lookup (created, "owner", "m&s", &text);
  g_assert_false (has_owner);
}

static void
test_tags_and_attributes (void)
{
  const char *tags[] = { "pilot", "dach", NULL };
  const char *same[] = { "dach", "pilot", NULL };
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *tag = NULL;
  g_auto(GStrv) keys = NULL;
  JsonObject *attributes;
  CrmAttributeType type;

  tag = crm_customer_edit_check_tag ("  trial ", tags, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (tag, ==, "trial");
  g_assert_null (crm_customer_edit_check_tag ("pilot", tags, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_null (crm_customer_edit_check_tag (" ", tags, &error));
  g_clear_error (&error);
  g_assert_false (crm_customer_edit_tags_differ (tags, same));
  g_assert_true (crm_customer_edit_tags_differ (tags, NULL));

  g_assert_true (json_parser_load_from_data (parser,
                                             "{\"industry\":\"Retail\",\"seats\":12,"
                                             "\"renewal\":\"2025-07-01\",\"sso\":true,"
                                             "\"regions\":[\"EU\"],"
                                             "\"custom\":{\"plan\":\"Team\"}}", -1, NULL));
  attributes = json_node_get_object (json_parser_get_root (parser));

  /* One value each is editable, at the top or under "custom"; lists are not. */
  keys = crm_customer_edit_list_attributes (attributes);
  g_assert_cmpuint (g_strv_length (keys), ==, 5);
  g_assert_false (g_strv_contains ((const char * const *) keys, "regions"));
  g_assert_true (g_strv_contains ((const char * const *) keys, "plan"));

  g_assert_true (crm_customer_edit_attribute_type (json_object_get_member (attributes, "renewal"),
                                                   &type));
  g_assert_cmpint (type, ==, CRM_ATTRIBUTE_DATE);
  {
    g_autofree char *seats = crm_customer_edit_attribute_text (
      json_object_get_member (attributes, "seats"));
    g_autofree char *sso = crm_customer_edit_attribute_text (
      json_object_get_member (attributes, "sso"));

    g_assert_cmpstr (seats, ==, "12");
    g_assert_cmpstr (sso, ==, "yes");
  }

  /* A value of the wrong type is refused; a value goes where its key is. */
  g_assert_false (crm_customer_edit_set_attribute (attributes, "seats", CRM_ATTRIBUTE_NUMBER,
                                                   "many", &error));
  g_assert_error (error, CRM_BULK_EDIT_ERROR, CRM_BULK_EDIT_ERROR_VALUE);
  g_clear_error (&error);
  g_assert_true (crm_customer_edit_set_attribute (attributes, "plan", CRM_ATTRIBUTE_TEXT,
                                                  "Enterprise", &error));
  g_assert_cmpstr (json_object_get_string_member (
                     json_object_get_object_member (attributes, "custom"), "plan"),
                   ==, "Enterprise");
  g_assert_false (crm_customer_edit_set_attribute (attributes, "has space",
                                                   CRM_ATTRIBUTE_TEXT, "x", &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);
  g_assert_true (crm_customer_edit_set_attribute (attributes, "founded", CRM_ATTRIBUTE_NUMBER,
                                                  "1998", &error));
  g_assert_cmpint (json_object_get_int_member (attributes, "founded"), ==, 1998);

  crm_customer_edit_remove_attribute (attributes, "plan");
  g_assert_null (crm_customer_edit_get_attribute (attributes, "plan"));
}

static char *
dup_call_title (const char *outcome,
                gint64      duration)
{
  g_autoptr(CrmActivity) activity = NULL;

  activity = g_object_new (CRM_TYPE_ACTIVITY, "kind", "call", "call-outcome", outcome,
                           "call-duration", duration, NULL);
  return crm_timeline_row_dup_title (activity, ME, "Sam Ortiz");
}

#define assert_text(got, expected) \
  G_STMT_START { \
    g_autofree char *got_ = (got); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

/* A call that reached nobody says so without "0 s". */
static void
test_call_titles (void)
{
  assert_text (dup_call_title ("No answer", 0), "Call · No answer");
  assert_text (dup_call_title ("Busy", 0), "Call · Busy");
  assert_text (dup_call_title ("Connected", 720), "Call · 12 min · Connected");
  assert_text (dup_call_title ("Voicemail", 45), "Call · 45 s · Left voicemail");
  assert_text (dup_call_title (NULL, 900), "Call · 15 min");
  assert_text (dup_call_title (NULL, -1), "Call");
  assert_text (dup_call_title ("Left a message with reception", 0),
               "Call · Left a message with reception");

  g_assert_cmpint (crm_call_outcome_duration ("No answer", 31), ==, 0);
  g_assert_cmpint (crm_call_outcome_duration ("Wrong number", 12), ==, 0);
  g_assert_cmpint (crm_call_outcome_duration ("Voicemail", 31), ==, 31);
  g_assert_cmpint (crm_call_outcome_duration ("Connected", 754), ==, 754);
  g_assert_cmpuint (g_strv_length ((char **) crm_call_outcome_get_all ()), ==, 5);
}

/* Widget cases */

static CrmCustomerPage *
open_customer_window (gint64      customer,
                      GtkWidget **window)
{
  CrmCustomerPage *page;

  *window = crm_customer_window_new (NULL, fixture.store, customer);
  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (CRM_CUSTOMER_WINDOW (*window)));
  gtk_window_set_default_size (GTK_WINDOW (*window), 900, 1000);
  gtk_window_present (GTK_WINDOW (*window));
  g_assert_true (ui_wait_until (ui_is_drawn, *window));

  return page;
}

static void
close_window (GtkWidget *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

static void
set_field (CrmCustomerEditor *editor,
           CrmCustomerField   field,
           const char        *text)
{
  gtk_editable_set_text (GTK_EDITABLE (crm_customer_editor_get_row (editor, field)), text);
}

static AdwEntryRow *
find_row (CrmCustomerEditor *editor,
          const char        *title)
{
  GtkWidget *row = ui_find_widget (GTK_WIDGET (editor), ui_is_mapped_row_titled,
                                   (gpointer) title);

  g_assert_nonnull (row);
  return ADW_ENTRY_ROW (row);
}

static gboolean
is_button_with_tooltip (GtkWidget *widget,
                        gpointer   tooltip)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static gboolean
is_menu_button_with_tooltip (GtkWidget *widget,
                             gpointer   tooltip)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_widget_get_tooltip_text (widget), tooltip) == 0;
}

static void
click_tooltip_button (GtkWidget  *root,
                      const char *tooltip)
{
  GtkWidget *button = ui_find_widget (root, is_button_with_tooltip, (gpointer) tooltip);

  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
}

static void
scroll_to_end (GtkWidget *widget)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (widget, GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
}

static gboolean
is_editing (CrmCustomerPage *page)
{
  return page->editing &&
         g_strcmp0 (gtk_stack_get_visible_child_name (page->details_stack), "edit") == 0;
}

static gboolean
not_editing (gpointer page)
{
  return !is_editing (page);
}

static gboolean
focus_is_in (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
is_label_ending_with (GtkWidget *widget,
                      gpointer   end)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_str_has_suffix (gtk_label_get_text (GTK_LABEL (widget)), end);
}

typedef struct
{
  CrmCustomerPage *page;
  const char      *title;
} RowWait;

static gboolean
timeline_has_row (gpointer data)
{
  RowWait *wait = data;

  GtkWidget *row = ui_find_widget (GTK_WIDGET (wait->page->timeline), ui_is_mapped_row_titled,
                                   (gpointer) wait->title);

  return row != NULL && ADW_IS_ACTION_ROW (row);
}

static gint64
add_orchard (void)
{
  gint64 id;
  const char *tags[] = { "dach", "pilot", NULL };

  id = insert (CRM_ENTITY_CUSTOMER,
               g_variant_new_parsed ("{'name': <'Orchard Tools'>,"
                                     " 'company': <'Orchard Tools GmbH'>,"
                                     " 'email': <'info@orchard.example.com'>,"
                                     " 'website': <'orchard.example.com'>,"
                                     " 'country': <'DE'>, 'city': <'Passau'>,"
                                     " 'owner': <%s>, 'status': <'Working Lead'>,"
                                     " 'attributes': <'{\"industry\":\"Manufacturing\","
                                     "\"seats\":45}'>}", ME));
  test_set_tags (fixture.store, id, tags);

  return id;
}

/* Every kind of field in one edit: text, links, the country by name, the
 * owner, a tag added and one removed, an attribute changed, one removed
 * and one added. One save, one Undo. */
static void
test_edit_every_field_and_undo (void)
{
  gint64 customer = add_orchard ();
  g_autofree char *tags_before = dup_tags (customer);
  g_autofree char *attributes_before = dup_attributes (customer);
  g_autofree char *attributes = NULL;
  g_autofree char *tags = NULL;
  CrmCustomerEditor *editor;
  CrmCustomerPage *page;
  GtkWidget *window;
  GtkWidget *toast;
  AdwEntryRow *row;

  page = open_customer_window (customer, &window);
  editor = page->editor;
  g_assert_false (is_editing (page));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL));
  g_assert_true (is_editing (page));
  g_assert_true (focus_is_in (GTK_WIDGET (crm_customer_editor_get_row (editor,
                                                                      CRM_CUSTOMER_FIELD_NAME))));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_COUNTRY))),
                   ==, "DE");

  set_field (editor, CRM_CUSTOMER_FIELD_NAME, "Orchard Tools Austria");
  set_field (editor, CRM_CUSTOMER_FIELD_EMAIL, "sales@orchard.example.com");
  set_field (editor, CRM_CUSTOMER_FIELD_WEBSITE, "https://orchard.example.at");
  set_field (editor, CRM_CUSTOMER_FIELD_LINKEDIN, "/company/orchard-tools");
  set_field (editor, CRM_CUSTOMER_FIELD_STREET, "Hauptplatz 1");
  set_field (editor, CRM_CUSTOMER_FIELD_CITY, "Linz");
  set_field (editor, CRM_CUSTOMER_FIELD_ZIP, "4020");
  set_field (editor, CRM_CUSTOMER_FIELD_STATE, "Upper Austria");
  set_field (editor, CRM_CUSTOMER_FIELD_COUNTRY, "at");
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (editor), ui_is_mapped_label_with,
                                    (gpointer) "Austria"));

  /* The owner is picked among the people customers go to. */
  {
    GtkWidget *button = ui_find_widget (GTK_WIDGET (editor), is_menu_button_with_tooltip,
                                        (gpointer) "Choose an Owner");
    GMenuModel *owners;
    gboolean offered = FALSE;

    g_assert_nonnull (button);
    owners = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (button));
    for (int i = 0; i < g_menu_model_get_n_items (owners); i++)
      {
        g_autofree char *label = NULL;

        g_menu_model_get_item_attribute (owners, i, "label", "s", &label);
        offered |= g_strcmp0 (label, DIETER) == 0;
      }
    g_assert_true (offered);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.set-owner", "s",
                                               DIETER));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                       crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_OWNER))),
                     ==, DIETER);
  }

  click_tooltip_button (GTK_WIDGET (editor), "Remove “dach”");
  row = find_row (editor, "_Add Tag");
  gtk_editable_set_text (GTK_EDITABLE (row), " trial ");
  g_signal_emit_by_name (row, "apply");

  gtk_editable_set_text (GTK_EDITABLE (find_row (editor, "Industry")), "Retail");
  click_tooltip_button (GTK_WIDGET (editor), "Remove “Seats”");
  gtk_editable_set_text (GTK_EDITABLE (find_row (editor, "New Attribute’s _Name")), "founded");
  adw_combo_row_set_selected (ADW_COMBO_ROW (ui_find_of_type (GTK_WIDGET (editor),
                                                              ADW_TYPE_COMBO_ROW)),
                              CRM_ATTRIBUTE_NUMBER);
  row = find_row (editor, "_Value");
  gtk_editable_set_text (GTK_EDITABLE (row), "1998");
  g_signal_emit_by_name (row, "apply");
  g_assert_nonnull (find_row (editor, "Founded"));

  ui_save_screenshot (window, "ui-customer-edit.png");
  scroll_to_end (GTK_WIDGET (editor));
  ui_save_screenshot (window, "ui-customer-edit-lower.png");

  /* Nothing is written before the save. */
  g_assert_true (column_is (&(ColumnWait) { customer, "name", "Orchard Tools" }));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL));

  wait_for_column (customer, "name", "Orchard Tools Austria");
  toast = ui_wait_for_toast (window, "Details saved");
  g_assert_true (ui_wait_until (not_editing, page));
  g_assert_true (column_is (&(ColumnWait) { customer, "email", "sales@orchard.example.com" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "website", "https://orchard.example.at" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "linkedin", "/company/orchard-tools" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "street", "Hauptplatz 1" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "zip", "4020" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "state", "Upper Austria" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "country", "AT" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "owner", DIETER }));
  g_assert_true (column_is (&(ColumnWait) { customer, "company", "Orchard Tools GmbH" }));
  tags = dup_tags (customer);
  g_assert_cmpstr (tags, ==, "pilot,trial");
  attributes = dup_attributes (customer);
  g_assert_cmpstr (attributes, ==, "{\"industry\":\"Retail\",\"founded\":1998}");

  /* The new owner is on the timeline, given by hand. */
  g_assert_true (ui_wait_until (timeline_has_row,
                                &(RowWait) { page, "Owner: Sam Ortiz → dieter@example.com" }));

  /* The details show the country by its name. */
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (page->details_list), is_label_ending_with,
                                    (gpointer) "Upper Austria, Austria"));
  ui_save_screenshot (window, "ui-customer-edited.png");

  ui_click (ui_find_mapped_button (toast, "_Undo"));
  wait_for_column (customer, "name", "Orchard Tools");
  g_assert_true (column_is (&(ColumnWait) { customer, "country", "DE" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "owner", ME }));
  g_assert_true (column_is (&(ColumnWait) { customer, "street", NULL }));
  g_clear_pointer (&tags, g_free);
  tags = dup_tags (customer);
  g_assert_cmpstr (tags, ==, tags_before);
  g_clear_pointer (&attributes, g_free);
  attributes = dup_attributes (customer);
  g_assert_cmpstr (attributes, ==, attributes_before);

  close_window (window);
}

/* A bad email, website or country is refused on the field, with the
 * reason as its title, and nothing is stored; a fix clears it as typed. */
static void
test_refuse_invalid_input (void)
{
  gint64 customer = add_orchard ();
  CrmCustomerEditor *editor;
  CrmCustomerPage *page;
  GtkWidget *window;
  AdwEntryRow *email;
  AdwEntryRow *website;
  AdwEntryRow *country;

  page = open_customer_window (customer, &window);
  editor = page->editor;
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL);

  email = crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_EMAIL);
  website = crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_WEBSITE);
  country = crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_COUNTRY);
  set_field (editor, CRM_CUSTOMER_FIELD_CITY, "Graz");
  set_field (editor, CRM_CUSTOMER_FIELD_EMAIL, "sales at orchard");
  set_field (editor, CRM_CUSTOMER_FIELD_WEBSITE, "orchard");
  set_field (editor, CRM_CUSTOMER_FIELD_COUNTRY, "Atlantis");

  /* The first field refused takes the focus, and says why. */
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  ui_run_for (200);
  g_assert_true (is_editing (page));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (email)), ==,
                   "Not an email address, such as name@example.com");
  g_assert_true (focus_is_in (GTK_WIDGET (email)));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email)), ==, "sales at orchard");
  g_assert_true (column_is (&(ColumnWait) { customer, "city", "Passau" }));

  set_field (editor, CRM_CUSTOMER_FIELD_EMAIL, "sales@orchard.example.com");
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (email), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (email)), ==, "_Email");

  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  ui_run_for (100);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (website)), ==,
                   "Not a web address, such as orchard.example.com");
  set_field (editor, CRM_CUSTOMER_FIELD_WEBSITE, "orchard.example.at");

  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  ui_run_for (100);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (country), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (country)), ==,
                   "No such country: type a code such as AT, or a name");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (page->edit_message)));
  ui_save_screenshot (window, "ui-customer-edit-invalid.png");
  g_assert_true (column_is (&(ColumnWait) { customer, "city", "Passau" }));
  g_assert_true (column_is (&(ColumnWait) { customer, "country", "DE" }));

  /* Escape leaves without writing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.cancel-edit", NULL);
  g_assert_false (is_editing (page));
  ui_run_for (100);
  g_assert_true (column_is (&(ColumnWait) { customer, "email", "info@orchard.example.com" }));

  close_window (window);
}

static gboolean
message_says_could_not (gpointer data)
{
  CrmCustomerPage *page = data;

  return gtk_widget_get_visible (GTK_WIDGET (page->edit_message)) &&
         g_str_has_prefix (gtk_label_get_text (page->edit_message),
                           "Could not save the details: ");
}

/* The store refuses the save (a business rule here): the editor stays
 * with all that was typed, and a second try goes through. */
static void
test_failed_save_keeps_text (void)
{
  gint64 customer = add_orchard ();
  CrmCustomerEditor *editor;
  CrmCustomerPage *page;
  GtkWidget *window;

  page = open_customer_window (customer, &window);
  editor = page->editor;
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL);
  set_field (editor, CRM_CUSTOMER_FIELD_NAME, "Orchard Tools Linz");
  set_field (editor, CRM_CUSTOMER_FIELD_COMPANY, "Locked Co");
  gtk_editable_set_text (GTK_EDITABLE (find_row (editor, "_Add Tag")), "renewal");
  g_signal_emit_by_name (find_row (editor, "_Add Tag"), "apply");

  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  g_assert_true (ui_wait_until (message_says_could_not, page));
  g_assert_true (g_str_has_suffix (gtk_label_get_text (page->edit_message),
                                   "This company is locked"));
  g_assert_true (is_editing (page));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (
                     crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_NAME))),
                   ==, "Orchard Tools Linz");
  g_assert_nonnull (ui_find_widget (GTK_WIDGET (editor), is_button_with_tooltip,
                                    (gpointer) "Remove “renewal”"));
  g_assert_true (column_is (&(ColumnWait) { customer, "name", "Orchard Tools" }));

  /* A tag typed and not added yet is saved too. */
  set_field (editor, CRM_CUSTOMER_FIELD_COMPANY, "Orchard Tools Linz GmbH");
  gtk_editable_set_text (GTK_EDITABLE (find_row (editor, "_Add Tag")), "q3");
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  wait_for_column (customer, "name", "Orchard Tools Linz");
  g_assert_true (ui_wait_until (not_editing, page));
  {
    g_autofree char *tags = dup_tags (customer);

    g_assert_cmpstr (tags, ==, "dach,pilot,q3,renewal");
  }

  close_window (window);
}

/* A customer nobody owns goes to the territory its new country names;
 * one somebody owns stays theirs. */
static void
test_edit_routes_only_unowned (void)
{
  gint64 unowned = insert (CRM_ENTITY_CUSTOMER,
                           g_variant_new_parsed ("{'name': <'Alder Systems'>}"));
  gint64 owned = add_orchard ();
  CrmCustomerPage *page;
  GtkWidget *window;

  g_assert_true (column_is (&(ColumnWait) { unowned, "owner", NULL }));
  page = open_customer_window (unowned, &window);
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL);
  set_field (page->editor, CRM_CUSTOMER_FIELD_COUNTRY, "Switzerland");
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  wait_for_column (unowned, "owner", DIETER);
  g_assert_true (column_is (&(ColumnWait) { unowned, "country", "CH" }));
  ui_wait_for_toast (window,
                     "Details saved · Assigned to dieter@example.com by the rule “DACH”");
  close_window (window);

  page = open_customer_window (owned, &window);
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.edit", NULL);
  set_field (page->editor, CRM_CUSTOMER_FIELD_COUNTRY, "AT");
  gtk_widget_activate_action (GTK_WIDGET (page), "customer.save-edit", NULL);
  wait_for_column (owned, "country", "AT");
  ui_wait_for_toast (window, "Details saved");
  g_assert_true (column_is (&(ColumnWait) { owned, "owner", ME }));
  close_window (window);
}

/* New customers */

#define NEW_CUSTOMER_WINDOW GSIZE_TO_POINTER (CRM_TYPE_NEW_CUSTOMER_WINDOW)

static void
on_created_cb (CrmNewCustomerWindow *window,
               gint64                id,
               gint64               *created)
{
  *created = id;
}

static gboolean
is_created (gpointer data)
{
  return *(gint64 *) data > 0;
}

/* The rep presses "+" and types at once: the name has the focus. */
static CrmNewCustomerWindow *
start_new_customer (const char *name,
                    gint64     *created)
{
  CrmNewCustomerWindow *window;
  GtkWidget *focus;

  *created = 0;
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.window), "win.new-customer",
                                             NULL));
  g_assert_true (ui_wait_until (ui_has_mapped_toplevel, NEW_CUSTOMER_WINDOW));
  window = CRM_NEW_CUSTOMER_WINDOW (ui_find_toplevel (CRM_TYPE_NEW_CUSTOMER_WINDOW));
  g_signal_connect (window, "created", G_CALLBACK (on_created_cb), created);

  focus = gtk_root_get_focus (GTK_ROOT (window));
  g_assert_true (GTK_IS_TEXT (focus));
  g_assert_true (gtk_widget_is_ancestor (focus, GTK_WIDGET (crm_customer_editor_get_row (
    crm_new_customer_window_get_editor (window), CRM_CUSTOMER_FIELD_NAME))));
  gtk_editable_set_text (GTK_EDITABLE (focus), name);

  return window;
}

static gboolean
is_mapped_customer_page (GtkWidget *widget,
                         gpointer   id)
{
  return CRM_IS_CUSTOMER_PAGE (widget) && gtk_widget_get_mapped (widget) &&
         crm_customer_page_get_customer_id (CRM_CUSTOMER_PAGE (widget)) == *(gint64 *) id;
}

static gboolean
customer_page_shown (gpointer id)
{
  return ui_find_widget (GTK_WIDGET (fixture.window), is_mapped_customer_page, id) != NULL;
}

/* The routing rule for Austria gives a new Austrian customer its owner,
 * and the toast says so; Undo takes the customer back. */
static void
test_new_customer_routed (void)
{
  CrmNewCustomerWindow *window;
  CrmCustomerEditor *editor;
  GtkWidget *toast;
  gint64 created;

  window = start_new_customer ("Quill Works", &created);
  editor = crm_new_customer_window_get_editor (window);
  set_field (editor, CRM_CUSTOMER_FIELD_COMPANY, "Quill Works GmbH");
  set_field (editor, CRM_CUSTOMER_FIELD_EMAIL, "hello@quill.example.org");
  set_field (editor, CRM_CUSTOMER_FIELD_CITY, "Graz");
  set_field (editor, CRM_CUSTOMER_FIELD_COUNTRY, "Austria");
  ui_save_screenshot (GTK_WIDGET (window), "ui-customer-new.png");

  g_signal_emit_by_name (crm_customer_editor_get_row (editor, CRM_CUSTOMER_FIELD_CITY),
                         "entry-activated");
  g_assert_true (ui_wait_until (is_created, &created));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, NEW_CUSTOMER_WINDOW));

  g_assert_true (column_is (&(ColumnWait) { created, "name", "Quill Works" }));
  g_assert_true (column_is (&(ColumnWait) { created, "country", "AT" }));
  g_assert_true (column_is (&(ColumnWait) { created, "owner", DIETER }));
  g_assert_true (column_is (&(ColumnWait) { created, "status", "New Lead" }));

  toast = ui_wait_for_toast (GTK_WIDGET (fixture.window),
                             "Customer created · Assigned to dieter@example.com by the rule "
                             "“DACH”");
  g_assert_true (ui_wait_until (customer_page_shown, &created));
  ui_save_screenshot (GTK_WIDGET (fixture.window), "ui-customer-new-routed.png");

  ui_click (ui_find_mapped_button (toast, "_Undo"));
  g_assert_true (ui_wait_until (column_is, &(ColumnWait) { created, "name", NULL }));
}

/* No rule routes a customer elsewhere: it is the rep's own. */
static void
test_new_customer_unrouted_is_mine (void)
{
  CrmNewCustomerWindow *window;
  CrmCustomerEditor *editor;
  gint64 created;

  window = start_new_customer ("Larch Studio", &created);
  editor = crm_new_customer_window_get_editor (window);
  set_field (editor, CRM_CUSTOMER_FIELD_COUNTRY, "FR");
  crm_new_customer_window_create (window);
  g_assert_true (ui_wait_until (is_created, &created));
  g_assert_true (column_is (&(ColumnWait) { created, "owner", ME }));
  ui_wait_for_toast (GTK_WIDGET (fixture.window), "Customer created");
}

/* An owner the rep chose is kept: routing is for customers nobody owns. */
static void
test_new_customer_with_owner_is_not_routed (void)
{
  CrmNewCustomerWindow *window;
  CrmCustomerEditor *editor;
  gint64 created;

  window = start_new_customer ("Birch Labs", &created);
  editor = crm_new_customer_window_get_editor (window);
  set_field (editor, CRM_CUSTOMER_FIELD_COUNTRY, "AT");
  set_field (editor, CRM_CUSTOMER_FIELD_OWNER, "tina@example.com");
  crm_new_customer_window_create (window);
  g_assert_true (ui_wait_until (is_created, &created));
  g_assert_true (column_is (&(ColumnWait) { created, "owner", "tina@example.com" }));
}

/* Nothing to find it by: refused on the name, nothing stored; Cancel
 * stores nothing either. */
static void
test_new_customer_needs_a_name (void)
{
  guint before = crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL);
  CrmNewCustomerWindow *window;
  AdwEntryRow *name;
  gint64 created;

  window = start_new_customer ("", &created);
  name = crm_customer_editor_get_row (crm_new_customer_window_get_editor (window),
                                      CRM_CUSTOMER_FIELD_NAME);
  crm_new_customer_window_create (window);
  ui_run_for (200);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (name)), ==,
                   "Enter a name, a company or an email");

  gtk_window_close (GTK_WINDOW (window));
  g_assert_true (ui_wait_until (ui_has_no_toplevel, NEW_CUSTOMER_WINDOW));
  ui_run_for (100);
  g_assert_cmpuint (crm_store_count (fixture.store, CRM_ENTITY_CUSTOMER, NULL), ==, before);
}

/* Fixture */

/* A business rule of the test's own, to make a save fail. */
static gboolean
refuse_locked_company (CrmStoreTxn  *txn,
                       const char   *table,
                       gint64        id,
                       const char   *operation,
                       GVariant     *changes,
                       gpointer      user_data,
                       GError      **error)
{
  const char *company = NULL;

  if (g_str_equal (table, "customers") && g_str_equal (operation, "update") &&
      changes != NULL && g_variant_lookup (changes, "company", "&s", &company) &&
      g_str_equal (company, "Locked Co"))
    {
      g_set_error_literal (error, CRM_STORE_ERROR, CRM_STORE_ERROR_REFUSED,
                           "This company is locked");
      return FALSE;
    }

  return TRUE;
}

static void
set_up (void)
{
  ui_open_rep_profile (&fixture.dir, &fixture.store, &fixture.app, ME);
  crm_store_add_rule (fixture.store, refuse_locked_company, NULL);
  insert (CRM_ENTITY_ROUTING_RULE,
          g_variant_new_parsed ("{'name': <'DACH'>, 'position': <int64 0>,"
                                " 'expression': <'country is \"AT\" or country is \"CH\"'>,"
                                " 'owner': <%s>, 'enabled': <true>}", DIETER));

  fixture.window = ui_present_main_window (fixture.app, fixture.store, 1100, 760);
}

static void
tear_down (void)
{
  gtk_window_destroy (GTK_WINDOW (fixture.window));
  ui_run_for (100);
  ui_close_profile (&fixture.dir, &fixture.store, &fixture.app);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_set_test_environment ();

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/ui/customer-edit/countries", test_countries);
  g_test_add_func ("/crm/ui/customer-edit/field-checks", test_field_checks);
  g_test_add_func ("/crm/ui/customer-edit/build-fields", test_build_fields);
  g_test_add_func ("/crm/ui/customer-edit/tags-and-attributes", test_tags_and_attributes);
  g_test_add_func ("/crm/ui/customer-edit/call-titles", test_call_titles);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/customer-edit/every-field-undo", test_edit_every_field_and_undo);
  g_test_add_func ("/crm/ui/customer-edit/refuse-invalid", test_refuse_invalid_input);
  g_test_add_func ("/crm/ui/customer-edit/failed-save", test_failed_save_keeps_text);
  g_test_add_func ("/crm/ui/customer-edit/routes-only-unowned", test_edit_routes_only_unowned);
  g_test_add_func ("/crm/ui/customer-edit/new-routed", test_new_customer_routed);
  g_test_add_func ("/crm/ui/customer-edit/new-unrouted-mine", test_new_customer_unrouted_is_mine);
  g_test_add_func ("/crm/ui/customer-edit/new-with-owner",
                   test_new_customer_with_owner_is_not_routed);
  g_test_add_func ("/crm/ui/customer-edit/new-needs-name", test_new_customer_needs_a_name);

  return ui_run_tests (set_up, tear_down);
}
