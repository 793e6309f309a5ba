/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The source's name: part of every identity it makes (“delivery:12”). */
#define RAPPORT_REMINDER_SOURCE_DELIVERY "delivery"

#define RAPPORT_TYPE_DELIVERY_SOURCE (rapport_delivery_source_get_type ())

G_DECLARE_FINAL_TYPE (RapportDeliverySource, rapport_delivery_source, RAPPORT, DELIVERY_SOURCE, GObject)

RapportReminderSource *rapport_delivery_source_new (RapportDatabase *database);

G_END_DECLS
