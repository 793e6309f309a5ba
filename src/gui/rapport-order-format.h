/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "rapport-order.h"
#include "rapport-payment.h"

G_BEGIN_DECLS

const char *rapport_format_order_status    (RapportOrderStatus    status);
const char *rapport_format_order_status_style (RapportOrderStatus status);
const char *rapport_format_payment_status  (RapportPaymentStatus  status);
const char *rapport_format_payment_method  (RapportPaymentMethod  method);
const char *rapport_format_status_verb     (RapportOrderStatus    status);

G_END_DECLS
