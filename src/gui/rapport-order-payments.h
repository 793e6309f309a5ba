/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER_PAYMENTS (rapport_order_payments_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderPayments, rapport_order_payments, RAPPORT, ORDER_PAYMENTS, AdwPreferencesGroup)

void rapport_order_payments_set_context  (RapportOrderPayments *self,
                                          RapportContext       *context);
void rapport_order_payments_set_order    (RapportOrderPayments *self,
                                          RapportOrder         *order,
                                          gboolean              saved);
void rapport_order_payments_set_staff_id (RapportOrderPayments *self,
                                          gint64                staff_id);

G_END_DECLS
