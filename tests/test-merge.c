/* test-merge.c
 *
 * Copyright The Prospect authors
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "test-merge"

#include "config.h"

#include <locale.h>
#include <string.h>

#include "crm-core.h"
#include "crm-merge.h"

#define M1_TEMPLATE \
  "Hi {{ contact.first_name }}, thanks for visiting {{ customer.name }}'s " \
  "booth. Your rep: {{ user.name }}. {{ contact.frist_name }}"
#define M1_EXPECTED \
  "Hi Lena, thanks for visiting Orchard Tools's booth. Your rep: Sam Ortiz."

static CrmMergeContext *
new_context (const char *customer_name,
             const char *first_name,
             const char *last_name,
             const char *user_name)
{
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmContact) contact = NULL;

  customer = g_object_new (CRM_TYPE_CUSTOMER,
                           "name", customer_name,
                           "email", "hello@orchard-tools.example",
                           NULL);
  contact = g_object_new (CRM_TYPE_CONTACT,
                          "first-name", first_name,
                          "last-name", last_name,
                          NULL);

  return crm_merge_context_new_for (customer, contact, user_name,
                                    "sam.ortiz@prospect.example");
}

static void
assert_warning (GPtrArray           *warnings,
                guint                index,
                CrmMergeWarningKind  kind,
                const char          *field,
                const char          *message)
{
  CrmMergeWarning *warning;

  g_assert_cmpuint (index, <, warnings->len);
  warning = g_ptr_array_index (warnings, index);
  g_assert_cmpint (crm_merge_warning_get_kind (warning), ==, kind);
  g_assert_cmpstr (crm_merge_warning_get_field (warning), ==, field);
  g_assert_cmpstr (crm_merge_warning_get_message (warning), ==, message);
}

static void
assert_render (CrmMergeContext *ctx,
               const char      *template,
               CrmMergeEscape   escape,
               const char      *expected)
{
  g_autofree char *text = crm_merge_render (template, ctx, escape);

  g_assert_cmpstr (text, ==, expected);
}

static void
test_m1_warnings (void)
{
  g_autoptr(CrmMergeContext) ctx = new_context ("Orchard Tools", "Lena",
                                                "Brandt", "");
  g_autoptr(CrmMergeContext) fixed = new_context ("Orchard Tools", "Lena",
                                                  "Brandt", "Sam Ortiz");
  g_autoptr(GPtrArray) warnings = crm_merge_check (M1_TEMPLATE, ctx);
  g_autoptr(GPtrArray) after_fix = crm_merge_check (M1_TEMPLATE, fixed);

  g_assert_cmpuint (warnings->len, ==, 2);
  assert_warning (warnings, 0, CRM_MERGE_WARNING_EMPTY, "user.name",
                  "“user.name” is empty");
  assert_warning (warnings, 1, CRM_MERGE_WARNING_UNKNOWN,
                  "contact.frist_name",
                  "“contact.frist_name” is not a known field");

  /* The sender's name is fixed; the misspelt field stays until confirmed. */
  g_assert_cmpuint (after_fix->len, ==, 1);
  assert_warning (after_fix, 0, CRM_MERGE_WARNING_UNKNOWN,
                  "contact.frist_name",
                  "“contact.frist_name” is not a known field");
}

static void
test_m1_render (void)
{
  g_autoptr(CrmMergeContext) ctx = new_context ("Orchard Tools", "Lena",
                                                "Brandt", "Sam Ortiz");
  g_autoptr(CrmMergeContext) unfixed = new_context ("Orchard Tools", "Lena",
                                                    "Brandt", NULL);

  assert_render (ctx, M1_TEMPLATE, CRM_MERGE_ESCAPE_NONE, M1_EXPECTED);
  assert_render (ctx, M1_TEMPLATE, CRM_MERGE_ESCAPE_HTML,
                 "Hi Lena, thanks for visiting Orchard Tools's booth. "
                 "Your rep: Sam Ortiz.");
  assert_render (unfixed, M1_TEMPLATE, CRM_MERGE_ESCAPE_NONE,
                 "Hi Lena, thanks for visiting Orchard Tools's booth. "
                 "Your rep: .");
}

static void
test_recipients (void)
{
  const char *names[][3] = {
    { "Orchard Tools", "Lena", "Brandt" },
    { "Quill & Quarry", "Zoë", "Achterberg" },
    { "Harbor Lantern Co", "Tomasz", "" },
  };
  g_autoptr(GPtrArray) singles = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) contexts = NULL;

  contexts = g_ptr_array_new_with_free_func (
      (GDestroyNotify) crm_merge_context_unref);

  /* Each recipient sent alone, in a fresh context */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CrmMergeContext) ctx = new_context (names[i][0], names[i][1],
                                                    names[i][2], "Sam Ortiz");

      g_ptr_array_add (singles, crm_merge_render (M1_TEMPLATE, ctx,
                                                  CRM_MERGE_ESCAPE_NONE));
    }
  g_assert_cmpstr (g_ptr_array_index (singles, 0), ==, M1_EXPECTED);

  /* The same recipients in one send, twice over, in reverse order */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_ptr_array_add (contexts, new_context (names[i][0], names[i][1],
                                            names[i][2], "Sam Ortiz"));
  for (guint round = 0; round < 2; round++)
    {
      for (guint i = G_N_ELEMENTS (names); i-- > 0;)
        {
          const char *single = g_ptr_array_index (singles, i);
          g_autofree char *text = NULL;

          text = crm_merge_render (M1_TEMPLATE,
                                   g_ptr_array_index (contexts, i),
                                   CRM_MERGE_ESCAPE_NONE);
          g_assert_cmpuint (strlen (text), ==, strlen (single));
          g_assert_cmpmem (text, strlen (text), single, strlen (single));
        }
    }

  g_assert_cmpstr (g_ptr_array_index (singles, 1), ==,
                   "Hi Zoë, thanks for visiting Quill & Quarry's booth. "
                   "Your rep: Sam Ortiz.");
}

static void
test_header_escape (void)
{
  g_autoptr(CrmMergeContext) ctx = new_context ("St Ann's & Co <West>", "Lena",
                                                "Brandt", "Sam Ortiz");
  g_autoptr(CrmMergeContext) evil = crm_merge_context_new ();
  g_autofree char *injected = NULL;

  assert_render (ctx, "Proposal for {{ customer.name }}",
                 CRM_MERGE_ESCAPE_HEADER,
                 "Proposal for St Ann's & Co <West>");

  crm_merge_context_set (evil, "customer.name",
                         "Orchard Tools\r\nBcc: all@example.org");
  crm_merge_context_set (evil, "contact.first_name", "a\nb\rc\r\n\r\nd");
  crm_merge_context_set (evil, "user.name", "\nSam\n");

  injected = crm_merge_render ("Proposal for {{ customer.name }}", evil,
                               CRM_MERGE_ESCAPE_HEADER);
  g_assert_cmpstr (injected, ==,
                   "Proposal for Orchard Tools Bcc: all@example.org");
  g_assert_null (strpbrk (injected, "\r\n"));

  assert_render (evil, "{{ contact.first_name }}", CRM_MERGE_ESCAPE_HEADER,
                 "a b c  d");
  assert_render (evil, "From {{ user.name }}!", CRM_MERGE_ESCAPE_HEADER,
                 "From  Sam !");

  /* Only values are escaped: the plain body keeps the value's lines. */
  assert_render (evil, "{{ contact.first_name }}", CRM_MERGE_ESCAPE_NONE,
                 "a\nb\rc\r\n\r\nd");
}

static void
test_html_escape (void)
{
  g_autoptr(CrmMergeContext) ctx = new_context ("St Ann's & Co <West>",
                                                "\"Lena\"", "Brandt",
                                                "Sam Ortiz");

  assert_render (ctx, "<p>Proposal for {{ customer.name }}</p>",
                 CRM_MERGE_ESCAPE_HTML,
                 "<p>Proposal for St Ann&#39;s &amp; Co &lt;West&gt;</p>");
  assert_render (ctx, "<b title='x'>{{ contact.first_name }} &amp;</b>",
                 CRM_MERGE_ESCAPE_HTML,
                 "<b title='x'>&quot;Lena&quot; &amp;</b>");
  assert_render (ctx, "Proposal for {{ customer.name }}", CRM_MERGE_ESCAPE_NONE,
                 "Proposal for St Ann's & Co <West>");
}

static void
test_malformed (void)
{
  const char *cases[][2] = {
    { "{", "{" },
    { "{{", "{{" },
    { "}}", "}}" },
    { "{{ contact.first_name", "{{ contact.first_name" },
    { "{{ contact.first_name }", "{{ contact.first_name }" },
    { "{ contact.first_name }", "{ contact.first_name }" },
    { "{{ 5 }}", "{{ 5 }}" },
    { "{{}}", "{{}}" },
    { "{{ }}", "{{ }}" },
    { "{{ Contact.First_Name }}", "{{ Contact.First_Name }}" },
    { "{{ contact.first-name }}", "{{ contact.first-name }}" },
    { "{{ contact. }}", "{{ contact. }}" },
    { "{{ .contact }}", "{{ .contact }}" },
    { "{{ contact..first_name }}", "{{ contact..first_name }}" },
    { "{{ contact first_name }}", "{{ contact first_name }}" },
    { "{{ contact.first_name2 }}", "{{ contact.first_name2 }}" },
    { "{{\ncontact.first_name }}", "{{\ncontact.first_name }}" },
    { "{{contact.first_name}}", "Lena" },
    { "{{   contact.first_name\t}}", "Lena" },
    { "{{{ contact.first_name }}}", "{Lena}" },
    { "}}{{ contact.first_name }}{{", "}}Lena{{" },
    { "{{ 5 }}{{ contact.first_name }}", "{{ 5 }}Lena" },
    { "{{ {{ contact.first_name }} }}", "{{ Lena }}" },
    { "{{ nothing_here }}x", "x" },
  };
  g_autoptr(CrmMergeContext) ctx = crm_merge_context_new ();

  crm_merge_context_set (ctx, "contact.first_name", "Lena");
  crm_merge_context_set (ctx, "customer.name", "{{ contact.first_name }}");

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("template: %s", cases[i][0]);
      assert_render (ctx, cases[i][0], CRM_MERGE_ESCAPE_NONE, cases[i][1]);
    }

  /* A value is never searched for tokens. */
  assert_render (ctx, "{{ customer.name }}", CRM_MERGE_ESCAPE_NONE,
                 "{{ contact.first_name }}");

  /* Literal text is not a field: nothing to warn about. */
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GPtrArray) warnings = crm_merge_check (cases[i][0], ctx);

      if (g_str_equal (cases[i][0], cases[i][1]))
        g_assert_cmpuint (warnings->len, ==, 0);
    }
}

static void
test_whitespace (void)
{
  g_autoptr(CrmMergeContext) ctx = crm_merge_context_new ();

  crm_merge_context_set (ctx, "user.name", "Sam Ortiz");

  assert_render (ctx, "  a  {{ nobody.here }}  b", CRM_MERGE_ESCAPE_NONE,
                 "  a    b");
  assert_render (ctx, "Thanks,\n{{ user.name }}\n\n", CRM_MERGE_ESCAPE_NONE,
                 "Thanks,\nSam Ortiz");
  assert_render (ctx, "Thanks {{ user.email }} \t\r\n", CRM_MERGE_ESCAPE_NONE,
                 "Thanks");
  assert_render (ctx, " {{ user.email }} ", CRM_MERGE_ESCAPE_NONE, "");
  assert_render (ctx, "", CRM_MERGE_ESCAPE_NONE, "");
}

static void
test_unicode (void)
{
  g_autoptr(CrmMergeContext) ctx = new_context ("Café Ünïcorn", "Zoë",
                                                "Ångström", "Sam Ortiz");
  const CrmMergeEscape escapes[] = {
    CRM_MERGE_ESCAPE_NONE, CRM_MERGE_ESCAPE_HTML, CRM_MERGE_ESCAPE_HEADER,
  };

  for (guint i = 0; i < G_N_ELEMENTS (escapes); i++)
    {
      assert_render (ctx, "Grüße {{ contact.full_name }} 👋", escapes[i],
                     "Grüße Zoë Ångström 👋");
      assert_render (ctx, "{{customer.name}}", escapes[i], "Café Ünïcorn");
    }
}

static void
test_known_fields (void)
{
  const char * const expected[] = {
    "customer.name", "customer.company", "customer.email",
    "customer.website", "customer.country", "contact.first_name",
    "contact.last_name", "contact.full_name", "contact.email",
    "contact.title", "user.name", "user.email", NULL
  };
  const char * const *known = crm_merge_get_known_fields ();
  g_autoptr(CrmCustomer) customer = NULL;
  g_autoptr(CrmContact) contact = NULL;
  g_autoptr(CrmMergeContext) full = NULL;
  g_autoptr(CrmMergeContext) no_contact = NULL;
  g_autoptr(GString) all = g_string_new (NULL);
  g_autoptr(GPtrArray) none = NULL;
  g_autoptr(GPtrArray) empty = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_strv_equal (known, expected));

  customer = g_object_new (CRM_TYPE_CUSTOMER,
                           "name", "Orchard Tools",
                           "company", "Orchard Tools Ltd",
                           "email", "hello@orchard-tools.example",
                           "website", "https://orchard-tools.example",
                           "country", "NZ",
                           NULL);
  contact = g_object_new (CRM_TYPE_CONTACT,
                          "first-name", "Lena",
                          "last-name", "Brandt",
                          "email", "lena@orchard-tools.example",
                          "title", "Buyer",
                          NULL);
  full = crm_merge_context_new_for (customer, contact, "Sam Ortiz",
                                    "sam@prospect.example");
  no_contact = crm_merge_context_new_for (customer, NULL, "Sam Ortiz", NULL);

  for (guint i = 0; known[i] != NULL; i++)
    g_string_append_printf (all, "[{{ %s }}]", known[i]);

  none = crm_merge_check (all->str, full);
  g_assert_cmpuint (none->len, ==, 0);

  text = crm_merge_render (all->str, full, CRM_MERGE_ESCAPE_NONE);
  g_assert_cmpstr (text, ==,
                   "[Orchard Tools][Orchard Tools Ltd]"
                   "[hello@orchard-tools.example]"
                   "[https://orchard-tools.example][NZ][Lena][Brandt]"
                   "[Lena Brandt][lena@orchard-tools.example][Buyer]"
                   "[Sam Ortiz][sam@prospect.example]");

  /* Without a contact its fields are known but empty. */
  empty = crm_merge_check (all->str, no_contact);
  g_assert_cmpuint (empty->len, ==, 6);
  for (guint i = 0; i < 5; i++)
    {
      CrmMergeWarning *warning = g_ptr_array_index (empty, i);

      g_assert_cmpint (crm_merge_warning_get_kind (warning), ==,
                       CRM_MERGE_WARNING_EMPTY);
      g_assert_cmpstr (crm_merge_warning_get_field (warning), ==, known[5 + i]);
    }
  assert_warning (empty, 5, CRM_MERGE_WARNING_EMPTY, "user.email",
                  "“user.email” is empty");
}

static void
test_context (void)
{
  g_autoptr(CrmMergeContext) ctx = crm_merge_context_new ();
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(CrmMergeWarning) copy = NULL;
  CrmMergeContext *ref;

  g_assert_true (g_type_is_a (CRM_TYPE_MERGE_CONTEXT, G_TYPE_BOXED));
  g_assert_true (g_type_is_a (CRM_TYPE_MERGE_WARNING, G_TYPE_BOXED));

  g_assert_null (crm_merge_context_get (ctx, "user.name"));
  crm_merge_context_set (ctx, "user.name", NULL);
  g_assert_cmpstr (crm_merge_context_get (ctx, "user.name"), ==, "");
  crm_merge_context_set (ctx, "user.name", "Sam Ortiz");
  g_assert_cmpstr (crm_merge_context_get (ctx, "user.name"), ==, "Sam Ortiz");

  /* A field set by the caller counts as known. */
  crm_merge_context_set (ctx, "deal.next_step", "demo");
  crm_merge_context_set (ctx, "customer.country", "  ");

  ref = crm_merge_context_ref (ctx);
  g_assert_true (ref == ctx);
  crm_merge_context_unref (ref);

  warnings = crm_merge_check ("{{ deal.next_step }} {{ user.title }} "
                              "{{ customer.email }}{{user.title}} "
                              "{{ customer.country }} {{ customer.email }} "
                              "{{ user.name }}", ctx);
  g_assert_cmpuint (warnings->len, ==, 3);
  assert_warning (warnings, 0, CRM_MERGE_WARNING_UNKNOWN, "user.title",
                  "“user.title” is not a known field");
  assert_warning (warnings, 1, CRM_MERGE_WARNING_EMPTY, "customer.email",
                  "“customer.email” is empty");
  assert_warning (warnings, 2, CRM_MERGE_WARNING_EMPTY, "customer.country",
                  "“customer.country” is empty");

  copy = crm_merge_warning_copy (g_ptr_array_index (warnings, 0));
  assert_warning (warnings, 0, crm_merge_warning_get_kind (copy),
                  crm_merge_warning_get_field (copy),
                  crm_merge_warning_get_message (copy));

  assert_render (ctx, "{{ deal.next_step }}", CRM_MERGE_ESCAPE_NONE, "demo");
}

static guint
count_line_breaks (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    n += (*p == '\r' || *p == '\n');

  return n;
}

static char *
random_template (GRand *rand)
{
  static const char * const pieces[] = {
    "{", "}", "{{", "}}", " ", ".", "_", "\n", "\r\n", "contact",
    "first_name", "user.name", "customer.name", "{{ contact.first_name }}",
    "{{ x }}", "ë", "\xff", "\xc3", "5",
  };
  g_autoptr(GString) bytes = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 0, 40);

  for (guint i = 0; i < n; i++)
    {
      if (g_rand_boolean (rand))
        {
          guint piece = g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces));

          g_string_append (bytes, pieces[piece]);
        }
      else
        g_string_append_c (bytes, (char) g_rand_int_range (rand, 1, 256));
    }

  return g_utf8_make_valid (bytes->str, bytes->len);
}

static void
test_fuzz (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  g_autoptr(CrmMergeContext) ctx = crm_merge_context_new ();

  crm_merge_context_set (ctx, "contact.first_name", "Zoë\r\n<b>&'\"");
  crm_merge_context_set (ctx, "customer.name", "{{ user.name }}");
  crm_merge_context_set (ctx, "user.name", "");

  for (guint i = 0; i < 2000; i++)
    {
      g_autofree char *template = random_template (rand);
      g_autoptr(GPtrArray) warnings = crm_merge_check (template, ctx);
      g_autoptr(GHashTable) fields = NULL;

      fields = g_hash_table_new (g_str_hash, g_str_equal);

      for (CrmMergeEscape e = CRM_MERGE_ESCAPE_NONE;
           e <= CRM_MERGE_ESCAPE_HEADER;
           e++)
        {
          g_autofree char *text = crm_merge_render (template, ctx, e);
          g_autofree char *again = crm_merge_render (template, ctx, e);
          gsize len = strlen (text);

          g_assert_true (g_utf8_validate (text, -1, NULL));
          g_assert_cmpstr (text, ==, again);
          g_assert_true (len == 0 || !g_ascii_isspace (text[len - 1]));
          if (e == CRM_MERGE_ESCAPE_HEADER)
            g_assert_cmpuint (count_line_breaks (text), <=,
                              count_line_breaks (template));
          if (e == CRM_MERGE_ESCAPE_HTML && strstr (template, "<b>") == NULL)
            g_assert_null (strstr (text, "<b>"));
        }

      for (guint j = 0; j < warnings->len; j++)
        {
          CrmMergeWarning *warning = g_ptr_array_index (warnings, j);
          const char *field = crm_merge_warning_get_field (warning);

          /* each field once */
          g_assert_true (g_hash_table_add (fields, (gpointer) field));
        }
    }
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crm/mail/merge/m1-warnings", test_m1_warnings);
  g_test_add_func ("/crm/mail/merge/m1-render", test_m1_render);
  g_test_add_func ("/crm/mail/merge/recipients", test_recipients);
  g_test_add_func ("/crm/mail/merge/header-escape", test_header_escape);
  g_test_add_func ("/crm/mail/merge/html-escape", test_html_escape);
  g_test_add_func ("/crm/mail/merge/malformed", test_malformed);
  g_test_add_func ("/crm/mail/merge/whitespace", test_whitespace);
  g_test_add_func ("/crm/mail/merge/unicode", test_unicode);
  g_test_add_func ("/crm/mail/merge/known-fields", test_known_fields);
  g_test_add_func ("/crm/mail/merge/context", test_context);
  g_test_add_func ("/crm/mail/merge/fuzz", test_fuzz);

  return g_test_run ();
}
