/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Orders remind of two things: a sale whose payment day passed with money
 * still owed (“payment-due”), and a quote about to end (“quote-end”), a
 * couple of days before its last day. The order repository serves both,
 * told which by a flag (rapport-order-repository-reminders.c). Done means
 * the person dealt with it without the money or the answer having come. */

#include "rapport-order-reminder-source.h"
#include "rapport-order-repository.h"
#include "rapport-table-source-private.h"

static const RapportSourceTable payment_due_table =
  RAPPORT_FLAG_SOURCE_TABLE (RAPPORT_REMINDER_SOURCE_PAYMENT_DUE, TRUE, rapport_order_repository);
static const RapportSourceTable quote_end_table =
  RAPPORT_FLAG_SOURCE_TABLE (RAPPORT_REMINDER_SOURCE_QUOTE_END, FALSE, rapport_order_repository);

/**
 * rapport_payment_due_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of sales still to be
 *   paid after their payment day
 */
RapportReminderSource *
rapport_payment_due_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&payment_due_table, rapport_order_repository_new (database));
}

/**
 * rapport_quote_end_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of quotes about to end
 */
RapportReminderSource *
rapport_quote_end_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&quote_end_table, rapport_order_repository_new (database));
}
