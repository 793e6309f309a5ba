/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The sources' names: part of every identity they make (“warranty-end:12”). */
#define RAPPORT_REMINDER_SOURCE_WARRANTY_SOON "warranty-soon"
#define RAPPORT_REMINDER_SOURCE_WARRANTY_END  "warranty-end"

RapportReminderSource *rapport_warranty_soon_source_new (RapportDatabase *database);
RapportReminderSource *rapport_warranty_end_source_new  (RapportDatabase *database);

G_END_DECLS
