/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "rapport-database.h"
#include "rapport-reminder-source.h"

G_BEGIN_DECLS

/* The sources' names: part of every identity they make (“payment-due:12”). */
#define RAPPORT_REMINDER_SOURCE_PAYMENT_DUE "payment-due"
#define RAPPORT_REMINDER_SOURCE_QUOTE_END   "quote-end"

RapportReminderSource *rapport_payment_due_source_new (RapportDatabase *database);
RapportReminderSource *rapport_quote_end_source_new   (RapportDatabase *database);

G_END_DECLS
