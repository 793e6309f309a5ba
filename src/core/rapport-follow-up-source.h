/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The source's name: part of every identity it makes (“follow-up:12”). */
#define RAPPORT_REMINDER_SOURCE_FOLLOW_UP "follow-up"

RapportReminderSource *rapport_follow_up_source_new (RapportDatabase *database);

G_END_DECLS
