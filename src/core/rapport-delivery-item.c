/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* One row of the Deliveries page: a delivery, or a warranty when the page
 * lists warranties. Owns what it holds. */

#include "rapport-delivery-item.h"

struct _RapportDeliveryItem
{
  GObject          parent_instance;

  RapportDelivery *delivery;
  RapportWarranty *warranty;
};

G_DEFINE_FINAL_TYPE (RapportDeliveryItem, rapport_delivery_item, G_TYPE_OBJECT)

static void
rapport_delivery_item_finalize (GObject *object)
{
  RapportDeliveryItem *self = RAPPORT_DELIVERY_ITEM (object);

  g_clear_pointer (&self->delivery, rapport_delivery_free);
  g_clear_pointer (&self->warranty, rapport_warranty_free);

  G_OBJECT_CLASS (rapport_delivery_item_parent_class)->finalize (object);
}

static void
rapport_delivery_item_class_init (RapportDeliveryItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_delivery_item_finalize;
}

static void
rapport_delivery_item_init (RapportDeliveryItem *self)
{
}

/**
 * rapport_delivery_item_new_delivery:
 * @delivery: (transfer full): a delivery
 *
 * Returns: (transfer full): a row holding it
 */
RapportDeliveryItem *
rapport_delivery_item_new_delivery (RapportDelivery *delivery)
{
  RapportDeliveryItem *self = g_object_new (RAPPORT_TYPE_DELIVERY_ITEM, NULL);

  self->delivery = delivery;
  return self;
}

/**
 * rapport_delivery_item_new_warranty:
 * @warranty: (transfer full): a warranty
 *
 * Returns: (transfer full): a row holding it
 */
RapportDeliveryItem *
rapport_delivery_item_new_warranty (RapportWarranty *warranty)
{
  RapportDeliveryItem *self = g_object_new (RAPPORT_TYPE_DELIVERY_ITEM, NULL);

  self->warranty = warranty;
  return self;
}

gint64
rapport_delivery_item_get_id (RapportDeliveryItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_ITEM (self), 0);
  return self->delivery ? self->delivery->id : self->warranty ? self->warranty->id : 0;
}

/* Returns: (transfer none) (nullable): the delivery, when it is one */
RapportDelivery *
rapport_delivery_item_get_delivery (RapportDeliveryItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_ITEM (self), NULL);
  return self->delivery;
}

/* Returns: (transfer none) (nullable): the warranty, when it is one */
RapportWarranty *
rapport_delivery_item_get_warranty (RapportDeliveryItem *self)
{
  g_return_val_if_fail (RAPPORT_IS_DELIVERY_ITEM (self), NULL);
  return self->warranty;
}
