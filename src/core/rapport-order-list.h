/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-order-repository.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDER_LIST (rapport_order_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrderList, rapport_order_list, RAPPORT, ORDER_LIST, GObject)

RapportOrderList         *rapport_order_list_new         (RapportOrderRepository   *orders);
const RapportOrderFilter *rapport_order_list_get_filter  (RapportOrderList         *self);
void                      rapport_order_list_set_filter  (RapportOrderList         *self,
                                                          const RapportOrderFilter *filter);
gboolean                  rapport_order_list_get_loading (RapportOrderList         *self);
gboolean                  rapport_order_list_get_partial (RapportOrderList         *self);
gint64                    rapport_order_list_get_id      (RapportOrderList         *self,
                                                          guint                     position);
guint                     rapport_order_list_find        (RapportOrderList         *self,
                                                          gint64                    id);

G_END_DECLS
