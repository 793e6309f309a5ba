/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * RapportPaymentMethod:
 * @RAPPORT_PAYMENT_CASH: cash
 * @RAPPORT_PAYMENT_CARD: a card
 * @RAPPORT_PAYMENT_TRANSFER: a bank transfer
 * @RAPPORT_PAYMENT_OTHER: anything else
 */
typedef enum
{
  RAPPORT_PAYMENT_CASH,
  RAPPORT_PAYMENT_CARD,
  RAPPORT_PAYMENT_TRANSFER,
  RAPPORT_PAYMENT_OTHER,
} RapportPaymentMethod;

#define RAPPORT_TYPE_PAYMENT (rapport_payment_get_type ())

/**
 * RapportPayment:
 * @id: 0 until saved
 * @order_id: the order it pays
 * @paid_on: the day, `YYYY-MM-DD`
 * @amount: in minor units; a refund is negative
 * @method: how it was paid
 * @note: may be empty
 * @staff_id: who took it, or 0
 *
 * A payment of an order, or a refund.
 */
typedef struct
{
  gint64                id;
  gint64                order_id;
  char                 *paid_on;
  gint64                amount;
  RapportPaymentMethod  method;
  char                 *note;
  gint64                staff_id;
} RapportPayment;

GType           rapport_payment_get_type           (void) G_GNUC_CONST;
RapportPayment *rapport_payment_new                (gint64                order_id,
                                                    const char           *paid_on,
                                                    gint64                amount,
                                                    RapportPaymentMethod  method);
RapportPayment *rapport_payment_copy               (const RapportPayment *self);
void            rapport_payment_free               (RapportPayment       *self);
void            rapport_payment_set_note           (RapportPayment       *self,
                                                    const char           *note);
const char     *rapport_payment_method_to_string   (RapportPaymentMethod  method);
gboolean        rapport_payment_method_from_string (const char           *text,
                                                    RapportPaymentMethod *method);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RapportPayment, rapport_payment_free)

G_END_DECLS
