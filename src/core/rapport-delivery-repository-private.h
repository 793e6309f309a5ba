/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database-private.h"
#include "rapport-delivery-repository.h"

G_BEGIN_DECLS

struct _RapportDeliveryRepository
{
  GObject          parent_instance;

  RapportDatabase *database;
};

/* The statuses of a delivery still on its way, as the SQL has them. */
#define DELIVERY_OPEN "('planned', 'packed', 'shipped', 'in-transit')"

/* Today on the database's clock, `YYYY-MM-DD` in local time. */
char     *_rapport_delivery_repository_dup_today       (RapportDatabase        *database);
/* Keeps a status a delivery took, with its time and who. */
gboolean  _rapport_delivery_repository_record_change   (RapportDatabase        *database,
                                                        gint64                  id,
                                                        RapportDeliveryStatus   status,
                                                        gint64                  staff_id,
                                                        const char             *note,
                                                        GError                **error);

/* In the order's transaction (rapport-delivery-repository-orders.c): a
 * cancelled or lost order's deliveries not yet sent fail with the reason,
 * and the order is refused when goods were sent or delivered; an order
 * marked fulfilled in the shop hands over what no delivery holds, as a
 * pick-up delivered today, which starts the warranties. */
gboolean  _rapport_delivery_repository_stop_for_order  (RapportDatabase        *database,
                                                        gint64                  order_id,
                                                        const char             *number,
                                                        gint64                  staff_id,
                                                        GError                **error);
gboolean  _rapport_delivery_repository_hand_over_rest  (RapportDatabase        *database,
                                                        gint64                  order_id,
                                                        gint64                  client_id,
                                                        gint64                  staff_id,
                                                        GError                **error);

G_END_DECLS
