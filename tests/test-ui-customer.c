/* test-ui-customer.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-ui-customer"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "crm-core.h"
#include "crm-customer-format.h"
#include "crm-customer-page-private.h"
#include "crm-customer-window.h"
#include "crm-preferences-window.h"
#include "crm-query-model.h"
#include "crm-store.h"
#include "crm-store-demo.h"
#include "crm-timeline-row.h"
#include "test-ui-util.h"

/* The customer page, its window and the preferences, for real under Xvfb,
 * on one profile filled with the demo book. The format cases first check
 * what the page decides to show, without widgets. */

#define N_DEMO_CUSTOMERS 60
#define WAIT_TIMEOUT_MS 10000
#define TIMELINE_PAGE 50

static struct {
  char            *dir;
  CrmStore        *store;
  gint64           customer_id;
  GtkWindow       *window;
  AdwToastOverlay *overlay;
  CrmCustomerPage *page;
} fixture;

/* Widget tree helpers */

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gpointer   data);

static guint
count_widgets (GtkWidget *root,
               GType      type)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_widgets (child, type);

  return n;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LIST_BOX_ROW (child))
        n++;
    }

  return n;
}

static gboolean
is_label_with_text (GtkWidget *widget,
                    gpointer   text)
{
  return GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0;
}

static gboolean
is_button_with_label (GtkWidget *widget,
                      gpointer   label)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), label) == 0;
}

/* Toasts leaving and arriving overlap: the button is looked for in the
 * toast that says @title. */
static GtkWidget *
find_toast_button (const char *title,
                   const char *button_label)
{
  GtkWidget *label = ui_find_widget (GTK_WIDGET (fixture.overlay), is_label_with_text,
                                     (gpointer) title);
  GtkWidget *toast;

  if (label == NULL)
    return NULL;

  toast = gtk_widget_get_parent (gtk_widget_get_parent (label));

  return ui_find_widget (toast, is_button_with_label, (gpointer) button_label);
}

static gboolean
is_entry_row_titled (GtkWidget *widget,
                     gpointer   title)
{
  return ADW_IS_ENTRY_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0;
}

static gboolean
is_moving (GtkWidget *widget,
           gpointer   data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_transition_running (GTK_STACK (widget));
}

/* Store helpers */

static CrmFilter *
customer_filter (gint64 customer_id)
{
  CrmFilter *filter = crm_filter_new ();

  crm_filter_add (filter, "customer_id", CRM_FILTER_OP_IS, g_variant_new_int64 (customer_id));

  return filter;
}

static guint
count_for (CrmEntityKind kind,
           gint64        customer_id)
{
  g_autoptr(CrmFilter) filter = customer_filter (customer_id);

  return crm_store_count (fixture.store, kind, filter);
}

static char *
dup_stored_status (gint64 customer_id)
{
  g_autoptr(GObject) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, customer_id, &error);
  if (customer == NULL)
    return NULL;

  return g_strdup (crm_customer_get_status (CRM_CUSTOMER (customer)));
}

static gboolean
customer_exists (gint64 customer_id)
{
  g_autoptr(GObject) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, customer_id, &error);

  return customer != NULL;
}

/* The customer with the most to show: a lead (so its status can be set),
 * or an active subscriber, with contacts and a timeline. */
static gint64
pick_customer (gboolean subscriber)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  gint64 best = 0;
  guint best_score = 0;

  ids = crm_store_query_ids (fixture.store, CRM_ENTITY_CUSTOMER, NULL, NULL, "name", FALSE,
                             &error);
  g_assert_no_error (error);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autofree char *status = dup_stored_status (id);
      CrmStatusKind kind = crm_status_kind_from_string (status);
      guint n_contacts, n_activities, score;

      if (subscriber ? kind != CRM_STATUS_ACTIVE : !crm_status_is_person_settable (status))
        continue;

      n_contacts = count_for (CRM_ENTITY_CONTACT, id);
      n_activities = count_for (CRM_ENTITY_ACTIVITY, id);
      if (n_contacts == 0 || n_activities == 0)
        continue;

      score = n_activities + 3 * n_contacts + 4 * count_for (CRM_ENTITY_TASK, id) +
              4 * count_for (CRM_ENTITY_OPPORTUNITY, id);
      if (score > best_score)
        {
          best = id;
          best_score = score;
        }
    }

  return best;
}

/* Screenshots */

static GdkTexture *
render_window (GtkWidget *window)
{
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (window);
  g_autoptr(GskRenderNode) node = NULL;
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  int width = gtk_widget_get_width (window);
  int height = gtk_widget_get_height (window);

  g_assert_cmpint (width, >, 0);
  g_assert_cmpint (height, >, 0);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (snapshot);

  /* Nothing yet when the window has not drawn its first frame. */
  if (node == NULL)
    return NULL;

  return gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (window)),
                                      node, &GRAPHENE_RECT_INIT (0, 0, width, height));
}

/* Not blank: many colours, and the brightness varies across the image
 * (a bare background or a single flat fill fails both). */
static void
assert_not_blank (GdkTexture *texture)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  double sum = 0, sum_sq = 0, n = (double) width * height;
  double mean, stddev;

  gdk_texture_download (texture, data, stride);

  for (int i = 0; i < width * height; i++)
    {
      guint32 pixel;
      double luma;

      memcpy (&pixel, data + i * 4, 4);
      g_hash_table_add (colors, GUINT_TO_POINTER (pixel));

      luma = 0.2126 * data[i * 4 + 2] + 0.7152 * data[i * 4 + 1] + 0.0722 * data[i * 4];
      sum += luma;
      sum_sq += luma * luma;
    }

  mean = sum / n;
  stddev = sqrt (MAX (0.0, sum_sq / n - mean * mean));
  g_test_message ("%u colours, brightness deviation %.1f", g_hash_table_size (colors), stddev);

  g_assert_cmpuint (g_hash_table_size (colors), >, 64);
  g_assert_cmpfloat (stddev, >, 8.0);
}

static gboolean
transitions_done (gpointer window)
{
  return ui_find_widget (GTK_WIDGET (window), is_moving, NULL) == NULL;
}

static GdkTexture *
wait_for_render (GtkWidget *window)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_MS * G_TIME_SPAN_MILLISECOND;
  GdkTexture *texture;

  while ((texture = render_window (window)) == NULL && g_get_monotonic_time () < deadline)
    ui_run_for (50);

  g_assert_nonnull (texture);

  return texture;
}

static void
save_screenshot (GtkWidget  *window,
                 const char *name)
{
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;

  g_assert_true (ui_wait_until (transitions_done, window));
  ui_run_for (150);

  texture = wait_for_render (window);
  path = g_test_build_filename (G_TEST_BUILT, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("Saved %s", path);

  assert_not_blank (texture);
}

/* The lower groups of the right column (contacts, opportunities, tasks),
 * scrolled into view. */
static void
save_details_screenshot (CrmCustomerPage *page,
                         GtkWidget       *window,
                         const char      *name)
{
  GtkWidget *scroller = gtk_widget_get_ancestor (GTK_WIDGET (page->details_list),
                                                 GTK_TYPE_SCROLLED_WINDOW);
  GtkAdjustment *adjustment;

  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  save_screenshot (window, name);
  gtk_adjustment_set_value (adjustment, 0);
}

/* Format cases (no widgets) */

static void
test_format_humanize_key (void)
{
  const struct {
    const char *key;
    const char *label;
  } cases[] = {
    { "industry", "Industry" },
    { "last_login_at", "Last login at" },
    { "companySize", "Company size" },
    { "company-size", "Company size" },
    { "MRR", "MRR" },
    { "customerID", "Customer ID" },
    { "__seats__", "Seats" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = crm_customer_format_humanize_key (cases[i].key);

      g_assert_cmpstr (label, ==, cases[i].label);
    }
}

static char *
format_json (const char *json)
{
  g_autoptr(JsonNode) node = json_from_string (json, NULL);

  g_assert_nonnull (node);

  return crm_customer_format_json_value (node);
}

static void
test_format_json_value (void)
{
  const struct {
    const char *json;
    const char *text;
  } cases[] = {
    { "true", "Yes" },
    { "false", "No" },
    { "45", "45" },
    { "1234567", "1234567" },           /* C.UTF-8 does not group digits */
    { "2.5", "2.5" },
    { "3.0", "3" },
    { "null", "—" },
    { "\"Manufacturing\"", "Manufacturing" },
    { "\"2025-07-10\"", "10 July 2025" },
    { "\"2024-02-01T09:30:00.000Z\"", "1 February 2024, 09:30" },
    { "\"2025-13-40\"", "2025-13-40" },
    { "[\"pilot\", 3, true]", "pilot, 3, Yes" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = format_json (cases[i].json);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_attributes (void)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GPtrArray) pairs = NULL;
  const char *expected[] = {
    "Industry", "Manufacturing",
    "Seats", "45",
    "Plan tier", "Pro",
  };

  node = json_from_string ("{\"industry\": \"Manufacturing\", \"seats\": 45, "
                           "\"custom\": {\"plan_tier\": \"Pro\", \"churn\": null}, "
                           "\"tags\": [\"pilot\"], \"empty\": \"\", \"stripe\": {}}",
                           NULL);
  pairs = crm_customer_format_attributes (json_node_get_object (node));

  g_assert_cmpuint (pairs->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < pairs->len; i++)
    g_assert_cmpstr (g_ptr_array_index (pairs, i), ==, expected[i]);
}

static void
test_format_day (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_local (2025, 6, 12, 15, 0, 0);
  const struct {
    int year, month, day, hour;
    const char *text;
  } cases[] = {
    { 2025, 6, 12, 0, "Today" },
    { 2025, 6, 11, 23, "Yesterday" },
    { 2025, 6, 9, 10, "Monday" },
    { 2025, 6, 6, 10, "Friday" },
    { 2025, 6, 5, 10, "5 June" },
    { 2025, 1, 3, 10, "3 January" },
    { 2024, 12, 31, 10, "31 December 2024" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDateTime) when = g_date_time_new_local (cases[i].year, cases[i].month,
                                                         cases[i].day, cases[i].hour, 0, 0);
      g_autofree char *text = crm_customer_format_day (when, now);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_due (void)
{
  g_autoptr(GDate) today = g_date_new_dmy (30, 6, 2025);
  const struct {
    int day, month;
    const char *text;
  } cases[] = {
    { 30, 6, "Due today" },
    { 1, 7, "Due tomorrow" },
    { 29, 6, "Overdue by 1 day" },
    { 28, 6, "Overdue by 2 days" },
    { 10, 7, "Due 10 July 2025" },
  };
  g_autofree char *none = crm_customer_format_due (NULL, today);

  g_assert_cmpstr (none, ==, "No due date");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GDate) due = g_date_new_dmy (cases[i].day, cases[i].month, 2025);
      g_autofree char *text = crm_customer_format_due (due, today);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

static void
test_format_small (void)
{
  g_autofree char *s45 = crm_customer_format_duration (45);
  g_autofree char *s720 = crm_customer_format_duration (720);
  g_autofree char *s3600 = crm_customer_format_duration (3600);
  g_autofree char *s3900 = crm_customer_format_duration (3900);
  g_autofree char *me = crm_customer_format_owner ("SAM@example.com", "sam@example.com",
                                                   "Sam Ortiz");
  g_autofree char *other = crm_customer_format_owner ("kim@example.com", "sam@example.com",
                                                      "Sam Ortiz");
  g_autofree char *nobody = crm_customer_format_owner (NULL, "sam@example.com", "Sam");
  g_autofree char *address = crm_customer_format_address ("Ringstraße 1", "Wien", "1010",
                                                          NULL, "AT");
  g_autofree char *no_address = crm_customer_format_address (NULL, "", NULL, NULL, NULL);

  g_assert_cmpstr (s45, ==, "45 s");
  g_assert_cmpstr (s720, ==, "12 min");
  g_assert_cmpstr (s3600, ==, "1 h");
  g_assert_cmpstr (s3900, ==, "1 h 5 min");
  g_assert_cmpstr (me, ==, "Sam Ortiz");
  g_assert_cmpstr (other, ==, "kim@example.com");
  g_assert_cmpstr (nobody, ==, "Nobody");
  g_assert_cmpstr (address, ==, "Ringstraße 1\n1010 Wien\nAT");
  g_assert_null (no_address);
}

static void
test_format_links (void)
{
  const struct {
    const char *text;
    gboolean linkedin;
    const char *uri;
  } cases[] = {
    { "orchard.example", FALSE, "https://orchard.example" },
    { "  http://orchard.example/about ", FALSE, "http://orchard.example/about" },
    { "HTTPS://Orchard.example", FALSE, "HTTPS://Orchard.example" },
    { "has space.example", FALSE, NULL },
    { "", FALSE, NULL },
    { NULL, FALSE, NULL },
    { "/company/orchard", TRUE, "https://www.linkedin.com/company/orchard" },
    { "in/lena-maier", TRUE, "https://www.linkedin.com/in/lena-maier" },
    { "linkedin.com/in/lena", TRUE, "https://linkedin.com/in/lena" },
    { "https://www.linkedin.com/company/x", TRUE, "https://www.linkedin.com/company/x" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = cases[i].linkedin
                             ? crm_customer_format_linkedin_uri (cases[i].text)
                             : crm_customer_format_web_uri (cases[i].text);

      g_assert_cmpstr (uri, ==, cases[i].uri);
    }
}

static void
test_format_email (void)
{
  const char *good[] = { "sam@example.com", "a.b+c@sub.example.org" };
  const char *bad[] = { "", "sam", "sam@", "@example.com", "sam@example", "sam@.com",
                        "sam@example.", "a b@example.com", "a@b@example.com",
                        "sam@example..com" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (crm_customer_email_is_valid (good[i]));

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (crm_customer_email_is_valid (bad[i]));

  g_assert_false (crm_customer_email_is_valid (NULL));
}

static void
test_format_delete_body (void)
{
  g_autofree char *all = crm_customer_format_delete_body (2, 3, 1, 2);
  g_autofree char *one = crm_customer_format_delete_body (1, 0, 0, 0);
  g_autofree char *two = crm_customer_format_delete_body (0, 1, 0, 4);
  g_autofree char *none = crm_customer_format_delete_body (0, 0, 0, 0);

  g_assert_cmpstr (all, ==,
                   "This also deletes 2 contacts, 3 tasks, 1 opportunity and 2 activities.");
  g_assert_cmpstr (one, ==, "This also deletes 1 contact.");
  g_assert_cmpstr (two, ==, "This also deletes 1 task and 4 activities.");
  g_assert_cmpstr (none, ==, "Nothing else is stored for this customer.");
}

#define ME_EMAIL "sam@example.com"
#define ME_NAME "Sam Ortiz"

static char *
dup_title (const char *first_property,
           ...)
{
  g_autoptr(CrmActivity) activity = NULL;
  va_list args;

  va_start (args, first_property);
  activity = CRM_ACTIVITY (g_object_new_valist (CRM_TYPE_ACTIVITY, first_property, args));
  va_end (args);

  return crm_timeline_row_dup_title (activity, ME_EMAIL, ME_NAME);
}

static char *
dup_subtitle (const char *first_property,
              ...)
{
  g_autoptr(CrmActivity) activity = NULL;
  va_list args;

  va_start (args, first_property);
  activity = CRM_ACTIVITY (g_object_new_valist (CRM_TYPE_ACTIVITY, first_property, args));
  va_end (args);

  return crm_timeline_row_dup_subtitle (activity, ME_EMAIL, ME_NAME);
}

#define assert_text(got, expected) \
  G_STMT_START { \
    g_autofree char *got_ = (got); \
    g_assert_cmpstr (got_, ==, expected); \
  } G_STMT_END

static void
test_timeline_titles (void)
{
  assert_text (dup_title ("kind", "call", "call-duration", (gint64) 720,
                          "call-outcome", "Connected", NULL),
               "Call · 12 min · Connected");
  assert_text (dup_title ("kind", "email", "subject", "Proposal", NULL), "Email · “Proposal”");
  assert_text (dup_title ("kind", "note", "body", "  Wants SSO\n", NULL), "Note");
  assert_text (dup_subtitle ("kind", "note", "body", "  Wants SSO\n", NULL), "Wants SSO");
  g_assert_cmpstr (crm_timeline_row_get_icon_name ("call"), ==, "call-outgoing-symbolic");

  /* Changes of status say who made them and why. */
  assert_text (dup_title ("kind", "status", "old-status", "New Lead",
                          "new-status", "Working Lead", "cause", "rule", NULL),
               "New Lead → Working Lead");
  assert_text (dup_subtitle ("kind", "status", "cause", "rule", NULL), "Changed by a rule");
  assert_text (dup_subtitle ("kind", "status", "cause", "rule", "rule-name", "contacted", NULL),
               "Changed by a rule: a call or an email was recorded");
  assert_text (dup_subtitle ("kind", "status", "cause", "rule",
                             "rule-name", "opportunity-created", NULL),
               "Changed by a rule: an opportunity was created");
  assert_text (dup_subtitle ("kind", "status", "cause", "rule",
                             "rule-name", "opportunity-lost", NULL),
               "Changed by a rule: the opportunity was lost");
  assert_text (dup_subtitle ("kind", "status", "cause", "rule",
                             "rule-name", "subscription-started", NULL),
               "Changed by a rule: a subscription started");
  assert_text (dup_subtitle ("kind", "status", "cause", "person", "author", ME_EMAIL, NULL),
               "Changed by hand by Sam Ortiz");
  assert_text (dup_subtitle ("kind", "status", "cause", "person",
                             "author", "tina@example.com", NULL),
               "Changed by hand by tina@example.com");
  assert_text (dup_subtitle ("kind", "status", "cause", "person", NULL), "Changed by hand");
  assert_text (dup_subtitle ("kind", "status", "cause", "sync", NULL), "Changed in ChartMogul");

  /* Changes of owner are no notes: a routing names its rule. */
  assert_text (dup_title ("kind", "owner", "new-owner", "dieter@example.com",
                          "rule-name", "DACH", "cause", "rule", NULL),
               "Owner: dieter@example.com");
  assert_text (dup_subtitle ("kind", "owner", "new-owner", "dieter@example.com",
                             "rule-name", "DACH", "cause", "rule", NULL),
               "Assigned by the routing rule “DACH”");
  assert_text (dup_title ("kind", "owner", "old-owner", "dieter@example.com",
                          "new-owner", ME_EMAIL, "cause", "person", NULL),
               "Owner: dieter@example.com → Sam Ortiz");
  assert_text (dup_title ("kind", "owner", "old-owner", ME_EMAIL, "cause", "person", NULL),
               "Owner: Sam Ortiz → Nobody");
  assert_text (dup_subtitle ("kind", "owner", "new-owner", ME_EMAIL, "cause", "person",
                             "author", ME_EMAIL, NULL),
               "Changed by hand by Sam Ortiz");
  g_assert_cmpstr (crm_timeline_row_get_icon_name ("owner"), ==, "avatar-default-symbolic");
}

/* Widget cases, in order, on one page */

static gboolean
page_is_drawn (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (fixture.page)) &&
         gtk_widget_get_width (GTK_WIDGET (fixture.page)) > 0;
}

static void
test_page_shows_customer (void)
{
  g_autoptr(GObject) customer = NULL;
  g_autoptr(GError) error = NULL;
  guint n_activities, n_contacts, n_tasks, n_opportunities;
  const char *name;

  fixture.customer_id = pick_customer (FALSE);
  g_assert_cmpint (fixture.customer_id, >, 0);

  customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, fixture.customer_id, &error);
  g_assert_no_error (error);
  name = crm_customer_get_display_name (CRM_CUSTOMER (customer));

  fixture.window = GTK_WINDOW (adw_window_new ());
  gtk_window_set_default_size (fixture.window, 1100, 820);
  fixture.overlay = ADW_TOAST_OVERLAY (adw_toast_overlay_new ());
  fixture.page = CRM_CUSTOMER_PAGE (crm_customer_page_new (fixture.store,
                                                           fixture.customer_id));
  adw_toast_overlay_set_child (fixture.overlay, GTK_WIDGET (fixture.page));
  adw_window_set_content (ADW_WINDOW (fixture.window), GTK_WIDGET (fixture.overlay));
  gtk_window_present (fixture.window);

  g_assert_true (ui_wait_until (page_is_drawn, NULL));
  ui_run_for (100);

  g_assert_cmpstr (adw_window_title_get_title (fixture.page->window_title), ==, name);
  g_assert_cmpstr (crm_customer_page_get_title (fixture.page), ==, name);
  g_assert_cmpstr (gtk_menu_button_get_label (fixture.page->status_button), ==,
                   crm_customer_get_status (CRM_CUSTOMER (customer)));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (fixture.page->status_button)));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (fixture.page->owner_label), "Owner: "));

  n_activities = count_for (CRM_ENTITY_ACTIVITY, fixture.customer_id);
  n_contacts = count_for (CRM_ENTITY_CONTACT, fixture.customer_id);
  n_tasks = count_for (CRM_ENTITY_TASK, fixture.customer_id);
  n_opportunities = count_for (CRM_ENTITY_OPPORTUNITY, fixture.customer_id);
  g_test_message ("customer %" G_GINT64_FORMAT ": %u activities, %u contacts, %u tasks, "
                  "%u opportunities", fixture.customer_id, n_activities, n_contacts,
                  n_tasks, n_opportunities);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (fixture.page->activities)), ==,
                    n_activities);
  g_assert_cmpuint (count_widgets (GTK_WIDGET (fixture.page->timeline), ADW_TYPE_ACTION_ROW),
                    ==, MIN (n_activities, TIMELINE_PAGE));
  g_assert_cmpuint (count_rows (fixture.page->contacts_list), ==, n_contacts);
  g_assert_cmpuint (count_rows (fixture.page->tasks_list), ==, n_tasks);
  g_assert_cmpuint (count_rows (fixture.page->opportunities_list), ==, n_opportunities);
  g_assert_cmpuint (count_rows (fixture.page->details_list), >, 0);

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (fixture.page->back_button)));
}

typedef struct
{
  const char *status;
  const char *toast;
} StatusWait;

static gboolean
status_is (gpointer data)
{
  StatusWait *wait = data;
  g_autofree char *status = dup_stored_status (fixture.customer_id);

  return g_strcmp0 (status, wait->status) == 0 &&
         g_strcmp0 (gtk_menu_button_get_label (fixture.page->status_button), wait->status) == 0 &&
         (wait->toast == NULL ||
          ui_find_widget (GTK_WIDGET (fixture.overlay), is_label_with_text,
                          (gpointer) wait->toast) != NULL);
}

static void
test_page_status_change_and_undo (void)
{
  g_autofree char *before = dup_stored_status (fixture.customer_id);
  g_autofree char *toast = NULL;
  const char * const *settable = crm_status_get_person_settable ();
  const char *target = NULL;
  GtkWidget *undo;

  for (guint i = 0; settable[i] != NULL && target == NULL; i++)
    {
      if (g_strcmp0 (settable[i], before) != 0)
        target = settable[i];
    }
  g_assert_nonnull (target);

  /* The menu offers the four lead statuses, and nothing billing sets. */
  {
    GMenuModel *menu = gtk_menu_button_get_menu_model (fixture.page->status_button);
    const char * const expected[] = {
      "New Lead", "Working Lead", "Qualified Lead", "Unqualified Lead",
    };

    g_assert_cmpint (g_menu_model_get_n_items (menu), ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autofree char *label = NULL;
        g_autofree char *action = NULL;
        g_autoptr(GVariant) target_value = NULL;

        g_assert_true (g_menu_model_get_item_attribute (menu, i, "label", "s", &label));
        g_assert_true (g_menu_model_get_item_attribute (menu, i, "action", "s", &action));
        target_value = g_menu_model_get_item_attribute_value (menu, i, "target",
                                                              G_VARIANT_TYPE_STRING);
        g_assert_cmpstr (label, ==, expected[i]);
        g_assert_cmpstr (action, ==, "customer.set-status");
        g_assert_cmpstr (g_variant_get_string (target_value, NULL), ==, expected[i]);
      }
  }

  toast = g_strdup_printf ("Status changed to %s", target);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "customer.set-status",
                                             "s", target));
  g_assert_true (ui_wait_until (status_is, &(StatusWait) { target, toast }));

  save_screenshot (GTK_WIDGET (fixture.window), "ui-customer-page.png");
  save_details_screenshot (fixture.page, GTK_WIDGET (fixture.window),
                           "ui-customer-page-details.png");

  /* A status a person cannot set is refused before the store sees it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "customer.set-status",
                                             "s", "Active"));
  ui_run_for (100);
  g_assert_true (status_is (&(StatusWait) { target, NULL }));

  undo = find_toast_button (toast, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");

  g_assert_true (ui_wait_until (status_is, &(StatusWait) { before, NULL }));
}

static gboolean
is_action_row (GtkWidget *widget,
               gpointer   data)
{
  return ADW_IS_ACTION_ROW (widget);
}

static gboolean
first_timeline_row_says (gpointer data)
{
  GtkWidget *row = ui_find_widget (GTK_WIDGET (fixture.page->timeline), is_action_row, NULL);

  return row != NULL &&
         g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), data) == 0 &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), "Note") == 0;
}

static void
test_page_add_note (void)
{
  guint before = count_for (CRM_ENTITY_ACTIVITY, fixture.customer_id);
  GtkWidget *header;

  gtk_editable_set_text (GTK_EDITABLE (fixture.page->note_row), "Wants SSO & <SAML>");
  g_signal_emit_by_name (fixture.page->note_row, "apply");

  g_assert_true (ui_wait_until (first_timeline_row_says, (gpointer) "Wants SSO & <SAML>"));
  g_assert_cmpuint (count_for (CRM_ENTITY_ACTIVITY, fixture.customer_id), ==, before + 1);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (fixture.page->note_row)), ==, "");

  /* The newest day comes first. */
  header = gtk_widget_get_first_child (GTK_WIDGET (fixture.page->timeline));
  g_assert_true (GTK_IS_LABEL (header));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (header)), ==, "Today");
}

static gboolean
toast_shows (gpointer title)
{
  return ui_find_widget (GTK_WIDGET (fixture.overlay), is_label_with_text, title) != NULL;
}

/* Nothing here handles https: (no browser, no portal): the page says so
 * and offers the link to paste elsewhere. */
static void
test_page_handoff_fails (void)
{
  g_autoptr(GObject) customer = NULL;
  g_autofree char *uri = NULL;
  g_auto(GValue) value = G_VALUE_INIT;
  GdkContentProvider *content;
  GtkWidget *copy;

  customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER, fixture.customer_id, NULL);
  uri = crm_customer_format_web_uri (crm_customer_get_website (CRM_CUSTOMER (customer)));
  if (uri == NULL)
    {
      g_test_skip ("The customer has no website");
      return;
    }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "customer.open-website",
                                             NULL));
  g_assert_true (ui_wait_until (toast_shows, (gpointer) "No app could open the link"));

  copy = find_toast_button ("No app could open the link", "_Copy Link");
  g_assert_nonnull (copy);
  g_signal_emit_by_name (copy, "clicked");

  content = gdk_clipboard_get_content (gtk_widget_get_clipboard (GTK_WIDGET (fixture.page)));
  g_assert_nonnull (content);
  g_value_init (&value, G_TYPE_STRING);
  g_assert_true (gdk_content_provider_get_value (content, &value, NULL));
  g_assert_cmpstr (g_value_get_string (&value), ==, uri);
}

static gboolean
is_message_dialog (GtkWidget *widget,
                   gpointer   data)
{
  return ADW_IS_MESSAGE_DIALOG (widget);
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (is_message_dialog (window, NULL) && gtk_widget_get_visible (window))
        return ADW_MESSAGE_DIALOG (window);
    }

  return NULL;
}

static gboolean
has_message_dialog (gpointer data)
{
  return find_message_dialog () != NULL;
}

static void
on_page_closed_cb (CrmCustomerPage *page,
                   gboolean        *closed)
{
  *closed = TRUE;
}

static gboolean
flag_is_set (gpointer flag)
{
  return *(gboolean *) flag;
}

static gboolean
deleted_and_toasted (gpointer toast)
{
  return !customer_exists (fixture.customer_id) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (fixture.page->stack), "missing") == 0 &&
         ui_find_widget (GTK_WIDGET (fixture.overlay), is_label_with_text, toast) != NULL;
}

static gboolean
customer_is_back (gpointer data)
{
  return customer_exists (fixture.customer_id) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (fixture.page->stack), "customer") == 0 &&
         count_rows (fixture.page->contacts_list) == GPOINTER_TO_UINT (data);
}

static void
test_page_delete_and_undo (void)
{
  guint n_contacts = count_for (CRM_ENTITY_CONTACT, fixture.customer_id);
  guint n_activities = count_for (CRM_ENTITY_ACTIVITY, fixture.customer_id);
  g_autofree char *name = g_strdup (crm_customer_page_get_title (fixture.page));
  g_autofree char *toast = g_strdup_printf ("“%s” deleted", name);
  g_autofree char *heading = g_strdup_printf ("Delete “%s”?", name);
  g_autofree char *contacts = g_strdup_printf ("%u contact", n_contacts);
  AdwMessageDialog *dialog;
  gboolean closed = FALSE;
  GtkWidget *undo;

  g_signal_connect (fixture.page, "closed", G_CALLBACK (on_page_closed_cb), &closed);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "customer.delete",
                                             NULL));
  g_assert_true (ui_wait_until (has_message_dialog, NULL));
  dialog = find_message_dialog ();
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, heading);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), contacts));

  save_screenshot (GTK_WIDGET (dialog), "ui-customer-delete.png");

  adw_message_dialog_response (dialog, "delete");
  g_assert_true (ui_wait_until (deleted_and_toasted, toast));
  g_assert_true (ui_wait_until (flag_is_set, &closed));
  g_assert_cmpuint (count_for (CRM_ENTITY_ACTIVITY, fixture.customer_id), ==, 0);

  undo = find_toast_button (toast, "_Undo");
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");

  g_assert_true (ui_wait_until (customer_is_back, GUINT_TO_POINTER (n_contacts)));
  g_assert_cmpuint (count_for (CRM_ENTITY_ACTIVITY, fixture.customer_id), ==, n_activities);
  g_assert_cmpstr (crm_customer_page_get_title (fixture.page), ==, name);

  g_signal_handlers_disconnect_by_func (fixture.page, on_page_closed_cb, &closed);
}

static gboolean
is_customer_window (GtkWidget *widget,
                    gpointer   data)
{
  return CRM_IS_CUSTOMER_WINDOW (widget);
}

static CrmCustomerWindow *
find_customer_window (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWidget) window = g_list_model_get_item (toplevels, i);

      if (is_customer_window (window, NULL))
        return CRM_CUSTOMER_WINDOW (window);
    }

  return NULL;
}

static gboolean
customer_window_is_drawn (gpointer data)
{
  CrmCustomerWindow *window = find_customer_window ();

  return window != NULL && gtk_widget_get_mapped (GTK_WIDGET (window)) &&
         gtk_widget_get_width (GTK_WIDGET (window)) > 0;
}

static void
test_customer_window (void)
{
  CrmCustomerWindow *window;
  CrmCustomerPage *page;
  int width, height;

  g_assert_null (find_customer_window ());
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fixture.page), "customer.open-window",
                                             NULL));
  g_assert_true (ui_wait_until (customer_window_is_drawn, NULL));

  window = find_customer_window ();
  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (window));
  gtk_window_get_default_size (GTK_WINDOW (window), &width, &height);

  g_assert_cmpint (width, ==, 720);
  g_assert_cmpint (height, ==, 800);
  g_assert_cmpint (crm_customer_page_get_customer_id (page), ==, fixture.customer_id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==,
                   crm_customer_page_get_title (fixture.page));
  g_assert_false (crm_customer_page_get_show_back_button (page));
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (page->back_button)));
  g_assert_cmpuint (count_rows (page->contacts_list), ==,
                    count_rows (fixture.page->contacts_list));

  /* Its toasts stay in its own overlay. */
  g_assert_true (gtk_widget_get_ancestor (GTK_WIDGET (page), ADW_TYPE_TOAST_OVERLAY) !=
                 GTK_WIDGET (fixture.overlay));

  save_screenshot (GTK_WIDGET (window), "ui-customer-window.png");
  save_details_screenshot (page, GTK_WIDGET (window), "ui-customer-window-details.png");

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

static void
test_subscriber_status_is_locked (void)
{
  gint64 id = pick_customer (TRUE);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  GtkWidget *window;
  CrmCustomerPage *page;

  if (id == 0)
    {
      g_test_skip ("The demo book has no subscriber with contacts and activities");
      return;
    }

  before = dup_stored_status (id);
  window = crm_customer_window_new (NULL, fixture.store, id);
  page = CRM_CUSTOMER_PAGE (crm_customer_window_get_page (CRM_CUSTOMER_WINDOW (window)));
  gtk_window_present (GTK_WINDOW (window));
  ui_run_for (100);

  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (page->status_button)));
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (page->status_button)), ==,
                   "Subscriber statuses come from billing and cannot be set by hand");

  gtk_widget_activate_action (GTK_WIDGET (page), "customer.set-status", "s", "Working Lead");
  ui_run_for (100);
  after = dup_stored_status (id);
  g_assert_cmpstr (after, ==, before);

  gtk_window_destroy (GTK_WINDOW (window));
  ui_run_for (50);
}

typedef struct
{
  const char *key;
  const char *value;
} SettingWait;

static gboolean
setting_is (gpointer data)
{
  SettingWait *wait = data;
  g_autofree char *value = crm_store_dup_setting (fixture.store, wait->key);

  return g_strcmp0 (value, wait->value) == 0;
}

static gboolean
owner_label_is (gpointer data)
{
  return g_strcmp0 (gtk_label_get_text (fixture.page->owner_label), data) == 0;
}

static void
test_preferences (void)
{
  GtkWidget *window = crm_preferences_window_new (fixture.window, fixture.store);
  g_autofree char *stored_email = crm_store_dup_setting (fixture.store, "me.email");
  GtkWidget *name_row;
  GtkWidget *email_row;

  gtk_window_present (GTK_WINDOW (window));
  ui_run_for (100);

  name_row = ui_find_widget (window, is_entry_row_titled, (gpointer) "_Name");
  email_row = ui_find_widget (window, is_entry_row_titled, (gpointer) "_Email");
  g_assert_nonnull (name_row);
  g_assert_nonnull (email_row);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (email_row)), ==,
                   stored_email != NULL ? stored_email : "");

  gtk_editable_set_text (GTK_EDITABLE (name_row), "  Robin Vale ");
  g_signal_emit_by_name (name_row, "apply");
  g_assert_true (ui_wait_until (setting_is, &(SettingWait) { "me.name", "Robin Vale" }));

  /* An address of the wrong shape is marked and never saved. */
  gtk_editable_set_text (GTK_EDITABLE (email_row), "robin@");
  g_assert_true (gtk_widget_has_css_class (email_row, "error"));
  g_signal_emit_by_name (email_row, "apply");
  ui_run_for (100);
  g_assert_true (setting_is (&(SettingWait) { "me.email", stored_email }));

  save_screenshot (window, "ui-preferences.png");

  /* Making the page's owner "me" shows my name there. */
  {
    g_autoptr(GObject) customer = crm_store_load (fixture.store, CRM_ENTITY_CUSTOMER,
                                                  fixture.customer_id, NULL);
    const char *owner = crm_customer_get_owner (CRM_CUSTOMER (customer));

    if (owner != NULL)
      {
        gtk_editable_set_text (GTK_EDITABLE (email_row), owner);
        g_assert_false (gtk_widget_has_css_class (email_row, "error"));
        g_signal_emit_by_name (email_row, "apply");
        g_assert_true (ui_wait_until (setting_is, &(SettingWait) { "me.email", owner }));
        g_assert_true (ui_wait_until (owner_label_is, (gpointer) "Owner: Robin Vale"));
      }
  }

  gtk_window_close (GTK_WINDOW (window));
  ui_run_for (50);
}

/* Fixture */

static void
set_up (void)
{
  g_autoptr(GError) error = NULL;

  ui_open_profile (&fixture.dir, &fixture.store, NULL);
  crm_store_demo_fill (fixture.store, N_DEMO_CUSTOMERS, &error);
  g_assert_no_error (error);
}

static void
tear_down (void)
{
  if (fixture.window != NULL)
    gtk_window_destroy (fixture.window);
  ui_run_for (50);

  ui_close_profile (&fixture.dir, &fixture.store, NULL);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  ui_set_test_environment ();
  g_test_init (&argc, &argv, NULL);

  status = ui_init ();
  if (status != 0)
    return status;

  g_test_add_func ("/crm/ui/customer/format/humanize-key", test_format_humanize_key);
  g_test_add_func ("/crm/ui/customer/format/json-value", test_format_json_value);
  g_test_add_func ("/crm/ui/customer/format/attributes", test_format_attributes);
  g_test_add_func ("/crm/ui/customer/format/day", test_format_day);
  g_test_add_func ("/crm/ui/customer/format/due", test_format_due);
  g_test_add_func ("/crm/ui/customer/format/small", test_format_small);
  g_test_add_func ("/crm/ui/customer/format/links", test_format_links);
  g_test_add_func ("/crm/ui/customer/format/email", test_format_email);
  g_test_add_func ("/crm/ui/customer/format/delete-body", test_format_delete_body);
  g_test_add_func ("/crm/ui/customer/format/timeline", test_timeline_titles);
  g_test_add_func ("/crm/ui/customer/widgets/shows-customer", test_page_shows_customer);
  g_test_add_func ("/crm/ui/customer/widgets/status-undo", test_page_status_change_and_undo);
  g_test_add_func ("/crm/ui/customer/widgets/add-note", test_page_add_note);
  g_test_add_func ("/crm/ui/customer/widgets/handoff-fails", test_page_handoff_fails);
  g_test_add_func ("/crm/ui/customer/widgets/customer-window", test_customer_window);
  g_test_add_func ("/crm/ui/customer/widgets/subscriber-locked", test_subscriber_status_is_locked);
  g_test_add_func ("/crm/ui/customer/widgets/preferences", test_preferences);
  g_test_add_func ("/crm/ui/customer/widgets/delete-undo", test_page_delete_and_undo);

  return ui_run_tests (set_up, tear_down);
}
