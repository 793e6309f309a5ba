/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "rapport-delivery.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_DELIVERY_ITEM (rapport_delivery_item_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveryItem, rapport_delivery_item, RAPPORT, DELIVERY_ITEM, GObject)

RapportDeliveryItem *rapport_delivery_item_new_delivery (RapportDelivery     *delivery);
RapportDeliveryItem *rapport_delivery_item_new_warranty (RapportWarranty     *warranty);
gint64               rapport_delivery_item_get_id       (RapportDeliveryItem *self);
RapportDelivery     *rapport_delivery_item_get_delivery (RapportDeliveryItem *self);
RapportWarranty     *rapport_delivery_item_get_warranty (RapportDeliveryItem *self);

G_END_DECLS
