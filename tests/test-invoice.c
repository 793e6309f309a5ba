/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-business-repository.h"
#include "rapport-error.h"
#include "rapport-invoice.h"
#include "rapport-money-format.h"
#include "rapport-order-repository.h"
#include "rapport-order-rules.h"
#include "rapport-payment-repository.h"
#include "rapport-test-utils.h"

static guint
pdf_pages (const char *path)
{
  g_autofree char *out = NULL;
  const char *argv[] = { "pdfinfo", path, NULL };
  const char *pages;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, NULL, NULL));
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return (guint) g_ascii_strtoull (pages + strlen ("Pages:"), NULL, 10);
}

/* Without spaces and direction marks: pdftotext splits joined Arabic
 * letters where their glyphs meet, and marks embedded runs. */
static char *
squeeze (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_isspace (c) && !(c >= 0x202A && c <= 0x202E) && !(c >= 0x2066 && c <= 0x2069))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
assert_contains (const char *text,
                 const char *part)
{
  g_autofree char *squeezed_text = squeeze (text);
  g_autofree char *squeezed_part = squeeze (part);

  if (strstr (text, part) == NULL && strstr (squeezed_text, squeezed_part) == NULL)
    g_error ("the invoice does not say “%s”:\n%s", part, text);
}

typedef struct
{
  RapportTestStore *store;
  RapportBusiness  *business;
  RapportClient    *client;
  RapportOrder     *order;
} Fixture;

static void
add_line (RapportOrder *order,
          const char   *name,
          gint64        quantity,
          gint64        price,
          gint          tax)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_new (name, quantity, price);

  line->tax_rate = tax;
  rapport_order_add_line (order, line);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RapportBusinessRepository) businesses = NULL;
  g_autoptr(RapportOrderRepository) orders = NULL;
  g_autoptr(RapportPaymentRepository) payments = NULL;
  g_autoptr(RapportPayment) payment = NULL;
  g_autoptr(RapportAddress) address = rapport_address_new ();
  g_autoptr(GError) error = NULL;

  f->store = rapport_test_open_store ("invoice.db");
  businesses = rapport_business_repository_new (f->store->db);
  f->business = rapport_business_new ();
  g_free (f->business->name);
  f->business->name = g_strdup ("Салон «Ромашка»");
  g_free (f->business->address);
  f->business->address = g_strdup ("ул. Ленина 5\nМосква");
  g_free (f->business->tax_number);
  f->business->tax_number = g_strdup ("7701234567");
  g_free (f->business->currency);
  f->business->currency = g_strdup ("EUR");
  f->business->prices_include_tax = FALSE;
  g_assert_true (rapport_business_repository_save (businesses, f->business, &error));

  f->client = rapport_client_new ();
  rapport_client_set_given_name (f->client, "مریم");
  rapport_client_set_family_name (f->client, "احمدی");
  address->street = (g_free (address->street), g_strdup ("خیابان ولیعصر ۱۲"));
  address->locality = (g_free (address->locality), g_strdup ("تهران"));
  rapport_client_add_address (f->client, address);
  g_assert_true (rapport_client_repository_save (f->store->clients, f->client, &error));

  orders = rapport_order_repository_new (f->store->db);
  f->order = rapport_order_new (rapport_client_get_id (f->client));
  rapport_order_set_ordered_on (f->order, "2026-03-31");
  rapport_order_set_currency (f->order, "EUR");
  rapport_order_set_payment_terms_days (f->order, 14);
  add_line (f->order, "Стрижка", 1000, 3500, 2000);            /* 35.00 + 7.00 */
  add_line (f->order, "Окрашивание волос", 1500, 4000, 1000);  /* 60.00 + 6.00 */
  g_assert_true (rapport_order_repository_create (orders, f->order, "{year}-{seq:4}", &error));
  g_assert_true (rapport_order_repository_set_status (orders, rapport_order_get_id (f->order),
                                                      RAPPORT_ORDER_CONFIRMED, 0, &error));
  payments = rapport_payment_repository_new (f->store->db);
  payment = rapport_payment_new (rapport_order_get_id (f->order), "2026-03-31", 5000, RAPPORT_PAYMENT_CASH);
  g_assert_true (rapport_payment_repository_add (payments, payment, &error));
  g_clear_object (&f->order);
  f->order = rapport_order_repository_get (orders, 1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->order);
  g_clear_object (&f->client);
  g_clear_pointer (&f->business, rapport_business_free);
  g_clear_pointer (&f->store, rapport_test_store_free);
}

/* The invoice says who sells and who buys, what, at what tax, what was
 * paid and what is due, in Cyrillic and Persian as they were typed. */
static void
test_text (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *path = rapport_test_dup_path ("invoice.pdf");
  g_autoptr(RapportInvoice) invoice = rapport_invoice_new (f->order, f->business, f->client);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *total = rapport_money_format (10800, "EUR");
  g_autofree char *due = rapport_money_format (5800, "EUR");
  g_autofree char *tax_high = rapport_money_format (700, "EUR");
  g_autofree char *tax_low = rapport_money_format (600, "EUR");

  g_assert_true (rapport_invoice_write_pdf (invoice, path, &error));
  g_assert_no_error (error);
  text = rapport_test_pdf_text (path);

  assert_contains (text, "Invoice 2026-0001");
  assert_contains (text, "Салон «Ромашка»");
  assert_contains (text, "Москва");
  assert_contains (text, "7701234567");
  assert_contains (text, "مریم احمدی");
  assert_contains (text, "تهران");
  assert_contains (text, "Стрижка");
  assert_contains (text, "Окрашивание волос");
  assert_contains (text, "1.5");
  assert_contains (text, total);
  assert_contains (text, due);
  assert_contains (text, tax_high);
  assert_contains (text, tax_low);
  assert_contains (text, "Balance due");
  assert_contains (text, "Payment due: 14 April 2026");
  g_assert_cmpuint (pdf_pages (path), ==, 1);
}

/* A long order runs over pages, each with the table's header, and the
 * totals on the last. */
static void
test_pages (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = rapport_test_dup_path ("long.pdf");
  g_autoptr(RapportOrder) order = rapport_order_copy (f->order);
  g_autoptr(RapportInvoice) invoice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  for (guint i = 0; i < 120; i++)
    {
      g_autofree char *name = g_strdup_printf ("Item number %u with a rather long description", i + 1);
      add_line (order, name, 1000, 100, 2000);
    }
  g_assert_true (rapport_order_tidy (order, &error));
  invoice = rapport_invoice_new (order, f->business, f->client);
  g_assert_true (rapport_invoice_write_pdf (invoice, path, &error));
  text = rapport_test_pdf_text (path);

  g_assert_cmpuint (pdf_pages (path), >=, 3);
  assert_contains (text, "Item number 120 with");
  assert_contains (text, "Invoice 2026-0001, continued");
  assert_contains (text, "Page 3 of");
}

/* Right to left: the same text, mirrored; a quote says it is one. */
static void
test_right_to_left_quote (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = rapport_test_dup_path ("quote.pdf");
  g_autoptr(RapportOrder) quote = rapport_order_copy (f->order);
  g_autoptr(RapportInvoice) invoice = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  _rapport_order_set_status (quote, RAPPORT_ORDER_QUOTED);
  rapport_order_set_quote_valid_until (quote, "2026-04-14");
  invoice = rapport_invoice_new (quote, f->business, f->client);
  rapport_invoice_set_right_to_left (invoice, TRUE);
  g_assert_true (rapport_invoice_write_pdf (invoice, path, &error));
  text = rapport_test_pdf_text (path);
  assert_contains (text, "Quote 2026-0001");
  /* The date keeps its own direction inside the mirrored line. */
  assert_contains (text, "Valid until");
  assert_contains (text, "14 April 2026");
  g_assert_null (strstr (text, "Balance due"));
}

static void
test_unwritable (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(RapportInvoice) invoice = rapport_invoice_new (f->order, f->business, f->client);
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_invoice_write_pdf (invoice, "/nonexistent/folder/invoice.pdf", &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "invoice.pdf"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/rapport/invoice/text", test_text);
  ADD ("/rapport/invoice/pages", test_pages);
  ADD ("/rapport/invoice/right-to-left-quote", test_right_to_left_quote);
  ADD ("/rapport/invoice/unwritable", test_unwritable);
#undef ADD

  return g_test_run ();
}
