/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CLIENT_ORDERS (rapport_client_orders_get_type ())

G_DECLARE_FINAL_TYPE (RapportClientOrders, rapport_client_orders, RAPPORT, CLIENT_ORDERS, AdwPreferencesGroup)

void     rapport_client_orders_set_context   (RapportClientOrders *self,
                                              RapportContext      *context);
gboolean rapport_client_orders_set_client_id (RapportClientOrders *self,
                                              gint64               client_id,
                                              GError             **error);
gint64   rapport_client_orders_get_balance   (RapportClientOrders *self);
guint    rapport_client_orders_get_n_shown   (RapportClientOrders *self);

G_END_DECLS
