/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-payment.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_PAYMENT_REPOSITORY (rapport_payment_repository_get_type ())

G_DECLARE_FINAL_TYPE (RapportPaymentRepository, rapport_payment_repository, RAPPORT, PAYMENT_REPOSITORY, GObject)

RapportPaymentRepository *rapport_payment_repository_new (RapportDatabase *database);

gboolean   rapport_payment_repository_add            (RapportPaymentRepository  *self,
                                                      RapportPayment            *payment,
                                                      GError                   **error);
gboolean   rapport_payment_repository_take_back      (RapportPaymentRepository  *self,
                                                      gint64                     id,
                                                      GError                   **error);
void       rapport_payment_repository_add_async       (RapportPaymentRepository  *self,
                                                       RapportPayment            *payment,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
void       rapport_payment_repository_take_back_async (RapportPaymentRepository  *self,
                                                       gint64                     id,
                                                       GCancellable              *cancellable,
                                                       GAsyncReadyCallback        callback,
                                                       gpointer                   user_data);
gboolean   rapport_payment_repository_write_finish    (RapportPaymentRepository  *self,
                                                       GAsyncResult              *result,
                                                       GError                   **error);
GPtrArray *rapport_payment_repository_list_for_order (RapportPaymentRepository  *self,
                                                      gint64                     order_id,
                                                      GError                   **error);

G_END_DECLS
