/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-business.h"
#include "rapport-error.h"
#include "rapport-money.h"
#include "rapport-order-number.h"
#include "rapport-order-rules.h"

/* Each row worked out by hand: quantity in thousandths, price in minor
 * units, discount and tax in hundredths of a percent. */
static const struct
{
  gint64   quantity;
  gint64   price;
  gint     discount;
  gint     tax;
  gboolean included;
  gint64   net, tax_amount, gross;
} lines[] = {
  /* 1 × 10.00 at 20 %: 10.00 + 2.00 */
  { 1000, 1000, 0, 2000, FALSE, 1000, 200, 1200 },
  /* 1.5 hours × 40.00 at 23 %: 60.00 + 13.80 */
  { 1500, 4000, 0, 2300, FALSE, 6000, 1380, 7380 },
  /* 0.333 × 1.00 = 0.333 → 0.33 */
  { 333, 100, 0, 0, FALSE, 33, 0, 33 },
  /* 0.005 × 1.00 = 0.005 → 0.01: a half goes away from zero */
  { 5, 100, 0, 0, FALSE, 1, 0, 1 },
  /* 2.5 × 0.01 = 0.025 → 0.03 */
  { 2500, 1, 0, 0, FALSE, 3, 0, 3 },
  /* 3 × 3.33 less 10 % = 8.991 → 8.99; tax 7.7 % = 0.69223 → 0.69 */
  { 3000, 333, 1000, 770, FALSE, 899, 69, 968 },
  /* 12.30 with 23 % included: tax 2.30, net 10.00 */
  { 1000, 1230, 0, 2300, TRUE, 1000, 230, 1230 },
  /* 9.99 with 20 % included: tax 9.99 × 20/120 = 1.665 → 1.67 */
  { 1000, 999, 0, 2000, TRUE, 832, 167, 999 },
  /* all of it off */
  { 2000, 5000, 10000, 2000, FALSE, 0, 0, 0 },
  /* 3 × 0.10 with 8 % included = 0.30; tax 0.30 × 8/108 = 0.0222 → 0.02 */
  { 3000, 10, 0, 800, TRUE, 28, 2, 30 },
  /* a rial price: 1 200 000 × 2 at 9 % */
  { 2000, 1200000, 0, 900, FALSE, 2400000, 216000, 2616000 },
};

static void
test_lines (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      RapportLineAmounts amounts = { 0 };
      g_autoptr(GError) error = NULL;

      g_assert_true (rapport_money_line (lines[i].quantity, lines[i].price, lines[i].discount,
                                         lines[i].tax, lines[i].included, &amounts, &error));
      g_assert_no_error (error);
      g_assert_cmpint (amounts.net, ==, lines[i].net);
      g_assert_cmpint (amounts.tax, ==, lines[i].tax_amount);
      g_assert_cmpint (amounts.gross, ==, lines[i].gross);
    }
}

static void
test_rounding (void)
{
  g_assert_cmpint (rapport_money_round_half_away (25, 10), ==, 3);
  g_assert_cmpint (rapport_money_round_half_away (-25, 10), ==, -3);
  g_assert_cmpint (rapport_money_round_half_away (24, 10), ==, 2);
  g_assert_cmpint (rapport_money_round_half_away (-24, 10), ==, -2);
  g_assert_cmpint (rapport_money_round_half_away (15, 10), ==, 2);
  g_assert_cmpint (rapport_money_round_half_away (0, 7), ==, 0);
}

static void
assert_line_refused (gint64 quantity,
                     gint64 price,
                     gint   discount,
                     gint   tax)
{
  RapportLineAmounts amounts = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_money_line (quantity, price, discount, tax, FALSE, &amounts, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

/* Out of range, and too large: refused, never wrapped. */
static void
test_refused (void)
{
  gint64 sum = 0;
  g_autoptr(GError) error = NULL;

  assert_line_refused (0, 100, 0, 0);
  assert_line_refused (-1000, 100, 0, 0);
  assert_line_refused (1000, -1, 0, 0);
  assert_line_refused (1000, 100, 10001, 0);
  assert_line_refused (1000, 100, -1, 0);
  assert_line_refused (1000, 100, 0, 10001);
  assert_line_refused (RAPPORT_QUANTITY_MAX + 1, 1, 0, 0);
  assert_line_refused (RAPPORT_QUANTITY_MAX, RAPPORT_AMOUNT_MAX, 0, 0);
  assert_line_refused (1000, RAPPORT_AMOUNT_MAX, 0, 2000);

  g_assert_false (rapport_money_add (RAPPORT_AMOUNT_MAX, 1, &sum, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (rapport_money_add (G_MAXINT64, G_MAXINT64, &sum, &error));
  g_clear_error (&error);
  g_assert_true (rapport_money_add (RAPPORT_AMOUNT_MAX, -RAPPORT_AMOUNT_MAX, &sum, &error));
  g_assert_cmpint (sum, ==, 0);
}

static RapportOrder *
make_order (void)
{
  RapportOrder *order = rapport_order_new (1);

  rapport_order_set_ordered_on (order, "2026-03-31");
  rapport_order_set_currency (order, "EUR");
  return order;
}

static void
add (RapportOrder *order,
     const char   *name,
     gint64        quantity,
     gint64        price,
     gint          discount,
     gint          tax)
{
  g_autoptr(RapportOrderLine) line = rapport_order_line_new (name, quantity, price);

  line->discount = discount;
  line->tax_rate = tax;
  rapport_order_add_line (order, line);
}

/* Totals are the exact sums of the lines; tax is summed by rate. */
static void
test_totals (void)
{
  g_autoptr(RapportOrder) order = make_order ();
  g_auto(RapportOrderTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;
  RapportTaxSum *low, *high;

  add (order, "Phone case", 2000, 500, 0, 2000);        /* 10.00 + 2.00 */
  add (order, "Screen film", 1000, 500, 0, 800);        /* 5.00 + 0.40 */
  add (order, "Fitting", 500, 600, 0, 2000);            /* 3.00 + 0.60 */
  add (order, "Charger", 1000, 1999, 1500, 2000);       /* 16.99 (16.9915) + 3.40 (3.398) */
  g_assert_true (rapport_order_tidy (order, &error));
  g_assert_true (rapport_order_compute_totals (order, &totals, &error));
  g_assert_no_error (error);

  g_assert_cmpint (totals.net, ==, 1000 + 500 + 300 + 1699);
  g_assert_cmpint (totals.tax, ==, 200 + 40 + 60 + 340);
  g_assert_cmpint (totals.gross, ==, totals.net + totals.tax);
  g_assert_cmpuint (totals.by_rate->len, ==, 2);
  low = &g_array_index (totals.by_rate, RapportTaxSum, 0);
  high = &g_array_index (totals.by_rate, RapportTaxSum, 1);
  g_assert_cmpint (low->tax_rate, ==, 800);
  g_assert_cmpint (low->net, ==, 500);
  g_assert_cmpint (low->tax, ==, 40);
  g_assert_cmpint (high->tax_rate, ==, 2000);
  g_assert_cmpint (high->net, ==, 1000 + 300 + 1699);
  g_assert_cmpint (high->tax, ==, 200 + 60 + 340);
}

/* Many lines that each fit may not together: refused, not wrapped. */
static void
test_totals_overflow (void)
{
  g_autoptr(RapportOrder) order = make_order ();
  g_auto(RapportOrderTotals) totals = { 0 };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 3; i++)
    add (order, "Gold bar", 1000, RAPPORT_AMOUNT_MAX / 2, 0, 0);
  g_assert_true (rapport_order_tidy (order, &error));
  g_assert_false (rapport_order_compute_totals (order, &totals, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_null (totals.by_rate);
}

static void
assert_tidy_refused (RapportOrder *order,
                     const char   *message_start)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (rapport_order_tidy (order, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  if (!g_str_has_prefix (error->message, message_start))
    g_error ("“%s” does not start with “%s”", error->message, message_start);
}

static void
test_tidy (void)
{
  g_autoptr(RapportOrder) order = make_order ();
  g_autoptr(GError) error = NULL;

  add (order, "  Haircut ", 1000, 3500, 0, 0);
  add (order, "Wash", 1000, 1000, 0, 0);
  g_assert_true (rapport_order_tidy (order, &error));
  g_assert_cmpstr (((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), 0))->name, ==, "Haircut");

  rapport_order_line_set_name (g_ptr_array_index (rapport_order_get_lines (order), 1), "  ");
  assert_tidy_refused (order, "Line 2");
  rapport_order_line_set_name (g_ptr_array_index (rapport_order_get_lines (order), 1), "Wash");
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), 1))->quantity = 0;
  assert_tidy_refused (order, "Line 2");
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), 1))->quantity = 1000;
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), 0))->discount = 12000;
  assert_tidy_refused (order, "Line 1");
  ((RapportOrderLine *) g_ptr_array_index (rapport_order_get_lines (order), 0))->discount = 0;

  rapport_order_set_currency (order, "eur");
  assert_tidy_refused (order, "Currency");
  rapport_order_set_currency (order, "EUR");
  rapport_order_set_ordered_on (order, "2026-02-30");
  assert_tidy_refused (order, "Date");
  rapport_order_set_ordered_on (order, "2026-03-31");
  rapport_order_set_quote_valid_until (order, "2026-03-01");
  assert_tidy_refused (order, "Valid until");
  rapport_order_set_quote_valid_until (order, NULL);
  rapport_order_set_client_id (order, 0);
  assert_tidy_refused (order, "Client");
}

static void
test_transitions (void)
{
  /* draft quoted confirmed fulfilled closed lost cancelled */
  static const char *expected[] = {
    "0110001",   /* draft */
    "1010011",   /* quoted */
    "0001001",   /* confirmed */
    "0000100",   /* fulfilled */
    "0000000",   /* closed */
    "0100000",   /* lost */
    "0000000",   /* cancelled */
  };

  for (RapportOrderStatus from = 0; from <= RAPPORT_ORDER_CANCELLED; from++)
    for (RapportOrderStatus to = 0; to <= RAPPORT_ORDER_CANCELLED; to++)
      if (rapport_order_can_become (from, to) != (expected[from][to] == '1'))
        g_error ("%s → %s is %s", rapport_order_status_to_string (from),
                 rapport_order_status_to_string (to),
                 rapport_order_can_become (from, to) ? "allowed" : "refused");

  g_assert_false (rapport_order_can_become (99, RAPPORT_ORDER_DRAFT));
  g_assert_true (rapport_order_status_allows_editing (RAPPORT_ORDER_CONFIRMED));
  g_assert_false (rapport_order_status_allows_editing (RAPPORT_ORDER_FULFILLED));
  g_assert_false (rapport_order_status_allows_editing (RAPPORT_ORDER_CLOSED));
  g_assert_true (rapport_order_counts_as_sale (RAPPORT_ORDER_CLOSED));
  g_assert_false (rapport_order_counts_as_sale (RAPPORT_ORDER_QUOTED));
}

static void
test_payment_status (void)
{
  g_assert_cmpint (rapport_payment_status_of (1000, 0), ==, RAPPORT_PAYMENT_UNPAID);
  g_assert_cmpint (rapport_payment_status_of (1000, -5), ==, RAPPORT_PAYMENT_UNPAID);
  g_assert_cmpint (rapport_payment_status_of (1000, 1), ==, RAPPORT_PAYMENT_PARTLY_PAID);
  g_assert_cmpint (rapport_payment_status_of (1000, 999), ==, RAPPORT_PAYMENT_PARTLY_PAID);
  g_assert_cmpint (rapport_payment_status_of (1000, 1000), ==, RAPPORT_PAYMENT_PAID);
  g_assert_cmpint (rapport_payment_status_of (1000, 1001), ==, RAPPORT_PAYMENT_OVERPAID);
  g_assert_cmpint (rapport_payment_status_of (0, 0), ==, RAPPORT_PAYMENT_PAID);
}

static void
test_due_date (void)
{
  g_autoptr(RapportOrder) order = make_order ();
  g_autofree char *same_day = NULL;
  g_autofree char *month_end = NULL;
  g_autofree char *leap = NULL;

  same_day = rapport_order_dup_payment_due_on (order);
  g_assert_cmpstr (same_day, ==, "2026-03-31");
  rapport_order_set_ordered_on (order, "2026-01-31");
  rapport_order_set_payment_terms_days (order, 30);
  month_end = rapport_order_dup_payment_due_on (order);
  g_assert_cmpstr (month_end, ==, "2026-03-02");
  rapport_order_set_ordered_on (order, "2028-02-14");
  rapport_order_set_payment_terms_days (order, 15);
  leap = rapport_order_dup_payment_due_on (order);
  g_assert_cmpstr (leap, ==, "2028-02-29");
}

static void
test_number_pattern (void)
{
  const char *refused[] = { "ABC", "{seq}{seq}", "{year}", "{seq:0}", "{seq:10}", "{foo}{seq}",
                            "{seq", "\xff{seq}", "{seq}xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx" };
  g_autofree char *plain = NULL;
  g_autofree char *styled = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *scope = NULL;
  g_autofree char *per_month = NULL;

  g_assert_true (rapport_order_number_validate (RAPPORT_ORDER_NUMBER_DEFAULT_PATTERN, NULL));
  g_assert_true (rapport_order_number_validate ("{seq}", NULL));
  g_assert_true (rapport_order_number_validate ("№ {seq} / {yy}", NULL));
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;

      if (rapport_order_number_validate (refused[i], &error))
        g_error ("“%s” was accepted", refused[i]);
      g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
    }

  plain = rapport_order_number_format ("{year}-{seq:4}", "2026-03-05", 42);
  g_assert_cmpstr (plain, ==, "2026-0042");
  styled = rapport_order_number_format ("INV/{yy}{month}/{seq}", "2026-11-30", 7);
  g_assert_cmpstr (styled, ==, "INV/2611/7");
  wide = rapport_order_number_format ("{seq:2}", "2026-11-30", 12345);
  g_assert_cmpstr (wide, ==, "12345");
  scope = rapport_order_number_dup_scope ("{year}-{seq:4}", "2026-03-05");
  g_assert_cmpstr (scope, ==, "2026-{seq}");
  per_month = rapport_order_number_dup_scope ("INV/{yy}{month}/{seq}", "2026-11-30");
  g_assert_cmpstr (per_month, ==, "INV/2611/{seq}");
}

/* A logo is a PNG picture, and a small one. */
static void
test_business_logo (void)
{
  static const guint8 png_start[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0 };
  g_autoptr(RapportBusiness) business = rapport_business_new ();
  g_autoptr(GBytes) small = g_bytes_new_static (png_start, sizeof png_start);
  g_autoptr(GBytes) jpeg = g_bytes_new_static ("\xff\xd8\xff\xe0 JFIF", 10);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GBytes) large = NULL;
  g_autoptr(GError) error = NULL;
  guint8 *data = g_malloc0 (RAPPORT_BUSINESS_LOGO_MAX_SIZE + 1);

  memcpy (data, png_start, sizeof png_start);
  large = g_bytes_new_take (data, RAPPORT_BUSINESS_LOGO_MAX_SIZE + 1);

  g_assert_true (rapport_business_logo_is_png (small));
  g_assert_true (rapport_business_logo_is_png (large));
  g_assert_false (rapport_business_logo_is_png (jpeg));
  g_assert_false (rapport_business_logo_is_png (empty));

  business->logo = g_bytes_ref (small);
  g_assert_true (rapport_business_tidy (business, &error));
  g_assert_no_error (error);

  g_clear_pointer (&business->logo, g_bytes_unref);
  business->logo = g_bytes_ref (jpeg);
  g_assert_false (rapport_business_tidy (business, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_clear_error (&error);

  g_clear_pointer (&business->logo, g_bytes_unref);
  business->logo = g_bytes_new_from_bytes (large, 0, RAPPORT_BUSINESS_LOGO_MAX_SIZE);
  g_assert_true (rapport_business_tidy (business, &error));
  g_clear_pointer (&business->logo, g_bytes_unref);
  business->logo = g_bytes_ref (large);
  g_assert_false (rapport_business_tidy (business, &error));
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "1.0\xc2\xa0MB"));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/order-rules/lines", test_lines);
  g_test_add_func ("/rapport/order-rules/rounding", test_rounding);
  g_test_add_func ("/rapport/order-rules/refused", test_refused);
  g_test_add_func ("/rapport/order-rules/totals", test_totals);
  g_test_add_func ("/rapport/order-rules/totals-overflow", test_totals_overflow);
  g_test_add_func ("/rapport/order-rules/tidy", test_tidy);
  g_test_add_func ("/rapport/order-rules/transitions", test_transitions);
  g_test_add_func ("/rapport/order-rules/payment-status", test_payment_status);
  g_test_add_func ("/rapport/order-rules/due-date", test_due_date);
  g_test_add_func ("/rapport/order-rules/number-pattern", test_number_pattern);
  g_test_add_func ("/rapport/order-rules/business-logo", test_business_logo);

  return g_test_run ();
}
