/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-documents"

/* Money, quantities and rates as people of each locale read and write
 * them. Formatting is ICU's: the currency's symbol and place, its number
 * of minor digits (none for rials and yen), the locale's digits, grouping
 * and separators. Numbers go to ICU as decimal strings, never floats. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <locale.h>
#include <string.h>
#include <unicode/ucurr.h>
#include <unicode/uenum.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "rapport-error.h"
#include "rapport-money.h"
#include "rapport-money-format.h"

#define MAX_DIGITS 18

/* ICU's name for the language of the interface (LANGUAGE, then the
 * locale), without codeset or modifier: money and numbers are written as
 * the words around them are, in the same digits as the interface's dates
 * and counts. */
static char *
interface_locale (void)
{
  const char * const *names = g_get_language_names_with_category ("LC_MESSAGES");

  for (guint i = 0; names[i] != NULL; i++)
    {
      const char *end = strpbrk (names[i], ".@");

      if (g_str_equal (names[i], "C") || g_str_equal (names[i], "POSIX") || g_str_has_prefix (names[i], "C."))
        continue;
      return end ? g_strndup (names[i], end - names[i]) : g_strdup (names[i]);
    }
  return g_strdup ("en");
}

/**
 * rapport_money_fraction_digits:
 * @currency: an ISO 4217 code
 *
 * Returns: how many minor digits the currency has: 2 for EUR, 0 for IRR
 *   and JPY, 3 for KWD
 */
guint
rapport_money_fraction_digits (const char *currency)
{
  UChar code[4] = { 0 };
  UErrorCode status = U_ZERO_ERROR;
  int32_t digits;

  if (currency == NULL || strlen (currency) != 3)
    return 2;
  u_charsToUChars (currency, code, 3);
  digits = ucurr_getDefaultFractionDigits (code, &status);
  return U_SUCCESS (status) ? (guint) CLAMP (digits, 0, 4) : 2;
}

static int
compare_codes (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/**
 * rapport_money_dup_currencies:
 *
 * Returns: (transfer full): the ISO 4217 codes of the currencies in use
 *   today, in the order of their codes
 */
char **
rapport_money_dup_currencies (void)
{
  g_autoptr(GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  UErrorCode status = U_ZERO_ERROR;
  UEnumeration *all = ucurr_openISOCurrencies (UCURR_COMMON | UCURR_NON_DEPRECATED, &status);
  const char *code;

  while (U_SUCCESS (status) && (code = uenum_next (all, NULL, &status)) != NULL)
    if (strlen (code) == 3)
      g_ptr_array_add (codes, g_strdup (code));
  uenum_close (all);

  g_ptr_array_sort (codes, compare_codes);
  g_ptr_array_add (codes, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
}


/**
 * rapport_money_dup_currency_name:
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer full): the currency's name in the language of the
 *   interface, “Euro”, “یورو”; the code itself when ICU knows no name
 */
char *
rapport_money_dup_currency_name (const char *currency)
{
  g_autofree char *locale = interface_locale ();
  UChar code[4] = { 0 };
  UErrorCode status = U_ZERO_ERROR;
  UBool is_choice = FALSE;
  int32_t length = 0;
  const UChar *name;
  char utf8[256];

  g_return_val_if_fail (currency != NULL, NULL);

  if (strlen (currency) != 3 || !g_str_is_ascii (currency))
    return g_strdup (currency);
  u_charsToUChars (currency, code, 3);
  name = ucurr_getName (code, locale, UCURR_LONG_NAME, &is_choice, &length, &status);
  if (U_FAILURE (status) || name == NULL)
    return g_strdup (currency);
  u_strToUTF8 (utf8, sizeof utf8, NULL, name, length, &status);
  return U_SUCCESS (status) ? g_strdup (utf8) : g_strdup (currency);
}

/* @amount minor units as a decimal string: -1234.50 */
static char *
decimal_string (gint64  amount,
                guint   digits)
{
  guint64 magnitude = amount < 0 ? (guint64) 0 - (guint64) amount : (guint64) amount;
  guint64 scale = 1;

  for (guint i = 0; i < digits; i++)
    scale *= 10;
  if (digits == 0)
    return g_strdup_printf ("%s%" G_GUINT64_FORMAT, amount < 0 ? "-" : "", magnitude);
  return g_strdup_printf ("%s%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT, amount < 0 ? "-" : "",
                          magnitude / scale, (int) digits, magnitude % scale);
}

/**
 * rapport_money_format_plain:
 * @amount: in minor units
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer full): the amount with a dot and the currency's minor
 *   digits and nothing else, for scripts and spreadsheets: -1234.50
 */
char *
rapport_money_format_plain (gint64      amount,
                            const char *currency)
{
  return decimal_string (amount, rapport_money_fraction_digits (currency));
}

/* Opening an ICU formatter costs far more than formatting with it (a
 * list of orders formats hundreds of amounts a screen), so each thread
 * keeps the ones it opened. ICU formatters are not to be shared between
 * threads. */
static GPrivate formatters = G_PRIVATE_INIT ((GDestroyNotify) g_hash_table_unref);

static UNumberFormat *
get_formatter (UNumberFormatStyle  style,
               const char         *locale,
               const char         *currency,
               guint               digits)
{
  GHashTable *table = g_private_get (&formatters);
  g_autofree char *key = g_strdup_printf ("%d|%s|%s|%u", style, locale, currency ? currency : "", digits);
  UErrorCode status = U_ZERO_ERROR;
  UNumberFormat *format;

  if (table == NULL)
    {
      table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) unum_close);
      g_private_set (&formatters, table);
    }
  format = g_hash_table_lookup (table, key);
  if (format != NULL)
    return format;

  format = unum_open (style, NULL, 0, locale, NULL, &status);
  if (U_FAILURE (status))
    return NULL;
  if (currency != NULL)
    {
      UChar code[4] = { 0 };

      u_charsToUChars (currency, code, 3);
      unum_setTextAttribute (format, UNUM_CURRENCY_CODE, code, 3, &status);
    }
  unum_setAttribute (format, UNUM_MIN_FRACTION_DIGITS, (int32_t) digits);
  unum_setAttribute (format, UNUM_MAX_FRACTION_DIGITS, (int32_t) digits);
  g_hash_table_insert (table, g_steal_pointer (&key), format);
  return format;
}

static char *
format_with_icu (UNumberFormatStyle  style,
                 const char         *currency,
                 const char         *decimal,
                 guint               digits)
{
  g_autofree char *locale = interface_locale ();
  UNumberFormat *format = get_formatter (style, locale, currency, digits);
  UErrorCode status = U_ZERO_ERROR;
  UChar result[128];
  char utf8[512];
  int32_t length;

  if (format == NULL)
    return NULL;
  length = unum_formatDecimal (format, decimal, -1, result, G_N_ELEMENTS (result), NULL, &status);
  if (U_FAILURE (status) || length < 0)
    return NULL;

  u_strToUTF8 (utf8, sizeof utf8, NULL, result, length, &status);
  return U_SUCCESS (status) ? g_strdup (utf8) : NULL;
}

/* A fixed-point number in the locale's way with only the decimals it
 * needs: 1.500 reads as 1.5, 2.000 as 2. */
static char *
format_trimmed (gint64 value,
                guint  digits)
{
  g_autofree char *decimal = decimal_string (value, digits);
  char *text;

  while (digits > 0 && decimal[strlen (decimal) - 1] == '0')
    {
      decimal[strlen (decimal) - 1] = '\0';
      digits--;
    }
  if (digits == 0 && strchr (decimal, '.') != NULL)
    decimal[strlen (decimal) - 1] = '\0';

  text = format_with_icu (UNUM_DECIMAL, NULL, decimal, digits);
  return text ? text : g_strdup (decimal);
}

/**
 * rapport_money_format:
 * @amount: in minor units
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer full): the amount as the person's locale writes money:
 *   “1 234,50 €”, “€1,234.50”, “۱٬۲۰۰٬۰۰۰ ریال”
 */
char *
rapport_money_format (gint64      amount,
                      const char *currency)
{
  guint digits = rapport_money_fraction_digits (currency);
  g_autofree char *decimal = decimal_string (amount, digits);
  char *text = format_with_icu (UNUM_CURRENCY, currency, decimal, digits);

  return text ? text : g_strdup_printf ("%s %s", decimal, currency ? currency : "");
}

/**
 * rapport_money_format_number:
 * @amount: in minor units
 * @currency: an ISO 4217 code
 *
 * Returns: (transfer full): the amount as the locale writes a number, with
 *   the currency's decimals and without its sign, for a field a person
 *   edits: “1 234,50”; rapport_money_parse() reads it back
 */
char *
rapport_money_format_number (gint64      amount,
                             const char *currency)
{
  guint digits = rapport_money_fraction_digits (currency);
  g_autofree char *decimal = decimal_string (amount, digits);
  char *text = format_with_icu (UNUM_DECIMAL, NULL, decimal, digits);

  return text ? text : g_strdup (decimal);
}

/**
 * rapport_quantity_format:
 * @thousandths: a quantity, in thousandths
 *
 * Returns: (transfer full): the quantity with as many decimals as it has,
 *   up to three, in the locale's way: “2”, “1,5”, “0.125”
 */
char *
rapport_quantity_format (gint64 thousandths)
{
  return format_trimmed (thousandths, 3);
}

/**
 * rapport_integer_format:
 * @n: a count or a number such as a page's
 *
 * Returns: (transfer full): @n with the grouping and the digits of the
 *   reader's language: “1,234”, “۱٬۲۳۴”
 */
char *
rapport_integer_format (gint64 n)
{
  return format_trimmed (n, 0);
}

/**
 * rapport_rate_format_number:
 * @hundredths: a rate in hundredths of a percent
 *
 * Returns: (transfer full): the rate's number alone, for a field under a
 *   “%” heading: “20”, “7,7”
 */
char *
rapport_rate_format_number (gint hundredths)
{
  return format_trimmed (hundredths, 2);
}

/**
 * rapport_rate_format:
 * @hundredths: a rate in hundredths of a percent
 *
 * Returns: (transfer full): the rate as a percentage: “20 %”, “7,7 %”
 */
char *
rapport_rate_format (gint hundredths)
{
  g_autofree char *number = rapport_rate_format_number (hundredths);

  /* TRANSLATORS: a percentage; %s is the number */
  return g_strdup_printf (_("%s %%"), number);
}

static gboolean
is_grouping (gunichar c)
{
  return c == ' ' || c == 0x00A0 || c == 0x202F || c == 0x2009 || c == '\'' || c == 0x066C
         || c == 0x2019;
}

/* The decimal point of the interface's language, as '.' or ','
 * (Persian's momayyez counts as a point): which one a lone separator
 * before three digits is. */
static char
locale_decimal_point (void)
{
  g_autofree char *locale = interface_locale ();
  UNumberFormat *format = get_formatter (UNUM_DECIMAL, locale, NULL, 0);
  UErrorCode status = U_ZERO_ERROR;
  UChar symbol[8];
  int32_t length;

  if (format == NULL)
    return '.';
  length = unum_getSymbol (format, UNUM_DECIMAL_SEPARATOR_SYMBOL, symbol, G_N_ELEMENTS (symbol), &status);
  if (U_FAILURE (status) || length != 1)
    return '.';
  return symbol[0] == ',' ? ',' : '.';
}

/* Where the separators of a typed number are: after how many digits,
 * and which kind. */
typedef struct
{
  guint digits_before;
  char  kind;
} Separator;

static gboolean
groups_of_three (const Separator *separators,
                 guint            n,
                 guint            point,
                 guint            n_digits)
{
  for (guint i = 0; i < n; i++)
    {
      guint next = i + 1 < n ? separators[i + 1].digits_before : n_digits;

      if (i != point && (next - separators[i].digits_before != 3 || separators[i].digits_before == 0))
        return FALSE;
    }
  return TRUE;
}

/* Reads what a person typed as a number with at most @max_fraction
 * decimals into an integer scaled by 10^@max_fraction. Digits of any
 * script; spaces, apostrophes and the like group; “.” and “,” are either
 * the decimal point or group thousands. Of two kinds, the last is the
 * point; one alone is the point unless it stands before exactly three
 * digits and is not the locale's own point; groups are of three digits. */
static gboolean
parse_scaled (const char  *text,
              guint        max_fraction,
              gint64      *value,
              gboolean    *negative)
{
  GString *digits;
  g_autofree char *all = NULL;
  Separator separators[32];
  guint n_separators = 0, point = G_MAXUINT;
  gboolean mixed = FALSE, ok = TRUE;
  guint64 scaled = 0;

  *negative = FALSE;
  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;

  digits = g_string_new (NULL);
  for (const char *p = text; *p != '\0' && ok; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      int digit = g_unichar_digit_value (c);

      if (digit >= 0)
        g_string_append_c (digits, (char) ('0' + digit));
      else if ((c == '.' || c == ',' || c == 0x066B) && n_separators < G_N_ELEMENTS (separators))
        {
          Separator separator = { (guint) digits->len, c == 0x066B ? '.' : (char) c };

          mixed = mixed || (n_separators > 0 && separator.kind != separators[0].kind);
          separators[n_separators++] = separator;
        }
      else if ((c == '-' || c == 0x2212) && digits->len == 0 && !*negative)
        *negative = TRUE;
      else if (!is_grouping (c))
        ok = FALSE;
    }
  all = g_string_free (digits, FALSE);

  if (!ok || *all == '\0')
    return FALSE;

  if (n_separators > 0)
    {
      Separator *last = &separators[n_separators - 1];
      guint after = (guint) strlen (all) - last->digits_before;

      if (mixed || (n_separators == 1 && (last->kind == locale_decimal_point () || after != 3)))
        point = n_separators - 1;
      if (mixed && separators[0].kind == last->kind)
        return FALSE;
      if (!groups_of_three (separators, n_separators, point, (guint) strlen (all)))
        return FALSE;
    }

  {
    guint n_digits = (guint) strlen (all);
    guint fraction = point == G_MAXUINT ? 0 : n_digits - separators[point].digits_before;
    guint integer_digits = n_digits - fraction;

    if (fraction > max_fraction || integer_digits + max_fraction > MAX_DIGITS)
      return FALSE;
    for (const char *p = all; *p != '\0'; p++)
      scaled = scaled * 10 + (guint64) (*p - '0');
    for (guint i = fraction; i < max_fraction; i++)
      scaled *= 10;
  }

  *value = (gint64) scaled;
  return TRUE;
}

/**
 * rapport_money_parse:
 * @text: an amount as a person typed it: “12,50”, “1 200”, “۱۲۰۰۰۰۰”
 * @currency: an ISO 4217 code: how many minor digits it has
 * @amount: (out): in minor units
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Returns: whether @text is an amount of that currency
 */
gboolean
rapport_money_parse (const char  *text,
                     const char  *currency,
                     gint64      *amount,
                     GError     **error)
{
  guint digits = rapport_money_fraction_digits (currency);
  gboolean negative;
  gint64 value;

  if (!parse_scaled (text, digits, &value, &negative) || value > RAPPORT_AMOUNT_MAX)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "“%s” is not an amount: write it with digits and at most %u decimal.",
                                "“%s” is not an amount: write it with digits and at most %u decimals.",
                                digits),
                   text ? text : "", digits);
      return FALSE;
    }
  *amount = negative ? -value : value;
  return TRUE;
}

/**
 * rapport_quantity_parse:
 * @text: a quantity as a person typed it: “2”, “1,5”, “0.125”
 * @thousandths: (out): the quantity, in thousandths
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 */
gboolean
rapport_quantity_parse (const char  *text,
                        gint64      *thousandths,
                        GError     **error)
{
  gboolean negative;
  gint64 value;

  if (!parse_scaled (text, 3, &value, &negative) || value > RAPPORT_QUANTITY_MAX)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a quantity: write it with digits and at most three decimals."),
                   text ? text : "");
      return FALSE;
    }
  *thousandths = negative ? -value : value;
  return TRUE;
}

/**
 * rapport_rate_parse:
 * @text: a percentage as a person typed it: “20”, “7,7”, “5 %”, “۲۰٪”
 * @hundredths: (out): the rate, in hundredths of a percent
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 */
gboolean
rapport_rate_parse (const char  *text,
                    gint        *hundredths,
                    GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text ? text : "", "\u066a", 2);
  /* The percent sign, ours or the Arabic script's, as rapport_rate_format()
   * writes it in Persian. */
  g_autofree char *without = g_strjoinv (" ", parts);
  char *percent = strchr (without, '%');
  gboolean negative;
  gint64 value;

  if (percent != NULL)
    *percent = ' ';
  if (!parse_scaled (without, 2, &value, &negative) || negative || value > RAPPORT_RATE_WHOLE)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("“%s” is not a percentage between 0 and 100."), text ? text : "");
      return FALSE;
    }
  *hundredths = (gint) value;
  return TRUE;
}
