/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "rapport-core"

/* Deliveries remind on their planned day, and stay overdue while late:
 * “delivery”. Its SQL is in the delivery repository
 * (rapport-delivery-repository-reminders.c). */

#include "rapport-delivery-repository.h"
#include "rapport-delivery-source.h"
#include "rapport-table-source-private.h"

static const RapportSourceTable delivery_table = {
  RAPPORT_REMINDER_SOURCE_DELIVERY,
  (RapportSourceCollectFunc) rapport_delivery_repository_collect_reminders,
  (RapportSourceCountFunc) rapport_delivery_repository_count_reminders,
  (RapportSourceLookupFunc) rapport_delivery_repository_get_reminder,
  (RapportSourceSetDoneFunc) rapport_delivery_repository_set_reminder_done,
};

/**
 * rapport_delivery_source_new:
 * @database: the database
 *
 * Returns: (transfer full): the source of reminders of deliveries planned
 *   for the day, and of late ones
 */
RapportReminderSource *
rapport_delivery_source_new (RapportDatabase *database)
{
  g_return_val_if_fail (RAPPORT_IS_DATABASE (database), NULL);

  return _rapport_table_source_new (&delivery_table, rapport_delivery_repository_new (database));
}
