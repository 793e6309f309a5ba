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

G_END_DECLS
