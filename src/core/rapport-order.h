/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rapport-order-line.h"

G_BEGIN_DECLS

/**
 * RapportOrderStatus:
 * @RAPPORT_ORDER_DRAFT: being put together
 * @RAPPORT_ORDER_QUOTED: sent to the client as a quote, valid until a date
 * @RAPPORT_ORDER_CONFIRMED: the client said yes
 * @RAPPORT_ORDER_FULFILLED: everything was delivered or done
 * @RAPPORT_ORDER_CLOSED: done and settled
 * @RAPPORT_ORDER_LOST: the quote was not taken, for a reason
 * @RAPPORT_ORDER_CANCELLED: called off
 */
typedef enum
{
  RAPPORT_ORDER_DRAFT,
  RAPPORT_ORDER_QUOTED,
  RAPPORT_ORDER_CONFIRMED,
  RAPPORT_ORDER_FULFILLED,
  RAPPORT_ORDER_CLOSED,
  RAPPORT_ORDER_LOST,
  RAPPORT_ORDER_CANCELLED,
} RapportOrderStatus;

/**
 * RapportPaymentStatus:
 * @RAPPORT_PAYMENT_UNPAID: nothing paid
 * @RAPPORT_PAYMENT_PARTLY_PAID: some of it paid
 * @RAPPORT_PAYMENT_PAID: paid in full
 * @RAPPORT_PAYMENT_OVERPAID: more than the total paid
 */
typedef enum
{
  RAPPORT_PAYMENT_UNPAID,
  RAPPORT_PAYMENT_PARTLY_PAID,
  RAPPORT_PAYMENT_PAID,
  RAPPORT_PAYMENT_OVERPAID,
} RapportPaymentStatus;

#define RAPPORT_TYPE_ORDER (rapport_order_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrder, rapport_order, RAPPORT, ORDER, GObject)

RapportOrder       *rapport_order_new                    (gint64              client_id);
RapportOrder       *rapport_order_copy                   (RapportOrder       *self);

gint64              rapport_order_get_id                 (RapportOrder       *self);
void                rapport_order_set_id                 (RapportOrder       *self,
                                                          gint64              id);
const char         *rapport_order_get_number             (RapportOrder       *self);
void                rapport_order_set_number             (RapportOrder       *self,
                                                          const char         *number);
gint64              rapport_order_get_client_id          (RapportOrder       *self);
void                rapport_order_set_client_id          (RapportOrder       *self,
                                                          gint64              client_id);
const char         *rapport_order_get_client_name        (RapportOrder       *self);
gint64              rapport_order_get_staff_id           (RapportOrder       *self);
void                rapport_order_set_staff_id           (RapportOrder       *self,
                                                          gint64              staff_id);
const char         *rapport_order_get_ordered_on         (RapportOrder       *self);
void                rapport_order_set_ordered_on         (RapportOrder       *self,
                                                          const char         *iso_date);
RapportOrderStatus  rapport_order_get_status             (RapportOrder       *self);
const char         *rapport_order_get_quote_valid_until  (RapportOrder       *self);
void                rapport_order_set_quote_valid_until  (RapportOrder       *self,
                                                          const char         *iso_date);
gint64              rapport_order_get_lost_reason_id     (RapportOrder       *self);
const char         *rapport_order_get_lost_reason        (RapportOrder       *self);
guint               rapport_order_get_payment_terms_days (RapportOrder       *self);
void                rapport_order_set_payment_terms_days (RapportOrder       *self,
                                                          guint               days);
const char         *rapport_order_get_currency           (RapportOrder       *self);
void                rapport_order_set_currency           (RapportOrder       *self,
                                                          const char         *currency);
gboolean            rapport_order_get_prices_include_tax (RapportOrder       *self);
void                rapport_order_set_prices_include_tax (RapportOrder       *self,
                                                          gboolean            include);
const char         *rapport_order_get_notes              (RapportOrder       *self);
void                rapport_order_set_notes              (RapportOrder       *self,
                                                          const char         *notes);
gint64              rapport_order_get_campaign_id        (RapportOrder       *self);
void                rapport_order_set_campaign_id        (RapportOrder       *self,
                                                          gint64              campaign_id);
GPtrArray          *rapport_order_get_lines              (RapportOrder       *self);
void                rapport_order_add_line               (RapportOrder       *self,
                                                          const RapportOrderLine *line);
gint64              rapport_order_get_total              (RapportOrder       *self);
gint64              rapport_order_get_paid               (RapportOrder       *self);
gint64              rapport_order_get_balance            (RapportOrder       *self);
gint64              rapport_order_get_created_at         (RapportOrder       *self);

const char         *rapport_order_status_to_string       (RapportOrderStatus  status);
gboolean            rapport_order_status_from_string     (const char         *text,
                                                          RapportOrderStatus *status);

/* Filled in by the repository, not by people. */
void                _rapport_order_set_status            (RapportOrder       *self,
                                                          RapportOrderStatus  status);
void                _rapport_order_set_client_name       (RapportOrder       *self,
                                                          const char         *name);
void                _rapport_order_set_lost_reason       (RapportOrder       *self,
                                                          gint64              id,
                                                          const char         *name);
void                _rapport_order_set_money             (RapportOrder       *self,
                                                          gint64              total,
                                                          gint64              paid);
void                _rapport_order_set_created_at        (RapportOrder       *self,
                                                          gint64              created_at);

G_END_DECLS
