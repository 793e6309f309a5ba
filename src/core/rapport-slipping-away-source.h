/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The source's name: part of every identity it makes (“slipping-away:12”,
 * by client). */
#define RAPPORT_REMINDER_SOURCE_SLIPPING_AWAY "slipping-away"

#define RAPPORT_TYPE_SLIPPING_AWAY_SOURCE (rapport_slipping_away_source_get_type ())

G_DECLARE_FINAL_TYPE (RapportSlippingAwaySource, rapport_slipping_away_source, RAPPORT, SLIPPING_AWAY_SOURCE, GObject)

RapportReminderSource *rapport_slipping_away_source_new (RapportDatabase *database);

G_END_DECLS
