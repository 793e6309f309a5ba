/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "rapport-context.h"
#include "rapport-order-list.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_ORDERS_PAGE (rapport_orders_page_get_type ())

G_DECLARE_FINAL_TYPE (RapportOrdersPage, rapport_orders_page, RAPPORT, ORDERS_PAGE, AdwBin)

RapportOrdersPage *rapport_orders_page_new          (RapportContext    *context);
RapportOrderList  *rapport_orders_page_get_list     (RapportOrdersPage *self);
void               rapport_orders_page_focus_search (RapportOrdersPage *self);
GtkWindow         *rapport_orders_page_new_order    (RapportOrdersPage *self,
                                                     gint64             client_id);
GtkWindow         *rapport_orders_page_open_order   (RapportOrdersPage *self,
                                                     gint64             order_id);

G_END_DECLS
