/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* What an order must be, what it comes to, and what may happen to it:
 * rules that hold whatever database keeps the order. */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "rapport-error.h"
#include "rapport-order-rules.h"
#include "rapport-text.h"

#define MAX_LINES 10000
#define MAX_TERMS_DAYS 3650

/* Which status may follow which. Lost and cancelled are reached only with
 * their own steps (a reason, what happens to the money). */
static const guint8 allowed[][7] = {
  /*                 draft quoted confirmed fulfilled closed lost cancelled */
  [RAPPORT_ORDER_DRAFT]     = { 0, 1, 1, 0, 0, 0, 1 },
  [RAPPORT_ORDER_QUOTED]    = { 1, 0, 1, 0, 0, 1, 1 },
  [RAPPORT_ORDER_CONFIRMED] = { 0, 0, 0, 1, 0, 0, 1 },
  [RAPPORT_ORDER_FULFILLED] = { 0, 0, 0, 0, 1, 0, 0 },
  [RAPPORT_ORDER_CLOSED]    = { 0, 0, 0, 0, 0, 0, 0 },
  [RAPPORT_ORDER_LOST]      = { 0, 1, 0, 0, 0, 0, 0 },
  [RAPPORT_ORDER_CANCELLED] = { 0, 0, 0, 0, 0, 0, 0 },
};

/**
 * rapport_order_can_become:
 * @from: the order's status
 * @to: the one asked for
 *
 * Draft → quoted → confirmed → fulfilled → closed; a draft may also be
 * confirmed at once; a quote may go back to draft, be lost, or be
 * cancelled, as may a draft or a confirmed order; a lost quote may be
 * quoted again. Closed and cancelled orders are history.
 *
 * Returns: whether the change is allowed
 */
gboolean
rapport_order_can_become (RapportOrderStatus from,
                          RapportOrderStatus to)
{
  if (from > RAPPORT_ORDER_CANCELLED || to > RAPPORT_ORDER_CANCELLED)
    return FALSE;
  return allowed[from][to] != 0;
}

/**
 * rapport_order_status_allows_editing:
 * @status: an order's status
 *
 * Returns: whether lines, prices and the client may still change: until
 *   the order is fulfilled
 */
gboolean
rapport_order_status_allows_editing (RapportOrderStatus status)
{
  return status == RAPPORT_ORDER_DRAFT || status == RAPPORT_ORDER_QUOTED
         || status == RAPPORT_ORDER_CONFIRMED;
}

/**
 * rapport_order_counts_as_sale:
 * @status: an order's status
 *
 * Returns: whether the order is a sale: confirmed, fulfilled or closed —
 *   what a client owes and has spent
 */
gboolean
rapport_order_counts_as_sale (RapportOrderStatus status)
{
  return status == RAPPORT_ORDER_CONFIRMED || status == RAPPORT_ORDER_FULFILLED
         || status == RAPPORT_ORDER_CLOSED;
}

static const char *
status_name (RapportOrderStatus status)
{
  switch (status)
    {
    case RAPPORT_ORDER_DRAFT: return C_("order status", "draft");
    case RAPPORT_ORDER_QUOTED: return C_("order status", "quoted");
    case RAPPORT_ORDER_CONFIRMED: return C_("order status", "confirmed");
    case RAPPORT_ORDER_FULFILLED: return C_("order status", "fulfilled");
    case RAPPORT_ORDER_CLOSED: return C_("order status", "closed");
    case RAPPORT_ORDER_LOST: return C_("order status", "lost");
    case RAPPORT_ORDER_CANCELLED: return C_("order status", "cancelled");
    default: return "?";
    }
}

/**
 * rapport_order_check_status_change:
 * @order: an order
 * @to: the status asked for
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Returns: whether @order may become @to, with a message that says why not
 */
gboolean
rapport_order_check_status_change (RapportOrder        *order,
                                   RapportOrderStatus   to,
                                   GError             **error)
{
  RapportOrderStatus from = rapport_order_get_status (order);

  if (rapport_order_can_become (from, to))
    return TRUE;

  g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
               /* TRANSLATORS: an order number, then two order statuses */
               _("Order %s is %s and cannot become %s."),
               rapport_order_get_number (order), status_name (from), status_name (to));
  return FALSE;
}

/**
 * rapport_order_check_payment:
 * @order: an order
 * @amount: a payment, in minor units; a refund is negative
 * @error: return location for a %RAPPORT_ERROR_INVALID error
 *
 * Payments go to confirmed, fulfilled and closed orders; a refund never
 * takes back more than was paid.
 */
gboolean
rapport_order_check_payment (RapportOrder  *order,
                             gint64         amount,
                             GError       **error)
{
  RapportOrderStatus status = rapport_order_get_status (order);

  if (status == RAPPORT_ORDER_DRAFT || status == RAPPORT_ORDER_QUOTED)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Order %s is not confirmed yet: confirm it before taking a payment."),
                   rapport_order_get_number (order));
      return FALSE;
    }
  if (status == RAPPORT_ORDER_CANCELLED || status == RAPPORT_ORDER_LOST)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Order %s is %s: it takes no payments."),
                   rapport_order_get_number (order), status_name (status));
      return FALSE;
    }
  if (amount == 0 || amount > RAPPORT_AMOUNT_MAX || amount < -RAPPORT_AMOUNT_MAX)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Amount: enter an amount above zero, or below zero for a refund."));
      return FALSE;
    }
  if (amount < 0 && -amount > rapport_order_get_paid (order))
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Amount: a refund cannot be more than was paid."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_payment_status_of:
 * @total: what an order comes to
 * @paid: what was paid, refunds taken off
 *
 * Returns: unpaid, partly paid, paid or overpaid
 */
RapportPaymentStatus
rapport_payment_status_of (gint64 total,
                           gint64 paid)
{
  if (paid > total)
    return RAPPORT_PAYMENT_OVERPAID;
  if (paid == total)
    return RAPPORT_PAYMENT_PAID;
  if (paid <= 0)
    return RAPPORT_PAYMENT_UNPAID;
  return RAPPORT_PAYMENT_PARTLY_PAID;
}

/**
 * rapport_order_dup_payment_due_on:
 * @order: an order with a valid date
 *
 * Returns: (transfer full): the day payment is due: the order's date and
 *   the payment terms' days
 */
char *
rapport_order_dup_payment_due_on (RapportOrder *order)
{
  const char *ordered_on = rapport_order_get_ordered_on (order);
  GDate date;
  char text[16];

  g_return_val_if_fail (rapport_date_validate (ordered_on, NULL), NULL);

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, (GDateDay) g_ascii_strtoull (ordered_on + 8, NULL, 10),
                  (GDateMonth) g_ascii_strtoull (ordered_on + 5, NULL, 10),
                  (GDateYear) g_ascii_strtoull (ordered_on, NULL, 10));
  g_date_add_days (&date, MIN (rapport_order_get_payment_terms_days (order), MAX_TERMS_DAYS));
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &date);
  return g_strdup (text);
}

/**
 * rapport_order_line_tidy:
 * @line: a line a person entered or changed
 * @number: its place in the order, from 1, for the messages
 * @prices_include_tax: the order's way of pricing
 * @error: where a refusal is told, naming the line
 *
 * Checks one line and works out its amounts (net, tax, gross), as the
 * order's totals will.
 *
 * Returns: whether the line may be kept
 */
gboolean
rapport_order_line_tidy (RapportOrderLine  *line,
                         guint              number,
                         gboolean           prices_include_tax,
                         GError           **error)
{
  g_autoptr(GError) local_error = NULL;
  RapportLineAmounts amounts;
  g_autofree char *name = g_strstrip (g_strdup (line->name ? line->name : ""));

  if (*name == '\0')
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: say what is sold."), number);
      return FALSE;
    }
  if (line->quantity <= 0 || line->quantity > RAPPORT_QUANTITY_MAX)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: the quantity must be above zero."), number);
      return FALSE;
    }
  if (line->unit_price < 0)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: the price cannot be below zero; give a discount instead."), number);
      return FALSE;
    }
  if (line->discount < 0 || line->discount > RAPPORT_RATE_WHOLE)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: a discount is between 0 and 100 %%."), number);
      return FALSE;
    }
  if (line->tax_rate < 0 || line->tax_rate > RAPPORT_RATE_WHOLE)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: a tax rate is between 0 and 100 %%."), number);
      return FALSE;
    }
  if (line->warranty_months < 0 || line->warranty_months > 1200)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: a warranty is between 0 and 1200 months."), number);
      return FALSE;
    }
  if (!rapport_money_line (line->quantity, line->unit_price, line->discount, line->tax_rate,
                           prices_include_tax, &amounts, &local_error))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Line %u: %s"), number, local_error->message);
      return FALSE;
    }

  rapport_order_line_set_name (line, name);
  line->net = amounts.net;
  line->tax = amounts.tax;
  line->gross = amounts.gross;
  return TRUE;
}

static gboolean
check_dates (RapportOrder  *order,
             GError       **error)
{
  const char *valid_until = rapport_order_get_quote_valid_until (order);

  if (!rapport_date_validate (rapport_order_get_ordered_on (order), error))
    {
      g_prefix_error (error, _("Date: "));
      return FALSE;
    }
  if (valid_until != NULL && !rapport_date_validate (valid_until, error))
    {
      g_prefix_error (error, _("Valid until: "));
      return FALSE;
    }
  if (valid_until != NULL && g_strcmp0 (valid_until, rapport_order_get_ordered_on (order)) < 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Valid until: a quote cannot end before the order's date."));
      return FALSE;
    }
  return TRUE;
}

/**
 * rapport_order_tidy:
 * @order: an order a person entered or changed
 * @error: return location for a %RAPPORT_ERROR_INVALID error naming the
 *   field or the line
 *
 * Checks the order and each line, trims what was typed, and computes each
 * line's amounts by the one rounding rule (rapport_money_line()).
 *
 * Returns: whether @order may be saved
 */
gboolean
rapport_order_tidy (RapportOrder  *order,
                    GError       **error)
{
  GPtrArray *lines;
  const char *currency;
  g_autofree char *notes = NULL;

  g_return_val_if_fail (RAPPORT_IS_ORDER (order), FALSE);

  lines = rapport_order_get_lines (order);
  currency = rapport_order_get_currency (order);

  if (rapport_order_get_client_id (order) == 0)
    {
      g_set_error_literal (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                           _("Client: an order is for a client; choose one."));
      return FALSE;
    }
  if (!check_dates (order, error))
    return FALSE;
  if (strlen (currency) != 3 || !g_ascii_isupper (currency[0]) || !g_ascii_isupper (currency[1])
      || !g_ascii_isupper (currency[2]))
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Currency: “%s” is not a currency code such as EUR or RUB."), currency);
      return FALSE;
    }
  if (rapport_order_get_payment_terms_days (order) > MAX_TERMS_DAYS)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("Payment terms: at most %d days."), MAX_TERMS_DAYS);
      return FALSE;
    }
  if (lines->len > MAX_LINES)
    {
      g_set_error (error, RAPPORT_ERROR, RAPPORT_ERROR_INVALID,
                   _("An order has at most %d lines."), MAX_LINES);
      return FALSE;
    }

  for (guint i = 0; i < lines->len; i++)
    if (!rapport_order_line_tidy (g_ptr_array_index (lines, i), i + 1,
                    rapport_order_get_prices_include_tax (order), error))
      return FALSE;

  notes = g_strstrip (g_strdup (rapport_order_get_notes (order)));
  rapport_order_set_notes (order, notes);
  return TRUE;
}

static int
compare_rates (gconstpointer a,
               gconstpointer b)
{
  return ((const RapportTaxSum *) a)->tax_rate - ((const RapportTaxSum *) b)->tax_rate;
}

static gboolean
add_to_rate (GArray            *by_rate,
             RapportOrderLine  *line,
             GError           **error)
{
  for (guint i = 0; i < by_rate->len; i++)
    {
      RapportTaxSum *sum = &g_array_index (by_rate, RapportTaxSum, i);

      if (sum->tax_rate == line->tax_rate)
        return rapport_money_add (sum->net, line->net, &sum->net, error)
               && rapport_money_add (sum->tax, line->tax, &sum->tax, error);
    }

  {
    RapportTaxSum sum = { line->tax_rate, line->net, line->tax };
    g_array_append_val (by_rate, sum);
  }
  return TRUE;
}

/**
 * rapport_order_compute_totals:
 * @order: an order whose lines were tidied (rapport_order_tidy())
 * @totals: (out caller-allocates): the totals; clear with
 *   rapport_order_totals_clear()
 * @error: return location for a %RAPPORT_ERROR_INVALID error when the
 *   order is too large to add up
 *
 * The totals are the exact sums of the lines; the tax summary adds the
 * lines of each rate.
 */
gboolean
rapport_order_compute_totals (RapportOrder        *order,
                              RapportOrderTotals  *totals,
                              GError             **error)
{
  GPtrArray *lines = rapport_order_get_lines (order);

  totals->net = totals->tax = totals->gross = 0;
  totals->by_rate = g_array_new (FALSE, FALSE, sizeof (RapportTaxSum));

  for (guint i = 0; i < lines->len; i++)
    {
      RapportOrderLine *line = g_ptr_array_index (lines, i);

      if (!rapport_money_add (totals->net, line->net, &totals->net, error)
          || !rapport_money_add (totals->tax, line->tax, &totals->tax, error)
          || !rapport_money_add (totals->gross, line->gross, &totals->gross, error)
          || !add_to_rate (totals->by_rate, line, error))
        {
          rapport_order_totals_clear (totals);
          return FALSE;
        }
    }

  g_array_sort (totals->by_rate, compare_rates);
  return TRUE;
}

void
rapport_order_totals_clear (RapportOrderTotals *totals)
{
  g_clear_pointer (&totals->by_rate, g_array_unref);
}
