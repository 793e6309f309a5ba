/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "rapport-database.h"
#include "rapport-delivery-item.h"
#include "rapport-delivery-repository.h"

G_BEGIN_DECLS

/**
 * RapportDeliveryListMode:
 * @RAPPORT_DELIVERY_LIST_DELIVERIES: deliveries, by the filter's days
 * @RAPPORT_DELIVERY_LIST_WARRANTIES: warranties ending from today to the
 *   given number of days on, the first to end first
 */
typedef enum
{
  RAPPORT_DELIVERY_LIST_DELIVERIES,
  RAPPORT_DELIVERY_LIST_WARRANTIES,
} RapportDeliveryListMode;

#define RAPPORT_TYPE_DELIVERY_LIST (rapport_delivery_list_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliveryList, rapport_delivery_list, RAPPORT, DELIVERY_LIST, GObject)

RapportDeliveryList *rapport_delivery_list_new         (RapportDatabase       *database);
void                 rapport_delivery_list_set_query   (RapportDeliveryList   *self,
                                                        RapportDeliveryListMode mode,
                                                        RapportDeliveryWhen    when,
                                                        const char            *today,
                                                        guint                  days,
                                                        const char            *text);
RapportDeliveryListMode rapport_delivery_list_get_mode (RapportDeliveryList   *self);
gboolean             rapport_delivery_list_get_loading (RapportDeliveryList   *self);
gint64               rapport_delivery_list_get_id      (RapportDeliveryList   *self,
                                                        guint                  position);

G_END_DECLS
