/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The source's name: part of every identity it makes (“delivery:12”). */
#define RAPPORT_REMINDER_SOURCE_DELIVERY "delivery"

RapportReminderSource *rapport_delivery_source_new (RapportDatabase *database);

G_END_DECLS
