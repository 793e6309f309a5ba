/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* The one rounding rule, stated once: every order line is rounded on its
 * own, to the minor unit, half away from zero; an order's totals are the
 * exact sums of its lines. A line's amount is computed from quantity,
 * price and discount with a single rounding; its tax from that amount with
 * a second one. Intermediate products are exact (128-bit), and a result
 * past RAPPORT_AMOUNT_MAX is refused, never wrapped. */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "rapport-error.h"
#include "rapport-money.h"

G_STATIC_ASSERT (sizeof (__int128) == 16);

static __int128
divide_half_away (__int128 numerator,
                  __int128 denominator)
{
  __int128 quotient = numerator / denominator;
  __int128 remainder = numerator % denominator;

  if (remainder < 0)
    remainder = -remainder;
  if (2 * remainder >= denominator)
    quotient += numerator < 0 ? -1 : 1;
  return quotient;
}

/**
 * rapport_money_round_half_away:
 * @numerator: any amount
 * @denominator: above zero
 *
 * Returns: @numerator / @denominator rounded to the nearest whole number,
 *   halves away from zero (2.5 → 3, −2.5 → −3)
 */
gint64
rapport_money_round_half_away (gint64 numerator,
                               gint64 denominator)
{
  g_return_val_if_fail (denominator > 0, 0);

  return (gint64) divide_half_away (numerator, denominator);
}

static gboolean
too_large (GError **error)
{
  g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                       _("The amount is too large to be kept."));
  return FALSE;
}

/**
 * rapport_money_add:
 * @a: an amount
 * @b: another
 * @sum: (out): their sum
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Returns: %FALSE, with @error, when the sum would pass
 *   %RAPPORT_AMOUNT_MAX in either direction
 */
gboolean
rapport_money_add (gint64   a,
                   gint64   b,
                   gint64  *sum,
                   GError **error)
{
  __int128 exact = (__int128) a + b;

  if (exact > RAPPORT_AMOUNT_MAX || exact < -RAPPORT_AMOUNT_MAX)
    return too_large (error);
  *sum = (gint64) exact;
  return TRUE;
}

/**
 * rapport_money_line:
 * @quantity: in thousandths, above zero
 * @unit_price: in minor units, zero or more
 * @discount: in hundredths of a percent, 0 to %RAPPORT_RATE_WHOLE
 * @tax_rate: in hundredths of a percent, 0 to %RAPPORT_RATE_WHOLE
 * @prices_include_tax: whether @unit_price already includes the tax
 * @amounts: (out): what the line comes to
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * The amount is quantity × price × (1 − discount), rounded once; it is the
 * net amount when prices are before tax, the gross one when they include
 * it. The tax is then net × rate, or gross × rate / (1 + rate), rounded.
 *
 * Returns: %FALSE when a value is out of range or the line too large
 */
gboolean
rapport_money_line (gint64               quantity,
                    gint64               unit_price,
                    gint                 discount,
                    gint                 tax_rate,
                    gboolean             prices_include_tax,
                    RapportLineAmounts  *amounts,
                    GError             **error)
{
  __int128 amount, tax;

  g_return_val_if_fail (amounts != NULL, FALSE);

  if (quantity <= 0 || quantity > RAPPORT_QUANTITY_MAX
      || unit_price < 0 || unit_price > RAPPORT_AMOUNT_MAX
      || discount < 0 || discount > RAPPORT_RATE_WHOLE
      || tax_rate < 0 || tax_rate > RAPPORT_RATE_WHOLE)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("A quantity, price, discount or tax rate is out of range."));
      return FALSE;
    }

  amount = divide_half_away ((__int128) quantity * unit_price * (RAPPORT_RATE_WHOLE - discount),
                             (__int128) RAPPORT_QUANTITY_ONE * RAPPORT_RATE_WHOLE);
  if (prices_include_tax)
    tax = divide_half_away (amount * tax_rate, RAPPORT_RATE_WHOLE + tax_rate);
  else
    tax = divide_half_away (amount * tax_rate, RAPPORT_RATE_WHOLE);

  if ((prices_include_tax ? amount : amount + tax) > RAPPORT_AMOUNT_MAX)
    return too_large (error);

  amounts->net = (gint64) (prices_include_tax ? amount - tax : amount);
  amounts->tax = (gint64) tax;
  amounts->gross = amounts->net + amounts->tax;
  return TRUE;
}
