/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-order-format.h"

/* What the order screens call statuses and payments, as a title or a
 * label reads them (the core's own words are for sentences). */

const char *
rapport_format_order_status (RapportOrderStatus status)
{
  switch (status)
    {
    case RAPPORT_ORDER_DRAFT: return C_("order status", "Draft");
    case RAPPORT_ORDER_QUOTED: return C_("order status", "Quoted");
    case RAPPORT_ORDER_CONFIRMED: return C_("order status", "Confirmed");
    case RAPPORT_ORDER_FULFILLED: return C_("order status", "Fulfilled");
    case RAPPORT_ORDER_CLOSED: return C_("order status", "Closed");
    case RAPPORT_ORDER_LOST: return C_("order status", "Lost");
    case RAPPORT_ORDER_CANCELLED: return C_("order status", "Cancelled");
    default: return C_("order status", "Unknown");
    }
}

/* The style class that colours a status: what still needs doing stands
 * out, what ended badly is dimmed. */
const char *
rapport_format_order_status_style (RapportOrderStatus status)
{
  switch (status)
    {
    case RAPPORT_ORDER_DRAFT:
    case RAPPORT_ORDER_QUOTED: return "accent";
    case RAPPORT_ORDER_CONFIRMED: return "warning";
    case RAPPORT_ORDER_FULFILLED:
    case RAPPORT_ORDER_CLOSED: return "success";
    case RAPPORT_ORDER_LOST:
    case RAPPORT_ORDER_CANCELLED:
    default: return "dim-label";
    }
}

/* The button that moves an order to @status. */
const char *
rapport_format_status_verb (RapportOrderStatus status)
{
  switch (status)
    {
    case RAPPORT_ORDER_DRAFT: return _("Back to _Draft");
    case RAPPORT_ORDER_QUOTED: return _("Send as _Quote");
    case RAPPORT_ORDER_CONFIRMED: return _("C_onfirm");
    case RAPPORT_ORDER_FULFILLED: return _("Mark _Fulfilled");
    case RAPPORT_ORDER_CLOSED: return _("C_lose");
    case RAPPORT_ORDER_LOST: return _("Mark _Lost…");
    case RAPPORT_ORDER_CANCELLED: return _("Ca_ncel Order…");
    default: return NULL;
    }
}

const char *
rapport_format_payment_status (RapportPaymentStatus status)
{
  switch (status)
    {
    case RAPPORT_PAYMENT_UNPAID: return C_("payment status", "Unpaid");
    case RAPPORT_PAYMENT_PARTLY_PAID: return C_("payment status", "Partly paid");
    case RAPPORT_PAYMENT_PAID: return C_("payment status", "Paid");
    case RAPPORT_PAYMENT_OVERPAID: return C_("payment status", "Overpaid");
    default: return C_("payment status", "Unknown");
    }
}

const char *
rapport_format_payment_method (RapportPaymentMethod method)
{
  switch (method)
    {
    case RAPPORT_PAYMENT_CASH: return C_("payment method", "Cash");
    case RAPPORT_PAYMENT_CARD: return C_("payment method", "Card");
    case RAPPORT_PAYMENT_TRANSFER: return C_("payment method", "Bank transfer");
    case RAPPORT_PAYMENT_OTHER:
    default: return C_("payment method", "Other");
    }
}
