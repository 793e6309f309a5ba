/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The source's name: part of every identity it makes (“slipping-away:12”,
 * by client). */
#define RAPPORT_REMINDER_SOURCE_SLIPPING_AWAY "slipping-away"

RapportReminderSource *rapport_slipping_away_source_new (RapportDatabase *database);

G_END_DECLS
