/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

#include "rapport-payment.h"
#include "rapport-set-str-private.h"

G_DEFINE_BOXED_TYPE (RapportPayment, rapport_payment, rapport_payment_copy, rapport_payment_free)

/* The words stored in the database; never translated. */
static const char * const method_names[] = { "cash", "card", "transfer", "other" };

/**
 * rapport_payment_new:
 * @order_id: the order paid
 * @paid_on: the day, `YYYY-MM-DD`
 * @amount: in minor units; negative for a refund
 * @method: how
 *
 * Returns: (transfer full): a new payment
 */
RapportPayment *
rapport_payment_new (gint64                order_id,
                     const char           *paid_on,
                     gint64                amount,
                     RapportPaymentMethod  method)
{
  RapportPayment *self = g_new0 (RapportPayment, 1);

  self->order_id = order_id;
  self->paid_on = _rapport_strdup_valid (paid_on ? paid_on : "");
  self->amount = amount;
  self->method = method;
  self->note = g_strdup ("");
  return self;
}

RapportPayment *
rapport_payment_copy (const RapportPayment *self)
{
  RapportPayment *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = g_memdup2 (self, sizeof *self);
  copy->paid_on = g_strdup (self->paid_on);
  copy->note = g_strdup (self->note);
  return copy;
}

void
rapport_payment_free (RapportPayment *self)
{
  if (self == NULL)
    return;
  g_free (self->paid_on);
  g_free (self->note);
  g_free (self);
}

void
rapport_payment_set_note (RapportPayment *self,
                          const char     *note)
{
  g_return_if_fail (self != NULL);
  _rapport_set_str (&self->note, note ? note : "");
}

const char *
rapport_payment_method_to_string (RapportPaymentMethod method)
{
  g_return_val_if_fail (method <= RAPPORT_PAYMENT_OTHER, "other");
  return method_names[method];
}

gboolean
rapport_payment_method_from_string (const char           *text,
                                    RapportPaymentMethod *method)
{
  for (guint i = 0; i < G_N_ELEMENTS (method_names); i++)
    if (g_strcmp0 (text, method_names[i]) == 0)
      {
        *method = (RapportPaymentMethod) i;
        return TRUE;
      }
  return FALSE;
}
