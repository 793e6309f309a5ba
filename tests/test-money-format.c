/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-money-format.h"

static void
assert_money (const char *text,
              const char *currency,
              gint64      expected)
{
  g_autoptr(GError) error = NULL;
  gint64 amount = -1;

  if (!rapport_money_parse (text, currency, &amount, &error))
    g_error ("“%s” was refused: %s", text, error->message);
  g_assert_cmpint (amount, ==, expected);
}

static void
assert_not_money (const char *text,
                  const char *currency)
{
  g_autoptr(GError) error = NULL;
  gint64 amount;

  if (rapport_money_parse (text, currency, &amount, &error))
    g_error ("“%s” was read as %" G_GINT64_FORMAT, text, amount);
  g_assert_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID);
}

/* What people type, however their keyboard and habits write it. */
static void
test_parse_money (void)
{
  assert_money ("12", "EUR", 1200);
  assert_money ("12.5", "EUR", 1250);
  assert_money ("12,50", "EUR", 1250);
  assert_money ("1 234,56", "EUR", 123456);
  assert_money ("1,234.56", "EUR", 123456);
  assert_money ("1.234,56", "EUR", 123456);
  assert_money ("1\xc2\xa0" "234", "EUR", 123400);
  assert_money ("1,234", "EUR", 123400);
  assert_money ("-5", "EUR", -500);
  assert_money ("۱۲۰۰۰۰۰", "IRR", 1200000);
  assert_money ("١٢٫٥", "EUR", 1250);
  assert_not_money ("1.5", "JPY");
  assert_money ("1500", "JPY", 1500);
  assert_money ("0.125", "KWD", 125);
  assert_not_money ("", "EUR");
  assert_not_money ("abc", "EUR");
  assert_not_money ("12.345", "EUR");
  assert_not_money ("1.234.5", "EUR");
  assert_not_money ("1,23,456.00", "EUR");
  assert_money ("1.234.567,89", "EUR", 123456789);
  assert_money ("1,234,567", "EUR", 123456700);
  assert_not_money ("99999999999999999999", "EUR");
  assert_not_money ("\xff", "EUR");
}

static void
test_parse_quantity_and_rate (void)
{
  g_autoptr(GError) error = NULL;
  gint64 quantity = 0;
  gint rate = 0;

  g_assert_true (rapport_quantity_parse ("1,5", &quantity, &error));
  g_assert_cmpint (quantity, ==, 1500);
  g_assert_true (rapport_quantity_parse ("0.125", &quantity, &error));
  g_assert_cmpint (quantity, ==, 125);
  g_assert_true (rapport_quantity_parse ("2", &quantity, &error));
  g_assert_cmpint (quantity, ==, 2000);
  g_assert_false (rapport_quantity_parse ("0.0001", &quantity, &error));
  g_clear_error (&error);
  g_assert_true (rapport_rate_parse ("20", &rate, &error));
  g_assert_cmpint (rate, ==, 2000);
  g_assert_true (rapport_rate_parse ("7,7 %", &rate, &error));
  g_assert_cmpint (rate, ==, 770);
  g_assert_true (rapport_rate_parse ("۲۰٪", &rate, &error));
  g_assert_cmpint (rate, ==, 2000);
  g_assert_false (rapport_rate_parse ("101", &rate, &error));
  g_clear_error (&error);
  g_assert_false (rapport_rate_parse ("-1", &rate, &error));
}

/* Written back: as many decimals as the currency has; never a float. */
static void
test_format (void)
{
  g_autofree char *plain = rapport_money_format_plain (-123456, "EUR");
  g_autofree char *yen = rapport_money_format_plain (1500, "JPY");
  g_autofree char *dinar = rapport_money_format_plain (1, "KWD");
  g_autofree char *huge = rapport_money_format_plain (G_MAXINT64, "EUR");
  g_autofree char *quantity = rapport_quantity_format (1500);
  g_autofree char *whole = rapport_quantity_format (2000);
  g_autofree char *rate = rapport_rate_format (770);
  g_autofree char *money = rapport_money_format (123456, "EUR");

  g_assert_cmpstr (plain, ==, "-1234.56");
  g_assert_cmpstr (yen, ==, "1500");
  g_assert_cmpstr (dinar, ==, "0.001");
  g_assert_cmpstr (huge, ==, "92233720368547758.07");
  g_assert_cmpstr (quantity, ==, "1.5");
  g_assert_cmpstr (whole, ==, "2");
  g_assert_cmpstr (rate, ==, "7.7 %");
  g_assert_nonnull (strstr (money, "234.56"));
  g_assert_cmpuint (rapport_money_fraction_digits ("IRR"), ==, 0);
  g_assert_cmpuint (rapport_money_fraction_digits ("EUR"), ==, 2);
}

/* What a field shows for editing reads back as the same amount. */
static void
test_edit_round_trip (void)
{
  const gint64 amounts[] = { 0, 1, 5, 99, 100, 123456, 1000000, 99999999999999, -250 };
  const char * const currencies[] = { "EUR", "JPY", "KWD", "IRR", "RUB" };

  for (guint c = 0; c < G_N_ELEMENTS (currencies); c++)
    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        g_autofree char *text = rapport_money_format_number (amounts[i], currencies[c]);
        g_autoptr(GError) error = NULL;
        gint64 back = -1;

        g_assert_true (rapport_money_parse (text, currencies[c], &back, &error));
        g_assert_no_error (error);
        g_assert_cmpint (back, ==, amounts[i]);
      }
}

/* The currencies a business may choose, named in the language of the
 * interface. */
static void
test_currencies (void)
{
  g_auto(GStrv) codes = rapport_money_dup_currencies ();
  const char *expected[] = { "EUR", "IRR", "JPY", "PLN", "RUB", "UAH", "USD" };
  g_autofree char *euro = NULL;
  g_autofree char *euro_fa = NULL;
  g_autofree char *unknown = NULL;
  g_autofree char *broken = NULL;
  const char *language = g_getenv ("LANGUAGE");
  g_autofree char *saved = g_strdup (language);

  g_assert_cmpuint (g_strv_length (codes), >, 100);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_true (g_strv_contains ((const char * const *) codes, expected[i]));
  /* Funds, metals and test codes are not money a shop takes. */
  g_assert_false (g_strv_contains ((const char * const *) codes, "XXX"));
  g_assert_false (g_strv_contains ((const char * const *) codes, "XAU"));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (codes[i]), ==, 3);
      if (i > 0)
        g_assert_cmpint (strcmp (codes[i - 1], codes[i]), <, 0);
    }

  g_setenv ("LANGUAGE", "en", TRUE);
  euro = rapport_money_dup_currency_name ("EUR");
  g_assert_cmpstr (euro, ==, "Euro");
  g_setenv ("LANGUAGE", "fa", TRUE);
  euro_fa = rapport_money_dup_currency_name ("EUR");
  g_assert_cmpstr (euro_fa, ==, "یورو");
  unknown = rapport_money_dup_currency_name ("QQQ");
  g_assert_cmpstr (unknown, ==, "QQQ");
  broken = rapport_money_dup_currency_name ("\xff\xfe");
  g_assert_cmpstr (broken, ==, "\xff\xfe");

  if (saved != NULL)
    g_setenv ("LANGUAGE", saved, TRUE);
  else
    g_unsetenv ("LANGUAGE");
}

/* Money is grouped and written as the reader's language writes it, from
 * integer minor units, whatever their size. */
static void
test_languages (void)
{
  static const struct
  {
    const char *language;
    gint64      minor;
    const char *currency;
    const char *expected;
  } cases[] = {
    { "en", 123450, "EUR", "€1,234.50" },
    { "en", -5, "USD", "-$0.05" },
    { "en", 1500, "JPY", "¥1,500" },
    { "pl", 123450, "PLN", "1\u00a0234,50\u00a0zł" },
    { "ru", 12345678, "RUB", "123\u00a0456,78\u00a0₽" },
    /* The rial has no minor unit in use: 1,250,000 rials. */
    { "fa", 1250000, "IRR", "\u200eریال\u00a0۱٬۲۵۰٬۰۰۰" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = NULL;

      g_setenv ("LANGUAGE", cases[i].language, TRUE);
      text = rapport_money_format (cases[i].minor, cases[i].currency);
      g_assert_cmpstr (text, ==, cases[i].expected);
    }
  /* The extremes of the integer are amounts too. */
  g_setenv ("LANGUAGE", "en", TRUE);
  {
    g_autofree char *most = rapport_money_format (G_MAXINT64, "EUR");
    g_autofree char *least = rapport_money_format (G_MININT64, "EUR");

    g_assert_cmpstr (most, ==, "€92,233,720,368,547,758.07");
    g_assert_cmpstr (least, ==, "-€92,233,720,368,547,758.08");
  }
  /* Counts and page numbers in the reader's digits too. */
  {
    g_autofree char *count = rapport_integer_format (1234);
    g_autofree char *count_fa = NULL;
    g_autofree char *most = rapport_integer_format (G_MAXINT64);

    g_assert_cmpstr (count, ==, "1,234");
    g_assert_cmpstr (most, ==, "9,223,372,036,854,775,807");
    g_setenv ("LANGUAGE", "fa", TRUE);
    count_fa = rapport_integer_format (1234);
    g_assert_cmpstr (count_fa, ==, "۱٬۲۳۴");
  }
  g_unsetenv ("LANGUAGE");
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/money-format/parse-money", test_parse_money);
  g_test_add_func ("/rapport/money-format/parse-quantity-and-rate", test_parse_quantity_and_rate);
  g_test_add_func ("/rapport/money-format/format", test_format);
  g_test_add_func ("/rapport/money-format/edit-round-trip", test_edit_round_trip);
  g_test_add_func ("/rapport/money-format/languages", test_languages);
  g_test_add_func ("/rapport/money-format/currencies", test_currencies);

  return g_test_run ();
}
